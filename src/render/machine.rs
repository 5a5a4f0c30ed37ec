//! Files for machines: JSON-LD for opportunity, employer and pathway pages; an Atom feed of
//! open opportunities; an iCalendar file of their deadlines; and the `catalog.json` and
//! `opportunities.csv` exports (public fields only: private contacts never reach the model).

use serde::Serialize;
use serde_json::{json, Value};

use super::catalog::{grades_text, pay_text, CatalogRender};
use crate::config::Date;
use crate::markdown::escape_attr;
use crate::model::catalog::{Contact, Modality, PayType, Stage};

/// The absolute form of a root-relative URL.
fn absolute(pass: &CatalogRender, url: &str) -> String {
    let config = &pass.renderer.site.config;
    let path = url.strip_prefix(&config.base_path).unwrap_or(url);
    format!("{}/{path}", config.base_url)
}

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are escaped so
/// that no text (a title holding `</script>`, say) can end the block.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values always serialise");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn organization(pass: &CatalogRender, employer: usize) -> Value {
    let e = &pass.catalog.employers[employer];
    let mut org = json!({
        "@type": "Organization",
        "name": e.name,
        "url": absolute(pass, &pass.renderer.urls.employer(&e.id)),
    });
    if let Some(website) = &e.website {
        org["sameAs"] = json!(website);
    }
    if let Some(city) = &e.city {
        org["address"] = json!({ "@type": "PostalAddress", "addressLocality": city });
    }
    org
}

/// `JobPosting` for an open, paid opportunity with a deadline; `EducationEvent` for one with
/// dates (talks, tours, sessions); nothing otherwise.
pub fn opportunity_json_ld(pass: &CatalogRender, index: usize) -> Option<String> {
    let o = &pass.catalog.opportunities[index];
    let url = absolute(pass, &pass.renderer.urls.opportunity(&o.id));
    let description = o
        .summary
        .clone()
        .unwrap_or_else(|| pass.opportunities[index].plain.clone());
    let value = match (o.is_open(), o.pay, o.deadline) {
        (true, Some(pay), Some(deadline)) => {
            let mut posting = json!({
                "@context": "https://schema.org",
                "@type": "JobPosting",
                "title": o.title,
                "description": description,
                "url": url,
                "datePosted": pass.renderer.site.build_date.iso(),
                "validThrough": format!("{}T23:59:59", deadline.iso()),
                "employmentType": if matches!(o.kind.stage(), Stage::Training) { "INTERN" } else { "PART_TIME" },
                "hiringOrganization": organization(pass, o.employer),
                "educationRequirements": grades_text(&o.grades),
            });
            match (o.modality, &o.city) {
                (Modality::Virtual, _) => {
                    posting["jobLocationType"] = json!("TELECOMMUTE");
                    posting["applicantLocationRequirements"] = json!({ "@type": "AdministrativeArea", "name": pass.renderer.site.config.title });
                }
                (_, Some(city)) => {
                    posting["jobLocation"] = json!({ "@type": "Place", "address": { "@type": "PostalAddress", "addressLocality": city } });
                }
                _ => {}
            }
            if pay.kind == PayType::Hourly {
                posting["baseSalary"] = json!({
                    "@type": "MonetaryAmount",
                    "currency": "USD",
                    "value": { "@type": "QuantitativeValue", "value": pay.amount, "unitText": "HOUR" }
                });
            }
            if let Some(starts) = o.starts {
                posting["jobStartDate"] = json!(starts.iso());
            }
            posting
        }
        (_, _, _) => {
            let starts = o.starts?;
            let mode = match o.modality {
                Modality::InPerson => "https://schema.org/OfflineEventAttendanceMode",
                Modality::Virtual => "https://schema.org/OnlineEventAttendanceMode",
                Modality::Hybrid => "https://schema.org/MixedEventAttendanceMode",
            };
            let location = match (o.modality, &o.city) {
                (Modality::Virtual, _) | (_, None) => {
                    json!({ "@type": "VirtualLocation", "url": url })
                }
                (_, Some(city)) => {
                    json!({ "@type": "Place", "name": city, "address": { "@type": "PostalAddress", "addressLocality": city } })
                }
            };
            json!({
                "@context": "https://schema.org",
                "@type": "EducationEvent",
                "name": o.title,
                "description": description,
                "url": url,
                "startDate": starts.iso(),
                "endDate": o.ends.unwrap_or(starts).iso(),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": mode,
                "location": location,
                "organizer": organization(pass, o.employer),
                "educationalLevel": grades_text(&o.grades),
                "isAccessibleForFree": true,
            })
        }
    };
    let mut value = value;
    if description.is_empty() {
        if let Some(fields) = value.as_object_mut() {
            fields.remove("description");
        }
    }
    Some(script_json(&value))
}

