//! Render stage, typed template views: the pieces the template contexts of
//! [`super::contexts`] are made of. A misspelt field is a compile error here, not an empty
//! string on the page.

use serde::Serialize;

use crate::config::Date;
use crate::model::Audience;

use super::Strings;

/// `site`: what every template knows about the site (from `content/site.toml`). Owned, so a
/// rebuild can compare it with the previous build's.
#[derive(Serialize, Clone, PartialEq)]
pub struct SiteView {
    /// The site's title (`title` in `site.toml`).
    pub title: String,
    /// The site's description, for `<meta name="description">` and the home page.
    pub description: String,
    /// The language tag of the content (`language`), for `<html lang>`.
    pub language: String,
    /// The path the pages of this language live under, with slashes: `/` or `/wbl/`, and
    /// `/es/` in a language edition. Prefix every link to a page with it.
    pub base_path: String,
    /// The path the files every language shares live under (the theme's static files):
    /// the site's base path, `/` or `/wbl/`.
    pub static_path: String,
    /// The absolute address the site is served from, without a trailing slash.
    pub base_url: String,
    /// The date the site was built (the configured date, or today).
    pub build_date: DateText,
    /// The header's navigation: the toolkits index, the catalog indexes when there is a
    /// catalog, the districts index when there are districts, and the standalone pages
    /// whose `menu` is `header` (the default).
    pub nav: Vec<Link>,
    /// The footer's list of pages: the standalone pages whose `menu` is `footer`
    /// (statements and policies), in the pages' order; empty when there are none.
    pub footer_nav: Vec<Link>,
    /// Whether the site has a catalog (opportunity, employer and pathway pages).
    pub has_catalog: bool,
}

/// `languages`: the site's languages as one page sees them; `null` on a site in one language.
#[derive(Serialize)]
pub struct LanguagesView {
    /// The page's language: `es`.
    pub code: String,
    /// The default language: what content shown untranslated is marked with (`lang`).
    pub default: String,
    /// The same page in every language, the default first, then by code.
    pub alternates: Vec<Alternate>,
    /// The absolute URL of the page in the default language, for `hreflang="x-default"`.
    pub x_default: String,
    /// Whether the page's content is in the page's language; `null` on pages that are not
    /// one translatable page (listings, indexes, search).
    pub translation: Option<TranslationView>,
}

/// The same page in one language, for the alternates in the head and the switcher.
#[derive(Serialize, Clone)]
pub struct Alternate {
    /// The language's code, for `hreflang` and `lang`.
    pub code: String,
    /// The language's own name for itself: `Español`.
    pub name: String,
    /// The page in that language, root-relative.
    pub url: String,
    /// The page in that language, absolute.
    pub absolute: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// One page's translation, as its notice shows it.
#[derive(Serialize)]
pub struct TranslationView {
    /// `translated`, `stale` (the source changed since), `missing` (shown in the default
    /// language) or `partial` (some of it in the default language, marked with `lang`).
    pub state: &'static str,
    /// With `stale`: the side-by-side view of the source and the translation.
    pub compare: Option<String>,
    /// With `missing`: the page in the default language.
    pub source: Option<String>,
    /// On a catalog record: its fields shown in the default language (`title`, `summary`,
    /// ...), each marked with `lang` where it is shown; empty elsewhere.
    pub fields: Vec<&'static str>,
}

/// `page.kind`: which kind of page is rendered, as the template sees it (`kind-{{ page.kind }}`
/// is the `<body>` class of the built-in `base.html`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// `home`: the home page.
    Home,
    /// `toolkits`: the list of toolkits.
    Toolkits,
    /// `toolkit`: a toolkit's landing page.
    Toolkit,
    /// `chapter`: a chapter or section of a toolkit.
    Chapter,
    /// `print`: a toolkit's printable edition.
    Print,
    /// `audience`: a toolkit's pages for one audience.
    Audience,
    /// `page`: a standalone page.
    Page,
    /// `search`: the search page.
    Search,
    /// `404`: the page shown for a missing address.
    #[serde(rename = "404")]
    NotFound,
    /// `compare`: a district's page compared with the regional one.
    Compare,
    /// `districts`: the list of districts.
    Districts,
    /// `district`: one district's page.
    District,
    /// `adapt`: a toolkit's adaptation guide.
    Adapt,
    /// `translation`: a translated page side by side with the page it translates.
    Translation,
    /// `translations`: a toolkit's translation guide.
    Translations,
    /// `opportunity`: one opportunity's page.
    Opportunity,
    /// `opportunities`: the open listing, the archive and the facet pages.
    Opportunities,
    /// `employer`: one employer's page.
    Employer,
    /// `employers`: the index of employers.
    Employers,
    /// `pathway`: one pathway's page.
    Pathway,
    /// `pathways`: the index of pathways.
    Pathways,
    /// `insights`: who the catalog reaches and who it misses.
    Insights,
}

