//! A site's strings tables: `<theme_dir>/i18n/<code>.toml` read and checked against the
//! built-in ones, key by key, and merged over them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{builtin, keys, Strings, ENGLISH_TABLE};
use crate::diagnostics::{Diagnostic, Position};
use crate::load::SourceFile;

/// The strings of every language a site shows: the built-in tables, each overridden key by
/// key by the site's `<theme_dir>/i18n/<code>.toml`, and a complete table of the site's for
/// each of `languages` (the codes of `[languages]`) that has no built-in one. Problems go
/// to `problems`; a language whose table failed falls back to English, so rendering can
/// still check the rest.
pub fn load(
    root: &Path,
    theme_dir: &Path,
    languages: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Strings> {
    let mut tables = builtin();
    let mut codes: Vec<String> = tables.keys().cloned().collect();
    codes.extend(languages.iter().map(|code| code.to_string()));
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let path = theme_dir.join("i18n").join(format!("{code}.toml"));
        let builtin = tables.get(&code).cloned();
        if !root.join(&path).is_file() {
            if builtin.is_none() {
                problems.push(no_table(root, &code, &path));
            }
            continue;
        }
        let Some(file) = SourceFile::read(root, &path, problems) else {
            continue;
        };
        let site: toml::Table = match toml::from_str(&file.text) {
            Ok(table) => table,
            Err(err) => {
                problems.push(crate::load::toml_diagnostic(&file, 0, &err));
                continue;
            }
        };
        let base = builtin.unwrap_or_else(|| tables["en"].clone());
        let complete = tables.contains_key(&code);
        if let Some(table) = merge(&file, &base, &site, complete, problems) {
            tables.insert(code, Strings::new(table));
        }
    }
    tables
}

/// `site`'s strings over `base`'s; every key of `site` must be one of `base`'s, of the same
/// kind, and, unless the language has a built-in table (`has_builtin`), every key of
/// `base` must be in `site`. `None` when something is wrong (reported).
fn merge(
    file: &SourceFile,
    base: &Strings,
    site: &toml::Table,
    has_builtin: bool,
    problems: &mut Vec<Diagnostic>,
) -> Option<toml::Table> {
    let valid = keys(&base.0);
    let given = keys(site);
    let before = problems.len();
    for (key, value) in &given {
        match valid.get(key) {
            None => problems.push(unknown_key(file, key, valid.keys().map(String::as_str))),
            Some(expected) if expected.type_str() != value.type_str() => {
                let kind = if expected.is_array() {
                    "a list of strings"
                } else {
                    "a string"
                };
                problems.push(
                    Diagnostic::error(&file.path, format!("`{key}` must be {kind}"))
                        .at(key_position(file, key))
                        .help(format!(
                            "write it as the English table does ({ENGLISH_TABLE})"
                        )),
                );
            }
            Some(_) => {}
        }
    }
    let missing: Vec<&str> = valid
        .keys()
        .filter(|key| !given.contains_key(*key))
        .map(String::as_str)
        .collect();
    if !has_builtin && !missing.is_empty() {
        problems.push(
            Diagnostic::error(
                &file.path,
                format!(
                    "the strings table lacks {} {}: {}",
                    missing.len(),
                    if missing.len() == 1 { "key" } else { "keys" },
                    missing.join(", ")
                ),
            )
            .at(Position::START)
            .help(format!(
                "a language with no built-in table needs every key: copy them from the English table ({ENGLISH_TABLE}, see README, Themes) and translate them"
            )),
        );
    }
    if problems.len() > before {
        return None;
    }
    let mut table = (*base.0).clone();
    for (key, value) in given {
        set(&mut table, &key, value.clone());
    }
    Some(table)
}

/// Sets the value at the dotted `path` of `table`, making the sections on the way.
pub(super) fn set(table: &mut toml::Table, path: &str, value: toml::Value) {
    match path.split_once('.') {
        None => {
            table.insert(path.to_string(), value);
        }
        Some((section, rest)) => {
            let inner = table
                .entry(section)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(inner) = inner {
                set(inner, rest, value);
            }
        }
    }
}

/// A key of a site's table that the theme has no string for.
fn unknown_key<'a>(
    file: &SourceFile,
    key: &str,
    valid: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let help = match crate::diagnostics::closest(key, valid) {
        Some(near) => format!("did you mean `{near}`? The keys are those of the English table ({ENGLISH_TABLE}, see README, Themes)"),
        None => format!("use a key of the English table ({ENGLISH_TABLE}, see README, Themes)"),
    };
    Diagnostic::error(&file.path, format!("unknown string `{key}`"))
        .at(key_position(file, key))
        .help(help)
}

/// Where the dotted `key` is written in `file`: its line under its `[section]`, or the
/// start of the file when it cannot be found.
fn key_position(file: &SourceFile, key: &str) -> Position {
    let (section, name) = match key.rsplit_once('.') {
        Some((section, name)) => (Some(section), name),
        None => (None, key),
    };
    let mut offset = 0;
    let mut in_section = section.is_none();
    for line in file.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let header = trimmed
                .trim_end()
                .trim_start_matches('[')
                .trim_end_matches(']');
            in_section = section.is_some_and(|s| header.trim() == s);
        } else if in_section {
            let bare = trimmed.trim_start_matches('"');
            if let Some(rest) = bare.strip_prefix(name) {
                if rest.trim_start_matches('"').trim_start().starts_with('=') {
                    return file.position(offset + line.len() - trimmed.len());
                }
            }
        }
        offset += line.len();
    }
    file.position_of_key(key)
}

/// A language of `[languages]` with no built-in table and none in the site.
fn no_table(root: &Path, code: &str, path: &Path) -> Diagnostic {
    let config = PathBuf::from("content/site.toml");
    let position = std::fs::read_to_string(root.join(&config))
        .ok()
        .and_then(|text| {
            let offset = text.find(&format!("[languages.{code}]"))?;
            Some(Position::at(&text, offset + 1))
        })
        .unwrap_or(Position::START);
    Diagnostic::error(
        config,
        format!("the theme has no strings for `{code}`"),
    )
    .at(position)
    .help(format!(
        "create {} with every key of the English table ({ENGLISH_TABLE}, see README, Themes), translated",
        crate::diagnostics::display_path(path)
    ))
}
