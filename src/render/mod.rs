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
mod export;
mod files;
mod index;
mod languages;
pub mod links;
mod machine;
mod sitemap;
mod strings;
mod theme;
mod toolkit;
mod translations;
mod urls;
mod views;

pub use catalog::{capitalised, Reuse as CatalogReuse};
pub use files::{OutputPath, RenderedFile};
pub use languages::mount;
pub use strings::{Strings, BUILTIN_STRINGS};
pub use theme::{Theme, BUILTIN_STATIC, BUILTIN_TEMPLATES, THEME_IDS};
pub use translations::TranslationReport;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::search;
use std::path::{Path, PathBuf};

use crate::markdown::{self, Body, Heading, Trust};
use crate::model::{EditionIdx, Page, Site, Toolkit};
use contexts::{Frame, NotFoundContext, PageContext, SearchContext, TemplateContext};
use links::{Defaults, LinkIndex, PageLinks, Urls};
use views::{DateText, Link, PageKind, PageMeta, SiteView, TocEntry};

/// The bytes of one output file, shared: a rebuild that reuses a file (see [`crate::Cache`]) and
/// the server holding the previous build point at the same bytes.
pub type Bytes = std::sync::Arc<Vec<u8>>;

/// Output path (relative to the output folder, `/` separators) → bytes.
pub type Files = BTreeMap<String, Bytes>;

/// What rendering produced.
pub struct Output {
    /// Every output file, by path relative to the output folder.
    pub files: Files,
    /// The warnings of the catalog's Markdown (dropped links); errors make rendering fail instead.
    pub warnings: Vec<Diagnostic>,
    /// How long building the search index took (part of rendering).
    pub index_time: std::time::Duration,
    /// Whether the catalog's files were taken from the previous build.
    pub catalog_reused: bool,
    /// How many opportunities' pages were taken from the previous build.
    pub opportunities_reused: usize,
}

/// Renders the whole site, or with no `theme` only checks it. All content problems are
/// returned together.
///
/// Every page's Markdown is rendered, and so its links, fragments and placeholders checked,
/// and every catalog description is checked, whatever else failed. Once any problem is
/// found (or without a theme) no more HTML is produced, since nothing would be written.
///
/// Markdown is rendered one toolkit at a time and each toolkit's pages are turned into HTML
/// straight away, so only one toolkit's intermediate HTML is held at once.
pub fn render(
    site: &Site,
    theme: Option<&Theme>,
    reuse: &mut CatalogReuse,
    report: &TranslationReport,
) -> Result<Output, Vec<Diagnostic>> {
    render_files(site, theme, reuse, report).map_err(|mut problems| {
        if let Some(theme) = theme {
            collisions::name_sources(site, theme, &mut problems);
        }
        crate::diagnostics::sort(&mut problems);
        problems
    })
}

