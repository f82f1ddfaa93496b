//! Realistic whole reports: the known tables (a [`Truth`]) with a title, page metadata,
//! preamble, part headings and prose as real bodies write them, printed in the shapes users
//! paste (text shapes through the variant suite's printer, HTML pages through [`html`]).

#![allow(dead_code)]

use std::collections::BTreeMap;

use nianbao::model::{
    AppealCol, AppealRow, CellKey, Format, ProactiveCol as PC, ProactiveRow as PR, RequestCol, RequestRow, proactive_layout,
};

use super::render::{self, Item, Shape, Style};
use super::truth::Truth;

// =======================================================================================
// Tables

/// An empty report of `format` on `year`.
pub fn truth(format: Format, year: i32) -> Truth {
    Truth { format, year, cells: BTreeMap::new() }
}

fn set(t: &mut Truth, key: CellKey, raw: &str) {
    if raw.is_empty() || matches!(raw, "-" | "—" | "/" | "无" | "－") {
        t.blank(key, raw);
    } else if let Some(value) = numeric(raw) {
        t.set(key, raw, &value);
    } else {
        t.unreadable(key, raw);
    }
}

/// The number a careful reader takes from a cell's text ("251000元" → 25.1 万元, "12件" → 12).
fn numeric(raw: &str) -> Option<String> {
    let s = raw.replace(',', "");
    if let Some(n) = s.strip_suffix("万元") {
        return Some(n.to_string());
    }
    if let Some(n) = s.strip_suffix('元') {
        let v: f64 = n.parse().ok()?;
        return Some(trim_decimal(v / 10_000.0));
    }
    let s = s.trim_end_matches(['件', '个', '项', '条']);
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    (!body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == '.')).then(|| s.to_string())
}

