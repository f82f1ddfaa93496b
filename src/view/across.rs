//! The findings across reports as the page's two modules pass them. The checks across
//! reports (`desk`, the rules that compare reports) are in the page's second module, not in
//! the first load: the first module sends the open reports' digests
//! ([`encode_digests`]), the second sets them side by side and sends back each report's
//! findings across reports ([`findings_across`], [`encode_findings`]), which the first reads
//! ([`decode_findings`]) and adds to the report shown and to the overview's counts.
//!
//! The form is the modules' small text ([`super::codec`]); anything else decodes to `None`.

use super::codec::{In, Out};
use crate::desk::Desk;
use crate::model::{CellRef, Digest, Fact, Finding, Format, Other, ProactiveRow, RequestCol, Role, Severity, Table, TablePrint};

/// The first token of the digests' text.
const DIGESTS: &str = "nianbao-digests-1";
/// The first token of the findings' text.
const FINDINGS: &str = "nianbao-across-1";

/// The digests of the open reports, in their order.
pub fn encode_digests(digests: &[Digest]) -> String {
    let mut out = Out::new(DIGESTS);
    out.token(digests.len());
    for d in digests {
        out.text(&d.name);
        out.optional(d.body.as_deref(), Out::text);
        out.optional(d.year, Out::token);
        out.token(d.format.key());
        for n in &d.carried_forward {
            out.optional(*n, Out::token);
        }
        for list in [&d.proactive, &d.continuing] {
            out.numbers(list);
        }
        for t in &d.tables {
            out.token(u8::from(t.present));
            out.token(t.hash);
            out.token(t.numbers);
        }
    }
    out.0
}

/// The digests of [`encode_digests`].
pub fn decode_digests(text: &str) -> Option<Vec<Digest>> {
    let mut input = In::new(text, DIGESTS)?;
    let count: usize = input.parse()?;
    let mut digests = Vec::new();
    for _ in 0..count {
        let name = input.text()?;
        let body = input.optional(In::text)?;
        let year = input.optional(In::parse)?;
        let format = match input.token()? {
            "2019" => Format::V2019,
            "2021" => Format::V2021,
            _ => return None,
        };
        let mut carried_forward = [None; 7];
        for slot in &mut carried_forward {
            *slot = input.optional(In::decimal)?;
        }
        let proactive = input.numbers()?;
        let continuing = input.numbers()?;
        let mut tables = [TablePrint::default(); 3];
        for t in &mut tables {
            *t = TablePrint { present: input.parse::<u8>()? == 1, hash: input.parse()?, numbers: input.parse()? };
        }
        digests.push(Digest { name, body, year, format, carried_forward, proactive, continuing, tables });
    }
    input.end(digests)
}

/// Where the page stands with the findings across the open reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AcrossReports {
    /// The second module is setting the reports side by side (loading, the first time):
    /// nothing is claimed across reports meanwhile.
    Pending,
    /// Each open report's findings across reports, in the order the reports are listed
    /// (none for a report alone).
    Found(Vec<Vec<Finding>>),
    /// The second module could not be had here: why, for the reviewer.
    Failed(String),
}

