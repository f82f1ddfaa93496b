//! What a file is: by its magic bytes first, its name second. Pure; runs everywhere.

use super::encoding::{self, Charset};
use super::error::{Archive as ArchiveKind, Image, Legacy, ReadError};
use super::limits::{MAX_FILE_BYTES, MAX_TEXT_BYTES};
use super::zip::Archive;

/// How a file that can be read is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    /// Plain text (.txt, markdown, text pasted into a file) in this encoding.
    Text(Charset),
    /// HTML in this encoding.
    Html(Charset),
    Docx,
    Pdf,
}

/// Identifies a file from its bytes and its name (which may be empty), or says why it is
/// not read.
pub fn identify(name: &str, bytes: &[u8]) -> Result<FileType, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::FileTooLarge { bytes: bytes.len() });
    }
    let ext = extension(name);
    if let Some(refusal) = magic(bytes, &ext) {
        return refusal;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if matches!(ext.as_str(), "mht" | "mhtml") || (may_start_mime_header(bytes) && is_mime_archive(bytes)) {
        return Err(ReadError::WebArchive);
    }
    let html_by_name = matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml" | "xht" | "asp" | "aspx" | "jsp" | "php");
    // What the bytes alone tell is told once; only HTML may declare a legacy charset.
    let by_bytes = encoding::detect_by_bytes(bytes);
    let charset = by_bytes.unwrap_or_else(|| encoding::legacy(bytes, true));
    if !encoding::looks_like_text(bytes, charset) {
        return Err(ReadError::Binary);
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ReadError::TextTooLarge { bytes: bytes.len() });
    }
    let html = html_by_name || looks_like_html(bytes, charset, ext.as_str() == "txt");
    // Only HTML may declare its charset; a text file's bytes alone decide.
    Ok(if html { FileType::Html(charset) } else { FileType::Text(by_bytes.unwrap_or_else(|| encoding::legacy(bytes, false))) })
}

/// File extensions of reports, read when a folder is opened.
const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx", "pdf"];

/// Extensions of documents a report is published as that are not read: met in a folder, each
/// is still opened (and refused with the reader's message saying what it is and what to do
/// instead), so that a folder does not pass with reports unread.
const OTHER_DOCUMENT_EXTENSIONS: &[&str] = &["ofd", "doc", "wps", "rtf", "odt", "mht", "mhtml"];

/// Whether a file found in a folder is taken as a report (or a document refused as one), by
/// its name. Other files (images, stylesheets, data) are skipped: a saved web page's folder
/// holds many, and none is a report. A file given by itself is always read.
pub fn found_in_a_folder(name: &str) -> bool {
    let ext = extension(name);
    REPORT_EXTENSIONS.contains(&ext.as_str()) || OTHER_DOCUMENT_EXTENSIONS.contains(&ext.as_str())
}

/// The file name's extension, lower-case.
fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// The refusal (or the .docx) that a file's magic bytes show; `None` for text.
fn magic(bytes: &[u8], ext: &str) -> Option<Result<FileType, ReadError>> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let refuse = |e| Some(Err(e));
    if b.is_empty() {
        return refuse(ReadError::Empty);
    }
    if b.starts_with(b"%PDF-") {
        return Some(Ok(FileType::Pdf));
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return refuse(compound_file(b, ext));
    }
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") || b.starts_with(b"PK\x07\x08") {
        return Some(zip_kind(b, ext));
    }
    let image = if b.starts_with(b"\x89PNG\r\n\x1A\n") {
        Some(Image::Png)
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Image::Jpeg)
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some(Image::Gif)
    } else if b.starts_with(b"BM") && b.get(6..10) == Some(&[0, 0, 0, 0]) {
        Some(Image::Bmp)
    } else if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        Some(Image::Webp)
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Some(Image::Tiff)
    } else if b.get(4..8) == Some(b"ftyp") && matches!(b.get(8..12), Some(b"heic" | b"heix" | b"mif1" | b"avif")) {
        Some(Image::Heic)
    } else {
        None
    };
    if let Some(image) = image {
        return refuse(ReadError::Image(image));
    }
    let archive = if b.starts_with(b"Rar!\x1A\x07") {
        Some(ArchiveKind::Rar)
    } else if b.starts_with(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        Some(ArchiveKind::SevenZip)
    } else if b.starts_with(&[0x1F, 0x8B]) {
        Some(ArchiveKind::Gzip)
    } else if b.starts_with(&[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        Some(ArchiveKind::Xz)
    } else {
        None
    };
    if let Some(archive) = archive {
        return refuse(ReadError::Archive(archive));
    }
    if b.starts_with(b"{\\rtf") {
        return refuse(ReadError::Rtf);
    }
    None
}

