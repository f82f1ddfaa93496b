//! `table-blank`: a table whose every cell is blank, as the official template is before it
//! is filled in. Blank is not zero, so nothing in it could be checked; without this finding
//! such a report would read as having no problem at all.

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Role, Table, Value};

pub static RULE: Rule = Rule { id: "table-blank", severity: crate::model::Severity::Warning, title: "表格未填写", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "表格的所有格都是空白（空、“-”、“—”、“/”、“无”），没有一个数字，多半是照搬了年报格式的空表而没有填写。空白不等于 0，表中的勾稽关系都无法核对；没有发生的事项请填 0。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for table in Table::ALL.iter().filter(|t| ctx.report.has_table(**t)) {
        let of_table = || ctx.report.cells.iter().filter(|(k, _)| k.table() == *table);
        // Most tables hold a number: that answers before any list of their cells is made.
        if !of_table().all(|(_, c)| c.value == Value::Blank) {
            continue;
        }
        let cells: Vec<CellRef> = of_table().map(|(k, _)| CellRef { cell: *k, role: Role::Related }).collect();
        if !cells.is_empty() {
            let fact = Fact::TableBlank { table: *table, cells: cells.len() };
            out.push(ctx.finding(&RULE, RULE.severity, cells, fact));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::findings_in_text;

    #[test]
    fn a_table_left_as_the_template_prints_it() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n—\t—\t—\t—\t—\t—\t—\t—\t—\t—\t—\t—\t—\t—\t—\n";
        assert_eq!(
            findings_in_text(&RULE, text),
            "warning [] +15 | 表四的 15 个格都是空白，没有一个数字：表格似乎没有填写（空白不等于 0，其中的勾稽关系都无法核对）"
        );
        // One number is enough to show the table was filled in; its blanks are the other rules' concern.
        assert_eq!(findings_in_text(&RULE, &text.replacen('—', "0", 1)), "");
    }
}
