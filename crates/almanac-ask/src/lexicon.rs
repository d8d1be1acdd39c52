//! What words in a question mean: event classes and their synonyms (the question uses of
//! `almanac_model::vocab`'s `events.tsv`, shared with extraction), kinds of entities asked
//! for, and a small table of place aliases.

use almanac_model::vocab::{self, Use};
use almanac_model::{EntityKind, EventClass};

use crate::text::{fuzzy, stem, words};

/// How strongly a word signals an event class. When a question holds several, the strongest
/// wins: in `lift the restrictions`, the verb `lift` beats the noun `restrictions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A noun naming the class's result (`restrictions`, `investment`).
    Noun,
    /// A verb or verb phrase (`curb`, `put money into`).
    Verb,
    /// A verb that undoes another class (`lift`, `remove`): beats the class it undoes.
    Reversal,
}

use Strength::{Noun, Reversal, Verb};

impl Strength {
    /// The strength a question use of `events.tsv` gives, `None` for extraction-only uses.
    fn of(used: Use) -> Option<Self> {
        match used {
            Use::AskVerb => Some(Verb),
            Use::AskNoun => Some(Noun),
            Use::AskUndo => Some(Reversal),
            Use::Verb | Use::Light | Use::Noun => None,
        }
    }
}

/// A class found in a question: which words said it, how strongly, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassHit {
    /// The event class.
    pub class: EventClass,
    /// How strongly the words signal it.
    pub strength: Strength,
    /// Index of the first word matched.
    pub start: usize,
    /// Number of words matched.
    pub len: usize,
    /// 1.0 when the words are exact (after stemming), lower for typos.
    pub similarity: f32,
}

/// The lexicon, with its phrases pre-stemmed.
pub struct Lexicon {
    entries: Vec<(Vec<String>, EventClass, Strength)>,
    words: std::collections::HashSet<String>,
    /// Each stemmed phrase's class (the first entry's, when several entries share it).
    by_phrase: rustc_hash::FxHashMap<Vec<String>, EventClass>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

impl Lexicon {
    /// Builds the lexicon.
    pub fn new() -> Self {
        let entries: Vec<(Vec<String>, EventClass, Strength)> = vocab::events()
            .words
            .iter()
            .filter_map(|entry| {
                Some((
                    words(entry.word).iter().map(|w| stem(w)).collect(),
                    entry.class,
                    Strength::of(entry.used)?,
                ))
            })
            .collect();
        let words = entries
            .iter()
            .flat_map(|(phrase, _, _)| phrase.iter().cloned())
            .collect();
        let mut by_phrase = rustc_hash::FxHashMap::default();
        for (phrase, class, _) in &entries {
            by_phrase.entry(phrase.clone()).or_insert(*class);
        }
        Self {
            entries,
            words,
            by_phrase,
        }
    }

    /// Every class signalled by the stemmed words `stems` (phrases may skip `the`, `a`, `its`).
    pub fn find(&self, stems: &[String]) -> Vec<ClassHit> {
        let mut hits = Vec::new();
        for start in 0..stems.len() {
            for (phrase, class, strength) in &self.entries {
                if let Some((len, similarity)) = match_phrase(phrase, &stems[start..]) {
                    hits.push(ClassHit {
                        class: *class,
                        strength: *strength,
                        start,
                        len,
                        similarity,
                    });
                }
            }
        }
        // Keep the best hit per start position (longest, then most exact).
        hits.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.len.cmp(&a.len))
                .then(b.similarity.total_cmp(&a.similarity))
        });
        hits.dedup_by(|later, first| later.start == first.start);
        hits
    }

    /// Other one-word synonyms (stemmed) of the event class a stemmed word signals, for
    /// retrieval: `lift` gives `remov`, `scrap`, `eas`... A reversal is never a synonym of
    /// the class it undoes. Empty when the word signals no class.
    pub fn synonyms(&self, stem_word: &str) -> Vec<&str> {
        let Some((_, class, strength)) = self
            .entries
            .iter()
            .find(|(phrase, _, _)| phrase.len() == 1 && phrase[0] == stem_word)
        else {
            return Vec::new();
        };
        self.entries
            .iter()
            .filter(|(phrase, c, st)| {
                phrase.len() == 1 && c == class && st == strength && phrase[0] != stem_word
            })
            .map(|(phrase, _, _)| phrase[0].as_str())
            .collect()
    }

    /// Whether a stemmed word is part of any lexicon phrase (so it is not a keyword).
    pub fn knows(&self, stem_word: &str) -> bool {
        self.words.contains(stem_word)
    }

    /// The class of a fact's action lemma, if the lexicon knows the verb.
    pub fn class_of_action(&self, action: &str) -> Option<EventClass> {
        let stems: Vec<String> = words(action).iter().map(|w| stem(w)).collect();
        self.by_phrase.get(&stems).copied()
    }
}

