//! Site settings: `content/site.toml` → [`SiteConfig`], and the build date.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::load::{parse_toml, SourceFile};

/// The settings in `content/site.toml`, checked.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Without a trailing slash: `https://wbl.example.org` or `https://example.org/wbl`.
    pub base_url: String,
    /// The path part of `base_url`, with leading and trailing slashes: `/` or `/wbl/`.
    pub base_path: String,
    pub description: String,
    pub language: String,
    pub theme: String,
    pub minimum_wage: Option<f64>,
    pub today: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSiteConfig {
    #[serde(deserialize_with = "crate::load::text::title")]
    title: String,
    base_url: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    minimum_wage: Option<f64>,
    today: Option<toml::value::Datetime>,
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> String {
    "default".into()
}

impl SiteConfig {
    pub fn parse(file: &SourceFile) -> Result<SiteConfig, Vec<Diagnostic>> {
        let raw: RawSiteConfig = parse_toml(file, 0, file.text.len())?;
        let mut problems = Vec::new();
        let locate = |key: &str| file.position_of_key(key);
        let base_url = raw.base_url.trim_end_matches('/').to_string();
        let base_path = match base_url.split_once("://") {
            Some((scheme, rest)) if (scheme == "http" || scheme == "https") && !rest.is_empty() => {
                let path = rest.find('/').map_or("", |i| &rest[i..]);
                format!("{}/", path.trim_end_matches('/'))
            }
            _ => {
                problems.push(
                    Diagnostic::error(
                        &file.path,
                        format!(
                            "`base_url` must be an absolute http or https URL, not `{}`",
                            raw.base_url
                        ),
                    )
                    .at(locate("base_url"))
                    .help("for example: base_url = \"https://wbl.example.org\""),
                );
                "/".to_string()
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
                            .help("write a date without quotes or a time, e.g. `today = 2027-03-01`, or remove the line to use the current date"),
                    );
                    None
                }
            },
        };
        if let Some(wage) = raw.minimum_wage {
            if !(wage.is_finite() && wage > 0.0) {
                problems.push(
                    Diagnostic::error(
                        &file.path,
                        "`minimum_wage` must be a positive hourly amount",
                    )
                    .at(locate("minimum_wage"))
                    .help("for example: minimum_wage = 16.50"),
                );
            }
        }
        if !crate::slug::is_slug(&raw.theme) {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    format!(
                        "`theme` must be a folder name under themes/, not `{}`",
                        raw.theme
                    ),
                )
                .at(locate("theme"))
                .help("use lowercase letters, digits and hyphens, or \"default\""),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SiteConfig {
            title: raw.title,
            base_url,
            base_path,
            description: raw.description,
            language: raw.language,
            theme: raw.theme,
            minimum_wage: raw.minimum_wage,
            today,
        })
    }

    /// The build date: `today` from site.toml, else `SOURCE_DATE_EPOCH`, else the clock.
    pub fn build_date(&self) -> Date {
        if let Some(today) = self.today {
            return today;
        }
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days(seconds.div_euclid(86_400))
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date part of a TOML date or date-time; `None` for a bare time.
    pub fn from_toml(dt: &toml::value::Datetime) -> Option<Date> {
        dt.date.map(|d| Date {
            year: i32::from(d.year),
            month: d.month,
            day: d.day,
        })
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_days`]).
    pub fn to_days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `2026-10-01`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `October 1, 2026`.
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{month} {}, {}", self.day, self.year)
    }
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
    fn long_dates_read_naturally() {
        let d = Date {
            year: 2026,
            month: 10,
            day: 1,
        };
        assert_eq!(d.long(), "October 1, 2026");
    }
}
