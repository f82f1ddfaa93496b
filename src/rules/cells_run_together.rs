//! `cells-run-together`: digits of several cells ran together without separators (a
//! flattened copy); says which split was taken and why, that the split is ambiguous, or (an
//! error) that the table is wrong under every cut and the cuts that break the fewest tie.

use std::collections::BTreeMap;

use super::{Context, Rule};
use crate::model::{CellRef, Fact, Finding, Note, Role, Settlement, Severity, Table};

pub static RULE: Rule = Rule { id: "cells-run-together", severity: Severity::Warning, title: "数字连在一起", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "从网页或 PDF 复制的文字有时丢失了单元格之间的分隔，几个格的数字连成一串（如“7000007”）。本工具列出所有可能的拆法：只有一种拆法时就按这种读取，不论表格是否相符，再由各条规则报告不符之处；有多种拆法时由表格的勾稽关系来选，表三的各行一起拆分，取使各行总计、各列办理结果总计和收支平衡不相符之处最少的拆法，表四取使三组总计不相符之处最少的拆法。表格本身有误时，按不相符之处最少的拆法读取并在此说明，请对照原文核对；几种拆法同样好、而表格在每一种下都有误时，作为错误报告，列出这些拆法，有分歧的格不读取。几种拆法都使表格完全相符（无法确定）时作为提醒。表中别的行数字少于列数时（可见空白格连写时不留痕迹），每一行都可能有空白格，除全为 0 的行外都不拆分。表二没有勾稽关系，只在只有一种拆法且全为 0 时采用（否则空白格丢失后的数字也可能被误拆）。";

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
            Note::RunTogetherAmbiguous { cells, raw, splits, fitting, traceless_blanks, .. } => {
                let refs = cells.iter().map(|c| CellRef { cell: *c, role: Role::Primary }).collect();
                let fact = Fact::RunTogetherAmbiguous {
                    raw: raw.clone(),
                    splits: *splits,
                    fitting: *fitting,
                    traceless_blanks: *traceless_blanks,
                };
                out.push(ctx.finding(&RULE, RULE.severity, refs, fact));
            }
            // The table is wrong under every cut, and the best cuts tie: an error about the
            // table, on the cells left unread (the rows' other cells are related).
            Note::RunTogetherInconsistent { cells, rows, broken, complete, .. } => {
                let refs = rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .map(|c| CellRef { cell: *c, role: if cells.contains(c) { Role::Primary } else { Role::Related } })
                    .collect();
                let fact = Fact::RunTogetherInconsistent { rows: rows.clone(), broken: *broken, complete: *complete };
                out.push(ctx.finding(&RULE, Severity::Error, refs, fact));
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
    use super::RULE;
    use crate::rules::testing::{findings_in_text, show};

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
        let found = findings_in_text(&RULE, &flattened("713000074"));
        assert!(
            found.contains("warning [] +7 | 数字连在一起（“713000074”），已拆分为 71、3、0、0、0、0、74：在 7 种可能的拆法中，只有这一种既使本行总计相符，又使各列的办理结果总计与结转关系相符"),
            "{found}"
        );
        assert!(found.contains("info [] +154 | 表三有 22 行的数字连在一起（如“0000000”），每行只有一种拆法，已按此读取"), "{found}");
    }

    #[test]
    fn a_row_the_columns_do_not_confirm_is_still_read_and_the_columns_report_it() {
        // 一 says 72/3/75 while （七） and （一） say 71/3/74: no cut balances the columns. The
        // one cut that makes 一's own total hold is read, and the balance reports the error
        // (the reader does not assume the report is right).
        let text = flattened("723000075");
        let found = findings_in_text(&RULE, &text);
        assert!(
            found.contains(
                "warning [] +7 | 数字连在一起（“723000075”），已拆分为 72、3、0、0、0、0、75：在 7 种可能的拆法中，只有这一种使本行总计相符"
            ),
            "{found}"
        );
        let balance = show(&crate::check_text(&text).findings, "requests-balance");
        assert!(balance.contains("error [requests.carried_forward.natural_person] +3 | 表三「自然人」列：本年新收 72 + 上年结转 0 = 72，应等于办理结果总计 71 + 结转下年度 0 = 71，相差 1"), "{balance}");
    }

    #[test]
    fn runs_are_not_cut_where_other_rows_show_that_blanks_leave_no_trace() {
        // A department that leaves its 法人 columns blank, flattened: "1212" is too few digits
        // for seven cells, so empty cells left no trace; "15231523" (1523, five blanks, 1523)
        // cuts into seven only by splitting its numbers, and every such cut breaks the table.
        // No error the report does not have: the runs stay unread, saying why.
        let text = format!(
            "{HEADER}一、本年新收政府信息公开申请数量15231523二、上年结转政府信息公开申请数量1212三、本年度办理结果（一）予以公开15351535（七）总计15351535四、结转下年度继续办理00"
        );
        let checked = crate::check_text(&text);
        let found = findings_in_text(&RULE, &text);
        assert!(checked.findings.iter().all(|f| f.severity != crate::model::Severity::Error), "{found}");
        assert!(found.contains("数字连在一起（“15231523”），有 7 种可能的拆法；表中别的行数字少于列数，可见空白格在连写时不留痕迹，这一行也可能有空白格，无法确定，未读取这些格"), "{found}");
    }

    #[test]
    fn cuts_that_tie_with_the_table_wrong_under_each_are_an_error() {
        // Sixteen digits for fifteen cells: one cell has two digits, "11", "10" or "30", and
        // each cut leaves one group total broken. The table is wrong whichever it is.
        let text = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计1100300000000000 五、存在的主要问题及改进情况";
        let found = findings_in_text(&RULE, text);
        assert!(
            found.contains("error [appeals.review.upheld appeals.review.corrected appeals.review.other appeals.review.pending appeals.review.total] +10 | 数字连在一起，无论怎样拆分，表格的勾稽关系都不能全部相符（本表有误）；以下拆法同样各有 1 处不相符，无法确定取哪一种：表四“1100300000000000”可拆为 1、1、0、0、30、0、0、0、0、0、0、0、0、0、0 或 1、10、0、3、0、0、0、0、0、0、0、0、0、0、0 或 11、0、0、3、0、0、0、0、0、0、0、0、0、0、0；未读取这些格，请对照原文核对"),
            "{found}"
        );
        // The cells all three cuts agree on (the second and third groups) are read.
        let report = crate::check_text(text).report;
        assert_eq!(report.number(crate::model::CellKey::parse("appeals.litigation_direct.total").unwrap()), Some(0.into()));
    }

    #[test]
    fn an_ambiguous_run_is_left_unread() {
        let found = findings_in_text(
            &RULE,
            "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件898989第二十条第（五）项",
        );
        assert!(found.contains("warning [proactive.normative_documents.made proactive.normative_documents.published proactive.normative_documents.total_published] +0 | 数字连在一起（“898989”），有 10 种拆法都说得通，无法确定，未读取这些格"), "{found}");
    }
}
