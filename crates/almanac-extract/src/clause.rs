//! Clause-level helpers the event rules share: which words trigger events, each trigger's
//! window, its subject, target, object, time, amounts, place, negation and modality.

use std::ops::Range;

use almanac_measure::Amount;
use almanac_model::{EntityKind, EntityRef, Modality, TimeRef};
use almanac_time::{Anchor, TimeExpr, TimexType};

use crate::analysis::{Mention, Sentence, meaningful_amount};
use crate::gazetteer::NameUse;
use crate::lexicon::{self, Form, VerbForm, w};
use crate::state::DocState;
use almanac_model::EventClass;

pub(crate) use crate::analysis::verb_at;

/// Whether the verb at `i` is passive (`were lifted`, `has been acquired`).
pub(crate) fn is_passive(s: &Sentence<'_>, i: usize, v: &VerbForm) -> bool {
    if v.form != Form::Past {
        return false;
    }
    let mut k = i;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let w = s.low(k);
        if s.has(k, w::BE_FORM) && w != "'s" {
            return true;
        }
        if !(w.ends_with("ly")
            || matches!(w, "not" | "n't" | "also" | "been" | "already" | "never"))
        {
            return false;
        }
    }
    false
}

/// Whether token `i` is a nominal event trigger used as a noun, with its class.
pub(crate) fn nominal_at(s: &Sentence<'_>, i: usize) -> Option<EventClass> {
    let class = s.nominal_class(i)?;
    if !s.is_word(i) || s.in_time(i) || s.mention_at(i).is_some() || s.tokens[i].cap {
        return None;
    }
    // used as a verb here (`they ban`)?
    if verb_at(s, i).is_some() {
        return None;
    }
    Some(class)
}

/// Every trigger position in the sentence, verbs and nominals, in order.
pub(crate) fn triggers(s: &Sentence<'_>) -> Vec<usize> {
    (0..s.tokens.len())
        .filter(|&i| verb_at(s, i).is_some() || nominal_at(s, i).is_some())
        .collect()
}

fn is_boundary_token(s: &Sentence<'_>, k: usize) -> bool {
    s.has(k, w::CLAUSE_BREAK)
        || matches!(
            s.low(k),
            "to" | "and" | "," | ";" | ":" | "(" | ")" | "—" | "–"
        )
}

/// The window of the trigger at `i`: from the clause break after the previous trigger to
/// the clause break before the next one.
pub(crate) fn window(s: &Sentence<'_>, triggers: &[usize], i: usize) -> Range<usize> {
    let pos = triggers.iter().position(|&t| t == i);
    let prev = pos.and_then(|p| p.checked_sub(1)).map(|p| triggers[p]);
    let next = pos.and_then(|p| triggers.get(p + 1)).copied();
    let start = match prev {
        Some(a) => (a + 1..i)
            .rev()
            .find(|&k| is_boundary_token(s, k))
            .unwrap_or(a + 1),
        None => 0,
    };
    let end = match next {
        Some(b) => (i + 1..b)
            .rev()
            .find(|&k| is_boundary_token(s, k))
            .unwrap_or(b),
        None => s.tokens.len(),
    };
    start..end
}

/// The clause start for subject search: the last strong break before `i`.
fn clause_start(s: &Sentence<'_>, i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&k| {
            let word = s.low(k);
            matches!(word, ";" | ":" | "—" | "“" | "\"")
                || (s.has(k, w::CLAUSE_BREAK) && !matches!(word, "who" | "which"))
                || (word == "and" && k > 0 && s.is_punct(k - 1, ","))
        })
        .map_or(0, |k| k + 1)
}

