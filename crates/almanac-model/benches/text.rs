//! Sentence splitting throughput (`split_sentences`), in MB/s, over the article and format
//! fixtures read as plain text: every document body of the index goes through it.
//! Run: `cargo bench -p almanac-model --bench text -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::path::Path;

use almanac_model::split_sentences;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut paths: Vec<_> = ["articles", "formats", "seeds"]
        .iter()
        .flat_map(|k| std::fs::read_dir(root.join(k)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("split_sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| split_sentences(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
