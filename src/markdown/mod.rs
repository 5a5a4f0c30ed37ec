//! Markdown stage: one page's Markdown → HTML for its own page and for the toolkit's print
//! edition, its headings (with unique, stable ids) and located problems.
//!
//! Rendering is a pure function of the text and a [`Links`] resolver that knows the rest of the site,
//! so pages render in parallel. Links are written as relative source paths
//! (`../03-hosting/_index.md#insurance`) and come out as the target's URL.

use std::ops::Range;

use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::slug::slugify;

pub mod a11y;
mod body;
mod destination;
mod emit;
mod prepare;
mod text;

pub use body::{placeholder_paths, Body, Placeholders};
pub use destination::scheme_of;
use destination::{classify, Destination, LinkKind};
use emit::emit;
use prepare::{level_number, prepare, HeadingIds};
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
    /// Its level, 1 for `#` to 6 for `######`.
    pub level: u8,
    /// Its anchor: the `{#id}` written after it, or a slug of its text, made unique within the page.
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
    /// The language of the target, when it is not the page's own (a translated page's link
    /// to a page shown in the default language): the link's `hreflang`.
    pub hreflang: Option<String>,
}

/// A problem with a link or placeholder, before it is given a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong with the link or placeholder.
    pub message: String,
    /// What to do about it, for the diagnostic's `help:` line.
    pub help: Option<String>,
    /// A warning: the page still renders (a partner's unsafe link is shown as plain text).
    pub warning: bool,
}

impl Problem {
    /// An error with `message` and an optional `help` line.
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
    /// Where in the file the problem is, in bytes from the start of the whole file.
    pub offset: usize,
    /// What the problem is.
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
    /// The HTML of the page itself (or of the embedding, for [`Editions::Embedded`]).
    pub html: String,
    /// The HTML for the toolkit's print edition; empty for [`Editions::Embedded`].
    pub print_html: String,
    /// Its headings in document order, with their anchors.
    pub headings: Vec<Heading>,
    /// The first paragraph as plain text, shortened: a fallback description.
    pub description: String,
    /// The page's plain text split at its headings: `sections[0]` is the text before the
    /// first heading, `sections[i]` the text under `headings[i - 1]`. For the search index.
    pub sections: Vec<String>,
    /// Link and placeholder problems found while rendering, and the accessible-authoring
    /// warnings ([`a11y`]), ordered by offset.
    pub problems: Vec<Located>,
    /// Links to office documents (PDF, Word, Excel, PowerPoint) to review by hand: where
    /// each link starts, in bytes from the start of the file, and its address.
    pub documents: Vec<(usize, String)>,
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

/// The words a render adds to a page's HTML for readers of assistive technology, in the
/// page's language: the render stage takes them from the theme's strings table (`[markdown]`).
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// The hidden name of a heading's `#` link: "Link to this section".
    pub anchor: &'a str,
    /// The name of a table with no header cells: "Table".
    pub table: &'a str,
    /// The name of a table from its header cells, `{columns}` filled: "Table: Week, Task".
    pub table_of: &'a str,
    /// The name of a checked task-list box: "Done".
    pub done: &'a str,
    /// The name of an unchecked one: "To do".
    pub to_do: &'a str,
}

impl Words<'_> {
    /// No words, for a render that only checks: nothing it produces is written.
    pub const NONE: Words<'static> = Words {
        anchor: "",
        table: "",
        table_of: "",
        done: "",
        to_do: "",
    };
}

/// Renders a Markdown body to HTML, resolving its links through `links`, for the outputs
/// `editions` asks for, with `words` in the page's language.
pub fn render(body: &Body, links: &dyn Links, editions: Editions, words: &Words) -> Rendered {
    let events: Vec<(Event, Range<usize>)> = TextMergeWithOffset::new(
        Parser::new_ext(&body.text, options(body.trust)).into_offset_iter(),
    )
    .collect();
    let mut prep = prepare(body, events, links);
    prep.problems.extend(body.problems.iter().cloned());
    let (html, print_html) = match editions {
        Editions::PageAndPrint(print_prefix) => (
            emit(&prep, None, words),
            emit(&prep, Some(print_prefix), words),
        ),
        Editions::Embedded(prefix) => (emit(&prep, Some(prefix), words), String::new()),
    };
    prep.problems.sort_by_key(|p| p.offset);
    Rendered {
        html,
        print_html,
        headings: prep.headings,
        description: prep.description,
        sections: prep.sections,
        problems: prep.problems,
        documents: prep.documents,
    }
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
                    hreflang: None,
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

    /// The English theme's words.
    const WORDS: Words = Words {
        anchor: "Link to this section",
        table: "Table",
        table_of: "Table: {columns}",
        done: "Done",
        to_do: "To do",
    };

    /// Where the body starts in the files `page` makes.
    const BODY: usize = 20;

    fn page(markdown: &str) -> Rendered {
        let text = format!("+++\ntitle = \"T\"\n+++\n{markdown}");
        let body = Body::new(&text, BODY, Trust::Author, Some(&Site));
        render(&body, &Site, Editions::PageAndPrint("ch-page"), &WORDS)
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
        let r = page(
            "## Start\n\nSee [other](other.md) and [the start](#start).[^n]\n\n[^n]: A note.\n",
        );
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
        let r = page(
            "![Our logo](https://cdn.example.com/logo.png)\n![A map](//cdn.example.com/x.png)\n",
        );
        assert_eq!(r.problems.len(), 2);
        assert!(r.problems[0].problem.message.starts_with("remote image"));
    }

    #[test]
    fn the_words_added_for_screen_readers_are_the_ones_given() {
        let text =
            "+++\n+++\n## Plazos\n\n| Semana | Tarea |\n|---|---|\n| 1 | x |\n\n- [x] a\n- [ ] b\n";
        let body = Body::new(text, 8, Trust::Author, Some(&Site));
        let words = Words {
            anchor: "Enlace a esta sección",
            table: "Tabla",
            table_of: "Tabla: {columns}",
            done: "Hecho",
            to_do: "Pendiente",
        };
        let html = render(&body, &Site, Editions::PageAndPrint("ch-page"), &words).html;
        for said in [
            "<span class=\"visually-hidden\">Enlace a esta sección</span>",
            "aria-label=\"Tabla: Semana, Tarea\"",
            "checked aria-label=\"Hecho\"",
            "disabled aria-label=\"Pendiente\"",
        ] {
            assert!(html.contains(said), "{said}: {html}");
        }
        assert!(!html.contains("Link to this section"), "{html}");
    }

    #[test]
    fn partner_text_shows_raw_html_as_text() {
        let text = "+++\n+++\n<b onclick=\"x()\">hi</b>\n\n<script>alert(1)</script>\n";
        let body = Body::new(text, 8, Trust::Partner, None);
        let r = render(&body, &Site, Editions::Embedded("about"), &WORDS);
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
