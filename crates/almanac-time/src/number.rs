//! Numbers written in words or digits: `nineteen`, `twenty-one`, `four-point-six`, `1,234.5`.
//!
//! Every parser here looks only at the **start** of its input and returns the value with the
//! number of bytes it consumed, or `None`. They never allocate, never panic, and compare
//! letters ASCII-case-insensitively (`Twenty-One` is 21).
//!
//! Boundaries are split between the parser and the caller:
//! - the caller checks the *left* boundary (that the text before the start is not a letter or
//!   digit, so `x21` or `often` are not numbers);
//! - number **words** check their own *right* boundary (`one` does not match in `once`);
//! - **digits** do not: `parse_number("21st")` is `(21.0, 2)` and `parse_number("5bn")` is
//!   `(5.0, 1)`, so the caller can read a suffix (`st`, `bn`, `%`) or reject a glued letter.
//!
//! | function | matches | value |
//! |---|---|---|
//! | [`parse_number`] / [`parse_decimal`] | `1,234.5`, `937.6`, `nineteen`, `twenty-one`, `a hundred and five`, `four-point-six`, `half`, `two and a half`, `a dozen` | the number |
//! | [`parse_ordinal`] | `first`, `21st`, `twenty-first`, `3rd` | the rank |
//! | [`parse_scale`] | `thousand`, `million`, `billion`, `trillion`, `bn`, `mn`, `m`, `k`, `crore`, `lakh` | the multiplier |
//! | [`parse_quantity`] | a number then an optional scale: `1.5 billion`, `5bn`, `four-point-six billion`, `a million` | the product |
//!
//! Word numbers know `hundred` and `thousand` (`two thousand and five` is 2005) but stop before
//! `million`/`billion`/`trillion`: those belong to [`parse_scale`], which keeps
//! `four-point-six billion` as "4.6 times a billion" in every caller.
//!
//! ```
//! use almanac_time::number::{parse_number, parse_ordinal, parse_quantity};
//!
//! assert_eq!(parse_number("nineteen days"), Some((19.0, 8)));
//! assert_eq!(parse_number("1,234.5 tons"), Some((1234.5, 7)));
//! assert_eq!(parse_number("four-point-six billion"), Some((4.6, 14)));
//! assert_eq!(parse_ordinal("twenty-first century"), Some((21, 12)));
//! assert_eq!(parse_quantity("937.6 billion won"), Some((937_600_000_000.0, 13)));
//! ```

use crate::words;

/// An exact decimal: `mantissa / 10^decimals`. `937.6` is `{ mantissa: 9376, decimals: 1 }`.
///
/// Keeping the decimal exact lets callers scale it without binary rounding noise:
/// `937.6 billion` is exactly `937_600_000_000.0`, not `937_599_999_999.9999`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The digits without the decimal point.
    pub mantissa: u64,
    /// How many of those digits are after the decimal point.
    pub decimals: u32,
}

impl Decimal {
    /// The value as a float.
    pub fn value(self) -> f64 {
        self.mantissa as f64 / pow10(self.decimals)
    }

    /// The value multiplied by `factor`, rounding once (exact when the result fits in 2^53).
    pub fn scaled(self, factor: f64) -> f64 {
        self.mantissa as f64 * factor / pow10(self.decimals)
    }
}

/// 10^n as a float (exact up to 10^22).
fn pow10(n: u32) -> f64 {
    10f64.powi(n.min(300) as i32)
}

/// A multiplier word found by [`parse_scale`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The multiplier: `billion` and `bn` are `1e9`, `crore` is `1e7`.
    pub factor: f64,
    /// True for abbreviations (`bn`, `mn`, `m`, `k`, `tn`) that are only safe right after a
    /// currency amount (`$5m`, `€3bn`): `5 m` alone may be five metres.
    pub abbreviated: bool,
}

/// Parses a number at the start of `text`: digits (`1,234.5`, `937.6`, `2023`) or words
/// (`nineteen`, `twenty-one`, `a hundred and five`, `four-point-six`, `half`, `a dozen`).
///
/// Returns the value and the number of bytes consumed. Digits: a comma is a thousands separator
/// only before exactly three digits (`1,234` but `3,4` stops at `3`); a point is decimal only
/// before a digit (`6.` stops at `6`). Digits do not check what follows them (see the module
/// docs); words do. Returns `None` for more than 19 significant digits.
pub fn parse_number(text: &str) -> Option<(f64, usize)> {
    parse_decimal(text).map(|(d, n)| (d.value(), n))
}

