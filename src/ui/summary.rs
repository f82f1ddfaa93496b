//! The summary: what was read from the report (title, issuing body, year, format,
//! publication date, the six parts), or why a file was not read.

use leptos::prelude::*;

use super::view::{Status, Summary};

/// The summary block (`#summary`, with `data-status` and a `data-field` per item).
///
/// - `summary`: what to show; see [`super::view::summary`].
#[component]
pub fn SummaryView(summary: Summary) -> impl IntoView {
    let Summary { status, title, body, year, format, published, parts, read_from, refusal, .. } = summary;
    let unknown = || "未识别".to_string();
    let details = (status == Status::Read).then(|| {
        view! {
            <h2 data-field="title">{title.unwrap_or_else(|| "（未识别标题）".to_string())}</h2>
            <dl class="facts">
                <div><dt>"发布机关"</dt><dd data-field="body">{body.unwrap_or_else(unknown)}</dd></div>
                <div><dt>"年度"</dt><dd data-field="year">{year.map(|y| format!("{y}年")).unwrap_or_else(unknown)}</dd></div>
                <div><dt>"表格格式"</dt><dd data-field="format">{format.map(|f| f.notice().to_string()).unwrap_or_else(unknown)}</dd></div>
                <div><dt>"发布日期"</dt><dd data-field="published">{published.unwrap_or_else(unknown)}</dd></div>
                <div><dt>"读取自"</dt><dd data-field="read-from">{read_from.unwrap_or("")}</dd></div>
            </dl>
            <ul class="parts" aria-label="报告的六个部分">
                {parts
                    .into_iter()
                    .map(|(label, found)| {
                        view! {
                            <li class=if found { "part found" } else { "part missing" } data-part-found=found.to_string()>
                                <span class="mark" aria-hidden="true">{if found { "✓" } else { "✗" }}</span>
                                {label}
                                {(!found).then(|| view! { <span class="missing-word">"（未找到）"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let message = match status {
        Status::Read => None,
        Status::Empty => Some("还没有年报。把年报全文粘贴到上面的输入框，或把文件拖到本页面，或点击“打开文件”。".to_string()),
        Status::NoTables => Some("没有在这段文字中找到年报的统计表格（表二、表三、表四）。请确认粘贴的是年度报告全文。".to_string()),
        Status::Refused => refusal.map(|r| format!("未能读取：{r}")),
    };
    view! {
        <section id="summary" class="summary" data-status=status.key() aria-label="读取结果">
            {message.map(|m| view! { <p class="status-message">{m}</p> })}
            {details}
        </section>
    }
}
