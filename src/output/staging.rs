//! The sink `trellis build` renders into: each file is compared, as it is made, with what the
//! output folder holds at its path; a new or changed file is written at once into a staging
//! folder inside the output folder (`.trellis-tmp-stage-<pid>`), an unchanged one is left
//! alone, and of either only the path, size and hash are kept. Nothing else in the output
//! folder changes until [`Staging::commit`]; [`Staging::abandon`] (or an interrupted
//! build, cleaned up by the next) leaves it as it was.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::diagnostics::Error;
use crate::render::{self, Bytes, Sink};

use super::disk::{self, Folder};
use super::manifest::{Manifest, Stamp};
use super::Destination;

/// What the build will do with one file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Not decided yet: the file is being compared or staged.
    Pending,
    /// The folder already holds these bytes; whether Trellis wrote them.
    Unchanged(Ownership),
    /// Written to the staging folder under this number, to be renamed into place.
    Staged(usize),
    /// A different file that Trellis did not write: never overwritten.
    Foreign,
    /// Something at the path (or on the way to it) that Trellis cannot write over; the
    /// error is in [`Staging`]'s errors.
    Refused,
}

/// Whether the manifest lists a file (so Trellis wrote it), or it was there before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    Trellis,
    Foreign,
}

/// One file of the site: what it holds and what will become of it.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub stamp: Stamp,
    pub action: Action,
    /// An HTML page that search engines may index (for the sitemap).
    pub indexable: bool,
}

/// A sink that stages the site's changed files on disk (see the module's comment).
pub struct Staging {
    pub(super) dest: Destination,
    /// What the previous build wrote, as its manifest says.
    pub(super) previous: Manifest,
    /// Every file the site has so far, by path.
    pub(super) entries: Mutex<BTreeMap<String, Entry>>,
    /// The folders looked at, by path inside the output folder.
    folders: Mutex<HashMap<String, Result<Folder, ()>>>,
    /// The problems met, by path inside the output folder: reported by `commit`.
    pub(super) errors: Mutex<BTreeMap<String, Error>>,
    /// The staging folder, once a file needed it, and the folders made to hold it.
    stage: OnceLock<Result<Stage, ()>>,
    next: AtomicUsize,
}

/// The staging folder, and the folders above it this build created.
#[derive(Debug)]
pub(super) struct Stage {
    pub(super) folder: PathBuf,
    /// The output folder and its parents that did not exist, innermost first.
    pub(super) created: Vec<PathBuf>,
}

impl Staging {
    /// Prepares to write into `dest`: reads the previous build's manifest and removes the
    /// temporary files and staging folders an interrupted build left. Changes nothing else.
    pub fn open(dest: &Destination) -> Staging {
        disk::clean_temporaries(&dest.real);
        Staging {
            previous: super::manifest::read(&dest.real),
            dest: dest.clone(),
            entries: Mutex::default(),
            folders: Mutex::default(),
            errors: Mutex::default(),
            stage: OnceLock::new(),
            next: AtomicUsize::new(0),
        }
    }

    /// How many files the site has, and how many of them are HTML pages.
    pub fn counts(&self) -> (usize, usize) {
        let entries = lock(&self.entries);
        let pages = entries.keys().filter(|p| p.ends_with(".html")).count();
        (entries.len(), pages)
    }

    /// Gives up: removes the staging folder, and the output folder if this build made it,
    /// so the output folder is as it was.
    pub fn abandon(self) {
        self.remove_stage();
    }

    /// Removes the staging folder, and the folders made to hold it if they are empty.
    pub(super) fn remove_stage(&self) {
        if let Some(Ok(stage)) = self.stage.get() {
            remove_stage(stage);
        }
    }

    /// The action for `rel`, holding `bytes`: compares with what the folder holds there, and
    /// stages the bytes when they are new or changed.
    fn decide(&self, rel: &str, bytes: &[u8]) -> Action {
        match self.existing(rel, bytes) {
            Ok(Some(action)) => action,
            Ok(None) => match self.stage_file(bytes) {
                Ok(n) => Action::Staged(n),
                Err(e) => self.refuse(rel, e),
            },
            Err(e) => self.refuse(rel, e),
        }
    }