/// The entity a pronoun or definite noun refers to: the document's last actor.
fn anaphor(state: &DocState, word: &str, s: &Sentence<'_>, pos: usize) -> Option<EntityRef> {
    // a definite noun names the latest entity of its kind named before: `The bank raised
    // rates` after a sentence naming the Reserve Bank
    let fits = |e: &EntityRef| match word {
        "bank" => e.kind != EntityKind::Person && e.name.split(' ').any(|w| w == "Bank"),
        "company" | "firm" | "maker" | "manufacturer" | "carrier" | "group" => {
            e.kind == EntityKind::Company
        }
        "government" | "country" => e.kind == EntityKind::Country,
        "ministry" => e.kind == EntityKind::Government && e.name.starts_with("Ministry"),
        _ => false,
    };
    if let Some(e) = state.recent.iter().rev().find(|e| fits(e)) {
        return Some(EntityRef {
            mention: word.to_owned(),
            ..e.clone()
        });
    }
    let fits_pronoun = |a: &EntityRef| match word {
        "he" | "she" => a.kind == EntityKind::Person,
        "company" | "firm" | "maker" | "manufacturer" | "carrier" | "group" => {
            a.kind == EntityKind::Company
        }
        "government" | "ministry" | "country" => {
            matches!(a.kind, EntityKind::Country | EntityKind::Government)
        }
        "bank" => matches!(a.kind, EntityKind::Government | EntityKind::Company),
        _ => a.kind != EntityKind::Person || word == "they",
    };
    // a pronoun: the nearest name before it in its sentence that is no prepositional
    // object (`DuPont announced in January that it will invest`)
    if matches!(word, "it" | "they" | "he" | "she") {
        let near = s.mentions.iter().rev().find(|m| {
            m.tokens.end <= pos
                && m.usage != NameUse::Demonym
                && after_preposition(s, m).is_none()
                && fits_pronoun(&m.entity)
                && !matches!(m.entity.kind, EntityKind::Place | EntityKind::Media)
                && (word != "it" || m.entity.kind != EntityKind::Person)
        });
        if let Some(m) = near {
            return Some(EntityRef {
                mention: word.to_owned(),
                ..m.entity.clone()
            });
        }
    }
    // the last actor if it still fits and was named lately, else the latest entity named
    // that fits (`Cordillera Copper reported ... The company said it would open`)
    let lately = |a: &EntityRef| state.recent.iter().rev().take(8).any(|e| e.id == a.id);
    let a = match &state.last_actor {
        Some(a) if fits_pronoun(a) && (lately(a) || state.recent.is_empty()) => a.clone(),
        _ => state
            .recent
            .iter()
            .rev()
            .find(|e| {
                fits_pronoun(e)
                    && !matches!(e.kind, EntityKind::Place | EntityKind::Media)
                    && (word != "it" || e.kind != EntityKind::Person)
            })?
            .clone(),
    };
    let ok = true;
    ok.then_some(EntityRef {
        mention: word.to_owned(),
        ..a
    })
}

/// Finds the entity owning a noun phrase ending at `head`: `Korea's trade ministry`,
/// `the South Korean government`, `Apple chief executive`.
fn owner_of_np(s: &Sentence<'_>, head: usize, start: usize) -> Option<EntityRef> {
    let mut k = head;
    for _ in 0..5 {
        if k <= start {
            return None;
        }
        k -= 1;
        if let Some(m) = s.mention_at(k) {
            return Some(m.entity.clone());
        }
        if s.is_possessive(k) {
            continue;
        }
        let w = s.low(k);
        if !s.is_word(k) || matches!(w, "the" | "a" | "an") {
            return None;
        }
    }
    None
}

/// The last token of the subject noun phrase of the verb at `i` (after skipping
/// auxiliaries, adverbs, times and an apposition), and the clause start.
fn subject_end(s: &Sentence<'_>, i: usize) -> Option<(usize, usize)> {
    let start = clause_start(s, i);
    let mut k = i;
    // skip auxiliaries, adverbs, time expressions
    while k > start {
        let j = k - 1;
        let word = s.low(j);
        // `Kenya on Wednesday launched`: a preposition opening a time expression goes too
        let time_prep = s.has(j, w::PREPOSITION) && s.in_time(j + 1) && j + 1 < i;
        if s.has(j, w::SUBJECT_SKIP)
            || (word.ends_with("ly") && word.len() > 3)
            || s.in_time(j)
            || time_prep
        {
            k = j;
            continue;
        }
        if s.is_punct(j, ",") && k < i && (j == 0 || s.in_time(j - 1)) {
            k = j;
            continue;
        }
        break;
    }
    if k <= start {
        return None;
    }
    let mut j = k - 1;
    // apposition or parenthesis: `Samsung, the largest chipmaker,` / `Consortium (NRF)`
    if s.is_punct(j, ")") {
        j = (start..j)
            .rev()
            .find(|&x| s.is_punct(x, "("))?
            .checked_sub(1)?;
    } else if s.is_punct(j, ",") {
        let open = (start..j).rev().find(|&x| s.is_punct(x, ","))?;
        if open == 0 {
            return None;
        }
        j = open - 1;
    }
    Some((j, start))
}

