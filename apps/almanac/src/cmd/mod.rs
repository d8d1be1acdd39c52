//! One module per subcommand; each has `Args` (clap) and `run`.

pub(crate) mod annotate;
pub(crate) mod ask;
pub(crate) mod facts;
pub(crate) mod index;
pub(crate) mod parse;
pub(crate) mod quote;
pub(crate) mod repl;
pub(crate) mod timeline;

/// Where `facts` and `timeline` read their facts: an index, or documents.
pub(crate) enum FactSource<'a> {
    /// An index written by `almanac index`.
    Index(&'a std::path::Path),
    /// Files and folders (none: the bundled seeds), with the capture date and the user's
    /// gazetteer file.
    Documents {
        paths: &'a [std::path::PathBuf],
        captured: Option<chrono::NaiveDate>,
        gazetteer: Option<&'a std::path::Path>,
    },
}

/// The merged facts of `source` and the number of documents they come from; the documents
/// too when `with_documents` (from an index, only those the facts cite). Diagnostics go to
/// stderr.
#[allow(clippy::print_stderr)]
pub(crate) fn load_facts(
    source: FactSource<'_>,
    with_documents: bool,
) -> anyhow::Result<(
    Vec<almanac_model::Fact>,
    Vec<almanac_model::Document>,
    usize,
)> {
    match source {
        FactSource::Index(dir) => {
            let (facts, count, diagnostics) = crate::index::merged_facts(dir)?;
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let documents = if with_documents {
                let ids: std::collections::HashSet<&str> = facts
                    .iter()
                    .flat_map(|f| f.sources.iter().map(|s| &*s.doc_id))
                    .collect();
                crate::index::documents_with_ids(dir, &ids)?
            } else {
                Vec::new()
            };
            Ok((facts, documents, count))
        }
        FactSource::Documents {
            paths,
            captured,
            gazetteer,
        } => {
            let loaded = if paths.is_empty() {
                crate::corpus::bundled(captured)
            } else {
                crate::corpus::load(paths, captured, true)?
            };
            for d in &loaded.diagnostics {
                eprintln!("{d}");
            }
            let gazetteer = crate::pipeline::gazetteer(gazetteer)?;
            let facts = crate::pipeline::extract_all(&gazetteer, &loaded.documents);
            let count = loaded.documents.len();
            Ok((facts, loaded.documents, count))
        }
    }
}

/// Whether `err` comes from writing to a closed stdout (`almanac facts | head`): the reader
/// has all it wanted, so the command ends quietly.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Stdout, locked and buffered: commands write through it so that a closed stdout is an
/// error they return (and [`is_broken_pipe`] recognizes) instead of a panic in `println!`.
pub(crate) fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}
