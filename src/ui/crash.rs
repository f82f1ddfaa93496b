//! The last line of defence: a panic shows a message in Chinese instead of leaving a blank or
//! frozen page.
//!
//! The release build aborts on panic, so after the message the app no longer runs; the
//! message says so and asks the reviewer to reload. The hook writes to the DOM directly
//! (no Leptos), because the reactive system may be what panicked.

use std::panic::PanicHookInfo;

/// The id of the element that holds the message.
pub const ID: &str = "crash";

/// What the reviewer reads when the page has stopped.
pub const MESSAGE: &str = "页面遇到内部错误，已停止运行。请刷新页面后重试；如果问题再次出现，请把下面的错误信息和所用的年报发给维护人员。";

/// Installs the panic hook that shows [`MESSAGE`].
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| show(&info.to_string())));
}

/// Shows [`MESSAGE`] with `detail` at the top of the page, and logs `detail` to the console.
/// Showing it again replaces the detail.
pub fn show(detail: &str) {
    web_sys::console::error_1(&detail.into());
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
