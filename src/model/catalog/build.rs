//! Catalog validation: parsed records → a linked [`Catalog`], with every rule of
//! docs/content-format.md §8 (The catalog) checked and each problem located at its field.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use toml::Spanned;

use super::translation::translations;
use super::*;
use crate::diagnostics::{closest, Diagnostic};
use crate::load::catalog::{RawContact, RawEmployer, RawOccupation, RawPathway, Record};
use crate::load::SourceFile;
use crate::slug::{is_slug, MAX_ID_CHARS};

use super::numbers::{bounded_whole, MEDIAN_WAGE};
use super::opportunity::{opportunity, Context};
use super::sources::{Built, Inputs, ParsedFile};

/// Opportunity ids that would collide with the catalog's own pages.
pub const RESERVED_OPPORTUNITY_IDS: &[&str] = &[
    "archive", "page", "kind", "stage", "pathway", "modality", "pay", "district", "employer",
];

/// A record with the file it came from.
pub(super) struct Sourced<'a, T> {
    pub(super) file: &'a SourceFile,
    pub(super) record: &'a Record<T>,
}

impl<T> Sourced<'_, T> {
    /// An error about this record; the message is prefixed with the record's name.
    /// In a spreadsheet, the prefix also names the cell at `offset` ("column E, `kind`").
    pub(super) fn error(&self, offset: usize, message: impl AsRef<str>) -> Diagnostic {
        let message = format!("{}: {}", self.prefix(offset), message.as_ref());
        Diagnostic::error(&self.file.path, message).at(self.file.position(offset))
    }

    /// A warning about this record, prefixed like [`Sourced::error`].
    pub(super) fn warning(&self, offset: usize, message: impl AsRef<str>) -> Diagnostic {
        let message = format!("{}: {}", self.prefix(offset), message.as_ref());
        Diagnostic::warning(&self.file.path, message).at(self.file.position(offset))
    }

    fn prefix(&self, offset: usize) -> String {
        crate::load::catalog::record_prefix(self.file, &self.record.name, offset)
    }

    pub(super) fn start(&self) -> usize {
        self.record.span.start
    }

    /// A value as written in the file, for messages that quote it ("found 1e-300").
    pub(super) fn written(&self, span: std::ops::Range<usize>) -> &str {
        self.file.text.get(span).unwrap_or_default().trim()
    }
}

/// Validates and links every parsed record: the catalog and what building it reported.
/// It reads nothing but `inputs`, so a catalog kept for equal inputs is the one this would
/// build (see [`crate::memo`]).
pub(super) fn build(inputs: &Inputs) -> Built {
    let mut diagnostics = Vec::new();
    let catalog = link(inputs, &mut diagnostics);
    Built {
        catalog: Arc::new(catalog),
        diagnostics,
    }
}

/// Validates every record and links them by index: a flat run of steps, one per kind of
/// record, so it is long.
fn link(inputs: &Inputs, diagnostics: &mut Vec<Diagnostic>) -> Catalog {
    let unreadable = |kind| inputs.unreadable.contains(kind);
    let (raw_pathways, mut broken_pathways) =
        gather(&inputs.pathways, unreadable("pathways"), diagnostics);
    let (raw_employers, mut broken_employers) =
        gather(&inputs.employers, unreadable("employers"), diagnostics);
    let (raw_opportunities, _) = gather(
        &inputs.opportunities,
        unreadable("opportunities"),
        diagnostics,
    );

    let (pathway_ids, too_long) = unique_ids(&raw_pathways, |r| &r.id, "pathway", &[], diagnostics);
    broken_pathways.ids.extend(too_long);
    let (employer_ids, too_long) =
        unique_ids(&raw_employers, |r| &r.id, "employer", &[], diagnostics);
    broken_employers.ids.extend(too_long);
    let (opportunity_ids, _) = unique_ids(
        &raw_opportunities,
        |r| &r.id,
        "opportunity",
        RESERVED_OPPORTUNITY_IDS,
        diagnostics,
    );

    let pathway_index: BTreeMap<String, PathwayIdx> = pathway_ids
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), PathwayIdx(i)))
        .collect();
    let employer_index: BTreeMap<String, EmployerIdx> = employer_ids
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), EmployerIdx(i)))
        .collect();

    let mut pathways: Vec<Pathway> = pathway_ids
        .values()
        .map(|&i| {
            let translations = translations(&raw_pathways[i], PATHWAY_TEXT, inputs, diagnostics);
            Pathway {
                translations,
                ..pathway(&raw_pathways[i], diagnostics)
            }
        })
        .collect();
    let mut employers: Vec<Employer> = employer_ids
        .values()
        .map(|&i| {
            let sourced = &raw_employers[i];
            Employer {
                translations: translations(sourced, EMPLOYER_TEXT, inputs, diagnostics),
                ..employer(sourced, (&pathway_index, &broken_pathways), diagnostics)
            }
        })
        .collect();
    let districts: Vec<&str> = inputs.districts.iter().map(String::as_str).collect();
    let context = Context {
        pathways: (&pathway_index, &broken_pathways),
        employers: (&employer_index, &broken_employers),
        employer_types: employers.iter().map(|e| e.org_type).collect(),
        minimum_wage: inputs.minimum_wage.as_ref(),
        today: inputs.today,
        districts: &districts,
        district_rules: &inputs.district_rules,
    };
    let opportunities: Vec<Opportunity> = opportunity_ids
        .values()
        .filter_map(|&i| {
            let sourced = &raw_opportunities[i];
            opportunity(sourced, &context, diagnostics).map(|o| Opportunity {
                order: i,
                translations: translations(sourced, OPPORTUNITY_TEXT, inputs, diagnostics),
                ..o
            })
        })
        .collect();

    link_back(&mut pathways, &mut employers, &opportunities);
    Catalog {
        pathways,
        employers,
        opportunities,
    }
}

