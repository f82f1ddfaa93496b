//! The review memo (校验意见): one self-contained HTML file for the body whose report was
//! reviewed, listing what it must correct.
//!
//! It holds the report's identity, the findings the reviewer confirmed (with the reviewer's
//! notes), those not yet decided (so that nothing found is left out of the memo), the three
//! tables in the official layout with the cells of those findings marked, how much was
//! checked (relations held, broken and not checked; the years compared), the cells the
//! reviewer corrected, and the reviewer's name and the date.
//!
//! It must open in browsers and in Word/WPS and print on A4: plain HTML tables, a `<style>`
//! of simple selectors plus the marks repeated as inline styles (which Word keeps), no
//! script, no image, nothing loaded from outside, UTF-8 declared twice (a byte order mark and
//! the meta tag, which Word and WPS read). Marks do not rely on colour alone: printers drop
//! backgrounds unless asked, so a marked cell also has a border, a sign and the numbers of
//! its findings. Every text from the report is escaped.

use std::fmt::Write;

use crate::Checked;
use crate::model::{CellKey, Decision, Decisions, Finding, GridItem, Relation, Report, Role, Severity, Table, Value, Verdict, Why, grid};

/// What the memo is made of.
pub struct Memo<'a> {
    /// The report as checked (with the reviewer's corrections, and the findings across
    /// reports merged in).
    pub checked: &'a Checked,
    /// The reviewer's decisions; with none, every finding is listed as to be confirmed.
    pub decisions: &'a Decisions,
    /// What the reviewer calls the report: its file's name.
    pub name: &'a str,
    /// The reviewer's name (empty: a line to sign on).
    pub reviewer: &'a str,
    /// The date of the memo, as it is to be printed ("2025-03-20").
    pub date: &'a str,
    pub coverage: &'a Coverage,
}

/// How much was checked, for the memo to say: the relations of 表三 and 表四 that held, broke
/// and could not be checked (and why), and what the report was compared with across years.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub held: usize,
    pub broken: usize,
    /// The relations not checked, one by one or (for a table not found) all of a table's.
    pub unchecked: Vec<NotChecked>,
    /// What the report was compared with across years (`desk::Desk::compared`).
    pub years: String,
}

/// Relations not checked, in words, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotChecked {
    /// "表三「（一）予以公开」行的总计", "表四的全部 3 个勾稽关系".
    pub what: String,
    /// "有空白格", "有未能读取的格", "缺少格、行或表格", "没有找到表四".
    pub why: &'static str,
    /// How many relations.
    pub count: usize,
}

impl Coverage {
    /// The coverage of a report's relations (`rules::tally`, what every result states), and
    /// `years` as said of the years compared. The relations of a table not found make one line.
    pub fn of(report: &Report, years: String) -> Coverage {
        let tally = crate::rules::tally(report);
        let mut coverage = Coverage { held: tally.held, broken: tally.broken, years, ..Coverage::default() };
        let (mut requests_missing, mut appeals_missing) = (0, 0);
        for u in &tally.unchecked {
            match (u.why, u.cells.is_empty(), u.relation) {
                (Why::Missing, true, Relation::AppealsTotal(_)) if !report.has_table(Table::Appeals) => appeals_missing += 1,
                (Why::Missing, true, _) if !report.has_table(Table::Requests) => requests_missing += 1,
                _ => coverage.unchecked.push(NotChecked { what: u.relation.describe(), why: u.why.label(), count: 1 }),
            }
        }
        for (count, table, why) in [(requests_missing, "表三", "没有找到表三"), (appeals_missing, "表四", "没有找到表四")] {
            if count > 0 {
                coverage.unchecked.push(NotChecked { what: format!("{table}的全部 {count} 个勾稽关系"), why, count });
            }
        }
        coverage
    }

    /// How many relations were not checked.
    pub fn unchecked_count(&self) -> usize {
        self.unchecked.iter().map(|n| n.count).sum()
    }
}

/// How many relations not checked the memo lists one by one.
const UNCHECKED_LISTED: usize = 30;

/// How many cells of a finding the memo names.
const CELLS_NAMED: usize = 8;

