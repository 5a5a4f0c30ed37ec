//! Hardening: path arguments of `new`, `adapt` and `fingerprint`. An argument names an id in
//! the site; it is never a path to join, and what it names must exist in the loaded site.

use crate::support::*;

/// The basic site with district `north`.
fn with_north(test: &str) -> TestSite {
    let site = TestSite::basic(test);
    site.write(
        "content/districts/north/district.toml",
        "name = \"North Unified\"\nshort_name = \"North\"\n",
    );
    site
}

/// A Markdown page outside the site, which no command may read or copy.
fn plant_outside(site: &TestSite) -> std::path::PathBuf {
    let outside = site.root.with_file_name(format!(
        "{}-outside",
        site.root.file_name().unwrap().to_str().unwrap()
    ));
    std::fs::create_dir_all(&outside).unwrap();
    let secret = outside.join("secret.md");
    std::fs::write(
        &secret,
        "+++\ntitle = \"Secret\"\n+++\nNot part of the site.\n",
    )
    .unwrap();
    secret
}

const PAGE_HELP: &str = "  help: each part is a folder or file name of lowercase letters, digits and hyphens, optionally numbered as in 04-hosting; name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before\n";

#[test]
fn new_chapter_with_dotdot_cannot_write_outside_content() {
    let site = TestSite::basic("hard_new_chapter_dotdot");
    let before = snapshot(&site.root);
    let outcome = site.run(&["new", "chapter", "guide/../../../../escaped"]);
    outcome.expect_code(2);
    assert_eq!(
        outcome.stderr,
        format!(
            "error: guide/../../../../escaped: `..` cannot be part of a page path\n{PAGE_HELP}"
        )
    );
    assert!(!site.root.with_file_name("escaped.md").exists());
    assert!(!site.path("escaped.md").exists());
    const ABSOLUTE_HELP: &str = "  help: name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before";
    for (hostile, refusal, help) in [
        (
            "/tmp/escaped",
            "an absolute path cannot name a page; paths start at content/toolkits/",
            ABSOLUTE_HELP,
        ),
        ("guide/./x", "`.` cannot be part of a page path", PAGE_HELP),
        (
            "guide\\..\\x",
            "backslashes cannot be part of a page path",
            "  help: separate folders with /, e.g. employer-guide/04-hosting/before",
        ),
        ("guide/..", "`..` cannot be part of a page path", PAGE_HELP),
    ] {
        site.run(&["new", "chapter", hostile])
            .expect_code(2)
            .expect_diagnostics(&[&format!("error: {hostile}: {refusal}"), help]);
    }
    // Only refused: its message names the empty part as ``, which says nothing.
    site.run(&["new", "chapter", "guide//x"]).expect_code(2);
    assert_eq!(snapshot(&site.root), before, "nothing was written");
}

#[test]
fn adapt_copies_only_a_page_of_a_toolkit_of_the_site() {
    let site = with_north("hard_adapt_outside");
    let secret = plant_outside(&site);
    let before = snapshot(&site.root);
    let outcome = site.run(&[
        "adapt",
        "north",
        "guide/../../../hard_adapt_outside-outside/secret",
    ]);
    outcome.expect_code(2);
    assert_eq!(
        outcome.stderr,
        format!("error: guide/../../../hard_adapt_outside-outside/secret: `..` cannot be part of a page path\n{PAGE_HELP}")
    );
    let absolute = secret.to_str().unwrap();
    let outcome = site.run(&["adapt", "north", absolute]);
    // The planted page's folder is named after the site's, so it shows as `<site>-outside`.
    outcome.expect_code(2).expect_diagnostics(&[
        "error: <site>-outside/secret.md: an absolute path cannot name a page; paths start at content/toolkits/",
        "  help: name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before",
    ]);
    // A district named with `..` is not a district either.
    site.run(&["adapt", "../../x", "guide/01-start"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: ../../x: district `../../x` not found; district ids are lowercase letters, digits and hyphens",
            "  help: run trellis new district <id> to start one",
        ]);
    // A file of the site that is not a toolkit page cannot be adapted.
    site.run(&["adapt", "north", "content/pages/about.md"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: content/pages/about.md: there is no toolkit `content` under content/toolkits/",
            "  help: the toolkits are: guide",
        ]);
    assert_eq!(snapshot(&site.root), before, "nothing was copied");
}

#[test]
fn adapt_names_a_missing_page_and_district_with_the_closest() {
    let site = with_north("hard_adapt_missing");
    site.run(&["adapt", "north", "guide/01-strat"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: guide/01-strat: no such page in the toolkit",
            "  help: did you mean `guide/01-start`?",
        ]);
    site.run(&["adapt", "nort", "guide/01-start"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: nort: district `nort` not found; it needs content/districts/nort/district.toml, without errors",
            "  help: did you mean `north`?",
        ]);
    assert!(!site.path("content/districts/nort").exists());
    // A section by its folder, and its _index, are pages of the toolkit.
    site.run(&["adapt", "north", "guide/02-section"])
        .expect_code(0);
    assert!(site
        .path("content/districts/north/toolkits/guide/02-section/_index.md")
        .is_file());
}

#[test]
fn adapt_does_not_write_through_a_symbolic_link() {
    let site = with_north("hard_adapt_symlink");
    let secret = plant_outside(&site);
    let outside = secret.parent().unwrap();
    std::os::unix::fs::symlink(outside, site.path("content/districts/north/toolkits")).unwrap();
    site.run(&["adapt", "north", "guide/01-start"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: <site>/content/districts/north/toolkits: is a symbolic link; Trellis does not create files through links",
        ]);
    assert!(!outside.join("guide").exists());
}

