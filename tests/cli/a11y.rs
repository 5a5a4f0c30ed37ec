//! Accessible authoring: one fixture per check with its exact warning, the list of linked
//! documents in text and JSON, `check --a11y`, and a build folding repeated warnings.

use crate::support::{Outcome, TestSite};

const PAGE: &str = "content/toolkits/guide/05-access.md";

const IMAGE_HELP: &str = "  help: describe what the image shows in a few words, as in `![Students at the spring career fair](fair.jpg)`; an image that is only decoration is written in HTML with an empty alt: `<img src=\"...\" alt=\"\">`";
const LINK_HELP: &str = "  help: name where the link goes, as in `[the enrollment form](...)`: screen-reader users often hear a page's links listed out of context";
const HEADING_HELP: &str = "  help: go down one level at a time (`##`, then `###`): screen-reader users move through a page by its headings";
const TABLE_HELP: &str = "  help: put the column names in the first row (as `<th>` cells in an HTML table): screen readers read them out with each cell";

/// The basic fixture with a page whose body (from line 4) is `body`, checked.
fn check_page(test: &str, body: &str, args: &[&str]) -> Outcome {
    let site = TestSite::basic(test);
    site.write(PAGE, format!("+++\ntitle = \"Access\"\n+++\n{body}"));
    site.run(&[&["check"], args].concat())
}

/// `path:line:col: warning: message` at a line and column of [`PAGE`], with its help.
fn warning(line: usize, col: usize, message: &str, help: &str) -> String {
    format!("{PAGE}:{line}:{col}: warning: {message}\n{help}")
}

fn checked(warnings: usize) -> String {
    let s = if warnings == 1 { "" } else { "s" };
    format!("Checked: 0 errors, {warnings} warning{s}")
}

#[test]
fn images_need_alt_text_but_decorative_html_images_pass() {
    let body = "## Pictures\n\n![](diagram.svg)\n\n![diagram.svg](diagram.svg)\n\n![diagram](diagram.svg)\n\n<img src=\"../diagram.svg\">\n\n<img src=\"../diagram.svg\" alt=\"\">\n\n![The three steps of a placement](diagram.svg)\n";
    check_page("a11y_images", body, &[])
        .expect_code(0)
        .expect_diagnostics(&[
            &warning(6, 1, "image `diagram.svg` has no alt text", IMAGE_HELP),
            &warning(
                8,
                1,
                "image `diagram.svg` has its file name `diagram.svg` as alt text",
                IMAGE_HELP,
            ),
            &warning(
                10,
                1,
                "image `diagram.svg` has its file name `diagram` as alt text",
                IMAGE_HELP,
            ),
            &warning(12, 1, "image `../diagram.svg` has no alt text", IMAGE_HELP),
            &checked(4),
        ]);
}

#[test]
fn link_text_must_say_where_it_goes() {
    let body = "## Links\n\nTo apply, [click here](01-start.md). [Read more.](04-last.md)\n\nOnline at <https://example.org/apply> or [https://example.org](https://example.org).\n\nSee [the first chapter](01-start.md).\n";
    check_page("a11y_links", body, &[])
        .expect_code(0)
        .expect_diagnostics(&[
            &warning(
                6,
                11,
                "link text `click here` says nothing on its own",
                LINK_HELP,
            ),
            &warning(
                6,
                38,
                "link text `Read more.` says nothing on its own",
                LINK_HELP,
            ),
            &warning(
                8,
                11,
                "link text `https://example.org/apply` is a bare address",
                LINK_HELP,
            ),
            &warning(
                8,
                42,
                "link text `https://example.org` is a bare address",
                LINK_HELP,
            ),
            &checked(4),
        ]);
}

