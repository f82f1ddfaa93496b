//! Component tests: the UI's parts rendered into a real DOM in headless Chromium
//! (wasm-bindgen-test; scripts/test.sh runs them with
//! `cargo test --target wasm32-unknown-unknown --features ui --test components`).
//!
//! They build the core's results by hand (tests/common/checked.rs), so they do not depend on
//! what the reader and the rules currently find: they pin the official table layouts as
//! drawn, the DOM contract, and reading files with the browser's own decoders. The view model
//! they draw is tested natively (tests/view.rs).

#![cfg(all(target_arch = "wasm32", feature = "ui"))]

#[path = "common/checked.rs"]
mod checked;

use checked::{broken_row_total, key, put, report};
use nianbao::Checked;
use nianbao::model::{Decimal, Decision, Format, Report, Span, Table, UnreadReason, Value};
use nianbao::ui::{crash, dom, files, findings, folders, panel, summary, tables};
use nianbao::view::doc::{Input, Outcome, ReadFrom};
use nianbao::view::{self, Status};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---- the official layouts ---------------------------------------------------------------

#[wasm_bindgen_test]
fn table_three_has_the_templates_merged_header_and_labels_in_2021() {
    let root = table(&report(Format::V2021), Table::Requests);
    let header = spans_of(&root, "thead th");
    assert_eq!(
        header,
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 7, 1),
            ("自然人", 1, 2),
            ("法人或其他组织", 5, 1),
            ("总计", 1, 2),
            ("商业企业", 1, 1),
            ("科研机构", 1, 1),
            ("社会公益组织", 1, 1),
            ("法律服务机构", 1, 1),
            ("其他", 1, 1),
        ]
        .map(|(t, c, r)| (t.to_string(), c, r))
    );
    let labels = spans_of(&root, "tbody th");
    let find =
        |text: &str| labels.iter().find(|(t, _, _)| t.replace('\n', "") == text).unwrap_or_else(|| panic!("no label {text}: {labels:?}"));
    assert_eq!(find("一、本年新收政府信息公开申请数量").1, 3);
    assert_eq!(find("二、上年结转政府信息公开申请数量").1, 3);
    assert_eq!(find("三、本年度办理结果").2, 22, "三 spans the 22 outcome rows");
    assert_eq!(find("（一）予以公开").1, 2);
    assert_eq!(find("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").1, 2);
    assert_eq!(find("（三）不予公开").2, 8);
    assert_eq!(find("（四）无法提供").2, 3);
    assert_eq!(find("（五）不予处理").2, 5);
    assert_eq!(find("（六）其他处理").2, 3);
    assert_eq!(find("3.其他").1, 1);
    assert_eq!(find("（七）总计").1, 2);
    assert_eq!(find("四、结转下年度继续办理").1, 3);
    assert_eq!(count(&root, "td[data-cell]"), 25 * 7);
    assert_eq!(count(&root, "tbody tr"), 25);
    assert_grid_is_rectangular(&root, 10);
}

#[wasm_bindgen_test]
fn table_three_has_a_single_other_row_in_2019_and_in_the_mixed_case() {
    let mixed = {
        let mut r = report(Format::V2021);
        put(&mut r, "requests.other.natural_person", Value::Number(Decimal::from_int(0)), "0");
        r
    };
    for report in [report(Format::V2019), mixed] {
        let root = table(&report, Table::Requests);
        let labels = spans_of(&root, "tbody th");
        let find = |text: &str| labels.iter().find(|(t, _, _)| t.replace('\n', "") == text).cloned();
        assert_eq!(find("三、本年度办理结果").map(|l| l.2), Some(20));
        assert_eq!(find("（六）其他处理").map(|l| (l.1, l.2)), Some((2, 1)), "（六） is one row across two label columns");
        assert_eq!(find("3.其他"), None);
        assert_eq!(count(&root, "td[data-cell]"), 23 * 7);
        assert!(root.query_selector("[data-cell='requests.other.total']").unwrap().is_some());
        assert_grid_is_rectangular(&root, 10);
    }
}

#[wasm_bindgen_test]
fn table_four_has_the_templates_three_header_rows() {
    let root = table(&report(Format::V2021), Table::Appeals);
    let header = spans_of(&root, "thead th");
    assert_eq!(&header[..2], [("行政复议".to_string(), 5, 1), ("行政诉讼".to_string(), 10, 1)]);
    assert_eq!(header[2..7].iter().map(|h| h.2).collect::<Vec<_>>(), [2; 5], "the 复议 columns span two header rows");
    assert_eq!(&header[7..9], [("未经复议直接起诉".to_string(), 5, 1), ("复议后起诉".to_string(), 5, 1)]);
    assert_eq!(header.len(), 9 + 10);
    let cells: Vec<String> = all(&root, "td").iter().map(|td| td.get_attribute("data-cell").unwrap()).collect();
    assert_eq!(cells.len(), 15);
    assert_eq!(cells[0], "appeals.review.upheld");
    assert_eq!(cells[9], "appeals.litigation_direct.total");
    assert_eq!(cells[14], "appeals.litigation_after_review.total");
    assert_grid_is_rectangular(&root, 15);
}

