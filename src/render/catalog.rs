//! Catalog pages: every opportunity, employer and pathway, the open listing and its archive,
//! static facet pages, and the indexes of employers and pathways.
//!
//! Each opportunity's card is rendered once (`opportunity_card.html`) and reused by every
//! listing that shows it, so listings cost what their HTML costs to copy.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::links::Urls;
use super::machine;
use super::views::{DateText, Link};
use super::{Files, Renderer};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Body, Editions, Links, Problem, Resolved, Trust};
use crate::model::catalog::{
    Catalog, Contact, Employer, Kind, Modality, Opportunity, Pathway, Status, Text,
};
use crate::model::Site;
use crate::search::{Doc, DocType, Scope};

/// Listings per page.
pub const PAGE_SIZE: usize = 50;
/// Open opportunities shown on a district's page (the rest are on its facet page).
pub const DISTRICT_PAGE_OPPORTUNITIES: usize = 12;
/// Employers per page of the employer index.
pub const EMPLOYERS_PAGE_SIZE: usize = 100;

/// Catalog text may link to full addresses and site paths, not to files beside it.
struct CatalogLinks;

impl Links for CatalogLinks {
    fn link(&self, dest: &str) -> Result<Resolved, Problem> {
        Err(Problem::new(
            format!("link `{dest}` is relative; catalog text cannot link to files"),
            Some("use a full address (https://...) or a path on this site starting with /".into()),
        ))
    }
}

/// A description rendered to HTML, with its first paragraph as plain text.
pub(super) struct Described {
    pub html: String,
    pub plain: String,
    /// All of the text, for the search index.
    pub text: String,
}

/// Renders catalog Markdown, returning its problems as diagnostics at the text's position.
fn describe(text: &Text) -> (Described, Vec<Diagnostic>) {
    if text.markdown.trim().is_empty() {
        let empty = Described {
            html: String::new(),
            plain: String::new(),
            text: String::new(),
        };
        return (empty, Vec::new());
    }
    let body = Body::new(&text.markdown, 0, Trust::Partner, None);
    let rendered = markdown::render(&body, &CatalogLinks, Editions::Embedded("about"));
    let problems = rendered
        .problems
        .into_iter()
        .map(|located| {
            let problem = located.problem;
            let mut d = if problem.warning {
                Diagnostic::warning(&text.file, problem.message)
            } else {
                Diagnostic::error(&text.file, problem.message)
            };
            d.position = Some(text.position);
            d.help = problem.help;
            d
        })
        .collect();
    let described = Described {
        html: rendered.html,
        plain: rendered.description,
        text: rendered.sections.join(" "),
    };
    (described, problems)
}

/// A facet value as a link: `{ slug, label, url }`.
#[derive(Serialize, Clone)]
pub struct Facet {
    pub slug: String,
    pub label: String,
    pub url: String,
}

#[derive(Serialize)]
struct EmployerRef<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    org_type: &'static str,
    city: Option<&'a str>,
    website: Option<&'a str>,
}

#[derive(Serialize)]
struct PrincipleView {
    label: &'static str,
    met: bool,
}

/// `opportunity`: what the card and the page of an opportunity show.
#[derive(Serialize)]
pub(super) struct OpportunityView<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    summary: Option<&'a str>,
    kind: Facet,
    stage: Facet,
    modality: Facet,
    employer: EmployerRef<'a>,
    pathways: Vec<Link>,
    grades: String,
    districts: String,
    city: Option<&'a str>,
    schedule: Option<&'a str>,
    hours: Option<String>,
    hours_per_week: Option<String>,
    starts: Option<DateText>,
    ends: Option<DateText>,
    deadline: Option<DateText>,
    seats: Option<u32>,
    min_age: Option<u32>,
    paid: bool,
    pay: Option<String>,
    credit: Option<&'a str>,
    skills: &'a [String],
    tasks: &'a [String],
    credentials: &'a [String],
    supports: Vec<&'static str>,
    principles: Vec<PrincipleView>,
    principle_count: usize,
    apply_url: Option<&'a str>,
    contact: Option<ContactView<'a>>,
    /// `open`, `closing-soon` or `closed`.
    status: &'static str,
    description: &'a str,
}

#[derive(Serialize)]
struct ContactView<'a> {
    name: &'a str,
    title: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

fn contact_view(contact: &Option<Contact>) -> Option<ContactView<'_>> {
    contact.as_ref().map(|c| ContactView {
        name: &c.name,
        title: c.title.as_deref(),
        email: c.email.as_deref(),
        phone: c.phone.as_deref(),
    })
}

/// "Grades 11–12", "Grade 9", "Grades 9, 11 and 12".
pub fn grades_text(grades: &[u8]) -> String {
    match grades {
        [] => String::new(),
        [one] => format!("Grade {one}"),
        [first, .., last] if usize::from(last - first) + 1 == grades.len() => {
            format!("Grades {first}–{last}")
        }
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u8::to_string).collect();
            format!("Grades {} and {last}", rest.join(", "))
        }
    }
}

