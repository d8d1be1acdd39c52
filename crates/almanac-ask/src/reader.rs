//! Answers read from sentence evidence: what type of answer a question expects, the typed
//! mentions of retrieved sentences that could be it, and a score that explains itself.
//!
//! Every mention of the expected type in the best retrieved sentences is a candidate. Its
//! score is a logistic function of named [`Features`] with the weights in [`WEIGHTS`]
//! (fitted on labelled questions, see `eval/fit.py`), so the score is a calibrated
//! confidence: of the answers given at 0.8, about 80% were right on the labelled sets.

use std::collections::{BTreeMap, HashSet};

use almanac_measure::{Amount, AmountKind};
use almanac_model::{EntityKind, Fact, FactKind, Mention, MentionValue, SentenceEvidence, TimeRef};
use almanac_time::TimexType;
use serde::Serialize;

use crate::evidence::{QueryTerm, Retrieve, Word, idf, is_content, words_of};
use crate::lexicon::Lexicon;
use crate::question::{Asks, Question, RoleHint};
use crate::render::amount_value;
use crate::text::{fuzzy, stem};
use crate::time::{describe, time_range};

/// How many retrieved sentences are read for candidates.
const READ_SENTENCES: usize = 40;
/// Weight of a synonym of a question word, relative to the word itself.
const SYNONYM_WEIGHT: f32 = 0.7;
/// Weight of a word of an alias of an entity the question names.
const ALIAS_WEIGHT: f32 = 0.8;
/// Weight of the previous question's words in a follow-up.
const FOLLOW_UP_WEIGHT: f32 = 0.5;

/// What kind of value a question expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Expect {
    /// `when`: a date or a time of day.
    Date,
    /// `how long`: a duration.
    Duration,
    /// `how much`: money.
    Money,
    /// `what share`, `by how much ... rise`: a percentage.
    Percent,
    /// `how many X`: a count of X.
    Count,
    /// `how big`, `what was the peak demand`: any number with its unit.
    Quantity,
    /// `who`: a person (or an organisation).
    Person,
    /// `where`: a place.
    Place,
    /// `which company`: a name.
    Name,
    /// `what did the ministry announce`: the sentence itself.
    Sentence,
}

/// The named features of a candidate, each about 0..=1 (signed where it can count against).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Features {
    /// The sentence's BM25 score relative to the best retrieved sentence.
    pub retrieval: f32,
    /// Share (IDF-weighted) of the question's words in the sentence.
    pub coverage: f32,
    /// Share found only in the previous sentence or the document's title.
    pub context: f32,
    /// Share found nowhere near: not in the sentence, its predecessor or the title.
    pub missing: f32,
    /// IDF of the rarest question word found nowhere near, relative to the rarest possible.
    pub missing_rare: f32,
    /// Closeness of the mention to the question's words in the sentence.
    pub proximity: f32,
    /// Unit agreement: 1 the asked unit, currency or kind; -1 another; 0 none asked.
    pub unit: f32,
    /// A cue phrase before the mention (`paid $X`, `on Friday`).
    pub cue: f32,
    /// An extracted fact of this sentence gives the same value.
    pub fact: f32,
    /// Other documents giving the same value: `ln(1 + n)`.
    pub agree: f32,
    /// Whether a date is fully resolved (no `X`), 1 for other values.
    pub resolved: f32,
    /// The question's own numbers and dates: 1 all found in the sentence, -1 one missing,
    /// 0 none asked.
    pub constraint: f32,
}

/// Weights of the features and the bias of the logistic score, named for `:why`.
pub(crate) const WEIGHTS: [(&str, f32); 13] = [
    ("bias", -2.80),
    ("retrieval", 2.23),
    ("coverage", 1.73),
    ("context", -0.16),
    ("missing", -1.56),
    ("missing_rare", -0.72),
    ("proximity", 1.45),
    ("unit", 1.12),
    ("cue", 0.17),
    ("fact", 0.72),
    ("agree", 0.27),
    ("resolved", 0.26),
    ("constraint", 0.02),
];

/// The answer-level calibration: the confidence that the best candidate is right is
/// `sigmoid(bias + Σ weight × x)` over its score, how much of the question is missing near it,
/// its coverage, and its margin over the best candidate with another value. Fitted by
/// `eval/fit.py --calibrate` on whether the best candidate of each labelled question (the
/// unanswerable ones included) was right.
pub(crate) const CALIBRATION: [(&str, f32); 6] = [
    ("bias", 0.263),
    ("score", 0.417),
    ("missing", -1.886),
    ("missing_rare", -0.236),
    ("coverage", -0.378),
    ("margin", 0.530),
];

impl Features {
    /// The features in the order of [`WEIGHTS`] (after the bias).
    pub fn values(&self) -> [f32; 12] {
        [
            self.retrieval,
            self.coverage,
            self.context,
            self.missing,
            self.missing_rare,
            self.proximity,
            self.unit,
            self.cue,
            self.fact,
            self.agree,
            self.resolved,
            self.constraint,
        ]
    }

