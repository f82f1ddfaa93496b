//! Component tests: the UI's components rendered into a real DOM in headless Chromium
//! (wasm-bindgen-test; scripts/test.sh runs them with
//! `cargo test --target wasm32-unknown-unknown --features ui --test components`).
//!
//! They build the core's results by hand, so they do not depend on what the reader and the
//! rules currently find: they pin the DOM contract and the view model.

#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use leptos::prelude::*;
use nianbao::Checked;
use nianbao::model::{
    Cell, CellKey, CellRef, Decimal, Fact, Finding, Format, Relation, Report, RequestRow, Role, Severity, Table, Unit,
    UnreadReason, Value,
};
use nianbao::ui::view::{self, CellState, Status};
use nianbao::ui::{App, FindingList, SummaryView, TableBlock, crash};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---- the DOM contract -------------------------------------------------------------------

#[wasm_bindgen_test]
fn cells_in_findings_carry_severity_and_primary() {
    let checked = broken_row_total();
    let requests = view::tables(&checked).into_iter().find(|t| t.table == Table::Requests).unwrap();
    let root = mount(move || view! { <TableBlock table=requests.clone() /> });

    let total = cell(&root, "requests.new.total");
    assert_eq!(total.text_content().unwrap(), "96");
    assert_eq!(total.get_attribute("data-severity").as_deref(), Some("error"));
    assert!(total.has_attribute("data-primary"));

    let part = cell(&root, "requests.new.natural_person");
    assert_eq!(part.get_attribute("data-severity").as_deref(), Some("error"));
    assert!(!part.has_attribute("data-primary"), "a related cell is not primary");

    let untouched = cell(&root, "requests.carried_over.total");
    assert_eq!(untouched.get_attribute("data-severity"), None);
    assert_eq!(untouched.text_content().unwrap(), "", "a cell the report lacks is empty");
}

#[wasm_bindgen_test]
fn every_cell_of_a_table_is_named() {
    let checked = broken_row_total();
    for table in view::tables(&checked) {
        let expected = table.sections.iter().map(|s| s.rows.iter().map(|r| r.cells.len()).sum::<usize>()).sum::<usize>();
        let present = table.present;
        let root = mount(move || view! { <TableBlock table=table.clone() /> });
        let tds = root.query_selector_all("td").unwrap();
        if present {
            assert_eq!(tds.length() as usize, expected);
        } else {
            assert_eq!(tds.length(), 0, "an absent table draws no cells");
            assert!(root.query_selector(".absent").unwrap().is_some(), "an absent table is noted");
        }
        for i in 0..tds.length() {
            let td: Element = tds.get(i).unwrap().dyn_into().unwrap();
            let name = td.get_attribute("data-cell").expect("every td has data-cell");
            assert!(CellKey::parse(&name).is_some(), "{name}");
        }
    }
}

#[wasm_bindgen_test]
fn findings_are_listed_with_their_rule_and_severity() {
    let findings = view::findings(&broken_row_total());
    let root = mount(move || view! { <FindingList findings=findings.clone() /> });
    let items = root.query_selector_all("#findings li").unwrap();
    assert_eq!(items.length(), 1);
    let item: Element = items.get(0).unwrap().dyn_into().unwrap();
    assert_eq!(item.get_attribute("data-rule").as_deref(), Some("requests-row-total"));
    assert_eq!(item.get_attribute("data-severity").as_deref(), Some("error"));
    assert_eq!(
        item.get_attribute("data-cells").as_deref(),
        Some("requests.new.total requests.new.natural_person")
    );
    assert!(item.text_content().unwrap().contains("错误"));
}

#[wasm_bindgen_test]
fn no_findings_says_so() {
    let root = mount(|| view! { <FindingList findings=Vec::new() /> });
    assert!(root.text_content().unwrap().contains("没有发现问题"));
}

#[wasm_bindgen_test]
fn the_summary_shows_what_was_read_and_the_counts() {
    let summary = view::summary("……", &broken_row_total());
    let root = mount(move || view! { <SummaryView summary=summary.clone() /> });
    let field = |name: &str| {
        root.query_selector(&format!("[data-field='{name}']")).unwrap().unwrap().text_content().unwrap()
    };
    assert_eq!(field("year"), "2024年");
    assert_eq!(field("title"), "某区人民政府2024年政府信息公开工作年度报告");
    assert!(field("format").contains("2021"));
    assert_eq!(field("published"), "未识别");
    let count = root.query_selector("[data-count='error']").unwrap().unwrap().text_content().unwrap();
    assert_eq!(count, "错误 1 项");
}

// ---- the app ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_app_starts_with_the_sample_and_checks_what_is_typed() {
    let root = mount(App);
    let input: web_sys::HtmlTextAreaElement =
        root.query_selector("#report-input").unwrap().expect("the report input").dyn_into().unwrap();
    until(|| input.value() == nianbao::ui::sample::HONGZE_2024).await;
    until(|| status(&root) == "read").await;

    input.set_value("");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until(|| status(&root) == "empty").await;

    input.set_value("这不是年报");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until(|| status(&root) == "no-tables").await;

    let sample: HtmlElement = root.query_selector("#load-sample").unwrap().unwrap().dyn_into().unwrap();
    sample.click();
    until(|| input.value() == nianbao::ui::sample::HONGZE_2024).await;
}

