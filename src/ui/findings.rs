//! The numbered list of findings with the reviewer's decision on each, and moving between
//! them.

use std::cell::RefCell;

use leptos::prelude::{GetUntracked, Set};
use wasm_bindgen::JsCast;

use super::Selection;
use super::dom::{self, El, text_el};
use crate::model::{Decision, DecisionCounts, Verdict};
use crate::view::{FindingView, decided_line};

/// Every finding (`ol` of `li[data-rule]`): its number (the badges on the cells use it),
/// severity, rule, message with the numbers, the cells it involves as buttons
/// (`button[data-chip]`, the primary ones framed solid), and the rule's explanation one
/// click away (a `details` element). The page handles clicks on the list as a whole
/// ([`on_click`]).
pub fn finding_list(findings: &[FindingView], decided: DecisionCounts) -> El {
    if findings.is_empty() {
        return text_el("p", "none", "没有发现问题。");
    }
    // How far the review has come (`#decided`, with the counts as data).
    let counts = text_el("p", "decided", &decided_line(decided))
        .attr("id", "decided")
        .attr("data-confirmed", &decided.confirmed.to_string())
        .attr("data-dismissed", &decided.dismissed.to_string())
        .attr("data-undecided", &decided.undecided.to_string());
    El::new("div").child(counts).child(El::new("ol").children(findings.iter().map(finding).collect()))
}

/// The reviewer's decision on a finding (`div[data-decision]`, `data-verdict` when made): the
/// decision with its reason and note and a button to take it back, or the buttons to make
/// one (`button[data-decide]`, which [`decision_form`] answers).
pub fn decision_box(decision: Option<&Decision>) -> El {
    let button = |what: &str, label: &str| El::new("button").attr("type", "button").class("link").attr("data-decide", what).text(label);
    let el = El::new("div").class("decision").attr("data-decision", "");
    let Some(d) = decision else {
        return el.child(button("confirm", "确认")).child(button("dismiss", "忽略…"));
    };
    let said = match &d.verdict {
        Verdict::Confirmed => "已确认：需要更正".to_string(),
        Verdict::Dismissed { reason } => format!("已忽略，理由：{reason}"),
    };
    let note = (!d.note.is_empty()).then(|| text_el("span", "note", &format!("备注：{}", d.note)));
    el.attr("data-verdict", d.verdict.key()).child(text_el("span", "verdict", &said)).child_if(note).child(button("undo", "撤销"))
}

/// The form a decision is made in: for 忽略 the reason (required) and for both a note, with
/// 保存 and 取消; `p[role=alert]` says what is missing.
pub fn decision_form(dismiss: bool) -> El {
    let field = |name: &str, label: &str| {
        El::new("label").text(label).child(El::new("input").attr("type", "text").attr("data-field", name).attr("maxlength", "500"))
    };
    let reason = dismiss.then(|| field("reason", "忽略的理由（必填）"));
    El::new("div")
        .class("decision form")
        .attr("data-decision", "")
        .attr("data-form", if dismiss { "dismiss" } else { "confirm" })
        .child_if(reason)
        .child(field("note", "备注（可不填）"))
        .child(El::new("button").attr("type", "button").attr("data-decide", "save").text(if dismiss { "忽略" } else { "确认" }))
        .child(El::new("button").attr("type", "button").attr("data-decide", "cancel").text("取消"))
        .child(El::new("p").class("problem").attr("role", "alert"))
}

