//! The catalog's files: finding and reading them, parsing each, and what a rebuild keeps of
//! them so that unchanged files are not parsed, nor an unchanged catalog built, again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::build::build;
use super::Catalog;
use crate::config::{Date, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::load::catalog::{records, Parsed, RawEmployer, RawOpportunity, RawPathway};
use crate::load::{self, SourceFile};

/// The catalog's files as read, before any record is parsed.
pub(super) struct Sources {
    pub(super) pathways: Vec<SourceFile>,
    pub(super) employers: Vec<SourceFile>,
    pub(super) opportunities: Vec<SourceFile>,
    /// The kinds (`employers`, ...) with a file that could not be read: references to
    /// records of those kinds are not reported, since the record may be in that file.
    pub(super) unreadable: BTreeSet<&'static str>,
}

/// What parsing each of the catalog's files found, in the order of [`Sources`].
pub(super) struct ParsedFiles {
    pub(super) pathways: Vec<Arc<Parsed<RawPathway>>>,
    pub(super) employers: Vec<Arc<Parsed<RawEmployer>>>,
    pub(super) opportunities: Vec<Arc<Parsed<RawOpportunity>>>,
}

/// One kind of catalog file as last loaded: each file's path and text, and what parsing
/// it found.
struct Kept<T> {
    files: Vec<(PathBuf, String)>,
    parsed: Vec<Arc<Parsed<T>>>,
}

impl<T> Kept<T> {
    fn of(files: &[SourceFile], parsed: &[Arc<Parsed<T>>]) -> Kept<T> {
        Kept {
            files: files
                .iter()
                .map(|f| (f.path.clone(), f.text.clone()))
                .collect(),
            parsed: parsed.to_vec(),
        }
    }

    fn same_files(&self, files: &[SourceFile]) -> bool {
        self.files.len() == files.len()
            && self
                .files
                .iter()
                .zip(files)
                .all(|((path, text), file)| *path == file.path && *text == file.text)
    }
}

/// Parses each file of one kind; a file whose path and text are those of a kept one is
/// not parsed again (parsing is a function of the two).
fn parse_kind<T: serde::de::DeserializeOwned + Send + Sync>(
    files: &[SourceFile],
    table: &str,
    kept: Option<&Kept<T>>,
) -> Vec<Arc<Parsed<T>>> {
    let earlier: std::collections::HashMap<&Path, (&str, &Arc<Parsed<T>>)> = kept
        .map(|k| {
            k.files
                .iter()
                .zip(&k.parsed)
                .map(|((path, text), parsed)| (path.as_path(), (text.as_str(), parsed)))
                .collect()
        })
        .unwrap_or_default();
    files
        .par_iter()
        .map(|file| match earlier.get(file.path.as_path()) {
            Some((text, parsed)) if *text == file.text => Arc::clone(parsed),
            _ => Arc::new(records::<T>(file, table)),
        })
        .collect()
}

/// Everything the catalog is built from: its files' text and the settings its rules read.
/// Two loads with equal inputs build the same catalog with the same diagnostics.
struct Inputs {
    pathways: Kept<RawPathway>,
    employers: Kept<RawEmployer>,
    opportunities: Kept<RawOpportunity>,
    minimum_wage: Option<f64>,
    today: Date,
    districts: Vec<String>,
    unreadable: BTreeSet<&'static str>,
}

impl Inputs {
    fn matches(
        &self,
        sources: &Sources,
        minimum_wage: Option<f64>,
        today: Date,
        districts: &[&str],
    ) -> bool {
        self.minimum_wage == minimum_wage
            && self.today == today
            && self
                .districts
                .iter()
                .map(String::as_str)
                .eq(districts.iter().copied())
            && self.pathways.same_files(&sources.pathways)
            && self.employers.same_files(&sources.employers)
            && self.opportunities.same_files(&sources.opportunities)
            && self.unreadable == sources.unreadable
    }
}

/// The last catalog built, kept by a [`crate::Cache`] so that a rebuild whose catalog
/// inputs are unchanged reuses it instead of parsing every record again, and one with
/// some files changed parses only those.
pub struct Reuse {
    inputs: Inputs,
    catalog: Arc<Catalog>,
    /// What building it reported (problems reading the files are found again each time).
    diagnostics: Vec<Diagnostic>,
}

impl Reuse {
    /// The catalog kept for the next load.
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }
}

