//! A site narrowed to what one district or one toolkit hands out, for a bundle
//! (`trellis bundle`). The regional toolkits stay in the model, so that links from the
//! kept pages still resolve; the bundle leaves out what it does not link.

use std::sync::Arc;

use super::{DistrictIdx, Site};
use crate::diagnostics::Diagnostic;

impl Site {
    /// Keeps the district `id` alone, with its editions and the catalog open to its
    /// students. A district that does not exist is an error naming the ones that do.
    pub fn narrow_to_district(&mut self, id: &str) -> Result<(), Diagnostic> {
        let Some(d) = self.districts.iter().position(|d| d.id == id) else {
            let known: Vec<&str> = self.districts.iter().map(|d| d.id.as_str()).collect();
            return Err(unknown("content/districts", "district", id, &known));
        };
        let district = self.districts.swap_remove(d);
        self.districts = vec![district];
        self.editions.retain(|e| e.district == Some(DistrictIdx(d)));
        for edition in &mut self.editions {
            edition.district = Some(DistrictIdx(0));
        }
        self.catalog = Arc::new(self.catalog.open_to(id));
        Ok(())
    }

    /// Keeps the regional toolkit `slug` as the one handed out: no districts, no catalog.
    pub fn narrow_to_toolkit(&mut self, slug: &str) -> Result<(), Diagnostic> {
        if !self.toolkits.iter().any(|t| t.slug == slug) {
            let known: Vec<&str> = self.toolkits.iter().map(|t| t.slug.as_str()).collect();
            return Err(unknown("content/toolkits", "toolkit", slug, &known));
        }
        self.districts.clear();
        self.editions.clear();
        self.catalog = Arc::new(super::catalog::Catalog::default());
        Ok(())
    }
}

/// "There is no district `x`", naming the ones there are.
fn unknown(path: &str, what: &str, id: &str, known: &[&str]) -> Diagnostic {
    let help = if known.is_empty() {
        format!("this site has no {what}s")
    } else {
        format!("the {what}s are: {}", known.join(", "))
    };
    Diagnostic::error(path, format!("there is no {what} `{id}`")).help(help)
}
