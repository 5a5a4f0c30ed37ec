//! Toolkit pages: the landing page, chapters and sections, the print edition, the audience
//! views, and the lists of toolkits on the home and toolkits pages.

use super::contexts::{
    AudienceContext, ChapterContext, HomeContext, PrintContext, SidebarContext, ToolkitsContext,
};
use super::links::{print_anchor, Urls};
use super::views::{
    AudienceEntry, AudienceTag, DateText, Link, PageKind, PrintChapter, ToolkitView, TreeNode,
};
use super::{toc, Renderer, Strings};
use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::model::{Audience, EditionIdx, Page, PageIdx, Toolkit};
use crate::render::RenderedFile;

/// What every page of a toolkit shows about it. Built once per toolkit: counting audiences
/// walks all its pages.
pub(super) fn toolkit_view(
    urls: &Urls,
    t: &Strings,
    toolkit: &Toolkit,
    has_districts: bool,
) -> ToolkitView {
    let url = urls.toolkit_page(&toolkit.root, "");
    let audiences = toolkit
        .audiences()
        .into_iter()
        .map(|a| {
            let count = toolkit
                .pages
                .iter()
                .filter(|p| p.audience.contains(&a))
                .count();
            AudienceTag::new(a, t, &url, count)
        })
        .collect();
    ToolkitView {
        title: toolkit.title.clone(),
        summary: toolkit.summary.clone(),
        print_url: urls.toolkit_page(&toolkit.root, "print"),
        adapt_url: (has_districts && toolkit.district.is_none())
            .then(|| urls.toolkit_page(&toolkit.root, "adapt")),
        url,
        audiences,
        page_count: toolkit.pages.len(),
    }
}

