//! Plain article text: an optional headline line, optional byline and date stamps
//! (`By Jane Doe | 2024-03-05`, `5 March 2024 · 3 min read`, see [`crate::byline`]), then
//! paragraphs; a wire dateline with a full date (`PARIS, March 5, 2024 (AFP) -`) dates it too.
//! Without any of these the date stays unknown (the reader adds a `no publication date in
//! text` diagnostic).

use almanac_model::{Body, Document};

use crate::byline::take_stamps;
use crate::lines::{body_parts, lines, looks_like_headline};
use crate::{Format, Options};

/// The format entry; the fallback when no other format is confident.
pub(crate) const FORMAT: Format = Format {
    name: "plain-text",
    description: "plain article text: optional headline line, paragraphs",
    detect,
    parse,
    why_empty: super::no_notes,
};

/// How many stamp lines may surround the headline.
const HEAD_STAMPS: usize = 4;

fn detect(_text: &str) -> u8 {
    10
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let all = lines(text);
    let mut doc = super::new_document(path, FORMAT.name, text);
    // stamps may come before the headline, after it, or both
    let mut start = take_stamps(&all, &mut doc, HEAD_STAMPS);
    if all.len() > start + 1 && looks_like_headline(all[start].text) {
        doc.title = Some(all[start].text.to_owned());
        start += 1;
    }
    start += take_stamps(&all[start..], &mut doc, HEAD_STAMPS);
    let parts = body_parts(&all[start..]);
    doc.body = Body::from_paragraphs(&parts.paragraphs);
    super::fill_from_body(&mut doc, parts);
    vec![doc]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders (title, paragraphs).
    fn check(text: &str) -> (Option<String>, usize) {
        let doc = &parse("p", text, &Options::default())[0];
        (doc.title.clone(), doc.body.paragraphs.len())
    }

    /// Parses and renders `title | authors | outlet | published (granularity) | updated |
    /// first paragraph`.
    fn check_head(text: &str) -> String {
        let doc = &parse("p", text, &Options::default())[0];
        let date = |d: Option<&almanac_model::DocDate>| {
            d.and_then(|d| d.local.map(|l| format!("{l} ({:?})", d.granularity)))
                .unwrap_or_else(|| "-".into())
        };
        format!(
            "{} | {} | {} | {} | {} | {}",
            doc.title.as_deref().unwrap_or("-"),
            doc.authors.join("; "),
            doc.outlet.as_deref().unwrap_or("-"),
            date(Some(&doc.published)),
            date(doc.updated.as_ref()),
            doc.body.text.split("\n\n").next().unwrap_or("")
        )
    }

    #[test]
    fn bylines_and_stamps_date_the_article() {
        assert_eq!(
            check_head(
                "Port fees to rise\nBy Jane Doe | 2024-03-05\nThe port said fees rise in May.\n"
            ),
            "Port fees to rise | Jane Doe | - | 2024-03-05 00:00:00 (Day) | - | The port said fees rise in May."
        );
        assert_eq!(
            check_head(
                "Port fees to rise\n\nBy Jane Doe and Li Wei, Harbor Times\n5 March 2024 · 3 min read\n\nThe port said fees rise.\n"
            ),
            "Port fees to rise | Jane Doe; Li Wei | Harbor Times | 2024-03-05 00:00:00 (Day) | - | The port said fees rise."
        );
        assert_eq!(
            check_head(
                "Posted: Tue 5 Mar 2024 09:30 GMT\nPort fees to rise\nLast updated: 6 March 2024, 10:00\nThe port said fees rise.\n"
            ),
            "Port fees to rise |  | - | 2024-03-05 09:30:00 (Minute) | 2024-03-06 10:00:00 (Minute) | The port said fees rise."
        );
        assert_eq!(
            check_head(
                "Port fees to rise\nPARIS, March 5, 2024 (Example Wire) - The port said fees rise.\n"
            ),
            "Port fees to rise |  | Example Wire | 2024-03-05 00:00:00 (Day) | - | PARIS, March 5, 2024 (Example Wire) - The port said fees rise."
        );
        // no year in the dateline: the outlet only
        assert_eq!(
            check_head(
                "Port fees to rise\nLONDON, March 5 (AP) \u{2014} The port said fees rise.\n"
            ),
            "Port fees to rise |  | AP | - | - | LONDON, March 5 (AP) \u{2014} The port said fees rise."
        );
    }

    #[test]
    fn headline_only_when_it_looks_like_one() {
        assert_eq!(
            check("Wind farm approved\nThe council voted 7-2.\nWork starts soon."),
            (Some("Wind farm approved".into()), 2)
        );
        assert_eq!(
            check("The council voted 7-2.\nWork starts soon."),
            (None, 2)
        );
    }
}
