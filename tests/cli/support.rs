//! `TestSite`: a fixture copied into a scratch folder, and the outcome of running the binary.
//!
//! A diagnostic test states the whole of stderr with [`Outcome::expect_diagnostics`], so an
//! extra or duplicated diagnostic fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A site in its own scratch folder.
pub struct TestSite {
    pub root: PathBuf,
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The site folder of the run, if known: written `<site>` in [`Outcome::diagnostics`].
    pub site: Option<PathBuf>,
}

impl Outcome {
    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code; stderr:\n{}\nstdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    /// Asserts that stderr is exactly `expected`, in order and nothing else: every
    /// diagnostic (`path:line:col: severity: message` and its `help:` line) and the summary.
    /// An entry may hold several lines (a diagnostic with its help). Compared after
    /// [`Outcome::diagnostics`] writes the site folder as `<site>` and a duration as `<time>`.
    pub fn expect_diagnostics(&self, expected: &[&str]) -> &Self {
        let expected: Vec<&str> = expected.iter().flat_map(|e| e.lines()).collect();
        let actual = self.diagnostics();
        if actual != expected {
            panic!(
                "stderr is not the expected list\n--- expected:\n{}\n--- stderr was:\n{}",
                expected.join("\n"),
                actual.join("\n")
            );
        }
        self
    }

    /// The lines of stderr, with the site folder written `<site>` and the seconds a build
    /// took (the end of a `Built ...` summary) written `<time>`, so that they can be compared.
    pub fn diagnostics(&self) -> Vec<String> {
        let site = self.site.as_ref().map(|s| s.display().to_string());
        self.stderr
            .lines()
            .map(|line| {
                let line = match &site {
                    Some(site) => line.replace(site.as_str(), "<site>"),
                    None => line.to_string(),
                };
                without_duration(&line)
            })
            .collect()
    }
}

/// `line` with the `in 0.74 s` that ends a build summary written `in <time>`.
fn without_duration(line: &str) -> String {
    if let Some((head, tail)) = line.rsplit_once(" in ") {
        if let Some(seconds) = tail.strip_suffix(" s") {
            if seconds.parse::<f64>().is_ok() {
                return format!("{head} in <time>");
            }
        }
    }
    line.to_string()
}

pub fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
}

/// The build date of every test run, as `SOURCE_DATE_EPOCH`: 1793491200 s is 2026-11-01,
/// midnight UTC. The example site in `content/` sets no `today`, so without it the clock
/// would decide which of its listings are open; a fixture's own `today` still wins.
pub const BUILD_EPOCH: &str = "1793491200";

/// A scratch folder named after the test, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("trellis-tests")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// A copy of `tests/fixtures/<fixture>` in a scratch folder named `test`.
    pub fn new(test: &str, fixture_name: &str) -> TestSite {
        let root = scratch(test);
        copy_tree(&fixture(fixture_name), &root);
        TestSite { root }
    }

    /// The basic fixture: a small valid site.
    pub fn basic(test: &str) -> TestSite {
        TestSite::new(test, "basic")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Replaces `from` with `to` in a file, which must contain `from`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root.join(rel)).unwrap();
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Runs `trellis --root <root> <args>`.
    pub fn run(&self, args: &[&str]) -> Outcome {
        let outcome = run(binary()
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .env("SOURCE_DATE_EPOCH", BUILD_EPOCH));
        self.owns(outcome)
    }

    /// `outcome`, marked as a run on this site (for `<site>` in its diagnostics).
    pub fn owns(&self, outcome: Outcome) -> Outcome {
        Outcome {
            site: Some(self.root.clone()),
            ..outcome
        }
    }

    pub fn build(&self) -> Outcome {
        self.run(&["build"])
    }

    /// Runs `trellis --root <root> <args>` as an unprivileged user (see [`unprivileged`]),
    /// after handing the site's folder to that user.
    pub fn run_unprivileged(&self, args: &[&str]) -> Outcome {
        hand_to_unprivileged_user(&self.root);
        let mut command = binary();
        command
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .env("SOURCE_DATE_EPOCH", BUILD_EPOCH);
        self.owns(run(unprivileged(&mut command)))
    }

    pub fn read_output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }
}

/// The user and group that permission tests run the binary as when the tests run as root:
/// root reads and writes through `chmod 000`, so a test of an unreadable file or a read-only
/// folder would pass for the wrong reason.
pub const UNPRIVILEGED: u32 = 65534;

/// Whether these tests run as root (the owner of a file they just made).
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = scratch("root-probe").join("probe");
    std::fs::write(&probe, b"").unwrap();
    std::fs::metadata(&probe).unwrap().uid() == 0
}

/// Makes `command` run as [`UNPRIVILEGED`] when the tests run as root; otherwise it already
/// runs as an ordinary user and is left as it is.
pub fn unprivileged(command: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    if running_as_root() {
        command.uid(UNPRIVILEGED).gid(UNPRIVILEGED);
    }
    command
}

/// Gives `dir` and everything under it to [`UNPRIVILEGED`] (when running as root), and makes
/// the folders above it traversable, so an unprivileged run can read and write the site.
pub fn hand_to_unprivileged_user(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if !running_as_root() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        std::os::unix::fs::lchown(entry.path(), Some(UNPRIVILEGED), Some(UNPRIVILEGED)).unwrap();
    }
    let mut above = dir.parent();
    while let Some(folder) = above {
        let mode = std::fs::metadata(folder).unwrap().permissions().mode();
        if mode & 0o001 == 0 {
            std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode | 0o001))
                .unwrap();
        }
        above = folder.parent();
    }
}

/// How long one command may run before the test calls it hung.
const HANG: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs a command to completion, capturing its output. A command still running after
/// [`HANG`] is killed and the test fails, so a hang is a failure rather than a stuck suite.
pub fn run(command: &mut Command) -> Outcome {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run trellis");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read output");
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for trellis") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("{command:?} was still running after {HANG:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Outcome {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
        site: None,
    }
}

/// Every file under `dir` with its bytes, by relative path, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The text of each element of `html` that `selector` matches, in document order, with runs
/// of whitespace written as one space: for comparing a whole list on a page, not a substring.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).expect("a valid selector");
    document
        .select(&selector)
        .map(|element| {
            element
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}
