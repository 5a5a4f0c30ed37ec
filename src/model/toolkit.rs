//! Toolkits: a folder of Markdown chapters nested through `_index.md` → a [`Toolkit`] whose
//! pages are in reading order with parents, children and unique URLs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::{self, RawToolkitSettings, SourceFile};

pub(crate) use super::page::{Origin, Page, StaleTranslation};
use super::place::{named_segment, place, NameOf, Names};
use super::translation::{Languages, Loose, Naming};
pub(crate) use super::tree::{check_urls, inherit_audience, link_parents};
use super::{Audience, DistrictIdx, Drafts, Failed};

/// File types copied beside the pages that link to them.
pub const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "pdf", "docx", "xlsx", "pptx", "csv", "txt",
];

/// Page slugs at the top of a toolkit that its generated pages use.
pub const RESERVED_IN_TOOLKIT: &[&str] = &["print", "for", "adapt", "compare"];

index_type!(
    /// A page of a toolkit: a position in [`Toolkit::pages`], which is in reading order.
    /// Pages get one only once that order is fixed, so it never means a loading position.
    PageIdx
);

impl PageIdx {
    /// The toolkit's landing page, first in reading order.
    pub const LANDING: PageIdx = PageIdx(0);
}

/// A toolkit: a book of chapters.
#[derive(Debug, Clone)]
pub struct Toolkit {
    /// Its folder name without a numeric prefix; its pages are under `/toolkits/<slug>/`.
    pub slug: String,
    /// Where its pages live, relative to the site's root URL and without slashes at the
    /// ends: `toolkits/<slug>`, or `districts/<district>/<slug>` for a district's edition.
    pub root: String,
    /// The district whose edition this is; `None` for the regional (base) edition.
    pub district: Option<DistrictIdx>,
    /// `content/toolkits/<folder>`.
    pub dir: PathBuf,
    /// The landing page's `title`.
    pub title: String,
    /// The landing page's `summary`, if not blank.
    pub summary: Option<String>,
    /// Who it is for: `[toolkit] audience`, or else the landing page's `audience`.
    pub audience: Vec<Audience>,
    /// The values placeholders take where a district has none (`[toolkit] district_defaults`, content format §4.3).
    pub district_defaults: toml::Table,
    /// In reading order; `pages[0]` is the toolkit's landing page (its `_index.md`).
    pub pages: Vec<Page>,
    /// Files beside its pages that are copied to the output, sorted by path.
    pub assets: Vec<Asset>,
}

impl Toolkit {
    /// The page at `idx`.
    pub fn page(&self, idx: PageIdx) -> &Page {
        &self.pages[idx.0]
    }

    /// The audiences any of its pages is for, in the fixed order of [`Audience::ALL`].
    pub fn audiences(&self) -> Vec<Audience> {
        Audience::ALL
            .into_iter()
            .filter(|a| self.pages.iter().any(|p| p.audience.contains(a)))
            .collect()
    }
}

/// A file copied into the output beside the pages.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Relative to the site root.
    pub source: PathBuf,
    /// Relative to the toolkit's URL, e.g. `hosting/diagram.png`.
    pub url_path: String,
    /// Its content, read while loading so that rendering never touches the disk; shared
    /// by every edition that has the asset and by the output files.
    pub bytes: Arc<Vec<u8>>,
}

/// Loads every toolkit under `content/toolkits/`.
/// Toolkits and pages that were found but did not load are marked in `failed`.
pub(crate) fn load_all(
    root: &Path,
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
    failed: &mut Failed,
) -> Vec<Toolkit> {
    let base = Path::new("content/toolkits");
    let mut toolkits: Vec<Toolkit> = Vec::new();
    for name in load::list_folder(root, base, diagnostics) {
        let dir = base.join(&name);
        if !root.join(&dir).is_dir() {
            diagnostics.push(
                Diagnostic::error(&dir, "only folders belong directly in content/toolkits/")
                    .help("put each toolkit's pages in a folder of its own, e.g. content/toolkits/employer-guide/"),
            );
            continue;
        }
        let Some(toolkit) = load_toolkit(root, &dir, languages, diagnostics, failed) else {
            continue;
        };
        if let Some(other) = toolkits.iter().find(|t| t.slug == toolkit.slug) {
            diagnostics.push(
                Diagnostic::error(
                    &dir,
                    format!("two toolkits have the URL /toolkits/{}/", toolkit.slug),
                )
                .help(format!(
                    "rename this folder or {}",
                    crate::diagnostics::display_path(&other.dir)
                )),
            );
            failed.mark(&dir.join("_index.md"));
            continue;
        }
        toolkits.push(toolkit);
    }
    toolkits
}

