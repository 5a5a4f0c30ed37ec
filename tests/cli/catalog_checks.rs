//! The checks a county office relies on (docs/content-format.md §3.3, §7.2, §8.8, §8.9):
//! the minimum wage by date, stipends and fees as wages, hazards by age and the districts'
//! rules against the catalog. One fixture per check, each with its exact diagnostic.

use crate::support::{Outcome, TestSite};

const SITE: &str = "content/site.toml";
const HEALTH: &str = "content/catalog/opportunities/health.toml";
const IT: &str = "content/catalog/opportunities/it.toml";
const EMPLOYERS: &str = "content/catalog/employers/employers.toml";
const DOWNEY: &str = "content/districts/downey/district.toml";

fn with(test: &str, change: impl FnOnce(&TestSite)) -> Outcome {
    let site = TestSite::new(test, "catalog");
    change(&site);
    site.build()
}

/// The summary of a failed build of the catalog fixture.
fn failed(errors: usize, warnings: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "Build failed: {errors} error{}, {warnings} warning{}; <site>/public was not changed",
        s(errors),
        s(warnings)
    )
}

/// The summary of a good build of the catalog fixture.
const BUILT: &str =
    "Built 50 pages (124 files: 124 written, 0 unchanged, 0 removed) into <site>/public in <time>";

/// Asserts that the change makes the build fail with exactly `expected` and nothing else.
fn fails_with(test: &str, change: impl FnOnce(&TestSite), expected: &[&str]) {
    let all = expected.join("\n");
    let errors = all.matches(": error: ").count();
    let warnings = all.matches(": warning: ").count();
    let summary = failed(errors, warnings);
    let mut lines = expected.to_vec();
    lines.push(&summary);
    with(test, change).expect_code(1).expect_diagnostics(&lines);
}

/// The summary of a good build of the catalog fixture with a second district, whose
/// pages and calendar add two pages.
const BUILT_WITH_ALDER: &str =
    "Built 52 pages (126 files: 126 written, 0 unchanged, 0 removed) into <site>/public in <time>";

/// The summary of a good build of the catalog fixture whose new words give the search
/// index one more file.
const BUILT_113: &str =
    "Built 50 pages (125 files: 125 written, 0 unchanged, 0 removed) into <site>/public in <time>";

/// Asserts that the change leaves the build good, with exactly the warnings `expected`.
fn warns_with(test: &str, change: impl FnOnce(&TestSite), expected: &[&str]) {
    builds_with(test, change, expected, BUILT);
}

/// [`warns_with`] for a build that ends with the summary `built`.
fn builds_with(test: &str, change: impl FnOnce(&TestSite), expected: &[&str], built: &str) {
    let mut lines = expected.to_vec();
    lines.push(built);
    with(test, change).expect_code(0).expect_diagnostics(&lines);
}

/// site.toml with `minimum_wage = 16.50` replaced by `schedule`.
fn schedule(site: &TestSite, schedule: &str) {
    site.edit(SITE, "minimum_wage = 16.50\n", "");
    let text = std::fs::read_to_string(site.path(SITE)).unwrap();
    site.write(SITE, format!("{text}{schedule}"));
}

const TWO_RATES: &str = "\n[[minimum_wage]]\nfrom = 2026-01-01\namount = 16.90\n\n\
                         [[minimum_wage]]\nfrom = 2027-01-01\namount = 19.00\n";

#[test]
fn the_rate_in_force_on_the_start_date_applies() {
    fails_with(
        "checks-wage-by-start",
        |s| schedule(s, TWO_RATES),
        &["content/catalog/opportunities/health.toml:18:7: error: opportunity `clinic-internship`: pays $18.50 an hour, below the minimum wage of $19.00 in force from 2027-01-01\n  help: raise the pay to at least $19.00: the rate in `minimum_wage` (content/site.toml) in force on its start date, 2027-06-14"],
    );
}

