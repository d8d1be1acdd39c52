//! A small lexicon: the word lists the scanner, the grammar and the tense guesser test words
//! against, merged into one table so that a word is lowercased and looked up once.
//!
//! A word (ASCII case-insensitive, at most 16 bytes) is packed into a `u128` and found by one
//! multiplicative hash probe; its value is a bit set of the lists it belongs to ([`STARTER`],
//! [`FUTURE`], ...). Words longer than 16 bytes belong to no list.

/// Can start a grammar rule (a trigger word of `rules::RULES`).
pub(crate) const STARTER: u64 = 1;
/// Continues an expression after "the" / "a" (`rules::AFTER_ARTICLE`).
pub(crate) const AFTER_ARTICLE: u64 = 1 << 1;
/// Can start a number in words (`number::parse_number`): `a`, `an`, `one`..`ninety`, ...
pub(crate) const NUM_START: u64 = 1 << 2;
/// Future cue of the tense guesser.
pub(crate) const FUTURE: u64 = 1 << 3;
/// Present cue of the tense guesser.
pub(crate) const PRESENT: u64 = 1 << 4;
/// Past cue of the tense guesser.
pub(crate) const PAST: u64 = 1 << 5;
/// An "-ed" word that is no past tense.
pub(crate) const NOT_PAST: u64 = 1 << 6;
/// A reporting verb ("said"): a weak tense cue.
pub(crate) const ATTRIBUTION: u64 = 1 << 7;
/// A trigger word of the scanner.
pub(crate) const TRIGGER: u64 = 1 << 8;

/// An ordinal word, or the tens that start one (`words::ORDINAL_WORDS`).
pub(crate) const ORDINAL: u64 = 1 << 24;

/// A word of `rules::APPROX_WORDS` ("about", "more", ...).
pub(crate) const APPROX: u64 = 1 << 25;

/// Where the index + 1 of a word in `words::UNITS` sits in a lexicon value (5 bits).
pub(crate) const UNIT_SHIFT: u32 = 9;
/// Where the index + 1 of a word in `words::MONTHS` sits (5 bits).
pub(crate) const MONTH_SHIFT: u32 = 14;
/// Where the index + 1 of a word in `words::WEEKDAYS` sits (5 bits).
pub(crate) const WEEKDAY_SHIFT: u32 = 19;

/// The 5-bit code at `shift` in the lexicon value `lex` (0: none).
#[inline]
pub(crate) fn code(lex: u64, shift: u32) -> usize {
    ((lex >> shift) & 31) as usize
}

const BITS: u64 = 12;

/// The lexicon: see the module docs.
pub(crate) struct Table {
    keys: Vec<u128>,
    vals: Vec<u64>,
    /// For each [`Filter`], a bit set over [`prefix`]: some word of its lists starts with
    /// these letters.
    filters: [[u64; 512]; 4],
}

/// Which lists a lookup is for: the prefix filter rejects words of no list in the group.
#[derive(Clone, Copy)]
pub(crate) enum Filter {
    /// Every list.
    All = 0,
    /// What tokens carry: [`STARTER`], [`AFTER_ARTICLE`], [`NUM_START`] and the rule bits.
    Grammar = 1,
    /// [`TRIGGER`].
    Trigger = 2,
    /// The tense cues: [`FUTURE`], [`PRESENT`], [`PAST`], [`NOT_PAST`], [`ATTRIBUTION`].
    Tense = 3,
}

/// The first three bytes of a word (fewer if shorter), five bits each: a cheap filter that
/// rejects most words before the hash lookup. `w` is not empty.
#[inline(always)]
fn prefix(w: &[u8]) -> usize {
    let b = |k: usize| w.get(k).map_or(0, |c| usize::from(c & 31));
    (b(0) << 10) | (b(1) << 5) | b(2)
}