/// A click or key on a decision's controls (`div[data-decision]`): opens the form, cancels
/// it, or gives the decision made (`Some(None)`: taken back) on the finding's id. `None`
/// when the event was not on one.
pub fn on_decide(ev: &web_sys::Event, findings: &[FindingView]) -> Option<(String, Option<Decision>)> {
    let item = dom::closest_with(ev.target(), "data-number")?;
    let number: usize = item.get_attribute("data-number")?.parse().ok()?;
    let finding = findings.get(number.checked_sub(1)?)?;
    let what = match ev.dyn_ref::<web_sys::KeyboardEvent>() {
        Some(key) if key.key() == "Enter" => "save".to_string(),
        Some(key) if key.key() == "Escape" => "cancel".to_string(),
        Some(_) => return None,
        None => dom::closest_with(ev.target(), "data-decide")?.get_attribute("data-decide")?,
    };
    let boxed = item.query_selector("[data-decision]").ok().flatten()?;
    let show = |el: El| {
        let _ = boxed.replace_with_with_node_1(&el.0);
        if let Some(first) = el.0.query_selector("input, button").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = first.focus();
        }
    };
    match what.as_str() {
        "confirm" | "dismiss" => show(decision_form(what == "dismiss")),
        "cancel" => show(decision_box(finding.decision.as_ref())),
        "undo" => return Some((finding.id.clone(), None)),
        "save" => {
            let field = |name: &str| {
                boxed
                    .query_selector(&format!("input[data-field='{name}']"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|input| input.value().trim().to_string())
            };
            let note = field("note")?;
            let decision = match field("reason") {
                None => Decision::confirmed(note),
                Some(reason) if reason.is_empty() => {
                    if let Some(problem) = boxed.query_selector(".problem").ok().flatten() {
                        problem.set_text_content(Some("请写明忽略的理由。"));
                    }
                    return None;
                }
                Some(reason) => Decision::dismissed(reason, note),
            };
            return Some((finding.id.clone(), Some(decision)));
        }
        _ => {}
    }
    None
}

fn finding(f: &FindingView) -> El {
    let head = El::new("div")
        .class("finding-head")
        .child(text_el("span", "seq", &f.number.to_string()))
        .child(text_el("span", "severity", f.severity.label()))
        .child(text_el("span", "title", f.title));
    let chips = (!f.chips.is_empty()).then(|| {
        let buttons = f
            .chips
            .iter()
            .map(|chip| {
                El::new("button")
                    .attr("type", "button")
                    .class(if chip.primary { "chip primary" } else { "chip" })
                    .attr("data-chip", &chip.key.to_string())
                    .attr("title", if chip.primary { "最可能出错的格" } else { "相关的格" })
                    .text(&chip.label)
            })
            .collect();
        let more = (f.more > 0).then(|| text_el("span", "more", &format!("等另外 {} 格", f.more)));
        El::new("p").class("chips").text("涉及：").children(buttons).child_if(more)
    });
    // A finding about the prose: a button to its words in the text area, as the cell panel
    // has for a cell (`data-start`, `data-end`).
    let source = f.source.map(|(start, end)| {
        El::new("p").class("chips").child(
            El::new("button")
                .attr("type", "button")
                .class("link")
                .attr("data-start", &start.to_string())
                .attr("data-end", &end.to_string())
                .text("在输入框中查看原文"),
        )
    });
    // A finding across reports: the other report, one click away (`data-open-report`, its
    // position among the open reports).
    let other = f.other.as_ref().map(|(index, words)| {
        El::new("p")
            .class("chips")
            .child(El::new("button").attr("type", "button").class("link").attr("data-open-report", &index.to_string()).text(words))
    });
    // The explanation's text comes from the second module when a reviewer first opens one
    // (`show_explanations`); once had, it is drawn at once.
    let explain = El::new("details")
        .class("explain")
        .child(text_el("summary", "", "这条规则查什么"))
        .child(text_el("p", "explanation", &EXPLANATIONS.with(|e| explanation_in(&e.borrow(), f.rule))))
        .child(El::new("p").class("rule-id").text("规则编号：").text(f.rule));
    El::new("li")
        .class(&format!("finding {}", f.severity.key()))
        .attr("data-rule", f.rule)
        .attr("data-severity", f.severity.key())
        .attr("data-cells", &f.cells.join(" "))
        .attr("data-number", &f.number.to_string())
        .attr("tabindex", "-1")
        .child(head)
        .child(text_el("p", "message", &f.message))
        .child_if(chips)
        .child_if(source)
        .child_if(other)
        .child(decision_box(f.decision.as_ref()))
        .child(explain)
}

