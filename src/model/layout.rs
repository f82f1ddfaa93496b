//! The three tables as the official template draws them: header rows, merged label cells and
//! value cells in grid order, as data for any rendering (the review memo; the page's view
//! model draws the same grid, see `ui::view`).
//!
//! Which rows and columns a table has comes from the template ([`proactive_layout`],
//! [`Report::request_rows`], [`RequestRow::group`]); what is counted here is how the template
//! merges cells: how many rows a group label spans, how many grid columns a value spans.

use super::report::Report;
use super::template::{AppealCol, AppealRow, CellKey, Format, RequestCol, RequestRow, Table, heading, proactive_layout};

/// A table in the official layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    pub table: Table,
    /// How many of `rows` are the table's header.
    pub head_rows: usize,
    pub rows: Vec<GridRow>,
}

/// A row of the grid: label cells and value cells in grid order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridRow {
    /// Header rows, and 表二's block headings and column headings: labels only.
    pub head: bool,
    pub items: Vec<GridItem>,
}

/// One cell of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridItem {
    /// A label, with the spans the template gives it and how it is drawn: `section` (a 表二
    /// block heading), `note` (表三's 勾稽关系 note), `vertical` (三、本年度办理结果, one
    /// character per line), `group` (（三）不予公开…), `row-label`, `col`, or plain (empty).
    Label { text: &'static str, colspan: u32, rowspan: u32, class: &'static str },
    /// A value cell, spanning `colspan` grid columns.
    Cell { key: CellKey, colspan: u32 },
}

/// The grid of `table` for `report`, in the layout of the report's format (with the single
/// （六） row of 表三 when the report printed it so).
pub fn grid(report: &Report, table: Table) -> Grid {
    let (head_rows, rows) = match table {
        Table::Proactive => (0, proactive_rows(report.layout_format())),
        Table::Requests => (3, request_rows(report)),
        Table::Appeals => (3, appeal_rows()),
    };
    Grid { table, head_rows, rows }
}

fn label(text: &'static str, colspan: u32, rowspan: u32, class: &'static str) -> GridItem {
    GridItem::Label { text, colspan, rowspan, class }
}

fn head(items: Vec<GridItem>) -> GridRow {
    GridRow { head: true, items }
}

/// 表二: per block, a heading row across the table, a row of column headings, the rows. The
/// grid is as wide as the blocks need for every value cell to span the same number of grid
/// columns within its block (3 in the 2021 format, 6 in the 2019 format).
fn proactive_rows(format: Format) -> Vec<GridRow> {
    let blocks = proactive_layout(format);
    let grid = blocks.iter().fold(1, |g, b| lcm(g, b.columns.len() as u32));
    let mut rows = Vec::new();
    for block in blocks {
        let span = grid / block.columns.len() as u32;
        rows.push(head(vec![label(block.heading, grid + 1, 1, "section")]));
        let mut columns = vec![label(heading::CONTENT, 1, 1, "")];
        columns.extend(block.columns.iter().map(|(_, l)| label(l, span, 1, "")));
        rows.push(head(columns));
        for (row, row_label) in block.rows {
            let mut items = vec![label(row_label, 1, 1, "row-label")];
            items.extend(block.columns.iter().map(|(col, _)| GridItem::Cell { key: CellKey::Proactive(*row, *col), colspan: span }));
            rows.push(GridRow { head: false, items });
        }
    }
    rows
}

/// 表三: the three header rows of the template, then the rows the report has, their labels
/// merged as the template merges them.
fn request_rows(report: &Report) -> Vec<GridRow> {
    let cols = RequestCol::ALL;
    let orgs: Vec<GridItem> = cols[1..cols.len() - 1].iter().map(|c| label(c.label(), 1, 1, "col")).collect();
    let mut rows = vec![
        head(vec![label(heading::REQUESTS_NOTE, 3, 3, "note"), label(heading::APPLICANTS, 7, 1, "")]),
        head(vec![
            label(RequestCol::NaturalPerson.label(), 1, 2, "col"),
            label(heading::ORGANISATIONS, 5, 1, ""),
            label(RequestCol::Total.label(), 1, 2, "col"),
        ]),
        head(orgs),
    ];
    let report_rows = report.request_rows();
    let in_outcomes = |r: &RequestRow| r.is_outcome() || *r == RequestRow::Total;
    let outcome_rows = report_rows.iter().filter(|r| in_outcomes(r)).count() as u32;
    let mut outcomes_labelled = false;
    let mut previous_group = None;
    for row in &report_rows {
        let mut items = Vec::new();
        if !in_outcomes(row) {
            items.push(label(row.label(), 3, 1, "row-label"));
        } else {
            if !outcomes_labelled {
                items.push(label(heading::OUTCOMES, 1, outcome_rows, "vertical"));
                outcomes_labelled = true;
            }
            match row.group() {
                None => items.push(label(row.label(), 2, 1, "row-label")),
                Some(group) => {
                    if previous_group != Some(group) {
                        let span = report_rows.iter().filter(|r| r.group() == Some(group)).count() as u32;
                        items.push(label(group.label(), 1, span, "group"));
                    }
                    items.push(label(row.label(), 1, 1, "row-label"));
                }
            }
        }
        previous_group = row.group();
        items.extend(cols.iter().map(|col| GridItem::Cell { key: CellKey::Requests(*row, *col), colspan: 1 }));
        rows.push(GridRow { head: false, items });
    }
    rows
}

