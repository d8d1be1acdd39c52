//! The XML tree of a feed, read with `quick-xml` with byte positions kept, for the RSS, RDF
//! and Atom formats.
//!
//! Damage never fails: a mismatched end tag closes what it matches (the elements it skips are
//! reported), a stray one is skipped, a feed that stops early (truncated, or a syntax error)
//! keeps every element closed before that point, and the open ones are marked unclosed. An
//! entry opened inside an entry of the same name closes the first one as unclosed, so
//! 100,000 unclosed `<item>` tags make 100,000 unclosed entries, not a 100,000-deep tree.
//! Entities are decoded as HTML entities (`&amp;`, `&#8217;`, `&nbsp;`); entities declared in
//! a DTD are never expanded, so an entity-expansion ("billion laughs") feed stays small.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// How deep elements nest; deeper start tags are skipped (their text goes to the parent).
const MAX_DEPTH: usize = 64;

/// An XML element: lowercased qualified name (`content:encoded`), attributes, its direct
/// text (entities decoded, CDATA raw), child elements, and where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct XmlElement {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) text: String,
    pub(crate) children: Vec<XmlElement>,
    /// Start tag to end tag (to the end of what was read when unclosed).
    pub(crate) span: Range<usize>,
    /// Between the start and end tags.
    pub(crate) inner: Range<usize>,
    /// Whether its end tag was read.
    pub(crate) closed: bool,
}

/// Structural damage at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlDamage {
    pub(crate) offset: usize,
    pub(crate) message: String,
    pub(crate) expected: String,
}

impl XmlElement {
    /// An attribute by lowercased name.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child with this name.
    pub(crate) fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The children with this name.
    pub(crate) fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s XmlElement> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every element under this one (not itself) with this name, not looking inside matches.
    pub(crate) fn find_all<'s>(&'s self, name: &str, out: &mut Vec<&'s XmlElement>) {
        let mut stack: Vec<&XmlElement> = self.children.iter().rev().collect();
        while let Some(e) = stack.pop() {
            if e.name == name {
                out.push(e);
            } else {
                stack.extend(e.children.iter().rev());
            }
        }
    }

    /// The first element under this one with this name.
    pub(crate) fn find(&self, name: &str) -> Option<&XmlElement> {
        let mut stack: Vec<&XmlElement> = self.children.iter().rev().collect();
        while let Some(e) = stack.pop() {
            if e.name == name {
                return Some(e);
            }
            stack.extend(e.children.iter().rev());
        }
        None
    }
}

/// Decodes an attribute value or a text chunk as written in the source (borrowed when it is
/// valid UTF-8 without a reference: most text chunks).
fn decode(raw: &[u8]) -> Cow<'_, str> {
    let text = String::from_utf8_lossy(raw);
    if text.contains('&') {
        Cow::Owned(html_escape::decode_html_entities(&text).into_owned())
    } else {
        text
    }
}

/// Appends what the reference `&name;` stands for to `out`. XML's five named references and
/// numeric references to printable ASCII (`&#x27;`, which escaped text is full of) are
/// appended directly; any other goes through [`decode`], as written.
fn push_reference(out: &mut String, name: &[u8]) {
    let ascii = match name {
        b"amp" => Some(b'&'),
        b"lt" => Some(b'<'),
        b"gt" => Some(b'>'),
        b"quot" => Some(b'"'),
        b"apos" => Some(b'\''),
        [b'#', b'x' | b'X', hex @ ..] => number(hex, 16),
        [b'#', digits @ ..] => number(digits, 10),
        _ => None,
    };
    match ascii {
        Some(b) => out.push(char::from(b)),
        None => {
            let mut raw = Vec::with_capacity(name.len() + 2);
            raw.push(b'&');
            raw.extend_from_slice(name);
            raw.push(b';');
            out.push_str(&decode(&raw));
        }
    }
}

/// The printable ASCII byte (space to `~`) that `digits` in `radix` name, if they do.
fn number(digits: &[u8], radix: u32) -> Option<u8> {
    let digit = |b: &u8| b.is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit());
    if digits.is_empty() || digits.len() > 4 || !digits.iter().all(digit) {
        return None;
    }
    let text = std::str::from_utf8(digits).ok()?;
    let n = u8::try_from(u32::from_str_radix(text, radix).ok()?).ok()?;
    (b' '..=b'~').contains(&n).then_some(n)
}

