//! The page without the browser: what a reviewer gave, what the page shows of the core's
//! result for it, and how the open reports are kept, as plain data. No DOM and no signals,
//! so it builds and is tested natively like the rest of the core; the browser UI (`ui`, with
//! the `ui` feature) keeps one [`doc::Input`] signal per open report, derives these views with
//! memos and draws them.
//!
//! - [`doc`]: a report as the reviewer gave it ([`doc::Input`]) and the core's result for it
//!   ([`doc::Outcome`]), and what of it the text area shows;
//! - this module: a result as the page shows it: the summary and headline, the official
//!   layouts' header rows and label cells, value cells with their state and marks, numbered
//!   findings, the cell panel's excerpt with its line and UTF-16 range;
//! - [`stored`]: the open reports as the page stores them across a reload;
//! - [`samples`]: the built-in sample reports (their texts are in the page's second module);
//! - [`across`]: the open reports' digests and their findings across reports as the page's
//!   two modules pass them (the checks across reports are in the second);
//! - [`reading`]: a report as read, as the page's second module (which reads reports) passes
//!   it to the first (which checks them).
//!
//! Which table has which rows and columns comes from the model ([`proactive_layout`],
//! [`Report::request_rows`], [`Report::layout_format`], [`RequestRow::group`]); the merged
//! cells of the official layout (how many rows a group label spans, how many grid columns a
//! value spans) are counted here, and no numbers of the report are computed beyond counting
//! findings.
//!
//! [`Report::request_rows`]: crate::model::Report::request_rows
//! [`Report::layout_format`]: crate::model::Report::layout_format
//! [`RequestRow::group`]: crate::model::RequestRow::group

pub mod across;
mod codec;
pub mod doc;
pub mod exports;
pub mod overview;
pub mod reading;
pub mod review;
pub mod samples;
pub mod stored;

use std::collections::BTreeMap;

use crate::Checked;
use crate::model::heading;
use crate::model::{
    AppealCol, AppealRow, Cell, CellKey, Decision, DecisionCounts, Finding, Format, Part, Report, RequestCol, RequestRow, Role, Severity,
    Table, Value, Why, finding_ids, proactive_labels, proactive_layout,
};
use doc::{Outcome, ReadFrom, shown_part};

/// The state of the page as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing has been entered yet.
    Empty,
    /// Text was entered but none of the three tables was found in it.
    NoTables,
    /// At least one table was read.
    Read,
    /// A file that is not read (a PDF, an image, too large…), or a report the page could
    /// not read (its second module could not be had).
    Refused,
    /// A report the page is reading: nothing of it is known yet.
    Reading,
}

impl Status {
    /// The `data-status` value of the summary.
    pub fn key(self) -> &'static str {
        match self {
            Status::Empty => "empty",
            Status::NoTables => "no-tables",
            Status::Read => "read",
            Status::Refused => "refused",
            Status::Reading => "reading",
        }
    }
}

/// The summary: what was read, and how many findings of each severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub status: Status,
    pub title: Option<String>,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The format the tables were read in, when the report shows one.
    pub format: Option<Format>,
    /// The publication date, as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The six parts, with whether each was found.
    pub parts: Vec<(&'static str, bool)>,
    /// What the report was read from, in words ("粘贴的网页表格（HTML）").
    pub read_from: Option<&'static str>,
    /// Why a file was not read.
    pub refusal: Option<String>,
    /// What the reviewer calls the report (a file's name), to say which was not read.
    pub name: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// How many relations held, broke, or could not be checked, and why.
    pub coverage: Coverage,
}

/// How much was checked: the relations counted, and those not checked by reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub total: usize,
    pub held: usize,
    pub broken: usize,
    pub unchecked: usize,
    /// The relations not checked, grouped by why ("有空白格"), each with the cells that
    /// kept it from being checked.
    pub reasons: Vec<(&'static str, Vec<UncheckedView>)>,
}

/// A relation that could not be checked, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UncheckedView {
    /// "表三「一、本年新收政府信息公开申请数量」行的总计".
    pub relation: String,
    pub chips: Vec<Chip>,
    /// How many more cells than `chips` shows.
    pub more: usize,
}

