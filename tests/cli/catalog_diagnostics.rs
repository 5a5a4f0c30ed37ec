//! One invalid catalog per rule of docs/content-format.md §8 (The catalog), each with its
//! exact diagnostic: `path:line:col`, the record's id, and what would be valid.

use crate::support::{Outcome, TestSite};

const HEALTH: &str = "content/catalog/opportunities/health.toml";
const IT: &str = "content/catalog/opportunities/it.toml";
const EMPLOYERS: &str = "content/catalog/employers/employers.toml";
const PATHWAYS: &str = "content/catalog/pathways/pathways.toml";

fn with(test: &str, change: impl FnOnce(&TestSite)) -> Outcome {
    let site = TestSite::new(test, "catalog");
    change(&site);
    site.build()
}

/// The summary of a failed build of the catalog fixture with `errors` errors.
fn failed(errors: usize) -> String {
    let s = if errors == 1 { "" } else { "s" };
    format!("Build failed: {errors} error{s}, 0 warnings; <site>/public was not changed")
}

/// The summary of a good build of the catalog fixture, with one catalog file added or not.
const BUILT: &str =
    "Built 50 pages (124 files: 124 written, 0 unchanged, 0 removed) into <site>/public in <time>";

/// Asserts that the change makes the build fail with exactly `expected` (one or more
/// diagnostics) and nothing else.
fn fails_with(test: &str, change: impl FnOnce(&TestSite), expected: &str) {
    let errors = expected.matches(": error: ").count();
    with(test, change)
        .expect_code(1)
        .expect_diagnostics(&[expected, &failed(errors)]);
}

/// Asserts that the change leaves the build good, with exactly the warning `expected`.
fn warns_with(test: &str, change: impl FnOnce(&TestSite), expected: &str, built: &str) {
    with(test, change)
        .expect_code(0)
        .expect_diagnostics(&[expected, built]);
}

#[test]
fn unknown_key() {
    fails_with(
        "cat-unknown-key",
        |s| {
            s.edit(IT, "grades = [9, 10]", "grades = [9, 10]\ncolour = \"blue\"");
        },
        "content/catalog/opportunities/it.toml:26:1: error: opportunity `repair-project`: unknown key `colour`\n  help: valid keys: id, title, employer, kind, pathways, modality, grades, summary, districts, city, schedule, hours, hours_per_week, starts, ends, deadline, seats, min_age, hazards, pay, credit, skills, tasks, credentials, supports, principles, apply_url, contact, description",
    );
}

#[test]
fn wrong_type() {
    fails_with(
        "cat-wrong-type",
        |s| {
            s.edit(IT, "grades = [9, 10]", "grades = \"nine\"");
        },
        "content/catalog/opportunities/it.toml:25:10: error: opportunity `repair-project`: expected a list, found the text \"nine\"\n  help: write a list in square brackets, e.g. `[\"employers\", \"families\"]` or `[9, 10]`",
    );
}

#[test]
fn unknown_kind_suggests_the_closest() {
    fails_with(
        "cat-unknown-kind",
        |s| {
            s.edit(HEALTH, "kind = \"job-shadow\"", "kind = \"job-shaddow\"");
        },
        "content/catalog/opportunities/health.toml:31:8: error: opportunity `clinic-shadow`: unknown value `job-shaddow`\n  help: did you mean `job-shadow`? valid values: career-talk, career-fair, worksite-tour, informational-interview, job-shadow, mentoring, service-learning, micro-internship, industry-project, simulated-workplace, school-enterprise, pre-apprenticeship, internship, cooperative-education, clinical-experience, youth-apprenticeship, apprenticeship, paid-work-experience",
    );
}

#[test]
fn unknown_modality_and_org_type() {
    fails_with(
        "cat-unknown-modality",
        |s| {
            s.edit(IT, "modality = \"hybrid\"", "modality = \"remote\"");
        },
        "content/catalog/opportunities/it.toml:23:12: error: opportunity `repair-project`: unknown value `remote`\n  help: valid values: in-person, virtual, hybrid",
    );
    fails_with(
        "cat-unknown-org-type",
        |s| {
            s.edit(EMPLOYERS, "org_type = \"for-profit\"", "org_type = \"business\"");
        },
        "content/catalog/employers/employers.toml:15:12: error: employer `byte-shop`: unknown value `business`\n  help: valid values: for-profit, nonprofit, public-agency, school, college, union, other",
    );
}

