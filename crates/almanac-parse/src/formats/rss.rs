//! RSS 2.0 (and RSS 1.0 / RDF) feeds: each `<item>` is a document with path `file#N`. The
//! channel title is the outlet; `pubDate` (RFC 822) or `dc:date` the publication date;
//! `content:encoded` or `description` (HTML) the body.

use almanac_model::{Diagnostic, Document, Severity};

use crate::feed::{self, XmlElement};
use crate::html::{self as markup, starts_with_tag};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "rss",
    description: "RSS 2.0 / RDF feed: one document per item",
    detect,
    parse,
    why_empty,
};

fn detect(text: &str) -> u8 {
    let start = markup::skip_prolog(text);
    if starts_with_tag(start, "rss") {
        95
    } else if starts_with_tag(start, "rdf:rdf") && text.contains("<item") {
        90
    } else if text.get(..1024).unwrap_or(text).contains("<rss") {
        70
    } else {
        0
    }
}

/// The text inside an element as HTML paragraphs, promos dropped: escaped or CDATA HTML is
/// parsed as HTML; markup left unescaped in the feed is read from the source.
pub(crate) fn html_paragraphs(source: &str, e: &XmlElement) -> Vec<markup::Block> {
    if e.children.is_empty() {
        markup::to_blocks(&e.text)
    } else {
        markup::to_blocks(source.get(e.inner.clone()).unwrap_or(""))
    }
}

/// The plain text of a child element (markup inside it dropped), if present and non-empty.
pub(crate) fn child_text(source: &str, e: &XmlElement, name: &str) -> Option<String> {
    e.child(name)
        .map(|c| {
            let raw = if c.children.is_empty() {
                c.text.as_str()
            } else {
                source.get(c.inner.clone()).unwrap_or("")
            };
            if raw.contains(['<', '&']) {
                markup::parse(raw).0.text()
            } else {
                markup::collapse_whitespace(raw)
            }
        })
        .filter(|t| !t.is_empty())
}

/// How many structural diagnostics one feed reports before summing up the rest.
const MAX_DAMAGE: usize = 20;

/// The elements that may hold an entry's body.
const BODY_ELEMENTS: &[&str] = &["content:encoded", "description", "content", "summary"];

/// Whether an entry is complete enough to be a document: closed, or its title and body
/// were both read to their end tags. An entry with no title, link or body is never one.
fn usable(e: &XmlElement) -> bool {
    let has = |n: &str| {
        e.child(n).is_some_and(|c| {
            c.closed
                && (!c.text.trim().is_empty() || !c.children.is_empty() || c.attr("href").is_some())
        })
    };
    let content = has("title") || has("link") || BODY_ELEMENTS.iter().any(|b| has(b));
    content && (e.closed || (has("title") && BODY_ELEMENTS.iter().any(|b| has(b))))
}

/// Why a feed gave no document: its structural damage and its unusable entries.
pub(crate) fn feed_notes(path: &str, text: &str, entry: &str) -> Vec<Diagnostic> {
    let (root, damage) = feed::read(text, entry);
    let mut entries = Vec::new();
    root.find_all(entry, &mut entries);
    let mut notes = damage_notes(path, text, damage);
    notes.extend(skipped_note(path, text, entry, &entries));
    notes.into_iter().map(|(_, d)| d).collect()
}

/// Diagnostics for markup damage, with their byte offsets.
fn damage_notes(path: &str, text: &str, damage: Vec<feed::XmlDamage>) -> Vec<(usize, Diagnostic)> {
    let count = damage.len();
    let mut notes: Vec<(usize, Diagnostic)> = damage
        .into_iter()
        .take(MAX_DAMAGE)
        .map(|d| {
            (
                d.offset,
                Diagnostic::at(Severity::Warning, path, text, d.offset, d.message)
                    .expected(d.expected),
            )
        })
        .collect();
    if count > MAX_DAMAGE {
        notes.push((
            text.len(),
            Diagnostic::file(
                Severity::Warning,
                path,
                format!("{} more markup problems not listed", count - MAX_DAMAGE),
            ),
        ));
    }
    notes
}

