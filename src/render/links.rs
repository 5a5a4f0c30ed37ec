//! Link resolution: relative source paths written in Markdown (`../03-hosting/_index.md#x`)
//! → the target's URL, checked against every page's headings and every asset.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use super::urls::Urls;
use crate::diagnostics::closest;
use crate::load::normalize;
use crate::markdown::{help_for_fragment, Heading, Links, Placeholders, Problem, Resolved};
use crate::model::district::District;
use crate::model::{DistrictIdx, EditionIdx, Failed, Page, Site, Toolkit, Translation};

/// Where a source path leads.
enum Target<'a> {
    Page(PageTarget<'a>),
    Asset { url: String },
}

/// A page a source path leads to.
struct PageTarget<'a> {
    url: String,
    /// The target's language when a language edition links to it in the default
    /// language (it has no translation).
    hreflang: Option<String>,
    /// In a language edition, for a translated target: its default-language URL and
    /// that language, where text in the default language finds its headings.
    original: Option<(String, String)>,
    /// The edition it belongs to, if any.
    edition: Option<EditionIdx>,
    print_anchor: String,
    headings: &'a [Heading],
}

/// Every linkable file of the site, by the path it has in the regional content tree
/// (a district's override answers to the path of the page it replaces).
pub struct LinkIndex<'a> {
    /// One map per edition.
    editions: Vec<HashMap<PathBuf, Target<'a>>>,
    /// Standalone pages.
    pages: HashMap<PathBuf, Target<'a>>,
    /// (district, toolkit slug) → edition; `None` for the regional edition.
    lookup: HashMap<(Option<DistrictIdx>, &'a str), EditionIdx>,
    /// Each toolkit's folder and slug.
    folders: Vec<(&'a Path, &'a str)>,
    /// Each edition's district, by edition.
    districts: Vec<Option<DistrictIdx>>,
    /// Files that did not load: links to them were not broken by the page that has them.
    failed: &'a Failed,
}

/// The anchor of a page inside its toolkit's print edition.
pub fn print_anchor(page: &Page) -> String {
    if page.url_path.is_empty() {
        "introduction".to_string()
    } else {
        format!("ch-{}", page.url_path.replace('/', "--"))
    }
}

/// Where a link to `page` leads from a page of `site`: in a language edition, its translation
/// when it has one, else the default language's page, with that language for `hreflang`.
fn in_language(
    site: &Site,
    urls: &Urls,
    page: &Page,
    url_of: impl Fn(&Urls) -> String,
) -> (String, Option<String>) {
    if site.language.default || matches!(page.translation, Translation::Translated { .. }) {
        return (url_of(urls), None);
    }
    original(site, url_of)
}

/// The default-language URL `url_of` makes in a language edition, and that language.
fn original(site: &Site, url_of: impl Fn(&Urls) -> String) -> (String, Option<String>) {
    let default = crate::model::Language {
        code: site.config.language.clone(),
        default: true,
    };
    let urls = Urls::new(&site.config, &default);
    (url_of(&urls), Some(default.code))
}

/// For a translated page of a language edition: its default-language URL and that
/// language (see `Target::Page::original`).
fn original_of(
    site: &Site,
    page: &Page,
    url_of: impl Fn(&Urls) -> String,
) -> Option<(String, String)> {
    if site.language.default || !matches!(page.translation, Translation::Translated { .. }) {
        return None;
    }
    match original(site, url_of) {
        (url, Some(code)) => Some((url, code)),
        (_, None) => None,
    }
}

/// Where a district's asset would sit in the regional toolkit folder.
fn asset_tree_path(toolkit: &Toolkit, asset: &crate::model::Asset) -> PathBuf {
    if asset.source.starts_with("content/districts") {
        // content/districts/<district>/toolkits/<toolkit>/<rest>
        let rest: PathBuf = asset.source.components().skip(5).collect();
        toolkit.dir.join(rest)
    } else {
        asset.source.clone()
    }
}

