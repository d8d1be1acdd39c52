//! Sidecar metadata (`FILE.meta.json`): see [`Sidecar`].

use almanac_model::{DateKnown, Diagnostic, DocDate, Document, Severity};
use chrono::NaiveDate;

/// The suffix of a sidecar file: `page.txt.meta.json` describes `page.txt`.
pub const SIDECAR_SUFFIX: &str = ".meta.json";

/// The keys a sidecar may hold.
const KEYS: &[&str] = &["captured", "published", "title", "outlet", "authors", "url"];

/// What a sidecar says, and the problems met reading it.
///
/// Sidecar metadata: a `FILE.meta.json` next to a source file says what the file itself does
/// not (subtitles have no date, a saved page has no capture date):
///
/// ```json
/// {
///   "captured": "2024-11-21",
///   "published": "2024-03-05T10:00:00+01:00",
///   "title": "Budget speech",
///   "outlet": "City Council TV",
///   "authors": ["Jane Doe", "Li Wei"],
///   "url": "https://example.org/budget"
/// }
/// ```
///
/// Every key is optional; `authors` may also be one string. `captured` (a day) resolves
/// capture-relative ages (`5 years ago`) for this file and wins over `--captured`.
/// `published` takes any date [`crate::parse_date`] reads; the document's date is then
/// [`DateKnown::Inferred`] with the note `given by sidecar PATH`.
///
/// **The sidecar wins**: it is the user's own statement about the file, so its values replace
/// what the parser read, and each replacement of a different value is noted as an info
/// diagnostic (`sidecar title "..." replaces "..." read from the text`). `title`, `published`,
/// `authors` and `url` describe one document: for a file that holds several (a feed), they are
/// ignored with a warning, while `captured` and `outlet` apply to every document.
///
/// Problems are diagnostics with the sidecar's path, line and column: invalid JSON (the sidecar
/// is then ignored), an unknown key, a value of the wrong type or an unreadable date (that key
/// is ignored, the others are used).
///
/// [`Sidecar::parse`] parses text; reading the sidecar file is the caller's job.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sidecar {
    /// The sidecar's path, as given.
    pub path: String,
    /// When the file was captured.
    pub captured: Option<NaiveDate>,
    /// When the document was published ([`DateKnown::Inferred`], noted).
    pub published: Option<DocDate>,
    /// The document's title.
    pub title: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The authors.
    pub authors: Vec<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// Problems met reading the sidecar, located in it.
    pub diagnostics: Vec<Diagnostic>,
}

