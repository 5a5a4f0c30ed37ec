//! Render stage, `opportunities.csv`: one row per opportunity, and how a cell is quoted
//! and defused against spreadsheet formulas.

use crate::render::catalog::{pay_text, CatalogRender};
use crate::render::machine::absolute;

/// The columns of `opportunities.csv`, in order. Documented in the README.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "url",
    "status",
    "employer_id",
    "employer",
    "kind",
    "stage",
    "pathways",
    "modality",
    "city",
    "grades",
    "districts",
    "starts",
    "ends",
    "deadline",
    "hours",
    "hours_per_week",
    "seats",
    "min_age",
    "pay_type",
    "pay_amount",
    "pay",
    "credit",
    "supports",
    "principles",
    "principle_count",
    "apply_url",
    "summary",
];

/// `opportunities.csv`: one row per opportunity, open and closed, sorted by id.
pub(in crate::render) fn csv(pass: &CatalogRender) -> String {
    let catalog = pass.catalog;
    let mut out = String::new();
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    for o in &catalog.opportunities {
        let employer = catalog.employer(o.employer);
        let list = |items: Vec<String>| items.join(";");
        let optional = |v: Option<String>| v.unwrap_or_default();
        let row: Vec<String> = vec![
            o.id.clone(),
            o.title.clone(),
            absolute(pass, &pass.renderer.urls.opportunity(&o.id)),
            if o.is_open() { "open" } else { "closed" }.to_string(),
            employer.id.clone(),
            employer.name.clone(),
            o.kind.slug().to_string(),
            o.stage().slug().to_string(),
            list(
                o.pathways
                    .iter()
                    .map(|&p| catalog.pathway(p).id.clone())
                    .collect(),
            ),
            o.modality.slug().to_string(),
            optional(o.city.clone()),
            list(o.grades.iter().map(u8::to_string).collect()),
            list(o.districts.clone()),
            optional(o.starts.map(|d| d.iso())),
            optional(o.ends.map(|d| d.iso())),
            optional(o.deadline.map(|d| d.iso())),
            optional(o.hours.map(|h| h.to_string())),
            optional(o.hours_per_week.map(|h| h.to_string())),
            optional(o.seats.map(|s| s.to_string())),
            optional(o.min_age.map(|a| a.to_string())),
            optional(o.pay.map(|p| p.kind.slug().to_string())),
            optional(o.pay.map(|p| p.amount.to_string())),
            optional(pay_text(pass.renderer.strings(), o)),
            optional(o.credit.clone()),
            list(o.supports.iter().map(|s| s.slug().to_string()).collect()),
            list(o.principles.iter().map(|p| p.slug().to_string()).collect()),
            o.principles.len().to_string(),
            optional(o.apply_url.clone()),
            optional(o.summary.clone()),
        ];
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula, in ASCII and full-width
/// forms (some spreadsheets fold `＝` to `=`), and the tab and carriage return that some
/// strip before looking (OWASP "CSV injection").
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Where a spreadsheet may start a new cell inside ours: `;` in locales that use it as the
/// delimiter, tab in tab-delimited imports, and line breaks for readers that ignore quotes.
const CELL_SPLITS: &[char] = &[';', '\t', '\r', '\n'];

/// Quotes a CSV cell where needed (RFC 4180) and defuses text a spreadsheet would run as a
/// formula: a `'` goes before any formula character that starts the cell, or that starts
/// a part a spreadsheet may split off (after `;`, tab or a line break, spaces skipped).
pub fn csv_cell(cell: &str) -> String {
    let mut defused = String::with_capacity(cell.len() + 1);
    let mut starts_a_part = true;
    for c in cell.chars() {
        if starts_a_part && FORMULA_STARTS.contains(&c) {
            defused.push('\'');
        }
        defused.push(c);
        starts_a_part = CELL_SPLITS.contains(&c) || (starts_a_part && c == ' ');
    }
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
    }

    #[test]
    fn every_way_a_cell_can_start_a_formula_is_defused() {
        for (cell, expected) in [
            // A formula character first: OWASP's rule.
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t'=1"),
            ("\r=1", "\"'\r'=1\""),
            // Full-width forms, which some spreadsheets fold to ASCII.
            ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
            ("\u{FF0B}1", "'\u{FF0B}1"),
            ("\u{FF0D}1", "'\u{FF0D}1"),
            ("\u{FF20}SUM(A1)", "'\u{FF20}SUM(A1)"),
            // After spaces, which an import may trim.
            (" =1", " '=1"),
            // A part a `;`-delimited spreadsheet splits off.
            ("a;=1+1", "a;'=1+1"),
            ("a; =1+1", "a; '=1+1"),
            ("a;\u{FF1D}1", "a;'\u{FF1D}1"),
            ("a;@x", "a;'@x"),
            // Tab and line breaks split cells too.
            ("a\t+1", "a\t'+1"),
            ("a\n-1", "\"a\n'-1\""),
            // Left alone: formula characters inside a part, and plain lists.
            ("a=b", "a=b"),
            ("9-5 weekdays", "9-5 weekdays"),
            ("health-science;it", "health-science;it"),
            ("a,=b", "\"a,=b\""),
        ] {
            assert_eq!(csv_cell(cell), expected, "{cell:?}");
        }
    }
}
