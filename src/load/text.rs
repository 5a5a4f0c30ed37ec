//! Characters a text file may not carry: control characters and noncharacters are errors,
//! invisible characters that can hide or reorder text are warnings. Every text file is
//! scanned once when it is loaded, so no later stage (feeds, sitemaps, calendars, pages,
//! the terminal) ever sees one it did not expect.
//!
//! Right-to-left text legitimately needs direction marks (U+200E, U+200F, U+061C) and
//! joiners (U+200C, U+200D): these pass silently in Markdown prose. A joiner between two
//! non-ASCII characters (an emoji sequence, a Persian or Indic word) passes everywhere.
//! Every other invisible character is a warning wherever it is.

use serde::{Deserialize, Deserializer};

use crate::diagnostics::Diagnostic;

use super::SourceFile;

/// At most this many characters are reported per file; the rest are counted in one line,
/// so a file full of them cannot flood the terminal.
const MAX_REPORTED: usize = 20;

/// What a character is to a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Allowed anywhere.
    Plain,
    /// A control character or noncharacter: never allowed.
    Forbidden,
    /// An invisible character that can hide or reorder text, with its name.
    Hidden(&'static str),
}

/// The class of `c`. Tab, line feed and carriage return are plain text.
pub fn classify(c: char) -> Class {
    if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_noncharacter(c) {
        return Class::Forbidden;
    }
    match hidden_name(c) {
        Some(name) => Class::Hidden(name),
        None => Class::Plain,
    }
}

/// U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE...).
pub fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The name of a bidirectional control or zero-width character.
fn hidden_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "arabic letter mark",
        '\u{200B}' => "zero width space",
        '\u{200C}' => "zero width non-joiner",
        '\u{200D}' => "zero width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{FEFF}' => "zero width no-break space (byte-order mark)",
        _ => return None,
    })
}

/// Whether `s` shows nothing: empty, spaces only, or only invisible characters.
pub fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || classify(c) != Class::Plain)
}

/// Where in a file a character sits, which decides what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Markdown body text: right-to-left marks and joiners are needed there.
    Prose,
    /// Settings, front matter, templates.
    Other,
}

/// A character found in the file, with where it is and how it was written.
struct Found {
    offset: usize,
    c: char,
    /// The bytes of the escape or character reference that produced it; empty when it was
    /// written as is.
    written: std::ops::Range<usize>,
    context: Context,
}

/// What the passes of [`scan`] found that is worth a diagnostic: all of them counted, the
/// first few of each pass kept, so that a file full of them costs no memory.
#[derive(Default)]
struct Findings {
    kept: Vec<Found>,
    kept_in_pass: usize,
    total: usize,
    errors: usize,
}

impl Findings {
    fn add(&mut self, text: &str, f: Found) {
        let error = classify(f.c) == Class::Forbidden;
        if !error && allowed_invisible(text, &f) {
            return;
        }
        self.total += 1;
        self.errors += usize::from(error);
        if self.kept_in_pass <= MAX_REPORTED {
            self.kept.push(f);
            self.kept_in_pass += 1;
        }
    }

    /// Starts the next pass; passes may find characters in any order relative to each other.
    fn next_pass(&mut self) {
        self.kept_in_pass = 0;
    }
}

/// The characters of `text` that are not [`Class::Plain`], with their offsets. Most of any
/// file is ASCII, which is told apart a byte at a time; only other characters are decoded.
fn not_plain(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(i) {
            let at = i;
            if b.is_ascii() {
                i += 1;
                if (b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f {
                    return Some((at, char::from(b)));
                }
                continue;
            }
            let c = text[at..].chars().next()?;
            i += c.len_utf8();
            if classify(c) != Class::Plain {
                return Some((at, c));
            }
        }
        None
    })
}

