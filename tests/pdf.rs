//! PDF input: the published sample PDF and PDFs of the samples made by other producers
//! (`tests/fixtures/pdf/make_fixtures.py`) must read to the same cells as the text they were
//! made from; encrypted files open without a password or are refused; scans are refused or
//! named page by page.

use std::path::{Path, PathBuf};

use nianbao::input::pdf::PdfError;
use nianbao::input::{Kind, ReadError};
use nianbao::model::{Report, Value};

fn fixture(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(name)
}

fn read_pdf(path: &Path) -> Result<(nianbao::input::Loaded, nianbao::Checked), ReadError> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    nianbao::check_file(&path.file_name().unwrap().to_string_lossy(), &bytes)
}

/// The cells of a report as "name=value" lines, blanks as "name=blank".
fn cells(report: &Report) -> Vec<String> {
    report
        .cells
        .iter()
        .map(|(key, cell)| match &cell.value {
            Value::Number(n) => format!("{key}={n}"),
            Value::Blank => format!("{key}=blank"),
            other => format!("{key}={other:?}"),
        })
        .collect()
}

#[test]
fn sample_pdf_reads_every_cell_of_its_expected_json() {
    let (loaded, checked) = read_pdf(&fixture("samples", "hongze-district-2024.pdf")).expect("reads");
    assert_eq!(loaded.kind, Kind::Pdf);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("samples", "hongze-district-2024.pdf.expected.json")).unwrap()).unwrap();
    let report = &checked.report;
    let mut diffs = Vec::new();
    if report.format.map(|f| f.key()) != expected["format"].as_str() {
        diffs.push(format!("format {:?}", report.format));
    }
    if report.year.map(i64::from) != expected["year"].as_i64() {
        diffs.push(format!("year {:?}", report.year));
    }
    for (name, value) in expected["cells"].as_object().unwrap() {
        let key = nianbao::model::CellKey::parse(name).unwrap();
        let read = report.cell(key).map(|c| c.value.clone());
        match read {
            Some(Value::Number(n)) if n.to_string() == *value.to_string() => {}
            other => diffs.push(format!("{name}: read {other:?}, expected {value}")),
        }
    }
    for name in expected["blank"].as_array().unwrap() {
        let key = nianbao::model::CellKey::parse(name.as_str().unwrap()).unwrap();
        if !matches!(report.cell(key).map(|c| &c.value), Some(Value::Blank)) {
            diffs.push(format!("{name}: expected blank"));
        }
    }
    assert!(diffs.is_empty(), "{} differences:\n{}", diffs.len(), diffs.join("\n"));
    // Spans point into the extracted text, and the pages are those of the PDF.
    let pages = loaded.pdf.as_ref().expect("pages");
    assert_eq!(pages.count(), 5);
    assert!(pages.scanned.is_empty() && pages.unmapped.is_empty());
    for (key, cell) in &report.cells {
        if let Some(span) = cell.span {
            assert_eq!(loaded.text.get(span.start..span.end), Some(cell.raw.as_str()), "{key}");
        }
    }
    let page_of = |name: &str| {
        let cell = report.cell(nianbao::model::CellKey::parse(name).unwrap()).unwrap();
        pages.page_at(cell.span.expect("span").start)
    };
    assert_eq!(page_of("proactive.licensing.decisions"), 2);
    assert_eq!(page_of("proactive.penalty.decisions"), 3);
    assert_eq!(page_of("requests.total.total"), 4);
}

#[test]
fn sample_pdf_reads_as_its_pdftotext_extraction() {
    // The same report as `pdftotext -layout` extracted it (the text sample): same cells.
    let (_, from_pdf) = read_pdf(&fixture("samples", "hongze-district-2024.pdf")).expect("reads");
    let text = std::fs::read_to_string(fixture("samples", "hongze-district-2024.pdf.txt")).unwrap();
    let from_text = nianbao::check_text(&text);
    assert_eq!(cells(&from_pdf.report), cells(&from_text.report));
    let rules = |c: &nianbao::Checked| c.findings.iter().map(|f| f.rule.to_string()).collect::<Vec<_>>();
    assert_eq!(rules(&from_pdf), rules(&from_text));
}

