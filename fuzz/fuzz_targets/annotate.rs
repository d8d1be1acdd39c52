//! Temporal expressions and amounts in any text, with and without a reference date: never a
//! panic, and every span lies on the text's character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let reference =
        chrono::NaiveDate::from_ymd_opt(2023, 4, 25).and_then(|d| d.and_hms_opt(10, 27, 40));
    for r in [None, reference] {
        for t in almanac_time::annotate(text, r) {
            assert!(
                text.get(t.span.clone()).is_some(),
                "bad time span {:?}",
                t.span
            );
        }
    }
    for a in almanac_measure::find_amounts(text) {
        assert!(
            text.get(a.span.clone()).is_some(),
            "bad amount span {:?}",
            a.span
        );
    }
    let _ = almanac_time::parse_reference(text);
});
