//! A report as read, before the rules, as the page's two modules pass it. The page reads
//! reports in its second module, which holds the reader (`parse`, `input`), and checks them
//! in the first (the rules, the corrections), so that the first load does not carry the
//! reader: the second module sends the [`Report`] it read ([`encode`]), the first takes it
//! back ([`decode`]) exactly as it was read, every field, so that what the page checks is
//! what the command line checks.
//!
//! The form is the modules' small text ([`super::codec`]); anything else decodes to `None`.
//! Both modules come from one build, so the layout carries no version beyond its name.

use std::collections::BTreeMap;

use super::codec::{In, Out};
use crate::model::{
    Cell, Claim, Claimed, Date, Format, Located, MixedFormat, Note, Part, Report, Settlement, Table, TableRead, TiedRow, Unit,
    UnreadReason, Value,
};

/// The first token of a reading.
const READING: &str = "nianbao-reading-1";

/// The report as read, every field.
pub fn encode(report: &Report) -> String {
    let mut out = Out::new(READING);
    out.optional(report.format, |o, f| o.token(f.key()));
    out.optional(report.year, Out::token);
    out.optional(report.title.as_deref(), Out::text);
    out.optional(report.body.as_deref(), Out::text);
    out.optional(report.published.as_ref(), |o, l| {
        located(o, l, |o, d| {
            for n in [d.year, d.month as i32, d.day as i32] {
                o.token(n);
            }
        })
    });
    for year in [&report.title_year, &report.period_year] {
        out.optional(year.as_ref(), |o, l| located(o, l, |o, y| o.token(y)));
    }
    out.token(report.parts.len());
    for (part, span) in &report.parts {
        out.token(part.key());
        out.optional(*span, Out::span);
    }
    out.token(report.tables.len());
    for read in report.tables.values() {
        out.token(read.table.key());
        out.optional(read.span, Out::span);
        out.optional(read.format, |o, f| o.token(f.key()));
        texts(&mut out, &read.missing_rows);
    }
    out.token(report.cells.len());
    for (key, c) in &report.cells {
        out.token(key);
        cell(&mut out, c);
    }
    out.token(report.notes.len());
    for n in &report.notes {
        note(&mut out, n);
    }
    out.token(report.claims.len());
    for c in &report.claims {
        out.token(c.what as u8);
        out.token(c.value);
        out.text(&c.quote);
        out.optional(c.span, Out::span);
    }
    out.token(report.corrected.len());
    for (key, was) in &report.corrected {
        out.token(key);
        out.optional(was.as_ref(), cell);
    }
    out.0
}

/// The report of [`encode`].
pub fn decode(text: &str) -> Option<Report> {
    let mut input = In::new(text, READING)?;
    let mut report = Report {
        format: input.optional(format)?,
        year: input.optional(In::parse)?,
        title: input.optional(In::text)?,
        body: input.optional(In::text)?,
        published: input.optional(|i| read_located(i, |i| Date::new(i.parse()?, i.parse()?, i.parse()?)))?,
        title_year: input.optional(|i| read_located(i, In::parse))?,
        period_year: input.optional(|i| read_located(i, In::parse))?,
        ..Report::default()
    };
    for _ in 0..input.parse::<usize>()? {
        let part = Part::from_key(input.token()?)?;
        report.parts.insert(part, input.optional(In::span)?);
    }
    for _ in 0..input.parse::<usize>()? {
        let table = table(&mut input)?;
        let read =
            TableRead { table, span: input.optional(In::span)?, format: input.optional(format)?, missing_rows: read_texts(&mut input)? };
        report.tables.insert(table, read);
    }
    for _ in 0..input.parse::<usize>()? {
        report.cells.insert(input.key()?, read_cell(&mut input)?);
    }
    for _ in 0..input.parse::<usize>()? {
        report.notes.push(read_note(&mut input)?);
    }
    for _ in 0..input.parse::<usize>()? {
        let what = match input.parse::<u8>()? {
            0 => Claimed::NewRequests,
            1 => Claimed::CarriedOver,
            2 => Claimed::Reviews,
            3 => Claimed::Suits,
            _ => return None,
        };
        report.claims.push(Claim { what, value: input.decimal()?, quote: input.text()?, span: input.optional(In::span)? });
    }
    let mut corrected = BTreeMap::new();
    for _ in 0..input.parse::<usize>()? {
        corrected.insert(input.key()?, input.optional(read_cell)?);
    }
    report.corrected = corrected;
    input.end(report)
}

