//! Model stage: a [`Site`] in the default language → the same site in another of its
//! languages (content format §10): each page, district value and catalog record in that
//! language where it is translated, else as it is, marked so.

use std::collections::BTreeMap;

use super::{Language, Site, Translation};

impl Site {
    /// The site's edition in the language `code` (one of `config.languages`): every page,
    /// record and district value in that language where a translation exists, else in the
    /// default language, marked [`Translation::Missing`]. URLs, order, audiences and
    /// parents stay the source's; files are shared, not copied.
    pub fn in_language(&self, code: &str) -> Site {
        let mut site = self.clone();
        site.language = Language {
            code: code.to_string(),
            default: false,
        };
        if let Some(language) = self.config.languages.iter().find(|l| l.code == code) {
            if let Some(title) = &language.title {
                site.config.title = title.clone();
            }
            if let Some(description) = &language.description {
                site.config.description = description.clone();
            }
        }
        // The toolkit's placeholder defaults in `code`, from each regional _index.<code>.md.
        let defaults: BTreeMap<String, toml::Table> = self
            .toolkits
            .iter()
            .filter_map(|t| {
                let landing = t.pages.first()?.translation_into(code)?;
                Some((t.slug.clone(), landing.district_defaults.clone()))
            })
            .collect();
        for toolkit in site.toolkits.iter_mut().chain(site.editions.iter_mut()) {
            for page in &mut toolkit.pages {
                page.project(code);
            }
            if let Some(landing) = toolkit.pages.first() {
                if matches!(landing.translation, Translation::Translated { .. }) {
                    toolkit.title = landing.title.clone();
                    toolkit.summary = landing.summary.clone();
                }
            }
            if let Some(defaults) = defaults.get(&toolkit.slug) {
                overlay(&mut toolkit.district_defaults, defaults);
            }
        }
        for page in &mut site.pages {
            page.project(code);
        }
        for district in &mut site.districts {
            let Some(translated) = district.translated_values.get(code) else {
                continue;
            };
            let own = district
                .values
                .entry("values")
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(own) = own {
                overlay(own, translated);
            }
        }
        site.catalog = std::sync::Arc::new(self.catalog.in_language(code));
        site
    }
}

/// Lays `over` onto `base`: a value of `over` replaces `base`'s at the same path, tables
/// merging key by key, so what `over` leaves out keeps `base`'s value.
pub(crate) fn overlay(base: &mut toml::Table, over: &toml::Table) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => overlay(inner, value),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Drafts;

    fn fixture() -> Site {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages");
        Site::load(&root, Drafts::Exclude)
            .site
            .expect("the fixture loads")
    }

    #[test]
    fn each_page_gets_its_translation_s_file_title_and_summary_or_stays_marked_missing() {
        let es = fixture().in_language("es");
        let guide = &es.toolkits[0];
        assert_eq!(
            (guide.title.as_str(), guide.summary.as_deref()),
            ("Guía", Some("Cómo empezar"))
        );
        let pages: Vec<(&str, String, bool)> = guide
            .pages
            .iter()
            .map(|p| {
                let translated = matches!(p.translation, Translation::Translated { .. });
                (
                    p.url_path.as_str(),
                    crate::diagnostics::display_path(&p.file.path),
                    translated,
                )
            })
            .collect();
        assert_eq!(
            pages,
            [
                ("", "content/toolkits/guide/_index.es.md".to_string(), true),
                (
                    "start",
                    "content/toolkits/guide/01-start.es.md".to_string(),
                    true
                ),
                (
                    "section",
                    "content/toolkits/guide/02-section/_index.md".to_string(),
                    false
                ),
                (
                    "section/detail",
                    "content/toolkits/guide/02-section/detail.es.md".to_string(),
                    true
                ),
            ]
        );
        assert_eq!(
            es.pages[0].source_path(),
            std::path::Path::new("content/pages/about.md")
        );
        assert_eq!(es.config.title, "Red de idiomas");
    }

    #[test]
    fn placeholders_look_up_the_district_in_the_language_then_the_toolkit_in_the_language() {
        let es = fixture().in_language("es");
        let values = |t: &toml::Table, key: &str| {
            t.get("values")
                .and_then(|v| v.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let north = &es.districts[0];
        // district es → district → toolkit default es → toolkit default
        assert_eq!(
            values(&north.values, "office").as_deref(),
            Some("la oficina de North")
        );
        assert_eq!(
            values(&north.values, "bus").as_deref(),
            Some("the North bus")
        );
        let defaults = &es.toolkits[0].district_defaults;
        assert_eq!(
            values(defaults, "office").as_deref(),
            Some("la oficina del distrito")
        );
        assert_eq!(values(defaults, "bus").as_deref(), Some("no bus"));
        // The district's own Spanish page of a regional page it does not override.
        let edition = &es.editions[0];
        let start = &edition.pages[1];
        assert_eq!(
            crate::diagnostics::display_path(&start.file.path),
            "content/districts/north/toolkits/guide/01-start.es.md"
        );
    }
}
