//! `almanac index PATH... --index DIR`: reads documents into a persistent index that
//! `almanac ask --index DIR` and `almanac --index DIR` answer from (see [`crate::index`]).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;

use crate::index;

/// Arguments of `almanac index`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Documents and folders to index (folders are read recursively, like `--corpus`).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The folder of the index: `DIR/almanac.sqlite` is created or brought up to date.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// The date the documents were captured (YYYY-MM-DD), to resolve ages like "5 years ago".
    /// Changing it re-reads every file.
    #[arg(long)]
    captured: Option<NaiveDate>,
    /// A gazetteer file (the format of the built-in one) whose names extend the built-in
    /// gazetteer. It is stored in the index: answers from it know these names too. Changing
    /// it re-reads every file.
    #[arg(long, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
}

/// Runs `almanac index`: prints problems met and a one-line summary on stderr.
#[allow(clippy::print_stderr)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let names = match &args.gazetteer {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("reading the gazetteer {}", path.display()))?,
        ),
        None => None,
    };
    let summary = index::index(
        &args.paths,
        &args.index,
        args.captured,
        names.as_deref(),
        true,
    )?;
    for d in &summary.problems {
        eprintln!("almanac: {d}");
    }
    eprintln!(
        "almanac: indexed {}: {}",
        index::db_path(&args.index).display(),
        summary.line(started.elapsed())
    );
    Ok(ExitCode::SUCCESS)
}