/// Packs the lowercased `bytes[start..start + len]` into a `u128` key; `None` if the word is
/// longer than 16 bytes or empty.
#[inline]
fn key_at(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    if len == 0 || len > 16 || start + len > bytes.len() {
        return None;
    }
    let mask = |n: usize| {
        if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        }
    };
    let lo = lower8(load(bytes, start) & mask(len));
    let hi = if len > 8 {
        lower8(load(bytes, start + 8) & mask(len - 8))
    } else {
        0
    };
    Some(u128::from(lo) | (u128::from(hi) << 64))
}

/// Eight bytes of `bytes` from `at`, little-endian, zero past the end.
#[inline]
fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            let mut x = 0u64;
            for (k, b) in bytes.iter().skip(at).take(8).enumerate() {
                x |= u64::from(*b) << (8 * k);
            }
            x
        }
    }
}

#[inline]
fn key(word: &[u8]) -> Option<u128> {
    key_at(word, 0, word.len())
}

/// ASCII-lowercases eight bytes at once (other bytes unchanged).
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // high bit set in each byte >= 'A' and in each byte > 'Z' (on the low seven bits)
    let ge_a = low7 + ONES * (0x80 - u64::from(b'A'));
    let gt_z = low7 + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = ge_a & !gt_z & !x & HIGH;
    x | (upper >> 2)
}

#[inline]
fn slot(k: u128) -> usize {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize
}

/// Builds the lexicon from the lists of [`crate::words`] and the `grammar` lists the caller
/// adds (word list, bits to set: [`STARTER`] and rule bits, [`AFTER_ARTICLE`], [`APPROX`]).
pub(crate) fn build<'w>(grammar: impl IntoIterator<Item = (&'w [&'w str], u64)>) -> Table {
    {
        let size = 1usize << BITS;
        let mut t = Table {
            keys: vec![0; size],
            vals: vec![0; size],
            filters: [[0; 512]; 4],
        };
        let lists: [(&[&str], u64); 10] = [
            (crate::words::ORDINAL_WORDS, ORDINAL),
            (crate::words::NUM_START_WORDS, NUM_START),
            (crate::words::FUTURE_CUES, FUTURE),
            (crate::words::PRESENT_CUES, PRESENT),
            (crate::words::PAST_CUES, PAST),
            (crate::words::NOT_PAST, NOT_PAST),
            (crate::words::ATTRIBUTION, ATTRIBUTION),
            (crate::words::TRIGGERS, TRIGGER),
            (&crate::words::MONTH_NAMES, TRIGGER),
            (&crate::words::WEEKDAY_NAMES, TRIGGER),
        ];
        let coded = [
            (
                UNIT_SHIFT,
                crate::words::UNITS.iter().map(|u| u.0).collect::<Vec<_>>(),
            ),
            (
                MONTH_SHIFT,
                crate::words::MONTHS.iter().map(|m| m.0).collect(),
            ),
            (
                WEEKDAY_SHIFT,
                crate::words::WEEKDAYS.iter().map(|d| d.0).collect(),
            ),
        ];
        let mut add = |words: &[&str], bit: u64| {
            for w in words {
                let Some(k) = key(w.as_bytes()) else {
                    continue;
                };
                let p = prefix(w.as_bytes());
                let group = if bit == TRIGGER {
                    Filter::Trigger
                } else if bit & (FUTURE | PRESENT | PAST | NOT_PAST | ATTRIBUTION) != 0 {
                    Filter::Tense
                } else {
                    Filter::Grammar
                };
                for f in [Filter::All, group] {
                    t.filters[f as usize][p >> 6] |= 1 << (p & 63);
                }
                let mut s = slot(k);
                loop {
                    if t.keys[s] == 0 || t.keys[s] == k {
                        t.keys[s] = k;
                        t.vals[s] |= bit;
                        break;
                    }
                    s = (s + 1) & (size - 1);
                }
            }
        };
        for (words, bit) in lists.into_iter().chain(grammar) {
            add(words, bit);
        }
        for (shift, words) in &coded {
            for (k, w) in words.iter().enumerate() {
                add(std::slice::from_ref(w), ((k as u64) + 1) << shift);
            }
        }
        t
    }
}

