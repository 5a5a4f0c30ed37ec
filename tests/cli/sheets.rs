//! Catalogs kept in spreadsheets (docs/content-format.md §8.12): `.csv` files beside TOML
//! files, read as real spreadsheets write them, each problem at its row and column.

use crate::support::TestSite;

const SUMMER: &str = "content/catalog/opportunities/summer.csv";
const SHOPS: &str = "content/catalog/employers/shops.csv";

/// The summary of a good build of the sheets fixture.
const BUILT: &str =
    "Built 94 pages (220 files: 220 written, 0 unchanged, 0 removed) into <site>/public in <time>";

fn failed(errors: usize) -> String {
    let s = if errors == 1 { "" } else { "s" };
    format!("Build failed: {errors} error{s}, 0 warnings; <site>/public was not changed")
}

/// The sheets fixture with `summer.csv` rewritten by `change` (its BOM and CRLF kept).
fn with_summer(test: &str, change: impl Fn(String) -> String) -> TestSite {
    let site = TestSite::new(test, "sheets");
    let bytes = std::fs::read(site.path(SUMMER)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    site.write(SUMMER, change(text));
    site
}

fn catalog_json(site: &TestSite) -> serde_json::Value {
    serde_json::from_str(&site.read_output("catalog.json")).unwrap()
}

#[test]
fn a_catalog_in_csv_and_toml_builds_with_every_cell_read() {
    let site = TestSite::new("sheets-good", "sheets");
    let summer = std::fs::read(site.path(SUMMER)).unwrap();
    assert!(summer.starts_with(b"\xEF\xBB\xBF") && summer.windows(2).any(|w| w == b"\r\n"));
    site.build().expect_code(0).expect_diagnostics(&[BUILT]);
    let catalog = catalog_json(&site);
    let shadow = &catalog["opportunities"][0];
    assert_eq!(shadow["id"], "clinic-shadow");
    // A multi-line quoted cell with commas and doubled quotes; CRLF made LF.
    assert_eq!(
        shadow["description"],
        "Shadow a **nurse**, a \"care team\" and more:\n\n- intake\n- vitals"
    );
    // Trailing and non-breaking spaces trimmed, Excel's leading `'` removed.
    assert_eq!(shadow["city"], "Downey");
    assert_eq!(shadow["summary"], "0042 badge day");
    // US and ISO dates; a grade range; a header written `Hours per week`.
    assert_eq!(shadow["starts"], "2027-06-15");
    assert_eq!(shadow["deadline"], "2027-05-01");
    assert_eq!(shadow["grades"], serde_json::json!([9, 10, 11, 12]));
    assert_eq!(shadow["hours_per_week"], 20.0);
    assert_eq!(
        shadow["supports"],
        serde_json::json!(["transportation", "meals"])
    );
    // The blank row between the two records is skipped.
    let repair = &catalog["opportunities"][1];
    assert_eq!(repair["title"], "Laptop repair project");
    assert_eq!(
        repair["pay"],
        serde_json::json!({"type": "stipend", "amount": 1200.0})
    );
    // `yes`/`FALSE`, `61,200`, occupations and colleges as `a | b | c` items.
    let health = &catalog["pathways"][0];
    assert_eq!(health["high_demand"], true);
    assert_eq!(health["median_wage"], 61200);
    assert_eq!(health["occupations"][0]["median_wage"], 45100);
    assert_eq!(health["colleges"][0]["url"], "https://example.org/nursing");
    assert_eq!(catalog["pathways"][1]["high_demand"], false);
    // A public contact from four columns and `contact_public` = TRUE.
    assert_eq!(
        catalog["employers"][0]["contact"]["email"],
        "sam@example.org"
    );
    // The `es.title` column is the record's Spanish title.
    let page = site.read_output("es/opportunities/clinic-shadow/index.html");
    assert!(page.contains("Observación clínica"));
}

#[test]
fn windows_1252_is_decoded_with_one_warning() {
    let site = TestSite::new("sheets-1252", "sheets");
    site.write(
        "content/catalog/employers/lab.csv",
        b"id,name,org_type,city,description\r\nlab,Centro de Investigaci\xf3n,nonprofit,Downey,\x93Ciencia\x94 para todos\r\n",
    );
    site.build().expect_code(0).expect_diagnostics(&[
        "content/catalog/employers/lab.csv: warning: the file is not UTF-8; it was read as Windows-1252, the encoding of Excel's \"CSV (Comma delimited)\"\n  help: check that accented letters read right, and save it as CSV UTF-8 next time: in Excel, choose File › Save As › \"CSV UTF-8 (Comma delimited)\"; Google Sheets' File › Download › CSV is already UTF-8",
        "Built 96 pages (227 files: 227 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    let catalog = catalog_json(&site);
    let lab = &catalog["employers"][1];
    assert_eq!(lab["name"], "Centro de Investigación");
    assert_eq!(lab["description"], "“Ciencia” para todos");
}

#[test]
fn cells_that_cannot_be_read_are_errors_at_their_row_and_column() {
    let site = with_summer("sheets-cells", |s| {
        s.replace("Hours per week", "Hours per wek")
            .replace("job-shadow,health-science", "job-shaddow,health-science")
            .replace("6/15/2027", "15/6/2027")
            .replace("10;11", "10;eleven")
            .replace("\"$1,200.00\"", "12 hundred")
    });
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/summer.csv:1:13: error: unknown column `hours_per_wek`\n  help: did you mean `hours_per_week`? the opportunities columns are: id, title, url, status, employer_id, employer, kind, stage, pathways, modality, city, grades, districts, starts, ends, deadline, hours, hours_per_week, seats, min_age, pay_type, pay_amount, pay, credit, supports, principles, principle_count, apply_url, summary, ceds_type, schedule, skills, tasks, credentials, hazards, contact_name, contact_title, contact_email, contact_phone, contact_public, description; a translation is `<language>.<column>`, e.g. `es.title`",
        "content/catalog/opportunities/summer.csv:2:4: error: opportunity `clinic-shadow` (column D, `kind`): unknown value `job-shaddow`\n  help: did you mean `job-shadow`? valid values: career-talk, career-fair, worksite-tour, informational-interview, job-shadow, mentoring, service-learning, micro-internship, industry-project, simulated-workplace, school-enterprise, pre-apprenticeship, internship, cooperative-education, clinical-experience, youth-apprenticeship, apprenticeship, paid-work-experience",
        "content/catalog/opportunities/summer.csv:2:10: error: opportunity `clinic-shadow` (column J, `starts`): `15/6/2027` is not a date Trellis can read\n  help: write the date as 2027-03-15 (year-month-day) or 3/15/2027 (month/day/year), or make the cell a date in the spreadsheet",
        "content/catalog/opportunities/summer.csv:4:8: error: opportunity `repair-project` (column H, `grades`): `eleven` is not a grade\n  help: write grades as numbers separated by `;`, for example 9;10;11;12, or a range such as 9-12",
        "content/catalog/opportunities/summer.csv:4:16: error: opportunity `repair-project` (column P, `pay_amount`): `12 hundred` is not an amount of money\n  help: write the amount in dollars, for example 18.50 or $1,200.00",
        &failed(5),
    ]);
}

#[test]
fn catalog_rules_report_at_the_cell_and_a_duplicate_names_both_files() {
    let site = with_summer("sheets-rules", |s| {
        s.replace("byte-shop,industry", "byte-shp,industry")
            .replace("stipend,\"$1,200.00\"", "hourly,$12.00")
            .replace("9-12", "9-12;16")
    });
    site.write(
        "content/catalog/opportunities/more.toml",
        "[[opportunity]]\nid = \"repair-project\"\ntitle = \"Another\"\nemployer = \"valley-health\"\nkind = \"job-shadow\"\npathways = [\"health-science\"]\nmodality = \"virtual\"\ngrades = [11, 12]\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/summer.csv:2:8: error: opportunity `clinic-shadow` (column H, `grades`): grade 16 is outside 6..14\n  help: grades run from 6 to 14; 13 and 14 are the first two postsecondary years",
        "content/catalog/opportunities/summer.csv:4:1: error: opportunity `repair-project` (column A, `id`): another opportunity already has this id\n  help: it is first used at content/catalog/opportunities/more.toml:2:6; ids must be unique across all opportunity files",
        &failed(2),
    ]);
    site.remove("content/catalog/opportunities/more.toml");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/summer.csv:2:8: error: opportunity `clinic-shadow` (column H, `grades`): grade 16 is outside 6..14\n  help: grades run from 6 to 14; 13 and 14 are the first two postsecondary years",
        "content/catalog/opportunities/summer.csv:4:3: error: opportunity `repair-project` (column C, `employer_id`): no employer has the id `byte-shp`\n  help: did you mean `byte-shop`?",
        "content/catalog/opportunities/summer.csv:4:16: error: opportunity `repair-project` (column P, `pay_amount`): hourly pay 12.00 is below the minimum wage of 16.50\n  help: raise the pay to at least the minimum wage set in content/site.toml",
        &failed(3),
    ]);
}

