//! Test support: consistent synthetic reports to break one cell at a time, and one compact
//! rendering of findings that every rule's tests assert against ([`show`]), with the ways the
//! rules' tests get a rule's findings: on a report ([`findings_of`]), on a clean report changed
//! ([`findings_after`]), on a text or a page read and checked ([`findings_in_text`],
//! [`findings_in_html`]), across reports ([`findings_across`]).

use super::Rule;
use crate::model::{
    AppealCol, AppealRow, Cell, CellKey, Date, Decimal, Finding, Format, Located, Part, Report, RequestCol, RequestRow, Role, Table,
    TableRead, Unit, Value,
};

/// A complete report in `format` whose every relation holds, with non-zero values in most
/// cells so that a change anywhere shows.
pub fn clean(format: Format) -> Report {
    let year = if format == Format::V2019 { 2019 } else { 2023 };
    let mut report = Report {
        format: Some(format),
        year: Some(year),
        title: Some(format!("某某局{year}年政府信息公开工作年度报告")),
        body: Some("某某局".to_string()),
        published: Some(Located { value: Date::new(year + 1, 1, 20).unwrap(), span: None }),
        title_year: Some(Located { value: year, span: None }),
        period_year: Some(Located { value: year, span: None }),
        ..Report::default()
    };
    for part in Part::ALL {
        report.parts.insert(*part, None);
    }
    for table in Table::ALL {
        report.tables.insert(*table, TableRead { table: *table, span: None, format: Some(format), missing_rows: Vec::new() });
    }
    for (i, cell) in CellKey::all_of(Table::Proactive, format).into_iter().enumerate() {
        set(&mut report, cell, (i as i64 * 5) % 13 + 1);
    }
    if format == Format::V2019 {
        set_text(&mut report, "proactive.procurement.amount", "2万元");
    }
    // 表三: outcome rows carry a pattern; （七）, 一, 二, 四 and the totals follow from it.
    let rows = RequestRow::rows_of(format);
    let applicant = &RequestCol::ALL[..6];
    for (j, col) in applicant.iter().enumerate() {
        let mut outcome_sum = 0;
        for (i, row) in rows.iter().filter(|r| r.is_outcome()).enumerate() {
            let value = ((i * 7 + j * 3) % 5) as i64;
            set(&mut report, CellKey::Requests(*row, *col), value);
            outcome_sum += value;
        }
        let carried_over = (j % 3) as i64 + 1;
        let carried_forward = (j % 2) as i64 + 2;
        set(&mut report, CellKey::Requests(RequestRow::Total, *col), outcome_sum);
        set(&mut report, CellKey::Requests(RequestRow::CarriedOver, *col), carried_over);
        set(&mut report, CellKey::Requests(RequestRow::CarriedForward, *col), carried_forward);
        set(&mut report, CellKey::Requests(RequestRow::New, *col), outcome_sum + carried_forward - carried_over);
    }
    for row in rows {
        let sum: i64 = applicant.iter().map(|c| int(&report, CellKey::Requests(*row, *c))).sum();
        set(&mut report, CellKey::Requests(*row, RequestCol::Total), sum);
    }
    for (i, row) in AppealRow::ALL.iter().enumerate() {
        let parts = [3 + i as i64, 1, i as i64, 2];
        for (col, value) in AppealCol::ALL[..4].iter().zip(parts) {
            set(&mut report, CellKey::Appeals(*row, *col), value);
        }
        set(&mut report, CellKey::Appeals(*row, AppealCol::Total), parts.iter().sum());
    }
    report
}

/// Sets a cell to a whole number.
pub fn set(report: &mut Report, cell: CellKey, value: i64) {
    report
        .cells
        .insert(cell, Cell { value: Value::Number(Decimal::from_int(value)), raw: value.to_string(), span: None, unit: Unit::None });
}

/// Sets a cell by name to a number written as text ("12", "2.5", "-3").
pub fn set_text(report: &mut Report, name: &str, text: &str) {
    let cell = CellKey::parse(name).expect("cell name");
    let (value, unit, _) = crate::parse::tokens::parse_number(text).expect("a number");
    report.cells.insert(cell, Cell { value: Value::Number(value), raw: text.to_string(), span: None, unit });
}

/// Makes a cell blank.
pub fn blank(report: &mut Report, name: &str) {
    let cell = CellKey::parse(name).expect("cell name");
    report.cells.insert(cell, Cell { value: Value::Blank, raw: String::new(), span: None, unit: Unit::None });
}

/// Adds `delta` to a cell by name.
pub fn bump(report: &mut Report, name: &str, delta: i64) {
    let cell = CellKey::parse(name).expect("cell name");
    let value = int(report, cell) + delta;
    set(report, cell, value);
}

fn int(report: &Report, cell: CellKey) -> i64 {
    report.number(cell).and_then(Decimal::to_i64).unwrap_or(0)
}

/// The findings of `rule` on `report`, as [`show`] renders them.
pub fn findings_of(rule: &Rule, report: &Report) -> String {
    show(&super::check(report), rule.id)
}

