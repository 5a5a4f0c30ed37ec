//! What `trellis serve` keeps from one build for the next ([`Cache`]), and the exports it
//! makes after each build's pages ([`ExportsJob`]).

use std::sync::Arc;

use crate::memo;
use crate::model::{self, Site};
use crate::render::{self, Theme};

/// Work kept from one build for the next, by `trellis serve`. Each part is reused only
/// when everything it was made from is unchanged, so a build with a cache gives exactly
/// the files and diagnostics of a build without one:
///
/// - each catalog file's parsed records, while its path and text are unchanged;
/// - the catalog model, while the catalog's files, the minimum wage, the build date and
///   the district ids are unchanged;
/// - the catalog's pages, feeds and exports, while that catalog, the site settings, the
///   district files, the site's navigation and the theme's templates are unchanged;
/// - when only the records changed: each opportunity's description, card and page, while
///   the opportunity, its employer and its pathways are unchanged; and each listing, facet,
///   employer and pathway page while every record it shows is unchanged (and, for the
///   listings, the filters' counts).
///
/// Toolkits, standalone pages, district editions, the indexes of employers and pathways,
/// the feed, the calendar and the search index are rebuilt every time; with
/// [`Cache::exports_apart`], the exports are made after the rest. `tests/cli/incremental.rs` holds the promise to account.
/// Each language's edition has its own catalog pages to reuse.
///
/// Each part is a [`memo::Memo`]: one input value, compared with `PartialEq`, and a function
/// of that value alone.
pub struct Cache {
    pub(crate) policy: memo::Policy,
    /// Whether the catalog's exports are made with its pages or apart ([`exports_job`]).
    pub(crate) exports: render::Exports,
    /// The theme, while its files are unchanged; the exports made apart use the last one.
    pub(crate) theme_files: memo::Memo<render::ThemeFiles, ThemeLoaded>,
    pub(crate) catalog: model::catalog::Reuse,
    pub(crate) catalog_pages: render::CatalogReuse,
    /// The catalog's pages of each language edition but the default, by language code.
    pub(crate) language_pages: std::collections::BTreeMap<String, render::CatalogReuse>,
    /// Each language's catalog, with the default-language catalog it was made from: while
    /// that is the same (reused) catalog, so is the language's, and its pages can be reused.
    pub(crate) language_catalogs: LanguageCatalogs,
}

/// A theme compiled from its files, or why it could not be.
type ThemeLoaded = Result<Arc<Theme>, Vec<crate::Diagnostic>>;

/// Language code → (the default-language catalog, that catalog in the language).
type LanguageCatalogs = std::collections::BTreeMap<
    String,
    (Arc<model::catalog::Catalog>, Arc<model::catalog::Catalog>),
>;

impl Cache {
    /// A cache that follows `policy`: a single build keeps nothing (and so holds no copy
    /// of its inputs).
    pub fn new(policy: memo::Policy) -> Cache {
        Cache {
            policy,
            exports: render::Exports::WithPages,
            theme_files: memo::Memo::new(policy),
            catalog: model::catalog::Reuse::new(policy),
            catalog_pages: render::CatalogReuse::new(policy),
            language_pages: std::collections::BTreeMap::new(),
            language_catalogs: LanguageCatalogs::new(),
        }
    }

    /// A cache that keeps each build's work for the next, and whose builds leave the
    /// catalog's exports (`catalog.json`, the CSVs, `catalog.xlsx`) to [`exports_job`]:
    /// `trellis serve` shows a saved page first and makes them after.
    pub fn exports_apart() -> Cache {
        let policy = memo::Policy::Keep;
        Cache {
            exports: render::Exports::Apart,
            catalog_pages: render::CatalogReuse::with_exports(policy, render::Exports::Apart),
            ..Cache::new(policy)
        }
    }

    /// `edition`, made from `site`, takes the catalog kept from the previous build when it
    /// was made from the same catalog; else its catalog is kept for the next build.
    pub(crate) fn same_catalog(&mut self, site: &Site, edition: &mut Site) {
        let code = &edition.language.code;
        match self.language_catalogs.get(code) {
            Some((source, made)) if Arc::ptr_eq(source, &site.catalog) => {
                edition.catalog = Arc::clone(made);
            }
            _ if self.policy == memo::Policy::Keep => {
                let kept = (Arc::clone(&site.catalog), Arc::clone(&edition.catalog));
                self.language_catalogs.insert(code.clone(), kept);
            }
            _ => {}
        }
    }

    /// The catalog pages kept for the default language's edition and for each of
    /// `editions` (the other languages'), in their order.
    pub(crate) fn catalog_pages(
        &mut self,
        editions: &[Site],
    ) -> (&mut render::CatalogReuse, Vec<&mut render::CatalogReuse>) {
        let (policy, exports) = (self.policy, self.exports);
        for edition in editions {
            self.language_pages
                .entry(edition.language.code.clone())
                .or_insert_with(|| render::CatalogReuse::with_exports(policy, exports));
        }
        let mut by_code: std::collections::BTreeMap<&str, &mut render::CatalogReuse> = self
            .language_pages
            .iter_mut()
            .map(|(code, pages)| (code.as_str(), pages))
            .collect();
        let others = editions
            .iter()
            .map(|edition| {
                by_code
                    .remove(edition.language.code.as_str())
                    .expect("each language is listed once and was added above")
            })
            .collect();
        (&mut self.catalog_pages, others)
    }
}

impl Default for Cache {
    /// A cache that keeps each build's work for the next.
    fn default() -> Cache {
        Cache::new(memo::Policy::Keep)
    }
}

/// The catalog's exports that the last render with `cache` ([`Cache::exports_apart`]) left
/// out, to make on any thread: `site` is the site that render returned, made with the
/// theme the cache holds. None when no theme has been loaded.
pub fn exports_job(site: Site, cache: &Cache) -> Option<ExportsJob> {
    let theme = Arc::clone(cache.theme_files.output()?.as_ref().ok()?);
    // Each language's catalog as the render made it; its editions are made on the job's
    // thread.
    let catalogs = site
        .config
        .languages
        .iter()
        .map(|language| {
            let (source, made) = cache.language_catalogs.get(&language.code)?;
            Arc::ptr_eq(source, &site.catalog).then(|| Arc::clone(made))
        })
        .collect();
    Some(ExportsJob {
        site,
        catalogs,
        theme,
    })
}

/// The exports a render left out (see [`exports_job`]).
pub struct ExportsJob {
    site: Site,
    /// The catalog of each of the site's other languages, when the cache holds it.
    catalogs: Vec<Option<Arc<model::catalog::Catalog>>>,
    theme: Arc<Theme>,
}

impl ExportsJob {
    /// Makes the exports, in every language of the site: the same bytes a render with the
    /// exports would have made.
    pub fn run(self) -> render::Files {
        use rayon::prelude::*;
        let files = render::Memory::new();
        let theme = &*self.theme;
        let mut editions = language_editions(&self.site);
        for (edition, catalog) in editions.iter_mut().zip(self.catalogs) {
            if let Some(catalog) = catalog {
                edition.catalog = catalog;
            }
        }
        rayon::join(
            || render::exports(&self.site, theme, &files),
            || {
                editions.par_iter().for_each(|edition| {
                    let mounted = render::Mounted::new(&files, &edition.language);
                    render::exports(edition, theme, &mounted)
                })
            },
        );
        files.into_files()
    }
}

/// `site` in each of its other languages.
pub(crate) fn language_editions(site: &Site) -> Vec<Site> {
    site.config
        .languages
        .iter()
        .map(|language| site.in_language(&language.code))
        .collect()
}
