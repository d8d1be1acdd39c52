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

use std::io::{BufRead, Write};
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

/// The findings of `text` as JSON records, character offsets counted from `base`.
fn to_json(text: &str, found: &Findings, base: usize) -> (Vec<TimeOut>, Vec<MoneyOut>) {
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
            start: base + index.get(t.span.start),
            end: base + index.get(t.span.end),
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
            start: base + index.get(span.start),
            end: base + index.get(span.end),
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
    let stdin = std::io::stdin();
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let options = TextOptions {
        reference,
        prefer: args.prefer,
        json: args.json,
    };
    run_text(stdin.lock(), out, options, Chunks::DEFAULT, |at| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "almanac: warning: stdin is not valid UTF-8 (byte {at}); invalid bytes read as U+FFFD"
            );
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// How `almanac annotate` reads one text: against what, and how it writes.
#[derive(Debug, Clone, Copy)]
struct TextOptions {
    reference: Option<NaiveDateTime>,
    prefer: Prefer,
    json: bool,
}

/// Sizes of the pieces a text is read in: paragraphs gathered up to `min` bytes, and a piece
/// with no paragraph break cut at `max` bytes (at a line, sentence or word end).
#[derive(Debug, Clone, Copy)]
struct Chunks {
    /// Paragraphs are gathered until a piece holds at least this many bytes.
    min: usize,
    /// No piece is longer than this (unless the input has no ASCII byte at all for that long).
    max: usize,
}

impl Chunks {
    /// 16 KiB of paragraphs at a time, 64 KiB at most.
    const DEFAULT: Chunks = Chunks {
        min: 16 << 10,
        max: 64 << 10,
    };
}

/// Reads `input` piece by piece (see [`Chunks`]) and writes what each piece holds as soon as
/// it is read, with offsets counted from the start of the whole input: memory stays bounded
/// whatever the input size. Calls `invalid(byte)` once, at the first byte that is not UTF-8
/// (invalid bytes are read as U+FFFD).
///
/// Pieces are cut at paragraph breaks (a blank line), else after a newline, a sentence end or
/// a space, never inside a character, so the findings are those of the whole text: the
/// grammar never reads across a line break.
fn run_text(
    input: impl BufRead,
    mut out: impl Write,
    options: TextOptions,
    sizes: Chunks,
    mut invalid: impl FnMut(usize),
) -> anyhow::Result<()> {
    let mut reader = PieceReader::new(input, sizes);
    let mut bytes_before = 0usize;
    let mut chars_before = 0usize;
    let mut warned = false;
    let mut first = true;
    // `--json` writes the times as they come and keeps the (sparse) money list for the end
    let mut money_json: Vec<u8> = Vec::new();
    if options.json {
        out.write_all(b"{\"times\":[")?;
    }
    while let Some(piece) = reader.next_piece().context("reading stdin")? {
        if !warned {
            if let Err(err) = std::str::from_utf8(&piece) {
                invalid(bytes_before + err.valid_up_to());
                warned = true;
            }
        }
        let text = String::from_utf8_lossy(&piece);
        let found = find(&text, options.reference, options.prefer);
        if options.json {
            let (times, money) = to_json(&text, &found, chars_before);
            for t in &times {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                serde_json::to_writer(&mut out, t)?;
            }
            for m in &money {
                if !money_json.is_empty() {
                    money_json.push(b',');
                }
                serde_json::to_writer(&mut money_json, m)?;
            }
        } else {
            for line in human_lines(&text, &found, chars_before) {
                writeln!(out, "{line}")?;
            }
        }
        bytes_before += piece.len();
        chars_before += text.chars().count();
    }
    if options.json {
        out.write_all(b"],\"money\":[")?;
        out.write_all(&money_json)?;
        out.write_all(b"]}\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Splits a byte stream into pieces (see [`Chunks`]), reading at most `max` bytes ahead.
struct PieceReader<R> {
    input: R,
    sizes: Chunks,
    /// Bytes read and not yet handed out.
    buf: Vec<u8>,
    /// `buf[..scanned]` holds no paragraph break after `last_break` that is not yet known.
    scanned: usize,
    /// The end of the last paragraph break found in `buf` (just after its blank line).
    last_break: Option<usize>,
    eof: bool,
}

impl<R: BufRead> PieceReader<R> {
    fn new(input: R, sizes: Chunks) -> Self {
        PieceReader {
            input,
            sizes,
            buf: Vec::new(),
            scanned: 0,
            last_break: None,
            eof: false,
        }
    }

    /// The next piece, or `None` at the end of the input.
    fn next_piece(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        loop {
            self.scan();
            let cut = match self.last_break {
                Some(b) if self.buf.len() >= self.sizes.min || self.eof => Some(b),
                _ if self.buf.len() >= self.sizes.max => Some(fallback_cut(&self.buf)),
                _ if self.eof => Some(self.buf.len()),
                _ => None,
            };
            if let Some(cut) = cut {
                if cut == 0 {
                    return Ok(None);
                }
                let rest = self.buf.split_off(cut);
                let piece = std::mem::replace(&mut self.buf, rest);
                self.scanned = 0;
                self.last_break = None;
                return Ok(Some(piece));
            }
            let avail = self.input.fill_buf()?;
            if avail.is_empty() {
                self.eof = true;
                continue;
            }
            let n = avail.len().min(self.sizes.max - self.buf.len());
            self.buf.extend_from_slice(&avail[..n]);
            self.input.consume(n);
        }
    }

    /// Finds paragraph breaks (a newline, blank space, a newline) in the unscanned bytes.
    fn scan(&mut self) {
        let buf = &self.buf;
        let mut i = self.scanned;
        while let Some(p) = buf[i..].iter().position(|&b| b == b'\n') {
            let nl = i + p;
            let mut j = nl + 1;
            while j < buf.len() && matches!(buf[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j == buf.len() {
                // the line after this newline is not complete yet: look again from here
                self.scanned = nl;
                return;
            }
            if buf[j] == b'\n' {
                self.last_break = Some(j + 1);
            }
            i = j;
        }
        self.scanned = buf.len();
    }
}

/// Where to cut a piece with no paragraph break: after its last newline, else after its last
/// sentence end, else after its last clause break (", " before a word), else after its last
/// ASCII whitespace, else after its last ASCII byte, else at
/// the start of a character. Never 0 for a non-empty `buf`, never inside a UTF-8 sequence.
fn fallback_cut(buf: &[u8]) -> usize {
    if let Some(p) = buf.iter().rposition(|&b| b == b'\n') {
        return p + 1;
    }
    let sentence = buf
        .windows(2)
        .rposition(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace());
    if let Some(p) = sentence.filter(|&p| p > 0) {
        return p + 2;
    }
    // a clause break: ", " or "; " before a word ("on 3 May 2021, on 4 May 2021")
    let clause = buf
        .windows(3)
        .rposition(|w| matches!(w[0], b',' | b';') && w[1] == b' ' && w[2].is_ascii_alphabetic());
    if let Some(p) = clause.filter(|&p| p > 0) {
        return p + 2;
    }
    if let Some(p) = buf.iter().rposition(u8::is_ascii_whitespace) {
        return p + 1;
    }
    if let Some(p) = buf.iter().rposition(u8::is_ascii) {
        return p + 1;
    }
    // no ASCII at all: cut before a byte that starts a character (a UTF-8 sequence is at
    // most four bytes, so if none of the last four does, the cut splits no valid sequence)
    let n = buf.len();
    (n.saturating_sub(4)..n)
        .rev()
        .find(|&i| i > 0 && buf[i] & 0xC0 != 0x80)
        .unwrap_or(n)
}

/// One finding per line, times and money merged and sorted by span (character offsets
/// counted from `base`).
fn human_lines(text: &str, found: &Findings, base: usize) -> Vec<String> {
    let (times, money) = to_json(text, found, base);
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
    let (times, money) = to_json(text, &found, 0);
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
    use super::{Chunks, TextOptions, run_jsonl, run_text};

    /// Annotates `input` read in pieces of the given sizes; returns the output and the byte
    /// reported as the first invalid one.
    fn annotate_in(input: &[u8], json: bool, sizes: Chunks) -> (String, Option<usize>) {
        let options = TextOptions {
            reference: almanac_time::parse_reference("2023-04-25T10:27:40").ok(),
            prefer: almanac_time::Prefer::Auto,
            json,
        };
        let mut out = Vec::new();
        let mut invalid = None;
        run_text(input, &mut out, options, sizes, |at| invalid = Some(at)).expect("annotate runs");
        (String::from_utf8(out).expect("utf-8 output"), invalid)
    }

    #[test]
    fn pieces_give_the_findings_of_the_whole_text() {
        let mut input = Vec::new();
        for n in 0..40 {
            input.extend_from_slice(
                format!(
                    "Café owners in Seoul — {n} of them — said on Tuesday that sales fell 4% in \
                     March from a year earlier. The group will invest $120 million by 2030.\n\
                     Talks began on 3 May 2021 and ran from 3pm to 5:30pm; shares rose last week.\n\n"
                )
                .as_bytes(),
            );
        }
        // one long paragraph with no line break, and a byte that is not UTF-8
        for n in 0..30 {
            input.extend_from_slice(format!("on {} June 2019, ", n % 28 + 1).as_bytes());
        }
        input.extend_from_slice(b"\xff in July 2020, \xe2\x80\x94 next month.\n");
        let whole = Chunks {
            min: usize::MAX,
            max: usize::MAX,
        };
        for json in [false, true] {
            let (expected, bad) = annotate_in(&input, json, whole);
            assert!(expected.matches("2023-").count() > 40, "{expected}");
            assert_eq!(
                bad,
                Some(input.iter().position(|&b| b == 0xff).unwrap_or(0))
            );
            for (min, max) in [(1, 64), (100, 300), (4096, 4096), (16 << 10, 64 << 10)] {
                let (got, bad_too) = annotate_in(&input, json, Chunks { min, max });
                let first_difference = got
                    .split_inclusive([',', '\n'])
                    .zip(expected.split_inclusive([',', '\n']))
                    .find(|(g, e)| g != e);
                assert_eq!(
                    first_difference, None,
                    "pieces of {min}..{max}, json {json}"
                );
                assert_eq!(got.len(), expected.len());
                assert_eq!(bad_too, bad);
            }
        }
    }

    #[test]
    fn a_cut_never_splits_a_character() {
        // no ASCII at all: cuts fall before a character's first byte
        let text = "é—".repeat(50);
        let (expected, _) = annotate_in(
            text.as_bytes(),
            true,
            Chunks {
                min: usize::MAX,
                max: usize::MAX,
            },
        );
        let (got, bad) = annotate_in(text.as_bytes(), true, Chunks { min: 1, max: 7 });
        assert_eq!(got, expected);
        assert_eq!(bad, None);
    }

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
