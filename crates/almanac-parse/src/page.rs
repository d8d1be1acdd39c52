//! HTML pages read the way browsers read them (html5ever, through `scraper`), and their main
//! text found by **scoring** candidate blocks rather than by taking the first landmark.
//!
//! The tree is flattened once into a [`Dom`] in document order. Then:
//! 1. page furniture is dropped top-down, each drop with a reason: scripts, navigation,
//!    asides, forms, figures and captions, hidden elements (`hidden`, `aria-hidden`,
//!    `display:none`), landmark roles (`navigation`, `complementary`...) and elements whose
//!    class or id *words* name furniture (`share`, `related`, `sidebar`...) unless they also
//!    name content (`article`, `body`, `content`...): `l-sidebar-fixed l-article-body-segment`
//!    is kept;
//! 2. every paragraph-like block gives its ancestors points for its length and commas
//!    (Readability's rule), weighted by class words, link density and hints (`<article>`,
//!    `<main>`, `itemprop=articleBody`), which never win by position alone;
//! 3. the best candidate, widened to its siblings that score well, is walked in order:
//!    paragraphs and subheads kept, link-heavy lists and boxes (related stories, tag lists,
//!    share bars) dropped.
//!
//! [`explain`] lists what was chosen and what was dropped, and why.

use std::fmt;

use scraper::{Html, Node};

use crate::html::{Block, Collapsed};

/// What a flattened node is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind<'h> {
    /// The document itself.
    Root,
    /// An element, with its lowercased local name.
    Element(&'h scraper::node::Element),
    /// Text, entities decoded.
    Text(&'h str),
}

/// A node of the flattened tree.
#[derive(Debug, Clone)]
pub(crate) struct Item<'h> {
    pub(crate) kind: Kind<'h>,
    /// The tag name (`""` for text and the root), read once.
    pub(crate) name: &'h str,
    /// Index of the parent (`0` for the root itself).
    pub(crate) parent: usize,
    /// One past the index of the last descendant.
    pub(crate) end: usize,
}

/// A parsed page, flattened in document order: the children of node `i` are the nodes from
/// `i + 1` to `items[i].end`, skipping each child's own subtree.
#[derive(Debug)]
pub(crate) struct Dom<'h> {
    pub(crate) items: Vec<Item<'h>>,
}

impl<'h> Dom<'h> {
    /// Flattens a parsed page (iteratively: deep nesting cannot overflow the stack).
    pub(crate) fn of(html: &'h Html) -> Self {
        use ego_tree::iter::Edge;
        let mut items: Vec<Item<'h>> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let kind = match node.value() {
                        Node::Document | Node::Fragment => Kind::Root,
                        Node::Element(e) => Kind::Element(e),
                        Node::Text(t) => Kind::Text(t),
                        _ => continue,
                    };
                    let at = items.len();
                    let parent = stack.last().copied().unwrap_or(0);
                    let name = match kind {
                        Kind::Element(e) => e.name(),
                        _ => "",
                    };
                    items.push(Item {
                        kind,
                        name,
                        parent,
                        end: at + 1,
                    });
                    if !matches!(kind, Kind::Text(_)) {
                        stack.push(at);
                    }
                }
                Edge::Close(node) => {
                    if matches!(
                        node.value(),
                        Node::Document | Node::Fragment | Node::Element(_)
                    ) && let Some(at) = stack.pop()
                    {
                        items[at].end = items.len();
                    }
                }
            }
        }
        if items.is_empty() {
            items.push(Item {
                kind: Kind::Root,
                name: "",
                parent: 0,
                end: 1,
            });
        }
        Dom { items }
    }

    /// The element at `i`, if it is one.
    pub(crate) fn element(&self, i: usize) -> Option<&'h scraper::node::Element> {
        match self.items[i].kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag name at `i` (`""` for text and the root).
    pub(crate) fn name(&self, i: usize) -> &'h str {
        self.items[i].name
    }

    /// An attribute of the element at `i`.
    pub(crate) fn attr(&self, i: usize, name: &str) -> Option<&'h str> {
        self.element(i).and_then(|e| e.attr(name))
    }

    /// The direct children of `i`.
    pub(crate) fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.items[i].end;
        let mut at = i + 1;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let child = at;
            at = self.items[at].end;
            Some(child)
        })
    }

    /// Whether `inner` is `outer` or inside it.
    pub(crate) fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.items[outer].end
    }

    /// All text under `i`, whitespace collapsed (hidden or not).
    pub(crate) fn text(&self, i: usize) -> String {
        let mut out = Collapsed::default();
        for item in &self.items[i..self.items[i].end] {
            if let Kind::Text(t) = item.kind {
                out.push(t);
            } else if is_block(item.name) {
                out.space();
            }
        }
        out.into_text()
    }

    /// The text under `i` as written (a script's source).
    pub(crate) fn text_raw(&self, i: usize) -> String {
        let mut out = String::new();
        for item in &self.items[i..self.items[i].end] {
            if let Kind::Text(t) = item.kind {
                out.push_str(t);
            }
        }
        out
    }

    /// The first element under `i` (not `i` itself) with `attr="value"`.
    pub(crate) fn descendants_with_attr(&self, i: usize, attr: &str, value: &str) -> Option<usize> {
        (i + 1..self.items[i].end).find(|&j| self.attr(j, attr) == Some(value))
    }

    /// The element indices in document order.
    pub(crate) fn elements(
        &self,
    ) -> impl Iterator<Item = (usize, &'h scraper::node::Element)> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| match it.kind {
                Kind::Element(e) => Some((i, e)),
                _ => None,
            })
    }
}

