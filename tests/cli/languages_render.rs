//! Every language's edition: a full mirror under `<code>/` with the same pages, alternates
//! and a switcher on every page, untranslated content shown in the default language under a
//! notice, and a sitemap that lists each page's alternates.
//!
//! The bilingual fixture translates some pages and records and leaves the rest: each path
//! of the Spanish edition is in one of the lists below.

use std::collections::BTreeSet;

use crate::checker::check_site;
use crate::support::{snapshot, TestSite};

/// Content pages of the Spanish edition shown in English, as paths without `es/`.
const MISSING: &[&str] = &[
    "toolkits/families/index.html",
    "districts/downey/families/index.html",
    "opportunities/health-career-talk/index.html",
    "employers/byte-shop/index.html",
    "pathways/it/index.html",
];

/// Content pages of the Spanish edition in Spanish, as paths without `es/`.
const TRANSLATED: &[&str] = &[
    "toolkits/families/apply/index.html",
    "districts/downey/families/apply/index.html",
    "about/index.html",
    "opportunities/clinic-internship/index.html",
];

/// Pages of the Spanish edition translated from an earlier version of their source, with
/// their side-by-side view.
const STALE: &[(&str, &str)] = &[
    (
        "toolkits/families/permits/index.html",
        "toolkits/families/translations/compare/permits/index.html",
    ),
    (
        "districts/downey/families/permits/index.html",
        "districts/downey/families/translations/compare/permits/index.html",
    ),
];

/// Pages of the Spanish edition partly in Spanish, the rest in English and marked so.
const PARTIAL: &[&str] = &[
    "opportunities/clinic-shadow/index.html",
    "employers/valley-health/index.html",
    "districts/downey/index.html",
];

/// The build's output: the stale translation is a warning.
const BUILT: &[&str] = &[
    "content/toolkits/families/02-permits.es.md:4:1: warning: content/toolkits/families/02-permits.md has changed since this page was translated from it",
    "  help: compare the two, update this translation, then run `trellis translate families/02-permits --lang es --record`",
    "Built 128 pages (304 files: 304 written, 0 unchanged, 0 removed) into <site>/public in <time>",
];

fn built(test: &str) -> TestSite {
    let site = TestSite::new(test, "bilingual");
    site.build().expect_code(0).expect_diagnostics(BUILT);
    site
}

/// The value of `attribute` on each element `selector` matches, in document order.
fn attributes(html: &str, selector: &str, attribute: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).expect("a valid selector");
    document
        .select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_owned))
        .collect()
}

/// Output paths of the HTML pages, relative to the output folder.
fn html_pages(site: &TestSite) -> BTreeSet<String> {
    snapshot(&site.path("public"))
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path.ends_with(".html"))
        .collect()
}

#[test]
fn the_spanish_edition_mirrors_every_page_under_its_code() {
    let site = built("languages-mirror");
    let pages = html_pages(&site);
    let (spanish, english): (BTreeSet<String>, BTreeSet<String>) =
        pages.into_iter().partition(|p| p.starts_with("es/"));
    let mirrored: BTreeSet<String> = spanish
        .iter()
        .map(|p| p.strip_prefix("es/").unwrap().to_owned())
        .filter(|p| !STALE.iter().any(|(_, view)| view == p))
        .collect();
    assert_eq!(mirrored, english);
    for file in [
        "es/opportunities/feed.xml",
        "es/opportunities/deadlines.ics",
        "es/search/meta.json",
        "es/search/cards/0.json",
        "es/search/opportunities.json",
    ] {
        assert!(site.path("public").join(file).is_file(), "{file}");
    }
    // Shared files are written once, at the site's base path.
    for shared in [
        "es/style.css",
        "es/search.js",
        "es/sitemap.xml",
        "es/robots.txt",
    ] {
        assert!(!site.path("public").join(shared).exists(), "{shared}");
    }
    let page = site.read_output("es/toolkits/families/apply/index.html");
    assert_eq!(
        attributes(&page, "link[rel=stylesheet]", "href"),
        ["/style.css"]
    );
    assert_eq!(attributes(&page, "script[src]", "data-base"), ["/es/"]);
    assert_eq!(attributes(&page, "html", "lang"), ["es"]);
    assert_eq!(texts_of(&page, ".brand span"), ["Sitio bilingüe de prueba"]);
}

fn texts_of(html: &str, selector: &str) -> Vec<String> {
    crate::support::texts(html, selector)
}

