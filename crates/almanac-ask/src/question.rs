//! Parsing a question: what is asked, about whom, which event, when, and whether it is a
//! follow-up of the previous question.

use std::fmt;

use almanac_model::{EntityKind, EventClass};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::index::Corpus;
use crate::lexicon::{ClassHit, KIND_NOUNS, Lexicon, Strength};
use crate::text::{Token, is_stop, tokens};
use crate::time::{DayRange, days};

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asks {
    /// `when`, `what year`, `since when`: a date.
    When,
    /// `how much`: an amount of money (or a percentage).
    HowMuch,
    /// `how many`: a count.
    HowMany,
    /// `who`, `which company`: an entity.
    Who,
    /// `where`: a place.
    Where,
    /// `what`, `which`: what happened.
    What,
    /// `list`, `show`, `what happened`: several facts.
    List,
    /// Not said (a yes/no question, or a follow-up that keeps the previous one's).
    Unknown,
}

impl fmt::Display for Asks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Asks::When => "when",
            Asks::HowMuch => "how much",
            Asks::HowMany => "how many",
            Asks::Who => "who",
            Asks::Where => "where",
            Asks::What => "what",
            Asks::List => "list",
            Asks::Unknown => "unknown",
        })
    }
}

/// Which part of an event a question expects an entity in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleHint {
    /// The subject: `when did Japan ...`, `... by Japan`.
    Actor,
    /// After `to`, `on`, `against`, `for`, or the subject of a passive.
    Target,
    /// After `in`, `at`.
    Place,
    /// A possessive modifier: `India's ruling alliance`, `Samsung's facility`.
    Modifier,
}

/// An entity named in a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskedEntity {
    /// The words as typed.
    pub text: String,
    /// The canonical name it resolved to (the typed words when unknown).
    pub name: String,
    /// The entities it may be (interned ids); empty when the corpus does not know it.
    #[serde(skip)]
    pub ids: Vec<u32>,
    /// Every entity it may be, with facts or not, and the union a seat stands for
    /// (`Brussels`): their institutions match it too (part-of).
    #[serde(skip)]
    pub wider: Vec<u32>,
    /// 1.0 exact, lower for typos.
    pub similarity: f32,
    /// Where it is expected in the event.
    pub role: RoleHint,
    /// What kind it is, if known.
    pub kind: Option<EntityKind>,
}

/// A time constraint on the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    /// The words: `in 2024`, `last year`.
    pub text: String,
    /// The days allowed.
    #[serde(skip)]
    pub range: DayRange,
    /// The range in words: `2024`, `before 2020`.
    pub label: String,
}

/// How a question relates to the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    /// A new question.
    No,
    /// `and when were they lifted?`: keep what it does not say.
    Continue,
    /// `what about Samsung?`: swap the entity, keep the rest.
    Swap,
}

/// A parsed question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The question as typed.
    pub text: String,
    /// What it asks for.
    pub asks: Asks,
    /// `which country`: the kind of entity asked for.
    pub kind: Option<EntityKind>,
    /// Entities it names.
    pub entities: Vec<AskedEntity>,
    /// The event class, if it names one.
    pub class: Option<EventClass>,
    /// How exactly the class words matched (1.0 exact).
    pub class_similarity: f32,
    /// Other classes named as strongly (`promise to allocate`: pledge, then spend).
    pub also: Vec<EventClass>,
    /// The time window.
    pub window: Option<Window>,
    /// `did not`, `never`.
    pub negated: bool,
    /// Other content words (stemmed) the fact's sentence should contain.
    pub keywords: Vec<String>,
    /// Keywords plus event words: what a role's title should contain (`finance minister`).
    pub title_words: Vec<String>,
    /// Whether it continues the previous question.
    pub follow_up: FollowUp,
    /// `how many parts`: the counted noun (stemmed).
    pub unit: Option<String>,
    /// `in dollars`: the currency asked for (ISO code).
    pub currency: Option<String>,
    /// `first`, `last`: which of several matching facts is asked for.
    pub order: Option<Order>,
    /// Verbs (stemmed) no event class stands for that the fact's sentence must hold:
    /// `who replaced X` is not answered by a fact about X alone.
    pub required: Vec<String>,
}

