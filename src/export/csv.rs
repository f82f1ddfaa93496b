//! Findings as CSV, one row per finding: what `--csv` prints and the app's “导出 CSV” saves.
//!
//! Quoting is RFC 4180's (a field with a comma, quote or line break is quoted, quotes
//! doubled); it is a few lines, so no CSV crate is pulled into the browser build.

use crate::Checked;

/// The header row. The last three columns count the report's relations (the same on every
/// row of a report): held, broken, not checked.
pub const HEADER: &str = "文件,规则,级别,单元格,说明,勾稽关系相符,勾稽关系不符,勾稽关系未能核对";

/// The UTF-8 byte order mark that makes Excel and WPS read the file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One CSV line (with its line end) per finding of one report; a report without findings
/// gets one line saying so, so that every report checked is in the list with its counts.
pub fn rows(file: &str, checked: &Checked) -> String {
    let tally = checked.relations();
    let counts = [tally.held, tally.broken, tally.unchecked.len()].map(|n| n.to_string());
    let mut out = String::new();
    let mut line = |fields: [&str; 5]| {
        let all: Vec<String> = fields.iter().copied().chain(counts.iter().map(String::as_str)).map(quote).collect();
        out.push_str(&all.join(","));
        out.push_str("\r\n");
    };
    for f in &checked.findings {
        let cells: Vec<String> = f.cells.iter().map(|c| c.cell.to_string()).collect();
        line([file, f.rule, f.severity.label(), &cells.join(" "), &f.message]);
    }
    if checked.findings.is_empty() {
        let none = if tally.unchecked.is_empty() {
            "未发现问题".to_string()
        } else {
            format!("未发现错误；{} 个勾稽关系未能核对", tally.unchecked.len())
        };
        line([file, "", "", "", &none]);
    }
    out
}

/// A whole file for download: BOM, header and rows.
pub fn document(file: &str, checked: &Checked) -> String {
    format!("{BOM}{HEADER}\r\n{}", rows(file, checked))
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
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
        let csv = document("a.txt", &checked);
        assert!(csv.starts_with("\u{FEFF}文件,规则,级别,单元格,说明,勾稽关系相符,勾稽关系不符,勾稽关系未能核对\r\n"));
        // 表三 was not found: its relations count as not checked.
        assert!(csv.contains("a.txt,appeals-total,错误,appeals.review.total appeals.review.upheld appeals.review.corrected appeals.review.other appeals.review.pending,表四行政复议：总计应为 1（1+0+0+0），表中为 0，相差 1,2,1,39\r\n"), "{csv}");
    }

    #[test]
    fn a_report_without_findings_is_a_row_of_its_own() {
        let checked = crate::Checked { report: crate::model::Report::default(), findings: Vec::new() };
        let csv = rows("b.txt", &checked);
        assert!(csv.starts_with("b.txt,,,,未发现错误；"), "{csv}");
    }
}