/// Fills in the links back from employers and pathways: each employer's opportunities, and
/// each pathway's opportunities and the employers that name it or host in it (each once, in
/// index order: gathered, then sorted and deduplicated, since a pathway of a statewide
/// catalog has thousands of employers to look through).
fn link_back(pathways: &mut [Pathway], employers: &mut [Employer], opportunities: &[Opportunity]) {
    for (o, opportunity) in opportunities.iter().enumerate() {
        let o = OpportunityIdx(o);
        employers[opportunity.employer.0].opportunities.push(o);
        for &p in &opportunity.pathways {
            let pathway = &mut pathways[p.0];
            pathway.opportunities.push(o);
            pathway.employers.push(opportunity.employer);
        }
    }
    for (e, employer) in employers.iter().enumerate() {
        for &p in &employer.pathways {
            pathways[p.0].employers.push(EmployerIdx(e));
        }
    }
    for pathway in pathways {
        pathway.employers.sort_unstable();
        pathway.employers.dedup();
    }
}

/// The ids of one kind's records that exist but could not be read, so that references to
/// them are not reported a second time. When a whole file failed (unreadable, or not
/// TOML), any id might have been in it.
#[derive(Debug, Default)]
pub(super) struct Broken {
    ids: BTreeSet<String>,
    any: bool,
}

impl Broken {
    fn covers(&self, id: &str) -> bool {
        self.any || self.ids.contains(id)
    }
}

/// Every record of one kind with the file it came from, and what could not be read.
/// `unreadable`: a file of this kind could not be read at all.
fn gather<'a, T>(
    files: &'a [ParsedFile<T>],
    unreadable: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Sourced<'a, T>>, Broken) {
    let mut out = Vec::new();
    let mut broken = Broken {
        any: unreadable,
        ..Broken::default()
    };
    for ParsedFile { file, parsed } in files {
        let parsed = parsed.get();
        diagnostics.extend(parsed.problems.iter().cloned());
        broken.ids.extend(parsed.broken_ids.iter().cloned());
        broken.any |= parsed.ids_unknown;
        out.extend(parsed.records.iter().map(|record| Sourced { file, record }));
    }
    (out, broken)
}

