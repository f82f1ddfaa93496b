//! The page's second wasm module (`nianbao_lazy.wasm`, built from `src/lazy_module.rs`): the
//! reading of every report (the parser), the PDF reader, the exports, the sample reports'
//! texts, the checks across reports and the rules' explanations, which the first load does
//! not carry. It is loaded as soon as the app has started ([`start_loading`]: every report
//! is read in it), and the compiled module is kept.
//!
//! The module has no JS glue: it imports nothing and exports plain functions of numbers, so
//! this code instantiates it (a fresh instance per use: nothing outlives a file or an export,
//! and its memory goes with it; only the readings of reports share one while it stays small,
//! see [`read_keeping`]) and reads and writes its memory through `js_sys`. It comes from
//! the `<script type="application/octet-stream" id="nianbao-lazy-wasm">` the single file
//! carries (base64, a data block that never runs), else from `./nianbao_lazy.wasm` beside the
//! page. The page's policy allows exactly that fetch, and compiling wasm, after the app has
//! started (ARCHITECTURE.md, “Content-Security-Policy”).

use std::cell::RefCell;

use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::{Digest, Finding, Report};
use crate::view::across;
use crate::view::doc::{Input, ReadFrom};
use crate::view::exports::{Export, Reviewed};
use crate::view::samples::Sample;
use crate::view::{reading, stored};

/// The module could not be compiled or started here (the page's policy, or an engine that
/// rejects it).
const REFUSED: &str =
    "这个浏览器无法载入本页面读取报告、导出文件、载入示例和比对各年度报告的程序。请使用 Chrome、Edge 或 Firefox 的较新版本。";

/// The server did not deliver the module.
const MISSING: &str = "网站服务器没有提供本页面读取报告、导出文件、载入示例和比对各年度报告的程序文件 nianbao_lazy.wasm。请让系统管理员把它与 index.html 放在同一目录；或使用不需要服务器的单文件版 nianbao.html。";

/// The module stopped in a way it should not (a trap).
pub const FAILED: &str = "处理时出错，未能完成。";

/// The id of the single file's inline copy of the module.
const INLINE_ID: &str = "nianbao-lazy-wasm";

/// Where the served page finds the module, relative to the page.
const URL: &str = "./nianbao_lazy.wasm";

thread_local! {
    /// The module being loaded and compiled, or compiled: one promise, so that uses that start
    /// while it loads wait for the same load (the file is fetched once).
    static MODULE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The last reading asked for: it settles when that reading is done (see [`read`]).
    static LAST_READING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The instance the last reading ran in, kept for the next (see [`read_keeping`]); none
    /// while a reading runs in it.
    static READER: RefCell<Option<Instance>> = const { RefCell::new(None) };
}

/// The size of memory below which a reading's instance is kept for the next reading: a few
/// reports' worth. An instance that read a larger report (its memory never shrinks) goes with
/// its memory, and the next reading starts a fresh one.
const READER_KEPT_BELOW: u32 = 16 << 20;

/// The module's load, started when first asked for.
fn loading() -> js_sys::Promise {
    MODULE.with(|m| m.borrow_mut().get_or_insert_with(|| wasm_bindgen_futures::future_to_promise(load())).clone())
}

/// Starts loading and compiling the module, so that the first report pasted does not wait
/// for it (and the reports restored at start need it at once). A failure is met again, and
/// said, by the first use.
pub fn start_loading() {
    let loading = loading();
    leptos::task::spawn_local(async move {
        if JsFuture::from(loading).await.is_err() {
            MODULE.with(|m| m.replace(None));
        }
    });
}

/// A fresh instance of the module: the module loaded and compiled the first time, then kept.
/// `Err` is a message for the reviewer (why the module cannot be had here); a failed load is
/// tried again next time.
pub async fn instance() -> Result<Instance, String> {
    let loading = loading();
    let module: WebAssembly::Module = match JsFuture::from(loading).await.and_then(|m| m.dyn_into()) {
        Ok(module) => module,
        Err(why) => {
            MODULE.with(|m| m.replace(None));
            return Err(why.as_string().unwrap_or_else(|| REFUSED.to_string()));
        }
    };
    let instance = JsFuture::from(WebAssembly::instantiate_module(&module, &Object::new())).await.map_err(|_| REFUSED.to_string())?;
    // The exports object has no prototype (not `instanceof Object`): kept as a plain value.
    let exports = Reflect::get(&instance, &"exports".into()).map_err(|_| FAILED.to_string())?;
    Ok(Instance { exports })
}

