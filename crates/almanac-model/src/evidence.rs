//! Evidence: every sentence of a document with the typed mentions it holds.
//!
//! The rule extractor recognises only the events and roles its vocabulary knows; evidence
//! keeps everything else a sentence states, so that a question can be answered from any
//! sentence: times (resolved against the document date), amounts of money, counts with the
//! noun they count, percentages, and names of people, organisations and places.

use std::ops::Range;

use almanac_measure::Amount;
use serde::{Deserialize, Serialize};

use crate::fact::{EntityRef, TimeRef};

/// The evidence of one document: its sentences in order (the headline first when it reads
/// as a sentence).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocEvidence {
    /// The document's id ([`crate::Document::id`]).
    pub doc_id: String,
    /// Its sentences, in reading order.
    pub sentences: Vec<SentenceEvidence>,
}

/// One sentence and what it mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceEvidence {
    /// Byte range of the sentence in the document body (`0..0` for the headline).
    pub span: Range<usize>,
    /// The sentence text.
    pub text: String,
    /// Whether it is the document's headline rather than a body sentence.
    pub headline: bool,
    /// Its typed mentions, sorted by span (byte ranges into `text`).
    pub mentions: Vec<Mention>,
}

/// A typed mention inside a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte range in the sentence text.
    pub span: Range<usize>,
    /// What it is.
    pub value: MentionValue,
}

/// The value a mention stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionValue {
    /// A temporal expression: a date, time, duration or set, with how it was resolved.
    Time(TimeRef),
    /// Money, a percentage, a count of things or a bare number.
    Amount(Amount),
    /// A named entity: from the gazetteer, or a name pattern (`known` false).
    Name {
        /// The entity.
        entity: EntityRef,
        /// Whether the gazetteer knows it (else a capitalization pattern found it).
        known: bool,
    },
}

impl SentenceEvidence {
    /// The text of a mention (empty if its span does not fit the sentence).
    pub fn slice(&self, mention: &Mention) -> &str {
        self.text.get(mention.span.clone()).unwrap_or("")
    }
}