    /// The candidate's score (a log-odds): `bias + Σ weight × feature`. Ranks candidates.
    pub fn score(&self) -> f32 {
        WEIGHTS[0].1
            + self
                .values()
                .iter()
                .zip(&WEIGHTS[1..])
                .map(|(v, (_, w))| v * w)
                .sum::<f32>()
    }

    /// The calibrated confidence that the candidate is right, given its `margin` over the
    /// best candidate with another value (negative when another value scores higher).
    pub fn confidence(&self, margin: f32) -> f32 {
        let x = [
            self.score(),
            self.missing,
            self.missing_rare,
            self.coverage,
            margin,
        ];
        let z = CALIBRATION[0].1
            + x.iter()
                .zip(&CALIBRATION[1..])
                .map(|(v, (_, w))| v * w)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

impl std::fmt::Display for Features {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = WEIGHTS[1..]
            .iter()
            .zip(self.values())
            .filter(|(_, v)| *v != 0.0)
            .map(|((name, w), v)| format!("{name} {v:.2}×{w:+.1}"))
            .collect();
        write!(f, "{}", parts.join(", "))
    }
}

/// A value read from a sentence, scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Read {
    /// The value in words: `19 February 2020`, `$170 million`, `Anne Gonzales`.
    pub words: String,
    /// The machine value: a TIMEX3 value, an amount (`170000000 USD`), a name.
    pub value: Option<String>,
    /// The mention as written in the sentence.
    pub written: String,
    /// The sentence id.
    #[serde(skip)]
    pub sentence: u32,
    /// Byte range of the mention in the sentence.
    pub span: std::ops::Range<usize>,
    /// The time, when the value is one (for the citation's resolution note).
    #[serde(skip)]
    pub time: Option<TimeRef>,
    /// The features.
    pub features: Features,
    /// Its score's margin over the best candidate with another value.
    pub margin: f32,
    /// The confidence.
    pub confidence: f32,
}

/// The margin a candidate can have over its best rival (also when it has none).
const MAX_MARGIN: f32 = 3.0;

/// What the reader needs of the facts: for a sentence (document id, sentence start), the
/// values its extracted facts give (TIMEX3 values, amounts, actor and target names).
///
/// Built at open over every source of every fact, so it holds only a hash of each source's
/// sentence and the fact's number, sorted; the values are read from the facts of the few
/// sentences a question scores.
pub(crate) struct FactValues {
    /// `(sentence_key(doc id, start), fact index)`, sorted.
    keys: Vec<(u64, u32)>,
}

/// The key of a sentence in [`FactValues`].
fn sentence_key(doc_id: &str, start: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    doc_id.hash(&mut h);
    start.hash(&mut h);
    h.finish()
}

impl FactValues {
    /// Indexes the sentences `facts` were read from.
    pub(crate) fn new(facts: &[Fact]) -> Self {
        let mut keys: Vec<(u64, u32)> = Vec::new();
        for (i, f) in facts.iter().enumerate() {
            if !matches!(f.kind, FactKind::Event(_)) {
                continue;
            }
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            keys.extend(
                f.sources
                    .iter()
                    .map(|p| (sentence_key(&p.doc_id, p.span.start), i)),
            );
        }
        keys.sort_unstable();
        keys.dedup();
        Self { keys }
    }

    /// The values the event facts of `facts` read from the sentence starting at `start` of
    /// the document `doc_id` give.
    pub(crate) fn of(&self, facts: &[Fact], doc_id: &str, start: usize) -> Vec<String> {
        let key = sentence_key(doc_id, start);
        let from = self.keys.partition_point(|k| k.0 < key);
        let mut out = Vec::new();
        for &(k, i) in &self.keys[from..] {
            if k != key {
                break;
            }
            let Some(f) = facts.get(i as usize) else {
                continue;
            };
            let FactKind::Event(e) = &f.kind else {
                continue;
            };
            // the hash may collide: the fact must really cite the sentence
            if !f
                .sources
                .iter()
                .any(|p| *p.doc_id == *doc_id && p.span.start == start)
            {
                continue;
            }
            out.extend(e.amounts.iter().map(amount_value));
            if let Some(t) = &e.time {
                out.push(t.value.clone());
            }
            for name in [&e.actor, &e.target].into_iter().flatten() {
                out.push(name.name.clone());
            }
        }
        out
    }
}

