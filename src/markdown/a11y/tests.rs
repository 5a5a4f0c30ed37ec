use super::*;
use crate::markdown::{render, Editions, Links, Resolved, Words};

/// Every relative link resolves.
struct Anything;

impl Links for Anything {
    fn link(&self, dest: &str) -> Result<Resolved, Problem> {
        Ok(Resolved {
            href: format!("/{dest}"),
            print_href: None,
            hreflang: None,
        })
    }
}

/// The warnings of a page whose body is `markdown`, as `(offset in the body, message)`.
fn audit_with(markdown: &str, trust: Trust) -> Vec<(usize, String)> {
    let body = Body::new(markdown, 0, trust, None);
    let rendered = render(&body, &Anything, Editions::Embedded("x"), &Words::NONE);
    rendered
        .problems
        .into_iter()
        .inspect(|p| assert!(p.problem.warning, "{:?}", p.problem))
        .map(|p| (p.offset, p.problem.message))
        .collect()
}

fn audit(markdown: &str) -> Vec<(usize, String)> {
    audit_with(markdown, Trust::Author)
}

fn messages(markdown: &str) -> Vec<String> {
    audit(markdown).into_iter().map(|(_, m)| m).collect()
}

#[test]
fn images_need_alt_text_that_is_not_a_file_name() {
    assert_eq!(
        audit("Intro\n\n![](team.png)\n"),
        [(7, "image `team.png` has no alt text".to_string())]
    );
    assert_eq!(
        messages("![team-photo.jpg](team-photo.jpg) ![Team-Photo](img/team-photo.jpg)"),
        [
            "image `team-photo.jpg` has its file name `team-photo.jpg` as alt text",
            "image `img/team-photo.jpg` has its file name `Team-Photo` as alt text",
        ]
    );
    assert!(messages("![Students at the fair](fair.jpg)").is_empty());
}

#[test]
fn raw_images_need_alt_unless_marked_decorative() {
    assert_eq!(
        audit("<p>\n<img src=\"a.png\">\n<img src=\"b.png\" alt=\"\">\n<img alt='c.svg' src=c.svg>\n</p>\n"),
        [
            (4, "image `a.png` has no alt text".to_string()),
            (47, "image `c.svg` has its file name `c.svg` as alt text".to_string()),
        ]
    );
    assert!(messages("Text <img src=\"x.png\" alt=\"A map of the campus\"> more").is_empty());
}

#[test]
fn partner_text_shows_no_images_or_html_and_is_not_audited_for_them() {
    assert!(audit_with("![](x.png) <img src=\"y.png\">", Trust::Partner).is_empty());
}

#[test]
fn vague_and_bare_link_text_is_found_in_english_and_spanish() {
    assert_eq!(
        messages("[Click here!](a.md), [more](b.md), [the enrollment form](c.md), [Haga clic aquí.](d.md), [más](e.md)"),
        [
            "link text `Click here!` says nothing on its own",
            "link text `more` says nothing on its own",
            "link text `Haga clic aquí.` says nothing on its own",
            "link text `más` says nothing on its own",
        ]
    );
    assert_eq!(
        messages("<https://example.org/apply> and [https://example.org](https://example.org)"),
        [
            "link text `https://example.org/apply` is a bare address",
            "link text `https://example.org` is a bare address",
        ]
    );
    assert!(messages("[Here is the form](a.md) [linked](b.md)").is_empty());
}

#[test]
fn headings_go_down_one_level_at_a_time() {
    assert_eq!(
        audit("# Welcome\n\n## A\n\n#### B\n\n### C\n\n## D\n"),
        [
            (
                0,
                "heading `Welcome` is a level-1 heading, like the page's title".to_string()
            ),
            (17, "heading `B` skips from level 2 to level 4".to_string()),
        ]
    );
    assert_eq!(
        messages("### First\n"),
        ["heading `First` skips from level 1, the page's title, to level 3"]
    );
    assert!(messages("## A\n\n### B\n\n## C\n\n### D\n\n#### E\n").is_empty());
}

#[test]
fn tables_need_a_header_row() {
    assert_eq!(
        audit("Text\n\n| | |\n|---|---|\n| a | b |\n"),
        [(6, "table has no header row".to_string())]
    );
    assert!(messages("| Week | Task |\n|---|---|\n| 1 | Visit |\n").is_empty());
    assert_eq!(
        messages(
            "<table>\n<tr><td>a</td></tr>\n</table>\n\n<table><tr><th>Week</th></tr></table>\n"
        ),
        ["HTML table has no header cells (`<th>`)"]
    );
}

#[test]
fn office_documents_are_listed_not_warned_about() {
    let body = Body::new(
        "[the consent form](forms/consent.PDF) [budget](https://x.org/b.xlsx?v=2#s) [page](a.md) <a href=\"w.docx\">plan</a>",
        0,
        Trust::Author,
        None,
    );
    let rendered = render(&body, &Anything, Editions::Embedded("x"), &Words::NONE);
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
    let targets: Vec<&str> = rendered.documents.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        targets,
        ["forms/consent.PDF", "https://x.org/b.xlsx?v=2#s", "w.docx"]
    );
}

#[test]
fn documents_are_listed_once_per_page_and_target() {
    let at = |line| Position { line, col: 1 };
    let doc = |path: &str, line, target: &str| Document {
        path: path.into(),
        position: at(line),
        target: target.into(),
    };
    let mut documents = vec![
        doc("b.md", 1, "x.pdf"),
        doc("a.md", 9, "x.pdf"),
        doc("a.md", 2, "x.pdf"),
        doc("a.md", 3, "y.pdf"),
    ];
    sort_documents(&mut documents);
    assert_eq!(
        documents,
        [
            doc("a.md", 2, "x.pdf"),
            doc("a.md", 3, "y.pdf"),
            doc("b.md", 1, "x.pdf")
        ]
    );
}
