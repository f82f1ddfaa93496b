//! Small imperative browser calls the components share: running work after the next paint,
//! focusing a table cell, saving a download, and the element builder the components draw
//! with. It knows no component: the text area's own calls are in `input`.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::HtmlElement;

use crate::model::CellKey;

/// Runs `work` once the browser has painted what is on the page now (a progress message),
/// so that a long synchronous check starts only after the reviewer sees that it runs. The
/// next animation frame plus a task is the first moment after a paint; a timer runs it
/// anyway when frames are paused (a hidden tab).
pub fn after_paint(work: impl FnOnce() + 'static) {
    /// The work, run by whichever of the two callbacks comes first.
    type Once = Rc<Cell<Option<Box<dyn FnOnce()>>>>;
    let work: Once = Rc::new(Cell::new(Some(Box::new(work))));
    let run = {
        let work = work.clone();
        move || {
            if let Some(work) = work.take() {
                work();
            }
        }
    };
    let in_frame = run.clone();
    let frame = Closure::once_into_js(move || Timeout::new(0, in_frame).forget());
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(frame.unchecked_ref());
    }
    Timeout::new(250, run).forget();
}

/// Runs `work` in the next animation frame, just before the browser lays out and paints:
/// for what would force a layout of its own if done now (scrolling a text area that just got
/// new text costs a full layout, about as long as drawing the tables).
pub fn before_paint(work: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(Closure::once_into_js(work).unchecked_ref());
    }
}

/// Sets a mark on the browser's performance timeline (`performance.mark(name)`), which
/// DevTools shows and `benches/page.rs` times the page by.
pub fn mark(name: &str) {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap_or_default();
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into()).and_then(|m| m.dyn_into::<js_sys::Function>()) {
        let _ = mark.call1(&performance, &name.into());
    }
}

