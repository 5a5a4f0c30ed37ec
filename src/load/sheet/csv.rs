//! `.csv` catalog files: bytes → a [`Sheet`]. The text is decoded first (UTF-8 with or
//! without a byte-order mark; Windows-1252, which Excel on Windows writes, with a warning;
//! UTF-16 refused), then split into cells as RFC 4180 says: `,` between cells, `"` around
//! a cell that holds commas, quotes (`""`) or line breaks, CRLF or LF between rows.

use std::path::Path;

use rayon::prelude::*;

use super::{Cell, Row, Sheet, Value};
use crate::diagnostics::{Diagnostic, Position};

/// How to save a spreadsheet so that Trellis reads it as it was written.
const SAVE_AS_UTF8: &str = "in Excel, choose File › Save As › \"CSV UTF-8 (Comma delimited)\"; \
                            Google Sheets' File › Download › CSV is already UTF-8";

/// Reads a CSV file's bytes; `path` names it in messages.
pub fn read(path: &Path, bytes: Vec<u8>) -> Sheet {
    match decode(path, bytes) {
        Ok((text, problems)) => {
            let mut sheet = parse(path, text);
            sheet.problems.splice(0..0, problems);
            sheet
        }
        Err(problem) => Sheet::unread(problem),
    }
}

/// The file's text: UTF-8 (its byte-order mark removed), or else Windows-1252 with a
/// warning. UTF-16 (Excel's "Unicode Text") is an error: decoding it as either would
/// garble every character.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || (bytes.len() >= 2 && (bytes[0] == 0 || bytes[1] == 0));
    if utf16 {
        return Err(Diagnostic::error(
            path,
            "the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV",
        )
        .help(format!("save it as CSV UTF-8: {SAVE_AS_UTF8}")));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, Vec::new())),
        Err(e) => e.into_bytes(),
    };
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    let warning = Diagnostic::warning(
        path,
        "the file is not UTF-8; it was read as Windows-1252, the encoding of Excel's \
         \"CSV (Comma delimited)\"",
    )
    .help(format!(
        "check that accented letters read right, and save it as CSV UTF-8 next time: \
         {SAVE_AS_UTF8}"
    ));
    Ok((text.into_owned(), vec![warning]))
}

/// Splits decoded text into rows of cells. A quote left open is an error at the quote,
/// and the rows before it are kept.
fn parse(path: &Path, text: String) -> Sheet {
    let (rows, open_quote) = read_in_parts(&text, PART_BYTES);
    let mut problems = Vec::new();
    if let Some(column) = open_quote {
        problems.push(
            Diagnostic::error(path, "a quote opened here is never closed")
                .at(Position {
                    line: rows.len() + 1,
                    col: column,
                })
                .help(
                    "end the cell with `\"`; a quote inside a quoted cell is written \
                     twice (`\"\"`)",
                ),
        );
    }
    let mut rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(i, cells)| Row {
            number: i + 1,
            cells,
        })
        .collect();
    if let Some(problem) = semicolons(path, &text, &rows) {
        problems.push(problem);
        rows.clear();
    }
    Sheet {
        text,
        rows,
        problems,
    }
}

/// About how many bytes of a file one thread reads.
const PART_BYTES: usize = 1 << 20;

/// The rows of `text`, and the column of a quote left open in the row after them, if one
/// is. A large text is read in parts of about `size` bytes in parallel: each part starts
/// after a line break, which is where a row starts unless the break is inside a quoted
/// cell. Which it is, only the rows before can tell; so the parts are read as if it were,
/// and a part whose start the rows before it do not end at is read again from where
/// they end. That is rare (a multi-line cell across a part's start) and costs one part.
fn read_in_parts(text: &str, size: usize) -> (Vec<Vec<Cell>>, Option<usize>) {
    let mut starts = vec![0];
    while let Some(from) = starts.last().map(|s| s + size).filter(|&f| f < text.len()) {
        match text[from..].find('\n') {
            Some(i) if from + i + 1 < text.len() => starts.push(from + i + 1),
            _ => break,
        }
    }
    let ends: Vec<usize> = starts[1..].iter().copied().chain([text.len()]).collect();
    let parts: Vec<Part> = starts
        .par_iter()
        .zip(&ends)
        .map(|(&from, &to)| read_rows(text, from, to))
        .collect();
    let mut rows = Vec::new();
    let mut at = 0;
    for (part, &to) in parts.into_iter().zip(&ends) {
        if at >= to {
            continue;
        }
        let part = if part.from == at {
            part
        } else {
            read_rows(text, at, to)
        };
        rows.extend(part.rows);
        if part.open_quote.is_some() {
            return (rows, part.open_quote);
        }
        at = part.end;
    }
    (rows, None)
}

