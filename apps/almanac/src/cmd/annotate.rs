//! `almanac annotate` (skeleton).

use std::process::ExitCode;

/// Arguments of `almanac annotate`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `almanac annotate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`almanac annotate` is not implemented yet")
}
