//! The shared vocabularies, as data: event classes with their verbs, nouns and question
//! synonyms (`data/events.tsv`), and title words (`data/titles.tsv`). Both files are embedded
//! at build time and parsed once; extraction (`almanac-extract`) and question parsing
//! (`almanac-ask`) read the same tables, so adding a verb or a title is one line.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The built-in event vocabulary (see the header of the file for its format).
pub const EVENTS_TSV: &str = include_str!("../data/events.tsv");

/// The built-in title vocabulary (see the header of the file for its format).
pub const TITLES_TSV: &str = include_str!("../data/titles.tsv");

macro_rules! event_classes {
    ($($variant:ident = $name:literal,)*) => {
        /// What kind of thing an event is: `lift`, `restrict`, `invest`... Serialized, shown
        /// and parsed as its lowercase name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum EventClass {
            $(
                #[doc = concat!("`", $name, "`.")]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl EventClass {
            /// Every class, in declaration order.
            pub const ALL: &[EventClass] = &[$(EventClass::$variant,)*];

            /// The class's name: `lift`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(EventClass::$variant => $name,)*
                }
            }
        }

        impl FromStr for EventClass {
            type Err = UnknownClass;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(EventClass::$variant),)*
                    _ => Err(UnknownClass { name: s.to_owned() }),
                }
            }
        }
    };
}

event_classes! {
    Lift = "lift",
    Restrict = "restrict",
    Ban = "ban",
    Invest = "invest",
    Fund = "fund",
    Spend = "spend",
    Pledge = "pledge",
    Announce = "announce",
    Visit = "visit",
    Designate = "designate",
    Supply = "supply",
    Export = "export",
    Import = "import",
    Agree = "agree",
    Sign = "sign",
    Build = "build",
    Open = "open",
    Close = "close",
    Start = "start",
    Localize = "localize",
    Launch = "launch",
    Expand = "expand",
    Acquire = "acquire",
    Sell = "sell",
    Raise = "raise",
    Cut = "cut",
    Appoint = "appoint",
    Elect = "elect",
    Resign = "resign",
    Dismiss = "dismiss",
    Fine = "fine",
    Sue = "sue",
    Appeal = "appeal",
    Approve = "approve",
    Reject = "reject",
    Propose = "propose",
    Order = "order",
    Join = "join",
    Award = "award",
    Postpone = "postpone",
    Suspend = "suspend",
    Meet = "meet",
    Win = "win",
    List = "list",
}

impl fmt::Display for EventClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no [`EventClass`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown event class {name:?}")]
pub struct UnknownClass {
    /// The name given.
    pub name: String,
}

/// A line of a vocabulary file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem} in {text:?}")]
pub struct VocabError {
    /// 1-based line number.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// What is wrong with it.
    pub problem: String,
}

/// How one event word is used: by the extractor (`verb`, `light`, `noun`) and by questions
/// (`ask-verb`, `ask-noun`, `ask-undo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Use {
    /// An event verb in text; its regular forms (`-s`, `-ed`, `-ing`) are generated.
    Verb,
    /// A light verb: an event only with a restriction noun as object (`slapped curbs on`).
    Light,
    /// A noun naming the event in text, exact form (`restrictions`, `acquisition`).
    Noun,
    /// A verb or verb phrase in a question (`put money into`).
    AskVerb,
    /// A noun in a question (`investment`).
    AskNoun,
    /// A question verb that undoes another class (`lift`, `remove`).
    AskUndo,
}

/// The value a name stands for in a table of `(name, value)` (the data files' keywords).
fn named<T: Copy>(names: &[(&str, T)], name: &str) -> Option<T> {
    names.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

impl Use {
    const NAMES: &[(&str, Use)] = &[
        ("verb", Use::Verb),
        ("light", Use::Light),
        ("noun", Use::Noun),
        ("ask-verb", Use::AskVerb),
        ("ask-noun", Use::AskNoun),
        ("ask-undo", Use::AskUndo),
    ];

    fn parse(s: &str) -> Option<Self> {
        named(Self::NAMES, s)
    }

    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, u)| *u == self)
            .map_or("?", |(n, _)| n)
    }

    /// Whether questions read this use.
    pub fn in_questions(self) -> bool {
        matches!(self, Use::AskVerb | Use::AskNoun | Use::AskUndo)
    }
}

