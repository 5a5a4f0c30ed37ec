//! Render stage, `search/opportunities.json`: what the listing's filters need about every
//! open opportunity, as tables with named columns.

use serde::Serialize;
use serde_json::Value;

use crate::config::Date;
use crate::model::catalog::{Modality, OpportunityIdx, PayType};
use crate::render::catalog::CatalogRender;

/// A table of rows with named columns: `columns` names each position of every row, so the
/// data costs one copy of each name however many rows it has, and the reader looks every
/// field up by name.
#[derive(Serialize)]
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// The table of `items`, whose fields (all always present) become the columns, in the
/// order of their names.
fn table<T: Serialize>(items: impl IntoIterator<Item = T>) -> Table {
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    for item in items {
        let Value::Object(fields) =
            serde_json::to_value(item).expect("JSON values always serialise")
        else {
            unreachable!("a table's items are structs");
        };
        if columns.is_empty() {
            columns = fields.keys().cloned().collect();
        }
        rows.push(fields.into_iter().map(|(_, value)| value).collect());
    }
    Table { columns, rows }
}

/// One value of a vocabulary: what the address holds and what a person reads.
#[derive(Serialize)]
struct Term<'a> {
    slug: &'a str,
    label: &'a str,
}

/// A kind, with the index of its stage in `stages`.
#[derive(Serialize)]
struct KindTerm<'a> {
    slug: &'static str,
    label: &'a str,
    stage: usize,
}

/// What the filters need about one open opportunity. Indexes point into the vocabularies
/// beside it; dates are days after 1970-01-01.
#[derive(Serialize)]
struct FacetRow<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    city: Option<&'a str>,
    employer: usize,
    kind: usize,
    modality: usize,
    paid: bool,
    /// Every grade the opportunity takes, not a range: grades 9 and 11 leave out 10.
    grades: &'a [u8],
    /// Empty when open to every district.
    districts: Vec<usize>,
    pathways: Vec<usize>,
    supports: Vec<usize>,
    deadline: Option<i64>,
    starts: Option<i64>,
    hours: Option<f64>,
    hourly_pay: Option<f64>,
    /// Position in the catalog files, for "newest first".
    order: usize,
}

/// Where the live filter finds the open listing's cards.
#[derive(Serialize)]
struct CardFiles {
    /// The folder's URL: file `n` is `<url><n>.json`.
    url: String,
    /// Cards per file; row `i` of `opportunities` is card `i % per_file` of file
    /// `i / per_file`.
    per_file: usize,
}

/// `search/opportunities.json`, the listing filters' data. Documented in the README;
/// `tests/facet-data.json` pins it.
#[derive(Serialize)]
struct FacetData {
    version: u32,
    today: i64,
    cards: CardFiles,
    kinds: Table,
    stages: Table,
    modalities: Table,
    supports: Table,
    pathways: Table,
    employers: Table,
    districts: Table,
    /// The open opportunities in listing order (soonest deadline first), as their cards are.
    opportunities: Table,
}

/// Where `value` stands in `all` (a vocabulary's `ALL`, which holds every value).
fn position<T: PartialEq>(all: &[T], value: T) -> usize {
    all.iter().position(|x| *x == value).unwrap_or(0)
}

/// The facet row of opportunity `index`.
fn facet_row<'a>(pass: &CatalogRender<'a>, index: OpportunityIdx) -> FacetRow<'a> {
    use crate::model::catalog::{Kind, Support};
    let o = pass.catalog.opportunity(index);
    let districts = &pass.renderer.site.districts;
    FacetRow {
        title: &o.title,
        summary: o.summary.as_deref(),
        city: o.city.as_deref(),
        employer: o.employer.index(),
        kind: position(Kind::ALL, o.kind),
        modality: position(Modality::ALL, o.modality),
        paid: o.is_paid(),
        grades: &o.grades,
        districts: o
            .districts
            .iter()
            .filter_map(|d| districts.iter().position(|x| x.id == *d))
            .collect(),
        pathways: o.pathways.iter().map(|p| p.index()).collect(),
        supports: o
            .supports
            .iter()
            .map(|s| position(Support::ALL, *s))
            .collect(),
        deadline: o.deadline.map(Date::to_days),
        starts: o.starts.map(Date::to_days),
        hours: o.hours,
        hourly_pay: o
            .pay
            .filter(|p| p.kind == PayType::Hourly)
            .map(|p| p.amount),
        order: o.order,
    }
}

/// `search/opportunities.json`: what the listing's filters need about every open
/// opportunity, as tables with named columns. The cards themselves are in the card files.
pub(in crate::render) fn facet_data(pass: &CatalogRender) -> Vec<u8> {
    use crate::model::catalog::{Kind, Stage, Support};
    let catalog = pass.catalog;
    let site = pass.renderer.site;
    let t = pass.renderer.strings();
    let terms =
        |all: Vec<(&str, &str)>| table(all.into_iter().map(|(slug, label)| Term { slug, label }));
    let document = FacetData {
        version: 2,
        today: site.build_date.to_days(),
        cards: CardFiles {
            url: pass.renderer.urls.card_files(),
            per_file: crate::render::catalog::CARDS_PER_FILE,
        },
        kinds: table(Kind::ALL.iter().map(|k| KindTerm {
            slug: k.slug(),
            label: t.label(*k),
            stage: position(Stage::ALL, k.stage()),
        })),
        stages: terms(Stage::ALL.iter().map(|&s| (s.slug(), t.label(s))).collect()),
        modalities: terms(
            Modality::ALL
                .iter()
                .map(|&m| (m.slug(), t.label(m)))
                .collect(),
        ),
        supports: terms(
            Support::ALL
                .iter()
                .map(|&s| (s.slug(), t.label(s)))
                .collect(),
        ),
        pathways: terms(
            catalog
                .pathways
                .iter()
                .map(|p| (&*p.id, &*p.name))
                .collect(),
        ),
        employers: terms(
            catalog
                .employers
                .iter()
                .map(|e| (&*e.id, &*e.name))
                .collect(),
        ),
        districts: terms(site.districts.iter().map(|d| (&*d.id, d.short())).collect()),
        opportunities: table(pass.open.iter().map(|&i| facet_row(pass, i))),
    };
    serde_json::to_vec(&document).expect("JSON values always serialise")
}
