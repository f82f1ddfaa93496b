//! The one check of the variant suite: parse a rendering and compare every cell with the
//! known report.

#![allow(dead_code)]

use nianbao::model::{CellKey, Report, Value};
use nianbao::{Checked, check_text};

use super::truth::{Expect, Printed, Truth};

/// A rule's id, checked against the registry: a misspelt id would match no finding, and a
/// test expecting none would pass whatever the checker says.
pub fn known_rule(id: &str) -> &'static str {
    nianbao::rules::rule(id).unwrap_or_else(|| panic!("no rule {id:?} in the registry (nianbao::rules::RULES)")).id
}

/// What reading an input gave, compared with what it should give.
pub struct Outcome {
    pub checked: Checked,
    /// Cells read as a number or blank that the input does not say: the worst outcome.
    pub wrong: Vec<String>,
    /// Cells of the known report that were not read (absent or unread).
    pub missed: Vec<String>,
    /// Cells whose span does not hold their raw text, or whose raw text is not what was printed.
    pub spans: Vec<String>,
    /// Format or year read wrong.
    pub meta: Vec<String>,
    /// Cells left unread that no finding names (an unread cell must be explained).
    pub unexplained: Vec<String>,
}

impl Outcome {
    pub fn report(&self) -> &Report {
        &self.checked.report
    }

    /// Whether a finding of `rule` (an id of the registry) names `cell` (any finding of the
    /// rule when `None`).
    pub fn has_finding(&self, rule: &str, cell: Option<CellKey>) -> bool {
        let rule = known_rule(rule);
        self.checked.findings.iter().any(|f| f.rule == rule && cell.is_none_or(|c| f.involves(c)))
    }

    pub fn findings_text(&self) -> String {
        self.checked.findings.iter().map(|f| format!("{} {:?}: {}", f.rule, f.severity, f.message)).collect::<Vec<_>>().join("\n")
    }

    pub fn describe(&self, input: &str) -> String {
        let mut s = String::new();
        for (title, list) in [
            ("WRONG", &self.wrong),
            ("missed", &self.missed),
            ("spans", &self.spans),
            ("meta", &self.meta),
            ("unread without a finding", &self.unexplained),
        ] {
            if !list.is_empty() {
                s.push_str(&format!("--- {title} ({}):\n{}\n", list.len(), list.join("\n")));
            }
        }
        s.push_str(&format!("--- findings:\n{}\n--- input:\n{input}", self.findings_text()));
        s
    }
}

fn show_value(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::Blank => "blank".to_string(),
        Value::Unread(r) => format!("unread({r:?})"),
    }
}

fn show_printed(p: &Printed) -> String {
    match p.expect {
        Expect::Number(n) => format!("{n} (printed {:?})", p.raw),
        Expect::Blank => format!("blank (printed {:?})", p.raw),
        Expect::Unread => format!("unread (printed {:?})", p.raw),
    }
}

