//! WordPress REST API posts (`/wp-json/wp/v2/posts`): one post object or an array of them.
//! Valid JSON goes through serde_json; damaged JSON (truncated, raw line breaks in strings)
//! through the tolerant scanner in [`crate::json`], which recovers every field it can and
//! reports the damage as warnings with line and column.

use almanac_model::{DocDate, Document, Severity, content_id};

use crate::json::{self, Json};
use crate::{Format, Options, html};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "wordpress-json",
    description: "WordPress REST API post JSON (one post or an array)",
    detect,
    parse,
    why_empty: super::no_notes,
};

/// Keys every WordPress post has; two of them near the start make it a post.
const POST_KEYS: &[&str] = &[
    "\"date_gmt\"",
    "\"modified\"",
    "\"slug\"",
    "\"rendered\"",
    "\"link\"",
    "\"guid\"",
];

fn detect(text: &str) -> u8 {
    let start = text.trim_start();
    if !(start.starts_with('{') || start.starts_with('[')) {
        return 0;
    }
    let head = &start[..floor_boundary(start, 4096)];
    let found = POST_KEYS.iter().filter(|k| head.contains(*k)).count();
    match found {
        0 => 0,
        1 => 40,
        _ => 90,
    }
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let (value, damage) = json::parse(text);
    let mut docs: Vec<Document> = match &value {
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .filter(|(_, item)| matches!(item, Json::Object(_)))
            .map(|(n, item)| post(&format!("{path}#{}", n + 1), item, None))
            .collect(),
        Some(item @ Json::Object(_)) => vec![post(path, item, Some(text))],
        _ => Vec::new(),
    };
    let diagnostics: Vec<_> = damage
        .iter()
        .map(|d| {
            almanac_model::Diagnostic::at(Severity::Warning, path, text, d.offset, &d.message)
                .expected(d.expected.clone())
        })
        .collect();
    if docs.is_empty() && !diagnostics.is_empty() {
        let mut doc = super::new_document(path, FORMAT.name, text);
        doc.diagnostics = diagnostics;
        return vec![doc];
    }
    // damage stops the scanner, so it concerns the last post read
    if let Some(last) = docs.last_mut() {
        last.diagnostics.extend(diagnostics);
    }
    docs
}

/// `"2024-04-23T08:00:17"` with its `_gmt` twin: local time and UTC offset.
fn dated(post: &Json, key: &str, gmt_key: &str) -> Option<Result<DocDate, String>> {
    let local = post.text(key).filter(|s| !s.is_empty())?;
    let mut date = match super::explicit_date(local) {
        Ok(d) => d,
        Err(e) => return Some(Err(e.to_string())),
    };
    if let (Some(l), Some(gmt)) = (
        date.local,
        post.text(gmt_key)
            .and_then(|g| crate::date::parse_date(g).ok()),
    ) && date.utc_offset_seconds.is_none()
    {
        date.utc_offset_seconds = i32::try_from((l - gmt.local).num_seconds()).ok();
    }
    date.source_text = Some(format!("{key}: {local}"));
    Some(Ok(date))
}

