//! Looks at the output folder, without changing it, and decides what a build must do: which
//! folders to create, which files to write, which stale files to delete and which to keep.
//! Anything that would make Trellis overwrite a file it did not write, or write through a
//! link, is found here, before anything is touched.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::diagnostics::Error;
use crate::render::Files;

use super::disk::{self, Folder};
use super::manifest::{Manifest, Stamp};
use super::Destination;

/// What a build will do to the output folder.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    /// Folders to create, each after its parent.
    pub folders: Vec<String>,
    /// Files to write, new or replacing what Trellis wrote before.
    pub writes: Vec<&'a str>,
    /// Files that already hold the right bytes, and whether Trellis wrote them.
    pub unchanged: Vec<(&'a str, Ownership)>,
    /// Stale files Trellis wrote, unchanged since: to delete.
    pub deletes: Vec<String>,
    /// Stale files listed in the manifest that are not what Trellis wrote: to keep.
    pub kept: Vec<String>,
}

/// Whether the manifest lists a file (so Trellis wrote it), or it was there before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    Trellis,
    Foreign,
}

enum FileState {
    Write,
    Unchanged(Ownership),
    Foreign,
}

/// Plans writing `files` into `dest`, which holds what `previous` lists.
pub fn plan<'a>(
    dest: &Destination,
    files: &'a Files,
    previous: &Manifest,
) -> Result<Plan<'a>, Error> {
    let folders = missing_folders(dest, files)?;
    let missing: BTreeSet<&str> = folders.iter().map(String::as_str).collect();
    let states: Vec<(&str, FileState)> = files
        .par_iter()
        .map(|(rel, bytes)| {
            let state = if missing.contains(disk::parent(rel)) {
                FileState::Write
            } else {
                file_state(dest, rel, bytes, previous)?
            };
            Ok((rel.as_str(), state))
        })
        .collect::<Result<_, Error>>()?;
    let mut plan = Plan {
        folders,
        ..Plan::default()
    };
    let mut foreign = Vec::new();
    for (rel, state) in states {
        match state {
            FileState::Write => plan.writes.push(rel),
            FileState::Unchanged(owner) => plan.unchanged.push((rel, owner)),
            FileState::Foreign => foreign.push(rel),
        }
    }
    refuse_foreign(dest, &foreign)?;
    for (rel, stamps) in previous.iter().filter(|(p, _)| !files.contains_key(*p)) {
        match stale_state(dest, rel, stamps)? {
            Stale::Gone => {}
            Stale::Delete => plan.deletes.push(rel.clone()),
            Stale::Keep => plan.kept.push(rel.clone()),
        }
    }
    Ok(plan)
}

/// The folders the files need that do not exist yet, parents first. A link or a file where
/// a folder should be is an error.
fn missing_folders(dest: &Destination, files: &Files) -> Result<Vec<String>, Error> {
    let mut needed = BTreeSet::new();
    for rel in files.keys() {
        let mut folder = disk::parent(rel);
        while !folder.is_empty() && needed.insert(folder) {
            folder = disk::parent(folder);
        }
    }
    // Sorted, a folder comes before the folders inside it; inside a missing folder nothing
    // needs looking at.
    let mut missing: Vec<String> = Vec::new();
    for folder in needed {
        let under_missing = missing.iter().any(|m| {
            folder
                .strip_prefix(m.as_str())
                .is_some_and(|r| r.starts_with('/'))
        });
        if under_missing || disk::folder(dest, folder)? == Folder::Missing {
            missing.push(folder.to_string());
        }
    }
    Ok(missing)
}

fn file_state(
    dest: &Destination,
    rel: &str,
    bytes: &[u8],
    previous: &Manifest,
) -> Result<FileState, Error> {
    let path = dest.real.join(rel);
    let metadata = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Write),
        Err(e) => return Err(Error::io(dest.show(rel), e)),
    };
    if metadata.file_type().is_symlink() {
        return Err(disk::link_error(dest, rel));
    }
    if !metadata.is_file() {
        return Err(Error::new(
            dest.show(rel),
            "is not a regular file, and the site has a file here; move it away, then build again",
        ));
    }
    let owner = if previous.contains_key(rel) {
        Ownership::Trellis
    } else {
        Ownership::Foreign
    };
    let same = metadata.len() == bytes.len() as u64
        && std::fs::read(&path).map_err(|e| Error::io(dest.show(rel), e))? == bytes;
    Ok(match (same, owner) {
        (true, owner) => FileState::Unchanged(owner),
        (false, Ownership::Trellis) => FileState::Write,
        (false, Ownership::Foreign) => FileState::Foreign,
    })
}

/// Trellis never overwrites a file it did not write, even with `--force`.
fn refuse_foreign(dest: &Destination, foreign: &[&str]) -> Result<(), Error> {
    let Some(first) = foreign.first() else {
        return Ok(());
    };
    let more = match foreign.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more file)".to_string(),
        n => format!(" (and {n} more files)"),
    };
    Err(Error::new(
        dest.show(first),
        format!("the site has a file here, but this one was not written by Trellis{more}, and Trellis never overwrites a file it did not write; move it away or choose another output folder, then build again"),
    ))
}

enum Stale {
    Gone,
    Delete,
    Keep,
}

/// Whether a file the manifest lists, and the site no longer has, may be deleted: only a
/// regular file, reached through real folders, whose size and hash are what Trellis wrote.
fn stale_state(dest: &Destination, rel: &str, stamps: &BTreeSet<Stamp>) -> Result<Stale, Error> {
    let mut folder = disk::parent(rel);
    let mut folders = Vec::new();
    while !folder.is_empty() {
        folders.push(folder);
        folder = disk::parent(folder);
    }
    for folder in folders.into_iter().rev() {
        match std::fs::symlink_metadata(dest.real.join(folder)) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Ok(Stale::Keep),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Stale::Gone),
            Err(e) => return Err(Error::io(dest.show(folder), e)),
        }
    }
    let path = dest.real.join(rel);
    let metadata = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Stale::Gone),
        Err(e) => return Err(Error::io(dest.show(rel), e)),
    };
    if !metadata.is_file() || !stamps.iter().any(|s| s.size == metadata.len()) {
        return Ok(Stale::Keep);
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(dest.show(rel), e))?;
    Ok(if stamps.contains(&Stamp::of(&bytes)) {
        Stale::Delete
    } else {
        Stale::Keep
    })
}
