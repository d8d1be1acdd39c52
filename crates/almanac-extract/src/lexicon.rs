//! Declarative word tables the rules read: verb lemmas and their event classes, nominal
//! triggers, light verbs, modality and negation markers, titles and name suffixes.
//!
//! Adding a verb or a title is one line here; no rule needs to change.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Event verbs: `(lemma, class, irregular or doubled forms)`. Regular forms (`-s`, `-ed`,
/// `-ing`) are generated; list the others.
pub const VERBS: &[(&str, &str, &[&str])] = &[
    ("restrict", "restrict", &[]),
    ("curb", "restrict", &[]),
    ("tighten", "restrict", &[]),
    ("sanction", "restrict", &[]),
    ("ban", "ban", &["banned", "banning"]),
    ("prohibit", "ban", &[]),
    ("bar", "ban", &["barred", "barring"]),
    ("embargo", "ban", &["embargoes"]),
    ("lift", "lift", &[]),
    ("remove", "lift", &[]),
    ("scrap", "lift", &["scrapped", "scrapping"]),
    ("ease", "lift", &[]),
    ("relax", "lift", &["relaxes"]),
    ("revoke", "lift", &[]),
    ("invest", "invest", &[]),
    ("fund", "fund", &[]),
    ("finance", "fund", &[]),
    ("subsidize", "fund", &[]),
    ("subsidise", "fund", &[]),
    ("spend", "spend", &["spent"]),
    ("allocate", "spend", &[]),
    ("earmark", "spend", &[]),
    ("pledge", "pledge", &[]),
    ("vow", "pledge", &[]),
    ("promise", "pledge", &[]),
    ("announce", "announce", &[]),
    ("unveil", "announce", &[]),
    ("confirm", "announce", &[]),
    ("disclose", "announce", &[]),
    ("visit", "visit", &[]),
    ("tour", "visit", &[]),
    ("designate", "designate", &[]),
    ("supply", "supply", &["supplies", "supplied"]),
    ("ship", "supply", &["shipped", "shipping"]),
    ("deliver", "supply", &[]),
    ("provide", "supply", &[]),
    ("agree", "agree", &["agreed", "agreeing"]),
    ("sign", "sign", &[]),
    ("launch", "launch", &["launches"]),
    ("acquire", "acquire", &[]),
    ("buy", "acquire", &["bought"]),
    ("purchase", "acquire", &[]),
    ("sell", "sell", &["sold"]),
    ("divest", "sell", &[]),
    ("build", "build", &["built"]),
    ("construct", "build", &[]),
    ("establish", "build", &["establishes"]),
    ("meet", "meet", &["met"]),
    ("elect", "elect", &[]),
    ("re-elect", "elect", &[]),
    ("appoint", "appoint", &[]),
    ("nominate", "appoint", &[]),
    ("resign", "resign", &[]),
    ("sue", "sue", &["sued", "suing"]),
    ("approve", "approve", &[]),
    ("authorize", "approve", &[]),
    ("raise", "raise", &[]),
    ("hike", "raise", &[]),
    ("increase", "raise", &[]),
    ("cut", "cut", &["cut", "cutting"]),
    ("lower", "cut", &[]),
    ("reduce", "cut", &[]),
    ("slash", "cut", &["slashes"]),
    ("win", "win", &["won", "winning"]),
    ("beat", "win", &["beat", "beaten", "beating"]),
    ("defeat", "win", &[]),
    ("fine", "fine", &[]),
    ("merge", "acquire", &[]),
];

/// Light verbs: they make an event only with a restriction noun as object (`slapped export
/// restrictions on`), and then the event has the class given here.
pub const LIGHT_VERBS: &[(&str, &str, &[&str])] = &[
    ("impose", "restrict", &[]),
    ("slap", "restrict", &["slapped", "slapping"]),
    ("place", "restrict", &[]),
    ("put", "restrict", &["put", "putting"]),
    ("introduce", "restrict", &[]),
    ("expand", "restrict", &[]),
    ("end", "lift", &[]),
    ("drop", "lift", &["dropped", "dropping"]),
    ("withdraw", "lift", &["withdrew", "withdrawn"]),
];

