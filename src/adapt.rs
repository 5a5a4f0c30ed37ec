//! `trellis fingerprint` and `trellis adapt`: starting a district's override from a regional
//! page, with the regional page's fingerprint recorded so the build can tell when it changes.
//!
//! Pages, toolkits and districts named on the command line are looked up in the loaded site,
//! never joined onto a path: an argument can only name what the build itself would read.

use std::path::{Path, PathBuf};

use crate::diagnostics::{closest, display_path, Error};
use crate::load::SourceFile;
use crate::model::district::{fingerprint, District};
use crate::model::{Drafts, Page, Site, Toolkit};
use crate::new::{refusal, write_new};
use crate::slug::{is_slug, split_prefix};

/// How a page is named on the command line, for help lines.
const PAGE_FORM: &str = "name a page as <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before";

/// Loads the site whose toolkits and districts arguments are looked up in, drafts included.
pub(crate) fn load_site(root: &Path) -> Result<Site, Error> {
    crate::require_content(root)?;
    Site::load(root, Drafts::Include).site.ok_or_else(|| {
        refusal(
            root.join("content/site.toml"),
            "the site's settings could not be read",
            "run trellis check to see why, and fix that first",
        )
    })
}

/// Splits an id path (`<toolkit>/<folder>/<file>`, `.md` optional on the last part) into its
/// parts, each a file or folder name of the content format (docs/content-format.md §1.1
/// Slugs and names): a slug with an optional number (`04-hosting`), or `_index` last. Refuses `..`, `.`, empty parts, absolute paths and
/// backslashes before anything is looked up.
pub(crate) fn id_path(arg: &str) -> Result<Vec<&str>, Error> {
    let trimmed = arg.trim_end_matches('/');
    if trimmed.starts_with('/') {
        return Err(refusal(
            arg,
            "an absolute path cannot name a page; paths start at content/toolkits/",
            PAGE_FORM,
        ));
    }
    if trimmed.contains('\\') {
        return Err(refusal(
            arg,
            "backslashes cannot be part of a page path",
            "separate folders with /, e.g. employer-guide/04-hosting/before",
        ));
    }
    let parts: Vec<&str> = trimmed.split('/').collect();
    let last = parts.len() - 1;
    let mut segments = Vec::with_capacity(parts.len());
    for (i, part) in parts.into_iter().enumerate() {
        let name = if i == last {
            part.strip_suffix(".md").unwrap_or(part)
        } else {
            part
        };
        let valid = is_slug(split_prefix(name).1) || (i == last && i > 0 && name == "_index");
        if !valid {
            return Err(refusal(
                arg,
                format!("`{part}` cannot be part of a page path"),
                format!("each part is a folder or file name of lowercase letters, digits and hyphens, optionally numbered as in 04-hosting; {PAGE_FORM}"),
            ));
        }
        segments.push(name);
    }
    Ok(segments)
}

/// The toolkit whose folder (or URL name) is `name`.
pub(crate) fn find_toolkit<'s>(
    site: &'s Site,
    arg: &str,
    name: &str,
) -> Result<&'s Toolkit, Error> {
    if let Some(toolkit) = site
        .toolkits
        .iter()
        .find(|t| folder_name(t) == name || t.slug == name)
    {
        return Ok(toolkit);
    }
    let names: Vec<&str> = site.toolkits.iter().map(folder_name).collect();
    let help = match closest(name, names.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if names.is_empty() => "the site has no toolkits yet".to_string(),
        None => format!("the toolkits are: {}", names.join(", ")),
    };
    Err(refusal(
        arg,
        format!("there is no toolkit `{name}` under content/toolkits/"),
        help,
    ))
}

/// A toolkit's folder name under `content/toolkits/`.
pub(crate) fn folder_name(toolkit: &Toolkit) -> &str {
    toolkit
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&toolkit.slug)
}

/// Finds a regional page given as `<toolkit>/<path>` with or without `.md`
/// (`employer-guide/04-hosting/before`; a section by its folder, `employer-guide/04-hosting`;
/// a leading `content/toolkits/` is allowed, as a shell completes it).
pub fn find_page<'s>(site: &'s Site, arg: &str) -> Result<(&'s Toolkit, &'s Page), Error> {
    let (toolkit, key) = page_key(site, arg)?;
    let page = find_in(toolkit, arg, &key)?;
    Ok((toolkit, page))
}

/// The page with key `key` among `toolkit`'s pages (a regional toolkit or a district's
/// edition of it); `arg` is how it was named, for the refusal.
pub(crate) fn find_in<'s>(toolkit: &'s Toolkit, arg: &str, key: &str) -> Result<&'s Page, Error> {
    // A page is named by its path (`04-hosting/before`) or by its URL path, which is how a
    // file with any name (`03_Insurance.md`) is named: `insurance`.
    let by_key = toolkit.pages.iter().find(|p| p.key == key);
    let by_url = || {
        toolkit
            .pages
            .iter()
            .find(|p| !key.is_empty() && p.url_path == key)
    };
    by_key.or_else(by_url).ok_or_else(|| {
        let keys = toolkit.pages.iter().map(|p| p.key.as_str());
        let help = match closest(key, keys) {
            Some(near) => format!("did you mean `{}/{near}`?", folder_name(toolkit)),
            None => PAGE_FORM.to_string(),
        };
        refusal(arg, "no such page in the toolkit", help)
    })
}