/// Like [`parse_number`], but returns the exact [`Decimal`].
pub fn parse_decimal(text: &str) -> Option<(Decimal, usize)> {
    let bytes = text.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_digit() => parse_digits(bytes),
        Some(b) if b.is_ascii_alphabetic() => parse_words(text),
        _ => None,
    }
}

/// Parses a number then an optional scale word: `1.5 billion`, `5bn`, `four-point-six billion`,
/// `a million`, `28 million`. Returns the product and the bytes consumed.
///
/// Between the number and a full scale word one run of spaces or a hyphen is allowed
/// (`1.5 billion`, `1.5-billion`); abbreviations (`bn`, `m`, `k`) must be glued to digits
/// (`5bn`, `5m`), or follow a single space if two letters or more (`5 bn`, but not `5 m`). A bare `a` counts as one before a full scale word
/// only (`a million`, not `a m`).
pub fn parse_quantity(text: &str) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    // "a" SCALE: "a million", "a billion"
    if let Some(after_a) = article(text) {
        if let Some((scale, n)) = parse_scale(&text[after_a..]) {
            if !scale.abbreviated {
                return Some((scale.factor, after_a + n));
            }
        }
    }
    let (d, n) = parse_decimal(text)?;
    let rest = &text[n..];
    let digits = bytes.first().is_some_and(u8::is_ascii_digit);
    // glued: "5bn", "3m"
    if digits {
        if let Some((scale, m)) = parse_scale(rest) {
            return Some((d.scaled(scale.factor), n + m));
        }
    }
    let gap = separator(rest.as_bytes());
    if gap > 0 && gap < rest.len() {
        if let Some((scale, m)) = parse_scale(&rest[gap..]) {
            let single_space = gap == 1 && rest.as_bytes()[0] == b' ';
            // "5 bn" is fine, "5 m" may be five metres
            if !scale.abbreviated || (digits && single_space && m >= 2) {
                return Some((d.scaled(scale.factor), n + gap + m));
            }
        }
    }
    Some((d.value(), n))
}

/// Parses a scale word at the start of `text` (no leading space): the words of
/// [`words::SCALE_WORDS`] and [`words::SCALE_SPELLINGS`] (`thousand`, `million`, `billion`,
/// `trillion`, `crore` (1e7), `lakh` (1e5), `lac`) and their plurals, and the abbreviations of
/// [`words::SCALE_ABBREVIATIONS`] (`k`, `m`, `mn`, `bn`, `tn`...) and `MM` (see
/// [`Scale::abbreviated`]).
/// The word must end at a non-letter, so `m` does not match in `metres`.
pub fn parse_scale(text: &str) -> Option<(Scale, usize)> {
    let (word, len) = ascii_word(text)?;
    let word = &word[..len.min(word.len())];
    let full = |w: &[u8]| {
        words::SCALE_WORDS
            .iter()
            .chain(words::SCALE_SPELLINGS)
            .find(|(s, _)| s.as_bytes() == w)
            .map(|(_, factor)| (*factor, false))
    };
    let (factor, abbreviated) = full(word)
        // "thousands", "crores"
        .or_else(|| word.strip_suffix(b"s").and_then(full))
        .or_else(|| {
            words::SCALE_ABBREVIATIONS
                .iter()
                .find(|(s, _)| s.as_bytes() == word)
                .map(|(_, factor)| (*factor, true))
        })
        // "$2MM", as bankers write a million; lowercase "mm" is millimetres
        .or_else(|| (word == b"mm" && text.as_bytes().starts_with(b"MM")).then_some((1e6, true)))?;
    // "5m." or "5bn," are fine; "5m2" is not a scale.
    if text.as_bytes().get(len).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((
        Scale {
            factor,
            abbreviated,
        },
        len,
    ))
}

