//! `trellis translate`: starting a page's translation beside it, with the source's
//! fingerprint recorded, and recording the fingerprint again once a stale translation is
//! brought up to date (content format §10.7).
//!
//! Pages are named as `trellis adapt` names them and looked up in the loaded site, never
//! joined onto a path: an argument can only name a page the build itself reads.

use std::path::{Path, PathBuf};

use crate::adapt::{find_district, find_in, find_page, folder_name, id_path, load_site, page_key};
use crate::diagnostics::{closest, display_path, Error};
use crate::model::district::fingerprint;
use crate::model::{Origin, Page, Site};
use crate::new::{refusal, write_new};

/// What `trellis translate` does with the translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Start it: a new file with the source's text and fingerprint.
    Start,
    /// Record the source's current fingerprint in the existing translation.
    Record,
}

/// One `trellis translate` request, as given on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The page: `<toolkit>/<path>` as in `content/toolkits/`, or `pages/<slug>`.
    pub page: &'a str,
    /// The language code: one of the site's `[languages]`.
    pub lang: &'a str,
    /// For a district's own page of a toolkit: the district's id.
    pub district: Option<&'a str>,
    /// Start the translation or record the fingerprint in it.
    pub mode: Mode,
}

/// What `trellis translate` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The translation's file, relative to the site root.
    pub path: PathBuf,
    /// The source page's file, relative to the site root.
    pub source: PathBuf,
    /// The fingerprint recorded in `translated_from`.
    pub fingerprint: String,
}

/// How a standalone page is named on the command line, for help lines.
const STANDALONE_FORM: &str =
    "name a standalone page as pages/<name>, as in content/pages/, e.g. pages/about";

/// Starts the translation of the page `request` names, or records its source's current
/// fingerprint in the existing translation, as `request.mode` says.
pub fn translate(root: &Path, request: &Request<'_>) -> Result<Translated, Error> {
    let site = load_site(root)?;
    check_language(&site, request.lang)?;
    let (source, target) = locate(&site, request)?;
    let print = fingerprint(&source.file.text);
    let full = root.join(&target);
    match request.mode {
        Mode::Start => {
            if full.exists() {
                return Err(refusal(
                    &target,
                    "the page already has this translation",
                    format!(
                        "edit it; once it matches the page again, run `{}` to record that",
                        command(request)
                    ),
                ));
            }
            write_new(root, &target, &start_text(source, &print))?;
        }
        Mode::Record => {
            if !full.is_file() {
                return Err(refusal(
                    &target,
                    "the page has no translation into this language yet",
                    "run the same command without --record to start one",
                ));
            }
            let text = std::fs::read_to_string(&full).map_err(|e| Error::io(&full, e))?;
            let recorded = record_translated_from(&text, &print).ok_or_else(|| {
                refusal(
                    &target,
                    "the translation has no front matter to record the fingerprint in",
                    "start it with +++, a title and +++, as every page starts",
                )
            })?;
            std::fs::write(&full, recorded).map_err(|e| Error::io(&full, e))?;
        }
    }
    Ok(Translated {
        path: target,
        source: source.file.path.clone(),
        fingerprint: print,
    })
}

/// The command that names the same page and language with `--record`.
fn command(request: &Request<'_>) -> String {
    let district = request
        .district
        .map(|d| format!(" --district {d}"))
        .unwrap_or_default();
    format!(
        "trellis translate {} --lang {}{district} --record",
        request.page, request.lang
    )
}

/// Refuses a code that is not one of the site's `[languages]`, naming those there are.
fn check_language(site: &Site, code: &str) -> Result<(), Error> {
    let codes: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    if codes.contains(&code) {
        return Ok(());
    }
    let message = if code == site.config.language {
        format!("`{code}` is the site's default language: its pages are the sources")
    } else {
        format!("`{code}` is not one of the site's languages")
    };
    let help = if code == site.config.language && !codes.is_empty() {
        format!(
            "translate into one of the site's languages: {}",
            codes.join(", ")
        )
    } else if codes.is_empty() {
        let table = if code == site.config.language {
            "<code>"
        } else {
            code
        };
        format!("the site has no [languages] yet; add [languages.{table}] with its name to content/site.toml to translate into it")
    } else {
        format!(
            "the site's languages are: {}; add [languages.{code}] to content/site.toml for another",
            codes.join(", ")
        )
    };
    Err(refusal("content/site.toml", message, help))
}

/// The page `request` names and where its translation is (or would be), relative to the
/// site root.
fn locate<'s>(site: &'s Site, request: &Request<'_>) -> Result<(&'s Page, PathBuf), Error> {
    let arg = request.page;
    let standalone = arg
        .strip_prefix("content/pages/")
        .or_else(|| arg.strip_prefix("pages/"));
    let page = match (standalone, request.district) {
        (Some(_), Some(_)) => {
            return Err(refusal(
                arg,
                "standalone pages are the same in every district",
                "leave out --district to translate a standalone page",
            ))
        }
        (Some(name), None) => find_standalone(site, arg, name)?,
        (None, None) => find_page(site, arg)?.1,
        (None, Some(id)) => return district_page(site, arg, id, request.lang),
    };
    Ok((page, beside(&page.file.path, request.lang)))
}

/// The standalone page `content/pages/<name>.md`.
fn find_standalone<'s>(site: &'s Site, arg: &str, name: &str) -> Result<&'s Page, Error> {
    let parts = id_path(name)?;
    let [name] = parts.as_slice() else {
        return Err(refusal(
            arg,
            "standalone pages have no sub-folders",
            STANDALONE_FORM,
        ));
    };
    let path = Path::new("content/pages").join(format!("{name}.md"));
    site.pages
        .iter()
        .find(|p| p.file.path == path)
        .ok_or_else(|| {
            let names = site.pages.iter().map(|p| p.url_path.as_str());
            let help = match closest(name, names) {
                Some(near) => format!("did you mean `pages/{near}`?"),
                None => STANDALONE_FORM.to_string(),
            };
            refusal(arg, "there is no such standalone page", help)
        })
}

