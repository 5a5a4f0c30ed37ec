//! Where standalone pages are linked from: the header, the footer or nowhere (`menu`).

use crate::support::{texts, TestSite};

const PAGE: &str = "+++\ntitle = \"{title}\"\n{menu}+++\nText.\n";

fn page(title: &str, menu: &str) -> String {
    PAGE.replace("{title}", title).replace("{menu}", menu)
}

#[test]
fn each_page_is_linked_from_the_place_its_menu_names() {
    let site = TestSite::basic("menus");
    site.write(
        "content/pages/privacy.md",
        page("Privacy", "menu = \"footer\"\nweight = 2\n"),
    )
    .write(
        "content/pages/statement.md",
        page("Statement", "menu = \"footer\"\nweight = 1\n"),
    )
    .write(
        "content/pages/hidden.md",
        page("Hidden", "menu = \"none\"\n"),
    )
    .write(
        "content/pages/apply.md",
        page("Apply", "menu = \"header\"\n"),
    );
    site.build().expect_code(0);
    for rel in [
        "index.html",
        "privacy/index.html",
        "toolkits/guide/index.html",
    ] {
        let html = site.read_output(rel);
        let header = texts(&html, ".site-nav a");
        assert_eq!(
            header[header.len() - 2..],
            ["About", "Apply"],
            "{rel}: {header:?}"
        );
        assert_eq!(
            texts(&html, ".footer-nav a"),
            ["Statement", "Privacy"],
            "{rel}"
        );
        assert!(!html.contains("/hidden/"), "{rel} links to the hidden page");
    }
    let html = site.read_output("privacy/index.html");
    assert!(html.contains(r#"<a href="/privacy/" aria-current="page">Privacy</a>"#));
    assert!(site.read_output("hidden/index.html").contains("Text."));
}

#[test]
fn a_site_without_footer_pages_has_no_footer_list() {
    let site = TestSite::basic("menus-none");
    site.build().expect_code(0);
    let html = site.read_output("index.html");
    assert!(!html.contains("footer-nav"));
    assert_eq!(texts(&html, ".site-nav a").last().unwrap(), "About");
}

#[test]
fn menu_on_a_toolkit_page_is_an_error() {
    let site = TestSite::basic("menus-toolkit");
    site.edit(
        "content/toolkits/guide/01-start.md",
        "updated = 2026-10-01\n",
        "updated = 2026-10-01\nmenu = \"footer\"\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/01-start.md:5:1: error: `menu` is only for standalone pages",
        "  help: remove it: a toolkit's pages are listed in its navigation; `menu` places a page of content/pages/ in the header or the footer",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn an_unknown_menu_names_the_three_places() {
    let site = TestSite::basic("menus-unknown");
    site.write(
        "content/pages/privacy.md",
        page("Privacy", "menu = \"sidebar\"\n"),
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/pages/privacy.md:3:8: error: unknown value `sidebar`",
        "  help: valid values: header, footer, none",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_translation_takes_its_page_s_menu() {
    let site = TestSite::new("menus-translation", "languages");
    site.edit(
        "content/pages/about.md",
        "+++\n",
        "+++\nmenu = \"footer\"\n",
    )
    .edit(
        "content/pages/about.es.md",
        "+++\n",
        "+++\nmenu = \"header\"\n",
    );
    let outcome = site.build();
    outcome.expect_code(1);
    let found = outcome.diagnostics().join("\n");
    assert!(
        found.contains(
            "content/pages/about.es.md:2:1: error: a translation has no `menu` of its own"
        ),
        "{found}"
    );
}
