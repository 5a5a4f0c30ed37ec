//! Catalog pages: every opportunity, employer and pathway, the open listing and its archive,
//! static facet pages, and the indexes of employers and pathways.
//!
//! Each opportunity's card is rendered once (`opportunity_card.html`) and reused by every
//! listing that shows it, so listings cost what their HTML costs to copy.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::export::Exports;
use super::links::Urls;
use super::machine;
use super::sink::Emit;
use super::{Bytes, Memory, Renderer, Sink, Strings};
use crate::diagnostics::Diagnostic;
use crate::markdown::a11y::Document;
use crate::memo::Policy;
use crate::model::catalog::{Catalog, Kind, Modality, Opportunity, OpportunityIdx};
use crate::model::Site;
use crate::render::{OutputPath, RenderedFile};
use crate::search::Doc;

/// Listings per page.
pub const PAGE_SIZE: usize = 50;
/// Open opportunities shown on a district's page (the rest are on its facet page).
pub const DISTRICT_PAGE_OPPORTUNITIES: usize = 12;
/// Employers per page of the employer index.
pub const EMPLOYERS_PAGE_SIZE: usize = 100;

mod card_files;
mod descriptions;
mod gathered;
pub(in crate::render) use descriptions::check;
pub(super) use descriptions::Described;
use descriptions::Descriptions;
use gathered::{Gathering, Matches};
pub(super) mod home;
mod pages;
mod pathways;
mod reuse;
pub(super) mod views;

pub(super) use card_files::{CARDS_PER_FILE, CARD_FILES};
pub(super) use home::district_docs;
pub(crate) use home::home_view;
pub(in crate::render) use reuse::render;
use reuse::Items;
pub use reuse::Reuse;
use views::*;
pub use views::{capitalised, grades_text, pay_text};

/// The first phase of the catalog render: every description rendered, and the listings
/// ordered and faceted. Each opportunity's card is made from this.
pub(super) struct Prepared<'a> {
    pub renderer: &'a Renderer<'a>,
    pub catalog: &'a Catalog,
    pub opportunities: Vec<Described>,
    pub employers: Vec<Described>,
    pub pathways: Vec<Described>,
    /// Open opportunities, soonest deadline first.
    pub open: Vec<OpportunityIdx>,
    /// Closed opportunities, latest deadline first.
    pub closed: Vec<OpportunityIdx>,
    pub facets: Vec<FacetGroup>,
    /// For each facet group and value, the open opportunities it holds, in listing order.
    pub facet_members: Vec<Vec<Vec<OpportunityIdx>>>,
}

/// The second phase: [`Prepared`] with each opportunity's card HTML. Every catalog page,
/// feed and export is made from this; it is only ever read, and given up whole at the end
/// (see `into_items`), so no phase sees a part of it emptied.
pub(super) struct CatalogRender<'a> {
    prepared: Prepared<'a>,
    /// Each opportunity's card HTML.
    pub cards: Vec<String>,
}

impl<'a> std::ops::Deref for CatalogRender<'a> {
    type Target = Prepared<'a>;

    fn deref(&self) -> &Prepared<'a> {
        &self.prepared
    }
}

/// One facet of the listing with its values and counts of open opportunities.
#[derive(Serialize, Clone, PartialEq)]
pub struct FacetGroup {
    /// The facet's slug in URLs and filter forms: `kind`, `stage`, `pathway`, `modality`, `pay` or `district`.
    pub name: &'static str,
    /// The facet's heading on the listing, e.g. "Career pathway".
    pub label: String,
    /// Its values in display order, including those no open opportunity has.
    pub values: Vec<FacetValue>,
}

/// One value of a facet, linked to its static listing page.
#[derive(Serialize, Clone, PartialEq)]
pub struct FacetValue {
    /// The value's slug, as in the catalog files (a kind, a pathway id, `paid`, a district id...).
    pub slug: String,
    /// The value as people read it, e.g. "Job shadow" or a pathway's name.
    pub label: String,
    /// The address of the static listing of open opportunities with this value.
    pub url: String,
    /// How many open opportunities have this value.
    pub count: usize,
}

