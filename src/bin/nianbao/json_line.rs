//! The JSON line of one report (`--json`), written straight into a string: the bytes of
//! [`nianbao::export::json::to_line_counted`] (report-json.md), which the tests below hold
//! it to on every fixture, for a third of the instructions.
//!
//! serde_json writes each key and each string through its generic map and escaping
//! machinery, a few calls into the output for every one, and a report has some 200 cells of
//! five strings each: about 20 instructions an output byte, as much as a tenth of a batch's
//! work. Here the keys the export fixes are written as the literals they are, a string's
//! bytes are searched once for what needs escaping, and the buffer is sized once.
//!
//! A report with cells the reviewer corrected (the page's, never the command line's) is
//! written by the general export.

use nianbao::Checked;
use nianbao::export::json::to_line_counted;
use nianbao::input::pdf::Pages;
use nianbao::model::{Cell, Decimal, Finding, Table, Tally, Value, finding_ids};

/// The report's JSON line, ending with a line feed.
pub fn line(name: &str, checked: &Checked, pdf: Option<&Pages>, relations: &Tally) -> String {
    let report = &checked.report;
    if !report.corrected.is_empty() {
        let mut line = to_line_counted(checked, Some(name), pdf, relations);
        line.push('\n');
        return line;
    }
    let mut out = String::with_capacity(estimated_bytes(checked, relations));
    out.push_str("{\"file\":");
    push_string(&mut out, name);
    if let Some(pages) = pdf {
        out.push_str(",\"input\":");
        push_input(&mut out, pages);
    }
    out.push_str(",\"format\":");
    push_optional_string(&mut out, report.format.map(|f| f.key()));
    out.push_str(",\"year\":");
    push_optional_int(&mut out, report.year.map(i64::from));
    out.push_str(",\"title\":");
    push_optional_string(&mut out, report.title.as_deref());
    out.push_str(",\"published\":");
    push_optional_string(&mut out, report.published.as_ref().map(|d| d.value.to_string()).as_deref());
    out.push_str(",\"body\":");
    push_optional_string(&mut out, report.body.as_deref());
    out.push_str(",\"tables\":");
    push_tables(&mut out, checked, pdf);
    out.push_str(",\"findings\":");
    push_findings(&mut out, &checked.findings);
    out.push_str(",\"relations\":");
    push_relations(&mut out, relations);
    out.push_str("}\n");
    out
}

/// About what the line takes, a little more rather than less, so that the buffer seldom
/// grows: a cell's object is 40 to 60 bytes, a finding's a few hundred, and each of its cells
/// is named twice (in `cells` and in the id), about a hundred bytes.
fn estimated_bytes(checked: &Checked, relations: &Tally) -> usize {
    let findings: usize = checked.findings.iter().map(|f| 160 + f.message.len() + 112 * f.cells.len()).sum();
    512 + 64 * checked.report.cells.len() + findings + 128 * relations.unchecked.len()
}

/// `{"kind": "pdf", "pages": 5, "scanned_pages": [], "unmapped_pages": []}`.
fn push_input(out: &mut String, pages: &Pages) {
    out.push_str("{\"kind\":\"pdf\",\"pages\":");
    push_uint(out, u64::from(pages.count()));
    out.push_str(",\"scanned_pages\":");
    push_list(out, &pages.scanned, |out, page| push_uint(out, u64::from(*page)));
    out.push_str(",\"unmapped_pages\":");
    push_list(out, &pages.unmapped, |out, page| push_uint(out, u64::from(*page)));
    out.push('}');
}

/// Each table found, its cells grouped by row in reading order (the cells are sorted so).
fn push_tables(out: &mut String, checked: &Checked, pdf: Option<&Pages>) {
    let report = &checked.report;
    out.push('{');
    for (n, table) in Table::ALL.iter().filter(|t| report.has_table(**t)).enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_key(out, table.key());
        out.push('{');
        let mut row = None;
        for (key, cell) in report.cells.iter().filter(|(k, _)| k.table() == *table) {
            if row == Some(key.row_key()) {
                out.push(',');
            } else {
                if row.is_some() {
                    out.push_str("},");
                }
                row = Some(key.row_key());
                push_key(out, key.row_key());
                out.push('{');
            }
            push_key(out, key.col_key());
            push_cell(out, cell, pdf);
        }
        if row.is_some() {
            out.push('}');
        }
        out.push('}');
    }
    out.push('}');
}

