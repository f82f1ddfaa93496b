//! The reviewer's name, which the memo carries, remembered in the browser's `localStorage` on
//! this computer (each report's review, its decisions and corrections, is kept beside the
//! report in the page's database: `ui::storage`).

/// The key the reviewer's name is stored under.
const REVIEWER: &str = "nianbao.reviewer";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
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
