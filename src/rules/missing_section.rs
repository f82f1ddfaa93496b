//! `missing-section`: one of the six parts is not found.

use super::{Context, Rule};
use crate::model::{Fact, Finding, Part, Severity, Table};

pub static RULE: Rule = Rule { id: "missing-section", severity: Severity::Warning, title: "缺少报告部分", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "年报应包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。依据：《政府信息公开条例》第五十条及年报格式通知“不能遗漏”的要求。部分编号写错不算缺少，按标题文字识别；有表格的部分视为存在。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for part in Part::ALL {
        let table_found = Table::ALL.iter().any(|t| t.part() == *part && ctx.report.has_table(*t));
        if !ctx.report.parts.contains_key(part) && !table_found {
            out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), Fact::SectionMissing { part: *part }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::findings_in_text;

    #[test]
    fn names_each_missing_part() {
        let found = findings_in_text(&RULE, "一、总体情况\n……\n五、存在的主要问题及改进情况\n……\n");
        assert!(found.contains("没有找到第二部分“主动公开政府信息情况”"), "{found}");
        assert!(found.contains("没有找到第六部分“其他需要报告的事项”"), "{found}");
        assert!(!found.contains("第一部分"), "{found}");
        assert!(!found.contains("第五部分"), "{found}");
        assert_eq!(found.lines().count(), 4, "{found}");
    }
}
