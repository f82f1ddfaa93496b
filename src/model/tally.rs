//! How much was checked: the relations of a report that held, broke, or could not be checked,
//! and why not. Blank is not zero and an unread cell is not a pass, so a report whose
//! relations went unchecked never reads as a clean bill.

use super::finding::Relation;
use super::template::CellKey;

/// The relations of the report's 表三 and 表四, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub held: usize,
    pub broken: usize,
    /// The relations that could not be checked, in the order the tables read.
    pub unchecked: Vec<Unchecked>,
}

impl Tally {
    /// Every relation of the report.
    pub fn total(&self) -> usize {
        self.held + self.broken + self.unchecked.len()
    }

    /// How many relations could not be checked for `why`.
    pub fn unchecked_for(&self, why: Why) -> usize {
        self.unchecked.iter().filter(|u| u.why == why).count()
    }
}

/// A relation that could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unchecked {
    pub relation: Relation,
    pub why: Why,
    /// The cells that kept it from being checked (none for a table not found).
    pub cells: Vec<CellKey>,
}

/// Why a relation could not be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Why {
    /// A cell is blank (blank is not zero).
    Blank,
    /// A cell is present but its number could not be read.
    Unread,
    /// A cell, a row or the table was not found.
    Missing,
}

impl Why {
    /// Its key in the JSON export.
    pub fn key(self) -> &'static str {
        match self {
            Why::Blank => "blank",
            Why::Unread => "unread",
            Why::Missing => "missing",
        }
    }

    /// In words, as the page and the command line say it.
    pub fn label(self) -> &'static str {
        match self {
            Why::Blank => "有空白格",
            Why::Unread => "有未能读取的格",
            Why::Missing => "缺少格、行或表格",
        }
    }
}

impl Relation {
    /// The id of the rule that reports the relation broken.
    pub fn rule(self) -> &'static str {
        match self {
            Relation::RowTotal(_) => "requests-row-total",
            Relation::OutcomeTotal(_) => "requests-outcome-total",
            Relation::Balance(_) => "requests-balance",
            Relation::AppealsTotal(_) => "appeals-total",
        }
    }

    /// Which row or column of its table the relation is about: ("row", key) or ("column", key).
    pub fn place(self) -> (&'static str, &'static str) {
        match self {
            Relation::RowTotal(row) => ("row", row.key()),
            Relation::OutcomeTotal(col) | Relation::Balance(col) => ("column", col.key()),
            Relation::AppealsTotal(row) => ("row", row.key()),
        }
    }

    /// The relation in words ("表三「一、本年新收政府信息公开申请数量」行的总计").
    pub fn describe(self) -> String {
        match self {
            Relation::RowTotal(row) => format!("表三「{}」行的总计", row.short_label()),
            Relation::OutcomeTotal(col) => format!("表三「{}」列的（七）总计", col.label()),
            Relation::Balance(col) => format!("表三「{}」列的收支平衡", col.label()),
            Relation::AppealsTotal(row) => format!("表四{}的总计", row.short_label()),
        }
    }
}
