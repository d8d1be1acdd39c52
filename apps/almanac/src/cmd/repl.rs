//! The interactive REPL (skeleton).

use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the REPL over `corpus` (the bundled fixtures when empty).
pub fn run(corpus: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    let _ = corpus;
    anyhow::bail!("the REPL is not implemented yet")
}
