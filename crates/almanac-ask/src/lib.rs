//! Answer plain-English questions from almanac facts.
//!
//! (Skeleton: the ask helper replaces this with the real crate.)

pub use almanac_model::Fact;
