//! Reading documents from files and folders, and the bundled fixtures.
//!
//! Files are read and parsed in parallel (rayon); folders are walked recursively, skipping
//! hidden entries. One unreadable or damaged file never stops the others: it yields
//! diagnostics instead of documents.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use almanac_model::{Diagnostic, Document, Severity};
use almanac_parse::Options;
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

/// The suffix of a sidecar metadata file: `page.txt.meta.json` describes `page.txt`.
const SIDECAR_SUFFIX: &str = ".meta.json";

/// Metadata a user can put next to a file, e.g. `{"captured": "2024-11-21"}`.
#[derive(Debug, serde::Deserialize)]
struct Sidecar {
    /// When the file was captured: resolves `5 years ago` for this file.
    captured: Option<NaiveDate>,
}

/// Reads `FILE.meta.json` if it exists: the capture date it gives, or a diagnostic.
fn read_sidecar(file: &Path) -> Result<Option<NaiveDate>, Diagnostic> {
    let mut name = file.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    let sidecar = PathBuf::from(name);
    let Ok(text) = std::fs::read_to_string(&sidecar) else {
        return Ok(None);
    };
    serde_json::from_str::<Sidecar>(&text)
        .map(|s| s.captured)
        .map_err(|err| {
            Diagnostic::file(
                Severity::Warning,
                &sidecar.display().to_string(),
                format!("unreadable sidecar metadata: {err}"),
            )
            .expected(r#"{"captured": "YYYY-MM-DD"}"#)
        })
}

/// Reads and parses one file; I/O errors become a diagnostic. A sidecar `FILE.meta.json`
/// with a capture date takes precedence over the one given for all files.
fn read_file(file: &Path, opts: &Options) -> almanac_parse::Parsed {
    let label = file.display().to_string();
    let (opts, sidecar_problem) = match read_sidecar(file) {
        Ok(Some(captured)) => (
            Options {
                captured: Some(captured),
                ..*opts
            },
            None,
        ),
        Ok(None) => (*opts, None),
        Err(diagnostic) => (*opts, Some(diagnostic)),
    };
    match std::fs::read(file) {
        Ok(bytes) => {
            let mut parsed = almanac_parse::read(&label, &bytes, &opts);
            if let Some(problem) = sidecar_problem {
                for doc in &mut parsed.documents {
                    doc.diagnostics.insert(0, problem.clone());
                }
                if parsed.documents.is_empty() {
                    parsed.diagnostics.push(problem);
                }
            }
            parsed
        }
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
            almanac_parse::read(&label, f.contents(), &opts)
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
            .is_none_or(|n| n.starts_with('.'));
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
    fn bundled_has_the_seeds() {
        let loaded = bundled(None);
        let seeds = loaded
            .documents
            .iter()
            .filter(|d| d.path.starts_with("fixtures/seeds/"))
            .count();
        assert_eq!(seeds, 5);
    }
}
