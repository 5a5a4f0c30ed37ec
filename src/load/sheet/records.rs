//! A catalog sheet → records: its header row checked against the record type's columns
//! ([`crate::columns`]), then each row's cells read as their columns' kinds and made into
//! the same TOML table a `[[opportunity]]` is, read by the same code as TOML records
//! ([`crate::load::catalog`]), so that every rule of the catalog applies unchanged.

use std::ops::Range;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use toml::de::DeValue;
use toml::Spanned;

use super::cells::{self, Read};
use super::index::{column_label, row_anchor};
use super::table;
use super::{Cell, Row, Sheet, Value};
use crate::columns::{Cell as Kind, Column, Field, RecordType};
use crate::diagnostics::{closest, Diagnostic, Position};
use crate::load::catalog::{deserialize, record_name, Found, Parsed, Record, Unreadable};
use crate::load::SourceFile;

/// Rows from this many on are read in parallel.
const PARALLEL_ROWS: usize = 64;

/// A header's name as it is matched: trimmed, lowercase, with spaces and `-` made `_`
/// (`Hours per week` is `hours_per_week`); in `<code>.<column>`, the code keeps its `-`.
pub fn header_name(cell: &Cell, text: &str) -> String {
    let written = match &cell.value {
        Value::Empty => return String::new(),
        Value::Text | Value::Unquoted(_) => {
            cells::clean(cell.text(text).unwrap_or_default()).into_owned()
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.iso(),
        Value::Error(e) => e.clone(),
    };
    let lower = written.to_lowercase();
    let normal = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect()
    };
    match lower.split_once('.') {
        Some((code, column)) => format!("{}.{}", code.trim(), normal(column)),
        None => normal(&lower),
    }
}

/// What a header names.
#[derive(Debug, Clone)]
enum Target {
    /// One of the record type's columns.
    Column(&'static Column),
    /// A column's translation into the language `code` (`es.title`).
    Translation(String, &'static Column),
}

/// An opportunity sheet's `employer` column when it has no `employer_id`: the employer's
/// id, not its name.
const EMPLOYER_AS_ID: Column = Column {
    name: "employer",
    cell: Kind::Reference(RecordType::Employer),
    field: Field::Renamed("employer"),
    required: true,
    note: "The id of the employer that hosts it.",
};

/// The header row read: what each column holds (`None`: ignored), and each header's name.
struct Headers {
    targets: Vec<Option<Target>>,
    names: Vec<String>,
}

/// Reads the records of `sheet`, the sheet of `file`, as records of `kind`.
pub fn records<T: DeserializeOwned + Send>(
    file: &SourceFile,
    sheet: &Sheet,
    kind: RecordType,
) -> Parsed<T> {
    let mut parsed = Parsed {
        problems: sheet.problems.clone(),
        ids_unknown: sheet.problems.iter().any(Diagnostic::is_error),
        ..Parsed::default()
    };
    let Some((header, rows)) = sheet.rows.split_first() else {
        if sheet.problems.is_empty() {
            parsed
                .problems
                .push(
                    Diagnostic::warning(&file.path, "the file is empty").help(format!(
                        "write a header row of column names (id, {}, …) and a row per {}, or \
                     delete the file",
                        kind.columns()[1].name,
                        kind.table()
                    )),
                );
        }
        return parsed;
    };
    let rows: Vec<&Row> = rows.iter().filter(|r| !blank(r, &file.text)).collect();
    let headers = headers(file, header, &rows, kind, &mut parsed.problems);
    if let Some(missing) = missing_columns(file, &headers, kind) {
        parsed.problems.push(missing);
        ids_of_unread(&headers, &file.text, &rows, &mut parsed);
        return parsed;
    }
    if rows.is_empty() && sheet.problems.is_empty() {
        parsed.problems.push(
            Diagnostic::warning(&file.path, "the file has a header row but no records")
                .at(Position::START)
                .help(format!(
                    "add a row per {} below the header, or delete the file",
                    kind.table()
                )),
        );
    }
    let read = |row: &&Row| record::<T>(file, kind, &headers, row);
    let results: Vec<_> = if rows.len() >= PARALLEL_ROWS {
        rows.par_iter().map(read).collect()
    } else {
        rows.iter().map(read).collect()
    };
    for result in results {
        parsed.add(result);
    }
    parsed
}

/// Whether `cell` holds something: not empty, not only spaces. `text` is the sheet's.
fn holds(cell: &Cell, text: &str) -> bool {
    match cell.text(text) {
        Some(t) => !t.trim().is_empty(),
        None => cell.value != Value::Empty,
    }
}

/// Whether every cell of `row` is empty or spaces.
fn blank(row: &Row, text: &str) -> bool {
    !row.cells.iter().any(|c| holds(c, text))
}

/// The names of `kind`'s columns, for messages that list them.
fn column_names(kind: RecordType) -> String {
    let names: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
    names.join(", ")
}

/// The names of the columns of `kind` a record may be translated in.
fn translatable(kind: RecordType) -> Vec<&'static str> {
    let columns = kind.columns().iter().filter(|c| c.translatable());
    columns.map(|c| c.name).collect()
}

/// Reads the header row: every header names a column of `kind` (or its translation), at
/// most once; a column with values has a header. Problems go to `problems`.
fn headers(
    file: &SourceFile,
    header: &Row,
    rows: &[&Row],
    kind: RecordType,
    problems: &mut Vec<Diagnostic>,
) -> Headers {
    let text = &file.text;
    let names: Vec<String> = header.cells.iter().map(|c| header_name(c, text)).collect();
    let has_employer_id = names.iter().any(|n| n == "employer_id");
    let mut targets = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let at = Position {
            line: 1,
            col: i + 1,
        };
        let error = |message: String, help: String| {
            Diagnostic::error(&file.path, message).at(at).help(help)
        };
        if let Some(first) = names[..i].iter().position(|n| n == name && !n.is_empty()) {
            let message = format!("the column `{name}` appears twice");
            let help = format!(
                "it is first in column {}; keep one of the two",
                super::column_letters(first)
            );
            problems.push(error(message, help));
            targets.push(None);
            continue;
        }
        let target = match target(name, kind, has_employer_id) {
            Ok(target) => target,
            Err((message, help)) => {
                problems.push(error(message, help));
                None
            }
        };
        if name.is_empty() && rows.iter().any(|r| filled(r, i, text)) {
            let message = "the column has values but no header".to_string();
            let help = format!(
                "name it with one of the {} columns ({}), or delete the column",
                kind.folder(),
                column_names(kind)
            );
            problems.push(error(message, help));
        }
        targets.push(target);
    }
    Headers { targets, names }
}

