//! What the page's export buttons save: “导出 JSON” (report-json.md, for a PDF with its
//! pages), “导出问题清单（CSV）” and “导出全部报告的问题（CSV）”.
//!
//! The page's second wasm module renders them (`src/lazy_module.rs`), so that the first load
//! carries neither `serde_json` nor the exports: the page hands it the reports in their
//! stored form ([`super::stored::encode`]: plain data, as the reviewer gave them), and it
//! reads and checks each again with the same [`Input::check`] the page ran, then writes the
//! file. Reading is deterministic, so the file says what the page shows.

use super::doc::{Input, Outcome};
use super::review::{self, Review};
use crate::desk::{Desk, add_findings};
use crate::export::{csv, json, memo};
use crate::model::Digest;

/// Which file an export button saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The JSON of the first report given.
    Json = 0,
    /// The findings of the first report given, as CSV.
    Csv = 1,
    /// The findings of every report given, as one CSV.
    AllCsv = 2,
    /// The review memo (校验意见) of the first report given.
    Memo = 3,
}

impl Export {
    /// The export a number names (what crosses to the second module).
    pub fn from_number(number: u32) -> Option<Export> {
        [Export::Json, Export::Csv, Export::AllCsv, Export::Memo].into_iter().find(|e| *e as u32 == number)
    }
}

/// The file `export` saves for `reports` (name, input) without a review: no decisions, no
/// corrections.
pub fn render(export: Export, reports: &[(String, Input)]) -> String {
    render_reviewed(export, reports, 0, &Reviewed::default())
}

/// What the page hands the second module beside the reports: each report's review (in the
/// order of the reports; one missing is an empty review), and for the memo the reviewer's
/// name and the date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reviewed {
    pub reviews: Vec<Review>,
    pub reviewer: String,
    pub date: String,
}

impl Reviewed {
    /// Its form across to the second module: a first line with the byte lengths of the
    /// reviewer's name, the date and each review's stored form ([`review::encode`]), then
    /// those texts.
    pub fn encode(&self) -> String {
        let reviews: Vec<String> = self.reviews.iter().map(review::encode).collect();
        let parts: Vec<&str> = [self.reviewer.as_str(), self.date.as_str()].into_iter().chain(reviews.iter().map(String::as_str)).collect();
        let lengths: Vec<String> = parts.iter().map(|p| p.len().to_string()).collect();
        format!("{}\n{}", lengths.join(" "), parts.concat())
    }

    /// Reads what [`Reviewed::encode`] wrote; `None` for anything else.
    pub fn decode(text: &str) -> Option<Reviewed> {
        let (head, mut rest) = text.split_once('\n')?;
        let mut parts = Vec::new();
        for len in head.split(' ') {
            let len: usize = len.parse().ok()?;
            if len > rest.len() || !rest.is_char_boundary(len) {
                return None;
            }
            let (part, after) = rest.split_at(len);
            parts.push(part);
            rest = after;
        }
        let [reviewer, date, reviews @ ..] = parts.as_slice() else { return None };
        let reviews = reviews.iter().map(|r| review::decode(r)).collect::<Option<Vec<Review>>>()?;
        (rest.is_empty()).then(|| Reviewed { reviews, reviewer: reviewer.to_string(), date: date.to_string() })
    }
}

