//! Keeping each report's review (decisions and corrections, `view::review`) across a reload:
//! in the browser's `localStorage` for now, under `nianbao.review.<index>`, the report's place
//! in the stored list of reports (`ui::storage`), so that both are saved together. The
//! IndexedDB store will keep a review string per report; only these functions change then.
//! Also the reviewer's name, which the memo carries.

use crate::view::review::{Review, decode, encode};

/// The keys a report's review is stored under: this and its index.
const PREFIX: &str = "nianbao.review.";

/// The key the reviewer's name is stored under.
const REVIEWER: &str = "nianbao.reviewer";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The review of the report stored at `index`; an empty one when there is none (or it is
/// damaged).
pub fn load_review(index: usize) -> Review {
    storage().and_then(|s| s.get_item(&format!("{PREFIX}{index}")).ok().flatten()).and_then(|text| decode(&text)).unwrap_or_default()
}

/// Stores the reviews of the reports stored, by index, and removes those of reports no
/// longer there. Whether all were stored.
pub fn save_reviews(reviews: &[Review]) -> bool {
    let Some(storage) = storage() else { return false };
    let mut all = true;
    for (index, review) in reviews.iter().enumerate() {
        let key = format!("{PREFIX}{index}");
        // An empty review is stored too, so that the stored ones have no gaps to stop at.
        all &= storage.set_item(&key, &encode(review)).is_ok();
    }
    remove_from(&storage, reviews.len());
    all
}

/// Removes every stored review.
pub fn clear() {
    if let Some(storage) = storage() {
        remove_from(&storage, 0);
    }
}

/// Removes the reviews stored at `from` and after (they are stored at 0, 1, 2… without gaps,
/// empty ones too: see [`save_reviews`]).
fn remove_from(storage: &web_sys::Storage, from: usize) {
    for index in from.. {
        let key = format!("{PREFIX}{index}");
        if !matches!(storage.get_item(&key), Ok(Some(_))) {
            break;
        }
        let _ = storage.remove_item(&key);
    }
}

/// The reviewer's name as last typed.
pub fn reviewer() -> String {
    storage().and_then(|s| s.get_item(REVIEWER).ok().flatten()).unwrap_or_default()
}

/// Remembers the reviewer's name.
pub fn set_reviewer(name: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(REVIEWER, name);
    }
}
