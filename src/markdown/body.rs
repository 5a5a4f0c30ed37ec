//! A page's Markdown body with its `{{ district.PATH }}` placeholders filled, and the map
//! from offsets in the filled text back to offsets in the file.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::destination::{classify, LinkKind};
use super::{options, Located, Problem, Trust};

/// Supplies values for `{{ district.PATH }}` placeholders.
pub trait Placeholders {
    /// The value of `{{ district.PATH }}`, given `PATH`.
    fn value(&self, path: &str) -> Result<String, Problem>;

    /// Where the value of `PATH` was set, for messages about it (`district \`north\`, at
    /// content/districts/north/district.toml:9:7`).
    fn origin(&self, _path: &str) -> Option<String> {
        None
    }
}

/// A filled placeholder, for messages about its value.
pub(super) struct Fill {
    /// Where the value sits in the filled text.
    pub(super) range: Range<usize>,
    pub(super) path: String,
    pub(super) value: String,
    pub(super) origin: Option<String>,
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
    pub(super) fills: Vec<Fill>,
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
            fills: Vec::new(),
            problems: Vec::new(),
        };
        let Some(placeholders) = placeholders.filter(|_| source.contains("{{")) else {
            return body;
        };
        let mut filled = String::with_capacity(source.len() + 64);
        let mut growth: isize = 0;
        let mut copied = 0;
        for (open, close, path, context) in placeholder_spans(source, trust) {
            match placeholders.value(path).and_then(|value| {
                let escaped = escape_for(context, &value, path, placeholders)?;
                Ok((value, escaped))
            }) {
                Ok((value, escaped)) => {
                    filled.push_str(&source[copied..open]);
                    let start = filled.len();
                    filled.push_str(&escaped);
                    body.fills.push(Fill {
                        range: start..filled.len(),
                        path: path.to_string(),
                        value,
                        origin: placeholders.origin(path),
                    });
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
/// `(start, end, PATH, where it sits)` with byte offsets into `source`.
fn placeholder_spans(source: &str, trust: Trust) -> Vec<(usize, usize, &str, Context)> {
    let mut found = Vec::new();
    if !source.contains("{{") {
        return found;
    }
    let (code, html) = code_and_html_ranges(source, options(trust));
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
            let context = match html.iter().find(|r| r.contains(&open)) {
                Some(r) => html_context(&source[r.start..open]),
                None => Context::Markdown,
            };
            found.push((open, close, path, context));
        }
    }
    found
}

/// The `{{ district.PATH }}` paths of a page's Markdown body that would be filled, in order
/// of first use.
pub fn placeholder_paths(body: &str, trust: Trust) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for (_, _, path, _) in placeholder_spans(body, trust) {
        if !paths.iter().any(|p| p == path) {
            paths.push(path.to_string());
        }
    }
    paths
}

/// Byte ranges of code spans and code blocks, where placeholders are left alone, and of raw
/// HTML (whole HTML blocks, and inline tags), where values are escaped as HTML.
fn code_and_html_ranges(text: &str, options: Options) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut code, mut html) = (Vec::new(), Vec::new());
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => code.push(range),
            Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => html.push(range),
            _ => {}
        }
    }
    (code, html)
}

/// Where in the page a placeholder sits, which decides how its value is escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    /// Markdown text, or a Markdown link address.
    Markdown,
    /// Raw HTML, between tags.
    HtmlText,
    /// A quoted attribute value in raw HTML; `url` holds the value so far when the
    /// attribute is an address (`href`, `src`, ...).
    HtmlAttribute { url: Option<String> },
    /// Anywhere else in raw HTML (a tag or attribute name, an unquoted value, a comment,
    /// a script or a style), where no escaping makes a value safe.
    HtmlElsewhere,
}

/// Attributes whose value is an address a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "srcset",
    "background",
    "xlink:href",
    "ping",
    "manifest",
    "codebase",
    "longdesc",
    "usemap",
];

