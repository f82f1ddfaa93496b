//! The view model (`nianbao::view`), natively: what the page shows of a result, as plain data.
//! The components that draw it are tested in a browser (tests/components.rs); the results
//! here are built by hand (tests/common/checked.rs) or read from the samples.

#[path = "common/checked.rs"]
mod checked;

use checked::{broken_row_total, finding, key, put, report};
use nianbao::Checked;
use nianbao::model::{Decimal, Decision, DecisionCounts, Digest, Format, Report, Role, Severity, Span, Table, UnreadReason, Value};
use nianbao::view::doc::{Input, Outcome, ReadFrom};
use nianbao::view::overview::{Column, OverviewRow};
use nianbao::view::review::{self, Review};
use nianbao::view::{self, CellState, Item, SourceView, Status, TableView, Tone};

const HONGZE_2024: &str = include_str!("fixtures/samples/hongze-district-2024.pdf.txt");
const HONGZE_2024_ERRORS: &str = include_str!("fixtures/ui/hongze-district-2024.errors.txt");

// ---- the summary and the headline -----------------------------------------------------------

#[test]
fn counts_say_first_whether_there_are_errors() {
    let clean = Outcome { checked: nianbao::check_text(HONGZE_2024), read_from: ReadFrom::Text };
    let s = view::summary(&clean, HONGZE_2024);
    assert_eq!(s.errors, 0);
    assert!(s.warnings > 0);
    // The sample's text carries no publication date: a 提示 says so.
    assert!(s.infos > 0);
    assert_eq!(s.headline(), format!("未发现错误 · {} 处提醒 · {} 处提示", s.warnings, s.infos));
    assert_eq!(s.tone(), Tone::Warning);
    assert_eq!(s.read_from, Some("纯文本"));
    // In the overview of open reports, the same counts and tone.
    let row = OverviewRow::new(1, "a.txt".into(), &clean, 0);
    assert_eq!((row.class(), row.errors, row.warnings, row.unchecked), ("warning", 0, s.warnings, 0));
    let broken = Outcome { checked: broken_row_total(), read_from: ReadFrom::Text };
    // Its other relations could not be checked (their cells are missing): the overview says so.
    let row = OverviewRow::new(2, "b.txt".into(), &broken, 0);
    assert_eq!((row.class(), row.errors, row.unchecked), ("error", 1, 42));
}

#[test]
fn a_report_with_relations_unchecked_never_reads_as_a_clean_bill() {
    // 表四 printed as the template leaves it: no finding about its numbers, and nothing checked.
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n0\t0\t0\t0\t0\t—\t—\t—\t—\t—\t0\t0\t0\t0\t0\n";
    let outcome = Outcome { checked: nianbao::check_text(text), read_from: ReadFrom::Text };
    let s = view::summary(&outcome, text);
    assert_eq!((s.errors, s.coverage.held, s.coverage.unchecked), (0, 2, 40));
    assert!(s.headline().starts_with("未发现错误 · "), "{}", s.headline());
    assert!(s.headline().ends_with(" · 40 个勾稽关系未能核对"), "{}", s.headline());
    assert_eq!(s.tone(), Tone::Warning);
    let row = OverviewRow::new(1, "c.txt".into(), &outcome, 0);
    assert_eq!((row.class(), row.unchecked), ("warning", 40));
    // Everything checked: one line.
    let clean = Outcome { checked: nianbao::check_text(HONGZE_2024), read_from: ReadFrom::Text };
    let s = view::summary(&clean, HONGZE_2024);
    assert_eq!((s.coverage.unchecked, s.coverage.line()), (0, "勾稽关系 40 个，全部相符".to_string()));
}