/// An OLE compound file: old Word, Excel or PowerPoint, or a password-protected Office
/// file of any age. The streams' names (UTF-16 in the directory) tell which.
fn compound_file(bytes: &[u8], ext: &str) -> ReadError {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptedPackage") {
        ReadError::Encrypted
    } else if has("WordDocument") {
        ReadError::LegacyOffice(Legacy::Word)
    } else if has("Workbook") || has("Book") {
        ReadError::LegacyOffice(Legacy::Excel)
    } else if has("PowerPoint Document") {
        ReadError::LegacyOffice(Legacy::PowerPoint)
    } else {
        ReadError::LegacyOffice(match ext {
            "doc" | "wps" | "dot" => Legacy::Word,
            "xls" | "et" => Legacy::Excel,
            "ppt" | "dps" => Legacy::PowerPoint,
            _ => Legacy::Unknown,
        })
    }
}

/// A zip: a .docx, another Office or OpenDocument file, an OFD, or a plain archive.
fn zip_kind(bytes: &[u8], ext: &str) -> Result<FileType, ReadError> {
    let Ok(archive) = Archive::open(bytes) else {
        return Err(if ext == "docx" { ReadError::DocxCorrupt } else { ReadError::Archive(ArchiveKind::Zip) });
    };
    if archive.has("word/document.xml") || archive.entries.iter().any(|e| e.name.starts_with(b"word/document")) {
        return Ok(FileType::Docx);
    }
    if archive.has("xl/workbook.xml") {
        return Err(ReadError::Spreadsheet);
    }
    if archive.has("ppt/presentation.xml") {
        return Err(ReadError::Presentation);
    }
    if archive.has("OFD.xml") {
        return Err(ReadError::Ofd);
    }
    // OpenDocument: the first entry, stored, is "mimetype" holding the media type.
    if let Some(mimetype) = archive.find("mimetype").and_then(|e| archive.raw(e).ok()) {
        if mimetype.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Err(ReadError::OpenDocumentText);
        }
        if mimetype.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Err(ReadError::Spreadsheet);
        }
        if mimetype.starts_with(b"application/vnd.oasis.opendocument.presentation") {
            return Err(ReadError::Presentation);
        }
    }
    Err(if ext == "docx" { ReadError::DocxCorrupt } else { ReadError::Archive(ArchiveKind::Zip) })
}

/// A MIME multipart file (.mht saved by a browser): headers first, a multipart type.
fn is_mime_archive(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start();
    (head.starts_with("mime-version:") || head.starts_with("from:") || head.starts_with("content-type:"))
        && head.contains("multipart/related")
}

/// Whether plain text is HTML source: a page's source, or what a CMS editor's source view
/// holds, pasted or saved as text. Such text is read as HTML (its tables keep their cells);
/// a report's text that merely mentions a tag (“<table>”, “<p>”) is not markup.
///
/// The text must start as markup starts (after white space: a doctype, a comment, an XML
/// declaration, or the tag of an element pages are made of) and, within its first
/// [`MARKUP_SCAN_BYTES`], end a block (a closing `</p>`, `</td>`, `</div>` … or a `<br>`).
/// A text report starts with its title or a heading, not with a tag; one that starts with a
/// stray tag left by a conversion is caught by the caller, which reads the text both ways
/// and keeps the reading with more cells ([`crate::check_plain`]).
pub fn looks_like_markup(text: &str) -> bool {
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let mut end = head.len().min(MARKUP_SCAN_BYTES);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let head = &head[..end];
    starts_as_markup(head) && ends_a_block(head)
}

