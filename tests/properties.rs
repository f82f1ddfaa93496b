//! Properties of the reader and the checker over generated inputs (proptest):
//!
//! - any text, and any text made of report fragments (labels, numbers, separators, CJK
//!   punctuation, HTML tags), is read and checked without a panic, as text and as HTML, and
//!   every span the report carries is a range of the input;
//! - a report rendered back to text (tab-separated official rows, written here from its
//!   cells) reads to the same cells;
//! - in a correct report, of either format, with blanks and zeros, changing one number of
//!   表三 or 表四 always yields an error finding that names the changed cell;
//! - any report with any corrections typed into any cells is checked again without a panic,
//!   keeps its spans in the input, and its memo holds no markup but the memo's own, whatever
//!   the report, the file's name and the reviewer's name hold.
//!
//! The case count is kept moderate so that `cargo test` stays quick; `PROPTEST_CASES=10000
//! cargo test --test properties` runs more. Failures are not persisted to files: a failure
//! found here is pinned in tests/regressions.rs under its own name.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;

use nianbao::Checked;
use nianbao::model::{
    AppealCol, AppealRow, CellKey, Decimal, Format, ProactiveCol, RequestCol, RequestRow, Severity, Table, UnreadReason, Value,
    proactive_layout,
};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;

/// `cases` by default; `PROPTEST_CASES` overrides it.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: None, ..Config::default() }
}

// --- Any text is read ---------------------------------------------------------------------

/// Checks what a caller relies on besides "no panic": every span is a range of `source` on
/// character boundaries (the UI slices the input by them), and the exports render.
fn check_result(checked: &Checked, source: &str) {
    for span in checked.report.spans() {
        assert!(
            span.start <= span.end && source.get(span.start..span.end).is_some(),
            "span {span:?} is not a range of the {}-byte input on character boundaries",
            source.len()
        );
    }
    let _ = nianbao::export::text::render(checked);
    let _ = nianbao::export::json::to_line(checked, None);
}

fn read_every_way(text: &str) {
    check_result(&nianbao::check_text(text), text);
    check_result(&nianbao::check_html(text), text);
}

/// The pieces reports are made of, and the pieces that break them.
fn fragments() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(nianbao::model::Part::ALL.iter().map(|p| p.label().to_string()));
    out.extend(RequestRow::ALL.iter().map(|r| r.label().to_string()));
    out.extend(RequestCol::ALL.iter().map(|c| c.label().to_string()));
    out.extend(AppealRow::ALL.iter().map(|r| r.short_label().to_string()));
    out.extend(AppealCol::ALL.iter().map(|c| c.label().to_string()));
    for format in [Format::V2019, Format::V2021] {
        for block in proactive_layout(format) {
            out.push(block.heading.to_string());
            out.extend(block.columns.iter().map(|(_, l)| l.to_string()));
            out.extend(block.rows.iter().map(|(_, l)| l.to_string()));
        }
    }
    let fixed = [
        // Headings, titles, dates.
        "表二",
        "表三",
        "表四",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "行政复议",
        "行政诉讼",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
        "2019年政府信息公开工作年度报告",
        "2024年度",
        "二〇二一年",
        "2025年1月20日",
        "统计期限自2024年1月1日起至2024年12月31日止",
        "第1页",
        "- 2 -",
        "万元",
        "元",
        "件",
        "个",
        // Numbers and blanks.
        "0",
        "1",
        "7",
        "12",
        "305",
        "1,234",
        "12.5",
        "0.0001",
        "１２",
        "-3",
        "+4",
        "99999999999999999999999999999999999999999",
        "1O",
        "十二",
        "2件3",
        "—",
        "-",
        "/",
        "无",
        "——",
        "／",
        // Separators and punctuation.
        "\t",
        "\t\t",
        "|",
        " | ",
        " ",
        "  ",
        "    ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u{3000}",
        "\u{A0}",
        "：",
        "，",
        "。",
        "、",
        "；",
        "（",
        "）",
        "(",
        ")",
        "“",
        "”",
        "．",
        ".",
        "【",
        "】",
        "\u{FEFF}",
        "\u{200B}",
        // Markup.
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th colspan=\"2\">",
        "<td rowspan=\"3\">",
        "<br>",
        "<p>",
        "</p>",
        "&nbsp;",
        "&amp;",
        "&#x4E00;",
        "&#99999999;",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<style>",
        "<pre>",
        "<",
        ">",
        "&",
    ];
    out.extend(fixed.iter().map(|s| s.to_string()));
    out
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_read_and_checked(text in any::<String>()) {
        read_every_way(&text);
    }

    #[test]
    fn text_made_of_report_fragments_is_read_and_checked(pieces in prop::collection::vec(select(fragments()), 0..200)) {
        read_every_way(&pieces.concat());
    }
}

