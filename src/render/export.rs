//! Open-data exports: `catalog.json` and `opportunities.csv` (public fields only: private
//! contacts never reach the model), and the listing filters' data,
//! `search/opportunities.json`.

use serde::Serialize;
use serde_json::Value;

use super::catalog::{pay_text, CatalogRender};
use super::machine::absolute;
use crate::config::Date;
use crate::model::catalog::{
    Catalog, Contact, Employer, Modality, Opportunity, OpportunityIdx, Pathway, PathwayIdx, PayType,
};

/// `catalog.json`, field by field. Typed structs keep the field order stable and the
/// export cheap to build.
#[derive(Serialize)]
struct JsonCatalog<'a> {
    format: &'static str,
    version: u32,
    generated: String,
    site: &'a str,
    pathways: Vec<JsonPathway<'a>>,
    employers: Vec<JsonEmployer<'a>>,
    opportunities: Vec<JsonOpportunity<'a>>,
}

#[derive(Serialize)]
struct JsonContact<'a> {
    name: &'a str,
    title: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

impl<'a> JsonContact<'a> {
    fn from(contact: &'a Option<Contact>) -> Option<JsonContact<'a>> {
        contact.as_ref().map(|c| JsonContact {
            name: &c.name,
            title: c.title.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
        })
    }
}

#[derive(Serialize)]
struct JsonOccupation<'a> {
    title: &'a str,
    soc: Option<&'a str>,
    median_wage: Option<u32>,
}

#[derive(Serialize)]
struct JsonCollege<'a> {
    name: &'a str,
    program: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonPathway<'a> {
    id: &'a str,
    name: &'a str,
    sector: &'a str,
    high_demand: bool,
    demand_source: Option<&'a str>,
    median_wage: Option<u32>,
    occupations: Vec<JsonOccupation<'a>>,
    credentials: &'a [String],
    colleges: Vec<JsonCollege<'a>>,
    description: &'a str,
    url: String,
}

#[derive(Serialize)]
struct JsonEmployer<'a> {
    id: &'a str,
    name: &'a str,
    org_type: &'static str,
    pathways: Vec<&'a str>,
    website: Option<&'a str>,
    city: Option<&'a str>,
    hosts: Vec<&'static str>,
    contact: Option<JsonContact<'a>>,
    description: &'a str,
    url: String,
}

#[derive(Serialize)]
struct JsonPay {
    #[serde(rename = "type")]
    kind: &'static str,
    amount: f64,
}

#[derive(Serialize)]
struct JsonOpportunity<'a> {
    id: &'a str,
    title: &'a str,
    employer: &'a str,
    kind: &'static str,
    stage: &'static str,
    pathways: Vec<&'a str>,
    modality: &'static str,
    grades: &'a [u8],
    summary: Option<&'a str>,
    districts: &'a [String],
    city: Option<&'a str>,
    schedule: Option<&'a str>,
    hours: Option<f64>,
    hours_per_week: Option<f64>,
    starts: Option<String>,
    ends: Option<String>,
    deadline: Option<String>,
    seats: Option<u32>,
    min_age: Option<u32>,
    pay: Option<JsonPay>,
    credit: Option<&'a str>,
    skills: &'a [String],
    tasks: &'a [String],
    credentials: &'a [String],
    supports: Vec<&'static str>,
    principles: Vec<&'static str>,
    apply_url: Option<&'a str>,
    contact: Option<JsonContact<'a>>,
    description: &'a str,
    status: &'static str,
    url: String,
}

/// `catalog.json`: every public field of every record, sorted by id. Documented in the README.
pub(super) fn catalog_json(pass: &CatalogRender) -> String {
    let site = pass.renderer.site;
    let catalog = pass.catalog;
    let document = JsonCatalog {
        format: "trellis-catalog",
        version: 1,
        generated: site.build_date.iso(),
        site: &site.config.base_url,
        pathways: catalog
            .pathways
            .iter()
            .map(|p| json_pathway(pass, p))
            .collect(),
        employers: catalog
            .employers
            .iter()
            .map(|e| json_employer(pass, e))
            .collect(),
        opportunities: catalog
            .opportunities
            .iter()
            .map(|o| json_opportunity(pass, o))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text.shrink_to_fit();
    text
}

/// The ids of the pathways at `ids`.
fn pathway_ids<'a>(catalog: &'a Catalog, ids: &[PathwayIdx]) -> Vec<&'a str> {
    ids.iter()
        .map(|&p| catalog.pathway(p).id.as_str())
        .collect()
}

