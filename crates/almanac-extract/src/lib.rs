//! Extract dated events and roles, with amounts and sources, from almanac documents, and
//! merge them across documents.
//!
//! For each sentence of a [`Document`] the extractor finds entity mentions (a
//! [`Gazetteer`] of countries, capitals, demonyms, organizations, ministries, companies and
//! outlets, plus capitalization and title patterns for the rest), temporal expressions
//! (`almanac-time`, resolved against the document's date) and amounts (`almanac-measure`),
//! then runs the extraction rules (listed by [`rules`]): active, passive and nominal events, and roles. Every
//! [`Fact`] carries its provenance (document, sentence, byte span, rule, confidence).
//! [`merge`] folds facts that several documents report into one fact with several sources
//! and records the fields they disagree on as [`almanac_model::Conflict`]s; [`timeline`]
//! orders events chronologically.
//!
//! What the crate root offers (every module is private): [`Extractor`] (facts, and the
//! evidence of every sentence, of one document), [`SentenceCache`] (what a reader of many
//! documents keeps of the sentences it meets again; [`Repeats`], its policy, for a caller's
//! own values), [`Gazetteer`] (built-in names, extended by a
//! user's TSV file; [`GazetteerError`]), [`merge`], [`timeline`] ([`TimelineEntry`]),
//! [`render_fact`] and [`render_time`] (one-line renderings used by snapshots and the CLI),
//! [`entity_names`] (for completion) and [`rules`] (the rule names found in provenance).
//!
//! It deliberately does not guess: an event without an identifiable actor (or target) is
//! dropped, and a relative date in an undated document stays unresolved (`XXXX-07`) unless
//! another document dates the same event, which is then recorded in the time's `note`.
//! It does no I/O and never reads the clock.
//!
//! ```
//! use almanac_extract::{Extractor, render_fact};
//! use almanac_model::Document;
//!
//! let doc = Document::new("a.txt", "plain-text", "Tokyo slapped export restrictions on Seoul.");
//! let facts = Extractor::new().extract(&doc);
//! assert_eq!(render_fact(&facts[0], false), "restrict  Japan -> South Korea  \"export restrictions\"");
//! ```

mod analysis;
mod cache;
mod clause;
mod evidence;
mod gazetteer;
mod lexicon;
mod merge;
mod render;
mod rules;
mod state;
mod timeline;

use almanac_model::{
    DocEvidence, Document, Entity, EntityKind, EntityRef, Fact, FactKind, Provenance, TimeRef,
};
use almanac_time::{Anchor, Granularity, TimexType};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use cache::{Repeats, SentenceCache};
pub use gazetteer::{Gazetteer, GazetteerError, QUESTION_ONLY};
pub use merge::{MergedOrder, merge, merge_partition, merged_order, sort_merged};
pub use render::{render_fact, render_time};
pub use timeline::{TimelineEntry, timeline};

use crate::analysis::{KnownPerson, name_unknown_subjects, resolve_persons};
use crate::rules::{DocState, Found, RULES};

/// The extraction rules, in the order they run on each sentence: `(name, description)`.
/// The name is the one recorded in every fact's [`Provenance::rule`].
///
/// ```
/// let names: Vec<&str> = almanac_extract::rules().map(|(name, _)| name).collect();
/// assert!(names.contains(&"verb_event"));
/// ```
pub fn rules() -> impl Iterator<Item = (&'static str, &'static str)> {
    RULES.iter().map(|r| (r.name, r.description))
}

/// Extracts facts from documents with a gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    gazetteer: Gazetteer,
    /// Tells a [`SentenceCache`] whose analyses it holds: unique to each extractor made
    /// with a gazetteer (0, the default's, always has the built-in one).
    id: u64,
}

