//! The built-in sample report, so that a newcomer sees a checked report without a file.

/// 淮安市洪泽区人民政府2024年政府信息公开工作年度报告, as `pdftotext -layout` extracts it
/// from the published PDF: a 2021-format report whose 表三 prints （六） as one row.
pub const HONGZE_2024: &str = include_str!("../../tests/fixtures/samples/hongze-district-2024.pdf.txt");

/// The label of the button that loads it.
pub const BUTTON_LABEL: &str = "载入示例年报";
