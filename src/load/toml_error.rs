//! TOML errors in words: a parser or deserialiser error turned into a diagnostic at its
//! place in the file, with the valid choices and what to write instead.

use serde::de::DeserializeOwned;

use super::{text, SourceFile};
use crate::diagnostics::{closest, Diagnostic, Position};

/// Deserialises `file.text[start..end]` as TOML, turning parser errors into diagnostics
/// positioned in the whole file, with the valid choices and a near-miss suggestion.
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    start: usize,
    end: usize,
) -> Result<T, Vec<Diagnostic>> {
    toml::from_str(&file.text[start..end]).map_err(|err| vec![toml_diagnostic(file, start, &err)])
}

/// One TOML error as a diagnostic.
pub fn toml_diagnostic(file: &SourceFile, start: usize, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().map(|span| start + span.start..start + span.end);
    let offset = span.as_ref().map_or(start, |span| span.start);
    if let Some(c) = file.text.get(offset..).and_then(|rest| rest.chars().next()) {
        if text::classify(c) == text::Class::Forbidden {
            return text::forbidden(file, offset, c, "");
        }
    }
    let written = span
        .as_ref()
        .and_then(|span| file.text.get(span.clone()))
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.len() <= 60 && !w.contains('\n'));
    let message = err.message().trim().to_string();
    let (message, help) = match (written, text::blank_help(&message)) {
        (_, Some(help)) => (message, Some(help)),
        (Some(key), None) if message == "duplicate key" => {
            explain_duplicate(&file.text, offset, key)
        }
        _ => explain_serde_message(&message, written),
    };
    let mut diagnostic = Diagnostic::error(&file.path, message).at(file.position(offset));
    if let Some(help) = help {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// "duplicate key" with the key, and the line where it was first set when that line is in
/// the same table (searched back to the table's heading, or earlier on the same line for
/// an inline table).
fn explain_duplicate(text: &str, offset: usize, key: &str) -> (String, Option<String>) {
    let key = key.trim_matches(['"', '\'']);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let sets = |line: &str| {
        let line = line
            .trim_start()
            .trim_start_matches(['{', ','])
            .trim_start();
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix(&format!("\"{key}\"")));
        rest.is_some_and(|r| r.trim_start().starts_with(['=', '.']))
    };
    let same_line = text[line_start..offset].split([',', '{']).any(&sets);
    let first = if same_line {
        Some(Position::at(text, offset).line)
    } else {
        let before: Vec<&str> = text[..line_start].lines().collect();
        before
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, line)| !line.trim_start().starts_with('['))
            .find(|(_, line)| sets(line))
            .map(|(i, _)| i + 1)
    };
    let help = match first {
        Some(line) => format!(
            "`{key}` is first set on line {line}; each key may be set once in a table, \
             so keep one of the two"
        ),
        None => "each key may be set once in a table; keep one of the two lines".to_string(),
    };
    (format!("duplicate key `{key}`"), Some(help))
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into words for authors,
/// with the valid choices and the likely intended one.
pub(super) fn explain_serde_message(
    message: &str,
    written: Option<&str>,
) -> (String, Option<String>) {
    for (pattern, noun, choices_noun) in [
        ("unknown field `", "unknown key", "valid keys"),
        ("unknown variant `", "unknown value", "valid values"),
    ] {
        let Some(rest) = message.strip_prefix(pattern) else {
            continue;
        };
        let Some((word, tail)) = rest.split_once('`') else {
            continue;
        };
        let choices: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let mut help = if choices.is_empty() {
            "this place takes no keys".to_string()
        } else {
            format!("{choices_noun}: {}", choices.join(", "))
        };
        if let Some(near) = closest(word, choices.iter().copied()) {
            help = format!("did you mean `{near}`? {help}");
        }
        return (format!("{noun} `{word}`"), Some(help));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split_once('`'))
    {
        return (
            format!("missing required key `{}`", field.0),
            Some(format!("add a line `{} = ...`", field.0)),
        );
    }
    explain_toml_message(message, written)
}

/// The valid forms of TOML values, for messages no rule below explains.
const FORM: &str = "TOML is written `key = value`, one per line: text in double quotes, numbers and dates without quotes (`10`, `2027-03-01`), lists in square brackets";

const UNCLOSED_STRING_HELP: &str = "end the text with the same quote mark on the same line; text over several lines goes between `\"\"\"` and `\"\"\"`";

/// Syntax errors by the start of the parser's message, each with the help that fixes it.
const SYNTAX_HELP: &[(&str, &str)] = &[
    ("invalid basic string", UNCLOSED_STRING_HELP),
    ("invalid literal string", UNCLOSED_STRING_HELP),
    (
        "duplicate key",
        "each key may be set once in a table; keep one of the two lines",
    ),
    (
        "key with no value",
        "write `key = value`, e.g. `title = \"Getting started\"`",
    ),
    (
        "unclosed array",
        "close the list with `]`, e.g. `[\"employers\", \"families\"]`",
    ),
    (
        "unclosed table",
        "a table heading is written `[name]` on a line of its own",
    ),
    (
        "unexpected key or value",
        "put each `key = value` on a line of its own, with text in double quotes",
    ),
];

