//! Reading inputs: pasted HTML, .html, .txt and .docx files → the same [`Document`] the
//! text parser reads, or a refusal the user can act on.
//!
//! # The flow
//!
//! ```text
//! bytes + file name ── sniff::identify ──► FileType::{Text, Html}(Charset) ── decode ──► text ──┐
//!         (magic bytes, limits)          └► FileType::Docx ── docx::locate ── inflate ──► XML ──┤
//!                                        └► FileType::Pdf ── pdf::Reader ⇄ inflate ──► text ────┤
//!                                        └► ReadError (.doc, image, zip bomb, scan…)            │
//! pasted text/html ─────────────────────────────────────────────────────────────────────────────┤
//!                                                                                               ▼
//!                      Loaded { kind, text } ── Loaded::document ──► Document ──► parse_document
//! ```
//!
//! [`Loaded::text`] is what spans point into: the decoded text of a .txt (not its bytes),
//! the HTML source of a page (as decoded, for a file). A .docx has no text a user could be
//! shown positions in, so its reports carry no spans ([`forget_positions`]).
//!
//! # Browser and native
//!
//! Everything here is plain Rust and runs in both builds, so a paste or a file gives the
//! same report in the app and on the command line. Only two steps use the platform: decoding
//! GB18030/Big5 (`encoding_rs` natively, `TextDecoder` in the browser: both implement the
//! WHATWG Encoding Standard) and inflating a .docx part (`miniz_oxide` natively,
//! `DecompressionStream` in the browser). The browser glue calls:
//!
//! 1. [`identify`]`(name, bytes)` → a [`FileType`] or a [`ReadError`] to show;
//! 2. for `Text`/`Html`: [`encoding::decode_unicode`] for UTF-8/16, or
//!    `new TextDecoder(charset.label()).decode(bytes)` for the legacy charsets; then
//!    [`Loaded::new`];
//! 3. for `Docx`: [`docx::locate`]`(bytes)` → a [`docx::DocumentEntry`]; inflate its `compressed`
//!    (deflate-raw, or gzip around [`zip::Entry::gzip`] on older Chromium) stopping past
//!    [`docx::DocumentEntry::inflate_limit`]; then [`docx::DocumentEntry::finish`] → XML → [`Loaded::new`]
//!    with [`Kind::Docx`];
//! 4. `crate::check_document(&loaded.document())`.
//!
//! Natively, [`read_file`] does all of it.
//!
//! # Choices
//!
//! **HTML tokenizer: hand-written (`markup`), not a crate.** What the reader needs is every
//! text run with its exact byte range and every character reference with its own range, so
//! that a cell's span points into the source and `&nbsp;` can be told from text. Of the
//! candidates (sources read at html5gum 0.9.0, htmlparser 0.2.1, tl 0.7.8, lol_html 3.0):
//! `html5gum` (well kept, WHATWG-exact, with spans) decodes references into owned strings
//! whose span covers the whole text run, so per-reference positions would have to be found
//! again by hand, and it carries the full 2,231-name entity table (157 KB of source) into
//! the wasm; `htmlparser` (an `xmlparser` fork) gives spans but returns errors on malformed
//! markup, which Word-pasted pages are full of; `tl` builds a DOM of slices (positions only
//! by pointer arithmetic) and does not tell references from text; `lol_html` is a streaming
//! rewriter built around CSS selectors, far too heavy for the app. The reader does
//! not need a DOM either: inline elements leave no trace, only tables nest. The tokenizer is
//! about 300 lines following the WHATWG states that matter for text (comments, raw text,
//! RCDATA, quoted attributes), with tests for broken markup, and the same code reads the
//! XML of a .docx, so no XML crate (`quick-xml`) is needed.
//!
//! **Zip: the directory reader is hand-written (`zip`), inflating is plugged in.** The
//! `zip` crate inflates by itself through `Read + Seek`, so the browser could not use its
//! own `DecompressionStream`; a .docx needs only the central directory and one entry, about
//! 200 lines with every offset checked. `miniz_oxide` inflates natively (pure Rust, the
//! backend of `flate2`, with an output limit). The `zip` crate is used in tests only, as an
//! independent writer of the .docx fixtures.
//!
//! # Invariants
//!
//! - Nothing from a file is executed or turned into markup: the readers produce text only;
//!   `<script>`, `<style>` and event handler attributes are never read.
//! - No input panics the readers and none takes more than linear time; every limit is in
//!   [`limits`].
//! - A refusal names what was received and what is supported, in Chinese ([`ReadError`]).

pub mod docx;
pub mod encoding;
mod entities;
mod error;
pub mod html;
pub mod limits;
pub mod markup;
pub mod pdf;
mod sniff;
mod tree;
pub mod zip;

pub use encoding::Charset;
pub use error::{Archive, Image, Legacy, ReadError, SUPPORTED};
pub use sniff::{FileType, found_in_a_folder, identify, looks_like_markup};

use crate::model::{Note, Report};
use crate::parse::layout::Document;
use limits::MAX_TEXT_BYTES;

/// How a loaded input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    /// The document XML of a .docx.
    Docx,
    /// The text laid out from a PDF's text layer (`pdf`): read as text, spans point into it.
    Pdf,
}

/// An input ready to be read: its text (what spans point into) and how to lay it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub kind: Kind,
    pub text: String,
    /// For a PDF: which page each part of `text` came from, and the pages without text.
    pub pdf: Option<pdf::Pages>,
}

