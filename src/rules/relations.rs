//! Evaluating every arithmetic relation of the tables once, and deciding which cell of each
//! broken relation to point at.
//!
//! The arithmetic rules (`requests-row-total`, `requests-outcome-total`, `requests-balance`,
//! `appeals-total`) and `blank-operand` all read from this one analysis, so that pointing
//! can use what the other relations say: a row relation and a column relation that are both
//! broken and cross at a cell, where one change to that cell would repair both, make that
//! cell the one to look at in both findings.

use std::collections::BTreeMap;

use crate::model::{
    AppealCol, AppealRow, CellKey, Decimal, Hint, Relation, Report, RequestCol, RequestRow, Table, Tally, Unchecked, Value, Why,
};

/// One relation, as `left = right`: the parts on the left, the total(s) on the right.
#[derive(Clone, Debug)]
pub struct RelationCheck {
    pub relation: Relation,
    pub left: Vec<CellKey>,
    pub right: Vec<CellKey>,
    pub status: Status,
}

/// What evaluating a relation found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Holds,
    /// The two sides differ.
    Broken {
        left: Decimal,
        right: Decimal,
    },
    /// Some cells are blank while others are not zero: the relation cannot be checked.
    BlankOperand {
        blanks: Vec<CellKey>,
        left_known: Decimal,
        right_known: Decimal,
    },
    /// Some cells are blank and all the others are zero (or blank): nothing to say.
    QuietlyBlank,
    /// A cell is missing or unread: the reading findings explain it; nothing to say here.
    Unknown,
}

/// Every relation of a report, evaluated, with the cells to point at.
#[derive(Debug, Default)]
pub struct Analysis {
    pub checks: Vec<RelationCheck>,
    /// For each broken relation, the cells most likely wrong, and what tells so.
    pub pointing: Pointing,
}

/// For each broken relation, the cells most likely wrong, and the hint that tells so (none
/// when the relation's total is pointed at for want of anything better).
pub type Pointing = BTreeMap<Relation, (Vec<CellKey>, Option<Hint>)>;

impl Analysis {
    pub fn of(report: &Report) -> Analysis {
        // One lookup table for every cell, read many times over.
        let mut cells: Vec<Option<&Value>> = vec![None; CellKey::COUNT];
        for (key, cell) in &report.cells {
            cells[key.index()] = Some(&cell.value);
        }
        let lookup = &Lookup { cells };
        let mut checks = Vec::new();
        if report.has_table(crate::model::Table::Requests) {
            let rows = report.request_rows();
            for row in &rows {
                let left = RequestCol::ALL[..6].iter().map(|c| CellKey::Requests(*row, *c)).collect();
                let right = vec![CellKey::Requests(*row, RequestCol::Total)];
                checks.push(evaluate(lookup, Relation::RowTotal(*row), left, right));
            }
            for col in RequestCol::ALL {
                let left = rows.iter().filter(|r| r.is_outcome()).map(|r| CellKey::Requests(*r, *col)).collect();
                let right = vec![CellKey::Requests(RequestRow::Total, *col)];
                checks.push(evaluate(lookup, Relation::OutcomeTotal(*col), left, right));
            }
            for col in RequestCol::ALL {
                let left = vec![CellKey::Requests(RequestRow::New, *col), CellKey::Requests(RequestRow::CarriedOver, *col)];
                let right = vec![CellKey::Requests(RequestRow::Total, *col), CellKey::Requests(RequestRow::CarriedForward, *col)];
                checks.push(evaluate(lookup, Relation::Balance(*col), left, right));
            }
        }
        if report.has_table(crate::model::Table::Appeals) {
            for row in AppealRow::ALL {
                let left = AppealCol::ALL[..4].iter().map(|c| CellKey::Appeals(*row, *c)).collect();
                let right = vec![CellKey::Appeals(*row, AppealCol::Total)];
                checks.push(evaluate(lookup, Relation::AppealsTotal(*row), left, right));
            }
        }
        let pointing = point(lookup, &checks);
        Analysis { checks, pointing }
    }

