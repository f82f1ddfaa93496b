//! Renders a known report as the text a user pastes, in every shape and label style.
//!
//! A report is first laid out as logical items (headings, header cells, labelled rows of
//! values), independent of the shape; a shape then prints the items the way a browser copy,
//! a Word/WPS/Excel copy, a PDF text extraction, a markdown conversion or a flattened copy
//! would.

#![allow(dead_code)]

use nianbao::model::{AppealRow, CellKey, Format, ProactiveRow, RequestGroup, RequestRow, proactive_layout};

use super::truth::Truth;

/// A logical piece of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A line of prose or a heading.
    Text(String),
    /// A header row of a table: its cells' texts.
    Header(Vec<String>),
    /// A row: its label cells (empty strings for merged cells) and its values as printed.
    Row { labels: Vec<String>, values: Vec<String> },
    /// A row of values without a label (表四).
    Values(Vec<String>),
    /// A page break in a PDF: the page number line and an optional running header.
    PageBreak { marker: String, running_header: Option<String> },
}

/// How the text was copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A browser copy of many government pages: every cell on its own line.
    OneCellPerLine,
    /// Word/WPS/Excel: a row per line, cells separated by tabs, empty cells as empty fields.
    Tabs,
    /// PDF text extraction: columns separated by runs of spaces, blanks leave no trace.
    Pdf,
    /// Markdown or pipe-separated table rows.
    Markdown,
    /// Cells separated by single spaces (PDF text without layout, some browser copies).
    SingleSpace,
    /// Cells run together with no separator at all.
    Flattened,
}

/// Where a 表三 group label (（三）不予公开 …) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Groups {
    /// On its own line before its first row.
    OwnLineBefore,
    /// On its own line in the middle of its group (a vertically centred merged cell in a PDF).
    OwnLineMiddle,
    /// In the label cell(s) of its first row ("（四）无法提供  1.本机关不掌握…").
    InlineFirst,
    /// As a Word copy prints merged cells: the group in its own cell on the first row, empty
    /// cells on the others.
    MergedCells,
    /// Left out.
    Omitted,
    /// In the middle row's label cell, before the row's own label.
    InlineMiddleBefore,
    /// In the middle row's label cell, after the row's own label.
    InlineMiddleAfter,
}

/// How the labels are written.
#[derive(Clone, Debug)]
pub struct LabelStyle {
    /// Half-width punctuation: (一), (单位:万元).
    pub halfwidth: bool,
    /// The numbering of sub-items: "1." (template), "1、", "（1）", "1．".
    pub numbering: &'static str,
    /// The quotes around 三安全一稳定: ("“", "”"), ("\"", "\""), ("「", "」"), ("", "").
    pub quotes: (&'static str, &'static str),
    pub traditional: bool,
    /// Annotations after labels, as the 湖北 variant prints them.
    pub annotations: bool,
    /// Single spaces between the characters of row labels ("行 政 许 可").
    pub spaced: bool,
    /// Breaks labels longer than this many characters onto the next line.
    pub wrap: Option<usize>,
    /// Where the values of a wrapped label stand: on the label's first line, or on the line
    /// after its last (PDF shapes only).
    pub values_on_first_line: bool,
    /// The label printed for the 规范性文件 row, when not the format's own.
    pub normative_label: Option<&'static str>,
    pub groups: Groups,
    /// The 湖北 extra row 其他主动公开文件 under 第二十条第（一）项.
    pub extra_rows: bool,
    /// Labels on their own line and values on the next (PDF, Tabs).
    pub values_on_next_line: bool,
}

impl Default for LabelStyle {
    fn default() -> Self {
        LabelStyle {
            halfwidth: false,
            numbering: "1.",
            quotes: ("“", "”"),
            traditional: false,
            annotations: false,
            spaced: false,
            wrap: None,
            values_on_first_line: false,
            normative_label: None,
            groups: Groups::OwnLineBefore,
            extra_rows: false,
            values_on_next_line: false,
        }
    }
}

