//! Hardening: the output folder.

use crate::support::*;

#[test]
fn unprivileged_runs_cannot_read_what_chmod_000_hides() {
    // The permission tests below rely on this: as root they would pass for the wrong reason.
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::basic("unprivileged-probe");
    let page = site.path("content/toolkits/guide/04-last.md");
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o000)).unwrap();
    let outcome = site.run_unprivileged(&["build"]);
    outcome.expect_code(1);
    assert!(
        outcome.stderr.contains("04-last.md") && outcome.stderr.contains("ermission denied"),
        "{}",
        outcome.stderr
    );
}
