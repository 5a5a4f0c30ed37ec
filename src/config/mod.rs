//! Site settings: `content/site.toml` → [`SiteConfig`], and the build date.

mod ceds;
mod date;
mod wage;
pub use ceds::ReportingCodes;
pub use date::Date;
pub use wage::{Applicable, MinimumWage, WageRate};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::{parse_toml, SourceFile};

/// The settings in `content/site.toml`, checked. Compared whole by a rebuild that reuses
/// the catalog's pages (see [`crate::Cache`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    /// The site's name (`title`), shown in every page's header and title.
    pub title: String,
    /// Without a trailing slash: `https://wbl.example.org` or `https://example.org/wbl`.
    pub base_url: String,
    /// The path part of `base_url`, with leading and trailing slashes: `/` or `/wbl/`.
    pub base_path: String,
    /// What the site is about (`description`), shown on the home page and in the footer; empty when absent.
    pub description: String,
    /// The language of the pages (`language`), written as their `lang`; `en` by default.
    pub language: String,
    /// The theme's name (`theme`): a folder under `themes/`, or the built-in `default`.
    pub theme: String,
    /// The lowest lawful hourly pay (`minimum_wage`), in currency units: one rate or a dated
    /// schedule; hourly pay below the rate in force is an error.
    pub minimum_wage: Option<MinimumWage>,
    /// The build date set in `today`, overriding `SOURCE_DATE_EPOCH` and the clock.
    pub today: Option<Date>,
    /// Whether the CSV exports start with a UTF-8 byte-order mark (`csv_byte_order_mark`),
    /// so that Excel on Windows opens them with accents intact; off by default, since
    /// machine readers expect none.
    pub csv_byte_order_mark: bool,
    /// The languages the site is translated into (`[languages.<code>]`), besides
    /// `language`, ordered by code; empty for a site in one language.
    pub languages: Vec<LanguageConfig>,
    /// Which documents the search index keeps: the whole site, unless a bundle narrowed it
    /// (`trellis bundle`); never read from `site.toml`.
    pub search_within: crate::search::Within,
    /// Each kind's federal reporting code (CEDS), with the site's own from `[ceds]`.
    pub ceds: ReportingCodes,
}

/// One `[languages.<code>]` table of `site.toml`: a language the site is translated into.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageConfig {
    /// Its language tag: `es`, `pt-br`; its pages are under `/<code>/`.
    pub code: String,
    /// Its own name for itself (`name`), for the language switcher: `Español`.
    pub name: String,
    /// The site's title in this language (`title`); the default language's when absent.
    pub title: Option<String>,
    /// The site's description in this language (`description`); the default language's when absent.
    pub description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: Option<String>,
    description: Option<String>,
}

