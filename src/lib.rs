//! Trellis turns Markdown toolkits and TOML program catalogs into an accessible static
//! website for work-based learning.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: files on disk → normalised source text and raw front matter;
//! 2. [`model`]: raw inputs → a validated, linked [`model::Site`];
//! 3. [`markdown`] and [`render`]: the site and a [`render::Theme`] → every output file, each
//!    handed to a [`render::Sink`] as it is made: kept in memory for `serve` and `check`;
//! 4. [`output`]: for `build`, the sink ([`output::Staging`]) that stages each changed file
//!    in the output folder and puts them in place once the build has succeeded.
//!
//! Content problems are [`Diagnostic`]s, collected across the whole build and reported
//! together; failures of the tool itself are [`diagnostics::Error`]s. Every check runs even
//! when an earlier one found errors, so one build reports every problem: what failed to load
//! is marked ([`model::Failed`], the catalog's broken records) so that what depends on it is
//! not reported again, and only producing HTML stops at the first error.

#![warn(missing_docs)]

pub mod adapt;
mod cache;
pub mod check;
pub mod cli;
pub mod columns;
pub mod config;
pub mod diagnostics;
pub mod init;
pub mod load;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod new;
pub mod output;
pub mod portable;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod translate;
pub mod vocabulary;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cache::language_editions;
pub use cache::{exports_job, Cache, ExportsJob};
pub use diagnostics::{Diagnostic, Error, Severity};
use model::{Drafts, Site};
use output::{Existing, Written};
use render::{Files, Sink, Theme};

/// What `trellis build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder that holds `content/` (and optionally `themes/`).
    pub root: PathBuf,
    /// The folder to write the site into (`--output`, `public/` by default).
    pub output: PathBuf,
    /// Whether draft pages are built (`--drafts`).
    pub drafts: Drafts,
    /// Whether a non-empty folder Trellis did not create may be written into (`--force`).
    pub existing: Existing,
    /// Whether the site is made to open from disk (`--portable`).
    pub portable: bool,
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    /// HTML pages among the files.
    pub pages: usize,
    /// How long each stage took.
    pub timings: Timings,
    /// How many files the site has: pages, assets, feeds, exports and the search index.
    pub files: usize,
    /// How many of those files were written, left unchanged or removed.
    pub written: Written,
    /// The content's warnings, sorted; a build that found errors returns them instead.
    pub warnings: Vec<Diagnostic>,
}

/// Wall time of each stage of a build.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Reading the content and building the model.
    pub load: std::time::Duration,
    /// Rendering every output file in memory, search index included.
    pub render: std::time::Duration,
    /// The part of `render` spent building the search index.
    pub index: std::time::Duration,
    /// The part of `render` spent on the insights page, its CSVs and the districts' sections.
    pub insights: std::time::Duration,
    /// Writing the files to the output folder.
    pub write: std::time::Duration,
}

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// The content has problems; every one found (errors and warnings), sorted.
    Content(Vec<Diagnostic>),
    /// The tool could not do its work.
    Tool(Error),
}

/// The site rendered in memory, with the warnings found on the way.
pub struct Rendered {
    /// The site the files were rendered from, for checks that need the model.
    pub site: Site,
    /// Every output file, by path relative to the output folder.
    pub files: Files,
    /// The content's warnings, sorted; a render that found errors returns them instead.
    pub warnings: Vec<Diagnostic>,
    /// How long loading and rendering took (`write` is zero: nothing was written).
    pub timings: Timings,
    /// What was taken from the [`Cache`] instead of being made again.
    pub reused: Reused,
    /// The office documents the site's Markdown links to, sorted, once per page and target:
    /// for `trellis check` to list for a manual accessibility review.
    pub documents: Vec<markdown::a11y::Document>,
}

/// What a render made besides the site and its files, which went to a [`Sink`].
struct Made {
    warnings: Vec<Diagnostic>,
    timings: Timings,
    reused: Reused,
    documents: Vec<markdown::a11y::Document>,
}

/// The parts of a build taken from a [`Cache`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reused {
    /// The catalog model: no record was parsed or checked again.
    pub catalog: bool,
    /// The catalog's pages, feeds and exports.
    pub catalog_pages: bool,
    /// When the catalog's pages were rendered again: how many opportunities' descriptions,
    /// cards and pages were unchanged and taken from the previous build.
    pub opportunities: usize,
}

/// Fails unless `root` holds a `content/` folder: the commands that watch or check a site
/// cannot start without one.
pub fn require_content(root: &Path) -> Result<(), diagnostics::Error> {
    if root.join("content").is_dir() {
        Ok(())
    } else {
        Err(diagnostics::Error::new(
            root,
            "there is no content/ folder here; pass --root DIR or run trellis init",
        ))
    }
}

