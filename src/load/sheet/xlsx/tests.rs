//! Workbooks written here with rust_xlsxwriter, read back as sheets.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError};

use super::super::{Cell, Row, Sheet, Value};
use super::read;
use crate::config::Date;

/// A workbook with `fill`ed sheets named `names`, as bytes.
fn workbook(
    names: &[&str],
    fill: impl Fn(&str, &mut Worksheet) -> Result<(), XlsxError>,
) -> Vec<u8> {
    let mut book = Workbook::new();
    for name in names {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        fill(name, sheet).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The text each cell's span points at, row by row.
fn spans(sheet: &Sheet) -> Vec<(usize, Vec<&str>)> {
    sheet
        .rows
        .iter()
        .map(|r| {
            (
                r.number,
                r.cells
                    .iter()
                    .map(|c| &sheet.text[c.span.clone()])
                    .collect(),
            )
        })
        .collect()
}

/// The values of `row`, text cells as the text they show (an [`Value::Unquoted`] of it, so
/// that they compare with [`text`]).
fn values(sheet: &Sheet, row: &Row) -> Vec<Value> {
    row.cells
        .iter()
        .map(|c| match c.text(&sheet.text) {
            Some(t) => text(t),
            None => c.value.clone(),
        })
        .collect()
}

fn text(s: &str) -> Value {
    Value::Unquoted(s.to_string())
}

/// An opportunities sheet as a coordinator keeps it, after a sheet of notes.
fn opportunities(name: &str, sheet: &mut Worksheet) -> Result<(), XlsxError> {
    if name == "notes" {
        sheet.write_string(0, 0, "Read me first")?;
        return Ok(());
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, header) in ["id", "title", "hours", "starts", "paid", "total"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header)?;
    }
    sheet.write_string(1, 0, "pool-aide")?;
    sheet.write_string(1, 1, "Pool aide\nat the Y")?;
    sheet.write_number(1, 2, 12.0)?;
    let starts = ExcelDateTime::from_ymd(2027, 6, 15)?.and_hms(9, 30, 0)?;
    sheet.write_datetime_with_format(1, 3, &starts, &date)?;
    sheet.write_boolean(1, 4, true)?;
    sheet.write_formula(1, 5, Formula::new("=C2*2").set_result("24"))?;
    // Row 3 is left blank; row 4 has spaces, decimals, an error and a time of day.
    sheet.write_string(3, 0, " lab ")?;
    sheet.write_number(3, 2, 0.1 + 0.2)?;
    let time = ExcelDateTime::from_hms(14, 5, 0)?;
    sheet.write_datetime_with_format(3, 3, &time, &Format::new().set_num_format("hh:mm"))?;
    sheet.write_boolean(3, 4, false)?;
    sheet.write_formula(3, 5, Formula::new("=NA()").set_result("#N/A"))?;
    Ok(())
}

#[test]
fn the_folder_s_sheet_is_read_with_its_values_and_their_text() {
    let bytes = workbook(&["notes", "Opportunities"], opportunities);
    let sheet = read(Path::new("o.xlsx"), &bytes, "opportunities");
    assert_eq!(sheet.problems, []);
    assert_eq!(
        sheet.text,
        "id\ttitle\thours\tstarts\tpaid\ttotal\n\
         pool-aide\tPool aide\nat the Y\t12\t2027-06-15\tTRUE\t24\n\
         \t\t\t\t\t\n \
         lab \t\t0.3\t14:05\tFALSE\t#N/A"
    );
    assert_eq!(
        spans(&sheet),
        [
            (1, vec!["id", "title", "hours", "starts", "paid", "total"]),
            (
                2,
                vec![
                    "pool-aide",
                    "Pool aide\nat the Y",
                    "12",
                    "2027-06-15",
                    "TRUE",
                    "24"
                ]
            ),
            (3, vec![""; 6]),
            (4, vec![" lab ", "", "0.3", "14:05", "FALSE", "#N/A"]),
        ]
    );
    let starts = Date {
        year: 2027,
        month: 6,
        day: 15,
    };
    assert_eq!(
        values(&sheet, &sheet.rows[1]),
        [
            text("pool-aide"),
            text("Pool aide\nat the Y"),
            Value::Number(12.0),
            Value::Date(starts),
            Value::Bool(true),
            Value::Number(24.0),
        ]
    );
    assert!(values(&sheet, &sheet.rows[2])
        .iter()
        .all(|v| *v == Value::Empty));
    assert_eq!(
        values(&sheet, &sheet.rows[3]),
        [
            text(" lab "),
            Value::Empty,
            Value::Number(0.3),
            text("14:05"),
            Value::Bool(false),
            Value::Error("#N/A".into()),
        ]
    );
}

#[test]
fn without_a_sheet_named_for_the_folder_the_first_is_read() {
    let bytes = workbook(&["Sheet1", "Sheet2"], |name, sheet| {
        sheet.write_string(0, 0, name).map(|_| ())
    });
    let sheet = read(Path::new("e.xlsx"), &bytes, "employers");
    assert_eq!(spans(&sheet), [(1, vec!["Sheet1"])]);
}

#[test]
fn a_range_that_starts_below_row_one_keeps_its_row_and_column_numbers() {
    let bytes = workbook(&["employers"], |_, sheet| {
        sheet.write_string(2, 1, "id")?;
        sheet.write_string(3, 2, "acme")?;
        Ok(())
    });
    let sheet = read(Path::new("e.xlsx"), &bytes, "employers");
    assert_eq!(sheet.text, "\n\n\tid\t\n\t\tacme");
    assert_eq!(
        spans(&sheet),
        [(3, vec!["", "id", ""]), (4, vec!["", "", "acme"])]
    );
    assert_eq!(
        sheet.rows[1].cells[2],
        Cell {
            span: 9..13,
            value: Value::Text
        }
    );
}

#[test]
fn a_first_sheet_named_for_other_records_is_not_read_as_these() {
    let bytes = workbook(&["pathways", "employers"], |_, sheet| {
        sheet.write_string(0, 0, "id").map(|_| ())
    });
    let sheet = read(
        Path::new("content/catalog/opportunities/o.xlsx"),
        &bytes,
        "opportunities",
    );
    assert_eq!(sheet.rows, []);
    assert_eq!(
        sheet
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "content/catalog/opportunities/o.xlsx: error: the workbook has no sheet named \
          `opportunities`, and its first sheet, `pathways`, is named for other records\n  \
          help: name the sheet that holds the opportunities `opportunities`, or move the \
          workbook to content/catalog/pathways/"
        ]
    );
}