/// Whether `code` can name a language: 2 or 3 lowercase letters, optionally followed by
/// `-` and lowercase letters or digits (`es`, `pt-br`, `es-419`).
pub fn is_language_code(code: &str) -> bool {
    let (primary, region) = match code.split_once('-') {
        Some((p, r)) => (p, Some(r)),
        None => (code, None),
    };
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=8).contains(&r.len())
                && r.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSiteConfig {
    #[serde(deserialize_with = "crate::load::text::title")]
    title: String,
    base_url: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    /// Read again with its positions by [`wage::read`]; named here so that it is a known key.
    #[serde(rename = "minimum_wage")]
    _minimum_wage: Option<toml::Value>,
    today: Option<toml::value::Datetime>,
    #[serde(default)]
    csv_byte_order_mark: bool,
    #[serde(default)]
    languages: std::collections::BTreeMap<String, RawLanguage>,
    #[serde(default)]
    ceds: std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> String {
    "default".into()
}

const TODAY_HELP: &str = "write a date without quotes or a time, e.g. `today = 2027-03-01`, \
     or remove the line to use the current date";

impl SiteConfig {
    /// Parses `site.toml`, failing on any problem.
    pub fn parse(file: &SourceFile) -> Result<SiteConfig, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        match SiteConfig::parse_leniently(file, &mut problems) {
            Some(config) if problems.is_empty() => Ok(config),
            _ => Err(problems),
        }
    }

    /// Settings for checking a site whose `site.toml` could not be read or parsed: the
    /// defaults, with no base URL, minimum wage or fixed date. Nothing is built with them;
    /// they let one build report the content's problems beside the settings'.
    pub fn stand_in() -> SiteConfig {
        SiteConfig {
            title: String::new(),
            base_url: String::new(),
            base_path: "/".to_string(),
            description: String::new(),
            language: default_language(),
            theme: default_theme(),
            minimum_wage: None,
            today: None,
            csv_byte_order_mark: false,
            languages: Vec::new(),
            search_within: crate::search::Within::Site,
            ceds: ReportingCodes::default(),
        }
    }

    /// Parses `site.toml`, putting its problems in `problems`. A file that parses as TOML
    /// gives settings even when a value is wrong: the wrong value is replaced by what
    /// leaves the rest of the content checkable (no base URL, no minimum wage, the clock's
    /// date, the default theme), so that one build reports every problem of the site.
    pub fn parse_leniently(
        file: &SourceFile,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<SiteConfig> {
        let raw: RawSiteConfig = match parse_toml(file, 0, file.text.len()) {
            Ok(raw) => raw,
            Err(found) => {
                problems.extend(found);
                return None;
            }
        };
        let locate = |key: &str| file.position_of_key(key);
        let (base_url, base_path) = match parse_base_url(raw.base_url.get_ref()) {
            Ok(parsed) => parsed,
            Err(refusal) => {
                problems.push(refusal.diagnostic(file, &raw.base_url));
                (String::new(), "/".to_string())
            }
        };
        let today = match raw.today {
            None => None,
            Some(dt) => match Date::from_toml(&dt) {
                Some(d) => Some(d),
                None => {
                    problems.push(
                        Diagnostic::error(&file.path, "`today` must be a date such as 2027-03-01")
                            .at(locate("today"))
                            .help(TODAY_HELP),
                    );
                    None
                }
            },
        };
        let minimum_wage = wage::read(file, problems);
        let mut theme = raw.theme;
        if !crate::slug::is_slug(&theme) {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    format!(
                        "`theme` must be a folder name under themes/, not `{}`",
                        theme
                    ),
                )
                .at(locate("theme"))
                .help("use lowercase letters, digits and hyphens, or \"default\""),
            );
            theme = default_theme();
        }
        let languages = languages(raw.languages, &raw.language, file, problems);
        let ceds = ReportingCodes::read(raw.ceds, file, problems);
        Some(SiteConfig {
            title: raw.title,
            base_url,
            base_path,
            description: raw.description,
            language: raw.language,
            theme,
            minimum_wage,
            today,
            csv_byte_order_mark: raw.csv_byte_order_mark,
            languages,
            search_within: crate::search::Within::Site,
            ceds,
        })
    }

    /// The build date: `today` from site.toml, else `SOURCE_DATE_EPOCH`, else the clock.
    /// A `SOURCE_DATE_EPOCH` that is set is checked even when `today` wins, so that a broken
    /// reproducible-build setup is never silently ignored.
    pub fn build_date(&self) -> Result<Date, Diagnostic> {
        let epoch = source_date_epoch(std::env::var_os(SOURCE_DATE_EPOCH))?;
        if let Some(today) = self.today {
            return Ok(today);
        }
        let seconds = epoch.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
        Ok(Date::from_days(seconds.div_euclid(86_400)))
    }
}

/// The `[languages.<code>]` tables, checked: a code that cannot name a language, or that
/// is the default language, is reported and left out.
fn languages(
    raw: std::collections::BTreeMap<String, RawLanguage>,
    default: &str,
    file: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> Vec<LanguageConfig> {
    let mut languages = Vec::new();
    for (code, language) in raw {
        let at = file
            .text
            .find(&format!("[languages.{code}"))
            .map(|offset| crate::diagnostics::Position::at(&file.text, offset + 1))
            .unwrap_or_else(|| file.position_of_key(&format!("languages.{code}")));
        if !is_language_code(&code) {
            problems.push(
                Diagnostic::error(&file.path, format!("`{code}` is not a language code"))
                    .at(at)
                    .help("name a language by its code in lowercase: [languages.es], [languages.pt-br]"),
            );
        } else if code == default {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    format!("`{code}` is the site's default language (`language`)"),
                )
                .at(at)
                .help("list under [languages] only the languages the site is translated into"),
            );
        } else {
            languages.push(LanguageConfig {
                code,
                name: language.name,
                title: language.title,
                description: language.description,
            });
        }
    }
    languages
}

