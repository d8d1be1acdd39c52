//! Declarative word tables the rules read: modality and negation markers, name suffixes and
//! what each event class does with its arguments. Event verbs, light verbs, nominal triggers
//! and titles are data shared with question parsing (`almanac_model::vocab`:
//! `data/events.tsv`, `data/titles.tsv`), turned here into one word lookup.
//!
//! Adding a verb or a title is one line in those files; no rule needs to change.

use std::collections::HashMap;
use std::sync::OnceLock;

use almanac_model::EventClass;
use almanac_model::vocab::{self, ClassFlag, TitleUse, Use};

/// The particles a verb needs to be an event (`step`: `down`, `aside`), from the
/// `particles=` option of `events.tsv`; `None` for verbs that need none.
fn particles_of(lemma: &str) -> Option<&'static [&'static str]> {
    static MAP: OnceLock<HashMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    MAP.get_or_init(|| {
        vocab::events()
            .of(Use::Verb)
            .filter(|w| !w.particles.is_empty())
            .map(|w| (w.word, w.particles.as_slice()))
            .collect()
    })
    .get(lemma)
    .copied()
}

/// Whether the verb `lemma` needs a particle (`step down`, `went public`).
pub(crate) fn needs_particle(lemma: &str) -> bool {
    particles_of(lemma).is_some()
}

/// Whether the verb `lemma` needs a particle and `next` (lowercase) is not one of them.
pub(crate) fn lacks_particle(lemma: &str, next: &str) -> bool {
    particles_of(lemma).is_some_and(|particles| !particles.contains(&next))
}

/// Common nouns that open news sentences as subjects (`Shares fell`, `Officials
/// confirmed`): capitalized there only because they come first, never a name.
pub(crate) const COMMON_SUBJECTS: &[&str] = &[
    "shares",
    "stocks",
    "prices",
    "markets",
    "officials",
    "police",
    "investors",
    "analysts",
    "exports",
    "imports",
    "sales",
    "profits",
    "revenue",
    "production",
    "inflation",
    "workers",
    "voters",
    "residents",
    "protesters",
    "lawmakers",
    "regulators",
    "critics",
    "consumers",
    "customers",
    "companies",
    "banks",
    "rates",
    "demand",
    "output",
    "growth",
    "talks",
    "negotiators",
    "authorities",
    "prosecutors",
    "judges",
    "courts",
    "ministers",
    "leaders",
    "members",
    "fans",
    "players",
    "teams",
    "rebels",
    "troops",
    "forces",
    "militants",
    "farmers",
    "doctors",
    "nurses",
    "teachers",
    "students",
    "parents",
    "people",
    "others",
    "both",
    "many",
    "most",
    "some",
    "several",
    "few",
    "none",
    "each",
    "everyone",
    "nobody",
    "someone",
    "government",
    "parliament",
    "ministry",
    "company",
    "bank",
    "court",
    "police",
    "firm",
    "group",
    "team",
    "club",
    "board",
    "state",
    "city",
    "country",
    "industry",
    "trade",
    "europe",
    "meanwhile",
    "however",
    "separately",
    "later",
    "earlier",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "still",
    "also",
    "last",
    "next",
    "this",
    "that",
    "these",
    "those",
    "such",
    "one",
    "two",
    "three",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "who",
    "what",
    "which",
    "when",
    "where",
    "why",
    "how",
    "if",
    "after",
    "before",
    "while",
    "since",
    "once",
    "unless",
    "until",
    "although",
    "though",
    "because",
    "as",
    "so",
    "but",
    "and",
    "or",
    "nor",
];

/// Word endings of common nouns, adverbs and participles: a sentence's first word ending so
/// is no name (`Organizers`, `Negotiations`, `Finally`, `Following`).
pub(crate) const COMMON_ENDINGS: &[&str] = &[
    "ers", "ors", "ists", "ies", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity",
    "ing", "ly", "ants", "ents", "ship", "ships", "ism",
];