impl<'a> LinkIndex<'a> {
    /// `headings[e][p]` are the headings of page `p` of edition `e`; the last entry holds the
    /// standalone pages'.
    pub fn build(site: &'a Site, urls: &Urls, headings: &'a [Vec<Vec<Heading>>]) -> LinkIndex<'a> {
        let mut index = LinkIndex {
            editions: Vec::new(),
            pages: HashMap::new(),
            lookup: HashMap::new(),
            folders: site
                .toolkits
                .iter()
                .map(|t| (t.dir.as_path(), t.slug.as_str()))
                .collect(),
            districts: Vec::new(),
            failed: &site.failed,
        };
        for (e, toolkit) in site.editions_indexed() {
            let mut targets = HashMap::new();
            for (p, page) in toolkit.pages.iter().enumerate() {
                let url_of = |urls: &Urls| urls.toolkit_page(&toolkit.root, &page.url_path);
                let (url, hreflang) = in_language(site, urls, page, url_of);
                targets.insert(
                    toolkit.tree_path(page),
                    Target::Page(PageTarget {
                        url,
                        hreflang,
                        original: original_of(site, page, url_of),
                        edition: Some(e),
                        print_anchor: print_anchor(page),
                        headings: &headings[e.index()][p],
                    }),
                );
            }
            for asset in &toolkit.assets {
                targets.insert(
                    asset_tree_path(toolkit, asset),
                    Target::Asset {
                        url: urls.toolkit_file(&toolkit.root, &asset.url_path),
                    },
                );
            }
            index.editions.push(targets);
            index
                .lookup
                .insert((toolkit.district, toolkit.slug.as_str()), e);
            index.districts.push(toolkit.district);
        }
        let standalone = headings.last().map(Vec::as_slice).unwrap_or_default();
        for (page, headings) in site.pages.iter().zip(standalone) {
            let url_of = |urls: &Urls| urls.page(&page.url_path);
            let (url, hreflang) = in_language(site, urls, page, url_of);
            // Links are written as source paths, also in a translation.
            index.pages.insert(
                page.source_path().to_path_buf(),
                Target::Page(PageTarget {
                    url,
                    hreflang,
                    original: original_of(site, page, url_of),
                    edition: None,
                    print_anchor: String::new(),
                    headings,
                }),
            );
        }
        index
    }

    /// Finds what `path` names, seen from edition `from` (or a standalone page): the page in
    /// that edition, else the same district's edition of another toolkit, else the regional
    /// page (a district may leave a page out), else a standalone page.
    fn find(&self, from: Option<EditionIdx>, path: &Path) -> Option<&Target<'a>> {
        if let Some(target) = from.and_then(|e| self.editions[e.index()].get(path)) {
            return Some(target);
        }
        let district = from.and_then(|e| self.districts[e.index()]);
        if let Some((_, slug)) = self.folders.iter().find(|(dir, _)| path.starts_with(dir)) {
            let in_district = district.and_then(|d| self.lookup.get(&(Some(d), *slug)));
            let regional = self.lookup.get(&(None, *slug));
            for e in in_district.into_iter().chain(regional) {
                if let Some(target) = self.editions[e.index()].get(path) {
                    return Some(target);
                }
            }
        }
        self.pages.get(path)
    }

    fn known_paths(&self) -> impl Iterator<Item = &Path> {
        self.editions
            .iter()
            .flat_map(|m| m.keys())
            .chain(self.pages.keys())
            .map(PathBuf::as_path)
    }
}

/// Resolves links for one page.
pub struct PageLinks<'a> {
    /// Every linkable file of the site, shared by all pages.
    pub index: &'a LinkIndex<'a>,
    /// The folder the page has in the regional content tree, relative to the site root.
    pub dir: &'a Path,
    /// The edition the page belongs to, if any.
    pub edition: Option<EditionIdx>,
    /// Whether the page's text is in the default language: a page of the default edition,
    /// or one shown untranslated in a language edition. Its fragments name the headings of
    /// default-language pages, so a link into a translated page leads to the original.
    pub in_default_language: bool,
}

impl Links for PageLinks<'_> {
    fn link(&self, dest: &str) -> Result<Resolved, Problem> {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let decoded = percent_decode(path);
        if decoded.ends_with('/') || decoded.is_empty() {
            return Err(Problem::new(
                format!("link `{dest}` points to a folder"),
                Some(format!(
                    "link to the page's file, e.g. `{}_index.md`",
                    decoded
                )),
            ));
        }
        let Some(full) = normalize(&self.dir.join(&decoded)) else {
            return Err(Problem::new(
                format!("link `{dest}` points outside the site"),
                Some("write the path relative to this page's file".into()),
            ));
        };
        let Some(target) = self.index.find(self.edition, &full) else {
            if self.index.failed.covers(&full) {
                // Reported where it failed; nothing is written while there are errors.
                return Ok(Resolved {
                    href: String::new(),
                    print_href: None,
                    hreflang: None,
                });
            }
            return Err(self.missing(dest, &full));
        };
        match target {
            Target::Asset { url } => Ok(Resolved {
                href: url.clone(),
                print_href: None,
                hreflang: None,
            }),
            Target::Page(page) => self.to_page(page, fragment, &decoded),
        }
    }
}

