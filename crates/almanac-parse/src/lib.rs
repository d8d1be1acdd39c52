//! nom grammars that turn news source files into almanac [`Document`]s.
//!
//! (Skeleton: the parse helper replaces this with the real crate.)

pub use almanac_model::Document;
