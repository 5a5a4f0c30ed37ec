//! `trellis check`: everything the build validates, without writing anything, plus what a
//! build lets pass: links and `#fragments` in every rendered page (templates included),
//! placeholders a district leaves to the toolkit's defaults, and employers with nothing
//! open. Reports as text or as stable JSON for CI in a content repository.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{self, Diagnostic, Severity};
use crate::markdown::a11y::Document;
use crate::markdown::{placeholder_paths, Trust};
use crate::model::{Drafts, Site};
use crate::render::links::{lookup, percent_decode};
use crate::render::Files;

/// Everything `check` finds, sorted by file and position. Its own checks run on what the
/// build could make even when the build failed: the site's placeholders and employers
/// whenever the content loaded, the rendered links once the build succeeded.
pub fn check(root: &Path) -> Checked {
    let mut checked = crate::render_for_check(root, Drafts::Exclude);
    let documents = std::mem::take(&mut checked.documents);
    let mut found = checked.diagnostics;
    let mut untranslated = Vec::new();
    let mut renames = Vec::new();
    if let Some(site) = &checked.site {
        untranslated = untranslated_pages(site);
        renames = crate::model::renames::renames(site);
        if let Some(files) = &checked.files {
            found.extend(links(files, &site.config.base_path));
            // The same site made to open from disk: its own links, made relative.
            let mut once = crate::Cache::new(crate::memo::Policy::Forget);
            let shape = crate::portable::Shape::portable();
            if let Ok(portable) = crate::render_shaped(root, Drafts::Exclude, &mut once, &shape) {
                found.extend(portable_links(&portable.files));
            }
        }
        found.extend(defaulted_placeholders(site));
        // A record that failed may be what keeps an employer busy: with catalog errors,
        // "no opportunities" would be a follow-on of them.
        let catalog_failed = found
            .iter()
            .any(|d| d.is_error() && d.path.starts_with("content/catalog/"));
        if !catalog_failed {
            found.extend(idle_employers(site));
        }
    }
    diagnostics::sort(&mut found);
    Checked {
        diagnostics: found,
        untranslated,
        renames,
        documents,
    }
}

/// What `check` found: problems, and how much of the site is not yet translated.
pub struct Checked {
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Per language: what is left to translate. Information only, never a failure.
    pub untranslated: Vec<Untranslated>,
    /// Files and folders whose names are not what they are served as, with the names that
    /// would match. Information only, never a failure.
    pub renames: Vec<crate::model::renames::Rename>,
    /// Every office document the site's Markdown links to, once per page and target, for a
    /// person to review for accessibility. Information only, never a failure.
    pub documents: Vec<Document>,
}

impl Checked {
    /// Keeps only what `--a11y` asks for: the accessible-authoring warnings and the linked
    /// documents, with every error (an error can stop the checks, and fails the check).
    pub fn accessibility_only(&mut self) {
        self.diagnostics
            .retain(|d| d.is_error() || crate::markdown::a11y::is_authoring(d));
        self.untranslated.clear();
        self.renames.clear();
    }

    /// The list of linked documents as `check` prints it after the warnings: a heading
    /// line, then `path:line:col  target` for each. Nothing when there are none.
    pub fn documents_text(&self) -> Vec<String> {
        if self.documents.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![format!(
            "Linked documents to review for accessibility ({}):",
            self.documents.len()
        )];
        lines.extend(self.documents.iter().map(|d| {
            format!(
                "  {}:{}:{}  {}",
                diagnostics::printable(&d.path),
                d.position.line,
                d.position.col,
                diagnostics::printable(&d.target)
            )
        }));
        lines
    }
}

/// A linked document in the JSON report.
#[derive(Serialize)]
pub struct JsonDocument<'a> {
    /// The page or catalog file that links to it, relative to the site root.
    pub path: &'a str,
    /// The link's line, from 1.
    pub line: usize,
    /// The link's column, from 1, in characters.
    pub col: usize,
    /// The link's address as written.
    pub target: &'a str,
}

/// How much of the site's pages one language still lacks (toolkits' regional pages and
/// districts' own pages; stale translations count as pages to translate).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Untranslated {
    /// The language code.
    pub language: String,
    /// Pages with no translation.
    pub missing: usize,
    /// Pages whose translation is stale.
    pub stale: usize,
    /// The words of those pages.
    pub words: usize,
}

impl std::fmt::Display for Untranslated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pages = |n: usize| if n == 1 { "page" } else { "pages" };
        write!(
            f,
            "{}: {} {} not translated, {} stale; {} words to translate",
            self.language,
            self.missing,
            pages(self.missing),
            self.stale,
            self.words
        )
    }
}

