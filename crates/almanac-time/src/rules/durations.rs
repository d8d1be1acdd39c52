//! Durations: "four years", "more than a week", "the past 18 months", "within 20 minutes".

use super::*;

pub(super) fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let Some(n) = n else {
        return match unit {
            Unit::Hour => "PTXH".into(),
            Unit::Minute => "PTXM".into(),
            Unit::Second => "PTXS".into(),
            Unit::Decade => "PXDE".into(),
            Unit::Century => "PXCE".into(),
            Unit::Year | Unit::Half => "PXY".into(),
            Unit::Quarter | Unit::Month => "PXM".into(),
            Unit::Week | Unit::Fortnight => "PXW".into(),
            Unit::Weekend | Unit::Day => "PXD".into(),
        };
    };
    // whole multiples of a smaller unit when the number is fractional
    let (n, t, letter) = match unit {
        Unit::Year if n.fract() != 0.0 && (n * 12.0).fract() == 0.0 => (n * 12.0, "", "M"),
        Unit::Year => (n, "", "Y"),
        Unit::Half => (n * 6.0, "", "M"),
        Unit::Quarter => (n * 3.0, "", "M"),
        Unit::Month if n.fract() != 0.0 && (n * 30.0).fract() == 0.0 => (n * 30.0, "", "D"),
        Unit::Month => (n, "", "M"),
        Unit::Week if n.fract() != 0.0 => (n * 7.0, "", "D"),
        Unit::Week => (n, "", "W"),
        Unit::Fortnight => (n * 2.0, "", "W"),
        Unit::Weekend => (n * 2.0, "", "D"),
        Unit::Day if n.fract() != 0.0 => (n * 24.0, "T", "H"),
        Unit::Day => (n, "", "D"),
        Unit::Hour if n.fract() != 0.0 => (n * 60.0, "T", "M"),
        Unit::Hour => (n, "T", "H"),
        Unit::Minute => (n, "T", "M"),
        Unit::Second => (n, "T", "S"),
        Unit::Decade if n.fract() != 0.0 => (n * 10.0, "", "Y"),
        Unit::Decade => (n, "", "DE"),
        Unit::Century if n.fract() != 0.0 => (n * 100.0, "", "Y"),
        Unit::Century => (n, "", "CE"),
    };
    if n.fract() == 0.0 && (0.0..1e15).contains(&n) {
        ValueText::new().s("P").s(t).n(n as u64, 1).s(letter).0
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("P{t}{}{letter}", n as i64)
    } else {
        format!("P{t}{n}{letter}")
    }
}

pub(super) fn unit_gran(unit: Unit) -> Granularity {
    match unit {
        Unit::Century => Granularity::Century,
        Unit::Decade => Granularity::Decade,
        Unit::Year => Granularity::Year,
        Unit::Half => Granularity::Half,
        Unit::Quarter => Granularity::Quarter,
        Unit::Month => Granularity::Month,
        Unit::Week | Unit::Fortnight | Unit::Weekend => Granularity::Week,
        Unit::Day => Granularity::Day,
        Unit::Hour => Granularity::Hour,
        Unit::Minute => Granularity::Minute,
        Unit::Second => Granularity::Second,
    }
}

pub(super) fn dur(n: Option<f64>, unit: Unit) -> Sense {
    fixed(
        TimexType::Duration,
        duration_value(n, unit),
        unit_gran(unit),
        Anchor::None,
    )
}