/// Everything about a rendering.
#[derive(Clone, Debug)]
pub struct Style {
    pub shape: Shape,
    pub labels: LabelStyle,
    /// Page breaks with page numbers between rows (every this many rows).
    pub page_breaks: Option<usize>,
    /// The page number markers used in turn.
    pub markers: &'static [&'static str],
    /// A running header repeated at the top of each page.
    pub running_header: bool,
    /// Empty trailing cells on markdown rows.
    pub trailing_cells: usize,
    /// A space between a flattened row's label and its digits (as some copies keep).
    pub flattened_space: bool,
    /// Prose in part 一 mentioning row labels with numbers.
    pub prose: bool,
    /// Website junk after the report.
    pub junk: bool,
    /// Numbering of the part headings: the official 二/三/四, or 一/二/三 as some reports print.
    pub misnumbered: bool,
    /// PDF: header cells broken across lines after this many characters, stacked as a PDF
    /// extraction prints them ("商业 科研" over "企业 机构").
    pub header_wrap: Option<usize>,
    /// PDF: columns aligned as `pdftotext -layout` prints them (one grid cell per character,
    /// CJK included): labels padded to `label` characters, each value in a cell of `cell`
    /// characters, right- or left-aligned; an empty cell is only spaces.
    pub columns: Option<Columns>,
}

#[derive(Clone, Copy, Debug)]
pub struct Columns {
    pub label: usize,
    pub cell: usize,
    pub right: bool,
    /// Align by display width (a wide character counts two) instead of by characters, as
    /// `pdftotext -layout` does (see the hongze sample: "规章" + 15 spaces and "行政规范性文件" +
    /// 10 spaces put the first number at the same character column).
    pub display: bool,
}

impl Style {
    pub fn new(shape: Shape) -> Style {
        Style {
            shape,
            labels: LabelStyle::default(),
            page_breaks: None,
            markers: &["-2-", "— 3 —", "- 4 -", "第 5 页", "－6－"],
            running_header: false,
            trailing_cells: 0,
            flattened_space: false,
            prose: false,
            junk: false,
            misnumbered: false,
            header_wrap: None,
            columns: None,
        }
    }

    pub fn labels(mut self, f: impl FnOnce(&mut LabelStyle)) -> Style {
        f(&mut self.labels);
        self
    }

    pub fn with(mut self, f: impl FnOnce(&mut Style)) -> Style {
        f(&mut self);
        self
    }
}

// ---------------------------------------------------------------------------------------
// Label text

const TRADITIONAL: &[(char, char)] = &[
    ('规', '規'),
    ('范', '範'),
    ('许', '許'),
    ('罚', '罰'),
    ('强', '強'),
    ('业', '業'),
    ('费', '費'),
    ('条', '條'),
    ('项', '項'),
    ('内', '內'),
    ('发', '發'),
    ('数', '數'),
    ('废', '廢'),
    ('现', '現'),
    ('处', '處'),
    ('决', '決'),
    ('额', '額'),
    ('单', '單'),
    ('万', '萬'),
    ('开', '開'),
    ('对', '對'),
    ('总', '總'),
    ('减', '減'),
    ('务', '務'),
    ('采', '採'),
    ('购', '購'),
    ('请', '請'),
    ('结', '結'),
    ('转', '轉'),
    ('办', '辦'),
    ('区', '區'),
    ('这', '這'),
    ('计', '計'),
    ('属', '屬'),
    ('于', '於'),
    ('国', '國'),
    ('稳', '穩'),
    ('护', '護'),
    ('权', '權'),
    ('类', '類'),
    ('过', '過'),
    ('执', '執'),
    ('询', '詢'),
    ('无', '無'),
    ('机', '機'),
    ('关', '關'),
    ('没', '沒'),
    ('补', '補'),
    ('后', '後'),
    ('确', '確'),
    ('访', '訪'),
    ('举', '舉'),
    ('报', '報'),
    ('诉', '訴'),
    ('获', '獲'),
    ('缴', '繳'),
    ('纳', '納'),
    ('继', '繼'),
    ('续', '續'),
    ('议', '議'),
    ('讼', '訟'),
    ('维', '維'),
    ('纠', '糾'),
    ('审', '審'),
    ('经', '經'),
    ('况', '況'),
    ('组', '組'),
    ('织', '織'),
    ('构', '構'),
    ('会', '會'),
    ('动', '動'),
    ('体', '體'),
    ('问', '問'),
    ('题', '題'),
    ('进', '進'),
    ('据', '據'),
    ('系', '係'),
    ('为', '為'),
    ('门', '門'),
    ('认', '認'),
    ('复', '復'),
];