/// The id the next extractor made with a gazetteer takes.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Extractor {
    /// An extractor with the built-in gazetteer.
    pub fn new() -> Self {
        Self::with_gazetteer(Gazetteer::builtin())
    }

    /// An extractor with the given gazetteer (e.g. the built-in one extended by the user).
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Self {
        Self {
            gazetteer,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The gazetteer in use (for alias resolution: [`Gazetteer::lookup`]).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The gazetteer's canonical entities.
    pub fn entities(&self) -> &[Entity] {
        self.gazetteer.entities()
    }

    /// Extracts the facts of one document, in sentence order.
    pub fn extract(&self, doc: &Document) -> Vec<Fact> {
        self.run(doc, false, None).0
    }

    /// Extracts the facts of one document and the evidence of every sentence (its typed
    /// mentions: times, amounts, names), from one analysis of the text.
    ///
    /// ```
    /// use almanac_extract::Extractor;
    /// use almanac_model::{Document, MentionValue};
    ///
    /// let doc = Document::new("a.txt", "plain-text", "The airline cut 3,200 jobs in 2023.");
    /// let (_facts, evidence) = Extractor::new().extract_with_evidence(&doc);
    /// let kinds: Vec<_> = evidence.sentences[0].mentions.iter().map(|m| match &m.value {
    ///     MentionValue::Time(t) => t.value.clone(),
    ///     MentionValue::Amount(a) => a.value.to_string(),
    ///     MentionValue::Name { entity, .. } => entity.name.clone(),
    /// }).collect();
    /// assert_eq!(kinds, ["3200", "2023"]);
    /// ```
    pub fn extract_with_evidence(&self, doc: &Document) -> (Vec<Fact>, DocEvidence) {
        self.run(doc, true, None)
    }

    /// [`extract_with_evidence`](Self::extract_with_evidence), reusing the analyses of
    /// sentences met before that `cache` kept: the same facts and evidence, less work on a
    /// corpus that repeats sentences (see [`SentenceCache`]).
    pub fn extract_with_evidence_cached(
        &self,
        doc: &Document,
        cache: &mut SentenceCache,
    ) -> (Vec<Fact>, DocEvidence) {
        cache.serve(self.id);
        self.run(doc, true, Some(cache))
    }

    /// Facts, and the evidence of every sentence when `with_evidence` (else empty).
    fn run(
        &self,
        doc: &Document,
        with_evidence: bool,
        mut cache: Option<&mut SentenceCache>,
    ) -> (Vec<Fact>, DocEvidence) {
        let reference = doc.reference_date();
        let mut analyse = |text, span| match cache.as_deref_mut() {
            Some(cache) => cache.analyse(text, span, &self.gazetteer, reference),
            None => analysis::analyse(text, span, &self.gazetteer, reference),
        };
        let mut state = DocState {
            doc_date: reference.map(|r| TimeRef {
                reference: Some(r),
                ..TimeRef::new(
                    "document date",
                    r.date().format("%Y-%m-%d").to_string(),
                    TimexType::Date,
                    Granularity::Day,
                    Anchor::Reference,
                )
            }),
            ..DocState::default()
        };
        // the headline, when it reads as a sentence, is read first (span 0..0)
        let headline = doc
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| headline_is_sentence(t) && !doc.body.text.trim_start().starts_with(*t));
        let mut sentences: Vec<_> = headline.map(|t| analyse(t, 0..0)).into_iter().collect();
        sentences.extend(doc.sentences().map(|(span, text)| analyse(text, span)));
        let mut persons: Vec<KnownPerson> = Vec::new();
        for s in &mut sentences {
            resolve_persons(s, &mut persons);
        }
        // a second pass resolves short names used before the full name appears
        for s in &mut sentences {
            resolve_persons(s, &mut persons);
            name_unknown_subjects(s);
            s.index();
        }
        let mut countries: Vec<(EntityRef, usize)> = Vec::new();
        for s in &sentences {
            for m in &s.mentions {
                let ministry = m.entity.kind == EntityKind::Government
                    && (m.entity.name.starts_with("Ministry")
                        || m.entity.name.starts_with("Department"));
                if ministry && !state.ministries.iter().any(|x| x.id == m.entity.id) {
                    state.ministries.push(m.entity.clone());
                }
                let bank = m.entity.kind != EntityKind::Person
                    && m.entity.name.split(' ').any(|w| w == "Bank");
                if bank && !state.banks.iter().any(|x| x.id == m.entity.id) {
                    state.banks.push(m.entity.clone());
                }
                if m.entity.kind == EntityKind::Country {
                    match countries.iter_mut().find(|(c, _)| c.id == m.entity.id) {
                        Some((_, n)) => *n += 1,
                        None => countries.push((m.entity.clone(), 1)),
                    }
                }
            }
        }
        countries.sort_by_key(|c| std::cmp::Reverse(c.1));
        state.country = match countries.as_slice() {
            [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| m < n) => {
                Some(c.clone())
            }
            _ => None,
        };
        let mut out: Vec<Fact> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let mut lines: Vec<String> = Vec::new();
        let mut headline_facts: Vec<Fact> = Vec::new();
        // every source of the document shares these
        let doc_id: Arc<str> = Arc::from(doc.id.as_str());
        let doc_path: Arc<str> = Arc::from(doc.path.as_str());
        let doc_title: Option<Arc<str>> = doc.title.as_deref().map(Arc::from);
        for (n, s) in sentences.iter().enumerate() {
            let mut sentence: Option<Arc<str>> = None;
            let is_headline = n == 0 && headline.is_some();
            if n == 1 && headline.is_some() {
                // the body's anaphora do not refer to the headline
                headline_facts.append(&mut out);
                state.last_actor = None;
            }
            state.triggers = clause::triggers(s);
            state.verbs = state
                .triggers
                .iter()
                .copied()
                .filter(|&i| clause::verb_at(s, i).is_some())
                .collect();
            state.sentence_actor = None;
            state.sentence_modality = None;
            lines.clear();
            let first_of_sentence = out.len();
            for rule in RULES {
                found.clear();
                (rule.apply)(s, &mut state, &mut found);
                for f in found.drain(..) {
                    let line = render::render_kind(&f.kind);
                    if lines.contains(&line) {
                        continue;
                    }
                    let id = fact_id(&[
                        doc.id.as_bytes(),
                        s.span.start.to_string().as_bytes(),
                        rule.name.as_bytes(),
                        line.as_bytes(),
                    ]);
                    lines.push(line);
                    out.push(Fact {
                        id,
                        kind: f.kind,
                        sources: vec![Provenance {
                            doc_id: Arc::clone(&doc_id),
                            doc_path: Arc::clone(&doc_path),
                            doc_title: doc_title.clone(),
                            doc_date: reference,
                            sentence: Arc::clone(sentence.get_or_insert_with(|| Arc::from(s.text))),
                            span: s.span.clone(),
                            rule: if is_headline {
                                Arc::from(format!("headline/{}", rule.name))
                            } else {
                                Arc::from(rule.name)
                            },
                            confidence: f.confidence,
                        }],
                        conflicts: Vec::new(),
                    });
                }
            }
            left_office(&mut out[first_of_sentence..]);
            for m in &s.mentions {
                if m.usage != gazetteer::NameUse::Demonym {
                    state.recent.retain(|e| e.id != m.entity.id);
                    state.recent.push(m.entity.clone());
                }
            }
            if state.recent.len() > 40 {
                state.recent.drain(..state.recent.len() - 40);
            }
        }
        if sentences.len() == 1 && headline.is_some() {
            headline_facts.append(&mut out);
        }
        // a headline fact the body reports too (same class, and same actor or target) adds
        // nothing
        headline_facts.retain(|h| !out.iter().any(|b| merge::restates(&h.kind, &b.kind)));
        headline_facts.append(&mut out);
        let evidence = DocEvidence {
            doc_id: doc.id.clone(),
            sentences: sentences
                .iter()
                .take(if with_evidence { usize::MAX } else { 0 })
                .enumerate()
                .map(|(n, s)| evidence::sentence(s, n == 0 && headline.is_some(), &self.gazetteer))
                .collect(),
        };
        (headline_facts, evidence)
    }
}