/// Whether `row`'s cell in column `i` holds something.
fn filled(row: &Row, i: usize, text: &str) -> bool {
    row.cells.get(i).is_some_and(|c| holds(c, text))
}

/// What the header `name` names; `Ok(None)` for an empty header or a column the exports
/// derive, which reading ignores. `Err` holds the message and help.
fn target(
    name: &str,
    kind: RecordType,
    has_employer_id: bool,
) -> Result<Option<Target>, (String, String)> {
    if name.is_empty() {
        return Ok(None);
    }
    if let Some(column) = kind.column(name) {
        return Ok(match column.field {
            Field::Derived if name == "employer" && !has_employer_id => {
                Some(Target::Column(&EMPLOYER_AS_ID))
            }
            Field::Derived => None,
            _ => Some(Target::Column(column)),
        });
    }
    let translatable = translatable(kind);
    if let Some((code, column)) = name.split_once('.') {
        if crate::config::is_language_code(code) {
            return match kind.column(column) {
                Some(c) if c.translatable() => Ok(Some(Target::Translation(code.into(), c))),
                Some(_) => Err((
                    format!("the column `{column}` cannot be translated"),
                    format!("translatable columns: {}", translatable.join(", ")),
                )),
                None => {
                    let near = closest(column, translatable.iter().copied());
                    let help = match near {
                        Some(near) => format!("did you mean `{code}.{near}`? "),
                        None => String::new(),
                    };
                    Err((
                        format!("unknown column `{name}`"),
                        format!("{help}translatable columns: {}", translatable.join(", ")),
                    ))
                }
            };
        }
    }
    let names = kind.columns().iter().map(|c| c.name);
    let near = closest(name, names).map(|n| format!("did you mean `{n}`? "));
    Err((
        format!("unknown column `{name}`"),
        format!(
            "{}the {} columns are: {}; a translation is `<language>.<column>`, e.g. `es.{}`",
            near.unwrap_or_default(),
            kind.folder(),
            column_names(kind),
            translatable.first().copied().unwrap_or("name")
        ),
    ))
}

