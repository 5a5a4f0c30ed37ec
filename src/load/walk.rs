//! Walking a content folder: sorted, hidden files skipped, symlinks followed only while they
//! stay inside the site, every refusal reported.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::diagnostics::Diagnostic;

/// Folders nested deeper than this are not read (a guard against runaway trees).
pub const MAX_DEPTH: usize = 32;

/// The files found under a folder, relative to the site root, in a stable order.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files, relative to the site root, sorted.
    pub files: Vec<PathBuf>,
    /// Folders that could not be read and symbolic links that lead outside the site.
    pub problems: Vec<Diagnostic>,
}

/// Lists the files under `root/dir`. A missing folder lists nothing.
pub fn walk(root: &Path, dir: &Path) -> Walked {
    let mut walked = Walked::default();
    let start = root.join(dir);
    if !start.is_dir() {
        return walked;
    }
    // The walk checks the links it meets below `start`; a link above it (`content`,
    // `themes`, `themes/<name>`) is checked here.
    if let Err(problem) = super::check_inside(root, dir) {
        walked.problems.push(problem);
        return walked;
    }
    let canonical_root = match root.canonicalize() {
        Ok(p) => p,
        Err(e) => {
            walked.problems.push(
                Diagnostic::error(dir, format!("could not read the folder: {e}"))
                    .help(crate::diagnostics::READ_HELP),
            );
            return walked;
        }
    };
    // Problems found while filtering and while reading arrive in walk order.
    let problems = RefCell::new(Vec::new());
    let entries = WalkDir::new(&start)
        .follow_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| match admit(root, &canonical_root, entry) {
            Ok(()) => true,
            Err(problem) => {
                problems.borrow_mut().extend(problem);
                false
            }
        });
    for entry in entries {
        match entry.map(|entry| file(root, &entry)) {
            Ok(Ok(Some(rel))) => walked.files.push(rel),
            Ok(Ok(None)) => {}
            Ok(Err(problem)) => problems.borrow_mut().push(problem),
            Err(err) => problems.borrow_mut().push(walk_error(root, dir, &err)),
        }
    }
    walked.problems = problems.into_inner();
    walked
}

/// A path under the site root, relative to it.
fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Whether the walk enters an entry: hidden and backup files are skipped quietly, a
/// symbolic link that leaves the site with an error.
fn admit(root: &Path, canonical_root: &Path, entry: &DirEntry) -> Result<(), Option<Diagnostic>> {
    let name = entry.file_name().to_string_lossy();
    if entry.depth() > 0 && (name.starts_with('.') || name.ends_with('~')) {
        return Err(None);
    }
    if entry.path_is_symlink() {
        let inside = entry
            .path()
            .canonicalize()
            .map(|target| target.starts_with(canonical_root))
            .unwrap_or(false);
        if !inside {
            return Err(Some(outside_site(&relative(root, entry.path()))));
        }
    }
    Ok(())
}

/// What an entry the walk reached adds: a file's relative path, nothing for a folder, or
/// the problem with it (a name that is not UTF-8, a folder too deep, a special file).
fn file(root: &Path, entry: &DirEntry) -> Result<Option<PathBuf>, Diagnostic> {
    let rel = relative(root, entry.path());
    let kind = entry.file_type();
    if kind.is_file() {
        if rel.to_str().is_none() {
            return Err(Diagnostic::error(
                &rel,
                "the file name is not valid UTF-8; it was skipped",
            )
            .help("rename the file using letters, digits and hyphens"));
        }
        Ok(Some(rel))
    } else if entry.depth() == MAX_DEPTH && kind.is_dir() {
        let message =
            format!("folders are nested more than {MAX_DEPTH} deep; the rest was not read");
        Err(Diagnostic::error(rel, message).help("flatten the folder structure"))
    } else if !kind.is_dir() {
        // A named pipe would block the build until something wrote to it.
        Err(not_a_file(&rel, special_kind(kind)))
    } else {
        Ok(None)
    }
}

/// The problem for an entry the walk could not read: a link loop or an I/O error.
fn walk_error(root: &Path, dir: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| relative(root, p))
        .unwrap_or_else(|| dir.to_path_buf());
    if err.loop_ancestor().is_some() {
        Diagnostic::error(path, "symbolic link loop; it was not followed")
            .help("remove the link, or point it at a real folder")
    } else if let (Some(io), Some(full)) = (err.io_error(), err.path()) {
        super::unreadable(&path, full, io)
    } else {
        Diagnostic::error(path, format!("could not read: {err}"))
            .help(crate::diagnostics::READ_HELP)
    }
}

/// The error for a symbolic link that resolves outside the site.
pub fn outside_site(rel: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        "symbolic link points outside the site; it was not followed",
    )
    .help("copy the file into the site instead of linking to it")
}

/// The warning for a path that is neither a regular file nor a folder: it is skipped
/// without being opened.
pub fn not_a_file(rel: &Path, kind: &str) -> Diagnostic {
    let (files, folder) = match rel.iter().next().and_then(|top| top.to_str()) {
        Some("themes") => ("theme files", "the theme's folder"),
        _ => ("content files", "the content folder"),
    };
    Diagnostic::warning(rel, format!("{kind} is not a regular file; it was skipped")).help(format!(
        "{files} must be ordinary files; remove it or move it out of {folder}"
    ))
}

/// What a file that is neither a regular file nor a folder is, in words.
pub fn special_kind(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "this"
}