/// Whether a capitalized word that opens a sentence is a common word there (`Shares`,
/// `Meanwhile`, `Organizers`) rather than a name (`Ortega`); `lower` is it lowercased.
pub(crate) fn common_opener(lower: &str) -> bool {
    COMMON_SUBJECTS.contains(&lower) || COMMON_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// The event classes with one flag of their `@class` line in `data/events.tsv`, asked with
/// `contains` (the flags live in [`almanac_model::vocab`], not here).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Classes(ClassFlag);

impl Classes {
    /// Whether `class` has the flag.
    pub(crate) fn contains(&self, class: &EventClass) -> bool {
        class.has(self.0)
    }
}

/// Event classes whose one-word subject of unknown name is a person: `Ortega resigned`,
/// `Moreira joined Porto`; other classes take an organization (`Halvorsen acquired X`).
pub(crate) const PERSON_SUBJECT_CLASSES: Classes = Classes(ClassFlag::PersonSubject);

/// Event classes whose object, when it is a restriction noun, makes a light verb an event.
pub(crate) const RESTRICTION_CLASSES: Classes = Classes(ClassFlag::Restriction);

/// The prepositions that introduce the target of an event of `class` (`targets=` of its
/// `@class` line), `None` if the line gives none.
pub(crate) fn target_prepositions(class: EventClass) -> Option<&'static [&'static str]> {
    class.properties().targets.as_deref()
}

/// Prepositions that introduce the target of an event verb of a class whose `@class` line
/// gives no `targets=` (the `@default` line of `events.tsv`).
pub(crate) fn default_target_prepositions() -> &'static [&'static str] {
    &vocab::events().default_targets
}

/// Classes whose direct object (an entity right after the verb) is the target.
pub(crate) const DIRECT_OBJECT_TARGET: Classes = Classes(ClassFlag::ObjectTarget);

/// Forms of `be` (and `get`) that make a following participle passive.
pub(crate) const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s",
];

/// Words that put an event in the future: `will invest`, `plans to build`.
pub(crate) const PLANNED_MARKERS: &[&str] = &[
    "will",
    "would",
    "shall",
    "'ll",
    "plan",
    "plans",
    "planned",
    "planning",
    "aim",
    "aims",
    "aimed",
    "intend",
    "intends",
    "intended",
    "expected",
    "set",
    "seek",
    "seeks",
    "sought",
    "going",
    "prepare",
    "prepares",
    "preparing",
    "scheduled",
    "due",
    "propose",
    "proposed",
    "proposes",
];

/// Words that make an event promised: `pledged to spend`.
pub(crate) const PLEDGED_MARKERS: &[&str] = &[
    "pledge",
    "pledged",
    "pledges",
    "vow",
    "vowed",
    "vows",
    "promise",
    "promised",
    "promises",
    "commit",
    "committed",
    "commits",
];

/// Words that make an event only possible: `could ban`, `is considering lifting`.
pub(crate) const POSSIBLE_MARKERS: &[&str] = &[
    "may",
    "might",
    "could",
    "can",
    "consider",
    "considers",
    "considering",
    "considered",
    "mull",
    "mulls",
    "mulling",
    "weigh",
    "weighs",
    "weighing",
    "threaten",
    "threatened",
    "threatens",
];

/// Words that negate a following verb.
pub(crate) const NEGATIONS: &[&str] = &[
    "not", "n't", "never", "no", "refused", "declined", "failed", "refuses", "declines", "fails",
];

/// Verbs of saying that make the clause they govern reported speech.
pub(crate) const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "stated",
    "claimed",
    "added",
    "noted",
    "announced",
    "according",
];

/// Words that end a clause when looking for a verb's subject.
pub(crate) const CLAUSE_BREAKS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "after",
    "before",
    "because",
    "since",
    "while",
    "when",
    "although",
    "though",
    "if",
    "unless",
    "whereas",
    "but",
    "so",
    "said",
    "says",
    "told",
    "according",
    "following",
    "amid",
    "despite",
];

/// Prepositions: an entity right after one is not a verb's subject.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "in",
    "of",
    "from",
    "at",
    "with",
    "to",
    "on",
    "for",
    "by",
    "than",
    "like",
    "including",
    "into",
    "about",
    "between",
    "among",
    "against",
    "over",
    "under",
    "via",
    "across",
    "within",
    "outside",
    "near",
    "toward",
    "towards",
    "through",
    "per",
    "as",
];

/// Determiners and possessives: a trigger word right after one is a noun, not a verb.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those",
    "such", "no", "any", "each", "every", "'s", "’s", "new", "first", "latest",
];

/// Pronouns and generic nouns that refer back to the last actor: `it said`, `the firm`.
pub(crate) const ANAPHORS: &[&str] = &[
    "it",
    "they",
    "he",
    "she",
    "company",
    "firm",
    "group",
    "government",
    "ministry",
    "maker",
    "manufacturer",
    "bank",
    "carrier",
    "country",
];