/// Nouns that name an event: `(noun, class)`. `X's restrictions on Y`, `the acquisition of Y
/// by X`, `Japanese export curbs`.
pub const NOMINALS: &[(&str, &str)] = &[
    ("restriction", "restrict"),
    ("restrictions", "restrict"),
    ("curb", "restrict"),
    ("curbs", "restrict"),
    ("sanctions", "restrict"),
    ("tariff", "restrict"),
    ("tariffs", "restrict"),
    ("controls", "restrict"),
    ("tightening", "restrict"),
    ("ban", "ban"),
    ("embargo", "ban"),
    ("lifting", "lift"),
    ("removal", "lift"),
    ("easing", "lift"),
    ("investment", "invest"),
    ("investments", "invest"),
    ("funding", "fund"),
    ("subsidy", "fund"),
    ("subsidies", "fund"),
    ("spending", "spend"),
    ("pledge", "pledge"),
    ("announcement", "announce"),
    ("visit", "visit"),
    ("trip", "visit"),
    ("designation", "designate"),
    ("agreement", "agree"),
    ("deal", "agree"),
    ("accord", "agree"),
    ("pact", "agree"),
    ("acquisition", "acquire"),
    ("takeover", "acquire"),
    ("purchase", "acquire"),
    ("buyout", "acquire"),
    ("merger", "acquire"),
    ("sale", "sell"),
    ("construction", "build"),
    ("appointment", "appoint"),
    ("resignation", "resign"),
    ("lawsuit", "sue"),
    ("approval", "approve"),
    ("hike", "raise"),
    ("cut", "cut"),
    ("cuts", "cut"),
    ("victory", "win"),
    ("win", "win"),
];

/// Event classes whose object, when it is a restriction noun, makes a light verb an event.
pub const RESTRICTION_CLASSES: &[&str] = &["restrict", "ban"];

/// Prepositions that introduce an event's target, by class (`*` for any class).
pub const TARGET_PREPOSITIONS: &[(&str, &[&str])] = &[
    ("restrict", &["on", "against", "to"]),
    ("ban", &["on", "against", "to"]),
    ("lift", &["on", "against"]),
    ("supply", &["to"]),
    ("sell", &["to"]),
    ("agree", &["with"]),
    ("sign", &["with"]),
    ("meet", &["with"]),
    ("visit", &["to"]),
    ("fine", &[]),
    ("win", &["over", "against"]),
    ("invest", &["in"]),
    ("fund", &["for"]),
    ("*", &["with"]),
];

/// Classes whose direct object (an entity right after the verb) is the target.
pub const DIRECT_OBJECT_TARGET: &[&str] = &[
    "visit",
    "acquire",
    "sue",
    "appoint",
    "elect",
    "fund",
    "restrict",
    "ban",
    "meet",
    "fine",
    "win",
    "designate",
    "approve",
    "supply",
    "sell",
];

/// Forms of `be` (and `get`) that make a following participle passive.
pub const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s",
];

