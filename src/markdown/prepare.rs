//! The first pass over a page's events: placeholders filled, links resolved and checked,
//! heading ids assigned, footnotes numbered, tables named and the text gathered for search.
//! Everything here is the same for the page and its print edition.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::a11y::Audit;
use super::body::value_problem_from;
use super::*;

/// Events with placeholders filled, links resolved and heading ids assigned: everything that
/// is the same in both outputs.
pub(super) struct Prepared<'a> {
    pub(super) events: Vec<Event<'a>>,
    pub(super) trust: Trust,
    /// Event index of a link or image start → where it points.
    pub(super) links: HashMap<usize, Resolved>,
    /// Event indexes of partner links that are shown as plain text.
    pub(super) dropped_links: std::collections::HashSet<usize>,
    /// Ids of the headings, in order.
    pub(super) headings: Vec<Heading>,
    /// Footnote label → its number, in order of first reference.
    pub(super) footnotes: BTreeMap<String, usize>,
    /// Each table's header cells, joined: "Week, Task, Who" (empty with no header).
    pub(super) table_labels: Vec<String>,
    pub(super) description: String,
    pub(super) sections: Vec<String>,
    pub(super) problems: Vec<Located>,
    /// Linked office documents, for review: where each link starts, and its address.
    pub(super) documents: Vec<(usize, String)>,
}

/// The first pass over a page's events; see [`Pass::event`] for what each event does.
pub(super) fn prepare<'a>(
    body: &Body,
    events: Vec<(Event<'a>, Range<usize>)>,
    links: &dyn Links,
) -> Prepared<'a> {
    let mut pass = Pass::new(body, links, events.len());
    for (index, (event, range)) in events.into_iter().enumerate() {
        let event = pass.event(index, event, &range);
        pass.prep.events.push(event);
    }
    pass.finish()
}

/// What the first pass keeps while it reads a page's events in order.
struct Pass<'a, 'b> {
    body: &'b Body<'b>,
    links: &'b dyn Links,
    prep: Prepared<'a>,
    ids: HeadingIds,
    /// The heading being read: its level, custom id and text.
    heading: Option<(u8, Option<String>, String)>,
    code_depth: usize,
    /// The header cells of the table being read, while inside its head.
    table_head: Option<Vec<String>>,
    /// The first paragraph's text while it is read, for the page's description.
    paragraph: Option<String>,
    /// `#fragment` links and their offsets, checked once every heading is known.
    fragments: Vec<(String, usize)>,
    footnote_refs: Vec<(String, usize)>,
    footnote_defs: Vec<String>,
    /// The accessible-authoring checks, fed every event.
    audit: Audit,
}

impl<'a, 'b> Pass<'a, 'b> {
    fn new(body: &'b Body<'b>, links: &'b dyn Links, events: usize) -> Self {
        Pass {
            body,
            links,
            prep: Prepared {
                events: Vec::with_capacity(events),
                trust: body.trust,
                links: HashMap::new(),
                dropped_links: std::collections::HashSet::new(),
                headings: Vec::new(),
                footnotes: BTreeMap::new(),
                table_labels: Vec::new(),
                description: String::new(),
                sections: vec![String::new()],
                problems: Vec::new(),
                documents: Vec::new(),
            },
            ids: HeadingIds::default(),
            heading: None,
            code_depth: 0,
            table_head: None,
            paragraph: None,
            fragments: Vec::new(),
            footnote_refs: Vec::new(),
            footnote_defs: Vec::new(),
            audit: Audit::new(body.trust),
        }
    }

    /// Reads one event and returns it as both outputs show it: unchanged except headings,
    /// whose ids are assigned later. A flat dispatch over the event kinds, so it is long.
    fn event(&mut self, index: usize, event: Event<'a>, range: &Range<usize>) -> Event<'a> {
        let offset = self.body.file_offset(range.start);
        self.audit.event(&event, range, self.body);
        match &event {
            Event::Start(Tag::CodeBlock(_)) => self.code_depth += 1,
            Event::End(TagEnd::CodeBlock) => self.code_depth = self.code_depth.saturating_sub(1),
            Event::Start(Tag::TableHead) => self.table_head = Some(Vec::new()),
            Event::Start(Tag::TableCell) => {
                if let Some(cells) = self.table_head.as_mut() {
                    cells.push(String::new());
                }
            }
            Event::End(TagEnd::TableHead) => self.end_table_head(),
            Event::Text(text) if self.code_depth == 0 => self.text(text, offset),
            Event::Code(text) => self.gather(text),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.push(' ');
                }
            }
            // The first paragraph is the page's description.
            Event::Start(Tag::Paragraph)
                if self.prep.description.is_empty() && self.paragraph.is_none() =>
            {
                self.paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = self.paragraph.take() {
                    self.prep.description = shorten(&collapse_whitespace(&p), 200);
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let custom = id.as_deref().map(str::to_string);
                return self.start_heading(*level, custom, offset);
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Link { dest_url, .. }) => self.link(index, dest_url, range, offset),
            // Partner text may not show images at all: they are dropped, keeping their alt text.
            Event::Start(Tag::Image { .. }) if self.body.trust == Trust::Partner => {}
            Event::Start(Tag::Image { dest_url, .. }) => self.image(index, dest_url, offset),
            Event::FootnoteReference(label) => {
                let next = self.prep.footnotes.len() + 1;
                self.prep.footnotes.entry(label.to_string()).or_insert(next);
                self.footnote_refs.push((label.to_string(), offset));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnote_defs.push(label.to_string());
            }
            _ => {}
        }
        event
    }

