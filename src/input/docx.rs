//! .docx → [`Document`]: paragraphs and tables of `word/document.xml`.
//!
//! A paragraph (`w:p`) is a text line, its tabs (`w:tab`) delimit fields as in text copied
//! from Word; a table row (`w:tr`) is a delimited line with one field per cell (`w:tc`); a
//! cell spanning columns (`w:gridSpan`) comes once, and a cell that continues a vertical
//! merge (`w:vMerge` without `restart`) comes not at all, as HTML leaves out the cells a
//! rowspan covers. Text is the text of `w:t` runs; `w:br` and `w:cr` break lines (spaces
//! inside a cell). Deleted text (`w:del`, `w:moveFrom`), hidden runs (`w:vanish`) and the
//! fallback copy of a text box (`mc:Fallback`) are left out, as Word does not show them.
//!
//! The XML is read with the tokenizer the HTML reader uses (`markup`, XML mode), so no XML
//! crate is needed and the browser runs the same code. Pieces point into the document XML;
//! the document is marked [`Document::extracted`], so a report read from it carries no
//! spans (a .docx has no text positions a user could be shown).

use std::borrow::Cow;

use super::ReadError;
use super::limits::MAX_DOCX_XML_BYTES;
use super::markup::{self, Mode, Tag, Token};
use super::tree::Tree;
use super::zip::{Archive, Entry, Inflate, ZipError};
use crate::model::Span;
use crate::parse::layout::{Document, Piece};

/// The zip entry of a .docx's main document part, located in its zip directory but not yet
/// inflated: the browser inflates [`DocumentEntry::compressed`] itself
/// (`DecompressionStream`) and hands the result to [`DocumentEntry::finish`].
#[derive(Debug)]
pub struct DocumentEntry<'a> {
    pub entry: Entry<'a>,
    /// The entry's bytes as stored in the zip.
    pub compressed: &'a [u8],
}

impl<'a> DocumentEntry<'a> {
    /// Whether the part is deflated (otherwise it is stored, and `compressed` is the XML).
    pub fn is_deflated(&self) -> bool {
        self.entry.method == 8
    }

    /// How many bytes the inflated part may have: an inflater must stop past it.
    pub fn inflate_limit(&self) -> Result<usize, ReadError> {
        self.entry.inflate_limit(MAX_DOCX_XML_BYTES).map_err(docx_error)
    }

    /// Checks the inflated part (size, CRC-32) and decodes it as text.
    pub fn finish(&self, xml: Vec<u8>) -> Result<String, ReadError> {
        let cap = self.inflate_limit()?;
        if xml.len() > cap {
            return Err(docx_error(self.entry.past(cap)));
        }
        self.entry.check(&xml).map_err(docx_error)?;
        xml_text(xml)
    }

    /// Inflates the part with `inflater` and checks it.
    pub fn extract(&self, inflater: &dyn Inflate) -> Result<String, ReadError> {
        let xml = self.entry.inflate(self.compressed, inflater, MAX_DOCX_XML_BYTES).map_err(docx_error)?;
        xml_text(xml)
    }
}

/// Finds the main document part of a .docx: `word/document.xml` (or `word/document2.xml`,
/// which Word on the web writes).
pub fn locate(bytes: &[u8]) -> Result<DocumentEntry<'_>, ReadError> {
    let archive = Archive::open(bytes).map_err(docx_error)?;
    let entry = archive
        .find("word/document.xml")
        .or_else(|| archive.entries.iter().find(|e| is_numbered_document(e.name)))
        .ok_or(ReadError::DocxCorrupt)?
        .clone();
    let compressed = archive.raw(&entry).map_err(docx_error)?;
    Ok(DocumentEntry { entry, compressed })
}

/// The document XML of a .docx, inflated natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_xml(bytes: &[u8]) -> Result<String, ReadError> {
    locate(bytes)?.extract(&super::zip::NativeInflate)
}

/// Lays out the document XML of a .docx as lines of fields. Never fails.
pub fn document(xml: &str) -> Document<'_> {
    let mut doc = Document { extracted: true, ..Document::default() };
    read(xml).tree.layout(Vec::new(), &mut doc);
    doc
}

/// Why a document is not read, if it is not: its tables (`w:tbl`) nest past
/// [`MAX_TABLE_DEPTH`](super::limits::MAX_TABLE_DEPTH), or it holds no text; see
/// [`super::html::refusal`].
pub fn refusal(xml: &str) -> Option<ReadError> {
    let tree = read(xml).tree;
    if tree.too_deep() {
        Some(ReadError::TablesTooDeep)
    } else if !tree.has_text() {
        Some(ReadError::NoText(super::Kind::Docx))
    } else {
        None
    }
}

fn read(xml: &str) -> Reader<'_> {
    let mut reader = Reader::default();
    for token in markup::tokens(xml, Mode::Xml) {
        reader.token(token);
    }
    reader
}

