//! The comparison of a district's override with the regional page it adapts, paragraph by
//! paragraph, for `/districts/<d>/<t>/compare/<page>/`; and a translation beside its source,
//! block by block, for a stale translation's side-by-side view ([`pairs`]).
//!
//! The alignment is the one a longest-common-subsequence table gives when walked from the
//! start, preferring a shared paragraph, then a district one, then a regional one. It is found
//! without the table: Myers' frontiers of the cost to reach the end (O((n+m)·D) time for D
//! changed paragraphs) are walked from the start, keeping only every √D-th frontier and
//! recomputing the others a block at a time, so memory stays near-linear. D is capped so that
//! a page of tens of thousands of paragraphs cannot make a build (or `serve`) run away.

use std::collections::HashMap;

use serde::Serialize;

/// About how many steps one comparison may take: the cap on changed paragraphs is this over
/// the number of paragraphs, so a page of ten thousand paragraphs may still differ in
/// hundreds while small pages are never capped.
const WORK_LIMIT: usize = 10_000_000;

/// How a block of a comparison differs between the regional and the district page; templates
/// see `same`, `removed` or `added`.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// In both pages.
    Same,
    /// Only in the regional page.
    Removed,
    /// Only in the district's page.
    Added,
}

/// One block of a comparison.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Block {
    /// Whether the block is in both versions, only the regional one or only the district's.
    pub change: Change,
    /// The block's Markdown as written: the text between two blank lines.
    pub text: String,
}

/// What a comparison found.
#[derive(Debug, PartialEq, Eq)]
pub enum Comparison {
    /// The paragraphs of both pages, aligned.
    Paragraphs(Vec<Block>),
    /// More than `limit` paragraphs differ: too many to align within the work cap, so the
    /// page shows both versions whole.
    TooDifferent { limit: usize },
}

/// Compares two Markdown bodies paragraph by paragraph (blocks separated by blank lines).
pub fn compare(regional: &str, district: &str) -> Comparison {
    let (a, b) = (paragraphs(regional), paragraphs(district));
    let (ids_a, ids_b) = intern(&a, &b);
    let limit = edit_limit(a.len(), b.len());
    match edit_script(&ids_a, &ids_b, limit) {
        Some(steps) => Comparison::Paragraphs(blocks(&steps, &a, &b)),
        None => Comparison::TooDifferent { limit },
    }
}

/// One row of a translation's side-by-side view: the source's block and the translation's at
/// the same position; `None` past the end of the shorter page.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The default-language page's block, as written.
    pub source: Option<String>,
    /// The translation's block, as written.
    pub translation: Option<String>,
}

/// Pairs the blocks of a page and of its translation by position (blocks split as
/// [`compare`] splits them). A translation has other words in every block, so aligning by
/// content would pair nothing; a translator keeps the blocks in order.
pub fn pairs(source: &str, translation: &str) -> Vec<Pair> {
    let (a, b) = (paragraphs(source), paragraphs(translation));
    (0..a.len().max(b.len()))
        .map(|i| Pair {
            source: a.get(i).map(|t| t.to_string()),
            translation: b.get(i).map(|t| t.to_string()),
        })
        .collect()
}

/// The most changed paragraphs a comparison of pages of `n` and `m` paragraphs aligns.
pub fn edit_limit(n: usize, m: usize) -> usize {
    WORK_LIMIT / (n + m + 1)
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(|b| b.trim_matches('\n'))
        .filter(|b| !b.trim().is_empty())
        .collect()
}

/// Numbers the paragraphs so that equal paragraphs get equal numbers: the alignment then
/// compares numbers, not texts.
fn intern<'t>(a: &[&'t str], b: &[&'t str]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: HashMap<&'t str, u32> = HashMap::new();
    let mut number = |text: &'t str| -> u32 {
        let next = ids.len() as u32;
        *ids.entry(text).or_insert(next)
    };
    let ids_a = a.iter().map(|&t| number(t)).collect();
    let ids_b = b.iter().map(|&t| number(t)).collect();
    (ids_a, ids_b)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Same,
    Added,
    Removed,
}

fn blocks(steps: &[Step], a: &[&str], b: &[&str]) -> Vec<Block> {
    let (mut i, mut j) = (0, 0);
    let block = |change, text: &str| Block {
        change,
        text: text.to_string(),
    };
    steps
        .iter()
        .map(|step| match step {
            Step::Same => {
                i += 1;
                j += 1;
                block(Change::Same, a[i - 1])
            }
            Step::Added => {
                j += 1;
                block(Change::Added, b[j - 1])
            }
            Step::Removed => {
                i += 1;
                block(Change::Removed, a[i - 1])
            }
        })
        .collect()
}

/// No point of a diagonal is that close to the end.
const NONE: usize = usize::MAX;

/// The edit graph of `a` (rows) against `b` (columns), seen from its end `(n, m)`.
///
/// Point `(i, j)` lies on diagonal `k = j - i`; `cost(i, j)` is the fewest added and removed
/// paragraphs that turn `a[i..]` into `b[j..]`. Along a diagonal the cost never grows towards
/// the end, and its parity is that of `m - n - k`, so the points of diagonal `k` with a cost of
/// at most `d` are those from one row on. Frontier `d` holds that first row for each diagonal
/// `m - n - d, m - n - d + 2, …, m - n + d` (index `t` is diagonal `m - n - d + 2t`).
struct Graph<'a> {
    a: &'a [u32],
    b: &'a [u32],
}

