//! Hardening: clean bytes in, clean bytes out. Control characters, invisible characters,
//! blank required text, `base_url` and `SOURCE_DATE_EPOCH`.

use crate::support::*;

const PAGE: &str = "content/toolkits/guide/01-start.md";
const OPPORTUNITIES: &str = "content/catalog/opportunities/it.toml";

/// No byte of stderr may be a control character other than a line break: an escape code
/// from content would reach the terminal.
fn assert_no_control_characters(out: &Outcome) {
    assert!(
        !out.stderr.chars().any(|c| c.is_control() && c != '\n'),
        "stderr has a raw control character:\n{:?}",
        out.stderr
    );
}

#[test]
fn a_title_with_an_escape_character_is_an_error_at_its_position_and_printed_escaped() {
    let site = TestSite::basic("text-esc-title");
    site.edit(
        PAGE,
        "title = \"Getting started\"",
        "title = \"Get\u{1b}[2Jting\"",
    );
    let out = site.build();
    // The TOML parser's own refusal of the character is the same error, said once.
    out.expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/01-start.md:2:13: error: control character U+001B, which is not allowed",
        "  help: delete it (most editors do not show it); only tabs and line breaks may be written",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    assert_no_control_characters(&out);
    assert!(!site.path("public").exists());
}

