//! The report input: the shell's text area, checked as the reviewer types (after a pause)
//! and at once on a paste, reading the HTML flavour of a rich paste (a web page, Word, WPS);
//! and showing a cell's text in it, marked in the layer behind it.

use std::cell::RefCell;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlElement, HtmlTextAreaElement};

use super::dom;

/// The id of the text area (part of the DOM contract).
pub const INPUT_ID: &str = "report-input";

/// The id of the layer behind the text area, laid out like it, in which a cell's text is
/// marked (a text area cannot mark text, and shows its selection only while focused).
const BACKDROP_ID: &str = "input-backdrop";

/// How long typing pauses before the text is checked, in milliseconds.
pub const TYPING_PAUSE_MS: u32 = 300;

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
    let typing = Typing { pending: StoredValue::new_local(RefCell::new(None)), area: StoredValue::new_local(area.clone()), on_text };
    let scrolled = area.clone();
    EventListener::new(area, "scroll", move |_| follow_scroll(&scrolled)).forget();
    EventListener::new(area, "input", move |ev| {
        clear_mark();
        let immediate =
            ev.dyn_ref::<web_sys::InputEvent>().map(|e| e.input_type()).is_some_and(|t| t.starts_with("insertFrom") || t == "deleteByCut");
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
        let replaces_all =
            length == 0 || (element.selection_start().ok().flatten() == Some(0) && element.selection_end().ok().flatten() == Some(length));
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

/// Shows `start..end` (bytes) of `text`, what the text area holds, in the text area: marks
/// it in the layer behind the text area (`#input-backdrop`, laid out like the text area),
/// scrolls the text area so that the mark is in view, and selects it (UTF-16 range
/// `selection`), leaving the focus where it is.
pub fn show_text(area: &web_sys::HtmlTextAreaElement, text: &str, (start, end): (usize, usize), selection: (u32, u32)) {
    let Some(layer) = dom::by_id(BACKDROP_ID) else { return };
    let _ = area.set_selection_range(selection.0, selection.1);
    layer.set_text_content(None);
    let mark = dom::El::new("mark").text(&text[start..end]);
    let _ = layer.append_with_str_1(&text[..start]);
    let _ = layer.append_with_node_1(&mark.0);
    let _ = layer.append_with_str_1(&text[end..]);
    let top = mark.0.dyn_into::<HtmlElement>().map(|m| m.offset_top()).unwrap_or(0);
    area.set_scroll_top((top - area.client_height() / 3).max(0));
    follow_scroll(area);
}

/// Clears the mark behind the text area (its text is being edited or replaced).
pub fn clear_mark() {
    if let Some(layer) = dom::by_id(BACKDROP_ID) {
        layer.set_text_content(None);
    }
}

/// Takes the reviewer to the text a button (`data-start`, `data-end`: a UTF-16 range of the
/// text area) points at: the text area in the middle of the window, focused, the range
/// selected.
pub fn go_to_range(button: &web_sys::Element) {
    let at = |name: &str| button.get_attribute(name).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    if let Some(area) = dom::by_id(INPUT_ID).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        dom::scroll_to_middle(&area);
        let _ = area.focus();
        let _ = area.set_selection_range(at("data-start"), at("data-end"));
    }
}

/// Whether a number is marked behind the text area.
pub fn is_marked() -> bool {
    dom::by_id(BACKDROP_ID).is_some_and(|layer| layer.child_element_count() > 0)
}

/// Keeps the highlight layer scrolled with the text area.
fn follow_scroll(area: &web_sys::HtmlTextAreaElement) {
    if let Some(layer) = dom::by_id(BACKDROP_ID) {
        layer.set_scroll_top(area.scroll_top());
    }
}
