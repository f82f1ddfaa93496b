//! A report's review as the page keeps it: the reviewer's decisions on its findings (确认,
//! 忽略 with a reason, a note; kept by finding identity, `Finding::id`, so that they survive a
//! new check) and the cells the reviewer corrected (the text typed, by cell). Plain data; the
//! page stores it beside the report (`ui::storage`) and hands it to the second module
//! with the report for the exports and the memo.
//!
//! The stored form is a small length-prefixed text like [`super::stored`]'s (no serde in the
//! first load): a first line naming the layout, then per decision a line
//! `confirm|dismiss len len len` followed by the finding's id, the reason and the note, and
//! per correction a line `fix len len` followed by the cell's name and the text typed.

use super::doc::Outcome;
use crate::model::{CellKey, Decision, Decisions, Finding, Severity, Verdict, finding_ids};

/// The first word of the stored text, naming its layout.
const LAYOUT: &str = "nianbao-review-1";

/// What the reviewer did with one report. Plain lists, one entry per finding or cell, in
/// the order made: a report has a few dozen findings at most, and maps would add kilobytes
/// to the page for nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// The decisions, by finding identity (`model::finding_ids`).
    pub decisions: Vec<(String, Decision)>,
    /// The corrections: the text the reviewer typed, by cell.
    pub corrections: Vec<(CellKey, String)>,
}

impl Review {
    /// Whether the reviewer has done nothing with the report yet.
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.corrections.is_empty()
    }

    /// The decision on the finding `id`.
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|(i, _)| i == id).map(|(_, d)| d)
    }

    /// Records a decision on the finding `id`, replacing any, or takes it back (`None`).
    pub fn decide(&mut self, id: &str, decision: Option<Decision>) {
        self.decisions.retain(|(i, _)| i != id);
        if let Some(decision) = decision {
            self.decisions.push((id.to_string(), decision));
        }
    }

    /// Records the text typed into a cell, replacing any, or takes the correction back (`None`).
    pub fn correct(&mut self, key: CellKey, text: Option<String>) {
        self.corrections.retain(|(k, _)| *k != key);
        if let Some(text) = text {
            self.corrections.push((key, text));
        }
    }

    /// How many of `findings` (all of a report's, in the order the page shows them: the ids
    /// count repeats) that ask for a decision, the errors and warnings, the reviewer decided on.
    pub fn decided(&self, findings: &[Finding]) -> usize {
        let ids = finding_ids(findings);
        findings
            .iter()
            .zip(&ids)
            .filter(|(f, id)| matches!(f.severity, Severity::Error | Severity::Warning) && self.decision(id).is_some())
            .count()
    }

    /// The decisions as the exports and the memo take them.
    pub fn to_decisions(&self) -> Decisions {
        let mut decisions = Decisions::new();
        for (id, decision) in &self.decisions {
            decisions.set(id.as_str(), decision.clone());
        }
        decisions
    }
}

/// The result of a report with its corrections applied (`desk::correct_cell`, in place: the
/// report was just read) and the rules run again on the corrected report; the result as read
/// when there are none.
pub fn corrected(mut outcome: Outcome, corrections: &[(CellKey, String)]) -> Outcome {
    if corrections.is_empty() {
        return outcome;
    }
    let report = &mut outcome.checked.report;
    for (key, text) in corrections {
        crate::desk::correct_cell(report, *key, text);
    }
    outcome.checked.findings = crate::rules::check(report);
    outcome
}

/// The stored form of a review.
pub fn encode(review: &Review) -> String {
    let mut out = format!("{LAYOUT}\n");
    let mut entry = |kind: &str, parts: &[&str]| {
        out.push_str(kind);
        for part in parts {
            out.push_str(&format!(" {}", part.len()));
        }
        out.push('\n');
        parts.iter().for_each(|part| out.push_str(part));
    };
    for (id, decision) in &review.decisions {
        let kind = match decision.verdict {
            Verdict::Confirmed => "confirm",
            Verdict::Dismissed { .. } => "dismiss",
        };
        entry(kind, &[id, decision.reason(), &decision.note]);
    }
    for (key, text) in &review.corrections {
        entry("fix", &[&key.to_string(), text]);
    }
    out
}

