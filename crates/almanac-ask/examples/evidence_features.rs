//! Dumps, for each question of a labelled set, the evidence candidates `:why` shows with their
//! named features, as one JSON line per question: the input of `eval/fit.py`, which fits the
//! weights of `the reader's `WEIGHTS` (crates/almanac-ask/src/reader.rs)` and prints a calibration table.
//!
//! ```sh
//! cargo run --release -p almanac-ask --example evidence_features -- DOCS_DIR < questions.jsonl
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::BufRead;
use std::path::{Path, PathBuf};

use almanac_ask::Session;

/// The files under `dir`, sorted, recursively (hidden ones and sidecars are sorted out by
/// `almanac_parse::read_files`, as the app does).
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: evidence_features DOCS_DIR < questions.jsonl");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    let read: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(p).unwrap_or_default(),
            )
        })
        .collect();
    let documents = almanac_parse::read_files(
        read.iter().map(|(l, b)| (l.as_str(), b.as_slice())),
        &almanac_parse::Options::default(),
    )
    .documents;
    let extractor = almanac_extract::Extractor::new();
    let mut session = Session::from_documents(&extractor, &documents);
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(q) = v.get("question").and_then(|q| q.as_str()) else {
            continue;
        };
        session.reset();
        let answer = session.answer(q);
        let out = serde_json::json!({
            "id": v.get("id"),
            "answer": answer.text,
            "value": answer.value,
            "confidence": answer.confidence,
            "origin": answer.origin,
            "evidence": answer.explanation.evidence,
        });
        println!("{out}");
    }
}
