//! Model stage: raw files → a validated, linked [`Site`]. Every page in a `Site` has a
//! parent that exists and a fixed reading order; when loading found no errors every page's
//! URL is also unique, so rendering has no "missing" branches. With errors the `Site` still
//! holds everything that loaded, for the checks that follow, and marks what did not
//! ([`Failed`]).

/// Declares an index newtype: a position in one collection of the model, so that an index
/// into one collection cannot be used on another. Its field is private to `model`; other
/// stages get the position with `index()` (for vectors kept parallel to the collection).
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub struct $name(usize);

        impl $name {
            /// Its position in the collection it indexes.
            pub fn index(self) -> usize {
                self.0
            }
        }
    };
}

index_type!(
    /// A district: a position in [`Site::districts`].
    DistrictIdx
);

index_type!(
    /// A toolkit edition, regional or a district's: a position in [`Site::all_editions`].
    EditionIdx
);

pub mod catalog;
pub mod district;
mod edition;
mod language;
mod narrow;
mod page;
pub mod participation;
mod place;
pub mod renames;
mod summary;
mod toolkit;
mod translation;
pub mod translations;
mod tree;

pub use crate::vocabulary::Audience;
pub use page::{Origin, Page, StaleTranslation, Translation};
pub use toolkit::{Asset, PageIdx, Toolkit, RESERVED_IN_TOOLKIT};
pub use translation::PageTranslation;

use std::path::{Path, PathBuf};

use crate::config::{Date, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::load::{self, SourceFile};

/// Whether draft pages are part of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// Pages with `draft = true` are left out, as in a published build.
    Exclude,
    /// Pages with `draft = true` are built too, for previewing.
    Include,
}

/// URL segments at the top of the site that standalone pages may not take.
pub const RESERVED_TOP_LEVEL: &[&str] = &[
    "toolkits",
    "opportunities",
    "employers",
    "pathways",
    "districts",
    "search",
    "static",
    "404",
    "sitemap",
];

/// Markdown files that were found but did not load (and so were reported already), so that
/// what depends on them is not reported again: a link to such a page is not "missing", and
/// a folder whose `_index.md` failed is not "without an `_index.md`".
#[derive(Debug, Default, Clone)]
pub struct Failed {
    files: Vec<PathBuf>,
}

impl Failed {
    /// Marks the file at `path` (relative to the site root). A failed `_index.md` stands
    /// for its whole folder.
    pub fn mark(&mut self, path: &Path) {
        self.files.push(path.to_path_buf());
    }

    /// Whether `path` is a file that failed, or lies in a folder whose `_index.md` failed.
    pub fn covers(&self, path: &Path) -> bool {
        self.files.iter().any(|file| {
            file == path
                || (file.file_name().is_some_and(|n| n == "_index.md")
                    && file.parent().is_some_and(|folder| path.starts_with(folder)))
        })
    }
}

/// The language a [`Site`] is in: the default language, or one of `[languages]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Its code: `en`, `es`.
    pub code: String,
    /// Whether it is the site's default language (`language` in `site.toml`), whose pages
    /// are at the top of the site; every other language's are under `/<code>/`.
    pub default: bool,
}

impl Language {
    /// What its output paths and URLs start with: empty for the default language, `es/`.
    pub fn prefix(&self) -> String {
        if self.default {
            String::new()
        } else {
            format!("{}/", self.code)
        }
    }
}

/// The whole site, validated, in one language.
#[derive(Debug, Clone)]
pub struct Site {
    /// The folder that holds `content/`; source paths are relative to it.
    pub root: PathBuf,
    /// The settings from `content/site.toml`.
    pub config: SiteConfig,
    /// The date the build is as of: `today`, `SOURCE_DATE_EPOCH` or the clock (content format §3.2).
    pub build_date: Date,
    /// The regional (base) edition of every toolkit under `content/toolkits/`, in folder-name order.
    pub toolkits: Vec<Toolkit>,
    /// Standalone pages from `content/pages/`.
    pub pages: Vec<Page>,
    /// Shared so that a rebuild can reuse an unchanged catalog (see [`crate::Cache`]).
    pub catalog: std::sync::Arc<catalog::Catalog>,
    /// The districts under `content/districts/` that loaded, in folder-name (id) order.
    pub districts: Vec<district::District>,
    /// Every district's edition of every toolkit, by district, then toolkit.
    pub editions: Vec<Toolkit>,
    /// The Markdown files that did not load; links into them are not checked.
    pub failed: Failed,
    /// The aggregate participation counts of `content/data/participation.toml`, if any.
    pub participation: Option<participation::Participation>,
    /// The language this site is in: the default language as loaded; another language in
    /// the edition [`Site::in_language`] makes.
    pub language: Language,
}

