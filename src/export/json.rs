//! The JSON export of `report-json.md`: what `--json` prints and the app's “导出 JSON” saves.
//!
//! Objects are written in the order the official tables read (serialising through our own
//! `Serialize` impls keeps that order without an order-preserving map).
//!
//! Beyond report-json.md (which allows fields to be added): each finding's `id` and the
//! reviewer's `decision` on it, `other` on a finding across reports (the other report, its
//! file and cells), and `corrected` on a cell the reviewer corrected (README, “JSON”).

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::Checked;
use crate::input::pdf::Pages;
use crate::model::{Cell, CellKey, Decisions, Finding, Table, Tally, Unchecked, Value, finding_ids};

/// A checked report in its JSON form, optionally with the file it came from and the
/// reviewer's decisions.
pub struct JsonReport<'a> {
    pub checked: &'a Checked,
    /// Added by the command line: the path of the file read.
    pub file: Option<&'a str>,
    /// For a report read from a PDF: its pages. The export then says so (`"input"`) and
    /// gives each cell's page.
    pub pdf: Option<&'a Pages>,
    /// The reviewer's decisions on the findings (none: every `decision` is `null`).
    pub decisions: Option<&'a Decisions>,
    /// The report's relations counted ([`Checked::relations`]), which a caller may have
    /// counted already.
    pub relations: &'a Tally,
}

/// The export as one line (JSON Lines).
pub fn to_line(checked: &Checked, file: Option<&str>) -> String {
    to_line_from(checked, file, None)
}

/// The export as one line, for a report read from a PDF with these pages.
pub fn to_line_from(checked: &Checked, file: Option<&str>, pdf: Option<&Pages>) -> String {
    to_line_counted(checked, file, pdf, &checked.relations())
}

/// The export as one line, with the report's relations already counted (the command line
/// counts them for its exit code).
pub fn to_line_counted(checked: &Checked, file: Option<&str>, pdf: Option<&Pages>, relations: &Tally) -> String {
    serde_json::to_string(&JsonReport { checked, file, pdf, decisions: None, relations }).unwrap_or_default()
}

/// The export, indented for reading.
pub fn to_pretty(checked: &Checked) -> String {
    to_pretty_reviewed(checked, None, &Decisions::new())
}

/// The export with the reviewer's decisions, indented for reading (the page's “导出 JSON”);
/// for a report read from a PDF, with its pages.
pub fn to_pretty_reviewed(checked: &Checked, pdf: Option<&Pages>, decisions: &Decisions) -> String {
    let relations = checked.relations();
    serde_json::to_string_pretty(&JsonReport { checked, file: None, pdf, decisions: Some(decisions), relations: &relations })
        .unwrap_or_default()
}

/// What the input was, for a PDF: `{"kind": "pdf", "pages": 5, "scanned_pages": [],
/// "unmapped_pages": []}` (pages without a text layer, pages whose fonts map no text).
struct Input<'a>(&'a Pages);

impl Serialize for Input<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("kind", "pdf")?;
        map.serialize_entry("pages", &self.0.count())?;
        map.serialize_entry("scanned_pages", &self.0.scanned)?;
        map.serialize_entry("unmapped_pages", &self.0.unmapped)?;
        map.end()
    }
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let report = &self.checked.report;
        let mut map = s.serialize_map(None)?;
        if let Some(file) = self.file {
            map.serialize_entry("file", file)?;
        }
        if let Some(pages) = self.pdf {
            map.serialize_entry("input", &Input(pages))?;
        }
        map.serialize_entry("format", &report.format.map(|f| f.key()))?;
        map.serialize_entry("year", &report.year)?;
        map.serialize_entry("title", &report.title)?;
        map.serialize_entry("published", &report.published.as_ref().map(|d| d.value.to_string()))?;
        map.serialize_entry("body", &report.body)?;
        map.serialize_entry("tables", &Tables(self.checked, self.pdf))?;
        map.serialize_entry("findings", &Findings(&self.checked.findings, self.decisions))?;
        map.serialize_entry("relations", &Relations(self.relations))?;
        map.end()
    }
}

/// How much was checked: the relations' counts, and those not checked with why and where.
struct Relations<'a>(&'a Tally);

impl Serialize for Relations<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tally = &self.0;
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("total", &tally.total())?;
        map.serialize_entry("held", &tally.held)?;
        map.serialize_entry("broken", &tally.broken)?;
        map.serialize_entry("unchecked", &tally.unchecked.len())?;
        let list: Vec<JsonUnchecked> = tally.unchecked.iter().map(JsonUnchecked).collect();
        map.serialize_entry("unchecked_relations", &list)?;
        map.end()
    }
}