/// Parses an ordinal at the start of `text`: `first`..`twentieth`, `thirtieth`.. `ninetieth`,
/// `hundredth`, `thousandth`, `twenty-first` (or `twenty first`), and digits with a suffix
/// (`1st`, `22nd`, `3rd`, `4th`, any of the four suffixes accepted). Returns the rank and the
/// bytes consumed; the ordinal must end at a non-alphanumeric character.
pub fn parse_ordinal(text: &str) -> Option<(u32, usize)> {
    let bytes = text.as_bytes();
    if bytes.first()?.is_ascii_digit() {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 9 {
            return None;
        }
        let (suffix, len) = ascii_word(&text[digits..])?;
        if len != 2 || !matches!(&suffix[..2], b"st" | b"nd" | b"rd" | b"th") {
            return None;
        }
        let value = bytes[..digits]
            .iter()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
        return Some((value, digits + 2));
    }
    let (word, len) = ascii_word(text)?;
    let word = &word[..len.min(word.len())];
    if let Some(v) = crate::words::ordinal_value(word) {
        return Some((v, len));
    }
    // TENS "-" ORDINAL-UNIT: "twenty-first", "thirty first"
    if let Some(Token::Ten(tens)) = token(word) {
        let gap = separator(&bytes[len..]);
        if gap == 1 {
            let start = len + gap;
            if let Some((unit, ulen)) = text.get(start..).and_then(ascii_word) {
                if let Some(v @ 1..=9) = crate::words::ordinal_value(&unit[..ulen.min(unit.len())])
                {
                    return Some((tens + v, start + ulen));
                }
            }
        }
    }
    None
}

/// The longest word we lowercase; longer runs of letters are never number words.
const MAX_WORD: usize = 12;

/// Reads the run of ASCII letters at the start of `bytes`, lowercased into a stack buffer.
/// Returns the buffer and the run's length in bytes; `None` if the run is empty or longer than
/// [`MAX_WORD`], or is followed by a non-ASCII letter (so `caf` in `café` is no word).
fn ascii_word(text: &str) -> Option<([u8; MAX_WORD], usize)> {
    let bytes = text.as_bytes();
    let len = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if len == 0 || len > MAX_WORD {
        return None;
    }
    if text[len..].chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    for (slot, b) in buf.iter_mut().zip(&bytes[..len]) {
        *slot = b.to_ascii_lowercase();
    }
    Some((buf, len))
}

/// Bytes of separator at the start of `bytes`: a run of spaces, or a single hyphen. 0 if none.
fn separator(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b'-') => 1,
        Some(b' ') => bytes.iter().take_while(|b| **b == b' ').count(),
        _ => 0,
    }
}

/// If `bytes` starts with the word `a` or `an` and a separator, the offset after them.
fn article(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (word, len) = ascii_word(text)?;
    if !(len == 1 && word[0] == b'a' || len == 2 && &word[..2] == b"an") {
        return None;
    }
    match bytes.get(len) {
        Some(b' ') => Some(len + separator(&bytes[len..])),
        _ => None,
    }
}

// DIGITS ("," DDD)* ("." DIGITS)?   e.g. "1,234.5", "937.6", "2023"
fn parse_digits(bytes: &[u8]) -> Option<(Decimal, usize)> {
    let mut mantissa: u64 = 0;
    let mut significant = 0u32;
    let mut push = |b: u8, mantissa: &mut u64| -> Option<()> {
        if *mantissa == 0 && b == b'0' {
            return Some(());
        }
        significant += 1;
        if significant > 19 {
            return None;
        }
        *mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        Some(())
    };
    let lead = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    for &b in &bytes[..lead] {
        push(b, &mut mantissa)?;
    }
    let mut pos = lead;
    // "," DDD, only after a first group of 1-3 digits, and only if not followed by a 4th digit
    if lead <= 3 {
        while bytes.get(pos) == Some(&b',')
            && bytes.len() >= pos + 4
            && bytes[pos + 1..pos + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(pos + 4).is_some_and(u8::is_ascii_digit)
        {
            for &b in &bytes[pos + 1..pos + 4] {
                push(b, &mut mantissa)?;
            }
            pos += 4;
        }
    }
    let mut decimals = 0u32;
    if bytes.get(pos) == Some(&b'.') && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) {
        pos += 1;
        while let Some(&b) = bytes.get(pos).filter(|b| b.is_ascii_digit()) {
            if mantissa == 0 && b == b'0' {
                // leading zeros after the point are not significant, but count as decimals
            } else {
                push(b, &mut mantissa)?;
            }
            decimals = decimals.saturating_add(1);
            pos += 1;
        }
    }
    Some((Decimal { mantissa, decimals }, pos))
}