    fn refuse(&self, rel: &str, e: Error) -> Action {
        // A file in a refused folder is refused with it; the folder's error says why.
        if !(e.path.as_os_str().is_empty() && e.message.is_empty()) {
            lock(&self.errors).entry(rel.to_string()).or_insert(e);
        }
        Action::Refused
    }

    /// What the folder holds at `rel`: `None` when the file must be written.
    fn existing(&self, rel: &str, bytes: &[u8]) -> Result<Option<Action>, Error> {
        let folder = disk::parent(rel);
        if !folder.is_empty() && self.folder(folder)? == Folder::Missing {
            return Ok(None);
        }
        let path = self.dest.real.join(rel);
        let dest = &self.dest;
        let metadata = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
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
        let owner = if self.previous.contains_key(rel) {
            Ownership::Trellis
        } else {
            Ownership::Foreign
        };
        let same = metadata.len() == bytes.len() as u64
            && std::fs::read(&path).map_err(|e| Error::io(dest.show(rel), e))? == bytes;
        Ok(match (same, owner) {
            (true, owner) => Some(Action::Unchanged(owner)),
            (false, Ownership::Trellis) => None,
            (false, Ownership::Foreign) => Some(Action::Foreign),
        })
    }

    /// Whether the folder `rel` exists (a link or a file there is an error, reported once
    /// for the folder); inside a missing folder nothing is looked at.
    fn folder(&self, rel: &str) -> Result<Folder, Error> {
        if let Some(known) = lock(&self.folders).get(rel) {
            return known.map_err(|()| folder_refused());
        }
        let above = disk::parent(rel);
        let state = if !above.is_empty() && self.folder(above)? == Folder::Missing {
            Ok(Folder::Missing)
        } else {
            disk::folder(&self.dest, rel)
        };
        let known = match state {
            Ok(folder) => Ok(folder),
            Err(e) => {
                lock(&self.errors).entry(rel.to_string()).or_insert(e);
                Err(())
            }
        };
        lock(&self.folders).insert(rel.to_string(), known);
        known.map_err(|()| folder_refused())
    }

    /// Writes `bytes` to the next file of the staging folder, returning its number.
    fn stage_file(&self, bytes: &[u8]) -> Result<usize, Error> {
        let stage = self.stage.get_or_init(|| {
            let made = make_stage(&self.dest);
            made.map_err(|e| {
                lock(&self.errors).entry(String::new()).or_insert(e);
            })
        });
        let Ok(stage) = stage else {
            return Err(folder_refused());
        };
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        disk::write_new(&stage.folder.join(n.to_string()), &self.dest.shown, bytes)?;
        Ok(n)
    }

    /// The staging folder, if any file was staged.
    pub(super) fn stage(&self) -> Option<&Stage> {
        self.stage.get().and_then(|s| s.as_ref().ok())
    }

    /// The folders the staged files need that do not exist yet, parents first.
    pub(super) fn missing_folders(&self) -> Vec<String> {
        let folders = lock(&self.folders);
        let mut missing: Vec<String> = folders
            .iter()
            .filter(|(_, state)| **state == Ok(Folder::Missing))
            .map(|(rel, _)| rel.clone())
            .collect();
        missing.sort();
        missing
    }
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Bytes) -> bool {
        let entry = Entry {
            stamp: Stamp::of(&bytes),
            action: Action::Pending,
            indexable: render::indexable(&path, &bytes),
        };
        {
            let mut entries = lock(&self.entries);
            if entries.contains_key(&path) {
                return false;
            }
            entries.insert(path.clone(), entry);
        }
        let action = self.decide(&path, &bytes);
        if let Some(entry) = lock(&self.entries).get_mut(&path) {
            entry.action = action;
        }
        true
    }

    fn has(&self, path: &str) -> bool {
        lock(&self.entries).contains_key(path)
    }

    fn indexable_pages(&self) -> Vec<String> {
        let entries = lock(&self.entries);
        let pages = entries.iter().filter(|(_, e)| e.indexable);
        pages.map(|(path, _)| path.clone()).collect()
    }
}

