//! The command line: one clap struct per command, and the mapping from outcomes to exit
//! codes (0 built, 1 content problems, 2 the tool could not work).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::model::Drafts;
use crate::output::Existing;
use crate::{BuildError, BuildOptions, Diagnostic};

const EXAMPLES: &str = "\
Examples:
  trellis build                      Build ./content into ./public
  trellis --root my-site build       Build my-site/content into my-site/public
  trellis build --output /tmp/site   Build into another folder
  trellis build --drafts             Include pages marked draft = true
  trellis init my-site               Start a new site in my-site/
  trellis fingerprint employer-guide/06-paperwork
                                     Print a regional page's fingerprint
  trellis adapt downey employer-guide/06-paperwork
                                     Start Downey's version of that page
  trellis translate employer-guide/06-paperwork --lang es
                                     Start the page's Spanish translation
  trellis serve                      Preview at http://127.0.0.1:1111/, reloading on save
  trellis check --format json        Check links, records and adaptations for CI
  trellis check --a11y               Check only images, links, headings and tables
                                     for accessibility, and list linked documents
  trellis new opportunity clinic-shadow
                                     Start a new opportunity record
  trellis new catalog-workbook catalog.xlsx
                                     Write a workbook to keep the catalog in
  trellis build --portable           Build a site that works opened from disk
  trellis bundle --district downey   Write downey.zip: Downey's guide for a USB stick

Exit codes: 0 success, 1 problems in the content, 2 Trellis could not work.";

/// Trellis builds accessible websites for work-based learning: toolkits, program catalogs
/// and district editions.
#[derive(Debug, Parser)]
#[command(name = "trellis", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The site's folder: the one that holds content/ (and themes/, if any).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands `trellis` understands, one variant per subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Create a new site that builds, with a toolkit of three chapters and a page.
    Init(InitArgs),
    /// Print a regional page's fingerprint, as a district override records it in `adapted_from`.
    Fingerprint(FingerprintArgs),
    /// Start a district's version of a regional page: copy it with its fingerprint recorded.
    Adapt(AdaptArgs),
    /// Start a page's translation beside it, or record that it matches its page again.
    Translate(TranslateArgs),
    /// Check the site without writing it: everything the build checks, plus links and
    /// fragments on every page, placeholders left to defaults, and employers with nothing open.
    Check(CheckArgs),
    /// Write a commented template for a new record or page, ready to fill in, or an empty
    /// workbook to keep the catalog in.
    New(NewArgs),
    /// Build into memory, serve on this machine, rebuild and reload open pages on every save.
    Serve(ServeArgs),
    /// Write one zip that works opened from disk: a district's guide (its editions, page,
    /// listings open to its students and their employers and pathways) or one toolkit.
    Bundle(BundleArgs),
}

/// What `trellis bundle` was asked for.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("scope").required(true).args(["district", "toolkit"]))]
pub struct BundleArgs {
    /// The district whose guide to bundle.
    #[arg(long, value_name = "ID")]
    pub district: Option<String>,
    /// The regional toolkit to bundle.
    #[arg(long, value_name = "TOOLKIT")]
    pub toolkit: Option<String>,
    /// The language of the bundle, on a site with languages [default: the site's].
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// The zip to write, from the current folder (default: `<id>.zip`, or `<id>-<lang>.zip`).
    #[arg(long, short, value_name = "FILE.zip")]
    pub output: Option<PathBuf>,
}

/// What `trellis serve` was asked for.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port [default: 1111, or the next free one].
    #[arg(long)]
    pub port: Option<u16>,
    /// The address to listen on. Anything but loopback shares the draft site with the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// What `trellis check` was asked for.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings as problems too (exit code 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to report: `human` (path:line:col lines) or `json` (stable, for CI).
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Report only accessible authoring: images without alt text, link text that says
    /// nothing on its own, skipped heading levels, tables without a header row, and the
    /// linked PDF, Word, Excel and PowerPoint files to review by hand (errors still print).
    #[arg(long)]
    pub a11y: bool,
}

/// How `trellis check` reports what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: severity: message` lines with their `help:` lines, then the counts.
    Human,
    /// One JSON document with every problem and the counts, in a shape stable for CI.
    Json,
}

/// What `trellis new` was asked for.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to start.
    #[arg(value_enum)]
    pub what: crate::new::Template,
    /// Its id (a chapter: TOOLKIT/FILE-NAME, e.g. employer-guide/11-safety; a catalog
    /// workbook: the FILE.xlsx to write, from the current folder, e.g. catalog.xlsx).
    #[arg(value_name = "ID|FILE")]
    pub id: String,
}

