//! Find numbers, money amounts and quantities in English news text.
//!
//! `almanac-measure` recognises amounts such as `$120 million`, `28 million U.S. dollars`,
//! `937.6 billion won ($710 million)`, `four-point-six billion dollars`, `30 percent` and
//! `220 key parts`, with ISO 4217 currency codes and approximation flags. It does no I/O and
//! has no dependency on the rest of almanac.
//!
//! ```
//! use almanac_measure::{find_amounts, AmountKind};
//!
//! let found = find_amounts("DuPont will invest 28 million U.S. dollars.");
//! assert_eq!(found[0].value, 28_000_000.0);
//! assert_eq!(found[0].kind, AmountKind::Money { currency: "USD".into() });
//! ```
//!
//! # What is found
//!
//! - **Money**: a currency prefix (`$`, `US$`, `HK$`, `NT$`, `C$`, `A$`, `€`, `£`, `¥`, `₩`,
//!   `₹`, `₦`, `N10,000`, `Rs`, `USD `, `KRW`) or suffix (`won`, `yen`, `yuan`, `renminbi`,
//!   `euros`, `U.S. dollars`, `Canadian dollars`, `pounds sterling`, `naira`, `rupees`, an ISO
//!   code), with a scale (`million`, `billion`, `trillion`, `crore`, `lakh`, and `bn`, `mn`,
//!   `m`, `k`, `tn` after a currency: `€5bn`). Digits or words: `four-point-six billion
//!   dollars`. See `currency.rs` for how ambiguous names are settled (`$` and `dollars` alone
//!   are USD, `¥` is JPY, `pounds` is money only after a scale word or with `sterling`).
//! - **Percent**: `30%`, `30 percent`, `30 per cent`, `30 pct`. (`percentage points` is a
//!   [`AmountKind::Count`] with unit `percentage points`.)
//! - **Count**: a number then a plural noun, skipping up to four modifiers (`220 key parts`,
//!   `10 government research institutions`, `5 million people`), or a short unit (`5nm`,
//!   `10 km`). Number words count only here and in money/percent: `one of the` is nothing.
//! - **Number**: a bare number in digits (`Views: 33`).
//!
//! # What is deliberately not found
//!
//! Years (`2023`, `in 2019`: four digits 1600–2199 with no currency, percent or scale),
//! numbers inside dates and times (`April 25`, `21 Jan`, `2023-04-25`, `6:05`, `10 a.m.`),
//! ordinals (`21st`), list numbers (`No. 1`, `#1`), codes and names (`G7`, `COVID-19`,
//! `mid-2019`, `5G`, `1990s`), numbers with a leading zero (`04`), and version-like numbers
//! (`1.2.3`). These yield no amount at all (not even a Number), so the time tagger owns them.
//!
//! # Qualifiers, ranges, equivalents
//!
//! - `about`/`around`/`approximately`/`nearly`/`some`/`an estimated` → [`Approx::About`];
//!   `more than`/`over`/`at least`/`in excess of` → [`Approx::AtLeast`]; `up to`/`less than`/
//!   `under`/`as much as` → [`Approx::AtMost`]; also `or more`, `or so`, `or less` after.
//!   The qualifier is part of the span.
//! - A range (`$4 to $6 million`, `4-6%`, `between 4 and 6 years`) gives **two amounts**: the
//!   lower end [`Approx::AtLeast`], the upper [`Approx::AtMost`] (unless a qualifier such as
//!   `about` precedes the range: then both take it). The halves share the kind and, when the
//!   first is smaller, the scale: `$4 to $6 million` is $4 million and $6 million. The
//!   connector (`to`, `-`) is in neither span; `between` is in the first.
//!   [`amount_ranges`] joins the two ends back into one [`AmountRange`] with both bounds.
//! - `937.6 billion won ($710 million)`, `A (or B)`, `A, or B`: two money amounts in different
//!   currencies, each [`Amount::equivalent`] pointing at the other.

mod currency;
mod describe;
mod qualifier;
mod scan;

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What an amount measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum AmountKind {
    /// Money, with an ISO 4217 currency code (`USD`, `KRW`, `JPY`, `EUR`, `CNY`, `GBP`, `NGN`).
    Money {
        /// ISO 4217 code.
        currency: String,
    },
    /// A percentage: `30 percent` has value 30.
    Percent,
    /// A count of things: `220 key parts` has unit `parts`.
    Count {
        /// The counted noun, lowercased and as written (`parts`, `companies`).
        unit: String,
    },
    /// A bare number with no unit.
    Number,
}