/// Heads that make a country name an actor: `the Japanese government`, `Korea's ministry`.
pub(crate) const GOVERNMENT_HEADS: &[&str] = &[
    "government",
    "governments",
    "ministry",
    "administration",
    "cabinet",
    "authorities",
    "officials",
    "regulators",
    "regulator",
    "parliament",
    "lawmakers",
    "state",
];

/// Words skipped when walking from a verb back to its subject.
pub(crate) const SUBJECT_SKIP: &[&str] = &[
    "will",
    "would",
    "shall",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "not",
    "n't",
    "never",
    "also",
    "already",
    "still",
    "just",
    "further",
    "now",
    "then",
    "soon",
    "to",
    "plans",
    "plan",
    "planned",
    "aims",
    "aim",
    "intends",
    "expected",
    "set",
    "seeks",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "promised",
    "agreed",
    "agrees",
    "decided",
    "decides",
    "wants",
    "wanted",
    "hopes",
    "moved",
    "moves",
    "going",
    "'ll",
    "'ve",
    "'d",
    "finally",
    "again",
    "jointly",
    "earlier",
    "later",
    "officially",
    "formally",
    "reportedly",
    "recently",
    "previously",
    "eventually",
    "first",
    "last",
    "ultimately",
    "first",
    "both",
    "threatened",
    "threatens",
    "considering",
    "considered",
    "is",
    "weighing",
    "preparing",
    "prepares",
    "seeking",
    "looking",
    "trying",
    "tried",
    "tries",
    "helped",
    "helps",
    "help",
    "continued",
    "continues",
    "began",
    "begins",
    "started",
    "starts",
    "refused",
    "declined",
    "failed",
    "due",
    "scheduled",
    "slated",
    "poised",
    "likely",
];

/// Verbs after which a nominal event's actor is the verb's subject: `X confirmed investments`.
pub(crate) const SUPPORT_VERBS: &[&str] = &[
    "confirmed",
    "confirms",
    "announced",
    "announces",
    "made",
    "makes",
    "make",
    "completed",
    "completes",
    "sealed",
    "clinched",
    "reached",
    "struck",
    "finalized",
    "finalised",
    "unveiled",
    "began",
    "started",
];

/// The classes a verb of `class` takes from its object noun when the noun names an event of
/// one of them, first match wins: `signed a deal` (agree), `provide funding` (fund).
pub(crate) fn class_from_object(class: EventClass) -> &'static [EventClass] {
    &class.properties().object_classes
}

/// Verb classes that make no event with an abstract object (`provide support`).
pub(crate) const ABSTRACT_OBJECT_CLASSES: Classes = Classes(ClassFlag::NoAbstractObject);

/// Abstract nouns: `provide support`, `deliver a message`, `ship updates`.
pub(crate) const ABSTRACT_OBJECTS: &[&str] = &[
    "support",
    "assistance",
    "help",
    "guidance",
    "advice",
    "information",
    "details",
    "detail",
    "clarity",
    "update",
    "updates",
    "message",
    "speech",
    "remarks",
    "comment",
    "comments",
    "evidence",
    "insight",
    "insights",
    "opportunity",
    "opportunities",
    "services",
    "service",
    "leadership",
    "results",
    "growth",
    "backing",
    "answers",
    "explanation",
    "reassurance",
    "boost",
    "efforts",
    "effort",
    "work",
    "push",
    "campaign",
];

/// Event classes whose subject may be a thing rather than an actor, kept with a time:
/// `Production is due to start in 2027`, `The deal is expected to close in 2024`.
pub(crate) const SCHEDULED_CLASSES: Classes = Classes(ClassFlag::Scheduled);

/// Event classes that, as an infinitive after a past event, state its result rather than
/// a purpose: `beat Castlegate City to win the cup`.
pub(crate) const RESULT_CLASSES: Classes = Classes(ClassFlag::Result);

/// Verbs whose infinitive complement happened: `began to restrict`, `helped to fund`.
pub(crate) const IMPLICATIVE: &[&str] = &[
    "began",
    "begun",
    "started",
    "continued",
    "continues",
    "continue",
    "helped",
    "helps",
    "managed",
    "manages",
    "moved",
    "went",
    "rushed",
    "proceeded",
    "resumed",
];

