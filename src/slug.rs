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

/// Splits a numeric ordering prefix off a file stem: `02-before-day-one` gives
/// `(Some(2), "before-day-one")`.
pub fn split_prefix(stem: &str) -> (Option<u64>, &str) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 20 && stem[digits..].starts_with('-') && stem.len() > digits + 1 {
        (stem[..digits].parse().ok(), &stem[digits + 1..])
    } else {
        (None, stem)
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
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert_eq!(split_prefix("10-"), (None, "10-"));
        assert_eq!(split_prefix("intro"), (None, "intro"));
    }
}
