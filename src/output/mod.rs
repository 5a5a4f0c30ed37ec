//! Write stage: rendered files → the output folder. The folder is resolved and checked first
//! ([`check_destination`]): Trellis refuses to write into the site's inputs, `/`, or the home
//! folder, and into a non-empty folder it did not create unless forced. Writing then goes in
//! phases, so that a failed build changes nothing and no file is ever half-written, while
//! the build holds no more of its output in memory than it is making:
//!
//! 1. stage, while rendering ([`Staging`], a [`crate::render::Sink`]): each file, as it is
//!    made, is compared with what the folder holds at its path; a new or changed one is
//!    written into a staging folder inside the output folder, and only its path and hash are
//!    kept. Links, folders where files go and files Trellis did not write are found here,
//!    before anything is touched. A failed build removes the staging folder ([`Staging::abandon`]);
//! 2. commit ([`Staging::commit`]): record the files in the manifest, create the missing
//!    folders, rename each staged file into place, delete the stale files Trellis wrote (only
//!    while unchanged), and record the result.
//!
//! A build stopped before the commit leaves the output folder as it was, but for the staging
//! folder, which the next build removes; one stopped during the renames leaves some files
//! new and some old, every one of them listed in the manifest, and the next build finishes
//! the job.

mod destination;
mod disk;
mod manifest;
mod plan;
mod staging;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Error;

pub use destination::{check_destination, resolve, Destination, Purpose};
use manifest::Manifest;
pub use manifest::MANIFEST;
pub use staging::Staging;
use staging::{lock, Action, Ownership};

/// Whether a non-empty folder that Trellis did not create may be written into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse: the folder may hold someone's work.
    Refuse,
    /// Write anyway (`--force`); files Trellis did not write are still neither overwritten nor removed.
    Force,
}

/// What a write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files left alone because the folder already held the same bytes.
    pub unchanged: usize,
    /// Files of the previous build that this one no longer has, deleted.
    pub removed: usize,
    /// Stale files the manifest lists but that are not what Trellis wrote (changed since, or
    /// not regular files): kept, and no longer listed. As the user names them.
    pub kept: Vec<PathBuf>,
}

impl Staging {
    /// Puts the staged site in place: every problem met while staging is reported first
    /// (and the staging folder removed), then the stale files are looked at, the manifest
    /// lists old and new files, the staged files are renamed into place, the stale ones
    /// deleted, and the manifest lists the new files only.
    pub fn commit(self) -> Result<Written, Error> {
        if let Err(e) = self.refusals() {
            self.remove_stage();
            return Err(e);
        }
        let stale = match plan::stale(&self.dest, &self.previous, &lock(&self.entries)) {
            Ok(stale) => stale,
            Err(e) => {
                self.remove_stage();
                return Err(e);
            }
        };
        let entries = std::mem::take(&mut *lock(&self.entries));
        let next = next_manifest(&entries);
        let staged: Vec<(&String, usize)> = entries
            .iter()
            .filter_map(|(rel, e)| match e.action {
                Action::Staged(n) => Some((rel, n)),
                _ => None,
            })
            .collect();
        let mut written = Written {
            written: staged.len(),
            unchanged: entries.len() - staged.len(),
            removed: stale.deletes.len(),
            kept: stale.kept.iter().map(|rel| self.dest.show(rel)).collect(),
        };
        if !staged.is_empty() || !stale.deletes.is_empty() {
            // Record old and new files before renaming, so an interrupted build never leaves
            // files Trellis wrote but no longer knows about.
            let mut union = self.previous.clone();
            for (path, stamps) in &next {
                union.entry(path.clone()).or_default().extend(stamps);
            }
            let outcome =
                write_manifest(&self.dest, &union).and_then(|()| self.put_in_place(&staged));
            if let Err(e) = outcome {
                self.remove_stage();
                return Err(e);
            }
            self.remove_stage();
            written.removed = delete(&self.dest, &stale.deletes)?;
        }
        write_manifest(&self.dest, &next)?;
        Ok(written)
    }

