//! Toolkit pages: the landing page, chapters and sections, the print edition, the audience
//! views, and the lists of toolkits on the home and toolkits pages.

use super::links::{print_anchor, Urls};
use super::views::{
    AudienceEntry, AudienceTag, DateText, Link, PrintChapter, ToolkitView, TreeNode,
};
use super::{toc, Renderer};
use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::model::{Audience, Toolkit};

/// What every page of a toolkit shows about it. Built once per toolkit: counting audiences
/// walks all its pages.
pub(super) fn toolkit_view(urls: &Urls, toolkit: &Toolkit, has_districts: bool) -> ToolkitView {
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
            AudienceTag::new(a, &url, count)
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
            .map(|a| AudienceTag::new(*a, &url, 0))
            .collect()
    }

    /// The tree of pages under page `index`, for the sidebar and section listings.
    fn tree(&self, toolkit: &Toolkit, index: usize, depth_limit: usize) -> Vec<TreeNode> {
        toolkit.pages[index]
            .children
            .iter()
            .map(|&child| {
                let page = &toolkit.pages[child];
                TreeNode {
                    title: page.title.clone(),
                    url: self.urls.toolkit_page(&toolkit.root, &page.url_path),
                    summary: page.summary.clone(),
                    children: if depth_limit > 1 {
                        self.tree(toolkit, child, depth_limit - 1)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// The toolkit's navigation, rendered once and shared by all its pages.
    pub(super) fn sidebar(&self, t: usize) -> Result<String, Diagnostic> {
        let toolkit = self.editions[t];
        let mut context = self.base.clone();
        context.insert("toolkit", &self.toolkit_views[t]);
        context.insert("tree", &self.tree(toolkit, 0, usize::MAX));
        self.theme.render("sidebar.html", &context)
    }

    pub(super) fn toolkit_page(
        &self,
        t: usize,
        p: usize,
        body: &markdown::Rendered,
        sidebar: &str,
    ) -> Result<(String, String), Diagnostic> {
        let toolkit = self.editions[t];
        let page = &toolkit.pages[p];
        let url = self.urls.toolkit_page(&toolkit.root, &page.url_path);
        let title = if p == 0 {
            page.title.clone()
        } else {
            format!("{} · {}", page.title, toolkit.title)
        };
        let description = page.summary.as_deref().unwrap_or(&body.description);
        let kind = if p == 0 { "toolkit" } else { "chapter" };
        let mut context = self.context(&title, description, &url, kind);
        let link = |i: usize| Link {
            title: toolkit.pages[i].title.clone(),
            url: self
                .urls
                .toolkit_page(&toolkit.root, &toolkit.pages[i].url_path),
        };
        let mut breadcrumbs = Vec::new();
        let mut ancestor = page.parent;
        while let Some(a) = ancestor {
            breadcrumbs.push(link(a));
            ancestor = toolkit.pages[a].parent;
        }
        breadcrumbs.reverse();
        let marker = format!("href=\"{url}\"");
        let sidebar = sidebar.replacen(&marker, &format!("{marker} aria-current=\"page\""), 1);

        context.insert("toolkit", &self.toolkit_views[t]);
        context.insert("edition", &self.edition_view(t, Some(page)));
        context.insert("title", &page.title);
        context.insert("summary", &page.summary);
        context.insert("content", &body.html);
        context.insert("toc", &toc(&body.headings));
        context.insert("breadcrumbs", &breadcrumbs);
        context.insert("prev", &p.checked_sub(1).map(link));
        context.insert("next", &(p + 1 < toolkit.pages.len()).then(|| link(p + 1)));
        context.insert("sidebar", &sidebar);
        context.insert("audience", &self.audience_tags(toolkit, &page.audience));
        context.insert("updated", &page.updated.map(DateText::from));
        context.insert(
            "children",
            &self.tree(toolkit, p, if p == 0 { 2 } else { 1 }),
        );
        let template = if p == 0 {
            "toolkit.html"
        } else {
            "chapter.html"
        };
        self.finish(template, &context, &url)
    }

    pub(super) fn print(
        &self,
        t: usize,
        bodies: &[markdown::Rendered],
    ) -> Result<(String, String), Diagnostic> {
        let toolkit = self.editions[t];
        let url = self.urls.toolkit_page(&toolkit.root, "print");
        let title = format!("{} (printable edition)", toolkit.title);
        let mut context = self.context(
            &title,
            toolkit.summary.as_deref().unwrap_or(""),
            &url,
            "print",
        );
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
        context.insert("toolkit", &self.toolkit_views[t]);
        context.insert("edition", &self.edition_view(t, None));
        context.insert("chapters", &chapters);
        self.finish("print.html", &context, &url)
    }

    pub(super) fn audience(
        &self,
        t: usize,
        audience: Audience,
    ) -> Result<(String, String), Diagnostic> {
        let toolkit = self.editions[t];
        let toolkit_url = self.urls.toolkit_page(&toolkit.root, "");
        let url = format!("{toolkit_url}for/{}/", audience.slug());
        let title = format!("{} for {}", toolkit.title, audience.label().to_lowercase());
        let mut context = self.context(
            &title,
            toolkit.summary.as_deref().unwrap_or(""),
            &url,
            "audience",
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
        context.insert("toolkit", &self.toolkit_views[t]);
        context.insert("edition", &self.edition_view(t, None));
        context.insert(
            "audience",
            &AudienceTag::new(audience, &toolkit_url, entries.len()),
        );
        context.insert("entries", &entries);
        self.finish("audience.html", &context, &url)
    }

    pub(super) fn home(&self) -> Result<(String, String), Diagnostic> {
        let url = self.urls.home();
        let config = &self.site.config;
        let mut context = self.context(&config.title, &config.description, &url, "home");
        context.insert("toolkits", &self.toolkit_views[..self.site.toolkits.len()]);
        context.insert("catalog", &super::catalog::home_view(self));
        self.finish("home.html", &context, &url)
    }

    pub(super) fn toolkits(&self) -> Result<(String, String), Diagnostic> {
        let url = self.urls.toolkits();
        let mut context = self.context("Toolkits", &self.site.config.description, &url, "toolkits");
        context.insert("toolkits", &self.toolkit_views[..self.site.toolkits.len()]);
        self.finish("toolkits.html", &context, &url)
    }
}
