//! The first pass over a page's events: placeholders filled, links resolved and checked,
//! heading ids assigned, footnotes numbered, tables named and the text gathered for search.
//! Everything here is the same for the page and its print edition.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

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
    /// A name for each table, from its header cells: "Table: Week, Task, Who".
    pub(super) table_labels: Vec<String>,
    pub(super) description: String,
    pub(super) sections: Vec<String>,
    pub(super) problems: Vec<Located>,
}

pub(super) fn prepare<'a>(
    body: &Body,
    events: Vec<(Event<'a>, Range<usize>)>,
    links: &dyn Links,
) -> Prepared<'a> {
    let mut prep = Prepared {
        events: Vec::with_capacity(events.len()),
        trust: body.trust,
        links: HashMap::new(),
        dropped_links: std::collections::HashSet::new(),
        headings: Vec::new(),
        footnotes: BTreeMap::new(),
        table_labels: Vec::new(),
        description: String::new(),
        sections: vec![String::new()],
        problems: Vec::new(),
    };
    let mut ids = HeadingIds::default();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut code_depth = 0usize;
    // The header cells of the table being read, while inside its head.
    let mut table_head: Option<Vec<String>> = None;
    let mut paragraph: Option<String> = None;
    let mut fragments: Vec<(String, usize)> = Vec::new();
    let mut footnote_refs = Vec::new();
    let mut footnote_defs = Vec::new();

    for (index, (event, range)) in events.into_iter().enumerate() {
        let offset = body.file_offset(range.start);
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                code_depth += 1;
                Event::Start(Tag::CodeBlock(kind))
            }
            Event::End(TagEnd::CodeBlock) => {
                code_depth = code_depth.saturating_sub(1);
                Event::End(TagEnd::CodeBlock)
            }
            Event::Start(Tag::TableHead) => {
                table_head = Some(Vec::new());
                event
            }
            Event::Start(Tag::TableCell) => {
                if let Some(cells) = table_head.as_mut() {
                    cells.push(String::new());
                }
                event
            }
            Event::End(TagEnd::TableHead) => {
                let cells = table_head.take().unwrap_or_default();
                let names: Vec<String> = cells
                    .iter()
                    .map(|c| collapse_whitespace(c))
                    .filter(|c| !c.is_empty())
                    .collect();
                prep.table_labels.push(if names.is_empty() {
                    "Table".to_string()
                } else {
                    format!("Table: {}", names.join(", "))
                });
                event
            }
            Event::Text(text) if code_depth == 0 => {
                if let Some(cell) = table_head.as_mut().and_then(|cells| cells.last_mut()) {
                    cell.push_str(&text);
                }
                // pulldown-cmark leaves a reference to an undefined footnote as text.
                if let Some(label) = undefined_footnote(&text) {
                    footnote_refs.push((label, offset));
                }
                gather_text(&text, &mut heading, &mut prep.sections, &mut paragraph);
                Event::Text(text)
            }
            Event::Code(text) => {
                gather_text(&text, &mut heading, &mut prep.sections, &mut paragraph);
                Event::Code(text)
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
                event
            }
            Event::Start(Tag::Paragraph) => {
                if prep.description.is_empty() && paragraph.is_none() {
                    paragraph = Some(String::new());
                }
                event
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take() {
                    prep.description = shorten(&collapse_whitespace(&p), 200);
                }
                event
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                if let Some(problem) = id.as_deref().and_then(theme_id_problem) {
                    prep.problems.push(Located { offset, problem });
                }
                heading = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                ));
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((level, custom, text)) = heading.take() {
                    let text = collapse_whitespace(&text);
                    let id = ids.assign(custom.as_deref(), &text);
                    prep.headings.push(Heading { level, id, text });
                    prep.sections.push(String::new());
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url;
                let refused = match classify(&dest, LinkKind::Link) {
                    Ok(Destination::Fragment(fragment)) => {
                        fragments.push((fragment.to_string(), offset));
                        None
                    }
                    Ok(Destination::Relative) => match links.link(&dest) {
                        Ok(resolved) => {
                            prep.links.insert(index, resolved);
                            None
                        }
                        Err(problem) => Some(problem),
                    },
                    Ok(Destination::Absolute) => None,
                    Err(problem) => Some(problem),
                };
                if let Some(problem) = refused {
                    let problem = blame_value(body, &range, &dest, problem);
                    // Partner text keeps its words but loses a link it may not have.
                    let problem = if body.trust == Trust::Partner {
                        prep.dropped_links.insert(index);
                        problem.into_warning()
                    } else {
                        problem
                    };
                    prep.problems.push(Located { offset, problem });
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            // Partner text may not show images at all: they are dropped, keeping their alt text.
            Event::Start(Tag::Image { .. }) if body.trust == Trust::Partner => event,
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url;
                match classify(&dest, LinkKind::Image) {
                    Ok(Destination::Relative) => match links.link(&dest) {
                        Ok(resolved) => {
                            prep.links.insert(index, resolved);
                        }
                        Err(problem) => prep.problems.push(Located { offset, problem }),
                    },
                    Ok(_) => {}
                    Err(problem) => prep.problems.push(Located { offset, problem }),
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::FootnoteReference(label) => {
                let next = prep.footnotes.len() + 1;
                prep.footnotes.entry(label.to_string()).or_insert(next);
                footnote_refs.push((label.to_string(), offset));
                Event::FootnoteReference(label)
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote_defs.push(label.to_string());
                Event::Start(Tag::FootnoteDefinition(label))
            }
            other => other,
        };
        prep.events.push(event);
    }

    for (fragment, offset) in fragments {
        let known = prep.headings.iter().any(|h| h.id == fragment)
            || fragment
                .strip_prefix("fn-")
                .is_some_and(|l| prep.footnotes.contains_key(l));
        if !known {
            let ids = prep.headings.iter().map(|h| h.id.as_str());
            let problem = Problem::new(
                format!("no heading on this page has the id `#{fragment}`"),
                Some(help_for_fragment(&fragment, ids)),
            );
            prep.problems.push(Located { offset, problem });
        }
    }
    for (label, offset) in footnote_refs {
        if !footnote_defs.contains(&label) {
            let problem = Problem::new(
                format!("footnote `[^{label}]` has no definition"),
                Some(format!("add a line `[^{label}]: ...` below the paragraph")),
            );
            prep.problems.push(Located { offset, problem });
        }
    }
    prep
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
                "choose another id, such as `{id}-section`: the theme uses `{id}` for an element of its pages, so a link to it would not reach this heading"
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
