//! `cells-run-together`: digits of several cells ran together without separators (a
//! flattened copy); says which split was taken and why, or that the split is ambiguous.

use std::collections::BTreeMap;

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Note, Role, Settlement, Severity, Table};

pub static RULE: Rule = Rule {
    id: "cells-run-together",
    severity: Severity::Warning,
    title: "数字连在一起",
    explanation: "从网页或 PDF 复制的文字有时丢失了单元格之间的分隔，几个格的数字连成一串（如“7000007”）。本工具列出所有可能的拆法，只在能确定时采用：表三的拆法必须使本行总计相符，并且同时使各列的办理结果总计和收支平衡相符；表四的拆法必须使三组总计都相符；表二没有勾稽关系，只在只有一种拆法且全为 0 时采用（否则空白格丢失后的数字也可能被误拆）。采用的拆法会在此说明，请对照原文核实；无法确定时不读取这些格。",
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // Rows with only one possible cut ("0000000") are reported together, per table.
    let mut obvious: BTreeMap<Table, (usize, String, Vec<CellRef>)> = BTreeMap::new();
    for note in &ctx.report.notes {
        match note {
            Note::RunTogetherSplit { cells, raw, splits, settled_by, .. } => {
                let refs: Vec<CellRef> = cells.iter().map(|c| CellRef { cell: *c, role: Role::Related }).collect();
                if *settled_by == Settlement::Unique {
                    let table = cells.first().map_or(Table::Requests, |c| c.table());
                    let entry = obvious.entry(table).or_insert_with(|| (0, raw.clone(), Vec::new()));
                    entry.0 += 1;
                    entry.2.extend(refs);
                    continue;
                }
                let values = cells.iter().filter_map(|c| ctx.report.number(*c)).collect();
                let fact = Fact::RunTogetherSplit { raw: raw.clone(), values, splits: *splits, settled_by: *settled_by };
                out.push(ctx.finding(&RULE, RULE.severity, refs, fact));
            }
            Note::RunTogetherAmbiguous { cells, raw, splits, satisfying, columns_failed, .. } => {
                let refs = cells.iter().map(|c| CellRef { cell: *c, role: Role::Primary }).collect();
                let fact = Fact::RunTogetherAmbiguous {
                    raw: raw.clone(),
                    splits: *splits,
                    satisfying: *satisfying,
                    columns_failed: *columns_failed,
                };
                out.push(ctx.finding(&RULE, RULE.severity, refs, fact));
            }
            _ => {}
        }
    }
    for (table, (rows, example, refs)) in obvious {
        out.push(ctx.finding(&RULE, Severity::Info, refs, Fact::RunTogetherObvious { table, rows, example }));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::show;

    fn check(text: &str) -> String {
        show(&crate::check_text(text).findings, "cells-run-together")
    }

    const HEADER: &str = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";

    /// A flattened 2021 表三: every row's digits run together; 一 and （一） and （七） carry
    /// 71/3/74, everything else is zero.
    fn flattened(new_row: &str) -> String {
        let mut text = HEADER.to_string();
        for row in crate::model::RequestRow::rows_of(crate::model::Format::V2021) {
            let digits = match row {
                crate::model::RequestRow::New => new_row,
                crate::model::RequestRow::Granted | crate::model::RequestRow::Total => "713000074",
                _ => "0000000",
            };
            text.push_str(row.label());
            text.push_str(digits);
        }
        text
    }

    #[test]
    fn a_split_chosen_by_the_row_total_and_confirmed_by_the_columns() {
        let found = check(&flattened("713000074"));
        assert!(
            found.contains("warning [] +7 | 数字连在一起（“713000074”），已拆分为 71、3、0、0、0、0、74：在 7 种可能的拆法中，只有这一种既使本行总计相符，又使各列的办理结果总计与结转关系相符"),
            "{found}"
        );
        assert!(found.contains("info [] +154 | 表三有 22 行的数字连在一起（如“0000000”），每行只有一种拆法，已按此读取"), "{found}");
    }

    #[test]
    fn a_split_the_columns_do_not_confirm_is_left_unread() {
        // 一 says 72/3/75: the row total allows cuts, but no cut balances the columns.
        let found = check(&flattened("723000075"));
        assert!(
            found.contains("数字连在一起（“723000075”），有拆法能使本行总计相符，但无法与各列的办理结果总计和结转关系同时相符，未读取这些格"),
            "{found}"
        );
    }

    #[test]
    fn an_ambiguous_run_is_left_unread() {
        let found = check("第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件898989第二十条第（五）项");
        assert!(found.contains("warning [proactive.normative_documents.made proactive.normative_documents.published proactive.normative_documents.total_published] +0 | 数字连在一起（“898989”），有 10 种拆法都说得通，无法确定，未读取这些格"), "{found}");
    }
}