/// How much of a text [`looks_like_markup`] looks at: a page's head (styles, scripts) comes
/// before its first block, and a few dozen KB holds it.
const MARKUP_SCAN_BYTES: usize = 64 * 1024;

/// Elements a page or a fragment of one starts with: a text starting with one of these tags
/// is markup. (Names separated by spaces: a list of string slices costs more wasm.)
const CONTENT_ELEMENTS: &str = "html head body meta link title style script base div p span table tbody thead tr td th \
    caption col colgroup br hr h1 h2 h3 h4 h5 h6 ul ol li dl dt dd a img font strong b i u em center section article \
    header footer main nav aside figure pre blockquote form o:p";

/// Elements whose end breaks a line: markup that structures a text closes some of them.
const BLOCK_ELEMENTS: &str = "p div td th tr table li h1 h2 h3 h4 h5 h6 section article body html ul ol dd dt pre \
    blockquote center caption tbody thead";

/// Whether `text` starts with a doctype, a comment, an XML declaration or a content tag.
fn starts_as_markup(text: &str) -> bool {
    let doctype = text.get(..9).is_some_and(|t| t.eq_ignore_ascii_case("<!doctype"));
    if doctype || text.starts_with("<!--") || text.starts_with("<?xml") {
        return true;
    }
    text.strip_prefix('<').is_some_and(|rest| tag_named(rest, CONTENT_ELEMENTS))
}

/// Whether `text` closes a block element or breaks a line with `<br>`.
fn ends_a_block(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let rest = &text[at + 1..];
        rest.strip_prefix('/').is_some_and(|name| tag_named(name, BLOCK_ELEMENTS)) || tag_named(rest, "br")
    })
}

/// Whether `rest` (what follows `<` or `</`) is a tag named one of `names` (separated by
/// spaces), in any case: the name followed by white space, `>` or `/`.
fn tag_named(rest: &str, names: &str) -> bool {
    names.split_ascii_whitespace().any(|name| {
        rest.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && rest[name.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
    })
}

/// Whether a file looks like HTML: it starts with a doctype, `<html>` or (unless the file is
/// named .txt) as other markup starts ([`starts_as_markup`]).
fn looks_like_html(bytes: &[u8], charset: Charset, named_txt: bool) -> bool {
    let head: String = match charset {
        Charset::Utf16Le | Charset::Utf16Be => encoding::decode_unicode(&bytes[..bytes.len().min(2048) & !1], charset).unwrap_or_default(),
        _ => String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).into_owned(),
    };
    let head = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').to_ascii_lowercase();
    let strong = ["<!doctype html", "<html"];
    // A .txt that starts with another tag is read as text here, and as HTML by
    // `check_plain` when it is markup: as the same text pasted is.
    strong.iter().any(|t| head.starts_with(t)) || (!named_txt && starts_as_markup(&head))
}

/// Whether the first character that is not white space may start "MIME-Version:", "From:"
/// or "Content-Type:": most files are told apart by it, without the copy of their head that
/// [`is_mime_archive`] reads. Only the first bytes are looked at; white space all along
/// them, or a character they cut, leaves it to the full test. Natively only, for batches of
/// files: the page identifies each dropped file once, and its first module is built for size.
#[cfg(not(target_arch = "wasm32"))]
fn may_start_mime_header(bytes: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
    match start.trim_start().chars().next() {
        Some(c) => c == char::REPLACEMENT_CHARACTER || matches!(c.to_ascii_lowercase(), 'm' | 'f' | 'c'),
        None => true,
    }
}

#[cfg(target_arch = "wasm32")]
fn may_start_mime_header(_: &[u8]) -> bool {
    true
}

