//! nianbao (年报校验) checks Chinese government annual reports on information disclosure
//! (政府信息公开工作年度报告) against the official tables.
//!
//! The core is plain Rust and runs natively and in the browser:
//!
//! - [`model`]: the official table definitions, the typed report, findings;
//! - [`parse`]: input text → typed report (never fails);
//! - [`rules`]: typed report → findings, one rule per file, one registry;
//! - [`export`]: JSON, CSV and text renderings;
//! - [`input`]: HTML, .docx and encoded files → the parser's document, or a refusal;
//! - [`view`]: the page without the browser: what a reviewer gave, the views of its result,
//!   the stored form of the open reports (plain data, tested natively).
//! - [`desk`]: many reports at once: reports of one body side by side across years, and
//!   reports checked again with the reviewer's corrections.
//!
//! The browser UI lives in `ui`, compiled only with the `ui` feature, so the core cannot
//! depend on leptos, web-sys, wasm-bindgen or gloo.

pub mod desk;
pub mod export;
pub mod input;
pub mod model;
pub mod parse;
pub mod rules;
pub mod view;

#[cfg(feature = "ui")]
pub mod ui;

use model::{Finding, Report};

/// A report as read, with every finding about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub report: Report,
    pub findings: Vec<Finding>,
}

impl Checked {
    /// A report as read, checked: every rule run on it.
    pub fn of(report: Report) -> Checked {
        let findings = rules::check(&report);
        Checked { report, findings }
    }

    /// [`Checked::of`] with the report's relations counted ([`Checked::relations`]) in the
    /// same pass over them.
    pub fn counted(report: Report) -> (Checked, model::Tally) {
        let (findings, relations) = rules::check_counted(&report);
        (Checked { report, findings }, relations)
    }

    /// How many of the report's relations held, broke, or could not be checked, and why:
    /// what every result states beside its findings.
    pub fn relations(&self) -> model::Tally {
        rules::tally(&self.report)
    }
}

/// Reads report text and checks it: the one call the UI and the command line make.
pub fn check_text(text: &str) -> Checked {
    Checked::of(parse::parse(text))
}

/// Reads a laid-out document (see [`input::Loaded::document`]). A report read from
/// extracted text (a .docx) carries no spans.
pub fn read_document(doc: &parse::layout::Document<'_>) -> Report {
    let mut report = parse::parse_document(doc);
    if doc.extracted {
        input::forget_positions(&mut report);
    }
    report
}

/// Reads a laid-out document ([`read_document`]) and checks it.
pub fn check_document(doc: &parse::layout::Document<'_>) -> Checked {
    Checked::of(read_document(doc))
}

/// Reads an HTML page or fragment (pasted `text/html`, a decoded .html file); spans point
/// into `html`.
pub fn read_html(html: &str) -> Report {
    read_document(&input::html::document(html))
}

/// Reads an HTML page or fragment ([`read_html`]) and checks it.
pub fn check_html(html: &str) -> Checked {
    Checked::of(read_html(html))
}

/// What a paste or a plain text was read as (what its spans point into, and how).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteSource {
    /// The paste's HTML flavour.
    Html,
    /// The plain text, as text.
    Text,
    /// The plain text, as HTML: it is markup (a page's source, a CMS editor's source view);
    /// spans point into the text.
    Markup,
}

/// Reads a paste that may hold both `text/html` and `text/plain`: the HTML when it reads
/// at least one cell and no fewer than the plain text does (its tables keep empty cells
/// and cell boundaries that plain text loses), the plain text otherwise (HTML without
/// usable tables, as some PDF viewers put on the clipboard), itself read as
/// [`read_plain`] reads it.
pub fn read_paste(html: Option<&str>, text: &str) -> (Report, PasteSource) {
    let (from_text, text_source) = read_plain(text);
    match html.map(read_html) {
        Some(from_html) if cells_read(&from_html) > 0 && cells_read(&from_html) >= cells_read(&from_text) => (from_html, PasteSource::Html),
        _ => (from_text, text_source),
    }
}

/// Reads a paste ([`read_paste`]) and checks it.
pub fn check_paste(html: Option<&str>, text: &str) -> (Checked, PasteSource) {
    let (report, source) = read_paste(html, text);
    (Checked::of(report), source)
}

/// Reads plain text as a reviewer gives it (typed, pasted without an HTML flavour, a .txt
/// file): as HTML when it is markup ([`input::looks_like_markup`]: a page's source, a CMS
/// editor's source view), whose tables then keep their cells, and as text otherwise. Markup
/// is read as HTML unless reading it as text reads more cells: a text report that starts
/// with a stray tag stays text.
pub fn read_plain(text: &str) -> (Report, PasteSource) {
    let as_text = parse::parse(text);
    if !input::looks_like_markup(text) {
        return (as_text, PasteSource::Text);
    }
    let as_html = read_html(text);
    if cells_read(&as_html) >= cells_read(&as_text) { (as_html, PasteSource::Markup) } else { (as_text, PasteSource::Text) }
}

/// Reads plain text ([`read_plain`]) and checks it.
pub fn check_plain(text: &str) -> (Checked, PasteSource) {
    let (report, source) = read_plain(text);
    (Checked::of(report), source)
}

/// How many cells a reading found a number or a blank in: which of two readings of the
/// same input read more of it (cells found but not read do not count).
fn cells_read(report: &Report) -> usize {
    report.cells.values().filter(|c| !matches!(c.value, model::Value::Unread(_))).count()
}

/// Reads a file natively (.txt, .html, .docx in any supported encoding) and checks it; a
/// text file as [`check_plain`] reads it, so that a file reads as its pasted text does.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_file(name: &str, bytes: &[u8]) -> Result<(input::Loaded, Checked), input::ReadError> {
    check_file_counted(name, bytes).map(|(loaded, checked, _)| (loaded, checked))
}

/// [`check_file`] with the report's relations counted ([`Checked::counted`]): what the
/// command line prints for every report.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_file_counted(name: &str, bytes: &[u8]) -> Result<(input::Loaded, Checked, model::Tally), input::ReadError> {
    input::read_file(name, bytes).map(check_loaded_counted)
}

/// [`check_file_counted`] for bytes the caller owns and need not keep (the command line):
/// valid UTF-8 is validated once and not copied ([`input::read_file_owned`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn check_file_owned(name: &str, bytes: Vec<u8>) -> Result<(input::Loaded, Checked, model::Tally), input::ReadError> {
    input::read_file_owned(name, bytes).map(check_loaded_counted)
}

/// Reads a loaded file as [`check_file`] does and checks it, its relations counted.
#[cfg(not(target_arch = "wasm32"))]
fn check_loaded_counted(loaded: input::Loaded) -> (input::Loaded, Checked, model::Tally) {
    let report = match loaded.kind {
        input::Kind::Text => read_plain(&loaded.text).0,
        input::Kind::Html | input::Kind::Docx | input::Kind::Pdf => read_document(&loaded.document()),
    };
    let (checked, relations) = Checked::counted(report);
    (loaded, checked, relations)
}
