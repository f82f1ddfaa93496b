//! The list of open reports, shown when several are open (several files opened at once):
//! each with its name and result, to switch between them.

use leptos::prelude::*;

use super::state::Docs;
use super::view;

/// One button per open report (`#reports`), the one shown marked; “×” closes a report.
///
/// - `docs`: the open reports.
#[component]
pub fn DocList(docs: Docs) -> impl IntoView {
    view! {
        <nav id="reports" class="reports" aria-label="已打开的报告">
            <ul>
                {move || {
                    let current = docs.current.get();
                    docs.list
                        .get()
                        .into_iter()
                        .map(|doc| {
                            let id = doc.id;
                            let status = move || doc.outcome.with(view::result_line);
                            view! {
                                <li class:current=id == current data-report=id.to_string()>
                                    <button
                                        type="button"
                                        class="report"
                                        aria-current=(id == current).then_some("true")
                                        on:click=move |_| docs.current.set(id)
                                    >
                                        <span class="name">{move || doc.name.get()}</span>
                                        <span class=move || format!("result {}", status().0)>{move || status().1}</span>
                                    </button>
                                    <button
                                        type="button"
                                        class="close"
                                        title="关闭这份报告"
                                        aria-label=move || format!("关闭 {}", doc.name.get())
                                        on:click=move |_| docs.remove(id)
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </nav>
    }
}
