//! Vague references: "now", "currently", "recently", "the near future" (PRESENT_REF, PAST_REF,
//! FUTURE_REF).

use super::*;

// "now", "currently", "recently", "lately", "the past", "the future", "the near future",
// "at present", "these days", "nowadays"
pub(super) fn vague(g: &Window, i: usize) -> Option<Hit> {
    let w = g.word(i)?;
    let lower = Lower::new(w);
    let lower = lower.as_str();
    let v = |value: &str| {
        fixed(
            TimexType::Date,
            value.into(),
            Granularity::Vague,
            Anchor::None,
        )
    };
    match lower {
        "now" | "currently" | "nowadays" => {
            // "now-defunct" is fine; "Now" as a name is rare
            Some(hit(i, i + 1, v("PRESENT_REF")))
        }
        "recently" | "lately" | "formerly" | "previously" => Some(hit(i, i + 1, v("PAST_REF"))),
        "present" if g.prev_is_any(i, &["at"]) => Some(hit(i, i + 1, v("PRESENT_REF"))),
        // "right now": "right" modifies "now" and stays in the span
        "right" if g.is(i + 1, "now") => Some(hit(i, i + 2, v("PRESENT_REF"))),
        // "long ago"
        "long" if g.is(i + 1, "ago") && !g.prev_is_any(i, &["how", "so", "too"]) => {
            Some(hit(i, i + 2, v("PAST_REF")))
        }
        // "soon", "shortly"; not "soon after the attack", "as soon as", "too soon"
        "soon" | "shortly"
            if !g.is_any(
                i + 1,
                &["after", "before", "thereafter", "afterwards", "as"],
            ) && !g.prev_is_any(i, &["as", "too", "how", "so"]) =>
        {
            Some(hit(i, i + 1, v("FUTURE_REF")))
        }
        // adjectival "current", "recent", "present" before a noun: "under current rules",
        // "recent data", "the present government"
        "current" | "recent" | "present" if adjective_before_noun(g, i) => {
            let value = if lower == "recent" {
                "PAST_REF"
            } else {
                "PRESENT_REF"
            };
            Some(hit(i, i + 1, v(value)))
        }
        "these" if g.is(i + 1, "days") && !g.prev_is_any(i, &["of", "in"]) => {
            Some(hit(i, i + 2, v("PRESENT_REF")))
        }
        "the" => {
            let mut k = i + 1;
            if g.is_any(
                k,
                &[
                    "near",
                    "foreseeable",
                    "distant",
                    "immediate",
                    "recent",
                    "distant",
                ],
            ) {
                k += 1;
            }
            let next_ok = |e: usize| match g.tok(e) {
                None => true,
                Some(t) if t.kind != Kind::Word => true,
                Some(_) => g.is_any(e, AFTER_FUTURE_NOUN) || g.cap(e),
            };
            if g.is(k, "future") && next_ok(k + 1) {
                return Some(hit(i, k + 1, v("FUTURE_REF")));
            }
            if g.is(k, "past") && next_ok(k + 1) && !g.is(k + 1, "of") {
                return Some(hit(i, k + 1, v("PAST_REF")));
            }
            if g.is(k, "moment") && g.prev_is_any(i, &["at"]) && k == i + 1 {
                return Some(hit(i, k + 1, v("PRESENT_REF")));
            }
            None
        }
        _ => None,
    }
}
