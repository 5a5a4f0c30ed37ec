//! The spreadsheet exports: `opportunities.csv`, `employers.csv`, `pathways.csv` and
//! `catalog.xlsx`, their columns, what they leave out, and the workbook read back.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use crate::support::TestSite;

const OPPORTUNITY_HEADER: &str = "id,title,url,status,employer_id,employer,kind,stage,pathways,\
modality,city,grades,districts,starts,ends,deadline,hours,hours_per_week,seats,min_age,pay_type,\
pay_amount,pay,credit,supports,principles,principle_count,apply_url,summary,ceds_type,schedule,skills,tasks,\
credentials,hazards,contact_name,contact_title,contact_email,contact_phone,contact_public,description";
const EMPLOYER_HEADER: &str = "id,name,org_type,pathways,website,city,hosts,contact_name,\
contact_title,contact_email,contact_phone,contact_public,description";
const PATHWAY_HEADER: &str =
    "id,name,sector,high_demand,demand_source,median_wage,occupations,credentials,colleges,description";

const HEALTH: &str = "content/catalog/opportunities/health.toml";
const EMPLOYERS: &str = "content/catalog/employers/employers.toml";

fn built(test: &str) -> TestSite {
    let site = TestSite::new(test, "catalog");
    site.build().expect_code(0);
    site
}

/// The first line of an output file.
fn header(site: &TestSite, file: &str) -> String {
    site.read_output(file).split("\r\n").next().unwrap().into()
}

/// The row of `csv` whose first cell is `id`.
fn row<'a>(csv: &'a str, id: &str) -> &'a str {
    csv.split("\r\n")
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap_or_else(|| panic!("no row {id} in {csv}"))
}

fn workbook(site: &TestSite) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = std::fs::read(site.path("public/catalog.xlsx")).unwrap();
    Xlsx::new(Cursor::new(bytes)).expect("catalog.xlsx opens")
}

