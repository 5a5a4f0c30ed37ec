//! Rebuilds that reuse work (`trellis serve`) must give exactly what a clean build gives.
//! One copy of the example site goes through a series of edits, renames and deletions; after
//! each, a build with the cache kept from the previous steps is compared, file by file and
//! diagnostic by diagnostic, with a build from nothing. Each step also pins what was reused,
//! so the comparison is known to cover the reusing path.

use std::path::Path;

use trellis::memo::Policy;
use trellis::model::Drafts;
use trellis::{exports_job, render_site, render_site_reusing, Cache, Diagnostic, Rendered, Reused};

use super::support::{copy_tree, scratch};

/// A build's files and diagnostics, or its diagnostics when it failed.
fn outcome(
    result: Result<Rendered, Vec<Diagnostic>>,
) -> (Option<trellis::render::Files>, Vec<String>) {
    match result {
        Ok(rendered) => (
            Some(rendered.files),
            rendered.warnings.iter().map(ToString::to_string).collect(),
        ),
        Err(problems) => (None, problems.iter().map(ToString::to_string).collect()),
    }
}

struct Steps<'a> {
    root: &'a Path,
    cache: Cache,
}

/// What a step's build should do.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Fail, with and without the cache alike.
    Fails,
    /// Build, reusing these.
    Builds {
        catalog: bool,
        pages: bool,
        opportunities: Opportunities,
    },
}

/// How many opportunities' pages a build that renders the catalog again takes from the
/// previous one.
#[derive(Clone, Copy, Debug)]
enum Opportunities {
    None,
    /// All but this many (those that changed).
    AllBut(usize),
}

impl Steps<'_> {
    /// Builds with the cache and from nothing, and requires the same result and the
    /// expected reuse.
    fn compare(&mut self, step: &str, expect: Expect) {
        let mut cached = render_site_reusing(self.root, Drafts::Exclude, &mut self.cache);
        let reused = cached
            .as_ref()
            .ok()
            .map(|r| (r.reused, r.site.catalog.opportunities.len()));
        // As `trellis serve` does, the catalog's exports are made after the pages.
        if let Ok(rendered) = &mut cached {
            assert!(!rendered.files.contains_key("catalog.json"), "{step}");
            let job = exports_job(rendered.site.clone(), &self.cache).expect(step);
            let exports = job.run();
            assert!(exports.contains_key("catalog.xlsx"), "{step}");
            assert!(exports.contains_key("es/catalog.json"), "{step}");
            rendered.files.extend(exports);
        }
        let (cached_files, cached_diagnostics) = outcome(cached);
        let (clean_files, clean_diagnostics) = outcome(render_site(self.root, Drafts::Exclude));
        assert_eq!(
            cached_diagnostics, clean_diagnostics,
            "{step}: diagnostics differ"
        );
        match (cached_files, clean_files) {
            (Some(cached), Some(clean)) => {
                let differing: Vec<&String> = cached
                    .keys()
                    .chain(clean.keys())
                    .filter(|path| cached.get(*path) != clean.get(*path))
                    .take(10)
                    .collect();
                assert!(
                    differing.is_empty(),
                    "{step}: files differ from a clean build: {differing:?}"
                );
                assert!(clean.len() > 500, "{step}: only {} files", clean.len());
            }
            (None, None) => assert!(!clean_diagnostics.is_empty()),
            (cached, clean) => panic!(
                "{step}: cached build ok: {}, clean build ok: {}",
                cached.is_some(),
                clean.is_some()
            ),
        }
        match (expect, reused) {
            (Expect::Fails, None) => {}
            (
                Expect::Builds {
                    catalog,
                    pages,
                    opportunities,
                },
                Some((reused, total)),
            ) => {
                assert_eq!(
                    (reused.catalog, reused.catalog_pages),
                    (catalog, pages),
                    "{step}: reuse of the catalog and its pages"
                );
                let fits = match opportunities {
                    Opportunities::None => reused.opportunities == 0,
                    Opportunities::AllBut(n) => reused.opportunities + n == total,
                };
                assert!(
                    fits,
                    "{step}: {} of {total} opportunities reused, expected {opportunities:?}",
                    reused.opportunities
                );
            }
            (expect, reused) => panic!("{step}: expected {expect:?}, got {reused:?}"),
        }
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.root.join(rel)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::create_dir_all(self.path(rel).parent().unwrap()).unwrap();
        std::fs::write(self.path(rel), text).unwrap();
    }

    fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).unwrap();
    }

    fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// How many records a catalog file holds.
    fn records(&self, rel: &str) -> usize {
        std::fs::read_to_string(self.path(rel))
            .unwrap()
            .matches("[[opportunity]]")
            .count()
    }
}

