//! A tolerant HTML/XML tokenizer (nom) and tree builder, and HTML-to-paragraphs extraction.
//!
//! Malformed markup never fails: a `<` that starts no tag is text, unclosed elements are closed
//! at the end, stray end tags are skipped. Structural damage is reported as [`Damage`].

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_till, take_until, take_while1};
use nom::character::complete::{char, multispace0};
use nom::combinator::{map, opt, rest};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};
use std::borrow::Cow;

/// One markup token, borrowing from the source (names and values are copied only when they
/// must change: an upper-case tag name, an attribute value with an entity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attr="v">` (name lowercased), possibly self-closing.
    Start {
        /// Lowercased tag name.
        name: Cow<'a, str>,
        /// Attributes, names lowercased, values entity-decoded.
        attrs: Vec<Attr<'a>>,
        /// `<br/>`.
        self_closing: bool,
    },
    /// `</name>` (lowercased).
    End(Cow<'a, str>),
    /// Character data, still entity-encoded.
    Text(&'a str),
    /// `<![CDATA[...]]>` content, raw.
    CData(&'a str),
    /// A comment, doctype or processing instruction (ignored).
    Other,
}

/// A structural problem met while building the tree, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Damage {
    /// Byte offset into the source.
    pub offset: usize,
    /// What happened: `unclosed <item>`.
    pub message: String,
    /// What was expected: `</item>`.
    pub expected: String,
}

/// An attribute: lowercased name, entity-decoded value.
pub(crate) type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

/// An element of the tree, borrowing from the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Element<'a> {
    /// Lowercased tag name (`#root` for the document).
    pub name: Cow<'a, str>,
    /// Attributes in source order.
    pub attrs: Vec<Attr<'a>>,
    /// Children in source order.
    pub children: Vec<Node<'a>>,
    /// Byte range of the element in the source (start tag to end tag).
    pub span: std::ops::Range<usize>,
}

/// A tree node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    /// An element.
    Element(Element<'a>),
    /// Decoded text (entities resolved, CDATA kept raw).
    Text(Cow<'a, str>),
}

/// How deep the tree may nest; deeper start tags are dropped (their text is kept).
const MAX_DEPTH: usize = 200;

/// Elements that never have content: `<br>`, `<img>`, `<meta>`.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is not markup.
fn is_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "textarea" | "title")
}

/// The HTML elements that start and end a paragraph: the elements the HTML standard's
/// rendering section displays as blocks, list items and table parts ("Flow content",
/// "Lists", "Tables", "Form controls"), sorted for [`is_html_block`]. One list for the
/// markup reader here and the page reader (`page.rs`).
pub(crate) const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

/// Whether `name` is one of the [`BLOCK_ELEMENTS`].
pub(crate) fn is_html_block(name: &str) -> bool {
    BLOCK_ELEMENTS.binary_search(&name).is_ok()
}

/// Elements that start and end a paragraph here: the [`BLOCK_ELEMENTS`], the root of the
/// tree and the entries of RSS and Atom feeds.
fn is_block(name: &str) -> bool {
    is_html_block(name) || matches!(name, "#root" | "item" | "entry")
}

/// Elements whose text is never article body: navigation, header, footer, asides, forms,
/// scripts, styles, figures.
pub(crate) fn is_boilerplate(name: &str) -> bool {
    matches!(
        name,
        "aside"
            | "button"
            | "figure"
            | "footer"
            | "form"
            | "head"
            | "header"
            | "iframe"
            | "nav"
            | "noscript"
            | "script"
            | "select"
            | "style"
            | "svg"
            | "template"
            | "title"
    )
}

impl<'a> Element<'a> {
    /// A container whose class or id names page furniture (share bars, related links,
    /// bylines, ads, newsletter boxes, breadcrumbs, comments).
    pub(crate) fn is_boilerplate_box(&self) -> bool {
        const WORDS: &[&str] = &[
            "share",
            "social",
            "related",
            "newsletter",
            "advert",
            "promo",
            "byline",
            "breadcrumb",
            "comment",
            "subscribe",
            "sidebar",
            "cookie",
            "banner",
            "menu",
        ];
        ["class", "id"].iter().any(|a| {
            self.attr(a).is_some_and(|v| {
                v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                    .any(|w| {
                        WORDS.iter().any(|x| {
                            w.len() >= x.len()
                                && w.len() <= x.len() + 2
                                && w.as_bytes()[..x.len()].eq_ignore_ascii_case(x.as_bytes())
                        })
                    })
            })
        })
    }

