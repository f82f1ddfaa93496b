//! One report as the reviewer gave it ([`Input`]) and the core's result for it ([`Outcome`]),
//! and what of it the text area shows ([`shown_part`]). Plain data, no DOM and no signals: the
//! app keeps one `Input` signal per open report and derives the `Outcome` with a memo.

use crate::input::ReadError;
use crate::input::limits::MAX_TEXT_BYTES;
use crate::input::pdf::Pages;
use crate::parse::layout::Document;
use crate::{Checked, PasteSource, check_document, check_html, check_paste, check_plain, check_text};

/// A report as the reviewer gave it: what the text area shows, and what the core reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Text typed or pasted as plain text, a sample, or a decoded .txt file: the text area
    /// holds it, and spans point into it. Text that is a page's source is read as HTML
    /// ([`check_plain`]).
    Text { text: String },
    /// A paste with both clipboard flavours: the text area shows the plain text, and
    /// [`check_paste`] decides which flavour is read (spans point into that one).
    Pasted { html: String, text: String },
    /// An .html file, read from its decoded source; the text area shows `text`, the page
    /// laid out as lines ([`crate::parse::layout::Document::to_text`]).
    Html { html: String, text: String },
    /// A .docx: the XML of its document part, read without positions; `text` as for HTML.
    Docx { xml: String, text: String },
    /// A PDF: the text laid out from its text layer (by the page's PDF module, `ui::pdf`),
    /// which the text area shows and spans point into, and which page each part came from.
    Pdf { text: String, pages: Pages },
    /// A file that is not read, with the reader's message for the reviewer.
    Refused { message: String },
}

/// What a report was read from, which is what its spans point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFrom {
    /// The text the text area shows.
    Text,
    /// The text the text area shows, read as HTML: it is a page's source (pasted from a
    /// source view, or a .txt file holding one).
    Markup,
    /// The HTML flavour of a paste.
    PastedHtml,
    /// The source of an .html file.
    Html,
    /// A .docx (no positions).
    Docx,
    /// The text laid out from a PDF, which the text area shows, with its pages.
    Pdf(Pages),
    /// Not read: the reader's message.
    Refused(String),
}

impl ReadFrom {
    /// Whether spans point into HTML source.
    pub fn is_html(&self) -> bool {
        matches!(self, ReadFrom::PastedHtml | ReadFrom::Html | ReadFrom::Markup)
    }

    /// Whether spans point into the text the text area shows.
    pub fn in_text_area(&self) -> bool {
        matches!(self, ReadFrom::Text | ReadFrom::Markup | ReadFrom::Pdf(_))
    }

    /// The pages of a report read from a PDF.
    pub fn pages(&self) -> Option<&Pages> {
        match self {
            ReadFrom::Pdf(pages) => Some(pages),
            _ => None,
        }
    }

    /// How the core read a paste or a plain text.
    fn of_paste(source: PasteSource) -> ReadFrom {
        match source {
            PasteSource::Html => ReadFrom::PastedHtml,
            PasteSource::Text => ReadFrom::Text,
            PasteSource::Markup => ReadFrom::Markup,
        }
    }
}

/// The core's result for an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub checked: Checked,
    pub read_from: ReadFrom,
}

impl Default for Input {
    fn default() -> Self {
        Input::Text { text: String::new() }
    }
}

impl Input {
    /// What the text area shows.
    pub fn shown(&self) -> &str {
        match self {
            Input::Text { text }
            | Input::Pasted { text, .. }
            | Input::Html { text, .. }
            | Input::Docx { text, .. }
            | Input::Pdf { text, .. } => text,
            Input::Refused { .. } => "",
        }
    }

    /// Reads and checks the input: the one call into the core per report.
    pub fn check(&self) -> Outcome {
        let (checked, read_from) = match self {
            Input::Text { text } => {
                let (checked, source) = check_plain(text);
                (checked, ReadFrom::of_paste(source))
            }
            Input::Pasted { html, text } => {
                let (checked, source) = check_paste(Some(html), text);
                (checked, ReadFrom::of_paste(source))
            }
            Input::Html { html, .. } => (check_html(html), ReadFrom::Html),
            Input::Docx { xml, .. } => (check_document(&crate::input::docx::document(xml)), ReadFrom::Docx),
            Input::Pdf { text, pages } => (check_document(&Document::from_text(text)), ReadFrom::Pdf(pages.clone())),
            Input::Refused { message } => (check_text(""), ReadFrom::Refused(message.clone())),
        };
        Outcome { checked, read_from }
    }

    /// The text the spans of `outcome` point into, when it has positions.
    pub fn source<'a>(&'a self, outcome: &Outcome) -> Option<&'a str> {
        match (self, &outcome.read_from) {
            (Input::Pasted { html, .. } | Input::Html { html, .. }, ReadFrom::PastedHtml | ReadFrom::Html) => Some(html),
            (Input::Text { text } | Input::Pasted { text, .. }, ReadFrom::Text | ReadFrom::Markup) => Some(text),
            (Input::Pdf { text, .. }, ReadFrom::Pdf(_)) => Some(text),
            _ => None,
        }
    }

    /// The input, or the reader's refusal when what the text area would show is past the
    /// reader's size limit (a paste or typing; files are refused by their reader).
    pub fn within_limit(self) -> Input {
        let size = self.shown().len();
        if size > MAX_TEXT_BYTES { Input::Refused { message: ReadError::TextTooLarge { bytes: size }.to_string() } } else { self }
    }

    /// How many bytes the input holds (to decide whether to show progress first).
    pub fn size(&self) -> usize {
        match self {
            Input::Text { text } | Input::Pdf { text, .. } => text.len(),
            Input::Pasted { html, text } | Input::Html { html, text } => html.len() + text.len(),
            Input::Docx { xml, text } => xml.len() + text.len(),
            Input::Refused { .. } => 0,
        }
    }
}

