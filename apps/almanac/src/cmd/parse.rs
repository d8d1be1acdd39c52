//! `almanac parse PATH... [--json] [--captured DATE]`: what was read from each file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use almanac_model::{DateKnown, DocDate, Document};
use almanac_time::Granularity;
use chrono::NaiveDate;

use crate::corpus;
use crate::offsets::CharOffsets;

/// Arguments of `almanac parse`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Files or folders to read (folders recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the documents as JSON (spans in character offsets).
    #[arg(long)]
    json: bool,
    /// When the files were captured (YYYY-MM-DD): resolves dates such as `5 years ago`.
    #[arg(long, value_name = "DATE")]
    captured: Option<NaiveDate>,
    /// Read every file as this format instead of detecting it (e.g. `plain-text`, `rss`).
    #[arg(long, value_name = "NAME", value_parser = format_name)]
    format: Option<&'static str>,
    /// For HTML pages: how the main text was found (best candidates, what was kept, and every
    /// part dropped with its reason) instead of the documents.
    #[arg(long)]
    why: bool,
}

/// A known format name (see `almanac_parse::FORMATS`).
fn format_name(name: &str) -> Result<&'static str, String> {
    almanac_parse::format_named(name)
        .map(|f| f.name)
        .ok_or_else(|| {
            let known: Vec<&str> = almanac_parse::FORMATS.iter().map(|f| f.name).collect();
            format!("unknown format {name:?}; known: {}", known.join(", "))
        })
}

/// Runs `almanac parse`.
#[allow(clippy::print_stderr)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = almanac_parse::Options {
        captured: args.captured,
        format: args.format,
    };
    if args.why {
        let mut out = crate::cmd::stdout();
        for path in &args.paths {
            let bytes = std::fs::read(path)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
            let label = path.display().to_string();
            match almanac_parse::explain_file(&label, &bytes) {
                Some(why) => write!(out, "== {label}\n{why}")?,
                None => writeln!(out, "== {label}: not an HTML page")?,
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let loaded = corpus::load_with(&args.paths, &opts, true)?;
    let mut out = crate::cmd::stdout();
    if args.json {
        let docs: Vec<serde_json::Value> = loaded.documents.iter().map(document_json).collect();
        serde_json::to_writer_pretty(&mut out, &docs)?;
        writeln!(out)?;
        out.flush()?;
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        if let Some(walk) = loaded.walk.summary() {
            eprintln!("walk: {walk}");
        }
    } else {
        for doc in &loaded.documents {
            write!(out, "{}", summary(doc))?;
        }
        for d in &loaded.diagnostics {
            writeln!(out, "{d}")?;
        }
        writeln!(
            out,
            "{} document(s), {} file(s) without a document",
            loaded.documents.len(),
            loaded.diagnostics.len()
        )?;
        if let Some(walk) = loaded.walk.summary() {
            writeln!(out, "walk: {walk}")?;
        }
        out.flush()?;
    }
    Ok(
        if loaded.documents.is_empty() && !loaded.diagnostics.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// A document as JSON, with body ranges converted from bytes to character offsets.
pub(crate) fn document_json(doc: &Document) -> serde_json::Value {
    let mut value = serde_json::to_value(doc).unwrap_or(serde_json::Value::Null);
    let body = &doc.body;
    let chars = CharOffsets::new(
        &body.text,
        [&body.paragraphs, &body.sentences, &body.subheads]
            .into_iter()
            .flatten()
            .flat_map(|r| [r.start, r.end])
            .collect(),
    );
    let to_chars = |ranges: &[std::ops::Range<usize>]| -> serde_json::Value {
        ranges
            .iter()
            .map(|r| {
                serde_json::json!({
                    "start": chars.get(r.start),
                    "end": chars.get(r.end),
                })
            })
            .collect()
    };
    if let Some(body) = value.get_mut("body").and_then(|b| b.as_object_mut()) {
        body.insert("paragraphs".into(), to_chars(&doc.body.paragraphs));
        body.insert("sentences".into(), to_chars(&doc.body.sentences));
        if !doc.body.subheads.is_empty() {
            body.insert("subheads".into(), to_chars(&doc.body.subheads));
        }
    }
    value
}

/// A date as `2020-01-21 06:05 (explicit, minute)` or `5 years before capture`.
pub(crate) fn show_date(date: &DocDate) -> String {
    let known = match date.known {
        DateKnown::Explicit => "explicit",
        DateKnown::RelativeToCapture => "relative to capture",
        DateKnown::Inferred => "inferred",
        DateKnown::Unknown => return "unknown".to_owned(),
    };
    let granularity = format!("{:?}", date.granularity).to_lowercase();
    let when = match date.local {
        Some(local) => {
            let pattern = match date.granularity {
                Granularity::Second => "%Y-%m-%d %H:%M:%S",
                Granularity::Minute | Granularity::Hour => "%Y-%m-%d %H:%M",
                Granularity::Year => "%Y",
                Granularity::Month => "%Y-%m",
                _ => "%Y-%m-%d",
            };
            let mut s = local.format(pattern).to_string();
            if let Some(offset) = date.utc_offset_seconds {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                s.push_str(&format!(" {sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60));
            }
            s
        }
        None => match date.relative {
            Some(age) => format!(
                "{} {}{} before capture",
                age.amount,
                format!("{:?}", age.unit).to_lowercase(),
                if age.amount == 1 { "" } else { "s" }
            ),
            None => "?".to_owned(),
        },
    };
    let mut out = format!("{when} ({known}, {granularity})");
    if let Some(source) = &date.source_text {
        out.push_str(&format!(" from {source:?}"));
    }
    if let Some(note) = &date.note {
        out.push_str(&format!("; {note}"));
    }
    out
}

/// The human summary of one document.
fn summary(doc: &Document) -> String {
    let mut out = format!("{}  [{}]\n", doc.path, doc.format);
    let mut field = |name: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("  {name:<10} {value}\n"));
        }
    };
    field("title", doc.title.clone().unwrap_or_else(|| "-".into()));
    if let Some(h) = &doc.alt_headline {
        field(
            "headline",
            format!("({}) {}", h.lang.as_deref().unwrap_or("?"), h.text),
        );
    }
    field("published", show_date(&doc.published));
    if let Some(updated) = &doc.updated {
        field("updated", show_date(updated));
    }
    field("outlet", doc.outlet.clone().unwrap_or_default());
    field("authors", doc.authors.join(", "));
    field("url", doc.url.clone().unwrap_or_default());
    field("tags", doc.tags.join(", "));
    field(
        "body",
        match doc.body.subheads.len() {
            0 => format!(
                "{} paragraphs, {} sentences",
                doc.body.paragraphs.len(),
                doc.body.sentences.len()
            ),
            n => format!(
                "{} paragraphs ({n} subheads), {} sentences",
                doc.body.paragraphs.len(),
                doc.body.sentences.len()
            ),
        },
    );
    for d in &doc.diagnostics {
        out.push_str(&format!("  {d}\n"));
    }
    out.push('\n');
    out
}
