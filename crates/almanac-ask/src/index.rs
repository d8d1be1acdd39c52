//! The corpus as the question matcher sees it: facts with compact, interned fields, postings
//! from entities and event classes to facts, an alias table, and document metadata.

use std::collections::HashMap;

use almanac_extract::{Gazetteer, QUESTION_ONLY};
use almanac_measure::AmountKind;
use almanac_model::{DateKnown, Document, EntityKind, EntityRef, EventClass, Fact, FactKind};
use chrono::{Datelike, NaiveDate};

use crate::evidence::DocMeta;
use crate::lexicon::{Lexicon, UNION_WORDS};
use crate::text::{fuzzy, is_stop, normalize, stem, words};
use crate::time::{DayRange, days, time_range};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Words in more facts than this are not indexed (they select too little).
pub(crate) const RARE: usize = 512;

/// No entity in this slot.
pub(crate) const NONE: u32 = u32::MAX;

/// An entity known to the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    /// Canonical id (`south-korea`), or a slug for names only the alias table knows.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// How many facts mention it.
    pub facts: usize,
}

/// A fact's fields reduced to what the first scoring stage needs.
#[derive(Debug, Clone, Copy)]
pub struct Compact {
    /// Who acts (an event's actor, a role's person), or [`NONE`].
    pub actor: u32,
    /// Whom it is done to (an event's target, a role's organization), or [`NONE`].
    pub target: u32,
    /// Where, or [`NONE`].
    pub place: u32,
    /// Interned class (`role` for roles).
    pub class: u32,
    /// The class the lexicon gives the action (`provide` → fund), or [`NONE`].
    pub action_class: u32,
    /// The fact's time as a day range, if it is a calendar value.
    pub time: Option<DayRange>,
    /// The first source's document date, in days.
    pub doc_day: Option<i32>,
    /// Has a money amount.
    pub money: bool,
    /// Has a count.
    pub count: bool,
    /// Has a percentage.
    pub percent: bool,
    /// The event is negated.
    pub negated: bool,
    /// The event is reported (`..., the company said`).
    pub reported: bool,
    /// Mean extraction confidence of its sources.
    pub confidence: f32,
    /// Number of sources.
    pub sources: u16,
    /// Number of conflicting fields.
    pub conflicts: u16,
}

/// The indexed corpus.
pub struct Corpus {
    /// The facts, in the order given.
    pub facts: Vec<Fact>,
    /// One compact record per fact.
    pub compact: Vec<Compact>,
    /// Interned entities.
    pub entities: Vec<EntityInfo>,
    entity_index: FxHashMap<String, u32>,
    /// Normalized alias → entities.
    aliases: FxHashMap<String, Vec<u32>>,
    /// Aliases grouped by character length, for typo-tolerant lookup.
    aliases_by_len: Vec<Vec<(String, u32)>>,
    /// Entity → its aliases, sorted.
    alias_lists: Vec<Vec<String>>,
    /// Entity → facts mentioning it.
    pub by_entity: Vec<Vec<u32>>,
    /// Interned classes: an event class, or `None` for roles.
    pub classes: Vec<Option<EventClass>>,
    class_index: HashMap<Option<EventClass>, u32>,
    /// Class → facts.
    pub by_class: Vec<Vec<u32>>,
    /// Facts with a calendar time, sorted by start day.
    pub by_time: Vec<(i32, u32)>,
    /// Document id → its metadata in [`Corpus::documents`] (the last document of that id).
    pub docs: FxHashMap<Arc<str>, u32>,
    /// The documents' metadata, in the order given (shared with a store that holds them).
    pub documents: Arc<[DocMeta]>,
    /// Every stemmed word of the facts' sentences, objects and titles, with its id.
    pub vocabulary: FxHashMap<String, u32>,
    /// Word id → facts whose text holds it; emptied for words in more than [`RARE`] facts.
    pub by_word: Vec<Vec<u32>>,
    /// Word id → number of facts whose text holds it.
    pub word_facts: Vec<u32>,
    /// The latest document date: the corpus's own "now" for `last year`.
    pub latest: Option<NaiveDate>,
    /// Entity → the countries or unions it is an institution of (`European Commission` →
    /// European Union, `Central Bank of Chile` → Chile).
    pub parents: Vec<Vec<u32>>,
    /// Country or union → its institutions that have facts.
    pub children: HashMap<u32, Vec<u32>>,
    /// Person → the latest day they resigned or were dismissed, from dated facts.
    pub left_office: HashMap<u32, i32>,
    /// The head noun of an institution's name, when one institution has it: `commission`
    /// for the European Commission, so that `the Commission` (capitalized) names it.
    pub heads: HashMap<String, u32>,
}