/// `$18.50`, `$150`, `$58,400`.
pub fn money(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (whole, fraction) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction == 0 {
        format!("${grouped}")
    } else {
        format!("${grouped}.{fraction:02}")
    }
}

/// `6`, `7.5`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

pub fn pay_text(opportunity: &Opportunity) -> Option<String> {
    use crate::model::catalog::PayType;
    opportunity.pay.map(|pay| match pay.kind {
        PayType::Hourly => format!("{} an hour", money(pay.amount)),
        PayType::Stipend => format!("{} stipend", money(pay.amount)),
        PayType::Fixed => format!("{} payment", money(pay.amount)),
    })
}

fn status_slug(status: Status) -> &'static str {
    match status {
        Status::Open => "open",
        Status::ClosingSoon => "closing-soon",
        Status::Closed => "closed",
    }
}

/// Catalog URLs.
impl Urls {
    pub fn opportunity(&self, id: &str) -> String {
        format!("{}opportunities/{id}/", self.base_path)
    }

    pub fn employer(&self, id: &str) -> String {
        format!("{}employers/{id}/", self.base_path)
    }

    pub fn pathway(&self, id: &str) -> String {
        format!("{}pathways/{id}/", self.base_path)
    }

    pub fn facet(&self, facet: &str, value: &str) -> String {
        format!("{}opportunities/{facet}/{value}/", self.base_path)
    }

    /// Page `number` (from 1) of a paginated listing whose first page is `first`.
    pub fn paged(&self, first: &str, number: usize) -> String {
        if number <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{number}/")
        }
    }
}

/// Everything the catalog pages share, built once.
pub(super) struct CatalogRender<'a> {
    pub renderer: &'a Renderer<'a>,
    pub catalog: &'a Catalog,
    pub opportunities: Vec<Described>,
    pub employers: Vec<Described>,
    pub pathways: Vec<Described>,
    /// Each opportunity's card HTML.
    pub cards: Vec<String>,
    /// Open opportunities, soonest deadline first.
    pub open: Vec<usize>,
    /// Closed opportunities, latest deadline first.
    pub closed: Vec<usize>,
    pub facets: Vec<FacetGroup>,
    /// For each facet group and value, the open opportunities it holds, in listing order.
    pub facet_members: Vec<Vec<Vec<usize>>>,
}

/// One facet of the listing with its values and counts of open opportunities.
#[derive(Serialize, Clone)]
pub struct FacetGroup {
    pub name: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValue>,
}

#[derive(Serialize, Clone)]
pub struct FacetValue {
    pub slug: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// Renders every catalog file into `files`. Errors go to `problems`, warnings to `warnings`.
pub(super) fn render(
    renderer: &Renderer,
    files: &mut Files,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    docs: &mut Vec<Doc>,
) {
    let catalog = &renderer.site.catalog;
    if catalog.is_empty() {
        docs.extend(district_docs(renderer));
        return;
    }
    let mut described = |texts: Vec<&Text>| -> Vec<Described> {
        let results: Vec<(Described, Vec<Diagnostic>)> =
            texts.into_par_iter().map(describe).collect();
        results
            .into_iter()
            .map(|(described, found)| {
                for d in found {
                    if d.is_error() {
                        problems.push(d);
                    } else {
                        warnings.push(d);
                    }
                }
                described
            })
            .collect()
    };
    let opportunities = described(
        catalog
            .opportunities
            .iter()
            .map(|o| &o.description)
            .collect(),
    );
    let employers = described(catalog.employers.iter().map(|e| &e.description).collect());
    let pathways = described(catalog.pathways.iter().map(|p| &p.description).collect());
    if !problems.is_empty() {
        return;
    }

    let mut open: Vec<usize> = (0..catalog.opportunities.len())
        .filter(|&i| catalog.opportunities[i].is_open())
        .collect();
    open.sort_by(|&a, &b| {
        let (a, b) = (&catalog.opportunities[a], &catalog.opportunities[b]);
        (a.deadline.is_none(), a.deadline, &a.title, &a.id).cmp(&(
            b.deadline.is_none(),
            b.deadline,
            &b.title,
            &b.id,
        ))
    });
    let mut closed: Vec<usize> = (0..catalog.opportunities.len())
        .filter(|&i| !catalog.opportunities[i].is_open())
        .collect();
    closed.sort_by(|&a, &b| {
        let (a, b) = (&catalog.opportunities[a], &catalog.opportunities[b]);
        (b.deadline.or(b.ends), &a.title, &a.id).cmp(&(a.deadline.or(a.ends), &b.title, &b.id))
    });

    let (facets, facet_members) = facets(renderer.site, renderer.urls, catalog, &open);
    let mut pass = CatalogRender {
        renderer,
        catalog,
        opportunities,
        employers,
        pathways,
        cards: Vec::new(),
        facets,
        facet_members,
        open,
        closed,
    };
    let cards: Vec<Result<String, Diagnostic>> = (0..catalog.opportunities.len())
        .into_par_iter()
        .map(|i| pass.card(i))
        .collect();
    match cards.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(cards) => pass.cards = cards,
        Err(d) => {
            problems.push(d);
            return;
        }
    }

