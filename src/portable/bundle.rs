//! `trellis bundle`: one zip with what a district or a toolkit hands out, opened from disk.
//!
//! The site is rendered portable and narrowed to the scope (see [`super::Scope`]); then,
//! from the scope's first page, every link is followed to the pages and files the bundle
//! may hold. A link to a page it may not hold (a regional page a district replaced, another
//! language, another district) loses its `href`, so nothing in the bundle leads nowhere and
//! nothing is in it that no page links. The search and filter data of its language go with
//! it, and a top `index.html` opens the first page. The zip lists its files in path order,
//! each dated the build date at midnight, so the same site gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{rewrite_attributes, Change, Scope, Shape};
use crate::diagnostics::{Diagnostic, Error};
use crate::model::{Drafts, Site};
use crate::render::Files;
use crate::BuildError;

/// What `trellis bundle` was asked for.
#[derive(Debug, Clone)]
pub struct BundleOptions {
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// The district or toolkit to bundle.
    pub scope: Scope,
    /// The language of the bundle (`--lang`); the site's default language when absent.
    pub language: Option<String>,
    /// Where to write the zip.
    pub output: PathBuf,
}

/// A bundle that was written.
#[derive(Debug)]
pub struct Bundled {
    /// How many files the zip holds.
    pub files: usize,
    /// How many of them are HTML pages.
    pub pages: usize,
    /// The size of the zip in bytes.
    pub size: u64,
    /// The content's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// The zip's name when `--output` is not given: `<id>.zip`, or `<id>-<lang>.zip`.
pub fn default_name(scope: &Scope, language: Option<&str>) -> PathBuf {
    match language {
        Some(code) => PathBuf::from(format!("{}-{code}.zip", scope.id())),
        None => PathBuf::from(format!("{}.zip", scope.id())),
    }
}

/// Renders the bundle and writes its zip to `options.output`.
pub fn bundle(options: &BundleOptions) -> Result<Bundled, BuildError> {
    let shape = Shape {
        portable: true,
        scope: Some(options.scope.clone()),
    };
    let mut once = crate::Cache::new(crate::memo::Policy::Forget);
    let rendered = crate::render_shaped(&options.root, Drafts::Exclude, &mut once, &shape)
        .map_err(BuildError::Content)?;
    let prefix = language_prefix(&rendered.site, options.language.as_deref())
        .map_err(|d| BuildError::Content(vec![d]))?;
    let files = contents(&rendered.site, &rendered.files, &options.scope, &prefix);
    let zip = zip(&files, &rendered.site)
        .map_err(|e| BuildError::Tool(Error::new(&options.output, e)))?;
    write(&options.output, &zip).map_err(BuildError::Tool)?;
    Ok(Bundled {
        pages: files.keys().filter(|p| p.ends_with(".html")).count(),
        files: files.len(),
        size: zip.len() as u64,
        warnings: rendered.warnings,
    })
}

/// The folder of the language `code` (`es/`; empty for the default language), or an error
/// naming the site's languages.
fn language_prefix(site: &Site, code: Option<&str>) -> Result<String, Diagnostic> {
    let Some(code) = code.filter(|c| *c != site.config.language) else {
        return Ok(String::new());
    };
    if site.config.languages.iter().any(|l| l.code == code) {
        return Ok(format!("{code}/"));
    }
    let known: Vec<&str> = std::iter::once(site.config.language.as_str())
        .chain(site.config.languages.iter().map(|l| l.code.as_str()))
        .collect();
    Err(Diagnostic::error(
        "content/site.toml",
        format!("the site has no language `{code}`"),
    )
    .help(format!("its languages are: {}", known.join(", "))))
}

/// The files of the bundle: the scope's first page and what it links, transitively, within
/// what the bundle may hold, each page's links to what it may not hold removed; the
/// language's search data; and the top `index.html`.
fn contents(site: &Site, files: &Files, scope: &Scope, prefix: &str) -> Files {
    let walk = Walk {
        files,
        scope,
        prefix,
        others: site
            .config
            .languages
            .iter()
            .map(|l| format!("{}/", l.code))
            .filter(|p| p != prefix)
            .collect(),
        home: format!("{prefix}index.html"),
    };
    let start = format!("{prefix}{}", scope.start());
    let mut bundle = walk.follow(&start);
    walk.add_search_data(&mut bundle);
    let title = page_title(
        files
            .get(&start)
            .map(|b| String::from_utf8_lossy(b).into_owned()),
    );
    let language = match prefix.trim_end_matches('/') {
        "" => site.config.language.as_str(),
        code => code,
    };
    bundle.insert(
        "index.html".to_string(),
        opener(&start, &title, language).into_bytes().into(),
    );
    if !prefix.is_empty() {
        let opener = opener(&scope.start(), &title, language);
        bundle.insert(walk.home.clone(), opener.into_bytes().into());
    }
    bundle
}

/// Following links through the portable build for one bundle.
struct Walk<'a> {
    files: &'a Files,
    scope: &'a Scope,
    /// The folder of the bundle's language (`es/`), empty for the default language.
    prefix: &'a str,
    /// The folders of the site's other languages.
    others: Vec<String>,
    /// The language's home page, which the bundle's opener replaces.
    home: String,
}

