//! Hardening: catalog numbers, dates, exports and messages that say what is true.

use crate::support::*;

const HEALTH: &str = "content/catalog/opportunities/health.toml";
const IT: &str = "content/catalog/opportunities/it.toml";
const PATHWAYS: &str = "content/catalog/pathways/pathways.toml";

fn catalog(test: &str) -> TestSite {
    TestSite::new(test, "catalog")
}

#[test]
fn every_type_error_of_every_record_is_reported_in_one_run() {
    let site = catalog("num-all-type-errors");
    site.edit(
        IT,
        "grades = [9, 10]",
        "grades = [9, 10]\nseats = \"ten\"\nhours = \"x\"",
    );
    site.edit(IT, "kind = \"industry-project\"", "kind = 5");
    site.edit(HEALTH, "hours_per_week = 20", "hours_per_week = \"twenty\"");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:15:18: error: opportunity `clinic-internship`: expected a number, found the text \"twenty\"",
        "  help: write a number without quotes, e.g. `16.50`",
        "content/catalog/opportunities/it.toml:21:8: error: opportunity `repair-project`: expected a value in double quotes",
        "  help: write one of the valid values as text, e.g. `modality = \"virtual\"`",
        "content/catalog/opportunities/it.toml:26:9: error: opportunity `repair-project`: expected a whole number, found the text \"ten\"",
        "  help: write a whole number without quotes, e.g. `10`",
        "content/catalog/opportunities/it.toml:27:9: error: opportunity `repair-project`: expected a number, found the text \"x\"",
        "  help: write a number without quotes, e.g. `16.50`",
        "Build failed: 4 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_record_of_many_bad_keys_reports_a_capped_number_of_them() {
    let site = catalog("num-capped-problems");
    let keys: String = (0..100).map(|i| format!("\nbad{i:03} = 1")).collect();
    site.edit(IT, "grades = [9, 10]", &format!("grades = [9, 10]{keys}"));
    // The notice at the record's start, then the first 30 keys (on lines 26 to 55).
    let mut expected = vec![
        "content/catalog/opportunities/it.toml:17:1: error: opportunity `repair-project`: more problems were not checked".to_string(),
        "  help: a record reports at most 30 problems in one build; fix these and build again".into(),
    ];
    for i in 0..30 {
        expected.push(format!(
            "content/catalog/opportunities/it.toml:{}:1: error: opportunity `repair-project`: unknown key `bad{i:03}`",
            26 + i
        ));
        expected.push("  help: valid keys: id, title, employer, kind, pathways, modality, grades, summary, districts, city, schedule, hours, hours_per_week, starts, ends, deadline, seats, min_age, hazards, pay, credit, skills, tasks, credentials, supports, principles, apply_url, contact, description".into());
    }
    expected.push("Build failed: 31 errors, 0 warnings; <site>/public was not changed".into());
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    site.build().expect_code(1).expect_diagnostics(&expected);
}

