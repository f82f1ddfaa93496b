//! `missing-table`: a table of parts 二/三/四 is not found, or some of its rows are missing.

use super::{Context, Rule};
use crate::model::{Fact, Finding, Note, Severity};

pub static RULE: Rule = Rule { id: "missing-table", severity: Severity::Warning, title: "表格缺失", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "年报格式要求第二、三、四部分各有一张统计表（表二、表三、表四）。有部分标题却没有表格时为错误（表格缺失不能当作全为 0，属于漏报）；完全找不到某张表，表格以图片发布而无法读取，或表格缺少若干行时为提醒。依据：国办公开办函〔2019〕60号、〔2021〕30号规定的统一格式，“严禁擅自删减报告事项”。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for note in &ctx.report.notes {
        match note {
            Note::TableMissing { table, heading, image } => {
                // Omitted under its heading is an error; published as a picture, or not
                // found at all, a warning.
                let severity = if heading.is_some() && !image { Severity::Error } else { RULE.severity };
                let fact = Fact::TableMissing { table: *table, heading_present: heading.is_some(), image: *image };
                out.push(ctx.finding(&RULE, severity, Vec::new(), fact));
            }
            Note::RowsMissing { table, rows } => {
                let fact = Fact::RowsMissing { table: *table, rows: rows.clone() };
                out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), fact));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::{findings_in_html, findings_in_text};

    #[test]
    fn headings_without_tables() {
        let found = findings_in_text(
            &RULE,
            "二、主动公开政府信息情况\n本年主动公开信息20条。\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n",
        );
        assert_eq!(
            found,
            "error [] +0 | 有“二、主动公开政府信息情况”部分的标题，但其下没有找到表二；表格缺失不能当作全为 0\n\
             error [] +0 | 有“三、收到和处理政府信息公开申请情况”部分的标题，但其下没有找到表三；表格缺失不能当作全为 0\n\
             error [] +0 | 有“四、政府信息公开行政复议、行政诉讼情况”部分的标题，但其下没有找到表四；表格缺失不能当作全为 0"
        );
    }

    #[test]
    fn tables_published_as_pictures_are_there_but_unread() {
        let html = "<p>二、主动公开政府信息情况</p><p><img src=\"t2.png\"></p><p>三、收到和处理政府信息公开申请情况</p><p><img src=\"t3.png\"></p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p>";
        let found = findings_in_html(&RULE, html);
        assert_eq!(
            found,
            "warning [] +0 | “主动公开政府信息情况”部分的表二似乎是图片，无法读取其中的数字，请对照原表人工核对\n\
             warning [] +0 | “收到和处理政府信息公开申请情况”部分的表三似乎是图片，无法读取其中的数字，请对照原表人工核对\n\
             error [] +0 | 有“四、政府信息公开行政复议、行政诉讼情况”部分的标题，但其下没有找到表四；表格缺失不能当作全为 0"
        );
    }

    #[test]
    fn no_table_at_all() {
        assert_eq!(findings_in_text(&RULE, "一段与年报无关的文字。").lines().count(), 3);
        assert!(findings_in_text(&RULE, "一段与年报无关的文字。").starts_with("warning [] +0 | 没有找到表二"));
    }

    #[test]
    fn rows_missing_from_a_table() {
        let found = findings_in_text(
            &RULE,
            "三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n",
        );
        assert!(found.contains("warning [] +0 | 表三缺少 24 行：二、上年结转政府信息公开申请数量、（一）予以公开"), "{found}");
    }
}
