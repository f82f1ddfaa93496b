//! Inputs other than UTF-8 text: each must read to exactly the cells of its text form, and
//! every hostile or unsupported file must be refused with the message the user sees.
//!
//! The fixtures in tests/fixtures/inputs are other forms of the text samples in
//! tests/fixtures/samples, written by tests/fixtures/inputs/make_fixtures.py; the .docx files
//! are zipped here, with the `zip` crate as an independent writer.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::input::{self, Charset, FileType, Kind, ReadError};
use nianbao::model::{CellKey, Report, Value};
use nianbao::{Checked, PasteSource};

// --- Helpers -----------------------------------------------------------------------------

fn read(dir: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Vec<u8> {
    read("inputs", name)
}

/// The report of a text sample, read as text.
fn text_sample(name: &str) -> Checked {
    let bytes = read("samples", name);
    nianbao::check_text(std::str::from_utf8(&bytes).expect("samples are UTF-8"))
}

fn cells(report: &Report) -> BTreeMap<CellKey, Value> {
    report.cells.iter().map(|(k, c)| (*k, c.value.clone())).collect()
}

/// Reads `bytes` as a file named `name` and asserts that it reads to the same format, year
/// and cell values as the text sample `sample`, and that every cell span points at the
/// cell's raw text in the loaded text (or that there are no spans, for a .docx).
fn check_same_cells(name: &str, bytes: &[u8], sample: &str) -> (input::Loaded, Checked) {
    let (loaded, checked) = nianbao::check_file(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = text_sample(sample);
    assert_eq!(checked.report.format, want.report.format, "{name}: format");
    assert_eq!(checked.report.year, want.report.year, "{name}: year");
    let (got, want) = (cells(&checked.report), cells(&want.report));
    let mut diffs = Vec::new();
    for key in got.keys().chain(want.keys()).collect::<std::collections::BTreeSet<_>>() {
        if got.get(key) != want.get(key) {
            diffs.push(format!("{key}: read {:?}, text form {:?}", got.get(key), want.get(key)));
        }
    }
    assert!(diffs.is_empty(), "{name}: {} cells differ from {sample}:\n{}", diffs.len(), diffs.join("\n"));
    assert!(!got.is_empty(), "{name}: no cells read");
    for (key, cell) in &checked.report.cells {
        match (loaded.kind, cell.span) {
            (Kind::Docx, span) => assert_eq!(span, None, "{name}: {key} has a span into the XML"),
            (_, Some(span)) => {
                assert_eq!(loaded.text.get(span.start..span.end), Some(cell.raw.as_str()), "{name}: span of {key}")
            }
            (_, None) => {}
        }
    }
    (loaded, checked)
}

/// The laid-out text of a loaded input: fields (white space collapsed) joined by " | ",
/// lines by newlines.
fn laid_out(loaded: &input::Loaded) -> String {
    let doc = loaded.document();
    let mut out = String::new();
    for line in &doc.lines {
        let fields: Vec<String> = doc
            .line_fields(line)
            .iter()
            .map(|f| {
                let text: String = doc.field_pieces(f).iter().map(|p| p.text.as_ref()).collect();
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        out.push_str(&fields.join(" | "));
        out.push('\n');
    }
    out
}

/// The message a refused file gets.
fn refusal(name: &str, bytes: &[u8]) -> String {
    match nianbao::check_file(name, bytes) {
        Ok(_) => panic!("{name} was read, not refused"),
        Err(e) => e.to_string(),
    }
}

const SUPPORTED: &str = "本工具可读取：粘贴的文字或网页内容、.txt、.html/.htm、.docx、.pdf 文件。";

/// A zip of (name, content) entries, deflated unless the name is in `stored`.
fn zip_of(entries: &[(&str, &[u8])], stored: &[&str]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        let method = if stored.contains(name) { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(content).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A .docx holding `document` as its main part (named `part`).
fn docx_with(part: &str, document: &[u8], stored: bool) -> Vec<u8> {
    let stored_parts: &[&str] = if stored { &[part] } else { &[] };
    zip_of(&[("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), (part, document)], stored_parts)
}

fn docx(document: &[u8]) -> Vec<u8> {
    docx_with("word/document.xml", document, false)
}

/// A minimal document.xml around `body`.
fn document_xml(body: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .into_bytes()
}

/// Sets a 16- or 32-bit field of the first central directory entry named `name`.
fn patch_directory(zip: &mut [u8], name: &str, offset: usize, value: &[u8]) {
    let sig = [0x50, 0x4B, 0x01, 0x02];
    let at =
        (0..zip.len() - 46).find(|&i| zip[i..i + 4] == sig && zip[i + 46..].starts_with(name.as_bytes())).expect("central directory entry");
    zip[at + offset..at + offset + value.len()].copy_from_slice(value);
}

// --- Same cells as the text form ---------------------------------------------------------

#[test]
fn word_html_reads_like_its_text_form() {
    let bytes = fixture("hongze-district-2024.word.html");
    assert_eq!(input::identify("hongze-district-2024.word.html", &bytes), Ok(FileType::Html(Charset::Utf8)));
    let (loaded, _) = check_same_cells("hongze-district-2024.word.html", &bytes, "hongze-district-2024.pdf.txt");
    assert_eq!(loaded.kind, Kind::Html);
}

#[test]
fn gbk_cms_page_reads_like_its_text_form_and_shows_no_script() {
    let bytes = fixture("hongze-district-2024.gbk.html");
    assert_eq!(input::identify("page.htm", &bytes), Ok(FileType::Html(Charset::Gb18030)));
    let (loaded, checked) = check_same_cells("page.htm", &bytes, "hongze-district-2024.pdf.txt");
    assert!(loaded.text.contains("淮安市洪泽区人民政府"), "decoded from GBK");
    let text = laid_out(&loaded);
    // Scripts, comments, noscript and form fields are not text; their numbers never reach the parser.
    for hidden in ["alert", "document.write", "888", "999", "777", "666", "onclick", "_hmt"] {
        assert!(!text.contains(hidden), "{hidden:?} leaked into the laid-out text:\n{text}");
    }
    // The layout table is a container: the navigation and the report's headings are lines.
    assert!(text.contains("\n二、主动公开政府信息情况\n"), "{text}");
    assert!(text.contains("\n规章 | 0 | 0 | 0\n"), "{text}");
    assert_eq!(checked.report.title.as_deref().map(|t| t.contains("2024年政府信息公开工作年度报告")), Some(true));
}

#[test]
fn gbk_text_reads_like_utf8() {
    let bytes = fixture("hongze-district-2024.gbk.txt");
    assert_eq!(input::identify("报告.txt", &bytes), Ok(FileType::Text(Charset::Gb18030)));
    check_same_cells("报告.txt", &bytes, "hongze-district-2024.pdf.txt");
}

#[test]
fn utf16_text_with_and_without_bom_reads_like_utf8() {
    let le = fixture("anyue-qingliu-town-2019.utf16le.txt");
    assert_eq!(input::identify("a.txt", &le), Ok(FileType::Text(Charset::Utf16Le)));
    let (loaded, _) = check_same_cells("a.txt", &le, "anyue-qingliu-town-2019.txt");
    assert!(!loaded.text.starts_with('\u{FEFF}'), "the byte order mark is not text");
    let be = fixture("anyue-qingliu-town-2019.utf16be.txt");
    assert_eq!(input::identify("a.txt", &be), Ok(FileType::Text(Charset::Utf16Be)));
    check_same_cells("a.txt", &be, "anyue-qingliu-town-2019.txt");
}

#[test]
fn utf8_with_bom_reads_like_without() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(read("samples", "hongze-district-2024.pdf.txt"));
    let (loaded, _) = check_same_cells("a.txt", &bytes, "hongze-district-2024.pdf.txt");
    assert!(!loaded.text.starts_with('\u{FEFF}'));
}

#[test]
fn docx_reads_like_its_text_form_without_spans() {
    let xml = fixture("hongze-district-2024.document.xml");
    let file = docx(&xml);
    assert_eq!(input::identify("报告.docx", &file), Ok(FileType::Docx));
    let (loaded, checked) = check_same_cells("报告.docx", &file, "hongze-district-2024.pdf.txt");
    assert_eq!(loaded.kind, Kind::Docx);
    let text = laid_out(&loaded);
    // Deleted and hidden runs are not shown; a text box's fallback copy is not read twice.
    assert!(!text.contains("999") && !text.contains("888"), "{text}");
    assert_eq!(text.matches("（此件公开发布）").count(), 1, "{text}");
    // A 表二 value spanning three grid columns comes once; vMerge continuations not at all.
    assert!(text.contains("行政许可 | 9487\n"), "{text}");
    assert!(text.contains("2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"), "{text}");
    // No span anywhere in the report.
    assert!(checked.report.parts.values().all(Option::is_none));
    assert!(checked.report.tables.values().all(|t| t.span.is_none()));
    assert!(checked.report.title_year.as_ref().is_none_or(|y| y.span.is_none()));
}

#[test]
fn docx_variants_read_the_same() {
    let xml = fixture("hongze-district-2024.document.xml");
    // Stored instead of deflated, and the main part named as Word on the web names it.
    check_same_cells("a.docx", &docx_with("word/document.xml", &xml, true), "hongze-district-2024.pdf.txt");
    check_same_cells("a.docx", &docx_with("word/document2.xml", &xml, false), "hongze-district-2024.pdf.txt");
    // Another prefix for the WordprocessingML namespace.
    let renamed = String::from_utf8(xml).expect("utf-8").replace("w:", "wx:").replace("xmlns:w=", "xmlns:wx=");
    check_same_cells("a.docx", &docx(renamed.as_bytes()), "hongze-district-2024.pdf.txt");
}

/// A file read from HTML or a .docx is shown to the user as text (`Document::to_text`):
/// checking that text, as the user sees it, must read the same cells.
#[test]
fn html_and_docx_shown_as_text_check_the_same() {
    let files = [
        ("hongze-district-2024.word.html", fixture("hongze-district-2024.word.html")),
        ("page.htm", fixture("hongze-district-2024.gbk.html")),
        ("报告.docx", docx(&fixture("hongze-district-2024.document.xml"))),
        ("shuyang-ndrc-2023.html", read("samples", "shuyang-ndrc-2023.html")),
    ];
    for (name, bytes) in files {
        let (loaded, checked) = nianbao::check_file(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = loaded.document().to_text();
        assert!(!text.contains('<') && !text.contains("&nbsp;"), "{name}: markup left in:\n{text}");
        let shown = nianbao::check_text(&text);
        assert_eq!(shown.report.format, checked.report.format, "{name}");
        assert_eq!(cells(&shown.report), cells(&checked.report), "{name}: the shown text reads other cells");
        let rules = |c: &Checked| c.findings.iter().map(|f| f.rule).collect::<Vec<_>>();
        assert_eq!(rules(&shown), rules(&checked), "{name}: the shown text gets other findings");
    }
}

#[test]
fn docx_paragraph_tabs_delimit_fields_and_cells_keep_empty_ones() {
    let body = r#"<w:p><w:r><w:t>规章</w:t></w:r><w:r><w:tab/><w:t>1</w:t><w:tab/></w:r><w:r><w:t xml:space="preserve"> 2</w:t></w:r></w:p>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r><w:r><w:br/><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc>
        <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>3&amp;4</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    let loaded = input::Loaded::new(Kind::Docx, String::from_utf8(document_xml(body)).expect("utf-8")).expect("small");
    assert_eq!(laid_out(&loaded), "规章 | 1 | 2\na b |  | 3&4\n");
}

#[test]
fn pasted_html_is_read_from_its_tables_and_falls_back_to_plain_text() {
    let html = String::from_utf8(fixture("hongze-district-2024.word.html")).expect("utf-8");
    // What the clipboard holds after copying from Word: a fragment between markers.
    let fragment =
        format!("<html><body><!--StartFragment-->{}<!--EndFragment--></body></html>", &html[html.find("<p class=MsoTitle").unwrap_or(0)..]);
    let plain = String::from_utf8(read("samples", "hongze-district-2024.pdf.txt")).expect("utf-8");
    let (checked, source) = nianbao::check_paste(Some(&fragment), &plain);
    assert_eq!(source, PasteSource::Html);
    assert_eq!(cells(&checked.report), cells(&text_sample("hongze-district-2024.pdf.txt").report));
    // HTML without tables (as some PDF viewers put on the clipboard): the plain text is read.
    let (checked, source) = nianbao::check_paste(Some("<p>淮安市洪泽区人民政府</p>"), &plain);
    assert_eq!(source, PasteSource::Text);
    assert!(!checked.report.cells.is_empty());
}

#[test]
fn plain_text_that_is_a_pages_source_is_read_as_html() {
    // A page's source, and a CMS editor's source view (the article's markup alone), pasted
    // as plain text: read as the HTML they are, with spans into the pasted text.
    let page = String::from_utf8(read("samples", "shuyang-ndrc-2023.html")).expect("utf-8");
    let article = &page[page.find("<div class=\"meta\">").expect("the article")..];
    let from_page = nianbao::check_html(&page);
    assert!(!from_page.report.cells.is_empty());
    for source in [page.as_str(), article] {
        let (checked, how) = nianbao::check_paste(None, source);
        assert_eq!(how, PasteSource::Markup);
        assert_eq!(cells(&checked.report), cells(&from_page.report));
        for (key, cell) in &checked.report.cells {
            let span = cell.span.expect("a span");
            assert_eq!(source.get(span.start..span.end), Some(cell.raw.as_str()), "span of {key}");
        }
        // A rich paste whose HTML flavour is the source shown as code (no tables): the
        // plain text is the page.
        let code = format!("<pre>{}</pre>", source.replace('&', "&amp;").replace('<', "&lt;"));
        assert_eq!(nianbao::check_paste(Some(&code), source).1, PasteSource::Markup);
    }
    // As read as text before: the tables' cells are lost among the tags.
    assert!(nianbao::check_text(article).report.cells.len() < from_page.report.cells.len());
}

#[test]
fn a_file_without_text_says_so() {
    let nested = "<html><body><table><tr><td><table><tr><td>&nbsp;</td></tr></table></td></tr></table></body></html>";
    let empty_docx = docx(&document_xml("<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"));
    let cases: [(&str, &[u8], Kind, &str); 5] = [
        ("空表格.html", nested.as_bytes(), Kind::Html, "这个网页（HTML）中没有文字"),
        ("源代码.txt", nested.as_bytes(), Kind::Html, "这个网页（HTML）中没有文字"),
        ("片段.txt", b"<table><tr><td></td></tr></table>", Kind::Html, "这个网页（HTML）中没有文字"),
        ("空.docx", &empty_docx, Kind::Docx, "这个 Word 文档（.docx）中没有文字"),
        ("全角空格.txt", "\u{3000}\u{3000}\n".as_bytes(), Kind::Text, "这个文本文件中只有空白"),
    ];
    for (name, bytes, kind, words) in cases {
        let refusal = nianbao::check_file(name, bytes).map(|_| ()).expect_err(name);
        assert_eq!(refusal, ReadError::NoText(kind), "{name}");
        let message = refusal.to_string();
        assert!(message.starts_with(words) && message.contains(input::SUPPORTED), "{name}: {message}");
    }
    // A page with text, even without a report, is read.
    assert!(nianbao::check_file("a.html", "<table><tr><td>规章</td></tr></table>".as_bytes()).is_ok());
}

// --- Hostile and unsupported files -------------------------------------------------------

/// An OLE compound file header followed by a directory entry named `stream` (UTF-16).
fn compound_file(stream: &str) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(1024, 0);
    bytes
}

#[test]
fn a_pdf_is_read_by_its_bytes_and_a_damaged_one_refused() {
    // The bytes decide, not the name: a PDF named .docx is read as a PDF.
    assert_eq!(input::identify("report.docx", b"%PDF-1.4"), Ok(FileType::Pdf));
    assert_eq!(
        refusal("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
        "这个 PDF 文件已损坏，无法读取其中的文字。请在 PDF 阅读器中打开它，全选复制文字后粘贴；或找到报告的网页或 Word/WPS 原文件。"
    );
    // Where the PDF reader is not loaded (the page, for now), the message of before.
    assert_eq!(ReadError::Pdf.to_string(), format!("这是一个 PDF 文件。{SUPPORTED}请在 PDF 阅读器中全选复制文字后粘贴。"));
}

#[test]
fn old_office_files_are_refused() {
    assert_eq!(
        refusal("年报.doc", &compound_file("WordDocument")),
        format!("这是一个旧版 Word 文件（.doc）。{SUPPORTED}请在 Word 或 WPS 中另存为 .docx，或全选复制后粘贴。")
    );
    assert_eq!(
        refusal("表.xls", &compound_file("Workbook")),
        format!("这是一个旧版 Excel 表格（.xls）。{SUPPORTED}请在 Excel 或 WPS 中选中表格复制后粘贴。")
    );
    assert_eq!(
        refusal("x.ppt", &compound_file("PowerPoint Document")),
        format!("这是一个旧版 PowerPoint 演示文稿（.ppt）。{SUPPORTED}请打开后复制报告文字粘贴。")
    );
    assert_eq!(
        refusal("年报.docx", &compound_file("EncryptedPackage")),
        format!("这是一个设有密码的 Office 文件。{SUPPORTED}请先在 Word 或 WPS 中取消密码并另存为 .docx，或全选复制后粘贴。")
    );
    assert_eq!(
        refusal("x.bin", &compound_file("Other")),
        format!("这是一个旧版 Office 文件（如 .doc、.xls）。{SUPPORTED}请另存为 .docx，或打开后全选复制粘贴。")
    );
}

#[test]
fn other_zip_formats_are_refused() {
    let xlsx = zip_of(&[("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<workbook/>")], &[]);
    assert_eq!(refusal("表.xlsx", &xlsx), format!("这是一个电子表格文件（如 .xlsx）。{SUPPORTED}请在 Excel 或 WPS 中选中表格复制后粘贴。"));
    // An .xlsx renamed to .docx is still a spreadsheet.
    assert_eq!(refusal("表.docx", &xlsx), refusal("表.xlsx", &xlsx));
    let pptx = zip_of(&[("ppt/presentation.xml", b"<p/>")], &[]);
    assert_eq!(refusal("a.pptx", &pptx), format!("这是一个演示文稿文件（如 .pptx）。{SUPPORTED}请打开后复制报告文字粘贴。"));
    let ofd = zip_of(&[("OFD.xml", b"<ofd:OFD/>")], &[]);
    assert_eq!(refusal("a.ofd", &ofd), format!("这是一个 OFD 版式文件。{SUPPORTED}请在 OFD 阅读器中全选复制文字后粘贴。"));
    let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")], &["mimetype"]);
    assert_eq!(refusal("a.odt", &odt), format!("这是一个 OpenDocument 文本文件（.odt）。{SUPPORTED}请另存为 .docx，或全选复制后粘贴。"));
    let plain = zip_of(&[("报告.docx", b"PK")], &[]);
    assert_eq!(refusal("年报.zip", &plain), format!("这是一个 ZIP 压缩包，不是报告文档。{SUPPORTED}请先解压，再选择其中的报告文件。"));
}

#[test]
fn images_and_archives_are_refused() {
    let image = |kind: &str| format!("这是一张 {kind} 图片，图片中的文字无法读取。{SUPPORTED}请找到报告的网页或文档，复制文字后粘贴。");
    assert_eq!(refusal("a.png", b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), image("PNG"));
    assert_eq!(refusal("a.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF"), image("JPEG"));
    assert_eq!(refusal("a.gif", b"GIF89a\x01\0\x01\0"), image("GIF"));
    assert_eq!(refusal("a.bmp", b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0"), image("BMP"));
    assert_eq!(refusal("a.webp", b"RIFF\x24\0\0\0WEBPVP8 "), image("WebP"));
    let archive = |kind: &str| format!("这是一个 {kind} 压缩包，不是报告文档。{SUPPORTED}请先解压，再选择其中的报告文件。");
    assert_eq!(refusal("a.rar", b"Rar!\x1A\x07\x01\0"), archive("RAR"));
    assert_eq!(refusal("a.7z", b"7z\xBC\xAF\x27\x1C\0\x04"), archive("7z"));
    assert_eq!(refusal("a.gz", b"\x1F\x8B\x08\0"), archive("gzip"));
}

#[test]
fn web_archives_rtf_binary_and_empty_files_are_refused() {
    let mht = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\"\r\n\r\n";
    assert_eq!(
        refusal("年报.mht", mht),
        format!("这是一个 MHT 网页存档文件。{SUPPORTED}请在浏览器中打开它后全选复制粘贴，或另存为 .html 文件。")
    );
    assert_eq!(
        refusal("a.rtf", b"{\\rtf1\\ansi\\ansicpg936"),
        format!("这是一个 RTF 文件。{SUPPORTED}请在 Word 或 WPS 中另存为 .docx，或全选复制后粘贴。")
    );
    let binary = format!("这个文件既不是文字，也不是可识别的文档格式。{SUPPORTED}");
    // An executable: zero bytes in both byte positions.
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0".to_vec();
    exe.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    assert_eq!(refusal("a.txt", &exe), binary);
    // No zero bytes, but invalid in UTF-8 and in GB18030 alike.
    assert_eq!(refusal("a.txt", &[0xFF; 300]), binary);
    assert_eq!(refusal("a.txt", b""), format!("这个文件是空的。{SUPPORTED}"));
}

#[test]
fn oversized_files_and_text_are_refused() {
    let big = vec![b'a'; input::limits::MAX_FILE_BYTES + 1];
    assert_eq!(
        refusal("a.txt", &big),
        format!("这个文件有 50 MB，超过了 50 MB 的上限。{SUPPORTED}年度报告通常只有几百 KB，请确认选对了文件。")
    );
    let text = vec![b'a'; 21 * 1024 * 1024];
    assert_eq!(
        refusal("a.txt", &text),
        format!("这段文字有 21 MB，超过了 20 MB 的上限。{SUPPORTED}年度报告通常只有几十 KB 文字，请确认内容是否正确。")
    );
    let pasted = input::Loaded::new(Kind::Html, "a".repeat(21 * 1024 * 1024)).expect_err("too large");
    assert_eq!(pasted, ReadError::TextTooLarge { bytes: 21 * 1024 * 1024 });
}

const BOMB: &str = "这个 .docx 文件解压后超过 20 MB，或压缩比异常，可能已损坏或被恶意构造，已停止读取。";

#[test]
fn zip_bombs_disguised_as_docx_are_stopped() {
    let bomb_message = format!("{BOMB}{SUPPORTED}请在 Word 或 WPS 中打开核对后全选复制粘贴。");
    // 5 MB of spaces deflate to a few KB: past the compression ratio allowed.
    let spaces = vec![b' '; 5 * 1024 * 1024];
    let started = Instant::now();
    assert_eq!(refusal("年报.docx", &docx(&spaces)), bomb_message);
    // The directory states more than the limit: refused before inflating.
    let mut stated = docx(b"<w:document/>");
    patch_directory(&mut stated, "word/document.xml", 24, &(30u32 * 1024 * 1024).to_le_bytes());
    assert_eq!(refusal("年报.docx", &stated), bomb_message);
    // The directory states less than the part inflates to: inflating stops at the stated
    // size, and the file is called damaged (it is, whatever its intent).
    let mut lying = docx(&vec![b'<'; 300_000]);
    patch_directory(&mut lying, "word/document.xml", 24, &1000u32.to_le_bytes());
    assert_eq!(
        refusal("年报.docx", &lying),
        format!("这个 .docx 文件已损坏或不完整，无法读取。{SUPPORTED}请在 Word 或 WPS 中打开后重新保存，或全选复制后粘贴。")
    );
    assert!(started.elapsed() < Duration::from_secs(10), "bombs took {:?}", started.elapsed());
}

#[test]
fn tables_nested_absurdly_deep_are_refused() {
    let deep = format!(
        "这份内容的表格嵌套超过 32 层，不是正常的年度报告，可能已损坏或被恶意构造，已停止读取。{SUPPORTED}请在浏览器、Word 或 WPS 中打开后全选复制，粘贴文字。"
    );
    let nested = |depth: usize| format!("{}规章{}", "<table><tr><td>".repeat(depth), "</td></tr></table>".repeat(depth));
    // At the limit a page is read; one level more is refused, as a file and as a paste.
    assert!(input::Loaded::new(Kind::Html, nested(32)).is_ok());
    assert_eq!(refusal("a.html", nested(33).as_bytes()), deep);
    assert_eq!(input::Loaded::new(Kind::Html, nested(33)).expect_err("too deep").to_string(), deep);
    // Absurdly deep (200 000 levels, never closed): refused, no stack overflow.
    let started = Instant::now();
    let absurd = "<table><tr><td>".repeat(200_000);
    assert_eq!(input::Loaded::new(Kind::Html, absurd.clone()).expect_err("too deep"), ReadError::TablesTooDeep);
    assert_eq!(refusal("a.htm", absurd.as_bytes()), deep);
    // A paste read without wrapping still reads, the deep tables as text.
    assert!(nianbao::check_html(&absurd).report.cells.is_empty());
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    // Tables inside tables of a .docx: the same limit.
    let cell = |inner: String| format!("<w:tbl><w:tr><w:tc>{inner}<w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    let docx_nested = |depth: usize| (0..depth).fold(String::new(), |inner, _| cell(inner));
    assert!(nianbao::check_file("a.docx", &docx(&document_xml(&docx_nested(32)))).is_ok());
    assert_eq!(refusal("a.docx", &docx(&document_xml(&docx_nested(33)))), deep);
}

#[test]
fn damaged_docx_files_are_refused() {
    let corrupt = format!("这个 .docx 文件已损坏或不完整，无法读取。{SUPPORTED}请在 Word 或 WPS 中打开后重新保存，或全选复制后粘贴。");
    let file = docx(&fixture("hongze-district-2024.document.xml"));
    // Cut off: the central directory is gone.
    assert_eq!(refusal("a.docx", &file[..file.len() / 2]), corrupt);
    // A flipped byte in the deflated data: the deflate stream, the stated size or the CRC-32
    // catches it.
    let mut flipped = file.clone();
    let name = b"word/document.xml";
    let header = flipped.windows(name.len()).position(|w| w == name).expect("local header") - 30;
    let data = header + 30 + name.len() + usize::from(u16::from_le_bytes([flipped[header + 28], flipped[header + 29]]));
    flipped[data + 200] ^= 0x55;
    assert_eq!(refusal("a.docx", &flipped), corrupt);
    // No document part.
    assert_eq!(refusal("a.docx", &zip_of(&[("[Content_Types].xml", CONTENT_TYPES)], &[])), corrupt);
    // A compression method other than deflate.
    let mut method = docx(b"<w:document/>");
    patch_directory(&mut method, "word/document.xml", 10, &12u16.to_le_bytes());
    assert_eq!(
        refusal("a.docx", &method),
        format!("这个 .docx 文件使用了不支持的压缩方式。{SUPPORTED}请在 Word 或 WPS 中打开后重新保存。")
    );
}

#[test]
fn html_with_scripts_and_handlers_yields_text_only() {
    let html = r#"<html><head><script>document.body.innerHTML='<table><tr><td>1</td></tr></table>'</script></head>
        <body onload="steal()"><img src=x onerror="alert(document.cookie)"><a href="javascript:alert(1)">链接</a>
        <iframe src="https://example.invalid/"><p>框架内文字</p></iframe><svg onload=alert(2)><text>图</text></svg>
        <p style="background:url(javascript:alert(3))">正文</p><style>@import 'x.css';</style></body></html>"#;
    let loaded = input::Loaded::new(Kind::Html, html.to_string()).expect("small");
    // The image is only a placeholder (a table published as a picture must not look left
    // out); nothing of the script, the handlers or the URLs is read.
    assert_eq!(laid_out(&loaded), "〔图片〕\n链接 图\n正文\n");
}

#[test]
fn broken_markup_of_every_kind_never_panics() {
    // Truncations of a real page at every 997th byte, and some classic breakages.
    let page = String::from_utf8(fixture("hongze-district-2024.word.html")).expect("utf-8");
    let mut cuts: Vec<String> = (0..page.len()).step_by(997).filter(|&i| page.is_char_boundary(i)).map(|i| page[..i].to_string()).collect();
    cuts.extend(
        [
            "<",
            "<<<<",
            "</",
            "&",
            "&#",
            "&#x",
            "&#xFFFFFFFFFF;",
            "<!",
            "<!--",
            "<!-->",
            "<?",
            "<a b='",
            "<td",
            "</td></tr></table>",
            "<table><td><table><tr><td>1",
            "<tr><td>stray</td></tr>",
            "<table><caption>表二</caption><tr><td>1</td></tr></table>",
            "<p><table><tr><td>x</td></tr></table></p>",
            "<pre>a\r\nb</pre>",
            "<title>t",
            "<textarea>",
            "<plaintext><td>1",
        ]
        .map(String::from),
    );
    for html in cuts {
        let _ = nianbao::check_html(&html);
    }
    // The same for the docx reader.
    let xml = String::from_utf8(fixture("hongze-district-2024.document.xml")).expect("utf-8");
    for i in (0..xml.len()).step_by(1499).filter(|&i| xml.is_char_boundary(i)) {
        // A cut before the first text holds none, and is refused for that.
        match input::Loaded::new(Kind::Docx, xml[..i].to_string()) {
            Ok(loaded) => drop(nianbao::check_document(&loaded.document())),
            Err(e) => assert_eq!(e, ReadError::NoText(Kind::Docx), "cut at {i}"),
        }
        let _ = nianbao::check_document(&input::docx::document(&xml[..i]));
    }
}

// --- Linear time -------------------------------------------------------------------------

/// The time to lay out `html`, the fastest of `runs` runs.
fn layout_time(html: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(input::html::document(html).lines.len());
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn reading_html_takes_linear_time() {
    // Realistic pages (Word markup) and pathological ones, at 1 MB and at 10 MB.
    let page = String::from_utf8(fixture("hongze-district-2024.word.html")).expect("utf-8");
    let shapes: [(&str, &str); 5] = [
        ("Word page", page.as_str()),
        ("unclosed cells", "<table><tr><td>1<td>&nbsp;<td>"),
        ("references", "&nbsp;&#x4E00;&amp&unknown;&"),
        ("unclosed tags and comments", "<p<a b=\"c\" <!- x -- "),
        ("deep nesting", "<table><tr><td><div><span>"),
    ];
    for (what, unit) in shapes {
        let small = unit.repeat(1024 * 1024 / unit.len() + 1);
        let large = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
        let (t1, t10) = (layout_time(&small, 3), layout_time(&large, 1));
        // Linear: about 10 times; quadratic would be about 100 times.
        assert!(t10 < t1 * 30 + Duration::from_millis(50), "{what}: 1 MB in {t1:?}, 10 MB in {t10:?}");
    }
}

// --- No input panics ---------------------------------------------------------------------

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_markup_and_mutated_files_never_panic() {
    let atoms = [
        "<",
        ">",
        "/",
        "</",
        "<!--",
        "-->",
        "<!",
        "<?",
        "&",
        ";",
        "#",
        "x",
        "=",
        "\"",
        "'",
        " ",
        "\n",
        "\t",
        "table",
        "tr",
        "td",
        "th",
        "p",
        "br",
        "pre",
        "title",
        "script",
        "style",
        "colspan=2",
        "&nbsp;",
        "&#x4E00;",
        "&#99999999;",
        "规章",
        "1",
        "\u{3000}",
        "\u{A0}",
        "w:p",
        "w:t",
        "w:tbl",
        "w:tr",
        "w:tc",
        "w:tab/",
        "w:vMerge/",
        "mc:Fallback",
        "w:del",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let text: String = (0..rng.below(60)).map(|_| atoms[rng.below(atoms.len())]).collect();
        let _ = nianbao::check_html(&text);
        let _ = input::Loaded::new(Kind::Docx, text.clone());
        let _ = nianbao::check_document(&input::docx::document(&text));
        let _ = nianbao::check_plain(&text);
        let _ = input::identify("a.html", text.as_bytes());
    }
    // Mutations of a real .docx: flipped bytes, truncations, spliced garbage.
    let file = docx(&fixture("hongze-district-2024.document.xml"));
    for _ in 0..300 {
        let mut bytes = file.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            bytes[at] = rng.next() as u8;
        }
        if rng.below(4) == 0 {
            bytes.truncate(rng.below(bytes.len()));
        }
        let _ = nianbao::check_file("a.docx", &bytes);
    }
}

/// The command line reads the bytes it owns by their own way (validated once, not copied):
/// every form of input reads there to what the page's way reads, or to the same refusal.
/// UTF-8 cut in the middle of a character, or broken inside, is not UTF-8.
#[test]
fn owned_bytes_read_as_borrowed_bytes_do() {
    let anyue = read("samples", "anyue-qingliu-town-2019.txt");
    let cut = |bytes: &[u8], at: usize| bytes[..at].to_vec();
    let first_chinese = anyue.iter().position(|&b| b >= 0x80).expect("Chinese text");
    let mut broken_inside = anyue.clone();
    broken_inside[first_chinese + 1] = b'a';
    let with_bom = [&b"\xEF\xBB\xBF"[..], &anyue].concat();
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("anyue.txt", anyue.clone()),
        ("anyue-bom.txt", with_bom),
        ("cut-after-a-lead-byte.txt", cut(&anyue, first_chinese + 1)),
        ("cut-mid-character.txt", cut(&anyue, first_chinese + 2)),
        ("broken-inside.txt", broken_inside),
        ("gbk.txt", fixture("hongze-district-2024.gbk.txt")),
        ("gbk.html", fixture("hongze-district-2024.gbk.html")),
        ("word.html", fixture("hongze-district-2024.word.html")),
        ("utf16le.txt", fixture("anyue-qingliu-town-2019.utf16le.txt")),
        ("utf16be.txt", fixture("anyue-qingliu-town-2019.utf16be.txt")),
        ("document.xml", fixture("hongze-district-2024.document.xml")),
        ("docx.docx", docx(&fixture("hongze-district-2024.document.xml"))),
        ("empty.txt", Vec::new()),
        ("spaces.txt", b"  \n\t ".to_vec()),
        ("nul.txt", b"abc\0def".to_vec()),
    ];
    for (name, bytes) in inputs {
        assert_eq!(input::read_file_owned(name, bytes.clone()), input::read_file(name, &bytes), "{name}");
    }
}