impl Graph<'_> {
    fn delta(&self) -> isize {
        self.b.len() as isize - self.a.len() as isize
    }

    /// Follows equal paragraphs back from row `i` of diagonal `k`.
    fn snake_back(&self, mut i: usize, k: isize) -> usize {
        let mut j = (i as isize + k) as usize;
        while i > 0 && j > 0 && self.a[i - 1] == self.b[j - 1] {
            i -= 1;
            j -= 1;
        }
        i
    }

    fn first_frontier(&self) -> Vec<usize> {
        vec![self.snake_back(self.a.len(), self.delta())]
    }

    /// Frontier `d` from frontier `d - 1`: a point of diagonal `k` costs at most `d` when one
    /// added paragraph leads to diagonal `k + 1`, or one removed paragraph to diagonal `k - 1`,
    /// at a point costing at most `d - 1`; equal paragraphs before it cost nothing.
    fn next_frontier(&self, previous: &[usize], d: usize) -> Vec<usize> {
        let (n, m) = (self.a.len() as isize, self.b.len() as isize);
        (0..=d)
            .map(|t| {
                let k = self.delta() - d as isize + 2 * t as isize;
                if k < -n || k > m {
                    return NONE;
                }
                let mut first = NONE;
                if let Some(&x) = previous.get(t) {
                    if x != NONE && x as isize + k >= 0 {
                        first = x;
                    }
                }
                if let Some(&x) = t.checked_sub(1).and_then(|t| previous.get(t)) {
                    if x != NONE && x >= 1 {
                        first = first.min(x - 1);
                    }
                }
                match first {
                    NONE => NONE,
                    row => self.snake_back(row, k),
                }
            })
            .collect()
    }

    /// Whether the start `(0, 0)` costs at most `d`, by frontier `d`.
    fn reaches_start(&self, frontier: &[usize], d: usize) -> bool {
        self.row_within(frontier, d, 0) == Some(0)
    }

    /// The first row of diagonal `k` costing at most `d`, by frontier `d`.
    fn row_within(&self, frontier: &[usize], d: usize, k: isize) -> Option<usize> {
        let offset = k - (self.delta() - d as isize);
        if offset < 0 || offset % 2 != 0 {
            return None;
        }
        frontier
            .get((offset / 2) as usize)
            .copied()
            .filter(|&row| row != NONE)
    }
}

/// The frontiers `0..=cost`, kept every `stride`-th and recomputed a block at a time as the
/// walk from the start asks for them in decreasing order.
struct Frontiers<'a> {
    graph: &'a Graph<'a>,
    stride: usize,
    checkpoints: Vec<Vec<usize>>,
    block_start: usize,
    block: Vec<Vec<usize>>,
}

impl<'a> Frontiers<'a> {
    /// Computes frontiers until one reaches the start; `None` when that takes more than
    /// `limit` of them.
    fn compute(graph: &'a Graph<'a>, limit: usize) -> Option<(Frontiers<'a>, usize)> {
        let stride = (limit.min(graph.a.len() + graph.b.len()) as f64).sqrt() as usize + 1;
        let mut checkpoints = Vec::new();
        let mut frontier = graph.first_frontier();
        let mut d = 0;
        loop {
            if d % stride == 0 {
                checkpoints.push(frontier.clone());
            }
            if graph.reaches_start(&frontier, d) {
                break;
            }
            if d == limit {
                return None;
            }
            d += 1;
            frontier = graph.next_frontier(&frontier, d);
        }
        let frontiers = Frontiers {
            graph,
            stride,
            checkpoints,
            block_start: NONE,
            block: Vec::new(),
        };
        Some((frontiers, d))
    }

    /// Frontier `d`; cheap when `d` is at most the one asked for last.
    fn get(&mut self, d: usize) -> &[usize] {
        let start = d - d % self.stride;
        if self.block_start != start || self.block.len() <= d - start {
            let mut block = vec![self.checkpoints[d / self.stride].clone()];
            for e in start + 1..=d {
                let next = self.graph.next_frontier(&block[block.len() - 1], e);
                block.push(next);
            }
            self.block = block;
            self.block_start = start;
        }
        &self.block[d - start]
    }
}

