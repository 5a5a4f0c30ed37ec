//! Render stage, `worksites.csv`: the list of work-based learning sites that state and
//! Perkins reviews ask for. One row per employer: its sectors (its pathways'), city, the
//! kinds it hosts (those it names in `hosts` and those of its listings), and how many of
//! its listings are open and past.

use std::collections::BTreeSet;

use super::csv::{table, ByteOrderMark};
use crate::model::catalog::{Catalog, Employer, Kind};

/// The columns of `worksites.csv`, in order.
const WORKSITE_COLUMNS: [&str; 9] = [
    "id",
    "name",
    "org_type",
    "sectors",
    "city",
    "kinds_hosted",
    "open_listings",
    "past_listings",
    "url",
];

/// `worksites.csv` for `catalog`, each employer's page at `url(id)`.
pub(in crate::render) fn worksites_csv(
    catalog: &Catalog,
    url: impl Fn(&str) -> String,
    mark: ByteOrderMark,
) -> Vec<u8> {
    let rows = catalog.employers.iter().map(|e| row(catalog, e, &url));
    table(&WORKSITE_COLUMNS, rows, mark)
}

/// One employer's row.
fn row(catalog: &Catalog, e: &Employer, url: &impl Fn(&str) -> String) -> Vec<String> {
    let sectors: BTreeSet<&str> = e
        .pathways
        .iter()
        .chain(
            e.opportunities
                .iter()
                .flat_map(|&o| &catalog.opportunity(o).pathways),
        )
        .map(|&p| catalog.pathway(p).sector.as_str())
        .collect();
    let kinds: BTreeSet<Kind> = e
        .hosts
        .iter()
        .copied()
        .chain(e.opportunities.iter().map(|&o| catalog.opportunity(o).kind))
        .collect();
    let open = e
        .opportunities
        .iter()
        .filter(|&&o| catalog.opportunity(o).is_open())
        .count();
    let join = |items: Vec<&str>| items.join(";");
    vec![
        e.id.clone(),
        e.name.clone(),
        e.org_type.slug().to_string(),
        join(sectors.into_iter().collect()),
        e.city.clone().unwrap_or_default(),
        join(kinds.into_iter().map(Kind::slug).collect()),
        open.to_string(),
        (e.opportunities.len() - open).to_string(),
        url(&e.id),
    ]
}
