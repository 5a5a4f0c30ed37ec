//! The output folder as the user named it → the real folder it denotes, checked once.
//! `..`, `.`, repeated separators and symbolic links are all resolved before any refusal is
//! considered, and the build then writes to the resolved folder, never to the spelling.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Error;

use super::{Existing, MANIFEST};

/// How many symbolic links a path may pass through before it is called a loop (as Linux).
const MAX_LINKS: usize = 40;

/// An output folder that passed every refusal: where to write, and how to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The absolute folder with no `..`, `.` or symbolic link in the part that exists.
    pub real: PathBuf,
    /// The folder as the user gave it, for messages.
    pub shown: PathBuf,
}

impl Destination {
    /// How to name `rel` (a path inside the folder) in a message.
    pub fn show(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            return self.shown.clone();
        }
        self.shown.join(rel)
    }
}

/// What the folder is about to receive, which decides what is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose<'a> {
    /// A built site, from the site in this folder.
    Build {
        /// The site's folder: the output may neither lie in nor contain its `content/` or `themes/`.
        root: &'a Path,
        /// Whether a non-empty folder Trellis did not create may be written into.
        existing: Existing,
    },
    /// A new site (`trellis init`).
    NewSite,
}

/// Refuses output folders that would put the site's inputs or the user's files at risk, and
/// returns the resolved folder to write to.
pub fn check_destination(output: &Path, purpose: Purpose) -> Result<Destination, Error> {
    let real = resolve(output).map_err(|e| Error::io(output, e))?;
    let refuse = |why: String| {
        let verb = match purpose {
            Purpose::Build { .. } => "refusing to use this output folder",
            Purpose::NewSite => "refusing to create a site here",
        };
        Err(Error::new(output, format!("{verb}: {why}")))
    };
    if let Some(why) = refusal(&real, purpose)? {
        return refuse(why);
    }
    let metadata = std::fs::symlink_metadata(&real);
    if metadata.as_ref().is_ok_and(|m| !m.is_dir()) {
        return refuse("it is a file".into());
    }
    let non_empty = std::fs::read_dir(&real)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    let ours = std::fs::symlink_metadata(real.join(MANIFEST)).is_ok_and(|m| m.is_file());
    match purpose {
        Purpose::NewSite if non_empty => refuse("the folder is not empty".into()),
        Purpose::Build {
            existing: Existing::Refuse,
            ..
        } if non_empty && !ours => Err(Error::new(
            output,
            "the folder is not empty and was not created by Trellis; pass --force to write into it (Trellis never deletes files it did not write)",
        )),
        _ => Ok(Destination {
            real,
            shown: output.to_path_buf(),
        }),
    }
}

/// Why the resolved folder `real` may not be used at all, whatever it holds.
fn refusal(real: &Path, purpose: Purpose) -> Result<Option<String>, Error> {
    if real.parent().is_none() {
        return Ok(Some("it is the root of the file system".into()));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = resolve(Path::new(&home)).map_err(|e| Error::io(&home, e))?;
        if home == real {
            return Ok(Some("it is your home folder".into()));
        }
        if home.starts_with(real) {
            return Ok(Some("it contains your home folder".into()));
        }
    }
    if let Purpose::Build { root, .. } = purpose {
        for input in ["content", "themes"] {
            let input_dir = resolve(&root.join(input)).map_err(|e| Error::io(root, e))?;
            if real.starts_with(&input_dir) {
                return Ok(Some(format!("it is inside the site's {input}/ folder")));
            }
            if input_dir.starts_with(real) {
                return Ok(Some(format!("it contains the site's {input}/ folder")));
            }
        }
    }
    Ok(inside_a_site(real))
}

/// Whether `real` lies in the `content/` or `themes/` folder of some site: a folder next to
/// a `content/site.toml`.
fn inside_a_site(real: &Path) -> Option<String> {
    real.ancestors().find_map(|folder| {
        let name = folder.file_name()?.to_str()?;
        let site = folder.parent()?;
        let is_site = std::fs::symlink_metadata(site.join("content/site.toml")).is_ok();
        (is_site && matches!(name, "content" | "themes")).then(|| {
            format!(
                "it is inside the {name}/ folder of the site in {}",
                site.display()
            )
        })
    })
}

/// An absolute form of `path` with no `.` or `..`, and with every symbolic link in the part
/// that exists replaced by its target, walking one component at a time as the system would.
/// A `..` after a missing folder removes it, as creating the folders and then walking would.
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut pending: Vec<OsString> = Vec::new();
    let mut real = PathBuf::from("/");
    push_components(&mut pending, &absolute(path)?);
    let mut links = 0;
    while let Some(part) = pending.pop() {
        match Path::new(&part).components().next() {
            Some(Component::ParentDir) => {
                real.pop();
            }
            Some(Component::Normal(name)) => {
                let candidate = real.join(name);
                match std::fs::symlink_metadata(&candidate) {
                    Ok(m) if m.file_type().is_symlink() => {
                        links += 1;
                        if links > MAX_LINKS {
                            return Err(std::io::Error::other("too many levels of symbolic links"));
                        }
                        let target = std::fs::read_link(&candidate)?;
                        if target.is_absolute() {
                            real = PathBuf::from("/");
                        }
                        push_components(&mut pending, &target);
                    }
                    _ => real = candidate,
                }
            }
            Some(Component::Prefix(p)) => real = PathBuf::from(p.as_os_str()),
            Some(Component::RootDir | Component::CurDir) | None => {}
        }
    }
    Ok(real)
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Queues `path`'s components so that the first one is popped first.
fn push_components(pending: &mut Vec<OsString>, path: &Path) {
    let parts: Vec<OsString> = path
        .components()
        .filter(|c| !matches!(c, Component::RootDir | Component::CurDir))
        .map(|c| c.as_os_str().to_os_string())
        .collect();
    pending.extend(parts.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_and_separators_are_resolved_lexically_past_missing_folders() {
        let missing = "/trellis-missing-folder";
        assert_eq!(
            resolve(Path::new(&format!("{missing}/x/../y/./z//.."))).unwrap(),
            PathBuf::from(format!("{missing}/y"))
        );
        assert_eq!(
            resolve(Path::new(&format!("{missing}/.."))).unwrap(),
            PathBuf::from("/")
        );
        assert_eq!(resolve(Path::new("/../..")).unwrap(), PathBuf::from("/"));
    }

    #[test]
    fn symbolic_links_are_followed_before_dotdot() {
        let dir = std::env::temp_dir().join(format!("trellis-resolve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::os::unix::fs::symlink(dir.join("a/b"), dir.join("link")).unwrap();
        std::os::unix::fs::symlink("a/b/../../link", dir.join("relative")).unwrap();
        let real = resolve(&dir).unwrap();
        assert_eq!(resolve(&dir.join("link/..")).unwrap(), real.join("a"));
        assert_eq!(
            resolve(&dir.join("relative/new/..")).unwrap(),
            real.join("a/b")
        );
        std::os::unix::fs::symlink("loop", dir.join("loop")).unwrap();
        assert!(resolve(&dir.join("loop")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
