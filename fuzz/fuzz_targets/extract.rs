//! Extraction and merging: the text is split in two documents (at the first NUL, if any), one
//! dated and one not; extracting and merging their facts must never panic.
#![no_main]

use std::sync::OnceLock;

use almanac_model::{DocDate, Document};
use libfuzzer_sys::fuzz_target;

/// The extractor, built once (loading the gazetteer is slow).
static EXTRACTOR: OnceLock<almanac_extract::Extractor> = OnceLock::new();

fuzz_target!(|text: &str| {
    let (a, b) = text.split_once('\0').unwrap_or((text, text));
    let mut dated = Document::new("a.txt", "plain-text", a);
    if let Some(d) =
        chrono::NaiveDate::from_ymd_opt(2020, 1, 21).and_then(|d| d.and_hms_opt(6, 5, 0))
    {
        dated.published = DocDate::explicit(d, almanac_time::Granularity::Minute);
    }
    let undated = Document::new("b.txt", "plain-text", b);
    let extractor = EXTRACTOR.get_or_init(almanac_extract::Extractor::new);
    let mut facts = extractor.extract(&dated);
    facts.extend(extractor.extract(&undated));
    let merged = almanac_extract::merge(facts);
    let _ = almanac_extract::timeline(&merged, None);
});
