//! Candidate search and tokenizing.
//!
//! One pass over the bytes finds trigger words (months, weekdays, units, relative words; one
//! hash probe per word, see [`crate::lex`]) and the start of every number. Each trigger opens
//! a small window of text around it; overlapping windows merge, and only the windows are
//! tokenized and handed to the grammar. Text between windows is never looked at again, which
//! keeps annotate fast on long documents.

use std::ops::Range;

use crate::lex::Table;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (ASCII or not).
    Word,
    /// A run of ASCII digits.
    Num,
    /// One punctuation character (`’` and dashes included).
    Punct,
}

/// One token of a window: a byte range of the annotated text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Byte offset of the token in the whole text.
    pub start: usize,
    /// Byte offset just after the token.
    pub end: usize,
    /// What the token is made of.
    pub kind: Kind,
    /// Whether whitespace separates this token from the previous one.
    pub space: bool,
    /// For words, the lists of [`crate::lex`] the word belongs to (0 otherwise).
    pub lex: u64,
}

/// Whether a lowercase word opens a window: a month or weekday name, one of
/// [`crate::words::TRIGGERS`], or a window word a rule computes (the scanner asks the
/// lexicon; this plain check is the tests' reference).
#[cfg(test)]
fn is_trigger(lower: &str) -> bool {
    crate::words::TRIGGERS.contains(&lower)
        || crate::words::MONTH_NAMES.contains(&lower)
        || crate::words::WEEKDAY_NAMES.contains(&lower)
        || crate::rules::RULES
            .iter()
            .filter_map(|r| r.triggers.windows)
            .any(|words| words().contains(&lower))
}

/// How far a window reaches before its first trigger and after its last one, in bytes.
const BEFORE: usize = 40;
const AFTER: usize = 48;

/// Byte classes for the trigger scan: 1 for ASCII letters, 2 for ASCII digits, 0 otherwise.
const CLASS: [u8; 256] = {
    let mut c = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        c[b] = if x.is_ascii_alphabetic() {
            1
        } else if x.is_ascii_digit() {
            2
        } else {
            0
        };
        b += 1;
    }
    c
};

/// The first index at or after `i` whose byte is no ASCII letter (or `bytes.len()`), eight
/// bytes at a time.
#[inline]
pub(crate) fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let y = x | (ONES * 0x20);
        let low7 = y & !HIGH;
        let ge_a = low7 + ONES * (0x80 - u64::from(b'a'));
        let gt_z = low7 + ONES * (0x80 - u64::from(b'z') - 1);
        let letters = ge_a & !gt_z & !x & HIGH;
        let others = !letters & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Calls `found(start, end)` for every trigger in `text`, in order: a trigger word (ASCII
/// case-insensitive) that starts a word (no ASCII letter or digit before it) and ends one (no
/// ASCII letter after it), `mid-`, `Q1`..`Q4`, `H1`, `H2`, or a digit that starts a number.
fn triggers(text: &str, lex: &Table, mut found: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let class = |i: usize| CLASS[usize::from(bytes[i])];
    let mut i = 0;
    while i < n {
        let c = class(i);
        if c == 0 {
            i += 1;
            continue;
        }
        // a word or number starts here: nothing alphanumeric before it
        let p = i;
        if c == 2 {
            found(p, p + 1);
            i += 1;
        } else {
            let q = letters_end(bytes, p + 1);
            let len = q - p;
            let next = bytes.get(q).copied();
            let b = bytes[p];
            if len == 3 && next == Some(b'-') && bytes[p..q].eq_ignore_ascii_case(b"mid") {
                found(p, q + 1);
            } else if len == 1 && matches!(b | 0x20, b'q' | b'h') {
                let max = if b | 0x20 == b'q' { b'4' } else { b'2' };
                if next.is_some_and(|d| (b'1'..=max).contains(&d))
                    && !bytes.get(q + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    found(p, q + 1);
                }
            } else if len <= 12 && lex.is_trigger_at(bytes, p, len) {
                found(p, q);
            }
            i = q;
        }
        while i < n && class(i) != 0 {
            i += 1;
        }
    }
}

/// Finds the windows of `text` worth handing to the grammar, in order and disjoint.
pub(crate) fn windows(text: &str, lex: &Table) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    triggers(text, lex, |s, e| {
        if text.as_bytes()[s].is_ascii_digit() {
            if let Some(cur) = &current {
                if s < cur.end.saturating_sub(AFTER / 2) {
                    return;
                }
            }
        }
        let start = window_start(text, s);
        let end = window_end(text, e);
        match &mut current {
            Some(cur) if start <= cur.end => cur.end = cur.end.max(end),
            _ => {
                if let Some(done) = current.take() {
                    out.push(done);
                }
                let start = out.last().map_or(start, |prev| start.max(prev.end));
                current = Some(start..end);
            }
        }
    });
    if let Some(done) = current {
        out.push(done);
    }
    out
}

/// A window start at most [`BEFORE`] bytes before `s`, just after a whitespace byte.
fn window_start(text: &str, s: usize) -> usize {
    let bytes = text.as_bytes();
    let lo = s.saturating_sub(BEFORE);
    if lo == 0 {
        return 0;
    }
    // first whitespace in lo..s, window starts after it
    match bytes[lo..s].iter().position(|b| b.is_ascii_whitespace()) {
        Some(p) => lo + p + 1,
        None => s,
    }
}

