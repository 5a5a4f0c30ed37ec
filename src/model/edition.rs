//! District editions: a toolkit as a district publishes it. Its pages are the regional
//! pages, with the district's overrides swapped in, its additions placed among them and its
//! omissions (with their sections) left out; the tree and reading order are rebuilt.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::district::{fingerprint, District};
use super::toolkit::{
    check_urls, inherit_audience, link_parents, reading_order, Origin, Page, Toolkit,
};
use super::Drafts;
use crate::diagnostics::{closest, display_path, Diagnostic};

/// Builds every district's edition of every toolkit, and reports adaptations that match
/// nothing.
pub fn build(
    toolkits: &[Toolkit],
    districts: &[District],
    drafts: Drafts,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Toolkit> {
    let mut editions = Vec::new();
    for (d, district) in districts.iter().enumerate() {
        for (folder, adaptation) in &district.adaptations {
            let known = toolkits.iter().any(|t| {
                t.dir.file_name().and_then(|n| n.to_str()) == Some(folder.as_str())
                    || &t.slug == folder
            });
            if !known {
                let names: Vec<&str> = toolkits.iter().map(|t| t.slug.as_str()).collect();
                let help = match closest(folder, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "adaptations go in a folder named after a toolkit: {}",
                        names.join(", ")
                    ),
                };
                diagnostics.push(
                    Diagnostic::error(
                        &adaptation.dir,
                        format!(
                            "district `{}` adapts a toolkit that does not exist",
                            district.id
                        ),
                    )
                    .help(help),
                );
            }
        }
        for toolkit_id in district.omit.keys() {
            if !toolkits.iter().any(|t| &t.slug == toolkit_id) {
                let names: Vec<&str> = toolkits.iter().map(|t| t.slug.as_str()).collect();
                diagnostics.push(
                    Diagnostic::error(&district.file.path, format!("district `{}`: `omit` names a toolkit that does not exist: `{toolkit_id}`", district.id))
                        .at(district.file.position_of_key(toolkit_id))
                        .help(format!("toolkits: {}", names.join(", "))),
                );
            }
        }
        for toolkit in toolkits {
            if let Some(edition) = edition(toolkit, district, d, drafts, diagnostics) {
                editions.push(edition);
            }
        }
    }
    editions
}

