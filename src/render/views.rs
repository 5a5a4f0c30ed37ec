//! Typed template views: the documented shape of what every template receives. A misspelt
//! field is a compile error here, not an empty string on the page.

use serde::Serialize;

use crate::config::Date;
use crate::model::Audience;

/// `site`: available to every template.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// The path the site lives under, with slashes: `/` or `/wbl/`. Prefix every link with it.
    pub base_path: &'a str,
    pub base_url: &'a str,
    pub build_date: DateText,
    /// The header's navigation: the toolkits index and the standalone pages.
    pub nav: Vec<Link>,
    /// Whether the site has a catalog (opportunity, employer and pathway pages).
    pub has_catalog: bool,
}

/// `page`: what every template knows about the page being rendered.
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Absolute URL, for `<link rel="canonical">`.
    pub canonical: String,
    /// Which template: home, toolkits, toolkit, chapter, print, audience, page, 404.
    pub kind: &'static str,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A date as `{ iso: "2026-10-01", long: "October 1, 2026" }`.
#[derive(Serialize, Clone)]
pub struct DateText {
    pub iso: String,
    pub long: String,
}

impl From<Date> for DateText {
    fn from(d: Date) -> DateText {
        DateText {
            iso: d.iso(),
            long: d.long(),
        }
    }
}

/// An audience tag, linking to the toolkit's view for that audience.
#[derive(Serialize, Clone)]
pub struct AudienceTag {
    pub slug: &'static str,
    pub label: &'static str,
    pub url: String,
    /// How many pages of the toolkit are for this audience.
    pub count: usize,
}

impl AudienceTag {
    pub fn new(audience: Audience, toolkit_url: &str, count: usize) -> AudienceTag {
        AudienceTag {
            slug: audience.slug(),
            label: audience.label(),
            url: format!("{toolkit_url}for/{}/", audience.slug()),
            count,
        }
    }
}

/// `toolkit`: the toolkit a page belongs to.
#[derive(Serialize, Clone)]
pub struct ToolkitView {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub print_url: String,
    /// The adaptation guide, on a regional toolkit of a site with districts.
    pub adapt_url: Option<String>,
    pub audiences: Vec<AudienceTag>,
    pub page_count: usize,
}

/// A node of the toolkit's navigation tree (sidebar and landing page).
#[derive(Serialize, Clone)]
pub struct TreeNode {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub children: Vec<TreeNode>,
}

/// An entry of a page's on-page contents.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub level: u8,
    pub id: &'a str,
    pub title: &'a str,
}

/// A chapter in the print edition.
#[derive(Serialize)]
pub struct PrintChapter<'a> {
    pub anchor: String,
    pub title: &'a str,
    /// 0 for the toolkit's introduction, 1 for chapters, 2 for their sections, ...
    pub depth: usize,
    pub content: &'a str,
    pub audience: Vec<AudienceTag>,
}

/// An entry of an audience view.
#[derive(Serialize)]
pub struct AudienceEntry<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub url: String,
    pub depth: usize,
}
