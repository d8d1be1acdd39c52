//! `almanac facts` (skeleton).

use std::process::ExitCode;

/// Arguments of `almanac facts`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `almanac facts`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`almanac facts` is not implemented yet")
}