/// The rows read from one part of a text.
struct Part {
    /// Where the first row starts.
    from: usize,
    rows: Vec<Vec<Cell>>,
    /// Where the row after the last one starts.
    end: usize,
    /// The column of a quote left open in the row after the last one.
    open_quote: Option<usize>,
}

/// The rows that start in `text[from..to]`, `from` being where a row starts; the last may
/// end after `to`.
fn read_rows(text: &str, from: usize, to: usize) -> Part {
    let mut rows = Vec::new();
    let mut reader = Reader {
        text,
        at: from,
        width: 0,
    };
    let mut open_quote = None;
    while reader.at < to {
        match reader.row() {
            Ok(cells) => rows.push(cells),
            Err(column) => {
                open_quote = Some(column);
                break;
            }
        }
    }
    Part {
        from,
        rows,
        end: reader.at,
        open_quote,
    }
}

/// A header row of one cell with `;` in it: the file separates cells with `;`, as Excel
/// does where a comma is the decimal separator.
fn semicolons(path: &Path, text: &str, rows: &[Row]) -> Option<Diagnostic> {
    let header = rows.first()?;
    let [cell] = header.cells.as_slice() else {
        return None;
    };
    cell.text(text)?.contains(';').then(|| {
        Diagnostic::error(path, "the cells are separated by `;`, not `,`")
            .at(Position::START)
            .help(
                "Excel writes `;` where a comma is the decimal separator; save the file with \
                 commas (in Excel, File › Save As › \"CSV UTF-8 (Comma delimited)\" after \
                 setting the list separator to `,`), or download it from Google Sheets",
            )
    })
}

/// A cursor over the text, reading one row at a time.
struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// How many cells the last row read had: rows of a sheet are mostly alike.
    width: usize,
}

impl Reader<'_> {
    /// Reads the row starting at `self.at` and its line end. `Err` holds the column of a
    /// quote left open.
    fn row(&mut self) -> Result<Vec<Cell>, usize> {
        let bytes = self.text.as_bytes();
        let mut cells = Vec::with_capacity(self.width);
        loop {
            let cell = if bytes.get(self.at) == Some(&b'"') {
                self.quoted().ok_or(cells.len() + 1)?
            } else {
                self.plain()
            };
            cells.push(cell);
            match bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'\r') if bytes.get(self.at + 1) == Some(&b'\n') => {
                    self.at += 2;
                    break;
                }
                Some(b'\r' | b'\n') => {
                    self.at += 1;
                    break;
                }
                _ => break,
            }
        }
        self.width = cells.len();
        Ok(cells)
    }

    /// A cell without quotes: everything up to the next `,` or line end, as written.
    fn plain(&mut self) -> Cell {
        let start = self.at;
        self.at = start + cell_end(&self.text[start..]);
        let value = if self.at == start {
            Value::Empty
        } else {
            Value::Text
        };
        Cell {
            span: start..self.at,
            value,
        }
    }

    /// A quoted cell: its span is between the quotes; `""` inside is one `"`. Text after
    /// the closing quote and before the next `,` is kept as written. `None` when the quote
    /// is never closed.
    fn quoted(&mut self) -> Option<Cell> {
        let start = self.at + 1;
        let bytes = self.text.as_bytes();
        // Only a cell with `""` inside, or text after its closing quote, is copied out.
        let mut unquoted: Option<String> = None;
        let (mut i, mut from) = (start, start);
        loop {
            let quote = i + self.text[i..].find('"')?;
            if bytes.get(quote + 1) == Some(&b'"') {
                let value = unquoted.get_or_insert_with(String::new);
                value.push_str(&self.text[from..=quote]);
                i = quote + 2;
                from = i;
                continue;
            }
            self.at = quote + 1;
            let len = cell_end(&self.text[self.at..]);
            if unquoted.is_some() || len > 0 {
                let value = unquoted.get_or_insert_with(String::new);
                value.push_str(&self.text[from..quote]);
                value.push_str(&self.text[self.at..self.at + len]);
            }
            self.at += len;
            let value = match unquoted {
                None if quote == start => Value::Empty,
                None => Value::Text,
                Some(v) if v.is_empty() => Value::Empty,
                Some(v) => Value::Unquoted(v),
            };
            return Some(Cell {
                span: start..quote,
                value,
            });
        }
    }
}

