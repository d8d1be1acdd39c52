//! The scanner behind [`find_amounts`](crate::find_amounts).
//!
//! One aho-corasick pass finds candidate starts (every digit and every number word, ASCII
//! case-insensitive); each candidate is read outwards in five steps:
//!
//! 1. **core**: `[currency prefix] NUMBER [scale]` — `$4.6bn`, `US$ 5 million`,
//!    `four-point-six billion`, `a million` ([`core_at`]);
//! 2. **tail**: what follows names the kind — `%`/`percent`, a currency (`won`,
//!    `U.S. dollars`, `USD`), or a counted noun (`key parts`) ([`tail_at`]);
//! 3. **range**: `$4 to $6 million`, `4-6%`, `between 4 and 6 years` share the second
//!    amount's scale and kind ([`range_at`]);
//! 4. **qualifier**: `about`, `up to`, `more than` before, `or more` after
//!    ([`crate::qualifier`]);
//! 5. **filters**: bare numbers that are really years, dates, times, list numbers or parts
//!    of codes (`G7`, `COVID-19`, `1990s`) are dropped.
//!
//! Finally money amounts written as `A (B)` or `A, or B` in two currencies are linked.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use almanac_time::number::{self, Decimal};
use almanac_time::words;

use crate::currency::{self, word_at};
use crate::qualifier::{self, Qualifier};
use crate::{Amount, AmountKind, Approx};

/// The number word [`words_core`] reads without a number before it: "hundred dollars".
const BARE_HUNDRED: &str = "hundred";

/// The words that start an amount in words (digits are triggers too), all from
/// [`almanac_time::words`]: every cardinal word (`seven`, `forty`), [`BARE_HUNDRED`],
/// `a` before a multiplier or scale word (`a dozen`, `a million`), and `half a` before a scale
/// word above a thousand (`half a billion`).
fn word_triggers() -> Vec<String> {
    let mut out: Vec<String> = words::CARDINAL_WORDS
        .iter()
        .map(|(w, _)| (*w).to_owned())
        .collect();
    out.push(BARE_HUNDRED.to_owned());
    for (w, _) in words::MULTIPLIER_WORDS {
        if !words::SCALE_WORDS.iter().any(|(s, _)| s == w) {
            out.push(format!("a {w}"));
        }
    }
    for (w, factor) in words::SCALE_WORDS {
        out.push(format!("a {w}"));
        if *factor > 1e3 {
            out.push(format!("half a {w}"));
        }
    }
    out
}

/// The trigger automaton, built once (`None` only if building it failed, which a fixed
/// pattern list cannot do; then nothing is found rather than panicking).
fn triggers() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| {
        let digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].map(str::to_owned);
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            // the first bytes of the triggers are too common for a prefilter to pay
            .prefilter(false)
            .build(digits.into_iter().chain(word_triggers()))
            .ok()
    })
    .as_ref()
}

/// Finds every amount in `text` (see the crate docs for what counts).
pub(crate) fn scan(text: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut floor = 0usize;
    let Some(ac) = triggers() else {
        return out;
    };
    for m in ac.find_iter(text) {
        let s = m.start();
        if s < floor {
            continue;
        }
        match amount_at(text, s, floor, &mut out) {
            Ok(end) => floor = end,
            Err(skip) => floor = floor.max(skip),
        }
    }
    join_cents(text, &mut out);
    link_equivalents(text, &mut out);
    out
}

/// `7 euros 20 cents`, `12 pounds 40 pence`: the cents join the amount before them.
fn join_cents(text: &str, out: &mut Vec<Amount>) {
    let mut i = 0;
    while i < out.len() {
        let code = match &out[i].kind {
            AmountKind::Money { currency } => Some(currency.clone()),
            AmountKind::Count { unit } if unit == "pounds" || unit == "pound" => {
                Some("GBP".to_string())
            }
            _ => None,
        };
        let end = out[i].span.end;
        let joined = code.as_ref().and_then(|_| cents_after(text, end));
        if let (Some(code), Some((cents, e))) = (code, joined) {
            let a = &mut out[i];
            a.value = (a.value * 100.0 + f64::from(cents)).round() / 100.0;
            a.kind = AmountKind::Money { currency: code };
            a.span.end = e;
            let keep = i + 1;
            while keep < out.len() && out[keep].span.start < e {
                out.remove(keep);
            }
        }
        i += 1;
    }
}

