//! Words for the search index: the same rules run in the browser (`search.js`), so a query
//! finds what the index holds. Keep the two in step; `tests/search-words.json` pins both.

use crate::slug::fold_accent;

/// Words too common to index.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "they", "this", "to",
    "was", "were", "will", "with", "you", "your",
];

/// Whether `word` is one of [`STOP_WORDS`].
fn is_stop(word: &str) -> bool {
    word.len() <= 5 && STOP_WORDS.contains(&word)
}

/// Lowercase words of `text`: letters and digits, common accents folded.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .flat_map(char::to_lowercase)
                .map(fold_accent)
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
}

/// The index terms of `text`: its words without stop words, stemmed.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text)
        .filter(|w| w.len() > 1 && !is_stop(w))
        .map(|w| stem(&w))
}

/// Calls `f` with each index term of `text`, as [`terms`] would give them, reusing one buffer:
/// the index builder's hot path.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::with_capacity(32);
    let mut emit = |word: &mut String| {
        if word.len() > 1 && !is_stop(word) {
            stem_in_place(word);
            f(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without Unicode tables.
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !word.is_empty() {
                emit(&mut word);
            }
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let folded = fold_accent(lower);
                if folded.is_ascii_alphanumeric() {
                    word.push(folded);
                }
            }
        } else if !word.is_empty() {
            emit(&mut word);
        }
    }
    if !word.is_empty() {
        emit(&mut word);
    }
}

/// A light English stemmer: plurals, -ing, -ed, a final -e and a doubled final consonant,
/// so that "nurse", "nurses" and "nursing" meet at "nurs", and "planning" at "plan".
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    stem_in_place(&mut w);
    w
}

/// [`stem`] on a word in place.
fn stem_in_place(w: &mut String) {
    if w.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(w.len() - 1);
    }
    if w.len() > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
        undouble(w);
    } else if w.len() > 4 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
        undouble(w);
    }
    if w.len() > 4 && w.ends_with('e') {
        w.truncate(w.len() - 1);
    }
}

fn undouble(w: &mut String) {
    let bytes = w.as_bytes();
    let n = bytes.len();
    if n >= 2 && bytes[n - 1] == bytes[n - 2] && !b"aeioulsz".contains(&bytes[n - 1]) {
        w.truncate(n - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases `search.js` is checked against too.
    #[test]
    fn words_and_stems_match_the_shared_cases() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/search-words.json"))
                .expect("the shared cases parse");
        for case in cases["stems"].as_array().unwrap() {
            let (word, expected) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
            assert_eq!(stem(word), expected, "stem({word})");
        }
        for case in cases["terms"].as_array().unwrap() {
            let text = case[0].as_str().unwrap();
            let expected: Vec<&str> = case[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            assert_eq!(terms(text).collect::<Vec<_>>(), expected, "terms({text})");
            let mut streamed = Vec::new();
            for_each_term(text, |t| streamed.push(t.to_string()));
            assert_eq!(streamed, expected, "for_each_term({text})");
        }
    }
}
