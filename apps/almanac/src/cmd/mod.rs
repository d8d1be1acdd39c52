//! One module per subcommand; each has `Args` (clap) and `run`.

pub mod annotate;
pub mod ask;
pub mod facts;
pub mod parse;
pub mod quote;
pub mod repl;
pub mod timeline;
