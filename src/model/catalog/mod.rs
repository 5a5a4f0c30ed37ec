//! The program catalog: pathways, employers and opportunities, validated and linked.
//! References are indices, so every employer and pathway an opportunity names exists.
//! Private contacts are dropped here, so no later stage can publish them.

mod build;
mod districts;
mod literal;
mod narrow;
mod numbers;
mod opportunity;
mod safety;
mod sources;
pub(crate) mod translation;
mod wages;

pub use crate::vocabulary::{Hazard, Kind, Modality, OrgType, PayType, Principle, Stage, Support};
pub use build::RESERVED_OPPORTUNITY_IDS;
pub use districts::DistrictRules;
pub use sources::{load, Reuse};
pub use translation::{
    RecordTranslation, TranslatedText, EMPLOYER_TEXT, OPPORTUNITY_TEXT, PATHWAY_TEXT,
};

use std::path::PathBuf;

use crate::config::Date;
use crate::diagnostics::Position;

index_type!(
    /// A pathway: a position in [`Catalog::pathways`].
    PathwayIdx
);
index_type!(
    /// An employer: a position in [`Catalog::employers`].
    EmployerIdx
);
index_type!(
    /// An opportunity: a position in [`Catalog::opportunities`].
    OpportunityIdx
);

/// Markdown text from a catalog file, with where it starts (for messages).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    /// The Markdown source, as the TOML string or the cell decodes it, without the
    /// whitespace that ends it.
    pub markdown: String,
    /// The catalog file it comes from, relative to the site root.
    pub file: PathBuf,
    /// Where the string's opening quote is in that file.
    pub position: Position,
    /// The string as written in the file, quotes included, to locate problems inside it.
    pub literal: String,
}

impl Text {
    /// Where byte `offset` of the Markdown is in the file.
    pub fn position_at(&self, offset: usize) -> Position {
        literal::position_in_literal(&self.literal, self.position, offset)
    }
}

/// A contact that may be published (`public = true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The person's name (`contact.name`).
    pub name: String,
    /// Their job title (`contact.title`), if given.
    pub title: Option<String>,
    /// Their email address (`contact.email`), if given.
    pub email: Option<String>,
    /// Their phone number (`contact.phone`), if given.
    pub phone: Option<String>,
}

/// An occupation a pathway leads to (a pathway's `occupations` entry, content format §8.3).
#[derive(Debug, Clone, PartialEq)]
pub struct Occupation {
    /// What the occupation is called (`title`).
    pub title: String,
    /// Its Standard Occupational Classification code, `NN-NNNN` (`soc`).
    pub soc: Option<String>,
    /// Its annual median wage in whole currency units (`median_wage`).
    pub median_wage: Option<u32>,
}

/// A college program that continues a pathway (a pathway's `colleges` entry, content format §8.3).
#[derive(Debug, Clone, PartialEq)]
pub struct College {
    /// The college's name (`name`).
    pub name: String,
    /// The program at that college (`program`), if named.
    pub program: Option<String>,
    /// An `http(s)` address for the program (`url`).
    pub url: Option<String>,
}

/// A career pathway from `content/catalog/pathways/` (content format §8.3), linked to its employers and opportunities.
#[derive(Debug, Clone, PartialEq)]
pub struct Pathway {
    /// Its slug, unique among pathways; the page is `/pathways/<id>/`.
    pub id: String,
    /// Its display name (`name`).
    pub name: String,
    /// The sector slug it is grouped under on the pathways index (`sector`).
    pub sector: String,
    /// Whether the region counts it as a high-demand field (`high_demand`).
    pub high_demand: bool,
    /// Why it counts as high-demand, e.g. the labour-market study (`demand_source`).
    pub demand_source: Option<String>,
    /// The annual median wage of the field in whole currency units (`median_wage`).
    pub median_wage: Option<u32>,
    /// The occupations it leads to (`occupations`), as written.
    pub occupations: Vec<Occupation>,
    /// Credentials earned along it (`credentials`), as written.
    pub credentials: Vec<String>,
    /// College programs that continue it (`colleges`), as written.
    pub colleges: Vec<College>,
    /// Its Markdown description (`description`); empty when absent.
    pub description: Text,
    /// Employers that name this pathway or host opportunities in it.
    pub employers: Vec<EmployerIdx>,
    /// Opportunities in this pathway.
    pub opportunities: Vec<OpportunityIdx>,
    /// Its `[<table>.<code>]` translations, by code (content format §10.3).
    pub translations: Vec<RecordTranslation>,
    /// In a language edition: its text fields shown in the default language because they
    /// are not translated (names as in the file: `title`, `description`); empty otherwise.
    pub untranslated: Vec<&'static str>,
}

