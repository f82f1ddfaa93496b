//! The cell panel: the selected cell, where its text came from in the input, every finding
//! that involves it, and the reviewer's correction of it.

use super::dom::{El, text_el};
use crate::view::{CellDetail, CellState, SourceView};

/// Details of the selected cell (`#cell-panel`, `data-selected` naming it), or a hint how
/// to select one. Where the input shows the cell's text, a “在输入框中查看” button
/// (`#show-in-input`) carries the range to select (`data-start`, `data-end`).
pub fn cell_panel(detail: Option<&CellDetail>) -> El {
    let panel = El::new("section").attr("id", "cell-panel").class("cell-panel").attr("aria-label", "单元格");
    let Some(d) = detail else {
        return panel.child(text_el("p", "hint", "点击表格中的任一格（或用方向键移动），这里显示它在原文中的位置和相关问题。"));
    };
    let value = match d.state {
        CellState::Number => d.text.clone(),
        CellState::Blank if d.text.is_empty() => "空白".to_string(),
        CellState::Blank => format!("空白（“{}”）", d.text),
        CellState::Unread => "无法读取".to_string(),
        CellState::Missing => "未读到".to_string(),
    };
    let source = match &d.source {
        SourceView::Excerpt(e) => {
            let place = match e.page {
                Some(page) => format!("PDF 第 {page} 页（提取的文字第 {} 行）", e.line),
                None if e.html => format!("网页源代码第 {} 行", e.line),
                None => format!("原文第 {} 行", e.line),
            };
            let button = e.selection.map(|(start, end)| {
                El::new("button")
                    .attr("type", "button")
                    .class("link")
                    .attr("id", "show-in-input")
                    .attr("data-start", &start.to_string())
                    .attr("data-end", &end.to_string())
                    .text("在输入框中查看")
            });
            let excerpt = El::new("pre")
                .class(if e.html { "excerpt html" } else { "excerpt" })
                .child(text_el("span", "context", &e.before))
                .child(text_el("mark", "", &e.hit).attr("id", "source-hit"))
                .child(text_el("span", "context", &e.after));
            El::new("div")
                .class("source")
                .attr("data-source-line", &e.line.to_string())
                .attr_if("data-page", e.page.map(|p| p.to_string()).as_deref())
                .child(El::new("p").class("where").text(&place).child_if(button))
                .child(excerpt)
        }
        SourceView::NoPositions => {
            text_el("p", "where", &format!("从 .docx 文件读取，没有原文位置。原文：“{}”", d.raw.as_deref().unwrap_or("")))
        }
        SourceView::Unknown => text_el("p", "where", "报告中没有读到这一格。"),
    };
    let findings = (!d.findings.is_empty()).then(|| {
        El::new("ul").class("cell-findings").children(
            d.findings
                .iter()
                .map(|(number, severity, message)| {
                    El::new("li")
                        .class(severity.key())
                        .attr("data-number", &number.to_string())
                        .child(text_el("span", "seq", &number.to_string()))
                        .child(text_el("span", "severity", severity.label()))
                        .text(message)
                })
                .collect(),
        )
    });
    let shown = if d.corrected.is_some() { "修改后的值：" } else { "读到的值：" };
    // The other year's values this cell is compared with (findings across reports).
    let others = (!d.others.is_empty())
        .then(|| El::new("ul").class("other-year").children(d.others.iter().map(|line| text_el("li", "", line)).collect()));
    panel
        .attr("data-selected", &d.key.to_string())
        .child(text_el("h3", "", &d.name))
        .child(El::new("p").class("value").text(shown).child(text_el("strong", "", &value)))
        .child_if(others)
        .child(source)
        .child_if(findings)
        .child(correction(d))
}

/// The reviewer's correction of the cell (`#correction`): a field for the right value
/// (`#correction-text`, with `button[data-correct=apply]`), and for a corrected cell its text
/// as read and `button[data-correct=undo]`. `#correction-problem` says why a value is refused.
/// The report's text is never changed: the rules run again on the corrected report.
fn correction(d: &CellDetail) -> El {
    let typed = match d.state {
        CellState::Unread | CellState::Missing => "",
        _ => d.text.as_str(),
    };
    let corrected = d.corrected.as_ref().map(|original| {
        El::new("p")
            .class("corrected")
            .text(&format!("已人工修改，原文：{original}"))
            .child(El::new("button").attr("type", "button").class("link").attr("data-correct", "undo").text("撤销修改"))
    });
    El::new("div")
        .attr("id", "correction")
        .class("correction")
        .child_if(corrected)
        .child(
            El::new("label")
                .text("人工修改为：")
                .child(El::new("input").attr("type", "text").attr("id", "correction-text").attr("maxlength", "40").attr("value", typed)),
        )
        .child(El::new("button").attr("type", "button").attr("data-correct", "apply").text("修改"))
        .child(El::new("p").attr("id", "correction-problem").class("problem").attr("role", "alert"))
}
