//! The PDF reader: the whole path (`check_file` with a .pdf, natively inflated), and the
//! browser's path, a resumable reader driven by an inflater that may return less than it
//! was given (what `DecompressionStream` yields from damaged data) or report a bomb.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use nianbao::input::pdf::{self, Inflated, Next, Reader};

fuzz_target!(|data: &[u8]| {
    // The command line's path: spans point into the text laid out from the PDF.
    if let Ok((loaded, checked)) = nianbao::check_file("年报.pdf", data) {
        common::use_result(&checked, Some(loaded.text.as_str()));
        if let Some(pages) = &loaded.pdf {
            for span in checked.report.spans() {
                assert!(pages.page_at(span.start) >= 1 && pages.page_at(span.start) <= pages.count().max(1));
            }
            let _ = pages.notice();
            std::hint::black_box(nianbao::export::json::to_line_from(&checked, None, Some(pages)));
        }
    }
    // The browser's path, with an inflater whose output depends on the request: whole,
    // cut short, empty, or past the limit. Every round must end with a result.
    let mut reader = Reader::new(data);
    for round in 0.. {
        match reader.round() {
            Next::Done(_) => break,
            Next::Inflate(requests) => {
                assert!(!requests.is_empty());
                assert!(round < 64, "the reader keeps asking");
                for r in requests {
                    let out = match r.key % 7 {
                        0 => Inflated::Data(Vec::new()),
                        1 => match pdf::inflate_zlib(&r.data, r.limit) {
                            Inflated::Data(mut d) => {
                                d.truncate(d.len() / 2);
                                Inflated::Data(d)
                            }
                            other => other,
                        },
                        _ => pdf::inflate_zlib(&r.data, r.limit),
                    };
                    reader.supply(r.key, out);
                }
            }
        }
    }
});
