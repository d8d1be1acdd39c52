//! Snapshots of the facts extracted from every document fixture (`fixtures/seeds`,
//! `fixtures/formats`, `fixtures/articles`), one fact per line in sentence order, and of the
//! merged timeline of all of them. Adding a fixture adds a snapshot, with no new test code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use almanac_extract::{Extractor, merge, render_fact, timeline};
use almanac_model::{Document, Fact};
use almanac_parse::{Options, read_with_sidecar};
use almanac_parse::{SIDECAR_SUFFIX, Sidecar};

const KINDS: &[&str] = &["seeds", "formats", "articles"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// The fixture's path relative to `fixtures/`, stable across machines.
fn label(path: &Path) -> String {
    let root = fixtures();
    path.strip_prefix(&root)
        .or_else(|_| path.strip_prefix(root.canonicalize().unwrap_or_default()))
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Whether `path` is a sidecar (`FILE.meta.json`): metadata for another file, not a document.
fn is_sidecar(path: &Path) -> bool {
    path.to_string_lossy().ends_with(SIDECAR_SUFFIX)
}

/// The documents of one file, with its sidecar applied as the app applies it.
fn documents(path: &Path) -> Vec<Document> {
    if is_sidecar(path) {
        return Vec::new();
    }
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut meta = path.as_os_str().to_owned();
    meta.push(SIDECAR_SUFFIX);
    let sidecar = std::fs::read_to_string(&meta)
        .ok()
        .map(|text| Sidecar::parse(&format!("{}{SIDECAR_SUFFIX}", label(path)), &text));
    read_with_sidecar(&label(path), &bytes, &Options::default(), sidecar.as_ref()).documents
}

/// Renders the facts of the documents of one file, one per line.
fn check(path: &Path) -> String {
    let extractor = Extractor::new();
    let mut out = String::new();
    for doc in documents(path) {
        let date = doc
            .reference_date()
            .map_or("undated".to_owned(), |d| d.to_string());
        writeln!(out, "--- {} ({date})", doc.path).ok();
        for f in extractor.extract(&doc) {
            let span = &f.sources[0].span;
            writeln!(
                out,
                "{}..{}  {}",
                span.start,
                span.end,
                render_fact(&f, true)
            )
            .ok();
        }
    }
    out
}

#[test]
fn facts() {
    insta::glob!("../../fixtures", "{seeds,formats,articles}/*", |path| {
        if is_sidecar(path) {
            return;
        }
        insta::assert_snapshot!(check(path));
    });
}

#[test]
fn merged_timeline() {
    let extractor = Extractor::new();
    let mut files: Vec<PathBuf> = KINDS
        .iter()
        .flat_map(|k| std::fs::read_dir(fixtures().join(k)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let facts: Vec<Fact> = files
        .iter()
        .flat_map(|p| documents(p))
        .flat_map(|d| extractor.extract(&d))
        .collect();
    let merged = merge(facts);
    let mut out = String::new();
    for e in timeline(&merged, None) {
        let date = match (&e.date, e.approximate) {
            (Some(d), false) => d.clone(),
            (Some(d), true) => format!("~{d}"),
            (None, _) => "undated".to_owned(),
        };
        writeln!(out, "{date:<12} {}", render_fact(&e.fact, false)).ok();
        for s in &e.fact.sources {
            writeln!(
                out,
                "             source {} {}..{} ({})",
                s.doc_path, s.span.start, s.span.end, s.rule
            )
            .ok();
        }
        for c in &e.fact.conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|(v, ix)| format!("{v} {ix:?}"))
                .collect();
            writeln!(
                out,
                "             CONFLICT {}: {}",
                c.field,
                values.join(" vs ")
            )
            .ok();
        }
        if let almanac_model::FactKind::Event(ev) = &e.fact.kind
            && let Some(note) = ev.time.as_ref().and_then(|t| t.note.as_ref())
        {
            writeln!(out, "             note: {note}").ok();
        }
    }
    insta::assert_snapshot!(out);
}