#[wasm_bindgen_test]
fn table_two_blocks_span_the_grid_as_the_template_draws_them() {
    // 2021: four blocks on a grid of 1 + 3 columns; the one-column blocks span 3.
    let root = table(&report(Format::V2021), Table::Proactive);
    let sections: Vec<(String, u32, u32)> = spans_of(&root, "th.section");
    assert_eq!(
        sections.iter().map(|s| (s.0.as_str(), s.1)).collect::<Vec<_>>(),
        [("第二十条第（一）项", 4), ("第二十条第（五）项", 4), ("第二十条第（六）项", 4), ("第二十条第（八）项", 4)]
    );
    assert_eq!(span(&cell(&root, "proactive.regulations.issued"), "colspan"), 1);
    for name in ["proactive.licensing.decisions", "proactive.penalty.decisions", "proactive.coercion.decisions", "proactive.fees.amount"] {
        assert_eq!(span(&cell(&root, name), "colspan"), 3, "{name}");
    }
    assert_eq!(count(&root, "td[data-cell]"), 10);
    assert_grid_is_rectangular(&root, 4);
    // 2019: five blocks of three or two columns on a grid of 1 + 6.
    let root = table(&report(Format::V2019), Table::Proactive);
    assert_eq!(span(&cell(&root, "proactive.regulations.made"), "colspan"), 2);
    assert_eq!(span(&cell(&root, "proactive.procurement.amount"), "colspan"), 3);
    assert_eq!(count(&root, "td[data-cell]"), 22);
    assert!(root.text_content().unwrap().contains("规范性文件") && !root.text_content().unwrap().contains("行政规范性文件"));
    assert_grid_is_rectangular(&root, 7);
}

#[wasm_bindgen_test]
fn an_absent_table_is_a_note_not_an_empty_grid() {
    let checked = Checked { report: Report::default(), findings: Vec::new() };
    let requests = view::tables(&checked).into_iter().find(|t| t.table == Table::Requests).unwrap();
    let root = mount_markup(&tables::markup(std::slice::from_ref(&requests)));
    assert_eq!(count(&root, "td"), 0);
    assert_eq!(root.query_selector("[data-absent]").unwrap().unwrap().text_content().unwrap(), "报告中没有找到表三。");
}

// ---- the DOM contract -------------------------------------------------------------------

#[wasm_bindgen_test]
fn cells_in_findings_carry_severity_primary_and_badge() {
    let checked = broken_row_total();
    let root = table_of(&checked, Table::Requests);
    let total = cell(&root, "requests.new.total");
    assert_eq!(total.text_content().unwrap(), "96", "the cell's text is its value alone");
    assert_eq!(total.get_attribute("data-severity").as_deref(), Some("error"));
    assert!(total.has_attribute("data-primary"));
    assert_eq!(total.get_attribute("data-badge").as_deref(), Some("1"));
    assert_eq!(total.get_attribute("tabindex").as_deref(), Some("0"), "a primary cell is in the tab order");
    let title = total.get_attribute("title").unwrap();
    assert!(title.contains("表三「一、本年新收政府信息公开申请数量」行「总计」列") && title.contains("1. 错误："), "{title}");

    let part = cell(&root, "requests.new.natural_person");
    assert_eq!(part.get_attribute("data-severity").as_deref(), Some("error"));
    assert!(!part.has_attribute("data-primary"), "a related cell is not primary");
    assert_eq!(part.get_attribute("data-badge"), None, "only the cell pointed at has the badge");

    let untouched = cell(&root, "requests.carried_over.total");
    assert_eq!(untouched.get_attribute("data-severity"), None);
    assert_eq!(untouched.text_content().unwrap(), "", "a cell the report lacks is empty");
    assert_eq!(untouched.get_attribute("class").as_deref(), Some("cell missing"));
}

#[wasm_bindgen_test]
fn blank_cells_look_blank_and_unread_cells_look_unread() {
    let mut checked = broken_row_total();
    put(&mut checked.report, "requests.granted.total", Value::Blank, "—");
    put(&mut checked.report, "requests.granted.research", Value::Blank, "");
    put(&mut checked.report, "requests.granted.commercial", Value::Unread(UnreadReason::NotANumber), "1O");
    let root = table_of(&checked, Table::Requests);
    assert_eq!(cell(&root, "requests.granted.total").text_content().unwrap(), "—");
    assert_eq!(cell(&root, "requests.granted.research").text_content().unwrap(), "", "blank, not 0");
    let unread = cell(&root, "requests.granted.commercial");
    assert_eq!(unread.text_content().unwrap(), "?");
    assert_eq!(unread.get_attribute("class").as_deref(), Some("cell unread"));
    assert!(unread.get_attribute("title").unwrap().contains("“1O”"), "the tooltip shows what stood there");
}

