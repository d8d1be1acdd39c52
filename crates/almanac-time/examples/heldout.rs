//! Scores `annotate` on the held-out set `fixtures/time/heldout.tsv` (value F1, TempEval
//! style: a found expression counts when its span overlaps a gold one and its value is equal).
//! Not part of CI; run with `cargo run -p almanac-time --example heldout [-- --verbose]`.

use almanac_time::{annotate, parse_reference};

/// One gold annotation: byte span in the stripped sentence, type and value.
struct Gold {
    span: std::ops::Range<usize>,
    kind: String,
    value: String,
}

/// Strips `[[span|TYPE|value]]` marks from `marked`, returning the text and the gold list.
fn strip(marked: &str) -> (String, Vec<Gold>) {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").expect("closing ]]");
        let mut parts = after[..close].split('|');
        let span_text = parts.next().unwrap_or_default();
        let kind = parts.next().unwrap_or_default().to_string();
        let value = parts.next().unwrap_or_default().to_string();
        let start = text.len();
        text.push_str(span_text);
        gold.push(Gold {
            span: start..text.len(),
            kind,
            value,
        });
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, gold)
}

#[allow(clippy::print_stdout)]
fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let table = include_str!("../../../fixtures/time/heldout.tsv");
    let (mut found_n, mut gold_n, mut span_ok, mut value_ok, mut type_ok) = (0, 0, 0, 0, 0);
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((reference, marked)) = line.split_once('\t') else {
            continue;
        };
        let reference =
            (reference != "none").then(|| parse_reference(reference).expect("reference"));
        let (text, gold) = strip(marked);
        let found = annotate(&text, reference);
        found_n += found.len();
        gold_n += gold.len();
        for g in &gold {
            let hit = found
                .iter()
                .find(|f| f.span.start < g.span.end && g.span.start < f.span.end);
            match hit {
                Some(f) => {
                    span_ok += 1;
                    let kind = format!("{:?}", f.kind).to_uppercase();
                    if kind == g.kind {
                        type_ok += 1;
                    }
                    if f.value == g.value {
                        value_ok += 1;
                    } else if verbose {
                        println!(
                            "VALUE  {:?}: {:?} gold {} found {} ({:?})",
                            text,
                            &text[g.span.clone()],
                            g.value,
                            f.value,
                            &text[f.span.clone()]
                        );
                    }
                }
                None if verbose => println!(
                    "MISSED {:?}: {:?} = {}",
                    text,
                    &text[g.span.clone()],
                    g.value
                ),
                None => {}
            }
        }
        if verbose {
            for f in &found {
                if !gold
                    .iter()
                    .any(|g| f.span.start < g.span.end && g.span.start < f.span.end)
                {
                    println!(
                        "EXTRA  {:?}: {:?} = {}",
                        text,
                        &text[f.span.clone()],
                        f.value
                    );
                }
            }
        }
    }
    let f1 = |ok: usize| {
        let p = ok as f64 / found_n.max(1) as f64;
        let r = ok as f64 / gold_n.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    println!("gold {gold_n}  found {found_n}");
    println!("span F1 (overlap)  {:.3}", f1(span_ok));
    println!("type F1            {:.3}", f1(type_ok));
    println!("value F1           {:.3}", f1(value_ok));
}