impl Coverage {
    /// The counts in one line: "勾稽关系 42 个：7 个相符，0 个不符，35 个未能核对".
    pub fn line(&self) -> String {
        if self.unchecked == 0 && self.broken == 0 {
            return format!("勾稽关系 {} 个，全部相符", self.total);
        }
        format!("勾稽关系 {} 个：{} 个相符，{} 个不符，{} 个未能核对", self.total, self.held, self.broken, self.unchecked)
    }
}

/// Everything the page shows about the report shown, but the selected cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageView {
    pub summary: Summary,
    pub tables: Vec<TableView>,
    pub findings: Vec<FindingView>,
    /// What the report was read from, when that is not the text the text area shows, and
    /// for a PDF which pages gave no text.
    pub note: String,
    /// How many findings the reviewer confirmed, dismissed, and has not decided yet.
    pub decided: DecisionCounts,
}

impl PageView {
    /// The page with the reviewer's decisions on its findings: each finding carries its own,
    /// and they are counted.
    pub fn with_decisions(mut self, review: &review::Review) -> PageView {
        for finding in &mut self.findings {
            finding.decision = review.decision(&finding.id).cloned();
        }
        let count =
            |verdict: &str| self.findings.iter().filter(|f| f.decision.as_ref().is_some_and(|d| d.verdict.key() == verdict)).count();
        let (confirmed, dismissed) = (count("confirmed"), count("dismissed"));
        self.decided = DecisionCounts { confirmed, dismissed, undecided: self.findings.len() - confirmed - dismissed };
        self
    }
}

/// The decisions counted in one line: "已确认 3 · 已忽略 1 · 未处理 2".
pub fn decided_line(counts: DecisionCounts) -> String {
    format!("已确认 {} · 已忽略 {} · 未处理 {}", counts.confirmed, counts.dismissed, counts.undecided)
}

impl Default for PageView {
    /// The page with nothing entered yet.
    fn default() -> Self {
        let summary = Summary {
            status: Status::Empty,
            title: None,
            body: None,
            year: None,
            format: None,
            published: None,
            parts: Vec::new(),
            read_from: None,
            refusal: None,
            name: None,
            errors: 0,
            warnings: 0,
            infos: 0,
            coverage: Coverage::default(),
        };
        PageView { summary, tables: Vec::new(), findings: Vec::new(), note: String::new(), decided: DecisionCounts::default() }
    }
}

/// The page for a checked report; `shown` is what the text area holds, `name` what the
/// reviewer calls it (a file's name).
pub fn page(outcome: &Outcome, shown: &str, name: &str) -> PageView {
    let note = match &outcome.read_from {
        ReadFrom::PastedHtml => "已按粘贴的网页表格（HTML）读取；修改输入框后将按文字重新校验。".to_string(),
        ReadFrom::Html => "已按网页文件（HTML）读取；修改输入框后将按文字重新校验。".to_string(),
        ReadFrom::Docx => "已按 Word 文档（.docx）读取；修改输入框后将按文字重新校验。".to_string(),
        ReadFrom::Markup => "输入框中是网页的源代码，已按网页（HTML）读取其中的表格。".to_string(),
        ReadFrom::Pdf(pages) => {
            let read =
                format!("输入框中是从 PDF 文件（{} 页）的文字层提取的文字，已按它读取；修改输入框后将按文字重新校验。", pages.count());
            match pages.notice() {
                Some(notice) => format!("{read}注意：{notice}"),
                None => read,
            }
        }
        ReadFrom::Text | ReadFrom::Refused(_) | ReadFrom::Reading => String::new(),
    };
    // The text area shows what the spans point into when the report was read from its text.
    let text = outcome.read_from.in_text_area().then(|| shown_part(shown).0);
    let summary = Summary { name: Some(name.to_string()), ..summary(outcome, shown) };
    let findings = findings(&outcome.checked, text);
    let decided = DecisionCounts { undecided: findings.len(), ..DecisionCounts::default() };
    PageView { summary, tables: tables(&outcome.checked), findings, note, decided }
}

impl Summary {
    /// The counts in one line: "3 处错误 · 2 处提醒", "未发现错误 · 2 处提醒 · 12 个勾稽关系未能核对",
    /// or "未发现问题". It never reads as a clean bill when relations went unchecked.
    pub fn headline(&self) -> String {
        counts(self.errors, self.warnings, self.infos, self.coverage.unchecked)
    }

