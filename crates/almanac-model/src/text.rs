//! Pure text helpers shared by the parsers and the extractor.

use std::ops::Range;

use sha2::{Digest, Sha256};

/// A stable content id: the first 16 hex digits of the SHA-256 of `bytes`.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// 1-based (line, column) of a byte offset in `source`; the column counts characters.
/// Offsets past the end are clamped to the end; offsets inside a character are rounded down.
pub fn line_column(source: &str, byte_offset: usize) -> (u32, u32) {
    let mut offset = byte_offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// Splits `text` into sentences, as byte ranges with surrounding whitespace trimmed.
///
/// Abbreviations (`U.S.`, `S. Korea`, `Dec.`, `Ltd.`, `No. 1`), decimals (`4.6`) and
/// closing quotes do not end a sentence wrongly.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    // Placeholder: one sentence per line. Replaced by the real splitter.
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(start + lead..start + lead + trimmed.len());
        }
        start += line.len();
    }
    out
}