/// One note for the entries that are not documents (unclosed and incomplete, or empty).
fn skipped_note(
    path: &str,
    text: &str,
    entry: &str,
    entries: &[&XmlElement],
) -> Option<(usize, Diagnostic)> {
    let skipped: Vec<&&XmlElement> = entries.iter().filter(|e| !usable(e)).collect();
    let first = skipped.first()?;
    Some((
        first.span.start,
        Diagnostic::at(
            Severity::Warning,
            path,
            text,
            first.span.start,
            format!(
                "{} <{entry}> element(s) not read as documents: unclosed and incomplete, or empty",
                skipped.len()
            ),
        )
        .expected(format!(
            "<{entry}> with a title or body, closed by </{entry}>"
        )),
    ))
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    feed_documents(path, text, "channel", "item", item_document)
}

fn why_empty(path: &str, text: &str) -> Vec<Diagnostic> {
    feed_notes(path, text, "item")
}

/// The documents of a feed: one per usable `entry` element, each given the feed's title (the
/// `container` element's `title` child) as its outlet; markup damage goes to the document
/// whose element contains it, and damage outside every entry to the first document.
pub(crate) fn feed_documents(
    path: &str,
    text: &str,
    container: &str,
    entry: &str,
    document: fn(&str, &str, usize, &XmlElement, Option<&str>) -> Document,
) -> Vec<Document> {
    let (root, damage) = feed::read(text, entry);
    let outlet = root
        .find(container)
        .and_then(|c| child_text(text, c, "title"));
    let mut entries = Vec::new();
    root.find_all(entry, &mut entries);
    let skipped = skipped_note(path, text, entry, &entries);
    let mut docs: Vec<(std::ops::Range<usize>, Document)> = entries
        .iter()
        .filter(|e| usable(e))
        .enumerate()
        .map(|(n, e)| {
            (
                e.span.clone(),
                document(path, text, n, e, outlet.as_deref()),
            )
        })
        .collect();
    let mut orphans = Vec::new();
    for (offset, diag) in damage_notes(path, text, damage).into_iter().chain(skipped) {
        match docs
            .iter_mut()
            .find(|(span, _)| span.contains(&offset) || (span.end == offset && offset > 0))
        {
            Some((_, doc)) => doc.diagnostics.push(diag),
            None => orphans.push(diag),
        }
    }
    let mut docs: Vec<Document> = docs.into_iter().map(|(_, d)| d).collect();
    if let Some(last) = docs.last_mut() {
        // damage outside every document: after the last one it read, where feeds break
        last.diagnostics.append(&mut orphans);
    }
    docs
}

