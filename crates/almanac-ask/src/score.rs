//! Ranking facts against a parsed question, with a score that explains itself.
//!
//! The score is a product of factors in `0..=1`, so that every constraint of the question
//! must hold for a high score and any one that fails pulls it down:
//!
//! | factor | 1.0 when | lower when |
//! |---|---|---|
//! | entity | every named entity is in the fact, in the role asked | an institution of the entity asked (the European Commission for `the EU`, `Brussels`): 0.85; a role is swapped (0.45), only the sentence names it (0.5), absent (0.2); no entity asked: 0.8 |
//! | class | the fact's event class is the one asked; a role whose title is exactly the one asked, with its organization | related class (0.7), a reported fact for `announce` (0.9), other (0.3); no class asked: 0.85, or 0.6 for an event when a who-question names a title (`who is the industry minister`); a role whose holder resigned: 0.4 |
//! | time | the fact's date is inside the window asked | overlaps it (0.6), undated (0.4-0.6) |
//! | keywords | the sentence has the question's other words | `0.6 + 0.4 × share found`; × 0.4 when a constraint verb (`replaced`, `defeated`) is not in the sentence |
//! | support | sources are confident and agree | `0.6 + 0.4 × (confidence + agreement - conflicts)` |
//! | polarity | negation agrees | `did not` against a done event: 0.5 |
//! | specificity | the question names an entity or an event | neither: 0.5 |
//! | ambiguity | no close rival gives another answer | a rival within 0.05: 0.85; a `when` rival tied within 0.01 with another date: 0.7 (`first`/`last` in the question pick by date instead) |

use std::fmt;

use almanac_model::EventClass;
use serde::Serialize;