#[test]
fn pdf_errors_are_chinese_messages() {
    for e in [PdfError::Corrupt, PdfError::Password, PdfError::Scanned, PdfError::StreamTooLarge, PdfError::TooManyPages] {
        let message = ReadError::PdfUnreadable(e.clone()).to_string();
        assert!(message.contains("PDF"), "{e:?}: {message}");
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{e:?}: {message}");
    }
}

/// What a fixture was made from, read the way the app reads it.
fn source_report(source: &str) -> Report {
    let (dir, name) = source.split_once('/').unwrap();
    let text = std::fs::read_to_string(fixture(dir, name)).unwrap();
    if name.ends_with(".html") {
        nianbao::check_html(&text).report
    } else if name.ends_with(".xml") {
        nianbao::check_document(&nianbao::input::docx::document(&text)).report
    } else {
        nianbao::check_text(&text).report
    }
}

/// Each fixture, what it was made from (see `make_fixtures.py`), and how many of the
/// source's cells it is known to read differently.
///
/// FIXME (the parser, not the PDF reader): in the layouts with known differences,
/// `pdftotext -layout` of the same PDF reads about as many cells wrong or more (measured:
/// 175, 6 and 2), so the glyph positions are read right and what fails is reading PDF
/// layout text: Chromium's 沭阳 table leaves most cells of its rows blank, which the column
/// positions of the complete rows do not place; in the vertical variant the labels of 表三's
/// rows wrap in narrow cells and interleave with （四）无法提供; LibreOffice wraps the labels
/// 行政许可 and 行政处罚 into two lines of a narrow cell. A change that mends one of them lowers its
/// number here.
const FIXTURES: &[(&str, &str, usize)] = &[
    ("shuyang-ndrc-2023.chromium.pdf", "samples/shuyang-ndrc-2023.html", 63),
    ("pingtan-zone-2022.chromium.pdf", "samples/pingtan-zone-2022.flat.txt", 0),
    ("hongze-district-2024.chromium.pdf", "inputs/hongze-district-2024.word.html", 0),
    ("hongze-district-2024.chromium-stacked.pdf", "inputs/hongze-district-2024.word.html", 0),
    ("hongze-district-2024.chromium-vertical.pdf", "inputs/hongze-district-2024.word.html", 7),
    ("hongze-district-2024.libreoffice-html.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.libreoffice-docx.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.gs.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-plain.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-objstm.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-linearized.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-rotated.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-damaged-xref.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-rc4-40.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-rc4-128.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-aes-128.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-aes-256-r5.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-aes-256.pdf", "inputs/hongze-district-2024.word.html", 2),
    ("hongze-district-2024.qpdf-aes-256-objstm.pdf", "inputs/hongze-district-2024.word.html", 2),
];

