//! Workspace-level snapshot tests: each module globs a folder of `fixtures/`.

#![warn(unreachable_pub)]

mod annotate;
mod answers;
mod corpus;
mod facts;
mod parse;
mod qa;
