//! Render stage, the spreadsheet exports' rows: each record type's columns
//! ([`RecordType::columns`]) and its translations' (`<code>.<column>`), one row per record,
//! which `opportunities.csv`, `employers.csv`, `pathways.csv` and `catalog.xlsx` all write.

use rayon::prelude::*;

use super::values::{self, Shown, Value};
use crate::columns::{Column, RecordType};
use crate::model::catalog::{Catalog, Employer, Opportunity, Pathway, RecordTranslation};

/// One record type's table, as the exports write it.
pub(super) struct Sheet {
    /// Which records it holds; its folder names the sheet and the CSV.
    pub record: RecordType,
    /// The column names: the type's columns, then `<code>.<column>` translations.
    pub headers: Vec<String>,
    /// One row per record, sorted by id, a value per header.
    pub rows: Vec<Vec<Value>>,
}

/// A record that may be translated.
trait Record: Sync {
    /// Its `[<table>.<code>]` translations.
    fn translations(&self) -> &[RecordTranslation];
}

impl Record for Pathway {
    fn translations(&self) -> &[RecordTranslation] {
        &self.translations
    }
}

impl Record for Employer {
    fn translations(&self) -> &[RecordTranslation] {
        &self.translations
    }
}

impl Record for Opportunity {
    fn translations(&self) -> &[RecordTranslation] {
        &self.translations
    }
}

/// The catalog's three sheets, in [`RecordType::ALL`] order. `shown` holds what the site
/// shows of each opportunity; `languages` are the codes whose translations get columns
/// (in a language edition none: its records are already in its language).
pub(super) fn sheets(catalog: &Catalog, shown: &[Shown], languages: &[&str]) -> Vec<Sheet> {
    vec![
        sheet(
            RecordType::Pathway,
            &catalog.pathways,
            languages,
            |_, p, c| values::pathway(p, c),
        ),
        sheet(
            RecordType::Employer,
            &catalog.employers,
            languages,
            |_, e, c| values::employer(catalog, e, c),
        ),
        sheet(
            RecordType::Opportunity,
            &catalog.opportunities,
            languages,
            |i, o, c| values::opportunity(catalog, o, &shown[i], c),
        ),
    ]
}

/// The sheet of `records`, of type `record`: `value(i, r, column)` is the cell of the
/// `i`th record `r` in `column`.
fn sheet<R: Record>(
    record: RecordType,
    records: &[R],
    languages: &[&str],
    value: impl Fn(usize, &R, &Column) -> Option<Value> + Sync,
) -> Sheet {
    let columns = record.columns();
    let translated = translated_columns(record, records, languages);
    let headers = columns
        .iter()
        .map(|c| c.name.to_string())
        .chain(
            translated
                .iter()
                .map(|(code, c)| format!("{code}.{}", c.name)),
        )
        .collect();
    let rows = records
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let own = columns.iter().map(|column| {
                value(i, r, column).unwrap_or_else(|| {
                    panic!("column `{}` has no value in the export", column.name)
                })
            });
            let translations = translated.iter().map(|(code, column)| {
                let translation = r.translations().iter().find(|t| t.code == *code);
                values::translated(translation, column)
            });
            own.chain(translations).collect()
        })
        .collect();
    Sheet {
        record,
        headers,
        rows,
    }
}

/// The translation columns of `records`: for each of `languages` in order, each
/// translatable column that at least one record translates into it.
fn translated_columns<'l, R: Record>(
    record: RecordType,
    records: &[R],
    languages: &[&'l str],
) -> Vec<(&'l str, &'static Column)> {
    let mut out = Vec::new();
    for &code in languages {
        for column in record.columns().iter().filter(|c| c.translatable()) {
            let used = records.iter().any(|r| {
                r.translations()
                    .iter()
                    .any(|t| t.code == code && t.get(column.name).is_some())
            });
            if used {
                out.push((code, column));
            }
        }
    }
    out
}
