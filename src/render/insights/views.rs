//! The shape of what `insights.html` and a district page's insights receive: tables (each
//! with its chart and CSV) and gaps in sentences.

use serde::Serialize;

use super::super::views::Link;
use super::super::Strings;

/// One table of the insights, with the chart drawn from it and where its CSV is.
#[derive(Serialize, Clone)]
pub struct InsightTable {
    /// Its slug: the section's id (`insights-<id>`) and the CSV's name (`<id>.csv`).
    pub id: String,
    /// Its heading.
    pub title: String,
    /// What it shows, in a sentence.
    pub lead: String,
    /// The chart as inline SVG, made by Trellis with every label escaped; `None` where the
    /// table is the chart (a heat table).
    pub chart: Option<String>,
    /// Whether its cells are shaded by their value (a heat table).
    pub heat: bool,
    /// The heading of the first column (what each row is).
    pub row_header: String,
    /// The headings of the other columns.
    pub columns: Vec<String>,
    /// Its rows.
    pub rows: Vec<InsightRow>,
    /// The address of its CSV, `None` where it has none.
    pub csv: Option<String>,
    /// The words of the link to its CSV.
    pub csv_label: String,
}

/// One row of an insights table.
#[derive(Serialize, Clone)]
pub struct InsightRow {
    /// What the row counts, for readers.
    pub label: String,
    /// Its facet page, if it has one.
    pub url: Option<String>,
    /// A value per column.
    pub cells: Vec<InsightCell>,
}

/// One value of a table.
#[derive(Serialize, Clone)]
pub struct InsightCell {
    /// As people read it: `12`, `45%`, `$17.50`, `fewer than 11`.
    pub text: String,
    /// As the CSV writes it (`data-value` on the page): `12`, `45`, `17.5`, `<11`; empty
    /// when there is none.
    pub value: String,
    /// Its shade in a heat table, 0 (none) to 4 (the most).
    pub level: u8,
}

/// A gap: a sentence, and the listing pages that show it.
#[derive(Serialize, Clone)]
pub struct Gap {
    /// The sentence.
    pub text: String,
    /// The facet pages that prove it.
    pub links: Vec<Link>,
}

/// A district page's insights: what its students can reach against the region, and its gaps.
#[derive(Serialize, Clone, Default)]
pub struct DistrictInsights {
    /// Open listings by stage, for its students and in the region.
    pub table: Option<InsightTable>,
    /// Its gaps against the region.
    pub gaps: Vec<Gap>,
    /// The insights page.
    pub url: String,
}

impl InsightCell {
    /// A count, shaded against `max`, written as the language of `t` writes numbers.
    pub fn count(t: &Strings, n: usize, max: usize) -> InsightCell {
        InsightCell {
            text: t.number(n as f64),
            value: n.to_string(),
            level: level(n, max),
        }
    }

    /// A value as read and as written in the CSV, unshaded.
    pub fn text(text: String, value: String) -> InsightCell {
        InsightCell {
            text,
            value,
            level: 0,
        }
    }
}

/// The shade of `n` out of `max`: 0 for none, else 1 to 4 by quarters.
fn level(n: usize, max: usize) -> u8 {
    if n == 0 || max == 0 {
        0
    } else {
        (((4 * n).div_ceil(max)).clamp(1, 4)) as u8
    }
}