/// Which of several matching facts a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// `first`, `earliest`, `initially`.
    Earliest,
    /// `last`, `latest`, `most recently`.
    Latest,
}

/// Verbs that relate the asked entity to another and that no event class stands for.
const CONSTRAINT_VERBS: &[&str] = &[
    "replace", "succeed", "defeat", "beat", "overtake", "outbid", "oust", "unseat",
];

/// `first`, `last` and their synonyms (after the time window took `last year`).
fn order_of(lower: &[&str], used: &mut [bool]) -> Option<Order> {
    for (i, w) in lower.iter().enumerate() {
        if used[i] {
            continue;
        }
        let next = lower.get(i + 1).copied().unwrap_or("");
        let order = match (*w, next) {
            ("first" | "earliest" | "initially" | "originally" | "firstly", _) => Order::Earliest,
            ("last" | "latest" | "lastly", _) => Order::Latest,
            ("most", "recently" | "recent") => {
                used[i + 1] = true;
                Order::Latest
            }
            _ => continue,
        };
        used[i] = true;
        return Some(order);
    }
    None
}

/// The constraint verbs of the question, stemmed.
fn required_verbs(toks: &[Token], used: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let beat = ["beat", "beats", "beaten", "beating"].contains(&t.lower.as_str());
        let hit = CONSTRAINT_VERBS
            .iter()
            .find(|v| crate::text::stem(v) == t.stem)
            .map(|v| crate::text::stem(v))
            .or_else(|| beat.then(|| "beat".to_owned()));
        // Still a keyword too: a role's title does not say `defeated`.
        if let Some(v) = hit.filter(|_| !used[i]) {
            out.push(v);
        }
    }
    out
}

const TARGET_PREPS: &[&str] = &[
    "to", "on", "against", "toward", "towards", "into", "for", "with", "from", "onto", "over", "of",
];
const PLACE_PREPS: &[&str] = &["in", "at", "inside"];
/// Words that make `who X ...` ask about X's subject rather than X's object.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "else",
];
/// Titles that make `who` ask for a person (`who` in `almanac_model`'s `titles.tsv`).
fn is_who_title(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        almanac_model::vocab::titles()
            .of(almanac_model::vocab::TitleUse::Who)
            .collect()
    })
    .contains(word)
}
const BE_FORMS: &[&str] = &[
    "was", "were", "is", "are", "been", "being", "be", "get", "got",
];
const PRONOUNS: &[&str] = &[
    "they", "them", "their", "it", "its", "those", "these", "that", "this", "he", "she", "his",
    "her", "there",
];
const NEGATIONS: &[&str] = &[
    "not", "never", "didnt", "doesnt", "wasnt", "werent", "hasnt", "havent", "no",
];

