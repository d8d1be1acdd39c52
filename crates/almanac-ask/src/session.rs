//! A question-answering session: the indexed corpus plus the context of the last question.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use almanac_measure::AmountKind;
use almanac_model::{DocEvidence, Document, EntityRef, Fact, FactKind};
use serde::Serialize;

use crate::evidence::{DocMeta, EvidenceIndex, Retrieve};
use crate::index::Corpus;
use crate::lexicon::Lexicon;
use crate::question::{Asks, Question, RoleHint};
use crate::reader::{self, Expect, FactValues, Features, Read, Reader};
use crate::render::{
    amount_value, amount_with_equivalent, event_clause_with, role_clause, summary, time_note,
};
use crate::score::{
    Breakdown, Scored, TIE_PENALTY, candidates, found_slot, penalize_ambiguity, rank,
};
use crate::time::{describe, time_range};

/// Below this confidence the session abstains: a wrong answer is worse than none.
pub const ANSWER_THRESHOLD: f32 = 0.6;

/// Below this calibrated confidence an answer read from sentence evidence is not given.
///
/// Chosen on the labelled sets (`eval/fit.py`: development, `fixtures/qa/`, `eval/`) as the
/// threshold that maximises right answers minus twice the wrong ones, because a wrong answer
/// is worse than none: 88% of the answers given there were right. No threshold reached the
/// 95% precision we aim for (0.90 gave 90% and answered a third fewer questions).
pub const EVIDENCE_THRESHOLD: f32 = 0.75;

/// How long a quoted sentence may be before it is cut around the answer.
const QUOTE_BYTES: usize = 300;

/// How many evidence candidates `:why` shows.
const SHOWN_EVIDENCE: usize = 5;

/// How many alternatives and nearby facts an answer lists.
const SHOWN: usize = 3;

/// Where an answer was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The document's path.
    pub doc: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date (`2023-04-25`), if known.
    pub date: Option<String>,
    /// The sentence, verbatim (a long one cut around the answer, with `...`).
    pub sentence: String,
    /// Byte range of the answer in `sentence`, when it was read from it: to highlight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight: Option<std::ops::Range<usize>>,
}

/// Another fact that could answer, or that was found near an unanswered question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// The fact in one sentence.
    pub text: String,
    /// Its value for the question (a TIMEX3 value, an amount), if it has one.
    pub value: Option<String>,
    /// Its confidence (serialized to 2 decimals).
    #[serde(serialize_with = "round2")]
    pub confidence: f32,
    /// Where it was read.
    pub source: Option<Source>,
}

/// Writes a confidence rounded to 2 decimals: `0.59`, not `0.5912345`.
fn round2<S: serde::Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((f64::from(*value) * 100.0).round() / 100.0)
}

/// A candidate fact with its score, for `:why`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The fact in one sentence.
    pub summary: String,
    /// Whether the fact holds what the question asks for (a date for `when`, ...).
    pub answerable: bool,
    /// The score's factors.
    pub score: Breakdown,
}

/// How an answer was found: the parsed question and the best candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The question as understood (after follow-up context).
    pub question: Question,
    /// How many facts were scored.
    pub scored: usize,
    /// The best candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Remarks: an ambiguity, a threshold not reached.
    pub notes: Vec<String>,
    /// How many sentences were read for evidence.
    pub sentences_read: usize,
    /// The best values read from sentences, best first, with their features.
    pub evidence: Vec<EvidenceCandidate>,
}

/// A value read from a sentence, for `:why`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceCandidate {
    /// The value in words.
    pub text: String,
    /// Its machine value.
    pub value: Option<String>,
    /// The confidence.
    #[serde(serialize_with = "round2")]
    pub confidence: f32,
    /// The named features the confidence is computed from.
    pub features: Features,
    /// The margin of its score over the best candidate with another value.
    #[serde(serialize_with = "round2")]
    pub margin: f32,
    /// The sentence it was read from.
    pub sentence: String,
    /// The document's path.
    pub doc: String,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.question)?;
        writeln!(
            f,
            "scored {} facts; threshold {ANSWER_THRESHOLD:.2}",
            self.scored
        )?;
        for (i, c) in self.candidates.iter().enumerate() {
            let mark = if c.answerable {
                ""
            } else {
                " (does not say what is asked)"
            };
            writeln!(f, "{}. {}{mark}", i + 1, c.summary)?;
            writeln!(f, "   {}", c.score)?;
        }
        if !self.evidence.is_empty() {
            writeln!(
                f,
                "read {} sentences; evidence threshold {EVIDENCE_THRESHOLD:.2}",
                self.sentences_read
            )?;
            for (i, c) in self.evidence.iter().enumerate() {
                writeln!(
                    f,
                    "e{}. {} ({:.2}) in {}",
                    i + 1,
                    c.text,
                    c.confidence,
                    c.doc
                )?;
                writeln!(f, "    \"{}\"", trim_around(&c.sentence, 0..0, 160))?;
                writeln!(f, "    {}; margin {:.2}", c.features, c.margin)?;
            }
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

/// The answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The answer in one line (`March 2023: Japan lifted export restrictions on South
    /// Korea.`), or `None` when the session abstains.
    pub text: Option<String>,
    /// The value: a TIMEX3 value (`2023-03`), an amount (`28000000 USD`), a name.
    pub value: Option<String>,
    /// Confidence in 0..=1; below [`ANSWER_THRESHOLD`] the session abstains.
    pub confidence: f32,
    /// Where the answer was read.
    pub source: Option<Source>,
    /// How the source is cited: `from "TITLE" (updated 2023-04-25; "last month" = 2023-03)`.
    pub citation: Option<String>,
    /// Close alternatives.
    pub alternatives: Vec<Alternative>,
    /// When abstaining: what was found nearby.
    pub nearby: Vec<Alternative>,
    /// What the answer was read from: an extracted fact or a sentence's evidence.
    pub origin: Option<Origin>,
    /// How it was found.
    pub explanation: Explanation,
}

