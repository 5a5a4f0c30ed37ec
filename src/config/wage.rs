//! `minimum_wage` in `site.toml`: one hourly rate, or a schedule of rates by the date each
//! takes effect (docs/content-format.md §3.3), and the rate in force on a given day.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::Date;
use crate::diagnostics::{closest, Diagnostic};
use crate::load::SourceFile;

/// The lowest lawful hourly pay (`minimum_wage`), in currency units.
#[derive(Debug, Clone, PartialEq)]
pub enum MinimumWage {
    /// `minimum_wage = 16.50`: one rate, whatever the date.
    Flat(f64),
    /// `[[minimum_wage]]` entries, sorted by `from`, no two on the same date.
    Schedule(Vec<WageRate>),
}

/// One entry of a `[[minimum_wage]]` schedule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WageRate {
    /// The first day the rate applies (`from`).
    pub from: Date,
    /// The hourly rate (`amount`).
    pub amount: f64,
}

/// The minimum wage that applies on a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Applicable {
    /// The hourly rate.
    pub amount: f64,
    /// The day the rate took effect, when it comes from a schedule; `None` for a flat rate.
    pub from: Option<Date>,
}

impl MinimumWage {
    /// The rate in force on `day`: the flat rate, or the last schedule entry whose `from`
    /// is on or before `day`; `None` before a schedule's first entry.
    pub fn on(&self, day: Date) -> Option<Applicable> {
        match self {
            MinimumWage::Flat(amount) => Some(Applicable {
                amount: *amount,
                from: None,
            }),
            MinimumWage::Schedule(rates) => {
                rates
                    .iter()
                    .rev()
                    .find(|rate| rate.from <= day)
                    .map(|rate| Applicable {
                        amount: rate.amount,
                        from: Some(rate.from),
                    })
            }
        }
    }
}

const FLAT_HELP: &str = "for example: minimum_wage = 16.50";
const SCHEDULE_HELP: &str =
    "write one rate, minimum_wage = 16.90, or a `[[minimum_wage]]` table per rate with \
     `from = 2026-01-01` and `amount = 16.90`";
const KEYS: [&str; 2] = ["from", "amount"];

