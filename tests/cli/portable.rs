//! Portable editions: `build --portable` (a site that works opened from disk), `bundle`
//! (one district's or toolkit's zip) and `check`'s look at the portable build's links.
//! The browser side (file:// in Chromium) is `tests/browser/portable.test.js`.

use std::io::Read;

use crate::support::{snapshot, TestSite};

/// The zip's entries in its order, each with its bytes and its time.
fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>, Option<zip::DateTime>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes, entry.last_modified())
        })
        .collect()
}

/// The names in the zip `trellis bundle <args>` writes, which must succeed.
fn bundled(site: &TestSite, args: &[&str]) -> Vec<String> {
    let output = site.path("bundle.zip");
    let mut all = vec!["bundle", "-o", output.to_str().unwrap()];
    all.extend_from_slice(args);
    site.run(&all).expect_code(0);
    let zip = std::fs::read(output).unwrap();
    entries(&zip).into_iter().map(|(n, _, _)| n).collect()
}

/// Every `href`, `src` and `action` of a page.
fn addresses(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for name in [" href=\"", " src=\"", " action=\"", " data-base=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(name) {
            rest = &rest[at + name.len()..];
            found.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    found
}

#[test]
fn a_portable_build_links_files_relatively_and_ships_its_data_as_scripts() {
    let site = TestSite::new("portable_build", "portable");
    site.run(&["build", "--portable"]).expect_code(0);
    let files = snapshot(&site.path("public"));
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(bytes);
        for url in addresses(&html) {
            if url.contains(':') || url.starts_with('#') {
                continue;
            }
            assert!(!url.starts_with('/'), "{path}: {url} is root-relative");
            let file = url.split(['?', '#']).next().unwrap();
            assert!(
                file.ends_with(".html") || file.contains('.') || file.ends_with('/') && url == file,
                "{path}: {url} names a folder"
            );
        }
        // The canonical address is still the site's own, from base_url.
        assert!(html.contains("<link rel=\"canonical\" href=\"https://guide.example.org/wbl/"));
    }
    assert!(pages > 20);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"search/meta.js") && names.contains(&"search/opportunities.js"));
    assert!(!names
        .iter()
        .any(|p| p.starts_with("search/") && p.ends_with(".json")));
    let meta = site.read_output("search/meta.js");
    assert!(meta.starts_with("(self.trellisData=self.trellisData||{})[\"meta.json\"]={"));
    let home = site.read_output("districts/north/index.html");
    assert!(home.contains("data-base=\"../../\""));
    assert!(home.contains("href=\"../../districts/north/families/consent.pdf\""));
    // The same site served keeps its JSON and its root-relative links.
    let served = site.path("served");
    site.run(&["build", "--output", served.to_str().unwrap()])
        .expect_code(0);
    let served = std::fs::read_to_string(site.path("served/districts/north/index.html")).unwrap();
    assert!(
        served.contains("data-base=\"/wbl/\"") && site.path("served/search/meta.json").is_file()
    );
}