fn located<T>(out: &mut Out, located: &Located<T>, write: impl Fn(&mut Out, &T)) {
    write(out, &located.value);
    out.optional(located.span, Out::span);
}

fn read_located<'a, T>(input: &mut In<'a>, read: impl Fn(&mut In<'a>) -> Option<T>) -> Option<Located<T>> {
    Some(Located { value: read(input)?, span: input.optional(In::span)? })
}

fn format(input: &mut In<'_>) -> Option<Format> {
    match input.token()? {
        "2019" => Some(Format::V2019),
        "2021" => Some(Format::V2021),
        _ => None,
    }
}

fn table(input: &mut In<'_>) -> Option<Table> {
    Table::from_key(input.token()?)
}

fn texts(out: &mut Out, texts: &[String]) {
    out.token(texts.len());
    for t in texts {
        out.text(t);
    }
}

fn read_texts(input: &mut In<'_>) -> Option<Vec<String>> {
    (0..input.parse::<usize>()?).map(|_| input.text()).collect()
}

/// A cell: its value (`n` and the number, `b` blank, `u` and why unread), its unit, its
/// text and where it stands.
fn cell(out: &mut Out, cell: &Cell) {
    match &cell.value {
        Value::Number(n) => {
            out.token("n");
            out.token(n);
        }
        Value::Blank => out.token("b"),
        Value::Unread(why) => {
            out.token("u");
            out.token(*why as u8);
        }
    }
    out.token(cell.unit as u8);
    out.text(&cell.raw);
    out.optional(cell.span, Out::span);
}

fn read_cell(input: &mut In<'_>) -> Option<Cell> {
    let value = match input.token()? {
        "n" => Value::Number(input.decimal()?),
        "b" => Value::Blank,
        "u" => Value::Unread(match input.parse::<u8>()? {
            0 => UnreadReason::NotANumber,
            1 => UnreadReason::RunTogether,
            2 => UnreadReason::RowIncomplete,
            3 => UnreadReason::OrderLost,
            _ => return None,
        }),
        _ => return None,
    };
    let unit = match input.parse::<u8>()? {
        0 => Unit::None,
        1 => Unit::Yuan,
        2 => Unit::WanYuan,
        3 => Unit::Count,
        _ => return None,
    };
    Some(Cell { value, unit, raw: input.text()?, span: input.optional(In::span)? })
}

fn keys(out: &mut Out, keys: &[crate::model::CellKey]) {
    out.token(keys.len());
    for k in keys {
        out.token(k);
    }
}

fn read_keys(input: &mut In<'_>) -> Option<Vec<crate::model::CellKey>> {
    (0..input.parse::<usize>()?).map(|_| input.key()).collect()
}

/// A note: its kind as a letter, then its fields in the order they are declared.
fn note(out: &mut Out, note: &Note) {
    match note {
        Note::RunTogetherSplit { cells, raw, span, splits, settled_by } => {
            out.token("s");
            keys(out, cells);
            out.text(raw);
            out.optional(*span, Out::span);
            out.token(splits);
            match settled_by {
                Settlement::Unique => out.token("u"),
                Settlement::RowRelation => out.token("r"),
                Settlement::ColumnRelations => out.token("c"),
                Settlement::FewestBroken { broken } => {
                    out.token("f");
                    out.token(broken);
                }
            }
        }
        Note::RunTogetherAmbiguous { cells, raw, span, splits, fitting, traceless_blanks } => {
            out.token("a");
            keys(out, cells);
            out.text(raw);
            out.optional(*span, Out::span);
            out.token(splits);
            out.token(fitting);
            out.token(u8::from(*traceless_blanks));
        }
        Note::RunTogetherInconsistent { table, cells, rows, broken, complete } => {
            out.token("i");
            out.token(table.key());
            keys(out, cells);
            out.token(rows.len());
            for row in rows {
                keys(out, &row.cells);
                out.text(&row.raw);
                out.optional(row.span, Out::span);
                out.token(row.cuts.len());
                for cut in &row.cuts {
                    out.token(cut.len());
                    for n in cut {
                        out.token(n);
                    }
                }
            }
            out.token(broken);
            out.token(u8::from(*complete));
        }
        Note::RowIncomplete { cells, found, raw, span } => {
            out.token("r");
            keys(out, cells);
            out.token(found);
            out.text(raw);
            out.optional(*span, Out::span);
        }
        Note::OrderLost { table, span } => {
            out.token("o");
            out.token(table.key());
            out.optional(*span, Out::span);
        }
        Note::TableMissing { table, heading, image } => {
            out.token("t");
            out.token(table.key());
            out.optional(*heading, Out::span);
            out.token(u8::from(*image));
        }
        Note::RowsMissing { table, rows } => {
            out.token("m");
            out.token(table.key());
            texts(out, rows);
        }
        Note::MixedFormat { table, detail } => {
            out.token("x");
            out.token(table.key());
            match detail {
                MixedFormat::SingleOtherRowIn2021 => out.token("1"),
                MixedFormat::OtherSubRowsIn2019 => out.token("2"),
                MixedFormat::TablesDisagree { proactive, requests } => {
                    out.token("3");
                    out.token(proactive.key());
                    out.token(requests.key());
                }
            }
        }
    }
}

