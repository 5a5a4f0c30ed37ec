//! `trellis new`: a commented template for a new record or page, written where it belongs,
//! with the required fields to fill in; or an empty workbook to keep the catalog in
//! ([`workbook`]).
//!
//! An id is refused before anything is written when the build would refuse it: not a slug,
//! reserved, already taken by a record in any catalog file, or (for a chapter) naming a
//! toolkit or section that does not exist or a URL another page has.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::adapt::{find_toolkit, folder_name, id_path, load_site};
use crate::diagnostics::{display_path, Error};
use crate::load::SourceFile;
use crate::model::catalog::RESERVED_OPPORTUNITY_IDS;
use crate::model::RESERVED_IN_TOOLKIT;
use crate::slug::{is_slug, split_prefix};

pub mod workbook;

/// What `trellis new` can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// An `[[opportunity]]` record in `content/catalog/opportunities/<id>.toml`.
    Opportunity,
    /// An `[[employer]]` record in `content/catalog/employers/<id>.toml`.
    Employer,
    /// A `[[pathway]]` record in `content/catalog/pathways/<id>.toml`.
    Pathway,
    /// A toolkit page, `<toolkit>/<file-name>`, in `content/toolkits/`.
    Chapter,
    /// A district's `content/districts/<id>/district.toml`.
    District,
    /// An empty workbook to keep the catalog in, `<file>.xlsx` (a path from the current
    /// folder): a sheet per record type, a note on each header, and drop-down lists of the
    /// valid values and of the site's employer, pathway and district ids.
    CatalogWorkbook,
}

/// A kind of catalog record: its table name, its folder and the ids it may not take.
struct RecordKind {
    table: &'static str,
    folder: &'static str,
    reserved: &'static [&'static str],
}

const OPPORTUNITY: RecordKind = RecordKind {
    table: "opportunity",
    folder: "opportunities",
    reserved: RESERVED_OPPORTUNITY_IDS,
};
const EMPLOYER: RecordKind = RecordKind {
    table: "employer",
    folder: "employers",
    reserved: &[],
};
const PATHWAY: RecordKind = RecordKind {
    table: "pathway",
    folder: "pathways",
    reserved: &[],
};

/// Writes the template for `what` named `id` (for a chapter, `<toolkit>/<file-name>`; for
/// a catalog workbook, the file's path from the current folder). Returns the file written.
/// Refuses to overwrite.
pub fn create(root: &Path, what: Template, id: &str) -> Result<PathBuf, Error> {
    crate::require_content(root)?;
    let (path, text) = match what {
        Template::CatalogWorkbook => return workbook::create(root, Path::new(id)),
        Template::Opportunity => (record_file(root, &OPPORTUNITY, id)?, opportunity(id)),
        Template::Employer => (record_file(root, &EMPLOYER, id)?, employer(id)),
        Template::Pathway => (record_file(root, &PATHWAY, id)?, pathway(id)),
        Template::District => (
            format!("content/districts/{}/district.toml", slug(id)?),
            district(id),
        ),
        Template::Chapter => chapter_file(root, id)?,
    };
    write_new(root, Path::new(&path), &text)?;
    Ok(PathBuf::from(path))
}

/// Where a new record `id` of `kind` goes, once the id is known to be free: a slug, not
/// reserved (with the catalog's own words), and not the id of a record in any file.
fn record_file(root: &Path, kind: &RecordKind, id: &str) -> Result<String, Error> {
    let id = slug(id)?;
    if kind.reserved.contains(&id) {
        return Err(refusal(
            id,
            "the id is reserved for the site's own pages",
            format!("choose another id; reserved: {}", kind.reserved.join(", ")),
        ));
    }
    if let Some(at) = defined_at(root, kind, id) {
        return Err(refusal(
            at,
            format!("{} `{id}` is already defined here", kind.table),
            "edit it there, or choose another id for the new one",
        ));
    }
    Ok(format!("content/catalog/{}/{id}.toml", kind.folder))
}

/// Just the id of a catalog record, whatever else it holds.
#[derive(serde::Deserialize)]
struct Id {
    id: toml::Spanned<String>,
}

/// `path:line:col` of the record of `kind` whose id is `id`, in any of the kind's files.
fn defined_at(root: &Path, kind: &RecordKind, id: &str) -> Option<String> {
    let folder = Path::new("content/catalog").join(kind.folder);
    let walked = crate::load::walk(root, &folder);
    walked
        .files
        .iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
        .filter_map(|p| SourceFile::read(root, p, &mut Vec::new()))
        .find_map(|file| {
            let parsed = crate::load::catalog::records::<Id>(&file, kind.table);
            let record = parsed.records.iter().find(|r| r.value.id.get_ref() == id)?;
            let at = file.position(record.value.id.span().start);
            Some(format!(
                "{}:{}:{}",
                display_path(&file.path),
                at.line,
                at.col
            ))
        })
}

