//! A page's Markdown body with its `{{ district.PATH }}` placeholders filled, and the map
//! from offsets in the filled text back to offsets in the file.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::{options, Located, Problem, Trust};

/// Supplies values for `{{ district.PATH }}` placeholders.
pub trait Placeholders {
    /// The value of `{{ district.PATH }}`, given `PATH`.
    fn value(&self, path: &str) -> Result<String, Problem>;
}

/// A page's Markdown body with its placeholders filled, ready to parse. Offsets into the
/// filled text map back to offsets in the file for messages.
pub struct Body<'a> {
    pub(super) text: Cow<'a, str>,
    /// Where the body starts in the file.
    start: usize,
    /// `(end of a replacement in the filled text, total growth up to there)`, in order.
    shifts: Vec<(usize, isize)>,
    pub(super) trust: Trust,
    /// Placeholders that could not be filled.
    pub problems: Vec<Located>,
}

impl<'a> Body<'a> {
    /// Fills the `{{ district.PATH }}` placeholders of the body that starts at `body_start`,
    /// leaving code spans and code blocks alone. Values are escaped so that they read as
    /// plain text wherever they land, link addresses included. Without `placeholders`,
    /// braces are ordinary text.
    pub fn new(
        file_text: &'a str,
        body_start: usize,
        trust: Trust,
        placeholders: Option<&dyn Placeholders>,
    ) -> Body<'a> {
        let source = &file_text[body_start..];
        let mut body = Body {
            text: Cow::Borrowed(source),
            start: body_start,
            shifts: Vec::new(),
            trust,
            problems: Vec::new(),
        };
        let Some(placeholders) = placeholders.filter(|_| source.contains("{{")) else {
            return body;
        };
        let mut filled = String::with_capacity(source.len() + 64);
        let mut growth: isize = 0;
        let mut copied = 0;
        for (open, close, path) in placeholder_spans(source, trust) {
            match placeholders.value(path) {
                Ok(value) => {
                    filled.push_str(&source[copied..open]);
                    let escaped = escape_markdown(&value);
                    filled.push_str(&escaped);
                    growth += escaped.len() as isize - (close - open) as isize;
                    body.shifts.push((filled.len(), growth));
                    copied = close;
                }
                Err(problem) => body.problems.push(Located {
                    offset: body_start + open,
                    problem,
                }),
            }
        }
        if copied > 0 {
            filled.push_str(&source[copied..]);
            body.text = Cow::Owned(filled);
        }
        body
    }

    /// The offset in the file of byte `offset` of the filled text.
    pub(super) fn file_offset(&self, offset: usize) -> usize {
        let index = self.shifts.partition_point(|(end, _)| *end <= offset);
        let growth = if index == 0 {
            0
        } else {
            self.shifts[index - 1].1
        };
        self.start + (offset as isize - growth).max(0) as usize
    }
}

/// Each `{{ district.PATH }}` outside code spans and code blocks, in order, as
/// `(start, end, PATH)` byte offsets into `source`.
fn placeholder_spans(source: &str, trust: Trust) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    if !source.contains("{{") {
        return found;
    }
    let code = code_ranges(source, options(trust));
    let mut search = 0;
    while let Some(at) = source[search..].find("{{") {
        let open = search + at;
        let Some(len) = source[open..].find("}}") else {
            break;
        };
        let close = open + len + 2;
        search = close;
        if code.iter().any(|r| r.contains(&open)) {
            continue;
        }
        if let Some(path) = source[open + 2..close - 2].trim().strip_prefix("district.") {
            found.push((open, close, path));
        }
    }
    found
}

/// The `{{ district.PATH }}` paths of a page's Markdown body that would be filled, in order
/// of first use.
pub fn placeholder_paths(body: &str, trust: Trust) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for (_, _, path) in placeholder_spans(body, trust) {
        if !paths.iter().any(|p| p == path) {
            paths.push(path.to_string());
        }
    }
    paths
}

/// Byte ranges of code spans and code blocks, where placeholders are left alone.
fn code_ranges(text: &str, options: Options) -> Vec<Range<usize>> {
    Parser::new_ext(text, options)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, range)| range)
        .collect()
}

/// Backslash-escapes ASCII punctuation so a value reads as text in Markdown, and in a link
/// address; line breaks become spaces.
fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_listed_once_in_order() {
        assert_eq!(
            placeholder_paths("Call {{ district.contacts.a.name }} or {{district.name}}; {{ district.name }} {{ other }}", Trust::Author),
            ["contacts.a.name", "name"]
        );
        assert_eq!(
            placeholder_paths(
                "Write `{{ district.name }}` to show it; {{ district.phone }}",
                Trust::Author
            ),
            ["phone"],
            "placeholders in code are text, as when filling"
        );
    }
}