struct JsonUnchecked<'a>(&'a Unchecked);

impl Serialize for JsonUnchecked<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let u = self.0;
        let (place, key) = u.relation.place();
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("relation", u.relation.rule())?;
        map.serialize_entry(place, key)?;
        map.serialize_entry("reason", u.why.key())?;
        let cells: Vec<String> = u.cells.iter().map(ToString::to_string).collect();
        map.serialize_entry("cells", &cells)?;
        map.end()
    }
}

struct Tables<'a>(&'a Checked, Option<&'a Pages>);

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let report = &self.0.report;
        let mut map = s.serialize_map(None)?;
        for table in Table::ALL.iter().filter(|t| report.has_table(**t)) {
            let cells: Vec<(&CellKey, &Cell)> = report.cells.iter().filter(|(k, _)| k.table() == *table).collect();
            map.serialize_entry(table.key(), &Rows { cells, report, pdf: self.1 })?;
        }
        map.end()
    }
}

/// A table's cells grouped by row, in reading order (the cells are already sorted so).
struct Rows<'a> {
    cells: Vec<(&'a CellKey, &'a Cell)>,
    report: &'a crate::model::Report,
    pdf: Option<&'a Pages>,
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        let mut start = 0;
        while start < self.cells.len() {
            let row = self.cells[start].0.row_key();
            let end = start + self.cells[start..].iter().take_while(|(k, _)| k.row_key() == row).count();
            map.serialize_entry(row, &Cols { cells: &self.cells[start..end], report: self.report, pdf: self.pdf })?;
            start = end;
        }
        map.end()
    }
}

struct Cols<'a> {
    cells: &'a [(&'a CellKey, &'a Cell)],
    report: &'a crate::model::Report,
    pdf: Option<&'a Pages>,
}

impl Serialize for Cols<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (key, cell) in self.cells {
            let (read, corrected) = match self.report.corrected.get(key) {
                // The cell as read, with the reviewer's correction beside it.
                Some(original) => (original.as_ref(), Some(*cell)),
                None => (Some(*cell), None),
            };
            map.serialize_entry(key.col_key(), &JsonCell { read, corrected, pdf: self.pdf })?;
        }
        map.end()
    }
}

/// A cell: as read (`None`: not found, for a cell the reviewer filled in), with the
/// reviewer's correction beside it when there is one.
struct JsonCell<'a> {
    read: Option<&'a Cell>,
    corrected: Option<&'a Cell>,
    pdf: Option<&'a Pages>,
}

impl Serialize for JsonCell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("value", &self.read.and_then(|c| number(&c.value)))?;
        map.serialize_entry("raw", self.read.map_or("", |c| c.raw.as_str()))?;
        let span = self.read.and_then(|c| c.span);
        map.serialize_entry("span", &span.map(|s| [s.start, s.end]))?;
        if let Some(pages) = self.pdf {
            // The page of the PDF the cell was read on (null for a cell with no place).
            map.serialize_entry("page", &span.map(|s| pages.page_at(s.start)))?;
        }
        if let Some(corrected) = self.corrected {
            let read_as = match self.read.map(|c| &c.value) {
                None => "missing",
                Some(Value::Number(_)) => "number",
                Some(Value::Blank) => "blank",
                Some(Value::Unread(_)) => "unread",
            };
            let fields = JsonCorrection { value: number(&corrected.value), raw: &corrected.raw, read_as };
            map.serialize_entry("corrected", &fields)?;
        }
        map.end()
    }
}

/// A cell's number in JSON: counts are integers; money (and any count written with
/// decimals) a number; `null` for a blank or unread cell. (Typed rather than a
/// `serde_json::Value`, whose code the page's wasm would otherwise carry.)
fn number(value: &Value) -> Option<JsonNumber> {
    match value {
        Value::Number(n) => Some(match n.to_i64() {
            Some(i) => JsonNumber::Int(i),
            None => JsonNumber::Float(n.to_f64()),
        }),
        _ => None,
    }
}

enum JsonNumber {
    Int(i64),
    Float(f64),
}

impl Serialize for JsonNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            JsonNumber::Int(i) => s.serialize_i64(*i),
            JsonNumber::Float(f) => s.serialize_f64(*f),
        }
    }
}

/// The reviewer's correction of a cell: the value and text typed, and what the reader had
/// read there (`number`, `blank`, `unread`, or `missing`: not found).
struct JsonCorrection<'a> {
    value: Option<JsonNumber>,
    raw: &'a str,
    read_as: &'static str,
}