/// Reads a feed into a tree whose root is named `#root`; `entry` is the name of the elements
/// that never nest (`item`, `entry`).
pub(crate) fn read(source: &str, entry: &str) -> (XmlElement, Vec<XmlDamage>) {
    let mut reader = Reader::from_str(source);
    {
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.check_comments = false;
    }
    let mut damage = Vec::new();
    let mut stack: Vec<XmlElement> = vec![XmlElement {
        name: "#root".into(),
        ..XmlElement::default()
    }];
    // start tags skipped past MAX_DEPTH, whose end tags must be skipped too
    let mut skipped = 0usize;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let offset = (reader.error_position() as usize).min(source.len());
                damage.push(XmlDamage {
                    offset,
                    message: format!("feed markup unreadable from here: {e}"),
                    expected: "well-formed XML".into(),
                });
                break;
            }
        };
        let here = (reader.buffer_position() as usize).min(source.len());
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(s.name().as_ref()).to_lowercase();
                if stack.len() > MAX_DEPTH {
                    if !empty {
                        skipped += 1;
                    }
                    continue;
                }
                // an entry inside an entry: the first one was never closed
                if name == entry
                    && let Some(open) = stack.iter().rposition(|e| e.name == entry)
                {
                    close_to(&mut stack, open, at, false);
                }
                let attrs = s
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .map(|a| {
                        (
                            String::from_utf8_lossy(a.key.as_ref()).to_lowercase(),
                            decode(&a.value).into_owned(),
                        )
                    })
                    .collect();
                let element = XmlElement {
                    name,
                    attrs,
                    span: at..here,
                    inner: here..here,
                    closed: empty,
                    ..XmlElement::default()
                };
                if empty {
                    push_child(&mut stack, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(ref e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_lowercase();
                match stack.iter().rposition(|e| e.name == name) {
                    Some(open) if open > 0 => {
                        for unclosed in &stack[open + 1..] {
                            damage.push(XmlDamage {
                                offset: unclosed.span.start,
                                message: format!("<{}> closed by </{name}>", unclosed.name),
                                expected: format!("</{}>", unclosed.name),
                            });
                        }
                        close_to(&mut stack, open + 1, at, false);
                        if let Some(mut done) = stack.pop() {
                            done.inner.end = at;
                            done.span.end = here;
                            done.closed = true;
                            push_child(&mut stack, done);
                        }
                    }
                    _ if skipped > 0 => skipped -= 1,
                    _ => damage.push(XmlDamage {
                        offset: at,
                        message: format!("stray </{name}>"),
                        expected: "a matching start tag".into(),
                    }),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&decode(&t.into_inner()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    push_reference(&mut top.text, &r.into_inner());
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&c.into_inner()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let end = source.len();
    if stack.len() > 1 {
        // the feed stops inside these elements
        let open: Vec<&XmlElement> = stack[1..].iter().collect();
        let innermost = open.last().map_or(end, |e| e.span.start);
        damage.push(XmlDamage {
            offset: end,
            message: format!(
                "feed ends inside {}",
                open.iter()
                    .map(|e| format!("<{}>", e.name))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            expected: open
                .iter()
                .rev()
                .map(|e| format!("</{}>", e.name))
                .collect::<Vec<_>>()
                .join(""),
        });
        let _ = innermost;
    }
    close_to(&mut stack, 1, end, false);
    let mut root = stack.pop().unwrap_or_default();
    root.span = 0..end;
    root.inner = 0..end;
    root.closed = true;
    (root, damage)
}

/// Pops the elements from `stack[from..]` as children of their parents, marked `closed`.
fn close_to(stack: &mut Vec<XmlElement>, from: usize, end: usize, closed: bool) {
    while stack.len() > from.max(1) {
        let Some(mut e) = stack.pop() else { break };
        e.inner.end = end.max(e.inner.start);
        e.span.end = end.max(e.span.start);
        e.closed = closed;
        push_child(stack, e);
    }
}

fn push_child(stack: &mut [XmlElement], e: XmlElement) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_reads_as_the_entity_decoder_reads_it() {
        for name in [
            "amp", "lt", "gt", "quot", "apos", "#39", "#x27", "#X27", "#0039", "#x0027", "#126",
            "#127", "#31", "#9", "#x2014", "#8212", "#+39", "#x+27", "#", "#x", "#00039", "eacute",
            "AMP", "nbsp", "nosuch", "",
        ] {
            let mut out = String::from("a");
            push_reference(&mut out, name.as_bytes());
            let written = format!("&{name};");
            assert_eq!(out, format!("a{}", decode(written.as_bytes())), "&{name};");
        }
        // the ASCII ones take no detour
        let mut out = String::new();
        push_reference(&mut out, b"#x27");
        push_reference(&mut out, b"amp");
        assert_eq!(out, "'&");
    }

    /// Renders the tree as `name[closed](text){children}` and the damage.
    fn check(source: &str, entry: &str) -> String {
        fn render(e: &XmlElement, out: &mut String) {
            out.push_str(&e.name);
            if !e.closed {
                out.push('!');
            }
            if !e.text.trim().is_empty() {
                out.push_str(&format!("({})", e.text.trim()));
            }
            if !e.children.is_empty() {
                out.push('{');
                for c in &e.children {
                    render(c, out);
                    out.push(' ');
                }
                out.push('}');
            }
        }
        let (root, damage) = read(source, entry);
        let mut out = String::new();
        render(&root, &mut out);
        for d in damage {
            out.push_str(&format!(
                " | {}: {} (expected {})",
                d.offset, d.message, d.expected
            ));
        }
        out
    }

    #[test]
    fn trees_and_damage() {
        assert_eq!(
            check(
                "<rss><channel><title>A &amp; B</title><item><title><![CDATA[<b>x</b>]]></title></item></channel></rss>",
                "item"
            ),
            "#root{rss{channel{title(A & B) item{title(<b>x</b>) } } } }"
        );
        assert_eq!(
            check("<rss><item><title>a</title></item><item><title>b", "item"),
            "#root{rss!{item{title(a) } item!{title!(b) } } } | 48: feed ends inside <rss> <item> <title> (expected </title></item></rss>)"
        );
        assert_eq!(
            check("<c><item><item><item></c>", "item"),
            "#root{c{item! item! item! } } | 15: <item> closed by </c> (expected </item>)"
        );
    }

    #[test]
    fn declared_entities_are_not_expanded() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><rss><item><title>&lol2;</title></item></rss>"#;
        assert_eq!(check(bomb, "item"), "#root{rss{item{title(&lol2;) } } }");
    }
}
