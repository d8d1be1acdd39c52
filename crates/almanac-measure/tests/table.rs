//! Data-driven cases for `find_amounts`: one case per line of `amounts.txt`.

use almanac_measure::{Amount, AmountKind, Approx, find_amounts};

/// The case table (see its header for the format).
const TABLE: &str = include_str!("amounts.txt");

/// One amount as `[span text] value kind approx =equivalent`.
fn render(text: &str, a: &Amount) -> String {
    let kind = match &a.kind {
        AmountKind::Money { currency } => currency.clone(),
        AmountKind::Percent => "%".into(),
        AmountKind::Count { unit } => format!("count:{unit}"),
        AmountKind::Number => "number".into(),
    };
    let mut out = format!("[{}] {} {kind}", &text[a.span.clone()], a.value);
    match a.approx {
        Approx::Exact => {}
        Approx::About => out.push_str(" about"),
        Approx::AtLeast => out.push_str(" at_least"),
        Approx::AtMost => out.push_str(" at_most"),
    }
    if let Some(e) = a.equivalent {
        out.push_str(&format!(" ={e}"));
    }
    out
}

/// Runs one case: the amounts found in `text`, rendered and joined with ` ; `, must equal
/// `want` (`none` for no amounts). Returns a failure message instead of panicking so every
/// failing line is reported at once.
fn check(line: usize, text: &str, want: &str) -> Option<String> {
    let found: Vec<String> = find_amounts(text).iter().map(|a| render(text, a)).collect();
    let got = if found.is_empty() {
        "none".to_string()
    } else {
        found.join(" ; ")
    };
    (got != want).then(|| format!("line {line}: {text:?}\n   want: {want}\n    got: {got}"))
}

#[test]
fn table() {
    let mut cases = 0;
    let mut failures = Vec::new();
    for (i, line) in TABLE.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (text, want) = line
            .split_once(" => ")
            .unwrap_or_else(|| panic!("line {}: no ' => ' in {line:?}", i + 1));
        cases += 1;
        failures.extend(check(i + 1, text, want.trim()));
    }
    assert!(cases >= 150, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