/// Locks `mutex`; a thread that panicked while holding it left nothing half-done that a
/// later reader could misread (every update is one insertion).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The error a file shares with the folder on its way that was refused (reported once, for
/// the folder).
fn folder_refused() -> Error {
    Error::new("", "")
}

/// Creates the output folder if need be, and the staging folder inside it.
fn make_stage(dest: &Destination) -> Result<Stage, Error> {
    let mut created = Vec::new();
    let mut missing = Some(dest.real.as_path());
    while let Some(folder) = missing.filter(|f| std::fs::symlink_metadata(f).is_err()) {
        created.push(folder.to_path_buf());
        missing = folder.parent();
    }
    super::create_top(dest)?;
    let name = format!("{}stage-{}", disk::TEMPORARY_PREFIX, std::process::id());
    let folder = dest.real.join(name);
    if let Err(e) = std::fs::create_dir(&folder) {
        let stage = Stage { folder, created };
        remove_stage(&stage);
        return Err(disk::write_error(&dest.shown, e));
    }
    Ok(Stage { folder, created })
}

/// Removes the staging folder and the folders made for it.
pub(super) fn remove_stage(stage: &Stage) {
    disk::remove_stage(&stage.folder);
    for folder in &stage.created {
        if std::fs::remove_dir(folder).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn destination(name: &str) -> Destination {
        let dir = std::env::temp_dir().join(format!("trellis-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Destination {
            real: dir.clone(),
            shown: dir,
        }
    }

    fn build(dest: &Destination, files: &[(&str, &str)]) -> Staging {
        let staging = Staging::open(dest);
        for (path, text) in files {
            assert!(staging.put(path.to_string(), Bytes::new(text.as_bytes().to_vec())));
        }
        staging
    }

    fn read(dest: &Destination) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = walkdir::WalkDir::new(&dest.real)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&dest.real).unwrap();
                let text = std::fs::read_to_string(e.path()).unwrap();
                (rel.to_string_lossy().into_owned(), text)
            })
            .filter(|(rel, _)| rel != super::super::MANIFEST)
            .collect();
        found.sort();
        found
    }

    #[test]
    fn a_build_stopped_before_its_commit_leaves_the_old_output() {
        let dest = destination("interrupted");
        let old = [("index.html", "old"), ("a/index.html", "old a")];
        build(&dest, &old).commit().unwrap();
        let before = read(&dest);
        // Staged, then stopped (the process killed: neither commit nor abandon runs).
        let stopped = build(&dest, &[("index.html", "new"), ("b/c/index.html", "new c")]);
        assert!(stopped.stage().is_some_and(|s| s.folder.is_dir()));
        std::mem::forget(stopped);
        let staged = |rel: &str| rel.starts_with(disk::TEMPORARY_PREFIX);
        let after = read(&dest);
        assert_eq!(
            after
                .iter()
                .filter(|(rel, _)| !staged(rel))
                .collect::<Vec<_>>(),
            before.iter().collect::<Vec<_>>(),
            "the old output, untouched"
        );
        assert!(!dest.real.join("b").exists());
        // The next build removes the staging folder and puts its own site in place.
        let next = build(&dest, &[("index.html", "next"), ("a/index.html", "old a")]);
        let written = next.commit().unwrap();
        assert_eq!((written.written, written.unchanged), (1, 1));
        assert_eq!(
            read(&dest),
            [("a/index.html", "old a"), ("index.html", "next")]
                .map(|(p, t)| (p.to_string(), t.to_string()))
        );
        std::fs::remove_dir_all(&dest.real).unwrap();
    }

    #[test]
    fn an_abandoned_build_removes_the_folder_it_made() {
        let dest = destination("abandoned");
        let staging = build(&dest, &[("index.html", "new")]);
        assert!(dest.real.is_dir());
        staging.abandon();
        assert!(!dest.real.exists());
    }
}