/// A file name for the memo of a report, safe on Windows and elsewhere:
/// "淮安市洪泽区人民政府-2024年度-校验意见.html"; `fallback` (a file's name) stands in for a
/// body that was not found.
pub fn file_name(report: &Report, fallback: &str) -> String {
    let who = report.body.as_deref().or(report.title.as_deref()).unwrap_or(fallback);
    let stem = match report.year {
        Some(year) => format!("{}-{year}年度-校验意见", safe(who)),
        None => format!("{}-校验意见", safe(who)),
    };
    format!("{stem}.html")
}

/// A piece of a file name without what Windows forbids (\ / : * ? " < > | and control
/// characters), white space folded, no dot or space at its end, at most 60 characters.
fn safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else if c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let short: String = cleaned.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(60).collect();
    let trimmed = short.trim_matches(|c: char| c == '.' || c == ' ' || c == '_');
    if trimmed.is_empty() { "年报".to_string() } else { trimmed.to_string() }
}

/// The memo as a whole HTML file.
pub fn render(memo: &Memo<'_>) -> String {
    let checked = memo.checked;
    let report = &checked.report;
    let decisions = memo.decisions.of(&checked.findings);
    // Confirmed findings first, then those not decided; dismissed ones are only counted.
    let mut listed: Vec<Listed<'_>> = Vec::new();
    for confirmed in [true, false] {
        for (finding, decision) in checked.findings.iter().zip(&decisions) {
            let is_confirmed = matches!(decision, Some(Decision { verdict: Verdict::Confirmed, .. }));
            if decision.is_none() && !confirmed || is_confirmed && confirmed {
                listed.push(Listed { number: listed.len() + 1, finding, decision: *decision });
            }
        }
    }
    let dismissed = decisions.iter().filter(|d| matches!(d, Some(Decision { verdict: Verdict::Dismissed { .. }, .. }))).count();

    let mut out = String::with_capacity(32 * 1024);
    // The byte order mark and the meta tag both say UTF-8: Word and WPS read either.
    out.push('\u{FEFF}');
    let title = format!("校验意见：{}", report.title.as_deref().unwrap_or(memo.name));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    let _ = writeln!(out, "<h1>政府信息公开工作年度报告校验意见</h1>");
    identity(memo, &mut out);

    let mut section = Sections::default();
    let confirmed = listed.iter().filter(|l| l.decision.is_some()).count();
    let undecided = listed.len() - confirmed;
    conclusion(memo, &mut section, confirmed, undecided, dismissed, &mut out);
    if memo.decisions.is_empty() {
        let _ = writeln!(out, "<h2>{}待确认的问题</h2>", section.next());
        let _ = writeln!(out, "<p class=\"hint\">以下问题由“年报校验”工具核对发现，尚待审核人逐条确认；确认前仅供参考。</p>");
        findings_list(report, &listed, &mut out);
    } else {
        let _ = writeln!(out, "<h2>{}需要更正的问题</h2>", section.next());
        if confirmed == 0 {
            let _ = writeln!(out, "<p>无。</p>");
        }
        findings_list(report, &listed[..confirmed], &mut out);
        if undecided > 0 {
            let _ = writeln!(out, "<h2>{}尚待确认的问题</h2>", section.next());
            let _ = writeln!(out, "<p class=\"hint\">以下问题由工具核对发现，审核人尚未确认是否需要更正。</p>");
            findings_list(report, &listed[confirmed..], &mut out);
        }
    }
    tables(report, &listed, &mut section, &mut out);
    coverage(memo, &mut section, &mut out);
    corrections(report, &mut section, &mut out);
    let reviewer = if memo.reviewer.trim().is_empty() { "＿＿＿＿＿＿＿＿" } else { memo.reviewer };
    let _ = writeln!(
        out,
        "<p class=\"sign\">审核人：{}　　　日期：{}</p>\n<p class=\"foot\">本意见由“年报校验”工具生成，报告内容只在审核人的计算机上处理。</p>\n</body>\n</html>",
        esc(reviewer),
        esc(memo.date)
    );
    out
}

/// A finding as the memo lists it.
struct Listed<'a> {
    number: usize,
    finding: &'a Finding,
    decision: Option<&'a Decision>,
}

/// Numbers the memo's sections 一、二、三….
#[derive(Default)]
struct Sections(usize);

