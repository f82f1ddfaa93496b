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
/// FIXME (the parser, not the PDF reader): in the three layouts with known differences,
/// `pdftotext -layout` of the same PDF reads about as many cells wrong or more (measured:
/// 175, 35, 6 and 2), so the glyph positions are read right and what fails is reading
/// PDF layout text: Chromium's 沭阳 table leaves most cells of its rows blank, which the
/// column positions of the complete rows do not place; the 平潭 text rendered to a table
/// of narrow columns; in the vertical variant the labels of 表三's rows wrap in narrow
/// cells and interleave with （四）无法提供; LibreOffice wraps the labels 行政许可 and
/// 行政处罚 into two lines of a narrow cell. A change that mends one of them lowers its
/// number here.
const FIXTURES: &[(&str, &str, usize)] = &[
    ("shuyang-ndrc-2023.chromium.pdf", "samples/shuyang-ndrc-2023.html", 63),
    ("pingtan-zone-2022.chromium.pdf", "samples/pingtan-zone-2022.flat.txt", 35),
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
