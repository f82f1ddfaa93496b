//! The overview of the open reports: a row per report (body, year, format, its findings
//! counted, relations not checked, decisions made), sorted by any column and filtered
//! (only those with errors, only those not yet decided). Plain data: `ui::doclist` draws it.

use std::cmp::Ordering;

use super::doc::{Outcome, ReadFrom};
use super::{Tone, table_present};
use crate::model::{Finding, Severity, Table};

/// One open report in the overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverviewRow {
    pub id: u32,
    /// What the reviewer calls it: the file name (its path in a folder), "粘贴的内容".
    pub name: String,
    /// The body the report is of, as read; `None` when not read.
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The template's year ("2019", "2021"), when the tables show one.
    pub format: Option<&'static str>,
    pub errors: usize,
    pub warnings: usize,
    /// Relations that could not be checked (blank or unread cells), when any table was read.
    pub unchecked: usize,
    /// Findings the reviewer decided on (confirmed or dismissed).
    pub decided: usize,
    /// Whether nothing of the report is known: the file could not be read at all, or its
    /// reading has not come yet (`reading`). Its counts are not shown, never as zeros.
    pub refused: bool,
    /// Whether the page is still reading it.
    pub reading: bool,
}

impl OverviewRow {
    /// A report's row; `decided` is how many of its findings the reviewer decided on.
    pub fn new(id: u32, name: String, outcome: &Outcome, decided: usize) -> OverviewRow {
        let checked = &outcome.checked;
        let count = |s| checked.findings.iter().filter(|f| f.severity == s).count();
        let any_table = Table::ALL.iter().any(|t| table_present(&checked.report, *t));
        OverviewRow {
            id,
            name,
            body: checked.report.body.clone(),
            year: checked.report.year,
            format: checked.report.format.map(|f| f.key()),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            unchecked: if any_table { checked.relations().unchecked.len() } else { 0 },
            decided,
            refused: !outcome.is_read(),
            reading: outcome.read_from == ReadFrom::Reading,
        }
    }

    /// The row with the findings across reports (`desk::Desk::findings`) counted too.
    pub fn with_findings_across(mut self, findings: &[Finding]) -> OverviewRow {
        self.errors += findings.iter().filter(|f| f.severity == Severity::Error).count();
        self.warnings += findings.iter().filter(|f| f.severity == Severity::Warning).count();
        self
    }

    /// Whether findings are left that the reviewer has not decided on.
    pub fn undecided(&self) -> bool {
        self.errors + self.warnings > self.decided
    }

    /// `ok`, `warning`, `error` or `refused`: how the row reads at a glance.
    pub fn class(&self) -> &'static str {
        if self.refused { "refused" } else { Tone::of(self.errors, self.warnings, self.unchecked).key() }
    }

    /// The row's text in `column`, as the overview shows it.
    pub fn text(&self, column: Column) -> String {
        let number = |n: usize| if self.refused { "—".to_string() } else { n.to_string() };
        match column {
            Column::Name => self.name.clone(),
            Column::Body => self.body.clone().unwrap_or_else(|| "—".to_string()),
            Column::Year => self.year.map_or_else(|| "—".to_string(), |y| format!("{y}年")),
            Column::Format => match (self.refused, self.format) {
                (true, _) if self.reading => "正在读取".to_string(),
                (true, _) => "无法读取".to_string(),
                (false, Some(f)) => format!("{f}年版"),
                (false, None) => "—".to_string(),
            },
            Column::Errors => number(self.errors),
            Column::Warnings => number(self.warnings),
            Column::Unchecked => number(self.unchecked),
            Column::Decided => number(self.decided),
        }
    }
}

/// A column of the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Body,
    Year,
    Format,
    Errors,
    Warnings,
    Unchecked,
    Decided,
}

impl Column {
    pub const ALL: [Column; 8] =
        [Column::Name, Column::Body, Column::Year, Column::Format, Column::Errors, Column::Warnings, Column::Unchecked, Column::Decided];

