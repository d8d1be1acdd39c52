//! Dates counted from the reference, and the anaphora of results stories: "last month", "two years
//! ago", "today", "the year-earlier period", "the latest quarter".

use super::*;

// NUM UNIT ("ago" | "earlier" | "later" | "from now"): "5 years ago", "a year earlier",
// "nearly 50 years ago"; "the day before", "the previous year", "the following week"
pub(super) fn ago(g: &Window, i: usize) -> Option<Hit> {
    let (modifier, k) = approx_prefix(g, i).map_or((None, i), |(m, k)| (Some(m), k));
    // "the previous year", "the following day", "the year before"
    if g.is(k, "the") && modifier.is_none() {
        if g.is_any(k + 1, &["previous", "prior", "preceding"]) {
            let (unit, end) = g.unit_n(k + 2, false)?;
            return Some(hit(i, end, shift_sem(unit, -1)));
        }
        if g.is_any(k + 1, &["following", "next"]) {
            let (unit, end) = g.unit_n(k + 2, false)?;
            if g.is(k + 1, "next") && unit != Unit::Day {
                return None;
            }
            return Some(hit(i, end, shift_sem(unit, 1)));
        }
        let (unit, end) = g.unit_n(k + 1, false)?;
        // "the week before last", "the month after next"
        if g.is(end, "before") && g.is(end + 1, "last") {
            return Some(hit(i, end + 2, shift_sem(unit, -2)));
        }
        if g.is(end, "after") && g.is(end + 1, "next") {
            return Some(hit(i, end + 2, shift_sem(unit, 2)));
        }
        if g.is_any(end, &["before", "earlier"]) && !g.is(end + 1, "yesterday") {
            let sentence_end =
                end + 1 >= g.toks.len() || g.tok(end + 1).is_some_and(|t| t.kind == Kind::Punct);
            if sentence_end {
                return Some(hit(i, end + 1, shift_sem(unit, -1)));
            }
        }
        if g.is_any(end, &["after", "later"]) && !g.is(end + 1, "tomorrow") {
            let sentence_end =
                end + 1 >= g.toks.len() || g.tok(end + 1).is_some_and(|t| t.kind == Kind::Punct);
            if sentence_end {
                return Some(hit(i, end + 1, shift_sem(unit, 1)));
            }
        }
        return None;
    }
    let (n, j) = g.num(k)?;
    let (unit, _, j) = g.unit(j)?;
    if n.fract() != 0.0 || n > 10_000.0 {
        return None;
    }
    let n = n as i32;
    let (sign, end) = if g.is_any(j, &["ago", "earlier"]) {
        (-1, j + 1)
    } else if g.is(j, "later") || g.is(j, "hence") {
        (1, j + 1)
    } else if g.is(j, "from") && g.is(j + 1, "now") {
        (1, j + 2)
    } else {
        return None;
    };
    let mut h = hit(i, end, shift_sem(unit, sign * n));
    h.modifier = modifier;
    // "from a year ago" compares with the period just named ("sales in the second quarter
    // rose from a year ago" is that quarter a year back)
    h.chained = g.is_any(j, &["earlier", "later"])
        || g.prev_is_any(i, &["from", "than", "with", "versus", "vs", "over"]);
    Some(h)
}

pub(super) fn shift_sem(unit: Unit, n: i32) -> Sense {
    match unit {
        // "a decade ago" is a year ten years back
        Unit::Decade => Sense::Shift {
            unit: Unit::Year,
            n: n.saturating_mul(10),
        },
        Unit::Century => Sense::Shift {
            unit: Unit::Year,
            n: n.saturating_mul(100),
        },
        Unit::Hour | Unit::Minute | Unit::Second => Sense::Shift {
            unit: Unit::Day,
            n: 0,
        },
        Unit::Half => Sense::Shift {
            unit: Unit::Month,
            n: n.saturating_mul(6),
        },
        Unit::Fortnight => Sense::Shift {
            unit: Unit::Week,
            n: n.saturating_mul(2),
        },
        u => Sense::Shift { unit: u, n },
    }
}