    /// Keeps the table's header cells for its name: "Week, Task, Who".
    fn end_table_head(&mut self) {
        let cells = self.table_head.take().unwrap_or_default();
        let names: Vec<String> = cells
            .iter()
            .map(|c| collapse_whitespace(c))
            .filter(|c| !c.is_empty())
            .collect();
        self.prep.table_labels.push(names.join(", "));
    }

    /// Text outside code: header cells, undefined footnotes and the page's words.
    fn text(&mut self, text: &str, offset: usize) {
        if let Some(cell) = self.table_head.as_mut().and_then(|cells| cells.last_mut()) {
            cell.push_str(text);
        }
        // pulldown-cmark leaves a reference to an undefined footnote as text.
        if let Some(label) = undefined_footnote(text) {
            self.footnote_refs.push((label, offset));
        }
        self.gather(text);
    }

    fn gather(&mut self, text: &str) {
        let prep = &mut self.prep;
        gather_text(
            text,
            &mut self.heading,
            &mut prep.sections,
            &mut self.paragraph,
        );
    }

    /// A heading starts: its custom id is checked and taken off the event, to be assigned
    /// (made unique) when the heading ends.
    fn start_heading(
        &mut self,
        level: HeadingLevel,
        custom: Option<String>,
        offset: usize,
    ) -> Event<'a> {
        if let Some(problem) = custom.as_deref().and_then(theme_id_problem) {
            self.prep.problems.push(Located { offset, problem });
        }
        self.heading = Some((level_number(level), custom, String::new()));
        Event::Start(Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })
    }

    fn end_heading(&mut self) {
        if let Some((level, custom, text)) = self.heading.take() {
            let text = collapse_whitespace(&text);
            let id = self.ids.assign(custom.as_deref(), &text);
            self.prep.headings.push(Heading { level, id, text });
            self.prep.sections.push(String::new());
        }
    }

    /// A link: fragments are kept for later, relative links resolved; a refused one is an
    /// error, or in partner text a warning and the link is dropped.
    fn link(&mut self, index: usize, dest: &str, range: &Range<usize>, offset: usize) {
        let refused = match classify(dest, LinkKind::Link) {
            Ok(Destination::Fragment(fragment)) => {
                self.fragments.push((fragment.to_string(), offset));
                None
            }
            Ok(Destination::Relative) => match self.links.link(dest) {
                Ok(resolved) => {
                    self.prep.links.insert(index, resolved);
                    None
                }
                Err(problem) => Some(problem),
            },
            Ok(Destination::Absolute) => None,
            Err(problem) => Some(problem),
        };
        if let Some(problem) = refused {
            let problem = blame_value(self.body, range, dest, problem);
            // Partner text keeps its words but loses a link it may not have.
            let problem = if self.body.trust == Trust::Partner {
                self.prep.dropped_links.insert(index);
                problem.into_warning()
            } else {
                problem
            };
            self.prep.problems.push(Located { offset, problem });
        }
    }

    /// An image: a relative source is resolved; a refused one is an error.
    fn image(&mut self, index: usize, dest: &str, offset: usize) {
        match classify(dest, LinkKind::Image) {
            Ok(Destination::Relative) => match self.links.link(dest) {
                Ok(resolved) => {
                    self.prep.links.insert(index, resolved);
                }
                Err(problem) => self.prep.problems.push(Located { offset, problem }),
            },
            Ok(_) => {}
            Err(problem) => self.prep.problems.push(Located { offset, problem }),
        }
    }

    /// Checks what needed the whole page: fragments against the headings and footnotes,
    /// footnote references against their definitions.
    fn finish(mut self) -> Prepared<'a> {
        let unknown = unknown_fragments(&self.prep, self.fragments);
        self.prep.problems.extend(unknown);
        let undefined = undefined_footnotes(self.footnote_refs, &self.footnote_defs);
        self.prep.problems.extend(undefined);
        self.prep.problems.append(&mut self.audit.found);
        self.prep.documents = std::mem::take(&mut self.audit.documents);
        self.prep
    }
}