/// ` 20 cents`, ` and 40 pence` right after byte `at`: (cents, end).
fn cents_after(text: &str, at: usize) -> Option<(u32, usize)> {
    let rest = text.get(at..)?;
    let mut k = currency::space_len(rest);
    if k == 0 {
        return None;
    }
    if let Some(r) = rest[k..].strip_prefix("and ") {
        k = rest.len() - r.len();
    }
    let digits = rest[k..].bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let cents: u32 = rest[k..k + digits].parse().ok()?;
    k += digits;
    let gap = currency::space_len(&rest[k..]);
    let (w, n) = word_at(&rest[k + gap..])?;
    if !matches!(
        w.as_str(),
        "cents" | "cent" | "pence" | "centimes" | "kopecks"
    ) {
        return None;
    }
    Some((cents, at + k + gap + n))
}

/// `[currency prefix] NUMBER [scale]`, the part every amount has.
#[derive(Debug, Clone, Copy)]
struct Core {
    /// Start, including the currency prefix.
    start: usize,
    /// Start of the number itself.
    num_start: usize,
    /// Currency from a prefix (`$`, `€`, `USD `).
    prefix: Option<&'static str>,
    /// The number as written, before its scale.
    dec: Decimal,
    /// The scale word's factor (`billion`, `bn`), if any.
    factor: Option<f64>,
    /// End of the number and scale.
    end: usize,
    /// Written in digits (not words).
    digits: bool,
    /// Digits with thousands separators (`10,000`).
    grouped: bool,
    /// Number of bytes of the number itself.
    num_len: usize,
}

impl Core {
    /// The value with the scale applied.
    fn value(&self) -> f64 {
        match self.factor {
            Some(f) => self.dec.scaled(f),
            None => self.dec.value(),
        }
    }

    /// A four-digit integer in 1600..=2199 with nothing attached: almost always a year.
    fn looks_like_year(&self) -> bool {
        self.digits
            && self.num_len == 4
            && !self.grouped
            && self.dec.decimals == 0
            && self.factor.is_none()
            && (1600..=2199).contains(&self.dec.mantissa)
    }
}

/// What follows a core and names its kind.
#[derive(Debug, Clone, PartialEq)]
enum Tail {
    /// A kind, ending at this offset.
    Kind(AmountKind, usize),
    /// Nothing recognisable follows.
    Nothing,
    /// Letters glued to the digits that make it no amount (`5G`, `1990s`, `21st`).
    Reject,
}