const fn builds(catalog: bool, pages: bool, opportunities: Opportunities) -> Expect {
    Expect::Builds {
        catalog,
        pages,
        opportunities,
    }
}

/// Nothing of the catalog changed.
const ALL: Expect = builds(true, true, Opportunities::None);
/// The records are unchanged but what their pages show around them changed.
const RECORDS: Expect = builds(true, false, Opportunities::None);
/// Everything was made again.
const NOTHING: Expect = builds(false, false, Opportunities::None);
const FAILS: Expect = Expect::Fails;

#[test]
fn incremental_rebuilds_match_clean_builds() {
    let root = scratch("incremental");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    // These builds run in this process, where the clock would decide which listings are
    // open: the copy is read on a fixed date, as the binary's tests pin it (BUILD_EPOCH).
    let settings = root.join("content/site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(
        !text.contains("today"),
        "the example site pins no build date"
    );
    // Top-level keys come before the file's first table.
    std::fs::write(&settings, format!("today = 2026-11-01\n{text}")).unwrap();
    let mut s = Steps {
        root: &root,
        cache: Cache::exports_apart(),
    };
    let chapter = "content/toolkits/employer-guide/01-why-host.md";
    let health = "content/catalog/opportunities/health.toml";

    s.compare("first build", NOTHING);
    s.compare("nothing changed", ALL);

    // Toolkit pages: the catalog is untouched.
    s.edit(
        chapter,
        "\n\n",
        "\n\nA sentence added while the server runs.\n\n",
    );
    s.compare("chapter edited", ALL);
    s.write(
        "content/toolkits/employer-guide/11-checklist.md",
        "+++\ntitle = \"Hosting checklist\"\naudience = [\"employers\"]\n+++\n\n## Before the first day\n\nConfirm the schedule with the school.\n",
    );
    s.compare("chapter added", ALL);
    s.rename(
        "content/toolkits/employer-guide/11-checklist.md",
        "content/toolkits/employer-guide/00-checklist.md",
    );
    s.compare("chapter renamed, so it moves first", ALL);
    s.remove("content/toolkits/employer-guide/00-checklist.md");
    s.compare("chapter deleted", ALL);
    s.edit(
        "content/districts/riverbend/toolkits/employer-guide/05-labor-law.md",
        "\n\n",
        "\n\nRiverbend adds a sentence to its own page.\n\n",
    );
    s.compare("district override edited", ALL);

    // A broken link fails both builds the same way, and fixing it recovers.
    s.edit(
        chapter,
        "\n\n",
        "\n\nSee [the missing page](no-such-page.md).\n\n",
    );
    s.compare("broken link", FAILS);
    s.edit(chapter, "See [the missing page](no-such-page.md).", "");
    s.compare("broken link fixed", ALL);

    // Catalog records: the catalog is parsed and its pages rendered again.
    s.edit(
        health,
        "title = \"Nurses on the front line: a virtual career panel\"",
        "title = \"Nurses at work: a virtual career panel\"",
    );
    s.compare(
        "opportunity edited",
        builds(false, false, Opportunities::AllBut(1)),
    );
    s.compare("nothing changed after a catalog edit", ALL);
    s.edit(
        health,
        "describe a typical shift",
        "describe a *typical* shift",
    );
    s.compare(
        "opportunity description edited",
        builds(false, false, Opportunities::AllBut(1)),
    );
    // An employer's name is on every one of its opportunities' pages.
    let hosted =
        std::fs::read_to_string(s.path("content/catalog/opportunities/public-service.toml"))
            .unwrap()
            .matches("employer = \"alder-county-fire\"")
            .count();
    assert!(hosted > 1);
    s.edit(
        "content/catalog/employers/public-service.toml",
        "name = \"Alder County Fire Protection District\"",
        "name = \"Alder County Fire District\"",
    );
    s.compare(
        "employer renamed",
        builds(false, false, Opportunities::AllBut(hosted)),
    );
    // Its records now come from another file, which their pages do not show but their
    // messages would.
    let moved = s.records(health);
    s.rename(health, "content/catalog/opportunities/health-care.toml");
    s.compare(
        "catalog file renamed",
        builds(false, false, Opportunities::AllBut(moved)),
    );
    // Removing or adding records moves the others in the files and in their employers'
    // lists; that alone does not render them again.
    s.remove("content/catalog/opportunities/education.toml");
    s.compare(
        "catalog file deleted",
        builds(false, false, Opportunities::AllBut(0)),
    );
    let care = "content/catalog/opportunities/health-care.toml";
    let text = std::fs::read_to_string(s.path(care)).unwrap();
    let start = text.find("[[opportunity]]").unwrap();
    let end = start + 1 + text[start + 1..].find("[[opportunity]]").unwrap();
    let copied = text[start..end].replacen(
        "id = \"avmc-nursing-careers-panel\"",
        "id = \"avmc-nursing-careers-panel-spring\"",
        1,
    );
    s.edit(
        care,
        "# Health care opportunities.\n\n",
        &format!("# Health care opportunities.\n\n{copied}"),
    );
    // The records below it moved down a few lines, and the lines of their descriptions are
    // part of what they are made from (for messages), so that file's records are rendered
    // again; no other file's are.
    s.compare(
        "record added first in a file",
        builds(false, false, Opportunities::AllBut(s.records(care))),
    );
    s.edit(
        care,
        "id = \"avmc-nursing-careers-panel-spring\"",
        "id = \"avmc-spring-nursing-panel\"",
    );
    s.compare(
        "record id renamed",
        builds(false, false, Opportunities::AllBut(1)),
    );
    s.edit(
        "content/catalog/opportunities/health-care.toml",
        "kind = \"career-talk\"",
        "kind = \"carer-talk\"",
    );
    s.compare("unknown kind", FAILS);
    s.edit(
        "content/catalog/opportunities/health-care.toml",
        "kind = \"carer-talk\"",
        "kind = \"career-talk\"",
    );
    // Back as it was at the last good build: every opportunity's page is reused.
    s.compare(
        "unknown kind fixed",
        builds(false, false, Opportunities::AllBut(0)),
    );

    // What catalog pages show besides the records.
    s.edit(
        "content/districts/riverbend/district.toml",
        "short_name = \"Riverbend Unified\"",
        "short_name = \"Riverbend USD\"",
    );
    s.compare("district renamed", RECORDS);
    s.edit(
        "content/pages/about.md",
        "title = \"About the Network\"",
        "title = \"About us\"",
    );
    s.compare(
        "standalone page renamed, so the navigation changes",
        RECORDS,
    );
    s.write(
        "themes/default/templates/opportunity_card.html",
        "{% extends \"default/opportunity_card.html\" %}",
    );
    s.compare("theme template added", RECORDS);
    s.write(
        "themes/default/templates/opportunity_card.html",
        "<p class=\"card\">{{ opportunity.title }}</p>",
    );
    s.compare("theme template edited", RECORDS);
    s.remove("themes/default/templates/opportunity_card.html");
    s.compare("theme template deleted", RECORDS);
    s.write("themes/default/static/extra.css", "main { margin: 0; }\n");
    s.compare("theme static file added, which no catalog page reads", ALL);
    s.edit(
        "themes/default/static/extra.css",
        "margin: 0",
        "margin: 1rem",
    );
    s.compare("theme static file edited", ALL);

    // Site settings, compared whole: each one below reaches the catalog pages.
    s.edit(
        "content/site.toml",
        "description = \"Toolkits and",
        "description = \"Guides and",
    );
    s.compare("site description changed", RECORDS);
    s.edit(
        "content/site.toml",
        "base_url = \"https://wbl.example.org\"",
        "base_url = \"https://wbl.example.net\"",
    );
    s.compare(
        "base URL changed, so every absolute address in the feeds",
        RECORDS,
    );
    s.write(
        "themes/plain/templates/opportunity_card.html",
        "<p class=\"card\">{{ opportunity.title }}</p>",
    );
    s.compare("a theme the site does not use added", ALL);
    s.edit(
        "content/site.toml",
        "theme = \"default\"",
        "theme = \"plain\"",
    );
    s.compare("theme switched to one that overrides the card", RECORDS);
    s.edit(
        "themes/plain/templates/opportunity_card.html",
        "{{ opportunity.title }}",
        "{{ opportunity.title }}: {{ opportunity.grades }}",
    );
    s.compare("card edited in the new theme", RECORDS);
    s.compare("nothing changed after a theme edit", ALL);
    s.edit(
        "content/site.toml",
        "theme = \"plain\"",
        "theme = \"default\"",
    );
    s.compare("theme switched back", RECORDS);

    // District values: the name the catalog pages show, and one they do not (district
    // files are compared whole, so that one counts too).
    s.edit(
        "content/districts/riverbend/district.toml",
        "short_name = \"Riverbend USD\"\n",
        "",
    );
    s.compare(
        "district short name removed, so its full name shows",
        RECORDS,
    );
    s.edit(
        "content/districts/riverbend/district.toml",
        "name = \"Riverbend Unified School District\"",
        "name = \"Riverbend School District\"",
    );
    s.compare("district full name changed", RECORDS);
    s.edit(
        "content/districts/riverbend/district.toml",
        "county = \"Alder\"",
        "county = \"Alder County\"",
    );
    s.compare("district value no catalog page shows", RECORDS);

    // Settings that decide which listings are open and which pay is too low.
    s.edit(
        "content/site.toml",
        "today = 2026-11-01",
        "today = 2027-01-15",
    );
    s.compare("build date changed", NOTHING);
    s.edit("content/site.toml", "amount = 16.90", "amount = 30.00");
    s.compare("minimum wage above the listed pay", FAILS);
    s.edit("content/site.toml", "amount = 30.00", "amount = 16.00");
    s.compare("minimum wage lowered", NOTHING);
    s.edit(
        "content/site.toml",
        "title = \"Alder Valley Work-Based Learning Network\"",
        "title = \"Alder Valley WBL\"",
    );
    s.compare("site title changed", RECORDS);
    s.edit(
        "content/data/participation.toml",
        "period = \"2025-26 school year\"",
        "period = \"2026-27 school year\"",
    );
    s.compare("participation counts' period changed", RECORDS);

    // A district removed: records that name it no longer resolve; restored, they do.
    let cedar_springs = "content/districts/cedar-springs";
    std::fs::rename(root.join(cedar_springs), root.join("cedar-springs")).unwrap();
    s.compare("district deleted", FAILS);
    std::fs::rename(root.join("cedar-springs"), root.join(cedar_springs)).unwrap();
    s.compare(
        "district restored",
        builds(false, false, Opportunities::AllBut(0)),
    );

    // A cache that keeps nothing, as a single build uses, reuses nothing either.
    let mut once = Cache::new(Policy::Forget);
    for step in [
        "forgetting cache, first build",
        "forgetting cache, second build",
    ] {
        let rendered = render_site_reusing(&root, Drafts::Exclude, &mut once)
            .unwrap_or_else(|d| panic!("{step}: {d:?}"));
        assert_eq!(rendered.reused, Reused::default(), "{step}");
    }
}
