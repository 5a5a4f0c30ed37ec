//! The few disk operations the writer uses, each safe inside a folder others may have
//! tampered with: folders are checked without following links, temporary files are created
//! exclusively under names only Trellis uses, and failures are told in plain words.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Error;

use super::Destination;

/// Every temporary file and staging folder Trellis makes starts with this, and nothing else
/// it writes does.
pub const TEMPORARY_PREFIX: &str = ".trellis-tmp-";
/// How temporary files were named before they had unique names (`.index.html.trellis-tmp`);
/// a build still cleans them up.
const OLD_TEMPORARY_SUFFIX: &str = ".trellis-tmp";

/// What stands at a path where the site needs a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Exists,
    Missing,
}

/// Looks at `rel` (a folder inside the destination) without following a link there.
pub fn folder(dest: &Destination, rel: &str) -> Result<Folder, Error> {
    match std::fs::symlink_metadata(dest.real.join(rel)) {
        Ok(m) if m.is_dir() => Ok(Folder::Exists),
        Ok(m) if m.file_type().is_symlink() => Err(link_error(dest, rel)),
        Ok(_) => Err(Error::new(
            dest.show(rel),
            "is a file where the site needs a folder; move it away, then build again",
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Folder::Missing),
        Err(e) => Err(Error::io(dest.show(rel), e)),
    }
}

/// Creates the folder `rel`, whose parent exists and is a real folder.
pub fn create_folder(dest: &Destination, rel: &str) -> Result<(), Error> {
    match std::fs::create_dir(dest.real.join(rel)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match folder(dest, rel)? {
            Folder::Exists => Ok(()),
            Folder::Missing => Err(Error::io(dest.show(rel), e)),
        },
        Err(e) => Err(write_error(&dest.show(parent(rel)), e)),
    }
}

/// The error for a symbolic link inside the output folder, which Trellis never follows.
pub fn link_error(dest: &Destination, rel: &str) -> Error {
    Error::new(
        dest.show(rel),
        "is a symbolic link, and Trellis never writes or deletes through links in the output folder; remove it, then build again",
    )
}

/// The folder that holds `rel`, as a path inside the destination ("" for the top).
pub fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Writes `bytes` to a new temporary file in `folder` (an absolute, checked folder) and
/// returns its path. The file is created exclusively, so nothing planted there is followed
/// or overwritten; on failure nothing is left behind.
pub fn stage(folder: &Path, shown: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temporary = folder.join(format!("{TEMPORARY_PREFIX}{}-{n}", std::process::id()));
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_error(shown, e)),
        };
        return match file.write_all(bytes).and_then(|()| file.flush()) {
            Ok(()) => Ok(temporary),
            Err(e) => {
                drop(file);
                remove_quietly(&temporary);
                Err(write_error(shown, e))
            }
        };
    }
}

/// Writes `bytes` to the new file `path` in a staging folder Trellis made; nothing that was
/// there is followed or overwritten, and on failure nothing is left behind.
pub fn write_new(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| write_error(shown, e))?;
    file.write_all(bytes).map_err(|e| {
        drop(file);
        remove_quietly(path);
        write_error(shown, e)
    })
}

/// Removes a staging folder and what it holds: only the regular files in it (it has no
/// folders), then the folder, never following a link.
pub fn remove_stage(folder: &Path) {
    if !std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir()) {
        return;
    }
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.filter_map(Result::ok) {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                remove_quietly(&entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(folder);
}

/// Removes a temporary file Trellis made. A failure leaves debris that the next build
/// removes, which is better than hiding the error that caused the cleanup.
pub fn remove_quietly(temporary: &Path) {
    let _ = std::fs::remove_file(temporary);
}

/// Removes what an interrupted build left: the staging folders at the top of the output
/// folder, and, anywhere in it, the regular files with Trellis's temporary names (earlier
/// versions staged each file beside its target), found without following links. Best
/// effort: one that cannot be removed (a read-only folder) harms nothing and is tried again
/// next time.
pub fn clean_temporaries(folder: &Path) {
    let entries = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_entry(|entry| {
            let stage = entry.depth() == 1
                && entry.file_type().is_dir()
                && entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(TEMPORARY_PREFIX);
            if stage {
                remove_stage(entry.path());
            }
            !stage
        })
        .filter_map(Result::ok);
    for entry in entries {
        let name = entry.file_name().to_string_lossy();
        let ours = name.starts_with(TEMPORARY_PREFIX)
            || (name.starts_with('.') && name.ends_with(OLD_TEMPORARY_SUFFIX));
        if ours && entry.file_type().is_file() {
            remove_quietly(entry.path());
        }
    }
}

/// An error writing into `folder` (as the user names it), in plain words where the reason
/// is one a user can act on.
pub fn write_error(folder: &Path, e: std::io::Error) -> Error {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::new(
            folder,
            "the disk is full: the site could not be written into this folder; free space and build again",
        ),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Error::new(
            folder,
            "cannot write into this folder: permission denied; make it writable or choose another output folder, then build again",
        ),
        _ => Error::io(folder, e),
    }
}
