//! Render stage, translation guide: `/toolkits/<t>/translations/` (and its mirror in each
//! language), every page of a toolkit in each language as translated, out of date or not
//! translated, with the words still to translate, and the same for districts' own pages.
//!
//! [`TranslationReport::of`] reads each language's edition of the site (every page's
//! `translation`); it stands in for the model's report of translations until that lands.

use serde::Serialize;

use super::contexts::{Frame, TemplateContext};
use super::links::Urls;
use super::views::{PageKind, ToolkitView};
use super::{RenderedFile, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::{Origin, Page, Site, Toolkit, Translation};

/// Every toolkit's pages in every language but the default; empty on a site in one language.
#[derive(Default)]
pub struct TranslationReport {
    /// One entry per language, in the order of `[languages]`.
    languages: Vec<LanguageReport>,
}

/// One language's translations.
#[derive(Serialize)]
struct LanguageReport {
    /// `es`.
    code: String,
    /// `Español`.
    name: String,
    /// Toolkit slug → its regional pages, then districts' own pages.
    toolkits: Vec<(String, ToolkitRows)>,
}

/// One toolkit's pages in one language.
#[derive(Serialize, Clone)]
struct ToolkitRows {
    /// The regional pages, in reading order.
    pages: Vec<Row>,
    /// Districts' own pages (overrides and additions).
    districts: Vec<Row>,
    /// Words still to translate, over both lists.
    words: usize,
}

/// One page's translation.
#[derive(Serialize, Clone)]
struct Row {
    /// The page's title in that language (the default language's when not translated).
    title: String,
    /// The page in that language's edition.
    url: String,
    /// `translated`, `stale` or `missing`.
    state: &'static str,
    /// Words still to translate: the source's words unless it is translated and current.
    words: usize,
}

impl TranslationReport {
    /// The report of `editions`, each language's edition of the site (see `Site::in_language`).
    pub fn of(editions: &[Site]) -> TranslationReport {
        let languages = editions
            .iter()
            .map(|site| {
                let urls = Urls::new(&site.config, &site.language);
                let name = site
                    .config
                    .languages
                    .iter()
                    .find(|l| l.code == site.language.code)
                    .map_or_else(|| site.language.code.clone(), |l| l.name.clone());
                let toolkits = site
                    .toolkits
                    .iter()
                    .map(|toolkit| (toolkit.slug.clone(), rows(site, &urls, toolkit)))
                    .collect();
                LanguageReport {
                    code: site.language.code.clone(),
                    name,
                    toolkits,
                }
            })
            .collect();
        TranslationReport { languages }
    }
}

/// The rows of `toolkit`'s pages, and its districts' own pages, in `site`'s language.
fn rows(site: &Site, urls: &Urls, toolkit: &Toolkit) -> ToolkitRows {
    let row = |edition: &Toolkit, page: &Page| {
        let (state, words) = match &page.translation {
            Translation::Translated { stale: None, .. } => ("translated", 0),
            Translation::Translated {
                stale: Some(_),
                source,
                source_body_start,
            } => ("stale", words(&source.text[*source_body_start..])),
            Translation::Source | Translation::Missing => {
                ("missing", words(&page.file.text[page.body_start..]))
            }
        };
        Row {
            title: page.title.clone(),
            url: urls.toolkit_page(&edition.root, &page.url_path),
            state,
            words,
        }
    };
    let pages: Vec<Row> = toolkit.pages.iter().map(|p| row(toolkit, p)).collect();
    let districts: Vec<Row> = site
        .editions
        .iter()
        .filter(|e| e.slug == toolkit.slug)
        .flat_map(|e| {
            e.pages
                .iter()
                .filter(|p| p.origin != Origin::Base)
                .map(move |p| row(e, p))
        })
        .collect();
    let words = pages.iter().chain(&districts).map(|r| r.words).sum();
    ToolkitRows {
        pages,
        districts,
        words,
    }
}

/// How many words `text` has, as a translator counts them.
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// One language's rows for the guide of one toolkit.
#[derive(Serialize)]
struct LanguageRows<'a> {
    code: &'a str,
    name: &'a str,
    rows: ToolkitRows,
}

/// `translations.html`: a toolkit's translation guide.
#[derive(Serialize)]
pub struct TranslationsContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    frame: Frame<'a>,
    /// The toolkit.
    toolkit: &'a ToolkitView,
    /// Each language's rows.
    editions: Vec<LanguageRows<'a>>,
}

impl TemplateContext for TranslationsContext<'_> {
    fn template(&self) -> &'static str {
        "translations.html"
    }
}

impl Renderer<'_> {
    /// The translation guide of the regional toolkit at `t`.
    pub(super) fn translation_guide(
        &self,
        t: crate::model::EditionIdx,
    ) -> Result<RenderedFile, Diagnostic> {
        let toolkit = self.edition(t);
        let url = self.urls.toolkit_page(&toolkit.root, "translations");
        let title = format!("{} · {}", self.text("languages.guide_title"), toolkit.title);
        let editions = self
            .report
            .languages
            .iter()
            .filter_map(|l| {
                let (_, rows) = l.toolkits.iter().find(|(slug, _)| *slug == toolkit.slug)?;
                Some(LanguageRows {
                    code: &l.code,
                    name: &l.name,
                    rows: rows.clone(),
                })
            })
            .collect();
        let context = TranslationsContext {
            frame: self.frame(&title, "", &url, PageKind::Translations),
            toolkit: &self.toolkit_views[t.index()],
            editions,
        };
        self.finish(&context, &url)
    }

    /// The theme's string at `path` in the edition's language; the path itself when missing.
    fn text(&self, path: &str) -> String {
        self.strings().get(path).unwrap_or(path).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_are_counted_as_a_translator_would() {
        assert_eq!(words("## Who signs\n\nA parent — or guardian — signs."), 7);
        assert_eq!(words(""), 0);
    }
}
