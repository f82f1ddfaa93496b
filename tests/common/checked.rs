//! Reports and results built by hand, for the tests of the view model (tests/view.rs,
//! natively) and of the components (tests/components.rs, in a browser): built by hand so that
//! those tests do not depend on what the reader and the rules currently find.

#![allow(dead_code)] // each test file uses its own share

use nianbao::Checked;
use nianbao::model::{
    Cell, CellKey, CellRef, Decimal, Fact, Finding, Format, Part, Relation, Report, RequestRow, Role, Severity, Unit, Value,
};

/// A report in `format` with a cell in each table, so that each is drawn in the format's
/// layout.
pub fn report(format: Format) -> Report {
    let mut report = Report { format: Some(format), year: Some(if format == Format::V2019 { 2019 } else { 2024 }), ..Report::default() };
    put(&mut report, "proactive.regulations.repealed", Value::Number(Decimal::from_int(1)), "1");
    put(&mut report, "requests.new.natural_person", Value::Number(Decimal::from_int(1)), "1");
    put(&mut report, "appeals.review.upheld", Value::Number(Decimal::from_int(1)), "1");
    report
}

/// A 2024 report whose 一、本年新收 row has 自然人 95 and 总计 96, with the finding the rules
/// would give for it; of the six parts only 一、总体情况 is found.
pub fn broken_row_total() -> Checked {
    let mut report = Report {
        year: Some(2024),
        format: Some(Format::V2021),
        title: Some("某区人民政府2024年政府信息公开工作年度报告".into()),
        ..Report::default()
    };
    report.parts.insert(Part::Overview, None);
    put(&mut report, "requests.new.natural_person", Value::Number(Decimal::from_int(95)), "95");
    put(&mut report, "requests.new.total", Value::Number(Decimal::from_int(96)), "96");
    let fact = Fact::Sum {
        relation: Relation::RowTotal(RequestRow::New),
        parts: vec![Decimal::from_int(95)],
        expected: Decimal::from_int(95),
        actual: Decimal::from_int(96),
        hint: None,
    };
    let cells = vec![
        CellRef { cell: key("requests.new.total"), role: Role::Primary },
        CellRef { cell: key("requests.new.natural_person"), role: Role::Related },
    ];
    let finding = Finding::new("requests-row-total", Severity::Error, cells, fact, Format::V2021);
    Checked { report, findings: vec![finding] }
}

/// A finding of `severity` on `cells`, of a rule that does not exist (its words do not matter).
pub fn finding(severity: Severity, cells: &[(CellKey, Role)]) -> Finding {
    let cells = cells.iter().map(|(cell, role)| CellRef { cell: *cell, role: *role }).collect();
    let fact = Fact::Negative { cell: key("requests.new.total"), value: Decimal::from_int(-1) };
    Finding::new("test-rule", severity, cells, fact, Format::V2021)
}

/// Puts a cell read as `raw` into the report.
pub fn put(report: &mut Report, name: &str, value: Value, raw: &str) {
    report.cells.insert(key(name), Cell { value, raw: raw.into(), span: None, unit: Unit::None });
}

/// The cell named `name` (`TABLE.ROW.COL`).
pub fn key(name: &str) -> CellKey {
    CellKey::parse(name).unwrap_or_else(|| panic!("{name} is not a cell name"))
}