// "last year", "next week", "this month", "last weekend", "the coming year",
// "earlier this month", "later this year", "last July", "next spring"
pub(super) fn relative(g: &Window, i: usize) -> Option<Hit> {
    let mut k = i;
    if g.is_any(k, &["earlier", "later"]) {
        k += 1;
    }
    let the = g.is(k, "the");
    if the {
        k += 1;
    }
    // "the weekend", "over the weekend"
    if the && k == i + 1 && g.is(k, "weekend") {
        return Some(hit(
            i,
            k + 1,
            Sense::Weekend {
                which: Which::Tense,
            },
        ));
    }
    let off = if g.is(k, "last") {
        -1
    } else if g.is(k, "next") || g.is(k, "coming") {
        1
    } else if g.is_any(k, &["this", "current", "present"]) {
        0
    } else if g.is_any(k, &["previous", "prior", "past"]) && the {
        -1
    } else {
        return None;
    };
    let word_is_last = g.is(k, "last") || g.is(k, "past");
    if let Some((unit, false, end)) = g.unit(k + 1) {
        if unit == Unit::Second || unit == Unit::Hour || unit == Unit::Minute {
            return None;
        }
        // "the last year", "the past month", "the next week" (after over/for/within): a duration
        if the
            && (word_is_last
                || g.is_any(k, &["next", "coming"])
                    && g.prev_is_any(i, &["over", "for", "within", "during", "in", "throughout"]))
        {
            // "the last week of March" is a date, rarely written; keep the duration
            return Some(hit(i, end, dur(Some(1.0), unit)));
        }
        if unit == Unit::Weekend {
            let which = match off {
                -1 => Which::Last,
                1 => Which::Next,
                _ => Which::This,
            };
            return Some(hit(i, end, Sense::Weekend { which }));
        }
        if unit == Unit::Fortnight {
            return None;
        }
        let sem = if unit == Unit::Year {
            Sense::RelYear(off)
        } else {
            Sense::Rel { unit, off }
        };
        return Some(hit(i, end, sem));
    }
    if the {
        return None;
    }
    // "last July", "next March", "this May"
    if let Some((m, end, abbr)) = g.month(k + 1) {
        if abbr && !g.p(end - 1, ".") {
            return None;
        }
        let mut h = hit(
            i,
            end,
            Sense::Ym {
                y: YearSpec::Infer,
                m,
            },
        );
        h.tense = Some(match off {
            -1 => Tense::Past,
            1 => Tense::Future,
            _ => Tense::Present,
        });
        return Some(h);
    }
    // "last Friday", "next Tuesday", "this Monday": in weekday()
    None
}

