//! Render stage, toolkit and standalone pages: their Markdown prepared (placeholders filled,
//! headings found) so links can be checked to their fragments, rendered in parallel, and
//! turned into HTML in the page's language.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::links::{self, Defaults, LinkIndex, PageLinks, Urls};
use super::{index, insert, Producing, RenderedFile, Renderer, Sink};
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::a11y::{place_documents, Document};
use crate::markdown::{self, Body, Heading, Trust};
use crate::model::{EditionIdx, Page, Site, Toolkit};

/// What the pages' Markdown says about its authoring, besides its errors: warnings that
/// do not stop the build, and the office documents it links to.
#[derive(Default)]
pub(super) struct Authored {
    pub warnings: Vec<Diagnostic>,
    pub documents: Vec<Document>,
}

/// Renders every page's Markdown, collecting its problems (warnings and linked documents
/// into `authored`), and while `producing` turns each toolkit's pages into HTML in `files`.
/// The first error stops the producing, not the checking. Returns the pages' text for the
/// search index.
///
/// The toolkits (and the standalone pages) are rendered side by side, each list's pages in
/// parallel too; what they give is then taken in their order, exactly as if they had been
/// rendered one after the other: a list's files are kept only when no list before it, nor
/// the list itself, had an error. A list does not produce HTML once an earlier one is
/// known to have failed, since it would not be kept.
pub(super) fn render_pages(
    site: &Site,
    urls: &Urls,
    producing: &mut Producing,
    files: &dyn Sink,
    problems: &mut Vec<Diagnostic>,
    authored: &mut Authored,
) -> Vec<index::PageText> {
    let lists = page_lists(site);
    let (bodies, headings) = prepare_bodies(site, &lists);
    let index = LinkIndex::build(site, urls, &headings);
    let words = markdown_words(site, *producing);
    let first_failed = AtomicUsize::new(usize::MAX);
    let start = *producing;
    let outcomes: Vec<ListOutcome> = lists
        .par_iter()
        .zip(&bodies)
        .enumerate()
        .map(|(number, (&(pages, toolkit), bodies))| {
            let list = PageList { pages, toolkit };
            let rendered = render_list(site, &index, &words, list, bodies);
            let mut outcome = ListOutcome::default();
            for (page, body) in pages.iter().zip(&rendered) {
                file_problems(page, body, &mut outcome.problems, &mut outcome.authored);
            }
            let earlier_failed = first_failed.load(Ordering::Relaxed) < number;
            if let Some((renderer, sidebars)) = start.filter(|_| !earlier_failed) {
                if outcome.problems.is_empty() {
                    outcome.produced = Some(renderer.produce(list, rendered, sidebars));
                }
            }
            let produced_error = outcome
                .produced
                .as_ref()
                .is_some_and(|(_, outputs)| outputs.iter().any(Result::is_err));
            if !outcome.problems.is_empty() || produced_error {
                first_failed.fetch_min(number, Ordering::Relaxed);
            }
            outcome
        })
        .collect();
    let mut page_texts: Vec<index::PageText> = Vec::new();
    for mut outcome in outcomes {
        problems.append(&mut outcome.problems);
        authored.warnings.append(&mut outcome.authored.warnings);
        authored.documents.append(&mut outcome.authored.documents);
        if !problems.is_empty() {
            *producing = None;
        }
        if producing.is_some() {
            let (texts, outputs) = outcome
                .produced
                .expect("a list is produced unless a list before it failed");
            page_texts.extend(texts);
            for output in outputs {
                match output {
                    Ok(file) => insert(files, file.path, file.text.into_bytes(), problems),
                    Err(d) => problems.push(d),
                }
            }
        }
    }
    page_texts
}

/// What one list of pages gave: its Markdown's problems, and its HTML when it was produced.
#[derive(Default)]
struct ListOutcome {
    problems: Vec<Diagnostic>,
    authored: Authored,
    produced: Option<Produced>,
}

/// A list's pages' text for the search index, and its output files in order.
type Produced = (Vec<index::PageText>, Vec<Result<RenderedFile, Diagnostic>>);

/// Renders the Markdown of one list's pages, in parallel.
fn render_list(
    site: &Site,
    index: &LinkIndex,
    (own_words, original_words): &(markdown::Words, markdown::Words),
    list: PageList,
    bodies: &[Body],
) -> Vec<markdown::Rendered> {
    list.pages
        .par_iter()
        .zip(bodies)
        .map(|(page, body)| {
            let tree_path = match list.toolkit {
                Some(t) => site.edition(t).tree_path(page),
                None => page.file.path.clone(),
            };
            let links = PageLinks {
                index,
                dir: tree_path.parent().unwrap_or(Path::new("")),
                edition: list.toolkit,
                in_default_language: !matches!(
                    page.translation,
                    crate::model::Translation::Translated { .. }
                ),
            };
            let words = match links.in_default_language {
                true => original_words,
                false => own_words,
            };
            markdown::render(
                body,
                &links,
                markdown::Editions::PageAndPrint(&links::print_anchor(page)),
                words,
            )
        })
        .collect()
}

