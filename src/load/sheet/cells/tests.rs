use super::*;
use crate::columns::{Choices, RecordType};

fn text(kind: Kind, cell: &str) -> Result<Option<Read<'static>>, Problem> {
    let cell_at = |value| Cell {
        span: 0..cell.len(),
        value,
    };
    read(kind, &cell_at(Value::Text), cell).map(|r| r.map(Read::owned))
}

fn value(kind: Kind, value: Value) -> Result<Option<Read<'static>>, Problem> {
    let cell = Cell { span: 0..0, value };
    read(kind, &cell, "").map(|r| r.map(Read::owned))
}

fn message(kind: Kind, cell: &str) -> String {
    text(kind, cell).unwrap_err().message
}

fn int(s: &str) -> Read<'static> {
    Read::Integer(s.into())
}

#[test]
fn spaces_and_the_text_mark_are_removed() {
    let t = |s: &str| -> Read<'static> { Read::Text(s.to_string().into()) };
    assert_eq!(
        text(Kind::Text, "  Nurse\u{a0}\u{202f}"),
        Ok(Some(t("Nurse")))
    );
    assert_eq!(text(Kind::Text, "'0042"), Ok(Some(t("0042"))));
    assert_eq!(text(Kind::Text, "' x"), Ok(Some(t(" x"))));
    assert_eq!(text(Kind::Text, " ' "), Ok(None));
    assert_eq!(text(Kind::Text, "\u{a0} "), Ok(None));
    assert_eq!(text(Kind::Markdown, "a\r\nb"), Ok(Some(t("a\nb"))));
}

#[test]
fn the_exports_defusal_is_undone_exactly() {
    // As `csv_cell` writes `=1+2`, `- item` lines and `a; -b`.
    assert_eq!(undefuse("x\n'- item\n  '=y; '-z"), "x\n- item\n  =y; -z");
    // A `'` elsewhere, or before other characters, is the author's.
    assert_eq!(undefuse("it's 'quoted'; 'x"), "it's 'quoted'; 'x");
    // What the exports defuse reads back as it was.
    for text in [
        "-a",
        "x;-y",
        "x\n  +y\r\n@z",
        "a - b",
        "it's; '",
        "é;＝x",
        "\t=x",
    ] {
        let quoted = crate::render::export::csv::csv_cell(text);
        let cell = quoted.trim_matches('"').replace("\"\"", "\"");
        assert_eq!(undefuse(&cell), text, "{quoted}");
    }
    assert_eq!(clean("'=SUM(A1)"), "=SUM(A1)");
}

#[test]
fn lists_split_on_semicolons() {
    let items = text(Kind::TextList, "a; b ;;'=c; d\\;e;").unwrap().unwrap();
    let t = |s: &str| -> Read<'static> { Read::Text(s.to_string().into()) };
    assert_eq!(items, Read::List(vec![t("a"), t("b"), t("=c"), t("d;e")]));
}

#[test]
fn numbers_and_money() {
    assert_eq!(text(Kind::Integer, "1,200"), Ok(Some(int("1200"))));
    assert_eq!(text(Kind::Integer, "12.00"), Ok(Some(int("12"))));
    assert_eq!(text(Kind::Integer, "007"), Ok(Some(int("7"))));
    assert_eq!(text(Kind::Integer, "0"), Ok(Some(int("0"))));
    assert_eq!(
        text(Kind::Number, ".5"),
        Ok(Some(Read::Float("0.5".into())))
    );
    assert_eq!(
        message(Kind::Integer, "12.5"),
        "`12.5` is not a whole number"
    );
    assert_eq!(message(Kind::Number, "ten"), "`ten` is not a number");
    assert_eq!(
        text(Kind::Money, "$1,200.00"),
        Ok(Some(Read::Float("1200.00".into())))
    );
    assert_eq!(text(Kind::Money, "18"), Ok(Some(int("18"))));
    assert_eq!(
        message(Kind::Money, "18 dollars"),
        "`18 dollars` is not an amount of money"
    );
    assert_eq!(
        value(Kind::Integer, Value::Number(12.0)),
        Ok(Some(int("12")))
    );
    assert_eq!(
        value(Kind::Text, Value::Number(12.0)),
        Ok(Some(Read::Text("12".into())))
    );
}

#[test]
fn booleans() {
    for yes in ["TRUE", "true", "Yes", "y", "1"] {
        assert_eq!(text(Kind::Bool, yes), Ok(Some(Read::Bool(true))), "{yes}");
    }
    for no in ["FALSE", "no", "N", "0"] {
        assert_eq!(text(Kind::Bool, no), Ok(Some(Read::Bool(false))), "{no}");
    }
    assert_eq!(message(Kind::Bool, "maybe"), "`maybe` is not TRUE or FALSE");
    assert_eq!(
        value(Kind::Bool, Value::Bool(true)),
        Ok(Some(Read::Bool(true)))
    );
}

#[test]
fn dates_iso_and_us() {
    let d = |year, month, day| Ok(Date { year, month, day });
    assert_eq!(date("2027-03-15"), d(2027, 3, 15));
    assert_eq!(date("3/15/2027"), d(2027, 3, 15));
    assert_eq!(date("03/05/2027"), d(2027, 3, 5));
    for wrong in [
        "15/3/2027",
        "3/15/27",
        "March 15",
        "2027/03/15",
        "2027-03-15 10:00",
        "2027-3-15",
    ] {
        assert!(date(wrong).is_err(), "{wrong}");
    }
    assert_eq!(
        date("2/30/2027").unwrap_err().message,
        "`2/30/2027` is not a day of the calendar"
    );
    assert_eq!(
        date("15/3/2027").unwrap_err().message,
        "`15/3/2027` is not a date Trellis can read"
    );
}

#[test]
fn grades_lists_and_ranges() {
    let list = |gs: &[&str]| -> Result<Option<Read<'static>>, Problem> {
        Ok(Some(Read::List(gs.iter().map(|g| int(g)).collect())))
    };
    assert_eq!(text(Kind::Grades, "9;10; 11"), list(&["9", "10", "11"]));
    assert_eq!(text(Kind::Grades, "9-12"), list(&["9", "10", "11", "12"]));
    assert_eq!(text(Kind::Grades, "K"), list(&["0"]));
    assert_eq!(message(Kind::Grades, "nine"), "`nine` is not a grade");
    assert_eq!(
        message(Kind::Grades, "12-9"),
        "the grades `12-9` run backwards"
    );
}

#[test]
fn occupations_and_colleges() {
    let read = text(Kind::Occupations, "Nurse | 29-1141 | $80,000; Aide").unwrap();
    let t = |s: &str| -> Read<'static> { Read::Text(s.to_string().into()) };
    assert_eq!(
        read,
        Some(Read::List(vec![
            Read::Table(vec![
                ("title", t("Nurse")),
                ("soc", t("29-1141")),
                ("median_wage", int("80000")),
            ]),
            Read::Table(vec![("title", t("Aide"))]),
        ]))
    );
    assert_eq!(
        message(Kind::Colleges, "| Nursing"),
        "the college `| Nursing` has no name"
    );
}

#[test]
fn choices_and_references_are_text() {
    let kind = Kind::Choice(Choices::Kind);
    assert_eq!(
        text(kind, " internship "),
        Ok(Some(Read::Text("internship".into())))
    );
    let refs = Kind::References(RecordType::Pathway);
    assert_eq!(
        text(refs, "it;health"),
        Ok(Some(Read::List(vec![
            Read::Text("it".into()),
            Read::Text("health".into())
        ])))
    );
}
