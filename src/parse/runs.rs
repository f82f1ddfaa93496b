//! Splitting digits that ran together.
//!
//! Flattened copies lose the boundaries between cells: "7000007" is seven cells of 表三's
//! （一）予以公开, "230 000023" the seven of 一. Every way to cut such runs into the row's
//! number of cells is listed (no part may have a leading zero, except "0" itself); the caller
//! chooses among them (`choose.rs`).

use std::ops::RangeInclusive;

use super::tokens::{Read, Token, Tokens, parse_number};
use crate::model::{Decimal, Span, Unit};

/// One cell cut out of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutCell {
    pub value: Decimal,
    pub unit: Unit,
    /// Where the cut stands in the input; its raw text is the input there (see [`raw_of`]).
    pub span: Span,
}

/// The most cuts enumerated before giving up (then the run is left unread as ambiguous).
pub const MAX_SPLITS: usize = 200_000;

/// Calls `visit` with every way to read the value tokens `values` as `k` cells, in a fixed
/// order; returns how many ways there are, or `None` when there are more than
/// [`MAX_SPLITS`]. A token that is not splittable is one cell.
pub fn each_cut(tokens: &Tokens, values: &[usize], k: usize, visit: &mut dyn FnMut(&[CutCell])) -> Option<usize> {
    let pieces: Vec<Piece> = values.iter().map(|&i| Piece::of(tokens, &tokens.list[i])).collect();
    // As many cells as digits (a whole token one): each piece must give all it can, a digit
    // a part, so there is one cut ("7000007" as seven cells), taken without the walk.
    if pieces.iter().all(|p| p.tail.is_empty() && p.max_cells() > 0) && pieces.iter().map(Piece::max_cells).sum::<usize>() == k {
        let mut parts = Vec::with_capacity(k);
        for piece in &pieces {
            match &piece.whole {
                Some(whole) => parts.push(whole.clone()),
                None => parts.extend(piece.digits.iter().map(|&(d, span)| CutCell {
                    value: Decimal::from_int(d.into()),
                    unit: Unit::None,
                    span,
                })),
            }
        }
        visit(&parts);
        return Some(1);
    }
    let mut total = 0;
    let mut current = Vec::new();
    let mut leaf = |parts: &[CutCell]| -> bool {
        total += 1;
        if total > MAX_SPLITS {
            return false;
        }
        visit(parts);
        true
    };
    if !distribute(&pieces, 0, k, &mut current, &mut leaf) {
        return None;
    }
    Some(total)
}

/// Whether the value tokens `values` can be cut into `k` cells at all.
pub fn any_cut(tokens: &Tokens, values: &[usize], k: usize) -> bool {
    if let Some(counts) = cell_counts(tokens, values) {
        return counts.contains(&k);
    }
    let pieces: Vec<Piece> = values.iter().map(|&i| Piece::of(tokens, &tokens.list[i])).collect();
    let mut found = false;
    // The leaf stops the walk at the first cut.
    distribute(&pieces, 0, k, &mut Vec::new(), &mut |_| {
        found = true;
        false
    });
    found
}

