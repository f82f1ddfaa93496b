//! `same-as-previous-year`: tables whose numbers are those of the same body's report on the
//! year before, cell for cell (formats.md E4: a report reused with only the year changed).
//!
//! Sameness is telling only where the year produced numbers: a small body's 表四 of zeros, an
//! empty 表三, a 表二 whose only numbers are stocks (现行有效件数) are the same every year for
//! good reason. A table counts when it holds at least [`TELLING_NUMBERS`] numbers other than 0
//! that are neither totals nor stocks carried from the year before.

use super::{Context, Rule};
use crate::model::{Fact, Finding, Severity, TELLING_NUMBERS, Table};

pub static RULE: Rule =
    Rule { id: "same-as-previous-year", severity: Severity::Warning, title: "表格与上一年度完全相同", check: None };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "同一机关相邻两个年度报告的统计表逐格相同（每一格的数字或空白都一样），常见于沿用上一年的报告只改了年份（曾有报道指出某机关连续三年的报告数据完全相同）。全为 0 或空白的表格、只有现行有效件数等存量数字的表格，小机关每年相同是正常的，不提示：一张表至少有 3 个不为 0 的当年数字（不计总计和上年结转、现行有效件数等存量）才核对。两份报告都打开时才核对；两个年度格式不同时，格式不同的表不会相同。";

/// Run by `check_across` (not through the registry: see `Rule::check`).
pub(super) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(across) = ctx.across else { return };
    let Some((index, previous)) = across.previous else { return };
    let mut tables = Vec::new();
    let mut numbers = 0;
    for table in Table::ALL {
        let (mine, theirs) = (across.me.table(*table), previous.table(*table));
        if mine.present && mine == theirs && mine.numbers >= TELLING_NUMBERS {
            tables.push(*table);
            numbers += mine.numbers;
        }
    }
    if !tables.is_empty() {
        let other = across.other(index, previous, Vec::new());
        out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), Fact::SameAsPreviousYear { other, tables, numbers }));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::{CellKey, Format, Report};
    use crate::rules::testing::{bump, clean, findings_across, set, year_before};

    #[test]
    fn tables_copied_from_last_year() {
        let report = clean(Format::V2021);
        let previous = year_before(&report);
        let found = findings_across(&RULE, &report, Some(&previous), &[]);
        assert!(found.starts_with("warning [] +0 | 表二、表三、表四的数字与 2022 年度报告“上年.txt”完全相同（其中 "), "{found}");
        let mut changed = previous.clone();
        bump(&mut changed, "requests.granted.natural_person", 1);
        bump(&mut changed, "appeals.review.upheld", 1);
        assert!(findings_across(&RULE, &report, Some(&changed), &[]).starts_with("warning [] +0 | 表二的数字与 "));
    }

    #[test]
    fn zeros_blanks_and_stocks_are_the_same_every_year_for_good_reason() {
        let mut report = Report { year: Some(2024), ..Report::default() };
        for cell in CellKey::all_of(crate::model::Table::Appeals, Format::V2021) {
            set(&mut report, cell, 0);
        }
        set(&mut report, CellKey::parse("appeals.review.upheld").unwrap(), 1);
        set(&mut report, CellKey::parse("appeals.review.total").unwrap(), 1);
        set(&mut report, CellKey::parse("proactive.regulations.in_force").unwrap(), 12);
        set(&mut report, CellKey::parse("proactive.normative_documents.in_force").unwrap(), 30);
        set(&mut report, CellKey::parse("proactive.licensing.decisions").unwrap(), 5);
        let previous = year_before(&report);
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "");
    }
}
