//! The list of open reports, shown when several are open (several files opened at once):
//! each with its name and result, to switch between them.

use super::dom::{El, text_el};
use crate::view::ReportRow;

/// One button per open report (`button[data-report]`), the one shown marked; “×”
/// (`button[data-close]`) closes a report. The page handles the clicks.
pub fn report_list(reports: &[ReportRow], current: u32) -> El {
    El::new("ul").children(
        reports
            .iter()
            .map(|r| {
                let id = r.id.to_string();
                let here = r.id == current;
                let item = El::new("li").class(if here { "current" } else { "" });
                let open = El::new("button")
                    .attr("type", "button")
                    .class("report")
                    .attr("data-report", &id)
                    .attr_if("aria-current", here.then_some("true"))
                    .child(text_el("span", "name", &r.name).attr("title", &r.name))
                    .child(text_el("span", &format!("result {}", r.class), &r.result));
                let close = El::new("button")
                    .attr("type", "button")
                    .class("close")
                    .attr("data-close", &id)
                    .attr("title", &format!("关闭“{}”", r.name))
                    .text("×");
                item.child(open).child(close)
            })
            .collect(),
    )
}
