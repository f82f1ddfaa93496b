//! The three statistics tables (表二, 表三, 表四).
//!
//! For now each table is drawn as simple grids: a header row per section, then one row per
//! report row. The official merged-header layout replaces this later without changing the
//! cell markup ([`CellTd`]), which is what the DOM contract is about.

use leptos::prelude::*;

use super::view::{CellView, RowView, Section, TableView};

/// One table with its heading, or a note that the report does not contain it.
///
/// - `table`: the rows and cells to show; see [`super::view::tables`].
#[component]
pub fn TableBlock(table: TableView) -> impl IntoView {
    let TableView { table, present, sections } = table;
    let heading = format!("{} {}", table.short_name(), table.label());
    let body = if present {
        view! {
            <table class="report-table" data-table=table.key()>
                {sections.into_iter().map(|section| view! { <SectionRows section=section /> }).collect_view()}
            </table>
        }
        .into_any()
    } else {
        view! {
            <p class="absent" data-absent=table.key()>{format!("报告中没有找到{}。", table.short_name())}</p>
        }
        .into_any()
    };
    view! {
        <section class="table-block" data-table-block=table.key()>
            <h2>{heading}</h2>
            {body}
        </section>
    }
}

/// A header row with the section's column labels, then its rows.
#[component]
fn SectionRows(section: Section) -> impl IntoView {
    let Section { heading, columns, rows } = section;
    view! {
        <tbody>
            <tr class="head">
                <th scope="col" class="corner">{heading.unwrap_or("")}</th>
                {columns.into_iter().map(|label| view! { <th scope="col">{label}</th> }).collect_view()}
            </tr>
            {rows.into_iter().map(|row| view! { <Row row=row /> }).collect_view()}
        </tbody>
    }
}

#[component]
fn Row(row: RowView) -> impl IntoView {
    let RowView { label, cells } = row;
    view! {
        <tr>
            <th scope="row">{label}</th>
            {cells.into_iter().map(|cell| view! { <CellTd cell=cell /> }).collect_view()}
        </tr>
    }
}

/// One value cell, carrying the DOM contract's attributes: `data-cell` always,
/// `data-severity` when a finding involves it, `data-primary` when it is a primary cell.
/// The title shows the cell's original text when it differs from what is shown.
///
/// - `cell`: the cell to show.
#[component]
pub fn CellTd(cell: CellView) -> impl IntoView {
    let CellView { key, text, raw, state, mark } = cell;
    view! {
        <td
            class=state.class()
            data-cell=key.to_string()
            data-severity=mark.map(|m| m.severity.key())
            data-primary=mark.filter(|m| m.primary).map(|_| "")
            title=raw.map(|raw| format!("原文：{raw}"))
        >
            {text}
        </td>
    }
}