/// What a toolkit folder (or a district's adaptations of one) holds.
pub(crate) struct Folder {
    /// Its pages, with their keys and URL paths.
    pub pages: Vec<Page>,
    /// Each page's parent key.
    pub parent_keys: Vec<Option<String>>,
    /// Its assets.
    pub assets: Vec<Asset>,
    /// Its translations (`<stem>.<code>.md`), not yet attached to their pages.
    pub translations: Vec<Loose>,
}

/// Reads the pages, translations and assets of a toolkit folder (or a district's
/// adaptations of one). Markdown files that do not load are marked in `failed`.
pub(crate) fn read_folder(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    failed: &mut Failed,
) -> Folder {
    let walked = load::walk(root, dir);
    diagnostics.extend(walked.problems);

    let mut folder = Folder {
        pages: Vec::new(),
        parent_keys: Vec::new(),
        assets: Vec::new(),
        translations: Vec::new(),
    };
    let names = Names::of(root, dir, &walked.files);
    // Pages are read and parsed in parallel; the results keep the walk's sorted order.
    let read: Vec<(&PathBuf, Option<Read>, Vec<Diagnostic>)> = walked
        .files
        .par_iter()
        .filter(|path| path.extension().and_then(|e| e.to_str()) == Some("md"))
        .filter(|path| !names.is_summary(path))
        .map(|path| {
            let mut problems = Vec::new();
            let page = read_placed(&names, path, &mut problems);
            (path, page, problems)
        })
        .collect();
    for (path, page, problems) in read {
        diagnostics.extend(problems);
        match page {
            Some(Read::Page(page, parent_key)) => {
                folder.pages.push(page);
                folder.parent_keys.push(parent_key);
            }
            Some(Read::Translation(translation)) => folder.translations.push(translation),
            None => failed.mark(path),
        }
    }
    folder.assets = read_assets(root, dir, &walked.files, diagnostics, failed);
    folder
}

/// A Markdown file of a toolkit folder, read.
enum Read {
    /// A page, with the key of the page it belongs under.
    Page(Page, Option<String>),
    /// A translation of a page.
    Translation(Loose),
}

/// Reads the Markdown file `path` of the folder `names` is about, placed in its toolkit: a
/// translation (`<stem>.<code>.md`) is placed where its source page is.
fn read_placed(names: &Names<'_>, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<Read> {
    let dir = names.dir;
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let translated = super::translation::split_name(name);
    let source_rel = match &translated {
        Some((source, _)) => rel.with_file_name(source),
        None => rel.to_path_buf(),
    };
    let (role, known_as) = names.role(&dir.join(&source_rel));
    let placement = place(path, &source_rel, role)
        .map_err(|d| problems.push(d))
        .ok()?;
    let mut page = Page::read(names.root, path, &known_as, problems)?;
    page.key = placement.key;
    page.url_path = placement.url_path;
    Some(match translated {
        Some((_, code)) => Read::Translation(Loose {
            code: code.to_string(),
            source: dir.join(source_rel),
            key: page.key.clone(),
            page,
        }),
        None => {
            refuse_menu(&page, problems);
            Read::Page(page, placement.parent_key)
        }
    })
}

/// Reads the assets among `files` (the walk of the folder `dir`), warning about files that
/// are neither pages nor assets. An asset that cannot be read or named is marked in
/// `failed`, so that links to it are not reported again.
fn read_assets(
    root: &Path,
    dir: &Path,
    files: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
    failed: &mut Failed,
) -> Vec<Asset> {
    let mut named = Vec::new();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let extension = rel
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if extension == "md" {
            continue;
        }
        if ASSET_EXTENSIONS.contains(&extension.as_str()) {
            match asset_url(path, rel) {
                Ok(url_path) => named.push((path, url_path)),
                Err(problem) => {
                    diagnostics.push(problem);
                    failed.mark(path);
                }
            }
        } else {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    "not a page or a known kind of asset; it was not copied",
                )
                .help(format!(
                    "pages end in .md; assets may be {}",
                    ASSET_EXTENSIONS.join(", ")
                )),
            );
        }
    }
    let read: Vec<_> = named
        .into_par_iter()
        .map(|(path, url_path)| (path, url_path, load::read_bytes(root, path)))
        .collect();
    let mut assets = Vec::new();
    for (path, url_path, bytes) in read {
        match bytes {
            Ok(bytes) => assets.push(Asset {
                source: path.clone(),
                url_path,
                bytes: Arc::new(bytes),
            }),
            Err(problem) => {
                diagnostics.push(problem);
                failed.mark(path);
            }
        }
    }
    assets
}