#[test]
fn without_a_start_the_rate_in_force_on_the_build_date_applies() {
    fails_with(
        "checks-wage-by-build-date",
        |s| {
            schedule(s, TWO_RATES);
            s.edit(HEALTH, "starts = 2027-06-14\n", "");
            s.edit(HEALTH, "amount = 18.5", "amount = 16.5");
        },
        &["content/catalog/opportunities/health.toml:17:7: error: opportunity `clinic-internship`: pays $16.50 an hour, below the minimum wage of $16.90 in force from 2026-01-01\n  help: raise the pay to at least $16.90: the rate in `minimum_wage` (content/site.toml) in force on the build date, as it has no `starts`, 2026-11-01"],
    );
}

#[test]
fn before_the_first_rate_no_minimum_applies() {
    warns_with(
        "checks-wage-before-schedule",
        |s| {
            schedule(s, "\n[[minimum_wage]]\nfrom = 2028-01-01\namount = 19.00\n");
            s.edit(HEALTH, "amount = 18.5", "amount = 12");
        },
        &[],
    );
}

#[test]
fn a_schedule_is_checked_entry_by_entry() {
    fails_with(
        "checks-wage-schedule-errors",
        |s| {
            schedule(
                s,
                "\n[[minimum_wage]]\nfrom = 2027-01-01\namount = 17.25\n\
                 \n[[minimum_wage]]\nfrom = 2026-01-01\namount = 16.90\n\
                 \n[[minimum_wage]]\nfrom = 2026-01-01\namount = 16.95\n\
                 \n[[minimum_wage]]\nfrom = \"2028-01-01\"\namont = 18\n\
                 \n[[minimum_wage]]\nfrom = 2029-01-01\namount = 0\n",
            )
        },
        &[
            "content/site.toml:11:8: error: the `minimum_wage` entry from 2026-01-01 comes after the one from 2027-01-01\n  help: list the entries by `from`, earliest first",
            "content/site.toml:15:8: error: two `minimum_wage` entries are from 2026-01-01\n  help: keep one rate for each date; the other is at line 11, column 8",
            "content/site.toml:18:1: error: a `minimum_wage` entry has no `amount`\n  help: for example: amount = 16.90",
            "content/site.toml:19:8: error: a `minimum_wage` entry's `from` must be a date such as 2026-01-01\n  help: write a date without quotes or a time, e.g. `from = 2026-01-01`",
            "content/site.toml:20:1: error: unknown key `amont` in a `minimum_wage` entry\n  help: did you mean `amount`? valid keys: from, amount",
            "content/site.toml:24:10: error: a `minimum_wage` entry's `amount` must be a positive hourly amount\n  help: for example: amount = 16.90",
        ],
    );
}

#[test]
fn a_stipend_worth_less_than_the_minimum_an_hour_is_a_warning() {
    warns_with(
        "checks-stipend",
        |s| {
            s.edit(IT, "pay = { type = \"stipend\", amount = 150 }", "hours = 40\npay = { type = \"stipend\", amount = 200 }");
        },
        &["content/catalog/opportunities/it.toml:14:36: warning: opportunity `help-desk-micro`: a stipend of $200.00 for 40 hours is $5.00 an hour, below the minimum wage of $16.50\n  help: students doing productive work may be employees: pay at least the minimum wage for the hours, have an employer of record (a district, workforce board or staffing agency) carry the payroll, or confirm the placement is training that meets the primary-beneficiary test"],
    );
}

#[test]
fn a_stipend_from_a_public_agency_is_not_compared() {
    builds_with(
        "checks-stipend-public",
        |s| {
            s.edit(
                IT,
                "pay = { type = \"stipend\", amount = 150 }",
                "hours = 40\npay = { type = \"stipend\", amount = 200 }",
            );
            s.edit(
                EMPLOYERS,
                "org_type = \"for-profit\"",
                "org_type = \"public-agency\"",
            );
        },
        &[],
        BUILT_113,
    );
}