/// The expected answer type of a question.
pub(crate) fn expect(q: &Question) -> Expect {
    let lower = q.text.to_lowercase();
    let words: Vec<String> = words_of(&lower).into_iter().map(|w| w.lower).collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    if pair("how", "long") {
        return Expect::Duration;
    }
    let percent_words = [
        "percent",
        "percentage",
        "share",
        "proportion",
        "rate",
        "fraction",
    ];
    let size_words = [
        "big", "large", "high", "heavy", "fast", "far", "tall", "deep", "wide", "old",
    ];
    match q.asks {
        Asks::When => Expect::Date,
        Asks::HowMany => Expect::Count,
        Asks::HowMuch => {
            if percent_words.iter().any(|w| has(w)) {
                Expect::Percent
            } else if size_words.iter().any(|w| pair("how", w)) || pair("by", "how") {
                Expect::Quantity
            } else {
                Expect::Money
            }
        }
        Asks::Who => Expect::Person,
        Asks::Where => Expect::Place,
        _ => {
            if size_words.iter().any(|w| pair("how", w)) {
                return Expect::Quantity;
            }
            // `what share`, `which year`: the head noun after the wh-word says it.
            let head = words
                .iter()
                .position(|w| w == "what" || w == "which")
                .map(|i| &words[i + 1..])
                .unwrap_or(&[]);
            let skip = [
                "is", "was", "were", "are", "the", "a", "an", "s", "did", "does", "will",
            ];
            for w in head.iter().filter(|w| !skip.contains(&w.as_str())).take(5) {
                let w = w.as_str();
                if ["year", "month", "date", "day", "time", "week", "decade"].contains(&w) {
                    return Expect::Date;
                }
                if percent_words.contains(&w) {
                    return Expect::Percent;
                }
                if [
                    "price",
                    "cost",
                    "fine",
                    "budget",
                    "worth",
                    "value",
                    "salary",
                    "fee",
                    "sum",
                    "payment",
                    "bill",
                    "funding",
                    "investment",
                    "revenue",
                    "profit",
                    "loss",
                    "valuation",
                    "penalty",
                    "wage",
                ]
                .contains(&w)
                {
                    return Expect::Money;
                }
                if [
                    "number",
                    "total",
                    "demand",
                    "capacity",
                    "score",
                    "population",
                    "size",
                    "count",
                    "level",
                    "amount",
                    "figure",
                ]
                .contains(&w)
                {
                    return Expect::Quantity;
                }
                if [
                    "company",
                    "firm",
                    "country",
                    "team",
                    "club",
                    "person",
                    "group",
                    "bank",
                    "party",
                    "agency",
                    "organisation",
                    "organization",
                    "city",
                    "airline",
                ]
                .contains(&w)
                {
                    return Expect::Name;
                }
            }
            Expect::Sentence
        }
    }
}

/// Words of a question that say what is asked, not what it is about.
const QUESTION_WORDS: &[&str] = &[
    "when", "what", "which", "who", "whom", "whose", "where", "why", "how", "much", "many", "long",
    "date", "day", "year", "month", "time", "week", "did", "does", "do", "is", "was", "were",
    "are", "will", "would", "has", "have", "had", "wen", "happen", "happened", "take", "place",
];

/// The question's words as query terms, with typo repairs and synonyms, and the names it
/// uses that the corpus never mentions.
pub(crate) struct Query {
    /// The terms.
    pub terms: Vec<QueryTerm>,
    /// Each term's IDF (of its best alternative).
    pub idf: Vec<f32>,
    /// Capitalized words of the question the corpus never has, even with typos.
    pub unknown_names: Vec<String>,
    /// Repairs made: `(typed, corpus word)`.
    pub repairs: Vec<(String, String)>,
    /// The question's own amounts (constraints, never answers).
    pub amounts: Vec<Amount>,
    /// The question's own times (constraints, never answers).
    pub times: Vec<TimeRef>,
}

