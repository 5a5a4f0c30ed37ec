//! Hardening: loading names every failure, follows nothing out of the site, and is bounded.

use std::path::{Path, PathBuf};

use crate::support::*;

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// A folder outside the site holding `rel` with `text`, for links to point at.
fn outside(test: &str, rel: &str, text: &str) -> PathBuf {
    let dir = scratch(&format!("{test}-outside"));
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    dir
}

#[test]
fn a_named_pipe_in_themes_is_skipped_with_a_warning_not_a_failure_without_errors() {
    let site = TestSite::basic("loading-theme-fifo");
    std::fs::create_dir_all(site.path("themes/default/templates")).unwrap();
    std::fs::create_dir_all(site.path("themes/default/static")).unwrap();
    mkfifo(&site.path("themes/default/templates/pipe.html"));
    let _socket =
        std::os::unix::net::UnixListener::bind(site.path("themes/default/static/socket.css"))
            .unwrap();
    site.build().expect_code(0).expect_diagnostics(&[
        "themes/default/static/socket.css: warning: a socket is not a regular file; it was skipped",
        "  help: theme files must be ordinary files; remove it or move it out of the theme's folder",
        "themes/default/templates/pipe.html: warning: a named pipe is not a regular file; it was skipped",
        "  help: theme files must be ordinary files; remove it or move it out of the theme's folder",
        "Built 14 pages (57 files: 57 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert!(!site.path("public/socket.css").exists());
}

#[test]
fn a_themes_folder_linked_out_of_the_site_is_refused() {
    let site = TestSite::basic("loading-link-themes");
    let out = outside("loading-link-themes", "mine/static/leak.txt", "OUTSIDE");
    std::os::unix::fs::symlink(&out, site.path("themes")).unwrap();
    site.edit(
        "content/site.toml",
        "language = \"en\"",
        "language = \"en\"\ntheme = \"mine\"",
    );
    let outcome = site.build();
    outcome.expect_code(1).expect_diagnostics(&[
        "themes: error: symbolic link points outside the site; it was not followed",
        "  help: copy the file into the site instead of linking to it",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    assert!(!site.path("public").exists());
}

#[test]
fn a_theme_folder_linked_out_of_the_site_is_refused() {
    let site = TestSite::basic("loading-link-theme-name");
    let out = outside("loading-link-theme-name", "static/leak.txt", "OUTSIDE");
    std::fs::create_dir_all(site.path("themes")).unwrap();
    std::os::unix::fs::symlink(&out, site.path("themes/mine")).unwrap();
    site.edit(
        "content/site.toml",
        "language = \"en\"",
        "language = \"en\"\ntheme = \"mine\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "themes/mine: error: symbolic link points outside the site; it was not followed",
        "  help: copy the file into the site instead of linking to it",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    assert!(!site.path("public/leak.txt").exists());
}

#[test]
fn a_content_folder_linked_out_of_the_site_is_refused() {
    let site = TestSite::basic("loading-link-content");
    let out = scratch("loading-link-content-outside");
    std::fs::rename(site.path("content"), out.join("content")).unwrap();
    std::os::unix::fs::symlink(out.join("content"), site.path("content")).unwrap();
    let outcome = site.build();
    outcome.expect_code(1).expect_diagnostics(&[
        "content: error: symbolic link points outside the site; it was not followed",
        "  help: copy the file into the site instead of linking to it",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    assert!(!site.path("public").exists());
}

#[test]
fn site_settings_linked_out_of_the_site_are_refused() {
    let site = TestSite::basic("loading-link-site-toml");
    let settings = std::fs::read_to_string(site.path("content/site.toml")).unwrap();
    let out = outside("loading-link-site-toml", "site.toml", &settings);
    site.remove("content/site.toml");
    std::os::unix::fs::symlink(out.join("site.toml"), site.path("content/site.toml")).unwrap();
    site.build().expect_code(1).expect_diagnostics(&[
        "content/site.toml: error: symbolic link points outside the site; it was not followed",
        "  help: copy the file into the site instead of linking to it",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_named_pipe_district_file_is_one_error_and_references_to_it_are_not_reported() {
    let site = TestSite::new("loading-district-fifo", "catalog");
    site.remove("content/districts/downey/district.toml");
    mkfifo(&site.path("content/districts/downey/district.toml"));
    let outcome = site.build();
    outcome.expect_code(1).expect_diagnostics(&[
        "content/districts/downey/district.toml: error: a named pipe is not a regular file; it was not opened",
        "  help: replace it with an ordinary text file",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn an_unreadable_catalog_file_is_one_error_and_references_to_its_records_are_not_reported() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new("loading-unreadable-employers", "catalog");
    let employers = site.path("content/catalog/employers/employers.toml");
    std::fs::set_permissions(&employers, std::fs::Permissions::from_mode(0o000)).unwrap();
    let outcome = site.run_unprivileged(&["build"]);
    outcome.expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/employers.toml: error: permission denied: Trellis may not read this file",
        "  help: make it readable (e.g. `chmod a+r`), or move it out of content/",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_catalog_file_that_is_not_toml_is_one_error_and_references_to_its_records_are_not_reported() {
    let site = TestSite::new("loading-broken-pathways", "catalog");
    let path = site.path("content/catalog/pathways/pathways.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.insert_str(0, "[[pathway]\n");
    std::fs::write(&path, text).unwrap();
    let outcome = site.build();
    outcome.expect_code(1);
    // Only the error is checked, not the whole stderr: its help speaks of closing a list
    // (`["employers", "families"]`), not the `[[pathway]]` header that is unclosed here.
    let errors: Vec<&str> = outcome
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", outcome.stderr);
    assert!(errors[0].starts_with("content/catalog/pathways/pathways.toml:1:"));
}

/// An opportunity record naming `employer`.
fn opportunity(id: &str, employer: &str) -> String {
    format!(
        "[[opportunity]]\nid = \"{id}\"\ntitle = \"Help desk\"\nemployer = \"{employer}\"\n\
         kind = \"micro-internship\"\npathways = [\"it\"]\nmodality = \"virtual\"\n\
         grades = [10, 11, 12]\nschedule = \"Four online sessions\"\nstarts = 2027-02-01\n\
         ends = 2027-02-26\ndeadline = 2027-01-15\npay = {{ type = \"stipend\", amount = 150 }}\n\n"
    )
}

#[test]
fn many_long_ids_are_refused_for_their_length_and_suggestions_stay_bounded() {
    // 150 employers with 1,005-character ids, 150 opportunities naming them and 150 naming
    // long ids that do not exist (about 450 KB): comparing every reference with every id
    // character by character would take minutes.
    let site = TestSite::new("loading-long-ids", "catalog");
    let long = |prefix: &str, i: usize| format!("{prefix}{i:03}-{}", "x".repeat(1000));
    let mut employers = String::new();
    let mut opportunities = String::new();
    for i in 0..150 {
        let id = long("e", i);
        employers.push_str(&format!(
            "[[employer]]\nid = \"{id}\"\nname = \"Employer {i}\"\norg_type = \"nonprofit\"\ncity = \"Alder\"\n\n"
        ));
        opportunities.push_str(&opportunity(&format!("named-{i}"), &id));
        opportunities.push_str(&opportunity(&format!("missing-{i}"), &long("z", i)));
    }
    site.write("content/catalog/employers/long.toml", employers);
    site.write("content/catalog/opportunities/long.toml", opportunities);
    // Each too-long id once, each missing one once with no guess, and nothing about the
    // opportunities that name a refused id. An employer takes 6 lines, an opportunity 14.
    let mut expected = Vec::new();
    for i in 0..150 {
        expected.push(format!(
            "content/catalog/employers/long.toml:{}:6: error: employer `{}`: the id is 1005 characters long; ids may have at most 100",
            2 + 6 * i,
            long("e", i)
        ));
        expected.push(
            "  help: shorten the id to a few words; it becomes part of the page's URL".into(),
        );
    }
    for i in 0..150 {
        expected.push(format!(
            "content/catalog/opportunities/long.toml:{}:12: error: opportunity `missing-{i}`: no employer has the id `{}`",
            18 + 28 * i,
            long("z", i)
        ));
        expected.push("  help: use the id of a record in content/catalog/employers/".into());
    }
    expected.push("Build failed: 300 errors, 0 warnings; <site>/public was not changed".into());
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    site.build().expect_code(1).expect_diagnostics(&expected);
}

#[test]
fn a_heading_id_the_theme_uses_is_an_error_at_the_heading() {
    let site = TestSite::basic("loading-heading-theme-id");
    let page = "content/toolkits/guide/01-start.md";
    let text = std::fs::read_to_string(site.path(page)).unwrap();
    let line = text.lines().count() + 2;
    site.write(page, format!("{text}\n## Main {{#main}}\n\nText.\n"));
    site.build().expect_code(1).expect_diagnostics(&[
        &format!("{page}:{line}:1: error: the heading id `main` is already used by the theme"),
        "  help: choose another id, such as `main-section`: the theme uses `main` for an element of its pages, so a link to it would not reach this heading",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_heading_whose_text_gives_a_theme_id_gets_a_suffix_and_each_id_is_on_the_page_once() {
    let site = TestSite::basic("loading-heading-theme-slug");
    let page = "content/toolkits/guide/01-start.md";
    let text = std::fs::read_to_string(site.path(page)).unwrap();
    site.write(
        page,
        format!("{text}\n## Main\n\nText.\n\n## In this section\n\n[Up](#main-1)\n"),
    );
    site.build().expect_code(0);
    let html = site.read_output("toolkits/guide/start/index.html");
    let mut ids: Vec<&str> = html
        .split("id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
        .collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "an id is repeated: {ids:?}");
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("id=\"main-1\""));
    assert!(html.contains("id=\"in-this-section-1\""));
}

#[test]
fn a_page_and_a_section_with_one_url_are_both_named_with_the_url() {
    let site = TestSite::basic("loading-collision-section");
    site.write(
        "content/toolkits/guide/section.md",
        "+++\ntitle = \"Again\"\n+++\nText.\n",
    );
    let outcome = site.build();
    outcome.expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/section.md:1:1: error: this page and another have the same URL `/toolkits/guide/section/`",
        "  help: the other is content/toolkits/guide/02-section/_index.md:1:1; rename one of them (names that differ only in a numeric prefix, case, accents, spaces, `_` or punctuation make one URL)",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_standalone_page_and_a_theme_file_with_one_output_are_both_named_with_the_url() {
    let site = TestSite::basic("loading-collision-theme");
    site.write("themes/default/static/about/index.html", "<p>theme</p>");
    site.write("themes/default/static/404.html", "<p>lost</p>");
    let outcome = site.build();
    outcome.expect_code(1).expect_diagnostics(&[
        "content/pages/about.md:1:1: error: this file and another would both be written to `/about/`",
        "  help: the other is themes/default/static/about/index.html; rename one of them",
        "themes/default/static/404.html: error: this file and another would both be written to `/404.html`",
        "  help: Trellis writes that file itself; rename or remove this one",
        "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
    ]);
    assert!(!site.path("public").exists());
}
