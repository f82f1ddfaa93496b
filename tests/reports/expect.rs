//! What a careful reviewer expects of a checked report: every cell read as printed, the
//! metadata right, and exactly the error and warning findings that are genuine.

#![allow(dead_code)]

use nianbao::Checked;
use nianbao::model::{CellKey, Severity, Value};

use super::truth::{Expect, Truth};

/// A report as the checker read it, with the text it was read from and the known tables.
pub struct Seen {
    pub checked: Checked,
    pub input: String,
    pub truth: Truth,
}

pub fn text(input: String, truth: &Truth) -> Seen {
    Seen { checked: nianbao::check_text(&input), input, truth: truth.clone() }
}

pub fn html(input: String, truth: &Truth) -> Seen {
    Seen { checked: nianbao::check_html(&input), input, truth: truth.clone() }
}

/// A .docx file, read as the command line and the page read one (no spans).
pub fn docx(bytes: &[u8], truth: &Truth) -> Seen {
    let (_, checked) = nianbao::check_file("年报.docx", bytes).unwrap_or_else(|e| panic!("not read: {e}"));
    Seen { checked, input: String::new(), truth: truth.clone() }
}

/// A rule's id, checked against the registry: a misspelt id in an expectation would match no
/// finding, and a test expecting none would pass whatever the checker says.
pub fn known_rule(id: &str) -> &'static str {
    nianbao::rules::rule(id).unwrap_or_else(|| panic!("no rule {id:?} in the registry (nianbao::rules::RULES)")).id
}

/// An expected finding line ([`line`]), its rule checked against the registry.
fn expected(finding: &str) -> String {
    let id = finding.split(' ').nth(1).unwrap_or_else(|| panic!("{finding:?} is no finding line (severity rule cells)"));
    known_rule(id);
    finding.to_string()
}

/// A finding as a line: "error requests-row-total requests.granted.total" (severity, rule,
/// primary cells; none for report-wide findings).
pub fn line(f: &nianbao::model::Finding) -> String {
    let primary: Vec<String> = f.primary_cells().map(|c| c.to_string()).collect();
    let mut s = format!("{} {}", f.severity.key(), f.rule);
    if !primary.is_empty() {
        s.push(' ');
        s.push_str(&primary.join(","));
    }
    s
}

impl Seen {
    /// Everything the checker says, readably (for failure messages).
    pub fn describe(&self) -> String {
        format!(
            "{}\n--- findings (severity rule primaries):\n{}\n--- input:\n{}",
            nianbao::export::text::render(&self.checked),
            self.checked.findings.iter().map(line).collect::<Vec<_>>().join("\n"),
            {
                let s: String = self.input.chars().take(4000).collect();
                s
            }
        )
    }

    /// The error and warning findings as lines (info findings are left out).
    pub fn lines(&self) -> Vec<String> {
        let mut v: Vec<String> = self.checked.findings.iter().filter(|f| f.severity != Severity::Info).map(line).collect();
        v.sort();
        v
    }

    /// Exactly these error and warning findings (as [`line`]s, in any order), nothing else.
    pub fn findings(&self, want: &[&str]) -> &Self {
        let mut want: Vec<String> = want.iter().copied().map(expected).collect();
        want.sort();
        assert_eq!(self.lines(), want, "findings differ\n{}", self.describe());
        self
    }

    /// No error and no warning at all.
    pub fn clean(&self) -> &Self {
        self.findings(&[])
    }

    /// These error and warning findings, ignoring those of the rules in `ignored` (each use
    /// says why that rule's findings are left out).
    pub fn findings_except(&self, ignored: &[&str], want: &[&str]) -> &Self {
        for id in ignored {
            known_rule(id);
        }
        let mut want: Vec<String> = want.iter().copied().map(expected).collect();
        want.sort();
        let got: Vec<String> = self.lines().into_iter().filter(|l| !ignored.iter().any(|r| l.split(' ').nth(1) == Some(r))).collect();
        assert_eq!(got, want, "findings differ (ignoring {ignored:?})\n{}", self.describe());
        self
    }

