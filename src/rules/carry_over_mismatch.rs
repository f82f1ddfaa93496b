//! `carry-over-mismatch`: 表三 二、上年结转 differs from 四、结转下年度继续办理 of the same
//! body's report on the year before (formats.md T3-X1), in either format.

use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, RequestCol, RequestRow, Role, Severity};

pub static RULE: Rule =
    Rule { id: "carry-over-mismatch", severity: Severity::Warning, title: "上年结转与上一年度不符", check: None };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "同一机关上一年度报告表三的“四、结转下年度继续办理”，就是本年度报告表三的“二、上年结转政府信息公开申请数量”，两者应逐列相等（自然人、各类法人或其他组织、总计）。两份报告都打开（或在命令行中一并检查）时才核对；2019 年版与 2021 年版的表三都有这两行，跨格式也核对。机构合并、拆分或统计口径变化时可能合理地不等，因此只作提醒。任一格空白或未能读取时，该列不核对。";

/// Run by `check_across` (not through the registry: see `Rule::check`).
pub(super) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(across) = ctx.across else { return };
    let Some((index, previous)) = across.previous else { return };
    let mut columns = Vec::new();
    let mut cells = Vec::new();
    let mut there = Vec::new();
    for (col, carried_forward) in RequestCol::ALL.iter().zip(previous.carried_forward) {
        let here = CellKey::Requests(RequestRow::CarriedOver, *col);
        // Blank is not zero: a column with a blank or unread cell on either side is not checked.
        let (Some(carried_over), Some(carried_forward)) = (across.me.number(here), carried_forward) else { continue };
        if carried_over != carried_forward {
            columns.push((*col, carried_over, carried_forward));
            cells.push(CellRef { cell: here, role: Role::Primary });
            there.push((CellKey::Requests(RequestRow::CarriedForward, *col), carried_forward));
        }
    }
    if !columns.is_empty() {
        let other = across.other(index, previous, there);
        out.push(ctx.finding(&RULE, RULE.severity, cells, Fact::CarryOver { other, columns }));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{blank, bump, clean, continued_by, findings_across, findings_of, show};

    #[test]
    fn carried_over_must_be_last_years_carried_forward() {
        let report = clean(Format::V2021);
        let mut previous = continued_by(&report);
        assert_eq!(show(&crate::rules::check(&previous), "requests-balance"), "", "last year adds up on its own");
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "");

        bump(&mut previous, "requests.carried_forward.commercial", 1);
        bump(&mut previous, "requests.carried_forward.total", 1);
        assert_eq!(
            findings_across(&RULE, &report, Some(&previous), &[]),
            "warning [requests.carried_over.commercial requests.carried_over.total] +0 | 表三「二、上年结转政府信息公开申请数量」应等于 2022 年度报告“上年.txt”表三的「四、结转下年度继续办理」：本报告「商业企业」为 2、「总计」为 12，该报告「商业企业」为 3、「总计」为 13"
        );
    }

    #[test]
    fn a_blank_leaves_its_column_unchecked() {
        let report = clean(Format::V2021);
        let mut previous = continued_by(&report);
        bump(&mut previous, "requests.carried_forward.natural_person", 4);
        bump(&mut previous, "requests.carried_forward.total", 4);
        let mut here = report.clone();
        blank(&mut here, "requests.carried_over.natural_person");
        blank(&mut here, "requests.carried_over.total");
        assert_eq!(findings_across(&RULE, &here, Some(&previous), &[]), "", "blank is not zero");
        blank(&mut previous, "requests.carried_forward.commercial");
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]).matches("「自然人」").count(), 2);
        assert!(!findings_across(&RULE, &report, Some(&previous), &[]).contains("商业企业"));
    }

    #[test]
    fn works_across_the_two_formats() {
        // A 2021 report (2021 format) after a 2020 report (2019 format).
        let mut report = clean(Format::V2021);
        report.year = Some(2021);
        let mut previous = clean(Format::V2019);
        previous.year = Some(2020);
        bump(&mut previous, "requests.carried_forward.total", 1);
        let found = findings_across(&RULE, &report, Some(&previous), &[]);
        assert!(found.starts_with("warning [requests.carried_over."), "{found}");
        assert!(found.contains("2020 年度报告“上年.txt”"), "{found}");
    }

    #[test]
    fn nothing_without_a_previous_year() {
        assert_eq!(findings_across(&RULE, &clean(Format::V2021), None, &[]), "");
        assert_eq!(findings_of(&RULE, &clean(Format::V2021)), "", "a report checked alone");
    }
}
