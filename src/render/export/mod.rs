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
use crate::model::Site;
use crate::render::catalog::pay_text;
use crate::render::{Sink, Strings, Theme, Urls};
pub(in crate::render) use csv::ByteOrderMark;
pub(in crate::render) use facets::facet_data;
use json::catalog_json;
use values::Shown;

/// What the exports are made from: an edition of the site, its addresses and its strings,
/// and nothing of its pages, so that they can be made apart from them (`trellis serve`
/// makes them after the pages: see [`crate::render::exports`]).
pub(in crate::render) struct Exporting<'a> {
    pub site: &'a Site,
    pub catalog: &'a Catalog,
    pub urls: &'a Urls,
    pub strings: &'a Strings,
}

impl Exporting<'_> {
    /// The absolute form of a root-relative URL.
    fn absolute(&self, url: &str) -> String {
        self.urls.absolute(url)
    }
}

/// Whether the catalog's render makes the exports (`catalog.json`, the CSVs and
/// `catalog.xlsx`) with its pages or leaves them to be made apart.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Exports {
    /// With the pages, as `trellis build` does.
    #[default]
    WithPages,
    /// Apart, by [`crate::render::exports`]: `trellis serve` shows a saved page first.
    Apart,
}

/// The exports of `site` (the default language's edition or another's) alone, each to
/// `sink`: what a catalog render with [`Exports::Apart`] leaves out. Nothing on a site
/// without a catalog.
pub fn exports(site: &Site, theme: &Theme, sink: &dyn Sink) {
    if site.catalog.is_empty() {
        return;
    }
    let urls = Urls::new(&site.config, &site.language);
    let exporting = Exporting {
        site,
        catalog: &site.catalog,
        urls: &urls,
        strings: theme.strings(&site.language.code),
    };
    files(&exporting, &|path, bytes| {
        sink.put(path.to_string(), crate::render::shared(bytes));
    });
}

/// The exports, each given to `emit` with its output path as soon as it is made:
/// `catalog.json` beside the spreadsheets.
pub(in crate::render) fn files(pass: &Exporting, emit: &(dyn Fn(&'static str, Vec<u8>) + Sync)) {
    rayon::join(
        || emit("catalog.json", catalog_json(pass).into_bytes()),
        || {
            for (path, bytes) in spreadsheets(pass) {
                emit(path, bytes);
            }
        },
    );
}

/// The spreadsheet exports by output path: a CSV per record type, then `catalog.xlsx`,
/// all made from the same sheets, and `worksites.csv`.
fn spreadsheets(pass: &Exporting) -> Vec<(&'static str, Vec<u8>)> {
    let site = pass.site;
    let shown: Vec<Shown> = pass
        .catalog
        .opportunities
        .par_iter()
        .map(|o| Shown {
            ceds: site.config.ceds.code(o.kind, o.is_paid()),
            url: pass.absolute(&pass.urls.opportunity(&o.id)),
            pay: pay_text(pass.strings, o),
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
        |id| pass.absolute(&pass.urls.employer(id)),
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
