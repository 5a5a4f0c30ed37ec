//! Render stage, the spreadsheet exports' cells: the value of each column of
//! [`crate::columns`] for one record, typed so that `catalog.xlsx` writes numbers, booleans
//! and dates as such and the CSVs write them as the content format does.
//!
//! There is one function per record type, each a `match` on the column's name; a column
//! without an arm gives `None`, which the tests below turn into a failure for every column
//! of every type.

use super::{pathway_ids, status};
use crate::columns::{Column, Field};
use crate::config::Date;
use crate::model::catalog::{
    Catalog, College, Contact, Employer, Occupation, Opportunity, Pathway, RecordTranslation,
    TranslatedText,
};

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// Nothing: the record has no value there.
    Empty,
    /// Text, written as it is (lists already joined with `;`).
    Text(String),
    /// A number, written as Rust prints it: `18.5`, `12`.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A date, written `YYYY-MM-DD`.
    Date(Date),
}

impl Value {
    /// The cell as CSV text, before quoting.
    pub(super) fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => d.iso(),
        }
    }
}

/// What the site shows of an opportunity that its record does not hold: the address of its
/// page and its pay in words.
pub(super) struct Shown<'a> {
    /// Its kind's reporting code (`ceds_type`).
    pub ceds: &'a str,
    /// The absolute URL of its page.
    pub url: String,
    /// Its pay as the site words it ("$18.50 an hour"), if paid.
    pub pay: Option<String>,
}

/// Text, or nothing when empty.
fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

/// An optional text.
fn optional(s: Option<&str>) -> Value {
    s.map_or(Value::Empty, text)
}

/// An optional number.
fn number(n: Option<f64>) -> Value {
    n.map_or(Value::Empty, Value::Number)
}

/// An optional date.
fn date(d: Option<Date>) -> Value {
    d.map_or(Value::Empty, Value::Date)
}

/// Items joined with `;`; a `;` inside an item is written `\;` so that it reads back as
/// one item (docs/content-format.md §8.12).
fn list<T: AsRef<str>>(items: impl IntoIterator<Item = T>) -> Value {
    let items: Vec<String> = items
        .into_iter()
        .map(|item| item.as_ref().replace(';', "\\;"))
        .collect();
    text(&items.join(";"))
}

/// An item of several parts, `a | b | c`: a missing part in the middle is left empty and
/// missing parts at the end are left out.
fn parts(first: &str, rest: [Option<String>; 2]) -> String {
    let mut parts = vec![first.to_string()];
    parts.extend(rest.iter().map(|p| p.clone().unwrap_or_default()));
    while parts.len() > 1 && parts.last().is_some_and(String::is_empty) {
        parts.pop();
    }
    parts.join(" | ")
}

/// An occupation as `title | soc | median wage`.
fn occupation(o: &Occupation) -> String {
    parts(
        &o.title,
        [o.soc.clone(), o.median_wage.map(|w| w.to_string())],
    )
}

/// A college as `name | program | url`.
fn college(c: &College) -> String {
    parts(&c.name, [c.program.clone(), c.url.clone()])
}

/// A contact column (`contact_<key>`). Only public contacts reach the model, so a contact
/// that is there is public.
fn contact(contact: &Option<Contact>, key: &str) -> Option<Value> {
    let Some(c) = contact else {
        return Some(Value::Empty);
    };
    Some(match key {
        "name" => text(&c.name),
        "title" => optional(c.title.as_deref()),
        "email" => optional(c.email.as_deref()),
        "phone" => optional(c.phone.as_deref()),
        "public" => Value::Bool(true),
        _ => return None,
    })
}

