//! End-to-end tests: the built dist/ in headless Chromium (through chromedriver) and headless
//! Firefox ESR (through geckodriver), served over HTTP under a sub-path (and the single file
//! from file://). Run by scripts/test.sh after scripts/build.sh; each test starts its own
//! browser. `#[e2e]` runs each test once per engine, as `NAME::chromium` and `NAME::firefox`
//! (`cargo test --test e2e firefox` runs one engine).
//!
//! What the page should show is what the core says about the same input, computed here
//! natively: the tests check that the page shows it, through the DOM contract.

mod support;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::time::Instant;

use nianbao::Checked;
use nianbao::model::{CellKey, Role, Severity, Value};
use support::server::{PREFIX, Quirk};
use support::{App, Open, e2e, fixture, fixture_bytes, fixture_path, sample};

const HONGZE: &str = "hongze-district-2024.pdf.txt";
const ANYUE: &str = "anyue-qingliu-town-2019.txt";
const SHUYANG_HTML: &str = "shuyang-ndrc-2023.html";
const ERRORS: &str = "ui/hongze-district-2024.errors.txt";
const PINGTAN_2019: &str = "pingtan-zone-2019.flat.txt";
const SERVED: Open = Open::Served(Quirk::None);

// ---- the first look ---------------------------------------------------------------------------

#[e2e]
async fn the_empty_page_says_how_to_start_and_waits_for_a_paste() {
    let app = App::open(SERVED).await;
    app.see_status("empty").await;
    assert_eq!(app.input_text().await, "");
    assert!(app.cells().await.is_empty(), "no tables before a report");
    let focused = app.js("return document.activeElement && document.activeElement.id").await;
    assert_eq!(focused, "report-input", "the cursor waits in the input, so that Ctrl+V works at once");
    let help = app.js("return document.querySelector('.help').innerText").await;
    assert!(help.as_str().unwrap().contains("粘贴") && help.as_str().unwrap().contains("拖到本页面"), "{help}");
    let privacy = app.js("return document.querySelector('.page-header').innerText").await;
    assert!(privacy.as_str().unwrap().contains("不会离开这台电脑"), "the privacy promise is on the page: {privacy}");
    app.screenshot("empty").await;
    app.close().await;
}

#[e2e]
async fn the_clean_sample_is_one_click_away() {
    let app = App::open(SERVED).await;
    app.click_sample().await;
    app.see_status("read").await;
    assert_eq!(app.input_text().await, sample(HONGZE));
    shows_what_the_core_found(&app, &nianbao::check_text(&sample(HONGZE))).await;
    let (errors, warnings, infos, words) = app.headline().await;
    assert_eq!(errors, 0, "the clean sample has no errors: {words}");
    // The note: the PDF's text carries no publication date, so the deadline is not checked.
    assert_eq!(infos, 1, "{words}");
    assert_eq!(words, format!("未发现错误 · {warnings} 处提醒 · 1 处提示"));
    assert_eq!(app.summary_field("year").await, "2024年");
    assert!(app.summary_field("format").await.contains("2021"));
    assert!(app.summary_field("title").await.contains("洪泽区"));
    assert_eq!(app.parts_found().await, vec![true; 6], "all six parts are found");
    app.screenshot("clean").await;
    app.close().await;
}

#[e2e]
async fn the_sample_with_errors_marks_the_wrong_cells() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let expected = nianbao::check_text(&fixture(ERRORS));
    shows_what_the_core_found(&app, &expected).await;
    let (errors, warnings, infos, words) = app.headline().await;
    assert!(errors >= 4, "the four planted errors are found: {words}");
    // Two relations have a blank cell (blank is not zero): the headline says they went unchecked.
    // The note: the PDF's text carries no publication date, so the deadline is not checked.
    let unchecked = expected.relations().unchecked.len();
    assert!(unchecked > 0);
    assert_eq!(infos, 1, "{words}");
    assert_eq!(words, format!("{errors} 处错误 · {warnings} 处提醒 · {infos} 处提示 · {unchecked} 个勾稽关系未能核对"));
    // The planted defects, each on its cell.
    let cells = app.cells().await;
    let cell = |name: &str| cells.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no cell {name}"));
    for primary in ["requests.granted.total", "appeals.review.total"] {
        assert_eq!(cell(primary).severity.as_deref(), Some("error"), "{primary}");
        assert!(cell(primary).primary, "{primary} is marked as the cell to fix");
    }
    let blank = cell("requests.unavailable_needs_creation.total");
    assert_eq!((blank.text.as_str(), blank.severity.as_deref()), ("—", Some("warning")), "a blank total shows as blank, flagged");
    let misfiled = app.findings().await.into_iter().filter(|f| f.rule == "requests-balance").flat_map(|f| f.cells).collect::<Vec<_>>();
    assert!(misfiled.iter().any(|c| c.ends_with(".commercial")), "the application counted as 商业企业 is pointed at: {misfiled:?}");
    // Badges name the findings on a cell; its tooltip lists them.
    let granted = cell("requests.granted.total");
    let badge = granted.badge.clone().expect("a badge on a flagged cell");
    for number in badge.split(',') {
        let finding = app.findings().await.into_iter().find(|f| f.number.to_string() == number).expect("the badge names a listed finding");
        assert!(finding.cells.contains(&granted.name));
        assert!(granted.tip.contains(&finding.message), "hovering the cell shows finding {number}: {}", granted.tip);
    }
    app.screenshot("errors").await;
    app.click_finding(1).await;
    app.screenshot("errors-first-finding").await;
    app.close().await;
}

#[e2e]
async fn a_rules_explanation_is_one_click_away() {
    a_rules_explanation_in(SERVED).await;
}

#[e2e]
async fn a_rules_explanation_is_one_click_away_in_the_single_file() {
    a_rules_explanation_in(Open::SingleFile).await;
}

/// The rules' explanations are in the page's second module: opening one loads them, and every
/// finding listed then has its rule's.
async fn a_rules_explanation_in(how: Open) {
    let app = App::open(how).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let explanation = |n: usize| {
        app.js_with(
            "const li = document.querySelectorAll('#findings li[data-rule]')[arguments[0]];
             return [li.getAttribute('data-rule'), li.querySelector('details.explain p.explanation').textContent];",
            vec![serde_json::json!(n)],
        )
    };
    app.js("document.querySelector('#findings li[data-rule] details.explain summary').click()").await;
    let first = app
        .wait_until("the first finding's explanation", || async {
            let shown = explanation(0).await;
            let rule = nianbao::rules::rule(shown[0].as_str()?)?;
            (shown[1].as_str()? == rule.explanation()).then_some(rule.id)
        })
        .await;
    assert!(app.js("return document.querySelector('#findings li[data-rule] details.explain').open").await.as_bool().unwrap());
    // The other findings' explanations came with it.
    let count = app.findings().await.len();
    assert!(count > 1);
    let last = explanation(count - 1).await;
    let rule = nianbao::rules::rule(last[0].as_str().unwrap()).unwrap();
    assert_eq!(last[1].as_str(), Some(rule.explanation()), "after {first}");
    app.close().await;
}

/// Issue 17: a flattened report whose （六）其他处理 row reads "1 0 0 0 0 00". The one cut the
/// digits allow makes the row's total 0 where its parts add up to 1: the reader takes it, and
/// the page marks the error, instead of leaving the row unread behind a reading warning.
#[e2e]
async fn a_flattened_report_with_a_row_that_does_not_add_up_shows_the_error() {
    let text = sample(PINGTAN_2019).replace("（六）其他处理0 0 0 0 0 00", "（六）其他处理1 0 0 0 0 00");
    assert!(text.contains("其他处理1 0 0 0 0 00"), "the reproduction changes the sample");
    let app = App::open(SERVED).await;
    app.paste_report(&text).await;
    app.see_status("read").await;
    let expected = nianbao::check_text(&text);
    shows_what_the_core_found(&app, &expected).await;
    let cells = app.cells().await;
    let cell = cells.iter().find(|c| c.name == "requests.other.natural_person").expect("the row is drawn");
    assert_eq!((cell.text.as_str(), cell.severity.as_deref(), cell.primary), ("1", Some("error"), true), "the 1 is read and marked");
    let rules: Vec<String> = app.findings().await.into_iter().filter(|f| f.cells.contains(&cell.name)).map(|f| f.rule).collect();
    assert!(rules.iter().any(|r| r == "requests-row-total") && rules.iter().any(|r| r == "requests-outcome-total"), "{rules:?}");
    let (errors, _, _, words) = app.headline().await;
    assert_eq!(errors, 2, "{words}");
    assert!(words.starts_with("2 处错误 · "), "{words}");
    assert!(!words.contains("未发现"), "{words}");
    // Every relation of the table was checked, and the page says how many held and broke.
    let coverage = app.js("const c = document.getElementById('coverage'); return [c.getAttribute('data-held'), c.getAttribute('data-broken'), c.getAttribute('data-unchecked'), c.textContent]").await;
    let tally = expected.relations();
    let n = |i: usize| coverage[i].as_str().unwrap_or_default().to_string();
    assert_eq!((n(0), n(1), n(2)), (tally.held.to_string(), tally.broken.to_string(), tally.unchecked.len().to_string()));
    assert_eq!(tally.broken, 2);
    assert!(n(3).contains("2 个不符"), "{}", n(3));
    // The cell to fix, selected: the page shows where its digit came from.
    app.click_cell("requests.other.natural_person").await;
    app.screenshot("flattened-row-that-does-not-add-up").await;
    app.close().await;
}

