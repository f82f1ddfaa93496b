//! What the page's export buttons save: “导出 JSON” (report-json.md, for a PDF with its
//! pages), “导出问题清单（CSV）” and “导出全部报告的问题（CSV）”.
//!
//! The page's second wasm module renders them (`src/lazy_module.rs`), so that the first load
//! carries neither `serde_json` nor the exports: the page hands it the reports in their
//! stored form ([`super::stored::encode`]: plain data, as the reviewer gave them), and it
//! reads and checks each again with the same [`Input::check`] the page ran, then writes the
//! file. Reading is deterministic, so the file says what the page shows.

use super::doc::Input;
use crate::export::{csv, json};
use crate::model::Decisions;

/// Which file an export button saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The JSON of the first report given.
    Json = 0,
    /// The findings of the first report given, as CSV.
    Csv = 1,
    /// The findings of every report given, as one CSV.
    AllCsv = 2,
}

impl Export {
    /// The export a number names (what crosses to the second module).
    pub fn from_number(number: u32) -> Option<Export> {
        [Export::Json, Export::Csv, Export::AllCsv].into_iter().find(|e| *e as u32 == number)
    }
}

/// The file `export` saves for `reports` (name, input); the reviewer has made no decisions
/// in the page, so every finding's decision is empty.
pub fn render(export: Export, reports: &[(String, Input)]) -> String {
    let decisions = Decisions::new();
    let Some((name, input)) = reports.first() else { return String::new() };
    match export {
        Export::Json => {
            let outcome = input.check();
            json::to_pretty_reviewed(&outcome.checked, outcome.read_from.pages(), &decisions)
        }
        Export::Csv => csv::document(name, &input.check().checked, &decisions),
        Export::AllCsv => {
            let rows: String = reports.iter().map(|(name, input)| csv::rows(name, &input.check().checked, &decisions)).collect();
            csv::head() + &rows
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!([0, 1, 2, 3].map(Export::from_number), [Some(Export::Json), Some(Export::Csv), Some(Export::AllCsv), None]);
    }
}
