//! Hardening: a placeholder's value is escaped for where it lands (Markdown text, raw HTML
//! text, a quoted attribute, a link address), and a bad value is blamed on the district that
//! set it.

use crate::support::*;

const NORTH: &str = "content/districts/north/district.toml";
const PAGE: &str = "content/toolkits/guide/04-last.md";

/// The basic site with district `north`, whose `[values]` are `values` (TOML lines), and the
/// last chapter's body replaced by `body`.
fn site_with(test: &str, values: &str, body: &str) -> TestSite {
    let site = TestSite::basic(test);
    site.write(
        NORTH,
        format!("name = \"North Unified School District\"\nshort_name = \"North USD\"\n\n[values]\n{values}"),
    );
    site.write(PAGE, format!("+++\ntitle = \"Last\"\n+++\n{body}"));
    site
}

const NORTH_PAGE: &str = "districts/north/guide/last/index.html";

#[test]
fn ordinary_values_in_raw_html_show_exactly_as_written() {
    let site = site_with(
        "ordinary_values_in_raw_html_show_exactly_as_written",
        "hotline = \"Call us: 555-0100\"\nform = \"https://example.org/north/form.pdf?lang=en&x=1\"\n",
        "<div class=\"callout\" title=\"{{ district.values.hotline }}\">\n<a href=\"{{ district.values.form }}\">{{ district.values.hotline }}</a>\n</div>\n\nInline <abbr title='{{ district.values.hotline }}'>hotline</abbr>.\n",
    );
    site.edit(
        "content/toolkits/guide/_index.md",
        "[toolkit.district_defaults]\n",
        "[toolkit.district_defaults]\nvalues.hotline = \"555-0100\"\nvalues.form = \"https://example.org/form.pdf\"\n",
    );
    site.build().expect_code(0);
    let page = site.read_output(NORTH_PAGE);
    assert!(page.contains(
        "<div class=\"callout\" title=\"Call us: 555-0100\">\n<a href=\"https://example.org/north/form.pdf?lang=en&amp;x=1\">Call us: 555-0100</a>\n</div>"
    ), "{page}");
    assert!(
        page.contains("Inline <abbr title='Call us: 555-0100'>hotline</abbr>."),
        "{page}"
    );
}

#[test]
fn a_value_cannot_break_out_of_a_raw_html_attribute_or_add_markup() {
    let site = site_with(
        "a_value_cannot_break_out_of_a_raw_html_attribute_or_add_markup",
        "hotline = \"\\\"><plaintext>'<script>alert(1)</script>&amp;\"\n",
        "<div title=\"{{ district.values.hotline }}\">\n{{ district.values.hotline }}\n</div>\n",
    );
    site.edit(
        "content/toolkits/guide/_index.md",
        "[toolkit.district_defaults]\n",
        "[toolkit.district_defaults]\nvalues.hotline = \"555-0100\"\n",
    );
    site.build().expect_code(0);
    let page = site.read_output(NORTH_PAGE);
    let escaped = "&quot;&gt;&lt;plaintext&gt;&#39;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;";
    assert!(
        page.contains(&format!("<div title=\"{escaped}\">\n{escaped}\n</div>")),
        "{page}"
    );
    assert!(!page.contains("<plaintext>") && !page.contains("<script>alert"));
}

#[test]
fn a_placeholder_where_raw_html_cannot_hold_a_value_is_a_located_error() {
    let site = site_with(
        "a_placeholder_where_raw_html_cannot_hold_a_value_is_a_located_error",
        "hotline = \"x onmouseover=alert(1)\"\n",
        "Intro.\n\n<div data-x={{ district.values.hotline }} class=\"c\">\n<script>let n = \"{{ district.values.hotline }}\";</script>\n</div>\n",
    );
    site.edit(
        "content/toolkits/guide/_index.md",
        "[toolkit.district_defaults]\n",
        "[toolkit.district_defaults]\nvalues.hotline = \"555-0100\"\n",
    );
    // Each placeholder is refused once, though both editions render the page.
    let mut expected: Vec<String> = [(6, 13), (7, 18)]
        .iter()
        .map(|(l, c)| format!("{PAGE}:{l}:{c}: error: `{{{{ district.values.hotline }}}}` sits where raw HTML cannot show a value safely\n  help: put placeholders in raw HTML between tags or inside a quoted attribute value (`title=\"{{{{ district.PATH }}}}\"`)"))
        .collect();
    expected.push("Build failed: 2 errors, 0 warnings; <site>/public was not changed".into());
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    site.build().expect_code(1).expect_diagnostics(&expected);
}

#[test]
fn a_districts_unsafe_link_value_is_blamed_on_its_district_toml() {
    let site = site_with(
        "a_districts_unsafe_link_value_is_blamed_on_its_district_toml",
        "form = \"javascript:alert(1)\"\n",
        "Fill in [the form]({{ district.values.form }}).\n\n<a href=\"{{ district.values.form }}\">the form</a>\n",
    );
    site.edit(
        "content/toolkits/guide/_index.md",
        "[toolkit.district_defaults]\n",
        "[toolkit.district_defaults]\nvalues.form = \"https://example.org/form.pdf\"\n",
    );
    let blame = "error: the value of `district.values.form`, set by district `north` at content/districts/north/district.toml:5:8: link scheme `javascript:` is not allowed\n  help: change `values.form` where it is set; links may use http, https, mailto and tel, or point to a file of the site";
    site.build().expect_code(1).expect_diagnostics(&[
        &format!("{PAGE}:4:9: {blame}"),
        &format!("{PAGE}:6:10: {blame}"),
        "Build failed: 2 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_value_with_markdown_syntax_shows_as_text() {
    let site = site_with(
        "a_value_with_markdown_syntax_shows_as_text",
        "motto = \"*bold* [x](javascript:alert(1)) <script>alert(2)</script> `code`\"\n",
        "Our motto: {{ district.values.motto }}\n",
    );
    site.edit(
        "content/toolkits/guide/_index.md",
        "[toolkit.district_defaults]\n",
        "[toolkit.district_defaults]\nvalues.motto = \"Work hard\"\n",
    );
    site.build().expect_code(0);
    let page = site.read_output(NORTH_PAGE);
    assert!(
        page.contains("<p>Our motto: *bold* [x](javascript:alert(1)) &lt;script&gt;alert(2)&lt;/script&gt; `code`</p>"),
        "{page}"
    );
    assert!(!page.contains("<em>bold") && !page.contains("href=\"javascript"));
}