/// TOML syntax and type errors in words for people who do not write code, each with the
/// form that would be valid.
fn explain_toml_message(message: &str, written: Option<&str>) -> (String, Option<String>) {
    if let Some(explained) = explain_out_of_range(message) {
        return explained;
    }
    if message == "wanted string or table" {
        return (
            "expected a value in double quotes".into(),
            Some("write one of the valid values as text, e.g. `modality = \"virtual\"`".into()),
        );
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return explain_invalid_type(message, found, expected, written);
    }
    let help = SYNTAX_HELP
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map_or(FORM, |(_, help)| help);
    (message.to_string(), Some(help.into()))
}

/// Serde's type names → what was wanted in words, and an example of the valid form.
fn wanted(expected: &str) -> Option<(&'static str, &'static str)> {
    Some(match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
            ("a whole number", "a whole number without quotes, e.g. `10`")
        }
        "f32" | "f64" => ("a number", "a number without quotes, e.g. `16.50`"),
        "a string" | "a borrowed string" => (
            "text",
            "the text in double quotes, e.g. `\"Getting started\"`",
        ),
        "a sequence" => (
            "a list",
            "a list in square brackets, e.g. `[\"employers\", \"families\"]` or `[9, 10]`",
        ),
        "a boolean" => ("true or false", "`true` or `false`, without quotes"),
        "a TOML datetime" => ("a date", "the date without quotes, e.g. `2027-03-01`"),
        _ => return None,
    })
}

/// "invalid type: FOUND, expected EXPECTED" in words: what was wanted, what was found (a
/// number as written), and the valid form.
fn explain_invalid_type(
    message: &str,
    found: &str,
    expected: &str,
    written: Option<&str>,
) -> (String, Option<String>) {
    let Some((wanted, example)) = wanted(expected) else {
        return (message.to_string(), Some(FORM.into()));
    };
    let found = found_words(found, written);
    // A fraction is just not whole; a number no whole number here can reach gets the range.
    let unreachable = |limit: f64| {
        written
            .and_then(|w| w.replace('_', "").parse::<f64>().ok())
            .is_none_or(|n| !n.is_finite() || n.abs() > limit)
    };
    let help = match whole_range(expected) {
        Some((range, limit)) if found.starts_with("the number") && unreachable(limit) => {
            format!("write a whole number {range}, without quotes, e.g. `10`")
        }
        _ => format!("write {example}"),
    };
    (format!("expected {wanted}, found {found}"), Some(help))
}

/// Serde's description of a found value in words.
fn found_words(found: &str, written: Option<&str>) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        // As written (`1e30`), not as serde prints the parsed value (`1000…0.0`).
        format!("the number {}", written.unwrap_or(n.trim_end_matches('`')))
    } else if let Some(b) = found.strip_prefix("boolean `") {
        b.trim_end_matches('`').to_string()
    } else if found == "sequence" {
        "a list".into()
    } else if found == "map" {
        "a table".into()
    } else {
        found.to_string()
    }
}

/// A number too large for its type ("integer `X` as i128", "invalid value: integer `X`"), with
/// the range the type holds.
fn explain_out_of_range(message: &str) -> Option<(String, Option<String>)> {
    let (number, expected) = if let Some(rest) = message.strip_prefix("invalid type: integer `") {
        let (number, rest) = rest.split_once("` as i128, expected ")?;
        (number, rest)
    } else {
        let rest = message.strip_prefix("invalid value: integer `")?;
        rest.split_once("`, expected ")?
    };
    let help = match whole_range(expected) {
        Some((range, _)) => format!("write a whole number {range}"),
        None => "write a smaller number, e.g. `16.50`".to_string(),
    };
    Some((format!("the number {number} is out of range"), Some(help)))
}

/// The values a Rust integer type holds, as people write numbers, and its largest magnitude.
fn whole_range(type_name: &str) -> Option<(&'static str, f64)> {
    Some(match type_name {
        "i8" => ("from -128 to 127", 128.0),
        "i16" => ("from -32,768 to 32,767", 32_768.0),
        "i32" => ("from -2,147,483,648 to 2,147,483,647", 2_147_483_648.0),
        "i64" => (
            "from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807",
            9.223_372_036_854_776e18,
        ),
        "u8" => ("from 0 to 255", 255.0),
        "u16" => ("from 0 to 65,535", 65_535.0),
        "u32" => ("from 0 to 4,294,967,295", 4_294_967_295.0),
        "u64" | "usize" => (
            "from 0 to 18,446,744,073,709,551,615",
            1.844_674_407_370_955_2e19,
        ),
        _ => return None,
    })
}
