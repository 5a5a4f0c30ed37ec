//! `trellis new catalog-workbook FILE.xlsx`: an empty workbook to keep the catalog in, with
//! a sheet per record type whose headers are the columns Trellis reads
//! ([`crate::columns`]), a note on each header saying what goes there, and data validation
//! so that the spreadsheet itself refuses most mistakes: drop-down lists of every closed set
//! and of the site's own employer, pathway and district ids, dates, and numbers.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::columns::{Cell, Choices, Column, Field, RecordType};
use crate::diagnostics::Error;
use crate::new::refusal;

/// The last row (0-based) that data validation covers: rows 2 to 5000 as Excel numbers them.
const LAST_ROW: u32 = 4999;

/// The sheet that holds the drop-down lists too long to write into a validation (Excel's
/// limit is 255 characters), hidden from view.
const LISTS: &str = "lists";

/// The ids of the site's records that cells may refer to, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteIds {
    /// Every employer's id.
    pub employers: Vec<String>,
    /// Every pathway's id.
    pub pathways: Vec<String>,
    /// Every district's id.
    pub districts: Vec<String>,
}

impl SiteIds {
    /// The ids a cell of kind `cell` may hold, and what they are called; `None` for a cell
    /// that refers to no records.
    fn of(&self, cell: Cell) -> Option<(&'static str, &[String])> {
        match cell {
            Cell::Reference(RecordType::Employer) | Cell::References(RecordType::Employer) => {
                Some(("employers", &self.employers))
            }
            Cell::Reference(RecordType::Pathway) | Cell::References(RecordType::Pathway) => {
                Some(("pathways", &self.pathways))
            }
            Cell::Districts => Some(("districts", &self.districts)),
            _ => None,
        }
    }
}

/// Writes the template to `file` (relative to the current folder), with the ids of the site
/// at `root`. Refuses to overwrite, and refuses a name Excel would not open as a workbook.
pub fn create(root: &Path, file: &Path) -> Result<PathBuf, Error> {
    let is_xlsx = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(refusal(
            file,
            "a workbook's file name ends in .xlsx",
            "name it like catalog.xlsx",
        ));
    }
    if file.symlink_metadata().is_ok() {
        return Err(exists(file));
    }
    let site = crate::adapt::load_site(root)?;
    let ids = SiteIds {
        employers: site
            .catalog
            .employers
            .iter()
            .map(|e| e.id.clone())
            .collect(),
        pathways: site.catalog.pathways.iter().map(|p| p.id.clone()).collect(),
        districts: site.districts.iter().map(|d| d.id.clone()).collect(),
    };
    let bytes = template(&ids).map_err(|e| Error::new(file, format!("could not write: {e}")))?;
    write(file, &bytes)?;
    Ok(file.to_path_buf())
}

/// What `trellis new catalog-workbook` says once it wrote `file`: what is in it and how
/// Trellis reads it.
pub fn created(file: &Path) -> String {
    format!(
        "Created {}: a sheet each for pathways, employers and opportunities, with a note on \
         each header and drop-down lists of the valid values and of the site's ids.\n\
         Fill in rows, then save the workbook in the folder named like the sheet, e.g. \
         content/catalog/opportunities/: each folder reads the sheet named like it, so keep \
         a workbook (or a copy) in each folder it fills. Then run trellis check.",
        file.display()
    )
}

fn exists(file: &Path) -> Error {
    refusal(
        file,
        "already exists",
        "choose another file name; Trellis does not overwrite a workbook",
    )
}

/// Writes `bytes` to a new file at `file`, making its folders; never over an existing file
/// (or through a link where the file would be).
fn write(file: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => exists(file),
            _ => Error::io(file, e),
        })?;
    out.write_all(bytes).map_err(|e| Error::io(file, e))
}

/// The workbook's bytes: a sheet per record type, then the hidden lists. The same ids give
/// the same bytes: the document's creation date is fixed (the zip's times are too).
pub fn template(ids: &SiteIds) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("Catalog")
            .set_comment("Written by trellis new catalog-workbook")
            .set_creation_datetime(&created),
    );
    let mut lists = Lists::default();
    for record in RecordType::ALL {
        book.push_worksheet(record_sheet(record, ids, &mut lists)?);
    }
    book.push_worksheet(lists.sheet()?);
    book.save_to_buffer()
}

