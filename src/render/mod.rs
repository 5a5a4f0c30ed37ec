//! Render stage: a validated [`Site`] and a [`Theme`] → every output file, in memory.
//! Nothing here touches the disk except reading asset bytes; writing is `output`'s job.
//!
//! Pages render in parallel against shared, read-only state. Site-wide navigation is never
//! copied into each page: a toolkit's sidebar is rendered once and the current page is
//! marked in that HTML, so the cost of a build grows linearly with its pages.

mod catalog;
mod collisions;
mod compare;
mod district;
mod export;
mod index;
pub mod links;
mod machine;
mod theme;
mod toolkit;
mod views;

pub use catalog::{sector_label, Reuse as CatalogReuse};
pub use theme::{Theme, BUILTIN_STATIC, BUILTIN_TEMPLATES, THEME_IDS};

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::search;
use std::path::{Path, PathBuf};

use crate::markdown::{self, Body, Heading, Trust};
use crate::model::{Page, Site, Toolkit};
use links::{Defaults, LinkIndex, PageLinks, Urls};
use views::{DateText, Link, PageMeta, SiteView, TocEntry};

/// The bytes of one output file, shared: a rebuild that reuses a file (see [`crate::Cache`]) and
/// the server holding the previous build point at the same bytes.
pub type Bytes = std::sync::Arc<Vec<u8>>;

/// Output path (relative to the output folder, `/` separators) → bytes.
pub type Files = BTreeMap<String, Bytes>;

/// Renders the whole site. All content problems are returned together.
///
/// Markdown is rendered one toolkit at a time and each toolkit's pages are turned into HTML
/// straight away, so only one toolkit's intermediate HTML is held at once. Once any content
/// problem is found, HTML is no longer produced, but every problem is still collected.
/// What rendering produced.
pub struct Output {
    pub files: Files,
    pub warnings: Vec<Diagnostic>,
    /// How long building the search index took (part of rendering).
    pub index_time: std::time::Duration,
    /// Whether the catalog's files were taken from the previous build.
    pub catalog_reused: bool,
    /// How many opportunities' pages were taken from the previous build.
    pub opportunities_reused: usize,
}

pub fn render(
    site: &Site,
    theme: &Theme,
    reuse: &mut CatalogReuse,
) -> Result<Output, Vec<Diagnostic>> {
    render_files(site, theme, reuse).map_err(|mut problems| {
        collisions::name_sources(site, theme, &mut problems);
        crate::diagnostics::sort(&mut problems);
        problems
    })
}