impl Serialize for JsonCorrection<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("raw", self.raw)?;
        map.serialize_entry("read_as", self.read_as)?;
        map.end()
    }
}

struct Findings<'a>(&'a [Finding], Option<&'a Decisions>);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (finding, id) in self.0.iter().zip(finding_ids(self.0)) {
            let decision = self.1.and_then(|d| d.get(&id));
            seq.serialize_element(&JsonFinding { finding, id: &id, decision })?;
        }
        seq.end()
    }
}

struct JsonFinding<'a> {
    finding: &'a Finding,
    id: &'a str,
    decision: Option<&'a crate::model::Decision>,
}

impl Serialize for JsonFinding<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.finding;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("rule", f.rule)?;
        map.serialize_entry("severity", f.severity.key())?;
        map.serialize_entry("message", &f.message)?;
        let cells: Vec<JsonCellRef> = f.cells.iter().map(|c| JsonCellRef(c.cell.name(), c.role.key())).collect();
        map.serialize_entry("cells", &cells)?;
        map.serialize_entry("id", self.id)?;
        map.serialize_entry("decision", &self.decision.map(JsonDecision))?;
        if let Some(other) = f.fact.other() {
            map.serialize_entry("other", &JsonOther(other))?;
        }
        map.end()
    }
}

/// The other report of a finding across reports: its file (as the reviewer or the command
/// line named it), its year, its body when written differently, and its cells compared.
struct JsonOther<'a>(&'a crate::model::Other);

impl Serialize for JsonOther<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let other = self.0;
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("file", &other.name)?;
        map.serialize_entry("year", &other.year)?;
        map.serialize_entry("body", &other.body)?;
        let cells: Vec<JsonOtherCell> = other.cells.iter().map(|(cell, value)| JsonOtherCell(*cell, *value)).collect();
        map.serialize_entry("cells", &cells)?;
        map.end()
    }
}

struct JsonOtherCell(CellKey, crate::model::Decimal);

impl Serialize for JsonOtherCell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("cell", &self.0.name())?;
        map.serialize_entry("value", &number(&Value::Number(self.1)))?;
        map.end()
    }
}

/// A reviewer's decision: `{"verdict": "confirmed", "note"}` or `{"verdict": "dismissed",
/// "reason", "note"}` (the same form as `Decision::to_json`).
struct JsonDecision<'a>(&'a crate::model::Decision);

impl Serialize for JsonDecision<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("verdict", d.verdict.key())?;
        if let crate::model::Verdict::Dismissed { reason } = &d.verdict {
            map.serialize_entry("reason", reason)?;
        }
        map.serialize_entry("note", &d.note)?;
        map.end()
    }
}

