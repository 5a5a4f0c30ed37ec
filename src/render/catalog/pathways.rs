//! A pathway's page (its open opportunities laid out along the continuum) and the index of
//! pathways by sector.

use std::collections::BTreeMap;

use super::gathered::Shows;
use super::views::*;
use super::CatalogRender;
use crate::diagnostics::Diagnostic;
use crate::model::catalog::{OpportunityIdx, Pathway, PathwayIdx};
use crate::render::contexts::{PathwayContext, PathwaysContext};
use crate::render::machine;
use crate::render::views::{Link, PageKind};
use crate::render::RenderedFile;

impl CatalogRender<'_> {
    pub(super) fn pathway_view(&self, index: PathwayIdx) -> PathwayView<'_> {
        let p: &Pathway = self.catalog.pathway(index);
        let t = self.renderer.strings();
        PathwayView {
            id: &p.id,
            name: &p.name,
            url: self.urls().pathway(&p.id),
            sector: sector_label(t, &p.sector),
            high_demand: p.high_demand,
            demand_source: p.demand_source.as_deref(),
            median_wage: p.median_wage.map(|w| t.money(f64::from(w))),
            occupations: p
                .occupations
                .iter()
                .map(|o| OccupationView {
                    title: &o.title,
                    soc: o.soc.as_deref(),
                    median_wage: o.median_wage.map(|w| t.money(f64::from(w))),
                })
                .collect(),
            credentials: &p.credentials,
            colleges: p
                .colleges
                .iter()
                .map(|c| CollegeView {
                    name: &c.name,
                    program: c.program.as_deref(),
                    url: c.url.as_deref(),
                })
                .collect(),
            employers: p
                .employers
                .iter()
                .map(|&e| Link {
                    title: self.catalog.employer(e).name.clone(),
                    url: self.urls().employer(&self.catalog.employer(e).id),
                })
                .collect(),
            open_count: p
                .opportunities
                .iter()
                .filter(|&&o| self.catalog.opportunity(o).is_open())
                .count(),
            description: &self.pathways[index.index()].html,
        }
    }

    /// What a pathway's page shows: the pathway, its employers and its open opportunities
    /// in listing order (the closed ones count: opening or closing one changes the page).
    pub(super) fn pathway_shows(&self, index: PathwayIdx) -> Shows {
        let p = self.catalog.pathway(index);
        let open = self
            .open
            .iter()
            .filter(|&&o| self.catalog.opportunity(o).pathways.contains(&index));
        Shows {
            opportunities: open.chain(&p.opportunities).map(|o| o.index()).collect(),
            employers: p.employers.iter().map(|e| e.index()).collect(),
            pathways: vec![index.index()],
            ..Shows::default()
        }
    }

    pub(super) fn pathway_page(&self, index: PathwayIdx) -> Result<RenderedFile, Diagnostic> {
        let p = self.catalog.pathway(index);
        let url = self.urls().pathway(&p.id);
        let description = if self.pathways[index.index()].plain.is_empty() {
            &p.name
        } else {
            &self.pathways[index.index()].plain
        };
        // The pathway's open opportunities laid out along the continuum.
        let continuum: Vec<StageColumn> = crate::model::catalog::Stage::ALL
            .iter()
            .map(|stage| {
                let members: Vec<OpportunityIdx> = self
                    .open
                    .iter()
                    .copied()
                    .filter(|&o| {
                        let opportunity = self.catalog.opportunity(o);
                        opportunity.stage() == *stage && opportunity.pathways.contains(&index)
                    })
                    .collect();
                StageColumn {
                    slug: stage.slug(),
                    label: self.renderer.strings().label(*stage),
                    description: self.renderer.strings().stage_description(*stage),
                    cards: self.cards_of(&members),
                }
            })
            .collect();
        let context = PathwayContext {
            frame: self.renderer.record(
                self.renderer
                    .frame(&p.name, description, &url, PageKind::Pathway),
                super::super::languages::RecordText {
                    translated: p
                        .translations
                        .iter()
                        .any(|t| t.code == self.renderer.site.language.code),
                    untranslated: &p.untranslated,
                },
            ),
            pathway: self.pathway_view(index),
            continuum,
            json_ld: machine::pathway_json_ld(self, index),
        };
        self.renderer.finish(&context, &url)
    }

    pub(super) fn pathway_index(&self) -> Result<RenderedFile, Diagnostic> {
        let url = self.urls().pathways();
        let mut sectors: BTreeMap<String, Vec<PathwayView>> = BTreeMap::new();
        for (i, _) in self.catalog.pathways_indexed() {
            let view = self.pathway_view(i);
            sectors.entry(view.sector.clone()).or_default().push(view);
        }
        let sectors: Vec<SectorView> = sectors
            .into_iter()
            .map(|(label, mut pathways)| {
                pathways.sort_by(|a, b| a.name.cmp(b.name));
                SectorView { label, pathways }
            })
            .collect();
        let t = self.renderer.strings();
        let context = PathwaysContext {
            frame: self.renderer.frame(
                t.text("catalog.pathways"),
                t.text("catalog.pathways_description"),
                &url,
                PageKind::Pathways,
            ),
            sectors,
        };
        self.renderer.finish(&context, &url)
    }
}
