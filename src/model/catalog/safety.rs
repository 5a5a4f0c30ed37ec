//! Hazards by age (docs/content-format.md §8.6, §8.8, §8.9): a listing's `hazards` against
//! its `min_age`, by the federal child labor rules each hazard falls under.

use super::build::Sourced;
use super::Hazard;
use crate::diagnostics::Diagnostic;
use crate::load::catalog::RawOpportunity;
use crate::vocabulary::StudentLearner;

/// The listing's hazards, sorted and without repeats. A `min_age` below a hazard's youngest
/// age is an error at `min_age`, one for each such hazard; hazards with no `min_age` are a
/// warning at the first of them.
pub(super) fn hazards(
    sourced: &Sourced<RawOpportunity>,
    min_age: Option<u32>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Hazard> {
    let raw = &sourced.record.value;
    let mut hazards: Vec<Hazard> = raw.hazards.iter().map(|h| *h.get_ref()).collect();
    hazards.sort_unstable();
    hazards.dedup();
    let (Some(first), Some(strictest)) = (
        raw.hazards.first(),
        hazards.iter().max_by_key(|h| h.youngest_age()),
    ) else {
        return hazards;
    };
    let Some(age) = min_age else {
        let labels: Vec<&str> = hazards.iter().map(|h| h.label()).collect();
        let message = format!(
            "lists hazards ({}) but sets no `min_age`",
            labels.join(", ")
        );
        let help = format!(
            "set `min_age` to at least {}, the youngest age allowed for {}",
            strictest.youngest_age(),
            strictest.label()
        );
        diagnostics.push(sourced.warning(first.span().start, message).help(help));
        return hazards;
    };
    // `min_age` was within its range, so it was written.
    let Some(at) = raw.min_age.as_ref().map(|a| a.span().start) else {
        return hazards;
    };
    for hazard in hazards.iter().filter(|h| age < h.youngest_age()) {
        let message = format!(
            "`min_age` {age} is below {}, the youngest age allowed for {} ({})",
            hazard.youngest_age(),
            hazard.label(),
            hazard.rule()
        );
        diagnostics.push(sourced.error(at, message).help(help(*hazard, age)));
    }
    hazards
}

/// What to do about a hazard below its age, and the student-learner exemption its rule may
/// allow when students of `age` could be covered by it.
fn help(hazard: Hazard, age: u32) -> String {
    let fix = format!(
        "raise `min_age` to {}, or take the task off the listing and out of `hazards`",
        hazard.youngest_age()
    );
    let exemption = match hazard.student_learner() {
        StudentLearner::SixteenAndSeventeen if age >= 16 => {
            "16- and 17-year-old student-learners under a written training agreement may be \
             exempt (29 CFR 570.50(b))"
        }
        StudentLearner::VocationalAgriculture if age >= 14 => {
            "14- and 15-year-old student-learners in vocational agriculture may be exempt \
             (29 CFR 570.72)"
        }
        _ => return fix,
    };
    format!("{fix}; {exemption}, which is for the employer of record to confirm")
}
