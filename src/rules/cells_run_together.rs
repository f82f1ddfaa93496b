//! `cells-run-together`: digits of several cells ran together without separators (a
//! flattened copy); says which split was taken and why, or that the split is ambiguous.

use std::collections::BTreeMap;

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Note, Role, Settlement, Severity, Table};

pub static RULE: Rule = Rule {
    id: "cells-run-together",
    severity: Severity::Warning,
    title: "数字连在一起",
    explanation: "从网页或 PDF 复制的文字有时丢失了单元格之间的分隔，几个格的数字连成一串（如“7000007”）。本工具列出所有可能的拆法，只有当恰好一种拆法满足表格自身的勾稽关系（行总计、办理结果总计、收支平衡、表四各组总计）时才采用，并在此说明；无法唯一确定时不读取这些格。采用的拆法是推断出来的，请对照原文核实。",
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
            Note::RunTogetherAmbiguous { cells, raw, splits, satisfying, .. } => {
                let refs = cells.iter().map(|c| CellRef { cell: *c, role: Role::Primary }).collect();
                let fact = Fact::RunTogetherAmbiguous { raw: raw.clone(), splits: *splits, satisfying: *satisfying };
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

    #[test]
    fn a_split_chosen_by_the_row_total() {
        let found = check(&format!("{HEADER}一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量0000000"));
        assert!(
            found.contains("warning [] +7 | 数字连在一起（“713000074”），已拆分为 71、3、0、0、0、0、74：在 7 种可能的拆法中，只有这一种使本行总计相符"),
            "{found}"
        );
        assert!(found.contains("info [] +7 | 表三有 1 行的数字连在一起（如“0000000”），每行只有一种拆法，已按此读取"), "{found}");
    }

    #[test]
    fn an_ambiguous_run_is_left_unread() {
        let found = check("第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件898989第二十条第（五）项");
        assert!(found.contains("warning [proactive.normative_documents.made proactive.normative_documents.published proactive.normative_documents.total_published] +0 | 数字连在一起（“898989”），有 10 种拆法都说得通，无法确定，未读取这些格"), "{found}");
    }
}
