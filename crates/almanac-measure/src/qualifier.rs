//! Words that qualify an amount: `about`, `up to`, `more than` before it, `or more` after it.

use crate::Approx;

/// What a word before an amount says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    /// `about`, `up to`, `more than`, ...
    Approx(Approx),
    /// `between`: the amount opens a range (`between 4 and 6 percent`).
    Between,
}

use Approx::{About, AtLeast, AtMost};
use Qualifier::{Approx as Q, Between};

/// Phrases before an amount, lowercase, grouped by their last word so that one `match` on the
/// word before an amount finds the few phrases worth comparing.
fn phrases(last_word: &[u8]) -> &'static [(&'static str, Qualifier)] {
    match last_word {
        b"about" => &[("about", Q(About)), ("just about", Q(About))],
        b"around" => &[("around", Q(About))],
        b"approximately" => &[("approximately", Q(About))],
        b"approx" => &[("approx", Q(About))],
        b"roughly" => &[("roughly", Q(About))],
        b"nearly" => &[("nearly", Q(About))],
        b"almost" => &[("almost", Q(About))],
        b"some" => &[("some", Q(About))],
        b"estimated" => &[("estimated", Q(About)), ("an estimated", Q(About))],
        b"circa" => &[("circa", Q(About))],
        b"to" => &[("close to", Q(About)), ("up to", Q(AtMost))],
        b"than" => &[
            ("more than", Q(AtLeast)),
            ("greater than", Q(AtLeast)),
            ("no less than", Q(AtLeast)),
            ("not less than", Q(AtLeast)),
            ("less than", Q(AtMost)),
            ("fewer than", Q(AtMost)),
            ("no more than", Q(AtMost)),
            ("not more than", Q(AtMost)),
        ],
        b"over" => &[
            ("over", Q(AtLeast)),
            ("just over", Q(AtLeast)),
            ("well over", Q(AtLeast)),
        ],
        b"least" => &[("at least", Q(AtLeast))],
        b"of" => &[
            ("upwards of", Q(AtLeast)),
            ("in excess of", Q(AtLeast)),
            ("a minimum of", Q(AtLeast)),
            ("a maximum of", Q(AtMost)),
        ],
        b"exceeding" => &[("exceeding", Q(AtLeast))],
        b"above" => &[("above", Q(AtLeast))],
        b"most" => &[("at most", Q(AtMost))],
        b"under" => &[("under", Q(AtMost)), ("just under", Q(AtMost))],
        b"below" => &[("below", Q(AtMost))],
        b"as" => &[
            ("as much as", Q(AtMost)),
            ("as many as", Q(AtMost)),
            ("as high as", Q(AtMost)),
        ],
        b"between" => &[("between", Between)],
        _ => &[],
    }
}

/// Finds a qualifier phrase ending just before `start` (separated by spaces), not reaching
/// back before `floor`. Returns it and the offset where the phrase starts. The longest phrase
/// wins (`no more than` over `more than`).
pub(crate) fn before(text: &str, floor: usize, start: usize) -> Option<(Qualifier, usize)> {
    let region = text.get(floor..start)?;
    let t = region.trim_end_matches(' ');
    if t.len() == region.len() {
        return None;
    }
    // "approx." ends with a dot
    let t = t
        .strip_suffix('.')
        .filter(|h| h.ends_with("prox"))
        .unwrap_or(t);
    let n = t
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .take(14)
        .count();
    let mut word = [0u8; 14];
    for (slot, b) in word.iter_mut().zip(&t.as_bytes()[t.len() - n..]) {
        *slot = b.to_ascii_lowercase();
    }
    let mut best: Option<(Qualifier, usize)> = None;
    for (phrase, q) in phrases(&word[..n]) {
        let Some(from) = t.len().checked_sub(phrase.len()) else {
            continue;
        };
        if !t.is_char_boundary(from) || !t[from..].eq_ignore_ascii_case(phrase) {
            continue;
        }
        if t[..from]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            continue;
        }
        if best.is_none_or(|(_, b)| floor + from < b) {
            best = Some((*q, floor + from));
        }
    }
    best
}

/// Phrases after an amount.
const AFTER: &[(&str, Approx)] = &[
    (" or more", Approx::AtLeast),
    (" or so", Approx::About),
    ("-plus", Approx::AtLeast),
    (" or less", Approx::AtMost),
    (" or fewer", Approx::AtMost),
];

/// Bytes of qualifier (phrase and spaces) at the start of an amount's text: 14 for
/// `approximately $120 million`, 0 for `$120 million`.
pub(crate) fn leading_len(s: &str) -> usize {
    // the phrase is the text before the first digit or symbol, if it is a known qualifier
    let head_end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphabetic() || *c == ' ' || *c == '.'))
        .map_or(s.len(), |(i, _)| i);
    // try each space as the end of the phrase, longest first
    let head = &s[..head_end];
    for (i, _) in head.rmatch_indices(' ') {
        let candidate = &s[..i + 1];
        if before(candidate, 0, candidate.len()).is_some_and(|(_, from)| from == 0) {
            return i + 1;
        }
    }
    0
}

/// Bytes of qualifier at the end of an amount's text: 8 for `10 years or more`.
pub(crate) fn trailing_len(s: &str) -> usize {
    AFTER
        .iter()
        .find(|(phrase, _)| {
            s.len() >= phrase.len()
                && s.is_char_boundary(s.len() - phrase.len())
                && s[s.len() - phrase.len()..].eq_ignore_ascii_case(phrase)
        })
        .map_or(0, |(phrase, _)| phrase.len())
}

/// Phrases after an amount: ` or more`, ` or so`, ` or less`, ` or fewer`.
pub(crate) fn after(rest: &str) -> Option<(Approx, usize)> {
    AFTER.iter().find_map(|(phrase, a)| {
        let head = rest.get(..phrase.len())?;
        let next = rest[phrase.len()..].chars().next();
        (head.eq_ignore_ascii_case(phrase) && !next.is_some_and(char::is_alphanumeric))
            .then_some((*a, phrase.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the qualifier before the end of `text` (where an amount would start).
    fn check(text: &str, want: Option<(Qualifier, &str)>) {
        let got = before(text, 0, text.len()).map(|(q, s)| (q, &text[s..]));
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn phrases() {
        let about = Qualifier::Approx(Approx::About);
        let at_most = Qualifier::Approx(Approx::AtMost);
        let at_least = Qualifier::Approx(Approx::AtLeast);
        check("invest about ", Some((about, "about ")));
        check("fund Up to ", Some((at_most, "Up to ")));
        check("no more than ", Some((at_most, "no more than ")));
        check("poured in more than ", Some((at_least, "more than ")));
        check("takeover ", None);
        check("about", None);
        check("", None);
        check("between ", Some((Qualifier::Between, "between ")));
        check("approx. ", Some((about, "approx. ")));
        check("an estimated ", Some((about, "an estimated ")));
        check("a maximum of ", Some((at_most, "a maximum of ")));
    }
}
