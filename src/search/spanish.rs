//! Spanish word rules for the search index: stop words and a stemmer, mirrored by
//! `search.js` (`SPANISH`) and pinned by `tests/search-words.json`.
//!
//! The stemmer is the Snowball Spanish algorithm (regions RV, R1 and R2; step 0 attached
//! pronouns, step 1 standard suffixes, steps 2a and 2b verb suffixes, step 3 residual
//! suffixes) run on a word whose accents are already folded, so that a query typed without
//! accents meets the same stem: "informacion" and "información" both give "inform". Its
//! suffixes are therefore written without accents. An accented suffix whose folded form is
//! a common ending of unaccented words is left out, because keeping it would split words
//! that belong together: `ía ían ías íamos íais ió ís í` (familia, estudio, análisis),
//! `aría arías arían ería erías erían iría irías irían` (secundaria, necesaria) and
//! `aré eré iré erá erán erás irá irán irás` (quiere, primera, mira). Snowball's last step,
//! removing accents, has nothing left to do.

/// Words too common to index, accents folded, sorted (a binary search finds them): the
/// common words of Snowball's Spanish list (articles, pronouns, prepositions, conjunctions
/// and the forms of `ser`, `estar`, `haber` and `tener` that carry no meaning of their own).
pub const STOP_WORDS: &[&str] = &[
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "eran", "eres", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estaba",
    "estamos", "estan", "estar", "estas", "este", "esto", "estos", "estoy", "fue", "fueron", "ha",
    "habia", "han", "has", "hasta", "hay", "he", "hemos", "la", "las", "le", "les", "lo", "los",
    "mas", "me", "mi", "mia", "mias", "mio", "mios", "mis", "mucho", "muchos", "muy", "nada", "ni",
    "no", "nos", "nosotras", "nosotros", "nuestra", "nuestras", "nuestro", "nuestros", "o", "os",
    "otra", "otras", "otro", "otros", "para", "pero", "poco", "por", "porque", "que", "quien",
    "quienes", "se", "sea", "sean", "ser", "si", "sido", "siendo", "sin", "sobre", "sois", "somos",
    "son", "soy", "su", "sus", "suya", "suyas", "suyo", "suyos", "tambien", "tanto", "te",
    "tenemos", "tener", "tengo", "ti", "tiene", "tienen", "tienes", "todo", "todos", "tu", "tus",
    "tuya", "tuyas", "tuyo", "tuyos", "u", "un", "una", "uno", "unos", "vosotras", "vosotros",
    "vuestra", "vuestras", "vuestro", "vuestros", "y", "ya", "yo",
];

/// Whether `word` (lowercase, accents folded) is one of [`STOP_WORDS`].
pub fn is_stop(word: &str) -> bool {
    word.len() <= 8 && STOP_WORDS.binary_search(&word).is_ok()
}

/// Step 0: pronouns attached to an infinitive or gerund ("dándole", "hacerlo").
const PRONOUNS: &[&str] = &[
    "me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos",
];
/// The verb endings a pronoun may be attached to; `yendo` only after a `u`.
const PRONOUN_HOSTS: &[&str] = &["iendo", "ando", "ar", "er", "ir", "yendo"];

/// What step 1 does with a standard suffix it finds.
#[derive(Clone, Copy)]
enum Standard {
    /// Delete it in R2.
    Delete,
    /// Delete it in R2, and a preceding `ic` in R2.
    DeleteIc,
    /// Keep its first `n` letters, in R2 (`logia` → `log`, `ucion` → `u`).
    Keep(usize),
    /// Replace it with `ente`, in R2.
    Ente,
    /// `amente`: delete in R1, then a preceding `iv` (and `at` before it), `os`, `ic` or `ad` in R2.
    Amente,
    /// `mente`: delete in R2, then a preceding `ante`, `able` or `ible` in R2.
    Mente,
    /// `idad`: delete in R2, then a preceding `abil`, `ic` or `iv` in R2.
    Idad,
    /// `iva`, `ivo`: delete in R2, then a preceding `at` in R2.
    Iv,
}

/// Step 1's suffixes, with what is done to each.
const STANDARD: &[(&[&str], Standard)] = &[
    (
        &[
            "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables",
            "ible", "ibles", "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos",
            "imiento", "imientos",
        ],
        Standard::Delete,
    ),
    (
        &[
            "adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia",
            "ancias",
        ],
        Standard::DeleteIc,
    ),
    (&["logia", "logias"], Standard::Keep(3)),
    (&["ucion", "uciones"], Standard::Keep(1)),
    (&["encia", "encias"], Standard::Ente),
    (&["amente"], Standard::Amente),
    (&["mente"], Standard::Mente),
    (&["idad", "idades"], Standard::Idad),
    (&["iva", "ivo", "ivas", "ivos"], Standard::Iv),
];

