//! The live filter's data: `search/opportunities.json` is pinned by `tests/facet-data.json`
//! (the browser tests read the same file to check that `facets.js` reads every field), and
//! the card files hold exactly the cards of the static listing, in its order.

use serde_json::Value;

use crate::support::TestSite;

/// The golden file both sides are tested against.
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facet-data.json");

/// The catalog fixture with `tests/facet-data/gaps.toml` added: a listing for grades 9 and
/// 11 whose deadline is close. The browser tests build the same site.
fn built(test: &str) -> TestSite {
    let site = TestSite::new(test, "catalog");
    let gaps = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facet-data/gaps.toml");
    site.write(
        "content/catalog/opportunities/gaps.toml",
        std::fs::read(gaps).unwrap(),
    );
    site.build().expect_code(0);
    site
}

#[test]
fn the_facet_data_equals_the_golden_file() {
    let site = built("facet-data-golden");
    let data: Value = serde_json::from_str(&site.read_output("search/opportunities.json")).unwrap();
    if std::env::var_os("TRELLIS_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&data).unwrap() + "\n";
        std::fs::write(GOLDEN, text).unwrap();
    }
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    assert_eq!(
        data, golden,
        "the facet data changed: update tests/facet-data.json (TRELLIS_BLESS=1) and facets.js together"
    );
}

#[test]
fn grades_are_a_set_not_a_range() {
    let site = built("facet-data-grades");
    let data: Value = serde_json::from_str(&site.read_output("search/opportunities.json")).unwrap();
    let table = &data["opportunities"];
    let column = |name: &str| {
        let columns = table["columns"].as_array().unwrap();
        columns.iter().position(|c| c == name).unwrap()
    };
    let row = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row[column("title")] == "Worksite tour for grades 9 and 11")
        .unwrap();
    assert_eq!(row[column("grades")], serde_json::json!([9, 11]));
}

#[test]
fn the_card_files_hold_the_static_listings_cards_in_order() {
    let site = built("facet-data-cards");
    let data: Value = serde_json::from_str(&site.read_output("search/opportunities.json")).unwrap();
    let per_file = data["cards"]["per_file"].as_u64().unwrap() as usize;
    assert_eq!(data["cards"]["url"], "/search/cards/");
    let rows = data["opportunities"]["rows"].as_array().unwrap().len();
    let mut cards: Vec<String> = Vec::new();
    for n in 0..rows.div_ceil(per_file) {
        let file: Vec<String> =
            serde_json::from_str(&site.read_output(&format!("search/cards/{n}.json"))).unwrap();
        assert!(file.len() == per_file || n == rows / per_file, "file {n}");
        cards.extend(file);
    }
    assert_eq!(cards.len(), rows);
    assert!(!site
        .path(&format!(
            "public/search/cards/{}.json",
            rows.div_ceil(per_file)
        ))
        .exists());
    // The open listing shows the same cards, each as it is, in the same order.
    let listing = site.read_output("opportunities/index.html");
    let mut from = 0;
    for card in &cards {
        let at = listing[from..]
            .find(&format!("<li>{card}</li>"))
            .unwrap_or_else(|| panic!("the listing lacks, or misplaces, the card\n{card}"));
        from += at + card.len();
    }
    assert!(cards.iter().any(|c| c.contains("status-closing-soon")));
}
