//! JSON for sources: strict (serde_json) when the input is valid, else a tolerant nom scanner
//! that recovers every field it can from truncated or damaged input and reports the damage.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1, multispace0, one_of};
use nom::combinator::{map, map_res, opt, recognize, value};
use nom::sequence::preceded;
use nom::{IResult, Parser};

/// A JSON value. Objects keep their keys in source order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in source order (a repeated key keeps both).
    Object(Vec<(String, Json)>),
}

/// Damage met by the tolerant scanner, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Damage {
    /// Byte offset into the source.
    pub offset: usize,
    /// What happened: `raw line break inside a string`.
    pub message: String,
    /// What was expected instead.
    pub expected: String,
}

impl Json {
    /// The value of a key of an object (the first, if repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// `key` as a string, or `key.rendered` (the WordPress shape `{"rendered": "..."}`).
    pub(crate) fn text(&self, key: &str) -> Option<&str> {
        let v = self.get(key)?;
        v.as_str()
            .or_else(|| v.get("rendered").and_then(Json::as_str))
    }

    /// The elements, if this is an array.
    pub(crate) fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }
}

impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(b),
            serde_json::Value::Number(n) => Json::Number(n.to_string()),
            serde_json::Value::String(s) => Json::String(s),
            serde_json::Value::Array(a) => Json::Array(a.into_iter().map(Json::from).collect()),
            serde_json::Value::Object(o) => {
                Json::Object(o.into_iter().map(|(k, v)| (k, Json::from(v))).collect())
            }
        }
    }
}

/// Reads valid JSON straight into [`Json`] (no `serde_json::Value` in between), keeping
/// object keys in source order.
impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        // written as serde_json writes it
        Ok(Json::Number(
            serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
        ))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            fields.push((key, value));
        }
        Ok(Json::Object(fields))
    }
}

/// Parses JSON: serde_json for valid input, the tolerant scanner otherwise.
/// Returns the value (if anything could be read) and the damage (empty for valid input).
pub(crate) fn parse(source: &str) -> (Option<Json>, Vec<Damage>) {
    match serde_json::from_str::<Json>(source) {
        Ok(v) => (Some(v), Vec::new()),
        Err(_) => parse_tolerant(source),
    }
}

/// The tolerant scanner: reads as much as it can, never fails.
pub(crate) fn parse_tolerant(source: &str) -> (Option<Json>, Vec<Damage>) {
    let mut scanner = Scanner {
        source,
        damage: Vec::new(),
        closers: Vec::new(),
        stopped: false,
        depth: 0,
    };
    let (rest, _) = ws(source);
    let (value, rest) = scanner.value(rest);
    if !scanner.stopped {
        let (rest, _) = ws(rest);
        if !rest.is_empty() {
            scanner.damage_at(rest, "text after the JSON value", "end of input");
        }
    }
    (value, scanner.damage)
}

// WS*
fn ws(i: &str) -> (&str, &str) {
    multispace0::<&str, nom::error::Error<&str>>(i).unwrap_or((i, ""))
}

// "null" | "true" | "false"
fn literal(i: &str) -> IResult<&str, Json> {
    alt((
        value(Json::Null, tag("null")),
        value(Json::Bool(true), tag("true")),
        value(Json::Bool(false), tag("false")),
    ))
    .parse(i)
}

// "-"? DIGITS ("." DIGITS)? (("e" | "E") ("+" | "-")? DIGITS)?
fn number(i: &str) -> IResult<&str, Json> {
    map(
        recognize((
            opt(char('-')),
            digit1,
            opt((char('.'), digit1)),
            opt((one_of("eE"), opt(one_of("+-")), digit1)),
        )),
        |n: &str| Json::Number(n.to_owned()),
    )
    .parse(i)
}

// characters other than '"' and '\\'
fn plain_run(i: &str) -> IResult<&str, &str> {
    take_while1(|c| c != '"' && c != '\\').parse(i)
}

// HEX HEX HEX HEX
fn hex4(i: &str) -> IResult<&str, u32> {
    map_res(take_while_m_n(4, 4, |c: char| c.is_ascii_hexdigit()), |h| {
        u32::from_str_radix(h, 16)
    })
    .parse(i)
}

// "\\" ( '"' | "\\" | "/" | "b" | "f" | "n" | "r" | "t" | "u" HEX4 )
fn escape(i: &str) -> IResult<&str, u32> {
    preceded(
        char('\\'),
        alt((
            value(u32::from('"'), char('"')),
            value(u32::from('\\'), char('\\')),
            value(u32::from('/'), char('/')),
            value(8, char('b')),
            value(12, char('f')),
            value(10, char('n')),
            value(13, char('r')),
            value(9, char('t')),
            preceded(char('u'), hex4),
        )),
    )
    .parse(i)
}

struct Scanner<'a> {
    source: &'a str,
    damage: Vec<Damage>,
    /// What would close each open construct, innermost last: `"`, `}`, `]`.
    closers: Vec<char>,
    /// Set after unrecoverable damage: every level returns what it has, quietly.
    stopped: bool,
    /// Open arrays and objects.
    depth: usize,
}

