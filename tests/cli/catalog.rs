//! The catalog: pages, privacy, structured data, feeds and exports, hostile text.

use serde_json::Value;

use crate::checker::check_site;
use crate::support::{snapshot, texts, TestSite};

fn built(test: &str) -> TestSite {
    let site = TestSite::new(test, "catalog");
    site.build().expect_code(0);
    site
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    document
        .select(&selector)
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn every_catalog_page_kind_exists_and_passes_the_checker() {
    let site = built("catalog-pages");
    for file in [
        "opportunities/index.html",
        "opportunities/archive/index.html",
        "opportunities/clinic-internship/index.html",
        "opportunities/clinic-shadow/index.html",
        "opportunities/kind/internship/index.html",
        "opportunities/stage/training/index.html",
        "opportunities/pathway/health-science/index.html",
        "opportunities/modality/virtual/index.html",
        "opportunities/pay/paid/index.html",
        "opportunities/pay/unpaid/index.html",
        "opportunities/district/downey/index.html",
        "opportunities/feed.xml",
        "opportunities/deadlines.ics",
        "employers/index.html",
        "employers/valley-health/index.html",
        "pathways/index.html",
        "pathways/health-science/index.html",
        "catalog.json",
        "opportunities.csv",
        "employers.csv",
        "pathways.csv",
        "catalog.xlsx",
    ] {
        assert!(
            site.path("public").join(file).is_file(),
            "missing public/{file}"
        );
    }
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
    let home = site.read_output("index.html");
    assert!(
        home.contains(r#"<a href="/opportunities/">Opportunities</a>"#),
        "navigation links the catalog"
    );
    assert!(home.contains("Closing soon") && home.contains("Careers in health: a virtual panel"));
}

#[test]
fn private_contacts_appear_in_no_output_file() {
    let site = built("catalog-privacy");
    let files = snapshot(&site.path("public"));
    for secret in ["Hiddenname", "priya.hidden", "Secretcontact", "dana.secret"] {
        for (path, bytes) in &files {
            assert!(
                !String::from_utf8_lossy(bytes).contains(secret),
                "{secret} leaked into {path}"
            );
        }
    }
    // Public contacts are shown, so the search above would have found a leak.
    assert!(site
        .read_output("employers/byte-shop/index.html")
        .contains("Sam Public"));
    assert!(site.read_output("catalog.json").contains("sam@example.org"));
}

#[test]
fn listings_put_the_soonest_deadline_first_and_close_past_ones() {
    let site = built("catalog-order");
    let listing = site.read_output("opportunities/index.html");
    // The closed listing is not among them.
    assert_eq!(
        texts(&listing, "main .card-title"),
        [
            "Careers in health: a virtual panel",
            "Help desk micro-internship",
            "Clinic summer internship",
            "Laptop repair project",
        ]
    );
    assert!(listing.contains("Closing soon"));
    let archive = site.read_output("opportunities/archive/index.html");
    assert_eq!(texts(&archive, "main .card-title"), ["Clinic job shadow"]);
    let closed = site.read_output("opportunities/clinic-shadow/index.html");
    assert!(closed.contains("This opportunity is closed."));
    let internship = site.read_output("opportunities/clinic-internship/index.html");
    assert!(
        internship.contains("Quality: 4 of 7 principles addressed"),
        "compensated is implied by pay"
    );
    assert!(internship.contains("$18.50 an hour") && internship.contains("Grades 11–12"));
}

#[test]
fn facet_pages_hold_their_values() {
    let site = built("catalog-facets");
    let internships = site.read_output("opportunities/kind/internship/index.html");
    assert_eq!(
        texts(&internships, "main .card-title"),
        ["Clinic summer internship"]
    );
    assert!(internships.contains(r#"href="/opportunities/kind/internship/" aria-current="page""#));
    // A district's page holds what lists it and what is open to every district.
    let downey = site.read_output("opportunities/district/downey/index.html");
    assert_eq!(
        texts(&downey, "main .card-title"),
        [
            "Careers in health: a virtual panel",
            "Help desk micro-internship",
            "Clinic summer internship",
            "Laptop repair project",
        ]
    );
    let unpaid = site.read_output("opportunities/pay/unpaid/index.html");
    assert_eq!(
        texts(&unpaid, "main .card-title"),
        [
            "Careers in health: a virtual panel",
            "Laptop repair project"
        ]
    );
}

#[test]
fn json_ld_uses_job_posting_only_for_open_paid_listings() {
    let site = built("catalog-json-ld");
    let types = |page: &str| -> Vec<String> {
        json_ld(&site.read_output(page))
            .iter()
            .map(|v| v["@type"].as_str().unwrap().to_string())
            .collect()
    };
    let posting = &json_ld(&site.read_output("opportunities/clinic-internship/index.html"))[0];
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["validThrough"], "2027-04-01T23:59:59");
    assert_eq!(posting["baseSalary"]["value"]["value"], 18.5);
    assert_eq!(
        posting["hiringOrganization"]["name"],
        "Valley Health Clinic"
    );
    assert_eq!(
        types("opportunities/help-desk-micro/index.html"),
        ["JobPosting"]
    );
    assert_eq!(
        types("opportunities/clinic-shadow/index.html"),
        ["EducationEvent"],
        "closed: no JobPosting"
    );
    assert_eq!(
        types("opportunities/health-career-talk/index.html"),
        ["EducationEvent"]
    );
    assert!(
        types("opportunities/repair-project/index.html").is_empty(),
        "no dates, no pay: nothing to describe"
    );
    assert_eq!(
        types("employers/valley-health/index.html"),
        ["Organization"]
    );
    let program = &json_ld(&site.read_output("pathways/health-science/index.html"))[0];
    assert_eq!(program["@type"], "EducationalOccupationalProgram");
    assert_eq!(
        program["occupationalCategory"],
        serde_json::json!(["31-9092", "29-1141"])
    );
}

#[test]
fn the_feed_and_the_calendar_parse() {
    let site = built("catalog-feeds");
    let feed = site.read_output("opportunities/feed.xml");
    let document = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let root = document.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4, "one entry per open opportunity");
    for entry in &entries {
        for child in ["title", "id", "updated", "link", "summary"] {
            assert!(
                entry.children().any(|n| n.has_tag_name(child)),
                "entry lacks {child}"
            );
        }
    }

    let calendar = site.read_output("opportunities/deadlines.ics");
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(calendar.ends_with("END:VCALENDAR\r\n"));
    let mut depth = Vec::new();
    let mut events = 0;
    for line in calendar.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
        assert!(!line.contains('\n') && !line.contains('\r'));
        if let Some(name) = line.strip_prefix("BEGIN:") {
            depth.push(name.to_string());
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(depth.pop().as_deref(), Some(name), "unbalanced END:{name}");
            events += usize::from(name == "VEVENT");
        } else if !line.starts_with(' ') {
            assert!(
                line.contains(':'),
                "a content line needs a name and a value: {line}"
            );
        }
    }
    assert!(depth.is_empty());
    assert_eq!(events, 3, "one deadline per open opportunity that has one");
    assert!(calendar.contains("DTSTART;VALUE=DATE:20270401\r\nDTEND;VALUE=DATE:20270402\r\n"));
}

#[test]
fn exports_are_documented_sorted_and_complete() {
    let site = built("catalog-exports");
    let json: Value = serde_json::from_str(&site.read_output("catalog.json")).unwrap();
    assert_eq!(json["format"], "trellis-catalog");
    assert_eq!(json["version"], 1);
    let ids: Vec<&str> = json["opportunities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 5);
    let internship = &json["opportunities"][0];
    assert_eq!(internship["id"], "clinic-internship");
    assert_eq!(
        internship["pay"],
        serde_json::json!({ "type": "hourly", "amount": 18.5 })
    );
    assert_eq!(
        internship["contact"],
        Value::Null,
        "a private contact is not exported"
    );

    let csv = site.read_output("opportunities.csv");
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(lines.next().unwrap(), "id,title,url,status,employer_id,employer,kind,stage,pathways,modality,city,grades,districts,starts,ends,deadline,hours,hours_per_week,seats,min_age,pay_type,pay_amount,pay,credit,supports,principles,principle_count,apply_url,summary,ceds_type,schedule,skills,tasks,credentials,hazards,contact_name,contact_title,contact_email,contact_phone,contact_public,description");
    assert_eq!(lines.count(), 5);
}

#[test]
fn long_listings_are_paginated() {
    let site = TestSite::new("catalog-pagination", "catalog");
    let mut many = String::new();
    for i in 0..120 {
        many.push_str(&format!(
            "[[opportunity]]\nid = \"talk-{i:03}\"\ntitle = \"Talk {i:03}\"\nemployer = \"byte-shop\"\nkind = \"career-talk\"\nmodality = \"virtual\"\ngrades = [8]\ndeadline = 2027-01-{:02}\n\n",
            1 + i % 28
        ));
    }
    site.write("content/catalog/opportunities/many.toml", many);
    site.build().expect_code(0);
    let third = site.read_output("opportunities/page/3/index.html");
    assert!(third.contains("page 3 of 3"));
    assert!(third.contains(r#"<span aria-current="page">3</span>"#));
    assert!(site
        .path("public/opportunities/kind/career-talk/page/3/index.html")
        .is_file());
    assert!(!site.path("public/opportunities/page/4").exists());
    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
}

const PAYLOADS: &[&str] = &[
    "</script><script>alert(1)</script>",
    "\" onmouseover=\"alert(2)",
    "<img src=x onerror=alert(3)>",
    "<a href=\"javascript:alert(4)\">x</a>",
];

#[test]
fn hostile_strings_in_every_text_field_render_inert() {
    let site = TestSite::new("catalog-hostile", "catalog");
    let p = |i: usize| {
        PAYLOADS[i % PAYLOADS.len()]
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
    };
    site.write(
        "content/catalog/opportunities/hostile.toml",
        format!(
            r#"[[opportunity]]
id = "hostile"
title = "Title {0}"
employer = "hostile-employer"
kind = "internship"
pathways = ["hostile-pathway"]
modality = "hybrid"
city = "City {1}"
grades = [11]
summary = "Summary {2}"
schedule = "Schedule {3}"
starts = 2027-06-01
ends = 2027-07-01
deadline = 2027-05-01
pay = {{ type = "hourly", amount = 20 }}
credit = "Credit {0}"
skills = ["Skill {1}"]
tasks = ["Task {2}"]
credentials = ["Credential {3}"]
contact = {{ name = "Contact {0}", email = "x@example.org", public = true }}
description = """
Text {0} {1} {2} {3}

[one](javascript:alert(5)) [two](JaVaScRiPt:alert(6)) [three](&#106;avascript:alert(7)) [four](data:text/html,x)

<script>alert(8)</script>

![pixel](https://tracker.example.com/p.gif)
"""

[[employer]]
id = "hostile-employer"
name = "Employer {1}"
org_type = "nonprofit"
city = "Town {2}"
description = "About {3} <iframe src=//evil.example.com></iframe>"

[[pathway]]
id = "hostile-pathway"
name = "Pathway {0}"
sector = "hostile"
occupations = [{{ title = "Job {1}" }}]
credentials = ["Credential {2}"]
colleges = [{{ name = "College {3}" }}]
description = "Pathway text {0}"
"#,
            p(0),
            p(1),
            p(2),
            p(3)
        ),
    );
    // One file may hold records of one table only: split the file.
    let text =
        std::fs::read_to_string(site.path("content/catalog/opportunities/hostile.toml")).unwrap();
    let (opportunity, rest) = text.split_once("[[employer]]").unwrap();
    let (employer, pathway) = rest.split_once("[[pathway]]").unwrap();
    site.write("content/catalog/opportunities/hostile.toml", opportunity)
        .write(
            "content/catalog/employers/hostile.toml",
            format!("[[employer]]{employer}"),
        )
        .write(
            "content/catalog/pathways/hostile.toml",
            format!("[[pathway]]{pathway}"),
        );

    // Four bad links, each reported at its own place in the TOML string.
    site.build().expect_code(0).expect_diagnostics(&[
        "content/catalog/opportunities/hostile.toml:24:1: warning: link scheme `javascript:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "content/catalog/opportunities/hostile.toml:24:28: warning: link scheme `javascript:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "content/catalog/opportunities/hostile.toml:24:55: warning: link scheme `javascript:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "content/catalog/opportunities/hostile.toml:24:89: warning: link scheme `data:` is not allowed",
        "  help: links may use http, https, mailto and tel, or point to a file of the site",
        "Built 54 pages (144 files: 144 written, 0 unchanged, 0 removed) into <site>/public in <time>",
    ]);

    let problems = check_site(&site.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
    // Pages and the feed must hold the payloads only as text; the JSON and CSV exports hold
    // them as data.
    for (path, bytes) in snapshot(&site.path("public")) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for needle in [
            "<script>alert",
            "<img src=x",
            "<iframe",
            "tracker.example.com",
            "onmouseover=\"alert",
        ] {
            assert!(!text.contains(needle), "{needle} is live in {path}");
        }
    }
    // The words survive as text, and JSON-LD round-trips the title exactly.
    let page = site.read_output("opportunities/hostile/index.html");
    assert!(
        page.contains("Title &lt;&#x2F;script&gt;") || page.contains("Title &lt;/script&gt;"),
        "title shown as text"
    );
    let posting = &json_ld(&page)[0];
    assert_eq!(posting["title"], format!("Title {}", PAYLOADS[0]));
    assert!(
        page.contains("<p>one two three four</p>"),
        "refused links keep their words"
    );
    assert!(
        page.contains("<p>pixel</p>"),
        "a remote image leaves only its alt text"
    );
    assert!(
        page.contains("&lt;script&gt;alert(8)&lt;/script&gt;"),
        "raw HTML is shown as text"
    );
}
