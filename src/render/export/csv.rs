//! Render stage, the CSV exports (`opportunities.csv`, `employers.csv`, `pathways.csv`,
//! `worksites.csv` and the insights' tables): a sheet or rows of text as CSV, and how a cell is quoted and defused against spreadsheet formulas.

use super::sheets::Sheet;
use crate::columns;

/// Whether a CSV starts with a byte-order mark (`csv_byte_order_mark` in `site.toml`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(in crate::render) enum ByteOrderMark {
    /// Plain UTF-8, what machine readers expect.
    Without,
    /// UTF-8 after U+FEFF, so that Excel on Windows reads accents as written.
    With,
}

/// A sheet as CSV (RFC 4180, CRLF line ends, UTF-8): its headers, then a row per record,
/// every cell through [`csv_cell`].
pub(super) fn write(sheet: &Sheet, mark: ByteOrderMark) -> Vec<u8> {
    let rows = sheet
        .rows
        .iter()
        .map(|row| row.iter().map(|value| value.text()).collect::<Vec<_>>());
    table(&sheet.headers, rows, mark)
}

/// Rows of text as CSV, like [`write`]: `headers`, then each row, every cell through
/// [`csv_cell`].
pub(in crate::render) fn table<H: AsRef<str>, C: AsRef<str>>(
    headers: &[H],
    rows: impl IntoIterator<Item = Vec<C>>,
    mark: ByteOrderMark,
) -> Vec<u8> {
    let mut out = String::new();
    if mark == ByteOrderMark::With {
        out.push('\u{FEFF}');
    }
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let cells: Vec<String> = cells.map(csv_cell).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut headers.iter().map(AsRef::as_ref), &mut out);
    for row in rows {
        line(&mut row.iter().map(AsRef::as_ref), &mut out);
    }
    out.into_bytes()
}

/// Quotes a CSV cell where needed (RFC 4180) and defuses text a spreadsheet would run as a
/// formula: a `'` goes before any formula character that starts the cell, or that starts
/// a part a spreadsheet may split off (after `;`, tab or a line break, spaces skipped).
pub fn csv_cell(cell: &str) -> String {
    let mut defused = String::with_capacity(cell.len() + 1);
    let mut starts_a_part = true;
    for c in cell.chars() {
        if starts_a_part && columns::FORMULA_STARTS.contains(&c) {
            defused.push('\'');
        }
        defused.push(c);
        starts_a_part = columns::starts_a_part(starts_a_part, c);
    }
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
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