#[wasm_bindgen_test]
fn a_cells_text_that_looks_like_markup_is_shown_as_text() {
    // The tables are drawn as one string of markup: what a report holds must reach the page
    // as the same characters, in the cell and in its tooltip, and never as elements.
    let raw = "<img src=x onerror=\"alert(1)\">&amp;'\r\0—";
    let mut checked = broken_row_total();
    put(&mut checked.report, "requests.granted.total", Value::Blank, raw);
    let root = table_of(&checked, Table::Requests);
    let shown = cell(&root, "requests.granted.total");
    let expected = raw.replace('\0', "\u{FFFD}");
    assert_eq!(shown.text_content().unwrap(), expected);
    assert!(shown.get_attribute("title").unwrap().contains(&expected), "the tooltip quotes it as it stood");
    assert_eq!(count(&root, "img"), 0, "no element came from the report's text");
    assert_eq!(shown.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn findings_are_listed_numbered_with_their_cells_and_rule() {
    let findings = view::findings(&broken_row_total(), None);
    let root = mount(findings::finding_list(&findings, Default::default()));
    let items = all(&root, "li");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item.get_attribute("data-rule").as_deref(), Some("requests-row-total"));
    assert_eq!(item.get_attribute("data-severity").as_deref(), Some("error"));
    assert_eq!(item.get_attribute("data-number").as_deref(), Some("1"));
    assert_eq!(item.get_attribute("data-cells").as_deref(), Some("requests.new.total requests.new.natural_person"));
    let chips: Vec<(String, String)> =
        all(item, "button[data-chip]").iter().map(|b| (b.get_attribute("data-chip").unwrap(), b.get_attribute("class").unwrap())).collect();
    assert_eq!(chips, [("requests.new.total".into(), "chip primary".into()), ("requests.new.natural_person".into(), "chip".into())]);
    let rule = nianbao::rules::rule("requests-row-total").unwrap();
    let explain = item.query_selector("details.explain").unwrap().expect("the rule's explanation, one click away");
    assert!(explain.text_content().unwrap().contains("这条规则查什么"));
    // Its text comes from the second module when the reviewer opens it (tests/e2e).
    assert!(explain.query_selector("p.explanation").unwrap().is_some());
    assert!(item.text_content().unwrap().contains(rule.title));
}

#[wasm_bindgen_test]
fn no_findings_says_so() {
    let root = mount(findings::finding_list(&[], Default::default()));
    assert!(root.text_content().unwrap().contains("没有发现问题"));
}

#[wasm_bindgen_test]
fn a_finding_about_the_prose_has_a_button_to_its_words() {
    // Which words, natively: tests/view.rs.
    let text = nianbao::view::samples::HONGZE_2024_ERRORS;
    let views = view::findings(&nianbao::check_text(text), Some(text));
    let prose = views.iter().find(|f| f.rule == "prose-table-mismatch").expect("the errors sample's prose contradicts 表三");
    let (start, end) = prose.source.expect("its words in the text area");
    let root = mount(findings::finding_list(&views, Default::default()));
    let button = root.query_selector("li[data-rule='prose-table-mismatch'] button[data-start]").unwrap().expect("a button to the words");
    assert_eq!(button.get_attribute("data-start"), Some(start.to_string()));
    assert_eq!(button.get_attribute("data-end"), Some(end.to_string()));
}

#[wasm_bindgen_test]
fn a_decision_is_made_on_the_finding_and_a_dismissal_needs_its_reason() {
    let views = view::findings(&broken_row_total(), None);
    let root = mount(findings::finding_list(&views, nianbao::model::DecisionCounts { undecided: 1, ..Default::default() }));
    assert_eq!(root.query_selector("#decided").unwrap().unwrap().text_content().unwrap(), "已确认 0 · 已忽略 0 · 未处理 1");
    // What the page does with a click: the decision made, if any.
    type Made = Vec<(String, Option<Decision>)>;
    let made: std::rc::Rc<std::cell::RefCell<Made>> = Default::default();
    let seen = made.clone();
    let views_seen = views.clone();
    gloo::events::EventListener::new(&root, "click", move |ev| seen.borrow_mut().extend(findings::on_decide(ev, &views_seen))).forget();
    let click = |css: &str| root.query_selector(css).unwrap().unwrap_or_else(|| panic!("{css}")).dyn_into::<HtmlElement>().unwrap().click();
    click("li [data-decide='dismiss']");
    assert!(root.query_selector("[data-form='dismiss'] input[data-field='reason']").unwrap().is_some(), "the form asks for the reason");
    click("[data-decide='save']");
    assert!(made.borrow().is_empty(), "no reason, no dismissal");
    assert_eq!(root.query_selector(".problem").unwrap().unwrap().text_content().unwrap(), "请写明忽略的理由。");
    let field =
        |name: &str| root.query_selector(&format!("input[data-field='{name}']")).unwrap().unwrap().dyn_into::<HtmlInputElement>().unwrap();
    field("reason").set_value(" 原件如此 ");
    field("note").set_value("已电话核实");
    click("[data-decide='save']");
    assert_eq!(*made.borrow(), [(views[0].id.clone(), Some(Decision::dismissed("原件如此", "已电话核实")))]);

    // Drawn again with it: the decision shown, counted, and one click from being taken back.
    let mut review = nianbao::view::review::Review::default();
    review.decide(&views[0].id, Some(Decision::confirmed("请更正“总计”")));
    let page = view::PageView { findings: views.clone(), ..Default::default() }.with_decisions(&review);
    let root = mount(findings::finding_list(&page.findings, page.decided));
    let decided = root.query_selector("#decided").unwrap().unwrap();
    assert_eq!(decided.text_content().unwrap(), "已确认 1 · 已忽略 0 · 未处理 0");
    assert_eq!(decided.get_attribute("data-confirmed").as_deref(), Some("1"));
    let shown = root.query_selector("li [data-verdict='confirmed']").unwrap().expect("the decision on the finding");
    assert!(shown.text_content().unwrap().contains("备注：请更正“总计”"));
    assert!(shown.query_selector("button[data-decide='undo']").unwrap().is_some());
}

#[wasm_bindgen_test]
fn a_corrected_cell_is_marked_and_keeps_its_reading() {
    // The clean sample with 表三's 一、本年新收 总计 (95) misread as "1O".
    let text = nianbao::view::samples::HONGZE_2024;
    let span = nianbao::check_text(text).report.cell(key("requests.new.total")).and_then(|c| c.span).unwrap();
    let damaged = format!("{}1O{}", &text[..span.start], &text[span.end..]);
    let checked = nianbao::check_text(&damaged);
    let corrections = [(key("requests.new.total"), "95".to_string())].into_iter().collect();
    let corrected = nianbao::desk::check_corrected(&checked.report, &corrections);
    let root = table_of(&corrected, Table::Requests);
    let total = cell(&root, "requests.new.total");
    assert_eq!(total.text_content().unwrap(), "95", "the cell shows the corrected value alone");
    assert_eq!(total.get_attribute("data-corrected").as_deref(), Some("“1O”"));
    assert!(total.get_attribute("title").unwrap().contains("已人工修改，原文：“1O”"));
    assert_eq!(cell(&root, "requests.new.natural_person").get_attribute("data-corrected"), None);

    let outcome = Outcome { checked: corrected, read_from: ReadFrom::Text };
    let detail = view::cell_detail(&outcome, key("requests.new.total"), None, None);
    let panel = mount(panel::cell_panel(Some(&detail)));
    let correction = panel.query_selector("#correction").unwrap().expect("the correction");
    assert!(correction.text_content().unwrap().contains("已人工修改，原文：“1O”"));
    assert!(correction.query_selector("button[data-correct='undo']").unwrap().is_some());
    let field = panel.query_selector("#correction-text").unwrap().unwrap().dyn_into::<HtmlInputElement>().unwrap();
    assert_eq!(field.value(), "95");
    // A cell not corrected: the field and no undo.
    let detail = view::cell_detail(&outcome, key("requests.new.natural_person"), None, None);
    let panel = mount(panel::cell_panel(Some(&detail)));
    assert!(panel.query_selector("#correction-text").unwrap().is_some());
    assert!(panel.query_selector("button[data-correct='undo']").unwrap().is_none());
}

#[wasm_bindgen_test]
fn relations_unchecked_are_listed_one_click_away() {
    // 表四 printed as the template leaves it, with one group blank (what is counted: tests/view.rs).
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n0\t0\t0\t0\t0\t—\t—\t—\t—\t—\t0\t0\t0\t0\t0\n";
    let outcome = Outcome { checked: nianbao::check_text(text), read_from: ReadFrom::Text };
    let s = view::summary(&outcome, text);
    // The reasons, one click away: a details element listing each relation with its cells.
    let root = mount(summary::coverage(&s.coverage));
    let details = root.query_selector("details#coverage").unwrap().expect("the reasons behind a click");
    assert_eq!(details.get_attribute("data-unchecked").as_deref(), Some("40"));
    assert_eq!(details.get_attribute("data-held").as_deref(), Some("2"));
    let summary_line = details.query_selector("summary").unwrap().unwrap().text_content().unwrap();
    assert_eq!(summary_line, "勾稽关系 42 个：2 个相符，0 个不符，40 个未能核对：查看原因");
    let text = details.text_content().unwrap();
    assert!(text.contains("有空白格（1 个）") && text.contains("表四行政诉讼（未经复议直接起诉）的总计"), "{text}");
    assert!(text.contains("缺少格、行或表格（39 个）"), "表三 was not found: {text}");
    let chip = details.query_selector("button[data-chip='appeals.litigation_direct.upheld']").unwrap();
    assert!(chip.is_some(), "a blank cell to move to");
    // Everything checked: one line, no details.
    let clean = Outcome { checked: nianbao::check_text(nianbao::view::samples::HONGZE_2024), read_from: ReadFrom::Text };
    let s = view::summary(&clean, nianbao::view::samples::HONGZE_2024);
    let root = mount(summary::coverage(&s.coverage));
    assert_eq!(root.query_selector("#coverage").unwrap().unwrap().text_content().unwrap(), "勾稽关系 40 个，全部相符");
}

#[wasm_bindgen_test]
fn the_summary_shows_what_was_read_and_the_parts() {
    let outcome = Outcome { checked: broken_row_total(), read_from: ReadFrom::PastedHtml };
    let s = view::summary(&outcome, "……");
    let root = mount(summary::summary(&s));
    let field = |name: &str| root.query_selector(&format!("[data-field='{name}']")).unwrap().unwrap().text_content().unwrap();
    assert_eq!(field("year"), "2024年");
    assert_eq!(field("title"), "某区人民政府2024年政府信息公开工作年度报告");
    assert!(field("format").contains("2021"));
    assert_eq!(field("published"), "未识别");
    assert_eq!(field("read-from"), "粘贴的网页表格（HTML）");
    let parts: Vec<String> = all(&root, ".part").iter().map(|p| p.get_attribute("data-part-found").unwrap()).collect();
    assert_eq!(parts, ["true", "false", "false", "false", "false", "false"]);
    assert!(root.text_content().unwrap().contains("二、主动公开政府信息情况（未找到）"));
}

#[wasm_bindgen_test]
fn the_headline_carries_its_counts() {
    let outcome = Outcome { checked: broken_row_total(), read_from: ReadFrom::Text };
    let el: HtmlElement = dom::document().create_element("p").unwrap().dyn_into().unwrap();
    summary::headline(&el, &view::summary(&outcome, "……"));
    assert_eq!(el.text_content().as_deref(), Some("1 处错误 · 42 个勾稽关系未能核对"));
    assert_eq!(el.class_name(), "headline when-read error");
    let counts: Vec<Option<String>> =
        ["data-errors", "data-warnings", "data-infos", "data-unchecked"].iter().map(|a| el.get_attribute(a)).collect();
    assert_eq!(counts, [Some("1".to_string()), Some("0".to_string()), Some("0".to_string()), Some("42".to_string())]);
}

#[wasm_bindgen_test]
fn a_refused_file_shows_the_readers_message() {
    let input = Input::Refused { message: "这是一个 PDF 文件。".into() };
    let outcome = input.check();
    let s = view::summary(&outcome, input.shown());
    assert_eq!(s.status, Status::Refused);
    let root = mount(summary::summary(&s));
    assert_eq!(root.query_selector("#summary").unwrap().unwrap().get_attribute("data-status").as_deref(), Some("refused"));
    assert!(root.text_content().unwrap().contains("未能读取：这是一个 PDF 文件。"));
}

// ---- where a number came from -------------------------------------------------------------

#[wasm_bindgen_test]
fn the_cell_panel_shows_the_line_a_number_came_from() {
    let text = "表三\n一、本年新收 95\t0\t96\n四、结转";
    let start = text.find("96").unwrap();
    let mut checked = broken_row_total();
    checked.report.cells.get_mut(&key("requests.new.total")).unwrap().span = Some(Span::new(start, start + 2));
    let outcome = Outcome { checked, read_from: ReadFrom::Text };
    // The excerpt and its UTF-16 range, natively: tests/view.rs.
    let detail = view::cell_detail(&outcome, key("requests.new.total"), Some(text), Some(text.len()));
    let root = mount(panel::cell_panel(Some(&detail)));
    let panel = root.query_selector("#cell-panel").unwrap().unwrap();
    assert_eq!(panel.get_attribute("data-selected").as_deref(), Some("requests.new.total"));
    assert_eq!(root.query_selector("#source-hit").unwrap().unwrap().text_content().unwrap(), "96");
    assert!(panel.text_content().unwrap().contains("原文第 2 行"));
    let button = root.query_selector("#show-in-input").unwrap().expect("a way to the text itself");
    assert_eq!((button.get_attribute("data-start").as_deref(), button.get_attribute("data-end").as_deref()), (Some("15"), Some("17")));
}

#[wasm_bindgen_test]
fn a_cell_from_html_points_at_the_source_and_one_from_a_docx_has_no_position() {
    let html = "<table>\n<tr><td>一、本年新收</td><td><span>96</span></td></tr>\n</table>";
    let start = html.find("96").unwrap();
    let mut checked = broken_row_total();
    checked.report.cells.get_mut(&key("requests.new.total")).unwrap().span = Some(Span::new(start, start + 2));
    let outcome = Outcome { checked: checked.clone(), read_from: ReadFrom::PastedHtml };
    let detail = view::cell_detail(&outcome, key("requests.new.total"), Some(html), None);
    let root = mount(panel::cell_panel(Some(&detail)));
    assert!(root.text_content().unwrap().contains("网页源代码第 2 行"));
    assert!(root.query_selector("#show-in-input").unwrap().is_none(), "the text area does not show the HTML");

    let docx = Outcome { checked, read_from: ReadFrom::Docx };
    let detail = view::cell_detail(&docx, key("requests.new.total"), None, None);
    assert!(mount(panel::cell_panel(Some(&detail))).text_content().unwrap().contains("没有原文位置"));
}

#[wasm_bindgen_test]
fn a_cell_from_a_pdf_shows_its_page_and_line() {
    let text = "一、总体情况\n\u{c}\n表三\n一、本年新收 95\t0\t96\n四、结转";
    let start = text.find("96").unwrap();
    let mut checked = broken_row_total();
    checked.report.cells.get_mut(&key("requests.new.total")).unwrap().span = Some(Span::new(start, start + 2));
    let pages = nianbao::input::pdf::Pages { starts: vec![0, text.find('\u{c}').unwrap()], ..Default::default() };
    let outcome = Outcome { checked, read_from: ReadFrom::Pdf(pages) };
    let detail = view::cell_detail(&outcome, key("requests.new.total"), Some(text), Some(text.len()));
    let root = mount(panel::cell_panel(Some(&detail)));
    let words = root.text_content().unwrap();
    assert!(words.contains("PDF 第 2 页（提取的文字第 4 行）"), "{words}");
    assert_eq!(root.query_selector("[data-page]").unwrap().unwrap().get_attribute("data-page").as_deref(), Some("2"));
    assert_eq!(root.query_selector("#source-hit").unwrap().unwrap().text_content().unwrap(), "96");
    assert!(root.query_selector("#show-in-input").unwrap().is_some(), "the text area shows the extracted text");
}

#[wasm_bindgen_test]
async fn a_pdf_is_refused_in_words_where_it_cannot_be_read() {
    let pdf = b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n";
    // The test page has no PDF module beside it (dist/ has): the page says which file the
    // server did not deliver.
    let missing = files::from_bytes("年报.pdf", pdf).await.expect_err("no PDF module here");
    assert!(missing.contains("nianbao_lazy.wasm") && missing.contains("nianbao.html"), "{missing}");
    // The second module inflates a PDF's streams itself: a browser without
    // DecompressionStream (Firefox before 113, ESR 78) is not refused a PDF for it, and gets
    // the same answer.
    let global = js_sys::global();
    let saved = js_sys::Reflect::get(&global, &"DecompressionStream".into()).unwrap();
    js_sys::Reflect::delete_property(&global.clone(), &"DecompressionStream".into()).unwrap();
    let without = files::from_bytes("年报.pdf", pdf).await;
    js_sys::Reflect::set(&global, &"DecompressionStream".into(), &saved).unwrap();
    assert_eq!(without, Err(missing));
}

#[wasm_bindgen_test]
async fn a_file_without_text_says_which_file_and_that_it_held_none() {
    let nested = b"<table><tr><td><table><tr><td>&nbsp;</td></tr></table></td></tr></table>";
    let message = files::from_bytes("空表格.html", nested).await.expect_err("refused");
    let input = Input::Refused { message };
    let page = view::page(&input.check(), input.shown(), "空表格.html");
    assert_eq!(page.summary.status, Status::Refused);
    let words = mount(summary::summary(&page.summary)).text_content().unwrap();
    assert!(words.contains("未能读取“空表格.html”：这个网页（HTML）中没有文字"), "{words}");
}

// ---- reading files in the browser -------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_docx_is_inflated_by_the_browser_and_refused_where_it_cannot_be() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p></w:body></w:document>"#;
    let docx = zip_with_deflated("word/document.xml", xml.as_bytes());
    match files::from_bytes("年报.docx", &docx).await {
        Ok(Input::Docx { xml: read, text }) => {
            assert_eq!(read, xml);
            assert!(text.contains("三、收到和处理政府信息公开申请情况"), "{text}");
        }
        other => panic!("the .docx was not read: {other:?}"),
    }
    // Chromium 80–102 knows "gzip" but not "deflate-raw": the same data goes in as gzip.
    let older = js_sys::Function::new_no_args(
        "const Real = globalThis.DecompressionStream;
         globalThis.DecompressionStream = function (format) {
           if (format === 'deflate-raw') throw new TypeError('Unsupported compression format');
           return new Real(format);
         };
         return Real;",
    );
    let real = older.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let through_gzip = files::from_bytes("年报.docx", &docx).await;
    js_sys::Reflect::set(&js_sys::global(), &"DecompressionStream".into(), &real).unwrap();
    assert!(matches!(&through_gzip, Ok(Input::Docx { xml: read, .. }) if read == xml), "{through_gzip:?}");
    // Firefox ESR 78 has no DecompressionStream: the reviewer is told what to do instead.
    let global = js_sys::global();
    let saved = js_sys::Reflect::get(&global, &"DecompressionStream".into()).unwrap();
    js_sys::Reflect::delete_property(&global.clone(), &"DecompressionStream".into()).unwrap();
    let refused = files::from_bytes("年报.docx", &docx).await;
    js_sys::Reflect::set(&global, &"DecompressionStream".into(), &saved).unwrap();
    assert_eq!(refused, Err(files::NO_DOCX_HERE.to_string()));
    assert!(files::NO_DOCX_HERE.contains("复制") && files::NO_DOCX_HERE.contains(".htm"));
}

