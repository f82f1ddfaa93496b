//! `fractional-count`: counts are whole numbers; only money may have decimals.

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Role, Severity, ValueKind};

pub static RULE: Rule = Rule { id: "fractional-count", severity: Severity::Error, title: "件数出现小数", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "申请件数、文件件数、决定数量、案件数量都应为整数；只有金额（本年收费金额、采购总金额）可以有小数。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (cell, value) in &ctx.report.cells {
        let Some(n) = value.number() else { continue };
        if !n.is_integer() && cell.kind(ctx.format) != ValueKind::Amount {
            let refs = vec![CellRef { cell: *cell, role: Role::Primary }];
            out.push(ctx.finding(&RULE, RULE.severity, refs, Fact::Fractional { cell: *cell, value: n }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{findings_after, set_text};

    #[test]
    fn a_count_with_decimals_is_an_error() {
        assert_eq!(
            findings_after(&RULE, Format::V2021, |r| set_text(r, "appeals.review.pending", "1.5")),
            "error [appeals.review.pending] +0 | 表四「行政复议」的「尚未审结」为 1.5：件数应为整数"
        );
    }

    #[test]
    fn money_may_have_decimals() {
        assert_eq!(findings_after(&RULE, Format::V2021, |r| set_text(r, "proactive.fees.amount", "160.5964")), "");
    }
}
