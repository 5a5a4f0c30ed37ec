//! `.xlsx` workbooks → one [`Sheet`]: the sheet for a folder's records, read with calamine.
//!
//! A workbook has no text to point into, so the sheet's text is written here: line `n` is
//! row `n` as the spreadsheet numbers it, its cells separated by tabs, each as the
//! spreadsheet shows it (dates ISO, numbers without a trailing `.0`). Formulas are read as
//! the values they last showed.

use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx, XlsxError};

use super::{Cell, Row, Sheet, Value};
use crate::columns::RecordType;
use crate::config::Date;
use crate::diagnostics::Diagnostic;

/// The first bytes of a compound file: an Excel 97–2003 `.xls`, or an encrypted `.xlsx`.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What to do about a file that is not a workbook Trellis can read.
const SAVE_AS_XLSX: &str =
    "open it in Excel or Google Sheets and save it as Excel Workbook (.xlsx)";

/// Reads the sheet for `folder`: see [`super::read_workbook`].
pub(super) fn read(path: &Path, bytes: &[u8], folder: &str) -> Sheet {
    match open(bytes, folder) {
        Ok(Some(range)) => grid(&range),
        Ok(None) => Sheet::unread(other_records(path, bytes, folder)),
        Err(err) => Sheet::unread(unreadable(path, bytes, &err)),
    }
}

/// The range of the sheet for `folder`; `None` when its first sheet is named for another
/// kind of record and no sheet is named for this one.
fn open(bytes: &[u8], folder: &str) -> Result<Option<Range<Data>>, XlsxError> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))?;
    let names = workbook.sheet_names();
    let name = match chosen_sheet(&names, folder) {
        Some(name) => name.to_string(),
        None => return Ok(None),
    };
    workbook.worksheet_range(&name).map(Some)
}

/// The sheet named like `folder` (in any case), else the first sheet, unless the first is
/// named like another record type's folder: then reading it would report every one of its
/// columns as wrong.
fn chosen_sheet<'a>(names: &'a [String], folder: &str) -> Option<&'a str> {
    let named = |name: &str, folder: &str| name.trim().eq_ignore_ascii_case(folder);
    if let Some(name) = names.iter().find(|n| named(n, folder)) {
        return Some(name);
    }
    let first = names.first()?;
    let other = RecordType::ALL
        .iter()
        .any(|t| t.folder() != folder && named(first, t.folder()));
    (!other).then_some(first.as_str())
}

/// The error for a workbook whose first sheet holds another kind of record.
fn other_records(path: &Path, bytes: &[u8], folder: &str) -> Diagnostic {
    let names = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
        .map(|w| w.sheet_names())
        .unwrap_or_default();
    let first = names.first().map(String::as_str).unwrap_or_default();
    Diagnostic::error(
        path,
        format!(
            "the workbook has no sheet named `{folder}`, and its first sheet, `{first}`, \
             is named for other records"
        ),
    )
    .help(format!(
        "name the sheet that holds the {folder} `{folder}`, or move the workbook to \
         content/catalog/{}/",
        first.trim().to_lowercase()
    ))
}

/// The error for bytes calamine could not read as a workbook, saying what they probably
/// are and what to do.
fn unreadable(path: &Path, bytes: &[u8], err: &XlsxError) -> Diagnostic {
    let (message, help) = match err {
        XlsxError::Password => (
            "the workbook is protected with a password, so Trellis cannot read it".to_string(),
            "save a copy without the password (Excel: File › Info › Protect Workbook) as \
             Excel Workbook (.xlsx)"
                .to_string(),
        ),
        _ if bytes.starts_with(&COMPOUND_FILE) => (
            "this is an Excel 97–2003 workbook (.xls) with an .xlsx name; Trellis reads \
             .xlsx workbooks only"
                .to_string(),
            SAVE_AS_XLSX.to_string(),
        ),
        // Every .xlsx file is a zip archive; a CSV or text file renamed is not.
        _ if !bytes.starts_with(b"PK") => (
            "this is not an Excel workbook, whatever its name says".to_string(),
            SAVE_AS_XLSX.to_string(),
        ),
        _ => (
            format!("this workbook cannot be read ({err})"),
            SAVE_AS_XLSX.to_string(),
        ),
    };
    Diagnostic::error(path, message).help(help)
}

