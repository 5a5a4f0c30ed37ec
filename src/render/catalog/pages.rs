//! Catalog pages: each opportunity, employer and pathway, the listings with their facet
//! pages, and the indexes of employers and pathways.

use rayon::prelude::*;

use super::gathered::{Gathering, Shows};
use super::views::*;
use super::{
    machine, CatalogRender, Prepared, DISTRICT_PAGE_OPPORTUNITIES, EMPLOYERS_PAGE_SIZE, PAGE_SIZE,
};
use crate::diagnostics::Diagnostic;
use crate::model::catalog::{Employer, EmployerIdx, Opportunity, OpportunityIdx, PathwayIdx};
use crate::render::contexts::{
    CardContext, EmployerContext, EmployersContext, OpportunitiesContext, OpportunityContext,
};
use crate::render::export::Exporting;
use crate::render::links::Urls;
use crate::render::sink::Emit;
use crate::render::views::{DateText, Link, PageKind};
use crate::render::{RenderedFile, Strings};
use crate::search::{Doc, DocType, Scope};

/// What search results show of an opportunity: "Internship · Acme Health · Closed. Summary".
fn opportunity_excerpt(t: &Strings, opportunity: &Opportunity, employer: &str) -> String {
    let mut excerpt = format!("{} · {}", t.label(opportunity.kind), employer);
    if !opportunity.is_open() {
        excerpt.push_str(" · ");
        excerpt.push_str(t.text("catalog.closed"));
    }
    if let Some(summary) = &opportunity.summary {
        excerpt.push_str(". ");
        excerpt.push_str(summary);
    }
    excerpt
}

// A card is made from the first phase alone; the pages below also show cards.
impl<'a> Prepared<'a> {
    pub(super) fn urls(&self) -> &Urls {
        self.renderer.urls
    }

    /// What the exports are made from.
    pub(in crate::render) fn exporting(&self) -> Exporting<'_> {
        Exporting {
            site: self.renderer.site,
            catalog: self.catalog,
            urls: self.renderer.urls,
            strings: self.renderer.strings(),
        }
    }

    /// How an employer is named wherever it appears: its own page, and every opportunity's.
    fn employer_ref<'e>(&'e self, e: &'e Employer) -> EmployerRef<'e> {
        EmployerRef {
            id: &e.id,
            name: &e.name,
            url: self.urls().employer(&e.id),
            org_type: self.renderer.strings().label(e.org_type),
            city: e.city.as_deref(),
            website: e.website.as_deref(),
        }
    }

    pub(super) fn view(&self, index: usize) -> OpportunityView<'_> {
        let o = &self.catalog.opportunities[index];
        let employer = self.catalog.employer(o.employer);
        let urls = self.urls();
        let t = self.renderer.strings();
        let facet = |name: &str, slug: &str, label: &str| Facet {
            slug: slug.to_string(),
            label: label.to_string(),
            url: urls.facet(name, slug),
        };
        OpportunityView {
            id: &o.id,
            title: &o.title,
            url: urls.opportunity(&o.id),
            summary: o.summary.as_deref(),
            kind: facet("kind", o.kind.slug(), t.label(o.kind)),
            stage: facet("stage", o.stage().slug(), t.label(o.stage())),
            modality: facet("modality", o.modality.slug(), t.label(o.modality)),
            employer: self.employer_ref(employer),
            pathways: o
                .pathways
                .iter()
                .map(|&p| Link {
                    title: self.catalog.pathway(p).name.clone(),
                    url: urls.pathway(&self.catalog.pathway(p).id),
                })
                .collect(),
            grades: grades_text(t, &o.grades),
            districts: if o.districts.is_empty() {
                t.text("catalog.all_districts").to_string()
            } else {
                o.districts
                    .iter()
                    .map(|d| district_name(self.renderer.site, d))
                    .collect::<Vec<_>>()
                    .join(t.text("catalog.list_separator"))
            },
            city: o.city.as_deref(),
            schedule: o.schedule.as_deref(),
            hours: o.hours.map(|h| hours_text(t, h)),
            hours_per_week: o.hours_per_week.map(|h| hours_text(t, h)),
            starts: o.starts.map(|d| DateText::new(d, t)),
            ends: o.ends.map(|d| DateText::new(d, t)),
            deadline: o.deadline.map(|d| DateText::new(d, t)),
            seats: o.seats,
            min_age: o.min_age,
            paid: o.is_paid(),
            pay: pay_text(t, o),
            credit: o.credit.as_deref(),
            skills: &o.skills,
            tasks: &o.tasks,
            credentials: &o.credentials,
            supports: o.supports.iter().map(|&s| t.label(s)).collect(),
            principles: crate::model::catalog::Principle::ALL
                .iter()
                .map(|&p| PrincipleView {
                    label: t.label(p).to_string(),
                    met: o.principles.contains(&p),
                })
                .collect(),
            principle_count: o.principles.len(),
            apply_url: o.apply_url.as_deref(),
            contact: contact_view(&o.contact),
            status: o.status.into(),
            description: &self.opportunities[index].html,
        }
    }

    pub(super) fn card(&self, index: usize) -> Result<String, Diagnostic> {
        self.renderer.theme.render(&CardContext {
            site: &self.renderer.base,
            t: self.renderer.strings(),
            opportunity: self.view(index),
        })
    }
}

