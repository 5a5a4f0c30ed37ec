//! Words for the search index, by language: the same rules run in the browser
//! (`search.js`), so a query finds what the index holds. Keep the two in step;
//! `tests/search-words.json` pins both.
//!
//! Every language splits text into the same [`words`] (lowercase letters and digits, accents
//! folded, so "niños" and "ninos" are one word); its [`Rules`] then drop its stop words and
//! stem what is left.

use crate::slug::fold_accent;

use super::{english, spanish};

/// The word rules of one language's index: which words are dropped and how the rest are
/// stemmed. Chosen by language code with [`Rules::for_language`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// English (`en`): English stop words and a light stemmer.
    English,
    /// Spanish (`es`): Spanish stop words and the Snowball Spanish stemmer.
    Spanish,
    /// Any other language: words folded and lowercased, no stop words, no stemming.
    Other,
}

impl Rules {
    /// The rules for a language code such as `en`, `es` or `es-MX`: only its primary subtag
    /// counts, in any case. A language with no rules of its own gets [`Rules::Other`].
    pub fn for_language(code: &str) -> Rules {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Rules::English
        } else if primary.eq_ignore_ascii_case("es") {
            Rules::Spanish
        } else {
            Rules::Other
        }
    }

    /// Whether `word` (as [`words`] gives it) is too common to index.
    pub fn is_stop(self, word: &str) -> bool {
        match self {
            Rules::English => english::is_stop(word),
            Rules::Spanish => spanish::is_stop(word),
            Rules::Other => false,
        }
    }

    /// The stem of `word` (as [`words`] gives it): the index term it becomes. A word with a
    /// digit is kept whole.
    pub fn stem(self, word: &str) -> String {
        let mut w = word.to_string();
        self.stem_in_place(&mut w);
        w
    }

    /// [`Rules::stem`] on a word in place.
    fn stem_in_place(self, w: &mut String) {
        if w.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        match self {
            Rules::English => english::stem_in_place(w),
            Rules::Spanish => SPANISH_STEMS.with(|stems| remembered(&mut stems.borrow_mut(), w)),
            Rules::Other => {}
        }
    }

    /// Whether `word` becomes a term: longer than one letter and not a stop word.
    fn keeps(self, word: &str) -> bool {
        word.len() > 1 && !self.is_stop(word)
    }

    /// Puts in `term` the index term `word` (as [`words`] gives it) becomes, returning
    /// false for a word that is not indexed (one letter, or a stop word).
    pub(super) fn term_into(self, word: &str, term: &mut String) -> bool {
        term.clear();
        if !self.keeps(word) {
            return false;
        }
        term.push_str(word);
        self.stem_in_place(term);
        true
    }

    /// The index terms of `text`: its words without one-letter and stop words, stemmed.
    pub fn terms(self, text: &str) -> impl Iterator<Item = String> + '_ {
        words(text)
            .filter(move |w| self.keeps(w))
            .map(move |w| self.stem(&w))
    }

    /// Calls `f` with each index term of `text`, as [`Rules::terms`] would give them,
    /// reusing one buffer.
    pub fn for_each_term(self, text: &str, mut f: impl FnMut(&str)) {
        let mut term = String::with_capacity(32);
        for_each_word(text, |word| {
            if self.term_into(word, &mut term) {
                f(&term);
            }
        });
    }
}

/// [`KIND`]: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`KIND`]: an ASCII capital letter.
const UPPER: u8 = 2;

/// Each byte's kind, a table being quicker to read than the comparisons that would tell.
static KIND: [u8; 256] = {
    let mut kind = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            kind[b] = ALNUM;
        }
        if byte.is_ascii_uppercase() {
            kind[b] |= UPPER;
        }
        b += 1;
    }
    kind
};

