//! `format-mismatch`: the tables are in the other format than the year calls for, or mix
//! both formats.

use super::{Context, Rule};
use crate::model::{CellKey, CellRef, Fact, Finding, Format, MixedFormat, Note, RequestCol, RequestRow, Role, Severity};

pub static RULE: Rule = Rule { id: "format-mismatch", severity: Severity::Warning, title: "格式版本不符", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "2019、2020 年度的报告应使用 2019 年版格式（国办公开办函〔2019〕60号）；2021 年度及以后应使用 2021 年版格式（国办公开办函〔2021〕30号）。2021 年版表二改为“本年制发件数/本年废止件数/现行有效件数”等列并删去政府集中采购，表三“（六）其他处理”分为三个子项。用错版本，或两版混用（如 2021 年版表三的“（六）其他处理”只有一行），都会提示。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if let (Some(year), Some(found)) = (ctx.report.year, ctx.report.format) {
        let expected = Format::for_year(year);
        if found != expected {
            out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), Fact::FormatMismatch { year, found, expected }));
        }
    }
    for note in &ctx.report.notes {
        let Note::MixedFormat { detail, .. } = note else { continue };
        let row = match detail {
            MixedFormat::SingleOtherRowIn2021 => Some(RequestRow::Other),
            MixedFormat::OtherSubRowsIn2019 => Some(RequestRow::OtherNoCorrection),
            MixedFormat::TablesDisagree { .. } => None,
        };
        let cells = row
            .map(|row| {
                RequestCol::ALL
                    .iter()
                    .map(|c| CellKey::Requests(row, *c))
                    .filter(|c| ctx.report.cell(*c).is_some())
                    .map(|cell| CellRef { cell, role: Role::Related })
                    .collect()
            })
            .unwrap_or_default();
        out.push(ctx.finding(&RULE, RULE.severity, cells, Fact::FormatMixed { mixed: *detail }));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::Format;
    use crate::rules::testing::{clean, findings_in_text, findings_of};

    #[test]
    fn the_2019_format_used_for_a_2023_report() {
        let mut report = clean(Format::V2019);
        report.year = Some(2023);
        assert_eq!(
            findings_of(&RULE, &report),
            "warning [] +0 | 这是 2023 年度的报告，应使用2021年版格式（国办公开办函〔2021〕30号），但表格使用的是2019年版格式（国办公开办函〔2019〕60号）"
        );
    }

    #[test]
    fn a_2021_table_with_a_single_other_row() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/samples/hongze-district-2024.pdf.txt")).unwrap();
        let found = findings_in_text(&RULE, &text);
        assert_eq!(
            found,
            "warning [] +7 | 表三按 2021 年版格式填写，但“（六）其他处理”只有一行，缺少 2021 年版的三个子项（1.逾期不补正、2.逾期未缴费、3.其他）"
        );
    }
}
