//! The reviewer's desk: what the core offers for reviewing many reports at once, which the
//! page and the command line build on.
//!
//! - [`Desk`]: reports of the same body side by side. Each report is known by its
//!   [`Digest`]; the desk groups them by body ([`bodies`]) and year, finds each one's
//!   previous year's report and other copies of the same year, and runs the rules across
//!   reports ([`crate::rules::ACROSS_REPORTS`]) for one report at a time.
//! - [`correct`](mod@correct): a report checked again with cells corrected by the reviewer.
//! - Decisions on findings are plain data in the model ([`crate::model::Decisions`]).
//!
//! A report's findings across reports belong to it and are merged into its findings
//! ([`add_findings`]), so that every rendering (the page, JSON, CSV, text, the memo) shows
//! them like the others.

pub mod bodies;
pub mod correct;

use std::collections::BTreeMap;

pub use correct::{check_corrected, correct_cell, correction_problem, read_correction};

use crate::Checked;
use crate::model::{Digest, Finding};
use crate::rules::{Across, SameYear};

/// Reports side by side, each known by its digest, in the order given.
#[derive(Clone, Debug)]
pub struct Desk {
    digests: Vec<Digest>,
    /// For each report, its body's group ([`bodies::group`]).
    bodies: Vec<Option<usize>>,
    /// The reports of each body and year.
    by_year: BTreeMap<(usize, i32), Year>,
}

/// The reports of one body for one year.
#[derive(Clone, Debug, Default)]
struct Year {
    /// In the order given.
    reports: Vec<usize>,
    /// Whether they all have the same tables (copies of one report).
    identical: bool,
}

/// The previous year's report of a report's body, as far as the desk can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Previous {
    /// The report's body or year was not found: it cannot be matched with another.
    Unmatched,
    /// No report of the body on the year before is among the reports.
    None,
    /// This one (the first of several copies with the same tables).
    One(usize),
    /// Several reports of the body on the year before, with different tables: which one to
    /// compare with is not known, so nothing is compared.
    Several(Vec<usize>),
}

impl Desk {
    pub fn new(digests: Vec<Digest>) -> Desk {
        let names: Vec<Option<&str>> = digests.iter().map(|d| d.body.as_deref()).collect();
        let bodies = bodies::group(&names);
        let mut by_year: BTreeMap<(usize, i32), Year> = BTreeMap::new();
        for (i, (body, digest)) in bodies.iter().zip(&digests).enumerate() {
            if let (Some(body), Some(year)) = (body, digest.year) {
                by_year.entry((*body, year)).or_default().reports.push(i);
            }
        }
        for year in by_year.values_mut() {
            let first = &digests[year.reports[0]];
            year.identical = year.reports.iter().all(|j| digests[*j].same_tables(first));
        }
        Desk { digests, bodies, by_year }
    }

    pub fn digests(&self) -> &[Digest] {
        &self.digests
    }

    /// The group of the report's body: reports with the same group are of the same body.
    pub fn body(&self, i: usize) -> Option<usize> {
        self.bodies.get(i).copied().flatten()
    }

    /// The previous year's report of the report's body.
    pub fn previous(&self, i: usize) -> Previous {
        let Some((body, year)) = self.body_year(i) else { return Previous::Unmatched };
        match self.by_year.get(&(body, year - 1)) {
            None => Previous::None,
            Some(year) if year.identical => Previous::One(year.reports[0]),
            Some(year) => Previous::Several(year.reports.clone()),
        }
    }

    /// The other reports of the report's body for the same year.
    pub fn same_year(&self, i: usize) -> Vec<usize> {
        let Some(key) = self.body_year(i) else { return Vec::new() };
        self.by_year.get(&key).map(|year| year.reports.iter().copied().filter(|j| *j != i).collect()).unwrap_or_default()
    }

    fn body_year(&self, i: usize) -> Option<(usize, i32)> {
        self.body(i).zip(self.digests.get(i).and_then(|d| d.year))
    }

    /// The findings of the rules across reports for report `i` (of its digest, made of the
    /// report as corrected, if the reviewer corrected it).
    pub fn findings(&self, i: usize) -> Vec<Finding> {
        let Some(me) = self.digests.get(i) else { return Vec::new() };
        let key = self.body_year(i);
        // The previous year's report when its copies are alike (see `previous`).
        let previous = key
            .and_then(|(body, year)| self.by_year.get(&(body, year - 1)))
            .filter(|year| year.identical)
            .map(|year| (year.reports[0], &self.digests[year.reports[0]]));
        // In constant space: the first other report of the year, how many, whether all alike.
        let same_year = key.and_then(|key| self.by_year.get(&key)).and_then(|year| {
            let first = *year.reports.iter().find(|j| **j != i)?;
            Some(SameYear { first: (first, &self.digests[first]), count: year.reports.len() - 1, identical: year.identical })
        });
        crate::rules::check_across(&Across { me, previous, same_year })
    }

    /// What report `i` was compared with across years, in words for the reviewer (the memo):
    /// "与 2023 年度报告“x.txt”核对了衔接关系".
    pub fn compared(&self, i: usize) -> String {
        let year = self.digests.get(i).and_then(|d| d.year);
        match (self.previous(i), year) {
            (Previous::Unmatched, _) | (_, None) => "未能识别报告的机关或年度，未与其他年度的报告核对".to_string(),
            (Previous::None, Some(year)) => format!("没有同一机关 {} 年度的报告可比对，未做跨年度核对", year - 1),
            (Previous::One(j), _) => {
                format!("已与 {} 年度报告“{}”核对上年结转等衔接关系", self.digests[j].year.unwrap_or_default(), self.digests[j].name)
            }
            (Previous::Several(list), Some(year)) => {
                format!("同一机关 {} 年度有 {} 份表格不同的报告，无法确定以哪一份为准，未做跨年度核对", year - 1, list.len())
            }
        }
    }
}

