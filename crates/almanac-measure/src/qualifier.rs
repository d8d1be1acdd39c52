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

/// Phrases before an amount, lowercase.
const BEFORE: &[(&str, Qualifier)] = &[
    ("about", Qualifier::Approx(Approx::About)),
    ("around", Qualifier::Approx(Approx::About)),
    ("approximately", Qualifier::Approx(Approx::About)),
    ("approx.", Qualifier::Approx(Approx::About)),
    ("roughly", Qualifier::Approx(Approx::About)),
    ("nearly", Qualifier::Approx(Approx::About)),
    ("almost", Qualifier::Approx(Approx::About)),
    ("some", Qualifier::Approx(Approx::About)),
    ("an estimated", Qualifier::Approx(Approx::About)),
    ("estimated", Qualifier::Approx(Approx::About)),
    ("close to", Qualifier::Approx(Approx::About)),
    ("circa", Qualifier::Approx(Approx::About)),
    ("just about", Qualifier::Approx(Approx::About)),
    ("more than", Qualifier::Approx(Approx::AtLeast)),
    ("over", Qualifier::Approx(Approx::AtLeast)),
    ("at least", Qualifier::Approx(Approx::AtLeast)),
    ("upwards of", Qualifier::Approx(Approx::AtLeast)),
    ("in excess of", Qualifier::Approx(Approx::AtLeast)),
    ("exceeding", Qualifier::Approx(Approx::AtLeast)),
    ("above", Qualifier::Approx(Approx::AtLeast)),
    ("no less than", Qualifier::Approx(Approx::AtLeast)),
    ("not less than", Qualifier::Approx(Approx::AtLeast)),
    ("a minimum of", Qualifier::Approx(Approx::AtLeast)),
    ("greater than", Qualifier::Approx(Approx::AtLeast)),
    ("just over", Qualifier::Approx(Approx::AtLeast)),
    ("well over", Qualifier::Approx(Approx::AtLeast)),
    ("up to", Qualifier::Approx(Approx::AtMost)),
    ("at most", Qualifier::Approx(Approx::AtMost)),
    ("less than", Qualifier::Approx(Approx::AtMost)),
    ("fewer than", Qualifier::Approx(Approx::AtMost)),
    ("under", Qualifier::Approx(Approx::AtMost)),
    ("below", Qualifier::Approx(Approx::AtMost)),
    ("no more than", Qualifier::Approx(Approx::AtMost)),
    ("not more than", Qualifier::Approx(Approx::AtMost)),
    ("a maximum of", Qualifier::Approx(Approx::AtMost)),
    ("as much as", Qualifier::Approx(Approx::AtMost)),
    ("as many as", Qualifier::Approx(Approx::AtMost)),
    ("as high as", Qualifier::Approx(Approx::AtMost)),
    ("just under", Qualifier::Approx(Approx::AtMost)),
    ("between", Qualifier::Between),
];

/// Finds a qualifier phrase ending just before `start` (separated by spaces), not reaching
/// back before `floor`. Returns it and the offset where the phrase starts. The longest phrase
/// wins (`no more than` over `more than`).
pub(crate) fn before(text: &str, floor: usize, start: usize) -> Option<(Qualifier, usize)> {
    let region = text.get(floor..start)?;
    let t = region.trim_end_matches(' ');
    if t.len() == region.len() {
        return None;
    }
    let last = t.as_bytes().last()?.to_ascii_lowercase();
    let mut best: Option<(Qualifier, usize)> = None;
    for (phrase, q) in BEFORE
        .iter()
        .filter(|(p, _)| p.as_bytes().last() == Some(&last))
    {
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

/// Phrases after an amount: ` or more`, ` or so`, ` or less`, ` or fewer`.
pub(crate) fn after(rest: &str) -> Option<(Approx, usize)> {
    const AFTER: &[(&str, Approx)] = &[
        (" or more", Approx::AtLeast),
        (" or so", Approx::About),
        (" or less", Approx::AtMost),
        (" or fewer", Approx::AtMost),
    ];
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
    }
}
