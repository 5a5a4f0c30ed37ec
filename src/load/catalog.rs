//! Catalog files: `content/catalog/{pathways,employers,opportunities}/*.toml` → raw records
//! with their positions. Each record is deserialised on its own, so one bad record does not
//! hide the problems of the others.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::diagnostics::{closest, Diagnostic};
use crate::model::catalog::{Hazard, Kind, Modality, OrgType, PayType, Principle, Support};

use super::{toml_diagnostic, SourceFile};

/// A record as written, with the byte range of its table in the file.
#[derive(Debug)]
pub struct Record<T> {
    /// The record, deserialised.
    pub value: T,
    /// The byte range of its table in the file, to place messages about the whole record.
    pub span: Range<usize>,
    /// How messages name it: "opportunity `intake-micro`".
    pub name: String,
    /// Its `[<table>.<code>]` sub-tables (content format §10.3), as written.
    pub translations: Vec<RawTranslation>,
}

/// A record's `[<table>.<code>]` sub-table: its text in another language, not yet checked.
#[derive(Debug, Clone)]
pub struct RawTranslation {
    /// The language code, with the span of the key.
    pub code: Spanned<String>,
    /// Each key with its text (a string, or a list of strings) and the span of the value.
    pub fields: Vec<(Spanned<String>, RawText)>,
}

/// A value of a translation sub-table.
#[derive(Debug, Clone)]
pub enum RawText {
    /// A string, with its span.
    One(Spanned<String>),
    /// A list of strings.
    List(Vec<String>),
    /// Anything else, which no text field takes.
    Other(Range<usize>),
}

/// Record fields that hold a table of their own, and so are not language codes.
const TABLE_FIELDS: &[&str] = &["pay", "contact"];

/// Takes a record's sub-tables named like a language (`[opportunity.es]`) out of `fields`.
fn take_translations(fields: &mut DeTable) -> Vec<RawTranslation> {
    let codes: Vec<String> = fields
        .iter()
        .filter(|(key, value)| {
            let key: &str = key.get_ref();
            matches!(value.get_ref(), DeValue::Table(_))
                && crate::config::is_language_code(key)
                && !TABLE_FIELDS.contains(&key)
        })
        .map(|(key, _)| key.get_ref().to_string())
        .collect();
    let mut translations = Vec::new();
    for code in codes {
        let Some((key, value)) = fields.remove_entry(code.as_str()) else {
            continue;
        };
        let DeValue::Table(table) = value.into_inner() else {
            continue;
        };
        let fields = table
            .into_iter()
            .map(|(field, value)| {
                let span = value.span();
                let text = match value.into_inner() {
                    DeValue::String(s) => RawText::One(Spanned::new(span, s.to_string())),
                    DeValue::Array(items) => {
                        let strings: Option<Vec<String>> = items
                            .iter()
                            .map(|i| match i.get_ref() {
                                DeValue::String(s) => Some(s.to_string()),
                                _ => None,
                            })
                            .collect();
                        strings.map_or(RawText::Other(span), RawText::List)
                    }
                    _ => RawText::Other(span),
                };
                (
                    Spanned::new(field.span(), field.get_ref().to_string()),
                    text,
                )
            })
            .collect();
        translations.push(RawTranslation {
            code: Spanned::new(key.span(), code),
            fields,
        });
    }
    translations
}

/// The table names a catalog file may hold.
pub const TABLES: &[&str] = &["pathway", "employer", "opportunity"];

/// What a catalog file held.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The records that deserialised, in file order.
    pub records: Vec<Record<T>>,
    /// What went wrong in the file or its records that failed to deserialise.
    pub problems: Vec<Diagnostic>,
    /// Ids of records that could not be read: references to them are not reported again.
    pub broken_ids: Vec<String>,
    /// The file could not be parsed at all: any id might have been in it.
    pub ids_unknown: bool,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            records: Vec::new(),
            problems: Vec::new(),
            broken_ids: Vec::new(),
            ids_unknown: false,
        }
    }
}

impl<T> Parsed<T> {
    /// Keeps a record that was read, or what was wrong with one that was not.
    pub(crate) fn add(&mut self, result: Result<Record<T>, Box<Unreadable>>) {
        match result {
            Ok(record) => self.records.push(record),
            Err(failed) => {
                let Unreadable { problems, id } = *failed;
                self.problems.extend(problems);
                self.broken_ids.extend(id);
            }
        }
    }
}

/// A record that could not be read: every problem found in it, and its id if it has one.
pub(crate) struct Unreadable {
    problems: Vec<Diagnostic>,
    id: Option<String>,
}

