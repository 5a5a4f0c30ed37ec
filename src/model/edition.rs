//! District editions: a toolkit as a district publishes it. Its pages are the regional
//! pages, with the district's overrides swapped in, its additions placed among them and its
//! omissions (with their sections) left out; the tree and reading order are rebuilt.

use std::path::PathBuf;

use super::district::{fingerprint, Adaptation, District};
use super::toolkit::{
    check_urls, inherit_audience, link_parents, reading_order, Asset, Origin, Page, Toolkit,
};
use super::translation::{report_unmatched, Languages, Naming};
use crate::diagnostics::{closest, display_path, Diagnostic};
use crate::slug::segment;

/// Builds every district's edition of every toolkit, and reports adaptations that match
/// nothing.
pub fn build(
    toolkits: &[Toolkit],
    districts: &[District],
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Toolkit> {
    let mut editions = Vec::new();
    for (d, district) in districts.iter().enumerate() {
        diagnostics.extend(unknown_adapted_toolkits(toolkits, district));
        diagnostics.extend(unknown_omitted_toolkits(toolkits, district));
        for toolkit in toolkits {
            if let Some(edition) = edition(toolkit, district, d, languages, diagnostics) {
                editions.push(edition);
            }
        }
    }
    editions
}

/// Adaptation folders must be named after a toolkit (its folder or its slug).
fn unknown_adapted_toolkits(toolkits: &[Toolkit], district: &District) -> Vec<Diagnostic> {
    let names: Vec<&str> = toolkits.iter().map(|t| t.slug.as_str()).collect();
    let known = |folder: &str| {
        toolkits.iter().any(|t| {
            t.dir.file_name().and_then(|n| n.to_str()) == Some(folder) || t.slug == segment(folder)
        })
    };
    let unknown = district.adaptations.iter().filter(|(f, _)| !known(f));
    unknown
        .map(|(folder, adaptation)| {
            let help = match closest(folder, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "adaptations go in a folder named after a toolkit: {}",
                    names.join(", ")
                ),
            };
            let message = format!(
                "district `{}` adapts a toolkit that does not exist",
                district.id
            );
            Diagnostic::error(&adaptation.dir, message).help(help)
        })
        .collect()
}

/// The toolkits that `[omit]` names must exist.
fn unknown_omitted_toolkits(toolkits: &[Toolkit], district: &District) -> Vec<Diagnostic> {
    let names: Vec<&str> = toolkits.iter().map(|t| t.slug.as_str()).collect();
    let unknown = district
        .omit
        .keys()
        .filter(|id| !toolkits.iter().any(|t| &t.slug == *id));
    unknown
        .map(|toolkit_id| {
            let message = format!(
                "district `{}`: `omit` names a toolkit that does not exist: `{toolkit_id}`",
                district.id
            );
            Diagnostic::error(&district.file.path, message)
                .at(district.file.position_of_key(toolkit_id))
                .help(format!("toolkits: {}", names.join(", ")))
        })
        .collect()
}

/// One district's edition of one toolkit: omissions left out, overrides swapped in,
/// additions placed, then the tree, reading order and assets rebuilt.
fn edition(
    toolkit: &Toolkit,
    district: &District,
    d: usize,
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Toolkit> {
    let folder = toolkit
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&toolkit.slug);
    let adaptation = district.adaptations.get(folder).or_else(|| {
        let by_segment = |(f, _): &(&String, _)| segment(f) == toolkit.slug;
        district.adaptations.iter().find(by_segment).map(|(_, a)| a)
    });
    let omitted = omissions(toolkit, district, diagnostics);
    let mut pages: Vec<Page> = toolkit
        .pages
        .iter()
        .filter(|p| !is_omitted(&omitted, &p.key))
        .cloned()
        .collect();
    if let Some(adaptation) = adaptation {
        let edition = Edition {
            toolkit,
            district,
            omitted: &omitted,
        };
        for page in &adaptation.pages {
            edition.adapt(page, &mut pages, diagnostics);
        }
        edition.translate(adaptation, &mut pages, languages, diagnostics);
    }
    let parents = rebuild_tree(&mut pages, diagnostics);
    check_urls(
        &pages,
        (
            &format!("districts/{}/{}", district.id, toolkit.slug),
            languages,
        ),
        diagnostics,
    );
    let landing = pages.iter().position(|p| p.key.is_empty())?;
    let pages = reading_order(pages, &parents, landing, languages.drafts);
    let mut edition = Toolkit {
        root: format!("districts/{}/{}", district.id, toolkit.slug),
        district: Some(super::DistrictIdx(d)),
        pages,
        assets: assets(toolkit, adaptation),
        ..toolkit.clone_without_pages()
    };
    inherit_audience(&mut edition);
    Some(edition)
}

