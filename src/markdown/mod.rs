//! Markdown stage: one page's Markdown → HTML for its own page and for the toolkit's print
//! edition, its headings (with unique, stable ids) and located problems.
//!
//! Rendering is a pure function of the text and a [`Links`] resolver that knows the rest of the site,
//! so pages render in parallel. Links are written as relative source paths
//! (`../03-hosting/_index.md#insurance`) and come out as the target's URL.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::slug::slugify;

mod body;
mod destination;
mod text;

pub use body::{placeholder_paths, Body, Placeholders};
pub use destination::scheme_of;
use destination::{classify, Destination, LinkKind};
use text::collapse_whitespace;
pub use text::{escape_attr, shorten};

/// How far the text is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Toolkit pages, written by the site's own authors: raw HTML and heading attributes allowed.
    Author,
    /// Catalog text, often from partners: raw HTML is shown as text.
    Partner,
}

/// A heading of a page, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text (no markup); escape it wherever it is emitted.
    pub text: String,
}

/// Where a link points, in each of the two outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The URL on the page itself.
    pub href: String,
    /// The URL in the print edition, where pages of the same toolkit are in-page anchors.
    pub print_href: Option<String>,
}

/// A problem with a link or placeholder, before it is given a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
    /// A warning: the page still renders (a partner's unsafe link is shown as plain text).
    pub warning: bool,
}

impl Problem {
    pub fn new(message: impl Into<String>, help: Option<String>) -> Problem {
        Problem {
            message: message.into(),
            help,
            warning: false,
        }
    }

    fn into_warning(self) -> Problem {
        Problem {
            warning: true,
            ..self
        }
    }
}

/// A problem at a byte offset of the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub offset: usize,
    pub problem: Problem,
}

/// Resolves links written in Markdown.
pub trait Links {
    /// Resolves a relative link or image destination (`path[#fragment]`, no scheme).
    fn link(&self, dest: &str) -> Result<Resolved, Problem>;
}

fn options(trust: Trust) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    if trust == Trust::Author {
        options |= Options::ENABLE_HEADING_ATTRIBUTES;
    }
    options
}

/// The result of rendering one page.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub print_html: String,
    pub headings: Vec<Heading>,
    /// The first paragraph as plain text, shortened: a fallback description.
    pub description: String,
    /// The page's plain text split at its headings: `sections[0]` is the text before the
    /// first heading, `sections[i]` the text under `headings[i - 1]`. For the search index.
    pub sections: Vec<String>,
    pub problems: Vec<Located>,
}

/// The headings of a page, with the same ids [`render`] gives them. Run over every page
/// before rendering so that links to `page.md#fragment` can be checked.
pub fn headings(body: &Body) -> Vec<Heading> {
    let parser = Parser::new_ext(&body.text, options(body.trust));
    let mut ids = HeadingIds::default();
    let mut out = Vec::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in parser {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                ))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, custom, text)) = current.take() {
                    let text = collapse_whitespace(&text);
                    let id = ids.assign(custom.as_deref(), &text);
                    out.push(Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    out
}

/// Renders a page. With [`Editions::PageAndPrint`], the prefix is the anchor of this page
/// inside the print edition; its heading ids there become `{prefix}__{id}`.
/// Which HTML a render produces.
#[derive(Debug, Clone, Copy)]
pub enum Editions<'a> {
    /// The page's own HTML, and the print edition's where heading ids get this prefix.
    PageAndPrint(&'a str),
    /// Only HTML to embed in another page: ids get this prefix, headings sit one level down.
    Embedded(&'a str),
}

pub fn render(body: &Body, links: &dyn Links, editions: Editions) -> Rendered {
    let events: Vec<(Event, Range<usize>)> = TextMergeWithOffset::new(
        Parser::new_ext(&body.text, options(body.trust)).into_offset_iter(),
    )
    .collect();
    let mut prep = prepare(body, events, links);
    prep.problems.extend(body.problems.iter().cloned());
    let (html, print_html) = match editions {
        Editions::PageAndPrint(print_prefix) => {
            (emit(&prep, None), emit(&prep, Some(print_prefix)))
        }
        Editions::Embedded(prefix) => (emit(&prep, Some(prefix)), String::new()),
    };
    prep.problems.sort_by_key(|p| p.offset);
    Rendered {
        html,
        print_html,
        headings: prep.headings,
        description: prep.description,
        sections: prep.sections,
        problems: prep.problems,
    }
}

/// Events with placeholders filled, links resolved and heading ids assigned: everything that
/// is the same in both outputs.
struct Prepared<'a> {
    events: Vec<Event<'a>>,
    trust: Trust,
    /// Event index of a link or image start → where it points.
    links: HashMap<usize, Resolved>,
    /// Event indexes of partner links that are shown as plain text.
    dropped_links: std::collections::HashSet<usize>,
    /// Ids of the headings, in order.
    headings: Vec<Heading>,
    /// Footnote label → its number, in order of first reference.
    footnotes: BTreeMap<String, usize>,
    /// A name for each table, from its header cells: "Table: Week, Task, Who".
    table_labels: Vec<String>,
    description: String,
    sections: Vec<String>,
    problems: Vec<Located>,
}

fn prepare<'a>(
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
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&text);
                } else {
                    push_words(&mut prep.sections, &text);
                }
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&text);
                }
                Event::Text(text)
            }
            Event::Code(text) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&text);
                } else {
                    push_words(&mut prep.sections, &text);
                }
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&text);
                }
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

