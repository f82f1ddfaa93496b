//! PDF input: the published sample PDF and PDFs of the samples made by other producers
//! (`tests/fixtures/pdf/make_fixtures.py`) must read to the same cells as the text they were
//! made from; encrypted files open without a password or are refused; scans are refused or
//! named page by page.

use std::path::{Path, PathBuf};

use nianbao::input::pdf::PdfError;
use nianbao::input::{Kind, ReadError};
use nianbao::model::{Report, Value};

fn fixture(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
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
    let (loaded, checked) =
        read_pdf(&fixture("samples", "hongze-district-2024.pdf")).expect("reads");
    assert_eq!(loaded.kind, Kind::Pdf);
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("samples", "hongze-district-2024.pdf.expected.json"))
            .unwrap(),
    )
    .unwrap();
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
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    // Spans point into the extracted text, and the pages are those of the PDF.
    let pages = loaded.pdf.as_ref().expect("pages");
    assert_eq!(pages.count(), 5);
    assert!(pages.scanned.is_empty() && pages.unmapped.is_empty());
    for (key, cell) in &report.cells {
        if let Some(span) = cell.span {
            assert_eq!(
                loaded.text.get(span.start..span.end),
                Some(cell.raw.as_str()),
                "{key}"
            );
        }
    }
    let page_of = |name: &str| {
        let cell = report
            .cell(nianbao::model::CellKey::parse(name).unwrap())
            .unwrap();
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
    let rules = |c: &nianbao::Checked| {
        c.findings
            .iter()
            .map(|f| f.rule.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(&from_pdf), rules(&from_text));
}

#[test]
fn pdf_errors_are_chinese_messages() {
    for e in [
        PdfError::Corrupt,
        PdfError::Password,
        PdfError::Scanned,
        PdfError::StreamTooLarge,
        PdfError::TooManyPages,
    ] {
        let message = ReadError::PdfUnreadable(e.clone()).to_string();
        assert!(message.contains("PDF"), "{e:?}: {message}");
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{e:?}: {message}"
        );
    }
}
