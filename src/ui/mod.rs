//! The browser UI: a thin Leptos layer over the core.
//!
//! Each open report has one input signal ([`Input`]: the text, a paste's two flavours, a
//! file's content) and one memo of the core's result for it ([`Outcome`]); [`state::Docs`]
//! holds the open reports. [`crate::view`], plain data outside this module, turns a result
//! into rows, cells, findings and excerpts; the components render those. Components hold no
//! arithmetic and no parsing: anything that needs thinking about the report belongs in the
//! core or in [`crate::view`]. The browser's own parsers and decoders do the rest
//! ([`files`]: `TextDecoder`, `DecompressionStream`).
//!
//! [`Input`]: crate::view::doc::Input
//! [`Outcome`]: crate::view::doc::Outcome
//!
//! The DOM the components produce is a contract that tests and outside checks rely on
//! (ARCHITECTURE.md lists it): the input is `<textarea id="report-input">`; every table
//! cell carries `data-cell="TABLE.ROW.COL"`; a cell in an error or warning carries
//! `data-severity` and, when it is a primary cell, `data-primary`; each listed finding
//! carries `data-rule`, `data-severity`, `data-cells` and `data-number`.
//!
//! This module is compiled only with the `ui` feature, which is what keeps leptos, web-sys
//! and wasm-bindgen out of the core.

mod app;
pub mod crash;
pub mod doclist;
pub mod dom;
pub mod files;
pub mod findings;
pub mod folders;
mod input;
pub mod lazy;
pub mod panel;
pub mod pdf;
pub mod review_store;
pub mod state;
pub mod storage;
pub mod summary;
pub mod tables;

use crate::model::CellKey;
use leptos::prelude::*;

/// What the reviewer has selected: a cell (whose source and findings the cell panel shows)
/// and a finding (whose cells the tables emphasise). Copy: signal handles.
#[derive(Clone, Copy)]
pub struct Selection {
    /// The selected cell: the one focused or clicked last.
    pub cell: RwSignal<Option<CellKey>>,
    /// The current finding, as an index into the list.
    pub finding: RwSignal<Option<usize>>,
}

impl Selection {
    /// Nothing selected yet.
    pub fn new() -> Selection {
        Selection { cell: RwSignal::new(None), finding: RwSignal::new(None) }
    }
}

impl Default for Selection {
    fn default() -> Self {
        Selection::new()
    }
}

/// A memo that tells its readers on every recomputation, without comparing old and new:
/// the views change only when a report does, and comparing reports would only add code.
pub fn memo<T: Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> Memo<T> {
    Memo::new_with_compare(move |_| f(), |_, _| true)
}

/// Starts the app in the page: installs the panic message, removes the loading and
/// unsupported-browser notices of `index.html`, and runs the app in its shell (`#app`).
pub fn start() {
    crash::install();
    // The notices go first: once the app runs, a later failure shows the crash message,
    // not the "unsupported browser" one.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    // Mounting nothing into the shell sets up what the app's signals and effects need
    // (the task executor, a reactive owner that lives as long as the page); `run` wires the
    // shell and mounts the components into its slots.
    let Some(shell) = leptos::prelude::document().get_element_by_id("app").and_then(|e| wasm_bindgen::JsCast::dyn_into(e).ok()) else {
        return;
    };
    leptos::mount::mount_to(shell, app::run).forget();
}
