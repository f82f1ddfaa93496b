//! The three statistics tables (表二, 表三, 表四) in the official layout: the header rows
//! and merged label cells exactly as the template draws them ([`crate::view`] computes
//! them), and the value cells with the DOM contract's attributes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::dom::Markup;
use crate::view::{CellView, Item, Label, RowView, TableView};

/// The tables, one block each, as markup for the tables' slot (one call into the browser
/// draws them all: [`Markup`]).
pub fn markup(tables: &[TableView]) -> String {
    let mut out = Markup::default();
    out.open("div");
    for table in tables {
        table_block(&mut out, table);
    }
    out.close("div");
    out.into_html()
}

/// One table with its caption (`section[data-table-block]`), or a note that the report does
/// not contain it.
fn table_block(out: &mut Markup, table: &TableView) {
    let key = table.table.key();
    out.open("section").attr("class", "table-block").attr("data-table-block", key);
    out.open("h2").text(&table.caption).close("h2");
    if !table.present {
        out.open("p").attr("class", "absent").attr("data-absent", key);
        out.text(&format!("报告中没有找到{}。", table.table.short_name())).close("p").close("section");
        return;
    }
    let (head, body) = table.rows.split_at(table.head_rows);
    out.open("div").attr("class", "table-scroll");
    out.open("table").attr("class", "report-table").attr("data-table", key);
    if !head.is_empty() {
        out.open("thead");
        head.iter().for_each(|r| row(out, r));
        out.close("thead");
    }
    out.open("tbody");
    body.iter().for_each(|r| row(out, r));
    out.close("tbody").close("table").close("div").close("section");
}

fn row(out: &mut Markup, row: &RowView) {
    out.open("tr").attr("class", if row.head { "head" } else { "data" });
    for item in &row.items {
        match item {
            Item::Label(label) => label_th(out, label),
            Item::Value(cell) => cell_td(out, cell),
        }
    }
    out.close("tr");
}

fn label_th(out: &mut Markup, label: &Label) {
    out.open("th").attr("class", label.class);
    spans(out, label.colspan, label.rowspan);
    if label.class == "vertical" {
        // Down a narrow column, one character per line, as the template prints it.
        let stacked: Vec<String> = label.text.chars().map(String::from).collect();
        out.text(&stacked.join("\n"));
    } else {
        out.text(&label.text);
    }
    out.close("th");
}

fn spans(out: &mut Markup, colspan: u32, rowspan: u32) {
    if colspan > 1 {
        out.attr("colspan", &colspan.to_string());
    }
    if rowspan > 1 {
        out.attr("rowspan", &rowspan.to_string());
    }
}

/// One value cell, carrying the DOM contract's attributes: `data-cell` always,
/// `data-severity` when an error or warning involves it, `data-primary` when it is a
/// primary cell of one, `data-badge` with the numbers of those findings (drawn as a badge by
/// the stylesheet, so that the cell's text stays the value alone), `data-corrected` with the
/// text as read on a cell the reviewer corrected (已人工修改). The tooltip names the
/// cell and lists every finding on it. Primary cells are in the tab order; the others are
/// reached with the arrow keys.
fn cell_td(out: &mut Markup, cell: &CellView) {
    let primary = cell.mark.is_some_and(|m| m.primary);
    out.open("td").attr("class", cell.state.class());
    spans(out, cell.colspan, 1);
    out.attr("data-cell", &cell.key.to_string())
        .attr_if("data-severity", cell.mark.map(|m| m.severity.key()))
        .attr_if("data-primary", primary.then_some(""))
        .attr_if("data-badge", cell.badge.as_deref())
        .attr_if("data-corrected", cell.corrected.as_deref())
        .attr("title", &cell.tip)
        .attr("tabindex", if primary { "0" } else { "-1" })
        .text(&cell.text)
        .close("td");
}

/// Moves the focus to the neighbouring value cell on an arrow key pressed in a cell.
pub fn move_by_arrow(ev: &KeyboardEvent) {
    let Some(td) = super::dom::closest_with(ev.target(), "data-cell") else { return };
    let target = match ev.key().as_str() {
        "ArrowLeft" => sibling_cell(&td, false),
        "ArrowRight" => sibling_cell(&td, true),
        "ArrowUp" => cell_in_next_row(&td, false),
        "ArrowDown" => cell_in_next_row(&td, true),
        _ => return,
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        ev.prevent_default();
        super::dom::scroll_into_view_nearest(&target);
        super::dom::focus_quietly(&target);
    }
}

fn sibling_cell(td: &Element, forward: bool) -> Option<Element> {
    let step = |el: &Element| if forward { el.next_element_sibling() } else { el.previous_element_sibling() };
    let mut next = step(td);
    while let Some(el) = next {
        if el.has_attribute("data-cell") {
            return Some(el);
        }
        next = step(&el);
    }
    None
}

/// The value cell at the same position among the value cells of the nearest row above or
/// below that has any.
fn cell_in_next_row(td: &Element, down: bool) -> Option<Element> {
    let row = td.parent_element()?;
    let cells_of = |row: &Element| row.query_selector_all("td[data-cell]").ok();
    let here = cells_of(&row)?;
    let index = (0..here.length()).find(|i| here.get(*i).is_some_and(|n| n.is_same_node(Some(td))))?;
    let step = |el: &Element| if down { el.next_element_sibling() } else { el.previous_element_sibling() };
    let mut next = step(&row);
    while let Some(candidate) = next {
        if let Some(cells) = cells_of(&candidate).filter(|c| c.length() > 0) {
            return cells.get(index.min(cells.length() - 1))?.dyn_into().ok();
        }
        next = step(&candidate);
    }
    None
}
