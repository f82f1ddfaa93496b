//! The built-in sample reports, one click away: a real report as published, and the same
//! report with typical errors put in (tests/fixtures/ui/hongze-district-2024.errors.md says
//! which).

/// 淮安市洪泽区人民政府2024年政府信息公开工作年度报告, as `pdftotext -layout` extracts it
/// from the published PDF: a 2021-format report whose tables add up (its 表三 prints （六）
/// as one row, which the checker notes).
pub const HONGZE_2024: &str = include_str!("../../tests/fixtures/samples/hongze-district-2024.pdf.txt");

/// The same report with four typical errors: an application counted in the wrong column, a
/// wrong 总计, a blank 总计 beside values, a 表四 total off by one.
pub const HONGZE_2024_ERRORS: &str = include_str!("../../tests/fixtures/ui/hongze-district-2024.errors.txt");

/// The names the samples get in the list of open reports.
pub const NAME: &str = "示例：洪泽区2024年报";
pub const ERRORS_NAME: &str = "示例：洪泽区2024年报（改错版）";
