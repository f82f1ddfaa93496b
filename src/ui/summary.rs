//! The summary: what was read from the input and how many findings there are.

use leptos::prelude::*;

use super::view::{Status, Summary};

/// The summary block.
///
/// - `summary`: what to show; see [`super::view::summary`].
#[component]
pub fn SummaryView(summary: Summary) -> impl IntoView {
    let Summary { status, title, body, year, format, published, errors, warnings, infos } = summary;
    let status_line = match status {
        Status::Empty => "请把年报全文粘贴到上面的输入框，或点击“载入示例年报”。",
        Status::NoTables => "没有在这段文字中找到年报的统计表格（表二、表三、表四）。",
        Status::Read => "已读取年报，校验结果如下。",
    };
    let unknown = || "未识别".to_string();
    view! {
        <section id="summary" class="summary" data-status=status_key(status)>
            <p class="status">{status_line}</p>
            <dl>
                <dt>"标题"</dt>
                <dd data-field="title">{title.unwrap_or_else(unknown)}</dd>
                <dt>"发布机关"</dt>
                <dd data-field="body">{body.unwrap_or_else(unknown)}</dd>
                <dt>"年度"</dt>
                <dd data-field="year">{year.map(|y| format!("{y}年")).unwrap_or_else(unknown)}</dd>
                <dt>"表格格式"</dt>
                <dd data-field="format">{format.map(|f| f.notice().to_string()).unwrap_or_else(unknown)}</dd>
                <dt>"发布日期"</dt>
                <dd data-field="published">{published.unwrap_or_else(unknown)}</dd>
            </dl>
            <p class="counts">
                <span class="count error" data-count="error">"错误 " {errors} " 项"</span>
                <span class="count warning" data-count="warning">"提醒 " {warnings} " 项"</span>
                <span class="count info" data-count="info">"提示 " {infos} " 项"</span>
            </p>
        </section>
    }
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Empty => "empty",
        Status::NoTables => "no-tables",
        Status::Read => "read",
    }
}
