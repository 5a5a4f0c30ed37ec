//! One opportunity record → an [`Opportunity`]: its references, dates, ages, hours, pay
//! and the warnings the format asks for (unpaid for-profit internships, long weeks for
//! under-16s, passed deadlines).

use std::collections::BTreeMap;

use toml::Spanned;

use super::build::{public_contact, reference, text, url, Broken, Sourced};
use super::numbers::{
    amount, bounded, bounded_whole, cents, date, plain, HOURS, HOURS_PER_WEEK, MIN_AGE, PAY, SEATS,
};
use super::*;
use crate::config::Date;
use crate::diagnostics::{closest, Diagnostic};
use crate::load::catalog::{RawOpportunity, RawPay};

/// What opportunity checks need to know about the rest of the catalog.
pub(super) struct Context<'a> {
    pub(super) pathways: (&'a BTreeMap<String, PathwayIdx>, &'a Broken),
    pub(super) employers: (&'a BTreeMap<String, EmployerIdx>, &'a Broken),
    pub(super) employer_types: Vec<OrgType>,
    pub(super) minimum_wage: Option<f64>,
    pub(super) today: Date,
    pub(super) districts: &'a [&'a str],
}

pub(super) fn opportunity(
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
    let mut pathways: Vec<PathwayIdx> = raw
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

    let pay = raw
        .pay
        .as_ref()
        .and_then(|p| pay(sourced, p, context, diagnostics));

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
            && context.employer_types[e.0] == OrgType::ForProfit
        {
            diagnostics.push(
                sourced
                    .warning(raw.kind.span().start, "an unpaid internship at a for-profit employer")
                    .help("unpaid internships at for-profit employers must pass the federal primary-beneficiary test; consider pay"),
            );
        }
    }
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
    if let (Some(age), Some(week), Some(spanned)) = (min_age, hours_per_week, &raw.hours_per_week) {
        if age < 16 && week > 18.0 {
            diagnostics.push(
                sourced
                    .warning(spanned.span().start, format!("{} hours a week is over the federal limit of 18 for ages 14-15", plain(week)))
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
        hours,
        hours_per_week,
        starts,
        ends,
        deadline,
        seats,
        min_age,
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

/// Pay within [`PAY`], rounded to cents; hourly pay is compared with the minimum wage in
/// cents too, so the amounts in the message are the ones compared.
fn pay(
    sourced: &Sourced<RawOpportunity>,
    spanned: &Spanned<RawPay>,
    context: &Context,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Pay> {
    let raw = spanned.get_ref();
    let amount_written = bounded(sourced, "amount", &raw.amount, &PAY, diagnostics)?;
    if let (PayType::Hourly, Some(minimum)) = (raw.kind, context.minimum_wage) {
        let (paid, least) = (cents(amount_written), cents(minimum));
        if paid < least {
            diagnostics.push(
                sourced
                    .error(
                        spanned.span().start,
                        format!(
                            "hourly pay {} is below the minimum wage of {}",
                            amount(paid),
                            amount(least)
                        ),
                    )
                    .help("raise the pay to at least the minimum wage set in content/site.toml"),
            );
        }
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
