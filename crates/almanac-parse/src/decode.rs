//! Bytes to text: UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM, else Windows-1252.
//!
//! Empty and binary files yield no text and an error diagnostic; a fallback decoding yields
//! text and a warning, so nothing is dropped silently. A text with a few NUL bytes is text:
//! the NULs are dropped, with a warning.

use almanac_model::{Diagnostic, Severity};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The decoded text of a file, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, `None` when the file is empty or binary.
    pub text: Option<String>,
    /// The encoding used when it was not plain UTF-8: `UTF-16LE`, `windows-1252`.
    pub encoding: Option<&'static str>,
    /// What was noted while decoding.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `bytes`, labelling diagnostics with `path`.
pub(crate) fn decode(path: &str, bytes: &[u8]) -> Decoded {
    let mut out = Decoded {
        text: None,
        encoding: None,
        diagnostics: Vec::new(),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let message = if bytes.is_empty() {
            "empty file".to_owned()
        } else {
            format!("file holds only whitespace ({} bytes)", bytes.len())
        };
        out.diagnostics
            .push(Diagnostic::file(Severity::Error, path, message).expected("a news document"));
        return out;
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if encoding != encoding_rs::UTF_8 {
            out.encoding = Some(encoding.name());
            out.diagnostics.push(Diagnostic::file(
                Severity::Info,
                path,
                format!("decoded from {} (byte order mark)", encoding.name()),
            ));
        }
        if had_errors {
            out.diagnostics.push(
                Diagnostic::file(
                    Severity::Warning,
                    path,
                    format!("invalid {} sequences replaced by U+FFFD", encoding.name()),
                )
                .expected(format!("valid {}", encoding.name())),
            );
        }
        return finish_text(out, path, text.into_owned());
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        out.encoding = Some(encoding.name());
        out.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            path,
            format!("decoded as {} without a byte order mark", encoding.name()),
        ));
        return finish_text(out, path, text.into_owned());
    }
    if looks_binary(bytes) {
        out.diagnostics.push(
            Diagnostic::file(
                Severity::Error,
                path,
                format!("binary file ({} bytes), not text", bytes.len()),
            )
            .expected("UTF-8, UTF-16 or Latin-1 text"),
        );
        return out;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish_text(out, path, text.to_owned()),
        Err(err) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            out.encoding = Some(WINDOWS_1252.name());
            let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned();
            let (line, column) = almanac_model::line_column(&valid, valid.len());
            let mut diagnostic = Diagnostic::file(
                Severity::Warning,
                path,
                format!(
                    "invalid UTF-8 (byte 0x{:02x}); decoded as windows-1252 (Latin-1)",
                    bytes[err.valid_up_to()]
                ),
            )
            .expected("UTF-8");
            diagnostic.line = line;
            diagnostic.column = column;
            out.diagnostics.push(diagnostic);
            finish_text(out, path, text.into_owned())
        }
    }
}

/// Drops NUL characters (with a warning locating the first), normalizes line endings and
/// rejects text that decoded to nothing readable.
fn finish_text(mut out: Decoded, path: &str, text: String) -> Decoded {
    let text = match text.find('\0') {
        Some(first) => {
            let count = text.matches('\0').count();
            let (line, column) = almanac_model::line_column(&text, first);
            let mut diagnostic = Diagnostic::file(
                Severity::Warning,
                path,
                format!("{count} NUL byte(s) dropped"),
            )
            .expected("text without NUL bytes");
            diagnostic.line = line;
            diagnostic.column = column;
            out.diagnostics.push(diagnostic);
            text.replace('\0', "")
        }
        None => text,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.trim().is_empty() {
        out.diagnostics.push(
            Diagnostic::file(Severity::Error, path, "file holds no text")
                .expected("a news document"),
        );
        return out;
    }
    if looks_binary(text.as_bytes()) {
        out.diagnostics.push(
            Diagnostic::file(
                Severity::Error,
                path,
                "decoded text is mostly control characters",
            )
            .expected("readable text"),
        );
        return out;
    }
    out.text = Some(text);
    out
}

/// UTF-16 without a BOM: many NULs at either the odd or the even positions only.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 || !bytes.contains(&0) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NUL bytes a text may hold whatever its length (a few stray NULs in a saved page).
const FEW_NULS: usize = 8;

/// Binary: more than a few NUL bytes making more than 1% of the sample, or more than 10%
/// control bytes (NUL included) other than tab, CR, LF, FF.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let nuls = sample.iter().filter(|b| **b == 0).count();
    if nuls > FEW_NULS && nuls * 100 > sample.len() {
        return true;
    }
    let control = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    control * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes and returns (text, encoding, diagnostic messages).
    fn check(bytes: &[u8]) -> (Option<String>, Option<&'static str>, Vec<String>) {
        let d = decode("f", bytes);
        (
            d.text,
            d.encoding,
            d.diagnostics.into_iter().map(|d| d.message).collect(),
        )
    }

    #[test]
    fn utf8_with_bom_is_stripped() {
        assert_eq!(
            check(b"\xEF\xBB\xBFhello"),
            (Some("hello".into()), None, vec![])
        );
    }

    #[test]
    fn utf16le_with_bom() {
        let (text, enc, _) = check(b"\xFF\xFEh\0i\0");
        assert_eq!((text.as_deref(), enc), (Some("hi"), Some("UTF-16LE")));
    }

    #[test]
    fn latin1_fallback_is_reported_with_position() {
        let d = decode("f", b"ok\ncaf\xe9 au lait");
        assert_eq!(d.text.as_deref(), Some("ok\ncafé au lait"));
        assert_eq!((d.diagnostics[0].line, d.diagnostics[0].column), (2, 4));
    }

    #[test]
    fn empty_and_binary_have_no_text() {
        assert_eq!(check(b"").0, None);
        assert_eq!(check(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").0, None);
        assert_eq!(
            check(b"  \n ").2,
            vec!["file holds only whitespace (4 bytes)"]
        );
    }

    #[test]
    fn a_few_nul_bytes_are_dropped_with_a_warning() {
        let (text, _, notes) = check(b"Rail link opens.\nTrains\0 run\0 hourly.\n");
        assert_eq!(
            text.as_deref(),
            Some("Rail link opens.\nTrains run hourly.\n")
        );
        assert_eq!(notes, vec!["2 NUL byte(s) dropped"]);
        let d = decode("f", b"ok\nabc\0 def ghi jkl");
        assert_eq!((d.diagnostics[0].line, d.diagnostics[0].column), (2, 4));
        // many NULs are binary content
        assert_eq!(check(&[b'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'b']).0, None);
    }

    #[test]
    fn crlf_is_normalized() {
        assert_eq!(check(b"a\r\nb\rc").0.as_deref(), Some("a\nb\nc"));
    }
}