#[test]
fn every_producer_and_variant_reads_the_cells_of_its_source() {
    let mut failures = Vec::new();
    for &(pdf, source, known) in FIXTURES {
        let want = cells(&source_report(source));
        assert!(want.len() > 100, "{source} reads {} cells", want.len());
        match read_pdf(&fixture("pdf", pdf)) {
            Ok((_, checked)) => {
                let got = cells(&checked.report);
                let missing: Vec<&String> = want.iter().filter(|c| !got.contains(c)).collect();
                if missing.len() != known {
                    let extra: Vec<&String> = got.iter().filter(|c| !want.contains(c)).collect();
                    let few = |v: &[&String]| v.iter().take(6).map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
                    failures.push(format!(
                        "{pdf}: {} cells differ ({known} known): want {} … read {} …",
                        missing.len(),
                        few(&missing),
                        few(&extra)
                    ));
                }
            }
            Err(e) => failures.push(format!("{pdf}: refused: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_user_password_is_refused_in_chinese() {
    let refused = read_pdf(&fixture("pdf", "hongze-district-2024.qpdf-password.pdf")).err();
    assert_eq!(refused, Some(ReadError::PdfUnreadable(PdfError::Password)));
    assert!(refused.unwrap().to_string().contains("密码"));
}

#[test]
fn a_scan_is_refused_and_a_scanned_page_is_named() {
    let refused = read_pdf(&fixture("pdf", "scan.pdf")).err();
    assert_eq!(refused, Some(ReadError::PdfUnreadable(PdfError::Scanned)));
    assert!(refused.unwrap().to_string().contains("扫描件"));
    let (loaded, checked) = read_pdf(&fixture("pdf", "mixed.pdf")).expect("the text pages read");
    assert_eq!(loaded.pdf.as_ref().map(|p| p.scanned.clone()), Some(vec![2]));
    assert!(!checked.report.cells.is_empty());
}

// ---------------------------------------------------------------------------------------
// Hand-made PDFs: what each part of the reader does, and hostile files.

/// A stream object's body: the dictionary entries, the data.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// A PDF of the object bodies given (object `i + 1` is `bodies[i]`), with a classic
/// cross-reference table and a trailer whose root is object 1.
fn build(bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", bodies.len() + 1).as_bytes());
    out
}

/// One page showing `content`, with the fonts /F1 (Helvetica, WinAnsi) and /F2 (a Type0
/// font, Identity-H, whose ToUnicode maps 0x0001.. to 年 月 日 and digits), and the form
/// /X1 (object 8) drawing `form`.
fn one_page(content: &[u8], form: &[u8]) -> Vec<Vec<u8>> {
    let to_unicode = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange \
        1 beginbfrange <0001> <0003> [<5E74> <6708> <65E5>] endbfrange 1 beginbfrange <0010> <0019> <0030> endbfrange endcmap end end";
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 8 0 R >> >> >>"
            .to_vec(),
        stream("/Filter /FlateDecode", &deflate(content)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Sub /Encoding /Identity-H /ToUnicode 7 0 R \
           /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [16 [500 500 500 500 500 500 500 500 500 500]] >>] >>"
            .to_vec(),
        stream("", to_unicode),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -100]", form),
    ]
}

fn page_text(bodies: &[Vec<u8>]) -> Result<String, PdfError> {
    nianbao::input::pdf::read(&build(bodies)).map(|e| e.text)
}

#[test]
fn text_state_positioning_and_forms() {
    let content = b"BT /F1 12 Tf 72 700 Td (Hello) Tj 1 0 0 1 300 700 Tm (42) Tj ET \
        BT /F2 12 Tf 72 680 Td <000100100012> Tj [<0013> -6000 <0014>] TJ T* ET \
        q 2 0 0 2 0 0 cm BT /F1 6 Tf 36 320 Td (Scaled) Tj ET Q /X1 Do";
    let form = b"BT /F1 12 Tf 72 700 Td (Form) Tj 0 -14 TD (Next) Tj ET";
    let text = page_text(&one_page(content, form)).expect("reads");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    // Fields at their positions: "Hello" and "42" far apart, on one line.
    assert!(lines.iter().any(|l| l.trim_start().starts_with("Hello") && l.ends_with("42") && l.contains("Hello    ")), "{text}");
    // A Type0 font through its ToUnicode map (ranges and arrays); a TJ adjustment of six
    // ems opens a gap between two fields.
    assert!(lines.iter().any(|l| l.trim_start().starts_with("年023  ") && l.ends_with('4')), "{text}");
    // The CTM scales text; a form runs with its matrix (moved down 100 points).
    assert!(text.contains("Scaled") && text.contains("Form") && text.contains("Next"), "{text}");
    let form_line = lines.iter().position(|l| l.contains("Form")).unwrap();
    let scaled_line = lines.iter().position(|l| l.contains("Scaled")).unwrap();
    assert!(form_line > scaled_line, "the form is drawn 100 points lower:\n{text}");
}

#[test]
fn a_stream_that_inflates_past_its_ratio_is_refused() {
    // 8 MB of zeros in 8 KB: past a ratio of 100 (and past 1 MB).
    let mut bodies = one_page(b"", b"");
    bodies[3] = stream("/Filter /FlateDecode", &deflate(&vec![0u8; 8 << 20]));
    assert_eq!(page_text(&bodies), Err(PdfError::StreamTooLarge));
    assert!(ReadError::PdfUnreadable(PdfError::StreamTooLarge).to_string().contains("压缩比"));
}

#[test]
fn cycles_and_self_drawing_forms_end() {
    // A page tree whose node is its own kid, and a page listed twice.
    let mut bodies = one_page(b"BT /F1 12 Tf 72 700 Td (Cycle) Tj ET /X1 Do", b"/X1 Do BT /F1 12 Tf 72 700 Td (F) Tj ET");
    bodies[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R 3 0 R] /Count 3 >>".to_vec();
    // The form draws itself (its resources are the page's): run once per level at most.
    let text = page_text(&bodies).expect("reads");
    assert!(text.contains("Cycle"));
    assert_eq!(text.matches('\u{c}').count(), 0, "the page is read once:\n{text}");
}

#[test]
fn forms_drawing_forms_stay_within_the_operator_budget() {
    // Each form draws the next ten times, twelve levels deep: 10^12 runs unbounded.
    let mut bodies = one_page(b"/X1 Do", b"");
    bodies.truncate(7);
    let levels = 12;
    for level in 0..levels {
        let next = bodies.len() + 2;
        let calls = if level + 1 < levels { "/N Do ".repeat(10) } else { "BT /F1 12 Tf 0 0 Td (x) Tj ET".to_string() };
        bodies.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /N {next} 0 R >> /Font << /F1 5 0 R >> >>"),
            calls.as_bytes(),
        ));
    }
    assert_eq!(page_text(&bodies), Err(PdfError::TooManyOperators));
}