/// An employer or host organisation from `content/catalog/employers/` (content format §8.4).
#[derive(Debug, Clone, PartialEq)]
pub struct Employer {
    /// Its slug, unique among employers; the page is `/employers/<id>/`.
    pub id: String,
    /// Its display name (`name`).
    pub name: String,
    /// What kind of organisation it is (`org_type`).
    pub org_type: OrgType,
    /// The pathways it names in `pathways`.
    pub pathways: Vec<PathwayIdx>,
    /// Its `http(s)` website (`website`).
    pub website: Option<String>,
    /// The city it is in (`city`).
    pub city: Option<String>,
    /// The kinds of opportunity it says it offers (`hosts`).
    pub hosts: Vec<Kind>,
    /// Its contact, kept only when the file marks it `public = true`.
    pub contact: Option<Contact>,
    /// Its Markdown description (`description`); empty when absent.
    pub description: Text,
    /// Its opportunities.
    pub opportunities: Vec<OpportunityIdx>,
    /// Its `[<table>.<code>]` translations, by code (content format §10.3).
    pub translations: Vec<RecordTranslation>,
    /// In a language edition: its text fields shown in the default language because they
    /// are not translated (names as in the file: `title`, `description`); empty otherwise.
    pub untranslated: Vec<&'static str>,
}

/// What an opportunity pays (`pay`, content format §8.5); absence means unpaid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pay {
    /// How the amount is paid: per hour, as a stipend or as a fixed sum (`pay.type`).
    pub kind: PayType,
    /// The amount in currency units, rounded to cents when read (`pay.amount`).
    pub amount: f64,
}

/// Whether an opportunity is still taking applications on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Taking applications, with no deadline within [`CLOSING_SOON_DAYS`].
    Open,
    /// Open, with the deadline within [`CLOSING_SOON_DAYS`].
    ClosingSoon,
    /// Past its deadline, or without a deadline and past its end date; listed in the archive.
    Closed,
}

/// How near a deadline must be for a listing to be marked "closing soon".
pub const CLOSING_SOON_DAYS: i64 = 14;

