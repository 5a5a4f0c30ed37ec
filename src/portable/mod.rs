//! Portable editions: the site as it works opened from disk (`file://`), from a USB stick, a
//! shared drive or a learning platform, with no web server.
//!
//! The site is rendered as always, with the base path `/`, into a [`Portable`] sink that
//! changes each file on its way out: every root-relative `href`, `src` and `action` of a page
//! becomes relative to that page and ends in `index.html` (a folder opens nothing from
//! disk), and every search and filter data file (`search/**/*.json`) becomes a classic script
//! (`.js`) that registers its data, since browsers refuse `fetch()` from `file://`.
//! `search.js` and `facets.js` see a relative `data-base` and load those scripts instead.
//!
//! [`bundle`] narrows the site to one district or toolkit and zips what it links.

pub mod bundle;
mod scope;

pub use scope::Scope;

use crate::render::{Bytes, Sink};

/// How the site is rendered: for a web server (the default) or for opening from disk,
/// and whether it is narrowed to what one district or toolkit hands out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    /// Links relative and ending in `index.html`, data files as scripts.
    pub portable: bool,
    /// The district or toolkit the site is narrowed to, for a bundle.
    pub scope: Option<Scope>,
}

impl Shape {
    /// Makes `site` take this shape: the base path `/` when portable, narrowed to the
    /// scope when there is one. A scope that names nothing on the site is an error.
    pub fn apply(&self, site: &mut crate::model::Site) -> Option<crate::Diagnostic> {
        if self.portable {
            site.config.base_path = "/".to_string();
        }
        self.scope.as_ref()?.narrow(site).err()
    }

    /// The whole site, portable.
    pub fn portable() -> Shape {
        Shape {
            portable: true,
            scope: None,
        }
    }
}

/// The attributes whose root-relative URLs a portable page rewrites. `data-base` (the
/// scripts' site folder) becomes a folder (`../../`), the others files.
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "action", "data-base"];

/// What to do with one attribute value while rewriting a page.
pub(crate) enum Change {
    /// Leave it as it is.
    Keep,
    /// Write this value instead (already escaped for an attribute).
    Value(String),
    /// Remove the attribute.
    Drop,
}

/// `html` with each `name="value"` attribute (of our own HTML, where values are escaped so a
/// quote never appears inside one) given to `change` as `(name, value)`.
pub(crate) fn rewrite_attributes(
    html: &str,
    mut change: impl FnMut(&str, &str) -> Change,
) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(equals) = rest.find("=\"") {
        let before = &rest[..equals];
        let name_at = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |p| p + 1);
        let spaced = before[..name_at].ends_with([' ', '\n', '\t']);
        let start = equals + 2;
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        let name = &before[name_at..];
        let value = &rest[start..start + len];
        let end = start + len + 1;
        match if spaced {
            change(name, value)
        } else {
            Change::Keep
        } {
            Change::Keep => out.push_str(&rest[..end]),
            Change::Value(new) => {
                out.push_str(&rest[..start]);
                out.push_str(&new);
                out.push('"');
            }
            Change::Drop => out.push_str(before[..name_at].trim_end_matches([' ', '\n', '\t'])),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `url`, a root-relative address on a page at output path `page`, as a path relative to
/// that page: `/a/b/#x` from `c/d/index.html` is `../../a/b/index.html#x`. As a `folder`
/// (`data-base`) it keeps its trailing slash (`../../`, `./` for the top). Anything else
/// (relative, absolute, `//host`, `#x`) is not changed: `None`.
pub fn relative_url(page: &str, url: &str, folder: bool) -> Option<String> {
    let inside = url.strip_prefix('/').filter(|u| !u.starts_with('/'))?;
    let split = inside.find(['?', '#']).unwrap_or(inside.len());
    let (path, tail) = inside.split_at(split);
    let up = "../".repeat(page.matches('/').count());
    if folder {
        return Some(if up.is_empty() && path.is_empty() {
            "./".to_string()
        } else {
            format!("{up}{path}")
        });
    }
    let file = if path.is_empty() || path.ends_with('/') {
        "index.html"
    } else {
        ""
    };
    Some(format!("{up}{path}{file}{tail}"))
}

/// A page at output path `page` with every root-relative URL made relative (see
/// [`relative_url`]). An address under `written_base`, the base path of the site as
/// written in `site.toml` (`/wbl/`), is an address of the site too: authors write those in
/// forms' URLs and raw HTML.
pub fn relative_page(page: &str, html: &str, written_base: &str) -> String {
    rewrite_attributes(html, |name, value| {
        if !URL_ATTRIBUTES.contains(&name) {
            return Change::Keep;
        }
        let value = if written_base != "/" && value.starts_with(written_base) {
            &value[written_base.len() - 1..]
        } else {
            value
        };
        match relative_url(page, value, name == "data-base") {
            Some(url) => Change::Value(url),
            None => Change::Keep,
        }
    })
}

/// For a search or filter data file (`search/…/x.json`, or under a language's folder), the
/// script that replaces it and the key it registers its data under (its path inside
/// `search/`).
pub fn data_script(path: &str) -> Option<(String, &str)> {
    let stem = path.strip_suffix(".json")?;
    let key = path.strip_prefix("search/").or_else(|| {
        let (language, rest) = path.split_once('/')?;
        (!language.contains('.'))
            .then_some(rest)?
            .strip_prefix("search/")
    })?;
    Some((format!("{stem}.js"), key))
}

/// The classic script that registers `json` under `key`: `search.js` and `facets.js` add it
/// to the page and read `trellisData[key]` once it has run.
pub fn script_of(key: &str, json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + key.len() + 48);
    out.extend_from_slice(b"(self.trellisData=self.trellisData||{})[\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\"]=");
    out.extend_from_slice(json.strip_suffix(b"\n").unwrap_or(json));
    out.extend_from_slice(b";\n");
    out
}