/// Where a new chapter `<toolkit>/[<section>/…]<file>` goes and its template. The toolkit and
/// section must exist in the site, and the chapter's URL must be free.
fn chapter_file(root: &Path, arg: &str) -> Result<(String, String), Error> {
    let segments = id_path(arg)?;
    let [toolkit, dirs @ .., file] = segments.as_slice() else {
        return Err(refusal(
            arg,
            "a chapter is named by its toolkit and its file name",
            "name a chapter as <toolkit>/<file name>, e.g. employer-guide/11-safety",
        ));
    };
    let name = slug(split_prefix(file).1)?;
    let site = load_site(root)?;
    let toolkit = find_toolkit(&site, arg, toolkit)?;
    let section = dirs.join("/");
    // A section is named by its folders (`04-hosting`) or by its URL path (`for-developers`
    // for a folder `for_developers`); the chapter goes in the section's real folder.
    let found = toolkit.pages.iter().find(|p| p.key == section).or_else(|| {
        let by_url = |p: &&crate::model::Page| !section.is_empty() && p.url_path == section;
        toolkit.pages.iter().find(by_url)
    });
    let folder = match found {
        Some(page) => format!("{}/{}", display_path(&toolkit.dir), page.key),
        None => format!("{}/{section}", display_path(&toolkit.dir)),
    };
    let path = format!("{}/{file}.md", folder.trim_end_matches('/'));
    if root.join(&path).exists() {
        return Err(Error::new(
            root.join(&path),
            "already exists; choose another id or edit it",
        ));
    }
    let Some(section_page) = found else {
        return Err(refusal(
            arg,
            format!(
                "toolkit `{}` has no section `{section}`",
                folder_name(toolkit)
            ),
            format!("start the section with {folder}/_index.md, or name an existing one"),
        ));
    };
    if dirs.is_empty() && RESERVED_IN_TOOLKIT.contains(&name) {
        return Err(refusal(
            arg,
            format!("the name `{name}` is reserved for the toolkit's own pages"),
            format!(
                "rename it; reserved names: {}",
                RESERVED_IN_TOOLKIT.join(", ")
            ),
        ));
    }
    let url = match section_page.url_path.as_str() {
        "" => name.to_string(),
        folder => format!("{folder}/{name}"),
    };
    if let Some(taken) = toolkit.pages.iter().find(|p| p.url_path == url) {
        return Err(refusal(
            arg,
            format!(
                "{} already has the URL /{}/{url}/",
                display_path(&taken.file.path),
                toolkit.root
            ),
            "choose another file name",
        ));
    }
    Ok((path, chapter(name)))
}

/// An error about a command-line argument, with a `help:` line as diagnostics have.
pub(crate) fn refusal(
    path: impl Into<PathBuf>,
    message: impl std::fmt::Display,
    help: impl std::fmt::Display,
) -> Error {
    Error::new(path, format!("{message}\n  help: {help}"))
}

/// Writes a new file at `root/rel`, making its folders. Never overwrites and never writes
/// through a symbolic link: every folder on the way must be a real folder inside the site.
pub(crate) fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), Error> {
    let mut at = root.to_path_buf();
    for part in rel.parent().into_iter().flat_map(Path::components) {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Error::new(
                    &at,
                    "is a symbolic link; Trellis does not create files through links",
                ))
            }
            Ok(meta) if !meta.is_dir() => return Err(Error::new(&at, "is not a folder")),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir(&at).map_err(|e| Error::io(&at, e))?
            }
            Err(e) => return Err(Error::io(&at, e)),
        }
    }
    let full = root.join(rel);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Error::new(&full, "already exists; choose another id or edit it")
            }
            _ => Error::io(&full, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(&full, e))
}

fn slug(id: &str) -> Result<&str, Error> {
    if is_slug(id) {
        Ok(id)
    } else {
        Err(Error::new(
            id,
            format!(
                "ids are lowercase letters, digits and hyphens, e.g. `{}`",
                crate::slug::slugify(id)
            ),
        ))
    }
}

