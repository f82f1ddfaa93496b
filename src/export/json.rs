//! The JSON export of `report-json.md`: what `--json` prints and the app's “导出 JSON” saves.
//!
//! Objects are written in the order the official tables read (serialising through our own
//! `Serialize` impls keeps that order without an order-preserving map).

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::Checked;
use crate::input::pdf::Pages;
use crate::model::{Cell, CellKey, Finding, Table, Tally, Unchecked, Value, ValueKind};

/// A checked report in its JSON form, optionally with the file it came from.
pub struct JsonReport<'a> {
    pub checked: &'a Checked,
    /// Added by the command line: the path of the file read.
    pub file: Option<&'a str>,
    /// For a report read from a PDF: its pages. The export then says so (`"input"`) and
    /// gives each cell's page.
    pub pdf: Option<&'a Pages>,
}

/// The export as one line (JSON Lines).
pub fn to_line(checked: &Checked, file: Option<&str>) -> String {
    to_line_from(checked, file, None)
}

/// The export as one line, for a report read from a PDF with these pages.
pub fn to_line_from(checked: &Checked, file: Option<&str>, pdf: Option<&Pages>) -> String {
    serde_json::to_string(&JsonReport { checked, file, pdf }).unwrap_or_default()
}

/// The export, indented for reading.
pub fn to_pretty(checked: &Checked) -> String {
    to_pretty_from(checked, None)
}

/// The export, indented, for a report read from a PDF with these pages.
pub fn to_pretty_from(checked: &Checked, pdf: Option<&Pages>) -> String {
    serde_json::to_string_pretty(&JsonReport { checked, file: None, pdf }).unwrap_or_default()
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
        map.serialize_entry("findings", &Findings(&self.checked.findings))?;
        map.serialize_entry("relations", &Relations(self.checked.relations()))?;
        map.end()
    }
}

/// How much was checked: the relations' counts, and those not checked with why and where.
struct Relations(Tally);

impl Serialize for Relations {
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
            map.serialize_entry(table.key(), &Rows { cells, format: report.layout_format(), pdf: self.1 })?;
        }
        map.end()
    }
}

/// A table's cells grouped by row, in reading order (the cells are already sorted so).
struct Rows<'a> {
    cells: Vec<(&'a CellKey, &'a Cell)>,
    format: crate::model::Format,
    pdf: Option<&'a Pages>,
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        let mut start = 0;
        while start < self.cells.len() {
            let row = self.cells[start].0.row_key();
            let end = start + self.cells[start..].iter().take_while(|(k, _)| k.row_key() == row).count();
            map.serialize_entry(row, &Cols { cells: &self.cells[start..end], format: self.format, pdf: self.pdf })?;
            start = end;
        }
        map.end()
    }
}

struct Cols<'a> {
    cells: &'a [(&'a CellKey, &'a Cell)],
    format: crate::model::Format,
    pdf: Option<&'a Pages>,
}

impl Serialize for Cols<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (key, cell) in self.cells {
            map.serialize_entry(key.col_key(), &JsonCell { cell, kind: key.kind(self.format), pdf: self.pdf })?;
        }
        map.end()
    }
}

struct JsonCell<'a> {
    cell: &'a Cell,
    kind: ValueKind,
    pdf: Option<&'a Pages>,
}

impl Serialize for JsonCell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match (&self.cell.value, self.kind) {
            // Counts are integers; money (and any count written with decimals) a number.
            (Value::Number(n), _) if n.to_i64().is_some() => map.serialize_entry("value", &n.to_i64())?,
            (Value::Number(n), _) => map.serialize_entry("value", &n.to_f64())?,
            _ => map.serialize_entry("value", &None::<i64>)?,
        }
        map.serialize_entry("raw", &self.cell.raw)?;
        map.serialize_entry("span", &self.cell.span.map(|s| [s.start, s.end]))?;
        if let Some(pages) = self.pdf {
            // The page of the PDF the cell was read on (null for a cell with no place).
            map.serialize_entry("page", &self.cell.span.map(|s| pages.page_at(s.start)))?;
        }
        map.end()
    }
}

struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for finding in self.0 {
            seq.serialize_element(&JsonFinding(finding))?;
        }
        seq.end()
    }
}

struct JsonFinding<'a>(&'a Finding);

impl Serialize for JsonFinding<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("rule", f.rule)?;
        map.serialize_entry("severity", f.severity.key())?;
        map.serialize_entry("message", &f.message)?;
        let cells: Vec<JsonCellRef> = f.cells.iter().map(|c| JsonCellRef(c.cell.to_string(), c.role.key())).collect();
        map.serialize_entry("cells", &cells)?;
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
}
