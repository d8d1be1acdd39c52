//! `almanac ask`: one question, or one per input line with `--jsonl`.
//!
//! `--jsonl` reads lines `{"id": ..., "question": "..."}` from stdin and writes one line per
//! question: `{"id","answer","value","confidence","source":{"doc","title","date","sentence"}}`,
//! with `answer`, `value` and `source` null when almanac abstains. Questions share one
//! session, so a line may follow up on the previous one. A line that cannot be read as such
//! an object (not JSON, no `question`, not valid UTF-8) gets the same keys, null, plus
//! `"error"` (what is wrong) and `"line"` (its 1-based number), so it is never mistaken for
//! an abstention; the batch goes on.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use almanac_ask::{Answer, Session};
use almanac_extract::Gazetteer;
use anyhow::Context;
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::{corpus, index, pipeline};

/// Arguments of `almanac ask`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The question, e.g. "when did Japan lift export restrictions on South Korea?".
    #[arg(required_unless_present = "jsonl")]
    question: Option<String>,
    /// A document or folder to read instead of the bundled seed documents; repeat for
    /// several: `--corpus a --corpus b`.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// An index written by `almanac index` to answer from, instead of reading documents.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["corpus", "captured", "gazetteer"])]
    index: Option<PathBuf>,
    /// The date the documents were captured (YYYY-MM-DD), to resolve ages like "5 years ago".
    #[arg(long)]
    captured: Option<NaiveDate>,
    /// A gazetteer file (the format of the built-in one) whose names extend the built-in
    /// gazetteer, for extraction and questions alike.
    #[arg(long, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
    /// Print the answer as one JSON object.
    #[arg(long)]
    json: bool,
    /// Read `{"id","question"}` lines on stdin; write one JSON answer line each.
    #[arg(long, conflicts_with = "question")]
    jsonl: bool,
    /// Print on stderr how long opening the corpus or index took and, per question, how long
    /// answering took (median, p99 and max over a `--jsonl` batch, then the slowest
    /// questions' ids).
    #[arg(long)]
    timings: bool,
}

/// Reads the corpus (the bundled seed documents when `paths` is empty), extracts its facts and
/// opens a session over them. Shared by `ask` and the REPL.
pub(crate) fn open_session(
    paths: &[PathBuf],
    captured: Option<NaiveDate>,
    progress: bool,
    gazetteer: &Gazetteer,
) -> anyhow::Result<(Session, corpus::Loaded)> {
    let loaded = if paths.is_empty() {
        corpus::bundled(captured)
    } else {
        corpus::load(paths, captured, progress)?
    };
    let (facts, evidence) = pipeline::extract_all_with_evidence(gazetteer, &loaded.documents);
    let session = Session::with_gazetteer(facts, &loaded.documents, evidence, gazetteer);
    Ok((session, loaded))
}

/// Opens a session over the index in `dir` (written by `almanac index`): the same session
/// [`open_session`] opens over the same files.
pub(crate) fn open_index_session(dir: &Path) -> anyhow::Result<(Session, corpus::Loaded)> {
    let (session, diagnostics) =
        index::session(dir).with_context(|| format!("reading the index in {}", dir.display()))?;
    let loaded = corpus::Loaded {
        documents: Vec::new(),
        diagnostics,
        walk: corpus::WalkCounts::default(),
    };
    Ok((session, loaded))
}

/// [`open_index_session`] when `index` is given, else [`open_session`].
pub(crate) fn open_any(
    index: Option<&Path>,
    paths: &[PathBuf],
    captured: Option<NaiveDate>,
    progress: bool,
    gazetteer: Option<&Path>,
) -> anyhow::Result<(Session, corpus::Loaded)> {
    match index {
        // the index holds the gazetteer it was written with (`almanac index --gazetteer`)
        Some(dir) => open_index_session(dir),
        None => open_session(paths, captured, progress, &pipeline::gazetteer(gazetteer)?),
    }
}

