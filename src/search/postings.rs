//! Postings: which documents each term appears in, and how strongly. The documents are cut
//! into slices that are indexed side by side; each slice's terms come out sorted, with
//! their postings in document order, so that [`super::shards`] can merge the slices term by
//! term in slice order, whatever the number of threads.

use rayon::prelude::*;

use super::text::for_each_word;
use super::words::{prefix, WordMap};
use super::{Doc, Rules, BODY, KEYWORDS, TITLE};

/// A document number and the term's score in it.
pub(super) type Posting = [u32; 2];

/// One slice's terms, sorted, each with its postings in document order, held in two
/// buffers rather than a string and a list per term.
pub(super) struct Slice {
    /// The terms, one after another.
    text: String,
    /// Per term, where it ends in `text` and where its postings end in `postings`.
    ends: Vec<(usize, usize)>,
    postings: Vec<Posting>,
}

impl Slice {
    /// How many terms it has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Its `i`th term and that term's postings.
    pub fn term(&self, i: usize) -> (&str, &[Posting]) {
        let (start, first) = if i == 0 { (0, 0) } else { self.ends[i - 1] };
        let (end, last) = self.ends[i];
        (&self.text[start..end], &self.postings[first..last])
    }
}

/// Slices per thread: each slice learns the site's words anew, so there are few, but more
/// than one a thread so that a thread slowed down can hand work to another.
const SLICES_PER_THREAD: usize = 2;

/// The documents' terms, slice by slice in document order (see the module's comment).
pub(super) fn slices(docs: &[&Doc], rules: Rules) -> Vec<Slice> {
    let count = (rayon::current_num_threads() * SLICES_PER_THREAD)
        .min(docs.len().div_ceil(64))
        .max(1);
    // Slices of about the same amount of text.
    let total: usize = docs.iter().map(|doc| size(doc)).sum();
    let mut bounds = vec![0];
    let mut read = 0;
    for (i, doc) in docs.iter().enumerate() {
        read += size(doc);
        if read * count >= total * bounds.len() && i + 1 < docs.len() {
            bounds.push(i + 1);
        }
    }
    bounds.push(docs.len());
    bounds
        .par_windows(2)
        .map(|w| Terms::of(&docs[w[0]..w[1]], w[0], rules).into_slice())
        .collect()
}

/// How much text a document has to index.
fn size(doc: &Doc) -> usize {
    fields(doc).iter().map(|(text, _)| text.len()).sum()
}

/// A word that is not indexed (see [`Rules::term_into`]).
const NOT_INDEXED: u32 = u32::MAX;

/// The terms of a slice of documents as they are read, each term known by its number.
#[derive(Default)]
struct Terms {
    /// Each word seen → its term's number, or [`NOT_INDEXED`]: a word is looked up once per
    /// appearance, and stemmed once per slice.
    words: WordMap,
    /// Each term → its number.
    ids: WordMap,
    /// The terms by number, one after another, and where each ends.
    text: String,
    ends: Vec<usize>,
    /// Per term, how often it appears in each field of the current document (counted up
    /// to three), and the terms the current document has.
    counts: Vec<[u8; 3]>,
    found: Vec<u32>,
    /// Every posting, with its term's number, in document order.
    postings: Vec<(u32, Posting)>,
    /// Where a new word's term is made.
    term: String,
}

impl Terms {
    /// The terms of `docs`, numbered from `first`.
    fn of(docs: &[&Doc], first: usize, rules: Rules) -> Terms {
        let mut terms = Terms::default();
        for (i, doc) in docs.iter().enumerate() {
            for (field, slot) in fields(doc) {
                for_each_word(field, |word| terms.count(word, slot, rules));
            }
            let d = (first + i) as u32;
            for id in terms.found.drain(..) {
                let seen = std::mem::take(&mut terms.counts[id as usize]);
                terms.postings.push((id, [d, score(seen)]));
            }
        }
        terms
    }

    /// Counts one appearance of `word` in the field of the current document at `slot`.
    fn count(&mut self, word: &str, slot: usize, rules: Rules) {
        let id = match self.words.get(word) {
            Some(id) => id,
            None => {
                let id = self.id(word, rules);
                self.words.insert(word, id);
                id
            }
        };
        if id == NOT_INDEXED {
            return;
        }
        let seen = &mut self.counts[id as usize];
        if *seen == [0; 3] {
            self.found.push(id);
        }
        seen[slot] = (seen[slot] + 1).min(3);
    }

    /// The number of the term of a word not seen before, or [`NOT_INDEXED`].
    fn id(&mut self, word: &str, rules: Rules) -> u32 {
        if !rules.term_into(word, &mut self.term) || self.term.len() < 2 {
            return NOT_INDEXED;
        }
        if let Some(id) = self.ids.get(&self.term) {
            return id;
        }
        let id = self.ends.len() as u32;
        self.ids.insert(&self.term, id);
        self.text.push_str(&self.term);
        self.ends.push(self.text.len());
        self.counts.push([0; 3]);
        id
    }

    /// Term number `id`.
    fn term(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    /// The terms sorted, their postings grouped by term (a counting sort, which keeps each
    /// term's postings in document order).
    fn into_slice(self) -> Slice {
        let mut order: Vec<(u128, usize)> = (0..self.ends.len())
            .map(|id| (prefix(self.term(id)), id))
            .collect();
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.term(a.1).cmp(self.term(b.1)))
        });
        let mut rank = vec![0; order.len()];
        for (r, (_, id)) in order.iter().enumerate() {
            rank[*id] = r;
        }
        // Where each term's postings start, by rank.
        let mut next = vec![0; order.len() + 1];
        for (id, _) in &self.postings {
            next[rank[*id as usize] + 1] += 1;
        }
        for r in 1..next.len() {
            next[r] += next[r - 1];
        }
        let mut slice = Slice {
            text: String::with_capacity(self.text.len()),
            ends: Vec::with_capacity(order.len()),
            postings: vec![[0; 2]; self.postings.len()],
        };
        for (id, posting) in &self.postings {
            let at = &mut next[rank[*id as usize]];
            slice.postings[*at] = *posting;
            *at += 1;
        }
        // Each `next[r]` is now where the postings of the term ranked `r` end.
        for ((_, id), end) in order.iter().zip(next) {
            slice.text.push_str(self.term(*id));
            slice.ends.push((slice.text.len(), end));
        }
        slice
    }
}

/// A document's indexed fields, each with its slot in the counts (title, keywords, body).
fn fields(doc: &Doc) -> [(&str, usize); 4] {
    // A section's excerpt is the start of its body: index it only when it is not.
    let excerpt = if doc.body.starts_with(doc.excerpt.trim_end_matches('…')) {
        ""
    } else {
        doc.excerpt.as_str()
    };
    [
        (doc.title.as_str(), 0),
        (doc.keywords.as_str(), 1),
        (excerpt, 2),
        (doc.body.as_str(), 2),
    ]
}

/// A term's score in a document from its counts per field: repeats count, but only up to
/// three times a field.
fn score(seen: [u8; 3]) -> u32 {
    [TITLE, KEYWORDS, BODY]
        .iter()
        .zip(seen)
        .map(|(w, n)| w * u32::from(n))
        .sum()
}