/// Loads one toolkit folder; `None` (and the folder marked in `failed`) when it cannot be
/// a toolkit. A landing page that failed to load was reported already, so it is not
/// reported again as missing.
fn load_toolkit(
    root: &Path,
    dir: &Path,
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
    failed: &mut Failed,
) -> Option<Toolkit> {
    let folder = dir.file_name()?.to_str()?;
    let landing_file = dir.join("_index.md");
    let slug = match named_segment(dir, folder, NameOf::Folder) {
        Ok(slug) => slug,
        Err(problem) => {
            diagnostics.push(problem);
            failed.mark(&landing_file);
            return None;
        }
    };
    let Folder {
        mut pages,
        mut parent_keys,
        assets,
        translations,
    } = read_folder(root, dir, diagnostics, failed);
    let unmatched = languages.attach(&mut pages, translations, Naming::Toolkit(dir), diagnostics);
    let paths = pages.iter().map(|p| p.file.path.as_path());
    super::translation::report_unmatched(&unmatched, paths, diagnostics);

    let Some(landing) = pages.iter().position(|p| p.key.is_empty()) else {
        if !landing_failed(root, dir, failed) {
            diagnostics.push(
                Diagnostic::error(&landing_file, "the toolkit has no landing page")
                    .help("add _index.md with the toolkit's title and a [toolkit] table (a README.md at its top serves too)"),
            );
        }
        failed.mark(&landing_file);
        return None;
    };

    let settings = take_settings(&mut pages, landing, dir, diagnostics);
    super::summary::order(root, dir, &mut pages, diagnostics);
    super::tree::generate_sections(dir, &mut pages, &mut parent_keys, failed);
    let parents = link_parents(&pages, &parent_keys, diagnostics, failed);
    mark_orphaned_folders(&pages, &parent_keys, &parents, failed);
    check_urls(
        &pages,
        (&format!("toolkits/{slug}"), languages),
        diagnostics,
    );
    // A draft landing page keeps the whole toolkit out of the build.
    if pages[landing].draft && languages.drafts == Drafts::Exclude {
        return None;
    }
    let pages = reading_order(pages, &parents, landing, languages.drafts);
    Some(assemble(&slug, dir, pages, assets, settings))
}

/// Whether the toolkit's landing page was found but failed to load (and was reported):
/// its `_index.md`, or a `README.md` at its top.
fn landing_failed(root: &Path, dir: &Path, failed: &Failed) -> bool {
    let readmes = load::list_folder(root, dir, &mut Vec::new())
        .into_iter()
        .filter(|n| n.eq_ignore_ascii_case("readme.md"));
    failed.covers(&dir.join("_index.md"))
        || readmes.into_iter().any(|n| failed.covers(&dir.join(n)))
}