#[test]
fn a_finding_across_years_opens_the_other_report_and_its_cell_shows_the_other_value() {
    let earlier = nianbao::check_text(include_str!("fixtures/years/hongze-district-2023.disagrees.txt"));
    let mut later = nianbao::check_text(include_str!("fixtures/years/hongze-district-2024.txt"));
    let digests = vec![Digest::of("2023.txt", &earlier.report), Digest::of("2024.txt", &later.report)];
    let across = nianbao::desk::Desk::new(digests).findings(1);
    nianbao::desk::add_findings(&mut later, across.clone());
    let carry = across.iter().find(|f| f.rule == "carry-over-mismatch").expect("the years disagree");
    let shown = view::findings(&later, None);
    let view = shown.iter().find(|f| f.rule == "carry-over-mismatch").unwrap();
    assert_eq!(view.other, Some((0, "打开 2023 年度报告“2023.txt”".to_string())), "the other report, by its place among those compared");
    assert!(shown.iter().filter(|f| f.rule != carry.rule && f.rule != "in-force-mismatch").all(|f| f.other.is_none()));
    let outcome = Outcome { checked: later, read_from: ReadFrom::Text };
    let cell = carry.cells[0].cell;
    let others = view::cell_detail(&outcome, cell, None, None).others;
    let (other_key, value) = &carry.fact.other().unwrap().cells[0];
    assert!(others.contains(&format!("2023 年度报告“2023.txt”：{} = {value}", other_key.describe(Format::V2021))), "{others:?}");
    // A cell no finding across years involves shows nothing of the other year.
    assert!(view::cell_detail(&outcome, key("requests.new.total"), None, None).others.is_empty());
}

#[test]
fn the_headline_reads_by_the_most_serious_finding() {
    let with = |severities: &[Severity]| {
        let findings = severities.iter().map(|s| finding(*s, &[(key("requests.new.total"), Role::Primary)])).collect();
        let outcome = Outcome { checked: Checked { report: Report::default(), findings }, read_from: ReadFrom::Text };
        let s = view::summary(&outcome, "……");
        let row = OverviewRow::new(1, "a".into(), &outcome, 0);
        (s.headline(), s.tone().key(), row.class())
    };
    assert_eq!(with(&[]), ("未发现问题".into(), "ok", "ok"));
    assert_eq!(with(&[Severity::Info]), ("未发现错误 · 1 处提示".into(), "ok", "ok"), "a note alone is no warning");
    assert_eq!(with(&[Severity::Warning, Severity::Info]), ("未发现错误 · 1 处提醒 · 1 处提示".into(), "warning", "warning"));
    assert_eq!(with(&[Severity::Error, Severity::Error, Severity::Warning]), ("2 处错误 · 1 处提醒".into(), "error", "error"));
}

#[test]
fn the_summary_says_what_was_read_and_which_parts() {
    let outcome = Outcome { checked: broken_row_total(), read_from: ReadFrom::PastedHtml };
    let s = view::summary(&outcome, "……");
    assert_eq!((s.status, s.errors, s.headline()), (Status::Read, 1, "1 处错误 · 42 个勾稽关系未能核对".to_string()));
    assert_eq!(s.title.as_deref(), Some("某区人民政府2024年政府信息公开工作年度报告"));
    assert_eq!((s.year, s.format, s.published.as_deref()), (Some(2024), Some(Format::V2021), None));
    assert_eq!(s.read_from, Some("粘贴的网页表格（HTML）"));
    let found: Vec<bool> = s.parts.iter().map(|(_, found)| *found).collect();
    assert_eq!(found, [true, false, false, false, false, false]);
    assert_eq!(s.parts[1].0, "二、主动公开政府信息情况");
    assert_eq!(s.refused_line(), "", "a report that was read has no refusal line");
}

#[test]
fn the_status_tells_empty_input_from_text_without_tables() {
    let nothing = Outcome { checked: Checked { report: Report::default(), findings: Vec::new() }, read_from: ReadFrom::Text };
    assert_eq!(view::summary(&nothing, "  \n").status, Status::Empty);
    assert_eq!(view::summary(&nothing, "  \n").read_from, None, "nothing entered was read from nothing");
    assert_eq!(view::summary(&nothing, "随便一段话").status, Status::NoTables);
    let read = Outcome { checked: broken_row_total(), read_from: ReadFrom::Text };
    assert_eq!(view::summary(&read, "……").status, Status::Read);
    assert_eq!(view::page(&read, "……", "a.txt").summary.name.as_deref(), Some("a.txt"));
}

