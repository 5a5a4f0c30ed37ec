//! Diagnostics: located problems in the user's content, collected across a whole build and
//! printed together as `path:line:col: error: message` with a `help:` line.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a content problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content is wrong: the build or check fails.
    Error,
    /// The content is probably not what its author meant; the build still succeeds.
    Warning,
}

/// A point in a source file, 1-based. Columns count characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// The line, counted from 1.
    pub line: usize,
    /// The column, counted from 1 in characters.
    pub col: usize,
}

impl Position {
    /// Line 1, column 1: the first character of a file.
    pub const START: Position = Position { line: 1, col: 1 };

    /// The position of byte `offset` in `text` (clamped to the text, snapped to a char boundary).
    pub fn at(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Position { line, col }
    }
}

/// One problem in the user's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it stops the build.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// Where in the file, when the problem has a place; `None` for a whole-file problem.
    pub position: Option<Position>,
    /// What is wrong, quoting the content, in one line.
    pub message: String,
    /// What to do about it, printed on a `help:` line below the message.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about the file at `path` (written with `/` separators), without a position.
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: display_path(path.as_ref()),
            position: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning about the file at `path` (written with `/` separators), without a position.
    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Locates the diagnostic at `position`.
    pub fn at(mut self, position: Position) -> Diagnostic {
        self.position = Some(position);
        self
    }

    /// Locates the diagnostic at byte `offset` of `text`, the whole file's text.
    pub fn at_offset(self, text: &str, offset: usize) -> Diagnostic {
        self.at(Position::at(text, offset))
    }

    /// Adds the `help:` line: what the author can do about it.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether it is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Paths, ids and values come from content: print them so that no control character
        // reaches the terminal and no invisible one goes unseen.
        let path = printable(&self.path);
        let message = printable(&self.message);
        match self.position {
            Some(p) => write!(f, "{path}:{}:{}: {level}: {message}", p.line, p.col)?,
            None => write!(f, "{path}: {level}: {message}")?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// `text` with every control, invisible, direction-changing or noncharacter character
/// written as a Rust escape (`\u{1b}`, `\u{200b}`), so that what a message quotes is what
/// the user sees, and nothing in it can move the cursor or recolour the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unprintable(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `c` must be escaped in terminal output: a control character (tabs and line
/// breaks included, since a quoted value must stay on its line), a noncharacter, or a
/// format character that shows nothing (bidirectional controls, zero-width characters,
/// soft hyphen, line and paragraph separators, tag characters). Variation selectors are
/// left alone: they only choose how the character before them looks (emoji).
pub fn unprintable(c: char) -> bool {
    let n = u32::from(c);
    c.is_control()
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
        || matches!(
            n,
            0xAD | 0x34F
                | 0x61C
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// A path as users see it in messages: relative, with `/` separators on every platform.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Sorts diagnostics by file and position so that output is stable whatever order the
/// (parallel) stages found them in. Identical ones are reported once.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.position, a.severity, &a.message)
            .cmp(&(&b.path, b.position, b.severity, &b.message))
    });
    // A problem in a regional page shows up again in each district edition built from it:
    // say it once.
    diagnostics.dedup();
}

/// How many warnings of one rule a build prints before it folds the rest into one line.
pub const FOLD_AFTER: usize = 10;

/// The lines a build prints for `diagnostics` (sorted): every error, and of each rule's
/// warnings the first `limit`, then one line that counts the rest and names the command
/// that lists them all. A diagnostic with its help is one entry. `trellis check` prints
/// everything instead; folding is only how a build presents what it found.
pub fn folded(diagnostics: &[Diagnostic], limit: usize) -> Vec<String> {
    let mut totals: std::collections::HashMap<Rule, usize> = std::collections::HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        *totals.entry(Rule::of(d)).or_insert(0) += 1;
    }
    let mut shown: std::collections::HashMap<Rule, usize> = std::collections::HashMap::new();
    let mut lines = Vec::new();
    for d in diagnostics {
        if d.is_error() {
            lines.push(d.to_string());
            continue;
        }
        let rule = Rule::of(d);
        let count = shown.entry(rule.clone()).or_insert(0);
        *count += 1;
        if *count > limit {
            continue;
        }
        lines.push(d.to_string());
        let total = totals[&rule];
        if *count == limit && total > limit {
            lines.push(format!(
                "warning: … and {} more like \"{}\"; run `trellis check` to list them all",
                thousands(total - limit),
                printable(&example(&d.message))
            ));
        }
    }
    lines
}

