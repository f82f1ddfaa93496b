//! What the page shows, as plain data built from the core's results.
//!
//! Nothing here touches the DOM or a signal: these functions turn a [`Checked`] report into
//! the rows, cells and lines the components render, so the components only lay out what they
//! are given. Which table has which rows and columns comes from the model's layout helpers
//! ([`proactive_layout`], [`Report::request_rows`], [`Report::layout_format`]); no numbers are
//! computed here beyond counting findings.
//!
//! [`Report::request_rows`]: crate::model::Report::request_rows
//! [`Report::layout_format`]: crate::model::Report::layout_format

use std::collections::BTreeMap;

use crate::Checked;
use crate::model::{
    AppealCol, AppealRow, Cell, CellKey, Finding, Format, Report, RequestCol, Role, Severity, Table, Value,
    proactive_layout,
};

/// The state of the page as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing has been entered yet.
    Empty,
    /// Text was entered but none of the three tables was found in it.
    NoTables,
    /// At least one table was read.
    Read,
}

/// The summary above the tables: what was read, and how many findings of each severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub status: Status,
    pub title: Option<String>,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The format the tables were read in, when the report shows one.
    pub format: Option<Format>,
    /// The publication date, as `YYYY-MM-DD`.
    pub published: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One of the three tables, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableView {
    pub table: Table,
    /// Whether the report contains the table at all; an absent table is shown as a note.
    pub present: bool,
    /// Groups of rows sharing the same columns (the 表二 blocks; one group for 表三 and 表四).
    pub sections: Vec<Section>,
}

/// Rows that share a header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading of the first header cell (e.g. "第二十条第（一）项"), if any.
    pub heading: Option<&'static str>,
    /// The column labels, in order.
    pub columns: Vec<&'static str>,
    pub rows: Vec<RowView>,
}

/// One table row: its label and its cells, one per column of its section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowView {
    pub label: String,
    pub cells: Vec<CellView>,
}

/// One table cell as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellView {
    pub key: CellKey,
    /// The text shown: the number as read, or the raw text of a blank or unreadable cell.
    pub text: String,
    /// The cell's text in the input, when it differs from what is shown.
    pub raw: Option<String>,
    pub state: CellState,
    /// How the findings mark the cell, if any finding involves it.
    pub mark: Option<Mark>,
}

/// What the report holds for a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    /// The cell was not found in the input.
    Missing,
    /// Present without a number ("", "-", "无").
    Blank,
    /// Present with a number.
    Number,
    /// Present, but its number could not be read.
    Unread,
}

impl CellState {
    /// The CSS class of a cell in this state.
    pub fn class(self) -> &'static str {
        match self {
            CellState::Missing => "cell missing",
            CellState::Blank => "cell blank",
            CellState::Number => "cell number",
            CellState::Unread => "cell unread",
        }
    }
}

/// How findings mark a cell: by the most serious finding involving it, and whether any of
/// them names it as the primary cell. Informational findings do not mark cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub severity: Severity,
    pub primary: bool,
}

/// One finding, as listed under the tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingView {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The names (`TABLE.ROW.COL`) of the cells it involves, primary ones first.
    pub cells: Vec<String>,
}

/// The summary of a checked report; `input` is the text it was read from.
pub fn summary(input: &str, checked: &Checked) -> Summary {
    let report = &checked.report;
    let count = |severity| checked.findings.iter().filter(|f| f.severity == severity).count();
    let status = if input.trim().is_empty() {
        Status::Empty
    } else if Table::ALL.iter().any(|t| table_present(report, *t)) {
        Status::Read
    } else {
        Status::NoTables
    };
    Summary {
        status,
        title: report.title.clone(),
        body: report.body.clone(),
        year: report.year,
        format: report.format,
        published: report.published.as_ref().map(|d| d.value.to_string()),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
    }
}

/// The three tables in report order.
pub fn tables(checked: &Checked) -> Vec<TableView> {
    let marks = marks(&checked.findings);
    Table::ALL.iter().map(|table| table_view(&checked.report, &marks, *table)).collect()
}

/// The findings in the order the rules gave them.
pub fn findings(checked: &Checked) -> Vec<FindingView> {
    checked
        .findings
        .iter()
        .map(|f| FindingView {
            rule: f.rule,
            severity: f.severity,
            message: f.message.clone(),
            cells: f.cells.iter().map(|c| c.cell.to_string()).collect(),
        })
        .collect()
}

/// How the findings mark each cell they involve.
pub fn marks(findings: &[Finding]) -> BTreeMap<CellKey, Mark> {
    let mut marks: BTreeMap<CellKey, Mark> = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.severity != Severity::Info) {
        for cell in &finding.cells {
            let primary = cell.role == Role::Primary;
            marks
                .entry(cell.cell)
                .and_modify(|m| {
                    // Severity orders Error before Warning: the smaller is the more serious.
                    m.severity = m.severity.min(finding.severity);
                    m.primary |= primary;
                })
                .or_insert(Mark { severity: finding.severity, primary });
        }
    }
    marks
}

/// Whether the report contains `table`: its heading and layout were found, or any of its cells.
fn table_present(report: &Report, table: Table) -> bool {
    report.has_table(table) || report.cells.keys().any(|k| k.table() == table)
}

fn table_view(report: &Report, marks: &BTreeMap<CellKey, Mark>, table: Table) -> TableView {
    let format = report.layout_format();
    let cell = |key: CellKey| cell_view(report.cell(key), key, marks.get(&key).copied());
    let sections = match table {
        Table::Proactive => proactive_layout(format)
            .iter()
            .map(|block| Section {
                heading: Some(block.heading),
                columns: block.columns.iter().map(|(_, label)| *label).collect(),
                rows: block
                    .rows
                    .iter()
                    .map(|(row, label)| RowView {
                        label: (*label).to_string(),
                        cells: block.columns.iter().map(|(col, _)| cell(CellKey::Proactive(*row, *col))).collect(),
                    })
                    .collect(),
            })
            .collect(),
        Table::Requests => vec![Section {
            heading: None,
            columns: RequestCol::ALL.iter().map(|c| c.label()).collect(),
            rows: report
                .request_rows()
                .into_iter()
                .map(|row| RowView {
                    label: row.short_label(),
                    cells: RequestCol::ALL.iter().map(|col| cell(CellKey::Requests(row, *col))).collect(),
                })
                .collect(),
        }],
        Table::Appeals => vec![Section {
            heading: None,
            columns: AppealCol::ALL.iter().map(|c| c.label()).collect(),
            rows: AppealRow::ALL
                .iter()
                .map(|row| RowView {
                    label: row.short_label().to_string(),
                    cells: AppealCol::ALL.iter().map(|col| cell(CellKey::Appeals(*row, *col))).collect(),
                })
                .collect(),
        }],
    };
    TableView { table, present: table_present(report, table), sections }
}

fn cell_view(cell: Option<&Cell>, key: CellKey, mark: Option<Mark>) -> CellView {
    let (text, state) = match cell.map(|c| &c.value) {
        None => (String::new(), CellState::Missing),
        Some(Value::Number(n)) => (n.to_string(), CellState::Number),
        Some(Value::Blank) => (cell.map(|c| c.raw.trim().to_string()).unwrap_or_default(), CellState::Blank),
        Some(Value::Unread(_)) => (cell.map(|c| c.raw.trim().to_string()).unwrap_or_default(), CellState::Unread),
    };
    let raw = cell.map(|c| c.raw.trim()).filter(|raw| *raw != text).map(str::to_string);
    CellView { key, text, raw, state, mark }
}
