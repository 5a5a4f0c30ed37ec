//! Hardening: the output folder can never be turned against the user's files.

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::support::*;

#[test]
fn unprivileged_runs_cannot_read_what_chmod_000_hides() {
    // The permission tests below rely on this: as root they would pass for the wrong reason.
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::basic("unprivileged-probe");
    let page = site.path("content/toolkits/guide/04-last.md");
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o000)).unwrap();
    site.run_unprivileged(&["build"])
        .expect_code(1)
        .expect_diagnostics(&[
            "content/toolkits/guide/04-last.md: error: permission denied: Trellis may not read this file",
            "  help: make it readable (e.g. `chmod a+r`), or move it out of content/",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ]);
}

/// Runs `trellis --root . <args>` from inside the site, so relative outputs are relative to it.
fn run_in(site: &TestSite, args: &[&str]) -> Outcome {
    run(binary()
        .current_dir(&site.root)
        .args(["--root", "."])
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH"))
}

/// Asserts that `outcome` failed with exactly this one error line.
fn expect_error(outcome: &Outcome, line: &str) {
    outcome.expect_code(2);
    assert_eq!(outcome.stderr, format!("error: {line}\n"));
}

fn manifest(site: &TestSite) -> String {
    std::fs::read_to_string(site.path("public/.trellis-manifest")).unwrap()
}

#[test]
fn output_through_a_missing_folder_and_dotdot_cannot_reach_content() {
    let site = TestSite::basic("output-dotdot-content");
    site.write("themes/default/static/x.txt", "x");
    let content = snapshot(&site.path("content"));
    let themes = snapshot(&site.path("themes"));
    let inside = |input: &str| {
        format!("refusing to use this output folder: it is inside the site's {input}/ folder")
    };
    for spelling in [
        "public/../content",
        "./public/./..//content",
        "public//x/../../content/.",
        "content/toolkits/../../public/../content/new",
    ] {
        let outcome = run_in(&site, &["build", "--output", spelling]);
        expect_error(&outcome, &format!("{spelling}: {}", inside("content")));
    }
    let spelling = "public/../themes/default/static";
    let outcome = run_in(&site, &["build", "--output", spelling, "--force"]);
    expect_error(&outcome, &format!("{spelling}: {}", inside("themes")));
    let outcome = run_in(&site, &["build", "--output", "public/..", "--force"]);
    expect_error(
        &outcome,
        "public/..: refusing to use this output folder: it contains the site's content/ folder",
    );
    assert!(
        snapshot(&site.path("content")) == content,
        "content/ changed"
    );
    assert!(snapshot(&site.path("themes")) == themes, "themes/ changed");
    assert!(
        !site.path("public").exists(),
        "the missing folder was created"
    );
}

#[test]
fn output_through_a_symlinked_parent_cannot_reach_content() {
    let site = TestSite::basic("output-symlink-content");
    let content = snapshot(&site.path("content"));
    symlink(site.path("content"), site.path("linked")).unwrap();
    symlink(".", site.path("here")).unwrap();
    for spelling in [
        "linked",
        "linked/public",
        "linked/x/..",
        "here/public/../content",
    ] {
        let outcome = run_in(&site, &["build", "--output", spelling, "--force"]);
        expect_error(
            &outcome,
            &format!("{spelling}: refusing to use this output folder: it is inside the site's content/ folder"),
        );
    }
    assert!(
        snapshot(&site.path("content")) == content,
        "content/ changed"
    );
}

#[test]
fn output_through_dotdot_cannot_reach_home_root_or_a_foreign_folder() {
    let site = TestSite::basic("output-dotdot-elsewhere");
    let home = site.path("home");
    site.write("home/thesis.docx", "my thesis");
    site.write("foreign/notes.txt", "mine");
    let run_with_home = |output: &str, force: &[&str]| {
        run(binary()
            .current_dir(&site.root)
            .env("HOME", &home)
            .args(["--root", ".", "build", "--output", output])
            .args(force))
    };
    let output = format!("{}/x/..", home.display());
    expect_error(
        &run_with_home(&output, &["--force"]),
        &format!("{output}: refusing to use this output folder: it is your home folder"),
    );
    let output = format!("{}/x/../..", home.display());
    expect_error(
        &run_with_home(&output, &["--force"]),
        &format!("{output}: refusing to use this output folder: it contains your home folder"),
    );
    expect_error(
        &run_with_home("/nope/..", &["--force"]),
        "/nope/..: refusing to use this output folder: it is the root of the file system",
    );
    expect_error(
        &run_with_home("foreign/x/..", &[]),
        "foreign/x/..: the folder is not empty and was not created by Trellis; pass --force to write into it (Trellis never deletes files it did not write)",
    );
    assert_eq!(
        snapshot(&site.path("home")),
        [("thesis.docx".to_string(), b"my thesis".to_vec())]
    );
    assert_eq!(
        snapshot(&site.path("foreign")),
        [("notes.txt".to_string(), b"mine".to_vec())]
    );
    assert!(!Path::new("/nope").exists() && !Path::new("/index.html").exists());
}

#[test]
fn a_relative_output_is_written_where_it_resolves() {
    let site = TestSite::basic("output-resolved");
    let outcome = run_in(&site, &["build", "--output", "out/x/../site/./"]);
    outcome.expect_code(0);
    assert!(site.path("out/site/index.html").is_file());
    assert!(!site.path("out/x").exists());
}

#[test]
fn force_never_overwrites_a_file_trellis_did_not_write() {
    let site = TestSite::basic("force-foreign-file");
    site.write("public/about/index.html", "my own about page");
    site.write("public/notes.txt", "mine");
    let outcome = site.run(&["build", "--force"]);
    expect_error(
        &outcome,
        &format!(
            "{}: the site has a file here, but this one was not written by Trellis, and Trellis never overwrites a file it did not write; move it away or choose another output folder, then build again",
            site.path("public/about/index.html").display()
        ),
    );
    // Nothing was written: the refusal comes before any change.
    assert_eq!(
        snapshot(&site.path("public")),
        [
            (
                "about/index.html".to_string(),
                b"my own about page".to_vec()
            ),
            ("notes.txt".to_string(), b"mine".to_vec()),
        ]
    );
}

#[test]
fn a_foreign_file_identical_to_a_page_is_never_listed_or_deleted() {
    let site = TestSite::basic("force-identical-file");
    site.build().expect_code(0);
    let about = std::fs::read(site.path("public/about/index.html")).unwrap();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.write("public/about/index.html", &about);
    site.write("public/notes.txt", "mine");
    site.run(&["build", "--force"]).expect_code(0);
    assert!(!manifest(&site).contains(" about/index.html\n"));
    site.remove("content/pages/about.md");
    site.build().expect_code(0);
    assert_eq!(
        std::fs::read(site.path("public/about/index.html")).unwrap(),
        about
    );
}

#[test]
fn a_symlinked_folder_inside_the_output_is_refused_not_followed() {
    let site = TestSite::basic("output-inner-symlink");
    site.build().expect_code(0);
    let elsewhere = site.path("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::remove_dir_all(site.path("public/about")).unwrap();
    symlink(&elsewhere, site.path("public/about")).unwrap();
    let outcome = site.build();
    expect_error(
        &outcome,
        &format!(
            "{}: is a symbolic link, and Trellis never writes or deletes through links in the output folder; remove it, then build again",
            site.path("public/about").display()
        ),
    );
    assert!(
        snapshot(&elsewhere).is_empty(),
        "a file was written through the link"
    );
}

#[test]
fn a_symlinked_file_inside_the_output_is_refused_not_followed() {
    let site = TestSite::basic("output-inner-file-symlink");
    site.build().expect_code(0);
    site.write("victim.txt", "precious");
    std::fs::remove_file(site.path("public/about/index.html")).unwrap();
    symlink(
        site.path("victim.txt"),
        site.path("public/about/index.html"),
    )
    .unwrap();
    let outcome = site.build();
    expect_error(
        &outcome,
        &format!(
            "{}: is a symbolic link, and Trellis never writes or deletes through links in the output folder; remove it, then build again",
            site.path("public/about/index.html").display()
        ),
    );
    assert_eq!(
        std::fs::read_to_string(site.path("victim.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn a_forged_manifest_cannot_delete_a_file_trellis_did_not_write() {
    let site = TestSite::basic("forged-manifest");
    site.build().expect_code(0);
    let about = std::fs::read(site.path("public/about/index.html")).unwrap();
    let about_line = manifest(&site)
        .lines()
        .find(|l| l.ends_with(" about/index.html"))
        .unwrap()
        .to_string();
    // The user's thesis has the size of a page Trellis wrote, but other bytes.
    let mut thesis = about.clone();
    thesis[0] ^= 1;
    site.write("public/thesis.docx", &thesis);
    // A folder linked out of the output holds a copy of that page: its stamp matches.
    site.write("outside/index.html", &about);
    symlink(site.path("outside"), site.path("public/linked")).unwrap();
    let forged = format!(
        "{}{}\n{}\nthesis.docx\n",
        manifest(&site),
        about_line.replace("about/index.html", "thesis.docx"),
        about_line.replace("about/index.html", "linked/index.html"),
    );
    site.write("public/.trellis-manifest", forged);
    site.build().expect_code(0).expect_diagnostics(&[
        "<site>/public/linked/index.html: warning: kept this file: the site no longer has it, but it is not what Trellis wrote there",
        "  help: Trellis deletes only files it wrote and nobody changed since; delete it yourself if it is not needed",
        "<site>/public/thesis.docx: warning: kept this file: the site no longer has it, but it is not what Trellis wrote there",
        "  help: Trellis deletes only files it wrote and nobody changed since; delete it yourself if it is not needed",
        "Built 14 pages (57 files: 0 written, 57 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert_eq!(
        std::fs::read(site.path("public/thesis.docx")).unwrap(),
        thesis
    );
    assert_eq!(
        std::fs::read(site.path("outside/index.html")).unwrap(),
        about
    );
    // Kept files are no longer listed, so the warning is given once.
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 14 pages (57 files: 0 written, 57 unchanged, 0 removed) into <site>/public in <time>",
    ]);
}

#[test]
fn a_stale_page_trellis_wrote_is_removed_unless_the_user_changed_it() {
    let site = TestSite::basic("stale-changed");
    site.build().expect_code(0);
    site.write("public/toolkits/guide/last/index.html", "edited by hand");
    site.remove("content/pages/about.md")
        .remove("content/toolkits/guide/04-last.md");
    site.build().expect_code(0).expect_diagnostics(&[
        "<site>/public/toolkits/guide/last/index.html: warning: kept this file: the site no longer has it, but it is not what Trellis wrote there",
        "  help: Trellis deletes only files it wrote and nobody changed since; delete it yourself if it is not needed",
        "Built 11 pages (48 files: 20 written, 28 unchanged, 8 removed) into <site>/public in <time>",
    ]);
    assert!(
        !site.path("public/about").exists(),
        "the unchanged stale page stays"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("public/toolkits/guide/last/index.html")).unwrap(),
        "edited by hand"
    );
}

#[test]
fn planted_links_and_fifos_at_temporary_names_are_never_followed() {
    let site = TestSite::basic("planted-temporaries");
    site.build().expect_code(0);
    site.write("victim.txt", "precious");
    // The names temporary files used to have, and names like today's.
    for name in [
        ".index.html.trellis-tmp",
        ".trellis-tmp-1-0",
        ".trellis-tmp-2-1",
    ] {
        symlink(
            site.path("victim.txt"),
            site.path("public/about").join(name),
        )
        .unwrap();
    }
    let fifo = site.path("public/.index.html.trellis-tmp");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    site.edit("content/site.toml", "title = \"", "title = \"New ");
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 14 pages (57 files: 14 written, 43 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert_eq!(
        std::fs::read_to_string(site.path("victim.txt")).unwrap(),
        "precious"
    );
    // Links and FIFOs are not Trellis's temporary files: left alone, not followed.
    assert!(std::fs::symlink_metadata(&fifo).is_ok());
    assert!(std::fs::symlink_metadata(site.path("public/about/.trellis-tmp-1-0")).is_ok());
}

#[test]
fn a_stale_temporary_file_from_a_killed_build_is_removed() {
    let site = TestSite::basic("killed-build-debris");
    site.build().expect_code(0);
    let before = snapshot(&site.path("public"));
    // What kill -9 and a full disk left before: half-written and empty temporary files.
    site.write(
        "public/toolkits/guide/.trellis-tmp-4242-17",
        vec![b'x'; 64 * 1024],
    );
    site.write("public/about/.index.html.trellis-tmp", "");
    site.write(
        "public/notes.trellis-tmp",
        "a user's file, not a temporary one",
    );
    site.build().expect_code(0);
    let mut after = snapshot(&site.path("public"));
    let user_file = (
        "notes.trellis-tmp".to_string(),
        b"a user's file, not a temporary one".to_vec(),
    );
    assert!(after.contains(&user_file), "a user's file was removed");
    after.retain(|entry| entry != &user_file);
    assert!(after == before, "debris was left");
}

#[test]
fn a_read_only_output_with_nothing_to_change_builds_without_writing() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::basic("read-only-output");
    site.run_unprivileged(&["build"]).expect_code(0);
    let before = snapshot(&site.path("public"));
    let folders: Vec<_> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    let set_mode = |mode| {
        for folder in &folders {
            std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    set_mode(0o555);
    site.run_unprivileged(&["build"])
        .expect_code(0)
        .expect_diagnostics(&[
            "Built 14 pages (57 files: 0 written, 57 unchanged, 0 removed) into <site>/public in <time>",
        ]);

    site.edit("content/site.toml", "title = \"", "title = \"New ");
    let outcome = site.run_unprivileged(&["build"]);
    expect_error(
        &outcome,
        &format!(
            "{}: cannot write into this folder: permission denied; make it writable or choose another output folder, then build again",
            site.path("public").display()
        ),
    );
    set_mode(0o755);
    assert!(snapshot(&site.path("public")) == before, "public/ changed");
}

#[test]
fn init_refuses_root_home_non_empty_folders_and_another_sites_inputs() {
    let site = TestSite::basic("init-refusals");
    site.write("home/thesis.docx", "my thesis");
    site.write("busy/notes.txt", "mine");
    let home = site.path("home");
    let init = |dir: &str| {
        run(binary()
            .current_dir(&site.root)
            .env("HOME", &home)
            .args(["init", dir]))
    };
    let refused = |dir: &str, why: &str| {
        expect_error(
            &init(dir),
            &format!("{dir}: refusing to create a site here: {why}"),
        );
    };
    refused("/", "it is the root of the file system");
    refused("/nope/..", "it is the root of the file system");
    refused(
        &format!("{}/x/..", home.display()),
        "it is your home folder",
    );
    refused("busy/x/..", "the folder is not empty");
    let real_root = std::fs::canonicalize(&site.root).unwrap();
    refused(
        "content/new-site",
        &format!(
            "it is inside the content/ folder of the site in {}",
            real_root.display()
        ),
    );
    refused(
        "themes/../content/x",
        &format!(
            "it is inside the content/ folder of the site in {}",
            real_root.display()
        ),
    );
    assert!(!Path::new("/content").exists() && !Path::new("/.gitignore").exists());
    assert!(!site.path("content/new-site").exists() && !site.path("busy/content").exists());
    assert!(!home.join("content").exists());
    init("fresh/x/../site").expect_code(0);
    assert!(site.path("fresh/site/content/site.toml").is_file());
}

/// A small tmpfs mounted for one test, unmounted when dropped (also when the test fails).
struct SmallDisk {
    dir: std::path::PathBuf,
}

impl SmallDisk {
    /// Mounts a tmpfs of `size` at `dir`, or says why it cannot (not root, no mount).
    fn mount(dir: &Path, size: &str) -> Result<SmallDisk, String> {
        if !running_as_root() {
            return Err("mounting a tmpfs needs root".into());
        }
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .map_err(|e| format!("mount: {e}"))?;
        if !status.success() {
            return Err(format!("mount exited with {status}"));
        }
        Ok(SmallDisk {
            dir: dir.to_path_buf(),
        })
    }

    /// Fills the disk but for about `spare` bytes.
    fn fill(&self, spare: u64) -> std::path::PathBuf {
        use std::io::Write;
        let filler = self.dir.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 4096];
        while file.write_all(&chunk).is_ok() {}
        let len = file.metadata().unwrap().len();
        file.set_len(len.saturating_sub(spare)).unwrap();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn a_full_disk_is_reported_plainly_and_changes_nothing() {
    let site = TestSite::basic("full-disk");
    let disk_dir = site.path("disk");
    std::fs::create_dir_all(&disk_dir).unwrap();
    let disk = match SmallDisk::mount(&disk_dir, "2m") {
        Ok(disk) => disk,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let output = disk_dir.join("public");
    let output_arg = output.to_str().unwrap();
    site.run(&["build", "--output", output_arg]).expect_code(0);
    let before = snapshot(&output);
    let filler = disk.fill(8 * 1024);
    site.edit("content/site.toml", "title = \"", "title = \"New ");
    site.run(&["build", "--output", output_arg])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: <site>/disk/public: the disk is full: the site could not be written into this folder; free space and build again",
        ]);
    // Every file is as before (no half-updated site), and no temporary file is left.
    assert!(snapshot(&output) == before, "the output changed");
    std::fs::remove_file(filler).unwrap();
    site.run(&["build", "--output", output_arg]).expect_code(0);
    assert!(std::fs::read_to_string(output.join("index.html"))
        .unwrap()
        .contains("New "));
}
