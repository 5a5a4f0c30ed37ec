//! Model stage: a [`Site`] → its translation report (content format §10.6): for each
//! toolkit and language, every page translated, stale or missing, with the words still to
//! translate, and the same for districts' own pages. The render stage turns it into the
//! translation guide; `trellis check` sums it up.

use super::{Origin, Page, Site, Toolkit};

/// Where one page stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageState {
    /// Translated, from the source as it is now.
    Translated,
    /// Translated from an earlier version of the source (or with no fingerprint recorded).
    Stale,
    /// Not translated.
    Missing,
}

/// One page's line in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLine {
    /// The page's title in the default language.
    pub title: String,
    /// Its source file, relative to the site root.
    pub path: std::path::PathBuf,
    /// Its URL path within its toolkit.
    pub url_path: String,
    /// Where it stands.
    pub state: PageState,
    /// The words still to translate: the source's words when missing or stale (a stale
    /// page is budgeted as a whole page to review), 0 when translated.
    pub words: usize,
}

/// One language of one toolkit, or of one district's own pages of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageReport {
    /// The language code.
    pub code: String,
    /// Every page, in reading order.
    pub pages: Vec<PageLine>,
    /// How many are translated, stale and missing.
    pub translated: usize,
    /// How many are stale.
    pub stale: usize,
    /// How many are missing.
    pub missing: usize,
    /// The words still to translate, summed.
    pub words: usize,
}

/// One toolkit's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolkitReport {
    /// The toolkit's slug.
    pub slug: String,
    /// Its regional pages, per language (in the site's language order).
    pub languages: Vec<LanguageReport>,
    /// Each district (by id) with its own pages of the toolkit, per language.
    pub districts: Vec<(String, Vec<LanguageReport>)>,
}

/// The translation report of `site` (in its default language).
pub fn report(site: &Site) -> Vec<ToolkitReport> {
    let codes: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    site.toolkits
        .iter()
        .map(|toolkit| {
            let pages: Vec<&Page> = toolkit.pages.iter().collect();
            let districts = site
                .editions
                .iter()
                .filter(|e| e.slug == toolkit.slug)
                .filter_map(|edition| {
                    let district = site.district(edition.district?);
                    let reports: Vec<LanguageReport> = codes
                        .iter()
                        .map(|code| language(code, &own_pages(edition, code)))
                        .collect();
                    let any = reports.iter().any(|r| !r.pages.is_empty());
                    any.then(|| (district.id.clone(), reports))
                })
                .collect();
            ToolkitReport {
                slug: toolkit.slug.clone(),
                languages: languages(&codes, &pages),
                districts,
            }
        })
        .collect()
}

/// A district edition's own pages in language `code`: its overrides and additions, and
/// the regional pages it shows with a translation of its own into `code` (a district's
/// Spanish page need not have an English page of its own).
fn own_pages<'t>(edition: &'t Toolkit, code: &str) -> Vec<&'t Page> {
    let districts = std::path::Path::new("content/districts");
    edition
        .pages
        .iter()
        .filter(|p| {
            p.origin != Origin::Base
                || p.translation_into(code)
                    .is_some_and(|t| t.file.path.starts_with(districts))
        })
        .collect()
}

/// `pages` in each language of `codes`.
fn languages(codes: &[&str], pages: &[&Page]) -> Vec<LanguageReport> {
    codes.iter().map(|code| language(code, pages)).collect()
}

/// `pages` in language `code`.
fn language(code: &str, pages: &[&Page]) -> LanguageReport {
    let lines: Vec<PageLine> = pages.iter().map(|p| line(p, code)).collect();
    let count = |s| lines.iter().filter(|l| l.state == s).count();
    LanguageReport {
        code: code.to_string(),
        translated: count(PageState::Translated),
        stale: count(PageState::Stale),
        missing: count(PageState::Missing),
        words: lines.iter().map(|l| l.words).sum(),
        pages: lines,
    }
}

/// Where `page` stands in language `code`.
fn line(page: &Page, code: &str) -> PageLine {
    let state = match page.translation_into(code) {
        Some(t) if t.stale.is_none() => PageState::Translated,
        Some(_) => PageState::Stale,
        None => PageState::Missing,
    };
    let words = match state {
        PageState::Translated => 0,
        _ => words(&page.title) + words(&page.file.text[page.body_start..]),
    };
    PageLine {
        title: page.title.clone(),
        path: page.file.path.clone(),
        url_path: page.url_path.clone(),
        state,
        words,
    }
}

/// The words of a text, Markdown marks and all: what a translator is paid by.
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Drafts;

    #[test]
    fn the_fixture_reports_translated_stale_and_missing_pages_with_their_words() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages");
        let site = Site::load(&root, Drafts::Exclude)
            .site
            .expect("the fixture loads");
        let report = report(&site);
        let guide = &report[0];
        let es = &guide.languages[0];
        let states: Vec<(&str, PageState, usize)> = es
            .pages
            .iter()
            .map(|l| (l.url_path.as_str(), l.state, l.words))
            .collect();
        assert_eq!(
            states,
            [
                ("", PageState::Translated, 0),
                ("start", PageState::Translated, 0),
                ("section", PageState::Missing, 11),
                ("section/detail", PageState::Stale, 10),
            ]
        );
        assert_eq!(
            (es.translated, es.stale, es.missing, es.words),
            (2, 1, 1, 21)
        );
        // North has no English page of its own, only a Spanish one: it is still north's.
        let (district, north) = &guide.districts[0];
        assert_eq!((guide.districts.len(), district.as_str()), (1, "north"));
        let states: Vec<(&str, PageState)> = north[0]
            .pages
            .iter()
            .map(|l| (l.url_path.as_str(), l.state))
            .collect();
        assert_eq!(states, [("start", PageState::Translated)]);
    }
}
