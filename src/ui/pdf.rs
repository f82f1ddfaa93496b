//! Reading a PDF in the browser: the page's second wasm module ([`super::lazy`]) runs the
//! resumable PDF reader; this side inflates the streams it asks for with
//! `DecompressionStream`, round after round, and turns its result into an [`Input::Pdf`] or
//! the reader's refusal.

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use super::files::{decompress, decompression_stream};
use super::lazy::{self, Instance};
use crate::input::limits::PDF_MAX_INFLATED_TOTAL;
use crate::input::pdf::Pages;
use crate::view::doc::Input;

/// Why a PDF cannot be read in this browser (Firefox before 113 has no `DecompressionStream`).
pub const NO_PDF_HERE: &str = "这个浏览器无法直接读取 PDF 文件（需要 Chrome、Edge 80 或 Firefox 113 及以上版本）。请在 PDF 阅读器中打开该文件，全选（Ctrl+A）复制文字后粘贴到输入框；或找到报告的网页或 Word/WPS 原文件。";

/// What to do instead when the reader cannot be had or stopped.
const INSTEAD: &str = "请在 PDF 阅读器中打开该文件，全选（Ctrl+A）复制文字后粘贴到输入框。";

/// Reads a PDF's text layer: the report to check, or the message why it is not read.
pub async fn read(bytes: &[u8]) -> Result<Input, String> {
    let Some(inflater) = decompression_stream() else { return Err(NO_PDF_HERE.to_string()) };
    let instance = lazy::instance().await.map_err(|why| format!("无法读取 PDF 文件：{why}{INSTEAD}"))?;
    run(&instance, bytes, &inflater).await.map_err(|_| format!("读取这个 PDF 文件时{}{INSTEAD}", lazy::FAILED))?
}

/// The most output the streams inflated at once may come to, by their limits: a round asks
/// for all it can see (a page's contents, fonts' maps), and inflating them together saves the
/// hops between one and the next (each a few milliseconds of the browser's stream machinery:
/// a report's eleven small streams in one batch rather than two); batches bounded by their
/// limits keep the memory of streams in flight bounded. A stream's limit is a ratio of its
/// compressed size, so the small streams of a report all go together, and a stream whose limit
/// alone is past this goes by itself.
const INFLATING_AT_ONCE_BYTES: usize = 64 * 1024 * 1024;

/// The most streams inflated at once (each inflater holds its own window and state).
const INFLATING_AT_ONCE: usize = 64;

/// Drives the reader: the file in, rounds of inflating, the text and pages out. An `Err` is
/// a trap in the module; `Ok(Err(message))` the reader's refusal.
async fn run(reader: &Instance, bytes: &[u8], inflater: &Function) -> Result<Result<Input, String>, JsValue> {
    let at = reader.write(bytes)?;
    reader.call("pdf_open", &[at, bytes.len() as f64])?;
    let mut total = 0usize;
    loop {
        let requests = reader.call("pdf_round", &[])? as usize;
        if requests == 0 {
            break;
        }
        let limits =
            (0..requests).map(|i| Ok(reader.call("pdf_request_limit", &[i as f64])? as usize)).collect::<Result<Vec<usize>, JsValue>>()?;
        for batch in batches(&limits, INFLATING_AT_ONCE_BYTES) {
            if total > PDF_MAX_INFLATED_TOTAL {
                // The reader refuses the file at the next round (its own count of the total);
                // the rest are not inflated.
                for &i in &batch {
                    reader.call("pdf_too_large", &[i as f64])?;
                }
                continue;
            }
            let pending = js_sys::Array::new();
            for &i in &batch {
                let index = i as f64;
                let data = reader.read(reader.call("pdf_request_data", &[index])?, reader.call("pdf_request_len", &[index])?)?;
                pending.push(&future_to_promise(inflate(inflater.clone(), data, limits[i])));
            }
            let inflated = JsFuture::from(Promise::all(&pending)).await?;
            for (&i, out) in batch.iter().zip(js_sys::Array::from(&inflated).iter()) {
                if out.is_null() {
                    reader.call("pdf_too_large", &[i as f64])?;
                } else {
                    let out = Uint8Array::new(&out).to_vec();
                    total += out.len();
                    let at = reader.write(&out)?;
                    reader.call("pdf_supply", &[i as f64, at, out.len() as f64])?;
                }
            }
        }
    }
    let text = reader.text()?;
    if reader.call("pdf_ok", &[])? == 0.0 {
        return Ok(Err(text));
    }
    let words = reader.read(reader.call("pdf_pages_ptr", &[])?, reader.call("pdf_pages_len", &[])? * 4.0)?;
    let words: Vec<u32> = words.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
    let pages = Pages::from_words(&words).ok_or(JsValue::NULL)?;
    Ok(Ok(Input::Pdf { text, pages }))
}

/// The requests in batches, in order, each as many as fit in `budget` by their limits (at
/// least one), and at most [`INFLATING_AT_ONCE`].
pub fn batches(limits: &[usize], budget: usize) -> Vec<Vec<usize>> {
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut room = 0;
    for (i, &limit) in limits.iter().enumerate() {
        match batches.last_mut() {
            Some(batch) if limit <= room && batch.len() < INFLATING_AT_ONCE => batch.push(i),
            _ => {
                batches.push(vec![i]);
                room = budget;
            }
        }
        room = room.saturating_sub(limit);
    }
    batches
}

/// Inflates one stream: its bytes, or `null` past its limit. Damaged data gives what came out
/// before the damage, as viewers show it; a format the browser lacks gives nothing.
async fn inflate(inflater: Function, data: Vec<u8>, limit: usize) -> Result<JsValue, JsValue> {
    let (out, _damaged) = decompress(&inflater, zlib_or_raw(&data), &data, limit).await.unwrap_or_default();
    Ok(if out.len() > limit { JsValue::NULL } else { Uint8Array::from(out.as_slice()).into() })
}

/// The `DecompressionStream` format of a `FlateDecode` stream: zlib as the standard says
/// (RFC 1950: a header whose check bits make it a multiple of 31), raw deflate as some
/// writers put it.
fn zlib_or_raw(data: &[u8]) -> &'static str {
    let zlib = data.len() >= 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    if zlib { "deflate" } else { "deflate-raw" }
}
