//! The overview of the open reports, shown when several are open: a table with a row per
//! report (`view::overview`), sortable by each column (the headings are buttons,
//! `button[data-sort]`), filtered by two check boxes (`input[data-filter]`), the report shown
//! marked. Each row's name is a button (`button[data-report]`) that opens it; the arrow keys
//! move between them and Enter opens one; “×” (`button[data-close]`) closes a report. The
//! page handles the clicks and keys.

use super::dom::{El, text_el};
use crate::view::overview::{Arrangement, Column, OverviewRow};

/// The overview of `rows` (already arranged), out of `total` open reports.
pub fn overview(rows: &[OverviewRow], total: usize, arrangement: Arrangement, current: u32) -> El {
    let filter = |key: &str, label: &str, on: bool| {
        let mut input = El::new("input").attr("type", "checkbox").attr("data-filter", key);
        if on {
            input = input.attr("checked", "");
        }
        El::new("label").child(input).child(text_el("span", "", label))
    };
    let shown =
        if rows.len() == total { format!("共 {total} 份报告") } else { format!("共 {total} 份报告，显示 {} 份", rows.len()) };
    let controls = El::new("div")
        .class("overview-controls")
        .child(filter("errors", "只看有错误的", arrangement.only_errors))
        .child(filter("undecided", "只看未处理的", arrangement.only_undecided))
        .child(text_el("span", "overview-count", &shown))
        .child(text_el("span", "overview-keys", "↑↓ 选择，Enter 打开"));
    let head = El::new("tr").children(
        Column::ALL
            .iter()
            .map(|&c| {
                let button = El::new("button").attr("type", "button").attr("data-sort", c.key()).text(c.heading());
                El::new("th").attr("scope", "col").attr("aria-sort", arrangement.aria_sort(c)).child(button)
            })
            .chain(std::iter::once(El::new("th").attr("scope", "col").child(text_el("span", "offscreen", "关闭"))))
            .collect(),
    );
    let body = El::new("tbody").children(rows.iter().map(|r| row(r, r.id == current)).collect());
    El::new("div").child(controls).child(
        El::new("div").class("overview-scroll").child(El::new("table").class("overview").child(El::new("thead").child(head)).child(body)),
    )
}

/// One report's row.
fn row(r: &OverviewRow, here: bool) -> El {
    let id = r.id.to_string();
    let open = El::new("button")
        .attr("type", "button")
        .class("report")
        .attr("data-report", &id)
        .attr("title", &r.name)
        .attr_if("aria-current", here.then_some("true"))
        .text(&r.name);
    let close = El::new("button")
        .attr("type", "button")
        .class("close")
        .attr("data-close", &id)
        .attr("title", &format!("关闭“{}”", r.name))
        .text("×");
    let mut cells = vec![El::new("td").class("name").child(open)];
    for column in &Column::ALL[1..] {
        cells.push(El::new("td").attr("data-column", column.key()).text(&r.text(*column)));
    }
    cells.push(El::new("td").child(close));
    El::new("tr")
        .class(&format!("{}{}", r.class(), if here { " current" } else { "" }))
        .attr("data-row", &id)
        .attr("data-errors", &r.errors.to_string())
        .children(cells)
}