/// Parses `input` and compares it with `truth`.
pub fn examine(input: &str, truth: &Truth) -> Outcome {
    let checked = check_text(input);
    let report = &checked.report;
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    let mut spans = Vec::new();
    let mut meta = Vec::new();
    // No wrong number, no wrong blank: every cell read as a number or a blank is what the
    // input says.
    for (key, cell) in &report.cells {
        let expected = truth.cells.get(key);
        if !truth.agrees(*key, &cell.value) {
            let want = expected.map_or("no such cell in this report".to_string(), show_printed);
            wrong.push(format!("{key}: read {} from {:?}, should be {want}", show_value(&cell.value), cell.raw));
        }
        if let Some(span) = cell.span
            && input.get(span.start..span.end) != Some(cell.raw.as_str())
        {
            spans.push(format!("{key}: span {span:?} holds {:?}, raw is {:?}", input.get(span.start..span.end), cell.raw));
        }
    }
    for (key, printed) in &truth.cells {
        if printed.expect == Expect::Unread {
            // Must be present and unread (a wrong reading is already listed above).
            if report.cell(*key).is_none() {
                missed.push(format!("{key}: absent, should be present and unread (printed {:?})", printed.raw));
            }
            continue;
        }
        match report.cell(*key) {
            Some(cell) if !matches!(cell.value, Value::Unread(_)) => {
                if cell.span.is_some() && cell.raw.trim() != printed.raw.trim() && ok_value(cell, printed) {
                    spans.push(format!("{key}: raw {:?}, printed {:?}", cell.raw, printed.raw));
                }
            }
            Some(cell) => {
                missed.push(format!("{key}: {} (raw {:?}), should be {}", show_value(&cell.value), cell.raw, show_printed(printed)))
            }
            None => missed.push(format!("{key}: absent, should be {}", show_printed(printed))),
        }
    }
    let has_tables = !truth.cells.is_empty();
    if has_tables && report.format != Some(truth.format) {
        meta.push(format!("format {:?}, should be {:?}", report.format, truth.format));
    }
    if report.year != Some(truth.year) {
        meta.push(format!("year {:?}, should be {}", report.year, truth.year));
    }
    let unexplained = report
        .cells
        .iter()
        .filter(|(_, c)| matches!(c.value, Value::Unread(_)))
        .filter(|(k, _)| !checked.findings.iter().any(|f| f.involves(**k)))
        .map(|(k, c)| format!("{k}: {} (raw {:?})", show_value(&c.value), c.raw))
        .collect();
    Outcome { checked, wrong, missed, spans, meta, unexplained }
}

fn ok_value(cell: &nianbao::model::Cell, printed: &Printed) -> bool {
    match cell.value {
        Value::Number(n) => printed.expect == Expect::Number(n),
        Value::Blank => printed.expect == Expect::Blank,
        Value::Unread(_) => false,
    }
}

impl Outcome {
    /// Nothing is read that the input does not say, every span points at its raw text, and
    /// every cell left unread is named by a finding.
    pub fn no_wrong(&self) -> bool {
        self.wrong.is_empty() && self.spans.is_empty() && self.unexplained.is_empty()
    }

    /// [`Outcome::no_wrong`], and every cell of the known report read, format and year right.
    pub fn exact(&self) -> bool {
        self.no_wrong() && self.missed.is_empty() && self.meta.is_empty()
    }

    /// The cells (of `keys`) that were read, as a number or a blank.
    pub fn read_among(&self, keys: &[CellKey]) -> Vec<CellKey> {
        keys.iter().copied().filter(|k| self.report().cell(*k).is_some_and(|c| !matches!(c.value, Value::Unread(_)))).collect()
    }
}

/// The most important property, asserted on its own: nothing is read that the input does
/// not say (no wrong number, no wrong blank), every span points at its raw text, and every
/// cell left unread is named by a finding.
pub fn assert_no_wrong(input: &str, truth: &Truth) -> Outcome {
    let o = examine(input, truth);
    assert!(o.no_wrong(), "a wrong reading\n{}", o.describe(input));
    o
}

/// Every cell reads back exactly (value or blank), spans point at the raw text, no wrong
/// number, and the format and year are right.
pub fn check(input: &str, truth: &Truth) -> Outcome {
    let o = assert_no_wrong(input, truth);
    assert!(o.missed.is_empty() && o.meta.is_empty(), "not everything read\n{}", o.describe(input));
    o
}

/// As [`check`], except that the cells in `unread` may be left unread (absent or
/// `Value::Unread`), and must not be read.
pub fn check_except(input: &str, truth: &Truth, unread: &[CellKey]) -> Outcome {
    let o = assert_no_wrong(input, truth);
    let missed_other: Vec<&String> = o.missed.iter().filter(|m| !unread.iter().any(|k| m.starts_with(&format!("{k}:")))).collect();
    assert!(missed_other.is_empty() && o.meta.is_empty(), "not everything read\n{}", o.describe(input));
    o
}