/// The result of loading: the site, and every diagnostic found. The site is there, to be
/// checked further, whenever `content/site.toml` exists, even if it or anything else has
/// errors.
pub struct Loaded {
    /// The site, present whenever `content/site.toml` exists, even when it has errors.
    pub site: Option<Site>,
    /// Every problem found, errors and warnings alike.
    pub diagnostics: Vec<Diagnostic>,
}

impl Site {
    /// Loads and validates the site under `root`, collecting every problem.
    pub fn load(root: &Path, drafts: Drafts) -> Loaded {
        let mut once = catalog::Reuse::new(crate::memo::Policy::Forget);
        Site::load_reusing(root, drafts, &mut once)
    }

    /// [`Site::load`], reusing the catalog of the previous load when its inputs are unchanged
    /// and keeping this one in `reuse` for the next (as its policy says).
    pub fn load_reusing(root: &Path, drafts: Drafts, reuse: &mut catalog::Reuse) -> Loaded {
        let mut diagnostics = Vec::new();
        let config_path = PathBuf::from("content/site.toml");
        // Anything by that name is read (and a named pipe or folder refused by the read).
        let config = if root.join(&config_path).symlink_metadata().is_ok() {
            let file = SourceFile::read(root, &config_path, &mut diagnostics);
            let parsed = file
                .as_ref()
                .and_then(|file| SiteConfig::parse_leniently(file, &mut diagnostics));
            // The problem is reported; the content is still checked.
            let mut config = parsed.unwrap_or_else(SiteConfig::stand_in);
            if let Some(file) = &file {
                keep_named_languages(&mut config, &file.text);
            }
            Some(config)
        } else {
            diagnostics.push(
                Diagnostic::error(&config_path, "site settings not found")
                    .help("run `trellis init DIR` for a starting site, or pass --root to the folder that holds content/"),
            );
            None
        };

        let languages = translation::Languages {
            codes: config
                .iter()
                .flat_map(|c| &c.languages)
                .map(|l| l.code.clone())
                .collect(),
            drafts,
        };
        let mut failed = Failed::default();
        let toolkits = toolkit::load_all(root, &languages, &mut diagnostics, &mut failed);
        let pages = load_standalone(root, &languages, &mut diagnostics, &mut failed);
        let district::Districts {
            loaded: districts,
            failed: failed_districts,
        } = district::load_all(root, &languages, &mut diagnostics);
        let editions = edition::build(&toolkits, &districts, &languages, &mut diagnostics);
        district::unused_values(&districts, &editions, &mut diagnostics);

        let site = config.map(|config| {
            let build_date = config.build_date().unwrap_or_else(|d| {
                diagnostics.push(d);
                Date::from_days(0)
            });
            // A district whose file failed to load still exists: naming it is no mistake.
            let mut district_ids: Vec<&str> = districts.iter().map(|d| d.id.as_str()).collect();
            district_ids.extend(failed_districts.iter().map(String::as_str));
            district_ids.sort_unstable();
            let rules = districts.iter().map(district::District::rules).collect();
            let catalog = catalog::load(
                root,
                &config,
                build_date,
                (&district_ids, rules),
                &mut diagnostics,
                reuse,
            );
            let participation = participation::load(root, &district_ids, &mut diagnostics);
            Site {
                participation,
                language: Language {
                    code: config.language.clone(),
                    default: true,
                },
                root: root.to_path_buf(),
                build_date,
                config,
                toolkits,
                pages,
                catalog,
                districts,
                editions,
                failed,
            }
        });
        crate::diagnostics::sort(&mut diagnostics);
        Loaded { site, diagnostics }
    }

    /// The district at `idx`.
    pub fn district(&self, idx: DistrictIdx) -> &district::District {
        &self.districts[idx.0]
    }

    /// Every district with its index.
    pub fn districts_indexed(&self) -> impl Iterator<Item = (DistrictIdx, &district::District)> {
        self.districts
            .iter()
            .enumerate()
            .map(|(d, district)| (DistrictIdx(d), district))
    }

    /// Every edition of every toolkit: the regional ones (in `toolkits` order), then each
    /// district's. Render indexes refer to this order.
    pub fn all_editions(&self) -> impl Iterator<Item = &Toolkit> {
        self.toolkits.iter().chain(self.editions.iter())
    }

    /// [`Site::all_editions`], each with its index.
    pub fn editions_indexed(&self) -> impl Iterator<Item = (EditionIdx, &Toolkit)> {
        self.all_editions()
            .enumerate()
            .map(|(e, edition)| (EditionIdx(e), edition))
    }

    /// The edition at `idx`.
    pub fn edition(&self, idx: EditionIdx) -> &Toolkit {
        match idx.0.checked_sub(self.toolkits.len()) {
            None => &self.toolkits[idx.0],
            Some(district_edition) => &self.editions[district_edition],
        }
    }
}

