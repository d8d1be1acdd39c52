//! A fixed workload for profilers and an output dump for regression checks.
//!
//! `cargo run --release -p almanac-time --example time_profile -- run [MIB] [ROUNDS]` annotates the
//! seeds and MIB MiB (default 4) of the same generated text as the criterion bench, ROUNDS times
//! (default 1): run it under `valgrind --tool=callgrind` for stable instruction counts.
//!
//! `... --example time_profile -- lines REF` annotates each stdin line against REF.
//!
//! `... --example time_profile -- dump [DIR]` prints every expression found in every file under
//! DIR (default `fixtures/`) and in 256 KiB of generated text, with and without a reference date: diff two
//! dumps to prove an optimization changed no output.

use almanac_time::{annotate, parse_reference};

#[path = "../benches/support/generated.rs"]
mod generated;
use generated::generated;

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[allow(clippy::print_stdout)]
fn dump(text: &str, name: &str) {
    let reference = parse_reference("2023-04-25T10:27:40").ok();
    for r in [reference, None] {
        for t in annotate(text, r) {
            println!(
                "{name}\t{}\t{:?}\t{:?}\t{}\t{:?}\t{:?}\t{:?}\t{}",
                r.is_some(),
                t.span,
                t.kind,
                t.value,
                t.granularity as u8,
                t.anchor,
                t.modifier,
                text.get(t.span.clone()).unwrap_or("?")
            );
        }
    }
}

#[allow(clippy::print_stdout)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = match (args.first().map(String::as_str), args.get(1)) {
        (Some("dump"), Some(dir)) => std::path::PathBuf::from(dir),
        _ => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
    };
    if args.first().map(String::as_str) == Some("lines") {
        // one document per stdin line, against the reference in the second argument
        let reference = args.get(1).and_then(|r| parse_reference(r).ok());
        for line in std::io::stdin().lines().map_while(Result::ok) {
            let found: Vec<String> = annotate(&line, reference)
                .iter()
                .map(|t| format!("[{}] {:?} {}", &line[t.span.clone()], t.kind, t.value))
                .collect();
            println!("{line}\n    {}", found.join("  "));
        }
        return;
    }
    if args.first().map(String::as_str) == Some("dump") {
        let mut paths = Vec::new();
        files(&root, &mut paths);
        paths.sort();
        for p in paths {
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let name = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            dump(&text, &name);
            // line by line too: every line is a short document of its own
            for (n, line) in text.lines().enumerate() {
                dump(line, &format!("{name}:{n}"));
            }
        }
        dump(&generated(256 << 10), "generated");
        return;
    }
    let mib: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(4);
    let rounds: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut seeds = String::new();
    let mut paths = Vec::new();
    files(&root.join("seeds"), &mut paths);
    paths.sort();
    for p in paths {
        seeds.push_str(&std::fs::read_to_string(p).unwrap_or_default());
    }
    let big = generated(mib << 20);
    let reference = parse_reference("2023-04-25T10:27:40").ok();
    let mut found = 0;
    for _ in 0..rounds {
        found += annotate(&seeds, reference).len();
        found += annotate(&big, reference).len();
    }
    println!("{found} expressions");
}
