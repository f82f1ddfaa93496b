//! The page's second wasm module, loaded as soon as the page has started: the reading of
//! every report (the parser: `Input::read`), the PDF reader (`nianbao::input::pdf`), the
//! exports (`nianbao::view::exports`: JSON and CSV), the sample reports' texts
//! (`nianbao::view::samples`), the checks across reports and the rules' explanations, which
//! the first page load does not carry (ARCHITECTURE.md, “The page's second module”). Built by
//! scripts/build.sh as `nianbao_lazy.wasm`.
//!
//! It has no JS glue and imports nothing: the page's own wasm (`ui::lazy`) instantiates it
//! (a fresh instance per file or export, so no state outlives one; the readings of reports,
//! which free what they use, share one while its memory stays small) and calls these exports
//! with plain numbers, reading and writing its memory directly:
//!
//! ```text
//! mem_alloc(len) → ptr                  room for len bytes, for the file, the report to read
//!                                       or the reports to export
//! read_report(ptr, len) → tag | 0       the report at ptr in its stored form
//!                                       (`stored::encode_report`) read (`Input::read`): the
//!                                       report as read is the result text
//!                                       (`view::reading::encode`), the number what it was read
//!                                       from (`ReadFrom::tag`); 0 when it does not decode
//! pdf_read(ptr, len)                    the PDF at ptr read, its streams inflated here
//! pdf_ok() → 1 | 0                      the text was read, or refused
//! pdf_pages_ptr() / pdf_pages_len()     the pages as u32 words (`Pages::to_words`)
//! export_reviewed(what, ptr, len, rptr, rlen) → 1|0
//!                                       the reports at ptr in the page's stored form (the one
//!                                       shown its index) rendered as `Export::from_number(what)`
//!                                       with the reviews, the reviewer and the date at rptr
//!                                       (`Reviewed::encode`): corrections, decisions, the memo
//! sample_text(which) → 1 | 0           the text of sample `which` (`Sample::from_number`)
//! across_findings(ptr, len) → 1 | 0    the open reports' digests at ptr set side by side:
//!                                       each one's findings across reports (`view::across`)
//! rule_explanations()                   every rule's explanation, one a line
//!                                       (`rules::EXPLANATIONS`)
//! result_text_ptr() / result_text_len() the laid-out text (UTF-8) or the Chinese refusal, the
//!                                       report as read, the exported file, the sample's text, the findings across
//!                                       reports or the explanations
//! ```
//!
//! A panic is a trap, which the caller reports as a file it could not read.

