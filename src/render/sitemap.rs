//! Render stage, last step: the rendered files → `sitemap.xml`.
//!
//! The list is read from the HTML files the build made rather than rebuilt from the model, so
//! every kind of page (toolkits and their audience and print views, adaptation guides,
//! standalone pages, listings and their later pages, facet pages, records, districts and
//! their editions and comparisons, search) is listed without anyone having to remember it.
//! Left out: the not-found page, which a server sends for missing addresses, and any page
//! whose `<meta name="robots">` says `noindex` or `none` (a theme may mark pages so).

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::markdown;
use crate::model::Site;

use super::links::Urls;
use super::Files;

/// The page a server sends for a missing address; never a page to index.
const NOT_FOUND: &str = "404.html";

/// `sitemap.xml`: every indexable HTML page in `files`, sorted by path, with its updated date
/// where the page has one. On a site with languages, `languages` holds each language's code
/// and output prefix (the default's empty, first), and each page lists its alternates.
pub(super) fn sitemap(
    site: &Site,
    urls: &Urls,
    files: &Files,
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
    // Each page's entry is made in parallel (reading its head is most of the work), then
    // written in path order.
    let entries: Vec<String> = files
        .par_iter()
        .filter_map(|(path, bytes)| {
            let neutral = without_language(path, languages);
            if !path.ends_with(".html") || neutral == NOT_FOUND || forbids_indexing(bytes) {
                return None;
            }
            let mut entry = String::from("  <url><loc>");
            entry.push_str(&markdown::escape_attr(&urls.address_of(path)));
            entry.push_str("</loc>");
            if let Some(date) = updated.get(neutral) {
                entry.push_str(&format!("<lastmod>{date}</lastmod>"));
            }
            alternates(&mut entry, (urls, files), neutral, languages);
            entry.push_str("</url>\n");
            Some(entry)
        })
        .collect();
    xml.extend(entries);
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
    (urls, files): (&Urls, &Files),
    neutral: &str,
    languages: &[(String, String)],
) {
    for (n, (code, prefix)) in languages.iter().enumerate() {
        let path = format!("{prefix}{neutral}");
        if !files.contains_key(&path) {
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
fn forbids_indexing(html: &[u8]) -> bool {
    // Only the head is read and lowercased: pages can be large, heads are small.
    let end = html
        .windows(7)
        .position(|w| w.eq_ignore_ascii_case(b"</head>"))
        .unwrap_or(html.len());
    let head = String::from_utf8_lossy(&html[..end]).to_ascii_lowercase();
    head.split("<meta").skip(1).any(|rest| {
        let tag = rest.split('>').next().unwrap_or_default();
        let robots = ["name=\"robots\"", "name='robots'", "name=robots"]
            .iter()
            .any(|name| tag.contains(name));
        robots && (tag.contains("noindex") || tag.contains("\"none\"") || tag.contains("'none'"))
    })
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
