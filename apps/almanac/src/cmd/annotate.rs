//! `almanac annotate`: dates, times, durations and money amounts found in text.
//!
//! - `almanac annotate [--ref DATE] [--json] [--prefer past|future|auto]` reads one text from stdin and prints one finding
//!   per line (`12..22  DATE  "last month"  = 2016-10`), or one JSON object with `--json`.
//! - `almanac annotate --jsonl` reads one JSON object per line, `{"id","text","ref"}`, and
//!   writes one line per input line, in order:
//!   `{"id","times":[{"text","start","end","type","value"[,"range":{"begin","end"}]}],"money":[{"text","start","end","amount","currency","approx"}]}`.
//!   A line that is not such an object (or not valid UTF-8) yields
//!   `{"id","times":[],"money":[],"error","line"}`, `line` being its 1-based number, and the
//!   batch goes on.
//!
//! Offsets are in characters (not bytes), end exclusive. A missing or null `ref` means the
//! reference is unknown: relative expressions keep placeholders (`XXXX-07`).

use std::io::{BufRead, Read, Write};
use std::ops::Range;
use std::process::ExitCode;

use almanac_measure::{AmountKind, Approx, find_amounts};
use almanac_time::{Prefer, TimeExpr, annotate_with, parse_reference};
use anyhow::Context;
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::offsets::CharOffsets;

/// Arguments of `almanac annotate`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Reference date-time for relative expressions: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS.
    /// Without it, relative expressions stay unresolved (XXXX-07); today is never used.
    #[arg(long = "ref", value_name = "DATE")]
    reference: Option<String>,
    /// Print one JSON object instead of one finding per line.
    #[arg(long)]
    json: bool,
    /// Batch mode: each stdin line is {"id","text","ref"}; one JSON line is written per line.
    #[arg(long, conflicts_with_all = ["json", "reference"])]
    jsonl: bool,
    /// Which way a year-less date or a bare weekday points ("in June", "on Tuesday"): past,
    /// future, or auto (from the tense of the sentence, best for news).
    #[arg(long, value_name = "past|future|auto", default_value = "auto")]
    prefer: Prefer,
}

/// One temporal expression as written in JSON (character offsets).
#[derive(Serialize)]
struct TimeOut {
    text: String,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: almanac_time::TimexType,
    value: String,
    /// For a range ("June 9-12"), its two ends; `value` is then `(BEGIN,END,DURATION)`.
    /// Nested because `end` already names the character offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<RangeOut>,
}

/// The two ends of a range value.
#[derive(Serialize)]
struct RangeOut {
    begin: String,
    end: String,
}

/// One money amount as written in JSON (character offsets).
#[derive(Serialize)]
struct MoneyOut {
    text: String,
    start: usize,
    end: usize,
    amount: f64,
    currency: String,
    approx: bool,
}