/// How deep start tags may nest before the page is handed to html5ever: its tree builder
/// scans the open elements at each start tag, so 100,000 unclosed `<div>`s would take
/// minutes. Deeper start tags (and the end tags that close them) are removed first; their
/// text is kept.
pub(crate) const MAX_DEPTH: usize = 512;

/// Tags that never open a nesting level (void, or closed by their next sibling).
fn is_flat_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"tr"
            | b"td"
            | b"th"
            | b"!doctype"
    )
}

/// `text` without start tags nested deeper than `max` (and their end tags), with the offset of
/// the first removed tag; `None` when nothing nests that deep. A byte scan: comments,
/// scripts and styles are skipped whole.
pub(crate) fn flatten_deep(text: &str, max: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut first = 0;
    let mut depth = 0usize;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(end_tag);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!' || **c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() && b[name_start] != b'!' {
            i = at + 1;
            continue;
        }
        let name = b[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(close) = b[name_start..].iter().position(|&c| c == b'>') else {
            break;
        };
        let tag_end = name_start + close + 1;
        let self_closing = b[tag_end - 2] == b'/';
        let mut next = tag_end;
        if !end_tag
            && matches!(
                name.as_slice(),
                b"script" | b"style" | b"textarea" | b"title"
            )
        {
            let mut closing = b"</".to_vec();
            closing.extend_from_slice(&name);
            next = find_ci(b, tag_end, &closing).unwrap_or(b.len());
        }
        let counts = !is_flat_tag(&name) && !self_closing;
        let drop = counts
            && if end_tag {
                let deep = depth > max;
                depth = depth.saturating_sub(1);
                deep
            } else {
                depth += 1;
                depth > max
            };
        if drop {
            let o = out.get_or_insert_with(|| {
                first = at;
                String::with_capacity(text.len())
            });
            o.push_str(&text[copied..at]);
            copied = tag_end;
        }
        i = next;
    }
    let mut o = out?;
    o.push_str(&text[copied..]);
    Some((o, first))
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    while at < b.len() {
        let off = b[at..].iter().position(|&c| c == first)?;
        let here = at + off;
        if b.get(here..here + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(here);
        }
        at = here + 1;
    }
    None
}

/// Parses a page with html5ever after [`flatten_deep`]; the offset of the first tag removed
/// for depth, if any.
pub(crate) fn parse_page(text: &str) -> (Html, Option<usize>) {
    match flatten_deep(text, MAX_DEPTH) {
        Some((flat, first)) => (Html::parse_document(&flat), Some(first)),
        None => (Html::parse_document(text), None),
    }
}

/// Elements that start and end a paragraph ([`crate::html::BLOCK_ELEMENTS`]).
pub(crate) fn is_block(name: &str) -> bool {
    crate::html::is_html_block(name)
}

