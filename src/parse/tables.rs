//! Reading each table's cells from its stretch of tokens.

use std::collections::BTreeMap;
use std::ops::Range;

use super::align::{Segment, align, segments};
use super::labels::{Scope, Target};
use super::runs::{self, Part, splits};
use super::tokens::{Kind, Read, Tokens};
use crate::model::{
    AppealCol, AppealRow, Cell, CellKey, Decimal, Format, MixedFormat, Note, ProactiveCol, ProactiveRow, RequestCol, RequestRow,
    Settlement,
    Span, Table, Unit, UnreadReason, Value, proactive_block, proactive_layout,
};

/// What reading one table produced.
#[derive(Debug, Default)]
pub struct TableOut {
    pub cells: Vec<(CellKey, Cell)>,
    pub notes: Vec<Note>,
    /// The format the table's own labels show.
    pub format: Option<Format>,
    /// Official rows of the table's format that were not found.
    pub missing_rows: Vec<String>,
    /// Where the table's rows stood.
    pub span: Option<Span>,
}

impl TableOut {
    pub fn found(&self) -> bool {
        !self.cells.is_empty()
    }
}

/// A cut of a run into a row's cells, each cell with its raw text.
type Cut = Vec<(Part, String)>;

/// Digits that ran together in a row, and the cuts of them that satisfy the row's relation.
struct Runs {
    cuts: Vec<Cut>,
    /// How many cuts satisfy the relation (more may exist than were kept).
    satisfying: usize,
    /// How many cuts there are at all.
    splits: usize,
    raw: String,
    span: Option<Span>,
}

/// A relation a complete row of numbers must satisfy.
type Relation<'a> = &'a dyn Fn(&[Decimal]) -> bool;

/// What a table tells the reading of one of its rows.
struct Hints<'a> {
    /// Whether a complete row of numbers is consistent (表三's row total, 表四's group
    /// totals); `None` where the table states no relation.
    relation: Option<Relation<'a>>,
    settle: Settle,
    /// Where the columns stand, from complete rows nearby (text laid out with spaces).
    guide: Option<&'a [u32]>,
    /// Where a 法人或其他组织 subtotal column stands in a variant 表三, as its header says.
    subtotal_at: Option<usize>,
}

/// What may settle a row whose digits ran together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Settle {
    /// 表二 states no relation: only a run with one possible cut, and that cut all zeros.
    /// (Any other single cut may hide an empty cell that left no trace: "312" may be 3, —, 12.)
    ZerosOnly,
    /// 表四: its three group totals decide.
    Row,
    /// 表三: the row total narrows the cuts, the column relations (（七）总计 and the balance)
    /// must confirm them, since a row total alone is often met by a wrong cut.
    Columns,
}

/// How a row's values were read.
enum RowRead {
    /// One cell per column.
    Cells(Vec<Cell>),
    /// Digits ran together: the splits into the row's cells that satisfy the row's relation.
    Runs(Runs),
    /// Fewer (or more) values than columns, without a way to split them.
    Miscounted { cells: Vec<Cell>, found: usize, raw: String, span: Option<Span> },
}

