//! The output does not depend on the number of threads: the example site, and the example
//! site with a few hundred more listings (several pages of each listing), built on one
//! thread and on two give the same files, byte for byte, and the same messages.

use std::fmt::Write;
use std::path::Path;

use crate::support::{binary, copy_tree, run, scratch, snapshot, Outcome, BUILD_EPOCH};

/// Builds the site at `root` into `root/<output>` on `threads` rayon threads.
fn build(root: &Path, output: &str, threads: &str) -> Outcome {
    run(binary()
        .arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output")
        .arg(root.join(output))
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .env("RAYON_NUM_THREADS", threads))
}

/// Builds `root` on one thread and on two and compares the outputs file for file.
fn same_on_one_and_two_threads(root: &Path) {
    let one = build(root, "one", "1");
    let two = build(root, "two", "2");
    one.expect_code(0);
    two.expect_code(0);
    let messages = |outcome: &Outcome| -> Vec<String> {
        outcome
            .stderr
            .lines()
            .filter(|line| !line.starts_with("Built "))
            .map(|line| line.replace("/two", "/one"))
            .collect()
    };
    assert_eq!(messages(&one), messages(&two), "the messages differ");
    let (one, two) = (snapshot(&root.join("one")), snapshot(&root.join("two")));
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(name, _)| name.clone()).collect()
    };
    assert_eq!(names(&one), names(&two), "the files differ");
    for ((name, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "{name} differs between one thread and two");
    }
}

/// A copy of the example site in a scratch folder named `test`.
fn example(test: &str) -> std::path::PathBuf {
    let root = scratch(test);
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    root
}

#[test]
fn the_example_site_builds_the_same_on_one_thread_and_on_two() {
    same_on_one_and_two_threads(&example("threads-example"));
}

#[test]
fn a_catalog_of_hundreds_of_listings_builds_the_same_on_one_thread_and_on_two() {
    let root = example("threads-catalog");
    let mut records = String::new();
    for n in 0..300 {
        let kind = ["job-shadow", "career-talk", "worksite-tour"][n % 3];
        // Deadlines on the same few days, so the listings order many records by title.
        let day = 1 + n % 7;
        writeln!(
            records,
            "[[opportunity]]\nid = \"generated-{n:03}\"\ntitle = \"Generated listing {}\"\n\
             employer = \"alder-valley-medical-center\"\nkind = \"{kind}\"\n\
             pathways = [\"health-science\"]\nmodality = \"in-person\"\ngrades = [11, 12]\n\
             summary = \"Listing number {n}\"\ncity = \"Alder\"\nstarts = 2027-03-{day:02}\n\
             ends = 2027-03-{day:02}\ndeadline = 2027-02-{day:02}\nseats = {}\n\
             description = \"\"\"\nA generated listing, number {n}.\n\"\"\"\n",
            (n * 7919) % 1000,
            1 + n % 20,
        )
        .unwrap();
    }
    std::fs::write(
        root.join("content/catalog/opportunities/generated.toml"),
        records,
    )
    .unwrap();
    same_on_one_and_two_threads(&root);
}