fn opportunity(id: &str) -> String {
    format!(
        r#"# A new opportunity. Required: id, title, employer, kind, modality, grades;
# pathways for preparation and training kinds; city unless it is virtual.
[[opportunity]]
id = "{id}"
title = "Title students will see"
employer = "employer-id"                 # an id from content/catalog/employers/
kind = "job-shadow"                      # career-talk, career-fair, worksite-tour, informational-interview,
                                         # job-shadow, mentoring, service-learning, micro-internship,
                                         # industry-project, simulated-workplace, school-enterprise,
                                         # pre-apprenticeship, internship, cooperative-education,
                                         # clinical-experience, youth-apprenticeship, apprenticeship,
                                         # paid-work-experience
modality = "in-person"                   # in-person, virtual or hybrid
city = "City"                            # needed for in-person and hybrid
grades = [11, 12]                        # 6 to 14 (13-14: first college years)
# pathways = ["pathway-id"]              # needed for preparation and training kinds
summary = "One line about what students will do"
# districts = ["district-id"]            # leave out to open it to every district
# schedule = "Four 90-minute online sessions"
# hours = 6
# hours_per_week = 3
# starts = 2027-06-14
# ends = 2027-07-09
# deadline = 2027-05-01                  # after it the listing moves to the archive
# seats = 12
# min_age = 16
# pay = {{ type = "hourly", amount = 18.50 }}   # hourly, stipend or fixed; leave out if unpaid
# credit = "0.5 elective credit"
# skills = ["Customer service"]
# tasks = ["Greet and register patients"]
# supports = ["transportation"]          # transportation, stipend, laptop-loan, accommodations,
                                         # spanish, childcare, meals, other
# principles = ["career-aligned", "meaningful-tasks", "skills-validated"]
# apply_url = "https://example.org/apply"
# contact = {{ name = "Name", email = "name@example.org", public = false }}  # public = true to show it
description = """
What students will do, learn and bring home. Markdown; links to https:// addresses only.
"""
"#
    )
}

fn employer(id: &str) -> String {
    format!(
        r#"# A new employer. Required: id, name, org_type.
[[employer]]
id = "{id}"
name = "Organization name"
org_type = "for-profit"                  # for-profit, nonprofit, public-agency, school, college, union, other
# pathways = ["pathway-id"]
# website = "https://example.org"
# city = "City"
# hosts = ["job-shadow", "internship"]   # kinds of opportunity it offers
# contact = {{ name = "Name", email = "name@example.org", public = false }}  # public = true to show it
description = """
Who they are and what students do there. Markdown.
"""
"#
    )
}

fn pathway(id: &str) -> String {
    format!(
        r#"# A new career pathway. Required: id, name, sector.
[[pathway]]
id = "{id}"
name = "Pathway name"
sector = "health"                        # a slug; pathways are grouped by sector
high_demand = false
# demand_source = "Regional workforce board priority list, 2026"   # why it is high-demand
# median_wage = 61200                    # annual, whole dollars
# occupations = [{{ title = "Medical Assistant", soc = "31-9092", median_wage = 45100 }}]
# credentials = ["Certified Nursing Assistant"]
# colleges = [{{ name = "Valley College", program = "Nursing AS", url = "https://example.org" }}]
description = """
What the pathway leads to. Markdown.
"""
"#
    )
}

fn chapter(name: &str) -> String {
    let title = crate::render::capitalised(name);
    format!(
        r#"+++
title = "{title}"
# weight = 10                            # order among its siblings; else the file's number; else the title
# audience = ["employers"]               # employers, educators, students, families, intermediaries
summary = "One line for listings and search"
# updated = 2026-10-01
# draft = true                           # built only with --drafts
+++
Write the chapter in Markdown. Link to other pages by their file, as in
`[first day](03-first-day.md#checklist)`, and write `{{{{ district.name }}}}` where each
district's edition should show its own value.
"#
    )
}

fn district(id: &str) -> String {
    format!(
        r#"# District `{id}`: its values fill {{{{ district.PATH }}}} in its edition of every toolkit.
name = "District name"
short_name = "Short name"
# county = "County"
# region = "Region"

[contacts.wbl_coordinator]               # any role name
name = "Name"
title = "College and Career Coordinator"
email = "name@example.org"
phone = "555-0100"
public = true                            # false keeps it out of every page

[calendar]
# school_year = {{ starts = 2026-08-12, ends = 2027-06-03 }}
# application_windows = [{{ kind = "internship", opens = 2027-02-01, closes = 2027-03-15 }}]

[policies]
# transportation = "Families arrange transport."
# minimum_age_offsite = 16

# [forms.parent_consent]
# title = "Parent/guardian consent"
# url = "https://example.org/forms/consent.pdf"
# languages = ["en", "es"]

[values]
# anything else a toolkit refers to

[omit]
# toolkit-id = ["page/path"]             # pages left out of this district's edition
"#
    )
}