#[test]
fn dangling_employer_suggests_the_closest_id() {
    fails_with(
        "cat-dangling-employer",
        |s| {
            s.edit(IT, "employer = \"byte-shop\"\nkind = \"industry-project\"", "employer = \"bite-shop\"\nkind = \"industry-project\"");
        },
        "content/catalog/opportunities/it.toml:20:12: error: opportunity `repair-project`: no employer has the id `bite-shop`\n  help: did you mean `byte-shop`?",
    );
}

#[test]
fn dangling_pathways_in_opportunities_and_employers() {
    fails_with(
        "cat-dangling-pathway",
        |s| {
            s.edit(IT, "pathways = [\"it\"]\nmodality = \"hybrid\"", "pathways = [\"information-tech\"]\nmodality = \"hybrid\"");
        },
        "content/catalog/opportunities/it.toml:22:13: error: opportunity `repair-project`: no pathway has the id `information-tech`\n  help: use the id of a record in content/catalog/pathways/",
    );
    fails_with(
        "cat-employer-pathway",
        |s| {
            s.edit(EMPLOYERS, "pathways = [\"health-science\"]", "pathways = [\"health-sciences\"]");
        },
        "content/catalog/employers/employers.toml:5:13: error: employer `valley-health`: no pathway has the id `health-sciences`\n  help: did you mean `health-science`?",
    );
}

#[test]
fn duplicate_ids_across_files() {
    fails_with(
        "cat-duplicate-id",
        |s| {
            s.edit(IT, "id = \"repair-project\"", "id = \"clinic-internship\"");
        },
        "content/catalog/opportunities/it.toml:18:6: error: opportunity `clinic-internship`: another opportunity already has this id\n  help: it is first used at content/catalog/opportunities/health.toml:2:6; ids must be unique across all opportunity files",
    );
}

#[test]
fn ids_must_be_slugs_and_not_reserved() {
    fails_with(
        "cat-id-slug",
        |s| {
            s.edit(IT, "id = \"repair-project\"", "id = \"Repair Project\"");
        },
        "content/catalog/opportunities/it.toml:18:6: error: opportunity `Repair Project`: the id is not a slug\n  help: ids are lowercase letters, digits and single hyphens, e.g. `repair-project`",
    );
    fails_with(
        "cat-id-reserved",
        |s| {
            s.edit(IT, "id = \"repair-project\"", "id = \"archive\"");
        },
        "content/catalog/opportunities/it.toml:18:6: error: opportunity `archive`: the id is reserved for the site's own pages\n  help: choose another id; reserved: archive, page, kind, stage, pathway, modality, pay, district, employer",
    );
}

#[test]
fn ends_before_starts() {
    fails_with(
        "cat-ends-before-starts",
        |s| {
            s.edit(HEALTH, "ends = 2027-07-23", "ends = 2027-06-01");
        },
        "content/catalog/opportunities/health.toml:12:8: error: opportunity `clinic-internship`: `ends` (2027-06-01) is before `starts` (2027-06-14)\n  help: check the two dates; an event on one day has the same starts and ends",
    );
}

#[test]
fn deadline_after_ends() {
    fails_with(
        "cat-deadline-after-ends",
        |s| {
            s.edit(HEALTH, "deadline = 2027-04-01", "deadline = 2027-08-01");
        },
        "content/catalog/opportunities/health.toml:13:12: error: opportunity `clinic-internship`: `deadline` (2027-08-01) is after `ends` (2027-07-23)\n  help: the application deadline must come before the opportunity ends",
    );
}

#[test]
fn grades_outside_6_to_14() {
    fails_with(
        "cat-grades",
        |s| {
            s.edit(HEALTH, "grades = [11, 12]", "grades = [11, 15]");
        },
        "content/catalog/opportunities/health.toml:9:15: error: opportunity `clinic-internship`: grade 15 is outside 6..14\n  help: grades run from 6 to 14; 13 and 14 are the first two postsecondary years",
    );
}