#[test]
fn a_district_bundle_is_the_same_zip_every_time_and_holds_only_what_it_links() {
    let site = TestSite::new("portable_bundle", "portable");
    let zip = |name: &str| site.path(name).to_str().unwrap().to_string();
    let first = site.run(&["bundle", "--district", "north", "--output", &zip("one.zip")]);
    first.expect_code(0);
    let summary = first.diagnostics().last().unwrap().clone();
    assert!(
        summary.starts_with("Bundled 52 pages (123 files) into <site>/one.zip: ")
            && summary.contains(" KB in "),
        "{summary}"
    );
    site.run(&["bundle", "--district", "north", "--output", &zip("two.zip")])
        .expect_code(0);
    let one = std::fs::read(site.root.join("one.zip")).unwrap();
    let two = std::fs::read(site.root.join("two.zip")).unwrap();
    assert_eq!(one, two, "the same site gives the same zip");
    let entries = entries(&one);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries in path order");
    let date = zip::DateTime::from_date_and_time(2026, 11, 1, 0, 0, 0).unwrap();
    assert!(entries.iter().all(|(_, _, time)| *time == Some(date)));
    for wanted in [
        "index.html",
        "districts/north/index.html",
        "districts/north/hosts/print/index.html",
        "districts/north/families/consent.pdf",
        "opportunities/index.html",
        "opportunities/clinic-internship/index.html",
        "employers/valley-health/index.html",
        "pathways/health-science/index.html",
        "search/meta.js",
        "search/opportunities.js",
        "style.css",
    ] {
        assert!(names.contains(&wanted), "{wanted} is missing");
    }
    for (name, _, _) in &entries {
        assert!(
            !name.starts_with("toolkits/")
                && !name.starts_with("districts/south/")
                && !name.contains("hangar")
                && !name.contains("aviation")
                && !name.contains("south-airfield")
                && !name.ends_with("sitemap.xml")
                && !name.ends_with("404.html"),
            "{name} is not for North"
        );
    }
    let text: String = entries
        .iter()
        .map(|(_, bytes, _)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    for private in ["scrimshaw", "Zebulon", "Hidden Person", "zeppelin"] {
        assert!(!text.contains(private), "{private} is in the bundle");
    }
    let top = &entries
        .iter()
        .find(|(n, _, _)| n == "index.html")
        .unwrap()
        .1;
    let top = String::from_utf8_lossy(top);
    assert!(
        top.contains("<meta http-equiv=\"refresh\" content=\"0; url=districts/north/index.html\">")
    );
}

#[test]
fn a_toolkit_bundle_holds_that_toolkit_and_no_catalog() {
    let site = TestSite::new("portable_toolkit", "portable");
    let names = bundled(&site, &["--toolkit", "hosts"]);
    assert!(names.contains(&"toolkits/hosts/hosting/index.html".to_string()));
    assert!(names.contains(&"toolkits/hosts/print/index.html".to_string()));
    assert!(!names.iter().any(|n| n.starts_with("toolkits/families/")
        || n.starts_with("districts/")
        || n.starts_with("opportunities/")
        || n.starts_with("search/cards/")));
}

#[test]
fn a_bundle_of_what_the_site_lacks_names_what_it_has() {
    let site = TestSite::new("portable_unknown", "portable");
    let west = site.path("west.zip");
    let fr = site.path("fr.zip");
    site.run(&[
        "bundle",
        "--district",
        "west",
        "--output",
        west.to_str().unwrap(),
    ])
    .expect_code(1)
    .expect_diagnostics(&[
        "content/districts: error: there is no district `west`",
        "  help: the districts are: north, south",
        "Bundle failed: 1 error, 0 warnings; <site>/west.zip was not written",
    ]);
    site.run(&[
        "bundle",
        "--district",
        "north",
        "--lang",
        "fr",
        "-o",
        fr.to_str().unwrap(),
    ])
    .expect_code(1)
    .expect_diagnostics(&[
        "content/site.toml: error: the site has no language `fr`",
        "  help: its languages are: en",
        "Bundle failed: 1 error, 0 warnings; <site>/fr.zip was not written",
    ]);
    assert!(!west.exists() && !fr.exists());
}

#[test]
fn a_bundle_in_another_language_holds_that_language() {
    let site = TestSite::new("portable_language", "languages");
    let names = bundled(&site, &["--district", "north", "--lang", "es"]);
    assert!(
        names.contains(&"es/districts/north/index.html".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"es/search/meta.js".to_string()));
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with(".html") && !n.starts_with("es/") && n != "index.html"),
        "{names:?}"
    );
}

#[test]
fn check_reports_links_that_open_nothing_from_disk() {
    let site = TestSite::new("portable_check", "portable");
    site.edit(
        "content/pages/about.md",
        "About this network.",
        "About this network. <a href=\"/elsewhere/\">Elsewhere</a>",
    );
    let outcome = site.run(&["check"]);
    let lines = outcome.diagnostics();
    assert!(lines.contains(&"public/about/index.html: warning: link `/elsewhere/` is outside the site's base path `/wbl/`".to_string()), "{lines:#?}");
    // Made relative, the address leads to no file of the portable build either.
    let portable = "public/about/index.html: warning: in the portable build, link \
                    `../elsewhere/index.html` points to no page or file of the site";
    assert!(lines.contains(&portable.to_string()), "{lines:#?}");
}
