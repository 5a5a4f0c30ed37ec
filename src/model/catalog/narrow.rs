//! A catalog narrowed to what one district's students can apply to, for a district's
//! bundle (`trellis bundle --district`).

use std::collections::BTreeMap;

use super::{Catalog, EmployerIdx, OpportunityIdx, PathwayIdx};

impl Catalog {
    /// The open opportunities that `district`'s students may apply to (those naming it, and
    /// those open to every district), with their employers and pathways and nothing else.
    /// Every index is renumbered; each list keeps its order.
    pub fn open_to(&self, district: &str) -> Catalog {
        let kept: Vec<usize> = (0..self.opportunities.len())
            .filter(|&o| {
                let opportunity = &self.opportunities[o];
                opportunity.is_open()
                    && (opportunity.districts.is_empty()
                        || opportunity.districts.iter().any(|d| d == district))
            })
            .collect();
        let mut employers = BTreeMap::new();
        let mut pathways = BTreeMap::new();
        for &o in &kept {
            let opportunity = &self.opportunities[o];
            employers.insert(opportunity.employer.0, 0);
            for p in &opportunity.pathways {
                pathways.insert(p.0, 0);
            }
        }
        number(&mut employers);
        number(&mut pathways);
        let opportunities: BTreeMap<usize, usize> = kept
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new))
            .collect();
        let pathway = |p: &PathwayIdx| pathways.get(&p.0).map(|&n| PathwayIdx(n));
        let employer = |e: &EmployerIdx| employers.get(&e.0).map(|&n| EmployerIdx(n));
        let opportunity = |o: &OpportunityIdx| opportunities.get(&o.0).map(|&n| OpportunityIdx(n));
        Catalog {
            pathways: pathways
                .keys()
                .map(|&p| {
                    let mut kept = self.pathways[p].clone();
                    kept.employers = kept.employers.iter().filter_map(employer).collect();
                    kept.opportunities =
                        kept.opportunities.iter().filter_map(opportunity).collect();
                    kept
                })
                .collect(),
            employers: employers
                .keys()
                .map(|&e| {
                    let mut kept = self.employers[e].clone();
                    kept.pathways = kept.pathways.iter().filter_map(pathway).collect();
                    kept.opportunities =
                        kept.opportunities.iter().filter_map(opportunity).collect();
                    kept
                })
                .collect(),
            opportunities: kept
                .iter()
                .map(|&o| {
                    let mut kept = self.opportunities[o].clone();
                    kept.employer = employer(&kept.employer).expect("kept with its opportunity");
                    kept.pathways = kept.pathways.iter().filter_map(pathway).collect();
                    kept
                })
                .collect(),
        }
    }
}

/// Numbers the kept old positions in order: old → new.
fn number(kept: &mut BTreeMap<usize, usize>) {
    for (new, slot) in kept.values_mut().enumerate() {
        *slot = new;
    }
}
