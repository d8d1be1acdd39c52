//! Extraction rules: one file per rule, listed once in [`RULES`].
//!
//! A rule reads one analysed [`Sentence`] (tokens, mentions, times, amounts, triggers) and
//! pushes what it finds. Adding a rule is one new file here plus one line in [`RULES`]; its
//! minimal tests sit at the bottom of its file.

use almanac_model::FactKind;

use crate::analysis::Sentence;
pub(crate) use crate::state::DocState;

pub(crate) mod nominal_event;
pub(crate) mod passive_event;
pub(crate) mod role_appositive;
pub(crate) mod role_as;
pub(crate) mod role_title;
pub(crate) mod verb_event;

/// One extraction rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// Stable name, recorded in every fact's provenance: `verb_event`.
    pub name: &'static str,
    /// One line describing what it finds.
    pub description: &'static str,
    /// Runs the rule on one sentence.
    pub apply: fn(&Sentence<'_>, &mut DocState, &mut Vec<Found>),
}

/// Every rule, in the order they run on each sentence.
pub(crate) static RULES: &[Rule] = &[
    role_title::RULE,
    role_appositive::RULE,
    role_as::RULE,
    verb_event::RULE,
    passive_event::RULE,
    nominal_event::RULE,
];

/// What a rule found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// The fact.
    pub kind: FactKind,
    /// Confidence in 0..=1.
    pub confidence: f32,
}

#[cfg(test)]
pub(crate) mod test_support {
    //! The one helper every rule test goes through.

    use almanac_model::{DocDate, Document, Fact};
    use chrono::NaiveDate;

    use crate::{Extractor, render_fact};

    /// Extracts facts from `text` (dated `date`, if any) and keeps the lines of facts
    /// produced by `rule`.
    pub(crate) fn run(rule: &str, text: &str, date: Option<(i32, u32, u32)>) -> Vec<String> {
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
            .filter(|f| *f.sources[0].rule == *rule)
            .map(|f| render_fact(f, false))
            .collect()
    }
}
