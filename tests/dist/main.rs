//! Checks of the built dist/ (scripts/build.sh makes it; NIANBAO_DIST overrides the path):
//! the size budget, the wasm and JS/CSS features against the browser floor, the
//! Content-Security-Policies, and that nothing is loaded from elsewhere; and that the script
//! that writes dist/ replaces only a folder that is the build's (`assemble`).
//!
//! The browser floor is Chromium 86 and Firefox ESR 78 (README, issue 9).

mod assemble;
#[path = "../common/dist.rs"]
mod common;
mod css_floor;
mod js_floor;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use wasmparser::{Validator, WasmFeatures};

use common::dist;

/// The size budget of the first load: brotli-compressed index.html + JS + wasm + CSS of
/// dist/, in bytes. The one place it is kept; README records the current figure. Issue 13
/// asked for 186 279 (the figure before the PDF reader); its size work came to 187 513, and
/// the reviewer's desk in the page (issue 19: decisions, corrections, IndexedDB, folders, the
/// overview, the findings across years) then added to it (README, “Size”): this holds
/// today's figure until that is won back. Moving the checks across reports and the rules'
/// explanations into the second module, and the glue, boot script and stylesheet minified
/// (with the unused stream glue dropped), brought it from 221 362 to 211 679; reading the
/// reports (the parser) in the second module, to 166 317, within issue 13's figure again; a
/// PDF's streams inflated in the second module (the page's inflating loop gone), to 164 977;
/// the first module linked without the stream exports' code (issue 14), to 162 116.
const SIZE_BUDGET: usize = 162_416;

/// The size budget of the page's second wasm module (`nianbao_lazy.wasm`: the reading of
/// every report, the PDF reader, the exports with the core they re-read reports with, the
/// review memo, the samples' texts, the checks across reports and the rules' explanations),
/// which the page loads as soon as it has started; brotli-compressed, in bytes. It is built for speed (opt-level 3; at "z" it was
/// 171 KB and read a PDF at half the speed). The memo writer (issue 19) took it from 226 KB to
/// 240 KB, and the checks across reports for the exports of the reports side by side to 260 KB;
/// the page's checks across reports (the digests in, the findings out) to 265.4 KB (the
/// budget raised by the 5 000 bytes moved); the reading handed back to the first module (the
/// report as read, `view::reading::encode`) from 266 203 to 268 931; a PDF's streams inflated
/// here with `miniz_oxide` (the browser's `DecompressionStream` took most of a PDF's reading
/// time) from 268 598 to 273 679.
const LAZY_MODULE_BUDGET: usize = 274_000;

/// The WebAssembly features every floor browser has: the MVP plus mutable globals (Chromium
/// 74, Firefox 61), sign extension (Chromium 74, Firefox 62), non-trapping float-to-int
/// (Chromium 75, Firefox 64) and multi-value (Chromium 86, Firefox 78). Not bulk memory
/// (Firefox 79) and not reference types (Chromium 96, Firefox 79).
fn floor_features() -> WasmFeatures {
    WasmFeatures::MVP
        | WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::MULTI_VALUE
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dist().join(name)).unwrap_or_else(|e| panic!("dist/{name}: {e}"))
}

fn read_bytes(name: &str) -> Vec<u8> {
    std::fs::read(dist().join(name)).unwrap_or_else(|e| panic!("dist/{name}: {e}"))
}

// ---- size --------------------------------------------------------------------------------

#[test]
fn the_app_stays_within_its_size_budget() {
    let mut total = 0;
    let mut parts = Vec::new();
    for name in ["index.html", "nianbao.js", "nianbao_bg.wasm", "nianbao.css"] {
        let size = brotli_size(&read_bytes(name));
        parts.push(format!("{name} {size}"));
        total += size;
    }
    eprintln!("brotli total {total} bytes ({}); budget {SIZE_BUDGET}", parts.join(", "));
    assert!(total <= SIZE_BUDGET, "dist/ is {total} bytes brotli-compressed, over the budget of {SIZE_BUDGET}");
}

