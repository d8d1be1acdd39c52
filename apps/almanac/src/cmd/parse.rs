//! `almanac parse` (skeleton).

use std::process::ExitCode;

/// Arguments of `almanac parse`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `almanac parse`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`almanac parse` is not implemented yet")
}
