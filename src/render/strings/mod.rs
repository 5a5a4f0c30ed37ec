//! Render stage: the theme's strings tables, every word the theme shows in each language.
//! The built-in theme ships `themes/default/i18n/<code>.toml` for `en` and `es`; a site's
//! `themes/<name>/i18n/<code>.toml` overrides strings of a built-in table or adds a language.
//! Loading checks a site's tables against the built-in ones ([`load`]); a [`Strings`] also
//! writes dates, amounts and numbers the way its language does.

mod site;
pub use site::load;
#[cfg(test)]
use site::set;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::config::Date;
use crate::vocabulary::{Kind, Labelled, Stage};

/// One language's strings, as templates read them: `t.<key>` or `t.<section>.<key>`.
/// Shared: every page of a language points at the same table.
///
/// Once the theme's templates have the table written in (see `render::fold`), the second
/// field holds the part of it they still read, and only that part reaches each page.
#[derive(Debug, Clone, PartialEq)]
pub struct Strings(Arc<toml::Table>, Option<Arc<toml::Table>>);

impl Serialize for Strings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.1.as_deref().unwrap_or(&self.0).serialize(serializer)
    }
}

impl Strings {
    /// The table `table`, as templates will read it.
    pub fn new(table: toml::Table) -> Strings {
        Strings(Arc::new(table), None)
    }

    /// The same table, written into the templates, which still read `kept` of it (see
    /// `render::fold`).
    pub(super) fn folded(&self, kept: toml::Table) -> Strings {
        Strings(Arc::clone(&self.0), Some(Arc::new(kept)))
    }

    /// Whether the theme's templates have this table written in.
    pub fn is_folded(&self) -> bool {
        self.1.is_some()
    }

    /// Whether `other` is this very table (not only an equal one).
    pub(super) fn same_table(&self, other: &Strings) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// The table, as loaded.
    pub(super) fn table(&self) -> &toml::Table {
        &self.0
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

    /// The name of `month` (1 to 12) in this language (`[dates] months`).
    pub fn month_name(&self, month: u8) -> &str {
        self.value("dates.months")
            .and_then(toml::Value::as_array)
            .and_then(|months| months.get(usize::from(month.clamp(1, 12)) - 1))
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
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