impl Sections {
    fn next(&mut self) -> &'static str {
        const NUMERALS: [&str; 10] = ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"];
        self.0 += 1;
        NUMERALS.get(self.0 - 1).copied().unwrap_or("")
    }
}

fn identity(memo: &Memo<'_>, out: &mut String) {
    let report = &memo.checked.report;
    let dash = |s: Option<String>| s.unwrap_or_else(|| "未能识别".to_string());
    let rows = [
        ("报告标题", dash(report.title.clone())),
        ("发布机关", dash(report.body.clone())),
        ("报告年度", dash(report.year.map(|y| format!("{y} 年度")))),
        ("表格格式", dash(report.format.map(|f| f.notice().to_string()))),
        ("发布日期", dash(report.published.as_ref().map(|d| d.value.to_string()))),
        ("文件", memo.name.to_string()),
    ];
    let _ = writeln!(out, "<table class=\"meta\">");
    for (label, value) in rows {
        let _ = writeln!(out, "<tr><th>{label}</th><td>{}</td></tr>", esc(&value));
    }
    let _ = writeln!(out, "</table>");
}

fn conclusion(memo: &Memo<'_>, section: &mut Sections, confirmed: usize, undecided: usize, dismissed: usize, out: &mut String) {
    let report = &memo.checked.report;
    let _ = writeln!(out, "<h2>{}校验结论</h2>", section.next());
    let mut lines = Vec::new();
    if memo.decisions.is_empty() {
        let count = |s| memo.checked.findings.iter().filter(|f| f.severity == s).count();
        lines.push(format!(
            "工具核对发现 {} 处问题（错误 {} 处，提醒 {} 处，提示 {} 处），尚待审核人确认。",
            memo.checked.findings.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        ));
    } else {
        let mut line = format!("经审核，报告有 {confirmed} 处需要更正的问题");
        if undecided > 0 {
            line.push_str(&format!("，另有 {undecided} 处尚待确认"));
        }
        if dismissed > 0 {
            line.push_str(&format!("；工具提示的另 {dismissed} 处经审核人核实，不需更正"));
        }
        line.push('。');
        lines.push(line);
    }
    let c = memo.coverage;
    let unchecked = c.unchecked_count();
    lines.push(format!(
        "表三、表四的勾稽关系共 {} 个：相符 {} 个，不符 {} 个，未能核对 {} 个{}。",
        c.held + c.broken + unchecked,
        c.held,
        c.broken,
        unchecked,
        if unchecked > 0 { "（空白不等于 0，未能核对的关系不视为相符，见“核对范围”）" } else { "" }
    ));
    if !report.corrected.is_empty() {
        lines.push(format!("审核人人工修改了 {} 个单元格，以上结论按修改后的数字得出（见“人工修改”）。", report.corrected.len()));
    }
    for line in lines {
        let _ = writeln!(out, "<p>{}</p>", esc(&line));
    }
}

fn findings_list(report: &Report, listed: &[Listed<'_>], out: &mut String) {
    let format = report.layout_format();
    for item in listed {
        let f = item.finding;
        let rule = crate::rules::rule(f.rule);
        let (sign, color) = severity_sign(f.severity);
        let _ = writeln!(
            out,
            "<div class=\"finding\"><p class=\"head\"><b>{}.</b> <span style=\"color:{color}\">{sign} {}</span> <b>{}</b> <span class=\"rule\">{}</span></p>",
            item.number,
            f.severity.label(),
            esc(rule.map_or("", |r| r.title)),
            esc(f.rule)
        );
        let _ = writeln!(out, "<p>{}</p>", esc(&f.message));
        if !f.cells.is_empty() {
            let mut names: Vec<String> = f
                .cells
                .iter()
                .take(CELLS_NAMED)
                .map(|c| {
                    if c.role == Role::Primary {
                        format!("{}（最可能有误）", c.cell.describe(format))
                    } else {
                        c.cell.describe(format)
                    }
                })
                .collect();
            if f.cells.len() > CELLS_NAMED {
                names.push(format!("等 {} 格", f.cells.len()));
            }
            let _ = writeln!(out, "<p class=\"cells\">涉及：{}</p>", esc(&names.join("、")));
        }
        if let Some(decision) = item.decision
            && !decision.note.trim().is_empty()
        {
            let _ = writeln!(out, "<p class=\"note\">审核意见：{}</p>", esc(&decision.note));
        }
        let _ = writeln!(out, "</div>");
    }
}

fn severity_sign(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("✖", "#b00000"),
        Severity::Warning => ("▲", "#8a5a00"),
        Severity::Info => ("ⓘ", "#355070"),
    }
}

