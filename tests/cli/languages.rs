//! Languages and translations (content format §10): translated pages, stale ones, catalog
//! translations and the errors each rule gives.

use crate::support::TestSite;

const STALE: &str = "content/toolkits/guide/02-section/detail.es.md:3:1: warning: content/toolkits/guide/02-section/detail.md has changed since this page was translated from it
  help: compare the two, update this translation, then run `trellis translate guide/02-section/detail --lang es --record`";
const NO_FINGERPRINT: &str = "content/pages/about.es.md: warning: the translation does not record which version of its page it translates
  help: once it matches content/pages/about.md, run `trellis translate pages/about --lang es --record` to add `translated_from`";

/// The fixture's district sets `bus` for a test that adds a page showing it.
const UNUSED_BUS: &str = "content/districts/north/district.toml:5:1: warning: district `north`: the value `bus` is not shown on any page
  help: use it in a page with `{{ district.values.bus }}`, or remove it";

#[test]
fn a_stale_translation_and_one_without_a_fingerprint_are_warnings() {
    let site = TestSite::new("languages-warnings", "languages");
    let outcome = site.build();
    outcome.expect_code(0);
    let mut lines = outcome.diagnostics();
    lines.pop();
    let expected: Vec<&str> = [UNUSED_BUS, NO_FINGERPRINT, STALE]
        .iter()
        .flat_map(|e| e.lines())
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn translations_keep_to_the_site_s_languages_their_sources_and_text_fields() {
    let site = TestSite::new("languages-errors", "languages");
    let page = "+++\ntitle = \"X\"\nweight = 2\n+++\nx\n";
    site.write("content/toolkits/guide/02-section/_index.fr.md", page)
        .write("content/toolkits/guide/01-stort.es.md", page)
        .write(
            "content/toolkits/guide/03-gone.es.md",
            "+++\ntitle = \"X\"\n+++\nx\n",
        )
        .edit(
            "content/catalog/opportunities/health.toml",
            "title = \"Un día con una enfermera\"",
            "titel = \"Un día\"",
        );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:34:1: error: opportunity `clinic-shadow`: unknown key `titel` in the `es` translation
  help: did you mean `title`? a translation holds only text: title, summary, description, schedule, credit, skills, tasks, credentials",
        UNUSED_BUS,
        NO_FINGERPRINT,
        "content/toolkits/guide/01-stort.es.md:3:1: error: a translation has no `weight` of its own
  help: remove it; the translation takes `weight` from the page it translates",
        "content/toolkits/guide/02-section/_index.fr.md: error: `fr` is not one of the site's languages
  help: the site's languages are: es; add [languages.fr] to content/site.toml for another",
        STALE,
        "content/toolkits/guide/03-gone.es.md: error: the translation translates `03-gone.md`, which does not exist
  help: a translation sits beside its page, named after it: `<page>.es.md`",
        "Build failed: 4 errors, 3 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn check_reports_what_is_left_to_translate_without_failing() {
    let site = TestSite::new("languages-check", "languages");
    let outcome = site.run(&["check"]);
    outcome.expect_code(0);
    let lines = outcome.diagnostics();
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "Untranslated in es: 1 page not translated, 1 stale; 21 words to translate",
            "Checked: 0 errors, 3 warnings"
        ]
    );
}

const DETAIL_SOURCE: &str = "content/toolkits/guide/02-section/detail.md";