/// `page`: what every page template knows about the page being rendered.
#[derive(Serialize)]
pub struct PageMeta {
    /// The page's title, for `<title>` (a chapter's includes its toolkit's title).
    pub title: String,
    /// A sentence about the page, for `<meta name="description">`; may be empty.
    pub description: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Absolute URL, for `<link rel="canonical">`.
    pub canonical: String,
    /// Which kind of page this is.
    pub kind: PageKind,
}

/// A link: `{ title, url }`.
#[derive(Serialize, Clone, PartialEq)]
pub struct Link {
    /// The text of the link.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
}

/// A date as `{ iso: "2026-10-01", long: "October 1, 2026" }`.
#[derive(Serialize, Clone, PartialEq)]
pub struct DateText {
    /// `2026-10-01`, for `<time datetime>`.
    pub iso: String,
    /// `October 1, 2026`, for readers.
    pub long: String,
}

impl DateText {
    /// `date` as the language of `strings` writes it: `December 4, 2026`,
    /// `4 de diciembre de 2026`.
    pub fn new(date: Date, strings: &super::Strings) -> DateText {
        DateText {
            iso: date.iso(),
            long: strings.date_long(date),
        }
    }
}

/// A date in English, for what has no language of its own (tests, English-only text).
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
    /// `students`, `families`, `educators`, `employers`, ... (stable, for CSS classes).
    pub slug: &'static str,
    /// The audience as readers see it: `Students`, `Families`, ...
    pub label: String,
    /// The toolkit's page for this audience.
    pub url: String,
    /// How many pages of the toolkit are for this audience (0 on a page's own tags).
    pub count: usize,
}

impl AudienceTag {
    /// The tag of `audience` in the toolkit at `toolkit_url`, labelled in the language of `t`.
    pub fn new(audience: Audience, t: &Strings, toolkit_url: &str, count: usize) -> AudienceTag {
        AudienceTag {
            slug: audience.slug(),
            label: t.label(audience).to_string(),
            url: format!("{toolkit_url}for/{}/", audience.slug()),
            count,
        }
    }
}

/// `toolkit`: the toolkit a page belongs to.
#[derive(Serialize, Clone)]
pub struct ToolkitView {
    /// The toolkit's title.
    pub title: String,
    /// Its summary from `_index.md`, if it has one.
    pub summary: Option<String>,
    /// Its landing page.
    pub url: String,
    /// Its printable edition.
    pub print_url: String,
    /// The adaptation guide, on a regional toolkit of a site with districts; absent
    /// (`null`) otherwise.
    pub adapt_url: Option<String>,
    /// The audiences its pages are for, each with its page count.
    pub audiences: Vec<AudienceTag>,
    /// How many pages it has, its landing page included.
    pub page_count: usize,
}

/// A node of the toolkit's navigation tree (sidebar and landing page).
#[derive(Serialize, Clone)]
pub struct TreeNode {
    /// The page's title.
    pub title: String,
    /// The page's URL.
    pub url: String,
    /// The page's summary, if it has one.
    pub summary: Option<String>,
    /// The pages under it (empty below the depth the template was given).
    pub children: Vec<TreeNode>,
}

/// An entry of a page's on-page contents: a second- or third-level heading.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id, for `#` links.
    pub id: &'a str,
    /// The heading's text.
    pub title: &'a str,
}

/// A chapter in the print edition.
#[derive(Serialize)]
pub struct PrintChapter<'a> {
    /// The id of the chapter in the printable page, for its contents' links.
    pub anchor: String,
    /// The page's title.
    pub title: &'a str,
    /// 0 for the toolkit's introduction, 1 for chapters, 2 for their sections, ...
    pub depth: usize,
    /// The page's HTML, with links and ids rewritten for the single printable page.
    pub content: &'a str,
    /// The audiences the page is for.
    pub audience: Vec<AudienceTag>,
}

/// An entry of an audience view.
#[derive(Serialize)]
pub struct AudienceEntry<'a> {
    /// The page's title.
    pub title: &'a str,
    /// The page's summary, if it has one.
    pub summary: Option<&'a str>,
    /// The page's URL.
    pub url: String,
    /// 0 for the toolkit's introduction, 1 for chapters, 2 for their sections, ...
    pub depth: usize,
}
