//! Render stage: where rendered files go as they are made. A [`Sink`] takes each file once;
//! what it keeps of it is its own business: [`Memory`] keeps the bytes (`trellis serve`
//! serves them, `trellis check` reads their links), while `trellis build` hands the output
//! stage a sink that stages each changed file on disk and keeps only its path and hash
//! (`output::Staging`), so a build's memory does not follow the size of its output.
//!
//! Whatever the sink, the render stage learns the same from it: whether a path is taken
//! (a second file there is an error) and which HTML pages may be indexed (the sitemap is made
//! last, from the pages the build made).

use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::model::Language;

use super::{Bytes, Files, OutputPath, RenderedFile};

/// Takes the rendered files, from any thread.
pub trait Sink: Sync {
    /// Takes the file at `path` (relative to the output folder), unless the sink already has
    /// one there: then it takes nothing and returns false.
    fn put(&self, path: String, bytes: Bytes) -> bool;

    /// Whether the sink has a file at `path`.
    fn has(&self, path: &str) -> bool;

    /// The HTML pages taken so far that search engines may index (see [`indexable`]),
    /// sorted by path.
    fn indexable_pages(&self) -> Vec<String>;
}

/// Whether the file at `path` is an HTML page that search engines may index: its head has
/// no robots meta tag saying `noindex` or `none`. A sink records this as it takes each page.
pub fn indexable(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && !super::sitemap::forbids_indexing(bytes)
}

/// A sink that keeps every file's bytes in memory, for `serve` and `check`.
#[derive(Default)]
pub struct Memory(Mutex<(Files, std::collections::BTreeSet<String>)>);

impl Memory {
    /// An empty sink.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// The files it took.
    pub fn into_files(self) -> Files {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner()).0
    }
}

impl Sink for Memory {
    fn put(&self, path: String, bytes: Bytes) -> bool {
        let page = indexable(&path, &bytes);
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.0.contains_key(&path) {
            return false;
        }
        if page {
            held.1.insert(path.clone());
        }
        held.0.insert(path, bytes);
        true
    }

    fn has(&self, path: &str) -> bool {
        let held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.0.contains_key(path)
    }

    fn indexable_pages(&self) -> Vec<String> {
        let held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.1.iter().cloned().collect()
    }
}

/// A language edition's view of the site's sink: its paths go under the language's prefix
/// (`es/`). A path the default edition already has is reported as the language's folder
/// taken (see [`Mounted::into_problems`]); a path the edition itself makes twice is refused
/// as in any sink.
pub struct Mounted<'s> {
    all: &'s dyn Sink,
    language: &'s Language,
    prefix: String,
    /// The paths this edition put, and the ones it found taken by another edition.
    held: Mutex<(std::collections::HashSet<String>, Vec<Diagnostic>)>,
}

impl<'s> Mounted<'s> {
    /// The edition in `language`, mounted in `all`.
    pub fn new(all: &'s dyn Sink, language: &'s Language) -> Mounted<'s> {
        Mounted {
            all,
            language,
            prefix: language.prefix(),
            held: Mutex::default(),
        }
    }

    /// The paths of this edition that another edition's files already had.
    pub fn into_problems(self) -> Vec<Diagnostic> {
        let (_, mut problems) = self.held.into_inner().unwrap_or_else(|e| e.into_inner());
        crate::diagnostics::sort(&mut problems);
        problems
    }
}

impl Sink for Mounted<'_> {
    fn put(&self, path: String, bytes: Bytes) -> bool {
        let full = format!("{}{path}", self.prefix);
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if !held.0.insert(path) {
            return false;
        }
        if !self.all.put(full.clone(), bytes) {
            let code = &self.language.code;
            held.1.push(
                Diagnostic::error(&full, super::collisions::SAME_OUTPUT).help(format!(
                    "`{code}/` is where the {code} edition lives; rename the page that uses it"
                )),
            );
        }
        true
    }

    fn has(&self, path: &str) -> bool {
        self.all.has(&format!("{}{path}", self.prefix))
    }

    fn indexable_pages(&self) -> Vec<String> {
        let pages = self.all.indexable_pages();
        pages
            .into_iter()
            .filter_map(|p| p.strip_prefix(self.prefix.as_str()).map(str::to_string))
            .collect()
    }
}

/// A sink shared by many threads, with the problems of what they gave it: paths given twice.
pub(super) struct Emit<'s> {
    sink: &'s dyn Sink,
    problems: Mutex<Vec<Diagnostic>>,
}

impl<'s> Emit<'s> {
    /// Gives files to `sink`.
    pub(super) fn new(sink: &'s dyn Sink) -> Emit<'s> {
        Emit {
            sink,
            problems: Mutex::default(),
        }
    }

    /// Gives `sink` a file, or records why there is none.
    pub(super) fn rendered(&self, file: Result<RenderedFile, Diagnostic>) {
        match file {
            Ok(file) => {
                let (path, bytes) = file.into_shared();
                self.file(path, bytes);
            }
            Err(d) => self.problem(d),
        }
    }

    /// Gives `sink` a file ready to share, or records why there is none.
    pub(super) fn shared(&self, file: Result<(OutputPath, Bytes), Diagnostic>) {
        match file {
            Ok((path, bytes)) => self.file(path, bytes),
            Err(d) => self.problem(d),
        }
    }

    /// Gives `sink` the file at `path`.
    pub(super) fn file(&self, path: OutputPath, bytes: Bytes) {
        let path = path.into_string();
        if !self.sink.put(path.clone(), bytes) {
            self.problem(super::same_output(&path));
        }
    }

    /// Records a problem.
    pub(super) fn problem(&self, d: Diagnostic) {
        self.problems
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(d);
    }

    /// The problems recorded, sorted so that the threads' order does not show.
    pub(super) fn into_problems(self) -> Vec<Diagnostic> {
        let mut problems = self
            .problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        crate::diagnostics::sort(&mut problems);
        problems
    }
}
