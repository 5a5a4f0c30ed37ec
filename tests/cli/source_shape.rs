//! The shape of the source itself: no function over about 80 lines without a reason in its
//! doc comment, so rules stay small functions that can be read and changed alone.

use std::path::Path;

/// The longest a function may be without saying why.
const MAX_LINES: usize = 80;

/// Words in a doc comment that give the reason a function is long (a flat table or match).
const REASON: &str = "so it is long";

/// Each function in a file as (name, first line, number of lines, its doc comment). A
/// function ends at the first `}` at the indentation of its `fn` line, which rustfmt
/// guarantees.
fn functions(text: &str) -> Vec<(String, usize, usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let after_vis = trimmed
            .strip_prefix("pub(super) ")
            .or_else(|| trimmed.strip_prefix("pub(crate) "))
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        let Some(rest) = after_vis.strip_prefix("fn ") else {
            continue;
        };
        // A declaration without a body, or a body on the fn line itself.
        let end_of_line = line.trim_end();
        if end_of_line.ends_with(';') || (end_of_line.ends_with('}') && line.contains('{')) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{}}}", " ".repeat(indent));
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].starts_with(&close) && !lines[j][indent..].starts_with("} "))
            .unwrap_or(lines.len() - 1);
        let doc: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim())
            .take_while(|l| l.starts_with("///") || l.starts_with("#["))
            .collect();
        found.push((name, i + 1, end - i + 1, doc.join(" ")));
    }
    found
}

#[test]
fn no_function_is_long_without_a_reason() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(root).expect("under the root");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).expect("source is UTF-8");
        for (name, line, length, doc) in functions(&text) {
            if length > MAX_LINES && !doc.contains(REASON) {
                long.push(format!("{rel}:{line}: `{name}` is {length} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these into named steps, or say in the doc comment why the function is long \
         (\"{REASON}\"):\n{}",
        long.join("\n")
    );
}
