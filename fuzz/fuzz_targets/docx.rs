//! The .docx reader: the zip directory, inflating with every limit, the document XML's
//! layout, and the whole file path (`check_file` with a .docx name).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use nianbao::input::zip::{Archive, NativeInflate};
use nianbao::input::{Kind, docx};

fuzz_target!(|data: &[u8]| {
    // The whole path, as the command line reads a .docx. A file that is not a zip is read
    // by what it is (text or HTML, whose spans point into the decoded text), whatever its name.
    if let Ok((loaded, checked)) = nianbao::check_file("年报.docx", data) {
        let source = (loaded.kind != Kind::Docx).then_some(loaded.text.as_str());
        common::use_result(&checked, source);
    }
    // The zip layer alone: every entry, read and inflated under a small limit.
    if let Ok(archive) = Archive::open(data) {
        for entry in &archive.entries {
            let _ = archive.extract(entry, &NativeInflate, 1 << 20);
            let _ = entry.inflate_limit(1 << 20);
        }
        let _ = archive.has("word/document.xml");
    }
    // The browser's path: locate the document, inflate, finish.
    if let Ok(document) = docx::locate(data) {
        if let Ok(limit) = document.inflate_limit() {
            let _ = document.is_deflated();
            let xml = if document.is_deflated() {
                nianbao::input::zip::Inflate::inflate(&NativeInflate, document.compressed, limit).ok()
            } else {
                Some(document.compressed.to_vec())
            };
            if let Some(xml) = xml {
                let _ = document.finish(xml);
            }
        }
    }
    // The XML layout alone, on the bytes as text: most inputs are not zips.
    let xml = String::from_utf8_lossy(data);
    let checked = nianbao::check_document(&docx::document(&xml));
    common::use_result(&checked, None);
});
