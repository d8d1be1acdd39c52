//! The labelled question set of `fixtures/qa/` (hand-written documents and questions with
//! their expected values): every answer with its `:why`, whether it is right, and a summary
//! with the calibration table (answers given per confidence bin, and how many were right).
//!
//! A change to extraction, retrieval or scoring shows up here as a diff of verdicts.

use std::fmt::Write as _;

use almanac_ask::Session;
use serde_json::Value;

fn session() -> Session {
    let documents = crate::corpus::read_folders(&["qa/docs"], "fixtures/").documents;
    Session::from_documents(&almanac_extract::Extractor::new(), &documents)
}

/// Whether an answer matches the expectation: the value (TIMEX3 equal, numbers within 0.5%)
/// or one of the `any_of` substrings in the answer text or value.
fn right(expect: &Value, text: Option<&str>, value: Option<&str>) -> bool {
    if let (Some(want), Some(got)) = (expect.get("value"), value) {
        match want {
            Value::String(w) if w.eq_ignore_ascii_case(got) => return true,
            Value::Number(n) => {
                let got = got.split(' ').next().unwrap_or("").trim_end_matches('%');
                if let (Some(w), Ok(g)) = (n.as_f64(), got.replace(',', "").parse::<f64>())
                    && (w - g).abs() <= 0.005 * w.abs()
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    let hay = format!("{} {}", text.unwrap_or(""), value.unwrap_or("")).to_lowercase();
    expect
        .get("any_of")
        .and_then(Value::as_array)
        .is_some_and(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .any(|s| !s.is_empty() && hay.contains(&s.to_lowercase()))
        })
}

#[test]
fn labelled_questions() {
    let mut session = session();
    let lines = std::fs::read_to_string(crate::corpus::fixtures().join("qa/questions.jsonl"))
        .unwrap_or_default();
    let mut body = String::new();
    let (mut n, mut answerable, mut right_n, mut wrong_n, mut abstained_ok, mut hallucinated) =
        (0, 0, 0, 0, 0, 0);
    let mut bins = [(0usize, 0usize); 5];
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let q: Value = serde_json::from_str(line).expect("questions.jsonl holds JSON lines");
        let question = q["question"].as_str().unwrap_or_default();
        let can = q["answerable"].as_bool().unwrap_or(false);
        session.reset();
        let answer = session.answer(question);
        n += 1;
        answerable += usize::from(can);
        let verdict = match (&answer.text, can) {
            (None, false) => {
                abstained_ok += 1;
                "right (abstained)"
            }
            (None, true) => "MISSED (abstained)",
            (Some(_), false) => {
                hallucinated += 1;
                "WRONG (no answer expected)"
            }
            (Some(t), true) => {
                if right(&q["expect"], Some(t), answer.value.as_deref()) {
                    right_n += 1;
                    "right"
                } else {
                    wrong_n += 1;
                    "WRONG"
                }
            }
        };
        if answer.text.is_some() {
            let bin = ((answer.confidence * 10.0) as usize).clamp(5, 9) - 5;
            bins[bin].0 += 1;
            bins[bin].1 += usize::from(verdict == "right");
        }
        let _ = writeln!(body, "{} Q: {question}", q["id"].as_str().unwrap_or("?"));
        let _ = writeln!(body, "expect {}", q["expect"]);
        match &answer.text {
            Some(t) => {
                let _ = writeln!(
                    body,
                    "A: {t}  [{}]  ({:.2})",
                    answer.value.as_deref().unwrap_or("-"),
                    answer.confidence
                );
            }
            None => {
                let _ = writeln!(body, "A: (no answer)  ({:.2})", answer.confidence);
            }
        }
        let _ = writeln!(body, "verdict: {verdict}");
        let why = answer.explanation.to_string();
        for l in why
            .lines()
            .filter(|l| l.starts_with("read ") || l.starts_with("e1.") || l.starts_with("note:"))
        {
            let _ = writeln!(body, "  {l}");
        }
        body.push('\n');
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{n} questions ({answerable} answerable): right {right_n}, wrong {wrong_n}, \
         abstained on unanswerable {abstained_ok}/{}, answered unanswerable {hallucinated}",
        n - answerable
    );
    let _ = writeln!(
        out,
        "calibration (answers given per confidence bin: right/given):"
    );
    for (i, (given, ok)) in bins.iter().enumerate() {
        if *given > 0 {
            let lo = 0.5 + 0.1 * i as f32;
            let _ = writeln!(out, "  {lo:.1}..{:.1}: {ok}/{given}", lo + 0.1);
        }
    }
    out.push('\n');
    out.push_str(&body);
    insta::assert_snapshot!(out);
}
