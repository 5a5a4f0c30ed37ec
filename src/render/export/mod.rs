//! Open-data exports: `catalog.json`, the spreadsheets (`opportunities.csv`,
//! `employers.csv`, `pathways.csv` and `catalog.xlsx`, whose columns are
//! [`crate::columns`]', so an export reads back as the catalog it came from), and the
//! listing filters' data, `search/opportunities.json`. Public fields only: private
//! contacts never reach the model.

pub(crate) mod csv;
mod facets;
mod json;
mod sheets;
mod values;
mod worksites;
mod xlsx;

use rayon::prelude::*;

use crate::model::catalog::{Catalog, Opportunity, PathwayIdx};
use crate::render::catalog::{pay_text, CatalogRender};
use crate::render::machine::absolute;
pub(in crate::render) use csv::ByteOrderMark;
pub(in crate::render) use facets::facet_data;
pub(in crate::render) use json::catalog_json;
use values::Shown;

/// The spreadsheet exports by output path: a CSV per record type, then `catalog.xlsx`,
/// all made from the same sheets, and `worksites.csv`.
pub(in crate::render) fn spreadsheets(pass: &CatalogRender) -> Vec<(&'static str, Vec<u8>)> {
    let site = pass.renderer.site;
    let shown: Vec<Shown> = pass
        .catalog
        .opportunities
        .par_iter()
        .map(|o| Shown {
            ceds: site.config.ceds.code(o.kind, o.is_paid()),
            url: absolute(pass, &pass.renderer.urls.opportunity(&o.id)),
            pay: pay_text(pass.renderer.strings(), o),
        })
        .collect();
    // A language edition's records are already in its language.
    let languages: Vec<&str> = if site.language.default {
        site.config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let sheets = sheets::sheets(pass.catalog, &shown, &languages);
    let mark = if site.config.csv_byte_order_mark {
        ByteOrderMark::With
    } else {
        ByteOrderMark::Without
    };
    let (csvs, workbook) = rayon::join(
        || {
            let csvs: Vec<Vec<u8>> = sheets.par_iter().map(|s| csv::write(s, mark)).collect();
            csvs
        },
        || xlsx::workbook(&sheets, site.build_date),
    );
    let worksites = worksites::worksites_csv(
        pass.catalog,
        |id| absolute(pass, &pass.renderer.urls.employer(id)),
        mark,
    );
    let names = ["pathways.csv", "employers.csv", "opportunities.csv"];
    names
        .into_iter()
        .zip(csvs)
        .chain([("catalog.xlsx", workbook), ("worksites.csv", worksites)])
        .collect()
}

/// The ids of the pathways at `ids`.
fn pathway_ids<'a>(catalog: &'a Catalog, ids: &[PathwayIdx]) -> Vec<&'a str> {
    ids.iter()
        .map(|&p| catalog.pathway(p).id.as_str())
        .collect()
}

/// An opportunity's status as the exports write it: `open` or `closed`.
fn status(o: &Opportunity) -> &'static str {
    if o.is_open() {
        "open"
    } else {
        "closed"
    }
}

#[cfg(test)]
mod tests;