#[test]
fn a_fixed_fee_to_students_under_18_is_a_warning() {
    warns_with(
        "checks-fixed-minor",
        |s| {
            s.edit(IT, "pay = { type = \"stipend\", amount = 150 }", "min_age = 16\npay = { type = \"fixed\", amount = 150 }");
        },
        &["content/catalog/opportunities/it.toml:14:7: warning: opportunity `help-desk-micro`: pays a fixed amount to students as young as 16\n  help: a fixed fee paid to a minor is usually wages: the employer needs a work permit and payroll, or an employer of record; or set `min_age = 18`"],
    );
}

#[test]
fn a_hazard_below_its_age_is_an_error_naming_the_rule() {
    fails_with(
        "checks-hazard-age",
        |s| {
            s.edit(HEALTH, "min_age = 16", "min_age = 14\nhazards = [\"ladders-scaffolds\", \"roofing\"]");
        },
        &[
            "content/catalog/opportunities/health.toml:15:18: warning: opportunity `clinic-internship`: 20 hours a week is over the federal limit of 18 for ages 14-15\n  help: in school weeks, 14- and 15-year-olds may work at most 18 hours; raise min_age or lower the hours",
            "content/catalog/opportunities/health.toml:17:11: error: opportunity `clinic-internship`: `min_age` 14 is below 16, the youngest age allowed for ladders and scaffolds (29 CFR 570.33)\n  help: raise `min_age` to 16, or take the task off the listing and out of `hazards`",
            "content/catalog/opportunities/health.toml:17:11: error: opportunity `clinic-internship`: `min_age` 14 is below 18, the youngest age allowed for roofing (HO 16, 29 CFR 570.67)\n  help: raise `min_age` to 18, or take the task off the listing and out of `hazards`",
        ],
    );
}

#[test]
fn a_student_learner_exemption_is_named_where_the_rule_has_one() {
    fails_with(
        "checks-hazard-student-learner",
        |s| {
            s.edit(HEALTH, "min_age = 16", "min_age = 16\nhazards = [\"metal-forming-machines\"]");
        },
        &["content/catalog/opportunities/health.toml:17:11: error: opportunity `clinic-internship`: `min_age` 16 is below 18, the youngest age allowed for metal-forming machines (HO 8, 29 CFR 570.59)\n  help: raise `min_age` to 18, or take the task off the listing and out of `hazards`; 16- and 17-year-old student-learners under a written training agreement may be exempt (29 CFR 570.50(b)), which is for the employer of record to confirm"],
    );
}

#[test]
fn hazards_without_a_minimum_age_are_a_warning() {
    warns_with(
        "checks-hazard-no-age",
        |s| {
            s.edit(HEALTH, "min_age = 16\n", "hazards = [\"patient-lifts\", \"cooking\"]\n");
        },
        &["content/catalog/opportunities/health.toml:17:12: warning: opportunity `clinic-internship`: lists hazards (power-driven patient lifts, cooking) but sets no `min_age`\n  help: set `min_age` to at least 18, the youngest age allowed for power-driven patient lifts"],
    );
}

#[test]
fn an_unknown_hazard_names_the_valid_ones() {
    fails_with(
        "checks-hazard-unknown",
        |s| {
            s.edit(HEALTH, "min_age = 16", "min_age = 18\nhazards = [\"ladders\"]");
        },
        &["content/catalog/opportunities/health.toml:18:12: error: opportunity `clinic-internship`: unknown value `ladders`\n  help: valid values: explosives, driving, mining, logging-sawmills, woodworking-machines, radiation, hoists-forklifts, patient-lifts, metal-forming-machines, meat-slicers, bakery-machines, balers-compactors, power-saws, demolition, roofing, excavation, ladders-scaffolds, construction-sites, power-machinery, cooking, farm-machinery"],
    );
}