/// 表四: the three header rows of the template and its one row of fifteen values.
fn appeal_rows() -> Vec<GridRow> {
    let cols = || AppealCol::ALL.iter().map(|c| label(c.label(), 1, 1, "col"));
    let mut second: Vec<GridItem> = AppealCol::ALL.iter().map(|c| label(c.label(), 1, 2, "col")).collect();
    second.push(label(heading::LITIGATION_DIRECT, 5, 1, ""));
    second.push(label(heading::LITIGATION_AFTER_REVIEW, 5, 1, ""));
    let values = AppealRow::ALL
        .iter()
        .flat_map(|row| AppealCol::ALL.iter().map(move |col| GridItem::Cell { key: CellKey::Appeals(*row, *col), colspan: 1 }))
        .collect();
    vec![
        head(vec![label(heading::REVIEW, 5, 1, ""), label(heading::LITIGATION, 10, 1, "")]),
        head(second),
        head(cols().chain(cols()).collect()),
        GridRow { head: false, items: values },
    ]
}

fn lcm(a: u32, b: u32) -> u32 {
    let gcd = |mut a: u32, mut b: u32| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    a / gcd(a, b) * b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The width of every row of a grid, counting the cells that rows above span into it.
    fn widths(grid: &Grid) -> Vec<u32> {
        let mut carried: Vec<(u32, u32)> = Vec::new(); // (columns, rows left)
        let mut out = Vec::new();
        for row in &grid.rows {
            let from_above: u32 = carried.iter().map(|(c, _)| c).sum();
            let mut width = from_above;
            let mut next: Vec<(u32, u32)> = carried.iter().filter(|(_, r)| *r > 1).map(|(c, r)| (*c, r - 1)).collect();
            for item in &row.items {
                let (colspan, rowspan) = match item {
                    GridItem::Label { colspan, rowspan, .. } => (*colspan, *rowspan),
                    GridItem::Cell { colspan, .. } => (*colspan, 1),
                };
                width += colspan;
                if rowspan > 1 {
                    next.push((colspan, rowspan - 1));
                }
            }
            carried = next;
            out.push(width);
        }
        out
    }

    #[test]
    fn every_row_is_as_wide_as_the_table_in_both_formats() {
        for format in [Format::V2019, Format::V2021] {
            let mut report = crate::rules::testing::clean(format);
            for table in Table::ALL {
                let grid = grid(&report, *table);
                let w = widths(&grid);
                assert!(w.iter().all(|x| *x == w[0]), "{format} {table:?}: {w:?}");
            }
            // The 2021 table printed with （六） as one row.
            if format == Format::V2021 {
                report.cells.retain(|k, _| !matches!(k, CellKey::Requests(r, _) if r.only_2021()));
                crate::rules::testing::set(&mut report, CellKey::Requests(RequestRow::Other, RequestCol::Total), 0);
                let w = widths(&grid(&report, Table::Requests));
                assert!(w.iter().all(|x| *x == 10), "{w:?}");
            }
        }
    }

    #[test]
    fn every_cell_of_the_format_once() {
        for format in [Format::V2019, Format::V2021] {
            let report = crate::rules::testing::clean(format);
            for table in Table::ALL {
                let keys: Vec<CellKey> = grid(&report, *table)
                    .rows
                    .iter()
                    .flat_map(|r| r.items.iter())
                    .filter_map(|i| match i {
                        GridItem::Cell { key, .. } => Some(*key),
                        _ => None,
                    })
                    .collect();
                let mut expected = CellKey::all_of(*table, format);
                let mut sorted = keys.clone();
                sorted.sort();
                expected.sort();
                assert_eq!(sorted, expected, "{format} {table:?}");
            }
        }
    }
}