/// The toolkit a page argument (`<toolkit>/<path>`) names, and the page's key in it.
pub(crate) fn page_key<'s>(site: &'s Site, arg: &str) -> Result<(&'s Toolkit, String), Error> {
    let given = arg.strip_prefix("content/toolkits/").unwrap_or(arg);
    let segments = id_path(given)?;
    let (toolkit, rest) = segments
        .split_first()
        .ok_or_else(|| refusal(arg, "no page named", PAGE_FORM))?;
    let toolkit = find_toolkit(site, arg, toolkit)?;
    let rest = match rest.split_last() {
        Some((&"_index", dirs)) => dirs,
        _ => rest,
    };
    Ok((toolkit, rest.join("/")))
}

/// The fingerprint of regional page `arg` (`<toolkit>/<path>`), as `adapted_from` records it.
pub fn fingerprint_page(root: &Path, arg: &str) -> Result<String, Error> {
    let site = load_site(root)?;
    let (_, page) = find_page(&site, arg)?;
    Ok(fingerprint(&page.file.text))
}

/// The district with id `id`.
pub(crate) fn find_district<'s>(site: &'s Site, id: &str) -> Result<&'s District, Error> {
    if let Some(district) = site.districts.iter().find(|d| d.id == id) {
        return Ok(district);
    }
    let help = match closest(id, site.districts.iter().map(|d| d.id.as_str())) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "run trellis new district <id> to start one".to_string(),
    };
    let message = if is_slug(id) {
        format!("district `{id}` not found; it needs content/districts/{id}/district.toml, without errors")
    } else {
        format!("district `{id}` not found; district ids are lowercase letters, digits and hyphens")
    };
    Err(refusal(id, message, help))
}

/// Copies regional page `page` into district `district`'s adaptations with its fingerprint
/// recorded. Returns the new file's path.
pub fn adapt(root: &Path, district: &str, page: &str) -> Result<PathBuf, Error> {
    let site = load_site(root)?;
    let district = find_district(&site, district)?;
    let (toolkit, page) = find_page(&site, page)?;
    let source = &page.file.path;
    let rel = source.strip_prefix(&toolkit.dir).map_err(|_| {
        Error::new(
            source,
            "only pages of a toolkit under content/toolkits/ can be adapted",
        )
    })?;
    let target = Path::new("content/districts")
        .join(&district.id)
        .join("toolkits")
        .join(folder_name(toolkit))
        .join(rel);
    if root.join(&target).exists() {
        return Err(Error::new(
            root.join(&target),
            "the district already has this page; edit it, or delete it to start again",
        ));
    }
    // Read again as written, so the copy keeps the page's line endings.
    let full = root.join(source);
    let text = std::fs::read_to_string(&full).map_err(|e| Error::io(&full, e))?;
    let print = fingerprint(&SourceFile::from_text(source.clone(), text.clone()).text);
    let adapted = record_fingerprint(&text, &print).ok_or_else(|| {
        Error::new(
            display_path(source),
            "the page has no front matter to record the fingerprint in",
        )
    })?;
    write_new(root, &target, &adapted)?;
    Ok(root.join(target))
}

/// Writes `adapted_from = "<fingerprint>"` into a page's front matter, replacing an earlier
/// one. `None` when the page has no front matter.
pub fn record_fingerprint(text: &str, print: &str) -> Option<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let newline = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<&str> = body.split_inclusive('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("+++") {
        return None;
    }
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "+++")? + 1;
    let entry = format!("adapted_from = \"{print}\"{newline}");
    let existing = lines[1..close]
        .iter()
        .position(|l| l.trim_start().starts_with("adapted_from"));
    let mut out = String::with_capacity(text.len() + entry.len());
    match existing {
        Some(i) => {
            for (n, line) in lines.iter().enumerate() {
                if n == i + 1 {
                    out.push_str(&entry);
                } else {
                    out.push_str(line);
                }
            }
        }
        None => {
            let (head, tail) = lines.split_at_mut(close);
            for line in head.iter() {
                out.push_str(line);
            }
            out.push_str(&entry);
            for line in tail.iter() {
                out.push_str(line);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_paths_are_names_of_the_content_format_only() {
        assert_eq!(
            id_path("guide/04-hosting/before.md").unwrap(),
            ["guide", "04-hosting", "before"]
        );
        assert_eq!(
            id_path("guide/02-section/_index").unwrap(),
            ["guide", "02-section", "_index"]
        );
        assert_eq!(id_path("guide/").unwrap(), ["guide"]);
        for hostile in [
            "",
            "/etc/shadow",
            "..",
            "guide/..",
            "guide/../x",
            "guide/./x",
            "guide//x",
            "guide\\x",
            "_index",
            "guide/_index/x",
            "Guide/x",
            "guide/x y",
            "guide/x\0",
        ] {
            assert!(id_path(hostile).is_err(), "{hostile:?} was accepted");
        }
    }

    #[test]
    fn the_fingerprint_goes_into_the_front_matter() {
        let page = "+++\ntitle = \"A\"\n+++\nBody\n";
        assert_eq!(
            record_fingerprint(page, "12345678").unwrap(),
            "+++\ntitle = \"A\"\nadapted_from = \"12345678\"\n+++\nBody\n"
        );
        let again =
            record_fingerprint("+++\nadapted_from = \"old\"\ntitle = \"A\"\n+++\n", "new").unwrap();
        assert_eq!(again, "+++\nadapted_from = \"new\"\ntitle = \"A\"\n+++\n");
        assert_eq!(record_fingerprint("no front matter", "x"), None);
    }
}
