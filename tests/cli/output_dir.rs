//! The output folder: refusals, `--force`, failed builds, stale files.

use crate::support::{binary, run, snapshot, TestSite};

/// Asserts that building into `output` is refused with exactly one error: `shown` (the
/// folder as printed, the site folder written `<site>`) and `why`.
fn refused(site: &TestSite, output: &std::path::Path, shown: &str, why: &str) {
    site.run(&["build", "--output", output.to_str().unwrap()])
        .expect_code(2)
        .expect_diagnostics(&[&format!(
            "error: {shown}: refusing to use this output folder: {why}"
        )]);
}

#[test]
fn output_inside_or_around_the_inputs_is_refused() {
    let site = TestSite::basic("refuse-inputs");
    site.write("themes/default/static/x.txt", "x");
    refused(
        &site,
        &site.path("content"),
        "<site>/content",
        "it is inside the site's content/ folder",
    );
    refused(
        &site,
        &site.path("content/public"),
        "<site>/content/public",
        "it is inside the site's content/ folder",
    );
    refused(
        &site,
        &site.path("themes/default/out"),
        "<site>/themes/default/out",
        "it is inside the site's themes/ folder",
    );
    refused(
        &site,
        &site.root,
        "<site>",
        "it contains the site's content/ folder",
    );
    refused(
        &site,
        &site.path("content/../content/x/.."),
        "<site>/content/../content/x/..",
        "it is inside the site's content/ folder",
    );
    refused(
        &site,
        std::path::Path::new("/"),
        "/",
        "it is the root of the file system",
    );
    // Nothing was written into the content folder.
    assert!(!site.path("content/public").exists());
}

#[test]
fn the_home_folder_is_refused() {
    let site = TestSite::basic("refuse-home");
    let home = site.path("home");
    std::fs::create_dir_all(&home).unwrap();
    let outcome = run(binary().env("HOME", &home).args([
        "--root",
        site.root.to_str().unwrap(),
        "build",
        "--output",
        home.to_str().unwrap(),
        "--force",
    ]));
    site.owns(outcome).expect_code(2).expect_diagnostics(&[
        "error: <site>/home: refusing to use this output folder: it is your home folder",
    ]);
}

#[test]
fn a_foreign_non_empty_folder_needs_force_and_keeps_its_files() {
    let site = TestSite::basic("refuse-foreign");
    site.write("public/notes.txt", "mine");
    site.build().expect_code(2).expect_diagnostics(&[
        "error: <site>/public: the folder is not empty and was not created by Trellis; pass --force to write into it (Trellis never deletes files it did not write)",
    ]);
    assert!(!site.path("public/index.html").exists());

    site.run(&["build", "--force"])
        .expect_code(0)
        .expect_diagnostics(&[
            "Built 14 pages (57 files: 57 written, 0 unchanged, 0 removed) into <site>/public in <time>",
        ]);
    assert!(site.path("public/index.html").is_file());
    // Later builds need no --force, and never remove what Trellis did not write.
    site.remove("content/pages/about.md");
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 13 pages (56 files: 20 written, 36 unchanged, 1 removed) into <site>/public in <time>",
    ]);
    assert_eq!(
        std::fs::read_to_string(site.path("public/notes.txt")).unwrap(),
        "mine"
    );
    assert!(
        !site.path("public/about").exists(),
        "the stale page and its folder are removed"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::basic("failed-build");
    site.build().expect_code(0);
    let before = snapshot(&site.path("public"));
    site.edit(
        "content/toolkits/guide/01-start.md",
        "## First steps\n",
        "## First steps\n\n[broken](nowhere.md)\n",
    )
    .remove("content/pages/about.md");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/01-start.md:8:1: error: link `nowhere.md` points to no page or file of the site",
        "  help: write the path of the page's file relative to this page, e.g. `01-start.md` for a page beside it",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    let after = snapshot(&site.path("public"));
    assert!(before == after, "public/ changed after a failed build");
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = TestSite::basic("unchanged");
    site.build().expect_code(0);
    let page = site.path("public/toolkits/guide/start/index.html");
    let modified = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 14 pages (57 files: 0 written, 57 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        modified
    );
    // No temporary files are left behind.
    assert!(snapshot(&site.path("public"))
        .iter()
        .all(|(p, _)| !p.contains(".trellis-tmp")));
}
