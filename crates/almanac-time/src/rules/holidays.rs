//! Holidays by name: fixed ("Christmas"), nth weekday ("Labor Day"), Easter-relative ("Good
//! Friday"), with or without a year.

use super::*;

/// The holiday named at `i`: (rule, next).
pub(super) fn holiday_name(g: &Window, i: usize) -> Option<(crate::holiday::Rule, usize)> {
    let first = g.word(i)?;
    if !first.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    let fixed = fixed_holiday_name(g, i, first);
    match (fixed, calendar_holiday_name(g, i)) {
        (Some(f), Some(c)) if c.1 > f.1 => Some(c),
        (f, c) => f.or(c),
    }
}

/// The longest name of the calendar holidays ([`crate::calendar_holiday_names`]) is at most
/// this many words.
const CALENDAR_NAME_WORDS: usize = 6;

/// The names of the calendar holidays, in the form [`crate::normalize_holiday_name`] gives.
fn calendar_names() -> &'static std::collections::HashSet<&'static str> {
    static NAMES: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| crate::calendar_holiday_names().collect())
}

/// The first words of the calendar holidays' names: the holiday rule's computed triggers.
pub(super) fn calendar_first_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = crate::calendar_holiday_names()
        .filter_map(|n| n.split(' ').next())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The last words of the calendar holidays' names: they open a scan window.
pub(super) fn calendar_last_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = crate::calendar_holiday_names()
        .filter_map(|n| n.rsplit(' ').next())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

// A holiday of another calendar, written as its name is: "Eid al-Adha", "Yom Kippur",
// "Lunar New Year", "Tisha B'Av" (hyphens read as spaces, apostrophes and periods dropped)
fn calendar_holiday_name(g: &Window, i: usize) -> Option<(crate::holiday::Rule, usize)> {
    let names = calendar_names();
    let mut key = String::new();
    let mut glue = false;
    let mut best = None;
    let mut words = 0;
    let mut k = i;
    while let Some(t) = g.toks.get(k) {
        match t.kind {
            Kind::Word if words < CALENDAR_NAME_WORDS && t.text.is_ascii() => {
                if !key.is_empty() && !glue {
                    key.push(' ');
                }
                key.extend(t.text.chars().map(|c| c.to_ascii_lowercase()));
                glue = false;
                words += 1;
                if let Some(name) = names.get(key.as_str()) {
                    best = Some((crate::holiday::Rule::Calendar(name), k + 1));
                }
            }
            Kind::Punct if g.is_apos(k) && !t.space => glue = true,
            Kind::Punct if t.text == "-" && !t.space => {}
            _ => break,
        }
        k += 1;
    }
    best
}

/// A name of [`crate::holiday::HOLIDAYS`] at `i`, whose first word is `first`.
fn fixed_holiday_name(g: &Window, i: usize, first: &str) -> Option<(crate::holiday::Rule, usize)> {
    let lower = Lower::new(first);
    'names: for (words, rule) in crate::holiday::HOLIDAYS {
        if words[0] != lower.as_str() {
            continue;
        }
        let mut k = i;
        for w in *words {
            let ok = match *w {
                "'" => g.is_apos(k),
                "." => g.p(k, "."),
                w => g.is(k, w),
            };
            if !ok {
                continue 'names;
            }
            k += 1;
        }
        return Some((*rule, k));
    }
    None
}

/// Words after a holiday name that keep it a day ("on Christmas and ...").
pub(super) const AFTER_HOLIDAY_OK: &[&str] = &[
    "in",
    "on",
    "at",
    "and",
    "or",
    "to",
    "for",
    "with",
    "this",
    "last",
    "next",
    "when",
    "as",
    "he",
    "she",
    "they",
    "we",
    "it",
    "the",
    "a",
    "was",
    "is",
    "will",
    "would",
    "weekend",
    "morning",
    "night",
    "evening",
    "afternoon",
    "holiday",
    "holidays",
    "break",
    "period",
    "week",
    "season",
];

// A holiday: "Christmas", "Christmas Day 2015", "Labor Day", "Easter 2017", "Good Friday";
// and some units before or after one: "three days before Easter 2017", "the week before
// Christmas", "the day after Christmas"
pub(super) fn holiday(g: &Window, i: usize) -> Option<Hit> {
    // "during Ramadan 2024", "throughout Hanukkah": a holiday of several days as a whole
    if g.is_any(i, &["during", "throughout"]) {
        let h = holiday(g, i + 1)?;
        let Sense::Holiday {
            rule: rule @ crate::holiday::Rule::Calendar(_),
            y,
        } = h.sem
        else {
            return None;
        };
        return Some(hit(i, h.end, Sense::HolidaySpan { rule, y }));
    }
    // "three days before Easter", "the day after Christmas"
    let (n, k) = if g.is(i, "the") {
        (Some(1), i + 1)
    } else if let Some((v, k)) = g.num(i).filter(|(v, _)| v.fract() == 0.0 && *v < 1000.0) {
        (Some(v as i32), k)
    } else {
        (None, i)
    };
    if let Some(n) = n {
        let (unit, _, e) = g.unit(k)?;
        if !matches!(unit, Unit::Day | Unit::Week | Unit::Month) {
            return None;
        }
        let sign = if g.is(e, "before") {
            -1
        } else if g.is_any(e, &["after", "from"]) {
            1
        } else {
            return None;
        };
        // a holiday, or a day: "a week from Friday", "two days before yesterday"
        let base = holiday(g, e + 1).filter(|_| !g.is(e, "from")).or_else(|| {
            let day = [deictic, weekday, month_day]
                .into_iter()
                .filter_map(|r| r(g, e + 1))
                .max_by_key(|h| h.end)?;
            if !is_day_sem(&day.sem) || !matches!(unit, Unit::Day | Unit::Week) {
                return None;
            }
            Some(day)
        })?;
        // counted in days from a plain day ("a week from today" is a day)
        let (unit, n) = match (&base.sem, unit) {
            (Sense::Holiday { .. }, u) => (u, n),
            (_, Unit::Week) => (Unit::Day, n * 7),
            (_, u) => (u, n),
        };
        let end = base.end;
        let mut h = hit(
            i,
            end,
            Sense::Offset {
                base: Box::new(base.sem),
                unit,
                n: sign * n,
            },
        );
        h.tense = base.tense;
        return Some(h);
    }
    let (rule, j) = holiday_name(g, i)?;
    if let Some((y, end)) = year_tail(g, j) {
        return Some(hit(i, end, Sense::Holiday { rule, y }));
    }
    // "Christmas tree", "Christmas Island", "the Easter Rising": a name or a kind, not a day
    if let Some(next) = g.word(j) {
        if !g.is_any(j, AFTER_HOLIDAY_OK) {
            return None;
        }
        let _ = next;
    }
    if g.prev_is_any(i, &["the", "a", "an", "this", "that"]) && j == i + 1 {
        return None;
    }
    Some(hit(
        i,
        j,
        Sense::Holiday {
            rule,
            y: YearSpec::Infer,
        },
    ))
}
