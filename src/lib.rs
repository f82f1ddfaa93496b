//! nianbao (年报校验) checks Chinese government annual reports on information disclosure
//! (政府信息公开工作年度报告) against the official tables.
//!
//! The core is plain Rust and runs natively and in the browser:
//!
//! - [`model`]: the official table definitions, the typed report, findings;
//! - [`parse`]: input text → typed report (never fails);
//! - [`rules`]: typed report → findings, one rule per file, one registry;
//! - [`export`]: JSON, CSV and text renderings.
//!
//! The browser UI lives in `ui`, compiled only with the `ui` feature, so the core cannot
//! depend on leptos, web-sys, wasm-bindgen or gloo.

pub mod export;
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