/// Prepositions after which a name only locates the subject: `Voters in Lisbon`.
const LOCATIVE: &[&str] = &["in", "at", "near", "outside", "across", "around", "inside"];

/// Whether the mention `m` follows a locative preposition (`in Lisbon`).
fn locative(s: &Sentence<'_>, m: &Mention) -> bool {
    m.tokens
        .start
        .checked_sub(1)
        .is_some_and(|p| LOCATIVE.contains(&s.low(p)))
}

/// Whether the subject of the verb at `i` is a common noun phrase naming no entity
/// (`Voters in Lisbon elected`, `Shareholders approved`): such an event may have no actor.
pub(crate) fn common_noun_subject(s: &Sentence<'_>, i: usize) -> bool {
    let Some((mut j, start)) = subject_end(s, i) else {
        return false;
    };
    // `Voters in Lisbon`: skip the locative phrase
    let mut located = false;
    if let Some(m) = s.mention_at(j)
        && locative(s, m)
        && m.tokens.start >= start + 2
    {
        j = m.tokens.start - 2;
        located = true;
    }
    // a capitalized word (`Shareholders`, but not `Acme`) must read as a plural noun
    let plural = s.low(j).len() > 3 && s.low(j).ends_with('s') && !s.low(j).ends_with("ss");
    s.is_word(j)
        && (!s.tokens[j].cap || located || plural)
        && s.mention_at(j).is_none()
        && !matches!(
            s.low(j),
            "it" | "they" | "he" | "she" | "we" | "i" | "you" | "this" | "that" | "which" | "who"
        )
        && s.verb_form(j).is_none()
        && !s.has(j, w::PREPOSITION | w::DETERMINER)
}

/// The subject of the verb at `i` as a common noun phrase naming no entity, without its
/// determiner: `the deal` in `The deal is expected to close`, `Production`.
pub(crate) fn subject_phrase(s: &Sentence<'_>, i: usize) -> Option<String> {
    let (j, start) = subject_end(s, i)?;
    let noun = s.is_word(j)
        && s.mention_at(j).is_none()
        && !matches!(
            s.low(j),
            "it" | "they" | "he" | "she" | "we" | "i" | "you" | "this" | "that" | "which" | "who"
        )
        && s.verb_form(j).is_none()
        && !s.has(j, w::PREPOSITION | w::DETERMINER);
    if !noun {
        return None;
    }
    // `Work on the first avenue`, `The sale of the port terminal`
    let mut k = j;
    while k > start && s.is_word(k - 1) && s.mention_at(k - 1).is_none() && j - k < 6 {
        k -= 1;
    }
    while k < j && s.has(k, w::DETERMINER | w::PREPOSITION) {
        k += 1;
    }
    let text = s.slice(k..j + 1);
    (!text.is_empty()).then(|| text.to_owned())
}

/// Names coordinated before the subject mention of the verb at `i`: for `The United States
/// and Britain announced`, the subject is Britain and this gives `[United States]`, in text
/// order. Empty when the subject is not a coordinated list of names.
pub(crate) fn coordinated_subjects(s: &Sentence<'_>, i: usize) -> Vec<EntityRef> {
    let Some((j, start)) = subject_end(s, i) else {
        return Vec::new();
    };
    let Some(m) = s.mention_at(j) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut first = m.tokens.start;
    while first >= start + 2 && (s.low(first - 1) == "and" || s.is_punct(first - 1, ",")) {
        let Some(prev) = s.mention_ending(first - 1) else {
            break;
        };
        if prev.usage == NameUse::Demonym || prev.possessive || after_preposition(s, prev).is_some()
        {
            break;
        }
        out.push(prev.entity.clone());
        first = prev.tokens.start;
    }
    // `A, B and C`: only a list joined by `and` at its end is a coordination
    if !out.is_empty() && s.low(m.tokens.start - 1) != "and" {
        return Vec::new();
    }
    out.reverse();
    out
}