// --- The reviewer's desk ---------------------------------------------------------------------

/// The elements a memo is made of: markup of any other name in it came from the input.
const MEMO_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "div", "span",
    "b", "sup", "br", "ul", "li",
];

fn assert_memo_is_ours(html: &str) {
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let name: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let shown = &rest[..rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i)];
        assert!(rest.starts_with("!DOCTYPE html>") || MEMO_ELEMENTS.contains(&name.as_str()), "markup not the memo's: {shown}");
        let tag = &rest[..rest.find('>').expect("a tag ends")];
        for attribute in [" on", "src=", "href=", "javascript:"] {
            assert!(!tag.contains(attribute), "{attribute} in a tag of the memo: {tag}");
        }
    }
}

/// Every cell of both formats.
fn every_cell() -> Vec<CellKey> {
    let mut cells: Vec<CellKey> =
        [Format::V2019, Format::V2021].iter().flat_map(|f| Table::ALL.iter().flat_map(move |t| CellKey::all_of(*t, *f))).collect();
    cells.sort();
    cells.dedup();
    cells
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_report_with_any_corrections_is_checked_and_its_memo_escaped(
        pieces in prop::collection::vec(select(fragments()), 0..200),
        corrections in prop::collection::vec((select(every_cell()), prop_oneof![any::<String>(), select(fragments())]), 0..6),
        name in prop_oneof![
            any::<String>(),
            select(vec!["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"' onmouseover=alert(1) x=\"", "报告&amp;<b>"]).prop_map(String::from),
        ],
    ) {
        use nianbao::desk::{Desk, add_findings, check_corrected};
        use nianbao::export::memo::{Coverage, Memo, render};
        let text = pieces.concat();
        let read = nianbao::check_text(&text);
        let corrections: BTreeMap<CellKey, String> = corrections.into_iter().collect();
        let mut checked = check_corrected(&read.report, &corrections);
        check_result(&checked, &text);
        // The same report a year later, and once more for the same year, on one desk.
        let mut later = checked.report.clone();
        later.year = later.year.map(|y| y + 1);
        let desk = Desk::new(vec![
            nianbao::model::Digest::of(name.clone(), &checked.report),
            nianbao::model::Digest::of("b", &later),
            nianbao::model::Digest::of("c", &checked.report),
        ]);
        let _ = desk.findings(1);
        let across = desk.findings(0);
        add_findings(&mut checked, across);
        let _ = nianbao::export::csv::rows(&name, &checked, &nianbao::model::Decisions::new());
        let coverage = Coverage::of(&checked.report, desk.compared(0));
        let decisions = nianbao::model::Decisions::new();
        let memo = render(&Memo { checked: &checked, decisions: &decisions, name: &name, reviewer: &name, date: &name, coverage: &coverage });
        assert_memo_is_ours(&memo);
    }
}

// --- Known reports ---------------------------------------------------------------------------

/// A report whose every cell is known: the text it is printed as, and the value that text is.
#[derive(Clone, Debug)]
struct Known {
    format: Format,
    cells: BTreeMap<CellKey, Printed>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Printed {
    raw: String,
    value: Value,
}

impl Printed {
    fn number(n: i64) -> Printed {
        Printed { raw: n.to_string(), value: Value::Number(Decimal::from_int(n)) }
    }

    fn blank(marker: &str) -> Printed {
        Printed { raw: marker.to_string(), value: Value::Blank }
    }
}

/// How a blank is printed.
const BLANKS: [&str; 5] = ["", "—", "-", "/", "无"];

/// Raw material for a report: numbers that the builder turns into a report of `format`.
/// Shrinking works on the numbers, so a failure shrinks to a small report.
fn raw_material() -> impl Strategy<Value = (Format, Vec<u32>)> {
    (prop_oneof![Just(Format::V2019), Just(Format::V2021)], prop::collection::vec(0u32..100_000, 640))
}

/// Draws from the raw material in turn.
struct Draw<'a>(std::slice::Iter<'a, u32>);

impl Draw<'_> {
    fn next(&mut self) -> u32 {
        *self.0.next().expect("enough raw material")
    }

    /// Mostly zeros and small counts, sometimes large ones, as real tables have.
    fn count(&mut self) -> i64 {
        let x = self.next();
        match x % 10 {
            0..=4 => 0,
            5..=8 => i64::from(x % 9 + 1),
            _ => i64::from(x % 5000),
        }
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

/// A correct report of `format`: every relation of 表三 and 表四 holds. A third of the
/// outcome rows of 表三 and of the groups of 表四 are all zero, and those are printed blank
/// half of the time: blank is not zero, so the relations a blank row takes part in are not
/// evaluated, yet no change may go unnoticed, since every row of numbers still has its own
/// total.
fn consistent((format, raw): &(Format, Vec<u32>)) -> Known {
    let mut d = Draw(raw.iter());
    let mut cells = BTreeMap::new();
    // 表二: counts and blanks; 采购总金额 with decimals. It has no relations to keep.
    for key in CellKey::all_of(Table::Proactive, *format) {
        let printed = match d.below(8) {
            0 => Printed::blank(BLANKS[d.below(5) as usize]),
            _ if matches!(key, CellKey::Proactive(_, ProactiveCol::Amount)) => {
                let (int, frac) = (d.below(1000), d.below(100));
                let raw = format!("{int}.{frac:02}");
                let value = Decimal::parse_digits(&int.to_string(), &format!("{frac:02}")).expect("a decimal");
                Printed { raw, value: Value::Number(value) }
            }
            _ => Printed::number(d.count()),
        };
        cells.insert(key, printed);
    }
    // 表三: the outcomes first, then the totals and the balance.
    let columns = &RequestCol::ALL[..6];
    let mut totals = [0i64; 6];
    for row in RequestRow::rows_of(*format).iter().filter(|r| r.is_outcome()) {
        // A third of the rows are all zero, and half of those are printed blank.
        let zero = d.below(3) == 0;
        let values: Vec<i64> = columns.iter().map(|_| if zero { 0 } else { d.count() }).collect();
        let blank = values.iter().all(|&v| v == 0) && d.below(2) == 0;
        let marker = BLANKS[d.below(5) as usize];
        for (j, col) in RequestCol::ALL.iter().enumerate() {
            let value = if j < 6 { values[j] } else { values.iter().sum() };
            let printed = if blank { Printed::blank(marker) } else { Printed::number(value) };
            cells.insert(CellKey::Requests(*row, *col), printed);
            if j < 6 {
                totals[j] += value;
            }
        }
    }
    let forward: Vec<i64> = columns.iter().map(|_| d.count()).collect();
    // 一 + 二 = （七） + 四, with 二 at most what it may be so that 一 is not negative.
    let over: Vec<i64> = (0..6).map(|j| i64::from(d.next()) % (totals[j] + forward[j] + 1)).collect();
    let new: Vec<i64> = (0..6).map(|j| totals[j] + forward[j] - over[j]).collect();
    for (row, values) in [
        (RequestRow::New, &new),
        (RequestRow::CarriedOver, &over),
        (RequestRow::Total, &totals.to_vec()),
        (RequestRow::CarriedForward, &forward),
    ] {
        for (j, col) in RequestCol::ALL.iter().enumerate() {
            let value = if j < 6 { values[j] } else { values.iter().sum() };
            cells.insert(CellKey::Requests(row, *col), Printed::number(value));
        }
    }
    // 表四: each group's total is the sum of its four results.
    for row in AppealRow::ALL {
        let zero = d.below(3) == 0;
        let values: Vec<i64> = (0..4).map(|_| if zero { 0 } else { d.count() }).collect();
        let blank = values.iter().all(|&v| v == 0) && d.below(2) == 0;
        let marker = BLANKS[d.below(5) as usize];
        for (j, col) in AppealCol::ALL.iter().enumerate() {
            let value = if j < 4 { values[j] } else { values.iter().sum() };
            cells.insert(CellKey::Appeals(*row, *col), if blank { Printed::blank(marker) } else { Printed::number(value) });
        }
    }
    Known { format: *format, cells }
}

/// Any report of `format`: every cell a count, a blank, or (rarely) text that is not a
/// number; nothing has to add up.
fn arbitrary((format, raw): &(Format, Vec<u32>)) -> Known {
    let mut d = Draw(raw.iter());
    let cells = [Table::Proactive, Table::Requests, Table::Appeals]
        .into_iter()
        .flat_map(|table| CellKey::all_of(table, *format))
        .map(|key| {
            let printed = match d.below(12) {
                0 => Printed::blank(BLANKS[d.below(5) as usize]),
                _ => Printed::number(d.count()),
            };
            (key, printed)
        })
        .collect();
    Known { format: *format, cells }
}

/// The report as Word or WPS copies it: the part headings, the official labels, one row of
/// a table per line with its cells separated by tabs. Rows with a cell missing from
/// `cells` are left out, and 表四 when any of its cells is.
fn render(format: Format, cells: &BTreeMap<CellKey, String>) -> String {
    let year = match format {
        Format::V2019 => 2020,
        Format::V2021 => 2023,
    };
    let mut text =
        format!("某某局{year}年政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n");
    let row_of = |keys: &[CellKey]| -> Option<String> { keys.iter().map(|k| cells.get(k).map(|s| format!("\t{s}"))).collect() };

    text.push_str("二、主动公开政府信息情况\n");
    for block in proactive_layout(format) {
        text.push_str(block.heading);
        text.push_str("\n信息内容");
        for (_, label) in block.columns {
            text.push('\t');
            text.push_str(label);
        }
        text.push('\n');
        for (row, label) in block.rows {
            let keys: Vec<CellKey> = block.columns.iter().map(|(col, _)| CellKey::Proactive(*row, *col)).collect();
            if let Some(values) = row_of(&keys) {
                text.push_str(label);
                text.push_str(&values);
                text.push('\n');
            }
        }
    }

    text.push_str("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n");
    // A 2021 report may print （六） as the single row of the 2019 format.
    let single_other = cells.keys().any(|k| matches!(k, CellKey::Requests(RequestRow::Other, _)));
    let mut group = None;
    for row in RequestRow::rows_of(if single_other { Format::V2019 } else { format }) {
        if row.group() != group {
            group = row.group();
            if let Some(g) = group {
                text.push_str(g.label());
                text.push('\n');
            }
        }
        let keys: Vec<CellKey> = RequestCol::ALL.iter().map(|col| CellKey::Requests(*row, *col)).collect();
        if let Some(values) = row_of(&keys) {
            text.push_str(row.label());
            text.push_str(&values);
            text.push('\n');
        }
    }

    text.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n");
    text.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n");
    let keys: Vec<CellKey> = CellKey::all_of(Table::Appeals, format);
    if let Some(values) = row_of(&keys) {
        let values = &values[1..];
        text.push_str(values);
        text.push('\n');
    }
    text.push_str("五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n");
    text
}

fn render_known(known: &Known) -> String {
    render(known.format, &known.cells.iter().map(|(k, p)| (*k, p.raw.clone())).collect())
}

/// A read report rendered back: numbers as they print, blanks as “—”, text that is not a
/// number as it stands. Cells whose digits ran together with their neighbours', or that a
/// row printed too few numbers for, have no text of their own to print: their rows are left
/// out (all of 表四 for one of its cells). Returns the text and the cells it holds.
fn render_read(checked: &Checked) -> (String, BTreeMap<CellKey, Value>) {
    let report = &checked.report;
    let printable = |value: &Value| matches!(value, Value::Number(_) | Value::Blank | Value::Unread(UnreadReason::NotANumber));
    let row = |key: &CellKey| match key {
        CellKey::Appeals(..) => (key.table(), ""),
        _ => (key.table(), key.row_key()),
    };
    let left_out: std::collections::BTreeSet<_> = report.cells.iter().filter(|(_, c)| !printable(&c.value)).map(|(k, _)| row(k)).collect();
    let kept: BTreeMap<CellKey, &nianbao::model::Cell> =
        report.cells.iter().filter(|(k, _)| !left_out.contains(&row(k))).map(|(k, c)| (*k, c)).collect();
    let cells = kept
        .iter()
        .map(|(key, cell)| {
            let raw = match &cell.value {
                Value::Number(n) => n.to_string(),
                Value::Blank => "—".to_string(),
                Value::Unread(_) => cell.raw.clone(),
            };
            (*key, raw)
        })
        .collect();
    let text = render(report.format.unwrap_or(Format::V2021), &cells);
    (text, kept.into_iter().map(|(k, c)| (k, c.value.clone())).collect())
}

fn values(checked: &Checked) -> BTreeMap<CellKey, Value> {
    checked.report.cells.iter().map(|(k, c)| (*k, c.value.clone())).collect()
}

/// The cells whose values differ, for a readable failure.
fn differences(read: &BTreeMap<CellKey, Value>, expected: &BTreeMap<CellKey, Value>) -> Vec<String> {
    let keys: std::collections::BTreeSet<&CellKey> = read.keys().chain(expected.keys()).collect();
    keys.into_iter()
        .filter(|k| read.get(k) != expected.get(k))
        .map(|k| format!("{k}: read {:?}, expected {:?}", read.get(k), expected.get(k)))
        .collect()
}

fn assert_reads_as(text: &str, expected: &BTreeMap<CellKey, Value>) -> Checked {
    let checked = nianbao::check_text(text);
    let diffs = differences(&values(&checked), expected);
    assert!(diffs.is_empty(), "{} cells read wrong:\n{}\n--- text ---\n{text}", diffs.len(), diffs.join("\n"));
    checked
}

fn known_values(known: &Known) -> BTreeMap<CellKey, Value> {
    known.cells.iter().map(|(k, p)| (*k, p.value.clone())).collect()
}

/// Reads `first`, renders the report back, and checks that the rendering reads to the same
/// cells.
fn assert_round_trip(first: &Checked) {
    let (again, cells) = render_read(first);
    assert!(cells.len() > 100, "most of the report is rendered back");
    assert_reads_as(&again, &cells);
}

// --- Round trips ---------------------------------------------------------------------------

#[test]
fn every_sample_reads_the_same_after_rendering_it_back() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "the samples are there: {names:?}");
    for name in names {
        // The PDF sample is read by the PDF reader; the others are text or HTML.
        let first = if name.ends_with(".pdf") {
            nianbao::check_file(&name, &std::fs::read(dir.join(&name)).expect("sample")).expect("the sample PDF reads").1
        } else {
            let input = std::fs::read_to_string(dir.join(&name)).expect("sample");
            if name.ends_with(".html") { nianbao::check_html(&input) } else { nianbao::check_text(&input) }
        };
        assert!(first.report.cells.len() > 50, "{name} has its tables");
        assert_round_trip(&first);
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn any_report_reads_as_written_and_again_after_rendering_it_back(material in raw_material()) {
        let known = arbitrary(&material);
        let first = assert_reads_as(&render_known(&known), &known_values(&known));
        assert_round_trip(&first);
    }
}

// --- One changed cell is always named ----------------------------------------------------------

/// The 表三 and 表四 cells of `known` that hold numbers.
fn changeable(known: &Known) -> Vec<CellKey> {
    known
        .cells
        .iter()
        .filter(|(k, p)| matches!(k.table(), Table::Requests | Table::Appeals) && matches!(p.value, Value::Number(_)))
        .map(|(k, _)| *k)
        .collect()
}

fn errors(checked: &Checked) -> Vec<String> {
    checked.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| format!("{} {}", f.rule, f.message)).collect()
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn a_correct_report_has_no_error_and_one_changed_number_is_named(
        material in raw_material(),
        pick in any::<prop::sample::Index>(),
        delta in 1i64..60,
    ) {
        let known = consistent(&material);
        let checked = assert_reads_as(&render_known(&known), &known_values(&known));
        let errors_before = errors(&checked);
        prop_assert!(errors_before.is_empty(), "a correct report has errors: {errors_before:?}\n{}", render_known(&known));

        let cell = *pick.get(&changeable(&known));
        let Value::Number(n) = known.cells[&cell].value else { unreachable!("a number cell") };
        let n = n.to_i64().expect("a count");
        let changed = if n >= delta && delta % 2 == 0 { n - delta } else { n + delta };
        let mut mutated = known.clone();
        mutated.cells.insert(cell, Printed::number(changed));
        let text = render_known(&mutated);
        let checked = assert_reads_as(&text, &known_values(&mutated));
        let named = checked.findings.iter().any(|f| f.severity == Severity::Error && f.involves(cell));
        prop_assert!(named, "{cell} {n} → {changed} went unnoticed; errors: {:?}\n{text}", errors(&checked));
    }
}

// --- One genuine error in flattened text is found ---------------------------------------------

/// A correct report of `format` as a county prints it: mostly zeros and single digits, some
/// tens, no blanks (an empty cell leaves no trace in flattened text, so the one-cell-per-digit
/// reading the issue fixes assumes none).
fn modest((format, raw): &(Format, Vec<u32>)) -> Known {
    let mut d = Draw(raw.iter());
    let count = |d: &mut Draw| -> i64 {
        match d.below(20) {
            0..=11 => 0,
            12..=18 => i64::from(d.below(9) + 1),
            _ => i64::from(d.below(40) + 10),
        }
    };
    let mut cells = BTreeMap::new();
    for key in CellKey::all_of(Table::Proactive, *format) {
        cells.insert(key, Printed::number(count(&mut d)));
    }
    let mut totals = [0i64; 6];
    for row in RequestRow::rows_of(*format).iter().filter(|r| r.is_outcome()) {
        let values: Vec<i64> = (0..6).map(|_| count(&mut d)).collect();
        for (j, col) in RequestCol::ALL.iter().enumerate() {
            let value = if j < 6 { values[j] } else { values.iter().sum() };
            cells.insert(CellKey::Requests(*row, *col), Printed::number(value));
        }
        for j in 0..6 {
            totals[j] += values[j];
        }
    }
    let forward: Vec<i64> = (0..6).map(|_| count(&mut d)).collect();
    let over: Vec<i64> = (0..6).map(|j| i64::from(d.next()) % (totals[j] + forward[j] + 1).min(10)).collect();
    let new: Vec<i64> = (0..6).map(|j| totals[j] + forward[j] - over[j]).collect();
    for (row, values) in [
        (RequestRow::New, &new),
        (RequestRow::CarriedOver, &over),
        (RequestRow::Total, &totals.to_vec()),
        (RequestRow::CarriedForward, &forward),
    ] {
        for (j, col) in RequestCol::ALL.iter().enumerate() {
            let value = if j < 6 { values[j] } else { values.iter().sum() };
            cells.insert(CellKey::Requests(row, *col), Printed::number(value));
        }
    }
    for row in AppealRow::ALL {
        let values: Vec<i64> = (0..4).map(|_| count(&mut d)).collect();
        for (j, col) in AppealCol::ALL.iter().enumerate() {
            let value = if j < 4 { values[j] } else { values.iter().sum() };
            cells.insert(CellKey::Appeals(*row, *col), Printed::number(value));
        }
    }
    Known { format: *format, cells }
}

/// The report as a crawler flattens a web page: headings, labels and numbers run together
/// with no separator at all (as `pingtan-zone-2019.flat.txt`), 表四's fifteen numbers as one run.
fn render_flattened(known: &Known) -> String {
    let format = known.format;
    let year = if format == Format::V2019 { 2020 } else { 2023 };
    let cell = |key: CellKey| known.cells[&key].raw.clone();
    let mut text =
        format!("某某县人民政府{year}年政府信息公开工作年度报告 一、总体情况 本县认真贯彻落实《条例》。二、主动公开政府信息情况 ");
    for block in proactive_layout(format) {
        text.push_str(block.heading);
        text.push_str("信息内容");
        block.columns.iter().for_each(|(_, label)| text.push_str(label));
        for (row, label) in block.rows {
            text.push_str(label);
            block.columns.iter().for_each(|(col, _)| text.push_str(&cell(CellKey::Proactive(*row, *col))));
        }
    }
    text.push_str("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他");
    let mut group = None;
    for row in RequestRow::rows_of(format) {
        if row.group() != group {
            group = row.group();
            if let Some(g) = group {
                text.push_str(g.label());
            }
        }
        text.push_str(row.label());
        RequestCol::ALL.iter().for_each(|col| text.push_str(&cell(CellKey::Requests(*row, *col))));
    }
    text.push_str("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 ");
    CellKey::all_of(Table::Appeals, format).into_iter().for_each(|key| text.push_str(&cell(key)));
    text.push_str(" 五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。");
    text
}

/// Every way to cut `digits` into `k` numbers without leading zeros.
fn cuts(digits: &str, k: usize) -> Vec<Vec<i64>> {
    if k == 0 {
        return if digits.is_empty() { vec![Vec::new()] } else { Vec::new() };
    }
    let mut out = Vec::new();
    for end in 1..=digits.len().min(6) {
        let head = &digits[..end];
        if head.len() > 1 && head.starts_with('0') {
            break;
        }
        for mut rest in cuts(&digits[end..], k - 1) {
            rest.insert(0, head.parse().expect("digits"));
            out.push(rest);
        }
    }
    out
}

/// Whether some cut of the changed row's digits makes every relation of the report hold, the
/// other rows as printed: then no reader could tell the change (its cell is a number another
/// cut explains).
fn masked(known: &Known, cell: CellKey) -> bool {
    let value = |k: &CellKey| -> i64 { known.cells[k].value.clone().number_or_zero() };
    let keys: Vec<CellKey> = match cell {
        CellKey::Requests(row, _) => RequestCol::ALL.iter().map(|c| CellKey::Requests(row, *c)).collect(),
        _ => CellKey::all_of(Table::Appeals, known.format),
    };
    let digits: String = keys.iter().map(|k| known.cells[k].raw.clone()).collect();
    cuts(&digits, keys.len()).into_iter().any(|cut| {
        let at = |k: CellKey| keys.iter().position(|x| *x == k).map_or_else(|| value(&k), |i| cut[i]);
        match cell {
            CellKey::Appeals(..) => cut.chunks(5).all(|g| g[..4].iter().sum::<i64>() == g[4]),
            CellKey::Requests(..) => {
                let rows = RequestRow::rows_of(known.format);
                let row_holds = rows.iter().all(|r| {
                    RequestCol::ALL[..6].iter().map(|c| at(CellKey::Requests(*r, *c))).sum::<i64>()
                        == at(CellKey::Requests(*r, RequestCol::Total))
                });
                let columns_hold = RequestCol::ALL.iter().all(|c| {
                    let outcomes: i64 = rows.iter().filter(|r| r.is_outcome()).map(|r| at(CellKey::Requests(*r, *c))).sum();
                    let get = |r| at(CellKey::Requests(r, *c));
                    outcomes == get(RequestRow::Total)
                        && get(RequestRow::New) + get(RequestRow::CarriedOver) == get(RequestRow::Total) + get(RequestRow::CarriedForward)
                });
                row_holds && columns_hold
            }
            CellKey::Proactive(..) => false,
        }
    })
}

trait NumberOrZero {
    fn number_or_zero(self) -> i64;
}

impl NumberOrZero for Value {
    fn number_or_zero(self) -> i64 {
        match self {
            Value::Number(n) => n.to_i64().unwrap_or(0),
            _ => 0,
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn one_error_planted_in_a_flattened_report_is_found(
        material in raw_material(),
        pick in any::<prop::sample::Index>(),
        delta in 1i64..20,
    ) {
        let known = modest(&material);
        let text = render_flattened(&known);
        let checked = nianbao::check_text(&text);
        let before = errors(&checked);
        prop_assert!(before.is_empty(), "a correct flattened report has errors: {before:?}\n{text}");

        let cell = *pick.get(&changeable(&known));
        let Value::Number(n) = known.cells[&cell].value else { unreachable!("a number cell") };
        let n = n.to_i64().expect("a count");
        let changed = if n >= delta && delta % 2 == 0 { n - delta } else { n + delta };
        let mut mutated = known.clone();
        mutated.cells.insert(cell, Printed::number(changed));
        prop_assume!(!masked(&mutated, cell));
        let text = render_flattened(&mutated);
        let checked = nianbao::check_text(&text);
        let named = checked.findings.iter().any(|f| f.severity == Severity::Error && f.involves(cell));
        prop_assert!(named, "{cell} {n} → {changed} went unnoticed; errors: {:?}\n{text}", errors(&checked));
    }
}
