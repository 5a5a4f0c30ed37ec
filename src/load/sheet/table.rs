//! A sheet's row, its cells read, → the TOML table a `[[opportunity]]` in a file would be,
//! each value spanning its cell, for [`crate::load::catalog`] to deserialise.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use super::cells::Read;
use super::records::{Entry, Key};

/// Every number `table` writes from `entries`, in the order it writes them, as one TOML
/// array: the numbers of a row are parsed at once, not one parse each.
pub(super) fn numbers(entries: &[Entry], left_out: &[String]) -> String {
    let mut out = String::from("[");
    for entry in entries.iter().filter(|e| written(e, left_out)) {
        push_numbers(&entry.read, &mut out);
    }
    out.push(']');
    out
}

fn push_numbers(read: &Read, out: &mut String) {
    match read {
        Read::Integer(digits) | Read::Float(digits) => {
            out.push_str(digits);
            out.push(',');
        }
        Read::List(items) => items.iter().for_each(|i| push_numbers(i, out)),
        Read::Table(fields) => fields.iter().for_each(|(_, v)| push_numbers(v, out)),
        _ => {}
    }
}

/// Whether `entry` is written: its key is not `left_out`.
fn written(entry: &Entry, left_out: &[String]) -> bool {
    !left_out.iter().any(|k| k == entry.key.record_key())
}

/// The record's table: each value at its key, `pay` and `contact` and translations as
/// sub-tables. Values under `left_out` keys are not written. Strings borrow from
/// `entries`, numbers from `numbers` (see [`numbers`]).
pub(super) fn table<'a>(
    entries: &'a [Entry<'a>],
    left_out: &[String],
    numbers: &'a str,
) -> DeTable<'a> {
    let mut parsed = match DeValue::parse(numbers).map(Spanned::into_inner) {
        Ok(DeValue::Array(items)) => items.into_iter().map(Spanned::into_inner).collect(),
        _ => Vec::new(),
    }
    .into_iter();
    let mut table = DeTable::new();
    for entry in entries.iter().filter(|e| written(e, left_out)) {
        let value = devalue(&entry.read, &entry.span, &mut parsed);
        let (outer, inner) = match &entry.key {
            Key::Top(key) => {
                table.insert(Spanned::new(entry.span.clone(), Cow::Borrowed(*key)), value);
                continue;
            }
            Key::Sub(outer, inner) => (Cow::Borrowed(*outer), *inner),
            Key::Translation(code, inner) => (Cow::Borrowed(*code), *inner),
        };
        let sub = table
            .entry(Spanned::new(entry.span.clone(), outer))
            .or_insert_with(|| Spanned::new(entry.span.clone(), DeValue::Table(DeTable::new())));
        // Messages about the pay as a whole (below the minimum wage) are about its amount.
        let span = if inner == "amount" {
            entry.span.clone()
        } else {
            sub.span().start..entry.span.end.max(sub.span().end)
        };
        let mut sub_value =
            std::mem::replace(sub, Spanned::new(0..0, DeValue::Boolean(false))).into_inner();
        if let DeValue::Table(t) = &mut sub_value {
            t.insert(
                Spanned::new(entry.span.clone(), Cow::Borrowed(inner)),
                value,
            );
        }
        *sub = Spanned::new(span, sub_value);
    }
    table
}

/// A value read from a cell as the TOML value a file would hold, spanning the cell. Its
/// numbers are the next of `parsed`, or parsed one by one if those ran out.
fn devalue<'a>(
    read: &'a Read<'a>,
    span: &Range<usize>,
    parsed: &mut std::vec::IntoIter<DeValue<'a>>,
) -> Spanned<DeValue<'a>> {
    let value = match read {
        Read::Text(s) => DeValue::String(Cow::Borrowed(s)),
        Read::Integer(digits) | Read::Float(digits) => parsed.next().unwrap_or_else(|| {
            DeValue::parse(digits)
                .map(Spanned::into_inner)
                .unwrap_or(DeValue::String(Cow::Borrowed(digits)))
        }),
        Read::Bool(b) => DeValue::Boolean(*b),
        Read::Date(d) => DeValue::Datetime(toml::value::Datetime {
            date: Some(toml::value::Date {
                year: u16::try_from(d.year).unwrap_or(0),
                month: d.month,
                day: d.day,
            }),
            time: None,
            offset: None,
        }),
        Read::List(items) => {
            let mut array = DeArray::new();
            for item in items {
                array.push(devalue(item, span, parsed));
            }
            DeValue::Array(array)
        }
        Read::Table(fields) => {
            let mut table = DeTable::new();
            for (key, value) in fields {
                table.insert(
                    Spanned::new(span.clone(), Cow::Borrowed(*key)),
                    devalue(value, span, parsed),
                );
            }
            DeValue::Table(table)
        }
    };
    Spanned::new(span.clone(), value)
}