/// One rule's warnings: the message and the help with what they quote from the content
/// masked. Diagnostics carry no rule name, and giving them one would touch every place
/// that makes one; but each rule words its message and help the same way every time and
/// puts what varies (ids, values, file names) in backticks, or says it in figures, so the
/// wording with those masked tells the rules apart (`opportunity \`a\`: an unpaid
/// internship ...` and `opportunity \`b\`: ...` are one rule).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    message: String,
    help: String,
}

impl Rule {
    fn of(d: &Diagnostic) -> Rule {
        Rule {
            message: mask(&d.message),
            help: mask(d.help.as_deref().unwrap_or_default()),
        }
    }
}

/// `text` with each backtick-quoted part written `` `…` `` and each figure `#`.
fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                out.push_str(if quoted { "…`" } else { "`" });
                quoted = !quoted;
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                while chars
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                {
                    chars.next();
                }
                out.push('#');
            }
            c => out.push(c),
        }
    }
    out
}

/// What a folded rule's warnings say, for its fold line: the first one's message without
/// the record it names (`opportunity \`x\`: ` before the words), else masked.
fn example(message: &str) -> String {
    let after_record = message
        .match_indices(": ")
        .find(|(at, _)| message[..*at].ends_with(['`', ')']))
        .map(|(at, _)| &message[at + 2..]);
    match after_record {
        Some(rest) if !rest.contains('`') => rest.to_string(),
        _ => mask(message),
    }
}

