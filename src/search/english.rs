//! English word rules for the search index: stop words and a light stemmer, mirrored by
//! `search.js` (`ENGLISH`) and pinned by `tests/search-words.json`.

/// Words too common to index.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "they", "this", "to",
    "was", "were", "will", "with", "you", "your",
];

/// Whether `word` is one of [`STOP_WORDS`].
pub fn is_stop(word: &str) -> bool {
    word.len() <= 5 && STOP_WORDS.contains(&word)
}

/// A light English stemmer, in place: plurals, -ing, -ed, a final -e and a doubled final
/// consonant, so that "nurse", "nurses" and "nursing" meet at "nurs", and "planning" at
/// "plan".
pub fn stem_in_place(w: &mut String) {
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