#[test]
fn extreme_numbers_are_refused_with_the_valid_range() {
    let site = catalog("num-extremes");
    site.edit(HEALTH, "amount = 18.5", "amount = 1e308");
    site.edit(HEALTH, "hours = 120", "hours = inf");
    site.edit(HEALTH, "hours_per_week = 20", "hours_per_week = 1e-300");
    site.edit(HEALTH, "seats = 4", "seats = 99999999999");
    site.edit(HEALTH, "min_age = 16", "min_age = -3");
    site.edit(PATHWAYS, "median_wage = 61200", "median_wage = 9999999999");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:14:9: error: opportunity `clinic-internship`: `hours` must be a number, found inf",
        "  help: write a number from 0.01 to 10,000, e.g. `hours = 6`, or leave the line out",
        "content/catalog/opportunities/health.toml:15:18: error: opportunity `clinic-internship`: `hours_per_week` must be a number from 0.01 to 168, found 1e-300",
        "  help: for example `hours_per_week = 3`, or leave the line out",
        "content/catalog/opportunities/health.toml:16:9: error: opportunity `clinic-internship`: `seats` must be a whole number from 1 to 10,000, found 99999999999",
        "  help: for example `seats = 4`, or leave the line out",
        "content/catalog/opportunities/health.toml:17:11: error: opportunity `clinic-internship`: `min_age` must be a whole number from 10 to 25, found -3",
        "  help: for example `min_age = 16`, or leave the line out",
        "content/catalog/opportunities/health.toml:18:35: error: opportunity `clinic-internship`: `amount` must be a number from 0.01 to 1,000,000, found 1e308",
        "  help: for example `pay = { type = \"hourly\", amount = 18.50 }`, or leave the line out",
        "content/catalog/pathways/pathways.toml:7:15: error: pathway `health-science`: `median_wage` must be a whole number from 1 to 1,000,000, found 9999999999",
        "  help: for example `median_wage = 58400`, or leave the line out",
        "Build failed: 6 errors, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn non_finite_pay_says_it_is_not_a_number() {
    let site = catalog("num-nan-pay");
    site.edit(HEALTH, "amount = 18.5", "amount = nan");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:18:35: error: opportunity `clinic-internship`: `amount` must be a number, found nan",
        "  help: write a number from 0.01 to 1,000,000, e.g. `pay = { type = \"hourly\", amount = 18.50 }`, or leave the line out",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_deadline_no_calendar_can_end_is_refused_and_the_last_valid_one_is_written() {
    let site = catalog("num-deadline-9999");
    site.edit(
        HEALTH,
        "ends = 2027-07-23\ndeadline = 2027-04-01",
        "deadline = 9999-12-31",
    );
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:12:12: error: opportunity `clinic-internship`: `deadline` must be from 1900-01-01 to 9998-12-31, found 9999-12-31",
        "  help: write it as a bare date: deadline = 2027-03-15",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    assert!(!site.path("public").exists());

    site.edit(HEALTH, "deadline = 9999-12-31", "deadline = 9998-12-31");
    site.build().expect_code(0);
    let calendar = site.read_output("opportunities/deadlines.ics");
    assert!(calendar.contains("DTSTART;VALUE=DATE:99981231\r\nDTEND;VALUE=DATE:99990101\r\n"));
}

#[test]
fn pay_is_compared_with_the_minimum_wage_in_the_cents_it_is_shown_in() {
    let site = catalog("num-minimum-wage-cents");
    site.edit(HEALTH, "amount = 18.5", "amount = 16.494");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:18:7: error: opportunity `clinic-internship`: hourly pay 16.49 is below the minimum wage of 16.50",
        "  help: raise the pay to at least the minimum wage set in content/site.toml",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);

    // 16.4999999999 is 16.50 to the cent: accepted, and shown as such everywhere.
    site.edit(HEALTH, "amount = 16.494", "amount = 16.4999999999");
    site.build().expect_code(0).expect_diagnostics(&[
        "Built 50 pages (124 files: 124 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
    let csv = site.read_output("opportunities.csv");
    assert!(csv.contains(",hourly,16.5,$16.50 an hour,"), "{csv}");
    assert!(site
        .read_output("opportunities/clinic-internship/index.html")
        .contains("$16.50 an hour"));
}

#[test]
fn hours_are_kept_to_two_decimals_in_every_output() {
    let site = catalog("num-hours-decimals");
    site.edit(HEALTH, "hours = 120", "hours = 2.3333333333");
    site.edit(HEALTH, "hours_per_week = 20", "hours_per_week = 0.004");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:15:18: error: opportunity `clinic-internship`: `hours_per_week` must be a number from 0.01 to 168, found 0.004",
        "  help: for example `hours_per_week = 3`, or leave the line out",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    site.edit(HEALTH, "hours_per_week = 0.004", "hours_per_week = 7.125");
    site.build().expect_code(0);
    let csv = site.read_output("opportunities.csv");
    assert!(csv.contains(",2.33,7.13,"), "{csv}");
    assert!(!csv.contains("2.333"), "{csv}");
    let json = site.read_output("catalog.json");
    assert!(json.contains("2.33") && !json.contains("2.333"), "{json}");
}

#[test]
fn a_huge_weight_in_front_matter_is_explained_with_the_valid_range() {
    let site = TestSite::basic("num-huge-weight");
    let page = "content/toolkits/guide/03-draft.md";
    site.edit(page, "draft = true", "draft = true\nweight = 1e30");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/03-draft.md:4:10: error: expected a whole number, found the number 1e30",
        "  help: write a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807, without quotes, e.g. `10`",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    site.edit(page, "weight = 1e30", "weight = 99999999999999999999");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/toolkits/guide/03-draft.md:4:10: error: the number 99999999999999999999 is out of range",
        "  help: write a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn a_duplicate_key_names_the_key_and_the_line_it_was_first_set_on() {
    let site = catalog("num-duplicate-key");
    site.edit(HEALTH, "seats = 4", "seats = 4\nseats = 5");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:17:1: error: duplicate key `seats`",
        "  help: `seats` is first set on line 16; each key may be set once in a table, so keep one of the two",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
    site.edit(HEALTH, "seats = 4\nseats = 5", "seats = 4");
    site.edit(HEALTH, "amount = 18.5 }", "amount = 18.5, amount = 19 }");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:18:41: error: duplicate key `amount`",
        "  help: `amount` is first set on line 18; each key may be set once in a table, so keep one of the two",
        "Build failed: 1 error, 0 warnings; <site>/public was not changed",
    ]);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_split_into_a_formula_are_defused() {
    let site = catalog("num-csv-formulas");
    site.edit(
        HEALTH,
        "summary = \"Six paid weeks at the front desk and in the lab\"",
        "summary = \"Six weeks;=HYPERLINK(\\\"http://evil.example\\\")\"",
    );
    site.edit(
        HEALTH,
        "title = \"Clinic summer internship\"",
        "title = \"\u{FF1D}1+1\"",
    );
    site.edit(
        HEALTH,
        "city = \"Downey\"\ngrades = [11, 12]",
        "city = \"\\t=cmd\"\ngrades = [11, 12]",
    );
    site.build().expect_code(0);
    let csv = site.read_output("opportunities.csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("clinic-internship,"))
        .unwrap();
    assert!(row.starts_with("clinic-internship,'\u{FF1D}1+1,"), "{row}");
    assert!(row.contains(",'\t'=cmd,"), "{row}");
    assert!(
        row.contains(",\"Six weeks;'=HYPERLINK(\"\"http://evil.example\"\")\","),
        "{row}"
    );
}

#[test]
fn link_warnings_in_a_description_point_at_the_link_itself() {
    let site = catalog("num-link-positions");
    site.edit(
        IT,
        "grades = [9, 10]",
        "grades = [9, 10]\ndescription = \"\"\"\nFirst line.\n\nSee [x](javascript:alert(1)) and \\\"quoted\\\" [y](javascript:z).\n\"\"\"",
    );
    site.edit(
        HEALTH,
        "description = \"A morning with a nurse.\"",
        "description = '''\nA morning \\\" with a nurse.\n  See [x](javascript:alert(1)).\n'''",
    );
    site.build().expect_code(0).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:40:7: warning: link scheme `javascript:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "content/catalog/opportunities/it.toml:29:5: warning: link scheme `javascript:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "content/catalog/opportunities/it.toml:29:45: warning: link scheme `javascript:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "Built 50 pages (127 files: 127 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
}