fn render_files(
    site: &Site,
    theme: &Theme,
    reuse: &mut CatalogReuse,
) -> Result<Output, Vec<Diagnostic>> {
    let urls = Urls {
        base_path: site.config.base_path.clone(),
    };
    let renderer = Renderer::new(site, theme, &urls);
    let sidebars = (0..renderer.editions.len())
        .map(|t| renderer.sidebar(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|d| vec![d])?;

    let lists = page_lists(site);
    let (bodies, headings) = prepare_bodies(site, &lists);
    let index = LinkIndex::build(site, &urls, &headings);

    let mut files = Files::new();
    let mut problems = Vec::new();
    let mut page_texts: Vec<index::PageText> = Vec::new();
    for ((pages, toolkit), bodies) in lists.iter().zip(&bodies) {
        let rendered: Vec<markdown::Rendered> = pages
            .par_iter()
            .zip(bodies)
            .map(|(page, body)| {
                let tree_path = match toolkit {
                    Some(t) => renderer.editions[*t].tree_path(page),
                    None => page.file.path.clone(),
                };
                let links = PageLinks {
                    index: &index,
                    dir: tree_path.parent().unwrap_or(Path::new("")),
                    edition: *toolkit,
                };
                markdown::render(
                    body,
                    &links,
                    markdown::Editions::PageAndPrint(&links::print_anchor(page)),
                )
            })
            .collect();
        for (page, body) in pages.iter().zip(&rendered) {
            problems.extend(body.problems.iter().map(|located| {
                let mut d = Diagnostic::error(&page.file.path, located.problem.message.clone())
                    .at_offset(&page.file.text, located.offset);
                d.help = located.problem.help.clone();
                d
            }));
        }
        if !problems.is_empty() {
            continue;
        }
        let mut rendered = rendered;
        for (page, body) in pages.iter().zip(rendered.iter_mut()) {
            let text = match *toolkit {
                Some(t) => {
                    index::PageText::of_edition_page(site, &urls, renderer.editions[t], page, body)
                }
                None => Some(index::PageText::of_standalone(&urls, page, body)),
            };
            page_texts.extend(text);
        }
        let outputs: Vec<Result<(String, String), Diagnostic>> = match *toolkit {
            Some(t) => {
                let mut outputs = vec![renderer.print(t, &rendered)];
                outputs.extend(
                    renderer.editions[t]
                        .audiences()
                        .into_iter()
                        .map(|a| renderer.audience(t, a)),
                );
                let pages: Vec<_> = rendered
                    .into_par_iter()
                    .enumerate()
                    .map(|(p, body)| renderer.toolkit_page(t, p, &body, &sidebars[t]))
                    .collect();
                outputs.extend(pages);
                if renderer.editions[t].district.is_some() {
                    outputs.extend(renderer.compare_pages(t));
                } else if !site.districts.is_empty() {
                    outputs.push(renderer.adaptation_guide(t));
                }
                outputs
            }
            None => rendered
                .into_par_iter()
                .enumerate()
                .map(|(i, body)| renderer.standalone(i, &body))
                .collect(),
        };
        for output in outputs {
            match output {
                Ok((path, html)) => insert(&mut files, path, html.into_bytes(), &mut problems),
                Err(d) => problems.push(d),
            }
        }
    }
    if !problems.is_empty() {
        crate::diagnostics::sort(&mut problems);
        return Err(problems);
    }
    let (catalog, catalog_reused) = catalog::render(&renderer, reuse);
    let warnings = catalog.warnings.clone();
    problems.extend(catalog.problems.iter().cloned());
    for (path, bytes) in &catalog.files {
        insert_shared(&mut files, path.clone(), Bytes::clone(bytes), &mut problems);
    }
    if problems.is_empty() {
        for output in renderer.district_pages(&catalog.district_cards) {
            match output {
                Ok((path, html)) => insert(&mut files, path, html.into_bytes(), &mut problems),
                Err(d) => problems.push(d),
            }
        }
    }
    let mut docs = Vec::new();
    for text in page_texts {
        text.into_docs(&mut docs);
    }
    let district_docs = catalog::district_docs(&renderer);
    let docs: Vec<&search::Doc> = docs
        .iter()
        .chain(&catalog.docs)
        .chain(&district_docs)
        .collect();
    if !problems.is_empty() {
        crate::diagnostics::sort(&mut problems);
        return Err(problems);
    }
    for output in [
        renderer.home(),
        renderer.toolkits(),
        renderer.not_found(),
        renderer.search_page(),
    ] {
        match output {
            Ok((path, html)) => insert(&mut files, path, html.into_bytes(), &mut problems),
            Err(d) => problems.push(d),
        }
    }
    let scopes: Vec<String> = site.districts.iter().map(|d| d.id.clone()).collect();
    let started = std::time::Instant::now();
    for (path, bytes) in search::build(&docs, &scopes) {
        insert(&mut files, path, bytes, &mut problems);
    }
    let index_time = started.elapsed();
    for (path, bytes) in &theme.static_files {
        insert(&mut files, path.clone(), bytes.clone(), &mut problems);
    }
    for toolkit in site.all_editions() {
        for asset in &toolkit.assets {
            match std::fs::read(site.root.join(&asset.source)) {
                Ok(bytes) => insert(
                    &mut files,
                    format!("{}/{}", toolkit.root, asset.url_path),
                    bytes,
                    &mut problems,
                ),
                Err(e) => problems.push(
                    Diagnostic::error(&asset.source, format!("could not read: {e}"))
                        .help(crate::diagnostics::READ_HELP),
                ),
            }
        }
    }
    insert(
        &mut files,
        "sitemap.xml".into(),
        sitemap(site, &urls).into_bytes(),
        &mut problems,
    );
    insert(
        &mut files,
        "robots.txt".into(),
        robots(site).into_bytes(),
        &mut problems,
    );
    if problems.is_empty() {
        Ok(Output {
            files,
            warnings,
            index_time,
            catalog_reused,
            opportunities_reused: if catalog_reused {
                0
            } else {
                catalog.reused_opportunities
            },
        })
    } else {
        crate::diagnostics::sort(&mut problems);
        Err(problems)
    }
}

fn insert(files: &mut Files, path: String, bytes: Vec<u8>, problems: &mut Vec<Diagnostic>) {
    insert_shared(files, path, shared(bytes), problems);
}

/// A file's bytes, ready to share.
fn shared(mut bytes: Vec<u8>) -> Bytes {
    // Rendered strings grow by doubling; every byte of slack would be held until the end.
    bytes.shrink_to_fit();
    Bytes::new(bytes)
}

fn insert_shared(files: &mut Files, path: String, bytes: Bytes, problems: &mut Vec<Diagnostic>) {
    if files.contains_key(&path) {
        problems.push(
            Diagnostic::error(&path, collisions::SAME_OUTPUT)
                .help("rename one of the pages, assets or theme files that produce it"),
        );
        return;
    }
    files.insert(path, bytes);
}

/// Each toolkit's pages, then the standalone pages (marked by `None`).
type PageList<'a> = (&'a [Page], Option<usize>);