/// The subject of the verb at `i`, as an entity, with whether it came from an anaphor.
pub(crate) fn subject(s: &Sentence<'_>, i: usize, state: &DocState) -> Option<(EntityRef, bool)> {
    let (j, start) = subject_end(s, i)?;
    if let Some(m) = s.mention_at(j)
        && locative(s, m)
    {
        // `Voters in Lisbon elected ...`: Lisbon is where, not who
        return None;
    }
    if let Some(m) = s.mention_at(j) {
        return mention_as_subject(s, m, state);
    }
    let word = s.low(j);
    if matches!(word, "it" | "they" | "he" | "she") {
        return anaphor(state, word, s, j).map(|e| (e, true));
    }
    if s.has(j, w::GOVERNMENT_HEAD | w::TITLE_HEAD) {
        if let Some(e) = owner_of_np(s, j, start) {
            return Some((e, false));
        }
    }
    // coordination: `Toray Industries and a semiconductor material company`
    let mut x = j;
    while x >= start
        && s.is_word(x)
        && s.mention_at(x).is_none()
        && (!s.tokens[x].cap || x == start)
    {
        let word = s.low(x);
        if matches!(word, "a" | "an" | "the") {
            if x >= 2 && s.low(x - 1) == "and" {
                if let Some(m) = s.mention_at(x - 2) {
                    return mention_as_subject(s, m, state);
                }
            }
            if word == "the" && s.has(j, w::ANAPHOR) {
                return anaphor(state, s.low(j), s, x).map(|e| (e, true));
            }
            break;
        }
        if x == 0 {
            break;
        }
        x -= 1;
    }
    None
}

fn mention_as_subject(
    s: &Sentence<'_>,
    m: &Mention,
    state: &DocState,
) -> Option<(EntityRef, bool)> {
    let _ = (s, state);
    match m.usage {
        NameUse::Demonym => None,
        _ => Some((m.entity.clone(), false)),
    }
}

/// Whether the mention at `m` follows a preposition (so is not a subject or object).
pub(crate) fn after_preposition(s: &Sentence<'_>, m: &Mention) -> Option<&'static str> {
    let p = m.tokens.start.checked_sub(1)?;
    let p = if s.low(p) == "the" && p > 0 { p - 1 } else { p };
    if !s.has(p, w::PREPOSITION) {
        return None;
    }
    let word = s.low(p);
    lexicon::PREPOSITIONS.iter().copied().find(|x| *x == word)
}

fn class_preps(class: EventClass) -> &'static [&'static str] {
    lexicon::target_prepositions(class).unwrap_or_else(lexicon::default_target_prepositions)
}

fn is_place(m: &Mention) -> bool {
    matches!(m.entity.kind, EntityKind::Country | EntityKind::Place) || m.usage == NameUse::Metonym
}

/// Arguments found after a trigger.
#[derive(Debug, Default)]
pub(crate) struct After {
    /// The target entity.
    pub target: Option<EntityRef>,
    /// The object noun phrase.
    pub object: Option<String>,
    /// The place.
    pub place: Option<EntityRef>,
    /// The agent of a passive (`by X`).
    pub by: Option<EntityRef>,
}

