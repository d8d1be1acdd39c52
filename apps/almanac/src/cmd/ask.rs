//! `almanac ask`: one question, or one per input line with `--jsonl`.
//!
//! `--jsonl` reads lines `{"id": ..., "question": "..."}` from stdin and writes one line per
//! question: `{"id","answer","value","confidence","source":{"doc","title","date","sentence"}}`,
//! with `answer`, `value` and `source` null when almanac abstains. Questions share one
//! session, so a line may follow up on the previous one.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use almanac_ask::{Answer, Session};
use anyhow::Context;
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::{corpus, pipeline};

/// Arguments of `almanac ask`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The question, e.g. "when did Japan lift export restrictions on South Korea?".
    #[arg(required_unless_present = "jsonl")]
    question: Option<String>,
    /// Documents or folders to read instead of the bundled fixtures.
    #[arg(long, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// The date the documents were captured (YYYY-MM-DD), to resolve ages like "5 years ago".
    #[arg(long)]
    captured: Option<NaiveDate>,
    /// Print the answer as one JSON object.
    #[arg(long)]
    json: bool,
    /// Read `{"id","question"}` lines on stdin; write one JSON answer line each.
    #[arg(long, conflicts_with = "question")]
    jsonl: bool,
}

/// Reads the corpus (the bundled fixtures when `paths` is empty), extracts its facts and
/// opens a session over them. Shared by `ask` and the REPL.
pub fn open_session(
    paths: &[PathBuf],
    captured: Option<NaiveDate>,
    progress: bool,
) -> anyhow::Result<(Session, corpus::Loaded)> {
    let loaded = if paths.is_empty() {
        corpus::bundled(captured)
    } else {
        corpus::load(paths, captured, progress)?
    };
    let (facts, evidence) = pipeline::extract_all_with_evidence(&loaded.documents);
    let session = Session::with_evidence(facts, &loaded.documents, evidence);
    Ok((session, loaded))
}

/// Runs `almanac ask`.
#[allow(clippy::print_stdout)]
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (mut session, _) = open_session(&args.corpus, args.captured, !args.jsonl)?;
    if args.jsonl {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        return jsonl(&mut session, stdin.lock(), stdout.lock());
    }
    let question = args.question.unwrap_or_default();
    let answer = session.answer(&question);
    if args.json {
        let mut object = answer_json(&answer);
        if let Value::Object(map) = &mut object {
            map.insert("citation".into(), json!(answer.citation));
            map.insert("alternatives".into(), json!(answer.alternatives));
            map.insert("nearby".into(), json!(answer.nearby));
        }
        println!("{}", serde_json::to_string_pretty(&object)?);
    } else {
        print!("{answer}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Answers each `{"id","question"}` line of `input` on one line of `output`. A line that is
/// not such an object gets a null answer (with its id when it has one) and a warning on
/// stderr; blank lines are skipped.
pub fn jsonl(
    session: &mut Session,
    input: impl BufRead,
    mut output: impl Write,
) -> anyhow::Result<ExitCode> {
    for (n, line) in input.lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Option<Value> = serde_json::from_str(&line).ok();
        let id = parsed
            .as_ref()
            .and_then(|v| v.get("id"))
            .cloned()
            .unwrap_or(Value::Null);
        let question = parsed
            .as_ref()
            .and_then(|v| v.get("question"))
            .and_then(Value::as_str);
        let mut object = match question {
            Some(q) => answer_json(&session.answer(q)),
            None => {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!(
                        "almanac: warning: stdin line {}: expected {{\"id\",\"question\"}}",
                        n + 1
                    );
                }
                json!({"answer": null, "value": null, "confidence": 0.0, "source": null})
            }
        };
        if let Value::Object(map) = &mut object {
            map.insert("id".into(), id);
        }
        writeln!(output, "{}", serde_json::to_string(&object)?).context("writing stdout")?;
    }
    output.flush().context("writing stdout")?;
    Ok(ExitCode::SUCCESS)
}

/// The answer as the `--jsonl` contract gives it (without `id`).
pub fn answer_json(answer: &Answer) -> Value {
    let confidence = (f64::from(answer.confidence) * 100.0).round() / 100.0;
    let source = match (&answer.text, &answer.source) {
        (Some(_), Some(s)) => json!({
            "doc": s.doc,
            "title": s.title,
            "date": s.date,
            "sentence": s.sentence,
        }),
        _ => Value::Null,
    };
    json!({
        "answer": answer.text,
        "value": answer.value,
        "confidence": confidence,
        "source": source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let mut session = Session::new(Vec::new(), &[]);
        let mut out = Vec::new();
        let code = jsonl(&mut session, input.as_bytes(), &mut out);
        assert!(code.is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn jsonl_keeps_ids_and_abstains_with_nulls() {
        check(
            "{\"id\":\"q1\",\"question\":\"when did China lift restrictions?\"}\n\n{\"id\":7}\nnot json\n",
            &[
                r#"{"answer":null,"confidence":0.0,"id":"q1","source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"id":7,"source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"id":null,"source":null,"value":null}"#,
            ],
        );
    }
}
