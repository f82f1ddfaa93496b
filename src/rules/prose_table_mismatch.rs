//! `prose-table-mismatch`: a figure in the prose (“共收到政府信息公开申请72件”) differs from
//! the table's count of the same thing.

use super::{Context, Rule};
use crate::model::{AppealCol, AppealRow, CellKey, CellRef, Claimed, Decimal, Fact, Finding, RequestCol, RequestRow, Role, Severity};

pub static RULE: Rule =
    Rule { id: "prose-table-mismatch", severity: Severity::Warning, title: "正文与表格不一致", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "报告正文（通常在“一、总体情况”）引用的数字应与统计表一致：收到的申请件数与表三“本年新收”的总计（或“本年新收”加“上年结转”），上年结转件数与表三“上年结转”的总计，行政复议、行政诉讼件数与表四的总计。不一致时提醒核对；正文的数字有时只指本机关自身（如政府办公室），而表格是汇总数，因此只作提醒。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for claim in &ctx.report.claims {
        let cells: Vec<CellKey> = match claim.what {
            Claimed::NewRequests => vec![CellKey::Requests(RequestRow::New, RequestCol::Total)],
            Claimed::CarriedOver => vec![CellKey::Requests(RequestRow::CarriedOver, RequestCol::Total)],
            Claimed::Reviews => vec![CellKey::Appeals(AppealRow::Review, AppealCol::Total)],
            Claimed::Suits => vec![
                CellKey::Appeals(AppealRow::LitigationDirect, AppealCol::Total),
                CellKey::Appeals(AppealRow::LitigationAfterReview, AppealCol::Total),
            ],
        };
        let values: Option<Vec<Decimal>> = cells.iter().map(|c| ctx.report.number(*c)).collect();
        let Some(table) = values.and_then(Decimal::sum) else { continue };
        // "收到申请N件" often counts last year's carried-over applications too.
        let with_carried_over = (claim.what == Claimed::NewRequests)
            .then(|| ctx.report.number(CellKey::Requests(RequestRow::CarriedOver, RequestCol::Total)))
            .flatten()
            .and_then(|c| table.checked_add(c));
        if table != claim.value && with_carried_over != Some(claim.value) {
            let refs = cells.iter().map(|c| CellRef { cell: *c, role: Role::Related }).collect();
            let fact = Fact::ProseMismatch { what: claim.what, quote: claim.quote.clone(), stated: claim.value, table, span: claim.span };
            out.push(ctx.finding(&RULE, RULE.severity, refs, fact));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::{Claim, Claimed, Decimal, Format};
    use crate::rules::testing::{clean, findings_in_text, findings_of};

    #[test]
    fn a_figure_the_table_contradicts() {
        let mut report = clean(Format::V2021);
        let table = report.number(crate::model::CellKey::parse("requests.new.total").unwrap()).unwrap();
        report.claims.push(Claim {
            what: Claimed::NewRequests,
            value: Decimal::from_int(72),
            quote: "共收到政府信息公开申请72件".into(),
            span: None,
        });
        let found = findings_of(&RULE, &report);
        assert!(
            found.starts_with("warning [] +1 | 正文说“共收到政府信息公开申请72件”，而表三“本年新收政府信息公开申请数量”的总计为 "),
            "{found}"
        );
        // The same figure as the table: nothing to say.
        report.claims[0].value = table;
        assert_eq!(findings_of(&RULE, &report), "");
    }

    #[test]
    fn read_from_a_report() {
        let text = "一、总体情况\n本局共收到政府信息公开申请9件，上年结转0件。\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n";
        let found = findings_in_text(&RULE, text);
        assert_eq!(
            found,
            "warning [] +1 | 正文说“本局共收到政府信息公开申请9件”，而表三“本年新收政府信息公开申请数量”的总计为 5 件，两者相差 4：请核对（正文的数字也可能只指本机关的一部分）"
        );
    }
}
