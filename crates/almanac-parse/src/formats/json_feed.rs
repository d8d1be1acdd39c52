//! JSON Feed 1.1 (and 1.0): `{"version": "https://jsonfeed.org/version/1.1", "items": [...]}`.
//! Each item is a document with path `file#N`: `title`, `content_html` (else `content_text`,
//! else `summary`), `date_published` (else `date_modified`), `authors` (1.1) or `author`
//! (1.0), `url`, `tags`; the feed `title` is the outlet.

use almanac_model::{Diagnostic, Document, Severity};

use crate::json::{self, Json};
use crate::{Format, Options, html};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "json-feed",
    description: "JSON Feed 1.0 / 1.1: one document per item",
    detect,
    parse,
    why_empty: super::no_notes,
};

fn detect(text: &str) -> u8 {
    let start = text.trim_start();
    if !start.starts_with('{') {
        return 0;
    }
    if super::head(start, super::DETECT_BYTES).contains("jsonfeed.org/version") {
        97
    } else {
        0
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let (value, damage) = json::parse(text);
    let Some(feed) = value else {
        return Vec::new();
    };
    let outlet = feed.text("title").map(html::collapse_whitespace);
    let items = feed.get("items").and_then(Json::as_array).unwrap_or(&[]);
    let mut docs: Vec<Document> = items
        .iter()
        .filter(|i| matches!(i, Json::Object(_)))
        .enumerate()
        .map(|(n, item)| item_document(path, text, n, item, outlet.as_deref()))
        .collect();
    let notes = damage.iter().map(|d| {
        Diagnostic::at(Severity::Warning, path, text, d.offset, &d.message)
            .expected(d.expected.clone())
    });
    if let Some(last) = docs.last_mut() {
        last.diagnostics.extend(notes);
    }
    docs
}

/// Names of a JSON Feed `authors` array or `author` object.
fn names(item: &Json) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(list) = item.get("authors").and_then(Json::as_array) {
        out.extend(
            list.iter()
                .filter_map(|a| a.text("name"))
                .map(str::to_owned),
        );
    }
    if out.is_empty()
        && let Some(name) = item.get("author").and_then(|a| a.text("name"))
    {
        out.push(name.to_owned());
    }
    out
}

fn item_document(path: &str, text: &str, n: usize, item: &Json, outlet: Option<&str>) -> Document {
    let doc_path = format!("{path}#{}", n + 1);
    let s = |k: &str| {
        item.text(k)
            .map(html::collapse_whitespace)
            .filter(|v| !v.is_empty())
    };
    let html_body = item.text("content_html").filter(|c| !c.trim().is_empty());
    let text_body = item.text("content_text").filter(|c| !c.trim().is_empty());
    let mut doc = super::with_id(
        &doc_path,
        FORMAT.name,
        almanac_model::content_id(
            format!(
                "{}\n{}\n{}",
                s("id").unwrap_or_default(),
                s("title").unwrap_or_default(),
                html_body.or(text_body).unwrap_or("")
            )
            .as_bytes(),
        ),
    );
    doc.title = s("title");
    doc.url = s("url").or_else(|| s("external_url"));
    doc.outlet = outlet.map(str::to_owned);
    for name in names(item) {
        super::push_unique(&mut doc.authors, &name);
    }
    if let Some(tags) = item.get("tags").and_then(Json::as_array) {
        for t in tags.iter().filter_map(Json::as_str) {
            super::push_unique(&mut doc.tags, t);
        }
    }
    let mut dates = Vec::new();
    for key in ["date_published", "date_modified"] {
        let Some(value) = s(key) else {
            dates.push(None);
            continue;
        };
        match super::explicit_date(&value) {
            Ok(d) => dates.push(Some(d)),
            Err(e) => {
                dates.push(None);
                doc.diagnostics.push(
                    Diagnostic::at(
                        Severity::Warning,
                        &doc_path,
                        text,
                        text.find(&value).unwrap_or(0),
                        e.to_string(),
                    )
                    .expected("an RFC 3339 date such as `2024-05-07T09:15:00Z`"),
                );
            }
        }
    }
    let modified = dates.pop().flatten();
    match (dates.pop().flatten(), modified) {
        (Some(p), m) => {
            doc.published = p;
            doc.updated = m;
        }
        (None, Some(m)) => {
            doc.published = m.clone();
            doc.updated = Some(m);
        }
        (None, None) => {}
    }
    let blocks = match (html_body, text_body) {
        (Some(h), _) => html::to_blocks(h),
        (None, Some(t)) => t
            .split("\n\n")
            .map(html::collapse_whitespace)
            .filter(|p| !p.is_empty())
            .map(|text| html::Block {
                text,
                subhead: false,
            })
            .collect(),
        (None, None) => item
            .text("summary")
            .map(html::to_blocks)
            .unwrap_or_default(),
    };
    doc.body = html::body_of(&blocks);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders each item as `path | title | date | outlet | authors | tags | body`.
    fn check(text: &str) -> Vec<String> {
        parse("f.json", text, &Options::default())
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
        let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Rail Notes","items":[
{"id":"1","title":"Night trains return","content_html":"<p>Two routes reopen.</p><p>Fares fall.</p>","date_published":"2024-03-01T06:00:00+01:00","authors":[{"name":"Eva Lund"}],"tags":["rail"]},
{"id":"2","content_text":"First line.\n\nSecond line.","date_modified":"2024-03-02T10:00:00Z","author":{"name":"Tom Berg"}}]}"#;
        assert_eq!(detect(feed), 97);
        assert_eq!(
            check(feed),
            [
                "f.json#1 | Some(\"Night trains return\") | Some(\"2024-03-01 06:00:00\") | Some(\"Rail Notes\") | [\"Eva Lund\"] | [\"rail\"] | Two routes reopen.\n\nFares fall.",
                "f.json#2 | None | Some(\"2024-03-02 10:00:00\") | Some(\"Rail Notes\") | [\"Tom Berg\"] | [] | First line.\n\nSecond line."
            ]
        );
    }
}
