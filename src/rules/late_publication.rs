//! `late-publication`: published after 1月31日 of the following year.

use super::{Context, Rule};
use crate::model::{Date, Deadline, Fact, Finding, Severity};

pub static RULE: Rule = Rule { id: "late-publication", severity: Severity::Warning, title: "发布时间晚于期限", check: Some(check) };

/// What the rule checks and why ([`Rule::explanation`](super::Rule::explanation)).
pub(super) const EXPLANATION: &str = "《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前公布本行政机关上一年度的年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年 3 月 31 日前公布本级政府上一年度的年度报告。本工具按报告是谁的报告判断层级：先看标题中的报告机关，标题未写明的看落款，再看网页的“发布机构”（如“平潭综合实验区2023年度……年度报告”是实验区本级的报告，即使由管委会办公室发布）。报告机关是省、市、区、县、旗、州、盟，或开发区、新区、实验区及其管委会的，按本级政府的 3 月 31 日；乡镇、街道的报告条例未规定期限，不提示；其他机关（各部门，包括政府办公室自身的报告，以及无法判断的）按 1 月 31 日提示，并注明汇总报告的 3 月 31 日期限。页面显示的发布日期只是一种说法，以实际发布为准。";

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

/// What kind of body a report is of, as far as its name tells. The name is the report's
/// subject as the title names it, else the body that signs it, else the page's publisher
/// (`parse::meta::read`), so that a region's report published by the office that compiles
/// it is the region's.
#[derive(Debug, PartialEq, Eq)]
enum Level {
    /// A 乡, 镇, 苏木 or 街道 (or its 人民政府, 办事处): 条例第四十九条 sets it no deadline.
    Township,
    /// A region itself, whose report is the 本级政府 report due by 3月31日: a province, city,
    /// district, county, banner, prefecture or league ("东湖区", "淮安市洪泽区人民政府"), or a
    /// development zone, new area or pilot zone with its administration ("平潭综合实验区",
    /// "某某经济技术开发区管委会"), whose report is the zone's.
    Government,
    /// A department (局, 委员会, 办公室, 中心…, including a government's 办公室 or 办公厅,
    /// whose own report is a department's), or a body the name does not place.
    Department,
}

/// How a region's name ends: a level of region (自治区, 自治州, 自治县, 特别行政区 and the
/// zones, "…开发区", "…工业园区", end so too).
const REGION_ENDINGS: &[&str] = &["省", "市", "区", "县", "旗", "州", "盟"];

/// How a township's name ends, with or without its 人民政府 or 办事处.
const TOWNSHIP_ENDINGS: &[&str] = &["镇", "乡", "苏木", "街道", "街道办事处", "街道办"];

