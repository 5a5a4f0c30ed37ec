//! Generates a synthetic site for benchmarks: toolkits of Markdown chapters of about 1,000
//! words each, with headings, lists, tables, footnotes and links between chapters, and a
//! catalog of pathways, employers and opportunities. With `--translate es` every toolkit page
//! also gets a Spanish translation beside it (`<stem>.es.md`, as long as its source, with
//! `translated_from` set to the source's fingerprint, so none is stale) and `site.toml` lists
//! the language.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --chapters 2000 --out /tmp/corpus
//! cargo run --release --example gen_corpus -- --chapters 2000 --translate es --out /tmp/corpus-es
//! cargo run --release --example gen_corpus -- --chapters 0 --opportunities 10000 --employers 1000 --out /tmp/catalog
//! target/release/trellis --root /tmp/corpus build
//! ```
//!
//! The output is deterministic: the same arguments write the same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use trellis::model::district::fingerprint;

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

/// The words of the Spanish text: the same subjects, and some of the small words Spanish
/// sentences are full of (the index's stop words).
const SPANISH_WORDS: &[&str] = &[
    "estudiante",
    "empleador",
    "pasantía",
    "mentora",
    "supervisor",
    "trayectoria",
    "habilidades",
    "proyecto",
    "horario",
    "distrito",
    "maestra",
    "consejero",
    "familia",
    "seguridad",
    "orientación",
    "acuerdo",
    "seguro",
    "insignia",
    "reflexión",
    "sesión",
    "taller",
    "carrera",
    "capacitación",
    "aprendizaje",
    "observación",
    "comentarios",
    "tareas",
    "evaluación",
    "crédito",
    "estipendio",
    "salario",
    "horas",
    "permiso",
    "transporte",
    "adaptaciones",
    "muestra",
    "contactos",
    "industria",
    "universidad",
    "credencial",
    "salud",
    "manufactura",
    "tecnología",
    "diseño",
    "plan",
    "semanal",
    "seguimiento",
    "meta",
    "equipo",
    "clínica",
    "oficina",
    "virtual",
    "híbrido",
    "portafolio",
    "entrevista",
    "niños",
    "de",
    "la",
    "y",
    "para",
    "con",
    "los",
];

/// The fixed words of a generated chapter, in one language.
struct Language {
    /// The words its sentences are made of.
    words: &'static [&'static str],
    /// The first heading, and the anchor other chapters link to.
    overview: (&'static str, &'static str),
    /// The other headings: "Part {h}: {word} and {word}".
    part: &'static str,
    /// The word between the two words of a heading.
    and: &'static str,
    /// A table's header row.
    table: &'static str,
    /// The sentence around the link to the next chapter.
    see: (&'static str, &'static str),
    /// The footnote's text.
    note: &'static str,
}

const ENGLISH: Language = Language {
    words: WORDS,
    overview: ("Overview", "overview"),
    part: "Part",
    and: "and",
    table: "| Week | Task | Who |",
    see: (
        "See [the next chapter](",
        ") and the `timesheet` form.[^note]",
    ),
    note: "A generated footnote.",
};

const SPANISH: Language = Language {
    words: SPANISH_WORDS,
    overview: ("Resumen", "resumen"),
    part: "Parte",
    and: "y",
    table: "| Semana | Tarea | Quién |",
    see: (
        "Vea [el capítulo siguiente](",
        ") y el formulario `timesheet`.[^note]",
    ),
    note: "Una nota generada.",
};

/// Chapters per toolkit unless `--toolkit-size` says otherwise: a realistic book size; the
/// corpus grows by adding toolkits.
const CHAPTERS_PER_TOOLKIT: usize = 50;