/// Why a part of the page is not main text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A tag that never holds article text (`nav`, `aside`, `script`, `figure`...).
    Tag,
    /// `hidden`, `aria-hidden="true"`, or an inline `display:none` / `visibility:hidden`.
    Hidden,
    /// A landmark role that is not content (`navigation`, `complementary`, `banner`...).
    Role,
    /// Class or id words naming page furniture (`share`, `related`, `sidebar`...) and no
    /// content word.
    Furniture,
    /// Inside the chosen text: a box or list made mostly of links, or with a negative score.
    LinkHeavy,
    /// Inside the chosen text: a promo line, a byline or date stamp, or the headline again.
    Stamp,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Tag => "tag that holds no article text",
            Reason::Hidden => "hidden",
            Reason::Role => "landmark role that is not content",
            Reason::Furniture => "class or id names page furniture",
            Reason::LinkHeavy => "mostly links or a negative score",
            Reason::Stamp => "promo, byline, date stamp or headline",
        })
    }
}

/// Tags whose content is never article text.
fn is_furniture_tag(name: &str) -> bool {
    matches!(
        name,
        "aside"
            | "audio"
            | "button"
            | "canvas"
            | "dialog"
            | "embed"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "head"
            | "header"
            | "iframe"
            | "input"
            | "link"
            | "menu"
            | "meta"
            | "nav"
            | "noscript"
            | "object"
            | "script"
            | "select"
            | "style"
            | "svg"
            | "template"
            | "textarea"
            | "title"
            | "video"
    )
}

/// Class or id words (split at anything not a letter or digit, lowercased) that name page
/// furniture.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "community",
    "cookie",
    "cookies",
    "credit",
    "disqus",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pagination",
    "pager",
    "paywall",
    "popup",
    "promo",
    "recommended",
    "related",
    "remark",
    "replies",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "signup",
    "skyscraper",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "trending",
    "widget",
];

/// Whole class tokens that hide text from sight.
const HIDDEN_CLASSES: &[&str] = &[
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "hidden",
    "hide",
    "d-none",
];

/// Class or id words that name content: they keep an element whose other words name
/// furniture, and add to its score.
pub(crate) const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "hentry",
];

/// Landmark roles that are not content.
const FURNITURE_ROLES: &[&str] = &[
    "alert",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
    "toolbar",
];

/// The words of an element's class and id (split at anything not a letter or digit), as
/// written: compare them with [`in_list`].
pub(crate) fn class_words(e: &scraper::node::Element) -> impl Iterator<Item = &str> + '_ {
    e.attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Whether `word` is in a lowercase word list, ignoring ASCII case (no allocation).
pub(crate) fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// (names furniture, names content) from class and id words.
fn class_kind(e: &scraper::node::Element) -> (bool, bool) {
    let mut furniture = false;
    let mut content = false;
    for w in class_words(e) {
        furniture |= in_list(FURNITURE_WORDS, w);
        content |= in_list(CONTENT_WORDS, w);
    }
    (furniture, content)
}

/// Whether an element is hidden from readers.
fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    e.attr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|t| HIDDEN_CLASSES.iter().any(|h| t.eq_ignore_ascii_case(h)))
    })
}

/// Why the element itself (not its ancestors) is dropped, if it is.
/// `story` tells whether the element holds several long paragraphs: then a region tag or word
/// (`<form>`, `<header>`, `l-sidebar-layout`) is a layout wrapper around the story, not
/// furniture.
/// `most` tells whether it holds most of the page's long paragraphs: then no furniture word
/// but a comment one drops it (`Page-ad-margins` around the whole page).
fn own_drop(e: &scraper::node::Element, story: bool, most: bool) -> Option<Reason> {
    let name = e.name();
    if matches!(name, "html" | "body" | "main" | "article") {
        return is_hidden(e).then_some(Reason::Hidden);
    }
    if is_furniture_tag(name) && !(story && is_region_tag(name)) {
        return Some(Reason::Tag);
    }
    if is_hidden(e) {
        return Some(Reason::Hidden);
    }
    if e.attr("role").is_some_and(|r| {
        r.split_whitespace()
            .any(|r| FURNITURE_ROLES.iter().any(|x| r.eq_ignore_ascii_case(x)))
    }) {
        return Some(Reason::Role);
    }
    let (furniture, content) = class_kind(e);
    if furniture
        && !content
        && e.attr("itemprop") != Some("articleBody")
        && !(story
            && class_words(e).all(|w| {
                !in_list(FURNITURE_WORDS, w)
                    || in_list(REGION_WORDS, w)
                    || (most && !in_list(COMMENT_WORDS, w))
            }))
    {
        return Some(Reason::Furniture);
    }
    None
}

