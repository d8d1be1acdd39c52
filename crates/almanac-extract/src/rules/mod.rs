//! Extraction rules: one file per rule, listed once in [`RULES`].
//!
//! A rule reads one analysed [`Sentence`] (tokens, mentions, times, amounts, triggers) and
//! pushes what it finds. Adding a rule is one new file here plus one line in [`RULES`]; its
//! minimal tests sit at the bottom of its file.

use almanac_model::{EntityRef, FactKind, Modality, TimeRef};

use crate::analysis::Sentence;

pub mod nominal_event;
pub mod passive_event;
pub mod role_appositive;
pub mod role_as;
pub mod role_title;
pub mod verb_event;

/// One extraction rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable name, recorded in every fact's provenance: `verb_event`.
    pub name: &'static str,
    /// One line describing what it finds.
    pub description: &'static str,
    /// Runs the rule on one sentence.
    pub apply: fn(&Sentence<'_>, &mut DocState, &mut Vec<Found>),
}

/// Every rule, in the order they run on each sentence.
pub static RULES: &[Rule] = &[
    role_title::RULE,
    role_appositive::RULE,
    role_as::RULE,
    verb_event::RULE,
    passive_event::RULE,
    nominal_event::RULE,
];

/// What a rule found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The fact.
    pub kind: FactKind,
    /// Confidence in 0..=1.
    pub confidence: f32,
}

/// State carried across the sentences of one document.
#[derive(Debug, Clone, Default)]
pub struct DocState {
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

#[cfg(test)]
pub(crate) mod test_support {
    //! The one helper every rule test goes through.

    use almanac_model::{DocDate, Document, Fact};
    use chrono::NaiveDate;

    use crate::{Extractor, render_fact};

    /// Extracts facts from `text` (dated `date`, if any) and keeps the lines of facts
    /// produced by `rule`.
    pub fn run(rule: &str, text: &str, date: Option<(i32, u32, u32)>) -> Vec<String> {
        let mut doc = Document::new("test.txt", "plain-text", text);
        if let Some((y, m, d)) = date {
            let day = NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0));
            if let Some(day) = day {
                doc.published = DocDate::explicit(day, almanac_time::Granularity::Day);
            }
        }
        let facts: Vec<Fact> = Extractor::new().extract(&doc);
        facts
            .iter()
            .filter(|f| f.sources[0].rule == rule)
            .map(|f| render_fact(f, false))
            .collect()
    }
}
