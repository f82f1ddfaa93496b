//! The app: its state ([`App`]: the open reports, what is selected, the views of the report
//! shown, the notices about its own work) and the wiring of the page's shell (index.html),
//! one function per concern, called by [`run`]: what is selected follows the report shown;
//! the text area; the notices; the slots the components are drawn into; storing the reports;
//! what the page takes from anywhere on it (drop, paste); the keys; the toolbar. Loading a
//! report (a paste, typing, a sample, files) is a method of [`App`], as several concerns
//! start it.
//!
//! The shell is static HTML because a Leptos view of it would cost several times more wasm
//! than everything it does (measured: about 90 KB of code for the toolbar, help and
//! layout); the components render what depends on the report.

use std::cell::RefCell;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, Element, HtmlTextAreaElement, KeyboardEvent};

use super::dom::{self, listen, on_click, on_window, set_hidden, set_text};
use super::folders::{self, Gathered};
use super::input::{self, Paste, Typing};
use super::state::{Doc, Docs, PASTED, Unsaved};
use super::{Selection, doclist, files, findings, lazy, memo, panel, review_store, storage, summary, tables};
use crate::desk::add_findings;
use crate::model::{CellKey, Digest, Finding};
use crate::view::across::{self, AcrossReports};
use crate::view::doc::{Input, Outcome, megabytes, reading_line, shown_part, skipped_line, text_area_text};
use crate::view::exports::{Export, Reviewed};
use crate::view::overview::{self, Arrangement, Column, OverviewRow};
use crate::view::review;
use crate::view::samples::Sample;
use crate::view::stored::Saved;
use crate::view::{self, CellDetail, PageView, SourceView, Status};

/// Inputs at least this large (bytes) are checked only after a progress message has been
/// painted (README, “Large reports”).
const LARGE_INPUT: usize = 256 * 1024;

/// How long after the last change the reports are stored, in milliseconds.
const SAVE_PAUSE_MS: u32 = 500;

/// Starts the app in the page's shell (`#app` of index.html), once the reports an earlier
/// visit left are read back (the page shows then, so that nothing typed meanwhile is lost).
pub fn run() {
    // Every report is read in the second module: its load starts now, beside the stored
    // reports'.
    lazy::start_loading();
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let restored = storage::load().await;
        match owner {
            Some(owner) => owner.with(|| run_with(restored)),
            None => run_with(restored),
        }
    });
}

fn run_with(restored: storage::Restored) {
    let Some(shell) = Shell::find() else { return };
    let unsaved = restored.unsaved.clone();
    let app = App::new(restored);
    if !unsaved.is_empty() {
        // What the last visit could only journal, or an older page left in localStorage, goes
        // into the database at once.
        app.docs.mark_unsaved(&unsaved);
        app.save_later();
    }
    follow_the_report_shown(app);
    ask_across_reports(app);
    let typing = text_area(app, &shell);
    notices(app, &shell);
    slots(app, &shell);
    storing(app, typing);
    drop_and_paste_anywhere(app, &shell);
    keys(app);
    toolbar(app, &shell, typing);
    shell.show(app);
}

/// The app's state. Copy: signal handles.
#[derive(Clone, Copy)]
struct App {
    /// The open reports, each with its one input signal and the memo of its result.
    docs: Docs,
    /// The open reports' digests, of those read, in the order listed, with their places in
    /// the list: what the checks across reports read.
    digests: Memo<ReadDigests>,
    /// The second module's last answer to `ask_across_reports`.
    answer: RwSignal<Option<Answer>>,
    /// The findings across the open reports, as far as they are had.
    across: Memo<AcrossReports>,
    /// The selected cell and the current finding.
    selection: Selection,
    /// Everything the page shows about the report shown, but the selected cell.
    page: Memo<PageView>,
    /// The selected cell, for the cell panel.
    detail: Memo<Option<CellDetail>>,
    /// What the page says about the app's own work: progress, saving.
    notices: RwSignal<Notices>,
    /// The save waiting for a pause in the changes.
    pending_save: StoredValue<RefCell<Option<Timeout>>, LocalStorage>,
}

