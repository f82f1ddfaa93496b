//! Where reports come from: files, directories walked recursively, standard input.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use nianbao::Checked;

/// The largest file read; a larger one is refused without reading it.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A report to read.
pub struct Source {
    /// How the user names it: the path as given or found, or "-".
    pub name: String,
    pub path: Option<PathBuf>,
}

/// An input that could not be checked: not found, unreadable, or refused by the reader.
#[derive(Clone)]
pub struct Failure {
    pub name: String,
    pub message: String,
}

/// Lists the sources named by the arguments, walking directories in name order. Entries
/// are produced one at a time, so a huge directory is never held in memory as reports.
pub fn walk(args: &[OsString]) -> impl Iterator<Item = Result<Source, Failure>> + '_ {
    args.iter().flat_map(|arg| -> Box<dyn Iterator<Item = Result<Source, Failure>>> {
        if arg == "-" {
            return Box::new(std::iter::once(Ok(Source { name: "-".to_string(), path: None })));
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            Box::new(DirWalk::new(path))
        } else {
            Box::new(std::iter::once(Ok(Source { name: path.display().to_string(), path: Some(path) })))
        }
    })
}

/// A depth-first walk over a directory, in name order, yielding report files.
struct DirWalk {
    /// Each directory entered: its entries in name order, each with whether it is a
    /// directory when the listing says so (not for a symbolic link: where it leads is asked
    /// of the file system as the walk reaches it).
    stack: Vec<std::vec::IntoIter<(PathBuf, Option<bool>)>>,
    pending: Vec<Result<Source, Failure>>,
}

impl DirWalk {
    fn new(root: PathBuf) -> DirWalk {
        let mut walk = DirWalk { stack: Vec::new(), pending: Vec::new() };
        walk.enter(&root);
        walk
    }

    fn enter(&mut self, dir: &Path) {
        match std::fs::read_dir(dir) {
            Ok(entries) => {
                // The listing's file types cost no call per file, unlike asking each path.
                let is_dir = |e: &std::fs::DirEntry| e.file_type().ok().filter(|t| !t.is_symlink()).map(|t| t.is_dir());
                let mut paths: Vec<(PathBuf, Option<bool>)> = entries.filter_map(|e| e.ok().map(|e| (e.path(), is_dir(&e)))).collect();
                paths.sort_by(|a, b| a.0.cmp(&b.0));
                self.stack.push(paths.into_iter());
            }
            Err(e) => self
                .pending
                .push(Err(Failure { name: dir.display().to_string(), message: format!("无法读取目录：{}", io_message(&e)) })),
        }
    }
}

impl Iterator for DirWalk {
    type Item = Result<Source, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop() {
                return Some(item);
            }
            let entry = self.stack.last_mut()?.next();
            let Some((path, is_dir)) = entry else {
                self.stack.pop();
                continue;
            };
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if is_dir.unwrap_or_else(|| path.is_dir()) {
                self.enter(&path);
                continue;
            }
            // Reports (and documents refused as reports) by their extension; images,
            // stylesheets and the like are skipped (`input::found_in_a_folder`).
            if path.file_name().is_some_and(|n| nianbao::input::found_in_a_folder(&n.to_string_lossy())) {
                return Some(Ok(Source { name: path.display().to_string(), path: Some(path) }));
            }
        }
    }
}

/// A report read and checked, with the pages of the PDF it came from.
pub struct Report {
    pub checked: Checked,
    /// Its relations counted ([`Checked::relations`]), with the check.
    pub relations: nianbao::model::Tally,
    pub pdf: Option<nianbao::input::pdf::Pages>,
    /// The size of the input in bytes: what keeping the report in memory is reckoned by.
    pub input_bytes: usize,
}

/// Standard input, read once (by whichever thread needs it first) and kept: the batch
/// reads every report twice (once for the checks across reports, once to check and write),
/// and standard input cannot be read again.
#[derive(Default)]
pub struct Stdin(OnceLock<Result<Vec<u8>, String>>);

impl Stdin {
    fn bytes(&self) -> Result<&[u8], String> {
        let read = self.0.get_or_init(|| {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map(|_| bytes)
                .map_err(|e| format!("无法读取标准输入：{}", io_message(&e)))
        });
        read.as_deref().map_err(String::clone)
    }
}

/// Reads and checks one source.
pub fn read(source: &Source, stdin: &Stdin) -> Result<Report, Failure> {
    let fail = |message: String| Failure { name: source.name.clone(), message };
    let Some(path) = &source.path else {
        // Standard input is kept for the second reading: its bytes are lent, not given.
        let bytes = stdin.bytes().map_err(fail)?;
        refuse_too_large(bytes.len()).map_err(fail)?;
        let checked = nianbao::check_file_counted(&source.name, bytes);
        return Report::of(checked, bytes.len()).map_err(fail);
    };
    // Opened once, its size asked of the open file: one call each.
    let cannot_read = |e: std::io::Error| fail(format!("无法读取文件：{}", io_message(&e)));
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(format!(
            "文件太大（{} MB），超过 {} MB 的上限，未读取；年报文本通常不到 1 MB",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    refuse_too_large(bytes.len()).map_err(fail)?;
    let input_bytes = bytes.len();
    // The file's bytes are given to the reader, which makes text of valid UTF-8 in place.
    Report::of(nianbao::check_file_owned(&source.name, bytes), input_bytes).map_err(fail)
}

/// Refuses input past [`MAX_FILE_BYTES`]: a file that grew after its size was read, or
/// standard input.
fn refuse_too_large(bytes: usize) -> Result<(), String> {
    if bytes as u64 > MAX_FILE_BYTES {
        return Err(format!("输入太大，超过 {} MB 的上限，未读取", MAX_FILE_BYTES / (1024 * 1024)));
    }
    Ok(())
}

impl Report {
    /// The report a file's reading and checking gave (text in any supported encoding, an
    /// HTML page, a .docx, a PDF), or the reader's message refusing it.
    fn of(
        checked: Result<(nianbao::input::Loaded, Checked, nianbao::model::Tally), nianbao::input::ReadError>,
        input_bytes: usize,
    ) -> Result<Report, String> {
        checked.map(|(loaded, checked, relations)| Report { checked, relations, pdf: loaded.pdf, input_bytes }).map_err(|e| e.to_string())
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    }
}