    let mut outputs: Vec<Result<(String, String), Diagnostic>> = (0..catalog.opportunities.len())
        .into_par_iter()
        .map(|i| pass.opportunity_page(i))
        .collect();
    outputs.par_extend(
        (0..catalog.employers.len())
            .into_par_iter()
            .map(|i| pass.employer_page(i)),
    );
    outputs.par_extend(
        (0..catalog.pathways.len())
            .into_par_iter()
            .map(|i| pass.pathway_page(i)),
    );
    outputs.extend(pass.listings());
    outputs.extend(pass.employer_index());
    outputs.push(pass.pathway_index());
    outputs.extend(renderer.district_pages(&|district| pass.district_cards(&district.id)));
    for output in outputs {
        match output {
            Ok((path, html)) => super::insert(files, path, html.into_bytes(), problems),
            Err(d) => problems.push(d),
        }
    }
    pass.search_docs(docs);
    docs.extend(district_docs(renderer));
    // The feed and exports need neither cards nor rendered descriptions: free them first.
    pass.cards = Vec::new();
    pass.opportunities = Vec::new();
    pass.employers = Vec::new();
    pass.pathways = Vec::new();
    for (path, bytes) in machine::files(&pass) {
        super::insert(files, path, bytes, problems);
    }
}

/// The facet groups of the listing over open opportunities, and each value's members.
/// Every value gets a page, even with nothing open, so that links from closed listings and
/// from the home page always lead somewhere.
fn facets(
    site: &Site,
    urls: &Urls,
    catalog: &Catalog,
    open: &[usize],
) -> (Vec<FacetGroup>, Vec<Vec<Vec<usize>>>) {
    let group = |name: &'static str,
                 label: &'static str,
                 values: Vec<(String, String)>,
                 member: &dyn Fn(&Opportunity, &str) -> bool| {
        let mut shown = Vec::new();
        let mut members = Vec::new();
        for (slug, label) in values {
            let holds: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&i| member(&catalog.opportunities[i], &slug))
                .collect();
            shown.push(FacetValue {
                url: urls.facet(name, &slug),
                count: holds.len(),
                slug,
                label,
            });
            members.push(holds);
        }
        (
            FacetGroup {
                name,
                label,
                values: shown,
            },
            members,
        )
    };
    let vocabulary = |all: Vec<(&str, &str)>| {
        all.into_iter()
            .map(|(s, l)| (s.to_string(), l.to_string()))
            .collect()
    };
    let mut districts: Vec<String> = catalog
        .opportunities
        .iter()
        .flat_map(|o| o.districts.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    districts.sort();
    [
        group(
            "kind",
            "Kind",
            vocabulary(Kind::ALL.iter().map(|k| (k.slug(), k.label())).collect()),
            &|o, v| o.kind.slug() == v,
        ),
        group(
            "stage",
            "Stage",
            vocabulary(
                crate::model::catalog::Stage::ALL
                    .iter()
                    .map(|s| (s.slug(), s.label()))
                    .collect(),
            ),
            &|o, v| o.stage().slug() == v,
        ),
        group(
            "pathway",
            "Career pathway",
            catalog
                .pathways
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
            &|o, v| o.pathways.iter().any(|&p| catalog.pathways[p].id == v),
        ),
        group(
            "modality",
            "Where",
            vocabulary(
                Modality::ALL
                    .iter()
                    .map(|m| (m.slug(), m.label()))
                    .collect(),
            ),
            &|o, v| o.modality.slug() == v,
        ),
        group(
            "pay",
            "Pay",
            vocabulary(vec![("paid", "Paid"), ("unpaid", "Unpaid")]),
            &|o, v| o.is_paid() == (v == "paid"),
        ),
        group(
            "district",
            "District",
            districts
                .into_iter()
                .map(|d| (d.clone(), district_name(site, &d).to_string()))
                .collect(),
            &|o, v| o.districts.is_empty() || o.districts.iter().any(|d| d == v),
        ),
    ]
    .into_iter()
    .unzip()
}

impl<'a> CatalogRender<'a> {
    fn urls(&self) -> &Urls {
        self.renderer.urls
    }

