//! Plain article text with no metadata: an optional headline line, then paragraphs. The date
//! stays unknown (the reader adds a `no publication date in text` diagnostic).

use almanac_model::{Body, Document};

use crate::lines::{body_parts, lines, looks_like_headline};
use crate::{Format, Options};

/// The format entry; the fallback when no other format is confident.
pub const FORMAT: Format = Format {
    name: "plain-text",
    description: "plain article text: optional headline line, paragraphs",
    detect,
    parse,
};

fn detect(_text: &str) -> u8 {
    10
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let all = lines(text);
    let mut doc = super::new_document(path, FORMAT.name, text);
    let mut start = 0;
    if all.len() > 1 && looks_like_headline(all[0].text) {
        doc.title = Some(all[0].text.to_owned());
        start = 1;
    }
    let parts = body_parts(&all[start..]);
    doc.body = Body::from_paragraphs(&parts.paragraphs);
    doc.authors = parts.authors;
    doc.outlet = parts.outlet;
    doc.tags = parts.tags;
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
