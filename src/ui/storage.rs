//! Keeping the reviewer's work across a reload: the open reports in the browser's
//! `localStorage`, on this computer only. “清空” removes them.
//!
//! The stored form is a small length-prefixed text (no serde: its deserializer would add
//! more to the wasm than this whole module): a first line with the format's name and the
//! index of the report shown, then per report a line `kind len len len` followed by the
//! report's name and its (up to two) texts, each exactly `len` bytes.

use super::doc::Input;

/// The key the reports are stored under.
pub const KEY: &str = "nianbao.reports";

/// The first word of the stored text; a later layout gets another.
const FORMAT: &str = "nianbao-reports-1";

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

/// The stored form of `reports`.
pub fn encode(reports: &[(String, Input)], current: usize) -> String {
    let mut out = format!("{FORMAT} {current}\n");
    for (name, input) in reports {
        let (kind, first, second) = match input {
            Input::Text { text } => ("text", text.as_str(), ""),
            Input::Pasted { html, text } => ("pasted", html.as_str(), text.as_str()),
            Input::Html { html, text } => ("html", html.as_str(), text.as_str()),
            Input::Docx { xml, text } => ("docx", xml.as_str(), text.as_str()),
            Input::Refused { message } => ("refused", message.as_str(), ""),
        };
        out.push_str(&format!("{kind} {} {} {}\n", name.len(), first.len(), second.len()));
        for part in [name.as_str(), first, second] {
            out.push_str(part);
        }
    }
    out
}

/// The reports and the index of the one shown, from their stored form; `None` for anything
/// else (another format, a damaged text).
pub fn decode(stored: &str) -> Option<(Vec<(String, Input)>, usize)> {
    let (head, mut rest) = stored.split_once('\n')?;
    let current = head.strip_prefix(FORMAT)?.trim().parse().ok()?;
    let mut reports = Vec::new();
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n')?;
        let mut words = line.split(' ');
        let kind = words.next()?;
        rest = after;
        let mut take = |len: &str| -> Option<String> { after_part(&mut rest, len.parse().ok()?).map(str::to_string) };
        let (name, first, second) = (take(words.next()?)?, take(words.next()?)?, take(words.next()?)?);
        let input = match kind {
            "text" => Input::Text { text: first },
            "pasted" => Input::Pasted { html: first, text: second },
            "html" => Input::Html { html: first, text: second },
            "docx" => Input::Docx { xml: first, text: second },
            "refused" => Input::Refused { message: first },
            _ => return None,
        };
        reports.push((name, input));
    }
    Some((reports, current))
}

/// Splits `len` bytes off the front of `rest`, if they end on a character boundary.
fn after_part<'a>(rest: &mut &'a str, len: usize) -> Option<&'a str> {
    if len > rest.len() || !rest.is_char_boundary(len) {
        return None;
    }
    let (part, after) = rest.split_at(len);
    *rest = after;
    Some(part)
}