    /// The value of an attribute.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }

    /// All text inside, whitespace collapsed.
    pub(crate) fn text(&self) -> String {
        let mut out = Collapsed::default();
        self.collect_text(&mut out);
        out.text
    }

    fn collect_text(&self, out: &mut Collapsed) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push(t),
                Node::Element(e) => {
                    if is_block(&e.name) || e.name == "br" {
                        out.space();
                    }
                    e.collect_text(out);
                }
            }
        }
    }

    /// The body paragraphs inside, skipping [`is_boilerplate`] elements and `skip` names.
    #[cfg(test)]
    fn paragraphs(&self, skip: &[&str]) -> Vec<String> {
        self.blocks(skip).into_iter().map(|b| b.text).collect()
    }

    /// The body paragraphs inside, with subheads marked (see [`Block`]), skipping
    /// [`is_boilerplate`] elements and `skip` names. Block elements start and end a
    /// paragraph; `<br><br>` ends one too, while a single `<br>` is a space.
    pub(crate) fn blocks(&self, skip: &[&str]) -> Vec<Block> {
        let mut out = Vec::new();
        let mut current = Collapsed::default();
        self.walk_paragraphs(skip, false, &mut current, &mut out);
        current.flush(&mut out);
        out
    }

    fn walk_paragraphs(
        &self,
        skip: &[&str],
        in_head: bool,
        current: &mut Collapsed,
        out: &mut Vec<Block>,
    ) {
        for child in &self.children {
            match child {
                Node::Text(t) => {
                    if !t.trim_matches(is_space).is_empty() {
                        current.after_br = false;
                        if !in_head {
                            current.plain = true;
                        }
                    }
                    current.push(t);
                }
                Node::Element(e) => {
                    let name = e.name.as_ref();
                    if name == "br" {
                        if current.after_br {
                            current.flush(out);
                        } else {
                            current.space();
                            current.after_br = true;
                        }
                        continue;
                    }
                    if is_boilerplate(name) || skip.contains(&name) || e.is_boilerplate_box() {
                        continue;
                    }
                    current.after_br = false;
                    let block = is_block(name);
                    if block {
                        current.flush(out);
                    }
                    let head = in_head || matches!(name, "b" | "strong" | "h2" | "h3" | "h4");
                    e.walk_paragraphs(skip, head, current, out);
                    if block {
                        current.flush(out);
                    }
                }
            }
        }
    }
}

/// A paragraph of HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The text, whitespace collapsed.
    pub text: String,
    /// A subhead: made only of `<b>`, `<strong>` or a `<h2>`-`<h4>` heading, at most 12 words,
    /// not ending a sentence (`Why It Matters`, `What happens next`). Kept as a paragraph but
    /// marked, so it is not read as a sentence.
    pub subhead: bool,
}

/// Whether the text of a paragraph made only of bold or heading text reads as a subhead.
fn is_subhead_text(text: &str) -> bool {
    let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    text.split_whitespace().nth(12).is_none()
        && text.len() <= 120
        && !end.ends_with(['.', '!', '?', '…'])
}

/// Text being built with whitespace collapsed as it is pushed: runs of whitespace (including
/// non-breaking spaces) become one space, none at the ends.
#[derive(Debug, Default)]
pub(crate) struct Collapsed {
    text: String,
    /// Whitespace was seen since the last word.
    pending_space: bool,
    /// Text outside bold and headings went into this paragraph.
    pub(crate) plain: bool,
    /// A `<br>` came last (only whitespace since).
    pub(crate) after_br: bool,
}

impl Collapsed {
    /// The text built so far.
    pub(crate) fn into_text(self) -> String {
        self.text
    }

    pub(crate) fn push(&mut self, chunk: &str) {
        self.text.reserve(chunk.len() + 1);
        if chunk.is_ascii() {
            // byte scan: every ASCII byte is a char boundary
            let bytes = chunk.as_bytes();
            let mut start = 0;
            for (i, b) in bytes.iter().enumerate() {
                if b.is_ascii_whitespace() || *b == 0x0b {
                    self.word(&chunk[start..i]);
                    self.pending_space = true;
                    start = i + 1;
                }
            }
            self.word(&chunk[start..]);
            return;
        }
        let mut words = chunk.split(is_space);
        if let Some(first) = words.next() {
            self.word(first);
        }
        for word in words {
            self.pending_space = true;
            self.word(word);
        }
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.text.push_str(word);
    }

