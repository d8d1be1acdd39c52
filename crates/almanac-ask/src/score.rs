//! Ranking facts against a parsed question, with a score that explains itself.
//!
//! The score is a product of factors in `0..=1`, so that every constraint of the question
//! must hold for a high score and any one that fails pulls it down:
//!
//! | factor | 1.0 when | lower when |
//! |---|---|---|
//! | entity | every named entity is in the fact, in the role asked | a role is swapped (0.45), only the sentence names it (0.5), absent (0.2); no entity asked: 0.8 |
//! | class | the fact's event class is the one asked | related class (0.7), other (0.3); no class asked: 0.85 |
//! | time | the fact's date is inside the window asked | overlaps it (0.6), undated (0.4-0.6) |
//! | keywords | the sentence has the question's other words | `0.6 + 0.4 × share found` |
//! | support | sources are confident and agree | `0.6 + 0.4 × (confidence + agreement - conflicts)` |
//! | polarity | negation agrees | `did not` against a done event: 0.5 |
//! | specificity | the question names an entity or an event | neither: 0.5 |
//! | ambiguity | no close rival gives another answer | a rival within 0.05: 0.85 |

use std::fmt;

use serde::Serialize;

use crate::index::{Compact, Corpus, NONE};
use crate::lexicon::{Lexicon, class_affinity};
use crate::question::{AskedEntity, Asks, Question, RoleHint};
use crate::text::{fuzzy, normalize, stem, words};

/// The factors of a candidate's score; `total` is their product.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Breakdown {
    /// Entity match.
    pub entity: f32,
    /// Event-class match.
    pub class: f32,
    /// Time-window match.
    pub time: f32,
    /// Share of the question's other words found in the sentence.
    pub keywords: f32,
    /// Source confidence and agreement.
    pub support: f32,
    /// Negation agreement.
    pub polarity: f32,
    /// Whether the question names enough to select a fact.
    pub specificity: f32,
    /// Penalty when a close rival gives a different answer.
    pub ambiguity: f32,
    /// The product of the factors: the confidence.
    pub total: f32,
}

impl Breakdown {
    fn recompute(&mut self) {
        self.total = self.entity
            * self.class
            * self.time
            * self.keywords
            * self.support
            * self.polarity
            * self.specificity
            * self.ambiguity;
    }
}

impl fmt::Display for Breakdown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.2} = entity {:.2} × class {:.2} × time {:.2} × keywords {:.2} × support {:.2}",
            self.total, self.entity, self.class, self.time, self.keywords, self.support
        )?;
        if self.polarity < 1.0 {
            write!(f, " × polarity {:.2}", self.polarity)?;
        }
        if self.specificity < 1.0 {
            write!(f, " × specificity {:.2}", self.specificity)?;
        }
        if self.ambiguity < 1.0 {
            write!(f, " × ambiguity {:.2}", self.ambiguity)?;
        }
        Ok(())
    }
}

/// A fact scored against a question.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    /// Index of the fact in the corpus.
    pub fact: u32,
    /// The score.
    pub score: Breakdown,
    /// Per asked entity: the slot it was found in (0 actor, 1 target, 2 place), if any.
    found: [Option<u8>; MAX_ENTITIES],
    /// Per asked entity: its factor.
    factors: [f32; MAX_ENTITIES],
}

/// How many entities of a question are scored (the first ones).
pub const MAX_ENTITIES: usize = 4;

impl Scored {
    /// A fact with a neutral score and no entity found, to read its values.
    pub fn for_fact(fact: u32) -> Self {
        let score = Breakdown {
            entity: 1.0,
            class: 1.0,
            time: 1.0,
            keywords: 1.0,
            support: 1.0,
            polarity: 1.0,
            specificity: 1.0,
            ambiguity: 1.0,
            total: 1.0,
        };
        Self {
            fact,
            score,
            found: [None; MAX_ENTITIES],
            factors: [1.0; MAX_ENTITIES],
        }
    }
}

/// How many postings of an event class are scanned when the question also names entities.
const CLASS_CAP_WITH_ENTITIES: usize = 4_096;
/// How many postings are scanned at most in any case.
const CAP: usize = 20_000;
/// How many first-stage candidates get the full (sentence-level) score.
const SECOND_STAGE: usize = 48;

