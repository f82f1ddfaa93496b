//! The checks: one rule per file, named after the problem it flags, and one registry in the
//! order of `rules.md`. Every rule reads the typed report (never the raw text) and the shared
//! relation analysis, and produces findings as plain data.

mod relations;

mod appeals_total;
mod blank_operand;
mod cells_run_together;
mod format_mismatch;
mod fractional_count;
mod late_publication;
mod missing_section;
mod missing_table;
mod negative_value;
mod proactive_items_negative;
mod prose_table_mismatch;
mod requests_balance;
mod requests_outcome_total;
mod requests_row_total;
mod unit_missing;
mod unreadable_cell;
mod year_mismatch;

#[cfg(test)]
mod testing;

pub use relations::{Analysis, RelationCheck, Status};

use crate::model::{Finding, Format, Report, Severity};

/// A rule of the checker.
pub struct Rule {
    /// The stable id, the `rule` field of every finding.
    pub id: &'static str,
    /// The severity of its findings (a rule may raise it for a particular case, as
    /// `missing-table` does when the heading is there and the table is not).
    pub severity: Severity,
    /// A short Chinese name.
    pub title: &'static str,
    /// What it checks, why, and the official basis, in plain Chinese (shown in the UI and
    /// the README).
    pub explanation: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

/// What every rule reads.
pub struct Context<'a> {
    pub report: &'a Report,
    /// The format to read the tables in.
    pub format: Format,
    pub analysis: Analysis,
}

impl Context<'_> {
    /// A finding of `rule` for this report.
    pub fn finding(&self, rule: &Rule, severity: Severity, cells: Vec<crate::model::CellRef>, fact: crate::model::Fact) -> Finding {
        Finding::new(rule.id, severity, cells, fact, self.format)
    }
}

/// Every rule, in documentation order.
pub static RULES: &[&Rule] = &[
    &requests_row_total::RULE,
    &requests_outcome_total::RULE,
    &requests_balance::RULE,
    &appeals_total::RULE,
    &negative_value::RULE,
    &fractional_count::RULE,
    &unreadable_cell::RULE,
    &blank_operand::RULE,
    &missing_table::RULE,
    &missing_section::RULE,
    &format_mismatch::RULE,
    &cells_run_together::RULE,
    &late_publication::RULE,
    &year_mismatch::RULE,
    &prose_table_mismatch::RULE,
    &proactive_items_negative::RULE,
    &unit_missing::RULE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Runs every rule over a report. Findings are ordered as the report reads: findings about
/// the whole report first, then by the first cell they point at, table by table and row by
/// row; ties keep the registry order.
pub fn check(report: &Report) -> Vec<Finding> {
    let ctx = Context { report, format: report.layout_format(), analysis: Analysis::of(report) };
    let mut findings = Vec::new();
    for rule in RULES {
        (rule.check)(&ctx, &mut findings);
    }
    let position = |f: &Finding| RULES.iter().position(|r| r.id == f.rule).unwrap_or(usize::MAX);
    crate::model::sort_stable_by(&mut findings, |a, b| a.anchor().cmp(&b.anchor()).then(position(a).cmp(&position(b))));
    findings
}
