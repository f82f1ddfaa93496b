//! Findings: what the checker reports, as plain data.
//!
//! A finding is a rule id, a severity, the cells it involves (one of them primary where the
//! checker can tell which cell is most likely wrong) and the typed facts it rests on. Its
//! one-line Chinese message is made from those facts in one place, `message.rs`.

use super::decimal::Decimal;
use super::report::{Claimed, Date, MixedFormat, Settlement, Span, TiedRow, UnreadReason};
use super::template::{AppealCol, AppealRow, CellKey, Format, Part, ProactiveRow, RequestCol, RequestRow, Table};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A stated or structural relation is broken.
    Error,
    /// Suspicious or incomplete: a blank total, a missing part, a late date.
    Warning,
    /// Worth knowing, not wrong.
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
            Severity::Info => "提示",
        }
    }
}

/// The part a cell plays in a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The cell most likely wrong: look here first.
    Primary,
    /// Another cell of the relation.
    Related,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Primary => "primary",
            Role::Related => "related",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub cell: CellKey,
    pub role: Role,
}

/// A relation of the official tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// 表三: a row's 总计 is the sum of its six applicant columns.
    RowTotal(RequestRow),
    /// 表三: a column's （七）总计 is the sum of its outcome rows.
    OutcomeTotal(RequestCol),
    /// 表三: 一 + 二 = （七）总计 + 四, per column.
    Balance(RequestCol),
    /// 表四: a group's 总计 is 维持 + 纠正 + 其他 + 尚未审结.
    AppealsTotal(AppealRow),
}

impl Relation {
    /// The line a cell of this relation stands in, across the relations of its kind: its
    /// column for a row relation, its row for a column relation.
    pub fn line_of(self, cell: CellKey) -> Option<Line> {
        match (self, cell) {
            (Relation::RowTotal(_), CellKey::Requests(_, col)) => Some(Line::RequestCol(col)),
            (Relation::OutcomeTotal(_) | Relation::Balance(_), CellKey::Requests(row, _)) => Some(Line::RequestRow(row)),
            (Relation::AppealsTotal(_), CellKey::Appeals(_, col)) => Some(Line::AppealCol(col)),
            _ => None,
        }
    }
}

/// A column or row of a table, as [`Relation::line_of`] gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    RequestCol(RequestCol),
    RequestRow(RequestRow),
    AppealCol(AppealCol),
}

impl Line {
    /// Its name in the table ("科研机构", "二、上年结转政府信息公开申请数量", "结果维持").
    pub fn label(self) -> String {
        match self {
            Line::RequestCol(col) => col.label().to_string(),
            Line::RequestRow(row) => row.short_label().to_string(),
            Line::AppealCol(col) => col.label().to_string(),
        }
    }
}

/// What the checker can say about which cell of a broken relation is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// A row relation and a column relation are both broken and cross at this cell.
    Crossing(CellKey),
    /// Two columns are off by +d and −d while the total column holds: d applications were
    /// probably counted in column `over` instead of `under`, in `row` when only one row fits.
    Misclassified { row: Option<RequestRow>, over: RequestCol, under: RequestCol, by: Decimal },
    /// Two adjacent single digits, joined, repair the relation: a cell split in a PDF copy.
    SplitCell { first: CellKey, second: CellKey, joined: Decimal },
}