/// Fillers a phrase may skip: `remove the curbs`, `put their money into`.
const FILLERS: &[&str] = &["the", "a", "an", "its", "their", "some", "more", "all"];

fn match_phrase(phrase: &[String], stems: &[String]) -> Option<(usize, f32)> {
    let mut i = 0;
    let mut similarity = 1.0_f32;
    for word in phrase {
        while i < stems.len() && FILLERS.contains(&stems[i].as_str()) && i > 0 {
            i += 1;
        }
        let got = stems.get(i)?;
        let s = if got == word {
            1.0
        } else if phrase.len() == 1
            && word.len() >= 6
            && got.len() >= 6
            && got.as_bytes().first() == word.as_bytes().first()
        {
            fuzzy(got, word)?
        } else {
            return None;
        };
        similarity = similarity.min(s);
        i += 1;
    }
    Some((i, similarity))
}

/// How well a fact's class answers a question's class: 1 same, 0.5 related (an `@related`
/// group of `events.tsv`), 0 otherwise.
pub(crate) fn class_affinity(asked: EventClass, fact_class: EventClass) -> f32 {
    if asked == fact_class {
        1.0
    } else if vocab::events()
        .related
        .iter()
        .any(|group| group.contains(&asked) && group.contains(&fact_class))
    {
        0.5
    } else {
        0.0
    }
}

/// Nouns that ask for a kind of entity: `which country`, `what company`.
pub(crate) const KIND_NOUNS: &[(&str, EntityKind)] = &[
    ("country", EntityKind::Country),
    ("nation", EntityKind::Country),
    ("government", EntityKind::Government),
    ("ministry", EntityKind::Government),
    ("company", EntityKind::Company),
    ("firm", EntityKind::Company),
    ("maker", EntityKind::Company),
    ("manufacturer", EntityKind::Company),
    ("organization", EntityKind::Organization),
    ("agency", EntityKind::Organization),
    ("person", EntityKind::Person),
    ("minister", EntityKind::Person),
    ("official", EntityKind::Person),
    ("city", EntityKind::Place),
    ("place", EntityKind::Place),
    ("material", EntityKind::Product),
    ("product", EntityKind::Product),
    ("media", EntityKind::Media),
    ("newspaper", EntityKind::Media),
    ("outlet", EntityKind::Media),
];

/// Unions whose institutions are named with an adjective the gazetteer does not list:
/// `(word, union)`. `European Commission` is an institution of the European Union.
pub(crate) const UNION_WORDS: &[(&str, &str)] = &[
    ("european", "European Union"),
    ("eu", "European Union"),
    ("african union", "African Union"),
];

/// Seats of institutions that stand for a union rather than their country when they act:
/// `Brussels fined X` is the European Union.
pub(crate) const SEATS: &[(&str, &str)] = &[("brussels", "European Union")];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(question: &str, expected: &[(&str, Strength)]) {
        let lexicon = Lexicon::new();
        let stems: Vec<String> = words(question).iter().map(|w| stem(w)).collect();
        let found: Vec<(String, Strength)> = lexicon
            .find(&stems)
            .into_iter()
            .map(|h| (h.class.to_string(), h.strength))
            .collect();
        let expected: Vec<(String, Strength)> = expected
            .iter()
            .map(|(c, s)| ((*c).to_owned(), *s))
            .collect();
        assert_eq!(found, expected, "{question}");
    }

    #[test]
    fn finds_synonyms_inflections_and_typos() {
        check(
            "when did they remove the curbs",
            &[("lift", Reversal), ("restrict", Verb)],
        );
        check(
            "lifting restrictons",
            &[("lift", Reversal), ("restrict", Noun)],
        );
        check("who put money into it", &[("invest", Verb)]);
        check("when did Tokyo slap them", &[("restrict", Verb)]);
        check("how much was pledged", &[("pledge", Verb)]);
        check("how much did the EU fine them", &[("fine", Verb)]);
        check("when did the minister step down", &[("resign", Verb)]);
        // Short different words are no typos of a class word.
        check("how much is the factory worth", &[]);
        check("when did they won", &[("win", Verb)]);
    }

    #[test]
    fn related_classes_share_credit() {
        use EventClass::{Fund, Invest, Lift, Restrict};
        assert_eq!(class_affinity(Invest, Invest), 1.0);
        assert_eq!(class_affinity(Invest, Fund), 0.5);
        assert_eq!(class_affinity(Lift, Restrict), 0.0);
    }
}
