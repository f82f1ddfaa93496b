//! `previous-items-mismatch`: 2019 表二: 上一年项目数量 is not the previous year's 上一年项目数量
//! plus its 本年增/减 (formats.md T2-19-X1). Only between two reports in the 2019 format (the
//! reports on 2019 and 2020): the 2021 format has no item counts.

use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, Format, ProactiveCol, Role, Severity, continued_rows};

pub static RULE: Rule =
    Rule { id: "previous-items-mismatch", severity: Severity::Warning, title: "上一年项目数量与上一年度不符", check: None };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "2019 年版表二中，本年的“上一年项目数量”，应等于同一机关上一年度报告的“上一年项目数量”加“本年增/减”，即上一年末的项目数量（行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费各行）。两份报告都打开时才核对，且两份都须为 2019 年版格式（2019、2020 年度）。事项清单调整口径时可能合理地不等，因此只作提醒。任一格空白或未能读取时不核对。";

/// Run by `check_across` (not through the registry: see `Rule::check`).
pub(super) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(across) = ctx.across else { return };
    let Some((index, previous_report)) = across.previous else { return };
    for row in continued_rows(Format::V2019) {
        let key = |col| CellKey::Proactive(*row, col);
        let Some(previous_items) = across.me.number(key(ProactiveCol::PreviousItems)) else { continue };
        let (Some(before), Some(change)) =
            (previous_report.proactive(key(ProactiveCol::PreviousItems)), previous_report.proactive(key(ProactiveCol::Change)))
        else {
            continue;
        };
        let Some(expected) = before.checked_add(change) else { continue };
        if expected != previous_items {
            let cells = vec![CellRef { cell: key(ProactiveCol::PreviousItems), role: Role::Primary }];
            let there = vec![(key(ProactiveCol::PreviousItems), before), (key(ProactiveCol::Change), change)];
            let other = across.other(index, previous_report, there);
            out.push(ctx.finding(&RULE, RULE.severity, cells, Fact::PreviousItems { other, row: *row, before, change, previous_items }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{bump, clean, continued_by, findings_across, set_text};

    #[test]
    fn items_continue_from_last_year() {
        let mut report = clean(Format::V2019);
        report.year = Some(2020);
        let mut previous = continued_by(&report);
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "");
        set_text(&mut previous, "proactive.licensing.change", "+3");
        bump(&mut report, "proactive.licensing.previous_items", 0);
        let found = findings_across(&RULE, &report, Some(&previous), &[]);
        assert!(found.starts_with("warning [proactive.licensing.previous_items] +0 | 表二「行政许可」上一年项目数量为 "), "{found}");
        assert!(found.contains("而 2019 年度报告“上年.txt”的上一年项目数量 "), "{found}");
        assert!(found.contains("加本年增/减 3 为 "), "{found}");
    }

    #[test]
    fn only_within_the_2019_format() {
        let mut report = clean(Format::V2021);
        report.year = Some(2021);
        let mut previous = clean(Format::V2019);
        previous.year = Some(2020);
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "");
    }
}
