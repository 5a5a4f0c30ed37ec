//! Render stage: a validated [`Site`] and a [`Theme`] → every output file, in memory.
//! Rendering touches no disk: the theme is loaded before ([`Theme::load`]), assets were read
//! by the model, and writing is `output`'s job.
//!
//! Pages render in parallel against shared, read-only state. Site-wide navigation is never
//! copied into each page: a toolkit's sidebar is rendered once and the current page is
//! marked in that HTML, so the cost of a build grows linearly with its pages.

mod catalog;
mod collisions;
mod compare;
pub mod contexts;
mod district;
mod district_views;
pub(crate) mod export;
mod files;
mod fold;
mod index;
pub mod insights;
mod languages;
pub mod links;
mod machine;
mod pages;
mod sink;
mod sitemap;
mod strings;
mod theme;
mod toolkit;
mod translations;
mod urls;
mod views;

pub use catalog::{capitalised, Reuse as CatalogReuse};
pub use export::{exports, Exports};
pub use files::{OutputPath, RenderedFile};
pub use sink::{indexable, Memory, Mounted, Sink};
pub use strings::{Strings, BUILTIN_STRINGS};
pub use theme::{Theme, ThemeFiles, BUILTIN_STATIC, BUILTIN_TEMPLATES, THEME_IDS};
pub use translations::TranslationGuide;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::search;
use crate::vocabulary::Menu;

use crate::markdown::{self, Heading};
use crate::model::{EditionIdx, Site, Toolkit};
use contexts::{Frame, NotFoundContext, PageContext, SearchContext, TemplateContext};
use links::Urls;
use views::{DateText, Link, PageKind, PageMeta, SiteView, TocEntry};

/// The bytes of one output file, shared: a rebuild that reuses a file (see [`crate::Cache`]) and
/// the server holding the previous build point at the same bytes.
pub type Bytes = std::sync::Arc<Vec<u8>>;

/// Output path (relative to the output folder, `/` separators) → bytes: the files a
/// [`Memory`] sink kept.
pub type Files = BTreeMap<String, Bytes>;

/// What rendering produced besides the files, which went to the [`Sink`].
pub struct Output {
    /// The warnings of the catalog's Markdown (dropped links); errors make rendering fail instead.
    pub warnings: Vec<Diagnostic>,
    /// How long building the search index took (part of rendering).
    pub index_time: std::time::Duration,
    /// Whether the catalog's files were taken from the previous build.
    pub catalog_reused: bool,
    /// How many opportunities' pages were taken from the previous build.
    pub opportunities_reused: usize,
    /// How long the insights took (part of rendering; zero when the catalog's files were
    /// taken from the previous build).
    pub insights_time: std::time::Duration,
}

/// Renders the whole site into `files`, or with no `theme` only checks it. All content
/// problems are returned together; the sink may then hold some files, which its owner
/// throws away.
///
/// Every page's Markdown is rendered, and so its links, fragments and placeholders checked,
/// and every catalog description is checked, whatever else failed. Once any problem is
/// found (or without a theme) no more HTML is produced, since nothing would be written.
///
/// Toolkits are rendered side by side (and each toolkit's pages in parallel), and each
/// toolkit's pages are turned into HTML straight away, so only the intermediate HTML of the
/// toolkits in progress is held at once. Whatever the number of threads, the files and the
/// problems are the same (`tests/cli/threads.rs`).
///
/// The office documents the site's Markdown links to are added to `documents`, whether or
/// not the render succeeds.
pub fn render(
    site: &Site,
    theme: Option<&Theme>,
    reuse: &mut CatalogReuse,
    report: &TranslationGuide,
    documents: &mut Vec<markdown::a11y::Document>,
    files: &dyn Sink,
) -> Result<Output, Vec<Diagnostic>> {
    let mut authored = pages::Authored::default();
    let rendered = render_files(site, theme, (reuse, report), &mut authored, files);
    documents.append(&mut authored.documents);
    let rendered = match rendered {
        Ok(mut output) => {
            output.warnings.append(&mut authored.warnings);
            Ok(output)
        }
        Err(mut problems) => {
            problems.append(&mut authored.warnings);
            Err(problems)
        }
    };
    rendered.map_err(|mut problems| {
        if let Some(theme) = theme {
            collisions::name_sources(site, theme, &mut problems);
        }
        crate::diagnostics::sort(&mut problems);
        problems
    })
}

