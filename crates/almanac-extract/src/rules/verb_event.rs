//! `verb_event`: an event verb in the active voice with its subject, target, object, time,
//! amounts and place: `Last month, Japan lifted export restrictions on South Korea.`
//!
//! Light verbs (`slap`, `impose`, `end`) make an event only with a restriction noun as
//! object, and take their class from [`crate::lexicon::LIGHT_VERBS`].

use almanac_model::{Event, FactKind};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::lexicon;

/// The rule.
pub const RULE: Rule = Rule {
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
        // `pledged to spend`, `agreed to buy`: the second verb carries the event.
        if matches!(v.class, "pledge" | "agree")
            && s.low(i + 1) == "to"
            && clause::verb_at(s, i + 2).is_some()
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
        let infinitive = i > 0 && s.low(i - 1) == "to";
        let (actor, anaphoric) = match clause::subject(s, i, state) {
            Some((a, an)) => (Some(a), an),
            None if infinitive => (state.sentence_actor.clone(), true),
            None => (None, false),
        };
        let amounts = clause::amounts_of(s, i, &win);
        let has_args = args.target.is_some()
            || args.object.is_some()
            || args.place.is_some()
            || !amounts.is_empty();
        if actor.is_none() || !(has_args || matches!(v.class, "resign" | "announce" | "win")) {
            continue;
        }
        if actor.as_ref().map(|a| &a.id) == args.target.as_ref().map(|t| &t.id) {
            continue;
        }
        let event = Event {
            actor: actor.clone(),
            action: v.lemma.to_owned(),
            class: v.class.to_owned(),
            target: args.target,
            object: args.object,
            time: clause::time_of(s, i, &win),
            amounts,
            place: args.place,
            negated: clause::negated(s, i),
            modality: match clause::modality(s, i) {
                // a bare infinitive states a purpose: `to build a plant`
                almanac_model::Modality::Done | almanac_model::Modality::Reported if infinitive => {
                    almanac_model::Modality::Planned
                }
                m => m,
            },
        };
        if !anaphoric {
            state.last_actor.clone_from(&actor);
        }
        state.sentence_actor = actor;
        out.push(Found {
            kind: FactKind::Event(event),
            confidence: if anaphoric { 0.65 } else { 0.8 },
        });
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
}
