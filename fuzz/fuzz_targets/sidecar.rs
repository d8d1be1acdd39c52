//! Sidecar metadata (`FILE.meta.json`): any text gives a sidecar with diagnostics, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = almanac_parse::Sidecar::parse("fuzz.txt.meta.json", text);
});