#[wasm_bindgen_test]
async fn a_docx_that_inflates_past_its_stated_size_is_stopped() {
    // The directory says 10 bytes; the data inflates to 3 MB of zeros (a zip bomb's trick).
    let mut docx = zip_with_deflated("word/document.xml", &vec![b'a'; 3 * 1024 * 1024]);
    patch_sizes(&mut docx, 10);
    let refused = files::from_bytes("炸弹.docx", &docx).await.expect_err("refused");
    assert_eq!(refused, nianbao::input::ReadError::DocxCorrupt.to_string());
}

#[wasm_bindgen_test]
async fn gbk_text_is_decoded_by_the_browser_and_huge_files_are_not_read() {
    // “年报” in GBK.
    let gbk = [0xC4, 0xEA, 0xB1, 0xA8, b'\n'];
    let mut bytes = Vec::new();
    for _ in 0..64 {
        bytes.extend_from_slice(&gbk);
    }
    match files::from_bytes("年报.txt", &bytes).await {
        Ok(Input::Text { text }) => assert!(text.starts_with("年报\n年报"), "{text}"),
        other => panic!("{other:?}"),
    }
    let huge = js_sys::Uint8Array::new_with_length(51 * 1024 * 1024);
    let parts = js_sys::Array::of1(&huge);
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "大文件.txt").unwrap();
    match files::read(&file).await {
        Input::Refused { message } => assert!(message.contains("超过了") && message.contains("50 MB"), "{message}"),
        other => panic!("a 51 MB file was read: {other:?}"),
    }
}