/// A sheet of the workbook, as rows of cells.
fn sheet(site: &TestSite, name: &str) -> Vec<Vec<Data>> {
    let range = workbook(site).worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// The text of a file inside catalog.xlsx.
fn part(site: &TestSite, name: &str) -> String {
    let bytes = std::fs::read(site.path("public/catalog.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_three_csvs_have_every_column_of_their_record_type() {
    let site = built("exports-headers");
    assert_eq!(header(&site, "opportunities.csv"), OPPORTUNITY_HEADER);
    assert_eq!(header(&site, "employers.csv"), EMPLOYER_HEADER);
    assert_eq!(header(&site, "pathways.csv"), PATHWAY_HEADER);
    let employers = site.read_output("employers.csv");
    assert_eq!(
        row(&employers, "byte-shop"),
        "byte-shop,Byte Shop,for-profit,it,,Alder,,Sam Public,,sam@example.org,,true,Computer repair."
    );
    let pathways = site.read_output("pathways.csv");
    assert!(row(&pathways, "health-science").starts_with(
        "health-science,Health Science,health,true,\"County workforce board priority list, 2026\",\
         61200,Medical Assistant | 31-9092 | 45100;Registered Nurse | 29-1141 | 98000,\
         Certified Nursing Assistant,Valley College | Nursing AS | https://example.org/nursing,"
    ));
    assert_eq!(
        row(&pathways, "it"),
        "it,Information Technology,technology,false,,,,,,Networks and support."
    );
}

#[test]
fn a_private_contact_is_written_in_no_export() {
    let site = built("exports-privacy");
    let mut written: Vec<String> = ["opportunities.csv", "employers.csv", "pathways.csv"]
        .iter()
        .map(|f| site.read_output(f))
        .collect();
    for name in ["pathways", "employers", "opportunities"] {
        for cells in sheet(&site, name) {
            written.extend(cells.iter().map(|c| c.to_string()));
        }
    }
    let written = written.join("\n");
    for secret in ["Hiddenname", "priya.hidden", "Secretcontact", "dana.secret"] {
        assert!(!written.contains(secret), "{secret} was exported");
    }
    assert!(written.contains("sam@example.org"), "the public contact is");
}

#[test]
fn a_semicolon_inside_a_list_item_is_escaped_and_formulas_are_defused() {
    let site = TestSite::new("exports-escapes", "catalog");
    site.edit(HEALTH, "\"Patient intake\"", "\"Intake; triage\"");
    site.edit(EMPLOYERS, "name = \"Byte Shop\"", "name = \"=1+1\"");
    site.edit(
        HEALTH,
        "summary = \"Six paid weeks at the front desk and in the lab\"",
        "summary = \"Six weeks; =HYPERLINK(1)\"",
    );
    site.build().expect_code(0);
    let opportunities = site.read_output("opportunities.csv");
    let internship = row(&opportunities, "clinic-internship");
    assert!(
        internship.contains(",Intake\\; triage;Medical terminology,"),
        "{internship}"
    );
    // Text, not a list: the `;` stays, and the part after it is defused.
    assert!(
        internship.contains(",Six weeks; '=HYPERLINK(1),"),
        "{internship}"
    );
    let employers = site.read_output("employers.csv");
    assert!(row(&employers, "byte-shop").starts_with("byte-shop,'=1+1,"));
    // The workbook holds text as strings, which a spreadsheet never runs.
    let rows = sheet(&site, "employers");
    assert_eq!(rows[1][1], Data::String("=1+1".into()));
    let formulas = workbook(&site).worksheet_formula("employers").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn the_byte_order_mark_is_written_only_when_asked_for() {
    let site = built("exports-bom");
    for file in ["opportunities.csv", "employers.csv", "pathways.csv"] {
        assert!(site.read_output(file).starts_with("id,"), "{file}");
    }
    site.edit(
        "content/site.toml",
        "today = 2026-11-01",
        "today = 2026-11-01\ncsv_byte_order_mark = true",
    );
    site.build().expect_code(0);
    for file in ["opportunities.csv", "employers.csv", "pathways.csv"] {
        assert!(site.read_output(file).starts_with("\u{FEFF}id,"), "{file}");
    }
    assert!(!site.read_output("catalog.json").starts_with('\u{FEFF}'));
}

#[test]
fn the_workbook_reads_back_with_typed_cells() {
    let site = built("exports-xlsx-cells");
    assert_eq!(
        workbook(&site).sheet_names(),
        ["pathways", "employers", "opportunities"]
    );
    for (name, expected) in [
        ("pathways", PATHWAY_HEADER),
        ("employers", EMPLOYER_HEADER),
        ("opportunities", OPPORTUNITY_HEADER),
    ] {
        let rows = sheet(&site, name);
        let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(headers.join(","), expected, "{name}");
    }
    let rows = sheet(&site, "opportunities");
    let column = |name: &str| OPPORTUNITY_HEADER.split(',').position(|h| h == name);
    let internship = &rows[1];
    assert_eq!(internship[0], Data::String("clinic-internship".into()));
    let Data::DateTime(deadline) = &internship[column("deadline").unwrap()] else {
        panic!("the deadline is not a date: {internship:?}");
    };
    // 2027-04-01, as days since Excel's 1899-12-30.
    assert!(deadline.is_datetime() && deadline.as_f64() == 46478.0);
    assert_eq!(internship[column("seats").unwrap()], Data::Float(4.0));
    assert_eq!(internship[column("pay_amount").unwrap()], Data::Float(18.5));
    assert_eq!(
        internship[column("grades").unwrap()],
        Data::String("11;12".into())
    );
    assert_eq!(
        internship[column("city").unwrap()],
        Data::String("Downey".into())
    );
    assert_eq!(internship[column("credit").unwrap()], Data::Empty);
    let pathways = sheet(&site, "pathways");
    assert_eq!(pathways[1][3], Data::Bool(true));
    assert_eq!(pathways[1][5], Data::Float(61200.0));
}

#[test]
fn the_workbook_header_is_bold_and_frozen_and_two_builds_are_byte_identical() {
    let site = built("exports-xlsx-bytes");
    let again = built("exports-xlsx-bytes-again");
    let bytes = |s: &TestSite| std::fs::read(s.path("public/catalog.xlsx")).unwrap();
    assert!(bytes(&site) == bytes(&again), "two builds differ");
    // The creation date is the build date, and every entry has the same fixed time.
    assert!(part(&site, "docProps/core.xml").contains(">2026-11-01T00:00:00Z</dcterms:created>"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes(&site))).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        assert_eq!(entry.last_modified(), Some(zip::DateTime::default()));
    }

    let styles = part(&site, "xl/styles.xml");
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let element = |doc: &roxmltree::Document, name: &str| -> Vec<String> {
        let node = doc.descendants().find(|n| n.has_tag_name(name)).unwrap();
        let children = node.children().filter(|n| n.is_element());
        children.map(|n| roxmltree_text(&n)).collect()
    };
    let fonts = element(&styles, "fonts");
    let formats = element(&styles, "cellXfs");
    for (i, name) in ["sheet1", "sheet2", "sheet3"].iter().enumerate() {
        let xml = part(&site, &format!("xl/worksheets/{name}.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let pane = doc.descendants().find(|n| n.has_tag_name("pane")).unwrap();
        assert_eq!(pane.attribute("state"), Some("frozen"), "sheet {i}");
        assert_eq!(pane.attribute("ySplit"), Some("1"));
        let first = doc.descendants().find(|n| n.has_tag_name("row")).unwrap();
        for cell in first.children().filter(|n| n.has_tag_name("c")) {
            let style: usize = cell.attribute("s").unwrap().parse().unwrap();
            let font: usize = formats[style]
                .split("fontId=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap()
                .parse()
                .unwrap();
            assert!(fonts[font].contains("<b/>"), "{}", fonts[font]);
        }
        assert!(
            doc.descendants().any(|n| n.has_tag_name("col")),
            "sized columns"
        );
    }
}

/// An element's source text, to look at its attributes and children at once.
fn roxmltree_text(node: &roxmltree::Node) -> String {
    node.document().input_text()[node.range()].to_string()
}

#[test]
fn the_default_language_exports_translations_and_a_language_edition_does_not() {
    let site = TestSite::new("exports-languages", "languages");
    site.build();
    let header = header(&site, "opportunities.csv");
    assert!(header.starts_with(OPPORTUNITY_HEADER), "{header}");
    assert!(header.contains(",es.title"), "{header}");
    let spanish = site.read_output("es/opportunities.csv");
    assert!(spanish.starts_with(&format!("{OPPORTUNITY_HEADER}\r\n")));
    assert!(site.path("public/es/catalog.xlsx").is_file());
}