/// Reads a row's value tokens as `k` cells. `relation` tells whether a complete row of
/// numbers is consistent (表三's row total, 表四's group totals); `None` where the table
/// states no relation, so only a split that is the only one possible is taken.
fn read_row(tokens: &Tokens, seg: &Segment, k: usize, hints: &Hints<'_>) -> RowRead {
    let relation = hints.relation;
    let guide = hints.guide;
    let mut values: Vec<usize> = seg.values.clone();
    let is_empty = |i: &usize| matches!(&tokens.list[*i].kind, Kind::Value(v) if v.read == Read::Empty);
    // Empty fields at the edges of a delimited row (a trailing tab, an extra pipe) pad it.
    while values.len() > k && values.last().is_some_and(is_empty) {
        values.pop();
    }
    while values.len() > k && values.first().is_some_and(is_empty) {
        values.remove(0);
    }
    let raw = raw_of(tokens, &values);
    let span = span_of(tokens, &values);
    let number = |i: usize| match &tokens.list[i].kind {
        Kind::Value(v) => match v.read {
            Read::Number { value, .. } => Some(value),
            _ => None,
        },
        _ => None,
    };
    // A converter that repeats a merged cell's value in every column it spans.
    if k == 1 && values.len() > 1 && values.len() <= 4 && values.iter().all(|&i| number(i).is_some() && number(i) == number(values[0])) {
        values.truncate(1);
    }
    // 表三 with a 法人或其他组织 subtotal column (a variant of the format): the eighth value
    // is dropped where it is exactly the sum of the five organisation columns.
    // It stands where the header says; without a header, where only one place fits.
    if k == 7 && values.len() == 8 && relation.is_some() {
        let numbers: Option<Vec<Decimal>> = values.iter().map(|&i| number(i)).collect();
        if let Some(numbers) = numbers {
            let fits = |at: usize| {
                let mut rest = numbers.clone();
                let subtotal = rest.remove(at);
                Decimal::sum(rest[1..6].iter().copied()) == Some(subtotal)
            };
            let places: Vec<usize> = match hints.subtotal_at {
                Some(at) => vec![at],
                None => vec![1, 6],
            };
            let fitting: Vec<usize> = places.into_iter().filter(|at| fits(*at)).collect();
            if let [at] = fitting[..] {
                values.remove(at);
            }
        }
    }
    if values.len() == k {
        return RowRead::Cells(values.iter().map(|&i| cell_of(tokens, i)).collect());
    }
    // One value per line with empty lines between them: when the empty lines make up exactly
    // the missing cells, they are the empty cells.
    if values.len() == seg.values.len() && values.len() + seg.gaps.len() == k && !seg.gaps.is_empty() {
        let mut cells = Vec::with_capacity(k);
        let mut gaps = seg.gaps.iter().peekable();
        for (n, &i) in values.iter().enumerate() {
            while let Some((_, line_end)) = gaps.next_if(|(at, _)| *at == n) {
                let at = tokens.list[*line_end].span.start;
                cells.push(Cell { value: Value::Blank, raw: String::new(), span: Some(Span::new(at, at)), unit: Unit::None });
            }
            cells.push(cell_of(tokens, i));
        }
        if cells.len() == k {
            return RowRead::Cells(cells);
        }
    }
    let all_numbers = values.iter().all(|&i| matches!(&tokens.list[i].kind, Kind::Value(v) if matches!(v.read, Read::Number { .. })));
    let any_splittable = values.iter().any(|&i| matches!(&tokens.list[i].kind, Kind::Value(v) if v.splittable));
    if values.len() < k && all_numbers && any_splittable {
        let keep = |parts: &[Part]| match relation {
            Some(holds) => holds(&parts.iter().map(|p| p.value).collect::<Vec<_>>()),
            None => true,
        };
        match splits(tokens, &values, k, &keep) {
            Some(found) if found.total > 0 => {
                let cuts = found
                    .kept
                    .into_iter()
                    .map(|parts| parts.into_iter().map(|p| { let raw = runs::raw_of(tokens, &values, p.span); (p, raw) }).collect())
                    .collect();
                return RowRead::Runs(Runs { cuts, satisfying: found.satisfying, splits: found.total, raw, span });
            }
            Some(_) => {}
            None => return RowRead::Runs(Runs { cuts: Vec::new(), satisfying: 0, splits: super::runs::MAX_SPLITS, raw, span }),
        }
    }
    // In text laid out with spaces, an empty cell leaves no trace, but the numbers still
    // stand under their columns: complete rows nearby show where the columns are.
    // The placement must not contradict the row's relation: where the table states one (表三),
    // the parts that are numbers cannot exceed a total that is one (blanks count for at
    // least nothing). A placement that breaks it is more likely one column off (text aligned
    // for the eye, not by characters) than a real error.
    if let Some(cells) = guide.and_then(|g| place_by_columns(tokens, &values, g)) {
        let parts: Option<Decimal> = Decimal::sum(cells[..k.saturating_sub(1)].iter().filter_map(Cell::number));
        let total = cells.last().and_then(Cell::number);
        let plausible = relation.is_none() || matches!((parts, total), (Some(p), Some(t)) if p <= t) || total.is_none();
        let complete = cells.iter().all(|c| c.number().is_some());
        let holds = !complete || relation.is_none_or(|r| r(&cells.iter().filter_map(Cell::number).collect::<Vec<_>>()));
        if plausible && holds {
            return RowRead::Cells(cells);
        }
    }
    // The numbers cannot be placed column by column. In a delimited row (tabs, pipes, a table
    // cell each) of a few columns (表二, 表三), where a conversion dropped a cell, the first
    // value is the first column's; the others stay unread. Not where an empty cell leaves no
    // trace at all (text laid out with spaces, one value per line, flattened text): there
    // the first column may be the empty one. 表四's row of fifteen is too long for the guess.
    let delimited = on_one_line(tokens, &values)
        && values.iter().all(|&i| tokens.list[i].cols.is_none() && matches!(&tokens.list[i].kind, Kind::Value(v) if !v.splittable));
    let mut cells: Vec<Cell> = Vec::with_capacity(k);
    if values.len() < k && k <= 7 && delimited
        && let Some(&first) = values.first() {
            cells.push(cell_of(tokens, first));
        }
    while cells.len() < k {
        cells.push(unread_cell(&raw, UnreadReason::RowIncomplete));
    }
    RowRead::Miscounted { cells, found: values.len(), raw, span }
}

fn cell_of(tokens: &Tokens, index: usize) -> Cell {
    let token = &tokens.list[index];
    let Kind::Value(v) = &token.kind else { unreachable!("cells are read from value tokens") };
    let (value, unit) = match &v.read {
        Read::Number { value, unit, .. } => (Value::Number(*value), *unit),
        Read::Blank | Read::Empty => (Value::Blank, Unit::None),
        Read::NotANumber => (Value::Unread(UnreadReason::NotANumber), Unit::None),
    };
    Cell { value, raw: v.raw.clone(), span: Some(token.span), unit }
}

fn cell_of_part((part, raw): &(Part, String)) -> Cell {
    Cell { value: Value::Number(part.value), raw: raw.clone(), span: Some(part.span), unit: part.unit }
}

/// A cell that is present but whose number could not be told: its raw text is the text of
/// the whole row or run it stands in, and it has no span of its own (the note that explains
/// it points at the row).
fn unread_cell(raw: &str, reason: UnreadReason) -> Cell {
    Cell { value: Value::Unread(reason), raw: raw.to_string(), span: None, unit: Unit::None }
}

