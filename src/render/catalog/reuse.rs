//! What a rebuild keeps of the catalog pages: all of them while nothing they are made from
//! changed, and each opportunity's description, card and page while that opportunity,
//! its employer and its pathways are unchanged.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::descriptions::Described;
use super::Rendered;
use crate::config::{Date, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::memo::{Earlier, Memo, Policy, Reused, Shared};
use crate::model::catalog::{Catalog, Employer, Opportunity, Pathway};
use crate::render::export::Exports;
use crate::render::{Bytes, OutputPath, Renderer};

/// Everything the catalog pages are made from. The catalog is compared by identity: the
/// loader hands back the same one only when its inputs are equal
/// (`model::catalog::Reuse`).
#[derive(PartialEq)]
pub struct Inputs {
    catalog: Shared<Catalog>,
    surroundings: Surroundings,
}

/// Everything but the catalog that the catalog pages are made from. District files are
/// compared whole, so a change to any field counts, while their pages (the toolkit
/// adaptations) do not.
#[derive(PartialEq)]
struct Surroundings {
    config: SiteConfig,
    build_date: Date,
    districts: Vec<(String, String)>,
    /// The context every page starts from: the site's title, navigation, ...
    base: crate::render::views::SiteView,
    /// The site's own templates (the built-in ones never change while Trellis runs).
    templates: BTreeMap<String, String>,
    /// The participation counts the insights page shows.
    participation: Option<crate::model::participation::Participation>,
}

impl Inputs {
    fn of(renderer: &Renderer) -> Inputs {
        let site = renderer.site;
        Inputs {
            catalog: Shared(Arc::clone(&site.catalog)),
            surroundings: Surroundings {
                config: site.config.clone(),
                build_date: site.build_date,
                districts: site
                    .districts
                    .iter()
                    .map(|d| (d.id.clone(), d.file.text.clone()))
                    .collect(),
                base: renderer.base.clone(),
                templates: renderer.theme.site_templates.clone(),
                participation: site.participation.clone(),
            },
        }
    }
}

/// The catalog pages of one build, with its per-opportunity work for the next.
pub struct Made {
    rendered: Arc<Rendered>,
    items: Option<Items>,
}

/// What a rebuild keeps of the catalog pages (see [`crate::Cache`]), and whether they are
/// made with the exports.
pub struct Reuse(Memo<Inputs, Made>, Exports);

impl Reuse {
    /// An empty store that follows `policy`, for pages made with the exports.
    pub fn new(policy: Policy) -> Reuse {
        Reuse(Memo::new(policy), Exports::WithPages)
    }

    /// An empty store that follows `policy`, for pages made with the exports or without.
    pub fn with_exports(policy: Policy, exports: Exports) -> Reuse {
        Reuse(Memo::new(policy), exports)
    }
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
    pub pages: Vec<Result<(OutputPath, Bytes), Diagnostic>>,
    /// The listing filters, with their counts.
    pub facets: Vec<super::FacetGroup>,
    /// The pages that gather many records, with what each showed.
    pub gathered: super::gathered::Kept,
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
            && employer_shown(old.employer(p.employer))
                == employer_shown(catalog.employer(o.employer))
            && p.pathways.len() == o.pathways.len()
            && p.pathways
                .iter()
                .zip(&o.pathways)
                .all(|(&a, &b)| pathway_shown(old.pathway(a)) == pathway_shown(catalog.pathway(b)));
        same.then_some(j)
    }

    /// The index here of an employer that shows exactly as `catalog`'s `index`th.
    pub(super) fn employer_unchanged(&self, catalog: &Catalog, index: usize) -> Option<usize> {
        let e = &catalog.employers[index];
        let old = &self.catalog.employers;
        let j = old.binary_search_by(|p| p.id.as_str().cmp(&e.id)).ok()?;
        (employer_shown(&old[j]) == employer_shown(e)).then_some(j)
    }

    /// The index here of a pathway that shows exactly as `catalog`'s `index`th.
    pub(super) fn pathway_unchanged(&self, catalog: &Catalog, index: usize) -> Option<usize> {
        let p = &catalog.pathways[index];
        let old = &self.catalog.pathways;
        let j = old.binary_search_by(|q| q.id.as_str().cmp(&p.id)).ok()?;
        (pathway_shown(&old[j]) == pathway_shown(p)).then_some(j)
    }
}

// What an opportunity's description, card and page are made from, besides the surroundings:
// every field of the opportunity, its employer and its pathways except the ones that only
// place records among others (`order`, and the indexes, which are compared as the records
// they point to), and `translations`, which a language edition has already laid onto the
// fields (`untranslated` is compared: it marks text shown in the default language). Saving
// a record that moves others in the files or in the lists therefore re-renders only what
// changed. The fields are listed without `..`, so a field added to
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
        hazards,
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
        translations: _,
        untranslated,
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
        (description, status, file, untranslated, hazards),
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
        translations: _,
        untranslated,
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
        untranslated,
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
        translations: _,
        untranslated,
    } = p;
    (
        (id, name, sector, high_demand, demand_source, median_wage),
        (
            occupations,
            credentials,
            colleges,
            description,
            untranslated,
        ),
    )
}

/// Renders every catalog file, or takes them from `reuse` when nothing they are made from
/// has changed; keeps what it rendered there for the next build (as its policy says). A
/// store that keeps nothing sends each file to `sink` as it is made instead.
/// Also says whether they were reused.
pub(in crate::render) fn render(
    renderer: &Renderer,
    reuse: &mut Reuse,
    sink: &dyn crate::render::Sink,
) -> (Arc<Rendered>, bool) {
    let inputs = Inputs::of(renderer);
    let exports = reuse.1;
    let (made, reused) = reuse.0.get_or_update(inputs, |inputs, earlier| {
        let (previous, policy) = match earlier {
            Earlier::Unkept => (None, Policy::Forget),
            Earlier::None => (None, Policy::Keep),
            // Another catalog in the same surroundings: its unchanged opportunities are
            // reused.
            Earlier::Kept(kept, made) => (
                made.items
                    .filter(|_| kept.surroundings == inputs.surroundings),
                Policy::Keep,
            ),
        };
        let (rendered, items) =
            super::render_all(renderer, previous.as_ref(), (policy, exports), sink);
        Made {
            rendered: Arc::new(rendered),
            items,
        }
    });
    (Arc::clone(&made.rendered), reused == Reused::Kept)
}