#[test]
fn the_second_module_stays_within_its_own_budget() {
    let size = brotli_size(&read_bytes("nianbao_lazy.wasm"));
    eprintln!("nianbao_lazy.wasm: brotli {size} bytes; budget {LAZY_MODULE_BUDGET}");
    assert!(size <= LAZY_MODULE_BUDGET, "the second module is {size} bytes brotli-compressed, over its budget of {LAZY_MODULE_BUDGET}");
}

fn brotli_size(data: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("brotli");
    out.len()
}

// ---- WebAssembly features ------------------------------------------------------------------

#[test]
fn the_wasm_of_dist_uses_only_the_floor_features() {
    validate_for_floor(&read_bytes("nianbao_bg.wasm")).unwrap_or_else(|e| panic!("dist/nianbao_bg.wasm: {e}"));
}

#[test]
fn the_wasm_of_the_single_file_uses_only_the_floor_features() {
    let page = read("nianbao.html");
    let start = page.find("atob(\"").expect("the single file inlines the wasm as base64") + 6;
    let end = start + page[start..].find('"').unwrap();
    let wasm = base64::engine::general_purpose::STANDARD.decode(&page[start..end]).expect("valid base64");
    validate_for_floor(&wasm).unwrap_or_else(|e| panic!("the wasm in dist/nianbao.html: {e}"));
    assert!(wasm == read_bytes("nianbao_bg.wasm"), "the single file carries the same wasm as dist/");
}

#[test]
fn the_second_module_uses_only_the_floor_features_and_imports_nothing() {
    let wasm = read_bytes("nianbao_lazy.wasm");
    validate_for_floor(&wasm).unwrap_or_else(|e| panic!("dist/nianbao_lazy.wasm: {e}"));
    // The page instantiates it with no imports and calls these exports (src/ui/lazy.rs, pdf.rs).
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
        match payload.expect("a valid module") {
            wasmparser::Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    let import = import.expect("an import");
                    imports.push(format!("{}.{}", import.module, import.name));
                }
            }
            wasmparser::Payload::ExportSection(section) => {
                exports.extend(section.into_iter().map(|e| e.expect("an export").name.to_string()));
            }
            _ => {}
        }
    }
    assert!(imports.is_empty(), "the second module imports {imports:?}");
    for name in [
        "memory",
        "mem_alloc",
        "pdf_read",
        "pdf_ok",
        "pdf_pages_ptr",
        "pdf_pages_len",
        "export_reviewed",
        "sample_text",
        "result_text_ptr",
        "result_text_len",
    ] {
        assert!(exports.iter().any(|e| e == name), "the second module does not export {name}: {exports:?}");
    }
}

#[test]
fn the_single_file_carries_the_second_module_in_a_block_that_never_runs() {
    let page = read("nianbao.html");
    let block = inline(&page, "<script type=\"application/octet-stream\" id=\"nianbao-lazy-wasm\">", "</script>");
    let wasm = base64::engine::general_purpose::STANDARD.decode(block.trim()).expect("valid base64");
    assert!(wasm == read_bytes("nianbao_lazy.wasm"), "the single file carries the same second module as dist/");
    assert!(!read("index.html").contains("nianbao-lazy-wasm"), "the served page fetches the second module when needed");
}

#[test]
fn the_floor_validator_rejects_newer_features() {
    // A function that runs memory.fill (bulk memory, Firefox 79).
    let bulk_memory: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
        0x03, 0x02, 0x01, 0x00, // function section
        0x05, 0x03, 0x01, 0x00, 0x01, // memory section: one page
        0x0a, 0x0d, 0x01, 0x0b, 0x00, // code section, one body of 11 bytes, no locals
        0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, 0x0b, // i32.const ×3, memory.fill, end
    ];
    assert!(validate_for_floor(bulk_memory).is_err(), "memory.fill passed the floor validator");
    // A table of externref (reference types, Chromium 96).
    let reference_types: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x04, 0x04, 0x01, 0x6f, 0x00, 0x01, // table section: one externref table, min 1
    ];
    assert!(validate_for_floor(reference_types).is_err(), "an externref table passed the floor validator");
    // The same module with a funcref table is MVP and passes.
    let mvp: &[u8] = &[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x01];
    validate_for_floor(mvp).expect("an MVP module");
}

