//! Render stage, translation guide: `/toolkits/<t>/translations/` (and its mirror in each
//! language), every page of a toolkit in each language as translated, out of date or not
//! translated, with the words still to translate, and the same for districts' own pages.
//!
//! What each page's state and words are is the model's translation report
//! ([`crate::model::translations::report`], which `trellis check` sums up too);
//! [`TranslationGuide::new`] only adds what a reader sees of each page in its language:
//! its title there and its address in that language's edition.

use std::collections::HashMap;

use serde::Serialize;

use super::contexts::{Frame, TemplateContext};
use super::links::Urls;
use super::views::{PageKind, ToolkitView};
use super::{RenderedFile, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::translations::{LanguageReport as Lines, PageLine, PageState, ToolkitReport};
use crate::model::{Page, Site, Toolkit};

/// The translation guides' rows: every toolkit's pages in every language but the default;
/// empty on a site in one language.
#[derive(Default)]
pub struct TranslationGuide {
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
    /// Districts' own pages (overrides, additions and their own translations).
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
    /// Words still to translate (the model's count).
    words: usize,
}

impl TranslationGuide {
    /// The guide's rows: `report`, the model's report of the site in its default language,
    /// shown through `editions`, each other language's edition of the site (see
    /// `Site::in_language`) for the pages' titles and addresses.
    pub fn new(report: &[ToolkitReport], editions: &[Site]) -> TranslationGuide {
        let languages = editions
            .iter()
            .enumerate()
            .map(|(i, site)| {
                let name = site
                    .config
                    .languages
                    .iter()
                    .find(|l| l.code == site.language.code)
                    .map_or_else(|| site.language.code.clone(), |l| l.name.clone());
                let urls = Urls::new(&site.config, &site.language);
                let toolkits = report
                    .iter()
                    .map(|toolkit| (toolkit.slug.clone(), rows(site, &urls, toolkit, i)))
                    .collect();
                LanguageReport {
                    code: site.language.code.clone(),
                    name,
                    toolkits,
                }
            })
            .collect();
        TranslationGuide { languages }
    }
}

/// The rows of `toolkit` in `site`'s language, the `index`th of the report's languages.
fn rows(site: &Site, urls: &Urls, toolkit: &ToolkitReport, index: usize) -> ToolkitRows {
    let regional = site.toolkits.iter().find(|t| t.slug == toolkit.slug);
    let pages: Vec<Row> = toolkit
        .languages
        .get(index)
        .map(|lines| shown(urls, regional, lines))
        .unwrap_or_default();
    let districts: Vec<Row> = toolkit
        .districts
        .iter()
        .flat_map(|(id, languages)| {
            let edition = site.editions.iter().find(|e| {
                e.slug == toolkit.slug && e.district.is_some_and(|d| site.district(d).id == *id)
            });
            languages
                .get(index)
                .map(|lines| shown(urls, edition, lines))
                .unwrap_or_default()
        })
        .collect();
    let words = pages.iter().chain(&districts).map(|r| r.words).sum();
    ToolkitRows {
        pages,
        districts,
        words,
    }
}

/// `lines` as rows: each page's title and address in `edition`, the toolkit edition the
/// lines are of in the language shown.
fn shown(urls: &Urls, edition: Option<&Toolkit>, lines: &Lines) -> Vec<Row> {
    let by_path: HashMap<&str, &Page> = edition
        .map(|e| e.pages.iter().map(|p| (p.url_path.as_str(), p)).collect())
        .unwrap_or_default();
    lines
        .pages
        .iter()
        .map(|line: &PageLine| {
            let page = by_path.get(line.url_path.as_str());
            Row {
                title: page.map_or_else(|| line.title.clone(), |p| p.title.clone()),
                url: edition
                    .map_or_else(String::new, |e| urls.toolkit_page(&e.root, &line.url_path)),
                state: match line.state {
                    PageState::Translated => "translated",
                    PageState::Stale => "stale",
                    PageState::Missing => "missing",
                },
                words: line.words,
            }
        })
        .collect()
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

    fn strings(&self) -> &super::Strings {
        self.frame.t
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
