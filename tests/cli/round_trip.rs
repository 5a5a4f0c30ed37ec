//! The exports read back: the example catalog written as `opportunities.csv`,
//! `employers.csv` and `pathways.csv` (or as `catalog.xlsx`) and read by a fresh site that has
//! nothing else in its catalog is the same catalog, record by record, in every language.

use std::path::Path;

use serde_json::Value;

use crate::support::{copy_tree, scratch, TestSite};

/// A copy of the example site in `content/`.
fn example_copy(test: &str) -> TestSite {
    let root = scratch(test);
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    TestSite { root }
}

/// A copy of the example site, built.
fn example(test: &str) -> TestSite {
    let site = example_copy(test);
    site.build().expect_code(0);
    site
}

/// A copy of the example site whose catalog is only the files `fill` puts there.
fn fresh(test: &str, fill: impl Fn(&TestSite)) -> TestSite {
    let site = example_copy(test);
    std::fs::remove_dir_all(site.path("content/catalog")).unwrap();
    fill(&site);
    site.build().expect_code(0);
    site
}

/// The records of one type in a `catalog.json`, by id.
fn records(json: &Value, kind: &str) -> Vec<(String, Value)> {
    let mut records: Vec<(String, Value)> = json[kind]
        .as_array()
        .unwrap_or_else(|| panic!("no {kind} in catalog.json"))
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r.clone()))
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

/// Compares the two sites' catalogs, in the default language and in Spanish, record by
/// record and field by field, naming the first difference.
fn assert_same_catalog(original: &TestSite, copy: &TestSite) {
    for file in ["catalog.json", "es/catalog.json"] {
        let a: Value = serde_json::from_str(&original.read_output(file)).unwrap();
        let b: Value = serde_json::from_str(&copy.read_output(file)).unwrap();
        for kind in ["pathways", "employers", "opportunities"] {
            let (a, b) = (records(&a, kind), records(&b, kind));
            assert!(!a.is_empty(), "{file}: no {kind}");
            let ids =
                |r: &[(String, Value)]| r.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&a), ids(&b), "{file}: the {kind} differ");
            for ((id, a), (_, b)) in a.iter().zip(&b) {
                for (field, value) in a.as_object().unwrap() {
                    assert_eq!(
                        Some(value),
                        b.get(field),
                        "{file}: {kind} `{id}`, field `{field}`"
                    );
                }
                assert_eq!(a, b, "{file}: {kind} `{id}`");
            }
        }
    }
}

#[test]
fn the_csv_exports_read_back_as_the_same_catalog() {
    let original = example("round-trip-csv-original");
    let copy = fresh("round-trip-csv-copy", |site| {
        for kind in ["pathways", "employers", "opportunities"] {
            site.write(
                &format!("content/catalog/{kind}/{kind}.csv"),
                original.read_output(&format!("{kind}.csv")),
            );
        }
    });
    assert_same_catalog(&original, &copy);
}

#[test]
fn the_workbook_export_reads_back_as_the_same_catalog() {
    let original = example("round-trip-xlsx-original");
    let workbook = std::fs::read(original.path("public/catalog.xlsx")).unwrap();
    let copy = fresh("round-trip-xlsx-copy", |site| {
        for kind in ["pathways", "employers", "opportunities"] {
            site.write(&format!("content/catalog/{kind}/catalog.xlsx"), &workbook);
        }
    });
    assert_same_catalog(&original, &copy);
}
