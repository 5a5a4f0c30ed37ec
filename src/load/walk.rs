//! Walking a content folder: sorted, hidden files skipped, symlinks followed only while they
//! stay inside the site, every refusal reported.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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
    let problems = RefCell::new(Vec::new());
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let entries = WalkDir::new(&start)
        .follow_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && (name.starts_with('.') || name.ends_with('~')) {
                return false;
            }
            if entry.path_is_symlink() {
                let inside = entry
                    .path()
                    .canonicalize()
                    .map(|target| target.starts_with(&canonical_root))
                    .unwrap_or(false);
                if !inside {
                    problems
                        .borrow_mut()
                        .push(outside_site(&relative(entry.path())));
                    return false;
                }
            }
            true
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = relative(entry.path());
                if rel.to_str().is_none() {
                    problems.borrow_mut().push(
                        Diagnostic::error(&rel, "the file name is not valid UTF-8; it was skipped")
                            .help("rename the file using letters, digits and hyphens"),
                    );
                    continue;
                }
                walked.files.push(rel);
            }
            Ok(entry) if entry.depth() == MAX_DEPTH && entry.file_type().is_dir() => {
                problems.borrow_mut().push(
                    Diagnostic::error(
                        relative(entry.path()),
                        format!(
                            "folders are nested more than {MAX_DEPTH} deep; the rest was not read"
                        ),
                    )
                    .help("flatten the folder structure"),
                );
            }
            Ok(entry) if !entry.file_type().is_dir() => {
                // A named pipe would block the build until something wrote to it.
                problems.borrow_mut().push(not_a_file(
                    &relative(entry.path()),
                    special_kind(entry.file_type()),
                ));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(relative)
                    .unwrap_or_else(|| dir.to_path_buf());
                let problem = if err.loop_ancestor().is_some() {
                    Diagnostic::error(path, "symbolic link loop; it was not followed")
                        .help("remove the link, or point it at a real folder")
                } else if let (Some(io), Some(full)) = (err.io_error(), err.path()) {
                    super::unreadable(&path, full, io)
                } else {
                    Diagnostic::error(path, format!("could not read: {err}"))
                        .help(crate::diagnostics::READ_HELP)
                };
                problems.borrow_mut().push(problem);
            }
        }
    }
    walked.problems = problems.into_inner();
    walked
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
