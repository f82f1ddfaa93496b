//! Cutting a table's tokens into rows and deciding which official row each one is.
//!
//! A *segment* is a run of values with the text before it. Each segment's text is matched
//! to the official rows (`labels.rs`); then the rows are fixed in three passes that only
//! ever trust order where order leaves no choice:
//!
//! 1. segments whose text names one row exactly are placed, keeping the longest chain that
//!    reads in the official order (a stray match out of order is dropped);
//! 2. segments with several possible rows (fragments, garbled labels) are placed where only
//!    one of their candidates is still free between their placed neighbours;
//! 3. segments with no label at all are placed only when the free rows between their placed
//!    neighbours are exactly as many as they are.
//!
//! Passes 1 and 2 are [`place_by_labels`]; pass 3 is [`place_by_order`], which needs the rows
//! of the table's format: `rows` tells them from what the first two passes placed.
//!
//! Everything else is left unplaced: a number never lands in a row on a guess.

use std::ops::Range;

use super::labels::{LabelMatch, Scope, Strength, Target, match_label};
use super::tokens::{Kind, Tokens};

/// A run of values with the text before it.
#[derive(Clone, Debug)]
pub struct Segment {
    /// The folded text before the values.
    pub label: String,
    /// Token indices of the values.
    pub values: Vec<usize>,
    /// Empty lines inside a run of values one per line, as (index in `values` they come
    /// before, the line-end token): where a copy put one cell per line, an empty line may be
    /// an empty cell.
    pub gaps: Vec<(usize, usize)>,
    pub matched: LabelMatch,
}

/// The most segments one table is cut into: a real table has at most some thirty rows, and
/// the cap keeps the ordering passes cheap on hostile input.
pub const MAX_SEGMENTS: usize = 400;

/// The most label text kept before a run of values: a label is its end, and the cap keeps
/// a table preceded by pages of prose cheap to match.
const MAX_LABEL_BYTES: usize = 600;

/// Cuts the tokens in `range` into segments. A run of values ends at text, and at the end of
/// a line that held two or more values (a row printed on one line); values one per line
/// (a browser's copy of a table) run on.
pub fn segments(tokens: &Tokens, range: Range<usize>, scope: Option<Scope>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut label = String::new();
    let mut values: Vec<usize> = Vec::new();
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    let flush = |label: &mut String, values: &mut Vec<usize>, gaps: &mut Vec<(usize, usize)>, out: &mut Vec<Segment>| {
        if !values.is_empty() {
            let matched = match scope {
                Some(scope) => match_label(label, scope),
                None => LabelMatch { candidates: Vec::new(), strength: None, unlabeled: label.is_empty() },
            };
            // Only gaps between values count; trailing ones are paragraph spacing.
            gaps.retain(|(at, _)| *at < values.len());
            // Copies of their exact size: the buffers, grown once, are kept for the next one.
            out.push(Segment { label: label.clone(), values: values.clone(), gaps: gaps.clone(), matched });
            values.clear();
        }
        label.clear();
        gaps.clear();
    };
    for i in range {
        let token = &tokens.list[i];
        match token.kind {
            Kind::Text => {
                // An annotation in a value's own cell ("3（其中修订1件）") stays with the value
                // and does not end the row.
                let after_value_in_field =
                    i > 0 && tokens.list[i - 1].field == token.field && matches!(tokens.list[i - 1].kind, Kind::Value(_));
                let norm = tokens.norm_of(token);
                if after_value_in_field && is_one_parenthetical(norm) {
                    continue;
                }
                if !values.is_empty() {
                    // Numbers inside a sentence ("申请95件，上年结转3件。") are prose, not a row:
                    // a counting word after the number and a sentence going on after it. (Not
                    // punctuation alone: a wrapped label may continue with "，只计这一情形".)
                    let counted = values.iter().any(|&v| {
                        matches!(&tokens.list[v].kind, Kind::Value(t) if matches!(t.read, super::tokens::Read::Number { unit: crate::model::Unit::Count, .. }))
                    });
                    let prose = counted && norm.starts_with([',', '。', ';', '!', '?']);
                    flush(&mut label, &mut values, &mut gaps, &mut out);
                    if prose && let Some(last) = out.last_mut() {
                        last.matched = LabelMatch::default();
                    }
                    if out.len() >= MAX_SEGMENTS {
                        return out;
                    }
                }
                label.push_str(norm);
                if label.len() > 2 * MAX_LABEL_BYTES {
                    let mut cut = label.len() - MAX_LABEL_BYTES;
                    while !label.is_char_boundary(cut) {
                        cut += 1;
                    }
                    label.drain(..cut);
                }
            }
            Kind::Value(_) => values.push(i),
            Kind::Break { values: n } => {
                if n >= 2 && !values.is_empty() {
                    flush(&mut label, &mut values, &mut gaps, &mut out);
                    if out.len() >= MAX_SEGMENTS {
                        return out;
                    }
                } else if n == 0 && !values.is_empty() && i > 0 && matches!(tokens.list[i - 1].kind, Kind::Break { .. }) {
                    gaps.push((values.len(), i));
                }
            }
        }
    }
    flush(&mut label, &mut values, &mut gaps, &mut out);
    out
}