#[wasm_bindgen_test]
fn a_panic_shows_a_message_in_chinese() {
    crash::show("boom at src/somewhere.rs");
    let document = document();
    let panel = document.get_element_by_id(crash::ID).expect("the crash message");
    let text = panel.text_content().unwrap();
    assert!(text.contains(crash::MESSAGE));
    assert!(text.contains("boom at src/somewhere.rs"));
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));

    crash::show("second");
    assert_eq!(document.query_selector_all("#crash").unwrap().length(), 1, "shown once, not stacked");
    panel.remove();
}

// ---- the view model -----------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_most_serious_finding_marks_a_cell_and_any_primary_role_sticks() {
    let total = key("requests.new.total");
    let person = key("requests.new.natural_person");
    let warning = finding(Severity::Warning, &[(person, Role::Primary)]);
    let error = finding(Severity::Error, &[(total, Role::Primary), (person, Role::Related)]);
    let info = finding(Severity::Info, &[(key("requests.new.commercial"), Role::Primary)]);
    let marks = view::marks(&[warning, error, info]);
    assert_eq!(marks[&person].severity, Severity::Error);
    assert!(marks[&person].primary);
    assert!(marks[&total].primary);
    assert!(!marks.contains_key(&key("requests.new.commercial")), "informational findings mark nothing");
}

#[wasm_bindgen_test]
fn blank_and_unread_cells_show_their_text() {
    let mut checked = broken_row_total();
    put(&mut checked.report, "requests.granted.total", Value::Blank, "—");
    put(&mut checked.report, "requests.granted.commercial", Value::Unread(UnreadReason::NotANumber), "1O");
    let requests = view::tables(&checked).into_iter().find(|t| t.table == Table::Requests).unwrap();
    let cells: Vec<_> = requests.sections.iter().flat_map(|s| s.rows.iter().flat_map(|r| r.cells.iter())).collect();
    let find = |name: &str| cells.iter().find(|c| c.key == key(name)).unwrap();
    assert_eq!((find("requests.granted.total").text.as_str(), find("requests.granted.total").state), ("—", CellState::Blank));
    assert_eq!(find("requests.granted.commercial").state, CellState::Unread);
    assert_eq!(find("requests.new.total").state, CellState::Number);
    assert_eq!(find("requests.total.total").state, CellState::Missing);
}

#[wasm_bindgen_test]
fn the_status_tells_empty_input_from_text_without_tables() {
    let nothing = Checked { report: Report::default(), findings: Vec::new() };
    assert_eq!(view::summary("  \n", &nothing).status, Status::Empty);
    assert_eq!(view::summary("随便一段话", &nothing).status, Status::NoTables);
    assert_eq!(view::summary("……", &broken_row_total()).status, Status::Read);
}

// ---- helpers -------------------------------------------------------------------------------

/// A 2024 report whose 一、本年新收 row has 自然人 95 and 总计 96, with the finding the rules
/// would give for it.
fn broken_row_total() -> Checked {
    let mut report = Report {
        year: Some(2024),
        format: Some(Format::V2021),
        title: Some("某区人民政府2024年政府信息公开工作年度报告".into()),
        ..Report::default()
    };
    put(&mut report, "requests.new.natural_person", Value::Number(Decimal::from_int(95)), "95");
    put(&mut report, "requests.new.total", Value::Number(Decimal::from_int(96)), "96");
    let fact = Fact::Sum {
        relation: Relation::RowTotal(RequestRow::New),
        parts: vec![Decimal::from_int(95)],
        expected: Decimal::from_int(95),
        actual: Decimal::from_int(96),
        hint: None,
    };
    let cells = vec![
        CellRef { cell: key("requests.new.total"), role: Role::Primary },
        CellRef { cell: key("requests.new.natural_person"), role: Role::Related },
    ];
    let finding = Finding::new("requests-row-total", Severity::Error, cells, fact, Format::V2021);
    Checked { report, findings: vec![finding] }
}

fn finding(severity: Severity, cells: &[(CellKey, Role)]) -> Finding {
    let cells = cells.iter().map(|(cell, role)| CellRef { cell: *cell, role: *role }).collect();
    let fact = Fact::Negative { cell: key("requests.new.total"), value: Decimal::from_int(-1) };
    Finding::new("test-rule", severity, cells, fact, Format::V2021)
}

fn put(report: &mut Report, name: &str, value: Value, raw: &str) {
    report.cells.insert(key(name), Cell { value, raw: raw.into(), span: None, unit: Unit::None });
}

fn key(name: &str) -> CellKey {
    CellKey::parse(name).unwrap_or_else(|| panic!("{name} is not a cell name"))
}

/// Mounts a view into a fresh element of its own and returns that element.
fn mount<F, N>(f: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let root: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), f).forget();
    root
}

fn cell(root: &HtmlElement, name: &str) -> Element {
    root.query_selector(&format!("[data-cell='{name}']")).unwrap().unwrap_or_else(|| panic!("no cell {name}"))
}

fn status(root: &HtmlElement) -> String {
    root.query_selector("#summary").unwrap().and_then(|s| s.get_attribute("data-status")).unwrap_or_default()
}

/// Lets the reactive system run until `condition` holds (at most a few hundred ticks).
async fn until(mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        leptos::task::tick().await;
    }
    panic!("the condition never held");
}