/// [`identify`] for bytes known to be valid UTF-8, without validating them again: the command
/// line validates each file once, as it makes the bytes its text. The same steps as
/// [`identify`], where valid UTF-8 leaves no legacy charset to look for; a test holds the two
/// equal. A copy rather than a shared body: the page's wasm lays out `identify`'s constants
/// differently when its body moves (47 bytes brotli in the first module). Natively only, and
/// placed after the code the page links.
#[cfg(not(target_arch = "wasm32"))]
pub fn identify_utf8(name: &str, text: &str) -> Result<FileType, ReadError> {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::FileTooLarge { bytes: bytes.len() });
    }
    let ext = extension(name);
    if let Some(refusal) = magic(bytes, &ext) {
        return refusal;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if matches!(ext.as_str(), "mht" | "mhtml") || (may_start_mime_header(bytes) && is_mime_archive(bytes)) {
        return Err(ReadError::WebArchive);
    }
    let html_by_name = matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml" | "xht" | "asp" | "aspx" | "jsp" | "php");
    let charset = encoding::detect_utf8(bytes);
    if !encoding::looks_like_text(bytes, charset) {
        return Err(ReadError::Binary);
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ReadError::TextTooLarge { bytes: bytes.len() });
    }
    let html = html_by_name || looks_like_html(bytes, charset, ext.as_str() == "txt");
    Ok(if html { FileType::Html(charset) } else { FileType::Text(charset) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of every kind `identify` tells apart by the name.
    const NAMES: &[&str] = &[
        "",
        "a",
        "a.txt",
        "a.TXT",
        "a.text",
        "a.md",
        "a.html",
        "a.HTM",
        "a.htm",
        "a.shtml",
        "a.xhtml",
        "a.xht",
        "a.asp",
        "a.aspx",
        "a.jsp",
        "a.php",
        "a.mht",
        "a.MHTML",
        "a.docx",
        "a.doc",
        "a.pdf",
        "a.xls",
        "a.ppt",
        "a.ofd",
        "a.rtf",
        "目录/年报.txt",
    ];

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn valid_utf8_is_identified_as_identify_identifies_it() {
        let report = "某某区人民政府2023年政府信息公开工作年度报告\n规章\t12\n";
        let utf16: String = "Rules 12\n".encode_utf16().flat_map(u16::to_le_bytes).map(char::from).filter(char::is_ascii).collect();
        let texts = [
            String::new(),
            " \n\t".to_string(),
            "\u{3000}\u{3000}".to_string(),
            "\u{FEFF}".to_string(),
            format!("\u{FEFF}{report}"),
            report.to_string(),
            format!("<!DOCTYPE html><html><body><p>{report}</p></body></html>"),
            format!("\u{FEFF}<html><p>{report}</p>"),
            format!("<p>{report}</p>"),
            format!("<div>{report}</div>\n"),
            "<meta charset=\"gb2312\"><p>规章</p>".to_string(),
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n".to_string(),
            "From: a\ncontent-type: multipart/related\n".to_string(),
            "%PDF-1.4\n%%EOF\n".to_string(),
            "PK\u{3}\u{4}abc".to_string(),
            "PK\u{5}\u{6}".to_string(),
            "{\\rtf1 x}".to_string(),
            "GIF89a".to_string(),
            format!("ab\0cd{report}"),
            "\u{1}\u{2}\u{3}abc".to_string(),
            utf16.clone(),
            format!("<html>{utf16}"),
            "x".repeat(MAX_TEXT_BYTES + 1),
        ];
        let mut texts = texts.to_vec();
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 50, "{} texts", texts.len());
        for text in &texts {
            for name in NAMES {
                assert_eq!(
                    identify_utf8(name, text),
                    identify(name, text.as_bytes()),
                    "{name}: {:?}",
                    text.chars().take(30).collect::<String>()
                );
            }
        }
    }

    #[test]
    fn files_refused_by_their_first_character_are_no_web_archives() {
        let archive = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n";
        let long_space = " ".repeat(62) + "\u{3000}";
        let starts = ["", " ", "\u{3000}", "\u{FEFF}", "\u{0B}", "\t\r\n", "\u{A0}", "规章", "<html>", "From: a\n", "x", &long_space];
        let bodies = [archive, "from: x\ncontent-type: MULTIPART/RELATED\n", "content-type: text/plain\n", "其他", "m", ""];
        for start in starts {
            for body in bodies {
                let bytes = format!("{start}{body}").into_bytes();
                if !may_start_mime_header(&bytes) {
                    assert!(!is_mime_archive(&bytes), "{start:?}{body:?} refused by its first character");
                }
            }
        }
        assert!(may_start_mime_header(archive.as_bytes()) && is_mime_archive(archive.as_bytes()));
        let spaced = format!("\u{3000}{archive}");
        assert!(may_start_mime_header(spaced.as_bytes()) && is_mime_archive(spaced.as_bytes()), "Unicode white space before the headers");
        let cut = format!("{long_space}{archive}");
        assert!(may_start_mime_header(cut.as_bytes()) && is_mime_archive(cut.as_bytes()), "a character cut by the first bytes");
        assert!(!may_start_mime_header("规章 12".as_bytes()), "a report's text is told by its first character");
    }

    #[test]
    fn a_folder_gives_its_reports_and_documents_and_skips_the_rest() {
        for name in ["甲镇2024年报.HTML", "a.htm", "年报.txt", "年报.docx", "年报.pdf", "年报.md", "年报.ofd", "年报.doc", "网页.mht"]
        {
            assert!(found_in_a_folder(name), "{name}");
        }
        for name in ["logo.jpg", "style.css", "jquery.js", "图.png", "数据.xlsx", "README", "年报"] {
            assert!(!found_in_a_folder(name), "{name}");
        }
    }

    #[test]
    fn text_and_html_by_name_and_content() {
        assert_eq!(identify("a.txt", "规章 1".as_bytes()), Ok(FileType::Text(Charset::Utf8)));
        assert_eq!(identify("a.htm", b"<p>x</p>"), Ok(FileType::Html(Charset::Utf8)));
        assert_eq!(identify("", b"<!DOCTYPE html><p>x</p>"), Ok(FileType::Html(Charset::Utf8)));
        assert_eq!(identify("a.txt", b"<p>x</p>"), Ok(FileType::Text(Charset::Utf8)));
        assert_eq!(identify("a.txt", b"\xB9\xE6\xD5\xC2 1"), Ok(FileType::Text(Charset::Gb18030)));
    }

    #[test]
    fn markup_is_told_from_text_that_mentions_tags() {
        for markup in [
            "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>x</p></body></html>",
            "  <p>一、总体情况</p>\n<p>二、主动公开政府信息情况</p>",
            "\u{FEFF}<table border=1>\n<tr><td>规章</td><td>0</td></tr>\n</table>",
            "<div class=\"content\">\n<P ALIGN=center>标题<BR>\n副标题",
            "<!-- 正文 -->\n<p>一、总体情况</p>",
            "<o:p></o:p><p class=MsoNormal>一、总体情况</p>",
        ] {
            assert!(looks_like_markup(markup), "{markup}");
        }
        for text in [
            "某某局2023年政府信息公开工作年度报告\n网站表格以<table>标签发布，见<p>说明</p>。",
            "<一、总体情况>\n本年度……</p>",
            "<5件\n</td>",
            "<p>",
            "<table>规章 0 0 0\n行政规范性文件 1 2 3",
            "<pre>",
            "",
        ] {
            assert!(!looks_like_markup(text), "{text}");
        }
    }

    #[test]
    fn magic_bytes_beat_names() {
        assert_eq!(identify("report.txt", b"%PDF-1.7\n..."), Ok(FileType::Pdf));
        assert_eq!(identify("a.html", b"\x89PNG\r\n\x1A\n\0\0"), Err(ReadError::Image(Image::Png)));
        assert_eq!(identify("a", b""), Err(ReadError::Empty));
        assert_eq!(identify("a", b" \n "), Err(ReadError::Empty));
    }
}
