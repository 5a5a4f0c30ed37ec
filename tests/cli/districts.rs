//! District editions: overrides, additions and omissions; placeholders; staleness;
//! privacy; the district pages, comparisons and the adaptation guide.

use crate::checker::check_site;
use crate::support::{binary, run, snapshot, Outcome, TestSite};

const NORTH: &str = "content/districts/north/district.toml";

/// The basic fixture with district `north`: its own values, an override of the first
/// chapter started with `trellis adapt`, an added page and an omitted one.
fn with_north(test: &str) -> TestSite {
    let site = TestSite::basic(test);
    site.write(
        NORTH,
        r#"name = "North Unified School District"
short_name = "North USD"
county = "Alder"

[contacts.coordinator]
name = "Nora North"
phone = "555-0111"
public = true

[contacts.principal]
name = "Zelda Q. Hiddenperson"
email = "zelda.hidden@example.org"
public = false

[calendar]
school_year = { starts = 2026-08-12, ends = 2027-06-03 }
application_windows = [{ kind = "internship", opens = 2027-02-01, closes = 2027-03-15 }]

[policies]
transportation = "Families arrange transport."
minimum_age_offsite = 16

[forms.consent]
title = "Parent consent"
url = "https://example.org/north/consent.pdf"
languages = ["en", "es"]

[omit]
guide = ["04-last"]
"#,
    );
    // Only the exit code: its `Created` line names the file by its absolute path, where
    // `trellis new` names what it creates from the site's folder; that is not pinned.
    adapt(&site, "north", "guide/01-start").expect_code(0);
    site.edit(
        "content/districts/north/toolkits/guide/01-start.md",
        "A second heading with the same text.",
        "North students start with a visit.",
    );
    site.write(
        "content/districts/north/toolkits/guide/02-section/local.md",
        "+++\ntitle = \"North's local rules\"\nweight = 0\n+++\nOnly in {{ district.short_name }}.\n",
    );
    site
}

fn adapt(site: &TestSite, district: &str, page: &str) -> Outcome {
    site.run(&["adapt", district, page])
}

