//! One report as the reviewer gave it ([`Input`]) and the core's result for it ([`Outcome`]).
//! Plain data, no DOM and no signals: the app keeps one `Input` signal per open report and
//! derives the `Outcome` with a memo.

use crate::{Checked, PasteSource, check_document, check_html, check_paste, check_text};

/// A report as the reviewer gave it: what the text area shows, and what the core reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Text typed or pasted as plain text, a sample, or a decoded .txt file: the text area
    /// holds it, and spans point into it.
    Text { text: String },
    /// A paste with both clipboard flavours: the text area shows the plain text, and
    /// [`check_paste`] decides which flavour is read (spans point into that one).
    Pasted { html: String, text: String },
    /// An .html file, read from its decoded source; the text area shows `text`, the page
    /// laid out as lines ([`crate::parse::layout::Document::to_text`]).
    Html { html: String, text: String },
    /// A .docx: the XML of its document part, read without positions; `text` as for HTML.
    Docx { xml: String, text: String },
    /// A file that is not read, with the reader's message for the reviewer.
    Refused { message: String },
}

/// What a report was read from, which is what its spans point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFrom {
    /// The text the text area shows.
    Text,
    /// The HTML flavour of a paste.
    PastedHtml,
    /// The source of an .html file.
    Html,
    /// A .docx (no positions).
    Docx,
    /// Not read: the reader's message.
    Refused(String),
}

impl ReadFrom {
    /// Whether spans point into HTML source.
    pub fn is_html(&self) -> bool {
        matches!(self, ReadFrom::PastedHtml | ReadFrom::Html)
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
            Input::Text { text } | Input::Pasted { text, .. } | Input::Html { text, .. } | Input::Docx { text, .. } => text,
            Input::Refused { .. } => "",
        }
    }

    /// Reads and checks the input: the one call into the core per report.
    pub fn check(&self) -> Outcome {
        let (checked, read_from) = match self {
            Input::Text { text } => (check_text(text), ReadFrom::Text),
            Input::Pasted { html, text } => match check_paste(Some(html), text) {
                (checked, PasteSource::Html) => (checked, ReadFrom::PastedHtml),
                (checked, PasteSource::Text) => (checked, ReadFrom::Text),
            },
            Input::Html { html, .. } => (check_html(html), ReadFrom::Html),
            Input::Docx { xml, .. } => (check_document(&crate::input::docx::document(xml)), ReadFrom::Docx),
            Input::Refused { message } => (check_text(""), ReadFrom::Refused(message.clone())),
        };
        Outcome { checked, read_from }
    }

    /// The text the spans of `outcome` point into, when it has positions.
    pub fn source<'a>(&'a self, outcome: &Outcome) -> Option<&'a str> {
        match (self, &outcome.read_from) {
            (Input::Pasted { html, .. } | Input::Html { html, .. }, ReadFrom::PastedHtml | ReadFrom::Html) => Some(html),
            (Input::Text { text } | Input::Pasted { text, .. }, ReadFrom::Text) => Some(text),
            _ => None,
        }
    }

    /// How many bytes the input holds (to decide whether to show progress first).
    pub fn size(&self) -> usize {
        match self {
            Input::Text { text } => text.len(),
            Input::Pasted { html, text } | Input::Html { html, text } => html.len() + text.len(),
            Input::Docx { xml, text } => xml.len() + text.len(),
            Input::Refused { .. } => 0,
        }
    }
}
