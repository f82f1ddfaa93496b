//! The checker's quality bar: on a correct report there is no error finding at all, and
//! every single-cell change to a 表三 or 表四 number of a correct report yields at least one
//! error finding that names the changed cell. Checked over the real samples and over
//! synthetic reports of both formats.

use std::path::Path;

use nianbao::model::{Cell, CellKey, Decimal, Report, Severity, Table, Value};

fn sample(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples").join(name);
    nianbao::parse::parse(&std::fs::read_to_string(path).expect("sample"))
}

/// Changes each 表三/表四 number by +1 and by −1 (when that stays ≥ 0) and checks that an
/// error finding names the cell. Returns the changes that went unnoticed.
fn unnoticed_changes(report: &Report) -> Vec<String> {
    let errors = nianbao::rules::check(report).into_iter().filter(|f| f.severity == Severity::Error).count();
    assert_eq!(errors, 0, "the unchanged report must have no error finding");
    let mut missed = Vec::new();
    let mut tried = 0;
    for (cell, value) in &report.cells {
        if !matches!(cell.table(), Table::Requests | Table::Appeals) {
            continue;
        }
        let Some(n) = value.number() else { continue };
        for delta in [1, -1] {
            let changed = n.checked_add(Decimal::from_int(delta)).expect("small numbers");
            if changed.is_negative() {
                continue;
            }
            tried += 1;
            let mut mutated = report.clone();
            mutated.cells.insert(*cell, Cell { value: Value::Number(changed), ..value.clone() });
            let named = nianbao::rules::check(&mutated)
                .iter()
                .any(|f| f.severity == Severity::Error && f.involves(*cell));
            if !named {
                missed.push(format!("{cell} {n} → {changed}"));
            }
        }
    }
    assert!(tried > 0, "the report has 表三/表四 numbers to change");
    missed
}

fn check(report: &Report) {
    let missed = unnoticed_changes(report);
    assert!(missed.is_empty(), "{} changes went unnoticed:\n{}", missed.len(), missed.join("\n"));
}

#[test]
fn township_2019() {
    check(&sample("anyue-qingliu-town-2019.txt"));
}

#[test]
fn district_2024_with_a_single_other_row() {
    check(&sample("hongze-district-2024.pdf.txt"));
}

#[test]
fn zone_2019_flattened() {
    check(&sample("pingtan-zone-2019.flat.txt"));
}

#[test]
fn zone_2022_flattened() {
    check(&sample("pingtan-zone-2022.flat.txt"));
}

#[test]
fn office_2025_markdown() {
    check(&sample("shanghai-office-2025.md"));
}

/// A synthetic report of `format` whose relations hold, built through the text parser from
/// a tab-separated rendering so that the whole path is exercised.
fn synthetic(format: nianbao::model::Format) -> Report {
    let text = synthetic_text(format);
    let report = nianbao::parse::parse(&text);
    assert_eq!(report.cells.len(), CellKey::all_of(Table::Proactive, format).len() + CellKey::all_of(Table::Requests, format).len() + 15, "{text}");
    report
}

fn synthetic_text(format: nianbao::model::Format) -> String {
    use nianbao::model::{RequestRow, proactive_layout};
    let mut text = String::from("某某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n");
    for block in proactive_layout(format) {
        text.push_str(block.heading);
        text.push('\n');
        text.push_str("信息内容");
        for (_, label) in block.columns {
            text.push('\t');
            text.push_str(label);
        }
        text.push('\n');
        for (i, (_, label)) in block.rows.iter().enumerate() {
            text.push_str(label);
            for j in 0..block.columns.len() {
                text.push_str(&format!("\t{}", (i * 3 + j * 5) % 11 + 2));
            }
            text.push('\n');
        }
    }
    text.push_str("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n");
    let rows = RequestRow::rows_of(format);
    let mut values: std::collections::BTreeMap<RequestRow, [i64; 7]> = Default::default();
    let mut column_sums = [0i64; 6];
    for (i, row) in rows.iter().filter(|r| r.is_outcome()).enumerate() {
        let mut v = [0i64; 7];
        for j in 0..6 {
            v[j] = ((i * 5 + j * 7) % 6) as i64;
            column_sums[j] += v[j];
        }
        values.insert(*row, v);
    }
    let mut total = [0i64; 7];
    let mut carried_over = [0i64; 7];
    let mut carried_forward = [0i64; 7];
    let mut new = [0i64; 7];
    for j in 0..6 {
        total[j] = column_sums[j];
        carried_over[j] = (j % 3) as i64;
        carried_forward[j] = (j % 2) as i64 + 1;
        new[j] = total[j] + carried_forward[j] - carried_over[j];
    }
    values.insert(RequestRow::Total, total);
    values.insert(RequestRow::CarriedOver, carried_over);
    values.insert(RequestRow::CarriedForward, carried_forward);
    values.insert(RequestRow::New, new);
    for row in rows {
        let v = values.get_mut(row).expect("every row has values");
        v[6] = v[..6].iter().sum();
        text.push_str(row.label());
        for x in v.iter() {
            text.push_str(&format!("\t{x}"));
        }
        text.push('\n');
    }
    text.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n");
    let groups = [[3, 1, 0, 2], [1, 0, 2, 1], [0, 2, 1, 4]];
    let cells: Vec<String> = groups
        .iter()
        .flat_map(|g| g.iter().copied().chain(std::iter::once(g.iter().sum::<i64>())))
        .map(|x| x.to_string())
        .collect();
    text.push_str(&cells.join("\t"));
    text.push_str("\n五、存在的主要问题及改进情况\n无。\n");
    text
}

#[test]
fn synthetic_2019() {
    check(&synthetic(nianbao::model::Format::V2019));
}

#[test]
fn synthetic_2021() {
    check(&synthetic(nianbao::model::Format::V2021));
}
