//! A plain-text rendering of a checked report: the tables as read, with markers on the cells
//! that findings involve, the findings as numbered lines, and the cells a reviewer corrected. Used by the command line's
//! summary, by snapshot tests, and to look at a report without a browser.

use std::fmt::Write;

use crate::Checked;
use crate::model::{Cell, CellKey, Finding, Report, Role, Severity, Table, Tally, Value, Why, proactive_layout};

/// Renders the metadata, the three tables and the findings.
pub fn render(checked: &Checked) -> String {
    let mut out = String::new();
    let report = &checked.report;
    render_meta(report, &mut out);
    for table in Table::ALL {
        render_table(report, &checked.findings, *table, &mut out);
    }
    render_findings(&checked.findings, &mut out);
    let _ = writeln!(out, "\n{}", tally_line(&checked.relations()));
    render_corrections(report, &mut out);
    out
}

/// The relations counted, in one line: "勾稽关系 49 个：45 个相符，1 个不符，3 个未能核对（有空白格 2，有未能读取的格 1）".
pub fn tally_line(tally: &Tally) -> String {
    let mut line =
        format!("勾稽关系 {} 个：{} 个相符，{} 个不符，{} 个未能核对", tally.total(), tally.held, tally.broken, tally.unchecked.len());
    let reasons: Vec<String> = [Why::Blank, Why::Unread, Why::Missing]
        .into_iter()
        .map(|why| (why, tally.unchecked_for(why)))
        .filter(|(_, n)| *n > 0)
        .map(|(why, n)| format!("{} {n}", why.label()))
        .collect();
    if !reasons.is_empty() {
        line.push_str(&format!("（{}）", reasons.join("，")));
    }
    line
}

/// The cells the reviewer corrected, with what was read and what they were corrected to.
fn render_corrections(report: &Report, out: &mut String) {
    if report.corrected.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n人工修改 {} 格（已按修改后的数字校验）：", report.corrected.len());
    for key in report.corrected.keys() {
        let _ = writeln!(out, "  {}", super::correction_line(report, *key));
    }
}

fn render_meta(report: &Report, out: &mut String) {
    let or_dash = |s: Option<String>| s.unwrap_or_else(|| "—".to_string());
    let _ = writeln!(out, "标题：{}", or_dash(report.title.clone()));
    let _ = writeln!(out, "机关：{}", or_dash(report.body.clone()));
    let _ = writeln!(
        out,
        "年度：{}  格式：{}  发布日期：{}",
        or_dash(report.year.map(|y| y.to_string())),
        or_dash(report.format.map(|f| f.key().to_string())),
        or_dash(report.published.as_ref().map(|d| d.value.to_string()))
    );
}

fn render_table(report: &Report, findings: &[Finding], table: Table, out: &mut String) {
    let _ = writeln!(out, "\n{}", table.short_name());
    if !report.has_table(table) {
        let _ = writeln!(out, "  （未找到）");
        return;
    }
    let format = report.layout_format();
    let rows: Vec<(String, Vec<CellKey>)> = match table {
        Table::Proactive => proactive_layout(format)
            .iter()
            .flat_map(|block| {
                block.rows.iter().map(move |(row, label)| {
                    (label.to_string(), block.columns.iter().map(|(col, _)| CellKey::Proactive(*row, *col)).collect())
                })
            })
            .collect(),
        Table::Requests => report
            .request_rows()
            .into_iter()
            .map(|row| (row.short_label(), crate::model::RequestCol::ALL.iter().map(|c| CellKey::Requests(row, *c)).collect()))
            .collect(),
        Table::Appeals => crate::model::AppealRow::ALL
            .iter()
            .map(|row| (row.short_label().to_string(), crate::model::AppealCol::ALL.iter().map(|c| CellKey::Appeals(*row, *c)).collect()))
            .collect(),
    };
    for (label, keys) in rows {
        let cells: Vec<String> = keys.iter().map(|k| cell_text(report.cell(*k), marker(findings, *k))).collect();
        let _ = writeln!(out, "  {label:<24} {}", cells.join(" "));
    }
}

/// How a cell reads in text: its number, "·" for blank, "?" for unread, " " for absent; then a
/// marker: "!" primary cell of an error, "*" other cell of an error, "~" cell of a warning.
fn cell_text(cell: Option<&Cell>, marker: &str) -> String {
    let value = match cell.map(|c| &c.value) {
        None => "".to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Blank) => "·".to_string(),
        Some(Value::Unread(_)) => "?".to_string(),
    };
    format!("{value:>6}{marker:<1}")
}

fn marker(findings: &[Finding], cell: CellKey) -> &'static str {
    let mut best = "";
    for f in findings {
        for c in f.cells.iter().filter(|c| c.cell == cell) {
            let m = match (f.severity, c.role) {
                (Severity::Error, Role::Primary) => "!",
                (Severity::Error, Role::Related) => "*",
                _ => "~",
            };
            if rank(m) > rank(best) {
                best = m;
            }
        }
    }
    best
}

fn rank(marker: &str) -> u8 {
    match marker {
        "!" => 3,
        "*" => 2,
        "~" => 1,
        _ => 0,
    }
}

fn render_findings(findings: &[Finding], out: &mut String) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let _ = writeln!(out, "\n{errors} 处错误 · {warnings} 处提醒");
    for (i, f) in findings.iter().enumerate() {
        let cells: Vec<String> = f.cells.iter().map(|c| c.cell.to_string()).collect();
        let _ = writeln!(out, "{}. [{}] {} {}", i + 1, f.severity.label(), f.rule, f.message);
        if !cells.is_empty() {
            let _ = writeln!(out, "   {}", cells.join(", "));
        }
    }
}
