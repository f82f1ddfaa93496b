//! `late-publication`: published after 1月31日 of the following year.

use super::{Context, Rule};
use crate::model::{Date, Deadline, Fact, Finding, Severity};

pub static RULE: Rule = Rule {
    id: "late-publication",
    severity: Severity::Warning,
    title: "发布时间晚于期限",
    explanation: "《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前公布本行政机关上一年度的年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年 3 月 31 日前公布本级政府上一年度的年度报告。本工具从报告机关的名称判断层级：名称是某地人民政府或地名本身（如“东湖区”“淮安市洪泽区人民政府”）的，按本级政府的 3 月 31 日；乡镇、街道的报告条例未规定期限，不提示；其他机关（各部门，以及无法判断的）按 1 月 31 日提示，并注明汇总报告的 3 月 31 日期限。页面显示的发布日期只是一种说法，以实际发布为准。",
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let (Some(year), Some(published)) = (ctx.report.year, ctx.report.published.as_ref()) else { return };
    let deadline = match ctx.report.body.as_deref().map(level) {
        Some(Level::Township) => return,
        Some(Level::Government) => Deadline::Government,
        Some(Level::Department) | None => Deadline::Departments,
    };
    let month = if deadline == Deadline::Government { 3 } else { 1 };
    let Some(last_day) = Date::new(year + 1, month, 31) else { return };
    // A date before the year even ended is a year mismatch, not a late publication.
    if published.value > last_day {
        out.push(ctx.finding(&RULE, RULE.severity, Vec::new(), Fact::LatePublication { published: published.value, year, deadline }));
    }
}

/// What kind of body issues a report, as far as its name tells.
#[derive(Debug, PartialEq, Eq)]
enum Level {
    /// A 乡, 镇 or 街道: 条例第四十九条 sets it no deadline.
    Township,
    /// A 县级以上地方人民政府 itself ("东湖区", "淮安市洪泽区人民政府"): the 本级政府 report.
    Government,
    /// A department, or a body the name does not place.
    Department,
}

fn level(body: &str) -> Level {
    let body = body.trim();
    let township = ["镇人民政府", "乡人民政府", "街道办事处", "镇", "乡", "街道", "苏木"];
    if township.iter().any(|s| body.ends_with(s)) {
        return Level::Township;
    }
    // A government itself is named by its region (ending in a level of region) or as the
    // region's 人民政府; a department's name ends otherwise (局, 委员会, 办公室, 中心…).
    let region = ["省", "市", "区", "县", "旗", "州", "盟", "自治区", "自治州", "自治县"];
    let name = body.strip_suffix("人民政府").unwrap_or(body);
    if region.iter().any(|s| name.ends_with(s)) {
        Level::Government
    } else {
        Level::Department
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
    fn the_level_of_the_body() {
        use super::{Level, level};
        assert_eq!(level("东湖区"), Level::Government);
        assert_eq!(level("淮安市洪泽区人民政府"), Level::Government);
        assert_eq!(level("平潭综合实验区"), Level::Government);
        assert_eq!(level("王集镇人民政府"), Level::Township);
        assert_eq!(level("某某街道办事处"), Level::Township);
        assert_eq!(level("上海市人民政府办公厅"), Level::Department);
        assert_eq!(level("沭阳县发展和改革局"), Level::Department);
    }

    #[test]
    fn a_government_is_held_to_31_march() {
        let mut report = clean(Format::V2021);
        report.body = Some("东湖区人民政府".to_string());
        report.published = Some(Located { value: Date::new(2024, 3, 20).unwrap(), span: None });
        assert_eq!(show(&crate::rules::check(&report), "late-publication"), "");
        report.published = Some(Located { value: Date::new(2024, 4, 2).unwrap(), span: None });
        assert_eq!(
            show(&crate::rules::check(&report), "late-publication"),
            "warning [] +0 | 发布日期 2024-04-02 晚于 2024-03-31：本级人民政府应在 3 月 31 日前公布上一年度的政府信息公开工作年度报告"
        );
        report.body = Some("王集镇人民政府".to_string());
        assert_eq!(show(&crate::rules::check(&report), "late-publication"), "", "no deadline for a township");
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