    /// How the counts read at a glance: `Ok` only when nothing was found and every relation
    /// was checked.
    pub fn tone(&self) -> Tone {
        Tone::of(self.errors, self.warnings, self.coverage.unchecked)
    }

    /// The result of an input that was not read, where the counts would stand:
    /// "未能读取“空表格.html”，原因见输入框下方", or "正在读取“甲.pdf”……" while it is being
    /// read; empty otherwise.
    pub fn refused_line(&self) -> String {
        match (self.status, &self.name) {
            (Status::Refused, Some(name)) => format!("未能读取“{name}”，原因见输入框下方"),
            (Status::Refused, None) => "未能读取，原因见输入框下方".to_string(),
            (Status::Reading, Some(name)) => format!("正在读取“{name}”……"),
            (Status::Reading, None) => "正在读取……".to_string(),
            _ => String::new(),
        }
    }
}

/// How a result reads at a glance: by its most serious finding, informational findings
/// leaving it `Ok`; relations left unchecked make it a `Warning` at least, so that it never
/// reads as a clean bill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Warning,
    Error,
}

impl Tone {
    /// `Error` with any error, else `Warning` with any warning or relation unchecked, else
    /// `Ok`.
    pub fn of(errors: usize, warnings: usize, unchecked: usize) -> Tone {
        match (errors, warnings + unchecked) {
            (0, 0) => Tone::Ok,
            (0, _) => Tone::Warning,
            _ => Tone::Error,
        }
    }

    /// The CSS class of a result in this tone.
    pub fn key(self) -> &'static str {
        match self {
            Tone::Ok => "ok",
            Tone::Warning => "warning",
            Tone::Error => "error",
        }
    }
}

/// "3 处错误 · 2 处提醒 · 1 处提示 · 12 个勾稽关系未能核对"; with nothing, "未发现问题". Without
/// errors, "未发现错误 · 2 处提醒": a reviewer asks first whether there are errors.
fn counts(errors: usize, warnings: usize, infos: usize, unchecked: usize) -> String {
    let mut parts: Vec<String> = [(errors, "错误"), (warnings, "提醒"), (infos, "提示")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} 处{what}"))
        .collect();
    if unchecked > 0 {
        parts.push(format!("{unchecked} 个勾稽关系未能核对"));
    }
    if parts.is_empty() {
        return "未发现问题".to_string();
    }
    if errors == 0 {
        parts.insert(0, "未发现错误".to_string());
    }
    parts.join(" · ")
}

/// The relations of a checked report, counted, with those not checked listed by reason.
pub fn coverage(checked: &Checked) -> Coverage {
    let tally = checked.relations();
    let format = checked.report.layout_format();
    let mut reasons: Vec<(&'static str, Vec<UncheckedView>)> = Vec::new();
    for why in [Why::Blank, Why::Unread, Why::Missing] {
        let list: Vec<UncheckedView> = tally
            .unchecked
            .iter()
            .filter(|u| u.why == why)
            .map(|u| {
                let chips: Vec<Chip> =
                    u.cells.iter().take(CHIPS).map(|c| Chip { key: *c, label: short_name(*c, format), primary: true }).collect();
                UncheckedView { relation: u.relation.describe(), more: u.cells.len() - chips.len(), chips }
            })
            .collect();
        if !list.is_empty() {
            reasons.push((why.label(), list));
        }
    }
    Coverage { total: tally.total(), held: tally.held, broken: tally.broken, unchecked: tally.unchecked.len(), reasons }
}

/// One of the three tables in the official layout, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableView {
    pub table: Table,
    /// Whether the report contains the table at all; an absent table is shown as a note.
    pub present: bool,
    /// "表三 收到和处理政府信息公开申请情况".
    pub caption: String,
    /// How many of `rows` are the table's header (`<thead>`).
    pub head_rows: usize,
    pub rows: Vec<RowView>,
}

/// One row of a table: label cells and value cells in grid order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowView {
    /// Header rows, 表二's block headings and column headings: labels only.
    pub head: bool,
    pub items: Vec<Item>,
}