/// "about", "around", "nearly", "almost", "some", "roughly", "approximately", "more than",
/// "over", "less than", "under", "at least": (modifier, next).
pub(super) fn approx_prefix(g: &Window, i: usize) -> Option<(Modifier, usize)> {
    // every word below is in APPROX_WORDS
    if g.word(i).is_none() || g.toks[i].lex & crate::lex::APPROX == 0 {
        return None;
    }
    // "at" (frequent) only as "at least", "at most"
    if g.is(i, "at") {
        return if g.is(i + 1, "least") {
            Some((Modifier::MoreThan, i + 2))
        } else if g.is(i + 1, "most") {
            Some((Modifier::LessThan, i + 2))
        } else {
            None
        };
    }
    if g.is_any(
        i,
        &[
            "about",
            "around",
            "nearly",
            "almost",
            "roughly",
            "approximately",
            "some",
            "approx",
            "close",
        ],
    ) {
        if g.is(i, "close") {
            return g.is(i + 1, "to").then_some((Modifier::Approx, i + 2));
        }
        return Some((Modifier::Approx, i + 1));
    }
    if g.is_any(i, &["more", "longer"]) && g.is(i + 1, "than") {
        return Some((Modifier::MoreThan, i + 2));
    }
    if g.is_any(i, &["less", "fewer", "shorter"]) && g.is(i + 1, "than") {
        return Some((Modifier::LessThan, i + 2));
    }
    if g.is(i, "up") && g.is(i + 1, "to") {
        return Some((Modifier::LessThan, i + 2));
    }
    if g.is(i, "at") && g.is(i + 1, "least") {
        return Some((Modifier::MoreThan, i + 2));
    }
    if g.is(i, "at") && g.is(i + 1, "most") {
        return Some((Modifier::LessThan, i + 2));
    }
    if g.is(i, "under") && g.num(i + 1).is_some() {
        return Some((Modifier::LessThan, i + 1));
    }
    None
}

// Durations: "19 days", "nineteen days", "a year", "4 to 6 years", "about two years",
// "the past 4 years", "the last 19 years", "the next five years", "several years",
// "recent years", "the coming months", "for years", "five-year", "half a year"
pub(super) fn duration(g: &Window, i: usize) -> Option<Hit> {
    // "at 1700 hours" is a time of day
    if g.prev_is_any(i, &["at"]) && g.digits(i).is_some_and(|(_, n)| n == 4) {
        return None;
    }
    let (modifier, k) = approx_prefix(g, i).map_or((None, i), |(m, k)| (Some(m), k));
    // "another six months", "an additional 90 days", "a further two weeks"
    let k = if g.is_any(k, &["another", "additional", "further"]) && g.num(k + 1).is_some() {
        k + 1
    } else if g.is_any(k, &["a", "an"])
        && g.is_any(k + 1, &["additional", "further"])
        && g.num(k + 2).is_some()
    {
        k + 2
    } else {
        k
    };
    let mut h = duration_core(g, k)?;
    if h.modifier.is_none() {
        h.modifier = modifier;
    }
    h.start = i;
    Some(h)
}

/// An age follows a count and its unit at `end`: "6-year-old", "10-year-olds", "23 years old",
/// "70 years of age". Ages are not times (TimeML tags no TIMEX3 for them).
pub(super) fn is_age(g: &Window, end: usize) -> bool {
    let olds = |k: usize| g.is_any(k, &["old", "olds"]);
    g.is_dash(end) && g.adj(end) && g.adj(end + 1) && olds(end + 1)
        || olds(end)
        || g.is(end, "of") && g.is(end + 1, "age")
}

