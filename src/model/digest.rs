//! What the checks across reports need of one report, and nothing more: its body, year and
//! format, the cells the next year's report continues from, the cells of its own that
//! continue the previous year's, and a fingerprint of each table. The rules across reports
//! read nothing else, so that the page can run them on the digests alone (in its second
//! module, `view::across`).
//!
//! A batch of hundreds of reports keeps one digest per report (well under a kilobyte) instead
//! of the reports themselves; the command line reads every report twice (once for the
//! digests, once to check) rather than hold them all.

use super::decimal::Decimal;
use super::report::{Report, Value};
use super::template::{AppealCol, CellKey, Format, ProactiveCol, ProactiveRow, RequestCol, RequestRow, Table};

/// The fewest numbers other than 0 a table must hold for its being the same as the previous
/// year's to be telling: a small body's 表四 of zeros, or one review upheld, is the same every
/// year for good reason.
pub const TELLING_NUMBERS: usize = 3;

/// One report, as the checks across reports see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    /// What the reviewer calls the report: its file's name.
    pub name: String,
    /// The issuing body as read.
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The format its tables are read in (`Report::layout_format`).
    pub format: Format,
    /// 表三 四、结转下年度继续办理, by column (`None`: blank, unread or not found).
    pub carried_forward: [Option<Decimal>; 7],
    /// The 表二 numbers the next year's report continues from: 2021 现行有效件数, 2019
    /// 上一年项目数量 and 本年增/减 (cells that hold a number only).
    pub proactive: Vec<(CellKey, Decimal)>,
    /// The numbers of its own that the rules across reports compare with the previous year's
    /// (besides those in `proactive`): 表三 二、上年结转, 表二 本年制发件数 and 本年废止件数.
    pub continuing: Vec<(CellKey, Decimal)>,
    /// 表二, 表三 and 表四, in that order.
    pub tables: [TablePrint; 3],
}

/// A table reduced to what tells whether two reports have the same one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TablePrint {
    /// Whether any of its cells was found.
    pub present: bool,
    /// A hash of every cell found (its name and what it holds: a number, blank or unread).
    pub hash: u64,
    /// How many of its cells hold a number other than 0 that the year itself produced: not a
    /// total (which repeats its parts), not a stock carried from the year before (现行有效件数,
    /// 对外公开总数量, 上一年项目数量, 上年结转).
    pub numbers: usize,
}

impl Digest {
    /// The digest of a report, under the name the reviewer knows it by.
    pub fn of(name: impl Into<String>, report: &Report) -> Digest {
        let mut carried_forward = [None; 7];
        for (slot, col) in carried_forward.iter_mut().zip(RequestCol::ALL) {
            *slot = report.number(CellKey::Requests(RequestRow::CarriedForward, *col));
        }
        let numbers = |keep: fn(CellKey) -> bool| -> Vec<(CellKey, Decimal)> {
            report.cells.iter().filter(|(key, _)| keep(**key)).filter_map(|(key, cell)| cell.number().map(|n| (*key, n))).collect()
        };
        Digest {
            name: name.into(),
            body: report.body.clone(),
            year: report.year,
            format: report.layout_format(),
            carried_forward,
            proactive: numbers(continued),
            continuing: numbers(continuing),
            tables: [Table::Proactive, Table::Requests, Table::Appeals].map(|t| TablePrint::of(report, t)),
        }
    }

    /// A 表二 number the next year's report continues from.
    pub fn proactive(&self, key: CellKey) -> Option<Decimal> {
        self.proactive.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
    }

    /// A number of this report that the rules across reports read: one the next year's
    /// report continues from (`proactive`) or one that continues the previous year's
    /// (`continuing`); `None` when blank, unread or not found.
    pub fn number(&self, key: CellKey) -> Option<Decimal> {
        self.proactive.iter().chain(&self.continuing).find(|(k, _)| *k == key).map(|(_, n)| *n)
    }

    /// The print of one table.
    pub fn table(&self, table: Table) -> TablePrint {
        self.tables[table as usize]
    }

    /// Whether two reports have the same tables, cell for cell.
    pub fn same_tables(&self, other: &Digest) -> bool {
        self.tables.iter().zip(&other.tables).all(|(a, b)| a.present == b.present && a.hash == b.hash)
    }
}

impl TablePrint {
    /// The print of `table` in `report`.
    pub fn of(report: &Report, table: Table) -> TablePrint {
        let mut hash = Fnv::new();
        let mut present = false;
        let mut numbers = 0;
        for (key, cell) in report.cells.iter().filter(|(k, _)| k.table() == table) {
            present = true;
            hash.write(&(key.index() as u32).to_le_bytes());
            match &cell.value {
                Value::Number(n) => {
                    hash.write(b"n");
                    hash_number(&mut hash, n);
                    numbers += usize::from(!n.is_zero() && produced_in_the_year(*key));
                }
                Value::Blank => hash.write(b"b"),
                Value::Unread(_) => hash.write(b"?"),
            }
        }
        TablePrint { present, hash: hash.finish(), numbers }
    }
}

/// Whether the next year's report continues from this 表二 cell.
fn continued(key: CellKey) -> bool {
    matches!(key, CellKey::Proactive(_, ProactiveCol::InForce | ProactiveCol::PreviousItems | ProactiveCol::Change))
}

