//! Regression tests, each named after the input that once broke the reader or the checker
//! (found by the fuzzers in fuzz/, the properties in tests/properties.rs, or by hand).
//! Inputs that need bytes of their own live in tests/fixtures/regressions/.
//!
//! A case the reader still gets wrong asserts today's behaviour with a FIXME, so that the
//! fix shows up here as a failure to update.

use nianbao::model::{Note, Table};

/// 表四 as a Word copy prints it: the group headings, the column headings, then the one line
/// of fifteen values.
fn appeals_with_values(values: &str) -> String {
    format!(
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n\
         结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n{values}\n"
    )
}

fn appeals_cells(text: &str) -> usize {
    nianbao::check_text(text).report.cells.keys().filter(|k| k.table() == Table::Appeals).count()
}

/// Found by `properties::any_report_reads_as_written_and_again_after_rendering_it_back`:
/// when the first and the last of 表四's values were dash blanks, the line looked like a
/// page number marker ("- 2 -", "— 3 —") and was dropped, so 表四 was reported missing.
/// A page marker holds one number of at most four digits; this line holds fifteen values.
#[test]
fn appeals_line_between_dashes_is_taken_for_a_page_marker() {
    for (first, last) in [("—", "/"), ("/", "—"), ("", ""), ("无", "无"), ("—", ""), ("—", "—"), ("-", "-"), ("-", "—")] {
        let text = appeals_with_values(&format!("{first}\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\t0\t{last}"));
        assert_eq!(appeals_cells(&text), 15, "{first:?} … {last:?}");
    }
    let text = appeals_with_values("—\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\t—\t");
    assert_eq!(appeals_cells(&text), 15);
    assert!(!nianbao::check_text(&text).report.notes.iter().any(|n| matches!(n, Note::TableMissing { table: Table::Appeals, .. })));
    // Real page markers are still dropped: their number never becomes a cell.
    for marker in ["- 2 -", "— 3 —", "－ 12 －", "—1—", "第 3 页"] {
        let text = appeals_with_values(&format!("{marker}\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"));
        let checked = nianbao::check_text(&text);
        assert_eq!(appeals_cells(&text), 15, "{marker}");
        assert!(checked.report.cells.values().all(|c| c.raw == "0"), "{marker}: its number was read as a cell");
    }
}

/// Found by the `docx` fuzz target (whose own check was wrong, not the reader): a file named
/// .docx that is not a zip is read as what its bytes are (magic bytes first, the name
/// second), here text, and its spans then point into its text like any text file's, not
/// nowhere like a .docx's.
#[test]
fn docx_named_file_holding_markup_is_read_as_text_with_spans() {
    let xml = "<w:document><table><w:body><w:p><w:r><w:t>表二</w尚未审结w:t>2</w:t></w:r></w:p>\
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/>\
               <w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>";
    let (loaded, checked) = nianbao::check_file("年报.docx", xml.as_bytes()).expect("read");
    assert_eq!(loaded.kind, nianbao::input::Kind::Text);
    for span in checked.report.tables.values().filter_map(|t| t.span).chain(checked.report.cells.values().filter_map(|c| c.span)) {
        assert!(loaded.text.get(span.start..span.end).is_some(), "{span:?}");
    }
    assert!(checked.report.tables.values().any(|t| t.span.is_some()), "the span the fuzz target tripped on is there");
}

/// Found by the `pdf` fuzz target: a simple font whose `/Differences` names a glyph
/// `/uni二…` (a Chinese character where `uniXXXX` has hex digits) made the glyph-name
/// reader slice inside that character and panic. The name is no `uniXXXX` name: no text.
/// The file's page stream only shows that font when the inflater hands back its first half
/// (as the fuzz target's inflater does for some streams), so the reader is driven so here.
#[test]
fn pdf_glyph_name_uni_then_chinese() {
    use nianbao::input::pdf::{Inflated, Next, Reader, inflate_zlib};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions/pdf-glyph-name-uni-then-chinese.pdf");
    let bytes = std::fs::read(path).expect("fixture");
    let _ = nianbao::check_file("年报.pdf", &bytes);
    let mut reader = Reader::new(&bytes);
    for _ in 0..64 {
        match reader.round() {
            Next::Done(_) => return,
            Next::Inflate(requests) => {
                for r in requests {
                    let out = match r.key % 7 {
                        0 => Inflated::Data(Vec::new()),
                        1 => match inflate_zlib(&r.data, r.limit) {
                            Inflated::Data(mut d) => {
                                d.truncate(d.len() / 2);
                                Inflated::Data(d)
                            }
                            other => other,
                        },
                        _ => inflate_zlib(&r.data, r.limit),
                    };
                    reader.supply(r.key, out);
                }
            }
        }
    }
    panic!("the reader keeps asking for streams");
}

/// Found by merging the PDF reader with the table reading of issue 17: in the flattened
/// 平潭 report printed to PDF by Chromium, a line ends with a row's digits and the next row's
/// numbering ("… 00000004.保护第三方合法权益 00000005." ⏎ "属于三类内部事务信息 1000001…").
/// The "5." at the end of the line was read as part of the value, the row as eight digits
/// for seven cells, and that row's misreading made every other run of the table look as if
/// it could hide blanks, so the whole of 表三 went unread. A cell's number never ends with a
/// dot: the digit before a dot that ends a line numbers the label on the next.
#[test]
fn flattened_row_whose_next_numbering_ends_the_line() {
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/samples/pingtan-zone-2022.flat.txt")).unwrap();
    let wrapped = sample.replace("00000005.属于三类内部事务信息", "00000005.\n属于三类内部事务信息");
    assert_ne!(wrapped, sample, "the sample holds the line to wrap");
    let (want, got) = (nianbao::check_text(&sample).report, nianbao::check_text(&wrapped).report);
    let values = |r: &nianbao::model::Report| r.cells.iter().map(|(k, c)| (*k, c.value.clone())).collect::<Vec<_>>();
    assert_eq!(values(&got), values(&want), "the wrapped text reads the cells of the sample");
}
