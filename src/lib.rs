//! nianbao (年报校验) checks Chinese government annual reports on information disclosure
//! (政府信息公开工作年度报告) against the official tables.
//!
//! The core is plain Rust and runs natively and in the browser:
//!
//! - [`model`]: the official table definitions, the typed report, findings;
//! - [`parse`]: input text → typed report (never fails);
//! - [`rules`]: typed report → findings, one rule per file, one registry;
//! - [`export`]: JSON, CSV and text renderings;
//! - [`input`]: HTML, .docx and encoded files → the parser's document, or a refusal.
//!
//! The browser UI lives in `ui`, compiled only with the `ui` feature, so the core cannot
//! depend on leptos, web-sys, wasm-bindgen or gloo.

pub mod export;
pub mod input;
pub mod model;
pub mod parse;
pub mod rules;

#[cfg(feature = "ui")]
pub mod ui;

use model::{Finding, Report};

/// A report as read, with every finding about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub report: Report,
    pub findings: Vec<Finding>,
}

/// Reads report text and checks it: the one call the UI and the command line make.
pub fn check_text(text: &str) -> Checked {
    let report = parse::parse(text);
    let findings = rules::check(&report);
    Checked { report, findings }
}

/// Reads a laid-out document (see [`input::Loaded::document`]) and checks it. A report read
/// from extracted text (a .docx) carries no spans.
pub fn check_document(doc: &parse::layout::Document<'_>) -> Checked {
    let mut report = parse::parse_document(doc);
    if doc.extracted {
        input::forget_positions(&mut report);
    }
    let findings = rules::check(&report);
    Checked { report, findings }
}

/// Reads an HTML page or fragment (pasted `text/html`, a decoded .html file) and checks it;
/// spans point into `html`.
pub fn check_html(html: &str) -> Checked {
    check_document(&input::html::document(html))
}

/// Which clipboard flavour a paste was read from (what its spans point into).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteSource {
    Html,
    Text,
}

/// Reads a paste that may hold both `text/html` and `text/plain`: the HTML when it yields
/// at least one cell and no fewer than the plain text does (its tables keep empty cells
/// and cell boundaries that plain text loses), the plain text otherwise (HTML without
/// usable tables, as some PDF viewers put on the clipboard).
pub fn check_paste(html: Option<&str>, text: &str) -> (Checked, PasteSource) {
    let from_text = check_text(text);
    match html.map(check_html) {
        Some(from_html) if !from_html.report.cells.is_empty() && from_html.report.cells.len() >= from_text.report.cells.len() => {
            (from_html, PasteSource::Html)
        }
        _ => (from_text, PasteSource::Text),
    }
}

/// Reads a file natively (.txt, .html, .docx in any supported encoding) and checks it.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_file(name: &str, bytes: &[u8]) -> Result<(input::Loaded, Checked), input::ReadError> {
    let loaded = input::read_file(name, bytes)?;
    let checked = check_document(&loaded.document());
    Ok((loaded, checked))
}