/// The renderer and each edition's sidebar, while HTML is being produced.
type Producing<'r, 'a> = Option<(&'r Renderer<'a>, &'r [String])>;

fn render_files(
    site: &Site,
    theme: Option<&Theme>,
    reuse: &mut CatalogReuse,
    report: &TranslationReport,
) -> Result<Output, Vec<Diagnostic>> {
    let urls = Urls::new(&site.config, &site.language);
    let mut problems = Vec::new();
    let renderer = theme.map(|theme| Renderer::new(site, theme, &urls, report));
    let sidebars = renderer.as_ref().and_then(|renderer| {
        site.editions_indexed()
            .map(|(t, _)| renderer.sidebar(t))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|d| problems.push(d))
            .ok()
    });
    let mut producing: Producing = renderer.as_ref().zip(sidebars.as_deref());

    let mut files = Files::new();
    let page_texts = render_pages(site, &urls, &mut producing, &mut files, &mut problems);
    let Some((renderer, _)) = producing else {
        problems.extend(catalog::check(&site.catalog));
        return Err(problems);
    };
    let (catalog, catalog_reused) = catalog::render(renderer, reuse);
    let warnings = catalog.warnings.clone();
    problems.extend(catalog.problems.iter().cloned());
    for (path, bytes) in &catalog.files {
        insert_shared(&mut files, path.clone(), Bytes::clone(bytes), &mut problems);
    }
    if problems.is_empty() {
        for output in renderer.district_pages(&catalog.district_cards) {
            match output {
                Ok(file) => insert(&mut files, file.path, file.text.into_bytes(), &mut problems),
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
    let docs: Vec<&search::Doc> = docs
        .iter()
        .chain(&catalog.docs)
        .chain(&district_docs)
        .collect();
    let index_time = render_site_files(renderer, &docs, &mut files, &mut problems);
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
        Err(problems)
    }
}

/// Renders every page's Markdown, collecting its problems, and while `producing` turns
/// each toolkit's pages into HTML in `files`. The first problem stops the producing, not
/// the checking. Returns the pages' text for the search index.
fn render_pages(
    site: &Site,
    urls: &Urls,
    producing: &mut Producing,
    files: &mut Files,
    problems: &mut Vec<Diagnostic>,
) -> Vec<index::PageText> {
    let editions: Vec<&Toolkit> = site.all_editions().collect();
    let lists = page_lists(site);
    let (bodies, headings) = prepare_bodies(site, &lists);
    let index = LinkIndex::build(site, urls, &headings);
    let words = PageWords::new(site, producing.map(|(renderer, _)| renderer.theme));
    let mut page_texts: Vec<index::PageText> = Vec::new();
    for ((pages, toolkit), bodies) in lists.iter().zip(&bodies) {
        let rendered: Vec<markdown::Rendered> = pages
            .par_iter()
            .zip(bodies)
            .map(|(page, body)| {
                let tree_path = match toolkit {
                    Some(t) => editions[t.index()].tree_path(page),
                    None => page.file.path.clone(),
                };
                let links = PageLinks {
                    index: &index,
                    dir: tree_path.parent().unwrap_or(Path::new("")),
                    edition: *toolkit,
                    in_default_language: !matches!(
                        page.translation,
                        crate::model::Translation::Translated { .. }
                    ),
                };
                markdown::render(
                    body,
                    &links,
                    markdown::Editions::PageAndPrint(&links::print_anchor(page)),
                    words.of(links.in_default_language),
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
            *producing = None;
        }
        if let Some((renderer, sidebars)) = *producing {
            let list = PageList {
                pages,
                toolkit: *toolkit,
            };
            page_texts.extend(renderer.produce(list, rendered, sidebars, files, problems));
        }
    }
    page_texts
}

/// The words Markdown adds around a page's text, in the language of that text: the
/// language being rendered for a translated page, the default language for the others.
struct PageWords {
    default: markdown::Words,
    translated: markdown::Words,
}

impl PageWords {
    /// The theme's words (English ones without a theme, when nothing is produced).
    fn new(site: &Site, theme: Option<&Theme>) -> PageWords {
        let of = |code: &str| {
            theme.map_or_else(markdown::Words::default, |t| {
                markdown_words(t.strings(code))
            })
        };
        PageWords {
            default: of(&site.config.language),
            translated: of(&site.language.code),
        }
    }

    fn of(&self, in_default_language: bool) -> &markdown::Words {
        if in_default_language {
            &self.default
        } else {
            &self.translated
        }
    }
}

/// The `[markdown]` strings of a language.
fn markdown_words(strings: &Strings) -> markdown::Words {
    markdown::Words {
        section_link: strings.text("markdown.section_link").into(),
        table: strings.text("markdown.table").into(),
        table_named: strings.text("markdown.table_named").into(),
        done: strings.text("markdown.done").into(),
        to_do: strings.text("markdown.to_do").into(),
    }
}

/// The pages of one toolkit edition (`toolkit` is its number) or the standalone pages.
#[derive(Clone, Copy)]
struct PageList<'a> {
    pages: &'a [Page],
    toolkit: Option<EditionIdx>,
}

impl Renderer<'_> {
    /// Turns one list of pages, their Markdown rendered, into HTML in `files`, with the
    /// toolkit's print edition, audience pages and district pages. Returns the pages' text
    /// for the search index.
    fn produce(
        &self,
        list: PageList,
        mut rendered: Vec<markdown::Rendered>,
        sidebars: &[String],
        files: &mut Files,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<index::PageText> {
        let (site, urls) = (self.site, self.urls);
        let mut page_texts = Vec::new();
        for (page, body) in list.pages.iter().zip(rendered.iter_mut()) {
            let text = match list.toolkit {
                Some(t) => {
                    index::PageText::of_edition_page(site, urls, self.edition(t), page, body)
                }
                None => Some(index::PageText::of_standalone(urls, page, body)),
            };
            page_texts.extend(text);
        }
        let outputs: Vec<Result<RenderedFile, Diagnostic>> = match list.toolkit {
            Some(t) => {
                let mut outputs = vec![self.print(t, &rendered)];
                outputs.extend(
                    self.edition(t)
                        .audiences()
                        .into_iter()
                        .map(|a| self.audience(t, a)),
                );
                let pages: Vec<_> = rendered
                    .into_par_iter()
                    .enumerate()
                    .map(|(p, body)| self.toolkit_page(t, p, &body, &sidebars[t.index()]))
                    .collect();
                outputs.extend(pages);
                outputs.extend(self.side_by_sides(list.toolkit, list.pages));
                if self.edition(t).district.is_some() {
                    outputs.extend(self.compare_pages(t));
                } else {
                    if !site.districts.is_empty() {
                        outputs.push(self.adaptation_guide(t));
                    }
                    if !site.config.languages.is_empty() {
                        outputs.push(self.translation_guide(t));
                    }
                }
                outputs
            }
            None => {
                let mut outputs: Vec<_> = rendered
                    .into_par_iter()
                    .enumerate()
                    .map(|(i, body)| self.standalone(i, &body))
                    .collect();
                outputs.extend(self.side_by_sides(None, list.pages));
                outputs
            }
        };
        for output in outputs {
            match output {
                Ok(file) => insert(files, file.path, file.text.into_bytes(), problems),
                Err(d) => problems.push(d),
            }
        }
        page_texts
    }
}

/// The site-wide files: home, indexes, search (returning how long its index took), the
/// theme's static files, the toolkits' assets (read by the model), the sitemap and
/// robots.txt.
fn render_site_files(
    renderer: &Renderer,
    docs: &[&search::Doc],
    files: &mut Files,
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
fn shared_files(renderer: &Renderer, files: &mut Files, problems: &mut Vec<Diagnostic>) {
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
pub fn languages_sitemap(site: &Site, files: &mut Files) {
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
    files.insert("sitemap.xml".to_string(), shared(sitemap));
}

/// Adds a file at `path`; see [`insert_shared`].
fn insert(files: &mut Files, path: OutputPath, bytes: Vec<u8>, problems: &mut Vec<Diagnostic>) {
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
fn insert_shared(
    files: &mut Files,
    path: OutputPath,
    bytes: Bytes,
    problems: &mut Vec<Diagnostic>,
) {
    let path = path.into_string();
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
fn page_lists(site: &Site) -> Vec<(&[Page], Option<EditionIdx>)> {
    site.editions_indexed()
        .map(|(t, toolkit)| (toolkit.pages.as_slice(), Some(t)))
        .chain(std::iter::once((site.pages.as_slice(), None)))
        .collect()
}

/// Fills every page's placeholders and finds its headings, so that links between pages
/// can be checked down to their `#fragment`s.
#[allow(clippy::type_complexity)]
fn prepare_bodies<'a>(
    site: &'a Site,
    lists: &[(&'a [Page], Option<EditionIdx>)],
) -> (Vec<Vec<Body<'a>>>, Vec<Vec<Vec<Heading>>>) {
    let editions: Vec<&Toolkit> = site.all_editions().collect();
    let index_files: Vec<PathBuf> = editions.iter().map(|t| t.dir.join("_index.md")).collect();
    let defaults = |toolkit: Option<EditionIdx>| Defaults {
        table: toolkit.map(|t| {
            let edition = site.edition(t);
            (&edition.district_defaults, index_files[t.index()].as_path())
        }),
        district: toolkit
            .and_then(|t| site.edition(t).district)
            .map(|d| site.district(d)),
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
    /// `site`, which every template receives.
    base: SiteView,
    /// Every edition (see `Site::all_editions`), for [`Renderer::edition`].
    editions: Vec<&'a Toolkit>,
    toolkit_views: Vec<views::ToolkitView>,
    /// Every language's code, own name and page base, the default first; empty on a site
    /// in one language.
    languages: Vec<languages::Choice>,
    /// Every language's translations, for the translation guides.
    report: &'a TranslationReport,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        urls: &'a Urls,
        report: &'a TranslationReport,
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
        nav.extend(site.pages.iter().map(|p| Link {
            title: p.title.clone(),
            url: urls.page(&p.url_path),
        }));
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
