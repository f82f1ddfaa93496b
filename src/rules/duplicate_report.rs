//! `duplicate-report`: another report of the same body for the same year is among the reports
//! compared (the same report opened twice, or two versions of it). One finding per report,
//! however many copies: a batch of a thousand copies stays a thousand findings.

use super::{Context, Rule};
use crate::model::{Fact, Finding, Severity};

pub static RULE: Rule = Rule { id: "duplicate-report", severity: Severity::Warning, title: "同一年度有两份报告", check: None };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "同一机关同一年度的报告同时打开了两份或更多（或在命令行中一并检查）：可能是同一份报告打开了两次，也可能是报告发布后又修改过（评估报告指出的“发布后有变动”），或两个机关名称相近被视为同一机关。表格数字不同时，无法确定以哪一份为准，下一年度报告与本年度的衔接（上年结转、现行有效件数等）不核对。机关按名称判断：名称去掉空格和标点、“人民政府”写作“政府”后相同，或一个名称只是在另一个前面多了上级地名（如“淮安市洪泽区人民政府”与“洪泽区人民政府”），视为同一机关。";

/// Run by `check_across` (not through the registry: see `Rule::check`).
pub(super) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(across) = ctx.across else { return };
    let Some(same_year) = &across.same_year else { return };
    let (index, first) = same_year.first;
    let other = across.other(index, first, Vec::new());
    let fact = Fact::DuplicateReport { other, more: same_year.count - 1, identical: same_year.identical };
    out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), fact));
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{bump, clean, findings_across};

    #[test]
    fn two_reports_of_one_year() {
        let report = clean(Format::V2021);
        assert_eq!(
            findings_across(&RULE, &report, None, &[&report]),
            "warning [] +0 | 同一机关 2023 年度还有一份报告“另一份1.txt”，表格数字完全相同（可能是同一份报告打开了两次）"
        );
        let mut changed = report.clone();
        bump(&mut changed, "appeals.review.pending", 1);
        changed.body = Some("某某区某某局".to_string());
        assert_eq!(
            findings_across(&RULE, &report, None, &[&report, &changed]),
            "warning [] +0 | 同一机关 2023 年度还有“另一份1.txt”等 2 份报告，表格数字不同：请确认以哪一份为准（下一年度报告与本年度的衔接因此未核对）"
        );
        assert_eq!(findings_across(&RULE, &report, None, &[]), "");
    }
}