impl PageLinks<'_> {
    /// A link to `target`'s page, at `fragment` if any (checked against its headings).
    fn to_page(
        &self,
        target: &PageTarget<'_>,
        fragment: Option<&str>,
        decoded: &str,
    ) -> Result<Resolved, Problem> {
        let found = |fragment: &str| target.headings.iter().any(|h| h.id == fragment);
        if let Some(fragment) = fragment.filter(|f| !found(f)) {
            if let (true, Some((url, code))) = (self.in_default_language, &target.original) {
                // Checked against the original when the default edition was built.
                return Ok(Resolved {
                    href: format!("{url}#{fragment}"),
                    print_href: None,
                    hreflang: Some(code.clone()),
                });
            }
            return Err(Problem::new(
                format!("`{decoded}` has no heading with the id `#{fragment}`"),
                Some(help_for_fragment(
                    fragment,
                    target.headings.iter().map(|h| h.id.as_str()),
                )),
            ));
        }
        let same_edition = target.edition.is_some() && target.edition == self.edition;
        let print_anchor = &target.print_anchor;
        let print_href = same_edition.then(|| match fragment {
            Some(f) => format!("#{print_anchor}__{f}"),
            None => format!("#{print_anchor}"),
        });
        let href = match fragment {
            Some(f) => format!("{}#{f}", target.url),
            None => target.url.clone(),
        };
        Ok(Resolved {
            href,
            print_href,
            hreflang: target.hreflang.clone(),
        })
    }
}

/// Values for `{{ district.PATH }}`: the district's own (in its edition), else the toolkit's
/// `district_defaults` (the regional edition uses only those).
pub struct Defaults<'a> {
    /// The toolkit's defaults and the file they are in; `None` outside toolkits.
    pub table: Option<(&'a toml::Table, &'a Path)>,
    /// The district whose edition is being rendered.
    pub district: Option<&'a District>,
}

/// What a dotted path names in a table.
enum Found<'a> {
    Value(&'a toml::Value),
    /// Missing, with the keys that were there at the point it went missing.
    Missing(Vec<&'a str>, &'a str),
}

fn find_value<'a>(table: &'a toml::Table, path: &'a str) -> Found<'a> {
    let mut table = table;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        match table.get(part) {
            None => return Found::Missing(table.keys().map(String::as_str).collect(), part),
            Some(value) if parts.peek().is_none() => return Found::Value(value),
            Some(toml::Value::Table(inner)) => table = inner,
            Some(_) => return Found::Missing(Vec::new(), part),
        }
    }
    Found::Missing(Vec::new(), path)
}

/// A placeholder's value in a table, as text; `None` if it is missing or not a single value.
pub(crate) fn lookup(table: &toml::Table, path: &str) -> Option<String> {
    match find_value(table, path) {
        Found::Value(value) => display_value(path, value).ok(),
        Found::Missing(..) => None,
    }
}

