//! The spreadsheet exports' cells and sheets, on a catalog loaded from TOML records that
//! set every field: each column of each type must give a value, in the written form.

use std::path::PathBuf;

use super::sheets::sheets;
use super::values::{self, Shown, Value};
use crate::columns::RecordType;
use crate::config::{Date, LanguageConfig, SiteConfig};
use crate::diagnostics::Severity;
use crate::memo::Policy;
use crate::model::catalog::{self, Catalog};

const PATHWAY: &str = r#"
[[pathway]]
id = "health"
name = "Health"
sector = "health"
high_demand = true
demand_source = "County board"
median_wage = 61200
occupations = [{ title = "Medical Assistant", soc = "31-9092", median_wage = 45100 }, { title = "Scribe", median_wage = 39000 }]
credentials = ["CNA; level 1"]
colleges = [{ name = "Valley College", program = "Nursing AS", url = "https://example.org/n" }]
description = "Clinics."
[pathway.es]
name = "Salud"
description = "Clínicas."
demand_source = "Junta del condado"
credentials = ["CNA"]
"#;

const EMPLOYER: &str = r#"
[[employer]]
id = "clinic"
name = "Clinic"
org_type = "nonprofit"
pathways = ["health"]
website = "https://example.org"
city = "Downey"
hosts = ["internship"]
contact = { name = "Sam", title = "Lead", email = "sam@example.org", phone = "555-0100", public = true }
description = "A clinic."
[employer.es]
name = "Clínica"
description = "Una clínica."
"#;

const OPPORTUNITY: &str = r#"
[[opportunity]]
id = "intern"
title = "Intern"
employer = "clinic"
kind = "internship"
pathways = ["health"]
modality = "in-person"
city = "Downey"
grades = [11, 12]
summary = "Six weeks"
districts = ["downey"]
schedule = "Mornings"
hours = 120
hours_per_week = 20.5
starts = 2027-06-14
ends = 2027-07-23
deadline = 2027-04-01
seats = 4
min_age = 16
hazards = ["cooking"]
pay = { type = "hourly", amount = 18.5 }
credit = "5 credits"
skills = ["Intake"]
tasks = ["Register"]
credentials = ["CPR"]
supports = ["transportation"]
principles = ["career-aligned"]
apply_url = "https://example.org/apply"
contact = { name = "Dana", title = "Lead", email = "d@example.org", phone = "555-0101", public = true }
description = "Work."
[opportunity.es]
title = "Pasantía"
summary = "Seis semanas"
description = "Trabajo."
schedule = "Mañanas"
credit = "5 créditos"
skills = ["Admisión"]
tasks = ["Registrar"]
credentials = ["RCP"]
"#;

/// The catalog of the three records above, with Spanish as a site language.
fn full_catalog(test: &str) -> Catalog {
    let root = std::env::temp_dir().join(format!("trellis-{test}-{}", std::process::id()));
    let folder = |kind: &str| -> PathBuf { root.join("content/catalog").join(kind) };
    for (kind, text) in [
        ("pathways", PATHWAY),
        ("employers", EMPLOYER),
        ("opportunities", OPPORTUNITY),
    ] {
        std::fs::create_dir_all(folder(kind)).unwrap();
        std::fs::write(folder(kind).join("records.toml"), text).unwrap();
    }
    let mut config = SiteConfig::stand_in();
    config.languages.push(LanguageConfig {
        code: "es".into(),
        name: "Español".into(),
        title: None,
        description: None,
    });
    let today = Date {
        year: 2027,
        month: 1,
        day: 1,
    };
    let mut found = Vec::new();
    let mut reuse = catalog::Reuse::new(Policy::Forget);
    let districts: (&[&str], _) = (&["downey"], Vec::new());
    let loaded = catalog::load(&root, &config, today, districts, &mut found, &mut reuse);
    std::fs::remove_dir_all(&root).unwrap();
    let errors: Vec<_> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (*loaded).clone()
}

fn shown() -> Vec<Shown<'static>> {
    vec![Shown {
        ceds: "PaidInternship",
        url: "https://example.org/opportunities/intern/".into(),
        pay: Some("$18.50 an hour".into()),
    }]
}

#[test]
fn every_column_of_every_type_has_a_value_for_a_full_record() {
    let catalog = full_catalog("export-full-record");
    let shown = shown();
    for t in RecordType::ALL {
        for column in t.columns() {
            let value = match t {
                RecordType::Pathway => values::pathway(&catalog.pathways[0], column),
                RecordType::Employer => values::employer(&catalog, &catalog.employers[0], column),
                RecordType::Opportunity => {
                    values::opportunity(&catalog, &catalog.opportunities[0], &shown[0], column)
                }
            };
            let value = value.unwrap_or_else(|| panic!("{t:?} `{}` has no arm", column.name));
            assert_ne!(value, Value::Empty, "{t:?} `{}`", column.name);
        }
    }
}

#[test]
fn cells_are_written_in_the_forms_the_reader_takes() {
    let catalog = full_catalog("export-forms");
    let sheets = sheets(&catalog, &shown(), &["es"]);
    let cell = |t: usize, name: &str| -> String {
        let at = sheets[t].headers.iter().position(|h| h == name).unwrap();
        sheets[t].rows[0][at].text()
    };
    assert_eq!(
        cell(0, "occupations"),
        "Medical Assistant | 31-9092 | 45100;Scribe |  | 39000"
    );
    assert_eq!(cell(0, "credentials"), "CNA\\; level 1");
    assert_eq!(
        cell(0, "colleges"),
        "Valley College | Nursing AS | https://example.org/n"
    );
    assert_eq!(cell(0, "high_demand"), "true");
    assert_eq!(cell(1, "contact_public"), "true");
    assert_eq!(cell(2, "hours_per_week"), "20.5");
    assert_eq!(cell(2, "hours"), "120");
    assert_eq!(cell(2, "deadline"), "2027-04-01");
    assert_eq!(cell(2, "grades"), "11;12");
    assert_eq!(cell(2, "es.title"), "Pasantía");
    assert_eq!(cell(2, "es.credentials"), "RCP");
    assert_eq!(cell(2, "es.description"), "Trabajo.");
}

#[test]
fn translation_columns_follow_the_columns_for_what_some_record_translates() {
    let catalog = full_catalog("export-translations");
    let sheets = sheets(&catalog, &shown(), &["es"]);
    let translated = |t: usize| -> Vec<&str> {
        let own = RecordType::ALL[t].columns().len();
        sheets[t].headers[own..]
            .iter()
            .map(|h| h.as_str())
            .collect()
    };
    assert_eq!(
        translated(0),
        [
            "es.name",
            "es.demand_source",
            "es.credentials",
            "es.description"
        ]
    );
    assert_eq!(translated(1), ["es.name", "es.description"]);
    assert_eq!(
        translated(2),
        [
            "es.title",
            "es.credit",
            "es.summary",
            "es.schedule",
            "es.skills",
            "es.tasks",
            "es.credentials",
            "es.description"
        ]
    );
    // A language edition's sheets have none.
    let edition = super::sheets::sheets(&catalog, &shown(), &[]);
    for (t, sheet) in edition.iter().enumerate() {
        assert_eq!(sheet.headers.len(), RecordType::ALL[t].columns().len());
    }
}