/// A review from its stored form; `None` for anything else (another layout, a damaged text).
pub fn decode(stored: &str) -> Option<Review> {
    let mut rest = stored.strip_prefix(LAYOUT)?.strip_prefix('\n')?;
    let mut review = Review::default();
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n')?;
        rest = after;
        let mut words = line.split(' ');
        let kind = words.next()?;
        let mut parts = Vec::new();
        for len in words {
            let len: usize = len.parse().ok()?;
            if len > rest.len() || !rest.is_char_boundary(len) {
                return None;
            }
            let (part, after) = rest.split_at(len);
            parts.push(part.to_string());
            rest = after;
        }
        match (kind, parts.as_mut_slice()) {
            ("confirm", [id, _, note]) => review.decide(id, Some(Decision::confirmed(std::mem::take(note)))),
            ("dismiss", [id, reason, note]) => review.decide(id, Some(Decision::dismissed(std::mem::take(reason), std::mem::take(note)))),
            ("fix", [key, text]) => review.correct(CellKey::parse(key)?, Some(std::mem::take(text))),
            _ => return None,
        }
    }
    Some(review)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Review {
        let mut review = Review::default();
        review.decide("requests-row-total requests.new.total", Some(Decision::confirmed("请核对“总计”\n第二行")));
        review.decide("blank-operand @表四 appeals.review.total", Some(Decision::dismissed("原件如此", "")));
        review.correct(CellKey::parse("requests.new.natural_person").unwrap(), Some("1,000".into()));
        review.correct(CellKey::parse("appeals.review.upheld").unwrap(), Some("𠀀 x".into()));
        review
    }

    #[test]
    fn the_overview_counts_decisions_on_the_errors_and_warnings_there_are() {
        let checked = crate::check_text(include_str!("../../tests/fixtures/ui/hongze-district-2024.errors.txt"));
        let findings = &checked.findings;
        let ids = finding_ids(findings);
        let needs = |f: &Finding| matches!(f.severity, Severity::Error | Severity::Warning);
        let first = findings.iter().position(needs).expect("the sample with errors has errors");
        let mut review = Review::default();
        assert_eq!(review.decided(findings), 0);
        review.decide(&ids[first], Some(Decision::confirmed("")));
        review.decide("a finding that is gone", Some(Decision::confirmed("")));
        if let Some(info) = findings.iter().position(|f| f.severity == Severity::Info) {
            review.decide(&ids[info], Some(Decision::dismissed("无需处理", "")));
        }
        assert_eq!(review.decided(findings), 1, "only a decision on an error or warning still found counts");
        let all = findings.iter().filter(|f| needs(f)).count();
        for (_, id) in findings.iter().zip(&ids).filter(|(f, _)| needs(f)) {
            review.decide(id, Some(Decision::dismissed("原件如此", "")));
        }
        assert_eq!(review.decided(findings), all);
    }

    #[test]
    fn a_review_comes_back_as_it_was_stored() {
        let review = sample();
        assert_eq!(decode(&encode(&review)), Some(review));
        assert_eq!(decode(&encode(&Review::default())), Some(Review::default()));
    }

    #[test]
    fn anything_else_is_not_read() {
        let stored = encode(&sample());
        assert_eq!(decode("something else"), None);
        assert_eq!(decode(&stored.replace(LAYOUT, "nianbao-review-2")), None, "another layout");
        assert_eq!(decode(&stored.replace("fix ", "maybe ")), None, "an unknown kind");
        assert_eq!(decode(&stored[..stored.len() - 1]), None, "a cut-off copy is not half read");
        let no_cell = encode(&sample()).replace("fix 26", "fix 25").replace("requests.new.natural_person", "requests.new.natural_perso");
        assert_eq!(decode(&no_cell), None, "a cell that does not exist");
    }

    #[test]
    fn a_new_decision_or_correction_replaces_the_old() {
        let mut review = sample();
        let id = review.decisions[0].0.clone();
        review.decide(&id, Some(Decision::dismissed("口径不同", "")));
        assert_eq!(review.decision(&id), Some(&Decision::dismissed("口径不同", "")));
        assert_eq!(review.decisions.len(), 2);
        let key = review.corrections[0].0;
        review.correct(key, Some("7".into()));
        assert_eq!(review.corrections.iter().filter(|(k, _)| *k == key).count(), 1);
        assert_eq!(review.to_decisions().get(&id), review.decision(&id));
    }

    #[test]
    fn taking_back_leaves_nothing() {
        let mut review = sample();
        for (id, _) in sample().decisions {
            review.decide(&id, None);
        }
        for (key, _) in sample().corrections {
            review.correct(key, None);
        }
        assert!(review.is_empty());
    }
}
