//! scripts/assemble.py replaces its output folder whole, so it replaces only a folder that is
//! the build's: one that does not exist yet, an empty one, or one it wrote itself. A folder of
//! other files (NIANBAO_DIST pointing at the wrong place) stops the build and stays as it was.
//! These tests run the script on the page template and stylesheet of the tree, with a
//! stand-in glue and wasm; they need no built dist/.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The file the script writes to mark a folder as the build's.
const MARKER: &str = ".nianbao-dist";

#[test]
fn a_new_folder_is_made_and_marked_and_the_next_build_replaces_it() {
    let out = scratch("new").join("dist");
    let first = assemble(&out);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    for name in [MARKER, "index.html", "nianbao.html", "nianbao.js", "nianbao_bg.wasm", "nianbao_lazy.wasm", "nianbao.css", "web.config"] {
        assert!(out.join(name).is_file(), "{name} was written");
    }
    std::fs::write(out.join("left-over.js"), "stale").unwrap();
    let second = assemble(&out);
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert!(!out.join("left-over.js").exists(), "the build's own folder is replaced whole");
    assert!(out.join(MARKER).is_file());
}

#[test]
fn an_empty_folder_and_one_an_earlier_build_wrote_are_used() {
    let empty = scratch("empty");
    let run = assemble(&empty);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // A dist/ from before the marker holds only files the build writes.
    let earlier = scratch("earlier");
    for name in ["index.html", "nianbao.js", "nianbao_bg.wasm"] {
        std::fs::write(earlier.join(name), "old").unwrap();
    }
    let run = assemble(&earlier);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_ne!(std::fs::read_to_string(earlier.join("index.html")).unwrap(), "old");
}

#[test]
fn a_folder_of_other_files_is_refused_and_left_as_it_was() {
    let mine = scratch("someone-elses");
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    std::fs::write(mine.join("index.html"), "my page").unwrap();
    let run = assemble(&mine);
    assert!(!run.status.success(), "the build must stop");
    let message = String::from_utf8_lossy(&run.stderr);
    assert!(message.contains("refusing to replace") && message.contains("not made by the build") && message.contains(MARKER), "{message}");
    assert!(message.contains("notes.txt"), "the message says what is in it: {message}");
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep me");
    assert_eq!(std::fs::read_to_string(mine.join("index.html")).unwrap(), "my page");
    assert!(!mine.join(MARKER).exists() && !mine.join("nianbao.js").exists(), "nothing was written");

    let file = scratch("a-file").join("dist");
    std::fs::write(&file, "not a folder").unwrap();
    let run = assemble(&file);
    assert!(!run.status.success() && String::from_utf8_lossy(&run.stderr).contains("not a folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

/// Runs scripts/assemble.py into `out`, with the tree's template and stylesheet and a
/// stand-in glue and wasm modules (the script checks the glue's shape, not what it does).
fn assemble(out: &Path) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let inputs = scratch(&format!("inputs-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    let glue = inputs.join("nianbao.js");
    std::fs::write(&glue, "let wasm;\nasync function __wbg_init(module_or_path) {}\nexport { __wbg_init as default };\n").unwrap();
    let wasm = inputs.join("nianbao_bg.wasm");
    std::fs::write(&wasm, b"\0asm\x01\0\0\0").unwrap();
    let lazy = inputs.join("nianbao_lazy.wasm");
    std::fs::write(&lazy, b"\0asm\x01\0\0\0").unwrap();
    Command::new("python3")
        .arg(root.join("scripts/assemble.py"))
        .args(["--template".as_ref(), root.join("index.html").as_os_str()])
        .args(["--style".as_ref(), root.join("style/main.css").as_os_str()])
        .args(["--glue".as_ref(), glue.as_os_str()])
        .args(["--wasm".as_ref(), wasm.as_os_str()])
        .args(["--lazy-wasm".as_ref(), lazy.as_os_str()])
        .args(["--out".as_ref(), out.as_os_str()])
        .output()
        .expect("python3 runs scripts/assemble.py")
}

/// A fresh, empty folder of this test run.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("assemble").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
