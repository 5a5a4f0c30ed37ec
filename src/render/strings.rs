//! Render stage: the theme's strings tables, every word the theme shows in each language.
//! The built-in theme ships `themes/default/i18n/<code>.toml` for `en` and `es`; a site's
//! `themes/<name>/i18n/<code>.toml` overrides strings of a built-in table or adds a language.
//! Loading checks a site's tables against the built-in ones ([`load`]); a [`Strings`] also
//! writes dates, amounts and numbers the way its language does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::config::Date;
use crate::diagnostics::{Diagnostic, Position};
use crate::load::SourceFile;
use crate::vocabulary::{Kind, Labelled, Stage};

/// One language's strings, as templates read them: `t.<key>` or `t.<section>.<key>`.
/// Shared: every page of a language points at the same table.
#[derive(Debug, Clone, PartialEq)]
pub struct Strings(Arc<toml::Table>);

impl Serialize for Strings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Strings {
    /// The table `table`, as templates will read it.
    pub fn new(table: toml::Table) -> Strings {
        Strings(Arc::new(table))
    }

    /// The value at `path` (`language_name`, `nav.search`, `dates.months`), if any.
    fn value(&self, path: &str) -> Option<&toml::Value> {
        let mut parts = path.split('.');
        let first = self.0.get(parts.next()?)?;
        parts.try_fold(first, |value, part| value.get(part))
    }

    /// The string at `path` (`language_name`, `nav.search`), if the table has one.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.value(path).and_then(toml::Value::as_str)
    }

    /// The string at `path`, or the empty string: loading made sure every key of the
    /// English table is there, so only a theme's own misspelling in Rust could miss.
    pub fn text(&self, path: &str) -> &str {
        self.get(path).unwrap_or_default()
    }

    /// The string at `path` with each `{name}` replaced by its value: `("count", "3")`.
    pub fn fill(&self, path: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(path), values)
    }

    /// The label of a vocabulary's value in this language: `[kinds] job-shadow`.
    pub fn label<V: Labelled>(&self, value: V) -> &str {
        self.section_text(V::SECTION, value.slug())
    }

    /// The words a Markdown render adds to a page (`[markdown]`).
    pub fn markdown_words(&self) -> crate::markdown::Words<'_> {
        crate::markdown::Words {
            anchor: self.text("markdown.anchor"),
            table: self.text("markdown.table"),
            table_of: self.text("markdown.table_of"),
            done: self.text("markdown.done"),
            to_do: self.text("markdown.to_do"),
        }
    }

    /// The name of a district's application window for `kind`, in this language:
    /// `[application_windows] internship` ("Applications for internships").
    pub fn application_window(&self, kind: Kind) -> &str {
        self.section_text("application_windows", kind.slug())
    }

    /// What a stage of the continuum means, in this language: `[stage_descriptions]`.
    pub fn stage_description(&self, stage: Stage) -> &str {
        self.section_text("stage_descriptions", stage.slug())
    }

    /// The string `key` of `section`, the key taken whole (`job-shadow`).
    fn section_text(&self, section: &str, key: &str) -> &str {
        self.0
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
    }

    /// The string for `count` things, filled: `<path>_one` when it is 1, else
    /// `<path>_other` (`catalog.count_open` → "1 open", "12 open").
    pub fn count(&self, path: &str, count: usize, values: &[(&str, &str)]) -> String {
        let form = if count == 1 { "one" } else { "other" };
        let count = count.to_string();
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(values);
        self.fill(&format!("{path}_{form}"), &all)
    }

    /// `date` written out in this language: `December 4, 2026`, `4 de diciembre de 2026`
    /// (`[dates] long` with `months`).
    pub fn date_long(&self, date: Date) -> String {
        let month = self
            .value("dates.months")
            .and_then(toml::Value::as_array)
            .and_then(|months| months.get(usize::from(date.month.clamp(1, 12)) - 1))
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        fill(
            self.text("dates.long"),
            &[
                ("month", month),
                ("day", &date.day.to_string()),
                ("year", &date.year.to_string()),
            ],
        )
    }

    /// An amount of money: `$18.50`, `$150`, `$58,400` (`[numbers] money`, with the
    /// separators of [`Strings::number`]; whole amounts have no cents).
    pub fn money(&self, amount: f64) -> String {
        let cents = (amount * 100.0).round() as i64;
        let (whole, fraction) = (cents / 100, cents % 100);
        let mut text = self.grouped(whole);
        if fraction != 0 {
            text.push_str(self.text("numbers.decimal"));
            text.push_str(&format!("{fraction:02}"));
        }
        self.fill("numbers.money", &[("amount", &text)])
    }

    /// A number as this language writes it: `6`, `7.5`, `1,200` (`[numbers] decimal`,
    /// `thousands`); at most two decimals, without needless zeros.
    pub fn number(&self, value: f64) -> String {
        let rounded = format!("{value:.2}");
        let rounded = rounded.trim_end_matches('0').trim_end_matches('.');
        let (whole, fraction) = rounded.split_once('.').unwrap_or((rounded, ""));
        let sign = if whole.starts_with('-') { "-" } else { "" };
        let whole: i64 = whole.trim_start_matches('-').parse().unwrap_or_default();
        let mut text = format!("{sign}{}", self.grouped(whole));
        if !fraction.is_empty() {
            text.push_str(self.text("numbers.decimal"));
            text.push_str(fraction);
        }
        text
    }

    /// `whole` with this language's thousands separator: `58,400`.
    fn grouped(&self, whole: i64) -> String {
        let digits = whole.to_string();
        let separator = self.text("numbers.thousands");
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && c.is_ascii_digit() && (digits.len() - i) % 3 == 0 {
                grouped.push_str(separator);
            }
            grouped.push(c);
        }
        grouped
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Where the built-in English table is, in Trellis's source, for messages.
pub const ENGLISH_TABLE: &str = "themes/default/i18n/en.toml";

