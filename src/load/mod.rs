//! Loading stage: files on disk → [`SourceFile`]s (text normalised, problems located) and
//! raw, deserialised front matter. Nothing here knows how pages link together.

pub mod catalog;
mod frontmatter;
pub mod sheet;
pub mod text;
mod toml_error;
mod walk;

pub use frontmatter::{has_front_matter, split_front_matter, FrontMatter, RawToolkitSettings};
#[cfg(test)]
use toml_error::explain_serde_message;
pub use toml_error::{parse_toml, toml_diagnostic};
use walk::{outside_site, special_kind};
pub use walk::{walk, Walked};

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Position};

/// Files larger than this are refused before any parsing (pathological input must not make
/// a build hang or exhaust memory).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A text file of the site, as read: byte-order mark removed, CRLF turned into LF, so that
/// byte offsets and line/column positions agree with what editors show.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/toolkits/guide/01-why.md`.
    pub path: PathBuf,
    /// The whole text, BOM removed and line ends normalised to LF.
    pub text: String,
    /// Byte offsets where lines start, built on first use by [`SourceFile::position`].
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// A spreadsheet's cells, for a `.csv` or `.xlsx` catalog file: positions are then
    /// rows and columns.
    cells: Option<std::sync::Arc<sheet::CellIndex>>,
}

/// A file or folder that could not be read, in words that say what to do about it.
pub fn unreadable(rel: &Path, full: &Path, err: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    // ELOOP: a chain of symbolic links that leads back to itself.
    const TOO_MANY_LINKS: i32 = 40;
    if err.raw_os_error() == Some(TOO_MANY_LINKS) {
        return Diagnostic::error(rel, "symbolic link loop; it was not followed")
            .help("remove the link, or point it at a real file");
    }
    match err.kind() {
        ErrorKind::NotFound if full.is_symlink() => {
            Diagnostic::error(rel, "symbolic link to a file that does not exist")
                .help("remove the link, or restore the file it points to")
        }
        ErrorKind::NotFound => {
            Diagnostic::error(rel, "the file disappeared while it was being read")
                .help("build again once files have stopped changing")
        }
        ErrorKind::PermissionDenied => {
            Diagnostic::error(rel, "permission denied: Trellis may not read this file")
                .help("make it readable (e.g. `chmod a+r`), or move it out of content/")
        }
        _ => Diagnostic::error(rel, format!("could not read: {err}"))
            .help(crate::diagnostics::READ_HELP),
    }
}

/// Refuses `rel` when a symbolic link along it, a folder such as `content`, `themes` or
/// `themes/<name>` included, resolves outside the site: the error names that link. A link
/// that resolves nowhere is left to the read, which says so.
pub fn check_inside(root: &Path, rel: &Path) -> Result<(), Diagnostic> {
    let mut at = PathBuf::new();
    let mut canonical_root = None;
    for part in rel.components() {
        at.push(part);
        let full = root.join(&at);
        if !full.is_symlink() {
            continue;
        }
        let Ok(target) = full.canonicalize() else {
            return Ok(());
        };
        let inside = match &canonical_root {
            Some(root) => target.starts_with(root),
            None => {
                let resolved = root
                    .canonicalize()
                    .map_err(|e| unreadable(&at, &full, &e))?;
                let inside = target.starts_with(&resolved);
                canonical_root = Some(resolved);
                inside
            }
        };
        if !inside {
            return Err(outside_site(&at));
        }
    }
    Ok(())
}

/// Checks that `root/rel` may be opened: inside the site, and a regular file (a named pipe
/// would block the build until something wrote to it). Returns its size.
fn check_readable(root: &Path, rel: &Path) -> Result<u64, Diagnostic> {
    check_inside(root, rel)?;
    let full = root.join(rel);
    let metadata = std::fs::metadata(&full).map_err(|e| unreadable(rel, &full, &e))?;
    if !metadata.is_file() {
        let kind = special_kind(metadata.file_type());
        return Err(Diagnostic::error(
            rel,
            format!("{kind} is not a regular file; it was not opened"),
        )
        .help("replace it with an ordinary text file"));
    }
    Ok(metadata.len())
}

/// Reads `root/rel` as bytes (a theme's static file), refusing what [`SourceFile::read`]
/// refuses except for size.
pub fn read_bytes(root: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
    check_readable(root, rel)?;
    let full = root.join(rel);
    std::fs::read(&full).map_err(|e| unreadable(rel, &full, &e))
}