impl Question {
    /// Parses `text` against the corpus's entities, the lexicon, and the corpus's own date
    /// frame (`last year` is the year before the latest document).
    pub fn parse(text: &str, corpus: &Corpus, lexicon: &Lexicon) -> Self {
        let mut toks = tokens(text);
        for t in &mut toks {
            // `US` the country, not `us` the pronoun.
            if t.acronym && t.lower == "us" {
                t.lower = "usa".to_owned();
                t.stem = "usa".to_owned();
            }
        }
        let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let mut used = vec![false; toks.len()];

        let follow_up = follow_up_kind(&lower);
        let (asks, kind, unit) = asks_of(&toks, lexicon, &mut used);
        let window = parse_window(&lower, corpus.latest, &mut used);
        let negated = lower.iter().any(|w| NEGATIONS.contains(w));
        let order = order_of(&lower, &mut used);
        let required = required_verbs(&toks, &used);

        // Entities before classes, so that `Tokyo Electron` is not a place plus a word.
        let mut entities = find_entities(&toks, corpus, lexicon, &mut used);

        let stems: Vec<String> = toks.iter().map(|t| t.stem.clone()).collect();
        let hits: Vec<ClassHit> = lexicon
            .find(&stems)
            .into_iter()
            .filter(|h| !used[h.start..h.start + h.len].iter().any(|u| *u))
            .collect();
        let best = hits
            .iter()
            .max_by(|a, b| a.strength.cmp(&b.strength).then(b.start.cmp(&a.start)))
            .cloned();
        let also: Vec<EventClass> = match &best {
            Some(b) => {
                let mut also: Vec<EventClass> = hits
                    .iter()
                    .filter(|h| h.strength == b.strength && h.class != b.class)
                    .map(|h| h.class)
                    .collect();
                also.dedup();
                also
            }
            None => Vec::new(),
        };
        let mut title_words: Vec<String> = Vec::new();
        for h in &hits {
            for u in &mut used[h.start..h.start + h.len] {
                *u = true;
            }
            for t in &toks[h.start..h.start + h.len] {
                if !is_stop(&t.lower) {
                    title_words.push(t.stem.clone());
                }
            }
        }
        // An entity right after the event verb, with no preposition, is its object:
        // `give Samsung`, `visit Japan`.
        if let Some(b) = best.as_ref().filter(|b| b.strength != Strength::Noun) {
            let verb_end = b.start + b.len;
            for e in &mut entities {
                if e.role == RoleHint::Actor
                    && position_of(&lower, &e.text).is_some_and(|p| p == verb_end)
                {
                    e.role = RoleHint::Target;
                }
            }
        }

        // `who beat Riverton?`: `who` is the subject, so the entities are objects.
        if asks == Asks::Who
            && lower.first() == Some(&"who")
            && lower.get(1).is_some_and(|w| !AUXILIARIES.contains(w))
        {
            for e in &mut entities {
                if e.role == RoleHint::Actor {
                    e.role = RoleHint::Target;
                }
            }
        }
        // Passive voice: `when were exports to Korea restricted` — the subject is the target.
        let passive = lower.iter().any(|w| BE_FORMS.contains(w))
            && best.as_ref().is_some_and(|h| {
                let w = &toks[h.start].lower;
                h.strength != Strength::Noun
                    && (w.ends_with("ed") || w.ends_with("en") || w == "spent" || w == "put")
            });
        if passive {
            for e in &mut entities {
                if e.role == RoleHint::Actor && !e.text.is_empty() {
                    e.role = RoleHint::Target;
                }
            }
            // `... by Japan` is the actor.
            for e in &mut entities {
                if e.role == RoleHint::Target && preceded_by(&lower, &e.text, &["by"]) {
                    e.role = RoleHint::Actor;
                }
            }
        }

        let mut keywords = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if used[i] || is_stop(&t.lower) || PRONOUNS.contains(&t.lower.as_str()) {
                continue;
            }
            if t.lower.chars().all(|c| c.is_ascii_digit()) || lexicon.knows(&t.stem) {
                continue;
            }
            let after_prep = i > 0 && TARGET_PREPS.contains(&lower[i - 1]);
            let unknown = !corpus.vocabulary.contains_key(&t.stem);
            // A capitalized word (not the first) or an unknown word after `to`/`on`: a name
            // the corpus does not know, which no fact can match.
            if unknown && ((t.capitalized && i > 0) || after_prep) && t.lower.len() >= 3 {
                entities.push(AskedEntity {
                    text: t.lower.clone(),
                    name: t.lower.clone(),
                    ids: Vec::new(),
                    wider: Vec::new(),
                    similarity: 1.0,
                    role: role_before(&lower, i),
                    kind: None,
                });
                continue;
            }
            if !["and", "what", "about", "how"].contains(&t.lower.as_str()) {
                keywords.push(t.stem.clone());
            }
        }
        keywords.dedup();
        title_words.extend(keywords.iter().cloned());
        if let Some(unit) = &unit {
            keywords.push(unit.clone());
            title_words.push(unit.clone());
        }
        entities.truncate(crate::score::MAX_ENTITIES);

