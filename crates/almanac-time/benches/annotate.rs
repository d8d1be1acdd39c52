//! Throughput of `annotate` (MB/s): on the seed documents, and on a few megabytes of generated
//! news-like text where dates are as sparse as in real articles.
//!
//! `cargo bench -p almanac-time --bench annotate -- --warm-up-time 1 --measurement-time 3`

use almanac_time::{annotate, parse_reference};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEEDS: [&str; 5] = [
    include_str!("../../../fixtures/seeds/000_995283c400f30fe9.txt"),
    include_str!("../../../fixtures/seeds/001_f4b749e8b3f4725b.txt"),
    include_str!("../../../fixtures/seeds/002_4515d25080c795cf.txt"),
    include_str!("../../../fixtures/seeds/003_4a6cd827b8465a86.txt"),
    include_str!("../../../fixtures/seeds/004_ccf8e32df5cbf0f3.txt"),
];

#[path = "support/generated.rs"]
mod generated;
use generated::generated;

fn bench(c: &mut Criterion) {
    let reference = parse_reference("2023-04-25T10:27:40").ok();
    let seeds = SEEDS.concat();
    let big = generated(4 << 20);
    let mut group = c.benchmark_group("annotate");
    group.throughput(Throughput::Bytes(seeds.len() as u64));
    group.bench_function("seeds", |b| {
        b.iter(|| annotate(std::hint::black_box(&seeds), reference))
    });
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("generated_4MB", |b| {
        b.iter(|| annotate(std::hint::black_box(&big), reference))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