pub(super) fn duration_core(g: &Window, k: usize) -> Option<Hit> {
    // "half a year", "half an hour"
    if g.is(k, "half") && g.is_any(k + 1, &["a", "an"]) {
        let (unit, end) = g.unit_n(k + 2, false)?;
        return Some(hit(k, end, dur(Some(0.5), unit)));
    }
    // "the past/last/next/first/coming/previous/following [NUM|few|several] UNITS"
    let (lead, k2) = if g.is(k, "the") {
        if g.is_any(
            k + 1,
            &[
                "past",
                "last",
                "next",
                "first",
                "coming",
                "previous",
                "following",
                "final",
                "recent",
                "latest",
                "preceding",
                "ensuing",
                "last",
            ],
        ) {
            (true, k + 2)
        } else if g
            .num(k + 1)
            .is_some_and(|(_, j)| !g.is_any(k + 1, &["a", "an"]) && g.unit_n(j, true).is_some())
        {
            // "the six months to June", "the three months ended in September"
            (true, k + 1)
        } else {
            (false, k)
        }
    } else if g.is_any(k, &["past", "last", "next", "recent"]) && !g.is(k + 1, "year") {
        (true, k + 1)
    } else {
        (false, k)
    };
    let k2 = if lead && g.is_any(k2, &["couple"]) && g.is(k2 + 1, "of") {
        // "the past couple of years"
        let (unit, end) = g.unit_n(k2 + 2, true)?;
        return Some(hit(k, end, dur(Some(2.0), unit)));
    } else {
        k2
    };
    // "a couple of years"
    if g.is(k2, "a") && g.is(k2 + 1, "couple") && g.is(k2 + 2, "of") {
        let (unit, end) = g.unit_n(k2 + 3, true)?;
        return Some(hit(k, end, dur(Some(2.0), unit)));
    }
    // vague counts: "several years", "a few months", "many decades", "the past few years"
    let vague_at = if g.is(k2, "a") && g.is(k2 + 1, "few") {
        Some(k2 + 2)
    } else if g.is_any(
        k2,
        &["several", "many", "few", "some", "numerous", "countless"],
    ) {
        Some(k2 + 1)
    } else {
        None
    };
    if let Some(u) = vague_at {
        let (unit, end) = g.unit_n(u, true)?;
        if g.is(k2, "some") && !lead {
            return None;
        }
        return Some(hit(k, end, dur(None, unit)));
    }
    if let Some((n, j)) = g.num(k2) {
        // "4 to 6 years", "four-to-six years", "3-5 years"
        let mut j2 = j;
        if g.is_any(j, &["to", "or"]) || g.is_dash(j) {
            if let Some((_, j3)) = g
                .num(j + 1)
                .filter(|(m, _)| *m > n && !g.is_any(j + 1, &["a", "an"]))
            {
                if g.unit(j3).is_some() {
                    j2 = j3;
                }
            }
        }
        // "five-year", "24-hour"
        if g.is_dash(j2) && g.adj(j2) && g.adj(j2 + 1) {
            j2 += 1;
        }
        // "seven consecutive months", "three straight years"
        if g.is_any(
            j2,
            &[
                "consecutive",
                "straight",
                "successive",
                "full",
                "long",
                "more",
                "additional",
                "further",
            ],
        ) {
            j2 += 1;
        }
        let (unit, plural, end) = g.unit(j2)?;
        if unit == Unit::Second && !plural && n == 1.0 {
            return None;
        }
        if is_age(g, end) {
            return None;
        }
        if unit == Unit::Weekend || unit == Unit::Quarter && g.is_any(k2, &["a", "an"]) && !lead {
            // "a quarter" is usually a fraction ("a quarter of the market")
            if unit == Unit::Quarter && !g.is_any(end, &["of"]) {
                return Some(hit(k, end, dur(Some(n), unit)));
            }
            return None;
        }
        // a year number is not a count ("2019 years" is odd; "2,000 years" is fine)
        // "a year" right after "a" article in "a year-long" is fine too
        if g.is_any(k2, &["a", "an", "one"]) && plural && n == 1.0 {
            return None;
        }
        // adjectival "one-day gain": fine; a duration spanning "the" only if lead
        let start = if lead { k } else { k2.min(k) };
        let mut h = hit(start, end, dur(Some(n), unit));
        // "a year and a half"
        if g.is(end, "and") && g.is(end + 1, "a") && g.is(end + 2, "half") {
            h.end = end + 3;
            h.sem = dur(Some(n + 0.5), unit);
        }
        return Some(h);
    }
    if lead {
        // "the past years" (rare) / "recent years", "the coming months"
        let (unit, end) = g.unit_n(k2, true)?;
        return Some(hit(k, end, dur(None, unit)));
    }
    // "the whole week", "the entire year", "the full month"
    // ("the full year" of a results story is the fiscal year, a date)
    if g.is_any(k, &["the", "a", "an"])
        && g.is_any(k + 1, &["whole", "entire", "full"])
        && !(g.is(k, "the") && g.is(k + 1, "full"))
    {
        let (unit, end) = g.unit_n(k + 2, false)?;
        if matches!(unit, Unit::Second | Unit::Weekend) {
            return None;
        }
        return Some(hit(k, end, dur(Some(1.0), unit)));
    }
    // "a five-year period", "the 12-month span"
    if g.is_any(k, &["a", "an", "the"]) {
        if let Some((n, j)) = g.num(k + 1).filter(|_| !g.is_any(k + 1, &["a", "an"])) {
            if g.is_dash(j) && g.adj(j) && g.adj(j + 1) {
                if let Some((unit, false, end)) = g.unit(j + 1) {
                    if g.is_any(end, &["period", "span", "stretch", "window", "term"]) {
                        return Some(hit(k, end + 1, dur(Some(n), unit)));
                    }
                }
            }
        }
    }
    // "the years ahead", "the months ahead"
    if g.is(k, "the") && g.is(k + 2, "ahead") {
        let (unit, end) = g.unit_n(k + 1, true)?;
        return Some(hit(k, end + 1, dur(None, unit)));
    }
    // "over the years", "over the decades"
    if g.is(k, "the") && g.prev_is_any(k, &["over", "through", "throughout"]) {
        let (unit, end) = g.unit_n(k + 1, true)?;
        if matches!(
            unit,
            Unit::Year | Unit::Decade | Unit::Century | Unit::Month
        ) {
            return Some(hit(k, end, dur(None, unit)));
        }
        return None;
    }
    // bare plurals after "for", "after", "in", "within", "took": "for years", "after decades"
    if let Some((unit, true, end)) = g.unit(k) {
        if g.prev_is_any(
            k,
            &[
                "for", "after", "in", "within", "took", "take", "takes", "taking", "spent",
                "lasted", "than",
            ],
        ) && !g.is(end, "of")
            || g.prev_is_any(k, &["after", "for"])
        {
            if matches!(unit, Unit::Second | Unit::Weekend | Unit::Quarter) {
                return None;
            }
            return Some(hit(k, end, dur(None, unit)));
        }
    }
    None
}