/// Whether `column` (or its stand-in) is among the sheet's columns.
fn has_column(headers: &Headers, column: &'static Column) -> bool {
    headers.targets.iter().flatten().any(|t| match t {
        Target::Column(c) => column_key(c) == column_key(column),
        Target::Translation(..) => false,
    })
}

/// One error for the required columns the sheet lacks, at its first cell.
fn missing_columns(file: &SourceFile, headers: &Headers, kind: RecordType) -> Option<Diagnostic> {
    let missing: Vec<&str> = kind
        .columns()
        .iter()
        .filter(|c| c.required && !has_column(headers, c))
        .map(|c| c.name)
        .collect();
    let (last, rest) = missing.split_last()?;
    let names = match rest {
        [] => format!("the column `{last}`"),
        _ => format!("the columns `{}` and `{last}`", rest.join("`, `")),
    };
    let required: Vec<&str> = kind
        .columns()
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect();
    let message = format!("the {} sheet lacks {names}", kind.folder());
    let help = format!(
        "every {} needs {}, so no record of this file was read; the required columns are: {}",
        kind.table(),
        if rest.is_empty() { "it" } else { "them" },
        required.join(", ")
    );
    Some(
        Diagnostic::error(&file.path, message)
            .at(Position::START)
            .help(help),
    )
}

/// The ids in a sheet whose records were not read: references to them are not reported.
fn ids_of_unread<T>(headers: &Headers, text: &str, rows: &[&Row], parsed: &mut Parsed<T>) {
    let id_column = headers.names.iter().position(|n| n == "id");
    let Some(i) = id_column else {
        parsed.ids_unknown = true;
        return;
    };
    for row in rows {
        if let Some(Ok(Some(Read::Text(id)))) =
            row.cells.get(i).map(|c| cells::read(Kind::Id, c, text))
        {
            parsed.broken_ids.push(id.into_owned());
        }
    }
}

/// Where a value goes in the record's table.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Key<'a> {
    /// A key of the record.
    Top(&'static str),
    /// A key of one of its tables (`pay`, `contact`).
    Sub(&'static str, &'static str),
    /// A key of its translation into a language.
    Translation(&'a str, &'static str),
}

impl Key<'_> {
    /// The record's key it is in: the one left out when it cannot be read.
    pub(super) fn record_key(&self) -> &str {
        match self {
            Key::Top(k) | Key::Sub(k, _) => k,
            Key::Translation(code, _) => code,
        }
    }
}

/// A cell read: where its value goes, its span, its value.
pub(super) struct Entry<'a> {
    pub(super) key: Key<'a>,
    pub(super) span: Range<usize>,
    pub(super) read: Read<'a>,
}

/// One row: its cells read, then made into a table and deserialised.
fn record<T: DeserializeOwned>(
    file: &SourceFile,
    kind: RecordType,
    headers: &Headers,
    row: &Row,
) -> Result<Record<T>, Box<Unreadable>> {
    let (entries, bad) = read_cells(kind, headers, row, &file.text);
    let id = entries.iter().find_map(|e| match (&e.key, &e.read) {
        (Key::Top("id"), Read::Text(id)) => Some(id.as_ref()),
        _ => None,
    });
    let name = record_name(kind.table(), id);
    let mut found = Found::default();
    for (column, key, problem) in bad {
        let label = column_label(column, headers.names.get(column).map(String::as_str));
        found.problems.push(
            Diagnostic::error(&file.path, format!("{name} ({label}): {}", problem.message))
                .at(Position {
                    line: row.number,
                    col: column + 1,
                })
                .help(problem.help),
        );
        if let Some(key) = key {
            found.left_out.push(key.record_key().to_string());
        }
    }
    let start = row_anchor(&file.text, row).unwrap_or_else(|| row.cells[0].span.start);
    let end = row.cells.last().map_or(start, |c| c.span.end);
    let numbers = table::numbers(&entries, &found.left_out);
    let table = table::table(&entries, &found.left_out, &numbers);
    let value = Spanned::new(start..end.max(start), DeValue::Table(table));
    deserialize(file, kind.table(), value, found)
}

/// A cell that could not be read: its column, the key it would have filled, and why.
type Bad<'a> = (usize, Option<Key<'a>>, cells::Problem);