/// The previous char before byte offset `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// True if `c` continues a word.
fn wordish(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// End of the token of digits and inner `.,:/-` starting at `s` (what to skip on rejection).
fn token_end(text: &str, s: usize) -> usize {
    let b = text.as_bytes();
    let mut i = s;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() {
            i += 1;
        } else if matches!(b[i], b'.' | b',' | b':' | b'/' | b'-')
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// Reads the core at `s`. `floor` bounds the look-behind; `in_range` relaxes the left-context
/// rules for the second half of a range (`4-6`).
fn core_at(text: &str, s: usize, floor: usize, in_range: bool) -> Result<Core, usize> {
    let bytes = text.as_bytes();
    let first = *bytes.get(s).ok_or(s)?;
    if first.is_ascii_digit() {
        digits_core(text, s, floor, in_range)
    } else {
        words_core(text, s)
    }
}

/// A core written in digits: `$1,234.5`, `5bn`, `937.6 billion`, `USD 5m`.
fn digits_core(text: &str, s: usize, floor: usize, in_range: bool) -> Result<Core, usize> {
    let bytes = text.as_bytes();
    if s > 0 && bytes[s - 1].is_ascii_digit() {
        return Err(s);
    }
    let skip = token_end(text, s);
    let mut prefix = text
        .get(floor..s)
        .and_then(currency::prefix)
        .map(|p| (p, floor + p.start));
    if prefix.is_none() && !in_range {
        match char_before(text, s) {
            Some(c) if wordish(c) || c == '#' => return Err(skip),
            Some(c @ ('.' | ',' | ':' | '/' | '-' | '=')) => {
                let before = char_before(text, s - c.len_utf8());
                if c == '=' || before.is_some_and(wordish) {
                    return Err(skip);
                }
            }
            _ => {}
        }
        if list_marker_before(&text[floor..s]) {
            return Err(skip);
        }
    }
    let (dec, n) = number::parse_decimal(&text[s..]).ok_or(skip)?;
    let num_end = s + n;
    let grouped = text[s..num_end].contains(',');
    // what sits right after the digits
    let next = bytes.get(num_end).copied();
    let after_next = bytes.get(num_end + 1).copied();
    let digit_after = after_next.is_some_and(|b| b.is_ascii_digit());
    match next {
        Some(b':' | b'.' | b',' | b'/') if digit_after => return Err(skip),
        Some(b'-') if digit_after && is_date_like(text, s, num_end) => return Err(skip),
        _ => {}
    }
    if let Some((p, _)) = prefix {
        // the bare "N" of naira needs evidence: "N10,000", "N5 billion", not "N95"
        if p.weak {
            let scaled = scale_after(text, num_end, true, false).is_some();
            if !(grouped || dec.decimals > 0 || scaled) {
                prefix = None;
                if char_before(text, s).is_some_and(wordish) {
                    return Err(skip);
                }
            }
        }
    }
    let code = prefix.map(|(p, _)| p.code);
    let start = prefix.map_or(s, |(_, start)| start);
    let (factor, end) = match scale_after(text, num_end, true, code.is_some()) {
        Some((f, e)) => (Some(f), e),
        None => match scaled_code(text, num_end) {
            // "4.5 MUSD": the scale letter glued to the ISO code that follows
            Some((f, e)) if code.is_none() => (Some(f), e),
            _ => (None, num_end),
        },
    };
    Ok(Core {
        start,
        num_start: s,
        prefix: code,
        dec,
        factor,
        end,
        digits: true,
        grouped,
        num_len: n,
    })
}

/// `4.5 MUSD`, `2.1 BUSD`, `300 KEUR`: a scale letter (`K`, `M`, `B`) glued to an ISO code,
/// after the number ending at `at`. Returns the factor and where the code starts, so that
/// the tail reads the currency.
fn scaled_code(text: &str, at: usize) -> Option<(f64, usize)> {
    let rest = text.get(at..)?;
    let gap = currency::space_len(rest);
    let w = rest.get(gap..)?.as_bytes();
    if gap == 0 || w.len() < 4 || !w[..4].iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    if w.get(4).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    currency::code(std::str::from_utf8(&w[1..4]).ok()?)?;
    let factor = match w[0] {
        b'K' => 1e3,
        b'M' => 1e6,
        b'B' => 1e9,
        _ => return None,
    };
    Some((factor, at + gap + 1))
}

/// `2023-04-25`, `2023-04`, `25-04-2023`: digits joined by hyphens into a date.
fn is_date_like(text: &str, s: usize, num_end: usize) -> bool {
    let b = text.as_bytes();
    let second = b[num_end + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let after_second = num_end + 1 + second;
    let first = num_end - s;
    (first == 4 && second == 2)
        || (b.get(after_second) == Some(&b'-')
            && b.get(after_second + 1).is_some_and(u8::is_ascii_digit))
}

/// `No. 1`, `No 1`, `Nos. 3`, `number 1`, `Chapter 11`, `Room 1204`, `page 12`: a list
/// marker or label just before, which makes the number a name rather than an amount.
fn list_marker_before(before: &str) -> bool {
    let t = before.trim_end_matches(' ');
    if t.len() == before.len() && !t.ends_with('.') {
        // glued: only "No.1"
        return false;
    }
    let n = t
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
        .count();
    let start = t.len() - n;
    if n == 0 || t[..start].chars().next_back().is_some_and(wordish) {
        return false;
    }
    matches!(
        &t[start..],
        "No."
            | "No"
            | "Nos."
            | "no."
            | "Number"
            | "number"
            | "Chapter"
            | "Section"
            | "Article"
            | "Room"
            | "Route"
            | "Highway"
            | "Flight"
            | "Gate"
            | "Platform"
            | "Page"
            | "page"
            | "Table"
            | "Figure"
            | "Fig."
            | "Rule"
            | "Resolution"
            | "Proposition"
            | "Tier"
            | "Level"
            | "Grade"
    )
}

/// A core written in words: `nineteen`, `four-point-six billion`, `a million`, `a dozen`.
fn words_core(text: &str, s: usize) -> Result<Core, usize> {
    if char_before(text, s).is_some_and(|c| wordish(c) || c == '-' || c == '\'' || c == '’') {
        return Err(s);
    }
    let rest = &text[s..];
    let bare_hundred = rest
        .get(..BARE_HUNDRED.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(BARE_HUNDRED))
        && !rest[BARE_HUNDRED.len()..].starts_with(|c: char| c.is_ascii_alphabetic());
    let one = Decimal {
        mantissa: 1,
        decimals: 0,
    };
    let (dec, n, factor) = match number::parse_decimal(rest) {
        Some((dec, n)) => (dec, n, None),
        // "hundred dollars" without its "a"
        None if bare_hundred => (one, BARE_HUNDRED.len(), Some(100.0)),
        None => {
            // "a million"
            let sp = rest.find(' ').ok_or(s)?;
            let after = sp + rest[sp..].len() - rest[sp..].trim_start_matches(' ').len();
            let (scale, m) = number::parse_scale(&rest[after..]).ok_or(s)?;
            if scale.abbreviated {
                return Err(s);
            }
            (
                Decimal {
                    mantissa: 1,
                    decimals: 0,
                },
                after + m,
                Some(scale.factor),
            )
        }
    };
    let mut num_end = s + n;
    let mut factor = factor;
    // "half a billion": the article sits between the number and its scale
    if factor.is_none() {
        let after = &text[num_end..];
        let article = ["a ", "A "]
            .iter()
            .find_map(|a| after.strip_prefix(' ')?.strip_prefix(a));
        if let Some((scale, m)) = article.and_then(number::parse_scale) {
            if !scale.abbreviated {
                factor = Some(scale.factor);
                num_end += 3 + m;
            }
        }
    }
    let (factor, end) = match factor {
        Some(f) => (Some(f), num_end),
        None => match scale_after(text, num_end, false, false) {
            Some((f, e)) => (Some(f), e),
            None => (None, num_end),
        },
    };
    Ok(Core {
        start: s,
        num_start: s,
        prefix: None,
        dec,
        factor,
        end,
        digits: false,
        grouped: false,
        num_len: n,
    })
}

/// A scale word after a number ending at `at`: glued (`5bn`, digits only) or after one space
/// or hyphen (`5 billion`, `1.5-billion`). Abbreviations need a currency (`money`), or a
/// currency word after them (`5bn won`); spaced ones must be two letters or more (`$5 bn`).
fn scale_after(text: &str, at: usize, digits: bool, money: bool) -> Option<(f64, usize)> {
    let rest = text.get(at..)?;
    if digits {
        if let Some((scale, m)) = number::parse_scale(rest) {
            // "5bn" needs a currency around it ("$5bn", "5bn won") or a counted noun after
            // it ("2m people"); "5m" alone may be five metres
            let ok = !scale.abbreviated
                || money
                || currency::suffix(&rest[m..], true).is_some()
                || (scale.factor >= 1e6 && unit_after(&rest[m..]).is_some());
            return ok.then_some((scale.factor, at + m));
        }
    }
    let gap = match rest.as_bytes().first() {
        Some(b'-') => 1,
        _ => currency::space_len(rest),
    };
    if gap == 0 {
        return None;
    }
    let (scale, m) = number::parse_scale(&rest[gap..])?;
    if scale.abbreviated && !(money && digits && m >= 2 && rest.as_bytes()[0] != b'-') {
        return None;
    }
    let mut factor = scale.factor;
    let mut end = at + gap + m;
    // a second scale word multiplies: "1 lakh crore", "10 thousand billion"
    let more = &text[end..];
    let gap2 = currency::space_len(more);
    if gap2 > 0 {
        if let Some((s2, m2)) = number::parse_scale(&more[gap2..]).filter(|(s, _)| !s.abbreviated) {
            factor *= s2.factor;
            end += gap2 + m2;
        }
    }
    Some((factor, end))
}

/// Reads what follows a core: percent, a currency, or a counted noun.
fn tail_at(text: &str, core: &Core) -> Tail {
    let after = &text[core.end..];
    if core.prefix.is_none() {
        if let Some((kind, n)) = percent(after) {
            return Tail::Kind(kind, core.end + n);
        }
    }
    if let Some((code, n)) = currency::suffix(after, core.factor.is_some()) {
        match core.prefix {
            None => {
                return Tail::Kind(
                    AmountKind::Money {
                        currency: code.into(),
                    },
                    core.end + n,
                );
            }
            // "$5 million USD"; and a shared symbol names its currency after the number:
            // "¥5 billion yuan", "$3 million Canadian dollars"
            Some(p) if p == code || p == "USD" || p == "JPY" => {
                return Tail::Kind(
                    AmountKind::Money {
                        currency: code.into(),
                    },
                    core.end + n,
                );
            }
            Some(_) => {}
        }
    }
    if let Some(p) = core.prefix {
        if glued_letter(after) {
            return Tail::Reject;
        }
        return Tail::Kind(AmountKind::Money { currency: p.into() }, core.end);
    }
    if core.digits && core.factor.is_none() && glued_letter(after) {
        // "5nm", "10km" are counts; "5G", "1990s", "21st", "10x" are not amounts
        return match known_unit(after) {
            Some((unit, n)) => Tail::Kind(AmountKind::Count { unit }, core.end + n),
            None => Tail::Reject,
        };
    }
    if let Some((unit, n)) = hyphen_unit(after, core.digits) {
        return Tail::Kind(AmountKind::Count { unit }, core.end + n);
    }
    match unit_after(after) {
        Some((unit, n)) => Tail::Kind(AmountKind::Count { unit }, core.end + n),
        None => Tail::Nothing,
    }
}

/// A hyphenated unit used as an adjective: `a 10-year plan`, `a 5-star hotel`. Returns the
/// word as written (lowercased, usually singular) and the bytes consumed with the hyphen.
///
/// After a number word only units of time and a few common measures count (`a three-day
/// visit`), so `one-time`, `two-way` and `one-off` are not amounts; fractions never are
/// (`one-third`, `two-thirds`).
fn hyphen_unit(after: &str, digits: bool) -> Option<(String, usize)> {
    let rest = after.strip_prefix('-')?;
    let (w, n) = word_at(rest)?;
    let word = w.as_str();
    if is_stop(word) || is_month(&rest[..n]) || is_fraction(word) {
        return None;
    }
    let common = matches!(
        word,
        "year"
            | "month"
            | "week"
            | "day"
            | "hour"
            | "minute"
            | "second"
            | "mile"
            | "kilometer"
            | "kilometre"
            | "meter"
            | "metre"
            | "member"
            | "point"
            | "story"
            | "storey"
            | "seat"
            | "game"
            | "nation"
            | "country"
            | "party"
            | "man"
            | "person"
    );
    if !digits && !common {
        return None;
    }
    Some((word.to_string(), 1 + n))
}

/// `third`, `thirds`, `quarter`, `fifths`, `half`: the second part of a written fraction.
fn is_fraction(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    matches!(singular, "half" | "halve" | "quarter")
        || number::parse_ordinal(singular).is_some_and(|(_, n)| n == singular.len())
}

/// True if `s` starts with a letter (glued to the number before it).
fn glued_letter(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
}

/// `%`, ` %`, ` percent`, ` per cent`, ` pct`, ` percentage points`.
fn percent(after: &str) -> Option<(AmountKind, usize)> {
    if after.starts_with('%') {
        return Some((AmountKind::Percent, 1));
    }
    if let Some((w, n)) = word_at(after).filter(|(w, _)| w.as_str() == "pc") {
        // "30pc" (British papers)
        let _ = w;
        return Some((AmountKind::Percent, n));
    }
    // one space or a hyphen: "30 percent", "a 25-percent stake"
    let gap = match after.as_bytes().first() {
        Some(b'-') => 1,
        _ => currency::space_len(after),
    };
    if gap == 0 {
        return None;
    }
    let rest = &after[gap..];
    if rest.starts_with('%') && gap > 0 && !after.starts_with('-') {
        return Some((AmountKind::Percent, gap + 1));
    }
    let (w, n) = word_at(rest)?;
    let end = gap + n;
    match w.as_str() {
        "percent" | "pct" | "pc" => Some((AmountKind::Percent, end)),
        "per" => {
            let (w2, n2) = rest[n..].strip_prefix(' ').and_then(word_at)?;
            (w2.as_str() == "cent").then_some((AmountKind::Percent, end + 1 + n2))
        }
        "percentage" => {
            let (w2, n2) = rest[n..].strip_prefix(' ').and_then(word_at)?;
            matches!(w2.as_str(), "point" | "points").then(|| {
                (
                    AmountKind::Count {
                        unit: "percentage points".into(),
                    },
                    end + 1 + n2,
                )
            })
        }
        _ => None,
    }
}

/// Short units written after a number, glued or spaced: `5nm`, `10 km`, `3 GW`.
const UNITS: &[&str] = &[
    "km", "kg", "mg", "mw", "gw", "kw", "gwh", "twh", "mwh", "kwh", "nm", "mm", "cm", "ha", "mph",
    "kph", "lb", "lbs", "oz", "bpd", "ft", "sq", "ghz", "mhz", "gb", "tb", "mb",
];

/// A unit from [`UNITS`] at the start of `s`, ending at a word boundary.
fn known_unit(s: &str) -> Option<(String, usize)> {
    let (w, n) = word_at(s)?;
    if s[n..].chars().next().is_some_and(char::is_numeric) {
        return None;
    }
    UNITS
        .contains(&w.as_str())
        .then(|| (w.as_str().to_string(), n))
}

/// Words that end a noun phrase: the counted noun must come before any of them. Includes
/// common verbs ending in `-s` (`the iPhone 15 costs`), which would otherwise look plural.
/// Sorted (binary search).
const STOP: &[&str] = &[
    "a", "about", "across", "after", "against", "ago", "all", "also", "although", "always",
    "among", "an", "another", "any", "appears", "are", "as", "asks", "at", "be", "because", "been",
    "before", "being", "between", "both", "but", "by", "can", "comes", "contains", "costs",
    "could", "does", "down", "during", "each", "earlier", "either", "even", "follows", "for",
    "from", "gets", "gives", "goes", "had", "has", "have", "he", "her", "here", "his", "holds",
    "if", "in", "includes", "into", "is", "it", "its", "just", "keeps", "knows", "later", "least",
    "less", "lies", "lives", "looks", "loses", "makes", "marks", "may", "means", "might", "more",
    "most", "must", "my", "needs", "no", "not", "of", "off", "on", "once", "only", "onto", "or",
    "other", "our", "out", "over", "per", "percent", "plays", "plus", "puts", "remains", "runs",
    "says", "seems", "sets", "shall", "she", "should", "since", "sits", "so", "some", "stands",
    "such", "takes", "tells", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "thinks", "this", "those", "though", "through", "thus", "till", "times", "to", "tries",
    "under", "until", "up", "upon", "us", "uses", "versus", "very", "via", "vs", "wants", "was",
    "we", "were", "when", "where", "which", "while", "who", "whom", "whose", "will", "wins",
    "with", "within", "without", "works", "would", "yes", "your",
];

/// True if `w` (lowercase) ends a noun phrase.
fn is_stop(w: &str) -> bool {
    STOP.binary_search(&w).is_ok()
}

/// Plurals that do not end in `s`, and nouns counted without one.
fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "children"
            | "men"
            | "women"
            | "staff"
            | "personnel"
            | "police"
            | "cattle"
            | "sheep"
            | "fish"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "aircraft"
            | "livestock"
            | "crew"
            | "data"
            | "media"
            | "criteria"
    )
}

/// A word that looks like a plural noun: `parts`, `companies`, `SMEs`. Stop words (`this`,
/// `was`) are the caller's to exclude: [`unit_after`] has already rejected them.
fn looks_plural(w: &str) -> bool {
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// The counted noun after a number: ` key parts`, ` government research institutions`,
/// ` people`, ` km`. Up to five words are read; adjectives and noun modifiers before the head
/// are skipped and the first plural-looking word is the unit. Returns the lowercased unit and
/// the bytes consumed (through the unit).
fn unit_after(after: &str) -> Option<(String, usize)> {
    let mut pos = 1;
    if after.as_bytes().first() != Some(&b' ') {
        return None;
    }
    if let Some((unit, n)) = known_unit(&after[1..]) {
        return Some((unit, 1 + n));
    }
    for _ in 0..5 {
        let rest = after.get(pos..)?;
        // a word: letters with inner hyphens ("board-to-board")
        let mut n = 0;
        let b = rest.as_bytes();
        while n < b.len() {
            let inner_hyphen =
                b[n] == b'-' && n > 0 && b.get(n + 1).is_some_and(u8::is_ascii_alphabetic);
            if !(b[n].is_ascii_alphabetic() || inner_hyphen) {
                break;
            }
            n += 1;
        }
        if n == 0 || n > 40 || rest[n..].chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let word = &rest[..n];
        let mut buf = [0u8; 40];
        for (slot, c) in buf.iter_mut().zip(word.bytes()) {
            *slot = c.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..n]).ok()?;
        if is_stop(lower) || is_month(word) {
            return None;
        }
        if is_irregular_plural(lower) || looks_plural(lower) {
            return Some((lower.to_string(), pos + n));
        }
        if rest.as_bytes().get(n) != Some(&b' ') {
            return None;
        }
        pos += n + 1;
    }
    None
}

/// A capitalised month name or abbreviation (`April`, `Jan`, `Sept`; the names of
/// [`almanac_time::words::month_number`]).
fn is_month(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_uppercase()) && words::month_number(word).is_some()
}

