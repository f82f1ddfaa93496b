//! `requests-outcome-total`: in 表三, each column's （七）总计 is the sum of its outcome rows.

use super::relations::arithmetic_findings;
use super::{Context, Rule};
use crate::model::{Finding, Relation, Severity};

pub static RULE: Rule =
    Rule { id: "requests-outcome-total", severity: Severity::Error, title: "表三办理结果合计不符", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "表三每一列的“（七）总计”应等于（一）予以公开、（二）部分公开、（三）不予公开 8 项、（四）无法提供 3 项、（五）不予处理 5 项、（六）其他处理（2019 年版 1 行，2021 年版 3 项）之和。依据：各办理结果互斥，“部分公开”一行注明“只计这一情形，不计其他情形”，每件申请只计一种结果。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    arithmetic_findings(ctx, &RULE, |r| matches!(r, Relation::OutcomeTotal(_)), out);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{bump, findings_after};

    #[test]
    fn holds_on_clean_tables_of_both_formats() {
        assert_eq!(findings_after(&RULE, Format::V2019, |_| {}), "");
        assert_eq!(findings_after(&RULE, Format::V2021, |_| {}), "");
    }

    #[test]
    fn a_wrong_outcome_total_is_the_cell_to_fix() {
        // The total of the column and its row total both change: the row of （七） balances
        // again only if its total changes too, so change both.
        let found = findings_after(&RULE, Format::V2021, |r| {
            bump(r, "requests.total.natural_person", -6);
            bump(r, "requests.total.total", -6);
        });
        let first = found.lines().next().unwrap();
        assert!(first.starts_with("error [requests.total.natural_person]"), "{found}");
        assert!(first.contains("表三「自然人」列：（七）总计应为"), "{found}");
        assert!(first.contains("（各办理结果之和），表中为"), "{found}");
        assert!(first.contains("相差 6"), "{found}");
    }

    #[test]
    fn the_2019_single_other_row_is_an_outcome() {
        let found = findings_after(&RULE, Format::V2019, |r| {
            bump(r, "requests.other.natural_person", 3);
            bump(r, "requests.other.total", 3);
        });
        assert!(found.contains("表三「自然人」列"), "{found}");
        assert!(found.contains("表三「总计」列"), "{found}");
    }

    #[test]
    fn one_application_in_the_wrong_column() {
        // Moved within （一）: every outcome row with an application of a 自然人 could hold it,
        // so the row cannot be told, and no cell is blamed (least of all （七）总计, which
        // the balance confirms).
        let found = findings_after(&RULE, Format::V2021, |r| {
            bump(r, "requests.granted.natural_person", 1);
            bump(r, "requests.granted.commercial", -1);
        });
        assert_eq!(found.lines().count(), 2, "{found}");
        assert!(found.lines().all(|l| l.starts_with("error [] ")), "{found}");
        assert!(
            found.contains("「自然人」多 1、「商业企业」少 1，而总计列相符：可能有 1 件申请计入了错误的列（无法确定是哪一行）"),
            "{found}"
        );
    }

    #[test]
    fn the_row_of_an_application_in_the_wrong_column_when_only_one_fits() {
        use crate::model::{CellKey, RequestCol, RequestRow};
        // No application of 其他 anywhere but the one that was miscounted in （二）: only that
        // row can give it back.
        let found = findings_after(&RULE, Format::V2021, |r| {
            let rows = RequestRow::rows_of(Format::V2021);
            for row in rows {
                crate::rules::testing::set(r, CellKey::Requests(*row, RequestCol::OtherOrg), 0);
            }
            // 一 = （七） + 四 − 二 again, and the row totals, with 其他 at zero.
            for row in rows {
                let parts: i64 =
                    RequestCol::ALL[..6].iter().map(|c| r.number(CellKey::Requests(*row, *c)).and_then(|n| n.to_i64()).unwrap()).sum();
                crate::rules::testing::set(r, CellKey::Requests(*row, RequestCol::Total), parts);
            }
            assert!(crate::rules::check(r).is_empty(), "consistent before the change");
            bump(r, "requests.partially_granted.legal_services", -1);
            bump(r, "requests.partially_granted.other_org", 1);
        });
        assert!(found.starts_with("error [requests.partially_granted.legal_services requests.partially_granted.other_org]"), "{found}");
        assert!(found.contains("可能是「（二）部分公开」行有 1 件申请计入了「其他」列，应计入「法律服务机构」列"), "{found}");
    }
}
