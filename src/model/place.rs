//! Where a toolkit's Markdown file goes: its key (its path), the section it is listed
//! under, and the URL its folders' and its own names make. Any name is accepted; a name
//! that makes no URL segment is an error at the file or folder.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::slug::segment;

/// A Markdown file's place in its toolkit, worked out from its path.
pub(crate) struct Placement {
    /// Its path in the toolkit without `.md` (a section's: its folder's).
    pub key: String,
    /// The key of the section it is listed under; `None` for the landing page.
    pub parent_key: Option<String>,
    /// Its URL relative to the toolkit's.
    pub url_path: String,
}

/// What a Markdown file is to its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The folder's own page: `_index.md`, or `README.md` (any case) where the folder has
    /// no `_index.md`.
    Index,
    /// A page of the folder.
    Page,
}

/// Works out where `rel` (relative to the toolkit folder) sits: its key is its path, and
/// its URL is made of the segments its folders' names and its own name make
/// ([`segment`]). A name that makes an empty segment is an error.
pub(crate) fn place(path: &Path, rel: &Path, role: Role) -> Result<Placement, Diagnostic> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let (file, dirs) = parts.split_last().expect("a file path has a file name");
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let is_index = role == Role::Index;
    let mut segments = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let folder = path.ancestors().nth(dirs.len() - i).unwrap_or(path);
        segments.push(named_segment(folder, dir, NameOf::Folder)?);
    }
    if !is_index {
        segments.push(named_segment(path, stem, NameOf::File)?);
    }
    let key_parts: Vec<&str> = dirs
        .iter()
        .copied()
        .chain((!is_index).then_some(stem))
        .collect();
    let key = key_parts.join("/");
    let parent_key = if key.is_empty() {
        None
    } else if is_index {
        Some(dirs[..dirs.len() - 1].join("/"))
    } else {
        Some(dirs.join("/"))
    };
    Ok(Placement {
        key,
        parent_key,
        url_path: segments.join("/"),
    })
}

/// Whether a name is a file's or a folder's, for messages.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NameOf {
    /// A page's file, named without `.md`.
    File,
    /// A folder.
    Folder,
}

/// The URL segment `name` makes, or the error at `path` (the file or folder so named) when
/// it makes none.
pub(crate) fn named_segment(path: &Path, name: &str, of: NameOf) -> Result<String, Diagnostic> {
    let made = segment(name);
    if !made.is_empty() {
        return Ok(made);
    }
    let (what, example) = match of {
        NameOf::File => ("the file", "`03-insurance.md`"),
        NameOf::Folder => ("the folder", "`04-hosting`"),
    };
    let shown = match of {
        NameOf::File => format!("{name}.md"),
        NameOf::Folder => format!("{name}/"),
    };
    Err(Diagnostic::error(
        path,
        format!("`{shown}` makes no URL: no letter or digit is left once its numeric prefix and other characters are dropped"),
    )
    .help(format!("give {what} a name with a letter or digit, e.g. {example}")))
}

/// What placing the Markdown files of a folder needs: where it is, and which of its
/// folders have an `_index.md` (a `README.md` is the index only of a folder without one).
pub(crate) struct Names<'a> {
    pub root: &'a Path,
    pub dir: &'a Path,
    indexed: std::collections::HashSet<&'a Path>,
}

impl<'a> Names<'a> {
    pub fn of(root: &'a Path, dir: &'a Path, files: &'a [PathBuf]) -> Names<'a> {
        let indexed = files
            .iter()
            .filter(|f| f.file_name().is_some_and(|n| n == "_index.md"))
            .filter_map(|f| f.parent())
            .collect();
        Names { root, dir, indexed }
    }

    /// Whether `path` is the folder's `SUMMARY.md` (any case), which orders pages and is
    /// not a page itself.
    pub fn is_summary(&self, path: &Path) -> bool {
        path.parent() == Some(self.dir) && is_summary_name(path)
    }

    /// What the file at `path` (a page's, or its translation's source) is to its folder,
    /// and the name it is known by: its own without `.md`, or its folder's for an index.
    pub fn role(&self, path: &Path) -> (Role, String) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let folder = path.parent().unwrap_or(self.dir);
        let index = name == "_index.md"
            || (name.eq_ignore_ascii_case("readme.md") && !self.indexed.contains(folder));
        if index {
            let folder_name = folder.file_name().and_then(|n| n.to_str());
            (Role::Index, folder_name.unwrap_or_default().to_string())
        } else {
            let stem = name.strip_suffix(".md").unwrap_or(name);
            (Role::Page, stem.to_string())
        }
    }
}

/// Whether `path` is named `SUMMARY.md`, in any case.
pub(crate) fn is_summary_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("summary.md"))
}
