//! One report as the reviewer gave it ([`Input`]) and the core's result for it ([`Outcome`]),
//! and what of it the text area shows ([`shown_part`]). Plain data, no DOM and no signals: the
//! app keeps one `Input` signal per open report and derives the `Outcome` with a memo.
//!
//! The result comes in two steps, which the page runs in its two modules: the reading
//! ([`Input::read`]: the parser, run by the second module, which hands the `Report` back with
//! [`ReadFrom::tag`]) and the check of a reading ([`Outcome::of`]: the rules, in the first, so
//! that corrections and decisions stay synchronous). [`Input::check`] is both.

use crate::input::ReadError;
use crate::input::limits::MAX_TEXT_BYTES;
use crate::input::pdf::Pages;
use crate::model::{Note, Report, Table};
use crate::parse::layout::Document;
use crate::{Checked, PasteSource, read_document, read_html, read_paste, read_plain};

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
    /// Not read: the reader's message, or why the page could not read it.
    Refused(String),
    /// Not read yet: the page is reading it (its second module is on it).
    Reading,
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

    /// The small number that says what a reading was read from, as the page's second module
    /// hands it back with the report ([`ReadFrom::from_tag`]); never 0.
    pub fn tag(&self) -> u32 {
        match self {
            ReadFrom::Text => 1,
            ReadFrom::Markup => 2,
            ReadFrom::PastedHtml => 3,
            ReadFrom::Html => 4,
            ReadFrom::Docx => 5,
            ReadFrom::Pdf(_) => 6,
            ReadFrom::Refused(_) => 7,
            ReadFrom::Reading => 8,
        }
    }

    /// What `tag` says a reading of `input` was read from: the PDF's pages and a refusal's
    /// message come from the input, which the page holds; `None` for a tag that does not fit
    /// the input.
    pub fn from_tag(tag: u32, input: &Input) -> Option<ReadFrom> {
        Some(match (tag, input) {
            (1, Input::Text { .. } | Input::Pasted { .. }) => ReadFrom::Text,
            (2, Input::Text { .. } | Input::Pasted { .. }) => ReadFrom::Markup,
            (3, Input::Pasted { .. }) => ReadFrom::PastedHtml,
            (4, Input::Html { .. }) => ReadFrom::Html,
            (5, Input::Docx { .. }) => ReadFrom::Docx,
            (6, Input::Pdf { pages, .. }) => ReadFrom::Pdf(pages.clone()),
            (7, Input::Refused { message }) => ReadFrom::Refused(message.clone()),
            _ => return None,
        })
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

impl Outcome {
    /// The check of a reading: the rules run on the report as read. A report not read (refused,
    /// or still being read) is not checked: it has no findings, so that nothing of it reads as
    /// a pass or a fault.
    pub fn of(report: Report, read_from: ReadFrom) -> Outcome {
        let checked = match read_from {
            ReadFrom::Refused(_) | ReadFrom::Reading => Checked { report, findings: Vec::new() },
            _ => Checked::of(report),
        };
        Outcome { checked, read_from }
    }

    /// A report whose reading has not come yet.
    pub fn reading() -> Outcome {
        Outcome::of(Report::default(), ReadFrom::Reading)
    }

    /// Whether the report was read (not refused, not waiting for its reading).
    pub fn is_read(&self) -> bool {
        !matches!(self.read_from, ReadFrom::Refused(_) | ReadFrom::Reading)
    }
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

    /// Reads the input: the report as read, and what it was read from. A refusal reads as an
    /// empty report.
    pub fn read(&self) -> (Report, ReadFrom) {
        match self {
            Input::Text { text } => {
                let (report, source) = read_plain(text);
                (report, ReadFrom::of_paste(source))
            }
            Input::Pasted { html, text } => {
                let (report, source) = read_paste(Some(html), text);
                (report, ReadFrom::of_paste(source))
            }
            Input::Html { html, .. } => (read_html(html), ReadFrom::Html),
            Input::Docx { xml, .. } => (read_document(&crate::input::docx::document(xml)), ReadFrom::Docx),
            Input::Pdf { text, pages } => (read_document(&Document::from_text(text)), ReadFrom::Pdf(pages.clone())),
            Input::Refused { message } => (Report::default(), ReadFrom::Refused(message.clone())),
        }
    }

    /// The reading of an input that needs no reading: a refusal's, and that of nothing typed
    /// (the empty page); `None` for anything to read. The page has these at once, without
    /// its second module.
    pub fn read_at_once(&self) -> Option<(Report, ReadFrom)> {
        match self {
            Input::Text { text } if text.is_empty() => {
                // What the parser makes of nothing: no table found (pinned by a test).
                let notes = Table::ALL.iter().map(|&table| Note::TableMissing { table, heading: None, image: false }).collect();
                Some((Report { notes, ..Report::default() }, ReadFrom::Text))
            }
            Input::Refused { message } => Some((Report::default(), ReadFrom::Refused(message.clone()))),
            _ => None,
        }
    }

    /// Reads and checks the input ([`Input::read`], then [`Outcome::of`]).
    pub fn check(&self) -> Outcome {
        let (report, read_from) = self.read();
        Outcome::of(report, read_from)
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
    use crate::view::reading;

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

    #[test]
    fn what_needs_no_reading_reads_as_the_parser_reads_it() {
        for input in [Input::default(), Input::Refused { message: "这个 PDF 是扫描件。".into() }] {
            assert_eq!(input.read_at_once(), Some(input.read()), "{input:?}");
        }
        for input in [Input::Text { text: " ".into() }, Input::Pasted { html: String::new(), text: String::new() }] {
            assert_eq!(input.read_at_once(), None, "{input:?} is read by the parser");
        }
    }

    /// A fixture's text.
    fn fixture(path: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// An input of every kind, with what it reads as.
    fn every_kind() -> Vec<(Input, ReadFrom)> {
        use crate::view::samples::{HONGZE_2024, HONGZE_2024_ERRORS};
        let page = fixture("tests/fixtures/inputs/hongze-district-2024.word.html");
        let xml = fixture("tests/fixtures/inputs/hongze-district-2024.document.xml");
        let pdf = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/hongze-district-2024.pdf"))
            .expect("the sample PDF");
        let extracted = crate::input::pdf::read(&pdf).expect("the sample PDF reads");
        let pages = extracted.pages.clone();
        vec![
            (Input::Text { text: HONGZE_2024_ERRORS.into() }, ReadFrom::Text),
            (Input::Text { text: page.clone() }, ReadFrom::Markup),
            (Input::Pasted { html: page.clone(), text: HONGZE_2024.into() }, ReadFrom::PastedHtml),
            (Input::Pasted { html: "<p>没有表格</p>".into(), text: HONGZE_2024_ERRORS.into() }, ReadFrom::Text),
            (Input::Html { html: page, text: String::new() }, ReadFrom::Html),
            (Input::Docx { xml, text: String::new() }, ReadFrom::Docx),
            (Input::Pdf { text: extracted.text, pages: pages.clone() }, ReadFrom::Pdf(pages)),
            (Input::Refused { message: "这个 PDF 是扫描件。".into() }, ReadFrom::Refused("这个 PDF 是扫描件。".into())),
            (Input::default(), ReadFrom::Text),
        ]
    }

    #[test]
    fn checking_a_reading_passed_between_the_modules_is_checking_the_input() {
        for (input, read_from) in every_kind() {
            let checked = input.check();
            assert_eq!(checked.read_from, read_from, "{:.60}", input.shown());
            // What the page's two modules do: the second reads and sends the report and the
            // tag, the first decodes them (the pages and a refusal from the input it holds)
            // and checks.
            let (report, from) = input.read();
            let report = reading::decode(&reading::encode(&report)).expect("the reading decodes");
            let from = ReadFrom::from_tag(from.tag(), &input).expect("the tag fits the input");
            assert_eq!(Outcome::of(report, from), checked, "{read_from:?}");
            if input.read_at_once().is_none() {
                assert!(!checked.checked.report.cells.is_empty(), "{read_from:?} reads the sample's tables");
            }
        }
    }

    #[test]
    fn a_report_not_read_is_not_checked() {
        for outcome in [Outcome::reading(), Input::Refused { message: "不读".into() }.check()] {
            assert!(!outcome.is_read());
            assert!(outcome.checked.findings.is_empty(), "nothing of it reads as a fault or a pass");
        }
        assert_eq!(Outcome::reading().read_from, ReadFrom::Reading);
        assert!(Input::Text { text: "表三".into() }.check().is_read());
        // A tag that does not fit the input the page holds is no reading.
        let text = Input::Text { text: "年报".into() };
        assert_eq!(ReadFrom::from_tag(ReadFrom::Docx.tag(), &text), None);
        assert_eq!(ReadFrom::from_tag(0, &text), None);
        assert_eq!(ReadFrom::from_tag(ReadFrom::Reading.tag(), &text), None);
    }
}