fn raw_of(tokens: &Tokens, values: &[usize]) -> String {
    values
        .iter()
        .filter_map(|&i| match &tokens.list[i].kind {
            Kind::Value(v) => Some(v.raw.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn span_of(tokens: &Tokens, values: &[usize]) -> Option<Span> {
    values.iter().map(|&i| tokens.list[i].span).reduce(Span::cover)
}

/// The token range of a stretch of folded text.
pub fn token_range(tokens: &Tokens, norm: &Range<usize>) -> Range<usize> {
    tokens.token_at_norm(norm.start)..tokens.token_at_norm(norm.end)
}

/// Folded header words that show a 表二's format.
const PROACTIVE_2019_WORDS: &[&str] =
    &["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项", "第二十条第(九)项", "采购总金额"];
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

/// Reads 表二. `format` is what its header words show, else what the rest of the report
/// suggests.
pub fn read_proactive(tokens: &Tokens, norm: &Range<usize>, header_format: Option<Format>, fallback: Format) -> TableOut {
    let range = token_range(tokens, norm);
    let segs = segments(tokens, range, Some(Scope::Proactive));
    let order: Vec<Target> = ProactiveRow::ALL.iter().map(|r| Target::Proactive(*r)).collect();
    let placed_first = align(&segs, &order, |_| Vec::new());
    // Rows only the 2019 format has, or a row's count of values, settle an unknown format.
    let format = header_format.unwrap_or_else(|| {
        let has_2019_row = placed_first
            .iter()
            .any(|p| matches!(p, Some(Target::Proactive(ProactiveRow::OtherServices | ProactiveRow::Procurement))));
        if has_2019_row { Format::V2019 } else { fallback }
    });
    let rows: Vec<Target> = proactive_layout(format)
        .iter()
        .flat_map(|b| b.rows.iter().map(|(r, _)| Target::Proactive(*r)))
        .collect();
    let placed = align(&segs, &order, |_| rows.clone());
    let mut out = TableOut { format: header_format, ..TableOut::default() };
    for (i, (seg, target)) in segs.iter().zip(&placed).enumerate() {
        let Some(Target::Proactive(row)) = target else { continue };
        let Some(block) = proactive_block(format, *row) else { continue };
        let keys: Vec<CellKey> = block.columns.iter().map(|(c, _)| CellKey::Proactive(*row, *c)).collect();
        let guide = column_guide(tokens, &segs, i, keys.len());
        let hints = Hints { relation: None, settle: Settle::ZerosOnly, guide: guide.as_deref(), subtotal_at: None };
        place_row(tokens, seg, &keys, &hints, &mut out);
    }
    let unplaced: Vec<Target> = rows.iter().copied().filter(|r| !placed.contains(&Some(*r))).collect();
    if !out.cells.is_empty() && !unplaced.is_empty() {
        let empty = empty_rows(tokens, token_range(tokens, norm), Scope::Proactive, &unplaced);
        blank_rows(&mut out, &empty, format);
    }
    finish(&mut out, &placed, &rows, Table::Proactive);
    if let Some(unit) = procurement_header_unit(tokens, norm) {
        apply_header_unit(&mut out, CellKey::Proactive(ProactiveRow::Procurement, ProactiveCol::Amount), unit);
    }
    out
}

/// The unit the 2019 表二 header gives 采购总金额, if it gives one: "采购总金额(万元)",
/// "采购总金额(单位:元)". (The official header states none; many reports add one.)
fn procurement_header_unit(tokens: &Tokens, norm: &Range<usize>) -> Option<Unit> {
    const LABEL: &str = "采购总金额";
    let text = &tokens.norm[norm.clone()];
    let at = text.find(LABEL)? + LABEL.len();
    let rest = text[at..].trim_start_matches('\n').strip_prefix('(')?;
    let inside: String = rest.chars().take_while(|c| *c != ')').take(8).collect();
    if inside.contains("万元") {
        Some(Unit::WanYuan)
    } else if inside.contains('元') {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// Gives the number in `key` written without a unit the unit its header states, converting
/// 元 to 万元 as for a unit written in the cell.
fn apply_header_unit(out: &mut TableOut, key: CellKey, unit: Unit) {
    for (k, cell) in &mut out.cells {
        if *k != key || cell.unit != Unit::None {
            continue;
        }
        let Value::Number(n) = cell.value else { continue };
        let converted = if unit == Unit::Yuan { n.yuan_to_wan() } else { Some(n) };
        if let Some(value) = converted {
            cell.value = Value::Number(value);
            cell.unit = unit;
        }
    }
}

/// Reads 表三. Returns the table and the format its rows show (the 2021 sub-rows of （六）,
/// or a single （六） row).
pub fn read_requests(tokens: &Tokens, norm: &Range<usize>, hint: Format) -> TableOut {
    let range = token_range(tokens, norm);
    let segs = segments(tokens, range, Some(Scope::Requests));
    let order: Vec<Target> = RequestRow::ALL.iter().map(|r| Target::Requests(*r)).collect();
    let rows_for = |placed: &[Option<Target>]| -> Vec<Target> { request_rows(row_format(placed), hint, placed) };
    let mut placed = align(&segs, &order, rows_for);
    // A 2021 table that prints a subtotal on its （六）其他处理 header as well as the three
    // sub-rows: the subtotal is not a row of the format, and counting it would count twice.
    let has_sub_rows = placed.iter().any(|p| matches!(p, Some(Target::Requests(r)) if r.only_2021()));
    if has_sub_rows {
        for p in placed.iter_mut().filter(|p| **p == Some(Target::Requests(RequestRow::Other))) {
            *p = None;
        }
    }
    let shown = row_format(&placed);
    let rows = request_rows(shown, hint, &placed);
    let mut out = TableOut { format: shown.map(|(f, _)| f), ..TableOut::default() };
    let row_total = |values: &[Decimal]| Decimal::sum(values[..6].iter().copied()) == Some(values[6]);
    let subtotal_at = subtotal_column(&tokens.norm[norm.clone()]);
    let header_guide = segs.first().and_then(|first| requests_header_guide(tokens, token_range(tokens, norm).start, first.values[0]));
    let mut pending: Vec<(RequestRow, Runs)> = Vec::new();
    for (i, (seg, target)) in segs.iter().zip(&placed).enumerate() {
        let Some(Target::Requests(row)) = target else { continue };
        let keys: Vec<CellKey> = RequestCol::ALL.iter().map(|c| CellKey::Requests(*row, *c)).collect();
        let guide = column_guide(tokens, &segs, i, keys.len()).or_else(|| header_guide.clone());
        let hints = Hints { relation: Some(&row_total), settle: Settle::Columns, guide: guide.as_deref(), subtotal_at };
        if let Some(runs) = place_row(tokens, seg, &keys, &hints, &mut out) {
            pending.push((*row, runs));
        }
    }
    if !pending.is_empty() {
        let request_rows: Vec<RequestRow> =
            rows.iter().filter_map(|t| if let Target::Requests(r) = t { Some(*r) } else { None }).collect();
        settle_by_columns(&mut out, pending, &request_rows);
    }
    let unplaced: Vec<Target> = rows.iter().copied().filter(|r| !placed.contains(&Some(*r))).collect();
    if !out.cells.is_empty() && !unplaced.is_empty() {
        let empty = empty_rows(tokens, token_range(tokens, norm), Scope::Requests, &unplaced);
        blank_rows(&mut out, &empty, shown.map_or(hint, |(f, _)| f));
    }
    finish(&mut out, &placed, &rows, Table::Requests);
    if let Some((Format::V2021, true)) = shown {
        out.notes.push(Note::MixedFormat { table: Table::Requests, detail: MixedFormat::SingleOtherRowIn2021 });
    }
    out
}

/// The format 表三's placed rows show, and whether it is a 2021 table with a single （六）
/// row: the 2021 sub-rows mean 2021; a single （六） row alone means 2019.
fn row_format(placed: &[Option<Target>]) -> Option<(Format, bool)> {
    let has = |row: RequestRow| placed.contains(&Some(Target::Requests(row)));
    let sub_rows = [RequestRow::OtherNoCorrection, RequestRow::OtherUnpaidFee, RequestRow::OtherOther].into_iter().any(has);
    let single = has(RequestRow::Other);
    match (sub_rows, single) {
        (true, _) => Some((Format::V2021, false)),
        (false, true) => Some((Format::V2019, false)),
        (false, false) => None,
    }
}

/// Where a variant 表三's header puts a 法人或其他组织 subtotal (小计) column among the eight
/// values of a row: after 自然人 (1) or after 其他 (6). `None` without such a header.
fn subtotal_column(header: &str) -> Option<usize> {
    let subtotal = header.find("小计")?;
    let commercial = header.find("商业")?;
    Some(if subtotal < commercial { 1 } else { 6 })
}

/// The rows 表三 should have: the format's rows, with the single （六） row standing in for
/// the three sub-rows when a 2021 table printed it so.
fn request_rows(shown: Option<(Format, bool)>, hint: Format, placed: &[Option<Target>]) -> Vec<Target> {
    let format = shown.map_or(hint, |(f, _)| f);
    let has_single = placed.contains(&Some(Target::Requests(RequestRow::Other)));
    let mut rows: Vec<RequestRow> = RequestRow::rows_of(format).to_vec();
    if format == Format::V2021 && has_single && !placed.iter().any(|p| matches!(p, Some(Target::Requests(r)) if r.only_2021())) {
        rows.retain(|r| !r.only_2021());
        let at = rows.iter().position(|r| *r == RequestRow::Total).unwrap_or(rows.len());
        rows.insert(at, RequestRow::Other);
    }
    rows.into_iter().map(Target::Requests).collect()
}

/// Reads 表四: fifteen numbers in the official column order, found as one row of fifteen
/// (the usual print), as three labelled groups of five, or as digits run together.
pub fn read_appeals(tokens: &Tokens, norm: &Range<usize>) -> TableOut {
    let range = token_range(tokens, norm);
    let segs = segments(tokens, range, None);
    let keys: Vec<CellKey> = AppealRow::ALL
        .iter()
        .flat_map(|r| AppealCol::ALL.iter().map(move |c| CellKey::Appeals(*r, *c)))
        .collect();
    let groups_hold = |v: &[Decimal]| {
        v.chunks(5).all(|g| Decimal::sum(g[..4].iter().copied()) == Some(g[4]))
    };
    let mut out = TableOut::default();
    // The first run of values that can make the fifteen cells: one segment of fifteen or
    // more, or consecutive segments of five.
    let values: Option<Vec<usize>> = segs
        .iter()
        .find(|s| s.values.len() >= 15)
        .map(|s| s.values.clone())
        .or_else(|| {
            let fives: Vec<&Segment> = segs.iter().filter(|s| s.values.len() == 5).take(3).collect();
            (fives.len() == 3).then(|| fives.iter().flat_map(|s| s.values.clone()).collect())
        })
        // Each value after its own header word, one per line: fifteen in all.
        .or_else(|| {
            let all: Vec<usize> = segs.iter().flat_map(|s| s.values.iter().copied()).collect();
            (all.len() == 15).then_some(all)
        });
    let values = match values {
        Some(v) => v,
        None => match segs.first() {
            Some(first) => first.values.clone(),
            None => return out,
        },
    };
    let values = if values.len() > 15 { trim_to(tokens, &values, 15) } else { values };
    let seg = Segment { label: String::new(), values, gaps: Vec::new(), matched: super::labels::LabelMatch::default() };
    let hints = Hints { relation: Some(&groups_hold), settle: Settle::Row, guide: None, subtotal_at: None };
    if let Some(runs) = place_row(tokens, &seg, &keys, &hints, &mut out) {
        // 表四 has no other relation to choose among several splits.
        leave_unread(&mut out, &keys, runs, false);
    }
    out.span = span_of(tokens, &seg.values);
    out.format = None;
    out
}

/// The first `n` values of a longer run, dropping empty fields at its start.
fn trim_to(tokens: &Tokens, values: &[usize], n: usize) -> Vec<usize> {
    let is_empty = |i: &usize| matches!(&tokens.list[*i].kind, Kind::Value(v) if v.read == Read::Empty);
    let start = values.iter().position(|i| !is_empty(i)).unwrap_or(0);
    values[start..].iter().copied().take(n).collect()
}

/// Reads a placed row into `out`. Returns the runs when digits ran together and the row's
/// own relation left more than one cut (表三 settles those by its column relations).
fn place_row(tokens: &Tokens, seg: &Segment, keys: &[CellKey], hints: &Hints<'_>, out: &mut TableOut) -> Option<Runs> {
    let settle = hints.settle;
    out.span = [out.span, span_of(tokens, &seg.values)].into_iter().flatten().reduce(Span::cover);
    match read_row(tokens, seg, keys.len(), hints) {
        RowRead::Cells(cells) => out.cells.extend(keys.iter().copied().zip(cells)),
        RowRead::Miscounted { cells, found, raw, span } => {
            out.notes.push(Note::RowIncomplete { cells: keys.to_vec(), found, raw, span });
            out.cells.extend(keys.iter().copied().zip(cells));
        }
        RowRead::Runs(runs) => {
            let only_cut = runs.splits == 1 && runs.satisfying == 1;
            let zeros = runs.cuts.first().is_some_and(|cut| cut.iter().all(|(p, _)| p.value.is_zero()));
            let accept = match settle {
                Settle::ZerosOnly => only_cut && zeros,
                Settle::Row => runs.satisfying == 1,
                Settle::Columns => only_cut,
            };
            if accept {
                let settled_by = if runs.splits == 1 { Settlement::Unique } else { Settlement::RowRelation };
                out.cells.extend(keys.iter().copied().zip(runs.cuts[0].iter().map(cell_of_part)));
                out.notes.push(Note::RunTogetherSplit { cells: keys.to_vec(), raw: runs.raw, span: runs.span, splits: runs.splits, settled_by });
            } else if settle == Settle::Columns && runs.satisfying >= 1 {
                return Some(runs);
            } else {
                leave_unread(out, keys, runs, false);
            }
        }
    }
    None
}

/// Leaves a row whose run could not be cut with certainty unread, and says why
/// (`columns_failed`: the row total allowed cuts, the column relations confirmed none).
fn leave_unread(out: &mut TableOut, keys: &[CellKey], runs: Runs, columns_failed: bool) {
    out.cells.extend(keys.iter().map(|k| (*k, unread_cell(&runs.raw, UnreadReason::RunTogether))));
    out.notes.push(Note::RunTogetherAmbiguous {
        cells: keys.to_vec(),
        raw: runs.raw,
        span: runs.span,
        splits: runs.splits,
        satisfying: runs.satisfying,
        columns_failed,
    });
}

/// Where the columns of a row laid out with spaces stand: the centres (in half display
/// columns) of the numbers of the nearest complete rows, one above and one below, when they
/// agree. `None` when there is no such row (different pages of a PDF may indent
/// differently, so only near rows are trusted).
fn column_guide(tokens: &Tokens, segs: &[Segment], at: usize, k: usize) -> Option<Vec<u32>> {
    if k < 2 || segs[at].values.len() >= k {
        return None;
    }
    let centres = |seg: &Segment| -> Option<Vec<u32>> {
        if seg.values.len() != k || !on_one_line(tokens, &seg.values) {
            return None;
        }
        seg.values.iter().map(|&i| tokens.list[i].cols.map(|(a, b)| a + b)).collect()
    };
    let near = 3;
    let above = segs[at.saturating_sub(near)..at].iter().rev().find_map(centres);
    let below = segs.get(at + 1..(at + 1 + near).min(segs.len())).and_then(|s| s.iter().find_map(centres));
    let guide = match (above, below) {
        (Some(a), Some(b)) => {
            // Numbers of different widths shift a little; a third of a column gap is agreement.
            let gap = a.windows(2).map(|w| w[1].saturating_sub(w[0])).min().unwrap_or(0);
            let agree = a.iter().zip(&b).all(|(x, y)| x.abs_diff(*y) <= (gap / 3).max(2));
            if !agree {
                return None;
            }
            a
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    // Columns must stand apart, left to right.
    guide.windows(2).all(|w| w[1] > w[0] + 2).then_some(guide)
}

/// Where 表三's seven columns stand, from the words of its header in text laid out with spaces
/// (pdftotext keeps each header word above its column): the centre of 自然人, 商业(企业),
/// 科研, 社会, 法律, 其他 and 总计. `None` unless all seven stand apart, left to right. It serves
/// rows with empty cells when no complete row is near (a department whose 法人 columns are
/// all blank).
fn requests_header_guide(tokens: &Tokens, from: usize, to: usize) -> Option<Vec<u32>> {
    let words = ["自然", "商业", "科研", "社会", "法律", "其他", "总计"];
    let mut centres = Vec::with_capacity(words.len());
    for word in words {
        let centre = tokens.list[from..to.min(tokens.list.len())]
            .iter()
            .filter(|t| matches!(t.kind, Kind::Text))
            .find(|t| tokens.norm_of(t).starts_with(word))
            .and_then(|t| t.cols)
            .map(|(a, b)| a + b)?;
        centres.push(centre);
    }
    centres.windows(2).all(|w| w[1] > w[0] + 2).then_some(centres)
}

/// Whether value tokens stand on one line (no line end between the first and the last).
fn on_one_line(tokens: &Tokens, values: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (values.first(), values.last()) else { return false };
    !tokens.list[first..=last].iter().any(|t| matches!(t.kind, Kind::Break { .. }))
}

/// Places the values of a short row under the columns of `guide`, leaving the others blank,
/// when every value stands clearly under a different column, in order.
fn place_by_columns(tokens: &Tokens, values: &[usize], guide: &[u32]) -> Option<Vec<Cell>> {
    if values.is_empty() || values.len() >= guide.len() || !on_one_line(tokens, values) {
        return None;
    }
    // A number is under a column when it is nearer to it than half the narrowest gap.
    let tolerance = guide.windows(2).map(|w| w[1] - w[0]).min()? / 2;
    let mut cells: Vec<Option<Cell>> = vec![None; guide.len()];
    let mut last_column = None;
    for &i in values {
        let (a, b) = tokens.list[i].cols?;
        let centre = a + b;
        let (column, distance) = guide.iter().enumerate().map(|(c, g)| (c, g.abs_diff(centre))).min_by_key(|(_, d)| *d)?;
        if distance >= tolerance || last_column.is_some_and(|l| column <= l) {
            return None;
        }
        last_column = Some(column);
        cells[column] = Some(cell_of(tokens, i));
    }
    Some(
        cells
            .into_iter()
            .map(|c| c.unwrap_or(Cell { value: Value::Blank, raw: String::new(), span: None, unit: Unit::None }))
            .collect(),
    )
}

/// The most combinations of pending rows tried against 表三's column relations.
const MAX_COMBINATIONS: usize = 100_000;

/// Chooses, for 表三 rows whose run of digits splits several ways that satisfy the row total,
/// the one combination that satisfies every column relation it takes part in.
fn settle_by_columns(out: &mut TableOut, pending: Vec<(RequestRow, Runs)>, rows: &[RequestRow]) {
    // Inserted one by one: collecting would compile one more copy of the sort.
    let mut known: BTreeMap<CellKey, Decimal> = BTreeMap::new();
    for (k, c) in &out.cells {
        if let Some(n) = c.number() {
            known.insert(*k, n);
        }
    }
    // Rows with more satisfying cuts than were kept cannot be settled.
    let complete = pending.iter().all(|(_, runs)| runs.satisfying == runs.cuts.len());
    let combinations = pending
        .iter()
        .try_fold(1usize, |acc, (_, runs)| acc.checked_mul(runs.cuts.len()))
        .filter(|n| complete && *n <= MAX_COMBINATIONS);
    let mut found: Option<Vec<usize>> = None;
    let mut satisfying = 0;
    if let Some(total) = combinations {
        let pending_rows: Vec<RequestRow> = pending.iter().map(|(row, _)| *row).collect();
        for mut n in 0..total {
            let mut choice = Vec::with_capacity(pending.len());
            for (_, runs) in &pending {
                choice.push(n % runs.cuts.len());
                n /= runs.cuts.len();
            }
            let value = |row: RequestRow, col: RequestCol| -> Option<Decimal> {
                match pending_rows.iter().position(|r| *r == row) {
                    Some(i) => Some(pending[i].1.cuts[choice[i]][col_index(col)].0.value),
                    None => known.get(&CellKey::Requests(row, col)).copied(),
                }
            };
            if columns_hold(&value, rows, &pending_rows) {
                satisfying += 1;
                found = Some(choice);
                if satisfying > 1 {
                    break;
                }
            }
        }
    }
    for (i, (row, runs)) in pending.into_iter().enumerate() {
        let keys: Vec<CellKey> = RequestCol::ALL.iter().map(|c| CellKey::Requests(row, *c)).collect();
        match (&found, satisfying) {
            (Some(choice), 1) => {
                out.cells.extend(keys.iter().copied().zip(runs.cuts[choice[i]].iter().map(cell_of_part)));
                out.notes.push(Note::RunTogetherSplit {
                    cells: keys,
                    raw: runs.raw,
                    span: runs.span,
                    splits: runs.splits,
                    settled_by: Settlement::ColumnRelations,
                });
            }
            _ => leave_unread(out, &keys, runs, satisfying == 0),
        }
    }
    crate::model::sort_stable_by(&mut out.cells, |a, b| a.0.cmp(&b.0));
}

fn col_index(col: RequestCol) -> usize {
    RequestCol::ALL.iter().position(|c| *c == col).unwrap_or(0)
}

/// Whether every column relation of 表三 that involves a pending row can be evaluated and holds.
fn columns_hold(value: &dyn Fn(RequestRow, RequestCol) -> Option<Decimal>, rows: &[RequestRow], pending: &[RequestRow]) -> bool {
    let outcome_rows: Vec<RequestRow> = rows.iter().copied().filter(|r| r.is_outcome()).collect();
    let touches_outcome = pending.iter().any(|r| r.is_outcome() || *r == RequestRow::Total);
    let touches_balance = pending
        .iter()
        .any(|r| matches!(r, RequestRow::New | RequestRow::CarriedOver | RequestRow::Total | RequestRow::CarriedForward));
    for col in RequestCol::ALL {
        if touches_outcome {
            let parts: Option<Vec<Decimal>> = outcome_rows.iter().map(|r| value(*r, *col)).collect();
            let (Some(parts), Some(total)) = (parts, value(RequestRow::Total, *col)) else { return false };
            if Decimal::sum(parts) != Some(total) {
                return false;
            }
        }
        if touches_balance {
            let get = |r| value(r, *col);
            let (Some(a), Some(b), Some(c), Some(d)) =
                (get(RequestRow::New), get(RequestRow::CarriedOver), get(RequestRow::Total), get(RequestRow::CarriedForward))
            else {
                return false;
            };
            if a.checked_add(b) != c.checked_add(d) {
                return false;
            }
        }
    }
    true
}

/// Rows printed with every cell empty, of those in `wanted`: the row's label alone on its
/// line and the next line another label (an empty cell leaves nothing in a copy). Their
/// cells are present and blank.
fn empty_rows(tokens: &Tokens, range: Range<usize>, scope: Scope, wanted: &[Target]) -> Vec<Target> {
    // The stretch's lines: their folded text, and whether they hold values.
    let mut lines: Vec<(String, bool)> = vec![(String::new(), false)];
    for token in &tokens.list[range] {
        match token.kind {
            Kind::Text => lines.last_mut().map_or((), |l| l.0.push_str(tokens.norm_of(token))),
            Kind::Value(_) => lines.last_mut().map_or((), |l| l.1 = true),
            Kind::Break { .. } => lines.push((String::new(), false)),
        }
    }
    lines.retain(|(text, values)| !text.is_empty() || *values);
    // The stretch ends where the next part begins: nothing more of the row can follow.
    lines.push(("#end".to_string(), false));
    // Only below the table's first row of numbers (above it stand the header words, "总计"
    // among them), and only a line that is the whole label, nothing else.
    let first_values = lines.iter().position(|(_, values)| *values).unwrap_or(lines.len());
    let mut found = Vec::new();
    for pair in lines[first_values..].windows(2) {
        let ((text, values), (next_text, next_values)) = (&pair[0], &pair[1]);
        if *values || *next_values || next_text.is_empty() {
            continue;
        }
        let m = super::labels::match_label(text, scope);
        if let (Some(super::labels::Strength::Exact), [target]) = (m.strength, &m.candidates[..]) {
            let whole = super::labels::is_whole_label(text, *target);
            if whole && wanted.contains(target) && !found.contains(target) {
                found.push(*target);
            }
        }
    }
    found
}

/// Gives every cell of `rows` a blank, present value.
fn blank_rows(out: &mut TableOut, rows: &[Target], format: Format) {
    for row in rows {
        let keys: Vec<CellKey> = match row {
            Target::Proactive(r) => proactive_block(format, *r)
                .map(|b| b.columns.iter().map(|(c, _)| CellKey::Proactive(*r, *c)).collect())
                .unwrap_or_default(),
            Target::Requests(r) => RequestCol::ALL.iter().map(|c| CellKey::Requests(*r, *c)).collect(),
        };
        for key in keys {
            out.cells.push((key, Cell { value: Value::Blank, raw: String::new(), span: None, unit: Unit::None }));
        }
    }
}

/// Notes the rows of the format that were not found, and sorts the cells in reading order.
fn finish(out: &mut TableOut, placed: &[Option<Target>], rows: &[Target], table: Table) {
    crate::model::sort_stable_by(&mut out.cells, |a, b| a.0.cmp(&b.0));
    if out.cells.is_empty() {
        return;
    }
    let present: Vec<Target> = out
        .cells
        .iter()
        .map(|(k, _)| match k {
            CellKey::Proactive(r, _) => Target::Proactive(*r),
            CellKey::Requests(r, _) => Target::Requests(*r),
            CellKey::Appeals(..) => Target::Proactive(ProactiveRow::Regulations),
        })
        .collect();
    out.missing_rows = rows
        .iter()
        .filter(|r| !placed.contains(&Some(**r)) && !present.contains(r))
        .map(|r| match r {
            Target::Proactive(row) => row.label().to_string(),
            Target::Requests(row) => row.short_label(),
        })
        .collect();
    if !out.missing_rows.is_empty() {
        out.notes.push(Note::RowsMissing { table, rows: out.missing_rows.clone() });
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{CellKey, Unit, Value};

    fn value(text: &str, cell: &str) -> Option<Value> {
        crate::parse::parse(text).cell(CellKey::parse(cell).unwrap()).map(|c| c.value.clone())
    }

    const HEADER: &str = "三、收到和处理政府信息公开申请情况\n申请人情况\n";

    #[test]
    fn empty_lines_between_values_one_per_line_are_empty_cells() {
        let text = format!("{HEADER}一、本年新收政府信息公开申请数量\n5\n\n\n\n\n\n5\n二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n");
        assert_eq!(value(&text, "requests.new.natural_person"), Some(Value::Number(5.into())));
        assert_eq!(value(&text, "requests.new.commercial"), Some(Value::Blank));
        assert_eq!(value(&text, "requests.new.other_org"), Some(Value::Blank));
        assert_eq!(value(&text, "requests.new.total"), Some(Value::Number(5.into())));
    }

    #[test]
    fn a_unit_in_the_2019_procurement_header_is_the_amounts_unit() {
        let table = |header: &str, amount: &str| {
            let text = format!(
                "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
                 规章\t0\t0\t0\n规范性文件\t1\t1\t5\n第二十条第（九）项\n信息内容\t采购项目数量\t{header}\n\
                 政府集中采购\t13\t{amount}\n三、收到和处理政府信息公开申请情况\n"
            );
            let report = crate::parse::parse(&text);
            report.cell(CellKey::parse("proactive.procurement.amount").unwrap()).map(|c| (c.value.clone(), c.unit))
        };
        let number = |s: &str| {
            let (int, frac) = s.split_once('.').unwrap_or((s, ""));
            Value::Number(crate::model::Decimal::parse_digits(int, frac).unwrap())
        };
        assert_eq!(table("采购总金额（元）", "251000"), Some((number("25.1"), Unit::Yuan)));
        assert_eq!(table("采购总金额（单位：万元）", "160.5964"), Some((number("160.5964"), Unit::WanYuan)));
        assert_eq!(table("采购总金额", "160.5964"), Some((number("160.5964"), Unit::None)));
        // A unit written in the cell stands.
        assert_eq!(table("采购总金额（万元）", "251000元"), Some((number("25.1"), Unit::Yuan)));
    }

    #[test]
    fn empty_lines_that_do_not_make_up_the_row_are_not_cells() {
        // Six values and one empty line inside: seven cells, no doubt.
        let text = format!("{HEADER}一、本年新收政府信息公开申请数量\n5\n1\n\n0\n0\n0\n0\n6\n");
        assert_eq!(value(&text, "requests.new.research"), Some(Value::Number(0.into())));
        assert_eq!(value(&text, "requests.new.total"), Some(Value::Number(6.into())));
    }

    #[test]
    fn blank_cells_of_pdf_layout_text_are_read_by_column() {
        // Aligned by characters, as pdftotext -layout aligns.
        let text = "三、收到和处理政府信息公开申请情况\n申请人情况\n\
一、本年新收政府信息公开申请数量          12      3      0      1     0     0     16\n\
二、上年结转政府信息公开申请数量           5             2                         7\n\
（一）予以公开                    8      1      0      0     0     0      9\n";
        assert_eq!(value(text, "requests.carried_over.natural_person"), Some(Value::Number(5.into())));
        assert_eq!(value(text, "requests.carried_over.commercial"), Some(Value::Blank));
        assert_eq!(value(text, "requests.carried_over.research"), Some(Value::Number(2.into())));
        assert_eq!(value(text, "requests.carried_over.social_welfare"), Some(Value::Blank));
        assert_eq!(value(text, "requests.carried_over.total"), Some(Value::Number(7.into())));
    }

    #[test]
    fn empty_columns_of_pdf_layout_text_are_read_by_the_header_words() {
        // pdftotext keeps each header word above its column; no row is complete.
        let text = concat!(
            "三、收到和处理政府信息公开申请情况\n申请人情况\n",
            "                                          自然人     商业      科研      社会      法律      其他      总计\n",
            "   一、本年新收政府信息公开申请数量                       22                                              22\n",
            "   二、上年结转政府信息公开申请数量                        1                                               1\n",
            "   （一）予以公开                                11                                              11\n",
        );
        assert_eq!(value(text, "requests.new.natural_person"), Some(Value::Number(22.into())));
        assert_eq!(value(text, "requests.new.commercial"), Some(Value::Blank));
        assert_eq!(value(text, "requests.new.other_org"), Some(Value::Blank));
        assert_eq!(value(text, "requests.new.total"), Some(Value::Number(22.into())));
        assert_eq!(value(text, "requests.granted.natural_person"), Some(Value::Number(11.into())));
    }

    #[test]
    fn numbers_between_columns_are_not_guessed() {
        let text = "三、收到和处理政府信息公开申请情况\n申请人情况\n\
一、本年新收政府信息公开申请数量          12     3      0      1     0     0     16\n\
二、上年结转政府信息公开申请数量        5      2    7\n";
        assert!(matches!(value(text, "requests.carried_over.commercial"), Some(Value::Unread(_))));
    }

    #[test]
    fn a_row_printed_with_every_cell_empty_is_present_and_blank() {
        let text = "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t2776\n行政强制\t84\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\n三、收到和处理政府信息公开申请情况\n";
        assert_eq!(value(text, "proactive.fees.amount"), Some(Value::Blank));
        assert_eq!(value(text, "proactive.coercion.decisions"), Some(Value::Number(84.into())));
        // A label whose values follow on the next line is not an empty row.
        let text = "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\n12.5\n";
        assert_eq!(value(text, "proactive.fees.amount"), Some(Value::Number(crate::model::Decimal::parse_digits("12", "5").unwrap())));
    }

    #[test]
    fn a_subtotal_on_the_other_header_of_a_2021_table_is_not_a_row() {
        let rows = "（六）其他处理\t3\t0\t0\t0\t0\t0\t3\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n3.其他\t2\t0\t0\t0\t0\t0\t2\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n";
        let text = format!("{HEADER}{rows}");
        assert_eq!(value(&text, "requests.other.natural_person"), None);
        assert_eq!(value(&text, "requests.other_other.natural_person"), Some(Value::Number(2.into())));
    }
}
