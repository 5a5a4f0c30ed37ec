//! District pages: the edition banner and notices on edition pages, the comparison of an
//! override with its regional page, `/districts/`, `/districts/<d>/`, and each toolkit's
//! adaptation guide (`/toolkits/<t>/adapt/`).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use serde::Serialize;

use super::compare::{compare, Block, Change, Comparison};
use super::contexts::{
    AdaptContext, CompareContext, DistrictContext, DistrictInsights, DistrictsContext,
};
pub use super::district_views::*;
use super::links::lookup;
use super::views::{DateText, Link, PageKind};
use super::Renderer;
use super::Strings;
use crate::diagnostics::Diagnostic;
use crate::markdown::{placeholder_paths, Trust};
use crate::model::district::{District, Happening};
use crate::model::{DistrictIdx, EditionIdx, Origin, Page, Toolkit};
use crate::render::RenderedFile;

/// `edition`: what a page of a district edition says about it.
#[derive(Serialize)]
pub struct EditionView {
    /// The district's id (its file name), also the search scope of its pages.
    pub district_id: String,
    /// The district's full name.
    pub district_name: String,
    /// The district's short name (`short` in its file, else its name).
    pub district_short: String,
    /// The district's page.
    pub district_url: String,
    /// The same page in the regional edition, if it has one; on a page that is not one of
    /// the toolkit's pages (print, audience), the regional toolkit's landing page.
    pub regional_url: Option<String>,
    /// Where the page comes from.
    pub origin: EditionOrigin,
    /// Whether the regional page changed since this override was adapted from it.
    pub stale: bool,
    /// The comparison with the regional page, on an override; `null` otherwise.
    pub compare_url: Option<String>,
}

/// `edition.origin`: where a page of a district edition comes from.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum EditionOrigin {
    /// `regional`: the regional page, unchanged.
    Regional,
    /// `override`: the district's own version of a regional page.
    Override,
    /// `addition`: a page only the district's edition has.
    Addition,
}

