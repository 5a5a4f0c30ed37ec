//! The theme's API: what each template receives, as one typed context per template.
//!
//! Each page is rendered from one of the structs below, serialised into the template's
//! variables: a field `toolkit` is `{{ toolkit }}` in the template, a nested struct is an
//! object (`{{ toolkit.title }}`), an `Option` that is absent is `null` (false in an `{% if %}`),
//! a `Vec` is a list and an enum is the string its variant documents. Rust code cannot set a
//! variable these structs do not declare, so a field documented here is what every build
//! gives, and what a site's own templates (`themes/<name>/templates/`) may rely on.
//!
//! Every page template receives `site` ([`SiteView`]) and `page` ([`PageMeta`]) through the
//! flattened [`Frame`]; `sidebar.html` and `opportunity_card.html`, which are rendered once
//! and reused by many pages, receive `site` only.
//!
//! | Template | Context | Rendered for |
//! |---|---|---|
//! | `base.html` | (layout) | extended by every page template |
//! | `macros.html` | (macros) | imported by the templates that use them |
//! | `languages.html` | (macros) | alternates, switcher and translation notice, with `languages` |
//! | `home.html` | [`HomeContext`] | `/` |
//! | `toolkits.html` | [`ToolkitsContext`] | `/toolkits/` |
//! | `toolkit.html` | [`ChapterContext`] | a toolkit's landing page |
//! | `chapter.html` | [`ChapterContext`] | every other page of a toolkit |
//! | `sidebar.html` | [`SidebarContext`] | once per toolkit, shared by its pages |
//! | `print.html` | [`PrintContext`] | a toolkit's printable edition |
//! | `audience.html` | [`AudienceContext`] | a toolkit's pages for one audience |
//! | `page.html` | [`PageContext`] | each standalone page |
//! | `search.html` | [`SearchContext`] | `/search/` |
//! | `404.html` | [`NotFoundContext`] | `404.html` |
//! | `compare.html` | [`CompareContext`] | a district's override compared with the regional page |
//! | `districts.html` | [`DistrictsContext`] | `/districts/` |
//! | `district.html` | [`DistrictContext`] | each district's page |
//! | `adapt.html` | [`AdaptContext`] | a regional toolkit's adaptation guide |
//! | `translations.html` | `TranslationsContext` | a regional toolkit's translation guide, on a site with languages |
//! | `translation.html` | `TranslationContext` | a stale translation beside the page it translates, in that language's edition |
//! | `opportunity_card.html` | [`CardContext`] | once per opportunity, shared by every listing |
//! | `opportunity.html` | [`OpportunityContext`] | each opportunity's page |
//! | `opportunities.html` | [`OpportunitiesContext`] | the open listing, archive and facet pages |
//! | `employer.html` | [`EmployerContext`] | each employer's page |
//! | `employers.html` | [`EmployersContext`] | the employers index |
//! | `pathway.html` | [`PathwayContext`] | each pathway's page |
//! | `pathways.html` | [`PathwaysContext`] | the pathways index |
//! | `insights.html` | [`InsightsContext`] | who the catalog reaches and who it misses |
//! | `insights_table.html` | (macros) | an insights table with its chart and CSV link, for `insights.html` and `district.html` |

use serde::Serialize;

pub use super::catalog::home::{HomeCatalog, HomeListing, HomePathway, HomeStage};
pub use super::catalog::views::{
    CollegeView, ContactView, CurrentFacet, EmployerRef, EmployerView, Facet, ListingKind,
    ListingView, OccupationView, OpportunityStatus, OpportunityView, PageLink, Pagination,
    PathwayView, PrincipleView, SectorView, StageColumn,
};
pub use super::catalog::{FacetGroup, FacetValue};
pub use super::compare::{Block, Change};
pub use super::district::{
    CalendarView, DistrictContact, DistrictReport, DistrictSummary, DistrictView, EditionOrigin,
    EditionView, FormView, OverrideRow, OverrideState, PlaceholderRow, PlaceholderState,
    PolicyView,
};
pub use super::insights::{
    DistrictInsights, Gap, InsightCell, InsightRow, InsightTable, InsightsContext,
};
pub use super::views::{
    AudienceEntry, AudienceTag, DateText, Link, PageKind, PageMeta, PrintChapter, SiteView,
    TocEntry, ToolkitView, TreeNode,
};

/// A context that knows the template it renders.
pub trait TemplateContext: Serialize {
    /// The name of the template, as under `themes/default/templates/`.
    fn template(&self) -> &'static str;

    /// The strings it is rendered in (`t`), which say which language's templates to use.
    fn strings(&self) -> &super::Strings;
}

