//! News-portal page text: a title, then metadata lines such as `Views : 33` and
//! `Update time : 2023-04-25 10:27:40`, then the article. The update time is kept as the
//! document's `updated` date, which is its reference date when no publication date is given.

use almanac_model::{Body, Diagnostic, Document, Severity};
use nom::bytes::complete::take_while1;
use nom::character::complete::{one_of, space0};
use nom::combinator::{rest, verify};
use nom::{IResult, Parser};

use crate::byline::{take_stamps, without_stamps};
use crate::lines::{Line, body_parts, lines, looks_like_headline};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "news-portal",
    description: "news-portal page text: title, `Views : N`, `Update time : DATE`, body",
    detect,
    parse,
    why_empty: super::no_notes,
};

/// How many leading lines may hold the title and metadata.
const HEAD_LINES: usize = 10;

/// What a metadata label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meta {
    Published,
    Updated,
    Author,
    Source,
    Counter,
}

/// Classifies a label (`Update time`, `Views`, `Reporter`).
fn meta_kind(label: &str) -> Option<Meta> {
    let l = label.trim().to_lowercase();
    Some(match l.as_str() {
        "update time" | "updated" | "last updated" | "updated on" | "modified" | "update"
        | "last modified" | "updated at" => Meta::Updated,
        "published" | "publish time" | "published on" | "posted" | "posted on" | "date"
        | "release time" | "released" | "publication date" | "published at" | "time"
        | "posted at" | "input" | "created" => Meta::Published,
        "author" | "authors" | "reporter" | "writer" | "by" | "editor" | "written by" => {
            Meta::Author
        }
        "source" | "news source" | "outlet" | "via" => Meta::Source,
        "views" | "hits" | "reads" | "view count" | "clicks" | "comments" => Meta::Counter,
        _ => return None,
    })
}

// LABEL WS? (":" | "：") WS? VALUE  -- "Update time : 2023-04-25 10:27:40"
fn meta_line(i: &str) -> IResult<&str, (Meta, &str)> {
    let (rest_in, (label, _, _, _, value)) = (
        verify(
            take_while1(|c: char| c.is_alphabetic() || c == ' '),
            |l: &str| meta_kind(l).is_some(),
        ),
        space0,
        one_of(":："),
        space0,
        rest,
    )
        .parse(i)?;
    let kind = meta_kind(label).unwrap_or(Meta::Counter);
    Ok((rest_in, (kind, value.trim())))
}

/// Metadata lines among the first lines: (line index, kind, value).
fn meta_lines<'a>(all: &[Line<'a>]) -> Vec<(usize, Meta, &'a str)> {
    all.iter()
        .take(HEAD_LINES)
        .enumerate()
        .filter_map(|(n, l)| meta_line(l.text).ok().map(|(_, (k, v))| (n, k, v)))
        .collect()
}

fn detect(text: &str) -> u8 {
    let head: String = super::head(text, super::DETECT_BYTES)
        .lines()
        .take(HEAD_LINES * 2)
        .collect::<Vec<_>>()
        .join("\n");
    let meta = meta_lines(&lines(&head));
    let dated = meta.iter().any(|(_, k, v)| {
        matches!(k, Meta::Published | Meta::Updated) && crate::date::parse_date(v).is_ok()
    });
    match (dated, meta.len()) {
        (true, _) => 82,
        (false, n) if n >= 2 => 60,
        (false, 1) => 40,
        _ => 0,
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let all = lines(text);
    let mut doc = super::new_document(path, FORMAT.name, text);
    let meta = meta_lines(&all);
    let first_meta = meta.first().map_or(0, |m| m.0);
    let last_meta = meta.last().map_or(0, |m| m.0 + 1);
    // a byline or date stamp above the metadata is not part of the title
    let title: Vec<&str> = without_stamps(&all[..first_meta], &mut doc)
        .iter()
        .map(|l| l.text)
        .collect();
    if !title.is_empty() {
        doc.title = Some(title.join(" "));
    }
    for &(n, kind, value) in &meta {
        match kind {
            Meta::Published | Meta::Updated => match super::explicit_date(value) {
                Ok(mut date) => {
                    date.source_text = Some(all[n].text.to_owned());
                    if kind == Meta::Published {
                        doc.published = date;
                    } else {
                        doc.updated = Some(date);
                    }
                }
                Err(err) => doc.diagnostics.push(
                    Diagnostic::at(
                        Severity::Warning,
                        path,
                        text,
                        all[n].offset,
                        err.to_string(),
                    )
                    .expected("a date such as `2023-04-25 10:27:40`"),
                ),
            },
            Meta::Author => {
                for name in value.split([',', '/', ';']) {
                    super::push_unique(&mut doc.authors, name);
                }
            }
            Meta::Source if !value.is_empty() => doc.outlet = Some(value.to_owned()),
            Meta::Source | Meta::Counter => {}
        }
    }
    // lines between metadata that are not metadata stay out of the body; stamps among them
    // (`By Jane Doe`) are read
    if first_meta < last_meta {
        without_stamps(&all[first_meta..last_meta], &mut doc);
    }
    let mut body_lines: Vec<Line<'_>> = all[last_meta.min(all.len())..].to_vec();
    if meta.is_empty()
        && let Some(first) = all.first()
        && looks_like_headline(first.text)
    {
        doc.title = Some(first.text.to_owned());
        body_lines.remove(0);
    }
    let stamps = take_stamps(&body_lines, &mut doc, 4);
    let parts = body_parts(&body_lines[stamps..]);
    doc.body = Body::from_paragraphs(&parts.paragraphs);
    super::fill_from_body(&mut doc, parts);
    vec![doc]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders (title, published, updated, authors, outlet, paragraphs).
    fn check(text: &str) -> String {
        let doc = &parse("p", text, &Options::default())[0];
        format!(
            "{:?} | {:?} | {:?} | {:?} | {:?} | {}",
            doc.title,
            doc.published.local.map(|d| d.to_string()),
            doc.updated
                .as_ref()
                .and_then(|d| d.local)
                .map(|d| d.to_string()),
            doc.authors,
            doc.outlet,
            doc.body.paragraphs.len()
        )
    }

    #[test]
    fn metadata_block() {
        let text = "Copper output hits record\nHits: 1,204\nReporter: Ana Ruiz\nPublished : 2024-03-01 08:00\nUpdated: 2024-03-02 09:30:00\nMines produced more.\nPrices fell.";
        assert_eq!(
            check(text),
            "Some(\"Copper output hits record\") | Some(\"2024-03-01 08:00:00\") | Some(\"2024-03-02 09:30:00\") | [\"Ana Ruiz\"] | None | 2"
        );
        assert_eq!(detect(text), 82);
    }

    #[test]
    fn byline_above_the_metadata_is_not_title() {
        let text = "Copper output hits record\nBy Ana Ruiz\nPublished: 12 October 2023\nMines produced more.";
        assert_eq!(
            check(text),
            "Some(\"Copper output hits record\") | Some(\"2023-10-12 00:00:00\") | None | [\"Ana Ruiz\"] | None | 1"
        );
    }
}
