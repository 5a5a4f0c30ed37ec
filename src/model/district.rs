//! Districts: `content/districts/<id>/district.toml` → [`District`], with the pages the
//! district adapts under `content/districts/<id>/toolkits/<toolkit>/`.

mod checks;
pub(crate) use checks::unused_values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::catalog::{Contact, Kind};
use super::toolkit::{read_folder, Asset, Folder, Page};
use super::translation::{Languages, Loose, Naming};
use crate::config::Date;
use crate::diagnostics::Diagnostic;
use crate::load::catalog::RawContact;
use crate::load::{list_folder, parse_toml, SourceFile};
use crate::slug::{is_slug, slugify};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistrict {
    #[serde(deserialize_with = "crate::load::text::name")]
    name: String,
    short_name: Option<String>,
    county: Option<String>,
    region: Option<String>,
    #[serde(default)]
    contacts: BTreeMap<String, RawContact>,
    #[serde(default)]
    calendar: RawCalendar,
    #[serde(default)]
    policies: toml::Table,
    #[serde(default)]
    forms: BTreeMap<String, RawForm>,
    /// Read again as a plain table for placeholders; named here so that it is a known key.
    #[serde(default, rename = "values")]
    _values: toml::Table,
    #[serde(default)]
    omit: BTreeMap<String, Vec<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    school_year: Option<RawSpan>,
    #[serde(default)]
    application_windows: Vec<RawWindow>,
    /// Other dates: testing blackouts, summer programs, showcases.
    #[serde(default)]
    events: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpan {
    starts: toml::value::Datetime,
    ends: toml::value::Datetime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    kind: Kind,
    opens: toml::value::Datetime,
    closes: toml::value::Datetime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    #[serde(deserialize_with = "crate::load::text::name")]
    name: String,
    starts: toml::value::Datetime,
    ends: Option<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    #[serde(deserialize_with = "crate::load::text::title")]
    title: String,
    url: Spanned<String>,
    #[serde(default, deserialize_with = "crate::load::text::language_list")]
    languages: Vec<String>,
}

/// What happens on a date of a district's calendar. The render stage words it in each
/// language; only an event's own name is the district's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happening {
    /// An application window for one kind of opportunity (`application_windows`).
    Applications(Kind),
    /// An event the district names (`events`, its `name`).
    Event(String),
}

/// A date range on a district's calendar.
#[derive(Debug, Clone)]
pub struct Dated {
    /// What happens: an application window or a named event.
    pub what: Happening,
    /// The first day (an event's `starts`, a window's `opens`).
    pub starts: Date,
    /// The last day (an event's `ends`, a window's `closes`); `None` for a one-day event.
    pub ends: Option<Date>,
}

/// A form a district publishes (`[forms.<slug>]` in district.toml, content format §7.2).
#[derive(Debug, Clone)]
pub struct Form {
    /// The `<slug>` of its `[forms.<slug>]` table.
    pub slug: String,
    /// What the form is called (`title`).
    pub title: String,
    /// Where it is: an `http(s)` address or a path on this site (`url`).
    pub url: String,
    /// The languages it is available in (`languages`), as written.
    pub languages: Vec<String>,
}

/// A school district, with what it adapts.
#[derive(Debug, Clone)]
pub struct District {
    /// The district's folder name under `content/districts/`, a slug; its pages are under `/districts/<id>/`.
    pub id: String,
    /// Its full name (`name`).
    pub name: String,
    /// A shorter name for tight spaces (`short_name`); see [`District::short`].
    pub short_name: Option<String>,
    /// The county it is in (`county`).
    pub county: Option<String>,
    /// The region it belongs to (`region`).
    pub region: Option<String>,
    /// Public contacts by role; private ones are dropped when the file is read.
    pub contacts: Vec<(String, Contact)>,
    /// The first and last day of the school year (`calendar.school_year`).
    pub school_year: Option<(Date, Date)>,
    /// Application windows and other dates, in date order (a day's in the file's order).
    pub calendar: Vec<Dated>,
    /// Its `[policies]`, in the file's order.
    pub policies: Vec<Policy>,
    /// The most hours a week a placement may take in the school year
    /// (`policies.max_hours_school_week`), when it is set to a number of hours.
    pub max_hours_school_week: Option<f64>,
    /// The forms that passed the address check, sorted by slug.
    pub forms: Vec<Form>,
    /// district.toml as a table, private contacts removed: what `{{ district.PATH }}` reads.
    pub values: toml::Table,
    /// Language code → `[values.<code>]`: the district's values in that language (content
    /// format §10.4), taken out of `values`.
    pub translated_values: BTreeMap<String, toml::Table>,
    /// Dotted path → byte offset in district.toml of each value, for messages about one.
    pub value_offsets: BTreeMap<String, usize>,
    /// Toolkit slug → page paths left out of its edition, with their positions.
    pub omit: BTreeMap<String, Vec<Spanned<String>>>,
    /// Its district.toml, as read, to place messages about its values.
    pub file: Arc<SourceFile>,
    /// Toolkit folder name → the district's pages and assets for it.
    pub adaptations: BTreeMap<String, Adaptation>,
}

