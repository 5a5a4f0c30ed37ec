//! The insights' tables, worded in the page's language from the [`Tally`], each with its
//! chart where a chart helps.

use super::svg::{self, Bar, Heading};
use super::tally::{percent, PayCounts, Tally, SUPPORTS};
use super::views::{InsightCell, InsightRow, InsightTable};
use super::Insights;
use crate::model::catalog::{Modality, Principle, Stage, Support};

/// Which chart a table gets.
pub(super) enum Chart {
    /// None: the table is shaded (a heat table).
    Heat,
    /// Bars of one column's values.
    Bars(usize),
    /// Bars of two columns side by side, the second hatched.
    Pairs(usize, usize),
}

/// A row's label and facet page.
type Label = (String, Option<String>);

impl Insights<'_> {
    /// Every table of the page, in the order shown.
    pub(super) fn tables(&self, tally: &Tally) -> Vec<InsightTable> {
        let stages: Vec<(Label, &PayCounts)> = Stage::ALL
            .iter()
            .zip(&tally.stage_pay)
            .map(|(&s, pay)| (self.stage_label(s), pay))
            .collect();
        let districts: Vec<(Label, &PayCounts)> = self
            .districts
            .iter()
            .zip(&tally.districts)
            .map(|(d, reach)| (self.district_label(d), &reach.pay))
            .collect();
        vec![
            self.stage_by_pathway(tally),
            self.by_district(tally),
            self.grade_by_stage(tally),
            self.by_modality(tally),
            self.pay_table("paid-by-stage", "stage", stages),
            self.pay_table("paid-by-district", "district", districts),
            self.supports_by_district(tally),
            self.by_month(tally),
            self.principle_counts(tally),
            self.principles(tally),
        ]
    }

    /// A table with its chart and CSV; its title and lead are `insights.<id>_title` and
    /// `_lead`, its first column's heading `insights.column_<row_header>`.
    pub(super) fn table(
        &self,
        id: &str,
        row_header: &str,
        columns: Vec<String>,
        rows: Vec<InsightRow>,
        chart: Chart,
    ) -> InsightTable {
        let key = id.replace('-', "_");
        let title = self.text(&format!("{key}_title"));
        self.titled_table((id, &key, title), row_header, columns, rows, chart)
    }

    /// [`Self::table`] under its own `title`, its lead and first column's heading from the
    /// strings of `key`.
    pub(super) fn titled_table(
        &self,
        (id, key, title): (&str, &str, String),
        row_header: &str,
        columns: Vec<String>,
        rows: Vec<InsightRow>,
        chart: Chart,
    ) -> InsightTable {
        let chart_id = format!("chart-{id}");
        let description = self
            .t
            .fill("insights.chart_description", &[("title", &title)]);
        let draw = |series: &[String], picked: &[usize]| {
            let bars: Vec<Bar> = rows
                .iter()
                .map(|row| Bar {
                    label: row.label.clone(),
                    values: picked
                        .iter()
                        .map(|&c| row.cells[c].value.parse().unwrap_or(0.0))
                        .collect(),
                    texts: picked.iter().map(|&c| row.cells[c].text.clone()).collect(),
                })
                .collect();
            let heading = Heading {
                id: &chart_id,
                title: &title,
                description: &description,
                series,
            };
            Some(svg::bars(&heading, &bars))
        };
        let (chart, heat) = match chart {
            Chart::Heat => (None, true),
            Chart::Bars(c) => (draw(&[], &[c]), false),
            Chart::Pairs(a, b) => (
                draw(&[columns[a].clone(), columns[b].clone()], &[a, b]),
                false,
            ),
        };
        InsightTable {
            csv_label: self.t.fill("insights.csv", &[("title", &title)]),
            id: id.to_string(),
            lead: self.text(&format!("{key}_lead")),
            title,
            chart,
            heat,
            row_header: self.text(&format!("column_{row_header}")),
            columns,
            rows,
            csv: Some(self.csv_url(id)),
        }
    }

    /// Rows of counts (by stage, by column), shaded against the largest.
    fn count_rows<C: AsRef<[usize]>>(&self, rows: Vec<(Label, C)>) -> Vec<InsightRow> {
        let max = rows
            .iter()
            .flat_map(|r| r.1.as_ref().iter().copied())
            .max()
            .unwrap_or(0);
        rows.into_iter()
            .map(|((label, url), counts)| InsightRow {
                label,
                url,
                cells: counts
                    .as_ref()
                    .iter()
                    .map(|&n| InsightCell::count(self.t, n, max))
                    .collect(),
            })
            .collect()
    }

    fn stage_columns(&self) -> Vec<String> {
        Stage::ALL
            .iter()
            .map(|&s| self.t.label(s).to_string())
            .collect()
    }

    fn stage_by_pathway(&self, tally: &Tally) -> InsightTable {
        let catalog = &*self.site.catalog;
        let mut rows: Vec<(Label, [usize; 4])> = catalog
            .pathways
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let counts = tally
                    .stage_pathway
                    .get(&Some(i))
                    .copied()
                    .unwrap_or_default();
                ((p.name.clone(), Some(self.facet("pathway", &p.id))), counts)
            })
            .collect();
        if let Some(&counts) = tally.stage_pathway.get(&None) {
            rows.push(((self.text("no_pathway"), None), counts));
        }
        let rows = self.count_rows(rows);
        self.table(
            "stage-by-pathway",
            "pathway",
            self.stage_columns(),
            rows,
            Chart::Heat,
        )
    }

    fn by_district(&self, tally: &Tally) -> InsightTable {
        let rows = self
            .districts
            .iter()
            .zip(&tally.districts)
            .map(|(d, r)| {
                (
                    self.district_label(d),
                    [r.own + r.everyone, r.own, r.everyone],
                )
            })
            .collect();
        let rows = self.count_rows(rows);
        let columns = ["reachable", "own", "everyone"].map(|c| self.text(&format!("column_{c}")));
        self.table(
            "by-district",
            "district",
            columns.to_vec(),
            rows,
            Chart::Bars(0),
        )
    }

    fn grade_by_stage(&self, tally: &Tally) -> InsightTable {
        let rows = tally
            .grade_stage
            .iter()
            .map(|(&g, &counts)| {
                let label = self.t.fill("insights.grade", &[("grade", &g.to_string())]);
                ((label, None), counts)
            })
            .collect();
        let rows = self.count_rows(rows);
        self.table(
            "grade-by-stage",
            "grade",
            self.stage_columns(),
            rows,
            Chart::Heat,
        )
    }

    fn by_modality(&self, tally: &Tally) -> InsightTable {
        let rows = Modality::ALL
            .iter()
            .zip(&tally.modality)
            .map(|(&m, &n)| InsightRow {
                label: self.t.label(m).to_string(),
                url: Some(self.facet("modality", m.slug())),
                cells: vec![InsightCell::count(self.t, n, 0), self.share(n, tally.open)],
            })
            .collect();
        let columns = vec![self.text("column_open"), self.text("column_share")];
        self.table("by-modality", "modality", columns, rows, Chart::Bars(0))
    }

    /// A share in whole percent, or "—" of nothing.
    pub(super) fn share(&self, part: usize, whole: usize) -> InsightCell {
        match percent(part, whole) {
            Some(p) => InsightCell::text(
                self.t.fill("insights.percent", &[("n", &p.to_string())]),
                p.to_string(),
            ),
            None => InsightCell::text("—".into(), String::new()),
        }
    }

    fn pay_table(
        &self,
        id: &str,
        row_header: &str,
        rows: Vec<(Label, &PayCounts)>,
    ) -> InsightTable {
        let rows = rows
            .into_iter()
            .map(|((label, url), pay)| InsightRow {
                label,
                url,
                cells: vec![
                    InsightCell::count(self.t, pay.open, 0),
                    InsightCell::count(self.t, pay.paid, 0),
                    self.share(pay.paid, pay.open),
                    match pay.median_hourly() {
                        Some(m) => InsightCell::text(self.t.money(m), format!("{m:.2}")),
                        None => InsightCell::text("—".into(), String::new()),
                    },
                    InsightCell::count(self.t, pay.stipends, 0),
                ],
            })
            .collect();
        let columns = ["open", "paid", "share_paid", "median_hourly", "stipends"]
            .map(|c| self.text(&format!("column_{c}")));
        self.table(id, row_header, columns.to_vec(), rows, Chart::Bars(2))
    }

    fn supports_by_district(&self, tally: &Tally) -> InsightTable {
        let rows = self
            .districts
            .iter()
            .zip(&tally.districts)
            .map(|(d, r)| (self.district_label(d), r.supports))
            .collect();
        let rows = self.count_rows(rows);
        let columns = SUPPORTS
            .iter()
            .map(|&s: &Support| self.t.label(s).to_string())
            .collect();
        self.table(
            "supports-by-district",
            "district",
            columns,
            rows,
            Chart::Heat,
        )
    }

    fn by_month(&self, tally: &Tally) -> InsightTable {
        let rows = tally
            .months
            .iter()
            .map(|(&(year, month), &(deadlines, starts))| {
                let name = self.t.month_name(month);
                InsightRow {
                    label: format!("{name} {year}"),
                    url: None,
                    cells: vec![
                        InsightCell::count(self.t, deadlines, 0),
                        InsightCell::count(self.t, starts, 0),
                    ],
                }
            })
            .collect();
        let columns = vec![self.text("column_deadlines"), self.text("column_starts")];
        self.table("by-month", "month", columns, rows, Chart::Pairs(0, 1))
    }

    fn principle_counts(&self, tally: &Tally) -> InsightTable {
        let rows = tally
            .principle_counts
            .iter()
            .enumerate()
            .map(|(n, &count)| InsightRow {
                label: self.t.fill("insights.n_of_7", &[("n", &n.to_string())]),
                url: None,
                cells: vec![
                    InsightCell::count(self.t, count, 0),
                    self.share(count, tally.open),
                ],
            })
            .collect();
        let columns = vec![self.text("column_open"), self.text("column_share")];
        self.table(
            "principle-counts",
            "principles",
            columns,
            rows,
            Chart::Bars(0),
        )
    }

    fn principles(&self, tally: &Tally) -> InsightTable {
        let mut order: Vec<(usize, Principle)> = Principle::ALL
            .iter()
            .enumerate()
            .map(|(i, &p)| (tally.principles[i], p))
            .collect();
        // Least often first: that is where the work is.
        order.sort_by_key(|&(n, p)| (n, p));
        let rows = order
            .into_iter()
            .map(|(n, p)| InsightRow {
                label: self.t.label(p).to_string(),
                url: None,
                cells: vec![InsightCell::count(self.t, n, 0), self.share(n, tally.open)],
            })
            .collect();
        let columns = vec![self.text("column_open"), self.text("column_share")];
        self.table("principles", "principle", columns, rows, Chart::Bars(0))
    }
}
