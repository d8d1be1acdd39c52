//! HTML article pages, parsed by html5ever (through `scraper`) as a browser would.
//!
//! - **Body**: the main text found by scoring candidate blocks (see [`crate::page`]), in order,
//!   subheads marked, bylines, date stamps and promos at its top removed.
//! - **Title**: OpenGraph / Twitter title, JSON-LD `headline`, the `<h1>`, or `<title>`, with
//!   the site name stripped (`Headline | Site`).
//! - **Dates**: JSON-LD (also in `<![CDATA[`, in `@graph` arrays), `article:published_time`,
//!   `parsely-pub-date`, Dublin Core and other `<meta>`, `itemprop=datePublished`,
//!   `<time datetime>` after the headline, visible date lines, then a date in the URL path.
//!   Published is preferred to modified; sources that disagree by more than a day are reported
//!   as a diagnostic.
//! - **Authors**: JSON-LD `author`, `author` / `parsely-author` meta, `rel=author`,
//!   `itemprop=author` and byline elements, names only.

use almanac_model::{DateKnown, Diagnostic, DocDate, Document, Headline, Severity};
use almanac_time::Granularity;

use crate::byline::read_stamp;
use crate::html::{self as markup, starts_with_tag};
use crate::json::{self, Json};
use crate::lines::script_lang;
use crate::page::{CONTENT_WORDS, Dom, Reading, class_words, in_list};
use crate::{Format, Options};

/// The format entry.
pub(crate) const FORMAT: Format = Format {
    name: "html",
    description: "HTML article page (html5ever; main text by scoring; meta, OpenGraph, JSON-LD)",
    detect,
    parse,
    why_empty: super::no_notes,
};

/// How far the detector looks for `<html>` in a page that opens with styles or scripts.
const WIDE_DETECT_BYTES: usize = 1 << 16;

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
    } else if ["<style", "<script", "<link", "<meta", "<!--"]
        .iter()
        .any(|t| {
            start.len() >= t.len() && start.as_bytes()[..t.len()].eq_ignore_ascii_case(t.as_bytes())
        })
        && {
            // a page opening with a style sheet, a script or a comment: its landmarks come later
            let wide = super::head(text, WIDE_DETECT_BYTES).to_ascii_lowercase();
            ["<html", "<body", "<head", "<!doctype html"]
                .iter()
                .any(|t| wide.contains(t))
        }
    {
        85
    } else if lower_head.contains("<p>") && lower_head.contains("</p>") {
        35
    } else {
        0
    }
}

/// What the page says about itself, gathered in one walk.
#[derive(Default)]
struct Head {
    /// `<meta>` as (key lowercased, content), from `property`, `name` or `itemprop`.
    metas: Vec<(String, String)>,
    /// Every JSON-LD object, arrays and `@graph` flattened.
    ld: Vec<Json>,
    /// The first `<h1>` with text.
    h1: Option<String>,
    /// Index of that `<h1>`.
    h1_at: Option<usize>,
    /// Every `<h1>` with text outside boxes about other stories, in order.
    h1s: Vec<String>,
    title: Option<String>,
    canonical: Option<String>,
    /// `datetime` / `content` of `itemprop=datePublished` / `dateModified` elements.
    item_published: Option<String>,
    item_modified: Option<String>,
    /// `<time datetime>` as (index, value).
    times: Vec<(usize, String)>,
    /// Author names from `rel=author` links and `itemprop=author` elements, with their index.
    linked_authors: Vec<(usize, String)>,
    /// Texts of byline elements and of the links and spans inside them, with their index.
    bylines: Vec<(usize, String)>,
    /// Texts of short elements whose class names a date (`date`, `published`, `timestamp`).
    date_lines: Vec<String>,
}

/// Class words that mark a byline element.
const BYLINE_WORDS: &[&str] = &["byline", "author", "authors", "writer", "contributor"];

/// Class words that mark a visible date line.
const DATE_WORDS: &[&str] = &[
    "date",
    "dateline",
    "published",
    "pubdate",
    "timestamp",
    "time",
    "posted",
];

/// Class words of boxes whose dates and names are about other stories.
const OTHER_STORY_WORDS: &[&str] = &[
    "related",
    "recommended",
    "trending",
    "popular",
    "comment",
    "comments",
    "sidebar",
    "card",
    "teaser",
];

