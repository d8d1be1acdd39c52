//! Reading documents from files and folders, and the bundled fixtures.
//!
//! (Skeleton: the signatures below are the contract; the parse work fills them in.)

use std::path::PathBuf;

use almanac_model::{Diagnostic, Document};
use chrono::NaiveDate;

/// What was read from a set of paths.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every document read, sorted by path.
    pub documents: Vec<Document>,
    /// Diagnostics about files that yielded no document (unreadable, empty, binary).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads files and folders (recursively), in parallel. `captured` resolves capture-relative
/// dates ("5 years ago"). Shows a progress bar on stderr when `progress` is set and stderr is
/// a terminal. One bad file never stops the others.
#[allow(dead_code)]
pub fn load(
    paths: &[PathBuf],
    captured: Option<NaiveDate>,
    progress: bool,
) -> anyhow::Result<Loaded> {
    let _ = (paths, captured, progress);
    Ok(Loaded::default())
}

/// The documents bundled into the binary from `fixtures/` (seeds, formats, articles).
#[allow(dead_code)]
pub fn bundled(captured: Option<NaiveDate>) -> Loaded {
    let _ = captured;
    Loaded::default()
}