// ---- the last line of defence -----------------------------------------------------------------

#[wasm_bindgen_test]
fn a_panic_shows_a_message_in_chinese() {
    crash::show("boom at src/somewhere.rs");
    let document = dom::document();
    let panel = document.get_element_by_id(crash::ID).expect("the crash message");
    let text = panel.text_content().unwrap();
    assert!(text.contains(crash::MESSAGE));
    assert!(text.contains("boom at src/somewhere.rs"));
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));

    crash::show("second");
    assert_eq!(document.query_selector_all("#crash").unwrap().length(), 1, "shown once, not stacked");
    panel.remove();
}

#[wasm_bindgen_test]
async fn a_trap_of_the_program_shows_the_message_and_other_errors_do_not() {
    // The browser build aborts at once on a panic: a panic is a wasm trap that reaches the
    // window uncaught. A real trap, of a module of one `unreachable`, run as the browser runs
    // the program's code: by a timer (an `error` event) and by a promise (`unhandledrejection`).
    crash::install();
    let document = dom::document();
    let window = web_sys::window().unwrap();

    let not_a_trap = js_sys::Function::new_no_args("throw new TypeError('a script error')");
    window.set_timeout_with_callback(&not_a_trap).unwrap();
    pause().await;
    assert!(document.get_element_by_id(crash::ID).is_none(), "a script error is not the program stopping");

    window.set_timeout_with_callback(&trapping_function()).unwrap();
    pause().await;
    let panel = document.get_element_by_id(crash::ID).expect("the crash message after a trap in a timer");
    let text = panel.text_content().unwrap();
    assert!(text.contains(crash::MESSAGE), "{text}");
    assert!(text.contains("RuntimeError"), "the browser's account of the trap: {text}");
    panel.remove();

    let settled = js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
    let then: js_sys::Function = js_sys::Reflect::get(&settled, &"then".into()).unwrap().unchecked_into();
    then.call1(&settled, &trapping_function()).unwrap();
    pause().await;
    let panel = document.get_element_by_id(crash::ID).expect("the crash message after a trap in a promise");
    assert!(panel.text_content().unwrap().contains(crash::MESSAGE));
    panel.remove();
}

