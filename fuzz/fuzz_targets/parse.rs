//! Every parser entry point: the first byte picks a format from `FORMATS` (or detection by
//! content), the rest is the file. Reading must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let formats = almanac_parse::FORMATS;
    let format = formats
        .get(usize::from(pick) % (formats.len() + 1))
        .map(|f| f.name);
    let opts = almanac_parse::Options {
        captured: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
        format,
    };
    let parsed = almanac_parse::read("fuzz.txt", bytes, &opts);
    for doc in &parsed.documents {
        // spans must lie on the body's character boundaries
        for r in doc.body.paragraphs.iter().chain(&doc.body.sentences) {
            assert!(doc.body.text.get(r.clone()).is_some(), "bad span {r:?}");
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = almanac_parse::parse_date(text);
        let _ = almanac_parse::parse_relative_age(text);
    }
});
