//! Pages: a toolkit chapter or section, or a standalone page, as loaded — its file, front
//! matter, place in its toolkit, where it came from, and its translation state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Date;
use crate::diagnostics::Diagnostic;
use crate::load::{
    has_front_matter, parse_toml, split_front_matter, FrontMatter, RawToolkitSettings, SourceFile,
};
use crate::slug::split_prefix;

use super::translation::PageTranslation;
use super::{Audience, PageIdx};

/// A Markdown page: a toolkit chapter or section, or a standalone page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Shared between the base edition and the district editions that use the page.
    pub file: Arc<SourceFile>,
    /// Byte offset in the file's text where the Markdown body begins, after the closing `+++`.
    pub body_start: usize,
    /// Its `title` from front matter.
    pub title: String,
    /// Its `weight` from front matter: it orders the page among its siblings first.
    pub weight: Option<i64>,
    /// Its `menu` from front matter: where a standalone page is linked from (an error on
    /// a toolkit page).
    pub menu: Option<crate::vocabulary::Menu>,
    /// The numeric prefix of its file or folder name, for ordering.
    pub prefix: Option<u64>,
    /// Its place among the links of its toolkit's `SUMMARY.md`, for ordering; `None` when
    /// the toolkit has none or it does not list the page.
    pub listed: Option<usize>,
    /// Its `summary` from front matter, if not blank; shown in listings and search.
    pub summary: Option<String>,
    /// Its own audience, or else its parent's.
    pub audience: Vec<Audience>,
    /// Its `draft` flag from front matter: such pages are built only when drafts are asked for.
    pub draft: bool,
    /// The `updated` date from front matter, shown on the page and in the sitemap.
    pub updated: Option<Date>,
    /// The fingerprint in `adapted_from`, naming the regional version a district override was adapted from.
    pub adapted_from: Option<String>,
    /// Relative to its toolkit (`hosting/before`; empty for the landing page) or, for a
    /// standalone page, to the site root.
    pub url_path: String,
    /// The source path within the toolkit without extension: `04-hosting/before`,
    /// `04-hosting` for `04-hosting/_index.md`, empty for the landing page.
    pub key: String,
    /// How deep it is in the toolkit: 0 for the landing page, 1 for its chapters, and so on.
    pub depth: usize,
    /// The section it is listed under; `None` for a landing page and a standalone page.
    pub parent: Option<PageIdx>,
    /// The pages listed under it, in reading order.
    pub children: Vec<PageIdx>,
    /// Where the page comes from in a district's edition.
    pub origin: Origin,
    /// In a language edition: whether the page is translated (see [`Translation`]).
    pub translation: Translation,
    /// For a translation: the fingerprint in `translated_from`.
    pub translated_from: Option<String>,
    /// Its translations, by language code (content format §10); shared by every edition
    /// and language that has the page.
    pub translations: Vec<Arc<PageTranslation>>,
    pub(super) toolkit_settings: Option<RawToolkitSettings>,
}

/// Whether a page of a language edition is in that language (content format, languages).
#[derive(Debug, Clone)]
pub enum Translation {
    /// A page of the default language (every page of a site without `[languages]`).
    Source,
    /// A translation (`<stem>.<code>.md`): the page's `file`, `title` and `summary` are the
    /// translation's.
    Translated {
        /// The default-language page it translates, for the side-by-side view.
        source: Arc<SourceFile>,
        /// Where the source's Markdown body begins.
        source_body_start: usize,
        /// Set when the source changed since the translation recorded its fingerprint.
        stale: Option<StaleTranslation>,
    },
    /// No translation: the default-language page is shown, marked as such.
    Missing,
}

/// A translation whose source page changed since it was translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleTranslation {
    /// The fingerprint in `translated_from`; `None` when the translation records none.
    pub recorded: Option<String>,
    /// The source page's fingerprint now.
    pub current: String,
}

/// Where a page of an edition comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The regional page, as it is.
    Base,
    /// A district's replacement for the regional page `base` (its source path).
    Override {
        /// The source path of the regional page it replaces.
        base: PathBuf,
        /// The regional page's fingerprint now.
        fingerprint: String,
        /// Whether the page's `adapted_from` no longer matches it (`false` without one).
        stale: bool,
    },
    /// A district's page with no regional counterpart.
    Addition,
}