fn trim_decimal(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 表二 in the 2021 format: 规章 and 行政规范性文件 (制发, 废止, 现行有效), 行政许可, 行政处罚,
/// 行政强制 decisions and the 收费金额 in 万元, each as printed.
pub fn proactive_2021(
    t: &mut Truth,
    regulations: [&str; 3],
    normative: [&str; 3],
    licensing: &str,
    penalty: &str,
    coercion: &str,
    fees: &str,
) {
    for (row, values) in [(PR::Regulations, regulations), (PR::NormativeDocuments, normative)] {
        for (col, raw) in [PC::Issued, PC::Repealed, PC::InForce].into_iter().zip(values) {
            set(t, CellKey::Proactive(row, col), raw);
        }
    }
    set(t, CellKey::Proactive(PR::Licensing, PC::Decisions), licensing);
    set(t, CellKey::Proactive(PR::Penalty, PC::Decisions), penalty);
    set(t, CellKey::Proactive(PR::Coercion, PC::Decisions), coercion);
    set(t, CellKey::Proactive(PR::Fees, PC::Amount), fees);
}

/// 表二 in the 2019 format: (新制作, 新公开, 对外公开总数) for 规章 and 规范性文件; (上一年项目数量,
/// 本年增/减, 处理决定数量) for 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制; (上一年, 增减)
/// for 收费; (项目数量, 总金额) for 政府集中采购.
#[allow(clippy::too_many_arguments)]
pub fn proactive_2019(
    t: &mut Truth,
    regulations: [&str; 3],
    normative: [&str; 3],
    licensing: [&str; 3],
    other_services: [&str; 3],
    penalty: [&str; 3],
    coercion: [&str; 3],
    fees: [&str; 2],
    procurement: [&str; 2],
) {
    for (row, values) in [(PR::Regulations, regulations), (PR::NormativeDocuments, normative)] {
        for (col, raw) in [PC::Made, PC::Published, PC::TotalPublished].into_iter().zip(values) {
            set(t, CellKey::Proactive(row, col), raw);
        }
    }
    for (row, values) in [(PR::Licensing, licensing), (PR::OtherServices, other_services), (PR::Penalty, penalty), (PR::Coercion, coercion)]
    {
        for (col, raw) in [PC::PreviousItems, PC::Change, PC::Decisions].into_iter().zip(values) {
            set(t, CellKey::Proactive(row, col), raw);
        }
    }
    for (col, raw) in [PC::PreviousItems, PC::Change].into_iter().zip(fees) {
        set(t, CellKey::Proactive(PR::Fees, col), raw);
    }
    for (col, raw) in [PC::Items, PC::Amount].into_iter().zip(procurement) {
        set(t, CellKey::Proactive(PR::Procurement, col), raw);
    }
}

/// A consistent 表三: the outcome rows given (the format's other outcome rows are zeros), the
/// carried-over and carried-forward rows; 一、本年新收, （七）总计 and every 总计 follow.
pub fn requests(t: &mut Truth, outcomes: &[(RequestRow, [i64; 6])], carried_over: [i64; 6], carried_forward: [i64; 6]) {
    let given: BTreeMap<RequestRow, [i64; 6]> = outcomes.iter().copied().collect();
    let mut total = [0i64; 6];
    let mut rows = Vec::new();
    for row in RequestRow::rows_of(t.format).iter().copied().filter(|r| r.is_outcome()) {
        let v = given.get(&row).copied().unwrap_or([0; 6]);
        for j in 0..6 {
            total[j] += v[j];
        }
        rows.push((row, v));
    }
    for row in given.keys() {
        assert!(rows.iter().any(|(r, _)| r == row), "{row:?} is not a row of the {:?} format", t.format);
    }
    let new: [i64; 6] = std::array::from_fn(|j| total[j] + carried_forward[j] - carried_over[j]);
    assert!(new.iter().all(|n| *n >= 0), "carried over more than handled");
    let mut all = vec![(RequestRow::New, new), (RequestRow::CarriedOver, carried_over)];
    all.extend(rows);
    all.push((RequestRow::Total, total));
    all.push((RequestRow::CarriedForward, carried_forward));
    for (row, v) in all {
        for (j, col) in RequestCol::ALL.iter().enumerate() {
            let x = if j < 6 { v[j] } else { v.iter().sum() };
            t.num(CellKey::Requests(row, *col), &x.to_string());
        }
    }
}

/// A 2021-format 表三 printed with （六）其他处理 as one row, as some real reports do.
pub fn merge_other_rows(t: Truth) -> Truth {
    t.single_other_row()
}

/// A consistent 表四: (维持, 纠正, 其他, 尚未审结) per group; the totals follow.
pub fn appeals(t: &mut Truth, groups: [[i64; 4]; 3]) {
    for (row, g) in AppealRow::ALL.iter().zip(groups) {
        for (j, col) in AppealCol::ALL.iter().enumerate() {
            let x = if j < 4 { g[j] } else { g.iter().sum() };
            t.num(CellKey::Appeals(*row, *col), &x.to_string());
        }
    }
}

/// Prints every zero of the given 表三 columns as an empty cell (a department that leaves
/// the 法人 columns blank).
pub fn blank_zero_columns(t: &mut Truth, cols: &[RequestCol], marker: &str) {
    let keys: Vec<CellKey> =
        t.cells.iter().filter(|(k, p)| matches!(k, CellKey::Requests(_, c) if cols.contains(c)) && p.raw == "0").map(|(k, _)| *k).collect();
    for k in keys {
        t.blank(k, marker);
    }
}

/// Changes one printed cell (a genuine error put into a correct report).
pub fn misprint(t: &mut Truth, cell: &str, raw: &str) {
    set(t, super::truth::cell(cell), raw);
}

/// The number printed in a cell.
pub fn value(t: &Truth, cell: &str) -> i64 {
    t.get(super::truth::cell(cell)).number().and_then(|d| d.to_i64()).unwrap_or_else(|| panic!("{cell} holds no number"))
}

// =======================================================================================
// Documents

/// One piece of a whole report.
#[derive(Clone, Debug)]
pub enum Block {
    /// The title line(s).
    Title(String),
    /// A line of page metadata ("发布日期：2024-01-20"), printed as is.
    Meta(String),
    /// A part heading, as printed.
    Heading(String),
    /// A paragraph of prose.
    Para(String),
    /// A table of the report.
    Table(nianbao::model::Table),
    /// Website chrome (navigation, footer), printed as is.
    Chrome(String),
    /// A page break in a PDF: page number, and 表三's header repeated on the next page when
    /// `repeat_header`.
    PageBreak { marker: String },
    /// Rows of 表三 up to (not including) this row are on one page, the rest on the next page
    /// under a repeated header (only meaningful right after `Table(Requests)`).
    SplitRequestsBefore { row: RequestRow, marker: String, repeat_header: bool },
}

/// A whole report.
#[derive(Clone, Debug)]
pub struct Doc {
    pub truth: Truth,
    pub blocks: Vec<Block>,
}

/// The standard part headings.
pub const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

impl Doc {
    pub fn new(truth: Truth) -> Doc {
        Doc { truth, blocks: Vec::new() }
    }

    pub fn title(mut self, s: &str) -> Doc {
        self.blocks.push(Block::Title(s.to_string()));
        self
    }

    pub fn meta(mut self, s: &str) -> Doc {
        self.blocks.push(Block::Meta(s.to_string()));
        self
    }

    pub fn chrome(mut self, s: &str) -> Doc {
        self.blocks.push(Block::Chrome(s.to_string()));
        self
    }

    pub fn heading(mut self, s: &str) -> Doc {
        self.blocks.push(Block::Heading(s.to_string()));
        self
    }

    pub fn para(mut self, s: &str) -> Doc {
        self.blocks.push(Block::Para(s.to_string()));
        self
    }

    pub fn table(mut self, table: nianbao::model::Table) -> Doc {
        self.blocks.push(Block::Table(table));
        self
    }

    pub fn page(mut self, marker: &str) -> Doc {
        self.blocks.push(Block::PageBreak { marker: marker.to_string() });
        self
    }

    /// Puts 表三's rows from `row` on the next page of a PDF, under its header repeated
    /// (`repeat_header`) as Word repeats a table's header rows on every page.
    pub fn split_requests_before(mut self, row: RequestRow, marker: &str, repeat_header: bool) -> Doc {
        let at = self.blocks.iter().position(|b| matches!(b, Block::Table(nianbao::model::Table::Requests))).expect("表三");
        self.blocks.insert(at + 1, Block::SplitRequestsBefore { row, marker: marker.to_string(), repeat_header });
        self
    }

    /// The standard skeleton: headings 一 … 六 with the given prose, the tables under 二/三/四.
    pub fn standard(self, overview: &[&str], problems: &str, other: &str) -> Doc {
        let mut d = self.heading(HEADINGS[0]);
        for p in overview {
            d = d.para(p);
        }
        d.heading(HEADINGS[1])
            .table(nianbao::model::Table::Proactive)
            .heading(HEADINGS[2])
            .table(nianbao::model::Table::Requests)
            .heading(HEADINGS[3])
            .table(nianbao::model::Table::Appeals)
            .heading(HEADINGS[4])
            .para(problems)
            .heading(HEADINGS[5])
            .para(other)
    }

    /// Replaces the printed heading `from` with `to` (or removes it when `to` is empty).
    pub fn rename_heading(mut self, from: &str, to: &str) -> Doc {
        let at =
            self.blocks.iter().position(|b| matches!(b, Block::Heading(h) if h == from)).unwrap_or_else(|| panic!("no heading {from}"));
        if to.is_empty() {
            self.blocks.remove(at);
        } else {
            self.blocks[at] = Block::Heading(to.to_string());
        }
        self
    }

    /// Inserts blocks before the heading `before`.
    pub fn insert_before(mut self, before: &str, blocks: Vec<Block>) -> Doc {
        let at =
            self.blocks.iter().position(|b| matches!(b, Block::Heading(h) if h == before)).unwrap_or_else(|| panic!("no heading {before}"));
        for (i, b) in blocks.into_iter().enumerate() {
            self.blocks.insert(at + i, b);
        }
        self
    }

    /// Removes a table, keeping its heading.
    pub fn without_table(mut self, table: nianbao::model::Table) -> Doc {
        self.blocks.retain(|b| !matches!(b, Block::Table(t) if *t == table));
        self.truth = self.truth.without_table(table);
        self
    }

    /// Inserts prose right after the heading `heading`.
    pub fn para_after_heading(mut self, heading: &str, text: &str) -> Doc {
        let at = self
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(h) if h == heading))
            .unwrap_or_else(|| panic!("no heading {heading}"));
        self.blocks.insert(at + 1, Block::Para(text.to_string()));
        self
    }

    /// Inserts prose right after a table's heading, before the table.
    pub fn para_before_table(mut self, table: nianbao::model::Table, text: &str) -> Doc {
        let at = self.blocks.iter().position(|b| matches!(b, Block::Table(t) if *t == table)).expect("table");
        self.blocks.insert(at, Block::Para(text.to_string()));
        self
    }

    /// Inserts prose right after a table.
    pub fn para_after_table(mut self, table: nianbao::model::Table, text: &str) -> Doc {
        let at = self.blocks.iter().position(|b| matches!(b, Block::Table(t) if *t == table)).expect("table");
        self.blocks.insert(at + 1, Block::Para(text.to_string()));
        self
    }

    // -----------------------------------------------------------------------------------
    // Text shapes

    /// The report as text in `style`'s shape. Prose is wrapped at `wrap` characters in the
    /// PDF shape, as a PDF text extraction breaks lines.
    pub fn text(&self, style: &Style) -> String {
        let mut items: Vec<Item> = Vec::new();
        let pdf = matches!(style.shape, Shape::Pdf | Shape::SingleSpace);
        let mut iter = self.blocks.iter().peekable();
        while let Some(block) = iter.next() {
            match block {
                Block::Title(s) => {
                    if pdf {
                        // A PDF centres a long title on two lines, the body's name first.
                        match s.find(|c: char| c.is_ascii_digit()) {
                            Some(at) if at > 0 => {
                                items.push(Item::Text(format!("            {}", &s[..at])));
                                items.push(Item::Text(format!("      {}", &s[at..])));
                            }
                            _ => items.push(Item::Text(format!("      {s}"))),
                        }
                    } else {
                        items.push(Item::Text(s.clone()));
                    }
                }
                Block::Meta(s) | Block::Chrome(s) | Block::Heading(s) => items.push(Item::Text(s.clone())),
                Block::Para(s) => {
                    if pdf {
                        for (i, l) in wrap_prose(s, 30).into_iter().enumerate() {
                            items.push(Item::Text(if i == 0 { format!("  {l}") } else { l }));
                        }
                    } else {
                        items.push(Item::Text(s.clone()));
                    }
                }
                Block::Table(table) => {
                    let mut table_items = match table {
                        nianbao::model::Table::Proactive => render::proactive_items(&self.truth, style),
                        nianbao::model::Table::Requests => render::request_items(&self.truth, style),
                        nianbao::model::Table::Appeals => render::appeal_items(&self.truth, style),
                    };
                    if let Some(Block::SplitRequestsBefore { row, marker, repeat_header }) = iter.peek() {
                        let label = style.labels.row(row.label());
                        let at = table_items
                            .iter()
                            .position(|i| match i {
                                Item::Row { labels, .. } => labels.contains(&label),
                                _ => false,
                            })
                            .expect("split row");
                        // The group label line before the row moves with it.
                        let at = if at > 0 && matches!(table_items[at - 1], Item::Text(_)) { at - 1 } else { at };
                        let mut tail = table_items.split_off(at);
                        table_items.push(Item::PageBreak { marker: marker.clone(), running_header: None });
                        if *repeat_header {
                            let header: Vec<Item> = render::request_items(&self.truth, style).into_iter().take(3).collect();
                            table_items.extend(header);
                        }
                        table_items.append(&mut tail);
                        iter.next();
                    }
                    items.extend(table_items);
                }
                Block::PageBreak { marker } => items.push(Item::PageBreak { marker: marker.clone(), running_header: None }),
                Block::SplitRequestsBefore { .. } => panic!("a split must follow 表三"),
            }
        }
        render::print(&items, style)
    }

    /// The report's text as a browser copies a page: every table cell on its own line.
    pub fn browser(&self) -> String {
        self.text(&Style::new(Shape::OneCellPerLine))
    }

    /// As Word or WPS copies it: table rows with tab-separated cells, merged cells as empty
    /// fields.
    pub fn word(&self) -> String {
        self.text(&Style::new(Shape::Tabs).labels(|l| l.groups = render::Groups::MergedCells))
    }

    /// As `pdftotext -layout` prints it: columns aligned by display width, so that an empty
    /// cell keeps its place.
    pub fn pdf(&self) -> String {
        let columns = render::Columns { label: 60, cell: 9, right: true, display: false };
        self.text(&Style::new(Shape::Pdf).with(|s| s.columns = Some(columns)).labels(|l| l.wrap = Some(20)))
    }

    /// PDF text whose columns are separated by runs of spaces but not aligned (an empty cell
    /// leaves no trace).
    pub fn pdf_loose(&self) -> String {
        self.text(&Style::new(Shape::Pdf))
    }

    /// As a PDF text extraction without layout: single spaces between cells.
    pub fn pdf_raw(&self) -> String {
        self.text(&Style::new(Shape::SingleSpace))
    }

    /// As a PDF-to-markdown converter writes it.
    pub fn markdown(&self) -> String {
        self.text(&Style::new(Shape::Markdown))
    }

    /// As a crawler saves it: its own header lines (标题, 发布时间, …), then the body with
    /// no line breaks and no separators inside table rows.
    pub fn crawler(&self) -> String {
        let mut head = String::new();
        let mut body = Doc { truth: self.truth.clone(), blocks: Vec::new() };
        for b in &self.blocks {
            match b {
                Block::Title(s) => head.push_str(&format!("标题: {s}\n")),
                Block::Meta(s) => {
                    for label in ["发布日期", "发布时间"] {
                        if let Some(at) = s.find(label) {
                            let date: String = s[at + label.len()..].trim_start_matches(['：', ':', ' ']).chars().take(10).collect();
                            head.push_str(&format!("发布时间: {date} 15:07\n"));
                        }
                    }
                }
                Block::Chrome(_) => {}
                other => body.blocks.push(other.clone()),
            }
        }
        head.push_str("栏目: 政府信息公开年报\n==================== 正文 ====================\n");
        head.push_str(&body.text(&Style::new(Shape::Flattened).with(|s| s.flattened_space = true)));
        head
    }
}

