//! The HTML reader (tokenizer, tree, layout) under the parser and rules, and the paste
//! choice between a page and its plain text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let checked = nianbao::check_html(&html);
    common::use_result(&checked, Some(&html));
    // A paste with both flavours: the text flavour is the page's laid-out text, roughly
    // what a browser puts beside it.
    let (checked, source) = nianbao::check_paste(Some(&html), &html);
    let _ = (checked, source);
});
