//! The output checker: parses every built HTML file and reports what must never ship:
//! event-handler attributes, `javascript:` URLs, subresources from other hosts, duplicate
//! ids, and internal links or `#fragments` that lead nowhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};

/// Attributes that hold URLs.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "cite",
    "srcset",
];

/// Checks every `.html` file under `public` (a site whose base path is `/`). Returns the
/// problems found, one line each; empty when the output is sound.
pub fn check_site(public: &Path) -> Vec<String> {
    let mut pages: BTreeMap<String, Html> = BTreeMap::new();
    let mut files: BTreeSet<String> = BTreeSet::new();
    for entry in walkdir::WalkDir::new(public).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            pages.insert(rel.clone(), Html::parse_document(&text));
        }
        files.insert(rel);
    }
    assert!(
        !pages.is_empty(),
        "no HTML files under {}",
        public.display()
    );

    let all = Selector::parse("*").unwrap();
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (file, html) in &pages {
        let mut seen = BTreeSet::new();
        for element in html.select(&all) {
            if let Some(id) = element.value().id() {
                if !seen.insert(id.to_string()) {
                    problems.push(format!("{file}: duplicate id `{id}`"));
                }
            }
        }
        ids.insert(file, seen);
    }

    for (file, html) in &pages {
        problems.extend(
            check_structure(html)
                .into_iter()
                .map(|p| format!("{file}: {p}")),
        );
        for element in html.select(&all) {
            let name = element.value().name();
            for (attr, value) in element.value().attrs() {
                let attr = attr.to_ascii_lowercase();
                if attr.starts_with("on") {
                    problems.push(format!(
                        "{file}: <{name}> has an event handler attribute `{attr}`"
                    ));
                }
                if !URL_ATTRIBUTES.contains(&attr.as_str()) {
                    continue;
                }
                let squashed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if squashed.starts_with("javascript:")
                    || squashed.starts_with("vbscript:")
                    || squashed.starts_with("data:text/html")
                {
                    problems.push(format!("{file}: <{name} {attr}> is a script URL: {value}"));
                }
                let remote = squashed.starts_with("http:")
                    || squashed.starts_with("https:")
                    || squashed.starts_with("//");
                if remote && is_subresource(name, &element) {
                    problems.push(format!(
                        "{file}: <{name} {attr}> loads from another host: {value}"
                    ));
                }
                if !remote && (attr == "href" || attr == "src") {
                    if let Some(problem) = check_internal(file, value, &files, &ids) {
                        problems.push(format!("{file}: <{name} {attr}=\"{value}\"> {problem}"));
                    }
                }
            }
        }
    }
    problems
}

/// What every page needs for people using assistive technology, and for its own safety:
/// a language, one `<h1>`, a `<main>` that the first link skips to, text for every image,
/// and a Content-Security-Policy.
fn check_structure(html: &Html) -> Vec<String> {
    let count = |selector: &str| html.select(&Selector::parse(selector).unwrap()).count();
    let mut problems = Vec::new();
    if count("html[lang]") != 1 {
        problems.push("<html> has no lang attribute".to_string());
    }
    if count("h1") != 1 {
        problems.push(format!("has {} <h1> elements, not one", count("h1")));
    }
    if count("main#main") != 1 {
        problems.push("has no <main id=\"main\">".to_string());
    }
    let first_link = html.select(&Selector::parse("body a").unwrap()).next();
    if first_link.and_then(|a| a.value().attr("href")) != Some("#main") {
        problems.push("the first link is not a skip link to #main".to_string());
    }
    if count("img:not([alt])") > 0 {
        problems.push("an <img> has no alt attribute".to_string());
    }
    if count(r#"meta[http-equiv="Content-Security-Policy"]"#) != 1 {
        problems.push("has no Content-Security-Policy".to_string());
    }
    problems
}

/// Whether the element would make the browser fetch its URL as part of the page.
fn is_subresource(name: &str, element: &scraper::ElementRef) -> bool {
    match name {
        "a" | "area" | "form" => false,
        "link" => {
            let rel = element
                .value()
                .attr("rel")
                .unwrap_or_default()
                .to_ascii_lowercase();
            !rel.split_whitespace().all(|r| {
                matches!(
                    r,
                    "canonical" | "alternate" | "author" | "license" | "help" | "next" | "prev"
                )
            })
        }
        _ => true,
    }
}

/// Checks a local URL: the file it names exists and its `#fragment` is an id there.
fn check_internal(
    file: &str,
    url: &str,
    files: &BTreeSet<String>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<String> {
    if url.contains(':') && !url.starts_with('/') && !url.starts_with('#') {
        return None; // mailto:, tel:
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        file.to_string()
    } else if let Some(absolute) = path.strip_prefix('/') {
        absolute.to_string()
    } else {
        let dir = Path::new(file).parent().unwrap_or(Path::new(""));
        normalize(&dir.join(path).to_string_lossy())
    };
    let target = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target
    };
    let target = percent_decode(&target);
    if !files.contains(&target) {
        return Some(format!("points to a missing file `{target}`"));
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let known = ids
            .get(target.as_str())
            .is_some_and(|set| set.contains(&percent_decode(fragment)));
        if !known {
            return Some(format!(
                "points to a missing fragment `#{fragment}` in `{target}`"
            ));
        }
    }
    None
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            ) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The checker must catch each kind of defect it exists for.
#[test]
fn checker_catches_every_kind_of_defect() {
    let dir = crate::support::scratch("checker-self-test");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let sound = r##"<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head><body><a href="#main">Skip</a><main id="main"><h1>Title</h1>"##;
    std::fs::write(dir.join("a/index.html"), format!(r#"{sound}<p id="x">dup</p><p id="x">dup</p><a href="/a/#nope">f</a></main></body></html>"#)).unwrap();
    std::fs::write(
        dir.join("index.html"),
        r##"<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"><link rel="canonical" href="https://example.org/"></head>
<body><img src="//cdn.example.com/i.png"><div onclick="x()">c</div><a href=" JaVa&#9;Script:alert(1)">j</a>
<a href="/missing/">m</a><a href="a/">ok</a><a href="#top">t</a><a href="mailto:a@example.org">mail</a></body></html>"##,
    )
    .unwrap();
    let problems = check_site(&dir);
    let expected = [
        "a/index.html: duplicate id `x`",
        "a/index.html: <a href=\"/a/#nope\"> points to a missing fragment `#nope` in `a/index.html`",
        "index.html: <link href> loads from another host: https://cdn.example.com/x.css",
        "index.html: <img src> loads from another host: //cdn.example.com/i.png",
        "index.html: <div> has an event handler attribute `onclick`",
        "index.html: <a href> is a script URL:  JaVa\tScript:alert(1)",
        "index.html: <a href=\"/missing/\"> points to a missing file `missing/index.html`",
        "index.html: <a href=\"#top\"> points to a missing fragment `#top` in `index.html`",
        "index.html: <html> has no lang attribute",
        "index.html: has 0 <h1> elements, not one",
        "index.html: has no <main id=\"main\">",
        "index.html: the first link is not a skip link to #main",
        "index.html: an <img> has no alt attribute",
        "index.html: has no Content-Security-Policy",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p == e),
            "missing {e:?} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}
