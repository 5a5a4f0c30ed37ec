//! Model stage: translated pages (`<stem>.<code>.md` beside their source, content format
//! §10) → [`PageTranslation`]s attached to the pages they translate, checked: a language
//! the site has, a source page that exists, no `weight` or `audience` of their own, and a
//! recorded fingerprint that says whether the source changed since.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::district::fingerprint;
use super::toolkit::{Page, StaleTranslation};
use super::Drafts;
use crate::config::Date;
use crate::diagnostics::{closest, display_path, Diagnostic};
use crate::load::SourceFile;

/// One page's translation into one language, as read from `<stem>.<code>.md`.
#[derive(Debug, Clone)]
pub struct PageTranslation {
    /// The language it is in: one of the site's `[languages]`.
    pub code: String,
    /// The translation's file.
    pub file: Arc<SourceFile>,
    /// Where its Markdown body begins, after the closing `+++`.
    pub body_start: usize,
    /// Its `title`.
    pub title: String,
    /// Its `summary`, if not blank.
    pub summary: Option<String>,
    /// Its `updated` date, if given; the source's applies otherwise.
    pub updated: Option<Date>,
    /// Set when the source page changed since the fingerprint in `translated_from`, or when
    /// the translation records none.
    pub stale: Option<StaleTranslation>,
    /// In `_index.<code>.md`: `[toolkit.district_defaults]`, the toolkit's placeholder
    /// defaults in this language.
    pub district_defaults: toml::Table,
}

/// A translation as read, not yet attached to its source page.
#[derive(Debug, Clone)]
pub(crate) struct Loose {
    /// Its language code, as written in the file name (not yet checked against the site's).
    pub code: String,
    /// The path its source page has (or would have), relative to the site root.
    pub source: PathBuf,
    /// Its source's key in the toolkit (`04-hosting/before`); empty for a standalone page.
    pub key: String,
    /// The translation, read as a page.
    pub page: Page,
}

/// What attaching translations needs to know about the site.
#[derive(Debug, Clone)]
pub(crate) struct Languages {
    /// The codes of the site's `[languages]`, in order.
    pub codes: Vec<String>,
    /// Whether draft translations are kept.
    pub drafts: Drafts,
}

/// How `trellis translate` names a page, for the help of stale-translation warnings.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Naming<'a> {
    /// A regional toolkit's page: `<toolkit folder>/<path>`, from the folder at `.0`.
    Toolkit(&'a Path),
    /// A district's page of a toolkit: `<toolkit folder>/<path> --district <id>`.
    District(&'a Path, &'a str),
    /// A standalone page: `pages/<slug>`.
    Standalone,
}

impl Naming<'_> {
    /// The `trellis translate` arguments that name the page at `source` in language `code`.
    fn command(self, source: &Path, code: &str) -> String {
        let stem = source.with_extension("");
        let page = match self {
            Naming::Toolkit(dir) | Naming::District(dir, _) => {
                let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let rel = stem.strip_prefix(dir).unwrap_or(&stem);
                format!("{folder}/{}", display_path(rel))
            }
            Naming::Standalone => format!(
                "pages/{}",
                stem.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
            ),
        };
        let district = match self {
            Naming::District(_, id) => format!(" --district {id}"),
            _ => String::new(),
        };
        format!("trellis translate {page} --lang {code}{district} --record")
    }
}

/// Splits a translation's file name `<stem>.<code>.md` into the source's file name
/// (`<stem>.md`) and the code; `None` for any other name. The code is only shaped like one
/// here; whether the site has that language is checked when the translation is attached.
pub(crate) fn split_name(name: &str) -> Option<(String, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    (!base.is_empty() && crate::config::is_language_code(code))
        .then(|| (format!("{base}.md"), code))
}