impl Head {
    fn of(dom: &Dom<'_>) -> Self {
        let mut head = Head::default();
        // per node: inside a box about other stories (or nav, aside, footer)
        let mut other = vec![false; dom.items.len()];
        for (i, e) in dom.elements() {
            let parent = dom.items[i].parent;
            other[i] = other[parent]
                || matches!(e.name(), "nav" | "aside" | "footer")
                || (class_words(e).any(|w| in_list(OTHER_STORY_WORDS, w))
                    && !class_words(e).any(|w| in_list(CONTENT_WORDS, w)));
            let attr = |k: &str| e.attr(k).map(str::trim).filter(|v| !v.is_empty());
            match e.name() {
                "meta" => {
                    if let (Some(key), Some(content)) = (
                        attr("property")
                            .or_else(|| attr("name"))
                            .or_else(|| attr("itemprop")),
                        attr("content").or_else(|| attr("datetime")),
                    ) {
                        head.metas.push((
                            key.to_ascii_lowercase(),
                            markup::collapse_whitespace(content),
                        ));
                    }
                }
                "script"
                    if attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                {
                    let (value, _) = json::parse(ld_source(&dom.text_raw(i)));
                    if let Some(v) = value {
                        flatten_ld(v, &mut head.ld, 0);
                    }
                }
                "title" if head.title.is_none() => {
                    head.title = Some(dom.text(i)).filter(|t| !t.is_empty());
                }
                "h1" if !other[i] => {
                    let t = dom.text(i);
                    if !t.is_empty() {
                        if head.h1.is_none() {
                            head.h1 = Some(t.clone());
                            head.h1_at = Some(i);
                        }
                        head.h1s.push(t);
                    }
                }
                "link"
                    if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                        && head.canonical.is_none() =>
                {
                    head.canonical = attr("href").map(str::to_owned);
                }
                "time" if !other[i] => {
                    if let Some(v) = attr("datetime") {
                        head.times.push((i, v.to_owned()));
                    }
                }
                _ => {}
            }
            if let Some(prop) = attr("itemprop") {
                let value = || {
                    attr("datetime")
                        .or_else(|| attr("content"))
                        .map(str::to_owned)
                        .or_else(|| Some(dom.text(i)).filter(|t| !t.is_empty()))
                };
                if e.name() != "meta" {
                    if prop == "datePublished" && head.item_published.is_none() {
                        head.item_published = value();
                    } else if prop == "dateModified" && head.item_modified.is_none() {
                        head.item_modified = value();
                    }
                }
                if prop
                    .split_whitespace()
                    .any(|p| p == "author" || p == "creator")
                    && !other[i]
                {
                    let name = dom
                        .descendants_with_attr(i, "itemprop", "name")
                        .map(|n| {
                            dom.attr(n, "content")
                                .map(str::to_owned)
                                .unwrap_or_else(|| dom.text(n))
                        })
                        .or_else(|| {
                            (e.name() == "meta")
                                .then(|| attr("content").map(str::to_owned))
                                .flatten()
                        })
                        .unwrap_or_else(|| dom.text(i));
                    head.linked_authors.push((i, name));
                }
            }
            if e.name() == "a"
                && attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author"))
                && !other[i]
            {
                head.linked_authors.push((i, dom.text(i)));
            }
            if !other[i] && !matches!(e.name(), "meta" | "script" | "body" | "html" | "article") {
                if class_words(e).any(|w| in_list(BYLINE_WORDS, w)) {
                    let t = dom.text(i);
                    if !t.is_empty() && t.len() < 300 {
                        head.bylines.push((i, t));
                        for j in i + 1..dom.items[i].end {
                            if matches!(dom.name(j), "a" | "span" | "strong" | "b") {
                                head.bylines.push((j, dom.text(j)));
                            }
                        }
                    }
                }
                if class_words(e).any(|w| in_list(DATE_WORDS, w)) {
                    let t = dom.text(i);
                    if !t.is_empty() && t.len() < 120 {
                        head.date_lines.push(t);
                    }
                }
            }
        }
        head
    }

    fn meta<'k>(&self, keys: &[&'k str]) -> Option<(&'k str, &str)> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, v)| key == k && !v.is_empty())
                .map(|(_, v)| (*k, v.as_str()))
        })
    }

    /// The JSON-LD object about the article: an `Article` type first, else a `WebPage` or
    /// any object with a publication date.
    fn article(&self) -> Option<&Json> {
        self.ld
            .iter()
            .find(|v| is_article_type(v))
            .or_else(|| self.ld.iter().find(|v| v.get("datePublished").is_some()))
    }
}

