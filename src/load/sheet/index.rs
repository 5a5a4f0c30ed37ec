//! Where each byte of a [`Sheet`]'s text is, as a spreadsheet shows it: a row number and a
//! column, so that a catalog message about a sheet says `path:row:column` and names the
//! column ("column E, `kind`").

use rayon::prelude::*;

use super::{column_letters, Sheet};
use crate::diagnostics::Position;

/// The cells of a sheet by where their text starts, and the header of each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellIndex {
    /// Sorted by offset. An offset belongs to the last entry at or before it.
    entries: Vec<Entry>,
    /// Each column's header as matched (`kind`, `es.title`); empty where there is none.
    headers: Vec<String>,
}

/// A place in the text where a cell, or the gap before a row, starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    offset: usize,
    /// The row's number (the header row is 1).
    row: usize,
    /// The column (0 = A); `None` for the line break before a row, which stands for the
    /// whole row.
    column: Option<usize>,
}

impl CellIndex {
    /// The index of `sheet`'s cells.
    pub fn new(sheet: &Sheet) -> CellIndex {
        // Rows are many in a large sheet: their entries are made in parallel.
        let mut entries: Vec<Entry> = sheet
            .rows
            .par_iter()
            .flat_map_iter(|row| {
                let anchor = row_anchor(&sheet.text, row).map(|offset| Entry {
                    offset,
                    row: row.number,
                    column: None,
                });
                let cells = row.cells.iter().enumerate().map(|(i, cell)| Entry {
                    offset: cell.span.start,
                    row: row.number,
                    column: Some(i),
                });
                anchor.into_iter().chain(cells)
            })
            .collect();
        // At an offset shared by an empty cell and the line break after it, the line
        // break wins: no message points at an empty cell by offset.
        let key = |e: &Entry| (e.offset, e.column.is_none());
        if !entries.is_sorted_by_key(key) {
            entries.sort_by_key(key);
        }
        let headers = sheet.rows.first().map_or_else(Vec::new, |header| {
            header
                .cells
                .iter()
                .map(|c| super::records::header_name(c, &sheet.text))
                .collect()
        });
        CellIndex { entries, headers }
    }

    fn entry(&self, offset: usize) -> Option<&Entry> {
        let i = self.entries.partition_point(|e| e.offset <= offset);
        i.checked_sub(1).map(|i| &self.entries[i])
    }

    /// The row and column of byte `offset`: the cell it is in (or the nearest before it),
    /// as `line` and `col` (A = 1).
    pub fn position(&self, offset: usize) -> Position {
        match self.entry(offset) {
            Some(e) => Position {
                line: e.row,
                col: e.column.map_or(1, |c| c + 1),
            },
            None => Position::START,
        }
    }

    /// How messages name the cell at `offset`: "column E, `kind`"; `None` when the offset
    /// stands for a whole row.
    pub fn label(&self, offset: usize) -> Option<String> {
        let column = self.entry(offset)?.column?;
        Some(column_label(
            column,
            self.headers.get(column).map(String::as_str),
        ))
    }
}

/// "column E, `kind`", or "column E" for a column without a header.
pub fn column_label(column: usize, header: Option<&str>) -> String {
    let letters = column_letters(column);
    match header {
        Some(h) if !h.is_empty() => format!("column {letters}, `{h}`"),
        _ => format!("column {letters}"),
    }
}

/// The offset that stands for `row` as a whole: the line break before its first cell.
/// The header row has none.
pub(super) fn row_anchor(text: &str, row: &super::Row) -> Option<usize> {
    let first = row.cells.first()?.span.start;
    text.get(..first)?.rfind('\n')
}
