//! News-API JSON exports: `{"status": "ok", "articles": [...]}` (or a bare array of articles),
//! each with `title`, `description`, `content`, `publishedAt`, `author`, `url` and
//! `source.name`. Such APIs cut `content` at about 200 characters and end it with
//! `… [+1234 chars]`: the marker is removed and noted, and the description opens the body.

use almanac_model::{Diagnostic, Document, Severity};

use crate::json::{self, Json};
use crate::{Format, Options, html};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "news-api-json",
    description: "news API JSON export (an `articles` array with publishedAt, source.name)",
    detect,
    parse,
    why_empty: super::no_notes,
};

fn detect(text: &str) -> u8 {
    let start = text.trim_start();
    if !(start.starts_with('{') || start.starts_with('[')) {
        return 0;
    }
    let head = super::head(start, super::DETECT_BYTES);
    let articles = head.contains("\"articles\"");
    let published = head.contains("\"publishedAt\"");
    match (articles, published) {
        (true, true) => 93,
        (false, true) if head.contains("\"source\"") => 70,
        _ => 0,
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let (value, damage) = json::parse(text);
    let items: &[Json] = match &value {
        Some(Json::Array(items)) => items,
        Some(obj @ Json::Object(_)) => obj.get("articles").and_then(Json::as_array).unwrap_or(&[]),
        _ => &[],
    };
    let mut docs: Vec<Document> = items
        .iter()
        .filter(|i| matches!(i, Json::Object(_)))
        .enumerate()
        .map(|(n, item)| article(path, text, n, item))
        .collect();
    let notes: Vec<Diagnostic> = damage
        .iter()
        .map(|d| {
            Diagnostic::at(Severity::Warning, path, text, d.offset, &d.message)
                .expected(d.expected.clone())
        })
        .collect();
    // damage stops the scanner, so it concerns the last article read
    if let Some(last) = docs.last_mut() {
        last.diagnostics.extend(notes);
    }
    docs
}

/// `text… [+1234 chars]` → (`text…`, 1234).
fn cut_marker(content: &str) -> (&str, Option<u64>) {
    let trimmed = content.trim_end();
    if let Some(open) = trimmed.rfind("[+")
        && let Some(rest) = trimmed[open + 2..].strip_suffix(']')
        && let Some(count) = rest
            .strip_suffix(" chars")
            .or_else(|| rest.strip_suffix("chars"))
        && let Ok(n) = count.trim().parse::<u64>()
    {
        return (trimmed[..open].trim_end(), Some(n));
    }
    (content, None)
}

fn article(path: &str, text: &str, n: usize, item: &Json) -> Document {
    let doc_path = format!("{path}#{}", n + 1);
    let s = |k: &str| {
        item.text(k)
            .map(html::collapse_whitespace)
            .filter(|v| !v.is_empty())
    };
    let source_name = item
        .get("source")
        .and_then(|src| {
            src.text("name")
                .map(str::to_owned)
                .or_else(|| src.as_str().map(str::to_owned))
        })
        .filter(|v| !v.is_empty());
    let title = s("title");
    let content = item.text("content").unwrap_or("");
    let description = item.text("description").unwrap_or("");
    let mut doc = super::with_id(
        &doc_path,
        FORMAT.name,
        almanac_model::content_id(
            format!(
                "{}\n{}\n{}\n{content}",
                title.as_deref().unwrap_or(""),
                s("publishedAt").unwrap_or_default(),
                s("url").unwrap_or_default()
            )
            .as_bytes(),
        ),
    );
    // titles end with ` - Source` in such exports
    doc.title = title.map(|t| match &source_name {
        Some(src) => t
            .strip_suffix(&format!(" - {src}"))
            .map_or(t.clone(), str::to_owned),
        None => t,
    });
    doc.url = s("url");
    doc.outlet = source_name;
    if let Some(date) = s("publishedAt") {
        match super::explicit_date(&date) {
            Ok(d) => doc.published = d,
            Err(e) => doc.diagnostics.push(
                Diagnostic::at(
                    Severity::Warning,
                    &doc_path,
                    text,
                    text.find(&date).unwrap_or(0),
                    e.to_string(),
                )
                .expected("an ISO 8601 date such as `2024-05-07T09:15:00Z`"),
            ),
        }
    }
    if let Some(author) = s("author") {
        for name in author.split(", ").flat_map(|a| a.split(" and ")) {
            let name = name.trim();
            if !name.contains("://") && !name.contains('@') && doc.outlet.as_deref() != Some(name) {
                super::push_unique(&mut doc.authors, name);
            }
        }
    }
    let (content, cut) = cut_marker(content);
    let described = html::to_blocks(description);
    let contents = html::to_blocks(content);
    // the content usually starts with the description: keep it once
    let first = described
        .first()
        .map(|b| b.text.trim_end_matches(['…', '.', ' ']));
    let repeats = match (first, contents.first()) {
        (Some(d), Some(c)) => c.text.starts_with(d),
        _ => false,
    };
    let blocks = if repeats || described.is_empty() {
        contents
    } else {
        let mut all = described;
        all.extend(contents);
        all
    };
    doc.body = html::body_of(&blocks);
    if let Some(more) = cut {
        let marker = format!("[+{more}");
        let offset = text.find(&marker).unwrap_or(0);
        doc.diagnostics.push(
            Diagnostic::at(
                Severity::Info,
                &doc_path,
                text,
                offset,
                format!("content cut by the source: {more} more characters not included"),
            )
            .expected("the full article text"),
        );
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders each article as `title | date | outlet | authors | body | notes`.
    fn check(text: &str) -> Vec<String> {
        parse("n.json", text, &Options::default())
            .iter()
            .map(|d| {
                format!(
                    "{:?} | {:?} | {:?} | {:?} | {} | {}",
                    d.title,
                    d.published.local.map(|t| t.to_string()),
                    d.outlet,
                    d.authors,
                    d.body.text,
                    d.diagnostics
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })
            .collect()
    }

    #[test]
    fn articles_with_cut_content() {
        let text = r#"{"status":"ok","totalResults":1,"articles":[{"source":{"id":null,"name":"Harbor Times"},"author":"Ada Moss, Lin Wu","title":"Port fees rise - Harbor Times","description":"Fees rise 4% in May.","url":"https://h.example/a","publishedAt":"2024-05-02T08:00:00Z","content":"Fees rise 4% in May. The board voted on Tuesday… [+1234 chars]"}]}"#;
        assert_eq!(detect(text), 93);
        assert_eq!(
            check(text),
            [
                "Some(\"Port fees rise\") | Some(\"2024-05-02 08:00:00\") | Some(\"Harbor Times\") | [\"Ada Moss\", \"Lin Wu\"] | Fees rise 4% in May. The board voted on Tuesday… | n.json#1:1:319: info: content cut by the source: 1234 more characters not included (expected the full article text)"
            ]
        );
        assert_eq!(cut_marker("abc"), ("abc", None));
    }
}
