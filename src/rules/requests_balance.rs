//! `requests-balance`: in each 表三 column, 一 + 二 = （七）总计 + 四.

use super::relations::arithmetic_findings;
use super::{Context, Rule};
use crate::model::{Finding, Relation, Severity};

pub static RULE: Rule = Rule { id: "requests-balance", severity: Severity::Error, title: "表三收支不平衡", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "表三每一列应满足：一、本年新收 + 二、上年结转 = 三、本年度办理结果（即（七）总计）+ 四、结转下年度继续办理。依据：表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    arithmetic_findings(ctx, &RULE, |r| matches!(r, Relation::Balance(_)), out);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{bump, findings_after};

    #[test]
    fn holds_on_a_clean_table() {
        assert_eq!(findings_after(&RULE, Format::V2021, |_| {}), "");
    }

    #[test]
    fn a_wrong_carried_forward_is_the_cell_to_fix() {
        // Changing 四 in one column and its row total keeps the row relation: only the
        // balance of that column and of the total column break; （七） adds up, so 四 is
        // the cell to look at.
        let found = findings_after(&RULE, Format::V2021, |r| {
            bump(r, "requests.carried_forward.research", 4);
            bump(r, "requests.carried_forward.total", 4);
        });
        let lines: Vec<&str> = found.lines().collect();
        assert_eq!(lines.len(), 2, "{found}");
        assert!(lines[0].starts_with("error [requests.carried_forward.research] +3 | 表三「科研机构」列：本年新收"), "{found}");
        assert!(lines[0].contains("相差 4"), "{found}");
    }

    #[test]
    fn a_wrong_new_crossing_its_broken_row_is_the_cell_to_fix() {
        let found = findings_after(&RULE, Format::V2021, |r| bump(r, "requests.new.social_welfare", 2));
        assert!(found.starts_with("error [requests.new.social_welfare]"), "{found}");
    }
}
