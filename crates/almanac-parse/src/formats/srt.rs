//! SubRip (`.srt`) subtitles: numbered cues with `HH:MM:SS,mmm --> HH:MM:SS,mmm` timings. The
//! cue text becomes a transcript: timings and styling tags are dropped, cues are joined into
//! sentences, and a pause or a speaker change starts a new paragraph.

use std::borrow::Cow;

use almanac_model::{Body, Diagnostic, Document, Severity};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::character::complete::{char, one_of, space0, space1};
use nom::combinator::{map, map_res};
use nom::{IResult, Parser};

use crate::lines::Line;
use crate::{Format, Options, html};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "srt",
    description: "SubRip subtitles: cues joined into a transcript",
    detect,
    parse,
    why_empty: super::no_notes,
};

/// A subtitle cue: start and end in milliseconds, and its text lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cue {
    pub start_ms: u64,
    pub end_ms: u64,
    pub text: String,
}

// DIGITS{n}
fn num(n: usize) -> impl Fn(&str) -> IResult<&str, u64> {
    move |i| {
        map_res(
            take_while_m_n(n, n, |c: char| c.is_ascii_digit()),
            str::parse::<u64>,
        )
        .parse(i)
    }
}

// MM ":" SS ("," | ".") mmm  -- "01:02.500"
fn minutes_seconds(i: &str) -> IResult<&str, u64> {
    map(
        (num(2), char(':'), num(2), one_of(",."), num(3)),
        |(m, _, s, _, ms)| (m * 60 + s) * 1000 + ms,
    )
    .parse(i)
}

// (H{1,3} ":")? MINUTES_SECONDS  -- "00:01:02,500", "01:02.500"
pub(crate) fn timestamp(i: &str) -> IResult<&str, u64> {
    let hours = map_res(
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        str::parse::<u64>,
    );
    alt((
        map((hours, char(':'), minutes_seconds), |(h, _, ms)| {
            h * 3_600_000 + ms
        }),
        minutes_seconds,
    ))
    .parse(i)
}

// TIMESTAMP " --> " TIMESTAMP SETTINGS?  -- "00:00:01,000 --> 00:00:04,200 align:start"
pub(crate) fn timing(i: &str) -> IResult<&str, (u64, u64)> {
    map(
        (
            timestamp,
            space1,
            tag("-->"),
            space1,
            timestamp,
            take_while(|_| true),
        ),
        |(a, _, _, _, b, _)| (a, b),
    )
    .parse(i)
}

// DIGITS  -- a cue number line
fn cue_number(i: &str) -> IResult<&str, &str> {
    let (rest, (_, n, _)) = (space0, nom::character::complete::digit1, space0).parse(i)?;
    if rest.is_empty() {
        Ok((rest, n))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Eof,
        )))
    }
}

fn detect(text: &str) -> u8 {
    let text = super::head(text, super::DETECT_BYTES);
    let mut head = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = head.next().unwrap_or("");
    let second = head.next().unwrap_or("");
    if cue_number(first).is_ok() && timing(second).is_ok() {
        95
    } else if text
        .lines()
        .take(12)
        .any(|l| timing(l.trim()).is_ok() && l.contains(','))
    {
        70
    } else {
        0
    }
}

/// Reads cues from blocks separated by blank lines; a block without a timing line is
/// reported and skipped.
pub(crate) fn cues(path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Cue> {
    let mut out = Vec::new();
    // the current block's lines, reused from block to block
    let mut block: Vec<Line<'_>> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            cue_of_block(path, text, &block, &mut out, diagnostics);
            block.clear();
        } else {
            block.push(Line {
                text: trimmed,
                offset: offset + raw.len() - raw.trim_start().len(),
            });
        }
        offset += raw.len();
    }
    cue_of_block(path, text, &block, &mut out, diagnostics);
    out
}

/// The cue of one block (lines up to a timing line are its id), or a diagnostic.
fn cue_of_block(
    path: &str,
    source: &str,
    block: &[Line<'_>],
    out: &mut Vec<Cue>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(first) = block.first() else {
        return;
    };
    let Some((t, (start_ms, end_ms))) = block
        .iter()
        .enumerate()
        .find_map(|(n, l)| timing(l.text).ok().map(|(_, times)| (n, times)))
    else {
        if !first.text.starts_with("WEBVTT")
            && !first.text.starts_with("NOTE")
            && !first.text.starts_with("STYLE")
            && !first.text.starts_with("REGION")
        {
            diagnostics.push(
                Diagnostic::at(
                    Severity::Warning,
                    path,
                    source,
                    first.offset,
                    "cue without a timing line",
                )
                .expected("`00:00:01,000 --> 00:00:04,000`"),
            );
        }
        return;
    };
    let mut text = String::new();
    for line in &block[t + 1..] {
        let clean = strip_cue_markup(line.text);
        if clean.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&clean);
    }
    out.push(Cue {
        start_ms,
        end_ms,
        text,
    });
}