/// A property of an event class that steers extraction, given on the class's `@class` line
/// of `data/events.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClassFlag {
    /// Two coordinated subjects act together, the first with the second: `Japan and South
    /// Korea agreed` (`symmetric`).
    Symmetric,
    /// A one-word subject of unknown name is a person: `Ortega resigned`
    /// (`person-subject`).
    PersonSubject,
    /// A capitalized direct object is a person: `elected Ana Ribeiro` (`person-object`).
    PersonObject,
    /// The direct object (an entity right after the verb) is the target: `acquired Beta`
    /// (`object-target`).
    ObjectTarget,
    /// A restriction noun of this class as object makes a light verb an event: `slapped
    /// curbs on` (`restriction`).
    Restriction,
    /// The subject may be a thing rather than an actor, kept with a time: `Production is
    /// due to start in 2027` (`scheduled`).
    Scheduled,
    /// As an infinitive after a past event, states its result rather than a purpose: `beat
    /// Castlegate City to win the cup` (`result`).
    Result,
    /// No event with an abstract object and no target: `provide support`
    /// (`no-abstract-object`).
    NoAbstractObject,
}

impl ClassFlag {
    const NAMES: &[(&str, ClassFlag)] = &[
        ("symmetric", ClassFlag::Symmetric),
        ("person-subject", ClassFlag::PersonSubject),
        ("person-object", ClassFlag::PersonObject),
        ("object-target", ClassFlag::ObjectTarget),
        ("restriction", ClassFlag::Restriction),
        ("scheduled", ClassFlag::Scheduled),
        ("result", ClassFlag::Result),
        ("no-abstract-object", ClassFlag::NoAbstractObject),
    ];

    fn parse(s: &str) -> Option<Self> {
        named(Self::NAMES, s)
    }
}

/// What extraction knows about one event class beyond its words (its `@class` line of
/// `data/events.tsv`; a class without one has no flags and the default target prepositions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassProperties<'a> {
    /// The flags set, in file order.
    pub flags: Vec<ClassFlag>,
    /// The prepositions that introduce the event's target (`invest in`, `sell to`); `None`
    /// when the line gives none, `Some(empty)` for `targets=none`.
    pub targets: Option<Vec<&'a str>>,
    /// The classes a verb takes from its object noun when the noun names an event of one of
    /// them, first match wins: `signed a deal` is `agree` (`object-class=agree`).
    pub object_classes: Vec<EventClass>,
}

impl ClassProperties<'_> {
    /// Whether the class has `flag`.
    pub fn has(&self, flag: ClassFlag) -> bool {
        self.flags.contains(&flag)
    }
}

/// One word (or, for questions, phrase) of the event vocabulary, in one use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventWord<'a> {
    /// The lemma, noun or phrase: `ban`, `restrictions`, `put money into`.
    pub word: &'a str,
    /// The class it signals.
    pub class: EventClass,
    /// How it is used.
    pub used: Use,
    /// Irregular or doubled forms of a verb (`banned`, `banning`).
    pub forms: Vec<&'a str>,
    /// Particles the verb needs to be an event (`step` `down`), empty if none.
    pub particles: Vec<&'a str>,
    /// Whether the verb's third-person form is more often a plural noun (`tech exports`,
    /// `new orders`), so that it is a verb only after a subject (option `plural-noun`).
    pub plural_noun: bool,
}

/// The event vocabulary: every word in file order, and the groups of related classes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventVocab<'a> {
    /// Words in file order, one entry per use.
    pub words: Vec<EventWord<'a>>,
    /// Groups of classes close enough to answer for each other in part.
    pub related: Vec<Vec<EventClass>>,
    /// The `@class` lines: each class with a line and its properties, in file order.
    pub classes: Vec<(EventClass, ClassProperties<'a>)>,
    /// The `targets=` of the `@default` line: the prepositions that introduce the target of an
    /// event verb whose class's `@class` line gives no `targets=` (empty without the line).
    pub default_targets: Vec<&'a str>,
}