/// Builds the query of `q` (and of the previous question's words, for a follow-up).
pub(crate) fn query(
    q: &Question,
    previous: Option<&str>,
    index: &dyn Retrieve,
    lexicon: &Lexicon,
    aliases: &[Vec<String>],
) -> Query {
    let n = index.len();
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut idfs = Vec::new();
    let mut unknown_names = Vec::new();
    let mut repairs = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let unit_words: HashSet<&str> = match q.asks {
        Asks::HowMany | Asks::HowMuch => ["many", "much"].into(),
        _ => HashSet::new(),
    };
    let mut add = |text: &str, weight: f32, follow: bool| {
        let words = words_of(text);
        for (i, w) in words.iter().enumerate() {
            if !is_content(&w.lower)
                || QUESTION_WORDS.contains(&w.lower.as_str())
                || unit_words.contains(w.lower.as_str())
                || !seen.insert(w.stem.clone())
            {
                continue;
            }
            let mut stems = vec![(w.stem.clone(), weight)];
            if index.df(&w.stem) == 0 {
                let digits = w.lower.bytes().all(|b| b.is_ascii_digit());
                match (!digits).then(|| index.repair(&w.lower)).flatten() {
                    Some((fixed, sim)) => {
                        repairs.push((w.lower.clone(), fixed.clone()));
                        stems = vec![(stem(&fixed), weight * sim)];
                    }
                    None => {
                        if w.capitalized && i > 0 && !follow {
                            unknown_names.push(text[w.span.clone()].to_owned());
                        }
                    }
                }
            }
            let base = stems[0].0.clone();
            // A name's aliases count for it: `Tokyo` for Japan, `Seoul` for South Korea. Not
            // those of words that may be several entities (`government`, the alias of every
            // government the corpus names): the names of all of them are not other names for
            // the words asked, only more postings to read (a question with `government`
            // over 100,000 documents read 506,000 postings for it against 78,000).
            for (asked, names) in q.entities.iter().zip(aliases) {
                if asked.ids.len() != 1 {
                    continue;
                }
                if !crate::text::normalize(&asked.text)
                    .split(' ')
                    .any(|x| x == w.lower)
                {
                    continue;
                }
                for name in names {
                    for part in name.split(' ').filter(|p| is_content(p)) {
                        let st = stem(part);
                        if !stems.iter().any(|(s, _)| *s == st) {
                            stems.push((st, weight * ALIAS_WEIGHT));
                        }
                    }
                }
            }
            for syn in lexicon.synonyms(&base) {
                if !stems.iter().any(|(s, _)| s == syn) {
                    stems.push((syn.to_owned(), weight * SYNONYM_WEIGHT));
                }
            }
            let best = stems
                .iter()
                .map(|(s, w)| idf(n, index.df(s)) * w)
                .fold(0.0_f32, f32::max);
            let best = if best == 0.0 {
                // a word the corpus never has: as rare as a word can be
                idf(n, 0) * weight
            } else {
                best
            };
            idfs.push(best);
            terms.push(QueryTerm { stems });
        }
    };
    add(&q.text, 1.0, false);
    if let Some(prev) = previous {
        add(prev, FOLLOW_UP_WEIGHT, true);
    }
    let amounts = almanac_measure::find_amounts(&q.text);
    let times = almanac_time::annotate(&q.text, None)
        .into_iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
        .map(|t| {
            let text = q.text.get(t.span.clone()).unwrap_or_default();
            TimeRef::new(text, t.value, t.kind, t.granularity, t.anchor)
        })
        .collect();
    Query {
        terms,
        idf: idfs,
        unknown_names,
        repairs,
        amounts,
        times,
    }
}

/// Where each query term is found for a sentence: in it, only near it, or nowhere.
struct Coverage {
    body: Vec<bool>,
    near: Vec<bool>,
}

fn covers(index: &dyn Retrieve, stems: &[u32], term: &QueryTerm) -> bool {
    term.stems.iter().any(|(s, _)| {
        index
            .stem_id(s)
            .is_some_and(|id| stems.binary_search(&id).is_ok())
    })
}

fn coverage(index: &dyn Retrieve, query: &Query, sentence: u32) -> Coverage {
    let stored = index.sentence(sentence);
    let own = index.sentence_stems(sentence);
    let prev = if sentence > index.doc_sentences(stored.doc).start {
        index.sentence_stems(sentence - 1)
    } else {
        std::borrow::Cow::Borrowed(&[][..])
    };
    let title = index.title_stems(stored.doc);
    let body: Vec<bool> = query.terms.iter().map(|t| covers(index, &own, t)).collect();
    let near = query
        .terms
        .iter()
        .zip(&body)
        .map(|(t, &b)| !b && (covers(index, &prev, t) || covers(index, &title, t)))
        .collect();
    Coverage { body, near }
}

/// Everything the reader needs to read one question.
pub(crate) struct Reader<'a> {
    /// The sentence store.
    pub index: &'a dyn Retrieve,
    /// The facts.
    pub facts: &'a [Fact],
    /// Values of extracted facts per sentence.
    pub fact_values: &'a FactValues,
    /// For each entity the question names, the names (normalized: [`crate::text::normalize`])
    /// any of which a sentence, its predecessor or its document's title must hold: `when did
    /// China lift restrictions` is not answered by a sentence about Japan.
    pub entities: &'a [Vec<String>],
    /// Names the question uses that no fact knows, as stems: the answer's document must hold
    /// each of them somewhere (`when did China lift restrictions` is not answered from a
    /// document that never names China).
    pub unknown_entities: &'a [Vec<String>],
}

/// Whether the sentence's document holds every word of each of the question's names that no
/// fact knows.
fn unknown_entities_in_document(reader: &Reader<'_>, sentence: u32) -> bool {
    let index = reader.index;
    let doc = index.sentence(sentence).doc;
    reader.unknown_entities.iter().all(|stems| {
        stems.iter().all(|st| {
            let Some(id) = index.stem_id(st) else {
                return false;
            };
            index.title_stems(doc).binary_search(&id).is_ok()
                || index
                    .doc_sentences(doc)
                    .any(|s| index.sentence_stems(s).binary_search(&id).is_ok())
        })
    })
}

/// How many sentences before an answer may name the question's entities (`Helena Varga
/// won ... She will serve a five-year term`).
const ENTITY_WINDOW: u32 = 2;

