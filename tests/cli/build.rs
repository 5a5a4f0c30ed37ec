//! Building sites: the example site, determinism, drafts, assets, themes, `init`.

use std::path::Path;

use crate::checker::check_site;
use crate::support::{binary, copy_tree, run, scratch, snapshot, texts, TestSite};

#[test]
fn the_example_site_builds_and_passes_the_output_checker() {
    let root = scratch("example-site");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    let site = TestSite { root };
    site.build().expect_code(0);
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
    // At least two toolkits and twenty pages of real content.
    let pages = snapshot(&site.path("public"))
        .into_iter()
        .filter(|(p, _)| p.starts_with("toolkits/") && p.ends_with("index.html"))
        .count();
    assert!(pages >= 20, "only {pages} toolkit pages");
}

#[test]
fn the_fixture_builds_every_page_kind_and_passes_the_checker() {
    let site = TestSite::basic("fixture-pages");
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 14 pages (57 files: 57 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "toolkits/index.html",
        "toolkits/guide/index.html",
        "toolkits/guide/start/index.html",
        "toolkits/guide/section/index.html",
        "toolkits/guide/section/detail/index.html",
        "toolkits/guide/last/index.html",
        "toolkits/guide/print/index.html",
        "toolkits/guide/for/employers/index.html",
        "toolkits/guide/for/educators/index.html",
        "toolkits/guide/for/families/index.html",
        "toolkits/guide/diagram.svg",
        "about/index.html",
    ] {
        assert!(
            site.path("public").join(file).is_file(),
            "missing public/{file}"
        );
    }
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn chapter_pages_have_navigation_contents_and_metadata() {
    let site = TestSite::basic("chapter-page");
    site.build().expect_code(0);
    let html = site.read_output("toolkits/guide/section/detail/index.html");
    // Sidebar with the current page marked, breadcrumbs, previous and next.
    assert!(html.contains(
        r#"<a href="/toolkits/guide/section/detail/" aria-current="page">The detail</a>"#
    ));
    assert!(html.contains(r#"<li><a href="/toolkits/guide/section/">A section</a></li>"#));
    assert!(html.contains(r#"rel="prev" href="/toolkits/guide/section/""#));
    assert!(html.contains(r#"rel="next" href="/toolkits/guide/last/""#));
    // Links written as source paths become URLs; placeholders take the toolkit's defaults.
    assert!(html.contains(
        r#"<a href="/toolkits/guide/start/#first-steps-1">the start</a> of your school district."#
    ));
    // The audience is inherited from the section.
    assert!(html.contains(r#"href="/toolkits/guide/for/educators/">Educators</a>"#));
    let start = site.read_output("toolkits/guide/start/index.html");
    assert!(
        start.contains(r##"<a href="#first-steps">First steps</a>"##),
        "on-page contents"
    );
    assert!(start.contains(r#"<h2 id="first-steps-1">"#));
    assert!(start.contains(r#"<img src="/toolkits/guide/diagram.svg" alt="A diagram" />"#));
    assert!(start.contains(r#"<time datetime="2026-10-01">October 1, 2026</time>"#));
    assert!(start.contains(r#"<meta name="description" content="The first chapter">"#));
    assert!(start.contains("Content-Security-Policy"));
}

#[test]
fn reading_order_follows_weight_then_prefix_then_title() {
    let site = TestSite::basic("reading-order");
    site.write(
        "content/toolkits/guide/05-zebra.md",
        "+++\ntitle = \"Zebra\"\nweight = 1\n+++\nFirst by weight.\n",
    )
    .write(
        "content/toolkits/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\n+++\nNo weight, no prefix: last, by title.\n",
    )
    .write(
        "content/toolkits/guide/beta.md",
        "+++\ntitle = \"Beta\"\n+++\nAfter Alpha.\n",
    );
    site.build().expect_code(0);
    let landing = site.read_output("toolkits/guide/index.html");
    assert_eq!(
        texts(&landing, "main .chapter-list > li > a.chapter-link"),
        [
            "Zebra",
            "Getting started",
            "A section",
            "Last chapter",
            "Alpha",
            "Beta"
        ]
    );
}

#[test]
fn the_print_edition_holds_every_page_with_in_page_links() {
    let site = TestSite::basic("print-edition");
    site.build().expect_code(0);
    let html = site.read_output("toolkits/guide/print/index.html");
    for anchor in [
        "introduction",
        "ch-start",
        "ch-section",
        "ch-section--detail",
        "ch-last",
    ] {
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "missing {anchor}"
        );
    }
    assert!(html.contains(r##"<a href="#ch-start__first-steps-1">the start</a>"##));
    assert!(html.contains(r#"<h3 id="ch-section--detail__the-detail">"#));
    assert!(
        !html.contains("Unfinished chapter"),
        "drafts stay out of print"
    );
}

#[test]
fn audience_views_list_only_their_pages() {
    let site = TestSite::basic("audience-views");
    site.build().expect_code(0);
    let families = site.read_output("toolkits/guide/for/families/index.html");
    assert_eq!(texts(&families, "main .audience-list a"), ["Last chapter"]);
    let educators = site.read_output("toolkits/guide/for/educators/index.html");
    assert_eq!(
        texts(&educators, "main .audience-list a"),
        ["A section", "The detail"]
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = TestSite::basic("drafts");
    site.build().expect_code(0);
    assert!(!site.path("public/toolkits/guide/draft/index.html").exists());
    site.run(&["build", "--drafts"]).expect_code(0);
    assert!(site
        .path("public/toolkits/guide/draft/index.html")
        .is_file());
    // Dropping --drafts again removes the page Trellis wrote.
    site.build().expect_code(0);
    assert!(!site.path("public/toolkits/guide/draft/index.html").exists());
}

#[test]
fn a_draft_landing_page_keeps_the_toolkit_out() {
    let site = TestSite::basic("draft-toolkit");
    site.write(
        "content/toolkits/later/_index.md",
        "+++\ntitle = \"Later\"\ndraft = true\n+++\n",
    )
    .write(
        "content/toolkits/later/01-one.md",
        "+++\ntitle = \"One\"\n+++\n",
    );
    site.build().expect_code(0);
    assert!(!site.path("public/toolkits/later").exists());
    assert!(!site.read_output("index.html").contains("Later"));
    site.run(&["build", "--drafts"]).expect_code(0);
    assert!(site.path("public/toolkits/later/one/index.html").is_file());
}

#[test]
fn building_twice_gives_identical_bytes() {
    let site = TestSite::basic("deterministic");
    site.run(&["build", "--output", site.path("one").to_str().unwrap()])
        .expect_code(0);
    site.run(&["build", "--output", site.path("two").to_str().unwrap()])
        .expect_code(0);
    let one = snapshot(&site.path("one"));
    let two = snapshot(&site.path("two"));
    assert_eq!(one.len(), two.len());
    for (a, b) in one.iter().zip(&two) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between builds", a.0);
    }
}

#[test]
fn the_build_date_comes_from_site_toml_then_source_date_epoch() {
    let site = TestSite::basic("build-date");
    site.build().expect_code(0);
    assert!(site
        .read_output("index.html")
        .contains("Updated November 1, 2026."));
    site.edit("content/site.toml", "today = 2026-11-01\n", "");
    // 1767225600 is 2026-01-01T00:00:00Z.
    run(binary()
        .arg("--root")
        .arg(&site.root)
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "1767225600"))
    .expect_code(0);
    assert!(site
        .read_output("index.html")
        .contains("Updated January 1, 2026."));
}

#[test]
fn crlf_and_byte_order_marks_are_accepted() {
    let site = TestSite::basic("crlf-bom");
    site.write("content/toolkits/guide/04-last.md", "\u{feff}+++\r\ntitle = \"Last chapter\"\r\n+++\r\n## Windows line endings\r\n\r\nText.\r\n");
    site.build().expect_code(0);
    assert!(site
        .read_output("toolkits/guide/last/index.html")
        .contains(r#"<h2 id="windows-line-endings">"#));
}

#[test]
fn a_theme_override_replaces_a_template_and_may_extend_the_builtin() {
    let site = TestSite::basic("theme-override");
    site.write(
        "themes/default/templates/chapter.html",
        "{% extends \"default/chapter.html\" %}{% block title %}OVERRIDDEN {{ page.title }}{% endblock title %}",
    )
    .write("themes/default/templates/404.html", "<!DOCTYPE html><html lang=\"en\"><title>Custom</title><p>Custom not found</p></html>")
    .write("themes/default/static/extra.txt", "static file");
    site.build().expect_code(0);
    let chapter = site.read_output("toolkits/guide/start/index.html");
    assert!(
        chapter.contains("<title>OVERRIDDEN Getting started · Fixture Guide</title>"),
        "{chapter}"
    );
    assert!(
        chapter.contains("aria-current=\"page\""),
        "the rest of the built-in template remains"
    );
    assert!(site.read_output("404.html").contains("Custom not found"));
    assert_eq!(site.read_output("extra.txt"), "static file");
}

#[test]
fn a_named_theme_must_exist() {
    let site = TestSite::basic("missing-theme");
    site.edit(
        "content/site.toml",
        "language = \"en\"",
        "language = \"en\"\ntheme = \"county\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/site.toml: error: theme `county` not found",
        "  help: create themes/county/ with templates/ and static/, or set theme = \"default\"",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_broken_theme_template_is_reported_with_its_file() {
    let site = TestSite::basic("broken-theme");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.title }{% endblock main %}",
    );
    let outcome = site.build();
    outcome.expect_code(1);
    // Whole but for the template engine's own message, which is its wording, not ours.
    let lines = outcome.diagnostics();
    assert!(
        lines[0].starts_with("themes/default/templates/page.html: error: template error: Failed to parse 'page.html': "),
        "{}",
        outcome.stderr
    );
    assert_eq!(
        lines[1..],
        [
            "  help: check the template against the built-in one of the same name (see README, Themes)",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ]
    );
}

#[test]
fn init_makes_a_site_that_builds() {
    let dir = scratch("init");
    let site_dir = dir.join("new-site");
    let site = TestSite { root: site_dir };
    site.owns(run(binary().arg("init").arg(&site.root)))
        .expect_code(0)
        .expect_diagnostics(&[
            "Created a site with 7 files in <site>",
            "Next: trellis --root <site> build",
        ]);
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 12 pages (75 files: 75 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert!(site
        .read_output("toolkits/hosting-students/index.html")
        .contains("your district's work-based learning coordinator at your school district."));
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
    // A second init into the same folder refuses rather than overwriting.
    site.owns(run(binary().arg("init").arg(&site.root)))
        .expect_code(2)
        .expect_diagnostics(&[
            "error: <site>: refusing to create a site here: the folder is not empty",
        ]);
}

#[test]
fn help_shows_examples_and_version_prints() {
    let help = run(binary().arg("--help"));
    help.expect_code(0);
    assert!(help.stdout.contains("Examples:") && help.stdout.contains("trellis build --drafts"));
    let version = run(binary().arg("--version"));
    assert_eq!(
        version.stdout.trim(),
        format!("trellis {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn sections_nest_to_any_depth_with_their_assets() {
    let site = TestSite::basic("deep-nesting");
    site.write(
        "content/toolkits/guide/02-section/03-sub/_index.md",
        "+++\ntitle = \"Sub\"\n+++\nSee [deep](deep.md).\n",
    )
    .write(
        "content/toolkits/guide/02-section/03-sub/deep.md",
        "+++\ntitle = \"Deep\"\n+++\nDownload [the form](forms/consent%20form.pdf).\n",
    )
    .write(
        "content/toolkits/guide/02-section/03-sub/forms/consent form.pdf",
        "%PDF-1.4 test",
    );
    site.build().expect_code(0);
    let deep = site.read_output("toolkits/guide/section/sub/deep/index.html");
    assert!(
        deep.contains(r#"<li><a href="/toolkits/guide/section/sub/">Sub</a></li>"#),
        "breadcrumbs reach the sub-section"
    );
    assert!(
        deep.contains(
            r#"<a href="/toolkits/guide/section/sub/forms/consent%20form.pdf">the form</a>"#
        ),
        "{deep}"
    );
    assert_eq!(
        site.read_output("toolkits/guide/section/sub/forms/consent form.pdf"),
        "%PDF-1.4 test"
    );
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn sitemap_and_robots_use_absolute_urls() {
    let site = TestSite::basic("sitemap");
    site.build().expect_code(0);
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(sitemap.contains("<url><loc>https://fixture.example.org/toolkits/guide/start/</loc><lastmod>2026-10-01</lastmod></url>"));
    assert!(sitemap.contains("<loc>https://fixture.example.org/about/</loc>"));
    assert!(!sitemap.contains("draft"), "drafts stay out of the sitemap");
    assert_eq!(
        site.read_output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://fixture.example.org/sitemap.xml\n"
    );
}

#[test]
fn a_base_url_with_a_path_prefixes_every_link() {
    let site = TestSite::basic("base-path");
    site.edit(
        "content/site.toml",
        "https://fixture.example.org",
        "https://example.org/county/wbl/",
    );
    site.build().expect_code(0);
    let start = site.read_output("toolkits/guide/start/index.html");
    assert!(start.contains(r#"<link rel="stylesheet" href="/county/wbl/style.css">"#));
    assert!(start.contains(r#"href="/county/wbl/toolkits/guide/section/detail/#the-detail""#));
    assert!(start.contains(
        r#"<link rel="canonical" href="https://example.org/county/wbl/toolkits/guide/start/">"#
    ));
}

#[test]
fn the_stylesheet_covers_dark_mode_print_and_focus() {
    let site = TestSite::basic("stylesheet");
    site.build().expect_code(0);
    let css = site.read_output("style.css");
    for needle in [
        "@media (prefers-color-scheme: dark)",
        "@media print",
        ":focus-visible",
        ".skip-link",
        ".visually-hidden",
    ] {
        assert!(css.contains(needle), "style.css lacks {needle}");
    }
    assert!(
        !css.contains("@import") && !css.contains("url(http"),
        "the stylesheet loads nothing from elsewhere"
    );
}
