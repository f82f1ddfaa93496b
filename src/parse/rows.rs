//! The rows stage of reading a table: its stretch of tokens → runs of values placed on the
//! official rows of the table's format (`align` places them, `labels` matches their text),
//! and the format the table's own words show. The first stage of `tables`; the cells of
//! each row are read after it (`cells`).

use std::ops::Range;

use super::align::{Segment, place_by_labels, place_by_order, segments};
use super::labels::{LabelMatch, Scope, Target};
use super::tokens::{Kind, Read, Tokens};
use crate::model::{AppealCol, AppealRow, Format, ProactiveRow, RequestRow, proactive_layout};

/// A table's stretch cut into segments, each placed on an official row or not.
pub struct Rows {
    /// Runs of values with the text before each, in text order.
    pub segments: Vec<Segment>,
    /// The official row each segment is placed on, if any.
    pub placed: Vec<Option<Target>>,
    /// The rows the table should have, in official order.
    pub expected: Vec<Target>,
    /// The format the table's own words show, if they show one (表二: its header; 表三: its
    /// （六） rows).
    pub shown: Option<Format>,
    /// The format the table is read by: the one shown, else what the rest of the report
    /// suggests.
    pub format: Format,
}

/// Folded header words that show a 表二's format.
const PROACTIVE_2019_WORDS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第(九)项",
    "采购总金额",
];
const PROACTIVE_2021_WORDS: &[&str] = &["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"];

/// The format 表二's header words show, if they show one.
pub fn proactive_format(tokens: &Tokens, norm: &Range<usize>) -> Option<Format> {
    let text = tokens.norm[norm.clone()].replace('\n', "");
    let count = |words: &[&str]| words.iter().filter(|w| text.contains(*w)).count();
    let (old, new) = (count(PROACTIVE_2019_WORDS), count(PROACTIVE_2021_WORDS));
    match old.cmp(&new) {
        std::cmp::Ordering::Greater => Some(Format::V2019),
        std::cmp::Ordering::Less => Some(Format::V2021),
        std::cmp::Ordering::Equal => None,
    }
}

/// 表二's rows. Its format is what its header words show (`header_format`), else the 2019
/// format when a row only that format has is placed by its label, else `fallback`.
pub fn proactive(tokens: &Tokens, range: Range<usize>, header_format: Option<Format>, fallback: Format) -> Rows {
    let segments = segments(tokens, range, Some(Scope::Proactive));
    let order: Vec<Target> = ProactiveRow::ALL.iter().map(|r| Target::Proactive(*r)).collect();
    let mut placed = place_by_labels(&segments, &order);
    let format = header_format.unwrap_or_else(|| {
        let has_2019_row =
            placed.iter().any(|p| matches!(p, Some(Target::Proactive(ProactiveRow::OtherServices | ProactiveRow::Procurement))));
        if has_2019_row { Format::V2019 } else { fallback }
    });
    let expected: Vec<Target> = proactive_layout(format).iter().flat_map(|b| b.rows.iter().map(|(r, _)| Target::Proactive(*r))).collect();
    place_by_order(&segments, &mut placed, &expected);
    Rows { segments, placed, expected, shown: header_format, format }
}

/// 表三's rows. Its format is what its （六） rows show ([`request_format`]), else `hint`.
pub fn requests(tokens: &Tokens, range: Range<usize>, hint: Format) -> Rows {
    let segments = segments(tokens, range, Some(Scope::Requests));
    let order: Vec<Target> = RequestRow::ALL.iter().map(|r| Target::Requests(*r)).collect();
    let mut placed = place_by_labels(&segments, &order);
    let by_labels = request_rows(request_format(&placed), hint, &placed);
    place_by_order(&segments, &mut placed, &by_labels);
    // A 2021 table that prints a subtotal on its （六）其他处理 header as well as the three
    // sub-rows: the subtotal is not a row of the format, and counting it would count twice.
    let has_sub_rows = placed.iter().any(|p| matches!(p, Some(Target::Requests(r)) if r.only_2021()));
    if has_sub_rows {
        for p in placed.iter_mut().filter(|p| **p == Some(Target::Requests(RequestRow::Other))) {
            *p = None;
        }
    }
    // Placing by order may have placed （六）'s rows: the format is told again.
    let shown = request_format(&placed);
    let expected = request_rows(shown, hint, &placed);
    Rows { segments, placed, expected, shown, format: shown.unwrap_or(hint) }
}