#[test]
fn every_page_names_its_alternates_and_switches_to_the_same_page() {
    let site = built("languages-alternates");
    for path in html_pages(&site) {
        if path.ends_with("404.html") || STALE.iter().any(|(_, view)| path == format!("es/{view}"))
        {
            continue;
        }
        let neutral = path.strip_prefix("es/").unwrap_or(&path);
        let address = neutral.strip_suffix("index.html").unwrap_or(neutral);
        let english = format!("https://bilingual.example.org/{address}");
        let spanish = format!("https://bilingual.example.org/es/{address}");
        let html = site.read_output(&path);
        let lang = if path.starts_with("es/") { "es" } else { "en" };
        assert_eq!(attributes(&html, "html", "lang"), [lang], "{path}");
        assert_eq!(
            attributes(&html, "link[rel=alternate][hreflang]", "hreflang"),
            ["en", "es", "x-default"],
            "{path}"
        );
        assert_eq!(
            attributes(&html, "link[rel=alternate][hreflang]", "href"),
            [english.clone(), spanish.clone(), english.clone()],
            "{path}"
        );
        let (other, url, name) = if lang == "es" {
            ("en", format!("/{address}"), "English")
        } else {
            ("es", format!("/es/{address}"), "Español")
        };
        let switcher = ".language-switcher a";
        assert_eq!(attributes(&html, switcher, "href"), [url], "{path}");
        assert_eq!(attributes(&html, switcher, "hreflang"), [other], "{path}");
        assert_eq!(attributes(&html, switcher, "lang"), [other], "{path}");
        assert_eq!(texts_of(&html, switcher), [name], "{path}");
    }
}

#[test]
fn an_untranslated_page_is_shown_in_english_under_a_spanish_notice() {
    let site = built("languages-fallback");
    let notice = "Esta página todavía no está traducida al español. Por ahora la mostramos \
                  en su idioma original. Ver la página original.";
    for path in MISSING {
        let html = site.read_output(&format!("es/{path}"));
        assert_eq!(texts_of(&html, ".notice-translation"), [notice], "{path}");
        let source = format!("/{}", path.strip_suffix("index.html").unwrap());
        assert_eq!(
            attributes(&html, ".notice-translation a", "href"),
            [source],
            "{path}"
        );
        let marked = attributes(&html, "[lang=en]:not(html):not(a)", "lang");
        assert!(!marked.is_empty(), "{path}");
        // The edition's navigation is around it.
        assert_eq!(attributes(&html, ".brand", "href"), ["/es/"], "{path}");
    }
    for path in TRANSLATED {
        let html = site.read_output(&format!("es/{path}"));
        assert_eq!(texts_of(&html, ".notice-translation"), Vec::<String>::new());
    }
    // The default language's pages have no notice.
    let english = site.read_output("toolkits/families/apply/index.html");
    assert_eq!(
        texts_of(&english, ".notice-translation"),
        Vec::<String>::new()
    );
    assert_eq!(
        attributes(&english, "main [lang]", "lang"),
        Vec::<String>::new()
    );
}