/// What the catalog pages produce. A [`crate::Cache`] keeps it whole between rebuilds.
#[derive(Default)]
pub(super) struct Rendered {
    pub files: Vec<(OutputPath, Bytes)>,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The office documents the descriptions link to, for the accessibility review list.
    pub documents: Vec<Document>,
    pub docs: Vec<Doc>,
    /// The cards each district's page shows, by district.
    pub district_cards: Vec<Vec<String>>,
    /// How many opportunities' descriptions, cards and pages came from the previous build.
    pub reused_opportunities: usize,
    /// Each district's insights section, by district.
    pub district_insights: Vec<super::insights::DistrictInsights>,
    /// How long the insights page, its CSVs and the districts' sections took.
    pub insights_time: std::time::Duration,
}

/// For each opportunity of this build's catalog, the previous build's work on it, if it is
/// unchanged (see `Items::unchanged`).
type Unchanged<'p> = Vec<Option<(&'p Items, usize)>>;

/// Renders every catalog file, taking unchanged opportunities' work from `previous`. Under
/// [`Policy::Keep`], also returns this build's per-opportunity work for the next, and keeps
/// the files in the returned [`Rendered`]; under [`Policy::Forget`] each file goes to `sink`
/// as soon as it is made, so no more of them are held at once than are being made.
fn render_all(
    renderer: &Renderer,
    previous: Option<&Items>,
    (policy, exports): (Policy, Exports),
    sink: &dyn Sink,
) -> (Rendered, Option<Items>) {
    let mut out = Rendered::default();
    let catalog = &*renderer.site.catalog;
    if catalog.is_empty() {
        out.district_cards = vec![Vec::new(); renderer.site.districts.len()];
        return (out, None);
    }
    let kept: Unchanged = (0..catalog.opportunities.len())
        .into_par_iter()
        .map(|i| previous.and_then(|items| Some((items, items.unchanged(catalog, i)?))))
        .collect();
    out.reused_opportunities = kept.iter().flatten().count();
    let (prepared, opportunity_problems) = prepare(renderer, &kept, &mut out);
    let Some(prepared) = prepared else {
        return (out, None);
    };
    let Some(pass) = with_cards(prepared, &kept, &mut out) else {
        return (out, None);
    };
    let gathering = match policy {
        Policy::Forget => Gathering::forgetting(),
        Policy::Keep => Gathering::keeping(
            previous.map(|items| {
                let opportunities = kept.iter().map(|k| k.map(|(_, j)| j)).collect();
                (&items.gathered, Matches::of(items, catalog, opportunities))
            }),
            previous.is_some_and(|items| items.facets == pass.facets),
        ),
    };
    let memory = Memory::new();
    let emit = Emit::new(match policy {
        Policy::Keep => &memory,
        Policy::Forget => sink,
    });
    // The feeds and exports (one workbook is a long single task) beside the pages.
    let (opportunity_pages, ()) = rayon::join(
        || pages(&pass, (&kept, &gathering), policy, &emit, &mut out),
        || {
            machine::files(&pass, exports, &|path, bytes| {
                emit.file(OutputPath::fixed(path), super::shared(bytes));
            })
        },
    );
    out.problems.extend(emit.into_problems());
    out.files = memory
        .into_files()
        .into_iter()
        .map(|(path, bytes)| (OutputPath::trusted(path), bytes))
        .collect();
    let items = match policy {
        Policy::Keep => Some(pass.into_items(
            opportunity_problems,
            opportunity_pages,
            gathering.into_kept(),
        )),
        Policy::Forget => None,
    };
    (out, items)
}