/// Scans a loaded file: raw characters everywhere; in TOML (a `.toml` file, or a Markdown
/// page's front matter) also the escapes of basic strings; and numeric character
/// references (`&#27;`), which Markdown decodes.
pub fn scan(file: &SourceFile) -> Vec<Diagnostic> {
    let text = &file.text;
    let extension = file.path.extension().and_then(|e| e.to_str());
    let (toml, prose) = match extension {
        Some("toml") => (Some(0..text.len()), 0..0),
        Some("md") => match super::split_front_matter(file) {
            Ok((start, end, body)) => (Some(start..end), body..text.len()),
            Err(_) => (None, 0..text.len()),
        },
        _ => (None, 0..0),
    };
    let context = |offset: usize| {
        if prose.contains(&offset) {
            Context::Prose
        } else {
            Context::Other
        }
    };
    let mut findings = Findings::default();
    for (offset, c) in not_plain(text) {
        let found = Found {
            offset,
            c,
            written: offset..offset,
            context: context(offset),
        };
        findings.add(text, found);
    }
    if let Some(range) = toml {
        findings.next_pass();
        toml_escapes(text, range, &mut findings);
    }
    if matches!(extension, Some("toml" | "md")) {
        findings.next_pass();
        for mut f in character_references(text) {
            f.context = context(f.offset);
            findings.add(text, f);
        }
    }
    report(file, findings)
}

/// The diagnostics for what [`scan`] found: at most [`MAX_REPORTED`], then one line that
/// counts the rest.
fn report(file: &SourceFile, mut findings: Findings) -> Vec<Diagnostic> {
    findings.kept.sort_by_key(|f| f.offset);
    let mut diagnostics: Vec<Diagnostic> = findings
        .kept
        .iter()
        .take(MAX_REPORTED)
        .map(|f| diagnose(file, f))
        .collect();
    if findings.total > MAX_REPORTED {
        let listed_errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let more = findings.total - MAX_REPORTED;
        let mut summary = Diagnostic::error(
            &file.path,
            format!("{more} more control or invisible characters in this file are not listed"),
        )
        .help("remove them all, e.g. with an editor's \"show invisibles\" mode");
        if findings.errors == listed_errors {
            summary.severity = crate::diagnostics::Severity::Warning;
        }
        if let Some(next) = findings.kept.get(MAX_REPORTED) {
            summary.position = Some(file.position(next.offset));
        }
        diagnostics.push(summary);
    }
    diagnostics
}

/// One found character as an error or a warning.
fn diagnose(file: &SourceFile, f: &Found) -> Diagnostic {
    let how = if f.written.is_empty() {
        String::new()
    } else {
        format!("`{}` writes ", &file.text[f.written.clone()])
    };
    match classify(f.c) {
        Class::Hidden(name) => Diagnostic::warning(
            &file.path,
            format!("{how}invisible character U+{:04X} ({name})", u32::from(f.c)),
        )
        .at(file.position(f.offset))
        .help("it can hide or reorder the text around it; delete it unless the text needs it"),
        _ => forbidden(file, f.offset, f.c, &how),
    }
}

/// The error for control character or noncharacter `c` at byte `offset`; `how` says how it
/// was written (`` `\e` writes ``), or is empty when it was written as is. The TOML parser
/// refuses a raw one too: [`super::toml_diagnostic`] says it in these same words, so that
/// the two are reported once.
pub fn forbidden(file: &SourceFile, offset: usize, c: char, how: &str) -> Diagnostic {
    let what = if is_noncharacter(c) {
        "noncharacter"
    } else {
        "control character"
    };
    let code = format!("U+{:04X}", u32::from(c));
    Diagnostic::error(
        &file.path,
        format!("{how}{what} {code}, which is not allowed"),
    )
    .at(file.position(offset))
    .help("delete it (most editors do not show it); only tabs and line breaks may be written")
}

/// Direction marks and joiners in prose, and joiners inside non-ASCII text, are what
/// right-to-left and joining scripts (and emoji) need.
fn allowed_invisible(text: &str, f: &Found) -> bool {
    let mark = matches!(f.c, '\u{200E}' | '\u{200F}' | '\u{061C}');
    let joiner = matches!(f.c, '\u{200C}' | '\u{200D}');
    if f.context == Context::Prose && (mark || joiner) {
        return true;
    }
    if !joiner || !f.written.is_empty() {
        return false;
    }
    let before = text[..f.offset].chars().next_back();
    let after = text[f.offset + f.c.len_utf8()..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if !b.is_ascii() && !a.is_ascii())
}