/// How exactly the text states the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// Stated exactly.
    Exact,
    /// "about", "around", "approximately", "nearly", "some".
    About,
    /// "at least", "more than", "over".
    AtLeast,
    /// "up to", "at most", "less than", "under".
    AtMost,
}

/// One amount found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Byte range of the amount in the text, including its qualifier ("about", "up to").
    pub span: Range<usize>,
    /// The numeric value, multipliers applied (`$1.5 billion` is 1.5e9).
    pub value: f64,
    /// What the amount measures.
    pub kind: AmountKind,
    /// How exactly it is stated.
    pub approx: Approx,
    /// Index (in the returned list) of an amount the text gives as the same value in another
    /// unit: `937.6 billion won ($710 million)` links each to the other.
    pub equivalent: Option<usize>,
}

pub use describe::describe;

/// The part of `amount.span` without its qualifier words: `$120 million` for the amount
/// spanning `approximately $120 million`, `10 years` for `10 years or more`, `$1 billion`
/// for `between $1 billion`. `text` must be the text the amount was found in.
///
/// Useful for output formats that keep the qualifier apart, as a flag (MUC-style NUMEX
/// spans exclude it). Returns `amount.span` unchanged if there is nothing to strip or the
/// span does not fit `text`.
pub fn unqualified_span(text: &str, amount: &Amount) -> Range<usize> {
    let span = amount.span.clone();
    let Some(s) = text.get(span.clone()) else {
        return span;
    };
    let start = span.start + qualifier::leading_len(s);
    let end = span.end - qualifier::trailing_len(s);
    if start < end { start..end } else { span }
}

/// A range written as one expression, `$4 million to $6 million`, `between 4 and 6 percent`,
/// `about 4 to 6 years`: [`find_amounts`] returns its two ends as two amounts, and
/// [`amount_ranges`] joins them back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmountRange {
    /// Byte range of the whole range in the text, qualifiers included.
    pub span: Range<usize>,
    /// The lower bound, multipliers applied.
    pub low: f64,
    /// The upper bound.
    pub high: f64,
    /// What both ends measure.
    pub kind: AmountKind,
    /// How exactly the range is stated: [`Approx::Exact`] unless a qualifier applies to both
    /// ends (`about 4 to 6 years` is [`Approx::About`]).
    pub approx: Approx,
    /// Indices of the two ends in the list given to [`amount_ranges`].
    pub ends: (usize, usize),
}

/// The ranges among `amounts`, which [`find_amounts`] found in `text`: two neighbouring
/// amounts of one kind joined by `to`, a dash, or `and` after `between`.
///
/// ```
/// use almanac_measure::{amount_ranges, find_amounts};
///
/// let text = "The house sold for $4 million to $6 million.";
/// let ranges = amount_ranges(text, &find_amounts(text));
/// assert_eq!((ranges[0].low, ranges[0].high), (4e6, 6e6));
/// assert_eq!(&text[ranges[0].span.clone()], "$4 million to $6 million");
/// ```
pub fn amount_ranges(text: &str, amounts: &[Amount]) -> Vec<AmountRange> {
    let mut out = Vec::new();
    for (i, pair) in amounts.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.kind != b.kind || a.span.end > b.span.start || a.value >= b.value {
            continue;
        }
        let approx = match (a.approx, b.approx) {
            (Approx::AtLeast, Approx::AtMost) => Approx::Exact,
            (Approx::About, Approx::About) => Approx::About,
            _ => continue,
        };
        let Some(gap) = text.get(a.span.end..b.span.start) else {
            continue;
        };
        let between = text.get(a.span.clone()).is_some_and(|t| {
            t.get(..8)
                .is_some_and(|w| w.eq_ignore_ascii_case("between "))
        });
        let linked = match gap.trim() {
            "to" | "-" | "\u{2013}" | "\u{2014}" | "-to-" => true,
            "and" => between,
            _ => false,
        };
        if linked {
            out.push(AmountRange {
                span: a.span.start..b.span.end,
                low: a.value,
                high: b.value,
                kind: a.kind.clone(),
                approx,
                ends: (i, i + 1),
            });
        }
    }
    out
}