/// Maps each valid, unique id to its record; reports bad, reserved and repeated ids. Also
/// returns the ids refused for their length, which references may still name.
fn unique_ids<T>(
    records: &[Sourced<T>],
    id: impl Fn(&T) -> &Spanned<String>,
    kind: &str,
    reserved: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut too_long = Vec::new();
    for (i, sourced) in records.iter().enumerate() {
        let spanned = id(&sourced.record.value);
        let value = spanned.get_ref();
        let length = value.chars().count();
        if length > MAX_ID_CHARS {
            diagnostics.push(
                sourced
                    .error(
                        spanned.span().start,
                        format!("the id is {length} characters long; ids may have at most {MAX_ID_CHARS}"),
                    )
                    .help("shorten the id to a few words; it becomes part of the page's URL"),
            );
            too_long.push(value.clone());
            continue;
        }
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
    (ids, too_long)
}

/// Resolves an id reference, reporting a dangling one with the closest id.
pub(super) fn reference<T, I: Copy>(
    sourced: &Sourced<T>,
    spanned: &Spanned<String>,
    (index, broken): (&BTreeMap<String, I>, &Broken),
    kind: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<I> {
    let value = spanned.get_ref();
    if let Some(&i) = index.get(value) {
        return Some(i);
    }
    if broken.covers(value) {
        // The record may exist but could not be read; its own error says why.
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
pub(super) fn url<T>(
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

pub(super) fn text<T>(sourced: &Sourced<T>, spanned: &Option<Spanned<String>>) -> Text {
    match spanned {
        Some(s) => Text {
            // The line end that closes a TOML multi-line string is not part of the text, and a
            // spreadsheet cell has none: both read as the same description.
            markdown: s.get_ref().trim_end().to_string(),
            file: sourced.file.path.clone(),
            position: sourced.file.position(s.span().start),
            literal: sourced
                .file
                .text
                .get(s.span())
                .unwrap_or_default()
                .to_string(),
        },
        None => Text {
            file: sourced.file.path.clone(),
            position: sourced.file.position(sourced.start()),
            ..Text::default()
        },
    }
}

/// Only contacts marked `public = true` survive loading.
pub(super) fn public_contact(contact: &Option<RawContact>) -> Option<Contact> {
    contact.as_ref().filter(|c| c.public).map(|c| Contact {
        name: c.name.clone(),
        title: c.title.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
    })
}

/// A pathway record, checked: its sector a slug, a high-demand mark with its source, its
/// occupations' SOC codes and wages.
fn pathway(sourced: &Sourced<RawPathway>, diagnostics: &mut Vec<Diagnostic>) -> Pathway {
    let raw = &sourced.record.value;
    check_sector(sourced, diagnostics);
    check_demand_source(sourced, diagnostics);
    let occupations = raw
        .occupations
        .iter()
        .map(|o| occupation(sourced, o, diagnostics))
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
        translations: Vec::new(),
        untranslated: Vec::new(),
        id: raw.id.get_ref().clone(),
        name: raw.name.clone(),
        sector: raw.sector.get_ref().clone(),
        high_demand: raw.high_demand,
        demand_source: raw.demand_source.clone(),
        median_wage: raw
            .median_wage
            .as_ref()
            .and_then(|w| bounded_whole(sourced, "median_wage", w, &MEDIAN_WAGE, diagnostics)),
        occupations,
        credentials: raw.credentials.clone(),
        colleges,
        description: text(sourced, &raw.description),
        employers: Vec::new(),
        opportunities: Vec::new(),
    }
}

/// A pathway's sector is part of URLs, so it must be a slug.
fn check_sector(sourced: &Sourced<RawPathway>, diagnostics: &mut Vec<Diagnostic>) {
    let sector = &sourced.record.value.sector;
    if !is_slug(sector.get_ref()) {
        diagnostics.push(
            sourced
                .error(
                    sector.span().start,
                    format!("sector `{}` is not a slug", sector.get_ref()),
                )
                .help(format!(
                    "for example: sector = \"{}\"",
                    crate::slug::slugify(sector.get_ref())
                )),
        );
    }
}

/// What to do when a pathway is marked high-demand without saying by whose list.
const DEMAND_SOURCE_HELP: &str = "name the list that makes it high-demand, e.g. demand_source = \"Regional workforce board priority list, 2026\"";

/// A high-demand mark names its source (a warning when it does not).
fn check_demand_source(sourced: &Sourced<RawPathway>, diagnostics: &mut Vec<Diagnostic>) {
    let raw = &sourced.record.value;
    let unsourced = raw
        .demand_source
        .as_deref()
        .is_none_or(|s| s.trim().is_empty());
    if raw.high_demand && unsourced {
        diagnostics.push(
            sourced
                .warning(
                    raw.id.span().start,
                    "marked high-demand without a `demand_source`",
                )
                .help(DEMAND_SOURCE_HELP),
        );
    }
}

/// Whether `soc` has the shape of a SOC code: two digits, a hyphen, four digits.
fn is_soc_code(soc: &str) -> bool {
    soc.len() == 7
        && soc
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 2 { c == '-' } else { c.is_ascii_digit() })
}

/// One occupation of a pathway, its SOC code checked and its wage bounded.
fn occupation(
    sourced: &Sourced<RawPathway>,
    raw: &RawOccupation,
    diagnostics: &mut Vec<Diagnostic>,
) -> Occupation {
    if let Some(soc) = raw.soc.as_ref().filter(|s| !is_soc_code(s.get_ref())) {
        diagnostics.push(
            sourced
                .error(
                    soc.span().start,
                    format!("`{}` is not a SOC code", soc.get_ref()),
                )
                .help("SOC codes look like 31-9092"),
        );
    }
    Occupation {
        title: raw.title.clone(),
        soc: raw.soc.as_ref().map(|s| s.get_ref().clone()),
        median_wage: raw
            .median_wage
            .as_ref()
            .and_then(|w| bounded_whole(sourced, "median_wage", w, &MEDIAN_WAGE, diagnostics)),
    }
}

fn employer(
    sourced: &Sourced<RawEmployer>,
    pathways: (&BTreeMap<String, PathwayIdx>, &Broken),
    diagnostics: &mut Vec<Diagnostic>,
) -> Employer {
    let raw = &sourced.record.value;
    let mut linked: Vec<PathwayIdx> = raw
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
        translations: Vec::new(),
        untranslated: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::is_soc_code;

    #[test]
    fn a_soc_code_is_two_digits_a_hyphen_and_four_digits() {
        assert!(is_soc_code("31-9092"));
        for wrong in [
            "319092",
            "31-909",
            "31-90921",
            "3a-9092",
            "31_9092",
            "31-９０９２",
        ] {
            assert!(!is_soc_code(wrong), "{wrong}");
        }
    }
}
