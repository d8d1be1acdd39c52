//! Ranges written as one expression, joined after the single rules ran: "June 9-12", "from 3pm to
//! 5:30pm", "between 2019 and 2021".

use super::*;

// ---------------------------------------------------------------------------------------------
// Ranges: two ends joined into one expression after the rules have matched

/// Which ends can make a range together: both days, both months, both years, both clock
/// times or both quarters.
pub(super) fn range_kind(sem: &Sense) -> Option<u8> {
    match sem {
        Sense::Ymd { .. } | Sense::YmdWeekday { .. } | Sense::Weekday { .. } => Some(1),
        Sense::Ym { .. } => Some(2),
        Sense::Fixed {
            kind: TimexType::Date,
            gran: Granularity::Year,
            value,
            ..
        } if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) => Some(3),
        Sense::Clock { .. } => Some(4),
        Sense::Quarter { .. } => Some(5),
        _ => None,
    }
}

/// The year written on one end, if any.
pub(super) fn written_year(sem: &Sense) -> Option<YearSpec> {
    match sem {
        Sense::Ymd { y, .. } | Sense::Ym { y, .. } | Sense::Quarter { y, .. } => {
            (*y != YearSpec::Infer).then_some(*y)
        }
        _ => None,
    }
}

/// Gives `sem` the year `y` if it has none ("June 9 to June 12, 2016": both in 2016).
pub(super) fn with_year(sem: Sense, year: Option<YearSpec>) -> Sense {
    let Some(yy) = year else { return sem };
    match sem {
        Sense::Ymd {
            y: YearSpec::Infer,
            m,
            d,
        } => Sense::Ymd { y: yy, m, d },
        Sense::Ym {
            y: YearSpec::Infer,
            m,
        } => Sense::Ym { y: yy, m },
        Sense::Quarter {
            y: YearSpec::Infer,
            q,
        } => Sense::Quarter { y: yy, q },
        other => other,
    }
}

/// A range of two ends, each taking the year the other one writes.
pub(super) fn range_sem(a: Sense, b: Sense) -> Sense {
    let (ya, yb) = (written_year(&a), written_year(&b));
    Sense::Range {
        a: Box::new(with_year(a, yb)),
        b: Box::new(with_year(b, ya)),
    }
}

/// The word between the ends: "to", "through", "until", a dash; "and" after "between".
pub(super) fn range_link(g: &Window, k: usize, between: bool, from: bool) -> bool {
    if between {
        return g.is(k, "and");
    }
    g.is_any(k, &["to", "through", "thru"])
        || g.is_dash(k)
        || from && g.is_any(k, &["until", "till"])
}

/// A day number ending at token `k` ("9", "9th", "the 9th"): (day, first token).
pub(super) fn day_ending_at(g: &Window, k: usize) -> Option<(u32, usize)> {
    let start = if g.is_any(k, &["st", "nd", "rd", "th"]) && g.adj(k) && k > 0 {
        k - 1
    } else {
        k
    };
    let (d, n) = g.digits(start)?;
    if n > 2 || !(1..=31).contains(&d) || start > 0 && g.adj(start) && !g.p(start - 1, "(") {
        return None;
    }
    Some(if start > 0 && g.is(start - 1, "the") {
        (d, start - 1)
    } else {
        (d, start)
    })
}

/// "1914-1918", "1939–45", "2015-16", "2015/16": two years joined by a dash or a slash.
pub(super) fn year_pair(g: &Window, i: usize) -> Option<Hit> {
    let (y1, _) = g.year4(i).or_else(|| {
        let (v, n) = g.digits(i)?;
        (n == 4 && (1000..=2999).contains(&v)).then_some((v as i32, i + 1))
    })?;
    if i > 0 && g.adj(i) && !g.p(i - 1, "(") {
        return None;
    }
    if !(g.is_dash(i + 1) || g.p(i + 1, "/")) || !g.adj(i + 1) || !g.adj(i + 2) {
        return None;
    }
    let (v, n) = g.digits(i + 2)?;
    let y2 = match n {
        4 => v as i32,
        2 => y1 - y1 % 100 + v as i32,
        _ => return None,
    };
    if y2 <= y1 || y2 - y1 > 50 || g.adj(i + 3) && !g.p(i + 3, ",") && !g.p(i + 3, ".") {
        return None;
    }
    // "2019-20 percent": an amount
    if g.p(i + 3, "%") || g.is_any(i + 3, &["percent", "million", "billion"]) {
        return None;
    }
    let year = |y: i32| {
        fixed(
            TimexType::Date,
            fmt_year(y),
            Granularity::Year,
            Anchor::Absolute,
        )
    };
    Some(hit(i, i + 3, range_sem(year(y1), year(y2))))
}