/// `n` with a comma between each group of three digits: 4,990.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The help for a file the system would not let Trellis read, for a reason it has no
/// better words for.
pub const READ_HELP: &str =
    "check that the file exists and that Trellis may read it, then build again";

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
/// Each candidate costs at most `len × limit` steps: one whose length alone puts it out of
/// reach is skipped, and the distance gives up as soon as it must exceed the limit.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let chars: Vec<char> = word.chars().collect();
    let mut limit = (chars.len() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    let mut other: Vec<char> = Vec::new();
    for candidate in candidates {
        if candidate.len() + limit < chars.len() || candidate.chars().count() > chars.len() + limit
        {
            continue;
        }
        other.clear();
        other.extend(candidate.chars());
        let Some(d) = banded_distance(&chars, &other, limit).0 else {
            continue;
        };
        if best.is_none_or(|(b, c)| (d, candidate) < (b, c)) {
            best = Some((d, candidate));
            // Nothing farther than the best so far can win.
            limit = d;
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters, or `None` when it is more than `max`. Only a
/// band of `2 × max + 1` cells of each row is computed, and the search stops at the first
/// row whose every cell is over `max`. Also returns the number of rows computed.
fn banded_distance(a: &[char], b: &[char], max: usize) -> (Option<usize>, usize) {
    const FAR: usize = usize::MAX / 2;
    if a.len().abs_diff(b.len()) > max {
        return (None, 0);
    }
    let n = b.len();
    let mut prev: Vec<usize> = (0..=n).map(|j| if j <= max { j } else { FAR }).collect();
    let mut cur = vec![FAR; n + 1];
    for (i, ca) in a.iter().enumerate().map(|(i, c)| (i + 1, c)) {
        let lo = i.saturating_sub(max);
        let hi = (i + max).min(n);
        let mut best = FAR;
        let start = if lo == 0 {
            cur[0] = i;
            best = i;
            1
        } else {
            cur[lo - 1] = FAR;
            lo
        };
        for j in start..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let value = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            cur[j] = value;
            best = best.min(value);
        }
        if hi < n {
            cur[hi + 1] = FAR;
        }
        if best > max {
            return (None, i);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let distance = prev[n];
    ((distance <= max).then_some(distance), a.len())
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A failure of the tool itself (not of the content): I/O, a refused output directory, a
/// broken theme. Always carries the path it concerns.
#[derive(Debug)]
pub struct Error {
    /// The file or folder the failure concerns, as the tool was given it.
    pub path: PathBuf,
    /// What went wrong, possibly with a help line after a line break.
    pub message: String,
}

impl Error {
    /// A failure concerning `path`, described by `message`.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Error {
        Error {
            path: path.into(),
            message: message.into(),
        }
    }

    /// An I/O failure on `path`, in the operating system's words.
    pub fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Error {
        Error::new(path, err.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy();
        // A message may put its help on a line of its own: keep line breaks, escape the rest.
        let lines: Vec<_> = self.message.split('\n').map(printable).collect();
        write!(f, "{}: {}", printable(&path), lines.join("\n"))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(Position::at(text, 0), Position { line: 1, col: 1 });
        assert_eq!(Position::at(text, 3), Position { line: 2, col: 1 });
        // 'é' is two bytes; the space after it is the third character.
        assert_eq!(Position::at(text, 6), Position { line: 2, col: 3 });
        assert_eq!(Position::at(text, 999), Position { line: 3, col: 1 });
    }

    #[test]
    fn display_has_location_and_help() {
        let d = Diagnostic::error("content/a.md", "bad")
            .at(Position { line: 3, col: 7 })
            .help("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad\n  help: fix it"
        );
    }

    #[test]
    fn content_in_messages_is_printed_safely() {
        let d = Diagnostic::error("content/a\u{1b}[2J.md", "unknown page `guide\u{200b}`")
            .help("did you mean `guide`?\u{7}");
        assert_eq!(
            d.to_string(),
            "content/a\\u{1b}[2J.md: error: unknown page `guide\\u{200b}`\n  help: did you mean `guide`?\\u{7}"
        );
        let e = Error::new("out\u{202e}txt", "bad\u{1b}[1m\n  help: x");
        assert_eq!(e.to_string(), "out\\u{202e}txt: bad\\u{1b}[1m\n  help: x");
        // Letters of every script and emoji stay as they are; a joiner is shown.
        assert_eq!(printable("שלום ❤\u{fe0f} é"), "שלום ❤\u{fe0f} é");
        assert_eq!(printable("👩\u{200d}💻"), "👩\\u{200d}💻");
    }

    #[test]
    fn warnings_of_one_rule_fold_after_the_limit() {
        let unpaid = |id: &str| {
            Diagnostic::warning(
                "content/catalog/a.toml",
                format!("opportunity `{id}`: an unpaid internship at a for-profit employer"),
            )
            .help("consider pay")
        };
        let mut all: Vec<Diagnostic> = (0..5).map(|i| unpaid(&format!("o{i}"))).collect();
        all.insert(
            1,
            Diagnostic::warning("content/b.md", "link text `here` says nothing on its own"),
        );
        all.push(Diagnostic::error("content/c.md", "bad"));
        let lines = folded(&all, 2);
        assert_eq!(
            lines,
            [
                unpaid("o0").to_string(),
                all[1].to_string(),
                unpaid("o1").to_string(),
                "warning: … and 3 more like \"an unpaid internship at a for-profit employer\"; run `trellis check` to list them all".to_string(),
                "content/c.md: error: bad".to_string(),
            ]
        );
        // Errors never fold; a rule at the limit has no fold line.
        let errors = vec![Diagnostic::error("a", "x `1`"); 3];
        assert_eq!(folded(&errors, 2).len(), 3);
        assert_eq!(folded(&all[..3], 2).len(), 3);
    }

    #[test]
    fn rules_are_told_apart_by_their_words_not_their_quotes_or_figures() {
        assert_eq!(
            mask("opportunity `x`: 25 hours is over 18"),
            "opportunity `…`: # hours is over #"
        );
        assert_eq!(
            example("opportunity `x` (column D, `kind`): an unpaid internship"),
            "an unpaid internship"
        );
        assert_eq!(
            example("link text `here` says nothing"),
            "link text `…` says nothing"
        );
        assert_eq!(thousands(4990), "4,990");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn closest_finds_near_misses_only() {
        let kinds = ["employers", "educators", "students"];
        assert_eq!(closest("employer", kinds), Some("employers"));
        assert_eq!(closest("studnets", kinds), Some("students"));
        assert_eq!(closest("zebra", kinds), None);
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one_within_its_bound() {
        let words = [
            "",
            "a",
            "ab",
            "employer",
            "employers",
            "emplyoer",
            "students",
            "studnets",
            "zebra",
            "valley-health",
            "valley-heath",
            "health-valley",
            "café",
            "cafe",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = edit_distance(a, b);
                for max in 0..6 {
                    let expected = (full <= max).then_some(full);
                    assert_eq!(
                        banded_distance(&ca, &cb, max).0,
                        expected,
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_banded_distance_gives_up_above_its_bound() {
        // Two long ids that differ from the first character: the search stops after at most
        // max + 1 rows instead of computing all 1,000.
        let a: Vec<char> = "a".repeat(1000).chars().collect();
        let b: Vec<char> = "b".repeat(1000).chars().collect();
        let (distance, rows) = banded_distance(&a, &b, 3);
        assert_eq!(distance, None);
        assert!(rows <= 4, "{rows} rows");
        // A length difference beyond the bound computes nothing.
        assert_eq!(banded_distance(&a, &a[..990], 3), (None, 0));
    }
}