#[test]
fn hourly_pay_below_minimum_wage() {
    fails_with(
        "cat-minimum-wage",
        |s| {
            s.edit(HEALTH, "amount = 18.5", "amount = 15");
        },
        "content/catalog/opportunities/health.toml:18:7: error: opportunity `clinic-internship`: hourly pay 15.00 is below the minimum wage of 16.50\n  help: raise the pay to at least the minimum wage set in content/site.toml",
    );
}

#[test]
fn in_person_needs_a_city() {
    fails_with(
        "cat-city",
        |s| {
            s.edit(HEALTH, "city = \"Downey\"\ngrades = [11, 12]", "grades = [11, 12]");
        },
        "content/catalog/opportunities/health.toml:1:1: error: opportunity `clinic-internship`: modality `in-person` needs a `city`\n  help: add where it takes place, e.g. city = \"Downey\", or set modality = \"virtual\"",
    );
}

#[test]
fn preparation_and_training_need_pathways() {
    fails_with(
        "cat-pathways-required",
        |s| {
            s.edit(IT, "pathways = [\"it\"]\nmodality = \"virtual\"", "modality = \"virtual\"");
        },
        "content/catalog/opportunities/it.toml:5:8: error: opportunity `help-desk-micro`: kind `micro-internship` is at the preparation stage and needs `pathways`\n  help: add the career pathways it builds toward, e.g. pathways = [\"health-science\"]",
    );
}

#[test]
fn urls_must_use_safe_schemes() {
    fails_with(
        "cat-url",
        |s| {
            s.edit(HEALTH, "apply_url = \"https://example.org/apply/clinic\"", "apply_url = \"javascript:alert(1)\"");
        },
        "content/catalog/opportunities/health.toml:23:13: error: opportunity `clinic-internship`: `apply_url` must be a full https or http or mailto address, not `javascript:alert(1)`\n  help: for example: apply_url = \"https://example.org/apply\"",
    );
}

#[test]
fn toml_syntax_errors_are_located() {
    fails_with(
        "cat-syntax",
        |s| {
            s.edit(
                IT,
                "title = \"Laptop repair project\"",
                "title = \"Laptop repair project",
            );
        },
        "content/catalog/opportunities/it.toml:19:31: error: invalid basic string, expected `\"`\n  help: end the text with the same quote mark on the same line; text over several lines goes between `\"\"\"` and `\"\"\"`",
    );
}

#[test]
fn a_file_holds_only_its_folder_s_records() {
    fails_with(
        "cat-wrong-table",
        |s| {
            s.edit(IT, "[[opportunity]]\nid = \"repair-project\"", "[[oportunity]]\nid = \"repair-project\"");
        },
        "content/catalog/opportunities/it.toml:17:3: error: unexpected `oportunity` in a catalog file\n  help: did you mean `[[opportunity]]`?",
    );
}