impl App {
    /// The reports stored by an earlier visit, the one shown then shown again, and the views
    /// derived from its one input signal.
    fn new(restored: storage::Restored) -> App {
        let docs = Docs::new(restored.reports, restored.current);
        // The digests of the open reports that were read (a report not read, refused or
        // waiting for its reading, takes no part), and the findings across them: the second
        // module's last answer when it was for these digests (`ask_across_reports` asks),
        // else pending; a report alone has none to look for.
        let digests = memo(move || {
            docs.list.with(|l| {
                let mut read = ReadDigests::default();
                for (at, d) in l.iter().enumerate() {
                    if let Some(digest) = d.digest.get() {
                        read.at.push(at);
                        read.digests.push(digest);
                    }
                }
                read
            })
        });
        let answer: RwSignal<Option<Answer>> = RwSignal::new(None);
        let across = memo(move || {
            let total = docs.list.with(Vec::len);
            digests.with(|ReadDigests { at, digests: now }| {
                if now.len() < 2 {
                    return AcrossReports::Found(vec![Vec::new(); total]);
                }
                answer.with(|a| match a {
                    Some((sent, Ok(found))) if sent == now => AcrossReports::Found(across::spread(found, at, total)),
                    Some((sent, Err(why))) if sent == now => AcrossReports::Failed(why.clone()),
                    _ => AcrossReports::Pending,
                })
            })
        });
        // The findings across reports of the report shown, compared: an answer that finds
        // what the page already shows (none while pending, none found) redraws nothing.
        let across_shown = Memo::new(move |_| {
            let Some(d) = docs.current() else { return Vec::new() };
            let at = docs.list.with(|l| l.iter().position(|x| x.id == d.id));
            at.map(|at| across.with(|a| a.of(at).to_vec())).unwrap_or_default()
        });
        // The report shown with its findings across reports added.
        let shown = memo(move || {
            let d = docs.current()?;
            let mut outcome = d.outcome.get();
            add_findings(&mut outcome.checked, across_shown.get());
            Some(outcome)
        });
        let page = memo(move || {
            let Some(d) = docs.current() else { return PageView::default() };
            shown
                .with(|o| {
                    o.as_ref().map(|o| {
                        let page = d.with_read_input(|i| view::page(o, i.shown(), &d.name.get()));
                        d.review.with(|r| page.with_decisions(r))
                    })
                })
                .unwrap_or_default()
        });
        let selection = Selection::new();
        let detail = memo(move || {
            let key = selection.cell.get()?;
            let d = docs.current()?;
            // The text area shows what the spans point into when the report was read from its
            // text, up to what it shows of a huge paste.
            let in_area = |i: &Input, o: &Outcome| o.read_from.in_text_area().then(|| shown_part(i.shown()).0.len());
            shown.with(|o| o.as_ref().map(|o| d.with_read_input(|i| view::cell_detail(o, key, i.source(o), in_area(i, o)))))
        });
        App {
            docs,
            digests,
            answer,
            across,
            selection,
            page,
            detail,
            notices: RwSignal::new(Notices::default()),
            pending_save: StoredValue::new_local(RefCell::new(None)),
        }
    }

    /// Shows a progress message (`None`: the work is done).
    fn progress(self, message: Option<String>) {
        self.notices.update(|n| n.progress = message);
    }

    /// Says how the last save went (`None`: nothing to say).
    fn saved(self, how: Option<Saved>) {
        self.notices.update(|n| n.saved = how);
    }

    /// Puts `input` into the report shown, as `name`, to be read (by the second module, see
    /// `state::Doc::reading`) and checked; a large one after a progress message has been
    /// painted. A new report (`edit` false) starts without a
    /// review; an edit of the report keeps its decisions and corrections.
    fn load(self, name: String, input: Input, edit: bool) {
        let size = input.size();
        let run = move || {
            let id = self.docs.replace_current(&name, input);
            if !edit {
                // Another report: nothing of the last one stays selected (its reading comes
                // later, and would mark the cell of that name in it).
                self.docs.start_afresh(id);
                self.selection.cell.set(None);
            }
            self.progress(None);
        };
        if size >= LARGE_INPUT {
            self.progress(Some(format!("正在读取并校验（{}）……", megabytes(size))));
            dom::after_paint(run);
        } else {
            run();
        }
    }

