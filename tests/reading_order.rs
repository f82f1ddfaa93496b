//! Text copied from a PDF viewer in reading order (as `pdftotext` without `-layout` gives it)
//! brings a table's columns out as blocks, with fragments of the header between the numbers.
//! Placing numbers by their order there invents errors; the reader must not place a number
//! where the text does not put it (issue 17).
//!
//! The texts in `fixtures/reading-order/` are real: the realistic reports of
//! `reports/catalogue.rs` as web pages, and the real page `shuyang-ndrc-2023.html`, printed
//! to PDF by headless Chromium, and the published PDF of `hongze-district-2024`, each copied
//! by pdftotext in reading order (`fixtures/reading-order/make.sh` makes them). For each, what
//! the reader takes from the copy is checked against what it reads from the page itself (or,
//! for the PDF, from its `pdftotext -layout` text): no number or blank that the page does not
//! have in that cell, and no error the page does not have.

#[path = "reports/build.rs"]
mod build;
#[path = "reports/catalogue.rs"]
mod catalogue;
#[path = "variants/render.rs"]
mod render;
#[path = "variants/truth.rs"]
mod truth;

use std::path::Path;

use build::{Block, Doc};
use catalogue as cat;
use nianbao::Checked;
use nianbao::model::{CellKey, Severity, Table, UnreadReason, Value};

/// The pages printed for the reading-order texts, by the name of their text.
fn pages() -> Vec<(&'static str, Doc)> {
    let mut wrong = cat::gen_2021(2023);
    let total = build::value(&wrong, "requests.granted.total");
    build::misprint(&mut wrong, "requests.granted.total", &(total + 1).to_string());
    let review = build::value(&wrong, "appeals.review.total");
    build::misprint(&mut wrong, "appeals.review.total", &(review + 2).to_string());
    vec![
        ("district", cat::district(cat::district_tables())),
        ("department", cat::department(cat::department_tables())),
        ("township", cat::township(cat::township_tables())),
        ("hubei", cat::hubei(cat::hubei_tables())),
        ("report-2019", cat::report_2019(cat::report_2019_tables())),
        ("city-bureau", cat::city_bureau(cat::gen_2021(2023), "2024-01-25")),
        ("city-bureau-with-errors", cat::city_bureau(wrong, "2024-01-25")),
    ]
}

fn html_of(doc: &Doc) -> String {
    let title = doc.blocks.iter().find_map(|b| if let Block::Title(t) = b { Some(t.clone()) } else { None }).unwrap_or_default();
    build::html_page(doc, &format!("{title}_政府信息公开年报_某某市人民政府门户网站"))
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The pages read as web pages are what they print; `make.sh` prints them, and has this test
/// write them to `NIANBAO_READING_ORDER_PAGES` first.
#[test]
fn the_printed_pages_read_as_their_truth() {
    let out = std::env::var_os("NIANBAO_READING_ORDER_PAGES");
    for (name, doc) in pages() {
        let html = html_of(&doc);
        let checked = nianbao::check_html(&html);
        for (key, printed) in &doc.truth.cells {
            let read = checked.report.cell(*key).map(|c| &c.value);
            assert!(read.is_some_and(|v| doc.truth.agrees(*key, v)), "{name}: {key} printed {:?}, read {read:?}", printed.raw);
        }
        if let Some(dir) = &out {
            std::fs::write(Path::new(dir).join(format!("{name}.html")), html).expect("write the page");
        }
    }
}

/// What a reading-order copy was read as, against the reading of its source.
struct Compared {
    name: String,
    read: usize,
    wrong: Vec<String>,
    invented: Vec<String>,
}

fn compare(name: &str, copy: &Checked, source: &Checked) -> Compared {
    let mut read = 0;
    let mut wrong = Vec::new();
    for (key, cell) in &copy.report.cells {
        if matches!(cell.value, Value::Unread(_)) {
            continue;
        }
        read += 1;
        let truth = source.report.cell(*key).map(|c| &c.value);
        if truth != Some(&cell.value) {
            wrong.push(format!("{key}: read {:?} ({:?}), the page has {truth:?}", cell.value, cell.raw));
        }
    }
    // Every error of the copy is one the page has: the same rule on the same cells.
    let errors = |c: &Checked| -> Vec<(String, Vec<CellKey>)> {
        c.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| (f.rule.to_string(), f.primary_cells().collect())).collect()
    };
    let page_errors = errors(source);
    let invented = errors(copy).into_iter().filter(|e| !page_errors.contains(e)).map(|(rule, cells)| format!("{rule} {cells:?}")).collect();
    Compared { name: name.to_string(), read, wrong, invented }
}

