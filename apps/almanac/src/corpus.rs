//! Reading documents from files and folders, and the bundled seed documents.
//!
//! Files are read and parsed in parallel (rayon); folders are walked recursively (walkdir),
//! skipping hidden entries (`.git`). One unreadable or damaged file never stops the others:
//! it yields diagnostics instead of documents. Nothing is skipped silently:
//!
//! - a symbolic link is followed, but each file and folder is read once: a link back into a
//!   folder being walked (a loop) or to something already read is reported, not followed
//!   again;
//! - FIFOs, sockets and devices are reported and never opened (opening a FIFO would block);
//! - a name that is not valid UTF-8 is read all the same, shown with U+FFFD, and reported;
//! - every such case is counted in [`Loaded::walk`].
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
//!   ignores that key only. The rules live in `almanac_parse::Sidecar`.
//!
//! Which files are documents, and how a sidecar is applied, is decided once, by
//! [`almanac_parse::read_files`] (the bundled seeds, and the snapshot tests of `tests/`) and
//! [`almanac_parse::is_document`] (the walk here, which reads each file and its sidecar itself
//! so that I/O errors become diagnostics).
//!
//! The bundled seed documents (`fixtures/seeds/`, the corpus the REPL opens without
//! `--corpus`) follow the same rule. The other fixtures are test inputs, not news for a user,
//! and are not bundled.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use almanac_model::{Diagnostic, Document, Severity};
use almanac_parse::Options;
use almanac_parse::{SIDECAR_SUFFIX, Sidecar};
use chrono::NaiveDate;
use include_dir::{Dir, include_dir};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// The seed documents, embedded so the REPL works from any folder.
static SEEDS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../fixtures/seeds");

/// The label prefix of the bundled seed documents: `fixtures/seeds/NAME`.
const SEEDS_LABEL: &str = "fixtures/seeds";

/// Files larger than this are reported and skipped.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What was read from a set of paths.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// Every document read, sorted by path.
    pub documents: Vec<Document>,
    /// Diagnostics about files that yielded no document (unreadable, empty, binary, a FIFO,
    /// a symlink loop...).
    pub diagnostics: Vec<Diagnostic>,
    /// What walking the folders met besides regular files, counted.
    pub walk: WalkCounts,
}

/// What walking folders met besides regular files: each case is also a diagnostic.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WalkCounts {
    /// Hidden files and folders (`.git`, `.DS_Store`) inside the folders given: not read.
    pub hidden: usize,
    /// FIFOs, sockets and devices: reported, never opened.
    pub special: usize,
    /// Symbolic links leading back into a folder being walked: reported, not followed.
    pub loops: usize,
    /// Paths leading to a file or folder already read through another path: read once.
    pub duplicates: usize,
    /// Names that are not valid UTF-8: read all the same, reported.
    pub non_utf8_names: usize,
    /// Entries that could not be listed or examined (permissions, broken links).
    pub unreadable: usize,
    /// Files over the size limit: reported, not read.
    pub too_large: usize,
}

