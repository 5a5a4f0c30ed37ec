//! Loading stage: files on disk → [`SourceFile`]s (text normalised, problems located) and
//! raw, deserialised front matter. Nothing here knows how pages link together.

pub mod catalog;
mod frontmatter;
pub mod sheet;
pub mod text;
mod walk;

pub use frontmatter::{split_front_matter, FrontMatter, RawToolkitSettings};
use walk::{outside_site, special_kind};
pub use walk::{walk, Walked};

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostics::{closest, Diagnostic, Position};

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
    pub fn sheet(path: PathBuf, sheet: &sheet::Sheet) -> SourceFile {
        SourceFile {
            path,
            text: sheet.text.clone(),
            line_starts: std::sync::OnceLock::new(),
            cells: Some(std::sync::Arc::new(sheet::CellIndex::new(sheet))),
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

/// Deserialises `file.text[start..end]` as TOML, turning parser errors into diagnostics
/// positioned in the whole file, with the valid choices and a near-miss suggestion.
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    start: usize,
    end: usize,
) -> Result<T, Vec<Diagnostic>> {
    toml::from_str(&file.text[start..end]).map_err(|err| vec![toml_diagnostic(file, start, &err)])
}

/// One TOML error as a diagnostic.
pub fn toml_diagnostic(file: &SourceFile, start: usize, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().map(|span| start + span.start..start + span.end);
    let offset = span.as_ref().map_or(start, |span| span.start);
    if let Some(c) = file.text.get(offset..).and_then(|rest| rest.chars().next()) {
        if text::classify(c) == text::Class::Forbidden {
            return text::forbidden(file, offset, c, "");
        }
    }
    let written = span
        .as_ref()
        .and_then(|span| file.text.get(span.clone()))
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.len() <= 60 && !w.contains('\n'));
    let message = err.message().trim().to_string();
    let (message, help) = match (written, text::blank_help(&message)) {
        (_, Some(help)) => (message, Some(help)),
        (Some(key), None) if message == "duplicate key" => {
            explain_duplicate(&file.text, offset, key)
        }
        _ => explain_serde_message(&message, written),
    };
    let mut diagnostic = Diagnostic::error(&file.path, message).at(file.position(offset));
    if let Some(help) = help {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// "duplicate key" with the key, and the line where it was first set when that line is in
/// the same table (searched back to the table's heading, or earlier on the same line for
/// an inline table).
fn explain_duplicate(text: &str, offset: usize, key: &str) -> (String, Option<String>) {
    let key = key.trim_matches(['"', '\'']);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let sets = |line: &str| {
        let line = line
            .trim_start()
            .trim_start_matches(['{', ','])
            .trim_start();
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix(&format!("\"{key}\"")));
        rest.is_some_and(|r| r.trim_start().starts_with(['=', '.']))
    };
    let same_line = text[line_start..offset].split([',', '{']).any(&sets);
    let first = if same_line {
        Some(Position::at(text, offset).line)
    } else {
        let before: Vec<&str> = text[..line_start].lines().collect();
        before
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, line)| !line.trim_start().starts_with('['))
            .find(|(_, line)| sets(line))
            .map(|(i, _)| i + 1)
    };
    let help = match first {
        Some(line) => format!(
            "`{key}` is first set on line {line}; each key may be set once in a table, \
             so keep one of the two"
        ),
        None => "each key may be set once in a table; keep one of the two lines".to_string(),
    };
    (format!("duplicate key `{key}`"), Some(help))
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into words for authors,
/// with the valid choices and the likely intended one.
fn explain_serde_message(message: &str, written: Option<&str>) -> (String, Option<String>) {
    for (pattern, noun, choices_noun) in [
        ("unknown field `", "unknown key", "valid keys"),
        ("unknown variant `", "unknown value", "valid values"),
    ] {
        let Some(rest) = message.strip_prefix(pattern) else {
            continue;
        };
        let Some((word, tail)) = rest.split_once('`') else {
            continue;
        };
        let choices: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let mut help = if choices.is_empty() {
            "this place takes no keys".to_string()
        } else {
            format!("{choices_noun}: {}", choices.join(", "))
        };
        if let Some(near) = closest(word, choices.iter().copied()) {
            help = format!("did you mean `{near}`? {help}");
        }
        return (format!("{noun} `{word}`"), Some(help));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split_once('`'))
    {
        return (
            format!("missing required key `{}`", field.0),
            Some(format!("add a line `{} = ...`", field.0)),
        );
    }
    explain_toml_message(message, written)
}

/// The valid forms of TOML values, for messages no rule below explains.
const FORM: &str = "TOML is written `key = value`, one per line: text in double quotes, numbers and dates without quotes (`10`, `2027-03-01`), lists in square brackets";

const UNCLOSED_STRING_HELP: &str = "end the text with the same quote mark on the same line; text over several lines goes between `\"\"\"` and `\"\"\"`";

