//! Reuse between rebuilds, safe by construction: a [`Memo`] keeps one computation's last
//! input and output, and hands the output back only when the next input is equal.
//!
//! Each reused computation takes exactly one input value, and the function that computes
//! the output is given only that value (`make(&input)`), so what the memo compares is, by
//! the types, everything the output is made from. Inputs compare with derived `PartialEq`;
//! values too large to compare on every rebuild are held as [`Shared`], equal only when
//! they are the very same value.

use std::sync::Arc;

/// Whether a memo keeps its work for the next build. A single build keeps nothing, and so
/// holds no copy of its inputs; `trellis serve` keeps everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Keep the last input and output for the next build.
    Keep,
    /// Keep nothing: every call makes its output afresh.
    Forget,
}

/// Where a memo's output came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reused {
    /// Taken whole from the previous build: its input was equal.
    Kept,
    /// Made by this call.
    Made,
}

/// What a memo holds from the previous build when its input differs: the previous input
/// and output, from which the new output may take unchanged parts.
pub enum Earlier<I, O> {
    /// The memo keeps nothing ([`Policy::Forget`]): make only what this build needs.
    Unkept,
    /// There was no previous build.
    None,
    /// The previous build's input and output.
    Kept(I, O),
}

/// One computation's last input and output (see the module docs).
pub struct Memo<I, O> {
    policy: Policy,
    /// The last output, with its input while the memo keeps it.
    last: Option<(Option<I>, O)>,
}

impl<I, O> Memo<I, O> {
    /// An empty memo that follows `policy`.
    pub fn new(policy: Policy) -> Memo<I, O> {
        Memo { policy, last: None }
    }

    /// The input of the last computation, while the memo keeps it: a computation may
    /// reuse parts of it to build its next input (unchanged files are not parsed again).
    pub fn kept_input(&self) -> Option<&I> {
        self.last.as_ref().and_then(|(input, _)| input.as_ref())
    }

    /// The output of the last computation, if any.
    pub fn output(&self) -> Option<&O> {
        self.last.as_ref().map(|(_, output)| output)
    }
}

impl<I: PartialEq, O> Memo<I, O> {
    /// The output for `input`: the kept one when `input` equals the kept input, otherwise
    /// `make(&input)`, which is then kept with `input` (under [`Policy::Keep`]).
    pub fn get_or_make(&mut self, input: I, make: impl FnOnce(&I) -> O) -> (&O, Reused) {
        self.get_or_update(input, |input, _| make(input))
    }

    /// [`Memo::get_or_make`] for a computation that can take unchanged parts of its
    /// previous output: on a miss, `make` is also given what the memo held.
    pub fn get_or_update(
        &mut self,
        input: I,
        make: impl FnOnce(&I, Earlier<I, O>) -> O,
    ) -> (&O, Reused) {
        let earlier = match (self.policy, self.last.take()) {
            (Policy::Forget, _) => Earlier::Unkept,
            (Policy::Keep, Some((Some(kept), output))) if kept == input => {
                let (_, output) = self.last.insert((Some(kept), output));
                return (output, Reused::Kept);
            }
            (Policy::Keep, Some((Some(kept), output))) => Earlier::Kept(kept, output),
            (Policy::Keep, _) => Earlier::None,
        };
        let made = make(&input, earlier);
        let input = (self.policy == Policy::Keep).then_some(input);
        let (_, output) = self.last.insert((input, made));
        (output, Reused::Made)
    }
}

/// A value shared between builds, equal to another only when both are the same value
/// (the same allocation). Identity implies equality, so comparing by it never reuses
/// what changed; it misses only when an equal value was made again, which the memo
/// that made the value avoids by handing back the kept one.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    /// The shared value.
    pub fn get(&self) -> &Arc<T> {
        &self.0
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equal_input_reuses_the_output_and_another_makes_it_again() {
        let mut memo = Memo::new(Policy::Keep);
        let mut made = 0;
        let mut square = |n: &u32| {
            made += 1;
            n * n
        };
        assert_eq!(memo.get_or_make(3, &mut square), (&9, Reused::Made));
        assert_eq!(memo.get_or_make(3, &mut square), (&9, Reused::Kept));
        assert_eq!(memo.get_or_make(4, &mut square), (&16, Reused::Made));
        assert_eq!(made, 2);
    }

    #[test]
    fn a_forgetting_memo_always_makes_and_keeps_no_input() {
        let mut memo = Memo::new(Policy::Forget);
        assert_eq!(memo.get_or_make(3, |n| n * 2), (&6, Reused::Made));
        assert_eq!(memo.get_or_make(3, |n| n * 2), (&6, Reused::Made));
        assert!(memo.kept_input().is_none());
        let (_, reused) = memo.get_or_update(3, |n, earlier| {
            assert!(matches!(earlier, Earlier::Unkept));
            *n
        });
        assert_eq!(reused, Reused::Made);
    }

    #[test]
    fn an_update_is_given_the_previous_input_and_output() {
        let mut memo = Memo::new(Policy::Keep);
        memo.get_or_update(1, |n, earlier| {
            assert!(matches!(earlier, Earlier::None));
            vec![*n]
        });
        let (out, _) = memo.get_or_update(2, |n, earlier| match earlier {
            Earlier::Kept(1, mut previous) => {
                previous.push(*n);
                previous
            }
            _ => panic!("the previous build was not handed on"),
        });
        assert_eq!(out, &vec![1, 2]);
    }

    #[test]
    fn shared_values_are_equal_only_when_they_are_the_same_one() {
        let a = Shared(Arc::new(1));
        assert!(a == a.clone());
        assert!(a != Shared(Arc::new(1)));
    }
}
