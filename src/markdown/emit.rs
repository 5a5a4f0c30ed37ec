//! The second pass: a prepared page's events → HTML, once for the page and once for the
//! print edition.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::prepare::{level_number, Prepared};
use super::*;

/// The HTML of a prepared page: its own (no prefix) or the print edition's, whose ids get
/// `prefix__`.
pub(super) fn emit(prep: &Prepared, print_prefix: Option<&str>, words: &Words) -> String {
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
            let label = words.table_label(prep.table_labels.get(table_index).map_or("", String::as_str));
            table_index += 1;
            let open = format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n", escape_attr(&label));
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
                    " <a class=\"anchor\" href=\"#{}\"><span class=\"visually-hidden\">{}</span><span aria-hidden=\"true\">#</span></a></h{heading_level}>\n",
                    escape_attr(&id),
                    escape_attr(&words.section_link)
                )
                .into(),
            )
        }
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest = link_href(prep, index, dest_url, print_prefix);
            match prep.links.get(&index).and_then(|r| r.hreflang.as_deref()) {
                Some(lang) => Event::Html(link_with_language(&dest, title, lang).into()),
                None => Event::Start(Tag::Link { link_type: *link_type, dest_url: dest.into(), title: title.clone(), id: id.clone() }),
            }
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
            let (checked, label) = if *done { (" checked", &words.done) } else { ("", &words.to_do) };
            Event::Html(format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ", escape_attr(label)).into())
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

/// The start tag of a link to a page in another language than the page's: `hreflang` tells
/// readers and assistive technology what they will find.
fn link_with_language(href: &str, title: &str, lang: &str) -> String {
    let mut tag = format!(
        "<a href=\"{}\" hreflang=\"{}\"",
        escape_attr(href),
        escape_attr(lang)
    );
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape_attr(title)));
    }
    tag.push('>');
    tag
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