fn page_lists(site: &Site) -> Vec<PageList<'_>> {
    site.all_editions()
        .enumerate()
        .map(|(t, toolkit)| (toolkit.pages.as_slice(), Some(t)))
        .chain(std::iter::once((site.pages.as_slice(), None)))
        .collect()
}

/// Fills every page's placeholders and finds its headings, so that links between pages
/// can be checked down to their `#fragment`s.
#[allow(clippy::type_complexity)]
fn prepare_bodies<'a>(
    site: &'a Site,
    lists: &[PageList<'a>],
) -> (Vec<Vec<Body<'a>>>, Vec<Vec<Vec<Heading>>>) {
    let editions: Vec<&Toolkit> = site.all_editions().collect();
    let index_files: Vec<PathBuf> = editions.iter().map(|t| t.dir.join("_index.md")).collect();
    let defaults = |toolkit: Option<usize>| Defaults {
        table: toolkit.map(|t| (&editions[t].district_defaults, index_files[t].as_path())),
        district: toolkit
            .and_then(|t| editions[t].district)
            .map(|d| &site.districts[d]),
    };
    lists
        .iter()
        .map(|(pages, t)| {
            let defaults = defaults(*t);
            pages
                .par_iter()
                .map(|page| {
                    let body = Body::new(
                        &page.file.text,
                        page.body_start,
                        Trust::Author,
                        Some(&defaults),
                    );
                    let headings = markdown::headings(&body);
                    (body, headings)
                })
                .unzip()
        })
        .unzip()
}

