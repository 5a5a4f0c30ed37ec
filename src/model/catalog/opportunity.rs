//! One opportunity record → an [`Opportunity`]: its references, dates, ages, hours, pay
//! and the warnings the format asks for (unpaid for-profit internships, long weeks for
//! under-16s, passed deadlines); pay against the minimum wage, hazards by age and the
//! districts' rules are checked in their own modules, called from here.

use std::collections::BTreeMap;

use toml::Spanned;

use super::build::{public_contact, reference, text, url, Broken, Sourced};
use super::districts::{long_school_weeks, outside_windows, DistrictRules};
use super::numbers::{
    bounded, bounded_whole, date, plain, HOURS, HOURS_PER_WEEK, MIN_AGE, PAY, SEATS,
};
use super::wages::{fixed_fee_to_minor, hourly_below_minimum, stipend_below_minimum, Minimum};
use super::*;
use crate::config::{Date, MinimumWage};
use crate::diagnostics::{closest, Diagnostic};
use crate::load::catalog::{RawOpportunity, RawPay};

/// What opportunity checks need to know about the rest of the catalog.
pub(super) struct Context<'a> {
    pub(super) pathways: (&'a BTreeMap<String, PathwayIdx>, &'a Broken),
    pub(super) employers: (&'a BTreeMap<String, EmployerIdx>, &'a Broken),
    pub(super) employer_types: Vec<OrgType>,
    pub(super) minimum_wage: Option<&'a MinimumWage>,
    pub(super) today: Date,
    pub(super) districts: &'a [&'a str],
    pub(super) district_rules: &'a [DistrictRules],
}

