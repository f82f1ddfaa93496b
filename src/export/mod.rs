//! Renderings of a checked report: JSON (`report-json.md`), CSV of findings, and plain text.

pub mod csv;
pub mod json;
pub mod text;