/// Whether this cell of a report continues the previous year's (besides those of `continued`).
fn continuing(key: CellKey) -> bool {
    matches!(key, CellKey::Requests(RequestRow::CarriedOver, _) | CellKey::Proactive(_, ProactiveCol::Issued | ProactiveCol::Repealed))
}

/// Whether a cell counts what happened in the year itself, rather than repeating other cells
/// (a total) or carrying a stock from the year before.
fn produced_in_the_year(key: CellKey) -> bool {
    !matches!(
        key,
        CellKey::Proactive(_, ProactiveCol::InForce | ProactiveCol::TotalPublished | ProactiveCol::PreviousItems)
            | CellKey::Requests(RequestRow::Total | RequestRow::CarriedOver, _)
            | CellKey::Requests(_, RequestCol::Total)
            | CellKey::Appeals(_, AppealCol::Total)
    )
}

/// The 表二 rows whose counts continue from year to year, per format: T2-X1 (2021,
/// 现行有效件数) and T2-19-X1 (2019, 上一年项目数量), formats.md §3.5 and §4.4.
pub fn continued_rows(format: Format) -> &'static [ProactiveRow] {
    match format {
        Format::V2021 => &[ProactiveRow::Regulations, ProactiveRow::NormativeDocuments],
        Format::V2019 => {
            &[ProactiveRow::Licensing, ProactiveRow::OtherServices, ProactiveRow::Penalty, ProactiveRow::Coercion, ProactiveRow::Fees]
        }
    }
}

/// FNV-1a, 64 bits: a hash that is the same in every build and every run, so that a digest
/// may be kept (the page's storage) and compared later.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hashes a number as `Display` writes it. Natively, a whole number (every count) is written
/// without the formatter and a string: the command line digests every report of a batch, and
/// this was most of a digest's instructions. The page writes every number the one way (its
/// module is built for size); both hash the same bytes, so a digest is the same in both.
/// Placed after the code the page links, whose wasm keeps the line of each panic.
#[cfg(not(target_arch = "wasm32"))]
fn hash_number(hash: &mut Fnv, n: &Decimal) {
    match n.to_i64() {
        Some(whole) => hash.write(itoa::Buffer::new().format(whole).as_bytes()),
        None => hash.write(n.to_string().as_bytes()),
    }
}

#[cfg(target_arch = "wasm32")]
fn hash_number(hash: &mut Fnv, n: &Decimal) {
    hash.write(n.to_string().as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{blank, bump, clean};

    #[test]
    fn a_number_is_hashed_as_it_is_written() {
        let numbers = [0, 1, 9, 10, 12_345, -1, -8, i64::MAX, i64::MIN].map(Decimal::from_int).into_iter().chain(
            [(1_605_964, 4), (2_510, 2), (4, 1), (-25, 1), (i128::from(i64::MAX) + 1, 0), (i128::MIN, 0)]
                .into_iter()
                .filter_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
        );
        for n in numbers {
            let (mut fast, mut written) = (Fnv::new(), Fnv::new());
            hash_number(&mut fast, &n);
            written.write(n.to_string().as_bytes());
            assert_eq!(fast.finish(), written.finish(), "{n}");
        }
    }

    #[test]
    fn a_digest_keeps_what_the_next_year_continues_from() {
        let report = clean(Format::V2021);
        let digest = Digest::of("上年.txt", &report);
        assert_eq!(digest.year, Some(2023));
        assert_eq!(digest.carried_forward[6], report.number(CellKey::parse("requests.carried_forward.total").unwrap()));
        let keys: Vec<String> = digest.proactive.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, ["proactive.regulations.in_force", "proactive.normative_documents.in_force"]);
        let keys: Vec<String> = Digest::of("", &clean(Format::V2019)).proactive.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys.len(), 10, "{keys:?}");
    }

    #[test]
    fn prints_tell_a_changed_cell_and_a_blank_from_a_zero() {
        let report = clean(Format::V2021);
        let print = TablePrint::of(&report, Table::Requests);
        assert!(print.present);
        let mut changed = report.clone();
        bump(&mut changed, "requests.granted.natural_person", 1);
        assert_ne!(TablePrint::of(&changed, Table::Requests).hash, print.hash);
        assert_eq!(TablePrint::of(&changed, Table::Appeals), TablePrint::of(&report, Table::Appeals));
        let mut zero = report.clone();
        crate::rules::testing::set(&mut zero, CellKey::parse("appeals.review.other").unwrap(), 0);
        let mut blanked = zero.clone();
        blank(&mut blanked, "appeals.review.other");
        assert_ne!(TablePrint::of(&zero, Table::Appeals).hash, TablePrint::of(&blanked, Table::Appeals).hash);
        assert!(!TablePrint::of(&crate::model::Report::default(), Table::Appeals).present);
    }

    #[test]
    fn totals_and_stocks_are_not_telling_numbers() {
        let mut report = crate::model::Report::default();
        for (name, value) in [("appeals.review.upheld", 1), ("appeals.review.total", 1), ("appeals.litigation_direct.pending", 2)] {
            crate::rules::testing::set(&mut report, CellKey::parse(name).unwrap(), value);
        }
        assert_eq!(TablePrint::of(&report, Table::Appeals).numbers, 2);
        crate::rules::testing::set(&mut report, CellKey::parse("proactive.regulations.in_force").unwrap(), 12);
        assert_eq!(TablePrint::of(&report, Table::Proactive).numbers, 0);
    }
}
