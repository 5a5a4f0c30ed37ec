//! What a rebuild keeps of the catalog pages: all of them while nothing they are made from
//! changed, and each opportunity's description, card and page while that opportunity,
//! its employer and its pathways are unchanged.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Described, Rendered};
use crate::diagnostics::Diagnostic;
use crate::model::catalog::{Catalog, Employer, Opportunity, Pathway};
use crate::render::{Bytes, Renderer};

/// Everything the catalog pages are made from. The catalog is compared by identity: the
/// loader hands back the same one only when its files and settings are unchanged
/// (`model::catalog::Reuse`). District files are compared whole, so a change to any field
/// counts, while their pages (the toolkit adaptations) do not.
struct Inputs {
    catalog: Arc<Catalog>,
    config: String,
    build_date: crate::config::Date,
    districts: Vec<(String, String)>,
    base: crate::render::views::SiteView,
    templates: BTreeMap<String, String>,
}

impl Inputs {
    fn of(renderer: &Renderer) -> Inputs {
        let site = renderer.site;
        Inputs {
            catalog: Arc::clone(&site.catalog),
            config: format!("{:?}", site.config),
            build_date: site.build_date,
            districts: site
                .districts
                .iter()
                .map(|d| (d.id.clone(), d.file.text.clone()))
                .collect(),
            base: renderer.base.clone(),
            templates: renderer.theme.site_templates.clone(),
        }
    }

    fn matches(&self, other: &Inputs) -> bool {
        Arc::ptr_eq(&self.catalog, &other.catalog) && self.same_surroundings(other)
    }

    /// Everything but the catalog is the same.
    fn same_surroundings(&self, other: &Inputs) -> bool {
        self.config == other.config
            && self.build_date == other.build_date
            && self.districts == other.districts
            && self.base == other.base
            && self.templates == other.templates
    }
}

/// The catalog pages of the last build, with what they were made from.
pub struct Reuse {
    inputs: Inputs,
    rendered: Arc<Rendered>,
    items: Option<Items>,
}

/// What each opportunity's description, card and page came to in a build, by its index in
/// that build's catalog. In the same surroundings, an opportunity equal to one here, with
/// an equal employer and equal pathways, renders to the same: after a record is saved only
/// the opportunities that changed are rendered again (the listings, indexes and exports,
/// which gather many, always are).
pub(super) struct Items {
    pub catalog: Arc<Catalog>,
    pub described: Vec<Described>,
    pub problems: Vec<Vec<Diagnostic>>,
    pub cards: Vec<String>,
    pub pages: Vec<Result<(String, Bytes), Diagnostic>>,
}

impl Items {
    /// The index here of an opportunity that renders exactly as `catalog`'s `index`th.
    pub(super) fn unchanged(&self, catalog: &Catalog, index: usize) -> Option<usize> {
        let o = &catalog.opportunities[index];
        let old = &*self.catalog;
        let j = old
            .opportunities
            .binary_search_by(|p| p.id.as_str().cmp(&o.id))
            .ok()?;
        let p = &old.opportunities[j];
        let same = shown(p) == shown(o)
            && employer_shown(&old.employers[p.employer])
                == employer_shown(&catalog.employers[o.employer])
            && p.pathways.len() == o.pathways.len()
            && p.pathways.iter().zip(&o.pathways).all(|(&a, &b)| {
                pathway_shown(&old.pathways[a]) == pathway_shown(&catalog.pathways[b])
            });
        same.then_some(j)
    }
}

// What an opportunity's description, card and page are made from, besides the surroundings:
// every field of the opportunity, its employer and its pathways except the ones that only
// place records among others (`order`, and the indexes, which are compared as the records
// they point to). Saving a record that moves others in the files or in the lists therefore
// re-renders only what changed. The fields are listed without `..`, so a field added to
// the model must be placed here on one side or the other before the code compiles.

fn shown(o: &Opportunity) -> impl PartialEq + '_ {
    let Opportunity {
        id,
        order: _,
        title,
        employer: _,
        kind,
        pathways: _,
        modality,
        grades,
        summary,
        districts,
        city,
        schedule,
        hours,
        hours_per_week,
        starts,
        ends,
        deadline,
        seats,
        min_age,
        pay,
        credit,
        skills,
        tasks,
        credentials,
        supports,
        principles,
        apply_url,
        contact,
        description,
        status,
        file,
    } = o;
    (
        (
            id, title, kind, modality, grades, summary, districts, city, schedule,
        ),
        (
            hours,
            hours_per_week,
            starts,
            ends,
            deadline,
            seats,
            min_age,
            pay,
        ),
        (
            credit,
            skills,
            tasks,
            credentials,
            supports,
            principles,
            apply_url,
            contact,
        ),
        (description, status, file),
    )
}

fn employer_shown(e: &Employer) -> impl PartialEq + '_ {
    let Employer {
        id,
        name,
        org_type,
        pathways: _,
        website,
        city,
        hosts,
        contact,
        description,
        opportunities: _,
    } = e;
    (
        id,
        name,
        org_type,
        website,
        city,
        hosts,
        contact,
        description,
    )
}

fn pathway_shown(p: &Pathway) -> impl PartialEq + '_ {
    let Pathway {
        id,
        name,
        sector,
        high_demand,
        demand_source,
        median_wage,
        occupations,
        credentials,
        colleges,
        description,
        employers: _,
        opportunities: _,
    } = p;
    (
        (id, name, sector, high_demand, demand_source, median_wage),
        (occupations, credentials, colleges, description),
    )
}

/// Renders every catalog file, or takes them from `reuse` when nothing they are made from
/// has changed; keeps what it rendered in `reuse` for the next build.
/// Also says whether they were reused.
pub(in crate::render) fn render(
    renderer: &Renderer,
    reuse: Option<&mut Option<Reuse>>,
) -> (Arc<Rendered>, bool) {
    let Some(reuse) = reuse else {
        return (Arc::new(super::render_all(renderer, None, false).0), false);
    };
    let inputs = Inputs::of(renderer);
    if let Some(previous) = reuse.as_ref() {
        if previous.inputs.matches(&inputs) {
            return (Arc::clone(&previous.rendered), true);
        }
    }
    // Another catalog in the same surroundings: its unchanged opportunities are reused.
    let items = reuse
        .take()
        .filter(|previous| previous.inputs.same_surroundings(&inputs))
        .and_then(|previous| previous.items);
    let (rendered, items) = super::render_all(renderer, items.as_ref(), true);
    let rendered = Arc::new(rendered);
    *reuse = Some(Reuse {
        inputs,
        rendered: Arc::clone(&rendered),
        items,
    });
    (rendered, false)
}