/// The summary of [`crate::model::translations::report`] per language.
fn untranslated_pages(site: &Site) -> Vec<Untranslated> {
    let report = crate::model::translations::report(site);
    site.config
        .languages
        .iter()
        .map(|language| {
            let mut sum = Untranslated {
                language: language.code.clone(),
                missing: 0,
                stale: 0,
                words: 0,
            };
            let all = report.iter().flat_map(|t| {
                t.languages
                    .iter()
                    .chain(t.districts.iter().flat_map(|(_, l)| l))
            });
            for l in all.filter(|l| l.code == language.code) {
                sum.missing += l.missing;
                sum.stale += l.stale;
                sum.words += l.words;
            }
            sum
        })
        .collect()
}

/// The JSON form of a check (`--format json`). Version 1: fields are added, never renamed.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// The report format's version, now 1.
    pub version: u32,
    /// How many errors were found.
    pub errors: usize,
    /// How many warnings were found.
    pub warnings: usize,
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Per language, what is left to translate; absent for a site in one language.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub untranslated: &'a [Untranslated],
    /// Files and folders whose names are not what they are served as; absent when none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub renames: &'a [crate::model::renames::Rename],
    /// Every office document linked from the site's Markdown, to review for accessibility;
    /// absent when there is none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub documents: Vec<JsonDocument<'a>>,
}

/// One problem in the JSON report.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The file, relative to the site root, with `/` separators.
    pub path: &'a str,
    /// The line, from 1; `null` for a problem with the whole file.
    pub line: Option<usize>,
    /// The column, from 1, in characters; `null` for a problem with the whole file.
    pub column: Option<usize>,
    /// The spreadsheet cell (`E7`) of a problem in a `.csv` or `.xlsx` catalog file, whose
    /// line and column are then the row and the column's number; absent for other files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// What is wrong.
    pub message: &'a str,
    /// What to do about it, or `null`.
    pub help: Option<&'a str>,
}

/// The JSON report (`--format json`) of `found`, pretty-printed.
pub fn json(checked: &Checked) -> String {
    let found = &checked.diagnostics;
    let report = JsonReport {
        untranslated: &checked.untranslated,
        renames: &checked.renames,
        documents: checked
            .documents
            .iter()
            .map(|d| JsonDocument {
                path: &d.path,
                line: d.position.line,
                col: d.position.col,
                target: &d.target,
            })
            .collect(),
        version: 1,
        errors: found.iter().filter(|d| d.is_error()).count(),
        warnings: found.iter().filter(|d| !d.is_error()).count(),
        diagnostics: found
            .iter()
            .map(|d| JsonDiagnostic {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                path: &d.path,
                line: d.position.map(|p| p.line),
                column: d.position.map(|p| p.col),
                cell: cell(d),
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).expect("the report always serialises")
}

/// The spreadsheet name of the cell a diagnostic on a catalog spreadsheet points at: `E7`.
fn cell(d: &crate::diagnostics::Diagnostic) -> Option<String> {
    let sheet = crate::load::sheet::is_sheet(std::path::Path::new(&d.path));
    let p = d.position.filter(|_| sheet)?;
    Some(format!(
        "{}{}",
        crate::load::sheet::column_letters(p.col.saturating_sub(1)),
        p.line
    ))
}

const LINK_SOURCE_HELP: &str =
    "the link comes from a page's Markdown or from a theme template; fix it there";

/// Checks every `href`, `src` and `#fragment` on the site's own pages against the files
/// the build would write.
pub fn links(files: &Files, base_path: &str) -> Vec<Diagnostic> {
    each_link(files, |page, url, ids| {
        broken(page, url, files, ids, base_path).map(|problem| {
            Diagnostic::warning(format!("public/{page}"), format!("link `{url}` {problem}"))
                .help(LINK_SOURCE_HELP)
        })
    })
}

/// Checks every `href` and `src` of the portable build (`trellis build --portable`, the
/// files of a bundle): each must be relative and name a file the build writes, since a
/// folder or a root-relative address opens nothing from disk.
pub fn portable_links(files: &Files) -> Vec<Diagnostic> {
    each_link(files, |page, url, ids| {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let problem = if url.starts_with('/') {
            Some("starts at the root of the disk".to_string())
        } else if path.ends_with('/') || path == "." || path.ends_with("/.") || path == ".." {
            Some("names a folder, which shows a file listing or nothing".to_string())
        } else {
            broken(page, url, files, ids, "/")
        };
        problem.map(|problem| {
            Diagnostic::warning(
                format!("public/{page}"),
                format!("in the portable build, link `{url}` {problem}"),
            )
            .help("opened from disk, every link must lead to a file; make the link relative (the theme's links: `{{ site.base_path }}`), or report it as a bug in Trellis")
        })
    })
}

/// Each `href` and `src` of each page of `files` once (addresses with a scheme aside), with
/// the ids of every page, given to `problem`; what it returns is what was found.
fn each_link(
    files: &Files,
    mut problem: impl FnMut(&str, &str, &BTreeMap<&str, BTreeSet<&str>>) -> Option<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut ids: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap_or_default();
        ids.insert(path, attribute_values(html, "id").collect());
    }
    let mut found = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap_or_default();
        let mut seen = BTreeSet::new();
        for url in attribute_values(html, "href").chain(attribute_values(html, "src")) {
            if !seen.insert(url) || url.contains(':') && !url.starts_with('/') {
                continue; // mailto:, https:, ... and repeats
            }
            found.extend(problem(path, url, &ids));
        }
    }
    found
}