/// Words whose traditional form is not the character-by-character one.
const TRADITIONAL_WORDS: &[(&str, &str)] = &[("重复", "重複"), ("制作", "製作"), ("复议", "復議")];

pub fn to_traditional(s: &str) -> String {
    let mut s = s.to_string();
    for (simp, trad) in TRADITIONAL_WORDS {
        s = s.replace(simp, trad);
    }
    s.chars().map(|c| TRADITIONAL.iter().find(|(a, _)| *a == c).map_or(c, |(_, t)| *t)).collect()
}

impl LabelStyle {
    /// Applies punctuation, numbering, quotes and characters to a label (headings included).
    pub fn text(&self, label: &str) -> String {
        let mut s = label.to_string();
        // Sub-item numbering: a leading "1." … "8.".
        if let Some(first) = s.chars().next().filter(char::is_ascii_digit)
            && s[1..].starts_with('.')
        {
            let rest = &s[2..];
            let n = match self.numbering {
                "1." => format!("{first}."),
                "1、" => format!("{first}、"),
                "（1）" => format!("（{first}）"),
                "(1)" => format!("({first})"),
                "1．" => format!("{first}．"),
                "1. " => format!("{first}. "),
                "1 、" => format!("{first} 、"),
                other => panic!("numbering {other}"),
            };
            s = format!("{n}{rest}");
        }
        s = s.replace('“', self.quotes.0).replace('”', self.quotes.1);
        if self.halfwidth {
            s = s.replace('（', "(").replace('）', ")").replace('：', ":").replace('，', ",");
        }
        if self.traditional {
            s = to_traditional(&s);
        }
        s
    }

    /// A row label: [`LabelStyle::text`] plus spacing inside it.
    pub fn row(&self, label: &str) -> String {
        let s = self.text(label);
        if self.spaced {
            let chars: Vec<char> = s.chars().collect();
            chars.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
        } else {
            s
        }
    }
}

// ---------------------------------------------------------------------------------------
// Logical layout of the report

const REQUESTS_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub fn part_heading(part: usize, style: &Style) -> String {
    let numerals = ["一", "二", "三", "四", "五", "六"];
    let titles = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ];
    let n = if style.misnumbered && (1..=3).contains(&part) { part - 1 } else { part };
    style.labels.text(&format!("{}、{}", numerals[n], titles[part]))
}

/// The 表二 items of `truth`.
pub fn proactive_items(truth: &Truth, style: &Style) -> Vec<Item> {
    let ls = &style.labels;
    let mut items = Vec::new();
    for block in proactive_layout(truth.format) {
        items.push(Item::Header(vec![ls.text(block.heading)]));
        let mut header = vec![ls.text("信息内容")];
        header.extend(block.columns.iter().map(|(_, l)| ls.text(l)));
        items.push(Item::Header(header));
        for (row, label) in block.rows {
            let mut label = label.to_string();
            if *row == ProactiveRow::NormativeDocuments
                && let Some(l) = ls.normative_label
            {
                label = l.to_string();
            }
            let mut label = ls.row(&label);
            if ls.annotations {
                label.push_str(&ls.text(annotation(*row, truth.format)));
            }
            let values = block.columns.iter().map(|(c, _)| truth.raw(CellKey::Proactive(*row, *c)).to_string()).collect();
            items.push(Item::Row { labels: vec![label], values });
            if *row == ProactiveRow::NormativeDocuments && ls.extra_rows {
                let extra: Vec<String> = ["186", "86", "1,300"][..block.columns.len()].iter().map(|s| s.to_string()).collect();
                items.push(Item::Row {
                    labels: vec![ls.text("其他主动公开文件（除规章、规范性文件以外的其他文件）")], values: extra
                });
            }
        }
    }
    items
}

fn annotation(row: ProactiveRow, format: Format) -> &'static str {
    match (row, format) {
        (ProactiveRow::Regulations, _) => "（设区的市、自治州人民政府应提供相关数据）",
        (ProactiveRow::NormativeDocuments, _) => "（行政机关制定发布的决定、公告、通告等一般情况下属于规范性文件）",
        (ProactiveRow::Licensing, Format::V2019) => "（指2020年办理的行政许可事项）",
        (ProactiveRow::OtherServices, _) => "（行政确认、行政奖励、行政裁决、行政给付等）",
        (ProactiveRow::Fees, _) => "（单位：项）",
        _ => "（本年度）",
    }
}

