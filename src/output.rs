//! Write stage: rendered files → the output folder. Only files whose bytes changed are
//! rewritten (each through a temporary file and a rename, so none is ever half-written),
//! and only files Trellis wrote before are removed. The folder is checked first: Trellis
//! refuses to write into the site's inputs, `/`, or the home folder, and into a non-empty
//! folder it did not create unless forced.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Error;
use crate::render::Files;

/// The file in the output folder listing what Trellis wrote there.
pub const MANIFEST: &str = ".trellis-manifest";
const MANIFEST_HEADER: &str =
    "# Files written by Trellis into this folder; it removes only these. Do not edit.";

/// Whether a non-empty folder that Trellis did not create may be written into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Force,
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Refuses output folders that would put the site's inputs or the user's files at risk.
pub fn check_destination(root: &Path, output: &Path, existing: Existing) -> Result<(), Error> {
    let out = resolve(output);
    let refuse = |why: &str| {
        Err(Error::new(
            output,
            format!("refusing to use this output folder: {why}"),
        ))
    };
    if out.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if resolve(&home) == out {
            return refuse("it is your home folder");
        }
    }
    for input in ["content", "themes"] {
        let input_dir = resolve(&root.join(input));
        if out == input_dir || out.starts_with(&input_dir) {
            return refuse(&format!("it is inside the site's {input}/ folder"));
        }
        if input_dir.starts_with(&out) {
            return refuse(&format!("it contains the site's {input}/ folder"));
        }
    }
    if out.is_file() {
        return refuse("it is a file");
    }
    let non_empty = std::fs::read_dir(&out)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if non_empty && !out.join(MANIFEST).is_file() && existing == Existing::Refuse {
        return Err(Error::new(
            output,
            "the folder is not empty and was not created by Trellis; pass --force to write into it (Trellis never deletes files it did not write)",
        ));
    }
    Ok(())
}

/// An absolute, normalised form of `path`, following symbolic links in the part that exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        match Path::new(&part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    out
}

/// Writes `files` into `output`, which [`check_destination`] has accepted.
pub fn write(output: &Path, files: &Files) -> Result<Written, Error> {
    std::fs::create_dir_all(output).map_err(|e| Error::io(output, e))?;
    let previous = read_manifest(output);
    // Record old and new files before writing, so an interrupted write never leaves files
    // Trellis wrote but no longer knows about.
    let union: BTreeSet<&str> = previous
        .iter()
        .map(String::as_str)
        .chain(files.keys().map(String::as_str))
        .collect();
    write_manifest(output, union.into_iter())?;

    let outcomes: Vec<Result<bool, Error>> = files
        .par_iter()
        .map(|(path, bytes)| write_if_changed(&output.join(path), bytes))
        .collect();
    let mut written = Written::default();
    for outcome in outcomes {
        if outcome? {
            written.written += 1;
        } else {
            written.unchanged += 1;
        }
    }

    for stale in previous.iter().filter(|p| !files.contains_key(p.as_str())) {
        let path = output.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                written.removed += 1;
                remove_empty_parents(output, &path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    write_manifest(output, files.keys().map(String::as_str))?;
    Ok(written)
}

/// Writes `bytes` to `path` unless it already holds them. Returns whether it wrote.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_file() && meta.len() == bytes.len() as u64 {
            if let Ok(current) = std::fs::read(path) {
                if current == bytes {
                    return Ok(false);
                }
            }
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    write_atomically(path, bytes)?;
    Ok(true)
}

/// Writes through a temporary file beside the target and renames it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.trellis-tmp"));
    std::fs::write(&temporary, bytes).map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::io(path, e)
    })
}

fn remove_empty_parents(output: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == output || !d.starts_with(output) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The paths a previous build wrote. Lines that could name a file outside the output folder
/// are ignored: the manifest is never trusted to delete anything else.
fn read_manifest(output: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(output.join(MANIFEST)) else {
        return Vec::new();
    };
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| {
            let path = Path::new(line);
            path.components().all(|c| matches!(c, Component::Normal(_))) && !line.contains('\\')
        })
        .map(str::to_string)
        .collect()
}

fn write_manifest<'a>(output: &Path, paths: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let mut text = String::from(MANIFEST_HEADER);
    text.push('\n');
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    write_atomically(&output.join(MANIFEST), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_cannot_escape_the_output() {
        let dir = std::env::temp_dir().join(format!("trellis-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(MANIFEST),
            "# header\nok/index.html\n../outside.txt\n/etc/passwd\nsub/../../x\n",
        )
        .unwrap();
        assert_eq!(read_manifest(&dir), vec!["ok/index.html".to_string()]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
