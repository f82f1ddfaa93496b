//! `requests-row-total`: in 表三, each row's 总计 is the sum of its six applicant columns.

use super::relations::arithmetic_findings;
use super::{Context, Rule};
use crate::model::{Finding, Relation, Severity};

pub static RULE: Rule = Rule { id: "requests-row-total", severity: Severity::Error, title: "表三行合计不符", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六类申请人之和。依据：年报格式中“总计”列位于“申请人情况”之下，是各类申请人的合计（国办公开办函〔2019〕60号、〔2021〕30号格式）。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    arithmetic_findings(ctx, &RULE, |r| matches!(r, Relation::RowTotal(_)), out);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{blank, bump, clean, findings_after, show};

    #[test]
    fn holds_on_a_clean_table() {
        assert_eq!(findings_after(&RULE, Format::V2021, |_| {}), "");
    }

    #[test]
    fn a_wrong_total_is_the_cell_to_fix() {
        // （一）予以公开: 0+3+1+4+2+0 = 10; the 总计 column's outcome relation breaks too
        // and crosses the row at the same cell.
        assert_eq!(
            findings_after(&RULE, Format::V2021, |r| bump(r, "requests.granted.total", 2)),
            "error [requests.granted.total] +6 | 表三「（一）予以公开」行：总计应为 10（0+3+1+4+2+0），表中为 12，相差 2；所在的行和列都对不上，两者交汇于表三「（一）予以公开」行「总计」列，最可能是这一格有误"
        );
    }

    #[test]
    fn a_wrong_part_crossing_a_broken_column_is_the_cell_to_fix() {
        let found = findings_after(&RULE, Format::V2021, |r| bump(r, "requests.granted.commercial", 1));
        assert!(found.starts_with("error [requests.granted.commercial] +6 |"), "{found}");
        assert!(found.contains("两者交汇于表三「（一）予以公开」行「商业企业」列"), "{found}");
    }

    #[test]
    fn two_wrong_cells_in_a_crossing_row_and_column_are_each_their_relations_total() {
        // （一）予以公开's 总计 one too many, and 商业企业's （七）总计 two too many: the row and
        // the column cross at （一）予以公开·商业企业, but no one change to it repairs both
        // (+1 for the row, +2 for the column), so it is not blamed; each finding points at
        // its own total.
        let mut report = clean(Format::V2021);
        bump(&mut report, "requests.granted.total", 1);
        bump(&mut report, "requests.total.commercial", 2);
        bump(&mut report, "requests.total.total", 1);
        let findings = crate::rules::check(&report);
        let row = show(&findings, RULE.id);
        assert!(row.starts_with("error [requests.granted.total] +6 |"), "{row}");
        assert!(!row.contains("交汇于表三「（一）予以公开」行「商业企业」列"), "{row}");
        let column = show(&findings, "requests-outcome-total");
        assert!(column.contains("error [requests.total.commercial]"), "{column}");
        assert!(findings.iter().all(|f| !f.primary_cells().any(|c| c.to_string() == "requests.granted.commercial")), "{findings:#?}");
    }

    #[test]
    fn a_blank_operand_is_not_a_broken_relation() {
        assert_eq!(findings_after(&RULE, Format::V2021, |r| blank(r, "requests.granted.total")), "");
    }

    #[test]
    fn adjacent_single_digits_that_repair_the_total() {
        // 1 5 read as two cells where the row total says 15.
        let found = findings_after(&RULE, Format::V2021, |r| {
            crate::rules::testing::set_text(r, "requests.rejected_duplicate.natural_person", "1");
            crate::rules::testing::set_text(r, "requests.rejected_duplicate.commercial", "5");
            for col in ["research", "social_welfare", "legal_services", "other_org"] {
                crate::rules::testing::set_text(r, &format!("requests.rejected_duplicate.{col}"), "0");
            }
            crate::rules::testing::set_text(r, "requests.rejected_duplicate.total", "15");
        });
        assert!(found.contains("[requests.rejected_duplicate.natural_person requests.rejected_duplicate.commercial]"), "{found}");
        assert!(found.contains("两格连起来是 15"), "{found}");
    }
}
