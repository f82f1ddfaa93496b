//! The known reports the variant suite renders: every cell with the text it is printed as
//! and the value a careful reader takes from that text.

#![allow(dead_code)]

use std::collections::BTreeMap;

use nianbao::model::{AppealCol, AppealRow, CellKey, Decimal, Format, ProactiveCol as PC, ProactiveRow as PR, RequestCol, RequestRow};

/// What a careful reader takes from a cell's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Number(Decimal),
    /// Empty, "-", "—", "/", "无": present but no number (not zero).
    Blank,
    /// Not a number ("1O"): must be left unread, never read as a number or a blank.
    Unread,
}

/// One cell as printed and as it must be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    /// The text the cell is printed as ("" for an empty cell).
    pub raw: String,
    pub expect: Expect,
}

impl Printed {
    pub fn is_blank(&self) -> bool {
        self.expect == Expect::Blank
    }

    pub fn number(&self) -> Option<Decimal> {
        match self.expect {
            Expect::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// A report whose every cell is known.
#[derive(Clone, Debug)]
pub struct Truth {
    pub format: Format,
    pub year: i32,
    pub cells: BTreeMap<CellKey, Printed>,
}

/// A decimal from text such as "12", "-8", "160.5964".
pub fn dec(s: &str) -> Decimal {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let d = Decimal::parse_digits(int, frac).unwrap_or_else(|| panic!("not a number: {s}"));
    if neg { d.negated() } else { d }
}

pub fn cell(name: &str) -> CellKey {
    CellKey::parse(name).unwrap_or_else(|| panic!("bad cell name {name}"))
}

impl Truth {
    fn new(format: Format, year: i32) -> Truth {
        Truth { format, year, cells: BTreeMap::new() }
    }

    /// Whether reading `key` as `value` agrees with what is printed: a number or a blank
    /// must be what the cell says; leaving a cell unread is never wrong.
    pub fn agrees(&self, key: CellKey, value: &nianbao::model::Value) -> bool {
        use nianbao::model::Value;
        match (value, self.cells.get(&key)) {
            (Value::Unread(_), _) => true,
            (Value::Number(n), Some(p)) => p.expect == Expect::Number(*n),
            (Value::Blank, Some(p)) => p.expect == Expect::Blank,
            (_, None) => false,
        }
    }

    /// Sets a cell printed as `raw`, read as the number `raw` says.
    pub fn num(&mut self, key: CellKey, raw: &str) {
        self.cells.insert(key, Printed { raw: raw.to_string(), expect: Expect::Number(dec(raw)) });
    }

    /// Sets a cell printed as `raw`, read as the number `value`.
    pub fn set(&mut self, key: CellKey, raw: &str, value: &str) {
        self.cells.insert(key, Printed { raw: raw.to_string(), expect: Expect::Number(dec(value)) });
    }

    /// Sets a blank cell printed as `raw`.
    pub fn blank(&mut self, key: CellKey, raw: &str) {
        self.cells.insert(key, Printed { raw: raw.to_string(), expect: Expect::Blank });
    }

    /// Sets a cell printed as `raw` that is not a number and must stay unread.
    pub fn unreadable(&mut self, key: CellKey, raw: &str) {
        self.cells.insert(key, Printed { raw: raw.to_string(), expect: Expect::Unread });
    }

    pub fn get(&self, key: CellKey) -> &Printed {
        self.cells.get(&key).unwrap_or_else(|| panic!("{key} not in the report"))
    }

    pub fn raw(&self, key: CellKey) -> &str {
        &self.get(key).raw
    }

    /// Prints every blank cell as `marker`.
    pub fn blanks_as(mut self, marker: &str) -> Truth {
        for p in self.cells.values_mut() {
            if p.is_blank() {
                p.raw = marker.to_string();
            }
        }
        self
    }

    /// Turns every blank cell into a zero (for shapes that cannot show an empty cell).
    pub fn without_blanks(mut self) -> Truth {
        for p in self.cells.values_mut() {
            if p.is_blank() {
                *p = Printed { raw: "0".to_string(), expect: Expect::Number(Decimal::ZERO) };
            }
        }
        self
    }

    /// Maps the printed text of every number.
    pub fn map_numbers(mut self, f: impl Fn(CellKey, &str) -> String) -> Truth {
        for (k, p) in self.cells.iter_mut() {
            if p.number().is_some() {
                p.raw = f(*k, &p.raw);
            }
        }
        self
    }

    /// Prints every number in full-width digits.
    pub fn fullwidth(self) -> Truth {
        self.map_numbers(|_, raw| raw.chars().map(fullwidth_char).collect())
    }

    /// Prints every number of four digits or more with thousands separators.
    pub fn thousands(self) -> Truth {
        self.map_numbers(|_, raw| with_thousands(raw))
    }

    /// The cells of one table.
    pub fn table_cells(&self, table: nianbao::model::Table) -> impl Iterator<Item = (&CellKey, &Printed)> {
        self.cells.iter().filter(move |(k, _)| k.table() == table)
    }

    /// Removes a table's cells (for reports without that table).
    pub fn without_table(mut self, table: nianbao::model::Table) -> Truth {
        self.cells.retain(|k, _| k.table() != table);
        self
    }

    /// The values of a 表三 row, printed.
    pub fn request_row(&self, row: RequestRow) -> Vec<String> {
        RequestCol::ALL.iter().map(|c| self.raw(CellKey::Requests(row, *c)).to_string()).collect()
    }
}

pub fn fullwidth_char(c: char) -> char {
    match c {
        '0'..='9' | '.' | ',' | '+' | '-' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        c => c,
    }
}

pub fn with_thousands(raw: &str) -> String {
    let (sign, body) = match raw.chars().next() {
        Some(c @ ('-' | '+')) => (c.to_string(), &raw[1..]),
        _ => (String::new(), raw),
    };
    let (int, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (&body[..i], &body[i..]),
        None => (body, ""),
    };
    if int.len() < 4 {
        return raw.to_string();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{rest}")
}

/// 表三 values by row, for the six applicant columns (the 总计 is their sum). The outcome
/// rows are those of the 2021 format; the 2019 format merges the three （六） rows.
fn request_values_2021() -> Vec<(RequestRow, [i64; 6])> {
    use RequestRow::*;
    vec![
        (Granted, [50, 12, 1, 0, 2, 0]),
        (PartiallyGranted, [9, 3, 0, 0, 0, 1]),
        (DeniedStateSecret, [0, 0, 0, 0, 0, 0]),
        (DeniedProhibitedByLaw, [0, 0, 0, 0, 0, 0]),
        (DeniedThreeSafeties, [1, 0, 0, 0, 0, 0]),
        (DeniedThirdParty, [0, 2, 0, 0, 0, 0]),
        (DeniedInternalAffairs, [0, 0, 0, 0, 0, 0]),
        (DeniedProcessInfo, [1, 0, 0, 0, 0, 0]),
        (DeniedEnforcementCase, [1, 0, 0, 0, 0, 0]),
        (DeniedQueryMatter, [0, 0, 0, 0, 0, 0]),
        (UnavailableNotHeld, [31, 4, 0, 0, 1, 0]),
        (UnavailableNeedsCreation, [1, 0, 0, 0, 0, 0]),
        (UnavailableUnclear, [0, 1, 0, 0, 0, 0]),
        (RejectedPetition, [1, 0, 0, 0, 0, 0]),
        (RejectedDuplicate, [0, 0, 0, 0, 0, 0]),
        (RejectedPublication, [0, 0, 0, 0, 0, 0]),
        (RejectedExcessive, [0, 0, 0, 0, 0, 0]),
        (RejectedConfirmation, [0, 0, 0, 0, 0, 0]),
        (OtherNoCorrection, [2, 0, 0, 0, 0, 0]),
        (OtherUnpaidFee, [0, 0, 0, 0, 0, 0]),
        (OtherOther, [12, 1, 0, 0, 0, 0]),
    ]
}

fn fill_requests(t: &mut Truth, outcomes: Vec<(RequestRow, [i64; 6])>) {
    let carried_over = [5, 1, 0, 0, 0, 0];
    let carried_forward = [8, 2, 0, 0, 1, 0];
    let mut total = [0i64; 6];
    for (_, v) in &outcomes {
        for j in 0..6 {
            total[j] += v[j];
        }
    }
    let mut new = [0i64; 6];
    for j in 0..6 {
        new[j] = total[j] + carried_forward[j] - carried_over[j];
    }
    let mut rows = vec![(RequestRow::New, new), (RequestRow::CarriedOver, carried_over)];
    rows.extend(outcomes);
    rows.push((RequestRow::Total, total));
    rows.push((RequestRow::CarriedForward, carried_forward));
    for (row, v) in rows {
        for (j, col) in RequestCol::ALL.iter().enumerate() {
            let x = if j < 6 { v[j] } else { v.iter().sum() };
            t.num(CellKey::Requests(row, *col), &x.to_string());
        }
    }
}

fn fill_appeals(t: &mut Truth) {
    let groups = [[12, 1, 0, 2], [8, 0, 1, 1], [0, 0, 0, 0]];
    for (row, g) in AppealRow::ALL.iter().zip(groups) {
        for (j, col) in AppealCol::ALL.iter().enumerate() {
            let x = if j < 4 { g[j] } else { g.iter().sum() };
            t.num(CellKey::Appeals(*row, *col), &x.to_string());
        }
    }
}

/// A 2023 report in the 2021 format: zeros, multi-digit numbers, a decimal amount and two
/// blank cells in 表二.
pub fn report_2021() -> Truth {
    let mut t = Truth::new(Format::V2021, 2023);
    let p = |r, c| CellKey::Proactive(r, c);
    t.num(p(PR::Regulations, PC::Issued), "3");
    t.blank(p(PR::Regulations, PC::Repealed), "");
    t.num(p(PR::Regulations, PC::InForce), "12");
    t.num(p(PR::NormativeDocuments, PC::Issued), "45");
    t.num(p(PR::NormativeDocuments, PC::Repealed), "7");
    t.num(p(PR::NormativeDocuments, PC::InForce), "318");
    t.num(p(PR::Licensing, PC::Decisions), "11398");
    t.num(p(PR::Penalty, PC::Decisions), "2776");
    t.blank(p(PR::Coercion, PC::Decisions), "");
    t.num(p(PR::Fees, PC::Amount), "7545.36");
    fill_requests(&mut t, request_values_2021());
    fill_appeals(&mut t);
    t
}

/// A 2019 report in the 2019 format: signed 本年增/减, a money amount with its unit, a blank.
pub fn report_2019() -> Truth {
    let mut t = Truth::new(Format::V2019, 2019);
    let p = |r, c| CellKey::Proactive(r, c);
    for (row, made, published, total) in [(PR::Regulations, "2", "2", "15"), (PR::NormativeDocuments, "60", "58", "1234")] {
        t.num(p(row, PC::Made), made);
        t.num(p(row, PC::Published), published);
        t.num(p(row, PC::TotalPublished), total);
    }
    for (row, previous, change, decisions) in [
        (PR::Licensing, "150", "-8", "9487"),
        (PR::OtherServices, "35", "+5", "620"),
        (PR::Penalty, "12", "0", "2776"),
        (PR::Coercion, "4", "0", ""),
    ] {
        t.num(p(row, PC::PreviousItems), previous);
        t.num(p(row, PC::Change), change);
        if decisions.is_empty() {
            t.blank(p(row, PC::Decisions), "");
        } else {
            t.num(p(row, PC::Decisions), decisions);
        }
    }
    t.num(p(PR::Fees, PC::PreviousItems), "3");
    t.num(p(PR::Fees, PC::Change), "-1");
    t.num(p(PR::Procurement, PC::Items), "13");
    t.set(p(PR::Procurement, PC::Amount), "160.5964万元", "160.5964");
    let mut outcomes: Vec<(RequestRow, [i64; 6])> = Vec::new();
    let mut other = [0i64; 6];
    for (row, v) in request_values_2021() {
        if row.only_2021() {
            for j in 0..6 {
                other[j] += v[j];
            }
        } else {
            outcomes.push((row, v));
        }
    }
    outcomes.push((RequestRow::Other, other));
    fill_requests(&mut t, outcomes);
    fill_appeals(&mut t);
    t
}

impl Truth {
    /// The same report with its year changed (the title and statistics period follow).
    pub fn in_year(mut self, year: i32) -> Truth {
        self.year = year;
        self
    }

    /// A 2021-format report whose 表三 prints （六）其他处理 as one row, as some real ones do.
    pub fn single_other_row(mut self) -> Truth {
        let subs = [RequestRow::OtherNoCorrection, RequestRow::OtherUnpaidFee, RequestRow::OtherOther];
        for col in RequestCol::ALL {
            let mut sum = Decimal::ZERO;
            for row in subs {
                if let Some(p) = self.cells.remove(&CellKey::Requests(row, *col)) {
                    sum = sum.checked_add(p.number().unwrap_or(Decimal::ZERO)).unwrap();
                }
            }
            self.num(CellKey::Requests(RequestRow::Other, *col), &sum.to_string());
        }
        self
    }
}

impl Truth {
    /// Replaces a 表三 row's six applicant values (`None`: blank) and keeps the table
    /// consistent: the row's 总计, the （七）总计 row and 一 follow.
    pub fn set_request_row(&mut self, row: RequestRow, values: [Option<i64>; 6]) {
        let get = |t: &Truth, r: RequestRow, j: usize| {
            t.get(CellKey::Requests(r, RequestCol::ALL[j])).number().and_then(|d| d.to_i64()).unwrap_or(0)
        };
        for (j, value) in values.into_iter().enumerate() {
            let old = get(self, row, j);
            let new = value.unwrap_or(0);
            let delta = new - old;
            let col = RequestCol::ALL[j];
            match value {
                Some(v) => self.num(CellKey::Requests(row, col), &v.to_string()),
                None => self.blank(CellKey::Requests(row, col), ""),
            }
            if row.is_outcome() {
                for r in [RequestRow::Total, RequestRow::New] {
                    let v = get(self, r, j) + delta;
                    self.num(CellKey::Requests(r, col), &v.to_string());
                }
            }
        }
        let rows: Vec<RequestRow> = if row.is_outcome() { vec![row, RequestRow::Total, RequestRow::New] } else { vec![row] };
        for r in rows {
            let sum: i64 = (0..6).map(|j| get(self, r, j)).sum();
            self.num(CellKey::Requests(r, RequestCol::Total), &sum.to_string());
        }
    }
}
