//! One invalid fixture per defect, each with its exact diagnostic: `path:line:col`, the
//! message, and the help line.

use crate::support::{texts, Outcome, TestSite};

const START: &str = "content/toolkits/guide/01-start.md";

/// Builds the basic fixture after `change`, expecting failure with exactly `expected` on
/// stderr (see [`Outcome::expect_diagnostics`]): the diagnostics and the summary, nothing else.
fn fails_with(test: &str, change: impl FnOnce(&TestSite), expected: &[&str]) -> Outcome {
    let site = TestSite::basic(test);
    change(&site);
    let outcome = site.build();
    outcome.expect_code(1).expect_diagnostics(expected);
    outcome
}

#[test]
fn unknown_front_matter_key_names_the_valid_ones() {
    fails_with(
        "unknown-key",
        |s| {
            s.edit(START, "summary = ", "sumary = ");
        },
        &[
            "content/toolkits/guide/01-start.md:3:1: error: unknown key `sumary`",
            "  help: did you mean `summary`? valid keys: title, weight, audience, summary, draft, updated, adapted_from, translated_from, toolkit, menu",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn wrong_type_in_front_matter() {
    fails_with(
        "wrong-type",
        |s| {
            s.edit(START, "updated = 2026-10-01", "weight = \"ten\"");
        },
        &[
            "content/toolkits/guide/01-start.md:4:10: error: expected a whole number, found the text \"ten\"",
            "  help: write a whole number without quotes, e.g. `10`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn unknown_audience_lists_the_audiences() {
    fails_with(
        "unknown-audience",
        |s| {
            s.edit(
                START,
                "updated = 2026-10-01",
                "audience = [\"employers\", \"parents\"]",
            );
        },
        &[
            "content/toolkits/guide/01-start.md:4:26: error: unknown value `parents`",
            "  help: valid values: employers, educators, students, families, intermediaries",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn missing_title() {
    fails_with(
        "missing-title",
        |s| {
            s.edit(START, "title = \"Getting started\"\n", "");
        },
        &[
            "content/toolkits/guide/01-start.md:2:1: error: missing required key `title`",
            "  help: add a line `title = ...`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn toml_syntax_error_is_located_in_the_file() {
    fails_with(
        "toml-syntax",
        |s| {
            s.edit(
                START,
                "summary = \"The first chapter\"",
                "summary = \"The first chapter",
            );
        },
        &[
            "content/toolkits/guide/01-start.md:3:29: error: invalid basic string, expected `\"`",
            "  help: end the text with the same quote mark on the same line; text over several lines goes between `\"\"\"` and `\"\"\"`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn page_without_front_matter_takes_its_title_from_its_heading() {
    let site = TestSite::basic("no-front-matter");
    let text = std::fs::read_to_string(site.path(START)).unwrap();
    let (_, body) = text.rsplit_once("+++\n").unwrap();
    site.write(START, format!("\n# First of all\n{body}"));
    site.build().expect_code(0);
    let page = site.read_output("toolkits/guide/start/index.html");
    assert_eq!(texts(&page, "main h1"), ["First of all"]);
    assert_eq!(
        texts(&page, "main .prose h2"),
        [
            "First steps Link to this section#",
            "First steps Link to this section#"
        ]
    );
}

#[test]
fn unclosed_front_matter() {
    fails_with(
        "unclosed-front-matter",
        |s| {
            s.write(START, "+++\ntitle = \"Getting started\"\n\nText.\n");
        },
        &[
            "content/toolkits/guide/01-start.md:1:1: error: the front matter is not closed",
            "  help: add a line `+++` after the last front-matter key",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn empty_page() {
    fails_with(
        "empty-page",
        |s| {
            s.write(START, "");
        },
        &[
            "content/toolkits/guide/01-start.md:1:1: error: the page is empty",
            "  help: write the page's text, starting with a `# ` heading for its title (or with front matter between `+++` lines)",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn broken_link_suggests_the_closest_page() {
    fails_with(
        "broken-link",
        |s| {
            s.edit(START, "Read [the detail page](02-section/detail.md#the-detail)", "Read [the detail page](02-section/detial.md)");
        },
        &[
            "content/toolkits/guide/01-start.md:8:6: error: link `02-section/detial.md` points to no page or file of the site",
            "  help: did you mean `02-section/detail.md`?",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn broken_link_far_from_every_page_gets_no_guess() {
    fails_with(
        "broken-link-far",
        |s| {
            s.edit(START, "Read [the detail page](02-section/detail.md#the-detail)", "Read [the detail page](nope.md)");
        },
        &[
            "content/toolkits/guide/01-start.md:8:6: error: link `nope.md` points to no page or file of the site",
            "  help: write the path of the page's file relative to this page, e.g. `01-start.md` for a page beside it",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn broken_fragment_names_the_headings() {
    fails_with(
        "broken-fragment",
        |s| {
            s.edit(START, "detail.md#the-detail", "detail.md#the-details");
        },
        &[
            "content/toolkits/guide/01-start.md:8:6: error: `02-section/detail.md` has no heading with the id `#the-details`",
            "  help: did you mean `#the-detail`?",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn broken_same_page_fragment() {
    fails_with(
        "broken-own-fragment",
        |s| {
            s.edit(START, "A second heading", "See [above](#frist-steps). A second heading");
        },
        &[
            "content/toolkits/guide/01-start.md:14:5: error: no heading on this page has the id `#frist-steps`",
            "  help: did you mean `#first-steps`?",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn link_to_a_folder() {
    fails_with(
        "link-to-folder",
        |s| {
            s.edit(START, "02-section/detail.md#the-detail", "02-section/");
        },
        &[
            "content/toolkits/guide/01-start.md:8:6: error: link `02-section/` points to a folder",
            "  help: link to the page's file, e.g. `02-section/_index.md`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn missing_image() {
    fails_with(
        "missing-image",
        |s| {
            s.edit(START, "(diagram.svg)", "(diagrams.svg)");
        },
        &[
            "content/toolkits/guide/01-start.md:10:1: error: link `diagrams.svg` points to no page or file of the site",
            "  help: did you mean `diagram.svg`?",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn remote_image() {
    fails_with(
        "remote-image",
        |s| {
            s.edit(START, "(diagram.svg)", "(https://cdn.example.com/diagram.svg)");
        },
        &[
            "content/toolkits/guide/01-start.md:10:1: error: remote image `https://cdn.example.com/diagram.svg`: pages may not load anything from another host",
            "  help: save the image beside the page and link to it by its file name",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn script_link() {
    fails_with(
        "script-link",
        |s| {
            s.edit(START, "A second heading", "[click](JaVaScRiPt:alert(1)) A second heading");
        },
        &[
            "content/toolkits/guide/01-start.md:14:1: error: link scheme `javascript:` is not allowed",
            "  help: links may use http, https, mailto and tel, or point to a file of the site",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn placeholder_without_a_value_names_where_to_add_it() {
    fails_with(
        "placeholder",
        |s| {
            s.edit(START, "A second heading", "Call {{ district.contacts.coordinator.email }}. A second heading");
        },
        &[
            "content/toolkits/guide/01-start.md:14:6: error: `district.contacts.coordinator.email` has no value in the base edition",
            "  help: add `contacts.coordinator.email = \"...\"` under [toolkit.district_defaults] in content/toolkits/guide/_index.md (the base edition), or set it in each district's district.toml",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn placeholder_near_miss() {
    fails_with(
        "placeholder-typo",
        |s| {
            s.edit(START, "A second heading", "{{ district.nmae }} A second heading");
        },
        &[
            "content/toolkits/guide/01-start.md:14:1: error: `district.nmae` has no value in the base edition",
            "  help: did you mean `name`? or add `nmae = \"...\"` under [toolkit.district_defaults] in content/toolkits/guide/_index.md (the base edition), or set it in each district's district.toml",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn placeholder_naming_a_table() {
    fails_with(
        "placeholder-table",
        |s| {
            s.edit(START, "A second heading", "{{ district.contacts.coordinator }} A second heading");
        },
        &[
            "content/toolkits/guide/01-start.md:14:1: error: `district.contacts.coordinator` is a table, not a value",
            "  help: name one of its keys: district.contacts.coordinator.name, district.contacts.coordinator.phone",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn placeholders_outside_toolkits() {
    fails_with(
        "placeholder-page",
        |s| {
            s.edit("content/pages/about.md", "See ", "{{ district.name }} ");
        },
        &[
            "content/pages/about.md:5:1: error: `{{ district.name }}` can only be used in toolkit pages",
            "  help: write the text itself here",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn undefined_footnote() {
    fails_with(
        "footnote",
        |s| {
            s.edit(START, "same text.[^1]", "same text.[^2]");
        },
        &[
            "content/toolkits/guide/01-start.md:14:1: error: footnote `[^2]` has no definition",
            "  help: add a line `[^2]: ...` below the paragraph",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    fails_with(
        "invalid-utf8",
        |s| {
            s.write(START, b"+++\ntitle = \"Caf\xe9\"\n+++\n".as_slice());
        },
        &[
            "content/toolkits/guide/01-start.md:2:13: error: the file is not valid UTF-8",
            "  help: save the file with UTF-8 encoding",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn site_toml_unknown_key_and_bad_url() {
    fails_with(
        "site-toml-key",
        |s| {
            s.edit("content/site.toml", "language = ", "langauge = ");
        },
        &[
            "content/site.toml:4:1: error: unknown key `langauge`",
            "  help: did you mean `language`? valid keys: title, base_url, description, language, theme, minimum_wage, today, csv_byte_order_mark, languages, ceds",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
    fails_with(
        "site-toml-url",
        |s| {
            s.edit("content/site.toml", "https://fixture.example.org", "fixture.example.org");
        },
        &[
            "content/site.toml:2:13: error: `base_url` must be an absolute http or https URL, not `fixture.example.org`",
            "  help: write it as http(s)://host[:port][/path], e.g. base_url = \"https://wbl.example.org\" or \"https://example.org/wbl\"",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn missing_site_toml() {
    fails_with(
        "no-site-toml",
        |s| {
            s.remove("content/site.toml");
        },
        &[
            "content/site.toml: error: site settings not found",
            "  help: run `trellis init DIR` for a starting site, or pass --root to the folder that holds content/",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn folder_without_index_gets_a_generated_section() {
    let site = TestSite::basic("no-section-index");
    site.remove("content/toolkits/guide/02-section/_index.md");
    site.edit(
        "content/toolkits/guide/_index.md",
        "[the section](02-section/_index.md#what-it-covers)",
        "the section",
    );
    site.build().expect_code(0);
    let section = site.read_output("toolkits/guide/section/index.html");
    assert_eq!(texts(&section, "main h1"), ["Section"]);
    assert!(section.contains("href=\"/toolkits/guide/section/detail/\""));
}

#[test]
fn toolkit_without_landing_page() {
    fails_with(
        "no-landing",
        |s| {
            s.remove("content/toolkits/guide/_index.md");
        },
        &[
            "content/toolkits/guide/_index.md: error: the toolkit has no landing page",
            "  help: add _index.md with the toolkit's title and a [toolkit] table (a README.md at its top serves too)",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn two_pages_with_one_url() {
    fails_with(
        "duplicate-url",
        |s| {
            s.write("content/toolkits/guide/09-start.md", "+++\ntitle = \"Again\"\n+++\n");
        },
        &[
            "content/toolkits/guide/09-start.md:1:1: error: this page and another have the same URL `/toolkits/guide/start/`",
            "  help: the other is content/toolkits/guide/01-start.md:1:1; rename one of them (names that differ only in a numeric prefix, case, accents, spaces, `_` or punctuation make one URL)",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn reserved_page_name() {
    fails_with(
        "reserved-name",
        |s| {
            s.write("content/toolkits/guide/print.md", "+++\ntitle = \"Print\"\n+++\n");
        },
        &[
            "content/toolkits/guide/print.md: error: the name `print` is reserved for the toolkit's own pages",
            "  help: rename it; reserved names: print, for, adapt, compare",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn file_name_that_makes_no_url() {
    fails_with(
        "bad-file-name",
        |s| {
            s.write(
                "content/toolkits/guide/¿¡!.md",
                "+++\ntitle = \"Notes\"\n+++\n",
            );
        },
        &[
            "content/toolkits/guide/¿¡!.md: error: `¿¡!.md` makes no URL: no letter or digit is left once its numeric prefix and other characters are dropped",
            "  help: give the file a name with a letter or digit, e.g. `03-insurance.md`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn toolkit_table_outside_the_landing_page() {
    fails_with(
        "misplaced-toolkit-table",
        |s| {
            s.edit(START, "updated = 2026-10-01\n", "updated = 2026-10-01\n[toolkit]\naudience = [\"employers\"]\n");
        },
        &[
            "content/toolkits/guide/01-start.md:5:1: error: a `[toolkit]` table belongs only in the toolkit's own _index.md",
            "  help: move it to content/toolkits/guide/_index.md",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn reserved_standalone_page() {
    fails_with(
        "reserved-page",
        |s| {
            s.write("content/pages/toolkits.md", "+++\ntitle = \"Toolkits\"\n+++\n");
        },
        &[
            "content/pages/toolkits.md: error: the page name `toolkits` is reserved for the site's own pages",
            "  help: rename the file; reserved names: toolkits, opportunities, employers, pathways, districts, search, static, 404, sitemap, index",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn symlink_out_of_the_site_is_not_followed() {
    fails_with(
        "symlink-out",
        |s| {
            let outside = s.path("../symlink-out-secret.md");
            std::fs::write(&outside, "+++\ntitle = \"Secret\"\n+++\nsecret\n").unwrap();
            std::os::unix::fs::symlink(&outside, s.path("content/toolkits/guide/05-secret.md")).unwrap();
        },
        &[
            "content/toolkits/guide/05-secret.md: error: symbolic link points outside the site; it was not followed",
            "  help: copy the file into the site instead of linking to it",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

/// The basic fixture with the catalog fixture's catalog and district, and one mistake of
/// each kind: site settings, front matter, link, fragment, placeholder, catalog field,
/// district and catalog Markdown. A link to the page whose front matter is wrong is no
/// mistake of its own.
fn one_mistake_of_each_kind(test: &str) -> TestSite {
    let site = TestSite::basic(test);
    for rel in [
        "content/catalog/employers/employers.toml",
        "content/catalog/opportunities/health.toml",
        "content/catalog/opportunities/it.toml",
        "content/catalog/pathways/pathways.toml",
        "content/districts/downey/district.toml",
    ] {
        let text = std::fs::read_to_string(crate::support::fixture("catalog").join(rel)).unwrap();
        site.write(rel, text);
    }
    site.edit(
        "content/site.toml",
        "https://fixture.example.org",
        "fixture.example.org",
    )
    .edit("content/toolkits/guide/04-last.md", "title = ", "titel = ")
    .edit(
        "content/toolkits/guide/_index.md",
        "Welcome.",
        "Welcome; the [last chapter](04-last.md) ends it.",
    )
    .edit(
        "content/toolkits/guide/02-section/detail.md",
        "(../01-start.md#first-steps-1)",
        "(../01-strat.md)",
    )
    .edit(START, "detail.md#the-detail", "detail.md#the-details")
    .edit(
        "content/toolkits/guide/_index.md",
        "coordinator.phone }}",
        "coordinator.phon }}",
    )
    .edit(
        "content/catalog/opportunities/it.toml",
        "kind = \"industry-project\"",
        "kind = \"industry-projet\"",
    )
    .edit(
        "content/districts/downey/district.toml",
        "short_name = ",
        "shortname = ",
    )
    .edit(
        "content/catalog/employers/employers.toml",
        "description = \"Computer repair.\"",
        "description = \"Computer repair.[^1]\"",
    );
    site
}

/// Every diagnostic of [`one_mistake_of_each_kind`], in order: one for each mistake, and
/// nothing else.
const EVERY_MISTAKE: &str = "\
content/catalog/employers/employers.toml:19:16: error: footnote `[^1]` has no definition
  help: add a line `[^1]: ...` below the paragraph
content/catalog/opportunities/it.toml:21:8: error: opportunity `repair-project`: unknown value `industry-projet`
  help: did you mean `industry-project`? valid values: career-talk, career-fair, worksite-tour, informational-interview, job-shadow, mentoring, service-learning, micro-internship, industry-project, simulated-workplace, school-enterprise, pre-apprenticeship, internship, cooperative-education, clinical-experience, youth-apprenticeship, apprenticeship, paid-work-experience
content/districts/downey/district.toml:2:1: error: district `downey`: unknown key `shortname`
  help: did you mean `short_name`? valid keys: name, short_name, county, region, contacts, calendar, policies, forms, values, omit
content/site.toml:2:13: error: `base_url` must be an absolute http or https URL, not `fixture.example.org`
  help: write it as http(s)://host[:port][/path], e.g. base_url = \"https://wbl.example.org\" or \"https://example.org/wbl\"
content/toolkits/guide/01-start.md:8:6: error: `02-section/detail.md` has no heading with the id `#the-details`
  help: did you mean `#the-detail`?
content/toolkits/guide/02-section/detail.md:7:9: error: link `../01-strat.md` points to no page or file of the site
  help: did you mean `../01-start.md`?
content/toolkits/guide/04-last.md:2:1: error: unknown key `titel`
  help: did you mean `title`? valid keys: title, weight, audience, summary, draft, updated, adapted_from, translated_from, toolkit, menu
content/toolkits/guide/_index.md:15:50: error: `district.contacts.coordinator.phon` has no value in the base edition
  help: did you mean `phone`? or add `contacts.coordinator.phon = \"...\"` under [toolkit.district_defaults] in content/toolkits/guide/_index.md (the base edition), or set it in each district's district.toml
";

#[test]
fn every_problem_of_a_build_is_reported_together() {
    let site = one_mistake_of_each_kind("many-problems");
    site.build().expect_code(1).expect_diagnostics(&[
        EVERY_MISTAKE,
        "Build failed: 8 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn check_reports_the_same_complete_list_as_json() {
    let site = one_mistake_of_each_kind("many-problems-json");
    let outcome = site.run(&["check", "--format", "json"]);
    outcome.expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(report["errors"], 8);
    assert_eq!(report["warnings"], 0);
    // Each entry in the text form, so the list compares whole with the build's.
    let listed: String = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let help = d["help"].as_str().map(|h| format!("  help: {h}\n"));
            format!(
                "{}:{}:{}: {}: {}\n{}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                help.unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(listed, EVERY_MISTAKE);
}

#[test]
fn a_site_toml_that_does_not_parse_still_has_the_content_checked() {
    let site = TestSite::basic("site-toml-and-content");
    site.edit("content/site.toml", "language = ", "langauge = ")
        .edit(START, "detail.md#the-detail", "detail.md#the-details");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/site.toml:4:1: error: unknown key `langauge`",
        "  help: did you mean `language`? valid keys: title, base_url, description, language, theme, minimum_wage, today, csv_byte_order_mark, languages, ceds",
        "content/toolkits/guide/01-start.md:8:6: error: `02-section/detail.md` has no heading with the id `#the-details`",
        "  help: did you mean `#the-detail`?",
        "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_section_whose_index_failed_is_reported_once() {
    // Its pages and the links into it depend on the section's _index.md: no follow-on.
    fails_with(
        "section-index-failed",
        |s| {
            s.edit("content/toolkits/guide/02-section/_index.md", "title = ", "titel = ");
        },
        &[
            "content/toolkits/guide/02-section/_index.md:2:1: error: unknown key `titel`",
            "  help: did you mean `title`? valid keys: title, weight, audience, summary, draft, updated, adapted_from, translated_from, toolkit, menu",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn a_toolkit_whose_landing_page_failed_is_reported_once() {
    fails_with(
        "landing-failed",
        |s| {
            s.edit("content/toolkits/guide/_index.md", "title = ", "titel = ");
            // about.md links to the landing page; this link goes to a page inside.
            s.edit("content/pages/about.md", "_index.md)", "_index.md), [its start](../toolkits/guide/01-start.md)");
        },
        &[
            "content/toolkits/guide/_index.md:2:1: error: unknown key `titel`",
            "  help: did you mean `title`? valid keys: title, weight, audience, summary, draft, updated, adapted_from, translated_from, toolkit, menu",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn an_unreadable_asset_is_reported_with_the_rest_and_its_image_is_not_missing() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::basic("unreadable-asset");
    site.edit(START, "detail.md#the-detail", "detail.md#the-details");
    let diagram = site.path("content/toolkits/guide/diagram.svg");
    std::fs::set_permissions(&diagram, std::fs::Permissions::from_mode(0o000)).unwrap();
    site.run_unprivileged(&["build"])
        .expect_code(1)
        .expect_diagnostics(&[
            "content/toolkits/guide/01-start.md:8:6: error: `02-section/detail.md` has no heading with the id `#the-details`",
            "  help: did you mean `#the-detail`?",
            "content/toolkits/guide/diagram.svg: error: permission denied: Trellis may not read this file",
            "  help: make it readable (e.g. `chmod a+r`), or move it out of content/",
            "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
        ]);
}

#[test]
fn a_missing_theme_still_has_the_content_checked() {
    fails_with(
        "missing-theme-and-content",
        |s| {
            s.edit("content/site.toml", "language = \"en\"", "language = \"en\"\ntheme = \"county\"");
            s.edit(START, "detail.md#the-detail", "detail.md#the-details");
        },
        &[
            "content/site.toml: error: theme `county` not found",
            "  help: create themes/county/ with templates/ and static/, or set theme = \"default\"",
            "content/toolkits/guide/01-start.md:8:6: error: `02-section/detail.md` has no heading with the id `#the-details`",
            "  help: did you mean `#the-detail`?",
            "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn a_link_error_is_reported_alongside_other_link_errors() {
    fails_with(
        "many-link-problems",
        |s| {
            s.edit(START, "02-section/detail.md#the-detail", "02-section/nope.md");
            s.edit("content/toolkits/guide/02-section/detail.md", "(../01-start.md#first-steps-1)", "(../01-start.md#nope)");
        },
        &[
            "content/toolkits/guide/01-start.md:8:6: error: link `02-section/nope.md` points to no page or file of the site",
            "  help: did you mean `02-section/_index.md`?",
            "content/toolkits/guide/02-section/detail.md:7:9: error: `../01-start.md` has no heading with the id `#nope`",
            "  help: headings there: #first-steps, #first-steps-1",
            "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn crlf_files_report_the_same_positions() {
    fails_with(
        "crlf-positions",
        |s| {
            let text = std::fs::read_to_string(s.path(START))
                .unwrap()
                .replace('\n', "\r\n")
                .replace("summary = ", "sumary = ");
            s.write(START, text);
        },
        &[
            "content/toolkits/guide/01-start.md:3:1: error: unknown key `sumary`",
            "  help: did you mean `summary`? valid keys: title, weight, audience, summary, draft, updated, adapted_from, translated_from, toolkit, menu",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn symlink_loop_is_reported_not_followed() {
    fails_with(
        "symlink-loop",
        |s| {
            let guide = s.path("content/toolkits/guide");
            std::os::unix::fs::symlink("loop-b.md", guide.join("06-loop-a.md")).unwrap();
            std::os::unix::fs::symlink("06-loop-a.md", guide.join("loop-b.md")).unwrap();
        },
        &[
            "content/toolkits/guide/06-loop-a.md: error: symbolic link loop; it was not followed",
            "  help: remove the link, or point it at a real file",
            "content/toolkits/guide/loop-b.md: error: symbolic link loop; it was not followed",
            "  help: remove the link, or point it at a real file",
            "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn symlink_to_a_missing_file() {
    fails_with(
        "symlink-dangling",
        |s| {
            std::os::unix::fs::symlink(
                "nothing-here.md",
                s.path("content/toolkits/guide/07-dangling.md"),
            )
            .unwrap();
        },
        &[
            "content/toolkits/guide/07-dangling.md: error: symbolic link to a file that does not exist",
            "  help: remove the link, or restore the file it points to",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn non_utf8_file_name_is_skipped_and_reported() {
    use std::os::unix::ffi::OsStrExt;
    fails_with(
        "non-utf8-name",
        |s| {
            let name = std::ffi::OsStr::from_bytes(b"08-caf\xe9.md");
            std::fs::write(
                s.path("content/toolkits/guide").join(name),
                "+++\ntitle = \"x\"\n+++\n",
            )
            .unwrap();
        },
        &[
            "content/toolkits/guide/08-caf\u{fffd}.md: error: the file name is not valid UTF-8; it was skipped",
            "  help: rename the file using letters, digits and hyphens",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn a_10_mb_file_is_refused_with_the_limit() {
    fails_with(
        "ten-mb",
        |s| {
            let mut text = String::from("+++\ntitle = \"Big\"\n+++\n");
            text.push_str(&"word ".repeat(2 * 1024 * 1024));
            s.write("content/toolkits/guide/10-big.md", text);
        },
        &[
            "content/toolkits/guide/10-big.md: error: the file is 10.0 MB; a content file may be at most 4 MB",
            "  help: split it into several pages, or move large data out of the content folder",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn deeply_nested_markdown_builds_without_overflowing() {
    let site = TestSite::basic("deep-markdown");
    let mut text = String::from("+++\ntitle = \"Deep\"\n+++\n");
    text.push_str(&">".repeat(50_000));
    text.push_str(" quoted\n\n");
    text.push_str(&"- ".repeat(5_000));
    text.push_str("listed\n\n");
    text.push_str(&"[".repeat(20_000));
    text.push('x');
    text.push_str(&"]".repeat(20_000));
    text.push_str("\n\n");
    text.push_str(&"*".repeat(20_000));
    text.push_str("emphasis\n");
    site.write("content/toolkits/guide/11-deep.md", text);
    // Unbalanced runs: brackets never closed, and more emphasis markers.
    let mut text = String::from("+++\ntitle = \"Unbalanced\"\n+++\n");
    text.push_str(&">".repeat(20_000));
    text.push_str(" deep\n\n");
    text.push_str(&"- ".repeat(10_000));
    text.push_str("x\n\n");
    text.push_str(&"[".repeat(20_000));
    text.push_str("\n\n");
    text.push_str(&"*".repeat(50_000));
    text.push_str("a\n");
    site.write("content/toolkits/guide/12-unbalanced.md", text);
    site.build().expect_code(0);
    assert!(site
        .read_output("toolkits/guide/deep/index.html")
        .contains("quoted"));
    assert!(site
        .read_output("toolkits/guide/unbalanced/index.html")
        .contains("deep"));
}

#[test]
fn special_files_are_skipped_with_a_warning_and_never_read() {
    // Reading a named pipe would wait for a writer forever; a socket cannot be read at all.
    let site = TestSite::basic("special-files");
    let status = std::process::Command::new("mkfifo")
        .arg(site.path("content/toolkits/guide/05-pipe.md"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let _socket =
        std::os::unix::net::UnixListener::bind(site.path("content/pages/socket.md")).unwrap();
    site.build()
        .expect_code(0)
        .expect_diagnostics(&[
            "content/pages/socket.md: warning: a socket is not a regular file; it was skipped",
            "  help: content files must be ordinary files; remove it or move it out of the content folder",
            "content/toolkits/guide/05-pipe.md: warning: a named pipe is not a regular file; it was skipped",
            "  help: content files must be ordinary files; remove it or move it out of the content folder",
            "Built 14 pages (57 files: 57 written, 0 unchanged, 0 removed) into <site>/public in <time>",
        ]);
}

#[test]
fn empty_site_settings_name_the_first_missing_key() {
    fails_with(
        "empty-site-toml",
        |s| {
            s.write("content/site.toml", "");
        },
        &[
            "content/site.toml:1:1: error: missing required key `title`",
            "  help: add a line `title = ...`",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ],
    );
}

#[test]
fn toml_mistakes_are_explained_in_plain_words() {
    let mistakes = [
        ("weight = 1.5", "3:10: error: expected a whole number, found the number 1.5\n  help: write a whole number without quotes, e.g. `10`"),
        ("audience = \"employers\"", "3:12: error: expected a list, found the text \"employers\"\n  help: write a list in square brackets, e.g. `[\"employers\", \"families\"]` or `[9, 10]`"),
        ("draft = \"yes\"", "3:9: error: expected true or false, found the text \"yes\"\n  help: write `true` or `false`, without quotes"),
        ("updated = \"2026-01-01\"", "3:11: error: expected a date, found the text \"2026-01-01\"\n  help: write the date without quotes, e.g. `2027-03-01`"),
        ("title = \"Again\"", "3:1: error: duplicate key `title`\n  help: `title` is first set on line 2; each key may be set once in a table, so keep one of the two"),
        ("audience = [\"employers\"", "3:24: error: unclosed array, expected `]`\n  help: close the list with `]`, e.g. `[\"employers\", \"families\"]`"),
        ("summary \"Short\"", "3:9: error: key with no value, expected `=`\n  help: write `key = value`, e.g. `title = \"Getting started\"`"),
        ("weight = 99999999999999999999", "3:10: error: the number 99999999999999999999 is out of range\n  help: write a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807"),
    ];
    let path = |n: usize| format!("content/toolkits/guide/6{n}-mistake.md");
    let mut expected: Vec<String> = mistakes
        .iter()
        .enumerate()
        .map(|(n, (_, message))| format!("{}:{message}", path(n)))
        .collect();
    expected.push("Build failed: 8 errors, 0 warnings; <site>/public was not changed".into());
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    fails_with(
        "toml-plain-words",
        |s| {
            for (n, (line, _)) in mistakes.iter().enumerate() {
                s.write(
                    &path(n),
                    format!("+++\ntitle = \"Mistake {n}\"\n{line}\n+++\nText.\n"),
                );
            }
        },
        &expected,
    );
}