    /// How many relations held, broke, or could not be checked, with why; the relations of a
    /// table that was not found count as unchecked.
    pub fn tally(&self, report: &Report) -> Tally {
        let mut tally = Tally::default();
        for check in &self.checks {
            let cells_where = |pred: &dyn Fn(Option<&Value>) -> bool| -> Vec<CellKey> {
                check.left.iter().chain(&check.right).copied().filter(|c| pred(report.cell(*c).map(|c| &c.value))).collect()
            };
            let unchecked = |why, cells| Unchecked { relation: check.relation, why, cells };
            match &check.status {
                Status::Holds => tally.held += 1,
                Status::Broken { .. } => tally.broken += 1,
                Status::BlankOperand { blanks, .. } => tally.unchecked.push(unchecked(Why::Blank, blanks.clone())),
                Status::QuietlyBlank => tally.unchecked.push(unchecked(Why::Blank, cells_where(&|v| v == Some(&Value::Blank)))),
                Status::Unknown => {
                    let unread = cells_where(&|v| matches!(v, Some(Value::Unread(_))));
                    let entry = if unread.is_empty() {
                        unchecked(Why::Missing, cells_where(&|v| v.is_none()))
                    } else {
                        unchecked(Why::Unread, unread)
                    };
                    tally.unchecked.push(entry);
                }
            }
        }
        if !report.has_table(Table::Requests) {
            let rows = report.request_rows();
            let relations = rows
                .iter()
                .map(|r| Relation::RowTotal(*r))
                .chain(RequestCol::ALL.iter().map(|c| Relation::OutcomeTotal(*c)))
                .chain(RequestCol::ALL.iter().map(|c| Relation::Balance(*c)));
            tally.unchecked.extend(relations.map(|relation| Unchecked { relation, why: Why::Missing, cells: Vec::new() }));
        }
        if !report.has_table(Table::Appeals) {
            let relations = AppealRow::ALL.iter().map(|r| Relation::AppealsTotal(*r));
            tally.unchecked.extend(relations.map(|relation| Unchecked { relation, why: Why::Missing, cells: Vec::new() }));
        }
        // In the order the tables read: 表三's rows, its columns, its balance, then 表四.
        crate::model::sort_stable_by(&mut tally.unchecked, |a, b| a.relation.cmp(&b.relation));
        tally
    }

    /// The evaluated relations whose status matches.
    pub fn with<'a>(&'a self, pred: impl Fn(&Status) -> bool + 'a) -> impl Iterator<Item = &'a RelationCheck> + 'a {
        self.checks.iter().filter(move |c| pred(&c.status))
    }
}

/// The values of a report's cells by dense index.
struct Lookup<'a> {
    cells: Vec<Option<&'a Value>>,
}

impl Lookup<'_> {
    fn value(&self, key: CellKey) -> Option<&Value> {
        self.cells[key.index()]
    }

    fn number(&self, key: CellKey) -> Option<Decimal> {
        match self.value(key) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        }
    }
}

/// Evaluates one relation.
fn evaluate(report: &Lookup<'_>, relation: Relation, left: Vec<CellKey>, right: Vec<CellKey>) -> RelationCheck {
    let mut blanks = Vec::new();
    let mut unknown = false;
    let mut sums = [Decimal::ZERO, Decimal::ZERO];
    let mut any_nonzero = false;
    for (side, cells) in [&left, &right].into_iter().enumerate() {
        for cell in cells {
            match report.value(*cell) {
                Some(Value::Number(n)) => {
                    any_nonzero |= !n.is_zero();
                    match sums[side].checked_add(*n) {
                        Some(s) => sums[side] = s,
                        None => unknown = true,
                    }
                }
                Some(Value::Blank) => blanks.push(*cell),
                Some(Value::Unread(_)) | None => unknown = true,
            }
        }
    }
    let status = if unknown {
        Status::Unknown
    } else if !blanks.is_empty() {
        if any_nonzero { Status::BlankOperand { blanks, left_known: sums[0], right_known: sums[1] } } else { Status::QuietlyBlank }
    } else if sums[0] == sums[1] {
        Status::Holds
    } else {
        Status::Broken { left: sums[0], right: sums[1] }
    };
    RelationCheck { relation, left, right, status }
}

