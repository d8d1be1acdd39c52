//! The one way these tests read fixture files: as the app reads a folder. Files are walked in
//! path order, hidden entries skipped, and handed with their paths to
//! [`almanac_parse::read_files`], which applies each sidecar (`FILE.meta.json`) to its file
//! and never reads a sidecar as a document.

use std::path::{Path, PathBuf};

use almanac_parse::{Options, Parsed, read_files, sidecar_path};

/// The `fixtures/` folder.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// `path` relative to `fixtures/`, with `/` separators, stable across machines.
pub(crate) fn relative(path: &Path) -> String {
    let root = fixtures();
    path.strip_prefix(&root)
        .or_else(|_| path.strip_prefix(root.canonicalize().unwrap_or_default()))
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `dir`, recursively, sorted by path, hidden entries (`.git`) skipped.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Reads `(label, path)` pairs from disk and parses them together.
fn read_labelled(files: &[(String, PathBuf)]) -> Parsed {
    let bytes: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|(label, path)| Some((label.clone(), std::fs::read(path).ok()?)))
        .collect();
    read_files(
        bytes.iter().map(|(l, b)| (l.as_str(), b.as_slice())),
        &Options::default(),
    )
}

/// The documents of every file under the given folders of `fixtures/`, labelled
/// `{prefix}{path relative to fixtures/}` (`fixtures/seeds/a.txt` with prefix `fixtures/`).
pub(crate) fn read_folders(folders: &[&str], prefix: &str) -> Parsed {
    let mut paths = Vec::new();
    for folder in folders {
        files_under(&fixtures().join(folder), &mut paths);
    }
    let labelled: Vec<(String, PathBuf)> = paths
        .into_iter()
        .map(|p| (format!("{prefix}{}", relative(&p)), p))
        .collect();
    read_labelled(&labelled)
}

/// The documents of one fixture file with its sidecar, if any, labelled relative to
/// `fixtures/`; nothing for a file that is no document (a sidecar).
pub(crate) fn read_fixture(path: &Path) -> Parsed {
    let label = relative(path);
    let mut meta = path.as_os_str().to_owned();
    meta.push(almanac_parse::SIDECAR_SUFFIX);
    read_labelled(&[
        (sidecar_path(&label), PathBuf::from(meta)),
        (label, path.to_path_buf()),
    ])
}

/// Whether a fixture file is a document (not a sidecar or hidden file): the files that get
/// a snapshot of their own.
pub(crate) fn is_document(path: &Path) -> bool {
    almanac_parse::is_document(&relative(path))
}
