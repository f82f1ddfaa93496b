//! The last line of defence: a panic shows a message in Chinese instead of leaving a blank or
//! frozen page.
//!
//! The browser build aborts at once on a panic (`-C panic=immediate-abort`, scripts/build.sh:
//! the panic machinery and its messages cost about 8 KB brotli), so a panic is a wasm trap, a
//! `WebAssembly.RuntimeError` thrown into whichever JS called into the program: an event's
//! dispatch, a timer, a promise's reaction. None of them catches it, so it reaches the
//! window as an `error` or `unhandledrejection` event, where [`install`]'s listener shows
//! the message. After the message the app no longer runs (its state was left mid-change);
//! the message says so and asks the reviewer to reload. The listener writes to the DOM
//! directly (no Leptos), because the reactive system may be what stopped.
//!
//! Only a trap shows the message: the second module's traps are caught where it is called
//! (`ui::lazy`), and a JS error elsewhere is not the program stopping.

use js_sys::{Reflect, WebAssembly};
use wasm_bindgen::prelude::*;

/// The id of the element that holds the message.
pub const ID: &str = "crash";

/// What the reviewer reads when the page has stopped.
pub const MESSAGE: &str = "页面遇到内部错误，已停止运行。请刷新页面后重试；如果问题再次出现，请把下面的错误信息和所用的年报发给维护人员。";

/// Listens on the window for a trap of the program and shows [`MESSAGE`] with the browser's
/// account of it (its message and stack: the stack names the wasm functions by index, which
/// a build that keeps the names turns into Rust paths, README “Size”).
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let on_uncaught = Closure::<dyn Fn(JsValue)>::new(|event: JsValue| {
        if let Some(trap) = trap_of(&event) {
            show(&account_of(&trap));
        }
    });
    for kind in ["error", "unhandledrejection"] {
        let _ = window.add_event_listener_with_callback(kind, on_uncaught.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_uncaught.forget();
}

/// The trap an uncaught `error` (its `error`) or `unhandledrejection` (its `reason`) event
/// carries, if it is one.
fn trap_of(event: &JsValue) -> Option<js_sys::Error> {
    ["error", "reason"]
        .into_iter()
        .filter_map(|field| Reflect::get(event, &field.into()).ok())
        .find(|value| value.is_instance_of::<WebAssembly::RuntimeError>())
        .map(JsValue::unchecked_into)
}

/// The error's message and its stack. Chromium's stack starts with the message, Firefox's
/// has only the frames.
fn account_of(error: &js_sys::Error) -> String {
    let message = String::from(error.to_string());
    match Reflect::get(error, &"stack".into()).ok().and_then(|s| s.as_string()) {
        Some(stack) if stack.starts_with(&message) => stack,
        Some(stack) => format!("{message}\n{stack}"),
        None => message,
    }
}

/// Shows [`MESSAGE`] with `detail` at the top of the page (the browser has already logged the
/// error to the console). Showing it again replaces the detail.
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if let Some(old) = document.get_element_by_id(ID) {
        old.remove();
    }
    let Ok(panel) = document.create_element("div") else { return };
    panel.set_id(ID);
    let _ = panel.set_attribute("role", "alert");
    for (tag, text) in [("h2", "出错了"), ("p", MESSAGE), ("pre", detail)] {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    let _ = body.insert_before(&panel, body.first_child().as_ref());
}