#[test]
fn too_many_pages_and_objects_are_refused() {
    let mut bodies = one_page(b"BT /F1 12 Tf 72 700 Td (P) Tj ET", b"");
    let kids: String = (0..2001).map(|_| "3 0 R ").collect();
    // The same page object listed 2001 times is read once (a node is visited once); 2001
    // distinct pages are too many.
    bodies[1] = format!("<< /Type /Pages /Kids [{kids}] >>").into_bytes();
    assert!(page_text(&bodies).is_ok());
    let first = bodies.len() + 1;
    let kids: String = (0..2001).map(|i| format!("{} 0 R ", first + i)).collect();
    bodies[1] = format!("<< /Type /Pages /Kids [{kids}] >>").into_bytes();
    for _ in 0..2001 {
        bodies.push(b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec());
    }
    assert_eq!(page_text(&bodies), Err(PdfError::TooManyPages));
    // A cross-reference table listing more objects than the limit.
    let mut pdf = b"%PDF-1.7\n1 0 obj << >> endobj\nxref\n0 600000\n".to_vec();
    for _ in 0..600_000 {
        pdf.extend_from_slice(b"0000000009 00000 n \n");
    }
    let at = pdf.windows(4).position(|w| w == b"xref").unwrap();
    pdf.extend_from_slice(format!("trailer << /Root 1 0 R >>\nstartxref\n{at}\n%%EOF").as_bytes());
    assert_eq!(nianbao::input::pdf::read(&pdf), Err(PdfError::TooManyObjects));
}

#[test]
fn a_page_past_the_operator_budget_is_refused() {
    // Uncompressed: so regular a stream would pass the compression ratio first.
    let mut bodies = one_page(b"", b"");
    bodies[3] = stream("", &b"q Q ".repeat(1_000_001));
    assert_eq!(page_text(&bodies), Err(PdfError::TooManyOperators));
}

#[test]
fn many_objects_pointing_into_one_unclosed_string_end_in_linear_time() {
    // Every object of the table starts at the same unclosed string of 1 MB: parsing each
    // would read the whole string each time (quadratic) without the parse budget.
    let mut pdf = b"%PDF-1.7\n1 0 obj (".to_vec();
    pdf.extend(std::iter::repeat_n(b'(', 1 << 20));
    let at = pdf.len();
    pdf.extend_from_slice(b"\nxref\n0 20000\n");
    for _ in 0..20_000 {
        pdf.extend_from_slice(b"0000000009 00000 n \n");
    }
    pdf.extend_from_slice(format!("trailer << /Root 1 0 R >>\nstartxref\n{at}\n%%EOF").as_bytes());
    assert!(nianbao::input::pdf::read(&pdf).is_err());
}

