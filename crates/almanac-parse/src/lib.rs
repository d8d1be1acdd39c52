//! nom grammars that turn news source files into almanac [`Document`]s.
//!
//! [`read`] takes the bytes of one file, decodes them (UTF-8, UTF-16 with a BOM, else
//! Windows-1252 with a diagnostic), detects the format **by content** (never by file name) and
//! runs that format's grammar. A file yields zero or more documents (a feed yields one per
//! item) and diagnostics; bad input is data, never a panic or an error.
//!
//! Formats live one per file in `src/formats/`, listed once in [`FORMATS`]. Adding a format is
//! one new file and one line in that list. Bylines and date stamps under a headline (`By Jane
//! Doe | 2024-03-05`) are read for every text and HTML format; sidecar metadata
//! (`FILE.meta.json`) is read by [`Sidecar::parse`] and applied by [`read_with_sidecar`].
//!
//! What the crate root offers (every module is private):
//!
//! - [`read`], [`read_with_sidecar`]: one file's bytes into a [`Parsed`] (documents and
//!   diagnostics), with [`Options`] (capture date, forced format).
//! - [`read_files`]: a whole corpus as `(path, bytes)` pairs, as the app reads a folder:
//!   [`is_document`] decides which files are documents, and each sidecar ([`sidecar_path`],
//!   [`SIDECAR_SUFFIX`]) is parsed by [`Sidecar::parse`] and applied to its file.
//! - [`FORMATS`], [`Format`], [`detect`], [`format_named`]: the known formats.
//! - [`parse_date`], [`parse_relative_age`] ([`ParsedDate`], [`DateError`]): the date
//!   grammar of bylines, feeds and sidecars.
//! - [`explain`], [`explain_file`] ([`Explanation`], [`Dropped`], [`Reason`]): why an HTML
//!   page's main text is what it is (`almanac parse --why`).
//!
//! This crate does no I/O, never reads the clock and never prints: the capture date used to
//! resolve `5 years ago` is an [`Options`] field the caller supplies.
//!
//! ```
//! use almanac_parse::{read, Options};
//!
//! let text = "Grid operator warns of summer shortfall\n\nPublished on 3 Jun 2024, 9:15\n\
//!             The operator said reserves could fall below 5 percent.\n\
//!             Jane Doe, Example News.\n";
//! let parsed = read("grid.txt", text.as_bytes(), &Options::default());
//! let doc = &parsed.documents[0];
//! assert_eq!(doc.format, "video-transcript");
//! assert_eq!(doc.title.as_deref(), Some("Grid operator warns of summer shortfall"));
//! assert_eq!(doc.authors, ["Jane Doe"]);
//! assert_eq!(doc.outlet.as_deref(), Some("Example News"));
//! ```

mod byline;
mod corpus;
mod date;
mod decode;
mod feed;
mod formats;
mod html;
mod json;
mod lines;
mod page;
mod sidecar;

use almanac_model::{DateKnown, Diagnostic, Document, Severity};
use chrono::NaiveDate;

pub use almanac_model;
pub use corpus::{is_document, read_files, sidecar_path};
pub use date::{DateError, ParsedDate, parse_date, parse_relative_age};
pub use page::{Dropped, Explanation, Reason, explain};
pub use sidecar::{SIDECAR_SUFFIX, Sidecar};

/// How to read a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// When the file was captured: resolves capture-relative dates (`5 years ago`).
    /// Without it they stay relative; they are never resolved against today.
    pub captured: Option<NaiveDate>,
    /// Force a format by name (see [`FORMATS`]) instead of detecting it.
    pub format: Option<&'static str>,
}

/// What was read from one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// The documents, in source order (a feed gives one per item).
    pub documents: Vec<Document>,
    /// Diagnostics about the file as a whole, when it yields no document (empty, binary,
    /// undecodable). Diagnostics about a document are in [`Document::diagnostics`].
    pub diagnostics: Vec<Diagnostic>,
}

/// A source format: a name, a content detector and a grammar.
#[derive(Debug)]
pub struct Format {
    /// Stable name, used in [`Document::format`] and `--format`: `rss`, `wordpress-json`.
    pub name: &'static str,
    /// One line describing what it reads.
    pub description: &'static str,
    /// Confidence (0..=100) that the decoded text is in this format.
    pub detect: fn(&str) -> u8,
    /// Parses decoded text into documents: `(path, text, options)`.
    pub parse: fn(&str, &str, &Options) -> Vec<Document>,
    /// Why decoded text gave no document (`(path, text)`): the damage a feed reader met, for
    /// instance. Formats with nothing to add return no diagnostics.
    pub why_empty: fn(&str, &str) -> Vec<Diagnostic>,
}