/// Event classes where two coordinated subjects act together, the first with the second:
/// `Japan and South Korea agreed`, `Acme and Beta signed`.
pub(crate) const SYMMETRIC_CLASSES: Classes = Classes(ClassFlag::Symmetric);

/// Event classes whose direct object is a person when it is a capitalized name:
/// `elected Ana Ribeiro`, `appointed Jane Roe`.
pub(crate) const PERSON_OBJECT_CLASSES: Classes = Classes(ClassFlag::PersonObject);

/// Nouns that introduce a person's name without being a title: `incumbent Carlos Moedas`.
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "incumbent",
    "rival",
    "challenger",
    "opponent",
    "predecessor",
    "successor",
    "veteran",
    "newcomer",
    "colleague",
];

/// Last words of company names: `Tokyo Electron Ltd.`, `Acme Industries`.
pub(crate) const COMPANY_SUFFIXES: &[&str] = &[
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Company",
    "Group",
    "Holdings",
    "Industries",
    "Electronics",
    "Motors",
    "Motor",
    "Technologies",
    "Technology",
    "Systems",
    "Partners",
    "Capital",
    "Airlines",
    "Pharmaceuticals",
    "Chemical",
    "Chemicals",
    "Energy",
    "Petroleum",
    "Oil",
    "Gas",
    "Power",
    "Steel",
    "Semiconductor",
    "Semiconductors",
    "Materials",
    "Plc",
    "PLC",
    "plc",
    "LLC",
    "AG",
    "SA",
    "SE",
    "NV",
    "GmbH",
    "ASA",
    "AB",
    "Oyj",
    "SpA",
    "KK",
    "Bank",
    "Securities",
    "Insurance",
    "Telecom",
    "Mining",
    "Resources",
    "Copper",
    "Gold",
    "Coal",
    "Lithium",
    "Nickel",
    "Aluminium",
    "Aluminum",
    "Cement",
    "Labs",
    "Laboratories",
    "Pharma",
    "Pharmaceutical",
    "Therapeutics",
    "Biotech",
    "Biosciences",
    "Genomics",
    "Diagnostics",
    "Software",
    "Robotics",
    "Networks",
    "Solutions",
    "Logistics",
    "Foods",
    "Brands",
    "Ventures",
    "Airways",
    "Shipping",
    "Automotive",
    "Aerospace",
    "Dynamics",
    "Healthcare",
    "Devices",
    "Instruments",
    "Retail",
    "Studios",
    "Entertainment",
    "Games",
    "Mobility",
    "Metals",
    "Minerals",
    "Renewables",
    "Solar",
    "Utilities",
    "Telecoms",
    "Semiconductors",
    "Airlines",
    "Bancorp",
    "Motors",
];

/// Whether the verb `lemma`'s third-person form is more often a plural noun (`tech exports`,
/// `new orders`): a verb there only after a subject (`plural-noun` in `events.tsv`).
pub(crate) fn is_plural_noun_lemma(lemma: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        vocab::events()
            .words
            .iter()
            .filter(|w| w.plural_noun)
            .map(|w| w.word)
            .collect()
    })
    .contains(lemma)
}

/// Legal forms ending company names, dropped from the canonical name: `Nordvik Energy ASA`
/// is `Nordvik Energy`.
pub(crate) const LEGAL_FORMS: &[&str] = &[
    "Inc", "Inc.", "Ltd", "Ltd.", "Corp", "Corp.", "Co", "Co.", "Plc", "PLC", "plc", "LLC", "AG",
    "SA", "SE", "NV", "GmbH", "ASA", "AB", "Oyj", "SpA", "KK", "S.A.", "N.V.", "L.P.", "LP",
];

/// Words that make a capitalized name a government body: `Ministry of ...`.
pub(crate) const GOVERNMENT_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Agency",
    "Office",
    "Commission",
    "Bureau",
    "Government",
    "Parliament",
    "Congress",
    "Senate",
    "Cabinet",
    "Treasury",
    "Administration",
    "Council",
    "Assembly",
    "Court",
    "Authority",
    "Service",
    "Directorate",
];

/// Words that make a capitalized name an organization: `National Research Foundation`.
pub(crate) const ORGANIZATION_WORDS: &[&str] = &[
    "University",
    "Institute",
    "Foundation",
    "Association",
    "Federation",
    "Union",
    "Fund",
    "Organization",
    "Organisation",
    "Consortium",
    "Committee",
    "Society",
    "Center",
    "Centre",
    "Club",
    "League",
    "Party",
    "Alliance",
    "Forum",
    "Chamber",
    "Academy",
    "School",
    "Hospital",
    "FC",
    "United",
    "City",
];

