//! End-to-end tests: the built dist/ in headless Chromium through chromedriver, served over
//! HTTP under a sub-path (and the single file from file://). Run by scripts/test.sh after
//! scripts/build.sh; each test starts its own browser.

mod support;

use nianbao::model::{CellKey, Role};
use support::server::{PREFIX, Quirk};
use support::{App, Open, sample};

const HONGZE: &str = "hongze-district-2024.pdf.txt";
const ANYUE: &str = "anyue-qingliu-town-2019.txt";

#[tokio::test]
async fn a_newcomer_sees_the_sample_report_checked() {
    let app = App::open(Open::Served(Quirk::None)).await;
    assert!(app.input_text().await.contains("淮安市洪泽区人民政府"), "the sample is the default content");
    app.see_status("read").await;
    app.see_cell("requests.new.natural_person", "95").await;
    assert_eq!(app.summary_field("year").await, "2024年");
    assert!(app.summary_field("format").await.contains("2021"));
    let shot = app.screenshot("served-sample").await;
    eprintln!("screenshot: {}", shot.display());
    app.close().await;
}

#[tokio::test]
async fn the_sample_button_fills_the_input() {
    let app = App::open(Open::Served(Quirk::None)).await;
    app.click_clear().await;
    assert_eq!(app.input_text().await, "");
    app.see_status("empty").await;
    app.click_sample().await;
    assert_eq!(app.input_text().await, sample(HONGZE));
    app.see_status("read").await;
    app.close().await;
}

#[tokio::test]
async fn pasting_a_report_checks_it_at_once() {
    pasting_a_report_checks_it_at_once_in(Open::Served(Quirk::None)).await;
}

#[tokio::test]
async fn pasting_a_report_checks_it_at_once_in_the_single_file() {
    pasting_a_report_checks_it_at_once_in(Open::SingleFile).await;
}

async fn pasting_a_report_checks_it_at_once_in(how: Open) {
    let app = App::open(how).await;
    app.paste_report(&sample(ANYUE)).await;
    app.see_cell("requests.new.total", "0").await;
    assert_eq!(app.summary_field("year").await, "2019年");
    assert!(app.summary_field("format").await.contains("2019"));
    app.close().await;
}

#[tokio::test]
async fn typing_checks_on_every_change() {
    let app = App::open(Open::Served(Quirk::None)).await;
    app.click_clear().await;
    app.see_status("empty").await;
    app.type_text("这不是年报").await;
    app.see_status("no-tables").await;
    assert!(app.cells().await.is_empty(), "no table is drawn for text without tables");
    app.close().await;
}

#[tokio::test]
async fn every_table_cell_is_named_once() {
    let app = App::open(Open::Served(Quirk::None)).await;
    app.see_cell("requests.new.natural_person", "95").await;
    let cells = app.cells().await;
    assert!(!cells.is_empty());
    let mut names: Vec<&str> = cells.iter().map(|c| c.name.as_str()).collect();
    for name in &names {
        assert!(CellKey::parse(name).is_some(), "data-cell={name:?} is not a TABLE.ROW.COL name");
    }
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "a data-cell name appears twice");
    app.close().await;
}

#[tokio::test]
async fn a_broken_total_is_flagged_on_its_cells() {
    a_broken_total_is_flagged_on_its_cells_in(Open::Served(Quirk::None), "served-broken-total").await;
}

#[tokio::test]
async fn a_broken_total_is_flagged_on_its_cells_in_the_single_file() {
    a_broken_total_is_flagged_on_its_cells_in(Open::SingleFile, "single-file-broken-total").await;
}

async fn a_broken_total_is_flagged_on_its_cells_in(how: Open, screenshot: &str) {
    // The sample with 一、本年新收 总计 changed from 95 to 96: the row no longer adds up.
    let text = sample(HONGZE);
    let key = CellKey::parse("requests.new.total").unwrap();
    let span = nianbao::check_text(&text).report.cell(key).and_then(|c| c.span).expect("the reader finds the cell");
    let broken = format!("{}96{}", &text[..span.start], &text[span.end..]);
    let expected = nianbao::check_text(&broken).findings;
    assert!(!expected.is_empty(), "the core reports the broken total");

    let app = App::open(how).await;
    app.paste_report(&broken).await;
    app.see_cell("requests.new.total", "96").await;
    let wanted: Vec<(String, String)> =
        expected.iter().map(|f| (f.rule.to_string(), f.severity.key().to_string())).collect();
    app.see_findings(&wanted).await;
    let cells = app.cells().await;
    let shown_cell = |name: &str| cells.iter().find(|c| c.name == name);
    assert_eq!(shown_cell("requests.new.total").and_then(|c| c.severity.as_deref()), Some("error"));
    for finding in &expected {
        for cell in &finding.cells {
            let Some(shown) = shown_cell(&cell.cell.to_string()) else { continue };
            assert!(shown.severity.is_some(), "{} is in a finding but not marked", shown.name);
            if cell.role == Role::Primary {
                assert!(shown.primary, "{} is a primary cell but has no data-primary", shown.name);
            }
        }
    }
    app.screenshot(screenshot).await;
    app.close().await;
}

