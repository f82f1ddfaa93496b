//! What the command line's tests read: the report files of `tests/fixtures`.

use nianbao::Checked;
use nianbao::desk::{Desk, add_findings};
use nianbao::model::{CellKey, Digest, Tally};
use std::path::{Path, PathBuf};

/// Every report file under `dir` (the kinds a folder given to the command line is read
/// for), in name order.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if nianbao::input::found_in_a_folder(&path.to_string_lossy()) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Each checked fixture file under `dir`, named by `name`, with its relations counted.
pub fn each_checked(
    dir: &str,
    name: impl Fn(&Path) -> String,
    mut check: impl FnMut(String, nianbao::input::Loaded, Checked, Tally),
) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut read = 0;
    for path in files(&root) {
        let name = name(&path);
        if let Ok((loaded, checked, tally)) = nianbao::check_file_counted(&name, &std::fs::read(&path).unwrap()) {
            check(name, loaded, checked, tally);
            read += 1;
        }
    }
    read
}

/// The reports of one body for consecutive years (`tests/fixtures/years`), named by `name`,
/// each with its findings across the reports added, as the command line's batch adds them.
pub fn years_compared(name: impl Fn(&Path) -> String) -> Vec<(String, Checked, Tally)> {
    let mut reports = Vec::new();
    each_checked("years", name, |name, _, checked, tally| reports.push((name, checked, tally)));
    let desk = Desk::new(reports.iter().map(|(name, checked, _)| Digest::of(name.clone(), &checked.report)).collect());
    for (i, (_, checked, _)) in reports.iter_mut().enumerate() {
        add_findings(checked, desk.findings(i));
    }
    reports
}

/// A report with a cell the reviewer corrected (the page's; the command line has none).
pub fn corrected() -> Checked {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years/hongze-district-2024.txt");
    let (_, checked, _) = nianbao::check_file_counted("a.txt", &std::fs::read(path).unwrap()).unwrap();
    let key = CellKey::parse("requests.new.total").unwrap();
    let corrected = nianbao::desk::check_corrected(&checked.report, &[(key, "12".to_string())].into_iter().collect());
    assert!(!corrected.report.corrected.is_empty());
    corrected
}