/// The help line for a `#fragment` that matches no heading.
pub fn help_for_fragment<'a>(fragment: &str, ids: impl Iterator<Item = &'a str> + Clone) -> String {
    if let Some(near) = crate::diagnostics::closest(fragment, ids.clone()) {
        return format!("did you mean `#{near}`?");
    }
    let all: Vec<&str> = ids.collect();
    if all.is_empty() {
        "the page has no headings; link to the page without a fragment".to_string()
    } else {
        format!(
            "headings there: {}",
            all.iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn emit(prep: &Prepared, print_prefix: Option<&str>) -> String {
    let mut html = String::with_capacity(prep.events.len() * 24);
    let ids = |id: &str| match print_prefix {
        Some(prefix) => format!("{prefix}__{id}"),
        None => id.to_string(),
    };
    let mut heading_index = 0;
    let mut heading_level = 0;
    let mut table_index = 0;
    let mut dropping_link = false;
    let events = prep.events.iter().enumerate().map(|(index, event)| match event {
        Event::Start(Tag::Link { .. }) if prep.dropped_links.contains(&index) => {
            dropping_link = true;
            Extra::Zero
        }
        Event::End(TagEnd::Link) if dropping_link => {
            dropping_link = false;
            Extra::Zero
        }
        // Wide tables scroll inside a wrapper that keyboard users can focus and scroll.
        Event::Start(Tag::Table(_)) => {
            let label = prep.table_labels.get(table_index).map_or("Table", String::as_str);
            table_index += 1;
            let open = format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n", escape_attr(label));
            Extra::Two(Event::Html(open.into()), event.clone())
        }
        Event::End(TagEnd::Table) => Extra::Two(event.clone(), Event::Html("</div>\n".into())),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) if prep.trust == Trust::Partner => Extra::Zero,
        _ => Extra::One(match event {
        Event::Start(Tag::Heading { level, .. }) => {
            // In the print edition a page's headings sit one level below its title.
            heading_level = (level_number(*level) + u8::from(print_prefix.is_some())).min(6);
            let id = ids(&prep.headings[heading_index].id);
            Event::Html(format!("<h{heading_level} id=\"{}\">", escape_attr(&id)).into())
        }
        Event::End(TagEnd::Heading(_)) => {
            let id = ids(&prep.headings[heading_index].id);
            heading_index += 1;
            Event::Html(
                format!(
                    " <a class=\"anchor\" href=\"#{}\"><span class=\"visually-hidden\">Link to this section</span><span aria-hidden=\"true\">#</span></a></h{heading_level}>\n",
                    escape_attr(&id)
                )
                .into(),
            )
        }
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest = link_href(prep, index, dest_url, print_prefix);
            Event::Start(Tag::Link { link_type: *link_type, dest_url: dest.into(), title: title.clone(), id: id.clone() })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest = link_href(prep, index, dest_url, print_prefix);
            Event::Start(Tag::Image { link_type: *link_type, dest_url: dest.into(), title: title.clone(), id: id.clone() })
        }
        Event::FootnoteReference(label) => {
            let n = prep.footnotes.get(label.as_ref()).copied().unwrap_or(0);
            let slug = ids(&format!("fn-{}", slugify(label)));
            Event::Html(format!("<sup class=\"footnote-ref\"><a href=\"#{slug}\">{n}</a></sup>").into())
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let n = prep.footnotes.get(label.as_ref()).copied().unwrap_or(0);
            let slug = ids(&format!("fn-{}", slugify(label)));
            Event::Html(format!("<div class=\"footnote\" id=\"{slug}\"><span class=\"footnote-label\">{n}.</span>").into())
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
        Event::TaskListMarker(done) => {
            let (checked, label) = if *done { (" checked", "Done") } else { ("", "To do") };
            Event::Html(format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ").into())
        }
        Event::Html(raw) | Event::InlineHtml(raw) if prep.trust == Trust::Partner => Event::Text(raw.clone()),
        other => other.clone(),
    }),
    });
    pulldown_cmark::html::push_html(&mut html, events.flatten());
    html
}

/// What one event becomes: nothing (a dropped element), itself, or two events (a wrapper).
enum Extra<'a> {
    Zero,
    One(Event<'a>),
    Two(Event<'a>, Event<'a>),
}

impl<'a> IntoIterator for Extra<'a> {
    type Item = Event<'a>;
    type IntoIter =
        std::iter::Chain<std::option::IntoIter<Event<'a>>, std::option::IntoIter<Event<'a>>>;

    fn into_iter(self) -> Self::IntoIter {
        match self {
            Extra::Zero => None.into_iter().chain(None),
            Extra::One(a) => Some(a).into_iter().chain(None),
            Extra::Two(a, b) => Some(a).into_iter().chain(Some(b)),
        }
    }
}

fn link_href(prep: &Prepared, index: usize, dest: &CowStr, print_prefix: Option<&str>) -> String {
    match (prep.links.get(&index), print_prefix) {
        (Some(resolved), Some(_)) => resolved
            .print_href
            .clone()
            .unwrap_or_else(|| resolved.href.clone()),
        (Some(resolved), None) => resolved.href.clone(),
        (None, Some(prefix)) if dest.starts_with('#') => format!("#{prefix}__{}", &dest[1..]),
        (None, _) => dest.to_string(),
    }
}

/// Hands out heading ids: a custom `{#id}` or the slug of the text, made unique on the page
/// with `-1`, `-2`, ... in document order.
#[derive(Default)]
struct HeadingIds {
    seen: HashMap<String, usize>,
}

impl HeadingIds {
    fn assign(&mut self, custom: Option<&str>, text: &str) -> String {
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

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links resolve to `/t/<path>/`; placeholders come from a fixed list.
    struct Site;

    impl Links for Site {
        fn link(&self, dest: &str) -> Result<Resolved, Problem> {
            match dest {
                "other.md" => Ok(Resolved {
                    href: "/t/other/".into(),
                    print_href: Some("#ch-other".into()),
                }),
                _ => Err(Problem::new(format!("no page `{dest}`"), None)),
            }
        }
    }

    impl Placeholders for Site {
        fn value(&self, path: &str) -> Result<String, Problem> {
            match path {
                "name" => Ok("Downey USD".into()),
                "hostile" => Ok("<script>alert(1)</script> & \"quotes\"".into()),
                "url" => Ok("https://example.org/forms/consent.pdf".into()),
                _ => Err(Problem::new(format!("no value for `{path}`"), None)),
            }
        }
    }

    /// Where the body starts in the files `page` makes.
    const BODY: usize = 20;

    fn page(markdown: &str) -> Rendered {
        let text = format!("+++\ntitle = \"T\"\n+++\n{markdown}");
        let body = Body::new(&text, BODY, Trust::Author, Some(&Site));
        render(&body, &Site, Editions::PageAndPrint("ch-page"))
    }

    #[test]
    fn headings_get_unique_ids_and_anchor_links() {
        let r = page("## Before you start\n\n## Before you start\n\n### Q&A: pay\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["before-you-start", "before-you-start-1", "qa-pay"]);
        assert!(r.html.contains("<h2 id=\"before-you-start-1\">Before you start <a class=\"anchor\" href=\"#before-you-start-1\">"));
        assert_eq!(r.headings[2].text, "Q&A: pay");
    }

    #[test]
    fn custom_heading_ids_are_slugged() {
        let r = page("## Insurance {#Insurance_Pool}\n");
        assert_eq!(r.headings[0].id, "insurance-pool");
    }

    #[test]
    fn print_edition_prefixes_ids_and_rewrites_links() {
        let r =
            page("## Start\n\nSee [other](other.md) and [here](#start).[^n]\n\n[^n]: A note.\n");
        assert!(r.html.contains("href=\"/t/other/\""));
        assert!(r.html.contains("href=\"#start\""));
        assert!(r.print_html.contains("<h3 id=\"ch-page__start\">"));
        assert!(r.print_html.contains("href=\"#ch-other\""));
        assert!(r.print_html.contains("href=\"#ch-page__start\""));
        assert!(r.print_html.contains("id=\"ch-page__fn-n\""));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn broken_links_fragments_and_footnotes_are_located() {
        let r = page("Line one\n\n[x](missing.md) [y](#nowhere) [^gone]\n");
        let offsets: Vec<usize> = r.problems.iter().map(|p| p.offset).collect();
        let messages: Vec<&str> = r
            .problems
            .iter()
            .map(|p| p.problem.message.as_str())
            .collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages.contains(&"no page `missing.md`"));
        assert!(messages.contains(&"no heading on this page has the id `#nowhere`"));
        assert!(messages.contains(&"footnote `[^gone]` has no definition"));
        // "[x]" starts at byte 10 of the body.
        assert_eq!(offsets[0], BODY + 10);
    }

    #[test]
    fn placeholders_fill_text_and_link_addresses_but_not_code() {
        let r = page("Call {{ district.name }}. Form: [consent]({{ district.url }}). `{{ district.name }}`\n\n```\n{{ district.name }}\n```\n");
        assert!(r.html.contains("Call Downey USD."), "{}", r.html);
        assert!(
            r.html
                .contains("<a href=\"https://example.org/forms/consent.pdf\">consent</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<code>{{ district.name }}</code>"));
        assert!(r
            .html
            .contains("<pre><code>{{ district.name }}\n</code></pre>"));
    }

    #[test]
    fn placeholder_values_are_text_never_markup() {
        let r = page("Hello {{ district.hostile }}\n");
        assert!(
            r.html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<script"));
    }

    #[test]
    fn unknown_placeholders_are_located_at_the_braces() {
        let r = page("Text\n\nCall {{ district.nope }} now\n");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].offset, BODY + 11);
    }

    #[test]
    fn offsets_after_a_filled_placeholder_map_back_to_the_file() {
        let r = page("{{ district.name }} [x](missing.md)\n");
        assert_eq!(r.problems[0].offset, BODY + 20);
    }

    #[test]
    fn script_urls_are_refused_in_every_spelling() {
        for dest in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)",
            "java&#x09;script:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let r = page(&format!("[x]({dest})\n"));
            assert_eq!(r.problems.len(), 1, "{dest} was accepted");
            assert!(
                r.problems[0].problem.message.starts_with("link scheme"),
                "{dest}"
            );
        }
        let r = page("[x](https://example.org) [y](mailto:a@example.org) [z](tel:555-0100)\n");
        assert!(r.problems.is_empty());
    }

    #[test]
    fn remote_images_are_refused() {
        let r = page("![logo](https://cdn.example.com/logo.png)\n![x](//cdn.example.com/x.png)\n");
        assert_eq!(r.problems.len(), 2);
        assert!(r.problems[0].problem.message.starts_with("remote image"));
    }

    #[test]
    fn partner_text_shows_raw_html_as_text() {
        let text = "+++\n+++\n<b onclick=\"x()\">hi</b>\n\n<script>alert(1)</script>\n";
        let body = Body::new(text, 8, Trust::Partner, None);
        let r = render(&body, &Site, Editions::Embedded("about"));
        assert!(!r.html.contains("<b"), "{}", r.html);
        assert!(!r.html.contains("<script"), "{}", r.html);
    }

    #[test]
    fn description_is_the_first_paragraph_shortened() {
        let r = page("## Heading\n\nFirst *paragraph* here.\n\nSecond.\n");
        assert_eq!(r.description, "First paragraph here.");
        assert_eq!(shorten("one two three four", 9), "one two…");
    }

    #[test]
    fn tables_scroll_in_a_named_focusable_region() {
        let r = page("| Week | Task |\n|---|---|\n| 1 | Plan |\n");
        assert!(r.html.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Week, Task\">\n<table>"), "{}", r.html);
        assert!(
            r.html.trim_end().ends_with("</table>\n</div>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn task_list_boxes_have_names() {
        let r = page("- [x] Agreement signed\n- [ ] Orientation planned\n");
        assert!(
            r.html.contains(
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> Agreement signed"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains(
            "<input type=\"checkbox\" disabled aria-label=\"To do\"> Orientation planned"
        ));
    }

    #[test]
    fn schemes_are_found_through_obfuscation() {
        assert_eq!(scheme_of(" JAVA\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("../a.md#b:c"), None);
        assert_eq!(scheme_of("page.md"), None);
    }
}