/// Joins the ends of ranges among `hits` (sorted, disjoint): "June 9-12", "9-12 June",
/// "from June 9 to June 12", "between the 9th and the 17th of May", "Monday through Friday",
/// "from 3pm to 5:30pm", "from 8 to 11 pm", "Friday from 10 to 10:45", "1914-1918".
/// "from" and "between" join the span (as chat-style taggers write a range).
pub(crate) fn ranges(g: &Window, hits: &mut Vec<Hit>) {
    // cheap test first: most windows have no hit next to a range word
    let link = |k: usize| {
        g.toks.get(k).is_some_and(|t| match t.kind {
            Kind::Punct => matches!(t.text, "-" | "\u{2013}" | "\u{2014}" | "/"),
            Kind::Word => {
                matches!(t.text.as_bytes()[0] | 0x20, b't' | b'u' | b'a')
                    && g.is_any(k, &["to", "through", "thru", "until", "till", "and"])
            }
            Kind::Num => false,
        })
    };
    let near_link = hits
        .iter()
        .any(|h| link(h.end) || h.start >= 2 && link(h.start - 1));
    let pair_tokens = || {
        g.toks.windows(3).any(|w| {
            w[0].kind == Kind::Num
                && !w[1].space
                && matches!(w[1].text, "-" | "\u{2013}" | "\u{2014}" | "/")
                && w[2].kind == Kind::Num
                && !w[2].space
        })
    };
    if !near_link && !pair_tokens() {
        return;
    }
    // year pairs are not single hits: find them in the tokens
    let mut extra = Vec::new();
    for i in 0..g.toks.len() {
        // cheap test first: digits, a dash or slash, digits, all glued
        let pair_like = g.toks[i].kind == Kind::Num
            && (g.is_dash(i + 1) || g.p(i + 1, "/"))
            && g.adj(i + 1)
            && g.adj(i + 2)
            && g.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Num);
        if !pair_like {
            continue;
        }
        let covered = hits
            .iter()
            .any(|h| h.start <= i && i < h.end && h.end - h.start > 1);
        if covered {
            continue;
        }
        if let Some(h) = year_pair(g, i) {
            extra.push(h);
        }
    }
    if !extra.is_empty() {
        hits.retain(|h| !extra.iter().any(|e| h.start < e.end && e.start < h.end));
        hits.extend(extra);
        hits.sort_by_key(|h| h.start);
    }
    if hits.is_empty() {
        return;
    }
    let src = std::mem::take(hits);
    let mut out: Vec<Hit> = Vec::with_capacity(src.len());
    let mut it = src.into_iter().peekable();
    while let Some(mut h) = it.next() {
        let free = |k: usize| out.last().is_none_or(|p: &Hit| p.end <= k);
        let lead = |k: usize| k > 0 && g.is_any(k - 1, &["from", "between"]) && free(k - 1);
        // HIT LINK HIT
        if let Some(next) = it.peek() {
            let from = lead(h.start);
            let between = from && g.is(h.start - 1, "between");
            let kind = range_kind(&h.sem);
            // years and months joined by words stay two expressions, as TimeBank writes
            // "from 2019 to 2023"; days, clock times and quarters, or any two ends joined by
            // a dash, make one
            let words_ok = matches!(kind, Some(1 | 4 | 5)) || g.is_dash(h.end);
            if next.start == h.end + 1
                && kind.is_some()
                && kind == range_kind(&next.sem)
                && words_ok
                && range_link(g, h.end, between, from)
                && !matches!(h.sem, Sense::Clock { day: Some(_), .. })
            {
                let next = it.next().expect("peeked");
                let start = if from { h.start - 1 } else { h.start };
                let tense = h.tense.or(next.tense);
                h = hit(start, next.end, range_sem(h.sem, next.sem));
                h.tense = tense;
                let joined = join_day(g, &mut out, h);
                out.push(joined);
                continue;
            }
        }
        // DAY-MONTH-DAY tail: "June 9-12", "June 9 to 12, 2016"
        if let Sense::Ymd { y, m, d } = h.sem {
            let from = lead(h.start);
            let between = from && g.is(h.start - 1, "between");
            if g.month(h.start).is_some() && range_link(g, h.end, between, from) {
                if let Some((d2, e)) = g.day(h.end + 1).filter(|&(d2, _)| d2 > d) {
                    let next_free = it.peek().is_none_or(|n| n.start >= e);
                    if next_free && g.month(e).is_none() {
                        let (y, end) = match year_tail(g, e) {
                            Some((yy, end)) if y == YearSpec::Infer => (yy, end),
                            _ => (y, e),
                        };
                        let next_free = it.peek().is_none_or(|n| n.start >= end);
                        if next_free {
                            let start = if from { h.start - 1 } else { h.start };
                            let tense = h.tense;
                            h = hit(
                                start,
                                end,
                                range_sem(Sense::Ymd { y, m, d }, Sense::Ymd { y, m, d: d2 }),
                            );
                            h.tense = tense;
                            out.push(h);
                            continue;
                        }
                    }
                }
            }
        }
        // DAY LINK DAY-MONTH head: "9-12 June", "between the 9th and the 17th of May"
        if let Sense::Ymd { y, m, d } = h.sem {
            if h.start >= 2 && g.weekday(h.start).is_none() {
                if let Some((d1, s)) = day_ending_at(g, h.start - 2).filter(|&(d1, _)| d1 < d) {
                    let from = lead(s);
                    let between = from && g.is(s - 1, "between");
                    if free(s) && range_link(g, h.start - 1, between, from) {
                        let start = if from { s - 1 } else { s };
                        let (end, tense) = (h.end, h.tense);
                        h = hit(
                            start,
                            end,
                            range_sem(Sense::Ymd { y, m, d: d1 }, Sense::Ymd { y, m, d }),
                        );
                        h.tense = tense;
                        out.push(h);
                        continue;
                    }
                }
            }
        }
        // from HOUR LINK CLOCK: "from 8 to 11 pm", "from 10 to 10:45"
        if let Sense::Clock {
            day: None, h: h2, ..
        } = h.sem
        {
            if h.start >= 3 && range_link(g, h.start - 1, g.is(h.start - 3, "between"), true) {
                let s = h.start - 2;
                if let Some((n, 1 | 2)) = g.digits(s).filter(|&(n, _)| (1..=12).contains(&n)) {
                    if lead(s) && !g.adj(s) {
                        let h1 = if h2 > 12 && n + 12 <= h2 { n + 12 } else { n };
                        let a = Sense::Clock {
                            day: None,
                            h: h1,
                            m: 0,
                            s: None,
                        };
                        let end = h.end;
                        h = hit(s - 1, end, range_sem(a, h.sem));
                        let joined = join_day(g, &mut out, h);
                        out.push(joined);
                        continue;
                    }
                }
            }
        }
        out.push(h);
    }
    *hits = out;
}