        Question {
            text: text.trim().to_owned(),
            asks,
            kind,
            entities,
            class: best.as_ref().map(|h| h.class),
            class_similarity: best.as_ref().map_or(1.0, |h| h.similarity),
            also,
            window,
            negated,
            keywords,
            title_words,
            follow_up,
            unit,
            currency: currency_asked(&lower),
            order,
            required,
        }
    }

    /// Whether the question says nothing that could select a fact on its own.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && self.class.is_none() && self.window.is_none()
    }

    /// Completes a follow-up with the previous question's context.
    pub fn with_context(mut self, previous: &Question) -> Self {
        let pronoun_only = self.entities.is_empty();
        let is_follow_up = self.follow_up != FollowUp::No
            || (pronoun_only && self.class.is_none() && self.keywords.is_empty())
            || (pronoun_only && mentions_pronoun(&self.text));
        if !is_follow_up {
            return self;
        }
        if self.follow_up == FollowUp::No {
            self.follow_up = FollowUp::Continue;
        }
        let same_subject = self.entities.is_empty() && self.class.is_none();
        if self.asks == Asks::Unknown {
            self.asks = previous.asks;
            self.kind = self.kind.or(previous.kind);
            self.unit = self.unit.take().or_else(|| previous.unit.clone());
            self.currency = self.currency.take().or_else(|| previous.currency.clone());
        }
        if self.entities.is_empty() {
            self.entities = previous.entities.clone();
        } else if self.follow_up == FollowUp::Swap {
            let mut merged = previous.entities.clone();
            for new in std::mem::take(&mut self.entities) {
                let slot = merged
                    .iter()
                    .position(|old| old.kind.is_some() && old.kind == new.kind)
                    .or_else(|| merged.iter().position(|old| old.role == RoleHint::Actor))
                    .or(if merged.is_empty() { None } else { Some(0) });
                match slot {
                    Some(i) => {
                        let role = merged[i].role;
                        merged[i] = AskedEntity { role, ..new };
                    }
                    None => merged.push(new),
                }
            }
            self.entities = merged;
        } else {
            let mut merged = previous.entities.clone();
            merged.extend(std::mem::take(&mut self.entities));
            self.entities = merged;
        }
        if self.class.is_none() {
            self.class = previous.class;
            self.class_similarity = previous.class_similarity;
            self.also = previous.also.clone();
        }
        if self.window.is_none() {
            self.window = previous.window.clone();
        }
        if self.order.is_none() && same_subject {
            self.order = previous.order;
        }
        if same_subject && self.keywords.is_empty() {
            self.keywords = previous.keywords.clone();
            self.title_words = previous.title_words.clone();
        }
        self
    }
}

impl fmt::Display for Question {
    /// One line per constraint, for `:why`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "question: {:?}", self.text)?;
        write!(f, "  asks: {}", self.asks)?;
        if let Some(kind) = self.kind {
            write!(f, " ({kind:?})")?;
        }
        if let Some(unit) = &self.unit {
            write!(f, " (unit {unit})")?;
        }
        writeln!(f)?;
        for e in &self.entities {
            let known = if e.ids.is_empty() {
                ", not in the corpus"
            } else {
                ""
            };
            writeln!(
                f,
                "  entity: {:?} = {} as {:?} (similarity {:.2}{known})",
                e.text, e.name, e.role, e.similarity
            )?;
        }
        if let Some(class) = &self.class {
            writeln!(
                f,
                "  event class: {class}{} (similarity {:.2})",
                self.also
                    .iter()
                    .map(|c| format!(" or {c}"))
                    .collect::<String>(),
                self.class_similarity
            )?;
        }
        if let Some(w) = &self.window {
            writeln!(f, "  time: {:?} = {}", w.text, w.label)?;
        }
        if self.negated {
            writeln!(f, "  negated")?;
        }
        if let Some(order) = self.order {
            writeln!(f, "  order: {order:?}")?;
        }
        if !self.required.is_empty() {
            writeln!(f, "  required verbs: {}", self.required.join(", "))?;
        }
        if !self.keywords.is_empty() {
            writeln!(f, "  keywords: {}", self.keywords.join(", "))?;
        }
        if self.follow_up != FollowUp::No {
            writeln!(f, "  follow-up: {:?}", self.follow_up)?;
        }
        Ok(())
    }
}

