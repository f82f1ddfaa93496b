//! The open reports as the page keeps them across a reload (in the browser's `localStorage`,
//! on this computer only; `ui::storage` does the storing), and how a save went.
//!
//! The stored form is a small length-prefixed text (no serde: its deserializer would add
//! more to the wasm than this whole module): a first line with the layout's name and the
//! index of the report shown, then per report a line `kind len len len` followed by the
//! report's name and its (up to two) texts, each exactly `len` bytes (a PDF's second is its
//! pages, `Pages::to_words` as decimal numbers).

use super::doc::Input;
use crate::input::pdf::Pages;

/// The first word of the stored text, naming its layout; a later layout gets another.
const LAYOUT: &str = "nianbao-reports-1";

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

impl Saved {
    /// The `data-saved` value of the page's note on saving.
    pub fn key(self) -> &'static str {
        match self {
            Saved::All => "all",
            Saved::OnlyCurrent => "current",
            Saved::Nothing => "nothing",
        }
    }

    /// What the page says about it.
    pub fn words(self) -> &'static str {
        match self {
            Saved::All => "已保存在本机，刷新页面不会丢失",
            Saved::OnlyCurrent => "内容较大，本机只保存了当前这份报告",
            Saved::Nothing => "内容太大，未能保存在本机；刷新页面后需重新放入",
        }
    }
}

/// The stored form of `reports`.
pub fn encode(reports: &[(String, Input)], current: usize) -> String {
    let mut out = format!("{LAYOUT} {current}\n");
    for (name, input) in reports {
        let words;
        let (kind, first, second) = match input {
            Input::Text { text } => ("text", text.as_str(), ""),
            Input::Pasted { html, text } => ("pasted", html.as_str(), text.as_str()),
            Input::Html { html, text } => ("html", html.as_str(), text.as_str()),
            Input::Docx { xml, text } => ("docx", xml.as_str(), text.as_str()),
            Input::Pdf { text, pages } => {
                words = pages.to_words().iter().map(u32::to_string).collect::<Vec<_>>().join(" ");
                ("pdf", text.as_str(), words.as_str())
            }
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
/// else (another layout, a damaged text).
pub fn decode(stored: &str) -> Option<(Vec<(String, Input)>, usize)> {
    let (head, mut rest) = stored.split_once('\n')?;
    let current = head.strip_prefix(LAYOUT)?.trim().parse().ok()?;
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
            "pdf" => {
                let words: Option<Vec<u32>> = second.split_whitespace().map(|w| w.parse().ok()).collect();
                Input::Pdf { text: first, pages: Pages::from_words(&words?)? }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reports_come_back_as_they_were() {
        let reports = vec![
            ("粘贴的内容".to_string(), Input::Text { text: "年报\n表三 95\t0".into() }),
            ("网页.html".to_string(), Input::Html { html: "<td>“96”</td>".into(), text: "“96”\n".into() }),
            ("粘贴的内容".to_string(), Input::Pasted { html: "<b>𠀀</b>".into(), text: "𠀀".into() }),
            ("a.docx".to_string(), Input::Docx { xml: "<w:t>1 2</w:t>".into(), text: "1 2".into() }),
            ("扫描件.pdf".to_string(), Input::Refused { message: "这个 PDF 是扫描件。".into() }),
            (
                "年报.pdf".to_string(),
                Input::Pdf {
                    text: "一、总体情况\n\u{c}\n表三 95".into(),
                    pages: Pages { starts: vec![0, 20], scanned: vec![3], unmapped: vec![] },
                },
            ),
            ("空的".to_string(), Input::Text { text: String::new() }),
        ];
        let stored = encode(&reports, 2);
        assert_eq!(decode(&stored), Some((reports, 2)));
        assert_eq!(decode(&encode(&[], 0)), Some((Vec::new(), 0)));
    }

    #[test]
    fn anything_else_is_not_read() {
        let stored = encode(&[("a".to_string(), Input::Text { text: "年报 1".into() })], 0);
        assert_eq!(decode("something else"), None);
        assert_eq!(decode(&stored.replace(LAYOUT, "nianbao-reports-2")), None, "another layout");
        assert_eq!(decode(&stored.replace("text ", "ofd ")), None, "an unknown kind");
        let cut: String = stored.chars().take(stored.chars().count() - 1).collect();
        assert_eq!(decode(&cut), None, "a cut-off copy is not half read");
        // A length that ends inside a character is damage, not a shorter text.
        assert_eq!(decode(&stored.replace("text 1 8 0", "text 1 5 3")), None);
    }

    #[test]
    fn every_outcome_of_a_save_has_its_words_and_key() {
        let all = [Saved::All, Saved::OnlyCurrent, Saved::Nothing];
        let keys: Vec<&str> = all.iter().map(|s| s.key()).collect();
        assert_eq!(keys, ["all", "current", "nothing"]);
        assert!(Saved::All.words().contains("已保存") && Saved::Nothing.words().contains("未能保存"));
    }
}
