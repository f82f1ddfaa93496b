//! The table stage of reading: each table's stretch of tokens → its cells, in one direction,
//! each stage a module:
//!
//! 1. `rows`: the stretch cut into runs of values placed on the official rows of the
//!    table's format (`align` places them, `labels` matches their text);
//! 2. `cells`: each placed row's values → its cells, or a run of digits to cut;
//! 3. `settle`: the runs cut as the table's relations allow (`runs` enumerates the cuts,
//!    `choose` chooses among 表三's);
//! 4. `missing`: official rows not placed: blank where printed empty, else noted missing.
//!
//! The tables are read in the order their formats need: 表二's header words first, then 表三
//! (by them, or the report's year), then 表二 (by 表三's rows where its header says nothing),
//! then 表四.

use std::ops::Range;

use super::align::Segment;
use super::cells::{self, RowHints, RowRead, raw_of, span_of, unread_cell};
use super::labels::Target;
use super::missing::fill_missing_rows;
use super::regions::Regions;
use super::rows::{self, AppealValues};
use super::settle::{ReadRow, Settle, settle};
use super::tokens::Tokens;
use crate::model::{
    AppealCol, AppealRow, Cell, CellKey, Format, MixedFormat, Note, ProactiveCol, ProactiveRow, RequestCol, Span, Table, Unit,
    UnreadReason, Value, proactive_block,
};

/// What reading one table produced.
#[derive(Debug, Default)]
pub struct TableOut {
    pub cells: Vec<(CellKey, Cell)>,
    pub notes: Vec<Note>,
    /// The format the table's own labels show.
    pub format: Option<Format>,
    /// Official rows of the table's format that were not found.
    pub missing_rows: Vec<String>,
    /// Where the table's rows stood.
    pub span: Option<Span>,
}

impl TableOut {
    pub fn found(&self) -> bool {
        !self.cells.is_empty()
    }
}

/// What reading the three tables produced.
pub struct Tables {
    /// Each table, in official order, with what its stretch produced (`None` where no
    /// stretch was found).
    pub read: [(Table, Option<TableOut>); 3],
    /// The format the tables show: 表二's header words, else 表三's （六） rows.
    pub format: Option<Format>,
    /// How 表三's rows contradict the format 表二's header shows, if they do.
    pub mixed: Option<MixedFormat>,
}

/// Reads the three tables from their stretches (`regions`). `year_format` is the format of
/// the report's year, for a table whose own words show none.
pub fn read(tokens: &Tokens, regions: &Regions, year_format: Option<Format>) -> Tables {
    let stretch = |table: Table| regions.tables.get(&table);
    let header_format = stretch(Table::Proactive).and_then(|norm| rows::proactive_format(tokens, norm));
    let hint = header_format.or(year_format).unwrap_or(Format::V2021);
    let requests = stretch(Table::Requests).map(|norm| read_requests(tokens, norm, hint));
    let requests_format = requests.as_ref().and_then(|t| t.format);
    let fallback = requests_format.or(year_format).unwrap_or(Format::V2021);
    let proactive = stretch(Table::Proactive).map(|norm| read_proactive(tokens, norm, header_format, fallback));
    let appeals = stretch(Table::Appeals).map(|norm| read_appeals(tokens, norm));
    let mixed = match (header_format, requests_format) {
        (Some(Format::V2021), Some(Format::V2019)) => Some(MixedFormat::SingleOtherRowIn2021),
        (Some(Format::V2019), Some(Format::V2021)) => Some(MixedFormat::OtherSubRowsIn2019),
        _ => None,
    };
    Tables {
        read: [(Table::Proactive, proactive), (Table::Requests, requests), (Table::Appeals, appeals)],
        format: header_format.or(requests_format),
        mixed,
    }
}

