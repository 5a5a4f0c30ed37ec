//! Listings against the districts they are open to (docs/content-format.md §8.9): a
//! deadline outside a district's application window for the listing's kind, and more hours
//! a week than a district allows in the school year. One warning per listing names every
//! district concerned.

use super::build::Sourced;
use super::numbers::plain;
use super::Kind;
use crate::config::Date;
use crate::diagnostics::Diagnostic;
use crate::load::catalog::RawOpportunity;

/// What the catalog's rules read from one district's district.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictRules {
    /// The district's id.
    pub id: String,
    /// Its application windows (`calendar.application_windows`): kind, opens, closes.
    pub windows: Vec<(Kind, Date, Date)>,
    /// The first and last day of its school year (`calendar.school_year`).
    pub school_year: Option<(Date, Date)>,
    /// The most hours a week a student may spend on a placement in the school year
    /// (`policies.max_hours_school_week`).
    pub max_hours_school_week: Option<f64>,
}

/// The districts a listing is open to: those it names, or every district when it names none.
fn open_to<'a>(
    raw: &'a RawOpportunity,
    rules: &'a [DistrictRules],
) -> impl Iterator<Item = &'a DistrictRules> {
    rules.iter().filter(move |d| {
        raw.districts.is_empty() || raw.districts.iter().any(|n| *n.get_ref() == d.id)
    })
}

/// `district `a`` or `districts `a` and `b``, each followed by what is said about it.
fn districts(found: &[(String, String)]) -> String {
    let each: Vec<String> = found
        .iter()
        .map(|(id, about)| format!("`{id}` ({about})"))
        .collect();
    match each.as_slice() {
        [one] => format!("district {one}"),
        [rest @ .., last] => format!("districts {} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

const WINDOW_HELP: &str = "move the deadline into the window, or name in `districts` only the \
     districts whose window it fits; the windows are each district's \
     `calendar.application_windows` in its district.toml";

/// A warning at the deadline when it falls outside every application window a district
/// open to the listing has for its kind (districts with no window for the kind set none).
pub(super) fn outside_windows(
    sourced: &Sourced<RawOpportunity>,
    deadline: Option<Date>,
    rules: &[DistrictRules],
) -> Option<Diagnostic> {
    let raw = &sourced.record.value;
    let (deadline, kind) = (deadline?, *raw.kind.get_ref());
    let mut found = Vec::new();
    for district in open_to(raw, rules) {
        let windows: Vec<(Date, Date)> = district
            .windows
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|&(_, opens, closes)| (opens, closes))
            .collect();
        let inside = windows.iter().any(|&(o, c)| o <= deadline && deadline <= c);
        if !windows.is_empty() && !inside {
            let dates: Vec<String> = windows
                .iter()
                .map(|(o, c)| format!("{} to {}", o.iso(), c.iso()))
                .collect();
            found.push((district.id.clone(), dates.join(", ")));
        }
    }
    if found.is_empty() {
        return None;
    }
    let message = format!(
        "the deadline {} is outside the {} application window of {}",
        deadline.iso(),
        kind.slug(),
        districts(&found)
    );
    let at = raw.deadline.as_ref()?.span().start;
    Some(sourced.warning(at, message).help(WINDOW_HELP))
}

const SCHOOL_WEEK_HELP: &str = "lower `hours_per_week`, hold it outside the school year, or \
     name in `districts` only the districts that allow the hours";

/// A warning at `hours_per_week` when it is above the school-week limit of a district open
/// to the listing, and the listing's dates (or want of them) overlap the district's school
/// year (or the district sets none).
pub(super) fn long_school_weeks(
    sourced: &Sourced<RawOpportunity>,
    (starts, ends): (Option<Date>, Option<Date>),
    hours_per_week: Option<f64>,
    rules: &[DistrictRules],
) -> Option<Diagnostic> {
    let raw = &sourced.record.value;
    let week = hours_per_week?;
    let mut found = Vec::new();
    for district in open_to(raw, rules) {
        let Some(limit) = district.max_hours_school_week else {
            continue;
        };
        let in_school = district.school_year.is_none_or(|(first, last)| {
            starts.is_none_or(|s| s <= last) && ends.is_none_or(|e| e >= first)
        });
        if week > limit && in_school {
            found.push((district.id.clone(), format!("{} hours", plain(limit))));
        }
    }
    if found.is_empty() {
        return None;
    }
    let message = format!(
        "{} hours a week is over the school-week limit of {}",
        plain(week),
        districts(&found)
    );
    let at = raw.hours_per_week.as_ref()?.span().start;
    Some(sourced.warning(at, message).help(SCHOOL_WEEK_HELP))
}
