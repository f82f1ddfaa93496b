//! What every target checks about a result besides "no panic".

use nianbao::Checked;
use nianbao::model::Span;

/// Runs everything a caller does with a result (the exports), and checks that every span
/// of the report is a range of `source` on character boundaries, so that a UI slicing the
/// input by it cannot panic. `source` is `None` for inputs whose report carries no spans.
pub fn use_result(checked: &Checked, source: Option<&str>) {
    std::hint::black_box(nianbao::export::text::render(checked));
    std::hint::black_box(nianbao::export::json::to_line(checked, Some("fuzz")));
    for span in checked.report.spans() {
        check_span(span, source);
    }
}

fn check_span(span: Span, source: Option<&str>) {
    let source = source.unwrap_or_else(|| panic!("a span {span:?} in a report read without positions"));
    assert!(span.start <= span.end, "span {span:?} runs backwards");
    assert!(
        source.get(span.start..span.end).is_some(),
        "span {span:?} is not a range of the {}-byte input on character boundaries",
        source.len()
    );
}
