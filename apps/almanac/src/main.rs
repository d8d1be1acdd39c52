//! `almanac`: ask dated, sourced questions of a folder of news documents.
//!
//! With no arguments it opens the REPL over the bundled seed documents. Subcommands:
//! `parse`, `annotate`, `facts`, `timeline`, `ask`, `index`.

use clap::{Parser, Subcommand};

mod cmd;
mod corpus;
mod index;
mod offsets;
mod pipeline;
mod store;
mod stored_fact;

/// The allocator. Indexing makes and frees millions of small strings, many freed by another
/// thread than the one that made them: with mimalloc, indexing 10,000 documents took 8% less
/// CPU time than with the system's allocator (11.2-11.6 s against 12.3-12.9 s user).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Top-level command line.
#[derive(Parser, Debug)]
#[command(
    name = "almanac",
    version,
    about = "Dated, sourced facts from news documents"
)]
struct Cli {
    /// A document or folder to read instead of the bundled seed documents (REPL mode);
    /// repeat for several: `--corpus a --corpus b`.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<std::path::PathBuf>,
    /// An index written by `almanac index` to answer from (REPL mode), instead of reading
    /// documents.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["corpus", "captured", "gazetteer"])]
    index: Option<std::path::PathBuf>,
    /// The date the documents were captured (YYYY-MM-DD), to resolve ages like "5 years ago".
    #[arg(long)]
    captured: Option<chrono::NaiveDate>,
    /// A gazetteer file (the format of the built-in one) whose names extend the built-in
    /// gazetteer, for extraction and questions alike (REPL mode).
    #[arg(long, value_name = "FILE")]
    gazetteer: Option<std::path::PathBuf>,
    /// The subcommand; none opens the REPL.
    #[command(subcommand)]
    command: Option<Command>,
}

/// What to do.
#[derive(Subcommand, Debug)]
enum Command {
    /// Read documents and print what was read from each.
    Parse(cmd::parse::Args),
    /// Find dates, times, durations and amounts in text read from stdin.
    Annotate(cmd::annotate::Args),
    /// List the facts extracted from documents.
    Facts(cmd::facts::Args),
    /// Print a chronological timeline of events across the corpus.
    Timeline(cmd::timeline::Args),
    /// Answer one question, or one per input line with --jsonl.
    Ask(cmd::ask::Args),
    /// Read documents into a persistent index (SQLite) to answer from with --index.
    Index(cmd::index::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse(args)) => cmd::parse::run(args),
        Some(Command::Annotate(args)) => cmd::annotate::run(args),
        Some(Command::Facts(args)) => cmd::facts::run(args),
        Some(Command::Timeline(args)) => cmd::timeline::run(args),
        Some(Command::Ask(args)) => cmd::ask::run(args),
        Some(Command::Index(args)) => cmd::index::run(args),
        None => cmd::repl::run(cli.corpus, cli.index, cli.captured, cli.gazetteer),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`almanac facts | head`) ends the command quietly.
        Err(err) if cmd::is_broken_pipe(&err) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("almanac: error: {err:#}");
            }
            std::process::ExitCode::from(2)
        }
    }
}
