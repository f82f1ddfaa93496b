//! The report input: the shell's text area, checked as the reviewer types (after a pause)
//! and at once on a paste, reading the HTML flavour of a rich paste (a web page, Word, WPS).

use std::cell::RefCell;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlTextAreaElement};

/// The id of the text area (part of the DOM contract).
pub const INPUT_ID: &str = "report-input";

/// How long typing pauses before the text is checked, in milliseconds.
pub const TYPING_PAUSE_MS: u32 = 300;

/// The most text the text area shows, in bytes. A browser takes seconds to lay out
/// megabytes in a text area (measured: 3.2 s for 10 MB in Chromium), longer than the check
/// itself; a report is a few hundred KB, so only pathological pastes are cut, and the whole
/// text is still what is checked.
pub const SHOWN_BYTES: usize = 1024 * 1024;

/// The part of `text` the text area shows, and whether that is all of it.
pub fn shown_part(text: &str) -> (&str, bool) {
    if text.len() <= SHOWN_BYTES {
        return (text, true);
    }
    let mut end = SHOWN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], false)
}

/// A paste that replaces the report: its HTML flavour, if any, and its plain text.
#[derive(Clone, Debug)]
pub struct Paste {
    pub html: Option<String>,
    pub text: String,
}

/// The text typed but not yet checked. Copy: signal handles.
#[derive(Clone, Copy)]
pub struct Typing {
    pending: StoredValue<RefCell<Option<Timeout>>, LocalStorage>,
    area: StoredValue<HtmlTextAreaElement, LocalStorage>,
    on_text: Callback<String>,
}

impl Typing {
    /// Checks what was typed now, if a check is pending.
    pub fn flush(&self) {
        if self.pending.with_value(|p| p.borrow_mut().take()).is_some() {
            self.commit();
        }
    }

    /// Forgets what was typed (the text area is being cleared).
    pub fn cancel(&self) {
        self.pending.with_value(|p| p.borrow_mut().take());
    }

    fn commit(&self) {
        self.cancel();
        self.on_text.run(self.area.with_value(|a| a.value()));
    }

    fn later(&self) {
        let this = *self;
        let timer = Timeout::new(TYPING_PAUSE_MS, move || this.commit());
        self.pending.with_value(|p| p.borrow_mut().replace(timer));
    }
}

/// Wires the text area:
///
/// - `on_text` gets the text after typing paused, at once after a paste into part of the
///   text, a drop or a cut, and when the text area loses the focus;
/// - `on_paste` gets a paste that replaces the whole report: any paste into an empty or
///   fully selected text area, and a long rich paste (with an HTML flavour) anywhere.
///
/// Otherwise the browser inserts a paste at the caret, and the input event checks it.
pub fn attach(area: &HtmlTextAreaElement, on_text: Callback<String>, on_paste: Callback<Paste>) -> Typing {
    let typing = Typing {
        pending: StoredValue::new_local(RefCell::new(None)),
        area: StoredValue::new_local(area.clone()),
        on_text,
    };
    let scrolled = area.clone();
    EventListener::new(area, "scroll", move |_| super::dom::follow_scroll(&scrolled)).forget();
    EventListener::new(area, "input", move |ev| {
        super::dom::clear_input_mark();
        let immediate = ev
            .dyn_ref::<web_sys::InputEvent>()
            .map(|e| e.input_type())
            .is_some_and(|t| t.starts_with("insertFrom") || t == "deleteByCut");
        if immediate { typing.commit() } else { typing.later() }
    })
    .forget();
    EventListener::new(area, "blur", move |_| typing.flush()).forget();
    // Esc leaves the text area, so that the keys that move between findings work.
    let leaving = area.clone();
    EventListener::new(area, "keydown", move |ev| {
        if ev.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
            let _ = leaving.blur();
        }
    })
    .forget();
    let element = area.clone();
    EventListener::new_with_options(area, "paste", EventListenerOptions::enable_prevent_default(), move |ev| {
        let Some(data) = ev.dyn_ref::<ClipboardEvent>().and_then(ClipboardEvent::clipboard_data) else { return };
        let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
        let text = data.get_data("text/plain").unwrap_or_default();
        let length = element.text_length();
        let replaces_all = length == 0
            || (element.selection_start().ok().flatten() == Some(0) && element.selection_end().ok().flatten() == Some(length));
        if replaces_all || (html.is_some() && looks_like_a_report(&text)) {
            ev.prevent_default();
            typing.cancel();
            on_paste.run(Paste { html, text });
        }
    })
    .forget();
    typing
}

/// Whether a pasted text is long enough to be a report rather than a number or a phrase
/// pasted into the text (a rich paste that long replaces the report).
fn looks_like_a_report(text: &str) -> bool {
    text.chars().count() > 200
}