    pub(crate) fn space(&mut self) {
        self.pending_space = true;
    }

    /// Moves the paragraph built so far, if any, to `out`.
    pub(crate) fn flush(&mut self, out: &mut Vec<Block>) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            out.push(Block {
                subhead: !self.plain && is_subhead_text(&text),
                text,
            });
        }
        self.pending_space = false;
        self.plain = false;
        self.after_br = false;
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Collapses runs of whitespace (including non-breaking spaces) into one space and trims.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = Collapsed::default();
    out.push(text);
    out.text
}

/// Decodes HTML entities (`&amp;`, `&#8217;`, `&rsquo;`), borrowing when there are none.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    if text.contains('&') {
        html_escape::decode_html_entities(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// HTML text (a fragment or a page) to body paragraphs, without boilerplate.
pub(crate) fn to_paragraphs(html: &str) -> Vec<String> {
    to_blocks(html).into_iter().map(|b| b.text).collect()
}

/// HTML text (a fragment or a page) to body paragraphs with subheads marked, without
/// boilerplate or promos. Text without markup or entities is not parsed: it is one paragraph,
/// whitespace collapsed, as the tree walk would give.
pub(crate) fn to_blocks(html: &str) -> Vec<Block> {
    if !html.contains(['<', '&']) {
        let text = collapse_whitespace(html);
        if text.is_empty() {
            return Vec::new();
        }
        return without_promos(vec![Block {
            text,
            subhead: false,
        }]);
    }
    without_promos(parse(html).0.blocks(&[]))
}

/// Drops short paragraphs that are promos or links (`Read more: ...`, `Follow us on ...`).
pub(crate) fn without_promos(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.retain(|b| {
        !(b.text.split_whitespace().nth(15).is_none() && crate::lines::is_promo(&b.text))
    });
    blocks
}

/// The body of a document made of HTML blocks: subheads marked.
pub(crate) fn body_of(blocks: &[Block]) -> almanac_model::Body {
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    almanac_model::Body::with_subheads(&texts, |n| blocks[n].subhead)
}

// name: letters, digits, '-', '_', ':', '.'  -- "dc:creator", "h1"
fn name(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')).parse(i)
}

/// `name` in ASCII lowercase, borrowed when it already is.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

// '"' ... '"' | "'" ... "'" | UNQUOTED
fn attr_value(i: &str) -> IResult<&str, &str> {
    alt((
        delimited(char('"'), take_till(|c| c == '"'), opt(char('"'))),
        delimited(char('\''), take_till(|c| c == '\''), opt(char('\''))),
        take_while1(|c: char| !c.is_whitespace() && c != '>'),
    ))
    .parse(i)
}

// WS NAME (WS? "=" WS? VALUE)?  -- ` content="2024-05-02"`
fn attribute(i: &str) -> IResult<&str, Attr<'_>> {
    map(
        (
            multispace0,
            name,
            opt(preceded((multispace0, char('='), multispace0), attr_value)),
        ),
        |(_, k, v)| (lower(k), decode_entities(v.unwrap_or(""))),
    )
    .parse(i)
}

// junk inside a tag we cannot read as an attribute: skip one char  -- `<p "oops">`
fn attribute_junk(i: &str) -> IResult<&str, ()> {
    map(
        (multispace0, nom::character::complete::none_of(">/")),
        |_| (),
    )
    .parse(i)
}

// "<" NAME ATTRIBUTE* WS? "/"? ">"  -- `<meta property="og:title" content="...">`
fn start_tag(i: &str) -> IResult<&str, Token<'_>> {
    let (mut rest, (_, tag_name)) = (char('<'), name).parse(i)?;
    let mut attrs = Vec::new();
    loop {
        if let Ok((r, a)) = attribute.parse(rest) {
            attrs.push(a);
            rest = r;
        } else if let Ok((r, ())) = attribute_junk.parse(rest) {
            rest = r;
        } else {
            break;
        }
    }
    let (rest, (_, slash, _)) = (multispace0, opt(char('/')), opt(char('>'))).parse(rest)?;
    Ok((
        rest,
        Token::Start {
            name: lower(tag_name),
            attrs,
            self_closing: slash.is_some(),
        },
    ))
}