/// Random numbers, and words of one language.
struct Rng(u64, &'static [&'static str]);

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
        self.1[self.below(self.1.len())]
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
    let mut opportunities = 0usize;
    let mut employers = 0usize;
    let mut pathways = 20usize;
    let mut toolkit_size = CHAPTERS_PER_TOOLKIT;
    let mut districts = 0usize;
    let mut translate: Option<String> = None;
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
            "--opportunities" => {
                opportunities = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--opportunities N")
            }
            "--employers" => {
                employers = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--employers N")
            }
            "--toolkit-size" => {
                toolkit_size = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--toolkit-size N")
            }
            "--districts" => {
                districts = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--districts N")
            }
            "--pathways" => {
                pathways = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--pathways N")
            }
            "--translate" => match args.next().as_deref() {
                Some("es") => translate = Some("es".to_string()),
                other => {
                    eprintln!("--translate {other:?}: the corpus has Spanish text only; use --translate es");
                    std::process::exit(2);
                }
            },
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            other => {
                eprintln!(
                    "unknown argument {other}; usage: gen_corpus --chapters N [--opportunities N --employers N --pathways N --districts N --translate es] --out DIR"
                );
                std::process::exit(2);
            }
        }
    }
    if out.join("content").exists() {
        std::fs::remove_dir_all(out.join("content")).expect("remove the old corpus");
    }
    write(
        &out.join("content/site.toml"),
        &site_toml(translate.as_deref()),
    );
    let mut rng = Rng(0x5eed_1234_abcd_ef01, WORDS);
    let toolkits = chapters.div_ceil(toolkit_size);
    let mut words = 0;
    for t in 0..toolkits {
        let first = t * toolkit_size;
        let count = toolkit_size.min(chapters - first);
        words += write_toolkit(&out, t, count, &mut rng, translate.as_deref());
    }
    eprintln!(
        "Wrote {chapters} chapters in {toolkits} toolkits (about {words} words) to {}",
        out.display()
    );
    if let Some(code) = &translate {
        eprintln!("Wrote a translation ({code}) beside every toolkit page");
    }
    if districts > 0 {
        write_districts(&out, districts, toolkits, &mut rng);
        eprintln!("Wrote {districts} districts, each adapting every toolkit");
    }
    if opportunities > 0 {
        let employers = employers.max(1);
        let pathways = pathways.max(1);
        write_catalog(&out, pathways, employers, opportunities, &mut rng);
        eprintln!(
            "Wrote {pathways} pathways, {employers} employers and {opportunities} opportunities"
        );
    }
}

/// The corpus's `site.toml`, listing the language of its translations if there are any.
fn site_toml(translate: Option<&str>) -> String {
    let mut site = String::from(
        "title = \"Benchmark Network\"\nbase_url = \"https://bench.example.org\"\nminimum_wage = 16.50\ntoday = 2026-11-01\n",
    );
    if let Some(code) = translate {
        let _ = write!(
            site,
            "\n[languages.{code}]\nname = \"Español\"\ntitle = \"Red de referencia\"\n"
        );
    }
    site
}

