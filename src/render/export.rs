//! Open-data exports: `catalog.json` and `opportunities.csv` (public fields only: private
//! contacts never reach the model), and the listing filters' data,
//! `search/opportunities.json`.

use serde::Serialize;
use serde_json::{json, Value};

use super::catalog::{pay_text, CatalogRender};
use super::machine::absolute;
use crate::config::Date;
use crate::model::catalog::{Contact, Modality, PayType};

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
    let urls = pass.renderer.urls;
    let pathway_ids = |ids: &[usize]| {
        ids.iter()
            .map(|&p| catalog.pathways[p].id.as_str())
            .collect()
    };
    let document = JsonCatalog {
        format: "trellis-catalog",
        version: 1,
        generated: site.build_date.iso(),
        site: &site.config.base_url,
        pathways: catalog
            .pathways
            .iter()
            .map(|p| JsonPathway {
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
                url: absolute(pass, &urls.pathway(&p.id)),
            })
            .collect(),
        employers: catalog
            .employers
            .iter()
            .map(|e| JsonEmployer {
                id: &e.id,
                name: &e.name,
                org_type: e.org_type.slug(),
                pathways: pathway_ids(&e.pathways),
                website: e.website.as_deref(),
                city: e.city.as_deref(),
                hosts: e.hosts.iter().map(|k| k.slug()).collect(),
                contact: JsonContact::from(&e.contact),
                description: &e.description.markdown,
                url: absolute(pass, &urls.employer(&e.id)),
            })
            .collect(),
        opportunities: catalog
            .opportunities
            .iter()
            .map(|o| JsonOpportunity {
                id: &o.id,
                title: &o.title,
                employer: &catalog.employers[o.employer].id,
                kind: o.kind.slug(),
                stage: o.stage().slug(),
                pathways: pathway_ids(&o.pathways),
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
                url: absolute(pass, &urls.opportunity(&o.id)),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text.shrink_to_fit();
    text
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
        let employer = &catalog.employers[o.employer];
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
                    .map(|&p| catalog.pathways[p].id.clone())
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
            optional(pay_text(o)),
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

/// `search/opportunities.json`: what the listing's filters need about every open
/// opportunity, in listing order (soonest deadline first). Each row is
/// `[title, url, employer, kind, modality, paid, pay, grade_min, grade_max, [districts],
/// [pathways], supports_mask, deadline, starts, hours, hourly_pay, seats, summary, city,
/// order, closing_soon]`, where indexes point into the lists beside `rows` and dates are
/// days after 1970-01-01.
pub(super) fn facet_data(pass: &CatalogRender) -> Vec<u8> {
    use crate::model::catalog::{Kind, Stage, Status, Support};
    let catalog = pass.catalog;
    let site = pass.renderer.site;
    let urls = pass.renderer.urls;
    let districts: Vec<(String, String)> = site
        .districts
        .iter()
        .map(|d| (d.id.clone(), d.short().to_string()))
        .collect();
    let rows: Vec<Value> = pass
        .open
        .iter()
        .map(|&i| {
            let o = &catalog.opportunities[i];
            let supports = o.supports.iter().fold(0u32, |mask, s| {
                mask | 1 << Support::ALL.iter().position(|x| x == s).unwrap_or(0)
            });
            json!([
                o.title,
                urls.opportunity(&o.id),
                o.employer,
                Kind::ALL.iter().position(|k| *k == o.kind),
                Modality::ALL.iter().position(|m| *m == o.modality),
                u8::from(o.is_paid()),
                pay_text(o),
                o.grades.first(),
                o.grades.last(),
                o.districts
                    .iter()
                    .filter_map(|d| districts.iter().position(|(id, _)| id == d))
                    .collect::<Vec<_>>(),
                o.pathways,
                supports,
                o.deadline.map(Date::to_days),
                o.starts.map(Date::to_days),
                o.hours,
                o.pay
                    .filter(|p| p.kind == PayType::Hourly)
                    .map(|p| p.amount),
                o.seats,
                o.summary,
                o.city,
                o.order,
                u8::from(o.status == Status::ClosingSoon),
            ])
        })
        .collect();
    let document = json!({
        "version": 1,
        "today": site.build_date.to_days(),
        "kinds": Kind::ALL.iter().map(|k| [k.slug(), k.label()]).collect::<Vec<_>>(),
        "kind_stage": Kind::ALL.iter().map(|k| Stage::ALL.iter().position(|s| *s == k.stage())).collect::<Vec<_>>(),
        "stages": Stage::ALL.iter().map(|s| [s.slug(), s.label()]).collect::<Vec<_>>(),
        "modalities": Modality::ALL.iter().map(|m| [m.slug(), m.label()]).collect::<Vec<_>>(),
        "supports": Support::ALL.iter().map(|s| [s.slug(), s.label()]).collect::<Vec<_>>(),
        "pathways": catalog.pathways.iter().map(|p| [p.id.as_str(), p.name.as_str()]).collect::<Vec<_>>(),
        "employers": catalog.employers.iter().map(|e| [e.id.clone(), e.name.clone(), urls.employer(&e.id)]).collect::<Vec<_>>(),
        "districts": districts,
        "rows": rows,
    });
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