impl Loaded {
    /// Wraps the decoded text of a file (the browser decodes it, or [`read_file`]), refusing
    /// text past [`MAX_TEXT_BYTES`], HTML or document XML whose tables nest past
    /// [`limits::MAX_TABLE_DEPTH`], and a file that holds no text: white space only, or
    /// markup without text (a page of empty tables), so that the reviewer is told what was
    /// opened rather than shown an empty report. Markup is read once more for this: linear,
    /// and cheap beside the parse. A text file that is markup is judged as the HTML it is
    /// read as ([`crate::check_plain`]).
    pub fn new(kind: Kind, text: String) -> Result<Loaded, ReadError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(ReadError::TextTooLarge { bytes: text.len() });
        }
        let refusal = match kind {
            Kind::Text if text.chars().all(char::is_whitespace) => Some(ReadError::NoText(Kind::Text)),
            Kind::Text if looks_like_markup(&text) => html::refusal(&text),
            Kind::Text | Kind::Pdf => None,
            Kind::Html => html::refusal(&text),
            Kind::Docx => docx::refusal(&text),
        };
        match refusal {
            Some(refusal) => Err(refusal),
            None => Ok(Loaded { kind, text, pdf: None }),
        }
    }

    /// Wraps the text laid out from a PDF, with its pages.
    pub fn from_pdf(extracted: pdf::Extracted) -> Result<Loaded, ReadError> {
        let mut loaded = Loaded::new(Kind::Pdf, extracted.text)?;
        loaded.pdf = Some(extracted.pages);
        Ok(loaded)
    }

    /// The input as lines of fields.
    pub fn document(&self) -> Document<'_> {
        match self.kind {
            Kind::Text | Kind::Pdf => Document::from_text(&self.text),
            Kind::Html => html::document(&self.text),
            Kind::Docx => docx::document(&self.text),
        }
    }
}

/// Reads a file natively: identifies it, decodes it or extracts its document XML.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Loaded, ReadError> {
    load(identify(name, bytes)?, bytes)
}

/// Removes every span from a report read from a document without text positions (a .docx):
/// its spans point into XML the user never sees. The destructuring names every field, so a
/// field added to the report without being handled here does not compile.
pub fn forget_positions(report: &mut Report) {
    let Report {
        format: _,
        year: _,
        title: _,
        body: _,
        published,
        title_year,
        period_year,
        parts,
        tables,
        cells,
        notes,
        claims,
        corrected,
    } = report;
    claims.iter_mut().for_each(|c| c.span = None);
    corrected.values_mut().flatten().for_each(|c| c.span = None);
    for located in
        [published.as_mut().map(|l| &mut l.span), title_year.as_mut().map(|l| &mut l.span), period_year.as_mut().map(|l| &mut l.span)]
            .into_iter()
            .flatten()
    {
        *located = None;
    }
    parts.values_mut().for_each(|span| *span = None);
    tables.values_mut().for_each(|t| t.span = None);
    cells.values_mut().for_each(|c| c.span = None);
    for note in notes {
        match note {
            Note::RunTogetherSplit { span, .. }
            | Note::RunTogetherAmbiguous { span, .. }
            | Note::RowIncomplete { span, .. }
            | Note::OrderLost { span, .. }
            | Note::TableMissing { heading: span, .. } => *span = None,
            Note::RunTogetherInconsistent { rows, .. } => rows.iter_mut().for_each(|r| r.span = None),
            Note::RowsMissing { .. } | Note::MixedFormat { .. } => {}
        }
    }
}

/// [`read_file`] for bytes the caller owns and need not keep (the command line): valid
/// UTF-8, the usual case, is validated once, with SIMD ([`sniff::identify_utf8`] does not
/// again), and becomes the text without a copy; other bytes are read as [`read_file`] reads
/// them.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_file_owned(name: &str, bytes: Vec<u8>) -> Result<Loaded, ReadError> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return read_file(name, &bytes);
    }
    // SAFETY: the bytes were validated as UTF-8 just above.
    let mut text = unsafe { String::from_utf8_unchecked(bytes) };
    let kind = match sniff::identify_utf8(name, &text)? {
        FileType::Text(Charset::Utf8) => Kind::Text,
        FileType::Html(Charset::Utf8) => Kind::Html,
        // UTF-16 without a byte order mark, a .docx or a PDF whose bytes happen to be valid.
        other => return load(other, text.as_bytes()),
    };
    // The text as `encoding::decode` gives it: without a byte order mark.
    if text.starts_with('\u{FEFF}') {
        text.replace_range(..'\u{FEFF}'.len_utf8(), "");
    }
    Loaded::new(kind, text)
}

/// Reads a file of the type [`identify`] found: decodes it or extracts its document XML.
#[cfg(not(target_arch = "wasm32"))]
fn load(file_type: FileType, bytes: &[u8]) -> Result<Loaded, ReadError> {
    match file_type {
        FileType::Text(charset) => Loaded::new(Kind::Text, encoding::decode(bytes, charset)),
        FileType::Html(charset) => Loaded::new(Kind::Html, encoding::decode(bytes, charset)),
        FileType::Docx => Loaded::new(Kind::Docx, docx::read_xml(bytes)?),
        FileType::Pdf => Loaded::from_pdf(pdf::read(bytes).map_err(ReadError::PdfUnreadable)?),
    }
}