// "today", "yesterday", "tomorrow", "tonight", "last night", "this morning", "yesterday
// afternoon", "the day before yesterday", "now"-less deictics
pub(super) fn deictic(g: &Window, i: usize) -> Option<Hit> {
    let w = g.word(i)?;
    let lower = Lower::new(w);
    let lower = lower.as_str();
    let day_off = match lower {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = day_off {
        let day = Sense::Rel {
            unit: Unit::Day,
            off,
        };
        if let Some((pod, end)) = g.pod(i + 1) {
            return Some(hit(
                i,
                end,
                Sense::PartOfDay {
                    day: Box::new(day),
                    pod,
                },
            ));
        }
        return Some(hit(i, i + 1, day));
    }
    if lower == "tonight" {
        return Some(hit(
            i,
            i + 1,
            Sense::PartOfDay {
                day: Box::new(Sense::Rel {
                    unit: Unit::Day,
                    off: 0,
                }),
                pod: DayPart::Night,
            },
        ));
    }
    if lower == "this" {
        let (pod, end) = g.pod(i + 1)?;
        return Some(hit(
            i,
            end,
            Sense::PartOfDay {
                day: Box::new(Sense::Rel {
                    unit: Unit::Day,
                    off: 0,
                }),
                pod,
            },
        ));
    }
    if lower == "last" && g.is(i + 1, "night") {
        return Some(hit(
            i,
            i + 2,
            Sense::PartOfDay {
                day: Box::new(Sense::Rel {
                    unit: Unit::Day,
                    off: -1,
                }),
                pod: DayPart::Night,
            },
        ));
    }
    if lower == "the" && g.is(i + 1, "day") {
        if g.is(i + 2, "before") && g.is(i + 3, "yesterday") {
            return Some(hit(
                i,
                i + 4,
                Sense::Rel {
                    unit: Unit::Day,
                    off: -2,
                },
            ));
        }
        if g.is(i + 2, "after") && g.is(i + 3, "tomorrow") {
            return Some(hit(
                i,
                i + 4,
                Sense::Rel {
                    unit: Unit::Day,
                    off: 2,
                },
            ));
        }
        if g.is(i + 2, "before") {
            return Some(hit(
                i,
                i + 3,
                Sense::Rel {
                    unit: Unit::Day,
                    off: -1,
                },
            ));
        }
    }
    None
}

/// Words that keep "the future" a noun ("the future of", "in the future, ...").
pub(super) const AFTER_FUTURE_NOUN: &[&str] = &[
    "of", "is", "was", "will", "and", "or", "as", "for", "in", "with", "that", "when", "holds",
    "looks", "remains", "but", "if", "to", "because", "depends", "lies", "at",
];

/// Nouns after "current" that make a fixed term, not a time ("the current account").
pub(super) const CURRENT_TERMS: &[&str] = &[
    "account",
    "accounts",
    "affairs",
    "assets",
    "liabilities",
    "ratio",
    "density",
    "flow",
    "flows",
    "source",
    "sources",
    "meter",
    "limit",
];

/// "current", "recent" or "present" at `i` is an adjective before a noun: a lowercase word
/// follows that is no verb or function word, and "present" follows a determiner (else it is
/// the verb: "to present results").
pub(super) fn adjective_before_noun(g: &Window, i: usize) -> bool {
    let Some(next) = g.word(i + 1) else {
        return false;
    };
    if !next.as_bytes()[0].is_ascii_lowercase() || g.unit(i + 1).is_some() {
        return false;
    }
    if g.is_any(i + 1, CURRENT_TERMS) && g.is(i, "current") {
        return false;
    }
    if g.is_any(
        i + 1,
        &[
            "was", "is", "were", "are", "of", "in", "and", "or", "to", "that", "which", "as", "at",
            "on", "for", "from", "by", "with", "has", "had", "will", "would", "the", "a",
        ],
    ) {
        return false;
    }
    if g.is(i, "present") {
        return g.prev_is_any(i, &["the", "its", "their", "our", "his", "her"]);
    }
    true
}

// The reporting period of a results story: "the quarter", "the latest quarter", "the most
// recent quarter", "the latest period", "the same period", "the year-earlier period", "the
// year-ago quarter", "the same quarter last year", "the same period a year ago"
pub(super) fn report(g: &Window, i: usize) -> Option<Hit> {
    if !g.is(i, "the") {
        return None;
    }
    let mut k = i + 1;
    let mut years = 0;
    let mut same = false;
    if g.is(k, "latest") || g.is(k, "reported") {
        k += 1;
    } else if g.is(k, "most") && g.is(k + 1, "recent") {
        k += 2;
    } else if g.is(k, "same") {
        same = true;
        k += 1;
    } else if g.is(k, "year")
        && g.is_dash(k + 1)
        && g.adj(k + 1)
        && g.adj(k + 2)
        && g.is_any(k + 2, &["earlier", "ago", "before"])
    {
        years = -1;
        k += 3;
    }
    let noun = g.is_any(k, &["quarter", "period"])
        || years != 0 && g.is_any(k, &["level", "levels", "figure", "figures"]);
    if !noun {
        return None;
    }
    // "the quarter of the market", "the period of ...", "the quarter-final"
    if g.is(k + 1, "of") || g.is_dash(k + 1) && g.adj(k + 1) {
        return None;
    }
    // a bare "the period" only where a results story uses it: "in the period"
    let bare = k == i + 1;
    if bare && g.is(k, "period") && !g.prev_is_any(i, &["in", "for", "during", "over"]) {
        return None;
    }
    if bare && g.prev_is_any(i, &["from", "of"]) && g.is(k, "quarter") {
        // "a quarter from the quarter before", "half of the quarter": too vague
        return None;
    }
    let mut end = k + 1;
    if same {
        // "the same period a year ago", "the same quarter last year", "... a year earlier"
        if g.is_any(end, &["a", "one"])
            && g.is(end + 1, "year")
            && g.is_any(end + 2, &["ago", "earlier", "before"])
        {
            years = -1;
            end += 3;
        } else if g.is(end, "last") && g.is(end + 1, "year") {
            years = -1;
            end += 2;
        } else if g.is(end, "of") && g.is(end + 1, "last") && g.is(end + 2, "year")
            || g.is(end, "the")
                && g.is_any(end + 1, &["previous", "prior"])
                && g.is(end + 2, "year")
        {
            years = -1;
            end += 3;
        }
    }
    let mut h = hit(i, end, Sense::Report { years });
    h.chained = years != 0;
    Some(h)
}
