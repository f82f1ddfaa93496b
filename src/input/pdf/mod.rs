//! A PDF's text layer → text laid out in columns, which the text parser reads like the
//! output of `pdftotext -layout` (see `layout`).
//!
//! # Stages
//!
//! ```text
//! bytes ── file ──► cross-reference (tables, streams, updates; rebuilt by scanning when
//!          │        damaged), objects (object streams), the security handler (security,
//!          │        crypto), stream data (filters; inflating is the caller's)
//!          ├ pages ─► the page tree with inherited resources, media box, rotation
//!          ├ content ► glyphs: each shown character with its place, size and advance,
//!          │           through fonts (font, cmap) and Form XObjects
//!          └ layout ─► per page: lines of fields at character columns; vertical labels
//! ```
//!
//! # A resumable reader
//!
//! `FlateDecode` is how nearly every stream in a PDF is stored. Object streams and
//! cross-reference streams are themselves compressed and must be read before the pages can
//! even be found, so the streams needed are not known up front. The reader is therefore a
//! loop its caller drives, inflating between rounds:
//!
//! ```text
//! let mut reader = Reader::new(bytes);
//! loop {
//!     match reader.round() {
//!         Next::Inflate(requests) => for r in requests {        // zlib data, a limit
//!             reader.supply(r.key, inflate(&r.data, r.limit));
//!         }
//!         Next::Done(result) => break result,                    // Extracted or PdfError
//!     }
//! }
//! ```
//!
//! [`read`] is that loop with `miniz_oxide`, natively and in the page's second module. The
//! page first inflated with the browser's `DecompressionStream` (as it does a .docx part),
//! which kept an inflater out of the wasm; but for a 5-page report its eleven small streams
//! took 9 ms there, most of the reading, where `miniz_oxide` takes well under one, and the
//! second module is not in the first load.
//!
//! Each call of `round` is one round: it reads the file from the start with the streams
//! supplied so far, and every step that needs a stream not yet inflated records a request
//! and lets the round go on with whatever else it can reach, so that one round asks for
//! everything it can see. A file asks for streams in at most three rounds (its
//! cross-reference streams; its object streams; the pages' contents, `ToUnicode` maps and
//! forms), one for a file with classic tables, and the rounds are limited
//! ([`PDF_MAX_ROUNDS`]), so reading stays linear. Requests ask for zlib data (RFC 1950; a
//! few writers put raw deflate in `FlateDecode`, which [`inflate_zlib`] also takes), already
//! decrypted; an inflater stops past the request's limit (the stream size and ratio
//! limits) and reports [`Inflated::TooLarge`]; damaged data yields what came out before
//! the damage, as viewers show it.

mod cmap;
mod content;
mod crypto;
mod file;
mod filters;
mod font;
mod layout;
mod lexer;
mod pages;
mod security;

use std::collections::HashMap;
use std::fmt;

use super::error::megabytes;
use super::limits;
use limits::{
    MAX_TEXT_BYTES, PDF_MAX_INFLATED_TOTAL, PDF_MAX_OBJECTS, PDF_MAX_OPERATORS_PER_PAGE, PDF_MAX_PAGES, PDF_MAX_ROUNDS,
    PDF_MAX_STREAM_BYTES,
};

pub use file::{Inflated, Request};

/// Why a PDF is not read. The messages are in `input::error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// The structure cannot be read even by scanning for objects.
    Corrupt,
    /// Encrypted with a user password that is not empty.
    Password,
    /// Encrypted by a handler other than the standard one, or an unknown version.
    EncryptionUnsupported,
    /// Every page is an image: a scan without a text layer.
    Scanned,
    /// Text is shown, but in fonts that map none of it to characters.
    NoUnicode,
    /// No text and no images.
    NoText,
    TooManyObjects,
    TooManyPages,
    /// Content that runs past the operator (or glyph) budget.
    TooManyOperators,
    /// A stream that decodes past its size or compression-ratio limit (a bomb).
    StreamTooLarge,
    /// A structure that needs more rounds of inflating than any real file.
    TooComplex,
    /// Laid out, the text passes the limit on text (`MAX_TEXT_BYTES`).
    TextTooLarge,
}