/// Tags of page regions that sometimes wrap the whole story (ASP.NET's page-wide `<form>`).
fn is_region_tag(name: &str) -> bool {
    matches!(
        name,
        "form" | "header" | "footer" | "aside" | "section" | "figure"
    )
}

/// Furniture words that name a page region (a layout column or bar) rather than a kind of
/// content: such an element holding several long paragraphs is a layout wrapper.
const REGION_WORDS: &[&str] = &[
    "sidebar",
    "banner",
    "masthead",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "toolbar",
    "widget",
    "footer",
    "pager",
];

/// Furniture words of reader comments, which may hold many long paragraphs.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "replies", "disqus", "remark"];

/// How many commas of one paragraph count towards its score.
const MAX_COMMAS: u32 = 10;

/// How many long paragraphs make a wrapper hold a story.
const STORY_PARAGRAPHS: u32 = 3;

/// Per-node figures over the text that is not dropped.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    /// Characters of text (whitespace runs count one).
    len: u32,
    /// Characters inside links.
    link_len: u32,
    /// Commas.
    commas: u32,
    /// Characters not inside a block child: text this element shows as one paragraph.
    inline_len: u32,
    /// Commas in that inline text.
    inline_commas: u32,
    /// `<p>` descendants.
    paragraphs: u32,
    /// `<li>` descendants.
    items: u32,
    /// `<h2>`-`<h6>` characters.
    heading_len: u32,
}

impl Stats {
    fn link_density(&self) -> f32 {
        if self.len == 0 {
            0.0
        } else {
            self.link_len as f32 / self.len as f32
        }
    }
}

fn text_len(t: &str) -> u32 {
    // characters (UTF-8 lead bytes) of the words, plus one per word
    let mut n = 0u32;
    let mut in_word = false;
    for &b in t.as_bytes() {
        if b.is_ascii_whitespace() {
            in_word = false;
        } else {
            if !in_word {
                n = n.saturating_add(1);
                in_word = true;
            }
            if b & 0xC0 != 0x80 {
                n = n.saturating_add(1);
            }
        }
    }
    n
}

/// The main-text analysis of a page.
#[derive(Debug)]
pub(crate) struct Reading {
    /// Per node: why it (or an ancestor) is dropped; only the topmost drop is listed.
    drops: Vec<Option<Reason>>,
    /// Per node: whether the reason is its own (not inherited).
    own: Vec<bool>,
    stats: Vec<Stats>,
    /// Per node: candidate score (`None` when not a candidate).
    scores: Vec<Option<f32>>,
    /// The chosen containers, in document order.
    pub(crate) chosen: Vec<usize>,
    /// The best candidate.
    top: Option<usize>,
}

/// The score an element starts with as a candidate: its tag, its class and id words, and
/// content hints.
fn initial_score(e: &scraper::node::Element) -> f32 {
    let mut s = match e.name() {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        "article" => 8.0,
        "main" => 5.0,
        _ => 0.0,
    };
    s += class_weight(e);
    if e.attr("itemprop")
        .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"))
    {
        s += 20.0;
    }
    s
}

/// +25 for content words in class or id, -25 for furniture words.
fn class_weight(e: &scraper::node::Element) -> f32 {
    let (furniture, content) = class_kind(e);
    let mut w = 0.0;
    if furniture {
        w -= 25.0;
    }
    if content {
        w += 25.0;
    }
    w
}

