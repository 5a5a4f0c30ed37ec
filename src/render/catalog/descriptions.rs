//! Catalog descriptions (opportunities', employers' and pathways' Markdown) rendered once
//! per build, with their problems placed in the catalog file and the office documents they
//! link to.

use rayon::prelude::*;

use super::reuse::Items;
use crate::diagnostics::Diagnostic;
use crate::markdown::a11y::{place_documents, Document};
use crate::markdown::{self, Body, Editions, Links, Problem, Resolved, Trust, Words};
use crate::model::catalog::{Catalog, Text};

/// Catalog text may link to full addresses and site paths, not to files beside it.
struct CatalogLinks;

impl Links for CatalogLinks {
    fn link(&self, dest: &str) -> Result<Resolved, Problem> {
        Err(Problem::new(
            format!("link `{dest}` is relative; catalog text cannot link to files"),
            Some("use a full address (https://...) or a path on this site starting with /".into()),
        ))
    }
}

/// A description rendered to HTML, with its first paragraph as plain text.
#[derive(Clone)]
pub(in crate::render) struct Described {
    pub html: String,
    pub plain: String,
    /// All of the text, for the search index.
    pub text: String,
    /// The office documents it links to, for the accessibility review list.
    pub documents: Vec<Document>,
}

/// Renders catalog Markdown, returning its problems as diagnostics at their place in the file.
pub(super) fn describe(text: &Text, words: &Words) -> (Described, Vec<Diagnostic>) {
    if text.markdown.trim().is_empty() {
        let empty = Described {
            html: String::new(),
            plain: String::new(),
            text: String::new(),
            documents: Vec::new(),
        };
        return (empty, Vec::new());
    }
    let body = Body::new(&text.markdown, 0, Trust::Partner, None);
    let rendered = markdown::render(&body, &CatalogLinks, Editions::Embedded("about"), words);
    let problems = rendered
        .problems
        .into_iter()
        .map(|located| {
            let problem = located.problem;
            let mut d = if problem.warning {
                Diagnostic::warning(&text.file, problem.message)
            } else {
                Diagnostic::error(&text.file, problem.message)
            };
            d.position = Some(text.position_at(located.offset));
            d.help = problem.help;
            d
        })
        .collect();
    let described = Described {
        html: rendered.html,
        plain: rendered.description,
        text: rendered.sections.join(" "),
        documents: place_documents(
            &rendered.documents,
            &crate::diagnostics::display_path(&text.file),
            |offset| text.position_at(offset),
        ),
    };
    (described, problems)
}
/// Every catalog description's problems, errors and warnings, and the office documents they
/// link to, for a build that produces no HTML: the same checks [`render`] makes, with
/// nothing kept.
pub(in crate::render) fn check(catalog: &Catalog) -> (Vec<Diagnostic>, Vec<Document>) {
    let none = vec![None; catalog.opportunities.len()];
    let (descriptions, found) = Descriptions::of(catalog, &none, &Words::NONE);
    (found, descriptions.documents())
}

/// Every description of the catalog, rendered.
pub(super) struct Descriptions {
    pub(super) opportunities: Vec<Described>,
    /// Each opportunity's own problems, kept with its description for the next build.
    pub(super) opportunity_problems: Vec<Vec<Diagnostic>>,
    pub(super) employers: Vec<Described>,
    pub(super) pathways: Vec<Described>,
}

impl Descriptions {
    /// Renders every description, taking the `i`th opportunity's from `kept[i]` when it is
    /// given, with `words` in the edition's language; returns them with all their problems,
    /// errors and warnings.
    pub(super) fn of(
        catalog: &Catalog,
        kept: &[Option<(&Items, usize)>],
        words: &Words,
    ) -> (Descriptions, Vec<Diagnostic>) {
        let (opportunities, opportunity_problems): (Vec<Described>, Vec<Vec<Diagnostic>>) = kept
            .par_iter()
            .enumerate()
            .map(|(i, kept)| match kept {
                Some((items, j)) => (items.described[*j].clone(), items.problems[*j].clone()),
                None => describe(&catalog.opportunities[i].description, words),
            })
            .unzip();
        let mut found: Vec<Diagnostic> = opportunity_problems.concat();
        let mut described = |texts: Vec<&Text>| -> Vec<Described> {
            let results: Vec<(Described, Vec<Diagnostic>)> =
                texts.into_par_iter().map(|t| describe(t, words)).collect();
            results
                .into_iter()
                .map(|(described, problems)| {
                    found.extend(problems);
                    described
                })
                .collect()
        };
        let employers = described(catalog.employers.iter().map(|e| &e.description).collect());
        let pathways = described(catalog.pathways.iter().map(|p| &p.description).collect());
        let descriptions = Descriptions {
            opportunities,
            opportunity_problems,
            employers,
            pathways,
        };
        (descriptions, found)
    }

    /// The office documents every description links to.
    pub(super) fn documents(&self) -> Vec<Document> {
        let all = [&self.opportunities, &self.employers, &self.pathways];
        all.into_iter()
            .flatten()
            .flat_map(|d| d.documents.iter().cloned())
            .collect()
    }
}