    /// A paste that replaces the report shown: its HTML flavour read when it has one.
    fn paste(self, paste: Paste) {
        let input = match paste.html {
            Some(html) if html.len() <= crate::input::limits::MAX_TEXT_BYTES => Input::Pasted { html, text: paste.text },
            _ => Input::Text { text: paste.text },
        };
        self.load(PASTED.to_string(), input.within_limit(), false);
    }

    /// The text area's text, typed or edited: checked as text when it changed.
    fn typed(self, text: String) {
        let Some(d) = self.docs.current_untracked() else { return };
        if d.input.with_untracked(|i| i.shown() == text) {
            return;
        }
        self.load(d.name.get_untracked(), Input::Text { text }.within_limit(), true);
    }

    /// Opens files, each as a report of its own (the first into the report shown when that is
    /// empty), one after the other with a progress message (each after a paint: the page
    /// never waits for more than one report), and shows the first; says which were skipped.
    fn open_files(self, gathered: Gathered) {
        self.notices.update(|n| n.skipped = skipped_line(&gathered.skipped));
        let list = gathered.files;
        if list.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let total = list.len();
            let mut first = None;
            for (i, (name, file)) in list.into_iter().enumerate() {
                self.progress(Some(reading_line(i + 1, total, &name)));
                // Reading starts once the message shows, when there is much to read; a small
                // file is read at once (as a small paste is), which the reviewer waits less for.
                if total > 1 || file.size() >= LARGE_INPUT as f64 {
                    dom::painted().await;
                }
                dom::mark("nianbao-file-read");
                let input = files::read(&file).await;
                let id = self.docs.open(name, input);
                self.selection.cell.set(None);
                first.get_or_insert(id);
            }
            if let Some(id) = first {
                self.docs.current.set(id);
            }
            self.progress(None);
        });
    }

    /// Stores what changed now, and says how that went.
    fn save_now(self) {
        let unsaved = self.docs.take_unsaved();
        let Some(changes) = self.changes(unsaved) else {
            // Nothing entered: nothing to keep, and nothing to say about keeping it.
            leptos::task::spawn_local(storage::clear());
            self.saved(None);
            return;
        };
        leptos::task::spawn_local(async move {
            let how = storage::save(changes).await;
            self.saved(Some(how));
        });
    }

    /// What to store of the reports changed (`unsaved`); `None` when nothing is entered.
    fn changes(self, unsaved: Unsaved) -> Option<storage::Changes> {
        let docs = self.docs;
        let (order, nothing) = docs.list.with_untracked(|l| {
            (l.iter().map(|d| d.id).collect::<Vec<u32>>(), l.iter().all(|d| d.input.with_untracked(|i| i.size() == 0)))
        });
        if nothing {
            return None;
        }
        let mut changes = storage::Changes {
            order,
            current: docs.current.get_untracked(),
            reports: Vec::new(),
            reviews: Vec::new(),
            removed: Vec::new(),
        };
        for id in dedup(unsaved.reports) {
            match docs.get(id) {
                Some(d) => changes.reports.push((id, d.name.get_untracked(), d.input.get_untracked())),
                None => changes.removed.push(id),
            }
        }
        for id in dedup(unsaved.reviews) {
            if let Some(d) = docs.get(id) {
                changes.reviews.push((id, d.name.get_untracked(), d.review.with_untracked(review::encode)));
            }
        }
        Some(changes)
    }

    /// Stores the reports a moment after the last change.
    fn save_later(self) {
        let timer = Timeout::new(SAVE_PAUSE_MS, move || self.save_now());
        self.pending_save.with_value(|t| t.borrow_mut().replace(timer));
    }

    /// Forgets the save waiting for a pause; whether there was one.
    fn cancel_save(self) -> bool {
        self.pending_save.with_value(|t| t.borrow_mut().take()).is_some()
    }
}

/// What the page says about the app's own work, beside the report.
#[derive(Default)]
struct Notices {
    /// The progress message while a large input or files are read; `None` when idle.
    progress: Option<String>,
    /// How the last save went; `None` before any, or with nothing entered.
    saved: Option<Saved>,
    /// The files of a folder skipped, in words; empty when none was.
    skipped: String,
}

/// The elements of the page's shell that the app writes to itself.
struct Shell {
    /// `#app`: carries the page's state for the stylesheet (`data-status`, `data-several`,
    /// `aria-busy`, the class `dragging`).
    root: Element,
    /// The text area the report is pasted into.
    area: HtmlTextAreaElement,
}