impl Reading {
    /// Analyses a page.
    pub(crate) fn of(dom: &Dom<'_>) -> Self {
        let n = dom.items.len();
        let mut drops: Vec<Option<Reason>> = vec![None; n];
        let mut own = vec![false; n];
        // 0. long paragraphs (80+ characters, few links) under each node, nothing dropped yet
        let mut raw = vec![(0u32, 0u32); n];
        let mut long = vec![0u32; n];
        let mut inline = vec![(0u32, 0u32); n];
        let mut linked = vec![false; n];
        for i in 1..n {
            let p = dom.items[i].parent;
            linked[i] = linked[p] || dom.name(p) == "a";
        }
        for i in (1..n).rev() {
            let p = dom.items[i].parent;
            if let Kind::Text(t) = dom.items[i].kind {
                let len = text_len(t);
                raw[i] = (len, if linked[i] { len } else { 0 });
                inline[i] = raw[i];
            }
            // a block's own text (outside its block children): one long paragraph per 300
            // characters, so text split by `<br>` counts as well as `<p>`s
            let name = dom.name(i);
            if is_block(name) && inline[i].0 >= 80 && inline[i].1 * 4 < inline[i].0 {
                long[i] += inline[i].0.div_ceil(300);
            }
            if p != i && !matches!(name, "script" | "style" | "noscript" | "template") {
                raw[p].0 += raw[i].0;
                raw[p].1 += raw[i].1;
                long[p] += long[i];
                if !is_block(name) {
                    inline[p].0 += inline[i].0;
                    inline[p].1 += inline[i].1;
                }
            }
        }
        // 1. drops, top-down (a parent comes before its children)
        for i in 1..n {
            let parent = dom.items[i].parent;
            if drops[parent].is_some() && parent != i {
                drops[i] = drops[parent];
                continue;
            }
            if let Some(e) = dom.element(i)
                && let Some(r) = own_drop(e, long[i] >= STORY_PARAGRAPHS, long[i] * 2 > long[0])
            {
                drops[i] = Some(r);
                own[i] = true;
            }
        }
        // 2. figures, bottom-up over what is kept
        let mut stats = vec![Stats::default(); n];
        let mut in_link = vec![false; n];
        for i in 1..n {
            let p = dom.items[i].parent;
            in_link[i] = in_link[p] || dom.name(p) == "a";
        }
        for i in (1..n).rev() {
            if drops[i].is_some() {
                continue;
            }
            let p = dom.items[i].parent;
            let mut s = stats[i];
            match dom.items[i].kind {
                Kind::Text(t) => {
                    let len = text_len(t);
                    let commas = t.matches(',').count() as u32;
                    s.len = len;
                    s.commas = commas;
                    s.inline_len = len;
                    s.inline_commas = commas;
                    if in_link[i] {
                        s.link_len = len;
                    }
                }
                Kind::Element(_) => match dom.name(i) {
                    "p" => s.paragraphs += 1,
                    "li" => s.items += 1,
                    "h2" | "h3" | "h4" | "h5" | "h6" => s.heading_len = s.len,
                    _ => {}
                },
                Kind::Root => {}
            }
            stats[i] = s;
            if p == i {
                continue;
            }
            let block = is_block(dom.name(i));
            let ps = &mut stats[p];
            ps.len += s.len;
            ps.link_len += s.link_len;
            ps.commas += s.commas;
            ps.paragraphs += s.paragraphs;
            ps.items += s.items;
            ps.heading_len += s.heading_len;
            if !block {
                ps.inline_len += s.inline_len;
                ps.inline_commas += s.inline_commas;
            }
        }
        // 3. paragraphs give their ancestors points
        let mut scores: Vec<Option<f32>> = vec![None; n];
        for i in 1..n {
            if drops[i].is_some() {
                continue;
            }
            let name = dom.name(i);
            if !is_block(name) || matches!(name, "body" | "html") {
                continue;
            }
            let s = stats[i];
            if s.inline_len < 25 {
                continue;
            }
            // commas count up to a point: a list of names is not a story
            let mut points = 1.0
                + s.inline_commas.min(MAX_COMMAS) as f32
                + (s.inline_len as f32 / 100.0).min(3.0);
            // a block of link text is a menu or a teaser, not a paragraph
            if s.inline_len > 0 && s.link_len as f32 / s.inline_len as f32 > 0.5 {
                points *= 0.2;
            }
            // the paragraph itself is a candidate when it is not a plain <p>: a div of text
            let mut at = if matches!(name, "p" | "pre" | "td" | "li" | "h2" | "h3" | "h4") {
                dom.items[i].parent
            } else {
                i
            };
            let mut level = 0;
            while at != 0 && level < 5 {
                let Some(ae) = dom.element(at) else { break };
                let entry = scores[at].get_or_insert_with(|| initial_score(ae));
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                *entry += points / divider;
                if matches!(dom.name(at), "body" | "html") {
                    break;
                }
                at = dom.items[at].parent;
                level += 1;
            }
        }
        // final scores: less for link-heavy candidates
        for (i, sc) in scores.iter_mut().enumerate() {
            if let Some(v) = sc {
                *v *= 1.0 - stats[i].link_density();
            }
        }
        let mut reading = Reading {
            drops,
            own,
            stats,
            scores,
            chosen: Vec::new(),
            top: None,
        };
        reading.choose(dom);
        reading
    }

    fn score(&self, i: usize) -> Option<f32> {
        self.scores.get(i).copied().flatten()
    }

