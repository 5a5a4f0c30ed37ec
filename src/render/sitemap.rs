//! Render stage, last step: the rendered files → `sitemap.xml`.
//!
//! The list is read from the HTML files the build made rather than rebuilt from the model, so
//! every kind of page (toolkits and their audience and print views, adaptation guides,
//! standalone pages, listings and their later pages, facet pages, records, districts and
//! their editions and comparisons, search) is listed without anyone having to remember it.
//! Left out: the not-found page, which a server sends for missing addresses, and any page
//! whose `<meta name="robots">` says `noindex` or `none` (a theme may mark pages so).

use std::collections::BTreeMap;

use crate::markdown;
use crate::model::Site;

use super::links::Urls;
use super::Sink;

/// The page a server sends for a missing address; never a page to index.
const NOT_FOUND: &str = "404.html";

/// `sitemap.xml`: every indexable HTML page in `files` (as the sink noted it), sorted by path, with its updated date
/// where the page has one. On a site with languages, `languages` holds each language's code
/// and output prefix (the default's empty, first), and each page lists its alternates.
pub(super) fn sitemap(
    site: &Site,
    urls: &Urls,
    files: &dyn Sink,
    languages: &[(String, String)],
) -> String {
    let updated = updated_dates(site, urls);
    let mut xml = String::from(if languages.is_empty() {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    } else {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    });
    for path in files.indexable_pages() {
        let neutral = without_language(&path, languages);
        if neutral == NOT_FOUND {
            continue;
        }
        xml.push_str("  <url><loc>");
        xml.push_str(&markdown::escape_attr(&urls.address_of(&path)));
        xml.push_str("</loc>");
        if let Some(date) = updated.get(neutral) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        alternates(&mut xml, (urls, files), neutral, languages);
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `path` without the prefix of the language it belongs to (`es/a/index.html` →
/// `a/index.html`).
fn without_language<'p>(path: &'p str, languages: &[(String, String)]) -> &'p str {
    languages
        .iter()
        .filter(|(_, prefix)| !prefix.is_empty())
        .find_map(|(_, prefix)| path.strip_prefix(prefix.as_str()))
        .unwrap_or(path)
}

/// The `xhtml:link` alternates of the page at `neutral` in every language that has it, and
/// the default language's as `x-default`.
fn alternates(
    xml: &mut String,
    (urls, files): (&Urls, &dyn Sink),
    neutral: &str,
    languages: &[(String, String)],
) {
    for (n, (code, prefix)) in languages.iter().enumerate() {
        let path = format!("{prefix}{neutral}");
        if !files.has(&path) {
            continue;
        }
        let href = markdown::escape_attr(&urls.address_of(&path));
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{href}\"/>"
        ));
        if n == 0 {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>"
            ));
        }
    }
}

/// Output path (`toolkits/t/page/index.html`) → `YYYY-MM-DD`, for every page with an
/// `updated` date in its front matter.
fn updated_dates(site: &Site, urls: &Urls) -> BTreeMap<String, String> {
    let toolkit_pages = site.all_editions().flat_map(|toolkit| {
        toolkit.pages.iter().map(|page| {
            (
                urls.toolkit_page(&toolkit.root, &page.url_path),
                page.updated,
            )
        })
    });
    let standalone = site
        .pages
        .iter()
        .map(|page| (urls.page(&page.url_path), page.updated));
    toolkit_pages
        .chain(standalone)
        .filter_map(|(url, updated)| {
            let path = urls.output_path(&url).ok()?;
            Some((path.into_string(), updated?.iso()))
        })
        .collect()
}

/// Whether a page's head has a robots meta tag that says `noindex` (or `none`).
pub(super) fn forbids_indexing(html: &[u8]) -> bool {
    // Only the head is read, tag by tag, and only its meta tags are lowercased: pages can
    // be large and every page of a build is asked.
    let mut rest = html;
    while let Some(at) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[at + 1..];
        if starts_with_ignoring_case(rest, b"/head>") {
            return false;
        }
        if starts_with_ignoring_case(rest, b"meta") {
            let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
            if robots_forbid(&String::from_utf8_lossy(&rest[4..end]).to_ascii_lowercase()) {
                return true;
            }
        }
    }
    false
}

fn starts_with_ignoring_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// Whether a meta tag's attributes (lowercased) are a robots tag that forbids indexing.
fn robots_forbid(tag: &str) -> bool {
    let robots = ["name=\"robots\"", "name='robots'", "name=robots"]
        .iter()
        .any(|name| tag.contains(name));
    robots && (tag.contains("noindex") || tag.contains("\"none\"") || tag.contains("'none'"))
}

#[cfg(test)]
mod tests {
    use super::forbids_indexing;

    #[test]
    fn only_a_robots_meta_tag_in_the_head_forbids_indexing() {
        let page = |head: &str| format!("<html><head>{head}</head><body>noindex</body></html>");
        assert!(forbids_indexing(
            page(r#"<meta name="robots" content="noindex">"#).as_bytes()
        ));
        assert!(forbids_indexing(
            page(r#"<META CONTENT='none' NAME='robots'>"#).as_bytes()
        ));
        assert!(forbids_indexing(
            page(r#"<meta name=robots content="noindex, follow">"#).as_bytes()
        ));
        assert!(!forbids_indexing(
            page(r#"<meta name="description" content="noindex">"#).as_bytes()
        ));
        assert!(!forbids_indexing(page("<title>noindex</title>").as_bytes()));
    }
}