/// A range of clock times right after a day takes that day: "Friday from 10 to 10:45",
/// "tomorrow from 2pm to 4pm". Pops the day from `out` when it joins.
pub(super) fn join_day(g: &Window, out: &mut Vec<Hit>, h: Hit) -> Hit {
    let Sense::Range { a, b } = &h.sem else {
        return h;
    };
    let (Sense::Clock { day: None, .. }, Sense::Clock { day: None, .. }) = (a.as_ref(), b.as_ref())
    else {
        return h;
    };
    let Some(prev) = out.last() else { return h };
    let gap_ok = prev.end == h.start || prev.end + 1 == h.start && g.is_any(prev.end, &["on", ","]);
    let day = match &prev.sem {
        d if is_day_sem(d) => d.clone(),
        Sense::PartOfDay { day, .. } => day.as_ref().clone(),
        _ => return h,
    };
    if !gap_ok {
        return h;
    }
    let on_day = |c: &Sense| match c {
        Sense::Clock { h, m, s, .. } => Sense::Clock {
            day: Some(Box::new(day.clone())),
            h: *h,
            m: *m,
            s: *s,
        },
        other => other.clone(),
    };
    let sem = Sense::Range {
        a: Box::new(on_day(a)),
        b: Box::new(on_day(b)),
    };
    let prev = out.pop().expect("checked");
    let mut joined = hit(prev.start, h.end, sem);
    joined.tense = prev.tense;
    joined
}

/// Whether a sense is a single day.
pub(super) fn is_day_sem(sem: &Sense) -> bool {
    matches!(
        sem,
        Sense::Ymd { .. }
            | Sense::YmdWeekday { .. }
            | Sense::Weekday { .. }
            | Sense::Rel {
                unit: Unit::Day,
                ..
            }
    )
}
