//! Maps keyed by words, for the index builder's hot path: each word of the site is looked
//! up once, so the lookup must not allocate, and should read as little memory as it can.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// FNV-1a: a fast hash for the short words the index counts (no untrusted keys are at
/// stake in a build).
#[derive(Default)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A map keyed by words, hashed with [`Fnv`].
pub(super) type FastMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// A hash of [`Packed`] words: one folded multiply.
#[derive(Default)]
pub(super) struct Mix(u64);

impl std::hash::Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u128(u128::from(self.0) << 8 | u128::from(*byte));
        }
    }

    fn write_u128(&mut self, n: u128) {
        let product = u128::from(n as u64 ^ 0x243f_6a88_85a3_08d3)
            * u128::from((n >> 64) as u64 ^ 0x1319_8a2e_0370_7344 ^ self.0);
        self.0 = product as u64 ^ (product >> 64) as u64;
    }
}

/// A word of at most 12 bytes, nearly every word, as three integers (see [`prefix`]): no
/// word has a zero byte, so two words pack the same only when they are the same. Twelve
/// bytes rather than sixteen so that a map's entry, with its number, fills 16 bytes: the
/// map is read at random, and the less memory it spans, the more of it stays in the cache.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Packed([u32; 3]);

impl Packed {
    /// `word` packed, when it has at most 12 bytes.
    pub fn of(word: &str) -> Option<Packed> {
        let n = prefix(word);
        (word.len() <= 12).then_some(Packed([
            (n >> 96) as u32,
            (n >> 64) as u32,
            (n >> 32) as u32,
        ]))
    }
}

impl std::hash::Hash for Packed {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let [a, b, c] = self.0.map(u128::from);
        state.write_u128(a << 64 | b << 32 | c);
    }
}

/// The first 16 bytes of `word` as an integer: its bytes from the most significant down,
/// zeros after. The integers sort as the words do, but for words with the same first 16
/// bytes.
pub(super) fn prefix(word: &str) -> u128 {
    let bytes = &word.as_bytes()[..word.len().min(16)];
    // Shifted in byte by byte: shorter than a call to copy a few bytes.
    let n = bytes.iter().fold(0, |n, b| n << 8 | u128::from(*b));
    n << (8 * (16 - bytes.len()))
}

/// Words → numbers. Words of at most 12 bytes, nearly all, are kept [`Packed`]: hashed and
/// compared without reading the word's bytes from elsewhere in memory, which a map of
/// strings spends most of its time on.
#[derive(Default)]
pub(super) struct WordMap {
    short: HashMap<Packed, u32, BuildHasherDefault<Mix>>,
    long: FastMap<u32>,
}

impl WordMap {
    /// The number of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<u32> {
        match Packed::of(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    /// Gives `word` the number `n`.
    pub fn insert(&mut self, word: &str, n: u32) {
        match Packed::of(word) {
            Some(key) => self.short.insert(key, n),
            None => self.long.insert(word.to_string(), n),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_sort_as_the_words_and_long_words_are_kept_too() {
        let mut words = ["b", "ab", "a", "abc", "a0", "zzzzzzzzzzzzzzzz", "aa"];
        let mut keys: Vec<u128> = words.iter().map(|w| prefix(w)).collect();
        words.sort_unstable();
        keys.sort_unstable();
        let sorted: Vec<u128> = words.iter().map(|w| prefix(w)).collect();
        assert_eq!(keys, sorted);
        assert_eq!(prefix("abcdefghijklmnopq"), prefix("abcdefghijklmnop"));
        assert!(Packed::of("abcdefghijkl").is_some() && Packed::of("abcdefghijklm").is_none());
        let mut map = WordMap::default();
        for (n, word) in ["abcdefghijklm", "abcdefghijkl", "abcdefghijk", "ab"]
            .iter()
            .enumerate()
        {
            map.insert(word, n as u32);
        }
        assert_eq!(map.get("abcdefghijklm"), Some(0));
        assert_eq!(map.get("abcdefghijkl"), Some(1));
        assert_eq!(map.get("abcdefghijk"), Some(2));
        assert_eq!(map.get("ab"), Some(3));
        assert_eq!(map.get("a"), None);
        assert_eq!(map.get("abcdefghijklmn"), None);
    }
}
