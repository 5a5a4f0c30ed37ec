//! `trellis new`: a commented template for a new record or page, written where it belongs,
//! with the required fields to fill in.

use std::path::{Path, PathBuf};

use crate::diagnostics::Error;
use crate::slug::is_slug;

/// What `trellis new` can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    Opportunity,
    Employer,
    Pathway,
    Chapter,
    District,
}

/// Writes the template for `what` named `id` (for a chapter, `<toolkit>/<file-name>`).
/// Returns the file written. Refuses to overwrite.
pub fn create(root: &Path, what: Template, id: &str) -> Result<PathBuf, Error> {
    let (path, text) = match what {
        Template::Opportunity => (
            format!("content/catalog/opportunities/{}.toml", slug(id)?),
            opportunity(id),
        ),
        Template::Employer => (
            format!("content/catalog/employers/{}.toml", slug(id)?),
            employer(id),
        ),
        Template::Pathway => (
            format!("content/catalog/pathways/{}.toml", slug(id)?),
            pathway(id),
        ),
        Template::District => (
            format!("content/districts/{}/district.toml", slug(id)?),
            district(id),
        ),
        Template::Chapter => {
            let (toolkit, file) = id.split_once('/').ok_or_else(|| {
                Error::new(
                    id,
                    "name a chapter as <toolkit>/<file name>, e.g. employer-guide/11-safety",
                )
            })?;
            if !root.join("content/toolkits").join(toolkit).is_dir() {
                return Err(Error::new(
                    id,
                    format!("there is no toolkit `{toolkit}` under content/toolkits/"),
                ));
            }
            let file = file.trim_end_matches(".md");
            let (_, name) = crate::slug::split_prefix(file.rsplit('/').next().unwrap_or(file));
            slug(name)?;
            (
                format!("content/toolkits/{toolkit}/{file}.md"),
                chapter(name),
            )
        }
    };
    let full = root.join(&path);
    if full.exists() {
        return Err(Error::new(
            &full,
            "already exists; choose another id or edit it",
        ));
    }
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&full, text).map_err(|e| Error::io(&full, e))?;
    Ok(PathBuf::from(path))
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
    let title = crate::render::sector_label(name);
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