/// The facts worth scoring: those of the entities named, of the event class (and related
/// classes), or of the time window. Sorted, no duplicates.
pub fn candidates(corpus: &Corpus, q: &Question) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for e in &q.entities {
        for &id in &e.ids {
            out.extend_from_slice(&corpus.by_entity[id as usize]);
        }
    }
    let class_cap = if out.is_empty() {
        CAP
    } else {
        CLASS_CAP_WITH_ENTITIES
    };
    if let Some(class) = &q.class {
        for (cid, name) in corpus.classes.iter().enumerate() {
            if class_affinity(class, name) > 0.0 {
                let postings = &corpus.by_class[cid];
                out.extend_from_slice(&postings[..postings.len().min(class_cap)]);
            }
        }
    }
    if out.is_empty() {
        if let Some(w) = &q.window {
            let from = corpus
                .by_time
                .partition_point(|(start, _)| *start < w.range.start);
            let to = corpus
                .by_time
                .partition_point(|(start, _)| *start < w.range.end);
            out.extend(corpus.by_time[from..to].iter().take(CAP).map(|(_, i)| *i));
        } else if !q.keywords.is_empty() && corpus.facts.len() <= CAP {
            out.extend(0..u32::try_from(corpus.facts.len()).unwrap_or(u32::MAX));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Scores `candidates` and returns them best first; facts outside the time window are dropped.
pub fn rank(corpus: &Corpus, lexicon: &Lexicon, q: &Question, candidates: &[u32]) -> Vec<Scored> {
    let class_ids: Vec<(u32, f32)> = match &q.class {
        Some(class) => corpus
            .classes
            .iter()
            .enumerate()
            .map(|(i, name)| (i as u32, class_affinity(class, name)))
            .filter(|(_, a)| *a > 0.0)
            .collect(),
        None => Vec::new(),
    };
    let mut scored: Vec<Scored> = candidates
        .iter()
        .filter_map(|&i| first_stage(corpus, q, &class_ids, i))
        .collect();
    scored.sort_by(|a, b| {
        b.score
            .total
            .total_cmp(&a.score.total)
            .then(a.fact.cmp(&b.fact))
    });
    scored.truncate(SECOND_STAGE);
    let keywords: Vec<&str> = q.keywords.iter().map(String::as_str).collect();
    for s in &mut scored {
        second_stage(corpus, lexicon, q, &keywords, s);
    }
    scored.sort_by(|a, b| {
        b.score
            .total
            .total_cmp(&a.score.total)
            .then_with(|| finer(corpus, a.fact, b.fact))
            .then(a.fact.cmp(&b.fact))
    });
    scored
}

/// Among equal scores, the fact with the more precise date first.
fn finer(corpus: &Corpus, a: u32, b: u32) -> std::cmp::Ordering {
    let len = |i: u32| {
        corpus.compact[i as usize]
            .time
            .map_or(i32::MAX, |r| r.end - r.start)
    };
    len(a).cmp(&len(b))
}

fn first_stage(corpus: &Corpus, q: &Question, class_ids: &[(u32, f32)], i: u32) -> Option<Scored> {
    let c = &corpus.compact[i as usize];
    let time = time_factor(c, q)?;
    let mut found = [None; MAX_ENTITIES];
    let mut factors = [1.0; MAX_ENTITIES];
    let entity = entity_factor(c, &q.entities, &mut found, &mut factors);
    let class = match &q.class {
        None => 0.85,
        Some(_) => match class_ids.iter().find(|(id, _)| *id == c.class) {
            Some((_, a)) if *a >= 1.0 => q.class_similarity,
            Some(_) => 0.7,
            None => 0.3,
        },
    };
    let agreement = 0.05 * f32::from(c.sources.saturating_sub(1).min(2));
    let support_raw =
        (c.confidence + agreement - 0.1 * f32::from(c.conflicts.min(3))).clamp(0.0, 1.0);
    let support = 0.6 + 0.4 * support_raw;
    let polarity = if q.negated == c.negated { 1.0 } else { 0.5 };
    let specific = !q.entities.is_empty()
        || q.class.is_some()
        || (q.asks == Asks::List && q.window.is_some())
        || (q.asks == Asks::Who && !q.keywords.is_empty());
    let specificity = if !specific { 0.5 } else { 1.0 };
    let mut score = Breakdown {
        entity,
        class,
        time,
        keywords: 1.0,
        support,
        polarity,
        specificity,
        ambiguity: 1.0,
        total: 0.0,
    };
    score.recompute();
    Some(Scored {
        fact: i,
        score,
        found,
        factors,
    })
}

fn time_factor(c: &Compact, q: &Question) -> Option<f32> {
    let Some(w) = &q.window else {
        return Some(1.0);
    };
    match c.time {
        Some(t) if t.within(w.range) => Some(1.0),
        Some(t) if t.overlaps(w.range) => Some(0.6),
        Some(_) => None,
        None => match c.doc_day {
            // Undated: the event was reported on the document's date.
            Some(d) if d >= w.range.start && d < w.range.end => Some(0.6),
            Some(d) if d < w.range.start => None,
            _ => Some(0.4),
        },
    }
}

fn entity_factor(
    c: &Compact,
    entities: &[AskedEntity],
    found: &mut [Option<u8>; MAX_ENTITIES],
    out: &mut [f32; MAX_ENTITIES],
) -> f32 {
    if entities.is_empty() {
        return 0.8;
    }
    let entities = &entities[..entities.len().min(MAX_ENTITIES)];
    let slots = [
        (c.actor, RoleHint::Actor),
        (c.target, RoleHint::Target),
        (c.place, RoleHint::Place),
    ];
    let mut factors: Vec<f32> = Vec::with_capacity(entities.len());
    for (k, e) in entities.iter().enumerate() {
        let mut best = 0.2_f32;
        for (slot_index, (slot, role)) in slots.iter().enumerate() {
            if *slot != NONE && e.ids.contains(slot) {
                let f = role_factor(e.role, *role) * e.similarity;
                if f > best {
                    best = f;
                    if k < found.len() {
                        found[k] = Some(slot_index as u8);
                    }
                }
            }
        }
        factors.push(best);
    }
    // Directional swap: the actor asked is the fact's target and the target asked its actor.
    for a in 0..entities.len() {
        for b in 0..entities.len() {
            if entities[a].role == RoleHint::Actor
                && found[a] == Some(1)
                && entities[b].role == RoleHint::Target
                && found[b] == Some(0)
            {
                factors[a] *= 0.6;
                factors[b] *= 0.6;
            }
        }
    }
    out[..factors.len()].copy_from_slice(&factors);
    factors.iter().product()
}

fn role_factor(asked: RoleHint, found: RoleHint) -> f32 {
    use RoleHint::{Actor, Place, Target};
    match (asked, found) {
        (a, b) if a == b => 1.0,
        (Target, Place) | (Place, Target) => 0.9,
        (Actor, Target) | (Target, Actor) => 0.75,
        (Actor, Place) | (Place, Actor) => 0.7,
        _ => 0.7,
    }
}

fn second_stage(
    corpus: &Corpus,
    lexicon: &Lexicon,
    q: &Question,
    keywords: &[&str],
    s: &mut Scored,
) {
    let fact = &corpus.facts[s.fact as usize];
    let mut text = String::new();
    for source in fact.sources.iter().take(3) {
        text.push_str(&source.sentence);
        text.push(' ');
    }
    match &fact.kind {
        almanac_model::FactKind::Event(e) => {
            if let Some(o) = &e.object {
                text.push_str(o);
                text.push(' ');
            }
            text.push_str(&e.action);
        }
        almanac_model::FactKind::Role(r) => text.push_str(&r.title),
    }
    let normalized = format!(" {} ", normalize(&text));
    let stems: Vec<String> = words(&text).iter().map(|w| stem(w)).collect();
    let _ = lexicon;

    if !keywords.is_empty() {
        let hit = keywords
            .iter()
            .filter(|k| {
                stems
                    .iter()
                    .any(|w| w == *k || (k.len() >= 5 && fuzzy(k, w).is_some()))
            })
            .count();
        s.score.keywords = 0.6 + 0.4 * hit as f32 / keywords.len() as f32;
    }

    // An entity not in the fact's slots may still be named by its sentence.
    if s.score.entity < 0.8 && !q.entities.is_empty() {
        for (k, e) in q.entities.iter().take(MAX_ENTITIES).enumerate() {
            if s.found[k].is_none() {
                let named = e.ids.iter().any(|&id| {
                    corpus
                        .aliases_of(id)
                        .iter()
                        .any(|a| normalized.contains(&format!(" {a} ")))
                });
                if named {
                    s.factors[k] = s.factors[k].max(0.5);
                }
            }
        }
        s.score.entity = s.factors[..q.entities.len().min(MAX_ENTITIES)]
            .iter()
            .product();
    }
    s.score.recompute();
}

/// Applies the ambiguity penalty to the best of `ranked` when a rival within 0.05 gives an
/// incompatible answer. `same` says whether two facts give compatible answers.
pub fn penalize_ambiguity(ranked: &mut [Scored], same: impl Fn(u32, u32) -> bool) -> Option<u32> {
    let (best, rest) = ranked.split_first_mut()?;
    let rival = rest
        .iter()
        .take_while(|r| r.score.total >= best.score.total - 0.05)
        .find(|r| !same(best.fact, r.fact))?;
    best.score.ambiguity = 0.85;
    best.score.recompute();
    Some(rival.fact)
}

/// Which slot (0 actor, 1 target, 2 place) the `k`th asked entity was found in.
pub fn found_slot(s: &Scored, k: usize) -> Option<u8> {
    s.found.get(k).copied().flatten()
}
