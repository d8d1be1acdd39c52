//! Atom feeds: each `<entry>` is a document with path `file#N`. The feed title is the outlet;
//! `published` (else `updated`, RFC 3339) the date; `content` or `summary` the body.

use almanac_model::{Diagnostic, Document, Severity};

use super::rss::{child_text, feed_documents, feed_notes, html_paragraphs};
use crate::feed::XmlElement;
use crate::html::{self as markup, starts_with_tag};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "atom",
    description: "Atom feed: one document per entry",
    detect,
    parse,
    why_empty,
};

fn detect(text: &str) -> u8 {
    let start = markup::skip_prolog(text);
    if starts_with_tag(start, "feed") {
        if text.contains("http://www.w3.org/2005/Atom") {
            96
        } else {
            75
        }
    } else {
        0
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    feed_documents(path, text, "feed", "entry", entry_document)
}

fn why_empty(path: &str, text: &str) -> Vec<Diagnostic> {
    feed_notes(path, text, "entry")
}

fn date_of(
    doc: &mut Document,
    text: &str,
    entry: &XmlElement,
    key: &str,
) -> Option<almanac_model::DocDate> {
    let value = child_text(text, entry, key)?;
    match super::explicit_date(&value) {
        Ok(d) => Some(d),
        Err(e) => {
            let source = text.get(entry.span.clone()).unwrap_or("");
            let offset = entry.span.start + source.find(&value).unwrap_or(0);
            doc.diagnostics.push(
                Diagnostic::at(Severity::Warning, &doc.path, text, offset, e.to_string())
                    .expected("an RFC 3339 date such as `2024-05-07T09:15:00Z`"),
            );
            None
        }
    }
}

fn entry_document(
    path: &str,
    text: &str,
    n: usize,
    entry: &XmlElement,
    outlet: Option<&str>,
) -> Document {
    let entry_path = format!("{path}#{}", n + 1);
    let source = text.get(entry.span.clone()).unwrap_or("");
    let mut doc = super::new_document(&entry_path, FORMAT.name, source);
    doc.title = child_text(text, entry, "title");
    doc.outlet = outlet.map(str::to_owned);
    doc.url = entry
        .all("link")
        .find(|l| l.attr("rel").is_none_or(|r| r == "alternate"))
        .and_then(|l| l.attr("href"))
        .map(str::to_owned);
    let published = date_of(&mut doc, text, entry, "published");
    let updated = date_of(&mut doc, text, entry, "updated");
    match (published, updated) {
        (Some(p), u) => {
            doc.published = p;
            doc.updated = u;
        }
        (None, Some(u)) => {
            doc.published = u.clone();
            doc.updated = Some(u);
        }
        (None, None) => {}
    }
    for author in entry.all("author") {
        if let Some(name) = child_text(text, author, "name") {
            super::push_unique(&mut doc.authors, &name);
        }
    }
    for c in entry.all("category") {
        if let Some(term) = c.attr("label").or_else(|| c.attr("term")) {
            super::push_unique(&mut doc.tags, term);
        }
    }
    let body = entry
        .child("content")
        .or_else(|| entry.child("summary"))
        .map(|c| {
            if c.attr("type") == Some("text") {
                vec![markup::Block {
                    text: markup::collapse_whitespace(&c.text),
                    subhead: false,
                }]
            } else {
                html_paragraphs(text, c)
            }
        })
        .unwrap_or_default();
    doc.body = markup::body_of(&body);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders each entry as `path | title | published | updated | url | authors | body`.
    fn check(text: &str) -> Vec<String> {
        parse("a.xml", text, &Options::default())
            .iter()
            .map(|d| {
                format!(
                    "{} | {:?} | {:?} {:?} | {:?} | {:?} | {:?} | {}",
                    d.path,
                    d.title,
                    d.published.local.map(|t| t.to_string()),
                    d.published.utc_offset_seconds,
                    d.updated
                        .as_ref()
                        .and_then(|u| u.local)
                        .map(|t| t.to_string()),
                    d.url,
                    d.authors,
                    d.body.text
                )
            })
            .collect()
    }

    #[test]
    fn entries() {
        let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Ballot Watch</title>
<entry><title type="html">Turnout &lt;b&gt;rises&lt;/b&gt;</title><link rel="alternate" href="https://b.example/1"/><updated>2024-06-10T18:00:00Z</updated><author><name>Ines Vale</name></author>
<content type="html">&lt;p&gt;Turnout reached 61%.&lt;/p&gt;</content></entry>
<entry><title>Count delayed</title><published>2024-06-11T07:30:00+01:00</published><summary type="text">Officials cited rain.</summary>
</feed>"#;
        assert_eq!(detect(feed), 96);
        assert_eq!(
            check(feed),
            [
                "a.xml#1 | Some(\"Turnout rises\") | Some(\"2024-06-10 18:00:00\") Some(0) | Some(\"2024-06-10 18:00:00\") | Some(\"https://b.example/1\") | [\"Ines Vale\"] | Turnout reached 61%.",
                "a.xml#2 | Some(\"Count delayed\") | Some(\"2024-06-11 07:30:00\") Some(3600) | None | None | [] | Officials cited rain."
            ]
        );
        let docs = parse("a.xml", feed, &Options::default());
        assert_eq!(
            docs[1]
                .diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["a.xml:4:1: warning: <entry> closed by </feed> (expected </entry>)"]
        );
    }
}