/// Decides, for every broken relation, which cells to point at. Each step says more than the
/// steps after it, so a relation one step settles keeps that answer (a crossing adds its cell
/// to another crossing's, never to a split cell).
fn point(report: &Lookup<'_>, checks: &[RelationCheck]) -> Pointing {
    let broken: Vec<&RelationCheck> = checks.iter().filter(|c| matches!(c.status, Status::Broken { .. })).collect();
    let mut pointing = Pointing::new();
    point_at_split_cells(report, &broken, &mut pointing);
    point_at_crossings(&broken, &mut pointing);
    point_at_misclassified_applications(report, checks, &broken, &mut pointing);
    point_at_totals(checks, &broken, &mut pointing);
    pointing
}

/// Two adjacent single digits that, joined, repair a row: a cell split in two by a PDF copy.
/// This says more than any crossing, so it comes first.
fn point_at_split_cells(report: &Lookup<'_>, broken: &[&RelationCheck], pointing: &mut Pointing) {
    for check in broken {
        if let Some(hint @ Hint::SplitCell { first, second, .. }) = split_cell_hint(report, check) {
            pointing.insert(check.relation, (vec![first, second], Some(hint)));
        }
    }
}

/// A broken row relation and a broken column relation of 表三 cross at one cell, and one
/// change to that cell repairs both: that cell is the one to look at in both. (When the two
/// need different changes, the cell cannot be the answer to both: two cells are wrong.)
fn point_at_crossings(broken: &[&RelationCheck], pointing: &mut Pointing) {
    let rows = broken.iter().filter(|c| matches!(c.relation, Relation::RowTotal(_)));
    for row_check in rows {
        let columns = broken.iter().filter(|c| matches!(c.relation, Relation::OutcomeTotal(_) | Relation::Balance(_)));
        for col_check in columns {
            let Some(cell) = crossing(row_check, col_check) else { continue };
            for relation in [row_check.relation, col_check.relation] {
                if matches!(pointing.get(&relation), Some((_, Some(Hint::SplitCell { .. })))) {
                    continue;
                }
                let (cells, hint) = pointing.entry(relation).or_insert_with(|| (Vec::new(), None));
                if !cells.contains(&cell) {
                    cells.push(cell);
                }
                hint.get_or_insert(Hint::Crossing(cell));
            }
        }
    }
}

/// The one cell two broken relations share, when one change to it repairs both.
fn crossing(row_check: &RelationCheck, col_check: &RelationCheck) -> Option<CellKey> {
    let cells = |c: &RelationCheck| c.left.iter().chain(&c.right).copied().collect::<Vec<_>>();
    let row_cells = cells(row_check);
    let shared: Vec<CellKey> = cells(col_check).into_iter().filter(|c| row_cells.contains(c)).collect();
    let [cell] = shared[..] else { return None };
    repair(row_check, cell).is_some_and(|change| repair(col_check, cell) == Some(change)).then_some(cell)
}

