//! Snapshots of the facts extracted from every document fixture (`fixtures/seeds`,
//! `fixtures/formats`, `fixtures/articles`), one fact per line in sentence order, and of the
//! merged timeline of all of them. Adding a fixture adds a snapshot, with no new test code.

use std::fmt::Write as _;
use std::path::Path;

use almanac_extract::{Extractor, merge, render_fact, timeline};
use almanac_model::Fact;

const KINDS: &[&str] = &["seeds", "formats", "articles"];

/// Renders the facts of the documents of one file, one per line.
fn check(path: &Path) -> String {
    let extractor = Extractor::new();
    let mut out = String::new();
    for doc in crate::corpus::read_fixture(path).documents {
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
        if !crate::corpus::is_document(path) {
            return;
        }
        insta::assert_snapshot!(check(path));
    });
}

#[test]
fn merged_timeline() {
    let extractor = Extractor::new();
    let facts: Vec<Fact> = crate::corpus::read_folders(KINDS, "")
        .documents
        .iter()
        .flat_map(|d| extractor.extract(d))
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
