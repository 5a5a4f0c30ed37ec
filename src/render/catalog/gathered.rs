//! Pages that gather many records (the listings and facet pages, employer and pathway
//! pages), kept from the previous build while every record they show, and what they say
//! around those records, is unchanged: after a record is saved only the pages that show it
//! are made again, instead of every listing of a statewide catalog.
//!
//! Only a build that keeps its work for the next (`trellis serve`) records what each page
//! showed; a single build renders every page and records nothing.

use std::collections::HashMap;
use std::sync::Mutex;

use super::reuse::Items;
use crate::diagnostics::Diagnostic;
use crate::model::catalog::Catalog;
use crate::render::{Bytes, OutputPath, RenderedFile};

/// What a gathering page is made from besides the surroundings (which the whole store is
/// kept under): the records it shows, by their index in a build's catalog, in order, and
/// the text it shows around them.
#[derive(PartialEq, Default)]
pub(super) struct Shows {
    pub opportunities: Vec<usize>,
    pub employers: Vec<usize>,
    pub pathways: Vec<usize>,
    /// Whether it shows the listing filters, with their counts.
    pub facets: bool,
    /// Titles, counts and page numbers.
    pub around: String,
}

/// The gathering pages of one build, by address, each with what it showed.
pub(super) type Kept = HashMap<String, (Shows, OutputPath, Bytes)>;

/// For each record of this build's catalog, its index in the previous build's when it
/// renders exactly as it did there (see [`Items::unchanged`]).
pub(super) struct Matches {
    pub opportunities: Vec<Option<usize>>,
    pub employers: Vec<Option<usize>>,
    pub pathways: Vec<Option<usize>>,
}

impl Matches {
    pub(super) fn of(items: &Items, catalog: &Catalog, opportunities: Vec<Option<usize>>) -> Self {
        Matches {
            opportunities,
            employers: (0..catalog.employers.len())
                .map(|i| items.employer_unchanged(catalog, i))
                .collect(),
            pathways: (0..catalog.pathways.len())
                .map(|i| items.pathway_unchanged(catalog, i))
                .collect(),
        }
    }

    /// `now` in the previous build's indices, if every record it shows is unchanged.
    fn then(&self, now: &Shows) -> Option<Shows> {
        let map = |indices: &[usize], unchanged: &[Option<usize>]| -> Option<Vec<usize>> {
            indices.iter().map(|&i| unchanged[i]).collect()
        };
        Some(Shows {
            opportunities: map(&now.opportunities, &self.opportunities)?,
            employers: map(&now.employers, &self.employers)?,
            pathways: map(&now.pathways, &self.pathways)?,
            facets: now.facets,
            around: now.around.clone(),
        })
    }
}

/// Makes the gathering pages of a build, taking each from the previous build when it
/// would be the same.
pub(super) struct Gathering<'p> {
    /// The previous build's pages, what changed since, and whether the filters did.
    previous: Option<(&'p Kept, Matches, bool)>,
    /// This build's, to keep; `None` when nothing is kept.
    made: Option<Mutex<Kept>>,
}

impl<'p> Gathering<'p> {
    /// Renders every page and keeps nothing.
    pub(super) fn forgetting() -> Gathering<'static> {
        Gathering {
            previous: None,
            made: None,
        }
    }

    /// Keeps this build's pages, reusing `previous`'s where nothing they show changed.
    /// `same_facets`: whether the listing filters and their counts are unchanged.
    pub(super) fn keeping(
        previous: Option<(&'p Kept, Matches)>,
        same_facets: bool,
    ) -> Gathering<'p> {
        Gathering {
            previous: previous.map(|(kept, unchanged)| (kept, unchanged, same_facets)),
            made: Some(Mutex::default()),
        }
    }

    /// The page at `url`, which shows what `shows` says: the previous build's if that
    /// showed the same, else `render`ed.
    pub(super) fn page(
        &self,
        url: &str,
        shows: impl FnOnce() -> Shows,
        render: impl FnOnce() -> Result<RenderedFile, Diagnostic>,
    ) -> Result<(OutputPath, Bytes), Diagnostic> {
        let Some(made) = &self.made else {
            return render().map(RenderedFile::into_shared);
        };
        let now = shows();
        let earlier = self
            .previous
            .as_ref()
            .filter(|(_, _, same_facets)| *same_facets || !now.facets)
            .and_then(|(kept, unchanged, _)| {
                let (shown, path, bytes) = kept.get(url)?;
                (unchanged.then(&now).as_ref() == Some(shown))
                    .then(|| (path.clone(), Bytes::clone(bytes)))
            });
        let (path, bytes) = match earlier {
            Some(page) => page,
            None => render()?.into_shared(),
        };
        let kept = (now, path.clone(), Bytes::clone(&bytes));
        made.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(url.to_string(), kept);
        Ok((path, bytes))
    }

    /// This build's pages, to keep for the next.
    pub(super) fn into_kept(self) -> Kept {
        self.made
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default()
    }
}
