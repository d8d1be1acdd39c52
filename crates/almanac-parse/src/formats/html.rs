//! HTML article pages: title from OpenGraph / JSON-LD / `<title>` / `<h1>`, publication and
//! update times from `<meta>` / OpenGraph / JSON-LD `NewsArticle` / `<time datetime>`,
//! authors, outlet, URL, tags, and the article body without navigation and boilerplate.

use almanac_model::{Diagnostic, DocDate, Document, Headline, Severity};

use crate::byline::read_stamp;
use crate::html::{self as markup, Element, starts_with_tag};
use crate::json::{self, Json};
use crate::lines::script_lang;
use crate::{Format, Options};

/// The format entry.
pub const FORMAT: Format = Format {
    name: "html",
    description: "HTML article page (meta, OpenGraph, JSON-LD NewsArticle)",
    detect,
    parse,
};

/// How many paragraphs at the top of the body may be bylines or date stamps.
const HEAD_STAMPS: usize = 4;

fn detect(text: &str) -> u8 {
    let start = markup::skip_prolog(text);
    let lower_head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if starts_with_tag(start, "html")
        || starts_with_tag(start, "head")
        || lower_head.contains("<!doctype html")
    {
        90
    } else if [
        "body", "article", "div", "p", "meta", "section", "main", "h1",
    ]
    .iter()
    .any(|t| starts_with_tag(start, t))
    {
        65
    } else if lower_head.contains("<p>") && lower_head.contains("</p>") {
        35
    } else {
        0
    }
}

/// The elements the page reader looks for, found in one walk of the tree: every `<meta>` and
/// JSON-LD script, and the first (in document order) of each landmark.
#[derive(Default)]
struct Landmarks<'t, 'a> {
    metas: Vec<&'t Element<'a>>,
    ld_scripts: Vec<&'t Element<'a>>,
    h1: Option<&'t Element<'a>>,
    title: Option<&'t Element<'a>>,
    /// `<time datetime>`.
    time: Option<&'t Element<'a>>,
    /// `itemprop="articleBody"`.
    article_body: Option<&'t Element<'a>>,
    article: Option<&'t Element<'a>>,
    main: Option<&'t Element<'a>>,
    body: Option<&'t Element<'a>>,
    /// `<link rel="canonical">`.
    canonical: Option<&'t Element<'a>>,
    /// class, rel or itemprop naming `author` or `byline`.
    byline: Option<&'t Element<'a>>,
}

impl<'t, 'a> Landmarks<'t, 'a> {
    fn of(root: &'t Element<'a>) -> Self {
        let mut found = Landmarks::default();
        found.walk(root);
        found
    }

    fn walk(&mut self, parent: &'t Element<'a>) {
        for e in parent.elements() {
            let first = |slot: &mut Option<&'t Element<'a>>| {
                slot.get_or_insert(e);
            };
            match e.name.as_ref() {
                "meta" => self.metas.push(e),
                "script"
                    if e.attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                {
                    self.ld_scripts.push(e);
                }
                "h1" => first(&mut self.h1),
                "title" => first(&mut self.title),
                "time" if e.attr("datetime").is_some() => first(&mut self.time),
                "article" => first(&mut self.article),
                "main" => first(&mut self.main),
                "body" => first(&mut self.body),
                "link"
                    if e.attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    first(&mut self.canonical);
                }
                _ => {}
            }
            if self.article_body.is_none() && e.attr("itemprop") == Some("articleBody") {
                self.article_body = Some(e);
            }
            if self.byline.is_none() && is_byline(e) {
                self.byline = Some(e);
            }
            self.walk(e);
        }
    }
}

/// Whether an element's class, rel or itemprop names `author` or `byline`.
fn is_byline(e: &Element<'_>) -> bool {
    ["class", "rel", "itemprop"].iter().any(|a| {
        e.attr(a).is_some_and(|v| {
            v.as_bytes()
                .windows(6)
                .any(|w| w.eq_ignore_ascii_case(b"byline"))
                || v.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("author"))
        })
    })
}

/// Meta tags as (key lowercased, content), from `name`, `property` and `itemprop`.
fn metas(found: &[&Element<'_>]) -> Vec<(String, String)> {
    found
        .iter()
        .filter_map(|m| {
            let key = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))?;
            let content = m.attr("content").or_else(|| m.attr("datetime"))?;
            Some((
                key.to_ascii_lowercase(),
                markup::collapse_whitespace(content),
            ))
        })
        .collect()
}

fn meta<'a>(metas: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        metas
            .iter()
            .find(|(key, v)| key == k && !v.is_empty())
            .map(|(_, v)| v.as_str())
    })
}

