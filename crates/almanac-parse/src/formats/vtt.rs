//! WebVTT subtitles: a `WEBVTT` header (its text after ` - ` is the title), optional cue ids,
//! `HH:MM:SS.mmm --> HH:MM:SS.mmm` timings with settings, voice tags. Cues are joined into a
//! transcript like [`super::srt`].

use almanac_model::{Body, Document};
use nom::bytes::complete::tag;
use nom::combinator::rest;
use nom::{IResult, Parser};

use super::srt::{cues, paragraphs};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "vtt",
    description: "WebVTT subtitles: cues joined into a transcript",
    detect,
    parse,
    why_empty: super::no_notes,
};

// "WEBVTT" REST_OF_LINE  -- "WEBVTT - Budget speech, 12 March"
fn header(i: &str) -> IResult<&str, &str> {
    let (r, (_, title)) = (tag("WEBVTT"), rest).parse(i)?;
    Ok((r, title))
}

fn detect(text: &str) -> u8 {
    let first = super::head(text, super::DETECT_BYTES)
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if header(first.trim_end()).is_ok() {
        98
    } else {
        0
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let mut doc = super::new_document(path, FORMAT.name, text);
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if let Ok((_, title)) = header(first.trim_end()) {
        let title = title.trim().trim_start_matches(['-', ' ']).trim();
        if !title.is_empty() {
            doc.title = Some(title.to_owned());
        }
    }
    let cues = cues(path, text, &mut doc.diagnostics);
    doc.body = Body::from_paragraphs(&paragraphs(&cues));
    vec![doc]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders (title, body).
    fn check(text: &str) -> (Option<String>, String) {
        let doc = &parse("v.vtt", text, &Options::default())[0];
        (doc.title.clone(), doc.body.text.clone())
    }

    #[test]
    fn header_title_and_voices() {
        let vtt = "WEBVTT - Rate decision\n\nNOTE produced by hand\n\nintro\n00:01.000 --> 00:03.000 align:start\n<v Chair>Rates stay at 4%.</v>\n\n00:00:08.000 --> 00:00:09.500\n>> Why?\n";
        assert_eq!(detect(vtt), 98);
        assert_eq!(
            check(vtt),
            (
                Some("Rate decision".into()),
                "Rates stay at 4%.\n\nWhy?".into()
            )
        );
    }
}