impl Languages {
    /// Attaches each translation to the page among `pages` whose file is its source, and
    /// returns those with no such page. A translation in a language the site does not
    /// have, with `weight`, `audience` or `menu`, or a second one of a page, is reported and
    /// dropped; so is a draft unless drafts are built.
    pub(crate) fn attach(
        &self,
        pages: &mut [Page],
        loose: Vec<Loose>,
        naming: Naming<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Loose> {
        let sources = sources(pages, &loose);
        let mut unmatched = Vec::new();
        for (translation, source) in loose.into_iter().zip(sources) {
            if !self.accepts(&translation, diagnostics) {
                continue;
            }
            match source {
                Some((at, current)) => {
                    add(&mut pages[at], &translation, current, naming, diagnostics);
                }
                None => unmatched.push(translation),
            }
        }
        unmatched
    }

    /// Whether `translation` is in one of the site's languages and keeps to what a
    /// translation may say; each problem is reported.
    fn accepts(&self, translation: &Loose, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let page = &translation.page;
        let file = &page.file;
        if !self.codes.contains(&translation.code) {
            let help = if self.codes.is_empty() {
                format!(
                    "add [languages.{}] to content/site.toml to translate the site into it",
                    translation.code
                )
            } else {
                format!(
                    "the site's languages are: {}; add [languages.{}] to content/site.toml for another",
                    self.codes.join(", "),
                    translation.code
                )
            };
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    format!("`{}` is not one of the site's languages", translation.code),
                )
                .help(help),
            );
            return false;
        }
        let mut fine = true;
        for key in ["weight", "audience", "menu"] {
            let given = match key {
                "weight" => page.weight.is_some(),
                "menu" => page.menu.is_some(),
                _ => !page.audience.is_empty(),
            };
            if given {
                diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        format!("a translation has no `{key}` of its own"),
                    )
                    .at(file.position_of_key(key))
                    .help(format!(
                        "remove it; the translation takes `{key}` from the page it translates"
                    )),
                );
                fine = false;
            }
        }
        if let Some(settings) = page.toolkit_settings() {
            if !settings.audience.is_empty() {
                diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        "a translation's `[toolkit]` table may hold only `district_defaults`",
                    )
                    .at(file
                        .position_of_key("toolkit.audience")
                        .max(file.position_of_key("audience")))
                    .help("remove `audience`; the toolkit's audience comes from its own _index.md"),
                );
                fine = false;
            }
        }
        fine && !(page.draft && self.drafts == Drafts::Exclude)
    }
}

/// For each of `loose`, its source among `pages` (the first page with its path) and that
/// page's fingerprint; `None` for a translation with no source. Looked up by path; each
/// source is fingerprinted once (it reads every byte), however many languages translate
/// it, and the fingerprints are made in parallel.
fn sources(pages: &[Page], loose: &[Loose]) -> Vec<Option<(usize, String)>> {
    let mut by_path: HashMap<&Path, usize> = HashMap::with_capacity(pages.len());
    for (at, page) in pages.iter().enumerate() {
        by_path.entry(page.file.path.as_path()).or_insert(at);
    }
    let found: Vec<Option<usize>> = loose
        .iter()
        .map(|translation| by_path.get(translation.source.as_path()).copied())
        .collect();
    let used: BTreeSet<usize> = found.iter().flatten().copied().collect();
    let prints: HashMap<usize, String> = used
        .into_par_iter()
        .map(|at| (at, fingerprint(&pages[at].file.text)))
        .collect();
    found
        .into_iter()
        .map(|at| at.map(|at| (at, prints[&at].clone())))
        .collect()
}

