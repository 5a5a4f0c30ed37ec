//! Front matter: the TOML between `+++` lines at the top of a Markdown page.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::vocabulary::Audience;

use super::SourceFile;

/// A page's front matter as written (docs/content-format.md §4.2 Front matter).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The `title` key, not blank.
    #[serde(deserialize_with = "crate::load::text::title")]
    pub title: String,
    /// The `weight` key: orders the page among its siblings before prefix and title.
    pub weight: Option<i64>,
    /// The `audience` key; empty when absent.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// The `summary` key, for listings and search.
    pub summary: Option<String>,
    /// The `draft` key; `false` when absent.
    #[serde(default)]
    pub draft: bool,
    /// The `updated` key, a TOML date not yet checked to be a plain date.
    pub updated: Option<toml::value::Datetime>,
    /// For district overrides: the fingerprint of the base page this page was adapted from.
    pub adapted_from: Option<String>,
    /// For translations: the fingerprint of the default-language page it was translated from.
    pub translated_from: Option<String>,
    /// Only in a toolkit's own `_index.md`.
    pub toolkit: Option<RawToolkitSettings>,
    /// Only on a standalone page: where it is linked from.
    pub menu: Option<crate::vocabulary::Menu>,
}

impl FrontMatter {
    /// The front matter a page without any has: its title, defaults for the rest.
    pub fn titled(title: String) -> FrontMatter {
        FrontMatter {
            title,
            weight: None,
            audience: Vec::new(),
            summary: None,
            draft: false,
            updated: None,
            adapted_from: None,
            translated_from: None,
            toolkit: None,
            menu: None,
        }
    }
}

/// Whether a page's text starts with a `+++` line, which opens front matter. A page that
/// does not is read without front matter (a converted mdBook page, say).
pub fn has_front_matter(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|line| line.trim_end() == "+++")
}

/// The `[toolkit]` table of a toolkit's `_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawToolkitSettings {
    /// The `audience` key: who the toolkit as a whole is for; empty when absent.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// The `district_defaults` table: the values placeholders take where a district has none.
    #[serde(default)]
    pub district_defaults: toml::Table,
}

/// Splits a page into its front matter (byte range of the TOML) and body start.
/// Returns `(toml_start, toml_end, body_start)`.
pub fn split_front_matter(file: &SourceFile) -> Result<(usize, usize, usize), Diagnostic> {
    let text = &file.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        let (message, help) = if text.trim().is_empty() {
            (
                "the page is empty",
                "write the page's text, starting with a `# ` heading for its title (or with front matter between `+++` lines)",
            )
        } else {
            (
                "the page does not start with front matter",
                "begin the file with a `+++` line, then `title = \"...\"`, then another `+++` line",
            )
        };
        return Err(Diagnostic::error(&file.path, message)
            .at_offset(text, 0)
            .help(help));
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Ok((toml_start, offset, body_start));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(&file.path, "the front matter is not closed")
            .at_offset(text, 0)
            .help("add a line `+++` after the last front-matter key"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text("p.md".into(), text.into())
    }

    #[test]
    fn splits_front_matter_from_body() {
        let f = file("+++\ntitle = \"A\"\n+++\nBody\n");
        let (s, e, b) = split_front_matter(&f).unwrap();
        assert_eq!(&f.text[s..e], "title = \"A\"\n");
        assert_eq!(&f.text[b..], "Body\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_located() {
        let d = split_front_matter(&file("# Title\n")).unwrap_err();
        assert_eq!(
            d.to_string().lines().next().unwrap(),
            "p.md:1:1: error: the page does not start with front matter"
        );
        let d = split_front_matter(&file("+++\ntitle = \"A\"\n")).unwrap_err();
        assert!(d.message.contains("not closed"));
    }
}