/// Shared, read-only state for rendering pages.
struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    urls: &'a Urls,
    /// The context every page starts from: `site`.
    base: Context,
    /// Every edition (see `Site::all_editions`); indexes into this are edition numbers.
    editions: Vec<&'a Toolkit>,
    toolkit_views: Vec<views::ToolkitView>,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, theme: &'a Theme, urls: &'a Urls) -> Renderer<'a> {
        let mut nav = vec![Link {
            title: "Toolkits".into(),
            url: urls.toolkits(),
        }];
        if !site.catalog.is_empty() {
            for (title, path) in [
                ("Opportunities", "opportunities/"),
                ("Employers", "employers/"),
                ("Pathways", "pathways/"),
            ] {
                nav.push(Link {
                    title: title.into(),
                    url: format!("{}{path}", urls.base_path),
                });
            }
        }
        if !site.districts.is_empty() {
            nav.push(Link {
                title: "Districts".into(),
                url: format!("{}districts/", urls.base_path),
            });
        }
        nav.extend(site.pages.iter().map(|p| Link {
            title: p.title.clone(),
            url: urls.page(&p.url_path),
        }));
        let view = SiteView {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base_path: &site.config.base_path,
            base_url: &site.config.base_url,
            build_date: DateText::from(site.build_date),
            nav,
            has_catalog: !site.catalog.is_empty(),
        };
        let mut base = Context::new();
        base.insert("site", &view);
        let editions: Vec<&Toolkit> = site.all_editions().collect();
        let toolkit_views = editions
            .iter()
            .map(|t| toolkit::toolkit_view(urls, t, !site.districts.is_empty()))
            .collect();
        Renderer {
            site,
            theme,
            urls,
            base,
            editions,
            toolkit_views,
        }
    }

    /// A context with `site` and `page` set.
    fn context(&self, title: &str, description: &str, url: &str, kind: &'static str) -> Context {
        let mut context = self.base.clone();
        let path = url.strip_prefix(&self.site.config.base_path).unwrap_or(url);
        context.insert(
            "page",
            &PageMeta {
                title: title.to_string(),
                description: description.to_string(),
                url: url.to_string(),
                canonical: format!("{}/{path}", self.site.config.base_url),
                kind,
            },
        );
        context
    }

    fn finish(
        &self,
        template: &str,
        context: &Context,
        url: &str,
    ) -> Result<(String, String), Diagnostic> {
        let html = self.theme.render(template, context)?;
        Ok((self.urls.output_path(url), html))
    }

    fn standalone(
        &self,
        index: usize,
        body: &markdown::Rendered,
    ) -> Result<(String, String), Diagnostic> {
        let page = &self.site.pages[index];
        let url = self.urls.page(&page.url_path);
        let description = page.summary.as_deref().unwrap_or(&body.description);
        let mut context = self.context(&page.title, description, &url, "page");
        context.insert("content", &body.html);
        context.insert("toc", &toc(&body.headings));
        context.insert("updated", &page.updated.map(DateText::from));
        context.insert("summary", &page.summary);
        self.finish("page.html", &context, &url)
    }

    fn search_page(&self) -> Result<(String, String), Diagnostic> {
        let url = format!("{}search/", self.urls.base_path);
        let context = self.context(
            "Search",
            "Search the toolkits and the catalog",
            &url,
            "search",
        );
        self.finish("search.html", &context, &url)
    }

    fn not_found(&self) -> Result<(String, String), Diagnostic> {
        let url = format!("{}404.html", self.site.config.base_path);
        let context = self.context("Page not found", "", &url, "404");
        let html = self.theme.render("404.html", &context)?;
        Ok(("404.html".to_string(), html))
    }
}

/// The on-page contents: second- and third-level headings.
fn toc(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(|h| TocEntry {
            level: h.level,
            id: &h.id,
            title: &h.text,
        })
        .collect()
}

/// `sitemap.xml`: every HTML page, with its updated date where it has one.
fn sitemap(site: &Site, urls: &Urls) -> String {
    let mut entries: Vec<(String, Option<String>)> =
        vec![(urls.home(), None), (urls.toolkits(), None)];
    for toolkit in site.all_editions() {
        for page in &toolkit.pages {
            entries.push((
                urls.toolkit_page(&toolkit.root, &page.url_path),
                page.updated.map(|d| d.iso()),
            ));
        }
        entries.push((urls.toolkit_page(&toolkit.root, "print"), None));
    }
    for page in &site.pages {
        entries.push((urls.page(&page.url_path), page.updated.map(|d| d.iso())));
    }
    let catalog = &site.catalog;
    if !catalog.is_empty() {
        for path in [
            "opportunities/",
            "opportunities/archive/",
            "employers/",
            "pathways/",
        ] {
            entries.push((format!("{}{path}", urls.base_path), None));
        }
    }
    entries.extend(
        catalog
            .opportunities
            .iter()
            .map(|o| (urls.opportunity(&o.id), None)),
    );
    entries.extend(
        catalog
            .employers
            .iter()
            .map(|e| (urls.employer(&e.id), None)),
    );
    entries.extend(catalog.pathways.iter().map(|p| (urls.pathway(&p.id), None)));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, updated) in entries {
        let path = url.strip_prefix(&site.config.base_path).unwrap_or(&url);
        xml.push_str("  <url><loc>");
        xml.push_str(&markdown::escape_attr(&format!(
            "{}/{path}",
            site.config.base_url
        )));
        xml.push_str("</loc>");
        if let Some(updated) = updated {
            xml.push_str(&format!("<lastmod>{updated}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
}
