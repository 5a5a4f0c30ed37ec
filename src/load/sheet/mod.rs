//! Catalog spreadsheets: `.csv` and `.xlsx` files in `content/catalog/<folder>/` → a grid
//! of cells, each with where it is (row, column, and a byte range of [`Sheet::text`] that
//! messages point into). Reading the grid as records is `records`' work; this module only
//! turns the bytes of a file into cells, whatever encoding or program wrote them.

use std::ops::Range;

use crate::config::Date;
use crate::diagnostics::Diagnostic;

mod cells;
pub mod csv;
mod index;
pub mod records;
mod table;
mod xlsx;

pub use index::{column_label, CellIndex};

/// One sheet of a catalog file: its cells, row by row, the header row first.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The text that cell spans index: a CSV file's text (decoded, BOM removed, line ends
    /// kept as written), or, for a workbook, its cells' text laid out one row per line with
    /// a tab between cells. Two sheets with the same text hold the same cells. The source
    /// file made from the sheet takes it over ([`crate::load::SourceFile::sheet`]).
    pub text: String,
    /// Every row that has a cell, in order; the first is the header row. Blank rows are kept
    /// (their cells are all [`Value::Empty`]) so that row numbers stay those the
    /// spreadsheet shows.
    pub rows: Vec<Row>,
    /// What reading the file found: an encoding that is not UTF-8 (a warning), a quote
    /// left open, a workbook with no sheet for the folder (errors).
    pub problems: Vec<Diagnostic>,
}

impl Sheet {
    /// A sheet with nothing in it but the reason the file could not be read.
    pub(super) fn unread(problem: Diagnostic) -> Sheet {
        Sheet {
            text: String::new(),
            rows: Vec::new(),
            problems: vec![problem],
        }
    }
}

/// Whether the file at `path` is a spreadsheet by its name: `.csv` or `.xlsx`, in any case.
pub fn is_sheet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("xlsx"))
}

/// One row of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its number as the spreadsheet shows it: the header row is 1.
    pub number: usize,
    /// Its cells, by column: `cells[0]` is column A. Trailing empty cells may be left out.
    pub cells: Vec<Cell>,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Where its content is in [`Sheet::text`]: between the quotes of a quoted CSV cell;
    /// an empty range where the cell's place is, for an empty cell.
    pub span: Range<usize>,
    /// What it holds.
    pub value: Value,
}

impl Cell {
    /// The cell's text, if it holds text; `text` is the sheet's text.
    pub fn text<'a>(&'a self, text: &'a str) -> Option<&'a str> {
        match &self.value {
            Value::Text => text.get(self.span.clone()),
            Value::Unquoted(unquoted) => Some(unquoted),
            _ => None,
        }
    }
}

/// What a cell holds, as the file wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing (or only spaces are not empty: they are text).
    Empty,
    /// Text, as written at the cell's span of the sheet's text: a CSV cell (but those
    /// below), a workbook's text cell. [`Cell::text`] reads it; most cells of a large file
    /// are text, and none is copied out of the file.
    Text,
    /// Text that is not as written at the span: a quoted CSV cell with `""` inside (each
    /// one `"`), or with text after its closing quote. Nothing else is changed.
    Unquoted(String),
    /// A workbook's number cell.
    Number(f64),
    /// A workbook's `TRUE`/`FALSE` cell.
    Bool(bool),
    /// A workbook's date cell (a number formatted as a date); its time of day, if any, is
    /// dropped.
    Date(Date),
    /// A workbook's error cell (`#N/A`, `#REF!`), as the spreadsheet shows it.
    Error(String),
}

/// The letters a spreadsheet names column `index` (0-based) by: A, …, Z, AA, AB, …
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Reads a workbook's sheet for the records of `folder` (`opportunities`, ...): the sheet
/// named like the folder, else the first sheet. `path` names the file in messages.
pub fn read_workbook(path: &std::path::Path, bytes: &[u8], folder: &str) -> Sheet {
    xlsx::read(path, bytes, folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_letter_them() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
