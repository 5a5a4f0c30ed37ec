//! The page tree of a toolkit or an edition: each page's parent from its folder, unique
//! URLs, and audiences inherited from sections. (Reading order stays in `toolkit`, the only
//! place that makes a `PageIdx`.)

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostics::Diagnostic;

use super::toolkit::{Origin, Page, Toolkit, RESERVED_IN_TOOLKIT};
use super::translation::Languages;
use super::{Failed, PageIdx};

/// Finds each page's parent from its folder, as a position in `pages` (the loading order,
/// which [`reading_order`] replaces); a folder with pages needs an `_index.md`, unless it has
/// one that failed to load (`failed`): that was reported already.
pub(crate) fn link_parents(
    pages: &[Page],
    parent_keys: &[Option<String>],
    diagnostics: &mut Vec<Diagnostic>,
    failed: &Failed,
) -> Vec<Option<usize>> {
    let mut parents = vec![None; pages.len()];
    let by_key: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    let mut reported = Vec::new();
    for (i, parent_key) in parent_keys.iter().enumerate() {
        let Some(parent_key) = parent_key else {
            continue;
        };
        match by_key.get(parent_key) {
            Some(&parent) => parents[i] = Some(parent),
            None => {
                let folder = pages[i]
                    .file
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                if !reported.contains(parent_key) && !failed.covers(&folder.join("_index.md")) {
                    reported.push(parent_key.clone());
                    diagnostics.push(
                        Diagnostic::error(folder.join("_index.md"), "this folder has pages but no _index.md")
                            .help("add _index.md with a title for the section; its pages are listed under it"),
                    );
                }
            }
        }
    }
    parents
}

/// Gives each folder that holds pages but has no index page (`_index.md` or `README.md`)
/// a generated one (see [`Page::generated`]), so that its pages are listed under it; a
/// folder whose index failed to load (`failed`) gets none, as that was reported already.
/// `dir` is the toolkit's folder; keys are relative to it.
pub(crate) fn generate_sections(
    dir: &Path,
    pages: &mut Vec<Page>,
    parent_keys: &mut Vec<Option<String>>,
    failed: &Failed,
) {
    let mut keys: std::collections::HashSet<String> = pages.iter().map(|p| p.key.clone()).collect();
    let mut i = 0;
    // Generated sections are appended, so that a folder in a folder without an index
    // gets its own parent in turn.
    while i < pages.len() {
        let Some(key) = parent_keys[i].clone() else {
            i += 1;
            continue;
        };
        let index = dir.join(&key).join("_index.md");
        if keys.contains(&key) || failed.covers(&index) {
            i += 1;
            continue;
        }
        let (parent, name) = match key.rsplit_once('/') {
            Some((parent, name)) => (parent.to_string(), name.to_string()),
            None => (String::new(), key.clone()),
        };
        let mut page = Page::generated(index, &name);
        // Its folders' names placed the pages in it, so each makes a segment.
        let segments: Vec<String> = key.split('/').map(crate::slug::segment).collect();
        page.url_path = segments.join("/");
        page.key = key.clone();
        keys.insert(key);
        pages.push(page);
        parent_keys.push(Some(parent));
        i += 1;
    }
}

/// The name a toolkit's translation guide takes at the toolkit's top
/// (`<toolkit>/translations/`, and its side-by-side views under it), in a site with languages.
pub(crate) const RESERVED_WITH_LANGUAGES: &str = "translations";

/// Two pages may not share a URL, and top-level pages may not take the toolkit's own names
/// (nor, in a site with languages, [`RESERVED_WITH_LANGUAGES`]). `root` is where the
/// edition's pages live (`toolkits/<slug>`), for messages.
pub(crate) fn check_urls(
    pages: &[Page],
    (root, languages): (&str, &Languages),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
    for page in pages {
        if let Some(other) = seen.insert(&page.url_path, page) {
            let url = match page.url_path.as_str() {
                "" => format!("/{root}/"),
                path => format!("/{root}/{path}/"),
            };
            diagnostics.push(same_url(&page.file.path, &url, &other.file.path));
        }
        let first = page.url_path.split('/').next().unwrap_or_default();
        // A regional page is reported once, in its toolkit, not again in each edition.
        let regional_in_edition = root.starts_with("districts/") && page.origin == Origin::Base;
        if first == RESERVED_WITH_LANGUAGES && !languages.codes.is_empty() && !regional_in_edition {
            diagnostics.push(
                Diagnostic::error(
                    &page.file.path,
                    format!("the name `{first}` is reserved for the toolkit's translation guide"),
                )
                .help(format!(
                    "rename it; in a site with languages, /{root}/{first}/ holds the guide and the side-by-side views of stale translations"
                )),
            );
        }
        if RESERVED_IN_TOOLKIT.contains(&first) {
            diagnostics.push(
                Diagnostic::error(
                    &page.file.path,
                    format!("the name `{first}` is reserved for the toolkit's own pages"),
                )
                .help(format!(
                    "rename it; reserved names: {}",
                    RESERVED_IN_TOOLKIT.join(", ")
                )),
            );
        }
    }
}

/// The error for the page at `path` whose URL `url` the page at `other` has too: names
/// that differ can make one URL.
pub(crate) fn same_url(path: &Path, url: &str, other: &Path) -> Diagnostic {
    Diagnostic::error(path, format!("this page and another have the same URL `{url}`"))
        .at(crate::diagnostics::Position::START)
        .help(format!(
            "the other is {}:1:1; rename one of them (names that differ only in a numeric prefix, case, accents, spaces, `_` or punctuation make one URL)",
            crate::diagnostics::display_path(other)
        ))
}

/// Pages without an audience of their own take their parent's; the landing page takes the
/// toolkit's.
pub(crate) fn inherit_audience(toolkit: &mut Toolkit) {
    if toolkit.pages[0].audience.is_empty() {
        toolkit.pages[0].audience = toolkit.audience.clone();
    }
    for i in 1..toolkit.pages.len() {
        if toolkit.pages[i].audience.is_empty() {
            let parent = toolkit.pages[i].parent.unwrap_or(PageIdx::LANDING);
            toolkit.pages[i].audience = toolkit.page(parent).audience.clone();
        }
    }
}