/// The format 表三's placed rows show: the 2021 sub-rows of （六） mean 2021; a single （六）
/// row alone means 2019. (A 2021 table that prints the single row is told by its 表二 header,
/// in `tables::read`.)
fn request_format(placed: &[Option<Target>]) -> Option<Format> {
    let has = |row: RequestRow| placed.contains(&Some(Target::Requests(row)));
    let sub_rows = [RequestRow::OtherNoCorrection, RequestRow::OtherUnpaidFee, RequestRow::OtherOther].into_iter().any(has);
    let single = has(RequestRow::Other);
    match (sub_rows, single) {
        (true, _) => Some(Format::V2021),
        (false, true) => Some(Format::V2019),
        (false, false) => None,
    }
}

/// The rows 表三 should have: the format's rows, with the single （六） row standing in for
/// the three sub-rows when a 2021 table printed it so.
fn request_rows(shown: Option<Format>, hint: Format, placed: &[Option<Target>]) -> Vec<Target> {
    let format = shown.unwrap_or(hint);
    let has_single = placed.contains(&Some(Target::Requests(RequestRow::Other)));
    let mut rows: Vec<RequestRow> = RequestRow::rows_of(format).to_vec();
    if format == Format::V2021 && has_single && !placed.iter().any(|p| matches!(p, Some(Target::Requests(r)) if r.only_2021())) {
        rows.retain(|r| !r.only_2021());
        let at = rows.iter().position(|r| *r == RequestRow::Total).unwrap_or(rows.len());
        rows.insert(at, RequestRow::Other);
    }
    rows.into_iter().map(Target::Requests).collect()
}

/// 表四's groups of five columns (the last the group's total), three in its row of fifteen.
pub const APPEAL_GROUP: usize = AppealCol::ALL.len();
pub const APPEAL_WIDTH: usize = AppealRow::ALL.len() * APPEAL_GROUP;

/// 表四's one row of fifteen values, as its stretch shows it.
pub enum AppealValues {
    /// The values to read, as one segment (labels and empty lines dropped).
    Found(Segment),
    /// Values the words between them show to be out of order: the first fifteen.
    OrderLost(Vec<usize>),
}

/// 表四's values: the first run of values that can make the fifteen cells, and the segments it
/// comes from: one segment of fifteen or more, or consecutive segments of five, or each value
/// after its own header word, one per line: fifteen in all; else the first segment's values.
/// `None` when the stretch holds no values.
pub fn appeals(tokens: &Tokens, range: Range<usize>) -> Option<AppealValues> {
    let segs = segments(tokens, range, None);
    let from: Option<Vec<&Segment>> = segs
        .iter()
        .find(|s| s.values.len() >= APPEAL_WIDTH)
        .map(|s| vec![s])
        .or_else(|| {
            let fives: Vec<&Segment> = segs.iter().filter(|s| s.values.len() == APPEAL_GROUP).take(AppealRow::ALL.len()).collect();
            (fives.len() == AppealRow::ALL.len()).then_some(fives)
        })
        .or_else(|| (segs.iter().map(|s| s.values.len()).sum::<usize>() == APPEAL_WIDTH).then(|| segs.iter().collect()));
    // Placed by order, the values must agree with the words between them: text copied in
    // reading order brings 表四's columns out as blocks with header fragments between.
    if let Some(from) = from.as_ref().filter(|from| order_contradicted(from)) {
        return Some(AppealValues::OrderLost(from.iter().flat_map(|s| s.values.iter().copied()).take(APPEAL_WIDTH).collect()));
    }
    let values: Vec<usize> = match from {
        Some(from) => from.iter().flat_map(|s| s.values.iter().copied()).collect(),
        None => segs.first()?.values.clone(),
    };
    let values = if values.len() > APPEAL_WIDTH { trim_to(tokens, &values, APPEAL_WIDTH) } else { values };
    Some(AppealValues::Found(Segment { label: String::new(), values, gaps: Vec::new(), matched: LabelMatch::default() }))
}

