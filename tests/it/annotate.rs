//! Snapshots of what `almanac annotate` finds (times and money) in every `fixtures/time/*.txt`
//! file and every seed document in `fixtures/seeds/`.
//!
//! A `fixtures/time` file starts with `ref: YYYY-MM-DDTHH:MM:SS` (or `ref: none`) and the rest
//! is the text. Seeds are annotated as raw text, with the reference date that
//! the app finds in the document (`Document::reference_date`, sidecar applied), as the CLI
//! would be called. One finding per line, sorted by span, byte offsets.

use std::fmt::Write as _;

use almanac_measure::{AmountKind, Approx, find_amounts};
use almanac_time::{annotate, parse_reference};
use chrono::NaiveDateTime;

/// Renders the findings in `text`, one per line, sorted by span.
fn render(text: &str, reference: Option<NaiveDateTime>) -> String {
    let mut lines: Vec<(usize, usize, String)> = Vec::new();
    for t in annotate(text, reference) {
        let kind = format!("{:?}", t.kind).to_uppercase();
        let modifier = t.modifier.map(|m| format!("  [{m:?}]")).unwrap_or_default();
        lines.push((
            t.span.start,
            t.span.end,
            format!(
                "{}..{}  {kind}  {:?}  = {}{modifier}",
                t.span.start,
                t.span.end,
                &text[t.span.clone()],
                t.value
            ),
        ));
    }
    for a in find_amounts(text) {
        if let AmountKind::Money { currency } = &a.kind {
            let approx = if a.approx == Approx::Exact { "" } else { "~" };
            lines.push((
                a.span.start,
                a.span.end,
                format!(
                    "{}..{}  MONEY  {:?}  = {approx}{} {currency}",
                    a.span.start,
                    a.span.end,
                    &text[a.span.clone()],
                    a.value
                ),
            ));
        }
    }
    lines.sort();
    let mut out = format!(
        "reference: {}\n",
        reference.map_or("none".to_string(), |r| r.to_string())
    );
    for (_, _, line) in lines {
        writeln!(out, "{line}").ok();
    }
    out
}

/// Snapshot helper: renders `text` against `reference`.
fn check(text: &str, reference: Option<NaiveDateTime>) {
    insta::assert_snapshot!(render(text, reference));
}

#[test]
fn annotate_time_fixtures() {
    insta::glob!("../../fixtures", "time/*.txt", |path| {
        let raw = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let (first, text) = raw.split_once('\n').expect("fixture has a ref line");
        let reference = match first.trim().strip_prefix("ref:").map(str::trim) {
            Some("none") => None,
            Some(r) => Some(parse_reference(r).expect("fixture ref parses")),
            None => panic!(
                "{} must start with `ref: DATE` or `ref: none`",
                path.display()
            ),
        };
        check(text, reference);
    });
}

#[test]
fn annotate_seed_documents() {
    insta::glob!("../../fixtures", "seeds/*", |path| {
        if !crate::corpus::is_document(path) {
            return;
        }
        let bytes = std::fs::read(path).expect("seed readable");
        let parsed = crate::corpus::read_fixture(path);
        let reference = parsed.documents.first().and_then(|d| d.reference_date());
        check(&String::from_utf8_lossy(&bytes), reference);
    });
}
