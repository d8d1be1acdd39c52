//! `find_amounts` throughput (MB/s) on the seed fixtures and on a large generated text.
//!
//! Run: `cargo bench -p almanac-measure --bench measure -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use almanac_measure::find_amounts;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The five seed documents, concatenated.
fn seeds() -> String {
    [
        include_str!("../../../fixtures/seeds/000_995283c400f30fe9.txt"),
        include_str!("../../../fixtures/seeds/001_f4b749e8b3f4725b.txt"),
        include_str!("../../../fixtures/seeds/002_4515d25080c795cf.txt"),
        include_str!("../../../fixtures/seeds/003_4a6cd827b8465a86.txt"),
        include_str!("../../../fixtures/seeds/004_ccf8e32df5cbf0f3.txt"),
    ]
    .join("\n")
}

/// About 4 MB of news-like sentences, generated deterministically (a small LCG picks
/// sentence templates and numbers), with amounts, dates and plain prose mixed.
fn generated() -> String {
    const TEMPLATES: &[&str] = &[
        "The government pledged to spend {} billion won (${} million) this year on research.",
        "Shares rose {} percent on Tuesday after the company reported revenue of ${} billion.",
        "The plant, announced on April {}, 2023, will employ about {} workers by 2030.",
        "Officials said some {} key parts and materials are now made locally, up from {}.",
        "It will invest up to €{}bn over the next {} years, according to the ministry.",
        "Analysts expect growth of {}-{}% as exports to Japan recover from last year's curbs.",
        "The committee met at 10:{} and discussed the report for nearly two hours without a vote.",
        "Local firms have poured in more than {} million U.S. dollars over the past {} years.",
        "Nobody at the briefing wanted to talk about the weather, the election or the match.",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let mut out = String::with_capacity(4 << 20);
    while out.len() < 4 << 20 {
        let template = TEMPLATES[next() % TEMPLATES.len()];
        let mut parts = template.split("{}");
        out.push_str(parts.next().unwrap_or(""));
        for part in parts {
            out.push_str(&(1 + next() % 999).to_string());
            out.push_str(part);
        }
        out.push(' ');
    }
    out
}

/// Benchmarks `find_amounts` on both inputs, reporting bytes per second.
fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("find_amounts");
    for (name, text) in [("seeds", seeds()), ("generated_4mb", generated())] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| find_amounts(black_box(&text))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