/// Reads 表二 from its stretch of folded text. Its format is what its header words show
/// (`header_format`), else what its rows or the rest of the report suggest (`fallback`).
fn read_proactive(tokens: &Tokens, norm: &Range<usize>, header_format: Option<Format>, fallback: Format) -> TableOut {
    let range = tokens.token_range(norm);
    let rows = rows::proactive(tokens, range.clone(), header_format, fallback);
    let mut out = TableOut { format: rows.shown, ..TableOut::default() };
    let mut reads = Vec::with_capacity(rows.segments.len());
    for (i, (seg, target)) in rows.segments.iter().zip(&rows.placed).enumerate() {
        let Some(Target::Proactive(row)) = target else {
            continue;
        };
        let Some(block) = proactive_block(rows.format, *row) else {
            continue;
        };
        let keys: Vec<CellKey> = block.columns.iter().map(|(c, _)| CellKey::Proactive(*row, *c)).collect();
        let guide = cells::column_guide(tokens, &rows.segments, i, keys.len());
        let hints = RowHints { table: Table::Proactive, guide: guide.as_ref(), subtotal_at: None };
        reads.push(read_placed_row(tokens, seg, keys, &hints, &mut out));
    }
    settle(tokens, reads, Settle::ZerosOnly, &mut out);
    fill_missing_rows(tokens, range, &rows, Table::Proactive, &mut out);
    if let Some(unit) = procurement_header_unit(tokens, norm) {
        apply_header_unit(&mut out, CellKey::Proactive(ProactiveRow::Procurement, ProactiveCol::Amount), unit);
    }
    out
}

/// Reads 表三 from its stretch of folded text, by the format its rows show, else `hint`.
fn read_requests(tokens: &Tokens, norm: &Range<usize>, hint: Format) -> TableOut {
    let range = tokens.token_range(norm);
    let rows = rows::requests(tokens, range.clone(), hint);
    let mut out = TableOut { format: rows.shown, ..TableOut::default() };
    let subtotal_at = cells::subtotal_column(&tokens.norm[norm.clone()]);
    let header_guide = rows.segments.first().and_then(|first| cells::requests_header_guide(tokens, range.start, first.values[0]));
    let mut reads = Vec::with_capacity(rows.segments.len());
    for (i, (seg, target)) in rows.segments.iter().zip(&rows.placed).enumerate() {
        let Some(Target::Requests(row)) = target else {
            continue;
        };
        let keys: Vec<CellKey> = RequestCol::ALL.iter().map(|c| CellKey::Requests(*row, *c)).collect();
        let guide = cells::column_guide(tokens, &rows.segments, i, keys.len()).or_else(|| header_guide.clone());
        let hints = RowHints { table: Table::Requests, guide: guide.as_ref(), subtotal_at };
        reads.push(read_placed_row(tokens, seg, keys, &hints, &mut out));
    }
    let has_runs = reads.iter().any(|r| matches!(r.read, RowRead::Runs(_)));
    let traceless_blanks = has_runs && cells::blanks_leave_no_trace(tokens, &rows);
    settle(tokens, reads, Settle::Columns { expected: &rows.expected, traceless_blanks }, &mut out);
    fill_missing_rows(tokens, range, &rows, Table::Requests, &mut out);
    out
}

/// Reads 表四 from its stretch of folded text: fifteen numbers in the official column order,
/// found as one row of fifteen (the usual print), as three labelled groups of five, or as
/// digits run together.
fn read_appeals(tokens: &Tokens, norm: &Range<usize>) -> TableOut {
    let keys: Vec<CellKey> = AppealRow::ALL.iter().flat_map(|r| AppealCol::ALL.iter().map(move |c| CellKey::Appeals(*r, *c))).collect();
    let mut out = TableOut::default();
    match rows::appeals(tokens, tokens.token_range(norm)) {
        Some(AppealValues::Found(seg)) => {
            let hints = RowHints { table: Table::Appeals, guide: None, subtotal_at: None };
            let read = read_placed_row(tokens, &seg, keys, &hints, &mut out);
            settle(tokens, vec![read], Settle::AppealGroups, &mut out);
        }
        Some(AppealValues::OrderLost(values)) => {
            let raw = raw_of(tokens, &values);
            let span = span_of(tokens, &values);
            out.cells.extend(keys.iter().map(|k| (*k, unread_cell(&raw, UnreadReason::OrderLost))));
            out.notes.push(Note::OrderLost { table: Table::Appeals, span });
            out.span = span;
        }
        None => {}
    }
    out
}

