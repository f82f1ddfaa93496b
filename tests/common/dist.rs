//! Where the built dist/ is, for the tests that check or drive it.

use std::path::PathBuf;

/// The built dist/ (scripts/build.sh makes it; NIANBAO_DIST overrides the path). Fails the
/// test with what to do when it has not been built.
pub fn dist() -> PathBuf {
    let dir = std::env::var_os("NIANBAO_DIST").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(dir.join("index.html").exists(), "{} has no index.html: run scripts/build.sh first", dir.display());
    dir
}