/// Whether text is one parenthetical: "(其中修订1件)", not "(二)部分公开(…)".
fn is_one_parenthetical(text: &str) -> bool {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1 == text.len() && text.starts_with('(');
                }
            }
            _ if depth == 0 => return false,
            _ => {}
        }
    }
    false
}

/// Places segments on rows by their labels (passes 1 and 2). `order` is every row the table
/// can have, in official order. Returns the row of each segment.
pub fn place_by_labels(segments: &[Segment], order: &[Target]) -> Vec<Option<Target>> {
    let index = |t: Target| order.iter().position(|o| *o == t);
    let mut placed: Vec<Option<Target>> = vec![None; segments.len()];
    // Pass 1: exact, unambiguous labels, keeping the longest chain in official order.
    let exact: Vec<(usize, usize)> = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.matched.strength == Some(Strength::Exact) && s.matched.candidates.len() == 1)
        .filter_map(|(i, s)| index(s.matched.candidates[0]).map(|k| (i, k)))
        .collect();
    for (seg, k) in longest_increasing(&exact) {
        placed[seg] = Some(order[k]);
    }
    // An exact label out of that order still names its row when nothing else claims the row
    // (a PDF conversion may move a block of rows, as one moved 表二's （一） below its （八）).
    for (seg, k) in &exact {
        let claimed = exact.iter().any(|(other, ok)| ok == k && other != seg) || placed.contains(&Some(order[*k]));
        if placed[*seg].is_none() && !claimed {
            placed[*seg] = Some(order[*k]);
        }
    }

    // Pass 2: candidates narrowed down by the placed neighbours.
    loop {
        let mut changed = false;
        for seg in 0..segments.len() {
            if placed[seg].is_some() || segments[seg].matched.candidates.is_empty() {
                continue;
            }
            let (low, high) = bounds(&placed, seg, &index);
            let free: Vec<Target> = segments[seg]
                .matched
                .candidates
                .iter()
                .copied()
                .filter(|t| index(*t).is_some_and(|k| low.is_none_or(|l| k > l) && high.is_none_or(|h| k < h)))
                .filter(|t| !placed.contains(&Some(*t)))
                .collect();
            if free.len() == 1 {
                placed[seg] = Some(free[0]);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    placed
}

/// Places segments without a label by order (pass 3): a run of them that exactly fills the
/// free rows between placed neighbours. `rows` are the rows of the table's format, in
/// official order (what the rows placed by their labels show it to be).
pub fn place_by_order(segments: &[Segment], placed: &mut [Option<Target>], rows: &[Target]) {
    let mut seg = 0;
    while seg < segments.len() {
        if placed[seg].is_some() {
            seg += 1;
            continue;
        }
        let run_end = (seg..segments.len()).find(|&s| placed[s].is_some()).unwrap_or(segments.len());
        let (Some(prev), Some(next)) = (seg.checked_sub(1).and_then(|p| placed[p]), placed.get(run_end).copied().flatten()) else {
            seg = run_end;
            continue;
        };
        let all_unlabeled = (seg..run_end).all(|s| segments[s].matched.unlabeled);
        let (lo, hi) = (rows.iter().position(|r| *r == prev), rows.iter().position(|r| *r == next));
        if let (true, Some(lo), Some(hi)) = (all_unlabeled, lo, hi.filter(|h| lo.is_some_and(|l| l < *h))) {
            let free: Vec<Target> = rows[lo + 1..hi].iter().copied().filter(|t| !placed.contains(&Some(*t))).collect();
            if free.len() == run_end - seg {
                for (offset, row) in free.into_iter().enumerate() {
                    placed[seg + offset] = Some(row);
                }
            }
        }
        seg = run_end;
    }
}

/// The order indices of the nearest placed segments before and after `seg`.
fn bounds(placed: &[Option<Target>], seg: usize, index: &impl Fn(Target) -> Option<usize>) -> (Option<usize>, Option<usize>) {
    let low = placed[..seg].iter().rev().find_map(|p| p.and_then(index));
    let high = placed[seg + 1..].iter().find_map(|p| p.and_then(index));
    (low, high)
}

/// The longest subsequence of `(segment, order index)` pairs whose order indices strictly
/// increase (segments are already in text order). Earlier pairs win ties.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let n = pairs.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if pairs[j].1 < pairs[i].1 && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut i) = (0..n).max_by_key(|&i| (len[i], usize::MAX - i)) else { return Vec::new() };
    let mut chain = vec![pairs[i]];
    while prev[i] != usize::MAX {
        i = prev[i];
        chain.push(pairs[i]);
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::model::RequestRow;
    use crate::parse::layout::Document;
    use crate::parse::tokens::tokenize;

    /// Aligns the 表三 rows of `text` and lists "row=first value" per segment.
    fn check(text: &str) -> String {
        let doc = Document::from_text(text);
        let tokens = tokenize(&doc);
        let segs = segments(&tokens, 0..tokens.list.len(), Some(Scope::Requests));
        let order: Vec<Target> = RequestRow::ALL.iter().map(|r| Target::Requests(*r)).collect();
        let mut placed = place_by_labels(&segs, &order);
        let rows: Vec<Target> = RequestRow::rows_of(Format::V2021).iter().map(|r| Target::Requests(*r)).collect();
        place_by_order(&segs, &mut placed, &rows);
        segs.iter()
            .zip(&placed)
            .map(|(s, p)| {
                let first = match &tokens.list[s.values[0]].kind {
                    Kind::Value(v) => tokens.raw_of(v).to_string(),
                    _ => unreachable!(),
                };
                match p {
                    Some(Target::Requests(r)) => format!("{}={first}", r.key()),
                    _ => format!("?={first}"),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn unlabeled_rows_fill_exactly_free_slots() {
        // As in a markdown conversion of a PDF: the （五）5 row lost its label; （六）1 kept a
        // fragment shared with （六）2; （六）2 kept a distinctive fragment.
        let text = "| 4.无正当理由大量反复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |\n| 缴纳费用、 | 行政机关不再处理其政 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 3.其他 | 264 | 12 | 0 | 0 | 0 | 0 | 276 |";
        assert_eq!(check(text), "rejected_excessive=1 rejected_confirmation=0 other_no_correction=40 other_unpaid_fee=0 other_other=264");
    }

    #[test]
    fn unlabeled_rows_stay_unplaced_when_order_leaves_a_choice() {
        let text = "| （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 3.危及“三安全一稳定” | 2 | 0 | 0 | 0 | 0 | 0 | 2 |";
        // Between （一） and （三）3 lie three free rows for one unlabeled segment.
        assert_eq!(check(text), "granted=1 ?=0 denied_three_safeties=2");
    }

    #[test]
    fn a_label_out_of_order_names_its_row_only_when_unclaimed() {
        let text = "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5\n（七）总计 9 0 0 0 0 0 9\n二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n（一）予以公开 3 0 0 0 0 0 3";
        assert_eq!(check(text), "new=5 total=9 carried_over=1 granted=3");
        let text = "（一）予以公开 3 0 0 0 0 0 3\n（七）总计 9 0 0 0 0 0 9\n二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n（七）总计 4 0 0 0 0 0 4";
        assert_eq!(check(text), "granted=3 total=9 carried_over=1 ?=4");
    }

    #[test]
    fn one_value_per_line_runs_on_and_rows_on_one_line_end_at_the_line() {
        assert_eq!(check("（一）予以公开\n1\n0\n0\n0\n0\n0\n1\n（二）部分公开\n0\n0\n0\n0\n0\n0\n0"), "granted=1 partially_granted=0");
    }
}
