//! `passive_event`: an event verb in the passive voice: `Restrictions on Seoul were lifted by
//! Tokyo`, `Beta Corp was acquired by Acme`. The `by` phrase is the actor; the subject is the
//! target (or holds it: `restrictions on Seoul`).

use almanac_model::{Event, EventClass, FactKind};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::gazetteer::NameUse;
use crate::lexicon;

/// The rule.
/// Confidence of a passive event whose actor is named (`were lifted by Japan`).
const WITH_ACTOR: f32 = 0.7;
/// Confidence of a passive event without an actor (`were lifted`).
const WITHOUT_ACTOR: f32 = 0.6;

pub(crate) const RULE: Rule = Rule {
    name: "passive_event",
    description: "an event verb in the passive voice",
    apply,
};

fn apply(s: &Sentence<'_>, state: &mut DocState, out: &mut Vec<Found>) {
    let triggers = state.verbs.clone();
    for &i in &triggers {
        let Some(v) = clause::verb_at(s, i) else {
            continue;
        };
        if v.light || !clause::is_passive(s, i, &v) {
            continue;
        }
        let win = clause::window(s, &triggers, i);
        let args = clause::after(s, i, &win, v.class);
        // the subject noun phrase: from the window start to the auxiliary
        let be = (win.start..i)
            .rev()
            .find(|&k| s.has(k, lexicon::w::BE_FORM))
            .unwrap_or(i);
        let mut np = win.start..be;
        // `Romero, who was appointed`, `The plant, which was approved`: the antecedent
        if np.len() == 1 && matches!(s.low(np.start), "who" | "which" | "that") {
            let mut end = np.start;
            if end > 0 && s.is_punct(end - 1, ",") {
                end -= 1;
            }
            let mut start = end;
            while start > 0 && s.is_word(start - 1) && !s.has(start - 1, lexicon::w::PREPOSITION) {
                start -= 1;
                if s.has(start, lexicon::w::DETERMINER) || s.mention_at(start).is_some() {
                    break;
                }
            }
            if let Some(m) = s.mention_ending(end) {
                start = start.min(m.tokens.start);
            }
            np = start..end;
        }
        let mut target = None;
        let restrictive = matches!(
            v.class,
            EventClass::Restrict | EventClass::Ban | EventClass::Lift
        );
        for m in s
            .mentions
            .iter()
            .filter(|m| m.tokens.start >= np.start && m.tokens.end <= np.end)
        {
            let prep = clause::after_preposition(s, m);
            if m.usage == NameUse::Demonym {
                // `duties on Thai sugar were lifted`: the demonym's country is the target
                if restrictive && matches!(prep, Some("on" | "against")) {
                    target = Some(m.entity.clone());
                }
                continue;
            }
            match prep {
                Some("on" | "against" | "to") => target = Some(m.entity.clone()),
                None if lexicon::DIRECT_OBJECT_TARGET.contains(&v.class) => {
                    target = Some(m.entity.clone());
                }
                _ => {}
            }
        }
        let object = clause::object_np(s, np.start, np.end, v.class)
            .filter(|o| o.split_whitespace().count() <= 6);
        let actor = args.by;
        let Some(class) = clause::class_with_object(v.class, object.as_deref(), target.is_some())
        else {
            continue;
        };
        let time = clause::time_of(s, i, &win);
        let amounts = clause::amounts_of(s, i, &win);
        // without an agent, an event needs what it is about and when or how much:
        // `Norvant was fined 450 million euros in 2019`, `The duties were lifted on Thursday`
        let dated = time.is_some() || !amounts.is_empty();
        if actor.is_none() && !(dated && (target.is_some() || object.is_some())) {
            continue;
        }
        let confidence = if actor.is_some() {
            WITH_ACTOR
        } else {
            WITHOUT_ACTOR
        };
        let event = Event {
            actor,
            action: v.lemma.to_owned(),
            class,
            target: target.or(args.target),
            object,
            time,
            amounts,
            place: args.place,
            negated: clause::negated(s, i),
            modality: clause::modality(s, i),
        };
        out.push(Found {
            kind: FactKind::Event(event),
            confidence,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::run;

    /// Facts of this rule in `text`.
    fn check(text: &str, expected: &[&str]) {
        assert_eq!(run("passive_event", text, None), expected, "in {text:?}");
    }

    #[test]
    fn passives_without_agent_or_in_relative_clauses() {
        check(
            "Acme Holdings was fined 450 million euros in 2019.",
            &["fine  ? -> Acme Holdings  2019  [450 million EUR]"],
        );
        check(
            "The duties on Thai sugar were lifted in March 2023, the ministry said.",
            &["lift  ? -> Thailand  \"duties\"  2023-03  reported"],
        );
        check(
            "The factory, which was approved by the European Commission in 2021, is open.",
            &["approve  European Commission  \"factory\"  2021"],
        );
        // no time, amount or agent: nothing
        check("The duties were lifted.", &[]);
    }

    #[test]
    fn passive_events() {
        check(
            "Export curbs on South Korea were lifted by Japan.",
            &["lift  Japan -> South Korea  \"Export curbs\""],
        );
        check(
            "Beta Corp was acquired by Acme Holdings.",
            &["acquire  Acme Holdings -> Beta"],
        );
    }
}