#[test]
fn translated_pages_are_checked_with_spanish_link_words() {
    let site = TestSite::new("a11y_spanish", "bilingual");
    site.edit(
        "content/toolkits/families/01-apply.es.md",
        "la [página para las familias](_index.md)",
        "la página para las familias ([haga clic aquí](_index.md))",
    );
    site.run(&["check"]).expect_code(0).expect_diagnostics(&[
        "content/toolkits/families/01-apply.es.md:10:64: warning: link text `haga clic aquí` says nothing on its own",
        LINK_HELP,
        "content/toolkits/families/02-permits.es.md:4:1: warning: content/toolkits/families/02-permits.md has changed since this page was translated from it",
        "  help: compare the two, update this translation, then run `trellis translate families/02-permits --lang es --record`",
        "Untranslated in es: 1 page not translated, 1 stale; 31 words to translate",
        "Checked: 0 errors, 2 warnings",
    ]);
}

#[test]
fn headings_start_at_level_two_and_skip_none() {
    let body = "# Welcome\n\n## Before you start\n\n#### Forms\n\n### Consent\n";
    check_page("a11y_headings", body, &[])
        .expect_code(0)
        .expect_diagnostics(&[
            &warning(4, 1, "heading `Welcome` is a level-1 heading, like the page's title", "  help: start the page's sections at `##`: the title is the page's one level-1 heading"),
            &warning(8, 1, "heading `Forms` skips from level 2 to level 4", HEADING_HELP),
            &checked(2),
        ]);
    check_page("a11y_first_heading", "### Forms\n", &[])
        .expect_code(0)
        .expect_diagnostics(&[
            &warning(
                4,
                1,
                "heading `Forms` skips from level 1, the page's title, to level 3",
                HEADING_HELP,
            ),
            &checked(1),
        ]);
}

#[test]
fn tables_need_a_header_row() {
    let body = "## Schedule\n\n| | |\n|---|---|\n| Week 1 | Tour |\n\n<table>\n<tr><td>Week 2</td><td>Shadow</td></tr>\n</table>\n\n<table><tr><th>Week</th></tr><tr><td>3</td></tr></table>\n\n| Week | Task |\n|---|---|\n| 4 | Reflect |\n";
    check_page("a11y_tables", body, &[])
        .expect_code(0)
        .expect_diagnostics(&[
            &warning(6, 1, "table has no header row", TABLE_HELP),
            &warning(10, 1, "HTML table has no header cells (`<th>`)", TABLE_HELP),
            &checked(2),
        ]);
}

#[test]
fn catalog_descriptions_are_checked_where_they_are_written() {
    let site = TestSite::new("a11y_catalog", "catalog");
    site.edit(
        "content/catalog/employers/employers.toml",
        "description = \"Computer repair.\"",
        "description = \"Computer repair. [More](https://example.org/byte-shop), and [the price list](https://example.org/prices.xlsx).\"",
    );
    site.run(&["check"]).expect_code(0).expect_diagnostics(&[
        "content/catalog/employers/employers.toml:19:33: warning: link text `More` says nothing on its own",
        LINK_HELP,
        "Linked documents to review for accessibility (1):",
        "  content/catalog/employers/employers.toml:19:76  https://example.org/prices.xlsx",
        "Checked: 0 errors, 1 warning",
    ]);
}

const DOCUMENTS: &str = "## Forms\n\nSign [the consent form](https://example.org/forms/consent.pdf) and [the plan](plan.docx).\n\nThe same [consent form](https://example.org/forms/consent.pdf), and [hours](https://example.org/hours.XLSX?v=2).\n";

/// The basic fixture with [`DOCUMENTS`] as a page, and the Word file it links to.
fn documents_site(test: &str) -> TestSite {
    let site = TestSite::basic(test);
    site.write(PAGE, format!("+++\ntitle = \"Access\"\n+++\n{DOCUMENTS}"))
        .write("content/toolkits/guide/plan.docx", "PK");
    site
}

#[test]
fn linked_documents_are_listed_once_for_review_by_check_only() {
    let site = documents_site("a11y_documents");
    site.run(&["check"]).expect_code(0).expect_diagnostics(&[
        "Linked documents to review for accessibility (3):",
        "  content/toolkits/guide/05-access.md:6:6  https://example.org/forms/consent.pdf",
        "  content/toolkits/guide/05-access.md:6:68  plan.docx",
        "  content/toolkits/guide/05-access.md:8:69  https://example.org/hours.XLSX?v=2",
        "Checked: 0 errors, 0 warnings",
    ]);
    let built = site.build();
    built.expect_code(0);
    assert!(
        !built.stderr.contains("Linked documents"),
        "{}",
        built.stderr
    );
}