    fn view(&self, index: usize) -> OpportunityView<'_> {
        let o = &self.catalog.opportunities[index];
        let employer = &self.catalog.employers[o.employer];
        let urls = self.urls();
        let facet = |name: &str, slug: &str, label: &str| Facet {
            slug: slug.to_string(),
            label: label.to_string(),
            url: urls.facet(name, slug),
        };
        OpportunityView {
            id: &o.id,
            title: &o.title,
            url: urls.opportunity(&o.id),
            summary: o.summary.as_deref(),
            kind: facet("kind", o.kind.slug(), o.kind.label()),
            stage: facet("stage", o.stage().slug(), o.stage().label()),
            modality: facet("modality", o.modality.slug(), o.modality.label()),
            employer: EmployerRef {
                id: &employer.id,
                name: &employer.name,
                url: urls.employer(&employer.id),
                org_type: employer.org_type.label(),
                city: employer.city.as_deref(),
                website: employer.website.as_deref(),
            },
            pathways: o
                .pathways
                .iter()
                .map(|&p| Link {
                    title: self.catalog.pathways[p].name.clone(),
                    url: urls.pathway(&self.catalog.pathways[p].id),
                })
                .collect(),
            grades: grades_text(&o.grades),
            districts: if o.districts.is_empty() {
                "All districts".to_string()
            } else {
                o.districts
                    .iter()
                    .map(|d| district_name(self.renderer.site, d))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            city: o.city.as_deref(),
            schedule: o.schedule.as_deref(),
            hours: o.hours.map(number),
            hours_per_week: o.hours_per_week.map(number),
            starts: o.starts.map(DateText::from),
            ends: o.ends.map(DateText::from),
            deadline: o.deadline.map(DateText::from),
            seats: o.seats,
            min_age: o.min_age,
            paid: o.is_paid(),
            pay: pay_text(o),
            credit: o.credit.as_deref(),
            skills: &o.skills,
            tasks: &o.tasks,
            credentials: &o.credentials,
            supports: o.supports.iter().map(|s| s.label()).collect(),
            principles: crate::model::catalog::Principle::ALL
                .iter()
                .map(|p| PrincipleView {
                    label: p.label(),
                    met: o.principles.contains(p),
                })
                .collect(),
            principle_count: o.principles.len(),
            apply_url: o.apply_url.as_deref(),
            contact: contact_view(&o.contact),
            status: status_slug(o.status),
            description: &self.opportunities[index].html,
        }
    }

    fn card(&self, index: usize) -> Result<String, Diagnostic> {
        let mut context = self.renderer.base.clone();
        context.insert("opportunity", &self.view(index));
        self.renderer
            .theme
            .render("opportunity_card.html", &context)
    }

    fn opportunity_page(&self, index: usize) -> Result<(String, String), Diagnostic> {
        let o = &self.catalog.opportunities[index];
        let view = self.view(index);
        let description = o
            .summary
            .as_deref()
            .unwrap_or(&self.opportunities[index].plain);
        let mut context = self
            .renderer
            .context(&o.title, description, &view.url, "opportunity");
        context.insert("json_ld", &machine::opportunity_json_ld(self, index));
        let url = view.url.clone();
        context.insert("opportunity", &view);
        self.renderer.finish("opportunity.html", &context, &url)
    }