impl Table {
    /// The lists `word` belongs to (ASCII case-insensitive), as a bit set; 0 for none.
    #[cfg(test)]
    pub(crate) fn lookup(&self, word: &[u8]) -> u64 {
        self.lookup_at(Filter::All, word, 0, word.len())
    }

    /// The lists of `filter` that the word `bytes[start..start + len]` belongs to (bits of
    /// other lists may be set too). It may read the bytes around the word.
    #[inline(always)]
    pub(crate) fn lookup_at(&self, filter: Filter, bytes: &[u8], start: usize, len: usize) -> u64 {
        let Some(w) = bytes.get(start..start + len) else {
            return 0;
        };
        if w.is_empty() || w.len() > 16 {
            return 0;
        }
        let p = prefix(w);
        if self.filters[filter as usize][p >> 6] & (1 << (p & 63)) == 0 {
            return 0;
        }
        probe(self, bytes, start, len)
    }

    /// Whether `bytes[start..start + len]` is a trigger word of the scanner.
    #[inline(always)]
    pub(crate) fn is_trigger_at(&self, bytes: &[u8], start: usize, len: usize) -> bool {
        self.lookup_at(Filter::Trigger, bytes, start, len) & TRIGGER != 0
    }
}

#[inline(never)]
fn probe(t: &Table, bytes: &[u8], start: usize, len: usize) -> u64 {
    let Some(k) = key_at(bytes, start, len) else {
        return 0;
    };
    let mask = t.keys.len() - 1;
    let mut s = slot(k);
    loop {
        let found = t.keys[s];
        if found == k {
            return t.vals[s];
        }
        if found == 0 {
            return 0;
        }
        s = (s + 1) & mask;
    }
}

/// A word ASCII-lowercased on the stack; words over 16 bytes become empty (no keyword is
/// that long).
pub(crate) struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    /// Lowercases `w`.
    #[inline]
    pub(crate) fn new(w: &str) -> Self {
        let mut buf = [0u8; 16];
        let len = if w.len() <= 16 { w.len() } else { 0 };
        for (b, c) in buf.iter_mut().zip(&w.as_bytes()[..len]) {
            *b = c.to_ascii_lowercase();
        }
        Lower { buf, len }
    }

    /// The lowercased word.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(word: &str, want: u64, mask: u64) {
        let table = crate::rules::lexicon();
        assert_eq!(table.lookup(word.as_bytes()) & mask, want, "{word}");
    }

    #[test]
    fn lists() {
        check("the", STARTER, STARTER);
        check("The", STARTER, STARTER);
        check("THE", STARTER, STARTER);
        check("thee", 0, u64::MAX);
        check("said", PAST | ATTRIBUTION, PAST | ATTRIBUTION);
        check("expected", FUTURE | NOT_PAST, FUTURE | NOT_PAST);
        check("nineteen", NUM_START | STARTER, NUM_START | STARTER);
        check("", 0, u64::MAX);
        check("abcdefghijklmnopqrstuvwxyz", 0, u64::MAX);
        check("JANUARY", TRIGGER, TRIGGER);
        check("@[`{", 0, u64::MAX);
        for b in 0..=255u8 {
            let mut want = [0u8; 8];
            want[0] = b.to_ascii_lowercase();
            assert_eq!(lower8(u64::from(b)), u64::from_le_bytes(want), "{b}");
        }
        // every listed word is found
        for (words, _) in crate::rules::rule_starts() {
            for w in words.iter().filter(|w| w.len() <= 16) {
                check(w, STARTER, STARTER);
            }
        }
        for w in crate::words::PAST_CUES {
            check(w, PAST, PAST);
        }
    }
}