/// The label of a 表三 row without its group, as the template prints it.
fn request_label(row: RequestRow) -> &'static str {
    row.label()
}

/// The 表三 items of `truth`.
pub fn request_items(truth: &Truth, style: &Style) -> Vec<Item> {
    let ls = &style.labels;
    let mut items = vec![
        Item::Header(vec![ls.text(REQUESTS_NOTE), ls.text("申请人情况")]),
        Item::Header(vec![ls.text("自然人"), ls.text("法人或其他组织"), ls.text("总计")]),
        Item::Header(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].iter().map(|s| ls.text(s)).collect()),
    ];
    let rows: Vec<RequestRow> = truth
        .cells
        .keys()
        .filter_map(|k| if let CellKey::Requests(r, nianbao::model::RequestCol::NaturalPerson) = k { Some(*r) } else { None })
        .collect();
    // Groups: the outcome block 三、本年度办理结果 and the four sub-groups.
    let group_of = |row: RequestRow| -> Option<RequestGroup> { row.group() };
    let group_rows = |g: RequestGroup| -> Vec<RequestRow> { rows.iter().copied().filter(|r| group_of(*r) == Some(g)).collect() };
    let outcome_rows: Vec<RequestRow> = rows.iter().copied().filter(|r| r.is_outcome() || *r == RequestRow::Total).collect();
    for row in &rows {
        let label = ls.row(request_label(*row));
        // Group labels that go with this row.
        let mut prefix: Vec<String> = Vec::new(); // label cells before the row's own
        let mut own_line_before: Vec<String> = Vec::new();
        let outcome_first = outcome_rows.first() == Some(row);
        let outcome_middle = outcome_rows.get(outcome_rows.len() / 2) == Some(row);
        let outcome_label = ls.text("三、本年度办理结果");
        let group = group_of(*row);
        let members = group.map(group_rows).unwrap_or_default();
        let first_in_group = members.first() == Some(row);
        let middle_in_group = members.get(members.len() / 2) == Some(row);
        let group_label = group.map(|g| ls.text(g.label()));
        match ls.groups {
            Groups::OwnLineBefore => {
                if outcome_first {
                    own_line_before.push(outcome_label.clone());
                }
                if first_in_group {
                    own_line_before.extend(group_label.clone());
                }
            }
            Groups::OwnLineMiddle => {
                if outcome_middle {
                    own_line_before.push(outcome_label.clone());
                }
                if middle_in_group {
                    own_line_before.extend(group_label.clone());
                }
            }
            Groups::InlineFirst => {
                if outcome_first {
                    prefix.push(outcome_label.clone());
                }
                if first_in_group {
                    prefix.extend(group_label.clone());
                }
            }
            Groups::MergedCells => {
                if row.is_outcome() || *row == RequestRow::Total {
                    prefix.push(if outcome_first { outcome_label.clone() } else { String::new() });
                    if group.is_some() {
                        prefix.push(if first_in_group { group_label.clone().unwrap_or_default() } else { String::new() })
                    }
                }
            }
            Groups::Omitted => {}
            Groups::InlineMiddleBefore | Groups::InlineMiddleAfter => {
                if outcome_middle {
                    prefix.push(outcome_label.clone());
                }
                if middle_in_group {
                    prefix.extend(group_label.clone());
                }
            }
        }
        for g in own_line_before {
            items.push(Item::Text(g));
        }
        let mut labels = prefix;
        if ls.groups == Groups::InlineMiddleAfter {
            labels.insert(0, label);
        } else {
            labels.push(label);
        }
        items.push(Item::Row { labels, values: truth.request_row(*row) });
    }
    items
}

/// The 表四 items of `truth`.
pub fn appeal_items(truth: &Truth, style: &Style) -> Vec<Item> {
    let ls = &style.labels;
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut row2: Vec<String> = results.iter().map(|s| ls.text(s)).collect();
    row2.push(ls.text("未经复议直接起诉"));
    row2.push(ls.text("复议后起诉"));
    let row3: Vec<String> = results.iter().chain(results.iter()).map(|s| ls.text(s)).collect();
    let values: Vec<String> = AppealRow::ALL
        .iter()
        .flat_map(|r| nianbao::model::AppealCol::ALL.iter().map(move |c| CellKey::Appeals(*r, *c)))
        .map(|k| truth.raw(k).to_string())
        .collect();
    vec![Item::Header(vec![ls.text("行政复议"), ls.text("行政诉讼")]), Item::Header(row2), Item::Header(row3), Item::Values(values)]
}

