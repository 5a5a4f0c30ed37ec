//! District pages: the edition banner and notices on edition pages, the comparison of an
//! override with its regional page, `/districts/`, `/districts/<d>/`, and each toolkit's
//! adaptation guide (`/toolkits/<t>/adapt/`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::compare::{compare, Block, Comparison};
use super::links::lookup;
use super::views::{DateText, Link};
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::markdown::{placeholder_paths, Trust};
use crate::model::district::District;
use crate::model::{Origin, Page, Toolkit};

/// `edition`: what a page of a district edition says about it.
#[derive(Serialize)]
pub(super) struct EditionView {
    district_id: String,
    district_name: String,
    district_short: String,
    district_url: String,
    /// The same page in the regional edition, if it has one.
    regional_url: Option<String>,
    /// `regional`, `override` or `addition`.
    origin: &'static str,
    stale: bool,
    compare_url: Option<String>,
}

impl Renderer<'_> {
    fn district_url(&self, district: &District) -> String {
        format!("{}districts/{}/", self.urls.base_path, district.id)
    }

    /// The regional edition of edition `t`'s toolkit.
    fn regional(&self, t: usize) -> &Toolkit {
        let slug = &self.editions[t].slug;
        self.site
            .toolkits
            .iter()
            .find(|r| &r.slug == slug)
            .expect("every edition has a regional toolkit")
    }

    /// The banner and notices of page `p` of edition `t`; `None` in a regional edition.
    pub(super) fn edition_view(&self, t: usize, page: Option<&Page>) -> Option<EditionView> {
        let toolkit = self.editions[t];
        let district = &self.site.districts[toolkit.district?];
        let regional = self.regional(t);
        let regional_page = page.and_then(|p| regional.pages.iter().find(|r| r.key == p.key));
        let (origin, stale) = match page.map(|p| &p.origin) {
            Some(Origin::Override { stale, .. }) => ("override", *stale),
            Some(Origin::Addition) => ("addition", false),
            _ => ("regional", false),
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
            compare_url: (origin == "override")
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
    pub(super) fn compare_pages(&self, t: usize) -> Vec<Result<(String, String), Diagnostic>> {
        let toolkit = self.editions[t];
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
        t: usize,
        page: &Page,
        base: &Page,
    ) -> Result<(String, String), Diagnostic> {
        let toolkit = self.editions[t];
        let url = self.compare_url(toolkit, page);
        let edition = self.edition_view(t, Some(page));
        let district = edition
            .as_ref()
            .map(|e| e.district_short.clone())
            .unwrap_or_default();
        let title = format!("{}: {district} compared with the regional page", page.title);
        let mut context = self.context(&title, "", &url, "compare");
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
        let changed = blocks.iter().filter(|b| b.change != "same").count();
        context.insert("title", &page.title);
        context.insert("toolkit", &self.toolkit_views[t]);
        context.insert("edition", &edition);
        context.insert(
            "page_url",
            &self.urls.toolkit_page(&toolkit.root, &page.url_path),
        );
        context.insert("blocks", &blocks);
        context.insert("changed", &changed);
        context.insert("too_different", &too_different);
        self.finish("compare.html", &context, &url)
    }

    /// `/districts/` and one page per district.
    /// `cards`: the opportunity cards each district's page shows, by district.
    pub(super) fn district_pages(
        &self,
        cards: &[Vec<String>],
    ) -> Vec<Result<(String, String), Diagnostic>> {
        let districts = &self.site.districts;
        if districts.is_empty() {
            return Vec::new();
        }
        let mut outputs: Vec<Result<(String, String), Diagnostic>> = districts
            .iter()
            .enumerate()
            .map(|(d, district)| {
                let cards = cards.get(d).cloned().unwrap_or_default();
                self.district_page(d, district, cards)
            })
            .collect();
        let url = format!("{}districts/", self.urls.base_path);
        let mut context = self.context(
            "Districts",
            "School districts and their editions of the toolkits",
            &url,
            "districts",
        );
        let list: Vec<DistrictSummary> = districts
            .iter()
            .enumerate()
            .map(|(d, district)| DistrictSummary {
                name: district.name.clone(),
                short: district.short().to_string(),
                url: self.district_url(district),
                county: district.county.clone(),
                region: district.region.clone(),
                editions: self.editions_of(d),
            })
            .collect();
        context.insert("districts", &list);
        outputs.push(self.finish("districts.html", &context, &url));
        outputs
    }

    fn editions_of(&self, d: usize) -> Vec<Link> {
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
        d: usize,
        district: &District,
        opportunity_cards: Vec<String>,
    ) -> Result<(String, String), Diagnostic> {
        let url = self.district_url(district);
        let mut context = self.context(
            &district.name,
            &format!("Work-based learning in {}", district.name),
            &url,
            "district",
        );
        let view = DistrictView {
            id: &district.id,
            name: &district.name,
            short: district.short(),
            county: district.county.as_deref(),
            region: district.region.as_deref(),
            contacts: district
                .contacts
                .iter()
                .map(|(role, c)| ContactView {
                    role: role_label(role),
                    name: &c.name,
                    title: c.title.as_deref(),
                    email: c.email.as_deref(),
                    phone: c.phone.as_deref(),
                })
                .collect(),
            school_year: district
                .school_year
                .map(|(s, e)| (DateText::from(s), DateText::from(e))),
            calendar: district
                .calendar
                .iter()
                .map(|c| CalendarView {
                    name: &c.name,
                    starts: DateText::from(c.starts),
                    ends: c.ends.map(DateText::from),
                })
                .collect(),
            policies: district
                .policies
                .iter()
                .map(|(k, v)| PolicyView {
                    name: role_label(k),
                    text: v,
                })
                .collect(),
            forms: district
                .forms
                .iter()
                .map(|f| FormView {
                    title: &f.title,
                    url: &f.url,
                    languages: f.languages.iter().map(|l| language_name(l)).collect(),
                })
                .collect(),
            editions: self.editions_of(d),
        };
        context.insert("district", &view);
        context.insert("opportunity_cards", &opportunity_cards);
        context.insert(
            "opportunities_url",
            &format!(
                "{}opportunities/district/{}/",
                self.urls.base_path, district.id
            ),
        );
        self.finish("district.html", &context, &url)
    }

    /// The adaptation guide of regional toolkit `t`: placeholders, and each district's
    /// overrides, additions and omissions.
    pub(super) fn adaptation_guide(&self, t: usize) -> Result<(String, String), Diagnostic> {
        let toolkit = self.editions[t];
        let url = self.urls.toolkit_page(&toolkit.root, "adapt");
        let title = format!("Adapting {}", toolkit.title);
        let mut context = self.context(
            &title,
            "What each district has filled in, changed, added and left out",
            &url,
            "adapt",
        );

        // Every placeholder the regional pages use, and where.
        let mut used: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (p, page) in toolkit.pages.iter().enumerate() {
            for path in placeholder_paths(&page.file.text[page.body_start..], Trust::Author) {
                used.entry(path).or_default().insert(p);
            }
        }
        let districts: Vec<(usize, &District)> = self
            .editions
            .iter()
            .filter(|e| e.slug == toolkit.slug)
            .filter_map(|e| e.district)
            .map(|d| (d, &self.site.districts[d]))
            .collect();
        let placeholder_rows: Vec<PlaceholderRow> = used
            .iter()
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
                            (Some(_), _) => "filled",
                            (None, Some(_)) => "defaulted",
                            (None, None) => "missing",
                        }
                    })
                    .collect(),
            })
            .collect();

        let reports: Vec<DistrictReport> = districts
            .iter()
            .map(|&(d, district)| {
                let edition = self
                    .editions
                    .iter()
                    .position(|e| e.district == Some(d) && e.slug == toolkit.slug);
                let mut report = DistrictReport {
                    name: district.short().to_string(),
                    url: self.district_url(district),
                    edition_url: edition
                        .map(|e| self.urls.toolkit_page(&self.editions[e].root, ""))
                        .unwrap_or_default(),
                    overrides: Vec::new(),
                    additions: Vec::new(),
                    omissions: Vec::new(),
                    defaulted: placeholder_rows
                        .iter()
                        .filter(|row| {
                            lookup(&district.values, &row.path["district.".len()..]).is_none()
                        })
                        .count(),
                    stale: 0,
                };
                if let Some(e) = edition {
                    let edition_toolkit = self.editions[e];
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
                                        "stale"
                                    } else if page.adapted_from.is_some() {
                                        "fresh"
                                    } else {
                                        "unrecorded"
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
                }
                report
            })
            .collect();
        context.insert("toolkit", &self.toolkit_views[t]);
        context.insert(
            "district_names",
            &districts.iter().map(|(_, d)| d.short()).collect::<Vec<_>>(),
        );
        context.insert("placeholders", &placeholder_rows);
        context.insert("reports", &reports);
        self.finish("adapt.html", &context, &url)
    }
}