    /// The finding with this line has a message containing every one of `words`.
    pub fn message(&self, finding: &str, words: &[&str]) -> &Self {
        expected(finding);
        let f = self
            .checked
            .findings
            .iter()
            .find(|f| line(f) == finding)
            .unwrap_or_else(|| panic!("no finding {finding}\n{}", self.describe()));
        for w in words {
            assert!(f.message.contains(w), "message of {finding} lacks {w:?}: {}", f.message);
        }
        self
    }

    /// The info findings' rules.
    pub fn infos(&self) -> Vec<&'static str> {
        self.checked.findings.iter().filter(|f| f.severity == Severity::Info).map(|f| f.rule).collect()
    }

    /// Title, body, year, publication date ("" for none) and format (None for none).
    pub fn meta(&self, title: &str, body: &str, year: i32, published: &str) -> &Self {
        let r = &self.checked.report;
        let got = (
            r.title.clone().unwrap_or_default(),
            r.body.clone().unwrap_or_default(),
            r.year,
            r.published.as_ref().map(|d| d.value.to_string()).unwrap_or_default(),
        );
        assert_eq!(got, (title.to_string(), body.to_string(), Some(year), published.to_string()), "metadata\n{}", self.describe());
        self
    }

    pub fn format(&self, format: Option<nianbao::model::Format>) -> &Self {
        assert_eq!(self.checked.report.format, format, "format\n{}", self.describe());
        self
    }

    /// Every cell read exactly as printed (numbers and blanks), nothing read that is not
    /// printed, spans holding the raw text, and no table cell beyond the known ones.
    pub fn cells(&self) -> &Self {
        self.cells_except(&[])
    }

    /// As [`Seen::cells`], except that the cells named may stay unread (never read wrong).
    pub fn cells_except(&self, unread: &[&str]) -> &Self {
        let problems = self.cell_problems(unread);
        assert!(problems.is_empty(), "cells read wrong or not read:\n{}\n{}", problems.join("\n"), self.describe());
        self
    }

    /// Nothing read wrong (cells may be unread or absent).
    pub fn nothing_wrong(&self) -> &Self {
        let wrong = self.wrong_cells();
        assert!(wrong.is_empty(), "cells read wrong:\n{}\n{}", wrong.join("\n"), self.describe());
        self
    }

    pub fn wrong_cells(&self) -> Vec<String> {
        let report = &self.checked.report;
        let mut out = Vec::new();
        for (key, cell) in &report.cells {
            let expected = self.truth.cells.get(key);
            if !self.truth.agrees(*key, &cell.value) {
                out.push(format!("WRONG {key}: read {:?} from {:?}, printed {:?}", cell.value, cell.raw, expected.map(|p| p.raw.clone())));
            }
            if let Some(span) = cell.span
                && self.input.get(span.start..span.end) != Some(cell.raw.as_str())
            {
                out.push(format!("SPAN {key}: {:?} holds {:?}, raw {:?}", span, self.input.get(span.start..span.end), cell.raw));
            }
        }
        out
    }

    pub fn cell_problems(&self, unread: &[&str]) -> Vec<String> {
        let report = &self.checked.report;
        let mut out = self.wrong_cells();
        for (key, printed) in &self.truth.cells {
            if unread.contains(&key.to_string().as_str()) {
                continue;
            }
            let read = report.cell(*key);
            let ok = match (printed.expect, read.map(|c| &c.value)) {
                (Expect::Unread, Some(Value::Unread(_))) => true,
                (Expect::Unread, _) => false,
                (_, Some(Value::Unread(_))) | (_, None) => false,
                _ => true, // read; a wrong value is listed above
            };
            if !ok {
                out.push(format!("MISSED {key}: printed {:?}, read {:?}", printed.raw, read.map(|c| &c.value)));
            }
        }
        out
    }

    pub fn cell(&self, name: &str) -> Option<&nianbao::model::Cell> {
        self.checked.report.cell(super::truth::cell(name))
    }

    /// Whether the report found the part heading.
    pub fn has_part(&self, part: nianbao::model::Part) -> bool {
        self.checked.report.parts.contains_key(&part)
    }
}

/// A cell key from its name.
pub fn key(name: &str) -> CellKey {
    super::truth::cell(name)
}
