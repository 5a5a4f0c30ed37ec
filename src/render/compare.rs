//! The comparison of a district's override with the regional page it adapts, paragraph by
//! paragraph, for `/districts/<d>/<t>/compare/<page>/`.

use serde::Serialize;

/// One block of a comparison: `same`, `removed` (regional only) or `added` (district only).
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Block {
    pub change: &'static str,
    pub text: String,
}

/// Compares two Markdown bodies paragraph by paragraph (blocks separated by blank lines),
/// by longest common subsequence.
pub fn compare(regional: &str, district: &str) -> Vec<Block> {
    let split = |text: &str| -> Vec<String> {
        text.split("\n\n")
            .map(|b| b.trim_matches('\n').to_string())
            .filter(|b| !b.trim().is_empty())
            .collect()
    };
    let (a, b) = (split(regional), split(district));
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
    let mut blocks = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            blocks.push(Block {
                change: "same",
                text: a[i].clone(),
            });
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lengths[i][j + 1] >= lengths[i + 1][j]) {
            blocks.push(Block {
                change: "added",
                text: b[j].clone(),
            });
            j += 1;
        } else {
            blocks.push(Block {
                change: "removed",
                text: a[i].clone(),
            });
            i += 1;
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_finds_changed_paragraphs() {
        let blocks = compare(
            "One.\n\nTwo.\n\nThree.\n",
            "One.\n\nTwo, locally.\n\nThree.\n\nFour.\n",
        );
        let changes: Vec<(&str, &str)> =
            blocks.iter().map(|b| (b.change, b.text.as_str())).collect();
        assert_eq!(
            changes,
            [
                ("same", "One."),
                ("added", "Two, locally."),
                ("removed", "Two."),
                ("same", "Three."),
                ("added", "Four.")
            ]
        );
    }
}
