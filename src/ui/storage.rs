//! Keeping the reviewer's work across a reload and a closed tab: the open reports in the
//! browser's IndexedDB, on this computer only, in the stored forms of [`crate::view::stored`].
//! “清空” removes them.
//!
//! Three object stores: `reports` (each report's record, keyed by its id), `reviews` (each
//! report's review, the reviewer's decisions and corrections, under the same id: a decision
//! writes a few bytes, not the report), and `desk` (one record: the order and the report
//! shown). A save writes only the reports that changed, each in a transaction of its own, so
//! that when the disk quota is reached the page can say which reports were not kept.
//!
//! A page that goes away cannot wait for IndexedDB (a transaction still open then is
//! aborted), so what changed since the last save is also written at once into
//! `localStorage` ([`save_at_once`], a small journal: usually the one report typed into);
//! the next visit reads it over the database's records and moves it in.
//!
//! The database itself is reached through a small hand-written JS module, `storage.js` beside
//! this file (web-sys's IndexedDB bindings cost the first load kilobytes): it opens the
//! database, reads everything, puts, deletes and clears, each a promise that never rejects.
//! What is stored when, the journal and the stored forms are decided here.

use std::cell::Cell;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::view::doc::Input;
use crate::view::stored::{Saved, StoredReport, decode, decode_bundle, encode_bundle, encode_order, encode_report, restore};

/// The key an older page kept the reports under in `localStorage` (moved here, then removed).
const LEGACY_KEY: &str = "nianbao.reports";
/// The key of the journal in `localStorage`: what changed when the page last went away.
const JOURNAL_KEY: &str = "nianbao.unsaved";
/// The database's stores (`storage.js` creates them).
const REPORTS: &str = "reports";
const REVIEWS: &str = "reviews";
const DESK: &str = "desk";
/// The desk's one record, and its key in the journal.
const ORDER: &str = "order";

thread_local! {
    /// How many journals this page wrote: a save removes the journal only when none was
    /// written after it started (it then holds everything the journal does).
    static JOURNALS: Cell<u32> = const { Cell::new(0) };
}

/// The database, through `storage.js`; every promise resolves (none rejects).
mod db {
    use js_sys::Promise;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/ui/storage.js")]
    extern "C" {
        /// Resolves to whether the page has a database.
        pub fn available() -> Promise;
        /// Resolves to everything stored: an array of key, text, key, text, … with the
        /// journal's keys (`order`, `report ID`, `review ID`).
        pub fn load() -> Promise;
        /// Resolves to whether `value` is on disk under `key` in `store`.
        pub fn put(store: &str, key: JsValue, value: &str) -> Promise;
        /// Resolves once `id` is deleted from the stores named (apart by spaces).
        pub fn remove(stores: &str, id: u32) -> Promise;
        /// Resolves once every store is empty.
        pub fn clear() -> Promise;
        /// Asks the browser, once, to keep the storage when the disk runs low (where it can).
        pub fn persist();
    }
}

/// What an earlier visit left.
#[derive(Default)]
pub struct Restored {
    /// The reports in their order, each with its id and review.
    pub reports: Vec<StoredReport>,
    /// The index of the one shown.
    pub current: usize,
    /// The ids of the reports not in the database yet (from the journal, or from an older
    /// page's `localStorage`): to be saved at once.
    pub unsaved: Vec<u32>,
}

/// What the database holds: the order record, the reports' and the reviews' records.
#[derive(Default)]
struct Records {
    order: Option<String>,
    reports: Vec<(u32, String)>,
    reviews: Vec<(u32, String)>,
}

impl Records {
    /// Puts a record under its key (`order`, `report ID`, `review ID`) over any before it;
    /// the report's id when it is a report's or a review's.
    fn put(&mut self, key: &str, text: String) -> Option<u32> {
        let (kind, id) = key.split_once(' ').unwrap_or((key, ""));
        let Ok(id) = id.parse::<u32>() else {
            if kind == ORDER {
                self.order = Some(text);
            }
            return None;
        };
        let list = if kind == "review" { &mut self.reviews } else { &mut self.reports };
        list.retain(|(i, _)| *i != id);
        list.push((id, text));
        Some(id)
    }
}

/// What changed since the last save.
pub struct Changes {
    /// Every open report's id, in order, and the id of the one shown.
    pub order: Vec<u32>,
    pub current: u32,
    /// The reports to write: id, name (to say which were not kept), input.
    pub reports: Vec<(u32, String, Input)>,
    /// The reviews to write: id, name, text.
    pub reviews: Vec<(u32, String, String)>,
    /// The ids of reports closed.
    pub removed: Vec<u32>,
}