/// The built-in strings tables: language code → the TOML text.
pub const BUILTIN_STRINGS: &[(&str, &str)] = &[
    (
        "en",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/i18n/en.toml"
        )),
    ),
    (
        "es",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/i18n/es.toml"
        )),
    ),
];

/// The built-in tables, parsed, by language code.
pub fn builtin() -> BTreeMap<String, Strings> {
    BUILTIN_STRINGS
        .iter()
        .map(|(code, text)| {
            let table: toml::Table = toml::from_str(text).expect("the built-in strings parse");
            (code.to_string(), Strings::new(table))
        })
        .collect()
}

/// Every key of `table` as a dotted path (`nav.search`), with its value; a list is one key.
pub fn keys(table: &toml::Table) -> BTreeMap<String, &toml::Value> {
    fn walk<'a>(table: &'a toml::Table, prefix: &str, out: &mut BTreeMap<String, &'a toml::Value>) {
        for (key, value) in table {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::Table(inner) => walk(inner, &path, out),
                value => {
                    out.insert(path, value);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(table, "", &mut out);
    out
}

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
fn set(table: &mut toml::Table, path: &str, value: toml::Value) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(code: &str) -> Strings {
        builtin().remove(code).expect("a built-in table")
    }

    #[test]
    fn every_built_in_table_parses_and_names_its_language() {
        let tables = builtin();
        assert_eq!(tables["en"].get("language_name"), Some("English"));
        assert_eq!(tables["es"].get("language_name"), Some("Español"));
    }

    #[test]
    fn every_kind_has_an_application_window_name_in_each_language() {
        let (en, es) = (table("en"), table("es"));
        assert_eq!(
            en.application_window(Kind::JobShadow),
            "Applications for job shadows"
        );
        assert_eq!(
            es.application_window(Kind::Internship),
            "Solicitudes para pasantías"
        );
        for kind in Kind::ALL {
            assert!(!en.application_window(*kind).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn the_built_in_tables_have_the_same_keys_of_the_same_kinds() {
        let kinds = |code: &str| -> Vec<(String, &'static str)> {
            keys(&table(code).0)
                .into_iter()
                .map(|(key, value)| (key, value.type_str()))
                .collect()
        };
        assert_eq!(kinds("es"), kinds("en"));
    }

    #[test]
    fn every_string_a_built_in_template_reads_is_in_the_english_table() {
        let english = table("en");
        let mut missing = Vec::new();
        for (name, text) in super::super::BUILTIN_TEMPLATES {
            for used in text.split("t.").skip(1) {
                let key: String = used
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == '.')
                    .collect();
                let key = key.trim_end_matches('.');
                if key.contains('.') && english.get(key).is_none() {
                    missing.push(format!("{name}: {key}"));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }

    /// Every value of every vocabulary as (its label in `t`, its English label in Rust).
    fn vocabulary_labels(t: &Strings) -> Vec<(String, &'static str)> {
        use crate::vocabulary::*;
        fn each<V: Labelled>(
            t: &Strings,
            all: &[V],
            english: fn(V) -> &'static str,
        ) -> Vec<(String, &'static str)> {
            all.iter()
                .map(|&v| {
                    (
                        format!("{}.{}: {}", V::SECTION, v.slug(), t.label(v)),
                        english(v),
                    )
                })
                .collect()
        }
        [
            each(t, &Audience::ALL, Audience::label),
            each(t, Kind::ALL, Kind::label),
            each(t, Stage::ALL, Stage::label),
            each(t, Modality::ALL, Modality::label),
            each(t, OrgType::ALL, OrgType::label),
            each(t, PayType::ALL, PayType::label),
            each(t, Support::ALL, Support::label),
            each(t, Principle::ALL, Principle::label),
            each(t, Stage::ALL, Stage::description),
        ]
        .concat()
    }

    #[test]
    fn every_vocabulary_value_has_its_label_in_the_english_table() {
        let english = table("en");
        let mut labels = vocabulary_labels(&english);
        // The last four are the stages' descriptions, under their own section.
        let descriptions = labels.split_off(labels.len() - 4);
        for (shown, label) in labels {
            assert!(
                shown.ends_with(&format!(": {label}")),
                "{shown} is not {label:?}"
            );
        }
        for (stage, (_, description)) in crate::vocabulary::Stage::ALL.iter().zip(descriptions) {
            assert_eq!(english.stage_description(*stage), description);
        }
    }

    #[test]
    fn every_vocabulary_value_has_a_spanish_label_of_its_own() {
        let spanish = table("es");
        for (shown, english) in vocabulary_labels(&spanish) {
            let label = shown.split_once(": ").map_or("", |(_, l)| l);
            assert!(!label.is_empty() && label != english, "{shown}");
        }
    }

    #[test]
    fn counts_choose_the_singular_or_the_plural() {
        let (en, es) = (table("en"), table("es"));
        assert_eq!(es.count("catalog.count_open", 1, &[]), "1 abierta");
        assert_eq!(es.count("catalog.count_open", 3, &[]), "3 abiertas");
        assert_eq!(en.count("toolkit.page_count", 1, &[]), "1 page");
        assert_eq!(en.count("toolkit.page_count", 0, &[]), "0 pages");
    }

    #[test]
    fn dates_are_written_the_way_each_language_writes_them() {
        let date = Date {
            year: 2026,
            month: 12,
            day: 4,
        };
        assert_eq!(table("en").date_long(date), "December 4, 2026");
        assert_eq!(table("es").date_long(date), "4 de diciembre de 2026");
        let first = Date {
            year: 2027,
            month: 1,
            day: 1,
        };
        assert_eq!(table("es").date_long(first), "1 de enero de 2027");
        assert_eq!(table("en").date_long(first), first.long());
    }

    #[test]
    fn money_and_numbers_follow_each_language() {
        for code in ["en", "es"] {
            let t = table(code);
            assert_eq!(t.money(18.5), "$18.50");
            assert_eq!(t.money(150.0), "$150");
            assert_eq!(t.money(58_400.0), "$58,400");
            assert_eq!(t.money(1_234_567.89), "$1,234,567.89");
            assert_eq!(t.number(7.5), "7.5");
            assert_eq!(t.number(6.0), "6");
            assert_eq!(t.number(1200.25), "1,200.25");
        }
    }

    #[test]
    fn other_separators_are_taken_from_the_table() {
        let mut t: toml::Table = (*table("es").0).clone();
        set(&mut t, "numbers.decimal", toml::Value::from(","));
        set(&mut t, "numbers.thousands", toml::Value::from("\u{a0}"));
        set(
            &mut t,
            "numbers.money",
            toml::Value::from("{amount}\u{a0}$"),
        );
        let t = Strings::new(t);
        assert_eq!(t.money(58_400.5), "58\u{a0}400,50\u{a0}$");
        assert_eq!(t.number(7.5), "7,5");
    }

    #[test]
    fn fill_puts_each_value_in_its_place() {
        assert_eq!(
            fill("{count} of {total}", &[("count", "2"), ("total", "5")]),
            "2 of 5"
        );
    }
}