/// Whether every entity the question names is named in the sentence, the
/// [`ENTITY_WINDOW`] sentences before it, the document's first sentence or its title.
fn entities_present(reader: &Reader<'_>, sentence: u32) -> bool {
    if reader.entities.is_empty() {
        return true;
    }
    let index = reader.index;
    let stored = index.sentence(sentence);
    let mut hay = String::from(" ");
    hay.push_str(&crate::text::normalize(&stored.evidence.text));
    let first = index.doc_sentences(stored.doc).start.min(sentence);
    for s in sentence.saturating_sub(ENTITY_WINDOW).max(first)..sentence {
        hay.push_str(" | ");
        hay.push_str(&crate::text::normalize(&index.sentence(s).evidence.text));
    }
    if sentence - first > ENTITY_WINDOW {
        hay.push_str(" | ");
        hay.push_str(&crate::text::normalize(
            &index.sentence(first).evidence.text,
        ));
    }
    if let Some(title) = &index.doc(stored.doc).title {
        hay.push_str(" | ");
        hay.push_str(&crate::text::normalize(title));
    }
    hay.push(' ');
    reader.entities.iter().all(|names| {
        names.is_empty()
            || names
                .iter()
                .any(|n| !n.is_empty() && hay.contains(&format!(" {n} ")))
    })
}

/// The read candidates of a question, best first, and how many sentences were read.
pub(crate) fn read(reader: &Reader<'_>, q: &Question, query: &Query) -> (Vec<Read>, usize) {
    let index = reader.index;
    let hits = index.search(&query.terms, READ_SENTENCES);
    let Some(top) = hits.first().map(|h| h.score.max(f32::EPSILON)) else {
        return (Vec::new(), 0);
    };
    let expect = expect(q);
    let total_idf: f32 = query.idf.iter().sum::<f32>().max(1e-6);
    let max_idf = idf(index.len(), 0).max(1e-6);
    let mut out: Vec<Read> = Vec::new();
    for hit in &hits {
        let stored = index.sentence(hit.sentence);
        let s = &stored.evidence;
        let cov = coverage(index, query, hit.sentence);
        let share = |mask: &[bool]| -> f32 {
            mask.iter()
                .zip(&query.idf)
                .filter(|(m, _)| **m)
                .map(|(_, w)| w)
                .sum::<f32>()
                / total_idf
        };
        let coverage_share = share(&cov.body);
        let context_share = share(&cov.near);
        let missing: Vec<bool> = cov
            .body
            .iter()
            .zip(&cov.near)
            .map(|(b, n)| !b && !n)
            .collect();
        let missing_share = share(&missing);
        let missing_rare = missing
            .iter()
            .zip(&query.idf)
            .filter(|(m, _)| **m)
            .map(|(_, w)| *w / max_idf)
            .fold(0.0_f32, f32::max);
        let words = words_of(&s.text);
        // (word index, query term) of every question word the sentence holds.
        let matched: Vec<(usize, usize)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                query
                    .terms
                    .iter()
                    .zip(&cov.body)
                    .position(|(t, &b)| b && t.stems.iter().any(|(st, _)| *st == w.stem))
                    .map(|k| (i, k))
            })
            .collect();
        let matched_idf: f32 = cov
            .body
            .iter()
            .zip(&query.idf)
            .filter(|(b, _)| **b)
            .map(|(_, w)| w)
            .sum();
        if roles_swapped(q, s)
            || !entities_present(reader, hit.sentence)
            || !unknown_entities_in_document(reader, hit.sentence)
        {
            continue;
        }
        let constraint = constraint(s, query);
        let doc = index.doc(stored.doc);
        let fact_values = reader.fact_values.of(reader.facts, &doc.id, s.span.start);
        let fact_values = fact_values.as_slice();
        let base = Features {
            retrieval: hit.score / top,
            coverage: coverage_share,
            context: context_share,
            missing: missing_share,
            missing_rare,
            constraint,
            resolved: 1.0,
            ..Features::default()
        };
        if expect == Expect::Sentence {
            let features = Features {
                proximity: 1.0,
                ..base
            };
            out.push(Read {
                words: s.text.clone(),
                value: None,
                written: s.text.clone(),
                sentence: hit.sentence,
                span: 0..s.text.len(),
                time: None,
                features,
                margin: 0.0,
                confidence: 0.0,
            });
            continue;
        }
        for m in &s.mentions {
            let Some((words_value, value, unit, time)) = typed(expect, q, query, s, m) else {
                continue;
            };
            if let (Some(window), Some(t)) = (&q.window, &time)
                && let Some(range) = time_range(t)
                && !range.overlaps(window.range)
            {
                continue;
            }
            let written = s.slice(m).trim();
            // The question's own words are constraints, never answers (`asteroid 2019 QX4`).
            if written.len() >= 2 && q.text.to_lowercase().contains(&written.to_lowercase()) {
                continue;
            }
            let at = words
                .iter()
                .position(|w| w.span.end > m.span.start)
                .unwrap_or(words.len());
            let end = at_end(&words, m);
            // Closeness to each matched question word (its nearest occurrence), weighted by
            // the word's IDF: the mention next to the rarest question words wins.
            let mut nearest: Vec<Option<usize>> = vec![None; query.terms.len()];
            for &(i, k) in &matched {
                if (at..end).contains(&i) {
                    continue;
                }
                let d = if i < at { at - i } else { i + 1 - end };
                nearest[k] = Some(nearest[k].map_or(d, |x: usize| x.min(d)));
            }
            let proximity = if matched_idf > 0.0 {
                nearest
                    .iter()
                    .zip(&query.idf)
                    .filter_map(|(d, w)| d.map(|d| w / (1.0 + d as f32 / 3.0)))
                    .sum::<f32>()
                    / matched_idf
            } else {
                0.0
            };
            let cue = cue(expect, &words, at);
            let fact = f32::from(u8::from(
                value.as_ref().is_some_and(|v| fact_values.contains(v)),
            ));
            let resolved = match &time {
                Some(t) if t.is_pattern() => 0.0,
                _ => 1.0,
            };
            let features = Features {
                proximity,
                unit,
                cue,
                fact,
                resolved,
                ..base
            };
            out.push(Read {
                words: words_value,
                value,
                written: s.slice(m).to_owned(),
                sentence: hit.sentence,
                span: m.span.clone(),
                time,
                features,
                margin: 0.0,
                confidence: 0.0,
            });
        }
    }
    // Agreement: the same value from other documents.
    let mut docs_of: BTreeMap<String, HashSet<u32>> = BTreeMap::new();
    for r in &out {
        if let Some(v) = &r.value {
            docs_of
                .entry(v.clone())
                .or_default()
                .insert(index.sentence(r.sentence).doc);
        }
    }
    for r in &mut out {
        let others = r
            .value
            .as_ref()
            .and_then(|v| docs_of.get(v))
            .map_or(0, |d| d.len().saturating_sub(1));
        r.features.agree = (1.0 + others as f32).ln();
    }
    out.sort_by(|a, b| {
        b.features
            .score()
            .total_cmp(&a.features.score())
            .then_with(|| {
                index
                    .sentence_order(a.sentence)
                    .cmp(&index.sentence_order(b.sentence))
            })
            .then(a.span.start.cmp(&b.span.start))
    });
    // The margin of each candidate over the best one with another value.
    let scores: Vec<(f32, Option<String>)> = out
        .iter()
        .map(|r| (r.features.score(), r.value.clone()))
        .collect();
    for r in &mut out {
        let own = r.features.score();
        let rival = scores
            .iter()
            .find(|(_, v)| v.is_none() || *v != r.value)
            .map_or(own - MAX_MARGIN, |(z, _)| *z);
        let margin = (own - rival).clamp(-MAX_MARGIN, MAX_MARGIN);
        r.margin = margin;
        r.confidence = r.features.confidence(margin);
    }
    (out, hits.len())
}