#[test]
fn links_to_untranslated_pages_lead_to_the_default_language_with_hreflang() {
    let site = built("languages-links");
    let html = site.read_output("es/toolkits/families/index.html");
    assert_eq!(
        attributes(&html, ".prose a", "href"),
        [
            "/es/toolkits/families/apply/",
            "/toolkits/families/permits/#who-signs"
        ]
    );
    // The stale translation has no heading `who-signs`: the English page has.
    assert_eq!(attributes(&html, ".prose a", "hreflang"), ["en"]);
    let translated = site.read_output("es/toolkits/families/apply/index.html");
    assert_eq!(
        attributes(&translated, ".prose p a", "href"),
        [
            "/es/toolkits/families/permits/",
            "#pasos",
            "/toolkits/families/"
        ]
    );
    assert_eq!(attributes(&translated, ".prose p a", "hreflang"), ["en"]);
    assert_eq!(attributes(&translated, ".prose h2", "id"), ["pasos"]);
    let english = site.read_output("toolkits/families/index.html");
    assert_eq!(
        attributes(&english, ".prose a[hreflang]", "href"),
        Vec::<String>::new()
    );
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates() {
    let site = built("languages-sitemap");
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entry = "  <url><loc>https://bilingual.example.org/es/about/</loc>\
        <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://bilingual.example.org/about/\"/>\
        <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://bilingual.example.org/about/\"/>\
        <xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://bilingual.example.org/es/about/\"/></url>\n";
    assert!(sitemap.contains(entry), "{sitemap}");
    let listed = sitemap.matches("<loc>").count();
    // Neither the 404 pages nor the side-by-side views (marked noindex).
    let pages = html_pages(&site)
        .iter()
        .filter(|p| !p.ends_with("404.html"))
        .count()
        - STALE.len();
    assert_eq!(listed, pages);
    assert_eq!(sitemap.matches("<xhtml:link").count(), pages * 3);
}

#[test]
fn structured_data_names_the_language_of_its_page() {
    let site = built("languages-json-ld");
    for (path, lang) in [
        ("employers/byte-shop/index.html", "en"),
        ("es/employers/byte-shop/index.html", "es"),
        ("es/pathways/it/index.html", "es"),
    ] {
        let html = site.read_output(path);
        assert!(
            html.contains(&format!("\"inLanguage\":\"{lang}\"")),
            "{path}"
        );
    }
}

#[test]
fn every_link_and_fragment_of_both_editions_leads_somewhere() {
    let site = built("languages-checker");
    assert_eq!(check_site(&site.path("public")), Vec::<String>::new());
}

/// The guide shows the model's report, the one `trellis check` sums up: a page's words are
/// its title's and its body's, and Downey's own Spanish page is among districts' own pages.
#[test]
fn the_translation_guide_lists_every_page_in_every_language() {
    let site = built("languages-guide");
    for (path, states) in [
        (
            "toolkits/families/translations/index.html",
            ["Not translated", "Translated", "Out of date"],
        ),
        (
            "es/toolkits/families/translations/index.html",
            ["Sin traducir", "Traducida", "Desactualizada"],
        ),
    ] {
        let html = site.read_output(path);
        assert_eq!(texts_of(&html, "h2"), ["Español"], "{path}");
        assert_eq!(
            texts_of(&html, "tbody th"),
            [
                "A guide for families",
                "Cómo presentar la solicitud",
                "Permisos de trabajo",
                "Cómo presentar la solicitud en Downey"
            ],
            "{path}"
        );
        assert_eq!(
            texts_of(&html, "tbody td"),
            [states[0], "19", states[1], "0", states[2], "12", states[1], "0"],
            "{path}"
        );
        assert_eq!(
            texts_of(&html, ".translations-total strong"),
            ["31"],
            "{path}"
        );
        assert_eq!(texts_of(&html, "h3").len(), 1, "{path}");
    }
}

#[test]
fn a_stale_translation_links_to_its_side_by_side_view_in_its_language() {
    let site = built("languages-side-by-side");
    let notice = "La página original cambió después de que se tradujera, así que es posible \
                  que parte de esta traducción ya no esté al día. Comparar el original con la \
                  traducción.";
    for (page, view) in STALE {
        let html = site.read_output(&format!("es/{page}"));
        assert_eq!(texts_of(&html, ".notice-translation"), [notice], "{page}");
        let link = format!("/es/{}", view.strip_suffix("index.html").unwrap());
        assert_eq!(attributes(&html, ".notice-translation a", "href"), [link]);
        assert!(!site.path("public").join(view).exists(), "{view}");
    }
    let view = site.read_output(&format!("es/{}", STALE[0].1));
    assert_eq!(
        texts_of(&view, "h1"),
        ["Permisos de trabajo: el original y la traducción"]
    );
    assert_eq!(
        texts_of(&view, ".pair-source .pair-text"),
        [
            "## Who signs",
            "A parent or guardian signs the consent form."
        ]
    );
    assert_eq!(
        attributes(&view, ".pair-source .pair-text", "lang"),
        ["en", "en"]
    );
    assert_eq!(
        texts_of(&view, ".pair-translation .pair-text"),
        [
            "## Quién firma",
            "La madre, el padre o la persona que tenga la tutela firma el formulario de \
             consentimiento."
        ]
    );
    assert_eq!(
        texts_of(&view, ".translation-record code"),
        ["trellis translate families/02-permits --lang es --record"]
    );
    assert_eq!(attributes(&view, "html", "lang"), ["es"]);
    assert_eq!(
        attributes(&view, "meta[name=robots]", "content"),
        ["noindex"]
    );
}

#[test]
fn records_show_their_translated_fields_and_mark_the_rest_english() {
    let site = built("languages-records");
    let full = site.read_output("es/opportunities/clinic-internship/index.html");
    assert_eq!(texts_of(&full, "h1"), ["Práctica de verano en la clínica"]);
    assert_eq!(
        texts_of(&full, ".task-list li"),
        ["Registrar a los pacientes", "Surtir las salas de consulta"]
    );
    assert_eq!(texts_of(&full, ".notice-translation"), Vec::<String>::new());
    assert_eq!(
        attributes(&full, "main [lang]:not(a)", "lang"),
        Vec::<String>::new()
    );
    let partial = site.read_output("es/opportunities/clinic-shadow/index.html");
    assert_eq!(
        texts_of(&partial, "h1"),
        ["Un día con una enfermera en la clínica"]
    );
    assert_eq!(
        texts_of(&partial, ".notice-translation"),
        [
            "Parte de esta página todavía no está traducida al español, así que la mostramos \
          en su idioma original. Ver la página original."
        ]
    );
    for path in PARTIAL {
        let html = site.read_output(&format!("es/{path}"));
        let notice = texts_of(&html, ".notice-translation");
        assert!(notice[0].starts_with("Parte de esta página"), "{path}");
        let marked = attributes(&html, "main [lang=en]:not(a)", "lang");
        // The fixture's district has no calendar, forms or policies to mark.
        assert_eq!(marked.is_empty(), path.starts_with("districts/"), "{path}");
    }
    assert_eq!(attributes(&partial, ".prose[lang]", "lang"), ["en"]);
    assert_eq!(
        attributes(&partial, "h1[lang]", "lang"),
        Vec::<String>::new()
    );
    let none = site.read_output("es/opportunities/health-career-talk/index.html");
    assert_eq!(attributes(&none, "h1", "lang"), ["en"]);
    let district = site.read_output("es/districts/downey/families/apply/index.html");
    assert_eq!(
        texts_of(&district, "h1"),
        ["Cómo presentar la solicitud en Downey"]
    );
    assert!(district.contains("Pregunte en el centro de carreras de Downey"));
}
