//! Accessible authoring: what an author's Markdown does to readers of assistive technology,
//! found while the first pass walks a page's events (no second parse).
//!
//! Warnings, never errors: an image with no alt text or its file name as alt text; link
//! text that says nothing out of context ("click here", a bare address); a skipped heading
//! level; a table with no header row. Every linked office document (PDF, Word, Excel,
//! PowerPoint) is listed too, for a person to review: no build can tell whether a PDF is tagged.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::prepare::level_number;
use super::text::collapse_whitespace;
use super::{Body, Located, Problem, Trust};
use crate::diagnostics::{Diagnostic, Position};

/// The help of an image without a useful alt text.
pub const IMAGE_HELP: &str = "describe what the image shows in a few words, as in \
     `![Students at the spring career fair](fair.jpg)`; an image that is only decoration is \
     written in HTML with an empty alt: `<img src=\"...\" alt=\"\">`";
/// The help of link text that says nothing on its own.
pub const LINK_HELP: &str = "name where the link goes, as in `[the enrollment form](...)`: \
     screen-reader users often hear a page's links listed out of context";
/// The help of a `#` heading in a page's body.
pub const TITLE_LEVEL_HELP: &str =
    "start the page's sections at `##`: the title is the page's one level-1 heading";
/// The help of a heading that skips a level.
pub const HEADING_HELP: &str = "go down one level at a time (`##`, then `###`): \
     screen-reader users move through a page by its headings";
/// The help of a table with no header row.
pub const TABLE_HELP: &str = "put the column names in the first row (as `<th>` cells in an \
     HTML table): screen readers read them out with each cell";

/// Whether `d` is one of the accessible-authoring warnings: each has a help line of its own,
/// which is how `trellis check --a11y` tells them from the rest.
pub fn is_authoring(d: &Diagnostic) -> bool {
    !d.is_error()
        && d.help.as_deref().is_some_and(|help| {
            [
                IMAGE_HELP,
                LINK_HELP,
                TITLE_LEVEL_HELP,
                HEADING_HELP,
                TABLE_HELP,
            ]
            .contains(&help)
        })
}

/// A linked document that needs a person to review it for accessibility.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Document {
    /// The page or catalog file that links to it, relative to the site root.
    pub path: String,
    /// Where the link is.
    pub position: Position,
    /// The link's address as written (or as a placeholder filled it).
    pub target: String,
}

/// Sorts documents by page and position, keeping each page's first link to each target.
pub fn sort_documents(documents: &mut Vec<Document>) {
    documents.sort();
    let mut seen = std::collections::BTreeSet::new();
    documents.retain(|d| seen.insert((d.path.clone(), d.target.clone())));
}

/// Link text that names nothing, lowercased, in English and Spanish.
const VAGUE: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "learn more",
    "this link",
    "link",
    "this page",
    "haga clic aquí",
    "haga clic aqui",
    "clic aquí",
    "clic aqui",
    "aquí",
    "aqui",
    "leer más",
    "leer mas",
    "más información",
    "mas informacion",
    "más",
];

const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "tif", "tiff",
];

/// Extensions of documents whose accessibility a build cannot judge.
const DOCUMENT_EXTENSIONS: &[&str] = &["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx"];

/// What the audit keeps while the first pass reads a page's events.
pub(super) struct Audit {
    trust: Trust,
    /// The level of the last heading; the title counts as level 1.
    level: u8,
    /// The heading being read: its level, where it starts and its text.
    heading: Option<(u8, usize, String)>,
    /// The image being read: its source, where it starts and its alt text.
    image: Option<(String, usize, String)>,
    /// The link being read: where it starts, whether it is an autolink, its text.
    link: Option<(usize, bool, String)>,
    /// The Markdown table being read: where it starts, and its header text.
    table: Option<(usize, String)>,
    /// The raw HTML table being read: where it starts and whether it has a `<th>`.
    html_table: Option<(usize, bool)>,
    pub(super) found: Vec<Located>,
    /// Linked documents: where each link starts, and its address.
    pub(super) documents: Vec<(usize, String)>,
}