/// Breaks prose into lines of `n` characters, as a PDF extraction does (mid-sentence).
pub fn wrap_prose(s: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = (start + n).min(chars.len());
        // Keep a number on one line.
        while end < chars.len() && end > start + 1 && chars[end].is_ascii_digit() && chars[end - 1].is_ascii_digit() {
            end -= 1;
        }
        out.push(chars[start..end].iter().collect());
        start = end;
    }
    out
}

// =======================================================================================
// HTML pages

/// HTML as a CMS page holds a report pasted from Word: navigation chrome, a metadata box,
/// the body in `<p>`s, tables in Word's markup with merged cells (rowspan/colspan).
pub fn html_page(doc: &Doc, page_title: &str) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!("<title>{page_title}</title>\n"));
    h.push_str("<link rel=\"stylesheet\" href=\"/css/style.css\">\n<script>var _hmt = _hmt || [];(function(){var hm=document.createElement('script');hm.src='https://hm.baidu.com/hm.js?123';})();</script>\n</head>\n<body>\n");
    h.push_str(NAV);
    h.push_str("<div class=\"main\"><div class=\"article\">\n");
    for block in &doc.blocks {
        match block {
            Block::Title(s) => h.push_str(&format!("<h1 class=\"article-title\">{s}</h1>\n")),
            Block::Meta(s) => h.push_str(&format!("<div class=\"info\"><span>{s}</span></div>\n")),
            Block::Chrome(s) => h.push_str(&format!("<div class=\"chrome\">{s}</div>\n")),
            Block::Heading(s) => h.push_str(&format!(
                "<p class=\"MsoNormal\" style=\"text-indent:32.0pt\"><b><span style=\"font-family:黑体\">{s}</span></b></p>\n"
            )),
            Block::Para(s) => h.push_str(&format!(
                "<p class=\"MsoNormal\" style=\"text-indent:32.0pt;line-height:28.0pt\"><span style=\"font-family:仿宋_GB2312\">{s}</span></p>\n"
            )),
            Block::Table(t) => h.push_str(&html_table(&doc.truth, *t)),
            Block::PageBreak { .. } | Block::SplitRequestsBefore { .. } => {}
        }
    }
    h.push_str("</div></div>\n");
    h.push_str(FOOTER);
    h.push_str("</body>\n</html>\n");
    h
}

