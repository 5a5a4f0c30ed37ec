//! One spreadsheet cell read as its column's kind ([`crate::columns::Cell`]): what real
//! spreadsheets hold (`$1,200.00`, `TRUE`, `3/15/2027`, trailing and non-breaking spaces,
//! Excel's leading `'`) → a value of the kind, or a problem in plain words.

use std::borrow::Cow;

use super::{Cell, Value};
use crate::columns::{self, Cell as Kind};
use crate::config::Date;

/// A cell's value, read as its kind; its text borrows from the sheet where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Read<'a> {
    /// Text of any string kind (text, ids, choices, web addresses, Markdown).
    Text(Cow<'a, str>),
    /// A whole number, as decimal digits (with a leading `-` if negative).
    Integer(String),
    /// A number with a fraction, as `18.5` is written.
    Float(String),
    /// `true` or `false`.
    Bool(bool),
    /// A date.
    Date(Date),
    /// The items of a list column.
    List(Vec<Read<'a>>),
    /// An item of `occupations` or `colleges`: its keys and values.
    Table(Vec<(&'static str, Read<'a>)>),
}

/// Why a cell could not be read as its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, quoting the cell.
    pub message: String,
    /// What would be valid.
    pub help: String,
}

fn problem(message: String, help: &str) -> Problem {
    Problem {
        message,
        help: help.to_string(),
    }
}

/// The accepted forms of a date, for messages about one that is not.
pub const DATE_HELP: &str = "write the date as 2027-03-15 (year-month-day) or 3/15/2027 \
                             (month/day/year), or make the cell a date in the spreadsheet";
const INTEGER_HELP: &str = "write digits, for example 12";
const NUMBER_HELP: &str = "write digits, for example 12 or 7.5";
const MONEY_HELP: &str = "write the amount in dollars, for example 18.50 or $1,200.00";
const BOOL_HELP: &str = "write TRUE or FALSE (yes and no also work)";
const GRADES_HELP: &str =
    "write grades as numbers separated by `;`, for example 9;10;11;12, or a range such as 9-12";

impl Read<'_> {
    /// The same value, owning its text.
    fn owned(self) -> Read<'static> {
        match self {
            Read::Text(t) => Read::Text(Cow::Owned(t.into_owned())),
            Read::Integer(d) => Read::Integer(d),
            Read::Float(d) => Read::Float(d),
            Read::Bool(b) => Read::Bool(b),
            Read::Date(d) => Read::Date(d),
            Read::List(items) => Read::List(items.into_iter().map(Read::owned).collect()),
            Read::Table(fields) => {
                Read::Table(fields.into_iter().map(|(k, v)| (k, v.owned())).collect())
            }
        }
    }
}

/// Reads `cell` of a sheet whose text is `text` as `kind`. `Ok(None)`: the cell holds
/// nothing (spaces, or only `'`).
pub fn read<'a>(kind: Kind, cell: &'a Cell, text: &'a str) -> Result<Option<Read<'a>>, Problem> {
    match &cell.value {
        Value::Empty => Ok(None),
        Value::Error(e) => Err(problem(
            format!("the cell shows the spreadsheet error `{e}`"),
            "fix the formula, or type the value in the cell",
        )),
        Value::Text | Value::Unquoted(_) => read_text(kind, cell.text(text).unwrap_or_default()),
        Value::Number(n) => number_cell(kind, *n).map(Some),
        Value::Bool(b) => bool_cell(kind, *b).map(Some),
        Value::Date(d) => date_cell(kind, *d).map(Some),
    }
}

/// Reads the text `raw`, as written in a cell, as `kind`; `Ok(None)` when it holds nothing.
fn read_text(kind: Kind, raw: &str) -> Result<Option<Read<'_>>, Problem> {
    let text = clean(raw);
    if text.is_empty() {
        return Ok(None);
    }
    let read = match kind {
        Kind::Text
        | Kind::Markdown
        | Kind::Url
        | Kind::Id
        | Kind::Reference(_)
        | Kind::Choice(_) => Read::Text(match undefuse(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(undefused) => Cow::Owned(undefused),
        }),
        Kind::Integer => integer(&text)?,
        Kind::Number => number(&text, &text, NUMBER_HELP, "a number")?,
        Kind::Money => money(&text)?,
        Kind::Date => Read::Date(date(&text)?),
        Kind::Bool => Read::Bool(boolean(&text)?),
        Kind::References(_) | Kind::Districts | Kind::ChoiceList(_) | Kind::TextList => {
            Read::List(text_items(text))
        }
        Kind::Grades => Read::List(grades(&text)?),
        Kind::Occupations => parts_list(&text, &OCCUPATION)?,
        Kind::Colleges => parts_list(&text, &COLLEGE)?,
    };
    Ok(Some(read))
}

/// A workbook cell shown as `shown`, read as the text a CSV would hold in a column of
/// `kind`; the text itself where that reads as nothing.
fn as_text(kind: Kind, shown: String) -> Result<Read<'static>, Problem> {
    match read_text(kind, &shown)? {
        Some(read) => Ok(read.owned()),
        None => Ok(Read::Text(Cow::Owned(shown))),
    }
}