/// What `trellis fingerprint` was asked for.
#[derive(Debug, Args)]
pub struct FingerprintArgs {
    /// The regional page: TOOLKIT/PATH as in content/toolkits/, e.g. employer-guide/04-hosting/before.
    pub page: String,
}

/// What `trellis adapt` was asked for.
#[derive(Debug, Args)]
pub struct AdaptArgs {
    /// The district's id (its folder under content/districts/).
    pub district: String,
    /// The regional page: TOOLKIT/PATH as in content/toolkits/, e.g. employer-guide/06-paperwork.
    pub page: String,
}

/// What `trellis translate` was asked for.
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// The page: TOOLKIT/PATH as in content/toolkits/ (e.g. employer-guide/06-paperwork), or
    /// pages/NAME for a standalone page.
    pub page: String,
    /// The language to translate into: one of the codes under `[languages]` in site.toml, e.g. es.
    #[arg(long, value_name = "CODE")]
    pub lang: String,
    /// Translate the district's own page: its override or addition, else the regional page
    /// as the district shows it.
    #[arg(long, value_name = "ID")]
    pub district: Option<String>,
    /// Record in the existing translation that it matches its page as it is now.
    #[arg(long)]
    pub record: bool,
}

/// What `trellis build` was asked for.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site [default: `ROOT/public`].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Write into a non-empty folder that Trellis did not create (it still overwrites and removes nothing it did not write).
    #[arg(long)]
    pub force: bool,
    /// Print how long each stage took and the peak memory, for benchmarks.
    #[arg(long)]
    pub timings: bool,
    /// Make a site that works opened from disk (a USB stick, a shared drive, a learning
    /// platform): relative links to `index.html` files, search and filters without a server.
    #[arg(long)]
    pub portable: bool,
}

