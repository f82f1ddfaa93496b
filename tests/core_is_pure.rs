//! The core (everything in src/ but the UI: model, parse, rules, export, input, the view
//! model, and the command line tool) never sees the DOM.
//!
//! The compiler already enforces most of it: the browser crates are optional and only the
//! `ui` feature enables them, so the native build of the core cannot name them. These tests
//! pin that set-up, and scan the core's sources so that a mention cannot slip in under the
//! feature either.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The crates only the browser UI may use (as Rust identifiers and as package names).
const BROWSER_CRATES: &[(&str, &str)] = &[
    ("leptos", "leptos"),
    ("wasm_bindgen", "wasm-bindgen"),
    ("web_sys", "web-sys"),
    ("js_sys", "js-sys"),
    ("gloo", "gloo"),
    ("serde_wasm_bindgen", "serde-wasm-bindgen"),
];

/// The browser side of src/: the UI and the web app's entry point. Everything else is core.
const BROWSER_SIDE: &[&str] = &["src/ui", "src/main.rs"];

#[test]
fn the_core_sources_name_no_browser_crate_and_not_the_ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core: Vec<PathBuf> =
        rust_files(&root.join("src")).into_iter().filter(|f| !BROWSER_SIDE.iter().any(|b| f.starts_with(root.join(b)))).collect();
    assert!(core.iter().any(|f| f.ends_with("src/model/mod.rs")), "the scan sees the core");
    // The view model is the core's too: the page without the browser, built and tested natively.
    assert!(core.iter().any(|f| f.ends_with("src/view/mod.rs")), "the scan sees the view model");
    let mut problems = Vec::new();
    for file in core {
        for (line, text) in browser_mentions(&std::fs::read_to_string(&file).unwrap()) {
            problems.push(format!("{}:{line}: {text}", file.display()));
        }
    }
    assert!(problems.is_empty(), "the core names the browser side:\n{}", problems.join("\n"));
}

#[test]
fn the_scan_sees_code_and_skips_comments() {
    let source = "//! Not leptos here.\nuse leptos::prelude::*; // web_sys\nlet x = crate::ui::view::summary;\n#[cfg(feature = \"ui\")]\npub mod ui;";
    let lines: Vec<usize> = browser_mentions(source).into_iter().map(|(line, _)| line).collect();
    assert_eq!(lines, [2, 3]);
}

/// The lines (1-based) of `source` whose code, outside `//` comments, names a browser crate or
/// a path into the UI module.
fn browser_mentions(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let names_crate =
            code.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| BROWSER_CRATES.iter().any(|(ident, _)| *ident == word));
        if names_crate || code.contains("::ui") {
            found.push((number + 1, line.trim().to_string()));
        }
    }
    found
}

#[test]
fn the_browser_crates_are_optional_and_only_the_ui_feature_enables_them() {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"].as_array().unwrap().iter().find(|p| p["name"] == "nianbao").unwrap();

    for dependency in package["dependencies"].as_array().unwrap() {
        let name = dependency["name"].as_str().unwrap();
        let browser = BROWSER_CRATES.iter().any(|(_, package)| *package == name);
        if browser && dependency["kind"].is_null() {
            assert_eq!(dependency["optional"], true, "{name} must be optional");
        }
    }
    let features = &package["features"];
    let default: Vec<&str> = features["default"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(!default.contains(&"ui"), "the ui feature must not be on by default");
    for (feature, enables) in features.as_object().unwrap() {
        for item in enables.as_array().unwrap() {
            let item = item.as_str().unwrap();
            let browser = BROWSER_CRATES.iter().any(|(_, package)| item == format!("dep:{package}") || item == *package);
            assert!(!browser || feature == "ui", "feature {feature} enables {item}; only ui may");
        }
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