#[test]
fn a_refused_input_says_which_and_why() {
    let input = Input::Refused { message: "这是一个 PDF 文件。".into() };
    let page = view::page(&input.check(), input.shown(), "扫描件.pdf");
    assert_eq!(page.summary.status, Status::Refused);
    assert_eq!(page.summary.refusal.as_deref(), Some("这是一个 PDF 文件。"));
    assert_eq!(page.summary.refused_line(), "未能读取“扫描件.pdf”，原因见输入框下方");
    assert_eq!(view::summary(&input.check(), "").refused_line(), "未能读取，原因见输入框下方");
    let row = OverviewRow::new(3, "扫描件.pdf".into(), &input.check(), 0);
    assert_eq!((row.class(), row.text(Column::Format), row.text(Column::Errors)), ("refused", "无法读取".into(), "—".into()));
}

#[test]
fn a_report_being_read_claims_nothing_and_says_so() {
    // The page's second module has not sent the reading yet: whatever the text area holds,
    // nothing of it is claimed, neither a fault nor a pass.
    let page = view::page(&Outcome::reading(), HONGZE_2024_ERRORS, "甲.pdf");
    assert_eq!(page.summary.status, Status::Reading);
    assert_eq!(page.summary.refused_line(), "正在读取“甲.pdf”……");
    assert_eq!((page.summary.errors, page.summary.warnings, page.summary.coverage.total), (0, 0, 0));
    assert!(page.findings.is_empty() && page.note.is_empty() && page.summary.read_from.is_none());
    assert!(page.tables.iter().all(|t| !t.present), "no table is claimed");
    let row = OverviewRow::new(1, "甲.pdf".into(), &Outcome::reading(), 0);
    let shown: Vec<String> = [Column::Format, Column::Errors, Column::Warnings, Column::Unchecked].map(|c| row.text(c)).into();
    assert_eq!(shown, ["正在读取", "—", "—", "—"], "counted as nothing, never as zeros");
    // A reading the page could not have reads as a refusal, with the reason.
    let failed = Outcome::of(Report::default(), ReadFrom::Refused("网站服务器没有提供……nianbao_lazy.wasm".into()));
    let page = view::page(&failed, HONGZE_2024_ERRORS, "甲.pdf");
    assert_eq!(page.summary.status, Status::Refused);
    assert!(page.findings.is_empty());
    assert_eq!(OverviewRow::new(1, "甲.pdf".into(), &failed, 0).text(Column::Format), "无法读取");
}

#[test]
fn the_page_says_what_the_report_was_read_from_when_the_text_area_does_not_show_it() {
    let checked = broken_row_total();
    let note = |read_from| view::page(&Outcome { checked: checked.clone(), read_from }, "……", "a").note;
    assert_eq!(note(ReadFrom::Text), "");
    assert!(note(ReadFrom::PastedHtml).contains("粘贴的网页表格"));
    assert!(note(ReadFrom::Html).contains("网页文件"));
    assert!(note(ReadFrom::Docx).contains(".docx"));
    assert!(note(ReadFrom::Markup).contains("网页的源代码"));
    assert_eq!(view::PageView::default().summary.status, Status::Empty, "the page before anything is entered");
}

#[test]
fn a_pdf_is_read_from_its_extracted_text_with_its_pages_named() {
    let pdf = std::fs::read("tests/fixtures/samples/hongze-district-2024.pdf").expect("the sample PDF");
    let (loaded, native) = nianbao::check_file("洪泽.pdf", &pdf).expect("read natively");
    let pages = loaded.pdf.clone().expect("a PDF's pages");
    let input = Input::Pdf { text: loaded.text.clone(), pages: pages.clone() };
    let outcome = input.check();
    assert_eq!(outcome.checked.report, native.report, "the page reads the extracted text as the command line reads the PDF");
    assert_eq!(outcome.checked.findings, native.findings);
    assert_eq!(input.shown(), loaded.text, "the text area shows the extracted text");
    assert_eq!(input.source(&outcome), Some(loaded.text.as_str()), "spans point into it");
    let page = view::page(&outcome, input.shown(), "洪泽.pdf");
    assert!(page.note.contains("PDF 文件（5 页）"), "{}", page.note);
    assert_eq!(page.summary.read_from, Some("PDF 文件的文字层"));
    // A cell's page and line, selectable in the text area.
    let cell = key("requests.new.natural_person");
    let span = native.report.cell(cell).and_then(|c| c.span).expect("read with a position");
    let detail = view::cell_detail(&outcome, cell, input.source(&outcome), Some(loaded.text.len()));
    let SourceView::Excerpt(excerpt) = detail.source else { panic!("no excerpt: {:?}", detail.source) };
    assert_eq!(excerpt.hit, "95");
    assert_eq!(excerpt.page, Some(pages.page_at(span.start)));
    assert!(excerpt.page.is_some_and(|p| p > 1), "表三 is not on the first page");
    assert!(excerpt.selection.is_some(), "the number can be selected in the text area");
    // Pages without text are named beside the text area.
    let scanned = Input::Pdf { text: loaded.text, pages: nianbao::input::pdf::Pages { scanned: vec![6], ..pages } };
    let note = view::page(&scanned.check(), scanned.shown(), "洪泽.pdf").note;
    assert!(note.contains("第 6 页") && note.contains("扫描页"), "{note}");
}

