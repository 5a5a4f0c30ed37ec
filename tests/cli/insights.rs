//! `/insights/`: every number on the page, and in its CSVs, against counts made here from
//! `catalog.json` and `content/data/participation.toml`, independently of Trellis's own
//! counting; the participation format's refusals; the CEDS codes and `worksites.csv`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{binary, run, scratch, TestSite, BUILD_EPOCH};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const STAGES: [&str; 4] = ["awareness", "exploration", "preparation", "training"];
const SUPPORTS: [&str; 6] = [
    "transportation",
    "spanish",
    "stipend",
    "childcare",
    "accommodations",
    "laptop-loan",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The example site, built once for these tests.
fn output() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let output = scratch("insights-example").join("public");
        run(binary()
            .arg("--root")
            .arg(ROOT)
            .arg("build")
            .arg("--output")
            .arg(&output)
            .env("SOURCE_DATE_EPOCH", BUILD_EPOCH))
        .expect_code(0);
        output
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One row of a table on the page: its label, its link, and each cell's value and text.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    label: String,
    url: Option<String>,
    values: Vec<String>,
    texts: Vec<String>,
}

/// Every table on the page, by section id (`insights-<id>` without the prefix).
fn tables(html: &str) -> BTreeMap<String, (Vec<String>, Vec<Row>)> {
    let doc = Html::parse_document(html);
    let section = Selector::parse("section.insights-section[id]").unwrap();
    let head = Selector::parse("thead th").unwrap();
    let body = Selector::parse("tbody tr").unwrap();
    let th = Selector::parse("th").unwrap();
    let a = Selector::parse("a").unwrap();
    let td = Selector::parse("td").unwrap();
    let words = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = BTreeMap::new();
    for s in doc.select(&section) {
        let id = s
            .value()
            .attr("id")
            .unwrap()
            .trim_start_matches("insights-")
            .to_string();
        if id == "gaps" {
            continue;
        }
        let headers = s.select(&head).map(words).collect();
        let rows = s
            .select(&body)
            .map(|tr| {
                let header = tr.select(&th).next().unwrap();
                Row {
                    label: words(header),
                    url: header
                        .select(&a)
                        .next()
                        .and_then(|a| a.value().attr("href"))
                        .map(String::from),
                    values: tr
                        .select(&td)
                        .map(|c| c.value().attr("data-value").unwrap().to_string())
                        .collect(),
                    texts: tr.select(&td).map(words).collect(),
                }
            })
            .collect();
        out.insert(id, (headers, rows));
    }
    out
}

fn open(catalog: &Value) -> Vec<&Value> {
    catalog["opportunities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "open")
        .collect()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        String::new()
    } else {
        ((200 * part + whole) / (2 * whole)).to_string()
    }
}

fn median(mut v: Vec<f64>) -> String {
    if v.is_empty() {
        return String::new();
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let m = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    format!("{:.2}", (m * 100.0).round() / 100.0)
}

fn reaches(o: &Value, district: &str) -> bool {
    let d = strs(&o["districts"]);
    d.is_empty() || d.contains(&district)
}

/// Open, paid, share paid, median hourly pay, stipends: as the pay tables write them.
fn pay(listings: &[&&Value]) -> Vec<String> {
    let paid = listings.iter().filter(|o| !o["pay"].is_null()).count();
    let hourly = listings
        .iter()
        .filter(|o| o["pay"]["type"] == "hourly")
        .map(|o| o["pay"]["amount"].as_f64().unwrap())
        .collect();
    let stipends = listings
        .iter()
        .filter(|o| o["pay"]["type"] == "stipend")
        .count();
    vec![
        listings.len().to_string(),
        paid.to_string(),
        pct(paid, listings.len()),
        median(hourly),
        stipends.to_string(),
    ]
}

fn districts() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("content/districts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    ids.sort();
    ids
}

/// The value of facet `facet` a row links to.
fn facet<'a>(row: &'a Row, facet: &str) -> &'a str {
    let url = row
        .url
        .as_deref()
        .unwrap_or_else(|| panic!("{row:?} has no link"));
    url.strip_prefix(&format!("/opportunities/{facet}/"))
        .unwrap()
        .trim_end_matches('/')
}

