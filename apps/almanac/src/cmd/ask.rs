//! `almanac ask` (skeleton).

use std::process::ExitCode;

/// Arguments of `almanac ask`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `almanac ask`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`almanac ask` is not implemented yet")
}