/// Waits until the browser has painted (see [`after_paint`]).
pub async fn painted() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        after_paint(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The table cell named `key`, if the page shows it.
pub fn cell_element(key: CellKey) -> Option<HtmlElement> {
    let document = web_sys::window()?.document()?;
    document.query_selector(&format!("[data-cell='{key}']")).ok().flatten()?.dyn_into().ok()
}

/// Scrolls the cell named `key` to the middle of the window and focuses it (which selects it).
pub fn focus_cell(key: CellKey) -> bool {
    let Some(cell) = cell_element(key) else { return false };
    scroll_to_middle(&cell);
    focus_quietly(&cell);
    true
}

/// Scrolls `element` into the middle of the window, without animation.
pub fn scroll_to_middle(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls `element` just enough to show it (inside the panel that holds it, too).
pub fn scroll_into_view_nearest(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Focuses `element` without scrolling the page.
pub fn focus_quietly(element: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// Saves `content` as a file named `name` through a Blob and an object URL (nothing leaves
/// the computer; the browser writes the file to its download folder).
pub fn download(name: &str, mime: &str, content: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&content.into());
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let Some(link) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else {
        return false;
    };
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&link);
    }
    link.click();
    link.remove();
    // The download has started from the URL; release it a little later.
    Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    true
}

/// A file name made from `base`: characters Windows does not allow in names replaced.
pub fn file_name(base: &str, extension: &str) -> String {
    let clean: String = base
        .chars()
        .map(|c| if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { '_' } else { c })
        .take(80)
        .collect();
    let clean = clean.trim();
    format!("{}.{extension}", if clean.is_empty() { "年报校验" } else { clean })
}

/// A tiny element builder for the parts of the page drawn from the report. Text goes in as
/// text nodes only: nothing from a report is ever parsed as markup. Plain web-sys calls,
/// because a Leptos view of the same costs several times the wasm (ARCHITECTURE.md).
pub struct El(pub web_sys::Element);

impl El {
    /// A new `tag` element.
    pub fn new(tag: &str) -> El {
        El(document().create_element(tag).expect("creating an element"))
    }

    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute when `value` is some.
    pub fn attr_if(self, name: &str, value: Option<&str>) -> El {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// Sets the class attribute.
    pub fn class(self, class: &str) -> El {
        self.0.set_class_name(class);
        self
    }

    /// Appends `text` as a text node.
    pub fn text(self, text: &str) -> El {
        if !text.is_empty() {
            let _ = self.0.append_with_str_1(text);
        }
        self
    }

    /// Appends a child.
    pub fn child(self, child: El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends a child when there is one.
    pub fn child_if(self, child: Option<El>) -> El {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    /// Appends children.
    pub fn children(self, children: Vec<El>) -> El {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }
}

/// Markup for a large part of the page drawn from the report (the tables), written as one
/// string and put in with one call (`innerHTML`): drawn element by element, each element,
/// attribute and text is a call out of the wasm with its string copied, about 2 400 calls
/// for the three tables. Every text and attribute value is escaped, so nothing from a report
/// is parsed as markup: it reaches the page as text only, as with [`El`].
#[derive(Default)]
pub struct Markup {
    html: String,
    /// Whether a start tag is open for attributes (closed by the next text, element or end).
    in_start_tag: bool,
}

impl Markup {
    /// Starts a `tag` element: attributes may follow.
    pub fn open(&mut self, tag: &str) -> &mut Markup {
        self.end_start_tag();
        self.html.push('<');
        self.html.push_str(tag);
        self.in_start_tag = true;
        self
    }

    /// Sets an attribute of the element just opened.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Markup {
        self.html.push(' ');
        self.html.push_str(name);
        self.html.push_str("=\"");
        escape_into(&mut self.html, value);
        self.html.push('"');
        self
    }

    /// Sets an attribute of the element just opened when `value` is some.
    pub fn attr_if(&mut self, name: &str, value: Option<&str>) -> &mut Markup {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// Adds `text` as text.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        self.end_start_tag();
        escape_into(&mut self.html, text);
        self
    }

    /// Ends the `tag` element.
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.end_start_tag();
        self.html.push_str("</");
        self.html.push_str(tag);
        self.html.push('>');
        self
    }

    /// The markup written.
    pub fn into_html(mut self) -> String {
        self.end_start_tag();
        self.html
    }

    fn end_start_tag(&mut self) {
        if std::mem::take(&mut self.in_start_tag) {
            self.html.push('>');
        }
    }
}

/// Appends `text` to markup as text, in a text node or an attribute value alike: the
/// characters markup gives a meaning written as character references; a carriage return too,
/// which the browser would otherwise read as a line feed. (A NUL, which markup cannot carry,
/// is written as U+FFFD, the replacement character.)
pub fn escape_into(out: &mut String, text: &str) {
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\r' => "&#13;",
            b'\0' => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(escaped);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}

/// `<tag class="class">text</tag>`.
pub fn text_el(tag: &str, class: &str, text: &str) -> El {
    El::new(tag).class(class).text(text)
}

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("the page has a document")
}

/// The element with id `id`.
pub fn by_id(id: &str) -> Option<HtmlElement> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

/// Replaces the content of the element with id `slot` by `content`.
pub fn fill(slot: &str, content: El) {
    if let Some(slot) = by_id(slot) {
        slot.set_text_content(None);
        let _ = slot.append_child(&content.0);
    }
}

/// Replaces the content of the element with id `slot` by `markup` ([`Markup`]).
pub fn fill_markup(slot: &str, markup: &str) {
    if let Some(slot) = by_id(slot) {
        slot.set_inner_html(markup);
    }
}

/// The nearest element from the event's target up that has `attribute`, stopping at `within`.
pub fn closest_with(target: Option<web_sys::EventTarget>, attribute: &str) -> Option<web_sys::Element> {
    let mut node = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    while let Some(el) = node {
        if el.has_attribute(attribute) {
            return Some(el);
        }
        node = el.parent_element();
    }
    None
}

/// Moves the class `class` to exactly the elements matching `selector` (none for `None`).
pub fn mark_only(class: &str, selector: Option<&str>) {
    let document = document();
    if let Ok(marked) = document.query_selector_all(&format!(".{class}")) {
        for i in 0..marked.length() {
            if let Some(el) = marked.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.class_list().remove_1(class);
            }
        }
    }
    let Some(selector) = selector.filter(|s| !s.is_empty()) else { return };
    if let Ok(found) = document.query_selector_all(selector) {
        for i in 0..found.length() {
            if let Some(el) = found.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.class_list().add_1(class);
            }
        }
    }
}

/// Calls `handler` on `event` at the window (it may prevent the default).
pub fn on_window(event: &'static str, handler: impl Fn(&web_sys::Event) + 'static) {
    if let Some(window) = web_sys::window() {
        EventListener::new_with_options(&window, event, EventListenerOptions::enable_prevent_default(), handler).forget();
    }
}

/// Calls `handler` on `event` at the element with id `id` (it may prevent the default).
pub fn listen(id: &str, event: &'static str, handler: impl Fn(&web_sys::Event) + 'static) {
    if let Some(el) = by_id(id) {
        EventListener::new_with_options(&el, event, EventListenerOptions::enable_prevent_default(), handler).forget();
    }
}

/// Calls `action` on a click on the element with id `id`.
pub fn on_click(id: &str, action: impl Fn() + 'static) {
    if let Some(el) = by_id(id) {
        EventListener::new(&el, "click", move |_| action()).forget();
    }
}

/// Sets the text of the element with id `id`, when it differs.
pub fn set_text(id: &str, text: &str) {
    if let Some(el) = by_id(id)
        && el.text_content().as_deref() != Some(text)
    {
        el.set_text_content(Some(text));
    }
}

/// Hides or shows the element with id `id`.
pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(el) = by_id(id) {
        el.set_hidden(hidden);
    }
}