impl Renderer<'_> {
    fn audience_tags(&self, toolkit: &Toolkit, audience: &[Audience]) -> Vec<AudienceTag> {
        let url = self.urls.toolkit_page(&toolkit.root, "");
        audience
            .iter()
            .map(|a| AudienceTag::new(*a, self.strings(), &url, 0))
            .collect()
    }

    /// The tree of pages under a page with these `children`, for the sidebar and section
    /// listings.
    fn tree(&self, toolkit: &Toolkit, children: &[PageIdx], depth_limit: usize) -> Vec<TreeNode> {
        children
            .iter()
            .map(|&child| {
                let page = toolkit.page(child);
                TreeNode {
                    title: page.title.clone(),
                    url: self.urls.toolkit_page(&toolkit.root, &page.url_path),
                    summary: page.summary.clone(),
                    children: if depth_limit > 1 {
                        self.tree(toolkit, &page.children, depth_limit - 1)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// The toolkit's navigation, rendered once and shared by all its pages.
    pub(super) fn sidebar(&self, t: EditionIdx) -> Result<String, Diagnostic> {
        self.theme.render(&SidebarContext {
            site: &self.base,
            t: self.strings(),
            toolkit: &self.toolkit_views[t.index()],
            tree: self.tree(
                self.edition(t),
                &self.edition(t).page(PageIdx::LANDING).children,
                usize::MAX,
            ),
        })
    }

    pub(super) fn toolkit_page(
        &self,
        t: EditionIdx,
        p: usize,
        body: &markdown::Rendered,
        sidebar: &str,
    ) -> Result<RenderedFile, Diagnostic> {
        let toolkit = self.edition(t);
        let page = &toolkit.pages[p];
        let url = self.urls.toolkit_page(&toolkit.root, &page.url_path);
        let title = if p == 0 {
            page.title.clone()
        } else {
            format!("{} · {}", page.title, toolkit.title)
        };
        let description = page.summary.as_deref().unwrap_or(&body.description);
        let kind = if p == 0 {
            PageKind::Toolkit
        } else {
            PageKind::Chapter
        };
        let link = |linked: &Page| Link {
            title: linked.title.clone(),
            url: self.urls.toolkit_page(&toolkit.root, &linked.url_path),
        };
        let mut breadcrumbs = Vec::new();
        let mut ancestor = page.parent;
        while let Some(a) = ancestor {
            let section = toolkit.page(a);
            breadcrumbs.push(link(section));
            ancestor = section.parent;
        }
        breadcrumbs.reverse();
        let marker = format!("href=\"{url}\"");
        let sidebar = sidebar.replacen(&marker, &format!("{marker} aria-current=\"page\""), 1);

        let mut frame = self.frame(&title, description, &url, kind);
        self.translation_of(&mut frame.languages, page, || {
            self.side_by_side_url(Some(t), page)
        });
        let context = ChapterContext {
            frame,
            toolkit: &self.toolkit_views[t.index()],
            edition: self.edition_view(t, Some(page)),
            title: &page.title,
            summary: page.summary.as_deref(),
            content: &body.html,
            toc: toc(&body.headings),
            breadcrumbs,
            prev: p.checked_sub(1).map(|before| link(&toolkit.pages[before])),
            next: toolkit.pages.get(p + 1).map(link),
            sidebar,
            audience: self.audience_tags(toolkit, &page.audience),
            updated: page.updated.map(|d| DateText::new(d, self.strings())),
            children: self.tree(toolkit, &page.children, if p == 0 { 2 } else { 1 }),
        };
        self.finish(&context, &url)
    }

    pub(super) fn print(
        &self,
        t: EditionIdx,
        bodies: &[markdown::Rendered],
    ) -> Result<RenderedFile, Diagnostic> {
        let toolkit = self.edition(t);
        let url = self.urls.toolkit_page(&toolkit.root, "print");
        let title = format!("{} (printable edition)", toolkit.title);
        let chapters: Vec<PrintChapter> = toolkit
            .pages
            .iter()
            .zip(bodies)
            .map(|(page, body)| PrintChapter {
                anchor: print_anchor(page),
                title: &page.title,
                depth: page.depth,
                content: &body.print_html,
                audience: self.audience_tags(toolkit, &page.audience),
            })
            .collect();
        let context = PrintContext {
            frame: self.frame(
                &title,
                toolkit.summary.as_deref().unwrap_or(""),
                &url,
                PageKind::Print,
            ),
            toolkit: &self.toolkit_views[t.index()],
            edition: self.edition_view(t, None),
            chapters,
        };
        self.finish(&context, &url)
    }

    pub(super) fn audience(
        &self,
        t: EditionIdx,
        audience: Audience,
    ) -> Result<RenderedFile, Diagnostic> {
        let toolkit = self.edition(t);
        let toolkit_url = self.urls.toolkit_page(&toolkit.root, "");
        let url = format!("{toolkit_url}for/{}/", audience.slug());
        let strings = self.strings();
        let title = strings.fill(
            "audience.page_title",
            &[
                ("toolkit", &toolkit.title),
                ("audience", &strings.label(audience).to_lowercase()),
            ],
        );
        let entries: Vec<AudienceEntry> = toolkit
            .pages
            .iter()
            .filter(|p| p.audience.contains(&audience))
            .map(|p| AudienceEntry {
                title: &p.title,
                summary: p.summary.as_deref(),
                url: self.urls.toolkit_page(&toolkit.root, &p.url_path),
                depth: p.depth,
            })
            .collect();
        let context = AudienceContext {
            frame: self.frame(
                &title,
                toolkit.summary.as_deref().unwrap_or(""),
                &url,
                PageKind::Audience,
            ),
            toolkit: &self.toolkit_views[t.index()],
            edition: self.edition_view(t, None),
            audience: AudienceTag::new(audience, strings, &toolkit_url, entries.len()),
            entries,
        };
        self.finish(&context, &url)
    }

    pub(super) fn home(&self) -> Result<RenderedFile, Diagnostic> {
        let url = self.urls.home();
        let site = &self.base;
        let context = HomeContext {
            frame: self.frame(&site.title, &site.description, &url, PageKind::Home),
            toolkits: &self.toolkit_views[..self.site.toolkits.len()],
            catalog: super::catalog::home_view(self),
        };
        self.finish(&context, &url)
    }

    pub(super) fn toolkits(&self) -> Result<RenderedFile, Diagnostic> {
        let url = self.urls.toolkits();
        let context = ToolkitsContext {
            frame: self.frame(
                self.strings().text("toolkit.toolkits"),
                &self.base.description,
                &url,
                PageKind::Toolkits,
            ),
            toolkits: &self.toolkit_views[..self.site.toolkits.len()],
        };
        self.finish(&context, &url)
    }
}