/// Binds each context type to its one template; the strings are in its `frame`, or in `t`
/// for the contexts after `;`.
macro_rules! template {
    ($($context:ident => $template:literal),* ; $($own:ident => $own_template:literal),* $(,)?) => {
        $(impl TemplateContext for $context<'_> {
            fn template(&self) -> &'static str {
                $template
            }

            fn strings(&self) -> &super::Strings {
                self.frame.t
            }
        })*
        $(impl TemplateContext for $own<'_> {
            fn template(&self) -> &'static str {
                $own_template
            }

            fn strings(&self) -> &super::Strings {
                self.t
            }
        })*
    };
}

template! {
    HomeContext => "home.html",
    ToolkitsContext => "toolkits.html",
    PrintContext => "print.html",
    AudienceContext => "audience.html",
    PageContext => "page.html",
    SearchContext => "search.html",
    NotFoundContext => "404.html",
    CompareContext => "compare.html",
    DistrictsContext => "districts.html",
    DistrictContext => "district.html",
    AdaptContext => "adapt.html",
    OpportunityContext => "opportunity.html",
    OpportunitiesContext => "opportunities.html",
    EmployerContext => "employer.html",
    EmployersContext => "employers.html",
    PathwayContext => "pathway.html",
    PathwaysContext => "pathways.html",
    InsightsContext => "insights.html";
    SidebarContext => "sidebar.html",
    CardContext => "opportunity_card.html",
}

/// A toolkit's landing page renders `toolkit.html`, its other pages `chapter.html`.
impl TemplateContext for ChapterContext<'_> {
    fn template(&self) -> &'static str {
        match self.frame.page.kind {
            PageKind::Toolkit => "toolkit.html",
            _ => "chapter.html",
        }
    }

    fn strings(&self) -> &super::Strings {
        self.frame.t
    }
}

/// `site` and `page`: what every page template receives (flattened into its context).
#[derive(Serialize)]
pub struct Frame<'a> {
    /// The site.
    pub site: &'a SiteView,
    /// The theme's strings in the page's language: `t.<key>`, `t.<section>.<key>`.
    pub t: &'a super::Strings,
    /// The page being rendered.
    pub page: PageMeta,
    /// The page in each language, and whether it is translated; `null` on a site in one
    /// language.
    pub languages: Option<super::views::LanguagesView>,
}

/// `home.html`: the home page.
#[derive(Serialize)]
pub struct HomeContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The regional toolkits, in `site.toml` order (district editions are not listed).
    pub toolkits: &'a [ToolkitView],
    /// What the catalog has open; `null` on a site without a catalog.
    pub catalog: Option<HomeCatalog>,
}

/// `toolkits.html`: the list of toolkits.
#[derive(Serialize)]
pub struct ToolkitsContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The regional toolkits, in `site.toml` order.
    pub toolkits: &'a [ToolkitView],
}

/// `toolkit.html` (a toolkit's landing page, `page.kind` is `toolkit`) and `chapter.html`
/// (every other page of a toolkit, `page.kind` is `chapter`).
#[derive(Serialize)]
pub struct ChapterContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The toolkit (or district edition) the page belongs to.
    pub toolkit: &'a ToolkitView,
    /// The district edition's banner and notices; `null` in a regional toolkit.
    pub edition: Option<EditionView>,
    /// The page's own title (`page.title` adds the toolkit's on chapters).
    pub title: &'a str,
    /// The page's summary from its front matter, if it has one.
    pub summary: Option<&'a str>,
    /// The page's body as HTML (trusted: print it with `| safe`).
    pub content: &'a str,
    /// The page's second- and third-level headings.
    pub toc: Vec<TocEntry<'a>>,
    /// The pages above this one, from the landing page down; empty on the landing page.
    pub breadcrumbs: Vec<Link>,
    /// The page before this one in reading order; `null` on the landing page.
    pub prev: Option<Link>,
    /// The page after this one in reading order; `null` on the last page.
    pub next: Option<Link>,
    /// The toolkit's rendered `sidebar.html`, with this page's link marked
    /// `aria-current="page"` (HTML: print it with `| safe`).
    pub sidebar: String,
    /// The audiences the page is for (each tag's `count` is 0).
    pub audience: Vec<AudienceTag>,
    /// When the page was last updated (`updated` in its front matter), if known.
    pub updated: Option<DateText>,
    /// The pages under this one: two levels on the landing page, one elsewhere.
    pub children: Vec<TreeNode>,
}