/// Runs `almanac ask`.
#[allow(clippy::print_stderr)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (session, _) = open_any(
        args.index.as_deref(),
        &args.corpus,
        args.captured,
        !args.jsonl,
        args.gazetteer.as_deref(),
    )?;
    // The process ends with this command: freeing a large corpus's facts one allocation at
    // a time would only delay the exit (a tenth of the run over 100k documents).
    let mut session = std::mem::ManuallyDrop::new(session);
    let opened = started.elapsed();
    if args.timings {
        eprintln!("almanac: opened in {:.3} s", opened.as_secs_f64());
    }
    if args.jsonl {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        let mut latencies = Vec::new();
        let code = jsonl_timed(&mut session, stdin.lock(), stdout.lock(), &mut latencies)?;
        if args.timings {
            eprintln!("almanac: {}", latency_summary(&latencies));
            for (took, id) in slowest(&latencies, SLOWEST_SHOWN) {
                eprintln!("almanac:   {:8.2} ms  {id}", took.as_secs_f64() * 1e3);
            }
        }
        return Ok(code);
    }
    let question = args.question.unwrap_or_default();
    let asked = Instant::now();
    let answer = session.answer(&question);
    if args.timings {
        eprintln!(
            "almanac: answered in {:.2} ms",
            asked.elapsed().as_secs_f64() * 1e3
        );
    }
    let mut out = crate::cmd::stdout();
    if args.json {
        let mut object = answer_json(&answer);
        if let Value::Object(map) = &mut object {
            map.insert("citation".into(), json!(answer.citation));
            map.insert("alternatives".into(), json!(answer.alternatives));
            map.insert("nearby".into(), json!(answer.nearby));
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&object)?)?;
    } else {
        write!(out, "{answer}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
/// [`jsonl_timed`] without the latencies.
pub(crate) fn jsonl(
    session: &mut Session,
    input: impl BufRead,
    output: impl Write,
) -> anyhow::Result<ExitCode> {
    jsonl_timed(session, input, output, &mut Vec::new())
}

/// Answers each `{"id","question"}` line of `input` on one line of `output`. Input is read
/// as bytes: a line that is not valid UTF-8, not JSON or has no `question` string gets a
/// null answer with `error` and `line` (and its id when one can be read) and the batch goes
/// on; blank lines are skipped. How long each answer took is pushed onto `latencies`, with
/// the question's id as JSON.
pub(crate) fn jsonl_timed(
    session: &mut Session,
    input: impl BufRead,
    mut output: impl Write,
    latencies: &mut Vec<(Duration, String)>,
) -> anyhow::Result<ExitCode> {
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line.context("reading stdin")?;
        let object = match jsonl_question(&line) {
            Ok(None) => continue,
            Ok(Some((id, question))) => {
                let asked = Instant::now();
                let answer = session.answer(&question);
                latencies.push((asked.elapsed(), id.to_string()));
                let mut object = answer_json(&answer);
                if let Value::Object(map) = &mut object {
                    map.insert("id".into(), id);
                }
                object
            }
            Err((id, error)) => json!({
                "id": id,
                "answer": null,
                "value": null,
                "confidence": 0.0,
                "source": null,
                "error": error,
                "line": n + 1,
            }),
        };
        serde_json::to_writer(&mut output, &object).context("writing stdout")?;
        output.write_all(b"\n").context("writing stdout")?;
        output.flush().context("writing stdout")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How many of the slowest questions `--timings` names after a `--jsonl` batch.
const SLOWEST_SHOWN: usize = 5;

/// `200 questions: median 1.20 ms, p99 4.10 ms, max 5.00 ms`.
pub(crate) fn latency_summary(latencies: &[(Duration, String)]) -> String {
    if latencies.is_empty() {
        return "no questions".to_owned();
    }
    let mut latencies: Vec<Duration> = latencies.iter().map(|l| l.0).collect();
    latencies.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    format!(
        "{} questions: median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(latencies[latencies.len() - 1])
    )
}

/// The `n` slowest answers (time and question id), slowest first; ties keep input order.
fn slowest(latencies: &[(Duration, String)], n: usize) -> Vec<&(Duration, String)> {
    let mut by_time: Vec<&(Duration, String)> = latencies.iter().collect();
    by_time.sort_by_key(|l| std::cmp::Reverse(l.0));
    by_time.truncate(n);
    by_time
}

/// Reads one `--jsonl` input line: `Ok(None)` for a blank line, the id and question, or the
/// id (null when unknown) and what is wrong.
fn jsonl_question(line: &[u8]) -> Result<Option<(Value, String)>, (Value, String)> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(err) => {
            // the id may still be readable, to tell the caller which question was lost
            let lossy = String::from_utf8_lossy(line);
            let id = serde_json::from_str::<Value>(&lossy)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            return Err((
                id,
                format!(
                    "invalid UTF-8 at byte {} (0x{:02x})",
                    err.valid_up_to(),
                    line[err.valid_up_to()]
                ),
            ));
        }
    };
    let value: Value =
        serde_json::from_str(text).map_err(|err| (Value::Null, format!("invalid JSON: {err}")))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match value.get("question").and_then(Value::as_str) {
        Some(question) => Ok(Some((id, question.to_owned()))),
        None if value.is_object() => Err((id, "missing string field \"question\"".to_owned())),
        None => Err((
            id,
            "expected a JSON object {\"id\",\"question\"}".to_owned(),
        )),
    }
}

/// The answer as the `--jsonl` contract gives it (without `id`).
pub(crate) fn answer_json(answer: &Answer) -> Value {
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

    fn check(input: &[u8], expected: &[&str]) {
        let mut session = Session::new(Vec::new(), &[]);
        let mut out = Vec::new();
        let code = jsonl(&mut session, input, &mut out);
        assert!(code.is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn jsonl_keeps_ids_and_abstains_with_nulls() {
        check(
            b"{\"id\":\"q1\",\"question\":\"when did China lift restrictions?\"}\n\n{\"id\":7}\nnot json\n[1]\r\n",
            &[
                r#"{"answer":null,"confidence":0.0,"id":"q1","source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"error":"missing string field \"question\"","id":7,"line":3,"source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"error":"invalid JSON: expected ident at line 1 column 2","id":null,"line":4,"source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"error":"expected a JSON object {\"id\",\"question\"}","id":null,"line":5,"source":null,"value":null}"#,
            ],
        );
    }

    #[test]
    fn jsonl_invalid_utf8_line_is_an_error_and_the_batch_goes_on() {
        check(
            b"{\"id\":1,\"question\":\"when did caf\xe9 open?\"}\n\xff\xfe\n{\"id\":2,\"question\":\"when did China lift restrictions?\"}",
            &[
                r#"{"answer":null,"confidence":0.0,"error":"invalid UTF-8 at byte 32 (0xe9)","id":1,"line":1,"source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"error":"invalid UTF-8 at byte 0 (0xff)","id":null,"line":2,"source":null,"value":null}"#,
                r#"{"answer":null,"confidence":0.0,"id":2,"source":null,"value":null}"#,
            ],
        );
    }

    #[test]
    fn timings_summarize_and_name_the_slowest_questions() {
        let ms = Duration::from_millis;
        let latencies: Vec<(Duration, String)> = [(3, "\"a\""), (9, "2"), (1, "null"), (9, "4")]
            .into_iter()
            .map(|(t, id)| (ms(t), id.to_owned()))
            .collect();
        assert_eq!(
            latency_summary(&latencies),
            "4 questions: median 9.00 ms, p99 9.00 ms, max 9.00 ms"
        );
        let named: Vec<(u128, &str)> = slowest(&latencies, 3)
            .into_iter()
            .map(|(t, id)| (t.as_millis(), id.as_str()))
            .collect();
        assert_eq!(named, [(9, "2"), (9, "4"), (3, "\"a\"")]);
        assert_eq!(latency_summary(&[]), "no questions");
    }
}
