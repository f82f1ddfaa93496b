//! The browser UI: a thin Leptos layer over the core.
//!
//! One input signal holds the report text; one memo holds the core's result for it
//! ([`crate::check_text`]); [`view`] turns that result into plain rows and cells; the
//! components render those. Components hold no arithmetic and no parsing: anything that
//! needs thinking about the report belongs in the core or in [`view`].
//!
//! The DOM the components produce is a contract that tests and outside checks rely on:
//! the input is `<textarea id="report-input">`; every table cell carries
//! `data-cell="TABLE.ROW.COL"`; a cell in a finding carries `data-severity` and, when it is
//! the finding's primary cell, `data-primary`; each listed finding carries `data-rule`.
//!
//! This module is compiled only with the `ui` feature, which is what keeps leptos, web-sys
//! and wasm-bindgen out of the core.

mod app;
pub mod crash;
mod findings;
mod input;
pub mod sample;
mod summary;
mod tables;
pub mod view;

pub use app::App;
pub use findings::FindingList;
pub use input::ReportInput;
pub use summary::SummaryView;
pub use tables::{CellTd, TableBlock};

use wasm_bindgen::JsCast;

/// Starts the app in the page: installs the panic message, removes the loading and
/// unsupported-browser notices of `index.html`, and mounts [`App`] into `#app` (or the body).
pub fn start() {
    crash::install();
    let document = leptos::prelude::document();
    // The notices go first: once the app runs, a later failure shows the crash message,
    // not the "unsupported browser" one.
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let root = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(|| document.body().expect("the page has a body"));
    leptos::mount::mount_to(root, App).forget();
}