/// `sidebar.html`: a toolkit's navigation, rendered once and shared by all its pages. Keep
/// its links as `<a href="{{ node.url }}">` so that the current page can be marked.
#[derive(Serialize)]
pub struct SidebarContext<'a> {
    /// The site.
    pub site: &'a SiteView,
    /// The theme's strings in the site's language.
    pub t: &'a super::Strings,
    /// The toolkit.
    pub toolkit: &'a ToolkitView,
    /// The toolkit's pages under its landing page, all levels.
    pub tree: Vec<TreeNode>,
}

/// `print.html`: a toolkit's printable edition, every page on one.
#[derive(Serialize)]
pub struct PrintContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The toolkit.
    pub toolkit: &'a ToolkitView,
    /// The district edition's banner; `null` in a regional toolkit (`origin` is `regional`).
    pub edition: Option<EditionView>,
    /// Every page of the toolkit, in reading order.
    pub chapters: Vec<PrintChapter<'a>>,
}

/// `audience.html`: a toolkit's pages for one audience.
#[derive(Serialize)]
pub struct AudienceContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The toolkit.
    pub toolkit: &'a ToolkitView,
    /// The district edition's banner; `null` in a regional toolkit.
    pub edition: Option<EditionView>,
    /// The audience, with `count` the number of its pages.
    pub audience: AudienceTag,
    /// The toolkit's pages for this audience, in reading order.
    pub entries: Vec<AudienceEntry<'a>>,
}

/// `page.html`: a standalone page (`content/pages/`).
#[derive(Serialize)]
pub struct PageContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The page's body as HTML (trusted: print it with `| safe`).
    pub content: &'a str,
    /// The page's second- and third-level headings.
    pub toc: Vec<TocEntry<'a>>,
    /// When the page was last updated, if known.
    pub updated: Option<DateText>,
    /// The page's summary from its front matter, if it has one.
    pub summary: Option<&'a str>,
}

/// `search.html`: the search page (the search itself runs in `search.js`).
#[derive(Serialize)]
pub struct SearchContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
}

/// `404.html`: the page a server shows for a missing address.
#[derive(Serialize)]
pub struct NotFoundContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
}

/// `compare.html`: a district's override of a page compared with the regional page.
#[derive(Serialize)]
pub struct CompareContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The page's own title.
    pub title: &'a str,
    /// The district edition.
    pub toolkit: &'a ToolkitView,
    /// The district edition's banner (always present: only overrides are compared).
    pub edition: Option<EditionView>,
    /// The district's page.
    pub page_url: String,
    /// The two Markdown sources, paragraph by paragraph.
    pub blocks: Vec<Block>,
    /// How many blocks are not `same`.
    pub changed: usize,
    /// When the pages differ in too many paragraphs to align, the limit that was passed
    /// (then `blocks` holds both versions whole); `null` otherwise.
    pub too_different: Option<usize>,
}

/// `districts.html`: the list of districts.
#[derive(Serialize)]
pub struct DistrictsContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// Every district, in the order of their files.
    pub districts: Vec<DistrictSummary>,
}

/// `district.html`: one district's page.
#[derive(Serialize)]
pub struct DistrictContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The district.
    pub district: DistrictView<'a>,
    /// The rendered cards (`opportunity_card.html`) of the first open opportunities its
    /// students may apply to, soonest deadline first (HTML: print with `| safe`).
    pub opportunity_cards: Vec<String>,
    /// What its students can reach against the region, and its gaps; `null` on a site
    /// without a catalog.
    pub insights: Option<DistrictInsights>,
    /// The listing of every opportunity open to the district.
    pub opportunities_url: String,
}

/// `adapt.html`: a regional toolkit's adaptation guide.
#[derive(Serialize)]
pub struct AdaptContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The regional toolkit.
    pub toolkit: &'a ToolkitView,
    /// The short names of the districts with an edition of the toolkit: the columns of
    /// `placeholders`.
    pub district_names: Vec<&'a str>,
    /// Every placeholder the toolkit's pages use.
    pub placeholders: Vec<PlaceholderRow>,
    /// For each district with an edition, what it changed.
    pub reports: Vec<DistrictReport>,
}

/// `opportunity_card.html`: an opportunity's card, rendered once and reused by every
/// listing, facet page, pathway and district page that shows it.
#[derive(Serialize)]
pub struct CardContext<'a> {
    /// The site.
    pub site: &'a SiteView,
    /// The theme's strings in the site's language.
    pub t: &'a super::Strings,
    /// The opportunity.
    pub opportunity: OpportunityView<'a>,
}

