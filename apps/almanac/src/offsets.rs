//! Byte offsets to character offsets, for JSON output: one pass over the text for all the
//! offsets asked, instead of counting from the start for each (quadratic in text length).

/// Character offsets of chosen byte offsets of one text.
#[derive(Debug, Clone, Default)]
pub(crate) struct CharOffsets {
    /// (byte offset, char offset) pairs for every position asked, sorted by byte offset.
    map: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Counts, in one pass over `text`, the characters before each of `bytes` (a byte past the
    /// end counts as the end; one inside a character counts the characters that start
    /// before it).
    pub(crate) fn new(text: &str, mut bytes: Vec<usize>) -> Self {
        bytes.sort_unstable();
        bytes.dedup();
        let raw = text.as_bytes();
        let mut map = Vec::with_capacity(bytes.len());
        let mut chars = 0;
        let mut at = 0;
        for asked in bytes {
            let b = asked.min(raw.len());
            chars += raw[at..b].iter().filter(|&&x| !is_continuation(x)).count();
            at = b;
            map.push((asked, chars));
        }
        CharOffsets { map }
    }

    /// The character offset of `byte`, which must be one of the offsets given to
    /// [`CharOffsets::new`] (0 otherwise).
    pub(crate) fn get(&self, byte: usize) -> usize {
        match self.map.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.map[i].1,
            Err(_) => 0,
        }
    }
}

/// Whether `byte` continues a UTF-8 character (`10xxxxxx`).
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    fn check(text: &str, bytes: &[usize], expected: &[usize]) {
        let index = CharOffsets::new(text, bytes.to_vec());
        let got: Vec<usize> = bytes.iter().map(|b| index.get(*b)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn counts_characters_not_bytes() {
        // "é" and "—" are 2 and 3 bytes
        check("aé — b", &[8, 0, 3, 1, 100], &[5, 0, 2, 1, 6]);
        // inside a character: the characters that start before it
        check("aé", &[2], &[2]);
        check("", &[0, 5], &[0, 0]);
    }
}
