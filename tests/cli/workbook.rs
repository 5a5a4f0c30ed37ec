//! `trellis new catalog-workbook`: the workbook a coordinator fills in, read back as Excel
//! would read it: its sheets and headers (with calamine), and the notes and data validation
//! in its sheets' XML.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use trellis::columns::{Field, RecordType};

use crate::support::{binary, run, Outcome, TestSite};

/// Runs `trellis --root <site> new catalog-workbook <file>` from the site's folder.
fn new_workbook(site: &TestSite, file: &str) -> Outcome {
    let mut command = binary();
    command
        .current_dir(&site.root)
        .arg("--root")
        .arg(&site.root)
        .args(["new", "catalog-workbook", file]);
    site.owns(run(&mut command))
}

/// Every sheet's rows, as text (empty cells as ``), by sheet name, in workbook order.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| row.iter().map(text).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The XML of the file `name` in the workbook's zip archive.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// Each data validation of a sheet's XML as `cells type style: list or bounds`.
fn validations(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("dataValidation"))
        .map(|n| {
            let formulas: Vec<&str> = n
                .children()
                .filter(|c| c.is_element())
                .filter_map(|c| c.text())
                .collect();
            let rule = format!(
                "{} {} {}",
                n.attribute("sqref").unwrap(),
                n.attribute("type").unwrap_or("any"),
                n.attribute("errorStyle").unwrap_or("stop"),
            );
            match formulas.as_slice() {
                [] => rule,
                _ => format!("{rule}: {}", formulas.join(" to ")),
            }
        })
        .collect()
}

#[test]
fn the_workbook_has_a_sheet_per_record_type_headed_by_its_columns() {
    let site = TestSite::new("workbook_sheets", "catalog");
    new_workbook(&site, "templates/catalog.xlsx")
        .expect_code(0)
        .expect_diagnostics(&[
            "Created templates/catalog.xlsx: a sheet each for pathways, employers and \
             opportunities, with a note on each header and drop-down lists of the valid values \
             and of the site's ids.",
            "Fill in rows, then save the workbook in the folder named like the sheet, e.g. \
             content/catalog/opportunities/: each folder reads the sheet named like it, so \
             keep a workbook (or a copy) in each folder it fills. Then run trellis check.",
        ]);
    let sheets = sheets(&site.path("templates/catalog.xlsx"));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["pathways", "employers", "opportunities", "lists"]);
    for (record, (_, rows)) in RecordType::ALL.iter().zip(&sheets) {
        let headers: Vec<&str> = record
            .columns()
            .iter()
            .filter(|c| c.field != Field::Derived)
            .map(|c| c.name)
            .collect();
        assert_eq!(
            rows,
            &[headers],
            "{record:?}: a header row and nothing else"
        );
    }
    let opportunities = &sheets[2].1[0];
    assert_eq!(
        opportunities[..6],
        ["id", "title", "employer_id", "kind", "pathways", "modality"]
    );
    for derived in [
        "url",
        "status",
        "employer",
        "stage",
        "pay",
        "principle_count",
    ] {
        assert!(!opportunities.iter().any(|h| h == derived), "{derived}");
    }
    // The hidden sheet holds the lists too long for a validation: the site's ids and kinds.
    let lists = &sheets[3].1;
    let column = |c: usize| -> Vec<&str> {
        lists
            .iter()
            .map(|r| r[c].as_str())
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert_eq!(column(0), ["pathways", "health-science", "it"]);
    assert_eq!(column(1)[..3], ["kinds", "career-talk", "career-fair"]);
    assert_eq!(column(1).len(), 19);
    assert_eq!(column(2), ["employers", "byte-shop", "valley-health"]);
    assert_eq!(column(3), ["districts", "downey"]);
    let xml = part(&site.path("templates/catalog.xlsx"), "xl/workbook.xml");
    assert!(xml.contains(r#"<sheet name="lists" sheetId="4" state="hidden" r:id="rId4"/>"#));
}

#[test]
fn every_closed_set_and_the_site_s_ids_are_drop_down_lists() {
    let site = TestSite::new("workbook_validation", "catalog");
    new_workbook(&site, "catalog.xlsx").expect_code(0);
    let path = site.path("catalog.xlsx");
    assert_eq!(
        validations(&part(&path, "xl/worksheets/sheet3.xml")),
        [
            "AB2:AB5000 list information: lists!$E$2:$E$22",
            "AG2:AG5000 list stop: \"TRUE,FALSE\"",
            "C2:C5000 list warning: lists!$C$2:$C$3",
            "D2:D5000 list stop: lists!$B$2:$B$19",
            "E2:E5000 list information: lists!$A$2:$A$3",
            "F2:F5000 list stop: \"in-person,virtual,hybrid\"",
            "H2:H5000 any stop",
            "I2:I5000 list information: lists!$D$2:$D$2",
            "J2:J5000 date stop: 36526 to 73415",
            "K2:K5000 date stop: 36526 to 73415",
            "L2:L5000 date stop: 36526 to 73415",
            "M2:M5000 decimal stop: 0",
            "N2:N5000 decimal stop: 0",
            "O2:O5000 whole stop: 0",
            "P2:P5000 whole stop: 0",
            "Q2:Q5000 list stop: \"hourly,stipend,fixed\"",
            "R2:R5000 decimal stop: 0",
            "T2:T5000 list information: \"transportation,stipend,laptop-loan,accommodations,\
             spanish,childcare,meals,other\"",
            "U2:U5000 list information: \"career-aligned,meaningful-tasks,skills-validated,\
             compensated,academic-link,networks,measured\"",
        ]
    );
    assert_eq!(
        validations(&part(&path, "xl/worksheets/sheet2.xml")),
        [
            "C2:C5000 list stop: \"for-profit,nonprofit,public-agency,school,college,union,other\"",
            "D2:D5000 list information: lists!$A$2:$A$3",
            "G2:G5000 list information: lists!$B$2:$B$19",
            "L2:L5000 list stop: \"TRUE,FALSE\"",
        ]
    );
    // Each header's note says what goes there and, for a closed set, what it may be.
    let notes = part(&path, "xl/comments3.xml");
    assert!(notes
        .contains("Required. In person, virtual or hybrid.\nOne of: in-person, virtual, hybrid"));
    assert!(notes.contains("Required. The id of the employer that hosts it."));
}

#[test]
fn the_workbook_is_the_same_every_time_and_never_written_over() {
    let site = TestSite::new("workbook_refuses", "catalog");
    new_workbook(&site, "catalog.xlsx").expect_code(0);
    new_workbook(&site, "again.xlsx").expect_code(0);
    let first = std::fs::read(site.path("catalog.xlsx")).unwrap();
    assert_eq!(first, std::fs::read(site.path("again.xlsx")).unwrap());
    new_workbook(&site, "catalog.xlsx")
        .expect_code(2)
        .expect_diagnostics(&[
            "error: catalog.xlsx: already exists",
            "  help: choose another file name; Trellis does not overwrite a workbook",
        ]);
    assert_eq!(first, std::fs::read(site.path("catalog.xlsx")).unwrap());
    new_workbook(&site, "catalog.csv")
        .expect_code(2)
        .expect_diagnostics(&[
            "error: catalog.csv: a workbook's file name ends in .xlsx",
            "  help: name it like catalog.xlsx",
        ]);
    assert!(!site.path("catalog.csv").exists());
}