    /// The first problem met while staging, in the order of the paths, with every file
    /// Trellis did not write counted in one message.
    fn refusals(&self) -> Result<(), Error> {
        if let Some((_, e)) = std::mem::take(&mut *lock(&self.errors)).pop_first() {
            return Err(e);
        }
        let entries = lock(&self.entries);
        let foreign: Vec<&str> = entries
            .iter()
            .filter(|(_, e)| e.action == Action::Foreign)
            .map(|(p, _)| p.as_str())
            .collect();
        plan::refuse_foreign(&self.dest, &foreign)
    }

    /// Creates the missing folders and renames each staged file into place.
    fn put_in_place(&self, staged: &[(&String, usize)]) -> Result<(), Error> {
        for rel in self.missing_folders() {
            disk::create_folder(&self.dest, &rel)?;
        }
        let Some(stage) = self.stage() else {
            return Ok(());
        };
        let failures: Vec<Error> = staged
            .par_iter()
            .filter_map(|(rel, n)| {
                let target = self.dest.real.join(rel);
                std::fs::rename(stage.folder.join(n.to_string()), target)
                    .map_err(|e| disk::write_error(&self.dest.show(disk::parent(rel)), e))
                    .err()
            })
            .collect();
        failures.into_iter().next().map_or(Ok(()), Err)
    }
}

/// Creates the output folder itself. Its missing part has no links: the path is resolved.
fn create_top(dest: &Destination) -> Result<(), Error> {
    if let Err(e) = std::fs::create_dir_all(&dest.real) {
        let shown = dest.shown.parent().unwrap_or(&dest.shown);
        return Err(disk::write_error(shown, e));
    }
    match std::fs::symlink_metadata(&dest.real) {
        Ok(m) if m.is_dir() => Ok(()),
        _ => Err(Error::new(&dest.shown, "is not a folder")),
    }
}

/// What the manifest lists after the build: every file Trellis wrote or had written with
/// the same bytes; never a file that was there before Trellis wrote to the folder.
fn next_manifest(entries: &std::collections::BTreeMap<String, staging::Entry>) -> Manifest {
    entries
        .iter()
        .filter(|(_, e)| {
            matches!(
                e.action,
                Action::Staged(_) | Action::Unchanged(Ownership::Trellis)
            )
        })
        .map(|(rel, e)| (rel.clone(), [e.stamp].into()))
        .collect()
}

/// Deletes the stale files the plan found unchanged since Trellis wrote them, and the
/// folders this leaves empty. Returns how many it deleted.
fn delete(dest: &Destination, stale: &[String]) -> Result<usize, Error> {
    let mut removed = 0;
    for rel in stale {
        let path = dest.real.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                removed += 1;
                remove_empty_parents(&dest.real, &path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(disk::write_error(&dest.show(disk::parent(rel)), e)),
        }
    }
    Ok(removed)
}

fn remove_empty_parents(top: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        // `remove_dir` removes only an empty, real folder; a link is never followed.
        if d == top || !d.starts_with(top) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Writes the manifest, unless it already says exactly this (a build with nothing to change
/// writes nothing, so it also works in a read-only folder).
fn write_manifest(dest: &Destination, manifest: &Manifest) -> Result<(), Error> {
    let text = manifest::render(manifest);
    let path = dest.real.join(MANIFEST);
    let current = std::fs::symlink_metadata(&path)
        .is_ok_and(|m| m.is_file() && m.len() == text.len() as u64)
        .then(|| std::fs::read(&path).ok())
        .flatten();
    if current.as_deref() == Some(text.as_bytes()) {
        return Ok(());
    }
    let temporary = disk::stage(&dest.real, &dest.shown, text.as_bytes())?;
    std::fs::rename(&temporary, &path).map_err(|e| {
        disk::remove_quietly(&temporary);
        disk::write_error(&dest.shown, e)
    })
}

/// Writes `bytes` to `path` through a new temporary file beside it and a rename, so the
/// file is never half-written and nothing planted at a temporary name is followed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let temporary = disk::stage(folder, folder, bytes)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        disk::remove_quietly(&temporary);
        Error::io(path, e)
    })
}