/// A sink that makes each file portable on its way to another sink (see the module's
/// overview). Paths are the site's, language folders included.
pub struct Portable<'s> {
    inner: &'s dyn Sink,
    written_base: String,
}

impl<'s> Portable<'s> {
    /// Portable files, handed to `inner`; `written_base` is the base path `site.toml` gives.
    pub fn new(inner: &'s dyn Sink, written_base: String) -> Portable<'s> {
        Portable {
            inner,
            written_base,
        }
    }
}

impl Sink for Portable<'_> {
    fn put(&self, path: String, bytes: Bytes) -> bool {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            let page = relative_page(&path, &html, &self.written_base).into_bytes();
            return self.inner.put(path, page.into());
        }
        match data_script(&path) {
            Some((script, key)) => {
                let bytes = script_of(key, &bytes);
                self.inner.put(script, bytes.into())
            }
            None => self.inner.put(path, bytes),
        }
    }

    fn has(&self, path: &str) -> bool {
        match data_script(path) {
            Some((script, _)) => self.inner.has(&script),
            None => self.inner.has(path),
        }
    }

    fn indexable_pages(&self) -> Vec<String> {
        self.inner.indexable_pages()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_urls_become_relative_files() {
        let page = "toolkits/g/hosting/index.html";
        assert_eq!(
            relative_url(page, "/toolkits/g/#x", false).as_deref(),
            Some("../../../toolkits/g/index.html#x")
        );
        assert_eq!(
            relative_url("index.html", "/", false).as_deref(),
            Some("index.html")
        );
        assert_eq!(
            relative_url("a/index.html", "/search/?q=x", false).as_deref(),
            Some("../search/index.html?q=x")
        );
        assert_eq!(
            relative_url("a/index.html", "/style.css", false).as_deref(),
            Some("../style.css")
        );
        assert_eq!(relative_url("index.html", "/", true).as_deref(), Some("./"));
        assert_eq!(
            relative_url("es/a/index.html", "/es/", true).as_deref(),
            Some("../../es/")
        );
        for kept in ["#x", "a.pdf", "https://example.org/", "//example.org/"] {
            assert_eq!(relative_url(page, kept, false), None);
        }
    }

    #[test]
    fn pages_have_their_urls_rewritten_and_text_kept() {
        let html = concat!(
            r#"<a href="/a/">x="/b/"</a><img src="/i.png" alt="/c/">"#,
            r#"<script src="/search.js" data-base="/"></script><form action="/search/">"#,
        );
        assert_eq!(
            relative_page("d/index.html", html, "/"),
            concat!(
                r#"<a href="../a/index.html">x="/b/"</a><img src="../i.png" alt="/c/">"#,
                r#"<script src="../search.js" data-base="../"></script>"#,
                r#"<form action="../search/index.html">"#,
            )
        );
        let dropped = rewrite_attributes(r#"<a class="x" href="/a/">a</a>"#, |name, _| {
            if name == "href" {
                Change::Drop
            } else {
                Change::Keep
            }
        });
        assert_eq!(dropped, r#"<a class="x">a</a>"#);
        assert_eq!(
            relative_page(
                "d/index.html",
                r#"<a href="/wbl/f.pdf"><a href="/x/">"#,
                "/wbl/"
            ),
            r#"<a href="../f.pdf"><a href="../x/index.html">"#
        );
    }

    #[test]
    fn data_files_become_scripts() {
        assert_eq!(
            data_script("search/t/ab.json"),
            Some(("search/t/ab.js".to_string(), "t/ab.json"))
        );
        assert_eq!(
            data_script("es/search/meta.json"),
            Some(("es/search/meta.js".to_string(), "meta.json"))
        );
        assert_eq!(data_script("catalog.json"), None);
        assert_eq!(data_script("es/catalog.json"), None);
        assert_eq!(
            script_of("meta.json", b"{\"a\":1}\n"),
            b"(self.trellisData=self.trellisData||{})[\"meta.json\"]={\"a\":1};\n"
        );
    }
}