/// Writes one toolkit: a landing page and `count` chapters, every fifth a section folder
/// holding the next four chapters, each with a translation beside it when `translate` names
/// a language. Returns the number of words written in the default language.
fn write_toolkit(
    out: &Path,
    t: usize,
    count: usize,
    rng: &mut Rng,
    translate: Option<&str>,
) -> usize {
    let dir = out.join(format!("content/toolkits/toolkit-{t:03}"));
    let landing = format!(
        "+++\ntitle = \"Toolkit {t}\"\nsummary = \"A generated toolkit\"\n\n[toolkit]\naudience = [\"employers\", \"educators\"]\n\n[toolkit.district_defaults]\nname = \"your district\"\n+++\nWelcome to toolkit {t}, for {{{{ district.name }}}}.\n\n{}\n",
        rng.paragraph(80)
    );
    write(&dir.join("_index.md"), &landing);
    if let Some(code) = translate {
        let mut rng = Rng(translation_seed(t, usize::MAX), SPANISH.words);
        write(
            &translation_path(&dir.join("_index.md"), code),
            &format!(
                "+++\ntitle = \"Kit {t}\"\nsummary = \"Un kit generado\"\ntranslated_from = \"{}\"\n\n[toolkit.district_defaults]\nname = \"su distrito\"\n+++\nBienvenidos al kit {t}, para {{{{ district.name }}}}.\n\n{}\n",
                fingerprint(&landing),
                rng.paragraph(80)
            ),
        );
    }
    let paths = chapter_paths(count);
    let mut words = 0;
    for (c, path) in paths.iter().enumerate() {
        // Chapters link to the next one, by its path relative to this one.
        let link = format!(
            "{}{}",
            "../".repeat(path.matches('/').count()),
            paths[(c + 1) % paths.len()]
        );
        let body = chapter_body(rng, &ENGLISH, c, &link);
        words += body.split_whitespace().count();
        let audience = if c % 2 == 0 {
            "\"employers\""
        } else {
            "\"educators\", \"students\""
        };
        let text = format!(
            "+++\ntitle = \"Chapter {c}: {} {}\"\nsummary = \"{}\"\naudience = [{audience}]\nupdated = 2026-10-{:02}\n+++\n{body}",
            rng.word(),
            rng.word(),
            rng.sentence(),
            1 + c % 28
        );
        write(&dir.join(path), &text);
        if let Some(code) = translate {
            let mut rng = Rng(translation_seed(t, c), SPANISH.words);
            let body = chapter_body(&mut rng, &SPANISH, c, &link);
            write(
                &translation_path(&dir.join(path), code),
                &format!(
                    "+++\ntitle = \"Capítulo {c}: {} {}\"\nsummary = \"{}\"\nupdated = 2026-10-{:02}\ntranslated_from = \"{}\"\n+++\n{body}",
                    rng.word(),
                    rng.word(),
                    rng.sentence(),
                    1 + c % 28,
                    fingerprint(&text)
                ),
            );
        }
    }
    words
}

/// Paths of a toolkit's chapters relative to its folder: every fifth opens a section folder
/// (its `_index.md`) that holds the next four.
fn chapter_paths(count: usize) -> Vec<String> {
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
    paths
}

/// Chapter `c`'s Markdown in `language`: five headed parts of paragraphs, a list, every
/// third chapter a table, a link to `link` (the next chapter's first heading) and a
/// footnote.
fn chapter_body(rng: &mut Rng, language: &Language, c: usize, link: &str) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "## {}\n", language.overview.0);
    for h in 0..5 {
        if h > 0 {
            let _ = writeln!(
                body,
                "## {} {h}: {} {} {}\n",
                language.part,
                rng.word(),
                language.and,
                rng.word()
            );
        }
        let _ = writeln!(body, "{}\n", rng.paragraph(155));
        if h == 1 {
            for _ in 0..4 {
                let _ = writeln!(body, "- **{}**: {}", rng.word(), rng.sentence());
            }
            body.push('\n');
        }
        if h == 2 && c % 3 == 0 {
            let _ = writeln!(body, "{}\n|---|---|---|", language.table);
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
            let (before, after) = language.see;
            let _ = writeln!(body, "{before}{link}#{}{after}\n", language.overview.1);
            let _ = writeln!(body, "{}\n", rng.paragraph(60));
        }
    }
    let _ = writeln!(body, "[^note]: {}", language.note);
    body
}

/// Where the translation into `code` of the page at `source` goes: `<stem>.<code>.md`.
fn translation_path(source: &Path, code: &str) -> PathBuf {
    source.with_extension(format!("{code}.md"))
}