    /// The column's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Name => "报告",
            Column::Body => "单位",
            Column::Year => "年度",
            Column::Format => "格式",
            Column::Errors => "错误",
            Column::Warnings => "提醒",
            Column::Unchecked => "未核对",
            Column::Decided => "已处理",
        }
    }

    /// The column's `data-sort` name.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Body => "body",
            Column::Year => "year",
            Column::Format => "format",
            Column::Errors => "errors",
            Column::Warnings => "warnings",
            Column::Unchecked => "unchecked",
            Column::Decided => "decided",
        }
    }

    /// The column named `key`.
    pub fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// How two rows with values in this column compare (rows without one are put last by
    /// [`Arrangement::apply`]).
    fn compare(self, a: &OverviewRow, b: &OverviewRow) -> Ordering {
        fn known<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
            match (a, b) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => Ordering::Equal,
            }
        }
        let count = |f: fn(&OverviewRow) -> usize| known((!a.refused).then(|| f(a)), (!b.refused).then(|| f(b)));
        match self {
            Column::Name => a.name.cmp(&b.name),
            Column::Body => known(a.body.as_ref(), b.body.as_ref()),
            Column::Year => known(a.year, b.year),
            Column::Format => known(a.format, b.format),
            Column::Errors => count(|r| r.errors),
            Column::Warnings => count(|r| r.warnings),
            Column::Unchecked => count(|r| r.unchecked),
            Column::Decided => count(|r| r.decided),
        }
    }

    /// Whether a row lacks a value in this column.
    fn blank(self, row: &OverviewRow) -> bool {
        match self {
            Column::Name => false,
            Column::Body => row.body.is_none(),
            Column::Year => row.year.is_none(),
            Column::Format => row.format.is_none(),
            _ => row.refused,
        }
    }
}

/// How the overview is arranged: the column sorted by and its direction (none: the order the
/// reports were opened in), and the filters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Arrangement {
    pub sort: Option<(Column, bool)>,
    /// Only reports with errors (or that could not be read).
    pub only_errors: bool,
    /// Only reports with findings not yet decided on.
    pub only_undecided: bool,
}

impl Arrangement {
    /// Sorted by `column`: ascending first, descending when it already is ascending.
    pub fn sorted_by(self, column: Column) -> Arrangement {
        let descending = self.sort == Some((column, false));
        Arrangement { sort: Some((column, descending)), ..self }
    }

    /// `rows` filtered and sorted (stable: equal rows keep the order they were opened in).
    pub fn apply(self, rows: Vec<OverviewRow>) -> Vec<OverviewRow> {
        let mut rows: Vec<OverviewRow> = rows
            .into_iter()
            .filter(|r| !self.only_errors || r.errors > 0 || r.refused)
            .filter(|r| !self.only_undecided || r.undecided())
            .collect();
        if let Some((column, descending)) = self.sort {
            crate::model::order::sort_stable_by(&mut rows, |a, b| {
                // Rows without a value stay last either way.
                match (column.blank(a), column.blank(b)) {
                    (false, true) => Ordering::Less,
                    (true, false) => Ordering::Greater,
                    _ if descending => column.compare(b, a),
                    _ => column.compare(a, b),
                }
            });
        }
        rows
    }

    /// The `aria-sort` of `column`'s heading.
    pub fn aria_sort(self, column: Column) -> &'static str {
        match self.sort {
            Some((c, false)) if c == column => "ascending",
            Some((c, true)) if c == column => "descending",
            _ => "none",
        }
    }
}