impl Audit {
    pub(super) fn new(trust: Trust) -> Audit {
        Audit {
            trust,
            level: 1,
            heading: None,
            image: None,
            link: None,
            table: None,
            html_table: None,
            found: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// Reads one event, at `range` of the body's filled text.
    pub(super) fn event(&mut self, event: &Event, range: &Range<usize>, body: &Body) {
        let offset = body.file_offset(range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level_number(*level), offset, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Image { dest_url, .. }) if self.trust == Trust::Author => {
                self.image = Some((dest_url.to_string(), offset, String::new()))
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                self.document(dest_url, offset);
                let autolink = matches!(link_type, LinkType::Autolink);
                self.link = Some((offset, autolink, String::new()));
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Start(Tag::Table(_)) => self.table = Some((offset, String::new())),
            Event::End(TagEnd::TableHead) => self.end_table_head(),
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::Html(html) | Event::InlineHtml(html) if self.trust == Trust::Author => {
                self.html(html, range, body)
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let open = [
            self.heading.as_mut().map(|h| &mut h.2),
            self.image.as_mut().map(|i| &mut i.2),
            self.link.as_mut().map(|l| &mut l.2),
            self.table.as_mut().map(|t| &mut t.1),
        ];
        for gathered in open.into_iter().flatten() {
            gathered.push_str(text);
        }
    }

    fn warn(&mut self, offset: usize, message: String, help: &str) {
        let problem = Problem {
            message,
            help: Some(help.to_string()),
            warning: true,
        };
        self.found.push(Located { offset, problem });
    }

    fn end_heading(&mut self) {
        let Some((level, offset, text)) = self.heading.take() else {
            return;
        };
        let text = collapse_whitespace(&text);
        if level == 1 {
            let message = format!("heading `{text}` is a level-1 heading, like the page's title");
            self.warn(offset, message, TITLE_LEVEL_HELP);
        } else if level > self.level + 1 {
            let from = match self.level {
                1 => "level 1, the page's title,".to_string(),
                n => format!("level {n}"),
            };
            let message = format!("heading `{text}` skips from {from} to level {level}");
            self.warn(offset, message, HEADING_HELP);
        }
        self.level = level;
    }

    fn end_image(&mut self) {
        let Some((src, offset, alt)) = self.image.take() else {
            return;
        };
        if let Some(message) = alt_problem(&src, Some(&collapse_whitespace(&alt)), true) {
            self.warn(offset, message, IMAGE_HELP);
        }
    }

    fn end_link(&mut self) {
        let Some((offset, autolink, text)) = self.link.take() else {
            return;
        };
        let text = collapse_whitespace(&text);
        if autolink || is_address(&text) {
            let message = format!("link text `{text}` is a bare address");
            self.warn(offset, message, LINK_HELP);
        } else if is_vague(&text) {
            let message = format!("link text `{text}` says nothing on its own");
            self.warn(offset, message, LINK_HELP);
        }
    }

    fn end_table_head(&mut self) {
        if let Some((offset, header)) = self.table.take() {
            if header.trim().is_empty() {
                self.warn(offset, "table has no header row".into(), TABLE_HELP);
            }
        }
    }

    /// Keeps a link to an office document for the review list.
    fn document(&mut self, dest: &str, offset: usize) {
        if is_document(dest) {
            self.documents.push((offset, dest.to_string()));
        }
    }

    /// Raw HTML: images, tables and links written as tags.
    fn html(&mut self, html: &str, range: &Range<usize>, body: &Body) {
        for (at, tag) in tags(html) {
            // The event's text is the source's, unless the tag sits past the end of its range.
            let at = range.start + at.min(range.len().saturating_sub(1));
            let offset = body.file_offset(at);
            match tag.name.as_str() {
                "img" => {
                    let src = tag.attribute("src").unwrap_or_default();
                    if let Some(message) = alt_problem(src, tag.attribute("alt"), false) {
                        self.warn(offset, message, IMAGE_HELP);
                    }
                }
                "a" => self.document(tag.attribute("href").unwrap_or_default(), offset),
                "table" => self.html_table = Some((offset, false)),
                "th" => {
                    if let Some(table) = self.html_table.as_mut() {
                        table.1 = true;
                    }
                }
                "/table" => {
                    if let Some((offset, false)) = self.html_table.take() {
                        let message = "HTML table has no header cells (`<th>`)".to_string();
                        self.warn(offset, message, TABLE_HELP);
                    }
                }
                _ => {}
            }
        }
    }
}

/// What is wrong with an image's alt text (`None`: no `alt` attribute), if anything. An
/// empty `alt` written in HTML marks the image as decoration; Markdown cannot say that.
fn alt_problem(src: &str, alt: Option<&str>, markdown: bool) -> Option<String> {
    match alt.map(str::trim) {
        None => Some(format!("image `{src}` has no alt text")),
        Some("") if markdown => Some(format!("image `{src}` has no alt text")),
        Some("") => None,
        Some(alt) if is_file_name(alt, src) => Some(format!(
            "image `{src}` has its file name `{alt}` as alt text"
        )),
        Some(_) => None,
    }
}

/// Whether `alt` is a file name: it ends in an image extension, or it is `src`'s file stem.
fn is_file_name(alt: &str, src: &str) -> bool {
    let alt = alt.trim().to_lowercase();
    let ends_in_image = alt
        .rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext));
    let file = src.rsplit('/').next().unwrap_or(src).to_lowercase();
    let stem = file
        .rsplit_once('.')
        .map_or(file.as_str(), |(stem, _)| stem);
    ends_in_image || (!stem.is_empty() && alt == stem)
}

fn is_vague(text: &str) -> bool {
    let words = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    VAGUE.contains(&collapse_whitespace(&words).as_str())
}

fn is_address(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    !lower.contains(' ')
        && ["http://", "https://", "www."]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// Whether an address leads to an office document, by its extension.
fn is_document(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default().to_lowercase();
    file.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && DOCUMENT_EXTENSIONS.contains(&ext))
}

/// One tag of raw HTML: its lowercased name (`/table` for an end tag) and attributes.
struct HtmlTag {
    name: String,
    attributes: Vec<(String, String)>,
}

impl HtmlTag {
    /// The value of attribute `name`: `Some("")` for one written without a value.
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The tags of a piece of raw HTML, each with its byte offset in `html`. Comments are skipped.
fn tags(html: &str) -> Vec<(usize, HtmlTag)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = html[at..].find('<').map(|i| at + i) {
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let rest = &html[start + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        let (attributes, end) = attributes(&rest[name_len..]);
        at = start + 1 + name_len + end;
        if !name.is_empty() && name != "/" {
            found.push((start, HtmlTag { name, attributes }));
        }
    }
    found
}

/// The attributes at the start of `text` up to the tag's `>`, and how far that is.
fn attributes(text: &str) -> (Vec<(String, String)>, usize) {
    let mut attributes = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '>' {
            return (attributes, i + 1);
        }
        if !(c.is_ascii_alphabetic() || c == '-' || c == ':' || c == '_') {
            continue;
        }
        let mut name = c.to_ascii_lowercase().to_string();
        while let Some(&(_, c)) = chars.peek().filter(|(_, c)| !"= \t\n/>".contains(*c)) {
            name.push(c.to_ascii_lowercase());
            chars.next();
        }
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|(_, c)| *c == '=') {
            chars.next();
            while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                chars.next();
            }
            let quote = chars
                .peek()
                .map(|(_, c)| *c)
                .filter(|c| *c == '"' || *c == '\'');
            if quote.is_some() {
                chars.next();
            }
            while let Some(&(_, c)) = chars.peek() {
                let ends = match quote {
                    Some(q) => c == q,
                    None => c.is_whitespace() || c == '>',
                };
                if ends {
                    if quote.is_some() {
                        chars.next();
                    }
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        attributes.push((name, value));
    }
    (attributes, text.len())
}

/// The documents of a render, placed in `path` whose text is `text`.
pub fn place_documents(
    found: &[(usize, String)],
    path: &str,
    position: impl Fn(usize) -> Position,
) -> Vec<Document> {
    found
        .iter()
        .map(|(offset, target)| Document {
            path: path.to_string(),
            position: position(*offset),
            target: target.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