/// Loads and renders the site under `root` without writing anything.
pub fn render_site(root: &Path, drafts: Drafts) -> Result<Rendered, Vec<Diagnostic>> {
    let mut once = Cache::new(memo::Policy::Forget);
    render_site_reusing(root, drafts, &mut once)
}

/// [`render_site`], reusing what `cache` holds from the previous build and keeping this
/// build's work in it for the next. A failure always holds at least one error.
pub fn render_site_reusing(
    root: &Path,
    drafts: Drafts,
    cache: &mut Cache,
) -> Result<Rendered, Vec<Diagnostic>> {
    render_shaped(root, drafts, cache, &portable::Shape::default())
}

/// [`render_site_reusing`], for a web server or for opening from disk, the whole site or
/// narrowed to what a bundle hands out (see [`portable`]).
pub fn render_shaped(
    root: &Path,
    drafts: Drafts,
    cache: &mut Cache,
    shape: &portable::Shape,
) -> Result<Rendered, Vec<Diagnostic>> {
    let files = render::Memory::new();
    let (site, made) = render_stages(root, (drafts, shape), cache, &files)
        .map_err(|failed| with_a_reason(failed.diagnostics))?;
    Ok(Rendered {
        site,
        files: files.into_files(),
        warnings: made.warnings,
        timings: made.timings,
        reused: made.reused,
        documents: made.documents,
    })
}

/// What `trellis check` works from: every diagnostic of a build, and the site and the
/// rendered files when there are any, so that its own checks run even when the build failed.
pub struct Checked {
    /// Every problem the build found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The site, when the content could be loaded at all.
    pub site: Option<Site>,
    /// The rendered files, when the build succeeded.
    pub files: Option<Files>,
    /// The office documents the site's Markdown links to (see [`Rendered::documents`]).
    pub documents: Vec<markdown::a11y::Document>,
}

/// Loads and renders the site under `root` for `trellis check`: like [`render_site`], but a
/// failed build still hands back the site it loaded.
pub fn render_for_check(root: &Path, drafts: Drafts) -> Checked {
    let mut once = Cache::new(memo::Policy::Forget);
    let files = render::Memory::new();
    match render_stages(
        root,
        (drafts, &portable::Shape::default()),
        &mut once,
        &files,
    ) {
        Ok((site, made)) => Checked {
            diagnostics: made.warnings,
            site: Some(site),
            files: Some(files.into_files()),
            documents: made.documents,
        },
        Err(failed) => {
            let Failed {
                diagnostics,
                site,
                documents,
            } = *failed;
            Checked {
                diagnostics: with_a_reason(diagnostics),
                site,
                files: None,
                documents,
            }
        }
    }
}

/// A build that failed: its diagnostics, and the site when one was loaded.
struct Failed {
    diagnostics: Vec<Diagnostic>,
    site: Option<Site>,
    documents: Vec<markdown::a11y::Document>,
}

/// A failed build's diagnostics, with an error added if no stage gave one, so that no
/// build ever fails with "0 errors" and no reason.
fn with_a_reason(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.push(
            Diagnostic::error("content", "the build stopped without naming a reason")
                .help("this is a bug in Trellis; please report it with the warnings above"),
        );
    }
    diagnostics
}

/// Loads, checks and renders into `files`. Every stage that can run does, even after another
/// found errors, so that one build reports every problem; only producing HTML stops at the
/// first.
fn render_stages(
    root: &Path,
    (drafts, shape): (Drafts, &portable::Shape),
    cache: &mut Cache,
    files: &dyn Sink,
) -> Result<(Site, Made), Box<Failed>> {
    let started = Instant::now();
    let kept = cache.catalog.catalog().map(Arc::clone);
    let loaded = Site::load_reusing(root, drafts, &mut cache.catalog);
    let load = started.elapsed();
    let mut diagnostics = loaded.diagnostics;
    let Some(mut site) = loaded.site else {
        return Err(Box::new(Failed {
            diagnostics,
            site: None,
            documents: Vec::new(),
        }));
    };
    let written_base = site.config.base_path.clone();
    diagnostics.extend(shape.apply(&mut site));
    let made_portable;
    let files: &dyn Sink = if shape.portable {
        made_portable = portable::Portable::new(files, written_base);
        &made_portable
    } else {
        files
    };
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|language| language.code.as_str())
        .collect();
    let theme = load_theme(root, &site, (&languages, cache), &mut diagnostics);
    // With errors already, the render stage only checks: nothing would be written.
    let producing = theme
        .as_deref()
        .filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    let mut documents = Vec::new();
    let rendered = render_languages(&site, producing, cache, &mut documents, files);
    markdown::a11y::sort_documents(&mut documents);
    let output = match rendered {
        Ok(output) => output,
        Err(problems) => {
            diagnostics.extend(problems);
            diagnostics::sort(&mut diagnostics);
            return Err(Box::new(Failed {
                diagnostics,
                site: Some(site),
                documents,
            }));
        }
    };
    diagnostics.extend(output.warnings);
    diagnostics::sort(&mut diagnostics);
    let made = Made {
        reused: Reused {
            catalog: kept.is_some_and(|k| Arc::ptr_eq(&k, &site.catalog)),
            catalog_pages: output.catalog_reused,
            opportunities: output.opportunities_reused,
        },
        warnings: diagnostics,
        documents,
        timings: Timings {
            load,
            render: started.elapsed() - load,
            index: output.index_time,
            insights: output.insights_time,
            write: Duration::ZERO,
        },
    };
    Ok((site, made))
}

