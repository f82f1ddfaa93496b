//! The checks: one rule per file, named after the problem it flags, and one registry in the
//! order of `rules.md`. Every rule reads the typed report (never the raw text) and the shared
//! relation analysis, and produces findings as plain data.
//!
//! The rules across reports (the last of the registry, listed again in [`ACROSS_REPORTS`])
//! compare a report with other reports of the same body: the previous year's, other copies of
//! the same year. They read the digests only, the report's and the others' ([`Across`]), so
//! that they run where the reports themselves are not (the page's second module); [`check`]
//! leaves them out and [`check_across`] runs only them (`desk` finds the other reports).

mod relations;

mod appeals_total;
mod blank_operand;
mod carry_over_mismatch;
mod cells_run_together;
mod duplicate_report;
mod format_mismatch;
mod fractional_count;
mod in_force_mismatch;
mod late_publication;
mod metadata_unknown;
mod missing_section;
mod missing_table;
mod negative_value;
mod previous_items_mismatch;
mod proactive_items_negative;
mod prose_table_mismatch;
mod requests_balance;
mod requests_outcome_total;
mod requests_row_total;
mod same_as_previous_year;
mod table_blank;
mod unit_missing;
mod unreadable_cell;
mod year_mismatch;

#[cfg(test)]
pub(crate) mod testing;

pub use relations::{Analysis, RelationCheck, Status};

use crate::model::{CellKey, Decimal, Digest, Finding, Format, Other, Report, Severity};

/// A rule of the checker.
pub struct Rule {
    /// The stable id, the `rule` field of every finding.
    pub id: &'static str,
    /// The severity of its findings (a rule may raise it for a particular case, as
    /// `missing-table` does when the heading is there and the table is not).
    pub severity: Severity,
    /// A short Chinese name.
    pub title: &'static str,
    /// How it checks one report; `None` for the rules across reports, which
    /// [`check_across`] runs from its own list, so that the registry does not reach their
    /// code: the page's first module reads the registry, and its second runs them.
    pub check: Option<Check>,
}

/// A rule's check: it reads the context and adds its findings.
pub type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// What every rule reads.
pub struct Context<'a> {
    pub report: &'a Report,
    /// The format to read the tables in.
    pub format: Format,
    /// The report's relations, evaluated (empty for the rules across reports, which do not
    /// read it, nor `report`: an empty one for them).
    pub analysis: Analysis,
    /// The other reports of the same body, for the rules across reports; `None` when the
    /// report is checked alone.
    pub across: Option<&'a Across<'a>>,
}

/// What the rules across reports compare a report with: the digests of other reports of the
/// same body, each with its position among the reports compared.
pub struct Across<'a> {
    /// This report's own digest.
    pub me: &'a Digest,
    /// The previous year's report, when there is one (or several copies of one with the same
    /// tables); `None` when there is none, or several that differ.
    pub previous: Option<(usize, &'a Digest)>,
    /// The other reports of the same body for the same year, if any.
    pub same_year: Option<SameYear<'a>>,
}

/// The other reports of a body for the same year as a report, told in constant space however
/// many there are (a batch of a thousand copies of one report).
pub struct SameYear<'a> {
    /// The first of them.
    pub first: (usize, &'a Digest),
    /// How many there are.
    pub count: usize,
    /// Whether all of them and the report itself have the same tables.
    pub identical: bool,
}

impl Across<'_> {
    /// The other report at `index`, as a finding names it, with the cells compared there.
    pub fn other(&self, index: usize, digest: &Digest, cells: Vec<(CellKey, Decimal)>) -> Other {
        let body = digest.body.clone().filter(|b| Some(b) != self.me.body.as_ref());
        Other { index, name: digest.name.clone(), year: digest.year.unwrap_or_default(), body, cells }
    }
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
    &table_blank::RULE,
    &missing_section::RULE,
    &format_mismatch::RULE,
    &cells_run_together::RULE,
    &late_publication::RULE,
    &year_mismatch::RULE,
    &metadata_unknown::RULE,
    &prose_table_mismatch::RULE,
    &proactive_items_negative::RULE,
    &unit_missing::RULE,
    &carry_over_mismatch::RULE,
    &in_force_mismatch::RULE,
    &previous_items_mismatch::RULE,
    &same_as_previous_year::RULE,
    &duplicate_report::RULE,
];