impl District {
    /// The name to show where space is short.
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// One of a district's policies: its key in `[policies]` and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Its key in `[policies]`, e.g. `transportation`.
    pub name: String,
    /// Its value as text (a string as written, anything else in TOML form).
    pub text: String,
}

/// A district's own pages for one toolkit.
#[derive(Debug, Clone, Default)]
pub struct Adaptation {
    /// The folder they are in, `content/districts/<id>/toolkits/<toolkit>/`, relative to the site root.
    pub dir: PathBuf,
    /// The district's pages for the toolkit, overrides and additions alike.
    pub pages: Vec<Page>,
    /// Files beside those pages, copied as assets.
    pub assets: Vec<Asset>,
    /// Its translations of regional pages it does not override (`<path>.<code>.md` with
    /// no `<path>.md` of its own), attached in its editions.
    pub(crate) translations: Vec<Loose>,
}

/// The districts under `content/districts/`: those that loaded, and the ids of those that
/// did not, whose own errors say why (references to them are not reported again).
pub struct Districts {
    /// The districts that loaded, in folder-name (id) order.
    pub loaded: Vec<District>,
    /// Ids of the districts whose folder or district.toml had errors.
    pub failed: Vec<String>,
}

const DISTRICT_FOLDER_HELP: &str =
    "put each district in a folder named by its id, with a district.toml";

/// Loads every district under `content/districts/`.
pub(crate) fn load_all(
    root: &Path,
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
) -> Districts {
    let base = Path::new("content/districts");
    let mut districts = Districts {
        loaded: Vec::new(),
        failed: Vec::new(),
    };
    for name in list_folder(root, base, diagnostics) {
        let dir = base.join(&name);
        if !root.join(&dir).is_dir() {
            diagnostics.push(
                Diagnostic::error(&dir, "only folders belong directly in content/districts/")
                    .help(DISTRICT_FOLDER_HELP),
            );
            continue;
        }
        match load(root, &dir, &name, languages, diagnostics) {
            Some(district) => districts.loaded.push(district),
            None if is_slug(&name) => districts.failed.push(name),
            None => {}
        }
    }
    districts
}

