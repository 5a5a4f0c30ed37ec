//! Render stage, `catalog.xlsx`: the three sheets in one workbook (`pathways`, `employers`,
//! `opportunities`), with a bold, frozen header row, columns sized to their content, dates
//! as date cells, numbers and booleans as such and text as strings, never formulas.
//!
//! The same catalog and build date give the same bytes: the document's creation date is
//! the build date, and the workbook's zip entries carry a fixed time.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::sheets::Sheet;
use super::values::Value;
use crate::config::Date;

/// The most characters Excel holds in a cell; longer text is cut there.
const MAX_CELL_CHARS: usize = 32_767;

/// The narrowest and widest a column is made, in characters.
const WIDTHS: (usize, usize) = (8, 60);

/// `date` as a spreadsheet date; years outside Excel's 1900–9999 are brought inside.
fn excel_date(date: Date) -> ExcelDateTime {
    let year = date.year.clamp(1900, 9999) as u16;
    ExcelDateTime::from_ymd(year, date.month, date.day)
        .or_else(|_| ExcelDateTime::from_ymd(year, 1, 1))
        .expect("January 1 of a year from 1900 to 9999 is a valid spreadsheet date")
}

/// `catalog.xlsx`, made on `built`: one worksheet per sheet, named after its folder.
pub(super) fn workbook(sheets: &[Sheet], built: Date) -> Vec<u8> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&excel_date(built)));
    for sheet in sheets {
        write_sheet(workbook.add_worksheet(), sheet)
            .expect("a sheet's name, cells and widths are within a workbook's limits");
    }
    workbook
        .save_to_buffer()
        .expect("a workbook made in memory always saves")
}

/// Writes `sheet` into `worksheet`.
fn write_sheet(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    worksheet.set_name(sheet.record.folder())?;
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count()).collect();
    for (col, header) in sheet.headers.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, header, &bold)?;
    }
    worksheet.set_freeze_panes(1, 0)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, value) in row.iter().enumerate() {
            let c = col as u16;
            match value {
                Value::Empty => continue,
                Value::Text(s) => worksheet.write_string(r, c, within_a_cell(s))?,
                Value::Number(n) => worksheet.write_number(r, c, *n)?,
                Value::Bool(b) => worksheet.write_boolean(r, c, *b)?,
                Value::Date(d) => {
                    worksheet.write_datetime_with_format(r, c, excel_date(*d), &date)?
                }
            };
            widths[col] = widths[col].max(shown_width(value));
        }
    }
    for (col, width) in widths.into_iter().enumerate() {
        let width = (width + 2).clamp(WIDTHS.0, WIDTHS.1);
        worksheet.set_column_width(col as u16, width as f64)?;
    }
    Ok(())
}

/// `text`, cut to what a cell holds.
fn within_a_cell(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// How wide `value` shows, in characters: its longest line.
fn shown_width(value: &Value) -> usize {
    match value {
        Value::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        Value::Date(_) => 10,
        other => other.text().len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_longer_than_a_cell_is_cut_on_a_character() {
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(within_a_cell(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(within_a_cell("short"), "short");
    }

    #[test]
    fn dates_outside_excels_years_are_brought_inside() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(excel_date(d(2027, 3, 15)).to_excel(), 46461.0);
        assert_eq!(
            excel_date(d(1899, 12, 31)).to_excel(),
            excel_date(d(1900, 12, 31)).to_excel()
        );
    }
}