/// Reads target, object, place and `by`-agent after the trigger at `i` within `win`.
pub(crate) fn after(s: &Sentence<'_>, i: usize, win: &Range<usize>, class: EventClass) -> After {
    let mut out = After::default();
    let preps = class_preps(class);
    // direct object entity
    let mut k = i + 1;
    while k < win.end && matches!(s.low(k), "up" | "off" | "out" | "down" | "back" | "the") {
        k += 1;
    }
    // `swore in Jorge Salas`
    if s.low(i).starts_with("sw") && s.low(k) == "in" {
        k += 1;
    }
    if lexicon::DIRECT_OBJECT_TARGET.contains(&class) {
        // `acquire British water-treatment firm Brightwater Ltd.`
        // `fined U.S. technology group Norvant` (the country modifies the head name), `won
        // Finland's presidential election` (a possessive modifies the object)
        let mut j = k;
        while j < win.end && j < k + 6 {
            if let Some(m) = s.mention_starting(j)
                && m.usage != NameUse::Demonym
                && !m.possessive
            {
                let head = (m.tokens.end..(m.tokens.end + 4).min(win.end))
                    .take_while(|&x| {
                        x == m.tokens.end || !s.tokens[x - 1].cap || s.mention_at(x).is_some()
                    })
                    .find_map(|x| {
                        s.mention_starting(x)
                            .filter(|h| h.tokens.start > m.tokens.end)
                    });
                // (`Centre Party candidate Rein Kask`: a title before the person)
                let titled_person = head.is_some_and(|h| {
                    h.entity.kind == EntityKind::Person && s.has(h.tokens.start - 1, w::TITLE_HEAD)
                });
                let modifier = (matches!(m.entity.kind, EntityKind::Country | EntityKind::Place)
                    || titled_person)
                    && head.is_some()
                    && (m.tokens.end..head.map_or(0, |h| h.tokens.start))
                        .all(|x| s.is_word(x) && !s.tokens[x].cap);
                out.target = Some(match head {
                    Some(h) if modifier => h.entity.clone(),
                    _ => m.entity.clone(),
                });
                break;
            }
            if let Some(m) = s.mention_starting(j)
                && m.possessive
            {
                j = m.tokens.end + 1;
                continue;
            }
            if !s.is_word(j) || s.has(j, w::PREPOSITION) || s.in_amount(j) {
                break;
            }
            j += 1;
        }
    }
    // prepositional entities
    for m in s
        .mentions
        .iter()
        .filter(|m| m.tokens.start > i && m.tokens.end <= win.end)
    {
        if m.usage == NameUse::Demonym {
            continue;
        }
        let Some(p) = after_preposition(s, m) else {
            continue;
        };
        if p == "by" && out.by.is_none() {
            out.by = Some(m.entity.clone());
        } else if matches!(p, "in" | "at") && is_place(m) {
            if out.place.is_none() {
                out.place = Some(m.entity.clone());
            }
        } else if preps.contains(&p) && out.target.is_none() {
            out.target = Some(m.entity.clone());
        }
    }
    // `stepped down as chief executive`: the particle is part of the verb
    let particle = s
        .verb_form(i)
        .is_some_and(|v| lexicon::needs_particle(v.lemma));
    out.object = object_np(s, i + 1 + usize::from(particle), s.tokens.len(), class);
    out
}

