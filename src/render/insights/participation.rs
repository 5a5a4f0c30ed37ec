//! The participation tables: the region's counts, then each district's, by group and stage,
//! as they may be published (`model::participation::publish`).

use super::views::{InsightCell, InsightRow, InsightTable};
use super::Insights;
use crate::model::catalog::Stage;
use crate::model::participation::{publish, Area, Shown};

impl Insights<'_> {
    /// The region's table, then each district's; none without participation data.
    pub(super) fn participation(&self) -> Vec<InsightTable> {
        let Some(participation) = &self.site.participation else {
            return Vec::new();
        };
        let published = publish(participation);
        let columns: Vec<String> = Stage::ALL
            .iter()
            .map(|&s| self.t.label(s).to_string())
            .collect();
        published
            .iter()
            .map(|(area, groups)| {
                let rows = groups
                    .iter()
                    .map(|(&group, counts)| InsightRow {
                        label: self.t.label(group).to_string(),
                        url: None,
                        cells: counts.iter().map(|&c| self.published(c)).collect(),
                    })
                    .collect();
                let (id, name) = match area {
                    Area::Region => ("participation".to_string(), self.text("column_region")),
                    Area::District(d) => (
                        format!("participation-{d}"),
                        self.districts
                            .iter()
                            .find(|x| x.0 == d)
                            .map_or(d.clone(), |x| x.1.to_string()),
                    ),
                };
                let title = self
                    .t
                    .fill("insights.participation_table", &[("area", &name)]);
                InsightTable {
                    csv_label: self.t.fill("insights.csv", &[("title", &title)]),
                    title,
                    lead: String::new(),
                    csv: Some(self.csv_url(&id)),
                    id,
                    chart: None,
                    heat: false,
                    row_header: self.text("column_group"),
                    columns: columns.clone(),
                    rows,
                }
            })
            .collect()
    }

    /// A published count as read and as the CSV writes it.
    fn published(&self, shown: Shown) -> InsightCell {
        match shown {
            Shown::Count(n) => InsightCell::count(self.t, n as usize, 0),
            Shown::Small => InsightCell::text(self.text("fewer_than_11"), "<11".into()),
            Shown::Hidden => InsightCell::text(self.text("hidden"), "hidden".into()),
            Shown::Missing => InsightCell::text(self.text("not_reported"), String::new()),
        }
    }
}