impl Sidecar {
    /// Reads sidecar text. Never fails: problems are [`Sidecar::diagnostics`].
    pub fn parse(path: &str, text: &str) -> Self {
        let mut out = Sidecar {
            path: path.to_owned(),
            ..Sidecar::default()
        };
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(err) => {
                let mut d = Diagnostic::file(
                    Severity::Warning,
                    path,
                    format!("unreadable sidecar metadata: {}", strip_position(&err)),
                )
                .expected("a JSON object such as {\"published\": \"2024-03-05\"}");
                d.line = u32::try_from(err.line()).unwrap_or(0);
                d.column = u32::try_from(err.column()).unwrap_or(0);
                out.diagnostics.push(d);
                return out;
            }
        };
        let serde_json::Value::Object(map) = value else {
            out.diagnostics.push(
                Diagnostic::at(
                    Severity::Warning,
                    path,
                    text,
                    text.len() - text.trim_start().len(),
                    "sidecar metadata is not a JSON object",
                )
                .expected("a JSON object such as {\"published\": \"2024-03-05\"}"),
            );
            return out;
        };
        for (key, value) in &map {
            if let Err((message, expected)) = out.set(key, value) {
                out.diagnostics.push(
                    Diagnostic::at(
                        Severity::Warning,
                        path,
                        text,
                        key_offset(text, key),
                        message,
                    )
                    .expected(expected),
                );
            }
        }
        // in source order
        out.diagnostics.sort_by_key(|d| (d.line, d.column));
        out
    }

    /// Sets one key; on error, (message, expected).
    fn set(&mut self, key: &str, value: &serde_json::Value) -> Result<(), (String, String)> {
        let string = |what: &str| {
            value
                .as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| {
                    (
                        format!("sidecar {key:?} is not a non-empty string"),
                        what.to_owned(),
                    )
                })
        };
        match key {
            "captured" => {
                let text = string("a date such as \"2024-11-21\"")?;
                let date = crate::parse_date(&text).map_err(|e| {
                    (
                        format!("sidecar \"captured\": {e}"),
                        "a date such as \"2024-11-21\"".to_owned(),
                    )
                })?;
                self.captured = Some(date.local.date());
            }
            "published" => {
                let text = string("a date such as \"2024-03-05T10:00:00+01:00\"")?;
                let mut date = crate::date::explicit_date(&text).map_err(|e| {
                    (
                        format!("sidecar \"published\": {e}"),
                        "a date such as \"2024-03-05T10:00:00+01:00\"".to_owned(),
                    )
                })?;
                date.known = DateKnown::Inferred;
                date.source_text = Some(format!("published: {text}"));
                date.note = Some(format!("given by sidecar {}", self.path));
                self.published = Some(date);
            }
            "title" => self.title = Some(string("a title")?),
            "outlet" => self.outlet = Some(string("an outlet name")?),
            "url" => self.url = Some(string("a URL")?),
            "authors" => {
                let bad = || {
                    (
                        "sidecar \"authors\" is not a name or a list of names".to_owned(),
                        "[\"Jane Doe\", \"Li Wei\"]".to_owned(),
                    )
                };
                self.authors = match value {
                    serde_json::Value::String(s) => vec![s.trim().to_owned()],
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|i| i.as_str().map(|s| s.trim().to_owned()).ok_or_else(bad))
                        .collect::<Result<_, _>>()?,
                    _ => return Err(bad()),
                };
                self.authors.retain(|a| !a.is_empty());
            }
            _ => {
                return Err((format!("unknown sidecar key {key:?}"), KEYS.join(", ")));
            }
        }
        Ok(())
    }

    /// Whether it gives anything that describes a single document.
    fn describes_one_document(&self) -> bool {
        self.title.is_some()
            || self.published.is_some()
            || !self.authors.is_empty()
            || self.url.is_some()
    }

    /// Applies the sidecar to document `index` of the `count` read from its file (see the
    /// module docs) and returns the notes to put before the document's own diagnostics.
    pub(crate) fn apply(&self, doc: &mut Document, index: usize, count: usize) -> Vec<Diagnostic> {
        let mut notes = self.diagnostics.clone();
        if count == 1 {
            if let Some(title) = &self.title {
                replace(&mut notes, self, "title", &mut doc.title, title);
            }
            if let Some(url) = &self.url {
                replace(&mut notes, self, "url", &mut doc.url, url);
            }
            if !self.authors.is_empty() {
                if !doc.authors.is_empty() && doc.authors != self.authors {
                    notes.push(self.note(format!(
                        "sidecar authors {:?} replace {:?} read from the text",
                        self.authors.join(", "),
                        doc.authors.join(", ")
                    )));
                }
                doc.authors = self.authors.clone();
            }
            if let Some(published) = &self.published {
                if doc.published.known == DateKnown::Explicit
                    && doc.published.local != published.local
                {
                    notes.push(self.note(format!(
                        "sidecar published {:?} replaces {:?} read from the text",
                        published.local.map(|l| l.to_string()).unwrap_or_default(),
                        doc.published.source_text.clone().unwrap_or_default()
                    )));
                }
                doc.published = published.clone();
            }
        } else if index == 0 && self.describes_one_document() {
            notes.push(
                Diagnostic::file(
                    Severity::Warning,
                    &self.path,
                    format!(
                        "sidecar title, published, authors and url ignored: the file holds {count} documents"
                    ),
                )
                .expected("only captured and outlet for a file with several documents"),
            );
        }
        if let Some(outlet) = &self.outlet {
            replace(&mut notes, self, "outlet", &mut doc.outlet, outlet);
        }
        notes
    }

    fn note(&self, message: String) -> Diagnostic {
        Diagnostic::file(Severity::Info, &self.path, message)
    }
}

/// Sets `field` to `value`, noting the replacement of a different value.
fn replace(
    notes: &mut Vec<Diagnostic>,
    sidecar: &Sidecar,
    key: &str,
    field: &mut Option<String>,
    value: &str,
) {
    if let Some(old) = field.as_deref()
        && old != value
    {
        notes.push(sidecar.note(format!(
            "sidecar {key} {value:?} replaces {old:?} read from the text"
        )));
    }
    *field = Some(value.to_owned());
}

/// The byte offset of the value of top-level `"key"` in `text` (0 when not found).
fn key_offset(text: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    for (at, _) in text.match_indices(&quoted) {
        let after = text[at + quoted.len()..].trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start();
            return text.len() - value.len();
        }
    }
    0
}

