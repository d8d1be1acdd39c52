//! Reading documents from files and folders, and the bundled fixtures.
//!
//! Files are read and parsed in parallel (rayon); folders are walked recursively, skipping
//! hidden entries. One unreadable or damaged file never stops the others: it yields
//! diagnostics instead of documents.
//!
//! # Sidecar metadata
//!
//! A file `NAME.meta.json` next to `NAME` says what `NAME` itself does not (subtitles and
//! transcripts have no date; a saved page has no capture date). It is not a document. Every
//! key is optional:
//!
//! ```json
//! {
//!   "captured": "2024-11-21",
//!   "published": "2024-03-05T10:00:00+01:00",
//!   "title": "Budget speech",
//!   "outlet": "City Council TV",
//!   "authors": ["Jane Doe", "Li Wei"],
//!   "url": "https://example.org/budget"
//! }
//! ```
//!
//! - `captured` (a day) resolves ages such as `5 years ago` for this file; it wins over
//!   `--captured`.
//! - `published` takes any date the parsers read (`2024-03-05`, `2024-03-05T10:00:00Z`,
//!   `5 March 2024 10:00`); the document's date is then *inferred*, noted `given by sidecar`.
//! - `authors` is a list of names, or one name.
//! - The sidecar wins over what the parser read; each replaced value is noted as an info
//!   diagnostic. `title`, `published`, `authors` and `url` describe one document: for a feed
//!   they are ignored with a warning, while `captured` and `outlet` apply to every item.
//! - Problems are diagnostics located in the sidecar (`page.srt.meta.json:3:13: warning:
//!   unknown sidecar key "autors"`): invalid JSON ignores the sidecar, a bad key or value
//!   ignores that key only. The rules live in `almanac_parse::sidecar`.
//!
//! The bundled fixtures follow the same rule: `fixtures/formats/x.srt.meta.json` describes
//! `fixtures/formats/x.srt`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use almanac_model::{Diagnostic, Document, Severity};
use almanac_parse::Options;
use almanac_parse::sidecar::{SIDECAR_SUFFIX, Sidecar};
use chrono::NaiveDate;
use include_dir::{Dir, include_dir};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// The fixtures folder, embedded so the REPL works from any folder.
static FIXTURES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../fixtures");

/// The fixture folders whose documents are bundled.
const BUNDLED_KINDS: &[&str] = &["seeds", "formats", "articles"];

/// Files larger than this are reported and skipped.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What was read from a set of paths.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every document read, sorted by path.
    pub documents: Vec<Document>,
    /// Diagnostics about files that yielded no document (unreadable, empty, binary).
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Merges per-file results, in the order given (already sorted by path).
    fn from_parsed(results: Vec<almanac_parse::Parsed>) -> Self {
        let mut loaded = Loaded::default();
        for parsed in results {
            loaded.documents.extend(parsed.documents);
            loaded.diagnostics.extend(parsed.diagnostics);
        }
        loaded
    }
}

/// Reads files and folders (recursively), in parallel. `captured` resolves capture-relative
/// dates ("5 years ago"). Shows a progress bar on stderr when `progress` is set and stderr is
/// a terminal. One bad file never stops the others.
pub fn load(
    paths: &[PathBuf],
    captured: Option<NaiveDate>,
    progress: bool,
) -> anyhow::Result<Loaded> {
    let opts = Options {
        captured,
        format: None,
    };
    load_with(paths, &opts, progress)
}

/// [`load`] with every reading option (e.g. a forced format).
pub fn load_with(paths: &[PathBuf], opts: &Options, progress: bool) -> anyhow::Result<Loaded> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        collect_files(path, &mut files, &mut problems);
    }
    files.sort();
    files.dedup();
    let bar = if progress && std::io::stderr().is_terminal() && files.len() > 1 {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let results: Vec<almanac_parse::Parsed> = files
        .par_iter()
        .map(|file| {
            let parsed = read_file(file, opts);
            bar.inc(1);
            parsed
        })
        .collect();
    bar.finish_and_clear();
    let mut loaded = Loaded::from_parsed(results);
    problems.append(&mut loaded.diagnostics);
    loaded.diagnostics = problems;
    Ok(loaded)
}

/// The sidecar of `file` (`FILE.meta.json`), if it exists. An unreadable sidecar file is a
/// sidecar with one diagnostic.
fn read_sidecar(file: &Path) -> Option<Sidecar> {
    let mut name = file.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    let sidecar = PathBuf::from(name);
    let label = sidecar.display().to_string();
    match std::fs::read(&sidecar) {
        Ok(bytes) => Some(Sidecar::parse(&label, &String::from_utf8_lossy(&bytes))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => Some(Sidecar {
            path: label.clone(),
            diagnostics: vec![Diagnostic::file(
                Severity::Warning,
                &label,
                format!("cannot read sidecar metadata: {err}"),
            )],
            ..Sidecar::default()
        }),
    }
}

/// Reads and parses one file with its sidecar, if any; I/O errors become a diagnostic.
fn read_file(file: &Path, opts: &Options) -> almanac_parse::Parsed {
    let label = file.display().to_string();
    let sidecar = read_sidecar(file);
    match std::fs::read(file) {
        Ok(bytes) => almanac_parse::read_with_sidecar(&label, &bytes, opts, sidecar.as_ref()),
        Err(err) => almanac_parse::Parsed {
            documents: Vec::new(),
            diagnostics: vec![Diagnostic::file(
                Severity::Error,
                &label,
                format!("cannot read file: {err}"),
            )],
        },
    }
}

/// Adds `path` (a file) or the files under it (a folder, recursively, hidden entries
/// skipped) to `files`; problems become diagnostics.
fn collect_files(path: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let label = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            problems.push(Diagnostic::file(
                Severity::Error,
                &label,
                format!("cannot read: {err}"),
            ));
            return;
        }
    };
    if meta.is_file() {
        if meta.len() > MAX_FILE_BYTES {
            problems.push(Diagnostic::file(
                Severity::Error,
                &label,
                format!("file too large ({} bytes), skipped", meta.len()),
            ));
        } else {
            files.push(path.to_path_buf());
        }
        return;
    }
    if !meta.is_dir() {
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Diagnostic::file(
                Severity::Error,
                &label,
                format!("cannot list folder: {err}"),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.') && !n.ends_with(SIDECAR_SUFFIX))
        })
        .collect();
    children.sort();
    for child in children {
        collect_files(&child, files, problems);
    }
}