/// True if the number at `s..end` sits next to a month name (`April 25`, `21 Jan`,
/// `Dec. 3`), or is followed by a clock word (`10 a.m.`, `6 pm`, `3 o'clock`).
fn date_or_time_context(text: &str, s: usize, end: usize) -> bool {
    // previous word, skipping one space and an abbreviation dot
    let before = text[..s].trim_end_matches(' ');
    let spaced = before.len() < s;
    if spaced {
        let before = before.strip_suffix('.').unwrap_or(before);
        let n = before
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        if n > 0 && is_month(&before[before.len() - n..]) {
            return true;
        }
    }
    let after = &text[end..];
    if let Some(rest) = after.strip_prefix(' ') {
        let n = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if n > 0 && is_month(&rest[..n]) && !rest[n..].starts_with(|c: char| c.is_alphabetic()) {
            return true;
        }
        let starts = |p: &str| {
            rest.as_bytes()
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        };
        let ends_word = |n: usize| !rest[n..].starts_with(|c: char| c.is_alphanumeric());
        if starts("a.m.")
            || starts("p.m.")
            || starts("o'clock")
            || ((starts("am") || starts("pm")) && ends_word(2))
        {
            return true;
        }
    }
    false
}

/// Reads one amount (or a range of two) starting at `s`, pushes it to `out` and returns its
/// end; on no amount, returns where to resume.
fn amount_at(text: &str, s: usize, floor: usize, out: &mut Vec<Amount>) -> Result<usize, usize> {
    let core = core_at(text, s, floor, false)?;
    let tail = tail_at(text, &core);
    if tail == Tail::Reject {
        return Err(token_end(text, core.num_start).max(core.end));
    }
    if !core.digits && tail == Tail::Nothing && !text[core.end..].starts_with([' ', '-', '–']) {
        // a number word with nothing after it and no range to open: "one", "ten"
        return Err(core.end);
    }
    let qual = qualifier::before(text, floor, core.start);
    let between = matches!(qual, Some((Qualifier::Between, _)));
    // a range when the first half lacks what the second has: "$4 to $6 million", "4-6%"
    let kind1 = match &tail {
        Tail::Kind(k, _) => Some(k.clone()),
        _ => None,
    };
    let suffix_kind = matches!(tail, Tail::Kind(_, e) if e > core.end);
    if !suffix_kind || between {
        if let Some(pushed) = range_at(text, &core, kind1.as_ref(), qual, out) {
            return Ok(pushed);
        }
    }
    let (mut kind, mut end) = match tail {
        Tail::Kind(k, e) => (k, e),
        _ => (AmountKind::Number, core.end),
    };
    let mut value = core.value();
    // "in 2019 dollars", "in 2018 won the election": a year, not money
    if core.prefix.is_none() && core.looks_like_year() && matches!(kind, AmountKind::Money { .. }) {
        return Err(end);
    }
    // "who at 25 won the title": a bare small number before "won" is the verb, since won
    // amounts in news are large ("10,000 won", "2 billion won")
    let small_won = matches!(&kind, AmountKind::Money { currency } if currency == "KRW")
        && core.prefix.is_none()
        && core.factor.is_none()
        && !core.grouped
        && value < 1000.0;
    if small_won {
        return Err(end);
    }
    // "50 cents" is half a dollar
    let cents = matches!(&kind, AmountKind::Count { unit }
        if unit == "cents" && end == core.end + 1 + unit.len());
    if cents && core.prefix.is_none() && core.factor.is_none() {
        kind = AmountKind::Money {
            currency: "USD".into(),
        };
        value = core.dec.scaled(0.01);
    }
    if !matches!(kind, AmountKind::Money { .. } | AmountKind::Percent) {
        if !core.digits && kind == AmountKind::Number {
            return Err(core.end);
        }
        let leading_zero = core.digits
            && text.as_bytes()[core.num_start] == b'0'
            && text
                .as_bytes()
                .get(core.num_start + 1)
                .is_some_and(u8::is_ascii_digit);
        // "3-1", "555-1234": a hyphen then digits that formed no range
        let hyphen_digits = core.digits
            && text.as_bytes().get(core.end) == Some(&b'-')
            && text
                .as_bytes()
                .get(core.end + 1)
                .is_some_and(u8::is_ascii_digit);
        if core.looks_like_year()
            || leading_zero
            || hyphen_digits
            || (core.digits && date_or_time_context(text, core.num_start, core.end))
        {
            return Err(token_end(text, core.num_start).max(core.end));
        }
    }
    let mut approx = match qual {
        Some((Qualifier::Approx(a), _)) => a,
        _ => Approx::Exact,
    };
    let mut start = core.start;
    if let Some((Qualifier::Approx(_), q)) = qual {
        start = q;
    }
    if approx == Approx::Exact {
        if let Some((a, n)) = qualifier::after(&text[end..]) {
            approx = a;
            end += n;
        }
    }
    out.push(Amount {
        span: start..end,
        value,
        kind,
        approx,
        equivalent: None,
    });
    Ok(end)
}