/// Drops `<i>`, `<v Speaker>`, `{\an8}`, and sound labels such as `[music]`. Plain lines (no
/// braces, tags or entities) are only whitespace-collapsed.
fn strip_cue_markup(line: &str) -> Cow<'_, str> {
    let unbraced: Cow<'_, str> = if line.contains('{') {
        let mut s = String::with_capacity(line.len());
        let mut depth_brace = 0;
        for c in line.chars() {
            match c {
                '{' => depth_brace += 1,
                '}' if depth_brace > 0 => depth_brace -= 1,
                _ if depth_brace > 0 => {}
                _ => s.push(c),
            }
        }
        Cow::Owned(s)
    } else {
        Cow::Borrowed(line)
    };
    let unbraced_had_markup = unbraced.contains(['<', '&']);
    let clean: Cow<'_, str> = if unbraced_had_markup {
        Cow::Owned(html::to_paragraphs(&unbraced).join(" "))
    } else if unbraced.contains("  ") || unbraced.contains(|c: char| c.is_whitespace() && c != ' ')
    {
        Cow::Owned(html::collapse_whitespace(&unbraced))
    } else {
        unbraced
    };
    let trimmed = clean.trim();
    // as `html::to_paragraphs` drops short promo paragraphs, so do plain lines
    let promo = || trimmed.split_whitespace().nth(15).is_none() && crate::lines::is_promo(trimmed);
    if (trimmed.starts_with('[') && trimmed.ends_with(']'))
        || (!unbraced_had_markup && promo())
        || (trimmed.starts_with('(') && trimmed.ends_with(')'))
    {
        return Cow::Borrowed("");
    }
    if trimmed.len() == clean.len() {
        clean
    } else {
        Cow::Owned(trimmed.to_owned())
    }
}

/// Joins cues into paragraphs: a new paragraph after a pause of 2 s or more following the end
/// of a sentence, or at a speaker change (`- `, `>>`). Repeated cue text (roll-up captions)
/// is kept once.
pub(crate) fn paragraphs(cues: &[Cue]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last_end: Option<u64> = None;
    let mut last_text = "";
    for cue in cues {
        if cue.text.is_empty() || cue.text == last_text {
            continue;
        }
        let speaker_change = cue.text.starts_with(">>") || cue.text.starts_with("- ");
        let sentence_done = current.ends_with(['.', '?', '!', '"', '”']);
        let pause = last_end.is_some_and(|e| cue.start_ms >= e + 2000);
        if !current.is_empty() && (speaker_change || (pause && sentence_done)) {
            out.push(std::mem::take(&mut current));
        }
        let text = cue
            .text
            .trim_start_matches(">>")
            .trim_start_matches("- ")
            .trim();
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(text);
        last_end = Some(cue.end_ms);
        last_text = &cue.text;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let mut doc = super::new_document(path, FORMAT.name, text);
    let cues = cues(path, text, &mut doc.diagnostics);
    doc.body = Body::from_paragraphs(&paragraphs(&cues));
    vec![doc]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders paragraphs joined by " | " and diagnostics.
    fn check(text: &str) -> (String, Vec<String>) {
        let doc = &parse("s.srt", text, &Options::default())[0];
        let paragraphs: Vec<&str> = doc
            .body
            .paragraphs
            .iter()
            .map(|r| &doc.body.text[r.clone()])
            .collect();
        (
            paragraphs.join(" | "),
            doc.diagnostics.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn cues_become_paragraphs() {
        let srt = "1\n00:00:01,000 --> 00:00:03,000\n<i>Exports rose</i>\n\n2\n00:00:03,100 --> 00:00:05,000\nfor a third month.\n\n3\n00:00:09,000 --> 00:00:11,000\n[music]\n\n4\n00:00:11,000 --> 00:00:12,000\n- Analysts were surprised.\n\nbroken cue\n";
        assert_eq!(detect(srt), 95);
        assert_eq!(
            check(srt),
            (
                "Exports rose for a third month. | Analysts were surprised.".to_owned(),
                vec!["s.srt:17:1: warning: cue without a timing line (expected `00:00:01,000 --> 00:00:04,000`)".to_owned()]
            )
        );
    }
}