pub fn employer_json_ld(pass: &CatalogRender, index: usize) -> String {
    let mut org = organization(pass, index);
    org["@context"] = json!("https://schema.org");
    if !pass.employers[index].plain.is_empty() {
        org["description"] = json!(pass.employers[index].plain);
    }
    script_json(&org)
}

pub fn pathway_json_ld(pass: &CatalogRender, index: usize) -> String {
    let p = &pass.catalog.pathways[index];
    let occupations: Vec<Value> = p
        .occupations
        .iter()
        .map(|o| {
            let mut occupation = json!({ "@type": "Occupation", "name": o.title });
            if let Some(soc) = &o.soc {
                occupation["occupationalCategory"] = json!(soc);
            }
            if let Some(wage) = o.median_wage {
                occupation["estimatedSalary"] = json!({
                    "@type": "MonetaryAmountDistribution", "currency": "USD", "duration": "P1Y", "median": wage
                });
            }
            occupation
        })
        .collect();
    let providers: Vec<Value> = p
        .colleges
        .iter()
        .map(|c| {
            let mut college = json!({ "@type": "CollegeOrUniversity", "name": c.name });
            if let Some(url) = &c.url {
                college["url"] = json!(url);
            }
            college
        })
        .collect();
    let mut program = json!({
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": p.name,
        "url": absolute(pass, &pass.renderer.urls.pathway(&p.id)),
        "occupationalCategory": p.occupations.iter().filter_map(|o| o.soc.clone()).collect::<Vec<_>>(),
        "relevantOccupation": occupations,
        "occupationalCredentialAwarded": p.credentials,
        "provider": providers,
    });
    if !pass.pathways[index].plain.is_empty() {
        program["description"] = json!(pass.pathways[index].plain);
    }
    script_json(&program)
}

/// The feed, the calendar, the two exports and the facet data, by output path.
pub fn files(pass: &CatalogRender) -> Vec<(String, Vec<u8>)> {
    vec![
        ("search/opportunities.json".to_string(), facet_data(pass)),
        (
            "opportunities/feed.xml".to_string(),
            feed(pass).into_bytes(),
        ),
        (
            "opportunities/deadlines.ics".to_string(),
            calendar(pass).into_bytes(),
        ),
        ("catalog.json".to_string(), catalog_json(pass).into_bytes()),
        ("opportunities.csv".to_string(), csv(pass).into_bytes()),
    ]
}

/// An Atom feed of open opportunities, soonest deadline first.
fn feed(pass: &CatalogRender) -> String {
    let site = pass.renderer.site;
    let updated = format!("{}T00:00:00Z", site.build_date.iso());
    let listing = absolute(pass, &format!("{}opportunities/", site.config.base_path));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "  <title>{}: open opportunities</title>\n",
        escape_attr(&site.config.title)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        escape_attr(&listing)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_attr(&listing)
    ));
    xml.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        escape_attr(&listing)
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_attr(&site.config.title)
    ));
    for &i in &pass.open {
        let o = &pass.catalog.opportunities[i];
        let url = absolute(pass, &pass.renderer.urls.opportunity(&o.id));
        let employer = &pass.catalog.employers[o.employer].name;
        let mut summary = format!(
            "{} · {} · {}",
            o.kind.label(),
            employer,
            grades_text(&o.grades)
        );
        if let Some(deadline) = o.deadline {
            summary.push_str(&format!(" · Apply by {}", deadline.long()));
        }
        if let Some(text) = &o.summary {
            summary.push_str(&format!(". {text}"));
        }
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape_attr(&o.title)));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", escape_attr(&url)));
        xml.push_str(&format!(
            "    <id>{}</id>\n    <updated>{updated}</updated>\n",
            escape_attr(&url)
        ));
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            o.kind.slug(),
            o.kind.label()
        ));
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape_attr(&summary)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// An iCalendar file with one all-day event on each open opportunity's deadline.
fn calendar(pass: &CatalogRender) -> String {
    let site = pass.renderer.site;
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("trellis")
        .split('/')
        .next()
        .unwrap_or("trellis");
    let stamp = format!("{}T000000Z", compact(site.build_date));
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Trellis//Opportunity deadlines//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{}: application deadlines", site.config.title))
        ),
    ];
    for &i in &pass.open {
        let o = &pass.catalog.opportunities[i];
        let Some(deadline) = o.deadline else { continue };
        let url = absolute(pass, &pass.renderer.urls.opportunity(&o.id));
        let employer = &pass.catalog.employers[o.employer].name;
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}-deadline@{host}", o.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact(deadline)),
            format!(
                "DTEND;VALUE=DATE:{}",
                compact(Date::from_days(deadline.to_days() + 1))
            ),
            format!("SUMMARY:{}", ics_text(&format!("Deadline: {}", o.title))),
            format!(
                "DESCRIPTION:{}",
                ics_text(&format!("{} with {}. {}", o.kind.label(), employer, url))
            ),
            format!("URL:{url}"),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn compact(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year, date.month, date.day)
}

