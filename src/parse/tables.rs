//! Reading each table's cells from its stretch of tokens.

use std::collections::BTreeMap;
use std::ops::Range;

use super::align::{Segment, align, segments};
use super::choose::{self, MAX_TIES};
use super::labels::{Scope, Target};
use super::runs::{self, CutCell};
use super::tokens::{Kind, Read, Tokens, ValueTok};
use crate::model::{
    AppealCol, AppealRow, Cell, CellKey, Decimal, Format, Note, ProactiveCol, ProactiveRow, RequestCol, RequestRow, Settlement, Span,
    Table, TiedRow, Unit, UnreadReason, Value, proactive_block, proactive_layout,
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

/// A row whose digits ran together: its value tokens and its text.
struct Run {
    values: Vec<usize>,
    raw: String,
    span: Option<Span>,
}

/// How many of a row's own relations a complete row of numbers breaks (表四's group totals).
type Breaks<'a> = Option<&'a dyn Fn(&[Decimal]) -> usize>;

/// What a table tells the reading of one of its rows.
struct Hints<'a> {
    /// How many of the row's own relations a cut breaks, where the table cuts a row by them
    /// alone (表四); `None` elsewhere.
    breaks: Breaks<'a>,
    settle: Settle,
    /// Where the columns stand, from complete rows nearby (text laid out with spaces).
    guide: Option<&'a Guide>,
    /// Where a 法人或其他组织 subtotal column stands in a variant 表三, as its header says.
    subtotal_at: Option<usize>,
}

/// How a row whose digits ran together is cut. Whatever the table: a run that can be cut
/// only one way is read so, whatever the arithmetic says (表二 aside, see `ZerosOnly`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Settle {
    /// 表二 states no relation: only a run with one possible cut, and that cut all zeros.
    /// (Any other single cut may hide an empty cell that left no trace: "312" may be 3, —, 12;
    /// zeros cannot: "000" is three cells whatever is empty.)
    ZerosOnly,
    /// 表四: the cut that breaks the fewest of its three group totals.
    Row,
    /// 表三: the cuts of all its rows together that break the fewest relations, the rows'
    /// totals and the columns' (`choose.rs`).
    Columns,
}

/// How a row's values were read.
enum RowRead {
    /// One cell per column.
    Cells(Vec<Cell>),
    /// Digits ran together: the caller cuts them.
    Runs(Run),
    /// Fewer (or more) values than columns, without a way to split them.
    Miscounted { cells: Vec<Cell>, found: usize, raw: String, span: Option<Span> },
}

/// Reads a row's value tokens as `k` cells, as far as the text settles them; digits that
/// ran together are left to the caller to cut. Each reading the text may allow is tried in
/// turn, the surest first.
fn read_row(tokens: &Tokens, seg: &Segment, k: usize, hints: &Hints<'_>) -> RowRead {
    let mut values = without_padding(tokens, &seg.values, k);
    let raw = raw_of(tokens, &values);
    let span = span_of(tokens, &values);
    if k == 1 {
        drop_repeated_merged_cell(tokens, &mut values);
    }
    if k == REQUEST_WIDTH && hints.settle == Settle::Columns {
        drop_subtotal_column(tokens, &mut values, hints.subtotal_at);
    }
    if values.len() == k {
        return RowRead::Cells(values.iter().map(|&i| cell_of(tokens, i)).collect());
    }
    if let Some(cells) = empty_lines_as_cells(tokens, seg, &values, k) {
        return RowRead::Cells(cells);
    }
    if values.len() < k && is_run_to_cut(tokens, &values, k) {
        return RowRead::Runs(Run { values, raw, span });
    }
    // In text laid out with spaces, an empty cell leaves no trace, but the numbers still
    // stand under their columns: complete rows nearby show where the columns are. Where each
    // number stands clearly under one column, that is the reading, whatever it adds up to.
    if let Some(cells) = hints.guide.and_then(|g| place_by_guide(tokens, &values, g, hints.settle == Settle::Columns)) {
        return RowRead::Cells(cells);
    }
    let mut cells: Vec<Cell> = Vec::with_capacity(k);
    if let Some(first) = first_of_short_delimited_row(tokens, &values, k) {
        cells.push(cell_of(tokens, first));
    }
    while cells.len() < k {
        cells.push(unread_cell(&raw, UnreadReason::RowIncomplete));
    }
    RowRead::Miscounted { cells, found: values.len(), raw, span }
}

/// 表三's width: its seven columns (the last the row's total).
const REQUEST_WIDTH: usize = RequestCol::ALL.len();

/// 表四's groups of five columns (the last the group's total), three in its row of fifteen.
const APPEAL_GROUP: usize = AppealCol::ALL.len();
const APPEAL_WIDTH: usize = AppealRow::ALL.len() * APPEAL_GROUP;

/// The number a value token says, if it says one.
fn number_of(tokens: &Tokens, index: usize) -> Option<Decimal> {
    match &tokens.list[index].kind {
        Kind::Value(ValueTok { read: Read::Number { value, .. }, .. }) => Some(*value),
        _ => None,
    }
}

/// A row's values without the empty fields at its edges that pad a delimited row (a trailing
/// tab, an extra pipe), as far as it has more than `k`.
fn without_padding(tokens: &Tokens, values: &[usize], k: usize) -> Vec<usize> {
    let is_empty = |i: &usize| matches!(&tokens.list[*i].kind, Kind::Value(v) if v.read == Read::Empty);
    let mut values = values;
    while values.len() > k
        && let Some((last, rest)) = values.split_last()
        && is_empty(last)
    {
        values = rest;
    }
    while values.len() > k
        && let Some((first, rest)) = values.split_first()
        && is_empty(first)
    {
        values = rest;
    }
    values.to_vec()
}

