//! Corrections: a reviewer types the right value into a cell (a “?” the reader could not
//! read, a number misread from a damaged copy, a cell not found) and the rules run again on
//! the corrected report. The input is never changed: the corrected cell replaces the cell as
//! read in the report's `cells`, where the rules read it, and the cell as read is kept in
//! `Report::corrected`, so that every rendering can show both (已人工修改).

use std::collections::BTreeMap;

use crate::Checked;
use crate::model::{Cell, CellKey, Report, Unit, UnreadReason, Value, proactive_block};
use crate::parse::tokens::{is_blank_marker, parse_number};

/// The report with the reviewer's corrections (cell → the text typed) applied. Each text is
/// read as the reader reads a cell's text: a number (with a unit: "2.5万元"), a blank ("",
/// "-", "—", "/", "无"), or, for anything else, a cell that is not a number (which the rules
/// then report as unreadable). A correction of a cell the report's tables cannot have (a
/// table not found, a row or column of the other format) is left out: [`correction_problem`]
/// says why. Correcting a report that was already corrected keeps each cell's first reading.
pub fn correct(report: &Report, corrections: &BTreeMap<CellKey, String>) -> Report {
    let mut corrected = report.clone();
    for (key, text) in corrections {
        // A cell corrected before is corrected again from its first reading.
        if let Some(original) = corrected.corrected.remove(key) {
            match original {
                Some(cell) => corrected.cells.insert(*key, cell),
                None => corrected.cells.remove(key),
            };
        }
        correct_cell(&mut corrected, *key, text);
    }
    corrected
}

/// Applies one correction to a report whose cell `key` is as read (not corrected yet), in
/// place: the page corrects the report it has just read, so it needs no copy (nor the code
/// that takes a correction back). Typing what was read is no correction.
pub fn correct_cell(report: &mut Report, key: CellKey, text: &str) {
    if !correctable(report, key) {
        return;
    }
    let cell = read_correction(text);
    let original = report.cell(key).cloned();
    if original.as_ref().is_some_and(|o| o.value == cell.value && o.raw.trim() == cell.raw) {
        return;
    }
    report.corrected.insert(key, original);
    report.cells.insert(key, cell);
}

/// Checks a report again with the reviewer's corrections applied ([`correct`]).
pub fn check_corrected(report: &Report, corrections: &BTreeMap<CellKey, String>) -> Checked {
    let report = correct(report, corrections);
    let findings = crate::rules::check(&report);
    Checked { report, findings }
}

/// What is wrong with a correction, in words for the reviewer; `None` when it can be made as
/// typed. The page asks before applying a correction, so that a reviewer who typed a letter
/// for a digit is told at once.
pub fn correction_problem(report: &Report, key: CellKey, text: &str) -> Option<String> {
    if !report.has_table(key.table()) {
        return Some(format!("报告中没有找到{}，无法修改其中的格", key.table().short_name()));
    }
    if !correctable(report, key) {
        return Some(format!("{}不在本报告所用格式的表格中", key.describe(report.layout_format())));
    }
    match read_correction(text).value {
        Value::Unread(_) => Some(format!("“{}”不是数字，也不是空白的写法（空、-、—、/、无），请输入数字", text.trim())),
        _ => None,
    }
}

/// The cell a correction's text makes: read as the reader reads a cell's text, without a
/// place in the input.
pub fn read_correction(text: &str) -> Cell {
    let raw = text.trim().to_string();
    let folded = crate::parse::fold_str(&raw);
    let (value, unit) = if folded.is_empty() || is_blank_marker(&folded) {
        (Value::Blank, Unit::None)
    } else if let Some((number, unit, _)) = parse_number(&folded) {
        (Value::Number(number), unit)
    } else {
        (Value::Unread(UnreadReason::NotANumber), Unit::None)
    };
    Cell { value, raw, span: None, unit }
}

