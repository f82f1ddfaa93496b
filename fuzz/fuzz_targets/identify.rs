//! The file sniffer and the decoders: `identify` under every name a user gives, the
//! charset detection, and decoding (what `read_file` does before the readers).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::input::{self, FileType, encoding};

const NAMES: [&str; 8] = ["年报.txt", "a.html", "a.htm", "a.docx", "a.md", "", "a.pdf", "noextension"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    match input::identify(name, bytes) {
        Ok(FileType::Text(charset) | FileType::Html(charset)) => {
            let text = encoding::decode(bytes, charset);
            std::hint::black_box(text);
            if !charset.is_legacy() {
                let _ = encoding::decode_unicode(bytes, charset);
            }
        }
        Ok(FileType::Docx | FileType::Pdf) => {}
        Err(refusal) => {
            // Every refusal has its message.
            assert!(!refusal.to_string().is_empty());
        }
    }
    let _ = encoding::detect(bytes, pick & 1 == 0);
    let _ = encoding::declared(bytes);
    let _ = encoding::bom(bytes);
});