/// A cell of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Label(Label),
    Value(CellView),
}

/// A label cell (`<th>`), with the spans the official layout gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
    /// A CSS class for labels drawn differently (the note, the vertical 三、本年度办理结果).
    pub class: &'static str,
}

/// One value cell as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellView {
    pub key: CellKey,
    /// The text shown: the number as read, the raw text of a blank cell, "?" for a cell
    /// that could not be read, nothing for a cell not found.
    pub text: String,
    pub state: CellState,
    /// How the findings mark the cell, if any error or warning involves it.
    pub mark: Option<Mark>,
    /// The numbers of the errors and warnings that point at it ("1,3"), shown as a badge.
    pub badge: Option<String>,
    /// The tooltip: the cell's name, its text in the input, and every finding on it.
    pub tip: String,
    /// How many grid columns the cell spans.
    pub colspan: u32,
    /// For a cell the reviewer corrected (已人工修改), its text as read ([`original_text`]).
    pub corrected: Option<String>,
}

/// What the report holds for a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    /// The cell was not found in the input.
    Missing,
    /// Present without a number ("", "-", "无").
    Blank,
    /// Present with a number.
    Number,
    /// Present, but its number could not be read.
    Unread,
}

impl CellState {
    /// The CSS class of a cell in this state.
    pub fn class(self) -> &'static str {
        match self {
            CellState::Missing => "cell missing",
            CellState::Blank => "cell blank",
            CellState::Number => "cell number",
            CellState::Unread => "cell unread",
        }
    }

    /// What the state means, for the tooltip and the cell panel.
    pub fn describe(self) -> &'static str {
        match self {
            CellState::Missing => "报告中没有读到这一格",
            CellState::Blank => "空白（未填数字，不等于 0）",
            CellState::Number => "数字",
            CellState::Unread => "无法读取为数字",
        }
    }
}

/// How findings mark a cell: by the most serious finding involving it, and whether any of
/// them names it as the primary cell. Informational findings do not mark cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub severity: Severity,
    pub primary: bool,
}

/// One finding, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingView {
    /// Its number in the list, from 1; the badges on cells use it.
    pub number: usize,
    pub rule: &'static str,
    /// The rule's short name ("表三行合计不符").
    pub title: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The names (`TABLE.ROW.COL`) of the cells it involves, primary ones first.
    pub cells: Vec<String>,
    /// The same cells as keys.
    pub keys: Vec<CellKey>,
    /// The first cells as buttons to jump to.
    pub chips: Vec<Chip>,
    /// How many more cells it involves than `chips` shows.
    pub more: usize,
    /// For a finding about the prose, where its words are in the text area (UTF-16 range).
    pub source: Option<(u32, u32)>,
    /// Its identity (`model::finding_ids`), which the reviewer's decision is kept under.
    pub id: String,
    /// The reviewer's decision on it ([`PageView::with_decisions`]).
    pub decision: Option<Decision>,
    /// For a finding across reports, the other report: its position among the reports
    /// compared (the open reports, in order) and the words of the button that opens it.
    pub other: Option<(usize, String)>,
}

/// A cell of a finding, as a short label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    pub key: CellKey,
    /// "（一）予以公开 · 总计".
    pub label: String,
    pub primary: bool,
}

/// How many cells a finding lists as buttons.
const CHIPS: usize = 8;

/// Everything about one cell, for the cell panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellDetail {
    pub key: CellKey,
    /// "表三「（一）予以公开」行「总计」列".
    pub name: String,
    pub text: String,
    pub state: CellState,
    /// The cell's text as it stood in the input.
    pub raw: Option<String>,
    /// The findings that involve it: number, severity, message.
    pub findings: Vec<(usize, Severity, String)>,
    /// What the other year's report holds in the cells a finding across reports compares it
    /// with: "2023 年度报告“a.txt”：表三「四、结转下年度继续办理」行「总计」列 = 5".
    pub others: Vec<String>,
    pub source: SourceView,
    /// For a cell the reviewer corrected (已人工修改), its text as read ([`original_text`]).
    pub corrected: Option<String>,
}

/// Where a cell's text stands in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceView {
    /// The line of the input around it.
    Excerpt(Excerpt),
    /// The input has no text positions (a .docx).
    NoPositions,
    /// The cell was not read, or has no position.
    Unknown,
}