#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::cell::RefCell;

    use nianbao::view::across;
    use nianbao::view::exports::{Export, Reviewed, render_reviewed};
    use nianbao::view::reading;
    use nianbao::view::samples::Sample;
    use nianbao::view::stored;

    /// Everything one instance holds: the result of its last call.
    #[derive(Default)]
    struct State {
        ok: bool,
        text: String,
        pages: Vec<u32>,
    }

    thread_local! {
        static STATE: RefCell<State> = RefCell::default();
    }

    fn with<T>(f: impl FnOnce(&mut State) -> T) -> T {
        STATE.with(|s| f(&mut s.borrow_mut()))
    }

    /// Room for `len` bytes that the caller fills. The calls given it take it back
    /// (`read_report`, `export_reviewed`, `across_findings`); `pdf_read` leaves it, and its
    /// instance is then dropped whole.
    #[unsafe(no_mangle)]
    pub extern "C" fn mem_alloc(len: usize) -> *mut u8 {
        Box::leak(vec![0u8; len].into_boxed_slice()).as_mut_ptr()
    }

    /// Reads the PDF written at `ptr` (from `mem_alloc`): its text laid out and its pages, or
    /// the reader's refusal, in the result (`pdf_ok` tells which).
    ///
    /// # Safety
    /// `ptr..ptr + len` is a block from `mem_alloc`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pdf_read(ptr: *const u8, len: usize) {
        // SAFETY: the caller passes a block from `mem_alloc`, which is leaked.
        let data: &[u8] = unsafe { std::slice::from_raw_parts(ptr, len) };
        with(|s| match nianbao::input::pdf::read(data) {
            Ok(extracted) => {
                s.ok = true;
                s.text = extracted.text;
                s.pages = extracted.pages.to_words();
            }
            Err(e) => {
                s.ok = false;
                s.text = e.to_string();
            }
        });
    }

    /// Reads the report written at `ptr` (from `mem_alloc`, `stored::encode_report`): the
    /// report as read in the result (`view::reading::encode`), what it was read from as the
    /// number returned (`ReadFrom::tag`, never 0); 0 when it does not decode.
    ///
    /// # Safety
    /// `ptr..ptr + len` is a block from `mem_alloc`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn read_report(ptr: *mut u8, len: usize) -> u32 {
        // SAFETY: a block from `mem_alloc` is a leaked boxed slice of exactly `len` bytes.
        let bytes = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) }.into_vec();
        let Some((_, input)) = String::from_utf8(bytes).ok().and_then(|text| stored::decode_report(&text)) else { return 0 };
        let (report, read_from) = input.read();
        with(|s| s.text = reading::encode(&report));
        read_from.tag()
    }

    /// Renders the reports written at `ptr` with their reviews written at `rptr` (both from
    /// `mem_alloc`: the page's stored form and `Reviewed::encode`) as export `what`; 0 when
    /// they do not decode or `what` is not an export.
    ///
    /// # Safety
    /// `ptr..ptr + len` and `rptr..rptr + rlen` are blocks from `mem_alloc`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn export_reviewed(what: u32, ptr: *mut u8, len: usize, rptr: *mut u8, rlen: usize) -> u32 {
        // SAFETY: blocks from `mem_alloc` are leaked boxed slices of exactly these lengths.
        let (bytes, review_bytes) = unsafe {
            (
                Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)).into_vec(),
                Box::from_raw(std::ptr::slice_from_raw_parts_mut(rptr, rlen)).into_vec(),
            )
        };
        let reports = String::from_utf8(bytes).ok().and_then(|text| stored::decode(&text));
        let reviewed = String::from_utf8(review_bytes).ok().and_then(|text| Reviewed::decode(&text));
        match (Export::from_number(what), reports, reviewed) {
            (Some(export), Some((reports, shown)), Some(reviewed)) => {
                let file = render_reviewed(export, &reports, shown, &reviewed);
                with(|s| s.text = file);
                1
            }
            _ => 0,
        }
    }

    /// Puts the text of sample `which` in the result; 0 when `which` names none.
    #[unsafe(no_mangle)]
    pub extern "C" fn sample_text(which: u32) -> u32 {
        let Some(sample) = Sample::from_number(which) else { return 0 };
        with(|s| s.text = sample.text().to_string());
        1
    }

    /// Sets the reports whose digests are written at `ptr` (from `mem_alloc`,
    /// `view::across::encode_digests`) side by side and puts each one's findings across
    /// reports in the result (`encode_findings`); 0 when they do not decode.
    ///
    /// # Safety
    /// `ptr..ptr + len` is a block from `mem_alloc`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn across_findings(ptr: *mut u8, len: usize) -> u32 {
        // SAFETY: a block from `mem_alloc` is a leaked boxed slice of exactly `len` bytes.
        let bytes = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) }.into_vec();
        let Some(digests) = String::from_utf8(bytes).ok().and_then(|text| across::decode_digests(&text)) else { return 0 };
        let findings = across::encode_findings(&across::findings_across(digests));
        with(|s| s.text = findings);
        1
    }

    /// Puts every rule's explanation in the result, in registry order, one a line.
    #[unsafe(no_mangle)]
    pub extern "C" fn rule_explanations() {
        with(|s| s.text = nianbao::rules::EXPLANATIONS.join("\n"));
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn pdf_ok() -> u32 {
        with(|s| s.ok as u32)
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn result_text_ptr() -> *const u8 {
        with(|s| s.text.as_ptr())
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn result_text_len() -> usize {
        with(|s| s.text.len())
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn pdf_pages_ptr() -> *const u32 {
        with(|s| s.pages.as_ptr())
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn pdf_pages_len() -> usize {
        with(|s| s.pages.len())
    }
}

/// Natively there is nothing to run: this module is the browser's.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("nianbao-lazy is the page's PDF reader, a wasm module; build it with scripts/build.sh");
}