/// Reads a placed row's values as its cells (`keys`), as far as the text settles them, and
/// widens the table's span over them.
fn read_placed_row(tokens: &Tokens, seg: &Segment, keys: Vec<CellKey>, hints: &RowHints<'_>, out: &mut TableOut) -> ReadRow {
    out.span = [out.span, span_of(tokens, &seg.values)].into_iter().flatten().reduce(Span::cover);
    let read = cells::read_row(tokens, seg, keys.len(), hints);
    ReadRow { keys, read }
}

/// The unit the 2019 表二 header gives 采购总金额, if it gives one: "采购总金额(万元)",
/// "采购总金额(单位:元)". (The official header states none; many reports add one.)
fn procurement_header_unit(tokens: &Tokens, norm: &Range<usize>) -> Option<Unit> {
    const LABEL: &str = "采购总金额";
    let text = &tokens.norm[norm.clone()];
    let at = text.find(LABEL)? + LABEL.len();
    let rest = text[at..].trim_start_matches('\n').strip_prefix('(')?;
    let inside: String = rest.chars().take_while(|c| *c != ')').take(8).collect();
    if inside.contains("万元") {
        Some(Unit::WanYuan)
    } else if inside.contains('元') {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// Gives the number in `key` written without a unit the unit its header states, converting
/// 元 to 万元 as for a unit written in the cell.
fn apply_header_unit(out: &mut TableOut, key: CellKey, unit: Unit) {
    for (k, cell) in &mut out.cells {
        if *k != key || cell.unit != Unit::None {
            continue;
        }
        let Value::Number(n) = cell.value else {
            continue;
        };
        let converted = if unit == Unit::Yuan { n.yuan_to_wan() } else { Some(n) };
        if let Some(value) = converted {
            cell.value = Value::Number(value);
            cell.unit = unit;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{CellKey, Unit, Value};

    fn value(text: &str, cell: &str) -> Option<Value> {
        crate::parse::parse(text).cell(CellKey::parse(cell).unwrap()).map(|c| c.value.clone())
    }

    const HEADER: &str = "三、收到和处理政府信息公开申请情况\n申请人情况\n";

    #[test]
    fn empty_lines_between_values_one_per_line_are_empty_cells() {
        let text =
            format!("{HEADER}一、本年新收政府信息公开申请数量\n5\n\n\n\n\n\n5\n二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n");
        assert_eq!(value(&text, "requests.new.natural_person"), Some(Value::Number(5.into())));
        assert_eq!(value(&text, "requests.new.commercial"), Some(Value::Blank));
        assert_eq!(value(&text, "requests.new.other_org"), Some(Value::Blank));
        assert_eq!(value(&text, "requests.new.total"), Some(Value::Number(5.into())));
    }

    #[test]
    fn a_unit_in_the_2019_procurement_header_is_the_amounts_unit() {
        let table = |header: &str, amount: &str| {
            let text = format!(
                "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
                 规章\t0\t0\t0\n规范性文件\t1\t1\t5\n第二十条第（九）项\n信息内容\t采购项目数量\t{header}\n\
                 政府集中采购\t13\t{amount}\n三、收到和处理政府信息公开申请情况\n"
            );
            let report = crate::parse::parse(&text);
            report.cell(CellKey::parse("proactive.procurement.amount").unwrap()).map(|c| (c.value.clone(), c.unit))
        };
        let number = |s: &str| {
            let (int, frac) = s.split_once('.').unwrap_or((s, ""));
            Value::Number(crate::model::Decimal::parse_digits(int, frac).unwrap())
        };
        assert_eq!(table("采购总金额（元）", "251000"), Some((number("25.1"), Unit::Yuan)));
        assert_eq!(table("采购总金额（单位：万元）", "160.5964"), Some((number("160.5964"), Unit::WanYuan)));
        assert_eq!(table("采购总金额", "160.5964"), Some((number("160.5964"), Unit::None)));
        // A unit written in the cell stands.
        assert_eq!(table("采购总金额（万元）", "251000元"), Some((number("25.1"), Unit::Yuan)));
    }

    #[test]
    fn empty_lines_that_do_not_make_up_the_row_are_not_cells() {
        // Six values and one empty line inside: seven cells, no doubt.
        let text = format!("{HEADER}一、本年新收政府信息公开申请数量\n5\n1\n\n0\n0\n0\n0\n6\n");
        assert_eq!(value(&text, "requests.new.research"), Some(Value::Number(0.into())));
        assert_eq!(value(&text, "requests.new.total"), Some(Value::Number(6.into())));
    }

    #[test]
    fn blank_cells_of_pdf_layout_text_are_read_by_column() {
        // Aligned by characters, as pdftotext -layout aligns.
        let text = "三、收到和处理政府信息公开申请情况\n申请人情况\n\
一、本年新收政府信息公开申请数量          12      3      0      1     0     0     16\n\
二、上年结转政府信息公开申请数量           5             2                         7\n\
（一）予以公开                    8      1      0      0     0     0      9\n";
        assert_eq!(value(text, "requests.carried_over.natural_person"), Some(Value::Number(5.into())));
        assert_eq!(value(text, "requests.carried_over.commercial"), Some(Value::Blank));
        assert_eq!(value(text, "requests.carried_over.research"), Some(Value::Number(2.into())));
        assert_eq!(value(text, "requests.carried_over.social_welfare"), Some(Value::Blank));
        assert_eq!(value(text, "requests.carried_over.total"), Some(Value::Number(7.into())));
    }

    #[test]
    fn empty_columns_of_pdf_layout_text_are_read_by_the_header_words() {
        // pdftotext keeps each header word above its column; no row is complete.
        let text = concat!(
            "三、收到和处理政府信息公开申请情况\n申请人情况\n",
            "                                          自然人     商业      科研      社会      法律      其他      总计\n",
            "   一、本年新收政府信息公开申请数量                       22                                              22\n",
            "   二、上年结转政府信息公开申请数量                        1                                               1\n",
            "   （一）予以公开                                11                                              11\n",
        );
        assert_eq!(value(text, "requests.new.natural_person"), Some(Value::Number(22.into())));
        assert_eq!(value(text, "requests.new.commercial"), Some(Value::Blank));
        assert_eq!(value(text, "requests.new.other_org"), Some(Value::Blank));
        assert_eq!(value(text, "requests.new.total"), Some(Value::Number(22.into())));
        assert_eq!(value(text, "requests.granted.natural_person"), Some(Value::Number(11.into())));
    }

    #[test]
    fn numbers_between_columns_are_not_guessed() {
        let text = "三、收到和处理政府信息公开申请情况\n申请人情况\n\
一、本年新收政府信息公开申请数量          12     3      0      1     0     0     16\n\
二、上年结转政府信息公开申请数量        5      2    7\n";
        assert!(matches!(value(text, "requests.carried_over.commercial"), Some(Value::Unread(_))));
    }

    #[test]
    fn a_row_printed_with_every_cell_empty_is_present_and_blank() {
        let text = "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t2776\n行政强制\t84\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\n三、收到和处理政府信息公开申请情况\n";
        assert_eq!(value(text, "proactive.fees.amount"), Some(Value::Blank));
        assert_eq!(value(text, "proactive.coercion.decisions"), Some(Value::Number(84.into())));
        // A label whose values follow on the next line is not an empty row.
        let text = "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\n12.5\n";
        assert_eq!(value(text, "proactive.fees.amount"), Some(Value::Number(crate::model::Decimal::parse_digits("12", "5").unwrap())));
    }

    #[test]
    fn a_subtotal_on_the_other_header_of_a_2021_table_is_not_a_row() {
        let rows = "（六）其他处理\t3\t0\t0\t0\t0\t0\t3\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n3.其他\t2\t0\t0\t0\t0\t0\t2\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n";
        let text = format!("{HEADER}{rows}");
        assert_eq!(value(&text, "requests.other.natural_person"), None);
        assert_eq!(value(&text, "requests.other_other.natural_person"), Some(Value::Number(2.into())));
    }
}
