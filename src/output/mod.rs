//! Write stage: rendered files → the output folder. The folder is resolved and checked first
//! ([`check_destination`]): Trellis refuses to write into the site's inputs, `/`, or the home
//! folder, and into a non-empty folder it did not create unless forced. Writing then goes in
//! phases, so that a failure changes nothing and no file is ever half-written:
//!
//! 1. plan: look at the folder without changing it (`plan.rs`); refuse links and files that
//!    Trellis did not write;
//! 2. stage: create the missing folders and write every changed file to a new temporary file;
//!    on any failure remove them all;
//! 3. commit: record the files in the manifest, rename each temporary file into place,
//!    delete the stale files Trellis wrote (only while unchanged), and record the result.

mod destination;
mod disk;
mod manifest;
mod plan;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Error;
use crate::render::Files;

pub use destination::{check_destination, resolve, Destination, Purpose};
pub use manifest::MANIFEST;
use manifest::{Manifest, Stamp};
use plan::{Ownership, Plan};

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

/// Writes `files` into the folder [`check_destination`] accepted.
pub fn write(dest: &Destination, files: &Files) -> Result<Written, Error> {
    create_top(dest)?;
    disk::clean_temporaries(&dest.real);
    let previous = manifest::read(&dest.real);
    let plan = plan::plan(dest, files, &previous)?;
    let next = next_manifest(&plan, files);
    let mut written = Written {
        written: plan.writes.len(),
        unchanged: plan.unchanged.len(),
        removed: plan.deletes.len(),
        kept: plan.kept.iter().map(|rel| dest.show(rel)).collect(),
    };
    if !plan.writes.is_empty() || !plan.deletes.is_empty() {
        let staged = stage(dest, &plan, files)?;
        // Record old and new files before renaming, so an interrupted build never leaves
        // files Trellis wrote but no longer knows about.
        let mut union = previous.clone();
        for (path, stamps) in &next {
            union.entry(path.clone()).or_default().extend(stamps);
        }
        if let Err(e) = write_manifest(dest, &union) {
            staged.iter().for_each(|(_, t)| disk::remove_quietly(t));
            return Err(e);
        }
        commit(dest, staged)?;
        written.removed = delete(dest, &plan.deletes)?;
    }
    write_manifest(dest, &next)?;
    Ok(written)
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
fn next_manifest(plan: &Plan, files: &Files) -> Manifest {
    let ours = plan
        .unchanged
        .iter()
        .filter(|(_, owner)| *owner == Ownership::Trellis)
        .map(|(rel, _)| *rel);
    ours.chain(plan.writes.iter().copied())
        .map(|rel| (rel.to_string(), [Stamp::of(&files[rel])].into()))
        .collect()
}

/// Creates the missing folders and writes every changed file to a temporary file beside
/// it. Returns (target, temporary) pairs; on failure removes what it made.
fn stage(dest: &Destination, plan: &Plan, files: &Files) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    let mut created: Vec<&str> = Vec::new();
    let outcome = plan
        .folders
        .iter()
        .try_for_each(|rel| disk::create_folder(dest, rel).map(|()| created.push(rel)));
    let staged: Vec<Result<(PathBuf, PathBuf), Error>> = match outcome {
        Ok(()) => plan
            .writes
            .par_iter()
            .map(|rel| {
                let folder = disk::parent(rel);
                let temporary =
                    disk::stage(&dest.real.join(folder), &dest.show(folder), &files[*rel])?;
                Ok((dest.real.join(rel), temporary))
            })
            .collect(),
        Err(e) => vec![Err(e)],
    };
    if staged.iter().all(Result::is_ok) {
        return staged.into_iter().collect();
    }
    let mut first = None;
    for outcome in staged {
        match outcome {
            Ok((_, temporary)) => disk::remove_quietly(&temporary),
            Err(e) => first = first.or(Some(e)),
        }
    }
    for rel in created.iter().rev() {
        let _ = std::fs::remove_dir(dest.real.join(rel));
    }
    Err(first.unwrap_or_else(|| Error::new(&dest.shown, "could not be written")))
}

/// Renames each temporary file over its target. A rename replaces a link at the target
/// rather than following it, and its folder was checked when planning.
fn commit(dest: &Destination, staged: Vec<(PathBuf, PathBuf)>) -> Result<(), Error> {
    let mut failure = None;
    for (target, temporary) in staged {
        if failure.is_some() {
            disk::remove_quietly(&temporary);
        } else if let Err(e) = std::fs::rename(&temporary, &target) {
            disk::remove_quietly(&temporary);
            let rel = target.strip_prefix(&dest.real).unwrap_or(&target);
            failure = Some(disk::write_error(&dest.shown.join(rel), e));
        }
    }
    failure.map_or(Ok(()), Err)
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