#[test]
fn a_missing_required_column_is_one_error_and_hides_no_reference() {
    let site = TestSite::new("sheets-missing", "sheets");
    // One error, not one per row; the employer in the sheet's row is not read, and the
    // opportunity that names it is not reported for it.
    site.write(SHOPS, "id,name,pathways\nbyte-shop,Byte Shop,it\n");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/shops.csv:1:1: error: the employers sheet lacks the column `org_type`\n  help: every employer needs it, so no record of this file was read; the required columns are: id, name, org_type",
        &failed(1),
    ]);
}

#[test]
fn header_problems_are_errors_at_the_header_cell() {
    let site = TestSite::new("sheets-headers", "sheets");
    site.write(
        "content/catalog/employers/more.csv",
        "id,name,org_type,,Name,es.org_type,es.nmae\nacme,Acme,for-profit,stray,Acme Inc,,\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/more.csv:1:4: error: the column has values but no header\n  help: name it with one of the employers columns (id, name, org_type, pathways, website, city, hosts, contact_name, contact_title, contact_email, contact_phone, contact_public, description), or delete the column",
        "content/catalog/employers/more.csv:1:5: error: the column `name` appears twice\n  help: it is first in column B; keep one of the two",
        "content/catalog/employers/more.csv:1:6: error: the column `org_type` cannot be translated\n  help: translatable columns: name, description",
        "content/catalog/employers/more.csv:1:7: error: unknown column `es.nmae`\n  help: did you mean `es.name`? translatable columns: name, description",
        &failed(4),
    ]);
}

