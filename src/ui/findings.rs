//! The list of findings under the tables.

use leptos::prelude::*;

use super::view::FindingView;

/// Every finding, one line each, with its severity and message.
///
/// - `findings`: the findings in the order to list them; see [`super::view::findings`].
#[component]
pub fn FindingList(findings: Vec<FindingView>) -> impl IntoView {
    let empty = findings.is_empty();
    view! {
        <section id="findings" class="findings">
            <h2>"校验结果"</h2>
            {empty.then(|| view! { <p class="none">"没有发现问题。"</p> })}
            <ol>
                {findings
                    .into_iter()
                    .map(|f| {
                        view! {
                            <li class=format!("finding {}", f.severity.key())
                                data-rule=f.rule
                                data-severity=f.severity.key()
                                data-cells=f.cells.join(" ")
                            >
                                <span class="severity">{f.severity.label()}</span>
                                <span class="message">{f.message}</span>
                                <span class="rule">{f.rule}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
