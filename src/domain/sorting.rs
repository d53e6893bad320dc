//! Sorting through one shared routine.
//!
//! `slice::sort_by` is generic over the element and the comparison: each call site
//! compiles its own copy of the whole stable sort (about six functions, 3–4 KB of
//! wasm each time). With ~40 call sites that was 175 KB of the wasm, 7% of the app.
//! Here the sort itself runs once, on indices, through a `dyn` comparison; what stays
//! generic per call site is a few lines that move elements into place.
//!
//! `collect()` into a `BTreeMap` or `BTreeSet` sorts its input too, with yet another
//! copy per element type; [`Gather`] builds them by inserting instead.
//!
//! Architecture invariant: code in this crate sorts with these functions, never with
//! `sort`, `sort_by`, `sort_by_key` or `sort_unstable*` on a slice
//! (`tests/sorting_sites.rs` checks it). Ordered maps and sets built from many items are
//! better built with [`Gather`], `extend` or `insert` than with `collect()` (a few small
//! sets still use `collect()`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare` (equal items keep their order).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by the key `key` gives each.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Ordered maps and sets built by inserting, without the sort `collect()` does.
pub trait Gather: Iterator + Sized {
    /// The pairs as a map; a later value for the same key replaces an earlier one (the
    /// key kept is the first: the same map as `collect()` for keys equal only when identical).
    fn gather_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        let mut map = BTreeMap::new();
        map.extend(self);
        map
    }

    /// The items as a set.
    fn gather_set(self) -> BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        let mut set = BTreeSet::new();
        set.extend(self);
        set
    }
}

impl<I: Iterator> Gather for I {}

/// The positions `0..len` in the order `compare` puts them, stably: the one place the
/// standard sort is instantiated.
fn sorted_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, following each
/// cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut here = start;
        loop {
            let from = order[here];
            order[here] = here;
            if from == start {
                break;
            }
            items.swap(here, from);
            here = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in 0..60 {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (((seed >> 33) % 5) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|x| x.0);
            sort_by_key(&mut items, |x| x.0);
            assert_eq!(items, expected, "length {len}");
        }
    }

    #[test]
    fn sorts_strings_naturally_and_in_reverse() {
        let mut names = vec!["东风村".to_string(), "白音".into(), "阿日昆都楞".into()];
        sort(&mut names);
        let mut expected = names.clone();
        expected.sort();
        assert_eq!(names, expected);
        let mut totals = vec![3, 9, 1, 9];
        sort_by(&mut totals, |a, b| b.cmp(a));
        assert_eq!(totals, vec![9, 9, 3, 1]);
    }

    #[test]
    fn gathers_like_collect() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let expected: BTreeMap<_, _> = pairs.into_iter().collect();
        assert_eq!(pairs.into_iter().gather_map(), expected);
        let expected: BTreeSet<_> = pairs.into_iter().map(|p| p.0).collect();
        assert_eq!(pairs.into_iter().map(|p| p.0).gather_set(), expected);
    }
}
