//! Snapshots of the `<main>` of representative pages of the example site: one page of each
//! kind, pinned whole, so a change to any part of a page's content (not only the part a
//! substring test happens to look for) shows up as a reviewed diff under
//! `tests/cli/snapshots/`.
//!
//! The example site sets no `today` in its `site.toml`, and listings open and close with
//! the date, so the build date is pinned through `SOURCE_DATE_EPOCH` ([`BUILD_EPOCH`]):
//! neither the clock nor the environment moves a snapshot.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{Html, Selector};

use crate::support::{binary, run, scratch, BUILD_EPOCH};

/// The example site, built once for all the snapshot tests, into a scratch folder.
fn example_output() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let output = scratch("snapshots-example").join("public");
        let outcome = run(binary()
            .arg("--root")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("build")
            .arg("--output")
            .arg(&output)
            .env("SOURCE_DATE_EPOCH", BUILD_EPOCH));
        outcome.expect_code(0);
        output
    })
}

/// The `<main>` element of the page at `rel` under the built example site, as written (the
/// page must have exactly one).
fn main_of(rel: &str) -> String {
    let path = example_output().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mains = Html::parse_document(&text)
        .select(&Selector::parse("main").expect("a selector"))
        .count();
    assert_eq!(mains, 1, "{rel} has {mains} <main> elements");
    let start = text.find("<main").expect("a <main> start tag");
    let end = text[start..].find("</main>").expect("a </main> end tag") + start;
    text[start..end + "</main>".len()].to_string()
}

/// Asserts that the `<main>` of `rel` is the snapshot `name`.
fn assert_main(name: &str, rel: &str) {
    insta::with_settings!({ description => rel, omit_expression => true }, {
        insta::assert_snapshot!(name, main_of(rel));
    });
}

#[test]
fn home() {
    assert_main("home", "index.html");
}

#[test]
fn toolkit_landing() {
    assert_main("toolkit_landing", "toolkits/employer-guide/index.html");
}

#[test]
fn chapter_with_sections() {
    assert_main(
        "chapter_with_sections",
        "toolkits/employer-guide/hosting/index.html",
    );
}

#[test]
fn print_edition() {
    assert_main("print_edition", "toolkits/employer-guide/print/index.html");
}

#[test]
fn audience_view() {
    assert_main(
        "audience_view",
        "toolkits/employer-guide/for/employers/index.html",
    );
}

#[test]
fn standalone_page() {
    assert_main("standalone_page", "about/index.html");
}

#[test]
fn opportunities_listing() {
    assert_main("opportunities_listing", "opportunities/index.html");
}

#[test]
fn opportunity() {
    assert_main(
        "opportunity",
        "opportunities/avmc-job-shadow-day/index.html",
    );
}

#[test]
fn employer() {
    assert_main(
        "employer",
        "employers/alder-valley-medical-center/index.html",
    );
}

#[test]
fn pathway() {
    assert_main("pathway", "pathways/health-science/index.html");
}

#[test]
fn facet_page() {
    assert_main("facet_page", "opportunities/kind/job-shadow/index.html");
}

#[test]
fn districts_index() {
    assert_main("districts_index", "districts/index.html");
}

#[test]
fn district() {
    assert_main("district", "districts/alder-unified/index.html");
}

#[test]
fn district_edition_override() {
    assert_main(
        "district_edition_override",
        "districts/alder-unified/employer-guide/hosting/before/index.html",
    );
}

#[test]
fn compare() {
    assert_main(
        "compare",
        "districts/alder-unified/employer-guide/compare/hosting/before/index.html",
    );
}

#[test]
fn adaptation_guide() {
    assert_main(
        "adaptation_guide",
        "toolkits/employer-guide/adapt/index.html",
    );
}

#[test]
fn search() {
    assert_main("search", "search/index.html");
}

#[test]
fn not_found() {
    assert_main("not_found", "404.html");
}