/// One pathway as `catalog.json` writes it.
fn json_pathway<'a>(pass: &CatalogRender, p: &'a Pathway) -> JsonPathway<'a> {
    JsonPathway {
        id: &p.id,
        name: &p.name,
        sector: &p.sector,
        high_demand: p.high_demand,
        demand_source: p.demand_source.as_deref(),
        median_wage: p.median_wage,
        occupations: p
            .occupations
            .iter()
            .map(|o| JsonOccupation {
                title: &o.title,
                soc: o.soc.as_deref(),
                median_wage: o.median_wage,
            })
            .collect(),
        credentials: &p.credentials,
        colleges: p
            .colleges
            .iter()
            .map(|c| JsonCollege {
                name: &c.name,
                program: c.program.as_deref(),
                url: c.url.as_deref(),
            })
            .collect(),
        description: &p.description.markdown,
        url: absolute(pass, &pass.renderer.urls.pathway(&p.id)),
    }
}

/// One employer as `catalog.json` writes it.
fn json_employer<'a>(pass: &CatalogRender<'a>, e: &'a Employer) -> JsonEmployer<'a> {
    JsonEmployer {
        id: &e.id,
        name: &e.name,
        org_type: e.org_type.slug(),
        pathways: pathway_ids(pass.catalog, &e.pathways),
        website: e.website.as_deref(),
        city: e.city.as_deref(),
        hosts: e.hosts.iter().map(|k| k.slug()).collect(),
        contact: JsonContact::from(&e.contact),
        description: &e.description.markdown,
        url: absolute(pass, &pass.renderer.urls.employer(&e.id)),
    }
}

/// One opportunity as `catalog.json` writes it.
fn json_opportunity<'a>(pass: &CatalogRender<'a>, o: &'a Opportunity) -> JsonOpportunity<'a> {
    JsonOpportunity {
        id: &o.id,
        title: &o.title,
        employer: &pass.catalog.employer(o.employer).id,
        kind: o.kind.slug(),
        stage: o.stage().slug(),
        pathways: pathway_ids(pass.catalog, &o.pathways),
        modality: o.modality.slug(),
        grades: &o.grades,
        summary: o.summary.as_deref(),
        districts: &o.districts,
        city: o.city.as_deref(),
        schedule: o.schedule.as_deref(),
        hours: o.hours,
        hours_per_week: o.hours_per_week,
        starts: o.starts.map(|d| d.iso()),
        ends: o.ends.map(|d| d.iso()),
        deadline: o.deadline.map(|d| d.iso()),
        seats: o.seats,
        min_age: o.min_age,
        pay: o.pay.map(|p| JsonPay {
            kind: p.kind.slug(),
            amount: p.amount,
        }),
        credit: o.credit.as_deref(),
        skills: &o.skills,
        tasks: &o.tasks,
        credentials: &o.credentials,
        supports: o.supports.iter().map(|s| s.slug()).collect(),
        principles: o.principles.iter().map(|p| p.slug()).collect(),
        apply_url: o.apply_url.as_deref(),
        contact: JsonContact::from(&o.contact),
        description: &o.description.markdown,
        status: if o.is_open() { "open" } else { "closed" },
        url: absolute(pass, &pass.renderer.urls.opportunity(&o.id)),
    }
}

/// The columns of `opportunities.csv`, in order. Documented in the README.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "url",
    "status",
    "employer_id",
    "employer",
    "kind",
    "stage",
    "pathways",
    "modality",
    "city",
    "grades",
    "districts",
    "starts",
    "ends",
    "deadline",
    "hours",
    "hours_per_week",
    "seats",
    "min_age",
    "pay_type",
    "pay_amount",
    "pay",
    "credit",
    "supports",
    "principles",
    "principle_count",
    "apply_url",
    "summary",
];