/// The sheet for `record`: its header row and each column's format, note and validation.
fn record_sheet(
    record: RecordType,
    ids: &SiteIds,
    lists: &mut Lists,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(record.folder())?;
    sheet.set_default_note_author("Trellis");
    let bold = Format::new().set_bold();
    let columns = record
        .columns()
        .iter()
        .filter(|c| c.field != Field::Derived);
    for (col, column) in columns.enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, column.name, &bold)?;
        sheet.set_column_width(col, width(column))?;
        sheet.set_column_format(col, &format(column.cell))?;
        let note = note_text(column);
        let lines = note.len() / 40 + note.matches('\n').count() + 1;
        let note = Note::new(note)
            .add_author_prefix(false)
            .set_width(320)
            .set_height(24 + 16 * lines as u32);
        sheet.insert_note(0, col, &note)?;
        if let Some(validation) = validation(column, ids, lists)? {
            sheet.add_data_validation(1, col, LAST_ROW, col, &validation)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// How wide a column is, in characters: room for its header and the drop-down arrow, and
/// for what its cells usually hold.
fn width(column: &Column) -> f64 {
    let content = match column.cell {
        Cell::Markdown => 60,
        Cell::Occupations | Cell::Colleges => 48,
        Cell::Text if column.name == "title" || column.name == "name" => 36,
        Cell::Text | Cell::Url | Cell::TextList => 30,
        Cell::References(_) | Cell::ChoiceList(_) => 28,
        Cell::Id | Cell::Reference(_) | Cell::Districts | Cell::Choice(_) => 22,
        Cell::Integer | Cell::Number | Cell::Money | Cell::Date | Cell::Grades => 12,
        Cell::Bool => 10,
    };
    content.max(column.name.len() + 4) as f64
}

/// The format of a column's cells: text for everything typed as text, so that Excel does
/// not turn the grades `9-12` into the 12th of September or drop an id's leading zeros;
/// ISO dates; numbers and booleans as Excel reads them.
fn format(cell: Cell) -> Format {
    match cell {
        Cell::Date => Format::new().set_num_format("yyyy-mm-dd"),
        Cell::Integer | Cell::Number | Cell::Money | Cell::Bool => Format::new(),
        Cell::Markdown => Format::new().set_num_format("@").set_text_wrap(),
        _ => Format::new().set_num_format("@"),
    }
}

/// The note on a column's header: whether it is required, what goes there, and for a
/// closed set, the values it takes.
fn note_text(column: &Column) -> String {
    let mut note = String::new();
    if column.required {
        note.push_str("Required. ");
    }
    note.push_str(column.note);
    match column.cell {
        Cell::Choice(set) => {
            note.push_str("\nOne of: ");
            note.push_str(&set.slugs().join(", "));
        }
        Cell::ChoiceList(set) => {
            note.push_str("\nValues: ");
            note.push_str(&set.slugs().join(", "));
        }
        Cell::Bool => note.push_str("\nTRUE or FALSE."),
        Cell::Reference(_) | Cell::References(_) | Cell::Districts => note.push_str(
            "\nThe drop-down lists the site's ids as they were when the workbook was made.",
        ),
        _ => {}
    }
    note
}

/// The data validation of a column's cells, if its kind has one.
fn validation(
    column: &Column,
    ids: &SiteIds,
    lists: &mut Lists,
) -> Result<Option<DataValidation>, XlsxError> {
    let several = "Choose from the list, or type several separated by ; (semicolon).";
    let validation = match column.cell {
        Cell::Choice(set) => lists
            .choice(set)?
            .set_error_title("Not in the list")?
            .set_error_message(format!("Choose a {} from the drop-down list.", column.name))?,
        Cell::ChoiceList(set) => multiple(lists.choice(set)?, several)?,
        Cell::Bool => DataValidation::new()
            .allow_list_strings(&["TRUE", "FALSE"])?
            .set_error_message("Choose TRUE or FALSE.")?,
        Cell::Reference(_) | Cell::References(_) | Cell::Districts => {
            let Some((what, ids)) = ids.of(column.cell) else {
                return Ok(None);
            };
            if ids.is_empty() {
                return Ok(None);
            }
            let list =
                DataValidation::new().allow_list_formula(Formula::new(lists.range(what, ids)));
            if let Cell::Reference(_) = column.cell {
                referring(list, what)?
            } else {
                multiple(list, several)?
            }
        }
        Cell::Date => dates()?,
        Cell::Integer => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("Enter a whole number, 0 or more.")?,
        Cell::Number | Cell::Money => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_message("Enter a number, 0 or more, such as 12 or 18.50.")?,
        Cell::Grades => DataValidation::new().allow_any_value().set_input_message(
            "Grades 0 to 12 (K is 0), separated by ; or as a range: 11;12 or 9-12.",
        )?,
        _ => return Ok(None),
    };
    Ok(Some(validation))
}

/// A list cell that may hold several values: the drop-down offers one, and typing several
/// separated by `;` is allowed after a word (Excel cannot check them one by one; Trellis
/// does when it reads the sheet).
fn multiple(list: DataValidation, message: &str) -> Result<DataValidation, XlsxError> {
    list.set_input_message(message)?
        .set_error_style(DataValidationErrorStyle::Information)
        .set_error_title("Several values?")?
        .set_error_message(
            "Values that are not in the list are kept if they are several separated by ; \
             (semicolon). Trellis checks each one when it reads the sheet.",
        )
}

/// A cell that names one record of the site: a value not in the list is questioned, not
/// refused, since a new record may be added in the workbook's own sheet.
fn referring(list: DataValidation, what: &str) -> Result<DataValidation, XlsxError> {
    list.set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("Not one of the site's ids")?
        .set_error_message(format!(
            "This is not the id of one of the site's {what}. Keep it only for one that is new, \
             and add that to the {what} sheet or to content/catalog/{what}/."
        ))
}

/// A date between 2000 and 2100, which is any date a catalog has.
fn dates() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_input_message("A date, such as 2027-06-15 or 6/15/2027.")?
        .set_error_message("Enter a date between 2000-01-01 and 2100-12-31, such as 2027-06-15.")
}