/// The variable that fixes the build date for reproducible builds.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The first second of the year 10000: dates are written with four-digit years.
const YEAR_10000: i64 = 253_402_300_800;

/// `SOURCE_DATE_EPOCH`'s seconds: `None` when it is unset or empty; an error unless it is a
/// whole number of seconds between 1970 and the end of 9999.
fn source_date_epoch(value: Option<std::ffi::OsString>) -> Result<Option<i64>, Diagnostic> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    let seconds = value
        .to_str()
        .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<i64>().ok());
    let problem = match seconds {
        Some(seconds) if seconds < YEAR_10000 => return Ok(Some(seconds)),
        Some(_) => "a date after the year 9999",
        None => "not a whole number of seconds",
    };
    Err(Diagnostic::error(
        SOURCE_DATE_EPOCH,
        format!("the environment variable {SOURCE_DATE_EPOCH} is `{text}`, {problem}"),
    )
    .help(format!(
        "set it to the seconds since 1970-01-01 00:00 UTC, from 0 to {}, \
         e.g. {SOURCE_DATE_EPOCH}=1767225600, or unset it",
        YEAR_10000 - 1
    )))
}

/// Why `base_url` was refused: the byte in the URL where the problem is, and what it is.
#[derive(Debug, PartialEq, Eq)]
struct Refusal {
    at: usize,
    message: String,
}

const BASE_URL_HELP: &str = "write it as http(s)://host[:port][/path], \
     e.g. base_url = \"https://wbl.example.org\" or \"https://example.org/wbl\"";

impl Refusal {
    fn new(at: usize, message: impl Into<String>) -> Refusal {
        Refusal {
            at,
            message: message.into(),
        }
    }

    /// Located at the character in site.toml when the value is written without escapes,
    /// else at the value.
    fn diagnostic(&self, file: &SourceFile, value: &Spanned<String>) -> Diagnostic {
        let span = value.span();
        let written = file.text.get(span.clone()).unwrap_or_default();
        let inner = written.get(1..written.len().saturating_sub(1));
        let offset = if inner == Some(value.get_ref().as_str()) {
            span.start + 1 + self.at
        } else {
            span.start
        };
        Diagnostic::error(&file.path, format!("`base_url` {}", self.message))
            .at(file.position(offset))
            .help(BASE_URL_HELP)
    }
}

/// Checks `base_url` and returns it without a trailing slash, scheme and host in lowercase,
/// with its path (`/` or `/wbl/`).
fn parse_base_url(url: &str) -> Result<(String, String), Refusal> {
    if let Some((at, c)) = url
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || crate::diagnostics::unprintable(c))
    {
        return Err(Refusal::new(
            at,
            format!(
                "may not contain {}",
                crate::diagnostics::printable(&format!("`{c}`"))
            ),
        ));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(Refusal::new(
            0,
            format!("must be an absolute http or https URL, not `{url}`"),
        ));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(Refusal::new(
            0,
            format!("must be an http or https URL, not `{url}`"),
        ));
    }
    let start = url.len() - rest.len();
    for (mark, what) in [('?', "a query (`?...`)"), ('#', "a fragment (`#...`)")] {
        if let Some(i) = rest.find(mark) {
            return Err(Refusal::new(start + i, format!("may not have {what}")));
        }
    }
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    if let Some(i) = authority.find('@') {
        return Err(Refusal::new(
            start + i,
            "may not contain a user name or password (`user@`)",
        ));
    }
    let host = check_authority(authority).map_err(|(i, m)| Refusal::new(start + i, m))?;
    let path = path.trim_end_matches('/');
    check_path(path).map_err(|(i, m)| Refusal::new(start + authority_end + i, m))?;
    Ok((format!("{scheme}://{host}{path}"), format!("{path}/")))
}