#[test]
fn control_characters_written_as_escapes_or_references_are_errors_too() {
    let site = TestSite::new("text-escaped-controls", "catalog");
    site.edit(
        OPPORTUNITIES,
        "title = \"Help desk micro-internship\"",
        "title = \"Help\\u0000desk\\e &#x7; micro-internship\"",
    );
    site.edit(
        "content/catalog/employers/employers.toml",
        "description = \"Computer repair.\"",
        "description = \"Computer\u{fffe} repair.\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/employers.toml:19:24: error: noncharacter U+FFFE, which is not allowed",
        "  help: delete it (most editors do not show it); only tabs and line breaks may be written",
        "content/catalog/opportunities/it.toml:3:14: error: `\\u0000` writes control character U+0000, which is not allowed",
        "  help: delete it (most editors do not show it); only tabs and line breaks may be written",
        "content/catalog/opportunities/it.toml:3:24: error: `\\e` writes control character U+001B, which is not allowed",
        "  help: delete it (most editors do not show it); only tabs and line breaks may be written",
        "content/catalog/opportunities/it.toml:3:27: error: `&#x7;` writes control character U+0007, which is not allowed",
        "  help: delete it (most editors do not show it); only tabs and line breaks may be written",
        "Build failed: 4 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn hidden_characters_are_warnings_but_right_to_left_marks_in_prose_are_not() {
    let site = TestSite::basic("text-hidden");
    site.edit(
        PAGE,
        "title = \"Getting started\"",
        "title = \"Getting\u{202e} started\"",
    );
    site.edit(
        PAGE,
        "## First steps\n\nRead",
        "## First steps\n\nשלום\u{200f} Read",
    );
    let out = site.build();
    out.expect_code(0).expect_diagnostics(&[
        "content/toolkits/guide/01-start.md:2:17: warning: invisible character U+202E (right-to-left override)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "Built 14 pages (57 files: 57 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
}

#[test]
fn feed_and_sitemap_stay_well_formed_with_every_allowed_odd_character() {
    let site = TestSite::new("text-odd-but-allowed", "catalog");
    let odd =
        "\\t\u{a0}\u{200f}\u{200b}\u{202e}\u{2028}\u{fffd}&<>\\\"']]> 👩\u{200d}💻 ❤\u{fe0f} שלום";
    site.edit(
        "content/site.toml",
        "title = \"Catalog Fixture\"",
        &format!("title = \"Catalog {odd}\""),
    );
    site.edit(
        OPPORTUNITIES,
        "title = \"Help desk micro-internship\"",
        &format!("title = \"Help desk {odd}\""),
    );
    site.edit(
        OPPORTUNITIES,
        "id = \"help-desk-micro\"",
        "id = \"help-desk-micro\"\nsummary = \"Line\\nbreak\\r\\nand \u{feff}more\"",
    );
    let out = site.build();
    // Every invisible character of a title or a summary is a warning; the rest pass.
    out.expect_code(0).expect_diagnostics(&[
        "content/catalog/opportunities/it.toml:3:31: warning: invisible character U+FEFF (zero width no-break space (byte-order mark))",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/catalog/opportunities/it.toml:4:23: warning: invisible character U+200F (right-to-left mark)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/catalog/opportunities/it.toml:4:24: warning: invisible character U+200B (zero width space)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/catalog/opportunities/it.toml:4:25: warning: invisible character U+202E (right-to-left override)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/site.toml:1:21: warning: invisible character U+200F (right-to-left mark)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/site.toml:1:22: warning: invisible character U+200B (zero width space)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/site.toml:1:23: warning: invisible character U+202E (right-to-left override)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "Built 50 pages (126 files: 126 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    assert_no_control_characters(&out);
    for file in ["opportunities/feed.xml", "sitemap.xml"] {
        let xml = site.read_output(file);
        if let Err(e) = roxmltree::Document::parse(&xml) {
            panic!("public/{file} is not well-formed XML: {e}\n{xml}");
        }
    }
    let feed = site.read_output("opportunities/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title") && n.text().is_some_and(|t| t.starts_with("Help desk")))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(title.contains("👩\u{200d}💻 ❤\u{fe0f} שלום"), "{title:?}");
    assert!(title.contains("&<>\"']]>"), "{title:?}");
}

#[test]
fn blank_titles_names_and_list_items_are_errors_at_their_value() {
    let site = TestSite::new("text-blank", "catalog");
    site.edit(
        OPPORTUNITIES,
        "title = \"Help desk micro-internship\"",
        "title = \"  \u{200b}\"",
    );
    site.edit(
        OPPORTUNITIES,
        "title = \"Laptop repair project\"",
        "title = \"Laptop repair project\"\nskills = [\"soldering\", \" \"]",
    );
    site.edit(
        "content/catalog/employers/employers.toml",
        "name = \"Byte Shop\"",
        "name = \"\"",
    );
    site.edit(
        "content/districts/downey/district.toml",
        "name = \"Ana Rivera\"",
        "name = \"\u{3000}\"",
    );
    let out = site.build();
    // The zero-width space that leaves the title blank is also named, as in any other text.
    out.expect_code(1).expect_diagnostics(&[
        "content/catalog/employers/employers.toml:14:8: error: employer `byte-shop`: `name` is empty",
        "  help: `name` is required and shows on the site; write it between the quotes, e.g. `name = \"...\"`",
        "content/catalog/opportunities/it.toml:3:9: error: opportunity `help-desk-micro`: `title` is empty",
        "  help: `title` is required and shows on the site; write it between the quotes, e.g. `title = \"...\"`",
        "content/catalog/opportunities/it.toml:3:12: warning: invisible character U+200B (zero width space)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "content/catalog/opportunities/it.toml:20:10: error: opportunity `repair-project`: item 2 of `skills` is empty",
        "  help: write each item of `skills` between quotes, or remove the empty one",
        "content/districts/downey/district.toml:5:8: error: district `downey`: `name` is empty",
        "  help: `name` is required and shows on the site; write it between the quotes, e.g. `name = \"...\"`",
        "Build failed: 4 errors, 1 warning; <site>/public was not changed",
    ]);
}

#[test]
fn a_blank_site_title_is_an_error_at_its_value() {
    let site = TestSite::basic("text-blank-site-title");
    site.edit(
        "content/site.toml",
        "title = \"Fixture Network\"",
        "title = \"\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/site.toml:1:9: error: `title` is empty",
        "  help: `title` is required and shows on the site; write it between the quotes, e.g. `title = \"...\"`",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_blank_page_title_is_an_error_at_its_value() {
    let site = TestSite::basic("text-blank-page");
    site.edit(PAGE, "title = \"Getting started\"", "title = \" \\t \"");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/01-start.md:2:9: error: `title` is empty",
        "  help: `title` is required and shows on the site; write it between the quotes, e.g. `title = \"...\"`",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_base_url_with_a_line_break_cannot_inject_calendar_properties() {
    let site = TestSite::new("text-base-url-crlf", "catalog");
    site.edit(
        "content/site.toml",
        "base_url = \"https://catalog.example.org\"",
        "base_url = \"https://catalog.example.org\\r\\nX-EVIL:1\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/site.toml:2:12: error: `base_url` may not contain `\\u{d}`",
        "  help: write it as http(s)://host[:port][/path], e.g. base_url = \"https://wbl.example.org\" or \"https://example.org/wbl\"",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    assert!(!site.path("public").exists());
}

#[test]
fn base_url_refusals_point_at_the_offending_character() {
    const BASE_URL_HELP: &str = "  help: write it as http(s)://host[:port][/path], e.g. base_url = \"https://wbl.example.org\" or \"https://example.org/wbl\"";
    for (n, (url, col, message)) in [
        (
            "https://user:pw@catalog.example.org",
            28,
            "may not contain a user name or password (`user@`)",
        ),
        ("https://catalog.example.org/a b", 42, "may not contain ` `"),
        (
            "https://catalog.example.org/?q=1",
            41,
            "may not have a query (`?...`)",
        ),
        (
            "https://catalog.example.org/#top",
            41,
            "may not have a fragment (`#...`)",
        ),
        (
            "https://catalog.example.org/a/../b",
            43,
            "may not contain `..` in its path",
        ),
        (
            "ftp://catalog.example.org",
            13,
            "must be an http or https URL, not `ftp://catalog.example.org`",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let site = TestSite::new(&format!("text-base-url-{n}"), "catalog");
        site.edit(
            "content/site.toml",
            "base_url = \"https://catalog.example.org\"",
            &format!("base_url = \"{url}\""),
        );
        site.build().expect_code(1).expect_diagnostics(&[
            &format!("content/site.toml:2:{col}: error: `base_url` {message}"),
            BASE_URL_HELP,
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ]);
    }
}

#[test]
fn an_uppercase_scheme_is_accepted_and_written_in_lowercase() {
    let site = TestSite::new("text-base-url-upper", "catalog");
    site.edit(
        "content/site.toml",
        "base_url = \"https://catalog.example.org\"",
        "base_url = \"HTTPS://Catalog.Example.org/\"",
    );
    site.build().expect_code(0);
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://catalog.example.org/"),
        "{sitemap}"
    );
    assert!(
        !sitemap.contains("HTTPS") && !sitemap.contains("Catalog."),
        "{sitemap}"
    );
}

#[test]
fn a_source_date_epoch_that_is_not_a_date_stops_the_build() {
    for (n, (value, problem)) in [
        ("99999999999999", "a date after the year 9999"),
        ("-5", "not a whole number of seconds"),
        ("tomorrow\u{1b}[31m", "not a whole number of seconds"),
    ]
    .into_iter()
    .enumerate()
    {
        let site = TestSite::basic(&format!("text-epoch-{n}"));
        site.edit("content/site.toml", "today = 2026-11-01\n", "");
        let out = site.owns(run(binary()
            .arg("--root")
            .arg(&site.root)
            .arg("build")
            .env("SOURCE_DATE_EPOCH", value)));
        let shown = value.replace('\u{1b}', "\\u{1b}");
        out.expect_code(1).expect_diagnostics(&[
            &format!("SOURCE_DATE_EPOCH: error: the environment variable SOURCE_DATE_EPOCH is `{shown}`, {problem}"),
            "  help: set it to the seconds since 1970-01-01 00:00 UTC, from 0 to 253402300799, e.g. SOURCE_DATE_EPOCH=1767225600, or unset it",
            "Build failed: 1 error, 0 warnings; <site>/public was not changed",
        ]);
        assert_no_control_characters(&out);
        assert!(!site.path("public").exists());
    }
}

#[test]
fn a_valid_source_date_epoch_sets_the_build_date() {
    let site = TestSite::new("text-epoch-valid", "catalog");
    site.edit("content/site.toml", "today = 2026-11-01\n", "");
    let out = site.owns(run(binary()
        .arg("--root")
        .arg(&site.root)
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "1793577600")));
    out.expect_code(0).expect_diagnostics(&[
        "Built 50 pages (124 files: 124 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    // 1793577600 s is 2026-11-02, midnight UTC.
    assert!(site
        .read_output("opportunities/feed.xml")
        .contains("<updated>2026-11-02T00:00:00Z</updated>"));
}

#[test]
fn an_id_with_an_invisible_character_is_shown_escaped() {
    let site = TestSite::new("text-invisible-id", "catalog");
    site.edit(
        OPPORTUNITIES,
        "employer = \"byte-shop\"",
        "employer = \"byte-shop\u{200b}\"",
    );
    let out = site.build();
    out.expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/it.toml:4:12: error: opportunity `help-desk-micro`: no employer has the id `byte-shop\\u{200b}`",
        "  help: did you mean `byte-shop`?",
        "content/catalog/opportunities/it.toml:4:22: warning: invisible character U+200B (zero width space)",
        "  help: it can hide or reorder the text around it; delete it unless the text needs it",
        "Build failed: 1 error, 1 warning; <site>/public was not changed",
    ]);
    assert!(!out.stderr.contains('\u{200b}'), "{}", out.stderr);
}
