//! The typed report: what the reader found in the input, cell by cell.

use std::collections::BTreeMap;
use std::fmt;

use super::decimal::Decimal;
use super::template::{CellKey, Format, Part, RequestRow, Table};

/// A byte range `[start, end)` in the input as given (the HTML source for HTML input).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A number, in the cell's unit: a count, or 万元 for money.
    Number(Decimal),
    /// Present but without a number: empty, "-", "—", "/", "无". Blank is not zero.
    Blank,
    /// Present, but its number could not be read with certainty.
    Unread(UnreadReason),
}

/// Why a cell that is present has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnreadReason {
    /// The text is neither a number nor a recognised blank ("1O", "十二", "2件3").
    NotANumber,
    /// Digits of several cells ran together and no single split satisfies the relations.
    RunTogether,
    /// The row printed fewer numbers than it has columns, so which column lacks one is unknown.
    RowIncomplete,
    /// The table's numbers lost their order in copying (see [`Note::OrderLost`]).
    OrderLost,
}

/// The unit written inside a cell, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// No unit written.
    None,
    /// 元; the value has been converted to 万元.
    Yuan,
    /// 万元.
    WanYuan,
    /// A counting word: 件, 个, 项, 条, 次.
    Count,
}

/// One cell as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub value: Value,
    /// The cell's text as it stood in the input.
    pub raw: String,
    /// Where `raw` stands in the input; `None` for inputs without text positions (.docx).
    pub span: Option<Span>,
    pub unit: Unit,
}

impl Cell {
    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.value == Value::Blank
    }
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A date, if it exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1900..=2200).contains(&year)).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A fact the reader found, with where it stands in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Option<Span>,
}

/// Where a table stood in the input and how it was laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRead {
    pub table: Table,
    /// The text the table was read from.
    pub span: Option<Span>,
    /// The format the table's own labels show, if they show one.
    pub format: Option<Format>,
    /// Rows the format has that were not found.
    pub missing_rows: Vec<String>,
}

/// What the reader noticed while reading, turned into findings by the reading rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// Digits of several cells ran together and exactly one split satisfies the relations.
    RunTogetherSplit {
        cells: Vec<CellKey>,
        raw: String,
        span: Option<Span>,
        /// How many ways the digits could be split at all.
        splits: usize,
        /// Which relations chose the split.
        settled_by: Settlement,
    },
    /// Digits of several cells ran together and could not be split with certainty: several
    /// cuts fit equally well (every relation they take part in holds under each), or there
    /// are too many to tell, or (表二, which states no relation) the one cut may hide an empty
    /// cell.
    RunTogetherAmbiguous {
        cells: Vec<CellKey>,
        raw: String,
        span: Option<Span>,
        /// How many ways the digits could be cut at all ([`crate::parse::runs::MAX_SPLITS`]
        /// or more: too many to list).
        splits: usize,
        /// How many cuts fit equally well (0: too many to tell).
        fitting: usize,
        /// Whether other rows of the table show that empty cells left no trace (fewer digits
        /// than cells): then this row may hold empty cells too, and no cut is certain.
        traceless_blanks: bool,
    },
    /// Digits ran together, no cut makes the table's relations hold, and the cuts that break
    /// the fewest of them tie: the table is wrong under every one of them. The rows the tied
    /// cuts disagree on are left unread (the cells they agree on are read).
    RunTogetherInconsistent {
        table: Table,
        /// The cells left unread.
        cells: Vec<CellKey>,
        /// The rows the tied cuts disagree on, with their cuts.
        rows: Vec<TiedRow>,
        /// How many relations each of the tied cuts breaks.
        broken: usize,
        /// Whether `rows` lists every tied cut (else more tie than were kept).
        complete: bool,
    },
    /// A row printed fewer numbers than it has columns.
    RowIncomplete { cells: Vec<CellKey>, found: usize, raw: String, span: Option<Span> },
    /// A table's numbers came out of their order in copying: the words between them (header
    /// fragments, a column's name before a number the order would put in another column)
    /// contradict a placement by order, or rows hold the numbers of several rows, as text
    /// copied from a PDF viewer in reading order brings a table's columns out as blocks.
    OrderLost { table: Table, span: Option<Span> },
    /// A part heading is present but its table is not (`heading`), or the table is not found
    /// at all. `image`: the part holds a picture where the table should be (a page that
    /// publishes its tables as images): present, but not readable.
    TableMissing { table: Table, heading: Option<Span>, image: bool },
    /// A table is present but some of its rows are not.
    RowsMissing { table: Table, rows: Vec<String> },
    /// The tables mix both formats, e.g. a 2021 表三 whose （六） is one row.
    MixedFormat { table: Table, detail: MixedFormat },
}

/// How the split of a run of digits was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settlement {
    /// The only split into the row's number of cells, taken whatever the arithmetic says.
    Unique,
    /// The row's own relation (总计 = the sum of the applicant columns, or a 表四 group total).
    RowRelation,
    /// The column relations of 表三 across rows.
    ColumnRelations,
    /// No split makes the relations hold; this one (with the other rows' splits) breaks the
    /// fewest, `broken`, and no other breaks as few.
    FewestBroken { broken: usize },
}

/// A row whose digits ran together, with the cuts that tie (see
/// [`Note::RunTogetherInconsistent`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TiedRow {
    /// The row's cells, in order.
    pub cells: Vec<CellKey>,
    pub raw: String,
    pub span: Option<Span>,
    /// The distinct cuts of the row among the tied readings, each the row's values.
    pub cuts: Vec<Vec<Decimal>>,
}