/// A work-based learning opportunity from `content/catalog/opportunities/` (content format §8.5).
#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    /// Its slug, unique among opportunities; the page is `/opportunities/<id>/`.
    pub id: String,
    /// Its place in the catalog files (sorted by file name, then as written): later is newer.
    pub order: usize,
    /// Its display title (`title`).
    pub title: String,
    /// The employer that hosts it.
    pub employer: EmployerIdx,
    /// What kind of experience it is (`kind`); its stage follows from this.
    pub kind: Kind,
    /// The pathways it belongs to.
    pub pathways: Vec<PathwayIdx>,
    /// Whether it happens in person, online or both (`modality`).
    pub modality: Modality,
    /// Sorted, without repeats, each within 6..=14.
    pub grades: Vec<u8>,
    /// A short summary for cards and listings (`summary`); a blank one counts as none.
    pub summary: Option<String>,
    /// District ids; empty means open to every district.
    pub districts: Vec<String>,
    /// The city where it takes place (`city`); required in person and hybrid.
    pub city: Option<String>,
    /// When it meets, in the author's words (`schedule`).
    pub schedule: Option<String>,
    /// Total hours over the whole opportunity, rounded to hundredths (`hours`).
    pub hours: Option<f64>,
    /// Hours per week, rounded to hundredths (`hours_per_week`).
    pub hours_per_week: Option<f64>,
    /// The first day (`starts`).
    pub starts: Option<Date>,
    /// The last day (`ends`), never before `starts`.
    pub ends: Option<Date>,
    /// The last day to apply (`deadline`); it decides [`Opportunity::status`].
    pub deadline: Option<Date>,
    /// How many students it takes (`seats`).
    pub seats: Option<u32>,
    /// The youngest age it accepts, in years (`min_age`).
    pub min_age: Option<u32>,
    /// Hazardous tasks it involves (`hazards`), sorted, without repeats.
    pub hazards: Vec<Hazard>,
    /// What it pays; `None` means unpaid.
    pub pay: Option<Pay>,
    /// The academic credit it earns, in the author's words (`credit`), e.g. "0.5 elective credit".
    pub credit: Option<String>,
    /// Skills a student practises (`skills`), as written.
    pub skills: Vec<String>,
    /// Tasks a student does (`tasks`), as written.
    pub tasks: Vec<String>,
    /// Credentials a student can earn (`credentials`), as written.
    pub credentials: Vec<String>,
    /// Supports offered to students (`supports`), without repeats.
    pub supports: Vec<Support>,
    /// The principles it addresses, `compensated` included when it has pay or credit.
    pub principles: Vec<Principle>,
    /// Where to apply: an `http`, `https` or `mailto` address (`apply_url`).
    pub apply_url: Option<String>,
    /// Its contact, kept only when the file marks it `public = true`.
    pub contact: Option<Contact>,
    /// Its Markdown description (`description`); empty when absent.
    pub description: Text,
    /// Whether it is open, closing soon or closed on the build date (content format §8.10).
    pub status: Status,
    /// Where the record is, for messages from later stages.
    pub file: PathBuf,
    /// Its `[<table>.<code>]` translations, by code (content format §10.3).
    pub translations: Vec<RecordTranslation>,
    /// In a language edition: its text fields shown in the default language because they
    /// are not translated (names as in the file: `title`, `description`); empty otherwise.
    pub untranslated: Vec<&'static str>,
}

impl Opportunity {
    /// The continuum stage of its kind (awareness, exploration, preparation or training).
    pub fn stage(&self) -> Stage {
        self.kind.stage()
    }

    /// Whether it still takes applications (open or closing soon).
    pub fn is_open(&self) -> bool {
        self.status != Status::Closed
    }

    /// Whether it pays anything.
    pub fn is_paid(&self) -> bool {
        self.pay.is_some()
    }
}

/// The whole catalog, each list sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Every pathway, sorted by id.
    pub pathways: Vec<Pathway>,
    /// Every employer, sorted by id.
    pub employers: Vec<Employer>,
    /// Every opportunity, sorted by id.
    pub opportunities: Vec<Opportunity>,
}

impl Catalog {
    /// Whether the site has no catalog records at all.
    pub fn is_empty(&self) -> bool {
        self.pathways.is_empty() && self.employers.is_empty() && self.opportunities.is_empty()
    }

    /// The pathway at `idx`.
    pub fn pathway(&self, idx: PathwayIdx) -> &Pathway {
        &self.pathways[idx.0]
    }

    /// The employer at `idx`.
    pub fn employer(&self, idx: EmployerIdx) -> &Employer {
        &self.employers[idx.0]
    }

    /// The opportunity at `idx`.
    pub fn opportunity(&self, idx: OpportunityIdx) -> &Opportunity {
        &self.opportunities[idx.0]
    }

    /// Every pathway with its index.
    pub fn pathways_indexed(&self) -> impl Iterator<Item = (PathwayIdx, &Pathway)> {
        self.pathways
            .iter()
            .enumerate()
            .map(|(i, p)| (PathwayIdx(i), p))
    }

    /// Every employer with its index.
    pub fn employers_indexed(&self) -> impl Iterator<Item = (EmployerIdx, &Employer)> {
        self.employers
            .iter()
            .enumerate()
            .map(|(i, e)| (EmployerIdx(i), e))
    }

    /// Every opportunity with its index.
    pub fn opportunities_indexed(&self) -> impl Iterator<Item = (OpportunityIdx, &Opportunity)> {
        self.opportunities
            .iter()
            .enumerate()
            .map(|(i, o)| (OpportunityIdx(i), o))
    }
}
