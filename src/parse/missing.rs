//! The last stage of reading a table: the official rows the text did not place. A row printed
//! with every cell empty is present and blank; the others are noted missing.

use std::ops::Range;

use super::cells::REQUEST_WIDTH;
use super::labels::{Scope, Target};
use super::rows::Rows;
use super::tables::TableOut;
use super::tokens::{Kind, Read, Tokens};
use crate::model::{Cell, CellKey, Format, Note, ProactiveRow, RequestCol, Table, Unit, Value, proactive_block};

/// Gives the rows of `rows.expected` printed empty their blank cells, notes the others the
/// text did not place, and sorts the cells in reading order. `range` is the table's stretch
/// of tokens.
pub fn fill_missing_rows(tokens: &Tokens, range: Range<usize>, rows: &Rows, table: Table, out: &mut TableOut) {
    let unplaced: Vec<Target> = rows.expected.iter().copied().filter(|r| !rows.placed.contains(&Some(*r))).collect();
    // A label alone on its line is an empty row only where the text prints every other row
    // whole after its label: not where rows ran into one another or came out short (text
    // copied in reading order brings columns out as blocks, and a row's label may stand alone
    // with its numbers elsewhere).
    if !out.cells.is_empty() && !unplaced.is_empty() && rows_printed_whole(tokens, rows) {
        let scope = if table == Table::Proactive { Scope::Proactive } else { Scope::Requests };
        let empty = empty_rows(tokens, range, scope, &unplaced);
        blank_rows(out, &empty, rows.format);
    }
    finish(out, &rows.placed, &rows.expected, table);
}

/// How many columns a row has in `format`.
fn row_width(row: Target, format: Format) -> usize {
    match row {
        Target::Proactive(r) => proactive_block(format, r).map_or(0, |b| b.columns.len()),
        Target::Requests(_) => REQUEST_WIDTH,
    }
}

/// Whether the text shows every row's numbers right after its label: every segment placed on
/// a row holds as many values as the row has columns, or one more (a subtotal
/// column some variants add), and no numbers stand apart from a row. Only then does a label
/// alone on its line show an empty row; otherwise its numbers may be among those elsewhere.
fn rows_printed_whole(tokens: &Tokens, rows: &Rows) -> bool {
    let is_number = |i: &usize| matches!(&tokens.list[*i].kind, Kind::Value(v) if matches!(v.read, Read::Number { .. }));
    rows.segments.iter().zip(&rows.placed).all(|(seg, target)| match target {
        Some(t) => (row_width(*t, rows.format)..=row_width(*t, rows.format) + 1).contains(&seg.values.len()),
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
    // Usually in order already (rows read as the text gives them, the text in official
    // order), and then sorting would move nothing.
    if !out.cells.is_sorted_by(|a, b| a.0 <= b.0) {
        crate::model::sort_stable_by(&mut out.cells, |a, b| a.0.cmp(&b.0));
    }
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
