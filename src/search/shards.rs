//! The term files, `t/<key>.json`: the slices' terms merged and written group by group (a
//! group is the terms sharing their first two characters), the groups side by side.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;

use super::postings::{Posting, Slice};
use super::{MAX_POSTINGS, SHARD_SPLIT};

/// Shard key → the JSON of its terms, by key: `{"term":[[doc,score],...],...}` with the
/// terms sorted and each term's postings in document order, at most [`MAX_POSTINGS`] (the
/// best scores). A group larger than [`SHARD_SPLIT`] is split by three characters.
pub(super) fn shards(slices: &[Slice]) -> Vec<(String, Vec<u8>)> {
    // Each slice's terms are sorted, so a group's are consecutive.
    let mut groups: BTreeMap<&str, Vec<(&Slice, Range<usize>)>> = BTreeMap::new();
    for slice in slices {
        let mut start = 0;
        while start < slice.len() {
            let key = prefix(slice.term(start).0, 2);
            let mut end = start + 1;
            while end < slice.len() && prefix(slice.term(end).0, 2) == key {
                end += 1;
            }
            groups.entry(key).or_default().push((slice, start..end));
            start = end;
        }
    }
    let groups: Vec<_> = groups.into_iter().collect();
    groups
        .into_par_iter()
        .flat_map_iter(|(key, parts)| group(key, &parts))
        .collect()
}

/// The files of one group, `parts` being its terms in each slice, in slice order.
fn group(key: &str, parts: &[(&Slice, Range<usize>)]) -> Vec<(String, Vec<u8>)> {
    let terms = merged(parts);
    let size: usize = terms.iter().map(|(t, l)| t.len() + 6 + l.len() * 12).sum();
    let split = size > SHARD_SPLIT;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (term, list) in &terms {
        // Terms are sorted, so each key's terms follow one another: the group's own key
        // (only the two-character term itself, when split) comes first.
        let key = if split && term.chars().count() >= 3 {
            prefix(term, 3)
        } else {
            key
        };
        match files.last_mut() {
            Some((last, json)) if last == key => json.push(b','),
            _ => {
                let capacity = if split { 1024 } else { size + 2 };
                files.push((key.to_string(), Vec::with_capacity(capacity)));
                files.last_mut().expect("just pushed").1.push(b'{');
            }
        }
        write_term(&mut files.last_mut().expect("a file per key").1, term, list);
    }
    for (_, json) in &mut files {
        json.push(b'}');
    }
    files
}

/// The group's terms, sorted, each with its postings from every slice joined in slice
/// (so document) order and capped at [`MAX_POSTINGS`].
fn merged<'a>(parts: &[(&'a Slice, Range<usize>)]) -> Vec<(&'a str, Cow<'a, [Posting]>)> {
    let mut all: Vec<(&str, &[Posting])> = parts
        .iter()
        .flat_map(|(slice, range)| range.clone().map(|i| slice.term(i)))
        .collect();
    // Stable: a term's entries stay in slice order.
    all.sort_by(|a, b| a.0.cmp(b.0));
    let mut terms = Vec::with_capacity(all.len());
    let mut rest = &all[..];
    while let Some(&(term, list)) = rest.first() {
        let same = rest.partition_point(|(t, _)| *t == term);
        let list = if same == 1 && list.len() <= MAX_POSTINGS {
            Cow::Borrowed(list)
        } else {
            Cow::Owned(capped(rest[..same].iter().flat_map(|(_, l)| *l).copied()))
        };
        terms.push((term, list));
        rest = &rest[same..];
    }
    terms
}

/// A term's postings, at most [`MAX_POSTINGS`]: the best scores (the earlier document on
/// ties), in document order.
fn capped(postings: impl Iterator<Item = Posting>) -> Vec<Posting> {
    let mut list: Vec<Posting> = postings.collect();
    if list.len() > MAX_POSTINGS {
        let best = |a: &Posting, b: &Posting| b[1].cmp(&a[1]).then(a[0].cmp(&b[0]));
        list.select_nth_unstable_by(MAX_POSTINGS - 1, best);
        list.truncate(MAX_POSTINGS);
        list.sort_unstable_by_key(|p| p[0]);
    }
    list
}

/// The first `n` characters of `term` (all of it when shorter).
fn prefix(term: &str, n: usize) -> &str {
    term.char_indices().nth(n).map_or(term, |(i, _)| &term[..i])
}

/// `"term":[[doc,score],...]`, as `serde_json` writes it.
fn write_term(json: &mut Vec<u8>, term: &str, list: &[Posting]) {
    if term.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Every term the rules make: nothing to escape.
        json.push(b'"');
        json.extend_from_slice(term.as_bytes());
        json.push(b'"');
    } else {
        serde_json::to_writer(&mut *json, term).expect("a string always serialises");
    }
    json.extend_from_slice(b":[");
    for (i, [doc, score]) in list.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.push(b'[');
        write_number(json, *doc);
        json.push(b',');
        write_number(json, *score);
        json.push(b']');
    }
    json.push(b']');
}

/// `n` in decimal.
fn write_number(json: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    json.extend_from_slice(&digits[at..]);
}