/// `opportunities.csv`: one row per opportunity, open and closed, sorted by id.
pub(super) fn csv(pass: &CatalogRender) -> String {
    let catalog = pass.catalog;
    let mut out = String::new();
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    for o in &catalog.opportunities {
        let employer = catalog.employer(o.employer);
        let list = |items: Vec<String>| items.join(";");
        let optional = |v: Option<String>| v.unwrap_or_default();
        let row: Vec<String> = vec![
            o.id.clone(),
            o.title.clone(),
            absolute(pass, &pass.renderer.urls.opportunity(&o.id)),
            if o.is_open() { "open" } else { "closed" }.to_string(),
            employer.id.clone(),
            employer.name.clone(),
            o.kind.slug().to_string(),
            o.stage().slug().to_string(),
            list(
                o.pathways
                    .iter()
                    .map(|&p| catalog.pathway(p).id.clone())
                    .collect(),
            ),
            o.modality.slug().to_string(),
            optional(o.city.clone()),
            list(o.grades.iter().map(u8::to_string).collect()),
            list(o.districts.clone()),
            optional(o.starts.map(|d| d.iso())),
            optional(o.ends.map(|d| d.iso())),
            optional(o.deadline.map(|d| d.iso())),
            optional(o.hours.map(|h| h.to_string())),
            optional(o.hours_per_week.map(|h| h.to_string())),
            optional(o.seats.map(|s| s.to_string())),
            optional(o.min_age.map(|a| a.to_string())),
            optional(o.pay.map(|p| p.kind.slug().to_string())),
            optional(o.pay.map(|p| p.amount.to_string())),
            optional(pay_text(pass.renderer.strings(), o)),
            optional(o.credit.clone()),
            list(o.supports.iter().map(|s| s.slug().to_string()).collect()),
            list(o.principles.iter().map(|p| p.slug().to_string()).collect()),
            o.principles.len().to_string(),
            optional(o.apply_url.clone()),
            optional(o.summary.clone()),
        ];
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula, in ASCII and full-width
/// forms (some spreadsheets fold `＝` to `=`), and the tab and carriage return that some
/// strip before looking (OWASP "CSV injection").
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Where a spreadsheet may start a new cell inside ours: `;` in locales that use it as the
/// delimiter, tab in tab-delimited imports, and line breaks for readers that ignore quotes.
const CELL_SPLITS: &[char] = &[';', '\t', '\r', '\n'];

/// Quotes a CSV cell where needed (RFC 4180) and defuses text a spreadsheet would run as a
/// formula: a `'` goes before any formula character that starts the cell, or that starts
/// a part a spreadsheet may split off (after `;`, tab or a line break, spaces skipped).
pub fn csv_cell(cell: &str) -> String {
    let mut defused = String::with_capacity(cell.len() + 1);
    let mut starts_a_part = true;
    for c in cell.chars() {
        if starts_a_part && FORMULA_STARTS.contains(&c) {
            defused.push('\'');
        }
        defused.push(c);
        starts_a_part = CELL_SPLITS.contains(&c) || (starts_a_part && c == ' ');
    }
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

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
pub(super) fn facet_data(pass: &CatalogRender) -> Vec<u8> {
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
            per_file: super::catalog::CARDS_PER_FILE,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
    }

    #[test]
    fn every_way_a_cell_can_start_a_formula_is_defused() {
        for (cell, expected) in [
            // A formula character first: OWASP's rule.
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t'=1"),
            ("\r=1", "\"'\r'=1\""),
            // Full-width forms, which some spreadsheets fold to ASCII.
            ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
            ("\u{FF0B}1", "'\u{FF0B}1"),
            ("\u{FF0D}1", "'\u{FF0D}1"),
            ("\u{FF20}SUM(A1)", "'\u{FF20}SUM(A1)"),
            // After spaces, which an import may trim.
            (" =1", " '=1"),
            // A part a `;`-delimited spreadsheet splits off.
            ("a;=1+1", "a;'=1+1"),
            ("a; =1+1", "a; '=1+1"),
            ("a;\u{FF1D}1", "a;'\u{FF1D}1"),
            ("a;@x", "a;'@x"),
            // Tab and line breaks split cells too.
            ("a\t+1", "a\t'+1"),
            ("a\n-1", "\"a\n'-1\""),
            // Left alone: formula characters inside a part, and plain lists.
            ("a=b", "a=b"),
            ("9-5 weekdays", "9-5 weekdays"),
            ("health-science;it", "health-science;it"),
            ("a,=b", "\"a,=b\""),
        ] {
            assert_eq!(csv_cell(cell), expected, "{cell:?}");
        }
    }
}