/// The values of every `name="..."` attribute in our own HTML (values are escaped, so a
/// quote never appears inside one).
pub(crate) fn attribute_values<'a>(
    html: &'a str,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    let needle = format!(" {name}=\"");
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = rest.find(&needle)? + needle.len();
        let len = rest[start..].find('"')?;
        let value = &rest[start..start + len];
        rest = &rest[start + len..];
        Some(value)
    })
}

fn broken(
    page: &str,
    url: &str,
    files: &Files,
    ids: &BTreeMap<&str, BTreeSet<&str>>,
    base_path: &str,
) -> Option<String> {
    let url = url.replace("&amp;", "&");
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(inside) = path.strip_prefix(base_path) {
        inside.to_string()
    } else if path.starts_with('/') {
        return Some(format!("is outside the site's base path `{base_path}`"));
    } else {
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        crate::load::normalize(&dir.join(path))?
            .to_string_lossy()
            .into_owned()
    };
    let target = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target
    };
    let target = percent_decode(&target);
    if !files.contains_key(&target) {
        return Some("points to no page or file of the site".to_string());
    }
    match fragment.filter(|f| !f.is_empty()) {
        Some(fragment)
            if !ids
                .get(target.as_str())
                .is_some_and(|set| set.contains(fragment)) =>
        {
            Some(format!(
                "points to `#{fragment}`, which is not on that page"
            ))
        }
        _ => None,
    }
}

/// A warning for each placeholder a district's edition shows with the toolkit's default.
fn defaulted_placeholders(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for edition in &site.editions {
        let Some(d) = edition.district else { continue };
        let district = site.district(d);
        let mut used: BTreeMap<String, usize> = BTreeMap::new();
        for page in &edition.pages {
            for path in placeholder_paths(&page.file.text[page.body_start..], Trust::Author) {
                *used.entry(path).or_insert(0) += 1;
            }
        }
        for (path, pages) in used {
            if lookup(&district.values, &path).is_none() {
                found.push(
                    Diagnostic::warning(
                        &district.file.path,
                        format!(
                            "district `{}` leaves `district.{path}` to the default of `{}` \
                             ({pages} {})",
                            district.id,
                            edition.slug,
                            if pages == 1 { "page" } else { "pages" }
                        ),
                    )
                    .help(format!(
                        "set `{path}` in this file to show the district's own value"
                    )),
                );
            }
        }
    }
    found
}

const IDLE_EMPLOYER_HELP: &str =
    "add an opportunity with a deadline ahead, or leave it: its page still shows who they are";

/// A warning for each employer whose page lists no open opportunity.
fn idle_employers(site: &Site) -> Vec<Diagnostic> {
    let catalog = &site.catalog;
    catalog
        .employers
        .iter()
        .filter(|e| {
            !e.opportunities
                .iter()
                .any(|&o| catalog.opportunity(o).is_open())
        })
        .map(|e| {
            let message = if e.opportunities.is_empty() {
                format!("employer `{}` has no opportunities", e.id)
            } else {
                let id = &e.id;
                format!("employer `{id}` has no open opportunities; its page lists only past ones")
            };
            Diagnostic::warning(&e.description.file, message)
                .at(e.description.position)
                .help(IDLE_EMPLOYER_HELP)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_in_order() {
        let html = r#"<a href="/a/">x</a><h2 id="one"></h2><img src="b.png" alt=""><p id="two">"#;
        assert_eq!(attribute_values(html, "href").collect::<Vec<_>>(), ["/a/"]);
        assert_eq!(
            attribute_values(html, "id").collect::<Vec<_>>(),
            ["one", "two"]
        );
        assert_eq!(attribute_values(html, "src").collect::<Vec<_>>(), ["b.png"]);
    }

    #[test]
    fn links_and_fragments_are_checked() {
        const HOME: &str = concat!(
            r##"<a href="/a/#x">1</a><a href="/a/#y">2</a><a href="/b/">3</a>"##,
            r##"<a href="#top">4</a><a href="mailto:x@example.org">5</a>"##,
        );
        let file = |path: &str, html: &str| (path.to_string(), html.as_bytes().to_vec().into());
        let files = Files::from([
            file("index.html", HOME),
            file("a/index.html", r#"<h2 id="x"></h2>"#),
        ]);
        let found: Vec<String> = links(&files, "/")
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(
            found,
            [
                "link `/a/#y` points to `#y`, which is not on that page",
                "link `/b/` points to no page or file of the site",
                "link `#top` points to `#top`, which is not on that page",
            ]
        );
    }
}
