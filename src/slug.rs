//! Slugs: the URL-safe names that ids, file names and heading anchors become.

/// Turns text into a slug: lowercase ASCII letters and digits, words joined by `-`.
/// Letters with accents keep their base letter where it is plain ASCII after lowercasing;
/// other characters are dropped. Used for heading ids, so its rule is documented in the README.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    out
}

/// The longest id a record may have, in characters. Longer ones are refused: they make
/// poor URLs, and comparing them for "did you mean" would cost more than it is worth.
pub const MAX_ID_CHARS: usize = 100;

/// Whether `s` is already a slug: `[a-z0-9]` words joined by single `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Splits a numeric ordering prefix off a file stem: 1 to 19 digits followed by `-`, `_`,
/// `.` or a space. `02-before-day-one` gives `(Some(2), "before-day-one")`, `03_Insurance`
/// gives `(Some(3), "Insurance")` and `3. Insurance` gives `(Some(3), " Insurance")`; what is
/// left may be empty (`03_`).
pub fn split_prefix(stem: &str) -> (Option<u64>, &str) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    let separated = matches!(stem.as_bytes().get(digits), Some(b'-' | b'_' | b'.' | b' '));
    if digits > 0 && digits < 20 && separated {
        (stem[..digits].parse().ok(), &stem[digits + 1..])
    } else {
        (None, stem)
    }
}

/// The URL segment a file or folder name (without `.md`) makes: its numeric prefix dropped,
/// then lowercased, accents and ligatures folded (`ñ` → `n`, `ß` → `ss`), spaces and `_`
/// turned into `-`, every other character dropped, repeated `-` collapsed and trimmed.
/// `Employer Guide` gives `employer-guide`, `03_Insurance` gives `insurance`. Empty when no
/// letter or digit is left (`!!!`, `03_`).
pub fn segment(name: &str) -> String {
    segment_keeping_prefix(split_prefix(name).1)
}

/// Like [`segment`], but a leading number stays part of the name (standalone pages, which
/// have no order among siblings, never dropped one): `2027 Calendar` gives `2027-calendar`.
pub fn segment_keeping_prefix(name: &str) -> String {
    let mut unfolded = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => unfolded.push_str("ss"),
            'æ' => unfolded.push_str("ae"),
            'œ' => unfolded.push_str("oe"),
            'þ' => unfolded.push_str("th"),
            'ø' => unfolded.push('o'),
            'đ' | 'ð' => unfolded.push('d'),
            'ł' => unfolded.push('l'),
            'ý' | 'ÿ' => unfolded.push('y'),
            'š' => unfolded.push('s'),
            'ž' => unfolded.push('z'),
            'č' | 'ć' => unfolded.push('c'),
            c => unfolded.push(c),
        }
    }
    slugify(&unfolded)
}

/// A file or folder name (without `.md`) in words, for a page that has no title of its own:
/// its numeric prefix dropped, `_` and `-` read as spaces, the first letter capitalised.
/// `03_Insurance` gives `Insurance`, `for_developers` gives `For developers`.
pub fn name_in_words(name: &str) -> String {
    let words: Vec<&str> = split_prefix(name)
        .1
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.trim().to_string(),
    }
}

/// The base letter of a common accented Latin letter (`é` → `e`); other characters as they are.
pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_follows_the_documented_rule() {
        assert_eq!(
            slugify("Before the student's first day"),
            "before-the-students-first-day"
        );
        assert_eq!(
            slugify("Hours for 14- and 15-year-olds"),
            "hours-for-14-and-15-year-olds"
        );
        assert_eq!(
            slugify("  Q&A: pay, credit -- and more! "),
            "qa-pay-credit-and-more"
        );
        assert_eq!(slugify("Año escolar"), "ano-escolar");
        assert_eq!(slugify("snake_case"), "snake-case");
        assert_eq!(slugify("¿?"), "");
    }

    #[test]
    fn slugs_are_recognised() {
        assert!(is_slug("job-shadow"));
        assert!(is_slug("a1"));
        assert!(!is_slug("Job-shadow"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
    }

    #[test]
    fn numeric_prefixes_split() {
        assert_eq!(split_prefix("02-before"), (Some(2), "before"));
        assert_eq!(split_prefix("03_Insurance"), (Some(3), "Insurance"));
        assert_eq!(split_prefix("3. Insurance"), (Some(3), " Insurance"));
        assert_eq!(split_prefix("7 steps"), (Some(7), "steps"));
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert_eq!(split_prefix("10-"), (Some(10), ""));
        assert_eq!(split_prefix("intro"), (None, "intro"));
        assert_eq!(split_prefix("v2-intro"), (None, "v2-intro"));
    }

    #[test]
    fn names_make_segments() {
        assert_eq!(segment("Employer Guide"), "employer-guide");
        assert_eq!(segment("Guía para familias"), "guia-para-familias");
        assert_eq!(segment("for_developers"), "for-developers");
        assert_eq!(segment("03_Insurance"), "insurance");
        assert_eq!(segment("3. Insurance"), "insurance");
        assert_eq!(segment("02-why"), "why");
        assert_eq!(segment("Straße & Æsir—Œuvre"), "strasse-aesiroeuvre");
        assert_eq!(segment("Søren_Ñandú Ça va"), "soren-nandu-ca-va");
        assert_eq!(segment("  --a__b  c-- "), "a-b-c");
        assert_eq!(segment("Q&A (2026)"), "qa-2026");
        assert_eq!(segment("already-a-slug"), "already-a-slug");
        assert_eq!(segment("2024"), "2024");
        assert_eq!(segment("!!!"), "");
        assert_eq!(segment("03_"), "");
        assert_eq!(segment_keeping_prefix("2027 Calendar"), "2027-calendar");
        assert_eq!(segment_keeping_prefix("01-about"), "01-about");
    }

    #[test]
    fn names_read_as_words() {
        assert_eq!(name_in_words("03_Insurance"), "Insurance");
        assert_eq!(name_in_words("for_developers"), "For developers");
        assert_eq!(name_in_words("employer-guide"), "Employer guide");
        assert_eq!(name_in_words("Guía para familias"), "Guía para familias");
        assert_eq!(name_in_words("éclair"), "Éclair");
    }
}