/// The facts a finding rests on. Messages are formatted from these in `message.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    /// A total differs from the sum of its parts (every arithmetic relation but the balance).
    Sum { relation: Relation, parts: Vec<Decimal>, expected: Decimal, actual: Decimal, hint: Option<Hint> },
    /// 一 + 二 differs from （七）总计 + 四 in a 表三 column.
    Balance { col: RequestCol, new: Decimal, carried_over: Decimal, total: Decimal, carried_forward: Decimal, hint: Option<Hint> },
    /// A relation could not be checked because some of its cells are blank while others are not zero.
    BlankOperand {
        relation: Relation,
        blanks: Vec<CellKey>,
        /// The total, when it is not blank.
        total: Option<Decimal>,
        /// The sum of the parts that are not blank.
        parts_sum: Decimal,
    },
    /// Relations of one kind (表三 rows, or 表三 columns, or 表四 groups) that could not be
    /// checked, all for blanks in the same line across them: a column or a row left blank.
    BlankLine { relations: Vec<Relation>, blanks: Vec<CellKey> },
    /// A cell that may not be negative is.
    Negative { cell: CellKey, value: Decimal },
    /// A count has decimals.
    Fractional { cell: CellKey, value: Decimal },
    /// A cell's text could not be read as a number.
    Unreadable { cell: CellKey, raw: String, reason: UnreadReason },
    /// A row printed fewer numbers than it has columns.
    RowIncomplete { found: usize, expected: usize, raw: String },
    /// A table's numbers lost their order in copying.
    OrderLost { table: Table },
    /// A table is missing (or, `image`, published as a picture that cannot be read).
    TableMissing { table: Table, heading_present: bool, image: bool },
    /// Some rows of a table are missing.
    RowsMissing { table: Table, rows: Vec<String> },
    /// Every one of a table's `cells` is blank: the template left unfilled.
    TableBlank { table: Table, cells: usize },
    /// One of the six parts is missing.
    SectionMissing { part: Part },
    /// The tables are in the other format than the year calls for.
    FormatMismatch { year: i32, found: Format, expected: Format },
    /// The tables mix the two formats.
    FormatMixed { mixed: MixedFormat },
    /// Digits of several cells ran together; the split that the relations allow was taken.
    RunTogetherSplit { raw: String, values: Vec<Decimal>, splits: usize, settled_by: Settlement },
    /// Digits of several cells ran together and could not be split with certainty.
    RunTogetherAmbiguous { raw: String, splits: usize, fitting: usize, traceless_blanks: bool },
    /// Digits ran together, the table is wrong under every cut, and the cuts that break the
    /// fewest relations tie (`broken` each).
    RunTogetherInconsistent { rows: Vec<TiedRow>, broken: usize, complete: bool },
    /// Rows of a table whose digits ran together but could be cut only one way ("0000000").
    RunTogetherObvious { table: Table, rows: usize, example: String },
    /// Published after the deadline.
    LatePublication { published: Date, year: i32, deadline: Deadline },
    /// The years of the title, the statistics period and the publication date disagree.
    YearMismatch { title: Option<i32>, period: Option<i32>, published: Option<Date> },
    /// What the report says about itself was not found (its year, publication date, body),
    /// and the checks that were left undone, or done on an assumption, because of it.
    MetadataUnknown { year: bool, published: bool, body: bool, unchecked: Vec<SkippedCheck> },
    /// A figure in the prose differs from the table's.
    ProseMismatch {
        what: Claimed,
        quote: String,
        stated: Decimal,
        table: Decimal,
        /// Where the prose states the figure, in the input.
        span: Option<Span>,
    },
    /// 2019 表二: 上一年项目数量 + 本年增/减 < 0.
    ItemsNegative { row: ProactiveRow, previous: Decimal, change: Decimal },
    /// 2019 表二 采购总金额 without a unit.
    UnitMissing { raw: String },
    /// 表三 二、上年结转 differs from the previous year's 四、结转下年度继续办理 in some columns:
    /// for each, this report's 上年结转 and the other's 结转下年度.
    CarryOver { other: Other, columns: Vec<(RequestCol, Decimal, Decimal)> },
    /// 2021 表二: 现行有效件数 is not last year's plus this year's 制发 minus 废止.
    InForce { other: Other, row: ProactiveRow, previous: Decimal, issued: Decimal, repealed: Decimal, in_force: Decimal },
    /// 2019 表二: 上一年项目数量 is not last year's plus last year's 本年增/减.
    PreviousItems { other: Other, row: ProactiveRow, before: Decimal, change: Decimal, previous_items: Decimal },
    /// Tables whose numbers are those of the previous year's report, cell for cell;
    /// `numbers`: how many of them are not zero (what makes the sameness telling).
    SameAsPreviousYear { other: Other, tables: Vec<Table>, numbers: usize },
    /// Another report of the same body for the same year (`more`: how many besides `other`);
    /// `identical`: all of them have the same tables.
    DuplicateReport { other: Other, more: usize, identical: bool },
}

/// The other report a finding across reports compares with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Other {
    /// Its position among the reports compared (the digests given to `desk::Desk::new`).
    pub index: usize,
    /// What the reviewer calls it: its file's name.
    pub name: String,
    pub year: i32,
    /// Its issuing body as read, when written differently from this report's (the bodies
    /// were matched by their normalised names, `desk::bodies`); `None` when written the same.
    pub body: Option<String>,
    /// Its cells the finding compares with, each with its number there.
    pub cells: Vec<(CellKey, Decimal)>,
}

impl Fact {
    /// The other report, for a finding across reports.
    pub fn other(&self) -> Option<&Other> {
        match self {
            Fact::CarryOver { other, .. }
            | Fact::InForce { other, .. }
            | Fact::PreviousItems { other, .. }
            | Fact::SameAsPreviousYear { other, .. }
            | Fact::DuplicateReport { other, .. } => Some(other),
            _ => None,
        }
    }

    /// The other report, to be named anew (by its position among more reports).
    pub fn other_mut(&mut self) -> Option<&mut Other> {
        match self {
            Fact::CarryOver { other, .. }
            | Fact::InForce { other, .. }
            | Fact::PreviousItems { other, .. }
            | Fact::SameAsPreviousYear { other, .. }
            | Fact::DuplicateReport { other, .. } => Some(other),
            _ => None,
        }
    }

    /// What a finding without cells is about, to tell it from another of its rule: the part
    /// or table it finds missing, the figure of the prose, the year of the other report.
    fn subject(&self) -> Option<String> {
        match self {
            Fact::SectionMissing { part } => Some(part.key().to_string()),
            Fact::TableMissing { table, .. } | Fact::RowsMissing { table, .. } | Fact::RunTogetherObvious { table, .. } => {
                Some(table.key().to_string())
            }
            // Not `Debug`: the browser build formats no Debug output.
            Fact::ProseMismatch { what, .. } => Some(
                match what {
                    Claimed::NewRequests => "new_requests",
                    Claimed::CarriedOver => "carried_over",
                    Claimed::Reviews => "reviews",
                    Claimed::Suits => "suits",
                }
                .to_string(),
            ),
            Fact::SameAsPreviousYear { other, .. } | Fact::DuplicateReport { other, .. } => Some(other.year.to_string()),
            _ => None,
        }
    }
}