/// A piece of the input around a cell's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The line number, from 1.
    pub line: usize,
    pub before: String,
    pub hit: String,
    pub after: String,
    /// Whether the input is HTML source (the excerpt is markup, not what the text area shows).
    pub html: bool,
    /// The cell's text in the text area, in UTF-16 code units (what `setSelectionRange`
    /// takes), when the text area shows what the spans point into.
    pub selection: Option<(u32, u32)>,
    /// The cell's text in the source, in bytes.
    pub span: (usize, usize),
    /// For a report read from a PDF, the page (from 1) the cell's text is on.
    pub page: Option<u32>,
}

/// How many characters of the line an excerpt shows on each side of the cell's text.
const EXCERPT_CHARS: usize = 60;

/// The summary of a checked report; `shown` is what the text area holds.
pub fn summary(outcome: &Outcome, shown: &str) -> Summary {
    let checked = &outcome.checked;
    let report = &checked.report;
    let count = |severity| checked.findings.iter().filter(|f| f.severity == severity).count();
    let status = if matches!(outcome.read_from, ReadFrom::Refused(_)) {
        Status::Refused
    } else if outcome.read_from == ReadFrom::Reading {
        Status::Reading
    } else if shown.trim().is_empty() {
        Status::Empty
    } else if Table::ALL.iter().any(|t| table_present(report, *t)) {
        Status::Read
    } else {
        Status::NoTables
    };
    let read_from = match outcome.read_from {
        _ if status == Status::Empty => None,
        ReadFrom::Text => Some("纯文本"),
        ReadFrom::Markup => Some("网页源代码（HTML）"),
        ReadFrom::PastedHtml => Some("粘贴的网页表格（HTML）"),
        ReadFrom::Html => Some("网页文件（HTML）"),
        ReadFrom::Docx => Some("Word 文档（.docx）"),
        ReadFrom::Pdf(_) => Some("PDF 文件的文字层"),
        ReadFrom::Refused(_) | ReadFrom::Reading => None,
    };
    Summary {
        status,
        title: report.title.clone(),
        body: report.body.clone(),
        year: report.year,
        format: report.format,
        published: report.published.as_ref().map(|d| d.value.to_string()),
        parts: Part::ALL.iter().map(|p| (p.label(), report.parts.contains_key(p))).collect(),
        read_from,
        refusal: match &outcome.read_from {
            ReadFrom::Refused(message) => Some(message.clone()),
            _ => None,
        },
        name: None,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        coverage: if status == Status::Read { coverage(checked) } else { Coverage::default() },
    }
}

/// The three tables in report order, in the official layout of the report's format.
pub fn tables(checked: &Checked) -> Vec<TableView> {
    let marks = marks(&checked.findings);
    Table::ALL.iter().map(|table| table_view(checked, &marks, *table)).collect()
}

/// The findings in the order the rules gave them, numbered from 1.
/// `text` is what the text area shows, when the spans point into it.
pub fn findings(checked: &Checked, text: Option<&str>) -> Vec<FindingView> {
    let format = checked.report.layout_format();
    let ids = finding_ids(&checked.findings);
    checked
        .findings
        .iter()
        .zip(ids)
        .enumerate()
        .map(|(i, (f, id))| {
            let rule = crate::rules::rule(f.rule);
            let chips: Vec<Chip> = f
                .cells
                .iter()
                .take(CHIPS)
                .map(|c| Chip { key: c.cell, label: short_name(c.cell, format), primary: c.role == Role::Primary })
                .collect();
            FindingView {
                number: i + 1,
                rule: f.rule,
                title: rule.map(|r| r.title).unwrap_or(""),
                severity: f.severity,
                message: f.message.clone(),
                cells: f.cells.iter().map(|c| c.cell.to_string()).collect(),
                keys: f.cells.iter().map(|c| c.cell).collect(),
                more: f.cells.len() - chips.len(),
                chips,
                source: f.source().zip(text).and_then(|(span, text)| {
                    (span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end))
                        .then(|| (utf16_len(&text[..span.start]), utf16_len(&text[..span.end])))
                }),
                id,
                decision: None,
                other: f.fact.other().map(|o| (o.index, format!("打开 {} 年度报告“{}”", o.year, o.name))),
            }
        })
        .collect()
}