#[test]
fn an_edition_swaps_adds_and_omits_pages_in_order() {
    let site = with_north("edition-order");
    site.build().expect_code(0);
    let landing = site.read_output("districts/north/guide/index.html");
    let order: Vec<usize> = [
        "Getting started",
        "A section",
        "North&#39;s local rules",
        "The detail",
    ]
    .iter()
    .map(|t| {
        landing
            .find(&format!(">{t}</a>"))
            .unwrap_or_else(|| panic!("{t} missing from the edition"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        !landing.contains(">Last chapter</a>"),
        "the omitted page is not in the edition"
    );
    assert!(!site.path("public/districts/north/guide/last").exists());
    assert!(
        site.path("public/toolkits/guide/last/index.html").is_file(),
        "the regional edition keeps it"
    );

    let start = site.read_output("districts/north/guide/start/index.html");
    assert!(start.contains("North students start with a visit."));
    assert!(start.contains("North Unified School District edition"));
    assert!(start.contains(r#"href="/toolkits/guide/start/">Regional version</a>"#));
    assert!(start.contains(
        r#"href="/districts/north/guide/compare/start/">Compare with the regional page</a>"#
    ));
    // Links in the override lead to the district's edition of their targets.
    assert!(
        start.contains(r#"href="/districts/north/guide/section/detail/#the-detail""#),
        "{start}"
    );
    // Placeholders take the district's values.
    let detail = site.read_output("districts/north/guide/section/detail/index.html");
    assert!(detail.contains("of North Unified School District."));
    let regional = site.read_output("toolkits/guide/section/detail/index.html");
    assert!(regional.contains("of your school district."));
    assert!(site
        .read_output("districts/north/guide/section/local/index.html")
        .contains("Only in North USD."));
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn staleness_follows_the_regional_page() {
    let site = with_north("edition-stale");
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 26 pages (80 files: 80 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert!(site
        .read_output("toolkits/guide/adapt/index.html")
        .contains("up to date"));

    site.edit(
        "content/toolkits/guide/01-start.md",
        "Read [the detail page]",
        "First, read [the detail page]",
    );
    site.build().expect_code(0).expect_diagnostics(&[
        "content/districts/north/toolkits/guide/01-start.md:5:1: warning: district `north`: the regional page content/toolkits/guide/01-start.md has changed since this page was adapted from it",
        "  help: compare the two, update this page, then set adapted_from = \"76dee81b\"",
        "Built 26 pages (80 files: 7 written, 73 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    let page = site.read_output("districts/north/guide/start/index.html");
    assert!(page.contains("This page may be out of date."));
    assert!(site
        .read_output("toolkits/guide/adapt/index.html")
        .contains("<strong>stale</strong>"));
    let compare = site.read_output("districts/north/guide/compare/start/index.html");
    assert!(compare.contains("Regional only") && compare.contains("First, read [the detail page]"));
    assert!(
        compare.contains("North USD only")
            && compare.contains("North students start with a visit.")
    );

    // Recording the new fingerprint makes it fresh again.
    let print = run(binary().args([
        "--root",
        site.root.to_str().unwrap(),
        "fingerprint",
        "guide/01-start",
    ]));
    print.expect_code(0).expect_diagnostics(&[]);
    let print = print.stdout.trim().to_string();
    assert_eq!(print.len(), 8);
    let file = "content/districts/north/toolkits/guide/01-start.md";
    let text = std::fs::read_to_string(site.path(file)).unwrap();
    let old = text
        .lines()
        .find(|l| l.starts_with("adapted_from"))
        .unwrap()
        .to_string();
    site.edit(file, &old, &format!("adapted_from = \"{print}\""));
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 26 pages (80 files: 3 written, 77 unchanged, 0 removed) into <site>/public in <time>",
    ]);
}

#[test]
fn private_district_contacts_appear_in_no_output_file() {
    let site = with_north("edition-privacy");
    // A placeholder that names the private contact falls back to the toolkit's default.
    site.edit(
        "content/toolkits/guide/_index.md",
        "contacts.coordinator = { name = \"your coordinator\", phone = \"555-0100\" }",
        "contacts.coordinator = { name = \"your coordinator\", phone = \"555-0100\" }\ncontacts.principal = { name = \"your principal\", email = \"principal@example.org\" }",
    )
    .edit("content/toolkits/guide/04-last.md", "~~Old text~~", "Ask {{ district.contacts.principal.name }} ({{ district.contacts.principal.email }}). ~~Old text~~")
    .edit(NORTH, "guide = [\"04-last\"]", "guide = []");
    site.build().expect_code(0);
    assert!(site
        .read_output("districts/north/guide/last/index.html")
        .contains("Ask your principal (principal@example.org)."));
    for (path, bytes) in snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Hiddenperson") && !text.contains("zelda.hidden"),
            "private contact in {path}"
        );
    }
    let district = site.read_output("districts/north/index.html");
    assert!(district.contains("Nora North"), "public contacts are shown");
}

#[test]
fn hostile_district_values_render_as_text() {
    let site = with_north("edition-hostile");
    site.edit(
        NORTH,
        "name = \"North Unified School District\"",
        "name = \"<script>alert(1)</script> \\\" onmouseover=\\\"x\"",
    )
    .edit(
        NORTH,
        "short_name = \"North USD\"",
        "short_name = \"[x](javascript:alert(2)) <img src=x onerror=alert(3)>\"",
    );
    site.build().expect_code(0);
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
    // Pages hold the values only as text; the search data holds them as data, shown
    // with textContent (the browser tests check that).
    for (path, bytes) in snapshot(&site.path("public"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let text = String::from_utf8_lossy(&bytes);
        for live in ["<script>alert", "<img src=x", "href=\"javascript"] {
            assert!(!text.contains(live), "{live} in {path}");
        }
    }
    let local = site.read_output("districts/north/guide/section/local/index.html");
    assert!(
        local.contains("Only in [x](javascript:alert(2)) &lt;img src=x onerror=alert(3)&gt;."),
        "{local}"
    );
}

#[test]
fn district_pages_show_contacts_calendar_forms_and_editions() {
    let site = with_north("district-pages");
    site.build().expect_code(0);
    let index = site.read_output("districts/index.html");
    assert!(index.contains(r#"<a href="/districts/north/">North Unified School District</a>"#));
    let page = site.read_output("districts/north/index.html");
    for needle in [
        "Nora North",
        "555-0111",
        "Parent consent",
        "English, Spanish",
        "Applications for internships",
        r#"<time datetime="2027-02-01">February 1, 2027</time>"#,
        "Families arrange transport.",
        r#"href="/districts/north/guide/""#,
    ] {
        assert!(page.contains(needle), "district page lacks {needle}");
    }
}

#[test]
fn the_adaptation_guide_lists_placeholders_and_adaptations() {
    let site = with_north("adapt-guide");
    site.build().expect_code(0);
    let guide = site.read_output("toolkits/guide/adapt/index.html");
    assert!(guide.contains("<code>district.name</code>"));
    assert!(guide.contains("<code>district.contacts.coordinator.name</code>"));
    assert!(
        guide.contains(">North&#39;s local rules</a>"),
        "additions are listed"
    );
    assert!(guide.contains(">Last chapter</a>"), "omissions are listed");
    assert!(guide.contains("state-filled") && guide.contains("up to date"));
    assert!(site
        .read_output("toolkits/guide/index.html")
        .contains(r#"href="/toolkits/guide/adapt/""#));
}

#[test]
fn adapt_refuses_to_overwrite_and_needs_a_district() {
    let site = with_north("adapt-refuses");
    adapt(&site, "north", "guide/01-start")
        .expect_code(2)
        .expect_diagnostics(&[
            "error: <site>/content/districts/north/toolkits/guide/01-start.md: the district already has this page; edit it, or delete it to start again",
        ]);
    adapt(&site, "south", "guide/01-start")
        .expect_code(2)
        .expect_diagnostics(&[
            "error: south: district `south` not found; it needs content/districts/south/district.toml, without errors",
            "  help: did you mean `north`?",
        ]);
    adapt(&site, "north", "guide/99-none")
        .expect_code(2)
        .expect_diagnostics(&[
            "error: guide/99-none: no such page in the toolkit",
            "  help: name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before",
        ]);
}

/// Builds [`with_north`] after `change`, expecting failure with exactly `expected` on stderr.
fn fails_with(test: &str, change: impl FnOnce(&TestSite), expected: &[&str]) {
    let site = with_north(test);
    change(&site);
    site.build().expect_code(1).expect_diagnostics(expected);
}

#[test]
fn unknown_district_keys_are_errors() {
    fails_with(
        "district-unknown-key",
        |s| {
            s.edit(NORTH, "county = \"Alder\"", "county = \"Alder\"\nsuperintendant = \"Dr. Reyes\"");
        },
        &[
            "content/districts/north/district.toml:4:1: error: district `north`: unknown key `superintendant`",
            "  help: valid keys: name, short_name, county, region, contacts, calendar, policies, forms, values, omit",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn an_omission_must_name_a_page() {
    fails_with(
        "district-bad-omit",
        |s| {
            s.edit(NORTH, "guide = [\"04-last\"]", "guide = [\"04-lats\"]");
        },
        &[
            "content/districts/north/district.toml:29:10: error: district `north`: `omit` names no page of `guide`: `04-lats`",
            "  help: did you mean `04-last`? paths are relative to the toolkit folder, without .md",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn an_override_must_match_a_regional_page() {
    fails_with(
        "district-orphan-override",
        |s| {
            s.write("content/districts/north/toolkits/guide/05-extra.md", "+++\ntitle = \"Extra\"\nadapted_from = \"12345678\"\n+++\n");
        },
        &[
            "content/districts/north/toolkits/guide/05-extra.md:3:1: error: district `north`: this override matches no regional page of `guide`",
            "  help: an override sits at the same path as the regional page; a new page has no `adapted_from`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn a_placeholder_with_no_value_names_the_district_and_both_places() {
    fails_with(
        "district-placeholder",
        |s| {
            s.edit("content/districts/north/toolkits/guide/02-section/local.md", "Only in", "Call {{ district.contacts.nurse.name }}. Only in");
        },
        &[
            "content/districts/north/toolkits/guide/02-section/local.md:5:6: error: `district.contacts.nurse.name` has no value for district `north`",
            "  help: set `contacts.nurse.name` in content/districts/north/district.toml, or add a default under [toolkit.district_defaults] in content/toolkits/guide/_index.md",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn adaptations_of_unknown_toolkits_are_errors() {
    fails_with(
        "district-unknown-toolkit",
        |s| {
            s.write("content/districts/north/toolkits/giude/01-start.md", "+++\ntitle = \"Typo\"\n+++\n");
        },
        &[
            "content/districts/north/toolkits/giude: error: district `north` adapts a toolkit that does not exist",
            "  help: did you mean `guide`?",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn a_district_folder_needs_district_toml() {
    fails_with(
        "district-no-toml",
        |s| {
            s.write(
                "content/districts/south/toolkits/guide/01-start.md",
                "+++\ntitle = \"South\"\n+++\n",
            );
        },
        &[
            "content/districts/south/district.toml: error: district `south` has no district.toml",
            "  help: add district.toml with at least name = \"...\"",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn form_addresses_must_be_web_addresses() {
    fails_with(
        "district-form-url",
        |s| {
            s.edit(NORTH, "url = \"https://example.org/north/consent.pdf\"", "url = \"javascript:alert(1)\"");
        },
        &[
            "content/districts/north/district.toml:25:7: error: district `north`: form `consent` has the address `javascript:alert(1)`",
            "  help: a form's url must start with https://, http:// or / (a file on this site)",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn omissions_name_existing_toolkits() {
    fails_with(
        "district-omit-toolkit",
        |s| {
            s.edit(NORTH, "guide = [\"04-last\"]", "guide = [\"04-last\"]\nguidebook = [\"01-start\"]");
        },
        &[
            "content/districts/north/district.toml:30:1: error: district `north`: `omit` names a toolkit that does not exist: `guidebook`",
            "  help: toolkits: guide",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn an_empty_district_file_names_the_missing_name() {
    fails_with(
        "district-empty-toml",
        |s| {
            s.write(NORTH, "");
        },
        &[
            "content/districts/north/district.toml:1:1: error: district `north`: missing required key `name`",
            "  help: add a line `name = ...`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}
