//! The root component: the open reports and their results, the derived views, and the
//! page's wiring (toolbar, paste, drop, keyboard, storage, exports).

use std::cell::RefCell;

use gloo::timers::callback::Timeout;
use leptos::ev;
use leptos::html::{Input as InputElement, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, KeyboardEvent};

use super::doc::{Input, ReadFrom};
use super::doclist::DocList;
use super::findings::{self, FindingList};
use super::input::{INPUT_ID, Paste, ReportInput};
use super::panel::CellPanel;
use super::state::{Docs, PASTED};
use super::storage::{self, Saved};
use super::summary::SummaryView;
use super::tables::TableBlock;
use super::view::{self, SourceView, Status};
use super::{Selection, dom, files, sample};
use crate::input::ReadError;
use crate::input::limits::MAX_TEXT_BYTES;

/// Inputs at least this large (bytes) are checked only after a progress message has been
/// painted: a check takes about 0.15 s per MB here (see README, “Large reports”).
const LARGE_INPUT: usize = 256 * 1024;

/// How long after the last change the reports are stored, in milliseconds.
const SAVE_PAUSE_MS: u32 = 500;

/// The whole app below the page header.
#[component]
pub fn App() -> impl IntoView {
    let (restored, current) = storage::load();
    let docs = Docs::new(restored, current);
    let busy: RwSignal<Option<String>> = RwSignal::new(None);
    let saved: RwSignal<Option<Saved>> = RwSignal::new(None);
    let dragging = RwSignal::new(false);
    let area = NodeRef::<Textarea>::new();
    let file_input = NodeRef::<InputElement>::new();

    // Derived views of the report shown.
    let doc = Memo::new(move |_| docs.current());
    let outcome = Memo::new(move |_| doc.get().map(|d| d.outcome.get()));
    let shown = Memo::new(move |_| doc.get().map(|d| d.input.with(|i| i.shown().to_string())).unwrap_or_default());
    let summary = Memo::new(move |_| {
        let d = doc.get()?;
        outcome.with(|o| o.as_ref().map(|o| d.input.with(|i| view::summary(o, i.shown()))))
    });
    let status = Memo::new(move |_| summary.with(|s| s.as_ref().map_or(Status::Empty, |s| s.status)));
    let tables = Memo::new(move |_| outcome.with(|o| o.as_ref().map(|o| view::tables(&o.checked)).unwrap_or_default()));
    let finding_views = Memo::new(move |_| outcome.with(|o| o.as_ref().map(|o| view::findings(&o.checked)).unwrap_or_default()));
    let selection = Selection::over(finding_views);
    let detail = Memo::new(move |_| {
        let key = selection.cell.get()?;
        let d = doc.get()?;
        outcome.with(|o| {
            let o = o.as_ref()?;
            Some(d.input.with(|i| view::cell_detail(o, key, i.source(o), o.read_from == ReadFrom::Text)))
        })
    });
    let read = move || status.get() == Status::Read;

    // A new report clears the selection; new findings clear the current finding.
    Effect::new(move |previous: Option<Option<u32>>| {
        let id = doc.with(|d| d.map(|d| d.id));
        if previous.is_some_and(|p| p != id) {
            selection.cell.set(None);
        }
        id
    });
    Effect::new(move |previous: Option<()>| {
        finding_views.track();
        if previous.is_some() {
            selection.finding.set(None);
        }
    });
    // Selecting a cell selects its text in the text area, when that is where it came from.
    Effect::new(move |_| {
        detail.with(|d| {
            if let Some(SourceView::Excerpt(e)) = d.as_ref().map(|d| &d.source)
                && let (Some((start, end)), Some(el)) = (e.selection, area.get_untracked())
            {
                dom::select_in_text_area(&el, start, end);
            }
        })
    });

    // Loading a report: paste, sample, typing. Large ones are checked after a progress
    // message has been painted.
    let load = move |name: String, input: Input| {
        let size = input.size();
        let run = move || {
            docs.replace_current(&name, input);
            compute_current(docs);
            busy.set(None);
        };
        if size >= LARGE_INPUT {
            busy.set(Some(format!("正在读取并校验（{}）……", megabytes(size))));
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
        let name = d.name.get_untracked();
        load(name, within_limit(Input::Text { text }));
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
                busy.set(Some(if total > 1 {
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
            busy.set(None);
        });
    };

    // The page: drop files or a selection anywhere; paste anywhere outside the text area;
    // keys move between findings.
    let _ = window_event_listener(ev::dragover, move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    });
    let _ = window_event_listener(ev::dragleave, move |ev: DragEvent| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(data) = ev.data_transfer() else { return };
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
    let _ = window_event_listener(ev::paste, move |ev: ClipboardEvent| {
        if in_a_text_field(ev.target()) {
            return;
        }
        let Some(data) = ev.clipboard_data() else { return };
        ev.prevent_default();
        let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
        on_paste.run(Paste { html, text: data.get_data("text/plain").unwrap_or_default() });
    });
    let _ = window_event_listener(ev::keydown, move |ev: KeyboardEvent| {
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
        finding_views.with_untracked(|f| findings::step(f, selection, step));
    });

    // Storing the reports: a moment after each change, and at once when the page goes away.
    let save_now = move || {
        let (list, current) = docs.snapshot();
        saved.set(Some(storage::save(list, current)));
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
    let _ = window_event_listener(ev::pagehide, move |_| {
        if let Some(el) = area.get_untracked() {
            on_text.run(el.value());
        }
        if save_timer.with_value(|t| t.borrow_mut().take()).is_some() {
            save_now();
        }
    });

    // The toolbar's actions.
    let clear = move |_| {
        docs.clear();
        storage::clear();
        saved.set(None);
        selection.cell.set(None);
        if let Some(el) = area.get_untracked() {
            el.set_value("");
            let _ = el.focus();
        }
    };
    let export_base = move || {
        let d = doc.get_untracked()?;
        let title = outcome.with_untracked(|o| o.as_ref().and_then(|o| o.checked.report.title.clone()));
        Some(title.unwrap_or_else(|| d.name.get_untracked()))
    };
    let export_json = move |_| {
        if let (Some(base), Some(o)) = (export_base(), outcome.get_untracked()) {
            dom::download(&dom::file_name(&base, "json"), "application/json", &crate::export::json::to_pretty(&o.checked));
        }
    };
    let export_csv = move |_| {
        if let (Some(base), Some(d), Some(o)) = (export_base(), doc.get_untracked(), outcome.get_untracked()) {
            let csv = crate::export::csv::document(&d.name.get_untracked(), &o.checked.findings);
            dom::download(&dom::file_name(&format!("{base}-问题清单"), "csv"), "text/csv;charset=utf-8", &csv);
        }
    };
    let export_all_csv = move |_| {
        use crate::export::csv::{BOM, HEADER, rows};
        let mut csv = format!("{BOM}{HEADER}\r\n");
        for d in docs.list.get_untracked() {
            d.outcome.with_untracked(|o| csv.push_str(&rows(&d.name.get_untracked(), &o.checked.findings)));
        }
        dom::download(&dom::file_name("年报校验-全部问题清单", "csv"), "text/csv;charset=utf-8", &csv);
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let load_sample = move |name: &'static str, text: &'static str| {
        move |_| {
            load(name.to_string(), Input::Text { text: text.to_string() });
            if let Some(el) = area.get_untracked() {
                el.set_scroll_top(0);
            }
        }
    };
    let several = move || docs.list.with(|l| l.len() > 1);

    // Focus the text area when there is nothing yet, so that Ctrl+V works at once.
    Effect::new(move |_| {
        if let Some(el) = area.get()
            && status.get_untracked() == Status::Empty
        {
            let _ = el.focus();
        }
    });

    view! {
        <div class="app" class:dragging=move || dragging.get() aria-busy=move || busy.with(Option::is_some).then_some("true")>
            <div class="toolbar" role="toolbar" aria-label="操作">
                <button type="button" id="open-file" class="primary" on:click=move |_| {
                    if let Some(el) = file_input.get_untracked() {
                        el.click();
                    }
                }>"打开文件…"</button>
                <input
                    type="file"
                    id="file-input"
                    class="offscreen"
                    multiple
                    tabindex="-1"
                    aria-hidden="true"
                    accept=".txt,.html,.htm,.docx,text/plain,text/html"
                    node_ref=file_input
                    on:change=move |ev| {
                        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                        let picked = el.files().map(file_list).unwrap_or_default();
                        el.set_value("");
                        open_files(picked);
                    }
                />
                <button type="button" id="load-sample" on:click=load_sample(sample::NAME, sample::HONGZE_2024)>
                    {sample::BUTTON_LABEL}
                </button>
                <button type="button" id="load-errors-sample" on:click=load_sample(sample::ERRORS_NAME, sample::HONGZE_2024_ERRORS)>
                    {sample::ERRORS_BUTTON_LABEL}
                </button>
                <button type="button" id="clear-input" on:click=clear title="清空输入框和已打开的报告，并删除本机保存的副本">"清空"</button>
                <span class="spacer"></span>
                <button type="button" id="export-json" disabled=move || !read() on:click=export_json>"导出 JSON"</button>
                <button type="button" id="export-csv" disabled=move || !read() on:click=export_csv>"导出问题清单（CSV）"</button>
                <Show when=several>
                    <button type="button" id="export-all-csv" on:click=export_all_csv>"导出全部报告的问题（CSV）"</button>
                </Show>
                <button type="button" id="print" disabled=move || !read() on:click=print>"打印"</button>
            </div>
            {move || busy.get().map(|message| view! { <div id="progress" role="status"><span class="spinner" aria-hidden="true"></span>{message}</div> })}
            <Show when=several>
                <DocList docs=docs />
            </Show>
            <div class="drop-hint" aria-hidden="true">"松开鼠标即可打开文件（可一次放入多个）"</div>
            <div class="workspace">
                <div class="report-side">
                    <section class="input-section">
                        <div class="input-head">
                            <label for=INPUT_ID>"年报全文"</label>
                            <span class="input-note">{move || input_note(status.get(), outcome.with(|o| o.as_ref().map(|o| o.read_from.clone())))}</span>
                            <span class="saved" data-saved=move || saved.get().map(saved_key)>{move || saved.get().map(saved_words)}</span>
                        </div>
                        <ReportInput
                            shown=shown.into()
                            area=area
                            large=Signal::derive(move || matches!(status.get(), Status::Empty | Status::Refused))
                            on_text=on_text
                            on_paste=on_paste
                        />
                    </section>
                    {move || summary.get().map(|s| view! { <SummaryView summary=s /> })}
                    <Show when=read>
                        <div class="tables" aria-label="统计表">
                            <p class="legend" aria-hidden="true">
                                <span class="key primary-key">"实线框"</span>"最可能出错的格　"
                                <span class="key related-key">"虚线框"</span>"相关的格　"
                                <span class="key badge-key">"✖1"</span>"角标为右侧问题编号（✖ 错误，▲ 提醒）　"
                                <span class="key unread-key">"?"</span>"无法读取"
                            </p>
                            {move || tables.get().into_iter().map(|t| view! { <TableBlock table=t selection=selection /> }).collect_view()}
                        </div>
                    </Show>
                </div>
                <aside class="results" aria-label="校验结果">
                    <section id="findings" class="findings" data-status=move || status.get().key()>
                        <div class="findings-head">
                            <h2>"校验结果"</h2>
                            {move || summary.get().filter(|s| s.status == Status::Read).map(|s| {
                                let class = if s.errors > 0 { "headline error" } else if s.warnings > 0 { "headline warning" } else { "headline ok" };
                                view! {
                                <p id="headline" class=class
                                    data-errors=s.errors.to_string() data-warnings=s.warnings.to_string() data-infos=s.infos.to_string()
                                >{s.headline()}</p>
                                }
                            })}
                        </div>
                        {move || if read() {
                            view! {
                                <p class="keys">"按 " <kbd>"N"</kbd> " / " <kbd>"P"</kbd> " 跳到下一个 / 上一个问题；在表格中用方向键移动；" <kbd>"Esc"</kbd> " 取消选中。"</p>
                                {move || view! { <FindingList findings=finding_views.get() selection=selection /> }}
                            }.into_any()
                        } else {
                            view! { <Help /> }.into_any()
                        }}
                    </section>
                    <Show when=read>
                        {move || view! {
                            <CellPanel detail=detail.get() on_show_in_input=Callback::new(move |(start, end): (u32, u32)| {
                                if let Some(el) = area.get_untracked() {
                                    dom::scroll_to_middle(&el);
                                    let _ = el.focus();
                                    let _ = el.set_selection_range(start, end);
                                }
                            }) />
                        }}
                    </Show>
                </aside>
            </div>
        </div>
    }
}

/// How to use the page, shown before a report is read.
#[component]
fn Help() -> impl IntoView {
    view! {
        <div class="help">
            <p>"三种方式放入年报，放入后立即校验："</p>
            <ol>
                <li>"在网页、Word、WPS 或 PDF 阅读器中全选复制年报，粘贴到左侧输入框（Ctrl+V）；从网页或 Word 复制时会直接读取其中的表格。"</li>
                <li>"把 .html、.txt 或 .docx 文件拖到本页面任意位置（可一次放入多个）。"</li>
                <li>"点击“打开文件…”选择文件。"</li>
            </ol>
            <p>"想先看看效果？点击上方的“示例”按钮。"</p>
            <p class="privacy">"报告只在这台电脑的浏览器中处理，不会上传或发送到任何地方。输入的内容保存在本机浏览器中，刷新页面不会丢失；点击“清空”即删除。"</p>
        </div>
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
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

/// What the report shown was read from, next to the text area's label.
fn input_note(status: Status, read_from: Option<ReadFrom>) -> &'static str {
    match (status, read_from) {
        (Status::Read | Status::NoTables, Some(ReadFrom::PastedHtml)) => "已按粘贴的网页表格（HTML）读取；修改输入框后将按文字重新校验。",
        (Status::Read | Status::NoTables, Some(ReadFrom::Html)) => "已按网页文件（HTML）读取；修改输入框后将按文字重新校验。",
        (Status::Read | Status::NoTables, Some(ReadFrom::Docx)) => "已按 Word 文档（.docx）读取；修改输入框后将按文字重新校验。",
        _ => "",
    }
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

/// A byte count as megabytes with one decimal.
fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}
