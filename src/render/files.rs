//! Render stage: the names of what rendering produces. An [`OutputPath`] is where a file
//! goes inside the output folder, checked once when it is made; a [`RenderedFile`] is one
//! page's HTML (or a data file's text) and its path, on its way into [`super::Files`].

use std::fmt;

/// A file's place inside the output folder: relative, `/`-separated, without empty, `.` or
/// `..` segments, so it can never point outside the folder.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct OutputPath(String);

impl OutputPath {
    /// Checks `path`; the error says what is wrong with it.
    pub fn new(path: impl Into<String>) -> Result<OutputPath, String> {
        let path = path.into();
        if path.starts_with('/') || path.contains('\\') {
            return Err(format!("`{path}` is not a relative, `/`-separated path"));
        }
        if path
            .split('/')
            .any(|segment| matches!(segment, "" | "." | ".."))
        {
            return Err(format!("`{path}` has an empty, `.` or `..` segment"));
        }
        Ok(OutputPath(path))
    }

    /// One of the paths Trellis names itself (`404.html`, `catalog.json`). Every build
    /// makes these, so an invalid one fails every build test at once.
    pub fn fixed(path: &'static str) -> OutputPath {
        OutputPath::new(path).expect("Trellis's own file names are valid output paths")
    }

    /// A path a sink took, which was checked when it was made.
    pub(super) fn trusted(path: String) -> OutputPath {
        debug_assert!(OutputPath::new(path.as_str()).is_ok());
        OutputPath(path)
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as owned text, for [`super::Files`].
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for OutputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One file rendered as text, a page's HTML or a data file's JSON, and where it is written.
#[derive(Debug)]
pub struct RenderedFile {
    /// Where it is written.
    pub path: OutputPath,
    /// Its content.
    pub text: String,
}

impl RenderedFile {
    /// Its bytes, ready to share, and its path.
    pub fn into_shared(self) -> (OutputPath, super::Bytes) {
        (self.path, super::shared(self.text.into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_stay_inside_the_folder() {
        for good in ["index.html", "toolkits/g/hosting/index.html", "a.b/c..d"] {
            assert_eq!(
                OutputPath::new(good).map(|p| p.into_string()),
                Ok(good.into())
            );
        }
        for bad in [
            "",
            "/index.html",
            "../index.html",
            "a/../b",
            "a//b",
            "./a",
            "a/",
            "a\\b",
        ] {
            assert!(OutputPath::new(bad).is_err(), "{bad}");
        }
    }
}