/// What was found wrong with a record before it is deserialised (a spreadsheet's cells
/// that could not be read as their kind), and the fields left out because of it, which
/// are then not reported again as missing.
#[derive(Default)]
pub(crate) struct Found {
    /// The problems, already named and located.
    pub problems: Vec<Diagnostic>,
    /// The record's keys left out.
    pub left_out: Vec<String>,
}

/// How messages name a record: "opportunity `intake-micro`".
pub(crate) fn record_name(table: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{table} `{id}`"),
        None => format!("{table} without an id"),
    }
}

/// `name`, and the spreadsheet cell at `offset` when the file is a sheet: the prefix of a
/// message about a record ("opportunity `a` (column E, `kind`)").
pub(crate) fn record_prefix(file: &SourceFile, name: &str, offset: usize) -> String {
    match file.cell_label(offset) {
        Some(cell) => format!("{name} ({cell})"),
        None => name.to_string(),
    }
}

/// How many problems one record reports before the rest are left for the next build; each
/// one found costs another pass over the record, so a record of thousands of bad keys
/// must not cost thousands of passes.
pub const MAX_PROBLEMS_PER_RECORD: usize = 30;

/// Reads the `[[table]]` records of a file. A file may also be a single record written at
/// the top level. Problems are returned alongside the records that could be read.
pub fn records<T: DeserializeOwned>(file: &SourceFile, table: &str) -> Parsed<T> {
    let mut parsed = Parsed::default();
    let (document, errors) = DeTable::parse_recoverable(&file.text);
    if !errors.is_empty() {
        parsed.problems = errors.iter().map(|e| toml_diagnostic(file, 0, e)).collect();
        parsed.ids_unknown = true;
        return parsed;
    }
    let document_span = document.span();
    let document = document.into_inner();
    // A record written at the top level: `id = "..."` and its fields, with no [[table]].
    if document.get("id").is_some() {
        let value = Spanned::new(document_span, DeValue::Table(document));
        parsed.add(deserialize(file, table, value, Found::default()));
        return parsed;
    }
    if document.is_empty() {
        parsed.problems.push(
            Diagnostic::warning(
                &file.path,
                format!("the file holds no `[[{table}]]` records"),
            )
            .help(format!(
                "add records under `[[{table}]]` lines (`trellis new {table} ID` writes one), \
                 or delete the file"
            )),
        );
    }
    for (key, value) in document {
        if key.get_ref().as_ref() != table {
            let near = closest(key.get_ref(), TABLES.iter().copied());
            let help = match near {
                Some(near) if near == table => format!("did you mean `[[{table}]]`?"),
                _ => format!("files in this folder hold `[[{table}]]` records"),
            };
            parsed.problems.push(
                Diagnostic::error(
                    &file.path,
                    format!("unexpected `{}` in a catalog file", key.get_ref()),
                )
                .at(file.position(key.span().start))
                .help(help),
            );
            continue;
        }
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => {
                for item in items {
                    parsed.add(deserialize(file, table, item, Found::default()));
                }
            }
            table_value @ DeValue::Table(_) => parsed.add(deserialize(
                file,
                table,
                Spanned::new(span, table_value),
                Found::default(),
            )),
            _ => parsed.problems.push(
                Diagnostic::error(&file.path, format!("`{table}` must be a table of fields"))
                    .at(file.position(span.start))
                    .help(format!("write each record under a `[[{table}]]` line")),
            ),
        }
    }
    parsed
}