/// What each rule checks, why, and the official basis, in plain Chinese (the page shows it
/// one click away, the README lists it), in the order of [`RULES`]: [`Rule::explanation`].
/// Apart from the registry so that the page's first load, which needs the registry, does
/// not carry these texts (about 3 KB brotli): the page has them from its second module
/// when a reviewer opens one (`ui::lazy::explanations`).
pub static EXPLANATIONS: &[&str] = &[
    requests_row_total::EXPLANATION,
    requests_outcome_total::EXPLANATION,
    requests_balance::EXPLANATION,
    appeals_total::EXPLANATION,
    negative_value::EXPLANATION,
    fractional_count::EXPLANATION,
    unreadable_cell::EXPLANATION,
    blank_operand::EXPLANATION,
    missing_table::EXPLANATION,
    table_blank::EXPLANATION,
    missing_section::EXPLANATION,
    format_mismatch::EXPLANATION,
    cells_run_together::EXPLANATION,
    late_publication::EXPLANATION,
    year_mismatch::EXPLANATION,
    metadata_unknown::EXPLANATION,
    prose_table_mismatch::EXPLANATION,
    proactive_items_negative::EXPLANATION,
    unit_missing::EXPLANATION,
    carry_over_mismatch::EXPLANATION,
    in_force_mismatch::EXPLANATION,
    previous_items_mismatch::EXPLANATION,
    same_as_previous_year::EXPLANATION,
    duplicate_report::EXPLANATION,
];

/// The checks of [`ACROSS_REPORTS`], in the same order.
static ACROSS_CHECKS: [Check; 5] = [
    carry_over_mismatch::check,
    in_force_mismatch::check,
    previous_items_mismatch::check,
    same_as_previous_year::check,
    duplicate_report::check,
];

/// The rules across reports, in registry order: [`check_across`] runs them.
pub static ACROSS_REPORTS: &[&Rule] = &[
    &carry_over_mismatch::RULE,
    &in_force_mismatch::RULE,
    &previous_items_mismatch::RULE,
    &same_as_previous_year::RULE,
    &duplicate_report::RULE,
];

impl Rule {
    /// Whether the rule compares a report with other reports (see [`ACROSS_REPORTS`]).
    pub fn is_cross_report(&self) -> bool {
        self.check.is_none()
    }
}

impl Rule {
    /// What the rule checks, why, and the official basis ([`EXPLANATIONS`]).
    pub fn explanation(&self) -> &'static str {
        RULES.iter().position(|r| std::ptr::eq(*r, self)).and_then(|i| EXPLANATIONS.get(i)).copied().unwrap_or_default()
    }
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// How many of the report's relations held, broke, or could not be checked.
pub fn tally(report: &Report) -> crate::model::Tally {
    Analysis::of(report).tally(report)
}

/// Runs every rule over a report. Findings are ordered as the report reads: findings about
/// the whole report first, then by the first cell they point at, table by table and row by
/// row; ties keep the registry order.
pub fn check(report: &Report) -> Vec<Finding> {
    run(&Context { report, format: report.layout_format(), analysis: Analysis::of(report), across: None })
}

/// Runs every rule over a report ([`check`]) and counts its relations ([`tally`]), with
/// one analysis of its relations for both (the command line wants both for every report).
pub fn check_counted(report: &Report) -> (Vec<Finding>, crate::model::Tally) {
    let ctx = Context { report, format: report.layout_format(), analysis: Analysis::of(report), across: None };
    (run(&ctx), ctx.analysis.tally(report))
}

fn run(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in RULES.iter().filter_map(|r| r.check) {
        check(ctx, &mut findings);
    }
    order(&mut findings);
    findings
}

/// Runs the rules across reports over a report's digest and the other reports of its body.
pub fn check_across(across: &Across<'_>) -> Vec<Finding> {
    // They read the digests only (`across.me` for the report's own numbers): no report here.
    let report = Report::default();
    let ctx = Context { report: &report, format: across.me.format, analysis: Analysis::default(), across: Some(across) };
    let mut findings = Vec::new();
    for check in ACROSS_CHECKS {
        check(&ctx, &mut findings);
    }
    findings
}

/// Puts findings in the order [`check`] gives them: findings about the whole report first,
/// then by the first cell they point at; ties keep the registry order, then their own.
pub fn order(findings: &mut Vec<Finding>) {
    let position = |f: &Finding| RULES.iter().position(|r| r.id == f.rule).unwrap_or(usize::MAX);
    crate::model::sort_stable_by(findings, |a, b| a.anchor().cmp(&b.anchor()).then(position(a).cmp(&position(b))));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_explanation_on_one_line() {
        assert_eq!(EXPLANATIONS.len(), RULES.len(), "one explanation per rule, in registry order");
        for (rule, text) in RULES.iter().zip(EXPLANATIONS) {
            assert_eq!(rule.explanation(), *text);
            // The page has them from its second module one a line (`ui::lazy::explanations`).
            assert!(!text.is_empty() && !text.contains('\n'), "{}", rule.id);
        }
        let across: Vec<&str> = RULES.iter().filter(|r| r.is_cross_report()).map(|r| r.id).collect();
        assert_eq!(across, ACROSS_REPORTS.iter().map(|r| r.id).collect::<Vec<_>>(), "the rules without a check of their own");
        let distinct: std::collections::BTreeSet<&str> = EXPLANATIONS.iter().copied().collect();
        assert_eq!(distinct.len(), EXPLANATIONS.len(), "no explanation is another rule's");
    }
}
