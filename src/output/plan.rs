//! Looks at the output folder, without changing it, for what the staged site cannot be put
//! in place over: files Trellis did not write where the site has a file, and the stale files
//! of the previous build, to delete while unchanged or else keep.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Error;

use super::disk;
use super::manifest::{Manifest, Stamp};
use super::staging::Entry;
use super::Destination;

/// The files of the previous build that this one no longer has.
#[derive(Debug, Default)]
pub struct Stale {
    /// Unchanged since Trellis wrote them: to delete.
    pub deletes: Vec<String>,
    /// Listed in the manifest but not what Trellis wrote: to keep.
    pub kept: Vec<String>,
}

/// The stale files in `dest`: those `previous` lists that the site (`entries`) no longer has.
pub fn stale(
    dest: &Destination,
    previous: &Manifest,
    entries: &BTreeMap<String, Entry>,
) -> Result<Stale, Error> {
    let mut stale = Stale::default();
    for (rel, stamps) in previous.iter().filter(|(p, _)| !entries.contains_key(*p)) {
        match stale_state(dest, rel, stamps)? {
            State::Gone => {}
            State::Delete => stale.deletes.push(rel.clone()),
            State::Keep => stale.kept.push(rel.clone()),
        }
    }
    Ok(stale)
}

/// Trellis never overwrites a file it did not write, even with `--force`.
pub fn refuse_foreign(dest: &Destination, foreign: &[&str]) -> Result<(), Error> {
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

enum State {
    Gone,
    Delete,
    Keep,
}

/// Whether a file the manifest lists, and the site no longer has, may be deleted: only a
/// regular file, reached through real folders, whose size and hash are what Trellis wrote.
fn stale_state(dest: &Destination, rel: &str, stamps: &BTreeSet<Stamp>) -> Result<State, Error> {
    let mut folder = disk::parent(rel);
    let mut folders = Vec::new();
    while !folder.is_empty() {
        folders.push(folder);
        folder = disk::parent(folder);
    }
    for folder in folders.into_iter().rev() {
        match std::fs::symlink_metadata(dest.real.join(folder)) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Ok(State::Keep),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::Gone),
            Err(e) => return Err(Error::io(dest.show(folder), e)),
        }
    }
    let path = dest.real.join(rel);
    let metadata = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::Gone),
        Err(e) => return Err(Error::io(dest.show(rel), e)),
    };
    if !metadata.is_file() || !stamps.iter().any(|s| s.size == metadata.len()) {
        return Ok(State::Keep);
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(dest.show(rel), e))?;
    Ok(if stamps.contains(&Stamp::of(&bytes)) {
        State::Delete
    } else {
        State::Keep
    })
}
