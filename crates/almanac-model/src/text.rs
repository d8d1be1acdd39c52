//! Pure text helpers shared by the parsers and the extractor.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::vocab::{TitleUse, titles};

/// A stable content id: the first 16 hex digits of the SHA-256 of `bytes`.
pub fn content_id(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut id = String::with_capacity(16);
    for b in &digest[..8] {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    id
}

/// 1-based (line, column) of a byte offset in `source`; the column counts characters.
/// Offsets past the end are clamped to the end; offsets inside a character are rounded down.
pub fn line_column(source: &str, byte_offset: usize) -> (u32, u32) {
    let mut offset = byte_offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// Splits `text` into sentences, as byte ranges with surrounding whitespace trimmed.
///
/// A byte scan, linear in the input, that never panics. A sentence ends at `.`, `!`, `?` or
/// `…` (any run of them, plus closing quotes and brackets: a sentence ending `."` keeps its
/// closing quote) when whitespace follows and the next word starts like a sentence: an
/// uppercase letter, a digit, an opening quote or bracket, or a non-Latin letter. So:
///
/// - decimals (`4.6`), URLs (`example.com`) and `U.S.-based` never end a sentence (no
///   whitespace follows the period);
/// - ellipses and dots before a lowercase word (`kicked in,.... small firms`) do not either;
/// - titles and initials (`Mr.`, `Dr.`, `Gen.`, `J. Smith`, `S. Korea`) and `No.`/month
///   abbreviations before a number (`No. 1`, `Dec. 2023`) never end one;
/// - abbreviations that may also close a sentence (`U.S.`, `Inc.`, `Ltd.`, `Corp.`, `Dec.`)
///   end one only when the next word is a typical sentence opener (`The`, `It`, `But`...).
///
/// Line breaks: in a *line-based* paragraph (transcripts, lists, captions — at least half of
/// its line breaks follow sentence punctuation), every line break ends a sentence, so an
/// unpunctuated line (`Why It Matters`) stands alone. In a hard-wrapped prose paragraph
/// (most lines end mid-sentence), a line break is ordinary whitespace.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let line_based = is_line_based(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // only a line break, `.`, `!`, `?` or the first byte of `…` can end a sentence
        match bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'\n' | b'.' | b'!' | b'?' | 0xE2))
        {
            Some(skip) => i += skip,
            None => break,
        }
        let b = bytes[i];
        if b == b'\n' && line_based {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
            i += 1;
            continue;
        }
        let term_len = terminator_len(bytes, i);
        if term_len == 0 {
            i += 1;
            continue;
        }
        // The whole run of terminators (`?!`, `...`, `.…`).
        let run_start = i;
        let mut j = i;
        loop {
            let l = terminator_len(bytes, j);
            if l == 0 {
                break;
            }
            j += l;
        }
        // Closing quotes and brackets.
        loop {
            let l = closer_len(bytes, j);
            if l == 0 {
                break;
            }
            j += l;
        }
        let end = j;
        // Whitespace must follow (or the text ends).
        let mut k = j;
        let mut newline = false;
        while k < bytes.len() && bytes[k].is_ascii_whitespace() {
            newline |= bytes[k] == b'\n';
            k += 1;
        }
        if k == bytes.len() {
            break;
        }
        if k == end || (newline && line_based) {
            // No whitespace: `4.6`, `U.S.-based`; or a line-based break handled at the newline.
            i = end.max(i + 1);
            continue;
        }
        let single_period = end - run_start >= 1 && bytes[run_start] == b'.' && {
            let mut n = run_start + 1;
            while closer_len(bytes, n) > 0 {
                n += closer_len(bytes, n);
            }
            n == end
        };
        if opens_sentence(text, k) && !(single_period && abbreviation_holds(text, run_start, k)) {
            push_trimmed(text, start..end, &mut out);
            start = k;
        }
        i = k;
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

