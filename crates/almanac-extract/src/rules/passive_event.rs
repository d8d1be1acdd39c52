//! `passive_event`: an event verb in the passive voice: `Restrictions on Seoul were lifted by
//! Tokyo`, `Beta Corp was acquired by Acme`. The `by` phrase is the actor; the subject is the
//! target (or holds it: `restrictions on Seoul`).

use almanac_model::{Event, FactKind};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::gazetteer::NameUse;
use crate::lexicon;

/// The rule.
pub const RULE: Rule = Rule {
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
        let np = win.start..be;
        let mut target = None;
        for m in s
            .mentions
            .iter()
            .filter(|m| m.tokens.start >= np.start && m.tokens.end <= np.end)
        {
            if m.usage == NameUse::Demonym {
                continue;
            }
            match clause::after_preposition(s, m) {
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
        if actor.is_none() && target.is_none() {
            continue;
        }
        if actor.is_none() && object.is_none() {
            continue;
        }
        let event = Event {
            actor,
            action: v.lemma.to_owned(),
            class: class.to_owned(),
            target: target.or(args.target),
            object,
            time: clause::time_of(s, i, &win),
            amounts: clause::amounts_of(s, i, &win),
            place: args.place,
            negated: clause::negated(s, i),
            modality: clause::modality(s, i),
        };
        out.push(Found {
            kind: FactKind::Event(event),
            confidence: 0.7,
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
