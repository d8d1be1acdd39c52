//! Data-driven cases for `annotate`: every line of `tests/cases.tsv` is
//! `TEXT<TAB>REFERENCE<TAB>TYPE<TAB>VALUE[<TAB>MOD]`, where TEXT marks one expression as
//! `[[...]]`, REFERENCE is `YYYY-MM-DD[THH:MM:SS]` or `-` (unknown), and TYPE `NONE` says
//! nothing may be found overlapping the marked text (a false-positive guard).

use almanac_time::{TimeExpr, annotate, parse_reference};

/// One parsed case line.
struct Case<'a> {
    line: usize,
    raw: &'a str,
    reference: &'a str,
    kind: &'a str,
    value: &'a str,
    modifier: Option<&'a str>,
}

/// Runs one case; returns a failure message or `None`.
fn check(case: &Case) -> Option<String> {
    let (Some(open), Some(close)) = (case.raw.find("[["), case.raw.find("]]")) else {
        return Some(format!("line {}: no [[...]] marks", case.line));
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
    let show = |f: &[TimeExpr]| {
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
    if case.kind == "NONE" {
        let overlapping: Vec<TimeExpr> = found
            .iter()
            .filter(|e| e.span.start < span.end && span.start < e.span.end)
            .cloned()
            .collect();
        return (!overlapping.is_empty()).then(|| {
            format!(
                "line {}: {:?} expected nothing at {:?}, found {}",
                case.line,
                text,
                &text[span.clone()],
                show(&overlapping)
            )
        });
    }
    let exact = found.iter().find(|e| e.span == span);
    let ok = exact.is_some_and(|e| {
        json_kind(e) == case.kind
            && e.value == case.value
            && case
                .modifier
                .is_none_or(|m| e.modifier.map(|x| format!("{x:?}")).as_deref() == Some(m))
    });
    (!ok).then(|| {
        format!(
            "line {}: {:?} [ref {}] expected {:?}={} {}{} found {}",
            case.line,
            text,
            case.reference,
            &text[span.clone()],
            case.kind,
            case.value,
            case.modifier.map(|m| format!(" {m}")).unwrap_or_default(),
            show(&found)
        )
    })
}

fn json_kind(e: &TimeExpr) -> String {
    serde_json_kind(e.kind)
}

fn serde_json_kind(k: almanac_time::TimexType) -> String {
    format!("{k:?}").to_uppercase()
}

#[test]
fn cases_table() {
    let table = include_str!("cases.tsv");
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
        });
    }
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(check).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
