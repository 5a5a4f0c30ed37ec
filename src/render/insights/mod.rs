//! Render stage, `/insights/`: who the catalog reaches and who it misses, counted from the
//! open listings at build time (see `tally`), as tables with inline SVG charts, a CSV of
//! each table beside the page (`/insights/<table>.csv`), gaps in plain sentences linking
//! to the facet pages that show them, the aggregate participation counts with small cells
//! suppressed, and each district's own section for its page.

mod gaps;
mod participation;
mod svg;
mod tables;
mod tally;
mod views;

use serde::Serialize;

pub use views::{DistrictInsights, Gap, InsightCell, InsightRow, InsightTable};

use super::catalog::CatalogRender;
use super::contexts::Frame;
use super::export::{self, ByteOrderMark};
use super::sink::Emit;
use super::views::PageKind;
use super::{OutputPath, Strings};
use crate::model::catalog::Stage;
use crate::model::Site;

/// `insights.html`: the insights page.
#[derive(Serialize)]
pub struct InsightsContext<'a> {
    /// `site` and `page`.
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// How many listings are open.
    pub open: usize,
    /// The gaps, in sentences.
    pub gaps: Vec<Gap>,
    /// The tables, in the order shown.
    pub tables: Vec<InsightTable>,
    /// What the participation counts cover, if the site has them.
    pub participation_period: Option<String>,
    /// The participation tables: the region's, then each district's; empty without them.
    pub participation: Vec<InsightTable>,
}

/// What the insights are worded from: the site, its strings, and its districts.
struct Insights<'a> {
    site: &'a Site,
    t: &'a Strings,
    urls: &'a super::links::Urls,
    /// Each district's id and short name, in id order.
    districts: Vec<(&'a str, &'a str)>,
}

impl Insights<'_> {
    fn text(&self, key: &str) -> String {
        self.t.text(&format!("insights.{key}")).to_string()
    }

    fn facet(&self, facet: &str, value: &str) -> String {
        self.urls.facet(facet, value)
    }

    fn url(&self) -> String {
        format!("{}insights/", self.urls.pages)
    }

    fn csv_url(&self, id: &str) -> String {
        format!("{}{id}.csv", self.url())
    }

    fn stage_label(&self, s: Stage) -> (String, Option<String>) {
        (
            self.t.label(s).to_string(),
            Some(self.facet("stage", s.slug())),
        )
    }

    fn district_label(&self, d: &(&str, &str)) -> (String, Option<String>) {
        (d.1.to_string(), Some(self.facet("district", d.0)))
    }
}

/// The insights page and its CSVs to `emit`; returns each district's section, in the
/// order of the site's districts.
pub(super) fn render(pass: &CatalogRender, emit: &Emit) -> Vec<DistrictInsights> {
    let renderer = pass.renderer;
    let site = renderer.site;
    let insights = Insights {
        site,
        t: renderer.strings(),
        urls: renderer.urls,
        districts: site
            .districts
            .iter()
            .map(|d| (d.id.as_str(), d.short()))
            .collect(),
    };
    let ids: Vec<&str> = insights.districts.iter().map(|d| d.0).collect();
    let tally = tally::tally(&site.catalog, &ids);
    let tables = insights.tables(&tally);
    let participation = insights.participation();
    let mark = if site.config.csv_byte_order_mark {
        ByteOrderMark::With
    } else {
        ByteOrderMark::Without
    };
    for table in tables.iter().chain(&participation) {
        if table.csv.is_none() {
            continue;
        }
        let mut headers = vec![table.row_header.clone()];
        headers.extend(table.columns.iter().cloned());
        let rows = table.rows.iter().map(|r| {
            std::iter::once(r.label.clone())
                .chain(r.cells.iter().map(|c| c.value.clone()))
                .collect::<Vec<_>>()
        });
        let bytes = export::csv::table(&headers, rows, mark);
        let path = format!("insights/{}.csv", table.id);
        match OutputPath::new(path.as_str()) {
            Ok(path) => emit.file(path, super::shared(bytes)),
            Err(problem) => emit.problem(crate::diagnostics::Diagnostic::error(&path, problem)),
        }
    }
    let url = insights.url();
    let t = insights.t;
    let context = InsightsContext {
        frame: renderer.frame(
            t.text("insights.title"),
            t.text("insights.description"),
            &url,
            PageKind::Insights,
        ),
        open: tally.open,
        gaps: insights.gaps(&tally),
        tables,
        participation_period: site.participation.as_ref().and_then(|p| p.period.clone()),
        participation,
    };
    emit.rendered(renderer.finish(&context, &url));
    insights.district_sections(&tally)
}