/// A window end at most [`AFTER`] bytes after `e`, at a whitespace byte (or the text end).
fn window_end(text: &str, e: usize) -> usize {
    let bytes = text.as_bytes();
    let hi = (e + AFTER).min(bytes.len());
    if hi == bytes.len() {
        return hi;
    }
    match bytes[e..hi].iter().rposition(|b| b.is_ascii_whitespace()) {
        Some(p) if e + p > e => e + p,
        _ => {
            // no whitespace: run to the end of the current word
            let mut end = e;
            while end < bytes.len() && !bytes[end].is_ascii_whitespace() && end < e + 4 * AFTER {
                end += 1;
            }
            while !text.is_char_boundary(end) {
                end += 1;
            }
            end
        }
    }
}

/// If the bytes at `i` are one of the multi-byte characters we treat as punctuation or space,
/// returns (length, is_space).
fn special(bytes: &[u8], i: usize) -> Option<(usize, bool)> {
    match bytes[i] {
        0xC2 if bytes.get(i + 1) == Some(&0xA0) => Some((2, true)),
        // ‘ ’ “ ” – —
        0xE2 if bytes.get(i + 1) == Some(&0x80)
            && matches!(
                bytes.get(i + 2),
                Some(0x98 | 0x99 | 0x9C | 0x9D | 0x93 | 0x94)
            ) =>
        {
            Some((3, false))
        }
        // thin/no-break spaces U+2009, U+202F
        0xE2 if bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0x89 | 0xAF)) =>
        {
            Some((3, true))
        }
        _ => None,
    }
}

/// Tokenizes `text[range]` into `out` (cleared first). `range` must lie on char boundaries.
pub(crate) fn tokenize<'a>(
    text: &'a str,
    range: Range<usize>,
    lex: &Table,
    out: &mut Vec<Tok<'a>>,
) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end.min(bytes.len());
    // about one token per three bytes of news text: one allocation instead of several regrowths
    out.reserve(end.saturating_sub(i) / 3 + 1);
    let mut space = true;
    while i < end {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if let Some((len, is_space)) = special(bytes, i) {
            i += len;
            if is_space {
                space = true;
                continue;
            }
            kind = Kind::Punct;
        } else if c.is_ascii_digit() {
            while i < end && bytes[i].is_ascii_digit() {
                i += 1;
            }
            kind = Kind::Num;
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            loop {
                i = letters_end(bytes, i).min(end);
                if i < end && bytes[i] >= 0x80 && special(bytes, i).is_none() {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = Kind::Word;
        } else {
            i += 1;
            kind = Kind::Punct;
        }
        // never split a character, whatever the range said (after an ASCII byte the next
        // byte always starts a character, so only a non-ASCII last byte needs the check)
        if bytes[i - 1] >= 0x80 {
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        let lex = if kind == Kind::Word {
            lex.lookup_at(crate::lex::Filter::Grammar, bytes, start, i - start)
        } else {
            0
        };
        out.push(Tok {
            text: &text[start..i],
            start,
            end: i,
            kind,
            space,
            lex,
        });
        space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let bytes = text.as_bytes();
        for i in 0..=bytes.len() {
            let mut want = i;
            while want < bytes.len() && bytes[want].is_ascii_alphabetic() {
                want += 1;
            }
            assert_eq!(letters_end(bytes, i), want, "{text:?} at {i}");
        }
    }

    /// The trigger scan, one byte at a time.
    fn triggers_bytewise(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let p = i;
            if bytes[p].is_ascii_digit() {
                out.push((p, p + 1));
            } else {
                let q = letters_end(bytes, p + 1);
                let next = bytes.get(q).copied();
                let lower = text[p..q].to_ascii_lowercase();
                let mid = lower == "mid" && next == Some(b'-');
                let period = (lower == "q" && next.is_some_and(|d| (b'1'..=b'4').contains(&d))
                    || lower == "h" && next.is_some_and(|d| (b'1'..=b'2').contains(&d)))
                    && !bytes.get(q + 1).is_some_and(u8::is_ascii_alphabetic);
                if mid || period {
                    out.push((p, q + 1));
                } else if is_trigger(&lower) {
                    out.push((p, q));
                }
            }
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
        }
        out
    }

    fn check_triggers(text: &str) {
        let mut fast = Vec::new();
        triggers(text, crate::rules::lexicon(), |s, e| fast.push((s, e)));
        assert_eq!(fast, triggers_bytewise(text), "{text:?}");
    }

    #[test]
    fn trigger_scan() {
        check_triggers("");
        check_triggers("May");
        check_triggers("In May 2019, mid-March, Q3 and H1 results; q12 and FY2023 or COVID19.");
        check_triggers("caf\u{e9}day \u{e9}t\u{e9} Monday\u{a0}5 days\tago\nlast year's 1990s");
        check_triggers("midyear mid- Mid-2019 MIDDAY mayor 12345678 abcdefgh Q1a Q5 H3 h2");
        check_triggers(include_str!("../tests/cases.tsv"));
        check_triggers(include_str!("../../../fixtures/time/heldout.tsv"));
        // every offset within a chunk
        for pad in 0..9 {
            let text = format!("{}March 3 and now, yesterday", "x ".repeat(pad));
            check_triggers(&text);
            check_triggers(&text[..text.len() - pad]);
        }
    }

    #[test]
    fn letter_runs() {
        check("");
        check("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ 09 -é'a");
        check("Monday, 21 January 2020 \u{2014} caf\u{e9}s and na\u{ef}ve");
        let all: Vec<u8> = (0..=255u8).collect();
        for i in 0..all.len() {
            let mut want = i;
            while want < all.len() && all[want].is_ascii_alphabetic() {
                want += 1;
            }
            assert_eq!(letters_end(&all, i), want);
        }
    }
}