/// "wbl_coordinator" → "Wbl coordinator"; known roles read better.
fn role_label(role: &str) -> String {
    match role {
        "wbl_coordinator" => "Work-based learning coordinator".into(),
        "work_permits" => "Work permits".into(),
        "transition" => "Special education transition".into(),
        "equity" | "equity_officer" => "Equity officer".into(),
        "tech_support" => "Technology support".into(),
        other => super::catalog::sector_label(&other.replace('_', "-")),
    }
}

fn language_name(code: &str) -> String {
    match code {
        "en" => "English".into(),
        "es" => "Spanish".into(),
        "vi" => "Vietnamese".into(),
        "zh" => "Chinese".into(),
        "tl" => "Tagalog".into(),
        "ko" => "Korean".into(),
        "ar" => "Arabic".into(),
        "hy" => "Armenian".into(),
        "pa" => "Punjabi".into(),
        "hmn" => "Hmong".into(),
        "ru" => "Russian".into(),
        "fa" => "Persian".into(),
        "so" => "Somali".into(),
        "km" => "Khmer".into(),
        "pt" => "Portuguese".into(),
        "fr" => "French".into(),
        "hi" => "Hindi".into(),
        "ja" => "Japanese".into(),
        other => other.to_string(),
    }
}

#[derive(Serialize)]
struct DistrictSummary {
    name: String,
    short: String,
    url: String,
    county: Option<String>,
    region: Option<String>,
    editions: Vec<Link>,
}

