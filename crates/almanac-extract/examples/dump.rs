//! Prints the facts of the files given as arguments, one per line (a debugging aid):
//! `cargo run -p almanac-extract --example dump -- fixtures/seeds/*`.

#![allow(clippy::print_stdout)]

fn main() {
    let extractor = almanac_extract::Extractor::new();
    let mut all = Vec::new();
    // read as the app reads a folder: a sidecar given among the files applies to its file
    let files: Vec<(String, Vec<u8>)> = std::env::args()
        .skip(1)
        .filter_map(|path| Some((path.clone(), std::fs::read(&path).ok()?)))
        .collect();
    let parsed = almanac_parse::read_files(
        files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        &almanac_parse::Options::default(),
    );
    for doc in &parsed.documents {
        println!(
            "== {} ({:?}) date {:?}",
            doc.path,
            doc.title,
            doc.reference_date()
        );
        for (_, s) in doc.sentences() {
            println!("   | {s}");
        }
        let facts = extractor.extract(doc);
        for f in &facts {
            println!("  {}", almanac_extract::render_fact(f, true));
        }
        all.extend(facts);
    }
    println!("== merged timeline");
    let merged = almanac_extract::merge(all);
    for e in almanac_extract::timeline(&merged, None) {
        println!(
            "  {:?}{} {}",
            e.date,
            if e.approximate { "~" } else { "" },
            almanac_extract::render_fact(&e.fact, true)
        );
    }
}