#[test]
fn hazards_in_a_spreadsheet_are_reported_at_their_cells() {
    let site = TestSite::new("checks-hazard-sheet", "sheets");
    let csv = "content/catalog/opportunities/summer.csv";
    site.edit(csv, "supports,summary", "supports,min_age,hazards,summary");
    site.edit(
        csv,
        "transportation; meals,",
        "transportation; meals,15,power-saws; cooking,",
    );
    site.edit(csv, ",,,,,,,,,,,,,,,,,,,", ",,,,,,,,,,,,,,,,,,,,,");
    site.edit(csv, "$1,200.00\",,Fix", "$1,200.00\",,,meat-slicers,Fix");
    site.build().expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/summer.csv:2:13: warning: opportunity `clinic-shadow` (column M, `hours_per_week`): 20 hours a week is over the federal limit of 18 for ages 14-15\n  help: in school weeks, 14- and 15-year-olds may work at most 18 hours; raise min_age or lower the hours",
        "content/catalog/opportunities/summer.csv:2:18: error: opportunity `clinic-shadow` (column R, `min_age`): `min_age` 15 is below 16, the youngest age allowed for cooking (29 CFR 570.34)\n  help: raise `min_age` to 16, or take the task off the listing and out of `hazards`",
        "content/catalog/opportunities/summer.csv:2:18: error: opportunity `clinic-shadow` (column R, `min_age`): `min_age` 15 is below 18, the youngest age allowed for power saws (HO 14, 29 CFR 570.65)\n  help: raise `min_age` to 18, or take the task off the listing and out of `hazards`",
        "content/catalog/opportunities/summer.csv:4:19: warning: opportunity `repair-project` (column S, `hazards`): lists hazards (meat slicers and processing machines) but sets no `min_age`\n  help: set `min_age` to at least 18, the youngest age allowed for meat slicers and processing machines",
        "Build failed: 2 errors, 2 warnings; <site>/public was not changed",
    ]);
}

/// A second district, Alder, with application windows for internships.
fn alder(site: &TestSite) {
    site.write(
        "content/districts/alder/district.toml",
        "name = \"Alder Unified\"\n\n[calendar]\napplication_windows = [\n  { kind = \"internship\", opens = 2027-02-01, closes = 2027-03-15 },\n]\n",
    );
}

#[test]
fn a_deadline_outside_the_windows_of_the_districts_it_is_open_to_is_one_warning() {
    builds_with(
        "checks-windows",
        |s| {
            alder(s);
            let text = std::fs::read_to_string(s.path(DOWNEY)).unwrap();
            s.write(
                DOWNEY,
                format!("{text}\n[calendar]\napplication_windows = [\n  {{ kind = \"internship\", opens = 2027-01-04, closes = 2027-01-29 }},\n  {{ kind = \"internship\", opens = 2027-03-01, closes = 2027-03-26 }},\n  {{ kind = \"job-shadow\", opens = 2026-09-01, closes = 2026-09-15 }},\n]\n"),
            );
        },
        &[
            "content/catalog/opportunities/health.toml:13:12: warning: opportunity `clinic-internship`: the deadline 2027-04-01 is outside the internship application window of districts `alder` (2027-02-01 to 2027-03-15) and `downey` (2027-01-04 to 2027-01-29, 2027-03-01 to 2027-03-26)\n  help: move the deadline into the window, or name in `districts` only the districts whose window it fits; the windows are each district's `calendar.application_windows` in its district.toml",
            "content/catalog/opportunities/health.toml:37:12: warning: opportunity `clinic-shadow`: the deadline 2026-10-01 is outside the job-shadow application window of district `downey` (2026-09-01 to 2026-09-15)\n  help: move the deadline into the window, or name in `districts` only the districts whose window it fits; the windows are each district's `calendar.application_windows` in its district.toml",
        ],
        BUILT_WITH_ALDER,
    );
}