/// The object noun phrase starting around token `from`: skips determiners, amounts and an
/// infinitive (`28 million dollars to build a plant` gives `photoresist production plant`).
pub(crate) fn object_np(
    s: &Sentence<'_>,
    from: usize,
    end: usize,
    class: EventClass,
) -> Option<String> {
    let mut k = from;
    let preps = class_preps(class);
    let mut skipped_inf = false;
    loop {
        if k >= end {
            return None;
        }
        let w = s.low(k);
        if s.in_amount(k)
            || matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "up"
                    | "some"
                    | "all"
                    | "new"
                    | "additional"
            )
        {
            k += 1;
        } else if w == "worth" && s.low(k + 1) == "of" {
            // `$520 million worth of sugar`
            k += 2;
        } else if w == "to" && !skipped_inf && s.verb_form(k + 1).is_some() {
            skipped_inf = true;
            k += 2;
        } else if preps.contains(&w) && k == from && s.mention_starting(k + 1).is_none() {
            k += 1;
        } else {
            break;
        }
    }
    // `designated 150 key strategic technologies`: a count is the object
    // (not a hyphenated modifier: `a 15-year agreement`)
    if let Some((r, _)) = s.amounts.iter().find(|(r, a)| {
        r.start >= from
            && r.end <= k
            && matches!(a.kind, almanac_measure::AmountKind::Count { .. })
            && !s.slice(r.clone()).contains('-')
    }) {
        let text = s.slice(r.clone()).trim().to_owned();
        if !text.is_empty() {
            return Some(text);
        }
    }
    while k < end && matches!(s.word(k), "\"" | "“" | "'" | "‘") {
        k += 1;
    }
    let start = k;
    let mut words = 0;
    let mut used_of = false;
    while k < end && words < 7 {
        let w = s.low(k);
        if !s.is_word(k) && !s.is_possessive(k) {
            // `a 300 billion won "alchemy" program`
            if matches!(s.word(k), "\"" | "”" | "“") && words > 0 && s.is_word(k + 1) {
                k += 1;
                continue;
            }
            break;
        }
        if words > 0
            && (s.in_amount(k)
                || matches!(
                    w,
                    "totaling" | "totalling" | "worth" | "valued" | "amounting" | "costing"
                ))
        {
            break;
        }
        if s.in_time(k) || (s.mention_at(k).is_some() && words > 0 && s.low(k - 1) != "of") {
            break;
        }
        if s.has(k, w::PREPOSITION) && w != "of" {
            break;
        }
        if w == "of" {
            if used_of || words == 0 {
                break;
            }
            used_of = true;
        }
        if matches!(w, "that" | "which" | "who" | "and" | "or" | "but" | "than")
            || (words > 0 && verb_at(s, k).is_some())
        {
            break;
        }
        words += 1;
        k += 1;
    }
    // drop a dangling `of`
    while k > start && matches!(s.low(k - 1), "of" | "'s") {
        k -= 1;
    }
    if k <= start {
        return None;
    }
    // an object that is only an entity is the target, not an object
    if let Some(m) = s.mention_starting(start)
        && m.tokens.end >= k
    {
        return None;
    }
    let text: String = s
        .slice(start..k)
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”'))
        .collect();
    let text = text.trim().to_owned();
    // `defeated incumbent Carlos Moedas`: a noun introducing the name is no object
    if k == start + 1 && s.has(start, w::PERSON_NOUN) {
        return None;
    }
    // `defeating Green candidate Aino Virtanen`: a title before the named person
    if s.has(k - 1, w::TITLE_HEAD | w::PERSON_NOUN)
        && s.mention_starting(k)
            .is_some_and(|m| m.entity.kind == EntityKind::Person)
    {
        return None;
    }
    let pronoun = matches!(
        text.to_ascii_lowercase().as_str(),
        "it" | "they" | "them" | "this" | "that" | "he" | "she" | "we" | "us"
    );
    (!text.is_empty() && !pronoun).then_some(text)
}

/// Whether a negation governs the trigger at `i`.
pub(crate) fn negated(s: &Sentence<'_>, i: usize) -> bool {
    let lo = i.saturating_sub(4);
    (lo..i).any(|k| {
        let word = s.low(k);
        s.has(k, w::NEGATION) || word.ends_with("n't") || word.ends_with("n’t")
    }) && !(lo..i).any(|k| s.low(k) == "not" && s.low(k + 1) == "only")
}

/// The modality of the trigger at `i`.
pub(crate) fn modality(s: &Sentence<'_>, i: usize) -> Modality {
    let lo = i.saturating_sub(5);
    let start = clause_start(s, i).max(lo);
    let mut m = Modality::Done;
    for k in start..i {
        let word = s.low(k);
        if s.has(k, w::PLEDGED) {
            m = Modality::Pledged;
        } else if s.has(k, w::PLANNED)
            && (word != "set" && word != "due" && word != "expected" || s.low(k + 1) == "to")
        {
            m = Modality::Planned;
        } else if s.has(k, w::POSSIBLE) {
            m = Modality::Possible;
        }
    }
    if m == Modality::Done {
        let reported = s.according_to || (i + 1..s.tokens.len()).any(|k| s.has(k, w::SAY_VERB));
        if reported {
            m = Modality::Reported;
        }
    }
    m
}