impl Shell {
    fn find() -> Option<Shell> {
        let document = web_sys::window()?.document()?;
        let root = document.get_element_by_id("app")?;
        let area = document.get_element_by_id(input::INPUT_ID)?.dyn_into().ok()?;
        Some(Shell { root, area })
    }

    /// Shows the page; with nothing entered yet, puts the cursor in the text area, so that
    /// Ctrl+V works at once.
    fn show(&self, app: App) {
        let _ = self.root.remove_attribute("hidden");
        if app.page.with_untracked(|p| p.summary.status == Status::Empty) {
            let _ = self.area.focus();
        }
    }
}

/// A new report clears the selection; new findings clear the current finding.
fn follow_the_report_shown(app: App) {
    let App { docs, selection, page, .. } = app;
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
}

/// The second module's answer about the reports side by side: the digests it was asked
/// about, and each report's findings across reports or why it could not say.
type Answer = (Vec<Digest>, Result<Vec<Vec<Finding>>, String>);

/// The digests of the open reports that were read, and their places among all.
#[derive(Clone, Default)]
struct ReadDigests {
    at: Vec<usize>,
    digests: Vec<Digest>,
}

/// The findings across reports follow the open reports' digests: while they are pending (a
/// second report opened, a table changed), the second module is asked (with one report read
/// there is nothing to ask), and the page says it is comparing
/// them (`AcrossReports::line`). An answer for digests that have changed since is dropped.
fn ask_across_reports(app: App) {
    let App { digests, answer, across, .. } = app;
    Effect::new(move |_| {
        let sent = digests.with(|d| d.digests.clone());
        if !across.with(|a| *a == AcrossReports::Pending) {
            return;
        }
        leptos::task::spawn_local(async move {
            let found = lazy::findings_across(&sent).await;
            if digests.with_untracked(|now| now.digests == sent) {
                answer.set(Some((sent, found)));
            }
        });
    });
    Effect::new(move |_| {
        let line = across.with(AcrossReports::line);
        set_text("across-line", line.as_deref().unwrap_or_default());
        set_hidden("across-line", line.is_none());
    });
}

/// The text area: it shows the selected cell's text when that is where the cell was read
/// from, and the report whenever it changes from outside (typing does not); what is typed
/// and pasted into it is loaded.
fn text_area(app: App, shell: &Shell) -> Typing {
    let App { docs, detail, .. } = app;
    let area = shell.area.clone();
    Effect::new(move |_| {
        detail.with(|d| match d.as_ref().map(|d| &d.source) {
            Some(SourceView::Excerpt(e)) if e.selection.is_some() => {
                if let (Some(doc), Some(selection)) = (docs.current_untracked(), e.selection) {
                    untrack(|| doc.with_read_input(|i| input::show_text(&area, shown_part(i.shown()).0, e.span, selection)));
                }
            }
            _ => input::clear_mark(),
        })
    });
    // Of a huge paste only the beginning, and then it cannot be edited.
    let area = shell.area.clone();
    Effect::new(move |_| {
        let Some(d) = docs.current() else { return };
        d.input.with(|i| {
            let (shown, editable) = text_area_text(i.shown());
            area.set_read_only(!editable);
            if area.value() != shown {
                area.set_value(&shown);
                // The text area keeps its scroll position when its text changes; back to the
                // top, unless a number was marked in it since.
                let area = area.clone();
                dom::before_paint(move || {
                    if !input::is_marked() {
                        area.set_scroll_top(0);
                    }
                });
                input::clear_mark();
            }
        })
    });
    input::attach(&shell.area, Callback::new(move |text| app.typed(text)), Callback::new(move |paste| app.paste(paste)))
}

