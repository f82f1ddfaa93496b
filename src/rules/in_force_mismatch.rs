//! `in-force-mismatch`: 2021 表二: 现行有效件数 is not the previous year's 现行有效件数 plus this
//! year's 本年制发件数 minus 本年废止件数 (formats.md T2-X1). Only between two reports in the
//! 2021 format: the 2019 format has no 现行有效件数.

use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, Format, ProactiveCol, Role, Severity, continued_rows};

pub static RULE: Rule =
    Rule { id: "in-force-mismatch", severity: Severity::Warning, title: "现行有效件数与上一年度不衔接", check: None };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "2021 年版表二中，本年的现行有效件数，一般等于同一机关上一年度报告的现行有效件数，加本年制发件数，减本年废止件数（规章、行政规范性文件两行）。两份报告都打开时才核对，且两份都须为 2021 年版格式。这一关系不是格式规定的，修订的文件计入制发、文件自然失效未计入废止等情况都可能使两者合理地不等，因此只作提醒。任一格空白或未能读取时不核对。";

/// Run by `check_across` (not through the registry: see `Rule::check`).
pub(super) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(across) = ctx.across else { return };
    let Some((index, previous_report)) = across.previous else { return };
    for row in continued_rows(Format::V2021) {
        let key = |col| CellKey::Proactive(*row, col);
        let number = |col| across.me.number(key(col));
        let (Some(in_force), Some(issued), Some(repealed)) =
            (number(ProactiveCol::InForce), number(ProactiveCol::Issued), number(ProactiveCol::Repealed))
        else {
            continue;
        };
        let Some(previous) = previous_report.proactive(key(ProactiveCol::InForce)) else { continue };
        let Some(expected) = previous.checked_add(issued).and_then(|s| s.checked_sub(repealed)) else { continue };
        if expected != in_force {
            let cells = vec![
                CellRef { cell: key(ProactiveCol::InForce), role: Role::Primary },
                CellRef { cell: key(ProactiveCol::Issued), role: Role::Related },
                CellRef { cell: key(ProactiveCol::Repealed), role: Role::Related },
            ];
            let other = across.other(index, previous_report, vec![(key(ProactiveCol::InForce), previous)]);
            out.push(ctx.finding(&RULE, RULE.severity, cells, Fact::InForce { other, row: *row, previous, issued, repealed, in_force }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{blank, bump, clean, continued_by, findings_across};

    #[test]
    fn in_force_continues_from_last_year() {
        let report = clean(Format::V2021);
        let mut previous = continued_by(&report);
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "");
        bump(&mut previous, "proactive.normative_documents.in_force", -2);
        assert_eq!(
            findings_across(&RULE, &report, Some(&previous), &[]),
            "warning [proactive.normative_documents.in_force] +2 | 表二「行政规范性文件」现行有效件数为 13，而 2022 年度报告“上年.txt”的现行有效件数 16 加本年制发 3、减本年废止 8 为 11，相差 2（修订、失效等情况也可能使两者不等，请核实）"
        );
        blank(&mut previous, "proactive.normative_documents.in_force");
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "", "blank is not zero");
    }

    #[test]
    fn only_within_the_2021_format() {
        // A 2021 report after a 2020 report in the 2019 format: nothing to continue from.
        let mut report = clean(Format::V2021);
        report.year = Some(2021);
        let mut previous = clean(Format::V2019);
        previous.year = Some(2020);
        assert_eq!(findings_across(&RULE, &report, Some(&previous), &[]), "");
    }
}