/// The JSON-LD object describing the article (`NewsArticle`, `Article`, `ReportageNewsArticle`,
/// `BlogPosting`), searched through arrays and `@graph`.
fn json_ld_article(scripts: &[&Element<'_>]) -> Option<Json> {
    scripts
        .iter()
        .find_map(|s| json::parse(&s.text()).0.and_then(find_article))
}

fn find_article(v: Json) -> Option<Json> {
    match v {
        Json::Array(items) => items.into_iter().find_map(find_article),
        Json::Object(_) => {
            let is_article = match v.get("@type") {
                Some(Json::String(t)) => t.ends_with("Article") || t == "BlogPosting",
                Some(Json::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| t.ends_with("Article"))),
                _ => false,
            };
            if is_article {
                Some(v)
            } else {
                v.get("@graph").cloned().and_then(find_article)
            }
        }
        _ => None,
    }
}

/// Names from a JSON-LD `author` / `publisher`: a string, an object with `name`, or an array.
fn ld_names(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::String(s)) => vec![s.clone()],
        Some(obj @ Json::Object(_)) => obj.text("name").map(str::to_owned).into_iter().collect(),
        Some(Json::Array(items)) => items.iter().flat_map(|i| ld_names(Some(i))).collect(),
        _ => Vec::new(),
    }
}

fn date_from(
    path: &str,
    source: &str,
    text: Option<&str>,
    what: &str,
) -> (Option<DocDate>, Option<Diagnostic>) {
    let Some(text) = text else {
        return (None, None);
    };
    match super::explicit_date(text) {
        Ok(mut d) => {
            d.source_text = Some(format!("{what}: {text}"));
            (Some(d), None)
        }
        Err(e) => {
            let offset = source.find(text).unwrap_or(0);
            (
                None,
                Some(
                    Diagnostic::at(Severity::Warning, path, source, offset, e.to_string())
                        .expected("an ISO 8601 date-time"),
                ),
            )
        }
    }
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let (root, damage) = markup::parse(text);
    let mut doc = super::new_document(path, FORMAT.name, text);
    for d in damage.into_iter().take(20) {
        doc.diagnostics.push(
            Diagnostic::at(Severity::Warning, path, text, d.offset, d.message).expected(d.expected),
        );
    }
    let found = Landmarks::of(&root);
    let metas = metas(&found.metas);
    let ld = json_ld_article(&found.ld_scripts);
    let ld_text = |key: &str| ld.as_ref().and_then(|l| l.text(key)).map(str::to_owned);
    let h1 = found.h1.map(Element::text);
    let title_tag = found.title.map(Element::text);
    let outlet = meta(&metas, &["og:site_name", "application-name"])
        .map(str::to_owned)
        .or_else(|| {
            ld_names(ld.as_ref().and_then(|l| l.get("publisher")))
                .into_iter()
                .next()
        });
    doc.title = meta(&metas, &["og:title", "twitter:title"])
        .map(str::to_owned)
        .or_else(|| ld_text("headline"))
        .or(h1.clone())
        .or_else(|| title_tag.map(|t| strip_site_suffix(&t, outlet.as_deref())))
        .filter(|t| !t.is_empty());
    doc.outlet = outlet;
    if let Some(alt) = ld_text("alternativeHeadline").filter(|a| script_lang(a).is_some()) {
        doc.alt_headline = Some(Headline {
            lang: script_lang(&alt).map(str::to_owned),
            text: alt,
        });
    }
    let time_el = found
        .time
        .and_then(|e| e.attr("datetime"))
        .map(str::to_owned);
    let published_text = meta(
        &metas,
        &[
            "article:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ],
    )
    .map(str::to_owned)
    .or_else(|| ld_text("datePublished"))
    .or(time_el);
    let (published, note) = date_from(path, text, published_text.as_deref(), "published");
    doc.diagnostics.extend(note);
    if let Some(p) = published {
        doc.published = p;
    }
    let updated_text = meta(
        &metas,
        &[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dcterms.modified",
        ],
    )
    .map(str::to_owned)
    .or_else(|| ld_text("dateModified"));
    let (updated, note) = date_from(path, text, updated_text.as_deref(), "updated");
    doc.diagnostics.extend(note);
    doc.updated = updated;
    let mut authors = ld_names(ld.as_ref().and_then(|l| l.get("author")));
    if authors.is_empty() {
        authors.extend(
            meta(&metas, &["author", "article:author", "byl", "dc.creator"])
                .filter(|a| !a.starts_with("http"))
                .map(|a| {
                    a.trim_start_matches("By ")
                        .trim_start_matches("by ")
                        .to_owned()
                }),
        );
    }
    if authors.is_empty() {
        authors = found.byline.map(byline_names).unwrap_or_default();
    }
    for a in authors {
        for name in a.split(" and ") {
            super::push_unique(&mut doc.authors, name);
        }
    }
    doc.url = meta(&metas, &["og:url"])
        .map(str::to_owned)
        .or_else(|| {
            found
                .canonical
                .and_then(|e| e.attr("href"))
                .map(str::to_owned)
        })
        .or_else(|| ld_text("url"));
    for (key, value) in &metas {
        if key == "article:tag" {
            super::push_unique(&mut doc.tags, value);
        }
    }
    if doc.tags.is_empty()
        && let Some(keywords) = meta(&metas, &["keywords", "news_keywords"])
            .map(str::to_owned)
            .or_else(|| ld_text("keywords"))
    {
        for k in keywords.split(',') {
            super::push_unique(&mut doc.tags, k);
        }
    }
    let container = found
        .article_body
        .or(found.article)
        .or(found.main)
        .or(found.body)
        .unwrap_or(&root);
    let mut paragraphs = markup::without_promos(container.blocks(&["h1"]));
    if let Some(title) = &doc.title {
        paragraphs.retain(|p| &p.text != title);
    }
    // bylines and date stamps opening the story (`By Jane Doe | 5 March 2024`) are not body;
    // they give authors and dates the page's metadata did not
    let mut head = 0;
    while head < paragraphs.len().min(HEAD_STAMPS) {
        match read_stamp(&paragraphs[head].text) {
            Some(stamp) => {
                stamp.fill(&mut doc);
                paragraphs.remove(head);
            }
            None => head += 1,
        }
    }
    paragraphs.retain(|p| !is_dateline(&p.text));
    doc.body = markup::body_of(&paragraphs);
    vec![doc]
}

/// Names in a byline element (class, rel or itemprop naming `author` or `byline`):
/// `By Tom Reyes and Ana Cruz` gives both names; text that is not names is ignored.
fn byline_names(byline: &Element<'_>) -> Vec<String> {
    let text = byline.text();
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(&text);
    text.split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| crate::lines::is_person_name(name))
        .map(str::to_owned)
        .collect()
}