/// When `[languages]` could not be read (an unknown key in one of its tables, already
/// reported), keeps the languages it names, so that their translations are not reported as
/// in no language of the site as well. The build fails on the reported problem, so the
/// stand-in names (the codes) reach no page.
fn keep_named_languages(config: &mut SiteConfig, text: &str) {
    if !config.languages.is_empty() {
        return;
    }
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    let Some(toml::Value::Table(languages)) = table.get("languages") else {
        return;
    };
    config.languages = languages
        .keys()
        .filter(|code| crate::config::is_language_code(code) && **code != config.language)
        .map(|code| crate::config::LanguageConfig {
            code: code.clone(),
            name: code.clone(),
            title: None,
            description: None,
        })
        .collect();
}

/// Reads `content/pages/*.md`; pages that do not load are marked in `failed`.
fn load_standalone(
    root: &Path,
    languages: &translation::Languages,
    diagnostics: &mut Vec<Diagnostic>,
    failed: &mut Failed,
) -> Vec<Page> {
    let walked = load::walk(root, Path::new("content/pages"));
    diagnostics.extend(walked.problems);
    let mut pages: Vec<Page> = Vec::new();
    let mut translations = Vec::new();
    for path in walked.files {
        let depth = path.components().count();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        if depth != 3 {
            diagnostics.push(
                Diagnostic::error(&path, "standalone pages may not be in sub-folders")
                    .help("move the file directly into content/pages/"),
            );
            failed.mark(&path);
            continue;
        }
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let translated = translation::split_name(name);
        let source_name = translated
            .as_ref()
            .map_or(name, |(source, _)| source.as_str());
        let stem = source_name.strip_suffix(".md").unwrap_or(source_name);
        let Some(page) = Page::read(root, &path, stem, diagnostics) else {
            failed.mark(&path);
            continue;
        };
        if let Some((source, code)) = translated {
            translations.push(translation::Loose {
                code: code.to_string(),
                source: path.with_file_name(source),
                key: String::new(),
                page,
            });
            continue;
        }
        if page.draft && languages.drafts == Drafts::Exclude {
            continue;
        }
        // Standalone pages are not ordered by a prefix, so a leading number stays in the URL.
        let slug = crate::slug::segment_keeping_prefix(stem);
        if slug.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    &path,
                    format!("`{name}` makes no URL: it has no letter or digit"),
                )
                .help("give the file a name with a letter or digit, e.g. `how-to-apply.md`"),
            );
            failed.mark(&path);
            continue;
        }
        if let Some(problem) = reserved_name(&path, &slug, languages) {
            diagnostics.push(problem);
            failed.mark(&path);
            continue;
        }
        let mut page = page;
        page.url_path = slug;
        pages.push(page);
    }
    let naming = translation::Naming::Standalone;
    let unmatched = languages.attach(&mut pages, translations, naming, diagnostics);
    let paths = pages.iter().map(|p| p.file.path.as_path());
    translation::report_unmatched(&unmatched, paths, diagnostics);
    drop_same_urls(&mut pages, diagnostics, failed);
    pages.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    pages
}

/// Two names can make one URL (`About Us.md`, `about us.md`): the second of two standalone
/// pages with one URL is reported, naming the first, and left out.
fn drop_same_urls(pages: &mut Vec<Page>, diagnostics: &mut Vec<Diagnostic>, failed: &mut Failed) {
    let mut seen: std::collections::HashMap<String, PathBuf> = Default::default();
    pages.retain(|page| match seen.get(&page.url_path) {
        Some(other) => {
            let url = format!("/{}/", page.url_path);
            diagnostics.push(tree::same_url(&page.file.path, &url, other));
            failed.mark(&page.file.path);
            false
        }
        None => {
            seen.insert(page.url_path.clone(), page.file.path.clone());
            true
        }
    });
}

/// Why standalone page `path` may not take the name `slug`, if it may not: a name of the
/// site's own pages, or, in a site with languages, a language's code (`/es/`).
fn reserved_name(
    path: &Path,
    slug: &str,
    languages: &translation::Languages,
) -> Option<Diagnostic> {
    if RESERVED_TOP_LEVEL.contains(&slug) || slug == "index" {
        return Some(
            Diagnostic::error(
                path,
                format!("the page name `{slug}` is reserved for the site's own pages"),
            )
            .help(format!(
                "rename the file; reserved names: {}, index",
                RESERVED_TOP_LEVEL.join(", ")
            )),
        );
    }
    languages.codes.iter().any(|c| c == slug).then(|| {
        Diagnostic::error(
            path,
            format!("the page name `{slug}` is the code of one of the site's languages"),
        )
        .help(format!(
            "rename the file; /{slug}/ is where the site's edition in that language begins"
        ))
    })
}
