//! `year-mismatch`: the years of the title, the statistics period and the publication date
//! disagree.

use super::{Context, Rule};
use crate::model::{Fact, Finding, Severity};

pub static RULE: Rule = Rule { id: "year-mismatch", severity: Severity::Warning, title: "年份不一致", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "标题中的年度、统计期限（应为该年 1 月 1 日至 12 月 31 日）和发布日期（应在次年）应当一致。年份对不上，常见于沿用上一年的报告只改了部分年份。";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let report = ctx.report;
    let title = report.title_year.as_ref().map(|y| y.value);
    let period = report.period_year.as_ref().map(|y| y.value);
    let published = report.published.as_ref().map(|d| d.value);
    let year = title.or(period);
    let title_vs_period = matches!((title, period), (Some(a), Some(b)) if a != b);
    // A report on year N is published in N+1; before N ends it cannot be, and two years on
    // the year was most likely not updated.
    let date_off = matches!((year, published), (Some(y), Some(d)) if d.year <= y || d.year > y + 1);
    if title_vs_period || date_off {
        out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), Fact::YearMismatch { title, period, published }));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::{Date, Format, Located};
    use crate::rules::testing::{clean, findings_of};

    #[test]
    fn title_and_period_disagree() {
        let mut report = clean(Format::V2021);
        report.period_year = Some(Located { value: 2022, span: None });
        assert_eq!(findings_of(&RULE, &report), "warning [] +0 | 年份不一致：标题为 2023 年，统计期限为 2022 年，发布日期为 2024-01-20");
    }

    #[test]
    fn published_before_the_year_ended() {
        let mut report = clean(Format::V2021);
        report.published = Some(Located { value: Date::new(2023, 12, 30).unwrap(), span: None });
        assert!(findings_of(&RULE, &report).contains("发布日期为 2023-12-30"));
    }

    #[test]
    fn consistent_years() {
        assert_eq!(findings_of(&RULE, &clean(Format::V2021)), "");
    }
}
