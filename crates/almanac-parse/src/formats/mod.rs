//! One module per source format; each exports a `FORMAT` listed in [`crate::FORMATS`].

pub(crate) mod atom;
pub(crate) mod html;
pub(crate) mod json_feed;
pub(crate) mod news_api_json;
pub(crate) mod news_portal;
pub(crate) mod plain_text;
pub(crate) mod rss;
pub(crate) mod srt;
pub(crate) mod video_page;
pub(crate) mod video_transcript;
pub(crate) mod vtt;
pub(crate) mod wordpress_json;

use almanac_model::{Body, DocDate, Document, content_id};

pub(crate) use crate::date::explicit_date;
pub(crate) use crate::lines::push_unique;

/// The [`crate::Format::why_empty`] of formats with nothing to say beyond "no document".
pub(crate) fn no_notes(_path: &str, _text: &str) -> Vec<almanac_model::Diagnostic> {
    Vec::new()
}

/// How much of the start of a file detectors look at.
pub(crate) const DETECT_BYTES: usize = 8192;

/// The first `max` bytes of `text`, cut back to a character boundary: detectors read only
/// there, so a 1 MB one-line file costs them nothing.
pub(crate) fn head(text: &str, max: usize) -> &str {
    let mut at = max.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

/// A document with nothing known yet; its id is the content hash of `source`.
pub(crate) fn new_document(path: &str, format: &str, source: &str) -> Document {
    with_id(path, format, content_id(source.as_bytes()))
}

/// A document with nothing known yet and the given id.
pub(crate) fn with_id(path: &str, format: &str, id: String) -> Document {
    Document {
        id,
        path: path.to_owned(),
        format: format.to_owned(),
        title: None,
        alt_headline: None,
        published: DocDate::unknown(),
        updated: None,
        outlet: None,
        authors: Vec::new(),
        url: None,
        tags: Vec::new(),
        body: Body::default(),
        diagnostics: Vec::new(),
    }
}

/// Takes what the body lines gave: authors and outlet from a sign-off or a dateline (when
/// the head gave none), tags, and a dateline's date when the document has no explicit date.
pub(crate) fn fill_from_body(doc: &mut Document, parts: crate::lines::BodyParts) {
    for a in &parts.authors {
        push_unique(&mut doc.authors, a);
    }
    if doc.outlet.is_none() {
        doc.outlet = parts.outlet;
    }
    for t in &parts.tags {
        push_unique(&mut doc.tags, t);
    }
    if let Some(date) = parts.dateline_date
        && doc.published.known != almanac_model::DateKnown::Explicit
    {
        doc.published = date;
    }
}