/// Takes the `[toolkit]` table from the landing page; the table anywhere else is an error
/// (and ignored).
fn take_settings(
    pages: &mut [Page],
    landing: usize,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RawToolkitSettings> {
    let mut settings = None;
    for (i, page) in pages.iter_mut().enumerate() {
        let Some(found) = page.toolkit_settings.take() else {
            continue;
        };
        if i == landing {
            settings = Some(found);
        } else {
            diagnostics.push(
                Diagnostic::error(
                    &page.file.path,
                    "a `[toolkit]` table belongs only in the toolkit's own _index.md",
                )
                .at(position_of_table(&page.file, "[toolkit"))
                .help(format!(
                    "move it to {}",
                    crate::diagnostics::display_path(&dir.join("_index.md"))
                )),
            );
        }
    }
    settings
}

/// `menu` places a standalone page in the header or footer; a toolkit page is reached
/// through its toolkit, so the key is an error there.
fn refuse_menu(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    if page.menu.is_some() {
        diagnostics.push(
            Diagnostic::error(&page.file.path, "`menu` is only for standalone pages")
                .at(page.file.position_of_key("menu"))
                .help(
                    "remove it: a toolkit's pages are listed in its navigation; `menu` places a \
                     page of content/pages/ in the header or the footer",
                ),
        );
    }
}

/// Marks as failed each folder whose pages name a parent section that does not exist
/// (reported by [`link_parents`]): its pages are dropped from the reading order, so links
/// into them are follow-ons of that error, not errors of their own.
fn mark_orphaned_folders(
    pages: &[Page],
    parent_keys: &[Option<String>],
    parents: &[Option<usize>],
    failed: &mut Failed,
) {
    let orphans: Vec<PathBuf> = pages
        .iter()
        .zip(parent_keys.iter().zip(parents))
        .filter(|(_, (key, parent))| key.is_some() && parent.is_none())
        .filter_map(|(page, _)| page.file.path.parent())
        .map(|folder| folder.join("_index.md"))
        .collect();
    for index in orphans {
        failed.mark(&index);
    }
}

/// The toolkit from its pages in reading order (the landing page first) and its settings;
/// an audience in the settings overrides the landing page's.
fn assemble(
    slug: &str,
    dir: &Path,
    pages: Vec<Page>,
    assets: Vec<Asset>,
    settings: Option<RawToolkitSettings>,
) -> Toolkit {
    let landing = &pages[0];
    let settings = settings.unwrap_or(RawToolkitSettings {
        audience: Vec::new(),
        district_defaults: toml::Table::new(),
    });
    let audience = if settings.audience.is_empty() {
        landing.audience.clone()
    } else {
        settings.audience
    };
    let mut toolkit = Toolkit {
        root: format!("toolkits/{slug}"),
        district: None,
        slug: slug.to_string(),
        dir: dir.to_path_buf(),
        title: landing.title.clone(),
        summary: landing.summary.clone(),
        audience,
        district_defaults: settings.district_defaults,
        pages,
        assets,
    };
    inherit_audience(&mut toolkit);
    toolkit
}

fn position_of_table(file: &SourceFile, header: &str) -> crate::diagnostics::Position {
    match file.text.find(header) {
        Some(offset) => crate::diagnostics::Position::at(&file.text, offset),
        None => crate::diagnostics::Position::START,
    }
}

/// The URL of an asset: the segments its folders' names make, then its file name
/// unchanged (spaces and all; URLs encode them).
fn asset_url(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let Some((file, dirs)) = parts.split_last() else {
        return Ok(String::new());
    };
    let mut out = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let folder = path.ancestors().nth(dirs.len() - i).unwrap_or(path);
        out.push(named_segment(folder, dir, NameOf::Folder)?);
    }
    out.push(file.to_string());
    Ok(out.join("/"))
}

/// Orders pages depth first from the landing page, dropping drafts (with their sections)
/// unless asked for, and pages whose parent is missing. `parents` are positions in `pages`
/// (from [`link_parents`]); the pages returned link to each other by [`PageIdx`].
pub(crate) fn reading_order(
    pages: Vec<Page>,
    parents: &[Option<usize>],
    landing: usize,
    drafts: Drafts,
) -> Vec<Page> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (i, parent) in parents.iter().enumerate() {
        if let Some(parent) = *parent {
            children[parent].push(i);
        }
    }
    for list in &mut children {
        list.sort_by(|&a, &b| pages[a].order_key().cmp(&pages[b].order_key()));
    }
    let mut order = Vec::new();
    let mut stack = vec![(landing, 0usize, None::<PageIdx>)];
    while let Some((index, depth, parent)) = stack.pop() {
        if pages[index].draft && drafts == Drafts::Exclude && index != landing {
            continue;
        }
        let position = order.len();
        order.push((index, depth, parent));
        for &child in children[index].iter().rev() {
            stack.push((child, depth + 1, Some(PageIdx(position))));
        }
    }
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    let mut ordered: Vec<Page> = Vec::with_capacity(order.len());
    for (index, depth, parent) in order {
        let mut page = slots[index].take().expect("each page is visited once");
        page.depth = depth;
        page.parent = parent;
        page.children.clear();
        if let Some(parent) = parent {
            let position = PageIdx(ordered.len());
            ordered[parent.0].children.push(position);
        }
        ordered.push(page);
    }
    ordered
}