impl Walk<'_> {
    /// Whether the bundle may hold the file at `path`: any file that is not a page, and the
    /// pages of its language and scope.
    fn may_hold(&self, path: &str) -> bool {
        if !path.ends_with(".html") {
            return true;
        }
        let Some(inside) = path.strip_prefix(self.prefix) else {
            return false;
        };
        if path == self.home || self.others.iter().any(|o| path.starts_with(o.as_str())) {
            return false;
        }
        inside != "404.html"
            && match self.scope {
                Scope::District(_) => !inside.starts_with("toolkits/"),
                Scope::Toolkit(slug) => {
                    !inside.starts_with("toolkits/")
                        || inside.starts_with(&format!("toolkits/{slug}/"))
                }
            }
    }

    /// The pages and files reached from `start`, each page with its links rewritten.
    fn follow(&self, start: &str) -> Files {
        let mut bundle = Files::new();
        let mut queue = vec![start.to_string()];
        let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
        while let Some(path) = queue.pop() {
            let Some(bytes) = self.files.get(&path) else {
                continue;
            };
            if !path.ends_with(".html") {
                bundle.insert(path, bytes.clone());
                continue;
            }
            let html = rewrite_attributes(&String::from_utf8_lossy(bytes), |name, value| {
                let (change, target) = self.link(&path, name, value);
                if let Some(target) = target.filter(|t| seen.insert(t.clone())) {
                    queue.push(target);
                }
                change
            });
            let html = match self.scope {
                Scope::District(id) => in_edition(&html, id),
                Scope::Toolkit(_) => html,
            };
            bundle.insert(path, html.into_bytes().into());
        }
        bundle
    }

    /// What becomes of the attribute `name="value"` on the page at `page`, and the file of
    /// the site it leads to, to follow.
    fn link(&self, page: &str, name: &str, value: &str) -> (Change, Option<String>) {
        if !matches!(name, "href" | "src" | "action") {
            return (Change::Keep, None);
        }
        let Some(target) = target_of(page, value) else {
            return (Change::Keep, None);
        };
        if target.is_empty() || target == self.home || !self.files.contains_key(&target) {
            return (Change::Keep, None); // the top page (made apart), or not a file of the site
        }
        if self.may_hold(&target) {
            return (Change::Keep, Some(target));
        }
        let edition = in_district(self.scope, self.prefix, page, &target)
            .filter(|t| self.files.contains_key(t));
        match edition {
            Some(edition) => {
                let tail = value.find(['?', '#']).map_or("", |at| &value[at..]);
                let up = "../".repeat(page.matches('/').count());
                (Change::Value(format!("{up}{edition}{tail}")), Some(edition))
            }
            None => (Change::Drop, None),
        }
    }

    /// The search index and the filters' data of the bundle's language: loaded by scripts,
    /// never linked.
    fn add_search_data(&self, bundle: &mut Files) {
        let search = format!("{}search/", self.prefix);
        for (path, bytes) in self.files.range(search.clone()..) {
            if !path.starts_with(&search) {
                break;
            }
            if !path.ends_with(".html") {
                bundle.insert(path.clone(), bytes.clone());
            }
        }
    }
}

/// The output path a relative `url` on the page at `page` leads to, without its query and
/// fragment (empty for the top of the site); `None` for an address elsewhere or a fragment.
fn target_of(page: &str, url: &str) -> Option<String> {
    if url.contains(':') || url.starts_with('/') || url.starts_with('#') {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    let joined = crate::load::normalize(&dir.join(crate::render::links::percent_decode(path)))?;
    Some(joined.to_string_lossy().replace('\\', "/"))
}

/// In a district's bundle, where a link to a regional page leads instead: the list of
/// toolkits to the district's page, and from a page outside the district's editions (a
/// standalone page, a listing) a regional page to the district's edition of it. A link from
/// the district's own pages to a regional one means the regional page ("Regional version",
/// a comparison), and is not redirected.
fn in_district(scope: &Scope, prefix: &str, page: &str, target: &str) -> Option<String> {
    let Scope::District(id) = scope else {
        return None;
    };
    let regional = target.strip_prefix(prefix)?.strip_prefix("toolkits/")?;
    if regional == "index.html" {
        return Some(format!("{prefix}districts/{id}/index.html"));
    }
    let own = format!("{prefix}districts/{id}/");
    (!page.starts_with(&own)).then(|| format!("{own}{regional}"))
}

/// A page of a district's bundle searches as its edition does: regional results lead to
/// the district's own pages.
fn in_edition(html: &str, district: &str) -> String {
    if html.contains(" data-search-scope=\"") {
        return html.to_string();
    }
    html.replacen(
        "<body ",
        &format!("<body data-search-scope=\"{district}\" "),
        1,
    )
}

/// The text of a page's `<title>`, as written (already escaped).
fn page_title(html: Option<String>) -> String {
    let html = html.unwrap_or_default();
    html.split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(title, _)| title.to_string())
        .unwrap_or_default()
}

/// The top page of a bundle: opens `start` at once, and links it for a browser that does not.
fn opener(start: &str, title: &str, language: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={start}\">\n<title>{title}</title>\n\
         </head>\n<body>\n<main>\n<h1><a href=\"{start}\">{title}</a></h1>\n</main>\n</body>\n</html>\n"
    )
}

/// The zip of `files`: in path order, deflated, each dated the site's build date.
fn zip(files: &Files, site: &Site) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let date = site.build_date;
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(date.year).unwrap_or(1980).clamp(1980, 2107),
        date.month,
        date.day,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let written: BTreeMap<&String, _> = files.iter().collect();
    for (path, bytes) in written {
        writer
            .start_file(path.as_str(), options)
            .map_err(|e| e.to_string())?;
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    let cursor = writer.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

/// Writes the zip whole or not at all: to a temporary file beside it, then renamed.
fn write(output: &Path, bytes: &[u8]) -> Result<(), Error> {
    if output.is_dir() {
        return Err(Error::new(
            output,
            "is a folder; name the zip file to write",
        ));
    }
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = output.with_file_name(format!(".trellis-tmp-{name}"));
    std::fs::write(&temporary, bytes).map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, output).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::io(output, e)
    })
}