/// Whether a paragraph's line breaks mark sentence or line ends (transcripts) rather than
/// hard wrapping: at least half of its line breaks follow sentence punctuation.
fn is_line_based(text: &str) -> bool {
    let mut breaks = 0usize;
    let mut punctuated = 0usize;
    let mut lines = text.split('\n').map(str::trim_end).peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_none() {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        breaks += 1;
        let last = line.chars().next_back().unwrap_or(' ');
        if matches!(last, '.' | '!' | '?' | '…' | '"' | '”' | '’' | ':' | ')') {
            punctuated += 1;
        }
    }
    breaks > 0 && punctuated * 2 >= breaks
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(range.clone()) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

/// Length in bytes of a sentence terminator at `i` (`.`, `!`, `?`, `…`), else 0.
fn terminator_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) => 3,
        _ => 0,
    }
}

/// Length in bytes of a closing quote or bracket at `i`, else 0.
fn closer_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"' | b'\'' | b')' | b']') => 1,
        // ” (E2 80 9D) and ’ (E2 80 99)
        Some(0xE2)
            if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x9D | 0x99)) =>
        {
            3
        }
        _ => 0,
    }
}

/// Whether the text at `k` looks like the start of a sentence.
fn opens_sentence(text: &str, k: usize) -> bool {
    let Some(c) = text.get(k..).and_then(|s| s.chars().next()) else {
        return false;
    };
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '-' | '—' | '•'
        )
        || (c.is_alphabetic() && !c.is_lowercase())
}

/// Abbreviations after which a period never ends a sentence, besides the title abbreviations
/// of `data/titles.tsv` (`Dr.`, `Gen.`: [`TitleUse::Abbreviation`]).
const STRONG_ABBREVIATIONS: &[&str] = &[
    "st", "mt", "ft", "vs", "etc", "approx", "dept", "est", "fig", "vol", "ave", "blvd",
];

/// Abbreviations that end a sentence only before a typical sentence opener, besides the
/// month abbreviations of [`almanac_time::words::month_abbreviations`] (`Jan.`, `Sept.`).
const WEAK_ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "corp", "co", "plc", "llc", "bros", "jr", "sr", "no", "nos", "gov't", "intl",
];

/// How strongly an abbreviation keeps a sentence going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    /// A period after it never ends a sentence.
    Strong,
    /// A period after it ends a sentence only before a typical opener.
    Weak,
}

/// Every abbreviation the splitter knows, lowercase, with its [`Hold`]: the lists above, the
/// title abbreviations of `data/titles.tsv` and the month abbreviations of almanac-time.
fn abbreviation(lower: &str) -> Option<Hold> {
    static MAP: OnceLock<HashMap<&'static str, Hold>> = OnceLock::new();
    MAP.get_or_init(|| {
        let strong = STRONG_ABBREVIATIONS
            .iter()
            .copied()
            .chain(titles().of(TitleUse::Abbreviation));
        let weak = WEAK_ABBREVIATIONS
            .iter()
            .copied()
            .chain(almanac_time::words::month_abbreviations());
        let mut map: HashMap<&'static str, Hold> = weak.map(|w| (w, Hold::Weak)).collect();
        map.extend(strong.map(|w| (w, Hold::Strong)));
        map
    })
    .get(lower)
    .copied()
}

/// Words that typically open a sentence; before them a weak abbreviation closes one.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "However",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "While",
    "When",
    "If",
    "Meanwhile",
    "Also",
    "Some",
    "Many",
    "Other",
    "Such",
    "His",
    "Her",
    "Their",
    "Our",
    "Last",
    "Next",
    "According",
    "For",
    "With",
    "Under",
    "Since",
    "Still",
    "Yet",
    "So",
    "Then",
    "Now",
    "Earlier",
    "Later",
    "Separately",
];

