//! Link resolution: relative source paths written in Markdown (`../03-hosting/_index.md#x`)
//! → the target's URL, checked against every page's headings and every asset.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::closest;
use crate::load::normalize;
use crate::markdown::{help_for_fragment, Heading, Links, Placeholders, Problem, Resolved};
use crate::model::{Page, Site};

/// Where a source path leads.
enum Target<'a> {
    Page {
        url: String,
        /// The toolkit it belongs to (index into `site.toolkits`), if any.
        toolkit: Option<usize>,
        print_anchor: String,
        headings: &'a [Heading],
    },
    Asset {
        url: String,
    },
}

/// Every linkable file of the site by its normalised path relative to the site root.
pub struct LinkIndex<'a> {
    targets: HashMap<PathBuf, Target<'a>>,
}

/// The anchor of a page inside its toolkit's print edition.
pub fn print_anchor(page: &Page) -> String {
    if page.url_path.is_empty() {
        "introduction".to_string()
    } else {
        format!("ch-{}", page.url_path.replace('/', "--"))
    }
}

impl<'a> LinkIndex<'a> {
    /// `headings[t][p]` are the headings of page `p` of toolkit `t`; the last entry holds the
    /// standalone pages'.
    pub fn build(site: &'a Site, urls: &Urls, headings: &'a [Vec<Vec<Heading>>]) -> LinkIndex<'a> {
        let mut targets = HashMap::new();
        for (t, toolkit) in site.toolkits.iter().enumerate() {
            for (p, page) in toolkit.pages.iter().enumerate() {
                targets.insert(
                    page.file.path.clone(),
                    Target::Page {
                        url: urls.toolkit_page(&toolkit.slug, &page.url_path),
                        toolkit: Some(t),
                        print_anchor: print_anchor(page),
                        headings: &headings[t][p],
                    },
                );
            }
            for asset in &toolkit.assets {
                targets.insert(
                    asset.source.clone(),
                    Target::Asset {
                        url: urls.toolkit_file(&toolkit.slug, &asset.url_path),
                    },
                );
            }
        }
        let standalone = headings.last().map(Vec::as_slice).unwrap_or_default();
        for (page, headings) in site.pages.iter().zip(standalone) {
            targets.insert(
                page.file.path.clone(),
                Target::Page {
                    url: urls.page(&page.url_path),
                    toolkit: None,
                    print_anchor: String::new(),
                    headings,
                },
            );
        }
        LinkIndex { targets }
    }
}

/// Resolves links for one page.
pub struct PageLinks<'a> {
    pub index: &'a LinkIndex<'a>,
    /// The folder of the page's source file, relative to the site root.
    pub dir: &'a Path,
    pub toolkit: Option<usize>,
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
        let Some(target) = self.index.targets.get(&full) else {
            return Err(self.missing(dest, &full));
        };
        match target {
            Target::Asset { url } => Ok(Resolved {
                href: url.clone(),
                print_href: None,
            }),
            Target::Page {
                url,
                toolkit,
                print_anchor,
                headings,
            } => {
                if let Some(fragment) = fragment {
                    if !headings.iter().any(|h| h.id == fragment) {
                        return Err(Problem::new(
                            format!("`{}` has no heading with the id `#{fragment}`", decoded),
                            Some(help_for_fragment(
                                fragment,
                                headings.iter().map(|h| h.id.as_str()),
                            )),
                        ));
                    }
                }
                let same_toolkit = toolkit.is_some() && *toolkit == self.toolkit;
                let print_href = same_toolkit.then(|| match fragment {
                    Some(f) => format!("#{print_anchor}__{f}"),
                    None => format!("#{print_anchor}"),
                });
                let href = match fragment {
                    Some(f) => format!("{url}#{f}"),
                    None => url.clone(),
                };
                Ok(Resolved { href, print_href })
            }
        }
    }
}

/// Values for `{{ district.PATH }}` in the base edition: the toolkit's `district_defaults`.
pub struct Defaults<'a> {
    /// The table and the file it is in; `None` outside toolkits.
    pub table: Option<(&'a toml::Table, &'a Path)>,
}

