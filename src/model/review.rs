//! What a reviewer decides about findings: 确认 (the body must fix it) or 忽略 (with the
//! reason), with a note. Plain data, kept under each finding's identity ([`Finding::id`]),
//! so that a decision survives a new check of the report (after a correction) as long as the
//! finding is still there, whatever its place in the list.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::finding::{Finding, finding_ids};

/// A reviewer's decision on one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    /// The reviewer's note for the body (may be empty).
    pub note: String,
}

/// 确认 or 忽略.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// 确认: the finding stands and the body must correct the report.
    Confirmed,
    /// 忽略: the finding does not call for a correction, for this reason.
    Dismissed { reason: String },
}

impl Verdict {
    /// Its key in the JSON export: `confirmed` or `dismissed`.
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Dismissed { .. } => "dismissed",
        }
    }

    /// In words: 确认 or 忽略.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Confirmed => "确认",
            Verdict::Dismissed { .. } => "忽略",
        }
    }
}

/// The decisions on one report's findings, by finding identity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    by_id: BTreeMap<String, Decision>,
}

/// How many of a report's findings are decided, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecisionCounts {
    pub confirmed: usize,
    pub dismissed: usize,
    pub undecided: usize,
}

impl Decisions {
    pub fn new() -> Decisions {
        Decisions::default()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Records a decision on the finding with this id (from [`finding_ids`]), replacing any.
    pub fn set(&mut self, id: impl Into<String>, decision: Decision) {
        self.by_id.insert(id.into(), decision);
    }

    /// Takes the decision on the finding with this id back.
    pub fn remove(&mut self, id: &str) -> Option<Decision> {
        self.by_id.remove(id)
    }

    pub fn get(&self, id: &str) -> Option<&Decision> {
        self.by_id.get(id)
    }

    /// Every decision with its finding's id, including decisions on findings a new check no
    /// longer gives (kept: the finding may come back when a correction is taken back).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Decision)> {
        self.by_id.iter().map(|(id, d)| (id.as_str(), d))
    }

    /// The decision on each finding of a list, in its order.
    pub fn of<'a>(&'a self, findings: &[Finding]) -> Vec<Option<&'a Decision>> {
        finding_ids(findings).iter().map(|id| self.by_id.get(id)).collect()
    }

    /// How many of `findings` are confirmed, dismissed and not yet decided.
    pub fn count(&self, findings: &[Finding]) -> DecisionCounts {
        let mut counts = DecisionCounts::default();
        for decision in self.of(findings) {
            match decision.map(|d| &d.verdict) {
                Some(Verdict::Confirmed) => counts.confirmed += 1,
                Some(Verdict::Dismissed { .. }) => counts.dismissed += 1,
                None => counts.undecided += 1,
            }
        }
        counts
    }

    /// The decisions as a JSON object by finding id, for keeping them (the page's storage):
    /// `{"ID": {"verdict": "dismissed", "reason": "…", "note": "…"}}`.
    pub fn to_json(&self) -> String {
        let map: Map<String, Value> = self.by_id.iter().map(|(id, d)| (id.clone(), d.to_json())).collect();
        Value::Object(map).to_string()
    }

    /// Reads what [`Decisions::to_json`] wrote. Entries that are not decisions are left out;
    /// text that is not such an object is an error with a message for the reviewer.
    pub fn from_json(text: &str) -> Result<Decisions, String> {
        let value: Value = serde_json::from_str(text).map_err(|_| "保存的审核决定不是有效的 JSON".to_string())?;
        let Value::Object(map) = value else { return Err("保存的审核决定格式不对".to_string()) };
        let by_id = map.into_iter().filter_map(|(id, v)| Decision::from_json(&v).map(|d| (id, d))).collect();
        Ok(Decisions { by_id })
    }
}

impl Decision {
    /// 确认, with a note.
    pub fn confirmed(note: impl Into<String>) -> Decision {
        Decision { verdict: Verdict::Confirmed, note: note.into() }
    }