/// The JSON text of a JSON-LD script: `<![CDATA[` wrappers and comments around it removed.
fn ld_source(raw: &str) -> &str {
    let raw = match raw.find("<![CDATA[") {
        Some(at) => &raw[at + "<![CDATA[".len()..],
        None => raw,
    };
    let raw = match raw.rfind("]]>") {
        Some(at) => &raw[..at],
        None => raw,
    };
    let start = raw.find(['{', '[']).unwrap_or(0);
    let end = raw.rfind(['}', ']']).map_or(raw.len(), |e| e + 1);
    if start < end { &raw[start..end] } else { "" }
}

/// Pushes every object of a JSON-LD value: arrays and `@graph` flattened.
fn flatten_ld(v: Json, out: &mut Vec<Json>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Json::Array(items) => {
            for item in items {
                flatten_ld(item, out, depth + 1);
            }
        }
        Json::Object(_) => {
            if let Some(graph) = v.get("@graph").cloned() {
                flatten_ld(graph, out, depth + 1);
            }
            if let Some(main) = v.get("mainEntity").cloned()
                && matches!(main, Json::Object(_))
            {
                flatten_ld(main, out, depth + 1);
            }
            out.push(v);
        }
        _ => {}
    }
}

fn is_article_type(v: &Json) -> bool {
    let is = |t: &str| {
        t.ends_with("Article")
            || t.ends_with("Posting")
            || t == "Report"
            || t == "Review"
            || t == "AnalysisNewsArticle"
    };
    match v.get("@type") {
        Some(Json::String(t)) => is(t),
        Some(Json::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

/// The JSON-LD article's authors as (people, organizations); `{"@id": ...}` references are
/// looked up in the page's other JSON-LD objects.
fn ld_authors(head: &Head, ld: Option<&Json>) -> (Vec<String>, Vec<String>) {
    let mut people = Vec::new();
    let mut organizations = Vec::new();
    let mut stack: Vec<&Json> = ld.and_then(|l| l.get("author")).into_iter().collect();
    let mut steps = 0;
    while let Some(v) = stack.pop() {
        steps += 1;
        if steps > 64 {
            break;
        }
        match v {
            Json::String(s) => people.push(s.clone()),
            Json::Array(items) => stack.extend(items.iter().rev()),
            Json::Object(_) => {
                let resolved = match (v.text("name"), v.text("@id")) {
                    (None, Some(id)) => head
                        .ld
                        .iter()
                        .find(|o| o.text("@id") == Some(id) && o.text("name").is_some())
                        .unwrap_or(v),
                    _ => v,
                };
                if let Some(name) = resolved.text("name") {
                    let is_org = resolved
                        .text("@type")
                        .is_some_and(|t| t == "Organization" || t == "NewsMediaOrganization");
                    if is_org {
                        organizations.push(name.to_owned());
                    } else {
                        people.push(name.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    (people, organizations)
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

/// A date with where it came from.
struct Found {
    date: DocDate,
    source: String,
}

/// Reads a date; an unreadable one gives a located warning.
fn date_from(
    path: &str,
    source: &str,
    text: &str,
    what: &str,
    notes: &mut Vec<Diagnostic>,
) -> Option<Found> {
    match super::explicit_date(text) {
        Ok(mut d) => {
            d.source_text = Some(format!("{what}: {text}"));
            Some(Found {
                date: d,
                source: what.to_owned(),
            })
        }
        Err(e) => {
            let offset = source.find(text).unwrap_or(0);
            notes.push(
                Diagnostic::at(Severity::Warning, path, source, offset, e.to_string())
                    .expected("an ISO 8601 date-time"),
            );
            None
        }
    }
}

/// The day of a date in UTC when its offset is known, else as written.
fn day_of(d: &DocDate) -> Option<chrono::NaiveDate> {
    let local = d.local?;
    Some(match d.utc_offset_seconds {
        Some(off) if d.granularity != Granularity::Day => {
            (local - chrono::Duration::seconds(i64::from(off))).date()
        }
        _ => local.date(),
    })
}

/// A date in a URL path: `/2024/03/05/`, `/2024-03-05-`, `/20240305/`.
fn url_date(url: &str) -> Option<DocDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let b = path.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let s = path.get(from..from + n)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let sep = |at: usize| matches!(b.get(at), Some(b'/' | b'-' | b'_' | b'.'));
    for i in 0..b.len() {
        if !(i == 0 || matches!(b[i - 1], b'/' | b'-' | b'_')) {
            continue;
        }
        let Some(year) = digits(i, 4) else { continue };
        if !(1995..=2100).contains(&year) {
            continue;
        }
        let (month, day) = if sep(i + 4) {
            let Some(m) = digits(i + 5, 2) else { continue };
            // `/2024/03/05`; a month alone is not a day
            match (sep(i + 7), digits(i + 8, 2)) {
                (true, Some(d)) if b.get(i + 10).is_none_or(|c| !c.is_ascii_digit()) => (m, d),
                _ => continue,
            }
        } else if let (Some(m), Some(d)) = (digits(i + 4, 2), digits(i + 6, 2)) {
            if b.get(i + 8).is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            (m, d)
        } else {
            continue;
        };
        if let Some(date) = chrono::NaiveDate::from_ymd_opt(year as i32, month, day) {
            let mut d = DocDate::explicit(date.and_hms_opt(0, 0, 0)?, Granularity::Day);
            d.source_text = Some(format!("url: {url}"));
            return Some(d);
        }
    }
    None
}

fn parse(path: &str, text: &str, _opts: &Options) -> Vec<Document> {
    let (html, deep) = crate::page::parse_page(text);
    let dom = Dom::of(&html);
    let head = Head::of(&dom);
    let reading = Reading::of(&dom);
    let mut doc = super::new_document(path, FORMAT.name, text);
    let mut notes = Vec::new();
    if let Some(offset) = deep {
        notes.push(
            Diagnostic::at(
                Severity::Warning,
                path,
                text,
                offset,
                format!(
                    "markup nested deeper than {} elements: deeper tags ignored, their text kept",
                    crate::page::MAX_DEPTH
                ),
            )
            .expected("closed elements"),
        );
    }
    let ld = head.article();
    let ld_text = |key: &str| {
        ld.and_then(|l| l.text(key))
            .map(markup::collapse_whitespace)
            .filter(|t| !t.is_empty())
    };
    let outlet = head
        .meta(&["og:site_name", "application-name", "publisher"])
        .map(|(_, v)| v.to_owned())
        .or_else(|| {
            ld_names(ld.and_then(|l| l.get("publisher")))
                .into_iter()
                .next()
        });
    doc.title = title(&head, ld_text("headline"), outlet.as_deref());
    doc.outlet = outlet;
    if let Some(alt) = ld_text("alternativeHeadline").filter(|a| script_lang(a).is_some()) {
        doc.alt_headline = Some(Headline {
            lang: script_lang(&alt).map(str::to_owned),
            text: alt,
        });
    }
    doc.url = head
        .meta(&["og:url"])
        .map(|(_, v)| v.to_owned())
        .or_else(|| head.canonical.clone())
        .or_else(|| ld_text("url"))
        .or_else(|| ld_text("mainEntityOfPage"));
    // publication date: every source read, the first (most reliable) kept
    let mut published: Vec<Found> = Vec::new();
    if let Some(t) = ld_text("datePublished") {
        published.extend(date_from(
            path,
            text,
            &t,
            "json-ld datePublished",
            &mut notes,
        ));
    }
    for key in PUBLISHED_META {
        if let Some((k, v)) = head.meta(&[key]) {
            published.extend(date_from(path, text, v, &format!("meta {k}"), &mut notes));
        }
    }
    if let Some(t) = &head.item_published {
        published.extend(date_from(
            path,
            text,
            t,
            "itemprop datePublished",
            &mut notes,
        ));
    }
    // a <time datetime> after the headline (else the first on the page)
    let time = head
        .times
        .iter()
        .find(|(i, _)| head.h1_at.is_some_and(|h| *i > h))
        .or_else(|| head.times.first());
    if let Some((_, t)) = time
        && let Ok(mut d) = super::explicit_date(t)
    {
        d.source_text = Some(format!("time: {t}"));
        published.push(Found {
            date: d,
            source: "<time datetime>".into(),
        });
    }
    let mut modified: Option<Found> = None;
    let modified_text = ld_text("dateModified")
        .map(|t| (t, "json-ld dateModified".to_owned()))
        .or_else(|| {
            head.meta(MODIFIED_META)
                .map(|(k, v)| (v.to_owned(), format!("meta {k}")))
        })
        .or_else(|| {
            head.item_modified
                .clone()
                .map(|t| (t, "itemprop dateModified".to_owned()))
        });
    if let Some((t, what)) = modified_text {
        modified = date_from(path, text, &t, &what, &mut notes);
    }
    if let Some(first) = published.first() {
        if let Some(other) = published.iter().skip(1).find(|o| {
            matches!((day_of(&first.date), day_of(&o.date)), (Some(a), Some(b)) if (a - b).num_days().abs() > 1)
        }) {
            notes.push(
                Diagnostic::file(
                    Severity::Info,
                    path,
                    format!(
                        "publication dates disagree: {} ({}) and {} ({}); the first is kept",
                        first.date.local.map(|d| d.date().to_string()).unwrap_or_default(),
                        first.source,
                        other.date.local.map(|d| d.date().to_string()).unwrap_or_default(),
                        other.source,
                    ),
                )
                .expected("one publication date"),
            );
        }
        doc.published = first.date.clone();
    }
    doc.updated = modified.map(|m| m.date);
    // authors: structured sources first (JSON-LD people, meta), then links and bylines
    let (people, organizations) = ld_authors(&head, ld);
    let mut authors = people;
    if authors.is_empty()
        && let Some((_, a)) = head.meta(AUTHOR_META)
    {
        authors.push(a.to_owned());
    }
    for a in &authors {
        for name in split_names(a) {
            if !name.contains("://") && !name.eq_ignore_ascii_case("no author") {
                super::push_unique(&mut doc.authors, &name);
            }
        }
    }
    // links and bylines of the story: before the end of its text, not about other stories
    let story_end = reading
        .chosen
        .last()
        .map_or(usize::MAX, |c| dom.items[*c].end);
    let linked = head.linked_authors.iter().map(|(at, t)| (*at, t, true));
    let bylines = head.bylines.iter().map(|(at, t)| (*at, t, false));
    for (at, text, link) in linked.chain(bylines) {
        if !doc.authors.is_empty() {
            break;
        }
        if link && at > story_end {
            continue;
        }
        for name in split_names(text) {
            if crate::lines::is_person_name(&name) && !is_not_a_name(&name) {
                super::push_unique(&mut doc.authors, &crate::lines::normalize_name(&name));
            }
        }
    }
    if doc.authors.is_empty() {
        for a in &organizations {
            super::push_unique(&mut doc.authors, a);
        }
    }
    for (key, value) in &head.metas {
        if key == "article:tag" {
            super::push_unique(&mut doc.tags, value);
        }
    }
    if doc.tags.is_empty()
        && let Some(keywords) = head
            .meta(&["keywords", "news_keywords"])
            .map(|(_, v)| v.to_owned())
            .or_else(|| ld_text("keywords"))
    {
        for k in keywords.split(',') {
            super::push_unique(&mut doc.tags, k);
        }
    }
    let mut paragraphs = markup::without_promos(reading.blocks(&dom));
    if let Some(title) = &doc.title {
        paragraphs.retain(|p| &p.text != title);
    }
    // bylines and date stamps opening the story (`By Jane Doe | 5 March 2024`) are not body;
    // they give authors and dates the page's metadata did not
    let known_authors = doc.authors.len();
    let mut at = 0;
    while at < paragraphs.len().min(HEAD_STAMPS) {
        match read_stamp(&paragraphs[at].text) {
            Some(stamp) => {
                stamp.fill(&mut doc);
                paragraphs.remove(at);
            }
            None => at += 1,
        }
    }
    // a stamp's `By Jane Doe Follow` is not a name
    let mut n = 0;
    doc.authors.retain(|a| {
        n += 1;
        n <= known_authors || !is_not_a_name(a)
    });
    paragraphs.retain(|p| !is_dateline(&p.text));
    // visible date lines (`Published 5 March 2024`) when the metadata gave none
    if doc.published.known != DateKnown::Explicit {
        for line in head
            .date_lines
            .iter()
            .chain(head.bylines.iter().map(|(_, t)| t))
        {
            if let Some(stamp) = read_stamp(line)
                && stamp.published.is_some()
            {
                let mut probe = super::new_document(path, FORMAT.name, "");
                stamp.fill(&mut probe);
                doc.published = probe.published;
                break;
            }
        }
    }
    if doc.published.known != DateKnown::Explicit
        && let Some(d) = doc.url.as_deref().and_then(url_date)
    {
        doc.published = d;
    }
    doc.body = markup::body_of(&paragraphs);
    doc.diagnostics.append(&mut notes);
    vec![doc]
}

/// `<meta>` keys naming the publication date, most reliable first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "parsely-pub-date",
    "sailthru.date",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.date.created",
    "citation_publication_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article.published",
    "date",
];

/// `<meta>` keys naming the last modification.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];

/// `<meta>` keys naming authors.
const AUTHOR_META: &[&str] = &[
    "author",
    "parsely-author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "citation_author",
];

/// Words that are never part of an author's name in a byline (`Follow Author`, `View Posts`).
const NOT_NAME_WORDS: &[&str] = &[
    "follow",
    "author",
    "authors",
    "staff",
    "updated",
    "published",
    "posted",
    "view",
    "posts",
    "more",
    "email",
    "twitter",
    "facebook",
    "contributor",
    "editor",
    "reporter",
    "writer",
    "correspondent",
    "read",
    "bio",
    "profile",
    "share",
    "comments",
    "subscribe",
    "by",
];

fn is_not_a_name(name: &str) -> bool {
    name.is_empty()
        || name.split_whitespace().count() > 5
        || name.split_whitespace().any(|w| {
            NOT_NAME_WORDS.contains(
                &w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
            )
        })
}

/// The names in an author field or byline: `By Tom Reyes and Ana Cruz` gives both; `Jane Doe,
/// Senior Writer` and `Follow` links are cut by [`is_not_a_name`] or the person-name check.
fn split_names(text: &str) -> Vec<String> {
    let text = markup::collapse_whitespace(text);
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .or_else(|| text.strip_prefix("BY "))
        .unwrap_or(&text);
    text.split([',', '&', ';', '|', '\n'])
        .flat_map(|part| part.split(" and "))
        .map(|n| {
            n.trim()
                .trim_start_matches("By ")
                .trim_start_matches("by ")
                .trim_matches(|c: char| c == '@' || c.is_whitespace())
                .to_owned()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// The title: og/twitter title, else JSON-LD headline, else `<h1>`, else `<title>`, each with
/// the site name stripped.
fn title(head: &Head, ld_headline: Option<String>, outlet: Option<&str>) -> Option<String> {
    let meta = head
        .meta(&["og:title", "twitter:title"])
        .map(|(_, v)| v.to_owned());
    let h1 = head.h1.clone();
    // the story's own headline, when it reads as one (not a logo or a section name), is what
    // readers see; og:title and JSON-LD are often shortened for sharing
    // (it must share most of its words with `<title>` or og:title, so an advert's or a
    // widget's `<h1>` is not taken)
    let named = [
        meta.as_deref(),
        head.title.as_deref(),
        ld_headline.as_deref(),
    ];
    let headline = head
        .h1s
        .iter()
        .find(|h| {
            h.split_whitespace().nth(3).is_some()
                && h.len() <= 300
                && outlet.is_none_or(|o| !h.eq_ignore_ascii_case(o))
                && named.iter().flatten().any(|t| overlap(h, t) >= 0.5)
        })
        .cloned();
    let t = headline
        .or(meta)
        .or(ld_headline)
        .or_else(|| h1.clone())
        .or_else(|| head.title.clone())?;
    let stripped = strip_site_name(&t, outlet, h1.as_deref());
    Some(stripped).filter(|t| !t.is_empty())
}

/// The share of the words of the shorter text that are in the other (case folded).
fn overlap(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.is_empty() {
        return 0.0;
    }
    short.iter().filter(|w| long.contains(w)).count() as f32 / short.len() as f32
}

/// `Headline | Site`, `Site - Headline` → `Headline` when the other part is the outlet, or
/// the headline part is the page's `<h1>`.
fn strip_site_name(title: &str, outlet: Option<&str>, h1: Option<&str>) -> String {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · ", " // "] {
        if let Some((a, b)) = title.rsplit_once(sep) {
            if outlet.is_some_and(|o| {
                norm(o) == norm(b) || norm(b).contains(&norm(o)) && !norm(o).is_empty()
            }) || h1.is_some_and(|h| norm(h) == norm(a))
            {
                return a.trim().to_owned();
            }
        }
        if let Some((a, b)) = title.split_once(sep)
            && (outlet.is_some_and(|o| norm(o) == norm(a))
                || h1.is_some_and(|h| norm(h) == norm(b)))
        {
            return b.trim().to_owned();
        }
    }
    title.to_owned()
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
