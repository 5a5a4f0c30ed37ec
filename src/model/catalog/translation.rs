//! Validation stage: a record's `[<table>.<code>]` sub-tables (content format §10.3) →
//! [`RecordTranslation`]s, and the catalog in one language ([`Catalog::in_language`]):
//! each record's text fields translated where given, the rest falling back and listed.

use super::build::{text, Sourced};
use super::sources::Inputs;
use super::{Catalog, Text};
use crate::diagnostics::{closest, Diagnostic};
use crate::load::catalog::RawText;

/// The text fields an opportunity's translation may hold.
pub const OPPORTUNITY_TEXT: &[&str] = &[
    "title",
    "summary",
    "description",
    "schedule",
    "credit",
    "skills",
    "tasks",
    "credentials",
];
/// The text fields an employer's translation may hold.
pub const EMPLOYER_TEXT: &[&str] = &["name", "description"];
/// The text fields a pathway's translation may hold.
pub const PATHWAY_TEXT: &[&str] = &["name", "description", "demand_source", "credentials"];

/// Fields that are lists of strings; `description` is Markdown; the rest are one string.
const LIST_FIELDS: &[&str] = &["skills", "tasks", "credentials"];

/// A translated text field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum TranslatedText {
    /// A plain string (`title`, `summary`, ...).
    One(String),
    /// A list of strings (`skills`, `tasks`, `credentials`).
    List(Vec<String>),
    /// Markdown (`description`), placed in its file for messages.
    Markdown(Text),
}

/// A record's text in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTranslation {
    /// The language code: one of the site's `[languages]`.
    pub code: String,
    /// Each translated field (one of the kind's text fields) and its text.
    pub fields: Vec<(&'static str, TranslatedText)>,
}

impl RecordTranslation {
    /// The translation of `field`, if given.
    pub fn get(&self, field: &str) -> Option<&TranslatedText> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| t)
    }
}

/// Checks a record's translations: a language the site has, keys among `valid`, text
/// values. What is wrong is reported and left out.
pub(super) fn translations<T>(
    sourced: &Sourced<T>,
    valid: &'static [&'static str],
    inputs: &Inputs,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RecordTranslation> {
    let mut out = Vec::new();
    for raw in &sourced.record.translations {
        let code = raw.code.get_ref();
        if !inputs.languages.contains(code) {
            let help = match inputs.languages.as_slice() {
                [] => format!(
                    "add [languages.{code}] to content/site.toml to translate the site into it"
                ),
                codes => format!("the site's languages are: {}", codes.join(", ")),
            };
            let message = format!("`{code}` is not one of the site's languages");
            diagnostics.push(sourced.error(raw.code.span().start, message).help(help));
            continue;
        }
        let mut fields = Vec::new();
        for (key, value) in &raw.fields {
            let Some(field) = valid.iter().copied().find(|f| f == key.get_ref()) else {
                let help = match closest(key.get_ref(), valid.iter().copied()) {
                    Some(near) => format!(
                        "did you mean `{near}`? a translation holds only text: {}",
                        valid.join(", ")
                    ),
                    None => format!("a translation holds only text: {}", valid.join(", ")),
                };
                let message = format!(
                    "unknown key `{}` in the `{code}` translation",
                    key.get_ref()
                );
                diagnostics.push(sourced.error(key.span().start, message).help(help));
                continue;
            };
            let list = LIST_FIELDS.contains(&field);
            let translated = match value {
                RawText::One(s) if field == "description" => {
                    TranslatedText::Markdown(text(sourced, &Some(s.clone())))
                }
                RawText::One(s) if !list => TranslatedText::One(s.get_ref().clone()),
                RawText::List(items) if list => TranslatedText::List(items.clone()),
                _ => {
                    let shape = if list {
                        "a list of strings"
                    } else {
                        "a string"
                    };
                    let message = format!("`{field}` in the `{code}` translation must be {shape}");
                    diagnostics.push(sourced.error(key.span().start, message).help(format!(
                        "write it as the `{field}` of the record is written"
                    )));
                    continue;
                }
            };
            fields.push((field, translated));
        }
        out.push(RecordTranslation {
            code: code.clone(),
            fields,
        });
    }
    out
}

/// Sets `*target` to the translation of `field`, or lists the field as untranslated when
/// the record has text there.
fn one(
    target: &mut String,
    field: &'static str,
    translation: Option<&RecordTranslation>,
    untranslated: &mut Vec<&'static str>,
) {
    match translation.and_then(|t| t.get(field)) {
        Some(TranslatedText::One(s)) => *target = s.clone(),
        _ if !target.is_empty() => untranslated.push(field),
        _ => {}
    }
}

/// [`one`] for an optional field.
fn optional(
    target: &mut Option<String>,
    field: &'static str,
    translation: Option<&RecordTranslation>,
    untranslated: &mut Vec<&'static str>,
) {
    match translation.and_then(|t| t.get(field)) {
        Some(TranslatedText::One(s)) => *target = Some(s.clone()),
        _ if target.is_some() => untranslated.push(field),
        _ => {}
    }
}

/// [`one`] for a list field.
fn list(
    target: &mut Vec<String>,
    field: &'static str,
    translation: Option<&RecordTranslation>,
    untranslated: &mut Vec<&'static str>,
) {
    match translation.and_then(|t| t.get(field)) {
        Some(TranslatedText::List(items)) => *target = items.clone(),
        _ if !target.is_empty() => untranslated.push(field),
        _ => {}
    }
}

/// [`one`] for a Markdown field.
fn markdown(
    target: &mut Text,
    translation: Option<&RecordTranslation>,
    untranslated: &mut Vec<&'static str>,
) {
    match translation.and_then(|t| t.get("description")) {
        Some(TranslatedText::Markdown(text)) => *target = text.clone(),
        _ if !target.markdown.trim().is_empty() => untranslated.push("description"),
        _ => {}
    }
}

impl Catalog {
    /// The catalog in language `code`: each record's text fields from its translation into
    /// `code` where given, else as they are and named in the record's `untranslated`.
    pub fn in_language(&self, code: &str) -> Catalog {
        let mut catalog = self.clone();
        let find = |ts: &[RecordTranslation]| ts.iter().position(|t| t.code == code);
        for o in &mut catalog.opportunities {
            let t = find(&o.translations).map(|i| o.translations[i].clone());
            let (t, u) = (t.as_ref(), &mut o.untranslated);
            one(&mut o.title, "title", t, u);
            optional(&mut o.summary, "summary", t, u);
            markdown(&mut o.description, t, u);
            optional(&mut o.schedule, "schedule", t, u);
            optional(&mut o.credit, "credit", t, u);
            list(&mut o.skills, "skills", t, u);
            list(&mut o.tasks, "tasks", t, u);
            list(&mut o.credentials, "credentials", t, u);
        }
        for e in &mut catalog.employers {
            let t = find(&e.translations).map(|i| e.translations[i].clone());
            let (t, u) = (t.as_ref(), &mut e.untranslated);
            one(&mut e.name, "name", t, u);
            markdown(&mut e.description, t, u);
        }
        for p in &mut catalog.pathways {
            let t = find(&p.translations).map(|i| p.translations[i].clone());
            let (t, u) = (t.as_ref(), &mut p.untranslated);
            one(&mut p.name, "name", t, u);
            markdown(&mut p.description, t, u);
            optional(&mut p.demand_source, "demand_source", t, u);
            list(&mut p.credentials, "credentials", t, u);
        }
        catalog
    }
}