/// The renderer and each edition's sidebar, while HTML is being produced.
type Producing<'r, 'a> = Option<(&'r Renderer<'a>, &'r [String])>;

/// [`render`], with the warnings of the pages' Markdown left in `authored`. The catalog is
/// rendered beside the pages, and used only if they succeed.
fn render_files(
    site: &Site,
    theme: Option<&Theme>,
    (reuse, report): (&mut CatalogReuse, &TranslationGuide),
    authored: &mut pages::Authored,
    files: &dyn Sink,
) -> Result<Output, Vec<Diagnostic>> {
    let urls = Urls::new(&site.config, &site.language);
    let mut problems = Vec::new();
    let renderer = theme.map(|theme| Renderer::new(site, theme, &urls, report));
    let sidebars = renderer
        .as_ref()
        .and_then(|renderer| sidebars(renderer, &mut problems));
    let mut producing: Producing = renderer.as_ref().zip(sidebars.as_deref());

    let start = producing;
    let (page_texts, catalog) = rayon::join(
        || pages::render_pages(site, &urls, &mut producing, files, &mut problems, authored),
        || start.map(|(renderer, _)| catalog::render(renderer, reuse, files)),
    );
    let (Some((renderer, _)), Some((catalog, catalog_reused))) = (producing, catalog) else {
        let (found, documents) = catalog::check(&site.catalog);
        problems.extend(found);
        authored.documents.extend(documents);
        return Err(problems);
    };
    let warnings = catalog.warnings.clone();
    authored.documents.extend(catalog.documents.iter().cloned());
    problems.extend(catalog.problems.iter().cloned());
    for (path, bytes) in &catalog.files {
        insert_shared(files, path.clone(), Bytes::clone(bytes), &mut problems);
    }
    if problems.is_empty() {
        for output in renderer.district_pages(&catalog.district_cards, &catalog.district_insights) {
            match output {
                Ok(file) => insert(files, file.path, file.text.into_bytes(), &mut problems),
                Err(d) => problems.push(d),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut docs = Vec::new();
    for text in page_texts {
        text.into_docs(&mut docs);
    }
    let district_docs = catalog::district_docs(renderer);
    let within = &site.config.search_within;
    let docs: Vec<&search::Doc> = docs
        .iter()
        .chain(&catalog.docs)
        .chain(&district_docs)
        .filter(|doc| within.keeps(doc))
        .collect();
    let index_time = render_site_files(renderer, &docs, files, &mut problems);
    if problems.is_empty() {
        Ok(Output {
            warnings,
            index_time,
            insights_time: if catalog_reused {
                std::time::Duration::ZERO
            } else {
                catalog.insights_time
            },
            catalog_reused,
            opportunities_reused: if catalog_reused {
                0
            } else {
                catalog.reused_opportunities
            },
        })
    } else {
        Err(problems)
    }
}

/// Each edition's sidebar, made in parallel; the first that fails (in edition order) is
/// reported, and then there are none.
fn sidebars(renderer: &Renderer, problems: &mut Vec<Diagnostic>) -> Option<Vec<String>> {
    let editions: Vec<EditionIdx> = renderer.site.editions_indexed().map(|(t, _)| t).collect();
    let sidebars: Vec<Result<String, Diagnostic>> =
        editions.par_iter().map(|&t| renderer.sidebar(t)).collect();
    sidebars
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|d| problems.push(d))
        .ok()
}

/// The site-wide files: home, indexes, search (returning how long its index took), the
/// theme's static files, the toolkits' assets (read by the model), the sitemap and
/// robots.txt.
fn render_site_files(
    renderer: &Renderer,
    docs: &[&search::Doc],
    files: &dyn Sink,
    problems: &mut Vec<Diagnostic>,
) -> std::time::Duration {
    let site = renderer.site;
    for output in [
        renderer.home(),
        renderer.toolkits(),
        renderer.not_found(),
        renderer.search_page(),
    ] {
        match output {
            Ok(file) => insert(files, file.path, file.text.into_bytes(), problems),
            Err(d) => problems.push(d),
        }
    }
    let scopes: Vec<String> = site.districts.iter().map(|d| d.id.clone()).collect();
    let labels = search::DocType::ALL.map(|t| renderer.strings().text(t.label_key()));
    let started = std::time::Instant::now();
    for (path, bytes) in search::build(
        docs,
        &scopes,
        search::Rules::for_language(&site.language.code),
        &labels,
    ) {
        if let Some(path) = checked(path, problems) {
            insert(files, path, bytes, problems);
        }
    }
    let index_time = started.elapsed();
    if languages::SharedFiles::of(&site.language) == languages::SharedFiles::Write {
        shared_files(renderer, files, problems);
    }
    index_time
}

/// The files every language shares: the theme's static files, the toolkits' assets (read by
/// the model), and on a site in one language the sitemap and robots.txt (a site with
/// languages lists every language's pages: see [`languages_sitemap`]).
fn shared_files(renderer: &Renderer, files: &dyn Sink, problems: &mut Vec<Diagnostic>) {
    let (site, urls) = (renderer.site, renderer.urls);
    for (path, bytes) in &renderer.theme.static_files {
        if let Some(path) = checked(path.clone(), problems) {
            insert(files, path, bytes.clone(), problems);
        }
    }
    for toolkit in site.all_editions() {
        for asset in &toolkit.assets {
            let path = urls.asset_output_path(&toolkit.root, &asset.url_path);
            if let Some(path) = checked(path, problems) {
                insert_shared(files, path, Bytes::clone(&asset.bytes), problems);
            }
        }
    }
    if site.config.languages.is_empty() {
        // Last among the pages: the sitemap lists the HTML files made above.
        let sitemap = sitemap::sitemap(site, urls, files, &[]).into_bytes();
        insert(files, OutputPath::fixed("sitemap.xml"), sitemap, problems);
    }
    let robots = robots(urls).into_bytes();
    insert(files, OutputPath::fixed("robots.txt"), robots, problems);
}

/// Adds `sitemap.xml` to the files of every language (`files`, each language's under its
/// prefix), each page listed with its alternates in the other languages.
pub fn languages_sitemap(site: &Site, files: &dyn Sink) {
    let urls = Urls::new(&site.config, &site.language);
    let prefixes: Vec<(String, String)> =
        std::iter::once((site.config.language.clone(), String::new()))
            .chain(
                site.config
                    .languages
                    .iter()
                    .map(|l| (l.code.clone(), format!("{}/", l.code))),
            )
            .collect();
    let sitemap = sitemap::sitemap(site, &urls, files, &prefixes).into_bytes();
    files.put("sitemap.xml".to_string(), shared(sitemap));
}

/// Adds a file at `path`; see [`insert_shared`].
fn insert(files: &dyn Sink, path: OutputPath, bytes: Vec<u8>, problems: &mut Vec<Diagnostic>) {
    insert_shared(files, path, shared(bytes), problems);
}

/// `path` checked as an [`OutputPath`]; a path that would leave the output folder is
/// reported and left out.
fn checked(path: String, problems: &mut Vec<Diagnostic>) -> Option<OutputPath> {
    OutputPath::new(path.as_str())
        .map_err(|problem| {
            problems.push(Diagnostic::error(
                &path,
                format!("this file cannot be written: {problem}"),
            ))
        })
        .ok()
}

/// A file's bytes, ready to share.
fn shared(mut bytes: Vec<u8>) -> Bytes {
    // Rendered strings grow by doubling; every byte of slack would be held until the end.
    bytes.shrink_to_fit();
    Bytes::new(bytes)
}

/// Adds a file at `path`, reporting a path that another file has already.
fn insert_shared(files: &dyn Sink, path: OutputPath, bytes: Bytes, problems: &mut Vec<Diagnostic>) {
    let path = path.into_string();
    if !files.put(path.clone(), bytes) {
        problems.push(same_output(&path));
    }
}

/// The problem of a second file at `path`.
fn same_output(path: &str) -> Diagnostic {
    Diagnostic::error(path, collisions::SAME_OUTPUT)
        .help("rename one of the pages, assets or theme files that produce it")
}

/// Shared, read-only state for rendering pages.
struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    urls: &'a Urls,
    /// `site`, which every template receives.
    base: SiteView,
    /// Every edition (see `Site::all_editions`), for [`Renderer::edition`].
    editions: Vec<&'a Toolkit>,
    toolkit_views: Vec<views::ToolkitView>,
    /// Every language's code, own name and page base, the default first; empty on a site
    /// in one language.
    languages: Vec<languages::Choice>,
    /// Every language's translations, for the translation guides.
    report: &'a TranslationGuide,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        urls: &'a Urls,
        report: &'a TranslationGuide,
    ) -> Renderer<'a> {
        let strings = theme.strings(&site.language.code);
        let mut nav = vec![Link {
            title: strings.text("nav.toolkits").into(),
            url: urls.toolkits(),
        }];
        if !site.catalog.is_empty() {
            for (title, url) in [
                ("nav.opportunities", urls.opportunities()),
                ("nav.employers", urls.employers()),
                ("nav.pathways", urls.pathways()),
            ] {
                nav.push(Link {
                    title: strings.text(title).into(),
                    url,
                });
            }
        }
        if !site.districts.is_empty() {
            nav.push(Link {
                title: strings.text("nav.districts").into(),
                url: urls.districts(),
            });
        }
        let in_menu = |menu: Menu| {
            site.pages
                .iter()
                .filter(move |p| p.menu.unwrap_or_default() == menu)
                .map(|p| Link {
                    title: p.title.clone(),
                    url: urls.page(&p.url_path),
                })
        };
        nav.extend(in_menu(Menu::Header));
        let footer_nav = in_menu(Menu::Footer).collect();
        let translated = site
            .config
            .languages
            .iter()
            .find(|l| l.code == site.language.code);
        let base = SiteView {
            title: translated
                .and_then(|l| l.title.clone())
                .unwrap_or_else(|| site.config.title.clone()),
            description: translated
                .and_then(|l| l.description.clone())
                .unwrap_or_else(|| site.config.description.clone()),
            language: site.language.code.clone(),
            base_path: urls.pages.clone(),
            static_path: site.config.base_path.clone(),
            base_url: site.config.base_url.clone(),
            build_date: DateText::new(site.build_date, strings),
            nav,
            footer_nav,
            has_catalog: !site.catalog.is_empty(),
        };
        let editions: Vec<&Toolkit> = site.all_editions().collect();
        let toolkit_views = editions
            .iter()
            .map(|t| toolkit::toolkit_view(urls, strings, t, !site.districts.is_empty()))
            .collect();
        Renderer {
            languages: languages::choices(site, theme),
            report,
            site,
            theme,
            urls,
            base,
            editions,
            toolkit_views,
        }
    }

    /// The edition at `t`.
    fn edition(&self, t: EditionIdx) -> &'a Toolkit {
        self.editions[t.index()]
    }

    /// `site` and `page` for a page of this `kind` at `url`.
    /// The theme's strings in the language of the site being rendered.
    fn strings(&self) -> &'a Strings {
        self.theme.strings(&self.site.language.code)
    }

    fn frame(&self, title: &str, description: &str, url: &str, kind: PageKind) -> Frame<'_> {
        Frame {
            site: &self.base,
            t: self.strings(),
            page: PageMeta {
                title: title.to_string(),
                description: description.to_string(),
                url: url.to_string(),
                canonical: self.urls.absolute(url),
                kind,
            },
            languages: self.languages_view(url),
        }
    }

    /// Renders `context` with its template into the output file of `url`.
    fn finish(
        &self,
        context: &impl TemplateContext,
        url: &str,
    ) -> Result<RenderedFile, Diagnostic> {
        let text = self.theme.render(context)?;
        let path = self.urls.output_path(url).map_err(|problem| {
            Diagnostic::error(url, format!("this page cannot be written: {problem}"))
        })?;
        Ok(RenderedFile { path, text })
    }

    fn standalone(
        &self,
        index: usize,
        body: &markdown::Rendered,
    ) -> Result<RenderedFile, Diagnostic> {
        let page = &self.site.pages[index];
        let url = self.urls.page(&page.url_path);
        let description = page.summary.as_deref().unwrap_or(&body.description);
        let mut frame = self.frame(&page.title, description, &url, PageKind::Page);
        self.translation_of(&mut frame.languages, page, || {
            self.side_by_side_url(None, page)
        });
        let context = PageContext {
            frame,
            content: &body.html,
            toc: toc(&body.headings),
            updated: page.updated.map(|d| DateText::new(d, self.strings())),
            summary: page.summary.as_deref(),
        };
        self.finish(&context, &url)
    }

    fn search_page(&self) -> Result<RenderedFile, Diagnostic> {
        let url = self.urls.search();
        let context = SearchContext {
            frame: self.frame(
                self.strings().text("search.title"),
                self.strings().text("search.description"),
                &url,
                PageKind::Search,
            ),
        };
        self.finish(&context, &url)
    }

    fn not_found(&self) -> Result<RenderedFile, Diagnostic> {
        let url = self.urls.not_found();
        let context = NotFoundContext {
            frame: self.frame(
                self.strings().text("not_found.page_title"),
                "",
                &url,
                PageKind::NotFound,
            ),
        };
        let text = self.theme.render(&context)?;
        Ok(RenderedFile {
            path: OutputPath::fixed("404.html"),
            text,
        })
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

fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute(&urls.file("sitemap.xml"))
    )
}
