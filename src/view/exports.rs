//! What the page's export buttons save: “导出 JSON” (report-json.md, for a PDF with its
//! pages), “导出问题清单（CSV）” and “导出全部报告的问题（CSV）”.
//!
//! The page's second wasm module renders them (`src/lazy_module.rs`), so that the first load
//! carries neither `serde_json` nor the exports: the page hands it the reports in their
//! stored form ([`super::stored::encode`]: plain data, as the reviewer gave them), and it
//! reads and checks each again with the same [`Input::check`] the page ran, then writes the
//! file. Reading is deterministic, so the file says what the page shows.

use super::doc::Input;
use super::review::{self, Review};
use crate::export::{csv, json, memo};

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
    render_reviewed(export, reports, &Reviewed::default())
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

/// The file `export` saves for `reports` (name, input) with their reviews: each report is
/// read and checked again, its corrections applied ([`review::corrected`]), and its findings
/// written with the reviewer's decisions.
pub fn render_reviewed(export: Export, reports: &[(String, Input)], reviewed: &Reviewed) -> String {
    let empty = Review::default();
    let review = |i: usize| reviewed.reviews.get(i).unwrap_or(&empty);
    let outcome = |i: usize, input: &Input| review::corrected(input.check(), &review(i).corrections);
    let Some((name, input)) = reports.first() else { return String::new() };
    match export {
        Export::Json => {
            let outcome = outcome(0, input);
            json::to_pretty_reviewed(&outcome.checked, outcome.read_from.pages(), &review(0).to_decisions())
        }
        Export::Csv => csv::document(name, &outcome(0, input).checked, &review(0).to_decisions()),
        Export::AllCsv => {
            let rows: String = reports
                .iter()
                .enumerate()
                .map(|(i, (name, input))| csv::rows(name, &outcome(i, input).checked, &review(i).to_decisions()))
                .collect();
            csv::head() + &rows
        }
        Export::Memo => {
            let checked = outcome(0, input).checked;
            let coverage = memo::Coverage::of(&checked.report, "本页面只核对了这一份报告，未与其他年度的报告核对".to_string());
            let memo = memo::Memo {
                checked: &checked,
                decisions: &review(0).to_decisions(),
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
        let json = render_reviewed(Export::Json, &reports, &reviewed);
        assert!(json.contains("\"corrected\"") && json.contains("4321"), "both values of the corrected cell");
        assert!(json.contains("\"verdict\": \"confirmed\"") && json.contains("请按原件更正"), "the decision with its note");
        let csv = render_reviewed(Export::Csv, &reports, &reviewed);
        assert!(csv.contains("请按原件更正"), "{csv}");
        assert_eq!(render_reviewed(Export::Csv, &reports, &Reviewed::default()), render(Export::Csv, &reports));
        let memo = render_reviewed(Export::Memo, &reports, &reviewed);
        assert!(memo.contains("张三") && memo.contains("2025-03-20") && memo.contains("请按原件更正"));
        assert!(memo.contains("4321") && memo.contains("人工修改"), "the corrected cell, marked");
    }
}
