//! `appeals-total`: in 表四, each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

use super::relations::arithmetic_findings;
use super::{Context, Rule};
use crate::model::{Finding, Relation, Severity};

pub static RULE: Rule = Rule { id: "appeals-total", severity: Severity::Error, title: "表四合计不符", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "表四中行政复议、未经复议直接起诉、复议后起诉三组，每组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和。依据：年报格式表四的表头结构，“总计”是同组四项结果的合计。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    arithmetic_findings(ctx, &RULE, |r| matches!(r, Relation::AppealsTotal(_)), out);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{bump, findings_after, set_text};

    #[test]
    fn holds_on_a_clean_table() {
        assert_eq!(findings_after(&RULE, Format::V2021, |_| {}), "");
    }

    #[test]
    fn names_the_group_and_its_numbers() {
        assert_eq!(
            findings_after(&RULE, Format::V2021, |r| {
                for (col, v) in [("upheld", "10"), ("corrected", "1"), ("other", "0"), ("pending", "0"), ("total", "0")] {
                    set_text(r, &format!("appeals.review.{col}"), v);
                }
            }),
            "error [appeals.review.total] +4 | 表四行政复议：总计应为 11（10+1+0+0），表中为 0，相差 11"
        );
    }

    #[test]
    fn every_group_is_checked() {
        let found = findings_after(&RULE, Format::V2021, |r| {
            bump(r, "appeals.litigation_direct.pending", 1);
            bump(r, "appeals.litigation_after_review.upheld", 2);
        });
        assert_eq!(found.lines().count(), 2, "{found}");
        assert!(found.contains("行政诉讼（未经复议直接起诉）"), "{found}");
        assert!(found.contains("行政诉讼（复议后起诉）"), "{found}");
    }
}