impl Page {
    /// Reads a page and its front matter; problems go to `diagnostics`. `name` is the name
    /// the page is known by (its file's without `.md`, or its folder's for a section's
    /// index): its numeric prefix orders the page, and a page without front matter or a
    /// heading to take its title from is titled with it.
    pub fn read(
        root: &Path,
        path: &Path,
        name: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Page> {
        let file = Arc::new(SourceFile::read(root, path, diagnostics)?);
        let (front, body_start) = if has_front_matter(&file.text) || file.text.trim().is_empty() {
            let (start, end, body_start) = split_front_matter(&file)
                .map_err(|d| diagnostics.push(d))
                .ok()?;
            let front: FrontMatter = parse_toml(&file, start, end)
                .map_err(|d| diagnostics.extend(d))
                .ok()?;
            (front, body_start)
        } else {
            let (title, body_start) = match leading_heading(&file.text) {
                Some((title, body_start)) => (title, body_start),
                None => (crate::slug::name_in_words(name), 0),
            };
            (FrontMatter::titled(title), body_start)
        };
        diagnostics.extend(mdbook_directive(&file, body_start));
        let updated = front.updated.as_ref().and_then(|dt| {
            let date = Date::from_toml(dt);
            if date.is_none() {
                diagnostics.push(
                    Diagnostic::error(&file.path, "`updated` must be a date such as 2026-10-01")
                        .at(file.position_of_key("updated"))
                        .help(
                            "write the date without quotes or a time, e.g. `updated = 2026-10-01`",
                        ),
                );
            }
            date
        });
        Some(Page {
            body_start,
            title: front.title,
            weight: front.weight,
            menu: front.menu,
            prefix: split_prefix(name).0,
            listed: None,
            summary: front.summary.filter(|s| !s.trim().is_empty()),
            audience: front.audience,
            draft: front.draft,
            updated,
            adapted_from: front.adapted_from,
            url_path: String::new(),
            key: String::new(),
            depth: 0,
            parent: None,
            children: Vec::new(),
            origin: Origin::Base,
            translation: Translation::Source,
            translated_from: front.translated_from,
            translations: Vec::new(),
            toolkit_settings: front.toolkit,
            file,
        })
    }

    /// The section page of a folder that has pages but neither `_index.md` nor `README.md`:
    /// no text of its own (it lists its pages), titled with the folder's name in words,
    /// ordered by its prefix. Its file is the `_index.md` the folder would have.
    pub(crate) fn generated(path: PathBuf, folder_name: &str) -> Page {
        let file = Arc::new(SourceFile::from_text(path, String::new()));
        Page {
            body_start: 0,
            title: crate::slug::name_in_words(folder_name),
            weight: None,
            menu: None,
            prefix: split_prefix(folder_name).0,
            listed: None,
            summary: None,
            audience: Vec::new(),
            draft: false,
            updated: None,
            adapted_from: None,
            url_path: String::new(),
            key: String::new(),
            depth: 0,
            parent: None,
            children: Vec::new(),
            origin: Origin::Base,
            translation: Translation::Source,
            translated_from: None,
            translations: Vec::new(),
            toolkit_settings: None,
            file,
        }
    }

    /// Its `[toolkit]` table, while it has it (a landing page's is taken by its toolkit).
    pub(crate) fn toolkit_settings(&self) -> Option<&RawToolkitSettings> {
        self.toolkit_settings.as_ref()
    }

    /// Siblings sort by their place in the toolkit's `SUMMARY.md` (pages it lists first),
    /// then weight, then numeric prefix, then title (then file name, for ties).
    pub fn order_key(&self) -> (usize, i64, u64, &str, &Path) {
        (
            self.listed.unwrap_or(usize::MAX),
            self.weight.unwrap_or(i64::MAX),
            self.prefix.unwrap_or(u64::MAX),
            self.title.as_str(),
            self.file.path.as_path(),
        )
    }
}

/// The title and body start of a page without front matter that begins (after blank lines)
/// with a `# ` heading: the heading's text, and the offset after its line, so that the
/// title is not repeated in the body.
fn leading_heading(text: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            offset += line.len();
            continue;
        }
        let heading = trimmed.strip_prefix("# ")?;
        // A closing sequence of `#` after a space is not part of the heading (CommonMark).
        let title = match heading.trim_end().rsplit_once(' ') {
            Some((before, tail)) if tail.chars().all(|c| c == '#') => before,
            _ => heading,
        }
        .trim();
        return (!title.is_empty()).then(|| (title.to_string(), offset + line.len()));
    }
    None
}

/// A warning for a page whose body uses mdBook's `{{#...}}` directives (`{{#include}}`,
/// `{{#title}}`, ...), which Trellis does not read: one per page, at the first.
fn mdbook_directive(file: &SourceFile, body_start: usize) -> Option<Diagnostic> {
    let body = &file.text[body_start..];
    let at = body.find("{{#")?;
    let count = body.matches("{{#").count();
    let end = body[at..].find("}}").map_or(body.len(), |e| at + e + 2);
    let first = body[at..end].lines().next().unwrap_or_default();
    let more = match count {
        1 => String::new(),
        n => format!(" (this page has {n})"),
    };
    Some(
        Diagnostic::warning(
            &file.path,
            "mdBook directives are not read; the text is shown as written",
        )
        .at(file.position(body_start + at))
        .help(format!(
            "replace `{first}` with the text it stands for, or remove it{more}"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_heading_is_the_title() {
        assert_eq!(
            leading_heading("\n# Installation #\n\nText\n"),
            Some(("Installation".to_string(), 18))
        );
        assert_eq!(leading_heading("Text\n# Later\n"), None);
        assert_eq!(leading_heading("## Second level\n"), None);
        assert_eq!(leading_heading("#\n"), None);
        assert_eq!(leading_heading("# Learn C#\n").unwrap().0, "Learn C#");
    }
}
