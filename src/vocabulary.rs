//! Shared vocabularies: the fixed sets of values content is written in, used by every stage
//! (`load` parses them, `model` checks with them, `render` labels them). A leaf: it depends
//! on no other module of the crate.
//!
//! Pages name their [`Audience`] (docs/content-format.md §4.2 Front matter); the catalog
//! (§8.6 Closed sets) names
//! kinds and their stages, modalities, organisation types, pay types, supports and the
//! seven quality principles.

use serde::{Deserialize, Serialize};

/// A value of a vocabulary that people read: the strings tables label it under
/// `[<SECTION>] <slug> = "..."` (`[kinds] job-shadow = "Job shadow"`), in every language.
pub trait Labelled: Copy {
    /// The strings table's section holding this vocabulary's labels: `kinds`, `audiences`.
    const SECTION: &'static str;

    /// As written in content and URLs, and as the label's key.
    fn slug(self) -> &'static str;
}

impl Labelled for Audience {
    const SECTION: &'static str = "audiences";

    fn slug(self) -> &'static str {
        Audience::slug(self)
    }
}

/// Who a page is written for (docs/content-format.md §4.2 Front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Employers and host organisations (`employers`).
    Employers,
    /// Teachers, counsellors and school staff (`educators`).
    Educators,
    /// Students taking part (`students`).
    Students,
    /// Students' parents and guardians (`families`).
    Families,
    /// Organisations that connect schools and employers (`intermediaries`).
    Intermediaries,
}

impl Audience {
    /// Every audience, in the order the site lists them.
    pub const ALL: [Audience; 5] = [
        Audience::Employers,
        Audience::Educators,
        Audience::Students,
        Audience::Families,
        Audience::Intermediaries,
    ];

    /// As written in front matter and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Audience::Employers => "employers",
            Audience::Educators => "educators",
            Audience::Students => "students",
            Audience::Families => "families",
            Audience::Intermediaries => "intermediaries",
        }
    }

    /// As shown to people in English, in data files; pages take the label of their
    /// language from the strings table (`[audiences]`).
    pub fn label(self) -> &'static str {
        match self {
            Audience::Employers => "Employers",
            Audience::Educators => "Educators",
            Audience::Students => "Students",
            Audience::Families => "Families",
            Audience::Intermediaries => "Intermediaries",
        }
    }
}

/// Defines an enum written in content as a slug, with a label for people.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident in $section:literal { $($variant:ident => $slug:literal, $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        pub enum $name {
            $(
                #[doc = concat!("Written `", $slug, "` in content; shown as \"", $label, "\".")]
                #[serde(rename = $slug)]
                $variant
            ),+
        }

        impl $name {
            /// Every value, in the order the site lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// As written in content and URLs.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// As shown to people in English, in data files; pages take the label of their
            /// language from the strings table.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value with this slug.
            pub fn from_slug(slug: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.slug() == slug)
            }
        }

        impl Labelled for $name {
            const SECTION: &'static str = $section;

            fn slug(self) -> &'static str {
                $name::slug(self)
            }
        }
    };
}

vocabulary! {
    /// The kinds of work-based learning, in continuum order.
    Kind in "kinds" {
        CareerTalk => "career-talk", "Career talk",
        CareerFair => "career-fair", "Career fair",
        WorksiteTour => "worksite-tour", "Worksite tour",
        InformationalInterview => "informational-interview", "Informational interview",
        JobShadow => "job-shadow", "Job shadow",
        Mentoring => "mentoring", "Mentoring",
        ServiceLearning => "service-learning", "Service learning",
        MicroInternship => "micro-internship", "Micro-internship",
        IndustryProject => "industry-project", "Industry project",
        SimulatedWorkplace => "simulated-workplace", "Simulated workplace",
        SchoolEnterprise => "school-enterprise", "School-based enterprise",
        PreApprenticeship => "pre-apprenticeship", "Pre-apprenticeship",
        Internship => "internship", "Internship",
        CooperativeEducation => "cooperative-education", "Cooperative education",
        ClinicalExperience => "clinical-experience", "Clinical experience",
        YouthApprenticeship => "youth-apprenticeship", "Youth apprenticeship",
        Apprenticeship => "apprenticeship", "Apprenticeship",
        PaidWorkExperience => "paid-work-experience", "Paid work experience",
    }
}

