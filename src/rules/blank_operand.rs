//! `blank-operand`: a relation that cannot be checked because some of its cells are blank
//! while others are not zero. Blank is not zero: such a relation is not broken, but the
//! reviewer should know it went unchecked (a total column left empty beside values is the
//! common case).

use super::relations::Status;
use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Relation, Role, Severity};

pub static RULE: Rule = Rule {
    id: "blank-operand",
    severity: Severity::Warning,
    title: "空白格导致无法核对",
    explanation: "勾稽关系中有单元格空白，而其他格不为 0，因此无法核对（空白不等于 0，本工具不会把空白当作 0 计算）。常见于“总计”列留空而各类申请人有数字。请在空白处填写数字（没有的填 0）。如果整个关系中的数字都为 0 或空白，则不提示。",
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for relation in ctx.analysis.with(|s| matches!(s, Status::BlankOperand { .. })) {
        let Status::BlankOperand { blanks, left_known, right_known } = &relation.status else { continue };
        let cells = relation
            .left
            .iter()
            .chain(&relation.right)
            .map(|c| CellRef { cell: *c, role: if blanks.contains(c) { Role::Primary } else { Role::Related } })
            .collect();
        let total_blank = relation.right.iter().any(|c| blanks.contains(c));
        let total = match relation.relation {
            Relation::Balance(_) => None,
            _ if total_blank => None,
            _ => Some(*right_known),
        };
        let fact = Fact::BlankOperand {
            relation: relation.relation,
            blanks: blanks.clone(),
            total,
            parts_sum: *left_known,
        };
        out.push(ctx.finding(&RULE, RULE.severity, cells, fact));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Format, Report};
    use crate::rules::testing::{blank, clean, set_text, show};

    fn check(change: impl FnOnce(&mut Report)) -> String {
        let mut report = clean(Format::V2021);
        change(&mut report);
        show(&crate::rules::check(&report), "blank-operand")
    }

    #[test]
    fn a_blank_total_beside_values() {
        let found = check(|r| blank(r, "requests.granted.total"));
        let lines: Vec<&str> = found.lines().collect();
        // The row and the 总计 column's outcome relation both go unchecked.
        assert_eq!(lines.len(), 2, "{found}");
        assert_eq!(
            lines[0],
            "warning [requests.granted.total] +6 | 表三「（一）予以公开」行：总计为空白，而各申请人类型合计为 10，无法核对（空白不等于 0，请填写数字）"
        );
        assert!(lines[1].starts_with("warning [requests.granted.total] +21 | 表三「总计」列：「（一）予以公开」为空白，（七）总计为"), "{found}");
    }

    #[test]
    fn silent_when_everything_around_is_blank_or_zero() {
        let found = check(|r| {
            for col in ["upheld", "corrected", "other", "pending"] {
                set_text(r, &format!("appeals.review.{col}"), "0");
            }
            blank(r, "appeals.review.total");
        });
        assert_eq!(found, "");
    }

    #[test]
    fn blank_parts_beside_a_total() {
        let found = check(|r| {
            set_text(r, "appeals.review.upheld", "3");
            for col in ["corrected", "other", "pending"] {
                blank(r, &format!("appeals.review.{col}"));
            }
            set_text(r, "appeals.review.total", "3");
        });
        assert_eq!(
            found,
            "warning [appeals.review.corrected appeals.review.other appeals.review.pending] +2 | 表四行政复议：「结果纠正」「其他结果」「尚未审结」为空白，总计为 3，无法核对（空白不等于 0，请填写数字）"
        );
    }
}