/// A row of one cell whose value a converter repeated in every column a merged cell spans
/// (two to four times the same number): the one cell.
fn drop_repeated_merged_cell(tokens: &Tokens, values: &mut Vec<usize>) {
    let first = values.first().and_then(|&i| number_of(tokens, i));
    if first.is_some() && (2..=4).contains(&values.len()) && values.iter().all(|&i| number_of(tokens, i) == first) {
        values.truncate(1);
    }
}

/// Where a 法人或其他组织 subtotal column may stand among a variant 表三's eight values: after
/// 自然人, or after the five organisation columns.
const SUBTOTAL_PLACES: [usize; 2] = [1, REQUEST_WIDTH - 1];

/// 表三 with a 法人或其他组织 subtotal column (a variant of the format): the eighth value is
/// the subtotal. It stands where the header says (`subtotal_at`), whatever it adds up to;
/// without such a header, where it is exactly the sum of the five organisation columns, if
/// only one place fits (without the header nothing says there is a subtotal at all).
fn drop_subtotal_column(tokens: &Tokens, values: &mut Vec<usize>, subtotal_at: Option<usize>) {
    if values.len() != REQUEST_WIDTH + 1 {
        return;
    }
    if let Some(at) = subtotal_at {
        values.remove(at);
        return;
    }
    let Some(numbers) = values.iter().map(|&i| number_of(tokens, i)).collect::<Option<Vec<Decimal>>>() else {
        return;
    };
    // The organisation columns: after 自然人, before 总计.
    let organisations = 1..REQUEST_WIDTH - 1;
    let fits = |at: usize| {
        let mut rest = numbers.clone();
        let subtotal = rest.remove(at);
        Decimal::sum(rest[organisations.clone()].iter().copied()) == Some(subtotal)
    };
    if let [at] = SUBTOTAL_PLACES.into_iter().filter(|at| fits(*at)).collect::<Vec<_>>()[..] {
        values.remove(at);
    }
}

/// One value per line with empty lines between them: when the empty lines make up exactly
/// the missing cells, they are the empty cells.
fn empty_lines_as_cells(tokens: &Tokens, seg: &Segment, values: &[usize], k: usize) -> Option<Vec<Cell>> {
    if values.len() != seg.values.len() || values.len() + seg.gaps.len() != k || seg.gaps.is_empty() {
        return None;
    }
    let mut cells = Vec::with_capacity(k);
    let mut gaps = seg.gaps.iter().peekable();
    for (n, &i) in values.iter().enumerate() {
        while let Some((_, line_end)) = gaps.next_if(|(at, _)| *at == n) {
            let at = tokens.list[*line_end].span.start;
            cells.push(Cell { value: Value::Blank, raw: String::new(), span: Some(Span::new(at, at)), unit: Unit::None });
        }
        cells.push(cell_of(tokens, i));
    }
    (cells.len() == k).then_some(cells)
}

/// Whether a short row's values are numbers whose digits may have run together and can be
/// cut into `k` cells.
fn is_run_to_cut(tokens: &Tokens, values: &[usize], k: usize) -> bool {
    let all_numbers = values.iter().all(|&i| number_of(tokens, i).is_some());
    let any_splittable = values.iter().any(|&i| matches!(&tokens.list[i].kind, Kind::Value(v) if v.splittable));
    all_numbers && any_splittable && runs::any_cut(tokens, values, k)
}

/// The most columns of a short row filled from the left: 表二's and 表三's rows; 表四's row
/// of fifteen is too long for the guess.
const MOST_COLUMNS_FILLED_FROM_LEFT: usize = REQUEST_WIDTH;

