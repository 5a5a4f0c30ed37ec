//! `trellis fingerprint` and `trellis adapt`: starting a district's override from a regional
//! page, with the regional page's fingerprint recorded so the build can tell when it changes.

use std::path::{Path, PathBuf};

use crate::diagnostics::Error;
use crate::load::SourceFile;
use crate::model::district::fingerprint;

/// Finds a regional page given as a file path (relative to the current folder or the site
/// root) or as `<toolkit>/<path>` with or without `.md` (`employer-guide/04-hosting/before`;
/// a section by its folder, `employer-guide/04-hosting`).
pub fn find_page(root: &Path, page: &str) -> Result<PathBuf, Error> {
    let given = Path::new(page);
    for candidate in [given.to_path_buf(), root.join(given)] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    let trimmed = page.trim_matches('/').trim_end_matches(".md");
    let base = root.join("content/toolkits");
    for candidate in [
        base.join(format!("{trimmed}.md")),
        base.join(trimmed).join("_index.md"),
    ] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(Error::new(
        page,
        "no such page; give the page's file, or <toolkit>/<path> as in content/toolkits/, e.g. employer-guide/04-hosting/before",
    ))
}

/// The fingerprint of a page file, as `adapted_from` records it.
pub fn fingerprint_of(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::new(path, "the file is not valid UTF-8"))?;
    let file = SourceFile::from_text(path.to_path_buf(), text);
    Ok(fingerprint(&file.text))
}

/// Copies regional page `page` into district `district`'s adaptations with its fingerprint
/// recorded. Returns the new file's path.
pub fn adapt(root: &Path, district: &str, page: &str) -> Result<PathBuf, Error> {
    let district_dir = root.join("content/districts").join(district);
    if !district_dir.join("district.toml").is_file() {
        return Err(Error::new(&district_dir, format!("district `{district}` not found; it needs content/districts/{district}/district.toml")));
    }
    let source = find_page(root, page)?;
    let toolkits = root.join("content/toolkits");
    let rel = source.strip_prefix(&toolkits).map_err(|_| {
        Error::new(
            &source,
            "only pages of a toolkit under content/toolkits/ can be adapted",
        )
    })?;
    let target = district_dir.join("toolkits").join(rel);
    if target.exists() {
        return Err(Error::new(
            &target,
            "the district already has this page; edit it, or delete it to start again",
        ));
    }
    let text = std::fs::read_to_string(&source).map_err(|e| Error::io(&source, e))?;
    let print = fingerprint(&SourceFile::from_text(source.clone(), text.clone()).text);
    let adapted = record_fingerprint(&text, &print).ok_or_else(|| {
        Error::new(
            &source,
            "the page has no front matter to record the fingerprint in",
        )
    })?;
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&target, adapted).map_err(|e| Error::io(&target, e))?;
    Ok(target)
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
