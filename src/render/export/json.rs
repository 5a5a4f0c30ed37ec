//! Render stage, `catalog.json`: every public field of every record (private contacts
//! never reach the model), as typed structs so the field order stays stable.

use serde::Serialize;

use crate::model::catalog::{Contact, Employer, Opportunity, Pathway};

use super::{pathway_ids, status, Exporting};

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
    /// The federal reporting code of its kind (CEDS, or the site's own from `[ceds]`).
    ceds_type: &'a str,
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
    hazards: Vec<&'static str>,
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
pub(in crate::render) fn catalog_json(pass: &Exporting) -> String {
    let site = pass.site;
    let catalog = pass.catalog;
    let document = JsonCatalog {
        format: "trellis-catalog",
        version: 1,
        generated: site.build_date.iso(),
        site: &site.config.base_url,
        pathways: catalog
            .pathways
            .iter()
            .map(|p| json_pathway(pass, p))
            .collect(),
        employers: catalog
            .employers
            .iter()
            .map(|e| json_employer(pass, e))
            .collect(),
        opportunities: catalog
            .opportunities
            .iter()
            .map(|o| json_opportunity(pass, o))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text.shrink_to_fit();
    text
}

/// One pathway as `catalog.json` writes it.
fn json_pathway<'a>(pass: &Exporting, p: &'a Pathway) -> JsonPathway<'a> {
    JsonPathway {
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
        url: pass.absolute(&pass.urls.pathway(&p.id)),
    }
}

/// One employer as `catalog.json` writes it.
fn json_employer<'a>(pass: &Exporting<'a>, e: &'a Employer) -> JsonEmployer<'a> {
    JsonEmployer {
        id: &e.id,
        name: &e.name,
        org_type: e.org_type.slug(),
        pathways: pathway_ids(pass.catalog, &e.pathways),
        website: e.website.as_deref(),
        city: e.city.as_deref(),
        hosts: e.hosts.iter().map(|k| k.slug()).collect(),
        contact: JsonContact::from(&e.contact),
        description: &e.description.markdown,
        url: pass.absolute(&pass.urls.employer(&e.id)),
    }
}

/// One opportunity as `catalog.json` writes it.
fn json_opportunity<'a>(pass: &Exporting<'a>, o: &'a Opportunity) -> JsonOpportunity<'a> {
    JsonOpportunity {
        id: &o.id,
        title: &o.title,
        employer: &pass.catalog.employer(o.employer).id,
        kind: o.kind.slug(),
        stage: o.stage().slug(),
        ceds_type: pass.site.config.ceds.code(o.kind, o.is_paid()),
        pathways: pathway_ids(pass.catalog, &o.pathways),
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
        hazards: o.hazards.iter().map(|h| h.slug()).collect(),
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
        status: status(o),
        url: pass.absolute(&pass.urls.opportunity(&o.id)),
    }
}