/// How the findings mark each cell they involve.
pub fn marks(findings: &[Finding]) -> BTreeMap<CellKey, Mark> {
    let mut marks: BTreeMap<CellKey, Mark> = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.severity != Severity::Info) {
        for cell in &finding.cells {
            let primary = cell.role == Role::Primary;
            marks
                .entry(cell.cell)
                .and_modify(|m| {
                    // Severity orders Error before Warning: the smaller is the more serious.
                    m.severity = m.severity.min(finding.severity);
                    m.primary |= primary;
                })
                .or_insert(Mark { severity: finding.severity, primary });
        }
    }
    marks
}

/// Everything about `key` for the cell panel; `source` is the text the spans point into
/// (`None` for a .docx) and `shown` how many bytes of it the text area shows (`None` when
/// the text area shows something else, such as the text of an HTML page).
pub fn cell_detail(outcome: &Outcome, key: CellKey, source: Option<&str>, shown: Option<usize>) -> CellDetail {
    let checked = &outcome.checked;
    let cell = checked.report.cell(key);
    let (text, state) = shown_text(cell);
    let findings =
        checked.findings.iter().enumerate().filter(|(_, f)| f.involves(key)).map(|(i, f)| (i + 1, f.severity, f.message.clone())).collect();
    // A corrected cell's text is not in the input: the excerpt is of the text as read.
    let read = match checked.report.corrected.get(&key) {
        Some(original) => original.as_ref(),
        None => cell,
    };
    let source = match (read.and_then(|c| c.span), source) {
        (_, None) if read.is_some() => SourceView::NoPositions,
        (Some(span), Some(source))
            if span.end <= source.len() && source.is_char_boundary(span.start) && source.is_char_boundary(span.end) =>
        {
            let mut excerpt = excerpt(source, span.start, span.end, outcome.read_from.is_html(), shown.is_some_and(|s| span.end <= s));
            excerpt.page = outcome.read_from.pages().map(|pages| pages.page_at(span.start));
            SourceView::Excerpt(excerpt)
        }
        _ => SourceView::Unknown,
    };
    let corrected = checked.report.corrected.get(&key).map(|original| original_text(original.as_ref()));
    let format = checked.report.layout_format();
    let others = checked
        .findings
        .iter()
        .filter(|f| f.involves(key))
        .filter_map(|f| f.fact.other())
        .flat_map(|o| {
            o.cells.iter().map(move |(cell, value)| format!("{} 年度报告“{}”：{} = {value}", o.year, o.name, cell.describe(format)))
        })
        .collect();
    CellDetail { key, name: key.describe(format), text, state, raw: cell.map(|c| c.raw.clone()), findings, others, source, corrected }
}

/// A corrected cell's text as it was read, in words: "“1O”", "“”（空白）", "（未读到这一格）".
pub fn original_text(original: Option<&Cell>) -> String {
    match original {
        Some(cell) if cell.raw.trim().is_empty() => "“”（空白）".to_string(),
        Some(cell) => format!("“{}”", cell.raw.trim()),
        None => "（未读到这一格）".to_string(),
    }
}

/// The line of `source` around the bytes `start..end`, cut to `EXCERPT_CHARS` on each side.
pub fn excerpt(source: &str, start: usize, end: usize, html: bool, selectable: bool) -> Excerpt {
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let before: Vec<char> = source[line_start..start].chars().collect();
    let before: String = before[before.len().saturating_sub(EXCERPT_CHARS)..].iter().collect();
    let after: String = source[end..line_end].chars().take(EXCERPT_CHARS).collect();
    let line = source.as_bytes()[..start].iter().filter(|b| **b == b'\n').count() + 1;
    let selection = selectable.then(|| (utf16_len(&source[..start]), utf16_len(&source[..end])));
    Excerpt {
        line,
        before: before.trim_start().to_string(),
        hit: source[start..end].to_string(),
        after: after.trim_end().to_string(),
        html,
        selection,
        span: (start, end),
        page: None,
    }
}

/// The length of `text` in UTF-16 code units, as the text area counts.
pub fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

