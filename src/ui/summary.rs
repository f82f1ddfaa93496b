//! The summary: what was read from the report (title, issuing body, year, format,
//! publication date, the six parts), or why a file was not read; and the headline above the
//! findings, with the counts.

use web_sys::HtmlElement;

use super::dom::{El, text_el};
use crate::view::{Coverage, Status, Summary, Tone};

/// The summary block: `#summary` with `data-status`, and a `data-field` per fact
/// (`title`, `body`, `year`, `format`, `published`, `read-from`).
pub fn summary(summary: &Summary) -> El {
    let section = El::new("section").attr("id", "summary").class("summary").attr("data-status", summary.status.key());
    let message = match summary.status {
        Status::Read => None,
        Status::Empty => Some("还没有年报。把年报全文粘贴到上面的输入框，或把文件拖到本页面，或点击“打开文件…”。".to_string()),
        Status::NoTables => Some("没有在这段文字中找到年报的统计表格（表二、表三、表四）。请确认粘贴的是年度报告全文。".to_string()),
        Status::Refused => Some(match &summary.name {
            Some(name) => format!("未能读取“{name}”：{}", summary.refusal.as_deref().unwrap_or("")),
            None => format!("未能读取：{}", summary.refusal.as_deref().unwrap_or("")),
        }),
        Status::Reading => Some(match &summary.name {
            Some(name) => format!("正在读取“{name}”……"),
            None => "正在读取……".to_string(),
        }),
    };
    if let Some(message) = message {
        return section.child(text_el("p", "status-message", &message));
    }
    let unknown = "未识别";
    let fact = |label: &str, field: &str, value: &str| {
        El::new("div").child(text_el("dt", "", label)).child(text_el("dd", "", value).attr("data-field", field))
    };
    let facts = El::new("dl").class("facts").children(vec![
        fact("发布机关", "body", summary.body.as_deref().unwrap_or(unknown)),
        fact("年度", "year", &summary.year.map(|y| format!("{y}年")).unwrap_or_else(|| unknown.to_string())),
        fact("表格格式", "format", summary.format.map(|f| f.notice()).unwrap_or(unknown)),
        fact("发布日期", "published", summary.published.as_deref().unwrap_or(unknown)),
        fact("读取自", "read-from", summary.read_from.unwrap_or("")),
    ]);
    let parts = summary
        .parts
        .iter()
        .map(|(label, found)| {
            El::new("li")
                .class(if *found { "part found" } else { "part missing" })
                .attr("data-part-found", if *found { "true" } else { "false" })
                .child(text_el("span", "mark", if *found { "✓" } else { "✗" }).attr("aria-hidden", "true"))
                .text(label)
                .text(if *found { "" } else { "（未找到）" })
        })
        .collect();
    section
        .child(text_el("h2", "", summary.title.as_deref().unwrap_or("（未识别标题）")).attr("data-field", "title"))
        .child(facts)
        .child(El::new("ul").class("parts").attr("aria-label", "报告的六个部分").children(parts))
}

/// How much was checked, under the headline (`#coverage`, with `data-total`, `data-held`,
/// `data-broken`, `data-unchecked`): the relations counted, and, one click away (a
/// `details` element), the relations not checked by reason, each with the cells that kept it
/// from being checked as buttons (`button[data-chip]`) to move to them.
pub fn coverage(c: &Coverage) -> El {
    let counted = |el: El| {
        el.attr("id", "coverage")
            .attr("data-total", &c.total.to_string())
            .attr("data-held", &c.held.to_string())
            .attr("data-broken", &c.broken.to_string())
            .attr("data-unchecked", &c.unchecked.to_string())
    };
    if c.unchecked == 0 {
        return counted(El::new("p").class("coverage").text(&c.line()));
    }
    let reasons = c.reasons.iter().map(|(why, list)| {
        let items = list
            .iter()
            .map(|u| {
                let chips: Vec<El> = u
                    .chips
                    .iter()
                    .map(|chip| {
                        El::new("button").attr("type", "button").class("chip").attr("data-chip", &chip.key.to_string()).text(&chip.label)
                    })
                    .collect();
                let more = (u.more > 0).then(|| text_el("span", "more", &format!("等另外 {} 格", u.more)));
                El::new("li").text(&u.relation).children(chips).child_if(more)
            })
            .collect();
        El::new("div").child(text_el("p", "reason", &format!("{why}（{} 个）：", list.len()))).child(El::new("ul").children(items))
    });
    counted(El::new("details").class("coverage unchecked"))
        .child(text_el("summary", "", &format!("{}：查看原因", c.line())))
        .child(text_el("p", "why", "空白不等于 0，未能读取的格也不算相符：这些关系没有核对，请对照原文人工查看。"))
        .children(reasons.collect())
}

/// Writes the counts into the shell's headline (`#headline`): the words, a class by the most
/// serious finding (or relations left unchecked), and `data-errors`, `data-warnings`,
/// `data-infos`, `data-unchecked`.
pub fn headline(el: &HtmlElement, summary: &Summary) {
    el.set_class_name(match summary.tone() {
        Tone::Ok => "headline when-read ok",
        Tone::Warning => "headline when-read warning",
        Tone::Error => "headline when-read error",
    });
    el.set_text_content(Some(&summary.headline()));
    let counts = [
        ("data-errors", summary.errors),
        ("data-warnings", summary.warnings),
        ("data-infos", summary.infos),
        ("data-unchecked", summary.coverage.unchecked),
    ];
    for (name, count) in counts {
        let _ = el.set_attribute(name, &count.to_string());
    }
}