impl<'a> EventVocab<'a> {
    /// Parses an event vocabulary file (format: see `data/events.tsv`). Rejects malformed
    /// lines, unknown classes and unknown uses, and a word given the same use in two classes
    /// unless one of the lines is marked `shared`.
    pub fn parse(text: &'a str) -> Result<Self, VocabError> {
        let mut vocab = EventVocab::default();
        let mut seen: std::collections::HashMap<(&str, Use), (EventClass, bool)> =
            std::collections::HashMap::new();
        let mut seen_default = false;
        for (n, raw) in text.lines().enumerate() {
            let fail = |problem: String| VocabError {
                line: n + 1,
                text: raw.to_owned(),
                problem,
            };
            let line = raw.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields[0] == "@related" {
                let group = fields
                    .get(1)
                    .ok_or_else(|| fail("no classes after @related".into()))?
                    .split_whitespace()
                    .map(|c| c.parse::<EventClass>().map_err(|e| fail(e.to_string())))
                    .collect::<Result<Vec<_>, _>>()?;
                if fields.len() > 2 || group.len() < 2 {
                    return Err(fail(
                        "@related takes one field of two or more classes".into(),
                    ));
                }
                vocab.related.push(group);
                continue;
            }
            if fields[0] == "@default" {
                let [_, props] = fields.as_slice() else {
                    return Err(fail("@default takes one field of PROPERTIES".into()));
                };
                let properties = parse_properties(props).map_err(fail)?;
                let Some(targets) = properties.targets else {
                    return Err(fail("@default takes only targets=".into()));
                };
                if !properties.flags.is_empty() || !properties.object_classes.is_empty() {
                    return Err(fail("@default takes only targets=".into()));
                }
                if seen_default {
                    return Err(fail("a second @default line".into()));
                }
                seen_default = true;
                vocab.default_targets = targets;
                continue;
            }
            if fields[0] == "@class" {
                let [_, class, props] = fields.as_slice() else {
                    return Err(fail(
                        "@class takes a CLASS and its PROPERTIES separated by tabs".into(),
                    ));
                };
                let class: EventClass = class
                    .parse()
                    .map_err(|e: UnknownClass| fail(e.to_string()))?;
                if vocab.classes.iter().any(|(c, _)| *c == class) {
                    return Err(fail(format!("{class} already has a @class line")));
                }
                let properties = parse_properties(props).map_err(fail)?;
                vocab.classes.push((class, properties));
                continue;
            }
            let [word, class, uses, rest @ ..] = fields.as_slice() else {
                return Err(fail(
                    "expected WORD, CLASS and USES separated by tabs".into(),
                ));
            };
            if word.is_empty() || word.trim() != *word || *word != word.to_lowercase() {
                return Err(fail(
                    "the word must be lowercase, without outer spaces".into(),
                ));
            }
            let class: EventClass = class
                .parse()
                .map_err(|e: UnknownClass| fail(e.to_string()))?;
            let mut forms = Vec::new();
            let mut particles = Vec::new();
            let mut shared = false;
            let mut plural_noun = false;
            for option in rest.iter().flat_map(|f| f.split_whitespace()) {
                match option.split_once('=') {
                    Some(("forms", list)) => forms.extend(list.split(',')),
                    Some(("particles", list)) => particles.extend(list.split(',')),
                    None if option == "shared" => shared = true,
                    None if option == "plural-noun" => plural_noun = true,
                    _ => return Err(fail(format!("unknown option {option:?}"))),
                }
            }
            if forms.iter().chain(&particles).any(|w| w.is_empty()) {
                return Err(fail("empty form or particle".into()));
            }
            for name in uses.split(',') {
                let used = Use::parse(name).ok_or_else(|| fail(format!("unknown use {name:?}")))?;
                if let Some(&(other, other_shared)) = seen.get(&(*word, used)) {
                    if other == class {
                        return Err(fail(format!(
                            "{word:?} is already a {} of {other}",
                            used.name()
                        )));
                    }
                    if !(shared || other_shared) {
                        return Err(fail(format!(
                            "{word:?} is already a {} of {other}; mark one line `shared` to allow both",
                            used.name()
                        )));
                    }
                }
                seen.insert((*word, used), (class, shared));
                vocab.words.push(EventWord {
                    word,
                    class,
                    used,
                    forms: if matches!(used, Use::Verb | Use::Light) {
                        forms.clone()
                    } else {
                        Vec::new()
                    },
                    particles: if used == Use::Verb {
                        particles.clone()
                    } else {
                        Vec::new()
                    },
                    plural_noun: plural_noun && matches!(used, Use::Verb | Use::Light),
                });
            }
        }
        Ok(vocab)
    }

    /// The words of one use, in file order.
    pub fn of(&self, used: Use) -> impl Iterator<Item = &EventWord<'a>> {
        self.words.iter().filter(move |w| w.used == used)
    }

    /// The properties of `class` (defaults if it has no `@class` line).
    pub fn class(&self, class: EventClass) -> &ClassProperties<'a> {
        static NONE: ClassProperties<'static> = ClassProperties {
            flags: Vec::new(),
            targets: None,
            object_classes: Vec::new(),
        };
        self.classes
            .iter()
            .find(|(c, _)| *c == class)
            .map_or(&NONE, |(_, p)| p)
    }
}

