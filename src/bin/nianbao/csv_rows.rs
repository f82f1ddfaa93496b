//! The CSV rows of one report (`--csv`), written with the relations the command line has
//! counted already: the bytes of [`nianbao::export::csv::rows`], which the tests below hold
//! them to on every fixture. The export counts the relations again for the three columns
//! that say how many held, broke and could not be checked (as much work as the rules' own
//! count, a fifteenth of a batch's instructions in CSV), and quotes each field into a string
//! of its own.
//!
//! A report with cells the reviewer corrected (the page's, never the command line's) is
//! written by the export.

use nianbao::Checked;
use nianbao::export::csv;
use nianbao::model::{Decisions, Tally, finding_ids};

/// The report's rows, each ending with CR LF, for a report whose relations counted `tally`.
pub fn rows(name: &str, checked: &Checked, tally: &Tally) -> String {
    if !checked.report.corrected.is_empty() {
        return csv::rows(name, checked, &Decisions::new());
    }
    let counts = [tally.held, tally.broken, tally.unchecked.len()].map(|n| n.to_string());
    let mut out = String::new();
    let ids = finding_ids(&checked.findings);
    for (finding, id) in checked.findings.iter().zip(&ids) {
        let mut cells = String::new();
        for (n, cell) in finding.cells.iter().enumerate() {
            if n > 0 {
                cells.push(' ');
            }
            cell.cell.push_name(&mut cells);
        }
        // The command line has no reviewer's decisions: the last three columns are empty.
        push_row(&mut out, [name, finding.rule, finding.severity.label(), &cells, &finding.message], &counts, id);
    }
    if checked.findings.is_empty() {
        let none = if tally.unchecked.is_empty() {
            "未发现问题".to_string()
        } else {
            format!("未发现错误；{} 个勾稽关系未能核对", tally.unchecked.len())
        };
        push_row(&mut out, [name, "", "", "", &none], &counts, "");
    }
    out
}

/// One row: the finding's five fields, the three counts, its identity and three empty
/// fields for the decision, the reason and the note.
fn push_row(out: &mut String, finding: [&str; 5], counts: &[String; 3], id: &str) {
    for field in finding.into_iter().chain(counts.iter().map(String::as_str)) {
        push_field(out, field);
        out.push(',');
    }
    push_field(out, id);
    out.push_str(",,,\r\n");
}

/// A field quoted as RFC 4180 quotes it (as the export does): with a comma, quote or line
/// break in quotes, its quotes doubled.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{corrected, each_checked, years_compared};

    fn assert_same_rows(name: &str, checked: &Checked, tally: &Tally) {
        assert_eq!(rows(name, checked, tally), csv::rows(name, checked, &Decisions::new()), "{name}");
    }

    #[test]
    fn every_fixture_is_written_as_the_export_writes_it() {
        let written =
            each_checked("", |path| path.display().to_string(), |name, _, checked, tally| assert_same_rows(&name, &checked, &tally));
        assert!(written >= 40, "{written} fixtures read");
    }

    #[test]
    fn findings_across_reports_and_fields_to_quote_are_written_as_the_export_writes_them() {
        // A name with a comma and quotes, which the file column quotes.
        for (name, checked, tally) in years_compared(|path| format!("\"甲\",{}", path.display())) {
            assert_same_rows(&name, &checked, &tally);
        }
        for text in ["", "规章 -3", "某某区人民政府2023年政府信息公开工作年度报告\n行政复议\t行政诉讼\n10\t1\t0\t0\t0\t0\n"]
        {
            let (checked, tally) = Checked::counted(nianbao::read_plain(text).0);
            assert_same_rows("a\r\nb.txt", &checked, &tally);
        }
    }

    #[test]
    fn a_report_with_corrections_is_written_by_the_export() {
        let corrected = corrected();
        let tally = corrected.relations();
        assert!(rows("a.txt", &corrected, &tally).contains("已人工修改"));
        assert_same_rows("a.txt", &corrected, &tally);
    }
}
