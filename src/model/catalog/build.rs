//! Catalog loading and validation: raw records → a linked [`Catalog`], with every rule of
//! format section 5 checked and each problem located at its field.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use toml::Spanned;

use super::*;
use crate::config::{Date, SiteConfig};
use crate::diagnostics::{closest, Diagnostic};
use crate::load::catalog::{
    records, Parsed, RawContact, RawEmployer, RawOpportunity, RawPathway, Record,
};
use crate::load::{self, SourceFile};
use crate::slug::is_slug;

/// Opportunity ids that would collide with the catalog's own pages.
pub const RESERVED_OPPORTUNITY_IDS: &[&str] = &[
    "archive", "page", "kind", "stage", "pathway", "modality", "pay", "district", "employer",
];

/// A record with the file it came from.
struct Sourced<'a, T> {
    file: &'a SourceFile,
    record: Record<T>,
}

impl<T> Sourced<'_, T> {
    /// An error about this record; the message is prefixed with the record's name.
    fn error(&self, offset: usize, message: impl AsRef<str>) -> Diagnostic {
        let message = format!("{}: {}", self.record.name, message.as_ref());
        Diagnostic::error(&self.file.path, message).at(self.file.position(offset))
    }

    fn warning(&self, offset: usize, message: impl AsRef<str>) -> Diagnostic {
        let message = format!("{}: {}", self.record.name, message.as_ref());
        Diagnostic::warning(&self.file.path, message).at(self.file.position(offset))
    }

    fn start(&self) -> usize {
        self.record.span.start
    }
}

/// Loads `content/catalog/`. `today` decides which listings are open.
/// `districts` are the ids of the site's districts, which opportunities may name.
pub fn load(
    root: &Path,
    config: &SiteConfig,
    today: Date,
    districts: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
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
    let read_files = |kind: &str, diagnostics: &mut Vec<Diagnostic>| -> Vec<SourceFile> {
        let files: Vec<Result<SourceFile, Diagnostic>> = paths
            .get(kind)
            .map(|p| {
                p.par_iter()
                    .map(|path| SourceFile::read(root, path))
                    .collect()
            })
            .unwrap_or_default();
        files
            .into_iter()
            .filter_map(|f| f.map_err(|d| diagnostics.push(d)).ok())
            .collect()
    };
    let pathway_files = read_files("pathways", diagnostics);
    let employer_files = read_files("employers", diagnostics);
    let opportunity_files = read_files("opportunities", diagnostics);

    let (raw_pathways, broken_pathways) =
        parse_all::<RawPathway>(&pathway_files, "pathway", diagnostics);
    let (raw_employers, broken_employers) =
        parse_all::<RawEmployer>(&employer_files, "employer", diagnostics);
    let (raw_opportunities, _) =
        parse_all::<RawOpportunity>(&opportunity_files, "opportunity", diagnostics);

    let pathway_ids = unique_ids(&raw_pathways, |r| &r.id, "pathway", &[], diagnostics);
    let employer_ids = unique_ids(&raw_employers, |r| &r.id, "employer", &[], diagnostics);
    let opportunity_ids = unique_ids(
        &raw_opportunities,
        |r| &r.id,
        "opportunity",
        RESERVED_OPPORTUNITY_IDS,
        diagnostics,
    );

    let pathway_index: BTreeMap<String, usize> = pathway_ids
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect();
    let employer_index: BTreeMap<String, usize> = employer_ids
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect();

    let mut pathways: Vec<Pathway> = pathway_ids
        .values()
        .map(|&i| pathway(&raw_pathways[i], diagnostics))
        .collect();
    let mut employers: Vec<Employer> = employer_ids
        .values()
        .map(|&i| {
            employer(
                &raw_employers[i],
                (&pathway_index, &broken_pathways),
                diagnostics,
            )
        })
        .collect();
    let context = Context {
        pathways: (&pathway_index, &broken_pathways),
        employers: (&employer_index, &broken_employers),
        employer_types: employers.iter().map(|e| e.org_type).collect(),
        minimum_wage: config.minimum_wage,
        today,
        districts,
    };
    let opportunities: Vec<Opportunity> = opportunity_ids
        .values()
        .filter_map(|&i| {
            opportunity(&raw_opportunities[i], &context, diagnostics)
                .map(|o| Opportunity { order: i, ..o })
        })
        .collect();

    for (o, opportunity) in opportunities.iter().enumerate() {
        employers[opportunity.employer].opportunities.push(o);
        for &p in &opportunity.pathways {
            pathways[p].opportunities.push(o);
            if !pathways[p].employers.contains(&opportunity.employer) {
                pathways[p].employers.push(opportunity.employer);
            }
        }
    }
    for (e, employer) in employers.iter().enumerate() {
        for &p in &employer.pathways {
            if !pathways[p].employers.contains(&e) {
                pathways[p].employers.push(e);
            }
        }
    }
    for pathway in &mut pathways {
        pathway.employers.sort_unstable();
    }
    Catalog {
        pathways,
        employers,
        opportunities,
    }
}