/// The reports stored by an earlier visit, with the journal of the last one read over them;
/// what an older page left in `localStorage` when there is nothing else.
pub async fn load() -> Restored {
    let mut records = Records::default();
    let stored = JsFuture::from(db::load()).await.map(|v| Array::from(&v)).unwrap_or_default();
    let texts: Vec<String> = stored.iter().filter_map(|v| v.as_string()).collect();
    for pair in texts.chunks_exact(2) {
        records.put(&pair[0], pair[1].clone());
    }
    let journal = local_storage().and_then(|s| s.get_item(JOURNAL_KEY).ok().flatten()).and_then(|text| decode_bundle(&text));
    let mut unsaved = Vec::new();
    for (key, text) in journal.unwrap_or_default() {
        unsaved.extend(records.put(&key, text));
    }
    let (reports, current) = restore(records.order.as_deref(), records.reports, &records.reviews);
    if !reports.is_empty() || records.order.is_some() {
        return Restored { reports, current, unsaved };
    }
    let legacy = local_storage().and_then(|s| s.get_item(LEGACY_KEY).ok().flatten()).and_then(|text| decode(&text));
    let Some((reports, current)) = legacy else { return Restored::default() };
    let reports: Vec<StoredReport> = reports
        .into_iter()
        .enumerate()
        .map(|(i, (name, input))| StoredReport { id: i as u32, name, input, review: String::new() })
        .collect();
    let unsaved = reports.iter().map(|r| r.id).collect();
    Restored { reports, current, unsaved }
}

/// Writes what changed into `localStorage` at once (the page is going away), over what an
/// earlier journal of this visit holds.
pub fn save_at_once(changes: &Changes) {
    let Some(storage) = local_storage() else { return };
    let mut records = storage.get_item(JOURNAL_KEY).ok().flatten().and_then(|text| decode_bundle(&text)).unwrap_or_default();
    let mut put = |key: String, text: String| {
        records.retain(|(k, _)| *k != key);
        records.push((key, text));
    };
    put(ORDER.to_string(), encode_order(&changes.order, changes.current));
    for (id, name, input) in &changes.reports {
        put(format!("report {id}"), encode_report(name, input));
    }
    for (id, _, review) in &changes.reviews {
        put(format!("review {id}"), review.clone());
    }
    JOURNALS.with(|j| j.set(j.get() + 1));
    let _ = storage.set_item(JOURNAL_KEY, &encode_bundle(&records));
}

/// Writes what changed; says which reports could not be kept.
pub async fn save(changes: Changes) -> Saved {
    let journals = JOURNALS.with(|j| j.get());
    if !resolved(db::available()).await {
        return Saved::Nothing;
    }
    let mut not_kept = Vec::new();
    for (id, name, input) in &changes.reports {
        if !resolved(db::put(REPORTS, JsValue::from(*id), &encode_report(name, input))).await {
            // No older copy may come back instead of it.
            resolved(db::remove(REPORTS, *id)).await;
            not_kept.push(name.clone());
        }
    }
    for (id, name, review) in &changes.reviews {
        if !resolved(db::put(REVIEWS, JsValue::from(*id), review)).await {
            not_kept.push(format!("{name}的审核意见"));
        }
    }
    for id in &changes.removed {
        resolved(db::remove("reports reviews", *id)).await;
    }
    let order = encode_order(&changes.order, changes.current);
    if !resolved(db::put(DESK, JsValue::from_str(ORDER), &order)).await {
        return Saved::Nothing;
    }
    if !not_kept.is_empty() {
        return Saved::Partly { not_kept };
    }
    // Everything is in the database now: what an older page left can go, and the journal,
    // unless one was written since this save started.
    if let Some(s) = local_storage() {
        let _ = s.remove_item(LEGACY_KEY);
        if JOURNALS.with(|j| j.get()) == journals {
            let _ = s.remove_item(JOURNAL_KEY);
        }
    }
    db::persist();
    Saved::All
}

/// Removes everything stored, here and in `localStorage`.
pub async fn clear() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(LEGACY_KEY);
        let _ = s.remove_item(JOURNAL_KEY);
    }
    resolved(db::clear()).await;
}

/// Whether one of `storage.js`'s promises resolved to true.
async fn resolved(promise: Promise) -> bool {
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
