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
//! The API is callbacks; each request and transaction becomes a promise whose `resolve` and
//! `reject` are the callbacks themselves (no closure kept alive), awaited as a future.

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::view::doc::Input;
use crate::view::stored::{Saved, StoredReport, decode, decode_bundle, encode_bundle, encode_order, encode_report, restore};

/// The key an older page kept the reports under in `localStorage` (moved here, then removed).
const LEGACY_KEY: &str = "nianbao.reports";
/// The key of the journal in `localStorage`: what changed when the page last went away.
const JOURNAL_KEY: &str = "nianbao.unsaved";
/// The database, and its version (a later layout of stores gets a higher one).
const DATABASE: &str = "nianbao";
const VERSION: u32 = 1;
const REPORTS: &str = "reports";
const REVIEWS: &str = "reviews";
const DESK: &str = "desk";
/// The desk's one record.
const ORDER: &str = "order";

thread_local! {
    /// The open database, once opened (`None` before, or where there is none).
    static OPENED: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// How many journals this page wrote: a save removes the journal only when none was
    /// written after it started (it then holds everything the journal does).
    static JOURNALS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
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
    let mut records = match database().await {
        Some(db) => read_all(&db).await.unwrap_or_default(),
        None => Records::default(),
    };
    let journal = local_storage().and_then(|s| s.get_item(JOURNAL_KEY).ok().flatten()).and_then(|text| decode_bundle(&text));
    let mut unsaved = Vec::new();
    for (key, text) in journal.unwrap_or_default() {
        let (kind, id) = key.split_once(' ').unwrap_or((&key, ""));
        let Ok(id) = id.parse::<u32>() else {
            if kind == ORDER {
                records.order = Some(text);
            }
            continue;
        };
        let list = if kind == "review" { &mut records.reviews } else { &mut records.reports };
        list.retain(|(i, _)| *i != id);
        list.push((id, text));
        unsaved.push(id);
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
    let Some(db) = database().await else { return Saved::Nothing };
    let mut not_kept = Vec::new();
    for (id, name, input) in &changes.reports {
        let record = encode_report(name, input);
        if put(&db, REPORTS, &JsValue::from(*id), &record).await.is_err() {
            // No older copy may come back instead of it.
            let _ = delete(&db, &[REPORTS], *id).await;
            not_kept.push(name.clone());
        }
    }
    for (id, name, review) in &changes.reviews {
        if save_review(*id, review).await.is_err() {
            not_kept.push(format!("{name}的审核意见"));
        }
    }
    for id in &changes.removed {
        let _ = delete(&db, &[REPORTS, REVIEWS], *id).await;
    }
    let order = encode_order(&changes.order, changes.current);
    if put(&db, DESK, &JsValue::from_str(ORDER), &order).await.is_err() {
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
    ask_to_persist();
    Saved::All
}

/// Writes one report's review (the reviewer's decisions and corrections, an opaque text).
pub async fn save_review(id: u32, review: &str) -> Result<(), JsValue> {
    let db = database().await.ok_or(JsValue::NULL)?;
    put(&db, REVIEWS, &JsValue::from(id), review).await
}

/// Removes everything stored, here and in `localStorage`.
pub async fn clear() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(LEGACY_KEY);
        let _ = s.remove_item(JOURNAL_KEY);
    }
    let Some(db) = database().await else { return };
    let Ok(tx) = transaction(&db, &[REPORTS, REVIEWS, DESK], IdbTransactionMode::Readwrite) else { return };
    for name in [REPORTS, REVIEWS, DESK] {
        let _ = tx.object_store(name).and_then(|s| s.clear());
    }
    let _ = done(&tx).await;
}

/// The open database: opened (and its stores created) the first time.
async fn database() -> Option<IdbDatabase> {
    if let Some(db) = OPENED.with(|o| o.borrow().clone()) {
        return Some(db);
    }
    // Firefox's private windows (before 115) and a page from disk in some engines throw here.
    let request = web_sys::window()?.indexed_db().ok()??.open_with_u32(DATABASE, VERSION).ok()?;
    let create = Closure::once(move |event: web_sys::Event| {
        let db = event.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()).and_then(|r| r.result().ok());
        if let Some(db) = db.and_then(|db| db.dyn_into::<IdbDatabase>().ok()) {
            for name in [REPORTS, REVIEWS, DESK] {
                let _ = db.create_object_store(name);
            }
        }
    });
    request.set_onupgradeneeded(Some(create.as_ref().unchecked_ref()));
    let db: IdbDatabase = finished(&request).await.ok()?.dyn_into().ok()?;
    drop(create);
    OPENED.with(|o| o.replace(Some(db.clone())));
    Some(db)
}

/// Everything stored, in one read-only transaction (every request made before any is awaited,
/// so that the transaction stays open for them all).
async fn read_all(db: &IdbDatabase) -> Result<Records, JsValue> {
    let tx = transaction(db, &[REPORTS, REVIEWS, DESK], IdbTransactionMode::Readonly)?;
    let (reports, reviews) = (tx.object_store(REPORTS)?, tx.object_store(REVIEWS)?);
    let requests = [
        reports.get_all_keys()?,
        reports.get_all()?,
        reviews.get_all_keys()?,
        reviews.get_all()?,
        tx.object_store(DESK)?.get(&ORDER.into())?,
    ];
    let mut results = Vec::new();
    for request in &requests {
        results.push(finished(request).await?);
    }
    let pairs = |keys: &JsValue, values: &JsValue| -> Vec<(u32, String)> {
        let (keys, values) = (Array::from(keys), Array::from(values));
        keys.iter().zip(values.iter()).filter_map(|(k, v)| Some((k.as_f64()? as u32, v.as_string()?))).collect()
    };
    Ok(Records { order: results[4].as_string(), reports: pairs(&results[0], &results[1]), reviews: pairs(&results[2], &results[3]) })
}

/// Puts `value` under `key` in `store`, in a transaction of its own; done once it is on disk.
async fn put(db: &IdbDatabase, store: &str, key: &JsValue, value: &str) -> Result<(), JsValue> {
    let tx = transaction(db, &[store], IdbTransactionMode::Readwrite)?;
    tx.object_store(store)?.put_with_key(&JsValue::from_str(value), key)?;
    done(&tx).await
}

/// Deletes `id` from `stores`.
async fn delete(db: &IdbDatabase, stores: &[&str], id: u32) -> Result<(), JsValue> {
    let tx = transaction(db, stores, IdbTransactionMode::Readwrite)?;
    for name in stores {
        let store: IdbObjectStore = tx.object_store(name)?;
        store.delete(&JsValue::from(id))?;
    }
    done(&tx).await
}

fn transaction(db: &IdbDatabase, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, JsValue> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    db.transaction_with_str_sequence_and_mode(&names, mode)
}

/// A request's result, once it succeeded.
async fn finished(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

/// A transaction's end: `Ok` once committed, `Err` when aborted (the quota reached, a
/// failed request).
async fn done(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// Asks the browser, once, to keep the storage even when the disk runs low, where it offers
/// that (`navigator.storage.persist`; absent on pages not served securely).
fn ask_to_persist() {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let navigator = Reflect::get(&window, &"navigator".into()).unwrap_or_default();
    let Ok(manager) = Reflect::get(&navigator, &"storage".into()) else { return };
    if let Ok(persist) = Reflect::get(&manager, &"persist".into()).and_then(|f| f.dyn_into::<Function>()) {
        let _ = persist.call0(&manager);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