/// One output line of `--jsonl`.
#[derive(Serialize)]
struct LineOut {
    id: serde_json::Value,
    times: Vec<TimeOut>,
    money: Vec<MoneyOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The 1-based input line number, on errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

/// What was found in one text, with byte spans.
struct Findings {
    times: Vec<TimeExpr>,
    money: Vec<(Range<usize>, f64, String, bool)>,
}

fn find(text: &str, reference: Option<NaiveDateTime>, prefer: Prefer) -> Findings {
    let times = annotate_with(text, reference, prefer);
    let money = find_amounts(text)
        .into_iter()
        .filter_map(|a| match a.kind {
            AmountKind::Money { currency } => {
                Some((a.span, a.value, currency, a.approx != Approx::Exact))
            }
            _ => None,
        })
        .collect();
    Findings { times, money }
}

fn to_json(text: &str, found: &Findings) -> (Vec<TimeOut>, Vec<MoneyOut>) {
    let positions = found
        .times
        .iter()
        .flat_map(|t| [t.span.start, t.span.end])
        .chain(found.money.iter().flat_map(|m| [m.0.start, m.0.end]))
        .collect();
    let index = CharOffsets::new(text, positions);
    let times = found
        .times
        .iter()
        .map(|t| TimeOut {
            text: text[t.span.clone()].to_string(),
            start: index.get(t.span.start),
            end: index.get(t.span.end),
            kind: t.kind,
            value: t.value.clone(),
            range: t
                .begin
                .clone()
                .zip(t.end.clone())
                .map(|(begin, end)| RangeOut { begin, end }),
        })
        .collect();
    let money = found
        .money
        .iter()
        .map(|(span, amount, currency, approx)| MoneyOut {
            text: text[span.clone()].to_string(),
            start: index.get(span.start),
            end: index.get(span.end),
            amount: *amount,
            currency: currency.clone(),
            approx: *approx,
        })
        .collect();
    (times, money)
}

/// Runs `almanac annotate`.
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.jsonl {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        run_jsonl(stdin.lock(), stdout.lock(), args.prefer)?;
        return Ok(ExitCode::SUCCESS);
    }
    let reference = match &args.reference {
        Some(r) => Some(parse_reference(r).with_context(|| format!("reading --ref {r:?}"))?),
        None => None,
    };
    let mut raw = Vec::new();
    std::io::stdin()
        .read_to_end(&mut raw)
        .context("reading stdin")?;
    if let Err(err) = std::str::from_utf8(&raw) {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "almanac: warning: stdin is not valid UTF-8 (byte {}); invalid bytes read as U+FFFD",
                err.valid_up_to()
            );
        }
    }
    let text = String::from_utf8_lossy(&raw);
    let found = find(&text, reference, args.prefer);
    let mut out = std::io::stdout().lock();
    if args.json {
        let (times, money) = to_json(&text, &found);
        let value = serde_json::json!({ "times": times, "money": money });
        writeln!(out, "{value}")?;
    } else {
        for line in human_lines(&text, &found) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One finding per line, times and money merged and sorted by span (character offsets).
fn human_lines(text: &str, found: &Findings) -> Vec<String> {
    let (times, money) = to_json(text, found);
    let mut lines: Vec<(usize, usize, String)> = Vec::new();
    for (t, e) in times.iter().zip(&found.times) {
        let modifier = e
            .modifier
            .map(|m| {
                format!(
                    "  [{}]",
                    serde_json::to_value(m)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let kind = serde_json::to_value(t.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        lines.push((
            t.start,
            t.end,
            format!(
                "{}..{}  {kind}  {:?}  = {}{modifier}",
                t.start, t.end, t.text, t.value
            ),
        ));
    }
    for m in &money {
        let approx = if m.approx { "~" } else { "" };
        lines.push((
            m.start,
            m.end,
            format!(
                "{}..{}  MONEY  {:?}  = {approx}{} {}",
                m.start, m.end, m.text, m.amount, m.currency
            ),
        ));
    }
    lines.sort();
    lines.into_iter().map(|(_, _, l)| l).collect()
}

/// The `--jsonl` loop: one output line per non-blank input line, in order.
fn run_jsonl(input: impl BufRead, mut out: impl Write, prefer: Prefer) -> anyhow::Result<()> {
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line.context("reading stdin")?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut result = match std::str::from_utf8(line) {
            Ok(text) => process_line(text, prefer),
            Err(err) => {
                let id = serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(line))
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                let at = err.valid_up_to();
                error_line(
                    id,
                    format!("invalid UTF-8 at byte {at} (0x{:02x})", line[at]),
                )
            }
        };
        if result.error.is_some() {
            result.line = Some(n + 1);
        }
        serde_json::to_writer(&mut out, &result)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn error_line(id: serde_json::Value, error: String) -> LineOut {
    LineOut {
        id,
        times: Vec::new(),
        money: Vec::new(),
        error: Some(error),
        line: None,
    }
}

fn process_line(line: &str, prefer: Prefer) -> LineOut {
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return error_line(serde_json::Value::Null, format!("invalid JSON: {e}")),
    };
    let Some(obj) = value.as_object() else {
        return error_line(serde_json::Value::Null, "expected a JSON object".into());
    };
    let id = obj.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let Some(text) = obj.get("text").and_then(|t| t.as_str()) else {
        return error_line(id, "missing string field \"text\"".into());
    };
    let reference = match obj.get("ref") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => match parse_reference(s) {
            Ok(r) => Some(r),
            Err(e) => return error_line(id, e.to_string()),
        },
        Some(other) => return error_line(id, format!("\"ref\" must be a string, got {other}")),
    };
    let found = find(text, reference, prefer);
    let (times, money) = to_json(text, &found);
    LineOut {
        id,
        times,
        money,
        error: None,
        line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::run_jsonl;

    /// Runs the JSONL loop over `input` and returns the output lines.
    fn check(input: &str) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        run_jsonl(input.as_bytes(), &mut out, almanac_time::Prefer::Auto).expect("jsonl runs");
        String::from_utf8(out)
            .expect("utf-8 output")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
            .collect()
    }

    #[test]
    fn jsonl_contract() {
        let out = check(concat!(
            r#"{"id":"a","text":"Last month, prices rose.","ref":"2023-04-25T10:27:40"}"#,
            "\n",
            "not json\n",
            r#"{"id":7,"text":"Seoul — in July, it paid $120 million.","ref":null}"#,
            "\n",
            r#"{"id":"d","text":"Sales rose in 2019.","ref":"2024-04-23"}"#,
            "\n"
        ));
        assert_eq!(out.len(), 4);
        assert_eq!(out[0]["id"], "a");
        assert_eq!(out[0]["times"][0]["text"], "Last month");
        assert_eq!(out[0]["times"][0]["value"], "2023-03");
        assert_eq!(out[0]["times"][0]["type"], "DATE");
        assert_eq!(out[0]["times"][0]["start"], 0);
        assert_eq!(out[0]["times"][0]["end"], 10);
        assert!(out[1]["error"].is_string());
        assert_eq!(out[2]["id"], 7);
        // character offsets: the em dash is one character, three bytes
        assert_eq!(out[2]["times"][0]["text"], "July");
        assert_eq!(out[2]["times"][0]["start"], 11);
        assert_eq!(out[2]["times"][0]["value"], "XXXX-07");
        assert_eq!(out[3]["times"][0]["value"], "2019");
        assert!(out[3].get("error").is_none());
        assert_eq!(out[1]["line"], 2);
        assert!(out[0].get("line").is_none());
    }

    #[test]
    fn jsonl_invalid_utf8_line_is_an_error_and_the_batch_goes_on() {
        let mut out = Vec::new();
        let input: &[u8] =
            b"{\"id\":\"a\",\"text\":\"caf\xe9 in May 2020\"}\r\n\xff\n{\"id\":\"c\",\"text\":\"in 2019\"}\n";
        run_jsonl(input, &mut out, almanac_time::Prefer::Auto).expect("jsonl runs");
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .expect("utf-8 output")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["error"], "invalid UTF-8 at byte 21 (0xe9)");
        assert_eq!(lines[0]["line"], 1);
        assert_eq!(lines[0]["times"], serde_json::json!([]));
        assert_eq!(lines[1]["id"], serde_json::Value::Null);
        assert_eq!(lines[1]["line"], 2);
        assert_eq!(lines[2]["times"][0]["value"], "2019");
    }
}
