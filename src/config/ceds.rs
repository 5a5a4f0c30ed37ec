//! The federal reporting code of each kind of opportunity: the CEDS element "Work-based
//! Learning Opportunity Type" (<https://ceds.ed.gov/CEDSElementDetails.aspx?TermId=20471>),
//! built in, with a state's own codes from `site.toml`'s `[ceds]` table laid over it.

use std::collections::BTreeMap;

use toml::Spanned;

use crate::diagnostics::{closest, Diagnostic, Position};
use crate::load::SourceFile;
use crate::vocabulary::Kind;

/// The codes of CEDS's option set for "Work-based Learning Opportunity Type" that the
/// built-in table uses, as the CEDS data warehouse writes them
/// (`DimWorkBasedLearningStatuses.WorkBasedLearningOpportunityTypeCode`): `Apprenticeship`,
/// `ClinicalWork` (clinical work experience), `CooperativeEducation`, `JobShadowing`,
/// `Mentorship`, `OnTheJob` (on-the-job training), `PaidInternship`, `UnpaidInternship`,
/// `SchoolBasedEnterprise`, `ServiceLearning`, `SimulatedWorksite` and `Other`. The set
/// also has `Entrepreneurship`, `NonPaidInternship` and `SupervisedAgricultural`, which no
/// kind of the catalog maps to. Talks, fairs, tours, informational interviews, industry
/// projects and pre-apprenticeships have no type of their own and are `Other`.
const BUILT_IN: &[(Kind, &str)] = &[
    (Kind::CareerTalk, "Other"),
    (Kind::CareerFair, "Other"),
    (Kind::WorksiteTour, "Other"),
    (Kind::InformationalInterview, "Other"),
    (Kind::JobShadow, "JobShadowing"),
    (Kind::Mentoring, "Mentorship"),
    (Kind::ServiceLearning, "ServiceLearning"),
    (Kind::MicroInternship, INTERNSHIP),
    (Kind::IndustryProject, "Other"),
    (Kind::SimulatedWorkplace, "SimulatedWorksite"),
    (Kind::SchoolEnterprise, "SchoolBasedEnterprise"),
    (Kind::PreApprenticeship, "Other"),
    (Kind::Internship, INTERNSHIP),
    (Kind::CooperativeEducation, "CooperativeEducation"),
    (Kind::ClinicalExperience, "ClinicalWork"),
    (Kind::YouthApprenticeship, "Apprenticeship"),
    (Kind::Apprenticeship, "Apprenticeship"),
    (Kind::PaidWorkExperience, "OnTheJob"),
];

/// Stands in the built-in table for "`PaidInternship` when the listing pays, else
/// `UnpaidInternship`".
const INTERNSHIP: &str = "";

/// Each kind's reporting code: the built-in CEDS codes, or the site's own where `[ceds]`
/// sets one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportingCodes {
    /// The site's codes (`[ceds] <kind> = "<code>"`), by kind.
    overrides: BTreeMap<Kind, String>,
}

impl ReportingCodes {
    /// The code of a listing of `kind` that is paid or not (`paid`).
    pub fn code(&self, kind: Kind, paid: bool) -> &str {
        if let Some(code) = self.overrides.get(&kind) {
            return code;
        }
        match built_in(kind) {
            INTERNSHIP if paid => "PaidInternship",
            INTERNSHIP => "UnpaidInternship",
            code => code,
        }
    }

    /// Reads `[ceds]`: each key a kind, each value a code that is not blank. A wrong key or
    /// value is reported at its place, and the built-in code stays.
    pub(super) fn read(
        raw: BTreeMap<Spanned<String>, Spanned<String>>,
        file: &SourceFile,
        problems: &mut Vec<Diagnostic>,
    ) -> ReportingCodes {
        let mut overrides = BTreeMap::new();
        for (key, value) in raw {
            let at = |span: std::ops::Range<usize>| match file.text.get(span.clone()) {
                Some(_) => file.position(span.start),
                None => Position::START,
            };
            let Some(kind) = Kind::from_slug(key.get_ref()) else {
                let slugs = Kind::ALL.iter().map(|k| k.slug());
                let near = closest(key.get_ref(), slugs)
                    .map(|k| format!("did you mean `{k}`? "))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::error(
                        &file.path,
                        format!("`{}` in [ceds] is not a kind", key.get_ref()),
                    )
                    .at(at(key.span()))
                    .help(format!(
                        "{near}the keys of [ceds] are kinds of opportunity: {}",
                        Kind::ALL
                            .iter()
                            .map(|k| k.slug())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                continue;
            };
            let code = value.get_ref().trim();
            if code.is_empty() {
                problems.push(
                    Diagnostic::error(
                        &file.path,
                        format!("the code for `{}` in [ceds] is blank", kind.slug()),
                    )
                    .at(at(value.span()))
                    .help(format!(
                        "write the state's code for this kind, or remove the line to use the CEDS code `{}`",
                        ReportingCodes::default().code(kind, true)
                    )),
                );
                continue;
            }
            overrides.insert(kind, code.to_string());
        }
        ReportingCodes { overrides }
    }
}

/// The built-in code of `kind` ([`INTERNSHIP`] for the kinds coded by their pay).
fn built_in(kind: Kind) -> &'static str {
    BUILT_IN
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("Other", |(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_built_in_code() {
        assert_eq!(BUILT_IN.len(), Kind::ALL.len());
        for &kind in Kind::ALL {
            assert!(BUILT_IN.iter().any(|(k, _)| *k == kind), "{kind:?}");
        }
    }

    #[test]
    fn internships_are_coded_by_their_pay_unless_the_site_says_otherwise() {
        let codes = ReportingCodes::default();
        assert_eq!(codes.code(Kind::Internship, true), "PaidInternship");
        assert_eq!(codes.code(Kind::Internship, false), "UnpaidInternship");
        assert_eq!(codes.code(Kind::JobShadow, false), "JobShadowing");
        let mut overrides = BTreeMap::new();
        overrides.insert(Kind::Internship, "INT".to_string());
        let codes = ReportingCodes { overrides };
        assert_eq!(codes.code(Kind::Internship, false), "INT");
        assert_eq!(codes.code(Kind::ClinicalExperience, false), "ClinicalWork");
    }
}
