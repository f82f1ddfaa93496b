//! Reading: input → the typed report. Parsing never fails: whatever cannot be read with
//! certainty is left unread and noted, and the rest is still read.
//!
//! The stages, each in its own module:
//!
//! 1. `layout`: the input as lines of fields, each pointing into the source;
//! 2. `tokens`: fields → text, value and line-break tokens (and, as it folds them, the
//!    characters of the first and last lines for `meta`, gathered by `meta::Gatherer`);
//! 3. `regions`: where the six parts and the three tables are;
//! 4. `meta`: title, body, year, statistics period, publication date, from what the tokens
//!    gathered;
//! 5. `tables`: each table's tokens → its cells, in stages, each a module: `rows` (runs of
//!    values placed on the official rows, by `align` and `labels`) → `cells` (a row's values
//!    → cells, or digits that ran together) → `settle` (the runs cut, `runs` and `choose`)
//!    → `missing` (official rows not placed: blank where printed empty, else noted);
//! 6. `claims`: what the text says of the tables' figures, outside them.

pub mod align;
mod cells;
pub mod choose;
mod claims;
mod fold;
pub mod labels;
pub mod layout;
pub mod meta;
mod missing;
pub mod regions;
mod rows;
pub mod runs;
mod settle;
pub mod tables;
pub mod tokens;

pub use fold::{fold, fold_str};

use crate::model::{Format, Note, Report, Table, TableRead};
use layout::Document;

/// The folded text of a part: from its heading to the next part's heading.
fn part_text<'t>(tokens: &'t tokens::Tokens, regions: &regions::Regions, part: crate::model::Part) -> Option<&'t str> {
    let heading = regions.parts.get(&part)?;
    let end = regions.parts.range(part..).skip(1).map(|(_, r)| r.start).next().unwrap_or(tokens.norm.len());
    tokens.norm.get(heading.end..end.max(heading.end))
}

/// The year the report is on: what the title, the statistics period and the publication
/// date (the year after) say, by majority; the title when they all disagree. A title that
/// kept last year's number is outvoted by the period and the date.
fn report_year(meta: &meta::Meta) -> Option<i32> {
    let title = meta.title_year.as_ref().map(|y| y.value);
    let period = meta.period_year.as_ref().map(|y| y.value);
    let from_date = meta.published.as_ref().map(|d| d.value.year - 1);
    match (title, period, from_date) {
        (Some(t), Some(p), Some(d)) if t != p && p == d => Some(p),
        (Some(t), _, _) => Some(t),
        (None, Some(p), _) => Some(p),
        (None, None, d) => d,
    }
}

/// Reads a report from text (pasted text, a .txt file, markdown).
pub fn parse(text: &str) -> Report {
    parse_document(&Document::from_text(text))
}

/// Reads a report from a laid-out document (text, or the text and tables of an HTML page
/// or a .docx file).
pub fn parse_document(doc: &Document<'_>) -> Report {
    let mut head_tail = meta::Gatherer::new(doc);
    let tokens = tokens::tokenize_gathering(doc, &mut head_tail);
    let regions = regions::find(&tokens);
    let meta = meta::read_gathered(head_tail);

    let year = report_year(&meta);
    let tables = tables::read(&tokens, &regions, year.map(Format::for_year));

    let mut report = Report {
        year,
        title: meta.title,
        body: meta.body,
        published: meta.published,
        title_year: meta.title_year,
        period_year: meta.period_year,
        ..Report::default()
    };
    for (part, range) in &regions.parts {
        let span = tokens.span_of_norm(range.clone());
        report.parts.insert(*part, span);
    }

    report.format = tables.format;
    if let Some(detail) = tables.mixed {
        report.notes.push(Note::MixedFormat { table: Table::Requests, detail });
    }

    let table_tokens: Vec<std::ops::Range<usize>> = regions.tables.values().map(|r| tokens.token_range(r)).collect();
    report.claims = claims::find(&tokens, &table_tokens);

    for (table, out) in tables.read {
        match out {
            Some(out) if out.found() => {
                report.tables.insert(table, TableRead { table, span: out.span, format: out.format, missing_rows: out.missing_rows });
                report.cells.extend(out.cells);
                report.notes.extend(out.notes);
            }
            _ => {
                let heading = report.parts.get(&table.part()).copied().flatten();
                let present = heading.is_some() || regions.tables.contains_key(&table);
                let image = part_text(&tokens, &regions, table.part()).is_some_and(|text| text.contains("(图片)"));
                report.notes.push(Note::TableMissing { table, heading: heading.filter(|_| present), image });
            }
        }
    }
    report
}