/// Reads one record, its translations taken out first, with what was `found` wrong in it
/// before. One loop reads the record again until every problem in it is found,
/// so it is long.
pub(crate) fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    table: &str,
    value: Spanned<DeValue>,
    found: Found,
) -> Result<Record<T>, Box<Unreadable>> {
    let span = value.span();
    let id = match value.get_ref() {
        DeValue::Table(fields) => fields.get("id").and_then(|id| match id.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        }),
        _ => None,
    };
    let name = record_name(table, id.as_deref());
    let named = |e: &toml::de::Error| {
        let mut d = toml_diagnostic(file, 0, e);
        let at = e.span().map_or(span.start, |s| s.start);
        d.message = format!("{}: {}", record_prefix(file, &name, at), d.message);
        d
    };
    let DeValue::Table(mut fields) = value.into_inner() else {
        let problem = Diagnostic::error(&file.path, format!("{name}: must be a table of fields"))
            .at(file.position(span.start))
            .help(format!("write each record under a `[[{table}]]` line"));
        return Err(Box::new(Unreadable {
            problems: vec![problem],
            id,
        }));
    };
    let translations = take_translations(&mut fields);
    // Serde stops at a record's first bad field. To report every one, the field an error
    // points into is set aside and the record read again, until it reads or an error
    // points at no single field. A field set aside is then "missing": not a new problem.
    let Found {
        mut problems,
        left_out: mut set_aside,
    } = found;
    loop {
        let attempt = Spanned::new(span.clone(), DeValue::Table(fields.clone()));
        let e = match T::deserialize(ValueDeserializer::from(attempt)) {
            Ok(value) if problems.is_empty() => {
                return Ok(Record {
                    value,
                    span,
                    name,
                    translations,
                })
            }
            Ok(_) => break,
            Err(e) => e,
        };
        let missing = missing_field(e.message());
        // Missing because it was set aside, or misspelt as an unknown key that was.
        if missing.is_some_and(|f| {
            set_aside
                .iter()
                .any(|s| s == f || closest(s, [f]).is_some())
        }) {
            break;
        }
        problems.push(named(&e));
        if missing.is_some() {
            // Serde names missing fields after reading all the others: nothing is left.
            break;
        }
        if problems.len() >= MAX_PROBLEMS_PER_RECORD {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    format!("{name}: more problems were not checked"),
                )
                .at(file.position(span.start))
                .help(format!(
                    "a record reports at most {MAX_PROBLEMS_PER_RECORD} problems in one build; \
                     fix these and build again"
                )),
            );
            break;
        }
        let Some(key) = e.span().and_then(|at| field_at(&fields, at.start)) else {
            break;
        };
        fields.remove(key.as_str());
        set_aside.push(key);
    }
    Err(Box::new(Unreadable { problems, id }))
}

/// The field named by serde's "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
}

/// The key of the field whose key or value holds byte `offset`.
fn field_at(fields: &DeTable, offset: usize) -> Option<String> {
    fields
        .iter()
        .find(|(key, value)| {
            key.span().start <= offset && offset < value.span().end.max(key.span().end)
        })
        .map(|(key, _)| key.get_ref().to_string())
}

/// A contact person; `public = false` (the default) keeps it out of every output file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// The `name` key: the person's name, not blank.
    #[serde(deserialize_with = "crate::load::text::name")]
    pub name: String,
    /// The `title` key: their job title.
    pub title: Option<String>,
    /// The `email` key: their email address.
    pub email: Option<String>,
    /// The `phone` key: their phone number.
    pub phone: Option<String>,
    /// The `public` key: whether the contact may be published; `false` when absent.
    #[serde(default)]
    pub public: bool,
}

/// One entry of a pathway's `occupations` list (content format §8.3).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOccupation {
    /// The `title` key, not blank.
    #[serde(deserialize_with = "crate::load::text::title")]
    pub title: String,
    /// The `soc` key, a SOC code still to be checked against `NN-NNNN`, with its span.
    pub soc: Option<Spanned<String>>,
    /// The `median_wage` key, annual in whole units, with its span for the range check.
    pub median_wage: Option<Spanned<i64>>,
}

/// One entry of a pathway's `colleges` list (content format §8.3).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCollege {
    /// The `name` key, not blank.
    #[serde(deserialize_with = "crate::load::text::name")]
    pub name: String,
    /// The `program` key: the program at that college.
    pub program: Option<String>,
    /// The `url` key, with its span for the `http(s)` check.
    pub url: Option<Spanned<String>>,
}

/// `[[pathway]]` (docs/content-format.md §8.3 Pathway).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPathway {
    /// The `id` key, with its span, still to be checked as a slug.
    pub id: Spanned<String>,
    /// The `name` key, not blank.
    #[serde(deserialize_with = "crate::load::text::name")]
    pub name: String,
    /// The `sector` key, with its span, still to be checked as a slug.
    pub sector: Spanned<String>,
    /// The `high_demand` key; `false` when absent.
    #[serde(default)]
    pub high_demand: bool,
    /// The `demand_source` key: why the pathway is high-demand.
    pub demand_source: Option<String>,
    /// The `median_wage` key, annual in whole units, with its span for the range check.
    pub median_wage: Option<Spanned<i64>>,
    /// The `occupations` list; empty when absent.
    #[serde(default)]
    pub occupations: Vec<RawOccupation>,
    /// The `credentials` list, none blank; empty when absent.
    #[serde(default, deserialize_with = "crate::load::text::credential_list")]
    pub credentials: Vec<String>,
    /// The `colleges` list; empty when absent.
    #[serde(default)]
    pub colleges: Vec<RawCollege>,
    /// The `description` key: Markdown, with its span to place problems inside it.
    pub description: Option<Spanned<String>>,
}

