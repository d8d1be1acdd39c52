//! RSS 2.0 (and RSS 1.0 / RDF) feeds: each `<item>` is a document with path `file#N`. The
//! channel title is the outlet; `pubDate` (RFC 822) or `dc:date` the publication date;
//! `content:encoded` or `description` (HTML) the body.

use std::borrow::Cow;

use almanac_model::{Diagnostic, Document, Severity};

use crate::html::{self as markup, Element, Node, starts_with_tag};
use crate::{Format, Options};

/// The format entry.
pub const FORMAT: Format = Format {
    name: "rss",
    description: "RSS 2.0 / RDF feed: one document per item",
    detect,
    parse,
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

/// The character data directly inside an element (entity-decoded once, CDATA raw), borrowed
/// when it is one piece.
fn raw_text<'t>(e: &'t Element<'_>) -> Cow<'t, str> {
    let mut texts = e.children.iter().filter_map(|n| match n {
        Node::Text(t) => Some(t.as_ref()),
        Node::Element(_) => None,
    });
    let first = texts.next().unwrap_or("");
    match texts.next() {
        None => Cow::Borrowed(first),
        Some(second) => {
            let mut all = String::from(first);
            all.push_str(second);
            texts.for_each(|t| all.push_str(t));
            Cow::Owned(all)
        }
    }
}

/// The text inside an element as HTML paragraphs, promos dropped: escaped or CDATA HTML is
/// parsed again; markup left unescaped in the feed is walked directly.
pub(crate) fn html_paragraphs(e: &Element) -> Vec<markup::Block> {
    if e.elements().next().is_some() {
        return markup::without_promos(e.blocks(&[]));
    }
    markup::to_blocks(&raw_text(e))
}

/// The plain text of a child element (markup inside it dropped), if present and non-empty.
pub(crate) fn child_text(e: &Element, name: &str) -> Option<String> {
    e.child(name)
        .map(|c| {
            if c.elements().next().is_some() {
                c.text()
            } else {
                let raw = raw_text(c);
                if raw.contains(['<', '&']) {
                    markup::parse(&raw).0.text()
                } else {
                    markup::collapse_whitespace(&raw)
                }
            }
        })
        .filter(|t| !t.is_empty())
}

/// Structural damage as diagnostics, attached to the document whose item contains it.
pub(crate) fn attach_damage(
    path: &str,
    text: &str,
    damage: Vec<markup::Damage>,
    docs: &mut [(std::ops::Range<usize>, Document)],
) -> Vec<Diagnostic> {
    let mut orphans = Vec::new();
    for d in damage {
        let diag =
            Diagnostic::at(Severity::Warning, path, text, d.offset, d.message).expected(d.expected);
        match docs
            .iter_mut()
            .find(|(span, _)| span.contains(&d.offset) || span.end == d.offset)
        {
            Some((_, doc)) => doc.diagnostics.push(diag),
            None => orphans.push(diag),
        }
    }
    orphans
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    feed_documents(path, text, "channel", "item", item_document)
}

/// The documents of a feed: one per `entry` element, each given the feed's title (the
/// `container` element's `title` child) as its outlet; markup damage goes to the document
/// whose element contains it, and damage outside every entry to the first document.
pub(crate) fn feed_documents(
    path: &str,
    text: &str,
    container: &str,
    entry: &str,
    document: fn(&str, &str, usize, &Element, Option<&str>) -> Document,
) -> Vec<Document> {
    let (root, damage) = markup::parse_xml(text);
    let outlet = root
        .find(&|e| e.name == container)
        .and_then(|c| child_text(c, "title"));
    let mut entries = Vec::new();
    root.find_all(&|e| e.name == entry, &mut entries);
    let mut docs: Vec<(std::ops::Range<usize>, Document)> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| {
            (
                e.span.clone(),
                document(path, text, n, e, outlet.as_deref()),
            )
        })
        .collect();
    let orphans = attach_damage(path, text, damage, &mut docs);
    let mut docs: Vec<Document> = docs.into_iter().map(|(_, d)| d).collect();
    if let Some(first) = docs.first_mut() {
        let mut all = orphans;
        all.append(&mut first.diagnostics);
        first.diagnostics = all;
    }
    docs
}

fn item_document(
    path: &str,
    text: &str,
    n: usize,
    item: &Element,
    outlet: Option<&str>,
) -> Document {
    let item_path = format!("{path}#{}", n + 1);
    let source = text.get(item.span.clone()).unwrap_or("");
    let mut doc = super::new_document(&item_path, FORMAT.name, source);
    doc.title = child_text(item, "title");
    doc.url = child_text(item, "link").or_else(|| {
        item.child("guid")
            .filter(|g| g.attr("ispermalink") != Some("false"))
            .map(Element::text)
    });
    doc.outlet = outlet.map(str::to_owned);
    let date = ["pubdate", "dc:date", "published", "date"]
        .iter()
        .find_map(|k| child_text(item, k));
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
        for e in item.elements().filter(|e| e.name == key) {
            let name = e.text();
            // RSS `author` is "email (Name)"
            let name = match (name.find('('), name.rfind(')')) {
                (Some(a), Some(b)) if a < b => name[a + 1..b].to_owned(),
                _ => name,
            };
            super::push_unique(&mut doc.authors, &name);
        }
    }
    for c in item.elements().filter(|e| e.name == "category") {
        super::push_unique(&mut doc.tags, &c.text());
    }
    let body = item
        .child("content:encoded")
        .or_else(|| item.child("description"))
        .map(html_paragraphs)
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
}