impl WalkCounts {
    /// A one-line summary of the non-zero counts (`2 FIFOs/sockets/devices, 1 symlink loop`),
    /// or `None` when every entry was a regular file or folder.
    pub(crate) fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.hidden, "hidden entries skipped"),
            (self.special, "FIFOs/sockets/devices skipped"),
            (self.loops, "symlink loops not followed"),
            (self.duplicates, "paths to something already read"),
            (self.non_utf8_names, "non-UTF-8 names"),
            (self.unreadable, "unreadable entries"),
            (self.too_large, "files too large"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
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
pub(crate) fn load(
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
pub(crate) fn load_with(
    paths: &[PathBuf],
    opts: &Options,
    progress: bool,
) -> anyhow::Result<Loaded> {
    let walked = walk(paths);
    let files = walked.files;
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
    let mut problems = walked.diagnostics;
    problems.append(&mut loaded.diagnostics);
    loaded.diagnostics = problems;
    loaded.walk = walked.counts;
    Ok(loaded)
}

/// The regular files found by walking paths, and what the walk met besides them.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// The files to read, sorted by path, each once.
    pub files: Vec<Found>,
    /// What was met besides regular files (FIFOs, loops, unreadable entries...).
    pub diagnostics: Vec<Diagnostic>,
    /// The same, counted.
    pub counts: WalkCounts,
}

/// Walks files and folders (recursively) without reading any file: what [`load`] reads,
/// for callers that read files themselves (the index).
pub(crate) fn walk(paths: &[PathBuf]) -> Walked {
    let mut walk = Walk::default();
    walk.run(paths);
    Walked {
        files: walk.files(),
        diagnostics: walk.problems,
        counts: walk.counts,
    }
}

/// What identifies a file or folder whatever the path to it: device and inode on Unix, the
/// canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    /// Device and inode numbers.
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    /// The canonical path.
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

#[cfg(unix)]
fn identity(_path: &Path, meta: &std::fs::Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some(Identity::Inode(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &std::fs::Metadata) -> Option<Identity> {
    std::fs::canonicalize(path).ok().map(Identity::Path)
}

/// A file found by walking: its path, and a warning to attach to what it yields (a name that
/// is not valid UTF-8).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Found {
    /// The path, as reached from the paths given.
    pub path: PathBuf,
    /// Its size in bytes when it was found.
    pub bytes: u64,
    /// A warning about the file itself, attached to what it yields.
    pub note: Option<String>,
}

/// The walk over every path given: files found, problems met, counts.
#[derive(Debug, Default)]
struct Walk {
    found: Vec<Found>,
    /// Each file and folder met, with the first path it was met by.
    seen: HashMap<Identity, PathBuf>,
    problems: Vec<Diagnostic>,
    counts: WalkCounts,
    /// Symbolic links met inside folders, followed once every real path has been walked so
    /// that a file is known by its own path rather than a link's.
    links: Vec<PathBuf>,
}

/// The kind of a non-regular file, for messages.
fn special_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "not a regular file"
}

/// Whether a file name is hidden (`.git`).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Whether a file name is a sidecar (`x.srt.meta.json`), which describes a file and is not a
/// document itself: what [`almanac_parse::is_document`] rejects besides hidden names.
fn is_sidecar(name: &std::ffi::OsStr) -> bool {
    !is_hidden(name) && !almanac_parse::is_document(&name.to_string_lossy())
}

impl Walk {
    fn problem(&mut self, severity: Severity, path: &Path, message: String) {
        self.problems.push(Diagnostic::file(
            severity,
            &path.display().to_string(),
            message,
        ));
    }

    /// Whether `meta` (reached by `path`) was met before; reports it if so.
    fn already_seen(&mut self, path: &Path, meta: &std::fs::Metadata) -> bool {
        let Some(id) = identity(path, meta) else {
            return false;
        };
        match self.seen.get(&id) {
            Some(first) if first == path => true,
            Some(first) => {
                let message = format!(
                    "same {} as {} (through a link); read once",
                    if meta.is_dir() { "folder" } else { "file" },
                    first.display()
                );
                self.counts.duplicates += 1;
                self.problem(Severity::Info, path, message);
                true
            }
            None => {
                self.seen.insert(id, path.to_path_buf());
                false
            }
        }
    }

    /// Walks the paths given by the user, then the links met inside them (and inside what
    /// they lead to), each file and folder once.
    fn run(&mut self, roots: &[PathBuf]) {
        for root in roots {
            self.root(root);
        }
        while !self.links.is_empty() {
            for link in std::mem::take(&mut self.links) {
                self.root(&link);
            }
        }
    }

    /// Walks one path: a file, or a folder read recursively. The path itself is read even
    /// when hidden; links inside it are kept for later ([`Walk::run`]).
    fn root(&mut self, root: &Path) {
        let mut entries = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    self.walk_error(root, &err);
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name();
            if entry.depth() > 0 && is_hidden(name) {
                self.counts.hidden += 1;
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                }
                continue;
            }
            let meta = match entry.metadata() {
                Ok(meta) => meta,
                Err(err) => {
                    self.walk_error(root, &err);
                    continue;
                }
            };
            if entry.depth() > 0 && entry.path_is_symlink() {
                if meta.is_dir() {
                    entries.skip_current_dir();
                }
                if !(meta.is_file() && is_sidecar(name)) {
                    self.links.push(path.to_path_buf());
                }
                continue;
            }
            if meta.is_dir() {
                if self.already_seen(path, &meta) {
                    entries.skip_current_dir();
                }
                continue;
            }
            if !meta.is_file() {
                self.counts.special += 1;
                let message = format!("{}, skipped", special_kind(meta.file_type()));
                self.problem(Severity::Warning, path, message);
                continue;
            }
            if entry.depth() > 0 && is_sidecar(name) {
                continue;
            }
            if self.already_seen(path, &meta) {
                continue;
            }
            if meta.len() > MAX_FILE_BYTES {
                self.counts.too_large += 1;
                let message = format!("file too large ({} bytes), skipped", meta.len());
                self.problem(Severity::Error, path, message);
                continue;
            }
            let note = path.to_str().is_none().then(|| {
                self.counts.non_utf8_names += 1;
                "file name is not valid UTF-8 (shown with U+FFFD); read all the same".to_owned()
            });
            self.found.push(Found {
                path: path.to_path_buf(),
                bytes: meta.len(),
                note,
            });
        }
    }

    /// Reports an error met while walking `root`: a symlink loop, or an entry that cannot be
    /// listed or examined.
    fn walk_error(&mut self, root: &Path, err: &walkdir::Error) {
        let path = err.path().unwrap_or(root).to_path_buf();
        if let Some(ancestor) = err.loop_ancestor() {
            self.counts.loops += 1;
            let message = format!(
                "symlink loop: leads back to {}; not followed",
                ancestor.display()
            );
            self.problem(Severity::Warning, &path, message);
            return;
        }
        self.counts.unreadable += 1;
        let reason = err
            .io_error()
            .map_or_else(|| err.to_string(), ToString::to_string);
        let broken = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
            && std::fs::metadata(&path).is_err();
        let message = if broken {
            format!("broken symbolic link: {reason}")
        } else {
            format!("cannot read: {reason}")
        };
        self.problem(Severity::Error, &path, message);
    }

    /// The files found, sorted by path, each once.
    fn files(&mut self) -> Vec<Found> {
        let mut files = std::mem::take(&mut self.found);
        files.sort();
        files.dedup_by(|a, b| a.path == b.path);
        files
    }
}

