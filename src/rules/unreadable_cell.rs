//! `unreadable-cell`: a cell whose text is neither a number nor a recognised blank, a row
//! whose numbers could not be placed column by column, or a table whose numbers lost their
//! order in copying.

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Note, Role, Severity, UnreadReason, Value};

pub static RULE: Rule = Rule { id: "unreadable-cell", severity: Severity::Warning, title: "无法读取的单元格", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "单元格内容既不是数字，也不是公认的空白写法（空、“-”、“—”、“/”、“无”），例如“1O”“十二”“2件3”；或者某行读到的数字个数与列数不符，无法确定每个数字属于哪一列；或者表格的数字在复制时失去了原来的顺序（从 PDF 阅读器按阅读顺序复制时，表头的文字会夹在数字之间），按顺序放入会放错格。这些格没有被读取，相关的勾稽关系也无法核对，请对照原文人工查看。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (cell, value) in &ctx.report.cells {
        if value.value == Value::Unread(UnreadReason::NotANumber) {
            let refs = vec![CellRef { cell: *cell, role: Role::Primary }];
            let fact = Fact::Unreadable { cell: *cell, raw: value.raw.clone(), reason: UnreadReason::NotANumber };
            out.push(ctx.finding(&RULE, RULE.severity, refs, fact));
        }
    }
    for note in &ctx.report.notes {
        if let Note::OrderLost { table, .. } = note {
            let refs = ctx
                .report
                .cells
                .iter()
                .filter(|(k, c)| k.table() == *table && c.value == Value::Unread(UnreadReason::OrderLost))
                .map(|(k, _)| CellRef { cell: *k, role: Role::Primary })
                .collect();
            out.push(ctx.finding(&RULE, RULE.severity, refs, Fact::OrderLost { table: *table }));
            continue;
        }
        let Note::RowIncomplete { cells, found, raw, .. } = note else { continue };
        // The cells that stayed unread are the ones to fill in by hand.
        let refs = cells
            .iter()
            .map(|c| {
                let unread = ctx.report.cell(*c).is_some_and(|v| matches!(v.value, Value::Unread(_)));
                CellRef { cell: *c, role: if unread { Role::Primary } else { Role::Related } }
            })
            .collect();
        let fact = Fact::RowIncomplete { found: *found, expected: cells.len(), raw: raw.clone() };
        out.push(ctx.finding(&RULE, RULE.severity, refs, fact));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::findings_in_text;

    #[test]
    fn letters_and_words_where_a_number_should_be() {
        let found =
            findings_in_text(&RULE, "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1O\t十二\t2件3\n");
        assert_eq!(
            found,
            "warning [proactive.regulations.issued] +0 | 表二「规章」行「本年制发件数」列的内容“1O”不是数字，未能读取\n\
             warning [proactive.regulations.repealed] +0 | 表二「规章」行「本年废止件数」列的内容“十二”不是数字，未能读取\n\
             warning [proactive.regulations.in_force] +0 | 表二「规章」行「现行有效件数」列的内容“2件3”不是数字，未能读取"
        );
    }

    #[test]
    fn a_row_with_fewer_numbers_than_columns() {
        let found =
            findings_in_text(&RULE, "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n| 规章 | 22 | 235 |\n");
        assert_eq!(
            found,
            "warning [proactive.regulations.repealed proactive.regulations.in_force] +1 | 该行有 3 列，只读到 2 个数字（“22 235”），无法确定哪一列缺数；只读取了能确定的格"
        );
    }
}