#[test]
fn a_pay_or_contact_written_in_part_names_the_empty_column() {
    let site = with_summer("sheets-part", |s| {
        s.replace("stipend,\"$1,200.00\"", ",18.50")
    });
    site.write(
        SHOPS,
        "id,name,org_type,contact_email,contact_public\nbyte-shop,Byte Shop,for-profit,sam@example.org,TRUE\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/shops.csv:2:4: error: employer `byte-shop` (column D, `contact_email`): `contact_email` is set but `contact_name` is empty\n  help: write the contact's name, or empty the other contact columns",
        "content/catalog/opportunities/summer.csv:4:15: error: opportunity `repair-project` (column O, `pay_type`): `pay_amount` is set but `pay_type` is empty\n  help: write the pay type (hourly, stipend or fixed), or empty the other pay column if it is unpaid",
        &failed(2),
    ]);
}

#[test]
fn files_no_spreadsheet_reader_could_read_are_explained() {
    let site = TestSite::new("sheets-unreadable", "sheets");
    site.write(
        "content/catalog/employers/unicode.csv",
        b"\xff\xfei\x00d\x00",
    );
    site.write(
        "content/catalog/employers/semi.csv",
        "id;name;org_type\nx;y;school\n",
    );
    site.write(
        "content/catalog/opportunities/quote.csv",
        "id,title,employer_id,kind,pathways,modality,grades\nnocity,No city,valley-health,job-shadow,health-science,in-person,9\nq,\"open,valley-health\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/semi.csv:1:1: error: the cells are separated by `;`, not `,`\n  help: Excel writes `;` where a comma is the decimal separator; save the file with commas (in Excel, File › Save As › \"CSV UTF-8 (Comma delimited)\" after setting the list separator to `,`), or download it from Google Sheets",
        "content/catalog/employers/unicode.csv: error: the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV\n  help: save it as CSV UTF-8: in Excel, choose File › Save As › \"CSV UTF-8 (Comma delimited)\"; Google Sheets' File › Download › CSV is already UTF-8",
        "content/catalog/opportunities/quote.csv:2:1: error: opportunity `nocity`: modality `in-person` needs a `city`\n  help: add where it takes place, e.g. city = \"Downey\", or set modality = \"virtual\"",
        "content/catalog/opportunities/quote.csv:3:2: error: a quote opened here is never closed\n  help: end the cell with `\"`; a quote inside a quoted cell is written twice (`\"\"`)",
        &failed(4),
    ]);
}