/// How many cells the value tokens `values` can be cut into, told from their digits without
/// listing a cut, where every token is plain digits (`None` otherwise: a token with a tail,
/// whose last part must read with it, or more than [`MAX_DIGITS`](crate::model::MAX_DIGITS)
/// digits after its leading zeros). A token of `n` digits, the first `z` of them zeros, makes
/// any number of cells from `z + 1` (each leading zero alone, the rest one number; `z` when
/// all are zeros) to `n` (one digit each): a part of several digits starts with a nonzero
/// digit, so its last digit can always stand alone, one cell more. The counts of the tokens
/// add up to a range.
fn cell_counts(tokens: &Tokens, values: &[usize]) -> Option<RangeInclusive<usize>> {
    let (mut least, mut most) = (0, 0);
    for &i in values {
        let token = &tokens.list[i];
        let Kind::Value(v) = &token.kind else { unreachable!("only value tokens are split") };
        if matches!(v.read, Read::Number { .. }) && !v.splittable {
            least += 1;
            most += 1;
            continue;
        }
        // Counted as `Piece::of` reads the digits: what folds to nothing is skipped.
        let (mut digits, mut leading_zeros) = (0, 0);
        for c in tokens.raw_of(v).chars() {
            match super::fold::fold(c) {
                Some(d @ '0'..='9') => {
                    if d == '0' && leading_zeros == digits {
                        leading_zeros += 1;
                    }
                    digits += 1;
                }
                Some(_) => return None,
                None => {}
            }
        }
        if digits == 0 {
            // No digit, no cell: no cut at all.
            return Some(RangeInclusive::new(1, 0));
        }
        if digits - leading_zeros > crate::model::MAX_DIGITS {
            return None;
        }
        least += leading_zeros + usize::from(digits > leading_zeros);
        most += digits;
    }
    Some(least..=most)
}

/// The input text of a cut: the slice of its token's raw text at the cut's span.
pub fn raw_of(tokens: &Tokens, values: &[usize], span: Span) -> String {
    values
        .iter()
        .map(|&i| &tokens.list[i])
        .find(|t| t.span.start <= span.start && span.end <= t.span.end)
        .and_then(|t| match &t.kind {
            Kind::Value(v) if tokens.raw_of(v).len() == t.span.len() => {
                tokens.raw_of(v).get(span.start - t.span.start..span.end - t.span.start)
            }
            _ => None,
        })
        .unwrap_or_default()
        .to_string()
}

/// A value token prepared for cutting.
struct Piece {
    /// ASCII digits of the integer part (for a splittable token), with each digit's span.
    digits: Vec<(u8, Span)>,
    /// What follows the integer digits: ".52元" (the last cut keeps it).
    tail: String,
    tail_span: Option<Span>,
    /// A token that is one cell whatever happens.
    whole: Option<CutCell>,
}

impl Piece {
    fn of(tokens: &Tokens, token: &Token) -> Piece {
        let Kind::Value(v) = &token.kind else { unreachable!("only value tokens are split") };
        let whole = match &v.read {
            Read::Number { value, unit, .. } if !v.splittable => Some(CutCell { value: *value, unit: *unit, span: token.span }),
            _ => None,
        };
        // One allocation: a digit takes at least a byte of the raw text.
        let mut digits = Vec::with_capacity(if whole.is_none() { tokens.raw_of(v).len() } else { 0 });
        let mut tail = String::new();
        let mut tail_start = None;
        if whole.is_none() {
            let raw = tokens.raw_of(v);
            let verbatim = raw.len() == token.span.len();
            for (i, c) in raw.char_indices() {
                let span = if verbatim { Span::new(token.span.start + i, token.span.start + i + c.len_utf8()) } else { token.span };
                let folded = super::fold::fold(c);
                match folded {
                    Some(d @ '0'..='9') if tail.is_empty() => digits.push((d as u8 - b'0', span)),
                    Some(f) => {
                        tail_start.get_or_insert(span.start);
                        tail.push(f);
                    }
                    None => {}
                }
            }
        }
        Piece { digits, tail, tail_span: tail_start.map(|s| Span::new(s, token.span.end)), whole }
    }

    /// How many cells the piece can yield.
    fn max_cells(&self) -> usize {
        if self.whole.is_some() { 1 } else { self.digits.len() }
    }
}

use super::tokens::Kind;

