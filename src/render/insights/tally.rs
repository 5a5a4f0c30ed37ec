//! The insights' counts: what the open listings offer, by stage, pathway, district, grade,
//! modality, pay, support, month and quality principle. Pure counting over the catalog;
//! the wording is elsewhere. A listing with no `districts` is open to every district.

use std::collections::BTreeMap;

use crate::config::Date;
use crate::model::catalog::{Catalog, Modality, Opportunity, PayType, Principle, Stage, Support};

/// The supports the insights follow, in the order they are shown.
pub const SUPPORTS: [Support; 6] = [
    Support::Transportation,
    Support::Spanish,
    Support::Stipend,
    Support::Childcare,
    Support::Accommodations,
    Support::LaptopLoan,
];

/// How listings pay, for a stage or a district.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PayCounts {
    /// Open listings.
    pub open: usize,
    /// Those that pay anything.
    pub paid: usize,
    /// The hourly rates of those paid by the hour.
    pub hourly: Vec<f64>,
    /// Those that pay a stipend.
    pub stipends: usize,
}

impl PayCounts {
    fn add(&mut self, o: &Opportunity) {
        self.open += 1;
        if let Some(pay) = o.pay {
            self.paid += 1;
            match pay.kind {
                PayType::Hourly => self.hourly.push(pay.amount),
                PayType::Stipend => self.stipends += 1,
                PayType::Fixed => {}
            }
        }
    }

    /// The median hourly rate, rounded to cents; `None` without hourly pay.
    pub fn median_hourly(&self) -> Option<f64> {
        median(&self.hourly)
    }
}

/// `part` of `whole` in whole percent, rounded half up.
pub fn percent(part: usize, whole: usize) -> Option<usize> {
    (whole > 0).then(|| (200 * part + whole) / (2 * whole))
}

/// The median of `values`, rounded to cents (the mean of the middle two of an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    let m = if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    };
    Some((m * 100.0).round() / 100.0)
}

/// What one district's students can reach: the open listings that name it or name none.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Reach {
    /// Listings that name this district.
    pub own: usize,
    /// Listings open to every district.
    pub everyone: usize,
    /// By stage.
    pub stages: [usize; 4],
    /// By pathway index and stage.
    pub pathway_stages: BTreeMap<usize, [usize; 4]>,
    /// Pay.
    pub pay: PayCounts,
    /// Listings offering each of [`SUPPORTS`].
    pub supports: [usize; 6],
}

/// Every count of the insights page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tally {
    /// Open listings.
    pub open: usize,
    /// By pathway index (`None`: in no pathway) and stage.
    pub stage_pathway: BTreeMap<Option<usize>, [usize; 4]>,
    /// By grade and stage.
    pub grade_stage: BTreeMap<u8, [usize; 4]>,
    /// By modality, in [`Modality::ALL`] order.
    pub modality: Vec<usize>,
    /// Paid, in person, online, hybrid, ([`Modality::ALL`] order), and stipends.
    pub modality_paid: Vec<(usize, usize)>,
    /// Pay by stage.
    pub stage_pay: [PayCounts; 4],
    /// Each district's reach, in the order of `districts`.
    pub districts: Vec<Reach>,
    /// Deadlines and start dates by month (`(year, month)`).
    pub months: BTreeMap<(i32, u8), (usize, usize)>,
    /// How many listings address each number of principles, 0 to 7.
    pub principle_counts: [usize; 8],
    /// How many listings address each principle, in [`Principle::ALL`] order.
    pub principles: Vec<usize>,
}

/// Counts the open listings of `catalog` for `districts` (ids).
pub fn tally(catalog: &Catalog, districts: &[&str]) -> Tally {
    let mut t = Tally {
        modality: vec![0; Modality::ALL.len()],
        modality_paid: vec![(0, 0); Modality::ALL.len()],
        districts: vec![Reach::default(); districts.len()],
        principles: vec![0; Principle::ALL.len()],
        ..Tally::default()
    };
    for o in catalog.opportunities.iter().filter(|o| o.is_open()) {
        t.open += 1;
        let stage = stage_index(o.stage());
        if o.pathways.is_empty() {
            t.stage_pathway.entry(None).or_default()[stage] += 1;
        }
        for p in &o.pathways {
            t.stage_pathway.entry(Some(p.index())).or_default()[stage] += 1;
        }
        for &g in &o.grades {
            t.grade_stage.entry(g).or_default()[stage] += 1;
        }
        let m = Modality::ALL
            .iter()
            .position(|&m| m == o.modality)
            .unwrap_or(0);
        t.modality[m] += 1;
        t.modality_paid[m].0 += usize::from(o.is_paid());
        t.modality_paid[m].1 += usize::from(offers_stipend(o));
        t.stage_pay[stage].add(o);
        for (d, id) in districts.iter().enumerate() {
            let own = o.districts.iter().any(|x| x == id);
            if !own && !o.districts.is_empty() {
                continue;
            }
            let reach = &mut t.districts[d];
            if own {
                reach.own += 1;
            } else {
                reach.everyone += 1;
            }
            reach.stages[stage] += 1;
            for p in &o.pathways {
                reach.pathway_stages.entry(p.index()).or_default()[stage] += 1;
            }
            reach.pay.add(o);
            for (s, support) in SUPPORTS.iter().enumerate() {
                reach.supports[s] += usize::from(o.supports.contains(support));
            }
        }
        if let Some(d) = o.deadline {
            t.months.entry(month(d)).or_default().0 += 1;
        }
        if let Some(s) = o.starts {
            t.months.entry(month(s)).or_default().1 += 1;
        }
        t.principle_counts[o.principles.len().min(7)] += 1;
        for (i, p) in Principle::ALL.iter().enumerate() {
            t.principles[i] += usize::from(o.principles.contains(p));
        }
    }
    t
}

/// Whether a listing pays a stipend or names a stipend among its supports.
pub fn offers_stipend(o: &Opportunity) -> bool {
    o.pay.is_some_and(|p| p.kind == PayType::Stipend) || o.supports.contains(&Support::Stipend)
}

/// A stage's place in [`Stage::ALL`].
pub fn stage_index(stage: Stage) -> usize {
    Stage::ALL.iter().position(|&s| s == stage).unwrap_or(0)
}

/// The year and month of `date`.
fn month(date: Date) -> (i32, u8) {
    (date.year, date.month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_round_half_up_and_medians_take_the_middle() {
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(1, 2), Some(50));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 0), None);
        assert_eq!(median(&[18.0, 16.5, 20.0]), Some(18.0));
        assert_eq!(median(&[16.5, 17.25]), Some(16.88));
        assert_eq!(median(&[]), None);
    }
}
