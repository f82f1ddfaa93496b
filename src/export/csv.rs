//! Findings as CSV, one row per finding: what `--csv` prints and the app's “导出 CSV” saves.
//!
//! Quoting is RFC 4180's (a field with a comma, quote or line break is quoted, quotes
//! doubled); it is a few lines, so no CSV crate is pulled into the browser build.

use crate::Checked;
use crate::model::{Decisions, finding_ids};

/// The header row. After the finding, three columns count the report's relations (the same
/// on every row of a report): held, broken, not checked. Then the finding's identity (what a
/// decision is kept under), the reviewer's decision (确认, 忽略 or empty), the reason of a
/// 忽略, and the reviewer's note.
pub const HEADER: &str = "文件,规则,级别,单元格,说明,勾稽关系相符,勾稽关系不符,勾稽关系未能核对,标识,决定,理由,备注";

/// The UTF-8 byte order mark that makes Excel and WPS read the file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One CSV line (with its line end) per finding of one report, with the reviewer's decision
/// on it; a report without findings gets one line saying so, so that every report checked is
/// in the list with its counts; then one line per cell the reviewer corrected, with no rule,
/// naming the cell and saying what was read and what it was corrected to.
pub fn rows(file: &str, checked: &Checked, decisions: &Decisions) -> String {
    let tally = checked.relations();
    let counts = [tally.held, tally.broken, tally.unchecked.len()].map(|n| n.to_string());
    let mut out = String::new();
    let mut line = |finding: [&str; 5], decision: [&str; 4]| {
        let all: Vec<String> =
            finding.iter().copied().chain(counts.iter().map(String::as_str)).chain(decision.iter().copied()).map(quote).collect();
        out.push_str(&all.join(","));
        out.push_str("\r\n");
    };
    for (f, id) in checked.findings.iter().zip(finding_ids(&checked.findings)) {
        let cells: Vec<String> = f.cells.iter().map(|c| c.cell.to_string()).collect();
        let decision = decisions.get(&id);
        let verdict = decision.map_or("", |d| d.verdict.label());
        let (reason, note) = decision.map_or(("", ""), |d| (d.reason(), d.note.as_str()));
        line([file, f.rule, f.severity.label(), &cells.join(" "), &f.message], [&id, verdict, reason, note]);
    }
    if checked.findings.is_empty() {
        let none = if tally.unchecked.is_empty() {
            "未发现问题".to_string()
        } else {
            format!("未发现错误；{} 个勾稽关系未能核对", tally.unchecked.len())
        };
        line([file, "", "", "", &none], ["", "", "", ""]);
    }
    for key in checked.report.corrected.keys() {
        let words = format!("已人工修改：{}", super::correction_line(&checked.report, *key));
        line([file, "", "", &key.to_string(), &words], ["", "", "", ""]);
    }
    out
}

/// How every CSV file starts: the BOM (so Excel reads UTF-8) and the header line; the rows
/// of one report or of many follow.
pub fn head() -> String {
    format!("{BOM}{HEADER}\r\n")
}

/// A whole file for download: BOM, header and rows.
pub fn document(file: &str, checked: &Checked, decisions: &Decisions) -> String {
    head() + &rows(file, checked, decisions)
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting() {
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(quote("表三「自然人」列：相差 6"), "表三「自然人」列：相差 6");
    }

    #[test]
    fn a_document_opens_as_utf8_in_excel() {
        let checked = crate::check_text("行政复议\t行政诉讼\n未经复议直接起诉\t复议后起诉\n1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
        let csv = document("a.txt", &checked, &Decisions::new());
        assert!(csv.starts_with("\u{FEFF}文件,规则,级别,单元格,说明,勾稽关系相符,勾稽关系不符,勾稽关系未能核对,标识,决定,理由,备注\r\n"));
        // 表三 was not found: its relations count as not checked.
        assert!(csv.contains("a.txt,appeals-total,错误,appeals.review.total appeals.review.upheld appeals.review.corrected appeals.review.other appeals.review.pending,表四行政复议：总计应为 1（1+0+0+0），表中为 0，相差 1,2,1,39,appeals-total appeals.review.upheld appeals.review.corrected appeals.review.other appeals.review.pending appeals.review.total,,,\r\n"), "{csv}");
    }

    #[test]
    fn a_report_without_findings_is_a_row_of_its_own() {
        let checked = crate::Checked { report: crate::model::Report::default(), findings: Vec::new() };
        let csv = rows("b.txt", &checked, &Decisions::new());
        assert!(csv.starts_with("b.txt,,,,未发现错误；"), "{csv}");
    }

    #[test]
    fn decisions_and_corrections_are_columns_and_rows() {
        use crate::model::{CellKey, Decision};
        let report = crate::rules::testing::clean(crate::model::Format::V2021);
        let corrections = [(CellKey::parse("appeals.review.total").unwrap(), "99".to_string())].into_iter().collect();
        let checked = crate::desk::check_corrected(&report, &corrections);
        let finding = checked.findings.iter().find(|f| f.rule == "appeals-total").unwrap();
        let mut decisions = Decisions::new();
        decisions.set(finding.id(), Decision::dismissed("口径不同, 见说明", "已电话核实"));
        let csv = rows("b.txt", &checked, &decisions);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2, "{csv}");
        assert!(lines[0].ends_with(",忽略,\"口径不同, 见说明\",已电话核实"), "{}", lines[0]);
        let counts = checked.relations();
        let counts = format!("{},{},{}", counts.held, counts.broken, counts.unchecked.len());
        assert_eq!(
            lines[1],
            format!("b.txt,,,appeals.review.total,已人工修改：表四「行政复议」的「总计」：原为“6”，人工修改为“99”,{counts},,,,")
        );
    }
}