/// One number word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// zero..nine
    Unit(u32),
    /// ten..nineteen
    Teen(u32),
    /// twenty, thirty, .. ninety
    Ten(u32),
    /// hundred
    Hundred,
    /// thousand
    Thousand,
    /// dozen
    Dozen,
    /// and
    And,
    /// point
    Point,
    /// half
    Half,
}

/// Classifies a lowercased word (the values of number words are [`crate::words`]').
fn token(word: &[u8]) -> Option<Token> {
    use Token::*;
    Some(match word {
        b"hundred" => Hundred,
        b"thousand" => Thousand,
        b"dozen" => Dozen,
        b"and" => And,
        b"point" => Point,
        b"half" => Half,
        _ => match crate::words::number_value(word)? {
            v @ 0..=9 => Unit(v),
            v @ 10..=19 => Teen(v),
            v => Ten(v),
        },
    })
}

/// Reads the token at `pos`, returning it and the offset just after it.
fn token_at(text: &str, pos: usize) -> Option<(Token, usize)> {
    let (word, len) = ascii_word(text.get(pos..)?)?;
    Some((token(&word[..len])?, pos + len))
}

/// After an accepted word ending at `end`, the offset of the next word if a separator follows.
fn next_word(text: &str, end: usize) -> Option<usize> {
    let gap = separator(text.as_bytes().get(end..)?);
    (gap > 0).then_some(end + gap)
}

// WORDS: "nineteen", "twenty-one", "a hundred and five", "two thousand and five",
// "four-point-six", "half", "two and a half", "a dozen", "three dozen"
fn parse_words(bytes: &str) -> Option<(Decimal, usize)> {
    use Token::*;
    let mut total: u64 = 0; // thousands already closed
    let mut current: u64 = 0; // the group under construction
    let mut end = 0usize; // end of the last accepted word
    let mut last: Option<Token> = None;
    let mut pos = 0usize;

    // "a" / "an" before hundred, thousand, dozen, half: "a hundred", "a dozen", "a half"
    if let Some(after) = article(bytes) {
        match token_at(bytes, after) {
            Some((Hundred, e)) => {
                current = 100;
                last = Some(Hundred);
                end = e;
            }
            Some((Thousand, e)) => {
                total = 1000;
                last = Some(Thousand);
                end = e;
            }
            Some((Dozen, e)) => return Some((Decimal::int(12), e)),
            Some((Half, e)) => return Some((Decimal::half(0), e)),
            _ => return None,
        }
        pos = next_word(bytes, end).unwrap_or(usize::MAX);
    }

    while let Some((tok, after)) = token_at(bytes, pos) {
        match (last, tok) {
            (None, Half) => return Some((Decimal::half(0), after)),
            (None | Some(Hundred | Thousand | And), Unit(v) | Teen(v) | Ten(v))
            | (Some(Ten(_)), Unit(v)) => {
                if matches!(last, Some(Ten(_))) && v == 0 {
                    break;
                }
                current += u64::from(v);
                last = Some(tok);
                end = after;
            }
            (Some(Unit(_) | Teen(_) | Ten(_)), Hundred) if current % 100 != 0 => {
                if current >= 100 {
                    break; // "one hundred five hundred"
                }
                current *= 100;
                last = Some(Hundred);
                end = after;
            }
            (Some(Unit(_) | Teen(_) | Ten(_) | Hundred), Thousand) if total == 0 && current > 0 => {
                total = current * 1000;
                current = 0;
                last = Some(Thousand);
                end = after;
            }
            (Some(Unit(_) | Teen(_) | Ten(_) | Hundred | Thousand), Dozen) => {
                let n = total + current.max(1);
                return Some((Decimal::int(n * 12), after));
            }
            (Some(Hundred | Thousand), And) => {
                // only if a number word follows: "a hundred and five"
                let next = next_word(bytes, after);
                match next.and_then(|n| token_at(bytes, n)) {
                    Some((Unit(_) | Teen(_) | Ten(_), _)) => {
                        last = Some(And);
                        pos = next.unwrap_or(usize::MAX);
                        continue;
                    }
                    _ => break,
                }
            }
            (Some(Unit(_) | Teen(_) | Ten(_)), And) => {
                // "two and a half"
                let Some(a) = next_word(bytes, after) else {
                    break;
                };
                let Some(after_a) = bytes.get(a..).and_then(article) else {
                    break;
                };
                match token_at(bytes, a + after_a) {
                    Some((Half, e)) => return Some((Decimal::half(total + current), e)),
                    _ => break,
                }
            }
            (Some(Unit(_) | Teen(_) | Ten(_)), Point) => {
                // "four point six", "four-point-two five"
                let whole = total + current;
                let mut mantissa = whole;
                let mut decimals = 0u32;
                let mut p = next_word(bytes, after);
                let mut frac_end = None;
                while let Some((Unit(d), e)) = p.and_then(|p| token_at(bytes, p)) {
                    if decimals >= 9 {
                        break;
                    }
                    mantissa = mantissa * 10 + u64::from(d);
                    decimals += 1;
                    frac_end = Some(e);
                    p = next_word(bytes, e);
                }
                match frac_end {
                    Some(e) => return Some((Decimal { mantissa, decimals }, e)),
                    None => break,
                }
            }
            _ => break,
        }
        match next_word(bytes, end) {
            Some(n) => pos = n,
            None => break,
        }
    }
    if last.is_none() || matches!(last, Some(And)) {
        return None;
    }
    Some((Decimal::int(total + current), end))
}

