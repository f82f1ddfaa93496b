//! The list of open reports, shown when several are open (several files opened at once):
//! each with its name and result, to switch between them.

use leptos::prelude::*;

use super::view::ReportRow;

/// One button per open report, the one shown marked; “×” closes a report.
///
/// - `reports`: the open reports; see [`super::view::report_row`].
/// - `current`: the id of the report shown.
/// - `on_select`, `on_close`: called with a report's id.
#[component]
pub fn DocList(reports: Vec<ReportRow>, current: u32, on_select: Callback<u32>, on_close: Callback<u32>) -> impl IntoView {
    view! {
        <ul>
            {reports
                .into_iter()
                .map(|ReportRow { id, name, class, result }| {
                    let here = id == current;
                    view! {
                        <li class:current=here data-report=id.to_string()>
                            <button type="button" class="report" aria-current=here.then_some("true") on:click=move |_| on_select.run(id)>
                                <span class="name" title=name.clone()>{name.clone()}</span>
                                <span class=format!("result {class}")>{result}</span>
                            </button>
                            <button type="button" class="close" title=format!("关闭“{name}”") on:click=move |_| on_close.run(id)>
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