    fn choose(&mut self, dom: &Dom<'_>) {
        let mut ranked: Vec<(usize, f32)> = self
            .scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (i, s)))
            .filter(|(i, _)| !matches!(dom.name(*i), "body" | "html"))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let body = dom
            .elements()
            .find(|(_, e)| e.name() == "body")
            .map_or(0, |(i, _)| i);
        let Some(&(mut top, top_score)) = ranked.first() else {
            self.chosen = vec![body];
            return;
        };
        // several strong candidates under one ancestor: the ancestor holds the story
        let close: Vec<usize> = ranked
            .iter()
            .skip(1)
            .take(4)
            .filter(|(_, s)| *s >= top_score * 0.75)
            .map(|(i, _)| *i)
            .collect();
        if close.len() >= 2 {
            let mut at = dom.items[top].parent;
            while at != 0 && !matches!(dom.name(at), "body" | "html") {
                if close.iter().filter(|c| dom.contains(at, **c)).count() >= 2 {
                    top = at;
                    break;
                }
                at = dom.items[at].parent;
            }
        }
        // climb while the parent scores better
        let mut last = self.score(top).unwrap_or(0.0);
        let threshold = last / 3.0;
        let mut at = dom.items[top].parent;
        while at != 0 && !matches!(dom.name(at), "body" | "html") {
            if let Some(s) = self.score(at) {
                if s < threshold {
                    break;
                }
                if s > last {
                    top = at;
                    break;
                }
                last = s;
            }
            at = dom.items[at].parent;
        }
        // an only child stands for its parent
        loop {
            let parent = dom.items[top].parent;
            if parent == 0 || matches!(dom.name(parent), "body" | "html") {
                break;
            }
            let kept_children = dom
                .children(parent)
                .filter(|c| dom.element(*c).is_some() && self.drops[*c].is_none())
                .count();
            if kept_children != 1 {
                break;
            }
            top = parent;
        }
        self.top = Some(top);
        // siblings that score well join
        let top_score = self.score(top).unwrap_or(0.0);
        let threshold = (top_score * 0.2).max(10.0);
        let parent = dom.items[top].parent;
        let top_class = dom.attr(top, "class").unwrap_or("");
        let mut chosen = Vec::new();
        for s in dom.children(parent) {
            if s == top {
                chosen.push(s);
                continue;
            }
            if self.drops[s].is_some() || dom.element(s).is_none() {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
                bonus += top_score * 0.2;
            }
            let st = self.stats[s];
            let joins = if self.score(s).is_some_and(|v| v + bonus >= threshold) {
                true
            } else if dom.name(s) == "p" {
                let ld = st.link_density();
                (st.len > 80 && ld < 0.25)
                    || (st.len > 0 && st.len <= 80 && ld == 0.0 && {
                        let t = dom.text(s);
                        t.ends_with(['.', '!', '?', '"', '”'])
                    })
            } else {
                false
            };
            if joins {
                chosen.push(s);
            }
        }
        self.chosen = chosen;
    }

    /// Whether a box inside the chosen text is dropped (Readability's conditional cleaning).
    fn cleaned(&self, dom: &Dom<'_>, i: usize) -> bool {
        let Some(e) = dom.element(i) else {
            return false;
        };
        let name = e.name();
        if !matches!(
            name,
            "div" | "section" | "ul" | "ol" | "table" | "dl" | "center" | "details"
        ) {
            return false;
        }
        let s = self.stats[i];
        if s.len == 0 {
            return false;
        }
        let weight = class_weight(e);
        let ld = s.link_density();
        // a list is judged by its links: its tag alone scores it below zero
        if matches!(name, "ul" | "ol" | "dl") {
            return weight < 0.0 || ld > 0.5;
        }
        if weight + self.score(i).unwrap_or(0.0) < 0.0 {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        if s.items > s.paragraphs.saturating_mul(2).max(1) && ld > 0.3 {
            return true;
        }
        let heading_density = s.heading_len as f32 / s.len as f32;
        if s.len < 25 && ld > 0.0 && heading_density < 0.9 {
            return true;
        }
        (weight < 25.0 && ld > 0.33) || (weight >= 25.0 && ld > 0.5)
    }

    /// The paragraphs of the chosen text, in order, subheads marked; `h1` headings skipped.
    pub(crate) fn blocks(&self, dom: &Dom<'_>) -> Vec<Block> {
        let mut out = Vec::new();
        for &root in &self.chosen {
            self.walk(dom, root, &mut out, &mut Vec::new());
        }
        out
    }

    /// Walks the subtree at `root` in order, pushing paragraphs to `out` and the nodes it
    /// drops to `dropped`.
    fn walk(&self, dom: &Dom<'_>, root: usize, out: &mut Vec<Block>, dropped: &mut Vec<usize>) {
        let mut current = Collapsed::default();
        // open elements: (end, is block, opened a heading or bold run)
        let mut open: Vec<(usize, bool, bool)> = Vec::new();
        let mut heads = 0usize;
        let end = dom.items[root].end;
        let mut i = root;
        while i < end {
            while let Some(&(e, block, head)) = open.last() {
                if e > i {
                    break;
                }
                open.pop();
                if head {
                    heads -= 1;
                }
                if block {
                    current.flush(out);
                }
            }
            match dom.items[i].kind {
                Kind::Root => {}
                Kind::Text(t) => {
                    if !t.trim().is_empty() {
                        current.after_br = false;
                        if heads == 0 {
                            current.plain = true;
                        }
                    }
                    current.push(t);
                }
                Kind::Element(_) => {
                    let name = dom.name(i);
                    if name == "br" {
                        if current.after_br {
                            current.flush(out);
                        } else {
                            current.space();
                            current.after_br = true;
                        }
                        i += 1;
                        continue;
                    }
                    let skip = i != root
                        && (self.drops[i].is_some() || name == "h1" || self.cleaned(dom, i));
                    if skip {
                        if self.stats[i].len > 0 || self.drops[i].is_some() {
                            dropped.push(i);
                        }
                        i = dom.items[i].end;
                        continue;
                    }
                    current.after_br = false;
                    let block = is_block(name);
                    if block {
                        current.flush(out);
                    }
                    let head = matches!(name, "b" | "strong" | "h2" | "h3" | "h4" | "h5" | "h6");
                    if head {
                        heads += 1;
                    }
                    open.push((dom.items[i].end, block, head));
                }
            }
            i += 1;
        }
        current.flush(out);
    }

    /// What [`explain`] reports.
    fn explanation(&self, dom: &Dom<'_>) -> Explanation {
        let mut ex = Explanation::default();
        let mut ranked: Vec<(usize, f32)> = self
            .scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (i, s)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ex.candidates = ranked
            .iter()
            .take(5)
            .map(|(i, s)| (describe(dom, *i), *s))
            .collect();
        ex.chosen = self.chosen.iter().map(|i| describe(dom, *i)).collect();
        for (i, own) in self.own.iter().enumerate() {
            if *own
                && let Some(r) = self.drops[i]
                && !matches!(
                    dom.name(i),
                    "script" | "style" | "noscript" | "head" | "template"
                )
            {
                let text = dom.text(i);
                if !text.is_empty() {
                    ex.dropped.push(Dropped {
                        element: describe(dom, i),
                        reason: r,
                        text: preview(&text),
                    });
                }
            }
        }
        for &root in &self.chosen {
            let mut dropped = Vec::new();
            self.walk(dom, root, &mut Vec::new(), &mut dropped);
            for i in dropped {
                if self.drops[i].is_some() {
                    continue;
                }
                let text = dom.text(i);
                if text.is_empty() {
                    continue;
                }
                ex.dropped.push(Dropped {
                    element: describe(dom, i),
                    reason: if dom.name(i) == "h1" {
                        Reason::Stamp
                    } else {
                        Reason::LinkHeavy
                    },
                    text: preview(&text),
                });
            }
        }
        ex
    }
}