#[test]
fn fingerprint_takes_only_a_page_of_a_toolkit_of_the_site() {
    let site = TestSite::basic("hard_fingerprint_outside");
    let secret = plant_outside(&site);
    let absolute = secret.to_str().unwrap();
    for hostile in [absolute, "/etc/passwd"] {
        let outcome = site.run(&["fingerprint", hostile]);
        outcome.expect_code(2);
        assert_eq!(outcome.stdout, "", "{hostile} was fingerprinted");
        assert_eq!(
            outcome.stderr,
            format!("error: {hostile}: an absolute path cannot name a page; paths start at content/toolkits/\n  help: name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before\n")
        );
    }
    let outcome = site.run(&[
        "fingerprint",
        "guide/../../hard_fingerprint_outside-outside/secret",
    ]);
    outcome.expect_code(2).expect_diagnostics(&[
        "error: guide/../../hard_fingerprint_outside-outside/secret: `..` cannot be part of a page path",
        "  help: each part is a folder or file name of lowercase letters, digits and hyphens, optionally numbered as in 04-hosting; name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before",
    ]);
    assert_eq!(outcome.stdout, "");
    // Not a toolkit page, though a file of the site.
    let outcome = site.run(&["fingerprint", "content/site.toml"]);
    outcome.expect_code(2).expect_diagnostics(&[
        "error: content/site.toml: `site.toml` cannot be part of a page path",
        "  help: each part is a folder or file name of lowercase letters, digits and hyphens, optionally numbered as in 04-hosting; name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before",
    ]);
    assert_eq!(outcome.stdout, "");
    // The page itself, named either way, has one fingerprint.
    let short = site.run(&["fingerprint", "guide/01-start"]);
    let long = site.run(&["fingerprint", "content/toolkits/guide/01-start.md"]);
    short.expect_code(0);
    assert_eq!(short.stdout.trim().len(), 8);
    assert_eq!(short.stdout, long.stdout);
}

#[test]
fn new_opportunity_refuses_an_id_any_catalog_file_defines() {
    let site = TestSite::new("hard_new_existing_id", "catalog");
    let outcome = site.run(&["new", "opportunity", "repair-project"]);
    outcome.expect_code(2);
    assert_eq!(
        outcome.stderr,
        "error: content/catalog/opportunities/it.toml:18:6: opportunity `repair-project` is already defined here\n  help: edit it there, or choose another id for the new one\n"
    );
    assert!(!site
        .path("content/catalog/opportunities/repair-project.toml")
        .exists());
    // The same for employers and pathways, each in their own files.
    site.run(&["new", "employer", "valley-health"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: content/catalog/employers/employers.toml:2:6: employer `valley-health` is already defined here",
            "  help: edit it there, or choose another id for the new one",
        ]);
    assert!(!site
        .path("content/catalog/employers/valley-health.toml")
        .exists());
}

#[test]
fn new_refuses_reserved_ids_with_the_catalogs_message() {
    let site = TestSite::new("hard_new_reserved", "catalog");
    let outcome = site.run(&["new", "opportunity", "archive"]);
    outcome.expect_code(2);
    let refused = "the id is reserved for the site's own pages\n  help: choose another id; reserved: archive, page, kind, stage, pathway, modality, pay, district, employer\n";
    assert_eq!(outcome.stderr, format!("error: archive: {refused}"));
    assert!(!site
        .path("content/catalog/opportunities/archive.toml")
        .exists());
    // The catalog says the same of a record that takes the id.
    site.edit(
        "content/catalog/opportunities/it.toml",
        "id = \"repair-project\"",
        "id = \"archive\"",
    );
    site.run(&["check"]).expect_code(1).expect_diagnostics(&[
        &format!(
            "content/catalog/opportunities/it.toml:18:6: error: opportunity `archive`: {refused}"
        ),
        "Checked: 1 error, 0 warnings",
    ]);
}

#[test]
fn new_chapter_needs_an_existing_toolkit_and_section_and_a_free_url() {
    let site = TestSite::basic("hard_new_chapter_toolkit");
    let before = snapshot(&site.root);
    let outcome = site.run(&["new", "chapter", "gide/05-safety"]);
    outcome.expect_code(2);
    assert_eq!(
        outcome.stderr,
        "error: gide/05-safety: there is no toolkit `gide` under content/toolkits/\n  help: did you mean `guide`?\n"
    );
    assert!(!site.path("content/toolkits/gide").exists());
    site.run(&["new", "chapter", "guide/07-later/safety"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: guide/07-later/safety: toolkit `guide` has no section `07-later`",
            "  help: start the section with content/toolkits/guide/07-later/_index.md, or name an existing one",
        ]);
    site.run(&["new", "chapter", "guide/09-start"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: guide/09-start: content/toolkits/guide/01-start.md already has the URL /toolkits/guide/start/",
            "  help: choose another file name",
        ]);
    site.run(&["new", "chapter", "guide/05-print"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: guide/05-print: the name `print` is reserved for the toolkit's own pages",
            "  help: rename it; reserved names: print, for, adapt, compare",
        ]);
    assert_eq!(snapshot(&site.root), before, "nothing was written");
    // In an existing section, a free name builds.
    site.run(&["new", "chapter", "guide/02-section/more"])
        .expect_code(0)
        .expect_diagnostics(&[
            "Created content/toolkits/guide/02-section/more.md; fill it in, then run trellis check",
        ]);
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 15 pages (73 files: 73 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
}
