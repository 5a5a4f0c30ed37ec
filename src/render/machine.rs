//! Files for machines: JSON-LD for opportunity, employer and pathway pages, an Atom feed of
//! open opportunities and an iCalendar file of their deadlines. The exports are in
//! `export.rs`.

use serde_json::{json, Value};

use super::catalog::{grades_text, CatalogRender};
use super::export::Exports;
use crate::config::Date;
use crate::markdown::escape_attr;
use crate::model::catalog::{
    Employer, EmployerIdx, Modality, Opportunity, PathwayIdx, Pay, PayType, Stage,
};

/// The absolute form of a root-relative URL.
pub(super) fn absolute(pass: &CatalogRender, url: &str) -> String {
    pass.renderer.urls.absolute(url)
}

/// Marks structured data with the language of the page it is on (`inLanguage`), on a site
/// with more than one language.
fn in_language(pass: &CatalogRender, value: &mut Value) {
    let site = pass.renderer.site;
    if !site.config.languages.is_empty() {
        value["inLanguage"] = json!(site.language.code);
    }
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

fn organization(pass: &CatalogRender, e: &Employer) -> Value {
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

/// How structured data names the reporting code an opportunity carries.
pub const CEDS_PROPERTY: &str = "CEDS Work-based Learning Opportunity Type";

/// `JobPosting` for an open, paid opportunity with a deadline; `EducationEvent` for one with
/// dates (talks, tours, sessions); nothing otherwise.
pub fn opportunity_json_ld(pass: &CatalogRender, index: usize) -> Option<String> {
    let o = &pass.catalog.opportunities[index];
    let listing = Listing {
        pass,
        o,
        url: absolute(pass, &pass.renderer.urls.opportunity(&o.id)),
        description: o
            .summary
            .clone()
            .unwrap_or_else(|| pass.opportunities[index].plain.clone()),
    };
    let mut value = match (o.is_open(), o.pay, o.deadline) {
        (true, Some(pay), Some(deadline)) => listing.job_posting(pay, deadline),
        (_, _, _) => listing.education_event()?,
    };
    if listing.description.is_empty() {
        if let Some(fields) = value.as_object_mut() {
            fields.remove("description");
        }
    }
    let code = pass.renderer.site.config.ceds.code(o.kind, o.is_paid());
    value["identifier"] = json!({
        "@type": "PropertyValue",
        "propertyID": CEDS_PROPERTY,
        "value": code,
    });
    in_language(pass, &mut value);
    Some(script_json(&value))
}

/// An opportunity with the address and description its structured data shows.
struct Listing<'a> {
    pass: &'a CatalogRender<'a>,
    o: &'a Opportunity,
    url: String,
    description: String,
}

impl Listing<'_> {
    /// A `JobPosting`: where it takes place, and hourly pay as its base salary.
    fn job_posting(&self, pay: Pay, deadline: Date) -> Value {
        let (pass, o) = (self.pass, self.o);
        let employment = if matches!(o.kind.stage(), Stage::Training) {
            "INTERN"
        } else {
            "PART_TIME"
        };
        let mut posting = json!({
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": o.title,
            "description": self.description,
            "url": self.url,
            "datePosted": pass.renderer.site.build_date.iso(),
            "validThrough": format!("{}T23:59:59", deadline.iso()),
            "employmentType": employment,
            "hiringOrganization": organization(pass, pass.catalog.employer(o.employer)),
            "educationRequirements": grades_text(pass.renderer.strings(), &o.grades),
        });
        match (o.modality, &o.city) {
            (Modality::Virtual, _) => {
                let area = &pass.renderer.site.config.title;
                posting["jobLocationType"] = json!("TELECOMMUTE");
                posting["applicantLocationRequirements"] =
                    json!({ "@type": "AdministrativeArea", "name": area });
            }
            (_, Some(city)) => {
                let address = json!({ "@type": "PostalAddress", "addressLocality": city });
                posting["jobLocation"] = json!({ "@type": "Place", "address": address });
            }
            _ => {}
        }
        if pay.kind == PayType::Hourly {
            let value =
                json!({ "@type": "QuantitativeValue", "value": pay.amount, "unitText": "HOUR" });
            posting["baseSalary"] = json!({
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": value
            });
        }
        if let Some(starts) = o.starts {
            posting["jobStartDate"] = json!(starts.iso());
        }
        posting
    }

    /// An `EducationEvent` for an opportunity with a start date, in person or online.
    fn education_event(&self) -> Option<Value> {
        let o = self.o;
        let starts = o.starts?;
        let mode = match o.modality {
            Modality::InPerson => "https://schema.org/OfflineEventAttendanceMode",
            Modality::Virtual => "https://schema.org/OnlineEventAttendanceMode",
            Modality::Hybrid => "https://schema.org/MixedEventAttendanceMode",
        };
        let location = match (o.modality, &o.city) {
            (Modality::Virtual, _) | (_, None) => {
                json!({ "@type": "VirtualLocation", "url": self.url })
            }
            (_, Some(city)) => {
                let address = json!({ "@type": "PostalAddress", "addressLocality": city });
                json!({ "@type": "Place", "name": city, "address": address })
            }
        };
        Some(json!({
            "@context": "https://schema.org",
            "@type": "EducationEvent",
            "name": o.title,
            "description": self.description,
            "url": self.url,
            "startDate": starts.iso(),
            "endDate": o.ends.unwrap_or(starts).iso(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": mode,
            "location": location,
            "organizer": organization(self.pass, self.pass.catalog.employer(o.employer)),
            "educationalLevel": grades_text(self.pass.renderer.strings(), &o.grades),
            "isAccessibleForFree": true,
        }))
    }
}

pub fn employer_json_ld(pass: &CatalogRender, index: EmployerIdx) -> String {
    let mut org = organization(pass, pass.catalog.employer(index));
    org["@context"] = json!("https://schema.org");
    if !pass.employers[index.index()].plain.is_empty() {
        org["description"] = json!(pass.employers[index.index()].plain);
    }
    in_language(pass, &mut org);
    script_json(&org)
}

pub fn pathway_json_ld(pass: &CatalogRender, index: PathwayIdx) -> String {
    let p = pass.catalog.pathway(index);
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
                    "@type": "MonetaryAmountDistribution",
                    "currency": "USD",
                    "duration": "P1Y",
                    "median": wage
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
    let categories: Vec<String> = p.occupations.iter().filter_map(|o| o.soc.clone()).collect();
    let mut program = json!({
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": p.name,
        "url": absolute(pass, &pass.renderer.urls.pathway(&p.id)),
        "occupationalCategory": categories,
        "relevantOccupation": occupations,
        "occupationalCredentialAwarded": p.credentials,
        "provider": providers,
    });
    if !pass.pathways[index.index()].plain.is_empty() {
        program["description"] = json!(pass.pathways[index.index()].plain);
    }
    in_language(pass, &mut program);
    script_json(&program)
}

/// The feed, the calendar, the facet data and (unless they are made apart) the exports, each
/// given to `emit` with its output path as soon as it is made, so that the largest
/// (catalog.json, the spreadsheets) are not all held at once. Each is made on its own
/// thread: together they are a tenth of a 10,000-listing build.
pub fn files(
    pass: &CatalogRender,
    exports: Exports,
    emit: &(dyn Fn(&'static str, Vec<u8>) + Sync),
) {
    rayon::join(
        || {
            rayon::join(
                || emit("search/opportunities.json", super::export::facet_data(pass)),
                || emit("opportunities/feed.xml", feed(pass).into_bytes()),
            )
        },
        || {
            rayon::join(
                || emit("opportunities/deadlines.ics", calendar(pass).into_bytes()),
                || {
                    if exports == Exports::WithPages {
                        super::export::files(&pass.exporting(), emit);
                    }
                },
            )
        },
    );
}

/// The start of the Atom feed, before its title.
const FEED_START: &str =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";

/// An Atom feed of open opportunities, soonest deadline first.
fn feed(pass: &CatalogRender) -> String {
    let site = pass.renderer.site;
    let t = pass.renderer.strings();
    let updated = format!("{}T00:00:00Z", site.build_date.iso());
    let listing = absolute(pass, &pass.renderer.urls.opportunities());
    let mut xml = String::from(FEED_START);
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape_attr(&t.fill("feeds.feed_title", &[("site", &pass.renderer.base.title)]))
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
        escape_attr(&pass.renderer.base.title)
    ));
    for &i in &pass.open {
        let o = pass.catalog.opportunity(i);
        let url = absolute(pass, &pass.renderer.urls.opportunity(&o.id));
        let employer = &pass.catalog.employer(o.employer).name;
        let mut summary = format!(
            "{} · {} · {}",
            t.label(o.kind),
            employer,
            grades_text(t, &o.grades)
        );
        if let Some(deadline) = o.deadline {
            let apply_by = t.text("catalog.apply_by");
            summary.push_str(&format!(" · {apply_by} {}", t.date_long(deadline)));
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
            escape_attr(t.label(o.kind))
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
    let t = pass.renderer.strings();
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
            ics_text(&t.fill(
                "feeds.calendar_name",
                &[("site", &pass.renderer.base.title)]
            ))
        ),
    ];
    for &i in &pass.open {
        let o = pass.catalog.opportunity(i);
        let Some(deadline) = o.deadline else { continue };
        let url = absolute(pass, &pass.renderer.urls.opportunity(&o.id));
        let employer = &pass.catalog.employer(o.employer).name;
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}-deadline@{host}", o.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact(deadline)),
            format!(
                "DTEND;VALUE=DATE:{}",
                compact(Date::from_days(deadline.to_days() + 1))
            ),
            format!(
                "SUMMARY:{}",
                ics_text(&t.fill("feeds.deadline_event", &[("title", &o.title)]))
            ),
            format!(
                "DESCRIPTION:{}",
                ics_text(&t.fill(
                    "feeds.event_description",
                    &[
                        ("kind", t.label(o.kind)),
                        ("employer", employer),
                        ("url", &url)
                    ]
                ))
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
}