impl AcrossReports {
    /// Report `i`'s findings across reports; none while they are being made or when they
    /// could not be.
    pub fn of(&self, i: usize) -> &[Finding] {
        match self {
            AcrossReports::Found(all) => all.get(i).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// What the page says of the checks across reports when they are not done.
    pub fn line(&self) -> Option<String> {
        match self {
            AcrossReports::Pending => Some("正在比对各年度报告……".to_string()),
            AcrossReports::Found(_) => None,
            AcrossReports::Failed(why) => Some(format!("未能比对各年度报告（上年结转等跨年度核对未做）：{why}")),
        }
    }
}

/// Each report's findings across reports, the reports set side by side in the order given.
pub fn findings_across(digests: Vec<Digest>) -> Vec<Vec<Finding>> {
    let desk = Desk::new(digests);
    (0..desk.digests().len()).map(|i| desk.findings(i)).collect()
}

/// The findings across the reports that were read (`found`, one list each, in the order of
/// `read`: their positions among the `total` open reports) given to every open report: one
/// not read (refused, or its reading not come) has none and was compared with none, and a
/// finding's other report is named by its position among all of them.
pub fn spread(found: &[Vec<Finding>], read: &[usize], total: usize) -> Vec<Vec<Finding>> {
    let mut all = vec![Vec::new(); total];
    for (findings, &at) in found.iter().zip(read) {
        let Some(slot) = all.get_mut(at) else { continue };
        *slot = findings.clone();
        for f in slot.iter_mut() {
            if let Some(other) = f.fact.other_mut() {
                other.index = read.get(other.index).copied().unwrap_or(other.index);
            }
        }
    }
    all
}

/// Each report's findings across reports (those of [`findings_across`]).
pub fn encode_findings(reports: &[Vec<Finding>]) -> String {
    let mut out = Out::new(FINDINGS);
    out.token(reports.len());
    for findings in reports {
        out.token(findings.len());
        for f in findings {
            out.token(f.rule);
            out.token(f.severity.key());
            out.token(f.cells.len());
            for c in &f.cells {
                out.token(c.cell);
                out.token(c.role.key());
            }
            out.text(&f.message);
            encode_fact(&mut out, &f.fact);
        }
    }
    out.0
}

/// The findings of [`encode_findings`]: only findings of the rules across reports.
pub fn decode_findings(text: &str) -> Option<Vec<Vec<Finding>>> {
    let mut input = In::new(text, FINDINGS)?;
    let reports: usize = input.parse()?;
    let mut all = Vec::new();
    for _ in 0..reports {
        let count: usize = input.parse()?;
        let mut findings = Vec::new();
        for _ in 0..count {
            let rule = crate::rules::rule(input.token()?).filter(|r| r.is_cross_report())?.id;
            let severity = input.token()?;
            let severity = [Severity::Error, Severity::Warning, Severity::Info].into_iter().find(|s| s.key() == severity)?;
            let mut cells = Vec::new();
            for _ in 0..input.parse::<usize>()? {
                let cell = input.key()?;
                let role = input.token()?;
                let role = [Role::Primary, Role::Related].into_iter().find(|r| r.key() == role)?;
                cells.push(CellRef { cell, role });
            }
            let message = input.text()?;
            let fact = decode_fact(&mut input)?;
            findings.push(Finding { rule, severity, cells, fact, message });
        }
        all.push(findings);
    }
    input.end(all)
}

/// A fact across reports: the other report, then the fact's own fields after its name.
fn encode_fact(out: &mut Out, fact: &Fact) {
    let Some(other) = fact.other() else { return out.token("-") };
    out.token(other.index);
    out.text(&other.name);
    out.token(other.year);
    out.optional(other.body.as_deref(), Out::text);
    out.numbers(&other.cells);
    match fact {
        Fact::CarryOver { columns, .. } => {
            out.token("carry");
            out.token(columns.len());
            for (col, here, there) in columns {
                out.token(col.key());
                out.token(here);
                out.token(there);
            }
        }
        Fact::InForce { row, previous, issued, repealed, in_force, .. } => {
            out.token("in_force");
            out.token(row.key());
            for n in [previous, issued, repealed, in_force] {
                out.token(n);
            }
        }
        Fact::PreviousItems { row, before, change, previous_items, .. } => {
            out.token("previous_items");
            out.token(row.key());
            for n in [before, change, previous_items] {
                out.token(n);
            }
        }
        Fact::SameAsPreviousYear { tables, numbers, .. } => {
            out.token("same");
            out.token(tables.len());
            for t in tables {
                out.token(t.key());
            }
            out.token(numbers);
        }
        Fact::DuplicateReport { more, identical, .. } => {
            out.token("duplicate");
            out.token(more);
            out.token(u8::from(*identical));
        }
        _ => {}
    }
}

fn decode_fact(input: &mut In<'_>) -> Option<Fact> {
    let other = Other {
        index: input.parse()?,
        name: input.text()?,
        year: input.parse()?,
        body: input.optional(In::text)?,
        cells: input.numbers()?,
    };
    let row = |input: &mut In<'_>| ProactiveRow::from_key(input.token()?);
    Some(match input.token()? {
        "carry" => {
            let mut columns = Vec::new();
            for _ in 0..input.parse::<usize>()? {
                columns.push((RequestCol::from_key(input.token()?)?, input.decimal()?, input.decimal()?));
            }
            Fact::CarryOver { other, columns }
        }
        "in_force" => Fact::InForce {
            other,
            row: row(input)?,
            previous: input.decimal()?,
            issued: input.decimal()?,
            repealed: input.decimal()?,
            in_force: input.decimal()?,
        },
        "previous_items" => Fact::PreviousItems {
            other,
            row: row(input)?,
            before: input.decimal()?,
            change: input.decimal()?,
            previous_items: input.decimal()?,
        },
        "same" => {
            let mut tables = Vec::new();
            for _ in 0..input.parse::<usize>()? {
                tables.push(Table::from_key(input.token()?)?);
            }
            Fact::SameAsPreviousYear { other, tables, numbers: input.parse()? }
        }
        "duplicate" => Fact::DuplicateReport { other, more: input.parse()?, identical: input.parse::<u8>()? == 1 },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;
    use crate::rules::testing::{bump, clean, continued_by};

    /// Reports of one body over three years and a second copy of the last, with findings of
    /// every rule across reports: 2024 is 2023 with the year changed (its carry-over, 现行有效
    /// 件数 and tables), and a 2019-format pair whose 上一年项目数量 does not follow on.
    fn reports() -> Vec<(String, Report)> {
        let y2023 = clean(Format::V2021);
        let mut y2022 = continued_by(&y2023);
        y2022.body = Some("淮安市洪泽区人民政府".into());
        let mut y2024 = y2023.clone();
        y2024.year = Some(2024);
        let mut copy = y2024.clone();
        bump(&mut copy, "requests.new.natural_person", 1);
        let y2020 = clean(Format::V2019);
        let mut y2019 = continued_by(&y2020);
        bump(&mut y2019, "proactive.licensing.change", -3);
        let named = [("2023.txt", y2023), ("2022 “旧”.txt", y2022), ("2024.txt", y2024), ("2024 副本.txt", copy)];
        let mut reports: Vec<(String, Report)> = named.into_iter().map(|(n, r)| (n.to_string(), r)).collect();
        for (name, mut report) in [("2020.txt", y2020), ("2019.txt", y2019)] {
            report.body = Some("安岳县清流镇人民政府".into());
            reports.push((name.to_string(), report));
        }
        reports
    }

    fn digests() -> Vec<Digest> {
        reports().iter().map(|(name, r)| Digest::of(name.clone(), r)).collect()
    }

    #[test]
    fn digests_come_back_as_they_were_sent() {
        let digests = digests();
        assert_eq!(decode_digests(&encode_digests(&digests)), Some(digests.clone()));
        assert_eq!(decode_digests(&encode_digests(&[])), Some(Vec::new()));
    }

    #[test]
    fn the_findings_across_reports_come_back_as_the_desk_made_them() {
        let findings = findings_across(decode_digests(&encode_digests(&digests())).unwrap());
        let rules: Vec<&str> = findings.iter().flatten().map(|f| f.rule).collect();
        for rule in crate::rules::ACROSS_REPORTS {
            assert!(rules.contains(&rule.id), "{} among {rules:?}", rule.id);
        }
        assert_eq!(findings, findings_across(digests()), "the desk on the digests sent is the desk on the reports");
        assert_eq!(decode_findings(&encode_findings(&findings)), Some(findings));
    }

    #[test]
    fn anything_else_is_not_read() {
        let text = encode_findings(&findings_across(digests()));
        for broken in [&text[..text.len() - 1], &text[1..], "", "nianbao-across-1 ", "nianbao-across-1 1 1 appeals-total error 0 0: - "] {
            assert_eq!(decode_findings(broken), None, "{broken:?}");
        }
        let text = encode_digests(&digests());
        assert_eq!(decode_digests(&format!("{text}x ")), None);
        assert_eq!(decode_digests(&text.replacen("2021", "2020", 1)), None);
    }

    #[test]
    fn reports_not_read_take_no_part_and_the_others_are_named_by_their_place_among_all() {
        // Six reports read, set at the open reports' places 0, 2, 3, 5, 6, 7 of nine: 1, 4
        // and 8 are not read (refused, or their reading not come).
        let read = [0, 2, 3, 5, 6, 7];
        let found = findings_across(digests());
        let all = spread(&found, &read, 9);
        assert_eq!(all.len(), 9);
        for not_read in [1, 4, 8] {
            assert!(all[not_read].is_empty(), "report {not_read} was compared with none");
        }
        let mut named = 0;
        for (k, &at) in read.iter().enumerate() {
            assert_eq!(all[at].len(), found[k].len());
            for (spread, made) in all[at].iter().zip(&found[k]) {
                let (Some(other), Some(made)) = (spread.fact.other(), made.fact.other()) else { continue };
                assert_eq!(other.index, read[made.index], "{}", spread.message);
                assert_eq!(other.name, made.name);
                named += 1;
            }
        }
        assert!(named > 0, "the reports have findings that name another");
    }
}
