//! The app: the open reports and their results, the views derived from them, and the
//! wiring of the page's shell (index.html): its controls by id, its slots filled with the
//! components, paste, drop, keyboard, storage and exports.
//!
//! The shell is static HTML because a Leptos view of it would cost several times more wasm
//! than everything it does (measured: about 90 KB of code for the toolbar, help and
//! layout); the components render what depends on the report.

use std::cell::RefCell;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, Element, HtmlElement, HtmlTextAreaElement, KeyboardEvent};

use super::doc::Input;
use super::input::{self, Paste};
use super::state::{Docs, PASTED};
use super::storage::{self, Saved};
use super::view::{self, SourceView, Status};
use super::{Selection, doclist, dom, files, findings, memo, panel, sample, tables};
use crate::input::ReadError;
use crate::input::limits::MAX_TEXT_BYTES;
use crate::model::CellKey;

/// Inputs at least this large (bytes) are checked only after a progress message has been
/// painted (README, “Large reports”).
const LARGE_INPUT: usize = 256 * 1024;

/// How long after the last change the reports are stored, in milliseconds.
const SAVE_PAUSE_MS: u32 = 500;

/// Starts the app in the page's shell (`#app` of index.html).
pub fn run() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let by_id = move |id: &str| document.get_element_by_id(id);
    let (Some(root), Some(area)) = (by_id("app"), by_id(input::INPUT_ID).and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()))
    else {
        return;
    };

    let (restored, current) = storage::load();
    let docs = Docs::new(restored, current);
    // The progress message, and how the last save went.
    let shell: RwSignal<(Option<String>, Option<Saved>)> = RwSignal::new((None, None));
    let busy = move |message: Option<String>| shell.update(|s| s.0 = message);
    let saved = move |how: Option<Saved>| shell.update(|s| s.1 = how);

    // The views of the report shown, derived from its one input signal.
    let page =
        memo(move || docs.current().map(|d| d.outcome.with(|o| d.input.with(|i| view::page(o, i.shown(), &d.name.get())))).unwrap_or_default());
    let selection = Selection::new();
    let detail = memo(move || {
        let key = selection.cell.get()?;
        let d = docs.current()?;
        // The text area shows what the spans point into when the report was read from its
        // text, up to what it shows of a huge paste.
        let shown = |i: &Input, o: &super::doc::Outcome| o.read_from.in_text_area().then(|| input::shown_part(i.shown()).0.len());
        Some(d.outcome.with(|o| d.input.with(|i| view::cell_detail(o, key, i.source(o), shown(i, o)))))
    });

    // A new report clears the selection; new findings clear the current finding.
    Effect::new(move |previous: Option<u32>| {
        let id = docs.current.get();
        if previous.is_some_and(|p| p != id) {
            selection.cell.set(None);
        }
        id
    });
    Effect::new(move |previous: Option<()>| {
        page.track();
        if previous.is_some() {
            selection.finding.set(None);
        }
    });
    // Selecting a cell shows its text in the text area, when that is where it came from.
    {
        let area = area.clone();
        Effect::new(move |_| {
            detail.with(|d| match d.as_ref().map(|d| &d.source) {
                Some(SourceView::Excerpt(e)) if e.selection.is_some() => {
                    if let (Some(doc), Some(selection)) = (docs.current_untracked(), e.selection) {
                        doc.input.with_untracked(|i| dom::show_in_input(&area, input::shown_part(i.shown()).0, e.span, selection));
                    }
                }
                _ => dom::clear_input_mark(),
            })
        });
    }
    // The shell and its slots follow the report shown.
    {
        let root = root.clone();
        Effect::new(move |_| {
            page.with(|p| {
                let s = &p.summary;
                let _ = root.set_attribute("data-status", s.status.key());
                set_text("input-note", p.note);
                set_text("refused-line", &s.refused_line());
                if let Some(el) = element("headline") {
                    el.set_class_name(match (s.errors, s.warnings) {
                        (0, 0) => "headline when-read ok",
                        (0, _) => "headline when-read warning",
                        _ => "headline when-read error",
                    });
                    el.set_text_content(Some(&s.headline()));
                    for (name, count) in [("data-errors", s.errors), ("data-warnings", s.warnings), ("data-infos", s.infos)] {
                        let _ = el.set_attribute(name, &count.to_string());
                    }
                }
                dom::fill("summary-slot", super::summary::summary(s));
                dom::fill("tables-slot", dom::El::new("div").children(p.tables.iter().map(tables::table_block).collect()));
                dom::fill("findings-slot", findings::finding_list(&p.findings));
            })
        });
    }
    {
        let root = root.clone();
        Effect::new(move |_| {
            shell.with(|(busy, saved)| {
                match busy {
                    Some(message) => {
                        let _ = root.set_attribute("aria-busy", "true");
                        set_text("progress-text", message);
                        set_hidden("progress", false);
                    }
                    None => {
                        let _ = root.remove_attribute("aria-busy");
                        set_hidden("progress", true);
                    }
                }
                set_text("saved", saved.map(saved_words).unwrap_or(""));
                if let Some(el) = element("saved") {
                    let _ = el.set_attribute("data-saved", saved.map(saved_key).unwrap_or(""));
                }
            })
        });
    }
    // The text area shows the report whenever it changes from outside (typing does not); of
    // a huge paste only the beginning, and then it cannot be edited.
    {
        let area = area.clone();
        Effect::new(move |_| {
            if let Some(d) = docs.current() {
                d.input.with(|i| {
                    let (part, whole) = input::shown_part(i.shown());
                    let shown = if whole {
                        part.to_string()
                    } else {
                        format!("{part}\n\n……（内容共 {}，输入框中只显示开头部分；校验针对全部内容。如需修改，请修改原文后重新粘贴。）", megabytes(i.shown().len()))
                    };
                    area.set_read_only(!whole);
                    if area.value() != shown {
                        area.set_value(&shown);
                        // The text area keeps its scroll position when its text changes; back
                        // to the top, unless a number was marked in it since.
                        let area = area.clone();
                        dom::before_paint(move || {
                            if !dom::input_marked() {
                                area.set_scroll_top(0);
                            }
                        });
                        dom::clear_input_mark();
                    }
                })
            }
        });
    }

    Effect::new(move |_| detail.with(|d| dom::fill("cell-panel-slot", panel::cell_panel(d.as_ref()))));
    {
        let root = root.clone();
        Effect::new(move |_| {
            let current = docs.current.get();
            let rows: Vec<view::ReportRow> = docs.list.with(|l| l.iter().map(|d| d.outcome.with(|o| view::report_row(d.id, d.name.get(), o))).collect());
            let _ = root.set_attribute("data-several", if rows.len() > 1 { "true" } else { "false" });
            dom::fill("reports-slot", doclist::report_list(&rows, current));
        });
    }
    // What is selected, on the drawn page (after the slots, which they mark).
    Effect::new(move |_| {
        page.with(|p| {
            let cell = selection.cell.get().map(|k| format!("[data-cell='{k}']"));
            dom::mark_only("selected", cell.as_deref());
            let finding = selection.finding.get().and_then(|i| p.findings.get(i));
            let cells: Vec<String> = finding.map(|f| f.keys.iter().map(|k| format!("td[data-cell='{k}']")).collect()).unwrap_or_default();
            dom::mark_only("in-finding", Some(&cells.join(",")));
            let current = finding.map(|f| format!("#findings li[data-number='{}']", f.number));
            dom::mark_only("current-finding", current.as_deref());
        })
    });
    // The slots' controls.
    listen("tables-slot", "focusin", move |ev| {
        let key = dom::closest_with(ev.target(), "data-cell").and_then(|td| td.get_attribute("data-cell")).and_then(|k| CellKey::parse(&k));
        if key.is_some() && selection.cell.get_untracked() != key {
            selection.cell.set(key);
            // A cell outside the current finding leaves that finding.
            if let (Some(key), Some(current)) = (key, selection.finding.get_untracked())
                && page.with_untracked(|p| p.findings.get(current).is_some_and(|f| !f.keys.contains(&key)))
            {
                selection.finding.set(None);
            }
        }
    });
    listen("tables-slot", "keydown", move |ev| {
        if let Some(ev) = ev.dyn_ref::<KeyboardEvent>() {
            tables::move_by_arrow(ev);
        }
    });
    listen("findings-slot", "click", move |ev| page.with_untracked(|p| findings::on_click(ev, &p.findings, selection)));
    listen("cell-panel-slot", "click", move |ev| {
        if let Some(button) = dom::closest_with(ev.target(), "data-start") {
            dom::select_in_input(&button);
        }
    });
    listen("reports-slot", "click", move |ev| {
        let id = |el: web_sys::Element, name: &str| el.get_attribute(name).and_then(|v| v.parse::<u32>().ok());
        if let Some(close) = dom::closest_with(ev.target(), "data-close").and_then(|el| id(el, "data-close")) {
            docs.remove(close);
        } else if let Some(open) = dom::closest_with(ev.target(), "data-report").and_then(|el| id(el, "data-report")) {
            docs.current.set(open);
        }
    });

    // Loading a report: paste, sample, typing. Large ones are checked after a progress
    // message has been painted.
    let load = move |name: String, input: Input| {
        let size = input.size();
        let run = move || {
            docs.replace_current(&name, input);
            compute_current(docs);
            busy(None);
        };
        if size >= LARGE_INPUT {
            busy(Some(format!("正在读取并校验（{}）……", megabytes(size))));
            dom::after_paint(run);
        } else {
            run();
        }
    };
    let on_paste = Callback::new(move |paste: Paste| {
        let input = match paste.html {
            Some(html) if html.len() <= MAX_TEXT_BYTES => Input::Pasted { html, text: paste.text },
            _ => Input::Text { text: paste.text },
        };
        load(PASTED.to_string(), within_limit(input));
    });
    let on_text = Callback::new(move |text: String| {
        let Some(d) = docs.current_untracked() else { return };
        if d.input.with_untracked(|i| i.shown() == text) {
            return;
        }
        load(d.name.get_untracked(), within_limit(Input::Text { text }));
    });
    let open_files = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let total = list.len();
            let mut first = None;
            for (i, file) in list.iter().enumerate() {
                let name = file.name();
                busy(Some(if total > 1 {
                    format!("正在读取第 {} 个文件（共 {total} 个）：{name}", i + 1)
                } else {
                    format!("正在读取 {name}……")
                }));
                dom::painted().await;
                let input = files::read(file).await;
                let id = docs.open(name, input);
                first.get_or_insert(id);
                compute_current(docs);
            }
            if let Some(id) = first {
                docs.current.set(id);
            }
            busy(None);
        });
    };
    let typing = input::attach(&area, on_text, on_paste);

    // Storing the reports: a moment after each change, and at once when the page goes away.
    let save_now = move || {
        let (list, current) = docs.snapshot();
        let nothing = list.iter().all(|(_, input)| input.size() == 0);
        let how = storage::save(list, current);
        // Nothing entered: nothing to say about keeping it.
        saved((!nothing).then_some(how));
    };
    let save_timer: StoredValue<RefCell<Option<Timeout>>, LocalStorage> = StoredValue::new_local(RefCell::new(None));
    Effect::new(move |previous: Option<()>| {
        docs.current.track();
        docs.list.with(|l| {
            for d in l {
                d.name.track();
                d.input.track();
            }
        });
        if previous.is_some() {
            let timer = Timeout::new(SAVE_PAUSE_MS, save_now);
            save_timer.with_value(|t| t.borrow_mut().replace(timer));
        }
    });
    on_window("pagehide", move |_| {
        typing.flush();
        if save_timer.with_value(|t| t.borrow_mut().take()).is_some() {
            save_now();
        }
    });

    // The page: drop files or a selection anywhere; paste anywhere outside the text area;
    // keys move between findings.
    {
        let root = root.clone();
        on_window("dragover", move |ev| {
            ev.prevent_default();
            let _ = root.class_list().add_1("dragging");
        });
    }
    {
        let root = root.clone();
        on_window("dragleave", move |ev| {
            if ev.dyn_ref::<DragEvent>().is_some_and(|ev| ev.related_target().is_none()) {
                let _ = root.class_list().remove_1("dragging");
            }
        });
    }
    {
        let root = root.clone();
        on_window("drop", move |ev| {
            ev.prevent_default();
            let _ = root.class_list().remove_1("dragging");
            let Some(data) = ev.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer) else { return };
            let dropped = data.files().map(file_list).unwrap_or_default();
            if !dropped.is_empty() {
                open_files(dropped);
                return;
            }
            let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
            let text = data.get_data("text/plain").unwrap_or_default();
            if html.is_some() || !text.trim().is_empty() {
                on_paste.run(Paste { html, text });
            }
        });
    }
    on_window("paste", move |ev| {
        if in_a_text_field(ev.target()) {
            return;
        }
        let Some(data) = ev.dyn_ref::<ClipboardEvent>().and_then(ClipboardEvent::clipboard_data) else { return };
        ev.prevent_default();
        let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
        on_paste.run(Paste { html, text: data.get_data("text/plain").unwrap_or_default() });
    });
    on_window("keydown", move |ev| {
        let Some(ev) = ev.dyn_ref::<KeyboardEvent>() else { return };
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() || in_a_text_field(ev.target()) {
            return;
        }
        let step = match ev.key().as_str() {
            "n" | "N" | "j" | "J" => 1,
            "p" | "P" | "k" | "K" => -1,
            "Escape" => {
                selection.cell.set(None);
                selection.finding.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        page.with_untracked(|p| findings::step(&p.findings, selection, step));
    });

    // The toolbar.
    on_click("open-file", move || {
        if let Some(el) = element("file-input") {
            el.click();
        }
    });
    if let Some(picker) = by_id("file-input") {
        EventListener::new(&picker, "change", move |ev| {
            let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let picked = el.files().map(file_list).unwrap_or_default();
            el.set_value("");
            open_files(picked);
        })
        .forget();
    }
    on_click("load-sample", move || load(sample::NAME.to_string(), Input::Text { text: sample::HONGZE_2024.to_string() }));
    on_click("load-errors-sample", move || {
        load(sample::ERRORS_NAME.to_string(), Input::Text { text: sample::HONGZE_2024_ERRORS.to_string() })
    });
    {
        let area = area.clone();
        on_click("clear-input", move || {
            typing.cancel();
            docs.clear();
            storage::clear();
            save_timer.with_value(|t| t.borrow_mut().take());
            saved(None);
            selection.cell.set(None);
            area.set_value("");
            let _ = area.focus();
        });
    }
    let export_base = move || {
        let d = docs.current_untracked()?;
        let title = d.outcome.with_untracked(|o| o.checked.report.title.clone());
        Some((d, title.unwrap_or_else(|| d.name.get_untracked())))
    };
    on_click("export-json", move || {
        if let Some((d, base)) = export_base() {
            let json = d.outcome.with_untracked(|o| crate::export::json::to_pretty(&o.checked));
            dom::download(&dom::file_name(&base, "json"), "application/json", &json);
        }
    });
    on_click("export-csv", move || {
        if let Some((d, base)) = export_base() {
            let decisions = crate::model::Decisions::new();
            let csv = d.outcome.with_untracked(|o| crate::export::csv::document(&d.name.get_untracked(), &o.checked, &decisions));
            dom::download(&dom::file_name(&format!("{base}-问题清单"), "csv"), "text/csv;charset=utf-8", &csv);
        }
    });
    on_click("export-all-csv", move || {
        use crate::export::csv::{BOM, HEADER, rows};
        let mut csv = format!("{BOM}{HEADER}\r\n");
        for d in docs.list.get_untracked() {
            d.outcome.with_untracked(|o| csv.push_str(&rows(&d.name.get_untracked(), &o.checked, &crate::model::Decisions::new())));
        }
        dom::download(&dom::file_name("年报校验-全部报告的问题清单", "csv"), "text/csv;charset=utf-8", &csv);
    });
    on_click("print", move || {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    // Show the page; with nothing entered yet, put the cursor in the text area, so that
    // Ctrl+V works at once.
    let _ = root.remove_attribute("hidden");
    if page.with_untracked(|p| p.summary.status == Status::Empty) {
        let _ = area.focus();
    }
}

/// Calls `handler` on `event` at the window.
fn on_window(event: &'static str, handler: impl Fn(&web_sys::Event) + 'static) {
    if let Some(window) = web_sys::window() {
        EventListener::new_with_options(&window, event, EventListenerOptions::enable_prevent_default(), handler).forget();
    }
}

/// Calls `handler` on `event` at the element with id `id`.
fn listen(id: &str, event: &'static str, handler: impl Fn(&web_sys::Event) + 'static) {
    if let Some(el) = element(id) {
        EventListener::new_with_options(&el, event, EventListenerOptions::enable_prevent_default(), handler).forget();
    }
}

fn element(id: &str) -> Option<HtmlElement> {
    dom::by_id(id)
}

fn set_text(id: &str, text: &str) {
    if let Some(el) = element(id)
        && el.text_content().as_deref() != Some(text)
    {
        el.set_text_content(Some(text));
    }
}

fn set_hidden(id: &str, hidden: bool) {
    if let Some(el) = element(id) {
        el.set_hidden(hidden);
    }
}

fn on_click(id: &str, action: impl Fn() + 'static) {
    if let Some(el) = element(id) {
        EventListener::new(&el, "click", move |_| action()).forget();
    }
}

/// Reads the memo of the report shown now, so that a long check runs here (after the
/// progress message was painted), not later in a render.
fn compute_current(docs: Docs) {
    if let Some(d) = docs.current_untracked() {
        d.outcome.with_untracked(|_| ());
    }
}

/// An input past the reader's size limit becomes the reader's refusal.
fn within_limit(input: Input) -> Input {
    let size = input.shown().len();
    if size > MAX_TEXT_BYTES { Input::Refused { message: ReadError::TextTooLarge { bytes: size }.to_string() } } else { input }
}

fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Whether an event happened in a field the reviewer types into.
fn in_a_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target.and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

fn saved_key(saved: Saved) -> &'static str {
    match saved {
        Saved::All => "all",
        Saved::OnlyCurrent => "current",
        Saved::Nothing => "nothing",
    }
}

fn saved_words(saved: Saved) -> &'static str {
    match saved {
        Saved::All => "已保存在本机，刷新页面不会丢失",
        Saved::OnlyCurrent => "内容较大，本机只保存了当前这份报告",
        Saved::Nothing => "内容太大，未能保存在本机；刷新页面后需重新放入",
    }
}

/// A byte count as megabytes with one decimal (integer arithmetic: float formatting would
/// add to the wasm).
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