    /// Search documents for every opportunity (open ones first), employer and pathway.
    fn search_docs(&self, docs: &mut Vec<Doc>) {
        let catalog = self.catalog;
        for &o in self.open.iter().chain(&self.closed) {
            let opportunity = &catalog.opportunities[o];
            let employer = &catalog.employers[opportunity.employer];
            let pathways: Vec<&str> = opportunity
                .pathways
                .iter()
                .map(|&p| catalog.pathways[p].name.as_str())
                .collect();
            let mut excerpt = format!("{} · {}", opportunity.kind.label(), employer.name);
            if !opportunity.is_open() {
                excerpt.push_str(" · Closed");
            }
            if let Some(summary) = &opportunity.summary {
                excerpt.push_str(". ");
                excerpt.push_str(summary);
            }
            docs.push(Doc {
                kind: DocType::Opportunity,
                title: opportunity.title.clone(),
                url: self.urls().opportunity(&opportunity.id),
                excerpt,
                keywords: [
                    opportunity.kind.label(),
                    opportunity.stage().label(),
                    &pathways.join(" "),
                    opportunity.city.as_deref().unwrap_or(""),
                    &opportunity.skills.join(" "),
                ]
                .join(" "),
                body: [
                    opportunity.tasks.join(" "),
                    opportunity.credentials.join(" "),
                    self.opportunities[o].text.clone(),
                ]
                .join(" "),
                scope: Scope::default(),
            });
        }
        for (e, employer) in catalog.employers.iter().enumerate() {
            docs.push(Doc {
                kind: DocType::Employer,
                title: employer.name.clone(),
                url: self.urls().employer(&employer.id),
                excerpt: [
                    employer.org_type.label(),
                    employer.city.as_deref().unwrap_or(""),
                ]
                .join(" · ")
                .trim_end_matches(" · ")
                .to_string(),
                keywords: employer
                    .pathways
                    .iter()
                    .map(|&p| catalog.pathways[p].name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                body: self.employers[e].text.clone(),
                scope: Scope::default(),
            });
        }
        for (p, pathway) in catalog.pathways.iter().enumerate() {
            docs.push(Doc {
                kind: DocType::Pathway,
                title: pathway.name.clone(),
                url: self.urls().pathway(&pathway.id),
                excerpt: self.pathways[p].plain.clone(),
                keywords: pathway
                    .occupations
                    .iter()
                    .map(|o| o.title.as_str())
                    .chain(pathway.credentials.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" "),
                body: self.pathways[p].text.clone(),
                scope: Scope::default(),
            });
        }
    }

    /// The first open opportunities a district's students may apply to, soonest deadline
    /// first: those that list the district and those open to every district.
    fn district_cards(&self, district: &str) -> Vec<String> {
        self.open
            .iter()
            .filter(|&&o| {
                let districts = &self.catalog.opportunities[o].districts;
                districts.is_empty() || districts.iter().any(|d| d == district)
            })
            .take(DISTRICT_PAGE_OPPORTUNITIES)
            .map(|&o| self.cards[o].clone())
            .collect()
    }

    fn cards_of(&self, members: &[usize]) -> Vec<&str> {
        members.iter().map(|&i| self.cards[i].as_str()).collect()
    }

    /// The open listing, the archive and every facet page, paginated.
    fn listings(&self) -> Vec<Result<(String, String), Diagnostic>> {
        let urls = self.urls();
        let mut lists: Vec<Listing> = vec![
            Listing {
                title: "Opportunities".into(),
                intro: format!(
                    "{} open opportunities, soonest deadline first. Narrow them by kind, stage, pathway, where, pay or district.",
                    self.open.len()
                ),
                first_url: format!("{}opportunities/", urls.base_path),
                members: self.open.clone(),
                kind: "open",
                facet: None,
            },
            Listing {
                title: "Archive: closed opportunities".into(),
                intro: "These listings are no longer taking applications. Their pages stay online for reference.".into(),
                first_url: format!("{}opportunities/archive/", urls.base_path),
                members: self.closed.clone(),
                kind: "archive",
                facet: None,
            },
        ];
        for (group, members) in self.facets.iter().zip(&self.facet_members) {
            for (value, members) in group.values.iter().zip(members) {
                lists.push(Listing {
                    title: facet_title(group.name, &value.label),
                    intro: format!(
                        "{} open {}.",
                        value.count,
                        if value.count == 1 {
                            "opportunity"
                        } else {
                            "opportunities"
                        }
                    ),
                    first_url: value.url.clone(),
                    members: members.clone(),
                    kind: "facet",
                    facet: Some((group.name, value.slug.clone())),
                });
            }
        }
        lists
            .par_iter()
            .flat_map_iter(|list| self.listing_pages(list))
            .collect()
    }

    fn listing_pages(&self, list: &Listing) -> Vec<Result<(String, String), Diagnostic>> {
        let pages = list.members.len().div_ceil(PAGE_SIZE).max(1);
        (1..=pages)
            .map(|number| {
                let start = (number - 1) * PAGE_SIZE;
                let members = &list.members
                    [start.min(list.members.len())..(start + PAGE_SIZE).min(list.members.len())];
                let url = self.urls().paged(&list.first_url, number);
                let title = if number > 1 {
                    format!("{} (page {number} of {pages})", list.title)
                } else {
                    list.title.clone()
                };
                let mut context = self
                    .renderer
                    .context(&title, &list.intro, &url, "opportunities");
                context.insert(
                    "listing",
                    &ListingView {
                        title: &list.title,
                        intro: &list.intro,
                        kind: list.kind,
                        count: list.members.len(),
                        cards: self.cards_of(members),
                        pagination: pagination(self.urls(), &list.first_url, number, pages),
                        facets: &self.facets,
                        current: list
                            .facet
                            .as_ref()
                            .map(|(name, slug)| CurrentFacet { name, slug }),
                        all_url: format!("{}opportunities/", self.urls().base_path),
                        archive_url: format!("{}opportunities/archive/", self.urls().base_path),
                        feed_url: format!("{}opportunities/feed.xml", self.urls().base_path),
                        calendar_url: format!(
                            "{}opportunities/deadlines.ics",
                            self.urls().base_path
                        ),
                        csv_url: format!("{}opportunities.csv", self.urls().base_path),
                        json_url: format!("{}catalog.json", self.urls().base_path),
                    },
                );
                self.renderer.finish("opportunities.html", &context, &url)
            })
            .collect()
    }

    fn employer_page(&self, index: usize) -> Result<(String, String), Diagnostic> {
        let e = &self.catalog.employers[index];
        let url = self.urls().employer(&e.id);
        let description = if self.employers[index].plain.is_empty() {
            &e.name
        } else {
            &self.employers[index].plain
        };
        let mut context = self
            .renderer
            .context(&e.name, description, &url, "employer");
        let (open, past): (Vec<usize>, Vec<usize>) = e
            .opportunities
            .iter()
            .partition(|&&o| self.catalog.opportunities[o].is_open());
        context.insert("employer", &self.employer_view(e, index));
        context.insert("open_cards", &self.cards_of(&open));
        context.insert(
            "past",
            &past
                .iter()
                .map(|&o| self.opportunity_link(o))
                .collect::<Vec<_>>(),
        );
        context.insert("json_ld", &machine::employer_json_ld(self, index));
        self.renderer.finish("employer.html", &context, &url)
    }

    fn opportunity_link(&self, index: usize) -> Link {
        let o = &self.catalog.opportunities[index];
        Link {
            title: o.title.clone(),
            url: self.urls().opportunity(&o.id),
        }
    }

    fn employer_view(&self, e: &'a Employer, index: usize) -> EmployerView<'_> {
        EmployerView {
            id: &e.id,
            name: &e.name,
            url: self.urls().employer(&e.id),
            org_type: e.org_type.label(),
            city: e.city.as_deref(),
            website: e.website.as_deref(),
            pathways: e.pathways.iter().map(|&p| self.pathway_link(p)).collect(),
            hosts: e.hosts.iter().map(|k| k.label()).collect(),
            contact: contact_view(&e.contact),
            open_count: e
                .opportunities
                .iter()
                .filter(|&&o| self.catalog.opportunities[o].is_open())
                .count(),
            description: &self.employers[index].html,
        }
    }

    fn pathway_link(&self, index: usize) -> Link {
        let p = &self.catalog.pathways[index];
        Link {
            title: p.name.clone(),
            url: self.urls().pathway(&p.id),
        }
    }

    fn employer_index(&self) -> Vec<Result<(String, String), Diagnostic>> {
        let mut order: Vec<usize> = (0..self.catalog.employers.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.catalog.employers[a], &self.catalog.employers[b]);
            (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
        });
        let first = format!("{}employers/", self.urls().base_path);
        let pages = order.len().div_ceil(EMPLOYERS_PAGE_SIZE).max(1);
        (1..=pages)
            .map(|number| {
                let chunk = order
                    .chunks(EMPLOYERS_PAGE_SIZE)
                    .nth(number - 1)
                    .unwrap_or_default();
                let url = self.urls().paged(&first, number);
                let title = if number > 1 {
                    format!("Employers (page {number} of {pages})")
                } else {
                    "Employers".to_string()
                };
                let mut context = self.renderer.context(
                    &title,
                    "Employers that host students in the region",
                    &url,
                    "employers",
                );
                let employers: Vec<EmployerView> = chunk
                    .iter()
                    .map(|&i| self.employer_view(&self.catalog.employers[i], i))
                    .collect();
                context.insert("employers", &employers);
                context.insert("total", &order.len());
                context.insert(
                    "pagination",
                    &pagination(self.urls(), &first, number, pages),
                );
                self.renderer.finish("employers.html", &context, &url)
            })
            .collect()
    }

    fn pathway_view(&self, index: usize) -> PathwayView<'_> {
        let p: &Pathway = &self.catalog.pathways[index];
        PathwayView {
            id: &p.id,
            name: &p.name,
            url: self.urls().pathway(&p.id),
            sector: sector_label(&p.sector),
            high_demand: p.high_demand,
            demand_source: p.demand_source.as_deref(),
            median_wage: p.median_wage.map(|w| money(f64::from(w))),
            occupations: p
                .occupations
                .iter()
                .map(|o| OccupationView {
                    title: &o.title,
                    soc: o.soc.as_deref(),
                    median_wage: o.median_wage.map(|w| money(f64::from(w))),
                })
                .collect(),
            credentials: &p.credentials,
            colleges: p
                .colleges
                .iter()
                .map(|c| CollegeView {
                    name: &c.name,
                    program: c.program.as_deref(),
                    url: c.url.as_deref(),
                })
                .collect(),
            employers: p
                .employers
                .iter()
                .map(|&e| Link {
                    title: self.catalog.employers[e].name.clone(),
                    url: self.urls().employer(&self.catalog.employers[e].id),
                })
                .collect(),
            open_count: p
                .opportunities
                .iter()
                .filter(|&&o| self.catalog.opportunities[o].is_open())
                .count(),
            description: &self.pathways[index].html,
        }
    }

