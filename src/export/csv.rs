//! Findings as CSV, one row per finding: what `--csv` prints and the app's “导出 CSV” saves.
//!
//! Quoting is RFC 4180's (a field with a comma, quote or line break is quoted, quotes
//! doubled); it is a few lines, so no CSV crate is pulled into the browser build.

use crate::model::Finding;

/// The header row.
pub const HEADER: &str = "文件,规则,级别,单元格,说明";

/// The UTF-8 byte order mark that makes Excel and WPS read the file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One CSV line (with its line end) per finding of one report.
pub fn rows(file: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let cells: Vec<String> = f.cells.iter().map(|c| c.cell.to_string()).collect();
        let fields = [file, f.rule, f.severity.label(), &cells.join(" "), &f.message];
        let line: Vec<String> = fields.iter().map(|s| quote(s)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A whole file for download: BOM, header and rows.
pub fn document(file: &str, findings: &[Finding]) -> String {
    format!("{BOM}{HEADER}\r\n{}", rows(file, findings))
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
        let csv = document("a.txt", &checked.findings);
        assert!(csv.starts_with("\u{FEFF}文件,规则,级别,单元格,说明\r\n"));
        assert!(csv.contains("a.txt,appeals-total,错误,appeals.review.total appeals.review.upheld appeals.review.corrected appeals.review.other appeals.review.pending,表四行政复议：总计应为 1（1+0+0+0），表中为 0，相差 1\r\n"), "{csv}");
    }
}
