//! Video-news transcripts and YouTube-style descriptions: a title line, `Published on 21 Jan
//! 2020, 6:05`, an optional headline in another language, the body, a reporter sign-off
//! (`NAME, OUTLET.`), hashtags, and social links that are not body text.

use almanac_model::{Body, Diagnostic, Document, Headline, Severity};
use nom::branch::alt;
use nom::bytes::complete::tag_no_case;
use nom::character::complete::{char, space1};
use nom::combinator::{opt, rest};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::byline::{take_stamps, without_stamps};
use crate::lines::{Line, body_parts, lines, looks_like_headline, script_lang};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "video-transcript",
    description: "video-news transcript: title, `Published on DATE`, body, reporter sign-off",
    detect,
    parse,
    why_empty: super::no_notes,
};

/// How many leading lines may hold the title and date.
const HEAD_LINES: usize = 6;

// "Published on" | "Posted on" | "Premiered on" | "Streamed live on" | "Uploaded on"
// (a bare `Published: DATE` is portal metadata, see `news_portal`)
fn published_label(i: &str) -> IResult<&str, &str> {
    alt((
        tag_no_case("published on"),
        tag_no_case("posted on"),
        tag_no_case("premiered on"),
        tag_no_case("streamed live on"),
        tag_no_case("uploaded on"),
    ))
    .parse(i)
}

// LABEL ":"? " " DATE_TEXT  -- "Published on 21 Jan 2020, 6:05"
fn published_line(i: &str) -> IResult<&str, &str> {
    preceded((published_label, opt(char(':')), space1), rest).parse(i)
}

/// The index of the `Published on` line among the first lines, with its date text.
fn find_date_line<'a>(lines: &[Line<'a>]) -> Option<(usize, &'a str)> {
    lines
        .iter()
        .take(HEAD_LINES)
        .enumerate()
        .find_map(|(n, l)| published_line(l.text).ok().map(|(_, d)| (n, d)))
}

fn detect(text: &str) -> u8 {
    let head: String = super::head(text, super::DETECT_BYTES)
        .lines()
        .take(HEAD_LINES * 2)
        .collect::<Vec<_>>()
        .join("\n");
    match find_date_line(&lines(&head)) {
        Some((_, date)) if crate::date::parse_date(date).is_ok() => 85,
        Some(_) => 55,
        None => 0,
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let all = lines(text);
    let mut doc = super::new_document(path, FORMAT.name, text);
    let (body_start, date_line) = match find_date_line(&all) {
        Some((n, date)) => (n + 1, Some((n, date))),
        None => (0, None),
    };
    if let Some((n, date_text)) = date_line {
        let title: Vec<&str> = without_stamps(&all[..n], &mut doc)
            .iter()
            .map(|l| l.text)
            .collect();
        if !title.is_empty() {
            doc.title = Some(title.join(" "));
        }
        match super::explicit_date(date_text) {
            Ok(date) => {
                doc.published = date;
                doc.published.source_text = Some(all[n].text.to_owned());
            }
            Err(err) => doc.diagnostics.push(
                Diagnostic::at(
                    Severity::Warning,
                    path,
                    text,
                    all[n].offset,
                    err.to_string(),
                )
                .expected("a date such as `21 Jan 2020, 6:05`"),
            ),
        }
    }
    let mut rest_start = body_start;
    if let Some(line) = all.get(body_start)
        && let Some(lang) = script_lang(line.text)
        && line.text.chars().count() <= 200
    {
        doc.alt_headline = Some(Headline {
            text: line.text.to_owned(),
            lang: Some(lang.to_owned()),
        });
        rest_start += 1;
    }
    if doc.title.is_none()
        && let Some(first) = all.first()
        && looks_like_headline(first.text)
    {
        doc.title = Some(first.text.to_owned());
        rest_start = rest_start.max(1);
    }
    let rest = &all[rest_start.min(all.len())..];
    let stamps = take_stamps(rest, &mut doc, 4);
    let parts = body_parts(&rest[stamps..]);
    doc.body = Body::from_paragraphs(&parts.paragraphs);
    super::fill_from_body(&mut doc, parts);
    vec![doc]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` and renders title / date / alt headline / authors / outlet / tags / body.
    fn check(text: &str) -> String {
        let doc = &parse("t", text, &Options::default())[0];
        format!(
            "{:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {}",
            doc.title,
            doc.published.local.map(|d| d.to_string()),
            doc.alt_headline.as_ref().map(|h| (&h.text, &h.lang)),
            doc.authors,
            doc.outlet,
            doc.tags,
            doc.body.paragraphs.len()
        )
    }

    #[test]
    fn full_transcript() {
        let text = "Power prices surge in heatwave\n\nPosted on 3 Aug 2023, 18:20\n電力価格が急騰\n\nPrices rose 40 percent.\nAnna Berg reports.\nAnna Berg, Nordic Daily.\n\n#power #heat\n\nFacebook: facebook.com/nordic\n";
        assert_eq!(
            check(text),
            "Some(\"Power prices surge in heatwave\") | Some(\"2023-08-03 18:20:00\") | Some((\"電力価格が急騰\", Some(\"ja\"))) | [\"Anna Berg\"] | Some(\"Nordic Daily\") | [\"power\", \"heat\"] | 2"
        );
        assert_eq!(detect(text), 85);
    }

    #[test]
    fn bad_date_is_a_diagnostic() {
        let docs = parse(
            "t",
            "Title here\nPublished on 31 Feb 2020, 6:05\nBody.",
            &Options::default(),
        );
        assert_eq!(
            docs[0].diagnostics[0].to_string(),
            "t:2:1: warning: impossible date \"31 Feb 2020, 6:05\" (expected a date such as `21 Jan 2020, 6:05`)"
        );
    }
}