#[test]
fn a_listing_named_for_one_district_is_checked_against_that_district_only() {
    builds_with(
        "checks-windows-named",
        |s| {
            alder(s);
            s.edit(
                HEALTH,
                "deadline = 2027-04-01",
                "deadline = 2027-04-01\ndistricts = [\"downey\"]",
            );
        },
        &[],
        BUILT_WITH_ALDER,
    );
}

const SCHOOL_YEAR: &str = "\n[calendar]\nschool_year = { starts = 2026-08-12, ends = 2027-06-03 }\n\n[policies]\nmax_hours_school_week = 15\n";

#[test]
fn weekly_hours_over_a_district_limit_in_the_school_year_are_a_warning() {
    builds_with(
        "checks-school-week",
        |s| {
            let text = std::fs::read_to_string(s.path(DOWNEY)).unwrap();
            s.write(DOWNEY, format!("{text}{SCHOOL_YEAR}"));
            s.edit(HEALTH, "starts = 2027-06-14", "starts = 2027-05-03");
        },
        &["content/catalog/opportunities/health.toml:15:18: warning: opportunity `clinic-internship`: 20 hours a week is over the school-week limit of district `downey` (15 hours)\n  help: lower `hours_per_week`, hold it outside the school year, or name in `districts` only the districts that allow the hours"],
        BUILT_113,
    );
}

#[test]
fn weekly_hours_outside_the_school_year_are_not_limited() {
    builds_with(
        "checks-school-week-summer",
        |s| {
            let text = std::fs::read_to_string(s.path(DOWNEY)).unwrap();
            s.write(DOWNEY, format!("{text}{SCHOOL_YEAR}"));
        },
        &[],
        BUILT_113,
    );
}

#[test]
fn a_school_week_limit_must_be_a_number() {
    fails_with(
        "checks-school-week-type",
        |s| {
            let text = std::fs::read_to_string(s.path(DOWNEY)).unwrap();
            s.write(DOWNEY, format!("{text}\n[policies]\nmax_hours_school_week = \"fifteen\"\n"));
        },
        &["content/districts/downey/district.toml:10:25: error: district `downey`: `max_hours_school_week` must be a number of hours from 0.01 to 168, found \"fifteen\"\n  help: write the hours as a number, e.g. `max_hours_school_week = 15`"],
    );
}

#[test]
fn a_district_value_no_page_shows_is_a_warning() {
    let site = TestSite::new("checks-unused-value", "languages");
    site.build().expect_code(0);
    let found = site.build().diagnostics();
    let expected = [
        "content/districts/north/district.toml:5:1: warning: district `north`: the value `bus` is not shown on any page",
        "  help: use it in a page with `{{ district.values.bus }}`, or remove it",
    ];
    assert!(
        found.windows(2).any(|w| w == expected),
        "{}",
        found.join("\n")
    );
    assert!(
        !found.iter().any(|l| l.contains("`office`")),
        "{}",
        found.join("\n")
    );
}

#[test]
fn check_reports_the_same_model_checks() {
    let site = TestSite::new("checks-in-check", "catalog");
    site.edit(
        HEALTH,
        "min_age = 16",
        "min_age = 14\nhazards = [\"ladders-scaffolds\"]",
    );
    site.edit(
        IT,
        "pay = { type = \"stipend\", amount = 150 }",
        "hours = 40\npay = { type = \"stipend\", amount = 200 }",
    );
    let outcome = site.run(&["check"]);
    outcome.expect_code(1);
    let found = outcome.diagnostics().join("\n");
    for expected in [
        "content/catalog/opportunities/health.toml:17:11: error: opportunity `clinic-internship`: `min_age` 14 is below 16, the youngest age allowed for ladders and scaffolds (29 CFR 570.33)",
        "content/catalog/opportunities/it.toml:14:36: warning: opportunity `help-desk-micro`: a stipend of $200.00 for 40 hours is $5.00 an hour, below the minimum wage of $16.50",
    ] {
        assert!(found.contains(expected), "{found}");
    }
}