/// Words that make a capitalized name a news outlet.
pub(crate) const MEDIA_WORDS: &[&str] = &[
    "News",
    "Times",
    "Post",
    "Journal",
    "Shimbun",
    "Herald",
    "Tribune",
    "Gazette",
    "Daily",
    "Broadcasting",
    "Television",
    "TV",
    "Radio",
    "Press",
    "Chronicle",
];

/// Capitalized words that open sentences or headlines but are not names (month and weekday
/// names come from `almanac_time::words`: see `is_month_as_written` and `lexicon_map`).
pub(crate) const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "However",
    "As",
    "After",
    "Before",
    "While",
    "When",
    "If",
    "Since",
    "With",
    "Under",
    "From",
    "By",
    "To",
    "Of",
    "According",
    "Meanwhile",
    "Also",
    "Last",
    "Next",
    "This",
    "Earlier",
    "Later",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Why",
    "What",
    "How",
    "Who",
    "Where",
    "Which",
    "Recommended",
    "Published",
    "Update",
    "Views",
    "Related",
    "Read",
    "More",
    "Some",
    "Many",
    "Other",
    "Such",
    "Most",
    "All",
    "Both",
    "Each",
    "Plus",
    "Instead",
    "Another",
    "Currently",
    "Recently",
    "Additionally",
    "Moreover",
    "Still",
    "Yet",
    "So",
    "Then",
    "Now",
    "There",
    "Here",
    "Our",
    "Long",
    "New",
    "Smaller",
    "Insisting",
    "Speaking",
    "Separately",
    "Asked",
    "Analysts",
];

/// Whether a lowercase word qualifies a title without naming a portfolio (`deputy`, `prime`,
/// `former`; `generic` in `titles.tsv`).
pub(crate) fn is_generic_title_word(lower: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| vocab::titles().of(TitleUse::Generic).collect())
        .contains(lower)
}

/// What a word form triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VerbForm {
    /// The lemma: `lift`.
    pub lemma: &'static str,
    /// The event class: `lift`.
    pub class: EventClass,
    /// Whether this is a light verb (needs a restriction noun as object).
    pub light: bool,
    /// Which form: base, third person, past or participle, gerund.
    pub form: Form,
}

/// Inflection of a verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `lift`.
    Base,
    /// `lifts`.
    Third,
    /// `lifted` (past tense or participle).
    Past,
    /// `lifting`.
    Gerund,
}

fn inflect(lemma: &str) -> [(String, Form); 4] {
    let (third, past, gerund) = if let Some(stem) = lemma.strip_suffix('e') {
        (
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        )
    } else if let Some(stem) = lemma
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        )
    } else if lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') {
        (
            format!("{lemma}es"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        )
    } else {
        (
            format!("{lemma}s"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        )
    };
    [
        (lemma.to_owned(), Form::Base),
        (third, Form::Third),
        (past, Form::Past),
        (gerund, Form::Gerund),
    ]
}

fn form_of(word: &str, lemma: &str) -> Form {
    if word == lemma {
        Form::Base
    } else if word.ends_with("ing") {
        Form::Gerund
    } else if word.ends_with('s') && !word.ends_with("ss") {
        Form::Third
    } else {
        Form::Past
    }
}

