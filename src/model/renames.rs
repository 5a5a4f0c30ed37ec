//! Names that are not yet what they are served as: for each file or folder whose name
//! differs from the URL segment it makes (`03_Insurance.md` is served as `insurance/`), the
//! name that would keep file names and URLs alike. `trellis check` lists them as
//! information; any name builds.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::translation::split_name;
use super::Site;
use crate::diagnostics::display_path;
use crate::slug::{segment, segment_keeping_prefix, split_prefix};

/// A file or folder whose name is not the URL segment it makes.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Rename {
    /// The file, or the folder with a trailing `/`, relative to the site root.
    pub path: String,
    /// The URL segment its name makes.
    pub served_as: String,
    /// The name that would keep its numeric prefix and match its URL.
    pub rename_to: String,
}

impl std::fmt::Display for Rename {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is served as {}/; rename it to {} to keep names and URLs alike",
            self.path, self.served_as, self.rename_to
        )
    }
}

/// Every file and folder of the site's toolkits, district adaptations and standalone
/// pages whose name is not what it is served as, sorted by path.
pub fn renames(site: &Site) -> Vec<Rename> {
    let mut found = BTreeMap::new();
    for toolkit in &site.toolkits {
        let files = toolkit.pages.iter().flat_map(|p| {
            let translations = p.translations.iter().map(|t| t.file.path.as_path());
            std::iter::once(p.file.path.as_path()).chain(translations)
        });
        let assets = toolkit.assets.iter().map(|a| a.source.as_path());
        in_folder(&toolkit.dir, files.chain(assets), &mut found);
    }
    for adaptation in site.districts.iter().flat_map(|d| d.adaptations.values()) {
        let pages = adaptation.pages.iter().map(|p| p.file.path.as_path());
        let translations = adaptation
            .translations
            .iter()
            .map(|t| t.page.file.path.as_path());
        let assets = adaptation.assets.iter().map(|a| a.source.as_path());
        in_folder(
            &adaptation.dir,
            pages.chain(translations).chain(assets),
            &mut found,
        );
    }
    let standalone = site.pages.iter().flat_map(|p| {
        let translations = p.translations.iter().map(|t| t.file.path.clone());
        std::iter::once(p.file.path.clone()).chain(translations)
    });
    for path in standalone {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(rename) = page_rename(&path, name, Served::KeepingPrefix) {
            found.insert(rename.path.clone(), rename);
        }
    }
    found.into_values().collect()
}

/// How a name makes its segment.
#[derive(Clone, Copy)]
enum Served {
    /// A toolkit's file or folder: its numeric prefix orders it and is dropped.
    DroppingPrefix,
    /// A standalone page: a leading number stays.
    KeepingPrefix,
}

/// The renames among `files` of the toolkit (or adaptation) folder `dir`: the folder
/// itself, the folders under it and the files, except index files (`_index.md`,
/// `README.md`) and `SUMMARY.md`, whose names are not served. Assets keep their file names
/// in URLs, so only their folders count.
fn in_folder<'a>(
    dir: &Path,
    files: impl Iterator<Item = &'a Path>,
    found: &mut BTreeMap<String, Rename>,
) {
    let mut folders = vec![dir.to_path_buf()];
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let mut folder = dir.to_path_buf();
        for part in rel.parent().into_iter().flat_map(Path::iter) {
            folder.push(part);
            folders.push(folder.clone());
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".md") {
            continue;
        }
        if let Some(rename) = page_rename(path, name, Served::DroppingPrefix) {
            found.insert(rename.path.clone(), rename);
        }
    }
    for folder in folders {
        let name = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let wanted = wanted_name(name, Served::DroppingPrefix);
        if !wanted.is_empty() && wanted != name {
            let path = format!("{}/", display_path(&folder));
            let rename = Rename {
                path: path.clone(),
                served_as: segment(name),
                rename_to: format!("{wanted}/"),
            };
            found.insert(path, rename);
        }
    }
}

/// The rename of the page (or translation) file `path` named `name`, if it needs one.
fn page_rename(path: &Path, name: &str, served: Served) -> Option<Rename> {
    let (source, code) = match split_name(name) {
        Some((source, code)) => (source, format!(".{code}")),
        None => (name.to_string(), String::new()),
    };
    let stem = source.strip_suffix(".md").unwrap_or(&source);
    let lower = stem.to_ascii_lowercase();
    if stem == "_index" || lower == "readme" || lower == "summary" {
        return None;
    }
    let wanted = wanted_name(stem, served);
    (!wanted.is_empty() && wanted != stem).then(|| Rename {
        path: display_path(path),
        served_as: match served {
            Served::DroppingPrefix => segment(stem),
            Served::KeepingPrefix => segment_keeping_prefix(stem),
        },
        rename_to: format!("{wanted}{code}.md"),
    })
}

/// The name that keeps `name`'s numeric prefix (written `NN-`) and is otherwise the
/// segment it makes; empty when it makes none.
fn wanted_name(name: &str, served: Served) -> String {
    match served {
        Served::KeepingPrefix => segment_keeping_prefix(name),
        Served::DroppingPrefix => {
            let made = segment(name);
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            match split_prefix(name).0 {
                Some(_) if !made.is_empty() => format!("{digits}-{made}"),
                _ => made,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_names_keep_the_prefix() {
        assert_eq!(
            wanted_name("03_Insurance", Served::DroppingPrefix),
            "03-insurance"
        );
        assert_eq!(
            wanted_name("3. Insurance", Served::DroppingPrefix),
            "3-insurance"
        );
        assert_eq!(wanted_name("02-why", Served::DroppingPrefix), "02-why");
        assert_eq!(
            wanted_name("Employer Guide", Served::DroppingPrefix),
            "employer-guide"
        );
        assert_eq!(
            wanted_name("2027 Calendar", Served::KeepingPrefix),
            "2027-calendar"
        );
    }

    #[test]
    fn translations_are_renamed_with_their_source() {
        let rename = page_rename(
            Path::new("x/Guía.es.md"),
            "Guía.es.md",
            Served::DroppingPrefix,
        );
        assert_eq!(rename.unwrap().rename_to, "guia.es.md");
        assert_eq!(
            page_rename(
                Path::new("x/README.md"),
                "README.md",
                Served::DroppingPrefix
            ),
            None
        );
    }
}
