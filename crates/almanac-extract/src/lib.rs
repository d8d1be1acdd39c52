//! Extract dated events, roles and amounts from almanac documents.
//!
//! (Skeleton: the extract helper replaces this with the real crate.)

pub use almanac_model::Fact;