/// `word/document2.xml` and the like.
fn is_numbered_document(name: &[u8]) -> bool {
    name.strip_prefix(b"word/document")
        .and_then(|rest| rest.strip_suffix(b".xml"))
        .is_some_and(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
}

fn docx_error(e: ZipError) -> ReadError {
    match e {
        ZipError::Corrupt => ReadError::DocxCorrupt,
        ZipError::Encrypted => ReadError::Encrypted,
        ZipError::UnsupportedMethod => ReadError::DocxCompression,
        ZipError::TooLarge => ReadError::DocxTooLarge,
    }
}

/// The XML as text: UTF-8 (the only encoding Word writes), or UTF-16 with its byte order
/// mark, which the XML standard also allows.
fn xml_text(xml: Vec<u8>) -> Result<String, ReadError> {
    use super::encoding::{Charset, bom, decode_unicode};
    match bom(&xml) {
        Some((charset @ (Charset::Utf16Le | Charset::Utf16Be), _)) => decode_unicode(&xml, charset).ok_or(ReadError::DocxCorrupt),
        _ => match String::from_utf8(xml) {
            Ok(text) => Ok(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text)),
            Err(e) => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        },
    }
}

/// The `w:val` attribute of an element, whatever its prefix.
fn val<'a>(tag: &Tag<'a>) -> Option<&'a str> {
    tag.attributes().find(|(n, _)| n.rsplit(':').next() == Some("val")).map(|(_, v)| v)
}

/// The namespace of WordprocessingML (transitional and strict).
const WORD_NAMESPACES: [&str; 2] =
    ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"];

/// Reads the tokens of the document XML into a [`Tree`].
#[derive(Default)]
struct Reader<'a> {
    tree: Tree<'a>,
    /// The prefix bound to the WordprocessingML namespace on the root element ("w" in every
    /// file seen; read so that another prefix works too).
    prefix: Option<&'a str>,
    /// Inside a run (`w:r`), where tabs and breaks count (a `w:tab` elsewhere is a tab stop).
    in_run: u32,
    /// Inside run properties: a `w:vanish` there hides the run.
    in_run_properties: bool,
    hidden_run: bool,
    /// Inside `w:t`.
    in_text: bool,
    /// Inside content that is not shown: deleted or moved-away text, a fallback copy.
    skipped: u32,
}

impl<'a> Reader<'a> {
    fn token(&mut self, token: Token<'a>) {
        match token {
            Token::Text { text, start } => {
                if self.shows_text() {
                    let piece = Piece { text: Cow::Borrowed(text), span: Span::new(start, start + text.len()), verbatim: true };
                    self.tree.text(piece, false);
                }
            }
            Token::Reference { text, span } => {
                if self.shows_text() {
                    self.tree.text(Piece { text, span, verbatim: false }, false);
                }
            }
            Token::Start(tag) => self.start(&tag),
            Token::End(tag) => self.end(&tag),
        }
    }

    fn shows_text(&self) -> bool {
        self.in_text && self.skipped == 0 && !self.hidden_run
    }

    /// The local name of a WordprocessingML element, `None` for other namespaces.
    fn word(&mut self, tag: &Tag<'a>) -> Option<&'a str> {
        if self.prefix.is_none() {
            self.prefix = tag
                .attributes()
                .find(|(_, v)| WORD_NAMESPACES.contains(v))
                .map(|(n, _)| n.strip_prefix("xmlns:").unwrap_or(""))
                .or(Some("w"));
        }
        let (prefix, local) = tag.local();
        (Some(prefix) == self.prefix).then_some(local)
    }

    fn start(&mut self, tag: &Tag<'a>) {
        let (_, local) = tag.local();
        let opens = !tag.self_closing;
        if local == "Fallback" && tag.name.starts_with("mc:") {
            self.skipped += u32::from(opens);
            return;
        }
        let Some(name) = self.word(tag) else { return };
        let at = tag.span;
        match name {
            "del" | "moveFrom" => self.skipped += u32::from(opens),
            _ if self.skipped > 0 => {}
            "p" => self.tree.line_break(at),
            "r" => {
                self.in_run += u32::from(opens);
                self.hidden_run = false;
            }
            "rPr" if self.in_run > 0 => self.in_run_properties = opens,
            "vanish" if self.in_run_properties => self.hidden_run = !matches!(val(tag), Some("0" | "false" | "off")),
            "t" => self.in_text = opens,
            "tab" | "ptab" if self.in_run > 0 && !self.in_run_properties => self.tree.tab(at),
            "br" | "cr" if self.in_run > 0 && !self.in_run_properties => self.tree.line_break(at),
            "noBreakHyphen" if self.in_run > 0 && !self.hidden_run => {
                self.tree.text(Piece { text: Cow::Borrowed("-"), span: at, verbatim: false }, false);
            }
            "tbl" => self.tree.open_table(at),
            "tr" => self.tree.open_row(at),
            "tc" => self.tree.open_cell(at, at.end),
            "vMerge" if val(tag) != Some("restart") => self.tree.skip_cell(),
            _ => {}
        }
    }

    fn end(&mut self, tag: &Tag<'a>) {
        let (_, local) = tag.local();
        if local == "Fallback" && tag.name.starts_with("mc:") {
            self.skipped = self.skipped.saturating_sub(1);
            return;
        }
        let Some(name) = self.word(tag) else { return };
        let at = tag.span;
        match name {
            "del" | "moveFrom" => self.skipped = self.skipped.saturating_sub(1),
            _ if self.skipped > 0 => {}
            "p" => self.tree.line_break(at),
            "r" => {
                self.in_run = self.in_run.saturating_sub(1);
                self.hidden_run = false;
            }
            "rPr" => self.in_run_properties = false,
            "t" => self.in_text = false,
            "tbl" => self.tree.close_table(at),
            "tr" => self.tree.close_row(at),
            "tc" => self.tree.close_cell(at),
            _ => {}
        }
    }
}