/// `#fragment` links that name no heading (or footnote) of the page.
fn unknown_fragments(prep: &Prepared, fragments: Vec<(String, usize)>) -> Vec<Located> {
    let known = |fragment: &str| {
        prep.headings.iter().any(|h| h.id == fragment)
            || fragment
                .strip_prefix("fn-")
                .is_some_and(|l| prep.footnotes.contains_key(l))
    };
    fragments
        .into_iter()
        .filter(|(fragment, _)| !known(fragment))
        .map(|(fragment, offset)| {
            let ids = prep.headings.iter().map(|h| h.id.as_str());
            let problem = Problem::new(
                format!("no heading on this page has the id `#{fragment}`"),
                Some(help_for_fragment(&fragment, ids)),
            );
            Located { offset, problem }
        })
        .collect()
}

/// Footnote references without a definition.
fn undefined_footnotes(references: Vec<(String, usize)>, definitions: &[String]) -> Vec<Located> {
    references
        .into_iter()
        .filter(|(label, _)| !definitions.contains(label))
        .map(|(label, offset)| {
            let problem = Problem::new(
                format!("footnote `[^{label}]` has no definition"),
                Some(format!("add a line `[^{label}]: ...` below the paragraph")),
            );
            Located { offset, problem }
        })
        .collect()
}

/// A link refused for what a placeholder's value put at the start of its address is the
/// value's fault: say so, and where the value was set.
fn blame_value(body: &Body, link: &Range<usize>, dest: &str, problem: Problem) -> Problem {
    let culprit = body.fills.iter().find(|fill| {
        link.start <= fill.range.start
            && fill.range.end <= link.end
            && !fill.value.trim().is_empty()
            && dest.trim_start().starts_with(fill.value.trim_start())
    });
    match culprit {
        Some(fill) => value_problem_from(problem, &fill.path, fill.origin.as_deref()),
        None => problem,
    }
}

/// Text of the page goes to the heading being read, or else to the search text of the
/// current section; and to the paragraph being read (for the page's description).
fn gather_text(
    text: &str,
    heading: &mut Option<(u8, Option<String>, String)>,
    sections: &mut [String],
    paragraph: &mut Option<String>,
) {
    match heading {
        Some((_, _, h)) => h.push_str(text),
        None => push_words(sections, text),
    }
    if let Some(p) = paragraph {
        p.push_str(text);
    }
}

/// Adds text to the last section, separated by a space.
fn push_words(sections: &mut [String], text: &str) {
    if let Some(section) = sections.last_mut() {
        if !section.is_empty() && !section.ends_with(' ') {
            section.push(' ');
        }
        section.push_str(text.trim());
    }
}

/// A `[^label]` left in text: a footnote reference whose definition is missing.
fn undefined_footnote(text: &str) -> Option<String> {
    let start = text.find("[^")? + 2;
    let len = text[start..].find(']')?;
    let label = &text[start..start + len];
    (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| label.to_string())
}

/// Hands out heading ids: a custom `{#id}` or the slug of the text, made unique on the page
/// with `-1`, `-2`, ... in document order. The ids the theme writes around the content
/// count as taken, so `## Main` becomes `main-1`.
pub(super) struct HeadingIds {
    seen: HashMap<String, usize>,
}

impl Default for HeadingIds {
    fn default() -> HeadingIds {
        HeadingIds {
            seen: crate::render::THEME_IDS
                .iter()
                .map(|id| (id.to_string(), 0))
                .collect(),
        }
    }
}

/// The problem with a heading's explicit `{#id}` that the theme already uses on the page
/// (two elements with one id: the skip link or the search box would land on the heading).
fn theme_id_problem(custom: &str) -> Option<Problem> {
    let id = slugify(custom);
    crate::render::THEME_IDS.contains(&id.as_str()).then(|| {
        Problem::new(
            format!("the heading id `{id}` is already used by the theme"),
            Some(format!(
                "choose another id, such as `{id}-section`: the theme uses `{id}` for an element \
                 of its pages, so a link to it would not reach this heading"
            )),
        )
    })
}

impl HeadingIds {
    pub(super) fn assign(&mut self, custom: Option<&str>, text: &str) -> String {
        let base = match custom.map(slugify).filter(|s| !s.is_empty()) {
            Some(id) => id,
            None => {
                let slug = slugify(text);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            }
        };
        let mut id = base.clone();
        while let Some(count) = self.seen.get_mut(&id) {
            *count += 1;
            id = format!("{base}-{count}");
        }
        self.seen.insert(id.clone(), 0);
        id
    }
}

pub(super) fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}
