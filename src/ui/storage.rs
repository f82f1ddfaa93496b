//! Keeping the reviewer's work across a reload: the open reports in the browser's
//! `localStorage`, on this computer only, in the stored form of [`crate::view::stored`].
//! “清空” removes them.

use crate::view::doc::Input;
use crate::view::stored::{Saved, decode, encode};

/// The key the reports are stored under.
pub const KEY: &str = "nianbao.reports";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The reports stored by an earlier visit, and the index of the one that was shown.
pub fn load() -> (Vec<(String, Input)>, usize) {
    storage().and_then(|s| s.get_item(KEY).ok().flatten()).and_then(|text| decode(&text)).unwrap_or_default()
}

/// Stores the reports; when they do not fit, at least the one shown.
pub fn save(reports: Vec<(String, Input)>, current: usize) -> Saved {
    let Some(storage) = storage() else { return Saved::Nothing };
    if reports.iter().all(|(_, input)| input.size() == 0) {
        let _ = storage.remove_item(KEY);
        return Saved::All;
    }
    if storage.set_item(KEY, &encode(&reports, current)).is_ok() {
        return Saved::All;
    }
    if let Some(one) = reports.get(current)
        && storage.set_item(KEY, &encode(std::slice::from_ref(one), 0)).is_ok()
    {
        return Saved::OnlyCurrent;
    }
    // Leave no older copy behind that would come back instead.
    let _ = storage.remove_item(KEY);
    Saved::Nothing
}

/// Removes the stored reports.
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
