//! Parse throughput (MB/s) per format: over the hand-written fixtures of each format, and over
//! a generated input of about 1 MB per format (a long feed, a WordPress array, a long page).
//!
//! Run: `cargo bench -p almanac-parse --bench parse -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use almanac_parse::{Options, detect, read};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/generated.rs"]
mod generated;

use generated::generated;

/// Every fixture under `fixtures/{seeds,formats}` as (detected format, name, bytes).
fn fixtures() -> Vec<(&'static str, String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = Vec::new();
    for kind in ["seeds", "formats"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            // sidecar metadata is not a document
            if path
                .to_string_lossy()
                .ends_with(almanac_parse::SIDECAR_SUFFIX)
            {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let format = detect(&String::from_utf8_lossy(&bytes)).name;
            out.push((format, path.display().to_string(), bytes));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let fixtures = fixtures();
    let mut group = c.benchmark_group("fixtures");
    let mut formats: Vec<&str> = fixtures.iter().map(|f| f.0).collect();
    formats.sort_unstable();
    formats.dedup();
    for format in formats {
        let files: Vec<_> = fixtures.iter().filter(|f| f.0 == format).collect();
        let bytes: usize = files.iter().map(|f| f.2.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format, |b| {
            b.iter(|| {
                for (_, name, data) in &files {
                    black_box(read(name, black_box(data), &opts));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("generated_1mb");
    group.sample_size(10);
    for (format, text) in generated() {
        assert_eq!(
            detect(&text).name,
            format,
            "generated input detected as another format"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format, |b| {
            b.iter(|| black_box(read(format, black_box(text.as_bytes()), &opts)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