/// Finds every amount in `text`, sorted by span, non-overlapping. Never panics.
///
/// Allocates only for the result (and each money/count amount's currency or unit string).
/// See the crate docs for what is and is not found.
pub fn find_amounts(text: &str) -> Vec<Amount> {
    scan::scan(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One amount as `[span text] value kind approx =equivalent`, e.g.
    /// `[about 2 billion won] 2000000000 KRW about`.
    fn render(text: &str, a: &Amount) -> String {
        let kind = match &a.kind {
            AmountKind::Money { currency } => currency.clone(),
            AmountKind::Percent => "%".into(),
            AmountKind::Count { unit } => format!("count:{unit}"),
            AmountKind::Number => "number".into(),
        };
        let mut out = format!("[{}] {} {kind}", &text[a.span.clone()], a.value);
        match a.approx {
            Approx::Exact => {}
            Approx::About => out.push_str(" about"),
            Approx::AtLeast => out.push_str(" at_least"),
            Approx::AtMost => out.push_str(" at_most"),
        }
        if let Some(e) = a.equivalent {
            out.push_str(&format!(" ={e}"));
        }
        out
    }

    /// Finds the amounts in `text` and compares their renderings with `want`.
    fn check(text: &str, want: &[&str]) {
        let got: Vec<String> = find_amounts(text).iter().map(|a| render(text, a)).collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn issue_examples() {
        check("a $120 million deal", &["[$120 million] 120000000 USD"]);
        check(
            "will invest 28 million U.S. dollars to build",
            &["[28 million U.S. dollars] 28000000 USD"],
        );
        check(
            "spend 937.6 billion won ($710 million) this year",
            &[
                "[937.6 billion won] 937600000000 KRW =1",
                "[$710 million] 710000000 USD =0",
            ],
        );
        check(
            "invested around four-point-six billion dollars over",
            &["[around four-point-six billion dollars] 4600000000 USD about"],
        );
        check(
            "up to $6.4 billion in",
            &["[up to $6.4 billion] 6400000000 USD at_most"],
        );
        check(
            "more than 10 million U.S. dollars over",
            &["[more than 10 million U.S. dollars] 10000000 USD at_least"],
        );
        check("30 percent cheaper", &["[30 percent] 30 %"]);
        check(
            "around 220 key parts and",
            &["[around 220 key parts] 220 count:parts about"],
        );
        check("a fine of N10,000.", &["[N10,000] 10000 NGN"]);
    }

    #[test]
    fn not_amounts() {
        check("Published on 21 Jan 2020, 6:05", &[]);
        check("Update time : 2023-04-25 10:27:40", &[]);
        check("in July of last year, in 2019 and by 2030", &[]);
        check("COVID-19 hit the G7 in the 1990s", &[]);
        check("one of the best", &[]);
        check("No. 1 in Korea", &[]);
    }

    #[test]
    fn unqualified() {
        let text = "invested approximately $120 million, then 10 years or more later about 5";
        let found = find_amounts(text);
        let got: Vec<&str> = found
            .iter()
            .map(|a| &text[unqualified_span(text, a)])
            .collect();
        assert_eq!(got, ["$120 million", "10 years", "5"]);
    }

    /// The ranges in `text`, rendered as `[span] low..high kind`.
    fn check_ranges(text: &str, want: &[&str]) {
        let got: Vec<String> = amount_ranges(text, &find_amounts(text))
            .iter()
            .map(|r| {
                format!(
                    "[{}] {}..{} {:?}",
                    &text[r.span.clone()],
                    r.low,
                    r.high,
                    r.approx
                )
            })
            .collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn joined_ranges() {
        check_ranges(
            "sold for $4 million to $6 million.",
            &["[$4 million to $6 million] 4000000..6000000 Exact"],
        );
        check_ranges(
            "between $1 billion and $2 billion",
            &["[between $1 billion and $2 billion] 1000000000..2000000000 Exact"],
        );
        check_ranges("about 4 to 6 years", &["[about 4 to 6 years] 4..6 About"]);
        check_ranges("4-6%", &["[4-6%] 4..6 Exact"]);
        check_ranges("rose from $4 million to $6 million", &[]);
        check_ranges("$5 million and $6 million", &[]);
    }

    #[test]
    fn ranges() {
        check(
            "$4 to $6 million",
            &[
                "[$4] 4000000 USD at_least",
                "[$6 million] 6000000 USD at_most",
            ],
        );
        check(
            "take about 4 to 6 years",
            &[
                "[about 4] 4 count:years about",
                "[6 years] 6 count:years about",
            ],
        );
    }
}