/// One post object to a document. `whole` is the source when the file is this one post.
fn post(path: &str, item: &Json, whole: Option<&str>) -> Document {
    let title = item.text("title").map(clean_inline);
    let content = item.text("content").unwrap_or("");
    let mut paragraphs = html::to_blocks(content);
    if paragraphs.is_empty()
        && let Some(excerpt) = item.text("excerpt")
    {
        paragraphs = html::to_blocks(excerpt);
    }
    let id = match whole {
        Some(source) => content_id(source.as_bytes()),
        None => content_id(
            format!(
                "{}\n{}\n{}",
                title.as_deref().unwrap_or(""),
                item.text("date").unwrap_or(""),
                content
            )
            .as_bytes(),
        ),
    };
    let mut doc = super::with_id(path, FORMAT.name, id);
    doc.title = title.filter(|t| !t.is_empty()).or_else(|| {
        item.text("slug")
            .filter(|s| !s.is_empty())
            .map(|s| s.replace('-', " "))
    });
    let mut notes = Vec::new();
    match dated(item, "date", "date_gmt") {
        Some(Ok(d)) => doc.published = d,
        Some(Err(e)) => notes.push(e),
        None => {}
    }
    match dated(item, "modified", "modified_gmt") {
        Some(Ok(d)) => doc.updated = Some(d),
        Some(Err(e)) => notes.push(e),
        None => {}
    }
    for note in notes {
        doc.diagnostics.push(
            almanac_model::Diagnostic::file(Severity::Warning, path, note)
                .expected("an ISO 8601 date such as 2024-04-23T08:00:17"),
        );
    }
    doc.url = item
        .text("link")
        .or_else(|| item.text("guid"))
        .map(str::to_owned);
    if let Some(embedded) = item.get("_embedded") {
        for author in embedded
            .get("author")
            .and_then(Json::as_array)
            .unwrap_or(&[])
        {
            if let Some(name) = author.text("name") {
                super::push_unique(&mut doc.authors, name);
            }
        }
        for group in embedded
            .get("wp:term")
            .and_then(Json::as_array)
            .unwrap_or(&[])
        {
            for term in group.as_array().unwrap_or(&[]) {
                if let Some(name) = term.text("name") {
                    super::push_unique(&mut doc.tags, &clean_inline(name));
                }
            }
        }
    }
    if let Some(yoast) = item.get("yoast_head_json") {
        if doc.authors.is_empty()
            && let Some(author) = yoast.text("author")
        {
            super::push_unique(&mut doc.authors, author);
        }
        doc.outlet = yoast.text("og_site_name").map(str::to_owned);
    }
    doc.body = html::body_of(&paragraphs);
    doc
}

/// Inline HTML (a rendered title) to plain text: tags dropped, entities decoded.
fn clean_inline(html_text: &str) -> String {
    html::to_paragraphs(html_text).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders each post as (path, title, date, offset, updated, url, paragraphs,
    /// diagnostics).
    fn check(text: &str) -> Vec<String> {
        parse("wp.json", text, &Options::default())
            .iter()
            .map(|d| {
                format!(
                    "{} | {:?} | {:?} {:?} | {:?} | {:?} | {:?} | {:?}",
                    d.path,
                    d.title,
                    d.published.local.map(|t| t.to_string()),
                    d.published.utc_offset_seconds,
                    d.updated
                        .as_ref()
                        .and_then(|u| u.local)
                        .map(|t| t.to_string()),
                    d.url,
                    d.body.text,
                    d.diagnostics
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                )
            })
            .collect()
    }

    #[test]
    fn valid_array() {
        let text = r#"[{"id":1,"date":"2024-05-01T09:00:00","date_gmt":"2024-05-01T07:00:00","slug":"a","link":"https:\/\/x.org\/a","title":{"rendered":"Gas &amp; power"},"content":{"rendered":"<p>One.<\/p>\n<p>Two \u2014 three.<\/p>"}},{"id":2,"slug":"wind-auction-opens","content":{"rendered":""}}]"#;
        assert_eq!(detect(text), 90);
        assert_eq!(
            check(text),
            [
                "wp.json#1 | Some(\"Gas & power\") | Some(\"2024-05-01 09:00:00\") Some(7200) | None | Some(\"https://x.org/a\") | \"One.\\n\\nTwo — three.\" | []",
                "wp.json#2 | Some(\"wind auction opens\") | None None | None | None | \"\" | []"
            ]
        );
    }

    #[test]
    fn truncated_post_is_recovered() {
        let text = "{\"date\":\"2024-05-01T09:00:00\",\"date_gmt\":\"2024-05-01T00:00:00\",\"title\":{\"rendered\":\"Cut\"},\"content\":{\"rendered\":\"\n<p>Kept.<\\/p>\n";
        assert_eq!(
            check(text),
            [
                "wp.json | Some(\"Cut\") | Some(\"2024-05-01 09:00:00\") Some(32400) | None | None | \"Kept.\" | [\"wp.json:1:114: warning: raw line break inside a string (expected an escape such as \\\\n)\", \"wp.json:3:1: warning: input ends inside a string (expected '\\\"' then '}' then '}')\"]"
            ]
        );
    }
}