    fn pathway_page(&self, index: usize) -> Result<(String, String), Diagnostic> {
        let p = &self.catalog.pathways[index];
        let url = self.urls().pathway(&p.id);
        let description = if self.pathways[index].plain.is_empty() {
            &p.name
        } else {
            &self.pathways[index].plain
        };
        let mut context = self.renderer.context(&p.name, description, &url, "pathway");
        // The pathway's open opportunities laid out along the continuum.
        let continuum: Vec<StageColumn> = crate::model::catalog::Stage::ALL
            .iter()
            .map(|stage| {
                let members: Vec<usize> = self
                    .open
                    .iter()
                    .copied()
                    .filter(|&o| {
                        let opportunity = &self.catalog.opportunities[o];
                        opportunity.stage() == *stage && opportunity.pathways.contains(&index)
                    })
                    .collect();
                StageColumn {
                    slug: stage.slug(),
                    label: stage.label(),
                    description: stage.description(),
                    cards: self.cards_of(&members),
                }
            })
            .collect();
        context.insert("pathway", &self.pathway_view(index));
        context.insert("continuum", &continuum);
        context.insert("json_ld", &machine::pathway_json_ld(self, index));
        self.renderer.finish("pathway.html", &context, &url)
    }

    fn pathway_index(&self) -> Result<(String, String), Diagnostic> {
        let url = format!("{}pathways/", self.urls().base_path);
        let mut context = self.renderer.context(
            "Career pathways",
            "Career pathways and the opportunities along them",
            &url,
            "pathways",
        );
        let mut sectors: BTreeMap<String, Vec<PathwayView>> = BTreeMap::new();
        for i in 0..self.catalog.pathways.len() {
            let view = self.pathway_view(i);
            sectors.entry(view.sector.clone()).or_default().push(view);
        }
        let sectors: Vec<SectorView> = sectors
            .into_iter()
            .map(|(label, mut pathways)| {
                pathways.sort_by(|a, b| a.name.cmp(b.name));
                SectorView { label, pathways }
            })
            .collect();
        context.insert("sectors", &sectors);
        self.renderer.finish("pathways.html", &context, &url)
    }
}