fn read_note(input: &mut In<'_>) -> Option<Note> {
    let flag = |input: &mut In<'_>| match input.token()? {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    };
    Some(match input.token()? {
        "s" => Note::RunTogetherSplit {
            cells: read_keys(input)?,
            raw: input.text()?,
            span: input.optional(In::span)?,
            splits: input.parse()?,
            settled_by: match input.token()? {
                "u" => Settlement::Unique,
                "r" => Settlement::RowRelation,
                "c" => Settlement::ColumnRelations,
                "f" => Settlement::FewestBroken { broken: input.parse()? },
                _ => return None,
            },
        },
        "a" => Note::RunTogetherAmbiguous {
            cells: read_keys(input)?,
            raw: input.text()?,
            span: input.optional(In::span)?,
            splits: input.parse()?,
            fitting: input.parse()?,
            traceless_blanks: flag(input)?,
        },
        "i" => {
            let table = table(input)?;
            let cells = read_keys(input)?;
            let mut rows = Vec::new();
            for _ in 0..input.parse::<usize>()? {
                let (cells, raw, span) = (read_keys(input)?, input.text()?, input.optional(In::span)?);
                let cuts = (0..input.parse::<usize>()?)
                    .map(|_| (0..input.parse::<usize>()?).map(|_| input.decimal()).collect::<Option<Vec<_>>>())
                    .collect::<Option<Vec<_>>>()?;
                rows.push(TiedRow { cells, raw, span, cuts });
            }
            Note::RunTogetherInconsistent { table, cells, rows, broken: input.parse()?, complete: flag(input)? }
        }
        "r" => Note::RowIncomplete { cells: read_keys(input)?, found: input.parse()?, raw: input.text()?, span: input.optional(In::span)? },
        "o" => Note::OrderLost { table: table(input)?, span: input.optional(In::span)? },
        "t" => Note::TableMissing { table: table(input)?, heading: input.optional(In::span)?, image: flag(input)? },
        "m" => Note::RowsMissing { table: table(input)?, rows: read_texts(input)? },
        "x" => Note::MixedFormat {
            table: table(input)?,
            detail: match input.token()? {
                "1" => MixedFormat::SingleOtherRowIn2021,
                "2" => MixedFormat::OtherSubRowsIn2019,
                "3" => MixedFormat::TablesDisagree { proactive: format(input)?, requests: format(input)? },
                _ => return None,
            },
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellKey, Decimal, Span};

    /// The spans a reading carries: every one must come back.
    fn spans(report: &Report) -> Vec<Span> {
        report.spans().collect()
    }

    /// Every input the tests hold that a reader takes: the samples as users paste them, the
    /// reader's fixtures (run-together digits, lost order, missing tables, mixed formats…).
    fn inputs() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for dir in ["../shared/samples", "tests/fixtures/inputs", "tests/fixtures/regressions", "tests/fixtures/reading-order"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = path.display().to_string();
                let readable = [".txt", ".md", ".html"].iter().any(|ext| name.ends_with(ext));
                if readable && let Ok(text) = std::fs::read_to_string(&path) {
                    found.push((name, text));
                }
            }
        }
        found
    }

    #[test]
    fn every_reading_comes_back_as_it_was_read() {
        let inputs = inputs();
        assert!(inputs.len() >= 10, "the samples and fixtures are where the tests expect them: {}", inputs.len());
        let mut notes = std::collections::HashSet::new();
        for (name, text) in &inputs {
            for report in [crate::check_plain(text).0.report, crate::check_html(text).report] {
                let back = decode(&encode(&report));
                assert_eq!(back.as_ref(), Some(&report), "{name}");
                assert_eq!(back.map(|r| spans(&r)), Some(spans(&report)), "{name}");
                notes.extend(report.notes.iter().map(std::mem::discriminant));
            }
        }
        assert!(notes.len() >= 5, "the inputs exercise most kinds of notes: {}", notes.len());
    }

    /// A report with every field and every kind of note filled in, including what no
    /// fixture may happen to hold.
    fn everything() -> Report {
        let key = |name: &str| CellKey::parse(name).unwrap();
        let span = Some(Span::new(3, 9));
        let d = Decimal::from_int;
        let mut report = crate::check_text("").report;
        report.format = Some(Format::V2019);
        report.year = Some(-7);
        report.title = Some("淮安市洪泽区 2024 年: 报告 ".into());
        report.body = Some(String::new());
        report.published = Some(Located { value: Date::new(2025, 1, 20).unwrap(), span: None });
        report.title_year = Some(Located { value: 2024, span });
        report.period_year = Some(Located { value: 2023, span: None });
        report.parts.insert(Part::Problems, None);
        report.parts.insert(Part::Overview, span);
        report
            .tables
            .insert(Table::Appeals, TableRead { table: Table::Appeals, span, format: None, missing_rows: vec!["a b".into(), "".into()] });
        let cells = [
            ("requests.new.total", Value::Number(Decimal::parse_digits("0", "0625").unwrap()), Unit::WanYuan),
            ("requests.carried_over.total", Value::Blank, Unit::None),
            ("requests.new.natural_person", Value::Unread(UnreadReason::OrderLost), Unit::Count),
            ("requests.new.commercial", Value::Unread(UnreadReason::NotANumber), Unit::Yuan),
        ];
        for (name, value, unit) in cells {
            report.cells.insert(key(name), Cell { value, raw: format!("{name} 1:2 -"), span: None, unit });
        }
        let cells = vec![key("requests.new.total"), key("requests.carried_over.total")];
        report.notes = vec![
            Note::RunTogetherSplit {
                cells: cells.clone(),
                raw: "12".into(),
                span,
                splits: 3,
                settled_by: Settlement::FewestBroken { broken: 2 },
            },
            Note::RunTogetherSplit { cells: vec![], raw: "".into(), span: None, splits: 0, settled_by: Settlement::ColumnRelations },
            Note::RunTogetherAmbiguous { cells: cells.clone(), raw: "123".into(), span, splits: 4, fitting: 0, traceless_blanks: true },
            Note::RunTogetherInconsistent {
                table: Table::Requests,
                cells: cells.clone(),
                rows: vec![TiedRow { cells: cells.clone(), raw: "1 2".into(), span: None, cuts: vec![vec![d(1), d(-2)], vec![]] }],
                broken: 1,
                complete: false,
            },
            Note::RowIncomplete { cells: cells.clone(), found: 1, raw: "9".into(), span },
            Note::OrderLost { table: Table::Proactive, span: None },
            Note::TableMissing { table: Table::Appeals, heading: span, image: true },
            Note::RowsMissing { table: Table::Requests, rows: vec!["（七）总计".into()] },
            Note::MixedFormat { table: Table::Requests, detail: MixedFormat::OtherSubRowsIn2019 },
            Note::MixedFormat {
                table: Table::Proactive,
                detail: MixedFormat::TablesDisagree { proactive: Format::V2021, requests: Format::V2019 },
            },
        ];
        report.claims = vec![Claim { what: Claimed::Suits, value: d(72), quote: "共收到 72 件".into(), span }];
        report.corrected.insert(key("requests.new.total"), None);
        report.corrected.insert(key("requests.carried_over.total"), report.cells.values().next().cloned());
        report
    }

    #[test]
    fn every_field_comes_back() {
        let report = everything();
        assert_eq!(decode(&encode(&report)), Some(report));
        let empty = Report::default();
        assert_eq!(decode(&encode(&empty)), Some(empty));
    }

    #[test]
    fn anything_else_is_not_read() {
        let text = encode(&everything());
        for broken in [&text[..text.len() - 1], &text[1..], "", "nianbao-reading-1 ", "nianbao-reading-2 - - - - - - - 0 0 0 0 0 0 "] {
            assert_eq!(decode(broken), None, "{broken:?}");
        }
        assert_eq!(decode(&format!("{text}x ")), None, "more than a reading");
        assert_eq!(decode(&text.replacen("2025 1 20", "2025 2 30", 1)), None, "a date not in the calendar");
    }
}