/// Adds findings across reports to a report's own, in the order the rules give findings.
pub fn add_findings(checked: &mut Checked, findings: Vec<Finding>) {
    if findings.is_empty() {
        return;
    }
    checked.findings.extend(findings);
    crate::rules::order(&mut checked.findings);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, Format, Other, Report};
    use crate::rules::testing::{bump, clean, continued_by, year_before};

    fn desk(reports: &[(&str, &Report)]) -> Desk {
        Desk::new(reports.iter().map(|(name, r)| Digest::of(*name, r)).collect())
    }

    #[test]
    fn a_body_over_three_years_with_its_name_written_three_ways() {
        let mut y2023 = clean(Format::V2021);
        y2023.body = Some("洪泽区人民政府".into());
        let mut y2022 = continued_by(&y2023);
        y2022.body = Some("淮安市洪泽区人民政府".into());
        bump(&mut y2022, "appeals.review.pending", 1);
        let mut y2024 = y2023.clone();
        y2024.year = Some(2024);
        y2024.body = Some("洪泽区".into());
        let mut other_body = y2023.clone();
        other_body.body = Some("洪泽区人民政府办公室".into());
        let desk = desk(&[("2023.txt", &y2023), ("2022.txt", &y2022), ("2024.txt", &y2024), ("office.txt", &other_body)]);
        assert_eq!([desk.body(0), desk.body(1), desk.body(2), desk.body(3)], [Some(0), Some(0), Some(0), Some(3)]);
        assert_eq!(desk.previous(0), Previous::One(1));
        assert_eq!(desk.previous(1), Previous::None);
        assert_eq!(desk.previous(2), Previous::One(0));
        assert_eq!(desk.previous(3), Previous::None, "another body");
        assert!(desk.findings(0).is_empty(), "2023 continues from 2022: {:#?}", desk.findings(0));
        // 2024 is 2023 with the year changed: its carry-over and 现行有效件数 do not follow on,
        // its tables are 2023's.
        let found: Vec<&str> = desk.findings(2).iter().map(|f| f.rule).collect();
        assert_eq!(found, ["carry-over-mismatch", "in-force-mismatch", "in-force-mismatch", "same-as-previous-year"]);
        let carry = desk.findings(2).into_iter().find(|f| f.rule == "carry-over-mismatch").unwrap();
        let Fact::CarryOver { other: Other { index, name, body, .. }, .. } = &carry.fact else { panic!() };
        assert_eq!((*index, name.as_str(), body.as_deref()), (0, "2023.txt", Some("洪泽区人民政府")));
        assert!(desk.compared(2).contains("2023 年度报告“2023.txt”"));
        assert!(desk.compared(1).contains("没有同一机关 2021 年度的报告"));
    }

    #[test]
    fn two_different_reports_of_a_year_are_compared_with_nothing() {
        let y2023 = clean(Format::V2021);
        let mut y2022 = year_before(&y2023);
        let mut y2022b = y2022.clone();
        bump(&mut y2022b, "appeals.review.pending", 1);
        let d = desk(&[("2023.txt", &y2023), ("2022.txt", &y2022), ("2022-修订.txt", &y2022b)]);
        assert_eq!(d.previous(0), Previous::Several(vec![1, 2]));
        assert_eq!(d.same_year(1), vec![2]);
        let rules: Vec<&str> = d.findings(0).iter().map(|f| f.rule).collect();
        assert!(rules.is_empty(), "{rules:?}");
        assert_eq!(d.findings(1).iter().map(|f| f.rule).collect::<Vec<_>>(), ["duplicate-report"]);
        assert!(d.compared(0).contains("有 2 份表格不同的报告"));
        // The same report twice: compared with the first copy.
        bump(&mut y2022, "appeals.review.pending", 0);
        let d = desk(&[("2023.txt", &y2023), ("2022.txt", &y2022), ("2022-副本.txt", &y2022)]);
        assert_eq!(d.previous(0), Previous::One(1));
    }

    #[test]
    fn a_report_without_body_or_year_is_matched_with_none() {
        let mut report = clean(Format::V2021);
        report.body = None;
        let d = desk(&[("a.txt", &report), ("b.txt", &report)]);
        assert_eq!(d.previous(0), Previous::Unmatched);
        assert!(d.findings(0).is_empty());
        assert!(d.compared(0).starts_with("未能识别"));
    }

    #[test]
    fn findings_across_reports_take_their_place_among_the_others() {
        let y2023 = clean(Format::V2021);
        let mut y2024 = y2023.clone();
        y2024.year = Some(2024);
        bump(&mut y2024, "appeals.review.total", 1);
        let d = desk(&[("2023.txt", &y2023), ("2024.txt", &y2024)]);
        let mut checked = crate::Checked { findings: crate::rules::check(&y2024), report: y2024 };
        let across = d.findings(1);
        add_findings(&mut checked, across);
        let rules: Vec<&str> = checked.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["same-as-previous-year", "in-force-mismatch", "in-force-mismatch", "carry-over-mismatch", "appeals-total"]);
    }
}