/// The three tables with the cells of the listed findings marked.
fn tables(report: &Report, listed: &[Listed<'_>], section: &mut Sections, out: &mut String) {
    let _ = writeln!(out, "<h2>{}统计表</h2>", section.next());
    let _ = writeln!(
        out,
        "<p class=\"hint\">标注：<span style=\"{}\">✖ 错误</span>　<span style=\"{}\">▲ 提醒</span>，粗框为最可能有误的格，右上角数字为上文问题的编号；<span style=\"{}\">✎ 人工修改</span>的格显示修改后的数字和原文；“?”为未能读取的格，灰色为报告中没有读到的格，空白不等于 0。</p>",
        mark_style(Severity::Error, true),
        mark_style(Severity::Warning, true),
        CORRECTED_STYLE
    );
    for table in Table::ALL {
        let _ = writeln!(out, "<h3>{} {}</h3>", table.short_name(), table.label());
        let present = report.has_table(*table) || report.cells.keys().any(|k| k.table() == *table);
        if !present {
            let _ = writeln!(out, "<p>报告中没有找到{}。</p>", table.short_name());
            continue;
        }
        let g = grid(report, *table);
        // The border, spacing and width as attributes too: Word, WPS and LibreOffice draw a
        // table's grid from them and ignore the stylesheet's descendant selectors.
        let _ = writeln!(
            out,
            "<table class=\"grid\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\" width=\"100%\" style=\"border-collapse:collapse;font-size:8pt\">"
        );
        for (i, row) in g.rows.iter().enumerate() {
            // A header repeats at the top of a page a long table runs onto (browsers, Word).
            if i == 0 && g.head_rows > 0 {
                let _ = writeln!(out, "<thead>");
            }
            if i == g.head_rows {
                let _ = writeln!(out, "<tbody>");
            }
            let _ = write!(out, "<tr>");
            for item in &row.items {
                match item {
                    GridItem::Label { text, colspan, rowspan, class } => {
                        let text = if *class == "vertical" {
                            text.chars().map(|c| esc(&c.to_string())).collect::<Vec<_>>().join("<br>")
                        } else {
                            esc(text)
                        };
                        let _ = write!(out, "<th{}{}>{text}</th>", spans(*colspan, *rowspan), class_attr(class));
                    }
                    GridItem::Cell { key, colspan } => cell(report, listed, *key, *colspan, out),
                }
            }
            let _ = writeln!(out, "</tr>");
            if i + 1 == g.head_rows {
                let _ = writeln!(out, "</thead>");
            }
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
}

fn spans(colspan: u32, rowspan: u32) -> String {
    let mut s = String::new();
    if colspan > 1 {
        let _ = write!(s, " colspan=\"{colspan}\"");
    }
    if rowspan > 1 {
        let _ = write!(s, " rowspan=\"{rowspan}\"");
    }
    s
}

fn class_attr(class: &str) -> String {
    if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") }
}

const CORRECTED_STYLE: &str = "background:#dfe9ff;border:2px dashed #2050a0";

fn mark_style(severity: Severity, primary: bool) -> &'static str {
    match (severity, primary) {
        (Severity::Error, true) => "background:#f6c9c9;border:2px solid #b00000;font-weight:bold",
        (Severity::Error, false) => "background:#fbe6e6;border:1px dashed #b00000",
        (_, true) => "background:#fde9b8;border:2px solid #8a5a00;font-weight:bold",
        (_, false) => "background:#fff6dc;border:1px dashed #8a5a00",
    }
}

/// One value cell: its text as read (or as corrected, with the reading beside it), marked by
/// the listed findings that involve it.
fn cell(report: &Report, listed: &[Listed<'_>], key: CellKey, colspan: u32, out: &mut String) {
    let on_it: Vec<&Listed<'_>> = listed.iter().filter(|l| l.finding.severity != Severity::Info && l.finding.involves(key)).collect();
    let severity = on_it.iter().map(|l| l.finding.severity).min();
    let primary = on_it.iter().any(|l| l.finding.primary_cells().any(|c| c == key));
    let numbers: Vec<String> = on_it
        .iter()
        .filter(|l| {
            let f = l.finding;
            f.primary_cells().any(|c| c == key) || (f.primary_cells().next().is_none() && f.cells.first().is_some_and(|c| c.cell == key))
        })
        .map(|l| l.number.to_string())
        .collect();
    let cell = report.cell(key);
    let mut style = String::new();
    let mut text = match cell.map(|c| &c.value) {
        None => {
            style.push_str("background:#e6e6e6");
            String::new()
        }
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Blank) => cell.map_or(String::new(), |c| c.raw.trim().to_string()),
        Some(Value::Unread(_)) => "?".to_string(),
    };
    text = esc(&text);
    if report.is_corrected(key) {
        style = CORRECTED_STYLE.to_string();
        let was = match report.corrected.get(&key).and_then(|o| o.as_ref()) {
            None => "原未读到".to_string(),
            Some(o) if o.raw.trim().is_empty() => "原为空白".to_string(),
            Some(o) => format!("原为“{}”", o.raw.trim().chars().take(12).collect::<String>()),
        };
        text = format!("✎{text}<br><span class=\"was\">{}</span>", esc(&was));
    }
    if let Some(severity) = severity {
        if !style.is_empty() {
            style.push(';');
        }
        style.push_str(mark_style(severity, primary));
        let (sign, _) = severity_sign(severity);
        if !numbers.is_empty() {
            text = format!("{text}<sup>{sign}{}</sup>", numbers.join(","));
        }
    }
    let style = if style.is_empty() { String::new() } else { format!(" style=\"{style}\"") };
    let _ = write!(out, "<td align=\"right\"{}{style}>{text}</td>", spans(colspan, 1));
}

fn coverage(memo: &Memo<'_>, section: &mut Sections, out: &mut String) {
    let c = memo.coverage;
    let _ = writeln!(out, "<h2>{}核对范围</h2>", section.next());
    let unchecked = c.unchecked_count();
    let _ = writeln!(
        out,
        "<p>表三每行的总计、每列的（七）总计和收支平衡（第一项加第二项等于第三项加第四项），表四三组的总计：共 {} 个勾稽关系，相符 {} 个，不符 {} 个，未能核对 {} 个。</p>",
        c.held + c.broken + unchecked,
        c.held,
        c.broken,
        unchecked
    );
    if !c.unchecked.is_empty() {
        let _ = writeln!(out, "<p>未能核对的关系（空白不等于 0，不视为相符）：</p>\n<ul>");
        for n in c.unchecked.iter().take(UNCHECKED_LISTED) {
            let _ = writeln!(out, "<li>{}：{}</li>", esc(&n.what), esc(n.why));
        }
        if c.unchecked.len() > UNCHECKED_LISTED {
            let _ = writeln!(out, "<li>另有 {} 个，从略</li>", c.unchecked.len() - UNCHECKED_LISTED);
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<p>跨年度核对：{}。</p>", esc(c.years.trim_end_matches('。')));
    let _ = writeln!(out, "<p>表二没有规定的勾稽关系，只核对了负数、小数和跨年度的衔接。</p>");
}

fn corrections(report: &Report, section: &mut Sections, out: &mut String) {
    if report.corrected.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>{}人工修改</h2>", section.next());
    let _ = writeln!(
        out,
        "<p>审核人对照原件修改了以下 {} 个单元格（报告原文未改动），校验按修改后的数字进行：</p>\n<ul>",
        report.corrected.len()
    );
    for key in report.corrected.keys() {
        let _ = writeln!(out, "<li>{}</li>", esc(&super::correction_line(report, *key)));
    }
    let _ = writeln!(out, "</ul>");
}

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs are not valid in HTML.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The memo's stylesheet: simple selectors Word and WPS understand, and A4 pages.
const STYLE: &str = "@page { size: A4; margin: 16mm 14mm; }
body { font-family: \"SimSun\", \"宋体\", \"Songti SC\", \"Noto Serif CJK SC\", serif; font-size: 10.5pt; line-height: 1.5; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-family: \"SimHei\", \"黑体\", \"Noto Sans CJK SC\", sans-serif; font-size: 16pt; text-align: center; margin: 0 0 8pt; }
h2 { font-family: \"SimHei\", \"黑体\", \"Noto Sans CJK SC\", sans-serif; font-size: 12pt; margin: 14pt 0 4pt; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 3pt; page-break-after: avoid; }
p { margin: 2pt 0; }
table { border-collapse: collapse; }
table.meta th { text-align: left; font-weight: normal; color: #444; padding: 1pt 10pt 1pt 0; white-space: nowrap; vertical-align: top; }
table.meta td { padding: 1pt 0; }
table.grid { width: 100%; font-size: 8pt; line-height: 1.25; page-break-inside: auto; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1pt 2pt; }
table.grid th { font-weight: normal; background: #f2f2f2; }
table.grid td { text-align: right; white-space: nowrap; }
table.grid tr { page-break-inside: avoid; }
th.row-label { text-align: left; }
th.note { font-size: 7pt; }
th.vertical { width: 1.4em; }
th.section { text-align: left; font-weight: bold; }
sup { font-size: 6.5pt; font-weight: bold; }
span.was { font-size: 6.5pt; color: #2050a0; }
div.finding { margin: 5pt 0 7pt; page-break-inside: avoid; }
div.finding p.head { margin-bottom: 1pt; }
span.rule { font-family: monospace; font-size: 8pt; color: #555; }
p.cells { font-size: 9pt; color: #333; }
p.note { border-left: 3pt solid #2050a0; padding-left: 5pt; }
p.hint { font-size: 9pt; color: #333; }
p.sign { margin-top: 18pt; text-align: right; }
p.foot { font-size: 8pt; color: #555; text-align: right; }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decision, Format, finding_ids};
    use crate::rules::testing::{bump, clean};

    fn memo_of(checked: &Checked, decisions: &Decisions) -> String {
        let coverage = Coverage::of(&checked.report, "没有同一机关 2022 年度的报告可比对，未做跨年度核对".into());
        render(&Memo { checked, decisions, name: "报告.txt", reviewer: "张三", date: "2025-03-20", coverage: &coverage })
    }

    /// A 2023 report with a row total off by 2 and a 表四 total off by 1.
    fn broken() -> Checked {
        let mut report = clean(Format::V2021);
        bump(&mut report, "requests.granted.total", 2);
        bump(&mut report, "appeals.review.total", 1);
        let findings = crate::rules::check(&report);
        Checked { report, findings }
    }

    #[test]
    fn without_decisions_every_finding_is_to_be_confirmed() {
        let checked = broken();
        let html = memo_of(&checked, &Decisions::new());
        assert!(html.starts_with("\u{FEFF}<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<h2>二、待确认的问题</h2>"), "{html}");
        for (i, f) in checked.findings.iter().enumerate() {
            assert!(html.contains(&format!("<b>{}.</b>", i + 1)), "finding {i}");
            assert!(html.contains(&esc(&f.message)), "{}", f.message);
        }
        assert!(html.contains("审核人：张三　　　日期：2025-03-20"));
        // The primary cell carries the numbers of its findings: its row and its column break.
        let granted = html.split("<td").find(|td| td.contains("<sup>✖1,2</sup>")).expect("a marked cell");
        assert!(granted.contains("border:2px solid #b00000"), "{granted}");
        assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="), "nothing loaded or run");
    }

    #[test]
    fn confirmed_findings_with_notes_and_dismissed_ones_counted() {
        let checked = broken();
        let ids = finding_ids(&checked.findings);
        let mut decisions = Decisions::new();
        let appeals = checked.findings.iter().position(|f| f.rule == "appeals-total").unwrap();
        let row = checked.findings.iter().position(|f| f.rule == "requests-row-total").unwrap();
        decisions.set(ids[appeals].clone(), Decision::confirmed("请按原件更正<总计>"));
        decisions.set(ids[row].clone(), Decision::dismissed("原件如此", ""));
        let html = memo_of(&checked, &decisions);
        assert!(html.contains("<h2>二、需要更正的问题</h2>"));
        assert!(html.contains("审核意见：请按原件更正&lt;总计&gt;"));
        assert!(html.contains("经审核，报告有 1 处需要更正的问题"), "{html}");
        assert!(html.contains("另 1 处经审核人核实，不需更正"));
        assert!(!html.contains(&esc(&checked.findings[row].message)), "a dismissed finding is not listed");
        // The column total crossing the dismissed row is not decided yet: listed after.
        assert!(html.contains("<h2>三、尚待确认的问题</h2>"));
        let marked: Vec<&str> = html.split("<td").filter(|td| td.contains("<sup>")).collect();
        assert_eq!(marked.len(), 2, "{marked:?}");
        assert!(marked[0].contains(">12<sup>✖2</sup>"), "the undecided column total, not the dismissed row: {}", marked[0]);
        assert!(marked[1].contains(">7<sup>✖1</sup>"), "the confirmed 表四 total: {}", marked[1]);
    }

    #[test]
    fn hostile_text_is_escaped() {
        use crate::model::CellKey;
        let mut checked = broken();
        checked.report.title = Some("<script>alert(1)</script>&\"'".into());
        checked.report.body = Some("<img src=x onerror=alert(1)>".into());
        let key = CellKey::parse("requests.new.natural_person").unwrap();
        checked.report.cells.get_mut(&key).unwrap().value = Value::Unread(crate::model::UnreadReason::NotANumber);
        checked.report.cells.get_mut(&key).unwrap().raw = "<b>1O</b>".into();
        checked.findings = crate::rules::check(&checked.report);
        let decisions = Decisions::new();
        let coverage = Coverage::of(&checked.report, "<i>years</i>".into());
        let html = render(&Memo {
            checked: &checked,
            decisions: &decisions,
            name: "a<b>.txt",
            reviewer: "</p><script>x</script>",
            date: "\"2025\"",
            coverage: &coverage,
        });
        for raw in ["<script>", "<img", "<b>1O", "<i>", "\"2025\"", "a<b>"] {
            assert!(!html.contains(raw), "{raw} unescaped");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    #[test]
    fn corrected_cells_show_both_values() {
        let report = clean(Format::V2021);
        let key = CellKey::parse("appeals.review.total").unwrap();
        let corrections = [(key, "7".to_string())].into_iter().collect();
        let checked = crate::desk::check_corrected(&report, &corrections);
        let html = memo_of(&checked, &Decisions::new());
        assert!(html.contains("✎7<br><span class=\"was\">原为“6”</span>"), "{html}");
        assert!(html.contains("人工修改</h2>"));
        assert!(html.contains("表四「行政复议」的「总计」：原为“6”，人工修改为“7”"));
        assert!(html.contains("审核人人工修改了 1 个单元格"));
    }

    #[test]
    fn it_says_how_much_was_checked() {
        let mut checked = broken();
        crate::rules::testing::blank(&mut checked.report, "requests.new.commercial");
        checked.report.tables.remove(&Table::Appeals);
        let coverage = Coverage::of(&checked.report, String::new());
        assert_eq!(coverage.unchecked_count(), 2 + 3, "a row and a column with the blank, and 表四's three");
        let html = memo_of(&checked, &Decisions::new());
        assert!(html.contains("未能核对 5 个"), "{html}");
        assert!(html.contains("<li>表三「一、本年新收政府信息公开申请数量」行的总计：有空白格</li>"), "{html}");
        assert!(html.contains("<li>表四的全部 3 个勾稽关系：没有找到表四</li>"));
        assert!(html.contains("<p>报告中没有找到表四。</p>") || html.contains("表四 政府信息公开行政复议"));
    }

    #[test]
    fn file_names_are_safe() {
        let mut report = clean(Format::V2021);
        report.body = Some("某某局/办公室:\"测试\"  <1>".into());
        assert_eq!(file_name(&report, "x.txt"), "某某局_办公室__测试_ _1-2023年度-校验意见.html");
        report.body = None;
        report.title = None;
        report.year = None;
        assert_eq!(file_name(&report, "..."), "年报-校验意见.html");
        report.body = Some("甲".repeat(100));
        assert_eq!(file_name(&report, "").chars().count(), 60 + "-校验意见.html".chars().count());
    }
}