/// Gives each piece from `at` on a number of cells so that they add up to `k`, then cuts;
/// calls `leaf` with each complete cut and stops when it returns false.
fn distribute(pieces: &[Piece], at: usize, k: usize, current: &mut Vec<CutCell>, leaf: &mut dyn FnMut(&[CutCell]) -> bool) -> bool {
    if at == pieces.len() {
        return k != 0 || leaf(current);
    }
    let rest_min = pieces.len() - at - 1;
    let rest_max: usize = pieces[at + 1..].iter().map(Piece::max_cells).sum();
    let piece = &pieces[at];
    for m in 1..=piece.max_cells() {
        if m + rest_min > k || m + rest_max < k {
            continue;
        }
        if let Some(whole) = &piece.whole {
            current.push(whole.clone());
            let ok = distribute(pieces, at + 1, k - 1, current, leaf);
            current.pop();
            if !ok {
                return false;
            }
            continue;
        }
        // The piece's parts go onto `current` itself: no list of its own per cut.
        if !cut(piece, 0, m, current, &mut |current| distribute(pieces, at + 1, k - m, current, leaf)) {
            return false;
        }
    }
    true
}

/// Cuts the digits of `piece` from `from` into `m` parts with no leading zeros, pushed onto
/// `parts`, calling `done` with each complete cut (and taking the parts off again); stops
/// early when `done` returns false.
fn cut(piece: &Piece, from: usize, m: usize, parts: &mut Vec<CutCell>, done: &mut dyn FnMut(&mut Vec<CutCell>) -> bool) -> bool {
    let n = piece.digits.len();
    if m == 1 {
        let Some(part) = make_part(piece, from, n, true) else {
            return true;
        };
        parts.push(part);
        let ok = done(parts);
        parts.pop();
        return ok;
    }
    // This part takes digits [from, end); the remaining m-1 parts need at least m-1 digits.
    for end in from + 1..=n - (m - 1) {
        if piece.digits[from].0 == 0 && end > from + 1 {
            break;
        }
        let Some(part) = make_part(piece, from, end, false) else {
            continue;
        };
        parts.push(part);
        let ok = cut(piece, end, m - 1, parts, done);
        parts.pop();
        if !ok {
            return false;
        }
    }
    true
}