/// Validates one opportunity record against the rest of the catalog. Each rule is a function
/// below, called in the order its diagnostics are reported; the record is built only when
/// none of them found an error.
pub(super) fn opportunity(
    sourced: &Sourced<RawOpportunity>,
    context: &Context,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Opportunity> {
    let raw = &sourced.record.value;
    // Only this record's diagnostics are looked at: `diagnostics` holds every record's so far.
    let start = diagnostics.len();
    let employer = reference(
        sourced,
        &raw.employer,
        context.employers,
        "employer",
        diagnostics,
    );
    let pathways = pathways(sourced, context, diagnostics);
    diagnostics.extend(stage_needs_pathways(sourced));
    diagnostics.extend(place_needs_city(sourced));
    let grades = grades(sourced, diagnostics);
    let dates = dates(sourced, diagnostics);
    let minimum = Minimum::of(context.minimum_wage, dates.starts, context.today);
    let pay = raw
        .pay
        .as_ref()
        .and_then(|p| pay(sourced, p, minimum, diagnostics));
    diagnostics.extend(unknown_districts(sourced, context));
    let org_type = employer.map(|e| context.employer_types[e.0]);
    if let Some(org_type) = org_type {
        diagnostics.extend(unpaid_for_profit(sourced, org_type, &pay));
    }
    let amounts = amounts(sourced, diagnostics);
    diagnostics.extend(long_weeks_for_under_16(sourced, &amounts));
    diagnostics.extend(passed_deadline(sourced, &dates, context.today));
    let hazards = super::safety::hazards(sourced, amounts.min_age, diagnostics);
    let hours = amounts.hours;
    diagnostics.extend(stipend_below_minimum(
        sourced, &pay, hours, org_type, minimum,
    ));
    diagnostics.extend(fixed_fee_to_minor(sourced, &pay, amounts.min_age));
    let rules = context.district_rules;
    diagnostics.extend(outside_windows(sourced, dates.deadline, rules));
    let span = (dates.starts, dates.ends);
    diagnostics.extend(long_school_weeks(
        sourced,
        span,
        amounts.hours_per_week,
        rules,
    ));
    let apply_url = url(
        sourced,
        &raw.apply_url,
        "apply_url",
        &["https", "http", "mailto"],
        diagnostics,
    );
    if diagnostics[start..].iter().any(Diagnostic::is_error) {
        return None;
    }
    let checked = Checked {
        employer: employer?,
        pathways,
        grades,
        dates,
        pay,
        amounts,
        hazards,
        apply_url,
    };
    Some(assemble(sourced, checked, context.today))
}

/// The fields of a record that its rules checked and converted.
struct Checked {
    employer: EmployerIdx,
    pathways: Vec<PathwayIdx>,
    grades: Vec<u8>,
    dates: Dates,
    pay: Option<Pay>,
    amounts: Amounts,
    hazards: Vec<Hazard>,
    apply_url: Option<String>,
}

/// The three dates of a record, each one only when it parsed.
struct Dates {
    starts: Option<Date>,
    ends: Option<Date>,
    deadline: Option<Date>,
}

/// The bounded numbers of a record, each one only when it is within its limits.
struct Amounts {
    hours: Option<f64>,
    hours_per_week: Option<f64>,
    seats: Option<u32>,
    min_age: Option<u32>,
}

/// The pathways it references, sorted and without repeats; unknown ones are reported.
fn pathways(
    sourced: &Sourced<RawOpportunity>,
    context: &Context,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathwayIdx> {
    let mut pathways: Vec<PathwayIdx> = sourced
        .record
        .value
        .pathways
        .iter()
        .filter_map(|p| reference(sourced, p, context.pathways, "pathway", diagnostics))
        .collect();
    pathways.sort_unstable();
    pathways.dedup();
    pathways
}

const PATHWAYS_HELP: &str =
    "add the career pathways it builds toward, e.g. pathways = [\"health-science\"]";

/// Preparation and training build toward a career pathway, so they must name one.
fn stage_needs_pathways(sourced: &Sourced<RawOpportunity>) -> Option<Diagnostic> {
    let raw = &sourced.record.value;
    let kind = *raw.kind.get_ref();
    let needs = matches!(kind.stage(), Stage::Preparation | Stage::Training);
    (needs && raw.pathways.is_empty()).then(|| {
        let message = format!(
            "kind `{}` is at the {} stage and needs `pathways`",
            kind.slug(),
            kind.stage().slug()
        );
        sourced
            .error(raw.kind.span().start, message)
            .help(PATHWAYS_HELP)
    })
}

const CITY_HELP: &str =
    "add where it takes place, e.g. city = \"Downey\", or set modality = \"virtual\"";

/// Anything that is not fully virtual takes place somewhere, so it needs a city.
fn place_needs_city(sourced: &Sourced<RawOpportunity>) -> Option<Diagnostic> {
    let raw = &sourced.record.value;
    let no_city = raw.city.as_deref().is_none_or(|c| c.trim().is_empty());
    (raw.modality != Modality::Virtual && no_city).then(|| {
        let message = format!("modality `{}` needs a `city`", raw.modality.slug());
        sourced.error(sourced.start(), message).help(CITY_HELP)
    })
}

const GRADES_EMPTY_HELP: &str =
    "list the grades it is open to, from 6 to 14 (13-14 are the first postsecondary years)";
const GRADE_RANGE_HELP: &str =
    "grades run from 6 to 14; 13 and 14 are the first two postsecondary years";

/// The grades it is open to, sorted and without repeats: at least one, each within 6..14.
fn grades(sourced: &Sourced<RawOpportunity>, diagnostics: &mut Vec<Diagnostic>) -> Vec<u8> {
    let raw = &sourced.record.value;
    let mut grades = Vec::new();
    if raw.grades.get_ref().is_empty() {
        diagnostics.push(
            sourced
                .error(raw.grades.span().start, "`grades` is empty")
                .help(GRADES_EMPTY_HELP),
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
                    .help(GRADE_RANGE_HELP),
            ),
        }
    }
    grades.sort_unstable();
    grades.dedup();
    grades
}

const ENDS_HELP: &str = "check the two dates; an event on one day has the same starts and ends";
const DEADLINE_HELP: &str = "the application deadline must come before the opportunity ends";

/// The three dates, and the two rules on their order: it ends no earlier than it starts,
/// and applications close no later than it ends.
fn dates(sourced: &Sourced<RawOpportunity>, diagnostics: &mut Vec<Diagnostic>) -> Dates {
    let raw = &sourced.record.value;
    let starts = date(sourced, &raw.starts, "starts", diagnostics);
    let ends = date(sourced, &raw.ends, "ends", diagnostics);
    let deadline = date(sourced, &raw.deadline, "deadline", diagnostics);
    if let (Some(s), Some(e), Some(span)) = (starts, ends, raw.ends.as_ref()) {
        if e < s {
            let message = format!("`ends` ({}) is before `starts` ({})", e.iso(), s.iso());
            diagnostics.push(sourced.error(span.span().start, message).help(ENDS_HELP));
        }
    }
    if let (Some(d), Some(e), Some(span)) = (deadline, ends, raw.deadline.as_ref()) {
        if d > e {
            let message = format!("`deadline` ({}) is after `ends` ({})", d.iso(), e.iso());
            diagnostics.push(
                sourced
                    .error(span.span().start, message)
                    .help(DEADLINE_HELP),
            );
        }
    }
    Dates {
        starts,
        ends,
        deadline,
    }
}

const NO_DISTRICTS_HELP: &str =
    "the site has no districts yet; add content/districts/<id>/district.toml";

/// Every district it names must exist; the help suggests the nearest id.
fn unknown_districts(sourced: &Sourced<RawOpportunity>, context: &Context) -> Vec<Diagnostic> {
    let known = context.districts;
    let unknown = sourced
        .record
        .value
        .districts
        .iter()
        .filter(|d| !known.contains(&d.get_ref().as_str()));
    unknown
        .map(|district| {
            let help = match closest(district.get_ref(), known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => NO_DISTRICTS_HELP.to_string(),
                None => format!("districts: {}", known.join(", ")),
            };
            let message = format!("no district has the id `{}`", district.get_ref());
            sourced.error(district.span().start, message).help(help)
        })
        .collect()
}

const UNPAID_HELP: &str = "unpaid internships at for-profit employers must pass the federal primary-beneficiary test; consider pay";

/// A warning: an unpaid internship at a for-profit employer must pass the federal test.
fn unpaid_for_profit(
    sourced: &Sourced<RawOpportunity>,
    employer: OrgType,
    pay: &Option<Pay>,
) -> Option<Diagnostic> {
    let raw = &sourced.record.value;
    let internship = *raw.kind.get_ref() == Kind::Internship;
    (internship && pay.is_none() && employer == OrgType::ForProfit).then(|| {
        sourced
            .warning(
                raw.kind.span().start,
                "an unpaid internship at a for-profit employer",
            )
            .help(UNPAID_HELP)
    })
}

/// Hours, hours a week, seats and minimum age, each within its limits.
fn amounts(sourced: &Sourced<RawOpportunity>, diagnostics: &mut Vec<Diagnostic>) -> Amounts {
    let raw = &sourced.record.value;
    let hours = raw
        .hours
        .as_ref()
        .and_then(|h| bounded(sourced, "hours", h, &HOURS, diagnostics));
    let hours_per_week = raw
        .hours_per_week
        .as_ref()
        .and_then(|h| bounded(sourced, "hours_per_week", h, &HOURS_PER_WEEK, diagnostics));
    let seats = raw
        .seats
        .as_ref()
        .and_then(|s| bounded_whole(sourced, "seats", s, &SEATS, diagnostics));
    let min_age = raw
        .min_age
        .as_ref()
        .and_then(|a| bounded_whole(sourced, "min_age", a, &MIN_AGE, diagnostics));
    Amounts {
        hours,
        hours_per_week,
        seats,
        min_age,
    }
}

const LONG_WEEK_HELP: &str = "in school weeks, 14- and 15-year-olds may work at most 18 hours; raise min_age or lower the hours";

/// A warning: under-16s may work at most 18 hours in a school week.
fn long_weeks_for_under_16(
    sourced: &Sourced<RawOpportunity>,
    amounts: &Amounts,
) -> Option<Diagnostic> {
    let spanned = sourced.record.value.hours_per_week.as_ref()?;
    let (age, week) = (amounts.min_age?, amounts.hours_per_week?);
    (age < 16 && week > 18.0).then(|| {
        let message = format!(
            "{} hours a week is over the federal limit of 18 for ages 14-15",
            plain(week)
        );
        sourced
            .warning(spanned.span().start, message)
            .help(LONG_WEEK_HELP)
    })
}

const PASSED_DEADLINE_HELP: &str =
    "it is shown in the archive; add `ends`, or a new deadline if it is still open";

/// A warning: the deadline has passed and, without `ends`, nothing says it is over.
fn passed_deadline(
    sourced: &Sourced<RawOpportunity>,
    dates: &Dates,
    today: Date,
) -> Option<Diagnostic> {
    let span = sourced.record.value.deadline.as_ref()?;
    let deadline = dates.deadline?;
    (dates.ends.is_none() && deadline < today).then(|| {
        let message = format!(
            "the deadline {} has passed and the listing has no `ends`",
            deadline.iso()
        );
        sourced
            .warning(span.span().start, message)
            .help(PASSED_DEADLINE_HELP)
    })
}

/// The validated record: checked fields plus the ones taken as written, lists sorted.
fn assemble(sourced: &Sourced<RawOpportunity>, checked: Checked, today: Date) -> Opportunity {
    let raw = &sourced.record.value;
    let Checked {
        employer,
        pathways,
        grades,
        dates,
        pay,
        amounts,
        hazards,
        apply_url,
    } = checked;
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
    Opportunity {
        translations: Vec::new(),
        untranslated: Vec::new(),
        id: raw.id.get_ref().clone(),
        order: 0,
        title: raw.title.clone(),
        employer,
        kind: *raw.kind.get_ref(),
        pathways,
        modality: raw.modality,
        grades,
        summary: raw.summary.clone().filter(|s| !s.trim().is_empty()),
        districts,
        city: raw.city.clone(),
        schedule: raw.schedule.clone(),
        hours: amounts.hours,
        hours_per_week: amounts.hours_per_week,
        starts: dates.starts,
        ends: dates.ends,
        deadline: dates.deadline,
        seats: amounts.seats,
        min_age: amounts.min_age,
        hazards,
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
        status: status(dates.deadline, dates.ends, today),
        file: sourced.file.path.clone(),
    }
}

/// Pay within [`PAY`], rounded to cents; hourly pay is compared with the minimum wage in
/// force for the listing, in cents too, so the amounts in the message are the ones compared.
fn pay(
    sourced: &Sourced<RawOpportunity>,
    spanned: &Spanned<RawPay>,
    minimum: Option<Minimum>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Pay> {
    let raw = spanned.get_ref();
    let amount_written = bounded(sourced, "amount", &raw.amount, &PAY, diagnostics)?;
    if raw.kind == PayType::Hourly {
        let offset = spanned.span().start;
        diagnostics.extend(hourly_below_minimum(
            sourced,
            offset,
            amount_written,
            minimum,
        ));
    }
    Some(Pay {
        kind: raw.kind,
        amount: amount_written,
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
