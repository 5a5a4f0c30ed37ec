//! Small-cell suppression: which participation counts may be published. A count from 1 to
//! [`SMALL_CELL`] is shown as "fewer than 11"; then, so that no such count can be worked
//! out by subtraction, more counts are hidden until every sum the tables show (a region's
//! count is the sum of its districts'; `all` is the sum of the groups of each set that
//! covers every student, race and ethnicity or gender) has none or at least two hidden parts.

use std::collections::BTreeMap;

use super::Participation;
use crate::vocabulary::{Group, Stage};

/// The largest count that is not published (counts under 11 are "fewer than 11").
pub const SMALL_CELL: u32 = 10;

/// How a count is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The count itself (0, or more than [`SMALL_CELL`]).
    Count(u32),
    /// A count from 1 to [`SMALL_CELL`]: "fewer than 11".
    Small,
    /// Hidden so that a small count cannot be worked out from the totals.
    Hidden,
    /// The file gives no count.
    Missing,
}

/// Where counts are for: the whole region (the sum of its districts) or one district.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// Every district in the file, added up.
    Region,
    /// One district, by id.
    District(String),
}

/// The counts as they may be published: for the region, then each district, each group
/// (in [`Group::ALL`] order) with its counts by stage.
pub type Published = BTreeMap<Area, BTreeMap<Group, [Shown; 4]>>;

/// One count of the tables: its place, and its value if the file gives one.
struct Cell {
    area: Area,
    group: Group,
    stage: usize,
    value: Option<u32>,
}

/// Why a cell is not published.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Shown,
    Small,
    Hidden,
}

/// `participation` as it may be published.
pub fn publish(participation: &Participation) -> Published {
    let cells = cells(participation);
    let index: BTreeMap<(&Area, Group, usize), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((&c.area, c.group, c.stage), i))
        .collect();
    let sums = sums(participation, &cells, &index);
    let mut marks: Vec<Mark> = cells
        .iter()
        .map(|c| match c.value {
            Some(n) if (1..=SMALL_CELL).contains(&n) => Mark::Small,
            _ => Mark::Shown,
        })
        .collect();
    complement(&cells, &sums, &mut marks);
    let mut out = Published::new();
    for (cell, mark) in cells.iter().zip(marks) {
        let shown = match (cell.value, mark) {
            (None, _) => Shown::Missing,
            (Some(_), Mark::Small) => Shown::Small,
            (Some(_), Mark::Hidden) => Shown::Hidden,
            (Some(n), Mark::Shown) => Shown::Count(n),
        };
        out.entry(cell.area.clone())
            .or_default()
            .entry(cell.group)
            .or_insert([Shown::Missing; 4])[cell.stage] = shown;
    }
    out
}

/// Every count: each district's as given, and the region's, the sum of the districts'
/// (missing where no district gives one).
fn cells(participation: &Participation) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut region: BTreeMap<(Group, usize), u32> = BTreeMap::new();
    for (id, groups) in &participation.districts {
        for (&group, counts) in groups {
            for (stage, &value) in counts.iter().enumerate() {
                if let Some(n) = value {
                    *region.entry((group, stage)).or_default() += n;
                }
                cells.push(Cell {
                    area: Area::District(id.clone()),
                    group,
                    stage,
                    value,
                });
            }
        }
    }
    let groups: std::collections::BTreeSet<Group> = participation
        .districts
        .values()
        .flat_map(|g| g.keys().copied())
        .collect();
    for group in groups {
        for stage in 0..Stage::ALL.len() {
            cells.push(Cell {
                area: Area::Region,
                group,
                stage,
                value: region.get(&(group, stage)).copied(),
            });
        }
    }
    cells
}

/// Every sum the published tables let a reader form: a total and its parts (cell indexes).
fn sums(
    participation: &Participation,
    cells: &[Cell],
    index: &BTreeMap<(&Area, Group, usize), usize>,
) -> Vec<(usize, Vec<usize>)> {
    let mut sums = Vec::new();
    let areas: Vec<Area> = std::iter::once(Area::Region)
        .chain(participation.districts.keys().cloned().map(Area::District))
        .collect();
    for stage in 0..Stage::ALL.len() {
        for area in &areas {
            let Some(&total) = index.get(&(area, Group::All, stage)) else {
                continue;
            };
            for partition in Group::PARTITIONS {
                let parts: Vec<usize> = partition
                    .iter()
                    .filter_map(|&g| index.get(&(area, g, stage)).copied())
                    .collect();
                if !parts.is_empty() {
                    sums.push((total, parts));
                }
            }
        }
        for &group in Group::ALL {
            let Some(&total) = index.get(&(&Area::Region, group, stage)) else {
                continue;
            };
            let parts: Vec<usize> = areas[1..]
                .iter()
                .filter_map(|a| index.get(&(a, group, stage)).copied())
                .collect();
            sums.push((total, parts));
        }
    }
    sums.retain(|(total, parts)| {
        cells[*total].value.is_some() && parts.iter().any(|&p| cells[p].value.is_some())
    });
    sums
}

/// Hides more counts until no sum has exactly one unpublished count among its total and
/// parts: the smallest shown part of such a sum is hidden (the total if no part is shown).
fn complement(cells: &[Cell], sums: &[(usize, Vec<usize>)], marks: &mut [Mark]) {
    let unpublished = |m: Mark| m != Mark::Shown;
    loop {
        let mut changed = false;
        for (total, parts) in sums {
            let members = std::iter::once(total)
                .chain(parts)
                .filter(|&&i| cells[i].value.is_some());
            if members.clone().filter(|&&i| unpublished(marks[i])).count() != 1 {
                continue;
            }
            let candidate = parts
                .iter()
                .filter(|&&i| cells[i].value.is_some() && !unpublished(marks[i]))
                .min_by_key(|&&i| (cells[i].value == Some(0), cells[i].value, i))
                .or_else(|| members.clone().find(|&&i| !unpublished(marks[i])));
            if let Some(&i) = candidate {
                marks[i] = Mark::Hidden;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}