const OMIT_PATH_HELP: &str =
    "write the page's path relative to the toolkit folder, without .md, e.g. \"04-hosting/before\"";

/// The keys of the regional pages the district omits from this toolkit. Each entry must
/// name a regional page, by its source path or its URL path.
fn omissions(
    toolkit: &Toolkit,
    district: &District,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let entries = district.omit.get(&toolkit.slug).map(Vec::as_slice);
    let mut omitted = Vec::new();
    for entry in entries.unwrap_or_default() {
        let wanted = entry
            .get_ref()
            .trim_matches('/')
            .trim_end_matches(".md")
            .trim_end_matches("/_index");
        let found = toolkit
            .pages
            .iter()
            .find(|p| !p.key.is_empty() && (p.key == wanted || p.url_path == wanted));
        if let Some(page) = found {
            omitted.push(page.key.clone());
            continue;
        }
        let help = match closest(wanted, page_keys(toolkit)) {
            Some(near) => format!(
                "did you mean `{near}`? paths are relative to the toolkit folder, without .md"
            ),
            None => OMIT_PATH_HELP.to_string(),
        };
        let message = format!(
            "district `{}`: `omit` names no page of `{}`: `{}`",
            district.id,
            toolkit.slug,
            entry.get_ref()
        );
        diagnostics.push(
            Diagnostic::error(&district.file.path, message)
                .at(district.file.position(entry.span().start))
                .help(help),
        );
    }
    omitted
}

/// The keys of a toolkit's pages other than its landing page.
fn page_keys(toolkit: &Toolkit) -> impl Iterator<Item = &str> {
    toolkit
        .pages
        .iter()
        .map(|p| p.key.as_str())
        .filter(|k| !k.is_empty())
}

/// Whether the page at `key` is omitted, itself or with its section.
fn is_omitted(omitted: &[String], key: &str) -> bool {
    omitted
        .iter()
        .any(|o| key == o || key.starts_with(&format!("{o}/")))
}

/// What placing a district's pages into an edition needs to know.
struct Edition<'a> {
    toolkit: &'a Toolkit,
    district: &'a District,
    omitted: &'a [String],
}

const ADAPTS_AND_OMITS_HELP: &str = "remove the page, or its entry under [omit] in district.toml";
const OVERRIDE_PATH: &str = "an override sits at the same path as the regional page";