#[test]
fn every_number_on_the_insights_page_is_counted_again_from_catalog_json() {
    let catalog: Value = serde_json::from_str(&read("catalog.json")).unwrap();
    let listings = open(&catalog);
    let html = read("insights/index.html");
    assert!(html.contains(&format!(
        "What the {} open opportunities offer",
        listings.len()
    )));
    let tables = tables(&html);
    let stage_of = |o: &Value| STAGES.iter().position(|s| o["stage"] == *s).unwrap();
    let by_stage = |pick: &dyn Fn(&Value) -> bool| -> Vec<String> {
        let mut counts = [0; 4];
        for o in listings.iter().filter(|o| pick(o)) {
            counts[stage_of(o)] += 1;
        }
        counts.iter().map(usize::to_string).collect()
    };
    let mut checked = 0;
    for (id, (_, rows)) in &tables {
        assert!(!rows.is_empty(), "{id} has no rows");
        for row in rows {
            let expected: Vec<String> = match id.as_str() {
                "stage-by-pathway" if row.url.is_none() => {
                    by_stage(&|o| strs(&o["pathways"]).is_empty())
                }
                "stage-by-pathway" => {
                    let p = facet(row, "pathway");
                    by_stage(&|o| strs(&o["pathways"]).contains(&p))
                }
                "by-district" => {
                    let d = facet(row, "district");
                    let own = listings
                        .iter()
                        .filter(|o| strs(&o["districts"]).contains(&d))
                        .count();
                    let all = listings
                        .iter()
                        .filter(|o| strs(&o["districts"]).is_empty())
                        .count();
                    vec![(own + all).to_string(), own.to_string(), all.to_string()]
                }
                "grade-by-stage" => {
                    let g: u64 = row.label.trim_start_matches("Grade ").parse().unwrap();
                    by_stage(&|o| {
                        o["grades"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|x| x.as_u64() == Some(g))
                    })
                }
                "by-modality" => {
                    let m = facet(row, "modality");
                    let n = listings.iter().filter(|o| o["modality"] == m).count();
                    vec![n.to_string(), pct(n, listings.len())]
                }
                "paid-by-stage" => {
                    let s = facet(row, "stage");
                    pay(&listings
                        .iter()
                        .filter(|o| o["stage"] == s)
                        .collect::<Vec<_>>())
                }
                "paid-by-district" => {
                    let d = facet(row, "district");
                    pay(&listings
                        .iter()
                        .filter(|o| reaches(o, d))
                        .collect::<Vec<_>>())
                }
                "supports-by-district" => {
                    let d = facet(row, "district");
                    SUPPORTS
                        .iter()
                        .map(|s| {
                            listings
                                .iter()
                                .filter(|o| reaches(o, d) && strs(&o["supports"]).contains(s))
                                .count()
                                .to_string()
                        })
                        .collect()
                }
                "by-month" => {
                    let (name, year) = row.label.split_once(' ').unwrap();
                    let month = MONTHS.iter().position(|m| *m == name).unwrap() + 1;
                    let key = format!("{year}-{month:02}");
                    let n = |field: &str| {
                        listings
                            .iter()
                            .filter(|o| o[field].as_str().is_some_and(|d| d.starts_with(&key)))
                            .count()
                            .to_string()
                    };
                    vec![n("deadline"), n("starts")]
                }
                "principle-counts" => {
                    let k: usize = row.label.trim_end_matches(" of 7").parse().unwrap();
                    let n = listings
                        .iter()
                        .filter(|o| strs(&o["principles"]).len() == k)
                        .count();
                    vec![n.to_string(), pct(n, listings.len())]
                }
                "principles" => {
                    let labels: toml::Table = std::fs::read_to_string(
                        Path::new(ROOT).join("themes/default/i18n/en.toml"),
                    )
                    .unwrap()
                    .parse()
                    .unwrap();
                    let slug = labels["principles"]
                        .as_table()
                        .unwrap()
                        .iter()
                        .find(|(_, v)| v.as_str() == Some(&row.label))
                        .map(|(k, _)| k.clone())
                        .unwrap();
                    let n = listings
                        .iter()
                        .filter(|o| strs(&o["principles"]).contains(&slug.as_str()))
                        .count();
                    vec![n.to_string(), pct(n, listings.len())]
                }
                _ => continue,
            };
            assert_eq!(row.values, expected, "{id}: {}", row.label);
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} rows checked");
    // The principles are listed least often first.
    let counts: Vec<usize> = tables["principles"]
        .1
        .iter()
        .map(|r| r.values[0].parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    // Every district's row is there, and its page's own section agrees with the region's.
    let ids = districts();
    let linked: Vec<&str> = tables["by-district"]
        .1
        .iter()
        .map(|r| facet(r, "district"))
        .collect();
    assert_eq!(linked, ids);
    for d in &ids {
        let page = tables_of_district(d);
        let own: Vec<String> = STAGES
            .iter()
            .map(|s| {
                listings
                    .iter()
                    .filter(|o| o["stage"] == *s && reaches(o, d))
                    .count()
                    .to_string()
            })
            .collect();
        let got: Vec<String> = page.iter().map(|r| r.values[0].clone()).collect();
        assert_eq!(got, own, "{d}");
    }
}

fn tables_of_district(id: &str) -> Vec<Row> {
    let html = read(&format!("districts/{id}/index.html"));
    tables(&html).remove(&format!("district-{id}")).unwrap().1
}

#[test]
fn each_table_reads_the_same_on_the_page_and_in_its_csv() {
    let tables = tables(&read("insights/index.html"));
    assert!(tables.len() >= 14, "{:?}", tables.keys());
    for (id, (headers, rows)) in &tables {
        let csv = read(&format!("insights/{id}.csv"));
        let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
        let header = lines.next().unwrap();
        assert_eq!(csv_cells(header), *headers, "{id}");
        for (row, line) in rows.iter().zip(lines.by_ref()) {
            let cells = csv_cells(line);
            assert_eq!(cells[0], row.label, "{id}");
            assert_eq!(cells[1..], row.values[..], "{id}");
            for ((value, text), head) in row.values.iter().zip(&row.texts).zip(&headers[1..]) {
                let expected = match value.as_str() {
                    "" if id.starts_with("participation") => "not reported".to_string(),
                    "" => "—".to_string(),
                    "<11" => "fewer than 11".to_string(),
                    "hidden" => "hidden".to_string(),
                    v if head.starts_with("Share") => format!("{v}%"),
                    v if head.starts_with("Median") => {
                        let cents = (v.parse::<f64>().unwrap() * 100.0).round() as i64;
                        if cents % 100 == 0 {
                            format!("${}", cents / 100)
                        } else {
                            format!("${}.{:02}", cents / 100, cents % 100)
                        }
                    }
                    v => {
                        let n: u64 = v.parse().unwrap();
                        if n >= 1000 {
                            format!("{},{:03}", n / 1000, n % 1000)
                        } else {
                            n.to_string()
                        }
                    }
                };
                assert_eq!(text, &expected, "{id}: {} {head}", row.label);
            }
        }
        assert_eq!(lines.next(), None, "{id}: more CSV rows than table rows");
    }
}

/// The cells of one CSV line (RFC 4180 quoting).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn participation_counts_are_the_files_with_small_cells_suppressed() {
    let file: toml::Table =
        std::fs::read_to_string(Path::new(ROOT).join("content/data/participation.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let districts = file["districts"].as_table().unwrap();
    let count = |d: &str, g: &str, s: &str| districts[d][g][s].as_integer().unwrap();
    let tables = tables(&read("insights/index.html"));
    let mut hidden = 0;
    let mut small = 0;
    for (id, (_, rows)) in tables
        .iter()
        .filter(|(id, _)| id.starts_with("participation"))
    {
        let area: Vec<&str> = match id.strip_prefix("participation-") {
            Some(d) => vec![d],
            None => districts.keys().map(String::as_str).collect(),
        };
        for row in rows {
            let group = match row.label.as_str() {
                "All students" => "all",
                "Female" => "female",
                "Male" => "male",
                "Nonbinary" => "nonbinary",
                "Native Hawaiian or Other Pacific Islander" => "native-hawaiian-pacific-islander",
                "American Indian or Alaska Native" => "american-indian-alaska-native",
                "Students with disabilities" => "students-with-disabilities",
                "English learners" => "english-learners",
                "Low-income" => "low-income",
                "Rural" => "rural",
                "Asian" => "asian",
                "Black or African American" => "black",
                "Hispanic or Latino" => "hispanic-latino",
                "White" => "white",
                "Two or more races" => "two-or-more-races",
                other => panic!("unknown group {other}"),
            };
            for (s, value) in STAGES.iter().zip(&row.values) {
                let n: i64 = area.iter().map(|d| count(d, group, s)).sum();
                match value.as_str() {
                    "<11" => {
                        assert!((1..=10).contains(&n), "{id} {group} {s}: {n}");
                        small += 1;
                    }
                    "hidden" => {
                        assert!(!(1..=10).contains(&n), "{id} {group} {s}: {n}");
                        hidden += 1;
                    }
                    v => {
                        assert_eq!(v.parse::<i64>().unwrap(), n, "{id} {group} {s}");
                        assert!(!(1..=10).contains(&n), "{id} {group} {s}: {n} shown");
                    }
                }
            }
        }
    }
    assert!(small > 0 && hidden > 0, "{small} small, {hidden} hidden");
}

#[test]
fn a_participation_file_that_names_students_is_refused_at_its_place() {
    let site = TestSite::new("insights-student-level", "catalog");
    let districts: Vec<String> = std::fs::read_dir(site.path("content/districts"))
        .map(|r| {
            r.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    let district = districts.first().cloned().unwrap_or_else(|| "north".into());
    site.write(
        "content/data/participation.toml",
        format!(
            "period = \"2025-26\"\n\n[[records]]\nstudent_name = \"Ana\"\n\n[districts.{district}.all]\nawareness = 40\nid = 7\n"
        ),
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/data/participation.toml:3:1: error: `records` is a list of records: participation data must be counts only",
        "  help: Trellis never reads records about single students; write a table of counts, as in `[districts.<district>.<group>] awareness = 120`",
        "content/data/participation.toml:8:1: error: `id` looks like a student-level record: participation data must be counts only",
        "  help: Trellis publishes aggregate counts and never reads records about single students; write the number of students of each group at each stage, as in `[districts.<district>.<group>] awareness = 120`",
        "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn each_listing_carries_its_ceds_code_and_a_state_can_set_its_own() {
    let catalog: Value = serde_json::from_str(&read("catalog.json")).unwrap();
    for o in catalog["opportunities"].as_array().unwrap() {
        let expected = match (o["kind"].as_str().unwrap(), o["pay"].is_null()) {
            ("internship" | "micro-internship", false) => "PaidInternship",
            ("internship" | "micro-internship", true) => "UnpaidInternship",
            ("job-shadow", _) => "JobShadowing",
            ("mentoring", _) => "Mentorship",
            ("clinical-experience", _) => "ClinicalWork",
            ("cooperative-education", _) => "CooperativeEducation",
            ("youth-apprenticeship" | "apprenticeship", _) => "Apprenticeship",
            ("paid-work-experience", _) => "OnTheJob",
            ("service-learning", _) => "ServiceLearning",
            ("simulated-workplace", _) => "SimulatedWorksite",
            ("school-enterprise", _) => "SchoolBasedEnterprise",
            _ => "Other",
        };
        assert_eq!(o["ceds_type"], expected, "{}", o["id"]);
    }
    let csv = read("opportunities.csv");
    assert!(csv
        .split("\r\n")
        .next()
        .unwrap()
        .contains(",summary,ceds_type,"));
    let page = read("opportunities/avmc-nursing-careers-panel/index.html");
    assert!(
        page.contains("\"propertyID\":\"CEDS Work-based Learning Opportunity Type\""),
        "no code in the JSON-LD"
    );

    let site = TestSite::new("insights-ceds-override", "catalog");
    let settings = std::fs::read_to_string(site.path("content/site.toml")).unwrap();
    site.write(
        "content/site.toml",
        format!("{settings}\n[ceds]\ninternship = \"WBL-INT\"\njob-shadw = \"X\"\n"),
    );
    let outcome = site.build();
    outcome.expect_code(1);
    assert!(
        outcome
            .diagnostics()
            .iter()
            .any(|l| l.contains("error: `job-shadw` in [ceds] is not a kind")),
        "{:#?}",
        outcome.diagnostics()
    );
    site.edit("content/site.toml", "job-shadw = \"X\"\n", "");
    site.build().expect_code(0);
    let catalog: Value = serde_json::from_str(&site.read_output("catalog.json")).unwrap();
    let internships: Vec<&Value> = catalog["opportunities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "internship")
        .collect();
    assert!(!internships.is_empty());
    assert!(internships.iter().all(|o| o["ceds_type"] == "WBL-INT"));
}

#[test]
fn worksites_csv_lists_each_employer_with_its_open_and_past_listings() {
    let catalog: Value = serde_json::from_str(&read("catalog.json")).unwrap();
    let csv = read("worksites.csv");
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(
        lines.next().unwrap(),
        "id,name,org_type,sectors,city,kinds_hosted,open_listings,past_listings,url"
    );
    let employers = catalog["employers"].as_array().unwrap();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), employers.len());
    for e in employers {
        let id = e["id"].as_str().unwrap();
        let theirs: Vec<&Value> = catalog["opportunities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["employer"] == id)
            .collect();
        let open = theirs.iter().filter(|o| o["status"] == "open").count();
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("{id},")))
            .unwrap();
        let tail = format!(
            ",{open},{},https://wbl.example.org/employers/{id}/",
            theirs.len() - open
        );
        assert!(row.ends_with(&tail), "{row} does not end with {tail}");
    }
}