#[derive(Serialize)]
struct ContactView<'a> {
    role: String,
    name: &'a str,
    title: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

#[derive(Serialize)]
struct CalendarView<'a> {
    name: &'a str,
    starts: DateText,
    ends: Option<DateText>,
}

#[derive(Serialize)]
struct PolicyView<'a> {
    name: String,
    text: &'a str,
}

#[derive(Serialize)]
struct FormView<'a> {
    title: &'a str,
    url: &'a str,
    languages: Vec<String>,
}

#[derive(Serialize)]
struct DistrictView<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    county: Option<&'a str>,
    region: Option<&'a str>,
    contacts: Vec<ContactView<'a>>,
    school_year: Option<(DateText, DateText)>,
    calendar: Vec<CalendarView<'a>>,
    policies: Vec<PolicyView<'a>>,
    forms: Vec<FormView<'a>>,
    editions: Vec<Link>,
}

#[derive(Serialize)]
struct PlaceholderRow {
    path: String,
    default: Option<String>,
    pages: Vec<Link>,
    /// For each district, in `district_names` order: `filled`, `defaulted` or `missing`.
    districts: Vec<&'static str>,
}

#[derive(Serialize)]
struct OverrideRow {
    page: Link,
    /// `fresh`, `stale` or `unrecorded` (no `adapted_from`).
    state: &'static str,
    compare_url: String,
}

#[derive(Serialize)]
struct DistrictReport {
    name: String,
    url: String,
    edition_url: String,
    overrides: Vec<OverrideRow>,
    additions: Vec<Link>,
    omissions: Vec<Link>,
    /// Placeholders left to the toolkit's defaults.
    defaulted: usize,
    stale: usize,
}

/// Both versions whole, for pages that differ in too many paragraphs to align.
fn whole(regional: &str, district: &str) -> Vec<Block> {
    let block = |change, text: &str| Block {
        change,
        text: text.trim_matches('\n').to_string(),
    };
    vec![block("removed", regional), block("added", district)]
}
