//! What a district's file sets that the rest of the site is checked against: its typed
//! policy `max_hours_school_week` and calendar, handed to the catalog's rules, and its
//! `[values]`, each of which some page should show (docs/content-format.md §7.2, §7.3).

use std::collections::BTreeSet;

use toml::de::{DeTable, DeValue};

use super::{District, Happening};
use crate::diagnostics::Diagnostic;
use crate::markdown::{placeholder_paths, Trust};
use crate::model::catalog::DistrictRules;
use crate::model::Toolkit;

/// The most hours a week a placement may take in a district's school year.
const MOST_HOURS: f64 = 168.0;

/// `[policies] max_hours_school_week`: a number of hours from 0.01 to 168; anything else
/// is an error at the value, and no limit.
pub(super) fn max_hours_school_week(
    district: &District,
    policies: &toml::Table,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let value = policies.get("max_hours_school_week")?;
    let hours = match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    };
    let hours = hours.map(|h| (h * 100.0).round() / 100.0);
    if let Some(hours) = hours.filter(|h| (0.01..=MOST_HOURS).contains(h)) {
        return Some(hours);
    }
    let offset = district
        .value_offsets
        .get("policies.max_hours_school_week")
        .copied()
        .unwrap_or_default();
    let message = format!(
        "district `{}`: `max_hours_school_week` must be a number of hours from 0.01 to 168, \
         found {value}",
        district.id
    );
    diagnostics.push(
        Diagnostic::error(&district.file.path, message)
            .at(district.file.position(offset))
            .help("write the hours as a number, e.g. `max_hours_school_week = 15`"),
    );
    None
}

impl District {
    /// What the catalog checks the listings open to this district against.
    pub fn rules(&self) -> DistrictRules {
        let windows = self
            .calendar
            .iter()
            .filter_map(|dated| match (&dated.what, dated.ends) {
                (Happening::Applications(kind), Some(closes)) => {
                    Some((*kind, dated.starts, closes))
                }
                _ => None,
            })
            .collect();
        DistrictRules {
            id: self.id.clone(),
            windows,
            school_year: self.school_year,
            max_hours_school_week: self.max_hours_school_week,
        }
    }
}

/// For each district, a warning for each key under its `[values]` (and `[values.<code>]`)
/// that no page of its editions (`editions` holds every district's), in any language,
/// shows with `{{ district.values.<key> }}`; a key of `[values.<code>]` only when
/// `[values]` has no key of that name.
pub(crate) fn unused_values(
    districts: &[District],
    editions: &[Toolkit],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (d, district) in districts.iter().enumerate() {
        let own = editions
            .iter()
            .filter(|e| e.district.map(crate::model::DistrictIdx::index) == Some(d));
        let used = used_values(own);
        unused_in(district, &used, diagnostics);
    }
}

/// The keys of `[values]` that the pages of `editions` show, in any language.
fn used_values<'a>(editions: impl Iterator<Item = &'a Toolkit>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for page in editions.flat_map(|edition| &edition.pages) {
        let bodies = std::iter::once(&page.file.text[page.body_start..]).chain(
            page.translations
                .iter()
                .map(|t| &t.file.text[t.body_start..]),
        );
        for body in bodies {
            for path in placeholder_paths(body, Trust::Author) {
                if let Some(rest) = path.strip_prefix("values.") {
                    used.insert(rest.split('.').next().unwrap_or_default().to_string());
                }
            }
        }
    }
    used
}

/// The warnings for the keys of the district's `[values]` that are not in `used`.
fn unused_in(district: &District, used: &BTreeSet<String>, diagnostics: &mut Vec<Diagnostic>) {
    let Ok(document) = DeTable::parse(&district.file.text) else {
        return;
    };
    let Some(DeValue::Table(values)) = document.get_ref().get("values").map(|v| v.get_ref()) else {
        return;
    };
    for (key, value) in values.iter() {
        let key_text = key.get_ref().as_ref();
        match value.get_ref() {
            DeValue::Table(translated) if crate::config::is_language_code(key_text) => {
                // A translation of a value reported in `[values]` is not reported again.
                let unreported = |k: &str| !used.contains(k) && !values.contains_key(k);
                for (inner, _) in translated.iter().filter(|(k, _)| unreported(k.get_ref())) {
                    let name = format!("`{}` in `[values.{key_text}]`", inner.get_ref());
                    let at = inner.span().start;
                    diagnostics.push(unused(district, inner.get_ref(), &name, at));
                }
            }
            _ if !used.contains(key_text) => {
                let name = format!("`{key_text}`");
                diagnostics.push(unused(district, key_text, &name, key.span().start));
            }
            _ => {}
        }
    }
}

/// The warning for the value `key`, named in the message as `name`, at `offset`.
fn unused(district: &District, key: &str, name: &str, offset: usize) -> Diagnostic {
    Diagnostic::warning(
        &district.file.path,
        format!(
            "district `{}`: the value {name} is not shown on any page",
            district.id
        ),
    )
    .at(district.file.position(offset))
    .help(format!(
        "use it in a page with `{{{{ district.values.{key} }}}}`, or remove it"
    ))
}