/// A translation's own random numbers, so that translating leaves the default language's
/// text as it was without translations.
fn translation_seed(toolkit: usize, chapter: usize) -> u64 {
    0x9e37_79b9_7f4a_7c15 ^ ((toolkit as u64) << 32) ^ chapter as u64
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

const KINDS: &[(&str, bool)] = &[
    ("career-talk", false),
    ("career-fair", false),
    ("worksite-tour", false),
    ("informational-interview", false),
    ("job-shadow", false),
    ("mentoring", false),
    ("service-learning", false),
    ("micro-internship", true),
    ("industry-project", true),
    ("simulated-workplace", true),
    ("school-enterprise", true),
    ("pre-apprenticeship", true),
    ("internship", true),
    ("cooperative-education", true),
    ("clinical-experience", true),
    ("youth-apprenticeship", true),
    ("apprenticeship", true),
    ("paid-work-experience", true),
];
const ORG_TYPES: &[&str] = &[
    "for-profit",
    "nonprofit",
    "public-agency",
    "school",
    "college",
    "union",
    "other",
];
const MODALITIES: &[&str] = &["in-person", "in-person", "virtual", "hybrid"];
const CITIES: &[&str] = &[
    "Alder",
    "Cedar Springs",
    "Riverbend",
    "Millbrook",
    "Oak Flat",
];
const SUPPORTS: &[&str] = &[
    "transportation",
    "stipend",
    "laptop-loan",
    "accommodations",
    "spanish",
    "meals",
];
const PRINCIPLES: &[&str] = &[
    "career-aligned",
    "meaningful-tasks",
    "skills-validated",
    "academic-link",
    "networks",
    "measured",
];
const DISTRICTS: &[&str] = &["alder-unified", "cedar-springs", "riverbend"];

/// The date `days` after 2026-11-01 (the corpus's build date), as TOML.
fn day(days: i64) -> String {
    // 2026-11-01 is day 20,758 after 1970-01-01; civil date by Howard Hinnant's algorithm.
    let z = 20_758 + days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Writes a catalog: one file of pathways, employers in files of 100, opportunities in
/// files of 200. One listing in eight is closed; one contact in five is private.
fn write_catalog(
    out: &Path,
    pathways: usize,
    employers: usize,
    opportunities: usize,
    rng: &mut Rng,
) {
    // Listings name these districts: make sure they exist.
    for district in DISTRICTS {
        let file = out
            .join("content/districts")
            .join(district)
            .join("district.toml");
        if !file.exists() {
            write(&file, &format!("name = \"{district} school district\"\n"));
        }
    }
    let dir = out.join("content/catalog");
    let mut text = String::new();
    for p in 0..pathways {
        let _ = writeln!(
            text,
            "[[pathway]]\nid = \"pathway-{p:02}\"\nname = \"Pathway {p}: {} {}\"\nsector = \"sector-{}\"\nhigh_demand = {}\ndemand_source = \"Workforce board list, 2026\"\nmedian_wage = {}\noccupations = [{{ title = \"Occupation {p}\", soc = \"{:02}-{:04}\", median_wage = {} }}]\ncredentials = [\"Credential {p}\"]\ndescription = \"{}\"\n",
            rng.word(),
            rng.word(),
            p % 6,
            p % 3 != 0,
            40_000 + rng.below(60_000),
            11 + p % 40,
            1000 + p,
            35_000 + rng.below(50_000),
            rng.paragraph(50)
        );
    }
    write(&dir.join("pathways/pathways.toml"), &text);
    for chunk in 0..employers.div_ceil(100) {
        let mut text = String::new();
        for e in chunk * 100..(chunk * 100 + 100).min(employers) {
            let _ = writeln!(
                text,
                "[[employer]]\nid = \"employer-{e:04}\"\nname = \"{} {} {e}\"\norg_type = \"{}\"\npathways = [\"pathway-{:02}\"]\nwebsite = \"https://example.org/e/{e}\"\ncity = \"{}\"\ncontact = {{ name = \"Contact {e}\", email = \"c{e}@example.org\", public = {} }}\ndescription = \"\"\"\n{}\n\"\"\"\n",
                rng.word(),
                rng.word(),
                ORG_TYPES[e % ORG_TYPES.len()],
                e % pathways,
                CITIES[rng.below(CITIES.len())],
                e % 2 == 0,
                rng.paragraph(60)
            );
        }
        write(
            &dir.join(format!("employers/employers-{chunk:03}.toml")),
            &text,
        );
    }
    for chunk in 0..opportunities.div_ceil(200) {
        let mut text = String::new();
        for o in chunk * 200..(chunk * 200 + 200).min(opportunities) {
            write_opportunity(&mut text, o, pathways, employers, rng);
        }
        write(
            &dir.join(format!("opportunities/opportunities-{chunk:03}.toml")),
            &text,
        );
    }
}

fn write_opportunity(
    text: &mut String,
    o: usize,
    pathways: usize,
    employers: usize,
    rng: &mut Rng,
) {
    let (kind, needs_pathway) = KINDS[rng.below(KINDS.len())];
    let employer = rng.below(employers);
    let modality = MODALITIES[rng.below(MODALITIES.len())];
    let deadline = if o % 8 == 0 {
        -1 - rng.below(60) as i64
    } else {
        1 + rng.below(200) as i64
    };
    let starts = deadline + 7 + rng.below(30) as i64;
    let ends = starts + rng.below(60) as i64;
    let low = 6 + rng.below(7);
    let high = (low + rng.below(3)).min(14);
    let grades: Vec<String> = (low..=high).map(|g| g.to_string()).collect();
    let _ = writeln!(
        text,
        "[[opportunity]]\nid = \"opportunity-{o:05}\"\ntitle = \"{} {} {kind} {o}\"",
        rng.word(),
        rng.word()
    );
    let _ = writeln!(
        text,
        "employer = \"employer-{employer:04}\"\nkind = \"{kind}\"\nmodality = \"{modality}\"\ngrades = [{}]",
        grades.join(", ")
    );
    if needs_pathway || o % 2 == 0 {
        let _ = writeln!(text, "pathways = [\"pathway-{:02}\"]", rng.below(pathways));
    }
    if modality != "virtual" {
        let _ = writeln!(text, "city = \"{}\"", CITIES[rng.below(CITIES.len())]);
    }
    if o % 3 == 0 {
        let _ = writeln!(
            text,
            "districts = [\"{}\"]",
            DISTRICTS[rng.below(DISTRICTS.len())]
        );
    }
    let _ = writeln!(text, "summary = \"{}\"", rng.sentence());
    let _ = writeln!(
        text,
        "starts = {}\nends = {}\ndeadline = {}",
        day(starts),
        day(ends),
        day(deadline)
    );
    let _ = writeln!(
        text,
        "hours = {}\nhours_per_week = {}\nseats = {}\nmin_age = 16",
        6 + rng.below(150),
        3 + rng.below(15),
        1 + rng.below(20)
    );
    match o % 4 {
        0 => {
            let _ = writeln!(
                text,
                "pay = {{ type = \"hourly\", amount = {}.50 }}",
                17 + rng.below(8)
            );
        }
        1 => {
            let _ = writeln!(
                text,
                "pay = {{ type = \"stipend\", amount = {} }}",
                100 + rng.below(500)
            );
        }
        _ => {}
    }
    let _ = writeln!(
        text,
        "skills = [\"{}\", \"{}\"]\ntasks = [\"{}\", \"{}\"]",
        rng.word(),
        rng.word(),
        rng.sentence(),
        rng.sentence()
    );
    let _ = writeln!(
        text,
        "supports = [\"{}\"]\nprinciples = [\"{}\", \"{}\"]",
        SUPPORTS[rng.below(SUPPORTS.len())],
        PRINCIPLES[rng.below(3)],
        PRINCIPLES[3 + rng.below(3)]
    );
    let _ = writeln!(text, "apply_url = \"https://example.org/apply/{o}\"");
    let _ = writeln!(
        text,
        "contact = {{ name = \"Lead {o}\", email = \"lead{o}@example.org\", public = {} }}",
        o % 5 != 0
    );
    let _ = writeln!(
        text,
        "description = \"\"\"\n{}\n\n- {}\n- {}\n\"\"\"\n",
        rng.paragraph(70),
        rng.sentence(),
        rng.sentence()
    );
}

/// Writes districts that each adapt every toolkit: their own values, one override (the
/// first section's page), one added page and one omitted page per toolkit. Districts are
/// named like the catalog's, so listings may name the first three.
fn write_districts(out: &Path, districts: usize, toolkits: usize, rng: &mut Rng) {
    for d in 0..districts {
        let id = match d {
            0 => "alder-unified".to_string(),
            1 => "cedar-springs".to_string(),
            2 => "riverbend".to_string(),
            _ => format!("district-{d:03}"),
        };
        let dir = out.join("content/districts").join(&id);
        let mut omit = String::new();
        for t in 0..toolkits {
            let _ = writeln!(omit, "toolkit-{t:03} = [\"000-part-0/002-chapter-2\"]");
            let toolkit = dir.join(format!("toolkits/toolkit-{t:03}"));
            write(
                &toolkit.join("000-part-0/001-chapter-1.md"),
                &format!(
                    "+++\ntitle = \"Chapter 1 for district {d}\"\nadapted_from = \"00000000\"\n+++\n## Overview\n\n{}\n",
                    rng.paragraph(300)
                ),
            );
            write(
                &toolkit.join("000-part-0/003-local.md"),
                &format!(
                    "+++\ntitle = \"Local rules in district {d}\"\n+++\n## Overview\n\n{}\n",
                    rng.paragraph(200)
                ),
            );
        }
        write(
            &dir.join("district.toml"),
            &format!(
                "name = \"District {d} Unified\"\nshort_name = \"District {d}\"\n\n[contacts.coordinator]\nname = \"Coordinator {d}\"\nphone = \"555-0{:03}\"\npublic = true\n\n[forms.consent]\ntitle = \"Consent\"\nurl = \"https://example.org/{id}/consent.pdf\"\nlanguages = [\"en\", \"es\"]\n\n[omit]\n{omit}",
                d % 1000
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder for one test's corpus.
    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gen-corpus-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    /// Every file under `dir`, by its path relative to `dir`, with its text.
    fn files(dir: &Path) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(next) = todo.pop() {
            for entry in std::fs::read_dir(&next).expect("the corpus is readable") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    let name = path
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    out.insert(name, std::fs::read_to_string(&path).expect("text"));
                }
            }
        }
        out
    }

    fn words(text: &str) -> usize {
        text.split_whitespace().count()
    }

    #[test]
    fn translating_adds_a_page_beside_each_source_and_changes_no_source() {
        let (plain, translated) = (folder("plain"), folder("translated"));
        let seed = 0x5eed_1234_abcd_ef01;
        write_toolkit(&plain, 0, 12, &mut Rng(seed, WORDS), None);
        write_toolkit(&translated, 0, 12, &mut Rng(seed, WORDS), Some("es"));
        let (plain_files, translated_files) = (files(&plain), files(&translated));
        let (sources, translations): (Vec<_>, Vec<_>) = translated_files
            .iter()
            .partition(|(name, _)| !name.ends_with(".es.md"));
        assert_eq!(
            sources
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
            plain_files.iter().collect(),
            "the default language's pages are the same with or without translations"
        );
        assert_eq!(translations.len(), 13, "the landing page and 12 chapters");
        for (name, text) in translations {
            let source = &plain_files[&name.replace(".es.md", ".md")];
            assert!(
                text.contains(&format!("translated_from = \"{}\"\n", fingerprint(source))),
                "{name} records its source's fingerprint"
            );
            assert!(
                !text.contains("audience") && !text.contains("weight"),
                "{name}"
            );
            let (theirs, ours) = (words(source), words(text));
            assert!(
                ours.abs_diff(theirs) * 10 < theirs,
                "{name}: {ours} words for {theirs}"
            );
        }
        let chapter =
            &translated_files["content/toolkits/toolkit-000/000-part-0/001-chapter-1.es.md"];
        assert!(
            chapter.starts_with("+++\ntitle = \"Capítulo 1: "),
            "{chapter}"
        );
        assert!(chapter.contains("## Resumen\n"), "{chapter}");
        assert!(
            chapter.contains("](../000-part-0/002-chapter-2.md#resumen)"),
            "links name the source path and the translation's heading: {chapter}"
        );
        let _ = std::fs::remove_dir_all(&plain);
        let _ = std::fs::remove_dir_all(&translated);
    }

    #[test]
    fn the_site_lists_the_translations_language() {
        assert!(!site_toml(None).contains("[languages"));
        assert!(site_toml(Some("es"))
            .ends_with("\n[languages.es]\nname = \"Español\"\ntitle = \"Red de referencia\"\n"));
    }
}