#[tokio::test]
async fn nothing_is_fetched_after_the_page_has_loaded() {
    let app = App::open(Open::Served(Quirk::None)).await;
    let server = app.server.as_ref().unwrap();
    let mut loaded = server.requests();
    loaded.sort();
    let expected: Vec<String> =
        ["", "nianbao.css", "nianbao.js", "nianbao_bg.wasm"].iter().map(|f| format!("{PREFIX}{f}")).collect();
    assert_eq!(loaded, expected, "the page loads exactly its four files, relative to its own path");
    for url in app.loaded_resources().await {
        assert!(url.starts_with(&server.url("")), "{url} is not one of the page's own files");
    }

    app.click_clear().await;
    app.paste_report(&sample(ANYUE)).await;
    app.see_cell("requests.new.total", "0").await;
    app.click_sample().await;
    app.see_cell("requests.new.natural_person", "95").await;
    app.type_text("。").await;
    app.see_status("read").await;
    let mut after = server.requests();
    after.sort();
    assert_eq!(after, expected, "using the app fetched something");
    app.close().await;
}

#[tokio::test]
async fn once_started_the_page_can_neither_fetch_nor_eval() {
    let app = App::open(Open::Served(Quirk::None)).await;
    let server = app.server.as_ref().unwrap();
    let before = server.requests().len();
    assert!(!app.can_eval().await, "eval after start");
    assert!(!app.can_fetch_its_own_address().await, "a same-origin fetch after start");
    assert_eq!(server.requests().len(), before, "the blocked fetch reached the server");
    app.close().await;
}

#[tokio::test]
async fn once_started_the_single_file_cannot_eval() {
    let app = App::open(Open::SingleFile).await;
    assert!(!app.can_eval().await, "eval after start");
    app.close().await;
}

#[tokio::test]
async fn the_wasm_loads_even_when_the_server_sends_a_generic_mime_type() {
    let app = App::open(Open::Served(Quirk::GenericWasmMime)).await;
    app.see_status("read").await;
    app.close().await;
}

#[tokio::test]
async fn the_single_file_works_from_disk() {
    let app = App::open(Open::SingleFile).await;
    assert!(app.input_text().await.contains("淮安市洪泽区人民政府"));
    app.see_cell("requests.new.natural_person", "95").await;
    app.click_clear().await;
    app.see_status("empty").await;
    app.paste_report(&sample(ANYUE)).await;
    app.see_cell("requests.new.total", "0").await;
    assert!(app.loaded_resources().await.is_empty(), "the single file loads nothing");
    app.click_sample().await;
    app.see_status("read").await;
    app.screenshot("single-file").await;
    app.close().await;
}

#[tokio::test]
async fn an_engine_that_rejects_the_wasm_shows_the_notice_in_chinese() {
    // The server sends a module the engine cannot compile, as an engine below the floor
    // rejects one that uses features it lacks.
    let app = App::load(Open::Served(Quirk::UncompilableWasm), &[]).await;
    let notice = app.wait_until("the unsupported-browser notice", || app.unsupported_notice()).await;
    assert!(notice.contains("此浏览器无法运行年报校验"), "{notice}");
    assert!(notice.contains("Chromium 86") && notice.contains("Firefox 78"), "{notice}");
    assert!(!app.has_input().await);
    app.screenshot("unsupported").await;
    app.close().await;
}

#[tokio::test]
async fn a_page_whose_script_never_runs_shows_the_notice_after_a_while() {
    // Without the glue the module script does not run at all: the stylesheet alone reveals
    // the notice after its delay (8 s), as in a browser that cannot run the page's script.
    let app = App::load(Open::Served(Quirk::MissingGlue), &[]).await;
    assert_eq!(app.unsupported_notice().await, None, "the notice waits before it shows");
    let notice = app.wait_until("the unsupported-browser notice", || app.unsupported_notice()).await;
    assert!(notice.contains("Firefox 78"), "{notice}");
    app.close().await;
}