/// How a table mixes the two formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MixedFormat {
    /// A 2021-format 表三 prints （六）其他处理 as one row.
    SingleOtherRowIn2021,
    /// A 2019-format 表三 has the 2021 sub-rows of （六）.
    OtherSubRowsIn2019,
    /// 表二 and 表三 show different formats.
    TablesDisagree { proactive: Format, requests: Format },
}

/// The report as read: metadata, the six parts found, every table cell, and what was odd.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The format the tables are in (from the tables themselves; from the year when no table shows it).
    pub format: Option<Format>,
    /// The year the report is on.
    pub year: Option<i32>,
    pub title: Option<String>,
    /// The issuing body.
    pub body: Option<String>,
    /// The publication date the input states.
    pub published: Option<Located<Date>>,
    /// The year in the title, if any.
    pub title_year: Option<Located<i32>>,
    /// The year of the statistics period ("统计期限自2024年1月1日…"), if stated.
    pub period_year: Option<Located<i32>>,
    /// The part headings found, by part.
    pub parts: BTreeMap<Part, Option<Span>>,
    /// The tables found, by table.
    pub tables: BTreeMap<Table, TableRead>,
    /// Every cell found, in reading order.
    pub cells: BTreeMap<CellKey, Cell>,
    pub notes: Vec<Note>,
    /// Figures the prose states that the tables also hold ("共收到政府信息公开申请72件").
    pub claims: Vec<Claim>,
    /// The cells a reviewer corrected (已人工修改), each with the cell as it was read (`None`:
    /// not found). `cells` holds the corrected cell, which the rules read; the input is never
    /// changed (see `desk::correct`).
    pub corrected: BTreeMap<CellKey, Option<Cell>>,
}

/// A figure stated in the report's prose about something a table also counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub what: Claimed,
    pub value: Decimal,
    /// The words and the number as the prose put them.
    pub quote: String,
    pub span: Option<Span>,
}

/// What a figure in the prose counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Claimed {
    /// Applications received this year: 表三 一、本年新收, 总计.
    NewRequests,
    /// Applications carried over from last year: 表三 二、上年结转, 总计.
    CarriedOver,
    /// Administrative reviews: 表四 行政复议 总计.
    Reviews,
    /// Administrative suits: 表四 行政诉讼 总计 (both groups).
    Suits,
}

impl Report {
    /// Every place in the input the report points at: cells, tables, part headings, the
    /// dates and years it read, the prose's figures and the reader's notes.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let notes = self.notes.iter().filter_map(|note| match note {
            Note::RunTogetherSplit { span, .. }
            | Note::RunTogetherAmbiguous { span, .. }
            | Note::RowIncomplete { span, .. }
            | Note::OrderLost { span, .. } => *span,
            Note::TableMissing { heading, .. } => *heading,
            _ => None,
        });
        let tied = self.notes.iter().flat_map(|note| match note {
            Note::RunTogetherInconsistent { rows, .. } => rows.iter().filter_map(|r| r.span).collect(),
            _ => Vec::new(),
        });
        self.cells
            .values()
            .filter_map(|c| c.span)
            .chain(self.tables.values().filter_map(|t| t.span))
            .chain(self.parts.values().filter_map(|s| *s))
            .chain(self.published.iter().filter_map(|l| l.span))
            .chain(self.title_year.iter().filter_map(|l| l.span))
            .chain(self.period_year.iter().filter_map(|l| l.span))
            .chain(self.claims.iter().filter_map(|c| c.span))
            .chain(self.corrected.values().flatten().filter_map(|c| c.span))
            .chain(notes)
            .chain(tied)
    }

    /// Whether a reviewer corrected the cell.
    pub fn is_corrected(&self, key: CellKey) -> bool {
        self.corrected.contains_key(&key)
    }

    pub fn cell(&self, key: CellKey) -> Option<&Cell> {
        self.cells.get(&key)
    }

    /// The number in a cell, if the cell is present and holds one.
    pub fn number(&self, key: CellKey) -> Option<Decimal> {
        self.cells.get(&key).and_then(Cell::number)
    }

    /// Whether the table was found.
    pub fn has_table(&self, table: Table) -> bool {
        self.tables.contains_key(&table)
    }

    /// The format to lay the tables out in: the detected one, else the one the year calls for,
    /// else 2021.
    pub fn layout_format(&self) -> Format {
        self.format.or(self.year.map(Format::for_year)).unwrap_or(Format::V2021)
    }

    /// The 表三 rows the report has, in reading order: the format's rows, with the single
    /// （六） row in place of the three sub-rows when that is what the report printed.
    pub fn request_rows(&self) -> Vec<RequestRow> {
        let format = self.layout_format();
        let has_row = |row| self.cells.keys().any(|k| matches!(k, crate::model::CellKey::Requests(r, _) if *r == row));
        let single_other = has_row(RequestRow::Other);
        let sub_rows = [RequestRow::OtherNoCorrection, RequestRow::OtherUnpaidFee, RequestRow::OtherOther].into_iter().any(has_row);
        let mut rows: Vec<RequestRow> = RequestRow::rows_of(format).to_vec();
        match format {
            Format::V2021 if single_other && !sub_rows => {
                rows.retain(|r| !r.only_2021());
                let at = rows.iter().position(|r| *r == RequestRow::Total).unwrap_or(rows.len());
                rows.insert(at, RequestRow::Other);
            }
            Format::V2019 if sub_rows && !single_other => {
                rows.retain(|r| *r != RequestRow::Other);
                let at = rows.iter().position(|r| *r == RequestRow::Total).unwrap_or(rows.len());
                for (i, row) in [RequestRow::OtherNoCorrection, RequestRow::OtherUnpaidFee, RequestRow::OtherOther].into_iter().enumerate()
                {
                    rows.insert(at + i, row);
                }
            }
            _ => {}
        }
        rows
    }
}