/// Files one page's problems: errors into `problems`, warnings and linked documents into
/// `authored`.
fn file_problems(
    page: &Page,
    body: &markdown::Rendered,
    problems: &mut Vec<Diagnostic>,
    authored: &mut Authored,
) {
    for located in &body.problems {
        let problem = &located.problem;
        let d = match problem.warning {
            true => Diagnostic::warning(&page.file.path, problem.message.clone()),
            false => Diagnostic::error(&page.file.path, problem.message.clone()),
        };
        let mut d = d.at_offset(&page.file.text, located.offset);
        d.help = problem.help.clone();
        match problem.warning {
            true => authored.warnings.push(d),
            false => problems.push(d),
        }
    }
    let path = crate::diagnostics::display_path(&page.file.path);
    authored
        .documents
        .extend(place_documents(&body.documents, &path, |offset| {
            Position::at(&page.file.text, offset)
        }));
}

/// The words Markdown renders add in `site`'s language, and in the default language for
/// pages shown untranslated (their content is marked `lang` as that language). None when
/// nothing is produced.
fn markdown_words<'t>(
    site: &Site,
    producing: Producing<'_, 't>,
) -> (markdown::Words<'t>, markdown::Words<'t>) {
    match producing {
        Some((renderer, _)) => (
            renderer.theme.strings(&site.language.code).markdown_words(),
            renderer
                .theme
                .strings(&site.config.language)
                .markdown_words(),
        ),
        None => (markdown::Words::NONE, markdown::Words::NONE),
    }
}

/// The pages of one toolkit edition (`toolkit` is its number) or the standalone pages.
#[derive(Clone, Copy)]
struct PageList<'a> {
    pages: &'a [Page],
    toolkit: Option<EditionIdx>,
}

impl Renderer<'_> {
    /// Turns one list of pages, their Markdown rendered, into HTML, with the toolkit's
    /// print edition, audience pages and district pages. Returns the pages' text for the
    /// search index and the output files, in order.
    fn produce(
        &self,
        list: PageList,
        mut rendered: Vec<markdown::Rendered>,
        sidebars: &[String],
    ) -> Produced {
        let (site, urls) = (self.site, self.urls);
        let mut page_texts = Vec::new();
        for (page, body) in list.pages.iter().zip(rendered.iter_mut()) {
            let text = match list.toolkit {
                Some(t) => {
                    index::PageText::of_edition_page(site, urls, self.edition(t), page, body)
                }
                None => Some(index::PageText::of_standalone(urls, page, body)),
            };
            page_texts.extend(text);
        }
        let outputs: Vec<Result<RenderedFile, Diagnostic>> = match list.toolkit {
            Some(t) => {
                let mut outputs = vec![self.print(t, &rendered)];
                outputs.extend(
                    self.edition(t)
                        .audiences()
                        .into_iter()
                        .map(|a| self.audience(t, a)),
                );
                let pages: Vec<_> = rendered
                    .into_par_iter()
                    .enumerate()
                    .map(|(p, body)| self.toolkit_page(t, p, &body, &sidebars[t.index()]))
                    .collect();
                outputs.extend(pages);
                outputs.extend(self.side_by_sides(list.toolkit, list.pages));
                if self.edition(t).district.is_some() {
                    outputs.extend(self.compare_pages(t));
                } else {
                    if !site.districts.is_empty() {
                        outputs.push(self.adaptation_guide(t));
                    }
                    if !site.config.languages.is_empty() {
                        outputs.push(self.translation_guide(t));
                    }
                }
                outputs
            }
            None => {
                let mut outputs: Vec<_> = rendered
                    .into_par_iter()
                    .enumerate()
                    .map(|(i, body)| self.standalone(i, &body))
                    .collect();
                outputs.extend(self.side_by_sides(None, list.pages));
                outputs
            }
        };
        (page_texts, outputs)
    }
}

/// Each toolkit's pages, then the standalone pages (marked by `None`).
fn page_lists(site: &Site) -> Vec<(&[Page], Option<EditionIdx>)> {
    site.editions_indexed()
        .map(|(t, toolkit)| (toolkit.pages.as_slice(), Some(t)))
        .chain(std::iter::once((site.pages.as_slice(), None)))
        .collect()
}

/// Fills every page's placeholders and finds its headings, so that links between pages
/// can be checked down to their `#fragment`s.
#[allow(clippy::type_complexity)]
fn prepare_bodies<'a>(
    site: &'a Site,
    lists: &[(&'a [Page], Option<EditionIdx>)],
) -> (Vec<Vec<Body<'a>>>, Vec<Vec<Vec<Heading>>>) {
    let editions: Vec<&Toolkit> = site.all_editions().collect();
    let index_files: Vec<PathBuf> = editions.iter().map(|t| t.dir.join("_index.md")).collect();
    let defaults = |toolkit: Option<EditionIdx>| Defaults {
        table: toolkit.map(|t| {
            let edition = site.edition(t);
            (&edition.district_defaults, index_files[t.index()].as_path())
        }),
        district: toolkit
            .and_then(|t| site.edition(t).district)
            .map(|d| site.district(d)),
    };
    lists
        .iter()
        .map(|(pages, t)| {
            let defaults = defaults(*t);
            pages
                .par_iter()
                .map(|page| {
                    let body = Body::new(
                        &page.file.text,
                        page.body_start,
                        Trust::Author,
                        Some(&defaults),
                    );
                    let headings = markdown::headings(&body);
                    (body, headings)
                })
                .unzip()
        })
        .unzip()
}