/// `{"value": 12, "raw": "12", "span": [640, 642]}`, with `"page"` for a PDF's.
fn push_cell(out: &mut String, cell: &Cell, pdf: Option<&Pages>) {
    out.push_str("{\"value\":");
    push_value(out, &cell.value);
    out.push_str(",\"raw\":");
    push_string(out, &cell.raw);
    out.push_str(",\"span\":");
    match cell.span {
        Some(span) => {
            out.push('[');
            push_uint(out, span.start as u64);
            out.push(',');
            push_uint(out, span.end as u64);
            out.push(']');
        }
        None => out.push_str("null"),
    }
    if let Some(pages) = pdf {
        out.push_str(",\"page\":");
        match cell.span {
            Some(span) => push_uint(out, u64::from(pages.page_at(span.start))),
            None => out.push_str("null"),
        }
    }
    out.push('}');
}

fn push_findings(out: &mut String, findings: &[Finding]) {
    let ids = finding_ids(findings);
    out.push('[');
    for (n, (finding, id)) in findings.iter().zip(&ids).enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str("{\"rule\":");
        push_string(out, finding.rule);
        out.push_str(",\"severity\":");
        push_string(out, finding.severity.key());
        out.push_str(",\"message\":");
        push_string(out, &finding.message);
        out.push_str(",\"cells\":");
        push_list(out, &finding.cells, |out, cell| {
            out.push_str("{\"cell\":\"");
            // A cell's name is ASCII letters, underscores and dots: nothing to escape.
            cell.cell.push_name(out);
            out.push_str("\",\"role\":");
            push_string(out, cell.role.key());
            out.push('}');
        });
        out.push_str(",\"id\":");
        push_string(out, id);
        // The command line has no reviewer's decisions.
        out.push_str(",\"decision\":null");
        if let Some(other) = finding.fact.other() {
            out.push_str(",\"other\":{\"file\":");
            push_string(out, &other.name);
            out.push_str(",\"year\":");
            push_int(out, i64::from(other.year));
            out.push_str(",\"body\":");
            push_optional_string(out, other.body.as_deref());
            out.push_str(",\"cells\":");
            push_list(out, &other.cells, |out, (cell, value)| {
                out.push_str("{\"cell\":\"");
                cell.push_name(out);
                out.push_str("\",\"value\":");
                push_decimal(out, *value);
                out.push('}');
            });
            out.push('}');
        }
        out.push('}');
    }
    out.push(']');
}

fn push_relations(out: &mut String, tally: &Tally) {
    out.push_str("{\"total\":");
    push_uint(out, tally.total() as u64);
    out.push_str(",\"held\":");
    push_uint(out, tally.held as u64);
    out.push_str(",\"broken\":");
    push_uint(out, tally.broken as u64);
    out.push_str(",\"unchecked\":");
    push_uint(out, tally.unchecked.len() as u64);
    out.push_str(",\"unchecked_relations\":");
    push_list(out, &tally.unchecked, |out, unchecked| {
        let (place, key) = unchecked.relation.place();
        out.push_str("{\"relation\":");
        push_string(out, unchecked.relation.rule());
        out.push(',');
        push_key(out, place);
        push_string(out, key);
        out.push_str(",\"reason\":");
        push_string(out, unchecked.why.key());
        out.push_str(",\"cells\":");
        push_list(out, &unchecked.cells, |out, cell| {
            out.push('"');
            cell.push_name(out);
            out.push('"');
        });
        out.push('}');
    });
    out.push('}');
}

/// `[a,b,c]`, each item written by `push_item`.
fn push_list<T>(out: &mut String, items: &[T], mut push_item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_item(out, item);
    }
    out.push(']');
}

/// A cell's number as the export writes it: an integer when it is one, else a float;
/// `null` for a blank or unread cell.
fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::Number(n) => push_decimal(out, *n),
        Value::Blank | Value::Unread(_) => out.push_str("null"),
    }
}

fn push_decimal(out: &mut String, n: Decimal) {
    match n.to_i64() {
        Some(i) => push_int(out, i),
        // Money with decimals, a few cells of some reports: serde_json's own float
        // formatting, so that the digits are the export's.
        None => out.push_str(&serde_json::to_string(&n.to_f64()).unwrap_or_default()),
    }
}

fn push_optional_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_string(out, s),
        None => out.push_str("null"),
    }
}

fn push_optional_int(out: &mut String, n: Option<i64>) {
    match n {
        Some(n) => push_int(out, n),
        None => out.push_str("null"),
    }
}

fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

/// A number in decimal digits, by the formatter serde_json writes integers with.
fn push_uint(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// An object's key that the export names by an identifier of the model (a table's, a row's
/// or a column's key): ASCII letters and underscores, which need no escaping.
fn push_key(out: &mut String, key: &str) {
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
}

/// A JSON string, escaped as serde_json escapes it: `"` and `\` by a backslash, the control
/// characters below U+0020 by their short escape or `\u00XX`; nothing else.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    // Almost every string has nothing to escape; the test, without an early exit, is one the
    // compiler runs on many bytes at once.
    if s.bytes().fold(false, |any, b| any | needs_escape(b)) {
        push_escaped(out, s);
    } else {
        out.push_str(s);
    }
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// The contents of a string that has something to escape.
fn push_escaped(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(at) = rest.bytes().position(needs_escape) {
        // `at` is an ASCII byte's position, so both sides are whole characters.
        let (plain, escaped) = rest.split_at(at);
        out.push_str(plain);
        let byte = escaped.as_bytes()[0];
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0C => out.push_str("\\f"),
            0x0D => out.push_str("\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
        rest = &escaped[1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{corrected, each_checked, years_compared};

    fn assert_same_line(name: &str, checked: &Checked, pdf: Option<&Pages>, relations: &Tally) {
        let expected = to_line_counted(checked, Some(name), pdf, relations) + "\n";
        assert_eq!(line(name, checked, pdf, relations), expected, "{name}");
    }

    #[test]
    fn every_fixture_is_written_as_the_export_writes_it() {
        let written = each_checked(
            "",
            |path| path.display().to_string(),
            |name, loaded, checked, relations| assert_same_line(&name, &checked, loaded.pdf.as_ref(), &relations),
        );
        assert!(written >= 40, "{written} fixtures read");
    }

    #[test]
    fn findings_across_reports_are_written_as_the_export_writes_them() {
        let mut others = 0;
        for (name, checked, relations) in years_compared(|path| path.display().to_string()) {
            others += checked.findings.iter().filter(|f| f.fact.other().is_some()).count();
            assert_same_line(&name, &checked, None, &relations);
        }
        assert!(others > 0, "the years compared give findings across reports");
    }

    #[test]
    fn strings_numbers_and_missing_parts_are_written_as_the_export_writes_them() {
        let texts = [
            "某某区\"人民\"政府\\2023年\u{1}\u{7F}\t政府信息公开工作年度报告\u{8}\u{C}\r\n发布时间：2024-01-20\n",
            "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t9116.36\n",
            "",
            "规章 -3",
        ];
        for (n, text) in texts.iter().enumerate() {
            let checked = nianbao::check_text(text);
            let relations = checked.relations();
            assert_same_line(&format!("文件\"{n}\"\\\u{1F}.txt"), &checked, None, &relations);
        }
        let checked = nianbao::check_text(texts[1]);
        let relations = checked.relations();
        let pages = Pages { starts: vec![0, 20, 40], scanned: vec![2], unmapped: vec![1, 3] };
        assert_same_line("a.pdf", &checked, Some(&pages), &relations);
    }

    #[test]
    fn a_report_with_corrections_is_written_by_the_export() {
        let corrected = corrected();
        let relations = corrected.relations();
        assert!(line("a.txt", &corrected, None, &relations).contains("\"corrected\":{"));
        assert_same_line("a.txt", &corrected, None, &relations);
    }

    #[test]
    fn the_keys_written_as_they_are_need_no_escaping() {
        let formats = [nianbao::model::Format::V2019, nianbao::model::Format::V2021];
        let cells = Table::ALL.iter().flat_map(|t| formats.iter().flat_map(|f| nianbao::model::CellKey::all_of(*t, *f)));
        let keys = cells.flat_map(|c| [c.table().key(), c.row_key(), c.col_key()]).chain(["row", "column"]);
        for key in keys {
            assert!(!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{key}");
        }
    }

    #[test]
    fn numbers_are_written_in_every_magnitude() {
        for n in [0, 7, 10, 99, 100, 12_345, -1, -10, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, serde_json::to_string(&n).unwrap());
        }
        for b in 0..=0x7F_u8 {
            let s = format!("a{}b", char::from(b));
            let mut out = String::new();
            push_string(&mut out, &s);
            assert_eq!(out, serde_json::to_string(&s).unwrap(), "byte {b:#04x}");
        }
    }
}