fn mentions_pronoun(text: &str) -> bool {
    crate::text::words(text)
        .iter()
        .any(|w| ["they", "them", "it", "those", "these", "their"].contains(&w.as_str()))
}

fn follow_up_kind(lower: &[&str]) -> FollowUp {
    match lower {
        ["what" | "how", "about", ..] | ["and", "what" | "how", "about", ..] => FollowUp::Swap,
        ["and" | "also" | "then", ..] => FollowUp::Continue,
        _ => FollowUp::No,
    }
}

/// Nouns naming an amount of money: `what was the fine`, `how much is it worth`.
const AMOUNT_NOUNS: &[&str] = &[
    "fine",
    "fines",
    "cost",
    "costs",
    "price",
    "value",
    "fee",
    "worth",
    "budget",
    "amount",
    "sum",
    "penalty",
    "bill",
    "valuation",
];
/// Currency words: `in dollars` asks for an amount.
const CURRENCY_WORDS: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "yen", "won", "yuan", "francs", "rupees",
    "usd", "eur", "gbp",
];

/// `what was the Norvant fine in dollars`, `what is the factory's value`: a `what`
/// question about an amount noun, or one asking for a currency, asks how much. Marks the
/// frame words (`in dollars`, `value`) used so they are not keywords; an amount noun that is
/// also an event word of `lexicon` (`the fine`, `the budget`) stays free for the class.
fn amount_question(toks: &[Token], lexicon: &Lexicon, used: &mut [bool]) -> bool {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let Some(w) = lower.iter().position(|w| *w == "what") else {
        return false;
    };
    let be = lower
        .get(w + 1)
        .is_some_and(|b| ["was", "is", "were", "are", "s"].contains(b));
    let mut found = false;
    for i in w + 1..lower.len() {
        if lower[i] == "in" && lower.get(i + 1).is_some_and(|c| CURRENCY_WORDS.contains(c)) {
            used[i] = true;
            used[i + 1] = true;
            found = true;
        }
    }
    if be {
        for i in w + 2..lower.len() {
            // Only in the phrase asked about: not `the reason for the fine`.
            if TARGET_PREPS.contains(&lower[i]) || PLACE_PREPS.contains(&lower[i]) {
                break;
            }
            if AMOUNT_NOUNS.contains(&lower[i]) {
                if !lexicon.knows(&toks[i].stem) {
                    used[i] = true;
                }
                found = true;
                break;
            }
        }
    }
    found
}

/// `in dollars`, `in euros`: the ISO code of the currency asked for.
fn currency_asked(lower: &[&str]) -> Option<String> {
    let i = lower
        .windows(2)
        .position(|w| w[0] == "in" && CURRENCY_WORDS.contains(&w[1]))?;
    let code = match lower[i + 1] {
        "dollars" | "dollar" | "usd" => "USD",
        "euros" | "euro" | "eur" => "EUR",
        "pounds" | "gbp" => "GBP",
        "yen" => "JPY",
        "won" => "KRW",
        "yuan" => "CNY",
        "francs" => "CHF",
        "rupees" => "INR",
        _ => return None,
    };
    Some(code.to_owned())
}

