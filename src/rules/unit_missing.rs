//! `unit-missing`: the 2019 表二 采购总金额 written without a unit.

use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, Format, ProactiveCol, ProactiveRow, Role, Severity, Unit};

pub static RULE: Rule = Rule { id: "unit-missing", severity: Severity::Info, title: "金额未写单位", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "2019 年版表二“政府集中采购”的“采购总金额”表头没有规定单位，各地有的写“元”，有的写“万元”。金额不写单位就无法比较和汇总，建议在数字后或表头中注明单位（如“采购总金额（万元）”；写“元”的金额折算为万元）。金额为 0 时不提示。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.format != Format::V2019 {
        return;
    }
    let cell = CellKey::Proactive(ProactiveRow::Procurement, ProactiveCol::Amount);
    let Some(value) = ctx.report.cell(cell) else { return };
    if value.number().is_some_and(|n| !n.is_zero()) && value.unit == Unit::None {
        let refs = vec![CellRef { cell, role: Role::Primary }];
        out.push(ctx.finding(&RULE, RULE.severity, refs, Fact::UnitMissing { raw: value.raw.clone() }));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{clean, findings_of, set_text};

    #[test]
    fn an_amount_without_a_unit() {
        let mut report = clean(Format::V2019);
        set_text(&mut report, "proactive.procurement.amount", "251000");
        assert_eq!(
            findings_of(&RULE, &report),
            "info [proactive.procurement.amount] +0 | 表二「政府集中采购」的采购总金额“251000”没有写单位（元或万元），金额无法比较"
        );
        set_text(&mut report, "proactive.procurement.amount", "251000元");
        assert_eq!(findings_of(&RULE, &report), "");
        set_text(&mut report, "proactive.procurement.amount", "0");
        assert_eq!(findings_of(&RULE, &report), "");
    }
}