/// The one problem reading `bytes` as a workbook finds.
fn problem(bytes: &[u8]) -> String {
    let sheet = read(Path::new("e.xlsx"), bytes, "employers");
    assert_eq!((sheet.text.as_str(), sheet.rows.len()), ("", 0));
    let [problem] = sheet.problems.as_slice() else {
        panic!("{:?}", sheet.problems)
    };
    problem.to_string()
}

#[test]
fn a_file_that_is_no_workbook_is_one_error_saying_how_to_save_it() {
    let help = "  help: open it in Excel or Google Sheets and save it as Excel Workbook (.xlsx)";
    assert_eq!(
        problem(b"id,name\nacme,Acme\n"),
        format!("e.xlsx: error: this is not an Excel workbook, whatever its name says\n{help}")
    );
    let mut xls = super::COMPOUND_FILE.to_vec();
    xls.resize(4096, 0);
    assert_eq!(
        problem(&xls),
        format!(
            "e.xlsx: error: this is an Excel 97–2003 workbook (.xls) with an .xlsx name; \
             Trellis reads .xlsx workbooks only\n{help}"
        )
    );
    let mut cut = workbook(&["employers"], |_, s| {
        s.write_string(0, 0, "id").map(|_| ())
    });
    cut.truncate(cut.len() / 2);
    assert_eq!(
        problem(&cut),
        format!(
            "e.xlsx: error: this workbook cannot be read (Zip error: invalid Zip archive: \
             Could not find EOCD)\n{help}"
        )
    );
}

#[test]
fn iso_dates_and_date_times_are_dates_and_other_text_is_not() {
    let day = |s| super::iso_date(s).map(|d| d.iso());
    assert_eq!(day("2027-03-15"), Some("2027-03-15".into()));
    assert_eq!(day("2027-03-15T09:30:00"), Some("2027-03-15".into()));
    assert_eq!(day("09:30:00"), None);
    assert_eq!(day("2027-13-01"), None);
    assert_eq!(day("2027-03-15x"), None);
    assert_eq!(day("2027-03-1é"), None);
    assert_eq!(super::clock(1.5), "36:00");
    assert_eq!(super::number(1e21).1, "1000000000000000000000");
}
