//! The almanac data model: documents read from news sources, and the facts extracted from them.
//!
//! This crate only defines types and pure helpers (content hashing, sentence splitting); it
//! does no I/O, never reads the clock and never prints. Every type is `serde` serializable
//! and serializes deterministically (no `HashMap` order reaches output).
//!
//! - [`Document`]: one article, feed item, transcript or post, with its metadata,
//!   its body split into paragraphs and sentences, and the [`Diagnostic`]s met reading it.
//! - [`Fact`]: an event, or a role held, with [`Provenance`] for every source that reports it.
//!
//! ```
//! use almanac_model::{Document, DocDate};
//!
//! let doc = Document::new("notes.txt", "plain-text", "Seoul said so. Tokyo agreed.");
//! assert_eq!(doc.published, DocDate::unknown());
//! assert_eq!(doc.sentences().count(), 2);
//! ```

pub mod arc_str;
mod diagnostic;
mod document;
mod evidence;
mod fact;
mod text;
pub mod vocab;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Body, DateKnown, DocDate, Document, Headline, RelativeAge};
pub use evidence::{DocEvidence, Mention, MentionValue, SentenceEvidence};
pub use fact::{
    Conflict, Entity, EntityKind, EntityRef, Event, Fact, FactKind, Modality, Provenance, Role,
    TimeRef,
};
pub use text::{content_id, line_column, split_sentences};
pub use vocab::{EventClass, UnknownClass, VocabError};