fn at_end(words: &[Word], m: &Mention) -> usize {
    words
        .iter()
        .position(|w| w.span.start >= m.span.end)
        .unwrap_or(words.len())
}

/// Whether the sentence names the question's actor and target the other way round: `when
/// did South Korea lift restrictions on Japan` is not answered by `Japan lifted restrictions
/// on South Korea` (unless the sentence is passive, with `by`).
fn roles_swapped(q: &Question, s: &SentenceEvidence) -> bool {
    let position = |role: RoleHint| -> Option<usize> {
        let asked = q.entities.iter().find(|e| e.role == role)?;
        s.mentions.iter().find_map(|m| match &m.value {
            MentionValue::Name { entity, .. }
                if entity.name == asked.name
                    || entity.mention.eq_ignore_ascii_case(&asked.text) =>
            {
                Some(m.span.start)
            }
            _ => None,
        })
    };
    match (position(RoleHint::Actor), position(RoleHint::Target)) {
        (Some(actor), Some(target)) => {
            target < actor && !s.text[target..actor].split_whitespace().any(|w| w == "by")
        }
        _ => false,
    }
}

/// The question's own amounts and dates: found in the sentence (1), one missing (-1), none
/// asked (0).
fn constraint(s: &SentenceEvidence, query: &Query) -> f32 {
    if query.amounts.is_empty() && query.times.is_empty() {
        return 0.0;
    }
    let amounts_ok = query.amounts.iter().all(|qa| {
        s.mentions.iter().any(|m| match &m.value {
            MentionValue::Amount(a) => same_number(a.value, qa.value),
            _ => false,
        })
    });
    let times_ok = query.times.iter().all(|qt| {
        s.mentions.iter().any(|m| match &m.value {
            MentionValue::Time(t) => t.lies_within(qt),
            _ => false,
        })
    });
    if amounts_ok && times_ok { 1.0 } else { -1.0 }
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs())
}

