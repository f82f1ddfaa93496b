//! The text parser and every rule: any text is read and checked without a panic, the
//! exports render, and every span is a range of the text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let checked = nianbao::check_text(&text);
    common::use_result(&checked, Some(&text));
});