// ---- the tables ------------------------------------------------------------------------------

#[test]
fn every_table_covers_its_grid_in_both_formats_and_the_mixed_case() {
    let mixed = {
        let mut r = report(Format::V2021);
        put(&mut r, "requests.other.natural_person", Value::Number(Decimal::from_int(0)), "0");
        r
    };
    for (name, report, widths, value_cells) in [
        ("2021", report(Format::V2021), [4, 10, 15], [10, 25 * 7, 15]),
        ("2019", report(Format::V2019), [7, 10, 15], [22, 23 * 7, 15]),
        ("mixed", mixed, [4, 10, 15], [10, 23 * 7, 15]),
    ] {
        let tables = view::tables(&Checked { report, findings: Vec::new() });
        assert_eq!(tables.iter().map(|t| t.table).collect::<Vec<_>>(), Table::ALL, "{name}");
        for ((table, width), cells) in tables.iter().zip(widths).zip(value_cells) {
            assert!(table.present, "{name} {:?}", table.table);
            assert_grid_is_rectangular(table, width);
            let values = table.rows.iter().flat_map(|r| &r.items).filter(|i| matches!(i, Item::Value(_))).count();
            assert_eq!(values, cells, "{name} {:?}", table.table);
        }
    }
}

#[test]
fn table_three_labels_span_as_the_template_merges_them() {
    let requests = table_view(&Checked { report: report(Format::V2021), findings: Vec::new() }, Table::Requests);
    assert_eq!(requests.head_rows, 3);
    assert_eq!(requests.caption, "表三 收到和处理政府信息公开申请情况");
    let label = |text: &str| {
        requests
            .rows
            .iter()
            .flat_map(|r| &r.items)
            .find_map(|i| match i {
                Item::Label(l) if l.text == text => Some((l.colspan, l.rowspan, l.class)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no label {text}"))
    };
    assert_eq!(label("三、本年度办理结果"), (1, 22, "vertical"));
    assert_eq!(label("（三）不予公开").1, 8);
    assert_eq!(label("（一）予以公开"), (2, 1, "row-label"));
    assert_eq!(label("一、本年新收政府信息公开申请数量"), (3, 1, "row-label"));
}

#[test]
fn an_absent_table_is_marked_absent() {
    let tables = view::tables(&Checked { report: Report::default(), findings: Vec::new() });
    assert!(tables.iter().all(|t| !t.present));
}

#[test]
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

#[test]
fn cell_states_follow_the_report() {
    let mut checked = broken_row_total();
    put(&mut checked.report, "requests.granted.total", Value::Blank, "—");
    put(&mut checked.report, "requests.granted.commercial", Value::Unread(UnreadReason::NotANumber), "1O");
    let requests = table_view(&checked, Table::Requests);
    let cell = |name: &str| {
        requests
            .rows
            .iter()
            .flat_map(|r| &r.items)
            .find_map(|i| match i {
                Item::Value(c) if c.key == key(name) => Some(c.clone()),
                _ => None,
            })
            .unwrap()
    };
    assert_eq!((cell("requests.granted.total").state, cell("requests.granted.total").text.as_str()), (CellState::Blank, "—"));
    let unread = cell("requests.granted.commercial");
    assert_eq!((unread.state, unread.text.as_str()), (CellState::Unread, "?"));
    assert!(unread.tip.contains("“1O”"), "the tooltip shows what stood there: {}", unread.tip);
    assert_eq!(cell("requests.new.total").state, CellState::Number);
    assert_eq!(cell("requests.total.total").state, CellState::Missing);
    // The cell the finding points at has its badge; the other cell of the relation is framed only.
    let total = cell("requests.new.total");
    assert_eq!((total.badge.as_deref(), total.mark.map(|m| m.primary)), (Some("1"), Some(true)));
    assert!(total.tip.contains("表三「一、本年新收政府信息公开申请数量」行「总计」列") && total.tip.contains("1. 错误："), "{}", total.tip);
    let person = cell("requests.new.natural_person");
    assert_eq!((person.badge, person.mark.map(|m| (m.severity, m.primary))), (None, Some((Severity::Error, false))));
}

// ---- the findings ------------------------------------------------------------------------------

#[test]
fn findings_are_numbered_with_their_cells_rule_and_chips() {
    let views = view::findings(&broken_row_total(), None);
    assert_eq!(views.len(), 1);
    let f = &views[0];
    let rule = nianbao::rules::rule("requests-row-total").unwrap();
    assert_eq!((f.number, f.rule, f.title), (1, "requests-row-total", rule.title));
    assert_eq!(f.cells, ["requests.new.total", "requests.new.natural_person"]);
    let chips: Vec<(String, bool)> = f.chips.iter().map(|c| (c.label.clone(), c.primary)).collect();
    assert_eq!(
        chips,
        [("一、本年新收政府信息公开申请数量 · 总计".to_string(), true), ("一、本年新收政府信息公开申请数量 · 自然人".to_string(), false)]
    );
    assert_eq!(f.more, 0);
    // A finding on many cells lists the first eight as buttons and counts the rest.
    let cells: Vec<_> = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]
        .iter()
        .flat_map(|col| ["new", "granted"].map(|row| (key(&format!("requests.{row}.{col}")), Role::Related)))
        .collect();
    let many = Checked { report: Report::default(), findings: vec![finding(Severity::Warning, &cells)] };
    let f = &view::findings(&many, None)[0];
    assert_eq!((f.chips.len(), f.more, f.cells.len()), (8, 6, 14));
}

#[test]
fn a_finding_about_the_prose_points_at_its_words() {
    let text = HONGZE_2024_ERRORS;
    let checked = nianbao::check_text(text);
    let views = view::findings(&checked, Some(text));
    let prose = views.iter().find(|f| f.rule == "prose-table-mismatch").expect("the errors sample's prose contradicts 表三");
    let (start, end) = prose.source.expect("its words in the text area");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let words = String::from_utf16(&utf16[start as usize..end as usize]).unwrap();
    assert!(!words.is_empty() && prose.message.contains(words.trim()), "{words:?} in {}", prose.message);
    // Findings about cells have no such words; nor has any finding when the text area does
    // not show what the spans point into (a report read from HTML).
    assert!(views.iter().filter(|f| f.rule != "prose-table-mismatch").all(|f| f.source.is_none()));
    assert!(view::findings(&checked, None).iter().all(|f| f.source.is_none()));
}

// ---- where a number came from ------------------------------------------------------------------

#[test]
fn the_cell_detail_shows_the_line_a_number_came_from() {
    let text = "表三\n一、本年新收 95\t0\t96\n四、结转";
    let start = text.find("96").unwrap();
    let mut checked = broken_row_total();
    checked.report.cells.get_mut(&key("requests.new.total")).unwrap().span = Some(Span::new(start, start + 2));
    let outcome = Outcome { checked, read_from: ReadFrom::Text };
    let detail = view::cell_detail(&outcome, key("requests.new.total"), Some(text), Some(text.len()));
    assert_eq!(detail.name, "表三「一、本年新收政府信息公开申请数量」行「总计」列");
    assert_eq!((detail.text.as_str(), detail.state, detail.raw.as_deref()), ("96", CellState::Number, Some("96")));
    let SourceView::Excerpt(e) = &detail.source else { panic!("an excerpt: {:?}", detail.source) };
    assert_eq!((e.line, e.before.as_str(), e.hit.as_str(), e.after.as_str()), (2, "一、本年新收 95\t0\t", "96", ""));
    // The text area counts UTF-16 code units: 表三\n一、本年新收 95\t0\t is 15 of them.
    assert_eq!(e.selection, Some((15, 17)));
    assert!(!e.html);
    assert_eq!(detail.findings.len(), 1);
    assert_eq!(detail.findings[0].0, 1);
    // Past what the text area shows of a huge paste, the text is not selectable there.
    let detail = view::cell_detail(&outcome, key("requests.new.total"), Some(text), Some(start));
    let SourceView::Excerpt(e) = &detail.source else { panic!() };
    assert_eq!(e.selection, None);
    // A cell the report lacks has no place in the input.
    assert_eq!(view::cell_detail(&outcome, key("requests.total.total"), Some(text), Some(text.len())).source, SourceView::Unknown);
}

#[test]
fn a_cell_from_html_points_at_the_source_and_one_from_a_docx_has_no_position() {
    let html = "<table>\n<tr><td>一、本年新收</td><td><span>96</span></td></tr>\n</table>";
    let start = html.find("96").unwrap();
    let mut checked = broken_row_total();
    checked.report.cells.get_mut(&key("requests.new.total")).unwrap().span = Some(Span::new(start, start + 2));
    let outcome = Outcome { checked: checked.clone(), read_from: ReadFrom::PastedHtml };
    let detail = view::cell_detail(&outcome, key("requests.new.total"), Some(html), None);
    let SourceView::Excerpt(e) = &detail.source else { panic!() };
    assert!(e.html && e.selection.is_none() && e.line == 2 && e.before.ends_with("<span>"), "{e:?}");

    let docx = Outcome { checked, read_from: ReadFrom::Docx };
    let detail = view::cell_detail(&docx, key("requests.new.total"), None, None);
    assert_eq!(detail.source, SourceView::NoPositions);
}

#[test]
fn an_excerpt_shows_sixty_characters_on_each_side() {
    let line = format!("{}96{}", "左".repeat(100), "右".repeat(100));
    let source = format!("第一行\n{line}\n第三行");
    let start = source.find("96").unwrap();
    let e = view::excerpt(&source, start, start + 2, false, true);
    assert_eq!((e.before.chars().count(), e.hit.as_str(), e.after.chars().count(), e.line), (60, "96", 60, 2));
    assert_eq!(e.selection, Some((view::utf16_len(&source[..start]), view::utf16_len(&source[..start]) + 2)));
    assert_eq!(view::utf16_len("𠀀a"), 3, "a character outside the BMP is two UTF-16 units");
}

#[test]
fn a_pages_source_in_the_text_area_is_read_as_html_and_pointed_at_there() {
    let source = "<p>一、总体情况</p>\n<table>\n<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\n</table>";
    let input = Input::Text { text: source.to_string() };
    let outcome = input.check();
    assert_eq!(outcome.read_from, ReadFrom::Markup, "the core reads the source as HTML");
    let page = view::page(&outcome, input.shown(), "粘贴的内容");
    assert!(page.note.contains("网页的源代码"), "the page says so next to the text area: {}", page.note);
    assert_eq!(page.summary.read_from, Some("网页源代码（HTML）"));
    // A cell's source is the line of the text area's HTML, selectable there.
    let span = outcome.checked.report.cell(key("requests.new.total")).expect("the total is read").span.unwrap();
    let detail = view::cell_detail(&outcome, key("requests.new.total"), input.source(&outcome), Some(source.len()));
    let SourceView::Excerpt(e) = &detail.source else { panic!("an excerpt: {:?}", detail.source) };
    assert!(e.html && e.line == 3 && e.hit == "1", "{e:?}");
    let utf16 = |at: usize| source[..at].encode_utf16().count() as u32;
    assert_eq!(e.selection, Some((utf16(span.start), utf16(span.end))), "selectable in the text area");
}

// ---- helpers -----------------------------------------------------------------------------------

fn table_view(checked: &Checked, which: Table) -> TableView {
    view::tables(checked).into_iter().find(|t| t.table == which).unwrap()
}

/// Every row of the table covers exactly `width` grid columns once the cells spanning rows
/// from above are counted: the merged cells fit together as the template draws them.
fn assert_grid_is_rectangular(table: &TableView, width: u32) {
    let mut carried: Vec<u32> = Vec::new(); // per grid column: rows still covered from above
    for (r, row) in table.rows.iter().enumerate() {
        let mut column = 0usize;
        let mut next_carried = carried.clone();
        for item in &row.items {
            while carried.get(column).copied().unwrap_or(0) > 0 {
                next_carried[column] -= 1;
                column += 1;
            }
            let (colspan, rowspan) = match item {
                Item::Label(l) => (l.colspan, l.rowspan),
                Item::Value(c) => (c.colspan, 1),
            };
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
        assert_eq!(column as u32, width, "{:?} row {r} covers {column} grid columns, not {width}", table.table);
        carried = next_carried;
    }
}

// ---- the reviewer's work: decisions and corrections -------------------------------------------

/// The clean sample with 表三's 一、本年新收 总计 made unreadable ("1O": a letter for a digit),
/// and the cell's text in the clean sample.
fn with_an_unreadable_total() -> (String, String) {
    let total = nianbao::check_text(HONGZE_2024).report.cell(key("requests.new.total")).cloned().unwrap();
    let span = total.span.unwrap();
    let mut damaged = HONGZE_2024.to_string();
    damaged.replace_range(span.start..span.end, "1O");
    (damaged, total.raw)
}

#[test]
fn a_correction_of_an_unreadable_cell_lets_its_relations_be_checked_and_keeps_the_reading() {
    let (damaged, right) = with_an_unreadable_total();
    let total = key("requests.new.total");
    let read = Input::Text { text: damaged.clone() }.check();
    assert!(view::summary(&read, &damaged).coverage.unchecked > 0, "the “?” keeps relations from being checked");
    let mut review = Review::default();
    review.correct(total, Some(right.clone()));
    let corrected = review::corrected(read.clone(), &review.corrections);
    let page = view::page(&corrected, &damaged, "a.txt");
    assert_eq!(page.summary.coverage.unchecked, 0, "every relation checked with the corrected value");
    assert!(page.findings.iter().all(|f| f.rule != "unreadable-cell"));
    let cell = page
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| &r.items)
        .find_map(|i| match i {
            Item::Value(c) if c.key == total => Some(c.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!((cell.text.as_str(), cell.state, cell.corrected.as_deref()), (right.as_str(), CellState::Number, Some("“1O”")));
    // The cell panel names the correction and points at the text as read in the input.
    let detail = view::cell_detail(&corrected, total, Some(&damaged), Some(damaged.len()));
    assert_eq!(detail.corrected.as_deref(), Some("“1O”"));
    let SourceView::Excerpt(excerpt) = detail.source else { panic!("no excerpt: {:?}", detail.source) };
    assert_eq!(excerpt.hit, "1O");
    // Nothing corrected: the result as read.
    assert_eq!(review::corrected(read.clone(), &[]), read);
}

#[test]
fn decisions_are_counted_and_follow_their_finding_through_a_correction() {
    let (damaged, right) = with_an_unreadable_total();
    let read = Input::Text { text: damaged.clone() }.check();
    let page = view::page(&read, &damaged, "a.txt");
    let warning = page.findings.iter().find(|f| f.rule == "format-mismatch").expect("a warning that a correction leaves");
    let info = page.findings.iter().find(|f| f.severity == Severity::Info).expect("a note");
    let mut review = Review::default();
    review.decide(&warning.id, Some(Decision::confirmed("请按新格式填报")));
    review.decide(&info.id, Some(Decision::dismissed("日期见网页", "")));
    let decided = page.clone().with_decisions(&review);
    assert_eq!(decided.decided, DecisionCounts { confirmed: 1, dismissed: 1, undecided: page.findings.len() - 2 });
    assert_eq!(view::decided_line(decided.decided), format!("已确认 1 · 已忽略 1 · 未处理 {}", page.findings.len() - 2));
    review.correct(key("requests.new.total"), Some(right));
    let after = view::page(&review::corrected(read, &review.corrections), &damaged, "a.txt").with_decisions(&review);
    let kept = after.findings.iter().find(|f| f.rule == "format-mismatch").unwrap();
    assert_eq!(kept.decision, Some(Decision::confirmed("请按新格式填报")), "kept under the finding's identity, not its place");
    assert_eq!(
        view::PageView::default().with_decisions(&review).decided,
        DecisionCounts::default(),
        "decisions on no findings count nothing"
    );
}
