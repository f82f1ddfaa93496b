//! The three statistics tables (表二, 表三, 表四) in the official layout: the header rows
//! and merged label cells exactly as the template draws them ([`super::view`] computes
//! them), and the value cells with the DOM contract's attributes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::Selection;
use super::view::{CellView, Item, Label, RowView, TableView};

/// One table with its caption, or a note that the report does not contain it.
///
/// - `table`: the rows and cells to show; see [`super::view::tables`].
/// - `selection`: the selected cell and the current finding, which the cells show and set
///   (focusing a cell selects it); without it the table is static.
#[component]
pub fn TableBlock(table: TableView, #[prop(optional)] selection: Option<Selection>) -> impl IntoView {
    let TableView { table, present, caption, head_rows, mut rows } = table;
    let body = if present {
        let body_rows = rows.split_off(head_rows);
        let head = (!rows.is_empty()).then(|| {
            view! { <thead>{rows.into_iter().map(|row| view! { <Row row=row selection=selection /> }).collect_view()}</thead> }
        });
        view! {
            <div class="table-scroll">
                <table class="report-table" data-table=table.key()>
                    {head}
                    <tbody>{body_rows.into_iter().map(|row| view! { <Row row=row selection=selection /> }).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    } else {
        view! { <p class="absent" data-absent=table.key()>{format!("报告中没有找到{}。", table.short_name())}</p> }.into_any()
    };
    view! {
        <section class="table-block" data-table-block=table.key()>
            <h2>{caption}</h2>
            {body}
        </section>
    }
}

#[component]
fn Row(row: RowView, selection: Option<Selection>) -> impl IntoView {
    let class = if row.head { "head" } else { "data" };
    view! {
        <tr class=class>
            {row
                .items
                .into_iter()
                .map(|item| match item {
                    Item::Label(label) => view! { <LabelTh label=label /> }.into_any(),
                    Item::Value(cell) => view! { <CellTd cell=cell selection=selection /> }.into_any(),
                })
                .collect_view()}
        </tr>
    }
}

#[component]
fn LabelTh(label: Label) -> impl IntoView {
    let Label { text, colspan, rowspan, class } = label;
    view! {
        <th
            class=(!class.is_empty()).then_some(class)
            colspan=(colspan > 1).then(|| colspan.to_string())
            rowspan=(rowspan > 1).then(|| rowspan.to_string())
        >
            {text}
        </th>
    }
}

/// One value cell, carrying the DOM contract's attributes: `data-cell` always,
/// `data-severity` when an error or warning involves it, `data-primary` when it is a
/// primary cell of one, `data-badge` with the numbers of those findings (drawn as a badge by
/// the stylesheet, so the cell's text stays the value alone). The tooltip names the cell and
/// lists every finding on it.
///
/// - `cell`: the cell to show.
/// - `selection`: see [`TableBlock`].
#[component]
pub fn CellTd(cell: CellView, #[prop(optional_no_strip)] selection: Option<Selection>) -> impl IntoView {
    let CellView { key, text, state, mark, badge, tip, colspan } = cell;
    let primary = mark.is_some_and(|m| m.primary);
    let selected = move || selection.is_some_and(|s| s.cell.get() == Some(key));
    let in_finding = move || selection.is_some_and(|s| s.finding_cells.with(|cells| cells.contains(&key)));
    view! {
        <td
            class=state.class()
            class:selected=selected
            class:in-finding=in_finding
            data-cell=key.to_string()
            data-severity=mark.map(|m| m.severity.key())
            data-primary=primary.then_some("")
            data-badge=badge
            title=tip
            colspan=(colspan > 1).then(|| colspan.to_string())
            tabindex=if primary { "0" } else { "-1" }
            on:focus=move |_| {
                if let Some(s) = selection.filter(|s| s.cell.get_untracked() != Some(key)) {
                    s.cell.set(Some(key));
                }
            }
            on:keydown=move |ev: KeyboardEvent| move_by_arrow(&ev)
        >
            {text}
        </td>
    }
}

/// Moves the focus to the neighbouring value cell on an arrow key.
fn move_by_arrow(ev: &KeyboardEvent) {
    let Some(td) = ev.current_target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
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
    let mut next = if forward { td.next_element_sibling() } else { td.previous_element_sibling() };
    while let Some(el) = next {
        if el.has_attribute("data-cell") {
            return Some(el);
        }
        next = if forward { el.next_element_sibling() } else { el.previous_element_sibling() };
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
    let mut next = if down { row.next_element_sibling() } else { row.previous_element_sibling() };
    while let Some(candidate) = next {
        if let Some(cells) = cells_of(&candidate).filter(|c| c.length() > 0) {
            return cells.get(index.min(cells.length() - 1))?.dyn_into().ok();
        }
        next = if down { candidate.next_element_sibling() } else { candidate.previous_element_sibling() };
    }
    None
}
