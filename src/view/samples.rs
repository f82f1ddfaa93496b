//! The built-in sample reports, one click away (“示例” in the toolbar): a real report as
//! published, and the same report with typical errors put in
//! (tests/fixtures/ui/hongze-district-2024.errors.md says which).
//!
//! Their texts are in the page's second module (`src/lazy_module.rs`, `sample_text`), not in
//! the first load: 18 KB of text, about 3 KB brotli, that a reviewer who pastes a report never
//! needs. The first load names them by number ([`Sample`]) and shows the text it gets back.

/// A built-in sample report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// 淮安市洪泽区人民政府2024年政府信息公开工作年度报告, as published.
    Hongze2024 = 0,
    /// The same report with four typical errors.
    Hongze2024Errors = 1,
}

impl Sample {
    /// The sample a number names (what crosses to the second module).
    pub fn from_number(number: u32) -> Option<Sample> {
        [Sample::Hongze2024, Sample::Hongze2024Errors].into_iter().find(|s| *s as u32 == number)
    }

    /// The name the sample gets in the list of open reports.
    pub fn name(self) -> &'static str {
        match self {
            Sample::Hongze2024 => "示例：洪泽区2024年报",
            Sample::Hongze2024Errors => "示例：洪泽区2024年报（改错版）",
        }
    }

    /// The sample's text. Only the second module calls this (and tests): a call in the first
    /// would put the texts back into the first load.
    pub fn text(self) -> &'static str {
        match self {
            Sample::Hongze2024 => HONGZE_2024,
            Sample::Hongze2024Errors => HONGZE_2024_ERRORS,
        }
    }
}

/// 淮安市洪泽区人民政府2024年政府信息公开工作年度报告, as `pdftotext -layout` extracts it
/// from the published PDF: a 2021-format report whose tables add up (its 表三 prints （六）
/// as one row, which the checker notes).
pub const HONGZE_2024: &str = include_str!("../../tests/fixtures/samples/hongze-district-2024.pdf.txt");

/// The same report with four typical errors: an application counted in the wrong column, a
/// wrong 总计, a blank 总计 beside values, a 表四 total off by one.
pub const HONGZE_2024_ERRORS: &str = include_str!("../../tests/fixtures/ui/hongze-district-2024.errors.txt");

#[cfg(test)]
mod tests {
    use super::Sample;

    #[test]
    fn each_sample_crosses_as_its_number_and_reads_as_a_report() {
        assert_eq!([0, 1, 2].map(Sample::from_number), [Some(Sample::Hongze2024), Some(Sample::Hongze2024Errors), None]);
        let clean = crate::check_text(Sample::Hongze2024.text());
        let errors = crate::check_text(Sample::Hongze2024Errors.text());
        assert!(!clean.report.cells.is_empty() && !errors.report.cells.is_empty());
        assert!(errors.findings.len() > clean.findings.len(), "the errors sample has findings the clean one has not");
    }
}