/// What a refused PDF gets: what was found, and what to do instead. The messages live with
/// the reader, so that a module of its own carries them.
impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self;
        let copy = "请在 PDF 阅读器中打开它，全选复制文字后粘贴；或找到报告的网页或 Word/WPS 原文件。";
        let hostile = "不是正常的年度报告，可能已损坏或被恶意构造，已停止读取。";
        match e {
            PdfError::Corrupt => write!(f, "这个 PDF 文件已损坏，无法读取其中的文字。{copy}"),
            PdfError::Password => write!(
                f,
                "这个 PDF 文件设有打开密码，无法读取。请用 PDF 阅读器输入密码打开后全选复制文字粘贴，或向发布单位索取无密码的文件。"
            ),
            PdfError::EncryptionUnsupported => write!(f, "这个 PDF 文件使用了不支持的加密方式，无法读取。{copy}"),
            PdfError::Scanned => write!(
                f,
                "这个 PDF 是扫描件：每一页都是图片，没有文字层，无法读取其中的数字。请找到报告的网页或 Word/WPS 原文件；或先用 OCR（文字识别）软件识别成文字，仔细核对后粘贴。"
            ),
            PdfError::NoUnicode => write!(
                f,
                "这个 PDF 中的文字使用了无法转换为汉字的字体编码（字体缺少 ToUnicode 映射），无法读取。请在 PDF 阅读器中试着复制文字粘贴；若复制出的是乱码，请找到报告的网页或 Word/WPS 原文件。"
            ),
            PdfError::NoText => write!(f, "这个 PDF 文件没有任何文字内容。{copy}"),
            PdfError::TooManyObjects => write!(f, "这个 PDF 文件含有超过 {PDF_MAX_OBJECTS} 个对象，{hostile}{copy}"),
            PdfError::TooManyPages => write!(f, "这个 PDF 文件超过 {PDF_MAX_PAGES} 页，{hostile}{copy}"),
            PdfError::TooManyOperators => {
                write!(f, "这个 PDF 文件的某一页含有超过 {PDF_MAX_OPERATORS_PER_PAGE} 个绘制指令，{hostile}{copy}")
            }
            PdfError::StreamTooLarge => {
                write!(f, "这个 PDF 文件中的数据解压后超过 {}，或压缩比异常，{hostile}{copy}", megabytes(PDF_MAX_STREAM_BYTES))
            }
            PdfError::TooComplex => write!(f, "这个 PDF 文件的结构嵌套过深，{hostile}{copy}"),
            PdfError::TextTooLarge => {
                write!(f, "这个 PDF 文件提取出的文字超过 {} 的上限，{hostile}{copy}", megabytes(MAX_TEXT_BYTES))
            }
        }
    }
}

/// A PDF's text, laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// The pages' text, a line with a form feed alone between pages.
    pub text: String,
    pub pages: Pages,
}

/// Which page each part of the extracted text came from, and which pages gave no text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pages {
    /// The byte offset in the text where each page starts.
    pub starts: Vec<usize>,
    /// Pages (numbered from 1) that show images and no text: scanned pages.
    pub scanned: Vec<u32>,
    /// Pages (numbered from 1) whose text is in fonts without a map to characters.
    pub unmapped: Vec<u32>,
}

impl Pages {
    pub fn count(&self) -> u32 {
        self.starts.len() as u32
    }

    /// What a reviewer must know about pages that were not read, in Chinese; `None` when
    /// every page with content gave text.
    pub fn notice(&self) -> Option<String> {
        let list = |pages: &[u32]| pages.iter().map(|p| format!("第 {p} 页")).collect::<Vec<_>>().join("、");
        let mut parts = Vec::new();
        if !self.scanned.is_empty() {
            parts.push(format!("{}只有图片、没有文字层（扫描页），其中的内容未读取", list(&self.scanned)));
        }
        if !self.unmapped.is_empty() {
            parts.push(format!("{}的文字字体缺少编码映射，未能读取", list(&self.unmapped)));
        }
        (!parts.is_empty()).then(|| format!("{}；这些页上的表格和数字未经检查，请对照原文核对。", parts.join("；")))
    }

