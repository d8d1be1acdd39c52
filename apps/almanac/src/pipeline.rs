//! From documents to merged facts: the one path shared by `facts`, `timeline`, `ask` and the REPL.

use std::path::Path;

use almanac_extract::{Extractor, Gazetteer};
use almanac_model::{DocEvidence, Document, Fact};
use anyhow::Context;
use rayon::prelude::*;

/// The gazetteer extraction and questions share: the built-in one, extended by the user's
/// file (`--gazetteer FILE`, same format as the built-in `data/gazetteer.tsv`) when given.
pub(crate) fn gazetteer(user: Option<&Path>) -> anyhow::Result<Gazetteer> {
    let mut gazetteer = Gazetteer::builtin();
    if let Some(path) = user {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        gazetteer
            .extend(&text)
            .with_context(|| format!("reading the gazetteer {}", path.display()))?;
    }
    Ok(gazetteer)
}

/// Extracts the facts of every document (in parallel) and merges facts reported by several
/// documents into one, sorted deterministically.
pub(crate) fn extract_all(gazetteer: &Gazetteer, documents: &[Document]) -> Vec<Fact> {
    let extractor = Extractor::with_gazetteer(gazetteer.clone());
    let per_doc: Vec<Vec<Fact>> = documents
        .par_iter()
        .map(|doc| extractor.extract(doc))
        .collect();
    almanac_extract::merge(per_doc.into_iter().flatten().collect())
}

/// Like [`extract_all`], and also the evidence of every sentence (typed mentions), from one
/// analysis per document: what [`almanac_ask::Session::with_evidence`] answers from.
pub(crate) fn extract_all_with_evidence(
    gazetteer: &Gazetteer,
    documents: &[Document],
) -> (Vec<Fact>, Vec<DocEvidence>) {
    let extractor = Extractor::with_gazetteer(gazetteer.clone());
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
