//! The numbered list of findings, and moving between them.

use leptos::prelude::*;
use web_sys::MouseEvent;

use super::Selection;
use super::dom;
use super::view::FindingView;

/// Every finding: its number (the badges on the cells use it), severity, rule, message with
/// the numbers, the cells it involves as buttons, and the rule's explanation one click away.
/// Clicking a finding selects it and moves to its primary cell.
///
/// - `findings`: the findings in the order to list them; see [`super::view::findings`].
/// - `selection`: the current finding, which the list shows and clicking sets; without it
///   the list is static.
#[component]
pub fn FindingList(findings: Vec<FindingView>, #[prop(optional)] selection: Option<Selection>) -> impl IntoView {
    let empty = findings.is_empty();
    let all = StoredValue::new(findings.clone());
    view! {
        <div class="finding-list">
            {empty.then(|| view! { <p class="none">"没有发现问题。"</p> })}
            <ol>
                {findings
                    .into_iter()
                    .enumerate()
                    .map(|(index, f)| {
                        let current = move || selection.is_some_and(|s| s.finding.get() == Some(index));
                        let on_click = move |ev: MouseEvent| {
                            // Buttons and the explanation toggle inside the item do their own thing.
                            if clicked_control(&ev) {
                                return;
                            }
                            if let Some(s) = selection {
                                all.with_value(|all| go_to(all, index, s));
                            }
                        };
                        let FindingView { number, rule, title, explanation, severity, message, cells, chips, more, .. } = f;
                        view! {
                            <li
                                class=format!("finding {}", severity.key())
                                class:current=current
                                aria-current=move || current().then_some("true")
                                data-rule=rule
                                data-severity=severity.key()
                                data-cells=cells.join(" ")
                                data-number=number.to_string()
                                tabindex="-1"
                                on:click=on_click
                            >
                                <div class="finding-head">
                                    <span class="number">{number}</span>
                                    <span class="severity">{severity.label()}</span>
                                    <span class="title">{title}</span>
                                </div>
                                <p class="message">{message}</p>
                                {(!chips.is_empty()).then(|| view! {
                                    <p class="chips">
                                        "涉及："
                                        {chips.into_iter().map(|chip| {
                                            let key = chip.key;
                                            view! {
                                                <button
                                                    type="button"
                                                    class=if chip.primary { "chip primary" } else { "chip" }
                                                    data-chip=key.to_string()
                                                    title=if chip.primary { "最可能出错的格" } else { "相关的格" }
                                                    on:click=move |_| {
                                                        if let Some(s) = selection {
                                                            s.finding.set(Some(index));
                                                        }
                                                        dom::focus_cell(key);
                                                    }
                                                >
                                                    {chip.label}
                                                </button>
                                            }
                                        }).collect_view()}
                                        {(more > 0).then(|| view! { <span class="more">{format!("等另外 {more} 格")}</span> })}
                                    </p>
                                })}
                                <details class="explain">
                                    <summary>"这条规则查什么"</summary>
                                    <p>{explanation}</p>
                                    <p class="rule-id">"规则编号：" {rule}</p>
                                </details>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </div>
    }
}

/// Makes finding `index` the current one: marks it, scrolls the list to it, and moves the
/// focus to its primary cell (which selects that cell); a finding without a cell on the page
/// takes the focus itself.
pub fn go_to(findings: &[FindingView], index: usize, selection: Selection) {
    let Some(finding) = findings.get(index) else { return };
    selection.finding.set(Some(index));
    let item = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("#findings li[data-number='{}']", finding.number)).ok().flatten());
    if let Some(item) = &item {
        dom::scroll_into_view_nearest(item);
    }
    let moved = finding.chips.iter().any(|chip| dom::focus_cell(chip.key));
    if !moved {
        if let Some(item) = item.and_then(|i| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(i).ok()) {
            dom::focus_quietly(&item);
        }
    }
}

/// Moves to the next (`step` 1) or previous (`step` -1) finding, wrapping around.
pub fn step(findings: &[FindingView], selection: Selection, step: isize) {
    if findings.is_empty() {
        return;
    }
    let n = findings.len() as isize;
    let next = match selection.finding.get_untracked() {
        Some(i) => (i as isize + step).rem_euclid(n),
        None if step > 0 => 0,
        None => n - 1,
    };
    go_to(findings, next as usize, selection);
}

/// Whether a click landed on a button or the explanation toggle inside a finding.
fn clicked_control(ev: &MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    let mut node = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    while let Some(el) = node {
        match el.tag_name().as_str() {
            "BUTTON" | "SUMMARY" | "DETAILS" | "A" => return true,
            "LI" => return false,
            _ => node = el.parent_element(),
        }
    }
    false
}