/// What is asked, the kind of entity asked for, and a counted unit.
fn asks_of(
    toks: &[Token],
    lexicon: &Lexicon,
    used: &mut [bool],
) -> (Asks, Option<EntityKind>, Option<String>) {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    if amount_question(toks, lexicon, used) {
        return (Asks::HowMuch, None, None);
    }
    let kind_after = |i: usize| -> Option<EntityKind> {
        let next = toks.get(i + 1)?;
        KIND_NOUNS
            .iter()
            .find(|(noun, _)| crate::text::stem(noun) == next.stem)
            .map(|(_, kind)| *kind)
    };
    for (i, w) in lower.iter().enumerate() {
        let next = lower.get(i + 1).copied().unwrap_or("");
        let result = match (*w, next) {
            ("how", "much") => {
                // `how much is it worth`: the frame word is no keyword.
                for (j, w) in lower.iter().enumerate().skip(i + 2) {
                    if ["worth", "cost", "value"].contains(w) {
                        used[j] = true;
                    }
                }
                Some((Asks::HowMuch, None, None))
            }
            ("how", "many") => {
                let unit = toks
                    .get(i + 2)
                    .filter(|t| !is_stop(&t.lower))
                    .map(|t| t.stem.clone());
                if unit.is_some() {
                    used[i + 2] = true;
                }
                Some((Asks::HowMany, None, unit))
            }
            ("how", "long") => Some((Asks::When, None, None)),
            ("when", _) => Some((Asks::When, None, None)),
            ("what" | "which", "year" | "month" | "date" | "day" | "time") => {
                Some((Asks::When, None, None))
            }
            // `who is the finance minister`: a person holding a title.
            ("who" | "whom" | "whose", _) => {
                let title = lower[i + 1..].iter().any(|w| is_who_title(w));
                Some((Asks::Who, title.then_some(EntityKind::Person), None))
            }
            ("where", _) => Some((Asks::Where, None, None)),
            ("which" | "what", _) if kind_after(i).is_some() => {
                used[i + 1] = true;
                let kind = kind_after(i);
                if matches!(kind, Some(EntityKind::Place)) {
                    Some((Asks::Where, kind, None))
                } else {
                    Some((Asks::Who, kind, None))
                }
            }
            ("list" | "show" | "timeline", _) => Some((Asks::List, None, None)),
            ("what", "happened") => Some((Asks::List, None, None)),
            ("what" | "which", "about") => None,
            ("what" | "which", _) => Some((Asks::What, None, None)),
            _ => None,
        };
        if let Some(r) = result {
            return r;
        }
    }
    (Asks::Unknown, None, None)
}

fn find_entities(
    toks: &[Token],
    corpus: &Corpus,
    lexicon: &Lexicon,
    used: &mut [bool],
) -> Vec<AskedEntity> {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut found: Vec<(usize, AskedEntity)> = Vec::new();
    let n = toks.len();
    let plain = |i: usize| {
        // A word that could not be a name on its own: a stop word or event word in lowercase.
        let t = &toks[i];
        !t.acronym && (is_stop(&t.lower) || (lexicon.knows(&t.stem) && !t.capitalized))
    };
    // Exact aliases of two words or more, then typos over two or three words, then single
    // words: `Lee Chang-yan` is a typo for a name, not the surname `Lee` plus a word.
    for (min, max, exact) in [(2, 6, true), (2, 3, false), (1, 1, true), (1, 1, false)] {
        for len in (min..=max).rev() {
            for start in 0..n.saturating_sub(len - 1) {
                let range = start..start + len;
                if used[range.clone()].iter().any(|u| *u) {
                    continue;
                }
                let phrase = lower[range.clone()].join(" ");
                let hit = if exact {
                    if len == 1 && plain(start) {
                        continue;
                    }
                    corpus
                        .lookup(&phrase)
                        .map(|ids| (ids.to_vec(), 1.0))
                        .or_else(|| {
                            // `the Commission`: the head noun of one institution's name,
                            // capitalized after `the`.
                            let the = start > 0 && lower[start - 1] == "the";
                            (len == 1 && the && toks[start].capitalized)
                                .then(|| corpus.heads.get(&phrase))
                                .flatten()
                                .map(|&id| (vec![id], 1.0))
                        })
                } else {
                    if range.clone().any(|i| {
                        is_stop(&toks[i].lower)
                            || lexicon.knows(&toks[i].stem)
                            || toks[i].lower.chars().any(|c| c.is_ascii_digit())
                            || (corpus.vocabulary.contains_key(&toks[i].stem)
                                && !toks[i].capitalized)
                    }) {
                        continue;
                    }
                    corpus
                        .lookup_fuzzy(&phrase)
                        .map(|(id, sim, _)| (vec![id], sim))
                };
                if let Some((ids, sim)) = hit {
                    found.push((start, asked(toks, corpus, &phrase, ids, sim, &lower, start)));
                    used[range].iter_mut().for_each(|u| *u = true);
                }
            }
        }
    }
    found.sort_by_key(|(start, _)| *start);
    found.into_iter().map(|(_, e)| e).collect()
}

