//! Data-driven cases for `annotate`: every line of `tests/cases.tsv` and of the per-family
//! tables in `tests/cases/` is
//! `TEXT<TAB>REFERENCE<TAB>TYPE<TAB>VALUE[<TAB>MOD[<TAB>FIXME today]]`, where TEXT marks one
//! expression as `[[...]]`, REFERENCE is `YYYY-MM-DD[THH:MM:SS]` or `-` (unknown), and TYPE
//! `NONE` says nothing may be found overlapping the marked text (a false-positive guard).
//!
//! A sixth column `FIXME ...` marks a case that still fails: TYPE and VALUE say what is wanted,
//! and the column records what is found today overlapping the marked text, which the test
//! asserts (so a fix, or a new regression, shows up as a failure). Run with `CASES_BLESS=1`
//! to rewrite the FIXME columns of the tables from today's output after a change; review the
//! diff before committing it.

use almanac_time::{Prefer, Scanned, TimeExpr, annotate, annotate_with, parse_reference};

/// The case tables: (path relative to the crate, contents).
const TABLES: &[(&str, &str)] = &[
    ("tests/cases.tsv", include_str!("cases.tsv")),
    (
        "tests/cases/anaphora.tsv",
        include_str!("cases/anaphora.tsv"),
    ),
    (
        "tests/cases/direction.tsv",
        include_str!("cases/direction.tsv"),
    ),
    (
        "tests/cases/granularity.tsv",
        include_str!("cases/granularity.tsv"),
    ),
    ("tests/cases/vague.tsv", include_str!("cases/vague.tsv")),
    (
        "tests/cases/not_times.tsv",
        include_str!("cases/not_times.tsv"),
    ),
    (
        "tests/cases/durations.tsv",
        include_str!("cases/durations.tsv"),
    ),
    ("tests/cases/ranges.tsv", include_str!("cases/ranges.tsv")),
    (
        "tests/cases/times_of_day.tsv",
        include_str!("cases/times_of_day.tsv"),
    ),
    (
        "tests/cases/compositions.tsv",
        include_str!("cases/compositions.tsv"),
    ),
    (
        "tests/cases/holidays.tsv",
        include_str!("cases/holidays.tsv"),
    ),
    (
        "tests/cases/calendars.tsv",
        include_str!("cases/calendars.tsv"),
    ),
];

/// One parsed case line.
struct Case<'a> {
    line: usize,
    raw: &'a str,
    reference: &'a str,
    kind: &'a str,
    value: &'a str,
    modifier: Option<&'a str>,
    /// What is found today, for a case that still fails (`FIXME` column, without the word).
    fixme: Option<&'a str>,
}

/// What one case finds today.
enum Outcome {
    /// As wanted.
    Pass,
    /// Not as wanted: a message, and the findings overlapping the marked text.
    Fail(String, String),
}

