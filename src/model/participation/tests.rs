use std::path::PathBuf;

use super::*;
use crate::load::SourceFile;

fn read_text(text: &str) -> (Participation, Vec<String>) {
    let file = SourceFile::from_text(PathBuf::from(PARTICIPATION_FILE), text.to_string());
    let mut problems = Vec::new();
    let p = read(&file, &["north", "south"], &mut problems);
    crate::diagnostics::sort(&mut problems);
    let shown = problems
        .iter()
        .map(|d| {
            let at = d.position.unwrap_or_default();
            format!("{}:{}: {}", at.line, at.col, d.message)
        })
        .collect();
    (p, shown)
}

fn shown(p: &Published, area: Area, group: Group) -> [Shown; 4] {
    p[&area][&group]
}

#[test]
fn small_counts_are_fewer_than_11_and_a_lone_one_is_hidden_with_a_partner() {
    // North: 40 students at awareness, 6 of them female, so "male" (34) would give it away.
    let (p, problems) = read_text(
        "[districts.north.all]\nawareness = 40\n\n[districts.north.female]\nawareness = 6\n\n\
         [districts.north.male]\nawareness = 34\n\n[districts.south.all]\nawareness = 50\n\n\
         [districts.south.female]\nawareness = 25\n\n[districts.south.male]\nawareness = 25\n",
    );
    assert_eq!(problems, Vec::<String>::new());
    let published = publish(&p);
    let north = |g| shown(&published, Area::District("north".into()), g)[0];
    let south = |g| shown(&published, Area::District("south".into()), g)[0];
    let region = |g| shown(&published, Area::Region, g)[0];
    assert_eq!(north(Group::Female), Shown::Small);
    assert_eq!(north(Group::Male), Shown::Hidden);
    assert_eq!(north(Group::All), Shown::Count(40));
    // The region's female count (31) minus south's (25) would give north's 6 away, so one
    // more count in that sum is hidden: south's, and then the region's male count too,
    // since south's male count is now the only hidden part of south's sum.
    assert_eq!(region(Group::Female), Shown::Count(31));
    assert_eq!(south(Group::Female), Shown::Hidden);
    assert_eq!(south(Group::Male), Shown::Hidden);
    // Every sum has none, or at least two, unpublished counts.
    for area in [
        Area::Region,
        Area::District("north".into()),
        Area::District("south".into()),
    ] {
        let parts = [Group::Female, Group::Male]
            .map(|g| shown(&published, area.clone(), g)[0])
            .iter()
            .chain([shown(&published, area.clone(), Group::All)[0]].iter())
            .filter(|s| matches!(s, Shown::Small | Shown::Hidden))
            .count();
        assert_ne!(parts, 1, "{area:?}");
    }
    for g in [Group::All, Group::Female, Group::Male] {
        let column = [region(g), north(g), south(g)];
        let hidden = column
            .iter()
            .filter(|s| matches!(s, Shown::Small | Shown::Hidden))
            .count();
        assert_ne!(hidden, 1, "{g:?}: {column:?}");
    }
}

#[test]
fn zero_and_counts_over_10_are_shown() {
    let (p, _) =
        read_text("[districts.north.all]\nawareness = 0\nexploration = 11\ntraining = 10\n");
    let published = publish(&p);
    assert_eq!(
        shown(&published, Area::District("north".into()), Group::All),
        [
            Shown::Count(0),
            Shown::Count(11),
            Shown::Missing,
            Shown::Small
        ]
    );
}

#[test]
fn student_level_records_are_refused_where_they_are() {
    let (_, problems) = read_text(
        "period = \"2025-26\"\n\n[[students]]\nname = \"Ana\"\n\n[districts.north.all]\nawareness = 4\n\n\
         [districts.north.student_id]\nawareness = 1\n[districts.nort.all]\ntraining = \"many\"\n",
    );
    assert_eq!(
        problems,
        [
            "3:1: `students` is a list of records: participation data must be counts only",
            "9:18: `student_id` looks like a student-level record: participation data must be counts only",
            "11:12: no district `nort` (a folder under content/districts/)",
            "12:12: the count for `training` must be a whole number of students",
        ]
    );
}