impl Edition<'_> {
    /// Places one district page: an override replaces the regional page at its path, an
    /// addition joins the pages; a page that is also omitted, or an override of nothing, is
    /// an error and left out.
    fn adapt(&self, page: &Page, pages: &mut Vec<Page>, diagnostics: &mut Vec<Diagnostic>) {
        let district = self.district;
        if is_omitted(self.omitted, &page.key) {
            let message = format!("district `{}` both adapts and omits this page", district.id);
            diagnostics
                .push(Diagnostic::error(&page.file.path, message).help(ADAPTS_AND_OMITS_HELP));
            return;
        }
        let mut page = page.clone();
        // The last page with the key, as a map by key would keep.
        let base = self.toolkit.pages.iter().rfind(|p| p.key == page.key);
        match base {
            Some(base) => {
                let current = fingerprint(&base.file.text);
                let stale = page
                    .adapted_from
                    .as_deref()
                    .is_some_and(|recorded| recorded != current);
                if stale {
                    diagnostics.push(self.stale(&page, base, &current));
                }
                page.origin = Origin::Override {
                    base: base.file.path.clone(),
                    fingerprint: current,
                    stale,
                };
                let slot = pages
                    .iter()
                    .position(|p| p.key == page.key)
                    .expect("a page that is not omitted is kept");
                pages[slot] = page;
            }
            None if page.adapted_from.is_some() => diagnostics.push(self.overrides_nothing(&page)),
            None => {
                page.origin = Origin::Addition;
                pages.push(page);
            }
        }
    }

    /// Attaches the district's translations of regional pages it does not override to
    /// those pages, in place of the regional translations into the same language.
    fn translate(
        &self,
        adaptation: &Adaptation,
        pages: &mut [Page],
        languages: &Languages,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut loose = adaptation.translations.clone();
        for translation in &mut loose {
            let regional = pages
                .iter_mut()
                .find(|p| p.key == translation.key && p.origin == Origin::Base);
            if let Some(page) = regional {
                page.translations.retain(|t| t.code != translation.code);
                translation.source = page.file.path.clone();
            }
        }
        let naming = Naming::District(&self.toolkit.dir, &self.district.id);
        let unmatched = languages.attach(pages, loose, naming, diagnostics);
        let paths = adaptation.pages.iter().map(|p| p.file.path.as_path());
        report_unmatched(&unmatched, paths, diagnostics);
    }

    /// A warning: the regional page changed since the override was adapted from it.
    fn stale(&self, page: &Page, base: &Page, current: &str) -> Diagnostic {
        let message = format!(
            "district `{}`: the regional page {} has changed since this page was adapted from it",
            self.district.id,
            display_path(&base.file.path)
        );
        Diagnostic::warning(&page.file.path, message)
            .at(page.file.position_of_key("adapted_from"))
            .help(format!(
                "compare the two, update this page, then set adapted_from = \"{current}\""
            ))
    }

    /// An override (it has `adapted_from`) at a path where no regional page is.
    fn overrides_nothing(&self, page: &Page) -> Diagnostic {
        let help = match closest(&page.key, page_keys(self.toolkit)) {
            Some(near) => format!("did you mean to adapt `{near}`? {OVERRIDE_PATH}"),
            None => format!("{OVERRIDE_PATH}; a new page has no `adapted_from`"),
        };
        let message = format!(
            "district `{}`: this override matches no regional page of `{}`",
            self.district.id, self.toolkit.slug
        );
        Diagnostic::error(&page.file.path, message)
            .at(page.file.position_of_key("adapted_from"))
            .help(help)
    }
}

/// Rebuilds the tree: a page's parent is the section of its folder.
fn rebuild_tree(pages: &mut [Page], diagnostics: &mut Vec<Diagnostic>) -> Vec<Option<usize>> {
    for page in pages.iter_mut() {
        page.parent = None;
        page.children.clear();
        page.depth = 0;
    }
    let parent_keys: Vec<Option<String>> = pages
        .iter()
        .map(|p| {
            if p.key.is_empty() {
                None
            } else {
                Some(
                    p.key
                        .rsplit_once('/')
                        .map_or(String::new(), |(parent, _)| parent.to_string()),
                )
            }
        })
        .collect();
    link_parents(pages, &parent_keys, diagnostics, &super::Failed::default())
}

/// The toolkit's assets, with the district's replacing those at the same path and the
/// rest added.
fn assets(toolkit: &Toolkit, adaptation: Option<&Adaptation>) -> Vec<Asset> {
    let mut assets = toolkit.assets.clone();
    for asset in adaptation.iter().flat_map(|a| &a.assets) {
        match assets.iter_mut().find(|a| a.url_path == asset.url_path) {
            Some(existing) => *existing = asset.clone(),
            None => assets.push(asset.clone()),
        }
    }
    assets
}

impl Toolkit {
    /// The toolkit's settings without its pages and assets, to build an edition from.
    fn clone_without_pages(&self) -> Toolkit {
        Toolkit {
            slug: self.slug.clone(),
            root: self.root.clone(),
            district: self.district,
            dir: self.dir.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            audience: self.audience.clone(),
            district_defaults: self.district_defaults.clone(),
            pages: Vec::new(),
            assets: Vec::new(),
        }
    }

    /// Where page `key` would be in the regional toolkit folder: the path that links in
    /// Markdown are resolved against, for regional and district pages alike.
    pub fn tree_path(&self, page: &Page) -> PathBuf {
        match &page.origin {
            Origin::Base => page.source_path().to_path_buf(),
            Origin::Override { base, .. } => base.clone(),
            Origin::Addition => {
                let file = page
                    .source_path()
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_default();
                let folder = page.key.rsplit_once('/').map_or("", |(f, _)| f);
                let folder = if page.source_path().ends_with("_index.md") {
                    page.key.as_str()
                } else {
                    folder
                };
                self.dir.join(folder).join(file)
            }
        }
    }
}
