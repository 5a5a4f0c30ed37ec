//! The theme's strings tables: a site overrides a built-in string or adds a language in
//! `themes/<theme>/i18n/<code>.toml`, and every mistake in such a table is located.

use crate::support::TestSite;

#[test]
fn a_site_table_overrides_a_built_in_string_on_the_built_pages() {
    let site = TestSite::basic("strings-override");
    site.write(
        "themes/default/i18n/en.toml",
        "[not_found]\ntitle = \"That page is not here\"\n\n[nav]\nhome = \"Start\"\n",
    );
    site.build().expect_code(0);
    let not_found = site.read_output("404.html");
    assert!(not_found.contains("<h1>That page is not here</h1>"));
    assert!(!not_found.contains("We could not find that page"));
    let chapter = site.read_output("toolkits/guide/index.html");
    assert!(chapter.contains(r#"<a href="/">Start</a>"#));
    // The strings the site leaves alone keep their built-in words.
    assert!(chapter.contains("Skip to main content"));
}

#[test]
fn an_unknown_key_is_an_error_naming_the_closest_key() {
    let site = TestSite::basic("strings-unknown");
    site.write(
        "themes/default/i18n/en.toml",
        "# Our words\n[nav]\nhome = \"Start\"\n  hom = \"Begin\"\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "themes/default/i18n/en.toml:4:3: error: unknown string `nav.hom`",
        "  help: did you mean `nav.home`? The keys are those of the English table (themes/default/i18n/en.toml, see README, Themes)",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_new_language_needs_every_key_in_its_table() {
    let site = TestSite::basic("strings-incomplete");
    site.edit(
        "content/site.toml",
        "today = 2026-11-01\n",
        "today = 2026-11-01\n\n[languages.vi]\nname = \"Tiếng Việt\"\n",
    );
    let english = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml"),
    )
    .unwrap();
    // Everything but the 404 page's words and the date format.
    let partial: String = english
        .split("\n[")
        .filter(|section| !section.starts_with("not_found]") && !section.starts_with("dates]"))
        .collect::<Vec<_>>()
        .join("\n[");
    site.write("themes/default/i18n/vi.toml", partial);
    site.build().expect_code(1).expect_diagnostics(&[
        "themes/default/i18n/vi.toml:1:1: error: the strings table lacks 8 keys: dates.long, dates.months, dates.to, not_found.home, not_found.lead, not_found.page_title, not_found.title, not_found.toolkits",
        "  help: a language with no built-in table needs every key: copy them from the English table (themes/default/i18n/en.toml, see README, Themes) and translate them",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_new_language_with_no_table_is_an_error_at_its_languages_table() {
    let site = TestSite::basic("strings-none");
    site.edit(
        "content/site.toml",
        "today = 2026-11-01\n",
        "today = 2026-11-01\n\n[languages.vi]\nname = \"Tiếng Việt\"\n",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/site.toml:7:2: error: the theme has no strings for `vi`",
        "  help: create themes/default/i18n/vi.toml with every key of the English table (themes/default/i18n/en.toml, see README, Themes), translated",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

/// The words a reader sees on a page: its text without tags, scripts or character references.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</script>")
            .map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_spanish_site_shows_no_english_label_on_its_catalog_pages() {
    let site = TestSite::new("strings-spanish-catalog", "catalog");
    site.edit(
        "content/site.toml",
        "title = \"Catalog Fixture\"\n",
        "language = \"es\"\ntitle = \"Catalog Fixture\"\n",
    );
    site.build().expect_code(0);
    // The words the catalog's records write themselves (titles, summaries, tasks) stay.
    let english = [
        " an hour",
        " stipend",
        "Grade ",
        "Grades",
        "Apply by",
        "All districts",
        "Internship",
        "Career talk",
        "In person",
        "Online",
        "Hybrid",
        "Training",
        "Transportation",
        "Spanish-language support",
        "Nonprofit",
        "Aligned with a career pathway",
        "Kind",
        "Stage",
        "Career pathway",
        "Where",
        "Paid",
        "Unpaid",
        "District",
        "open opportunit",
        "soonest deadline",
    ];
    for page in [
        "opportunities/clinic-internship/index.html",
        "opportunities/help-desk-micro/index.html",
        "opportunities/index.html",
        "opportunities/kind/internship/index.html",
        "opportunities/pay/paid/index.html",
        "employers/index.html",
    ] {
        let text = visible_text(&site.read_output(page));
        let left: Vec<&str> = english
            .iter()
            .copied()
            .filter(|w| text.contains(w))
            .collect();
        assert_eq!(left, Vec::<&str>::new(), "English left on {page}: {text}");
    }
    let page = visible_text(&site.read_output("opportunities/clinic-internship/index.html"));
    for spanish in [
        "Pago $18.50 por hora",
        "Grados 11 a 12",
        "Tipo Pasantía",
        "Todos los distritos",
        "Fecha límite 1 de abril de 2027",
        "Solicitudes hasta el 1 de abril de 2027",
        "Transporte",
    ] {
        assert!(page.contains(spanish), "no `{spanish}` in: {page}");
    }
    let facet = visible_text(&site.read_output("opportunities/kind/internship/index.html"));
    assert!(facet.contains("Oportunidades: pasantía 1 oportunidad abierta."));
    let feed = site.read_output("opportunities/feed.xml");
    assert!(feed.contains("<title>Catalog Fixture: oportunidades abiertas</title>"));
    assert!(feed.contains("· Grados 11 a 12 · Solicitudes hasta el 1 de abril de 2027"));
    assert!(!feed.contains("Apply by"));
    let calendar = site.read_output("opportunities/deadlines.ics");
    assert!(calendar.contains("SUMMARY:Fecha límite: Clinic summer internship"));
}