/// The first value of a short delimited row (tabs, pipes, a table cell each) of a few
/// columns, where a conversion dropped a cell: the first column's; the others stay unread.
/// Not where an empty cell leaves no trace at all (text laid out with spaces, one value per
/// line, flattened text): there the first column may be the empty one.
fn first_of_short_delimited_row(tokens: &Tokens, values: &[usize], k: usize) -> Option<usize> {
    let delimited = on_one_line(tokens, values)
        && values.iter().all(|&i| tokens.list[i].cols.is_none() && matches!(&tokens.list[i].kind, Kind::Value(v) if !v.splittable));
    if values.len() < k && k <= MOST_COLUMNS_FILLED_FROM_LEFT && delimited { values.first().copied() } else { None }
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

/// Reads 表二. `format` is what its header words show, else what the rest of the report
/// suggests.
pub fn read_proactive(tokens: &Tokens, norm: &Range<usize>, header_format: Option<Format>, fallback: Format) -> TableOut {
    let range = token_range(tokens, norm);
    let segs = segments(tokens, range, Some(Scope::Proactive));
    let order: Vec<Target> = ProactiveRow::ALL.iter().map(|r| Target::Proactive(*r)).collect();
    let placed_first = align(&segs, &order, |_| Vec::new());
    // Rows only the 2019 format has, or a row's count of values, settle an unknown format.
    let format = header_format.unwrap_or_else(|| {
        let has_2019_row =
            placed_first.iter().any(|p| matches!(p, Some(Target::Proactive(ProactiveRow::OtherServices | ProactiveRow::Procurement))));
        if has_2019_row { Format::V2019 } else { fallback }
    });
    let rows: Vec<Target> = proactive_layout(format).iter().flat_map(|b| b.rows.iter().map(|(r, _)| Target::Proactive(*r))).collect();
    let placed = align(&segs, &order, |_| rows.clone());
    let mut out = TableOut { format: header_format, ..TableOut::default() };
    for (i, (seg, target)) in segs.iter().zip(&placed).enumerate() {
        let Some(Target::Proactive(row)) = target else {
            continue;
        };
        let Some(block) = proactive_block(format, *row) else {
            continue;
        };
        let keys: Vec<CellKey> = block.columns.iter().map(|(c, _)| CellKey::Proactive(*row, *c)).collect();
        let guide = column_guide(tokens, &segs, i, keys.len());
        let hints = Hints { breaks: None, settle: Settle::ZerosOnly, guide: guide.as_ref(), subtotal_at: None };
        place_row(tokens, seg, &keys, &hints, &mut out);
    }
    let unplaced: Vec<Target> = rows.iter().copied().filter(|r| !placed.contains(&Some(*r))).collect();
    let row_order_kept = rows_printed_whole(tokens, &segs, &placed, |row| match row {
        Target::Proactive(r) => proactive_block(format, r).map_or(0, |b| b.columns.len()),
        Target::Requests(_) => 0,
    });
    if !out.cells.is_empty() && !unplaced.is_empty() && row_order_kept {
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
        let Value::Number(n) = cell.value else {
            continue;
        };
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
    let mut out = TableOut { format: shown, ..TableOut::default() };
    let subtotal_at = subtotal_column(&tokens.norm[norm.clone()]);
    let header_guide = segs.first().and_then(|first| requests_header_guide(tokens, token_range(tokens, norm).start, first.values[0]));
    let mut pending: Vec<(RequestRow, Run)> = Vec::new();
    for (i, (seg, target)) in segs.iter().zip(&placed).enumerate() {
        let Some(Target::Requests(row)) = target else {
            continue;
        };
        let keys: Vec<CellKey> = RequestCol::ALL.iter().map(|c| CellKey::Requests(*row, *c)).collect();
        let guide = column_guide(tokens, &segs, i, keys.len()).or_else(|| header_guide.clone());
        let hints = Hints { breaks: None, settle: Settle::Columns, guide: guide.as_ref(), subtotal_at };
        if let Some(run) = place_row(tokens, seg, &keys, &hints, &mut out) {
            pending.push((*row, run));
        }
    }
    if !pending.is_empty() {
        let request_rows: Vec<RequestRow> = rows.iter().filter_map(|t| if let Target::Requests(r) = t { Some(*r) } else { None }).collect();
        // Rows whose digits are too few for their cells show that empty cells left no trace
        // in this copy: then a run may hide empty cells too, and no cut of it is certain.
        let traceless_blanks =
            segs.iter().zip(&placed).any(|(seg, target)| target.is_some() && too_few_digits(tokens, &seg.values, RequestCol::ALL.len()));
        if traceless_blanks {
            leave_runs_with_blanks(tokens, &mut out, pending);
        } else {
            cut_request_runs(tokens, &mut out, pending, &request_rows);
        }
    }
    let unplaced: Vec<Target> = rows.iter().copied().filter(|r| !placed.contains(&Some(*r))).collect();
    // A label alone on its line is an empty row only where the text prints every other row
    // whole after its label: not where rows ran into one another or came out short (text
    // copied in reading order brings columns out as blocks, and a row's label may stand alone
    // with its numbers elsewhere).
    let row_order_kept = rows_printed_whole(tokens, &segs, &placed, |_| RequestCol::ALL.len());
    if !out.cells.is_empty() && !unplaced.is_empty() && row_order_kept {
        let empty = empty_rows(tokens, token_range(tokens, norm), Scope::Requests, &unplaced);
        blank_rows(&mut out, &empty, shown.unwrap_or(hint));
    }
    finish(&mut out, &placed, &rows, Table::Requests);
    out
}

/// The format 表三's placed rows show: the 2021 sub-rows of （六） mean 2021; a single （六）
/// row alone means 2019. (A 2021 table that prints the single row is told by its 表二 header,
/// in `parse_document`.)
fn row_format(placed: &[Option<Target>]) -> Option<Format> {
    let has = |row: RequestRow| placed.contains(&Some(Target::Requests(row)));
    let sub_rows = [RequestRow::OtherNoCorrection, RequestRow::OtherUnpaidFee, RequestRow::OtherOther].into_iter().any(has);
    let single = has(RequestRow::Other);
    match (sub_rows, single) {
        (true, _) => Some(Format::V2021),
        (false, true) => Some(Format::V2019),
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

/// Reads 表四: fifteen numbers in the official column order, found as one row of fifteen
/// (the usual print), as three labelled groups of five, or as digits run together.
pub fn read_appeals(tokens: &Tokens, norm: &Range<usize>) -> TableOut {
    let range = token_range(tokens, norm);
    let segs = segments(tokens, range, None);
    let keys: Vec<CellKey> = AppealRow::ALL.iter().flat_map(|r| AppealCol::ALL.iter().map(move |c| CellKey::Appeals(*r, *c))).collect();
    let groups_broken = |v: &[Decimal]| {
        v.chunks(APPEAL_GROUP).filter(|g| Decimal::sum(g[..APPEAL_GROUP - 1].iter().copied()) != Some(g[APPEAL_GROUP - 1])).count()
    };
    let mut out = TableOut::default();
    // The first run of values that can make the fifteen cells, and the segments it comes
    // from: one segment of fifteen or more, or consecutive segments of five, or each value
    // after its own header word, one per line: fifteen in all.
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
        let values: Vec<usize> = from.iter().flat_map(|s| s.values.iter().copied()).take(APPEAL_WIDTH).collect();
        let raw = raw_of(tokens, &values);
        let span = span_of(tokens, &values);
        out.cells.extend(keys.iter().map(|k| (*k, unread_cell(&raw, UnreadReason::OrderLost))));
        out.notes.push(Note::OrderLost { table: Table::Appeals, span });
        out.span = span;
        return out;
    }
    let values: Option<Vec<usize>> = from.map(|from| from.iter().flat_map(|s| s.values.iter().copied()).collect());
    let values = match values {
        Some(v) => v,
        None => match segs.first() {
            Some(first) => first.values.clone(),
            None => return out,
        },
    };
    let values = if values.len() > APPEAL_WIDTH { trim_to(tokens, &values, APPEAL_WIDTH) } else { values };
    let seg = Segment { label: String::new(), values, gaps: Vec::new(), matched: super::labels::LabelMatch::default() };
    let hints = Hints { breaks: Some(&groups_broken), settle: Settle::Row, guide: None, subtotal_at: None };
    place_row(tokens, &seg, &keys, &hints, &mut out);
    out.span = span_of(tokens, &seg.values);
    out.format = None;
    out
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

/// Reads a placed row into `out`. Returns the run when digits ran together in a 表三 row,
/// which is cut together with the table's other such rows ([`cut_request_runs`]).
fn place_row(tokens: &Tokens, seg: &Segment, keys: &[CellKey], hints: &Hints<'_>, out: &mut TableOut) -> Option<Run> {
    out.span = [out.span, span_of(tokens, &seg.values)].into_iter().flatten().reduce(Span::cover);
    match read_row(tokens, seg, keys.len(), hints) {
        RowRead::Cells(cells) => out.cells.extend(keys.iter().copied().zip(cells)),
        RowRead::Miscounted { cells, found, raw, span } => {
            out.notes.push(Note::RowIncomplete { cells: keys.to_vec(), found, raw, span });
            out.cells.extend(keys.iter().copied().zip(cells));
        }
        RowRead::Runs(run) => match hints.settle {
            Settle::Columns => return Some(run),
            Settle::ZerosOnly => cut_without_relation(tokens, keys, run, out),
            Settle::Row => cut_by_own_relations(tokens, keys, run, hints.breaks, out),
        },
    }
    None
}

/// The cells of a cut, each with its raw text.
fn cells_of_cut(tokens: &Tokens, run: &Run, cut: &[CutCell]) -> Vec<Cell> {
    cut.iter()
        .map(|p| Cell { value: Value::Number(p.value), raw: runs::raw_of(tokens, &run.values, p.span), span: Some(p.span), unit: p.unit })
        .collect()
}

/// Reads a cut of a run into `out`.
fn take_cut(tokens: &Tokens, keys: &[CellKey], run: Run, cut: &[CutCell], splits: usize, settled_by: Settlement, out: &mut TableOut) {
    out.cells.extend(keys.iter().copied().zip(cells_of_cut(tokens, &run, cut)));
    out.notes.push(Note::RunTogetherSplit { cells: keys.to_vec(), raw: run.raw, span: run.span, splits, settled_by });
}

/// Leaves a run unread: several cuts fit equally well (`fitting`), or too many to tell (0).
fn leave_unread(keys: &[CellKey], run: Run, splits: usize, fitting: usize, out: &mut TableOut) {
    leave_unread_for(keys, run, splits, fitting, false, out);
}

/// Leaves a run unread, saying whether other rows showed that empty cells leave no trace.
fn leave_unread_for(keys: &[CellKey], run: Run, splits: usize, fitting: usize, traceless_blanks: bool, out: &mut TableOut) {
    out.cells.extend(keys.iter().map(|k| (*k, unread_cell(&run.raw, UnreadReason::RunTogether))));
    out.notes.push(Note::RunTogetherAmbiguous { cells: keys.to_vec(), raw: run.raw, span: run.span, splits, fitting, traceless_blanks });
}

/// 表二's runs: no relation to choose by, so only a run that can be cut one way, into zeros.
fn cut_without_relation(tokens: &Tokens, keys: &[CellKey], run: Run, out: &mut TableOut) {
    let mut first: Option<Vec<CutCell>> = None;
    let total = runs::each_cut(tokens, &run.values, keys.len(), &mut |parts| {
        first.get_or_insert_with(|| parts.to_vec());
    });
    match (total, first) {
        (Some(1), Some(cut)) if cut.iter().all(|p| p.value.is_zero()) => take_cut(tokens, keys, run, &cut, 1, Settlement::Unique, out),
        (Some(total), _) => leave_unread(keys, run, total, total, out),
        (None, _) => leave_unread(keys, run, runs::MAX_SPLITS, 0, out),
    }
}

/// A run whose row has relations of its own (表四's three group totals): the cut that
/// breaks the fewest of them, if no other breaks as few.
fn cut_by_own_relations(tokens: &Tokens, keys: &[CellKey], run: Run, breaks: Breaks<'_>, out: &mut TableOut) {
    let mut ranking = Ranking::default();
    let total = runs::each_cut(tokens, &run.values, keys.len(), &mut |parts| {
        let values: Vec<Decimal> = parts.iter().map(|p| p.value).collect();
        ranking.offer(breaks.map_or(0, |b| b(&values)), parts);
    });
    let Some(total) = total else {
        return leave_unread(keys, run, runs::MAX_SPLITS, 0, out);
    };
    let table = keys.first().map_or(Table::Appeals, |k| k.table());
    match &ranking.best[..] {
        [cut] => {
            let settled_by = match (total, ranking.broken) {
                (1, _) => Settlement::Unique,
                (_, 0) => Settlement::RowRelation,
                (_, broken) => Settlement::FewestBroken { broken },
            };
            let cut = cut.clone();
            take_cut(tokens, keys, run, &cut, total, settled_by, out);
        }
        ties => {
            let tied =
                Tied { ties: ties.iter().map(|t| vec![t.clone()]).collect(), complete: ranking.count <= MAX_TIES, broken: ranking.broken };
            let count = ranking.count;
            tied.read(tokens, table, vec![(keys.to_vec(), run, total, count)], out);
        }
    }
}

/// The cuts with the fewest breaks seen so far.
#[derive(Default)]
struct Ranking {
    broken: usize,
    /// Up to [`MAX_TIES`] of them.
    best: Vec<Vec<CutCell>>,
    /// How many there are.
    count: usize,
}

impl Ranking {
    fn offer(&mut self, broken: usize, parts: &[CutCell]) {
        if self.count == 0 || broken < self.broken {
            self.broken = broken;
            self.best.clear();
            self.count = 0;
        }
        if broken == self.broken {
            self.count += 1;
            if self.best.len() < MAX_TIES {
                self.best.push(parts.to_vec());
            }
        }
    }
}

/// Readings that tie: per reading, the cut of every row concerned (in the rows' order).
struct Tied {
    ties: Vec<Vec<Vec<CutCell>>>,
    /// Whether `ties` holds every tied reading.
    complete: bool,
    broken: usize,
}

impl Tied {
    /// Reads what the tied readings agree on and leaves the rest unread. `rows` are the
    /// rows concerned: their cells, their run, how many ways it can be cut, and how many
    /// cuts of it tie.
    fn read(self, tokens: &Tokens, table: Table, rows: Vec<(Vec<CellKey>, Run, usize, usize)>, out: &mut TableOut) {
        let mut inconsistent: Vec<TiedRow> = Vec::new();
        let mut unread_keys: Vec<CellKey> = Vec::new();
        for (r, (keys, run, splits, _)) in rows.into_iter().enumerate() {
            let cuts: Vec<&Vec<CutCell>> = self.ties.iter().map(|t| &t[r]).collect();
            let mut distinct: Vec<&Vec<CutCell>> = Vec::new();
            for cut in &cuts {
                if !distinct.contains(cut) {
                    distinct.push(cut);
                }
            }
            if let ([cut], true) = (&distinct[..], self.complete) {
                let settled_by =
                    if self.broken == 0 { Settlement::ColumnRelations } else { Settlement::FewestBroken { broken: self.broken } };
                let cut = (*cut).clone();
                take_cut(tokens, &keys, run, &cut, splits, settled_by, out);
                continue;
            }
            // The cells every tied reading gives the same number at the same place are read.
            let cells = cells_of_cut(tokens, &run, distinct[0]);
            let mut unread = Vec::new();
            for (i, (key, cell)) in keys.iter().zip(cells).enumerate() {
                let agreed = self.complete && distinct.iter().all(|cut| cut[i] == distinct[0][i]);
                if agreed {
                    out.cells.push((*key, cell));
                } else {
                    out.cells.push((*key, unread_cell(&run.raw, UnreadReason::RunTogether)));
                    unread.push(*key);
                }
            }
            if self.broken == 0 {
                let fitting = if self.complete { distinct.len() } else { 0 };
                out.notes.push(Note::RunTogetherAmbiguous {
                    cells: unread,
                    raw: run.raw,
                    span: run.span,
                    splits,
                    fitting,
                    traceless_blanks: false,
                });
            } else {
                unread_keys.extend(unread);
                let cuts = distinct.iter().map(|cut| cut.iter().map(|p| p.value).collect()).collect();
                inconsistent.push(TiedRow { cells: keys, raw: run.raw, span: run.span, cuts });
            }
        }
        if !inconsistent.is_empty() {
            out.notes.push(Note::RunTogetherInconsistent {
                table,
                cells: unread_keys,
                rows: inconsistent,
                broken: self.broken,
                complete: self.complete,
            });
        }
    }
}

/// Where the columns of text laid out with spaces stand, measured two ways: in characters
/// (as pdftotext aligns its output) and in display width (wide characters counting two, as
/// an editor aligns text for the eye). Centres are in half columns. A measure the text
/// shows to be wrong is left out (`None`); where a line's label has as many wide characters
/// as the guide's, both measures place its numbers alike.
#[derive(Clone, Debug)]
struct Guide {
    chars: Option<Vec<u32>>,
    display: Option<Vec<u32>>,
}

/// The centre of a token in half character columns, and in half display columns (`extra`:
/// the token's own wide characters beyond one column each).
fn centres(token: &super::tokens::Token, extra: u32) -> Option<(u32, u32)> {
    let (a, b) = token.cols?;
    Some((a + b, a + b + 2 * token.wide + extra))
}

/// Where the columns of a row laid out with spaces stand: the centres of the numbers of the
/// nearest complete rows, one above and one below. When both are there, they must agree in
/// one measure at least, and a measure they disagree in is left out (two rows whose labels
/// differ in width show how the text is aligned). `None` when there is no such row
/// (different pages of a PDF may indent differently, so only near rows are trusted).
fn column_guide(tokens: &Tokens, segs: &[Segment], at: usize, k: usize) -> Option<Guide> {
    if k < 2 || segs[at].values.len() >= k {
        return None;
    }
    let of_row = |seg: &Segment| -> Option<(Vec<u32>, Vec<u32>)> {
        if seg.values.len() != k || !on_one_line(tokens, &seg.values) {
            return None;
        }
        let both: Vec<(u32, u32)> = seg.values.iter().map(|&i| centres(&tokens.list[i], 0)).collect::<Option<_>>()?;
        Some((both.iter().map(|c| c.0).collect(), both.iter().map(|c| c.1).collect()))
    };
    let near = 3;
    let above = segs[at.saturating_sub(near)..at].iter().rev().find_map(of_row);
    let below = segs.get(at + 1..(at + 1 + near).min(segs.len())).and_then(|s| s.iter().find_map(of_row));
    // Numbers of different widths shift a little; a third of a column gap is agreement.
    let agree = |a: &[u32], b: &[u32]| {
        let gap = a.windows(2).map(|w| w[1].saturating_sub(w[0])).min().unwrap_or(0);
        a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= (gap / 3).max(2))
    };
    let (chars, display) = match (above, below) {
        (Some(a), Some(b)) => (agree(&a.0, &b.0).then_some(a.0), agree(&a.1, &b.1).then_some(a.1)),
        (Some(a), None) | (None, Some(a)) => (Some(a.0), Some(a.1)),
        (None, None) => return None,
    };
    let guide = Guide { chars: chars.filter(|c| apart(c)), display: display.filter(|c| apart(c)) };
    (guide.chars.is_some() || guide.display.is_some()).then_some(guide)
}

/// Whether columns stand apart, left to right.
fn apart(centres: &[u32]) -> bool {
    centres.windows(2).all(|w| w[1] > w[0] + 2)
}

/// Where 表三's seven columns stand, from the words of its header in text laid out with spaces
/// (pdftotext keeps each header word above its column): the centre of 自然人, 商业(企业),
/// 科研, 社会, 法律, 其他 and 总计. `None` unless all seven stand apart, left to right. It serves
/// rows with empty cells when no complete row is near (a department whose 法人 columns are
/// all blank).
fn requests_header_guide(tokens: &Tokens, from: usize, to: usize) -> Option<Guide> {
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
    // Only pdftotext keeps header words above their columns, and it aligns by characters.
    apart(&centres).then_some(Guide { chars: Some(centres), display: None })
}

/// Whether value tokens stand on one line (no line end between the first and the last).
fn on_one_line(tokens: &Tokens, values: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (values.first(), values.last()) else {
        return false;
    };
    !tokens.list[first..=last].iter().any(|t| matches!(t.kind, Kind::Break { .. }))
}

/// Places the values of a short row under the columns of `guide`. The two measures of the
/// columns may place them differently (a line aligned for the eye, with a label of fewer wide
/// characters than the guide's, reads one column off in characters): then both placements
/// are readings the text allows, and the row's total chooses between them, as far as a row
/// with blanks can tell (its numbers cannot add up to more than its total). Where one measure
/// places them and the other cannot, or both agree, that is the reading.
fn place_by_guide(tokens: &Tokens, values: &[usize], guide: &Guide, total_last: bool) -> Option<Vec<Cell>> {
    let by_chars = guide.chars.as_ref().and_then(|g| place_by_columns(tokens, values, g, |t| centres(t, 0).map(|c| c.0)));
    let by_display = guide.display.as_ref().and_then(|g| place_by_columns(tokens, values, g, |t| centres(t, 0).map(|c| c.1)));
    match (by_chars, by_display) {
        (Some(a), Some(b)) if a != b => {
            let over = |cells: &[Cell]| -> bool {
                let Some((total, parts)) = cells.split_last() else {
                    return false;
                };
                let sum = Decimal::sum(parts.iter().filter_map(Cell::number));
                total_last && matches!((sum, total.number()), (Some(s), Some(t)) if s > t)
            };
            match (over(&a), over(&b)) {
                (false, true) => Some(a),
                (true, false) => Some(b),
                _ => None,
            }
        }
        (Some(a), _) | (None, Some(a)) => Some(a),
        (None, None) => None,
    }
}

/// Places the values of a short row under the columns of `guide` (centres by `centre`),
/// leaving the others blank, when every value stands clearly under a different column, in
/// order.
fn place_by_columns(
    tokens: &Tokens,
    values: &[usize],
    guide: &[u32],
    centre: impl Fn(&super::tokens::Token) -> Option<u32>,
) -> Option<Vec<Cell>> {
    if values.is_empty() || values.len() >= guide.len() || !on_one_line(tokens, values) {
        return None;
    }
    // A number is under a column when it is nearer to it than half the narrowest gap.
    let tolerance = guide.windows(2).map(|w| w[1].saturating_sub(w[0])).min()? / 2;
    let mut cells: Vec<Option<Cell>> = vec![None; guide.len()];
    let mut last_column = None;
    for &i in values {
        let centre = centre(&tokens.list[i])?;
        let (column, distance) = guide.iter().enumerate().map(|(c, g)| (c, g.abs_diff(centre))).min_by_key(|(_, d)| *d)?;
        if distance >= tolerance || last_column.is_some_and(|l| column <= l) {
            return None;
        }
        last_column = Some(column);
        cells[column] = Some(cell_of(tokens, i));
    }
    Some(cells.into_iter().map(|c| c.unwrap_or(Cell { value: Value::Blank, raw: String::new(), span: None, unit: Unit::None })).collect())
}

/// Whether value tokens are a run of digits too short to make `k` cells: the row holds empty
/// cells that left no trace.
fn too_few_digits(tokens: &Tokens, values: &[usize], k: usize) -> bool {
    let numbers = values.iter().all(|&i| matches!(&tokens.list[i].kind, Kind::Value(v) if matches!(v.read, Read::Number { .. })));
    let run = values.iter().any(|&i| matches!(&tokens.list[i].kind, Kind::Value(v) if v.splittable));
    !values.is_empty() && values.len() < k && numbers && run && !runs::any_cut(tokens, values, k)
}

/// 表三's runs where other rows show that empty cells left no trace: only a run of as many
/// zeros as cells is certain (zeros cannot join, so no cell of it can be empty); the others
/// stay unread, whatever they add up to.
fn leave_runs_with_blanks(tokens: &Tokens, out: &mut TableOut, pending: Vec<(RequestRow, Run)>) {
    for (row, run) in pending {
        let keys: Vec<CellKey> = RequestCol::ALL.iter().map(|c| CellKey::Requests(row, *c)).collect();
        let mut first: Option<Vec<CutCell>> = None;
        let total = runs::each_cut(tokens, &run.values, keys.len(), &mut |parts| {
            first.get_or_insert_with(|| parts.to_vec());
        });
        match (total, first) {
            (Some(1), Some(cut)) if cut.iter().all(|p| p.value.is_zero()) => take_cut(tokens, &keys, run, &cut, 1, Settlement::Unique, out),
            (total, _) => leave_unread_for(&keys, run, total.unwrap_or(runs::MAX_SPLITS), 0, true, out),
        }
    }
}

/// What chose a 表三 row's cut, in a reading of the table that breaks `broken` relations:
/// the columns, when everything holds; else the row's total, when the cut is the only one
/// that makes it hold; else the fewest breaks.
fn settlement(cut: &[CutCell], fitting: usize, broken: usize) -> Settlement {
    let holds = Decimal::sum(cut[..REQUEST_WIDTH - 1].iter().map(|p| p.value)) == Some(cut[REQUEST_WIDTH - 1].value);
    if broken == 0 {
        Settlement::ColumnRelations
    } else if holds && fitting == 1 {
        Settlement::RowRelation
    } else {
        Settlement::FewestBroken { broken }
    }
}

/// The most cuts of one 表三 row, and of all its rows together, kept for choosing among
/// them. A row with more keeps only the cuts that make its own total hold (at most
/// [`MAX_FITTING_CUTS`] of them), and is left unread when none does.
const MAX_ROW_CUTS: usize = 60_000;
const MAX_TABLE_CUTS: usize = 150_000;
const MAX_FITTING_CUTS: usize = 64;

/// A 表三 row whose run can be cut several ways: the cuts kept, by their number in the
/// order cuts are enumerated, with their seven values each (at [`choose::SCALE`]).
struct OpenRow {
    row: RequestRow,
    run: Run,
    numbers: Vec<usize>,
    values: Vec<i128>,
    /// Whether only the cuts that make the row's total hold were kept.
    truncated: bool,
    splits: usize,
    /// How many cuts make the row's total hold.
    fitting: usize,
}

/// The cuts of a run numbered `wanted` (in enumeration order), as parts.
fn cuts_numbered(tokens: &Tokens, run: &Run, k: usize, wanted: &[usize]) -> Vec<Vec<CutCell>> {
    let mut found: Vec<(usize, Vec<CutCell>)> = Vec::new();
    let mut n = 0;
    runs::each_cut(tokens, &run.values, k, &mut |parts| {
        if wanted.contains(&n) {
            found.push((n, parts.to_vec()));
        }
        n += 1;
    });
    wanted.iter().map(|w| found.iter().find(|(n, _)| n == w).map(|(_, p)| p.clone()).unwrap_or_default()).collect()
}

/// Cuts 表三's rows whose digits ran together: a row that can be cut one way is read so,
/// whatever the arithmetic says; the others are cut together, the reading that breaks the
/// fewest of the table's relations (the rows' totals, the columns' （七）总计 and balance)
/// being taken when no other breaks as few ([`choose`]).
fn cut_request_runs(tokens: &Tokens, out: &mut TableOut, pending: Vec<(RequestRow, Run)>, rows: &[RequestRow]) {
    let keys_of = |row: RequestRow| -> Vec<CellKey> { RequestCol::ALL.iter().map(|c| CellKey::Requests(row, *c)).collect() };
    let width = RequestCol::ALL.len();
    // Each row's cuts; rows cut one way (or too many ways) are settled at once.
    let mut open: Vec<OpenRow> = Vec::new();
    let mut kept = 0;
    for (row, run) in pending {
        let keys = keys_of(row);
        let (mut all, mut fitting): (Vec<i128>, Vec<i128>) = (Vec::new(), Vec::new());
        let (mut all_numbers, mut fitting_numbers): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let mut fitting_count = 0;
        let mut first: Option<Vec<CutCell>> = None;
        let mut n = 0;
        let total = runs::each_cut(tokens, &run.values, width, &mut |parts| {
            first.get_or_insert_with(|| parts.to_vec());
            let number = n;
            n += 1;
            let Some(values) = parts.iter().map(|p| choose::scaled(p.value)).collect::<Option<Vec<i128>>>() else {
                return;
            };
            if all_numbers.len() < MAX_ROW_CUTS {
                all.extend_from_slice(&values);
                all_numbers.push(number);
            }
            if values[..REQUEST_WIDTH - 1].iter().sum::<i128>() == values[REQUEST_WIDTH - 1] {
                fitting_count += 1;
                if fitting_numbers.len() < MAX_FITTING_CUTS {
                    fitting.extend_from_slice(&values);
                    fitting_numbers.push(number);
                }
            }
        });
        let Some(splits) = total else {
            leave_unread(&keys, run, runs::MAX_SPLITS, 0, out);
            continue;
        };
        let fits = fitting_count;
        if splits == 1 {
            let cut = first.unwrap_or_default();
            take_cut(tokens, &keys, run, &cut, 1, Settlement::Unique, out);
        } else if splits <= MAX_ROW_CUTS && kept + splits <= MAX_TABLE_CUTS && !all_numbers.is_empty() {
            kept += splits;
            open.push(OpenRow { row, run, numbers: all_numbers, values: all, truncated: false, splits, fitting: fits });
        } else if (1..=MAX_FITTING_CUTS).contains(&fits) {
            open.push(OpenRow { row, run, numbers: fitting_numbers, values: fitting, truncated: true, splits, fitting: fits });
        } else {
            leave_unread(&keys, run, splits, 0, out);
        }
    }
    if open.is_empty() {
        return;
    }
    // Inserted one by one: collecting would compile one more copy of the sort.
    let mut known: BTreeMap<CellKey, &Cell> = BTreeMap::new();
    for (k, c) in &out.cells {
        known.insert(*k, c);
    }
    let unit_of = |row: RequestRow| open.iter().position(|o| o.row == row);
    // A relation over (row, column, sign) terms; `None` when a cell outside the rows being
    // cut is not a number (blank, unread, missing): no cut can make it hold or break then.
    let relation = |terms: &[(RequestRow, usize, i8)]| -> Option<choose::Equation> {
        let mut constant: i128 = 0;
        let mut unit_terms = Vec::new();
        for &(row, col, sign) in terms {
            match unit_of(row) {
                Some(u) => unit_terms.push((u, col, sign)),
                None => {
                    let n = known.get(&CellKey::Requests(row, RequestCol::ALL[col])).and_then(|c| c.number()).and_then(choose::scaled)?;
                    constant += if sign < 0 { -n } else { n };
                }
            }
        }
        (!unit_terms.is_empty()).then_some(choose::Equation { constant, terms: unit_terms })
    };
    let total_col = width - 1;
    let mut relations: Vec<choose::Equation> = Vec::new();
    for o in &open {
        let terms: Vec<(RequestRow, usize, i8)> = (0..=total_col).map(|c| (o.row, c, if c == total_col { -1 } else { 1 })).collect();
        relations.extend(relation(&terms));
    }
    for col in 0..=total_col {
        let mut outcome: Vec<(RequestRow, usize, i8)> = rows.iter().filter(|r| r.is_outcome()).map(|r| (*r, col, 1)).collect();
        outcome.push((RequestRow::Total, col, -1));
        relations.extend(relation(&outcome));
        let balance = [
            (RequestRow::New, col, 1),
            (RequestRow::CarriedOver, col, 1),
            (RequestRow::Total, col, -1),
            (RequestRow::CarriedForward, col, -1),
        ];
        relations.extend(relation(&balance));
    }
    drop(known);
    let units: Vec<choose::Unit> =
        open.iter_mut().map(|o| choose::Unit { values: std::mem::take(&mut o.values), width, truncated: o.truncated }).collect();
    match choose::choose(units, &relations) {
        choose::Choice::Best { choice, broken } => {
            for (o, c) in open.into_iter().zip(choice) {
                let cut = cuts_numbered(tokens, &o.run, width, &[o.numbers[c]]).remove(0);
                let settled_by = settlement(&cut, o.fitting, broken);
                take_cut(tokens, &keys_of(o.row), o.run, &cut, o.splits, settled_by, out);
            }
        }
        choose::Choice::Tied { choices, complete, broken } => {
            // Each row's cuts among the tied readings, as parts.
            let per_row: Vec<Vec<Vec<CutCell>>> = open
                .iter()
                .enumerate()
                .map(|(u, o)| cuts_numbered(tokens, &o.run, width, &choices.iter().map(|c| o.numbers[c[u]]).collect::<Vec<_>>()))
                .collect();
            let ties = (0..choices.len()).map(|t| per_row.iter().map(|cuts| cuts[t].clone()).collect()).collect();
            let rows = open.into_iter().map(|o| (keys_of(o.row), o.run, o.splits, 0)).collect();
            Tied { ties, complete, broken }.read(tokens, Table::Requests, rows, out);
        }
        // The table is wrong under every cut, but which breaks the fewest is not known.
        choose::Choice::Undecided { broken } => {
            let mut cells = Vec::new();
            let mut rows = Vec::new();
            for o in open {
                let keys = keys_of(o.row);
                out.cells.extend(keys.iter().map(|k| (*k, unread_cell(&o.run.raw, UnreadReason::RunTogether))));
                cells.extend(keys.iter().copied());
                rows.push(TiedRow { cells: keys, raw: o.run.raw, span: o.run.span, cuts: Vec::new() });
            }
            out.notes.push(Note::RunTogetherInconsistent { table: Table::Requests, cells, rows, broken, complete: false });
        }
        choose::Choice::TooMany => {
            for o in open {
                leave_unread(&keys_of(o.row), o.run, o.splits, 0, out);
            }
        }
    }
    crate::model::sort_stable_by(&mut out.cells, |a, b| a.0.cmp(&b.0));
}

/// Whether the text shows every row's numbers right after its label: every segment placed on
/// a row holds as many values as the row has columns (`width`), or one more (a subtotal
/// column some variants add), and no numbers stand apart from a row. Only then does a label
/// alone on its line show an empty row; otherwise its numbers may be among those elsewhere.
fn rows_printed_whole(tokens: &Tokens, segs: &[Segment], placed: &[Option<Target>], width: impl Fn(Target) -> usize) -> bool {
    let is_number = |i: &usize| matches!(&tokens.list[*i].kind, Kind::Value(v) if matches!(v.read, Read::Number { .. }));
    segs.iter().zip(placed).all(|(seg, target)| match target {
        Some(t) => (width(*t)..=width(*t) + 1).contains(&seg.values.len()),
        None => !seg.values.iter().any(is_number),
    })
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
            Target::Proactive(r) => {
                proactive_block(format, *r).map(|b| b.columns.iter().map(|(c, _)| CellKey::Proactive(*r, *c)).collect()).unwrap_or_default()
            }
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
        let text =
            format!("{HEADER}一、本年新收政府信息公开申请数量\n5\n\n\n\n\n\n5\n二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n");
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