impl<'a> CatalogRender<'a> {
    pub(super) fn opportunity_page(&self, index: usize) -> Result<RenderedFile, Diagnostic> {
        let o = &self.catalog.opportunities[index];
        let view = self.view(index);
        let description = o
            .summary
            .as_deref()
            .unwrap_or(&self.opportunities[index].plain);
        let context = OpportunityContext {
            frame: self.renderer.record(
                self.renderer
                    .frame(&o.title, description, &view.url, PageKind::Opportunity),
                super::super::languages::RecordText {
                    translated: o
                        .translations
                        .iter()
                        .any(|t| t.code == self.renderer.site.language.code),
                    untranslated: &o.untranslated,
                },
            ),
            json_ld: machine::opportunity_json_ld(self, index),
            opportunity: view,
        };
        self.renderer.finish(&context, &context.opportunity.url)
    }

    /// Search documents for every opportunity (open ones first), employer and pathway.
    pub(super) fn search_docs(&self, docs: &mut Vec<Doc>) {
        let catalog = self.catalog;
        let t = self.renderer.strings();
        for &o in self.open.iter().chain(&self.closed) {
            let opportunity = catalog.opportunity(o);
            let employer = catalog.employer(opportunity.employer);
            let pathways: Vec<&str> = opportunity
                .pathways
                .iter()
                .map(|&p| catalog.pathway(p).name.as_str())
                .collect();
            let excerpt = opportunity_excerpt(t, opportunity, &employer.name);
            docs.push(Doc {
                kind: DocType::Opportunity,
                title: opportunity.title.clone(),
                url: self.urls().opportunity(&opportunity.id),
                excerpt,
                keywords: [
                    t.label(opportunity.kind),
                    t.label(opportunity.stage()),
                    &pathways.join(" "),
                    opportunity.city.as_deref().unwrap_or(""),
                    &opportunity.skills.join(" "),
                ]
                .join(" "),
                body: [
                    opportunity.tasks.join(" "),
                    opportunity.credentials.join(" "),
                    self.opportunities[o.index()].text.clone(),
                ]
                .join(" "),
                scope: Scope::default(),
            });
        }
        for (e, employer) in catalog.employers.iter().enumerate() {
            docs.push(Doc {
                kind: DocType::Employer,
                title: employer.name.clone(),
                url: self.urls().employer(&employer.id),
                excerpt: [
                    t.label(employer.org_type),
                    employer.city.as_deref().unwrap_or(""),
                ]
                .join(" · ")
                .trim_end_matches(" · ")
                .to_string(),
                keywords: employer
                    .pathways
                    .iter()
                    .map(|&p| catalog.pathway(p).name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                body: self.employers[e].text.clone(),
                scope: Scope::default(),
            });
        }
        for (p, pathway) in catalog.pathways.iter().enumerate() {
            docs.push(Doc {
                kind: DocType::Pathway,
                title: pathway.name.clone(),
                url: self.urls().pathway(&pathway.id),
                excerpt: self.pathways[p].plain.clone(),
                keywords: pathway
                    .occupations
                    .iter()
                    .map(|o| o.title.as_str())
                    .chain(pathway.credentials.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" "),
                body: self.pathways[p].text.clone(),
                scope: Scope::default(),
            });
        }
    }

    /// The first open opportunities a district's students may apply to, soonest deadline
    /// first: those that list the district and those open to every district.
    pub(super) fn district_cards(&self, district: &str) -> Vec<String> {
        self.open
            .iter()
            .filter(|&&o| {
                let districts = &self.catalog.opportunity(o).districts;
                districts.is_empty() || districts.iter().any(|d| d == district)
            })
            .take(DISTRICT_PAGE_OPPORTUNITIES)
            .map(|&o| self.cards[o.index()].clone())
            .collect()
    }

    pub(super) fn cards_of(&self, members: &[OpportunityIdx]) -> Vec<&str> {
        members
            .iter()
            .map(|&i| self.cards[i.index()].as_str())
            .collect()
    }

    /// The open listing, the archive and every facet page, paginated, each to `emit` as it
    /// is made.
    pub(super) fn listings(&self, emit: &Emit, gathering: &Gathering) {
        let urls = self.urls();
        let t = self.renderer.strings();
        let mut lists: Vec<Listing> = vec![
            Listing {
                title: t.text("catalog.opportunities").into(),
                intro: t.count("catalog.open_intro", self.open.len(), &[]),
                first_url: urls.opportunities(),
                members: self.open.clone(),
                kind: ListingKind::Open,
                facet: None,
            },
            Listing {
                title: t.text("catalog.archive_title").into(),
                intro: t.text("catalog.archive_intro").into(),
                first_url: urls.archive(),
                members: self.closed.clone(),
                kind: ListingKind::Archive,
                facet: None,
            },
        ];
        for (group, members) in self.facets.iter().zip(&self.facet_members) {
            for (value, members) in group.values.iter().zip(members) {
                lists.push(Listing {
                    title: facet_title(t, group.name, &value.slug, &value.label),
                    intro: t.count("catalog.facet_intro", value.count, &[]),
                    first_url: value.url.clone(),
                    members: members.clone(),
                    kind: ListingKind::Facet,
                    facet: Some((group.name, value.slug.clone())),
                });
            }
        }
        // Every page of every list is one task: the open listing alone has hundreds.
        let pages: Vec<(&Listing, usize, usize)> = lists
            .iter()
            .flat_map(|list| {
                let pages = list.members.len().div_ceil(PAGE_SIZE).max(1);
                (1..=pages).map(move |number| (list, number, pages))
            })
            .collect();
        pages.into_par_iter().for_each(|(list, number, pages)| {
            let url = self.urls().paged(&list.first_url, number);
            let shows = || Shows {
                opportunities: page_of(&list.members, number)
                    .iter()
                    .map(|o| o.index())
                    .collect(),
                facets: true,
                around: format!(
                    "{}\n{}\n{} {number}/{pages}",
                    list.title,
                    list.intro,
                    list.members.len()
                ),
                ..Shows::default()
            };
            let page = || self.listing_page(list, number, pages);
            emit.shared(gathering.page(&url, shows, page));
        });
    }

    /// Page `number` of the `pages` of a listing.
    fn listing_page(
        &self,
        list: &Listing,
        number: usize,
        pages: usize,
    ) -> Result<RenderedFile, Diagnostic> {
        let members = page_of(&list.members, number);
        let url = self.urls().paged(&list.first_url, number);
        let title = self.page_title(&list.title, number, pages);
        let context = OpportunitiesContext {
            frame: self
                .renderer
                .frame(&title, &list.intro, &url, PageKind::Opportunities),
            listing: ListingView {
                title: &list.title,
                intro: &list.intro,
                kind: list.kind,
                count: list.members.len(),
                cards: self.cards_of(members),
                pagination: pagination(self.urls(), &list.first_url, number, pages),
                facets: &self.facets,
                current: list
                    .facet
                    .as_ref()
                    .map(|(name, slug)| CurrentFacet { name, slug }),
                all_url: self.urls().opportunities(),
                archive_url: self.urls().archive(),
                feed_url: self.urls().feed(),
                calendar_url: self.urls().calendar(),
                csv_url: self.urls().catalog_csv(),
                xlsx_url: self.urls().catalog_xlsx(),
                json_url: self.urls().catalog_json(),
            },
        };
        self.renderer.finish(&context, &url)
    }

    /// The title of page `number` of `pages` of a list titled `title`: the title alone on
    /// the first page, `[pages] title_page` on the others.
    fn page_title(&self, title: &str, number: usize, pages: usize) -> String {
        if number == 1 {
            return title.to_string();
        }
        self.renderer.strings().fill(
            "pages.title_page",
            &[
                ("title", title),
                ("page", &number.to_string()),
                ("pages", &pages.to_string()),
            ],
        )
    }

    /// What an employer's page shows: the employer, its pathways and its opportunities.
    pub(super) fn employer_shows(&self, index: EmployerIdx) -> Shows {
        let e = self.catalog.employer(index);
        Shows {
            opportunities: e.opportunities.iter().map(|o| o.index()).collect(),
            employers: vec![index.index()],
            pathways: e.pathways.iter().map(|p| p.index()).collect(),
            ..Shows::default()
        }
    }

    pub(super) fn employer_page(&self, index: EmployerIdx) -> Result<RenderedFile, Diagnostic> {
        let e = self.catalog.employer(index);
        let url = self.urls().employer(&e.id);
        let description = if self.employers[index.index()].plain.is_empty() {
            &e.name
        } else {
            &self.employers[index.index()].plain
        };
        let (open, past): (Vec<OpportunityIdx>, Vec<OpportunityIdx>) = e
            .opportunities
            .iter()
            .partition(|&&o| self.catalog.opportunity(o).is_open());
        let context = EmployerContext {
            frame: self.renderer.record(
                self.renderer
                    .frame(&e.name, description, &url, PageKind::Employer),
                super::super::languages::RecordText {
                    translated: e
                        .translations
                        .iter()
                        .any(|t| t.code == self.renderer.site.language.code),
                    untranslated: &e.untranslated,
                },
            ),
            employer: self.employer_view(e, index),
            open_cards: self.cards_of(&open),
            past: past.iter().map(|&o| self.opportunity_link(o)).collect(),
            json_ld: machine::employer_json_ld(self, index),
        };
        self.renderer.finish(&context, &url)
    }

    pub(super) fn opportunity_link(&self, index: OpportunityIdx) -> Link {
        let o = self.catalog.opportunity(index);
        Link {
            title: o.title.clone(),
            url: self.urls().opportunity(&o.id),
        }
    }

    pub(super) fn employer_view(&self, e: &'a Employer, index: EmployerIdx) -> EmployerView<'_> {
        EmployerView {
            employer: self.employer_ref(e),
            pathways: e.pathways.iter().map(|&p| self.pathway_link(p)).collect(),
            hosts: e
                .hosts
                .iter()
                .map(|&k| self.renderer.strings().label(k))
                .collect(),
            contact: contact_view(&e.contact),
            open_count: e
                .opportunities
                .iter()
                .filter(|&&o| self.catalog.opportunity(o).is_open())
                .count(),
            description: &self.employers[index.index()].html,
        }
    }

    pub(super) fn pathway_link(&self, index: PathwayIdx) -> Link {
        let p = self.catalog.pathway(index);
        Link {
            title: p.name.clone(),
            url: self.urls().pathway(&p.id),
        }
    }

    pub(super) fn employer_index(&self) -> Vec<Result<RenderedFile, Diagnostic>> {
        let mut order: Vec<EmployerIdx> =
            self.catalog.employers_indexed().map(|(i, _)| i).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (self.catalog.employer(a), self.catalog.employer(b));
            (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
        });
        let first = self.urls().employers();
        let pages = order.len().div_ceil(EMPLOYERS_PAGE_SIZE).max(1);
        (1..=pages)
            .map(|number| {
                let chunk = order
                    .chunks(EMPLOYERS_PAGE_SIZE)
                    .nth(number - 1)
                    .unwrap_or_default();
                let url = self.urls().paged(&first, number);
                let t = self.renderer.strings();
                let title = self.page_title(t.text("catalog.employers"), number, pages);
                let employers: Vec<EmployerView> = chunk
                    .iter()
                    .map(|&i| self.employer_view(self.catalog.employer(i), i))
                    .collect();
                let context = EmployersContext {
                    frame: self.renderer.frame(
                        &title,
                        t.text("catalog.employers_description"),
                        &url,
                        PageKind::Employers,
                    ),
                    employers,
                    total: order.len(),
                    pagination: pagination(self.urls(), &first, number, pages),
                };
                self.renderer.finish(&context, &url)
            })
            .collect()
    }
}

/// The members on page `number` (from 1) of a listing.
fn page_of(members: &[OpportunityIdx], number: usize) -> &[OpportunityIdx] {
    let start = ((number - 1) * PAGE_SIZE).min(members.len());
    &members[start..(start + PAGE_SIZE).min(members.len())]
}
