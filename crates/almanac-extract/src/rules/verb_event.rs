//! `verb_event`: an event verb in the active voice with its subject, target, object, time,
//! amounts and place: `Last month, Japan lifted export restrictions on South Korea.`
//!
//! Light verbs (`slap`, `impose`, `end`) make an event only with a restriction noun as
//! object, and take their class from their `light` line in `almanac_model`'s `events.tsv`.

use almanac_model::{EntityKind, EntityRef, Event, EventClass, FactKind, Modality};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::lexicon::{self, w};

/// The rule.
/// Confidence of an event whose actor is named in the sentence.
const NAMED_ACTOR: f32 = 0.8;
/// Confidence of an event whose actor is a pronoun or `the company` resolved from earlier.
const ANAPHORIC_ACTOR: f32 = 0.65;
/// Confidence of an event without an actor, or whose actor is a thing rather than an agent.
const WEAK_ACTOR: f32 = 0.55;

pub(crate) const RULE: Rule = Rule {
    name: "verb_event",
    description: "an event verb in the active voice with its arguments",
    apply,
};

fn apply(s: &Sentence<'_>, state: &mut DocState, out: &mut Vec<Found>) {
    let triggers = state.verbs.clone();
    for &i in &triggers {
        let Some(v) = clause::verb_at(s, i) else {
            continue;
        };
        if clause::is_passive(s, i, &v) {
            continue;
        }
        // `pledged to spend`, `agreed to buy`, `began restricting`: the second verb carries
        // the event.
        if matches!(
            v.class,
            EventClass::Pledge | EventClass::Agree | EventClass::Start | EventClass::Propose
        ) && s.low(i + 1) == "to"
            && clause::verb_at(s, i + 2).is_some()
        {
            continue;
        }
        if v.class == EventClass::Start
            && clause::verb_at(s, i + 1).is_some_and(|n| n.form == lexicon::Form::Gerund)
        {
            continue;
        }
        let win = clause::window(s, &triggers, i);
        let args = clause::after(s, i, &win, v.class);
        if v.light {
            let restrictive = args.object.as_deref().is_some_and(|o| {
                o.split_whitespace()
                    .filter_map(|w| lexicon::nominal_class(&w.to_ascii_lowercase()))
                    .any(|c| lexicon::RESTRICTION_CLASSES.contains(&c))
            });
            if !restrictive {
                continue;
            }
        }
        // the object decides some verbs' class: `signed a deal` is an agreement, `provide
        // funding` a funding; `provide support` is no supply at all
        let Some(class) =
            clause::class_with_object(v.class, args.object.as_deref(), args.target.is_some())
        else {
            continue;
        };
        // a participle clause acts like an infinitive of the sentence's actor
        let participle = v.form == lexicon::Form::Gerund && i > 0 && s.is_punct(i - 1, ",");
        let infinitive = i > 0 && s.low(i - 1) == "to" || participle;
        // `agreed on Monday to acquire` has the subject of `agreed`; `beat Castlegate City on
        // Saturday to win` has the sentence's actor, not the object before it
        let controlled = infinitive && !participle && {
            let mut k = i - 1;
            while k > 0 && (s.in_time(k - 1) || (s.has(k - 1, w::PREPOSITION) && s.in_time(k))) {
                k -= 1;
            }
            k > 0 && s.has(k - 1, w::SUBJECT_SKIP)
        };
        let subject = if infinitive && !controlled {
            None
        } else {
            clause::subject(s, i, state)
        };
        let (actor, anaphoric) = match subject {
            Some((a, an)) => (Some(a), an),
            None if infinitive => (state.sentence_actor.clone(), true),
            None => (None, false),
        };
        let amounts = clause::amounts_of(s, i, &win);
        let has_args = args.target.is_some()
            || args.object.is_some()
            || args.place.is_some()
            || !amounts.is_empty();
        let scheduled = lexicon::SCHEDULED_CLASSES.contains(&class);
        if !(has_args
            || scheduled
            || matches!(
                class,
                EventClass::Resign | EventClass::Announce | EventClass::Win | EventClass::List
            ))
        {
            continue;
        }
        // `Voters in Lisbon elected Ana Ribeiro`: an event without a named actor, kept when
        // it has a named target
        // (the target a direct object: `cars imported from China` is no event)
        let direct_target = {
            let mut k = i + 1;
            while matches!(s.low(k), "in" | "the" | "up" | "off") {
                k += 1;
            }
            s.mention_starting(k).map(|m| &m.entity.id) == args.target.as_ref().map(|t| &t.id)
        };
        let actorless = actor.is_none()
            && !infinitive
            && args.target.is_some()
            && direct_target
            && clause::common_noun_subject(s, i);
        // `Production is due to start in 2027`: the thing that starts is the object
        let mut object = args.object.clone();
        let thing = actor.is_none()
            && !actorless
            && scheduled
            && object.is_none()
            && clause::time_of(s, i, &win).is_some();
        if thing {
            object = clause::subject_phrase(s, i);
        }
        let thing = thing && object.is_some();
        if actor.is_none() && !actorless && !thing {
            continue;
        }
        // only persons resign: `Chile's minister quits` is no act of Chile
        if class == EventClass::Resign
            && actor.as_ref().is_some_and(|a| a.kind != EntityKind::Person)
        {
            continue;
        }
        if actor.is_some() && actor.as_ref().map(|a| &a.id) == args.target.as_ref().map(|t| &t.id) {
            continue;
        }
        let negated = clause::negated(s, i);
        let modality = match clause::modality(s, i) {
            // `began to restrict`, `helped to fund`: the event happened
            m if infinitive && s.has(i.saturating_sub(2), w::IMPLICATIVE) => m,
            // `beat Castlegate City to win the cup`: the result of a past event
            Modality::Done | Modality::Reported
                if infinitive
                    && lexicon::RESULT_CLASSES.contains(&class)
                    && state.sentence_modality == Some(Modality::Done) =>
            {
                Modality::Done
            }
            // `won the runoff, defeating X`: what the sentence's event did
            _ if participle => state.sentence_modality.unwrap_or(Modality::Done),
            // a bare infinitive states a purpose: `to build a plant`
            Modality::Done | Modality::Reported if infinitive => Modality::Planned,
            m => m,
        };
        // `The United States and Britain announced`: one event per coordinated actor, or,
        // for a symmetric action without a target, the first acting with the second
        let mut actors: Vec<Option<EntityRef>> = if anaphoric || actor.is_none() {
            Vec::new()
        } else {
            clause::coordinated_subjects(s, i)
                .into_iter()
                .map(Some)
                .collect()
        };
        let mut target = args.target;
        if actors.len() == 1 && target.is_none() && lexicon::SYMMETRIC_CLASSES.contains(&class) {
            target.clone_from(&actor);
        } else {
            actors.push(actor.clone());
        }
        // `agreed on Monday to acquire`: the governing verb's time
        let mut time = clause::time_of(s, i, &win);
        if time.is_none()
            && infinitive
            && let Some(&p) = triggers.iter().rev().find(|&&t| t < i)
        {
            let governing = clause::window(s, &triggers, p);
            time = clause::time_of(s, i, &(governing.start..win.end));
        }
        for a in actors {
            if a.is_some() && a.as_ref().map(|x| &x.id) == target.as_ref().map(|t| &t.id) {
                continue;
            }
            let event = Event {
                actor: a,
                action: v.lemma.to_owned(),
                class,
                target: target.clone(),
                object: object.clone(),
                time: time.clone(),
                amounts: amounts.clone(),
                place: args.place.clone(),
                negated,
                modality,
            };
            out.push(Found {
                kind: FactKind::Event(event),
                confidence: if actorless || thing {
                    WEAK_ACTOR
                } else if anaphoric {
                    ANAPHORIC_ACTOR
                } else {
                    NAMED_ACTOR
                },
            });
        }
        if !anaphoric && actor.is_some() {
            state.last_actor.clone_from(&actor);
        }
        if actor.is_some() {
            state.sentence_actor = actor;
            state.sentence_modality = Some(modality);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::run;

    /// Facts of this rule in `text`, dated `date`.
    fn check(text: &str, date: Option<(i32, u32, u32)>, expected: &[&str]) {
        assert_eq!(run("verb_event", text, date), expected, "in {text:?}");
    }

    #[test]
    fn coordinated_actorless_and_object_classes() {
        check(
            "The United States and Britain announced sanctions on Russia.",
            None,
            &[
                "announce  United States  \"sanctions\"",
                "announce  United Kingdom  \"sanctions\"",
            ],
        );
        check(
            "Japan and South Korea signed a currency swap agreement.",
            None,
            &["agree  Japan -> South Korea  \"currency swap agreement\""],
        );
        check(
            "Voters in Lisbon elected Ana Ribeiro as mayor.",
            None,
            &["elect  ? -> Ana Ribeiro"],
        );
        check(
            "The government will provide strong support to the industry.",
            None,
            &[],
        );
        check(
            "Riverton United beat Castlegate City on Saturday to win the National Cup.",
            Some((2024, 6, 18)),
            &[
                "win  Riverton United -> Castlegate City  2024-06-15",
                "win  Riverton United  \"National Cup\"  2024-06-15",
            ],
        );
    }

    #[test]
    fn participle_clauses_and_modifiers_of_the_object() {
        check(
            "President Tomas Lind won Finland's presidential election on Sunday, defeating Green candidate Aino Virtanen.",
            Some((2024, 2, 12)),
            &[
                "win  Tomas Lind  \"Finland's presidential election\"  2024-02-11",
                "win  Tomas Lind -> Aino Virtanen  2024-02-11",
            ],
        );
        check(
            "The European Commission fined U.S. technology group Norvant Technologies 1.84 billion euros.",
            None,
            &[
                "fine  European Commission -> Norvant Technologies  \"U.S. technology group\"  [1.84 billion EUR]",
            ],
        );
    }

    #[test]
    fn scheduled_things() {
        check(
            "Production is due to start in 2027.",
            Some((2024, 1, 10)),
            &["start  ?  \"Production\"  2027  planned"],
        );
        check(
            "The merger is expected to close in the first half of 2024.",
            Some((2024, 1, 10)),
            &["close  ?  \"merger\"  2024-H1  planned"],
        );
    }

    #[test]
    fn active_events() {
        check(
            "Last month, Japan lifted export restrictions on South Korea.",
            Some((2023, 4, 25)),
            &["lift  Japan -> South Korea  \"export restrictions\"  2023-03"],
        );
        check(
            "The regulator said Acme Holdings will not acquire Beta Corp.",
            None,
            &["acquire  Acme Holdings -> Beta  not planned"],
        );
        check(
            "Tokyo slapped export restrictions on Seoul.",
            None,
            &["restrict  Japan -> South Korea  \"export restrictions\""],
        );
    }

    #[test]
    fn phrasal_resignations() {
        check(
            "Chief Executive Maria Lopes stepped down on Friday.",
            Some((2024, 6, 18)),
            &["resign  Maria Lopes  2024-06-14"],
        );
        check(
            "Finance Minister Piotr Kowal will step down as minister in May.",
            Some((2024, 1, 10)),
            &["resign  Piotr Kowal  2024-05  planned"],
        );
        check(
            "Prime Minister Ana Costa quit as party leader on Monday.",
            Some((2024, 6, 18)),
            &["resign  Ana Costa  2024-06-17"],
        );
        check(
            "President Omar Diallo will leave office in 2025.",
            Some((2024, 1, 10)),
            &["resign  Omar Diallo  2025  planned"],
        );
        check("Minister Piotr Kowal left Paris on Friday.", None, &[]);
    }
}