// "</" NAME WS? ">"  -- `</p>`
fn end_tag(i: &str) -> IResult<&str, Token<'_>> {
    map(
        (tag("</"), name, take_till(|c| c == '>'), opt(char('>'))),
        |(_, n, _, _)| Token::End(lower(n)),
    )
    .parse(i)
}

// "<![CDATA[" ... "]]>"
fn cdata(i: &str) -> IResult<&str, Token<'_>> {
    map(
        preceded(
            tag("<![CDATA["),
            alt((
                nom::sequence::terminated(take_until("]]>"), tag("]]>")),
                rest,
            )),
        ),
        Token::CData,
    )
    .parse(i)
}

// "<!--" ... "-->"
fn comment(i: &str) -> IResult<&str, Token<'_>> {
    map(
        preceded(
            tag("<!--"),
            alt((
                nom::sequence::terminated(take_until("-->"), tag("-->")),
                rest,
            )),
        ),
        |_| Token::Other,
    )
    .parse(i)
}

// "<!" ... ">" | "<?" ... "?>"  -- doctype, processing instruction
fn declaration(i: &str) -> IResult<&str, Token<'_>> {
    map(
        alt((
            (tag("<!"), take_till(|c| c == '>'), opt(char('>'))),
            (tag("<?"), take_till(|c| c == '>'), opt(char('>'))),
        )),
        |_| Token::Other,
    )
    .parse(i)
}

// any run of characters up to the next "<" (a byte search: "<" is ASCII)
fn text(i: &str) -> IResult<&str, Token<'_>> {
    match i.find('<') {
        Some(0) => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeWhile1,
        ))),
        Some(at) => Ok((&i[at..], Token::Text(&i[..at]))),
        None if i.is_empty() => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeWhile1,
        ))),
        None => Ok(("", Token::Text(i))),
    }
}

// a "<" that starts nothing: it is text
fn lone_angle(i: &str) -> IResult<&str, Token<'_>> {
    map(tag("<"), Token::Text).parse(i)
}

// TOKEN := TEXT | COMMENT | CDATA | DECLARATION | END_TAG | START_TAG | "<"
// dispatched on the byte after "<", so each token tries only the grammars it can match
fn token(i: &str) -> IResult<&str, Token<'_>> {
    match i.as_bytes() {
        [b'<', b'!', ..] => alt((comment, cdata, declaration, lone_angle)).parse(i),
        [b'<', b'?', ..] => alt((declaration, lone_angle)).parse(i),
        [b'<', b'/', ..] => alt((end_tag, lone_angle)).parse(i),
        [b'<', ..] => alt((start_tag, lone_angle)).parse(i),
        _ => text(i),
    }
}

// raw text content of <script>/<style>: everything up to "</NAME"
fn raw_text<'a>(i: &'a str, element: &str) -> (&'a str, &'a str) {
    let close_len = element.len() + 2;
    let mut search = 0;
    while let Some(pos) = i[search..].find("</") {
        let at = search + pos;
        let candidate = &i[at + 2..];
        if candidate.len() >= element.len()
            && candidate.as_bytes()[..element.len()].eq_ignore_ascii_case(element.as_bytes())
            && candidate.is_char_boundary(close_len - 2)
        {
            return (&i[at..], &i[..at]);
        }
        search = at + 2;
    }
    ("", i)
}

/// The tokens of HTML, or XML when `xml` (no raw-text elements), with their byte offsets.
struct Tokens<'a> {
    source: &'a str,
    input: &'a str,
    xml: bool,
    /// The content of a raw-text element just opened, given as the next token.
    raw: Option<(usize, &'a str)>,
}

