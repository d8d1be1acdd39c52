//! `almanac facts [PATH...] [--json] [--captured DATE]`: the facts extracted from documents,
//! merged across documents (one line per fact, with its sources and conflicts).

use std::path::PathBuf;
use std::process::ExitCode;

use almanac_model::{Document, Fact};
use chrono::NaiveDate;

use crate::{corpus, pipeline};

/// Arguments of `almanac facts`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to read (folders recursively); none reads the bundled fixtures.
    paths: Vec<PathBuf>,
    /// Print the facts as JSON (provenance spans in character offsets of the body).
    #[arg(long)]
    json: bool,
    /// When the files were captured (YYYY-MM-DD): resolves dates such as `5 years ago`.
    #[arg(long, value_name = "DATE")]
    captured: Option<NaiveDate>,
}

/// Runs `almanac facts`.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = if args.paths.is_empty() {
        corpus::bundled(args.captured)
    } else {
        corpus::load(&args.paths, args.captured, true)?
    };
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let facts = pipeline::extract_all(&loaded.documents);
    if args.json {
        let values: Vec<serde_json::Value> = facts
            .iter()
            .map(|f| fact_json(f, &loaded.documents))
            .collect();
        println!("{}", serde_json::to_string_pretty(&values)?);
    } else {
        for f in &facts {
            println!("{}", almanac_extract::render_fact(f, false));
            for s in &f.sources {
                let date = s
                    .doc_date
                    .map_or("undated".to_owned(), |d| d.date().to_string());
                println!(
                    "    {} ({date}) {}..{} rule {} {:.2}",
                    s.doc_path, s.span.start, s.span.end, s.rule, s.confidence
                );
            }
            for c in &f.conflicts {
                let values: Vec<String> = c
                    .values
                    .iter()
                    .map(|(v, ix)| format!("{v} (sources {ix:?})"))
                    .collect();
                println!("    CONFLICT {}: {}", c.field, values.join(" vs "));
            }
        }
        println!(
            "{} fact(s) from {} document(s)",
            facts.len(),
            loaded.documents.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A fact as JSON, with provenance spans converted from bytes to character offsets.
pub fn fact_json(fact: &Fact, documents: &[Document]) -> serde_json::Value {
    let mut value = serde_json::to_value(fact).unwrap_or(serde_json::Value::Null);
    if let Some(sources) = value.get_mut("sources").and_then(|s| s.as_array_mut()) {
        for (json, src) in sources.iter_mut().zip(&fact.sources) {
            let Some(doc) = documents.iter().find(|d| d.id == src.doc_id) else {
                continue;
            };
            let text = &doc.body.text;
            let chars = |b: usize| text.get(..b).map_or(0, |t| t.chars().count());
            json["span"] = serde_json::json!({
                "start": chars(src.span.start),
                "end": chars(src.span.end),
            });
        }
    }
    value
}