/// A hash map keyed by words, with the fast non-cryptographic FxHash of `rustc-hash`.
pub(crate) type WordMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Word classes as bit flags, so that a token's memberships in every word list are looked up
/// once (see [`lex`]) and tested with a mask. Lowercase lists are keyed by the lowercased
/// word; the capitalized lists (`NOT_NAME`, `COMPANY_SUFFIX`, `*_WORD`) by the word as written.
pub(crate) mod w {
    /// Title heads (`head` in `titles.tsv`).
    pub(crate) const TITLE_HEAD: u32 = 1;
    /// Title qualifiers (`qualifier` in `titles.tsv`).
    pub(crate) const TITLE_WORD: u32 = 1 << 1;
    /// [`super::PREPOSITIONS`].
    pub(crate) const PREPOSITION: u32 = 1 << 2;
    /// [`super::DETERMINERS`].
    pub(crate) const DETERMINER: u32 = 1 << 3;
    /// [`super::CLAUSE_BREAKS`].
    pub(crate) const CLAUSE_BREAK: u32 = 1 << 4;
    /// [`super::BE_FORMS`].
    pub(crate) const BE_FORM: u32 = 1 << 5;
    /// [`super::NEGATIONS`].
    pub(crate) const NEGATION: u32 = 1 << 6;
    /// [`super::SAY_VERBS`].
    pub(crate) const SAY_VERB: u32 = 1 << 7;
    /// [`super::PLANNED_MARKERS`].
    pub(crate) const PLANNED: u32 = 1 << 8;
    /// [`super::PLEDGED_MARKERS`].
    pub(crate) const PLEDGED: u32 = 1 << 9;
    /// [`super::POSSIBLE_MARKERS`].
    pub(crate) const POSSIBLE: u32 = 1 << 10;
    /// [`super::GOVERNMENT_HEADS`].
    pub(crate) const GOVERNMENT_HEAD: u32 = 1 << 11;
    /// [`super::ANAPHORS`].
    pub(crate) const ANAPHOR: u32 = 1 << 12;
    /// [`super::SUBJECT_SKIP`].
    pub(crate) const SUBJECT_SKIP: u32 = 1 << 13;
    /// [`super::SUPPORT_VERBS`].
    pub(crate) const SUPPORT_VERB: u32 = 1 << 14;
    /// [`super::PERSON_NOUNS`].
    pub(crate) const PERSON_NOUN: u32 = 1 << 15;
    /// [`super::IMPLICATIVE`].
    pub(crate) const IMPLICATIVE: u32 = 1 << 21;
    /// [`super::NOT_NAMES`] (as written), and month names capitalized as in text.
    pub(crate) const NOT_NAME: u32 = 1 << 16;
    /// [`super::COMPANY_SUFFIXES`] (as written).
    pub(crate) const COMPANY_SUFFIX: u32 = 1 << 17;
    /// [`super::GOVERNMENT_WORDS`] (as written).
    pub(crate) const GOVERNMENT_WORD: u32 = 1 << 18;
    /// [`super::ORGANIZATION_WORDS`] (as written).
    pub(crate) const ORGANIZATION_WORD: u32 = 1 << 19;
    /// [`super::MEDIA_WORDS`] (as written).
    pub(crate) const MEDIA_WORD: u32 = 1 << 20;
    /// Flags of the lists keyed by the word as written.
    pub(crate) const CASED: u32 =
        NOT_NAME | COMPANY_SUFFIX | GOVERNMENT_WORD | ORGANIZATION_WORD | MEDIA_WORD;
    /// A word that makes a capitalized name an organization, company, body or outlet.
    pub(crate) const ORG_NOUN: u32 =
        COMPANY_SUFFIX | GOVERNMENT_WORD | ORGANIZATION_WORD | MEDIA_WORD;
    /// Either a title head or a title word.
    pub(crate) const TITLE: u32 = TITLE_HEAD | TITLE_WORD;
}

/// What the lexicon knows about one word form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lex {
    /// Word-list memberships ([`w`] flags).
    pub flags: u32,
    /// The verb this form inflects, if any.
    pub verb: Option<VerbForm>,
    /// The event class of this form used as a noun, if any.
    pub nominal: Option<EventClass>,
}

