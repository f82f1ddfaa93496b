//! `negative-value`: no cell is negative, except the 2019 表二 本年增/减.

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Role, Severity, ValueKind};

pub static RULE: Rule = Rule { id: "negative-value", severity: Severity::Error, title: "出现负数", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str =
    "表格中的件数、数量和金额都不可能为负数；唯一例外是 2019 年版表二的“本年增/减”，减少时用负数表示（如 -8）。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (cell, value) in &ctx.report.cells {
        let Some(n) = value.number() else { continue };
        if n.is_negative() && cell.kind(ctx.format) != ValueKind::SignedCount {
            let refs = vec![CellRef { cell: *cell, role: Role::Primary }];
            out.push(ctx.finding(&RULE, RULE.severity, refs, Fact::Negative { cell: *cell, value: n }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{findings_after, set_text};

    #[test]
    fn a_negative_count_is_an_error() {
        assert_eq!(
            findings_after(&RULE, Format::V2021, |r| set_text(r, "proactive.licensing.decisions", "-3")),
            "error [proactive.licensing.decisions] +0 | 表二「行政许可」行「本年处理决定数量」列为 -3：此格不应为负数"
        );
    }

    #[test]
    fn the_2019_change_column_may_be_negative() {
        assert_eq!(findings_after(&RULE, Format::V2019, |r| set_text(r, "proactive.licensing.change", "-1")), "");
    }
}