/// Two column relations of the same kind off by +d and −d while the total column holds:
/// probably d applications counted in the wrong column. The row is the one where moving d
/// from one column to the other makes every broken column relation hold again; when no single
/// row does, the finding says so without pointing at a cell.
fn point_at_misclassified_applications(report: &Lookup<'_>, checks: &[RelationCheck], broken: &[&RelationCheck], pointing: &mut Pointing) {
    for (i, a) in broken.iter().enumerate() {
        for b in &broken[i + 1..] {
            if pointing.contains_key(&a.relation) || pointing.contains_key(&b.relation) {
                continue;
            }
            let Some((ca, cb, da)) = opposite_applicant_columns(a, b) else { continue };
            if !holds(checks, Relation::OutcomeTotal(RequestCol::Total)) && !holds(checks, Relation::Balance(RequestCol::Total)) {
                continue;
            }
            let by = da.abs();
            let rows = rows_where_moving_fixes(report, checks, ca, cb, by);
            // With the row known, its two cells are the ones to look at in both findings. When
            // several rows could hold the misplaced applications, no cell is blamed: least of
            // all the columns' （七）总计, which the holding balance confirms; the message says
            // the row is unknown.
            let (cells, hint) = match rows[..] {
                [(row, over, under)] => (
                    vec![CellKey::Requests(row, over), CellKey::Requests(row, under)],
                    Hint::Misclassified { row: Some(row), over, under, by },
                ),
                _ => {
                    let (over, under) = if da.is_negative() { (ca, cb) } else { (cb, ca) };
                    (Vec::new(), Hint::Misclassified { row: None, over, under, by })
                }
            };
            for relation in [a.relation, b.relation] {
                pointing.insert(relation, (cells.clone(), Some(hint.clone())));
            }
        }
    }
}

/// Two broken column relations of the same kind (two outcome totals, or two balances) in two
/// applicant columns, off by opposite amounts: their columns and the first one's difference.
/// The total column is the sum of the others, so it is never one of the pair.
fn opposite_applicant_columns(a: &RelationCheck, b: &RelationCheck) -> Option<(RequestCol, RequestCol, Decimal)> {
    let (ca, cb) = match (a.relation, b.relation) {
        (Relation::OutcomeTotal(ca), Relation::OutcomeTotal(cb)) | (Relation::Balance(ca), Relation::Balance(cb)) => (ca, cb),
        _ => return None,
    };
    let (da, db) = (difference(&a.status)?, difference(&b.status)?);
    let opposite = da.checked_add(db) == Some(Decimal::ZERO);
    (ca != RequestCol::Total && cb != RequestCol::Total && opposite).then_some((ca, cb, da))
}

/// The rows, with the column to take from and the column to give to, where moving `by`
/// applications between columns `a` and `b` repairs their column relations.
fn rows_where_moving_fixes(
    report: &Lookup<'_>,
    checks: &[RelationCheck],
    a: RequestCol,
    b: RequestCol,
    by: Decimal,
) -> Vec<(RequestRow, RequestCol, RequestCol)> {
    let mut found = Vec::new();
    for row in RequestRow::ALL {
        for (from, to) in [(a, b), (b, a)] {
            let has_it = report.number(CellKey::Requests(*row, from)).is_some_and(|v| v >= by);
            if has_it && moving_fixes(report, checks, *row, from, to, by) {
                found.push((*row, from, to));
            }
        }
    }
    found
}

/// Everything else: the relation's total (for the balance, 结转下年度 when the column's
/// （七）总计 adds up, since the balance is then most likely off there).
fn point_at_totals(checks: &[RelationCheck], broken: &[&RelationCheck], pointing: &mut Pointing) {
    for check in broken {
        if pointing.contains_key(&check.relation) {
            continue;
        }
        let primary = match check.relation {
            Relation::Balance(col) if holds(checks, Relation::OutcomeTotal(col)) => CellKey::Requests(RequestRow::CarriedForward, col),
            Relation::Balance(col) => CellKey::Requests(RequestRow::Total, col),
            _ => check.right[0],
        };
        pointing.insert(check.relation, (vec![primary], None));
    }
}

/// Whether `relation` was evaluated and holds.
fn holds(checks: &[RelationCheck], relation: Relation) -> bool {
    checks.iter().any(|c| c.relation == relation && c.status == Status::Holds)
}