/// Words before a mention that say it is the value asked for.
fn cue(expect: Expect, words: &[Word], at: usize) -> f32 {
    let before: Vec<&str> = words[at.saturating_sub(3)..at]
        .iter()
        .map(|w| w.lower.as_str())
        .collect();
    let cues: &[&str] = match expect {
        Expect::Money => &[
            "for",
            "paid",
            "pay",
            "pays",
            "paying",
            "worth",
            "cost",
            "costs",
            "valued",
            "fine",
            "fined",
            "invest",
            "invested",
            "raised",
            "spend",
            "spent",
            "price",
            "budget",
            "at",
            "deal",
            "sold",
            "bought",
            "totalling",
            "totaling",
        ],
        Expect::Date => &["on", "in", "since", "until", "by", "from", "at"],
        Expect::Duration => &["for", "of", "within", "lasting"],
        Expect::Percent | Expect::Quantity => &["by", "to", "of", "at", "reached", "hit"],
        _ => &[],
    };
    f32::from(u8::from(before.iter().any(|w| cues.contains(w))))
}

/// A mention as an answer of the expected type: `(words, value, unit agreement, time)`, or
/// `None` when it is not of that type or the question names it itself.
fn typed(
    expect: Expect,
    q: &Question,
    query: &Query,
    s: &SentenceEvidence,
    m: &Mention,
) -> Option<(String, Option<String>, f32, Option<TimeRef>)> {
    match (&m.value, expect) {
        (MentionValue::Time(t), Expect::Date) => {
            if !matches!(t.kind, TimexType::Date | TimexType::Time)
                || t.shape.reference
                || query.times.iter().any(|qt| qt.value == t.value)
                || !t.shape.calendar
            {
                return None;
            }
            let asks_time = q.text.to_lowercase().contains("what time");
            let unit = if asks_time {
                if t.shape.clock { 1.0 } else { -1.0 }
            } else {
                0.0
            };
            Some((
                describe(&t.value, t.modifier),
                Some(t.value.clone()),
                unit,
                Some(t.clone()),
            ))
        }
        (MentionValue::Time(t), Expect::Duration) => {
            if t.kind != TimexType::Duration || !t.shape.duration || t.is_pattern() {
                return None;
            }
            Some((t.text.clone(), Some(t.value.clone()), 0.0, Some(t.clone())))
        }
        (MentionValue::Amount(a), _) => {
            if query
                .amounts
                .iter()
                .any(|qa| same_number(qa.value, a.value) && qa.kind == a.kind)
            {
                return None;
            }
            // A bare number inside a date (`2023`) is the date's.
            if a.kind == AmountKind::Number
                && s.mentions.iter().any(|o| {
                    matches!(o.value, MentionValue::Time(_))
                        && o.span.start <= a.span.start
                        && o.span.end >= a.span.end
                })
            {
                return None;
            }
            let unit = match (&a.kind, expect) {
                (AmountKind::Money { currency }, Expect::Money) => match &q.currency {
                    Some(c) if c == currency => 1.0,
                    Some(_) => -1.0,
                    None => 0.0,
                },
                (AmountKind::Percent, Expect::Percent) => 1.0,
                (AmountKind::Count { unit }, Expect::Count) => {
                    let asked = asked_unit(&q.text);
                    match asked.split_last() {
                        Some((head, modifiers)) => {
                            let agree = unit_agreement(head, unit);
                            if agree < 0.0
                                && modifiers.iter().any(|m| unit_agreement(m, unit) > 0.0)
                            {
                                0.5
                            } else {
                                agree
                            }
                        }
                        None => 0.0,
                    }
                }
                (AmountKind::Number, Expect::Count) => {
                    if !asked_unit(&q.text).is_empty() {
                        -0.5
                    } else {
                        0.0
                    }
                }
                (AmountKind::Count { .. } | AmountKind::Number, Expect::Quantity) => 0.0,
                (AmountKind::Money { .. } | AmountKind::Percent, Expect::Quantity) => -0.5,
                _ => return None,
            };
            Some((
                crate::render::amount(a),
                Some(crate::render::amount_value(a)),
                unit,
                None,
            ))
        }
        (MentionValue::Name { entity, .. }, Expect::Person | Expect::Place | Expect::Name) => {
            let qlower = q.text.to_lowercase();
            // The question names it: a constraint, not the answer.
            let named = words_of(&entity.mention.to_lowercase())
                .iter()
                .chain(words_of(&entity.name.to_lowercase()).iter())
                .any(|w| w.lower.len() > 2 && qlower.contains(&w.lower));
            if named {
                return None;
            }
            let unit = match (expect, entity.kind) {
                (Expect::Person, EntityKind::Person) => 1.0,
                (Expect::Person, EntityKind::Organization | EntityKind::Company) => 0.0,
                (Expect::Person, EntityKind::Government | EntityKind::Media) => -0.5,
                (Expect::Place, EntityKind::Place | EntityKind::Country) => 1.0,
                (Expect::Name, EntityKind::Role | EntityKind::Product) => -0.5,
                (Expect::Name, _) => 0.5,
                _ => return None,
            };
            Some((entity.name.clone(), Some(entity.name.clone()), unit, None))
        }
        _ => None,
    }
}

