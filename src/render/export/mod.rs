//! Open-data exports: `catalog.json` and `opportunities.csv` (public fields only: private
//! contacts never reach the model), and the listing filters' data,
//! `search/opportunities.json`.

mod csv;
mod facets;
mod json;

pub(in crate::render) use csv::csv;
pub(in crate::render) use facets::facet_data;
pub(in crate::render) use json::catalog_json;