/// Reads every record of one kind. Returns them with the ids of records that could not be
/// read, so that references to those are not reported a second time.
fn parse_all<'a, T: serde::de::DeserializeOwned + Send>(
    files: &'a [SourceFile],
    table: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Sourced<'a, T>>, BTreeSet<String>) {
    let parsed: Vec<Parsed<T>> = files.par_iter().map(|f| records::<T>(f, table)).collect();
    let mut out = Vec::new();
    let mut broken = BTreeSet::new();
    for (file, parsed) in files.iter().zip(parsed) {
        diagnostics.extend(parsed.problems);
        broken.extend(parsed.broken_ids);
        out.extend(
            parsed
                .records
                .into_iter()
                .map(|record| Sourced { file, record }),
        );
    }
    (out, broken)
}

/// Maps each valid, unique id to its record; reports bad, reserved and repeated ids.
fn unique_ids<T>(
    records: &[Sourced<T>],
    id: impl Fn(&T) -> &Spanned<String>,
    kind: &str,
    reserved: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, usize> {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (i, sourced) in records.iter().enumerate() {
        let spanned = id(&sourced.record.value);
        let value = spanned.get_ref();
        if !is_slug(value) {
            diagnostics.push(
                sourced
                    .error(spanned.span().start, "the id is not a slug")
                    .help(format!(
                        "ids are lowercase letters, digits and single hyphens, e.g. `{}`",
                        crate::slug::slugify(value)
                    )),
            );
            continue;
        }
        if reserved.contains(&value.as_str()) {
            diagnostics.push(
                sourced
                    .error(
                        spanned.span().start,
                        "the id is reserved for the site's own pages",
                    )
                    .help(format!(
                        "choose another id; reserved: {}",
                        reserved.join(", ")
                    )),
            );
            continue;
        }
        if let Some(&first) = ids.get(value) {
            let other = &records[first];
            let at = other.file.position(id(&other.record.value).span().start);
            diagnostics.push(
                sourced
                    .error(
                        spanned.span().start,
                        format!("another {kind} already has this id"),
                    )
                    .help(format!(
                        "it is first used at {}:{}:{}; ids must be unique across all {kind} files",
                        crate::diagnostics::display_path(&other.file.path),
                        at.line,
                        at.col
                    )),
            );
            continue;
        }
        ids.insert(value.clone(), i);
    }
    ids
}

/// Resolves an id reference, reporting a dangling one with the closest id.
fn reference<T>(
    sourced: &Sourced<T>,
    spanned: &Spanned<String>,
    (index, broken): (&BTreeMap<String, usize>, &BTreeSet<String>),
    kind: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let value = spanned.get_ref();
    if let Some(&i) = index.get(value) {
        return Some(i);
    }
    if broken.contains(value) {
        // The record exists but could not be read; its own error says why.
        return None;
    }
    let help = match closest(value, index.keys().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None if index.is_empty() => {
            format!("there are no {kind} records; add them under content/catalog/{kind}s/")
        }
        None => format!("use the id of a record in content/catalog/{kind}s/"),
    };
    diagnostics.push(
        sourced
            .error(
                spanned.span().start,
                format!("no {kind} has the id `{value}`"),
            )
            .help(help),
    );
    None
}

/// Checks a URL field: only the given schemes are allowed.
fn url<T>(
    sourced: &Sourced<T>,
    spanned: &Option<Spanned<String>>,
    field: &str,
    schemes: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let spanned = spanned.as_ref()?;
    let value = spanned.get_ref().trim();
    match crate::markdown::scheme_of(value) {
        Some(scheme) if schemes.contains(&scheme.as_str()) && value.len() > scheme.len() + 1 => {
            Some(value.to_string())
        }
        _ => {
            diagnostics.push(
                sourced
                    .error(
                        spanned.span().start,
                        format!(
                            "`{field}` must be a full {} address, not `{value}`",
                            schemes.join(" or ")
                        ),
                    )
                    .help(format!(
                        "for example: {field} = \"https://example.org/apply\""
                    )),
            );
            None
        }
    }
}

fn text<T>(sourced: &Sourced<T>, spanned: &Option<Spanned<String>>) -> Text {
    match spanned {
        Some(s) => Text {
            markdown: s.get_ref().clone(),
            file: sourced.file.path.clone(),
            position: sourced.file.position(s.span().start),
        },
        None => Text {
            file: sourced.file.path.clone(),
            position: sourced.file.position(sourced.start()),
            ..Text::default()
        },
    }
}

/// Only contacts marked `public = true` survive loading.
fn public_contact(contact: &Option<RawContact>) -> Option<Contact> {
    contact.as_ref().filter(|c| c.public).map(|c| Contact {
        name: c.name.clone(),
        title: c.title.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
    })
}

fn pathway(sourced: &Sourced<RawPathway>, diagnostics: &mut Vec<Diagnostic>) -> Pathway {
    let raw = &sourced.record.value;
    if !is_slug(raw.sector.get_ref()) {
        diagnostics.push(
            sourced
                .error(
                    raw.sector.span().start,
                    format!("sector `{}` is not a slug", raw.sector.get_ref()),
                )
                .help(format!(
                    "for example: sector = \"{}\"",
                    crate::slug::slugify(raw.sector.get_ref())
                )),
        );
    }
    if raw.high_demand
        && raw
            .demand_source
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        diagnostics.push(
            sourced
                .warning(raw.id.span().start, "marked high-demand without a `demand_source`")
                .help("name the list that makes it high-demand, e.g. demand_source = \"Regional workforce board priority list, 2026\""),
        );
    }
    let occupations = raw
        .occupations
        .iter()
        .map(|o| {
            if let Some(soc) = &o.soc {
                let valid = soc.get_ref().len() == 7
                    && soc.get_ref().chars().enumerate().all(|(i, c)| {
                        if i == 2 {
                            c == '-'
                        } else {
                            c.is_ascii_digit()
                        }
                    });
                if !valid {
                    diagnostics.push(
                        sourced
                            .error(
                                soc.span().start,
                                format!("`{}` is not a SOC code", soc.get_ref()),
                            )
                            .help("SOC codes look like 31-9092"),
                    );
                }
            }
            Occupation {
                title: o.title.clone(),
                soc: o.soc.as_ref().map(|s| s.get_ref().clone()),
                median_wage: o.median_wage,
            }
        })
        .collect();
    let colleges = raw
        .colleges
        .iter()
        .map(|c| College {
            name: c.name.clone(),
            program: c.program.clone(),
            url: url(sourced, &c.url, "url", &["https", "http"], diagnostics),
        })
        .collect();
    Pathway {
        id: raw.id.get_ref().clone(),
        name: raw.name.clone(),
        sector: raw.sector.get_ref().clone(),
        high_demand: raw.high_demand,
        demand_source: raw.demand_source.clone(),
        median_wage: raw.median_wage,
        occupations,
        credentials: raw.credentials.clone(),
        colleges,
        description: text(sourced, &raw.description),
        employers: Vec::new(),
        opportunities: Vec::new(),
    }
}