/// Syntax errors by the start of the parser's message, each with the help that fixes it.
const SYNTAX_HELP: &[(&str, &str)] = &[
    ("invalid basic string", UNCLOSED_STRING_HELP),
    ("invalid literal string", UNCLOSED_STRING_HELP),
    (
        "duplicate key",
        "each key may be set once in a table; keep one of the two lines",
    ),
    (
        "key with no value",
        "write `key = value`, e.g. `title = \"Getting started\"`",
    ),
    (
        "unclosed array",
        "close the list with `]`, e.g. `[\"employers\", \"families\"]`",
    ),
    (
        "unclosed table",
        "a table heading is written `[name]` on a line of its own",
    ),
    (
        "unexpected key or value",
        "put each `key = value` on a line of its own, with text in double quotes",
    ),
];

/// TOML syntax and type errors in words for people who do not write code, each with the
/// form that would be valid.
fn explain_toml_message(message: &str, written: Option<&str>) -> (String, Option<String>) {
    if let Some(explained) = explain_out_of_range(message) {
        return explained;
    }
    if message == "wanted string or table" {
        return (
            "expected a value in double quotes".into(),
            Some("write one of the valid values as text, e.g. `modality = \"virtual\"`".into()),
        );
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return explain_invalid_type(message, found, expected, written);
    }
    let help = SYNTAX_HELP
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map_or(FORM, |(_, help)| help);
    (message.to_string(), Some(help.into()))
}

/// Serde's type names → what was wanted in words, and an example of the valid form.
fn wanted(expected: &str) -> Option<(&'static str, &'static str)> {
    Some(match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
            ("a whole number", "a whole number without quotes, e.g. `10`")
        }
        "f32" | "f64" => ("a number", "a number without quotes, e.g. `16.50`"),
        "a string" | "a borrowed string" => (
            "text",
            "the text in double quotes, e.g. `\"Getting started\"`",
        ),
        "a sequence" => (
            "a list",
            "a list in square brackets, e.g. `[\"employers\", \"families\"]` or `[9, 10]`",
        ),
        "a boolean" => ("true or false", "`true` or `false`, without quotes"),
        "a TOML datetime" => ("a date", "the date without quotes, e.g. `2027-03-01`"),
        _ => return None,
    })
}

/// "invalid type: FOUND, expected EXPECTED" in words: what was wanted, what was found (a
/// number as written), and the valid form.
fn explain_invalid_type(
    message: &str,
    found: &str,
    expected: &str,
    written: Option<&str>,
) -> (String, Option<String>) {
    let Some((wanted, example)) = wanted(expected) else {
        return (message.to_string(), Some(FORM.into()));
    };
    let found = found_words(found, written);
    // A fraction is just not whole; a number no whole number here can reach gets the range.
    let unreachable = |limit: f64| {
        written
            .and_then(|w| w.replace('_', "").parse::<f64>().ok())
            .is_none_or(|n| !n.is_finite() || n.abs() > limit)
    };
    let help = match whole_range(expected) {
        Some((range, limit)) if found.starts_with("the number") && unreachable(limit) => {
            format!("write a whole number {range}, without quotes, e.g. `10`")
        }
        _ => format!("write {example}"),
    };
    (format!("expected {wanted}, found {found}"), Some(help))
}

/// Serde's description of a found value in words.
fn found_words(found: &str, written: Option<&str>) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        // As written (`1e30`), not as serde prints the parsed value (`1000…0.0`).
        format!("the number {}", written.unwrap_or(n.trim_end_matches('`')))
    } else if let Some(b) = found.strip_prefix("boolean `") {
        b.trim_end_matches('`').to_string()
    } else if found == "sequence" {
        "a list".into()
    } else if found == "map" {
        "a table".into()
    } else {
        found.to_string()
    }
}

/// A number too large for its type ("integer `X` as i128", "invalid value: integer `X`"), with
/// the range the type holds.
fn explain_out_of_range(message: &str) -> Option<(String, Option<String>)> {
    let (number, expected) = if let Some(rest) = message.strip_prefix("invalid type: integer `") {
        let (number, rest) = rest.split_once("` as i128, expected ")?;
        (number, rest)
    } else {
        let rest = message.strip_prefix("invalid value: integer `")?;
        rest.split_once("`, expected ")?
    };
    let help = match whole_range(expected) {
        Some((range, _)) => format!("write a whole number {range}"),
        None => "write a smaller number, e.g. `16.50`".to_string(),
    };
    Some((format!("the number {number} is out of range"), Some(help)))
}

/// The values a Rust integer type holds, as people write numbers, and its largest magnitude.
fn whole_range(type_name: &str) -> Option<(&'static str, f64)> {
    Some(match type_name {
        "i8" => ("from -128 to 127", 128.0),
        "i16" => ("from -32,768 to 32,767", 32_768.0),
        "i32" => ("from -2,147,483,648 to 2,147,483,647", 2_147_483_648.0),
        "i64" => (
            "from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807",
            9.223_372_036_854_776e18,
        ),
        "u8" => ("from 0 to 255", 255.0),
        "u16" => ("from 0 to 65,535", 65_535.0),
        "u32" => ("from 0 to 4,294,967,295", 4_294_967_295.0),
        "u64" | "usize" => (
            "from 0 to 18,446,744,073,709,551,615",
            1.844_674_407_370_955_2e19,
        ),
        _ => return None,
    })
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
