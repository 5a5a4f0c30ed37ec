//! Render stage: what district pages and the adaptation guide show, as typed views for their
//! templates (re-exported through `render::contexts`, the theme reference).

use serde::Serialize;

use super::views::{DateText, Link};
use super::Strings;

/// A district's contact or policy role for readers: `[roles] <key>` in the language of `t`,
/// else the key as words ("wbl_coordinator" → "Wbl coordinator").
pub(super) fn role_label(t: &Strings, role: &str) -> String {
    match t.get(&format!("roles.{role}")) {
        Some(label) => label.to_string(),
        None => super::catalog::capitalised(&role.replace('_', "-")),
    }
}

/// The name of the language with code `code`, in the language of `t` (`[language_names]`),
/// else the code itself.
pub(super) fn language_name(t: &Strings, code: &str) -> String {
    t.get(&format!("language_names.{code}"))
        .unwrap_or(code)
        .to_string()
}

/// A district in `districts.html`.
#[derive(Serialize)]
pub struct DistrictSummary {
    /// The district's full name.
    pub name: String,
    /// Its short name.
    pub short: String,
    /// Its page.
    pub url: String,
    /// Its county, if its file names one.
    pub county: Option<String>,
    /// Its region, if its file names one.
    pub region: Option<String>,
    /// Its editions of the toolkits.
    pub editions: Vec<Link>,
}

/// A contact of a district.
#[derive(Serialize)]
pub struct DistrictContact<'a> {
    /// The role, for readers: `Work-based learning coordinator`, `Work permits`, ...
    pub role: String,
    /// The person's name.
    pub name: &'a str,
    /// Their job title, if given.
    pub title: Option<&'a str>,
    /// Their email address, if given.
    pub email: Option<&'a str>,
    /// Their phone number, if given.
    pub phone: Option<&'a str>,
}

/// A date of a district's calendar.
#[derive(Serialize)]
pub struct CalendarView<'a> {
    /// What happens.
    pub name: &'a str,
    /// Whether `name` is the district's own text (an event's name, in the default
    /// language), not the theme's words for an application window.
    pub named: bool,
    /// The first day.
    pub starts: DateText,
    /// The last day, for a period of several days.
    pub ends: Option<DateText>,
}

/// One of a district's policies.
#[derive(Serialize)]
pub struct PolicyView<'a> {
    /// The policy's name, for readers.
    pub name: String,
    /// What the district's file says.
    pub text: &'a str,
}

/// A form a district offers.
#[derive(Serialize)]
pub struct FormView<'a> {
    /// The form's title.
    pub title: &'a str,
    /// Where to get it.
    pub url: &'a str,
    /// The languages it is offered in, by name (`English`, `Spanish`, ...).
    pub languages: Vec<String>,
}

/// `district`: what a district's page shows.
#[derive(Serialize)]
pub struct DistrictView<'a> {
    /// Its id (its file name).
    pub id: &'a str,
    /// Its full name.
    pub name: &'a str,
    /// Its short name.
    pub short: &'a str,
    /// Its county, if its file names one.
    pub county: Option<&'a str>,
    /// Its region, if its file names one.
    pub region: Option<&'a str>,
    /// Whom to ask, by role.
    pub contacts: Vec<DistrictContact<'a>>,
    /// The first and last day of the school year (a list of two dates), if known.
    pub school_year: Option<(DateText, DateText)>,
    /// Dates that matter to placements.
    pub calendar: Vec<CalendarView<'a>>,
    /// Its policies, by name.
    pub policies: Vec<PolicyView<'a>>,
    /// The forms it offers.
    pub forms: Vec<FormView<'a>>,
    /// Its editions of the toolkits.
    pub editions: Vec<Link>,
}

/// A placeholder of the adaptation guide.
#[derive(Serialize)]
pub struct PlaceholderRow {
    /// As written in a page: `district.contacts.wbl_coordinator.name`.
    pub path: String,
    /// The toolkit's default value, if it has one.
    pub default: Option<String>,
    /// The pages that use it.
    pub pages: Vec<Link>,
    /// For each district, in `district_names` order, how it fills the placeholder.
    pub districts: Vec<PlaceholderState>,
}

/// How a district fills a placeholder.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceholderState {
    /// `filled`: the district's file gives a value.
    Filled,
    /// `defaulted`: the toolkit's default is used.
    Defaulted,
    /// `missing`: neither gives a value.
    Missing,
}

/// An override in a district's report.
#[derive(Serialize)]
pub struct OverrideRow {
    /// The district's page.
    pub page: Link,
    /// Whether it is up to date with the regional page.
    pub state: OverrideState,
    /// Its comparison with the regional page.
    pub compare_url: String,
}

/// Whether an override is up to date with the regional page it was adapted from.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum OverrideState {
    /// `fresh`: the regional page is as it was when adapted.
    Fresh,
    /// `stale`: the regional page changed since.
    Stale,
    /// `unrecorded`: the override has no `adapted_from` fingerprint.
    Unrecorded,
}

/// What one district changed in its edition of a toolkit.
#[derive(Serialize)]
pub struct DistrictReport {
    /// The district's short name.
    pub name: String,
    /// The district's page.
    pub url: String,
    /// Its edition of the toolkit; empty when it has none.
    pub edition_url: String,
    /// Its own versions of regional pages.
    pub overrides: Vec<OverrideRow>,
    /// Its pages the regional toolkit does not have.
    pub additions: Vec<Link>,
    /// The regional pages its edition leaves out.
    pub omissions: Vec<Link>,
    /// How many placeholders it leaves to the toolkit's defaults (or missing).
    pub defaulted: usize,
    /// How many of its overrides are stale.
    pub stale: usize,
}