/// Trims spaces (non-breaking ones too) and removes a leading `'`, Excel's mark for text;
/// line breaks are made LF as in every text file Trellis reads.
pub fn clean(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    let unmarked = trimmed.strip_prefix('\'').unwrap_or(trimmed);
    if unmarked.contains('\r') {
        Cow::Owned(unmarked.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(unmarked)
    }
}

/// Undoes the exports' defusal of formulas inside a cell (its start is [`clean`]'s): the
/// `'` before a formula character that starts a part after `;`, tab or a line break,
/// spaces skipped. Only apostrophes are looked at; a text without such a `'` is borrowed.
pub fn undefuse(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut from = 0;
    for (i, _) in text.match_indices('\'') {
        let before = text[..i].trim_end_matches(' ');
        let starts_a_part = before.is_empty() || before.ends_with(columns::PART_BREAKS);
        if starts_a_part && text[i + 1..].starts_with(columns::FORMULA_STARTS) {
            out.push_str(&text[from..i]);
            from = i + 1;
        }
    }
    if from == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// A list cell's items: split on `;` (`\;` is a `;` in an item), each [`clean`]ed, empty
/// ones dropped.
pub fn items(text: &str) -> Vec<Cow<'_, str>> {
    if !text.contains("\\;") {
        return text
            .split(';')
            .map(clean)
            .filter(|i| !i.is_empty())
            .collect();
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&';') => {
                item.push(';');
                chars.next();
            }
            ';' => items.push(std::mem::take(&mut item)),
            _ => item.push(c),
        }
    }
    items.push(item);
    items
        .iter()
        .map(|i| Cow::<str>::Owned(clean(i).into_owned()))
        .filter(|i| !i.is_empty())
        .collect()
}

/// The items of a list cell whose text, [`clean`]ed, is `text`, as texts.
fn text_items(text: Cow<'_, str>) -> Vec<Read<'_>> {
    match text {
        Cow::Borrowed(text) => items(text).into_iter().map(Read::Text).collect(),
        Cow::Owned(text) => items(&text)
            .into_iter()
            .map(|i| Read::Text(Cow::Owned(i.into_owned())))
            .collect(),
    }
}

/// A workbook's number cell in a column of `kind`.
fn number_cell(kind: Kind, n: f64) -> Result<Read<'static>, Problem> {
    let written = n.to_string();
    match kind {
        Kind::Integer if n.fract() != 0.0 => Err(problem(
            format!("`{written}` is not a whole number"),
            INTEGER_HELP,
        )),
        Kind::Integer | Kind::Number | Kind::Money => Ok(numeric(&written)),
        Kind::Bool if n == 0.0 || n == 1.0 => Ok(Read::Bool(n == 1.0)),
        _ => as_text(kind, written),
    }
}

/// A workbook's `TRUE`/`FALSE` cell in a column of `kind`.
fn bool_cell(kind: Kind, b: bool) -> Result<Read<'static>, Problem> {
    match kind {
        Kind::Bool => Ok(Read::Bool(b)),
        _ => as_text(kind, if b { "TRUE" } else { "FALSE" }.into()),
    }
}

/// A workbook's date cell in a column of `kind`: a date, or its ISO text elsewhere.
fn date_cell(kind: Kind, d: Date) -> Result<Read<'static>, Problem> {
    match kind {
        Kind::Date => Ok(Read::Date(d)),
        _ => as_text(kind, d.iso()),
    }
}

/// `digits` (checked) as an integer or a float.
fn numeric(digits: &str) -> Read<'static> {
    if digits.contains(['.', 'e', 'E']) {
        Read::Float(digits.to_string())
    } else {
        Read::Integer(digits.to_string())
    }
}

/// Whether `s` is `-`? digits, with an optional `.` and digits after it.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    !whole.is_empty() && digits(whole) && digits(fraction) && !s.ends_with('.')
}

/// `text` with thousands separators removed, as a number; `written` is quoted if it is not.
/// Leading zeros are dropped (`007` is 7) and `.5` is `0.5`, as TOML writes numbers.
fn number(text: &str, written: &str, help: &str, what: &str) -> Result<Read<'static>, Problem> {
    let digits = text.replace(',', "");
    let (sign, unsigned) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let whole = match whole.trim_start_matches('0') {
        "" if !whole.is_empty() || fraction.is_some_and(|f| !f.is_empty()) => "0",
        trimmed => trimmed,
    };
    let normal = match fraction {
        Some(f) => format!("{sign}{whole}.{f}"),
        None => format!("{sign}{whole}"),
    };
    if is_decimal(&normal) {
        Ok(numeric(&normal))
    } else {
        Err(problem(format!("`{written}` is not {what}"), help))
    }
}

fn integer(text: &str) -> Result<Read<'static>, Problem> {
    match number(text, text, INTEGER_HELP, "a whole number")? {
        Read::Float(f) => match f.split_once('.') {
            Some((whole, fraction)) if fraction.chars().all(|c| c == '0') => {
                Ok(Read::Integer(whole.to_string()))
            }
            _ => Err(problem(
                format!("`{text}` is not a whole number"),
                INTEGER_HELP,
            )),
        },
        read => Ok(read),
    }
}

