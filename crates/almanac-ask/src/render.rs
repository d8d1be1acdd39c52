//! Facts in words: amounts, events as one sentence, and where they were read.

use almanac_measure::{Amount, AmountKind};
use almanac_model::{Event, Fact, FactKind, Modality, Role, TimeRef};
use almanac_time::Anchor;

use crate::time::describe;

/// An amount in words: `$28 million`, `937.6 billion won`, `30%`, `220 parts`.
pub(crate) fn amount(a: &Amount) -> String {
    almanac_measure::describe(a)
}

/// A number with at most three decimals and no trailing zeros.
fn number(value: f64) -> String {
    let s = format!("{value:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

/// The machine value of an amount: `28000000 USD`, `30 %`, `220 parts`.
pub(crate) fn amount_value(a: &Amount) -> String {
    let n = if a.value.fract() == 0.0 && a.value.abs() < 1e18 {
        format!("{}", a.value as i64)
    } else {
        number(a.value)
    };
    match &a.kind {
        AmountKind::Money { currency } => format!("{n} {currency}"),
        AmountKind::Percent => format!("{n}%"),
        AmountKind::Count { unit } => format!("{n} {unit}"),
        AmountKind::Number => n,
    }
}

/// An amount with its equivalent in another currency when the source gives one:
/// `937.6 billion won ($710 million)`.
pub(crate) fn amount_with_equivalent(amounts: &[Amount], index: usize) -> String {
    let Some(a) = amounts.get(index) else {
        return String::new();
    };
    let mut out = amount(a);
    let equivalent = a
        .equivalent
        .and_then(|j| amounts.get(j))
        .filter(|b| b.kind != a.kind && matches!(b.kind, AmountKind::Money { .. }))
        .or_else(|| {
            // Or the next money amount written right after it in parentheses.
            amounts.get(index + 1).filter(|b| {
                b.equivalent == Some(index)
                    && matches!(b.kind, AmountKind::Money { .. })
                    && b.kind != a.kind
            })
        });
    if let Some(b) = equivalent {
        out.push_str(&format!(" ({})", amount(b)));
    }
    out
}

/// The past tense of a verb lemma: `lift` → `lifted`, `slap` → `slapped`, `spend` → `spent`.
pub fn past(verb: &str) -> String {
    let (head, rest) = verb.split_once(' ').unwrap_or((verb, ""));
    let irregular = [
        ("spend", "spent"),
        ("make", "made"),
        ("give", "gave"),
        ("take", "took"),
        ("begin", "began"),
        ("go", "went"),
        ("say", "said"),
        ("put", "put"),
        ("set", "set"),
        ("pay", "paid"),
        ("sell", "sold"),
        ("buy", "bought"),
        ("build", "built"),
        ("win", "won"),
        ("hold", "held"),
        ("meet", "met"),
        ("choose", "chose"),
        ("bring", "brought"),
        ("seek", "sought"),
        ("lend", "lent"),
        ("cut", "cut"),
        ("beat", "beat"),
        ("lead", "led"),
        ("rise", "rose"),
        ("fall", "fell"),
        ("send", "sent"),
        ("be", "was"),
        ("have", "had"),
        ("do", "did"),
        ("run", "ran"),
        ("raise", "raised"),
    ];
    let done = if let Some((_, p)) = irregular.iter().find(|(v, _)| *v == head) {
        (*p).to_owned()
    } else if head.ends_with("ed") {
        head.to_owned()
    } else if head.ends_with('e') {
        format!("{head}d")
    } else if let Some(stem) = head
        .strip_suffix('y')
        .filter(|s| s.chars().last().is_some_and(|c| !"aeiou".contains(c)))
    {
        format!("{stem}ied")
    } else if doubles(head) {
        let last = head.chars().last().unwrap_or_default();
        format!("{head}{last}ed")
    } else {
        format!("{head}ed")
    };
    if rest.is_empty() {
        done
    } else {
        format!("{done} {rest}")
    }
}

/// One-syllable consonant-vowel-consonant verbs double their last letter: `slap`, `ban`, `scrap`.
fn doubles(verb: &str) -> bool {
    let b: Vec<char> = verb.chars().collect();
    let n = b.len();
    let vowel = |c: char| "aeiou".contains(c);
    let vowels = b.iter().filter(|c| vowel(**c)).count();
    n >= 3
        && vowels == 1
        && !vowel(b[n - 1])
        && !"wxy".contains(b[n - 1])
        && vowel(b[n - 2])
        && !vowel(b[n - 3])
}

fn preposition(class: &str) -> &'static str {
    match class {
        "restrict" | "lift" => "on",
        "invest" | "build" | "expand" => "in",
        "supply" | "pledge" | "sell" => "to",
        "agree" | "meet" => "with",
        _ => "for",
    }
}

/// What links an amount to what it is for: `invest $28 million in a plant`.
fn amount_preposition(verb: &str, class: &str) -> &'static str {
    let verb = crate::text::stem(verb);
    if ["spend", "allocat", "budget", "earmark"].contains(&verb.as_str()) {
        return "on";
    }
    match class {
        "invest" | "build" | "expand" => "in",
        "spend" => "on",
        _ => "for",
    }
}