/// Loads one district folder: district.toml read and checked in named steps, then its
/// adapted toolkits.
fn load(
    root: &Path,
    dir: &Path,
    id: &str,
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<District> {
    let (file, raw) = read(root, dir, id, diagnostics)?;
    let dates = DistrictDates { file: &file, id };
    let (school_year, calendar) = dates.calendar(&raw.calendar, diagnostics);
    let forms = forms(&file, id, &raw.forms, diagnostics);
    let mut values = public_values(&file.text);
    let translated_values = take_translated_values(&mut values, &languages.codes);
    let mut district = District {
        id: id.to_string(),
        name: raw.name,
        short_name: raw.short_name,
        county: raw.county,
        region: raw.region,
        contacts: public_contacts(raw.contacts),
        school_year,
        calendar,
        policies: policies(&raw.policies),
        max_hours_school_week: None,
        forms,
        values,
        translated_values,
        value_offsets: value_offsets(&file.text),
        omit: raw.omit,
        adaptations: adaptations(root, dir, (languages, id), diagnostics),
        file,
    };
    district.max_hours_school_week =
        checks::max_hours_school_week(&district, &raw.policies, diagnostics);
    Some(district)
}

const NO_DISTRICT_TOML_HELP: &str = "add district.toml with at least name = \"...\"";

/// district.toml of a district whose folder name is a valid id, read and parsed; messages
/// from the parser are prefixed with the district.
fn read(
    root: &Path,
    dir: &Path,
    id: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Arc<SourceFile>, RawDistrict)> {
    if !is_slug(id) {
        diagnostics.push(
            Diagnostic::error(dir, format!("`{id}` cannot be a district id"))
                .help(format!("rename the folder to `{}`", slugify(id))),
        );
        return None;
    }
    let path = dir.join("district.toml");
    if root.join(&path).symlink_metadata().is_err() {
        diagnostics.push(
            Diagnostic::error(&path, format!("district `{id}` has no district.toml"))
                .help(NO_DISTRICT_TOML_HELP),
        );
        return None;
    }
    let file = Arc::new(SourceFile::read(root, &path, diagnostics)?);
    let raw: RawDistrict = parse_toml(&file, 0, file.text.len())
        .map_err(|found| {
            diagnostics.extend(found.into_iter().map(|mut d| {
                d.message = format!("district `{id}`: {}", d.message);
                d
            }))
        })
        .ok()?;
    Some((file, raw))
}

/// district.toml as a table with private contacts removed: what `{{ district.PATH }}` reads.
fn public_values(text: &str) -> toml::Table {
    let mut values: toml::Table = toml::from_str(text).unwrap_or_default();
    if let Some(toml::Value::Table(contacts)) = values.get_mut("contacts") {
        contacts.retain(|_, contact| {
            contact.get("public").and_then(toml::Value::as_bool) == Some(true)
        });
    }
    values
}

/// Takes `[values.<code>]` out of a district's values for each of the site's languages.
fn take_translated_values(
    values: &mut toml::Table,
    codes: &[String],
) -> BTreeMap<String, toml::Table> {
    let mut translated = BTreeMap::new();
    if let Some(toml::Value::Table(own)) = values.get_mut("values") {
        for code in codes {
            if let Some(toml::Value::Table(table)) = own.remove(code) {
                translated.insert(code.clone(), table);
            }
        }
    }
    translated
}

/// Reads the dates of one district's calendar, reporting those that are not dates.
struct DistrictDates<'a> {
    file: &'a SourceFile,
    id: &'a str,
}

impl DistrictDates<'_> {
    /// A date without a time, or an error located at the calendar table.
    fn date(
        &self,
        dt: &toml::value::Datetime,
        key: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Date> {
        let date = Date::from_toml(dt);
        if date.is_none() {
            let at = |key: &str| self.file.position_of_key(key);
            let message = format!("district `{}`: `{key}` must be a date", self.id);
            diagnostics.push(
                Diagnostic::error(&self.file.path, message)
                    .at(at("calendar").max(at("[calendar")))
                    .help("write dates as 2027-03-15"),
            );
        }
        date
    }

    /// The school year, and the application windows and other events in date order.
    fn calendar(
        &self,
        raw: &RawCalendar,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Option<(Date, Date)>, Vec<Dated>) {
        let school_year = raw.school_year.as_ref().and_then(|span| {
            let starts = self.date(&span.starts, "school_year.starts", diagnostics);
            starts.zip(self.date(&span.ends, "school_year.ends", diagnostics))
        });
        let mut calendar = Vec::new();
        for window in &raw.application_windows {
            let opens = self.date(&window.opens, "opens", diagnostics);
            let closes = self.date(&window.closes, "closes", diagnostics);
            if let (Some(opens), Some(closes)) = (opens, closes) {
                calendar.push(Dated {
                    what: Happening::Applications(window.kind),
                    starts: opens,
                    ends: Some(closes),
                });
            }
        }
        for event in &raw.events {
            if let Some(starts) = self.date(&event.starts, "starts", diagnostics) {
                let ends = event
                    .ends
                    .as_ref()
                    .and_then(|e| self.date(e, "ends", diagnostics));
                calendar.push(Dated {
                    what: Happening::Event(event.name.clone()),
                    starts,
                    ends,
                });
            }
        }
        // By date here; the render stage orders a day's dates by their names in its language.
        calendar.sort_by_key(|dated| dated.starts);
        (school_year, calendar)
    }
}

const FORM_URL_HELP: &str =
    "a form's url must start with https://, http:// or / (a file on this site)";

