//! The catalog on the home page, and the districts' search documents.

use serde::Serialize;

use super::super::views::DateText;
use super::super::Renderer;
use crate::model::catalog::{Opportunity, Status};
use crate::search::{Doc, DocType, Scope};

/// `catalog` on the home page: what is open, what closes soon, and where to start.
#[derive(Serialize)]
pub struct HomeCatalog {
    /// How many opportunities are open.
    pub open_count: usize,
    /// How many employers the catalog has.
    pub employer_count: usize,
    /// The first few opportunities closing soon, soonest deadline first.
    pub closing_soon: Vec<HomeListing>,
    /// Each stage of the continuum with its count of open opportunities.
    pub stages: Vec<HomeStage>,
    /// Every pathway with its count of open opportunities.
    pub pathways: Vec<HomePathway>,
}

/// An opportunity closing soon, on the home page.
#[derive(Serialize)]
pub struct HomeListing {
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its employer's name.
    pub employer: String,
    /// Its kind, for readers.
    pub kind: String,
    /// Its deadline, if given.
    pub deadline: Option<DateText>,
}

/// A stage of the continuum, on the home page.
#[derive(Serialize)]
pub struct HomeStage {
    /// The stage's slug: `explore`, `prepare`, ...
    pub slug: &'static str,
    /// The stage, for readers.
    pub label: String,
    /// What students do at this stage.
    pub description: String,
    /// Its facet page.
    pub url: String,
    /// How many open opportunities it has.
    pub count: usize,
}

/// A pathway, on the home page.
#[derive(Serialize)]
pub struct HomePathway {
    /// Its name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Whether its occupations are in high demand in the region.
    pub high_demand: bool,
    /// How many of its opportunities are open.
    pub open_count: usize,
}

/// How many listings closing soon the home page shows.
pub(super) const HOME_CLOSING_SOON: usize = 4;

pub(crate) fn home_view(renderer: &Renderer) -> Option<HomeCatalog> {
    let catalog = &renderer.site.catalog;
    if catalog.is_empty() {
        return None;
    }
    let urls = renderer.urls;
    let mut soon: Vec<&Opportunity> = catalog
        .opportunities
        .iter()
        .filter(|o| o.status == Status::ClosingSoon)
        .collect();
    soon.sort_by(|a, b| (a.deadline, &a.title).cmp(&(b.deadline, &b.title)));
    let open = |o: &&Opportunity| o.is_open();
    Some(HomeCatalog {
        open_count: catalog.opportunities.iter().filter(open).count(),
        employer_count: catalog.employers.len(),
        closing_soon: soon
            .into_iter()
            .take(HOME_CLOSING_SOON)
            .map(|o| HomeListing {
                title: o.title.clone(),
                url: urls.opportunity(&o.id),
                employer: catalog.employer(o.employer).name.clone(),
                kind: renderer.strings().label(o.kind).to_string(),
                deadline: o.deadline.map(|d| DateText::new(d, renderer.strings())),
            })
            .collect(),
        stages: crate::model::catalog::Stage::ALL
            .iter()
            .map(|stage| HomeStage {
                slug: stage.slug(),
                label: renderer.strings().label(*stage).to_string(),
                description: renderer.strings().stage_description(*stage).to_string(),
                url: urls.facet("stage", stage.slug()),
                count: catalog
                    .opportunities
                    .iter()
                    .filter(open)
                    .filter(|o| o.stage() == *stage)
                    .count(),
            })
            .collect(),
        pathways: catalog
            .pathways
            .iter()
            .map(|p| HomePathway {
                name: p.name.clone(),
                url: urls.pathway(&p.id),
                high_demand: p.high_demand,
                open_count: p
                    .opportunities
                    .iter()
                    .filter(|&&o| catalog.opportunity(o).is_open())
                    .count(),
            })
            .collect(),
    })
}

/// One search document for each district's page.
pub(in crate::render) fn district_docs(renderer: &Renderer) -> Vec<Doc> {
    renderer
        .site
        .districts
        .iter()
        .map(|d| Doc {
            kind: DocType::District,
            title: d.name.clone(),
            url: renderer.urls.district(&d.id),
            excerpt: [
                d.region.as_deref(),
                d.county
                    .as_ref()
                    .map(|c| renderer.strings().fill("district.county", &[("county", c)]))
                    .as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            keywords: d.short().to_string(),
            body: d
                .forms
                .iter()
                .map(|f| f.title.as_str())
                .chain(d.policies.iter().map(|policy| policy.text.as_str()))
                .collect::<Vec<_>>()
                .join(" "),
            scope: Scope::default(),
        })
        .collect()
}