/// The notices: the progress message (and `aria-busy` on the page while it shows), and how
/// the last save went.
fn notices(app: App, shell: &Shell) {
    let root = shell.root.clone();
    Effect::new(move |_| {
        app.notices.with(|Notices { progress, saved, skipped }| {
            set_text("skipped", skipped);
            set_hidden("skipped", skipped.is_empty());
            match progress {
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
            set_text("saved", &saved.as_ref().map(Saved::words).unwrap_or_default());
            if let Some(el) = dom::by_id("saved") {
                let _ = el.set_attribute("data-saved", saved.as_ref().map(Saved::key).unwrap_or(""));
            }
        })
    });
}

/// The slots follow the report shown: the shell's state and headline, the summary, tables,
/// findings, cell panel and list of open reports drawn into their slots, what is selected
/// marked on them; and their controls, by delegation.
fn slots(app: App, shell: &Shell) {
    let App { docs, across, selection, page, detail, .. } = app;
    let root = shell.root.clone();
    Effect::new(move |_| {
        page.with(|p| {
            let s = &p.summary;
            let _ = root.set_attribute("data-status", s.status.key());
            set_text("input-note", &p.note);
            set_text("refused-line", &s.refused_line());
            if let Some(el) = dom::by_id("headline") {
                summary::headline(&el, s);
            }
            dom::fill("coverage-slot", summary::coverage(&s.coverage));
            dom::fill("summary-slot", summary::summary(s));
            dom::fill_markup("tables-slot", &tables::markup(&p.tables));
            dom::fill("findings-slot", findings::finding_list(&p.findings, p.decided));
        })
    });
    Effect::new(move |_| detail.with(|d| dom::fill("cell-panel-slot", panel::cell_panel(d.as_ref()))));
    // The overview of the open reports, arranged as the reviewer chose; the ids in the order
    // shown are kept for the arrow keys.
    let root = shell.root.clone();
    let arrangement = RwSignal::new(Arrangement::default());
    let shown_ids: StoredValue<Vec<u32>> = StoredValue::new(Vec::new());
    Effect::new(move |_| {
        let current = docs.current.get();
        let rows: Vec<OverviewRow> = across.with(|found| {
            docs.list.with(|l| {
                let row = |(at, d): (usize, &Doc)| {
                    d.outcome.with(|o| {
                        let across = found.of(at);
                        // The decisions count on the findings as the page shows them, those
                        // across reports in their places.
                        let decided = d.review.with(|r| {
                            if r.decisions.is_empty() {
                                return 0;
                            }
                            let mut all = o.checked.findings.clone();
                            all.extend(across.iter().cloned());
                            crate::rules::order(&mut all);
                            r.decided(&all)
                        });
                        OverviewRow::new(d.id, d.name.get(), o, decided).with_findings_across(across)
                    })
                };
                l.iter().enumerate().map(row).collect()
            })
        });
        let total = rows.len();
        let _ = root.set_attribute("data-several", if total > 1 { "true" } else { "false" });
        let arranged = arrangement.get();
        let rows = arranged.apply(rows);
        shown_ids.set_value(rows.iter().map(|r| r.id).collect());
        dom::fill("reports-slot", doclist::overview(&rows, total, arranged, current));
    });
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

    // A cell is selected when it gets the focus, and when it is clicked: a click on the cell
    // that has the focus (after Esc, or after another report was shown) moves no focus.
    let select_cell = move |ev: &web_sys::Event| {
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
    };
    listen("tables-slot", "focusin", select_cell);
    listen("tables-slot", "click", select_cell);
    listen("tables-slot", "keydown", move |ev| {
        if let Some(ev) = ev.dyn_ref::<KeyboardEvent>() {
            tables::move_by_arrow(ev);
        }
    });
    listen("findings-slot", "click", move |ev| {
        // A finding across reports: open the other report.
        let other = dom::closest_with(ev.target(), "data-open-report").and_then(|el| el.get_attribute("data-open-report"));
        if let Some(at) = other.and_then(|v| v.parse::<usize>().ok()) {
            if let Some(id) = docs.list.with_untracked(|l| l.get(at).map(|d| d.id)) {
                docs.current.set(id);
            }
            return;
        }
        page.with_untracked(|p| findings::on_click(ev, &p.findings, selection))
    });
    // The reviewer's decisions: the buttons and the form on each finding (Enter saves, Esc
    // cancels); the finding's controls get the focus back once the list is drawn again.
    let decide = move |ev: &web_sys::Event| {
        let Some((id, decision)) = page.with_untracked(|p| findings::on_decide(ev, &p.findings)) else { return };
        let Some(d) = docs.current_untracked() else { return };
        let number = dom::closest_with(ev.target(), "data-number").and_then(|li| li.get_attribute("data-number"));
        docs.update_review(d.id, |r| r.decide(&id, decision));
        if let Some(number) = number {
            dom::before_paint(move || focus_first(&format!("#findings li[data-number='{number}'] [data-decide]")));
        }
    };
    listen("findings-slot", "click", decide);
    listen("findings-slot", "keydown", move |ev| {
        if in_a_text_field(ev.target()) {
            decide(ev);
        }
    });
    // A cell that kept a relation from being checked: move to it.
    listen("coverage-slot", "click", move |ev| {
        if let Some(key) =
            dom::closest_with(ev.target(), "data-chip").and_then(|chip| chip.get_attribute("data-chip")).and_then(|k| CellKey::parse(&k))
        {
            dom::focus_cell(key);
        }
    });
    listen("cell-panel-slot", "click", move |ev| {
        if let Some(button) = dom::closest_with(ev.target(), "data-start") {
            input::go_to_range(&button);
        }
        if let Some(what) = dom::closest_with(ev.target(), "data-correct").and_then(|b| b.get_attribute("data-correct")) {
            correct_cell(app, what == "apply");
        }
    });
    listen("cell-panel-slot", "keydown", move |ev| {
        if ev.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Enter") && in_a_text_field(ev.target()) {
            correct_cell(app, true);
        }
    });
    listen("reports-slot", "click", move |ev| {
        let id = |el: Element, name: &str| el.get_attribute(name).and_then(|v| v.parse::<u32>().ok());
        if let Some(close) = dom::closest_with(ev.target(), "data-close").and_then(|el| id(el, "data-close")) {
            docs.remove(close);
        } else if let Some(open) = dom::closest_with(ev.target(), "data-report").and_then(|el| id(el, "data-report")) {
            docs.current.set(open);
        } else if let Some(column) =
            dom::closest_with(ev.target(), "data-sort").and_then(|el| el.get_attribute("data-sort")).and_then(|c| Column::parse(&c))
        {
            arrangement.update(|a| *a = a.sorted_by(column));
            focus_in_overview(&format!("button[data-sort='{}']", column.key()));
        }
    });
    listen("reports-slot", "change", move |ev| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let on = input.checked();
        match input.get_attribute("data-filter").as_deref() {
            Some("errors") => arrangement.update(|a| a.only_errors = on),
            Some("undecided") => arrangement.update(|a| a.only_undecided = on),
            _ => return,
        }
        let key = input.get_attribute("data-filter").unwrap_or_default();
        focus_in_overview(&format!("input[data-filter='{key}']"));
    });
    // ↑ and ↓ move between the reports' names; Enter (a button's own) opens one.
    listen("reports-slot", "keydown", move |ev| {
        let Some(key) = ev.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key) else { return };
        let step = match key.as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            _ => return,
        };
        let from = dom::closest_with(ev.target(), "data-row").and_then(|el| el.get_attribute("data-row")).and_then(|v| v.parse().ok());
        if let Some(to) = shown_ids.with_value(|ids| overview::step_ids(ids, from, step)) {
            ev.prevent_default();
            focus_in_overview(&format!("button[data-report='{to}']"));
        }
    });
}