impl Placeholders for Defaults<'_> {
    fn value(&self, path: &str) -> Result<String, Problem> {
        let Some((defaults, index_file)) = self.table else {
            return Err(Problem::new(
                format!("`{{{{ district.{path} }}}}` can only be used in toolkit pages"),
                Some("write the text itself here".into()),
            ));
        };
        let where_to_add = format!(
            "add `{path} = \"...\"` under [toolkit.district_defaults] in {} (the base edition), or set it in each district's district.toml",
            crate::diagnostics::display_path(index_file)
        );
        let mut value: Option<&toml::Value> = None;
        let mut table = defaults;
        for (i, part) in path.split('.').enumerate() {
            if i > 0 {
                match value {
                    Some(toml::Value::Table(t)) => table = t,
                    _ => {
                        return Err(Problem::new(
                            format!("`district.{path}` has no value in the base edition"),
                            Some(where_to_add),
                        ))
                    }
                }
            }
            value = table.get(part);
            if value.is_none() {
                let near = closest(part, table.keys().map(String::as_str));
                let help = match near {
                    Some(near) => format!("did you mean `{near}`? or {where_to_add}"),
                    None => where_to_add,
                };
                return Err(Problem::new(
                    format!("`district.{path}` has no value in the base edition"),
                    Some(help),
                ));
            }
        }
        match value {
            Some(toml::Value::String(s)) => Ok(s.clone()),
            Some(toml::Value::Integer(n)) => Ok(n.to_string()),
            Some(toml::Value::Float(n)) => Ok(n.to_string()),
            Some(toml::Value::Boolean(b)) => Ok(b.to_string()),
            Some(toml::Value::Datetime(d)) => Ok(d.to_string()),
            Some(toml::Value::Table(t)) => Err(Problem::new(
                format!("`district.{path}` is a table, not a value"),
                Some(format!(
                    "name one of its keys: {}",
                    t.keys()
                        .map(|k| format!("district.{path}.{k}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            )),
            Some(toml::Value::Array(_)) | None => Err(Problem::new(
                format!("`district.{path}` is a list, not a value"),
                Some("placeholders take single values such as text, numbers and dates".into()),
            )),
        }
    }
}

impl PageLinks<'_> {
    fn missing(&self, dest: &str, full: &Path) -> Problem {
        let wanted = full.to_string_lossy();
        let near = closest(
            &wanted,
            self.index.targets.keys().filter_map(|p| p.to_str()),
        );
        let help = match near {
            Some(near) => {
                let relative = relative_path(self.dir, Path::new(near));
                format!("did you mean `{relative}`?")
            }
            None if dest.ends_with(".md") => {
                "write the path of the page's file relative to this page, e.g. `../02-planning.md`"
                    .into()
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
fn percent_decode(text: &str) -> String {
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

/// How URLs are made: everything is root-relative under the site's base path.
pub struct Urls {
    pub base_path: String,
}

impl Urls {
    pub fn home(&self) -> String {
        self.base_path.clone()
    }

    pub fn toolkits(&self) -> String {
        format!("{}toolkits/", self.base_path)
    }

    pub fn toolkit_page(&self, toolkit: &str, url_path: &str) -> String {
        if url_path.is_empty() {
            format!("{}toolkits/{toolkit}/", self.base_path)
        } else {
            format!("{}toolkits/{toolkit}/{url_path}/", self.base_path)
        }
    }

    pub fn toolkit_file(&self, toolkit: &str, url_path: &str) -> String {
        format!(
            "{}toolkits/{toolkit}/{}",
            self.base_path,
            percent_encode_path(url_path)
        )
    }

    pub fn page(&self, slug: &str) -> String {
        format!("{}{slug}/", self.base_path)
    }

    pub fn file(&self, path: &str) -> String {
        format!("{}{}", self.base_path, percent_encode_path(path))
    }

    /// The output file for a root-relative directory URL: `/a/b/` → `a/b/index.html`.
    pub fn output_path(&self, url: &str) -> String {
        let path = url.strip_prefix(&self.base_path).unwrap_or(url);
        format!("{path}index.html")
    }
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
}
