//! A toolkit's `SUMMARY.md` (as in an mdBook `src/` folder): the order of its links is the
//! reading order of the pages it lists. It is not a page, and it does not make sections:
//! folders do.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use super::page::Page;
use crate::diagnostics::{display_path, Diagnostic};
use crate::load::{self, SourceFile};

/// Gives each page of the toolkit in `dir` that its `SUMMARY.md` (any case) links to its
/// place among those links, for [`Page::order_key`]. A link to no page of the toolkit is a
/// warning; an empty link (an mdBook draft chapter) and a link to another site are skipped.
pub(crate) fn order(
    root: &Path,
    dir: &Path,
    pages: &mut [Page],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut problems = Vec::new();
    let summary = load::list_folder(root, dir, &mut problems)
        .into_iter()
        .find(|n| n.eq_ignore_ascii_case("summary.md"));
    let Some(name) = summary else {
        return;
    };
    let Some(file) = SourceFile::read(root, &dir.join(name), diagnostics) else {
        return;
    };
    for (place, (dest, offset)) in links(&file.text).into_iter().enumerate() {
        let path = dest.split_once('#').map_or(dest.as_str(), |(p, _)| p);
        let decoded = crate::render::links::percent_decode(path);
        let target = load::normalize(&dir.join(&decoded));
        let page = pages
            .iter_mut()
            .find(|p| target.as_deref() == Some(p.file.path.as_path()));
        match page {
            Some(page) => {
                page.listed.get_or_insert(place);
            }
            None => diagnostics.push(
                Diagnostic::warning(
                    &file.path,
                    format!("SUMMARY.md links to `{dest}`, which is no page of the toolkit"),
                )
                .at(file.position(offset))
                .help(format!(
                    "link to a page's file relative to {}, or remove the line; pages it does not list come after those it does",
                    display_path(dir)
                )),
            ),
        }
    }
}

/// The destinations of the links of a summary, in order, with their byte offsets; empty
/// ones and absolute URLs left out.
fn links(text: &str) -> Vec<(String, usize)> {
    Parser::new(text)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url.to_string(), range.start)),
            _ => None,
        })
        .filter(|(dest, _)| {
            !dest.is_empty()
                && !dest.starts_with('#')
                && !dest.starts_with('/')
                && crate::markdown::scheme_of(dest).is_none()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_links_are_listed_in_order() {
        let text = "# Summary\n\n[Intro](README.md)\n\n- [Guide](guide/README.md)\n  - [Setup](<guide/set up.md>)\n- [Draft]()\n- [Site](https://example.org)\n";
        let found: Vec<String> = links(text).into_iter().map(|(d, _)| d).collect();
        assert_eq!(found, ["README.md", "guide/README.md", "guide/set up.md"]);
    }
}