/// `div.story-body#main` for an element.
fn describe(dom: &Dom<'_>, i: usize) -> String {
    let Some(e) = dom.element(i) else {
        return "#document".to_owned();
    };
    let mut s = e.name().to_owned();
    if let Some(class) = e.attr("class") {
        for c in class.split_whitespace().take(3) {
            s.push('.');
            s.push_str(c);
        }
    }
    if let Some(id) = e.attr("id") {
        s.push('#');
        s.push_str(id);
    }
    if let Some(p) = e.attr("itemprop") {
        s.push_str(&format!("[itemprop={p}]"));
    }
    s
}

/// The first words of a text, for a listing.
fn preview(text: &str) -> String {
    let mut out: String = text.chars().take(70).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// One part of a page left out of the main text.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The element, as `tag.class#id`.
    pub element: String,
    /// Why it was left out.
    pub reason: Reason,
    /// Its first words.
    pub text: String,
}

/// How the main text of a page was found: the best candidates with their scores, the
/// containers kept, and what was dropped and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    /// The five best candidates as (`tag.class#id`, score).
    pub candidates: Vec<(String, f32)>,
    /// The containers whose text is the body, in order.
    pub chosen: Vec<String>,
    /// The parts left out, in document order.
    pub dropped: Vec<Dropped>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "candidates:")?;
        for (c, s) in &self.candidates {
            writeln!(f, "  {s:8.1}  {c}")?;
        }
        writeln!(f, "kept: {}", self.chosen.join(" + "))?;
        writeln!(f, "dropped:")?;
        for d in &self.dropped {
            writeln!(f, "  {} ({}): {:?}", d.element, d.reason, d.text)?;
        }
        Ok(())
    }
}

