//! The catalog's files: finding and reading them, parsing each, and what a rebuild keeps of
//! them so that unchanged files are not parsed, nor an unchanged catalog built, again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::build::build;
use super::Catalog;
use super::DistrictRules;
use crate::columns::RecordType;
use crate::config::{Date, MinimumWage, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::load::catalog::{records, Parsed, RawEmployer, RawOpportunity, RawPathway};
use crate::load::sheet::{self, Sheet};
use crate::load::{self, SourceFile};
use crate::memo::{Memo, Policy, Shared};

/// The catalog's files as read, before any record is parsed.
struct Sources {
    pathways: Vec<Source>,
    employers: Vec<Source>,
    opportunities: Vec<Source>,
    /// The kinds (`employers`, ...) with a file that could not be read.
    unreadable: BTreeSet<&'static str>,
}

/// One catalog file as read: a TOML file, or a spreadsheet with its cells.
struct Source {
    file: SourceFile,
    /// The cells of a `.csv` or `.xlsx` file; its `file` holds the sheet's text.
    sheet: Option<Sheet>,
}

/// Spreadsheets larger than this are refused: a catalog of 10,000 opportunities is about
/// 5 MB of CSV.
const MAX_SHEET_BYTES: usize = 64 * 1024 * 1024;

/// One catalog file with what parsing it found. Equal to another when its path and text
/// are, and its records are the same parse (parsing is a function of the two, and a
/// rebuild hands back the kept parse of an unchanged file).
pub struct ParsedFile<T> {
    pub(super) file: SourceFile,
    pub(super) parsed: Shared<Parsed<T>>,
}

impl<T> PartialEq for ParsedFile<T> {
    fn eq(&self, other: &ParsedFile<T>) -> bool {
        let ParsedFile { file, parsed } = self;
        file.path == other.file.path && file.text == other.file.text && *parsed == other.parsed
    }
}

/// Parses each file of one kind; a file whose path and text are those of a kept one is
/// not parsed again.
fn parse_kind<T: serde::de::DeserializeOwned + Send + Sync>(
    files: Vec<Source>,
    kind: RecordType,
    kept: Option<&[ParsedFile<T>]>,
) -> Vec<ParsedFile<T>> {
    let earlier: HashMap<&Path, &ParsedFile<T>> = kept
        .unwrap_or_default()
        .iter()
        .map(|kept| (kept.file.path.as_path(), kept))
        .collect();
    files
        .into_par_iter()
        .map(|Source { file, sheet }| {
            let parsed = match (earlier.get(file.path.as_path()), sheet) {
                (Some(kept), _) if kept.file.text == file.text => kept.parsed.clone(),
                (_, Some(sheet)) => {
                    // A sheet is one large file: its characters are scanned while its rows
                    // are read, rather than before, as a TOML file's are.
                    let (found, mut parsed) = rayon::join(
                        || load::text::scan(&file),
                        || sheet::records::records::<T>(&file, &sheet, kind),
                    );
                    parsed.problems.extend(found);
                    Shared(Arc::new(parsed))
                }
                (_, None) => Shared(Arc::new(records::<T>(&file, kind.table()))),
            };
            ParsedFile { file, parsed }
        })
        .collect()
}

/// Everything the catalog is built from: its files, parsed, and the settings its rules
/// read. [`build`] takes nothing else, so two equal inputs build the same catalog with the
/// same diagnostics.
#[derive(PartialEq)]
pub struct Inputs {
    pub(super) pathways: Vec<ParsedFile<RawPathway>>,
    pub(super) employers: Vec<ParsedFile<RawEmployer>>,
    pub(super) opportunities: Vec<ParsedFile<RawOpportunity>>,
    /// The kinds (`employers`, ...) with a file that could not be read: references to
    /// records of those kinds are not reported, since the record may be in that file.
    pub(super) unreadable: BTreeSet<&'static str>,
    pub(super) minimum_wage: Option<MinimumWage>,
    /// Decides which listings are open.
    pub(super) today: Date,
    /// The ids of the site's districts, which opportunities may name.
    pub(super) districts: Vec<String>,
    /// What the listings are checked against in each district that loaded.
    pub(super) district_rules: Vec<DistrictRules>,
    /// The codes of the site's `[languages]`, which records may be translated into.
    pub(super) languages: Vec<String>,
}

impl Inputs {
    /// Parses the files read, taking each unchanged file's records from `kept`.
    fn parse(sources: Sources, kept: Option<&Inputs>, settings: Settings) -> Inputs {
        let Sources {
            pathways,
            employers,
            opportunities,
            unreadable,
        } = sources;
        Inputs {
            pathways: parse_kind(pathways, RecordType::Pathway, kept.map(|k| &k.pathways[..])),
            employers: parse_kind(
                employers,
                RecordType::Employer,
                kept.map(|k| &k.employers[..]),
            ),
            opportunities: parse_kind(
                opportunities,
                RecordType::Opportunity,
                kept.map(|k| &k.opportunities[..]),
            ),
            unreadable,
            minimum_wage: settings.minimum_wage,
            today: settings.today,
            districts: settings.districts,
            district_rules: settings.district_rules,
            languages: settings.languages,
        }
    }
}

/// The settings the catalog's rules read, besides its files.
struct Settings {
    minimum_wage: Option<MinimumWage>,
    today: Date,
    districts: Vec<String>,
    district_rules: Vec<DistrictRules>,
    languages: Vec<String>,
}

/// A built catalog with what building it reported (problems reading the files are found
/// again each time, by [`read`]).
pub struct Built {
    pub(super) catalog: Arc<Catalog>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// What a rebuild keeps of the catalog (see [`crate::Cache`]): the last catalog built and
/// its inputs, so that a rebuild with equal inputs reuses it instead of parsing every
/// record again, and one with some files changed parses only those.
pub struct Reuse(Memo<Inputs, Built>);

impl Reuse {
    /// An empty store that follows `policy`.
    pub fn new(policy: Policy) -> Reuse {
        Reuse(Memo::new(policy))
    }

    /// The catalog kept for the next load, if any.
    pub fn catalog(&self) -> Option<&Arc<Catalog>> {
        self.0.output().map(|built| &built.catalog)
    }
}

/// Loads `content/catalog/`. `today` decides which listings are open.
/// `districts` are the ids of the site's districts, which opportunities may name, and
/// `district_rules` what listings open to the districts that loaded are checked against.
/// A catalog whose inputs equal those `reuse` kept is taken from it.
pub fn load(
    root: &Path,
    config: &SiteConfig,
    today: Date,
    (districts, district_rules): (&[&str], Vec<DistrictRules>),
    diagnostics: &mut Vec<Diagnostic>,
    reuse: &mut Reuse,
) -> Arc<Catalog> {
    let sources = read(root, diagnostics);
    let settings = Settings {
        minimum_wage: config.minimum_wage.clone(),
        today,
        districts: districts.iter().map(|d| d.to_string()).collect(),
        district_rules,
        languages: config.languages.iter().map(|l| l.code.clone()).collect(),
    };
    let inputs = Inputs::parse(sources, reuse.0.kept_input(), settings);
    let (built, _) = reuse.0.get_or_make(inputs, build);
    diagnostics.extend(built.diagnostics.iter().cloned());
    Arc::clone(&built.catalog)
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
        if ignored(path, diagnostics) {
            continue;
        }
        paths.entry(kind).or_default().push(path.clone());
    }
    let mut unreadable = BTreeSet::new();
    let mut read_files = |kind: &'static str, diagnostics: &mut Vec<Diagnostic>| {
        let files: Vec<(Option<Source>, Vec<Diagnostic>)> = paths
            .get(kind)
            .map(|p| {
                p.par_iter()
                    .map(|path| {
                        let mut found = Vec::new();
                        (read_source(root, path, kind, &mut found), found)
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

/// The kind of catalog file `path` is, by its extension (in any case): `toml`, `csv` or
/// `xlsx`; `None` for any other file.
fn extension(path: &Path) -> Option<&'static str> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    ["toml", "csv", "xlsx"]
        .into_iter()
        .find(|e| *e == extension)
}

/// Reads one catalog file of the folder `folder`: a TOML file's text, or a spreadsheet's
/// cells. Problems reading it go to `found`; `None` when it could not be read.
fn read_source(
    root: &Path,
    path: &Path,
    folder: &str,
    found: &mut Vec<Diagnostic>,
) -> Option<Source> {
    let csv = match extension(path) {
        Some("csv") => true,
        Some("xlsx") => false,
        _ => {
            let file = SourceFile::read(root, path, found)?;
            return Some(Source { file, sheet: None });
        }
    };
    let bytes = load::read_bytes(root, path)
        .map_err(|problem| found.push(problem))
        .ok()?;
    if bytes.len() > MAX_SHEET_BYTES {
        found.push(
            Diagnostic::error(
                path,
                format!(
                    "the file is {} MB; a catalog spreadsheet may be at most {} MB",
                    bytes.len() / (1024 * 1024),
                    MAX_SHEET_BYTES / (1024 * 1024)
                ),
            )
            .help("split the records over several files"),
        );
        return None;
    }
    let mut sheet = if csv {
        sheet::csv::read(path, bytes)
    } else {
        sheet::read_workbook(path, &bytes, folder)
    };
    let file = SourceFile::sheet(path.to_path_buf(), &mut sheet);
    Some(Source {
        file,
        sheet: Some(sheet),
    })
}

/// Whether the file at `path` in a catalog folder is left alone: Excel's lock file beside
/// an open workbook silently, any file but `.toml`, `.csv` and `.xlsx` with a warning.
fn ignored(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return true;
    }
    if extension(path).is_some() {
        return false;
    }
    diagnostics.push(
        Diagnostic::warning(path, "not a .toml, .csv or .xlsx file; it was ignored").help(
            "catalog records are kept in .toml files, or in spreadsheets saved as .csv or .xlsx",
        ),
    );
    true
}
