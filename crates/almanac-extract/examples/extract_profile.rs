//! A fixed amount of extraction work for profilers (`perf stat -e instructions:u`,
//! `perf record`, callgrind), whose counts do not depend on the machine's load:
//! `cargo run --release -p almanac-extract --example extract_profile -- STAGE N [FILES...]`
//! runs STAGE (`parse`, `annotate`, `extract` or `full`) N times over the files given, or
//! over the bench's generated corpus of 200 documents when no file is given.

#![allow(clippy::print_stdout)]

#[path = "../benches/support/corpus.rs"]
mod corpus;

use almanac_extract::Extractor;
use corpus::parse_all;

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "extract".to_owned());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let paths: Vec<String> = args.collect();
    let files: Vec<(String, Vec<u8>)> = if paths.is_empty() {
        corpus::generated(200)
    } else {
        paths
            .into_iter()
            .filter_map(|p| Some((p.clone(), std::fs::read(&p).ok()?)))
            .collect()
    };
    let extractor = Extractor::new();
    let docs = parse_all(&files);
    let mut total = 0;
    for _ in 0..n {
        total += match stage.as_str() {
            "parse" => parse_all(&files).len(),
            "annotate" => docs
                .iter()
                .flat_map(|d| d.sentences().map(move |(_, t)| (d.reference_date(), t)))
                .map(|(r, t)| {
                    almanac_time::annotate(t, r).len() + almanac_measure::find_amounts(t).len()
                })
                .sum(),
            "full" => parse_all(&files)
                .iter()
                .map(|d| extractor.extract(d).len())
                .sum(),
            _ => docs.iter().map(|d| extractor.extract(d).len()).sum(),
        };
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{stage} x{n}: {} files, {bytes} bytes, {} documents, {total} items",
        files.len(),
        docs.len()
    );
}