/// The first phase: renders every description (reporting their problems into `out`) and
/// orders the listings. Also returns each opportunity's description problems, to keep.
/// Nothing is prepared when a description has an error.
fn prepare<'a>(
    renderer: &'a Renderer<'a>,
    kept: &Unchanged,
    out: &mut Rendered,
) -> (Option<Prepared<'a>>, Vec<Vec<Diagnostic>>) {
    let catalog = &*renderer.site.catalog;
    let words = renderer.strings().markdown_words();
    let (descriptions, found) = Descriptions::of(catalog, kept, &words);
    out.sort(&found);
    out.documents = descriptions.documents();
    let Descriptions {
        opportunities,
        opportunity_problems,
        employers,
        pathways,
    } = descriptions;
    if !out.problems.is_empty() {
        return (None, opportunity_problems);
    }
    let (open, closed) = listing_order(catalog);
    let (facets, facet_members) = facets(renderer, &open);
    let prepared = Prepared {
        renderer,
        catalog,
        opportunities,
        employers,
        pathways,
        open,
        closed,
        facets,
        facet_members,
    };
    (Some(prepared), opportunity_problems)
}

/// Open opportunities, soonest deadline first, and closed ones, latest deadline first.
fn listing_order(catalog: &Catalog) -> (Vec<OpportunityIdx>, Vec<OpportunityIdx>) {
    let (mut open, mut closed): (Vec<OpportunityIdx>, Vec<OpportunityIdx>) = catalog
        .opportunities_indexed()
        .map(|(i, _)| i)
        .partition(|&i| catalog.opportunity(i).is_open());
    open.sort_by(|&a, &b| {
        let (a, b) = (catalog.opportunity(a), catalog.opportunity(b));
        (a.deadline.is_none(), a.deadline, &a.title, &a.id).cmp(&(
            b.deadline.is_none(),
            b.deadline,
            &b.title,
            &b.id,
        ))
    });
    closed.sort_by(|&a, &b| {
        let (a, b) = (catalog.opportunity(a), catalog.opportunity(b));
        (b.deadline.or(b.ends), &a.title, &a.id).cmp(&(a.deadline.or(a.ends), &b.title, &b.id))
    });
    (open, closed)
}

/// The second phase: each opportunity's card, taken from the previous build when it is
/// unchanged. Nothing when a card fails to render (its error is in `out`).
fn with_cards<'a>(
    prepared: Prepared<'a>,
    kept: &Unchanged,
    out: &mut Rendered,
) -> Option<CatalogRender<'a>> {
    let cards: Result<Vec<String>, Diagnostic> = kept
        .par_iter()
        .enumerate()
        .map(|(i, kept)| match kept {
            Some((items, j)) => Ok(items.cards[*j].clone()),
            None => prepared.card(i),
        })
        .collect();
    match cards {
        Ok(cards) => Some(CatalogRender { prepared, cards }),
        Err(d) => {
            out.problems.push(d);
            None
        }
    }
}

/// The third phase: every catalog page to `emit`, with the district pages' cards and the
/// search documents into `out`. Under [`Policy::Keep`] returns each opportunity's page, to
/// keep; else nothing, each page having gone to `emit` as it was made. The families of
/// pages are made side by side.
fn pages(
    pass: &CatalogRender,
    (kept, gathering): (&Unchanged, &Gathering),
    policy: Policy,
    emit: &Emit,
    out: &mut Rendered,
) -> Vec<Result<(OutputPath, Bytes), Diagnostic>> {
    let ((opportunity_pages, ()), docs) = rayon::join(
        || {
            rayon::join(
                || opportunity_pages(pass, kept, policy, emit),
                || records_and_listings(pass, emit, gathering),
            )
        },
        || {
            let mut docs = Vec::new();
            pass.search_docs(&mut docs);
            docs
        },
    );
    let started = std::time::Instant::now();
    out.district_insights = super::insights::render(pass, emit);
    out.insights_time = started.elapsed();
    out.district_cards = pass
        .renderer
        .site
        .districts
        .iter()
        .map(|district| pass.district_cards(&district.id))
        .collect();
    out.docs.extend(docs);
    opportunity_pages
}