/// `opportunity.html`: one opportunity's page.
#[derive(Serialize)]
pub struct OpportunityContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The opportunity.
    pub opportunity: OpportunityView<'a>,
    /// Its schema.org data as JSON for a `<script type="application/ld+json">`: a
    /// `JobPosting` for an open, paid opportunity with a deadline, an `EducationEvent` for one
    /// with dates; `null` otherwise.
    pub json_ld: Option<String>,
}

/// `opportunities.html`: the open listing, the archive and each facet page, paginated.
#[derive(Serialize)]
pub struct OpportunitiesContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The listing and the page of it shown.
    pub listing: ListingView<'a>,
}

/// `employer.html`: one employer's page.
#[derive(Serialize)]
pub struct EmployerContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The employer.
    pub employer: EmployerView<'a>,
    /// The rendered cards of its open opportunities (HTML: print with `| safe`).
    pub open_cards: Vec<&'a str>,
    /// Its closed opportunities.
    pub past: Vec<Link>,
    /// Its schema.org `Organization` as JSON.
    pub json_ld: String,
}

/// `employers.html`: the employers index, paginated.
#[derive(Serialize)]
pub struct EmployersContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The employers on this page, by name.
    pub employers: Vec<EmployerView<'a>>,
    /// How many employers there are on all pages.
    pub total: usize,
    /// Where this page is among the index's pages.
    pub pagination: Pagination,
}

/// `pathway.html`: one pathway's page.
#[derive(Serialize)]
pub struct PathwayContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The pathway.
    pub pathway: PathwayView<'a>,
    /// The pathway's open opportunities along the continuum, one column per stage.
    pub continuum: Vec<StageColumn<'a>>,
    /// Its schema.org description as JSON.
    pub json_ld: String,
}

/// `pathways.html`: the pathways index.
#[derive(Serialize)]
pub struct PathwaysContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The pathways grouped by sector, sectors and pathways by name.
    pub sectors: Vec<SectorView<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::BUILTIN_TEMPLATES;

    /// The templates named in the first column of the table in this module's docs.
    fn documented_templates() -> Vec<&'static str> {
        let mut names: Vec<&str> = include_str!("contexts.rs")
            .lines()
            .filter_map(|line| line.strip_prefix("//! | `"))
            .filter_map(|rest| rest.split_once('`').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn the_theme_reference_lists_every_built_in_template() {
        let mut embedded: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(name, _)| *name).collect();
        embedded.sort_unstable();
        assert_eq!(documented_templates(), embedded);
    }

    /// The string a template sees for a state.
    fn text(state: impl Serialize) -> String {
        match serde_json::to_value(state) {
            Ok(serde_json::Value::String(text)) => text,
            other => panic!("a state serialises to a string, not {other:?}"),
        }
    }

    #[test]
    fn states_reach_templates_as_the_strings_they_compare() {
        assert_eq!(text(PageKind::NotFound), "404");
        assert_eq!(text(PageKind::Opportunities), "opportunities");
        assert_eq!(text(EditionOrigin::Override), "override");
        assert_eq!(text(PlaceholderState::Defaulted), "defaulted");
        assert_eq!(text(OverrideState::Unrecorded), "unrecorded");
        assert_eq!(text(OpportunityStatus::ClosingSoon), "closing-soon");
        assert_eq!(text(ListingKind::Archive), "archive");
        assert_eq!(text(Change::Same), "same");
        assert_eq!(text(Change::Removed), "removed");
    }

    #[test]
    fn a_page_context_gives_site_and_page_at_the_top() {
        let site = SiteView {
            title: "Trellis".into(),
            description: String::new(),
            language: "en".into(),
            base_path: "/".into(),
            static_path: "/".into(),
            base_url: "https://example.org".into(),
            build_date: DateText {
                iso: "2026-10-01".into(),
                long: "October 1, 2026".into(),
            },
            nav: Vec::new(),
            footer_nav: Vec::new(),
            has_catalog: false,
        };
        let strings = crate::render::strings::builtin();
        let context = SearchContext {
            frame: Frame {
                site: &site,
                t: &strings["en"],
                languages: None,
                page: PageMeta {
                    title: "Search".into(),
                    description: String::new(),
                    url: "/search/".into(),
                    canonical: "https://example.org/search/".into(),
                    kind: PageKind::Search,
                },
            },
        };
        let variables = tera::Context::from_serialize(&context).expect("a context is an object");
        let json = variables.into_json();
        assert_eq!(json["site"]["title"], "Trellis");
        assert_eq!(json["page"]["kind"], "search");
        assert_eq!(context.template(), "search.html");
    }
}