/// The reviewer's correction of the selected cell: the text typed (`apply`), refused with
/// the core's words when it is no value, or the correction taken back. The report is checked
/// again at once (its outcome follows the review's corrections); the panel keeps the focus.
fn correct_cell(app: App, apply: bool) {
    let (Some(key), Some(d)) = (app.selection.cell.get_untracked(), app.docs.current_untracked()) else { return };
    let text = if apply {
        let Some(field) = dom::by_id("correction-text").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let text = field.value();
        if let Some(problem) = d.outcome.with_untracked(|o| crate::desk::correction_problem(&o.checked.report, key, &text)) {
            set_text("correction-problem", &problem);
            return;
        }
        Some(text.trim().to_string())
    } else {
        None
    };
    app.docs.update_review(d.id, |r| r.correct(key, text));
    dom::before_paint(|| focus_first("#correction-text"));
}

/// Focuses the first element `selector` finds, if any.
fn focus_first(selector: &str) {
    if let Some(el) = dom::document().query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Storing the reports: a moment after each change, and at once when the page goes away
/// (with what was typed but not yet checked).
fn storing(app: App, typing: Typing) {
    let docs = app.docs;
    Effect::new(move |previous: Option<()>| {
        docs.current.track();
        docs.list.with(|l| {
            for d in l {
                d.name.track();
                d.input.track();
                d.review.track();
            }
        });
        if previous.is_some() {
            app.save_later();
        }
    });
    // A save started now would be aborted with the page: what changed goes into the journal
    // at once, and into the database if the page lives on (a page kept for going back).
    on_window("pagehide", move |_| {
        typing.flush();
        if app.cancel_save() {
            if let Some(changes) = app.changes(app.docs.peek_unsaved()) {
                storage::save_at_once(&changes);
            }
            app.save_now();
        }
    });
}

/// The page takes files or a selection dropped anywhere, and a paste anywhere outside the
/// text area (which takes its own).
fn drop_and_paste_anywhere(app: App, shell: &Shell) {
    let root = shell.root.clone();
    on_window("dragover", move |ev| {
        ev.prevent_default();
        let _ = root.class_list().add_1("dragging");
    });
    let root = shell.root.clone();
    on_window("dragleave", move |ev| {
        if ev.dyn_ref::<DragEvent>().is_some_and(|ev| ev.related_target().is_none()) {
            let _ = root.class_list().remove_1("dragging");
        }
    });
    let root = shell.root.clone();
    on_window("drop", move |ev| {
        ev.prevent_default();
        let _ = root.class_list().remove_1("dragging");
        let Some(data) = ev.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer) else { return };
        let folders = folders::dropped_folders(&data);
        if !folders.is_empty() {
            app.progress(Some("正在查看文件夹中的文件……".to_string()));
            leptos::task::spawn_local(async move {
                let gathered = folders::walk(folders).await;
                app.progress(None);
                app.open_files(gathered);
            });
            return;
        }
        let dropped = data.files().map(file_list).unwrap_or_default();
        if !dropped.is_empty() {
            app.open_files(one_by_one(dropped));
            return;
        }
        let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
        let text = data.get_data("text/plain").unwrap_or_default();
        if html.is_some() || !text.trim().is_empty() {
            app.paste(Paste { html, text });
        }
    });
    on_window("paste", move |ev| {
        if in_a_text_field(ev.target()) {
            return;
        }
        let Some(data) = ev.dyn_ref::<ClipboardEvent>().and_then(ClipboardEvent::clipboard_data) else { return };
        ev.prevent_default();
        let html = data.get_data("text/html").ok().filter(|h| !h.trim().is_empty());
        app.paste(Paste { html, text: data.get_data("text/plain").unwrap_or_default() });
    });
}

