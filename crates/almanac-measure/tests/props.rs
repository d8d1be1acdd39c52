//! Property tests: `find_amounts` never panics and always returns well-formed results.

use almanac_measure::{Amount, AmountKind, find_amounts};
use proptest::prelude::*;

/// Pieces of news-like text, including the tricky ones, to build dense random inputs.
const PIECES: &[&str] = &[
    "$",
    "US$",
    "HK$",
    "€",
    "£",
    "¥",
    "₩",
    "₦",
    "N",
    "Rs ",
    "USD ",
    "KRW",
    "1",
    "2",
    "30",
    "937.6",
    "1,234",
    "10,000",
    ".",
    ",",
    "-",
    "–",
    ":",
    "/",
    "(",
    ")",
    " ",
    " ",
    " ",
    "%",
    "million",
    "bn",
    "m",
    "billion",
    "crore",
    "won",
    "yen",
    "dollars",
    "U.S.",
    "pounds",
    "sterling",
    "percent",
    "per",
    "cent",
    "about",
    "up to",
    "more than",
    "between",
    "and",
    "to",
    "or",
    "key",
    "parts",
    "people",
    "four",
    "-point-",
    "six",
    "a",
    "hundred",
    "twenty",
    "one",
    "April",
    "2023",
    "No.",
    "#",
    "6:05",
    "é",
    "한국",
    "😀",
    "\u{200b}",
    "\n",
    "st",
];

/// Checks the invariants every result must keep, whatever the input.
fn check(text: &str) -> Result<(), TestCaseError> {
    let found: Vec<Amount> = find_amounts(text);
    let mut last_end = 0;
    for (i, a) in found.iter().enumerate() {
        prop_assert!(a.span.start < a.span.end, "empty span {:?}", a.span);
        prop_assert!(a.span.end <= text.len());
        prop_assert!(text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end));
        prop_assert!(
            a.span.start >= last_end,
            "overlap or unsorted at {i}: {found:?}"
        );
        last_end = a.span.end;
        prop_assert!(a.value.is_finite() && a.value >= 0.0, "value {}", a.value);
        if let Some(j) = a.equivalent {
            prop_assert!(j < found.len() && j != i);
            prop_assert_eq!(found[j].equivalent, Some(i));
            let money = matches!(a.kind, AmountKind::Money { .. });
            prop_assert!(money, "equivalent on a non-money amount {:?}", a);
        }
        let _ = almanac_measure::describe(a);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn any_chars_including_controls(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn news_like(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60)) {
        check(&pieces.concat())?;
    }

    #[test]
    fn lossy_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }
}

#[test]
fn huge_and_degenerate_inputs() {
    let inputs = [
        String::new(),
        "9".repeat(1 << 20),
        "0".repeat(1 << 16) + ".5%",
        "0.".to_string() + &"0".repeat(1 << 16) + "1 percent",
        "1,".repeat(1 << 16),
        " ".repeat(1 << 16) + "about $5 million",
        "one ".repeat(1 << 14),
        "$".repeat(1 << 16) + "5",
        "a hundred and ".repeat(1 << 12),
        "€5bn (".repeat(1 << 12),
        "😀₩".repeat(1 << 12) + "1",
    ];
    for text in &inputs {
        if let Err(e) = check(text) {
            panic!("{e}");
        }
    }
}