/// Where the sidecar of `file` would be: `FILE.meta.json`.
pub(crate) fn sidecar_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    PathBuf::from(name)
}

/// The bytes of the sidecar of `file`, `None` when there is none.
pub(crate) fn read_sidecar_bytes(file: &Path) -> Option<std::io::Result<Vec<u8>>> {
    match std::fs::read(sidecar_path(file)) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        read => Some(read),
    }
}

/// The sidecar of `file` from what reading it gave. An unreadable sidecar file is a sidecar
/// with one diagnostic.
fn sidecar_from(file: &Path, read: std::io::Result<Vec<u8>>) -> Sidecar {
    let label = sidecar_path(file).display().to_string();
    match read {
        Ok(bytes) => Sidecar::parse(&label, &String::from_utf8_lossy(&bytes)),
        Err(err) => Sidecar {
            path: label.clone(),
            diagnostics: vec![Diagnostic::file(
                Severity::Warning,
                &label,
                format!("cannot read sidecar metadata: {err}"),
            )],
            ..Sidecar::default()
        },
    }
}

/// Reads and parses one file with its sidecar, if any.
fn read_file(found: &Found, opts: &Options) -> almanac_parse::Parsed {
    let file = found.path.as_path();
    parse_file(found, std::fs::read(file), read_sidecar_bytes(file), opts)
}

/// Parses one file from what reading it and its sidecar gave ([`read_sidecar_bytes`]); I/O
/// errors become a diagnostic, and the walk's note (a non-UTF-8 name) a warning on what the
/// file yields.
pub(crate) fn parse_file(
    found: &Found,
    bytes: std::io::Result<Vec<u8>>,
    sidecar: Option<std::io::Result<Vec<u8>>>,
    opts: &Options,
) -> almanac_parse::Parsed {
    let file = found.path.as_path();
    let label = file.display().to_string();
    let sidecar = sidecar.map(|read| sidecar_from(file, read));
    let mut parsed = match bytes {
        Ok(bytes) => almanac_parse::read_with_sidecar(&label, &bytes, opts, sidecar.as_ref()),
        Err(err) => almanac_parse::Parsed {
            documents: Vec::new(),
            diagnostics: vec![Diagnostic::file(
                Severity::Error,
                &label,
                format!("cannot read file: {err}"),
            )],
        },
    };
    if let Some(note) = &found.note {
        let diagnostic = Diagnostic::file(Severity::Warning, &label, note.clone());
        if parsed.documents.is_empty() {
            parsed.diagnostics.insert(0, diagnostic.clone());
        }
        for doc in &mut parsed.documents {
            doc.diagnostics.insert(0, diagnostic.clone());
        }
    }
    parsed
}

/// The seed documents bundled into the binary from `fixtures/seeds/`: the corpus the REPL,
/// `ask`, `facts` and `timeline` read when given no path.
pub(crate) fn bundled(captured: Option<NaiveDate>) -> Loaded {
    let mut files: Vec<&include_dir::File<'static>> = Vec::new();
    collect_bundled(&SEEDS, &mut files);
    let labelled: Vec<(String, &[u8])> = files
        .iter()
        .map(|f| {
            let label = Path::new(SEEDS_LABEL).join(f.path()).display().to_string();
            (label, f.contents())
        })
        .collect();
    let opts = Options {
        captured,
        format: None,
    };
    let parsed = almanac_parse::read_files(labelled.iter().map(|(l, b)| (l.as_str(), *b)), &opts);
    Loaded::from_parsed(vec![parsed])
}