/// The whole report as items: title, preamble, the six parts with the tables of `truth`.
pub fn report_items(truth: &Truth, style: &Style) -> Vec<Item> {
    let ls = &style.labels;
    let year = truth.year;
    let mut items = vec![
        Item::Text(ls.text(&format!("某某市某某局{year}年政府信息公开工作年度报告"))),
        Item::Text(format!("发布日期：{}-01-20", year + 1)),
        Item::Text(ls.text(&format!(
            "本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据统计期限为{year}年1月1日至{year}年12月31日。"
        ))),
        Item::Text(part_heading(0, style)),
    ];
    if style.prose {
        items.push(Item::Text(ls.text(&format!(
            "{year}年，本局主动公开政府信息2428条。本年新收政府信息公开申请95件，上年结转政府信息公开申请3件，予以公开40件，结转下年度继续办理2件。全年办理行政许可1234件、行政处罚56件，行政复议结果维持3件。"
        ))));
    } else {
        items.push(Item::Text(ls.text("本局认真贯彻落实条例，扎实推进政务公开工作。")));
    }
    type Build = fn(&Truth, &Style) -> Vec<Item>;
    let tables: [(usize, nianbao::model::Table, Build); 3] = [
        (1, nianbao::model::Table::Proactive, proactive_items),
        (2, nianbao::model::Table::Requests, request_items),
        (3, nianbao::model::Table::Appeals, appeal_items),
    ];
    for (part, table, build) in tables {
        items.push(Item::Text(part_heading(part, style)));
        if truth.table_cells(table).next().is_some() {
            items.extend(build(truth, style));
        } else {
            items.push(Item::Text(ls.text("本年度无相关情况。")));
        }
    }
    items.push(Item::Text(part_heading(4, style)));
    items.push(Item::Text(ls.text("一是公开内容还不够全面；二是解读形式比较单一。下一步将加以改进。")));
    items.push(Item::Text(part_heading(5, style)));
    items.push(Item::Text(ls.text("本年度未收取信息处理费。")));
    if style.junk {
        items.push(Item::Text("【打印本页】【关闭窗口】".to_string()));
        items.push(Item::Text("浏览次数：1234  分享到：".to_string()));
        items.push(Item::Text("主办单位：某某市人民政府办公室  联系电话：0517-87290606  邮编：223100".to_string()));
        items.push(Item::Text("网站标识码：3208000012  苏ICP备05007295号-1  苏公网安备 32080402000123号".to_string()));
        items.push(Item::Text("总访问量 5 0 0 1 2 3 4 5 6 7 8 9 10 11 12 13".to_string()));
    }
    if let Some(every) = style.page_breaks {
        items = insert_page_breaks(items, every, style);
    }
    items
}