/// An amount of money: `$`, thousands separators and spaces are dropped.
fn money(text: &str) -> Result<Read<'static>, Problem> {
    let bare: String = text
        .chars()
        .filter(|c| *c != '$' && !c.is_whitespace())
        .collect();
    number(&bare, text, MONEY_HELP, "an amount of money")
}

fn boolean(text: &str) -> Result<bool, Problem> {
    match text.to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(problem(format!("`{text}` is not TRUE or FALSE"), BOOL_HELP)),
    }
}

/// `2027-03-15` or `3/15/2027`, a day the calendar has.
pub fn date(text: &str) -> Result<Date, Problem> {
    let numbers = |parts: Vec<&str>, widths: [&[usize]; 3]| -> Option<[u32; 3]> {
        let mut out = [0; 3];
        for (i, part) in parts.iter().enumerate() {
            let fits = widths[i].contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit());
            out[i] = if fits {
                part.parse().ok()?
            } else {
                return None;
            };
        }
        Some(out)
    };
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let ymd = match (parts.len(), text.contains('/')) {
        (3, false) => numbers(parts, [&[4], &[2], &[2]]).map(|[y, m, d]| (y, m, d)),
        (3, true) if !text.contains('-') => {
            numbers(parts, [&[1, 2], &[1, 2], &[4]]).map(|[m, d, y]| (y, m, d))
        }
        _ => None,
    };
    // A month past 12 is most likely a day written first (`15/3/2027`): not a form read.
    let Some((year, month, day)) = ymd.filter(|(_, month, _)| (1..=12).contains(month)) else {
        return Err(problem(
            format!("`{text}` is not a date Trellis can read"),
            DATE_HELP,
        ));
    };
    let date = Date {
        year: year as i32,
        month: month as u8,
        day: day as u8,
    };
    let real = day >= 1 && Date::from_days(date.to_days()) == date;
    if real {
        Ok(date)
    } else {
        Err(problem(
            format!("`{text}` is not a day of the calendar"),
            DATE_HELP,
        ))
    }
}

/// `9;10;11;12`, `9-12`, `K` (kindergarten, 0): the grades, each as an integer.
fn grades(text: &str) -> Result<Vec<Read<'static>>, Problem> {
    let grade = |g: &str| -> Option<u32> {
        if g.eq_ignore_ascii_case("k") {
            Some(0)
        } else if g.len() <= 2 && g.chars().all(|c| c.is_ascii_digit()) {
            g.parse().ok()
        } else {
            None
        }
    };
    let mut out = Vec::new();
    for item in items(text) {
        let (from, to) = match item.split_once(['-', '–']) {
            Some((a, b)) => (grade(a.trim()), grade(b.trim())),
            None => (grade(&item), grade(&item)),
        };
        match (from, to) {
            (Some(a), Some(b)) if a <= b => {
                out.extend((a..=b).map(|g| Read::Integer(g.to_string())));
            }
            (Some(_), Some(_)) => {
                return Err(problem(
                    format!("the grades `{item}` run backwards"),
                    GRADES_HELP,
                ))
            }
            _ => return Err(problem(format!("`{item}` is not a grade"), GRADES_HELP)),
        }
    }
    Ok(out)
}

/// The parts of an `occupations` or `colleges` item, in order, with the kind of each; the
/// first is required.
struct Parts {
    keys: [(&'static str, Kind); 3],
    what: &'static str,
    form: &'static str,
}

const OCCUPATION: Parts = Parts {
    keys: [
        ("title", Kind::Text),
        ("soc", Kind::Text),
        ("median_wage", Kind::Money),
    ],
    what: "occupation",
    form: "write each occupation as `title | SOC code | median wage`, separated by `;`, \
           for example `Medical assistant | 31-9092 | $42,000`",
};

const COLLEGE: Parts = Parts {
    keys: [
        ("name", Kind::Text),
        ("program", Kind::Text),
        ("url", Kind::Url),
    ],
    what: "college",
    form: "write each college as `college | program | web address`, separated by `;`, \
           for example `Rio Hondo College | Nursing | https://www.riohondo.edu`",
};

/// Items of `name | more | more`, each a table of `parts.keys`.
fn parts_list(text: &str, parts: &Parts) -> Result<Read<'static>, Problem> {
    let mut out = Vec::new();
    for item in items(text) {
        let pieces: Vec<&str> = item.split('|').map(str::trim).collect();
        if pieces.len() > 3 {
            let message = format!("the {} `{item}` has more than three parts", parts.what);
            return Err(problem(message, parts.form));
        }
        if pieces[0].is_empty() {
            let message = format!("the {} `{item}` has no {}", parts.what, parts.keys[0].0);
            return Err(problem(message, parts.form));
        }
        let mut table = Vec::new();
        for (&(key, kind), piece) in parts.keys.iter().zip(&pieces) {
            if let Some(read) = read_text(kind, piece)? {
                table.push((key, read.owned()));
            }
        }
        out.push(Read::Table(table));
    }
    Ok(Read::List(out))
}

#[cfg(test)]
mod tests;