/// Reads `minimum_wage` from site.toml, which parsed as TOML. A wrong entry is reported and
/// left out; the rest are kept, sorted, so that the catalog is still checked against them.
pub(super) fn read(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Option<MinimumWage> {
    let document = DeTable::parse(&file.text).ok()?;
    let value = document.get_ref().get("minimum_wage")?;
    let error = |offset: usize, message: &str, help: &str| {
        Diagnostic::error(&file.path, message)
            .at(file.position(offset))
            .help(help)
    };
    match value.get_ref() {
        DeValue::Integer(_) | DeValue::Float(_) => match number(value.get_ref()) {
            Some(wage) => Some(MinimumWage::Flat(wage)),
            None => {
                let message = "`minimum_wage` must be a positive hourly amount";
                let at = file.position_of_key("minimum_wage");
                problems.push(
                    Diagnostic::error(&file.path, message)
                        .at(at)
                        .help(FLAT_HELP),
                );
                None
            }
        },
        DeValue::Array(entries) => {
            let mut rates = Vec::new();
            for entry in entries {
                rates.extend(rate(file, entry, problems));
            }
            Some(MinimumWage::Schedule(in_order(file, rates, problems)))
        }
        _ => {
            let message = "`minimum_wage` must be an hourly amount or a list of dated rates";
            problems.push(error(value.span().start, message, SCHEDULE_HELP));
            None
        }
    }
}

/// A positive, finite number.
fn number(value: &DeValue) -> Option<f64> {
    let number = match value {
        DeValue::Integer(i) => {
            i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()? as f64
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok()?,
        _ => return None,
    };
    (number.is_finite() && number > 0.0).then_some(number)
}

/// One `[[minimum_wage]]` entry, with the offset of its `from`; `None` after reporting what
/// is wrong with it.
fn rate(
    file: &SourceFile,
    entry: &Spanned<DeValue>,
    problems: &mut Vec<Diagnostic>,
) -> Option<(WageRate, usize)> {
    let error = |offset: usize, message: String, help: String| {
        Diagnostic::error(&file.path, message)
            .at(file.position(offset))
            .help(help)
    };
    let DeValue::Table(fields) = entry.get_ref() else {
        let message = "a `minimum_wage` entry must be a table with `from` and `amount`";
        problems.push(error(
            entry.span().start,
            message.into(),
            SCHEDULE_HELP.into(),
        ));
        return None;
    };
    let before = problems.len();
    unknown_keys(file, fields, problems);
    let from = fields.get("from");
    let amount = fields.get("amount");
    let from_date = from.and_then(|f| match f.get_ref() {
        DeValue::Datetime(dt) if dt.time.is_none() => Date::from_toml(dt),
        _ => None,
    });
    match (from, from_date) {
        (None, _) => problems.push(error(
            entry.span().start,
            "a `minimum_wage` entry has no `from`".into(),
            "add the day the rate takes effect, e.g. `from = 2026-01-01`".into(),
        )),
        (Some(f), None) => problems.push(error(
            f.span().start,
            "a `minimum_wage` entry's `from` must be a date such as 2026-01-01".into(),
            "write a date without quotes or a time, e.g. `from = 2026-01-01`".into(),
        )),
        _ => {}
    }
    let wage = amount.and_then(|a| number(a.get_ref()));
    if wage.is_none() {
        let (at, message) = match amount {
            None => (entry.span().start, "a `minimum_wage` entry has no `amount`"),
            Some(a) => (
                a.span().start,
                "a `minimum_wage` entry's `amount` must be a positive hourly amount",
            ),
        };
        problems.push(error(
            at,
            message.into(),
            "for example: amount = 16.90".into(),
        ));
    }
    if problems.len() > before {
        return None;
    }
    let at = from.map_or(entry.span().start, |f| f.span().start);
    Some((
        WageRate {
            from: from_date?,
            amount: wage?,
        },
        at,
    ))
}

/// An error for each key of a `[[minimum_wage]]` entry but `from` and `amount`.
fn unknown_keys(file: &SourceFile, fields: &DeTable, problems: &mut Vec<Diagnostic>) {
    for (key_span, _) in fields.iter() {
        let key = key_span.get_ref();
        if !KEYS.contains(&key.as_ref()) {
            let help = match closest(key, KEYS) {
                Some(near) => format!("did you mean `{near}`? valid keys: from, amount"),
                None => "valid keys: from, amount".to_string(),
            };
            let at = key_span.span().start;
            let message = format!("unknown key `{key}` in a `minimum_wage` entry");
            problems.push(
                Diagnostic::error(&file.path, message)
                    .at(file.position(at))
                    .help(help),
            );
        }
    }
}

/// The entries sorted by `from`; one written out of order, or on the date of another, is
/// an error at its `from`.
fn in_order(
    file: &SourceFile,
    rates: Vec<(WageRate, usize)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<WageRate> {
    let mut kept: Vec<(WageRate, usize)> = Vec::new();
    for (rate, at) in rates {
        let error = |message: String, help: String| {
            Diagnostic::error(&file.path, message)
                .at(file.position(at))
                .help(help)
        };
        if let Some((same, first)) = kept.iter().find(|(r, _)| r.from == rate.from) {
            let first = file.position(*first);
            problems.push(error(
                format!("two `minimum_wage` entries are from {}", same.from.iso()),
                format!(
                    "keep one rate for each date; the other is at line {}, column {}",
                    first.line, first.col
                ),
            ));
            continue;
        }
        if let Some((later, _)) = kept.iter().rev().find(|(r, _)| r.from > rate.from) {
            problems.push(error(
                format!(
                    "the `minimum_wage` entry from {} comes after the one from {}",
                    rate.from.iso(),
                    later.from.iso()
                ),
                "list the entries by `from`, earliest first".to_string(),
            ));
        }
        kept.push((rate, at));
    }
    let mut rates: Vec<WageRate> = kept.into_iter().map(|(rate, _)| rate).collect();
    rates.sort_by_key(|rate| rate.from);
    rates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn the_rate_in_force_is_the_last_that_started() {
        let schedule = MinimumWage::Schedule(vec![
            WageRate {
                from: day(2026, 1, 1),
                amount: 16.90,
            },
            WageRate {
                from: day(2027, 1, 1),
                amount: 17.25,
            },
        ]);
        assert_eq!(schedule.on(day(2025, 12, 31)), None);
        assert_eq!(schedule.on(day(2026, 1, 1)).map(|r| r.amount), Some(16.90));
        assert_eq!(
            schedule.on(day(2026, 12, 31)).map(|r| r.amount),
            Some(16.90)
        );
        assert_eq!(
            schedule.on(day(2027, 6, 1)),
            Some(Applicable {
                amount: 17.25,
                from: Some(day(2027, 1, 1))
            })
        );
        let flat = MinimumWage::Flat(16.5);
        assert_eq!(flat.on(day(1999, 1, 1)).map(|r| r.from), Some(None));
    }
}