/// How deep arrays and objects may nest before the scanner stops.
const MAX_DEPTH: usize = 200;

impl<'a> Scanner<'a> {
    fn damage_at(&mut self, at: &str, message: &str, expected: impl Into<String>) {
        self.damage.push(Damage {
            offset: self.source.len() - at.len(),
            message: message.to_owned(),
            expected: expected.into(),
        });
    }

    /// Reports the end of input inside open constructs (once) and stops.
    fn truncated(&mut self, at: &'a str, inside: &str) {
        if !self.stopped {
            let expected = self
                .closers
                .iter()
                .rev()
                .map(|c| format!("'{c}'"))
                .collect::<Vec<_>>()
                .join(" then ");
            self.damage_at(at, &format!("input ends inside {inside}"), expected);
            self.stopped = true;
        }
    }

    fn fail(&mut self, at: &'a str, message: &str, expected: &str) {
        if !self.stopped {
            self.damage_at(at, message, expected);
            self.stopped = true;
        }
    }

    // VALUE := OBJECT | ARRAY | STRING | NUMBER | LITERAL
    fn value(&mut self, i: &'a str) -> (Option<Json>, &'a str) {
        if self.stopped {
            return (None, i);
        }
        if (i.starts_with('{') || i.starts_with('[')) && self.depth >= MAX_DEPTH {
            self.fail(
                i,
                "arrays and objects nested too deep",
                "at most 200 levels",
            );
            return (None, i);
        }
        if let Some(rest) = i.strip_prefix('{') {
            self.depth += 1;
            let (v, rest) = self.object(rest);
            self.depth -= 1;
            return (Some(v), rest);
        }
        if let Some(rest) = i.strip_prefix('[') {
            self.depth += 1;
            let (v, rest) = self.array(rest);
            self.depth -= 1;
            return (Some(v), rest);
        }
        if let Some(rest) = i.strip_prefix('{') {
            let (v, rest) = self.object(rest);
            return (Some(v), rest);
        }
        if let Some(rest) = i.strip_prefix('[') {
            let (v, rest) = self.array(rest);
            return (Some(v), rest);
        }
        if let Some(rest) = i.strip_prefix('"') {
            let (s, rest) = self.string(rest);
            return (Some(Json::String(s)), rest);
        }
        if let Ok((rest, v)) = alt((literal, number)).parse(i) {
            return (Some(v), rest);
        }
        if i.is_empty() {
            self.truncated(i, "a value");
        } else {
            self.fail(i, "unexpected character", "a JSON value");
        }
        (None, i)
    }

    // STRING := '"' (PLAIN_RUN | ESCAPE)* '"'   (opening quote already consumed)
    fn string(&mut self, mut i: &'a str) -> (String, &'a str) {
        let mut out = String::new();
        let mut reported_control = false;
        self.closers.push('"');
        let mut pending_high: Option<u32> = None;
        loop {
            if let Ok((rest, run)) = plain_run(i) {
                if !reported_control && let Some(pos) = run.find(|c: char| c < ' ') {
                    let what = if run[pos..].starts_with('\n') {
                        "raw line break inside a string"
                    } else {
                        "raw control character inside a string"
                    };
                    self.damage_at(&i[pos..], what, "an escape such as \\n");
                    reported_control = true;
                }
                flush_surrogate(&mut out, &mut pending_high);
                out.push_str(run);
                i = rest;
            } else if let Ok((rest, code)) = escape(i) {
                match (pending_high.take(), code) {
                    (Some(high), 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00);
                        out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    }
                    (high, 0xD800..=0xDBFF) => {
                        if high.is_some() {
                            out.push('\u{fffd}');
                        }
                        pending_high = Some(code);
                    }
                    (high, _) => {
                        if high.is_some() {
                            out.push('\u{fffd}');
                        }
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                }
                i = rest;
            } else if let Some(rest) = i.strip_prefix('"') {
                flush_surrogate(&mut out, &mut pending_high);
                self.closers.pop();
                return (out, rest);
            } else if i.is_empty() {
                flush_surrogate(&mut out, &mut pending_high);
                self.truncated(i, "a string");
                self.closers.pop();
                return (out, i);
            } else {
                // a bad escape: keep the character after the backslash
                flush_surrogate(&mut out, &mut pending_high);
                if !self.stopped {
                    self.damage_at(
                        i,
                        "invalid escape",
                        "\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
                    );
                }
                let mut chars = i.chars();
                chars.next();
                if let Some(c) = chars.next() {
                    out.push(c);
                }
                i = chars.as_str();
            }
        }
    }

