//! The settle stage of reading a table: the rows as read (`cells`) → the table's cells and
//! notes, cutting the runs of digits that ran together as the table allows: 表二 (no
//! relation) only a run whose one cut is all zeros, 表四 by its own group totals, 表三 all its
//! runs together by the table's relations (`choose`). Whatever the table, a run that can be
//! cut only one way is read so, whatever the arithmetic says (表二 aside).

use super::cells::{REQUEST_WIDTH, RowRead, Run, unread_cell};
use super::choose::{self, MAX_TIES};
use super::labels::Target;
use super::rows::APPEAL_GROUP;
use super::runs::{self, CutCell};
use super::tables::TableOut;
use super::tokens::Tokens;
use crate::model::{Cell, CellKey, Decimal, Note, RequestCol, RequestRow, Settlement, Table, TiedRow, UnreadReason, Value};

/// A placed row as the cells stage read it: its cells' keys, in column order, and its values.
pub struct ReadRow {
    pub keys: Vec<CellKey>,
    pub read: RowRead,
}

/// How a table's runs are cut.
#[derive(Clone, Copy)]
pub enum Settle<'a> {
    /// 表二 states no relation: only a run with one possible cut, and that cut all zeros.
    /// (Any other single cut may hide an empty cell that left no trace: "312" may be 3, —, 12;
    /// zeros cannot: "000" is three cells whatever is empty.)
    ZerosOnly,
    /// 表四: the cut that breaks the fewest of its three group totals.
    AppealGroups,
    /// 表三: the cuts of all its rows together that break the fewest relations, the rows'
    /// totals and the columns' (`choose.rs`), of the rows it should have (`expected`); where its
    /// rows show that empty cells left no trace (`traceless_blanks`), only all-zero runs.
    Columns { expected: &'a [Target], traceless_blanks: bool },
}

/// Reads the rows, in order, into `out`: cells as read, a miscounted row with its note, a run
/// cut as `how` says (表三's runs together, after its other rows).
pub fn settle(tokens: &Tokens, reads: Vec<ReadRow>, how: Settle<'_>, out: &mut TableOut) {
    let mut pending: Vec<(RequestRow, Run)> = Vec::new();
    // Each row gives a cell per key, whatever its reading: room for them all at once.
    out.cells.reserve(reads.iter().map(|r| r.keys.len()).sum());
    for ReadRow { keys, read } in reads {
        match read {
            RowRead::Cells(cells) => out.cells.extend(keys.into_iter().zip(cells)),
            RowRead::Miscounted { cells, found, raw, span } => {
                out.notes.push(Note::RowIncomplete { cells: keys.clone(), found, raw, span });
                out.cells.extend(keys.into_iter().zip(cells));
            }
            RowRead::Runs(run) => match how {
                Settle::ZerosOnly => cut_without_relation(tokens, &keys, run, out),
                Settle::AppealGroups => cut_by_group_totals(tokens, &keys, run, out),
                Settle::Columns { .. } => {
                    if let Some(CellKey::Requests(row, _)) = keys.first() {
                        pending.push((*row, run));
                    }
                }
            },
        }
    }
    if let Settle::Columns { expected, traceless_blanks } = how
        && !pending.is_empty()
    {
        if traceless_blanks {
            leave_runs_with_blanks(tokens, out, pending);
        } else {
            cut_request_runs(tokens, out, pending, expected);
        }
    }
}

/// How many of 表四's three group totals a complete row of fifteen numbers breaks.
fn appeal_groups_broken(values: &[Decimal]) -> usize {
    values.chunks(APPEAL_GROUP).filter(|g| Decimal::sum(g[..APPEAL_GROUP - 1].iter().copied()) != Some(g[APPEAL_GROUP - 1])).count()
}

/// The cells of a cut, each with its raw text.
fn cells_of_cut<'a>(tokens: &'a Tokens, run: &'a Run, cut: &'a [CutCell]) -> impl Iterator<Item = Cell> + 'a {
    cut.iter().map(|p| Cell {
        value: Value::Number(p.value),
        raw: runs::raw_of(tokens, &run.values, p.span),
        span: Some(p.span),
        unit: p.unit,
    })
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

/// A run of 表四's row of fifteen, which holds relations of its own (its three group totals):
/// the cut that breaks the fewest of them, if no other breaks as few.
fn cut_by_group_totals(tokens: &Tokens, keys: &[CellKey], run: Run, out: &mut TableOut) {
    let mut ranking = Ranking::default();
    let total = runs::each_cut(tokens, &run.values, keys.len(), &mut |parts| {
        let values: Vec<Decimal> = parts.iter().map(|p| p.value).collect();
        ranking.offer(appeal_groups_broken(&values), parts);
    });
    let Some(total) = total else {
        return leave_unread(keys, run, runs::MAX_SPLITS, 0, out);
    };
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
            tied.read(tokens, Table::Appeals, vec![(keys.to_vec(), run, total, count)], out);
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
fn cut_request_runs(tokens: &Tokens, out: &mut TableOut, pending: Vec<(RequestRow, Run)>, expected: &[Target]) {
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
            // A cut of 表三's row has one part a column: its values on the stack, not in a list
            // of their own per cut.
            let mut values = [0i128; REQUEST_WIDTH];
            for (value, part) in values.iter_mut().zip(parts) {
                let Some(scaled) = choose::scaled(part.value) else { return };
                *value = scaled;
            }
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
    // The cells read so far, at their key's place (`CellKey::index`); a later cell of a key
    // replaces an earlier one.
    let mut known: [Option<&Cell>; CellKey::COUNT] = [None; CellKey::COUNT];
    for (k, c) in &out.cells {
        known[k.index()] = Some(c);
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
                    let n = known[CellKey::Requests(row, RequestCol::ALL[col]).index()].and_then(Cell::number).and_then(choose::scaled)?;
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
        let mut outcome: Vec<(RequestRow, usize, i8)> = expected
            .iter()
            .filter_map(|t| match t {
                Target::Requests(r) if r.is_outcome() => Some((*r, col, 1)),
                _ => None,
            })
            .collect();
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