/// Whether the words before the values of 表四's segments (after the first) contradict
/// placing them by order: a column's name before a value the order puts in another column
/// ("总计" before what would be 结果维持), fragments of the header that name other columns
/// than the values after them, a group's name right before a value of another group. Words
/// agree when they name the columns of the values that follow, in order (a header row, or
/// several, before their numbers), or when the last names the column of the first value (a
/// value after its own column's name).
fn order_contradicted(from: &[&Segment]) -> bool {
    let mut at = 0;
    for (i, seg) in from.iter().enumerate() {
        let by_order: Vec<usize> = (at..at + seg.values.len()).map(|p| p % APPEAL_GROUP).collect();
        let group = at / APPEAL_GROUP;
        at += seg.values.len();
        if i == 0 {
            continue;
        }
        let words = appeal_header_words(&seg.label);
        let columns: Vec<usize> = words.iter().filter_map(|w| w.0).collect();
        let agrees_column = columns.is_empty() || by_order.starts_with(&columns) || columns.last() == by_order.first();
        let agrees_group = match words.last() {
            Some((None, Some(g))) => *g == group,
            _ => true,
        };
        if !agrees_column || !agrees_group {
            return true;
        }
    }
    false
}

/// The header words of 表四 in a label, in order: each a column (0 结果维持 … 4 总计) or a
/// group (1 未经复议直接起诉, 2 复议后起诉).
fn appeal_header_words(label: &str) -> Vec<(Option<usize>, Option<usize>)> {
    const WORDS: [(&str, Option<usize>, Option<usize>); 8] = [
        ("维持", Some(0), None),
        ("纠正", Some(1), None),
        ("其他", Some(2), None),
        ("尚未", Some(3), None),
        ("审结", Some(3), None),
        ("总计", Some(4), None),
        ("未经复议直接起诉", None, Some(1)),
        ("复议后起诉", None, Some(2)),
    ];
    let text: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found: Vec<(usize, Option<usize>, Option<usize>)> = Vec::new();
    for (word, column, group) in WORDS {
        found.extend(text.match_indices(word).map(|(at, _)| (at, column, group)));
    }
    crate::model::sort_stable_by(&mut found, |a, b| a.0.cmp(&b.0));
    // 尚未审结 is one word.
    found.dedup_by(|b, a| a.1 == Some(3) && b.1 == Some(3) && b.0 <= a.0 + "尚未".len());
    found.into_iter().map(|(_, column, group)| (column, group)).collect()
}

/// The first `n` values of a longer run, dropping empty fields at its start.
fn trim_to(tokens: &Tokens, values: &[usize], n: usize) -> Vec<usize> {
    let is_empty = |i: &usize| matches!(&tokens.list[*i].kind, Kind::Value(v) if v.read == Read::Empty);
    let start = values.iter().position(|i| !is_empty(i)).unwrap_or(0);
    values[start..].iter().copied().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::layout::Document;
    use crate::parse::tokens::tokenize;

    /// 表三's rows in `text` read with `hint`: the format they show and the row of each
    /// segment ("?" where none).
    fn requests_of(text: &str, hint: Format) -> (Option<Format>, Vec<String>) {
        let doc = Document::from_text(text);
        let tokens = tokenize(&doc);
        let rows = requests(&tokens, 0..tokens.list.len(), hint);
        let placed = rows
            .placed
            .iter()
            .map(|p| match p {
                Some(Target::Requests(r)) => r.key().to_string(),
                _ => "?".to_string(),
            })
            .collect();
        (rows.shown, placed)
    }

    #[test]
    fn rows_placed_by_order_tell_the_format_their_labels_do_not() {
        // （六）'s three sub-rows lost their labels in a conversion: placed by order where the
        // report's year puts the 2021 format's three rows, they show that format.
        let text = "| 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
                    | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
                    | （七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |";
        let rows = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(
            requests_of(text, Format::V2021),
            (Some(Format::V2021), rows(&["rejected_confirmation", "other_no_correction", "other_unpaid_fee", "other_other", "total"]))
        );
        // Where the year puts the 2019 format, one row stands there for three segments: none
        // is placed, and the rows show no format.
        assert_eq!(requests_of(text, Format::V2019), (None, rows(&["rejected_confirmation", "?", "?", "?", "total"])));
    }
}
