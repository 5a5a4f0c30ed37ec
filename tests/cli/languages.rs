//! Languages and translations (content format §10): translated pages, stale ones, catalog
//! translations and the errors each rule gives.

use crate::support::TestSite;

const STALE: &str = "content/toolkits/guide/02-section/detail.es.md:3:1: warning: content/toolkits/guide/02-section/detail.md has changed since this page was translated from it
  help: compare the two, update this translation, then run `trellis translate guide/02-section/detail --lang es --record`";
const NO_FINGERPRINT: &str = "content/pages/about.es.md: warning: the translation does not record which version of its page it translates
  help: once it matches content/pages/about.md, run `trellis translate pages/about --lang es --record` to add `translated_from`";

#[test]
fn a_stale_translation_and_one_without_a_fingerprint_are_warnings() {
    let site = TestSite::new("languages-warnings", "languages");
    let outcome = site.build();
    outcome.expect_code(0);
    let mut lines = outcome.diagnostics();
    lines.pop();
    let expected: Vec<&str> = [NO_FINGERPRINT, STALE]
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
        NO_FINGERPRINT,
        "content/toolkits/guide/01-stort.es.md:3:1: error: a translation has no `weight` of its own
  help: remove it; the translation takes `weight` from the page it translates",
        "content/toolkits/guide/02-section/_index.fr.md: error: `fr` is not one of the site's languages
  help: the site's languages are: es; add [languages.fr] to content/site.toml for another",
        STALE,
        "content/toolkits/guide/03-gone.es.md: error: the translation translates `03-gone.md`, which does not exist
  help: a translation sits beside its page, named after it: `<page>.es.md`",
        "Build failed: 4 errors, 2 warnings; <site>/public was not changed",
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
            "Checked: 0 errors, 2 warnings"
        ]
    );
}