/// Each opportunity's page, kept from the last build or made now: to `emit`, and returned
/// as well under [`Policy::Keep`], to keep for the next build.
fn opportunity_pages(
    pass: &CatalogRender,
    kept: &Unchanged,
    policy: Policy,
    emit: &Emit,
) -> Vec<Result<(OutputPath, Bytes), Diagnostic>> {
    let opportunity_pages: Vec<Result<(OutputPath, Bytes), Diagnostic>> = kept
        .par_iter()
        .enumerate()
        .filter_map(|(i, kept)| {
            let page = match kept {
                Some((items, j)) => items.pages[*j].clone(),
                None => pass.opportunity_page(i).map(RenderedFile::into_shared),
            };
            if policy == Policy::Keep {
                return Some(page);
            }
            match page {
                Ok((path, bytes)) => emit.file(path, bytes),
                Err(d) => emit.problem(d),
            }
            None
        })
        .collect();
    for page in &opportunity_pages {
        match page {
            Ok((path, bytes)) => emit.file(path.clone(), Bytes::clone(bytes)),
            Err(d) => emit.problem(d.clone()),
        }
    }
    opportunity_pages
}

/// The employer and pathway pages beside the listings, the card files and the indexes.
fn records_and_listings(pass: &CatalogRender, emit: &Emit, gathering: &Gathering) {
    let catalog = pass.catalog;
    rayon::join(
        || {
            let employers: Vec<_> = catalog.employers_indexed().map(|(i, _)| i).collect();
            employers.into_par_iter().for_each(|i| {
                let url = pass.urls().employer(&catalog.employer(i).id);
                let shows = || pass.employer_shows(i);
                emit.shared(gathering.page(&url, shows, || pass.employer_page(i)));
            });
            let pathways: Vec<_> = catalog.pathways_indexed().map(|(i, _)| i).collect();
            pathways.into_par_iter().for_each(|i| {
                let url = pass.urls().pathway(&catalog.pathway(i).id);
                let shows = || pass.pathway_shows(i);
                emit.shared(gathering.page(&url, shows, || pass.pathway_page(i)));
            });
        },
        || {
            pass.listings(emit, gathering);
            pass.card_files()
                .into_iter()
                .for_each(|f| emit.rendered(Ok(f)));
            pass.employer_index()
                .into_iter()
                .for_each(|f| emit.rendered(f));
            emit.rendered(pass.pathway_index());
        },
    );
}

impl CatalogRender<'_> {
    /// Gives up this build's per-opportunity work, for the next build.
    fn into_items(
        self,
        problems: Vec<Vec<Diagnostic>>,
        pages: Vec<Result<(OutputPath, Bytes), Diagnostic>>,
        gathered: gathered::Kept,
    ) -> Items {
        Items {
            catalog: Arc::clone(&self.prepared.renderer.site.catalog),
            described: self.prepared.opportunities,
            problems,
            cards: self.cards,
            pages,
            facets: self.prepared.facets,
            gathered,
        }
    }
}

impl Rendered {
    /// Files a description's problems: errors stop the catalog pages, warnings do not.
    fn sort(&mut self, found: &[Diagnostic]) {
        for d in found {
            if d.is_error() {
                self.problems.push(d.clone());
            } else {
                self.warnings.push(d.clone());
            }
        }
    }
}

/// One value a facet offers: its slug in URLs, and its label for readers.
struct Choice {
    slug: String,
    label: String,
}

impl Choice {
    fn new(slug: &str, label: &str) -> Choice {
        Choice {
            slug: slug.to_string(),
            label: label.to_string(),
        }
    }
}

/// The facet groups of the listing over open opportunities, and each value's members.
/// Every value gets a page, even with nothing open, so that links from closed listings and
/// from the home page always lead somewhere.
fn facets(
    renderer: &Renderer,
    open: &[OpportunityIdx],
) -> (Vec<FacetGroup>, Vec<Vec<Vec<OpportunityIdx>>>) {
    let catalog = &*renderer.site.catalog;
    let grouping = Grouping {
        urls: renderer.urls,
        catalog,
        open,
    };
    facet_rules(renderer.site, catalog, renderer.strings())
        .into_iter()
        .map(|facet| grouping.group(facet))
        .unzip()
}

