//! Snapshot of what `almanac_parse::read` makes of every file under `fixtures/seeds`,
//! `fixtures/formats`, `fixtures/damaged`, `fixtures/articles` and `fixtures/html` (one page
//! per main-text or metadata failure class): adding a file adds a
//! snapshot, with no new test code. A sidecar `FILE.meta.json` is applied to `FILE`, as
//! `almanac` does, and gets no snapshot of its own.
//!
//! The rendering is plain text, one field per line, paragraphs in order (subheads marked). Sentence ranges are
//! left out: they belong to the sentence splitter, not to the parsers.

use std::fmt::Write as _;
use std::path::Path;

use almanac_model::{DocDate, Document};
use almanac_parse::Parsed;

/// Renders a date on one line: `explicit 2020-01-21 06:05:00 +09:00 (Minute) from "..."`.
fn date(d: &DocDate) -> String {
    let mut out = format!("{:?}", d.known).to_lowercase();
    if let Some(local) = d.local {
        write!(out, " {local}").ok();
    }
    if let Some(offset) = d.utc_offset_seconds {
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.unsigned_abs();
        write!(out, " {sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60).ok();
    }
    if let Some(age) = d.relative {
        write!(out, " {} {:?} before capture", age.amount, age.unit).ok();
    }
    write!(out, " ({:?})", d.granularity).ok();
    if let Some(source) = &d.source_text {
        write!(out, " from {source:?}").ok();
    }
    if let Some(note) = &d.note {
        write!(out, "; {note}").ok();
    }
    out
}

/// Renders one document.
fn document(out: &mut String, doc: &Document) {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "--- {} [{}] id {}", doc.path, doc.format, doc.id).ok();
    writeln!(out, "title: {}", opt(&doc.title)).ok();
    if let Some(h) = &doc.alt_headline {
        writeln!(
            out,
            "alt_headline: ({}) {}",
            h.lang.as_deref().unwrap_or("?"),
            h.text
        )
        .ok();
    }
    writeln!(out, "published: {}", date(&doc.published)).ok();
    if let Some(u) = &doc.updated {
        writeln!(out, "updated: {}", date(u)).ok();
    }
    writeln!(out, "outlet: {}", opt(&doc.outlet)).ok();
    writeln!(out, "authors: {}", doc.authors.join("; ")).ok();
    writeln!(out, "url: {}", opt(&doc.url)).ok();
    writeln!(out, "tags: {}", doc.tags.join(", ")).ok();
    writeln!(out, "diagnostics:").ok();
    for d in &doc.diagnostics {
        writeln!(out, "  {d}").ok();
    }
    writeln!(out, "paragraphs: {}", doc.body.paragraphs.len()).ok();
    for (n, r) in doc.body.paragraphs.iter().enumerate() {
        let subhead = if doc.body.subheads.contains(r) {
            "(subhead) "
        } else {
            ""
        };
        writeln!(
            out,
            "  [{}] {subhead}{}",
            n + 1,
            doc.body.text.get(r.clone()).unwrap_or("<bad range>")
        )
        .ok();
    }
}

/// Reads one fixture file with its sidecar, as the app reads it, and renders the result.
fn check(path: &Path) -> String {
    let Parsed {
        documents,
        diagnostics,
    } = crate::corpus::read_fixture(path);
    let label = crate::corpus::relative(path);
    let mut out = format!("file: {label}\ndocuments: {}\n", documents.len());
    for d in &diagnostics {
        writeln!(out, "file diagnostic: {d}").ok();
    }
    for doc in &documents {
        document(&mut out, doc);
    }
    out
}

#[test]
fn parsed() {
    insta::glob!(
        "../../fixtures",
        "{seeds,formats,damaged,articles,html}/*",
        |path| {
            // a sidecar is not a document: it shows in the snapshot of the file it describes
            if crate::corpus::is_document(path) {
                insta::assert_snapshot!(check(path));
            }
        }
    );
}