/// Escapes iCalendar TEXT: backslash, semicolon, comma and line breaks.
pub fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets (RFC 5545), never inside a character, ending
/// with CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// `catalog.json`, field by field. Typed structs keep the field order stable and the
/// export cheap to build.
#[derive(Serialize)]
struct JsonCatalog<'a> {
    format: &'static str,
    version: u32,
    generated: String,
    site: &'a str,
    pathways: Vec<JsonPathway<'a>>,
    employers: Vec<JsonEmployer<'a>>,
    opportunities: Vec<JsonOpportunity<'a>>,
}

#[derive(Serialize)]
struct JsonContact<'a> {
    name: &'a str,
    title: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

impl<'a> JsonContact<'a> {
    fn from(contact: &'a Option<Contact>) -> Option<JsonContact<'a>> {
        contact.as_ref().map(|c| JsonContact {
            name: &c.name,
            title: c.title.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
        })
    }
}

#[derive(Serialize)]
struct JsonOccupation<'a> {
    title: &'a str,
    soc: Option<&'a str>,
    median_wage: Option<u32>,
}

#[derive(Serialize)]
struct JsonCollege<'a> {
    name: &'a str,
    program: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonPathway<'a> {
    id: &'a str,
    name: &'a str,
    sector: &'a str,
    high_demand: bool,
    demand_source: Option<&'a str>,
    median_wage: Option<u32>,
    occupations: Vec<JsonOccupation<'a>>,
    credentials: &'a [String],
    colleges: Vec<JsonCollege<'a>>,
    description: &'a str,
    url: String,
}

#[derive(Serialize)]
struct JsonEmployer<'a> {
    id: &'a str,
    name: &'a str,
    org_type: &'static str,
    pathways: Vec<&'a str>,
    website: Option<&'a str>,
    city: Option<&'a str>,
    hosts: Vec<&'static str>,
    contact: Option<JsonContact<'a>>,
    description: &'a str,
    url: String,
}

#[derive(Serialize)]
struct JsonPay {
    #[serde(rename = "type")]
    kind: &'static str,
    amount: f64,
}

#[derive(Serialize)]
struct JsonOpportunity<'a> {
    id: &'a str,
    title: &'a str,
    employer: &'a str,
    kind: &'static str,
    stage: &'static str,
    pathways: Vec<&'a str>,
    modality: &'static str,
    grades: &'a [u8],
    summary: Option<&'a str>,
    districts: &'a [String],
    city: Option<&'a str>,
    schedule: Option<&'a str>,
    hours: Option<f64>,
    hours_per_week: Option<f64>,
    starts: Option<String>,
    ends: Option<String>,
    deadline: Option<String>,
    seats: Option<u32>,
    min_age: Option<u32>,
    pay: Option<JsonPay>,
    credit: Option<&'a str>,
    skills: &'a [String],
    tasks: &'a [String],
    credentials: &'a [String],
    supports: Vec<&'static str>,
    principles: Vec<&'static str>,
    apply_url: Option<&'a str>,
    contact: Option<JsonContact<'a>>,
    description: &'a str,
    status: &'static str,
    url: String,
}

