//! `trellis check` (everything the build checks plus rendered links, defaulted placeholders
//! and idle employers, as text or JSON) and `trellis new` (templates that build once filled in).

use crate::support::TestSite;

#[test]
fn check_passes_a_clean_site_and_writes_nothing() {
    let site = TestSite::basic("check_clean");
    site.run(&["check"])
        .expect_code(0)
        .expect_diagnostics(&["Checked: 0 errors, 0 warnings"]);
    assert!(
        !site.path("public").exists(),
        "check must not write the site"
    );
}

#[test]
fn check_reports_a_broken_fragment_with_its_position() {
    let site = TestSite::basic("check_fragment");
    site.edit(
        "content/toolkits/guide/04-last.md",
        "~~Old text~~",
        "See [the start](01-start.md#no-such-heading).\n\n~~Old text~~",
    );
    site.run(&["check"]).expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/04-last.md:8:5: error: `01-start.md` has no heading with the id `#no-such-heading`",
        "  help: headings there: #first-steps, #first-steps-1",
        "Checked: 1 error, 0 warnings",
    ]);
}

#[test]
fn check_json_is_stable_and_machine_readable() {
    let site = TestSite::basic("check_json");
    site.edit(
        "content/toolkits/guide/04-last.md",
        "~~Old text~~",
        "See [nowhere](99-missing.md).\n\n~~Old text~~",
    );
    let outcome = site.run(&["check", "--format", "json"]);
    outcome.expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["errors"], 1);
    assert_eq!(report["warnings"], 0);
    let first = &report["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["path"], "content/toolkits/guide/04-last.md");
    assert_eq!(first["line"], 8);
    assert_eq!(first["column"], 5);
    assert!(first["message"].as_str().unwrap().contains("99-missing.md"));
}

#[test]
fn check_warns_about_idle_employers_and_deny_warnings_fails() {
    let site = TestSite::new("check_idle", "catalog");
    site.write(
        "content/catalog/employers/quiet.toml",
        "[[employer]]\nid = \"quiet-co\"\nname = \"Quiet Co\"\norg_type = \"for-profit\"\n",
    );
    let idle = [
        "content/catalog/employers/quiet.toml:1:1: warning: employer `quiet-co` has no opportunities",
        "  help: add an opportunity with a deadline ahead, or leave it: its page still shows who they are",
        "Checked: 0 errors, 1 warning",
    ];
    site.run(&["check"])
        .expect_code(0)
        .expect_diagnostics(&idle);
    site.run(&["check", "--deny-warnings"])
        .expect_code(1)
        .expect_diagnostics(&idle);
    // The build lets the same site through.
    site.build().expect_code(0);
}

#[test]
fn check_runs_its_own_checks_even_when_the_build_fails() {
    // A failed build must not hide what only check finds: one run gives CI the whole list.
    let site = TestSite::new("check_idle_with_errors", "catalog");
    site.write(
        "content/catalog/employers/quiet.toml",
        "[[employer]]\nid = \"quiet-co\"\nname = \"Quiet Co\"\norg_type = \"for-profit\"\n",
    );
    site.write(
        "content/pages/broken.md",
        "+++\ntitel = \"Broken\"\n+++\nText.\n",
    );
    site.run(&["check"]).expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/quiet.toml:1:1: warning: employer `quiet-co` has no opportunities",
        "  help: add an opportunity with a deadline ahead, or leave it: its page still shows who they are",
        "content/pages/broken.md:2:1: error: unknown key `titel`",
        "  help: did you mean `title`? valid keys: title, weight, audience, summary, draft, updated, adapted_from, translated_from, toolkit, menu",
        "Checked: 1 error, 1 warning",
    ]);
}

#[test]
fn every_district_page_links_to_a_listing_that_exists() {
    let site = TestSite::new("check_district_listing", "catalog");
    site.write(
        "content/districts/alder/district.toml",
        "name = \"Alder Unified\"\nshort_name = \"Alder\"\n",
    );
    site.run(&["check"])
        .expect_code(0)
        .expect_diagnostics(&["Checked: 0 errors, 0 warnings"]);
    site.build().expect_code(0);
    let district = site.read_output("districts/alder/index.html");
    assert!(district.contains("href=\"/opportunities/district/alder/\""));
    assert!(site
        .path("public/opportunities/district/alder/index.html")
        .is_file());
}

#[test]
fn check_without_content_is_a_tool_error() {
    let site = TestSite::basic("check_no_content");
    std::fs::remove_dir_all(site.path("content")).unwrap();
    site.run(&["check"]).expect_code(2).expect_diagnostics(&[
        "error: <site>: there is no content/ folder here; pass --root DIR or run trellis init",
    ]);
}

#[test]
fn new_templates_build_once_their_references_are_filled_in() {
    let site = TestSite::new("new_catalog", "catalog");
    for (what, id, file) in [
        (
            "employer",
            "acme-clinic",
            "catalog/employers/acme-clinic.toml",
        ),
        ("pathway", "dental", "catalog/pathways/dental.toml"),
        (
            "opportunity",
            "dental-shadow",
            "catalog/opportunities/dental-shadow.toml",
        ),
        ("district", "alder", "districts/alder/district.toml"),
    ] {
        site.run(&["new", what, id])
            .expect_code(0)
            .expect_diagnostics(&[&format!(
                "Created content/{file}; fill it in, then run trellis check"
            )]);
    }
    site.run(&["new", "chapter", "nowhere/01-x"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: nowhere/01-x: there is no toolkit `nowhere` under content/toolkits/",
            "  help: the site has no toolkits yet",
        ]);

    // As written, the opportunity names a placeholder employer: check says which, where.
    site.run(&["check"]).expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/dental-shadow.toml:6:12: error: opportunity `dental-shadow`: no employer has the id `employer-id`",
        "  help: use the id of a record in content/catalog/employers/",
        "Checked: 1 error, 0 warnings",
    ]);
    site.edit(
        "content/catalog/opportunities/dental-shadow.toml",
        "employer-id",
        "acme-clinic",
    );
    site.run(&["check"]).expect_code(0);
    site.build().expect_code(0);
    assert!(site
        .read_output("opportunities/dental-shadow/index.html")
        .contains("Title students will see"));
    assert!(site.path("public/pathways/dental/index.html").is_file());
    assert!(site.path("public/districts/alder/index.html").is_file());
}

#[test]
fn new_chapter_builds_as_written() {
    let site = TestSite::basic("new_chapter");
    site.run(&["new", "chapter", "guide/05-safety"])
        .expect_code(0)
        .expect_diagnostics(&[
            "Created content/toolkits/guide/05-safety.md; fill it in, then run trellis check",
        ]);
    site.run(&["check"]).expect_code(0);
    site.build().expect_code(0);
    assert!(site
        .read_output("toolkits/guide/safety/index.html")
        .contains("<h1")); // the page exists and has its title
}

#[test]
fn new_refuses_to_overwrite_and_explains_ids() {
    let site = TestSite::basic("new_refuses");
    site.run(&["new", "chapter", "guide/01-start"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: <site>/content/toolkits/guide/01-start.md: already exists; choose another id or edit it",
        ]);
    let original = std::fs::read_to_string(site.path("content/toolkits/guide/01-start.md"));
    assert!(original.unwrap().contains("title"));
    site.run(&["new", "employer", "Acme Clinic"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: Acme Clinic: ids are lowercase letters, digits and hyphens, e.g. `acme-clinic`",
        ]);
    assert!(!site.path("content/catalog").exists());
}
