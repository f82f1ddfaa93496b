//! Reading a PDF in the browser: the page's second wasm module ([`super::lazy`]) reads the
//! file's text layer (inflating its streams itself) and this side turns its result into an
//! [`Input::Pdf`] or the reader's refusal.

use wasm_bindgen::JsValue;

use super::lazy::{self, Instance};
use crate::input::pdf::Pages;
use crate::view::doc::Input;

/// What to do instead when the reader cannot be had or stopped.
const INSTEAD: &str = "请在 PDF 阅读器中打开该文件，全选（Ctrl+A）复制文字后粘贴到输入框。";

/// Reads a PDF's text layer: the report to check, or the message why it is not read.
pub async fn read(bytes: &[u8]) -> Result<Input, String> {
    let instance = lazy::instance().await.map_err(|why| format!("无法读取 PDF 文件：{why}{INSTEAD}"))?;
    run(&instance, bytes).map_err(|_| format!("读取这个 PDF 文件时{}{INSTEAD}", lazy::FAILED))?
}

/// Has the module read the file: the text and pages out. An `Err` is a trap in the module;
/// `Ok(Err(message))` the reader's refusal.
fn run(reader: &Instance, bytes: &[u8]) -> Result<Result<Input, String>, JsValue> {
    let at = reader.write(bytes)?;
    reader.call("pdf_read", &[at, bytes.len() as f64])?;
    let text = reader.text()?;
    if reader.call("pdf_ok", &[])? == 0.0 {
        return Ok(Err(text));
    }
    let words = reader.read(reader.call("pdf_pages_ptr", &[])?, reader.call("pdf_pages_len", &[])? * 4.0)?;
    let words: Vec<u32> = words.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
    let pages = Pages::from_words(&words).ok_or(JsValue::NULL)?;
    Ok(Ok(Input::Pdf { text, pages }))
}