/// The findings of `rule` on the clean report of `format` after `change`, as [`show`] renders
/// them.
pub fn findings_after(rule: &Rule, format: Format, change: impl FnOnce(&mut Report)) -> String {
    let mut report = clean(format);
    change(&mut report);
    findings_of(rule, &report)
}

/// The findings of `rule` on a report read from `text`, as [`show`] renders them.
pub fn findings_in_text(rule: &Rule, text: &str) -> String {
    show(&crate::check_text(text).findings, rule.id)
}

/// The findings of `rule` on a report read from the web page `html`, as [`show`] renders them.
pub fn findings_in_html(rule: &Rule, html: &str) -> String {
    show(&crate::check_html(html).findings, rule.id)
}

/// The findings of one rule, one per line: severity, primary cells, other cells, message.
///
/// A `rule` that is no id of the registry panics: a misspelt id would otherwise select no
/// finding, and a test expecting none would pass whatever the rule does.
pub fn show(findings: &[Finding], rule: &str) -> String {
    assert!(super::rule(rule).is_some(), "no rule {rule:?} in the registry (rules::RULES)");
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let names = |role| f.cells.iter().filter(|c| c.role == role).map(|c| c.cell.to_string()).collect::<Vec<_>>();
            let primary = names(Role::Primary);
            let related = names(Role::Related).len();
            format!("{} [{}] +{related} | {}", f.severity.key(), primary.join(" "), f.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
#[should_panic(expected = "no rule \"requests-row-totals\" in the registry")]
fn a_rule_id_not_in_the_registry_fails_the_test() {
    show(&[], "requests-row-totals");
}

#[test]
fn clean_reports_have_no_findings() {
    for format in [Format::V2019, Format::V2021] {
        let findings = super::check(&clean(format));
        assert!(findings.is_empty(), "{format}: {findings:#?}");
    }
}

/// The findings of `rule`, one of the rules across reports, for `report`, with `previous` as
/// the previous year's report (named “上年.txt”, at position 0) and `same_year` as other
/// reports of the same year (named “另一份1.txt”…, at positions 1…), as [`show`] renders them.
pub fn findings_across(rule: &Rule, report: &Report, previous: Option<&Report>, same_year: &[&Report]) -> String {
    assert!(rule.is_cross_report(), "{} is no rule across reports: it has nothing to say here", rule.id);
    let me = crate::model::Digest::of("本年.txt", report);
    let previous = previous.map(|p| crate::model::Digest::of("上年.txt", p));
    let others: Vec<crate::model::Digest> =
        same_year.iter().enumerate().map(|(i, r)| crate::model::Digest::of(format!("另一份{}.txt", i + 1), r)).collect();
    let across = super::Across {
        me: &me,
        previous: previous.as_ref().map(|p| (0, p)),
        same_year: others.first().map(|first| super::SameYear {
            first: (1, first),
            count: others.len(),
            identical: others.iter().all(|d| d.same_tables(&me)),
        }),
    };
    show(&super::check_across(&across), rule.id)
}

/// The same report a year earlier: every year in its metadata one less, its tables unchanged.
pub fn year_before(report: &Report) -> Report {
    let mut earlier = report.clone();
    earlier.year = report.year.map(|y| y - 1);
    earlier.title_year = report.title_year.clone().map(|l| Located { value: l.value - 1, ..l });
    earlier.period_year = report.period_year.clone().map(|l| Located { value: l.value - 1, ..l });
    earlier
}

/// A consistent report on the year before `report`, whose 表三 结转下年度 and 表二 stocks are
/// what `report` continues from: its 结转下年度 is `report`'s 上年结转 (its 本年新收 changed by
/// as much, so that it still balances), its 现行有效件数 is `report`'s less this year's 制发
/// plus 废止 (2021), its 上一年项目数量 plus 本年增/减 is `report`'s 上一年项目数量 (2019).
pub fn continued_by(report: &Report) -> Report {
    let mut previous = year_before(report);
    for col in RequestCol::ALL {
        let delta = int(report, CellKey::Requests(RequestRow::CarriedOver, *col))
            - int(&previous, CellKey::Requests(RequestRow::CarriedForward, *col));
        for row in [RequestRow::CarriedForward, RequestRow::New] {
            let cell = CellKey::Requests(row, *col);
            let value = int(&previous, cell) + delta;
            set(&mut previous, cell, value);
        }
    }
    use crate::model::{ProactiveCol as C, ProactiveRow as R};
    for row in [R::Regulations, R::NormativeDocuments] {
        if report.cell(CellKey::Proactive(row, C::InForce)).is_some() {
            let value = int(report, CellKey::Proactive(row, C::InForce)) - int(report, CellKey::Proactive(row, C::Issued))
                + int(report, CellKey::Proactive(row, C::Repealed));
            set(&mut previous, CellKey::Proactive(row, C::InForce), value);
        }
    }
    for row in crate::model::continued_rows(Format::V2019) {
        if report.cell(CellKey::Proactive(*row, C::PreviousItems)).is_some() {
            let value = int(report, CellKey::Proactive(*row, C::PreviousItems)) - int(&previous, CellKey::Proactive(*row, C::Change));
            set(&mut previous, CellKey::Proactive(*row, C::PreviousItems), value);
        }
    }
    previous
}
