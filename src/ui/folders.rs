//! Folders: the files of a folder dropped on the page (its entries, walked depth first) or
//! picked with “打开文件夹…” (`webkitdirectory`). Among the files found in a folder the
//! reports are told by their names (`input::found_in_a_folder`): images, stylesheets and
//! the like are skipped and listed as skipped, not opened as refused reports. A file dropped
//! by itself is always opened.

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileSystemDirectoryEntry, FileSystemDirectoryReader, FileSystemEntry, FileSystemFileEntry};

use crate::input::found_in_a_folder;

/// The files to open, each with the name it is shown under (its path in the folder), and the
/// names of the files skipped.
#[derive(Default)]
pub struct Gathered {
    pub files: Vec<(String, File)>,
    pub skipped: Vec<String>,
}

/// The dropped items as entries when any of them is a folder (taken while the drop event
/// lasts: the browser empties the list after it); empty otherwise, and then the drop's files
/// are opened as they are.
pub fn dropped_folders(data: &DataTransfer) -> Vec<FileSystemEntry> {
    let items = data.items();
    let entries: Vec<FileSystemEntry> = (0..items.length()).filter_map(|i| items.get(i)?.webkit_get_as_entry().ok().flatten()).collect();
    if entries.iter().any(FileSystemEntry::is_directory) { entries } else { Vec::new() }
}

/// The files of `entries` and of the folders among them, in the order of their names within
/// each folder.
pub async fn walk(entries: Vec<FileSystemEntry>) -> Gathered {
    let mut gathered = Gathered::default();
    // (entry, whether it was found in a folder); popped from the end, so pushed in reverse.
    let mut stack: Vec<(FileSystemEntry, bool)> = entries.into_iter().rev().map(|e| (e, false)).collect();
    while let Some((entry, in_a_folder)) = stack.pop() {
        let path = entry.full_path().trim_start_matches('/').to_string();
        if in_a_folder && entry.name().starts_with('.') {
            continue;
        }
        if entry.is_directory() {
            let mut children = read_folder(entry.unchecked_ref::<FileSystemDirectoryEntry>().create_reader()).await;
            crate::model::order::sort_stable_by(&mut children, |a, b| b.name().cmp(&a.name()));
            stack.extend(children.into_iter().map(|c| (c, true)));
        } else if in_a_folder && !found_in_a_folder(&path) {
            gathered.skipped.push(path);
        } else {
            match file_of(entry.unchecked_ref()).await {
                Some(file) => gathered.files.push((path, file)),
                None => gathered.skipped.push(path),
            }
        }
    }
    gathered
}

/// The files of a picked folder (each with its path in it, `webkitRelativePath`).
pub fn picked(files: Vec<File>) -> Gathered {
    let mut gathered = Gathered::default();
    for file in files {
        let path = Reflect::get(&file, &"webkitRelativePath".into()).ok().and_then(|p| p.as_string()).filter(|p| !p.is_empty());
        let path = path.unwrap_or_else(|| file.name());
        if file.name().starts_with('.') {
            continue;
        }
        if found_in_a_folder(&path) {
            gathered.files.push((path, file));
        } else {
            gathered.skipped.push(path);
        }
    }
    crate::model::order::sort_stable_by(&mut gathered.files, |a, b| a.0.cmp(&b.0));
    gathered
}

/// Every entry of a folder: the reader gives them in batches until an empty one.
async fn read_folder(reader: FileSystemDirectoryReader) -> Vec<FileSystemEntry> {
    let mut entries = Vec::new();
    loop {
        let batch = Promise::new(&mut |resolve, reject| {
            if reader.read_entries_with_callback_and_callback(&resolve, &reject).is_err() {
                let _ = resolve.call1(&resolve, &Array::new());
            }
        });
        let batch = JsFuture::from(batch).await.map(|b| Array::from(&b)).unwrap_or_default();
        if batch.length() == 0 {
            return entries;
        }
        entries.extend(batch.iter().map(JsCast::unchecked_into));
    }
}

/// The file of a file entry; `None` when the browser cannot give it.
async fn file_of(entry: &FileSystemFileEntry) -> Option<File> {
    let file = Promise::new(&mut |resolve, reject| entry.file_with_callback_and_callback(&resolve, &reject));
    JsFuture::from(file).await.ok()?.dyn_into().ok()
}