/// A paragraph that is only a date or byline stamp (`Published 3 May 2024`, `By Jane Doe`).
fn is_dateline(p: &str) -> bool {
    p.split_whitespace().nth(8).is_none()
        && (crate::date::parse_date(p).is_ok()
            || p.split_once(' ').is_some_and(|(first, rest)| {
                matches!(
                    first.to_lowercase().as_str(),
                    "published" | "updated" | "posted"
                ) && crate::date::parse_date(rest.trim_start_matches(['o', 'n', ':', ' '])).is_ok()
            }))
}

/// `Headline | Site` or `Headline - Site` → `Headline` when the suffix is the outlet.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    if let Some(outlet) = outlet {
        for sep in [" | ", " - ", " — ", " – "] {
            if let Some(head) = title.strip_suffix(&format!("{sep}{outlet}")) {
                return head.to_owned();
            }
        }
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and renders the main fields, one per line.
    fn check(text: &str) -> String {
        let doc = &parse("a.html", text, &Options::default())[0];
        format!(
            "title {:?}\ndate {:?} {:?}\nauthors {:?}\noutlet {:?}\nurl {:?}\ntags {:?}\nbody {:?}",
            doc.title,
            doc.published.local.map(|d| d.to_string()),
            doc.published.utc_offset_seconds,
            doc.authors,
            doc.outlet,
            doc.url,
            doc.tags,
            doc.body.text
        )
    }

    #[test]
    fn byline_paragraphs_give_authors_and_date() {
        let page = "<html><body><article><h1>Dam inspection finds cracks</h1><p>By Jane Doe and Li Wei | Updated 6 March 2024</p><p>5 March 2024 · 3 min read</p><p>Inspectors found cracks in the spillway.</p></article></body></html>";
        assert_eq!(
            check(page),
            "title Some(\"Dam inspection finds cracks\")\ndate Some(\"2024-03-05 00:00:00\") None\nauthors [\"Jane Doe\", \"Li Wei\"]\noutlet None\nurl None\ntags []\nbody \"Inspectors found cracks in the spillway.\""
        );
    }

    #[test]
    fn json_ld_and_boilerplate() {
        let page = r#"<!DOCTYPE html><html><head><title>Tariff talks stall | Trade Desk</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"Tariff talks stall","datePublished":"2024-06-03T10:00:00+02:00","author":[{"@type":"Person","name":"Lea Roth"}],"publisher":{"name":"Trade Desk"}}]}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Tariff talks stall</h1><div class="share-bar">Share</div>
<p>Negotiators left Geneva without a deal.</p><p>Talks resume in July.</p></article><footer>© Trade Desk</footer></body></html>"#;
        assert_eq!(detect(page), 90);
        assert_eq!(
            check(page),
            "title Some(\"Tariff talks stall\")\ndate Some(\"2024-06-03 10:00:00\") Some(7200)\nauthors [\"Lea Roth\"]\noutlet Some(\"Trade Desk\")\nurl None\ntags []\nbody \"Negotiators left Geneva without a deal.\\n\\nTalks resume in July.\""
        );
    }
}
