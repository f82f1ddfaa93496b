//! The report input: a text area that is checked as the reviewer types (debounced) and at
//! once on a paste, reading the HTML flavour of a rich paste (a web page, Word, WPS).

use std::cell::RefCell;

use gloo::timers::callback::Timeout;
use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, Event};

/// The id of the text area (part of the DOM contract).
pub const INPUT_ID: &str = "report-input";

/// How long typing pauses before the text is checked, in milliseconds.
pub const TYPING_PAUSE_MS: u32 = 300;

/// A paste that replaces the report: its HTML flavour, if any, and its plain text.
#[derive(Clone, Debug)]
pub struct Paste {
    pub html: Option<String>,
    pub text: String,
}

/// The text area.
///
/// - `shown`: what the text area shows; set by pastes, files, the samples and switching
///   reports (typing does not go through it).
/// - `area`: the text area's node, for selecting text in it.
/// - `large`: whether to draw it tall (nothing entered yet).
/// - `on_text`: the text after typing paused, or after a plain-text paste into part of it.
/// - `on_paste`: a paste that replaces the whole report: one with an HTML flavour, or any
///   paste into an empty or fully selected text area.
#[component]
pub fn ReportInput(
    shown: Signal<String>,
    area: NodeRef<Textarea>,
    large: Signal<bool>,
    on_text: Callback<String>,
    on_paste: Callback<Paste>,
) -> impl IntoView {
    // The pending check after typing; replaced on every keystroke.
    let pending: StoredValue<RefCell<Option<Timeout>>, LocalStorage> = StoredValue::new_local(RefCell::new(None));
    let commit = move || {
        pending.with_value(|p| p.borrow_mut().take());
        if let Some(el) = area.get_untracked() {
            on_text.run(el.value());
        }
    };
    // The text area shows `shown` whenever it changes from outside.
    Effect::new(move |_| {
        let text = shown.get();
        if let Some(el) = area.get()
            && el.value() != text
        {
            el.set_value(&text);
        }
    });
    let on_input = move |ev: Event| {
        let immediate = ev
            .dyn_ref::<web_sys::InputEvent>()
            .map(|e| e.input_type())
            .is_some_and(|t| t.starts_with("insertFrom") || t == "deleteByCut");
        if immediate {
            commit();
        } else {
            let timer = Timeout::new(TYPING_PAUSE_MS, commit);
            pending.with_value(|p| p.borrow_mut().replace(timer));
        }
    };
    let paste = move |ev: ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else { return };
        let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
        let text = data.get_data("text/plain").unwrap_or_default();
        let replaces_all = area.get_untracked().is_some_and(|el| {
            let length = el.text_length();
            length == 0 || (el.selection_start().ok().flatten() == Some(0) && el.selection_end().ok().flatten() == Some(length))
        });
        if replaces_all || html.is_some() && looks_like_a_report(&text) {
            ev.prevent_default();
            pending.with_value(|p| p.borrow_mut().take());
            on_paste.run(Paste { html, text });
        }
        // Otherwise the browser inserts the text at the caret, and the input event checks it.
    };
    view! {
        <textarea
            id=INPUT_ID
            node_ref=area
            class:large=large
            spellcheck="false"
            autocomplete="off"
            placeholder="在此粘贴年报全文（Ctrl+V）。也可以把 .html、.txt、.docx 文件拖到本页面，或点击“打开文件”。"
            on:input=on_input
            on:paste=paste
            on:blur=move |_| {
                if pending.with_value(|p| p.borrow().is_some()) {
                    commit();
                }
            }
        ></textarea>
    }
}

/// Whether a pasted text is long enough to be a report rather than a number or a phrase
/// pasted into the text (a rich paste of that size replaces the report).
fn looks_like_a_report(text: &str) -> bool {
    text.chars().count() > 200
}