vocabulary! {
    /// The stages of the continuum, from first contact to training.
    Stage in "stages" {
        Awareness => "awareness", "Awareness",
        Exploration => "exploration", "Exploration",
        Preparation => "preparation", "Preparation",
        Training => "training", "Training",
    }
}

impl Kind {
    /// Each kind's stage (docs/content-format.md §8.6 Closed sets).
    pub fn stage(self) -> Stage {
        use Kind::*;
        match self {
            CareerTalk | CareerFair | WorksiteTour => Stage::Awareness,
            InformationalInterview | JobShadow | Mentoring | ServiceLearning => Stage::Exploration,
            MicroInternship | IndustryProject | SimulatedWorkplace | SchoolEnterprise
            | PreApprenticeship => Stage::Preparation,
            Internship | CooperativeEducation | ClinicalExperience | YouthApprenticeship
            | Apprenticeship | PaidWorkExperience => Stage::Training,
        }
    }
}

impl Stage {
    /// What the stage means, in English; pages take it from the strings table
    /// (`[stage_descriptions]`).
    pub fn description(self) -> &'static str {
        match self {
            Stage::Awareness => {
                "Learning about work: talks, fairs and tours that show what a career is like."
            }
            Stage::Exploration => {
                "Looking closer: shadowing, interviews, mentoring and service with professionals."
            }
            Stage::Preparation => {
                "Building skills on real projects, online or at school, with employers as guides."
            }
            Stage::Training => {
                "Working alongside professionals, often paid or for credit, for weeks or years."
            }
        }
    }
}

vocabulary! {
    /// Where an opportunity happens.
    Modality in "modalities" {
        InPerson => "in-person", "In person",
        Virtual => "virtual", "Online",
        Hybrid => "hybrid", "Hybrid",
    }
}

vocabulary! {
    /// What kind of organisation an employer is.
    OrgType in "org_types" {
        ForProfit => "for-profit", "Business",
        Nonprofit => "nonprofit", "Nonprofit",
        PublicAgency => "public-agency", "Public agency",
        School => "school", "School",
        College => "college", "College",
        Union => "union", "Union",
        Other => "other", "Other organization",
    }
}

vocabulary! {
    /// How an opportunity pays.
    PayType in "pay_types" {
        Hourly => "hourly", "Hourly wage",
        Stipend => "stipend", "Stipend",
        Fixed => "fixed", "Fixed payment",
    }
}

vocabulary! {
    /// Help offered so that every student can take part.
    Support in "supports" {
        Transportation => "transportation", "Transportation",
        Stipend => "stipend", "Stipend",
        LaptopLoan => "laptop-loan", "Laptop loan",
        Accommodations => "accommodations", "Disability accommodations",
        Spanish => "spanish", "Spanish-language support",
        Childcare => "childcare", "Childcare",
        Meals => "meals", "Meals",
        Other => "other", "Other support",
    }
}

vocabulary! {
    /// The seven principles of a high-quality experience.
    Principle in "principles" {
        CareerAligned => "career-aligned", "Aligned with a career pathway",
        MeaningfulTasks => "meaningful-tasks", "Meaningful job tasks",
        SkillsValidated => "skills-validated", "Skills named and validated",
        Compensated => "compensated", "Skill gains rewarded and compensated",
        AcademicLink => "academic-link", "Supports academic progress",
        Networks => "networks", "Builds professional networks",
        Measured => "measured", "Progress measured together",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_stage_in_continuum_order() {
        let stages: Vec<Stage> = Kind::ALL.iter().map(|k| k.stage()).collect();
        assert!(stages.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(Kind::ALL.len(), 18);
        assert_eq!(Kind::from_slug("job-shadow"), Some(Kind::JobShadow));
        assert_eq!(Kind::JobShadow.stage(), Stage::Exploration);
    }
}
