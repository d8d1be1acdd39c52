//! Full extraction throughput (parse, annotate, measure, extract) on one core, over the
//! fixtures and over a generated corpus, reported as bytes/s (MB/s) and documents/s.
//! Run: `cargo bench -p almanac-extract --bench extract -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use almanac_extract::Extractor;
use almanac_parse::{Options, read};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

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

/// A deterministic generated corpus: plain-text articles assembled from varied sentence
/// templates (actors, verbs, amounts, dates).
fn generated(n: usize) -> Vec<(String, Vec<u8>)> {
    let actors = [
        "Japan",
        "Tokyo",
        "the European Union",
        "Acme Holdings Inc.",
        "Germany",
        "Seoul",
        "Brightline Energy Corp.",
    ];
    let targets = [
        "South Korea",
        "China",
        "Belarus",
        "Vexa Ltd.",
        "Norway",
        "the U.S.",
    ];
    let verbs = [
        "lifted export restrictions on",
        "imposed sanctions on",
        "agreed to acquire",
        "signed a supply deal with",
        "will invest $1.2 billion in",
        "cut tariffs on",
    ];
    let dates = [
        "last month",
        "on Tuesday",
        "in July of last year",
        "in March 2023",
        "earlier this week",
        "next year",
    ];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut text = format!(
            "Headline number {i} about trade\n\nPublished: 2024-0{}-1{}\n\n",
            1 + i % 9,
            i % 10
        );
        for j in 0..12 {
            let k = i * 7 + j * 3;
            text.push_str(&format!(
                "{} {} {} {}, Minister of Trade Kim Min-{} said, adding that {} percent of {} firms were affected. ",
                actors[k % actors.len()],
                verbs[(k / 2) % verbs.len()],
                targets[(k / 3) % targets.len()],
                dates[(k / 5) % dates.len()],
                ["su", "jun", "ho"][k % 3],
                10 + k % 80,
                200 + k % 500,
            ));
            if j % 4 == 3 {
                text.push_str("\n\n");
            }
        }
        out.push((format!("gen/{i}.txt"), text.into_bytes()));
    }
    out
}

fn run(extractor: &Extractor, files: &[(String, Vec<u8>)]) -> usize {
    let mut n = 0;
    for (path, bytes) in files {
        for doc in read(path, bytes, &Options::default()).documents {
            n += extractor.extract(&doc).len();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::new();
    for (name, files) in [("fixtures", fixture_files()), ("generated", generated(200))] {
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let docs: usize = files
            .iter()
            .map(|(p, b)| read(p, b, &Options::default()).documents.len())
            .sum();
        let mut group = c.benchmark_group(format!("extract/{name}"));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("bytes", |b| b.iter(|| run(&extractor, black_box(&files))));
        group.throughput(Throughput::Elements(docs as u64));
        group.bench_function("documents", |b| {
            b.iter(|| run(&extractor, black_box(&files)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