impl Decimal {
    /// An integer.
    fn int(n: u64) -> Self {
        Decimal {
            mantissa: n,
            decimals: 0,
        }
    }

    /// `n` and a half.
    fn half(n: u64) -> Self {
        Decimal {
            mantissa: n * 10 + 5,
            decimals: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a parser is expected to return: value and consumed text, or nothing.
    enum Want {
        Number(f64, &'static str),
        Ordinal(u32, &'static str),
        Scale(f64, &'static str),
        Quantity(f64, &'static str),
        /// `parse_number` finds nothing.
        None,
        /// `parse_ordinal` finds nothing.
        NoOrdinal,
    }

    /// A parser's answer: the value and the consumed prefix.
    type Found<'a> = Option<(f64, &'a str)>;

    /// Runs the parser named by `want` on `text` and compares value and consumed prefix.
    fn check(text: &str, want: Want) {
        let (got, expected): (Option<(f64, usize)>, Found<'_>) = match want {
            Want::Number(v, s) => (parse_number(text), Some((v, s))),
            Want::Ordinal(v, s) => (
                parse_ordinal(text).map(|(v, n)| (f64::from(v), n)),
                Some((f64::from(v), s)),
            ),
            Want::Scale(v, s) => (parse_scale(text).map(|(s, n)| (s.factor, n)), Some((v, s))),
            Want::Quantity(v, s) => (parse_quantity(text), Some((v, s))),
            Want::None => (parse_number(text), None),
            Want::NoOrdinal => (parse_ordinal(text).map(|(v, n)| (f64::from(v), n)), None),
        };
        let got: Found<'_> = got.map(|(v, n)| (v, &text[..n]));
        assert_eq!(got, expected, "input {text:?}");
    }

    #[test]
    fn digits() {
        check("2023", Want::Number(2023.0, "2023"));
        check("1,234.5 tons", Want::Number(1234.5, "1,234.5"));
        check("937.6 billion", Want::Number(937.6, "937.6"));
        check("10,000,000 people", Want::Number(1e7, "10,000,000"));
        check("3,4", Want::Number(3.0, "3"));
        check("1,2345", Want::Number(1.0, "1"));
        check("1234,567", Want::Number(1234.0, "1234"));
        check("6:05", Want::Number(6.0, "6"));
        check("6. Next", Want::Number(6.0, "6"));
        check("0.05%", Want::Number(0.05, "0.05"));
        check("007", Want::Number(7.0, "007"));
        check("21st", Want::Number(21.0, "21"));
        check("5bn", Want::Number(5.0, "5"));
        check("1.2.3", Want::Number(1.2, "1.2"));
        check("99999999999999999999999", Want::None);
        check("", Want::None);
        check(" 5", Want::None);
    }

    #[test]
    fn words() {
        check("nineteen days", Want::Number(19.0, "nineteen"));
        check("Twenty-One", Want::Number(21.0, "Twenty-One"));
        check("twenty one", Want::Number(21.0, "twenty one"));
        check(
            "four-point-six billion",
            Want::Number(4.6, "four-point-six"),
        );
        check(
            "four point two five",
            Want::Number(4.25, "four point two five"),
        );
        check(
            "a hundred and five",
            Want::Number(105.0, "a hundred and five"),
        );
        check("one hundred", Want::Number(100.0, "one hundred"));
        check(
            "two thousand and five",
            Want::Number(2005.0, "two thousand and five"),
        );
        check(
            "three hundred forty-two thousand",
            Want::Number(342_000.0, "three hundred forty-two thousand"),
        );
        check("a thousand parts", Want::Number(1000.0, "a thousand"));
        check("half a year", Want::Number(0.5, "half"));
        check("two and a half years", Want::Number(2.5, "two and a half"));
        check("a dozen eggs", Want::Number(12.0, "a dozen"));
        check("three dozen", Want::Number(36.0, "three dozen"));
        check("one and only", Want::Number(1.0, "one"));
        check("five and six", Want::Number(5.0, "five"));
        check("ten point", Want::Number(10.0, "ten"));
        check("twenty twenty", Want::Number(20.0, "twenty"));
        check("nine eleven", Want::Number(9.0, "nine"));
        check("hundred", Want::None);
        check("once", Want::None);
        check("tenfold", Want::None);
        check("a year", Want::None);
        check("and", Want::None);
        check("ones", Want::None);
        check("oneé", Want::None);
    }

    #[test]
    fn ordinals() {
        check("first", Want::Ordinal(1, "first"));
        check("21st century", Want::Ordinal(21, "21st"));
        check("3RD", Want::Ordinal(3, "3RD"));
        check("twenty-first", Want::Ordinal(21, "twenty-first"));
        check("thirty first", Want::Ordinal(31, "thirty first"));
        check("twelfth", Want::Ordinal(12, "twelfth"));
        check("twentieth", Want::Ordinal(20, "twentieth"));
        check("21", Want::NoOrdinal);
        check("21stx", Want::NoOrdinal);
        check("firstly", Want::NoOrdinal);
        check("twenty", Want::NoOrdinal);
    }

    #[test]
    fn scales() {
        check("million", Want::Scale(1e6, "million"));
        check("Billion dollars", Want::Scale(1e9, "Billion"));
        check("bn,", Want::Scale(1e9, "bn"));
        check("crore", Want::Scale(1e7, "crore"));
        check("lakh", Want::Scale(1e5, "lakh"));
        check("lacs", Want::Scale(1e5, "lacs"));
        check("Thousands of", Want::Scale(1e3, "Thousands"));
        check("MM.", Want::Scale(1e6, "MM"));
        check("2MM", Want::Quantity(2e6, "2MM"));
        check("2mm", Want::Quantity(2.0, "2"));
        check("2MMM", Want::Quantity(2.0, "2"));
        check("5ms", Want::Quantity(5.0, "5"));
        check(
            "937.6 billion won",
            Want::Quantity(937_600_000_000.0, "937.6 billion"),
        );
        check(
            "4.6 billion",
            Want::Quantity(4_600_000_000.0, "4.6 billion"),
        );
        check("5bn", Want::Quantity(5e9, "5bn"));
        check("5 bn", Want::Quantity(5e9, "5 bn"));
        check("5 m tall", Want::Quantity(5.0, "5"));
        check("5  m", Want::Quantity(5.0, "5"));
        check("5 metres", Want::Quantity(5.0, "5"));
        check("a million", Want::Quantity(1e6, "a million"));
        check("a m", Want::None);
        check(
            "four-point-six billion dollars",
            Want::Quantity(4.6e9, "four-point-six billion"),
        );
        check("two m", Want::Quantity(2.0, "two"));
        check(
            "135.7 million",
            Want::Quantity(135_700_000.0, "135.7 million"),
        );
        check("1.2-trillion", Want::Quantity(1.2e12, "1.2-trillion"));
    }

    proptest! {
        #[test]
        fn never_panics_and_consumes_a_prefix(text in "\\PC{0,40}|[0-9a-z ,.-]{0,40}") {
            for n in [
                parse_number(&text).map(|x| x.1),
                parse_quantity(&text).map(|x| x.1),
                parse_ordinal(&text).map(|x| x.1),
                parse_scale(&text).map(|x| x.1),
            ].into_iter().flatten() {
                prop_assert!(n > 0 && n <= text.len() && text.is_char_boundary(n));
            }
        }
    }
}