/// Reads a report (`Input::read`, in the module): the report as read and what it was read
/// from, or why it could not be read here; `None` when it was no longer `wanted` by the time
/// its turn came (the reviewer typed on).
///
/// Readings run one after the other: a folder of a hundred reports asks for a hundred
/// readings at once, and read side by side they would keep a hundred instances alive, each
/// with megabytes (the report's text twice, the parser's work, the report as read); in turn,
/// one lives at a time. The instance is kept for the next reading (see [`read_in_kept`]).
pub async fn read(input: &Input, wanted: &dyn Fn() -> bool) -> Option<Result<(Report, ReadFrom), String>> {
    let mut done: Option<Function> = None;
    let mine = js_sys::Promise::new(&mut |resolve, _| done = Some(resolve));
    if let Some(before) = LAST_READING.with(|last| last.replace(Some(mine))) {
        let _ = JsFuture::from(before).await;
    }
    let result = if wanted() { Some(read_now(input).await) } else { None };
    if let Some(done) = done {
        let _ = done.call0(&JsValue::UNDEFINED);
    }
    result
}

/// Reads a report at once, in the instance the last reading left, when there is one: `None`
/// when there is none (the module is not loaded yet, the last instance was dropped, or
/// another reading is running: it holds the instance while it runs), and then [`read`] reads
/// it in its turn. A paste is thus read
/// within the change that made it, and the page draws its tables once, not first a report
/// being read (README “Performance”).
pub fn read_in_kept(input: &Input) -> Option<Result<(Report, ReadFrom), String>> {
    let kept = READER.with(|r| r.borrow_mut().take())?;
    Some(read_keeping(kept, input))
}

/// Reads a report in the instance kept from the last reading, else in a fresh one.
async fn read_now(input: &Input) -> Result<(Report, ReadFrom), String> {
    match read_in_kept(input) {
        Some(result) => result,
        None => read_keeping(instance().await?, input),
    }
}

/// Reads a report in `instance`, and keeps the instance for the next reading when it read
/// and its memory is still small ([`READER_KEPT_BELOW`]). The module frees what a reading
/// was given and the parser's work, so a kept instance's memory is that of the largest
/// report it read; a trap may have left its state half-changed (a `RefCell` still
/// borrowed), so an instance that trapped goes, and the next reading gets a fresh one.
fn read_keeping(instance: Instance, input: &Input) -> Result<(Report, ReadFrom), String> {
    let result = read_in(&instance, input);
    if result.is_ok() && instance.memory().is_ok_and(|memory| memory.length() < READER_KEPT_BELOW) {
        READER.with(|r| r.replace(Some(instance)));
    }
    result.map_err(|_| FAILED.to_string())
}

/// Reads a report in `instance`; `Err` for a trap (or an answer that does not decode).
fn read_in(instance: &Instance, input: &Input) -> Result<(Report, ReadFrom), JsValue> {
    let sent = stored::encode_report("", input);
    let at = instance.write(sent.as_bytes())?;
    let tag = instance.call("read_report", &[at, sent.len() as f64])?;
    let read_from = ReadFrom::from_tag(tag as u32, input).ok_or(JsValue::NULL)?;
    let report = reading::decode(&instance.text()?).ok_or(JsValue::NULL)?;
    Ok((report, read_from))
}

/// The file an export saves for `reports` (name, input) with their reviews (`reviewed`:
/// the corrections, decisions, and for the memo the reviewer and the date), rendered by the
/// module; or why it could not be.
pub async fn export_reviewed(export: Export, reports: &[(String, Input)], shown: usize, reviewed: &Reviewed) -> Result<String, String> {
    let instance = instance().await?;
    let run = || -> Result<String, JsValue> {
        let given = stored::encode(reports, shown);
        let reviews = reviewed.encode();
        let at = instance.write(given.as_bytes())?;
        let reviews_at = instance.write(reviews.as_bytes())?;
        let args = [export as u32 as f64, at, given.len() as f64, reviews_at, reviews.len() as f64];
        if instance.call("export_reviewed", &args)? == 0.0 {
            return Err(JsValue::NULL);
        }
        instance.text()
    };
    run().map_err(|_| FAILED.to_string())
}

/// The text of a built-in sample report, which the module carries; or why it could not be had.
pub async fn sample(sample: Sample) -> Result<String, String> {
    let instance = instance().await?;
    let run = || -> Result<String, JsValue> {
        if instance.call("sample_text", &[sample as u32 as f64])? == 0.0 {
            return Err(JsValue::NULL);
        }
        instance.text()
    };
    run().map_err(|_| FAILED.to_string())
}