/// Calls `f` with each of the [`words`] of `text`, reusing one buffer: the index builder's
/// hot path, which reads runs of ASCII letters and digits a run at a time.
pub(super) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::with_capacity(32);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if KIND[usize::from(bytes[i])] & ALNUM != 0 {
            let start = i;
            let mut kinds = 0;
            while let Some(kind) = bytes.get(i).map(|b| KIND[usize::from(*b)]) {
                if kind & ALNUM == 0 {
                    break;
                }
                kinds |= kind;
                i += 1;
            }
            let run = &text[start..i];
            if kinds & UPPER == 0 && word.is_empty() && bytes.get(i).is_none_or(u8::is_ascii) {
                // A whole word in lowercase ASCII, the most common: given as it is.
                f(run);
            } else {
                word.push_str(run);
                word.make_ascii_lowercase();
            }
            continue;
        }
        let c = text[i..].chars().next().expect("i is at a character");
        i += c.len_utf8();
        if !c.is_ascii() && c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let folded = fold_accent(lower);
                if folded.is_ascii_alphanumeric() {
                    word.push(folded);
                }
            }
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

thread_local! {
    /// Each thread's Spanish stems of the words it has seen: Spanish stemming tries many
    /// suffixes in turn, and a site repeats the same few thousand words, so the index
    /// builder's threads stem each word once.
    static SPANISH_STEMS: std::cell::RefCell<super::words::FastMap<String>> = Default::default();
}

/// How many words a thread keeps the Spanish stem of: a language's working vocabulary,
/// bounded so that text of random letters cannot grow it without limit.
const STEMS_KEPT: usize = 1 << 16;

/// Stems `w` in place with the Spanish rules, taking the stem from `stems` when the word
/// was seen before and keeping it there otherwise.
fn remembered(stems: &mut super::words::FastMap<String>, w: &mut String) {
    if let Some(stem) = stems.get(w.as_str()) {
        w.clear();
        w.push_str(stem);
        return;
    }
    let word = w.clone();
    spanish::stem_in_place(w);
    if stems.len() < STEMS_KEPT {
        stems.insert(word, w.clone());
    }
}

/// Lowercase words of `text`: letters and digits, common accents folded, other letters
/// dropped. The same in every language.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(value: &serde_json::Value) -> Vec<&str> {
        value
            .as_array()
            .expect("a list")
            .iter()
            .map(|t| t.as_str().expect("a string"))
            .collect()
    }

    /// The cases `search.js` is checked against too.
    #[test]
    fn words_and_stems_match_the_shared_cases() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/search-words.json"))
                .expect("the shared cases parse");
        for case in cases["rules"].as_array().expect("rules") {
            let [code, name] = strings(case)[..] else {
                panic!("a rules case is [code, rules]: {case}")
            };
            let expected = match name {
                "en" => Rules::English,
                "es" => Rules::Spanish,
                _ => Rules::Other,
            };
            assert_eq!(Rules::for_language(code), expected, "for_language({code})");
        }
        let languages = cases["languages"].as_object().expect("languages");
        assert_eq!(
            languages.len(),
            3,
            "one set of cases for each kind of rules"
        );
        for (code, cases) in languages {
            let rules = Rules::for_language(code);
            for case in cases["stems"].as_array().expect("stems") {
                let [word, expected] = strings(case)[..] else {
                    panic!("a stem case is [word, stem]: {case}")
                };
                assert_eq!(rules.stem(word), expected, "{code}: stem({word})");
            }
            for case in cases["terms"].as_array().expect("terms") {
                let text = case[0].as_str().expect("a text");
                let expected = strings(&case[1]);
                let terms: Vec<String> = rules.terms(text).collect();
                assert_eq!(terms, expected, "{code}: terms({text})");
                let mut streamed = Vec::new();
                rules.for_each_term(text, |t| streamed.push(t.to_string()));
                assert_eq!(streamed, expected, "{code}: for_each_term({text})");
            }
        }
    }

    #[test]
    fn words_are_the_same_read_a_run_at_a_time() {
        for text in [
            "",
            "Niños y NIÑAS—¿qué? Ça va, Œuvre 42nd",
            "  àb-ÇD_ef,gh\u{2019}ij  KL mn\u{301}o ǅemal ß Ǆ x",
            "end with accent é",
            "—",
        ] {
            let mut streamed = Vec::new();
            for_each_word(text, |w| streamed.push(w.to_string()));
            assert_eq!(streamed, words(text).collect::<Vec<_>>(), "{text}");
        }
    }
}