/// Step 2a: verb suffixes starting with `y`, removed in RV after a `u`.
const Y_VERB: &[&str] = &[
    "ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos",
];

/// Step 2b: verb suffixes removed in RV, with a `u` before them when `gu` precedes.
const VERB_GU: &[&str] = &["en", "es", "eis", "emos"];

/// Step 2b: the other verb suffixes removed in RV.
const VERB: &[&str] = &[
    "arian", "arias", "aran", "aras", "ariais", "areis", "ariamos", "aremos", "ara", "erian",
    "erias", "eriais", "ereis", "eriamos", "eremos", "irian", "irias", "iriais", "ireis",
    "iriamos", "iremos", "aba", "ada", "ida", "iera", "ad", "ed", "id", "ase", "iese", "aste",
    "iste", "an", "aban", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo",
    "ar", "er", "ir", "as", "abas", "adas", "idas", "ieras", "ases", "ieses", "ais", "abais",
    "arais", "ierais", "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "abamos",
    "imos", "aramos", "ieramos", "iesemos", "asemos",
];

/// Step 3: residual suffixes removed in RV (`e` also takes a `u` in RV after a `g`).
const RESIDUAL: &[&str] = &["os", "a", "o", "e"];

/// Where the regions start: RV, R1 and R2, as byte offsets of the word.
struct Regions {
    rv: usize,
    r1: usize,
    r2: usize,
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

impl Regions {
    fn of(w: &[u8]) -> Regions {
        let n = w.len();
        let rv = if n < 2 {
            n
        } else if !is_vowel(w[1]) {
            // After the next vowel.
            (2..n).find(|&i| is_vowel(w[i])).map_or(n, |i| i + 1)
        } else if is_vowel(w[0]) {
            // After the next consonant.
            (2..n).find(|&i| !is_vowel(w[i])).map_or(n, |i| i + 1)
        } else {
            3.min(n)
        };
        let r1 = after_vowel_then_consonant(w, 0);
        let r2 = after_vowel_then_consonant(w, r1);
        Regions { rv, r1, r2 }
    }
}

/// The offset after the first consonant that follows a vowel, looking from `from`.
fn after_vowel_then_consonant(w: &[u8], from: usize) -> usize {
    let n = w.len();
    let Some(vowel) = (from..n).find(|&i| is_vowel(w[i])) else {
        return n;
    };
    (vowel + 1..n)
        .find(|&i| !is_vowel(w[i]))
        .map_or(n, |i| i + 1)
}

/// The longest of `suffixes` that `w` ends with and that starts at `from` or later.
fn longest<'a>(w: &str, suffixes: &[&'a str], from: usize) -> Option<&'a str> {
    suffixes
        .iter()
        .filter(|s| w.len() >= from + s.len() && w.ends_with(**s))
        .max_by_key(|s| s.len())
        .copied()
}

/// Removes `suffix` from the end of `w` when it starts at `from` or later.
fn remove_in(w: &mut String, suffix: &str, from: usize) -> bool {
    if w.ends_with(suffix) && w.len() >= from + suffix.len() {
        w.truncate(w.len() - suffix.len());
        true
    } else {
        false
    }
}

/// Stems a Spanish word (lowercase ASCII letters, accents folded) in place.
pub fn stem_in_place(w: &mut String) {
    if w.len() < 2 {
        return;
    }
    let regions = Regions::of(w.as_bytes());
    attached_pronoun(w, &regions);
    let _ = standard_suffix(w, &regions) || y_verb_suffix(w, &regions) || verb_suffix(w, &regions);
    residual_suffix(w, &regions);
}

/// Step 0: deletes a pronoun attached to a verb ending that starts in RV.
fn attached_pronoun(w: &mut String, r: &Regions) {
    let Some(pronoun) = longest(w, PRONOUNS, 0) else {
        return;
    };
    let host = &w[..w.len() - pronoun.len()];
    let Some(ending) = longest(host, PRONOUN_HOSTS, 0) else {
        return;
    };
    let start = host.len() - ending.len();
    if start < r.rv || (ending == "yendo" && !host[..start].ends_with('u')) {
        return;
    }
    w.truncate(host.len());
}