/// A click in the list: a cell button moves to that cell; a click elsewhere on a finding
/// (not on its explanation) makes it the current finding.
pub fn on_click(ev: &web_sys::Event, findings: &[FindingView], selection: Selection) {
    let Some(item) = dom::closest_with(ev.target(), "data-number") else { return };
    let Some(index) = item.get_attribute("data-number").and_then(|n| n.parse::<usize>().ok()).map(|n| n - 1) else { return };
    if let Some(button) = dom::closest_with(ev.target(), "data-start") {
        selection.finding.set(Some(index));
        super::input::go_to_range(&button);
        return;
    }
    if let Some(chip) = dom::closest_with(ev.target(), "data-chip") {
        selection.finding.set(Some(index));
        if let Some(key) = chip.get_attribute("data-chip").and_then(|k| crate::model::CellKey::parse(&k)) {
            dom::focus_cell(key);
        }
        return;
    }
    if is_in_summary(ev) {
        show_explanations();
        return;
    }
    if dom::closest_with(ev.target(), "data-decision").is_some() {
        return;
    }
    go_to(findings, index, selection);
}

fn is_in_summary(ev: &web_sys::Event) -> bool {
    let mut node = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    while let Some(el) = node {
        match el.tag_name().as_str() {
            "SUMMARY" | "DETAILS" => return true,
            "LI" => return false,
            _ => node = el.parent_element(),
        }
    }
    false
}

thread_local! {
    /// Every rule's explanation (`rules::EXPLANATIONS`), once the second module gave them.
    static EXPLANATIONS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The explanation of `rule` among `texts` (in registry order); empty when not had yet.
fn explanation_in(texts: &[String], rule: &str) -> String {
    let index = crate::rules::RULES.iter().position(|r| r.id == rule);
    index.and_then(|i| texts.get(i)).cloned().unwrap_or_default()
}

/// Fills the explanations of the findings listed: the rules' texts are in the second module
/// (the first load does not carry them), loaded the first time a reviewer opens one and kept.
/// Meanwhile, or when it cannot be loaded, the paragraphs say so.
fn show_explanations() {
    if EXPLANATIONS.with(|e| !e.borrow().is_empty()) {
        return;
    }
    fill_explanations(|_| "正在载入说明……".to_string());
    leptos::task::spawn_local(async {
        match super::lazy::explanations().await {
            Ok(texts) => {
                fill_explanations(|rule| explanation_in(&texts, rule));
                EXPLANATIONS.with(|e| *e.borrow_mut() = texts);
            }
            Err(why) => fill_explanations(|_| why.clone()),
        }
    });
}

/// Sets the explanation paragraph of every finding listed to `text(rule)`.
fn fill_explanations(text: impl Fn(&str) -> String) {
    let Ok(items) = dom::document().query_selector_all("#findings li[data-rule]") else { return };
    for i in 0..items.length() {
        let Some(item) = items.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let (Some(rule), Ok(Some(p))) = (item.get_attribute("data-rule"), item.query_selector("p.explanation")) else { continue };
        p.set_text_content(Some(&text(&rule)));
    }
}

/// Makes finding `index` the current one: marks it, scrolls the list to it, and moves the
/// focus to its primary cell (which selects that cell); a finding without a cell on the page
/// takes the focus itself.
pub fn go_to(findings: &[FindingView], index: usize, selection: Selection) {
    let Some(finding) = findings.get(index) else { return };
    selection.finding.set(Some(index));
    let item = dom::document().query_selector(&format!("#findings li[data-number='{}']", finding.number)).ok().flatten();
    if let Some(item) = &item {
        dom::scroll_into_view_nearest(item);
    }
    let moved = finding.keys.iter().any(|key| dom::focus_cell(*key));
    if !moved && let Some(item) = item.and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok()) {
        dom::focus_quietly(&item);
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