/// Whether the word before the period at `dot` is an abbreviation that keeps the sentence
/// going, given the next word starts at `next`.
fn abbreviation_holds(text: &str, dot: usize, next: usize) -> bool {
    let before = &text.as_bytes()[..dot];
    let mut w = dot;
    while w > 0
        && (before[w - 1].is_ascii_alphanumeric()
            || before[w - 1] == b'.'
            || before[w - 1] == b'\'')
    {
        w -= 1;
    }
    let word = text.get(w..dot).unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let next_word: &str = {
        let rest = text.get(next..).unwrap_or("");
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '\''))
            .unwrap_or(rest.len());
        &rest[..len]
    };
    let next_is_number = next_word.bytes().next().is_some_and(|b| b.is_ascii_digit());
    // Initials: `J. Smith`, `S. Korea`.
    if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    let hold = abbreviation(&lower);
    if hold == Some(Hold::Strong) {
        return true;
    }
    let dotted = word.contains('.'); // `U.S`, `U.K`, `e.g`, `a.m`
    if dotted || hold == Some(Hold::Weak) {
        if next_is_number {
            return true;
        }
        if lower == "no" || lower == "nos" {
            return false;
        }
        return !OPENERS.contains(&next_word);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` and compares the sentences with `expected`.
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, expected, "splitting {text:?}");
    }

    #[test]
    fn content_id_is_the_sha256_prefix_in_hex() {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de ...
        assert_eq!(content_id(b"abc"), "ba7816bf8f01cfea");
        assert_eq!(content_id(b"").len(), 16);
    }

    #[test]
    fn plain_sentences() {
        check(
            "Seoul said so. Tokyo agreed! Why? Yes.",
            &["Seoul said so.", "Tokyo agreed!", "Why?", "Yes."],
        );
        check("", &[]);
        check("   ", &[]);
        check("no final period", &["no final period"]);
    }

    #[test]
    fn every_title_and_month_abbreviation_holds() {
        let titles = titles().of(TitleUse::Abbreviation);
        for word in titles.chain(almanac_time::words::month_abbreviations()) {
            let capital = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            let text = format!("Talks with {capital}. 5 Lee ended. The rest left.");
            check(&text, &[&text[..text.len() - 15], "The rest left."]);
        }
    }

    #[test]
    fn abbreviations_do_not_split() {
        check(
            "S. Korea and the U.S. agreed. Mr. Kim met Dr. Lee in Dec. 2023 at No. 1 Main St.",
            &[
                "S. Korea and the U.S. agreed.",
                "Mr. Kim met Dr. Lee in Dec. 2023 at No. 1 Main St.",
            ],
        );
        check(
            "Tokyo Electron Ltd. and Apple Inc. signed.",
            &["Tokyo Electron Ltd. and Apple Inc. signed."],
        );
        check(
            "It bought Acme Inc. The deal closed.",
            &["It bought Acme Inc.", "The deal closed."],
        );
        check(
            "Sales rose in the U.S. The rest fell.",
            &["Sales rose in the U.S.", "The rest fell."],
        );
        check(
            "J. Smith and Jan. 5 talks.",
            &["J. Smith and Jan. 5 talks."],
        );
        check(
            "U.S.-based DuPont grew 4.6 percent.",
            &["U.S.-based DuPont grew 4.6 percent."],
        );
    }

    #[test]
    fn ellipses_and_quotes() {
        check(
            "Long before it kicked in,.... firms here tried. Parts... but they work.",
            &[
                "Long before it kicked in,.... firms here tried.",
                "Parts... but they work.",
            ],
        );
        check(
            "He said, \"We will invest.\" Then he left.",
            &["He said, \"We will invest.\"", "Then he left."],
        );
        check("“Done.” Next one.", &["“Done.”", "Next one."]);
        check("It ended… Then it began.", &["It ended…", "Then it began."]);
    }

    #[test]
    fn line_breaks() {
        // Line-based (transcript): every line is a sentence, even without punctuation.
        check(
            "Why It Matters\nMOTIE said so.\nKim reports.",
            &["Why It Matters", "MOTIE said so.", "Kim reports."],
        );
        // Hard-wrapped prose: line breaks are spaces.
        check(
            "The ministry said on Tuesday that it\nwould lift the curbs next month. Exporters\nwelcomed the move.",
            &[
                "The ministry said on Tuesday that it\nwould lift the curbs next month.",
                "Exporters\nwelcomed the move.",
            ],
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        check("...", &["..."]);
        check(". . A", &[". .", "A"]);
        check("é. Ü. 한국. 日本.", &["é.", "Ü.", "한국.", "日本."]);
        check("\u{2026}", &["\u{2026}"]);
    }
}