/// The lists that drop-downs refer to on the hidden `lists` sheet: one column each, named
/// in row 1, in the order they were first needed.
#[derive(Debug, Default)]
struct Lists {
    columns: Vec<(String, Vec<String>)>,
}

impl Lists {
    /// A drop-down of the slugs of `set`: written into the validation when they fit Excel's
    /// limit of 255 characters, else on the lists sheet.
    fn choice(&mut self, set: Choices) -> Result<DataValidation, XlsxError> {
        let slugs = set.slugs();
        if slugs.join(",").chars().count() <= 255 {
            return DataValidation::new().allow_list_strings(&slugs);
        }
        let name = match set {
            Choices::Kind => "kinds",
            Choices::Modality => "modalities",
            Choices::OrgType => "org_types",
            Choices::PayType => "pay_types",
            Choices::Support => "supports",
            Choices::Principle => "principles",
            Choices::Hazard => "hazards",
        };
        let slugs: Vec<String> = slugs.iter().map(|s| s.to_string()).collect();
        Ok(DataValidation::new().allow_list_formula(Formula::new(self.range(name, &slugs))))
    }

    /// The range of the list `name` holding `items` (added the first time it is asked
    /// for), as a validation refers to it: `lists!$A$2:$A$9`.
    fn range(&mut self, name: &str, items: &[String]) -> String {
        let index = match self.columns.iter().position(|(n, _)| n == name) {
            Some(index) => index,
            None => {
                self.columns.push((name.to_string(), items.to_vec()));
                self.columns.len() - 1
            }
        };
        let letters = crate::load::sheet::column_letters(index);
        let last = self.columns[index].1.len() + 1;
        format!("{LISTS}!${letters}$2:${letters}${last}")
    }

    /// The hidden sheet that holds the lists.
    fn sheet(&self) -> Result<Worksheet, XlsxError> {
        let mut sheet = Worksheet::new();
        sheet.set_name(LISTS)?;
        let bold = Format::new().set_bold();
        for (col, (name, items)) in self.columns.iter().enumerate() {
            let col = col as u16;
            sheet.write_string_with_format(0, col, name, &bold)?;
            for (row, item) in items.iter().enumerate() {
                sheet.write_string(row as u32 + 1, col, item)?;
            }
            sheet.set_column_width(col, 24)?;
        }
        sheet.set_hidden(true);
        Ok(sheet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_and_message_fits_excel_s_limits() {
        let ids = SiteIds {
            employers: vec!["acme".into()],
            pathways: vec!["health".into()],
            districts: vec!["downey".into()],
        };
        // rust_xlsxwriter refuses a title over 32 characters, a message over 255, and an
        // inline list over 255: making the template makes every validation.
        let bytes = template(&ids).unwrap();
        assert_eq!(
            bytes,
            template(&ids).unwrap(),
            "the same ids give the same bytes"
        );
        for record in RecordType::ALL {
            for column in record.columns() {
                assert!(note_text(column).len() < 2000, "{}", column.name);
            }
        }
    }

    #[test]
    fn each_folder_reads_its_own_sheet_of_the_template() {
        let bytes = template(&SiteIds::default()).unwrap();
        for record in RecordType::ALL {
            let path = Path::new("catalog.xlsx");
            let sheet = crate::load::sheet::read_workbook(path, &bytes, record.folder());
            assert_eq!(sheet.problems, []);
            let [header] = sheet.rows.as_slice() else {
                panic!("{record:?}: {:?}", sheet.rows)
            };
            let names: Vec<&str> = header
                .cells
                .iter()
                .map(|c| &sheet.text[c.span.clone()])
                .collect();
            let columns: Vec<&str> = record
                .columns()
                .iter()
                .filter(|c| c.field != Field::Derived)
                .map(|c| c.name)
                .collect();
            assert_eq!(names, columns);
        }
    }

    #[test]
    fn lists_are_named_once_and_referred_to_by_range() {
        let mut lists = Lists::default();
        let ids = ["a".to_string(), "b".to_string()];
        let first = lists.range("employers", &ids);
        let again = lists.range("employers", &ids);
        let other = lists.range("districts", &ids[..1]);
        assert_eq!(
            (first.as_str(), again.as_str()),
            ("lists!$A$2:$A$3", "lists!$A$2:$A$3")
        );
        assert_eq!(other, "lists!$B$2:$B$2");
    }
}