/// Explains how the main text of an HTML page is found: candidates and scores, what was kept,
/// and every part dropped with its reason. This is what `almanac parse --why` shows.
///
/// ```
/// let page = "<html><body><nav><a href='/'>Home</a></nav><div class='story'>\
///             <p>The council approved the budget, after a long debate, on Monday night.</p>\
///             <p>It adds two new ferry routes, a dock, and a bus line for the island.</p></div>\
///             <div class='share'><a href='#'>Share this story</a></div></body></html>";
/// let why = almanac_parse::explain(page);
/// assert_eq!(why.chosen, ["div.story"]);
/// assert!(why.dropped.iter().any(|d| d.element == "nav"));
/// assert!(why.dropped.iter().any(|d| d.element == "div.share"));
/// ```
pub fn explain(html: &str) -> Explanation {
    let (parsed, _) = parse_page(html);
    let dom = Dom::of(&parsed);
    Reading::of(&dom).explanation(&dom)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The main text of `page`, paragraphs joined with ` / `.
    fn check(page: &str) -> String {
        let (parsed, _) = parse_page(page);
        let dom = Dom::of(&parsed);
        let reading = Reading::of(&dom);
        reading
            .blocks(&dom)
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    const STORY: &str = "<p>The harbor authority said on Monday that dredging will start in May, after two years of delay.</p>\
        <h2>Costs rise</h2><p>The work will cost 40 million, up from 25 million, the authority said in a statement.</p>\
        <p>Fishing boats will use the north quay while the south basin is closed, officials added.</p>";

    #[test]
    fn a_teaser_article_first_does_not_win() {
        let page = format!(
            "<body><article class='card'><a href='/x'>Ferry fares to rise, council says</a></article>\
             <article><h1>Dredging to start</h1>{STORY}</article></body>"
        );
        assert_eq!(
            check(&page),
            "The harbor authority said on Monday that dredging will start in May, after two years of delay. / Costs rise / The work will cost 40 million, up from 25 million, the authority said in a statement. / Fishing boats will use the north quay while the south basin is closed, officials added."
        );
    }

    #[test]
    fn furniture_words_with_content_words_keep_the_story() {
        let page = format!(
            "<body><div class='l-sidebar-fixed l-article-body-segment'>{STORY}</div>\
             <div class='l-sidebar'><p>Most read: a long list of other stories, with commas, here.</p></div></body>"
        );
        let text = check(&page);
        assert!(text.starts_with("The harbor authority"), "{text}");
        assert!(!text.contains("Most read"), "{text}");
    }

    #[test]
    fn hidden_elements_are_dropped() {
        let page = format!(
            "<body><div>{STORY}<p style='display: none'>Hidden text, never shown, to anyone at all.</p>\
             <p aria-hidden='true'>Also hidden from readers, with commas, and more.</p></div></body>"
        );
        let text = check(&page);
        assert!(!text.contains("idden"), "{text}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = "<div>".repeat(100_000) + "<p>Deep text, with a comma, at the bottom.</p>";
        assert_eq!(check(&page), "Deep text, with a comma, at the bottom.");
        let (flat, first) =
            flatten_deep("<div><div><div><b>x</b></div></div></div>", 2).unwrap_or_default();
        assert_eq!((flat.as_str(), first), ("<div><div>x</div></div>", 10));
        assert!(flatten_deep("<p>a<p>b<br><img src=x><script>if (a<b) {}</script>", 1).is_none());
    }
}