/// What an answer was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// An event or role the rule extractor built.
    Fact,
    /// A typed mention of a sentence (or the sentence itself).
    Sentence,
}

impl Answer {
    /// Whether the session answered.
    pub fn is_answered(&self) -> bool {
        self.text.is_some()
    }
}

impl fmt::Display for Answer {
    /// The answer, the quoted sentence and the citation; or "I don't know" with what was
    /// found nearby.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => {
                writeln!(f, "{text}")?;
                if let Some(source) = &self.source {
                    writeln!(f, "  \"{}\"", source.sentence)?;
                }
                if let Some(citation) = &self.citation {
                    writeln!(f, "  {citation}")?;
                }
                if !self.alternatives.is_empty() {
                    writeln!(f, "  also:")?;
                    for a in &self.alternatives {
                        writeln!(f, "  - {} ({:.2})", a.text, a.confidence)?;
                    }
                }
            }
            None => {
                writeln!(f, "I don't know: nothing in the documents answers that.")?;
                if !self.nearby.is_empty() {
                    writeln!(f, "  nearby:")?;
                    for a in &self.nearby {
                        writeln!(f, "  - {} ({:.2})", a.text, a.confidence)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// A document of the session, for `:sources`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceSummary {
    /// The path.
    pub path: String,
    /// The title.
    pub title: Option<String>,
    /// `published 2020-01-21`, `updated 2023-04-25`.
    pub date: Option<String>,
    /// How many facts cite it.
    pub facts: usize,
}

/// A question-answering session over a set of facts.
///
/// REPL and batch answer through the same [`Session::answer`]; a session remembers the
/// previous question so that follow-ups (`and when were they lifted?`) keep its context.
pub struct Session {
    corpus: Corpus,
    lexicon: Lexicon,
    evidence: Box<dyn Retrieve>,
    fact_values: FactValues,
    context: Option<Question>,
    last: Option<Answer>,
    /// The amount each fact gives for the question being answered (cleared per question).
    amounts: RefCell<HashMap<usize, Option<Chosen>>>,
}

impl Session {
    /// Indexes `facts`; `documents` give titles and dates for citations and the corpus's
    /// own "now" (its latest document date) for `last year`.
    ///
    /// Answers come from the facts only; [`Session::with_evidence`] also reads every sentence.
    pub fn new(facts: Vec<Fact>, documents: &[Document]) -> Self {
        Self::with_evidence(facts, documents, Vec::new())
    }

    /// A session over the documents read by `extractor`: their facts (merged) and the
    /// evidence of every sentence.
    /// Questions know the names of the extractor's gazetteer.
    pub fn from_documents(extractor: &almanac_extract::Extractor, documents: &[Document]) -> Self {
        let mut facts = Vec::new();
        let mut evidence = Vec::with_capacity(documents.len());
        for d in documents {
            let (f, e) = extractor.extract_with_evidence(d);
            facts.extend(f);
            evidence.push(e);
        }
        let facts = almanac_extract::merge(facts);
        Self::with_gazetteer(facts, documents, evidence, extractor.gazetteer())
    }

    /// Indexes `facts` and the sentence `evidence` of `documents`
    /// ([`almanac_extract::Extractor::extract_with_evidence`]): a question is answered from
    /// a fact when one answers it, else from the sentence that states the answer.
    pub fn with_evidence(
        facts: Vec<Fact>,
        documents: &[Document],
        evidence: Vec<DocEvidence>,
    ) -> Self {
        let gazetteer = almanac_extract::Gazetteer::builtin();
        Self::with_gazetteer(facts, documents, evidence, &gazetteer)
    }

    /// [`Session::with_evidence`] recognising in questions the names of `gazetteer`: pass
    /// the one the facts were extracted with (the built-in one extended by the user's).
    pub fn with_gazetteer(
        facts: Vec<Fact>,
        documents: &[Document],
        evidence: Vec<DocEvidence>,
        gazetteer: &almanac_extract::Gazetteer,
    ) -> Self {
        let docs: Vec<DocMeta> = documents.iter().map(DocMeta::of).collect();
        let evidence = EvidenceIndex::new(documents, evidence);
        Self::with_store(facts, docs, Box::new(evidence), gazetteer)
    }

    /// Indexes `facts` over documents known by their metadata, reading sentences from
    /// `store`: an on-disk index serves the same answers as [`Session::with_gazetteer`]
    /// over the same documents, without holding every sentence in memory.
    pub fn with_store(
        facts: Vec<Fact>,
        documents: impl Into<std::sync::Arc<[DocMeta]>>,
        store: Box<dyn Retrieve>,
        gazetteer: &almanac_extract::Gazetteer,
    ) -> Self {
        let lexicon = Lexicon::new();
        let documents = documents.into();
        // the facts' sentences are indexed beside the facts
        let (fact_values, mut corpus) = std::thread::scope(|scope| {
            let values = scope.spawn(|| FactValues::new(&facts));
            let corpus = Corpus::index(&facts, &documents, &lexicon, gazetteer);
            let values = values
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (values, corpus)
        });
        corpus.facts = facts;
        corpus.documents = documents;
        let evidence = store;
        Self {
            corpus,
            lexicon,
            evidence,
            fact_values,
            context: None,
            last: None,
            amounts: RefCell::new(HashMap::new()),
        }
    }

    /// Answers `question`, using the previous question as context for follow-ups.
    pub fn answer(&mut self, question: &str) -> Answer {
        let repaired = repair_wh_word(question);
        let question = repaired.as_deref().unwrap_or(question);
        let mut q = Question::parse(question, &self.corpus, &self.lexicon);
        if let Some(previous) = &self.context {
            q = q.with_context(previous);
        }
        let previous = self
            .context
            .as_ref()
            .filter(|_| q.follow_up != crate::question::FollowUp::No)
            .map(|p| p.text.clone());
        let answer = self.answer_parsed(q.clone());
        let answer = self.with_evidence_answer(&q, previous.as_deref(), answer);
        self.context = Some(q);
        self.last = Some(answer.clone());
        answer
    }

    /// Forgets the previous question.
    pub fn reset(&mut self) {
        self.context = None;
    }

    /// The last answer given, for `:why`.
    pub fn last_answer(&self) -> Option<&Answer> {
        self.last.as_ref()
    }

    /// The facts of the session.
    pub fn facts(&self) -> &[Fact] {
        &self.corpus.facts
    }

    /// Names of the entities that have facts, sorted: for completion.
    pub fn entity_names(&self) -> Vec<String> {
        self.corpus
            .entity_names()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// The facts about an entity named `name` (aliases and typos allowed), in time order.
    pub fn facts_about(&self, name: &str) -> Vec<&Fact> {
        let mut out: Vec<u32> = Vec::new();
        for id in self.corpus.resolve(name) {
            out.extend_from_slice(&self.corpus.by_entity[id as usize]);
        }
        out.sort_unstable();
        out.dedup();
        let mut facts: Vec<(Option<i32>, u32)> = out
            .into_iter()
            .map(|i| (self.corpus.compact[i as usize].time.map(|t| t.start), i))
            .collect();
        facts.sort();
        facts
            .into_iter()
            .map(|(_, i)| &self.corpus.facts[i as usize])
            .collect()
    }

    /// Dated facts in time order, about `entity` if given: one line each, with its source.
    pub fn timeline(&self, entity: Option<&str>) -> Vec<String> {
        let facts: Vec<&Fact> = match entity {
            Some(name) => self.facts_about(name),
            None => {
                let mut all: Vec<(i32, u32)> = self.corpus.by_time.clone();
                all.sort();
                all.into_iter()
                    .map(|(_, i)| &self.corpus.facts[i as usize])
                    .collect()
            }
        };
        facts
            .into_iter()
            .filter(|f| fact_time(f).is_some_and(|t| time_range(t).is_some()))
            .map(|f| {
                let doc = f.sources.first().map_or("", |s| &*s.doc_path);
                format!("{}  [{doc}]", summary(f))
            })
            .collect()
    }

    /// The number of documents the session answers from.
    pub fn document_count(&self) -> usize {
        self.corpus.docs.len()
    }

    /// The documents of the session with how many facts each gives, sorted by path.
    pub fn sources(&self) -> Vec<SourceSummary> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for f in &self.corpus.facts {
            for s in &f.sources {
                *counts.entry(&*s.doc_id).or_default() += 1;
            }
        }
        let mut out: Vec<SourceSummary> = self
            .corpus
            .docs
            .iter()
            .filter_map(|(id, &i)| {
                let d = self.corpus.documents.get(i as usize)?;
                Some(SourceSummary {
                    path: d.path.to_string(),
                    title: d.title.as_deref().map(str::to_owned),
                    date: d.date_label.clone(),
                    facts: counts.get(&**id).copied().unwrap_or(0),
                })
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    fn answer_parsed(&self, q: Question) -> Answer {
        self.amounts.borrow_mut().clear();
        let pool = if q.is_empty() && q.keywords.is_empty() {
            Vec::new()
        } else {
            candidates(&self.corpus, &q)
        };
        let mut ranked = rank(&self.corpus, &self.lexicon, &q, &pool);
        // Answerable candidates first, keeping the order within each group.
        let mut answerable: Vec<Scored> = Vec::new();
        let mut other: Vec<Scored> = Vec::new();
        for s in ranked.drain(..) {
            if self.value_of(&q, &s).is_some() {
                answerable.push(s);
            } else {
                other.push(s);
            }
        }
        let mut notes = Vec::new();
        let ordered = q
            .order
            .is_some_and(|order| self.pick_by_order(order, &mut answerable));
        if ordered {
            notes
                .push("the question asks for the first or last of several: ordered by date".into());
        } else if let Some(rival) = penalize_ambiguity(
            &mut answerable,
            |a, b| self.compatible(&q, a, b),
            if q.asks == Asks::When {
                TIE_PENALTY
            } else {
                0.85
            },
        ) {
            notes.push(format!(
                "a close candidate gives another answer: {}",
                summary(&self.corpus.facts[rival as usize])
            ));
        }
        let mut all: Vec<(bool, Scored)> = answerable
            .iter()
            .map(|s| (true, *s))
            .chain(other.iter().map(|s| (false, *s)))
            .collect();
        all.sort_by(|a, b| {
            b.1.score
                .total
                .total_cmp(&a.1.score.total)
                .then(a.1.fact.cmp(&b.1.fact))
        });
        let explanation_candidates: Vec<Candidate> = all
            .iter()
            .take(5)
            .map(|(ok, s)| Candidate {
                summary: summary(&self.corpus.facts[s.fact as usize]),
                answerable: *ok,
                score: s.score,
            })
            .collect();
        let mut explanation = Explanation {
            question: q.clone(),
            scored: pool.len(),
            candidates: explanation_candidates,
            notes,
            sentences_read: 0,
            evidence: Vec::new(),
        };
        if q.is_empty() && q.keywords.is_empty() {
            explanation
                .notes
                .push("the question names no entity, event or time that a fact could match".into());
        }

        let best = answerable
            .first()
            .filter(|b| b.score.total >= ANSWER_THRESHOLD)
            .copied();
        let Some(best) = best else {
            explanation.notes.push(format!(
                "no candidate reaches the threshold {ANSWER_THRESHOLD:.2}: abstaining"
            ));
            let nearby = all
                .iter()
                .take(SHOWN)
                .map(|(_, s)| self.alternative(&q, s))
                .collect();
            return Answer {
                text: None,
                value: None,
                // The confidence of the best fact that could answer (below the threshold);
                // facts that do not say what is asked give none.
                confidence: answerable.first().map_or(0.0, |s| s.score.total),
                source: None,
                citation: None,
                alternatives: Vec::new(),
                nearby,
                origin: None,
                explanation,
            };
        };

        let fact = &self.corpus.facts[best.fact as usize];
        let (lead, value) = self.value_of(&q, &best).unwrap_or_default();
        let text = if q.asks == Asks::List {
            let mut lines = vec![summary(fact)];
            for s in answerable.iter().skip(1).take(9) {
                if s.score.total >= ANSWER_THRESHOLD {
                    lines.push(summary(&self.corpus.facts[s.fact as usize]));
                }
            }
            lines.join("\n")
        } else {
            self.headline(&q, fact, &lead)
        };
        let alternatives = answerable
            .iter()
            .skip(1)
            .filter(|s| {
                s.score.total >= ANSWER_THRESHOLD.max(best.score.total - 0.15)
                    && q.asks != Asks::List
            })
            .filter(|s| {
                // Same fact content said by another record adds nothing.
                summary(&self.corpus.facts[s.fact as usize]) != summary(fact)
            })
            .take(SHOWN)
            .map(|s| self.alternative(&q, s))
            .collect();
        Answer {
            text: Some(text),
            value: (!value.is_empty() && q.asks != Asks::List).then_some(value),
            confidence: best.score.total,
            source: self.source(&q, fact),
            citation: self.citation(&q, fact),
            alternatives,
            nearby: Vec::new(),
            origin: Some(Origin::Fact),
            explanation,
        }
    }

    /// Reads the answer from sentence evidence when the facts give none, and lists what was
    /// read in the explanation.
    fn with_evidence_answer(
        &self,
        q: &Question,
        previous: Option<&str>,
        mut answer: Answer,
    ) -> Answer {
        if self.evidence.is_empty() {
            return answer;
        }
        let aliases: Vec<Vec<String>> = q
            .entities
            .iter()
            .map(|e| self.corpus.aliases_of_all(e.ids.iter().copied()))
            .collect();
        let query = reader::query(q, previous, self.evidence.as_ref(), &self.lexicon, &aliases);
        // Entities the corpus does not know are left to the words' coverage.
        let entities: Vec<Vec<String>> = q
            .entities
            .iter()
            .filter(|e| !e.ids.is_empty())
            .map(|e| {
                let mut names = self
                    .corpus
                    .aliases_of_all(e.wider.iter().chain(&e.ids).copied());
                names.push(crate::text::normalize(&e.name));
                if e.similarity >= 1.0 {
                    names.push(crate::text::normalize(&e.text));
                }
                // A person is named by the surname alone after the first mention.
                if e.kind == Some(almanac_model::EntityKind::Person)
                    && let Some(last) = crate::text::normalize(&e.name).rsplit(' ').next()
                {
                    names.push(last.to_owned());
                }
                names.sort();
                names.dedup();
                names
            })
            .collect();
        // Names (written with a capital) that no fact knows; a typo is read as the corpus
        // word it is closest to (`Australia` for `Australian`).
        let unknown_entities: Vec<Vec<String>> = q
            .entities
            .iter()
            .filter(|e| e.ids.is_empty() && written_capitalized(&q.text, &e.text))
            .map(|e| {
                crate::evidence::words_of(&e.text)
                    .into_iter()
                    .filter(|w| crate::evidence::is_content(&w.lower))
                    .map(|w| {
                        if self.evidence.df(&w.stem) > 0 {
                            w.stem
                        } else {
                            self.evidence
                                .repair(&w.lower)
                                .map_or(w.stem, |(fixed, _)| crate::text::stem(&fixed))
                        }
                    })
                    .collect()
            })
            .collect();
        let r = Reader {
            index: self.evidence.as_ref(),
            facts: &self.corpus.facts,
            fact_values: &self.fact_values,
            entities: &entities,
            unknown_entities: &unknown_entities,
        };
        let (reads, read_count) = reader::read(&r, q, &query);
        answer.explanation.sentences_read = read_count;
        for (typed, fixed) in &query.repairs {
            answer.explanation.notes.push(format!(
                "read {typed:?} as {fixed:?} (not in the documents)"
            ));
        }
        // Distinct values, best first.
        let mut shown: Vec<&Read> = Vec::new();
        for rd in &reads {
            if shown.len() >= SHOWN_EVIDENCE {
                break;
            }
            if !shown
                .iter()
                .any(|x| x.value.is_some() && x.value == rd.value)
            {
                shown.push(rd);
            }
        }
        answer.explanation.evidence = shown
            .iter()
            .map(|rd| {
                let stored = self.evidence.sentence(rd.sentence);
                EvidenceCandidate {
                    text: rd.words.clone(),
                    value: rd.value.clone(),
                    confidence: rd.confidence,
                    features: rd.features,
                    margin: rd.margin,
                    sentence: stored.evidence.text.clone(),
                    doc: self.evidence.doc(stored.doc).path.to_string(),
                }
            })
            .collect();
        // A fact that gives the asked value wins; one that only restates an event (a
        // `what` question answered by a summary) yields to a sentence that gives a value.
        // A `what`/`which` question asking for a typed value (`which film`, `what share`)
        // is not answered by a fact's date or summary.
        let expect = reader::expect(q);
        let typed_what = matches!(q.asks, Asks::What | Asks::Unknown | Asks::List)
            && !matches!(expect, Expect::Date | Expect::Sentence);
        if typed_what && answer.is_answered() {
            answer.explanation.notes.push(format!(
                "a fact answers with {}, but the question asks for {expect:?}: set aside",
                answer.value.as_deref().unwrap_or("a summary")
            ));
            answer = self.abstention(answer);
        }
        let fact_has_value = answer.is_answered() && answer.value.is_some();
        if fact_has_value {
            return answer;
        }
        // `what did the ministry announce?` is answered with the sentence, not a summary.
        if answer.is_answered()
            && expect == Expect::Sentence
            && let Some(source) = &answer.source
        {
            answer.text = Some(source.sentence.clone());
        }
        if !query.unknown_names.is_empty() {
            answer.explanation.notes.push(format!(
                "the documents never mention {}: abstaining",
                query.unknown_names.join(", ")
            ));
            return answer;
        }
        let Some(best) = reads.first().filter(|b| b.confidence >= EVIDENCE_THRESHOLD) else {
            if answer.is_answered() {
                return answer;
            }
            if let Some(best) = reads.first() {
                answer.explanation.notes.push(format!(
                    "no sentence gives the answer with confidence {EVIDENCE_THRESHOLD:.2} (best {:.2}): abstaining",
                    best.confidence
                ));
                answer.confidence = answer.confidence.max(best.confidence);
            }
            return answer;
        };
        let stored = self.evidence.sentence(best.sentence);
        let doc = self.evidence.doc(stored.doc);
        let text = if best.value.is_none() {
            trim_around(&stored.evidence.text, best.span.clone(), QUOTE_BYTES)
        } else if best.written.trim() != best.words {
            format!("{} (\"{}\")", best.words, best.written.trim())
        } else {
            best.words.clone()
        };
        let mut notes: Vec<String> = Vec::new();
        if let Some(label) = &doc.date_label {
            notes.push(label.clone());
        }
        if let Some(t) = &best.time
            && let Some(note) = time_note(t, &stored.evidence.text)
        {
            notes.push(note);
        }
        let support = reads
            .iter()
            .filter(|x| x.value.is_some() && x.value == best.value)
            .map(|x| self.evidence.sentence(x.sentence).doc)
            .collect::<std::collections::BTreeSet<u32>>()
            .len();
        if support > 1 {
            notes.push(format!("{support} documents agree"));
        }
        let mut citation = match &doc.title {
            Some(t) => format!("from {t:?}"),
            None => format!("from {}", doc.path),
        };
        if !notes.is_empty() {
            citation.push_str(&format!(" ({})", notes.join("; ")));
        }
        let alternatives = shown
            .iter()
            .skip(1)
            .filter(|x| x.value != best.value && x.confidence >= EVIDENCE_THRESHOLD)
            .take(SHOWN)
            .map(|x| {
                let st = self.evidence.sentence(x.sentence);
                let d = self.evidence.doc(st.doc);
                Alternative {
                    text: x.words.clone(),
                    value: x.value.clone(),
                    confidence: x.confidence,
                    source: Some(Source {
                        doc: d.path.to_string(),
                        title: d.title.as_deref().map(str::to_owned),
                        date: d.date.map(|t| t.date().to_string()),
                        sentence: st.evidence.text.clone(),
                        highlight: None,
                    }),
                }
            })
            .collect();
        let quoted = trim_around(&stored.evidence.text, best.span.clone(), QUOTE_BYTES);
        answer.explanation.notes.push(format!(
            "no fact answers; read from a sentence (confidence {:.2})",
            best.confidence
        ));
        Answer {
            text: Some(text),
            value: best.value.clone(),
            confidence: best.confidence,
            source: Some(Source {
                doc: doc.path.to_string(),
                title: doc.title.as_deref().map(str::to_owned),
                date: doc.date.map(|t| t.date().to_string()),
                sentence: quoted.clone(),
                highlight: best
                    .value
                    .as_ref()
                    .and_then(|_| quoted.find(best.written.as_str()))
                    .map(|i| i..i + best.written.len()),
            }),
            citation: Some(citation),
            alternatives,
            nearby: Vec::new(),
            origin: Some(Origin::Sentence),
            explanation: answer.explanation,
        }
    }

    /// `answer` turned into an abstention (the explanation kept).
    fn abstention(&self, answer: Answer) -> Answer {
        Answer {
            text: None,
            value: None,
            confidence: 0.0,
            source: None,
            citation: None,
            alternatives: Vec::new(),
            nearby: Vec::new(),
            origin: None,
            explanation: answer.explanation,
        }
    }

    /// `first`, `last`: among the answerable candidates close to the best (within 0.05),
    /// moves the earliest or latest dated one to the front. Returns whether it did.
    fn pick_by_order(&self, order: crate::question::Order, answerable: &mut [Scored]) -> bool {
        let Some(best) = answerable.first().map(|s| s.score.total) else {
            return false;
        };
        let close = answerable
            .iter()
            .take_while(|s| s.score.total >= best - 0.05)
            .count();
        let time = |s: &Scored| self.corpus.compact[s.fact as usize].time.map(|t| t.start);
        let pick = (0..close)
            .filter(|&i| time(&answerable[i]).is_some())
            .min_by_key(|&i| {
                let t = time(&answerable[i]).unwrap_or(0);
                match order {
                    crate::question::Order::Earliest => t,
                    crate::question::Order::Latest => -t,
                }
            });
        match pick {
            Some(i) => {
                answerable[..=i].rotate_right(1);
                true
            }
            None => false,
        }
    }

    /// The headline: the answer's lead, then the fact in one sentence.
    fn headline(&self, q: &Question, fact: &Fact, lead: &str) -> String {
        match &fact.kind {
            FactKind::Event(event) => {
                let clause = match self.chosen_amount(q, fact) {
                    Some(c) => {
                        let mut event = event.clone();
                        event.amounts = c.amounts;
                        event_clause_with(&event, Some(c.index))
                    }
                    None => event_clause_with(event, None),
                };
                if lead.is_empty() {
                    format!("{clause}.")
                } else {
                    format!("{lead}: {clause}.")
                }
            }
            FactKind::Role(_) => {
                let s = summary(fact);
                if lead.is_empty() || s.starts_with(lead) {
                    s
                } else {
                    format!("{lead}: {s}")
                }
            }
        }
    }

    fn alternative(&self, q: &Question, s: &Scored) -> Alternative {
        let fact = &self.corpus.facts[s.fact as usize];
        let value = self
            .value_of(q, s)
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty());
        Alternative {
            text: summary(fact),
            value,
            confidence: s.score.total,
            source: self.source(q, fact),
        }
    }

    /// What the fact says for the question: `(lead in words, machine value)`, or `None` when
    /// it does not hold what is asked (no date for `when`, no amount for `how much`).
    fn value_of(&self, q: &Question, s: &Scored) -> Option<(String, String)> {
        let fact = &self.corpus.facts[s.fact as usize];
        let c = &self.corpus.compact[s.fact as usize];
        match q.asks {
            Asks::When => {
                c.time?;
                // A role's date is when a document attests it, not when anything happened.
                let FactKind::Event(_) = &fact.kind else {
                    return None;
                };
                let t = fact_time(fact)?;
                Some((describe(&t.value, t.modifier), t.value.clone()))
            }
            Asks::HowMuch | Asks::HowMany => {
                let FactKind::Event(e) = &fact.kind else {
                    return None;
                };
                let _ = e;
                let c = self.chosen_amount(q, fact)?;
                Some((
                    amount_with_equivalent(&c.amounts, c.index),
                    amount_value(&c.amounts[c.index]),
                ))
            }
            Asks::Who | Asks::Where => {
                let slots: [Option<&EntityRef>; 3] = match &fact.kind {
                    FactKind::Event(e) => [e.actor.as_ref(), e.target.as_ref(), e.place.as_ref()],
                    FactKind::Role(r) => {
                        // Who is the minister: the person; who is Sung: the title.
                        let person_asked =
                            (0..q.entities.len()).any(|k| found_slot(s, k) == Some(0));
                        if person_asked {
                            let clause = role_clause(r);
                            return Some((clause, r.title.clone()));
                        }
                        return Some((r.person.name.clone(), r.person.name.clone()));
                    }
                };
                // The entities asked must hold their roles: in `who beat Riverton?` Riverton
                // is beaten, so a fact where Riverton beats someone does not answer.
                let swapped = q.entities.iter().enumerate().any(|(k, e)| {
                    matches!(
                        (e.role, found_slot(s, k)),
                        (RoleHint::Actor, Some(1)) | (RoleHint::Target, Some(0))
                    )
                });
                if swapped {
                    return None;
                }
                let asked: Vec<u8> = (0..q.entities.len())
                    .filter_map(|k| found_slot(s, k))
                    .collect();
                let order: &[usize] = if q.asks == Asks::Where {
                    &[2, 1]
                } else {
                    &[0, 1, 2]
                };
                let pick = order.iter().find_map(|&i| {
                    let e = slots[i]?;
                    if asked.contains(&(i as u8)) {
                        return None;
                    }
                    // Where: a place, or a country or place the event is directed at
                    // (`visited Japan`).
                    if q.asks == Asks::Where
                        && i == 1
                        && !matches!(
                            e.kind,
                            almanac_model::EntityKind::Country | almanac_model::EntityKind::Place
                        )
                    {
                        return None;
                    }
                    if let Some(kind) = q.kind {
                        if !kinds_match(kind, e.kind) {
                            return None;
                        }
                    }
                    Some(e)
                });
                if let Some(pick) = pick {
                    return Some((pick.name.clone(), pick.name.clone()));
                }
                // `Lisbon elected Ana Ribeiro`: a name written as the object.
                let FactKind::Event(e) = &fact.kind else {
                    return None;
                };
                let object = e.object.as_deref().filter(|o| {
                    q.asks == Asks::Who
                        && q.kind
                            .is_none_or(|k| k == almanac_model::EntityKind::Person)
                        && looks_like_name(o)
                })?;
                Some((object.to_owned(), object.to_owned()))
            }
            Asks::What | Asks::List | Asks::Unknown => {
                let lead = fact_time(fact)
                    .filter(|t| time_range(t).is_some())
                    .map(|t| describe(&t.value, t.modifier))
                    .unwrap_or_default();
                let value = fact_time(fact).map(|t| t.value.clone()).unwrap_or_default();
                Some((lead, value))
            }
        }
    }

    /// The source to quote: the one the chosen amount was read from, else [`cited`].
    fn quoted<'f>(&self, q: &Question, fact: &'f Fact) -> Option<&'f almanac_model::Provenance> {
        match self.chosen_amount(q, fact) {
            Some(c) => fact.sources.get(c.source),
            None => cited(fact),
        }
    }

    /// For `how much` and `how many`: which amount answers, and which source states it.
    ///
    /// The source is the one that best fits the question ([`best_source`]). Merged facts
    /// may carry the amounts of one sentence only, so when the fact's amounts are not
    /// stated in that sentence, the sentence's own amounts are read (with
    /// `almanac_measure::find_amounts`); the quote and the amount always agree.
    fn chosen_amount(&self, q: &Question, fact: &Fact) -> Option<Chosen> {
        let FactKind::Event(e) = &fact.kind else {
            return None;
        };
        if !matches!(q.asks, Asks::HowMuch | Asks::HowMany) {
            return None;
        }
        // The fact must itself carry an amount of the kind asked.
        if wanted_amounts(q, &e.amounts).is_empty() {
            return None;
        }
        let key = std::ptr::from_ref(fact) as usize;
        if let Some(chosen) = self.amounts.borrow().get(&key) {
            return chosen.clone();
        }
        let chosen = self.read_amount(q, fact, e);
        self.amounts.borrow_mut().insert(key, chosen.clone());
        chosen
    }

    fn read_amount(&self, q: &Question, fact: &Fact, e: &almanac_model::Event) -> Option<Chosen> {
        let preferred = best_source(q, fact);
        let order =
            std::iter::once(preferred).chain((0..fact.sources.len()).filter(|&i| i != preferred));
        let mut first: Option<Chosen> = None;
        for (n, si) in order.enumerate() {
            let sentence = &fact.sources[si].sentence;
            let wanted = wanted_amounts(q, &e.amounts);
            if let Some(&i) = wanted.iter().find(|&&i| states(sentence, &e.amounts[i])) {
                return Some(Chosen {
                    amounts: e.amounts.clone(),
                    index: i,
                    source: si,
                });
            }
            if n == 0 {
                let found = almanac_measure::find_amounts(sentence);
                if let Some(&i) = wanted_amounts(q, &found).first() {
                    return Some(Chosen {
                        amounts: found,
                        index: i,
                        source: si,
                    });
                }
                first = wanted.first().map(|&i| Chosen {
                    amounts: e.amounts.clone(),
                    index: i,
                    source: si,
                });
            }
        }
        first
    }

    /// Whether two facts give compatible answers (nesting dates, equal values).
    fn compatible(&self, q: &Question, a: u32, b: u32) -> bool {
        if q.asks == Asks::When {
            let (ta, tb) = (
                self.corpus.compact[a as usize].time,
                self.corpus.compact[b as usize].time,
            );
            return match (ta, tb) {
                (Some(x), Some(y)) => x.nests(y),
                _ => true,
            };
        }
        let dummy = |i: u32| Scored::for_fact(i);
        let va = self.value_of(q, &dummy(a)).map(|(_, v)| v);
        let vb = self.value_of(q, &dummy(b)).map(|(_, v)| v);
        va == vb || q.asks == Asks::List
    }

    fn source(&self, q: &Question, fact: &Fact) -> Option<Source> {
        let p = self.quoted(q, fact)?;
        let doc = self.corpus.doc(&p.doc_id);
        Some(Source {
            doc: doc.map_or(&p.doc_path, |d| &d.path).to_string(),
            title: doc
                .and_then(|d| d.title.as_deref())
                .or(p.doc_title.as_deref())
                .map(str::to_owned),
            date: p.doc_date.map(|d| d.date().to_string()),
            sentence: p.sentence.to_string(),
            highlight: None,
        })
    }

    fn citation(&self, q: &Question, fact: &Fact) -> Option<String> {
        let p = self.quoted(q, fact)?;
        let doc = self.corpus.doc(&p.doc_id);
        let title = doc
            .and_then(|d| d.title.as_deref())
            .or(p.doc_title.as_deref());
        let mut out = match title {
            Some(t) => format!("from {t:?}"),
            None => format!("from {}", p.doc_path),
        };
        let mut notes: Vec<String> = Vec::new();
        match doc.and_then(|d| d.date_label.clone()) {
            Some(label) => notes.push(label),
            None => {
                if let Some(d) = p.doc_date {
                    notes.push(format!("dated {}", d.date()));
                }
            }
        }
        if let Some(note) = fact_time(fact).and_then(|t| time_note(t, &p.sentence)) {
            notes.push(note);
        }
        if fact.sources.len() > 1 {
            notes.push(format!("{} sources agree", fact.sources.len()));
        }
        for c in &fact.conflicts {
            let values: Vec<&str> = c.values.iter().map(|(v, _)| v.as_str()).collect();
            notes.push(format!(
                "sources disagree on {}: {}",
                c.field,
                values.join(" / ")
            ));
        }
        if !notes.is_empty() {
            out.push_str(&format!(" ({})", notes.join("; ")));
        }
        Some(out)
    }
}

/// The source to quote: the first whose sentence holds the fact's time expression (so the
/// citation's `"last month" = 2023-03` can be read in the quote), else the first.
fn cited(fact: &Fact) -> Option<&almanac_model::Provenance> {
    let time = fact_time(fact)
        .map(|t| t.text.to_lowercase())
        .filter(|t| !t.is_empty());
    time.and_then(|t| {
        fact.sources
            .iter()
            .find(|p| p.sentence.to_lowercase().contains(&t))
    })
    .or_else(|| fact.sources.first())
}

/// An amount chosen to answer: the list it indexes, its index, and the source stating it.
#[derive(Debug, Clone)]
struct Chosen {
    amounts: Vec<almanac_measure::Amount>,
    index: usize,
    source: usize,
}

/// The amounts that can answer: money (else percentages) for `how much`; counts (those
/// whose unit the question names first) for `how many`.
fn wanted_amounts(q: &Question, amounts: &[almanac_measure::Amount]) -> Vec<usize> {
    let of = |pred: &dyn Fn(&AmountKind) -> bool| -> Vec<usize> {
        (0..amounts.len())
            .filter(|&i| pred(&amounts[i].kind))
            .collect()
    };
    match q.asks {
        Asks::HowMuch => {
            let mut money = of(&|k| matches!(k, AmountKind::Money { .. }));
            // `in dollars`: that currency first.
            if let Some(code) = &q.currency {
                money.sort_by_key(|&i| {
                    !matches!(&amounts[i].kind, AmountKind::Money { currency } if currency == code)
                });
            }
            if money.is_empty() {
                of(&|k| *k == AmountKind::Percent)
            } else {
                money
            }
        }
        Asks::HowMany => {
            let counts = of(&|k| matches!(k, AmountKind::Count { .. } | AmountKind::Number));
            let by_unit: Vec<usize> = counts
                .iter()
                .copied()
                .filter(|&i| match &amounts[i].kind {
                    AmountKind::Count { unit } => {
                        let unit = crate::text::stem(&crate::text::normalize(unit));
                        q.keywords.contains(&unit)
                    }
                    _ => false,
                })
                .collect();
            if by_unit.is_empty() { counts } else { by_unit }
        }
        _ => Vec::new(),
    }
}

/// The source of a fact that best fits the question: the most question words in its
/// sentence, a document date inside the question's window, the fact's time expression in
/// its sentence; the first on ties.
fn best_source(q: &Question, fact: &Fact) -> usize {
    let time_text = fact_time(fact)
        .map(|t| t.text.to_lowercase())
        .filter(|t| !t.is_empty());
    let mut best = (0.0_f32, 0);
    for (i, p) in fact.sources.iter().enumerate() {
        let normalized = crate::text::normalize(&p.sentence);
        let mut score = q
            .title_words
            .iter()
            .filter(|w| crate::text::has_stem(&normalized, w, false))
            .count() as f32;
        if let (Some(w), Some(d)) = (&q.window, p.doc_date) {
            let day = crate::time::days(d.date());
            if day >= w.range.start && day < w.range.end {
                score += 2.0;
            }
        }
        if time_text
            .as_ref()
            .is_some_and(|t| p.sentence.to_lowercase().contains(t))
        {
            score += 0.5;
        }
        if score > best.0 {
            best = (score, i);
        }
    }
    best.1
}

/// Whether `sentence` states the amount's number: `937.6` for 937.6e9, `28` for 28e6.
fn states(sentence: &str, amount: &almanac_measure::Amount) -> bool {
    let digits: String = sentence.chars().filter(|c| *c != ',').collect();
    [1e12, 1e9, 1e6, 1e3, 1.0].iter().any(|scale| {
        let v = amount.value / scale;
        if v < 1.0 {
            return false;
        }
        let text = format!("{v:.3}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        digits.match_indices(text).any(|(at, _)| {
            let before = digits[..at].chars().next_back();
            let after = digits[at + text.len()..].chars().next();
            let glued_before = before.is_some_and(|c| c.is_ascii_digit() || c == '.');
            let glued_after = after.is_some_and(|c| c.is_ascii_digit());
            // `28` must not match the `28` of `28.5`.
            let decimal_after = after == Some('.')
                && digits[at + text.len() + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
            !(glued_before || glued_after || decimal_after)
        })
    })
}

fn fact_time(fact: &Fact) -> Option<&almanac_model::TimeRef> {
    match &fact.kind {
        FactKind::Event(e) => e.time.as_ref(),
        FactKind::Role(r) => r.as_of.as_ref(),
    }
}

/// `Ana Ribeiro`: two to four words, each capitalized.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn kinds_match(asked: almanac_model::EntityKind, found: almanac_model::EntityKind) -> bool {
    use almanac_model::EntityKind::{Company, Country, Government, Organization};
    asked == found
        || matches!(
            (asked, found),
            (Country, Government) | (Government, Country) | (Organization, Company | Government)
        )
}

/// `text` cut to about `max` bytes around `keep` (at word boundaries, with `...`).
pub(crate) fn trim_around(text: &str, keep: std::ops::Range<usize>, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let center = (keep.start + keep.end.max(keep.start)) / 2;
    let mut start = center.saturating_sub(max / 2);
    let mut end = (start + max).min(text.len());
    start = end.saturating_sub(max);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    // Cut at spaces.
    if start > 0 {
        start = text[start..end].find(' ').map_or(start, |i| start + i + 1);
    }
    if end < text.len() {
        end = text[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str("... ");
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push_str(" ...");
    }
    out
}

/// Question words a question starts with.
const WH_WORDS: &[&str] = &["when", "where", "what", "which", "who", "whose", "how"];

/// A question whose first word is a typo of exactly one question word (`wen did ...`,
/// `whn ...`), with that word spelled right; `None` when there is nothing to repair.
fn repair_wh_word(question: &str) -> Option<String> {
    let trimmed = question.trim_start();
    let end = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    let first = trimmed[..end].to_lowercase();
    if first.len() < 3 || WH_WORDS.contains(&first.as_str()) {
        return None;
    }
    let close: Vec<&&str> = WH_WORDS
        .iter()
        .filter(|w| {
            strsim::damerau_levenshtein(&first, w) == 1
                && first.chars().next().is_some_and(|c| w.starts_with(c))
        })
        .collect();
    match close.as_slice() {
        [w] => Some(format!("{w}{}", &trimmed[end..])),
        _ => None,
    }
}

/// Whether `name` is written in `question` with a capital first letter.
fn written_capitalized(question: &str, name: &str) -> bool {
    let name = name.to_lowercase();
    question.char_indices().any(|(i, c)| {
        c.is_uppercase()
            && question[i..]
                .chars()
                .flat_map(char::to_lowercase)
                .zip(name.chars())
                .filter(|(a, b)| a == b)
                .count()
                == name.chars().count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_in_the_question_word_is_repaired() {
        assert_eq!(
            repair_wh_word("wen did it end?").as_deref(),
            Some("when did it end?")
        );
        assert_eq!(repair_wh_word("when did it end?"), None);
        assert_eq!(repair_wh_word("ñen did it end?"), None);
        assert_eq!(repair_wh_word(""), None);
    }

    #[test]
    fn capitalization_is_read_without_slicing_inside_a_char() {
        assert!(written_capitalized("İstanbul Ölçer said China", "china"));
        assert!(!written_capitalized("İİİ china", "china"));
    }

    #[test]
    fn odd_questions_never_panic() {
        let mut session = Session::new(Vec::new(), &[]);
        for q in ["", "?", "ñen?", "İİ how many İ?", "wen", "how much in €?"] {
            assert!(!session.answer(q).is_answered(), "{q:?}");
        }
    }
}
