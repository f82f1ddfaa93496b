//! Renderings of a checked report: JSON (`report-json.md`), CSV of findings, plain text, and
//! the review memo (校验意见) for the body.

pub mod csv;
pub mod json;
pub mod memo;
pub mod text;

use crate::model::{Cell, CellKey, Report, Value};

/// A cell the reviewer corrected, in words, the same in every rendering:
/// "表三「（一）予以公开」行「总计」列：原为“1O”（未能读取），人工修改为“12”".
pub fn correction_line(report: &Report, key: CellKey) -> String {
    let now = report.cell(key).map_or("", |c| c.raw.as_str());
    let was = report.corrected.get(&key).map(|original| reading(original.as_ref())).unwrap_or_default();
    format!("{}：{was}，人工修改为{}", key.describe(report.layout_format()), shown(now))
}

/// What the reader had read in a cell, in words.
fn reading(cell: Option<&Cell>) -> String {
    match cell {
        None => "原未读到此格".to_string(),
        Some(c) => match &c.value {
            Value::Number(_) => format!("原为{}", shown(&c.raw)),
            Value::Blank if c.raw.trim().is_empty() => "原为空白".to_string(),
            Value::Blank => format!("原为空白（{}）", shown(&c.raw)),
            Value::Unread(_) => format!("原为{}（未能读取）", shown(&c.raw)),
        },
    }
}

/// A cell's text quoted, or 空白 for none.
fn shown(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() { "空白".to_string() } else { format!("“{}”", raw.chars().take(40).collect::<String>()) }
}