/// Runs one case.
fn run(case: &Case) -> Outcome {
    let (Some(open), Some(close)) = (case.raw.find("[["), case.raw.find("]]")) else {
        return Outcome::Fail(
            format!("line {}: no [[...]] marks", case.line),
            String::new(),
        );
    };
    let text = format!(
        "{}{}{}",
        &case.raw[..open],
        &case.raw[open + 2..close],
        &case.raw[close + 2..]
    );
    let span = open..close - 2;
    let reference = match case.reference {
        "-" => None,
        r => Some(parse_reference(r).expect("case reference parses")),
    };
    let found = annotate(&text, reference);
    let show = |f: &[&TimeExpr]| {
        if f.is_empty() {
            return "nothing".to_string();
        }
        f.iter()
            .map(|e| {
                format!(
                    "{:?}={} {}{}",
                    &text[e.span.clone()],
                    json_kind(e),
                    e.value,
                    e.modifier.map(|m| format!(" {m:?}")).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let overlapping: Vec<&TimeExpr> = found
        .iter()
        .filter(|e| e.span.start < span.end && span.start < e.span.end)
        .collect();
    let today = show(&overlapping);
    let ok = if case.kind == "NONE" {
        overlapping.is_empty()
    } else {
        found.iter().find(|e| e.span == span).is_some_and(|e| {
            json_kind(e) == case.kind
                && e.value == case.value
                && case
                    .modifier
                    .is_none_or(|m| e.modifier.map(|x| format!("{x:?}")).as_deref() == Some(m))
        })
    };
    if ok {
        return Outcome::Pass;
    }
    Outcome::Fail(
        format!(
            "line {}: {:?} [ref {}] expected {:?}={} {}{} found {}",
            case.line,
            text,
            case.reference,
            &text[span.clone()],
            case.kind,
            case.value,
            case.modifier.map(|m| format!(" {m}")).unwrap_or_default(),
            show(&found.iter().collect::<Vec<_>>())
        ),
        today,
    )
}

/// Checks one case against its FIXME column; returns a failure message or `None`.
fn check(case: &Case) -> Option<String> {
    match (run(case), case.fixme) {
        (Outcome::Pass, None) => None,
        (Outcome::Pass, Some(_)) => Some(format!(
            "line {}: fixed, remove the FIXME column: {}",
            case.line, case.raw
        )),
        (Outcome::Fail(msg, _), None) => Some(msg),
        (Outcome::Fail(_, today), Some(want)) if today == want => None,
        (Outcome::Fail(msg, today), Some(want)) => Some(format!(
            "{msg}\n    FIXME says today is {want}\n    but today is {today}"
        )),
    }
}

fn json_kind(e: &TimeExpr) -> String {
    format!("{:?}", e.kind).to_uppercase()
}

/// Parses the cases of one table.
fn parse(table: &str) -> Vec<Case<'_>> {
    let mut cases = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 4,
            "line {}: needs 4 tab-separated columns: {line:?}",
            n + 1
        );
        cases.push(Case {
            line: n + 1,
            raw: cols[0],
            reference: cols[1],
            kind: cols[2],
            value: cols[3],
            modifier: cols.get(4).copied().filter(|m| !m.is_empty()),
            fixme: cols.get(5).and_then(|f| f.strip_prefix("FIXME ")),
        });
    }
    cases
}

/// Rewrites the FIXME column of every case of `table` from today's output.
fn bless(table: &str) -> String {
    let mut out = String::new();
    for line in table.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() || line.starts_with('#') || cols.len() < 4 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let case = Case {
            line: 0,
            raw: cols[0],
            reference: cols[1],
            kind: cols[2],
            value: cols[3],
            modifier: cols.get(4).copied().filter(|m| !m.is_empty()),
            fixme: None,
        };
        let keep = cols[..cols.len().min(5)].join("\t");
        match run(&case) {
            Outcome::Pass => out.push_str(keep.trim_end_matches('\t')),
            Outcome::Fail(_, today) => {
                out.push_str(&keep);
                if cols.len() < 5 {
                    out.push('\t');
                }
                out.push_str("\tFIXME ");
                out.push_str(&today);
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn cases_table() {
    if std::env::var_os("CASES_BLESS").is_some() {
        for (path, table) in TABLES {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            std::fs::write(&path, bless(table)).expect("table written");
        }
    }
    let mut failures = Vec::new();
    let mut total = 0;
    for (path, table) in TABLES {
        let cases = parse(table);
        total += cases.len();
        failures.extend(
            cases
                .iter()
                .filter_map(check)
                .map(|f| format!("{path}: {f}")),
        );
    }
    assert!(total >= 100, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// How many cases of each table pass and how many are still FIXME: a summary to read with
/// `cargo test -p almanac-time --test cases -- --nocapture`.
#[test]
fn cases_summary() {
    for (path, table) in TABLES {
        let cases = parse(table);
        let fixme = cases.iter().filter(|c| c.fixme.is_some()).count();
        let line = format!(
            "{path}: {} cases, {} pass, {fixme} FIXME",
            cases.len(),
            cases.len() - fixme
        );
        assert!(!line.is_empty());
        let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{line}\n").as_bytes());
    }
}

/// [`Scanned`] resolves every case text as `annotate_with` does, under the case's
/// reference, other references, none, and each direction policy: scanning once and
/// resolving later changes nothing.
#[test]
fn a_scanned_text_resolves_as_annotating_it_does() {
    let others = ["2001-01-01", "2016-02-29T23:30:00", "2024-12-31"];
    let mut expressions = 0;
    for (_, table) in TABLES {
        for case in parse(table) {
            let text = case.raw.replace("[[", "").replace("]]", "");
            let references: Vec<_> = std::iter::once(case.reference)
                .chain(others)
                .map(|r| parse_reference(r).ok())
                .chain([None])
                .collect();
            for prefer in [Prefer::Auto, Prefer::Past, Prefer::Future] {
                let scanned = Scanned::new(&text, prefer);
                assert_eq!(scanned.text(), text);
                for &r in &references {
                    let annotated = annotate_with(&text, r, prefer);
                    expressions += annotated.len();
                    assert_eq!(scanned.resolve(r), annotated, "{text:?} {r:?} {prefer:?}");
                }
            }
        }
    }
    assert!(expressions >= 1000, "only {expressions} expressions");
}
