//! The cell panel: the selected cell, where its text came from in the input, and every
//! finding that involves it.

use leptos::prelude::*;

use super::view::{CellDetail, CellState, SourceView};

/// Details of the selected cell (`#cell-panel`), or a hint how to select one.
///
/// - `detail`: the selected cell; see [`super::view::cell_detail`].
/// - `on_show_in_input`: called by the “在输入框中查看” button with the range to select.
#[component]
pub fn CellPanel(detail: Option<CellDetail>, on_show_in_input: Callback<(u32, u32)>) -> impl IntoView {
    let Some(CellDetail { key, name, text, state, raw, findings, source }) = detail else {
        return view! {
            <section id="cell-panel" class="cell-panel idle" aria-label="单元格">
                <p class="hint">"点击表格中的任一格（或用方向键移动），这里显示它在原文中的位置和相关问题。"</p>
            </section>
        }
        .into_any();
    };
    let value = match state {
        CellState::Number => text,
        CellState::Blank if text.is_empty() => "空白".to_string(),
        CellState::Blank => format!("空白（“{text}”）"),
        CellState::Unread => "无法读取".to_string(),
        CellState::Missing => "未读到".to_string(),
    };
    let source = match source {
        SourceView::Excerpt(e) => {
            let place = if e.html { format!("网页源代码第 {} 行", e.line) } else { format!("原文第 {} 行", e.line) };
            let button = e.selection.map(|range| {
                view! {
                    <button type="button" class="link" id="show-in-input" on:click=move |_| on_show_in_input.run(range)>
                        "在输入框中查看"
                    </button>
                }
            });
            view! {
                <div class="source" data-source-line=e.line.to_string()>
                    <p class="where">{place} {button}</p>
                    <pre class=if e.html { "excerpt html" } else { "excerpt" }>
                        <span class="context">{e.before}</span>
                        <mark id="source-hit">{e.hit}</mark>
                        <span class="context">{e.after}</span>
                    </pre>
                </div>
            }
            .into_any()
        }
        SourceView::NoPositions => view! {
            <p class="where">"从 .docx 文件读取，没有原文位置。原文：“" {raw.clone().unwrap_or_default()} "”"</p>
        }
        .into_any(),
        SourceView::Unknown => view! { <p class="where">"报告中没有读到这一格。"</p> }.into_any(),
    };
    view! {
        <section id="cell-panel" class="cell-panel" data-selected=key.to_string() aria-label="单元格" aria-live="polite">
            <h3>{name}</h3>
            <p class="value">"读到的值：" <strong>{value}</strong></p>
            {source}
            {(!findings.is_empty()).then(|| view! {
                <ul class="cell-findings">
                    {findings.into_iter().map(|(number, severity, message)| view! {
                        <li class=severity.key() data-number=number.to_string()>
                            <span class="number">{number}</span>
                            <span class="severity">{severity.label()}</span>
                            {message}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}
