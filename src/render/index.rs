//! Search documents from the rendered site: toolkit pages down to their sections (each
//! edition's own pages scoped to it), standalone pages, the catalog and the districts.

use super::links::Urls;
use crate::markdown::{self, Heading};
use crate::model::{DistrictIdx, Origin, Page, Site, Toolkit};
use crate::search::{Doc, DocType, Scope};

/// The text of one page, kept from its rendering for the index.
pub(super) struct PageText {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub keywords: String,
    pub headings: Vec<Heading>,
    pub sections: Vec<String>,
    pub scope: Scope,
}

impl PageText {
    /// The text of a toolkit page of `toolkit`, or `None` for a page the index does not
    /// need (a regional page in a district's edition: the regional document stands for it).
    pub fn of_edition_page(
        site: &Site,
        urls: &Urls,
        toolkit: &Toolkit,
        page: &Page,
        rendered: &mut markdown::Rendered,
    ) -> Option<PageText> {
        let scope = match (toolkit.district, &page.origin) {
            (Some(_), Origin::Base) => return None,
            (Some(d), _) => Scope {
                only: vec![d.index()],
                not: Vec::new(),
            },
            (None, _) => Scope {
                only: Vec::new(),
                // Districts whose edition replaces or leaves out this page.
                not: site
                    .editions
                    .iter()
                    .filter(|e| e.slug == toolkit.slug)
                    .filter(|e| {
                        !e.pages
                            .iter()
                            .any(|p| p.key == page.key && p.origin == Origin::Base)
                    })
                    .filter_map(|e| e.district.map(DistrictIdx::index))
                    .collect(),
            },
        };
        Some(PageText {
            url: urls.toolkit_page(&toolkit.root, &page.url_path),
            title: page.title.clone(),
            summary: page
                .summary
                .clone()
                .unwrap_or_else(|| rendered.description.clone()),
            keywords: toolkit.title.clone(),
            headings: rendered.headings.clone(),
            sections: std::mem::take(&mut rendered.sections),
            scope,
        })
    }

    pub fn of_standalone(urls: &Urls, page: &Page, rendered: &mut markdown::Rendered) -> PageText {
        PageText {
            url: urls.page(&page.url_path),
            title: page.title.clone(),
            summary: page
                .summary
                .clone()
                .unwrap_or_else(|| rendered.description.clone()),
            keywords: String::new(),
            headings: rendered.headings.clone(),
            sections: std::mem::take(&mut rendered.sections),
            scope: Scope::default(),
        }
    }

    /// One document for the page, and one for each of its second- and third-level sections
    /// (deeper sections belong to the one above them), linked to the heading's anchor.
    pub fn into_docs(self, docs: &mut Vec<Doc>) {
        let mut sections = self.sections.into_iter();
        docs.push(Doc {
            kind: DocType::Page,
            title: self.title.clone(),
            url: self.url.clone(),
            excerpt: self.summary,
            keywords: self.keywords,
            body: sections.next().unwrap_or_default(),
            scope: self.scope.clone(),
        });
        for (heading, text) in self.headings.iter().zip(sections) {
            if heading.level > 3 {
                if let Some(last) = docs.last_mut() {
                    last.keywords.push(' ');
                    last.keywords.push_str(&heading.text);
                    last.body.push(' ');
                    last.body.push_str(&text);
                }
                continue;
            }
            docs.push(Doc {
                kind: DocType::Page,
                title: format!("{} › {}", self.title, heading.text),
                url: format!("{}#{}", self.url, heading.id),
                excerpt: markdown::shorten(&text, crate::search::EXCERPT),
                keywords: heading.text.clone(),
                body: text,
                scope: self.scope.clone(),
            });
        }
    }
}
