//! The real sample reports must read exactly as their `*.expected.json` says, cell by cell:
//! the value of every listed cell, every blank, the format and the year. Cells listed as
//! "unknown" may be anything (the report does not state them with certainty).

use std::path::Path;

use nianbao::model::{CellKey, Decimal, Value};

/// Compares one sample; returns the list of differences.
fn differences(input_name: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples");
    let input = std::fs::read_to_string(dir.join(input_name)).expect("sample input");
    let stem = input_name.rsplit_once('.').map_or(input_name, |(s, _)| s);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{stem}.expected.json"))).expect("expected json"))
            .expect("valid json");
    // HTML is read as HTML, and its spans point into the HTML source.
    let report = if input_name.ends_with(".html") { nianbao::check_html(&input) } else { nianbao::check_text(&input) }.report;
    let mut diffs = Vec::new();

    let format = report.format.map(|f| f.key().to_string());
    if format.as_deref() != expected["format"].as_str() {
        diffs.push(format!("format: read {format:?}, expected {}", expected["format"]));
    }
    if report.year.map(i64::from) != expected["year"].as_i64() {
        diffs.push(format!("year: read {:?}, expected {}", report.year, expected["year"]));
    }
    for (name, value) in expected["cells"].as_object().expect("cells") {
        let key = CellKey::parse(name).unwrap_or_else(|| panic!("bad cell name {name}"));
        let want = decimal(value);
        match report.cell(key).map(|c| &c.value) {
            Some(Value::Number(n)) if *n == want => {}
            other => diffs.push(format!("{name}: read {other:?}, expected {want}")),
        }
    }
    for name in expected["blank"].as_array().expect("blank") {
        let name = name.as_str().expect("cell name");
        let key = CellKey::parse(name).unwrap_or_else(|| panic!("bad cell name {name}"));
        match report.cell(key).map(|c| &c.value) {
            Some(Value::Blank) => {}
            other => diffs.push(format!("{name}: read {other:?}, expected blank")),
        }
    }
    // Every cell's span points exactly at its raw text.
    for (key, cell) in &report.cells {
        if let Some(span) = cell.span
            && input.get(span.start..span.end) != Some(cell.raw.as_str())
        {
            diffs.push(format!("{key}: span {span:?} holds {:?}, raw is {:?}", input.get(span.start..span.end), cell.raw));
        }
    }
    diffs
}

fn decimal(value: &serde_json::Value) -> Decimal {
    let text = value.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    Decimal::parse_digits(int, frac).unwrap_or_else(|| panic!("expected value {text} is not a plain number"))
}

fn check(input_name: &str) {
    let diffs = differences(input_name);
    assert!(diffs.is_empty(), "{input_name}: {} differences:\n{}", diffs.len(), diffs.join("\n"));
}

#[test]
fn township_2019_one_cell_per_line() {
    check("anyue-qingliu-town-2019.txt");
}

#[test]
fn district_2024_pdf_layout_text() {
    check("hongze-district-2024.pdf.txt");
}

#[test]
fn zone_2019_flattened_text() {
    check("pingtan-zone-2019.flat.txt");
}

#[test]
fn zone_2022_flattened_text() {
    check("pingtan-zone-2022.flat.txt");
}

#[test]
fn office_2025_markdown_from_pdf() {
    check("shanghai-office-2025.md");
}

#[test]
fn ndrc_2023_html_page() {
    check("shuyang-ndrc-2023.html");
}