/// `catalog` on the home page: what is open, what closes soon, and where to start.
#[derive(Serialize)]
pub(super) struct HomeCatalog {
    open_count: usize,
    employer_count: usize,
    closing_soon: Vec<HomeListing>,
    stages: Vec<HomeStage>,
    pathways: Vec<HomePathway>,
}

#[derive(Serialize)]
struct HomeListing {
    title: String,
    url: String,
    employer: String,
    kind: &'static str,
    deadline: Option<DateText>,
}

#[derive(Serialize)]
struct HomeStage {
    slug: &'static str,
    label: &'static str,
    description: &'static str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct HomePathway {
    name: String,
    url: String,
    high_demand: bool,
    open_count: usize,
}

/// How many listings closing soon the home page shows.
const HOME_CLOSING_SOON: usize = 4;

pub(super) fn home_view(renderer: &Renderer) -> Option<HomeCatalog> {
    let catalog = &renderer.site.catalog;
    if catalog.is_empty() {
        return None;
    }
    let urls = renderer.urls;
    let mut soon: Vec<&Opportunity> = catalog
        .opportunities
        .iter()
        .filter(|o| o.status == Status::ClosingSoon)
        .collect();
    soon.sort_by(|a, b| (a.deadline, &a.title).cmp(&(b.deadline, &b.title)));
    let open = |o: &&Opportunity| o.is_open();
    Some(HomeCatalog {
        open_count: catalog.opportunities.iter().filter(open).count(),
        employer_count: catalog.employers.len(),
        closing_soon: soon
            .into_iter()
            .take(HOME_CLOSING_SOON)
            .map(|o| HomeListing {
                title: o.title.clone(),
                url: urls.opportunity(&o.id),
                employer: catalog.employers[o.employer].name.clone(),
                kind: o.kind.label(),
                deadline: o.deadline.map(DateText::from),
            })
            .collect(),
        stages: crate::model::catalog::Stage::ALL
            .iter()
            .map(|stage| HomeStage {
                slug: stage.slug(),
                label: stage.label(),
                description: stage.description(),
                url: urls.facet("stage", stage.slug()),
                count: catalog
                    .opportunities
                    .iter()
                    .filter(open)
                    .filter(|o| o.stage() == *stage)
                    .count(),
            })
            .collect(),
        pathways: catalog
            .pathways
            .iter()
            .map(|p| HomePathway {
                name: p.name.clone(),
                url: urls.pathway(&p.id),
                high_demand: p.high_demand,
                open_count: p
                    .opportunities
                    .iter()
                    .filter(|&&o| catalog.opportunities[o].is_open())
                    .count(),
            })
            .collect(),
    })
}

/// One search document for each district's page.
fn district_docs(renderer: &Renderer) -> Vec<Doc> {
    renderer
        .site
        .districts
        .iter()
        .map(|d| Doc {
            kind: DocType::District,
            title: d.name.clone(),
            url: format!("{}districts/{}/", renderer.urls.base_path, d.id),
            excerpt: [
                d.region.as_deref(),
                d.county.as_ref().map(|c| format!("{c} County")).as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            keywords: d.short().to_string(),
            body: d
                .forms
                .iter()
                .map(|f| f.title.as_str())
                .chain(d.policies.iter().map(|(_, v)| v.as_str()))
                .collect::<Vec<_>>()
                .join(" "),
            scope: Scope::default(),
        })
        .collect()
}

/// A district's short name, for listings.
pub fn district_name<'a>(site: &'a Site, id: &'a str) -> &'a str {
    site.districts
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.short())
}

