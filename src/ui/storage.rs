//! Keeping the reviewer's work across a reload: the open reports in the browser's
//! `localStorage`, on this computer only. “清空” removes them.

use serde::{Deserialize, Serialize};

use super::doc::Input;

/// The key the reports are stored under (versioned: a later layout uses another key).
pub const KEY: &str = "nianbao.reports.v1";

#[derive(Serialize, Deserialize)]
struct Stored {
    current: usize,
    reports: Vec<StoredReport>,
}

#[derive(Serialize, Deserialize)]
struct StoredReport {
    name: String,
    input: Input,
}

/// How a save went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Everything was stored.
    All,
    /// Only the report shown fitted into the browser's storage.
    OnlyCurrent,
    /// Nothing could be stored (too large, or storage is off).
    Nothing,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The reports stored by an earlier visit, and the index of the one that was shown.
pub fn load() -> (Vec<(String, Input)>, usize) {
    let stored = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str::<Stored>(&json).ok());
    match stored {
        Some(s) => (s.reports.into_iter().map(|r| (r.name, r.input)).collect(), s.current),
        None => (Vec::new(), 0),
    }
}

/// Stores the reports; when they do not fit, at least the one shown.
pub fn save(reports: Vec<(String, Input)>, current: usize) -> Saved {
    let Some(storage) = storage() else { return Saved::Nothing };
    let empty = reports.iter().all(|(_, input)| input.size() == 0);
    if empty {
        let _ = storage.remove_item(KEY);
        return Saved::All;
    }
    let put = |stored: &Stored| serde_json::to_string(stored).ok().is_some_and(|json| storage.set_item(KEY, &json).is_ok());
    let all = Stored { current, reports: reports.into_iter().map(|(name, input)| StoredReport { name, input }).collect() };
    if put(&all) {
        return Saved::All;
    }
    let mut reports = all.reports;
    if current < reports.len() {
        let one = reports.swap_remove(current);
        if put(&Stored { current: 0, reports: vec![one] }) {
            return Saved::OnlyCurrent;
        }
    }
    let _ = storage.remove_item(KEY);
    Saved::Nothing
}

/// Removes the stored reports.
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