const NAV: &str = r#"<div class="top"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/jt">简体版</a> | <a href="/ft">繁體版</a> | 2024年3月20日 星期三</div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/zjxq">走进新区</a></li></ul></div>
<div class="left"><h3>政府信息公开</h3><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>法定主动公开内容</li><li>政府信息公开年报</li><li>依申请公开</li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">政府信息公开年报</a></div>
"#;

const FOOTER: &str = r#"<div class="share">【打印本页】【关闭窗口】 分享到：<a>微信</a><a>微博</a></div>
<div class="footer"><p>主办单位：某某区人民政府办公室 承办单位：某某区大数据中心</p><p>网站标识码：3208000012 苏ICP备05007295号-1 苏公网安备 32080402000123号</p><p>联系电话：0517-87290606 邮编：223100 建议使用1920*1080分辨率</p></div>
"#;

/// A table cell as the official layout merges it.
#[derive(Clone, Debug)]
pub struct GridCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

fn gc(text: &str, colspan: usize, rowspan: usize) -> GridCell {
    GridCell { text: text.to_string(), colspan, rowspan }
}

/// The rows of a table as the official template lays them out (merged cells once, in the
/// row where they start); "<br>" marks a line break inside a cell.
pub fn grid(t: &Truth, table: nianbao::model::Table) -> Vec<Vec<GridCell>> {
    let mut rows = Vec::new();
    match table {
        nianbao::model::Table::Proactive => {
            for block in proactive_layout(t.format) {
                rows.push(vec![gc(block.heading, 4, 1)]);
                let span = if block.columns.len() == 1 { 3 } else { 1 };
                let mut header = vec![gc("信息内容", 1, 1)];
                header.extend(block.columns.iter().map(|(_, l)| gc(l, span, 1)));
                rows.push(header);
                for (row, label) in block.rows {
                    let mut r = vec![gc(label, 1, 1)];
                    r.extend(block.columns.iter().map(|(col, _)| gc(t.raw(CellKey::Proactive(*row, *col)), span, 1)));
                    rows.push(r);
                }
            }
        }
        nianbao::model::Table::Requests => {
            rows.push(vec![gc("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), gc("申请人情况", 7, 1)]);
            rows.push(vec![gc("自然人", 1, 2), gc("法人或其他组织", 5, 1), gc("总计", 1, 2)]);
            rows.push(["商业<br>企业", "科研<br>机构", "社会公益组织", "法律服务机构", "其他"].iter().map(|l| gc(l, 1, 1)).collect());
            let present: Vec<RequestRow> =
                RequestRow::ALL.iter().copied().filter(|r| t.cells.contains_key(&CellKey::Requests(*r, RequestCol::Total))).collect();
            let outcome_count = present.iter().filter(|r| r.is_outcome() || **r == RequestRow::Total).count();
            let mut first_outcome = true;
            let mut seen_groups = Vec::new();
            for row in &present {
                let mut r = Vec::new();
                let in_outcomes = row.is_outcome() || *row == RequestRow::Total;
                if in_outcomes && first_outcome {
                    r.push(gc("三、本年度办理结果", 1, outcome_count));
                    first_outcome = false;
                }
                match row.group() {
                    Some(g) => {
                        if !seen_groups.contains(&g) {
                            let n = present.iter().filter(|r| r.group() == Some(g)).count();
                            r.push(gc(g.label(), 1, n));
                            seen_groups.push(g);
                        }
                        r.push(gc(row.label(), 1, 1));
                    }
                    None if in_outcomes => r.push(gc(row.label(), 2, 1)),
                    None => r.push(gc(row.label(), 3, 1)),
                }
                r.extend(RequestCol::ALL.iter().map(|col| gc(t.raw(CellKey::Requests(*row, *col)), 1, 1)));
                rows.push(r);
            }
        }
        nianbao::model::Table::Appeals => {
            let results = ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"];
            rows.push(vec![gc("行政复议", 5, 1), gc("行政诉讼", 10, 1)]);
            let mut r: Vec<GridCell> = results.iter().map(|l| gc(l, 1, 2)).collect();
            r.push(gc("未经复议直接起诉", 5, 1));
            r.push(gc("复议后起诉", 5, 1));
            rows.push(r);
            rows.push(results.iter().chain(results.iter()).map(|l| gc(l, 1, 1)).collect());
            rows.push(
                AppealRow::ALL
                    .iter()
                    .flat_map(|row| AppealCol::ALL.iter().map(move |col| CellKey::Appeals(*row, *col)))
                    .map(|k| gc(t.raw(k), 1, 1))
                    .collect(),
            );
        }
    }
    rows
}

fn td(cell: &GridCell) -> String {
    let mut attrs = String::new();
    if cell.colspan > 1 {
        attrs.push_str(&format!(" colspan=\"{}\"", cell.colspan));
    }
    if cell.rowspan > 1 {
        attrs.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
    }
    // Word's cell markup: a paragraph and a span inside every cell; an empty cell holds &nbsp;.
    let text = if cell.text.is_empty() { "&nbsp;" } else { cell.text.as_str() };
    format!(
        "<td{attrs} width=\"57\" valign=\"center\" style=\"border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt\"><p class=\"MsoNormal\" align=\"center\" style=\"text-align:center\"><span lang=\"EN-US\" style=\"font-size:10.5pt;font-family:宋体\">{text}<o:p></o:p></span></p></td>"
    )
}

fn html_table(t: &Truth, table: nianbao::model::Table) -> String {
    let mut h = String::from("<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"600\">\n<tbody>\n");
    for row in grid(t, table) {
        h.push_str("<tr>");
        for cell in &row {
            h.push_str(&td(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    h
}

// =======================================================================================
// .docx files

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn w_paragraph(text: &str, bold: bool) -> String {
    let props =
        if bold { "<w:rPr><w:b/><w:rFonts w:hint=\"eastAsia\"/></w:rPr>" } else { "<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>" };
    format!(
        "<w:p><w:pPr><w:ind w:firstLine=\"640\"/></w:pPr><w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

fn w_cell_content(text: &str) -> String {
    let runs: Vec<String> = text.split("<br>").map(|piece| format!("<w:r><w:t>{}</w:t></w:r>", xml_escape(piece))).collect();
    format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

/// A table in WordprocessingML: a rowspan becomes a vMerge restart and continue cells.
fn w_table(rows: &[Vec<GridCell>]) -> String {
    let width: usize = rows[0].iter().map(|c| c.colspan).sum();
    let mut out = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/></w:tblPr><w:tblGrid>");
    for _ in 0..width {
        out.push_str("<w:gridCol w:w=\"700\"/>");
    }
    out.push_str("</w:tblGrid>");
    let mut pending: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for row in rows {
        out.push_str("<w:tr>");
        let mut cells = row.iter();
        let mut col = 0;
        while col < width {
            if let Some(&(left, span)) = pending.get(&col) {
                let grid = if span > 1 { format!("<w:gridSpan w:val=\"{span}\"/>") } else { String::new() };
                out.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"700\" w:type=\"dxa\"/>{grid}<w:vMerge/></w:tcPr><w:p/></w:tc>"));
                if left == 1 {
                    pending.remove(&col);
                } else {
                    pending.insert(col, (left - 1, span));
                }
                col += span;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let mut props = String::from("<w:tcW w:w=\"700\" w:type=\"dxa\"/>");
            if cell.colspan > 1 {
                props.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.colspan));
            }
            if cell.rowspan > 1 {
                props.push_str("<w:vMerge w:val=\"restart\"/>");
                pending.insert(col, (cell.rowspan - 1, cell.colspan));
            }
            out.push_str(&format!("<w:tc><w:tcPr>{props}<w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>", w_cell_content(&cell.text)));
            col += cell.colspan;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// The report as a .docx's `word/document.xml` (the page's metadata and chrome are not in a
/// Word file).
pub fn document_xml(doc: &Doc) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
        match block {
            Block::Title(s) => body.push_str(&w_paragraph(s, true)),
            Block::Heading(s) => body.push_str(&w_paragraph(s, true)),
            Block::Para(s) => body.push_str(&w_paragraph(s, false)),
            Block::Table(t) => {
                body.push_str(&w_table(&grid(&doc.truth, *t)));
                body.push_str("<w:p/>");
            }
            Block::Meta(_) | Block::Chrome(_) | Block::PageBreak { .. } | Block::SplitRequestsBefore { .. } => {}
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// The report as a .docx file.
pub fn docx(doc: &Doc) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let xml = document_xml(doc);
    for (name, content) in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", xml.as_bytes())] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}
