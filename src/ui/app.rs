//! The root component: one input signal, one memo over the core's result, and the parts of
//! the page rendered from it.

use leptos::prelude::*;

use super::findings::FindingList;
use super::input::ReportInput;
use super::sample;
use super::summary::SummaryView;
use super::tables::TableBlock;
use super::view;
use crate::{Checked, check_text};

/// The whole page below the header. Starts with the built-in sample report, so the first
/// thing a newcomer sees is a checked report.
#[component]
pub fn App() -> impl IntoView {
    let text = RwSignal::new(sample::HONGZE_2024.to_string());
    // Checking is immediate: every change of the text re-reads and re-checks it.
    let checked: Memo<Checked> = Memo::new(move |_| text.with(|t| check_text(t)));

    view! {
        <main class="app">
            <ReportInput text=text />
            {move || {
                let summary = checked.with(|c| text.with(|t| view::summary(t, c)));
                view! { <SummaryView summary=summary /> }
            }}
            <section class="tables" aria-label="统计表">
                {move || {
                    checked
                        .with(view::tables)
                        .into_iter()
                        .map(|table| view! { <TableBlock table=table /> })
                        .collect_view()
                }}
            </section>
            {move || view! { <FindingList findings=checked.with(view::findings) /> }}
        </main>
    }
}