/// `$4 to $6 million`, `4-6%`, `between 4 and 6 years`, `four to six weeks`: if a range
/// starts with `core`, pushes both ends and returns the end of the second.
///
/// The two halves share what only one states: the kind (currency, percent, unit) and the
/// scale (`$4 to $6 million` is 4 and 6 million, but `$500,000 to $2 million` keeps
/// 500,000). The lower end is [`Approx::AtLeast`], the upper [`Approx::AtMost`], unless a
/// qualifier before the range applies to both (`about 4 to 6 years`).
fn range_at(
    text: &str,
    core: &Core,
    kind1: Option<&AmountKind>,
    qual: Option<(Qualifier, usize)>,
    out: &mut Vec<Amount>,
) -> Option<usize> {
    let between = matches!(qual, Some((Qualifier::Between, _)));
    let rest = &text[core.end..];
    let connectors: &[&str] = if between {
        &[" and ", "-", "–", " - ", " – "]
    } else {
        &[" to ", "-", "–", " - ", " – ", "-to-"]
    };
    let conn = connectors.iter().find(|c| rest.starts_with(**c))?;
    let at = core.end + conn.len();
    // the second half may repeat the currency prefix: "$4 to $6 million"
    let b = text.as_bytes();
    let s2 = if b.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at
    } else {
        let i = (at..text.len().min(at + 8)).find(|&i| b[i].is_ascii_digit())?;
        let p = currency::prefix(text.get(at..i)?)?;
        if p.start != 0 || Some(p.code) != core.prefix {
            return None;
        }
        i
    };
    let core2 = core_at(text, s2, at, true).ok()?;
    if core2.digits != core.digits || core2.prefix.is_some_and(|p| Some(p) != core.prefix) {
        return None;
    }
    let tail2 = tail_at(text, &core2);
    let (kind2, end2) = match tail2 {
        Tail::Kind(k, e) => (Some(k), e),
        Tail::Nothing => (None, core2.end),
        Tail::Reject => return None,
    };
    let shares_scale =
        core.factor.is_none() && core2.factor.is_some() && core.dec.value() < core2.dec.value();
    // "$4-6": a tight hyphen carries the first half's currency to a bare second half
    let tight = matches!(*conn, "-" | "–") && core.prefix.is_some() && kind2.is_none();
    // "$4 million to $6 million", "€4m–€6m": two whole amounts of one kind, the first
    // smaller; not "from $4 million to $6 million", which is a change
    let from = text[..core.start].trim_end().ends_with("from");
    let whole = kind1.is_some()
        && kind1 == kind2.as_ref()
        && matches!(kind1, Some(AmountKind::Money { .. }))
        && core.value() < core2.value()
        && !from;
    let is_range = between
        || tight
        || whole
        || (kind1.is_none() && kind2.is_some())
        || (shares_scale && (kind2.is_none() || kind1 == kind2.as_ref()));
    if !is_range {
        return None;
    }
    let kind = match (kind1, kind2) {
        (Some(k), _) => k.clone(),
        (None, Some(k)) => k.clone(),
        (None, None) if core.digits => AmountKind::Number,
        (None, None) => return None,
    };
    // a bare-number range must not be a date or score ("2019-2023", "3-1")
    if kind == AmountKind::Number || core.looks_like_year() || core2.looks_like_year() {
        return None;
    }
    let value1 = match (core.factor, core2.factor) {
        (None, Some(f)) if shares_scale => core.dec.scaled(f),
        _ => core.value(),
    };
    let (low, high, start) = match qual {
        Some((Qualifier::Approx(a), q)) => (a, a, q),
        Some((Qualifier::Between, q)) => (Approx::AtLeast, Approx::AtMost, q),
        None => (Approx::AtLeast, Approx::AtMost, core.start),
    };
    out.push(Amount {
        span: start..core.end,
        value: value1,
        kind: kind.clone(),
        approx: low,
        equivalent: None,
    });
    out.push(Amount {
        span: core2.start..end2,
        value: core2.value(),
        kind,
        approx: high,
        equivalent: None,
    });
    Some(end2)
}

