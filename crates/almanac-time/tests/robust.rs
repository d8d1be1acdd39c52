//! Property tests: `annotate` returns, without panicking, sorted, non-overlapping spans on char
//! boundaries (and the same as [`Scanned`] resolving the text) for any input: random strings, mixed scripts and emoji, random bytes decoded
//! lossily, and date-like soup built from the grammar's own words. The one date grammar
//! (`parse_date_prefix`, `parse_date`) returns on the same inputs.

use almanac_time::{Prefer, Scanned, annotate, parse_date, parse_date_prefix, parse_reference};
use proptest::prelude::*;

/// Checks the invariants of `annotate` on `text`, with and without a reference.
fn check(text: &str) {
    let reference = parse_reference("2023-04-25T10:27:40").ok();
    for r in [None, reference] {
        let found = annotate(text, r);
        assert_eq!(Scanned::new(text, Prefer::Auto).resolve(r), found);
        let mut last_end = 0;
        for e in &found {
            assert!(e.span.start < e.span.end, "empty span {:?}", e.span);
            assert!(
                e.span.start >= last_end,
                "overlap or disorder at {:?}",
                e.span
            );
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            assert!(e.span.end <= text.len());
            assert!(!e.value.is_empty());
            last_end = e.span.end;
        }
    }
    // what the date grammar leaves after a date is the end of the text
    if let Ok((_, rest)) = parse_date_prefix(text) {
        assert!(text.ends_with(rest), "{rest:?} is not the end of the text");
    }
    assert_eq!(parse_date(text).is_ok(), parse_date(text.trim()).is_ok());
}

/// Words and marks the grammar reacts to, to build inputs that reach deep into the rules.
const SOUP: &[&str] = &[
    "last",
    "next",
    "this",
    "the",
    "year",
    "years",
    "month",
    "week",
    "weekend",
    "day",
    "ago",
    "May",
    "March",
    "Jan.",
    "Dec",
    "Tuesday",
    "Sun",
    "2019",
    "1990s",
    "'90s",
    "21",
    "4th",
    "of",
    "mid-",
    "early",
    "late",
    "end",
    "Q3",
    "H1",
    "FY23",
    "fiscal",
    "a",
    "every",
    "per",
    "half",
    "first",
    "quarter",
    "century",
    "6:05",
    "a.m.",
    "p.m.",
    "noon",
    "-",
    "/",
    ",",
    ".",
    "’",
    "–",
    "2023-04-25",
    "T",
    "10:27:40",
    "04/25/2023",
    "recently",
    "now",
    "future",
    "past",
    "nineteen",
    "twenty-one",
    "four-point-six",
    "to",
    "over",
    "within",
    "since",
    "by",
    "😀",
    "日本",
    "\u{a0}",
    "\u{2009}",
    "\n",
    "  ",
    "99999999999999999999",
    "0",
    "00",
    "31",
    "32",
    "Tue,",
    "Sept.",
    "2024-02-30",
    "04/25/2023",
    "9th,",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_string(s in ".{0,300}") {
        check(&s);
    }

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn grammar_soup(words in proptest::collection::vec(proptest::sample::select(SOUP), 0..60), glue in proptest::collection::vec(proptest::sample::select(&[" ", "", ", ", "-", "\n"][..]), 60)) {
        let mut text = String::new();
        for (w, g) in words.iter().zip(glue.iter()) {
            text.push_str(w);
            text.push_str(g);
        }
        check(&text);
    }
}

#[test]
fn huge_and_empty_inputs() {
    check("");
    check(" ");
    check(&"last year ".repeat(50_000));
    check(&"9".repeat(100_000));
    check(&"😀2019".repeat(10_000));
    check(&"a".repeat(200_000));
}