#[test]
fn translate_starts_a_translation_with_the_source_s_text_and_fingerprint() {
    let site = TestSite::new("languages-translate-start", "languages");
    site.run(&["translate", "guide/02-section", "--lang", "es"])
        .expect_code(0)
        .expect_diagnostics(&["Created content/toolkits/guide/02-section/_index.es.md from content/toolkits/guide/02-section/_index.md; translate its title, summary and text, then run trellis check"]);
    let written =
        std::fs::read_to_string(site.path("content/toolkits/guide/02-section/_index.es.md"))
            .expect("the translation was written");
    let print = site.run(&["fingerprint", "guide/02-section"]).stdout;
    assert_eq!(
        written,
        format!(
            "+++\ntitle = \"Section\"\ntranslated_from = \"{}\"\n+++\nWhat this section holds: two short pages with the details.\n",
            print.trim()
        )
    );
    site.run(&["translate", "guide/02-section/_index", "--lang", "es"])
        .expect_code(2)
        .expect_diagnostics(&["error: content/toolkits/guide/02-section/_index.es.md: the page already has this translation
  help: edit it; once it matches the page again, run `trellis translate guide/02-section/_index --lang es --record` to record that"]);
}

#[test]
fn translate_refuses_a_language_the_site_does_not_have() {
    let site = TestSite::new("languages-translate-code", "languages");
    site.run(&["translate", "guide/01-start", "--lang", "fr"])
        .expect_code(2)
        .expect_diagnostics(&[
            "error: content/site.toml: `fr` is not one of the site's languages
  help: the site's languages are: es; add [languages.fr] to content/site.toml for another",
        ]);
    site.run(&["translate", "guide/01-start", "--lang", "en"])
        .expect_code(2)
        .expect_diagnostics(&["error: content/site.toml: `en` is the site's default language: its pages are the sources
  help: translate into one of the site's languages: es"]);
    site.run(&["translate", "pages/abot", "--lang", "es"])
        .expect_code(2)
        .expect_diagnostics(&["error: pages/abot: there is no such standalone page
  help: did you mean `pages/about`?"]);
}

#[test]
fn the_commands_the_warnings_print_record_the_fingerprints_and_silence_them() {
    let site = TestSite::new("languages-translate-record", "languages");
    let before =
        std::fs::read_to_string(site.path("content/toolkits/guide/02-section/detail.es.md"))
            .expect("the fixture has the translation");
    let warned = site.build();
    for line in warned.diagnostics() {
        let Some((_, command)) = line.split_once("run `trellis ") else {
            continue;
        };
        let command = command.split('`').next().unwrap_or_default();
        let args: Vec<&str> = command.split(' ').collect();
        site.run(&args).expect_code(0);
    }
    site.build()
        .expect_code(0)
        .expect_diagnostics(&[UNUSED_BUS, "Built 122 pages (265 files: 5 written, 260 unchanged, 3 removed) into <site>/public in <time>"]);
    let after =
        std::fs::read_to_string(site.path("content/toolkits/guide/02-section/detail.es.md"))
            .expect("the translation is still there");
    let print = site.run(&["fingerprint", "guide/02-section/detail"]).stdout;
    let kept: Vec<&str> = before
        .lines()
        .filter(|l| !l.starts_with("translated_from"))
        .collect();
    let mut expected = kept.clone();
    expected.insert(2, "");
    let expected = expected.join("\n").replacen(
        "\n\n",
        &format!("\ntranslated_from = \"{}\"\n", print.trim()),
        1,
    );
    assert_eq!(
        after.trim_end(),
        expected.trim_end(),
        "only the fingerprint changed"
    );
    let about =
        std::fs::read_to_string(site.path("content/pages/about.es.md")).expect("about.es.md");
    assert!(about.starts_with("+++\ntranslated_from = \""), "{about}");
    site.run(&[
        "translate",
        "pages/about",
        "--lang",
        "es",
        "--district",
        "north",
    ])
    .expect_code(2)
    .expect_diagnostics(&[
        "error: pages/about: standalone pages are the same in every district
  help: leave out --district to translate a standalone page",
    ]);
    assert!(!site.path(DETAIL_SOURCE).with_extension("fr.md").exists());
}

#[test]
fn translate_starts_a_district_s_own_translation_where_the_district_s_page_is() {
    let site = TestSite::new("languages-translate-district", "languages");
    site.run(&["translate", "guide/02-section/detail", "--lang", "es", "--district", "north"])
        .expect_code(0)
        .expect_diagnostics(&["Created content/districts/north/toolkits/guide/02-section/detail.es.md from content/toolkits/guide/02-section/detail.md; translate its title, summary and text, then run trellis check"]);
    site.run(&["translate", "guide/01-start", "--lang", "es", "--district", "north"])
        .expect_code(2)
        .expect_diagnostics(&["error: content/districts/north/toolkits/guide/01-start.es.md: the page already has this translation
  help: edit it; once it matches the page again, run `trellis translate guide/01-start --lang es --district north --record` to record that"]);
    site.write(
        "content/districts/north/toolkits/guide/03-bus.md",
        "+++\ntitle = \"The bus\"\n+++\nTake {{ district.values.bus }}.\n",
    );
    site.run(&["translate", "guide/03-bus", "--lang", "es", "--district", "north"])
        .expect_code(0)
        .expect_diagnostics(&["Created content/districts/north/toolkits/guide/03-bus.es.md from content/districts/north/toolkits/guide/03-bus.md; translate its title, summary and text, then run trellis check"]);
    site.run(&["translate", "guide/03-bus", "--lang", "es"])
        .expect_code(2)
        .expect_diagnostics(&["error: guide/03-bus: no such page in the toolkit
  help: name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before"]);
    site.run(&["translate", "guide/01-start", "--lang", "es", "--district", "south"])
        .expect_code(2)
        .expect_diagnostics(&["error: south: district `south` not found; it needs content/districts/south/district.toml, without errors
  help: did you mean `north`?"]);
    site.build().expect_code(0);
    assert!(site
        .read_output("es/districts/north/guide/bus/index.html")
        .contains("The bus"));
}

#[test]
fn a_translation_keeps_to_its_text_and_reserved_names_are_refused() {
    let site = TestSite::new("languages-reserved", "languages");
    site.write(
        "content/toolkits/guide/translations.md",
        "+++\ntitle = \"T\"\n+++\nx\n",
    )
    .write("content/pages/es.md", "+++\ntitle = \"Es\"\n+++\nx\n")
    .write(
        "content/toolkits/guide/02-section/_index.es.md",
        "+++\ntitle = \"G\"\n\n[toolkit]\naudience = [\"families\"]\n+++\nx\n",
    )
    .edit(
        "content/catalog/opportunities/health.toml",
        "title = \"Un día con una enfermera\"",
        "title = \"Un día con una enfermera\"\nskills = \"one\"\n\n[opportunity.fr]\ntitle = \"Un jour\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:35:1: error: opportunity `clinic-shadow`: `skills` in the `es` translation must be a list of strings
  help: write it as the `skills` of the record is written",
        "content/catalog/opportunities/health.toml:37:14: error: opportunity `clinic-shadow`: `fr` is not one of the site's languages
  help: the site's languages are: es",
        UNUSED_BUS,
        NO_FINGERPRINT,
        "content/pages/es.md: error: the page name `es` is the code of one of the site's languages
  help: rename the file; /es/ is where the site's edition in that language begins",
        "content/toolkits/guide/02-section/_index.es.md:5:1: error: a translation's `[toolkit]` table may hold only `district_defaults`
  help: remove `audience`; the toolkit's audience comes from its own _index.md",
        STALE,
        "content/toolkits/guide/translations.md: error: the name `translations` is reserved for the toolkit's translation guide
  help: rename it; in a site with languages, /toolkits/guide/translations/ holds the guide and the side-by-side views of stale translations",
        "Build failed: 5 errors, 3 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn without_languages_the_reserved_names_are_free() {
    let site = TestSite::new("languages-none-reserved", "basic");
    site.write("content/pages/es.md", "+++\ntitle = \"Es\"\n+++\nx\n");
    site.build().expect_code(0);
    assert!(site.read_output("es/index.html").contains("Es"));
}

#[test]
fn the_languages_of_site_toml_are_checked() {
    for (table, expected) in [
        (
            "[languages.EN]\nname = \"x\"",
            "content/site.toml:12:2: error: `EN` is not a language code
  help: name a language by its code in lowercase: [languages.es], [languages.pt-br]",
        ),
        (
            "[languages.en]\nname = \"English\"",
            "content/site.toml:12:2: error: `en` is the site's default language (`language`)
  help: list under [languages] only the languages the site is translated into",
        ),
    ] {
        let site = TestSite::new("languages-site-toml", "languages");
        let config = std::fs::read_to_string(site.path("content/site.toml")).expect("site.toml");
        site.write("content/site.toml", format!("{config}\n{table}\n"));
        site.build().expect_code(1).expect_diagnostics(&[
            UNUSED_BUS,
            NO_FINGERPRINT,
            expected,
            STALE,
            "Build failed: 1 error, 3 warnings; <site>/public was not changed",
        ]);
    }
    // An unknown key is reported once: the translations into the language it names are
    // not reported as in no language of the site as well.
    let site = TestSite::new("languages-site-toml-key", "languages");
    site.edit(
        "content/site.toml",
        "name = \"Español\"",
        "name = \"Español\"\ntitel = \"x\"",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        UNUSED_BUS,
        NO_FINGERPRINT,
        "content/site.toml:9:1: error: unknown key `titel`
  help: did you mean `title`? valid keys: name, title, description",
        STALE,
        "Build failed: 1 error, 3 warnings; <site>/public was not changed",
    ]);
}