fn level(body: &str) -> Level {
    let body = body.trim();
    // "东湖区人民政府", "某某县政府" are the region's government; "某某区人民政府办公室" ends
    // otherwise, and is a department.
    let region = ["人民政府", "政府"].iter().find_map(|s| body.strip_suffix(s)).unwrap_or(body);
    if TOWNSHIP_ENDINGS.iter().any(|s| region.ends_with(s)) {
        return Level::Township;
    }
    // A zone's administration: "某某经济开发区管委会", "某某新区管理委员会". Not a city's
    // "城市管理委员会", a department: the zone's name must end with 区 or 园.
    let zone = ["管委会", "管理委员会"].iter().find_map(|s| region.strip_suffix(s));
    if zone.is_some_and(|z| z.ends_with(['区', '园'])) {
        return Level::Government;
    }
    if REGION_ENDINGS.iter().any(|s| region.ends_with(s)) { Level::Government } else { Level::Department }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::model::{Date, Format, Located};
    use crate::rules::testing::{clean, findings_after, findings_in_text, findings_of, show};

    /// The findings on the clean report (a department's, on 2023) published on this day.
    fn published_on(year: i32, month: u32, day: u32) -> String {
        findings_after(&RULE, Format::V2021, |r| r.published = Some(Located { value: Date::new(year, month, day).unwrap(), span: None }))
    }

    #[test]
    fn the_level_of_the_body() {
        use super::{Level, level};
        let cases = [
            // Regions: provinces, cities, districts, counties, banners, prefectures, leagues.
            ("福建省人民政府", Level::Government),
            ("浙江省", Level::Government),
            ("江西省南昌市", Level::Government),
            ("南昌市人民政府", Level::Government),
            ("东湖区", Level::Government),
            ("淮安市洪泽区人民政府", Level::Government),
            ("沭阳县人民政府", Level::Government),
            ("某某县政府", Level::Government),
            ("内蒙古自治区人民政府", Level::Government),
            ("延边朝鲜族自治州", Level::Government),
            ("长阳土家族自治县人民政府", Level::Government),
            ("鄂托克旗人民政府", Level::Government),
            ("锡林郭勒盟", Level::Government),
            // Zones and their administrations.
            ("平潭综合实验区", Level::Government),
            ("苏州工业园区", Level::Government),
            ("某某经济技术开发区管委会", Level::Government),
            ("雄安新区管理委员会", Level::Government),
            ("某某高新区管委会", Level::Government),
            ("平潭综合实验区管理委员会", Level::Government),
            // Townships and 街道: no deadline.
            ("王集镇人民政府", Level::Township),
            ("沭阳县胡集镇", Level::Township),
            ("某某乡人民政府", Level::Township),
            ("某某街道办事处", Level::Township),
            ("某某区某某街道", Level::Township),
            ("某某苏木", Level::Township),
            // Departments, a government's office among them, and a city's 城市管理委员会.
            ("上海市人民政府办公厅", Level::Department),
            ("淮安市洪泽区人民政府办公室", Level::Department),
            ("平潭综合实验区管委会办公室", Level::Department),
            ("沭阳县发展和改革局", Level::Department),
            ("南平市住房和城乡建设局", Level::Department),
            ("某某市城市管理委员会", Level::Department),
            ("某某区城市管理委员会", Level::Department),
            ("某某市政务服务数据管理中心", Level::Department),
            ("某某局", Level::Department),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(name, want)| level(name) != *want)
            .map(|(name, want)| format!("{name}: {:?}, not {want:?}", level(name)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// The body is whose report it is (the title's subject), not who published the page:
    /// the zone's report published in March by the office that compiles it is on time.
    #[test]
    fn a_zones_report_published_by_its_office_is_held_to_31_march() {
        let text = "平潭综合实验区2023年度政府信息公开工作年度报告\n发布机构：平潭综合实验区管委会办公室　发布日期：2024-03-20\n正文。\n";
        let checked = crate::check_text(text);
        assert_eq!(checked.report.body.as_deref(), Some("平潭综合实验区"));
        assert_eq!(show(&checked.findings, RULE.id), "");
        let april = findings_in_text(&RULE, &text.replace("2024-03-20", "2024-04-08"));
        assert!(april.contains("晚于 2024-03-31：本级人民政府"), "{april}");
        // The office's own report is a department's.
        let office = crate::check_text(&text.replace("平潭综合实验区2023年度", "平潭综合实验区管委会办公室2023年度"));
        assert!(show(&office.findings, RULE.id).contains("晚于 2024-01-31"));
    }

    #[test]
    fn a_government_is_held_to_31_march() {
        let mut report = clean(Format::V2021);
        report.body = Some("东湖区人民政府".to_string());
        report.published = Some(Located { value: Date::new(2024, 3, 20).unwrap(), span: None });
        assert_eq!(findings_of(&RULE, &report), "");
        report.published = Some(Located { value: Date::new(2024, 4, 2).unwrap(), span: None });
        assert_eq!(
            findings_of(&RULE, &report),
            "warning [] +0 | 发布日期 2024-04-02 晚于 2024-03-31：本级人民政府应在 3 月 31 日前公布上一年度的政府信息公开工作年度报告"
        );
        report.body = Some("王集镇人民政府".to_string());
        assert_eq!(findings_of(&RULE, &report), "", "no deadline for a township");
    }

    #[test]
    fn on_time_and_late() {
        assert_eq!(published_on(2024, 1, 31), "");
        assert_eq!(
            published_on(2024, 2, 20),
            "warning [] +0 | 发布日期 2024-02-20 晚于 2024-01-31：县级以上人民政府部门应在 1 月 31 日前公布上一年度报告（本级人民政府的汇总报告期限为 3 月 31 日，如为汇总报告则未超期）"
        );
        assert!(published_on(2024, 4, 2).contains("，也已超过）"));
    }
}
