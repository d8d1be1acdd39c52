//! `almanac facts [PATH...] [--json] [--captured DATE]` (or `--index DIR`): the facts extracted
//! from documents, merged across documents (one line per fact, with its sources and conflicts).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use almanac_model::{Document, Fact};
use chrono::NaiveDate;

use crate::cmd::{FactSource, load_facts};
use crate::offsets::CharOffsets;

/// Arguments of `almanac facts`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Files or folders to read (folders recursively); none reads the bundled seed documents.
    paths: Vec<PathBuf>,
    /// Print the facts as JSON (provenance spans in character offsets of the body).
    #[arg(long)]
    json: bool,
    /// When the files were captured (YYYY-MM-DD): resolves dates such as `5 years ago`.
    #[arg(long, value_name = "DATE", conflicts_with = "index")]
    captured: Option<NaiveDate>,
    /// An index written by `almanac index` to read the facts from, instead of documents.
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    index: Option<PathBuf>,
    /// A gazetteer file (the format of the built-in one) whose names extend the built-in
    /// gazetteer, for extraction and questions alike.
    #[arg(long, value_name = "FILE", conflicts_with = "index")]
    gazetteer: Option<PathBuf>,
}

/// Runs `almanac facts`.
#[allow(clippy::print_stderr)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let source = match &args.index {
        Some(dir) => FactSource::Index(dir),
        None => FactSource::Documents {
            paths: &args.paths,
            captured: args.captured,
            gazetteer: args.gazetteer.as_deref(),
        },
    };
    // JSON offsets need the text of the documents the facts cite
    let (facts, documents, count) = load_facts(source, args.json)?;
    let mut out = crate::cmd::stdout();
    if args.json {
        let offsets = SourceOffsets::new(&facts, &documents);
        let values: Vec<serde_json::Value> = facts.iter().map(|f| offsets.fact_json(f)).collect();
        serde_json::to_writer_pretty(&mut out, &values)?;
        writeln!(out)?;
    } else {
        for f in &facts {
            writeln!(out, "{}", almanac_extract::render_fact(f, false))?;
            for s in &f.sources {
                let date = s
                    .doc_date
                    .map_or("undated".to_owned(), |d| d.date().to_string());
                writeln!(
                    out,
                    "    {} ({date}) {}..{} rule {} {:.2}",
                    s.doc_path, s.span.start, s.span.end, s.rule, s.confidence
                )?;
            }
            for c in &f.conflicts {
                let values: Vec<String> = c
                    .values
                    .iter()
                    .map(|(v, ix)| format!("{v} (sources {ix:?})"))
                    .collect();
                writeln!(out, "    CONFLICT {}: {}", c.field, values.join(" vs "))?;
            }
        }
        writeln!(out, "{} fact(s) from {} document(s)", facts.len(), count)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The character offsets of every provenance span of a set of facts, per document, each
/// document's text counted once.
pub(crate) struct SourceOffsets {
    by_doc: HashMap<String, CharOffsets>,
}

impl SourceOffsets {
    /// Counts the character offsets of the spans of `facts` in `documents`.
    pub(crate) fn new(facts: &[Fact], documents: &[Document]) -> Self {
        let mut spans: HashMap<&str, Vec<usize>> = HashMap::new();
        for src in facts.iter().flat_map(|f| &f.sources) {
            spans
                .entry(&*src.doc_id)
                .or_default()
                .extend([src.span.start, src.span.end]);
        }
        let by_doc = documents
            .iter()
            .filter_map(|doc| {
                let bytes = spans.remove(doc.id.as_str())?;
                Some((doc.id.clone(), CharOffsets::new(&doc.body.text, bytes)))
            })
            .collect();
        SourceOffsets { by_doc }
    }

    /// A fact as JSON, with provenance spans converted from bytes to character offsets of
    /// the body (a source whose document is unknown keeps its byte span).
    pub(crate) fn fact_json(&self, fact: &Fact) -> serde_json::Value {
        let mut value = serde_json::to_value(fact).unwrap_or(serde_json::Value::Null);
        if let Some(sources) = value.get_mut("sources").and_then(|s| s.as_array_mut()) {
            for (json, src) in sources.iter_mut().zip(&fact.sources) {
                let Some(chars) = self.by_doc.get(&*src.doc_id) else {
                    continue;
                };
                json["span"] = serde_json::json!({
                    "start": chars.get(src.span.start),
                    "end": chars.get(src.span.end),
                });
            }
        }
        value
    }
}