fn lexicon_map() -> &'static WordMap<String, Lex> {
    static MAP: OnceLock<WordMap<String, Lex>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: WordMap<String, Lex> = WordMap::default();
        let lists: &[(&[&str], u32)] = &[
            (PREPOSITIONS, w::PREPOSITION),
            (DETERMINERS, w::DETERMINER),
            (CLAUSE_BREAKS, w::CLAUSE_BREAK),
            (BE_FORMS, w::BE_FORM),
            (NEGATIONS, w::NEGATION),
            (SAY_VERBS, w::SAY_VERB),
            (PLANNED_MARKERS, w::PLANNED),
            (PLEDGED_MARKERS, w::PLEDGED),
            (POSSIBLE_MARKERS, w::POSSIBLE),
            (GOVERNMENT_HEADS, w::GOVERNMENT_HEAD),
            (ANAPHORS, w::ANAPHOR),
            (SUBJECT_SKIP, w::SUBJECT_SKIP),
            (SUPPORT_VERBS, w::SUPPORT_VERB),
            (PERSON_NOUNS, w::PERSON_NOUN),
            (IMPLICATIVE, w::IMPLICATIVE),
            (NOT_NAMES, w::NOT_NAME),
            (COMPANY_SUFFIXES, w::COMPANY_SUFFIX),
            (GOVERNMENT_WORDS, w::GOVERNMENT_WORD),
            (ORGANIZATION_WORDS, w::ORGANIZATION_WORD),
            (MEDIA_WORDS, w::MEDIA_WORD),
        ];
        for &(list, flag) in lists {
            for &word in list {
                map.entry(word.to_owned()).or_default().flags |= flag;
            }
        }
        // `Monday`...`Sunday` as written start no name: almanac-time owns the names
        let mut day = chrono::Weekday::Mon;
        for _ in 0..7 {
            let name = almanac_time::words::weekday_name(day);
            map.entry(name.to_owned()).or_default().flags |= w::NOT_NAME;
            day = day.succ();
        }
        let titles = vocab::titles();
        for (use_, flag) in [
            (TitleUse::Head, w::TITLE_HEAD),
            (TitleUse::Qualifier, w::TITLE_WORD),
        ] {
            for word in titles.of(use_) {
                map.entry(word.to_owned()).or_default().flags |= flag;
            }
        }
        for (word, v) in verb_forms() {
            map.entry(word.clone()).or_default().verb = Some(*v);
        }
        for noun in vocab::events().of(Use::Noun) {
            map.entry(noun.word.to_owned()).or_default().nominal = Some(noun.class);
        }
        map
    })
}

/// A month name or abbreviation capitalized as in running text (`March`, `Sept`; the names
/// of `almanac_time::words`): no name, like [`NOT_NAMES`].
fn is_month_as_written(written: &str) -> bool {
    let mut chars = written.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase())
        && almanac_time::words::month_number(written).is_some()
}

/// Everything the lexicon knows about a word: `lower` is the word lowercased (for the
/// lowercase lists, verbs and nominals), `written` the word as written (for the capitalized
/// lists). One or two hash lookups.
pub(crate) fn lex(lower: &str, written: &str) -> Lex {
    let map = lexicon_map();
    let mut out = map.get(lower).copied().unwrap_or_default();
    if lower != written {
        out.flags &= !w::CASED;
        if let Some(c) = map.get(written) {
            out.flags |= c.flags & w::CASED;
        }
        if is_month_as_written(written) {
            out.flags |= w::NOT_NAME;
        }
    }
    out
}

/// Whether the lowercase word `lower` is in the lowercase word lists of `flags`.
pub(crate) fn has(lower: &str, flags: u32) -> bool {
    lexicon_map()
        .get(lower)
        .is_some_and(|l| l.flags & flags & !w::CASED != 0)
}

/// The verb table, from lowercase word form to what it triggers.
pub(crate) fn verb_forms() -> &'static HashMap<String, VerbForm> {
    static FORMS: OnceLock<HashMap<String, VerbForm>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut map = HashMap::new();
        for (use_, light) in [(Use::Verb, false), (Use::Light, true)] {
            for verb in vocab::events().of(use_) {
                let (lemma, class) = (verb.word, verb.class);
                for (word, form) in inflect(lemma) {
                    map.entry(word).or_insert(VerbForm {
                        lemma,
                        class,
                        light,
                        form,
                    });
                }
                for &word in &verb.forms {
                    map.insert(
                        word.to_owned(),
                        VerbForm {
                            lemma,
                            class,
                            light,
                            form: form_of(word, lemma),
                        },
                    );
                }
            }
        }
        map
    })
}

/// The class of a nominal trigger (`restrictions` -> `restrict`).
pub(crate) fn nominal_class(lower: &str) -> Option<EventClass> {
    lexicon_map().get(lower).and_then(|l| l.nominal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looks up a word form and compares `lemma/class/form` with `expected`.
    fn check(word: &str, expected: Option<&str>) {
        let got = verb_forms()
            .get(word)
            .map(|v| format!("{}/{}/{:?}", v.lemma, v.class, v.form));
        assert_eq!(got.as_deref(), expected, "word {word:?}");
    }

    #[test]
    fn forms_are_generated() {
        check("lifted", Some("lift/lift/Past"));
        check("slapped", Some("slap/restrict/Past"));
        check("invests", Some("invest/invest/Third"));
        check("supplies", Some("supply/supply/Third"));
        check("easing", Some("ease/lift/Gerund"));
        check("sold", Some("sell/sell/Past"));
        check("banana", None);
    }
}
