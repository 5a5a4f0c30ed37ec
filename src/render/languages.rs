//! Render stage, languages: what every page of a site with `[languages]` knows about the
//! other languages (its alternates, the switcher, whether its content is translated), and
//! how one language's files join the others' (`<code>/` in front of a language edition's).
//!
//! Every language's edition has the same pages at the same paths under its own page base,
//! so a page's alternates are its URL with the page base swapped: nothing is looked up.
//! A stale translation also gets a side-by-side view of its source and itself
//! (`translation.html`), which only its language's edition has.

use std::path::{Component, Path};

use serde::Serialize;

use super::compare::{pairs, Pair};
use super::contexts::{Frame, TemplateContext};
use super::views::{Alternate, LanguagesView, PageKind, ToolkitView, TranslationView};
use super::{RenderedFile, Renderer, Theme};
use crate::diagnostics::Diagnostic;
use crate::model::{EditionIdx, Language, Page, Site, Translation};

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
                fields: Vec::new(),
            },
            Translation::Translated { stale: Some(_), .. } => TranslationView {
                state: "stale",
                compare: Some(compare()),
                source: view.alternates.first().map(|a| a.url.clone()),
                fields: Vec::new(),
            },
            Translation::Translated { stale: None, .. } => TranslationView {
                state: "translated",
                compare: None,
                source: None,
                fields: Vec::new(),
            },
        });
    }
}

/// `translation.html`: a stale translation beside the current default-language page, block
/// by block.
#[derive(Serialize)]
pub struct TranslationContext<'a> {
    /// `site` and `page`; `languages` is null, since only this language has the view.
    #[serde(flatten)]
    frame: Frame<'a>,
    /// The translation's title.
    title: &'a str,
    /// The toolkit the page belongs to; `null` for a standalone page.
    toolkit: Option<&'a ToolkitView>,
    /// The translated page.
    page_url: String,
    /// The page in the default language.
    source_url: String,
    /// The default language's code, the `lang` of the source column.
    source_lang: String,
    /// The source's blocks and the translation's, paired by position.
    pairs: Vec<Pair>,
    /// The command that records the source's current fingerprint once the translation is
    /// up to date: `trellis translate families/02-permits --lang es --record`.
    command: String,
}

impl TemplateContext for TranslationContext<'_> {
    fn template(&self) -> &'static str {
        "translation.html"
    }

    fn strings(&self) -> &super::Strings {
        self.frame.t
    }
}

/// How `trellis translate` names the page whose source file is `source` (relative to the
/// site root): `<toolkit>/<path>`, `<toolkit>/<path> --district <id>` or `pages/<slug>`.
fn translate_command(source: &Path, code: &str) -> String {
    let stem = source.with_extension("");
    let parts: Vec<&str> = stem
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let (page, district) = match parts.as_slice() {
        ["content", "toolkits", rest @ ..] => (rest.join("/"), String::new()),
        ["content", "districts", district, "toolkits", rest @ ..] => {
            (rest.join("/"), format!(" --district {district}"))
        }
        ["content", rest @ ..] => (rest.join("/"), String::new()),
        _ => (parts.join("/"), String::new()),
    };
    format!("trellis translate {page} --lang {code}{district} --record")
}

