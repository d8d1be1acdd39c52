//! Helpers shared by the test suites that drive the real binary (`cli`, `index`, `repl`).

use std::path::{Path, PathBuf};

/// The repository's `fixtures/` folder.
#[allow(dead_code)] // not every suite reads fixtures
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A fresh, empty folder for one test, named after the suite, the process and `name`.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "almanac-{}-{}-{name}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_default();
    dir
}