/// The id `step` rows away from `id` among the ids of the rows shown, in their order (clamped
/// to the first and last); the first when `id` is not among them.
pub fn step_ids(ids: &[u32], id: Option<u32>, step: isize) -> Option<u32> {
    let at = id.and_then(|id| ids.iter().position(|&i| i == id));
    let to = match at {
        Some(at) => at.saturating_add_signed(step).min(ids.len().saturating_sub(1)),
        None => 0,
    };
    ids.get(to).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: u32, name: &str, body: Option<&str>, year: Option<i32>, errors: usize, warnings: usize, decided: usize) -> OverviewRow {
        OverviewRow {
            id,
            name: name.to_string(),
            body: body.map(str::to_string),
            year,
            format: year.map(|y| if y < 2021 { "2019" } else { "2021" }),
            errors,
            warnings,
            unchecked: 0,
            decided,
            refused: false,
            reading: false,
        }
    }

    fn rows() -> Vec<OverviewRow> {
        let refused = OverviewRow { refused: true, ..row(4, "扫描件.pdf", None, None, 0, 0, 0) };
        vec![
            row(1, "乙.html", Some("乙镇人民政府"), Some(2023), 2, 1, 0),
            row(2, "甲.html", Some("甲镇人民政府"), Some(2024), 0, 3, 3),
            row(3, "丙.txt", None, Some(2019), 0, 0, 0),
            refused,
            row(5, "丁.pdf", Some("丁镇人民政府"), Some(2024), 5, 0, 1),
        ]
    }

    fn ids(rows: &[OverviewRow]) -> Vec<u32> {
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn each_column_sorts_both_ways_with_blanks_last() {
        let by = |column, descending| ids(&Arrangement { sort: Some((column, descending)), ..Default::default() }.apply(rows()));
        assert_eq!(by(Column::Errors, false), [2, 3, 1, 5, 4], "equal counts keep their order; the unread report last");
        assert_eq!(by(Column::Errors, true), [5, 1, 2, 3, 4], "most errors first; the unread report still last");
        assert_eq!(by(Column::Year, false), [3, 1, 2, 5, 4]);
        assert_eq!(by(Column::Year, true), [2, 5, 1, 3, 4]);
        assert_eq!(
            by(Column::Body, false),
            [5, 1, 2, 3, 4],
            "by the body's name (丁 乙 甲 by code point: one body's reports together); reports without one last"
        );
        assert_eq!(by(Column::Decided, true), [2, 5, 1, 3, 4]);
        assert_eq!(ids(&Arrangement::default().apply(rows())), [1, 2, 3, 4, 5], "unsorted: the order opened in");
    }

    #[test]
    fn a_second_click_on_a_heading_reverses_the_order() {
        let once = Arrangement::default().sorted_by(Column::Warnings);
        assert_eq!(once.sort, Some((Column::Warnings, false)));
        assert_eq!(once.aria_sort(Column::Warnings), "ascending");
        assert_eq!(once.aria_sort(Column::Errors), "none");
        let twice = once.sorted_by(Column::Warnings);
        assert_eq!(twice.sort, Some((Column::Warnings, true)));
        assert_eq!(twice.sorted_by(Column::Warnings).sort, Some((Column::Warnings, false)));
        assert_eq!(twice.sorted_by(Column::Name).sort, Some((Column::Name, false)), "another column starts ascending");
    }

    #[test]
    fn filters_keep_the_reports_with_errors_or_not_yet_decided() {
        let only_errors = Arrangement { only_errors: true, ..Default::default() };
        assert_eq!(ids(&only_errors.apply(rows())), [1, 4, 5], "errors, or not read at all");
        let only_undecided = Arrangement { only_undecided: true, ..Default::default() };
        assert_eq!(ids(&only_undecided.apply(rows())), [1, 5], "甲 has every finding decided; 丙 has none to decide");
        let both = Arrangement { only_errors: true, only_undecided: true, sort: Some((Column::Errors, true)) };
        assert_eq!(ids(&both.apply(rows())), [5, 1]);
    }

    #[test]
    fn the_arrow_keys_step_through_the_rows_shown() {
        let shown = ids(&Arrangement { sort: Some((Column::Errors, true)), ..Default::default() }.apply(rows()));
        assert_eq!(step_ids(&shown, Some(5), 1), Some(1), "in the order shown, not the order opened");
        assert_eq!(step_ids(&shown, Some(2), -1), Some(1));
        assert_eq!(step_ids(&shown, Some(5), -1), Some(5), "the first stays first");
        assert_eq!(step_ids(&shown, Some(4), 1), Some(4), "the last stays last");
        assert_eq!(step_ids(&shown, Some(99), 1), Some(5), "from outside the rows shown, the first");
        assert_eq!(step_ids(&[], Some(1), 1), None);
    }

    #[test]
    fn a_row_says_what_it_counts() {
        let rows = rows();
        assert_eq!(rows[0].text(Column::Year), "2023年");
        assert_eq!(rows[0].text(Column::Format), "2021年版");
        assert_eq!(rows[2].text(Column::Body), "—");
        assert_eq!(rows[3].text(Column::Errors), "—", "an unread report has no counts, not zeros");
        assert_eq!(rows[3].text(Column::Format), "无法读取");
        assert_eq!((rows[0].class(), rows[1].class(), rows[2].class(), rows[3].class()), ("error", "warning", "ok", "refused"));
        for column in Column::ALL {
            assert_eq!(Column::parse(column.key()), Some(column));
        }
    }
}