/// Loads `content/catalog/`. `today` decides which listings are open.
/// `districts` are the ids of the site's districts, which opportunities may name.
/// With `reuse`, an unchanged catalog is taken from the previous load, and the new one is
/// kept there for the next.
pub fn load(
    root: &Path,
    config: &SiteConfig,
    today: Date,
    districts: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
    reuse: Option<&mut Option<Reuse>>,
) -> Arc<Catalog> {
    let sources = read(root, diagnostics);
    let minimum_wage = config.minimum_wage;
    let Some(reuse) = reuse else {
        let parsed = ParsedFiles {
            pathways: parse_kind(&sources.pathways, "pathway", None),
            employers: parse_kind(&sources.employers, "employer", None),
            opportunities: parse_kind(&sources.opportunities, "opportunity", None),
        };
        let catalog = build(
            &sources,
            &parsed,
            minimum_wage,
            today,
            districts,
            diagnostics,
        );
        return Arc::new(catalog);
    };
    if let Some(previous) = reuse.as_ref() {
        if previous
            .inputs
            .matches(&sources, minimum_wage, today, districts)
        {
            diagnostics.extend(previous.diagnostics.iter().cloned());
            return Arc::clone(&previous.catalog);
        }
    }
    let kept = reuse.as_ref().map(|p| &p.inputs);
    let parsed = ParsedFiles {
        pathways: parse_kind(&sources.pathways, "pathway", kept.map(|k| &k.pathways)),
        employers: parse_kind(&sources.employers, "employer", kept.map(|k| &k.employers)),
        opportunities: parse_kind(
            &sources.opportunities,
            "opportunity",
            kept.map(|k| &k.opportunities),
        ),
    };
    let mut found = Vec::new();
    let catalog = Arc::new(build(
        &sources,
        &parsed,
        minimum_wage,
        today,
        districts,
        &mut found,
    ));
    diagnostics.extend(found.iter().cloned());
    *reuse = Some(Reuse {
        inputs: Inputs {
            pathways: Kept::of(&sources.pathways, &parsed.pathways),
            employers: Kept::of(&sources.employers, &parsed.employers),
            opportunities: Kept::of(&sources.opportunities, &parsed.opportunities),
            minimum_wage,
            today,
            districts: districts.iter().map(|d| d.to_string()).collect(),
            unreadable: sources.unreadable.clone(),
        },
        catalog: Arc::clone(&catalog),
        diagnostics: found,
    });
    catalog
}

/// Finds and reads the catalog's files, reporting misplaced and unreadable ones.
fn read(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Sources {
    let folder = Path::new("content/catalog");
    let mut walked = load::walk(root, folder);
    diagnostics.append(&mut walked.problems);
    let mut paths: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
    for path in &walked.files {
        let rel = path.strip_prefix(folder).unwrap_or(path);
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let kind = match parts.as_slice() {
            [dir, _] if ["pathways", "employers", "opportunities"].contains(dir) => match *dir {
                "pathways" => "pathways",
                "employers" => "employers",
                _ => "opportunities",
            },
            [dir, ..] if parts.len() > 1 => {
                diagnostics.push(
                    Diagnostic::error(path, format!("`{dir}` is not a catalog folder"))
                        .help("catalog files go in content/catalog/pathways/, employers/ or opportunities/, with no sub-folders"),
                );
                continue;
            }
            _ => {
                diagnostics.push(
                    Diagnostic::error(path, "catalog files belong in a folder by kind")
                        .help("move it to content/catalog/pathways/, employers/ or opportunities/"),
                );
                continue;
            }
        };
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            diagnostics.push(
                Diagnostic::warning(path, "not a .toml file; it was ignored")
                    .help("catalog records are written in .toml files"),
            );
            continue;
        }
        paths.entry(kind).or_default().push(path.clone());
    }
    let mut unreadable = BTreeSet::new();
    let mut read_files = |kind: &'static str, diagnostics: &mut Vec<Diagnostic>| {
        let files: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = paths
            .get(kind)
            .map(|p| {
                p.par_iter()
                    .map(|path| {
                        let mut found = Vec::new();
                        (SourceFile::read(root, path, &mut found), found)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut read = Vec::new();
        for (file, found) in files {
            diagnostics.extend(found);
            match file {
                Some(file) => read.push(file),
                None => {
                    unreadable.insert(kind);
                }
            }
        }
        read
    };
    let pathways = read_files("pathways", diagnostics);
    let employers = read_files("employers", diagnostics);
    let opportunities = read_files("opportunities", diagnostics);
    Sources {
        pathways,
        employers,
        opportunities,
        unreadable,
    }
}