/// The documents bundled into the binary from `fixtures/` (seeds, formats, articles).
pub fn bundled(captured: Option<NaiveDate>) -> Loaded {
    let mut files: Vec<&include_dir::File<'static>> = Vec::new();
    for kind in BUNDLED_KINDS {
        if let Some(dir) = FIXTURES.get_dir(kind) {
            collect_bundled(dir, &mut files);
        }
    }
    files.sort_by_key(|f| f.path());
    let opts = Options {
        captured,
        format: None,
    };
    let results = files
        .par_iter()
        .map(|f| {
            let label = Path::new("fixtures").join(f.path()).display().to_string();
            let mut meta = f.path().as_os_str().to_owned();
            meta.push(SIDECAR_SUFFIX);
            let sidecar = FIXTURES.get_file(PathBuf::from(meta)).map(|m| {
                Sidecar::parse(
                    &format!("{label}{SIDECAR_SUFFIX}"),
                    &String::from_utf8_lossy(m.contents()),
                )
            });
            almanac_parse::read_with_sidecar(&label, f.contents(), &opts, sidecar.as_ref())
        })
        .collect();
    Loaded::from_parsed(results)
}

fn collect_bundled<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for file in dir.files() {
        let hidden = file
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.') || n.ends_with(SIDECAR_SUFFIX));
        if !hidden {
            out.push(file);
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `paths` and returns (document paths, diagnostic messages).
    fn check(paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
        let loaded = load(paths, None, false).unwrap_or_default();
        (
            loaded.documents.iter().map(|d| d.path.clone()).collect(),
            loaded.diagnostics.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn bad_paths_do_not_stop_good_ones() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
        let (docs, diags) = check(&[seeds.clone(), seeds.join("no-such-file.txt")]);
        assert_eq!(docs.len(), 5);
        assert!(docs.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].contains("no-such-file.txt: error: cannot read"));
    }

    #[test]
    fn sidecar_capture_date_resolves_relative_ages() {
        let dir = std::env::temp_dir().join(format!("almanac-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let page = dir.join("page.txt");
        std::fs::write(
            &page,
            "Rail link opens\n  \u{2022} 2 years ago\nTrains run hourly.\n",
        )
        .ok();
        std::fs::write(
            dir.join("page.txt.meta.json"),
            r#"{"captured": "2024-11-21"}"#,
        )
        .ok();
        let loaded = load(std::slice::from_ref(&dir), None, false).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(loaded.documents.len(), 1, "the sidecar is not a document");
        assert_eq!(
            loaded.documents[0]
                .published
                .local
                .map(|d| d.date().to_string()),
            Some("2022-11-21".to_owned())
        );
    }

    #[test]
    fn sidecar_fields_describe_a_subtitle_file() {
        let dir = std::env::temp_dir().join(format!("almanac-sidecar-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(
            dir.join("talk.srt"),
            "1\n00:00:01,000 --> 00:00:03,000\nThe dam opens today.\n",
        )
        .ok();
        std::fs::write(
            dir.join("talk.srt.meta.json"),
            "{\"published\": \"2024-03-05\",\n \"title\": \"Dam opening\", \"speaker\": \"x\"}",
        )
        .ok();
        let loaded = load(std::slice::from_ref(&dir), None, false).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(loaded.documents.len(), 1, "the sidecar is not a document");
        let doc = &loaded.documents[0];
        assert_eq!(doc.title.as_deref(), Some("Dam opening"));
        assert_eq!(
            doc.published.local.map(|d| d.date().to_string()),
            Some("2024-03-05".to_owned())
        );
        let notes: Vec<String> = doc.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].ends_with("talk.srt.meta.json:2:37: warning: unknown sidecar key \"speaker\" (expected captured, published, title, outlet, authors, url)"),
            "{notes:?}"
        );
    }

    #[test]
    fn bundled_has_the_seeds() {
        let loaded = bundled(None);
        let seeds = loaded
            .documents
            .iter()
            .filter(|d| d.path.starts_with("fixtures/seeds/"))
            .count();
        assert_eq!(seeds, 5);
        // bundled sidecars describe their file and are not documents themselves
        assert!(
            loaded
                .documents
                .iter()
                .all(|d| !d.path.ends_with(".meta.json"))
        );
        let dredging = loaded
            .documents
            .iter()
            .find(|d| d.path.ends_with("harbor_dredging_update.srt"));
        assert_eq!(
            dredging.and_then(|d| d.outlet.as_deref()),
            Some("Port City TV")
        );
    }
}