/// A short name of a cell for a button: "（一）予以公开 · 总计".
pub fn short_name(key: CellKey, format: Format) -> String {
    match key {
        CellKey::Proactive(row, col) => {
            let (row, col) = proactive_labels(format, row, col);
            format!("{row} · {col}")
        }
        CellKey::Requests(row, col) => format!("{} · {}", row.short_label(), col.label()),
        CellKey::Appeals(row, col) => format!("{} · {}", row.short_label(), col.label()),
    }
}

/// Whether the report contains `table`: its heading and layout were found, or any of its cells.
fn table_present(report: &Report, table: Table) -> bool {
    report.has_table(table) || report.cells.keys().any(|k| k.table() == table)
}

fn label(text: impl Into<String>, colspan: u32, rowspan: u32, class: &'static str) -> Item {
    Item::Label(Label { text: text.into(), colspan, rowspan, class })
}

fn head(items: Vec<Item>) -> RowView {
    RowView { head: true, items }
}

fn table_view(checked: &Checked, marks: &BTreeMap<CellKey, Mark>, table: Table) -> TableView {
    let report = &checked.report;
    let format = report.layout_format();
    let cell = |key: CellKey, colspan: u32| Item::Value(cell_view(checked, marks, key, colspan));
    let (head_rows, rows) = match table {
        Table::Proactive => (0, proactive_rows(format, &cell)),
        Table::Requests => (3, request_rows(report, &cell)),
        Table::Appeals => (3, appeal_rows(&cell)),
    };
    TableView {
        table,
        present: table_present(report, table),
        caption: format!("{} {}", table.short_name(), table.label()),
        head_rows,
        rows,
    }
}

/// 表二: per block, a heading row across the table, a row of column headings, the rows.
/// The grid is as wide as the blocks need for every value cell to span the same number of
/// grid columns within its block (3 in the 2021 format, where a block's one column spans
/// 3; 6 in the 2019 format, whose blocks have 3 or 2 columns).
fn proactive_rows(format: Format, cell: &dyn Fn(CellKey, u32) -> Item) -> Vec<RowView> {
    let blocks = proactive_layout(format);
    let grid = blocks.iter().fold(1, |g, b| lcm(g, b.columns.len() as u32));
    let mut rows = Vec::new();
    for block in blocks {
        let span = grid / block.columns.len() as u32;
        rows.push(head(vec![label(block.heading, grid + 1, 1, "section")]));
        let mut columns = vec![label(heading::CONTENT, 1, 1, "")];
        columns.extend(block.columns.iter().map(|(_, l)| label(*l, span, 1, "")));
        rows.push(head(columns));
        for (row, row_label) in block.rows {
            let mut items = vec![label(*row_label, 1, 1, "row-label")];
            items.extend(block.columns.iter().map(|(col, _)| cell(CellKey::Proactive(*row, *col), span)));
            rows.push(RowView { head: false, items });
        }
    }
    rows
}

/// 表三: the three header rows of the template, then the rows the report has
/// ([`Report::request_rows`]), their labels merged as the template merges them.
///
/// [`Report::request_rows`]: crate::model::Report::request_rows
fn request_rows(report: &Report, cell: &dyn Fn(CellKey, u32) -> Item) -> Vec<RowView> {
    let cols = RequestCol::ALL;
    let orgs: Vec<Item> = cols[1..cols.len() - 1].iter().map(|c| label(c.label(), 1, 1, "col")).collect();
    let mut rows = vec![
        head(vec![label(heading::REQUESTS_NOTE, 3, 3, "note"), label(heading::APPLICANTS, 7, 1, "")]),
        head(vec![
            label(RequestCol::NaturalPerson.label(), 1, 2, "col"),
            label(heading::ORGANISATIONS, 5, 1, ""),
            label(RequestCol::Total.label(), 1, 2, "col"),
        ]),
        head(orgs),
    ];
    let report_rows = report.request_rows();
    let in_outcomes = |r: &RequestRow| r.is_outcome() || *r == RequestRow::Total;
    let outcome_rows = report_rows.iter().filter(|r| in_outcomes(r)).count() as u32;
    let mut outcomes_labelled = false;
    let mut previous_group = None;
    for row in &report_rows {
        let mut items = Vec::new();
        if !in_outcomes(row) {
            items.push(label(row.label(), 3, 1, "row-label"));
        } else {
            if !outcomes_labelled {
                items.push(label(heading::OUTCOMES, 1, outcome_rows, "vertical"));
                outcomes_labelled = true;
            }
            match row.group() {
                None => items.push(label(row.label(), 2, 1, "row-label")),
                Some(group) => {
                    if previous_group != Some(group) {
                        let span = report_rows.iter().filter(|r| r.group() == Some(group)).count() as u32;
                        items.push(label(group.label(), 1, span, "group"));
                    }
                    items.push(label(row.label(), 1, 1, "row-label"));
                }
            }
        }
        previous_group = row.group();
        items.extend(cols.iter().map(|col| cell(CellKey::Requests(*row, *col), 1)));
        rows.push(RowView { head: false, items });
    }
    rows
}