    // OBJECT := "{" (STRING ":" VALUE ("," STRING ":" VALUE)*)? "}"   ("{" consumed)
    fn object(&mut self, i: &'a str) -> (Json, &'a str) {
        let mut fields = Vec::new();
        self.closers.push('}');
        let (mut i, _) = ws(i);
        if let Some(rest) = i.strip_prefix('}') {
            self.closers.pop();
            return (Json::Object(fields), rest);
        }
        loop {
            if self.stopped {
                break;
            }
            let Some(rest) = i.strip_prefix('"') else {
                if i.is_empty() {
                    self.truncated(i, "an object");
                } else {
                    self.fail(i, "unexpected character", "'\"' starting a key");
                }
                break;
            };
            let (key, rest) = self.string(rest);
            if self.stopped {
                break;
            }
            let (rest, _) = ws(rest);
            let Some(rest) = rest.strip_prefix(':') else {
                if rest.is_empty() {
                    self.truncated(rest, "an object");
                } else {
                    self.fail(rest, "unexpected character", "':' after a key");
                }
                i = rest;
                break;
            };
            let (rest, _) = ws(rest);
            let (v, rest) = self.value(rest);
            if let Some(v) = v {
                fields.push((key, v));
            }
            if self.stopped {
                i = rest;
                break;
            }
            match self.after_member(rest, '}', "an object") {
                After::Next(rest) => i = rest,
                After::Close(rest) => {
                    self.closers.pop();
                    return (Json::Object(fields), rest);
                }
                After::Stop(rest) => {
                    i = rest;
                    break;
                }
            }
        }
        self.closers.pop();
        (Json::Object(fields), i)
    }

    // ARRAY := "[" (VALUE ("," VALUE)*)? "]"   ("[" consumed)
    fn array(&mut self, i: &'a str) -> (Json, &'a str) {
        let mut items = Vec::new();
        self.closers.push(']');
        let (mut i, _) = ws(i);
        if let Some(rest) = i.strip_prefix(']') {
            self.closers.pop();
            return (Json::Array(items), rest);
        }
        loop {
            let (v, rest) = self.value(i);
            if let Some(v) = v {
                items.push(v);
            }
            if self.stopped {
                i = rest;
                break;
            }
            match self.after_member(rest, ']', "an array") {
                After::Next(rest) => i = rest,
                After::Close(rest) => {
                    self.closers.pop();
                    return (Json::Array(items), rest);
                }
                After::Stop(rest) => {
                    i = rest;
                    break;
                }
            }
        }
        self.closers.pop();
        (Json::Array(items), i)
    }

    // "," | CLOSER   after a member of an object or an element of an array; the end of
    // input or any other character is damage, reported here.
    fn after_member(&mut self, i: &'a str, closer: char, what: &str) -> After<'a> {
        let (rest, _) = ws(i);
        if let Some(rest) = rest.strip_prefix(',') {
            After::Next(ws(rest).0)
        } else if let Some(rest) = rest.strip_prefix(closer) {
            After::Close(rest)
        } else if rest.is_empty() {
            self.truncated(rest, what);
            After::Stop(rest)
        } else {
            self.fail(rest, "unexpected character", &format!("',' or '{closer}'"));
            After::Stop(rest)
        }
    }
}

fn flush_surrogate(out: &mut String, pending: &mut Option<u32>) {
    if pending.take().is_some() {
        out.push('\u{fffd}');
    }
}

/// What follows a member of an object or an element of an array.
enum After<'a> {
    /// A comma: another member follows, at this input.
    Next(&'a str),
    /// The closing bracket: the container ends; the input after it.
    Close(&'a str),
    /// The end of input or damage (already reported): stop here.
    Stop(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerant parse rendered as (value debug, damage "offset message (expected)").
    fn check(src: &str) -> (String, Vec<String>) {
        let (v, damage) = parse_tolerant(src);
        (
            format!("{v:?}"),
            damage
                .into_iter()
                .map(|d| format!("{} {} ({})", d.offset, d.message, d.expected))
                .collect(),
        )
    }

    #[test]
    fn valid_input_matches_serde() {
        let src = r#"{"a":[1,-2.5,true,null],"b":"x\u2019y\ud83d\ude00\n"}"#;
        assert_eq!(parse_tolerant(src).0, parse(src).0);
        assert!(parse_tolerant(src).1.is_empty());
    }

    #[test]
    fn valid_objects_keep_source_order() {
        let (v, damage) = parse(r#"{"b":1.5e3,"a":[null,-2],"b":"again"}"#);
        assert!(damage.is_empty());
        assert_eq!(
            format!("{v:?}"),
            r#"Some(Object([("b", Number("1500.0")), ("a", Array([Null, Number("-2")])), ("b", String("again"))]))"#
        );
    }

    #[test]
    fn truncated_string_keeps_fields() {
        let (v, damage) = check("{\"id\":7,\"t\":{\"r\":\"ab\ncd");
        assert_eq!(
            v,
            r#"Some(Object([("id", Number("7")), ("t", Object([("r", String("ab\ncd"))]))]))"#
        );
        assert_eq!(
            damage,
            [
                "20 raw line break inside a string (an escape such as \\n)",
                "23 input ends inside a string ('\"' then '}' then '}')"
            ]
        );
    }

    #[test]
    fn garbage_stops_quietly() {
        assert_eq!(check("[1, 2 3]").1, ["6 unexpected character (',' or ']')"]);
        assert_eq!(
            check("{\"a\" 1}").1,
            ["5 unexpected character (':' after a key)"]
        );
        let deep = "[".repeat(100_000);
        assert_eq!(
            check(&deep).1,
            ["200 arrays and objects nested too deep (at most 200 levels)"]
        );
    }
}