fn asked(
    toks: &[Token],
    corpus: &Corpus,
    text: &str,
    ids: Vec<u32>,
    similarity: f32,
    lower: &[&str],
    start: usize,
) -> AskedEntity {
    let first = ids.first().map(|&id| &corpus.entities[id as usize]);
    // Entities with no facts (from the alias table) still constrain the question.
    let live: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|&id| corpus.entities[id as usize].facts > 0)
        .collect();
    let mut wider = ids.clone();
    for (seat, union) in crate::lexicon::SEATS {
        if text == *seat {
            wider.extend(corpus.lookup(&crate::text::normalize(union)).unwrap_or(&[]));
        }
    }
    let words = text.split(' ').count();
    let possessive = toks
        .get(start + words - 1)
        .is_some_and(|t| t.possessive && start + words < toks.len());
    AskedEntity {
        text: text.to_owned(),
        name: first.map_or_else(|| text.to_owned(), |e| e.name.clone()),
        ids: live,
        wider,
        similarity,
        role: if possessive {
            RoleHint::Modifier
        } else {
            role_before(lower, start)
        },
        kind: first.map(|e| e.kind),
    }
}

/// The role suggested by the preposition before word `i` (skipping `the`, `a`).
fn role_before(lower: &[&str], i: usize) -> RoleHint {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let w = lower[j];
        if ["the", "a", "an"].contains(&w) {
            continue;
        }
        if TARGET_PREPS.contains(&w) {
            return RoleHint::Target;
        }
        if PLACE_PREPS.contains(&w) {
            return RoleHint::Place;
        }
        return RoleHint::Actor;
    }
    RoleHint::Actor
}

/// The word index where `text` (a phrase of the question) starts.
fn position_of(lower: &[&str], text: &str) -> Option<usize> {
    let words: Vec<&str> = text.split(' ').collect();
    (0..lower.len()).find(|&i| lower[i..].starts_with(&words))
}

fn preceded_by(lower: &[&str], text: &str, preps: &[&str]) -> bool {
    let first = text.split(' ').next().unwrap_or("");
    lower
        .iter()
        .position(|w| *w == first)
        .is_some_and(|i| i > 0 && preps.contains(&lower[i - 1]))
}