/// `Economy Minister Alicia Romero resigned on Monday`: a role whose holder resigns (or is
/// dismissed) in the same sentence is a former one as of the document's date.
fn left_office(facts: &mut [Fact]) {
    let gone: Vec<String> = facts
        .iter()
        .filter_map(|f| match &f.kind {
            FactKind::Event(e) if !e.negated && e.modality == almanac_model::Modality::Done => {
                match e.class {
                    almanac_model::EventClass::Resign => e.actor.as_ref().map(|a| a.id.clone()),
                    almanac_model::EventClass::Dismiss => e.target.as_ref().map(|t| t.id.clone()),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    for f in facts {
        if let FactKind::Role(r) = &mut f.kind
            && gone.contains(&r.person.id)
            && !r.title.starts_with("Former")
        {
            r.title = format!("Former {}", r.title);
        }
    }
}

/// Whether a headline reads as a sentence rather than in Title Case (`Lisbon elects Ana
/// Ribeiro as mayor`, not `Japan Lifts Export Curbs On Seoul`): no word after the first is
/// a capitalized verb, event noun or preposition, and at most two thirds of its longer
/// words are capitalized.
fn headline_is_sentence(title: &str) -> bool {
    let words: Vec<&str> = title
        .split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let cap = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    let title_case_word = words.iter().filter(|w| cap(w)).any(|w| {
        let lower = w.to_ascii_lowercase();
        lexicon::verb_forms().contains_key(&lower)
            || lexicon::nominal_class(&lower).is_some()
            || lexicon::has(&lower, lexicon::w::PREPOSITION | lexicon::w::DETERMINER)
    });
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    let caps = long.iter().filter(|w| cap(w)).count();
    !title.is_empty() && !title_case_word && caps * 3 <= long.len() * 2
}

/// A fact's id: 16 hex digits of a 64-bit FNV-1a hash of its parts (document id, sentence
/// start, rule, rendered content), joined by `|`. Stable across runs and machines.
fn fact_id(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            h = (h ^ u64::from(b'|')).wrapping_mul(0x0100_0000_01b3);
        }
        for &b in *part {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Canonical entity names appearing in facts (actors, targets, places, persons,
/// organizations), sorted and unique: for tab completion.
pub fn entity_names(facts: &[Fact]) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    for f in facts {
        match &f.kind {
            FactKind::Event(e) => {
                for r in [&e.actor, &e.target, &e.place].into_iter().flatten() {
                    names.insert(r.name.clone());
                }
            }
            FactKind::Role(r) => {
                names.insert(r.person.name.clone());
                if let Some(o) = &r.organization {
                    names.insert(o.name.clone());
                }
            }
        }
    }
    names.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use almanac_model::Document;

    use crate::{Extractor, render_fact};

    /// Facts of a document titled `title` with body `body`, as `rule: line`.
    fn check(title: &str, body: &str, expected: &[&str]) {
        let mut doc = Document::new("t.txt", "plain-text", body);
        doc.title = Some(title.to_owned());
        let got: Vec<String> = Extractor::new()
            .extract(&doc)
            .iter()
            .map(|f| format!("{}: {}", f.sources[0].rule, render_fact(f, false)))
            .collect();
        assert_eq!(got, expected, "title {title:?}, body {body:?}");
    }

    #[test]
    fn headlines_add_what_the_body_does_not_say() {
        check(
            "Mexico elects Claudia Sheinbaum as president",
            "Turnout was high.",
            &[
                "headline/role_as: role  Claudia Sheinbaum  \"President\"",
                "headline/verb_event: elect  Mexico -> Claudia Sheinbaum",
            ],
        );
        // restated by the body: kept once, from the body
        check(
            "Acme Holdings to buy Beta Corp.",
            "Acme Holdings agreed to buy Beta Corp. for $2 billion.",
            &["verb_event: acquire  Acme Holdings -> Beta  [2 billion USD]  planned"],
        );
        // Title Case headlines are not read
        check(
            "Japan Lifts Export Curbs On Korea",
            "Nothing happened.",
            &[],
        );
    }
}