fn employer(
    sourced: &Sourced<RawEmployer>,
    pathways: (&BTreeMap<String, usize>, &BTreeSet<String>),
    diagnostics: &mut Vec<Diagnostic>,
) -> Employer {
    let raw = &sourced.record.value;
    let mut linked: Vec<usize> = raw
        .pathways
        .iter()
        .filter_map(|p| reference(sourced, p, pathways, "pathway", diagnostics))
        .collect();
    linked.sort_unstable();
    linked.dedup();
    let mut hosts = raw.hosts.clone();
    hosts.sort_unstable();
    hosts.dedup();
    Employer {
        id: raw.id.get_ref().clone(),
        name: raw.name.clone(),
        org_type: raw.org_type,
        pathways: linked,
        website: url(
            sourced,
            &raw.website,
            "website",
            &["https", "http"],
            diagnostics,
        ),
        city: raw.city.clone(),
        hosts,
        contact: public_contact(&raw.contact),
        description: text(sourced, &raw.description),
        opportunities: Vec::new(),
    }
}

/// What opportunity checks need to know about the rest of the catalog.
struct Context<'a> {
    pathways: (&'a BTreeMap<String, usize>, &'a BTreeSet<String>),
    employers: (&'a BTreeMap<String, usize>, &'a BTreeSet<String>),
    employer_types: Vec<OrgType>,
    minimum_wage: Option<f64>,
    today: Date,
    districts: &'a [&'a str],
}

fn date<T>(
    sourced: &Sourced<T>,
    spanned: &Option<Spanned<toml::value::Datetime>>,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let spanned = spanned.as_ref()?;
    let date = Date::from_toml(spanned.get_ref());
    if date.is_none() {
        diagnostics.push(
            sourced
                .error(spanned.span().start, format!("`{field}` must be a date"))
                .help(format!("write it as a bare date: {field} = 2027-03-15")),
        );
    }
    date
}

