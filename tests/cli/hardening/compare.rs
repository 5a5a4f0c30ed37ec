//! Hardening: comparing a district's override with its regional page stays within bounded
//! memory and work, however long the pages.

use std::process::Command;

use crate::support::*;

/// Paragraphs in each long page: about 500 KB of Markdown, which a table of every pair of
/// paragraphs would need tens of gigabytes to compare.
const PARAGRAPHS: usize = 60_000;

/// The address space a build of the long pages may use (1.5 GB).
const ADDRESS_SPACE: &str = "--as=1500000000";

/// The basic site with district `north` overriding the first chapter; both versions have
/// [`PARAGRAPHS`] paragraphs, made by `regional` and `district` from their index.
fn long_override(
    test: &str,
    regional: impl Fn(usize) -> String,
    district: impl Fn(usize) -> String,
) -> TestSite {
    let site = TestSite::basic(test);
    let body = |paragraph: &dyn Fn(usize) -> String| -> String {
        (0..PARAGRAPHS).map(|i| paragraph(i) + "\n\n").collect()
    };
    // The fixture's headings stay: another page links to them.
    let front = "+++\ntitle = \"Getting started\"\nupdated = 2026-10-01\n+++\n\
                 ## First steps\n\n## First steps\n\n";
    site.write(
        "content/toolkits/guide/01-start.md",
        format!("{front}{}", body(&regional)),
    );
    site.write(
        "content/districts/north/district.toml",
        "name = \"North Unified School District\"\nshort_name = \"North USD\"\n",
    );
    site.run(&["adapt", "north", "guide/01-start"])
        .expect_code(0);
    site.write(
        "content/districts/north/toolkits/guide/01-start.md",
        format!("{front}{}", body(&district)),
    );
    site
}

/// Builds `site` with its address space capped at [`ADDRESS_SPACE`].
fn build_in_bounded_memory(site: &TestSite) -> Outcome {
    run(Command::new("prlimit")
        .arg(ADDRESS_SPACE)
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_trellis"))
        .arg("--root")
        .arg(&site.root)
        .arg("build")
        .env_remove("SOURCE_DATE_EPOCH"))
}

const COMPARISON: &str = "districts/north/guide/compare/start/index.html";

#[test]
fn long_pages_differing_in_one_paragraph_compare_in_bounded_memory() {
    let site = long_override(
        "long_pages_differing_in_one_paragraph_compare_in_bounded_memory",
        |i| format!("Paragraph {i}."),
        |i| match i {
            30_000 => "North students start with a visit.".to_string(),
            _ => format!("Paragraph {i}."),
        },
    );
    build_in_bounded_memory(&site).expect_code(0);
    let page = site.read_output(COMPARISON);
    assert!(page.contains("<p class=\"lead\">2 paragraphs differ between"));
    assert_eq!(
        page.matches("class=\"diff diff-same\"").count(),
        PARAGRAPHS + 1
    );
    let added =
        "<li class=\"diff diff-added\">\n    <p class=\"diff-label\">North USD only</p>\n    \
                 <div class=\"diff-text\">North students start with a visit.</div>";
    let removed =
        "<li class=\"diff diff-removed\">\n    <p class=\"diff-label\">Regional only</p>\n    \
                   <div class=\"diff-text\">Paragraph 30000.</div>";
    assert_eq!(page.matches(added).count(), 1, "{added}");
    assert_eq!(page.matches(removed).count(), 1, "{removed}");
}

#[test]
fn long_pages_differing_everywhere_are_shown_whole_with_the_cap_named() {
    let site = long_override(
        "long_pages_differing_everywhere_are_shown_whole_with_the_cap_named",
        |i| format!("Regional {i}."),
        |i| format!("District {i}."),
    );
    build_in_bounded_memory(&site).expect_code(0);
    let page = site.read_output(COMPARISON);
    // 10,000,000 steps over the 120,000 paragraphs of both pages (and one).
    assert!(page.contains(
        "<p class=\"lead notice\">These pages differ in more than 83 paragraphs, too many to \
         compare paragraph by paragraph, so both versions are shown whole: first the regional \
         page's Markdown, then <a href=\"/districts/north/guide/start/\">North USD's page</a>.</p>"
    ));
    assert_eq!(page.matches("class=\"diff diff-same\"").count(), 0);
    assert_eq!(page.matches("class=\"diff diff-removed\"").count(), 1);
    assert_eq!(page.matches("class=\"diff diff-added\"").count(), 1);
    assert!(page.contains("First steps\n\nRegional 0.\n\nRegional 1.\n\n"));
    assert!(page.contains("Regional 59999.</div>"));
    assert!(page.contains("First steps\n\nDistrict 0.\n\nDistrict 1.\n\n"));
    assert!(page.contains("District 59999.</div>"));
}