/// A report whose blanks leave relations unchecked: the headline counts them, and the reasons
/// are one click away, each relation with the cells to look at.
#[e2e]
async fn relations_left_unchecked_are_counted_and_their_reasons_one_click_away() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let expected = nianbao::check_text(&fixture(ERRORS));
    let tally = expected.relations();
    assert!(!tally.unchecked.is_empty());
    let unchecked = app.js("return document.getElementById('headline').getAttribute('data-unchecked')").await;
    assert_eq!(unchecked.as_str(), Some(tally.unchecked.len().to_string().as_str()));
    let open = || async { app.js("return document.querySelector('#coverage').open").await == serde_json::json!(true) };
    assert!(!open().await, "the reasons wait behind a click");
    app.js("document.querySelector('#coverage summary').click(); return null").await;
    app.wait_until("the reasons", || async { open().await.then_some(()) }).await;
    let listed = app.js("return document.querySelector('#coverage').innerText").await;
    let listed = listed.as_str().unwrap_or_default().to_string();
    assert!(listed.contains("有空白格"), "{listed}");
    for u in &tally.unchecked {
        assert!(listed.contains(&u.relation.describe()), "{} is listed: {listed}", u.relation.describe());
    }
    // A cell of the list moves to the cell in the table.
    let first = tally.unchecked[0].cells[0].to_string();
    app.js(&format!("document.querySelector(\"#coverage button[data-chip='{first}']\").click(); return null")).await;
    app.wait_until("the cell selected", || async { (app.focused_cell().await.as_deref() == Some(first.as_str())).then_some(()) }).await;
    app.screenshot("coverage-reasons").await;
    app.close().await;
}

// ---- pasting --------------------------------------------------------------------------------

#[e2e]
async fn pasting_each_sample_as_text_shows_what_the_core_finds() {
    pasting_each_sample_in(SERVED).await;
}

#[e2e]
async fn pasting_each_sample_as_text_shows_what_the_core_finds_in_the_single_file() {
    pasting_each_sample_in(Open::SingleFile).await;
}

async fn pasting_each_sample_in(how: Open) {
    let app = App::open(how).await;
    for name in [
        "samples/hongze-district-2024.pdf.txt",
        "samples/anyue-qingliu-town-2019.txt",
        "samples/pingtan-zone-2019.flat.txt",
        "samples/pingtan-zone-2022.flat.txt",
        "samples/shanghai-office-2025.md",
        ERRORS,
    ] {
        let text = fixture(name);
        app.paste_report(&text).await;
        app.see_status("read").await;
        assert_eq!(app.input_text().await, text, "{name}: the input holds the paste");
        shows_what_the_core_found(&app, &nianbao::check_text(&text)).await;
        if matches!(how, Open::Served(_)) {
            app.js("document.querySelector('.tables').scrollIntoView()").await;
            app.screenshot(&format!("sample-{}", name.rsplit('/').next().unwrap())).await;
        }
    }
    app.close().await;
}

#[e2e]
async fn pasting_a_web_page_reads_its_tables_from_the_html() {
    let app = App::open(SERVED).await;
    let html = sample(SHUYANG_HTML);
    let text = plain_text_of(&html);
    app.paste_rich(&html, &text).await;
    app.see_status("read").await;
    let (expected, source) = nianbao::check_paste(Some(&html), &text);
    assert_eq!(source, nianbao::PasteSource::Html, "the sample's tables are read from its HTML");
    shows_what_the_core_found(&app, &expected).await;
    assert_eq!(app.input_text().await, text, "the input shows the pasted text");
    assert!(app.summary_field("read-from").await.contains("HTML"));
    // Blank cells of the page stay blank.
    let blank = app.cells().await.into_iter().find(|c| c.name == "requests.new.commercial").unwrap();
    assert_eq!(blank.text, "", "a blank cell is shown blank, not 0");
    // A cell's source is shown in the HTML, at its line.
    app.click_cell("requests.new.total").await;
    let key = CellKey::parse("requests.new.total").unwrap();
    let cell = expected.report.cell(key).unwrap();
    let span = cell.span.unwrap();
    let line = html[..span.start].matches('\n').count() + 1;
    app.wait_until("the cell panel to show the HTML source", || async {
        let (selected, hit, text) = app.cell_panel().await;
        (selected.as_deref() == Some("requests.new.total")
            && hit.as_deref() == Some(&html[span.start..span.end])
            && text.contains(&format!("网页源代码第 {line} 行")))
        .then_some(())
    })
    .await;
    app.screenshot("html-paste").await;
    app.close().await;
}

#[e2e]
async fn a_rich_paste_without_tables_is_read_as_its_text() {
    let app = App::open(SERVED).await;
    let text = sample(ANYUE);
    // A PDF viewer's HTML flavour: the text in one <pre>, no table.
    let html = format!("<html><body><pre>{}</pre></body></html>", text.replace('&', "&amp;").replace('<', "&lt;"));
    app.paste_rich(&html, &text).await;
    app.see_status("read").await;
    let (expected, source) = nianbao::check_paste(Some(&html), &text);
    shows_what_the_core_found(&app, &expected).await;
    let read_from = app.summary_field("read-from").await;
    assert_eq!(source != nianbao::PasteSource::Text, read_from.contains("HTML"), "{read_from}");
    app.close().await;
}

#[e2e]
async fn a_pages_source_pasted_as_text_is_read_as_html() {
    // Copied from the browser's source view or a CMS editor's source mode: plain text that
    // is markup. Read as text, its tables were lost among the tags.
    let app = App::open(SERVED).await;
    let source = sample(SHUYANG_HTML);
    app.paste_report(&source).await;
    app.see_status("read").await;
    let (expected, how) = nianbao::check_paste(None, &source);
    assert_eq!(how, nianbao::PasteSource::Markup);
    assert!(!expected.report.cells.is_empty());
    shows_what_the_core_found(&app, &expected).await;
    assert_eq!(app.input_text().await, source, "the input shows what was pasted");
    assert!(app.input_note().await.contains("网页的源代码"), "{}", app.input_note().await);
    assert_eq!(app.summary_field("read-from").await, "网页源代码（HTML）");
    app.screenshot("source-paste").await;
    // A cell's source is marked in the text area, in the pasted source.
    app.click_cell("requests.new.total").await;
    let span = expected.report.cell(CellKey::parse("requests.new.total").unwrap()).unwrap().span.unwrap();
    app.wait_until("the cell's text marked in the input", || async {
        app.input_mark().await.filter(|(hit, _)| hit == &source[span.start..span.end]).map(|_| ())
    })
    .await;
    app.screenshot("source-paste-cell").await;
    // A report's text that mentions a tag is text.
    let text = sample(ANYUE).replacen("一、", "（网站表格以<table>标签发布）\n一、", 1);
    app.paste_report(&text).await;
    app.wait_until("the text read as text", || async { (app.summary_field("read-from").await == "纯文本").then_some(()) }).await;
    shows_what_the_core_found(&app, &nianbao::check_text(&text)).await;
    assert_eq!(app.input_note().await, "");
    app.close().await;
}

#[e2e]
async fn pasting_anywhere_on_the_page_reads_the_report() {
    let app = App::open(SERVED).await;
    let text = sample(ANYUE);
    app.paste_on_the_page(&text).await;
    app.see_status("read").await;
    assert_eq!(app.input_text().await, text);
    shows_what_the_core_found(&app, &nianbao::check_text(&text)).await;
    app.close().await;
}

#[e2e]
async fn typing_checks_after_a_pause() {
    let app = App::open(SERVED).await;
    app.type_text("这不是年报").await;
    app.see_status("no-tables").await;
    assert!(app.cells().await.is_empty(), "no table is drawn for text without tables");
    assert!(app.summary_text().await.contains("没有在这段文字中找到"));
    app.click_clear().await;
    app.see_status("empty").await;
    app.close().await;
}

// ---- files --------------------------------------------------------------------------------------

#[e2e]
async fn dropping_files_opens_each_as_its_own_report() {
    let app = App::open(SERVED).await;
    let html = fixture_bytes("inputs/hongze-district-2024.gbk.html");
    let txt = fixture_bytes("inputs/hongze-district-2024.gbk.txt");
    let docx = docx_of(&fixture_bytes("inputs/hongze-district-2024.document.xml"));
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let files: [(&str, &[u8]); 4] = [("洪泽.html", &html), ("洪泽-GBK.txt", &txt), ("洪泽.docx", &docx), ("扫描件.pdf", &pdf)];
    app.drop_files(&files).await;
    app.wait_until("four open reports", || async { (app.reports().await.0.len() == 4).then_some(()) }).await;
    let (list, current) = app.reports().await;
    assert_eq!(current, Some(0), "the first file dropped is shown");
    assert_eq!(list.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["洪泽.html", "洪泽-GBK.txt", "洪泽.docx", "扫描件.pdf"]);
    assert!(list[3].1.contains("无法读取"), "{list:?}");
    // The three are one report: each says that the others are copies of it.
    let side_by_side = checked_side_by_side(&files);
    for (i, (name, _)) in files[..3].iter().enumerate() {
        app.switch_to_report(name).await;
        let expected = side_by_side[i].clone();
        assert!(expected.findings.iter().any(|f| f.rule == "duplicate-report"), "{name}");
        app.see_status("read").await;
        shows_what_the_core_found(&app, &expected).await;
        assert_eq!(app.cell_text("requests.new.natural_person").await.as_deref(), Some("95"), "{name}");
    }
    // The .docx has no text positions; the panel says so.
    app.switch_to_report("洪泽.docx").await;
    app.see_status("read").await;
    app.click_cell("requests.new.total").await;
    app.wait_until("the panel to say there are no positions", || async {
        app.cell_panel().await.2.contains("没有原文位置").then_some(())
    })
    .await;
    // A PDF with nothing in it gets the PDF reader's message.
    app.switch_to_report("扫描件.pdf").await;
    app.see_status("refused").await;
    let message = app.summary_text().await;
    let native = nianbao::check_file("扫描件.pdf", &pdf).expect_err("refused natively").to_string();
    assert!(message.contains(&native) && native.contains("PDF"), "{message}");
    app.screenshot("several-files").await;
    // All findings at once.
    app.click_id("export-all-csv").await;
    let csv = String::from_utf8(app.downloaded("年报校验-全部报告的问题清单.csv").await).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    for (name, _) in &files[..3] {
        assert!(csv.contains(name), "{name} in {csv}");
    }
    // Closing one leaves the others.
    app.js("document.querySelector('#reports-slot button[data-close]').click()").await;
    app.wait_until("three open reports", || async { (app.reports().await.0.len() == 3).then_some(()) }).await;
    assert!(!app.reports().await.0.iter().any(|(n, _)| n == "洪泽.html"));
    app.close().await;
}