/// A wasm function that traps (`unreachable`), from a module of its own.
fn trapping_function() -> js_sys::Function {
    #[rustfmt::skip]
    const MODULE: [u8; 32] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,             // types: () -> ()
        0x03, 0x02, 0x01, 0x00,                         // functions: one of type 0
        0x07, 0x05, 0x01, 0x01, b'f', 0x00, 0x00,       // exports: "f", function 0
        0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,       // code: unreachable
    ];
    let module = js_sys::WebAssembly::Module::new(&js_sys::Uint8Array::from(&MODULE[..])).unwrap();
    let instance = js_sys::WebAssembly::Instance::new(&module, &js_sys::Object::new()).unwrap();
    js_sys::Reflect::get(&instance.exports(), &"f".into()).unwrap().unchecked_into()
}

/// Lets the browser run its timers and promise reactions.
async fn pause() {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(timer).await.unwrap();
}

// ---- helpers -------------------------------------------------------------------------------

fn table(report: &Report, which: Table) -> HtmlElement {
    table_of(&Checked { report: report.clone(), findings: Vec::new() }, which)
}

fn table_of(checked: &Checked, which: Table) -> HtmlElement {
    let view = view::tables(checked).into_iter().find(|t| t.table == which).unwrap();
    mount_markup(&tables::markup(std::slice::from_ref(&view)))
}