/// Words that put an event in the future: `will invest`, `plans to build`.
pub const PLANNED_MARKERS: &[&str] = &[
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
pub const PLEDGED_MARKERS: &[&str] = &[
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
pub const POSSIBLE_MARKERS: &[&str] = &[
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
pub const NEGATIONS: &[&str] = &[
    "not", "n't", "never", "no", "refused", "declined", "failed", "refuses", "declines", "fails",
];

/// Verbs of saying that make the clause they govern reported speech.
pub const SAY_VERBS: &[&str] = &[
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
pub const CLAUSE_BREAKS: &[&str] = &[
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
pub const PREPOSITIONS: &[&str] = &[
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
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those",
    "such", "no", "any", "each", "every", "'s", "’s", "new", "first", "latest",
];

/// Pronouns and generic nouns that refer back to the last actor: `it said`, `the firm`.
pub const ANAPHORS: &[&str] = &[
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
pub const GOVERNMENT_HEADS: &[&str] = &[
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

/// Title heads: the word of a title that names the function.
pub const TITLE_HEADS: &[&str] = &[
    "minister",
    "president",
    "vice-president",
    "premier",
    "chancellor",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "governor",
    "secretary",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "director",
    "director-general",
    "head",
    "ambassador",
    "senator",
    "mayor",
    "commissioner",
    "founder",
    "co-founder",
    "coach",
    "manager",
    "captain",
    "leader",
    "executive",
    "officer",
    "envoy",
    "king",
    "queen",
    "emperor",
    "chief",
    "vice-chairman",
    "representative",
    "economist",
    "analyst",
    "professor",
    "lawmaker",
    "candidate",
    "speaker",
    "treasurer",
    "superintendent",
    "general",
    "striker",
    "goalkeeper",
    "midfielder",
    "defender",
    "forward",
];

/// Words that may qualify a title before its head or inside its `of ...` part:
/// `industry minister`, `Minister of Trade, Industry and Energy`.
pub const TITLE_WORDS: &[&str] = &[
    "prime",
    "deputy",
    "vice",
    "acting",
    "former",
    "first",
    "senior",
    "chief",
    "executive",
    "general",
    "managing",
    "foreign",
    "finance",
    "financial",
    "trade",
    "industry",
    "industries",
    "energy",
    "economy",
    "economic",
    "economics",
    "defense",
    "defence",
    "interior",
    "justice",
    "health",
    "welfare",
    "labor",
    "labour",
    "employment",
    "education",
    "science",
    "technology",
    "ict",
    "information",
    "communications",
    "affairs",
    "resources",
    "planning",
    "strategy",
    "commerce",
    "agriculture",
    "food",
    "environment",
    "culture",
    "sports",
    "tourism",
    "transport",
    "transportation",
    "land",
    "infrastructure",
    "housing",
    "unification",
    "security",
    "national",
    "home",
    "state",
    "treasury",
    "budget",
    "smes",
    "startups",
    "startup",
    "digital",
    "innovation",
    "climate",
    "oceans",
    "fisheries",
    "gender",
    "equality",
    "family",
    "veterans",
    "patriots",
    "public",
    "administration",
    "operating",
    "operations",
    "technical",
    "investment",
    "investments",
    "marketing",
    "sales",
    "policy",
    "research",
    "development",
    "central",
    "bank",
    "board",
    "party",
    "opposition",
    "ruling",
    "head",
    "team",
    "national",
    "european",
    "regional",
    "global",
    "international",
    "corporate",
    "group",
    "company",
    "ministry",
    "trade,",
    "and",
    "&",
];

/// Last words of company names: `Tokyo Electron Ltd.`, `Acme Industries`.
pub const COMPANY_SUFFIXES: &[&str] = &[
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
];

/// Words that make a capitalized name a government body: `Ministry of ...`.
pub const GOVERNMENT_WORDS: &[&str] = &[
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
pub const ORGANIZATION_WORDS: &[&str] = &[
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
pub const MEDIA_WORDS: &[&str] = &[
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

/// Capitalized words that open sentences or headlines but are not names.
pub const NOT_NAMES: &[&str] = &[
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
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
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

/// Portfolio words that may end a title list: the name after them is the person.
pub fn is_title_word(lower: &str) -> bool {
    TITLE_WORDS.contains(&lower) || TITLE_HEADS.contains(&lower)
}

/// What a word form triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    /// The lemma: `lift`.
    pub lemma: &'static str,
    /// The event class: `lift`.
    pub class: &'static str,
    /// Whether this is a light verb (needs a restriction noun as object).
    pub light: bool,
    /// Which form: base, third person, past or participle, gerund.
    pub form: Form,
}

/// Inflection of a verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
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

/// The verb table, from lowercase word form to what it triggers.
pub fn verb_forms() -> &'static HashMap<String, VerbForm> {
    static FORMS: OnceLock<HashMap<String, VerbForm>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut map = HashMap::new();
        for (table, light) in [(VERBS, false), (LIGHT_VERBS, true)] {
            for &(lemma, class, extra) in table {
                for (word, form) in inflect(lemma) {
                    map.entry(word).or_insert(VerbForm {
                        lemma,
                        class,
                        light,
                        form,
                    });
                }
                for &word in extra {
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
pub fn nominal_class(lower: &str) -> Option<&'static str> {
    NOMINALS.iter().find(|(n, _)| *n == lower).map(|(_, c)| *c)
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