/// The most text the text area shows, in bytes. A browser takes seconds to lay out
/// megabytes in a text area (measured: 3.2 s for 10 MB in Chromium), longer than the check
/// itself; a report is a few hundred KB, so only pathological pastes are cut, and the whole
/// text is still what is checked.
pub const SHOWN_BYTES: usize = 1024 * 1024;

/// The part of `text` the text area shows, and whether that is all of it.
pub fn shown_part(text: &str) -> (&str, bool) {
    if text.len() <= SHOWN_BYTES {
        return (text, true);
    }
    let mut end = SHOWN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], false)
}

/// What the text area holds for `text`, and whether the reviewer can edit it there: all of
/// it, or, of a huge paste, its beginning and a note that the whole is what was checked (and
/// then it cannot be edited: an edit would check only the part shown).
pub fn text_area_text(text: &str) -> (String, bool) {
    let (part, whole) = shown_part(text);
    if whole {
        return (part.to_string(), true);
    }
    let size = megabytes(text.len());
    (format!("{part}\n\n……（内容共 {size}，输入框中只显示开头部分；校验针对全部内容。如需修改，请修改原文后重新粘贴。）"), false)
}

/// A byte count as megabytes with one decimal (integer arithmetic: float formatting would
/// add to the wasm).
pub fn megabytes(bytes: usize) -> String {
    let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// What the page says of the files of a folder it skipped (not reports by their names): how
/// many, and the first few; empty when none was.
pub fn skipped_line(skipped: &[String]) -> String {
    const NAMED: usize = 5;
    if skipped.is_empty() {
        return String::new();
    }
    let named: Vec<&str> = skipped.iter().take(NAMED).map(String::as_str).collect();
    let more = if skipped.len() > NAMED { " 等" } else { "" };
    format!("已跳过 {} 个不是年报的文件（图片、样式表等）：{}{more}", skipped.len(), named.join("、"))
}

/// The progress line while files are read one after the other.
pub fn reading_line(at: usize, total: usize, name: &str) -> String {
    if total > 1 { format!("正在读取 {at}/{total}：{name}") } else { format!("正在读取 {name}……") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_files_are_counted_and_the_first_named() {
        assert_eq!(skipped_line(&[]), "");
        let skipped: Vec<String> = (1..=7).map(|i| format!("图{i}.jpg")).collect();
        let line = skipped_line(&skipped);
        assert!(line.starts_with("已跳过 7 个不是年报的文件"), "{line}");
        assert!(line.contains("图1.jpg、图2.jpg") && line.contains("图5.jpg 等") && !line.contains("图6.jpg"), "{line}");
        assert_eq!(reading_line(37, 120, "甲镇.html"), "正在读取 37/120：甲镇.html");
        assert_eq!(reading_line(1, 1, "甲镇.html"), "正在读取 甲镇.html……");
    }

    #[test]
    fn the_text_area_shows_a_huge_text_cut_on_a_character_and_says_so() {
        let small = "表三 1 2 3";
        assert_eq!(shown_part(small), (small, true));
        assert_eq!(text_area_text(small), (small.to_string(), true));
        // “年” is three bytes: the cut at SHOWN_BYTES falls inside one and moves back to its start.
        let huge = "年".repeat(SHOWN_BYTES / 3 + 10);
        let (part, whole) = shown_part(&huge);
        assert!(!whole && part.len() <= SHOWN_BYTES && part.len() > SHOWN_BYTES - 3 && huge.starts_with(part));
        let (shown, editable) = text_area_text(&huge);
        assert!(!editable, "an edit would check only the part shown");
        assert!(shown.starts_with(part) && shown.ends_with("如需修改，请修改原文后重新粘贴。）"), "{}", &shown[part.len()..]);
        assert!(shown.contains("内容共 1.0 MB"), "{}", &shown[part.len()..]);
    }

    #[test]
    fn megabytes_round_to_a_tenth() {
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(256 * 1024), "0.3 MB");
        assert_eq!(megabytes(10 * 1024 * 1024 - 1), "10.0 MB");
        assert_eq!(megabytes(1024 * 1024 + 51 * 1024), "1.0 MB");
        assert_eq!(megabytes(1024 * 1024 + 52 * 1024), "1.1 MB");
    }

    #[test]
    fn text_past_the_limit_becomes_the_readers_refusal() {
        let text = Input::Text { text: "年报".into() };
        assert_eq!(text.clone().within_limit(), text);
        let huge = Input::Pasted { html: String::new(), text: "a".repeat(MAX_TEXT_BYTES + 1) };
        match huge.within_limit() {
            Input::Refused { message } => assert_eq!(message, ReadError::TextTooLarge { bytes: MAX_TEXT_BYTES + 1 }.to_string()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spans_point_into_the_text_the_input_was_read_from() {
        let html = "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table>";
        let pasted = Input::Pasted { html: html.into(), text: "一、本年新收政府信息公开申请数量 1".into() };
        let outcome = pasted.check();
        assert_eq!(outcome.read_from, ReadFrom::PastedHtml);
        assert_eq!(pasted.source(&outcome), Some(html));
        assert!(outcome.read_from.is_html() && !outcome.read_from.in_text_area());
        let docx = Input::Docx { xml: String::new(), text: "年报".into() };
        assert_eq!(docx.source(&docx.check()), None, "a .docx has no positions");
        let refused = Input::Refused { message: "不读".into() };
        assert_eq!((refused.shown(), refused.size(), refused.check().read_from), ("", 0, ReadFrom::Refused("不读".into())));
    }
}