impl Renderer<'_> {
    /// Where the side-by-side view of `page` lives: under its toolkit edition's
    /// `translations/compare/` (`toolkit`), or `<page>/translation/` for a standalone page.
    pub(super) fn side_by_side_url(&self, toolkit: Option<EditionIdx>, page: &Page) -> String {
        match toolkit {
            Some(t) => {
                let root = &self.edition(t).root;
                match page.url_path.as_str() {
                    "" => self.urls.toolkit_page(root, "translations/compare"),
                    path => self
                        .urls
                        .toolkit_page(root, &format!("translations/compare/{path}")),
                }
            }
            None => format!("{}translation/", self.urls.page(&page.url_path)),
        }
    }

    /// The side-by-side views of `pages` (a toolkit edition's, or the standalone pages)
    /// whose translation is out of date; none in the default language.
    pub(super) fn side_by_sides(
        &self,
        toolkit: Option<EditionIdx>,
        pages: &[Page],
    ) -> Vec<Result<RenderedFile, Diagnostic>> {
        if self.site.language.default {
            return Vec::new();
        }
        pages
            .iter()
            .filter_map(|page| match &page.translation {
                Translation::Translated {
                    stale: Some(_),
                    source,
                    source_body_start,
                } => Some(self.side_by_side(
                    toolkit,
                    page,
                    (&source.path, &source.text[*source_body_start..]),
                )),
                _ => None,
            })
            .collect()
    }

    /// The side-by-side view of translated `page`, whose source's Markdown body is `source`.
    fn side_by_side(
        &self,
        toolkit: Option<EditionIdx>,
        page: &Page,
        source: (&Path, &str),
    ) -> Result<RenderedFile, Diagnostic> {
        let url = self.side_by_side_url(toolkit, page);
        let page_url = match toolkit {
            Some(t) => self
                .urls
                .toolkit_page(&self.edition(t).root, &page.url_path),
            None => self.urls.page(&page.url_path),
        };
        let default = self.languages.first().map(|c| c.pages.as_str());
        let source_url = self
            .urls
            .in_edition(&page_url, default.unwrap_or(&self.urls.pages));
        let strings = self.strings();
        let title = strings.fill("languages.compare_heading", &[("title", &page.title)]);
        let mut frame = self.frame(
            &title,
            strings.text("languages.compare_intro"),
            &url,
            PageKind::Translation,
        );
        frame.languages = None;
        let context = TranslationContext {
            frame,
            title: &page.title,
            toolkit: toolkit.map(|t| &self.toolkit_views[t.index()]),
            page_url,
            source_url,
            source_lang: self.site.config.language.clone(),
            pairs: pairs(source.1, &page.file.text[page.body_start..]),
            command: translate_command(source.0, &self.site.language.code),
        };
        self.finish(&context, &url)
    }
}

/// How much of a catalog record is in the edition's language.
#[derive(Clone, Copy)]
pub(super) struct RecordText<'r> {
    /// Whether the record has a translation into the edition's language at all.
    pub translated: bool,
    /// Its text fields shown in the default language (see the model's `untranslated`).
    pub untranslated: &'r [&'static str],
}

impl<'a> Renderer<'a> {
    /// `frame` for a catalog record's page: in a language edition, a record with no
    /// translation is `missing`, one with fields left in the default language `partial`
    /// (those fields are marked with `lang`), a complete one `translated`.
    pub(super) fn record(&self, frame: Frame<'a>, text: RecordText) -> Frame<'a> {
        let state = match (text.translated, text.untranslated.is_empty()) {
            (false, _) => "missing",
            (true, false) => "partial",
            (true, true) => "translated",
        };
        self.untranslated(frame, state, text.untranslated.to_vec())
    }

    /// `frame` for a district's page: in a language edition the district's own details
    /// (calendar, forms, policies) are in the default language, around the edition's words.
    pub(super) fn district_details(&self, frame: Frame<'a>) -> Frame<'a> {
        self.untranslated(frame, "partial", Vec::new())
    }

    /// `frame` with its content marked as `state` in a language edition.
    fn untranslated(
        &self,
        mut frame: Frame<'a>,
        state: &'static str,
        fields: Vec<&'static str>,
    ) -> Frame<'a> {
        if let (Some(view), false) = (&mut frame.languages, self.site.language.default) {
            view.translation = Some(TranslationView {
                state,
                compare: None,
                source: (state != "translated")
                    .then(|| view.alternates.first().map(|a| a.url.clone()))
                    .flatten(),
                fields,
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

#[cfg(test)]
mod tests {
    use super::translate_command;
    use std::path::Path;

    #[test]
    fn the_command_names_the_page_as_trellis_translate_does() {
        let command = |path: &str| translate_command(Path::new(path), "es");
        assert_eq!(
            command("content/toolkits/families/02-permits.md"),
            "trellis translate families/02-permits --lang es --record"
        );
        assert_eq!(
            command("content/districts/downey/toolkits/families/01-apply.md"),
            "trellis translate families/01-apply --lang es --district downey --record"
        );
        assert_eq!(
            command("content/pages/about.md"),
            "trellis translate pages/about --lang es --record"
        );
    }
}