fn edition(
    toolkit: &Toolkit,
    district: &District,
    d: usize,
    drafts: Drafts,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Toolkit> {
    let folder = toolkit
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&toolkit.slug);
    let adaptation = district
        .adaptations
        .get(folder)
        .or_else(|| district.adaptations.get(&toolkit.slug));
    let base_by_key: BTreeMap<&str, &Page> =
        toolkit.pages.iter().map(|p| (p.key.as_str(), p)).collect();

    // Omissions: each must name a regional page, by its source path or its URL path.
    let mut omitted: Vec<String> = Vec::new();
    for entry in district
        .omit
        .get(&toolkit.slug)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let wanted = entry
            .get_ref()
            .trim_matches('/')
            .trim_end_matches(".md")
            .trim_end_matches("/_index");
        match toolkit
            .pages
            .iter()
            .find(|p| !p.key.is_empty() && (p.key == wanted || p.url_path == wanted))
        {
            Some(page) => omitted.push(page.key.clone()),
            None => {
                let keys = toolkit
                    .pages
                    .iter()
                    .map(|p| p.key.as_str())
                    .filter(|k| !k.is_empty());
                let help = match closest(wanted, keys) {
                    Some(near) => format!("did you mean `{near}`? paths are relative to the toolkit folder, without .md"),
                    None => "write the page's path relative to the toolkit folder, without .md, e.g. \"04-hosting/before\"".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        &district.file.path,
                        format!(
                            "district `{}`: `omit` names no page of `{}`: `{}`",
                            district.id,
                            toolkit.slug,
                            entry.get_ref()
                        ),
                    )
                    .at(district.file.position(entry.span().start))
                    .help(help),
                );
            }
        }
    }
    let is_omitted = |key: &str| {
        omitted
            .iter()
            .any(|o| key == o || key.starts_with(&format!("{o}/")))
    };

    let mut pages: Vec<Page> = toolkit
        .pages
        .iter()
        .filter(|p| !is_omitted(&p.key))
        .cloned()
        .collect();
    if let Some(adaptation) = adaptation {
        for page in &adaptation.pages {
            if is_omitted(&page.key) {
                diagnostics.push(
                    Diagnostic::error(
                        &page.file.path,
                        format!("district `{}` both adapts and omits this page", district.id),
                    )
                    .help("remove the page, or its entry under [omit] in district.toml"),
                );
                continue;
            }
            let mut page = page.clone();
            match base_by_key.get(page.key.as_str()) {
                Some(base) => {
                    let current = fingerprint(&base.file.text);
                    let stale = page
                        .adapted_from
                        .as_deref()
                        .is_some_and(|recorded| recorded != current);
                    if stale {
                        diagnostics.push(
                            Diagnostic::warning(&page.file.path, format!(
                                "district `{}`: the regional page {} has changed since this page was adapted from it",
                                district.id,
                                display_path(&base.file.path)
                            ))
                            .at(page.file.position_of_key("adapted_from"))
                            .help(format!("compare the two, update this page, then set adapted_from = \"{current}\"")),
                        );
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
                None => {
                    if page.adapted_from.is_some() {
                        let keys = toolkit
                            .pages
                            .iter()
                            .map(|p| p.key.as_str())
                            .filter(|k| !k.is_empty());
                        let help = match closest(&page.key, keys) {
                            Some(near) => format!("did you mean to adapt `{near}`? an override sits at the same path as the regional page"),
                            None => "an override sits at the same path as the regional page; a new page has no `adapted_from`".to_string(),
                        };
                        diagnostics.push(
                            Diagnostic::error(
                                &page.file.path,
                                format!(
                                    "district `{}`: this override matches no regional page of `{}`",
                                    district.id, toolkit.slug
                                ),
                            )
                            .at(page.file.position_of_key("adapted_from"))
                            .help(help),
                        );
                        continue;
                    }
                    page.origin = Origin::Addition;
                    pages.push(page);
                }
            }
        }
    }

    // Rebuild the tree: a page's parent is the section of its folder.
    for page in &mut pages {
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
    let parents = link_parents(&pages, &parent_keys, diagnostics, &super::Failed::default());
    check_urls(
        &pages,
        &format!("districts/{}/{}", district.id, toolkit.slug),
        diagnostics,
    );
    let landing = pages.iter().position(|p| p.key.is_empty())?;
    let pages = reading_order(pages, &parents, landing, drafts);

    let mut assets = toolkit.assets.clone();
    if let Some(adaptation) = adaptation {
        for asset in &adaptation.assets {
            match assets.iter_mut().find(|a| a.url_path == asset.url_path) {
                Some(existing) => *existing = asset.clone(),
                None => assets.push(asset.clone()),
            }
        }
    }
    let mut edition = Toolkit {
        root: format!("districts/{}/{}", district.id, toolkit.slug),
        district: Some(super::DistrictIdx(d)),
        pages,
        assets,
        ..toolkit.clone_without_pages()
    };
    inherit_audience(&mut edition);
    Some(edition)
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
            Origin::Base => page.file.path.clone(),
            Origin::Override { base, .. } => base.clone(),
            Origin::Addition => {
                let file = page
                    .file
                    .path
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_default();
                let folder = page.key.rsplit_once('/').map_or("", |(f, _)| f);
                let folder = if page.file.path.ends_with("_index.md") {
                    page.key.as_str()
                } else {
                    folder
                };
                self.dir.join(folder).join(file)
            }
        }
    }
}