/// `catalog.json`: every public field of every record, sorted by id. Documented in the README.
fn catalog_json(pass: &CatalogRender) -> String {
    let site = pass.renderer.site;
    let catalog = pass.catalog;
    let urls = pass.renderer.urls;
    let pathway_ids = |ids: &[usize]| {
        ids.iter()
            .map(|&p| catalog.pathways[p].id.as_str())
            .collect()
    };
    let document = JsonCatalog {
        format: "trellis-catalog",
        version: 1,
        generated: site.build_date.iso(),
        site: &site.config.base_url,
        pathways: catalog
            .pathways
            .iter()
            .map(|p| JsonPathway {
                id: &p.id,
                name: &p.name,
                sector: &p.sector,
                high_demand: p.high_demand,
                demand_source: p.demand_source.as_deref(),
                median_wage: p.median_wage,
                occupations: p
                    .occupations
                    .iter()
                    .map(|o| JsonOccupation {
                        title: &o.title,
                        soc: o.soc.as_deref(),
                        median_wage: o.median_wage,
                    })
                    .collect(),
                credentials: &p.credentials,
                colleges: p
                    .colleges
                    .iter()
                    .map(|c| JsonCollege {
                        name: &c.name,
                        program: c.program.as_deref(),
                        url: c.url.as_deref(),
                    })
                    .collect(),
                description: &p.description.markdown,
                url: absolute(pass, &urls.pathway(&p.id)),
            })
            .collect(),
        employers: catalog
            .employers
            .iter()
            .map(|e| JsonEmployer {
                id: &e.id,
                name: &e.name,
                org_type: e.org_type.slug(),
                pathways: pathway_ids(&e.pathways),
                website: e.website.as_deref(),
                city: e.city.as_deref(),
                hosts: e.hosts.iter().map(|k| k.slug()).collect(),
                contact: JsonContact::from(&e.contact),
                description: &e.description.markdown,
                url: absolute(pass, &urls.employer(&e.id)),
            })
            .collect(),
        opportunities: catalog
            .opportunities
            .iter()
            .map(|o| JsonOpportunity {
                id: &o.id,
                title: &o.title,
                employer: &catalog.employers[o.employer].id,
                kind: o.kind.slug(),
                stage: o.stage().slug(),
                pathways: pathway_ids(&o.pathways),
                modality: o.modality.slug(),
                grades: &o.grades,
                summary: o.summary.as_deref(),
                districts: &o.districts,
                city: o.city.as_deref(),
                schedule: o.schedule.as_deref(),
                hours: o.hours,
                hours_per_week: o.hours_per_week,
                starts: o.starts.map(|d| d.iso()),
                ends: o.ends.map(|d| d.iso()),
                deadline: o.deadline.map(|d| d.iso()),
                seats: o.seats,
                min_age: o.min_age,
                pay: o.pay.map(|p| JsonPay {
                    kind: p.kind.slug(),
                    amount: p.amount,
                }),
                credit: o.credit.as_deref(),
                skills: &o.skills,
                tasks: &o.tasks,
                credentials: &o.credentials,
                supports: o.supports.iter().map(|s| s.slug()).collect(),
                principles: o.principles.iter().map(|p| p.slug()).collect(),
                apply_url: o.apply_url.as_deref(),
                contact: JsonContact::from(&o.contact),
                description: &o.description.markdown,
                status: if o.is_open() { "open" } else { "closed" },
                url: absolute(pass, &urls.opportunity(&o.id)),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text.shrink_to_fit();
    text
}

/// The columns of `opportunities.csv`, in order. Documented in the README.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "url",
    "status",
    "employer_id",
    "employer",
    "kind",
    "stage",
    "pathways",
    "modality",
    "city",
    "grades",
    "districts",
    "starts",
    "ends",
    "deadline",
    "hours",
    "hours_per_week",
    "seats",
    "min_age",
    "pay_type",
    "pay_amount",
    "pay",
    "credit",
    "supports",
    "principles",
    "principle_count",
    "apply_url",
    "summary",
];

/// `opportunities.csv`: one row per opportunity, open and closed, sorted by id.
fn csv(pass: &CatalogRender) -> String {
    let catalog = pass.catalog;
    let mut out = String::new();
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    for o in &catalog.opportunities {
        let employer = &catalog.employers[o.employer];
        let list = |items: Vec<String>| items.join(";");
        let optional = |v: Option<String>| v.unwrap_or_default();
        let row: Vec<String> = vec![
            o.id.clone(),
            o.title.clone(),
            absolute(pass, &pass.renderer.urls.opportunity(&o.id)),
            if o.is_open() { "open" } else { "closed" }.to_string(),
            employer.id.clone(),
            employer.name.clone(),
            o.kind.slug().to_string(),
            o.stage().slug().to_string(),
            list(
                o.pathways
                    .iter()
                    .map(|&p| catalog.pathways[p].id.clone())
                    .collect(),
            ),
            o.modality.slug().to_string(),
            optional(o.city.clone()),
            list(o.grades.iter().map(u8::to_string).collect()),
            list(o.districts.clone()),
            optional(o.starts.map(|d| d.iso())),
            optional(o.ends.map(|d| d.iso())),
            optional(o.deadline.map(|d| d.iso())),
            optional(o.hours.map(|h| h.to_string())),
            optional(o.hours_per_week.map(|h| h.to_string())),
            optional(o.seats.map(|s| s.to_string())),
            optional(o.min_age.map(|a| a.to_string())),
            optional(o.pay.map(|p| p.kind.slug().to_string())),
            optional(o.pay.map(|p| p.amount.to_string())),
            optional(pay_text(o)),
            optional(o.credit.clone()),
            list(o.supports.iter().map(|s| s.slug().to_string()).collect()),
            list(o.principles.iter().map(|p| p.slug().to_string()).collect()),
            o.principles.len().to_string(),
            optional(o.apply_url.clone()),
            optional(o.summary.clone()),
        ];
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Quotes a CSV cell where needed (RFC 4180) and defuses text a spreadsheet would run as a
/// formula (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front).
pub fn csv_cell(cell: &str) -> String {
    let defused = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// `search/opportunities.json`: what the listing's filters need about every open
/// opportunity, in listing order (soonest deadline first). Each row is
/// `[title, url, employer, kind, modality, paid, pay, grade_min, grade_max, [districts],
/// [pathways], supports_mask, deadline, starts, hours, hourly_pay, seats, summary, city,
/// order, closing_soon]`, where indexes point into the lists beside `rows` and dates are
/// days after 1970-01-01.
fn facet_data(pass: &CatalogRender) -> Vec<u8> {
    use crate::model::catalog::{Kind, Stage, Status, Support};
    let catalog = pass.catalog;
    let site = pass.renderer.site;
    let urls = pass.renderer.urls;
    let districts: Vec<(String, String)> = site
        .districts
        .iter()
        .map(|d| (d.id.clone(), d.short().to_string()))
        .collect();
    let rows: Vec<Value> = pass
        .open
        .iter()
        .map(|&i| {
            let o = &catalog.opportunities[i];
            let supports = o.supports.iter().fold(0u32, |mask, s| {
                mask | 1 << Support::ALL.iter().position(|x| x == s).unwrap_or(0)
            });
            json!([
                o.title,
                urls.opportunity(&o.id),
                o.employer,
                Kind::ALL.iter().position(|k| *k == o.kind),
                Modality::ALL.iter().position(|m| *m == o.modality),
                u8::from(o.is_paid()),
                pay_text(o),
                o.grades.first(),
                o.grades.last(),
                o.districts
                    .iter()
                    .filter_map(|d| districts.iter().position(|(id, _)| id == d))
                    .collect::<Vec<_>>(),
                o.pathways,
                supports,
                o.deadline.map(Date::to_days),
                o.starts.map(Date::to_days),
                o.hours,
                o.pay
                    .filter(|p| p.kind == PayType::Hourly)
                    .map(|p| p.amount),
                o.seats,
                o.summary,
                o.city,
                o.order,
                u8::from(o.status == Status::ClosingSoon),
            ])
        })
        .collect();
    let document = json!({
        "version": 1,
        "today": site.build_date.to_days(),
        "kinds": Kind::ALL.iter().map(|k| [k.slug(), k.label()]).collect::<Vec<_>>(),
        "kind_stage": Kind::ALL.iter().map(|k| Stage::ALL.iter().position(|s| *s == k.stage())).collect::<Vec<_>>(),
        "stages": Stage::ALL.iter().map(|s| [s.slug(), s.label()]).collect::<Vec<_>>(),
        "modalities": Modality::ALL.iter().map(|m| [m.slug(), m.label()]).collect::<Vec<_>>(),
        "supports": Support::ALL.iter().map(|s| [s.slug(), s.label()]).collect::<Vec<_>>(),
        "pathways": catalog.pathways.iter().map(|p| [p.id.as_str(), p.name.as_str()]).collect::<Vec<_>>(),
        "employers": catalog.employers.iter().map(|e| [e.id.clone(), e.name.clone(), urls.employer(&e.id)]).collect::<Vec<_>>(),
        "districts": districts,
        "rows": rows,
    });
    serde_json::to_vec(&document).expect("JSON values always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let text = script_json(&json!({ "name": "</script><script>alert(1)</script> & more" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & more");
    }

    #[test]
    fn ics_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert!(out.ends_with("\r\n"));
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
    }
}
