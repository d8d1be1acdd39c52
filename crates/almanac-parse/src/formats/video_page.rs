//! Video pages saved as text: a title, an age such as `• 5 years ago` (relative to when the
//! page was captured), an optional headline in another language, the body, a sign-off, and
//! trailing `Recommended` lists that are not body text.

use almanac_model::{Body, DateKnown, DocDate, Document, Headline};

use crate::byline::without_stamps;
use crate::date::parse_relative_age;
use crate::lines::{Line, body_parts, lines, script_lang};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "video-page",
    description: "video page text: title, `• 5 years ago`, body, sign-off, `Recommended`",
    detect,
    parse,
    why_empty: super::no_notes,
};

const HEAD_LINES: usize = 5;

/// The age on a line such as `• 5 years ago`, `12K views • 5 years ago` or
/// `Streamed live 2 days ago`: segments split on bullets, one of which is an age, possibly after
/// a verb saying what happened then.
fn age_of(line: &str) -> Option<(almanac_model::RelativeAge, &str)> {
    const VERBS: &[&str] = &[
        "streamed live ",
        "streamed ",
        "premiered ",
        "published ",
        "uploaded ",
        "posted ",
        "updated ",
    ];
    line.split(['•', '·', '|']).map(str::trim).find_map(|seg| {
        let lower = seg.to_ascii_lowercase();
        let age = VERBS
            .iter()
            .find(|v| lower.starts_with(*v))
            .and_then(|v| seg.get(v.len()..))
            .unwrap_or(seg);
        parse_relative_age(age).map(|a| (a, age))
    })
}

fn find_age<'a>(lines: &[Line<'a>]) -> Option<(usize, almanac_model::RelativeAge, &'a str)> {
    lines
        .iter()
        .take(HEAD_LINES)
        .enumerate()
        .find_map(|(n, l)| age_of(l.text).map(|(a, s)| (n, a, s)))
}

fn detect(text: &str) -> u8 {
    let head: String = super::head(text, super::DETECT_BYTES)
        .lines()
        .take(HEAD_LINES * 2)
        .collect::<Vec<_>>()
        .join("\n");
    if find_age(&lines(&head)).is_some() {
        80
    } else {
        0
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let all = lines(text);
    let mut doc = super::new_document(path, FORMAT.name, text);
    let mut start = 0;
    if let Some((n, age, age_text)) = find_age(&all) {
        let title: Vec<&str> = without_stamps(&all[..n], &mut doc)
            .iter()
            .map(|l| l.text)
            .collect();
        if !title.is_empty() {
            doc.title = Some(title.join(" "));
        }
        if doc.published.known == DateKnown::Unknown {
            doc.published = DocDate {
                known: DateKnown::RelativeToCapture,
                granularity: age.unit,
                relative: Some(age),
                source_text: Some(age_text.to_owned()),
                ..DocDate::unknown()
            };
        }
        start = n + 1;
    }
    if let Some(line) = all.get(start)
        && let Some(lang) = script_lang(line.text)
        && line.text.chars().count() <= 200
    {
        doc.alt_headline = Some(Headline {
            text: line.text.to_owned(),
            lang: Some(lang.to_owned()),
        });
        start += 1;
    }
    let parts = body_parts(&all[start.min(all.len())..]);
    doc.body = Body::from_paragraphs(&parts.paragraphs);
    super::fill_from_body(&mut doc, parts);
    vec![doc]
}

#[cfg(test)]
mod tests {
    use super::*;
    use almanac_time::Granularity;

    /// Parses and renders (title, known, relative, alt lang, authors, outlet, last paragraph).
    fn check(text: &str) -> String {
        let doc = &parse("v", text, &Options::default())[0];
        format!(
            "{:?} | {:?} {:?} {:?} | {:?} | {:?} {:?} | {:?}",
            doc.title,
            doc.published.known,
            doc.published.relative.map(|r| (r.amount, r.unit)),
            doc.published.granularity,
            doc.alt_headline.as_ref().and_then(|h| h.lang.clone()),
            doc.authors,
            doc.outlet,
            doc.body.text.lines().last()
        )
    }

    #[test]
    fn relative_age_and_trailer() {
        let text = "Ports brace for strike\n  1.2K views • 3 weeks ago\nThe union said talks failed.\nJOHN Smith, Harbor TV.\nRecommended\nOther video";
        assert_eq!(
            check(text),
            "Some(\"Ports brace for strike\") | RelativeToCapture Some((3, Week)) Week | None | [\"John Smith\"] Some(\"Harbor TV\") | Some(\"The union said talks failed.\")"
        );
        assert_eq!(
            age_of("Streamed live 2 days ago").map(|(a, s)| (a.amount, a.unit, s)),
            Some((2, Granularity::Day, "2 days ago"))
        );
    }
}
