//! Pay against the minimum wage (docs/content-format.md §8.8, §8.9): hourly pay below the
//! rate in force is an error; a stipend or fixed sum worth less than it an hour, or a fixed
//! sum paid to students under 18, a warning.

use super::build::Sourced;
use super::numbers::{amount, cents, plain};
use super::{OrgType, Pay, PayType};
use crate::config::{Applicable, Date, MinimumWage};
use crate::diagnostics::Diagnostic;
use crate::load::catalog::RawOpportunity;

/// The minimum wage that applies to one listing, and the day that decided it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Minimum {
    rate: Applicable,
    /// The listing's `starts`, or the build date when it has none.
    on: Date,
    /// Whether `on` is the listing's `starts`.
    by_start: bool,
}

impl Minimum {
    /// The rate in force on the listing's `starts`, else on the build date `today`; `None`
    /// without a minimum wage, or before a schedule's first rate.
    pub(super) fn of(
        wage: Option<&MinimumWage>,
        starts: Option<Date>,
        today: Date,
    ) -> Option<Minimum> {
        let on = starts.unwrap_or(today);
        let rate = wage?.on(on)?;
        Some(Minimum {
            rate,
            on,
            by_start: starts.is_some(),
        })
    }

    /// The rate in whole cents, the unit pay is compared in.
    fn cents(&self) -> i64 {
        cents(self.rate.amount)
    }

    /// " in force from 2026-01-01" for a scheduled rate; empty for a flat one.
    fn since(&self) -> String {
        self.rate
            .from
            .map(|from| format!(" in force from {}", from.iso()))
            .unwrap_or_default()
    }
}

const MINIMUM_WAGE_HELP: &str =
    "raise the pay to at least the minimum wage set in content/site.toml";

/// The error for hourly pay below the rate in force, at `offset` (the `pay` value): worded
/// as it always was for a flat rate, and naming the rate's date for a scheduled one.
pub(super) fn hourly_below_minimum(
    sourced: &Sourced<RawOpportunity>,
    offset: usize,
    paid: f64,
    minimum: Option<Minimum>,
) -> Option<Diagnostic> {
    let minimum = minimum?;
    let (paid, least) = (cents(paid), minimum.cents());
    if paid >= least {
        return None;
    }
    if minimum.rate.from.is_none() {
        let message = format!(
            "hourly pay {} is below the minimum wage of {}",
            amount(paid),
            amount(least)
        );
        return Some(sourced.error(offset, message).help(MINIMUM_WAGE_HELP));
    }
    let message = format!(
        "pays ${} an hour, below the minimum wage of ${}{}",
        amount(paid),
        amount(least),
        minimum.since()
    );
    let help = format!(
        "raise the pay to at least ${}: the rate in `minimum_wage` (content/site.toml) in force \
         on {}, {}",
        amount(least),
        if minimum.by_start {
            "its start date"
        } else {
            "the build date, as it has no `starts`"
        },
        minimum.on.iso()
    );
    Some(sourced.error(offset, message).help(help))
}

const STIPEND_HELP: &str = "students doing productive work may be employees: pay at least the \
     minimum wage for the hours, have an employer of record (a district, workforce board or \
     staffing agency) carry the payroll, or confirm the placement is training that meets the \
     primary-beneficiary test";

/// A warning: a stipend or fixed sum for `hours` is worth less an hour than the minimum
/// wage, at an employer that is neither a school nor a public agency.
pub(super) fn stipend_below_minimum(
    sourced: &Sourced<RawOpportunity>,
    pay: &Option<Pay>,
    hours: Option<f64>,
    employer: Option<OrgType>,
    minimum: Option<Minimum>,
) -> Option<Diagnostic> {
    let (pay, hours, minimum) = ((*pay)?, hours?, minimum?);
    let what = match pay.kind {
        PayType::Hourly => return None,
        PayType::Stipend => "a stipend",
        PayType::Fixed => "a fixed payment",
    };
    if matches!(employer?, OrgType::School | OrgType::PublicAgency) {
        return None;
    }
    let hourly = (pay.amount / hours * 100.0).round() as i64;
    if hourly >= minimum.cents() {
        return None;
    }
    let spanned = sourced.record.value.pay.as_ref()?;
    let message = format!(
        "{what} of ${} for {} hours is ${} an hour, below the minimum wage of ${}{}",
        amount(cents(pay.amount)),
        plain(hours),
        amount(hourly),
        amount(minimum.cents()),
        minimum.since()
    );
    Some(
        sourced
            .warning(spanned.get_ref().amount.span().start, message)
            .help(STIPEND_HELP),
    )
}

const FIXED_TO_MINOR_HELP: &str = "a fixed fee paid to a minor is usually wages: the employer \
     needs a work permit and payroll, or an employer of record; or set `min_age = 18`";

/// A warning: a fixed sum at a listing open to students under 18, at the `pay` value.
pub(super) fn fixed_fee_to_minor(
    sourced: &Sourced<RawOpportunity>,
    pay: &Option<Pay>,
    min_age: Option<u32>,
) -> Option<Diagnostic> {
    let spanned = sourced.record.value.pay.as_ref()?;
    if (*pay)?.kind != PayType::Fixed {
        return None;
    }
    let message = match min_age {
        Some(age) if age >= 18 => return None,
        Some(age) => format!("pays a fixed amount to students as young as {age}"),
        None => {
            "pays a fixed amount and sets no `min_age`, so students under 18 may apply".to_string()
        }
    };
    Some(
        sourced
            .warning(spanned.span().start, message)
            .help(FIXED_TO_MINOR_HELP),
    )
}
