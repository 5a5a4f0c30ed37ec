//! Validation stage: the catalog's numbers and dates as written → values every page, feed
//! and export can show. Each is kept to a stated range, so no output has to print a
//! saturated integer, three hundred decimals or a year it cannot write.

use toml::Spanned;

use super::build::Sourced;
use crate::config::Date;
use crate::diagnostics::Diagnostic;

/// The values a number field accepts, and how its messages say so.
pub(super) struct Limits {
    least: f64,
    most: f64,
    /// "a number" or "a whole number".
    kind: &'static str,
    /// The range in words, with numbers written the way people write them.
    range: &'static str,
    example: &'static str,
}

pub(super) const HOURS: Limits = Limits {
    least: 0.01,
    most: 10_000.0,
    kind: "a number",
    range: "from 0.01 to 10,000",
    example: "hours = 6",
};

pub(super) const HOURS_PER_WEEK: Limits = Limits {
    least: 0.01,
    most: 168.0,
    kind: "a number",
    range: "from 0.01 to 168",
    example: "hours_per_week = 3",
};

pub(super) const PAY: Limits = Limits {
    least: 0.01,
    most: 1_000_000.0,
    kind: "a number",
    range: "from 0.01 to 1,000,000",
    example: "pay = { type = \"hourly\", amount = 18.50 }",
};

pub(super) const SEATS: Limits = Limits {
    least: 1.0,
    most: 10_000.0,
    kind: "a whole number",
    range: "from 1 to 10,000",
    example: "seats = 4",
};

pub(super) const MIN_AGE: Limits = Limits {
    least: 10.0,
    most: 25.0,
    kind: "a whole number",
    range: "from 10 to 25",
    example: "min_age = 16",
};

pub(super) const MEDIAN_WAGE: Limits = Limits {
    least: 1.0,
    most: 1_000_000.0,
    kind: "a whole number",
    range: "from 1 to 1,000,000",
    example: "median_wage = 58400",
};

/// The years a catalog date may have: DTEND in the iCalendar file is the day after a
/// deadline, and must still have a four-digit year.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9998;

/// A number within `limits`, rounded to two decimals (cents, or hundredths of an hour),
/// which is how every output shows it; `None` after reporting a value outside them.
pub(super) fn bounded<T>(
    sourced: &Sourced<T>,
    field: &str,
    value: &Spanned<f64>,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let number = *value.get_ref();
    let offset = value.span().start;
    let written = sourced.written(value.span());
    if !number.is_finite() {
        diagnostics.push(
            sourced
                .error(
                    offset,
                    format!("`{field}` must be a number, found {written}"),
                )
                .help(format!(
                    "write {} {}, e.g. `{}`, or leave the line out",
                    limits.kind, limits.range, limits.example
                )),
        );
        return None;
    }
    // Rounded first, so that 0.004 ("0.00" when shown) is refused like 0.
    let rounded = (number * 100.0).round() / 100.0;
    if !(limits.least..=limits.most).contains(&rounded) {
        diagnostics.push(
            sourced
                .error(
                    offset,
                    format!(
                        "`{field}` must be {} {}, found {written}",
                        limits.kind, limits.range
                    ),
                )
                .help(format!(
                    "for example `{}`, or leave the line out",
                    limits.example
                )),
        );
        return None;
    }
    Some(rounded)
}

/// A whole number within `limits`; `None` after reporting one outside them.
pub(super) fn bounded_whole<T>(
    sourced: &Sourced<T>,
    field: &str,
    value: &Spanned<i64>,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u32> {
    // Every i64 converts; the limits are far inside the range where the conversion is exact.
    let as_float = Spanned::new(value.span(), *value.get_ref() as f64);
    bounded(sourced, field, &as_float, limits, diagnostics).map(|n| n as u32)
}

/// A date field: a bare date within [`YEARS`].
pub(super) fn date<T>(
    sourced: &Sourced<T>,
    spanned: &Option<Spanned<toml::value::Datetime>>,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let spanned = spanned.as_ref()?;
    let offset = spanned.span().start;
    let help = format!("write it as a bare date: {field} = 2027-03-15");
    let Some(date) = Date::from_toml(spanned.get_ref()) else {
        diagnostics.push(
            sourced
                .error(offset, format!("`{field}` must be a date"))
                .help(help),
        );
        return None;
    };
    if !YEARS.contains(&date.year) {
        diagnostics.push(
            sourced
                .error(
                    offset,
                    format!(
                        "`{field}` must be from {}-01-01 to {}-12-31, found {}",
                        YEARS.start(),
                        YEARS.end(),
                        date.iso()
                    ),
                )
                .help(help),
        );
        return None;
    }
    Some(date)
}

/// An amount in whole cents, the unit pay is compared in.
pub(super) fn cents(amount: f64) -> i64 {
    (amount * 100.0).round() as i64
}

/// Cents as people write an amount: `16.50`, `1,000,000.00`.
pub(super) fn amount(cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && c.is_ascii_digit() && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", (cents % 100).abs())
}

/// A rounded number as people write it: `6`, `7.5`, `0.25`.
pub(super) fn plain(number: f64) -> String {
    let text = format!("{number:.2}");
    let text = text.trim_end_matches('0');
    text.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_in_cents_with_grouped_thousands() {
        assert_eq!(amount(1650), "16.50");
        assert_eq!(amount(cents(16.4999999999)), "16.50");
        assert_eq!(amount(cents(16.494)), "16.49");
        assert_eq!(amount(100_000_000), "1,000,000.00");
        assert_eq!(amount(5), "0.05");
    }

    #[test]
    fn plain_numbers_have_no_trailing_zeros() {
        assert_eq!(plain(6.0), "6");
        assert_eq!(plain(7.5), "7.5");
        assert_eq!(plain(0.25), "0.25");
        assert_eq!(plain(168.0), "168");
    }
}
