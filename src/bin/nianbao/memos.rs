//! Writing review memos (`--memo DIR`): one HTML file per report, named after its body and
//! year, each name used once.
//!
//! The command line has no reviewer's decisions (they are made in the page), so every
//! finding is listed as to be confirmed; the memo says so.

use std::collections::BTreeSet;
use std::path::PathBuf;

use nianbao::Checked;
use nianbao::export::memo::{Coverage, Memo, file_name, render};
use nianbao::model::Decisions;

use super::args;

/// What is written on memos, and where. Memos are drafted on any thread ([`Memos::draft`])
/// and filed in the order of the inputs ([`Filing::file`]), which gives each its name: a
/// name taken goes to the report that comes first.
pub struct Memos {
    dir: PathBuf,
    reviewer: String,
    date: String,
}

/// A memo rendered, not yet written.
pub struct Draft {
    /// The file name it wants (the body and year), before it is made unique.
    wanted: String,
    html: String,
}

/// The memos written so far.
pub struct Filing {
    dir: PathBuf,
    /// The names used so far, lowercased: Windows does not tell case apart.
    taken: BTreeSet<String>,
    written: usize,
}

impl Memos {
    /// Prepares the directory (made when missing); an error is a message for the user.
    pub fn new(options: &args::Memos) -> Result<Memos, String> {
        std::fs::create_dir_all(&options.dir).map_err(|e| format!("无法创建校验意见的目录 {}：{e}", options.dir.display()))?;
        let date = options.date.clone().unwrap_or_else(today);
        Ok(Memos { dir: options.dir.clone(), reviewer: options.reviewer.clone(), date })
    }

    /// Renders the memo of a report read from `name`; `compared` says what it was compared
    /// with across years.
    pub fn draft(&self, name: &str, checked: &Checked, compared: String) -> Draft {
        let stem = std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("年报");
        let coverage = Coverage::of(&checked.report, compared);
        let decisions = Decisions::new();
        let memo = Memo { checked, decisions: &decisions, name, reviewer: &self.reviewer, date: &self.date, coverage: &coverage };
        Draft { wanted: file_name(&checked.report, stem), html: render(&memo) }
    }

    /// Where the drafts are filed.
    pub fn filing(&self) -> Filing {
        Filing { dir: self.dir.clone(), taken: BTreeSet::new(), written: 0 }
    }
}

impl Filing {
    /// Writes a drafted memo under a name of its own. Returns the file written.
    pub fn file(&mut self, draft: Draft) -> Result<PathBuf, String> {
        let file = self.unique(draft.wanted);
        let path = self.dir.join(&file);
        std::fs::write(&path, draft.html).map_err(|e| format!("无法写入校验意见 {}：{e}", path.display()))?;
        self.written += 1;
        Ok(path)
    }

    /// What was written, for standard error at the end.
    pub fn summary(&self) -> String {
        format!("nianbao: 已写出 {} 份校验意见到 {}", self.written, self.dir.display())
    }

    /// `file`, or `file` with （2）, （3）… before its extension when the name is taken.
    fn unique(&mut self, file: String) -> String {
        let (stem, ext) = file.rsplit_once('.').unwrap_or((&file, "html"));
        let mut candidate = file.clone();
        let mut n = 1;
        while !self.taken.insert(candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{stem}（{n}）.{ext}");
        }
        candidate
    }
}

/// Today's date in Beijing time (UTC+8), where the reports and their reviewers are.
fn today() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (seconds + 8 * 3600) / 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_167), (2025, 3, 20));
    }
}
