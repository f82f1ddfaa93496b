//! The report input: a text area checked on every change, and buttons to load the sample or
//! clear the text.

use leptos::prelude::*;

use super::sample;

/// The id of the text area (part of the DOM contract).
pub const INPUT_ID: &str = "report-input";

/// The text area and its buttons.
///
/// - `text`: the report text; typing, pasting and the buttons all write it, and the text area
///   shows it.
#[component]
pub fn ReportInput(text: RwSignal<String>) -> impl IntoView {
    view! {
        <section class="input">
            <label for=INPUT_ID>"年报全文"</label>
            <p class="hint">"把年度报告的全文（从网页、PDF 或 Word 中复制）粘贴到下面，校验会立即进行，内容不会离开本机。"</p>
            <textarea
                id=INPUT_ID
                spellcheck="false"
                placeholder="在此粘贴年报全文……"
                prop:value=move || text.get()
                on:input:target=move |ev| text.set(ev.target().value())
            ></textarea>
            <div class="actions">
                <button type="button" id="load-sample" on:click=move |_| text.set(sample::HONGZE_2024.to_string())>
                    {sample::BUTTON_LABEL}
                </button>
                <button type="button" id="clear-input" on:click=move |_| text.set(String::new())>
                    "清空"
                </button>
            </div>
        </section>
    }
}