/// `[[employer]]` (docs/content-format.md §8.4 Employer).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEmployer {
    /// The `id` key, with its span, still to be checked as a slug.
    pub id: Spanned<String>,
    /// The `name` key, not blank.
    #[serde(deserialize_with = "crate::load::text::name")]
    pub name: String,
    /// The `org_type` key, one of the organisation types.
    pub org_type: OrgType,
    /// The `pathways` key: pathway ids, with spans, still to be resolved.
    #[serde(default)]
    pub pathways: Vec<Spanned<String>>,
    /// The `website` key, with its span for the `http(s)` check.
    pub website: Option<Spanned<String>>,
    /// The `city` key.
    pub city: Option<String>,
    /// The `hosts` key: kinds of opportunity it offers; empty when absent.
    #[serde(default)]
    pub hosts: Vec<Kind>,
    /// The `contact` table, public or not.
    pub contact: Option<RawContact>,
    /// The `description` key: Markdown, with its span to place problems inside it.
    pub description: Option<Spanned<String>>,
}

/// `pay = { type = "hourly", amount = 18.5 }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPay {
    /// The `type` key: hourly, stipend or fixed.
    #[serde(rename = "type")]
    pub kind: PayType,
    /// The `amount` key, with its span for the range and minimum-wage checks.
    pub amount: Spanned<f64>,
}

/// `[[opportunity]]` (docs/content-format.md §8.5 Opportunity).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOpportunity {
    /// The `id` key, with its span, still to be checked as a slug.
    pub id: Spanned<String>,
    /// The `title` key, not blank.
    #[serde(deserialize_with = "crate::load::text::title")]
    pub title: String,
    /// The `employer` key: an employer id, with its span, still to be resolved.
    pub employer: Spanned<String>,
    /// The `kind` key, with its span for messages that depend on the kind.
    pub kind: Spanned<Kind>,
    /// The `pathways` key: pathway ids, with spans, still to be resolved; empty when absent.
    #[serde(default)]
    pub pathways: Vec<Spanned<String>>,
    /// The `modality` key: in person, virtual or hybrid.
    pub modality: Modality,
    /// The `grades` key: the list and each grade with its span, still to be range-checked.
    pub grades: Spanned<Vec<Spanned<i64>>>,
    /// The `summary` key.
    pub summary: Option<String>,
    /// The `districts` key: district ids, with spans, still to be resolved; empty when absent.
    #[serde(default)]
    pub districts: Vec<Spanned<String>>,
    /// The `city` key.
    pub city: Option<String>,
    /// The `schedule` key, free text.
    pub schedule: Option<String>,
    /// The `hours` key: total hours, with its span for the range check.
    pub hours: Option<Spanned<f64>>,
    /// The `hours_per_week` key, with its span for the range check.
    pub hours_per_week: Option<Spanned<f64>>,
    /// The `starts` key: a TOML date, with its span, not yet checked to be a plain date.
    pub starts: Option<Spanned<toml::value::Datetime>>,
    /// The `ends` key: a TOML date, with its span, not yet checked to be a plain date.
    pub ends: Option<Spanned<toml::value::Datetime>>,
    /// The `deadline` key: a TOML date, with its span, not yet checked to be a plain date.
    pub deadline: Option<Spanned<toml::value::Datetime>>,
    /// The `seats` key, with its span for the range check.
    pub seats: Option<Spanned<i64>>,
    /// The `min_age` key in years, with its span for the range check.
    pub min_age: Option<Spanned<i64>>,
    /// The `hazards` list: hazardous tasks, each with its span for the age check; empty
    /// when absent.
    #[serde(default)]
    pub hazards: Vec<Spanned<Hazard>>,
    /// The `pay` table, with its span; absent means unpaid.
    pub pay: Option<Spanned<RawPay>>,
    /// The `credit` key: academic credit, free text.
    pub credit: Option<String>,
    /// The `skills` list, none blank; empty when absent.
    #[serde(default, deserialize_with = "crate::load::text::skill_list")]
    pub skills: Vec<String>,
    /// The `tasks` list, none blank; empty when absent.
    #[serde(default, deserialize_with = "crate::load::text::task_list")]
    pub tasks: Vec<String>,
    /// The `credentials` list, none blank; empty when absent.
    #[serde(default, deserialize_with = "crate::load::text::credential_list")]
    pub credentials: Vec<String>,
    /// The `supports` list; empty when absent.
    #[serde(default)]
    pub supports: Vec<Support>,
    /// The `principles` list; empty when absent.
    #[serde(default)]
    pub principles: Vec<Principle>,
    /// The `apply_url` key, with its span for the address-scheme check.
    pub apply_url: Option<Spanned<String>>,
    /// The `contact` table, public or not.
    pub contact: Option<RawContact>,
    /// The `description` key: Markdown, with its span to place problems inside it.
    pub description: Option<Spanned<String>>,
}
