//! From documents to merged facts: the one path shared by `facts`, `timeline`, `ask` and the REPL.

use almanac_extract::Extractor;
use almanac_model::{DocEvidence, Document, Fact};
use rayon::prelude::*;

/// Extracts the facts of every document (in parallel) and merges facts reported by several
/// documents into one, sorted deterministically.
pub(crate) fn extract_all(documents: &[Document]) -> Vec<Fact> {
    let extractor = Extractor::new();
    let per_doc: Vec<Vec<Fact>> = documents
        .par_iter()
        .map(|doc| extractor.extract(doc))
        .collect();
    almanac_extract::merge(per_doc.into_iter().flatten().collect())
}

/// Like [`extract_all`], and also the evidence of every sentence (typed mentions), from one
/// analysis per document: what [`almanac_ask::Session::with_evidence`] answers from.
pub(crate) fn extract_all_with_evidence(documents: &[Document]) -> (Vec<Fact>, Vec<DocEvidence>) {
    let extractor = Extractor::new();
    let per_doc: Vec<(Vec<Fact>, DocEvidence)> = documents
        .par_iter()
        .map(|doc| extractor.extract_with_evidence(doc))
        .collect();
    let mut facts = Vec::new();
    let mut evidence = Vec::with_capacity(per_doc.len());
    for (f, e) in per_doc {
        facts.extend(f);
        evidence.push(e);
    }
    (almanac_extract::merge(facts), evidence)
}