impl Renderer<'_> {
    fn district_url(&self, district: &District) -> String {
        self.urls.district(&district.id)
    }

    /// The regional edition of edition `t`'s toolkit.
    fn regional(&self, t: EditionIdx) -> &Toolkit {
        let slug = &self.edition(t).slug;
        self.site
            .toolkits
            .iter()
            .find(|r| &r.slug == slug)
            .expect("every edition has a regional toolkit")
    }

    /// The banner and notices of page `p` of edition `t`; `None` in a regional edition.
    pub(super) fn edition_view(&self, t: EditionIdx, page: Option<&Page>) -> Option<EditionView> {
        let toolkit = self.edition(t);
        let district = self.site.district(toolkit.district?);
        let regional = self.regional(t);
        let regional_page = page.and_then(|p| regional.pages.iter().find(|r| r.key == p.key));
        let (origin, stale) = match page.map(|p| &p.origin) {
            Some(Origin::Override { stale, .. }) => (EditionOrigin::Override, *stale),
            Some(Origin::Addition) => (EditionOrigin::Addition, false),
            _ => (EditionOrigin::Regional, false),
        };
        Some(EditionView {
            district_id: district.id.clone(),
            district_name: district.name.clone(),
            district_short: district.short().to_string(),
            district_url: self.district_url(district),
            regional_url: match page {
                Some(_) => {
                    regional_page.map(|r| self.urls.toolkit_page(&regional.root, &r.url_path))
                }
                None => Some(self.urls.toolkit_page(&regional.root, "")),
            },
            origin,
            stale,
            compare_url: (origin == EditionOrigin::Override)
                .then(|| self.compare_url(toolkit, page.expect("an override is a page"))),
        })
    }

    fn compare_url(&self, toolkit: &Toolkit, page: &Page) -> String {
        let path = if page.url_path.is_empty() {
            "compare".to_string()
        } else {
            format!("compare/{}", page.url_path)
        };
        self.urls.toolkit_page(&toolkit.root, &path)
    }

    /// The comparison of every override in edition `t` with its regional page.
    pub(super) fn compare_pages(&self, t: EditionIdx) -> Vec<Result<RenderedFile, Diagnostic>> {
        let toolkit = self.edition(t);
        let regional = self.regional(t);
        toolkit
            .pages
            .iter()
            .filter(|p| matches!(p.origin, Origin::Override { .. }))
            .filter_map(|page| {
                let base = regional.pages.iter().find(|r| r.key == page.key)?;
                Some(self.compare_page(t, page, base))
            })
            .collect()
    }

    fn compare_page(
        &self,
        t: EditionIdx,
        page: &Page,
        base: &Page,
    ) -> Result<RenderedFile, Diagnostic> {
        let toolkit = self.edition(t);
        let url = self.compare_url(toolkit, page);
        let edition = self.edition_view(t, Some(page));
        let district = edition
            .as_ref()
            .map(|e| e.district_short.clone())
            .unwrap_or_default();
        let title = format!("{}: {district} compared with the regional page", page.title);
        let (regional_body, district_body) = (
            &base.file.text[base.body_start..],
            &page.file.text[page.body_start..],
        );
        let (blocks, too_different) = match compare(regional_body, district_body) {
            Comparison::Paragraphs(blocks) => (blocks, None),
            Comparison::TooDifferent { limit } => {
                (whole(regional_body, district_body), Some(limit))
            }
        };
        let changed = blocks.iter().filter(|b| b.change != Change::Same).count();
        let context = CompareContext {
            frame: self.frame(&title, "", &url, PageKind::Compare),
            title: &page.title,
            toolkit: &self.toolkit_views[t.index()],
            edition,
            page_url: self.urls.toolkit_page(&toolkit.root, &page.url_path),
            blocks,
            changed,
            too_different,
        };
        self.finish(&context, &url)
    }

    /// `/districts/` and one page per district.
    /// `cards`: the opportunity cards each district's page shows, by district.
    pub(super) fn district_pages(
        &self,
        cards: &[Vec<String>],
        insights: &[DistrictInsights],
    ) -> Vec<Result<RenderedFile, Diagnostic>> {
        let districts = &self.site.districts;
        if districts.is_empty() {
            return Vec::new();
        }
        let each: Vec<_> = self.site.districts_indexed().collect();
        let mut outputs: Vec<Result<RenderedFile, Diagnostic>> = each
            .into_par_iter()
            .map(|(d, district)| {
                let cards = cards.get(d.index()).cloned().unwrap_or_default();
                let insights = insights.get(d.index()).cloned();
                self.district_page(d, district, cards, insights)
            })
            .collect();
        let url = self.urls.districts();
        let list: Vec<DistrictSummary> = self
            .site
            .districts_indexed()
            .map(|(d, district)| DistrictSummary {
                name: district.name.clone(),
                short: district.short().to_string(),
                url: self.district_url(district),
                county: district.county.clone(),
                region: district.region.clone(),
                editions: self.editions_of(d),
            })
            .collect();
        let context = DistrictsContext {
            frame: self.frame(
                self.strings().text("district.districts"),
                self.strings().text("district.districts_description"),
                &url,
                PageKind::Districts,
            ),
            districts: list,
        };
        outputs.push(self.finish(&context, &url));
        outputs
    }

    fn editions_of(&self, d: DistrictIdx) -> Vec<Link> {
        self.editions
            .iter()
            .filter(|t| t.district == Some(d))
            .map(|t| Link {
                title: t.title.clone(),
                url: self.urls.toolkit_page(&t.root, ""),
            })
            .collect()
    }

    fn district_page(
        &self,
        d: DistrictIdx,
        district: &District,
        opportunity_cards: Vec<String>,
        insights: Option<DistrictInsights>,
    ) -> Result<RenderedFile, Diagnostic> {
        let url = self.district_url(district);
        let strings = self.strings();
        let view = DistrictView {
            id: &district.id,
            name: &district.name,
            short: district.short(),
            county: district.county.as_deref(),
            region: district.region.as_deref(),
            contacts: district
                .contacts
                .iter()
                .map(|(role, c)| DistrictContact {
                    role: role_label(strings, role),
                    name: &c.name,
                    title: c.title.as_deref(),
                    email: c.email.as_deref(),
                    phone: c.phone.as_deref(),
                })
                .collect(),
            school_year: district
                .school_year
                .map(|(s, e)| (DateText::new(s, strings), DateText::new(e, strings))),
            calendar: calendar_views(district, strings),
            policies: district
                .policies
                .iter()
                .map(|policy| PolicyView {
                    name: role_label(strings, &policy.name),
                    text: &policy.text,
                })
                .collect(),
            forms: district
                .forms
                .iter()
                .map(|f| FormView {
                    title: &f.title,
                    url: &f.url,
                    languages: f
                        .languages
                        .iter()
                        .map(|l| language_name(strings, l))
                        .collect(),
                })
                .collect(),
            editions: self.editions_of(d),
        };
        let context = DistrictContext {
            frame: self.district_details(self.frame(
                &district.name,
                &strings.fill("district.description", &[("district", &district.name)]),
                &url,
                PageKind::District,
            )),
            district: view,
            opportunity_cards,
            insights,
            opportunities_url: self.urls.facet("district", &district.id),
        };
        self.finish(&context, &url)
    }

    /// The adaptation guide of regional toolkit `t`: placeholders, and each district's
    /// overrides, additions and omissions.
    pub(super) fn adaptation_guide(&self, t: EditionIdx) -> Result<RenderedFile, Diagnostic> {
        let toolkit = self.edition(t);
        let url = self.urls.toolkit_page(&toolkit.root, "adapt");
        let strings = self.strings();
        let title = strings.fill("adapt.page_title", &[("toolkit", &toolkit.title)]);
        let districts: Vec<(DistrictIdx, &District)> = self
            .editions
            .iter()
            .filter(|e| e.slug == toolkit.slug)
            .filter_map(|e| e.district)
            .map(|d| (d, self.site.district(d)))
            .collect();
        let placeholders = self.placeholder_rows(toolkit, &districts);
        let reports = districts
            .iter()
            .map(|&(d, district)| self.district_report(toolkit, d, district, &placeholders))
            .collect();
        let context = AdaptContext {
            frame: self.frame(
                &title,
                strings.text("adapt.description"),
                &url,
                PageKind::Adapt,
            ),
            toolkit: &self.toolkit_views[t.index()],
            district_names: districts.iter().map(|(_, d)| d.short()).collect(),
            placeholders,
            reports,
        };
        self.finish(&context, &url)
    }

    /// Every placeholder the pages of regional `toolkit` use, where, and how each of
    /// `districts` fills it.
    fn placeholder_rows(
        &self,
        toolkit: &Toolkit,
        districts: &[(DistrictIdx, &District)],
    ) -> Vec<PlaceholderRow> {
        let mut used: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (p, page) in toolkit.pages.iter().enumerate() {
            for path in placeholder_paths(&page.file.text[page.body_start..], Trust::Author) {
                used.entry(path).or_default().insert(p);
            }
        }
        used.iter()
            .map(|(path, pages)| PlaceholderRow {
                path: format!("district.{path}"),
                default: lookup(&toolkit.district_defaults, path),
                pages: pages
                    .iter()
                    .map(|&p| Link {
                        title: toolkit.pages[p].title.clone(),
                        url: self
                            .urls
                            .toolkit_page(&toolkit.root, &toolkit.pages[p].url_path),
                    })
                    .collect(),
                districts: districts
                    .iter()
                    .map(|(_, district)| {
                        match (
                            lookup(&district.values, path),
                            lookup(&toolkit.district_defaults, path),
                        ) {
                            (Some(_), _) => PlaceholderState::Filled,
                            (None, Some(_)) => PlaceholderState::Defaulted,
                            (None, None) => PlaceholderState::Missing,
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    /// What district `d` changed in its edition of regional `toolkit`.
    fn district_report(
        &self,
        toolkit: &Toolkit,
        d: DistrictIdx,
        district: &District,
        placeholders: &[PlaceholderRow],
    ) -> DistrictReport {
        let edition = self
            .editions
            .iter()
            .find(|e| e.district == Some(d) && e.slug == toolkit.slug);
        let mut report = DistrictReport {
            name: district.short().to_string(),
            url: self.district_url(district),
            edition_url: edition
                .map(|e| self.urls.toolkit_page(&e.root, ""))
                .unwrap_or_default(),
            overrides: Vec::new(),
            additions: Vec::new(),
            omissions: Vec::new(),
            defaulted: placeholders
                .iter()
                .filter(|row| lookup(&district.values, &row.path["district.".len()..]).is_none())
                .count(),
            stale: 0,
        };
        let Some(edition_toolkit) = edition else {
            return report;
        };
        for page in &edition_toolkit.pages {
            let link = Link {
                title: page.title.clone(),
                url: self
                    .urls
                    .toolkit_page(&edition_toolkit.root, &page.url_path),
            };
            match &page.origin {
                Origin::Override { stale, .. } => {
                    report.stale += usize::from(*stale);
                    report.overrides.push(OverrideRow {
                        page: link,
                        state: if *stale {
                            OverrideState::Stale
                        } else if page.adapted_from.is_some() {
                            OverrideState::Fresh
                        } else {
                            OverrideState::Unrecorded
                        },
                        compare_url: self.compare_url(edition_toolkit, page),
                    });
                }
                Origin::Addition => report.additions.push(link),
                Origin::Base => {}
            }
        }
        report.omissions = toolkit
            .pages
            .iter()
            .filter(|p| !edition_toolkit.pages.iter().any(|e| e.key == p.key))
            .map(|p| Link {
                title: p.title.clone(),
                url: self.urls.toolkit_page(&toolkit.root, &p.url_path),
            })
            .collect();
        report
    }
}

/// Both versions whole, for pages that differ in too many paragraphs to align.
fn whole(regional: &str, district: &str) -> Vec<Block> {
    let block = |change, text: &str| Block {
        change,
        text: text.trim_matches('\n').to_string(),
    };
    vec![
        block(Change::Removed, regional),
        block(Change::Added, district),
    ]
}

/// A district's calendar worded in the language of `strings`: an application window is
/// named by its kind (`[application_windows]`), an event by the district. Dates of the
/// same day are in the order of their names.
fn calendar_views<'a>(district: &'a District, strings: &'a Strings) -> Vec<CalendarView<'a>> {
    let mut calendar: Vec<CalendarView> = district
        .calendar
        .iter()
        .map(|dated| CalendarView {
            name: match &dated.what {
                Happening::Applications(kind) => strings.application_window(*kind),
                Happening::Event(name) => name,
            },
            named: matches!(dated.what, Happening::Event(_)),
            starts: DateText::new(dated.starts, strings),
            ends: dated.ends.map(|d| DateText::new(d, strings)),
        })
        .collect();
    calendar.sort_by(|a, b| (&a.starts.iso, a.name).cmp(&(&b.starts.iso, b.name)));
    calendar
}