#[e2e]
async fn the_file_button_opens_several_files_at_once() {
    let app = App::open(SERVED).await;
    let hongze = fixture_path("samples/hongze-district-2024.pdf.txt");
    let anyue = fixture_path("inputs/anyue-qingliu-town-2019.utf16le.txt");
    app.pick_files(&[&hongze, &anyue]).await;
    app.wait_until("two open reports", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.see_status("read").await;
    shows_what_the_core_found(&app, &nianbao::check_text(&sample(HONGZE))).await;
    app.switch_to_report("anyue-qingliu-town-2019.utf16le.txt").await;
    let expected = nianbao::check_file("a.txt", &fixture_bytes("inputs/anyue-qingliu-town-2019.utf16le.txt")).unwrap().1;
    app.wait_until("the 2019 report", || async { (app.summary_field("year").await == "2019年").then_some(()) }).await;
    shows_what_the_core_found(&app, &expected).await;
    app.close().await;
}

#[e2e]
async fn a_picked_folder_opens_its_reports_and_skips_the_rest() {
    let app = App::open(SERVED).await;
    app.pick_folder(&fixture_path("samples")).await;
    let reports = ["anyue-qingliu-town-2019.txt", "hongze-district-2024.pdf", "hongze-district-2024.pdf.txt", "pingtan-zone-2019.flat.txt"];
    let reports = [&reports[..], &["pingtan-zone-2022.flat.txt", "shanghai-office-2025.md", "shuyang-ndrc-2023.html"]].concat();
    let names: Vec<String> = reports.iter().map(|r| format!("samples/{r}")).collect();
    app.wait_until("the folder's reports to be open", || async { (app.reports().await.0.len() == names.len()).then_some(()) }).await;
    let (list, current) = app.reports().await;
    assert_eq!(list.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(), names, "each report in the order of its name");
    assert_eq!(current, Some(0), "the first is shown");
    let skipped = app.js("return document.getElementById('skipped').textContent").await;
    assert!(skipped.as_str().unwrap().starts_with("已跳过 6 个不是年报的文件"), "the .json files are skipped: {skipped}");
    app.switch_to_report("samples/shuyang-ndrc-2023.html").await;
    app.see_status("read").await;
    shows_what_the_core_found(&app, &nianbao::check_file("a.html", &fixture_bytes("samples/shuyang-ndrc-2023.html")).unwrap().1).await;
    app.close().await;
}

#[e2e]
async fn the_overview_sorts_filters_and_opens_reports_by_keyboard() {
    let app = App::open(SERVED).await;
    let clean = sample(HONGZE);
    let errors = fixture(ERRORS);
    let unread = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let anyue = sample(ANYUE);
    let files: [(&str, &[u8]); 4] = [
        ("b-clean.txt", clean.as_bytes()),
        ("a-errors.txt", errors.as_bytes()),
        ("c-scan.pdf", &unread),
        ("d-anyue.txt", anyue.as_bytes()),
    ];
    app.drop_files(&files).await;
    app.wait_until("four open reports", || async { (app.reports().await.0.len() == 4).then_some(()) }).await;
    let names = || async { app.reports().await.0.into_iter().map(|(n, _)| n).collect::<Vec<_>>() };
    let errors_of = |name: &str| nianbao::check_file(name, files.iter().find(|f| f.0 == name).unwrap().1).map(|(_, c)| c);
    let count = |name: &str| errors_of(name).map_or(0, |c| c.findings.iter().filter(|f| f.severity == Severity::Error).count());
    assert!(count("a-errors.txt") > 0 && count("b-clean.txt") == 0, "the pair differs in errors");
    // Each row counts what the core finds.
    assert_eq!(errors_shown(&app, "a-errors.txt").await, count("a-errors.txt").to_string());
    assert_eq!(errors_shown(&app, "c-scan.pdf").await, "—", "a file not read has no counts, not zeros");
    // Sorted by errors, most first after a second click; the unread report last both ways.
    app.js("document.querySelector('#reports-slot button[data-sort=errors]').click()").await;
    app.wait_until("sorted by errors", || async { (names().await.last().map(String::as_str) == Some("c-scan.pdf")).then_some(()) }).await;
    app.js("document.querySelector('#reports-slot button[data-sort=errors]').click()").await;
    app.wait_until("most errors first", || async { (names().await[0] == "a-errors.txt").then_some(()) }).await;
    assert_eq!(names().await.last().map(String::as_str), Some("c-scan.pdf"));
    let sort = app.js("return document.querySelector('#reports-slot button[data-sort=errors]').parentNode.getAttribute('aria-sort')").await;
    assert_eq!(sort, "descending");
    app.screenshot("overview").await;
    // Only those with errors (or not read at all).
    app.js("document.querySelector('#reports-slot input[data-filter=errors]').click()").await;
    app.wait_until("only the reports with errors", || async {
        let shown = names().await;
        (shown.len() < 4).then_some(shown)
    })
    .await;
    let shown = names().await;
    for name in ["b-clean.txt", "d-anyue.txt"] {
        assert_eq!(shown.contains(&name.to_string()), count(name) > 0, "{name} in {shown:?}");
    }
    assert!(shown.contains(&"a-errors.txt".to_string()) && shown.contains(&"c-scan.pdf".to_string()), "{shown:?}");
    // The keyboard: from the first row, ↓ moves to the next and Enter opens it.
    app.js("document.querySelector('#reports-slot tr[data-row] button[data-report]').focus()").await;
    app.press("\u{E015}").await;
    let focused = app.js("return document.activeElement.textContent").await;
    assert_eq!(focused, shown[1].as_str(), "↓ moves to the next row shown");
    app.press("\u{E007}").await;
    app.wait_until("the report to open", || async { (app.reports().await.1 == Some(1)).then_some(()) }).await;
    app.close().await;
}

#[e2e]
async fn consecutive_years_side_by_side() {
    let app = App::open(SERVED).await;
    let read = |name: &str| fixture_bytes(&format!("years/{name}"));
    // What the core finds for each, with the findings across the reports opened.
    let expected = |files: &[(&str, Vec<u8>)]| checked_side_by_side(&files.iter().map(|(n, b)| (*n, b.as_slice())).collect::<Vec<_>>());
    // A pair that follows on: nothing across the years.
    let agree =
        [("hongze-district-2023.txt", read("hongze-district-2023.txt")), ("hongze-district-2024.txt", read("hongze-district-2024.txt"))];
    let files: Vec<(&str, &[u8])> = agree.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    app.drop_files(&files).await;
    app.wait_until("the pair to be open", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.switch_to_report("hongze-district-2024.txt").await;
    app.see_status("read").await;
    let checked = expected(&agree);
    assert!(checked[1].findings.iter().all(|f| f.fact.other().is_none()), "the pair agrees");
    shows_what_the_core_found(&app, &checked[1]).await;
    // A pair that does not: 2024's 上年结转 is not 2023's 结转下年度.
    app.click_clear().await;
    let disagree = [
        ("hongze-district-2023.disagrees.txt", read("hongze-district-2023.disagrees.txt")),
        ("hongze-district-2024.txt", read("hongze-district-2024.txt")),
    ];
    let files: Vec<(&str, &[u8])> = disagree.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    app.drop_files(&files).await;
    app.wait_until("the pair to be open", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.switch_to_report("hongze-district-2024.txt").await;
    app.see_status("read").await;
    let checked = expected(&disagree);
    let carry = checked[1].findings.iter().find(|f| f.rule == "carry-over-mismatch").expect("the pair disagrees natively");
    app.wait_until("the finding across years", || async {
        app.findings().await.iter().any(|f| f.rule == "carry-over-mismatch").then_some(())
    })
    .await;
    shows_what_the_core_found(&app, &checked[1]).await;
    // The cell panel shows the other year's value beside the cell.
    let cell = carry.cells[0].cell.to_string();
    app.click_cell(&cell).await;
    let other = carry.fact.other().unwrap();
    let (key, value) = &other.cells[0];
    let words = format!("2023 年度报告“hongze-district-2023.disagrees.txt”：{} = {value}", key.describe(checked[0].report.layout_format()));
    app.wait_until("the other year's value in the panel", || async { app.cell_panel().await.2.contains(&words).then_some(()) }).await;
    app.screenshot("cross-year").await;
    // One click opens the other report.
    app.js("document.querySelector('#findings-slot button[data-open-report]').click()").await;
    app.wait_until("the 2023 report to be shown", || async { (app.reports().await.1 == Some(0)).then_some(()) }).await;
    app.wait_until("its year", || async { (app.summary_field("year").await == "2023年").then_some(()) }).await;
    app.close().await;
}

/// The page reads reports in its second module, whose load starts with the page: until it
/// has come (here three seconds late) a report dropped says it is being read, claims no table,
/// finding or count (the overview says “正在读取”, never 0), and takes no part in the checks
/// across years; then each shows what the core finds, with the findings across the years.
#[e2e]
async fn reports_say_they_are_being_read_while_their_module_loads() {
    let app = App::open(Open::Served(Quirk::SlowSecondModule)).await;
    let read = |name: &str| fixture_bytes(&format!("years/{name}"));
    let files = [
        ("hongze-district-2024.txt", read("hongze-district-2024.txt")),
        ("hongze-district-2023.disagrees.txt", read("hongze-district-2023.disagrees.txt")),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (*name, bytes.as_slice())).collect();
    app.drop_files(&files).await;
    app.wait_until("the pair to be open", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.see_status("reading").await;
    let name = |at: usize| files[at].0;
    let (rows, current) = app.reports().await;
    let shown = name(current.expect("a report is shown"));
    assert_eq!(app.refused_line().await, Some(format!("正在读取“{shown}”……")), "the result says so where it stands");
    assert!(app.summary_text().await.contains(&format!("正在读取“{shown}”……")));
    assert!(app.cells().await.is_empty() && app.findings().await.is_empty(), "nothing is claimed before the report is read");
    for (_, row) in &rows {
        assert!(row.contains("正在读取") && !row.contains(" 0 "), "a report being read counts nothing: {row}");
    }
    let across = app.js("return document.getElementById('across-line').hidden").await;
    assert_eq!(across, serde_json::json!(true), "reports not read are not compared, and nothing is said to be compared");
    app.screenshot("reading").await;
    app.switch_to_report("hongze-district-2024.txt").await;
    app.see_status("read").await;
    app.wait_until("the finding across years", || async {
        app.findings().await.iter().any(|f| f.rule == "carry-over-mismatch").then_some(())
    })
    .await;
    let checked = checked_side_by_side(&files);
    shows_what_the_core_found(&app, &checked[0]).await;
    // The overview counts the warning across the years too.
    let warnings = checked[0].findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let shown = app
        .js("const tr = Array.from(document.querySelectorAll('#reports-slot tr[data-row]')).find(tr => tr.querySelector('button[data-report]').textContent === 'hongze-district-2024.txt');
             return tr.querySelector('td[data-column=warnings]').textContent;")
        .await;
    assert_eq!(shown, warnings.to_string());
    app.close().await;
}

/// Two years open on a server that lacks the second module, which reads reports: each report
/// says it could not be read and why (naming the missing file), as a refusal does, claims no
/// table, finding or count, and nothing is compared across the years.
#[e2e]
async fn reports_say_why_when_their_module_is_missing() {
    let app = App::open(Open::Served(Quirk::MissingSecondModule)).await;
    let read = |name: &str| fixture_bytes(&format!("years/{name}"));
    let names = ["hongze-district-2024.txt", "hongze-district-2023.disagrees.txt"];
    app.drop_files(&[(names[0], &read(names[0])), (names[1], &read(names[1]))]).await;
    app.wait_until("the pair to be open", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    for name in names {
        app.switch_to_report(name).await;
        app.see_status("refused").await;
        let message = app.summary_text().await;
        assert!(message.starts_with(&format!("未能读取“{name}”：")) && message.contains("nianbao_lazy.wasm"), "{message}");
        assert_eq!(app.refused_line().await, Some(format!("未能读取“{name}”，原因见输入框下方")));
        assert!(app.cells().await.is_empty() && app.findings().await.is_empty(), "nothing is claimed of a report not read");
    }
    for (name, row) in app.reports().await.0 {
        assert!(row.contains("无法读取") && !row.contains(" 0 "), "{name} counts nothing: {row}");
    }
    let across = app.js("return document.getElementById('across-line').hidden").await;
    assert_eq!(across, serde_json::json!(true), "nothing was compared, and nothing is said to be");
    app.screenshot("module-missing").await;
    app.close().await;
}

/// What the core finds for each of `files` opened side by side: its own findings and those
/// across the reports read (a file not read takes no part, as in the page, and has none).
fn checked_side_by_side(files: &[(&str, &[u8])]) -> Vec<Checked> {
    let mut checked: Vec<Option<Checked>> =
        files.iter().map(|(name, bytes)| nianbao::check_file(name, bytes).map(|(_, c)| c).ok()).collect();
    let read: Vec<usize> = (0..files.len()).filter(|&i| checked[i].is_some()).collect();
    let digests = read.iter().map(|&i| nianbao::model::Digest::of(files[i].0, &checked[i].as_ref().unwrap().report)).collect();
    let desk = nianbao::desk::Desk::new(digests);
    for (k, &i) in read.iter().enumerate() {
        nianbao::desk::add_findings(checked[i].as_mut().unwrap(), desk.findings(k));
    }
    checked.into_iter().map(|c| c.unwrap_or_else(|| Checked { report: Default::default(), findings: Vec::new() })).collect()
}

/// The errors the overview counts for the report named `name`.
async fn errors_shown(app: &App, name: &str) -> serde_json::Value {
    app.js_with(
        "const tr = Array.from(document.querySelectorAll('#reports-slot tr[data-row]')).find(tr => tr.querySelector('button[data-report]').textContent === arguments[0]);
         return tr.querySelector('td[data-column=errors]').textContent;",
        vec![serde_json::json!(name)],
    )
    .await
}

#[e2e]
async fn a_dropped_pdf_is_read_from_its_text_layer() {
    a_pdf_dropped_in(SERVED).await;
}

#[e2e]
async fn a_dropped_pdf_is_read_from_its_text_layer_in_the_single_file() {
    a_pdf_dropped_in(Open::SingleFile).await;
}

/// The published PDF of the hongze report, dropped on the page: the page reads what the
/// core reads natively, the same cells marked as for the report's text; the text area shows
/// the extracted text, the cell panel a cell's page and line, and the JSON says it was a PDF.
async fn a_pdf_dropped_in(how: Open) {
    let app = App::open(how).await;
    let pdf = fixture_bytes("samples/hongze-district-2024.pdf");
    let (loaded, expected) = nianbao::check_file("洪泽.pdf", &pdf).expect("the PDF is read natively");
    let pages = loaded.pdf.clone().expect("a PDF's pages");
    app.drop_files(&[("洪泽区2024年报.pdf", &pdf)]).await;
    app.see_status("read").await;
    shows_what_the_core_found(&app, &expected).await;
    assert_eq!(app.input_text().await, loaded.text, "the text area shows the extracted text");
    assert!(app.input_note().await.contains("PDF"), "{}", app.input_note().await);
    app.screenshot("pdf-read").await;
    let from_pdf = app.cells().await;
    // The same cells, values and marks as the report's text (pdftotext -layout).
    app.drop_files(&[("洪泽区2024年报.txt", sample(HONGZE).as_bytes())]).await;
    app.wait_until("the text opened beside the PDF", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.see_status("read").await;
    let from_text = app.cells().await;
    let marked = |cells: &[support::ShownCell]| -> Vec<(String, String, Option<String>, bool)> {
        cells.iter().map(|c| (c.name.clone(), c.text.clone(), c.severity.clone(), c.primary)).collect()
    };
    assert_eq!(marked(&from_pdf), marked(&from_text), "the PDF and its text give the same cells");
    app.switch_to_report("洪泽区2024年报.pdf").await;
    app.see_status("read").await;
    // A cell's page and line, with the number marked.
    let key = "requests.new.natural_person";
    let span = expected.report.cell(CellKey::parse(key).unwrap()).unwrap().span.unwrap();
    app.click_cell(key).await;
    app.wait_until("the panel to show the cell's page", || async {
        let (selected, hit, panel) = app.cell_panel().await;
        (selected.as_deref() == Some(key)
            && hit.as_deref() == Some("95")
            && panel.contains(&format!("PDF 第 {} 页", pages.page_at(span.start))))
        .then_some(())
    })
    .await;
    let (marked, _) = app.input_mark().await.expect("the number is marked in the text area");
    assert_eq!(marked, "95");
    app.screenshot("pdf").await;
    // The JSON export says the input was a PDF, and each cell's page.
    app.click_id("export-json").await;
    let title = expected.report.title.clone().unwrap();
    let json = String::from_utf8(app.downloaded(&format!("{title}.json")).await).unwrap();
    let decisions = nianbao::model::Decisions::new();
    // Exported as the page shows it: beside its text, which is the same report (a copy).
    let text = sample(HONGZE);
    let beside = checked_side_by_side(&[("洪泽区2024年报.pdf", &pdf), ("洪泽区2024年报.txt", text.as_bytes())]).remove(0);
    assert!(beside.findings.iter().any(|f| f.rule == "duplicate-report"), "the two copies of one report are said to be so");
    assert_eq!(json, nianbao::export::json::to_pretty_reviewed(&beside, Some(&pages), &decisions));
    assert!(json.contains("\"kind\": \"pdf\"") && json.contains("\"page\": "), "{}", json.chars().take(400).collect::<String>());
    // Kept across a reload, pages and all.
    app.reload().await;
    app.see_status("read").await;
    app.switch_to_report("洪泽区2024年报.pdf").await;
    app.see_status("read").await;
    // Clicked again until the panel shows it: a click on the tables drawn before the switch
    // selects nothing, and the tables are drawn again when the findings across the two open
    // reports arrive from the second module (a click may then find the cell gone stale).
    app.wait_until("the page after a reload", || async {
        if !app.try_click_cell(key).await {
            return None;
        }
        app.cell_panel().await.2.contains("PDF 第").then_some(())
    })
    .await;
    app.close().await;
}

#[e2e]
async fn pdfs_that_cannot_be_read_say_why() {
    let app = App::open(SERVED).await;
    for (name, words) in [("hongze-district-2024.qpdf-password.pdf", "密码"), ("scan.pdf", "扫描件")] {
        app.click_clear().await;
        let bytes = fixture_bytes(&format!("pdf/{name}"));
        app.drop_files(&[(name, &bytes)]).await;
        app.see_status("refused").await;
        let message = app.summary_text().await;
        let native = nianbao::check_file(name, &bytes).expect_err("refused natively").to_string();
        assert!(message.contains(&native) && native.contains(words), "{name}: {message}");
    }
    // Partly scanned: the pages with text are read, and the page says which were not.
    app.click_clear().await;
    let mixed = fixture_bytes("pdf/mixed.pdf");
    let (loaded, _) = nianbao::check_file("mixed.pdf", &mixed).expect("a PDF with some text pages");
    let notice = loaded.pdf.as_ref().and_then(|p| p.notice()).expect("mixed.pdf has a page without text");
    app.drop_files(&[("mixed.pdf", &mixed)]).await;
    app.wait_until("the notice about the pages not read", || async { app.input_note().await.contains(&notice).then_some(()) }).await;
    app.close().await;
}

#[e2e]
async fn files_that_are_not_reports_get_the_readers_message() {
    let app = App::open(SERVED).await;
    let png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR".to_vec();
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let empty = Vec::new();
    for (name, bytes, words) in [("截图.png", &png, "PNG"), ("数据.bin", &binary, "既不是文字"), ("空.txt", &empty, "空的")] {
        app.click_clear().await;
        app.drop_files(&[(name, bytes)]).await;
        app.see_status("refused").await;
        let message = app.summary_text().await;
        assert!(message.contains(words) && message.contains("本工具可读取"), "{name}: {message}");
        assert!(app.cells().await.is_empty());
    }
    app.screenshot("refused").await;
    app.close().await;
}

#[e2e]
async fn a_file_without_text_says_what_was_opened() {
    let app = App::open(SERVED).await;
    let nested = "<html><body><table><tr><td><table><tr><td>&nbsp;</td></tr></table></td></tr></table></body></html>";
    app.drop_files(&[("空表格.html", nested.as_bytes())]).await;
    app.see_status("refused").await;
    let message = app.summary_text().await;
    assert!(message.contains("未能读取“空表格.html”：这个网页（HTML）中没有文字"), "{message}");
    assert_eq!(app.input_note().await, "", "no claim that a page was read");
    assert_eq!(app.refused_line().await.as_deref(), Some("未能读取“空表格.html”，原因见输入框下方"), "the result says so where it stands");
    app.screenshot("no-text").await;
    // A report read afterwards takes the line away.
    app.click_sample().await;
    app.see_status("read").await;
    assert_eq!(app.refused_line().await, None);
    app.close().await;
}

// ---- hostile input ------------------------------------------------------------------------------

const HOSTILE: &str = r#"<p>一、总体情况</p>
<script>window.__pwned = 'script'; document.title = 'pwned';</script>
<img src="x" onerror="window.__pwned = 'onerror'; document.title = 'pwned'">
<a href="javascript:window.__pwned='link'">点我</a>
<table><tr><td onclick="window.__pwned='click'">一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td><b onmouseover="window.__pwned='hover'">1</b></td></tr></table>
<iframe src="javascript:parent.__pwned='iframe'"></iframe><svg onload="window.__pwned='svg'"></svg>"#;

#[e2e]
async fn a_hostile_page_never_runs_or_changes_the_page() {
    let app = App::open(SERVED).await;
    let title = app.js("return document.title").await;
    let elements = app.js("return document.querySelectorAll('img, script, iframe, svg, a[href]').length").await;
    app.paste_rich(HOSTILE, "一、总体情况 点我 一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1").await;
    app.see_status("read").await;
    app.drop_files(&[("恶意.html", HOSTILE.as_bytes())]).await;
    app.wait_until("two open reports", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.switch_to_report("恶意.html").await;
    app.see_status("read").await;
    // Hover and click what the page shows of it.
    for cell in app.cells().await.iter().filter(|c| !c.text.is_empty()).take(3) {
        app.click_cell(&cell.name).await;
    }
    let settled = app.js_async("const done = arguments[arguments.length - 1]; setTimeout(() => done(true), 300);").await;
    assert_eq!(settled, true);
    assert_eq!(
        app.js("return window.__pwned === undefined").await,
        true,
        "code from the input ran: {:?}",
        app.js("return window.__pwned").await
    );
    assert_eq!(app.js("return document.title").await, title, "the page title changed");
    assert_eq!(
        app.js("return document.querySelectorAll('img, script, iframe, svg, a[href]').length").await,
        elements,
        "markup from the input was inserted"
    );
    assert!(app.input_text().await.contains("<script>") || app.cell_panel().await.2.contains("<"), "the markup is shown as text");
    app.close().await;
}

// ---- moving around ------------------------------------------------------------------------------

const ARROW_DOWN: &str = "\u{E015}";
const ARROW_RIGHT: &str = "\u{E014}";
const ESCAPE: &str = "\u{E00C}";

#[e2e]
async fn keys_move_between_findings_and_cells() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let expected = nianbao::check_text(&fixture(ERRORS));
    let first_cell = |i: usize| expected.findings[i].cells.first().map(|c| c.cell.to_string());
    // Out of the input, N moves to the first finding; the sample's first is about the whole
    // report (its text carries no publication date) and has no cell to go to.
    app.js("document.activeElement.blur()").await;
    app.press("n").await;
    app.wait_until("finding 1 to be current", || async { (app.current_finding().await == Some(1)).then_some(()) }).await;
    assert_eq!(first_cell(0), None, "{:?}", expected.findings[0]);
    // The next one moves to its primary cell.
    app.press("n").await;
    app.wait_until("finding 2", || async { (app.current_finding().await == Some(2)).then_some(()) }).await;
    assert_eq!(app.focused_cell().await, first_cell(1));
    let selector = format!("td[data-cell='{}']", first_cell(1).unwrap());
    assert!(app.in_view(&selector).await, "the cell is scrolled into view");
    app.press("p").await;
    app.wait_until("back to finding 1", || async { (app.current_finding().await == Some(1)).then_some(()) }).await;
    app.press("k").await;
    let last = expected.findings.len();
    app.wait_until("around to the last finding", || async { (app.current_finding().await == Some(last)).then_some(()) }).await;
    // Arrow keys move between cells; the panel follows.
    app.click_cell("requests.new.natural_person").await;
    app.press(ARROW_RIGHT).await;
    app.wait_until("the focus on 商业企业", || async {
        (app.focused_cell().await.as_deref() == Some("requests.new.commercial")).then_some(())
    })
    .await;
    app.press(ARROW_DOWN).await;
    app.wait_until("the focus one row down", || async {
        (app.focused_cell().await.as_deref() == Some("requests.carried_over.commercial")).then_some(())
    })
    .await;
    app.wait_until("the panel to follow", || async {
        (app.cell_panel().await.0.as_deref() == Some("requests.carried_over.commercial")).then_some(())
    })
    .await;
    app.press(ESCAPE).await;
    app.wait_until("nothing selected", || async { app.cell_panel().await.0.is_none().then_some(()) }).await;
    // Clicking a finding moves to its cell.
    let broken = expected.findings.iter().position(|f| f.rule == "appeals-total").unwrap();
    app.click_finding(broken + 1).await;
    app.wait_until("the focus on the 表四 total", || async {
        (app.focused_cell().await.as_deref() == Some("appeals.review.total")).then_some(())
    })
    .await;
    assert!(app.in_view("td[data-cell='appeals.review.total']").await);
    let emphasised =
        app.js("return Array.from(document.querySelectorAll('td.in-finding')).map(td => td.getAttribute('data-cell')).sort()").await;
    let mut wanted: Vec<String> = expected.findings[broken].cells.iter().map(|c| c.cell.to_string()).collect();
    wanted.sort();
    assert_eq!(emphasised, serde_json::json!(wanted), "the finding's cells are emphasised");
    app.close().await;
}

#[e2e]
async fn selecting_a_cell_shows_its_text_in_the_input() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let text = fixture(ERRORS);
    let checked = nianbao::check_text(&text);
    for name in ["requests.granted.total", "appeals.review.total", "proactive.licensing.decisions"] {
        let cell = checked.report.cell(CellKey::parse(name).unwrap()).unwrap();
        let span = cell.span.unwrap();
        app.click_cell(name).await;
        let utf16 = |bytes: usize| text[..bytes].encode_utf16().count() as u64;
        app.wait_until(&format!("{name} selected in the input"), || async {
            let (selected, start, end, _) = app.input_selection().await;
            (selected == text[span.start..span.end] && (start, end) == (utf16(span.start), utf16(span.end))).then_some(())
        })
        .await;
        let (_, hit, panel) = app.cell_panel().await;
        assert_eq!(hit.as_deref(), Some(&text[span.start..span.end]));
        let (marked, visible) = app.input_mark().await.expect("the cell's text is marked in the input");
        assert_eq!(marked, text[span.start..span.end]);
        assert!(visible, "the input is scrolled to show {name}'s text");
        let line = text[..span.start].matches('\n').count() + 1;
        assert!(panel.contains(&format!("原文第 {line} 行")), "{panel}");
        assert_eq!(app.focused_cell().await.as_deref(), Some(name), "the focus stays on the cell");
    }
    let (_, _, _, scrolled) = app.input_selection().await;
    assert!(scrolled > 0, "the input scrolled to a cell far down the text");
    app.screenshot("source-highlight").await;
    // “在输入框中查看” takes the reviewer to the text itself.
    app.click_id("show-in-input").await;
    app.wait_until("the input focused", || async { (app.js("return document.activeElement.id").await == "report-input").then_some(()) })
        .await;
    assert!(app.in_view("#report-input").await);
    // A new report shows from its first line, with nothing marked.
    let anyue = sample(ANYUE);
    app.paste_report(&anyue).await;
    app.wait_until("the new report shown from the top", || async {
        let (_, _, _, scrolled) = app.input_selection().await;
        (scrolled == 0 && app.input_mark().await.is_none()).then_some(())
    })
    .await;
    assert_eq!(app.js("return document.getElementById('report-input').value").await, anyue.as_str());
    app.close().await;
}

#[e2e]
async fn a_finding_about_the_prose_shows_its_words_in_the_input() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let text = fixture(ERRORS);
    let checked = nianbao::check_text(&text);
    let finding = checked.findings.iter().find(|f| f.rule == "prose-table-mismatch").expect("the errors sample's prose contradicts 表三");
    let span = finding.source().expect("the figure's place in the prose");
    app.click_finding_source("prose-table-mismatch").await;
    app.wait_until("the prose's figure selected in the input", || async {
        let (selected, ..) = app.input_selection().await;
        (selected == text[span.start..span.end]).then_some(())
    })
    .await;
    assert_eq!(app.js("return document.activeElement.id").await, "report-input");
    assert!(app.in_view("#report-input").await);
    app.close().await;
}

// ---- keeping and taking work away ---------------------------------------------------------------

#[e2e]
async fn the_input_survives_a_reload_until_cleared() {
    let app = App::open(SERVED).await;
    let text = sample(ANYUE);
    app.paste_report(&text).await;
    app.see_status("read").await;
    app.wait_until("the report to be saved", || async {
        (app.js("return document.getElementById('saved').getAttribute('data-saved')").await == "all").then_some(())
    })
    .await;
    app.type_text("（补充一句）").await;
    app.reload().await;
    app.see_status("read").await;
    assert_eq!(app.input_text().await, format!("{text}（补充一句）"), "typing just before the reload is kept too");
    app.click_clear().await;
    app.see_status("empty").await;
    app.reload().await;
    app.see_status("empty").await;
    assert_eq!(app.input_text().await, "", "清空 removes the stored copy");
    app.close().await;
}

#[e2e]
async fn sixty_saved_web_pages_survive_a_reload() {
    // 60 web pages of about 110 KB each: far more than localStorage's 5 MB held, each its own
    // record in IndexedDB.
    let page = fixture("inputs/hongze-district-2024.word.html");
    let filler = "<!-- 填充 -->";
    let padding = filler.repeat((110 * 1024 - page.len().min(110 * 1024)) / filler.len() + 1);
    let pages: Vec<(String, Vec<u8>)> =
        (1..=60).map(|i| (format!("单位{i:02}.html"), format!("{page}<!-- 第 {i} 份 -->{padding}").into_bytes())).collect();
    assert!(pages.iter().all(|(_, bytes)| bytes.len() >= 110 * 1024));
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    let app = App::open(SERVED).await;
    // The first goes into the empty report the page starts with.
    for (i, chunk) in pages.chunks(20).enumerate() {
        let files: Vec<(&str, &[u8])> = chunk.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
        app.drop_files(&files).await;
        app.wait_until("the dropped pages to be open", || async { (app.reports().await.0.len() == (i + 1) * 20).then_some(()) }).await;
    }
    app.switch_to_report("单位37.html").await;
    app.wait_until("all of them to be saved", || async {
        (app.js("return document.getElementById('saved').getAttribute('data-saved')").await == "all").then_some(())
    })
    .await;
    // Sixty copies of one report: each says so (the findings across reports).
    let files: Vec<(&str, &[u8])> = pages.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let expected = checked_side_by_side(&files).swap_remove(36);
    app.reload().await;
    let (list, current) = app.reports().await;
    assert_eq!(list.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), names, "every page is back, in its order");
    assert_eq!(current, Some(36), "the one shown is shown again");
    app.see_status("read").await;
    shows_what_the_core_found(&app, &expected).await;
    // Closing one is kept too.
    app.js("document.querySelector('#reports-slot button[data-close]').click()").await;
    app.wait_until("the closing to be saved", || async {
        let saved = app.js("return document.getElementById('saved').getAttribute('data-saved')").await == "all";
        (saved && app.reports().await.0.len() == 59).then_some(())
    })
    .await;
    app.reload().await;
    assert_eq!(app.reports().await.0.len(), 59);
    assert!(!app.reports().await.0.iter().any(|(n, _)| n == "单位01.html"));
    app.close().await;
}

#[e2e]
async fn what_an_older_page_kept_in_local_storage_is_moved_once() {
    let app = App::open(SERVED).await;
    let text = sample(ANYUE);
    let legacy = nianbao::view::stored::encode(&[("旧的.txt".to_string(), nianbao::view::doc::Input::Text { text: text.clone() })], 0);
    app.js_with("localStorage.setItem('nianbao.reports', arguments[0])", vec![serde_json::json!(legacy)]).await;
    app.reload().await;
    app.see_status("read").await;
    assert_eq!(app.reports().await.0.len(), 1);
    assert_eq!(app.input_text().await, text);
    app.wait_until("the old copy to be moved and removed", || async {
        (app.js("return localStorage.getItem('nianbao.reports')").await.is_null()).then_some(())
    })
    .await;
    app.reload().await;
    app.see_status("read").await;
    assert_eq!(app.input_text().await, text, "kept in the database now");
    app.close().await;
}

#[e2e]
async fn results_download_as_json_and_csv() {
    results_download_in(SERVED).await;
}

#[e2e]
async fn results_download_as_json_and_csv_from_the_single_file() {
    results_download_in(Open::SingleFile).await;
}

async fn results_download_in(how: Open) {
    let app = App::open(how).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let checked = nianbao::check_text(&fixture(ERRORS));
    let title = checked.report.title.clone().unwrap();
    app.click_id("export-json").await;
    let json = app.downloaded(&format!("{title}.json")).await;
    assert_eq!(String::from_utf8(json).unwrap(), nianbao::export::json::to_pretty(&checked));
    app.click_id("export-csv").await;
    let csv = app.downloaded(&format!("{title}-问题清单.csv")).await;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM, for Excel and WPS");
    let decisions = nianbao::model::Decisions::new();
    assert_eq!(String::from_utf8(csv).unwrap(), nianbao::export::csv::document("示例：洪泽区2024年报（改错版）", &checked, &decisions));
    app.close().await;
}

// ---- the reviewer's desk: decisions, corrections, the memo --------------------------------------

/// The clean sample with 表三's 一、本年新收 总计 made unreadable ("1O": a letter for a digit),
/// the cell's text as read in the clean sample, and the cell.
fn with_an_unreadable_total() -> (String, String, CellKey) {
    let text = sample(HONGZE);
    let key = CellKey::parse("requests.new.total").unwrap();
    let cell = nianbao::check_text(&text).report.cell(key).cloned().unwrap();
    let span = cell.span.unwrap();
    let mut damaged = text.clone();
    damaged.replace_range(span.start..span.end, "1O");
    (damaged, cell.raw, key)
}

/// The text as read that a corrected cell shows beside its value (`data-corrected`).
async fn corrected_mark(app: &App, cell: &str) -> serde_json::Value {
    app.js_with("return document.querySelector(`td[data-cell='${arguments[0]}']`).getAttribute('data-corrected')", vec![cell.into()]).await
}

/// The reviewer's decision shown on the finding of `rule`: its `data-verdict` and text.
async fn decision_on(app: &App, rule: &str) -> (Option<String>, String) {
    let v = app
        .js_with(
            "const d = document.querySelector(`#findings li[data-rule='${arguments[0]}'] [data-decision]`);
             return d ? [d.getAttribute('data-verdict'), d.textContent] : [null, ''];",
            vec![rule.into()],
        )
        .await;
    (v[0].as_str().map(str::to_string), v[1].as_str().unwrap_or_default().to_string())
}

#[e2e]
async fn a_decision_and_a_correction_survive_a_reload() {
    let (damaged, right, key) = with_an_unreadable_total();
    let read = nianbao::check_text(&damaged);
    assert!(matches!(read.report.cell(key).map(|c| &c.value), Some(Value::Unread(_))), "the damage makes the cell unreadable");
    let unchecked = read.relations().unchecked.len();
    assert!(unchecked > 0, "the relations of the unreadable cell cannot be checked");
    let cell = key.to_string();
    let app = App::open(SERVED).await;
    app.paste_report(&damaged).await;
    app.see_status("read").await;
    app.see_cell(&cell, "?").await;
    assert_eq!(app.js("return document.getElementById('headline').getAttribute('data-unchecked')").await, unchecked.to_string());

    // 确认 a finding, with a note; Enter saves it.
    let rule = "format-mismatch";
    app.click_css(&format!("#findings li[data-rule='{rule}'] [data-decide='confirm']")).await;
    app.type_into(&format!("#findings li[data-rule='{rule}'] input[data-field='note']"), "请按 2021 年新格式填报\u{E007}").await;
    app.wait_until("the decision to show", || async { (decision_on(&app, rule).await.0.as_deref() == Some("confirmed")).then_some(()) })
        .await;
    let decided = app.js("return document.getElementById('decided').textContent").await;
    assert_eq!(decided, format!("已确认 1 · 已忽略 0 · 未处理 {}", read.findings.len() - 1));

    // The right value typed into the “?”: a letter is refused in words, a number checks the relations.
    app.click_cell(&cell).await;
    app.type_into("#correction-text", "9五\u{E007}").await;
    app.wait_until("the refusal", || async {
        app.js("return document.getElementById('correction-problem').textContent")
            .await
            .as_str()
            .filter(|t| t.contains("不是数字"))
            .map(|_| ())
    })
    .await;
    app.clear_field("#correction-text").await;
    app.type_into("#correction-text", &format!("{right}\u{E007}")).await;
    app.see_cell(&cell, &right).await;
    assert_eq!(corrected_mark(&app, &cell).await, "“1O”", "the cell is marked 已人工修改 with its text as read");
    assert_eq!(app.js("return document.getElementById('headline').getAttribute('data-unchecked')").await, "0", "every relation checked");
    assert!(app.findings().await.iter().all(|f| f.rule != "unreadable-cell"), "the cell reads now");
    assert!(app.cell_panel().await.2.contains("已人工修改，原文：“1O”"));
    assert_eq!(app.input_text().await, damaged, "the pasted text never changes");
    assert_eq!(decision_on(&app, rule).await.0.as_deref(), Some("confirmed"), "the decision follows its finding through the new check");
    app.screenshot("review").await;

    // Both kept with the report across a reload.
    app.wait_until("the review to be stored", || async {
        (app.js("return document.getElementById('saved').getAttribute('data-saved')").await == "all").then_some(())
    })
    .await;
    app.reload().await;
    app.see_cell(&cell, &right).await;
    assert_eq!(corrected_mark(&app, &cell).await, "“1O”");
    let (verdict, words) = decision_on(&app, rule).await;
    assert_eq!(verdict.as_deref(), Some("confirmed"));
    assert!(words.contains("备注：请按 2021 年新格式填报"), "{words}");

    // Taken back: the cell as read again, the decision untouched.
    app.click_cell(&cell).await;
    app.click_css("#correction [data-correct='undo']").await;
    app.see_cell(&cell, "?").await;
    assert_eq!(decision_on(&app, rule).await.0.as_deref(), Some("confirmed"));
    app.click_css(&format!("#findings li[data-rule='{rule}'] [data-decide='undo']")).await;
    app.wait_until("the decision to be taken back", || async { decision_on(&app, rule).await.0.is_none().then_some(()) }).await;
    app.close().await;
}

#[e2e]
async fn a_dismissal_needs_its_reason() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    app.click_css("#findings li[data-number='1'] [data-decide='dismiss']").await;
    app.click_css("#findings li[data-number='1'] [data-decide='save']").await;
    let problem = app.js("return document.querySelector('#findings li[data-number=\"1\"] .problem').textContent").await;
    assert_eq!(problem, "请写明忽略的理由。");
    app.type_into("#findings li[data-number='1'] input[data-field='reason']", "原件如此，已核实\u{E007}").await;
    app.wait_until("the dismissal to show", || async {
        let shown =
            app.js("return document.querySelector('#findings li[data-number=\"1\"] [data-decision]').getAttribute('data-verdict')").await;
        (shown == "dismissed").then_some(())
    })
    .await;
    let counts = app.js("const d = document.getElementById('decided'); return [d.dataset.confirmed, d.dataset.dismissed]").await;
    assert_eq!(counts, serde_json::json!(["0", "1"]));
    app.close().await;
}

#[e2e]
async fn the_memo_carries_the_marked_cells_and_the_confirmed_finding_with_its_note() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    let checked = nianbao::check_text(&fixture(ERRORS));
    let error = checked.findings.iter().position(|f| f.severity == Severity::Error).expect("the sample has an error") + 1;
    app.click_css(&format!("#findings li[data-number='{error}'] [data-decide='confirm']")).await;
    app.type_into(&format!("#findings li[data-number='{error}'] input[data-field='note']"), "请核对后更正\u{E007}").await;
    app.wait_until("the decision to show", || async {
        (app.js("return document.getElementById('decided').dataset.confirmed").await == "1").then_some(())
    })
    .await;
    app.click_cell("appeals.review.upheld").await;
    app.clear_field("#correction-text").await;
    app.type_into("#correction-text", "7\u{E007}").await;
    app.see_cell("appeals.review.upheld", "7").await;
    app.type_into("#reviewer", "张审核").await;
    app.click_id("export-memo").await;
    // Named as the page's other exports: after the report's title.
    let file = format!("{}-校验意见.html", checked.report.title.clone().unwrap());
    let memo = String::from_utf8(app.downloaded(&file).await).unwrap();
    assert!(memo.starts_with('\u{FEFF}'), "UTF-8 said with a byte order mark, for Word and WPS");

    // Opened in the browser: what the body reads.
    app.open_file(&app.downloads.join(&file)).await;
    let shown = app
        .js("const marked = Array.from(document.querySelectorAll('td')).filter(td => td.querySelector('sup'));
             const corrected = Array.from(document.querySelectorAll('td')).filter(td => td.textContent.includes('✎'));
             return {
               title: document.title,
               text: document.body.innerText,
               marked: marked.length,
               corrected: corrected.map(td => td.textContent),
               outside: performance.getEntriesByType('resource').length,
               scripts: document.scripts.length,
             };")
        .await;
    let text = shown["text"].as_str().unwrap();
    assert!(shown["title"].as_str().unwrap().contains("校验意见"));
    assert!(text.contains("需要更正的问题") && text.contains("审核意见：请核对后更正"), "the confirmed finding with the note");
    assert!(text.contains(&checked.findings[error - 1].message), "its message");
    assert!(shown["marked"].as_u64().unwrap() > 0, "the cells of the finding are marked in the tables");
    let read = checked.report.cell(CellKey::parse("appeals.review.upheld").unwrap()).unwrap().raw.trim().to_string();
    assert_ne!(read, "7", "a real correction");
    assert_eq!(shown["corrected"], serde_json::json!([format!("✎7原为“{read}”")]), "the corrected cell with its reading");
    assert!(text.contains("审核人：张审核"), "the reviewer's name");
    assert!(regex_like_date(text), "today's date");
    assert_eq!((shown["outside"].as_u64(), shown["scripts"].as_u64()), (Some(0), Some(0)), "self-contained: nothing loaded, no script");
    app.screenshot("memo").await;
    app.close().await;
}

/// Whether `text` has "日期：YYYY-MM-DD".
fn regex_like_date(text: &str) -> bool {
    text.split("日期：").nth(1).is_some_and(|rest| {
        let date: Vec<char> = rest.chars().take(10).collect();
        date.len() == 10 && date.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == '-' } else { c.is_ascii_digit() })
    })
}

#[e2e]
async fn the_print_view_shows_the_tables_and_findings_only() {
    let app = App::open(SERVED).await;
    app.click_errors_sample().await;
    app.see_status("read").await;
    app.emulate_print(true).await;
    for css in ["#summary", "table[data-table='requests']", "table[data-table='appeals']", "#findings li[data-rule]", "td[data-primary]"] {
        assert!(app.is_shown(css).await, "{css} is printed");
    }
    for css in [".toolbar", "#report-input", "#cell-panel", ".keys"] {
        assert!(!app.is_shown(css).await, "{css} is not printed");
    }
    app.viewport(794, 1123).await;
    app.screenshot("print").await;
    app.emulate_print(false).await;
    let pdf = app.print_pdf().await;
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let pages = support::pdf_page_count(&pdf);
    assert!((1..=4).contains(&pages), "the report prints on a few A4 pages, not {pages}");
    app.close().await;
}

// ---- large input -------------------------------------------------------------------------------

#[e2e]
async fn a_ten_megabyte_paste_shows_progress_and_the_page_stays_usable() {
    let app = App::open(SERVED).await;
    let one = sample(HONGZE);
    let big: String = std::iter::repeat_n(one.as_str(), 10 * 1024 * 1024 / one.len() + 1).collect();
    // Watch the page from within: when the progress message shows, when the result does.
    app.js(
        "window.__progress = []; window.__times = {};
         const progress = document.getElementById('progress');
         new MutationObserver(() => { if (!progress.hidden) { window.__progress.push(progress.textContent); window.__times.progress = window.__times.progress || performance.now(); } })
           .observe(progress, { attributes: true, childList: true, subtree: true });
         new MutationObserver(() => { if (document.querySelector('#summary[data-status=read]')) window.__times.read = window.__times.read || performance.now(); })
           .observe(document.getElementById('summary-slot'), { childList: true, subtree: true, attributes: true });",
    )
    .await;
    let started = Instant::now();
    app.paste_report(&big).await;
    app.see_status("read").await;
    let took = started.elapsed();
    let progress = app.js("return window.__progress").await;
    assert!(
        progress.as_array().is_some_and(|p| p.iter().any(|m| m.as_str().unwrap_or("").contains("MB"))),
        "a progress message was shown: {progress}"
    );
    assert_eq!(app.js("return document.getElementById('progress').hidden").await, true, "and hidden again");
    // Painted results: wait for a frame after the result is in the DOM.
    let times = app
        .js_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => setTimeout(() => done([window.__times.progress - window.__pastedAt, window.__times.read - window.__pastedAt, performance.now() - window.__pastedAt]), 0));",
        )
        .await;
    eprintln!(
        "{}: 10 MB paste: progress shown after {:.0} ms, the result in the page after {:.0} ms, painted by {:.0} ms; {took:?} with the transfer to the browser",
        app.engine().name(),
        times[0].as_f64().unwrap(),
        times[1].as_f64().unwrap(),
        times[2].as_f64().unwrap()
    );
    assert!(times[0].as_f64().unwrap() < times[1].as_f64().unwrap(), "the progress message comes first");
    assert!(times[0].as_f64().unwrap() < 500.0, "the progress message shows at once, not after {}", times[0]);
    let area = app.js("const a = document.getElementById('report-input'); return [a.readOnly, a.value.length, a.value.slice(-80)]").await;
    assert_eq!(area[0], true, "a huge paste is shown, not edited, in the input");
    assert!(area[1].as_u64().unwrap() < 2 * 1024 * 1024 && area[2].as_str().unwrap().contains("校验针对全部内容"), "{area}");
    // Still usable: the next report pasted is read and marked (the second module's instance
    // that read the 10 MB is not kept for it: its memory grew past what is kept), and typing
    // is checked again.
    app.click_clear().await;
    app.see_status("empty").await;
    let next = fixture(ERRORS);
    app.paste_report(&next).await;
    app.see_status("read").await;
    shows_what_the_core_found(&app, &nianbao::check_text(&next)).await;
    app.click_clear().await;
    app.see_status("empty").await;
    app.type_text("这不是年报").await;
    app.see_status("no-tables").await;
    app.close().await;
}

