//! `almanac timeline [ENTITY] [--corpus PATH...] [--captured DATE]` (or `--index DIR`): events
//! across the corpus in chronological order, each with its date, sources and conflicts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cmd::{FactSource, load_facts};

/// Arguments of `almanac timeline`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Only events involving this entity (name, alias or id: `Japan`, `Tokyo`, `S. Korea`).
    entity: Option<String>,
    /// A document or folder to read instead of the bundled seed documents; repeat for
    /// several: `--corpus a --corpus b`.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// When the files were captured (YYYY-MM-DD): resolves dates such as `5 years ago`.
    #[arg(long, value_name = "DATE", conflicts_with = "index")]
    captured: Option<NaiveDate>,
    /// An index written by `almanac index` to read the events from, instead of documents.
    #[arg(long, value_name = "DIR", conflicts_with = "corpus")]
    index: Option<PathBuf>,
    /// A gazetteer file (the format of the built-in one) whose names extend the built-in
    /// gazetteer, for extraction and questions alike.
    #[arg(long, value_name = "FILE", conflicts_with = "index")]
    gazetteer: Option<PathBuf>,
}

/// Runs `almanac timeline`.
#[allow(clippy::print_stderr)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let source = match &args.index {
        Some(dir) => FactSource::Index(dir),
        None => FactSource::Documents {
            paths: &args.corpus,
            captured: args.captured,
            gazetteer: args.gazetteer.as_deref(),
        },
    };
    let (facts, _, _) = load_facts(source, false)?;
    let entries = almanac_extract::timeline(&facts, args.entity.as_deref());
    let mut out = crate::cmd::stdout();
    for e in &entries {
        let date = match (&e.date, e.approximate) {
            (Some(d), false) => d.clone(),
            (Some(d), true) => format!("~{d}"),
            (None, _) => "undated".to_owned(),
        };
        writeln!(
            out,
            "{date:<12} {}",
            almanac_extract::render_fact(&e.fact, false)
        )?;
        for s in &e.fact.sources {
            let published = s
                .doc_date
                .map_or("undated".to_owned(), |d| d.date().to_string());
            writeln!(out, "             source: {} ({published})", s.doc_path)?;
        }
        for c in &e.fact.conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|(v, ix)| {
                    let paths: Vec<&str> = ix
                        .iter()
                        .filter_map(|i| e.fact.sources.get(*i).map(|s| &*s.doc_path))
                        .collect();
                    format!("{v} ({})", paths.join(", "))
                })
                .collect();
            writeln!(
                out,
                "             CONFLICT {}: {}",
                c.field,
                values.join(" vs ")
            )?;
        }
        if let almanac_model::FactKind::Event(ev) = &e.fact.kind
            && let Some(note) = ev.time.as_ref().and_then(|t| t.note.as_ref())
        {
            writeln!(out, "             note: {note}")?;
        }
    }
    if entries.is_empty() {
        match &args.entity {
            Some(entity) => writeln!(out, "no events involving {entity:?}")?,
            None => writeln!(out, "no events")?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