/// The noun phrase after `how many` (stemmed), its head last: `how many affordable homes
/// has ...` gives `[affordabl, hom]`.
fn asked_unit(question: &str) -> Vec<String> {
    let words = words_of(question);
    let Some(start) = words
        .windows(2)
        .position(|p| p[0].lower == "how" && p[1].lower == "many")
    else {
        return Vec::new();
    };
    const STOP: &[&str] = &[
        "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "will", "would",
        "can", "could", "should", "might", "may", "must", "in", "of", "at", "on", "for", "from",
        "to", "by", "more", "were",
    ];
    words[start + 2..]
        .iter()
        .take_while(|w| !STOP.contains(&w.lower.as_str()))
        .take(4)
        .map(|w| w.stem.clone())
        .collect()
}

/// How well a counted noun agrees with the asked one: 1 same stem (or a typo of it), 0.5
/// one contains the other (`members` / `member carriers`), -1 otherwise.
fn unit_agreement(asked: &str, unit: &str) -> f32 {
    let unit_stems: Vec<String> = words_of(unit).iter().map(|w| w.stem.clone()).collect();
    if unit_stems.iter().any(|u| u == asked) {
        1.0
    } else if unit_stems.iter().any(|u| fuzzy(u, asked).is_some()) {
        0.8
    } else if unit_stems
        .iter()
        .any(|u| u.starts_with(asked) || asked.starts_with(u.as_str()))
    {
        0.5
    } else {
        -1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_values_are_those_of_the_facts_citing_the_sentence() {
        let doc = almanac_model::Document::new(
            "a.txt",
            "plain-text",
            "Japan lifted export restrictions on South Korea in March 2023. The port reopened.",
        );
        let facts = almanac_extract::Extractor::new().extract(&doc);
        let values = FactValues::new(&facts);
        let first = facts
            .iter()
            .find(|f| matches!(f.kind, FactKind::Event(_)))
            .and_then(|f| f.sources.first())
            .expect("an event with a source");
        let got = values.of(&facts, &first.doc_id, first.span.start);
        assert!(got.iter().any(|v| v == "2023-03"), "{got:?}");
        assert!(got.iter().any(|v| v == "Japan"), "{got:?}");
        // another start in the same document, or another document, gives nothing
        assert!(
            values
                .of(&facts, &first.doc_id, first.span.start + 1)
                .is_empty()
        );
        assert!(values.of(&facts, "elsewhere", first.span.start).is_empty());
    }

    #[test]
    fn the_aliases_of_an_entity_asked_count_for_its_word_but_not_those_of_several() {
        let doc = almanac_model::Document::new(
            "a.txt",
            "plain-text",
            "Whitehall raised the budget. Downing Street said the government would pay.",
        );
        let (_, evidence) = almanac_extract::Extractor::new().extract_with_evidence(&doc);
        let index = crate::evidence::EvidenceIndex::new(std::slice::from_ref(&doc), vec![evidence]);
        let lexicon = Lexicon::new();
        let corpus = crate::index::Corpus::new(Vec::new(), &[], &lexicon);
        let mut q = Question::parse("how big is the government budget?", &corpus, &lexicon);
        let aliases = vec![vec!["whitehall".to_owned(), "downing street".to_owned()]];
        let stems_of_government = |q: &Question| -> Vec<String> {
            query(q, None, &index, &lexicon, &aliases)
                .terms
                .iter()
                .find(|t| t.stems[0].0 == stem("government"))
                .map(|t| t.stems.iter().map(|(s, _)| s.clone()).collect())
                .expect("a term for `government`")
        };
        let mut asked = crate::question::AskedEntity {
            text: "government".to_owned(),
            name: "UK Government".to_owned(),
            ids: vec![0],
            wider: vec![0],
            similarity: 1.0,
            role: RoleHint::Actor,
            kind: Some(almanac_model::EntityKind::Government),
        };
        q.entities = vec![asked.clone()];
        assert_eq!(
            stems_of_government(&q),
            [
                stem("government"),
                stem("whitehall"),
                stem("downing"),
                stem("street")
            ]
        );
        asked.ids = vec![0, 1];
        q.entities = vec![asked];
        assert_eq!(stems_of_government(&q), [stem("government")]);
    }

    #[test]
    fn confidence_is_a_probability() {
        let f = Features::default();
        let c = f.confidence(0.0);
        assert!(c > 0.0 && c < 1.0, "{c}");
        let good = Features {
            coverage: 1.0,
            retrieval: 1.0,
            proximity: 1.0,
            ..Features::default()
        };
        assert!(good.confidence(0.0) > c);
    }

    #[test]
    fn asked_unit_is_the_noun_phrase_after_how_many() {
        assert_eq!(
            asked_unit("How many affordable homes has she promised?"),
            ["affordabl", "hom"]
        );
        assert_eq!(asked_unit("how many jobs will go"), ["job"]);
        assert!(asked_unit("when did it happen").is_empty());
    }

    #[test]
    fn unit_agreement_by_stem() {
        assert_eq!(unit_agreement("job", "jobs"), 1.0);
        assert_eq!(unit_agreement("job", "hostages"), -1.0);
    }
}
