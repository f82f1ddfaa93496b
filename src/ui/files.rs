//! Reading dropped and picked files in the browser: the glue the core's `input` module
//! describes. The core identifies a file and lays it out; the browser decodes the legacy
//! Chinese encodings (`TextDecoder`) and inflates a .docx's document part and a PDF's streams
//! (`DecompressionStream`), so neither a decoder table nor an inflater is in the wasm. A PDF
//! is read by the page's second wasm module (`super::pdf`).
//!
//! Nothing read from a file is ever turned into markup: a file becomes an [`Input`], whose
//! text the page shows as text only.

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::input::docx::{self, DocumentEntry};
use crate::input::limits::MAX_FILE_BYTES;
use crate::input::{FileType, Kind, Loaded, ReadError, encoding, html, identify};
use crate::view::doc::Input;

/// Why a .docx cannot be read in this browser (Firefox before 113 has no
/// `DecompressionStream`; an inflater in the wasm would cost more than the size budget allows).
pub const NO_DOCX_HERE: &str = "这个浏览器无法直接读取 .docx 文件（需要 Chrome、Edge 80 或 Firefox 113 及以上版本）。请在 Word 或 WPS 中打开该文件，全选（Ctrl+A）复制后粘贴到输入框；或在 Word 中“另存为”网页（.htm）后再打开。";

/// Reads one file into an [`Input`]: the report to check, or the message why it is not read.
pub async fn read(file: &web_sys::File) -> Input {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        return refused(ReadError::FileTooLarge { bytes: file.size() as usize }.to_string());
    }
    let bytes = match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
        Err(_) => return refused(format!("无法读取文件“{name}”。请确认文件没有被其他程序占用，然后重试。")),
    };
    match from_bytes(&name, &bytes).await {
        Ok(input) => input,
        Err(message) => refused(message),
    }
}

/// Reads a file's bytes: identify, decode or extract, lay out for the text area.
pub async fn from_bytes(name: &str, bytes: &[u8]) -> Result<Input, String> {
    let file_type = identify(name, bytes).map_err(|e| e.to_string())?;
    match file_type {
        FileType::Text(charset) => {
            let text = loaded(Kind::Text, decode(bytes, charset)?)?;
            Ok(Input::Text { text })
        }
        FileType::Html(charset) => {
            let html = loaded(Kind::Html, decode(bytes, charset)?)?;
            let text = html::document(&html).to_text();
            Ok(Input::Html { html, text })
        }
        // The PDF reader is in the page's second module.
        FileType::Pdf => super::pdf::read(bytes).await,
        FileType::Docx => {
            let document = docx::locate(bytes).map_err(|e| e.to_string())?;
            let inflated = if document.is_deflated() { inflate(&document).await? } else { document.compressed.to_vec() };
            let xml = document.finish(inflated).map_err(|e| e.to_string())?;
            let xml = loaded(Kind::Docx, xml)?;
            let text = docx::document(&xml).to_text();
            Ok(Input::Docx { xml, text })
        }
    }
}

fn refused(message: String) -> Input {
    Input::Refused { message }
}

/// The core's size limit on decoded text.
fn loaded(kind: Kind, text: String) -> Result<String, String> {
    Loaded::new(kind, text).map(|l| l.text).map_err(|e| e.to_string())
}

/// Decodes text: UTF-8 and UTF-16 in the wasm, the legacy charsets with `TextDecoder`.
fn decode(bytes: &[u8], charset: encoding::Charset) -> Result<String, String> {
    if let Some(text) = encoding::decode_unicode(bytes, charset) {
        return Ok(text);
    }
    let failed = |_| format!("这个浏览器无法解码 {} 编码的文字。请用 Chrome、Edge 或 Firefox 打开本页面。", charset.label());
    let decoder = web_sys::TextDecoder::new_with_label(charset.label()).map_err(failed)?;
    decoder.decode_with_u8_array(bytes).map_err(failed)
}

/// Inflates a .docx's document part with `DecompressionStream`: "deflate-raw" where the
/// browser has it, else "gzip" around the same data (Chromium 80–102). Reading stops as soon
/// as the output passes the part's limit, so a zip bomb costs at most that much memory;
/// `DocumentEntry::finish` then refuses it.
async fn inflate(document: &DocumentEntry<'_>) -> Result<Vec<u8>, String> {
    let corrupt = |_| ReadError::DocxCorrupt.to_string();
    let limit = document.inflate_limit().map_err(|e| e.to_string())?;
    let Some(inflater) = decompression_stream() else { return Err(NO_DOCX_HERE.to_string()) };
    let (out, damaged) = match decompress(&inflater, "deflate-raw", document.compressed, limit).await {
        Ok(inflated) => inflated,
        Err(_) => {
            let gzipped = document.entry.gzip(document.compressed);
            decompress(&inflater, "gzip", &gzipped, limit).await.map_err(|_| NO_DOCX_HERE.to_string())?
        }
    };
    if damaged { Err(corrupt(())) } else { Ok(out) }
}

/// The browser's `DecompressionStream` constructor; `None` where there is none (Firefox
/// before 113).
fn decompression_stream() -> Option<Function> {
    Reflect::get(&js_sys::global(), &"DecompressionStream".into()).ok()?.dyn_into().ok()
}

/// Inflates `data` with `new DecompressionStream(format)`, reading chunk by chunk and
/// stopping as soon as the output passes `limit` (so a bomb costs at most that much memory).
/// `Err` when the browser has no such format; else the output, and whether the data was
/// damaged (the output is then what came out before the damage).
async fn decompress(inflater: &Function, format: &str, data: &[u8], limit: usize) -> Result<(Vec<u8>, bool), JsValue> {
    let stream = Reflect::construct(inflater, &Array::of1(&format.into()))?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(data)))?;
    let readable = call(&blob.stream().into(), "pipeThrough", &stream)?;
    let reader = call(&readable, "getReader", &JsValue::UNDEFINED)?;
    let mut out = Vec::new();
    loop {
        let Ok(promise) = call(&reader, "read", &JsValue::UNDEFINED) else { return Ok((out, true)) };
        let Ok(chunk) = JsFuture::from(js_sys::Promise::from(promise)).await else { return Ok((out, true)) };
        if Reflect::get(&chunk, &"done".into()).map(|d| d.is_truthy()).unwrap_or(true) {
            return Ok((out, false));
        }
        let Ok(value) = Reflect::get(&chunk, &"value".into()) else { return Ok((out, true)) };
        out.extend(Uint8Array::new(&value).to_vec());
        if out.len() > limit {
            let _ = call(&reader, "cancel", &JsValue::UNDEFINED);
            return Ok((out, false));
        }
    }
}

/// Calls `target[method](argument)`.
fn call(target: &JsValue, method: &str, argument: &JsValue) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    function.call1(target, argument)
}