// ---- the page and the network ---------------------------------------------------------------

#[e2e]
async fn nothing_is_fetched_after_the_page_has_loaded() {
    let app = App::open(SERVED).await;
    let server = app.server.as_ref().unwrap();
    // The page's four files, and its second module (which reads the reports), whose load
    // starts with the app.
    let files = ["", "nianbao.css", "nianbao.js", "nianbao_bg.wasm", "nianbao_lazy.wasm"];
    let mut expected: Vec<String> = files.iter().map(|f| format!("{PREFIX}{f}")).collect();
    expected.sort();
    app.wait_until("the second module fetched", || async { (server.requests().len() >= expected.len()).then_some(()) }).await;
    let mut loaded = server.requests();
    loaded.sort();
    assert_eq!(loaded, expected, "the page loads exactly its five files, relative to its own path");
    for url in app.loaded_resources().await {
        assert!(url.starts_with(&server.url("")), "{url} is not one of the page's own files");
    }

    app.paste_report(&sample(ANYUE)).await;
    app.see_cell("requests.new.total", "0").await;
    app.click_errors_sample().await;
    app.see_cell("requests.new.natural_person", "94").await;
    app.paste_rich(HOSTILE, "x").await;
    app.drop_files(&[("a.docx", &docx_of(&fixture_bytes("inputs/hongze-district-2024.document.xml")))]).await;
    app.wait_until("two reports", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.click_id("export-json").await;
    app.press("n").await;
    app.type_text("。").await;
    app.see_status("read").await;
    app.click_id("export-csv").await;
    let mut after = server.requests();
    after.sort();
    // Reading, the samples and the exports used the second module fetched once: nothing else.
    assert_eq!(after, expected, "using the app fetched something else");
    app.close().await;
}

#[e2e]
async fn once_started_the_page_can_neither_fetch_nor_eval() {
    let app = App::open(SERVED).await;
    let server = app.server.as_ref().unwrap();
    let before = server.requests().len();
    assert!(!app.can_eval().await, "eval after start");
    assert!(!app.can_fetch_its_own_address().await, "a same-origin fetch after start");
    assert_eq!(server.requests().len(), before, "the blocked fetch reached the server");
    app.close().await;
}

#[e2e]
async fn the_probes_see_eval_and_fetch_where_the_policy_still_allows_them() {
    // The two tests around this one pass only if the probes can tell: in each engine they run
    // code of the page's own (not WebDriver's, which the policy does not govern). A page whose
    // script never runs is never locked down, and its policy allows both.
    let app = App::load(Open::Served(Quirk::MissingGlue), &[]).await;
    assert!(app.can_eval().await, "eval before the lock-down");
    assert!(app.can_fetch_its_own_address().await, "a same-origin fetch before the lock-down");
    app.close().await;
}

#[e2e]
async fn once_started_the_single_file_cannot_eval() {
    let app = App::open(Open::SingleFile).await;
    assert!(!app.can_eval().await, "eval after start");
    app.close().await;
}

#[e2e]
async fn the_wasm_loads_even_when_the_server_sends_a_generic_mime_type() {
    let app = App::open(Open::Served(Quirk::GenericWasmMime)).await;
    app.click_sample().await;
    app.see_status("read").await;
    app.close().await;
}

#[e2e]
async fn the_single_file_works_from_disk() {
    let app = App::open(Open::SingleFile).await;
    app.see_status("empty").await;
    app.click_sample().await;
    app.see_cell("requests.new.natural_person", "95").await;
    app.paste_report(&sample(ANYUE)).await;
    app.see_cell("requests.new.total", "0").await;
    app.drop_files(&[("洪泽.docx", &docx_of(&fixture_bytes("inputs/hongze-district-2024.document.xml")))]).await;
    app.wait_until("the .docx read", || async { (app.reports().await.0.len() == 2).then_some(()) }).await;
    app.see_cell("requests.new.natural_person", "95").await;
    assert!(app.loaded_resources().await.is_empty(), "the single file loads nothing");
    app.screenshot("single-file").await;
    app.close().await;
}

#[e2e]
async fn an_engine_that_rejects_the_wasm_shows_the_notice_in_chinese() {
    // The server sends a module the engine cannot compile, as an engine below the floor
    // rejects one that uses features it lacks.
    let app = App::load(Open::Served(Quirk::UncompilableWasm), &[]).await;
    let notice = app.wait_until("the unsupported-browser notice", || app.unsupported_notice()).await;
    assert!(notice.contains("此浏览器无法运行年报校验"), "{notice}");
    assert!(notice.contains("Chromium 86") && notice.contains("Firefox 78"), "{notice}");
    assert!(!app.has_input().await, "the app's page stays hidden");
    app.screenshot("unsupported").await;
    app.close().await;
}

#[e2e]
async fn a_server_that_does_not_deliver_the_wasm_is_named_and_the_browser_not_blamed() {
    // IIS without a MIME type for .wasm answers 404; a server that may not read the file,
    // 403; a single sign-on gateway, its login page.
    for (quirk, answer) in [(Quirk::MissingWasm, "HTTP 404"), (Quirk::ForbiddenWasm, "HTTP 403"), (Quirk::WasmAsWebPage, "内容是网页")]
    {
        let app = App::load(Open::Served(quirk), &[]).await;
        let notice = app.wait_until("the notice that the server did not deliver the wasm", || app.not_delivered_notice()).await;
        for words in ["服务器没有提供", "nianbao_bg.wasm", answer, "application/wasm", "web.config", "IIS", "nianbao.html", "不需要服务器"]
        {
            assert!(notice.contains(words), "{quirk:?}: the notice lacks {words:?}: {notice}");
        }
        assert!(!notice.contains("此浏览器无法运行"), "{quirk:?}: {notice}");
        assert!(app.unsupported_notice_is_gone().await, "{quirk:?}: the browser is not blamed, now or after the notice's delay");
        assert_eq!(app.unsupported_notice().await, None);
        assert!(!app.has_input().await, "{quirk:?}: the app's page stays hidden");
        if quirk == Quirk::MissingWasm {
            app.screenshot("wasm-not-delivered").await;
        }
        app.close().await;
    }
}

#[e2e]
async fn a_page_whose_script_never_runs_shows_the_notice_after_a_while() {
    // Without the glue the module script does not run at all: the stylesheet alone reveals
    // the notice after its delay (8 s), as in a browser that cannot run the page's script.
    let app = App::load(Open::Served(Quirk::MissingGlue), &[]).await;
    assert_eq!(app.unsupported_notice().await, None, "the notice waits before it shows");
    let notice = app.wait_until("the unsupported-browser notice", || app.unsupported_notice()).await;
    assert!(notice.contains("Firefox 78"), "{notice}");
    app.close().await;
}

// ---- what the page should show -------------------------------------------------------------------

/// Checks the page against the core's result for the same input, through the DOM contract:
/// the findings in order with their rule, severity, cells and message; every cell drawn
/// once, with the value read; the cells of errors and warnings marked with the most serious
/// severity, primary where any finding names them primary, and no other cell marked; the
/// headline's counts.
async fn shows_what_the_core_found(app: &App, expected: &Checked) {
    let wanted: Vec<(String, String)> = expected.findings.iter().map(|f| (f.rule.to_string(), f.severity.key().to_string())).collect();
    app.see_findings(&wanted).await;
    let shown = app.findings().await;
    for (i, (finding, shown)) in expected.findings.iter().zip(&shown).enumerate() {
        assert_eq!(shown.number, i + 1);
        assert_eq!(shown.message, finding.message);
        let cells: Vec<String> = finding.cells.iter().map(|c| c.cell.to_string()).collect();
        assert_eq!(shown.cells, cells, "finding {} lists its cells, primary first", i + 1);
    }
    let mut marks: BTreeMap<String, (Severity, bool)> = BTreeMap::new();
    for finding in expected.findings.iter().filter(|f| f.severity != Severity::Info) {
        for cell in &finding.cells {
            let mark = marks.entry(cell.cell.to_string()).or_insert((finding.severity, false));
            mark.0 = mark.0.min(finding.severity);
            mark.1 |= cell.role == Role::Primary;
        }
    }
    let cells = app.cells().await;
    let mut names: Vec<&str> = cells.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "a data-cell name appears twice");
    for shown in &cells {
        let key = CellKey::parse(&shown.name).unwrap_or_else(|| panic!("data-cell={:?} is not a TABLE.ROW.COL name", shown.name));
        match expected.report.cell(key).map(|c| &c.value) {
            Some(Value::Number(n)) => assert_eq!(shown.text, n.to_string(), "{}", shown.name),
            Some(Value::Unread(_)) => assert_eq!(shown.text, "?", "{} cannot be read", shown.name),
            Some(Value::Blank) => assert!(!shown.text.chars().any(|c| c.is_ascii_digit()), "{} is blank, not {}", shown.name, shown.text),
            None => assert_eq!(shown.text, "", "{} was not read", shown.name),
        }
        let mark = marks.get(&shown.name);
        assert_eq!(shown.severity.as_deref(), mark.map(|m| m.0.key()), "the severity of {}", shown.name);
        assert_eq!(shown.primary, mark.is_some_and(|m| m.1), "whether {} is primary", shown.name);
    }
    for name in marks.keys() {
        let key = CellKey::parse(name).unwrap();
        if expected.report.has_table(key.table()) {
            assert!(cells.iter().any(|c| &c.name == name), "{name} is in a finding but not drawn");
        }
    }
    let count = |s| expected.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos, _) = app.headline().await;
    assert_eq!((errors, warnings, infos), (count(Severity::Error), count(Severity::Warning), count(Severity::Info)));
}

/// The text a browser puts on the clipboard for a page: tags dropped, table cells separated
/// by tabs and rows by line ends, a few references decoded. (Close enough to Chromium's own
/// for the reader: only the HTML flavour is read when it has tables.)
fn plain_text_of(html: &str) -> String {
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = rest[at..end].to_ascii_lowercase();
        if tag.starts_with("<script") || tag.starts_with("<style") {
            let close = if tag.starts_with("<script") { "</script>" } else { "</style>" };
            rest = rest[end..].find(close).map_or("", |c| &rest[end + c + close.len()..]);
            continue;
        }
        if tag.starts_with("</td") || tag.starts_with("</th") {
            out.push('\t');
        } else if tag.starts_with("</tr") || tag.starts_with("</p") || tag.starts_with("<br") || tag.starts_with("</div") {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// A .docx with `document` as its main part, zipped here (deflate), as Word writes one.
fn docx_of(document: &[u8]) -> Vec<u8> {
    const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", document)] {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}
