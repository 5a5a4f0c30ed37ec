//! `trellis serve`'s watcher: which folders it watches, and the loop that batches their
//! changes into one rebuild and hands the new build to the server.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{build, export, overlay, Current, Shared};
use crate::diagnostics::{Diagnostic, Error};
use crate::model::Drafts;

/// What the server watches: `content/` and `themes/`, recursively, and the site folder
/// itself (its own entries only), so that a `themes/` made later, or a `content/` replaced
/// by a checkout, is noticed and watched in its turn.
pub(super) struct Watching {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    /// `content/` and `themes/`, each with whether it is under watch now.
    folders: [(PathBuf, bool); 2],
}

impl Watching {
    /// Starts watching, before the first build, so that no save is missed between the build
    /// and the first request.
    pub(super) fn start(root: &Path) -> Result<(Watching, Events), Error> {
        use notify::{RecursiveMode, Watcher};
        // Events name absolute, resolved paths; so must the folders they are compared with.
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let (sender, events) = std::sync::mpsc::channel();
        let cannot = |path: &Path, e: notify::Error| {
            Error::new(path, format!("cannot watch for changes: {e}"))
        };
        let mut watcher = notify::recommended_watcher(sender).map_err(|e| cannot(&root, e))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot(&root, e))?;
        let mut folders = [("content", false), ("themes", false)].map(|(d, w)| (root.join(d), w));
        for (path, watched) in &mut folders {
            if path.is_dir() {
                watcher
                    .watch(path, RecursiveMode::Recursive)
                    .map_err(|e| cannot(path, e))?;
                *watched = true;
            }
        }
        let watching = Watching {
            watcher,
            root,
            folders,
        };
        Ok((watching, events))
    }

    /// Whether an event can change the site: it concerns `content/` or `themes/`. Events
    /// the watcher could not describe count, to be safe; reads (the build's own) never do.
    fn relevant(&self, event: &notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else { return true };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return false;
        }
        event.need_rescan()
            || event
                .paths
                .iter()
                .any(|p| self.folders.iter().any(|(dir, _)| p.starts_with(dir)))
    }

    /// After a burst of events: watches a `content/` or `themes/` that appeared, and watches
    /// again one that was removed or replaced (its old watch followed the old folder).
    fn refresh(&mut self, events: &[notify::Result<notify::Event>]) {
        use notify::{RecursiveMode, Watcher};
        for (path, watched) in &mut self.folders {
            let touched = events.iter().flatten().any(|e| e.paths.contains(path));
            if *watched && (touched || !path.is_dir()) {
                let _ = self.watcher.unwatch(path);
                *watched = false;
            }
            if path.is_dir() && !*watched {
                match self.watcher.watch(path, RecursiveMode::Recursive) {
                    Ok(()) => *watched = true,
                    Err(e) => {
                        let path = path.display().to_string();
                        let path = crate::diagnostics::printable(&path);
                        eprintln!("warning: cannot watch {path} for changes: {e}")
                    }
                }
            }
        }
    }
}

/// File-system events from the watcher.
type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// Rebuilds after each burst of changes: a save by rename or a checkout of hundreds of
/// files is one rebuild once the files have been quiet for 25 ms. Also rebuilds when the
/// day changes, since which listings are open depends on the date.
pub(super) fn watch(
    events: &Events,
    mut watching: Watching,
    drafts: Drafts,
    shared: &Arc<Shared>,
    mut cache: crate::Cache,
) {
    use std::sync::mpsc::RecvTimeoutError;
    const QUIET: Duration = Duration::from_millis(25);
    let mut built_on = clock_day();
    loop {
        let first = match events.recv_timeout(Duration::from_secs(60)) {
            Ok(event) if watching.relevant(&event) => event,
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) if clock_day() == built_on => continue,
            Err(RecvTimeoutError::Timeout) => Ok(notify::Event::default()),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut burst = vec![first];
        let mut quiet_from = Instant::now();
        while let Some(left) = QUIET.checked_sub(quiet_from.elapsed()) {
            match events.recv_timeout(left) {
                Ok(event) if watching.relevant(&event) => {
                    burst.push(event);
                    quiet_from = Instant::now();
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        watching.refresh(&burst);
        built_on = clock_day();
        // Only this thread replaces `current`, so the clone (an Arc and two strings) is the
        // state the rebuild follows; requests keep being served from it meanwhile.
        let previous = shared.current.lock().expect("not poisoned").clone();
        let (next, site) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            build(&watching.root, drafts, Some(&previous), &mut cache)
        }))
        .unwrap_or_else(|_| {
            // A bug in Trellis: keep serving, say so, and start the next build afresh.
            cache = crate::Cache::exports_apart();
            let problem = Diagnostic::error(
                "content",
                "Trellis failed while building (this is a bug in Trellis, not in the site)",
            )
            .help(
                "save again to retry; if it keeps happening, restart trellis serve and report it",
            );
            let current = Current {
                overlay: Some(overlay(&[problem])),
                generation: previous.generation + 1,
                ..previous.clone()
            };
            (current, None)
        });
        let built = Arc::clone(&next.files);
        *shared.current.lock().expect("not poisoned") = next;
        shared.changed.notify_all();
        // Open pages reload now; the exports follow on a thread of their own, so that the
        // next save is not kept waiting, and a request for one waits for them.
        let job = site.and_then(|site| crate::exports_job(site, &cache));
        let shared = Arc::clone(shared);
        std::thread::spawn(move || {
            let exports = job.map(|job| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| export(job)))
                    .unwrap_or_default()
            });
            add_exports(&shared, &built, exports.unwrap_or_default());
        });
    }
}

/// Adds the exports of the build that made `built` to the site served, unless another
/// build has replaced its files (a failed build keeps them, with its overlay).
fn add_exports(shared: &Shared, built: &Arc<crate::render::Files>, exports: crate::render::Files) {
    if !Arc::ptr_eq(&shared.current.lock().expect("not poisoned").files, built) {
        return;
    }
    let mut files = (**built).clone();
    files.extend(exports);
    let mut current = shared.current.lock().expect("not poisoned");
    if Arc::ptr_eq(&current.files, built) {
        current.files = Arc::new(files);
        current.exports_pending = false;
        drop(current);
        shared.changed.notify_all();
    }
}

/// Days since 1970 by the clock, to notice midnight.
fn clock_day() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400)
}