/// Whether the report's tables have the cell: its table was found, and its row and column
/// are of the layout the report is read in (or the cell was read).
fn correctable(report: &Report, key: CellKey) -> bool {
    if !report.has_table(key.table()) {
        return false;
    }
    if report.cell(key).is_some() {
        return true;
    }
    match key {
        CellKey::Proactive(row, col) => {
            proactive_block(report.layout_format(), row).is_some_and(|block| block.columns.iter().any(|(c, _)| *c == col))
        }
        CellKey::Requests(row, _) => report.request_rows().contains(&row),
        CellKey::Appeals(..) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decimal, Format, Span, Table};
    use crate::rules::testing::{clean, show};

    fn corrections(pairs: &[(&str, &str)]) -> BTreeMap<CellKey, String> {
        pairs.iter().map(|(k, v)| (CellKey::parse(k).unwrap(), v.to_string())).collect()
    }

    fn key(name: &str) -> CellKey {
        CellKey::parse(name).unwrap()
    }

    #[test]
    fn a_cell_the_reader_could_not_read() {
        let mut report = clean(Format::V2021);
        let total = key("requests.granted.total");
        let right = report.cell(total).unwrap().clone();
        report.cells.insert(
            total,
            Cell { value: Value::Unread(UnreadReason::NotANumber), raw: "1O".into(), span: Some(Span::new(10, 12)), unit: Unit::None },
        );
        let before = crate::rules::check(&report);
        assert!(show(&before, "unreadable-cell").contains("requests.granted.total"));
        let after = check_corrected(&report, &corrections(&[("requests.granted.total", &right.raw)]));
        assert!(after.findings.is_empty(), "{:#?}", after.findings);
        assert_eq!(after.report.cell(total).unwrap().number(), right.number());
        assert_eq!(after.report.cell(total).unwrap().span, None, "the corrected text is not in the input");
        let original = after.report.corrected[&total].as_ref().unwrap();
        assert_eq!((original.raw.as_str(), original.span), ("1O", Some(Span::new(10, 12))), "the reading is kept");
        assert_eq!(report.cell(total).unwrap().raw, "1O", "the report as read is unchanged");
    }

    #[test]
    fn a_misread_number_and_a_cell_not_found() {
        let report = clean(Format::V2021);
        let mut broken = report.clone();
        crate::rules::testing::bump(&mut broken, "appeals.review.total", 3);
        broken.cells.remove(&key("appeals.review.upheld"));
        let upheld = report.cell(key("appeals.review.upheld")).unwrap().raw.clone();
        let total = report.cell(key("appeals.review.total")).unwrap().raw.clone();
        let after = check_corrected(&broken, &corrections(&[("appeals.review.total", &total), ("appeals.review.upheld", &upheld)]));
        assert!(after.findings.is_empty(), "{:#?}", after.findings);
        assert_eq!(after.report.corrected[&key("appeals.review.upheld")], None, "it was not found");
        assert!(after.report.corrected[&key("appeals.review.total")].is_some());
    }

    #[test]
    fn a_correction_to_blank_is_not_zero_and_a_correction_can_break_a_relation() {
        let report = clean(Format::V2021);
        let after = check_corrected(&report, &corrections(&[("appeals.review.upheld", "—"), ("requests.new.natural_person", "1,000")]));
        assert!(after.report.cell(key("appeals.review.upheld")).unwrap().is_blank());
        assert!(show(&after.findings, "blank-operand").contains("appeals.review"), "{}", show(&after.findings, "blank-operand"));
        assert_eq!(after.report.number(key("requests.new.natural_person")), Some(Decimal::from_int(1000)));
        assert!(
            show(&after.findings, "requests-row-total").starts_with("error [requests.new.natural_person]"),
            "the corrected cell is where the row and its column break"
        );
    }

    #[test]
    fn what_cannot_be_corrected_is_said() {
        let mut report = clean(Format::V2021);
        report.tables.remove(&Table::Appeals);
        assert_eq!(correction_problem(&report, key("appeals.review.total"), "3").as_deref(), Some("报告中没有找到表四，无法修改其中的格"));
        assert_eq!(
            correction_problem(&report, key("proactive.licensing.previous_items"), "3").as_deref(),
            Some("表二「行政许可」行「上一年项目数量」列不在本报告所用格式的表格中")
        );
        assert!(correction_problem(&report, key("requests.new.total"), "1O").unwrap().contains("“1O”不是数字"));
        assert_eq!(correction_problem(&report, key("requests.new.total"), " 12 "), None);
        assert_eq!(correction_problem(&report, key("requests.new.total"), ""), None, "blank is allowed");
        let after = correct(&report, &corrections(&[("proactive.licensing.previous_items", "3"), ("appeals.review.total", "1")]));
        assert_eq!(after, report, "left out");
    }

    #[test]
    fn typing_what_was_read_is_no_correction() {
        let report = clean(Format::V2021);
        let raw = report.cell(key("requests.new.total")).unwrap().raw.clone();
        let after = correct(&report, &corrections(&[("requests.new.total", &format!(" {raw} "))]));
        assert_eq!(after, report);
        // Corrected twice: the first reading is kept, and typing it again takes the correction back.
        let once = correct(&report, &corrections(&[("requests.new.total", "7")]));
        let twice = correct(&once, &corrections(&[("requests.new.total", "8")]));
        assert_eq!(twice.corrected[&key("requests.new.total")].as_ref().unwrap().raw, raw);
        assert_eq!(correct(&twice, &corrections(&[("requests.new.total", &raw)])), report);
    }
}