/// Links money amounts written as the same value in two currencies: `A (B)`, `A (or B)`,
/// `A, or B`, `A (equivalent to B)`.
fn link_equivalents(text: &str, out: &mut [Amount]) {
    for i in 1..out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        let (AmountKind::Money { currency: ca }, AmountKind::Money { currency: cb }) =
            (&a.kind, &b.kind)
        else {
            continue;
        };
        if ca == cb || a.equivalent.is_some() || a.span.end > b.span.start {
            continue;
        }
        let gap = text[a.span.end..b.span.start].trim();
        let linked = matches!(
            gap,
            "(" | "(or"
                | "( or"
                | "or"
                | ", or"
                | "(equivalent to"
                | ", equivalent to"
                | "(worth"
                | "/"
        );
        if linked {
            out[i - 1].equivalent = Some(i);
            out[i].equivalent = Some(i - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks a word-list lookup: `is_stop(word) == want`.
    fn check(word: &str, want: bool) {
        assert!(
            STOP.windows(2).all(|w| w[0] < w[1]),
            "STOP must stay sorted"
        );
        assert_eq!(is_stop(word), want, "{word:?}");
    }

    #[test]
    fn stop_words() {
        check("the", true);
        check("within", true);
        check("parts", false);
        check("", false);
    }
}