/// Each open report's findings across reports (`view::across`), the reports given by their
/// digests in the order listed; or why they could not be had.
pub async fn findings_across(digests: &[Digest]) -> Result<Vec<Vec<Finding>>, String> {
    let instance = instance().await?;
    let run = || -> Result<Vec<Vec<Finding>>, JsValue> {
        let sent = across::encode_digests(digests);
        let at = instance.write(sent.as_bytes())?;
        if instance.call("across_findings", &[at, sent.len() as f64])? == 0.0 {
            return Err(JsValue::NULL);
        }
        across::decode_findings(&instance.text()?).ok_or(JsValue::NULL)
    };
    run().map_err(|_| FAILED.to_string())
}

/// Every rule's explanation, in registry order (`rules::EXPLANATIONS`), which the module
/// carries; or why they could not be had.
pub async fn explanations() -> Result<Vec<String>, String> {
    let instance = instance().await?;
    let run = || -> Result<Vec<String>, JsValue> {
        instance.call("rule_explanations", &[])?;
        Ok(instance.text()?.split('\n').map(str::to_string).collect())
    };
    run().map_err(|_| FAILED.to_string())
}

/// Loads and compiles the module; rejects with the message for the reviewer.
async fn load() -> Result<JsValue, JsValue> {
    let bytes = match inline_copy() {
        Some(bytes) => bytes,
        None => fetch_module().await.ok_or_else(|| JsValue::from_str(MISSING))?,
    };
    JsFuture::from(WebAssembly::compile(&bytes.into())).await.map_err(|_| JsValue::from_str(REFUSED))
}

/// The single file's copy of the module (base64 in a data block).
fn inline_copy() -> Option<Uint8Array> {
    let text = super::dom::by_id(INLINE_ID)?.text_content()?;
    let bytes = base64_decode(text.trim())?;
    Some(Uint8Array::from(bytes.as_slice()))
}

/// The module from beside the page; `None` when the server does not deliver it.
async fn fetch_module() -> Option<Uint8Array> {
    let global = js_sys::global();
    let fetch: Function = Reflect::get(&global, &"fetch".into()).ok()?.dyn_into().ok()?;
    let response = JsFuture::from(js_sys::Promise::from(fetch.call1(&global, &URL.into()).ok()?)).await.ok()?;
    if !Reflect::get(&response, &"ok".into()).ok()?.is_truthy() {
        return None;
    }
    let read: Function = Reflect::get(&response, &"arrayBuffer".into()).ok()?.dyn_into().ok()?;
    let buffer = JsFuture::from(js_sys::Promise::from(read.call0(&response).ok()?)).await.ok()?;
    Some(Uint8Array::new(&buffer))
}

/// One instance of the module: its exports and its memory. An `Err` from its methods is a
/// trap in the module (or an export missing).
pub struct Instance {
    exports: JsValue,
}

impl Instance {
    /// Calls an export with numbers; its result as a number (0 for none).
    pub fn call(&self, name: &str, args: &[f64]) -> Result<f64, JsValue> {
        let function: Function = Reflect::get(&self.exports, &name.into())?.dyn_into()?;
        let args: js_sys::Array = args.iter().map(|&a| JsValue::from(a)).collect();
        Ok(function.apply(&JsValue::UNDEFINED, &args)?.as_f64().unwrap_or(0.0))
    }

    /// `len` bytes of the module's memory from `at`.
    pub fn read(&self, at: f64, len: f64) -> Result<Vec<u8>, JsValue> {
        Ok(self.memory()?.subarray(at as u32, (at + len) as u32).to_vec())
    }

    /// Copies `bytes` into room the module allocates; where they are.
    pub fn write(&self, bytes: &[u8]) -> Result<f64, JsValue> {
        let at = self.call("mem_alloc", &[bytes.len() as f64])?;
        self.memory()?.set(&Uint8Array::from(bytes), at as u32);
        Ok(at)
    }

    /// The module's text result (`text_ptr`, `text_len`).
    pub fn text(&self) -> Result<String, JsValue> {
        let bytes = self.read(self.call("result_text_ptr", &[])?, self.call("result_text_len", &[])?)?;
        String::from_utf8(bytes).map_err(|_| JsValue::NULL)
    }

    /// The module's memory now (it may have grown since the last look).
    fn memory(&self) -> Result<Uint8Array, JsValue> {
        let memory: WebAssembly::Memory = Reflect::get(&self.exports, &"memory".into())?.dyn_into()?;
        Ok(Uint8Array::new(&memory.buffer()))
    }
}

/// Decodes standard base64 (RFC 4648, with or without padding); `None` for anything else.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let text = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut bits = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            bits |= value(c)? << (18 - 6 * i);
        }
        out.extend_from_slice(&bits.to_be_bytes()[1..chunk.len()]);
    }
    Some(out)
}