impl<'a> Tokens<'a> {
    fn new(source: &'a str, xml: bool) -> Self {
        Self {
            source,
            input: source,
            xml,
            raw: None,
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((offset, content)) = self.raw.take() {
            return Some((offset, Token::Text(content)));
        }
        while !self.input.is_empty() {
            let offset = self.source.len() - self.input.len();
            let Ok((rest, tok)) = token(self.input) else {
                // unreachable in practice (lone_angle/text cover every input); skip one char
                let n = self.input.chars().next().map_or(1, char::len_utf8);
                self.input = &self.input[n..];
                continue;
            };
            self.input = rest;
            if let Token::Start {
                name,
                self_closing: false,
                ..
            } = &tok
                && !self.xml
                && is_raw_text(name)
            {
                let (rest, content) = raw_text(self.input, name);
                if !content.is_empty() {
                    self.raw = Some((self.source.len() - self.input.len(), content));
                }
                self.input = rest;
            }
            return Some((offset, tok));
        }
        None
    }
}

/// Builds a tree from HTML. Returns the `#root` element and structural damage.
pub(crate) fn parse(source: &str) -> (Element<'_>, Vec<Damage>) {
    build(source, false)
}

fn build(source: &str, xml: bool) -> (Element<'_>, Vec<Damage>) {
    let mut damage = Vec::new();
    let mut stack: Vec<Element<'_>> = vec![Element {
        name: Cow::Borrowed("#root"),
        span: 0..source.len(),
        ..Element::default()
    }];
    // inside <script>/<style>: text is kept as written
    let mut raw_parent = false;
    let mut too_deep = false;
    for (offset, tok) in Tokens::new(source, xml) {
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                raw_parent = false;
                // an unclosed <p> or <li> ends where a sibling starts
                if (matches!(name.as_ref(), "item" | "entry")
                    || (!xml && matches!(name.as_ref(), "p" | "li")))
                    && stack.last().is_some_and(|e| e.name == name)
                {
                    close_top(&mut stack, offset);
                }
                let void = self_closing || (!xml && is_void(&name));
                if !void && stack.len() > MAX_DEPTH {
                    // deeper nesting is flattened: tree walks stay shallow
                    if !too_deep {
                        damage.push(Damage {
                            offset,
                            message: format!("elements nested more than {MAX_DEPTH} deep"),
                            expected: "shallower markup".to_owned(),
                        });
                        too_deep = true;
                    }
                    continue;
                }
                if !void && matches!(name.as_ref(), "script" | "style") {
                    raw_parent = true;
                }
                let el = Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    span: offset..offset,
                };
                if void {
                    push_child(&mut stack, Node::Element(el));
                } else {
                    stack.push(el);
                }
            }
            Token::End(name) => {
                raw_parent = false;
                if let Some(pos) = stack.iter().rposition(|e| e.name == name) {
                    if pos == 0 {
                        continue;
                    }
                    while stack.len() > pos + 1 {
                        let top = stack.last().map(|e| e.name.clone()).unwrap_or_default();
                        if xml || !implied_end(&top) {
                            damage.push(Damage {
                                offset,
                                message: format!("<{top}> closed by </{name}>"),
                                expected: format!("</{top}>"),
                            });
                        }
                        close_top(&mut stack, offset);
                    }
                    close_top(&mut stack, offset + name.len() + 3);
                } else if !xml && is_block(&name) {
                    // a stray block end (`</p>` whose start tag was lost) still ends a
                    // paragraph: keep it as an empty element; stray ends are too common in
                    // real pages to be worth a diagnostic
                    push_child(
                        &mut stack,
                        Node::Element(Element {
                            name,
                            span: offset..offset,
                            ..Element::default()
                        }),
                    );
                }
            }
            Token::Text(t) => {
                let decoded = if raw_parent {
                    Cow::Borrowed(t)
                } else {
                    decode_entities(t)
                };
                push_child(&mut stack, Node::Text(decoded));
            }
            Token::CData(t) => push_child(&mut stack, Node::Text(Cow::Borrowed(t))),
            Token::Other => {}
        }
    }
    // one diagnostic for truncation: the innermost unclosed element, and what would close all
    let unclosed: Vec<&str> = stack[1..]
        .iter()
        .rev()
        .map(|e| e.name.as_ref())
        .filter(|name| xml || !implied_end(name))
        .collect();
    if let Some(innermost) = unclosed.first() {
        let mut expected: Vec<String> =
            unclosed.iter().take(4).map(|n| format!("</{n}>")).collect();
        if unclosed.len() > 4 {
            expected.push(format!("and {} more", unclosed.len() - 4));
        }
        damage.push(Damage {
            offset: source.len(),
            message: format!("input ends inside <{innermost}>"),
            expected: expected.join(" "),
        });
    }
    while stack.len() > 1 {
        close_top(&mut stack, source.len());
    }
    let root = stack.pop().unwrap_or_default();
    (root, damage)
}

