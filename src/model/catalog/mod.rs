//! The program catalog: pathways, employers and opportunities, validated and linked.
//! References are indices, so every employer and pathway an opportunity names exists.
//! Private contacts are dropped here, so no later stage can publish them.

mod build;
mod literal;
mod numbers;
mod opportunity;
mod sources;

pub use crate::vocabulary::{Kind, Modality, OrgType, PayType, Principle, Stage, Support};
pub use build::RESERVED_OPPORTUNITY_IDS;
pub use sources::{load, Reuse};

use std::path::PathBuf;

use crate::config::Date;
use crate::diagnostics::Position;

/// Markdown text from a catalog file, with where it starts (for messages).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub markdown: String,
    pub file: PathBuf,
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
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Occupation {
    pub title: String,
    pub soc: Option<String>,
    pub median_wage: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct College {
    pub name: String,
    pub program: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pathway {
    pub id: String,
    pub name: String,
    pub sector: String,
    pub high_demand: bool,
    pub demand_source: Option<String>,
    pub median_wage: Option<u32>,
    pub occupations: Vec<Occupation>,
    pub credentials: Vec<String>,
    pub colleges: Vec<College>,
    pub description: Text,
    /// Employers that name this pathway or host opportunities in it, by index.
    pub employers: Vec<usize>,
    /// Opportunities in this pathway, by index.
    pub opportunities: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Employer {
    pub id: String,
    pub name: String,
    pub org_type: OrgType,
    pub pathways: Vec<usize>,
    pub website: Option<String>,
    pub city: Option<String>,
    pub hosts: Vec<Kind>,
    pub contact: Option<Contact>,
    pub description: Text,
    /// Its opportunities, by index.
    pub opportunities: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pay {
    pub kind: PayType,
    pub amount: f64,
}

/// Whether an opportunity is still taking applications on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    /// Open, with the deadline within [`CLOSING_SOON_DAYS`].
    ClosingSoon,
    Closed,
}

/// How near a deadline must be for a listing to be marked "closing soon".
pub const CLOSING_SOON_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    pub id: String,
    /// Its place in the catalog files (sorted by file name, then as written): later is newer.
    pub order: usize,
    pub title: String,
    pub employer: usize,
    pub kind: Kind,
    pub pathways: Vec<usize>,
    pub modality: Modality,
    /// Sorted, without repeats, each within 6..=14.
    pub grades: Vec<u8>,
    pub summary: Option<String>,
    /// District ids; empty means open to every district.
    pub districts: Vec<String>,
    pub city: Option<String>,
    pub schedule: Option<String>,
    pub hours: Option<f64>,
    pub hours_per_week: Option<f64>,
    pub starts: Option<Date>,
    pub ends: Option<Date>,
    pub deadline: Option<Date>,
    pub seats: Option<u32>,
    pub min_age: Option<u32>,
    pub pay: Option<Pay>,
    pub credit: Option<String>,
    pub skills: Vec<String>,
    pub tasks: Vec<String>,
    pub credentials: Vec<String>,
    pub supports: Vec<Support>,
    /// The principles it addresses, `compensated` included when it has pay or credit.
    pub principles: Vec<Principle>,
    pub apply_url: Option<String>,
    pub contact: Option<Contact>,
    pub description: Text,
    pub status: Status,
    /// Where the record is, for messages from later stages.
    pub file: PathBuf,
}

impl Opportunity {
    pub fn stage(&self) -> Stage {
        self.kind.stage()
    }

    pub fn is_open(&self) -> bool {
        self.status != Status::Closed
    }

    pub fn is_paid(&self) -> bool {
        self.pay.is_some()
    }
}

/// The whole catalog, each list sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub pathways: Vec<Pathway>,
    pub employers: Vec<Employer>,
    pub opportunities: Vec<Opportunity>,
}

impl Catalog {
    pub fn is_empty(&self) -> bool {
        self.pathways.is_empty() && self.employers.is_empty() && self.opportunities.is_empty()
    }
}