/// The district's forms; one whose address is neither web nor on this site is an error
/// and left out.
fn forms(
    file: &SourceFile,
    id: &str,
    raw: &BTreeMap<String, RawForm>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Form> {
    let mut forms = Vec::new();
    for (slug, form) in raw {
        let url = form.url.get_ref();
        let safe = matches!(
            crate::markdown::scheme_of(url).as_deref(),
            Some("https" | "http")
        ) || url.starts_with('/');
        if !safe {
            let message = format!("district `{id}`: form `{slug}` has the address `{url}`");
            diagnostics.push(
                Diagnostic::error(&file.path, message)
                    .at(file.position(form.url.span().start))
                    .help(FORM_URL_HELP),
            );
            continue;
        }
        forms.push(Form {
            slug: slug.clone(),
            title: form.title.clone(),
            url: url.clone(),
            languages: form.languages.clone(),
        });
    }
    forms
}

/// Policy name → its text (a value that is not a string is shown as TOML).
fn policies(raw: &toml::Table) -> Vec<Policy> {
    raw.iter()
        .map(|(key, value)| {
            let text = match value {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Policy {
                name: key.clone(),
                text,
            }
        })
        .collect()
}

/// The contacts marked public, by role.
fn public_contacts(raw: BTreeMap<String, RawContact>) -> Vec<(String, Contact)> {
    raw.into_iter()
        .filter(|(_, c)| c.public)
        .map(|(role, c)| {
            let contact = Contact {
                name: c.name,
                title: c.title,
                email: c.email,
                phone: c.phone,
            };
            (role, contact)
        })
        .collect()
}

/// The district's adapted toolkits under `toolkits/`, by folder name.
fn adaptations(
    root: &Path,
    dir: &Path,
    (languages, id): (&Languages, &str),
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Adaptation> {
    let mut adaptations = BTreeMap::new();
    let toolkits_dir = dir.join("toolkits");
    for folder in list_folder(root, &toolkits_dir, diagnostics) {
        let adaptation_dir = toolkits_dir.join(&folder);
        if !root.join(&adaptation_dir).is_dir() {
            continue;
        }
        // The district's pages link by their regional paths, so its own failures need no mark.
        let mut unmarked = super::Failed::default();
        let Folder {
            mut pages,
            assets,
            translations,
            ..
        } = read_folder(root, &adaptation_dir, diagnostics, &mut unmarked);
        let naming = Naming::District(&adaptation_dir, id);
        let translations = languages.attach(&mut pages, translations, naming, diagnostics);
        adaptations.insert(
            folder,
            Adaptation {
                dir: adaptation_dir,
                pages,
                assets,
                translations,
            },
        );
    }
    adaptations
}

impl District {
    /// Where the value of `{{ district.PATH }}` is set in district.toml, as
    /// `path:line:col`; `None` when the district leaves it to the toolkit.
    pub fn value_position(&self, path: &str) -> Option<String> {
        let offset = *self.value_offsets.get(path)?;
        let at = self.file.position(offset);
        let file = crate::diagnostics::display_path(&self.file.path);
        Some(format!("{file}:{}:{}", at.line, at.col))
    }
}

/// Dotted path → byte offset of every single value in a TOML text.
fn value_offsets(text: &str) -> BTreeMap<String, usize> {
    fn walk(table: &toml::de::DeTable, prefix: &str, offsets: &mut BTreeMap<String, usize>) {
        for (key, value) in table {
            let path = match prefix {
                "" => key.get_ref().to_string(),
                _ => format!("{prefix}.{}", key.get_ref()),
            };
            match value.get_ref() {
                toml::de::DeValue::Table(inner) => walk(inner, &path, offsets),
                _ => {
                    offsets.insert(path, value.span().start);
                }
            }
        }
    }
    let mut offsets = BTreeMap::new();
    if let Ok(table) = toml::de::DeTable::parse(text) {
        walk(table.get_ref(), "", &mut offsets);
    }
    offsets
}

/// A page's fingerprint: 8 hex digits that change whenever its file changes.
pub fn fingerprint(text: &str) -> String {
    // FNV-1a, 64 bits, folded to 32: stable across platforms and releases.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_change_with_the_text() {
        assert_eq!(
            fingerprint("+++\ntitle = \"A\"\n+++\n"),
            fingerprint("+++\ntitle = \"A\"\n+++\n")
        );
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("").len(), 8);
    }
}
