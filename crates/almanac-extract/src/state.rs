//! The state the rules carry across the sentences of one document.

use almanac_model::{EntityRef, Modality, TimeRef};

/// State carried across the sentences of one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocState {
    /// The last actor named, for `it`, `the company`, `the government`.
    pub last_actor: Option<EntityRef>,
    /// The document's date as a time reference (roles are attested as of it).
    pub doc_date: Option<TimeRef>,
    /// Trigger positions (verbs and nominals) of the current sentence.
    pub triggers: Vec<usize>,
    /// Verb trigger positions of the current sentence (windows of verb events).
    pub verbs: Vec<usize>,
    /// The last actor of an event in the current sentence (for infinitives: `to build`).
    pub sentence_actor: Option<EntityRef>,
    /// The modality of that event.
    pub sentence_modality: Option<Modality>,
    /// Ministries and departments named anywhere in the document, for the organization of
    /// a minister named by portfolio only (`industry minister Ahn Duk-geun`).
    pub ministries: Vec<EntityRef>,
    /// Banks named in the document, for a governor named without one.
    pub banks: Vec<EntityRef>,
    /// The country the document is about: the most often named, named at least twice and
    /// more often than any other; a government title without a country is of it.
    pub country: Option<EntityRef>,
    /// Entities named in the previous sentences, latest last (for `the bank`, `the firm`).
    pub recent: Vec<EntityRef>,
}