/// The alignment of `a` and `b`, walked from the start: a shared paragraph whenever the two
/// agree, otherwise a district paragraph when that still leads to a cheapest alignment, else a
/// regional one. `None` when more than `limit` paragraphs differ.
fn edit_script(a: &[u32], b: &[u32], limit: usize) -> Option<Vec<Step>> {
    let graph = Graph { a, b };
    let (mut frontiers, mut cost) = Frontiers::compute(&graph, limit)?;
    let (n, m) = (a.len(), b.len());
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::with_capacity(n.max(m) + cost);
    while i < n || j < m {
        let step = if i < n && j < m && a[i] == b[j] {
            Step::Same
        } else {
            let k = j as isize - i as isize;
            let frontier = frontiers.get(cost - 1);
            let added_is_cheapest = j < m
                && graph
                    .row_within(frontier, cost - 1, k + 1)
                    .is_some_and(|row| i >= row);
            cost -= 1;
            if added_is_cheapest {
                Step::Added
            } else {
                Step::Removed
            }
        };
        match step {
            Step::Same => (i, j) = (i + 1, j + 1),
            Step::Added => j += 1,
            Step::Removed => i += 1,
        }
        steps.push(step);
    }
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(comparison: &Comparison) -> Vec<(Change, &str)> {
        match comparison {
            Comparison::Paragraphs(blocks) => {
                blocks.iter().map(|b| (b.change, b.text.as_str())).collect()
            }
            Comparison::TooDifferent { .. } => panic!("compared whole: {comparison:?}"),
        }
    }

    #[test]
    fn a_translation_pairs_with_its_source_block_by_block() {
        let pair = |source: Option<&str>, translation: Option<&str>| Pair {
            source: source.map(str::to_string),
            translation: translation.map(str::to_string),
        };
        assert_eq!(
            pairs("## Who\n\nA parent.\n\n\nNew.\n", "## Quién\n\nUn padre.\n"),
            [
                pair(Some("## Who"), Some("## Quién")),
                pair(Some("A parent."), Some("Un padre.")),
                pair(Some("New."), None),
            ]
        );
        assert_eq!(pairs("", "Solo.")[0], pair(None, Some("Solo.")));
    }

    #[test]
    fn comparison_finds_changed_paragraphs() {
        let comparison = compare(
            "One.\n\nTwo.\n\nThree.\n",
            "One.\n\nTwo, locally.\n\nThree.\n\nFour.\n",
        );
        assert_eq!(
            changes(&comparison),
            [
                (Change::Same, "One."),
                (Change::Added, "Two, locally."),
                (Change::Removed, "Two."),
                (Change::Same, "Three."),
                (Change::Added, "Four.")
            ]
        );
    }

    /// The table-based alignment this module replaced, kept as the reference it must match.
    fn quadratic(a: &[u32], b: &[u32]) -> Vec<Step> {
        let mut lengths = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lengths[i][j] = if a[i] == b[j] {
                    lengths[i + 1][j + 1] + 1
                } else {
                    lengths[i + 1][j].max(lengths[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        let mut steps = Vec::new();
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                steps.push(Step::Same);
                (i, j) = (i + 1, j + 1);
            } else if j < b.len() && (i == a.len() || lengths[i][j + 1] >= lengths[i + 1][j]) {
                steps.push(Step::Added);
                j += 1;
            } else {
                steps.push(Step::Removed);
                i += 1;
            }
        }
        steps
    }

    /// A small deterministic generator (xorshift), so the test needs no crate and never
    /// changes between runs.
    struct Random(u64);

    impl Random {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % bound
        }

        fn sequence(&mut self, alphabet: u64, longest: u64) -> Vec<u32> {
            let len = self.below(longest + 1);
            (0..len).map(|_| self.below(alphabet) as u32).collect()
        }
    }

    #[test]
    fn linear_space_alignment_matches_the_table_on_random_pages() {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        for round in 0..20_000 {
            let alphabet = 1 + random.below(5);
            let longest = if round % 10 == 0 { 80 } else { 13 };
            let a = random.sequence(alphabet, longest);
            let b = random.sequence(alphabet, longest);
            let expected = quadratic(&a, &b);
            let cost = expected.iter().filter(|&&s| s != Step::Same).count();
            let limit = random.below(2 * longest + 2) as usize;
            let capped = (cost <= limit).then(|| expected.clone());
            assert_eq!(
                edit_script(&a, &b, limit),
                capped,
                "round {round}: {a:?} / {b:?}"
            );
            assert_eq!(edit_script(&a, &b, usize::MAX), Some(expected));
        }
    }

    #[test]
    fn alignment_of_empty_and_equal_pages() {
        assert_eq!(edit_script(&[], &[], 0), Some(vec![]));
        assert_eq!(edit_script(&[1, 2], &[1, 2], 0), Some(vec![Step::Same; 2]));
        assert_eq!(edit_script(&[], &[1], 1), Some(vec![Step::Added]));
        assert_eq!(edit_script(&[1], &[], 1), Some(vec![Step::Removed]));
    }

    #[test]
    fn alignment_stops_at_the_limit() {
        let (a, b) = ([1, 2, 3], [4, 5, 6]);
        assert_eq!(edit_script(&a, &b, 5), None);
        assert_eq!(edit_script(&a, &b, 6), Some(quadratic(&a, &b)));
    }

    #[test]
    fn long_pages_that_differ_everywhere_are_capped() {
        let a: String = (0..30_000).map(|i| format!("Regional {i}.\n\n")).collect();
        let b: String = (0..30_000).map(|i| format!("District {i}.\n\n")).collect();
        assert_eq!(
            compare(&a, &b),
            Comparison::TooDifferent {
                limit: edit_limit(30_000, 30_000)
            }
        );
    }
}