/// The time of the trigger at `i`: the closest date or time in its window, else a duration.
pub(crate) fn time_of(s: &Sentence<'_>, i: usize, win: &Range<usize>) -> Option<TimeRef> {
    let dist = |r: &Range<usize>| {
        if r.start > i {
            r.start - i
        } else {
            i.saturating_sub(r.end) + 1
        }
    };
    let inside = |r: &Range<usize>| r.start >= win.start && r.end <= win.end;
    let best = s
        .times
        .iter()
        .filter(|(r, t)| inside(r) && matches!(t.kind, TimexType::Date | TimexType::Time))
        .min_by_key(|(r, _)| dist(r))
        .or_else(|| {
            s.times
                .iter()
                .filter(|(r, t)| inside(r) && t.kind == TimexType::Duration)
                .min_by_key(|(r, _)| dist(r))
        })?;
    let (r, t) = best;
    Some(time_ref(s, r, t))
}

/// A temporal expression of `s` (at tokens `r`) as a fact's [`TimeRef`], with the sentence's
/// reference date when its value was computed from it.
pub(crate) fn time_ref(s: &Sentence<'_>, r: &Range<usize>, t: &TimeExpr) -> TimeRef {
    let text = s
        .text
        .get(t.span.clone())
        .unwrap_or_else(|| s.slice(r.clone()));
    TimeRef {
        reference: (t.anchor == Anchor::Reference)
            .then_some(s.reference)
            .flatten(),
        modifier: t.modifier,
        ..TimeRef::new(text, t.value.as_str(), t.kind, t.granularity, t.anchor)
    }
}

/// The amounts of the trigger at `i`: those after it in its window, else those before.
pub(crate) fn amounts_of(s: &Sentence<'_>, i: usize, win: &Range<usize>) -> Vec<Amount> {
    let inside = |r: &Range<usize>| r.start >= win.start && r.end <= win.end;
    let after: Vec<Amount> = s
        .amounts
        .iter()
        .filter(|(r, a)| {
            inside(r) && r.start > i && meaningful_amount(a) && !r.clone().any(|k| s.in_time(k))
        })
        .map(|(_, a)| a.clone())
        .collect();
    if !after.is_empty() {
        return after;
    }
    s.amounts
        .iter()
        .filter(|(r, a)| {
            inside(r)
                && r.end <= i
                && i - r.end <= 3
                && meaningful_amount(a)
                && !r.clone().any(|k| s.in_time(k))
        })
        .map(|(_, a)| a.clone())
        .collect()
}

/// How sure [`nominal_actor`] is of an actor in a possessive (`Tokyo's restrictions`).
const POSSESSIVE_ACTOR: f32 = 0.7;
/// ... of a demonym or a name right before the trigger (`Japanese export curbs`).
const MODIFIER_ACTOR: f32 = 0.6;
/// ... of an actor in `by X` after the trigger.
const BY_ACTOR: f32 = 0.65;
/// ... of the subject of a support verb (`X confirmed investments`).
const SUPPORT_VERB_ACTOR: f32 = 0.6;

/// The actor of a nominal trigger at `i`: a possessive or demonym before it, `by X` after
/// it, or the subject of a support verb (`X confirmed investments`).
pub(crate) fn nominal_actor(
    s: &Sentence<'_>,
    i: usize,
    win: &Range<usize>,
    state: &DocState,
) -> Option<(EntityRef, f32)> {
    // walk back over modifiers: `Tokyo's restrictions`, `Japanese export curbs`
    let mut k = i;
    for _ in 0..4 {
        if k == 0 {
            break;
        }
        k -= 1;
        if s.is_possessive(k) {
            return s
                .mention_ending(k)
                .map(|m| (m.entity.clone(), POSSESSIVE_ACTOR));
        }
        if let Some(m) = s.mention_at(k) {
            if m.usage == NameUse::Demonym || m.tokens.end == i {
                return Some((m.entity.clone(), MODIFIER_ACTOR));
            }
            // `Acme completed the signing of X`: a name further back is no modifier
            break;
        }
        if !s.is_word(k) || s.has(k, w::PREPOSITION) || verb_at(s, k).is_some() {
            break;
        }
    }
    // `... by X`
    let by = s.mentions.iter().find(|m| {
        m.tokens.start > i && m.tokens.end <= win.end && after_preposition(s, m) == Some("by")
    });
    if let Some(m) = by {
        return Some((m.entity.clone(), BY_ACTOR));
    }
    // support verb before the nominal
    let k = support_verb_before(s, i)?;
    subject(s, k, state).map(|(e, _)| (e, SUPPORT_VERB_ACTOR))
}