/// Elements HTML lets authors leave unclosed.
fn implied_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "html"
            | "body"
            | "head"
            | "tbody"
            | "thead"
    )
}

fn close_top(stack: &mut Vec<Element<'_>>, end: usize) {
    if stack.len() > 1
        && let Some(mut el) = stack.pop()
    {
        el.span.end = end.max(el.span.start);
        push_child(stack, Node::Element(el));
    }
}

fn push_child<'a>(stack: &mut [Element<'a>], node: Node<'a>) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// `tag_no_case` re-exported for format detectors.
pub(crate) fn starts_with_tag<'a>(i: &'a str, name: &str) -> bool {
    let r: IResult<&'a str, &'a str> = (preceded(char('<'), tag_no_case(name))).parse(i);
    match r {
        Ok((rest, _)) => rest
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '>' || c == '/'),
        Err(_) => false,
    }
}

/// Skips leading whitespace, BOM-like marks, XML declarations, comments and doctypes, returning
/// the text from the first real tag on.
pub(crate) fn skip_prolog(text: &str) -> &str {
    let mut s = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    loop {
        let before = s.len();
        if let Ok((rest, _)) = alt((comment, declaration)).parse(s) {
            s = rest.trim_start();
        }
        if s.len() == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs of `html` joined with " | ", then damage messages.
    fn check(html: &str) -> (String, Vec<String>) {
        let (root, damage) = parse(html);
        (
            root.paragraphs(&[]).join(" | "),
            damage.into_iter().map(|d| d.message).collect(),
        )
    }

    #[test]
    fn block_elements_are_sorted_and_inline_ones_are_not_blocks() {
        assert!(BLOCK_ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        for name in BLOCK_ELEMENTS {
            assert!(is_html_block(name), "{name}");
        }
        for name in [
            "span", "b", "a", "wbr", "br", "source", "track", "param", "item",
        ] {
            assert!(!is_html_block(name), "{name}");
        }
        assert_eq!(
            check("<p>extra<wbr>ordinary</p><section>Two</section><item>Three</item>").0,
            "extraordinary | Two | Three"
        );
    }

    #[test]
    fn paragraphs_and_entities() {
        assert_eq!(
            check("<p>Tom &amp; Jerry&#8217;s <b>deal</b></p><p>Second<br>line</p>").0,
            "Tom & Jerry’s deal | Second line"
        );
    }

    #[test]
    fn subheads_are_marked_and_double_breaks_split() {
        let (root, _) = parse(
            "<p>The port reopened.</p><p><strong>Why It Matters</strong></p><h2>What comes next</h2>\
             <p><b>Note:</b> tolls rise.</p><p><b>Tolls rise in May.</b></p>\
             <p>One<br>line<br>\n<br>Two</p>",
        );
        let blocks: Vec<String> = root
            .blocks(&[])
            .into_iter()
            .map(|b| format!("{}{}", if b.subhead { "#" } else { "" }, b.text))
            .collect();
        assert_eq!(
            blocks,
            [
                "The port reopened.",
                "#Why It Matters",
                "#What comes next",
                "Note: tolls rise.",
                "Tolls rise in May.",
                "One line",
                "Two"
            ]
        );
        let body = body_of(&root.blocks(&[]));
        assert_eq!(body.subheads.len(), 2);
        assert_eq!(body.sentences.len(), 5);
    }

    #[test]
    fn boilerplate_is_dropped() {
        let html =
            "<nav>Home</nav><script>var a = '<p>x</p>';</script><p>Body</p><footer>(c)</footer>";
        assert_eq!(check(html).0, "Body");
    }

    #[test]
    fn malformed_markup_is_tolerated() {
        assert_eq!(
            check("<div><p>a < b <i>c</div></span><p class=x>d"),
            (
                "a < b c | d".to_owned(),
                vec!["<i> closed by </div>".to_owned()]
            )
        );
        assert_eq!(check("<p>cut <a href=\"x").0, "cut");
        let deep = "<div>".repeat(100_000) + "deep text";
        assert_eq!(
            check(&deep),
            (
                "deep text".to_owned(),
                vec![
                    "elements nested more than 200 deep".to_owned(),
                    "input ends inside <div>".to_owned()
                ]
            )
        );
    }
}