/// `host[:port]`, lowercased; a host is DNS labels or a bracketed IPv6 address.
fn check_authority(authority: &str) -> Result<String, (usize, String)> {
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ip) => ip.parse::<std::net::Ipv6Addr>().is_ok(),
        None => host.split('.').all(label_ok),
    };
    if host.is_empty() {
        return Err((0, "has no host".into()));
    }
    if !host_ok {
        return Err((0, format!("has an invalid host `{host}`")));
    }
    if let Some(port) = port {
        let valid = port.bytes().all(|b| b.is_ascii_digit())
            && matches!(port.parse::<u16>(), Ok(p) if p > 0);
        if !valid {
            return Err((host.len(), format!("has an invalid port `{port}`")));
        }
    }
    Ok(authority.to_ascii_lowercase())
}

/// A path of plain segments: no `.` or `..`, only characters a URL path may hold as is.
fn check_path(path: &str) -> Result<(), (usize, String)> {
    let mut offset = 0;
    for segment in path.split('/') {
        if segment == ".." || segment == "." {
            return Err((offset, format!("may not contain `{segment}` in its path")));
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%".contains(c);
        if let Some((i, c)) = segment.char_indices().find(|&(_, c)| !allowed(c)) {
            return Err((
                offset + i,
                format!("may not contain `{c}` in its path; write it percent-encoded"),
            ));
        }
        offset += segment.len() + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_civil_dates() {
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(20_779).iso(), "2026-11-22");
        assert_eq!(Date::from_days(11_016).iso(), "2000-02-29");
        assert_eq!(Date::from_days(-1).iso(), "1969-12-31");
        for days in [-800_000, -1, 0, 59, 11_016, 20_779, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
    }

    #[test]
    fn base_urls_are_parsed_strictly() {
        let ok = |url: &str| parse_base_url(url).map_err(|r| r.message);
        assert_eq!(
            ok("HTTPS://WBL.Example.org/"),
            Ok(("https://wbl.example.org".into(), "/".into()))
        );
        assert_eq!(
            ok("http://localhost:8080/wbl/x/"),
            Ok(("http://localhost:8080/wbl/x".into(), "/wbl/x/".into()))
        );
        assert!(ok("https://[::1]:8080").is_ok());
        let refused = |url: &str| parse_base_url(url).unwrap_err();
        assert_eq!(
            refused("https://x.org\r\nX-A:1").message,
            "may not contain `\\u{d}`"
        );
        assert_eq!(refused("https://x.org\r\nX-A:1").at, 13);
        assert_eq!(refused("https://a b.org").at, 9);
        assert_eq!(refused("https://u:p@x.org").at, 11);
        assert_eq!(refused("https://x.org/?q=1").at, 14);
        assert_eq!(refused("https://x.org/a#top").at, 15);
        assert_eq!(
            refused("https://x.org/a/../b").message,
            "may not contain `..` in its path"
        );
        assert_eq!(refused("https://x.org/a/../b").at, 16);
        assert_eq!(
            refused("ftp://x.org").message,
            "must be an http or https URL, not `ftp://x.org`"
        );
        assert_eq!(refused("https://").message, "has no host");
        assert_eq!(
            refused("https://x.org:99999").message,
            "has an invalid port `99999`"
        );
        assert_eq!(
            refused("https://x_y.org").message,
            "has an invalid host `x_y.org`"
        );
        assert_eq!(
            refused("https://x.org/a\"b").message,
            "may not contain `\"` in its path; write it percent-encoded"
        );
    }

    #[test]
    fn source_date_epoch_is_a_whole_number_of_seconds_in_range() {
        let read = |v: &str| source_date_epoch(Some(v.into()));
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("0"), Ok(Some(0)));
        assert_eq!(read("253402300799"), Ok(Some(253_402_300_799)));
        for bad in [
            "-1",
            "1.5",
            " 12",
            "abc",
            "253402300800",
            "99999999999999999999999",
        ] {
            let d = read(bad).unwrap_err();
            assert_eq!(d.path, "SOURCE_DATE_EPOCH");
            assert!(d.message.contains(&format!("is `{bad}`")), "{}", d.message);
        }
    }

    #[test]
    fn long_dates_read_naturally() {
        let d = Date {
            year: 2026,
            month: 10,
            day: 1,
        };
        assert_eq!(d.long(), "October 1, 2026");
    }
}
