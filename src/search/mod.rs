//! The search index: documents from the model (not scraped from HTML) → small files that
//! the browser fetches as a query needs them. Built at build time and deterministic.
//!
//! Files, under `/search/`:
//!
//! - `meta.json`: `{ "version", "docs", "chunk", "scopes": [district ids], "types": [...] }`.
//! - `t/<xy>.json`: every term starting with the two characters `xy`, each with its
//!   postings `[[doc, score], ...]` sorted by document (at most [`MAX_POSTINGS`] per term,
//!   the best). A shard that would be large is split by three characters instead
//!   (`t/<xyz>.json`); `meta.shards` lists them all. A query fetches one shard per word.
//! - `d/<n>.json`: documents `n * chunk ..`, each `[type, title, url, excerpt, only, not]`:
//!   `only` lists the scopes (district indexes into `scopes`) a district's own page belongs
//!   to; `not` lists the districts whose edition replaces or leaves out a regional page.
//!   Both are `null` for a document shown everywhere.
//!
//! Terms are made by the language's [`Rules`] ([`Rules::terms`]), which `search.js` mirrors:
//! each language's edition has its own index, built with its own rules, and the script picks
//! the same rules from the page's `<html lang>`.
//!
//! Built on every core, the same bytes at any number of threads: slices of the documents
//! find their terms side by side (`postings.rs`), then each group of terms sharing their first
//! two characters is merged in slice order and written (`shards.rs`), while the document
//! files are written beside them.

mod english;
mod postings;
mod shards;
mod spanish;
pub mod text;
mod words;

pub use text::Rules;

use rayon::prelude::*;

use serde::Serialize;

/// What a search result is; the order is the order result groups are listed in on ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum DocType {
    /// A toolkit or standalone page, or one of its sections.
    Page,
    /// An opportunity's page.
    Opportunity,
    /// An employer's page.
    Employer,
    /// A pathway's page.
    Pathway,
    /// A district's page.
    District,
}

impl DocType {
    /// Every type, in order: a document's type is written as its index here (`meta.types`).
    pub const ALL: [DocType; 5] = [
        DocType::Page,
        DocType::Opportunity,
        DocType::Employer,
        DocType::Pathway,
        DocType::District,
    ];

    /// The theme string that names its result group in the search page (`meta.types`), in
    /// the edition's language: `search.group_pages` is "Toolkit pages", "Páginas de las guías".
    pub fn label_key(self) -> &'static str {
        match self {
            DocType::Page => "search.group_pages",
            DocType::Opportunity => "search.group_opportunities",
            DocType::Employer => "search.group_employers",
            DocType::Pathway => "search.group_pathways",
            DocType::District => "search.group_districts",
        }
    }
}

/// Where a document may be found: everywhere, only in some districts' editions, or
/// everywhere but some districts' editions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The districts (indices into [`crate::model::Site::districts`]) whose edition alone has the document; empty for a regional one.
    pub only: Vec<usize>,
    /// The districts (indices into [`crate::model::Site::districts`]) whose edition replaces or leaves out this regional document.
    pub not: Vec<usize>,
}

/// Which documents an index keeps: every one, or for a bundle only what it hands out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Within {
    /// The whole site.
    #[default]
    Site,
    /// A site narrowed to one district: the regional pages its edition replaces or leaves
    /// out are not searched.
    District,
    /// One regional toolkit (its slug): the pages of other toolkits are not searched.
    Toolkit(String),
}

impl Within {
    /// Whether the index keeps `doc`.
    pub fn keeps(&self, doc: &Doc) -> bool {
        match self {
            Within::Site => true,
            Within::District => doc.scope.not.is_empty(),
            Within::Toolkit(slug) => {
                doc.kind != DocType::Page
                    || !doc.url.contains("/toolkits/")
                    || doc.url.contains(&format!("/toolkits/{slug}/"))
            }
        }
    }
}

/// One thing a search can find.
#[derive(Debug, Clone)]
pub struct Doc {
    /// What it is, which decides its result group.
    pub kind: DocType,
    /// The title shown as the result's link.
    pub title: String,
    /// The address the result links to, as the site's pages write it.
    pub url: String,
    /// Shown under the title; also indexed.
    pub excerpt: String,
    /// Indexed with more weight than the body: headings, names, kinds.
    pub keywords: String,
    /// The rest of its text, indexed with the least weight.
    pub body: String,
    /// The district editions it belongs to.
    pub scope: Scope,
}