#[test]
fn unpaid_internship_at_a_for_profit_warns() {
    warns_with(
        "cat-warn-unpaid",
        |s| {
            s.write(
                "content/catalog/opportunities/unpaid.toml",
                "[[opportunity]]\nid = \"unpaid-intern\"\ntitle = \"Unpaid\"\nemployer = \"byte-shop\"\nkind = \"internship\"\npathways = [\"it\"]\nmodality = \"virtual\"\ngrades = [12]\n",
            );
        },
        "content/catalog/opportunities/unpaid.toml:5:8: warning: opportunity `unpaid-intern`: an unpaid internship at a for-profit employer\n  help: unpaid internships at for-profit employers must pass the federal primary-beneficiary test; consider pay",
        "Built 51 pages (125 files: 125 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    );
}

#[test]
fn long_weeks_for_under_16s_warn() {
    warns_with(
        "cat-warn-hours",
        |s| {
            s.edit(HEALTH, "min_age = 16", "min_age = 14").edit(HEALTH, "hours_per_week = 20", "hours_per_week = 25");
        },
        "content/catalog/opportunities/health.toml:15:18: warning: opportunity `clinic-internship`: 25 hours a week is over the federal limit of 18 for ages 14-15\n  help: in school weeks, 14- and 15-year-olds may work at most 18 hours; raise min_age or lower the hours",
        BUILT,
    );
}

#[test]
fn a_passed_deadline_without_an_end_warns() {
    warns_with(
        "cat-warn-deadline",
        |s| {
            s.edit(HEALTH, "starts = 2026-10-10\nends = 2026-10-10\n", "");
        },
        "content/catalog/opportunities/health.toml:35:12: warning: opportunity `clinic-shadow`: the deadline 2026-10-01 has passed and the listing has no `ends`\n  help: it is shown in the archive; add `ends`, or a new deadline if it is still open",
        BUILT,
    );
}

#[test]
fn a_refused_link_in_catalog_text_warns_and_keeps_its_words() {
    let outcome = with("cat-warn-link", |s| {
        s.edit(
            IT,
            "kind = \"industry-project\"",
            "kind = \"industry-project\"\ndescription = \"See [our notes](notes.md).\"",
        );
    });
    outcome.expect_code(0).expect_diagnostics(&[
        "content/catalog/opportunities/it.toml:22:20: warning: link `notes.md` is relative; catalog text cannot link to files",
        "  help: use a full address (https://...) or a path on this site starting with /",
        "Built 50 pages (125 files: 125 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);
}

#[test]
fn every_catalog_problem_is_reported_together() {
    let outcome = with("cat-many", |s| {
        s.edit(HEALTH, "grades = [11, 12]", "grades = [11, 15]")
            .edit(IT, "modality = \"hybrid\"", "modality = \"remote\"")
            .edit(
                PATHWAYS,
                "sector = \"technology\"",
                "sector = \"Tech Stuff\"",
            );
    });
    outcome.expect_code(1).expect_diagnostics(&[
        "content/catalog/opportunities/health.toml:9:15: error: opportunity `clinic-internship`: grade 15 is outside 6..14",
        "  help: grades run from 6 to 14; 13 and 14 are the first two postsecondary years",
        "content/catalog/opportunities/it.toml:23:12: error: opportunity `repair-project`: unknown value `remote`",
        "  help: valid values: in-person, virtual, hybrid",
        "content/catalog/pathways/pathways.toml:24:10: error: pathway `it`: sector `Tech Stuff` is not a slug",
        "  help: for example: sector = \"tech-stuff\"",
        &failed(3),
    ]);
}

#[test]
fn districts_must_exist() {
    fails_with(
        "cat-district",
        |s| {
            s.edit(HEALTH, "districts = [\"downey\"]", "districts = [\"downy\"]");
        },
        "content/catalog/opportunities/health.toml:50:14: error: opportunity `health-career-talk`: no district has the id `downy`\n  help: did you mean `downey`?",
    );
}

#[test]
fn a_broken_record_does_not_cascade_into_its_references() {
    let outcome = with("cat-no-cascade", |s| {
        s.edit(
            PATHWAYS,
            "name = \"Health Science\"",
            "nmae = \"Health Science\"",
        );
    });
    // Only the broken record: none of the records that name the pathway is reported.
    outcome.expect_code(1).expect_diagnostics(&[
        "content/catalog/pathways/pathways.toml:3:1: error: pathway `health-science`: unknown key `nmae`",
        "  help: did you mean `name`? valid keys: id, name, sector, high_demand, demand_source, median_wage, occupations, credentials, colleges, description",
        &failed(1),
    ]);
}

#[test]
fn an_empty_catalog_file_warns() {
    warns_with(
        "cat-empty-file",
        |s| {
            s.write(
                "content/catalog/employers/more.toml",
                "# Employers to add after the spring fair.\n",
            );
        },
        "content/catalog/employers/more.toml: warning: the file holds no `[[employer]]` records\n  help: add records under `[[employer]]` lines (`trellis new employer ID` writes one), or delete the file",
        BUILT,
    );
}

#[test]
fn hours_must_be_positive_and_a_week_at_most_168() {
    fails_with(
        "cat-hours",
        |s| {
            s.edit(HEALTH, "hours = 120", "hours = -0.0");
            s.edit(HEALTH, "hours_per_week = 20", "hours_per_week = 200");
        },
        "content/catalog/opportunities/health.toml:14:9: error: opportunity `clinic-internship`: `hours` must be a number from 0.01 to 10,000, found -0.0\n  help: for example `hours = 6`, or leave the line out\ncontent/catalog/opportunities/health.toml:15:18: error: opportunity `clinic-internship`: `hours_per_week` must be a number from 0.01 to 168, found 200\n  help: for example `hours_per_week = 3`, or leave the line out",
    );
}
