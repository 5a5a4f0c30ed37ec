//! Render stage: the theme's strings tables, every word the theme shows in each language.
//! The built-in theme ships `themes/default/i18n/<code>.toml` for `en` and `es`; a site's
//! `themes/<name>/i18n/<code>.toml` overrides strings of a built-in table or adds a language.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

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

    /// The string at `path` (`language_name`, `nav.search`), if the table has one.
    pub fn get(&self, path: &str) -> Option<&str> {
        let mut parts = path.split('.');
        let first = self.0.get(parts.next()?)?;
        parts
            .try_fold(first, |value, part| value.get(part))
            .and_then(toml::Value::as_str)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_table_parses_and_names_its_language() {
        let tables = builtin();
        assert_eq!(tables["en"].get("language_name"), Some("English"));
        assert_eq!(tables["es"].get("language_name"), Some("Español"));
    }
}