/// `in 2024`, `before 2020`, `after 2019`, `since 2019`, `in March 2023`, `last year`,
/// `this year`, `last month`, `in the last 3 years`; relative ones against `latest`.
fn parse_window(lower: &[&str], latest: Option<NaiveDate>, used: &mut [bool]) -> Option<Window> {
    let n = lower.len();
    let mark =
        |used: &mut [bool], a: usize, b: usize| used[a..b].iter_mut().for_each(|u| *u = true);
    for i in 0..n {
        let w = lower[i];
        // YEAR, MONTH YEAR, with a preceding preposition.
        if let Some(year) = year_of(w) {
            let month = i.checked_sub(1).and_then(|j| month_of(lower[j]));
            let first = if month.is_some() { i - 1 } else { i };
            let prep = first.checked_sub(1).map(|j| lower[j]).unwrap_or("");
            let base = match month {
                Some(m) => DayRange::month(year, m)?,
                None => DayRange::year(year)?,
            };
            let label = match month {
                Some(m) => month_label(year, m),
                None => year.to_string(),
            };
            let far_past = days(NaiveDate::MIN);
            let far_future = days(NaiveDate::MAX);
            let (range, label) = match prep {
                "before" => (
                    DayRange {
                        start: far_past,
                        end: base.start,
                    },
                    format!("before {label}"),
                ),
                "after" => (
                    DayRange {
                        start: base.end,
                        end: far_future,
                    },
                    format!("after {label}"),
                ),
                "since" | "from" => (
                    DayRange {
                        start: base.start,
                        end: far_future,
                    },
                    format!("since {label}"),
                ),
                "by" | "until" | "till" => (
                    DayRange {
                        start: far_past,
                        end: base.end,
                    },
                    format!("by {label}"),
                ),
                _ => (base, label),
            };
            let start = if prep.is_empty() { first } else { first - 1 };
            mark(used, start, i + 1);
            return Some(Window {
                text: lower[start..=i].join(" "),
                range,
                label,
            });
        }
        let latest = latest?;
        let next = lower.get(i + 1).copied().unwrap_or("");
        let relative = match (w, next) {
            ("last" | "previous", "year") => DayRange::year(latest.year() - 1).map(|r| (r, 2)),
            ("this" | "current", "year") => DayRange::year(latest.year()).map(|r| (r, 2)),
            ("last" | "previous", "month") => {
                let d = latest.checked_sub_months(Months::new(1))?;
                DayRange::month(d.year(), d.month()).map(|r| (r, 2))
            }
            ("this", "month") => DayRange::month(latest.year(), latest.month()).map(|r| (r, 2)),
            ("last" | "past", count)
                if count.parse::<u32>().is_ok()
                    && lower.get(i + 2).is_some_and(|u| u.starts_with("year")) =>
            {
                let k: u32 = count.parse().ok()?;
                let start = latest.checked_sub_months(Months::new(12 * k))?;
                DayRange::between(start, latest.succ_opt()?).map(|r| (r, 3))
            }
            _ => None,
        };
        if let Some((range, len)) = relative {
            mark(used, i, (i + len).min(n));
            let text = lower[i..(i + len).min(n)].join(" ");
            let label = describe_range(range);
            return Some(Window { text, range, label });
        }
    }
    None
}

fn describe_range(range: DayRange) -> String {
    let (Some(a), Some(b)) = (
        NaiveDate::from_num_days_from_ce_opt(range.start),
        NaiveDate::from_num_days_from_ce_opt(range.end).and_then(|d| d.pred_opt()),
    ) else {
        return String::new();
    };
    if a.ordinal() == 1 && b.month() == 12 && b.day() == 31 && a.year() == b.year() {
        a.year().to_string()
    } else if a.day() == 1
        && a.year() == b.year()
        && a.month() == b.month()
        && b.succ_opt().is_some_and(|n| n.day() == 1)
    {
        month_label(a.year(), a.month())
    } else {
        format!("{a} to {b}")
    }
}

/// A calendar month in words, as `almanac_time::describe` writes it: `March 2023`.
fn month_label(year: i32, month: u32) -> String {
    match almanac_time::words::month_name(month) {
        Some(name) => format!("{name} {year}"),
        None => format!("{year}-{month:02}"),
    }
}

fn year_of(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn month_of(w: &str) -> Option<u32> {
    almanac_time::words::month_number(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The amount nouns that stay free for the event class are the event words of
    /// `events.tsv` among them.
    #[test]
    fn amount_nouns_that_are_event_words() {
        let lexicon = Lexicon::new();
        let kept: Vec<&str> = AMOUNT_NOUNS
            .iter()
            .copied()
            .filter(|w| lexicon.knows(&crate::text::stem(w)))
            .collect();
        assert_eq!(kept, ["fine", "fines", "budget", "penalty"]);
    }

    /// Window labels name months as `almanac_time::describe` does, so answers and the timeline
    /// agree.
    #[test]
    fn month_labels_match_describe() {
        for (year, month) in [(2023, 1), (2016, 10), (1999, 12)] {
            let value = format!("{year:04}-{month:02}");
            assert_eq!(
                Some(month_label(year, month)),
                almanac_time::describe(&value),
                "{value}"
            );
        }
        assert_eq!(month_label(2023, 13), "2023-13");
    }
}