/// What [`Corpus::add_vocabulary`] has read already: each word's stem id, and the stem ids
/// of each sentence whose words were all known.
#[derive(Default)]
struct Seen<'f> {
    words: FxHashMap<String, u32>,
    sentences: FxHashMap<&'f str, Vec<u32>>,
}

impl Corpus {
    /// Indexes `facts`, taking titles and dates from `documents`; names are known from the
    /// built-in gazetteer.
    pub fn new(facts: Vec<Fact>, documents: &[Document], lexicon: &Lexicon) -> Self {
        Self::with_gazetteer(facts, documents, lexicon, &Gazetteer::builtin())
    }

    /// [`Corpus::new`] knowing the names of `gazetteer` (the one extraction used, e.g. the
    /// built-in one extended by the user's file), so that questions recognise them too.
    pub fn with_gazetteer(
        facts: Vec<Fact>,
        documents: &[Document],
        lexicon: &Lexicon,
        gazetteer: &Gazetteer,
    ) -> Self {
        let docs: Vec<DocMeta> = documents.iter().map(DocMeta::of).collect();
        Self::with_meta(facts, &docs, lexicon, gazetteer)
    }

    /// [`Corpus::with_gazetteer`] over the documents' metadata only (titles, dates), as an
    /// on-disk index holds them.
    pub fn with_meta(
        facts: Vec<Fact>,
        documents: &[DocMeta],
        lexicon: &Lexicon,
        gazetteer: &Gazetteer,
    ) -> Self {
        let mut corpus = Self::index(&facts, documents, lexicon, gazetteer);
        corpus.facts = facts;
        corpus.documents = Arc::from(documents);
        corpus
    }

    /// The metadata of the document `id` (the last given with that id).
    pub fn doc(&self, id: &str) -> Option<&DocMeta> {
        self.documents.get(*self.docs.get(id)? as usize)
    }

    /// [`Corpus::with_meta`] without keeping the facts and documents: [`Corpus::facts`] and
    /// [`Corpus::documents`] are empty until the caller sets them.
    pub(crate) fn index(
        facts: &[Fact],
        documents: &[DocMeta],
        lexicon: &Lexicon,
        gazetteer: &Gazetteer,
    ) -> Self {
        let mut corpus = Corpus {
            facts: Vec::new(),
            compact: Vec::with_capacity(facts.len()),
            entities: Vec::new(),
            entity_index: FxHashMap::default(),
            aliases: FxHashMap::default(),
            aliases_by_len: Vec::new(),
            alias_lists: Vec::new(),
            by_entity: Vec::new(),
            classes: Vec::new(),
            class_index: HashMap::new(),
            by_class: Vec::new(),
            by_time: Vec::new(),
            docs: FxHashMap::default(),
            documents: Arc::from(Vec::new()),
            vocabulary: FxHashMap::default(),
            by_word: Vec::new(),
            word_facts: Vec::new(),
            latest: None,
            parents: Vec::new(),
            children: HashMap::new(),
            heads: HashMap::new(),
            left_office: HashMap::new(),
        };
        // the documents' table is built on another thread while the facts are indexed
        std::thread::scope(|scope| {
            let docs = scope.spawn(|| {
                let mut docs = FxHashMap::default();
                let mut latest = None;
                for (i, doc) in documents.iter().enumerate() {
                    docs.insert(doc.id.clone(), u32::try_from(i).unwrap_or(u32::MAX));
                    if let Some(date) = doc.date.map(|d| d.date()) {
                        latest = latest.max(Some(date));
                    }
                }
                (docs, latest)
            });
            corpus.index_facts(facts, documents.is_empty(), lexicon);
            let (docs, latest) = docs
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            corpus.docs = docs;
            corpus.latest = corpus.latest.max(latest);
        });
        corpus.finish(gazetteer);
        corpus
    }