/// Whether an opportunity holds a facet's value, given by slug.
type Rule<'a> = Box<dyn Fn(&Opportunity, &str) -> bool + 'a>;

/// One facet of the listing: its name (in URLs), its label, its values, and the rule that
/// says whether an opportunity holds a value (given by slug).
struct Facet<'a> {
    name: &'static str,
    label: &'a str,
    values: Vec<Choice>,
    member: Rule<'a>,
}

/// The facets of the listing, in the order they are shown, labelled in the language of `t`.
fn facet_rules<'a>(site: &'a Site, catalog: &'a Catalog, t: &'a Strings) -> Vec<Facet<'a>> {
    use crate::model::catalog::Stage;
    let facet = |name: &'static str, values, member: Rule<'a>| Facet {
        name,
        label: t.text(&format!("facets.{name}")),
        values,
        member,
    };
    vec![
        facet(
            "kind",
            vocabulary(Kind::ALL.iter().map(|&k| (k.slug(), t.label(k)))),
            Box::new(|o, v| o.kind.slug() == v),
        ),
        facet(
            "stage",
            vocabulary(Stage::ALL.iter().map(|&s| (s.slug(), t.label(s)))),
            Box::new(|o, v| o.stage().slug() == v),
        ),
        facet(
            "pathway",
            catalog
                .pathways
                .iter()
                .map(|p| Choice::new(&p.id, &p.name))
                .collect(),
            Box::new(|o, v| o.pathways.iter().any(|&p| catalog.pathway(p).id == v)),
        ),
        facet(
            "modality",
            vocabulary(Modality::ALL.iter().map(|&m| (m.slug(), t.label(m)))),
            Box::new(|o, v| o.modality.slug() == v),
        ),
        facet(
            "pay",
            vocabulary(
                [
                    ("paid", t.text("catalog.paid")),
                    ("unpaid", t.text("catalog.unpaid")),
                ]
                .into_iter(),
            ),
            Box::new(|o, v| o.is_paid() == (v == "paid")),
        ),
        facet(
            "district",
            district_choices(site, catalog),
            Box::new(|o, v| o.districts.is_empty() || o.districts.iter().any(|d| d == v)),
        ),
    ]
}

/// A fixed vocabulary's values as choices, from (slug, label) pairs.
fn vocabulary<'v>(all: impl Iterator<Item = (&'v str, &'v str)>) -> Vec<Choice> {
    all.map(|(slug, label)| Choice::new(slug, label)).collect()
}

/// Every district named in a record or with a page of its own (each district's page links
/// to its listing), in id order, labelled with its name.
fn district_choices(site: &Site, catalog: &Catalog) -> Vec<Choice> {
    catalog
        .opportunities
        .iter()
        .flat_map(|o| o.districts.iter().cloned())
        .chain(site.districts.iter().map(|d| d.id.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|d| Choice::new(&d, district_name(site, &d)))
        .collect()
}

/// What facets group: the open opportunities, and where each value's page lives.
struct Grouping<'a> {
    urls: &'a Urls,
    catalog: &'a Catalog,
    open: &'a [OpportunityIdx],
}

impl Grouping<'_> {
    /// The group of one facet for the template, and each value's open members.
    fn group(&self, facet: Facet) -> (FacetGroup, Vec<Vec<OpportunityIdx>>) {
        let mut shown = Vec::new();
        let mut members = Vec::new();
        for Choice { slug, label } in facet.values {
            let holds: Vec<OpportunityIdx> = self
                .open
                .iter()
                .copied()
                .filter(|&i| (facet.member)(self.catalog.opportunity(i), &slug))
                .collect();
            shown.push(FacetValue {
                url: self.urls.facet(facet.name, &slug),
                count: holds.len(),
                slug,
                label,
            });
            members.push(holds);
        }
        let group = FacetGroup {
            name: facet.name,
            label: facet.label.to_string(),
            values: shown,
        };
        (group, members)
    }
}