/// Whether moving `by` applications of `row` from column `from` to `to` makes every column
/// relation of the two columns hold (and leaves none broken that held).
fn moving_fixes(report: &Lookup<'_>, checks: &[RelationCheck], row: RequestRow, from: RequestCol, to: RequestCol, by: Decimal) -> bool {
    let moved = |cell: CellKey| -> Option<Decimal> {
        let value = report.number(cell)?;
        if cell == CellKey::Requests(row, from) {
            value.checked_sub(by)
        } else if cell == CellKey::Requests(row, to) {
            value.checked_add(by)
        } else {
            Some(value)
        }
    };
    let mut touched = false;
    for check in checks {
        let col = match check.relation {
            Relation::OutcomeTotal(c) | Relation::Balance(c) => c,
            _ => continue,
        };
        if col != from && col != to || !matches!(check.status, Status::Holds | Status::Broken { .. }) {
            continue;
        }
        let sum = |cells: &[CellKey]| cells.iter().try_fold(Decimal::ZERO, |acc, c| acc.checked_add(moved(*c)?));
        if sum(&check.left) != sum(&check.right) {
            return false;
        }
        touched |= matches!(check.status, Status::Broken { .. });
    }
    touched
}

/// The change to `cell` alone that makes the broken relation `check` hold.
fn repair(check: &RelationCheck, cell: CellKey) -> Option<Decimal> {
    let d = difference(&check.status)?;
    if check.left.contains(&cell) {
        Some(d)
    } else if check.right.contains(&cell) {
        Decimal::ZERO.checked_sub(d)
    } else {
        None
    }
}

/// right − left of a broken relation: positive when the table's total is larger than the sum.
fn difference(status: &Status) -> Option<Decimal> {
    match status {
        Status::Broken { left, right } => right.checked_sub(*left),
        _ => None,
    }
}

/// Two adjacent single-digit parts of a row total that, joined into one number, make the
/// relation hold: a cell split in two by a PDF copy.
fn split_cell_hint(report: &Lookup<'_>, check: &RelationCheck) -> Option<Hint> {
    if !matches!(check.relation, Relation::RowTotal(_) | Relation::AppealsTotal(_)) {
        return None;
    }
    let Status::Broken { left, right } = check.status else { return None };
    let digit = |cell: CellKey| report.number(cell).and_then(Decimal::to_i64).filter(|n| (0..=9).contains(n));
    check.left.windows(2).find_map(|pair| {
        let (a, b) = (digit(pair[0])?, digit(pair[1])?);
        let joined = Decimal::from_int(a * 10 + b);
        let repaired = left.checked_sub(Decimal::from_int(a + b))?.checked_add(joined)?;
        (repaired == right && a != 0).then_some(Hint::SplitCell { first: pair[0], second: pair[1], joined })
    })
}

/// Reports the broken relations that `pick` selects as findings of `rule`: the arithmetic
/// rules differ only in which relations they own. `pick` is a function pointer, not a generic
/// closure, so the four rules share one copy of this (the page carried four, 1.5 KB raw each).
pub fn arithmetic_findings(ctx: &super::Context<'_>, rule: &super::Rule, pick: fn(Relation) -> bool, out: &mut Vec<crate::model::Finding>) {
    use crate::model::{CellRef, Fact, Role};
    for check in ctx.analysis.checks.iter().filter(|c| pick(c.relation)) {
        let Status::Broken { left, right } = check.status else { continue };
        let (primary, hint) = ctx.analysis.pointing.get(&check.relation).cloned().unwrap_or_default();
        let cells: Vec<CellRef> = check
            .left
            .iter()
            .chain(&check.right)
            .map(|cell| CellRef { cell: *cell, role: if primary.contains(cell) { Role::Primary } else { Role::Related } })
            .chain(
                primary
                    .iter()
                    .filter(|p| !check.left.contains(p) && !check.right.contains(p))
                    .map(|p| CellRef { cell: *p, role: Role::Primary }),
            )
            .collect();
        let number = |cell: &CellKey| ctx.report.number(*cell).unwrap_or(Decimal::ZERO);
        let fact = match check.relation {
            Relation::Balance(col) => Fact::Balance {
                col,
                new: number(&check.left[0]),
                carried_over: number(&check.left[1]),
                total: number(&check.right[0]),
                carried_forward: number(&check.right[1]),
                hint,
            },
            relation => Fact::Sum { relation, parts: check.left.iter().map(number).collect(), expected: left, actual: right, hint },
        };
        out.push(ctx.finding(rule, rule.severity, cells, fact));
    }
}