/// Keys outside the fields typed into: N/J and P/K move between findings, Esc clears what
/// is selected.
fn keys(app: App) {
    let App { selection, page, .. } = app;
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
}

/// The toolbar's buttons: open files, the samples, clear, the exports, print.
fn toolbar(app: App, shell: &Shell, typing: Typing) {
    let docs = app.docs;
    // A button opens its hidden file input; the files picked are gathered and opened.
    let picker = move |button: &'static str, input: &'static str, gather: fn(Vec<web_sys::File>) -> Gathered| {
        on_click(button, move || {
            if let Some(el) = dom::by_id(input) {
                el.click();
            }
        });
        if let Some(picker) = dom::by_id(input) {
            EventListener::new(&picker, "change", move |ev| {
                let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                let picked = el.files().map(file_list).unwrap_or_default();
                el.set_value("");
                app.open_files(gather(picked));
            })
            .forget();
        }
    };
    picker("open-file", "file-input", one_by_one);
    picker("open-folder", "folder-input", folders::picked);
    on_click("load-sample", move || load_sample(app, Sample::Hongze2024));
    on_click("load-errors-sample", move || load_sample(app, Sample::Hongze2024Errors));
    let area = shell.area.clone();
    on_click("clear-input", move || {
        typing.cancel();
        docs.clear();
        leptos::task::spawn_local(storage::clear());
        app.cancel_save();
        app.saved(None);
        app.selection.cell.set(None);
        area.set_value("");
        let _ = area.focus();
    });
    // The report shown, and the name its exports are saved under: its title, else its name.
    let export_base = move || {
        let d = docs.current_untracked()?;
        let title = d.outcome.with_untracked(|o| o.checked.report.title.clone());
        Some((d, title.unwrap_or_else(|| d.name.get_untracked())))
    };
    // The exports are rendered by the page's second module (`lazy`), which re-reads the
    // reports from what the reviewer gave: the first load carries no JSON or CSV writer.
    // Every open report with its review and the one shown: the exports of one report are of
    // that one, with its findings across reports (the module sets the reports side by side
    // as the page does).
    let shown = move || {
        let (_, base) = export_base()?;
        let (reports, at) = docs.snapshot();
        let reviewed = Reviewed { reviews: docs.reviews(), ..Reviewed::default() };
        Some(((reports, at), reviewed, base))
    };
    on_click("export-json", move || {
        if let Some((report, reviewed, base)) = shown() {
            save_export(Export::Json, report, reviewed, dom::file_name(&base, "json"), "application/json");
        }
    });
    on_click("export-csv", move || {
        if let Some((report, reviewed, base)) = shown() {
            save_export(Export::Csv, report, reviewed, dom::file_name(&format!("{base}-问题清单"), "csv"), "text/csv;charset=utf-8");
        }
    });
    on_click("export-all-csv", move || {
        let reports = docs.snapshot();
        let reviewed = Reviewed { reviews: docs.reviews(), ..Reviewed::default() };
        save_export(Export::AllCsv, reports, reviewed, dom::file_name("年报校验-全部报告的问题清单", "csv"), "text/csv;charset=utf-8");
    });
    // The review memo: the reviewer's name (remembered) and today's date on it.
    let reviewer = dom::by_id("reviewer").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(field) = &reviewer {
        field.set_value(&review_store::reviewer());
        let read = field.clone();
        EventListener::new(field, "change", move |_| review_store::set_reviewer(read.value().trim())).forget();
    }
    on_click("export-memo", move || {
        let Some((report, mut reviewed, base)) = shown() else { return };
        reviewed.reviewer = reviewer.as_ref().map(|f| f.value().trim().to_string()).unwrap_or_default();
        review_store::set_reviewer(&reviewed.reviewer);
        let now = js_sys::Date::new_0();
        reviewed.date = format!("{}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
        save_export(Export::Memo, report, reviewed, dom::file_name(&format!("{base}-校验意见"), "html"), "text/html;charset=utf-8");
    });
    on_click("print", move || {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
}

/// Renders an export in the second module of the open reports (and the one shown) with their
/// reviews and saves it as `file`;
/// says why when it cannot.
fn save_export(export: Export, (reports, shown): (Vec<(String, Input)>, usize), reviewed: Reviewed, file: String, mime: &'static str) {
    leptos::task::spawn_local(async move {
        match lazy::export_reviewed(export, &reports, shown, &reviewed).await {
            Ok(text) => {
                dom::download(&file, mime, &text);
            }
            Err(why) => {
                if let Some(window) = web_sys::window() {
                    let _ = window.alert_with_message(&format!("未能导出“{file}”：{why}"));
                }
            }
        }
    });
}

/// `ids` without repeats, in their first order.
fn dedup(ids: Vec<u32>) -> Vec<u32> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(&id) {
            seen.push(id);
        }
    }
    seen
}

/// Moves the focus to the element `selector` names in the overview (redrawn whole when it
/// changes, so the focus is set again on the new element).
fn focus_in_overview(selector: &str) {
    let found = dom::by_id("reports-slot").and_then(|slot| slot.query_selector(selector).ok().flatten());
    if let Some(el) = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Files given one by one (not found in a folder): each opened, under its name.
fn one_by_one(files: Vec<web_sys::File>) -> Gathered {
    Gathered { files: files.into_iter().map(|f| (f.name(), f)).collect(), skipped: Vec::new() }
}

/// Opens a sample report. Its text comes from the page's second module (`lazy`), so the first
/// load does not carry it; while the module loads, the progress line says so.
fn load_sample(app: App, sample: Sample) {
    app.progress(Some("正在载入示例……".to_string()));
    leptos::task::spawn_local(async move {
        match lazy::sample(sample).await {
            Ok(text) => app.load(sample.name().to_string(), Input::Text { text }, false),
            Err(why) => {
                app.progress(None);
                if let Some(window) = web_sys::window() {
                    let _ = window.alert_with_message(&format!("未能载入示例：{why}"));
                }
            }
        }
    });
}

fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Whether an event happened in a field the reviewer types into.
fn in_a_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target.and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}