/// The space-separated properties of a `@class` line: flags, `targets=a,b` (or
/// `targets=none`) and `object-class=c,d`.
fn parse_properties(text: &str) -> Result<ClassProperties<'_>, String> {
    let mut out = ClassProperties::default();
    for prop in text.split_whitespace() {
        match prop.split_once('=') {
            Some(("targets", list)) if out.targets.is_none() => {
                let words: Vec<&str> = list.split(',').collect();
                if words.iter().any(|w| w.is_empty()) {
                    return Err(format!("empty preposition in {prop:?}"));
                }
                out.targets = Some(if list == "none" { Vec::new() } else { words });
            }
            Some(("object-class", list)) if out.object_classes.is_empty() => {
                for name in list.split(',') {
                    out.object_classes
                        .push(name.parse().map_err(|e: UnknownClass| e.to_string())?);
                }
            }
            Some(("targets" | "object-class", _)) => {
                return Err(format!("{prop:?} is given twice"));
            }
            Some(_) => return Err(format!("unknown class property {prop:?}")),
            None => {
                let flag = ClassFlag::parse(prop)
                    .ok_or_else(|| format!("unknown class property {prop:?}"))?;
                if out.flags.contains(&flag) {
                    return Err(format!("{prop:?} is given twice"));
                }
                out.flags.push(flag);
            }
        }
    }
    Ok(out)
}

/// The built-in event vocabulary ([`EVENTS_TSV`]), parsed once.
pub fn events() -> &'static EventVocab<'static> {
    static VOCAB: OnceLock<EventVocab<'static>> = OnceLock::new();
    // The file is checked by the tests below; a broken one yields an empty vocabulary.
    VOCAB.get_or_init(|| EventVocab::parse(EVENTS_TSV).unwrap_or_default())
}

impl EventClass {
    /// The properties of this class in the built-in vocabulary ([`EVENTS_TSV`]).
    ///
    /// ```
    /// use almanac_model::vocab::{ClassFlag, EventClass};
    /// assert!(EventClass::Agree.properties().has(ClassFlag::Symmetric));
    /// assert_eq!(EventClass::Invest.properties().targets, Some(vec!["in"]));
    /// ```
    pub fn properties(self) -> &'static ClassProperties<'static> {
        events().class(self)
    }

    /// Whether this class has `flag` in the built-in vocabulary.
    pub fn has(self, flag: ClassFlag) -> bool {
        self.properties().has(flag)
    }
}

/// How one title word is used (see `data/titles.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleUse {
    /// The word that names the function in a title (`minister`, `ceo`).
    Head,
    /// A word that may qualify a title (`prime`, `industry`).
    Qualifier,
    /// A qualifier that names no portfolio (`deputy`, `former`).
    Generic,
    /// In a question, makes `who` ask for a person (`who is the president`).
    Who,
    /// In a question, names an office whose holder is asked for (`who is the ceo`).
    Office,
    /// A title abbreviation written with a period (`Dr.`, `Gen.`); the sentence splitter never
    /// ends a sentence after it.
    Abbreviation,
}

impl TitleUse {
    const NAMES: &[(&str, TitleUse)] = &[
        ("head", TitleUse::Head),
        ("qualifier", TitleUse::Qualifier),
        ("generic", TitleUse::Generic),
        ("who", TitleUse::Who),
        ("office", TitleUse::Office),
        ("abbreviation", TitleUse::Abbreviation),
    ];
}

/// The title vocabulary: `(word, uses)` in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleVocab<'a> {
    /// Every word with its uses.
    pub words: Vec<(&'a str, Vec<TitleUse>)>,
}