/// 表四: the three header rows of the template and its one row of fifteen values.
fn appeal_rows(cell: &dyn Fn(CellKey, u32) -> Item) -> Vec<RowView> {
    let cols = || AppealCol::ALL.iter().map(|c| label(c.label(), 1, 1, "col"));
    let mut second: Vec<Item> = AppealCol::ALL.iter().map(|c| label(c.label(), 1, 2, "col")).collect();
    second.push(label(heading::LITIGATION_DIRECT, 5, 1, ""));
    second.push(label(heading::LITIGATION_AFTER_REVIEW, 5, 1, ""));
    let values = AppealRow::ALL
        .iter()
        .flat_map(|row| AppealCol::ALL.iter().map(move |col| CellKey::Appeals(*row, *col)))
        .map(|key| cell(key, 1))
        .collect();
    vec![
        head(vec![label(heading::REVIEW, 5, 1, ""), label(heading::LITIGATION, 10, 1, "")]),
        head(second),
        head(cols().chain(cols()).collect()),
        RowView { head: false, items: values },
    ]
}

fn cell_view(checked: &Checked, marks: &BTreeMap<CellKey, Mark>, key: CellKey, colspan: u32) -> CellView {
    let cell = checked.report.cell(key);
    let (text, state) = shown_text(cell);
    let mark = marks.get(&key).copied();
    let mut numbers = Vec::new();
    let mut tip = key.describe(checked.report.layout_format());
    match (state, cell) {
        (CellState::Number, _) | (_, None) => {}
        (_, Some(c)) => tip.push_str(&format!("\n{}：“{}”", state.describe(), c.raw.trim())),
    }
    if cell.is_none() {
        tip.push_str(&format!("\n{}", CellState::Missing.describe()));
    }
    for (i, f) in checked.findings.iter().enumerate().filter(|(_, f)| f.involves(key)) {
        // A badge where the finding points (its primary cells, or its first cell when it
        // names none); the other cells of its relation are only framed.
        let pointed = f.primary_cells().any(|c| c == key) || (f.primary_cells().next().is_none() && f.cells[0].cell == key);
        if f.severity != Severity::Info && pointed {
            numbers.push((i + 1).to_string());
        }
        tip.push_str(&format!("\n{}. {}：{}", i + 1, f.severity.label(), f.message));
    }
    let badge = (!numbers.is_empty()).then(|| numbers.join(","));
    let corrected = checked.report.corrected.get(&key).map(|original| original_text(original.as_ref()));
    if let Some(original) = &corrected {
        tip.push_str(&format!("\n已人工修改，原文：{original}"));
    }
    CellView { key, text, state, mark, badge, tip, colspan, corrected }
}

/// What a cell shows and its state.
fn shown_text(cell: Option<&Cell>) -> (String, CellState) {
    match cell.map(|c| (&c.value, c)) {
        None => (String::new(), CellState::Missing),
        Some((Value::Number(n), _)) => (n.to_string(), CellState::Number),
        Some((Value::Blank, c)) => (c.raw.trim().to_string(), CellState::Blank),
        Some((Value::Unread(_), _)) => ("?".to_string(), CellState::Unread),
    }
}

fn lcm(a: u32, b: u32) -> u32 {
    let gcd = |mut a: u32, mut b: u32| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    a / gcd(a, b) * b
}
