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

/// Sentence pieces mixed by a fixed pseudo-random sequence into a long text.
const PIECES: &[&str] = &[
    "The government said on Tuesday that exports fell 4.5 percent in March from a year earlier.",
    "Officials in Seoul have been working with local firms to localize key materials and parts.",
    "The company plans to invest $120 million in a new plant by 2030, according to a filing.",
    "Analysts expect the central bank to keep rates unchanged at its meeting next month.",
    "Shares of the chipmaker rose 2 percent in early trading, while the broader index slipped.",
    "The ministry will announce details of the support package in the first half of this year.",
    "Many small and mid-sized suppliers say they still depend on imports for high purity chemicals.",
    "Over the past four years, the firm has spent more than 10 million dollars on research.",
    "The talks, which began last week, are expected to continue for several days.",
    "Residents said they had never seen anything like it, and some were still waiting for help.",
    "A spokesperson declined to comment on the report, citing ongoing negotiations with partners.",
    "Production is set to start in late 2025, with output of 1,200 tons a year.",
];

fn generated(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while text.len() < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
        text.push(if state % 5 == 0 { '\n' } else { ' ' });
    }
    text
}

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