#[test]
fn deep_nesting_in_objects_and_content_is_cut() {
    let content = format!("{}BT /F1 12 Tf 72 700 Td (Deep) Tj ET", "[".repeat(100_000));
    let mut bodies = one_page(content.as_bytes(), b"");
    bodies[2] =
        format!("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /X {} /Resources << /Font << /F1 5 0 R >> >> >>", "<<".repeat(50_000))
            .into_bytes();
    // Whatever is read, nothing overflows the stack.
    let _ = page_text(&bodies);
}

#[test]
fn the_reader_asks_for_streams_in_few_rounds_and_refuses_a_bomb_its_inflater_reports() {
    use nianbao::input::pdf::{Inflated, Next, Reader};
    let bytes = std::fs::read(fixture("pdf", "hongze-district-2024.qpdf-objstm.pdf")).unwrap();
    let mut reader = Reader::new(&bytes);
    let mut rounds = 0;
    let result = loop {
        match reader.round() {
            Next::Done(result) => break result,
            Next::Inflate(requests) => {
                rounds += 1;
                assert!(!requests.is_empty());
                for r in requests {
                    reader.supply(r.key, nianbao::input::pdf::inflate_zlib(&r.data, r.limit));
                }
            }
        }
    };
    assert!(result.is_ok());
    // At most: cross-reference streams, object streams, then contents and maps.
    assert!(rounds <= 3, "{rounds} rounds");
    let mut reader = Reader::new(&bytes);
    let Next::Inflate(requests) = reader.round() else { panic!("a compressed file asks for streams") };
    reader.supply(requests[0].key, Inflated::TooLarge);
    assert!(matches!(reader.round(), Next::Done(Err(PdfError::StreamTooLarge))));
}

#[test]
fn cmaps_share_one_budget_and_direct_fonts_are_loaded_a_bounded_number_of_times() {
    // Ten thousand fonts, each with its own copy of a map of 65 536 codes: without the
    // document's budget, 655 million mappings.
    let range = b"1 beginbfrange <0000> <FFFF> <4E00> endbfrange".to_vec();
    let mut bodies = one_page(b"BT /F1 12 Tf 72 700 Td (Fonts) Tj ET", b"");
    let first = bodies.len() + 1;
    let fonts: String = (0..10_000).map(|i| format!("/G{i} {} 0 R ", first + 2 * i)).collect();
    bodies[2] = format!("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R {fonts} >> >> >>").into_bytes();
    for i in 0..10_000 {
        bodies.push(format!("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode {} 0 R >>", first + 2 * i + 1).into_bytes());
        bodies.push(stream("", &range));
    }
    assert!(page_text(&bodies).expect("reads").contains("Fonts"));
    // A font given directly (so it cannot be loaded once by its reference), with widths
    // for 20 000 characters, selected 100 000 times: two billion widths read unbounded.
    let widths: String = (0..20_000).map(|i| format!("{i} [500] ")).collect();
    let direct = format!("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [<< /W [{widths}] >>] >>");
    let mut bodies = one_page(b"", b"");
    bodies[2] = format!("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R /D {direct} >> >> >>").into_bytes();
    bodies[3] = stream("", format!("{}BT /F1 12 Tf 72 700 Td (Direct) Tj ET", "BT /D 12 Tf (x) Tj ET ".repeat(100_000)).as_bytes());
    assert!(page_text(&bodies).expect("reads").contains("Direct"));
}

#[test]
fn text_laid_out_past_the_text_limit_is_refused() {
    // Twenty thousand characters, each on its own line two thousand columns in.
    let mut content = b"BT /F1 1 Tf 0 0 Td (a) Tj 10000 0 Td 0 -1 TD ".to_vec();
    content.extend(b"(x) ' ".repeat(20_000));
    content.extend(b"ET");
    let mut bodies = one_page(b"", b"");
    bodies[3] = stream("", &content);
    assert_eq!(page_text(&bodies), Err(PdfError::TextTooLarge));
}