/// "health-science" → "Health science".
pub fn sector_label(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn facet_title(facet: &str, label: &str) -> String {
    match facet {
        "kind" => format!("{label} opportunities"),
        "stage" => format!("{label} stage opportunities"),
        "pathway" => format!("Opportunities in {label}"),
        "modality" => format!("Opportunities: {}", label.to_lowercase()),
        "pay" => format!("{label} opportunities"),
        "district" => format!("Opportunities for students in {label}"),
        _ => label.to_string(),
    }
}

struct Listing {
    title: String,
    intro: String,
    first_url: String,
    members: Vec<usize>,
    kind: &'static str,
    facet: Option<(&'static str, String)>,
}

#[derive(Serialize)]
struct CurrentFacet<'a> {
    name: &'a str,
    slug: &'a str,
}

/// `listing`: what `opportunities.html` receives.
#[derive(Serialize)]
struct ListingView<'a> {
    title: &'a str,
    intro: &'a str,
    /// `open`, `archive` or `facet`.
    kind: &'static str,
    count: usize,
    cards: Vec<&'a str>,
    pagination: Pagination,
    facets: &'a [FacetGroup],
    current: Option<CurrentFacet<'a>>,
    all_url: String,
    archive_url: String,
    feed_url: String,
    calendar_url: String,
    csv_url: String,
    json_url: String,
}

#[derive(Serialize)]
pub struct Pagination {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page links around the current one (first and last always), with gaps as `None`.
    pub links: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

fn pagination(urls: &Urls, first: &str, page: usize, pages: usize) -> Pagination {
    let mut links = Vec::new();
    let mut last_shown = 0;
    for number in 1..=pages {
        let near = number.abs_diff(page) <= 2;
        if number == 1 || number == pages || near {
            if last_shown + 1 < number {
                links.push(None);
            }
            links.push(Some(PageLink {
                number,
                url: urls.paged(first, number),
                current: number == page,
            }));
            last_shown = number;
        }
    }
    Pagination {
        page,
        pages,
        prev: (page > 1).then(|| urls.paged(first, page - 1)),
        next: (page < pages).then(|| urls.paged(first, page + 1)),
        links,
    }
}

#[derive(Serialize)]
struct EmployerView<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    org_type: &'static str,
    city: Option<&'a str>,
    website: Option<&'a str>,
    pathways: Vec<Link>,
    hosts: Vec<&'static str>,
    contact: Option<ContactView<'a>>,
    open_count: usize,
    description: &'a str,
}

#[derive(Serialize)]
struct OccupationView<'a> {
    title: &'a str,
    soc: Option<&'a str>,
    median_wage: Option<String>,
}

#[derive(Serialize)]
struct CollegeView<'a> {
    name: &'a str,
    program: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct PathwayView<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    sector: String,
    high_demand: bool,
    demand_source: Option<&'a str>,
    median_wage: Option<String>,
    occupations: Vec<OccupationView<'a>>,
    credentials: &'a [String],
    colleges: Vec<CollegeView<'a>>,
    employers: Vec<Link>,
    open_count: usize,
    description: &'a str,
}

#[derive(Serialize)]
struct SectorView<'a> {
    label: String,
    pathways: Vec<PathwayView<'a>>,
}

#[derive(Serialize)]
struct StageColumn<'a> {
    slug: &'static str,
    label: &'static str,
    description: &'static str,
    cards: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_read_naturally() {
        assert_eq!(grades_text(&[9]), "Grade 9");
        assert_eq!(grades_text(&[11, 12]), "Grades 11–12");
        assert_eq!(grades_text(&[9, 10, 11, 12]), "Grades 9–12");
        assert_eq!(grades_text(&[9, 11, 12]), "Grades 9, 11 and 12");
    }

    #[test]
    fn money_and_numbers_drop_empty_decimals() {
        assert_eq!(money(18.5), "$18.50");
        assert_eq!(money(150.0), "$150");
        assert_eq!(money(58_400.0), "$58,400");
        assert_eq!(money(1_234_567.5), "$1,234,567.50");
        assert_eq!(number(7.5), "7.5");
        assert_eq!(number(6.0), "6");
    }

    #[test]
    fn pagination_shows_ends_and_neighbours() {
        let urls = Urls {
            base_path: "/".into(),
        };
        let p = pagination(&urls, "/opportunities/", 5, 10);
        let shown: Vec<Option<usize>> = p
            .links
            .iter()
            .map(|l| l.as_ref().map(|l| l.number))
            .collect();
        assert_eq!(
            shown,
            vec![
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("/opportunities/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/opportunities/page/6/"));
        assert_eq!(urls.paged("/opportunities/", 1), "/opportunities/");
    }
}