fn insert_page_breaks(items: Vec<Item>, every: usize, style: &Style) -> Vec<Item> {
    let mut out = Vec::new();
    let mut rows = 0;
    let mut page = 0;
    for item in items {
        let is_row = matches!(item, Item::Row { .. });
        out.push(item);
        if is_row {
            rows += 1;
            if rows % every == 0 {
                let marker = style.markers[page % style.markers.len()].to_string();
                page += 1;
                let running_header = style.running_header.then(|| "某某市某某局政府信息公开工作年度报告".to_string());
                out.push(Item::PageBreak { marker, running_header });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Shapes

/// Breaks `s` into lines of at most `at` characters, if it is longer; a run of digits is
/// never broken (line breaking keeps a number together), nor left alone on a line.
fn wrap(s: &str, at: Option<usize>) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let Some(n) = at.filter(|n| chars.len() > *n) else { return vec![s.to_string()] };
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut lines = Vec::new();
    let mut start = 0;
    while chars.len() - start > n {
        let mut end = start + n;
        while end > start + 1 && digit(end) && digit(end - 1) {
            end -= 1;
        }
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

/// Prints items in a shape.
pub fn print(items: &[Item], style: &Style) -> String {
    let mut out = String::new();
    let ls = &style.labels;
    let mut first_header_of_table = true;
    for item in items {
        match style.shape {
            Shape::OneCellPerLine => match item {
                Item::Text(t) => line(&mut out, t),
                Item::Header(cells) => {
                    for c in cells {
                        for piece in wrap(c, ls.wrap) {
                            line(&mut out, &piece);
                        }
                    }
                }
                Item::Row { labels, values } => {
                    for l in labels.iter().filter(|l| !l.is_empty()) {
                        for piece in wrap(l, ls.wrap) {
                            line(&mut out, &piece);
                        }
                    }
                    for v in values {
                        line(&mut out, v);
                    }
                }
                Item::Values(values) => {
                    for v in values {
                        line(&mut out, v);
                    }
                }
                Item::PageBreak { .. } => {}
            },
            Shape::Tabs => match item {
                Item::Text(t) => line(&mut out, t),
                Item::Header(cells) => line(&mut out, &cells.join("\t")),
                Item::Row { labels, values } => {
                    // A line break inside a cell stays inside that cell's text.
                    let label = labels.iter().map(|l| wrap(l, ls.wrap).join("\n")).collect::<Vec<_>>().join("\t");
                    if ls.values_on_next_line {
                        line(&mut out, &label);
                        line(&mut out, &values.join("\t"));
                    } else {
                        line(&mut out, &format!("{label}\t{}", values.join("\t")));
                    }
                }
                Item::Values(values) => line(&mut out, &values.join("\t")),
                Item::PageBreak { .. } => {}
            },
            Shape::Markdown => match item {
                Item::Text(t) => {
                    first_header_of_table = true;
                    line(&mut out, t);
                }
                Item::Header(cells) => {
                    let cells: Vec<String> = cells.iter().map(|c| wrap(c, ls.wrap).join("<br>")).collect();
                    line(&mut out, &pipe_row(&cells, style.trailing_cells));
                    if first_header_of_table {
                        line(&mut out, &rule(cells.len() + style.trailing_cells));
                        first_header_of_table = false;
                    }
                }
                Item::Row { labels, values } => {
                    let mut cells: Vec<String> = labels.iter().map(|l| wrap(l, ls.wrap).join("<br>")).collect();
                    cells.extend(values.iter().cloned());
                    line(&mut out, &pipe_row(&cells, style.trailing_cells));
                }
                Item::Values(values) => line(&mut out, &pipe_row(values, style.trailing_cells)),
                Item::PageBreak { marker, running_header } => {
                    line(&mut out, marker);
                    if let Some(h) = running_header {
                        line(&mut out, h);
                    }
                    first_header_of_table = true;
                }
            },
            Shape::Pdf => match item {
                Item::Text(t) => line(&mut out, &format!("     {t}")),
                Item::Header(cells) => {
                    let stacked: Vec<Vec<String>> = cells.iter().map(|c| wrap(c, style.header_wrap)).collect();
                    let depth = stacked.iter().map(Vec::len).max().unwrap_or(0);
                    for k in 0..depth {
                        let parts: Vec<String> = stacked.iter().map(|p| p.get(k).cloned().unwrap_or_else(|| "  ".to_string())).collect();
                        line(&mut out, &format!("          {}", parts.join("     ")));
                    }
                    line(&mut out, "");
                }
                Item::Row { labels, values } => {
                    // Label cells side by side, each wrapping on its own: line k holds the
                    // k-th line of every cell.
                    let cells: Vec<Vec<String>> = labels.iter().filter(|l| !l.is_empty()).map(|l| wrap(l, ls.wrap)).collect();
                    let depth = cells.iter().map(Vec::len).max().unwrap_or(1);
                    let pieces: Vec<String> =
                        (0..depth).map(|k| cells.iter().filter_map(|c| c.get(k).cloned()).collect::<Vec<_>>().join("   ")).collect();
                    let vals = match style.columns {
                        Some(c) => aligned_values(values, c),
                        None => pdf_values(values),
                    };
                    let pieces: Vec<String> = match style.columns {
                        // The label column has a fixed width: the values start at the same place.
                        Some(c) => pieces.iter().map(|p| pad(p, c.label.saturating_sub(3 + 10), c.display)).collect(),
                        None => pieces,
                    };
                    if ls.values_on_next_line {
                        for p in &pieces {
                            line(&mut out, &format!("   {p}"));
                        }
                        line(&mut out, &format!("                              {vals}"));
                    } else if ls.values_on_first_line || pieces.len() == 1 {
                        line(&mut out, &format!("   {}          {vals}", pieces[0]));
                        for p in &pieces[1..] {
                            line(&mut out, &format!("   {p}"));
                        }
                    } else {
                        // Values on the label's last line.
                        for p in &pieces[..pieces.len() - 1] {
                            line(&mut out, &format!("   {p}"));
                        }
                        line(&mut out, &format!("   {}          {vals}", pieces[pieces.len() - 1]));
                    }
                }
                Item::Values(values) => line(&mut out, &format!(" {}", pdf_values(values))),
                Item::PageBreak { marker, running_header } => {
                    line(&mut out, "");
                    line(&mut out, &format!("                        {marker}"));
                    if let Some(h) = running_header {
                        line(&mut out, &format!("            {h}"));
                    }
                }
            },
            Shape::SingleSpace => match item {
                Item::Text(t) => line(&mut out, t),
                Item::Header(cells) => line(&mut out, &cells.join(" ")),
                Item::Row { labels, values } => {
                    let labels: Vec<String> = labels.iter().filter(|l| !l.is_empty()).cloned().collect();
                    let values: Vec<String> = values.iter().filter(|v| !v.is_empty()).cloned().collect();
                    if ls.values_on_next_line {
                        line(&mut out, &labels.join(" "));
                        line(&mut out, &values.join(" "));
                    } else {
                        let mut cells = labels;
                        cells.extend(values);
                        line(&mut out, &cells.join(" "));
                    }
                }
                Item::Values(values) => line(&mut out, &values.join(" ")),
                Item::PageBreak { marker, .. } => line(&mut out, marker),
            },
            Shape::Flattened => match item {
                Item::Text(t) => {
                    out.push_str(t);
                    out.push(' ');
                }
                Item::Header(cells) => out.push_str(&cells.concat()),
                Item::Row { labels, values } => {
                    out.push_str(&labels.concat());
                    if style.flattened_space {
                        out.push(' ');
                    }
                    out.push_str(&values.concat());
                }
                Item::Values(values) => {
                    out.push(' ');
                    out.push_str(&values.join(" "));
                    out.push(' ');
                }
                Item::PageBreak { .. } => {}
            },
        }
    }
    out
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn pipe_row(cells: &[String], trailing: usize) -> String {
    let mut s = String::from("|");
    for c in cells.iter().chain(std::iter::repeat_n(&String::new(), trailing)) {
        s.push(' ');
        s.push_str(c);
        s.push_str(" |");
    }
    s
}

fn rule(n: usize) -> String {
    format!("|{}", "---|".repeat(n))
}

fn pad(s: &str, width: usize, display: bool) -> String {
    let n: usize = if display { s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() } else { s.chars().count() };
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn aligned_values(values: &[String], c: Columns) -> String {
    values
        .iter()
        .map(|v| {
            let n: usize = if c.display { v.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() } else { v.chars().count() };
            let room = c.cell.saturating_sub(n).max(2);
            if c.right { format!("{}{v}", " ".repeat(room)) } else { format!("{v}{}", " ".repeat(room)) }
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

fn pdf_values(values: &[String]) -> String {
    // Blank cells leave no trace in PDF text: only the run of spaces widens.
    values.iter().map(|v| if v.is_empty() { "    ".to_string() } else { v.clone() }).collect::<Vec<_>>().join("     ")
}

/// Renders a whole report.
pub fn render(truth: &Truth, style: &Style) -> String {
    print(&report_items(truth, style), style)
}

impl Shape {
    /// Whether an empty cell leaves a trace in this shape (an empty field between tabs or
    /// pipes). Elsewhere an empty cell vanishes, so blanks are printed with a marker.
    pub fn shows_empty_cells(self) -> bool {
        matches!(self, Shape::Tabs | Shape::Markdown)
    }
}

/// The known report as it can be printed in `shape`: blank cells printed empty where the
/// shape shows empty cells, else as "-".
pub fn printable(truth: &Truth, shape: Shape) -> Truth {
    let mut t = truth.clone();
    if !shape.shows_empty_cells() {
        for p in t.cells.values_mut() {
            if p.is_blank() && p.raw.is_empty() {
                p.raw = "-".to_string();
            }
        }
    }
    t
}