/// Weights of where a term appears.
const TITLE: u32 = 10;
const KEYWORDS: u32 = 4;
const BODY: u32 = 1;
/// Documents per `d/<n>.json` file.
pub const CHUNK: usize = 50;
/// Postings kept per term: the documents where it scores best. Bounds shard sizes however
/// large the site grows; ranking only needs the best.
pub const MAX_POSTINGS: usize = 400;
/// A two-character shard larger than this (in bytes of JSON) is split by three characters.
pub const SHARD_SPLIT: usize = 24 * 1024;
/// Longest excerpt, in characters.
pub const EXCERPT: usize = 160;

/// Builds the index files from documents given in a stable order, their terms made by
/// `rules` (the language of the edition the documents belong to:
/// `Rules::for_language(code)`), the result groups named by `labels` (one per
/// [`DocType::ALL`], in the edition's language: see [`DocType::label_key`]). The files'
/// paths start with `search/`; the index of a language other than the default belongs under
/// that language's folder (`es/search/...`).
pub fn build(
    docs: &[&Doc],
    scopes: &[String],
    rules: Rules,
    labels: &[&str; DocType::ALL.len()],
) -> Vec<(String, Vec<u8>)> {
    let (shards, chunks) = rayon::join(
        || shards::shards(&postings::slices(docs, rules)),
        || {
            docs.par_chunks(CHUNK)
                .map(|chunk| to_json(&chunk.iter().map(|doc| doc_row(doc)).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        },
    );
    let mut files = Vec::with_capacity(1 + shards.len() + chunks.len());
    let meta = serde_json::json!({
        "version": 1,
        "docs": docs.len(),
        "chunk": CHUNK,
        "scopes": scopes,
        "types": labels,
        "shards": shards.iter().map(|(key, _)| key).collect::<Vec<_>>(),
    });
    files.push(("search/meta.json".to_string(), to_json(&meta)));
    for (key, json) in shards {
        files.push((format!("search/t/{key}.json"), json));
    }
    for (n, json) in chunks.into_iter().enumerate() {
        files.push((format!("search/d/{n}.json"), json));
    }
    files
}

/// One document's row in a `search/d/` file: type, title, URL, excerpt and its scopes.
fn doc_row(doc: &Doc) -> serde_json::Value {
    let list = |v: &[usize]| {
        if v.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::json!(v)
        }
    };
    serde_json::json!([
        DocType::ALL.iter().position(|t| *t == doc.kind),
        doc.title,
        doc.url,
        crate::markdown::shorten(&doc.excerpt, EXCERPT),
        list(&doc.scope.only),
        list(&doc.scope.not),
    ])
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("index values always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn refs(docs: &[Doc]) -> Vec<&Doc> {
        docs.iter().collect()
    }

    fn doc(kind: DocType, title: &str, body: &str) -> Doc {
        Doc {
            kind,
            title: title.into(),
            url: format!("/{}/", crate::slug::slugify(title)),
            excerpt: String::new(),
            keywords: String::new(),
            body: body.into(),
            scope: Scope::default(),
        }
    }

    fn file(files: &[(String, Vec<u8>)], path: &str) -> serde_json::Value {
        let bytes = &files
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .1;
        serde_json::from_slice(bytes).unwrap()
    }

    const LABELS: [&str; 5] = [
        "Guías",
        "Oportunidades",
        "Empleadores",
        "Trayectorias",
        "Distritos",
    ];

    /// [`super::build`] with the result groups named in Spanish.
    fn build(docs: &[&Doc], scopes: &[String], rules: Rules) -> Vec<(String, Vec<u8>)> {
        super::build(docs, scopes, rules, &LABELS)
    }

    #[test]
    fn result_groups_are_named_in_the_edition_s_language() {
        let docs = [doc(DocType::Page, "Guía", "Para las familias")];
        let meta = file(
            &build(&refs(&docs), &[], Rules::Spanish),
            "search/meta.json",
        );
        assert_eq!(meta["types"], serde_json::json!(LABELS));
    }

    #[test]
    fn terms_are_sharded_by_their_first_two_letters_and_titles_weigh_more() {
        let docs = [
            doc(
                DocType::Page,
                "Nursing careers",
                "Nurses care for patients.",
            ),
            doc(
                DocType::Opportunity,
                "Welding shadow",
                "Nursing is mentioned once.",
            ),
        ];
        let files = build(&refs(&docs), &[], Rules::English);
        let shard = file(&files, "search/t/nu.json");
        let nurs = shard["nurs"].as_array().unwrap();
        assert_eq!(nurs.len(), 2);
        assert!(
            nurs[0][1].as_u64().unwrap() > nurs[1][1].as_u64().unwrap(),
            "a title outweighs a body: {nurs:?}"
        );
        assert_eq!(file(&files, "search/meta.json")["docs"], 2);
        let chunk = file(&files, "search/d/0.json");
        assert_eq!(chunk[1][1], "Welding shadow");
        assert_eq!(chunk[1][0], 1, "the type is an index into meta.types");
    }

    #[test]
    fn each_language_indexes_with_its_own_rules() {
        let docs = [doc(
            DocType::Page,
            "Información para las familias",
            "Los niños y las ninas",
        )];
        let shards = |rules| {
            let meta = file(&build(&refs(&docs), &[], rules), "search/meta.json");
            meta["shards"].clone()
        };
        let spanish = build(&refs(&docs), &[], Rules::Spanish);
        assert_eq!(file(&spanish, "search/t/ni.json")["nin"][0][0], 0);
        assert!(file(&spanish, "search/t/in.json").get("inform").is_some());
        assert_eq!(
            shards(Rules::Spanish),
            serde_json::json!(["fa", "in", "ni"]),
            "stop words (para, las, los) are left out"
        );
        assert_eq!(
            shards(Rules::Other),
            serde_json::json!(["fa", "in", "la", "lo", "ni", "pa"]),
            "every word is kept, folded"
        );
    }

    #[test]
    fn the_index_is_deterministic() {
        let docs: Vec<Doc> = (0..250)
            .map(|i| doc(DocType::Employer, &format!("Employer {i}"), "makes things"))
            .collect();
        assert_eq!(
            build(&refs(&docs), &["a".into()], Rules::English),
            build(&refs(&docs), &["a".into()], Rules::English)
        );
        assert_eq!(
            build(&refs(&docs), &[], Rules::English)
                .iter()
                .filter(|(p, _)| p.starts_with("search/d/"))
                .count(),
            5
        );
    }

    #[test]
    fn big_shards_split_and_postings_are_capped() {
        let docs: Vec<Doc> = (0..MAX_POSTINGS + 100)
            .map(|i| {
                doc(
                    DocType::Opportunity,
                    &format!("Internship {i}"),
                    &"interview intern internal invoice income inform inspect install "
                        .repeat(1 + i % 3),
                )
            })
            .collect();
        let files = build(&refs(&docs), &[], Rules::English);
        let meta = file(&files, "search/meta.json");
        let shards: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(
            shards.contains(&"int") && !shards.contains(&"in"),
            "{shards:?}"
        );
        let int = file(&files, "search/t/int.json");
        assert_eq!(int["internship"].as_array().unwrap().len(), MAX_POSTINGS);
    }

    #[test]
    fn scopes_are_written_only_when_they_limit() {
        let mut district_page = doc(DocType::Page, "Local rules", "x");
        district_page.scope.only = vec![1];
        let mut regional = doc(DocType::Page, "Regional rules", "x");
        regional.scope.not = vec![0];
        let everywhere = doc(DocType::Page, "Everywhere", "x");
        let files = build(
            &[&district_page, &regional, &everywhere],
            &["a".into(), "b".into()],
            Rules::English,
        );
        let chunk = file(&files, "search/d/0.json");
        assert_eq!(chunk[0][4], serde_json::json!([1]));
        assert_eq!(chunk[1][5], serde_json::json!([0]));
        assert!(chunk[2][4].is_null() && chunk[2][5].is_null());
    }

    /// Documents of made-up text in many words: common and rare ones, capitals, accents,
    /// digits, words longer than 16 bytes and titles repeated often enough that postings
    /// are capped and shards split.
    fn generated(count: usize) -> Vec<Doc> {
        const WORDS: [&str; 24] = [
            "the",
            "Nursing",
            "nurses",
            "información",
            "niños",
            "Niñas",
            "para",
            "los",
            "apprenticeship",
            "internships",
            "INTERN",
            "welding",
            "soldadura",
            "estudiantes",
            "2024",
            "x",
            "responsabilidades",
            "characteristically",
            "über",
            "Ça",
            "café",
            "mentoring",
            "mentor",
            "œuvre",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        (0..count)
            .map(|i| {
                let len = 1 + next(60) * next(4);
                let body: Vec<String> = (0..len)
                    .map(|_| match next(10) {
                        0 => format!("w{}", next(5000)),
                        1 => format!("{}-{}.", WORDS[next(24)], WORDS[next(24)]),
                        _ => WORDS[next(24)].to_string(),
                    })
                    .collect();
                let mut d = doc(DocType::ALL[i % 5], WORDS[i % 24], &body.join(" "));
                d.keywords = format!("{} w{}", WORDS[next(24)], i % 7);
                if i % 3 == 0 {
                    d.excerpt = format!("Resumen {i}");
                }
                d
            })
            .collect()
    }

    /// Every term of the index's shards with its postings.
    fn postings_of(files: &[(String, Vec<u8>)]) -> BTreeMap<String, Vec<[u32; 2]>> {
        let mut all = BTreeMap::new();
        for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("search/t/")) {
            let shard: BTreeMap<String, Vec<[u32; 2]>> = serde_json::from_slice(bytes).unwrap();
            for (term, list) in shard {
                assert!(all.insert(term, list).is_none(), "one shard a term: {path}");
            }
        }
        all
    }

    /// The postings, found plainly: each document's terms counted one by one.
    fn plain_postings(docs: &[Doc], rules: Rules) -> BTreeMap<String, Vec<[u32; 2]>> {
        let mut all: BTreeMap<String, Vec<[u32; 2]>> = BTreeMap::new();
        for (d, doc) in docs.iter().enumerate() {
            let mut seen: BTreeMap<String, [u32; 3]> = BTreeMap::new();
            let indexed = !doc.body.starts_with(doc.excerpt.trim_end_matches('…'));
            let excerpt = if indexed { doc.excerpt.as_str() } else { "" };
            for (field, text) in [(0, &doc.title[..]), (1, &doc.keywords), (2, excerpt)]
                .into_iter()
                .chain([(2, &doc.body[..])])
            {
                for term in rules.terms(text).filter(|t| t.len() >= 2) {
                    seen.entry(term).or_default()[field] += 1;
                }
            }
            for (term, n) in seen {
                let score = n[0].min(3) * TITLE + n[1].min(3) * KEYWORDS + n[2].min(3) * BODY;
                all.entry(term).or_default().push([d as u32, score]);
            }
        }
        for list in all.values_mut() {
            list.sort_by(|a, b| b[1].cmp(&a[1]).then(a[0].cmp(&b[0])));
            list.truncate(MAX_POSTINGS);
            list.sort_by_key(|p| p[0]);
        }
        all
    }

    #[test]
    fn the_index_is_the_same_at_any_number_of_threads_and_as_found_plainly() {
        let docs = generated(1500);
        for rules in [Rules::English, Rules::Spanish, Rules::Other] {
            let on = |threads| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                pool.install(|| build(&refs(&docs), &["a".into()], rules))
            };
            let one = on(1);
            let postings = postings_of(&one);
            assert!(postings.len() > 1000, "{rules:?}: enough terms to merge");
            assert!(
                postings.values().any(|l| l.len() == MAX_POSTINGS),
                "{rules:?}: capped"
            );
            let split = |(p, _): &&(String, Vec<u8>)| p.len() == "search/t/abc.json".len();
            assert!(one.iter().any(|f| split(&f)), "{rules:?}: a shard split");
            for threads in [2, 3, 8] {
                assert!(
                    one == on(threads),
                    "{rules:?}: 1 and {threads} threads differ"
                );
            }
            assert!(
                postings == plain_postings(&docs, rules),
                "{rules:?}: as found plainly"
            );
        }
    }
}