/// A check that depends on what the report says about itself, left undone (or done on an
/// assumption) because that was not found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkippedCheck {
    /// `format-mismatch`: whether the tables use the format the year calls for.
    FormatByYear,
    /// `year-mismatch`: whether the years of the title, the period and the date agree.
    Years,
    /// `late-publication`: whether the report was published by its deadline.
    Deadline,
    /// `late-publication` held the report to the departments' deadline (1月31日): the
    /// body, and so whether it is a 本级政府 report (3月31日), is unknown.
    DeadlineAssumed,
}

impl SkippedCheck {
    /// The id of the rule that makes the check.
    pub fn rule(self) -> &'static str {
        match self {
            SkippedCheck::FormatByYear => "format-mismatch",
            SkippedCheck::Years => "year-mismatch",
            SkippedCheck::Deadline | SkippedCheck::DeadlineAssumed => "late-publication",
        }
    }

    /// That rule's title, as the page lists its findings (the registry's, checked by a test
    /// of `rules::metadata_unknown`).
    pub fn rule_title(self) -> &'static str {
        match self {
            SkippedCheck::FormatByYear => "格式版本不符",
            SkippedCheck::Years => "年份不一致",
            SkippedCheck::Deadline | SkippedCheck::DeadlineAssumed => "发布时间晚于期限",
        }
    }
}

/// Which deadline of 条例第四十九条 a report is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// 1月31日: 县级以上人民政府部门 (and any body the checker cannot place).
    Departments,
    /// 3月31日: the 本级政府 report of a 县级以上地方人民政府.
    Government,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable id, e.g. `requests-row-total`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Every cell the finding involves, primary ones first, then in reading order.
    pub cells: Vec<CellRef>,
    pub fact: Fact,
    /// One line of plain Chinese carrying the numbers.
    pub message: String,
}

impl Finding {
    /// Builds a finding; the message is formatted from the facts for a report in `format`.
    pub fn new(rule: &'static str, severity: Severity, mut cells: Vec<CellRef>, fact: Fact, format: Format) -> Finding {
        super::sort_stable_by(&mut cells, |a, b| (a.role, a.cell).cmp(&(b.role, b.cell)));
        cells.dedup_by_key(|c| c.cell);
        let message = super::message::render(&fact, format);
        Finding { rule, severity, cells, fact, message }
    }

    /// The cells marked primary.
    pub fn primary_cells(&self) -> impl Iterator<Item = CellKey> + '_ {
        self.cells.iter().filter(|c| c.role == Role::Primary).map(|c| c.cell)
    }

    /// Where in the input the finding's words are, for a finding about the prose rather
    /// than about cells.
    pub fn source(&self) -> Option<Span> {
        match &self.fact {
            Fact::ProseMismatch { span, .. } => *span,
            _ => None,
        }
    }

    /// Whether the finding involves `cell`.
    pub fn involves(&self, cell: CellKey) -> bool {
        self.cells.iter().any(|c| c.cell == cell)
    }

    /// The finding's identity, stable across a new check of the same report (after a
    /// correction, say) and independent of its place in the list: the rule id, what it is
    /// about when that is not a cell (`@problems`, `@2023`), and the names of its cells in
    /// reading order, separated by spaces: `requests-row-total requests.new.natural_person
    /// requests.new.total`. A reviewer's decision is kept under it ([`finding_ids`] makes
    /// the ids of a list unique).
    pub fn id(&self) -> String {
        let mut id = self.rule.to_string();
        if let Some(subject) = self.fact.subject() {
            id.push_str(" @");
            id.push_str(&subject);
        }
        let mut cells: Vec<CellKey> = self.cells.iter().map(|c| c.cell).collect();
        // The shared sort: another copy of the standard sort would add kilobytes to the page.
        super::sort_stable_by(&mut cells, CellKey::cmp);
        for cell in cells {
            id.push(' ');
            cell.push_name(&mut id);
        }
        id
    }

    /// Where the finding sits in the report, for ordering findings as the tables read:
    /// by its first primary cell, else its first cell; findings without cells come first.
    pub fn anchor(&self) -> Option<CellKey> {
        self.primary_cells().min().or_else(|| self.cells.iter().map(|c| c.cell).min())
    }
}

/// The identities of a report's findings ([`Finding::id`]), in order; a finding whose id an
/// earlier one already has gets `#2`, `#3`… after it, so every id names one finding.
pub fn finding_ids(findings: &[Finding]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(findings.len());
    for finding in findings {
        let id = finding.id();
        let seen = ids.iter().filter(|earlier| earlier.split_once('#').map_or(earlier.as_str(), |(base, _)| base) == id).count();
        ids.push(if seen == 0 { id } else { format!("{id}#{}", seen + 1) });
    }
    ids
}