/// Every bundled file, sidecars included: [`almanac_parse::read_files`] tells them apart.
fn collect_bundled<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    out.extend(dir.files());
    for sub in dir.dirs() {
        if !sub.path().file_name().is_some_and(is_hidden) {
            collect_bundled(sub, out);
        }
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

    /// A fresh, empty folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("almanac-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_and_each_file_is_read_once() {
        use std::os::unix::fs::symlink;
        let dir = scratch("loops");
        std::fs::create_dir_all(dir.join("a/b")).ok();
        std::fs::write(dir.join("a/b/story.txt"), "The council opened a library.\n").ok();
        // two loops, and a second path to the same file
        symlink("..", dir.join("a/b/up")).ok();
        symlink("../..", dir.join("a/b/top")).ok();
        symlink("b/story.txt", dir.join("a/alias.txt")).ok();
        let (docs, diags) = check(std::slice::from_ref(&dir));
        let loaded = load(std::slice::from_ref(&dir), None, false).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(docs.len(), 1, "{docs:?}");
        assert_eq!(loaded.walk.loops, 2, "{diags:?}");
        assert_eq!(loaded.walk.duplicates, 1, "{diags:?}");
        let loops = diags
            .iter()
            .filter(|d| d.contains("warning: symlink loop: leads back to"));
        assert_eq!(loops.count(), 2, "{diags:?}");
        assert!(
            diags.iter().any(|d| d.contains("info: same file as")),
            "{diags:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_reported_never_opened() {
        let dir = scratch("fifo");
        std::fs::write(dir.join("story.txt"), "The council opened a library.\n").ok();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join("pipe.txt"))
            .status()
            .is_ok_and(|s| s.success());
        assert!(made, "mkfifo works");
        // a FIFO given by name is reported too (opening it would block forever)
        let loaded = load(&[dir.clone(), dir.join("pipe.txt")], None, false).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        let diags: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(loaded.documents.len(), 1);
        assert_eq!(loaded.walk.special, 2, "{diags:?}");
        assert!(
            diags
                .iter()
                .all(|d| d.ends_with("pipe.txt: warning: a FIFO (named pipe), skipped")),
            "{diags:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_read_and_reported() {
        use std::os::unix::ffi::OsStrExt;
        let dir = scratch("names");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.join(name), "The council opened a library.\n").ok();
        let loaded = load(std::slice::from_ref(&dir), None, false).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(loaded.walk.non_utf8_names, 1);
        assert_eq!(loaded.documents.len(), 1);
        let doc = &loaded.documents[0];
        assert!(doc.path.ends_with("caf\u{FFFD}.txt"), "{}", doc.path);
        let notes: Vec<String> = doc.diagnostics.iter().map(ToString::to_string).collect();
        assert!(
            notes[0].ends_with(
                "caf\u{FFFD}.txt: warning: file name is not valid UTF-8 (shown with U+FFFD); read all the same"
            ),
            "{notes:?}"
        );
    }

    #[test]
    fn hidden_folders_are_skipped_and_counted_nul_bytes_dropped() {
        let dir = scratch("hidden");
        std::fs::create_dir_all(dir.join(".git/objects")).ok();
        std::fs::write(dir.join(".git/objects/x.txt"), "Not a news story.\n").ok();
        std::fs::write(dir.join(".DS_Store"), "junk").ok();
        std::fs::write(
            dir.join("story.txt"),
            b"The council opened a library\0 on 3 May 2024.\n",
        )
        .ok();
        let loaded = load(std::slice::from_ref(&dir), None, false).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(loaded.walk.hidden, 2);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(loaded.documents.len(), 1);
        let doc = &loaded.documents[0];
        assert!(!doc.body.text.contains('\0'));
        assert!(doc.body.text.contains("library on 3 May 2024"));
        let notes: Vec<String> = doc.diagnostics.iter().map(ToString::to_string).collect();
        assert!(
            notes.iter().any(|n| n.ends_with(
                "story.txt:1:29: warning: 1 NUL byte(s) dropped (expected text without NUL bytes)"
            )),
            "{notes:?}"
        );
    }

    #[test]
    fn bundled_is_the_five_seeds_only() {
        let loaded = bundled(None);
        let paths: Vec<&str> = loaded.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths.len(), 5, "{paths:?}");
        assert!(paths.iter().all(|p| p.starts_with("fixtures/seeds/")));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    }
}