fn make_part(piece: &Piece, from: usize, end: usize, last: bool) -> Option<CutCell> {
    let digits = &piece.digits[from..end];
    if digits.len() > 1 && digits[0].0 == 0 {
        return None;
    }
    let span = Span::new(digits.first()?.1.start, digits.last()?.1.end);
    if last && !piece.tail.is_empty() {
        let mut text: String = digits.iter().map(|(d, _)| char::from(b'0' + d)).collect();
        text.push_str(&piece.tail);
        let (value, unit, _) = parse_number(&text)?;
        let span = piece.tail_span.map_or(span, |tail| span.cover(tail));
        return Some(CutCell { value, unit, span });
    }
    if digits.len() > crate::model::MAX_DIGITS {
        return None;
    }
    let value = digits.iter().fold(0i128, |n, (d, _)| n * 10 + i128::from(*d));
    Some(CutCell { value: Decimal::new(value, 0)?, unit: Unit::None, span })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::layout::Document;
    use crate::parse::tokens::tokenize;

    fn all_splits(text: &str, k: usize) -> Vec<String> {
        let doc = Document::from_text(text);
        let tokens = tokenize(&doc);
        let values: Vec<usize> = tokens.list.iter().enumerate().filter(|(_, t)| matches!(t.kind, Kind::Value(_))).map(|(i, _)| i).collect();
        let mut cuts: Vec<Vec<CutCell>> = Vec::new();
        let total = each_cut(&tokens, &values, k, &mut |parts| cuts.push(parts.to_vec())).expect("within the limit");
        assert_eq!(total, cuts.len());
        cuts.iter()
            .map(|parts| {
                for p in parts {
                    // Each part's span covers its digits in the input, and its raw text is them.
                    assert_eq!(&text[p.span.start..p.span.end], raw_of(&tokens, &values, p.span));
                }
                parts.iter().map(|p| p.value.to_string()).collect::<Vec<_>>().join(",")
            })
            .collect()
    }

    #[test]
    fn cuts_without_leading_zeros() {
        assert_eq!(all_splits("规章000", 3), ["0,0,0"]);
        assert_eq!(all_splits("行政事业性收费350", 2), ["3,50", "35,0"]);
        assert_eq!(all_splits("数量230 000023", 7), ["230,0,0,0,0,2,3", "2,30,0,0,0,0,23", "23,0,0,0,0,0,23"]);
        assert!(all_splits("公开7000007", 7).contains(&"7,0,0,0,0,0,7".to_string()));
    }

    #[test]
    fn the_last_cut_keeps_decimals_and_unit() {
        let splits = all_splits("政府集中采购13575394432.52元", 2);
        assert_eq!(splits.len(), 10);
        assert!(splits.contains(&"135,7539.443252".to_string()));
    }

    #[test]
    fn full_width_digits_keep_their_spans() {
        assert_eq!(all_splits("规章１０２", 3), ["1,0,2"]);
    }

    /// Whether `any_cut` and the listed cuts agree on `text` for each count of cells in `ks`.
    fn any_cut_agrees(text: &str, ks: impl Iterator<Item = usize>) {
        let doc = Document::from_text(text);
        let tokens = tokenize(&doc);
        let values: Vec<usize> = tokens.list.iter().enumerate().filter(|(_, t)| matches!(t.kind, Kind::Value(_))).map(|(i, _)| i).collect();
        for k in ks {
            let listed = each_cut(&tokens, &values, k, &mut |_| {}).is_none_or(|n| n > 0);
            assert_eq!(any_cut(&tokens, &values, k), listed, "{text:?} into {k}");
        }
    }

    /// Texts of one or two runs (digits, leading zeros, full-width digits, a decimal tail, a
    /// unit), for each count of cells; and a run of more digits than one number holds.
    #[test]
    fn any_cut_says_whether_a_cut_is_listed() {
        let runs = ["0", "7", "00", "10", "230", "000023", "7000007", "１０２", "0500", "35.5", "12元", "0000"];
        for a in runs {
            any_cut_agrees(&format!("数量{a}"), 0..12);
            for b in [runs[1], runs[3], runs[5], runs[9], runs[10]] {
                any_cut_agrees(&format!("数量{a} {b}"), 0..12);
            }
        }
        let long = format!("数量00{}", "1".repeat(26));
        any_cut_agrees(&long, [1, 2, 3, 4, 27, 28, 29].into_iter());
    }

    /// A run of as many digits as cells is taken without the walk: the same one cut.
    #[test]
    fn a_digit_a_cell_is_the_walks_one_cut() {
        for (text, k) in [("公开7000007", 7), ("规章１０２", 3), ("数量230 000023", 9), ("其他处理0 0 0 0 0 00", 7), ("申请 12 3 45", 5)]
        {
            let doc = Document::from_text(text);
            let tokens = tokenize(&doc);
            let values: Vec<usize> =
                tokens.list.iter().enumerate().filter(|(_, t)| matches!(t.kind, Kind::Value(_))).map(|(i, _)| i).collect();
            let mut taken = Vec::new();
            assert_eq!(each_cut(&tokens, &values, k, &mut |parts| taken.push(parts.to_vec())), Some(1), "{text}");
            let pieces: Vec<Piece> = values.iter().map(|&i| Piece::of(&tokens, &tokens.list[i])).collect();
            let mut walked = Vec::new();
            distribute(&pieces, 0, k, &mut Vec::new(), &mut |parts| {
                walked.push(parts.to_vec());
                true
            });
            assert_eq!(taken, walked, "{text}");
        }
    }

    #[test]
    fn gives_up_beyond_the_limit() {
        let text = format!("公开{}", "1".repeat(40));
        let doc = Document::from_text(&text);
        let tokens = tokenize(&doc);
        assert!(each_cut(&tokens, &[1], 15, &mut |_| {}).is_none());
    }
}