/// Attaches `translation` to its source `page`, whose fingerprint is `current`, warning
/// when it is stale.
fn add(
    page: &mut Page,
    translation: &Loose,
    current: String,
    naming: Naming<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let read = &translation.page;
    if let Some(other) = page
        .translations
        .iter()
        .find(|t| t.code == translation.code)
    {
        diagnostics.push(
            Diagnostic::error(
                &read.file.path,
                "two translations of one page into one language",
            )
            .help(format!(
                "keep one of this file and {}",
                display_path(&other.file.path)
            )),
        );
        return;
    }
    let command = naming.command(&page.file.path, &translation.code);
    let stale = match read.translated_from.as_deref() {
        Some(recorded) if recorded == current => None,
        Some(recorded) => {
            diagnostics.push(
                Diagnostic::warning(
                    &read.file.path,
                    format!(
                        "{} has changed since this page was translated from it",
                        display_path(&page.file.path)
                    ),
                )
                .at(read.file.position_of_key("translated_from"))
                .help(format!(
                    "compare the two, update this translation, then run `{command}`"
                )),
            );
            Some(recorded.to_string())
        }
        None => {
            diagnostics.push(
                Diagnostic::warning(
                    &read.file.path,
                    "the translation does not record which version of its page it translates",
                )
                .help(format!(
                    "once it matches {}, run `{command}` to add `translated_from`",
                    display_path(&page.file.path)
                )),
            );
            None
        }
    };
    let stale = (stale.is_some() || read.translated_from.is_none()).then_some(StaleTranslation {
        recorded: stale,
        current,
    });
    let translated = PageTranslation {
        code: translation.code.clone(),
        file: read.file.clone(),
        body_start: read.body_start,
        title: read.title.clone(),
        summary: read.summary.clone(),
        updated: read.updated,
        stale,
        district_defaults: read
            .toolkit_settings()
            .map(|s| s.district_defaults.clone())
            .unwrap_or_default(),
    };
    let at = page
        .translations
        .partition_point(|t| t.code < translated.code);
    page.translations.insert(at, Arc::new(translated));
}

/// Reports translations whose source page does not exist; `names` are the paths of the
/// pages there are (relative to the site root), for a near-miss suggestion.
pub(crate) fn report_unmatched<'a>(
    unmatched: &[Loose],
    names: impl Iterator<Item = &'a Path> + Clone,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for translation in unmatched {
        let source = &translation.source;
        let dir = source.parent().unwrap_or(Path::new(""));
        let wanted = display_path(source.strip_prefix(dir).unwrap_or(source));
        let near = names
            .clone()
            .filter(|p| p.parent() == Some(dir))
            .filter_map(|p| p.file_name().and_then(|n| n.to_str()));
        let help = match closest(&wanted, near) {
            Some(near) => format!(
                "the closest page is `{near}`; its translation would be `{}.{}.md`",
                near.trim_end_matches(".md"),
                translation.code
            ),
            None => format!(
                "a translation sits beside its page, named after it: `<page>.{}.md`",
                translation.code
            ),
        };
        diagnostics.push(
            Diagnostic::error(
                &translation.page.file.path,
                format!("the translation translates `{wanted}`, which does not exist"),
            )
            .help(help),
        );
    }
}

impl Page {
    /// The translation of the page into `code`, if it has one.
    pub fn translation_into(&self, code: &str) -> Option<&PageTranslation> {
        self.translations
            .iter()
            .find(|t| t.code == code)
            .map(|t| &**t)
    }

    /// The default-language file of the page: its own, or, in a language edition, the one
    /// its translation was made from. Links in either are resolved against this path.
    pub fn source_path(&self) -> &Path {
        match &self.translation {
            super::Translation::Translated { source, .. } => &source.path,
            _ => &self.file.path,
        }
    }

    /// The page in language `code`: its translation's file, title, summary (and `updated`,
    /// if set), marked [`super::Translation::Translated`]; else the page as it is, marked
    /// [`super::Translation::Missing`].
    pub(crate) fn project(&mut self, code: &str) {
        let Some(translated) = self.translations.iter().find(|t| t.code == code).cloned() else {
            self.translation = super::Translation::Missing;
            return;
        };
        let source = std::mem::replace(&mut self.file, translated.file.clone());
        let source_body_start = std::mem::replace(&mut self.body_start, translated.body_start);
        self.title = translated.title.clone();
        self.summary = translated.summary.clone();
        if translated.updated.is_some() {
            self.updated = translated.updated;
        }
        self.translation = super::Translation::Translated {
            source,
            source_body_start,
            stale: translated.stale.clone(),
        };
    }
}