#[test]
fn numbers_copied_in_reading_order_are_never_placed_where_the_text_does_not_put_them() {
    let mut all: Vec<Compared> = Vec::new();
    for (name, doc) in pages() {
        let copy = nianbao::check_text(&fixture(&format!("reading-order/{name}.txt")));
        all.push(compare(name, &copy, &nianbao::check_html(&html_of(&doc))));
    }
    let shuyang = nianbao::check_text(&fixture("reading-order/shuyang-ndrc-2023.txt"));
    all.push(compare("shuyang-ndrc-2023", &shuyang, &nianbao::check_html(&fixture("samples/shuyang-ndrc-2023.html"))));
    let hongze = nianbao::check_text(&fixture("reading-order/hongze-district-2024.txt"));
    all.push(compare("hongze-district-2024", &hongze, &nianbao::check_text(&fixture("samples/hongze-district-2024.pdf.txt"))));

    let failures: Vec<String> = all
        .iter()
        .filter(|c| !c.wrong.is_empty() || !c.invented.is_empty())
        .map(|c| format!("{}:\n  wrong: {:?}\n  invented errors: {:?}", c.name, c.wrong, c.invented))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Not vacuous: most of these copies keep each row's numbers after its label, and those
    // are read.
    let read: usize = all.iter().map(|c| c.read).sum();
    assert!(read > 1000, "{read} cells read in all");
}

#[test]
fn the_genuine_errors_of_a_page_copied_in_reading_order_are_still_found() {
    let copy = nianbao::check_text(&fixture("reading-order/city-bureau-with-errors.txt"));
    for cell in ["requests.granted.total", "appeals.review.total"] {
        let key = CellKey::parse(cell).unwrap();
        let named = copy.findings.iter().any(|f| f.severity == Severity::Error && f.involves(key));
        let unread = copy.report.cell(key).is_none_or(|c| matches!(c.value, Value::Unread(_)));
        assert!(named || unread, "{cell}: neither an error nor left unread");
        assert!(named, "{cell}: the error is found in this copy: {:#?}", copy.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    }
}

/// 表四 as a PDF viewer may copy it: each column's numbers as a block under its header
/// words, across the three groups. By order the fifteen would land in the wrong cells and
/// break every group's total; the words between them say so, and the table is left unread
/// with the reason, not reported as three wrong totals.
#[test]
fn table_four_copied_column_by_column_is_not_read_by_order() {
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n未经复议直接起诉\n复议后起诉\n结果\n维持\n1\n1\n2\n结果\n纠正\n1\n0\n0\n其他\n结果\n0\n0\n1\n尚未\n审结\n0\n0\n0\n总计\n2\n1\n3\n五、存在的主要问题及改进情况\n";
    let checked = nianbao::check_text(text);
    let errors: Vec<&str> = checked.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.message.as_str()).collect();
    assert!(errors.is_empty(), "no error the report does not have: {errors:?}");
    for (key, cell) in checked.report.cells.iter().filter(|(k, _)| k.table() == Table::Appeals) {
        assert_eq!(cell.value, Value::Unread(UnreadReason::OrderLost), "{key}");
    }
    let said = checked.findings.iter().any(|f| f.rule == "unreadable-cell" && f.message.contains("失去了原来的顺序"));
    assert!(said, "{:#?}", checked.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    // The same numbers in the official order, each group after its own header row, are read.
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 1 0 0 2\n未经复议直接起诉\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1\n复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计\n2 0 1 0 3\n五、存在的主要问题及改进情况\n";
    let checked = nianbao::check_text(text);
    assert_eq!(checked.report.number(CellKey::parse("appeals.litigation_after_review.total").unwrap()), Some(3.into()));
    assert!(checked.findings.iter().all(|f| f.severity != Severity::Error));
}