    /// 忽略, for a reason, with a note.
    pub fn dismissed(reason: impl Into<String>, note: impl Into<String>) -> Decision {
        Decision { verdict: Verdict::Dismissed { reason: reason.into() }, note: note.into() }
    }

    /// The reason of a 忽略 (empty for a 确认).
    pub fn reason(&self) -> &str {
        match &self.verdict {
            Verdict::Confirmed => "",
            Verdict::Dismissed { reason } => reason,
        }
    }

    /// The JSON form of the export's `decision` field:
    /// `{"verdict": "confirmed", "note": "…"}`, `{"verdict": "dismissed", "reason": "…", "note": "…"}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("verdict".into(), Value::from(self.verdict.key()));
        if let Verdict::Dismissed { reason } = &self.verdict {
            map.insert("reason".into(), Value::from(reason.as_str()));
        }
        map.insert("note".into(), Value::from(self.note.as_str()));
        Value::Object(map)
    }

    /// Reads the JSON form back; `None` if it is not one.
    pub fn from_json(value: &Value) -> Option<Decision> {
        let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or("").to_string();
        let verdict = match value.get("verdict")?.as_str()? {
            "confirmed" => Verdict::Confirmed,
            "dismissed" => Verdict::Dismissed { reason: text("reason") },
            _ => return None,
        };
        Some(Decision { verdict, note: text("note") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::rules::testing::{bump, clean};

    #[test]
    fn a_decision_follows_its_finding_not_its_place() {
        let mut report = clean(Format::V2021);
        bump(&mut report, "requests.granted.total", 2);
        let before = crate::rules::check(&report);
        let row = before.iter().find(|f| f.rule == "requests-row-total").unwrap();
        let mut decisions = Decisions::new();
        decisions.set(row.id(), Decision::dismissed("上级已核实", "按原件"));
        // Another finding comes before it in a new check: the decision stays with its finding.
        bump(&mut report, "appeals.review.total", 1);
        report.notes.push(crate::model::Note::TableMissing { table: crate::model::Table::Proactive, heading: None, image: true });
        let after = crate::rules::check(&report);
        assert_ne!(before.iter().position(|f| f.id() == row.id()), after.iter().position(|f| f.id() == row.id()));
        let decided: Vec<(&str, &str)> =
            after.iter().zip(decisions.of(&after)).filter_map(|(f, d)| d.map(|d| (f.rule, d.reason()))).collect();
        assert_eq!(decided, vec![("requests-row-total", "上级已核实")]);
        assert_eq!(decisions.count(&after), DecisionCounts { confirmed: 0, dismissed: 1, undecided: after.len() - 1 });
    }

    #[test]
    fn ids_name_one_finding_each() {
        let mut report = clean(Format::V2021);
        bump(&mut report, "requests.granted.total", 2);
        report.parts.remove(&crate::model::Part::Problems);
        report.parts.remove(&crate::model::Part::Other);
        let findings = crate::rules::check(&report);
        let ids = finding_ids(&findings);
        assert!(ids.contains(&"missing-section @problems".to_string()), "{ids:?}");
        assert!(ids.contains(&"missing-section @other".to_string()), "{ids:?}");
        assert!(ids.iter().any(|id| id.starts_with("requests-row-total requests.granted.natural_person ")), "{ids:?}");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        // A repeated finding gets a number of its own.
        let twice = vec![findings[0].clone(), findings[0].clone()];
        assert_eq!(finding_ids(&twice), vec![findings[0].id(), format!("{}#2", findings[0].id())]);
    }

    #[test]
    fn decisions_keep_through_json() {
        let mut decisions = Decisions::new();
        decisions.set("a x", Decision::confirmed("请更正“总计”<b>"));
        decisions.set("b", Decision::dismissed("口径不同", ""));
        let back = Decisions::from_json(&decisions.to_json()).unwrap();
        assert_eq!(back, decisions);
        assert!(Decisions::from_json("[1]").is_err());
        assert!(Decisions::from_json("not json").is_err());
        assert_eq!(Decisions::from_json(r#"{"a": {"verdict": "maybe"}, "b": 3}"#).unwrap(), Decisions::new());
    }
}
