//! Shared vocabularies: the fixed sets of values content is written in, used by every stage
//! (`load` parses them, `model` checks with them, `render` labels them). A leaf: it depends
//! on no other module of the crate.
//!
//! Pages name their [`Audience`] (docs/content-format.md §4.2 Front matter); the catalog
//! (§8.6 Closed sets) names
//! kinds and their stages, modalities, organisation types, pay types, supports, the
//! seven quality principles and the hazards barred below an age.

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

/// Where a standalone page is linked from on every page (docs/content-format.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Menu {
    /// The header's navigation (`header`), the default.
    #[default]
    Header,
    /// The footer's list of pages (`footer`): statements and policies.
    Footer,
    /// Neither (`none`): the page is reached by links in the text.
    None,
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

vocabulary! {
    /// Hazardous tasks an opportunity may involve (`hazards`), each barred below an age by
    /// the federal child labor rules (docs/content-format.md §8.6).
    Hazard in "hazards" {
        Explosives => "explosives", "explosives",
        Driving => "driving", "driving",
        Mining => "mining", "mining",
        LoggingSawmills => "logging-sawmills", "logging and sawmills",
        WoodworkingMachines => "woodworking-machines", "woodworking machines",
        Radiation => "radiation", "radiation",
        HoistsForklifts => "hoists-forklifts", "hoists and forklifts",
        PatientLifts => "patient-lifts", "power-driven patient lifts",
        MetalFormingMachines => "metal-forming-machines", "metal-forming machines",
        MeatSlicers => "meat-slicers", "meat slicers and processing machines",
        BakeryMachines => "bakery-machines", "bakery machines",
        BalersCompactors => "balers-compactors", "balers and compactors",
        PowerSaws => "power-saws", "power saws",
        Demolition => "demolition", "demolition",
        Roofing => "roofing", "roofing",
        Excavation => "excavation", "excavation",
        LaddersScaffolds => "ladders-scaffolds", "ladders and scaffolds",
        ConstructionSites => "construction-sites", "construction sites",
        PowerMachinery => "power-machinery", "power-driven machinery",
        Cooking => "cooking", "cooking",
        FarmMachinery => "farm-machinery", "farm machinery",
    }
}

/// Who may be exempt from a hazard's age limit as a student-learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudentLearner {
    /// No exemption.
    None,
    /// 16- and 17-year-old student-learners under a written training agreement (29 CFR 570.50(b)).
    SixteenAndSeventeen,
    /// 14- and 15-year-old student-learners in vocational agriculture (29 CFR 570.72).
    VocationalAgriculture,
}

impl Hazard {
    /// The youngest age the federal rules allow a young worker near it.
    pub fn youngest_age(self) -> u32 {
        use Hazard::*;
        match self {
            LaddersScaffolds | ConstructionSites | PowerMachinery | Cooking | FarmMachinery => 16,
            _ => 18,
        }
    }

    /// The rule that sets the age: a hazardous-occupations order (HO) of 29 CFR 570
    /// subpart E, or a rule for 14- and 15-year-olds.
    pub fn rule(self) -> &'static str {
        use Hazard::*;
        match self {
            Explosives => "HO 1, 29 CFR 570.51",
            Driving => "HO 2, 29 CFR 570.52",
            Mining => "HO 3 and 9, 29 CFR 570.53 and 570.60",
            LoggingSawmills => "HO 4, 29 CFR 570.54",
            WoodworkingMachines => "HO 5, 29 CFR 570.55",
            Radiation => "HO 6, 29 CFR 570.57",
            HoistsForklifts | PatientLifts => "HO 7, 29 CFR 570.58",
            MetalFormingMachines => "HO 8, 29 CFR 570.59",
            MeatSlicers => "HO 10, 29 CFR 570.61",
            BakeryMachines => "HO 11, 29 CFR 570.62",
            BalersCompactors => "HO 12, 29 CFR 570.63",
            PowerSaws => "HO 14, 29 CFR 570.65",
            Demolition => "HO 15, 29 CFR 570.66",
            Roofing => "HO 16, 29 CFR 570.67",
            Excavation => "HO 17, 29 CFR 570.68",
            LaddersScaffolds | ConstructionSites | PowerMachinery => "29 CFR 570.33",
            Cooking => "29 CFR 570.34",
            FarmMachinery => "agricultural hazardous orders, 29 CFR 570.71",
        }
    }

    /// Who the rule's student-learner exemption may cover.
    pub fn student_learner(self) -> StudentLearner {
        use Hazard::*;
        match self {
            WoodworkingMachines | MetalFormingMachines | MeatSlicers | BalersCompactors
            | PowerSaws | Roofing | Excavation => StudentLearner::SixteenAndSeventeen,
            FarmMachinery => StudentLearner::VocationalAgriculture,
            _ => StudentLearner::None,
        }
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

vocabulary! {
    /// The student groups aggregate participation is counted by (`content/data/participation.toml`):
    /// everyone, then race and ethnicity (the federal categories), gender, and the groups
    /// federal career-technical law asks states to follow.
    Group in "participation_groups" {
        All => "all", "All students",
        AmericanIndian => "american-indian-alaska-native", "American Indian or Alaska Native",
        Asian => "asian", "Asian",
        Black => "black", "Black or African American",
        Hispanic => "hispanic-latino", "Hispanic or Latino",
        PacificIslander => "native-hawaiian-pacific-islander", "Native Hawaiian or Other Pacific Islander",
        White => "white", "White",
        TwoOrMore => "two-or-more-races", "Two or more races",
        Female => "female", "Female",
        Male => "male", "Male",
        Nonbinary => "nonbinary", "Nonbinary",
        Disability => "students-with-disabilities", "Students with disabilities",
        EnglishLearners => "english-learners", "English learners",
        LowIncome => "low-income", "Low-income",
        Rural => "rural", "Rural",
    }
}

impl Group {
    /// The groups that together make up every student (race and ethnicity; gender): the
    /// counts of each such set add up to `all`, so a hidden count could be worked out from
    /// the others.
    pub const PARTITIONS: [&'static [Group]; 2] = [
        &[
            Group::AmericanIndian,
            Group::Asian,
            Group::Black,
            Group::Hispanic,
            Group::PacificIslander,
            Group::White,
            Group::TwoOrMore,
        ],
        &[Group::Female, Group::Male, Group::Nonbinary],
    ];
}