struct JsonCellRef(String, &'static str);

impl Serialize for JsonCellRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("cell", &self.0)?;
        map.serialize_entry("role", self.1)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_contract() {
        let text = "某某区人民政府2023年政府信息公开工作年度报告\n发布时间：2024-01-20\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t-\t0\t0\t0\t0\n";
        let checked = crate::check_text(text);
        let json: serde_json::Value = serde_json::from_str(&to_pretty(&checked)).unwrap();
        assert_eq!(json["year"], 2023);
        assert_eq!(json["title"], "某某区人民政府2023年政府信息公开工作年度报告");
        assert_eq!(json["published"], "2024-01-20");
        assert_eq!(json["format"], serde_json::Value::Null, "no table shows a format");
        let review = &json["tables"]["appeals"]["review"];
        assert_eq!(review["upheld"]["value"], 10);
        assert_eq!(review["upheld"]["raw"], "10");
        let span = review["upheld"]["span"].as_array().unwrap();
        let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], "10");
        let blank = &json["tables"]["appeals"]["litigation_after_review"]["upheld"];
        assert_eq!(blank["value"], serde_json::Value::Null);
        assert_eq!(blank["raw"], "-");
        assert!(json["tables"].get("requests").is_none(), "an absent table is absent");
        let finding = json["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "appeals-total").unwrap();
        assert_eq!(finding["severity"], "error");
        assert_eq!(finding["message"], "表四行政复议：总计应为 11（10+1+0+0），表中为 0，相差 11");
        assert_eq!(finding["cells"][0]["cell"], "appeals.review.total");
        assert_eq!(finding["cells"][0]["role"], "primary");
        assert!(to_line(&checked, Some("a.txt")).starts_with("{\"file\":\"a.txt\",\"format\":null,\"year\":2023"));
        // How much was checked: of 表四's three groups one holds, one breaks, and one has a
        // blank (blank is not zero); 表三 was not found, so its 39 relations were not checked.
        let relations = &json["relations"];
        assert_eq!((relations["held"].as_u64(), relations["broken"].as_u64()), (Some(1), Some(1)));
        assert_eq!(relations["unchecked"].as_u64(), Some(40));
        assert_eq!(relations["total"].as_u64(), Some(42));
        let list = relations["unchecked_relations"].as_array().unwrap();
        let blank = list.iter().find(|u| u["relation"] == "appeals-total").unwrap();
        assert_eq!(blank["row"], "litigation_after_review");
        assert_eq!(blank["reason"], "blank");
        assert_eq!(blank["cells"][0], "appeals.litigation_after_review.upheld");
        let missing = list.iter().find(|u| u["relation"] == "requests-balance").unwrap();
        assert_eq!((missing["column"].as_str(), missing["reason"].as_str()), (Some("natural_person"), Some("missing")));
    }

    #[test]
    fn money_keeps_its_decimals() {
        let checked = crate::check_text("第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t9116.36\n");
        let json: serde_json::Value = serde_json::from_str(&to_pretty(&checked)).unwrap();
        assert_eq!(json["tables"]["proactive"]["fees"]["amount"]["value"].as_f64(), Some(9116.36));
    }

    #[test]
    fn decisions_corrections_and_the_other_report() {
        use crate::model::{CellKey, Decision, Digest};
        let report = crate::rules::testing::clean(crate::model::Format::V2021);
        let key = |name| CellKey::parse(name).unwrap();
        // A cell read as "1O", one not found, and one misread; all three corrected.
        let mut read = report.clone();
        read.cells.get_mut(&key("appeals.review.upheld")).unwrap().value = Value::Unread(crate::model::UnreadReason::NotANumber);
        read.cells.get_mut(&key("appeals.review.upheld")).unwrap().raw = "1O".into();
        read.cells.remove(&key("appeals.review.pending"));
        let corrections = [("appeals.review.upheld", "3"), ("appeals.review.pending", "2"), ("appeals.review.total", "7")]
            .map(|(k, v)| (key(k), v.to_string()))
            .into_iter()
            .collect();
        let mut checked = crate::desk::check_corrected(&read, &corrections);
        // The previous year's report on the same desk.
        let previous = crate::rules::testing::year_before(&report);
        let desk = crate::desk::Desk::new(vec![Digest::of("上年.txt", &previous), Digest::of("本年.txt", &checked.report)]);
        let across = desk.findings(1);
        crate::desk::add_findings(&mut checked, across);
        let mut decisions = Decisions::new();
        let ids = finding_ids(&checked.findings);
        decisions.set(ids[0].clone(), Decision::confirmed("请核实"));
        let json: serde_json::Value = serde_json::from_str(&to_pretty_reviewed(&checked, None, &decisions)).unwrap();

        let review = &json["tables"]["appeals"]["review"];
        assert_eq!(review["upheld"]["value"], serde_json::Value::Null);
        assert_eq!(review["upheld"]["raw"], "1O");
        assert_eq!(review["upheld"]["corrected"], serde_json::json!({ "value": 3, "raw": "3", "read_as": "unread" }));
        assert_eq!(review["pending"]["raw"], "");
        assert_eq!(review["pending"]["corrected"]["read_as"], "missing");
        assert_eq!(review["total"]["value"], 6, "the value as read");
        assert_eq!(review["total"]["corrected"]["value"], 7);
        assert!(review["corrected"].get("corrected").is_none(), "a cell not corrected has no correction");

        let findings = json["findings"].as_array().unwrap();
        assert_eq!(findings[0]["id"], ids[0].as_str());
        assert_eq!(findings[0]["decision"], serde_json::json!({ "verdict": "confirmed", "note": "请核实" }));
        assert!(findings[1..].iter().all(|f| f["decision"].is_null()));
        let carry = findings.iter().find(|f| f["rule"] == "carry-over-mismatch").unwrap();
        assert_eq!(carry["other"]["file"], "上年.txt");
        assert_eq!(carry["other"]["year"], 2022);
        assert_eq!(carry["other"]["cells"][0]["cell"], "requests.carried_forward.natural_person");
        assert!(carry["other"]["cells"][0]["value"].is_i64());
        let across = ["carry-over-mismatch", "same-as-previous-year", "in-force-mismatch"];
        assert!(findings.iter().filter(|f| !across.contains(&f["rule"].as_str().unwrap())).all(|f| f.get("other").is_none()));
    }
}