/// An event as one sentence, without the final period:
/// `Japan lifted export restrictions on South Korea`.
pub(crate) fn event_clause(event: &Event) -> String {
    event_clause_with(event, None)
}

/// [`event_clause`] stating the amount at `amount` (an index into the event's amounts)
/// rather than its first money amount.
pub(crate) fn event_clause_with(event: &Event, amount: Option<usize>) -> String {
    let actor = event.actor.as_ref().map_or("someone", |a| a.name.as_str());
    let nominal = looks_nominal(&event.action);
    let verb = if event.action.is_empty() || nominal {
        // `Japan's restrictions on exports`: say it with the class's verb.
        match event.class.as_str() {
            "restrict" => "impose",
            class => class,
        }
    } else {
        event.action.as_str()
    };
    let verb_phrase = match (event.negated, event.modality) {
        (true, _) => format!("did not {verb}"),
        (false, Modality::Planned) => format!("plans to {verb}"),
        (false, Modality::Pledged) => format!("pledged to {verb}"),
        (false, Modality::Possible) => format!("may {verb}"),
        (false, Modality::Done | Modality::Reported) => past(verb),
    };
    let mut out = format!("{actor} {verb_phrase}");
    let money_verb = MONEY_VERBS.contains(&crate::text::stem(verb).as_str());
    let amount_index = amount
        .filter(|&i| i < event.amounts.len())
        .or_else(|| {
            event
                .amounts
                .iter()
                .position(|a| matches!(a.kind, AmountKind::Money { .. }))
        })
        .or(if event.amounts.is_empty() {
            None
        } else {
            Some(0)
        });
    let amount_text = amount_index.map(|i| amount_with_equivalent(&event.amounts, i));
    if let (true, Some(a)) = (money_verb, &amount_text) {
        out.push(' ');
        out.push_str(a);
    }
    // An object that only repeats the verb (`visit` for a visit) adds nothing.
    let object = event.object.as_deref().filter(|o| {
        let o = crate::text::stem(&crate::text::normalize(o));
        o != crate::text::stem(&event.action) && o != crate::text::stem(event.class.as_str())
    });
    if let Some(object) = object {
        if money_verb && amount_text.is_some() {
            out.push(' ');
            out.push_str(amount_preposition(verb, event.class.as_str()));
        }
        out.push(' ');
        out.push_str(object);
    }
    if let Some(target) = &event.target {
        if object.is_some() || (money_verb && amount_text.is_some()) {
            out.push(' ');
            out.push_str(preposition(event.class.as_str()));
        }
        out.push(' ');
        out.push_str(&target.name);
    }
    if let Some(place) = &event.place {
        if event.target.as_ref().is_none_or(|t| t.id != place.id) {
            out.push_str(" in ");
            out.push_str(&place.name);
        }
    }
    // Unless the object already says it: `designated 150 key strategic technologies`.
    let said = amount_index
        .and_then(|i| event.amounts.get(i))
        .is_some_and(|a| object.is_some_and(|o| o.replace(',', "").contains(&number(a.value))));
    if let (false, false, Some(a)) = (money_verb, said, &amount_text) {
        out.push_str(&format!(" ({a})"));
    }
    out
}