/// The value of `column` for pathway `p`; `None` when the column has no arm here.
pub(super) fn pathway(p: &Pathway, column: &Column) -> Option<Value> {
    Some(match column.name {
        "id" => text(&p.id),
        "name" => text(&p.name),
        "sector" => text(&p.sector),
        "high_demand" => Value::Bool(p.high_demand),
        "demand_source" => optional(p.demand_source.as_deref()),
        "median_wage" => number(p.median_wage.map(f64::from)),
        "occupations" => list(p.occupations.iter().map(occupation)),
        "credentials" => list(&p.credentials),
        "colleges" => list(p.colleges.iter().map(college)),
        "description" => text(&p.description.markdown),
        _ => return None,
    })
}

/// The value of `column` for employer `e` of `catalog`; `None` when the column has no arm.
pub(super) fn employer(catalog: &Catalog, e: &Employer, column: &Column) -> Option<Value> {
    if let Field::Sub("contact", key) = column.field {
        return contact(&e.contact, key);
    }
    Some(match column.name {
        "id" => text(&e.id),
        "name" => text(&e.name),
        "org_type" => text(e.org_type.slug()),
        "pathways" => list(pathway_ids(catalog, &e.pathways)),
        "website" => optional(e.website.as_deref()),
        "city" => optional(e.city.as_deref()),
        "hosts" => list(e.hosts.iter().map(|k| k.slug())),
        "description" => text(&e.description.markdown),
        _ => return None,
    })
}

/// The value of `column` for opportunity `o` of `catalog`, which the site shows as `shown`;
/// `None` when the column has no arm here.
pub(super) fn opportunity(
    catalog: &Catalog,
    o: &Opportunity,
    shown: &Shown,
    column: &Column,
) -> Option<Value> {
    if let Field::Sub("contact", key) = column.field {
        return contact(&o.contact, key);
    }
    let employer = catalog.employer(o.employer);
    Some(match column.name {
        "id" => text(&o.id),
        "title" => text(&o.title),
        "url" => text(&shown.url),
        "status" => text(status(o)),
        "employer_id" => text(&employer.id),
        "employer" => text(&employer.name),
        "kind" => text(o.kind.slug()),
        "stage" => text(o.stage().slug()),
        "ceds_type" => text(shown.ceds),
        "pathways" => list(pathway_ids(catalog, &o.pathways)),
        "modality" => text(o.modality.slug()),
        "city" => optional(o.city.as_deref()),
        "grades" => list(o.grades.iter().map(u8::to_string)),
        "districts" => list(&o.districts),
        "starts" => date(o.starts),
        "ends" => date(o.ends),
        "deadline" => date(o.deadline),
        "hours" => number(o.hours),
        "hours_per_week" => number(o.hours_per_week),
        "seats" => number(o.seats.map(f64::from)),
        "min_age" => number(o.min_age.map(f64::from)),
        "pay_type" => optional(o.pay.map(|p| p.kind.slug())),
        "pay_amount" => number(o.pay.map(|p| p.amount)),
        "pay" => optional(shown.pay.as_deref()),
        "credit" => optional(o.credit.as_deref()),
        "supports" => list(o.supports.iter().map(|s| s.slug())),
        "principles" => list(o.principles.iter().map(|p| p.slug())),
        "principle_count" => Value::Number(o.principles.len() as f64),
        "apply_url" => optional(o.apply_url.as_deref()),
        "summary" => optional(o.summary.as_deref()),
        "schedule" => optional(o.schedule.as_deref()),
        "skills" => list(&o.skills),
        "tasks" => list(&o.tasks),
        "credentials" => list(&o.credentials),
        "hazards" => list(o.hazards.iter().map(|h| h.slug())),
        "description" => text(&o.description.markdown),
        _ => return None,
    })
}

/// The value of translatable `column` in `translation`: empty when it does not translate it.
pub(super) fn translated(translation: Option<&RecordTranslation>, column: &Column) -> Value {
    match translation.and_then(|t| t.get(column.name)) {
        None => Value::Empty,
        Some(TranslatedText::One(s)) => text(s),
        Some(TranslatedText::List(items)) => list(items),
        Some(TranslatedText::Markdown(t)) => text(&t.markdown),
    }
}