#[test]
fn linked_documents_have_their_own_array_in_json() {
    let site = documents_site("a11y_documents_json");
    let outcome = site.run(&["check", "--format", "json"]);
    outcome.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(report["warnings"], 0);
    assert_eq!(
        report["documents"],
        serde_json::json!([
            {"path": PAGE, "line": 6, "col": 6, "target": "https://example.org/forms/consent.pdf"},
            {"path": PAGE, "line": 6, "col": 68, "target": "plan.docx"},
            {"path": PAGE, "line": 8, "col": 69, "target": "https://example.org/hours.XLSX?v=2"},
        ])
    );
}

#[test]
fn check_a11y_keeps_only_the_authoring_warnings_and_the_documents() {
    let site = TestSite::new("a11y_only", "catalog");
    site.edit(
        "content/catalog/employers/employers.toml",
        "description = \"Computer repair.\"",
        "description = \"Computer repair. [here](https://example.org/prices.pdf)\"",
    )
    .write(
        "content/catalog/opportunities/unpaid.toml",
        "[[opportunity]]\nid = \"unpaid-intern\"\ntitle = \"Unpaid\"\nemployer = \"byte-shop\"\nkind = \"internship\"\npathways = [\"it\"]\nmodality = \"virtual\"\ngrades = [12]\n",
    );
    let all = site.run(&["check"]);
    all.expect_code(0);
    assert!(
        all.stderr.contains("an unpaid internship"),
        "{}",
        all.stderr
    );
    site.run(&["check", "--a11y"]).expect_code(0).expect_diagnostics(&[
        "content/catalog/employers/employers.toml:19:33: warning: link text `here` says nothing on its own",
        LINK_HELP,
        "Linked documents to review for accessibility (1):",
        "  content/catalog/employers/employers.toml:19:33  https://example.org/prices.pdf",
        "Checked: 0 errors, 1 warning",
    ]);
}

/// A catalog file of `n` unpaid internships at the fixture's for-profit employer.
fn unpaid_internships(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("[[opportunity]]\nid = \"unpaid-{i:02}\"\ntitle = \"Unpaid {i}\"\nemployer = \"byte-shop\"\nkind = \"internship\"\npathways = [\"it\"]\nmodality = \"virtual\"\ngrades = [12]\n\n")
        })
        .collect()
}

#[test]
fn a_build_folds_one_rule_past_ten_warnings_and_check_lists_them_all() {
    const UNPAID: &str = "content/catalog/opportunities/unpaid.toml";
    let site = TestSite::new("a11y_fold", "catalog");
    site.write(UNPAID, unpaid_internships(40));
    let built = site.build();
    built.expect_code(0);
    let lines = built.diagnostics();
    let warnings: Vec<&String> = lines.iter().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(warnings.len(), 10, "{lines:#?}");
    assert!(warnings
        .iter()
        .all(|w| w.contains("an unpaid internship at a for-profit employer")));
    assert_eq!(
        warnings[9].as_str(),
        "content/catalog/opportunities/unpaid.toml:86:8: warning: opportunity `unpaid-09`: an unpaid internship at a for-profit employer"
    );
    let folds: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("warning: … and"))
        .collect();
    assert_eq!(
        folds,
        ["warning: … and 30 more like \"an unpaid internship at a for-profit employer\"; run `trellis check` to list them all"]
    );
    // The fold line follows the tenth warning and its help; the summary counts them all.
    let fold_at = lines
        .iter()
        .position(|l| l.starts_with("warning: … and"))
        .unwrap();
    assert!(lines[fold_at - 2].contains("`unpaid-09`"), "{lines:#?}");
    assert!(lines.last().unwrap().starts_with("Built "), "{lines:#?}");
    let checked = site.run(&["check"]);
    let listed = checked
        .stderr
        .matches("an unpaid internship at a for-profit employer")
        .count();
    assert_eq!(listed, 40, "{}", checked.stderr);
    assert!(!checked.stderr.contains("more like"));
}