/// Characters written as escapes in TOML basic strings (`"..."`, `"""..."""`): `\u001b`,
/// `\U0000001B`, `\x1b`, `\e`, `\b`, `\f`. Literal strings and comments have no escapes.
fn toml_escapes(text: &str, range: std::ops::Range<usize>, findings: &mut Findings) {
    #[derive(PartialEq)]
    enum State {
        Code,
        Comment,
        Basic,
        Literal,
    }
    let mut state = State::Code;
    let bytes = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        let b = bytes[i];
        match state {
            State::Code => match b {
                b'#' => state = State::Comment,
                b'"' => state = State::Basic,
                b'\'' => state = State::Literal,
                _ => {}
            },
            State::Comment if b == b'\n' => state = State::Code,
            State::Basic if b == b'\\' => {
                if let Some((c, len)) = toml_escape(&text[i + 1..range.end]) {
                    if classify(c) != Class::Plain {
                        let written = i..i + 1 + len;
                        let context = Context::Other;
                        findings.add(
                            text,
                            Found {
                                offset: i,
                                c,
                                written,
                                context,
                            },
                        );
                    }
                }
                i += 1;
            }
            // Multi-line strings close on the same quote; their extra quotes re-enter and
            // leave the state in pairs, which keeps escapes inside them in view.
            State::Basic if b == b'"' => state = State::Code,
            State::Literal if b == b'\'' => state = State::Code,
            _ => {}
        }
        i += 1;
    }
}

/// The character an escape (the text after its backslash) stands for, and its length.
fn toml_escape(rest: &str) -> Option<(char, usize)> {
    let hex = |len: usize| {
        let digits = rest.get(1..1 + len)?;
        let n = u32::from_str_radix(digits, 16).ok()?;
        char::from_u32(n).map(|c| (c, 1 + len))
    };
    match rest.as_bytes().first()? {
        b'u' => hex(4),
        b'U' => hex(8),
        b'x' => hex(2),
        b'e' => Some(('\u{1b}', 1)),
        b'b' => Some(('\u{8}', 1)),
        b'f' => Some(('\u{c}', 1)),
        _ => None,
    }
}

/// Numeric character references (`&#27;`, `&#x1B;`) that stand for a character that is not
/// plain text. Markdown decodes them (catalog descriptions are Markdown too).
fn character_references(text: &str) -> impl Iterator<Item = Found> + '_ {
    text.match_indices("&#").filter_map(move |(offset, _)| {
        let rest = &text[offset + 2..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 || len > 7 || !digits[len..].starts_with(';') {
            return None;
        }
        let n = u32::from_str_radix(&digits[..len], radix).ok()?;
        // Markdown turns NUL and invalid code points into U+FFFD itself.
        let c = char::from_u32(n).filter(|&c| c != '\0')?;
        let end = offset + (text[offset..].len() - digits.len()) + len + 1;
        (classify(c) != Class::Plain).then_some(Found {
            offset,
            c,
            written: offset..end,
            context: Context::Other,
        })
    })
}

/// Deserialisers for text that must not be blank, each naming its key in the message
/// (`` `title` is empty ``): the error then carries the position of the value.
macro_rules! required_text {
    ($($function:ident => $key:literal;)+) => {
        $(
            #[doc = concat!("`", $key, "`: required text that shows something.")]
            pub fn $function<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
                let s = String::deserialize(d)?;
                if is_blank(&s) {
                    return Err(serde::de::Error::custom(concat!("`", $key, "` is empty")));
                }
                Ok(s)
            }
        )+
    };
}

/// Deserialisers for lists whose items must not be blank; the message says which item.
macro_rules! required_items {
    ($($function:ident => $key:literal;)+) => {
        $(
            #[doc = concat!("A list of `", $key, "` items, none of them blank.")]
            pub fn $function<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
                let items = Vec::<String>::deserialize(d)?;
                match items.iter().position(|item| is_blank(item)) {
                    Some(i) => Err(serde::de::Error::custom(format!(
                        concat!("item {} of `", $key, "` is empty"),
                        i + 1
                    ))),
                    None => Ok(items),
                }
            }
        )+
    };
}

required_text! {
    title => "title";
    name => "name";
}

required_items! {
    skill_list => "skills";
    task_list => "tasks";
    credential_list => "credentials";
    language_list => "languages";
}

