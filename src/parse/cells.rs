//! The cells stage of reading a table: a placed row's values → its cells, as far as the text
//! settles them. Each reading the text may allow is a named function, tried in turn by
//! [`read_row`], the surest first; digits that ran together are left as a [`Run`] for the
//! table to cut (`settle`). Widths come from the template.

use super::align::Segment;
use super::rows::Rows;
use super::runs;
use super::tokens::{Kind, Read, Tokens, ValueTok};
use crate::model::{Cell, Decimal, RequestCol, Span, Table, Unit, UnreadReason, Value};

/// What the table tells the reading of one of its rows.
pub struct RowHints<'a> {
    /// The table the row is in: 表三's rows may carry a subtotal column and end in their total.
    pub table: Table,
    /// Where the columns stand, from complete rows nearby (text laid out with spaces).
    pub guide: Option<&'a Guide>,
    /// Where a 法人或其他组织 subtotal column stands in a variant 表三, as its header says.
    pub subtotal_at: Option<usize>,
}

/// A row whose digits ran together: its value tokens and its text.
pub struct Run {
    pub values: Vec<usize>,
    pub raw: String,
    pub span: Option<Span>,
}

/// How a row's values were read.
pub enum RowRead {
    /// One cell per column.
    Cells(Vec<Cell>),
    /// Digits ran together: the table cuts them (`settle`).
    Runs(Run),
    /// Fewer (or more) values than columns, without a way to split them.
    Miscounted { cells: Vec<Cell>, found: usize, raw: String, span: Option<Span> },
}

/// Reads a row's value tokens as `k` cells, as far as the text settles them; digits that
/// ran together are left for `settle` to cut. Each reading the text may allow is tried in
/// turn, the surest first. (A row's text, which only a run or a miscounted row keeps, is
/// taken where they are found: a value is dropped only where the rest then fills the row.)
pub fn read_row(tokens: &Tokens, seg: &Segment, k: usize, hints: &RowHints<'_>) -> RowRead {
    let mut values = without_padding(tokens, &seg.values, k);
    if k == 1 {
        drop_repeated_merged_cell(tokens, &mut values);
    }
    if k == REQUEST_WIDTH && hints.table == Table::Requests {
        drop_subtotal_column(tokens, &mut values, hints.subtotal_at);
    }
    if values.len() == k {
        return RowRead::Cells(values.iter().map(|&i| cell_of(tokens, i)).collect());
    }
    if let Some(cells) = empty_lines_as_cells(tokens, seg, &values, k) {
        return RowRead::Cells(cells);
    }
    if values.len() < k && is_run_to_cut(tokens, &values, k) {
        let (raw, span) = (raw_of(tokens, &values), span_of(tokens, &values));
        return RowRead::Runs(Run { values, raw, span });
    }
    // In text laid out with spaces, an empty cell leaves no trace, but the numbers still
    // stand under their columns: complete rows nearby show where the columns are. Where each
    // number stands clearly under one column, that is the reading, whatever it adds up to.
    if let Some(cells) = hints.guide.and_then(|g| place_by_guide(tokens, &values, g, hints.table == Table::Requests)) {
        return RowRead::Cells(cells);
    }
    let (raw, span) = (raw_of(tokens, &values), span_of(tokens, &values));
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
pub const REQUEST_WIDTH: usize = RequestCol::ALL.len();

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

pub fn cell_of(tokens: &Tokens, index: usize) -> Cell {
    let token = &tokens.list[index];
    let Kind::Value(v) = &token.kind else { unreachable!("cells are read from value tokens") };
    let (value, unit) = match &v.read {
        Read::Number { value, unit, .. } => (Value::Number(*value), *unit),
        Read::Blank | Read::Empty => (Value::Blank, Unit::None),
        Read::NotANumber => (Value::Unread(UnreadReason::NotANumber), Unit::None),
    };
    Cell { value, raw: tokens.raw_of(v).to_string(), span: Some(token.span), unit }
}

/// A cell that is present but whose number could not be told: its raw text is the text of
/// the whole row or run it stands in, and it has no span of its own (the note that explains
/// it points at the row).
pub fn unread_cell(raw: &str, reason: UnreadReason) -> Cell {
    Cell { value: Value::Unread(reason), raw: raw.to_string(), span: None, unit: Unit::None }
}

/// The raw text of value tokens, one space between them.
pub fn raw_of(tokens: &Tokens, values: &[usize]) -> String {
    let mut raw = String::new();
    let mut first = true;
    for &i in values {
        if let Kind::Value(v) = &tokens.list[i].kind {
            if !first {
                raw.push(' ');
            }
            raw.push_str(tokens.raw_of(v));
            first = false;
        }
    }
    raw
}

pub fn span_of(tokens: &Tokens, values: &[usize]) -> Option<Span> {
    values.iter().map(|&i| tokens.list[i].span).reduce(Span::cover)
}

/// Where a variant 表三's header puts a 法人或其他组织 subtotal (小计) column among the eight
/// values of a row: after 自然人 (1) or after 其他 (6). `None` without such a header.
pub fn subtotal_column(header: &str) -> Option<usize> {
    let subtotal = header.find("小计")?;
    let commercial = header.find("商业")?;
    Some(if subtotal < commercial { 1 } else { 6 })
}

/// Where the columns of text laid out with spaces stand, measured two ways: in characters
/// (as pdftotext aligns its output) and in display width (wide characters counting two, as
/// an editor aligns text for the eye). Centres are in half columns. A measure the text
/// shows to be wrong is left out (`None`); where a line's label has as many wide characters
/// as the guide's, both measures place its numbers alike.
#[derive(Clone, Debug)]
pub struct Guide {
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
pub fn column_guide(tokens: &Tokens, segs: &[Segment], at: usize, k: usize) -> Option<Guide> {
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
pub fn requests_header_guide(tokens: &Tokens, from: usize, to: usize) -> Option<Guide> {
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
/// Whether 表三's placed rows show that empty cells left no trace in this copy: a row whose
/// digits are too few for its cells. Then a run may hide empty cells too, and no cut of it
/// is certain (`settle`).
pub fn blanks_leave_no_trace(tokens: &Tokens, rows: &Rows) -> bool {
    rows.segments.iter().zip(&rows.placed).any(|(seg, target)| target.is_some() && too_few_digits(tokens, &seg.values, REQUEST_WIDTH))
}