/// A month or year that a part can be counted in, at `k`: "October", "March 2015", "next
/// month", "last year", "2019", "the year", "the month". Returns (sense, next).
pub(super) fn period_at(g: &Window, k: usize) -> Option<(Sense, usize)> {
    if let Some((y, e)) = g.year4(k).or_else(|| {
        g.digits(k)
            .filter(|&(v, n)| n == 4 && (1000..=2999).contains(&v))
            .map(|(v, _)| (v as i32, k + 1))
    }) {
        let value = fmt_year(y);
        let sem = fixed(TimexType::Date, value, Granularity::Year, Anchor::Absolute);
        return Some((sem, e));
    }
    if g.is(k, "the") {
        let (unit, e) = g.unit_n(k + 1, false)?;
        return match unit {
            Unit::Year => Some((Sense::RelYear(0), e)),
            Unit::Month => Some((Sense::Rel { unit, off: 0 }, e)),
            _ => None,
        };
    }
    for rule in [month_year, month_alone_any, relative] {
        if let Some(h) = rule(g, k) {
            if matches!(
                h.sem,
                Sense::Ym { .. }
                    | Sense::RelYear(_)
                    | Sense::Rel {
                        unit: Unit::Month,
                        ..
                    }
            ) {
                return Some((h.sem, h.end));
            }
        }
    }
    None
}

// Counting inside a period: "the last Monday of October", "the first Sunday of March 2015",
// "the 20th day of last month", "the last day of February", "the third week of next year",
// "the 2nd last week of 2019"; and "the 29th" alone after "on"
pub(super) fn within(g: &Window, i: usize) -> Option<Hit> {
    if !g.is(i, "the") {
        return None;
    }
    let k = i + 1;
    let (n, k) = if g.is(k, "last") {
        (-1, k + 1)
    } else {
        let (v, e) = g.ordinal(k)?;
        let v = i32::try_from(v).ok()?;
        // "the 2nd last week": counted from the end
        if g.is(e, "last") { (-v, e + 1) } else { (v, e) }
    };
    let (part, k) = if let Some((wd, e, _)) = g.weekday(k) {
        (Part::Weekday { n, wd }, e)
    } else if g.is(k, "day") {
        (Part::Day { n }, k + 1)
    } else if g.is(k, "week") {
        (Part::Week { n }, k + 1)
    } else {
        // "on the 29th": a day of this month, by tense
        let plain = n > 0
            && n <= 31
            && g.digits(i + 1).is_some()
            && g.prev_is_any(
                i,
                &[
                    "on", "by", "until", "till", "from", "since", "before", "after",
                ],
            )
            && g.tok(k)
                .is_none_or(|t| t.kind == Kind::Punct || g.is_any(k, &["at", "and", "or"]));
        if plain {
            return Some(hit(i, k, Sense::DayOfMonth { d: n as u32 }));
        }
        return None;
    };
    if !g.is_any(k, &["of", "in"]) {
        return None;
    }
    let (base, end) = period_at(g, k + 1)?;
    if matches!(part, Part::Weekday { .. }) && !matches!(base, Sense::Ym { .. }) {
        return None;
    }
    if !(-5..=53).contains(&n) || n == 0 {
        return None;
    }
    Some(hit(
        i,
        end,
        Sense::Within {
            base: Box::new(base),
            part,
        },
    ))
}
