//! One stable sort for the whole core.
//!
//! `slice::sort_by` is compiled anew for every element type and comparison, and each copy of
//! the standard library's sort is a few kilobytes of wasm. The core sorts a handful of short
//! lists (cells, findings, headings), so it sorts their indices instead, through one copy
//! that compares with a `dyn Fn`, and then moves the elements into that order.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping the order of equal elements (as `sort_by` does).
pub(crate) fn sort_stable_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The indices `0..len` in the order `cmp` gives them, stable.
fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_elements_in_their_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_stable_by(&mut items, |x, y| x.0.cmp(&y.0));
        assert_eq!(items, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut items: Vec<(u8, usize)> = (0..500).map(|i| (((i * 7919) % 13) as u8, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|x| x.0);
        sort_stable_by(&mut items, |x, y| x.0.cmp(&y.0));
        assert_eq!(items, expected);
        let mut empty: Vec<u8> = Vec::new();
        sort_stable_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