impl SourceFile {
    /// Reads `root/rel` and scans its characters (see [`text::scan`]). Problems with the
    /// file itself (too large, not UTF-8, control characters) go to `diagnostics`; a file
    /// whose only problems are characters is still returned, so that its other problems are
    /// reported in the same build.
    pub fn read(root: &Path, rel: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
        match SourceFile::read_unscanned(root, rel) {
            Ok(file) => {
                diagnostics.extend(text::scan(&file));
                Some(file)
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        }
    }

    fn read_unscanned(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
        let full = root.join(rel);
        let size = check_readable(root, rel)?;
        if size > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                rel,
                format!(
                    "the file is {:.1} MB; a content file may be at most {} MB",
                    size as f64 / (1024.0 * 1024.0),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .help("split it into several pages, or move large data out of the content folder"));
        }
        let bytes = std::fs::read(&full).map_err(|e| unreadable(rel, &full, &e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            Diagnostic::error(rel, "the file is not valid UTF-8")
                .at(Position::at(&prefix, valid))
                .help("save the file with UTF-8 encoding")
        })?;
        Ok(SourceFile::from_text(rel.to_path_buf(), text))
    }

    /// A source file of `text` read from `path`, with its BOM removed and CRLF turned into LF.
    pub fn from_text(path: PathBuf, text: String) -> SourceFile {
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        SourceFile {
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
            cells: None,
        }
    }

    /// The source file of a spreadsheet read from `path`: its text is the sheet's, kept as
    /// it is, and positions in it are the sheet's rows and columns.
    pub fn sheet(path: PathBuf, sheet: &mut sheet::Sheet) -> SourceFile {
        let cells = std::sync::Arc::new(sheet::CellIndex::new(sheet));
        SourceFile {
            path,
            text: std::mem::take(&mut sheet.text),
            line_starts: std::sync::OnceLock::new(),
            cells: Some(cells),
        }
    }

    /// How messages name the spreadsheet cell at byte `offset` ("column E, `kind`");
    /// `None` in a text file, or where the offset stands for a whole row.
    pub fn cell_label(&self, offset: usize) -> Option<String> {
        self.cells.as_ref()?.label(offset)
    }

    /// The position of byte `offset`, like [`Position::at`] but in logarithmic time, for
    /// files with many records.
    pub fn position(&self, offset: usize) -> Position {
        if let Some(cells) = &self.cells {
            return cells.position(offset);
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = starts.partition_point(|&start| start <= offset);
        let start = starts[line - 1];
        Position {
            line,
            col: self.text[start..offset].chars().count() + 1,
        }
    }

    /// Where a top-level `key = ...` line (or dotted `key.x = `) starts, for problems found
    /// after deserialising, where the parser's spans are no longer at hand.
    pub fn position_of_key(&self, key: &str) -> Position {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(key) {
                let rest = rest.trim_start();
                if rest.starts_with('=') || rest.starts_with('.') {
                    let indent = line.len() - trimmed.len();
                    return Position::at(&self.text, offset + indent);
                }
            }
            offset += line.len();
        }
        Position::START
    }
}

/// The names in folder `root/dir`, sorted, hidden ones left out; empty if it does not exist,
/// or if a symbolic link takes it outside the site (reported in `problems`).
pub fn list_folder(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<String> {
    if let Err(problem) = check_inside(root, dir) {
        problems.push(problem);
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Normalises `a/./b/../c` into `a/c` without touching the disk; `None` when `..` would climb
/// above the start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            std::path::Component::Normal(part) => out.push(part),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let file = SourceFile::from_text(
            "a.md".into(),
            "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\n".into(),
        );
        assert_eq!(file.text, "+++\ntitle = \"x\"\n+++\n");
    }

    #[test]
    fn unknown_keys_name_the_valid_ones() {
        let (message, help) = explain_serde_message(
            "unknown field `titel`, expected one of `title`, `weight`, `summary`",
            None,
        );
        assert_eq!(message, "unknown key `titel`");
        assert_eq!(
            help.unwrap(),
            "did you mean `title`? valid keys: title, weight, summary"
        );
    }

    #[test]
    fn indexed_positions_match_scanned_ones() {
        let file = SourceFile::from_text("a.toml".into(), "ab\ncé d\n\nx".into());
        for offset in 0..=file.text.len() + 3 {
            assert_eq!(
                file.position(offset),
                Position::at(&file.text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn normalize_refuses_to_climb_out() {
        assert_eq!(
            normalize(Path::new("a/./b/../c")),
            Some(PathBuf::from("a/c"))
        );
        assert_eq!(normalize(Path::new("a/../../c")), None);
    }

    #[test]
    fn unreadable_files_are_explained() {
        // Permissions cannot be tested end to end as root, which reads everything.
        let rel = Path::new("content/pages/a.md");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let d = unreadable(rel, rel, &denied);
        assert_eq!(
            d.message,
            "permission denied: Trellis may not read this file"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("make it readable (e.g. `chmod a+r`), or move it out of content/")
        );
        let looped = std::io::Error::from_raw_os_error(40);
        assert_eq!(
            unreadable(rel, rel, &looped).message,
            "symbolic link loop; it was not followed"
        );
        let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            unreadable(rel, Path::new("/nonexistent/a.md"), &gone).message,
            "the file disappeared while it was being read"
        );
    }
}
