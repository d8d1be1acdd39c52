//! `almanac timeline` (skeleton).

use std::process::ExitCode;

/// Arguments of `almanac timeline`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `almanac timeline`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`almanac timeline` is not implemented yet")
}
