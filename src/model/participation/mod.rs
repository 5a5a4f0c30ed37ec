//! Model stage, aggregate participation: the optional `content/data/participation.toml`
//! (counts of students by district, student group and stage), checked, and the counts as
//! they may be published (see the `suppress` module). Trellis never reads student-level records:
//! a key that names a student (`name`, `id`, `student_id`, ...) or a list of records is
//! refused at its place.

mod suppress;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub use suppress::{publish, Area, Published, Shown, SMALL_CELL};

use crate::diagnostics::{closest, Diagnostic};
use crate::load::SourceFile;
use crate::vocabulary::{Group, Stage};

/// Where the participation file is, relative to the site root.
pub const PARTICIPATION_FILE: &str = "content/data/participation.toml";

/// The most students a count may hold.
const MOST: i64 = 10_000_000;

/// Counts of students by stage: `None` where the file gives none.
pub type StageCounts = [Option<u32>; 4];

/// The aggregate counts of `content/data/participation.toml`, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Participation {
    /// What the counts cover, in the file's words (`period`), such as "2025-26 school year".
    pub period: Option<String>,
    /// For each district named (in id order), each group's counts by stage.
    pub districts: BTreeMap<String, BTreeMap<Group, StageCounts>>,
}

/// Keys that name or identify one student: a file with one holds student-level records.
fn identifies_a_student(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    const NAMES: [&str; 16] = [
        "name",
        "id",
        "first",
        "last",
        "firstname",
        "lastname",
        "student",
        "students",
        "ssid",
        "email",
        "dob",
        "birthdate",
        "birthday",
        "birth_date",
        "date_of_birth",
        "address",
    ];
    NAMES.contains(&key.as_str())
        || key.ends_with("_id")
        || key.ends_with("_name")
        || key.starts_with("student_")
}

/// Loads the participation file if there is one; its problems go to `problems`.
pub fn load(
    root: &Path,
    districts: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<Participation> {
    let path = PathBuf::from(PARTICIPATION_FILE);
    root.join(&path).symlink_metadata().ok()?;
    let file = SourceFile::read(root, &path, problems)?;
    let before = problems.len();
    let participation = read(&file, districts, problems);
    (problems.len() == before).then_some(participation)
}

/// Reads the text of a participation file, reporting every problem.
pub fn read(
    file: &SourceFile,
    districts: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Participation {
    let mut out = Participation::default();
    let table = match DeTable::parse(&file.text) {
        Ok(table) => table,
        Err(err) => {
            problems.push(crate::load::toml_diagnostic(file, 0, &err));
            return out;
        }
    };
    let reader = Reader { file, problems };
    let mut reader = reader;
    for (key, value) in table.get_ref() {
        match key.get_ref().as_ref() {
            "period" => match value.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => out.period = Some(s.to_string()),
                _ => reader.error(
                    value.span(),
                    "`period` must be text that says what the counts cover",
                    "for example `period = \"2025-26 school year\"`",
                ),
            },
            "districts" => {
                if let Some(table) = reader.table(value, "districts") {
                    for (id, groups) in table {
                        reader.district(id, groups, districts, &mut out);
                    }
                }
            }
            other if matches!(value.get_ref(), DeValue::Array(_)) => {
                reader.table(value, other);
            }
            other => reader.unknown(key, other, &["period", "districts"]),
        }
    }
    out
}

/// Reads one file, putting each problem at its place.
struct Reader<'f, 'p> {
    file: &'f SourceFile,
    problems: &'p mut Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: &str, help: &str) {
        self.problems.push(
            Diagnostic::error(&self.file.path, message)
                .at(self.file.position(span.start))
                .help(help),
        );
    }

    /// A key that is not one of `valid`: a student-level record when it looks like one.
    fn unknown(&mut self, key: &Spanned<toml::de::DeString>, written: &str, valid: &[&str]) {
        if identifies_a_student(written) {
            return self.student_level(key.span(), written);
        }
        let near = closest(written, valid.iter().copied())
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        self.error(
            key.span(),
            &format!("unknown key `{written}`"),
            &format!("{near}the keys here are {}", valid.join(", ")),
        );
    }

    fn student_level(&mut self, span: std::ops::Range<usize>, written: &str) {
        self.error(
            span,
            &format!("`{written}` looks like a student-level record: participation data must be counts only"),
            "Trellis publishes aggregate counts and never reads records about single students; \
             write the number of students of each group at each stage, as in \
             `[districts.<district>.<group>] awareness = 120`",
        );
    }

    /// `value` as a table, or an error naming `what`.
    fn table<'v, 'i>(
        &mut self,
        value: &'v Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            DeValue::Array(_) => {
                self.error(
                    value.span(),
                    &format!(
                        "`{what}` is a list of records: participation data must be counts only"
                    ),
                    "Trellis never reads records about single students; write a table of counts, \
                     as in `[districts.<district>.<group>] awareness = 120`",
                );
                None
            }
            _ => {
                self.error(
                    value.span(),
                    &format!("`{what}` must be a table"),
                    "write `[districts.<district>.<group>]` with a count for each stage",
                );
                None
            }
        }
    }

    /// One `[districts.<id>]` table: its groups, each with counts by stage.
    fn district(
        &mut self,
        id: &Spanned<toml::de::DeString>,
        groups: &Spanned<DeValue>,
        districts: &[&str],
        out: &mut Participation,
    ) {
        let written = id.get_ref().as_ref();
        if identifies_a_student(written) {
            return self.student_level(id.span(), written);
        }
        let known = districts.contains(&written);
        if !known {
            let near = closest(written, districts.iter().copied())
                .map(|d| format!("did you mean `{d}`? "))
                .unwrap_or_default();
            self.error(
                id.span(),
                &format!("no district `{written}` (a folder under content/districts/)"),
                &format!("{near}the districts are {}", districts.join(", ")),
            );
        }
        let Some(groups) = self.table(groups, written) else {
            return;
        };
        let mut counts = BTreeMap::new();
        let slugs: Vec<&str> = Group::ALL.iter().map(|g| g.slug()).collect();
        for (key, stages) in groups {
            let Some(group) = Group::from_slug(key.get_ref()) else {
                self.unknown(key, key.get_ref(), &slugs);
                continue;
            };
            if let Some(stages) = self.table(stages, key.get_ref()) {
                counts.insert(group, self.stages(stages));
            }
        }
        if known {
            out.districts.insert(written.to_string(), counts);
        }
    }

    /// A group's counts by stage.
    fn stages(&mut self, table: &DeTable) -> StageCounts {
        let mut counts = [None; 4];
        let slugs: Vec<&str> = Stage::ALL.iter().map(|s| s.slug()).collect();
        for (key, value) in table {
            let Some(stage) = Stage::from_slug(key.get_ref()) else {
                self.unknown(key, key.get_ref(), &slugs);
                continue;
            };
            let text = self
                .file
                .text
                .get(value.span())
                .unwrap_or_default()
                .replace('_', "");
            match (value.get_ref(), text.parse::<i64>()) {
                (DeValue::Integer(_), Ok(n)) if (0..=MOST).contains(&n) => {
                    counts[stage as usize] = Some(n as u32);
                }
                _ => self.error(
                    value.span(),
                    &format!("the count for `{}` must be a whole number of students", stage.slug()),
                    &format!("write a number from 0 to {MOST}, without quotes; leave the stage out when it is not known"),
                ),
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests;