    /// The page (from 1) the text at byte `offset` came from.
    pub fn page_at(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset).max(1) as u32
    }

    /// The pages as 32-bit words, as the page's PDF module hands them over (its memory is
    /// read as words): the number of page starts and the starts, then the scanned pages and
    /// the unmapped pages likewise.
    pub fn to_words(&self) -> Vec<u32> {
        let mut out = vec![self.starts.len() as u32];
        out.extend(self.starts.iter().map(|&s| s as u32));
        for list in [&self.scanned, &self.unmapped] {
            out.push(list.len() as u32);
            out.extend(list);
        }
        out
    }

    /// The pages from [`Pages::to_words`]; `None` for words not of that shape.
    pub fn from_words(words: &[u32]) -> Option<Pages> {
        let mut rest = words;
        let mut list = || -> Option<Vec<u32>> {
            let (&n, tail) = rest.split_first()?;
            let n = usize::try_from(n).ok().filter(|&n| n <= tail.len())?;
            let (list, tail) = tail.split_at(n);
            rest = tail;
            Some(list.to_vec())
        };
        let starts = list()?.into_iter().map(|s| s as usize).collect();
        let (scanned, unmapped) = (list()?, list()?);
        rest.is_empty().then_some(Pages { starts, scanned, unmapped })
    }
}

/// One round of reading, or the result.
#[derive(Debug)]
pub enum Next {
    Inflate(Vec<Request>),
    Done(Result<Extracted, PdfError>),
}

/// The resumable reader (see the module documentation).
pub struct Reader<'a> {
    data: &'a [u8],
    inflated: HashMap<u64, Vec<u8>>,
    rounds: usize,
    total: usize,
    failed: Option<PdfError>,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, inflated: HashMap::new(), rounds: 0, total: 0, failed: None }
    }

    /// Hands over the inflater's output for request `key`.
    pub fn supply(&mut self, key: u64, inflated: Inflated) {
        match inflated {
            Inflated::Data(data) => {
                self.total = self.total.saturating_add(data.len());
                if self.total > PDF_MAX_INFLATED_TOTAL {
                    self.failed = Some(PdfError::StreamTooLarge);
                }
                self.inflated.insert(key, data);
            }
            Inflated::TooLarge => self.failed = Some(PdfError::StreamTooLarge),
        }
    }

    /// Runs one round: the streams to inflate before the next, or the result.
    pub fn round(&mut self) -> Next {
        if let Some(e) = self.failed.clone() {
            return Next::Done(Err(e));
        }
        self.rounds += 1;
        if self.rounds > PDF_MAX_ROUNDS {
            return Next::Done(Err(PdfError::TooComplex));
        }
        let mut file = file::File::new(self.data, &self.inflated);
        let outcome = round(&mut file);
        match outcome {
            Ok(extracted) => Next::Done(extracted),
            Err(file::Stop::Fatal(e)) => Next::Done(Err(e)),
            Err(file::Stop::Pending) => {
                let requests = std::mem::take(&mut file.requests);
                if requests.is_empty() {
                    // Nothing new to ask for: the round cannot make progress.
                    Next::Done(Err(PdfError::Corrupt))
                } else {
                    Next::Inflate(requests)
                }
            }
        }
    }
}