#[test]
fn check_json_names_the_cell() {
    let site = with_summer("sheets-json", |s| {
        s.replace("byte-shop,industry", "byte-shp,industry")
    });
    let outcome = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(
        report["diagnostics"],
        serde_json::json!([{
            "severity": "error",
            "path": "content/catalog/opportunities/summer.csv",
            "line": 4,
            "column": 3,
            "cell": "C4",
            "message": "opportunity `repair-project` (column C, `employer_id`): no employer has the id `byte-shp`",
            "help": "did you mean `byte-shop`?"
        }])
    );
}

#[test]
fn other_files_in_a_catalog_folder_are_ignored_with_a_warning() {
    let site = TestSite::new("sheets-other", "sheets");
    site.write("content/catalog/employers/notes.txt", "to do");
    // Excel's lock file beside an open workbook is not the user's: no warning.
    site.write("content/catalog/employers/~$shops.xlsx", "lock");
    site.build().expect_code(0).expect_diagnostics(&[
        "content/catalog/employers/notes.txt: warning: not a .toml, .csv or .xlsx file; it was ignored\n  help: catalog records are kept in .toml files, or in spreadsheets saved as .csv or .xlsx",
        BUILT,
    ]);
}

/// A workbook of opportunities as a spreadsheet program saves it, a row for each
/// `(id, kind)`: numbers as numbers and the deadline as a date cell.
fn workbook(rows: &[(&str, &str)]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("m/d/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("opportunities").unwrap();
    let header = [
        "id",
        "title",
        "employer_id",
        "kind",
        "modality",
        "city",
        "grades",
        "deadline",
        "seats",
    ];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let deadline = ExcelDateTime::from_ymd(2026, 12, 15).unwrap();
    for (row, (id, kind)) in (1..).zip(rows) {
        let cells = [
            *id,
            "A day at the shop",
            "byte-shop",
            *kind,
            "in-person",
            "Alder",
            "11;12",
        ];
        for (column, cell) in cells.iter().enumerate() {
            sheet.write_string(row, column as u16, *cell).unwrap();
        }
        sheet
            .write_datetime_with_format(row, 7, &deadline, &date)
            .unwrap();
        sheet.write_number(row, 8, 4.0).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_is_read_with_its_date_cells_and_its_errors_at_the_cell() {
    let site = TestSite::new("sheets-workbook", "sheets");
    let book = "content/catalog/opportunities/book.xlsx";
    site.write(
        book,
        workbook(&[("book-shadow", "job-shadow"), ("book-typo", "job-shaddow")]),
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/book.xlsx:3:4: error: opportunity `book-typo` (column D, `kind`): unknown value `job-shaddow`\n  help: did you mean `job-shadow`? valid values: career-talk, career-fair, worksite-tour, informational-interview, job-shadow, mentoring, service-learning, micro-internship, industry-project, simulated-workplace, school-enterprise, pre-apprenticeship, internship, cooperative-education, clinical-experience, youth-apprenticeship, apprenticeship, paid-work-experience",
        &failed(1),
    ]);

    site.write(book, workbook(&[("book-shadow", "job-shadow")]));
    site.build().expect_code(0);
    let catalog = catalog_json(&site);
    let record = catalog["opportunities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "book-shadow")
        .expect("the workbook's record");
    assert_eq!(record["deadline"], "2026-12-15", "{record}");
    assert_eq!(record["seats"], 4, "{record}");
    assert_eq!(record["grades"], serde_json::json!([11, 12]), "{record}");
}