fn item_document(
    path: &str,
    text: &str,
    n: usize,
    item: &XmlElement,
    outlet: Option<&str>,
) -> Document {
    let item_path = format!("{path}#{}", n + 1);
    let source = text.get(item.span.clone()).unwrap_or("");
    let mut doc = super::new_document(&item_path, FORMAT.name, source);
    doc.title = child_text(text, item, "title");
    doc.url = child_text(text, item, "link")
        .or_else(|| item.attr("rdf:about").map(str::to_owned))
        .or_else(|| {
            item.child("guid")
                .filter(|g| g.attr("ispermalink") != Some("false"))
                .and_then(|_| child_text(text, item, "guid"))
        });
    doc.outlet = outlet.map(str::to_owned);
    let date = [
        "pubdate",
        "dc:date",
        "published",
        "date",
        "dcterms:issued",
        "a10:updated",
        "updated",
    ]
    .iter()
    .find_map(|k| child_text(text, item, k));
    if let Some(date) = date {
        match super::explicit_date(&date) {
            Ok(d) => doc.published = d,
            Err(e) => {
                let offset = item.span.start + source.find(&date).unwrap_or(0);
                doc.diagnostics.push(
                    Diagnostic::at(Severity::Warning, &item_path, text, offset, e.to_string())
                        .expected("an RFC 822 date such as `Tue, 07 May 2024 09:15:00 GMT`"),
                );
            }
        }
    }
    for key in ["dc:creator", "author"] {
        for e in item.all(key) {
            let name = if e.children.is_empty() {
                markup::collapse_whitespace(&e.text)
            } else {
                e.child("name")
                    .map(|n| markup::collapse_whitespace(&n.text))
                    .unwrap_or_default()
            };
            // RSS `author` is "email (Name)"
            let name = match (name.find('('), name.rfind(')')) {
                (Some(a), Some(b)) if a < b => name[a + 1..b].to_owned(),
                _ if name.contains('@') && !name.contains(' ') => String::new(),
                _ => name,
            };
            super::push_unique(&mut doc.authors, &name);
        }
    }
    for c in item.all("category").chain(item.all("dc:subject")) {
        super::push_unique(&mut doc.tags, &markup::collapse_whitespace(&c.text));
    }
    let body = BODY_ELEMENTS
        .iter()
        .filter_map(|b| item.child(b))
        .find(|b| !b.text.trim().is_empty() || !b.children.is_empty())
        .map(|b| html_paragraphs(text, b))
        .unwrap_or_default();
    doc.body = markup::body_of(&body);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders each item as `path | title | date | authors | tags | body`.
    fn check(text: &str) -> Vec<String> {
        parse("f.xml", text, &Options::default())
            .iter()
            .map(|d| {
                format!(
                    "{} | {:?} | {:?} | {:?} | {:?} | {:?} | {}",
                    d.path,
                    d.title,
                    d.published.local.map(|t| t.to_string()),
                    d.outlet,
                    d.authors,
                    d.tags,
                    d.body.text
                )
            })
            .collect()
    }

    #[test]
    fn items_are_documents() {
        let feed = r#"<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Grid Weekly</title>
<item><title>Battery tender won</title><pubDate>Tue, 07 May 2024 09:15:00 GMT</pubDate><dc:creator>Ola Nord</dc:creator><category>storage</category>
<description>&lt;p&gt;A 200 MW &amp;amp; 800 MWh project.&lt;/p&gt;</description></item>
<item><title><![CDATA[Tariffs & trade]]></title><pubDate>not a date</pubDate><description><![CDATA[<p>First.</p><p>Second.</p>]]></description></item>
</channel></rss>"#;
        assert_eq!(detect(feed), 95);
        assert_eq!(
            check(feed),
            [
                "f.xml#1 | Some(\"Battery tender won\") | Some(\"2024-05-07 09:15:00\") | Some(\"Grid Weekly\") | [\"Ola Nord\"] | [\"storage\"] | A 200 MW & 800 MWh project.",
                "f.xml#2 | Some(\"Tariffs & trade\") | None | Some(\"Grid Weekly\") | [] | [] | First.\n\nSecond."
            ]
        );
    }

    #[test]
    fn unclosed_items_do_not_become_documents() {
        let feed = format!(
            "<rss><channel><title>W</title><item><title>Kept</title><description>Closed.</description></item>{}</channel></rss>",
            "<item>".repeat(100_000)
        );
        let docs = parse("f.xml", &feed, &Options::default());
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0]
                .diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                "f.xml:1:97: warning: 100000 <item> element(s) not read as documents: unclosed and incomplete, or empty (expected <item> with a title or body, closed by </item>)",
                "f.xml:1:600091: warning: <item> closed by </channel> (expected </item>)"
            ]
        );
    }

    #[test]
    fn date_variants() {
        for (date, want) in [
            (
                "Tue, 05 Mar 2024 18:05:00 EST",
                "2024-03-05 18:05:00 Some(-18000)",
            ),
            (
                "5 Mar 2024 09:30:00 -0700",
                "2024-03-05 09:30:00 Some(-25200)",
            ),
            ("Wed, 6 Mar 2024 07:15 GMT", "2024-03-06 07:15:00 Some(0)"),
            ("2024-03-07T12:00:00Z", "2024-03-07 12:00:00 Some(0)"),
        ] {
            let feed = format!(
                "<rss><channel><item><title>t</title><pubDate>{date}</pubDate></item></channel></rss>"
            );
            let doc = &parse("f.xml", &feed, &Options::default())[0];
            assert_eq!(
                format!(
                    "{} {:?}",
                    doc.published
                        .local
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    doc.published.utc_offset_seconds
                ),
                want,
                "{date}"
            );
        }
    }
}