/// One round over the whole file.
fn round(file: &mut file::File) -> file::Step<Result<Extracted, PdfError>> {
    file.open()?;
    let pages = pages::pages(file)?;
    let mut interpreter = content::Interpreter::default();
    let mut pending = false;
    for page in &pages {
        match interpreter.prefetch(file, page) {
            Ok(()) => {}
            Err(file::Stop::Pending) => pending = true,
            Err(e) => return Err(e),
        }
    }
    if pending {
        return Err(file::Stop::Pending);
    }
    let mut text = String::new();
    let mut info = Pages::default();
    let mut any_text = false;
    let mut any_images = false;
    for (i, page) in pages.iter().enumerate() {
        let content = interpreter.run(file, page)?;
        let number = i as u32 + 1;
        if i > 0 {
            text.push_str("\n\u{c}\n");
        }
        info.starts.push(text.len());
        let page_text = layout::page_text(&content, MAX_TEXT_BYTES - text.len().min(MAX_TEXT_BYTES));
        if text.len() + page_text.len() > MAX_TEXT_BYTES {
            return Err(file::Stop::Fatal(PdfError::TextTooLarge));
        }
        any_images |= content.has_images;
        if page_text.trim().is_empty() {
            if content.unmapped > 0 {
                info.unmapped.push(number);
            } else if content.has_images {
                info.scanned.push(number);
            }
        } else {
            any_text = true;
        }
        text.push_str(&page_text);
    }
    if !any_text {
        return Ok(Err(if !info.unmapped.is_empty() {
            PdfError::NoUnicode
        } else if any_images {
            PdfError::Scanned
        } else {
            PdfError::NoText
        }));
    }
    text.push('\n');
    Ok(Ok(Extracted { text, pages: info }))
}

/// Reads a PDF, inflating with `miniz_oxide`.
pub fn read(data: &[u8]) -> Result<Extracted, PdfError> {
    let mut reader = Reader::new(data);
    loop {
        match reader.round() {
            Next::Done(result) => return result,
            Next::Inflate(requests) => {
                for r in requests {
                    let out = inflate_zlib(&r.data, r.limit);
                    reader.supply(r.key, out);
                }
            }
        }
    }
}

/// Inflates zlib data (or raw deflate, which some writers put in `FlateDecode` streams),
/// keeping what came out before any damage, stopping past `limit`.
pub fn inflate_zlib(data: &[u8], limit: usize) -> Inflated {
    use miniz_oxide::inflate::TINFLStatus;
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_HAS_MORE_INPUT, TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{DecompressorOxide, decompress};
    let zlib = data.len() >= 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF | if zlib { TINFL_FLAG_PARSE_ZLIB_HEADER } else { 0 };
    let mut state = DecompressorOxide::new();
    let mut out = vec![0u8; 64 * 1024.min(limit.max(1))];
    let mut out_pos = 0;
    let mut in_pos = 0;
    loop {
        let (status, read, written) = decompress(&mut state, &data[in_pos..], &mut out, out_pos, flags | TINFL_FLAG_HAS_MORE_INPUT);
        in_pos += read;
        out_pos += written;
        if out_pos > limit {
            return Inflated::TooLarge;
        }
        match status {
            TINFLStatus::HasMoreOutput => {
                if out.len() > limit {
                    return Inflated::TooLarge;
                }
                let grown = (out.len() * 2).min(limit + 1);
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput if in_pos < data.len() => {}
            _ => {
                out.truncate(out_pos);
                return Inflated::Data(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_of_an_offset() {
        let pages = Pages { starts: vec![0, 10, 25], ..Pages::default() };
        assert_eq!([0, 9, 10, 24, 25, 1000].map(|o| pages.page_at(o)), [1, 1, 2, 2, 3, 3]);
    }

    #[test]
    fn pages_cross_to_the_page_as_words_and_back() {
        let pages = Pages { starts: vec![0, 1200, 5000], scanned: vec![4], unmapped: vec![] };
        assert_eq!(Pages::from_words(&pages.to_words()), Some(pages));
        assert_eq!(Pages::from_words(&Pages::default().to_words()), Some(Pages::default()));
        // Counts that run past the words, or words left over, are not pages.
        assert_eq!(Pages::from_words(&[5, 0]), None);
        assert_eq!(Pages::from_words(&[0, 0, 0, 7]), None);
        assert_eq!(Pages::from_words(&[]), None);
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        for data in [&b"%PDF-1.7\n"[..], b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", b""] {
            assert!(read(data).is_err());
        }
    }
}
