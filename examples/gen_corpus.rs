//! Generates a synthetic site for benchmarks: toolkits of Markdown chapters of about 1,000
//! words each, with headings, lists, tables, footnotes and links between chapters.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --chapters 2000 --out /tmp/corpus
//! target/release/trellis --root /tmp/corpus build
//! ```
//!
//! The output is deterministic: the same arguments write the same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "student",
    "employer",
    "internship",
    "mentor",
    "supervisor",
    "pathway",
    "skills",
    "project",
    "schedule",
    "district",
    "teacher",
    "counselor",
    "family",
    "safety",
    "orientation",
    "agreement",
    "insurance",
    "badge",
    "reflection",
    "session",
    "workplace",
    "career",
    "training",
    "apprenticeship",
    "shadow",
    "feedback",
    "tasks",
    "evaluation",
    "credit",
    "stipend",
    "wage",
    "hours",
    "permit",
    "transportation",
    "accommodation",
    "showcase",
    "network",
    "industry",
    "college",
    "credential",
    "health",
    "manufacturing",
    "technology",
    "design",
    "plan",
    "weekly",
    "check-in",
    "goal",
    "team",
    "clinic",
    "office",
    "online",
    "hybrid",
    "portfolio",
    "interview",
];

/// Chapters per toolkit: a realistic book size; the corpus grows by adding toolkits.
const CHAPTERS_PER_TOOLKIT: usize = 50;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: small, fast and deterministic.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn sentence(&mut self) -> String {
        let len = 8 + self.below(12);
        let mut s = String::new();
        for i in 0..len {
            let w = self.word();
            if i == 0 {
                let mut c = w.chars();
                let first = c.next().unwrap().to_ascii_uppercase();
                s.push(first);
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut p = String::new();
        while p.split_whitespace().count() < words {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&self.sentence());
        }
        p
    }
}

fn main() {
    let mut chapters = 2000usize;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--chapters" => {
                chapters = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--chapters N")
            }
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            other => {
                eprintln!("unknown argument {other}; usage: gen_corpus --chapters N --out DIR");
                std::process::exit(2);
            }
        }
    }
    if out.join("content").exists() {
        std::fs::remove_dir_all(out.join("content")).expect("remove the old corpus");
    }
    write(
        &out.join("content/site.toml"),
        "title = \"Benchmark Network\"\nbase_url = \"https://bench.example.org\"\ntoday = 2026-11-01\n",
    );
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let toolkits = chapters.div_ceil(CHAPTERS_PER_TOOLKIT);
    let mut words = 0;
    for t in 0..toolkits {
        let first = t * CHAPTERS_PER_TOOLKIT;
        let count = CHAPTERS_PER_TOOLKIT.min(chapters - first);
        words += write_toolkit(&out, t, count, &mut rng);
    }
    eprintln!(
        "Wrote {chapters} chapters in {toolkits} toolkits (about {words} words) to {}",
        out.display()
    );
}

/// Writes one toolkit: a landing page and `count` chapters, every fifth a section folder
/// holding the next four chapters. Returns the number of words written.
fn write_toolkit(out: &Path, t: usize, count: usize, rng: &mut Rng) -> usize {
    let dir = out.join(format!("content/toolkits/toolkit-{t:03}"));
    write(
        &dir.join("_index.md"),
        &format!(
            "+++\ntitle = \"Toolkit {t}\"\nsummary = \"A generated toolkit\"\n\n[toolkit]\naudience = [\"employers\", \"educators\"]\n\n[toolkit.district_defaults]\nname = \"your district\"\n+++\nWelcome to toolkit {t}, for {{{{ district.name }}}}.\n\n{}\n",
            rng.paragraph(80)
        ),
    );
    // Paths of chapters relative to the toolkit folder, so chapters can link to each other.
    let mut paths = Vec::new();
    let mut section: Option<String> = None;
    for c in 0..count {
        let path = if c % 5 == 0 {
            let folder = format!("{c:03}-part-{c}");
            section = Some(folder.clone());
            format!("{folder}/_index.md")
        } else {
            match &section {
                Some(folder) => format!("{folder}/{c:03}-chapter-{c}.md"),
                None => format!("{c:03}-chapter-{c}.md"),
            }
        };
        paths.push(path);
    }
    let mut words = 0;
    for (c, path) in paths.iter().enumerate() {
        let depth = path.matches('/').count();
        let up = "../".repeat(depth);
        let mut body = String::new();
        body.push_str("## Overview\n\n");
        for h in 0..5 {
            if h > 0 {
                let _ = writeln!(body, "## Part {h}: {} and {}\n", rng.word(), rng.word());
            }
            let _ = writeln!(body, "{}\n", rng.paragraph(155));
            if h == 1 {
                for _ in 0..4 {
                    let _ = writeln!(body, "- **{}**: {}", rng.word(), rng.sentence());
                }
                body.push('\n');
            }
            if h == 2 && c % 3 == 0 {
                body.push_str("| Week | Task | Who |\n|---|---|---|\n");
                for w in 1..=4 {
                    let _ = writeln!(
                        body,
                        "| {w} | {} {} | {} |",
                        rng.word(),
                        rng.word(),
                        rng.word()
                    );
                }
                body.push('\n');
            }
            if h == 3 {
                let target = &paths[(c + 1) % paths.len()];
                let _ = writeln!(
                    body,
                    "See [the next chapter]({up}{target}#overview) and the `timesheet` form.[^note]\n"
                );
                let _ = writeln!(body, "{}\n", rng.paragraph(60));
            }
        }
        body.push_str("[^note]: A generated footnote.\n");
        words += body.split_whitespace().count();
        let audience = if c % 2 == 0 {
            "\"employers\""
        } else {
            "\"educators\", \"students\""
        };
        write(
            &dir.join(path),
            &format!(
                "+++\ntitle = \"Chapter {c}: {} {}\"\nsummary = \"{}\"\naudience = [{audience}]\nupdated = 2026-10-{:02}\n+++\n{body}",
                rng.word(),
                rng.word(),
                rng.sentence(),
                1 + c % 28
            ),
        );
    }
    words
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).expect("create folder");
    std::fs::write(path, text).expect("write file");
}