/// What `trellis init` was asked for.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in: a new or empty folder.
    pub dir: PathBuf,
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(cli.root, args),
        Command::Init(args) => init(args),
        Command::Fingerprint(args) => match crate::adapt::fingerprint_page(&cli.root, &args.page) {
            Ok(print) => {
                println!("{print}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
        Command::Check(args) => check(cli.root, args),
        Command::Serve(args) => {
            let options = crate::serve::ServeOptions {
                root: cli.root,
                bind: args.bind,
                port: args.port,
                open: args.open,
                drafts: if args.drafts {
                    Drafts::Include
                } else {
                    Drafts::Exclude
                },
            };
            match crate::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::from(2)
                }
            }
        }
        Command::New(args) => match crate::new::create(&cli.root, args.what, &args.id) {
            Ok(path) if args.what == crate::new::Template::CatalogWorkbook => {
                eprintln!("{}", crate::new::workbook::created(&path));
                ExitCode::SUCCESS
            }
            Ok(path) => {
                eprintln!(
                    "Created {}; fill it in, then run trellis check",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
        Command::Translate(args) => translate(&cli.root, &args),
        Command::Bundle(args) => bundle(cli.root, args),
        Command::Adapt(args) => match crate::adapt::adapt(&cli.root, &args.district, &args.page) {
            Ok(path) => {
                let path = path.display();
                eprintln!(
                    "Created {path}; edit it, and the build will say \
                     when the regional page changes"
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
    }
}

fn build(root: PathBuf, args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let options = BuildOptions {
        output: args.output.unwrap_or_else(|| root.join("public")),
        root,
        drafts: if args.drafts {
            Drafts::Include
        } else {
            Drafts::Exclude
        },
        existing: if args.force {
            Existing::Force
        } else {
            Existing::Refuse
        },
        portable: args.portable,
    };
    match crate::build(&options) {
        Ok(built) => {
            print_folded(&built.warnings);
            print_kept(&built.written.kept);
            eprintln!(
                "Built {} pages ({} files: {} written, {} unchanged, {} removed) \
                 into {} in {:.2} s",
                built.pages,
                built.files,
                built.written.written,
                built.written.unchanged,
                built.written.removed,
                options.output.display(),
                started.elapsed().as_secs_f64()
            );
            if args.timings {
                let t = built.timings;
                eprintln!(
                    "Timings: load {:.3} s, render {:.3} s (search index {:.3} s, \
                     insights {:.3} s), write {:.3} s; peak memory {}",
                    t.load.as_secs_f64(),
                    t.render.as_secs_f64(),
                    t.index.as_secs_f64(),
                    t.insights.as_secs_f64(),
                    t.write.as_secs_f64(),
                    peak_memory().unwrap_or_else(|| "unknown".into())
                );
            }
            ExitCode::SUCCESS
        }
        Err(failed) => failure(
            failed,
            "Build",
            &format!("{} was not changed", options.output.display()),
        ),
    }
}

/// Reports a build or bundle that failed; `untouched` says what was left as it was.
fn failure(failed: BuildError, what: &str, untouched: &str) -> ExitCode {
    match failed {
        BuildError::Content(diagnostics) => {
            print_folded(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            eprintln!(
                "{what} failed: {errors} {}, {warnings} {}; {untouched}",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
            );
            ExitCode::from(1)
        }
        BuildError::Tool(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn bundle(root: PathBuf, args: BundleArgs) -> ExitCode {
    use crate::portable::bundle::{bundle, default_name, BundleOptions};
    use crate::portable::Scope;
    let started = Instant::now();
    let scope = match (args.district, args.toolkit) {
        (Some(id), _) => Scope::District(id),
        (None, Some(slug)) => Scope::Toolkit(slug),
        (None, None) => unreachable!("clap requires --district or --toolkit"),
    };
    let output = args
        .output
        .unwrap_or_else(|| default_name(&scope, args.lang.as_deref()));
    let options = BundleOptions {
        root,
        scope,
        language: args.lang,
        output,
    };
    match bundle(&options) {
        Ok(bundled) => {
            print_folded(&bundled.warnings);
            eprintln!(
                "Bundled {} pages ({} files) into {}: {} in {:.2} s; open index.html in it",
                bundled.pages,
                bundled.files,
                options.output.display(),
                size(bundled.size),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(failed) => failure(
            failed,
            "Bundle",
            &format!("{} was not written", options.output.display()),
        ),
    }
}

/// A size in bytes as people read it: `812 KB`, `3.4 MB`.
fn size(bytes: u64) -> String {
    let kb = bytes as f64 / 1000.0;
    if kb < 1000.0 {
        format!("{} KB", kb.round())
    } else {
        format!("{:.1} MB", kb / 1000.0)
    }
}

fn translate(root: &std::path::Path, args: &TranslateArgs) -> ExitCode {
    use crate::translate::{next_steps, Mode, Request};
    let request = Request {
        page: &args.page,
        lang: &args.lang,
        district: args.district.as_deref(),
        mode: if args.record {
            Mode::Record
        } else {
            Mode::Start
        },
    };
    match crate::translate::translate(root, &request) {
        Ok(done) => {
            eprintln!("{}", next_steps(&done, request.mode));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn check(root: PathBuf, args: CheckArgs) -> ExitCode {
    if let Err(err) = crate::require_content(&root) {
        eprintln!("error: {err}");
        return ExitCode::from(2);
    }
    let mut checked = crate::check::check(&root);
    if args.a11y {
        checked.accessibility_only();
    }
    let found = &checked.diagnostics;
    let errors = found.iter().filter(|d| d.is_error()).count();
    let warnings = found.len() - errors;
    match args.format {
        CheckFormat::Json => println!("{}", crate::check::json(&checked)),
        CheckFormat::Human => {
            print_diagnostics(found);
            for line in checked.documents_text() {
                eprintln!("{line}");
            }
            for language in &checked.untranslated {
                eprintln!("Untranslated in {language}");
            }
            for rename in &checked.renames {
                eprintln!("info: {rename}");
            }
            eprintln!(
                "Checked: {errors} {}, {warnings} {}",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            );
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn init(args: InitArgs) -> ExitCode {
    match crate::init::scaffold(&args.dir) {
        Ok(count) => {
            eprintln!(
                "Created a site with {count} files in {}",
                args.dir.display()
            );
            eprintln!("Next: trellis --root {} build", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// The process's peak resident memory, where the system reports it (Linux).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kb as f64 / 1024.0))
}

const KEPT_HELP: &str = "Trellis deletes only files it wrote and nobody changed since; \
     delete it yourself if it is not needed";

/// Warns about stale files Trellis kept because they are not what it wrote there.
fn print_kept(kept: &[PathBuf]) {
    for path in kept {
        let mut warning = Diagnostic::warning(
            "",
            "kept this file: the site no longer has it, but it is not what Trellis wrote there",
        )
        .help(KEPT_HELP);
        warning.path = path.display().to_string();
        eprintln!("{warning}");
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}

/// Prints a build's diagnostics with each rule's warnings past the tenth folded into one
/// line (see [`crate::diagnostics::folded`]); `trellis check` lists them all.
pub fn print_folded(diagnostics: &[Diagnostic]) {
    for line in crate::diagnostics::folded(diagnostics, crate::diagnostics::FOLD_AFTER) {
        eprintln!("{line}");
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
