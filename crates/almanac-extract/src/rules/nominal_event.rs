//! `nominal_event`: an event named by a noun, with its actor as a possessive, a demonym, a
//! `by` phrase or the subject of a support verb: `Tokyo's restrictions on tech exports in
//! July of last year`, `Japanese export curbs`, `the acquisition of Beta by Acme`,
//! `Toray confirmed investments totaling $120 million`.

use almanac_model::{Event, EventClass, FactKind};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::lexicon;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    name: "nominal_event",
    description: "an event noun with a possessive, demonym, by-phrase or support-verb actor",
    apply,
};

fn apply(s: &Sentence<'_>, state: &mut DocState, out: &mut Vec<Found>) {
    let triggers = state.triggers.clone();
    for &i in &triggers {
        let Some(class) = clause::nominal_at(s, i) else {
            continue;
        };
        // part of a longer nominal: `export restrictions` counted once at the head
        if i + 1 < s.tokens.len() && clause::nominal_at(s, i + 1).is_some() {
            continue;
        }
        let win = clause::window(s, &triggers, i);
        let Some((actor, confidence)) = clause::nominal_actor(s, i, &win, state) else {
            continue;
        };
        // modifiers before the noun: `export restrictions`, `tech exports`
        let mut first = i;
        while first > win.start
            && s.is_word(first - 1)
            && !s.tokens[first - 1].cap
            && s.mention_at(first - 1).is_none()
            && !s.has(first - 1, lexicon::w::DETERMINER | lexicon::w::PREPOSITION)
            && clause::verb_at(s, first - 1).is_none()
            && i - first < 3
        {
            first -= 1;
        }
        let mut object = s.slice(first..i + 1).to_owned();
        let mut target = None;
        let preps = lexicon::target_prepositions(class).unwrap_or_default();
        let p = s.low(i + 1);
        if let Some(m) = s.mention_starting(i + 2).or_else(|| {
            (s.low(i + 2) == "the")
                .then(|| s.mention_starting(i + 3))
                .flatten()
        }) {
            if preps.contains(&p)
                || (p == "of"
                    && matches!(
                        class,
                        EventClass::Acquire
                            | EventClass::Sell
                            | EventClass::Appoint
                            | EventClass::Sign
                    ))
            {
                target = Some(m.entity.clone());
            }
        } else if matches!(p, "on" | "of" | "against" | "in" | "to") {
            if let Some(c) = clause::object_np(s, i + 2, win.end, class) {
                object = format!("{object} {p} {c}");
            }
        }
        if target.as_ref().map(|t| &t.id) == Some(&actor.id) {
            continue;
        }
        let args = clause::after(s, i, &win, class);
        // `The United States and Britain announced sanctions`: each coordinated subject of
        // the support verb is an actor
        let mut actors = clause::support_verb_before(s, i)
            .filter(|&k| {
                clause::subject(s, k, state)
                    .is_some_and(|(a, anaphoric)| !anaphoric && a.id == actor.id)
            })
            .map(|k| clause::coordinated_subjects(s, k))
            .unwrap_or_default();
        actors.push(actor);
        let target = target.or(args.target);
        for actor in actors {
            if target.as_ref().map(|t| &t.id) == Some(&actor.id) {
                continue;
            }
            let event = Event {
                actor: Some(actor),
                action: s.low(i).to_owned(),
                class,
                target: target.clone(),
                object: Some(object.clone()),
                time: clause::time_of(s, i, &win),
                amounts: clause::amounts_of(s, i, &win),
                place: args.place.clone(),
                negated: false,
                modality: clause::modality(s, i),
            };
            out.push(Found {
                kind: FactKind::Event(event),
                confidence,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::run;

    /// Facts of this rule in `text`.
    fn check(text: &str, expected: &[&str]) {
        assert_eq!(
            run("nominal_event", text, Some((2020, 1, 21))),
            expected,
            "in {text:?}"
        );
    }

    #[test]
    fn nominal_events() {
        check(
            "Progress followed Tokyo's restrictions on tech exports in July of last year.",
            &["restrict  Japan  \"restrictions on tech exports\"  2019-07"],
        );
        check(
            "Firms suffered from Japanese export curbs.",
            &["restrict  Japan  \"export curbs\""],
        );
    }
}