/// Reads each cell of `row` under a header as its column's kind; empty required cells and
/// incomplete `pay` or `contact` columns are problems too.
fn read_cells<'a>(
    kind: RecordType,
    headers: &'a Headers,
    row: &'a Row,
    text: &'a str,
) -> (Vec<Entry<'a>>, Vec<Bad<'a>>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, target) in headers.targets.iter().enumerate() {
        let Some(target) = target else { continue };
        let (column, key) = match target {
            Target::Column(c) => (*c, column_key(c)),
            Target::Translation(code, c) => (*c, Key::Translation(code, c.name)),
        };
        let cell = row.cells.get(i);
        let read = cell.map_or(Ok(None), |c| cells::read(column.cell, c, text));
        match read {
            Ok(Some(read)) => entries.push(Entry {
                key,
                span: cell.map_or(0..0, |c| c.span.clone()),
                read,
            }),
            Ok(None) if column.required && matches!(target, Target::Column(_)) => {
                bad.push((i, Some(key), empty_required(kind, column)));
            }
            Ok(None) => {}
            Err(problem) => bad.push((i, Some(key), problem)),
        }
    }
    incomplete_tables(kind, headers, &mut entries, &mut bad);
    (entries, bad)
}

fn column_key(column: &'static Column) -> Key<'static> {
    match column.field {
        Field::Key | Field::Derived => Key::Top(column.name),
        Field::Renamed(key) => Key::Top(key),
        Field::Sub(table, key) => Key::Sub(table, key),
    }
}

/// A required cell left empty.
fn empty_required(kind: RecordType, column: &Column) -> cells::Problem {
    let note = column.note.trim_end_matches('.');
    let mut help = format!(
        "every {} needs one: {}{}",
        kind.table(),
        note[..1].to_lowercase(),
        &note[1..]
    );
    if let Kind::Choice(choices) = column.cell {
        help.push_str(&format!("; valid values: {}", choices.slugs().join(", ")));
    }
    cells::Problem {
        message: format!("`{}` is empty", column.name),
        help,
    }
}

/// The keys of `pay` and `contact` that must be set when any of the table's columns is.
const TABLE_NEEDS: &[(&str, &str, &str)] = &[
    (
        "pay",
        "type",
        "write the pay type (hourly, stipend or fixed), or empty the other pay column if it \
         is unpaid",
    ),
    (
        "pay",
        "amount",
        "write the amount in dollars, for example 18.50, or empty the other pay column if it \
         is unpaid",
    ),
    (
        "contact",
        "name",
        "write the contact's name, or empty the other contact columns",
    ),
];

/// A `pay` or `contact` written in part: the column that is missing is a problem, and the
/// table is left out. A contact of only `contact_public` = FALSE is no contact.
fn incomplete_tables<'a>(
    kind: RecordType,
    headers: &Headers,
    entries: &mut Vec<Entry<'a>>,
    bad: &mut Vec<Bad<'a>>,
) {
    entries.retain(|e| {
        let only_private = e.key == Key::Sub("contact", "public") && e.read == Read::Bool(false);
        !only_private
    });
    for &(table, key, help) in TABLE_NEEDS {
        let in_table = |e: &&Entry| matches!(e.key, Key::Sub(t, _) if t == table);
        let Some(set) = entries.iter().find(in_table) else {
            continue;
        };
        if entries.iter().any(|e| e.key == Key::Sub(table, key))
            || bad
                .iter()
                .any(|(_, k, _)| k.as_ref().is_some_and(|k| k.record_key() == table))
        {
            continue;
        }
        let Some(missing) = kind
            .columns()
            .iter()
            .find(|c| c.field == Field::Sub(table, key))
        else {
            continue;
        };
        let set_name = match set.key {
            Key::Sub(t, k) => format!("{t}_{k}"),
            _ => unreachable!("filtered to the table's keys"),
        };
        let column = headers
            .names
            .iter()
            .position(|n| n == missing.name)
            .or_else(|| headers.names.iter().position(|n| *n == set_name))
            .unwrap_or(0);
        let problem = cells::Problem {
            message: format!("`{set_name}` is set but `{}` is empty", missing.name),
            help: help.to_string(),
        };
        bad.push((column, Some(Key::Sub(table, key)), problem));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_loosely() {
        let name = |s: &str| {
            let cell = Cell {
                span: 0..s.len(),
                value: Value::Text,
            };
            header_name(&cell, s)
        };
        assert_eq!(name(" Hours per week\u{a0}"), "hours_per_week");
        assert_eq!(name("Employer-ID"), "employer_id");
        assert_eq!(name("ES.Title"), "es.title");
        assert_eq!(name("es-MX.Title"), "es-mx.title");
    }
}