/// Where the end of `html`, raw HTML from the start of its block or tag, falls: a small
/// tokenizer that knows text, tags, quoted values, comments and script or style content.
fn html_context(html: &str) -> Context {
    enum State {
        Text,
        Tag,
        Quoted(char, usize),
        Comment,
    }
    let is_name = |c: char| c.is_ascii_alphanumeric() || ":-_".contains(c);
    let (mut state, mut raw_text) = (State::Text, false);
    // The attribute name being read, and the one a `=` last gave a value.
    let (mut name, mut attribute) = (String::new(), String::new());
    let mut previous = ' ';
    for (at, c) in html.char_indices() {
        state = match state {
            State::Text if html[at..].starts_with("<!--") => State::Comment,
            State::Text if c == '<' => {
                let tag: String = html[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                    .collect::<String>()
                    .to_ascii_lowercase();
                let closes_raw_text = tag == "/script" || tag == "/style";
                if tag.is_empty() || (raw_text && !closes_raw_text) {
                    State::Text
                } else {
                    raw_text = tag == "script" || tag == "style";
                    State::Tag
                }
            }
            State::Tag if c == '>' => State::Text,
            State::Tag if c == '"' || c == '\'' => State::Quoted(c, at + 1),
            State::Tag => {
                if c == '=' {
                    attribute = name.to_ascii_lowercase();
                } else if is_name(c) {
                    if !is_name(previous) {
                        name.clear();
                    }
                    name.push(c);
                }
                State::Tag
            }
            State::Quoted(q, _) if c == q => State::Tag,
            State::Comment if c == '>' && html[..at].ends_with("--") => State::Text,
            other => other,
        };
        previous = c;
    }
    match state {
        State::Text if raw_text => Context::HtmlElsewhere,
        State::Text => Context::HtmlText,
        State::Quoted(_, start) => Context::HtmlAttribute {
            url: URL_ATTRIBUTES
                .contains(&attribute.as_str())
                .then(|| html[start..].to_string()),
        },
        State::Tag | State::Comment => Context::HtmlElsewhere,
    }
}

/// `value` escaped for where it lands, or why it may not land there.
fn escape_for(
    context: Context,
    value: &str,
    path: &str,
    placeholders: &dyn Placeholders,
) -> Result<String, Problem> {
    match context {
        Context::Markdown => Ok(escape_markdown(value)),
        Context::HtmlText => Ok(escape_html(value)),
        Context::HtmlAttribute { url: None } => Ok(escape_html(value)),
        Context::HtmlAttribute { url: Some(before) } => {
            let address = format!("{before}{value}");
            match classify(address.trim(), LinkKind::Link) {
                Err(problem) => Err(value_problem(problem, path, placeholders)),
                Ok(_) => Ok(escape_html(value)),
            }
        }
        Context::HtmlElsewhere => Err(Problem::new(
            format!("`{{{{ district.{path} }}}}` sits where raw HTML cannot show a value safely"),
            Some("put placeholders in raw HTML between tags or inside a quoted attribute value (`title=\"{{ district.PATH }}\"`)".into()),
        )),
    }
}

/// A problem with a placeholder's value, naming the placeholder and where the value was set.
pub(super) fn value_problem(
    problem: Problem,
    path: &str,
    placeholders: &dyn Placeholders,
) -> Problem {
    let origin = placeholders.origin(path);
    value_problem_from(problem, path, origin.as_deref())
}

pub(super) fn value_problem_from(problem: Problem, path: &str, origin: Option<&str>) -> Problem {
    let origin = origin.map(|o| format!(", set by {o}")).unwrap_or_default();
    Problem {
        message: format!(
            "the value of `district.{path}`{origin}: {}",
            problem.message
        ),
        help: Some(format!(
            "change `{path}` where it is set{}",
            problem.help.map(|h| format!("; {h}")).unwrap_or_default()
        )),
        warning: problem.warning,
    }
}

/// Escapes a value for HTML text and quoted attribute values; line breaks become spaces so
/// an HTML block never ends inside a value.
fn escape_html(value: &str) -> String {
    super::text::escape_attr(&value.replace(['\n', '\r'], " "))
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

    #[test]
    fn raw_html_contexts_are_told_apart() {
        let url = |before: &str| Context::HtmlAttribute {
            url: Some(before.to_string()),
        };
        assert_eq!(html_context("<div>\nText "), Context::HtmlText);
        assert_eq!(
            html_context("<div title=\"Call "),
            Context::HtmlAttribute { url: None }
        );
        assert_eq!(html_context("<a class='x' href='"), url(""));
        assert_eq!(html_context("<a href = \"https://x/"), url("https://x/"));
        assert_eq!(html_context("<div data-x="), Context::HtmlElsewhere);
        assert_eq!(html_context("<div "), Context::HtmlElsewhere);
        assert_eq!(html_context("<!-- "), Context::HtmlElsewhere);
        assert_eq!(
            html_context("<script>let a = \"<b>"),
            Context::HtmlElsewhere
        );
        assert_eq!(html_context("<script></script><p>é "), Context::HtmlText);
        assert_eq!(html_context("<!-- é --> "), Context::HtmlText);
    }
}