/// A district's own page of a toolkit: the district's override or addition, else the
/// regional page. Its translation is the district's: beside the district's file, or, for a
/// regional page, where the district's file would be.
fn district_page<'s>(
    site: &'s Site,
    arg: &str,
    id: &str,
    code: &str,
) -> Result<(&'s Page, PathBuf), Error> {
    let district = find_district(site, id)?;
    let (toolkit, key) = page_key(site, arg)?;
    let edition = site.editions.iter().find(|e| {
        e.slug == toolkit.slug
            && e.district
                .is_some_and(|d| site.district(d).id == district.id)
    });
    let Some(edition) = edition else {
        return Err(refusal(
            arg,
            format!("district `{id}` has no edition of this toolkit"),
            "only toolkits whose district editions are built can be translated for a district",
        ));
    };
    let page = find_in(edition, arg, &key)?;
    if page.origin != Origin::Base {
        return Ok((page, beside(&page.file.path, code)));
    }
    let rel = page
        .file
        .path
        .strip_prefix(&toolkit.dir)
        .unwrap_or(&page.file.path);
    let dir = district
        .adaptations
        .get(folder_name(toolkit))
        .or_else(|| district.adaptations.get(&toolkit.slug))
        .map(|a| a.dir.clone())
        .unwrap_or_else(|| {
            Path::new("content/districts")
                .join(&district.id)
                .join("toolkits")
                .join(folder_name(toolkit))
        });
    Ok((page, beside(&dir.join(rel), code)))
}

/// `<stem>.<code>.md` beside `<stem>.md`.
fn beside(source: &Path, code: &str) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    source.with_file_name(format!("{stem}.{code}.md"))
}

/// A new translation of `page`: its title and summary, `translated_from`, and its body,
/// all still in the default language, for the translator to replace.
fn start_text(page: &Page, print: &str) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut text = format!("+++\ntitle = {}\n", quote(&page.title));
    if let Some(summary) = &page.summary {
        text.push_str(&format!("summary = {}\n", quote(summary)));
    }
    text.push_str(&format!("translated_from = \"{print}\"\n+++\n"));
    text.push_str(&page.file.text[page.body_start..]);
    text
}

/// Writes `translated_from = "<fingerprint>"` into a translation's front matter: in place of
/// the existing line, else right after the opening `+++`, keeping every other byte (a byte
/// order mark and `\r\n` line ends included). `None` when the text has no front matter.
pub fn record_translated_from(text: &str, print: &str) -> Option<String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let first = lines.first()?;
    if first.trim_end() != "+++" {
        return None;
    }
    let newline = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "+++")? + 1;
    // Only the top-level table holds `translated_from`: stop at the first `[table]`.
    let top = lines[1..close]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(close, |i| i + 1);
    let existing = (1..top).find(|&i| is_translated_from(lines[i]));
    let entry = format!("translated_from = \"{print}\"{newline}");
    let mut out = String::with_capacity(text.len() + entry.len());
    out.push_str(bom);
    for (n, line) in lines.iter().enumerate() {
        if Some(n) == existing {
            out.push_str(&entry);
            continue;
        }
        out.push_str(line);
        if n == 0 && existing.is_none() {
            out.push_str(&entry);
        }
    }
    Some(out)
}

/// Whether a front-matter line sets `translated_from`.
fn is_translated_from(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("translated_from")
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// The message `trellis translate` prints once it has done its work.
pub fn next_steps(done: &Translated, mode: Mode) -> String {
    let path = display_path(&done.path);
    let source = display_path(&done.source);
    match mode {
        Mode::Start => format!(
            "Created {path} from {source}; translate its title, summary and text, \
             then run trellis check"
        ),
        Mode::Record => format!(
            "Recorded in {path} that it translates {source} as it is now ({})",
            done.fingerprint
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_replaces_the_line_or_adds_it_after_the_opening_fence() {
        assert_eq!(
            record_translated_from("+++\ntitle = \"A\"\n+++\nB\n", "1").unwrap(),
            "+++\ntranslated_from = \"1\"\ntitle = \"A\"\n+++\nB\n"
        );
        assert_eq!(
            record_translated_from(
                "\u{feff}+++\r\ntitle = \"A\"\r\ntranslated_from =  \"0\" # old\r\n+++\r\nB",
                "2"
            )
            .unwrap(),
            "\u{feff}+++\r\ntitle = \"A\"\r\ntranslated_from = \"2\"\r\n+++\r\nB"
        );
        let nested = "+++\ntitle = \"A\"\n[toolkit]\ntranslated_from = \"x\"\n+++\n";
        assert_eq!(
            record_translated_from(nested, "3").unwrap(),
            "+++\ntranslated_from = \"3\"\ntitle = \"A\"\n[toolkit]\ntranslated_from = \"x\"\n+++\n"
        );
        assert_eq!(
            record_translated_from("+++\ntranslated_from_x = 1\n+++\n", "4").unwrap(),
            "+++\ntranslated_from = \"4\"\ntranslated_from_x = 1\n+++\n"
        );
        assert_eq!(record_translated_from("no front matter", "5"), None);
    }

    #[test]
    fn a_translation_sits_beside_its_source() {
        assert_eq!(
            beside(Path::new("content/toolkits/g/_index.md"), "es"),
            Path::new("content/toolkits/g/_index.es.md")
        );
    }
}