/// The range as rows of cells, with the text their spans point into.
fn grid(range: &Range<Data>) -> Sheet {
    let mut sheet = Sheet {
        text: String::new(),
        rows: Vec::new(),
        problems: Vec::new(),
    };
    let (Some((first_row, first_col)), Some((_, last_col))) = (range.start(), range.end()) else {
        return sheet;
    };
    // Rows above the used range are empty lines, so that line `n` of the text is row `n`.
    for _ in 0..first_row {
        sheet.text.push('\n');
    }
    let width = last_col as usize + 1;
    for (i, cells) in range.rows().enumerate() {
        if i > 0 {
            sheet.text.push('\n');
        }
        let mut row = Row {
            number: first_row as usize + i + 1,
            cells: Vec::with_capacity(width),
        };
        // Columns left of the used range are empty cells, so that `cells[0]` is column A.
        let values = std::iter::repeat_n(&Data::Empty, first_col as usize).chain(cells);
        for (col, data) in values.enumerate() {
            if col > 0 {
                sheet.text.push('\t');
            }
            let (value, shown) = value(data);
            let start = sheet.text.len();
            sheet.text.push_str(&shown);
            row.cells.push(Cell {
                span: start..sheet.text.len(),
                value,
            });
        }
        sheet.rows.push(row);
    }
    sheet
}

/// What a cell holds, and its text as the spreadsheet shows it.
fn value(data: &Data) -> (Value, String) {
    match data {
        Data::Empty => (Value::Empty, String::new()),
        Data::String(s) if s.is_empty() => (Value::Empty, String::new()),
        Data::String(s) => (Value::Text, s.clone()),
        Data::Int(n) => number(*n as f64),
        Data::Float(f) => number(*f),
        Data::Bool(b) => (Value::Bool(*b), if *b { "TRUE" } else { "FALSE" }.into()),
        Data::Error(e) => (Value::Error(e.to_string()), e.to_string()),
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64() >= 1.0 => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            date(Date {
                year: i32::from(year),
                month,
                day,
            })
        }
        // A time of day, or a duration, is no date: it is kept as the time it shows, so that
        // a date column says so.
        Data::DateTime(dt) => text(clock(dt.as_f64())),
        Data::DateTimeIso(s) => iso_date(s).map_or_else(|| text(s.clone()), date),
        Data::DurationIso(s) => text(s.clone()),
    }
}

fn text(shown: String) -> (Value, String) {
    (Value::Text, shown)
}

fn date(date: Date) -> (Value, String) {
    (Value::Date(date), date.iso())
}

/// A number as a spreadsheet shows it: to 15 significant digits (what Excel keeps), with
/// no trailing `.0`, so `0.1 + 0.2` is `0.3` and twelve is `12`.
fn number(n: f64) -> (Value, String) {
    let n = if n.is_finite() {
        format!("{n:.14e}").parse().unwrap_or(n)
    } else {
        n
    };
    (Value::Number(n), format!("{n}"))
}

/// `h:mm` or `h:mm:ss` for a fraction of days (hours past 24 kept, as a duration shows).
fn clock(days: f64) -> String {
    let seconds = (days * 86_400.0).round() as i64;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if s == 0 {
        format!("{h}:{m:02}")
    } else {
        format!("{h}:{m:02}:{s:02}")
    }
}

/// The date an ISO 8601 date or date-time (`2027-03-15`, `2027-03-15T09:00:00`) names.
fn iso_date(s: &str) -> Option<Date> {
    let day = s.get(..10).filter(|d| d.is_ascii())?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = Date {
        year: day[..4].parse().ok()?,
        month: day[5..7].parse().ok()?,
        day: day[8..].parse().ok()?,
    };
    ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
}

#[cfg(test)]
mod tests;
