//! Workspace-level snapshot tests: each module globs a folder of `fixtures/`.

mod annotate;
mod answers;
mod corpus;
mod facts;
mod parse;
mod qa;