/// serde_json's message without its ` at line L column C` suffix (the diagnostic has them).
fn strip_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, read_with_sidecar};

    /// Reads `source` with the sidecar `meta` and renders each document as
    /// `title | published (known) | outlet | authors | url` then its diagnostics, one per line.
    fn check(source: &str, meta: &str) -> String {
        let sidecar = Sidecar::parse("f.srt.meta.json", meta);
        let parsed = read_with_sidecar(
            "f.srt",
            source.as_bytes(),
            &Options::default(),
            Some(&sidecar),
        );
        let mut out = Vec::new();
        for d in &parsed.documents {
            out.push(format!(
                "{} | {} ({:?}) | {} | {} | {}",
                d.title.as_deref().unwrap_or("-"),
                d.published
                    .local
                    .map_or_else(|| "-".to_owned(), |l| l.to_string()),
                d.published.known,
                d.outlet.as_deref().unwrap_or("-"),
                d.authors.join("; "),
                d.url.as_deref().unwrap_or("-"),
            ));
            out.extend(d.diagnostics.iter().map(ToString::to_string));
        }
        out.extend(parsed.diagnostics.iter().map(ToString::to_string));
        out.join("\n")
    }

    const SRT: &str = "1\n00:00:01,000 --> 00:00:03,000\nThe dam opens today.\n";

    #[test]
    fn sidecar_dates_and_names_a_subtitle_file() {
        assert_eq!(
            check(
                SRT,
                r#"{"published": "2024-03-05T10:00:00+01:00", "title": "Dam opening", "outlet": "River TV", "authors": "Jane Doe", "url": "https://example.org/dam"}"#
            ),
            "Dam opening | 2024-03-05 10:00:00 (Inferred) | River TV | Jane Doe | https://example.org/dam"
        );
    }

    #[test]
    fn sidecar_errors_are_located() {
        assert_eq!(
            check(
                SRT,
                "{\n  \"published\": \"soon\",\n  \"outlet\": 7,\n  \"autors\": [\"Jane Doe\"]\n}"
            ),
            "- | - (Unknown) | - |  | -\n\
             f.srt.meta.json:2:16: warning: sidecar \"published\": unrecognized date \"soon\" (expected a date such as \"2024-03-05T10:00:00+01:00\")\n\
             f.srt.meta.json:3:13: warning: sidecar \"outlet\" is not a non-empty string (expected an outlet name)\n\
             f.srt.meta.json:4:13: warning: unknown sidecar key \"autors\" (expected captured, published, title, outlet, authors, url)\n\
             f.srt: info: no publication date in text"
        );
        assert_eq!(
            check(SRT, "{\"title\": \"Dam\",\n\"url\": }"),
            "- | - (Unknown) | - |  | -\n\
             f.srt.meta.json:2:8: warning: unreadable sidecar metadata: expected value (expected a JSON object such as {\"published\": \"2024-03-05\"})\n\
             f.srt: info: no publication date in text"
        );
    }

    #[test]
    fn replacements_are_noted_and_feeds_keep_their_own_fields() {
        let portal = "Dam opens\nPublished: 2024-03-04\nThe dam opened.\n";
        assert_eq!(
            check(
                portal,
                r#"{"published": "2024-03-05", "title": "Dam opens"}"#
            ),
            "Dam opens | 2024-03-05 00:00:00 (Inferred) | - |  | -\n\
             f.srt.meta.json: info: sidecar published \"2024-03-05 00:00:00\" replaces \"Published: 2024-03-04\" read from the text"
        );
        let feed = "<rss><channel><title>Wire</title><item><title>A</title></item><item><title>B</title></item></channel></rss>";
        assert_eq!(
            check(feed, r#"{"title": "X", "outlet": "River TV"}"#),
            "A | - (Unknown) | River TV |  | -\n\
             f.srt.meta.json: warning: sidecar title, published, authors and url ignored: the file holds 2 documents (expected only captured and outlet for a file with several documents)\n\
             f.srt.meta.json: info: sidecar outlet \"River TV\" replaces \"Wire\" read from the text\n\
             f.srt#1: info: no publication date in text\n\
             B | - (Unknown) | River TV |  | -\n\
             f.srt.meta.json: info: sidecar outlet \"River TV\" replaces \"Wire\" read from the text\n\
             f.srt#2: info: no publication date in text"
        );
    }
}
