//! Times merging facts across documents, apart from reading and extracting them:
//! `cargo run --release -p almanac --example merge_scaling -- DIR...` prints, per folder, the
//! documents, facts before and after merging, and the seconds spent in each step.
//!
//! Make folders of growing size (for instance `python3 ../shared/tools/make_corpus.py`, or N
//! copies of one article) to see whether merging stays linear.

use std::path::{Path, PathBuf};
use std::time::Instant;

use almanac_model::{Document, Fact};
use rayon::prelude::*;

/// Every file under `dir`, sorted (hidden entries skipped).
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
        if hidden {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[allow(clippy::print_stdout)]
fn main() {
    for dir in std::env::args().skip(1) {
        let mut paths = Vec::new();
        files(Path::new(&dir), &mut paths);
        let started = Instant::now();
        let files: Vec<(String, Vec<u8>)> = paths
            .par_iter()
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read(p).unwrap_or_default(),
                )
            })
            .collect();
        // read as the app reads a folder: sidecars applied, never documents
        let documents: Vec<Document> = almanac_parse::read_files(
            files.iter().map(|(l, b)| (l.as_str(), b.as_slice())),
            &almanac_parse::Options::default(),
        )
        .documents;
        let read = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let extractor = almanac_extract::Extractor::new();
        let facts: Vec<Fact> = documents
            .par_iter()
            .flat_map_iter(|d| extractor.extract(d))
            .collect();
        let extract = started.elapsed().as_secs_f64();
        let before = facts.len();
        let started = Instant::now();
        let merged = almanac_extract::merge(facts);
        let merge = started.elapsed().as_secs_f64();
        println!(
            "{dir}: {} documents, {before} facts -> {} merged; read {read:.2} s, extract {extract:.2} s, merge {merge:.3} s",
            documents.len(),
            merged.len()
        );
    }
}
