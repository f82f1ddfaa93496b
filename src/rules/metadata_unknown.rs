//! `metadata-unknown`: the report's year, issuing body or publication date was not found,
//! so the checks that depend on them were not made (or, for the body, made on an
//! assumption). Without this finding those checks would pass silently.

use super::{Context, Rule};
use crate::model::{Fact, Finding, Severity, SkippedCheck};

pub static RULE: Rule =
    Rule { id: "metadata-unknown", severity: Severity::Warning, title: "未能识别年度、机关或日期", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "报告的年度（标题、统计期限或发布日期中的年份）、发布机关（标题、落款或网页的“发布机构”）和发布日期是几项检查的依据：没有年度，无法核对表格格式是否符合年度（格式版本不符）、各处年份是否一致（年份不一致）和是否按期发布（发布时间晚于期限）；没有发布日期，无法核对是否按期发布；没有发布机关，无法判断报告机关的层级，是否按期发布只能按部门的 1 月 31 日期限检查。找不到时本工具说明哪些检查因此未做，而不是当作没有问题。常见于年报模板的标题和年份未填写，或只粘贴了正文而没有标题。只缺发布日期时（如从 PDF 复制的文字中没有日期）为提示。";

/// One finding when anything is missing, naming everything missing and every check it
/// left undone. Text that is no report at all (no table, no part) gets none: the page and
/// the command line say already that no report was found in it.
fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let report = ctx.report;
    if report.tables.is_empty() && report.parts.is_empty() {
        return;
    }
    let (year, published, body) = (report.year.is_none(), report.published.is_none(), report.body.is_none());
    if !(year || published || body) {
        return;
    }
    let mut unchecked = Vec::new();
    if year {
        // The year-by-format check needs a format, which the tables show when they are read.
        if report.format.is_some() {
            unchecked.push(SkippedCheck::FormatByYear);
        }
        unchecked.push(SkippedCheck::Years);
    }
    if year || published {
        unchecked.push(SkippedCheck::Deadline);
    } else if body {
        unchecked.push(SkippedCheck::DeadlineAssumed);
    }
    // A missing year or body is a gap in the report (a template left unfilled, a title not
    // pasted); a missing date is common where the text carries none (a PDF's), and only
    // worth knowing.
    let severity = if year || body { Severity::Warning } else { Severity::Info };
    out.push(ctx.finding(&RULE, severity, Vec::new(), Fact::MetadataUnknown { year, published, body, unchecked }));
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::{Format, SkippedCheck};
    use crate::rules::testing::{findings_after, findings_in_text};

    #[test]
    fn a_template_left_unfilled_names_every_check_it_left_undone() {
        let found = findings_after(&RULE, Format::V2021, |r| {
            r.year = None;
            r.title_year = None;
            r.period_year = None;
            r.published = None;
            r.body = None;
        });
        assert_eq!(
            found,
            "warning [] +0 | 未能识别报告年度、发布日期和发布机关，以下检查因此未能进行：“格式版本不符”“年份不一致”“发布时间晚于期限”"
        );
    }

    #[test]
    fn an_unknown_body_says_which_deadline_was_assumed() {
        let found = findings_after(&RULE, Format::V2021, |r| r.body = None);
        assert!(
            found.starts_with(
                "warning [] +0 | 未能识别发布机关，无法判断报告机关的层级：“发布时间晚于期限”按县级以上人民政府部门的 1 月 31 日期限检查"
            ),
            "{found}"
        );
    }

    #[test]
    fn an_unknown_date_alone_is_worth_knowing() {
        assert_eq!(
            findings_after(&RULE, Format::V2021, |r| r.published = None),
            "info [] +0 | 未能识别发布日期，以下检查因此未能进行：“发布时间晚于期限”"
        );
    }

    #[test]
    fn nothing_when_everything_is_known_or_nothing_is_a_report() {
        assert_eq!(findings_after(&RULE, Format::V2021, |_| {}), "");
        assert_eq!(findings_in_text(&RULE, "这不是年报"), "");
    }

    #[test]
    fn the_unchecked_rules_are_named_as_the_registry_names_them() {
        for unchecked in [SkippedCheck::FormatByYear, SkippedCheck::Years, SkippedCheck::Deadline, SkippedCheck::DeadlineAssumed] {
            let rule = crate::rules::rule(unchecked.rule()).expect("a rule of the registry");
            assert_eq!(unchecked.rule_title(), rule.title, "{}", rule.id);
        }
    }

    /// A paste of the body without its title: the tables and the prose, no year anywhere.
    #[test]
    fn a_paste_without_the_title() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/samples/hongze-district-2024.pdf.txt")).unwrap();
        let body = &text[text.find("一、总体情况").expect("part one")..];
        let body = body.replace("2024", "").replace("2025", "");
        let found = findings_in_text(&RULE, &body);
        assert!(found.starts_with("warning [] +0 | 未能识别报告年度、发布日期和发布机关，以下检查因此未能进行：“格式版本不符”"), "{found}");
    }
}
