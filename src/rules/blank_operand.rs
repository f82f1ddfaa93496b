//! `blank-operand`: a relation that cannot be checked because some of its cells are blank
//! while others are not zero. Blank is not zero: such a relation is not broken, but the
//! reviewer should know it went unchecked (a total column left empty beside values is the
//! common case).

use super::relations::{RelationCheck, Status};
use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, Line, Relation, Role, Severity};

pub static RULE: Rule = Rule { id: "blank-operand", severity: Severity::Warning, title: "空白格导致无法核对", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "勾稽关系中有单元格空白，而其他格不为 0，因此无法核对（空白不等于 0，本工具不会把空白当作 0 计算）。常见于“总计”列留空而各类申请人有数字。请在空白处填写数字（没有的填 0）。如果整个关系中的数字都为 0 或空白，则不提示。同一列（或同一行）在多个关系中空白时，合并为一条提醒。";

/// How many relations blank in the same line make one finding about that line, not one each.
const LINE_FINDING_FROM: usize = 3;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let unchecked: Vec<&RelationCheck> = ctx.analysis.with(|s| matches!(s, Status::BlankOperand { .. })).collect();
    // Relations of one kind blank in the same lines (a 表三 column blank down many rows, a row
    // blank across many columns) are one finding: the reviewer fills one line, not 14 cells
    // one by one.
    // Few relations: a list searched in order keeps the groups in reading order, in less code
    // than a map.
    let mut by_line: Vec<(LineKey, Vec<&RelationCheck>)> = Vec::new();
    for relation in &unchecked {
        let Status::BlankOperand { blanks, .. } = &relation.status else { continue };
        let mut lines: Vec<Line> = blanks.iter().filter_map(|cell| relation.relation.line_of(*cell)).collect();
        lines.dedup();
        let key = (std::mem::discriminant(&relation.relation), lines);
        match by_line.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(relation),
            None => by_line.push((key, vec![relation])),
        }
    }
    for (_, group) in &by_line {
        if group.len() >= LINE_FINDING_FROM {
            let blanks: Vec<CellKey> = group
                .iter()
                .flat_map(|r| match &r.status {
                    Status::BlankOperand { blanks, .. } => blanks.clone(),
                    _ => Vec::new(),
                })
                .collect();
            let cells = blanks.iter().map(|c| CellRef { cell: *c, role: Role::Primary }).collect();
            let relations = group.iter().map(|r| r.relation).collect();
            out.push(ctx.finding(&RULE, RULE.severity, cells, Fact::BlankLine { relations, blanks }));
        } else {
            out.extend(group.iter().filter_map(|relation| one(ctx, relation)));
        }
    }
}

/// A blank line across relations: the relations' kind, and the lines (columns or rows) blank.
type LineKey = (std::mem::Discriminant<Relation>, Vec<Line>);

/// The finding about one relation left unchecked.
fn one(ctx: &Context<'_>, relation: &RelationCheck) -> Option<Finding> {
    let Status::BlankOperand { blanks, left_known, right_known } = &relation.status else { return None };
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
    let fact = Fact::BlankOperand { relation: relation.relation, blanks: blanks.clone(), total, parts_sum: *left_known };
    Some(ctx.finding(&RULE, RULE.severity, cells, fact))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{blank, findings_after, set_text};

    #[test]
    fn a_blank_total_beside_values() {
        let found = findings_after(&RULE, Format::V2021, |r| blank(r, "requests.granted.total"));
        let lines: Vec<&str> = found.lines().collect();
        // The row and the 总计 column's outcome relation both go unchecked.
        assert_eq!(lines.len(), 2, "{found}");
        assert_eq!(
            lines[0],
            "warning [requests.granted.total] +6 | 表三「（一）予以公开」行：总计为空白，而各申请人类型合计为 10，无法核对（空白不等于 0，请填写数字）"
        );
        assert!(
            lines[1].starts_with("warning [requests.granted.total] +21 | 表三「总计」列：「（一）予以公开」为空白，（七）总计为"),
            "{found}"
        );
    }

    #[test]
    fn silent_when_everything_around_is_blank_or_zero() {
        let found = findings_after(&RULE, Format::V2021, |r| {
            for col in ["upheld", "corrected", "other", "pending"] {
                set_text(r, &format!("appeals.review.{col}"), "0");
            }
            blank(r, "appeals.review.total");
        });
        assert_eq!(found, "");
    }

    #[test]
    fn a_column_left_blank_down_many_rows_is_one_finding() {
        // 科研机构 blank in every row: each row with figures goes unchecked, for one reason.
        let found = findings_after(&RULE, Format::V2021, |r| {
            for row in crate::model::RequestRow::rows_of(Format::V2021) {
                blank(r, &format!("requests.{}.research", row.key()));
            }
        });
        let lines: Vec<&str> = found.lines().collect();
        let column: Vec<&&str> = lines.iter().filter(|l| l.contains("「科研机构」列在")).collect();
        assert_eq!(column.len(), 1, "{found}");
        assert!(
            column[0].contains(
                "行中为空白（「一、本年新收政府信息公开申请数量」「二、上年结转政府信息公开申请数量」等），这些行的总计都无法核对"
            ),
            "{found}"
        );
        assert!(column[0].contains("+0 |"), "only the blank cells are marked: {found}");
        assert!(lines.len() <= 3, "one finding for the rows, at most one for each kind of column relation: {found}");
    }

    #[test]
    fn a_row_left_blank_across_the_columns_is_one_finding() {
        let found = findings_after(&RULE, Format::V2021, |r| {
            for col in ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"] {
                blank(r, &format!("requests.carried_over.{col}"));
            }
        });
        let balance: Vec<&str> = found.lines().filter(|l| l.contains("「二、上年结转政府信息公开申请数量」行在")).collect();
        assert_eq!(balance.len(), 1, "{found}");
        assert!(balance[0].contains("列中为空白，这些列的“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”都无法核对"), "{found}");
    }

    #[test]
    fn blank_parts_beside_a_total() {
        let found = findings_after(&RULE, Format::V2021, |r| {
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
