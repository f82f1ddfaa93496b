//! `late-publication`: published after 1月31日 of the following year.

use super::{Context, Rule};
use crate::model::{Date, Fact, Finding, Severity};

pub static RULE: Rule = Rule {
    id: "late-publication",
    severity: Severity::Warning,
    title: "发布时间晚于期限",
    explanation: "《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前公布本行政机关上一年度的年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年 3 月 31 日前公布本级政府上一年度的年度报告。本工具无法判断报告机关的层级，所以按 1 月 31 日提示，并在说明中注明汇总报告的 3 月 31 日期限。页面显示的发布日期只是一种说法，以实际发布为准。",
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let (Some(year), Some(published)) = (ctx.report.year, ctx.report.published.as_ref()) else { return };
    let Some(deadline) = Date::new(year + 1, 1, 31) else { return };
    // A date before the year even ended is a year mismatch, not a late publication.
    if published.value > deadline {
        out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), Fact::LatePublication { published: published.value, year }));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Date, Format, Located};
    use crate::rules::testing::{clean, show};

    fn check(published: (i32, u32, u32)) -> String {
        let mut report = clean(Format::V2021);
        report.published = Some(Located { value: Date::new(published.0, published.1, published.2).unwrap(), span: None });
        show(&crate::rules::check(&report), "late-publication")
    }

    #[test]
    fn on_time_and_late() {
        assert_eq!(check((2024, 1, 31)), "");
        assert_eq!(
            check((2024, 2, 20)),
            "warning [] +0 | 发布日期 2024-02-20 晚于 2024-01-31：县级以上人民政府部门应在 1 月 31 日前公布上一年度报告（本级人民政府的汇总报告期限为 3 月 31 日，如为汇总报告则未超期）"
        );
        assert!(check((2024, 4, 2)).contains("，也已超过）"));
    }
}