/// The site's theme (the one `cache` holds while its files are unchanged), its warnings
/// (or, when it cannot be loaded, its problems) added to `diagnostics`.
fn load_theme(
    root: &Path,
    site: &Site,
    (languages, cache): (&[&str], &mut Cache),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<Theme>> {
    let name = &site.config.theme;
    match Theme::load_reusing(root, name, languages, &mut cache.theme_files) {
        Ok(theme) => {
            diagnostics.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// Renders the site in its default language and, on a site with `[languages]`, each other
/// language's edition under its prefix, then the sitemap of them all. Only the default
/// language's warnings are kept, and the other editions' accessible-authoring warnings
/// (their translated pages are theirs alone): the other editions render the same sources
/// again. The office documents every edition links to go to `documents`.
///
/// The editions are rendered side by side and taken in order, as if one after the other:
/// the first that fails is the build's failure, and the documents of the editions after
/// it are not listed.
fn render_languages(
    site: &Site,
    theme: Option<&Theme>,
    cache: &mut Cache,
    documents: &mut Vec<markdown::a11y::Document>,
    files: &dyn Sink,
) -> Result<render::Output, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let mut editions = language_editions(site);
    for edition in &mut editions {
        cache.same_catalog(site, edition);
    }
    let report = render::TranslationGuide::new(&model::translations::report(site), &editions);
    let (reuse, edition_reuse) = cache.catalog_pages(&editions);
    let render_one = |site: &Site, reuse: &mut render::CatalogReuse, sink: &dyn Sink| {
        let mut documents = Vec::new();
        let rendered = render::render(site, theme, reuse, &report, &mut documents, sink);
        (rendered, documents)
    };
    let ((rendered, mut found), others) = rayon::join(
        || render_one(site, reuse, files),
        || {
            editions
                .par_iter()
                .zip(edition_reuse)
                .map(|(edition, reuse)| {
                    let mounted = render::Mounted::new(files, &edition.language);
                    let (rendered, found) = render_one(edition, reuse, &mounted);
                    (rendered, found, mounted.into_problems())
                })
                .collect::<Vec<_>>()
        },
    );
    documents.append(&mut found);
    let mut output = rendered?;
    for (rendered, mut found, problems) in others {
        documents.append(&mut found);
        let rendered = rendered?;
        let authoring = rendered
            .warnings
            .iter()
            .filter(|d| markdown::a11y::is_authoring(d));
        output.warnings.extend(authoring.cloned());
        if !problems.is_empty() {
            return Err(problems);
        }
        output.index_time += rendered.index_time;
        output.catalog_reused &= rendered.catalog_reused;
    }
    if !editions.is_empty() {
        render::languages_sitemap(site, files);
    }
    Ok(output)
}

/// Builds the site: checks the output folder, then renders, each file staged as it is made
/// when it differs from what the folder holds (see [`output::Staging`]), and only once the
/// whole build has succeeded puts the staged files in place. A build with errors leaves the
/// output folder untouched.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let purpose = output::Purpose::Build {
        root: &options.root,
        existing: options.existing,
    };
    let destination =
        output::check_destination(&options.output, purpose).map_err(BuildError::Tool)?;
    let staging = output::Staging::open(&destination);
    let mut once = Cache::new(memo::Policy::Forget);
    let shape = portable::Shape {
        portable: options.portable,
        scope: None,
    };
    let made = match render_stages(&options.root, (options.drafts, &shape), &mut once, &staging) {
        Ok((_, made)) => made,
        Err(failed) => {
            staging.abandon();
            return Err(BuildError::Content(with_a_reason(failed.diagnostics)));
        }
    };
    let (files, pages) = staging.counts();
    let started = Instant::now();
    let written = staging.commit().map_err(BuildError::Tool)?;
    Ok(Built {
        timings: Timings {
            write: started.elapsed(),
            ..made.timings
        },
        pages,
        files,
        written,
        warnings: made.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_with_only_warnings_gets_an_error_that_says_so() {
        let warning = Diagnostic::warning("themes/default/templates/pipe.html", "skipped");
        let reported = with_a_reason(vec![warning.clone()]);
        assert_eq!(reported.len(), 2);
        assert_eq!(reported[0], warning);
        assert!(reported[1].is_error());
        let error = Diagnostic::error("content/site.toml", "bad");
        assert_eq!(with_a_reason(vec![error.clone()]), vec![error]);
    }
}