fn opportunity(
    sourced: &Sourced<RawOpportunity>,
    context: &Context,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Opportunity> {
    let raw = &sourced.record.value;
    let before = diagnostics.iter().filter(|d| d.is_error()).count();
    let employer = reference(
        sourced,
        &raw.employer,
        context.employers,
        "employer",
        diagnostics,
    );
    let mut pathways: Vec<usize> = raw
        .pathways
        .iter()
        .filter_map(|p| reference(sourced, p, context.pathways, "pathway", diagnostics))
        .collect();
    pathways.sort_unstable();
    pathways.dedup();
    let kind = *raw.kind.get_ref();
    let id = raw.id.get_ref();

    if matches!(kind.stage(), Stage::Preparation | Stage::Training) && raw.pathways.is_empty() {
        diagnostics.push(
            sourced
                .error(raw.kind.span().start, format!("kind `{}` is at the {} stage and needs `pathways`", kind.slug(), kind.stage().slug()))
                .help("add the career pathways it builds toward, e.g. pathways = [\"health-science\"]"),
        );
    }
    if raw.modality != Modality::Virtual && raw.city.as_deref().is_none_or(|c| c.trim().is_empty())
    {
        diagnostics.push(
            sourced
                .error(sourced.start(), format!("modality `{}` needs a `city`", raw.modality.slug()))
                .help("add where it takes place, e.g. city = \"Downey\", or set modality = \"virtual\""),
        );
    }

    let mut grades = Vec::new();
    if raw.grades.get_ref().is_empty() {
        diagnostics.push(
            sourced
                .error(raw.grades.span().start, "`grades` is empty")
                .help("list the grades it is open to, from 6 to 14 (13-14 are the first postsecondary years)"),
        );
    }
    for grade in raw.grades.get_ref() {
        match u8::try_from(*grade.get_ref()) {
            Ok(g) if (6..=14).contains(&g) => grades.push(g),
            _ => diagnostics.push(
                sourced
                    .error(
                        grade.span().start,
                        format!("grade {} is outside 6..14", grade.get_ref()),
                    )
                    .help(
                        "grades run from 6 to 14; 13 and 14 are the first two postsecondary years",
                    ),
            ),
        }
    }
    grades.sort_unstable();
    grades.dedup();

    let starts = date(sourced, &raw.starts, "starts", diagnostics);
    let ends = date(sourced, &raw.ends, "ends", diagnostics);
    let deadline = date(sourced, &raw.deadline, "deadline", diagnostics);
    if let (Some(s), Some(e), Some(span)) = (starts, ends, raw.ends.as_ref()) {
        if e < s {
            diagnostics.push(
                sourced
                    .error(
                        span.span().start,
                        format!("`ends` ({}) is before `starts` ({})", e.iso(), s.iso()),
                    )
                    .help("check the two dates; an event on one day has the same starts and ends"),
            );
        }
    }
    if let (Some(d), Some(e), Some(span)) = (deadline, ends, raw.deadline.as_ref()) {
        if d > e {
            diagnostics.push(
                sourced
                    .error(
                        span.span().start,
                        format!("`deadline` ({}) is after `ends` ({})", d.iso(), e.iso()),
                    )
                    .help("the application deadline must come before the opportunity ends"),
            );
        }
    }

    let pay = raw.pay.as_ref().map(|p| {
        let pay = p.get_ref();
        if !(pay.amount.is_finite() && pay.amount > 0.0) {
            diagnostics.push(
                sourced
                    .error(p.span().start, "pay `amount` must be more than 0")
                    .help("leave `pay` out for an unpaid opportunity"),
            );
        }
        if let (PayType::Hourly, Some(minimum)) = (pay.kind, context.minimum_wage) {
            if pay.amount < minimum {
                diagnostics.push(
                    sourced
                        .error(
                            p.span().start,
                            format!(
                                "hourly pay {:.2} is below the minimum wage of {minimum:.2}",
                                pay.amount
                            ),
                        )
                        .help(
                            "raise the pay to at least the minimum wage set in content/site.toml",
                        ),
                );
            }
        }
        Pay {
            kind: pay.kind,
            amount: pay.amount,
        }
    });

    for district in &raw.districts {
        if !context.districts.contains(&district.get_ref().as_str()) {
            let help = match closest(district.get_ref(), context.districts.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if context.districts.is_empty() => {
                    "the site has no districts yet; add content/districts/<id>/district.toml"
                        .to_string()
                }
                None => format!("districts: {}", context.districts.join(", ")),
            };
            diagnostics.push(
                sourced
                    .error(
                        district.span().start,
                        format!("no district has the id `{}`", district.get_ref()),
                    )
                    .help(help),
            );
        }
    }

    // Warnings: allowed, but worth a second look.
    if let Some(e) = employer {
        if kind == Kind::Internship
            && pay.is_none()
            && context.employer_types[e] == OrgType::ForProfit
        {
            diagnostics.push(
                sourced
                    .warning(raw.kind.span().start, "an unpaid internship at a for-profit employer")
                    .help("unpaid internships at for-profit employers must pass the federal primary-beneficiary test; consider pay"),
            );
        }
    }
    if let (Some(age), Some(hours)) = (&raw.min_age, &raw.hours_per_week) {
        if *age.get_ref() < 16 && *hours.get_ref() > 18.0 {
            diagnostics.push(
                sourced
                    .warning(hours.span().start, format!("{} hours a week is over the federal limit of 18 for ages 14-15", hours.get_ref()))
                    .help("in school weeks, 14- and 15-year-olds may work at most 18 hours; raise min_age or lower the hours"),
            );
        }
    }
    if let (Some(d), None, Some(span)) = (deadline, ends, raw.deadline.as_ref()) {
        if d < context.today {
            diagnostics.push(
                sourced
                    .warning(span.span().start, format!("the deadline {} has passed and the listing has no `ends`", d.iso()))
                    .help("it is shown in the archive; add `ends`, or a new deadline if it is still open"),
            );
        }
    }

    let apply_url = url(
        sourced,
        &raw.apply_url,
        "apply_url",
        &["https", "http", "mailto"],
        diagnostics,
    );
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > before {
        return None;
    }

    let status = status(deadline, ends, context.today);
    let mut principles = raw.principles.clone();
    if pay.is_some() || raw.credit.is_some() {
        principles.push(Principle::Compensated);
    }
    principles.sort_unstable();
    principles.dedup();
    let mut supports = raw.supports.clone();
    supports.sort_unstable();
    supports.dedup();
    let mut districts: Vec<String> = raw.districts.iter().map(|d| d.get_ref().clone()).collect();
    districts.sort();
    districts.dedup();
    Some(Opportunity {
        id: id.clone(),
        order: 0,
        title: raw.title.clone(),
        employer: employer?,
        kind,
        pathways,
        modality: raw.modality,
        grades,
        summary: raw.summary.clone().filter(|s| !s.trim().is_empty()),
        districts,
        city: raw.city.clone(),
        schedule: raw.schedule.clone(),
        hours: raw.hours.as_ref().map(|h| *h.get_ref()),
        hours_per_week: raw.hours_per_week.as_ref().map(|h| *h.get_ref()),
        starts,
        ends,
        deadline,
        seats: raw.seats,
        min_age: raw.min_age.as_ref().map(|a| *a.get_ref()),
        pay,
        credit: raw.credit.clone(),
        skills: raw.skills.clone(),
        tasks: raw.tasks.clone(),
        credentials: raw.credentials.clone(),
        supports,
        principles,
        apply_url,
        contact: public_contact(&raw.contact),
        description: text(sourced, &raw.description),
        status,
        file: sourced.file.path.clone(),
    })
}

/// Open until the deadline (or, without one, until it ends); "closing soon" in the last
/// [`CLOSING_SOON_DAYS`].
fn status(deadline: Option<Date>, ends: Option<Date>, today: Date) -> Status {
    match (deadline, ends) {
        (Some(d), _) if d < today => Status::Closed,
        (Some(d), _) if d.to_days() - today.to_days() <= CLOSING_SOON_DAYS => Status::ClosingSoon,
        (None, Some(e)) if e < today => Status::Closed,
        _ => Status::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Date {
        let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
        Date {
            year: parts[0] as i32,
            month: parts[1] as u8,
            day: parts[2] as u8,
        }
    }

    #[test]
    fn status_follows_the_deadline_then_the_end() {
        let today = day("2026-11-01");
        assert_eq!(status(Some(day("2026-10-31")), None, today), Status::Closed);
        assert_eq!(
            status(Some(day("2026-11-01")), None, today),
            Status::ClosingSoon
        );
        assert_eq!(
            status(Some(day("2026-11-15")), None, today),
            Status::ClosingSoon
        );
        assert_eq!(status(Some(day("2026-11-16")), None, today), Status::Open);
        assert_eq!(status(None, Some(day("2026-10-01")), today), Status::Closed);
        assert_eq!(status(None, None, today), Status::Open);
    }
}