fn display_value(path: &str, value: &toml::Value) -> Result<String, Problem> {
    match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(n) => Ok(n.to_string()),
        toml::Value::Float(n) => Ok(n.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        toml::Value::Datetime(d) => Ok(d.to_string()),
        toml::Value::Table(t) => Err(Problem::new(
            format!("`district.{path}` is a table, not a value"),
            Some(format!(
                "name one of its keys: {}",
                t.keys()
                    .map(|k| format!("district.{path}.{k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        )),
        toml::Value::Array(_) => Err(Problem::new(
            format!("`district.{path}` is a list, not a value"),
            Some("placeholders take single values such as text, numbers and dates".into()),
        )),
    }
}

impl Placeholders for Defaults<'_> {
    fn origin(&self, path: &str) -> Option<String> {
        let district = self.district?;
        match (
            district.value_position(path),
            lookup(&district.values, path),
        ) {
            (Some(at), Some(_)) => Some(format!("district `{}` at {at}", district.id)),
            _ => None,
        }
    }

    fn value(&self, path: &str) -> Result<String, Problem> {
        let Some((defaults, index_file)) = self.table else {
            return Err(Problem::new(
                format!("`{{{{ district.{path} }}}}` can only be used in toolkit pages"),
                Some("write the text itself here".into()),
            ));
        };
        let near_miss = if let Some(district) = self.district {
            match find_value(&district.values, path) {
                Found::Value(value) => return display_value(path, value),
                Found::Missing(keys, part) => closest(part, keys),
            }
        } else {
            None
        };
        let (keys, part) = match find_value(defaults, path) {
            Found::Value(value) => return display_value(path, value),
            Found::Missing(keys, part) => (keys, part),
        };
        let near = near_miss.or_else(|| closest(part, keys));
        let index_file = crate::diagnostics::display_path(index_file);
        let (message, help) = match self.district {
            Some(district) => (
                format!("`district.{path}` has no value for district `{}`", district.id),
                format!(
                    "set `{path}` in {}, or add a default under [toolkit.district_defaults] in {index_file}",
                    crate::diagnostics::display_path(&district.file.path)
                ),
            ),
            None => (
                format!("`district.{path}` has no value in the base edition"),
                format!(
                    "add `{path} = \"...\"` under [toolkit.district_defaults] in {index_file} (the base edition), or set it in each district's district.toml"
                ),
            ),
        };
        let help = match near {
            Some(near) => format!("did you mean `{near}`? or {help}"),
            None => help,
        };
        Err(Problem::new(message, Some(help)))
    }
}

impl PageLinks<'_> {
    fn missing(&self, dest: &str, full: &Path) -> Problem {
        let wanted = full.to_string_lossy();
        // Judge closeness by what the author typed, not by the whole path, so that
        // `nope.md` is not "close" to `_index.md` in a long folder.
        let limit = (dest.chars().count() / 3).max(2);
        let near = closest(&wanted, self.index.known_paths().filter_map(|p| p.to_str()))
            .filter(|near| crate::diagnostics::edit_distance(&wanted, near) <= limit);
        let help = match near {
            Some(near) => {
                let relative = relative_path(self.dir, Path::new(near));
                format!("did you mean `{relative}`?")
            }
            None if dest.ends_with(".md") => {
                // Show the form with a page that exists: one beside this page if there is one.
                let beside = self
                    .index
                    .known_paths()
                    .filter(|p| {
                        p.parent() == Some(self.dir)
                            && p.extension().is_some_and(|e| e == "md")
                            && p.file_name().is_some_and(|n| n != "_index.md")
                    })
                    .min();
                match beside.and_then(|p| p.file_name()).and_then(|n| n.to_str()) {
                    Some(example) => format!(
                        "write the path of the page's file relative to this page, e.g. `{example}` for a page beside it"
                    ),
                    None => "write the path of the page's file relative to this page, e.g. `../02-planning.md`".into(),
                }
            }
            None => "place the file beside the page, or link to a page's .md file".into(),
        };
        Problem::new(
            format!("link `{dest}` points to no page or file of the site"),
            Some(help),
        )
    }
}

/// `to` written relative to the folder `from` (both relative to the site root).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Decodes `%XX` escapes (authors sometimes write `my%20form.pdf`); invalid escapes stay.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes `%XX` escapes once; `None` for an invalid escape or bytes that are not UTF-8.
pub(crate) fn percent_decode_strict(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |at: usize| bytes.get(at).and_then(|&b| (b as char).to_digit(16));
            out.push((hex(i + 1)? * 16 + hex(i + 2)?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Encodes the characters of a file name that cannot stand in a URL path as they are.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(
            relative_path(
                Path::new("content/toolkits/g/04-hosting"),
                Path::new("content/toolkits/g/05-law.md")
            ),
            "../05-law.md"
        );
        assert_eq!(
            relative_path(Path::new("content/a"), Path::new("content/a/b.md")),
            "b.md"
        );
    }

    #[test]
    fn percent_coding_round_trips() {
        assert_eq!(percent_decode("my%20form.pdf"), "my form.pdf");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(
            percent_encode_path("forms/my form.pdf"),
            "forms/my%20form.pdf"
        );
    }

    #[test]
    fn lookups_follow_dotted_paths() {
        let table: toml::Table =
            toml::from_str("name = \"X\"\n[contacts.a]\nname = \"Ana\"\n[policies]\nage = 16\n")
                .unwrap();
        assert_eq!(lookup(&table, "contacts.a.name").as_deref(), Some("Ana"));
        assert_eq!(lookup(&table, "policies.age").as_deref(), Some("16"));
        assert_eq!(lookup(&table, "contacts.a"), None);
        assert_eq!(lookup(&table, "name.more"), None);
        assert_eq!(lookup(&table, "missing"), None);
    }
}