/// A zip with one entry, deflated as a single stored deflate block (enough for the readers).
fn zip_with_deflated(name: &str, content: &[u8]) -> Vec<u8> {
    let mut deflated = Vec::new();
    let blocks: Vec<&[u8]> = content.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        deflated.push(u8::from(i + 1 == blocks.len()));
        deflated.extend_from_slice(&(block.len() as u16).to_le_bytes());
        deflated.extend_from_slice(&(!(block.len() as u16)).to_le_bytes());
        deflated.extend_from_slice(block);
    }
    let crc = nianbao::input::zip::crc32(content);
    let fields = |out: &mut Vec<u8>| {
        out.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
    };
    let mut zip = vec![0x50, 0x4B, 0x03, 0x04];
    fields(&mut zip);
    zip.extend_from_slice(name.as_bytes());
    zip.extend_from_slice(&deflated);
    let directory = zip.len() as u32;
    zip.extend_from_slice(&[0x50, 0x4B, 0x01, 0x02, 20, 0]);
    fields(&mut zip);
    zip.extend_from_slice(&[0; 14]); // comment length, disk, attributes, local header offset 0
    zip.extend_from_slice(name.as_bytes());
    let size = zip.len() as u32 - directory;
    zip.extend_from_slice(&[0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0]);
    zip.extend_from_slice(&size.to_le_bytes());
    zip.extend_from_slice(&directory.to_le_bytes());
    zip.extend_from_slice(&[0, 0]);
    zip
}

