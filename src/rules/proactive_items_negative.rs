//! `proactive-items-negative`: 2019 表二: 上一年项目数量 + 本年增/减 < 0.

use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, Format, ProactiveCol, ProactiveRow, Role, Severity};

pub static RULE: Rule =
    Rule { id: "proactive-items-negative", severity: Severity::Warning, title: "项目数量减成负数", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str =
    "2019 年版表二中，上一年项目数量加上本年增/减，就是本年的项目数量，不可能小于 0。若小于 0，说明上一年项目数量或本年增/减填写有误。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.format != Format::V2019 {
        return;
    }
    for row in ProactiveRow::ALL {
        let previous_cell = CellKey::Proactive(*row, ProactiveCol::PreviousItems);
        let change_cell = CellKey::Proactive(*row, ProactiveCol::Change);
        let (Some(previous), Some(change)) = (ctx.report.number(previous_cell), ctx.report.number(change_cell)) else { continue };
        if previous.checked_add(change).is_some_and(|sum| sum.is_negative()) {
            let cells = vec![CellRef { cell: previous_cell, role: Role::Primary }, CellRef { cell: change_cell, role: Role::Primary }];
            out.push(ctx.finding(&RULE, RULE.severity, cells, Fact::ItemsNegative { row: *row, previous, change }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{clean, findings_of, set_text};

    #[test]
    fn items_cannot_drop_below_zero() {
        let mut report = clean(Format::V2019);
        set_text(&mut report, "proactive.penalty.previous_items", "3");
        set_text(&mut report, "proactive.penalty.change", "-5");
        assert_eq!(
            findings_of(&RULE, &report),
            "warning [proactive.penalty.previous_items proactive.penalty.change] +0 | 表二「行政处罚」：上一年项目数量 3 加本年增/减 -5 为 -2，项目数量不可能为负"
        );
        set_text(&mut report, "proactive.penalty.change", "-3");
        assert_eq!(findings_of(&RULE, &report), "");
    }
}