/// The support verb governing the nominal trigger at `i` (`X announced sanctions`), within
/// four words before it.
pub(crate) fn support_verb_before(s: &Sentence<'_>, i: usize) -> Option<usize> {
    let mut k = i;
    for _ in 0..4 {
        if k == 0 {
            break;
        }
        k -= 1;
        if s.has(k, w::SUPPORT_VERB) {
            return Some(k);
        }
        if !s.is_word(k) {
            break;
        }
    }
    None
}

/// The event class of a verb of class `class` with this object: the object's class for
/// verbs that take it (`signed a deal` is `agree`, `provide funding` is `fund`), `None` when
/// an abstract object makes no event (`provide support`), else `class`.
pub(crate) fn class_with_object(
    class: EventClass,
    object: Option<&str>,
    has_target: bool,
) -> Option<EventClass> {
    let object_classes: Vec<EventClass> = object
        .map(|o| {
            o.split_whitespace()
                .filter_map(|w| lexicon::nominal_class(&w.to_ascii_lowercase()))
                .collect()
        })
        .unwrap_or_default();
    if let Some(c) = lexicon::class_from_object(class)
        .iter()
        .find(|c| object_classes.contains(c))
    {
        return Some(*c);
    }
    let abstract_object = object
        .and_then(|o| o.split_whitespace().next_back())
        .is_some_and(|h| lexicon::ABSTRACT_OBJECTS.contains(&h.to_ascii_lowercase().as_str()));
    if lexicon::ABSTRACT_OBJECT_CLASSES.contains(&class) && !has_target && abstract_object {
        return None;
    }
    Some(class)
}

/// The ministry a minister's title names by its portfolio, among the ministries the
/// document names: `Industry Minister` is of the `Ministry of Trade, Industry and Energy`
/// when that is the only one whose name has every portfolio word. `None` when the title has
/// no portfolio word, or none or several ministries fit.
pub(crate) fn ministry_of_title(title: &str, ministries: &[EntityRef]) -> Option<EntityRef> {
    if ministries.is_empty() {
        return None;
    }
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if !words
        .iter()
        .any(|w| matches!(w.as_str(), "minister" | "secretary" | "ministry"))
    {
        return None;
    }
    let portfolio: Vec<&String> = words
        .iter()
        .filter(|w| {
            lexicon::has(w, w::TITLE_WORD)
                && !lexicon::has(w, w::TITLE_HEAD)
                && !lexicon::is_generic_title_word(w)
        })
        .collect();
    if portfolio.is_empty() {
        return None;
    }
    let fits: Vec<&EntityRef> = ministries
        .iter()
        .filter(|m| {
            let name: Vec<String> = m
                .name
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .map(str::to_ascii_lowercase)
                .collect();
            portfolio.iter().all(|p| name.contains(p))
        })
        .collect();
    match fits.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// The organization of a title named without one, from the document: a minister's
/// ministry by portfolio ([`ministry_of_title`]), a governor's bank when the document names
/// one bank, a national government title's country when the document is about one country
/// (`Foreign Minister Claire Dubois` in an article about Canada).
pub(crate) fn organization_from_document(title: &str, state: &DocState) -> Option<EntityRef> {
    if let Some(m) = ministry_of_title(title, &state.ministries) {
        return Some(m);
    }
    if state.banks.is_empty() && state.country.is_none() {
        return None;
    }
    let words: Vec<String> = title
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("governor") {
        return match state.banks.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        };
    }
    let national = has("minister")
        || has("premier")
        || has("chancellor")
        || (has("president") && words.len() == 1)
        || (has("secretary") && words.len() >= 2);
    if national {
        return state.country.clone();
    }
    None
}

/// Normalizes a title: words capitalized except short function words.
pub(crate) fn title_case(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for (n, w) in title.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let function_word = n > 0 && matches!(w, "of" | "and" | "the" | "for" | "&");
        if function_word || w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
            out.push_str(w);
        } else {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}