/// Verbs whose direct object is an amount of money: `invest $28 million in ...`.
const MONEY_VERBS: &[&str] = &[
    "invest", "spend", "fund", "pledg", "allocat", "pay", "provid", "rais", "pour", "inject",
    "budget", "earmark", "lend", "grant", "donat", "commit", "borrow", "earn", "los", "sell",
];

/// Whether an action "lemma" is really a noun (`restrictions`, `investment`), as nominal
/// extraction rules give them.
fn looks_nominal(action: &str) -> bool {
    let a = action.trim();
    [
        "tion", "tions", "sion", "sions", "ment", "ments", "ance", "ence", "al", "ure",
    ]
    .iter()
    .any(|suffix| a.ends_with(suffix))
        || (a.ends_with('s') && !a.ends_with("ss") && !a.ends_with("us"))
}

/// A role as one phrase: `Sung Yoon-mo, Minister of Trade, Industry and Energy of South Korea`.
pub(crate) fn role_clause(role: &Role) -> String {
    let mut out = format!("{}, {}", role.person.name, role.title);
    if let Some(org) = &role.organization {
        if !role.title.contains(&org.name) {
            out.push_str(&format!(" ({})", org.name));
        }
    }
    out
}

/// A fact as one sentence with its date first when known: `March 2023: Japan lifted ...`.
pub fn summary(fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Event(event) => match &event.time {
            Some(t) if crate::time::time_range(t).is_some() => {
                format!(
                    "{}: {}.",
                    describe(&t.value, t.modifier),
                    event_clause(event)
                )
            }
            _ => format!("{}.", event_clause(event)),
        },
        FactKind::Role(role) => match &role.as_of {
            Some(t) => format!(
                "{} (as of {}).",
                role_clause(role),
                describe(&t.value, t.modifier)
            ),
            None => format!("{}.", role_clause(role)),
        },
    }
}

/// How a relative time was resolved, for the source line: `"last month" = 2023-03`, when
/// the quoted `sentence` holds the expression; and how an inferred time was inferred.
pub(crate) fn time_note(time: &TimeRef, sentence: &str) -> Option<String> {
    let mut parts = Vec::new();
    let written =
        !time.text.is_empty() && sentence.to_lowercase().contains(&time.text.to_lowercase());
    if written && (time.anchor == Anchor::Reference || time.text.trim() != time.value) {
        parts.push(format!("{:?} = {}", time.text, time.value));
    }
    if let Some(note) = &time.note {
        parts.push(note.clone());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(verb: &str, expected: &str) {
        assert_eq!(past(verb), expected);
    }

    #[test]
    fn past_tenses() {
        for (v, p) in [
            ("lift", "lifted"),
            ("slap", "slapped"),
            ("spend", "spent"),
            ("pledge", "pledged"),
            ("supply", "supplied"),
            ("ban", "banned"),
            ("visit", "visited"),
            ("invest", "invested"),
            ("agree", "agreed"),
            ("designate", "designated"),
            ("put in", "put in"),
        ] {
            check(v, p);
        }
    }

    #[test]
    fn amounts_in_words() {
        use almanac_measure::Approx;
        let a = |value: f64, kind: AmountKind| Amount {
            span: 0..0,
            value,
            kind,
            approx: Approx::Exact,
            equivalent: None,
        };
        let usd = || AmountKind::Money {
            currency: "USD".into(),
        };
        assert_eq!(amount(&a(28e6, usd())), "$28 million");
        assert_eq!(amount(&a(4.6e9, usd())), "$4.6 billion");
        assert_eq!(amount(&a(30.0, AmountKind::Percent)), "30%");
        assert_eq!(
            amount(&a(
                220.0,
                AmountKind::Count {
                    unit: "parts".into()
                }
            )),
            "220 parts"
        );
        let mut won = a(
            937.6e9,
            AmountKind::Money {
                currency: "KRW".into(),
            },
        );
        won.equivalent = Some(1);
        let mut dollars = a(710e6, usd());
        dollars.equivalent = Some(0);
        assert_eq!(
            amount_with_equivalent(&[won.clone(), dollars], 0),
            "937.6 billion won ($710 million)"
        );
        assert_eq!(amount_value(&won), "937600000000 KRW");
    }
}
