//! `sitemap.xml` lists exactly the indexable HTML pages a build writes.
//!
//! The expected list is computed from the built files, never written out by hand, so a new
//! kind of page that the sitemap forgets fails these tests.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{copy_tree, scratch, snapshot, TestSite};

/// Every page a search engine should find, as addresses relative to the site's root
/// (`""` for the home page, `toolkits/guide/` for `toolkits/guide/index.html`): each HTML
/// file except the not-found page and pages whose robots meta tag says `noindex`.
fn indexable_pages(public: &Path) -> BTreeSet<String> {
    snapshot(public)
        .into_iter()
        .filter(|(path, _)| {
            path.ends_with(".html") && path != "404.html" && !path.ends_with("/404.html")
        })
        .filter(|(_, bytes)| {
            !String::from_utf8_lossy(bytes).contains(r#"<meta name="robots" content="noindex"#)
        })
        .map(|(path, _)| path.strip_suffix("index.html").unwrap_or(&path).to_owned())
        .collect()
}

/// The sitemap's addresses relative to `base_url`, checking that none repeats.
fn sitemap_pages(sitemap: &str, base_url: &str) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    for entry in sitemap.split("<loc>").skip(1) {
        let url = entry.split("</loc>").next().unwrap();
        let page = url
            .strip_prefix(base_url)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or_else(|| panic!("{url} is not under {base_url}"));
        assert!(pages.insert(page.to_owned()), "{url} is listed twice");
    }
    pages
}

fn assert_sitemap_is_complete(site: &TestSite, base_url: &str) -> BTreeSet<String> {
    let expected = indexable_pages(&site.path("public"));
    let listed = sitemap_pages(&site.read_output("sitemap.xml"), base_url);
    let missing: Vec<_> = expected.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the sitemap: {missing:#?}\nlisted but not an indexable page: {extra:#?}"
    );
    listed
}

#[test]
fn the_example_site_lists_every_indexable_page_and_nothing_else() {
    let root = scratch("sitemap-example");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    let site = TestSite { root };
    site.build().expect_code(0);
    let listed = assert_sitemap_is_complete(&site, "https://wbl.example.org");
    // The kinds of page an earlier sitemap forgot, so that an empty list cannot pass.
    for page in [
        "",
        "districts/",
        "districts/riverbend/",
        "districts/riverbend/employer-guide/",
        "toolkits/employer-guide/for/employers/",
        "opportunities/kind/internship/",
        "opportunities/page/2/",
        "search/",
    ] {
        assert!(listed.contains(page), "{page:?} is not in the sitemap");
    }
    assert!(!listed.contains("404.html"));
}

#[test]
fn the_catalog_fixture_lists_its_districts_and_facet_pages() {
    let site = TestSite::new("sitemap-catalog", "catalog");
    site.build().expect_code(0);
    let listed = assert_sitemap_is_complete(&site, "https://catalog.example.org");
    assert!(listed.contains("districts/downey/"));
}

#[test]
fn a_page_the_theme_marks_noindex_is_left_out() {
    let site = TestSite::basic("sitemap-noindex");
    site.write(
        "themes/default/templates/search.html",
        "{% extends \"base.html\" %}\
         {% block head %}<meta name=\"robots\" content=\"noindex\">{% endblock head %}\
         {% block main %}<h1>Search</h1>{% endblock main %}",
    );
    site.build().expect_code(0);
    let listed = assert_sitemap_is_complete(&site, "https://fixture.example.org");
    assert!(!listed.contains("search/"), "{listed:#?}");
    assert!(listed.contains("toolkits/"), "{listed:#?}");
}