use crate::index::{Compact, Corpus, NONE};
use crate::lexicon::{Lexicon, class_affinity};
use crate::question::{AskedEntity, Asks, Question, RoleHint};
use crate::text::{has_stem, normalize};

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
pub(crate) struct Scored {
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
pub(crate) const MAX_ENTITIES: usize = 4;

impl Scored {
    /// A fact with a neutral score and no entity found, to read its values.
    pub(crate) fn for_fact(fact: u32) -> Self {
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
const CLASS_CAP_WITH_ENTITIES: usize = 512;
/// How many postings are scanned at most in any case.
const CAP: usize = 4_096;
/// How many first-stage candidates get the full (sentence-level) score.
const SECOND_STAGE: usize = 48;

/// The facts worth scoring: those of the entities named, of the event class (and related
/// classes), of the time window, or of the question's rare words. Sorted, no duplicates.
pub(crate) fn candidates(corpus: &Corpus, q: &Question) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for e in &q.entities {
        for &id in &e.ids {
            out.extend_from_slice(&corpus.by_entity[id as usize]);
        }
        for id in &e.wider {
            for &child in corpus.children.get(id).map_or(&[][..], Vec::as_slice) {
                out.extend_from_slice(&corpus.by_entity[child as usize]);
            }
        }
    }
    // Facts of the class asked, then of related classes, within one budget: with an
    // entity to select on they only serve as nearby facts.
    // An entity the corpus does not know (`Zorblaxia`) caps every score low: its class
    // facts are only nearby facts too.
    let mut budget = if q.entities.is_empty() {
        CAP
    } else {
        CLASS_CAP_WITH_ENTITIES
    };
    let mut classes: Vec<(f32, usize)> = corpus
        .classes
        .iter()
        .enumerate()
        .map(|(cid, class)| {
            let a = asked_classes(q)
                .map(|asked| class.map_or(0.0, |c| class_affinity(asked, c)))
                .fold(0.0, f32::max);
            (a, cid)
        })
        .filter(|(a, _)| *a > 0.0)
        .collect();
    classes.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, cid) in classes {
        let postings = &corpus.by_class[cid];
        let take = postings.len().min(budget);
        out.extend_from_slice(&postings[..take]);
        budget -= take;
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
        }
    }
    let no_known_entity = q.entities.iter().all(|e| e.ids.is_empty());
    if (no_known_entity && q.class.is_none()) || q.asks == Asks::Who {
        for k in q.keywords.iter().chain(&q.title_words) {
            if let Some((_, postings)) = corpus.word(k) {
                out.extend_from_slice(postings);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The classes a question asks for: its main class and any named as strongly.
fn asked_classes(q: &Question) -> impl Iterator<Item = EventClass> + '_ {
    q.class.iter().chain(&q.also).copied()
}

/// Per interned class, the best affinity to the question's classes (absent when 0).
struct ClassTable {
    affinity: Vec<f32>,
    role: Option<u32>,
}

impl ClassTable {
    fn new(corpus: &Corpus, q: &Question) -> Self {
        let affinity = corpus
            .classes
            .iter()
            .map(|class| {
                asked_classes(q)
                    .map(|asked| class.map_or(0.0, |c| class_affinity(asked, c)))
                    .fold(0.0, f32::max)
            })
            .collect();
        Self {
            affinity,
            role: corpus.class_lookup(None),
        }
    }

    fn get(&self, class: u32) -> f32 {
        self.affinity.get(class as usize).copied().unwrap_or(0.0)
    }
}

/// Scores `candidates` and returns them best first; facts outside the time window are dropped.
pub(crate) fn rank(
    corpus: &Corpus,
    lexicon: &Lexicon,
    q: &Question,
    candidates: &[u32],
) -> Vec<Scored> {
    let table = ClassTable::new(corpus, q);
    // The first stage keeps only (score, fact): a small buffer, since freeing large ones
    // on every answer can make the allocator consolidate a fragmented heap.
    let mut light: Vec<(f32, u32)> = candidates
        .iter()
        .filter_map(|&i| first_stage(corpus, q, &table, i).map(|s| (s.score.total, i)))
        .collect();
    let by_total = |a: &(f32, u32), b: &(f32, u32)| {
        b.0.total_cmp(&a.0)
            .then_with(|| finer(corpus, a.1, b.1))
            .then(a.1.cmp(&b.1))
    };
    if light.len() > SECOND_STAGE {
        light.select_nth_unstable_by(SECOND_STAGE, by_total);
        light.truncate(SECOND_STAGE);
    }
    let mut scored: Vec<Scored> = light
        .iter()
        .filter_map(|&(_, i)| first_stage(corpus, q, &table, i))
        .collect();
    let by_score = |a: &Scored, b: &Scored| {
        b.score
            .total
            .total_cmp(&a.score.total)
            .then_with(|| finer(corpus, a.fact, b.fact))
            .then(a.fact.cmp(&b.fact))
    };
    // The names each asked entity goes by, to find it in sentences and titles; an entity
    // the corpus does not know goes by its own name.
    let aliases: Vec<Vec<String>> = q
        .entities
        .iter()
        .map(|e| {
            let mut names = corpus.aliases_of_all(e.ids.iter().copied());
            names.push(normalize(&e.name));
            names.push(normalize(&e.text));
            names.sort_unstable();
            names.dedup();
            names.retain(|n| !n.is_empty());
            names.into_iter().map(|n| format!(" {n} ")).collect()
        })
        .collect();
    for s in &mut scored {
        second_stage(corpus, lexicon, q, &table, &aliases, s);
    }
    scored.sort_by(by_score);
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

fn first_stage(corpus: &Corpus, q: &Question, table: &ClassTable, i: u32) -> Option<Scored> {
    let c = &corpus.compact[i as usize];
    let time = time_factor(c, q)?;
    let is_role = table.role == Some(c.class);
    let mut found = [None; MAX_ENTITIES];
    let mut factors = [1.0; MAX_ENTITIES];
    let mut entity = entity_factor(corpus, c, &q.entities, &mut found, &mut factors);
    let who_by_title = q.asks == Asks::Who && q.entities.is_empty();
    if is_role && who_by_title {
        // `who is the finance minister`: a role is what is asked; its title says which.
        entity = 0.9;
    }
    let class = if is_role {
        if q.asks == Asks::Who || q.class.is_none() {
            // The holder resigned (or was dismissed) around or after the role's attestation:
            // `X's minister Romero resigned on Monday` no longer answers who the minister is.
            let left = corpus
                .left_office
                .get(&c.actor)
                .is_some_and(|&day| c.time.is_some_and(|t| day >= t.start - LEFT_OFFICE_DAYS));
            if left && q.entities.iter().all(|e| !e.ids.contains(&c.actor)) {
                0.4
            } else {
                NO_CLASS_ASKED
            }
        } else {
            0.3
        }
    } else if q.class.is_none() {
        // `who is the industry minister of X`: an event that merely mentions a minister
        // answers less well than the role itself.
        let asks_title =
            q.asks == Asks::Who && q.title_words.iter().any(|w| crate::text::is_title_noun(w));
        if who_by_title || asks_title {
            0.6
        } else {
            NO_CLASS_ASKED
        }
    } else {
        let a = table.get(c.class).max(if c.action_class == NONE {
            0.0
        } else {
            table.get(c.action_class)
        });
        if a >= 1.0 {
            q.class_similarity
        } else if c.reported && asked_classes(q).any(|k| k == EventClass::Announce) {
            // `when did X announce the factory`: X said so (`..., the company said on
            // Thursday`), which is an announcement.
            0.9
        } else if a > 0.0 {
            0.7
        } else {
            0.3
        }
    };
    let agreement = 0.05 * f32::from(c.sources.saturating_sub(1).min(2));
    let support_raw =
        (c.confidence + agreement - 0.1 * f32::from(c.conflicts.min(3))).clamp(0.0, 1.0);
    let support = 0.6 + 0.4 * support_raw;
    let polarity = if q.negated == c.negated { 1.0 } else { 0.5 };
    let specific = !q.entities.is_empty()
        || q.class.is_some()
        || (q.asks == Asks::List && q.window.is_some())
        || (q.asks == Asks::Who && !q.title_words.is_empty());
    let mut score = Breakdown {
        entity,
        class,
        time,
        keywords: 1.0,
        support,
        polarity,
        specificity: if specific { 1.0 } else { 0.5 },
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
    corpus: &Corpus,
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
    let mut factors = [0.2_f32; MAX_ENTITIES];
    for (k, e) in entities.iter().enumerate() {
        for (slot_index, (slot, role)) in slots.iter().enumerate() {
            if *slot == NONE {
                continue;
            }
            let weight = if e.ids.contains(slot) {
                1.0
            } else if corpus.part_of(*slot, &e.wider) {
                // An institution of the union asked (`the EU fined` for the Commission).
                PART_OF
            } else {
                continue;
            };
            let f = role_factor(e.role, *role) * e.similarity * weight;
            if f > factors[k] {
                factors[k] = f;
                found[k] = Some(slot_index as u8);
            }
        }
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
    out.copy_from_slice(&factors);
    factors[..entities.len()].iter().product()
}

/// A resignation this many days before a role's attestation still ends it.
const LEFT_OFFICE_DAYS: i32 = 30;

/// The entity factor of an institution of the entity asked (part-of).
const PART_OF: f32 = 0.85;

/// Class factor when the question names no event class (or asks who holds a role).
const NO_CLASS_ASKED: f32 = 0.85;

/// Factor of the best fact and its rivals when a rival within 0.05 gives another answer.
const AMBIGUITY_PENALTY: f32 = 0.85;

fn role_factor(asked: RoleHint, found: RoleHint) -> f32 {
    use RoleHint::{Actor, Modifier, Place, Target};
    match (asked, found) {
        (a, b) if a == b => 1.0,
        (Modifier, _) => 0.9,
        (Target, Place) | (Place, Target) => 0.9,
        (Actor, Target) | (Target, Actor) => 0.75,
        (Actor, Place) | (Place, Actor) => 0.7,
        _ => 0.7,
    }
}

/// Facts holding a word in at most this many facts are specific enough to stand in for an
/// entity: `alchemy`.
const NAMING_WORD: u32 = 20;

fn second_stage(
    corpus: &Corpus,
    lexicon: &Lexicon,
    q: &Question,
    table: &ClassTable,
    aliases: &[Vec<String>],
    s: &mut Scored,
) {
    let _ = lexicon;
    let fact = &corpus.facts[s.fact as usize];
    let c = &corpus.compact[s.fact as usize];
    let is_role = table.role == Some(c.class);
    let mut text = String::new();
    if let almanac_model::FactKind::Role(r) = &fact.kind {
        // A role is matched on its title only.
        text.push_str(&r.title);
    } else {
        for source in fact.sources.iter().take(3) {
            text.push_str(&source.sentence);
            text.push(' ');
        }
        if let almanac_model::FactKind::Event(e) = &fact.kind {
            if let Some(o) = &e.object {
                text.push_str(o);
                text.push(' ');
            }
            text.push_str(&e.action);
        }
    }
    let normalized_text = normalize(&text);
    let has = |k: &str| has_stem(&normalized_text, k, true);
    let mut exact = false;
    let wanted = if is_role { &q.title_words } else { &q.keywords };
    if !wanted.is_empty() {
        let hit = wanted.iter().filter(|k| has(k)).count();
        s.score.keywords = 0.6 + 0.4 * hit as f32 / wanted.len() as f32;
        exact = is_role && hit == wanted.len() && exact_title(&normalized_text, wanted);
    }
    // A verb no event class stands for (`who replaced X`) must be in the sentence.
    if !q.required.is_empty() {
        let sentences: Vec<&str> = fact.sources.iter().take(3).map(|p| &*p.sentence).collect();
        let said = normalize(&sentences.join(" "));
        if !q.required.iter().all(|v| has_stem(&said, v, true)) {
            s.score.keywords *= 0.4;
        }
    }
    // No entity asked, but a rare word of the question names the thing: `alchemy program`.
    if q.entities.is_empty() && !is_role && q.asks != Asks::Who {
        let naming = q
            .keywords
            .iter()
            .any(|k| has(k) && corpus.word(k).is_some_and(|(n, _)| n <= NAMING_WORD));
        if naming {
            s.score.entity = 0.95;
            s.score.specificity = 1.0;
        }
    }

    // An entity not in the fact's slots may still be named by its sentence: a modifier
    // (`in South Korea`) counts more than a missing actor.
    if s.score.entity < 0.8 && !q.entities.is_empty() {
        // For events the text above is the sentences (plus object and action); a role's
        // is its title, so its sentences are read here.
        let normalized = match &fact.kind {
            almanac_model::FactKind::Role(_) => {
                let sentences: Vec<&str> =
                    fact.sources.iter().take(3).map(|p| &*p.sentence).collect();
                format!(" {} ", normalize(&sentences.join(" ")))
            }
            almanac_model::FactKind::Event(_) => format!(" {normalized_text} "),
        };
        let mut title: Option<String> = None;
        for (k, e) in q.entities.iter().take(MAX_ENTITIES).enumerate() {
            if s.found[k].is_none() {
                // `aliases` hold each name padded with spaces: ` south korea `.
                let named_in = |text: &str| aliases[k].iter().any(|a| text.contains(a.as_str()));
                let modifier = e.role != RoleHint::Actor || is_role;
                let mut in_title = || {
                    let title = title.get_or_insert_with(|| {
                        let titles: Vec<&str> = fact
                            .sources
                            .iter()
                            .take(3)
                            .filter_map(|p| p.doc_title.as_deref())
                            .collect();
                        format!(" {} ", normalize(&titles.join(" ")))
                    });
                    named_in(title)
                };
                let f = if named_in(&normalized) {
                    if modifier { 0.8 } else { 0.5 }
                } else if in_title() {
                    // The document is about it: `Denmark awards ...` for its climate minister.
                    if modifier { 0.75 } else { 0.4 }
                } else {
                    0.0
                };
                s.factors[k] = s.factors[k].max(f * e.similarity);
            }
        }
        s.score.entity = s.factors[..q.entities.len().min(MAX_ENTITIES)]
            .iter()
            .product();
    }
    // `Who is Kenya's Treasury Secretary?` over the role `Treasury Secretary` of Kenya: the
    // title says exactly what is asked, no more, and the organization named is the role's
    // (its slot), or named by its sentence or its document's title.
    if exact && q.asks == Asks::Who && !q.entities.is_empty() {
        let org_found = s.factors[..q.entities.len().min(MAX_ENTITIES)]
            .iter()
            .all(|f| *f >= 0.75);
        if org_found {
            s.score.class = 1.0;
        }
    }
    s.score.recompute();
}

/// Whether every content word of a role's (normalized) title is one the question asks for:
/// `treasury secretary` for `Treasury Secretary`, not for `Deputy Treasury Secretary`.
fn exact_title(title: &str, wanted: &[String]) -> bool {
    title
        .split(' ')
        .filter(|w| !w.is_empty() && !crate::text::is_stop(w))
        .all(|w| {
            let st = crate::text::stem(w);
            wanted.contains(&st)
        })
}

/// The ambiguity factor when a rival ties the best (within 0.01) with another date.
pub(crate) const TIE_PENALTY: f32 = 0.7;

/// Applies the ambiguity penalty when rivals within 0.05 of the best give an incompatible
/// answer: to the best and to those rivals, then re-sorts. `same` says whether two facts
/// give compatible answers. Returns the first rival.
///
/// A rival that ties the best (within 0.01) gets `tie` instead of [`AMBIGUITY_PENALTY`]: for
/// a `when` question, two equally good facts with different dates say nothing about which is
/// meant.
pub(crate) fn penalize_ambiguity(
    ranked: &mut [Scored],
    same: impl Fn(u32, u32) -> bool,
    tie: f32,
) -> Option<u32> {
    let best = *ranked.first()?;
    let mut rival = None;
    let mut penalty = 1.0_f32;
    for r in ranked.iter_mut().skip(1) {
        if r.score.total < best.score.total - 0.05 {
            break;
        }
        if !same(best.fact, r.fact) {
            // A tie says nothing about which is meant: a stronger penalty.
            let is_tie = r.score.total >= best.score.total - 0.01;
            let factor = if is_tie {
                tie.min(AMBIGUITY_PENALTY)
            } else {
                AMBIGUITY_PENALTY
            };
            penalty = penalty.min(factor);
            r.score.ambiguity = factor;
            r.score.recompute();
            rival.get_or_insert(r.fact);
        }
    }
    if rival.is_some() {
        ranked[0].score.ambiguity = penalty;
        ranked[0].score.recompute();
        ranked.sort_by(|a, b| {
            b.score
                .total
                .total_cmp(&a.score.total)
                .then(a.fact.cmp(&b.fact))
        });
    }
    rival
}

/// Which slot (0 actor, 1 target, 2 place) the `k`th asked entity was found in.
pub(crate) fn found_slot(s: &Scored, k: usize) -> Option<u8> {
    s.found.get(k).copied().flatten()
}
