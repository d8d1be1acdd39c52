//! Full extraction throughput (parse, annotate, measure, extract) on one core, over the
//! fixtures and over a generated corpus, reported as bytes/s (MB/s) and documents/s.
//! Stages are measured apart too (`stage-parse`, `stage-annotate` = almanac-time and
//! almanac-measure over every sentence, `stage-extract` = extraction of parsed documents,
//! which includes annotate; `stage-extract-with-evidence` also builds every sentence's
//! evidence, as the app does; `stage-extract-with-evidence-cached` does so through a
//! `SentenceCache` kept across iterations, as the app's reading threads do, so every sentence
//! is a repeat), so the figures say where the time goes.
//! Run: `cargo bench -p almanac-extract --bench extract -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use almanac_extract::{Extractor, SentenceCache};
use almanac_model::Document;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/corpus.rs"]
mod corpus;
use corpus::{generated, parse_all};

fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut files: Vec<PathBuf> = ["seeds", "formats", "articles"]
        .iter()
        .flat_map(|k| std::fs::read_dir(root.join(k)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect()
}

/// Full extraction: parse, annotate, measure, extract.
fn run(extractor: &Extractor, files: &[(String, Vec<u8>)]) -> usize {
    parse_all(files)
        .iter()
        .map(|doc| extractor.extract(doc).len())
        .sum()
}

/// The almanac-time and almanac-measure share: annotate and find amounts in every sentence.
fn annotate_only(docs: &[Document]) -> usize {
    let mut n = 0;
    for doc in docs {
        let reference = doc.reference_date();
        for (_, text) in doc.sentences() {
            n += almanac_time::annotate(text, reference).len();
            n += almanac_measure::find_amounts(text).len();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::new();
    for (name, files) in [("fixtures", fixture_files()), ("generated", generated(200))] {
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let docs = parse_all(&files);
        let mut group = c.benchmark_group(format!("extract/{name}"));
        group.sample_size(10);
        // the whole path, in MB/s and documents/s
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("bytes", |b| b.iter(|| run(&extractor, black_box(&files))));
        group.throughput(Throughput::Elements(docs.len() as u64));
        group.bench_function("documents", |b| {
            b.iter(|| run(&extractor, black_box(&files)))
        });
        // stages, in MB/s of input: parse only; annotate + measure only (given parsed
        // documents); extract only (given parsed documents; includes annotate + measure)
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("stage-parse", |b| {
            b.iter(|| parse_all(black_box(&files)).len())
        });
        group.bench_function("stage-annotate", |b| {
            b.iter(|| annotate_only(black_box(&docs)))
        });
        group.bench_function("stage-extract", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.extract(black_box(d)).len())
                    .sum::<usize>()
            })
        });
        group.bench_function("stage-extract-with-evidence", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| {
                        extractor
                            .extract_with_evidence(black_box(d))
                            .1
                            .sentences
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        // the same through a SentenceCache that lives across iterations, as a reading
        // thread's does: after the first pass every sentence is a repeat
        let mut cache = SentenceCache::new(1 << 15);
        group.bench_function("stage-extract-with-evidence-cached", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| {
                        extractor
                            .extract_with_evidence_cached(black_box(d), &mut cache)
                            .1
                            .sentences
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
