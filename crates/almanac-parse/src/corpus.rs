//! A corpus given as `(path, bytes)` pairs: which files are documents, which are sidecars,
//! and every document read with its sidecar applied. The app's loaders and the tests that
//! read fixture folders all go through here, so they see the same documents.

use std::collections::BTreeMap;

use crate::{Options, Parsed, SIDECAR_SUFFIX, Sidecar, read_with_sidecar};

/// Whether the file at `path` is a document to read: its name is neither hidden
/// (`.DS_Store`, `.gitignore`) nor a sidecar (`page.srt.meta.json`, metadata about another
/// file). Only the last path component is looked at; skipping hidden folders is the walk's
/// job.
///
/// ```
/// assert!(almanac_parse::is_document("news/page.srt"));
/// assert!(!almanac_parse::is_document("news/page.srt.meta.json"));
/// assert!(!almanac_parse::is_document("news/.DS_Store"));
/// ```
pub fn is_document(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    !name.is_empty() && !name.starts_with('.') && !name.ends_with(SIDECAR_SUFFIX)
}

/// The path of the sidecar that describes `path`: `page.srt` → `page.srt.meta.json`.
pub fn sidecar_path(path: &str) -> String {
    format!("{path}{SIDECAR_SUFFIX}")
}

/// Reads a set of files given as `(path, bytes)` pairs, as the app reads a folder: each
/// [`is_document`] file is read with its sidecar ([`sidecar_path`], when among the pairs)
/// applied by [`read_with_sidecar`]; sidecars and hidden files are never documents.
/// Documents come in path order, then in source order within a file; diagnostics about
/// files that gave no document likewise. A path given twice is read once (its first bytes).
///
/// Paths only label documents and find sidecars; nothing is read from disk.
///
/// ```
/// use almanac_parse::{Options, read_files};
///
/// let files = [
///     ("talk.srt", &b"1\n00:00:01,000 --> 00:00:03,000\nThe port reopened on Monday.\n"[..]),
///     ("talk.srt.meta.json", &br#"{"published": "2024-03-05"}"#[..]),
/// ];
/// let parsed = read_files(files, &Options::default());
/// assert_eq!(parsed.documents.len(), 1);
/// assert_eq!(parsed.documents[0].path, "talk.srt");
/// assert_eq!(parsed.documents[0].published.local.map(|d| d.to_string()).as_deref(),
///            Some("2024-03-05 00:00:00"));
/// ```
pub fn read_files<'a, I>(files: I, opts: &Options) -> Parsed
where
    I: IntoIterator<Item = (&'a str, &'a [u8])>,
{
    let mut documents: BTreeMap<&str, &[u8]> = BTreeMap::new();
    let mut sidecars: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for (path, bytes) in files {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if name.starts_with('.') {
            continue;
        }
        let kind = if is_document(path) {
            &mut documents
        } else {
            &mut sidecars
        };
        kind.entry(path).or_insert(bytes);
    }
    let mut out = Parsed::default();
    for (path, bytes) in documents {
        let meta = sidecar_path(path);
        let sidecar = sidecars
            .get(meta.as_str())
            .map(|m| Sidecar::parse(&meta, &String::from_utf8_lossy(m)));
        let mut parsed = read_with_sidecar(path, bytes, opts, sidecar.as_ref());
        out.documents.append(&mut parsed.documents);
        out.diagnostics.append(&mut parsed.diagnostics);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `files` and renders each document as `path title`, and each file diagnostic.
    fn check(files: &[(&str, &str)]) -> Vec<String> {
        let parsed = read_files(
            files.iter().map(|(p, t)| (*p, t.as_bytes())),
            &Options::default(),
        );
        let mut out: Vec<String> = parsed
            .documents
            .iter()
            .map(|d| format!("{} {}", d.path, d.title.as_deref().unwrap_or("-")))
            .collect();
        out.extend(parsed.diagnostics.iter().map(ToString::to_string));
        out
    }

    #[test]
    fn sidecars_apply_to_their_file_and_are_no_documents() {
        let files = [
            ("b.txt", "Second story\n\nThe port reopened."),
            ("a.txt.meta.json", r#"{"title": "Given title"}"#),
            ("a.txt", "First story\n\nThe bridge closed."),
            (".hidden", "Not read\n\nAt all."),
            ("orphan.txt.meta.json", r#"{"title": "Nobody's"}"#),
        ];
        assert_eq!(check(&files), ["a.txt Given title", "b.txt Second story"]);
    }

    #[test]
    fn files_without_documents_keep_their_diagnostics_in_path_order() {
        let files = [("z.txt", ""), ("a.txt", "")];
        assert_eq!(
            check(&files),
            [
                "a.txt: error: empty file (expected a news document)",
                "z.txt: error: empty file (expected a news document)"
            ]
        );
    }

    #[test]
    fn names_decide_what_is_a_document() {
        assert!(is_document("a/b/page.html"));
        assert!(is_document(r"a\b\page.html"));
        assert!(!is_document("a/.git"));
        assert!(!is_document("a/page.html.meta.json"));
        assert!(!is_document(""));
        assert_eq!(sidecar_path("a/page.html"), "a/page.html.meta.json");
    }
}