/// The help for a blank required text, from its message; `None` for other messages.
pub fn blank_help(message: &str) -> Option<String> {
    let quoted = message.strip_suffix("` is empty")?;
    let (before, key) = quoted.rsplit_once('`')?;
    Some(if before.starts_with("item ") {
        format!("write each item of `{key}` between quotes, or remove the empty one")
    } else if before.is_empty() {
        format!(
            "`{key}` is required and shows on the site; write it between the quotes, \
             e.g. `{key} = \"...\"`"
        )
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(path: &str, text: &str) -> Vec<String> {
        scan(&SourceFile::from_text(path.into(), text.into()))
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn the_fast_scan_finds_what_classify_finds() {
        let text = "a\tb\u{1b}c\u{7f}é\u{202e}d\r\n\u{fffe}\u{85}x\u{200b}😀\0";
        let slow: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| classify(*c) != Class::Plain)
            .collect();
        assert_eq!(not_plain(text).collect::<Vec<_>>(), slow);
        assert_eq!(slow.len(), 7);
    }

    #[test]
    fn classes_follow_the_rules() {
        for c in [
            '\0',
            '\u{1b}',
            '\u{b}',
            '\u{7f}',
            '\u{85}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{1fffe}',
        ] {
            assert_eq!(classify(c), Class::Forbidden, "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', 'é', '\u{a0}', '\u{fffd}'] {
            assert_eq!(classify(c), Class::Plain, "{c:?}");
        }
        for c in [
            '\u{202e}', '\u{2066}', '\u{200b}', '\u{2060}', '\u{feff}', '\u{61c}',
        ] {
            assert!(matches!(classify(c), Class::Hidden(_)), "{c:?}");
        }
    }

    #[test]
    fn raw_escaped_and_referenced_controls_are_located() {
        let found = scan_text(
            "a.toml",
            "title = \"a\u{1b}b\"\nname = \"x\\u001by\" # \\u001b in a comment\nc = 'lit\\u001b'\nd = \"&#27;\"\n",
        );
        assert_eq!(
            found,
            [
                "a.toml:1:11: error: control character U+001B, which is not allowed",
                "a.toml:2:10: error: `\\u001b` writes control character U+001B, which is not allowed",
                "a.toml:4:6: error: `&#27;` writes control character U+001B, which is not allowed",
            ]
        );
    }

    #[test]
    fn right_to_left_marks_pass_in_prose_only() {
        let page = "+++\ntitle = \"a\u{200f}\"\n+++\nשלום\u{200f} and \u{202e}x\n";
        assert_eq!(
            scan_text("p.md", page),
            [
                "p.md:2:11: warning: invisible character U+200F (right-to-left mark)",
                "p.md:4:11: warning: invisible character U+202E (right-to-left override)",
            ]
        );
        // An emoji sequence joins with U+200D anywhere; a joiner between ASCII letters warns.
        assert!(scan_text("a.toml", "t = \"👩\u{200d}💻\"\n").is_empty());
        assert_eq!(scan_text("a.toml", "t = \"a\u{200d}b\"\n").len(), 1);
    }

    #[test]
    fn a_flood_is_reported_in_bounded_lines() {
        let found = scan_text("a.toml", &"\u{1b}".repeat(10_000));
        assert_eq!(found.len(), MAX_REPORTED + 1);
        assert!(found[MAX_REPORTED].contains("9980 more control or invisible characters"));
    }

    #[test]
    fn blank_text_is_refused_with_its_key() {
        #[derive(Deserialize, Debug)]
        struct T {
            #[serde(deserialize_with = "title")]
            #[allow(dead_code)]
            title: String,
            #[serde(deserialize_with = "skill_list")]
            #[allow(dead_code)]
            skills: Vec<String>,
        }
        let err = toml::from_str::<T>("title = \" \u{200b}\"\nskills = []").unwrap_err();
        assert_eq!(err.message(), "`title` is empty");
        assert_eq!(err.span(), Some(8..14));
        let err = toml::from_str::<T>("title = \"t\"\nskills = [\"a\", \"\"]").unwrap_err();
        assert_eq!(err.message(), "item 2 of `skills` is empty");
        assert_eq!(err.span(), Some(21..30));
        assert!(blank_help(err.message()).is_some());
    }
}