    /// Indexes the facts: compact records, postings by entity, class, time and word; the
    /// latest source date when `undated` (no document metadata was given).
    fn index_facts(&mut self, facts: &[Fact], undated: bool, lexicon: &Lexicon) {
        let corpus = self;
        let mut seen = Seen::default();
        for (i, fact) in facts.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let c = corpus.compact_of(fact, lexicon);
            for slot in [c.actor, c.target, c.place] {
                if slot != NONE {
                    let postings = &mut corpus.by_entity[slot as usize];
                    if postings.last() != Some(&i) {
                        postings.push(i);
                    }
                }
            }
            corpus.by_class[c.class as usize].push(i);
            if let Some(range) = c.time {
                corpus.by_time.push((range.start, i));
            }
            if undated {
                for s in &fact.sources {
                    if let Some(date) = s.doc_date.map(|d| d.date()) {
                        corpus.latest = corpus.latest.max(Some(date));
                    }
                }
            }
            corpus.add_vocabulary(fact, i, &mut seen);
            corpus.compact.push(c);
        }
        corpus.by_time.sort_unstable();
        let resign = corpus.class_lookup(Some(EventClass::Resign));
        let dismiss = corpus.class_lookup(Some(EventClass::Dismiss));
        for c in &corpus.compact {
            let person = if Some(c.class) == resign {
                c.actor
            } else if Some(c.class) == dismiss {
                c.target
            } else {
                continue;
            };
            if let (Some(t), false) = (c.time, person == NONE || c.negated) {
                let day = corpus.left_office.entry(person).or_insert(t.start);
                *day = (*day).max(t.start);
            }
        }
        for (i, e) in corpus.entities.iter_mut().enumerate() {
            e.facts = corpus.by_entity[i].len();
        }
    }

    /// Adds the names of `gazetteer`, links institutions to their countries and derives
    /// short names, once the facts are indexed.
    fn finish(&mut self, gazetteer: &Gazetteer) {
        self.add_known_aliases(gazetteer);
        self.link_institutions(gazetteer);
        self.derive_short_names();
        self.build_fuzzy_table();
    }

    /// Indexes the stemmed words of a fact's first two sentences and of its object or
    /// title. `seen` remembers words and sentences already read (it only saves work).
    fn add_vocabulary<'f>(&mut self, fact: &'f Fact, index: u32, seen: &mut Seen<'f>) {
        let mut ids: Vec<u32> = Vec::new();
        let mut new: Vec<(String, String)> = Vec::new();
        let mut add = |text: &str, ids: &mut Vec<u32>, new: &mut Vec<(String, String)>| {
            for w in normalize(text).split(' ') {
                if w.is_empty() || is_stop(w) {
                    continue;
                }
                if let Some(&id) = seen.words.get(w) {
                    ids.push(id);
                    continue;
                }
                let st = stem(w);
                match self.vocabulary.get(&st) {
                    Some(&id) => {
                        seen.words.insert(w.to_owned(), id);
                        ids.push(id);
                    }
                    None => new.push((st, w.to_owned())),
                }
            }
        };
        // the copies of a story cite one sentence, and one sentence gives several facts
        let mut known: Vec<&'f str> = Vec::new();
        for s in fact.sources.iter().take(2) {
            let sentence: &'f str = &s.sentence;
            if known.contains(&sentence) {
                continue;
            }
            known.push(sentence);
            match seen.sentences.get(sentence) {
                Some(words) => ids.extend_from_slice(words),
                None => {
                    let waiting = new.len();
                    let mut words = Vec::new();
                    add(sentence, &mut words, &mut new);
                    ids.extend_from_slice(&words);
                    // a sentence with words not yet in the vocabulary is read again
                    if new.len() == waiting {
                        seen.sentences.insert(sentence, words);
                    }
                }
            }
        }
        match &fact.kind {
            FactKind::Event(event) => {
                if let Some(object) = &event.object {
                    add(object, &mut ids, &mut new);
                }
            }
            FactKind::Role(role) => add(&role.title, &mut ids, &mut new),
        }
        // new stems take ids in their sorted order
        new.sort_unstable();
        for (st, w) in new {
            let id = match self.vocabulary.get(&st) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(self.word_facts.len()).unwrap_or(u32::MAX);
                    self.vocabulary.insert(st, id);
                    self.word_facts.push(0);
                    self.by_word.push(Vec::new());
                    id
                }
            };
            seen.words.insert(w, id);
            ids.push(id);
        }
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let id = id as usize;
            self.word_facts[id] += 1;
            if self.word_facts[id] as usize <= RARE {
                self.by_word[id].push(index);
            } else if !self.by_word[id].is_empty() {
                self.by_word[id] = Vec::new();
            }
        }
    }

    /// How many facts hold the stemmed word, and their indices when it is rare.
    pub fn word(&self, stem_word: &str) -> Option<(u32, &[u32])> {
        let id = *self.vocabulary.get(stem_word)? as usize;
        Some((self.word_facts[id], self.by_word[id].as_slice()))
    }

    fn compact_of(&mut self, fact: &Fact, lexicon: &Lexicon) -> Compact {
        let confidence = if fact.sources.is_empty() {
            0.0
        } else {
            fact.sources.iter().map(|s| s.confidence).sum::<f32>() / fact.sources.len() as f32
        };
        let doc_day = fact
            .sources
            .first()
            .and_then(|s| s.doc_date)
            .map(|d| days(d.date()));
        let base = Compact {
            actor: NONE,
            target: NONE,
            place: NONE,
            class: 0,
            action_class: NONE,
            time: None,
            doc_day,
            money: false,
            count: false,
            percent: false,
            negated: false,
            reported: false,
            confidence,
            sources: u16::try_from(fact.sources.len()).unwrap_or(u16::MAX),
            conflicts: u16::try_from(fact.conflicts.len()).unwrap_or(u16::MAX),
        };
        match &fact.kind {
            FactKind::Event(event) => {
                let class = event.class;
                Compact {
                    actor: self.entity_ref(event.actor.as_ref()),
                    target: self.entity_ref(event.target.as_ref()),
                    place: self.entity_ref(event.place.as_ref()),
                    class: self.class_id(Some(class)),
                    action_class: lexicon
                        .class_of_action(&event.action)
                        .filter(|c| *c != class)
                        .map_or(NONE, |c| self.class_id(Some(c))),
                    time: event.time.as_ref().and_then(time_range),
                    money: event
                        .amounts
                        .iter()
                        .any(|a| matches!(a.kind, AmountKind::Money { .. })),
                    count: event
                        .amounts
                        .iter()
                        .any(|a| matches!(a.kind, AmountKind::Count { .. } | AmountKind::Number)),
                    percent: event
                        .amounts
                        .iter()
                        .any(|a| matches!(a.kind, AmountKind::Percent)),
                    negated: event.negated,
                    reported: event.modality == almanac_model::Modality::Reported,
                    ..base
                }
            }
            FactKind::Role(role) => Compact {
                actor: self.entity_ref(Some(&role.person)),
                target: self.entity_ref(role.organization.as_ref()),
                class: self.class_id(None),
                time: role.as_of.as_ref().and_then(time_range),
                ..base
            },
        }
    }

    fn class_id(&mut self, class: Option<EventClass>) -> u32 {
        if let Some(&id) = self.class_index.get(&class) {
            return id;
        }
        let id = u32::try_from(self.classes.len()).unwrap_or(NONE);
        self.classes.push(class);
        self.class_index.insert(class, id);
        self.by_class.push(Vec::new());
        id
    }

    /// The interned id of an event class (`None`: of roles), if any fact has it.
    pub fn class_lookup(&self, class: Option<EventClass>) -> Option<u32> {
        self.class_index.get(&class).copied()
    }

    fn entity_ref(&mut self, entity: Option<&EntityRef>) -> u32 {
        let Some(entity) = entity else {
            return NONE;
        };
        let known = self.entity_index.contains_key(&entity.id);
        let id = self.intern(&entity.id, &entity.name, entity.kind);
        if !known {
            self.add_alias(&entity.name, id);
            self.add_alias(&entity.id.replace('-', " "), id);
        }
        if entity.mention != entity.name {
            self.add_alias(&entity.mention, id);
        }
        id
    }

    fn intern(&mut self, id: &str, name: &str, kind: EntityKind) -> u32 {
        if let Some(&i) = self.entity_index.get(id) {
            return i;
        }
        let i = u32::try_from(self.entities.len()).unwrap_or(NONE);
        self.entities.push(EntityInfo {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            facts: 0,
        });
        self.entity_index.insert(id.to_owned(), i);
        self.by_entity.push(Vec::new());
        i
    }

    fn add_alias(&mut self, alias: &str, entity: u32) {
        let key = normalize(alias.trim_start_matches("the ").trim_start_matches("The "));
        if key.is_empty() {
            return;
        }
        let ids = self.aliases.entry(key).or_default();
        if !ids.contains(&entity) {
            ids.push(entity);
        }
    }

    /// Adds the gazetteer's names (canonical names and aliases, question-only ones included):
    /// each points to the corpus entity with that id, or to a placeholder entity that no
    /// fact mentions.
    fn add_known_aliases(&mut self, gazetteer: &Gazetteer) {
        // The extractor's gazetteer: same ids as the facts, and users extend it.
        for e in gazetteer.entities() {
            let id = self.intern(&e.id, &e.name, e.kind);
            let names = std::iter::once(e.name.as_str()).chain(
                e.aliases
                    .iter()
                    .map(|a| a.trim_start_matches(['+', '~', QUESTION_ONLY])),
            );
            for name in names {
                let key = normalize(name);
                if !key.is_empty() && !self.aliases.contains_key(&key) {
                    self.aliases.insert(key, vec![id]);
                }
            }
        }
    }

    /// Links each organization or government with facts to the countries or unions its name
    /// holds (by name or demonym): `European Commission` is part of the European Union,
    /// `Japanese Ministry of Finance` of Japan. A question naming the union then matches
    /// its institutions, with a lower weight than the union itself.
    fn link_institutions(&mut self, gazetteer: &Gazetteer) {
        let mut keys: HashMap<String, u32> = HashMap::new();
        for e in gazetteer.entities() {
            if e.kind != EntityKind::Country {
                continue;
            }
            let Some(&id) = self.entity_index.get(&e.id) else {
                continue;
            };
            keys.insert(normalize(&e.name), id);
            for a in &e.aliases {
                if let Some(demonym) = a.strip_prefix('+') {
                    keys.insert(normalize(demonym), id);
                }
            }
        }
        for (word, name) in UNION_WORDS {
            if let Some(ids) = self.aliases.get(&normalize(name)) {
                if let Some(&id) = ids.first() {
                    keys.insert(normalize(word), id);
                    keys.insert(normalize(name), id);
                }
            }
        }
        let mut parents = vec![Vec::new(); self.entities.len()];
        for (i, e) in self.entities.iter().enumerate() {
            if e.facts == 0 || !matches!(e.kind, EntityKind::Organization | EntityKind::Government)
            {
                continue;
            }
            let ws = words(&e.name);
            for len in 1..=3.min(ws.len()) {
                for start in 0..=ws.len() - len {
                    let key = ws[start..start + len].join(" ");
                    if let Some(&p) = keys.get(&key) {
                        if p as usize != i && !parents[i].contains(&p) {
                            parents[i].push(p);
                            self.children.entry(p).or_default().push(i as u32);
                        }
                    }
                }
            }
        }
        self.parents = parents;
    }

    /// Whether entity `child` is an institution of one of `ids`.
    pub fn part_of(&self, child: u32, ids: &[u32]) -> bool {
        self.parents
            .get(child as usize)
            .is_some_and(|ps| ps.iter().any(|p| ids.contains(p)))
    }

    /// `Samsung` for `Samsung Electronics`, `Toray` for `Toray Industries`: the first word
    /// of a company or organization name, and each name word of a person, when that word
    /// names nothing else and is not a common word.
    fn derive_short_names(&mut self) {
        let mut heads: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            if e.facts == 0 || !matches!(e.kind, EntityKind::Organization | EntityKind::Government)
            {
                continue;
            }
            let ws = words(&e.name);
            if let (true, Some(last)) = (ws.len() >= 2, ws.last()) {
                if last.len() >= 5 && !is_stop(last) {
                    heads.entry(last.clone()).or_default().push(i as u32);
                }
            }
        }
        self.heads = heads
            .into_iter()
            .filter(|(_, ids)| ids.len() == 1)
            .map(|(w, ids)| (w, ids[0]))
            .collect();
        let mut proposals: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            if e.facts == 0 {
                continue;
            }
            let ws = words(&e.name);
            if ws.len() < 2 {
                continue;
            }
            let candidates: Vec<&String> = match e.kind {
                EntityKind::Company | EntityKind::Organization | EntityKind::Media => {
                    ws.first().into_iter().collect()
                }
                EntityKind::Person => ws.iter().collect(),
                _ => Vec::new(),
            };
            for w in candidates {
                if w.len() >= 3 && !is_stop(w) && !self.aliases.contains_key(w.as_str()) {
                    let ids = proposals.entry(w.clone()).or_default();
                    if !ids.contains(&(i as u32)) {
                        ids.push(i as u32);
                    }
                }
            }
        }
        for (word, ids) in proposals {
            if ids.len() == 1 {
                self.aliases.insert(word, ids);
            }
        }
    }

    fn build_fuzzy_table(&mut self) {
        let mut table: Vec<Vec<(String, u32)>> = Vec::new();
        let mut keys: Vec<(&String, &Vec<u32>)> = self.aliases.iter().collect();
        keys.sort();
        for (alias, ids) in keys {
            let len = alias.chars().count();
            if len < 4 || ids.len() != 1 {
                continue;
            }
            if table.len() <= len {
                table.resize(len + 1, Vec::new());
            }
            table[len].push((alias.clone(), ids[0]));
        }
        self.aliases_by_len = table;
        let mut lists = vec![Vec::new(); self.entities.len()];
        for (alias, ids) in &self.aliases {
            for &id in ids {
                lists[id as usize].push(alias.clone());
            }
        }
        for list in &mut lists {
            list.sort_unstable();
        }
        self.alias_lists = lists;
    }

    /// Entities named exactly by a normalized phrase.
    pub fn lookup(&self, phrase: &str) -> Option<&[u32]> {
        self.aliases.get(phrase).map(Vec::as_slice)
    }

    /// The entity a phrase names with a typo or two: `(entity, similarity, alias)`, the best
    /// by similarity then by number of facts. Only aliases of one entity are considered.
    pub fn lookup_fuzzy(&self, phrase: &str) -> Option<(u32, f32, &str)> {
        let len = phrase.chars().count();
        let allowed = crate::text::max_typos(len);
        if allowed == 0 {
            return None;
        }
        let first = phrase.chars().next()?;
        let second = phrase.chars().nth(1)?;
        let mut best: Option<(u32, f32, &str)> = None;
        for l in len.saturating_sub(allowed)..=len + allowed {
            let Some(bucket) = self.aliases_by_len.get(l) else {
                continue;
            };
            for (alias, id) in bucket {
                // Cheap prefilter: a typo rarely hits the first letter, except by swapping
                // the first two (`ajpan`).
                let mut cs = alias.chars();
                let (a0, a1) = (cs.next(), cs.next());
                if a0 != Some(first) && !(a0 == Some(second) && a1 == Some(first)) {
                    continue;
                }
                if let Some(sim) = fuzzy(phrase, alias) {
                    let better = match best {
                        None => true,
                        Some((bid, bsim, _)) => {
                            sim > bsim
                                || (sim == bsim
                                    && self.entities[*id as usize].facts
                                        > self.entities[bid as usize].facts)
                        }
                    };
                    if better {
                        best = Some((*id, sim, alias.as_str()));
                    }
                }
            }
        }
        best
    }

    /// Every alias that names `entity` (normalized), for finding it in sentences.
    pub fn aliases_of(&self, entity: u32) -> &[String] {
        self.alias_lists
            .get(entity as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Every alias of any of `entities` (normalized), sorted and without repeats.
    pub fn aliases_of_all(&self, entities: impl IntoIterator<Item = u32>) -> Vec<String> {
        let mut names: Vec<String> = entities
            .into_iter()
            .flat_map(|id| self.aliases_of(id).iter().cloned())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Entities whose name or alias is `name` (exact, normalized) or, failing that, close to it.
    pub fn resolve(&self, name: &str) -> Vec<u32> {
        let key = normalize(name);
        if let Some(ids) = self.lookup(&key) {
            return ids.to_vec();
        }
        self.lookup_fuzzy(&key)
            .map(|(id, _, _)| vec![id])
            .unwrap_or_default()
    }

    /// Entity names with at least one fact, sorted: for completion and listings.
    pub fn entity_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .entities
            .iter()
            .filter(|e| e.facts > 0)
            .map(|e| e.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The display name of an interned entity.
    pub fn name(&self, entity: u32) -> &str {
        self.entities
            .get(entity as usize)
            .map_or("", |e| e.name.as_str())
    }

    /// The latest year of the corpus, if any document is dated.
    pub fn latest_year(&self) -> Option<i32> {
        self.latest.map(|d| d.year())
    }
}

/// How a document's date is cited: `published 2020-01-21`, `updated 2023-04-25`.
pub(crate) fn date_label(doc: &Document) -> Option<String> {
    match (&doc.published, &doc.updated) {
        (p, _) if p.known == DateKnown::RelativeToCapture => Some(match (p.local, &p.note) {
            (Some(local), Some(note)) => format!("published {} ({note})", local.date()),
            (Some(local), None) => format!("published {}", local.date()),
            (None, _) => format!(
                "published {}",
                p.source_text.as_deref().unwrap_or("at an unknown date")
            ),
        }),
        (p, _) if p.local.is_some() => p.local.map(|d| format!("published {}", d.date())),
        (_, Some(u)) if u.local.is_some() => u.local.map(|d| format!("updated {}", d.date())),
        _ => None,
    }
}
