//! Model stage: raw files → a validated, linked [`Site`]. Once a `Site` exists, every page
//! has a unique URL, every parent exists and reading order is fixed, so rendering has no
//! "missing" branches.

pub mod catalog;
pub mod district;
mod edition;
mod toolkit;

pub use toolkit::{Asset, Origin, Page, Toolkit, RESERVED_IN_TOOLKIT};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::{Date, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::load::{self, SourceFile};

/// Who a page is written for (format section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Employers,
    Educators,
    Students,
    Families,
    Intermediaries,
}

impl Audience {
    pub const ALL: [Audience; 5] = [
        Audience::Employers,
        Audience::Educators,
        Audience::Students,
        Audience::Families,
        Audience::Intermediaries,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Audience::Employers => "employers",
            Audience::Educators => "educators",
            Audience::Students => "students",
            Audience::Families => "families",
            Audience::Intermediaries => "intermediaries",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Audience::Employers => "Employers",
            Audience::Educators => "Educators",
            Audience::Students => "Students",
            Audience::Families => "Families",
            Audience::Intermediaries => "Intermediaries",
        }
    }
}

/// Whether draft pages are part of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    Exclude,
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

/// The whole site, validated.
#[derive(Debug)]
pub struct Site {
    /// The folder that holds `content/`; source paths are relative to it.
    pub root: PathBuf,
    pub config: SiteConfig,
    pub build_date: Date,
    pub toolkits: Vec<Toolkit>,
    /// Standalone pages from `content/pages/`.
    pub pages: Vec<Page>,
    /// Shared so that a rebuild can reuse an unchanged catalog (see [`crate::Cache`]).
    pub catalog: std::sync::Arc<catalog::Catalog>,
    pub districts: Vec<district::District>,
    /// Every district's edition of every toolkit, by district, then toolkit.
    pub editions: Vec<Toolkit>,
}

/// The result of loading: the site if nothing was fatal, and every diagnostic found.
pub struct Loaded {
    pub site: Option<Site>,
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
            SourceFile::read(root, &config_path, &mut diagnostics).and_then(|file| {
                SiteConfig::parse(&file)
                    .map_err(|d| diagnostics.extend(d))
                    .ok()
            })
        } else {
            diagnostics.push(
                Diagnostic::error(&config_path, "site settings not found")
                    .help("run `trellis init DIR` for a starting site, or pass --root to the folder that holds content/"),
            );
            None
        };

        let toolkits = toolkit::load_all(root, drafts, &mut diagnostics);
        let pages = load_standalone(root, drafts, &mut diagnostics);
        let district::Districts {
            loaded: districts,
            failed: failed_districts,
        } = district::load_all(root, &mut diagnostics);
        let editions = edition::build(&toolkits, &districts, drafts, &mut diagnostics);

        let site = config.map(|config| {
            let build_date = config.build_date().unwrap_or_else(|d| {
                diagnostics.push(d);
                Date::from_days(0)
            });
            // A district whose file failed to load still exists: naming it is no mistake.
            let mut district_ids: Vec<&str> = districts.iter().map(|d| d.id.as_str()).collect();
            district_ids.extend(failed_districts.iter().map(String::as_str));
            district_ids.sort_unstable();
            let catalog = catalog::load(
                root,
                &config,
                build_date,
                &district_ids,
                &mut diagnostics,
                reuse,
            );
            Site {
                root: root.to_path_buf(),
                build_date,
                config,
                toolkits,
                pages,
                catalog,
                districts,
                editions,
            }
        });
        crate::diagnostics::sort(&mut diagnostics);
        Loaded { site, diagnostics }
    }

    /// Every edition of every toolkit: the regional ones (in `toolkits` order), then each
    /// district's. Render indexes refer to this order.
    pub fn all_editions(&self) -> impl Iterator<Item = &Toolkit> {
        self.toolkits.iter().chain(self.editions.iter())
    }
}

/// Reads `content/pages/*.md`.
fn load_standalone(root: &Path, drafts: Drafts, diagnostics: &mut Vec<Diagnostic>) -> Vec<Page> {
    let walked = load::walk(root, Path::new("content/pages"));
    diagnostics.extend(walked.problems);
    let mut pages: Vec<Page> = Vec::new();
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
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Some(page) = Page::read(root, &path, diagnostics) else {
            continue;
        };
        if page.draft && drafts == Drafts::Exclude {
            continue;
        }
        let slug = stem.to_string();
        if !crate::slug::is_slug(&slug) {
            diagnostics.push(
                Diagnostic::error(&path, format!("`{stem}` cannot be part of a URL")).help(
                    format!("rename the file to `{}.md`", crate::slug::slugify(stem)),
                ),
            );
            continue;
        }
        if RESERVED_TOP_LEVEL.contains(&slug.as_str()) || slug == "index" {
            diagnostics.push(
                Diagnostic::error(
                    &path,
                    format!("the page name `{slug}` is reserved for the site's own pages"),
                )
                .help(format!(
                    "rename the file; reserved names: {}, index",
                    RESERVED_TOP_LEVEL.join(", ")
                )),
            );
            continue;
        }
        let mut page = page;
        page.url_path = slug;
        pages.push(page);
    }
    pages.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    pages
}