/// Where the cell that `rest` starts with ends: at the next `,` or line end.
fn cell_end(rest: &str) -> usize {
    // Bytes, not chars: the three are ASCII, and this is the loop every cell goes through.
    rest.bytes()
        .position(|b| matches!(b, b',' | b'\r' | b'\n'))
        .unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| match &c.value {
                        Value::Empty => String::new(),
                        _ => c
                            .text(&sheet.text)
                            .expect("CSV cells hold text")
                            .to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    fn read_str(text: &str) -> Sheet {
        read(Path::new("a.csv"), text.as_bytes().to_vec())
    }

    #[test]
    fn quoted_cells_hold_commas_quotes_and_line_breaks() {
        let sheet = read_str("id,description\r\na,\"One, \"\"two\"\"\r\n- three\"\r\nb,plain\r\n");
        assert_eq!(
            texts(&sheet),
            [
                vec!["id", "description"],
                vec!["a", "One, \"two\"\r\n- three"],
                vec!["b", "plain"],
            ]
        );
        // Rows count records, not lines: `b` is row 3 although it is on line 5.
        assert_eq!(sheet.rows[2].number, 3);
        assert!(sheet.problems.is_empty());
        // A quoted cell's span is between its quotes.
        let span = sheet.rows[1].cells[1].span.clone();
        assert!(sheet.text[span].starts_with("One, \"\"two"));
    }

    #[test]
    fn empty_cells_and_a_missing_last_line_end() {
        let sheet = read_str("a,,\"\"\nx");
        assert_eq!(texts(&sheet), [vec!["a", "", ""], vec!["x"]]);
        assert_eq!(sheet.rows[0].cells[1].span, 2..2);
        assert_eq!(sheet.rows[0].cells[1].value, Value::Empty);
    }

    #[test]
    fn a_quote_inside_a_plain_cell_is_kept() {
        let sheet = read_str("a 5\" screen,b\n");
        assert_eq!(texts(&sheet), [vec!["a 5\" screen", "b"]]);
    }

    #[test]
    fn an_open_quote_is_an_error_at_its_row_and_column() {
        let sheet = read_str("id,title\na,\"never closed\nb,c\n");
        assert_eq!(texts(&sheet), [vec!["id", "title"]]);
        let problem = &sheet.problems[0];
        assert_eq!(problem.position, Some(Position { line: 2, col: 2 }));
        assert_eq!(problem.message, "a quote opened here is never closed");
    }

    #[test]
    fn large_files_are_read_in_parts_as_they_are_read_whole() {
        // Line breaks inside quoted cells: most part starts fall inside a cell.
        let row = "a,\"x\ny, \"\"z\"\"\n\",b 5\" c\r\n";
        let text = row.repeat(50);
        let (whole, open) = read_in_parts(&text, text.len());
        assert_eq!(open, None);
        assert_eq!(whole.len(), 50);
        for size in [1, 5, 7, 13, 64] {
            assert_eq!(read_in_parts(&text, size), (whole.clone(), None), "{size}");
        }
        let sheet = parse(Path::new("a.csv"), text.clone());
        assert_eq!(sheet.rows[49].number, 50);
        assert_eq!(texts(&sheet)[49], ["a", "x\ny, \"z\"\n", "b 5\" c"]);
        // A quote left open is found however the text is cut, in the same row.
        let open = format!("{}a,\"never\nb,c\n{}", row.repeat(3), "p,q\n".repeat(9));
        let (rows, column) = read_in_parts(&open, open.len());
        assert_eq!((rows.len(), column), (3, Some(2)));
        for size in [1, 7, 30] {
            assert_eq!(
                read_in_parts(&open, size),
                (rows.clone(), Some(2)),
                "{size}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_removed() {
        let sheet = read(Path::new("a.csv"), b"\xEF\xBB\xBFid,title\n".to_vec());
        assert_eq!(texts(&sheet), [vec!["id", "title"]]);
        assert!(sheet.problems.is_empty());
    }

    #[test]
    fn windows_1252_is_decoded_with_one_warning() {
        let sheet = read(
            Path::new("a.csv"),
            b"id,name\nx,Investigaci\xF3n \x93A\x94\n".to_vec(),
        );
        assert_eq!(texts(&sheet)[1], ["x", "Investigación “A”"]);
        assert_eq!(sheet.problems.len(), 1);
        assert!(!sheet.problems[0].is_error());
    }

    #[test]
    fn utf16_is_refused() {
        let sheet = read(Path::new("a.csv"), b"\xFF\xFEi\0d\0".to_vec());
        assert!(sheet.rows.is_empty());
        assert!(sheet.problems[0].message.contains("UTF-16"));
    }

    #[test]
    fn semicolon_separated_files_are_explained() {
        let sheet = read_str("id;title\na;b\n");
        assert!(sheet.rows.is_empty());
        assert_eq!(
            sheet.problems[0].message,
            "the cells are separated by `;`, not `,`"
        );
    }
}
