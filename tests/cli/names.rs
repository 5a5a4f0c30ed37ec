//! Real-world file names (content format §1.1): a book converted from an mdBook `src/`
//! folder, with spaces, capitals, underscores, accents and numeric prefixes in its names,
//! README.md pages, no front matter and a SUMMARY.md, builds under the URLs its names make.

use crate::support::{texts, TestSite};

const BOOK: &str = "content/toolkits/Book Guide";

const SUMMARY_WARNING: &str = "content/toolkits/Book Guide/SUMMARY.md:14:3: warning: SUMMARY.md links to `guide/glossary.md`, which is no page of the toolkit
  help: link to a page's file relative to content/toolkits/Book Guide, or remove the line; pages it does not list come after those it does";
const DIRECTIVE_WARNING: &str = "content/toolkits/Book Guide/for_developers/Preprocessors.md:6:1: warning: mdBook directives are not read; the text is shown as written
  help: replace `{{#include ../examples/preprocessor.toml}}` with the text it stands for, or remove it";

/// The values of `attribute` on the elements of `html` that `selector` matches.
fn attributes(html: &str, selector: &str, attribute: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).expect("a valid selector");
    document
        .select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_string))
        .collect()
}

#[test]
fn a_converted_book_builds_under_the_urls_its_names_make() {
    let site = TestSite::new("names-book", "mdbook");
    site.build().expect_code(0).expect_diagnostics(&[
        SUMMARY_WARNING,
        DIRECTIVE_WARNING,
        "Built 36 pages (175 files: 175 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    for url in [
        "about-us",
        "toolkits/book-guide",
        "toolkits/book-guide/guide",
        "toolkits/book-guide/guide/installation",
        "toolkits/book-guide/insurance",
        "toolkits/book-guide/employer-guide",
        "toolkits/book-guide/guia-para-familias",
        "toolkits/book-guide/for-developers",
        "toolkits/book-guide/for-developers/preprocessors",
        "toolkits/book-guide/format",
        "toolkits/book-guide/format/configuration",
        "toolkits/book-guide/format/configuration/renderers",
        "es/toolkits/book-guide/guia-para-familias",
    ] {
        site.read_output(&format!("{url}/index.html"));
    }
    assert!(!site.path("public/toolkits/book-guide/summary").exists());
    site.read_output("toolkits/book-guide/guide/site map.svg");

    // Links written with the files' real names: `%20`, `<...>`, `./`, `../` and anchors.
    let landing = site.read_output("toolkits/book-guide/index.html");
    assert_eq!(
        attributes(&landing, "main .prose a", "href"),
        [
            "/toolkits/book-guide/guide/installation/",
            "/toolkits/book-guide/insurance/#who-pays",
            "/toolkits/book-guide/employer-guide/",
            "/toolkits/book-guide/guia-para-familias/",
            "/toolkits/book-guide/for-developers/#writing-a-preprocessor",
        ]
    );
    let install = site.read_output("toolkits/book-guide/guide/installation/index.html");
    assert_eq!(
        attributes(&install, "main .prose img", "src"),
        ["/toolkits/book-guide/guide/site%20map.svg"]
    );
    assert_eq!(
        attributes(&install, "main .prose a", "href"),
        ["/toolkits/book-guide/format/configuration/"]
    );
    let families = site.read_output("toolkits/book-guide/guia-para-familias/index.html");
    assert_eq!(
        attributes(&families, "main .prose a", "href"),
        ["/toolkits/book-guide/insurance/#who-pays"]
    );
    let renderers =
        site.read_output("toolkits/book-guide/format/configuration/renderers/index.html");
    assert_eq!(
        attributes(&renderers, "main .prose a", "href"),
        ["/toolkits/book-guide/"]
    );
}

#[test]
fn titles_come_from_the_first_heading_or_the_name_and_are_not_repeated() {
    let site = TestSite::new("names-titles", "mdbook");
    site.build().expect_code(0);
    let title = |url: &str| texts(&site.read_output(&format!("{url}/index.html")), "main h1");
    assert_eq!(
        title("toolkits/book-guide"),
        ["The placement calendar book"]
    );
    assert_eq!(
        title("toolkits/book-guide/guide/installation"),
        ["Installation"]
    );
    // No heading: the file's name in words; no file at all: the folder's.
    assert_eq!(
        title("toolkits/book-guide/employer-guide"),
        ["Employer Guide"]
    );
    assert_eq!(
        title("toolkits/book-guide/format/configuration/renderers"),
        ["Renderers"]
    );
    assert_eq!(title("toolkits/book-guide/format"), ["Format"]);
    assert_eq!(
        title("es/toolkits/book-guide/guia-para-familias"),
        ["Guía para familias"]
    );
    assert_eq!(title("about-us"), ["About us"]);
    // The generated section lists its pages.
    let format = site.read_output("toolkits/book-guide/format/index.html");
    assert!(format.contains("href=\"/toolkits/book-guide/format/configuration/\""));
}

#[test]
fn summary_md_orders_the_pages_it_lists_and_the_rest_come_after() {
    let site = TestSite::new("names-summary", "mdbook");
    site.build().expect_code(0);
    let print = site.read_output("toolkits/book-guide/print/index.html");
    let chapters: Vec<String> = attributes(&print, "main [id^=ch-]", "id")
        .into_iter()
        .filter(|id| !id.contains("__") && !id.ends_with("-title"))
        .collect();
    assert_eq!(
        chapters,
        [
            "ch-guide",
            "ch-guide--installation",
            "ch-insurance",
            "ch-employer-guide",
            "ch-guia-para-familias",
            "ch-for-developers",
            "ch-for-developers--preprocessors",
            // `Format/` is not listed (its Configuration section is), so it comes last.
            "ch-format",
            "ch-format--configuration",
            "ch-format--configuration--renderers",
        ]
    );
}

#[test]
fn two_names_that_make_one_url_are_one_error_naming_both() {
    let site = TestSite::new("names-collision", "mdbook");
    site.write(&format!("{BOOK}/insurance.md"), "# Insurance, again\n")
        .write(&format!("{BOOK}/01_notes.md"), "# Notes\n")
        .write(&format!("{BOOK}/02-Notes.md"), "# More notes\n")
        .write("content/pages/about us.md", "# About\n");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/pages/about us.md:1:1: error: this page and another have the same URL `/about-us/`",
        "  help: the other is content/pages/About Us.md:1:1; rename one of them (names that differ only in a numeric prefix, case, accents, spaces, `_` or punctuation make one URL)",
        "content/toolkits/Book Guide/02-Notes.md:1:1: error: this page and another have the same URL `/toolkits/book-guide/notes/`",
        "  help: the other is content/toolkits/Book Guide/01_notes.md:1:1; rename one of them (names that differ only in a numeric prefix, case, accents, spaces, `_` or punctuation make one URL)",
        SUMMARY_WARNING,
        DIRECTIVE_WARNING,
        "content/toolkits/Book Guide/insurance.md:1:1: error: this page and another have the same URL `/toolkits/book-guide/insurance/`",
        "  help: the other is content/toolkits/Book Guide/03_Insurance.md:1:1; rename one of them (names that differ only in a numeric prefix, case, accents, spaces, `_` or punctuation make one URL)",
        "Build failed: 3 errors, 2 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_name_that_makes_no_segment_is_an_error_at_the_file() {
    let site = TestSite::new("names-empty", "mdbook");
    site.write(&format!("{BOOK}/!!!.md"), "# Bangs\n")
        .write(&format!("{BOOK}/03_.md"), "# Three\n")
        .write(&format!("{BOOK}/¿?/page.md"), "# Page\n")
        .write("content/pages/---.md", "# Dashes\n");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/pages/---.md: error: `---.md` makes no URL: it has no letter or digit",
        "  help: give the file a name with a letter or digit, e.g. `how-to-apply.md`",
        "content/toolkits/Book Guide/!!!.md: error: `!!!.md` makes no URL: no letter or digit is left once its numeric prefix and other characters are dropped",
        "  help: give the file a name with a letter or digit, e.g. `03-insurance.md`",
        "content/toolkits/Book Guide/03_.md: error: `03_.md` makes no URL: no letter or digit is left once its numeric prefix and other characters are dropped",
        "  help: give the file a name with a letter or digit, e.g. `03-insurance.md`",
        SUMMARY_WARNING,
        "content/toolkits/Book Guide/for_developers/Preprocessors.md:6:1: warning: mdBook directives are not read; the text is shown as written",
        "  help: replace `{{#include ../examples/preprocessor.toml}}` with the text it stands for, or remove it",
        "content/toolkits/Book Guide/¿?: error: `¿?/` makes no URL: no letter or digit is left once its numeric prefix and other characters are dropped",
        "  help: give the folder a name with a letter or digit, e.g. `04-hosting`",
        "Build failed: 4 errors, 2 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn check_suggests_renames_as_information_only() {
    let site = TestSite::new("names-check", "mdbook");
    let outcome = site.run(&["check"]);
    outcome.expect_code(0).expect_diagnostics(&[
        SUMMARY_WARNING,
        DIRECTIVE_WARNING,
        "Untranslated in es: 10 pages not translated, 0 stale; 185 words to translate",
        "info: content/pages/About Us.md is served as about-us/; rename it to about-us.md to keep names and URLs alike",
        "info: content/toolkits/Book Guide/ is served as book-guide/; rename it to book-guide/ to keep names and URLs alike",
        "info: content/toolkits/Book Guide/03_Insurance.md is served as insurance/; rename it to 03-insurance.md to keep names and URLs alike",
        "info: content/toolkits/Book Guide/Employer Guide.md is served as employer-guide/; rename it to employer-guide.md to keep names and URLs alike",
        "info: content/toolkits/Book Guide/Format/ is served as format/; rename it to format/ to keep names and URLs alike",
        "info: content/toolkits/Book Guide/Format/Configuration/ is served as configuration/; rename it to configuration/ to keep names and URLs alike",
        "info: content/toolkits/Book Guide/Format/Configuration/Renderers.md is served as renderers/; rename it to renderers.md to keep names and URLs alike",
        "info: content/toolkits/Book Guide/Guía para familias.es.md is served as guia-para-familias/; rename it to guia-para-familias.es.md to keep names and URLs alike",
        "info: content/toolkits/Book Guide/Guía para familias.md is served as guia-para-familias/; rename it to guia-para-familias.md to keep names and URLs alike",
        "info: content/toolkits/Book Guide/for_developers/ is served as for-developers/; rename it to for-developers/ to keep names and URLs alike",
        "info: content/toolkits/Book Guide/for_developers/Preprocessors.md is served as preprocessors/; rename it to preprocessors.md to keep names and URLs alike",
        "Checked: 0 errors, 2 warnings",
    ]);
    let json = site.run(&["check", "--format", "json"]);
    json.expect_code(0);
    assert!(json.stdout.contains(
        "{\n      \"path\": \"content/toolkits/Book Guide/03_Insurance.md\",\n      \"served_as\": \"insurance\",\n      \"rename_to\": \"03-insurance.md\"\n    }"
    ));
}

#[test]
fn a_readme_is_a_page_where_the_folder_has_an_index_and_the_landing_page_otherwise() {
    let site = TestSite::new("names-readme", "mdbook");
    site.write(
        &format!("{BOOK}/guide/_index.md"),
        "+++\ntitle = \"The guide\"\n+++\nStart here.\n",
    );
    site.build().expect_code(0);
    let guide = site.read_output("toolkits/book-guide/guide/index.html");
    assert_eq!(texts(&guide, "main h1"), ["The guide"]);
    let readme = site.read_output("toolkits/book-guide/guide/readme/index.html");
    assert_eq!(texts(&readme, "main h1"), ["Getting started"]);
    site.remove(&format!("{BOOK}/README.md"));
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/Book Guide/_index.md: error: the toolkit has no landing page",
        "  help: add _index.md with the toolkit's title and a [toolkit] table (a README.md at its top serves too)",
        DIRECTIVE_WARNING,
        "Build failed: 1 error, 1 warning; <site>/public was not changed",
    ]);
}

#[test]
fn a_broken_link_by_real_name_suggests_the_closest_file() {
    let site = TestSite::new("names-broken-link", "mdbook");
    site.edit(
        &format!("{BOOK}/README.md"),
        "Employer%20Guide.md",
        "Employer%20Guid.md",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/Book Guide/README.md:5:24: error: link `Employer%20Guid.md` points to no page or file of the site",
        "  help: did you mean `Employer Guide.md`?",
        SUMMARY_WARNING,
        DIRECTIVE_WARNING,
        "Build failed: 1 error, 2 warnings; <site>/public was not changed",
    ]);
}
