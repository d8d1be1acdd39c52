//! One module per subcommand; each has `Args` (clap) and `run`.

pub(crate) mod annotate;
pub(crate) mod ask;
pub(crate) mod facts;
pub(crate) mod index;
pub(crate) mod parse;
pub(crate) mod quote;
pub(crate) mod repl;
pub(crate) mod timeline;

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