/// The file of `export` for the open reports `reports` (name, input), the one the reviewer
/// is on at `shown` (the JSON, the CSV and the memo are of that one; the all-reports CSV of
/// each), with their reviews (`reviewed`, by position): each report checked with its
/// corrections, and the reports side by side as the page shows them (`desk::Desk`), so that a
/// finding across reports (上年结转 against the year before, a copy of the year before) is in
/// the export of the report it belongs to, and the memo says which year it was compared with.
pub fn render_reviewed(export: Export, reports: &[(String, Input)], shown: usize, reviewed: &Reviewed) -> String {
    if reports.is_empty() {
        return String::new();
    }
    let shown = shown.min(reports.len() - 1);
    let empty = Review::default();
    let review = |i: usize| reviewed.reviews.get(i).unwrap_or(&empty);
    let outcomes: Vec<Outcome> =
        reports.iter().enumerate().map(|(i, (_, input))| review::corrected(input.check(), &review(i).corrections)).collect();
    let desk = Desk::new(reports.iter().zip(&outcomes).map(|((name, _), o)| Digest::of(name.clone(), &o.checked.report)).collect());
    let checked = |i: usize| {
        let mut checked = outcomes[i].checked.clone();
        let across = desk.findings(i);
        add_findings(&mut checked, across);
        checked
    };
    let name = &reports[shown].0;
    match export {
        Export::Json => json::to_pretty_reviewed(&checked(shown), outcomes[shown].read_from.pages(), &review(shown).to_decisions()),
        Export::Csv => csv::document(name, &checked(shown), &review(shown).to_decisions()),
        Export::AllCsv => {
            let rows: String =
                reports.iter().enumerate().map(|(i, (name, _))| csv::rows(name, &checked(i), &review(i).to_decisions())).collect();
            csv::head() + &rows
        }
        Export::Memo => {
            let checked = checked(shown);
            let coverage = memo::Coverage::of(&checked.report, desk.compared(shown));
            let memo = memo::Memo {
                checked: &checked,
                decisions: &review(shown).to_decisions(),
                name,
                reviewer: &reviewed.reviewer,
                date: &reviewed.date,
                coverage: &coverage,
            };
            memo::render(&memo)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decisions;

    #[test]
    fn each_export_is_what_the_core_renders_for_the_report() {
        let text = include_str!("../../tests/fixtures/samples/hongze-district-2024.pdf.txt");
        let reports = vec![("洪泽.txt".to_string(), Input::Text { text: text.to_string() }), ("空的".to_string(), Input::default())];
        let checked = crate::check_text(text);
        let decisions = Decisions::new();
        assert_eq!(render(Export::Json, &reports), json::to_pretty(&checked));
        assert_eq!(render(Export::Csv, &reports), csv::document("洪泽.txt", &checked, &decisions));
        let all = render(Export::AllCsv, &reports);
        assert!(all.starts_with(&csv::head()) && all.contains("洪泽.txt,") && all.contains("空的,"), "{all}");
        assert_eq!(
            [0, 1, 2, 3, 4].map(Export::from_number),
            [Some(Export::Json), Some(Export::Csv), Some(Export::AllCsv), Some(Export::Memo), None]
        );
    }

    /// The sample with errors, a correction of one of its cells and a decision on its first
    /// finding.
    fn reviewed_sample() -> (Vec<(String, Input)>, Reviewed) {
        let text = include_str!("../../tests/fixtures/ui/hongze-district-2024.errors.txt");
        let input = Input::Text { text: text.to_string() };
        let checked = input.check().checked;
        let mut review = Review::default();
        let first = crate::model::finding_ids(&checked.findings).remove(0);
        review.decide(&first, Some(crate::model::Decision::confirmed("请按原件更正")));
        review.correct(crate::model::CellKey::parse("requests.new.total").unwrap(), Some("4321".into()));
        let reviewed = Reviewed { reviews: vec![review], reviewer: "张三".into(), date: "2025-03-20".into() };
        (vec![("含错误.txt".to_string(), input)], reviewed)
    }

    #[test]
    fn the_exports_of_a_report_carry_its_findings_across_the_open_reports() {
        let report = |name: &str, text: &str| (name.to_string(), Input::Text { text: text.to_string() });
        let earlier = report("2023.txt", include_str!("../../tests/fixtures/years/hongze-district-2023.disagrees.txt"));
        let later = report("2024.txt", include_str!("../../tests/fixtures/years/hongze-district-2024.txt"));
        let reports = vec![earlier, later.clone()];
        let json = render_reviewed(Export::Json, &reports, 1, &Reviewed::default());
        assert!(json.contains("carry-over-mismatch") && json.contains("2023.txt"), "the later year's JSON names the other file");
        let memo = render_reviewed(Export::Memo, &reports, 1, &Reviewed::default());
        assert!(memo.contains("已与 2023 年度报告“2023.txt”核对"), "the memo says what it was compared with");
        let all = render_reviewed(Export::AllCsv, &reports, 0, &Reviewed::default());
        assert!(all.lines().any(|l| l.starts_with("2024.txt,") && l.contains("carry-over-mismatch")), "{all}");
        let alone = render_reviewed(Export::Json, &[later], 0, &Reviewed::default());
        assert!(!alone.contains("carry-over-mismatch"), "alone, it is compared with nothing");
        let memo = render_reviewed(Export::Memo, &reports[1..], 0, &Reviewed::default());
        assert!(memo.contains("没有同一机关 2023 年度的报告可比对"), "and the memo says so");
    }

    #[test]
    fn what_goes_to_the_second_module_comes_back_as_it_was() {
        let (_, reviewed) = reviewed_sample();
        assert_eq!(Reviewed::decode(&reviewed.encode()), Some(reviewed.clone()));
        assert_eq!(Reviewed::decode(&Reviewed::default().encode()), Some(Reviewed::default()));
        let text = reviewed.encode();
        assert_eq!(Reviewed::decode(&text[..text.len() - 1]), None, "a cut-off copy is not half read");
        assert_eq!(Reviewed::decode("3 4\nabc"), None);
    }

    #[test]
    fn the_exports_carry_the_corrections_and_decisions() {
        let (reports, reviewed) = reviewed_sample();
        let json = render_reviewed(Export::Json, &reports, 0, &reviewed);
        assert!(json.contains("\"corrected\"") && json.contains("4321"), "both values of the corrected cell");
        assert!(json.contains("\"verdict\": \"confirmed\"") && json.contains("请按原件更正"), "the decision with its note");
        let csv = render_reviewed(Export::Csv, &reports, 0, &reviewed);
        assert!(csv.contains("请按原件更正"), "{csv}");
        assert_eq!(render_reviewed(Export::Csv, &reports, 0, &Reviewed::default()), render(Export::Csv, &reports));
        let memo = render_reviewed(Export::Memo, &reports, 0, &reviewed);
        assert!(memo.contains("张三") && memo.contains("2025-03-20") && memo.contains("请按原件更正"));
        assert!(memo.contains("4321") && memo.contains("人工修改"), "the corrected cell, marked");
    }
}