/// Every known format. The first with the highest confidence wins detection.
pub static FORMATS: &[Format] = &[
    formats::wordpress_json::FORMAT,
    formats::news_api_json::FORMAT,
    formats::json_feed::FORMAT,
    formats::rss::FORMAT,
    formats::atom::FORMAT,
    formats::html::FORMAT,
    formats::vtt::FORMAT,
    formats::srt::FORMAT,
    formats::video_transcript::FORMAT,
    formats::video_page::FORMAT,
    formats::news_portal::FORMAT,
    formats::plain_text::FORMAT,
];

/// The format whose detector is most confident about `text` (plain text when none is).
pub fn detect(text: &str) -> &'static Format {
    let mut best = FORMATS
        .iter()
        .find(|f| f.name == formats::plain_text::FORMAT.name)
        .unwrap_or(&FORMATS[0]);
    let mut best_score = 0;
    for format in FORMATS {
        let score = (format.detect)(text);
        if score > best_score {
            best = format;
            best_score = score;
        }
    }
    best
}

/// The format with this name, if any.
pub fn format_named(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

/// Reads one file's bytes into documents. Never panics and never fails: damage is reported
/// as diagnostics. `path` is only used to label documents and diagnostics.
pub fn read(path: &str, bytes: &[u8], opts: &Options) -> Parsed {
    read_with_sidecar(path, bytes, opts, None)
}

/// [`read`] with the file's sidecar metadata (see [`Sidecar`]): its capture date wins over
/// `opts.captured`, its fields are applied to the documents, and its diagnostics come first.
pub fn read_with_sidecar(
    path: &str,
    bytes: &[u8],
    opts: &Options,
    sidecar: Option<&Sidecar>,
) -> Parsed {
    let mut opts = *opts;
    if let Some(captured) = sidecar.and_then(|s| s.captured) {
        opts.captured = Some(captured);
    }
    let mut parsed = read_text(path, bytes, &opts);
    let Some(sidecar) = sidecar else {
        return parsed;
    };
    let count = parsed.documents.len();
    if count == 0 {
        let mut all = sidecar.diagnostics.clone();
        all.append(&mut parsed.diagnostics);
        parsed.diagnostics = all;
    }
    for (n, doc) in parsed.documents.iter_mut().enumerate() {
        let mut notes = sidecar.apply(doc, n, count);
        // a date the sidecar gave answers the notes about a missing or relative date
        let known = doc.published.known;
        doc.diagnostics.retain(|d| {
            !(d.line == 0
                && ((d.message == NO_DATE && known != DateKnown::Unknown)
                    || (d.message.ends_with(RELATIVE_UNRESOLVED)
                        && known != DateKnown::RelativeToCapture)))
        });
        notes.append(&mut doc.diagnostics);
        doc.diagnostics = notes;
    }
    parsed
}

/// [`explain`] for a file's bytes, when they decode to an HTML page (`None` otherwise).
pub fn explain_file(path: &str, bytes: &[u8]) -> Option<Explanation> {
    let text = decode::decode(path, bytes).text?;
    (detect(&text).name == formats::html::FORMAT.name).then(|| page::explain(&text))
}

/// The note on a document without any date.
const NO_DATE: &str = "no publication date in text";

/// The end of the note on a capture-relative date without a capture date.
const RELATIVE_UNRESOLVED: &str = "is relative to an unknown capture date";

fn read_text(path: &str, bytes: &[u8], opts: &Options) -> Parsed {
    let decoded = decode::decode(path, bytes);
    let mut parsed = Parsed::default();
    let Some(text) = decoded.text else {
        parsed.diagnostics = decoded.diagnostics;
        return parsed;
    };
    let mut format = detect(&text);
    let mut file_notes = decoded.diagnostics;
    if let Some(name) = opts.format {
        match format_named(name) {
            Some(forced) => format = forced,
            None => file_notes.push(
                Diagnostic::file(Severity::Warning, path, format!("unknown format {name:?}"))
                    .expected(
                        FORMATS
                            .iter()
                            .map(|f| f.name)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            ),
        }
    }
    let mut documents = (format.parse)(path, &text, opts);
    if documents.is_empty() {
        file_notes.extend((format.why_empty)(path, &text));
        file_notes.push(Diagnostic::file(
            Severity::Warning,
            path,
            format!("no document found in {} input", format.name),
        ));
        parsed.diagnostics = file_notes;
        return parsed;
    }
    for doc in &mut documents {
        finish(doc, &file_notes, opts);
    }
    parsed.documents = documents;
    parsed
}

/// Common post-processing: file-level notes first, capture resolution, date notes.
fn finish(doc: &mut Document, file_notes: &[Diagnostic], opts: &Options) {
    let mut diagnostics = file_notes.to_vec();
    diagnostics.append(&mut doc.diagnostics);
    if doc.published.known == DateKnown::RelativeToCapture {
        match opts.captured {
            Some(captured) => doc.published = doc.published.resolve_with_capture(captured),
            None => diagnostics.push(
                Diagnostic::file(
                    Severity::Info,
                    &doc.path,
                    format!(
                        "date {:?} {RELATIVE_UNRESOLVED}",
                        doc.published.source_text.as_deref().unwrap_or("")
                    ),
                )
                .expected("a capture date (--captured DATE)"),
            ),
        }
    }
    if doc.published.known == DateKnown::Unknown && doc.updated.is_none() {
        diagnostics.push(Diagnostic::file(Severity::Info, &doc.path, NO_DATE));
    }
    // file-level notes first, then in source order
    diagnostics.sort_by_key(|d| (d.line, d.column));
    doc.diagnostics = diagnostics;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads `text` with an optional capture date and renders
    /// `format | published local | note | diagnostics`.
    fn check(text: &[u8], captured: Option<NaiveDate>) -> String {
        let parsed = read(
            "f",
            text,
            &Options {
                captured,
                format: None,
            },
        );
        let mut out: Vec<String> = parsed
            .documents
            .iter()
            .map(|d| {
                format!(
                    "{} | {:?} | {:?} | {}",
                    d.format,
                    d.published.local.map(|t| t.to_string()),
                    d.published.note,
                    d.diagnostics
                        .iter()
                        .map(|x| x.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })
            .collect();
        out.extend(parsed.diagnostics.iter().map(ToString::to_string));
        out.join("\n")
    }

    #[test]
    fn capture_date_resolves_relative_ages_only_when_given() {
        let page = b"Rail link opens\n  \xE2\x80\xA2 2 years ago\nTrains run hourly.\n";
        assert_eq!(
            check(page, None),
            "video-page | None | None | date \"2 years ago\" is relative to an unknown capture date"
        );
        assert_eq!(
            check(page, NaiveDate::from_ymd_opt(2024, 11, 21)),
            "video-page | Some(\"2022-11-21 00:00:00\") | Some(\"2 years before capture on 2024-11-21\") | "
        );
    }

    #[test]
    fn files_without_documents_say_why() {
        assert_eq!(
            check(b"", None),
            "f: error: empty file (expected a news document)"
        );
        assert_eq!(
            check(b"<rss><channel><title>x</title></channel></rss>", None),
            "f: warning: no document found in rss input"
        );
    }

    #[test]
    fn forced_format_wins_and_unknown_names_are_reported() {
        let opts = Options {
            captured: None,
            format: Some("plain-text"),
        };
        let parsed = read("f", b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n", &opts);
        assert_eq!(parsed.documents[0].format, "plain-text");
        let opts = Options {
            captured: None,
            format: Some("docx"),
        };
        let parsed = read("f", b"Some text.", &opts);
        assert_eq!(
            parsed.documents[0].diagnostics[0].message,
            "unknown format \"docx\""
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Arbitrary bytes never panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let parsed = read("x", &bytes, &Options::default());
            prop_assert!(parsed.documents.len() + parsed.diagnostics.len() > 0);
        }

        /// Arbitrary text, and text built from format-like fragments, never panics in any format.
        #[test]
        fn arbitrary_text_never_panics(
            parts in proptest::collection::vec(prop_oneof![
                any::<String>(),
                Just("<".to_owned()), Just("</p>".to_owned()), Just("<item>".to_owned()),
                Just("<![CDATA[".to_owned()), Just("{\"content\":{\"rendered\":\"".to_owned()),
                Just("\\u12".to_owned()), Just("\"".to_owned()), Just("\n".to_owned()),
                Just("Published on 31 Feb 2020, 25:61".to_owned()), Just("• 99999999999 years ago".to_owned()),
                Just("00:00:01,000 --> ".to_owned()), Just("WEBVTT\n".to_owned()),
                Just("Update time : 2023-13-45 99:99:99".to_owned()), Just("<rss><channel>".to_owned()),
                Just("&#xFFFFFFFF;&amp".to_owned()), Just("é한".to_owned()),
            ], 0..40)
        ) {
            let text: String = parts.concat();
            for format in FORMATS {
                let opts = Options { captured: NaiveDate::from_ymd_opt(2024, 2, 29), format: Some(format.name) };
                let parsed = read("x", text.as_bytes(), &opts);
                for doc in &parsed.documents {
                    for r in doc.body.paragraphs.iter().chain(&doc.body.sentences) {
                        prop_assert!(doc.body.text.get(r.clone()).is_some());
                    }
                }
            }
        }
    }
}