impl<'a> TitleVocab<'a> {
    /// Parses a title vocabulary file: `WORD <TAB> USES` with uses comma-separated. Rejects
    /// malformed lines, unknown uses and a word listed twice.
    pub fn parse(text: &'a str) -> Result<Self, VocabError> {
        let mut vocab = TitleVocab::default();
        let mut seen = std::collections::HashSet::new();
        for (n, raw) in text.lines().enumerate() {
            let fail = |problem: String| VocabError {
                line: n + 1,
                text: raw.to_owned(),
                problem,
            };
            let line = raw.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let [word, uses] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(fail("expected WORD and USES separated by a tab".into()));
            };
            if word.is_empty() || word.trim() != word || word != word.to_lowercase() {
                return Err(fail(
                    "the word must be lowercase, without outer spaces".into(),
                ));
            }
            if !seen.insert(word) {
                return Err(fail(format!("{word:?} is listed twice")));
            }
            let uses = uses
                .split(',')
                .map(|u| {
                    named(TitleUse::NAMES, u).ok_or_else(|| fail(format!("unknown use {u:?}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            vocab.words.push((word, uses));
        }
        Ok(vocab)
    }

    /// The words of one use, in file order.
    pub fn of(&self, used: TitleUse) -> impl Iterator<Item = &'a str> + '_ {
        self.words
            .iter()
            .filter(move |(_, uses)| uses.contains(&used))
            .map(|(w, _)| *w)
    }
}

/// The built-in title vocabulary ([`TITLES_TSV`]), parsed once.
pub fn titles() -> &'static TitleVocab<'static> {
    static VOCAB: OnceLock<TitleVocab<'static>> = OnceLock::new();
    // The file is checked by the tests below; a broken one yields an empty vocabulary.
    VOCAB.get_or_init(|| TitleVocab::parse(TITLES_TSV).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` as an event vocabulary; `Ok(number of words)` or the error's message.
    fn check(text: &str, expected: Result<usize, &str>) {
        let got = EventVocab::parse(text)
            .map(|v| v.words.len())
            .map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_owned), "{text:?}");
    }

    #[test]
    fn builtin_files_are_valid() {
        let parsed = EventVocab::parse(EVENTS_TSV).map_err(|e| e.to_string());
        assert!(
            parsed.as_ref().is_ok_and(|v| !v.words.is_empty()),
            "{parsed:?}"
        );
        let parsed_titles = TitleVocab::parse(TITLES_TSV).map_err(|e| e.to_string());
        assert!(
            parsed_titles.as_ref().is_ok_and(|v| !v.words.is_empty()),
            "{parsed_titles:?}"
        );
        assert_eq!(events().words.len(), parsed.map_or(0, |v| v.words.len()));
    }

    #[test]
    fn every_class_has_a_word_and_round_trips() {
        for class in EventClass::ALL {
            assert_eq!(class.as_str().parse::<EventClass>(), Ok(*class));
            assert!(
                events().words.iter().any(|w| w.class == *class)
                    || events().related.iter().flatten().any(|c| c == class),
                "{class} is in no line of events.tsv"
            );
        }
        assert_eq!(
            serde_json::to_string(&EventClass::Lift).ok().as_deref(),
            Some("\"lift\"")
        );
    }

    #[test]
    fn bad_lines_are_rejected_with_their_number() {
        check("# comment\n\nban\tban\tverb,noun\tforms=banned\n", Ok(2));
        check(
            "lift\tlift\tverb\nban\tbann\tverb\n",
            Err("line 2: unknown event class \"bann\" in \"ban\\tbann\\tverb\""),
        );
        check(
            "ban\tban\n",
            Err("line 1: expected WORD, CLASS and USES separated by tabs in \"ban\\tban\""),
        );
        check(
            "ban\tban\tverbb\n",
            Err("line 1: unknown use \"verbb\" in \"ban\\tban\\tverbb\""),
        );
        check(
            "ban\tban\tverb\tform=x\n",
            Err("line 1: unknown option \"form=x\" in \"ban\\tban\\tverb\\tform=x\""),
        );
        check(
            "@related\tlift\n",
            Err("line 1: @related takes one field of two or more classes in \"@related\\tlift\""),
        );
    }

    #[test]
    fn plural_noun_marks_only_verb_uses() {
        let marked = EventVocab::parse("export\texport\tverb,noun,ask-verb\tplural-noun\n")
            .map(|v| {
                v.words
                    .iter()
                    .map(|w| (w.used, w.plural_noun))
                    .collect::<Vec<_>>()
            })
            .map_err(|e| e.to_string());
        assert_eq!(
            marked,
            Ok(vec![
                (Use::Verb, true),
                (Use::Noun, false),
                (Use::AskVerb, false)
            ])
        );
    }

    #[test]
    fn class_lines_give_properties_and_bad_ones_are_rejected() {
        let text = "ban\tban\tverb\n@class\tsign\tsymmetric targets=with object-class=agree,fund\n\
                    @class\tfine\tobject-target targets=none\n";
        let vocab = EventVocab::parse(text).map_err(|e| e.to_string());
        let sign = vocab.as_ref().map(|v| v.class(EventClass::Sign).clone());
        assert_eq!(
            sign,
            Ok(ClassProperties {
                flags: vec![ClassFlag::Symmetric],
                targets: Some(vec!["with"]),
                object_classes: vec![EventClass::Agree, EventClass::Fund],
            })
        );
        let fine = vocab
            .as_ref()
            .map(|v| v.class(EventClass::Fine).targets.clone());
        assert_eq!(fine, Ok(Some(Vec::new())));
        let ban = vocab.as_ref().map(|v| v.class(EventClass::Ban).clone());
        assert_eq!(ban, Ok(ClassProperties::default()));
        check(
            "ban\tban\tverb\n@class\tban\tsymetric\n",
            Err("line 2: unknown class property \"symetric\" in \"@class\\tban\\tsymetric\""),
        );
        check(
            "@class\tban\n",
            Err(
                "line 1: @class takes a CLASS and its PROPERTIES separated by tabs in \"@class\\tban\"",
            ),
        );
        check(
            "@class\tbann\tresult\n",
            Err("line 1: unknown event class \"bann\" in \"@class\\tbann\\tresult\""),
        );
        check(
            "@class\tban\tresult\n@class\tban\tscheduled\n",
            Err("line 2: ban already has a @class line in \"@class\\tban\\tscheduled\""),
        );
        check(
            "@class\tban\tresult result\n",
            Err("line 1: \"result\" is given twice in \"@class\\tban\\tresult result\""),
        );
        check(
            "@class\tban\ttargets=on, object-class=fine\n",
            Err(
                "line 1: empty preposition in \"targets=on,\" in \"@class\\tban\\ttargets=on, object-class=fine\"",
            ),
        );
        check(
            "@class\tsign\tobject-class=deal\n",
            Err("line 1: unknown event class \"deal\" in \"@class\\tsign\\tobject-class=deal\""),
        );
        let with_default = EventVocab::parse("@default\ttargets=with,alongside\n")
            .map(|v| v.default_targets)
            .map_err(|e| e.to_string());
        assert_eq!(with_default, Ok(vec!["with", "alongside"]));
        check(
            "@default\tsymmetric targets=with\n",
            Err("line 1: @default takes only targets= in \"@default\\tsymmetric targets=with\""),
        );
        check(
            "@default\ttargets=with\n@default\ttargets=to\n",
            Err("line 2: a second @default line in \"@default\\ttargets=to\""),
        );
        check(
            "@class\tsign\tfoo=bar\n",
            Err("line 1: unknown class property \"foo=bar\" in \"@class\\tsign\\tfoo=bar\""),
        );
    }

    #[test]
    fn builtin_class_properties() {
        assert!(EventClass::Meet.has(ClassFlag::Symmetric));
        assert!(EventClass::Meet.has(ClassFlag::PersonSubject));
        assert!(!EventClass::Invest.has(ClassFlag::Symmetric));
        assert_eq!(
            EventClass::Lift.properties().targets,
            Some(vec!["on", "against"])
        );
        assert_eq!(EventClass::Fine.properties().targets, Some(Vec::new()));
        assert_eq!(EventClass::Resign.properties().targets, None);
        assert_eq!(
            EventClass::Supply.properties().object_classes,
            [EventClass::Fund, EventClass::Invest]
        );
    }

    #[test]
    fn duplicates_across_classes_need_a_mark() {
        check(
            "ban\tban\tverb\nban\trestrict\tverb\n",
            Err(
                "line 2: \"ban\" is already a verb of ban; mark one line `shared` to allow both in \"ban\\trestrict\\tverb\"",
            ),
        );
        check("ban\tban\tverb\nban\trestrict\tverb\tshared\n", Ok(2));
        check("ban\tban\tverb\nban\trestrict\task-verb\n", Ok(2));
        check(
            "ban\tban\tverb\nban\tban\tverb\n",
            Err("line 2: \"ban\" is already a verb of ban in \"ban\\tban\\tverb\""),
        );
    }

    #[test]
    fn titles_reject_duplicates() {
        let got =
            TitleVocab::parse("minister\thead,who\nminister\thead\n").map_err(|e| e.to_string());
        assert_eq!(
            got,
            Err("line 2: \"minister\" is listed twice in \"minister\\thead\"".to_owned())
        );
    }
}
