//! From documents to merged facts: the one path shared by `facts`, `timeline`, `ask` and the REPL.
//!
//! (Skeleton: the extract work fills this in.)

use almanac_model::{Document, Fact};

/// Extracts the facts of every document (in parallel) and merges facts reported by several
/// documents into one, sorted deterministically.
#[allow(dead_code)]
pub fn extract_all(documents: &[Document]) -> Vec<Fact> {
    let _ = documents;
    Vec::new()
}