/// Sets the stated size of every header of a one-entry zip.
fn patch_sizes(zip: &mut [u8], size: u32) {
    let local = 22;
    zip[local..local + 4].copy_from_slice(&size.to_le_bytes());
    let directory = (0..zip.len() - 4).rev().find(|&i| zip[i..i + 4] == [0x50, 0x4B, 0x01, 0x02]).unwrap();
    zip[directory + 24..directory + 28].copy_from_slice(&size.to_le_bytes());
}

/// Puts `el` into a fresh element of its own and returns that element.
fn mount(el: dom::El) -> HtmlElement {
    let root: HtmlElement = dom::document().create_element("div").unwrap().dyn_into().unwrap();
    root.append_child(&el.0).unwrap();
    dom::document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Puts markup into the page, in a fresh element it returns.
fn mount_markup(html: &str) -> HtmlElement {
    let root: HtmlElement = dom::document().create_element("div").unwrap().dyn_into().unwrap();
    root.set_inner_html(html);
    dom::document().body().unwrap().append_child(&root).unwrap();
    root
}

fn all(root: &Element, css: &str) -> Vec<Element> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length()).map(|i| list.get(i).unwrap().dyn_into().unwrap()).collect()
}

fn count(root: &Element, css: &str) -> usize {
    all(root, css).len()
}

fn cell(root: &Element, name: &str) -> Element {
    root.query_selector(&format!("[data-cell='{name}']")).unwrap().unwrap_or_else(|| panic!("no cell {name}"))
}

fn span(el: &Element, attr: &str) -> u32 {
    el.get_attribute(attr).map_or(1, |v| v.parse().unwrap())
}

/// Each matching element's text, colspan and rowspan.
fn spans_of(root: &Element, css: &str) -> Vec<(String, u32, u32)> {
    all(root, css).iter().map(|el| (el.text_content().unwrap(), span(el, "colspan"), span(el, "rowspan"))).collect()
}

/// Every row of the table covers exactly `width` grid columns once the cells spanning rows
/// from above are counted: the merged cells fit together as the template draws them.
fn assert_grid_is_rectangular(root: &Element, width: u32) {
    let mut carried: Vec<u32> = Vec::new(); // per grid column: rows still covered from above
    for (r, row) in all(root, "tr").iter().enumerate() {
        let mut column = 0usize;
        let mut next_carried = carried.clone();
        for cell in all(row, "th, td") {
            while carried.get(column).copied().unwrap_or(0) > 0 {
                next_carried[column] -= 1;
                column += 1;
            }
            let (colspan, rowspan) = (span(&cell, "colspan"), span(&cell, "rowspan"));
            for c in column..column + colspan as usize {
                if next_carried.len() <= c {
                    next_carried.resize(c + 1, 0);
                }
                next_carried[c] = rowspan - 1;
            }
            column += colspan as usize;
        }
        while carried.get(column).copied().unwrap_or(0) > 0 {
            next_carried[column] -= 1;
            column += 1;
        }
        assert_eq!(column as u32, width, "row {r} covers {column} grid columns, not {width}");
        carried = next_carried;
    }
}

// ---- folders --------------------------------------------------------------------------------

/// A dropped folder is walked depth first, each folder's entries in the order of their names
/// (read in the batches the browser gives them in); what is not a report by its name is
/// skipped, hidden files are passed over, and a file dropped by itself is always opened. The
/// entries are stand-ins with the shape of the browser's (`FileSystemEntry`), which a test
/// cannot get from a real drop.
#[wasm_bindgen_test]
async fn a_dropped_folder_is_walked_and_what_is_not_a_report_skipped() {
    let make = js_sys::Function::new_no_args(
        "const later = f => setTimeout(f, 0);
         const file = (name, fullPath) => ({ name, fullPath, isDirectory: false, isFile: true,
           file(ok) { later(() => ok(new File(['x'], name))); } });
         const dir = (name, fullPath, children) => ({ name, fullPath, isDirectory: true, isFile: false,
           createReader() { const batches = [children.slice(0, 2), children.slice(2), []];
             return { readEntries(ok) { const b = batches.shift() || []; later(() => ok(b)); } }; } });
         return [dir('区县', '/区县', [file('乙镇.html', '/区县/乙镇.html'), file('logo.jpg', '/区县/logo.jpg'),
                   dir('子', '/区县/子', [file('甲镇.pdf', '/区县/子/甲镇.pdf')]), file('.DS_Store', '/区县/.DS_Store')]),
                 file('单独.jpg', '/单独.jpg')];",
    );
    let entries: Vec<web_sys::FileSystemEntry> =
        js_sys::Array::from(&make.call0(&wasm_bindgen::JsValue::NULL).unwrap()).iter().map(JsCast::unchecked_into).collect();
    let gathered = folders::walk(entries).await;
    let names: Vec<&str> = gathered.files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["区县/乙镇.html", "区县/子/甲镇.pdf", "单独.jpg"]);
    assert_eq!(gathered.files[1].1.name(), "甲镇.pdf", "each with its file");
    assert_eq!(gathered.skipped, ["区县/logo.jpg"]);
}
