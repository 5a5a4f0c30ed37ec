//! Render stage, languages: what every page of a site with `[languages]` knows about the
//! other languages (its alternates, the switcher, whether its content is translated), and
//! how one language's files join the others' (`<code>/` in front of a language edition's).
//!
//! Every language's edition has the same pages at the same paths under its own page base,
//! so a page's alternates are its URL with the page base swapped: nothing is looked up.

use super::contexts::Frame;
use super::views::{Alternate, LanguagesView, TranslationView};
use std::collections::btree_map::Entry;

use super::{Files, Renderer, Theme};
use crate::diagnostics::Diagnostic;
use crate::model::{Language, Page, Site, Translation};

/// One of the site's languages, as a switcher offers it.
pub(super) struct Choice {
    /// `en`, `es`.
    code: String,
    /// Its own name for itself: `English`, `Español`.
    name: String,
    /// Where its pages live: `/`, `/es/`.
    pages: String,
}

/// The site's languages, the default first; none on a site in one language.
pub(super) fn choices(site: &Site, theme: &Theme) -> Vec<Choice> {
    if site.config.languages.is_empty() {
        return Vec::new();
    }
    let default = &site.config.language;
    let own_name = theme
        .strings(default)
        .get("language_name")
        .unwrap_or(default)
        .to_string();
    let first = Choice {
        code: default.clone(),
        name: own_name,
        pages: site.config.base_path.clone(),
    };
    let others = site.config.languages.iter().map(|l| Choice {
        code: l.code.clone(),
        name: l.name.clone(),
        pages: format!("{}{}/", site.config.base_path, l.code),
    });
    std::iter::once(first).chain(others).collect()
}

impl Renderer<'_> {
    /// `languages` for the page at `url`: its alternates; `None` on a site in one language.
    pub(super) fn languages_view(&self, url: &str) -> Option<LanguagesView> {
        let default = self.languages.first()?;
        let alternates: Vec<Alternate> = self
            .languages
            .iter()
            .map(|choice| {
                let url = self.urls.in_edition(url, &choice.pages);
                Alternate {
                    absolute: self.urls.absolute(&url),
                    code: choice.code.clone(),
                    name: choice.name.clone(),
                    current: choice.code == self.site.language.code,
                    url,
                }
            })
            .collect();
        Some(LanguagesView {
            code: self.site.language.code.clone(),
            default: default.code.clone(),
            x_default: alternates[0].absolute.clone(),
            alternates,
            translation: None,
        })
    }

    /// Marks `view` (a content page's `languages`) with the page's translation: `compare`
    /// is its side-by-side view, for a stale translation.
    pub(super) fn translation_of(
        &self,
        view: &mut Option<LanguagesView>,
        page: &Page,
        compare: impl FnOnce() -> String,
    ) {
        let Some(view) = view else { return };
        if self.site.language.default {
            return;
        }
        view.translation = Some(match &page.translation {
            Translation::Source | Translation::Missing => TranslationView {
                state: "missing",
                compare: None,
                source: view.alternates.first().map(|a| a.url.clone()),
            },
            Translation::Translated { stale: Some(_), .. } => TranslationView {
                state: "stale",
                compare: Some(compare()),
                source: view.alternates.first().map(|a| a.url.clone()),
            },
            Translation::Translated { stale: None, .. } => TranslationView {
                state: "translated",
                compare: None,
                source: None,
            },
        });
    }
}

impl<'a> Renderer<'a> {
    /// `frame` for a catalog record's page: in a language edition its content is shown in
    /// the default language, marked so, until the model gives records their translations.
    pub(super) fn record(&self, mut frame: Frame<'a>) -> Frame<'a> {
        if let (Some(view), false) = (&mut frame.languages, self.site.language.default) {
            view.translation = Some(TranslationView {
                state: "missing",
                compare: None,
                source: view.alternates.first().map(|a| a.url.clone()),
            });
        }
        frame
    }
}

/// The output paths every language shares, written by the default language's edition only:
/// the theme's static files, the toolkits' assets, the sitemap and `robots.txt`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SharedFiles {
    /// The default language writes them.
    Write,
    /// Another language leaves them to the default.
    Leave,
}

impl SharedFiles {
    /// What the edition in `language` does with the shared files.
    pub(super) fn of(language: &Language) -> SharedFiles {
        if language.default {
            SharedFiles::Write
        } else {
            SharedFiles::Leave
        }
    }
}

/// Adds a language edition's `files` to `all` under the language's prefix (`es/`). A path
/// already there is reported.
pub fn mount(all: &mut Files, files: Files, language: &Language) -> Vec<Diagnostic> {
    let prefix = language.prefix();
    let mut problems = Vec::new();
    for (path, bytes) in files {
        match all.entry(format!("{prefix}{path}")) {
            Entry::Occupied(taken) => problems.push(
                Diagnostic::error(taken.key(), super::collisions::SAME_OUTPUT).help(format!(
                    "`{}/` is where the {} edition lives; rename the page that uses it",
                    language.code, language.code
                )),
            ),
            Entry::Vacant(free) => {
                free.insert(bytes);
            }
        }
    }
    problems
}
