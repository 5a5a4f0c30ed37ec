//! Gaps in plain sentences: what the region offers that a district's students cannot
//! reach, stages a pathway lacks, grades with nothing at a stage, modalities that pay
//! nothing, supports a district's students are never offered. Each links to the facet
//! pages that show it.

use super::super::views::Link;
use super::tally::{stage_index, Reach, Tally, SUPPORTS};
use super::views::{DistrictInsights, Gap, InsightCell, InsightRow};
use super::Insights;
use crate::model::catalog::{Modality, Stage, Support};

/// The grades whose gaps are reported: high school, where every stage is expected.
const GRADES: std::ops::RangeInclusive<u8> = 9..=12;

/// The supports whose absence is a gap for a district.
const KEY_SUPPORTS: [Support; 2] = [Support::Transportation, Support::Spanish];

impl Insights<'_> {
    fn link(&self, facet: &str, value: &str, label: &str) -> Link {
        Link {
            title: label.to_string(),
            url: self.facet(facet, value),
        }
    }

    /// Every gap of the region, then each district's.
    pub(super) fn gaps(&self, tally: &Tally) -> Vec<Gap> {
        let catalog = &*self.site.catalog;
        let t = self.t;
        let mut gaps = Vec::new();
        for (i, p) in catalog.pathways.iter().enumerate() {
            let counts = tally
                .stage_pathway
                .get(&Some(i))
                .copied()
                .unwrap_or_default();
            for &stage in &[Stage::Preparation, Stage::Training] {
                if counts[stage_index(stage)] == 0 {
                    gaps.push(Gap {
                        text: t.fill(
                            "insights.gap_pathway",
                            &[("stage", &self.stage_word(stage)), ("pathway", &p.name)],
                        ),
                        links: vec![
                            self.link("pathway", &p.id, &p.name),
                            self.link("stage", stage.slug(), t.label(stage)),
                        ],
                    });
                }
            }
        }
        for grade in GRADES {
            let counts = tally.grade_stage.get(&grade).copied().unwrap_or_default();
            for &stage in Stage::ALL {
                if counts[stage_index(stage)] == 0 {
                    gaps.push(Gap {
                        text: t.fill(
                            "insights.gap_grade",
                            &[
                                ("stage", &self.stage_word(stage)),
                                ("grade", &grade.to_string()),
                            ],
                        ),
                        links: vec![self.link("stage", stage.slug(), t.label(stage))],
                    });
                }
            }
        }
        for (m, &modality) in Modality::ALL.iter().enumerate() {
            let (paid, stipends) = tally.modality_paid[m];
            if tally.modality[m] == 0 {
                continue;
            }
            let key = if paid == 0 {
                "insights.gap_modality_paid"
            } else if stipends == 0 {
                "insights.gap_modality_stipend"
            } else {
                continue;
            };
            let word = t.label(modality).to_lowercase();
            gaps.push(Gap {
                text: t.fill(key, &[("modality", &word)]),
                links: vec![
                    self.link("modality", modality.slug(), t.label(modality)),
                    self.link("pay", "paid", t.text("catalog.paid")),
                ],
            });
        }
        for (d, reach) in self.districts.iter().zip(&tally.districts) {
            gaps.extend(self.district_gaps(d, reach, tally));
        }
        gaps
    }

    /// A stage as a word inside a sentence: "training".
    fn stage_word(&self, stage: Stage) -> String {
        self.t.label(stage).to_lowercase()
    }

    /// A district's gaps against the region: a pathway's stage that the region offers and
    /// its students cannot reach, and key supports none of their listings offers.
    fn district_gaps(&self, d: &(&str, &str), reach: &Reach, tally: &Tally) -> Vec<Gap> {
        let catalog = &*self.site.catalog;
        let t = self.t;
        let district_link = self.link("district", d.0, d.1);
        let mut gaps = Vec::new();
        for (i, p) in catalog.pathways.iter().enumerate() {
            let region = tally
                .stage_pathway
                .get(&Some(i))
                .copied()
                .unwrap_or_default();
            let own = reach.pathway_stages.get(&i).copied().unwrap_or_default();
            for &stage in Stage::ALL {
                let s = stage_index(stage);
                if region[s] > 0 && own[s] == 0 {
                    gaps.push(Gap {
                        text: t.fill(
                            "insights.gap_district_pathway",
                            &[
                                ("district", d.1),
                                ("stage", &self.stage_word(stage)),
                                ("pathway", &p.name),
                            ],
                        ),
                        links: vec![district_link.clone(), self.link("pathway", &p.id, &p.name)],
                    });
                }
            }
        }
        for support in KEY_SUPPORTS {
            let s = SUPPORTS.iter().position(|&x| x == support).unwrap_or(0);
            if reach.pay.open > 0 && reach.supports[s] == 0 {
                gaps.push(Gap {
                    text: t.fill(
                        "insights.gap_district_support",
                        &[
                            ("district", d.1),
                            ("support", &t.label(support).to_lowercase()),
                        ],
                    ),
                    links: vec![district_link.clone()],
                });
            }
        }
        gaps
    }

    /// Each district's section for its own page.
    pub(super) fn district_sections(&self, tally: &Tally) -> Vec<DistrictInsights> {
        let region: Vec<usize> = Stage::ALL
            .iter()
            .map(|&s| tally.stage_pay[stage_index(s)].open)
            .collect();
        self.districts
            .iter()
            .zip(&tally.districts)
            .map(|(d, reach)| {
                let rows = Stage::ALL
                    .iter()
                    .map(|&s| {
                        let (label, url) = self.stage_label(s);
                        let i = stage_index(s);
                        InsightRow {
                            label,
                            url,
                            cells: vec![
                                InsightCell::count(self.t, reach.stages[i], 0),
                                InsightCell::count(self.t, region[i], 0),
                                self.share(reach.stages[i], region[i]),
                            ],
                        }
                    })
                    .collect();
                let columns = vec![
                    self.t
                        .fill("insights.column_district_students", &[("district", d.1)]),
                    self.text("column_region"),
                    self.text("column_district_share"),
                ];
                let title = self
                    .t
                    .fill("insights.district_stages_title", &[("district", d.1)]);
                let id = format!("district-{}", d.0);
                let mut table = self.titled_table(
                    (&id, "district_stages", title),
                    "stage",
                    columns,
                    rows,
                    super::tables::Chart::Bars(0),
                );
                table.csv = None;
                DistrictInsights {
                    table: Some(table),
                    gaps: self.district_gaps(d, reach, tally),
                    url: self.url(),
                }
            })
            .collect()
    }
}