/// Step 1: the longest standard suffix, treated as its group says; whether one was removed.
fn standard_suffix(w: &mut String, r: &Regions) -> bool {
    let Some((suffix, action)) = STANDARD
        .iter()
        .flat_map(|(list, action)| list.iter().map(move |s| (*s, *action)))
        .filter(|(s, _)| w.ends_with(s))
        .max_by_key(|(s, _)| s.len())
    else {
        return false;
    };
    let start = w.len() - suffix.len();
    if start
        < if matches!(action, Standard::Amente) {
            r.r1
        } else {
            r.r2
        }
    {
        return false;
    }
    w.truncate(start);
    match action {
        Standard::Delete => {}
        Standard::DeleteIc => {
            remove_in(w, "ic", r.r2);
        }
        Standard::Keep(n) => w.push_str(&suffix[..n]),
        Standard::Ente => w.push_str("ente"),
        Standard::Amente => {
            if let Some(before) = longest(w, &["iv", "os", "ic", "ad"], r.r2) {
                w.truncate(w.len() - before.len());
                if before == "iv" {
                    remove_in(w, "at", r.r2);
                }
            }
        }
        Standard::Mente => {
            if let Some(before) = longest(w, &["ante", "able", "ible"], r.r2) {
                w.truncate(w.len() - before.len());
            }
        }
        Standard::Idad => {
            if let Some(before) = longest(w, &["abil", "ic", "iv"], r.r2) {
                w.truncate(w.len() - before.len());
            }
        }
        Standard::Iv => {
            remove_in(w, "at", r.r2);
        }
    }
    true
}

/// Step 2a: a verb suffix starting with `y`, in RV, after a `u`; whether one was removed.
fn y_verb_suffix(w: &mut String, r: &Regions) -> bool {
    match longest(w, Y_VERB, r.rv) {
        Some(suffix) if w[..w.len() - suffix.len()].ends_with('u') => {
            w.truncate(w.len() - suffix.len());
            true
        }
        _ => false,
    }
}

/// Step 2b: the longest other verb suffix in RV; whether one was removed.
fn verb_suffix(w: &mut String, r: &Regions) -> bool {
    let gu = longest(w, VERB_GU, r.rv);
    let other = longest(w, VERB, r.rv);
    match (gu, other) {
        (Some(gu), other) if other.is_none_or(|o| o.len() < gu.len()) => {
            w.truncate(w.len() - gu.len());
            if w.ends_with("gu") {
                w.pop();
            }
            true
        }
        (_, Some(other)) => {
            w.truncate(w.len() - other.len());
            true
        }
        _ => false,
    }
}

/// Step 3: a residual vowel (or `os`) in RV, and the `u` of a final `gue` in RV.
fn residual_suffix(w: &mut String, r: &Regions) {
    let Some(suffix) = longest(w, RESIDUAL, 0) else {
        return;
    };
    if remove_in(w, suffix, r.rv) && suffix == "e" && w.ends_with("gu") && w.len() > r.rv {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let mut w = word.to_string();
        stem_in_place(&mut w);
        w
    }

    #[test]
    fn stop_words_are_sorted_folded_and_unique() {
        assert!(STOP_WORDS.windows(2).all(|p| p[0] < p[1]), "sorted, unique");
        assert!(STOP_WORDS
            .iter()
            .all(|w| w.len() <= 8 && w.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(is_stop("de") && is_stop("nosotros") && !is_stop("familia"));
    }

    #[test]
    fn regions_follow_the_snowball_definitions() {
        // Snowball's own examples: "macho" (RV "ho"), "oliva" ("va"), "trabajo" ("bajo"),
        // "áureo" ("eo"); R1 and R2 of "beautiful" are "iful" and "ul".
        for (word, rv) in [("macho", 3), ("oliva", 3), ("trabajo", 3), ("aureo", 3)] {
            assert_eq!(Regions::of(word.as_bytes()).rv, rv, "{word}");
        }
        let r = Regions::of(b"beautiful");
        assert_eq!((r.r1, r.r2), (5, 7));
    }

    #[test]
    fn each_step_removes_what_snowball_removes() {
        for (word, expected) in [
            // Step 0: pronouns after an infinitive or a gerund.
            ("hacerlo", "hac"),
            ("explicandole", "explic"),
            ("construyendola", "constru"),
            // Step 1.
            ("metodologias", "metodolog"),
            ("contribuciones", "contribu"),
            ("experiencia", "experient"),
            ("rapidamente", "rapid"),
            ("felizmente", "feliz"),
            ("posibilidades", "posibil"),
            ("administrativo", "administr"),
            ("evaluacion", "evalu"),
            // Step 2a.
            ("contribuyeron", "contribu"),
            // Step 2b, with the `u` of `gu`.
            ("sigues", "sig"),
            ("trabajaban", "trabaj"),
            ("aprendieron", "aprend"),
            // Step 3.
            ("ninos", "nin"),
            ("averigue", "averig"),
        ] {
            assert_eq!(stem(word), expected, "stem({word})");
        }
    }
}