fn validate_for_floor(wasm: &[u8]) -> Result<(), String> {
    Validator::new_with_features(floor_features()).validate_all(wasm).map(|_| ()).map_err(|e| e.to_string())
}

// ---- JS and CSS against the floor ----------------------------------------------------------

#[test]
fn the_js_stays_within_es2020_and_the_floor() {
    let mut problems = Vec::new();
    let sources = [
        ("dist/nianbao.js", read("nianbao.js")),
        ("the module script of dist/index.html", inline(&read("index.html"), "<script type=\"module\">", "</script>")),
        ("the module script of dist/nianbao.html", inline(&read("nianbao.html"), "<script type=\"module\">", "</script>")),
    ];
    for (name, source) in &sources {
        problems.extend(js_floor::check(source).into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(problems.is_empty(), "JS past the floor:\n{}", problems.join("\n"));
}

#[test]
fn the_css_stays_within_the_floor() {
    let mut problems = Vec::new();
    let sources = [
        ("dist/nianbao.css", read("nianbao.css")),
        ("the style of dist/nianbao.html", inline(&read("nianbao.html"), "<style>", "</style>")),
    ];
    for (name, source) in &sources {
        problems.extend(css_floor::check(source).into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(problems.is_empty(), "CSS past the floor:\n{}", problems.join("\n"));
}

// ---- Content-Security-Policy and outside loads ---------------------------------------------

#[test]
fn the_page_policy_allows_only_its_own_files_and_its_one_script() {
    let page = read("index.html");
    let policy = policy_of(&page);
    let script = inline(&page, "<script type=\"module\">", "</script>");
    assert_eq!(directive(&policy, "default-src"), ["'none'"]);
    assert_eq!(directive(&policy, "script-src"), ["'self'", sha256(&script).as_str(), "'wasm-unsafe-eval'", "'unsafe-eval'"]);
    assert_eq!(directive(&policy, "style-src"), ["'self'"]);
    // The glue fetches the wasm from the page's own origin; once started the page forbids
    // every connection but to its second module (see the end-to-end tests).
    assert_eq!(directive(&policy, "connect-src"), ["'self'"]);
    assert_eq!(directive(&policy, "base-uri"), ["'none'"]);
    assert_eq!(directive(&policy, "form-action"), ["'none'"]);
    assert!(page.find("Content-Security-Policy") < page.find("<script"), "the policy precedes every script");
}

#[test]
fn the_single_file_policy_allows_no_connection_at_all() {
    let page = read("nianbao.html");
    let policy = policy_of(&page);
    let script = inline(&page, "<script type=\"module\">", "</script>");
    let style = inline(&page, "<style>", "</style>");
    assert_eq!(directive(&policy, "default-src"), ["'none'"]);
    assert_eq!(directive(&policy, "script-src"), [sha256(&script).as_str(), "'wasm-unsafe-eval'", "'unsafe-eval'"]);
    assert_eq!(directive(&policy, "style-src"), [sha256(&style)]);
    assert_eq!(directive(&policy, "connect-src"), ["'none'"]);
}

#[test]
fn the_page_refers_only_to_its_own_files_by_relative_urls() {
    let page = read("index.html");
    let urls = attribute_values(&page, &["src", "href"]);
    assert!(!urls.is_empty());
    for url in &urls {
        let relative = url.starts_with("./") || !(url.starts_with('/') || url.contains(':'));
        assert!(relative || url.starts_with("data:"), "dist/index.html refers to {url}");
    }
    assert!(read("index.html").contains("./nianbao.css") && read("index.html").contains("./nianbao.js"));
}

#[test]
fn the_single_file_refers_to_no_other_file() {
    let page = read("nianbao.html");
    for url in attribute_values(&page, &["src", "href"]) {
        assert!(url.starts_with("data:"), "dist/nianbao.html refers to {url}");
    }
    assert!(!page.contains("./nianbao.js") && !page.contains("<link rel=\"stylesheet\""));
}

#[test]
fn the_js_names_no_outside_address() {
    for (name, source) in [("nianbao.js", read("nianbao.js")), ("index.html", read("index.html"))] {
        for token in js_floor::tokenize(&source) {
            if let js_floor::Kind::Str(text) = token.kind {
                let lower = text.to_ascii_lowercase();
                assert!(
                    !(lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")),
                    "dist/{name} line {}: the string {text:?} names an outside address",
                    token.line
                );
            }
        }
    }
}

#[test]
fn dist_gives_iis_the_wasm_mime_type() {
    // IIS answers 404 for an extension it has no MIME type for; older IIS has none for .wasm.
    let config = read("web.config");
    assert!(config.starts_with("<?xml"), "{config}");
    let remove = config.find("<remove fileExtension=\".wasm\" />").expect("the entry removed first (a duplicate is an error in IIS)");
    let add = config.find("<mimeMap fileExtension=\".wasm\" mimeType=\"application/wasm\" />").expect("the .wasm MIME type");
    assert!(remove < add && config.contains("<staticContent>") && config.contains("<system.webServer>"), "{config}");
    // The page tells the administrator the same when the server does not deliver the wasm.
    let notice = inline(&read("index.html"), "<div id=\"not-delivered\" role=\"alert\">", "</div>");
    for words in ["web.config", "application/wasm", "AddType application/wasm .wasm", "nianbao.html"] {
        assert!(notice.contains(words), "the notice lacks {words}");
    }
}

// ---- helpers --------------------------------------------------------------------------------

/// The text between `open` and the next `close`; exactly one such element must exist.
fn inline(page: &str, open: &str, close: &str) -> String {
    assert_eq!(page.matches(open).count(), 1, "expected one {open}");
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find(close).expect("closed");
    page[start..end].to_string()
}

/// The content of the page's Content-Security-Policy meta tag.
fn policy_of(page: &str) -> String {
    assert_eq!(page.matches("http-equiv=\"Content-Security-Policy\"").count(), 1, "one policy in the markup");
    let needle = "http-equiv=\"Content-Security-Policy\" content=\"";
    let at = page.find(needle).expect("the policy meta tag") + needle.len();
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

/// The sources of one directive, in order.
fn directive(policy: &str, name: &str) -> Vec<String> {
    let found: Vec<&str> = policy.split(';').map(str::trim).filter(|d| d.split_whitespace().next() == Some(name)).collect();
    assert_eq!(found.len(), 1, "one {name} in {policy}");
    found[0].split_whitespace().skip(1).map(str::to_string).collect()
}

fn sha256(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
}

/// The values of the named attributes in the markup (outside the inline script and style,
/// and the second module's data block).
fn attribute_values(page: &str, names: &[&str]) -> Vec<String> {
    let mut markup = page.to_string();
    let blocks = [("<script type=\"module\">", "</script>"), ("<style>", "</style>"), ("id=\"nianbao-lazy-wasm\">", "</script>")];
    for (open, close) in blocks {
        if let Some(start) = markup.find(open).map(|at| at + open.len())
            && let Some(end) = markup[start..].find(close).map(|at| start + at)
        {
            markup.replace_range(start..end, "");
        }
    }
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = markup.as_str();
        while let Some(at) = rest.find(&needle) {
            let value_start = at + needle.len();
            let value_end = value_start + rest[value_start..].find('"').unwrap();
            values.push(rest[value_start..value_end].to_string());
            rest = &rest[value_end..];
        }
    }
    values
}
