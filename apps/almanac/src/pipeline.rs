//! From documents to merged facts: the one path shared by `facts`, `timeline`, `ask` and the REPL.

use almanac_extract::Extractor;
use almanac_model::{Document, Fact};
use rayon::prelude::*;

/// Extracts the facts of every document (in parallel) and merges facts reported by several
/// documents into one, sorted deterministically.
pub fn extract_all(documents: &[Document]) -> Vec<Fact> {
    let extractor = Extractor::new();
    let per_doc: Vec<Vec<Fact>> = documents
        .par_iter()
        .map(|doc| extractor.extract(doc))
        .collect();
    almanac_extract::merge(per_doc.into_iter().flatten().collect())
}
