//! Times of day: "6:05", "7:15 a.m.", "noon", "ten past nine", "quarter to six", "late morning".

use super::*;

/// "10:27" or "10:27:40": (hour, minute, second, next).
pub(super) fn hms(g: &Window, i: usize) -> Option<(u32, u32, Option<u32>, usize)> {
    let (h, hn) = g.digits(i)?;
    if hn > 2 || h > 24 || !g.p(i + 1, ":") || !g.adj(i + 1) || !g.adj(i + 2) {
        return None;
    }
    let (m, mn) = g.digits(i + 2)?;
    if mn != 2 || m > 59 {
        return None;
    }
    if g.p(i + 3, ":") && g.adj(i + 3) && g.adj(i + 4) {
        if let Some((s, 2)) = g.digits(i + 4) {
            if s <= 60 {
                return Some((h, m, Some(s), i + 5));
            }
        }
    }
    Some((h, m, None, i + 3))
}

/// "a.m.", "am", "AM", "p.m.", "pm": (is_pm, next).
pub(super) fn ampm(g: &Window, i: usize) -> Option<(bool, usize)> {
    let w = g.word(i)?;
    let lw = Lower::new(w);
    let lw = lw.as_str();
    match lw {
        "am" => Some((false, i + 1)),
        "pm" => Some((true, i + 1)),
        "a" | "p" => {
            if g.p(i + 1, ".") && g.adj(i + 1) && g.is(i + 2, "m") && g.adj(i + 2) {
                let end = if g.p(i + 3, ".") && g.adj(i + 3) {
                    i + 4
                } else {
                    i + 3
                };
                Some((lw == "p", end))
            } else {
                None
            }
        }
        _ => None,
    }
}

// "6:05 a.m.", "10:27", "3 p.m.", "noon", "midnight"
pub(super) fn clock(g: &Window, i: usize) -> Option<Hit> {
    let sharp = |end: usize| if g.is(end, "sharp") { end + 1 } else { end };
    if g.is(i, "noon") || g.is(i, "midday") {
        return Some(hit(
            i,
            sharp(i + 1),
            Sense::Clock {
                day: None,
                h: 12,
                m: 0,
                s: None,
            },
        ));
    }
    if g.is(i, "midnight") {
        return Some(hit(
            i,
            sharp(i + 1),
            Sense::Clock {
                day: None,
                h: 24,
                m: 0,
                s: None,
            },
        ));
    }
    if i > 0
        && g.adj(i)
        && (g.digits(i - 1).is_some() || g.p(i - 1, ":") || g.p(i - 1, ".") || g.p(i - 1, "$"))
    {
        return None;
    }
    let (mut h, mut m, mut s, mut end) = match hms(g, i) {
        Some(x) => x,
        None => {
            let (h, n) = g.digits(i)?;
            if n > 2 || !(1..=12).contains(&h) {
                return None;
            }
            // "Friday at 3", "at 8 tomorrow morning": a bare hour after "at" next to a day
            // counts only when it joins that day (a weak hit)
            if g.prev_is_any(i, &["at"]) && !g.adj(i + 1) && ampm(g, i + 1).is_none() {
                let day_before = i >= 2 && {
                    let k = i - 2;
                    g.weekday(k).is_some()
                        || g.pod(k).is_some()
                        || g.is_any(k, &["today", "tomorrow", "tonight", "yesterday"])
                };
                let day_after = g.weekday(i + 1).is_some()
                    || g.is_any(i + 1, &["today", "tomorrow", "tonight", "this", "on"]);
                if day_before || day_after {
                    let mut h = hit(
                        i,
                        i + 1,
                        Sense::Clock {
                            day: None,
                            h,
                            m: 0,
                            s: None,
                        },
                    );
                    h.weak = true;
                    return Some(h);
                }
            }
            // "3 p.m." needs the am/pm
            let (pm, end) = ampm(g, i + 1)?;
            let end = sharp(end);
            let h = to_24(h, pm);
            return Some(hit(
                i,
                end,
                Sense::Clock {
                    day: None,
                    h,
                    m: 0,
                    s: None,
                },
            ));
        }
    };
    if g.adj(end) && (g.digits(end).is_some() || g.p(end, ":")) {
        return None;
    }
    let mut weak = true;
    if let Some((pm, e)) = ampm(g, end) {
        if h > 12 {
            return None;
        }
        h = to_24(h, pm);
        end = e;
        weak = false;
    } else if g.is(end, "o") && g.is_apos(end + 1) && g.is(end + 2, "clock") {
        end += 3;
        weak = false;
    }
    if g.prev_is_any(
        i,
        &[
            "at", "around", "about", "by", "until", "before", "after", "from", "since",
        ],
    ) {
        weak = false;
    }
    if h == 24 && m > 0 {
        return None;
    }
    let end = sharp(end);
    let _ = (&mut m, &mut s);
    let mut hit = hit(i, end, Sense::Clock { day: None, h, m, s });
    hit.weak = weak;
    Some(hit)
}

/// Words before a time of day that make a bare number one ("at 7.35", "by ten past nine").
pub(super) const CLOCK_PREP: &[&str] = &[
    "at", "by", "until", "till", "from", "around", "about", "before", "after", "since",
];

/// An hour written as one number, 1..=12 in words ("nine") or 0..=24 in digits.
pub(super) fn hour_at(g: &Window, k: usize) -> Option<(u32, usize)> {
    if g.is_any(k, &["a", "an"]) {
        return None;
    }
    let (v, e) = g.num(k)?;
    if e != k + 1 || v.fract() != 0.0 {
        return None;
    }
    let max = if g.digits(k).is_some_and(|(_, n)| n <= 2) {
        24.0
    } else if g.word(k).is_some() {
        12.0
    } else {
        return None;
    };
    (1.0..=max).contains(&v).then_some((v as u32, e))
}

/// Minutes before "past" or "to": "ten", "twenty-five", "a quarter", "half", "5 minutes".
pub(super) fn minutes_at(g: &Window, k: usize) -> Option<(u32, usize)> {
    if g.is(k, "half") {
        return Some((30, k + 1));
    }
    if g.is(k, "quarter") {
        return Some((15, k + 1));
    }
    if g.is(k, "a") && g.is(k + 1, "quarter") {
        return Some((15, k + 2));
    }
    if g.is_any(k, &["a", "an"]) {
        return None;
    }
    let (v, e) = g.num(k)?;
    if v.fract() != 0.0 || !(1.0..=59.0).contains(&v) {
        return None;
    }
    let e = if g.is_any(e, &["minutes", "minute"]) {
        e + 1
    } else {
        e
    };
    Some((v as u32, e))
}

/// After an hour: "o'clock", "am"/"pm", "sharp"; the hour made 24-hour. Returns (hour, end,
/// whether anything was read).
pub(super) fn clock_tail(g: &Window, h: u32, end: usize) -> (u32, usize, bool) {
    let (mut h, mut end, mut any) = (h, end, false);
    if g.is(end, "o") && g.is_apos(end + 1) && g.is(end + 2, "clock") {
        end += 3;
        any = true;
    }
    if let Some((pm, e)) = ampm(g, end).filter(|_| h <= 12) {
        h = to_24(h, pm);
        end = e;
        any = true;
    }
    if g.is(end, "sharp") {
        end += 1;
    }
    (h, end, any)
}

// Times of day as people write them: "ten past nine", "half past nine", "a quarter to six
// o'clock", "five o'clock", "seven pm", "at 7.35", "17h30", "at 4 20", "at 1700 hours"
pub(super) fn clock_words(g: &Window, i: usize) -> Option<Hit> {
    // "a" starts only "a quarter past/to ..."
    if g.is_any(i, &["a", "an"]) && !g.is(i + 1, "quarter") {
        return None;
    }
    // digits: only "7.35", "17h30", "4 20", "5 o'clock", "5 minutes past", "1700 hours"
    if g.toks[i].kind == Kind::Num {
        let glued = g.adj(i + 1) && (g.p(i + 1, ".") || g.is(i + 1, "h"));
        let next_num = !g.adj(i + 1) && g.digits(i + 1).is_some();
        if !(glued || next_num || g.is_any(i + 1, &["o", "minutes", "minute", "hours"])) {
            return None;
        }
    }
    // cheap test first: a time of day has a clock word after its first number, or a
    // preposition before it
    let cue = |k: usize| match g.toks.get(k) {
        Some(t) if t.kind == Kind::Punct => t.text == ".",
        Some(t) if t.kind == Kind::Word && t.text.len() <= 7 => {
            matches!(
                t.text.as_bytes()[0] | 0x20,
                b'p' | b't' | b'a' | b'b' | b'o' | b'm' | b'h' | b'q'
            ) && g.is_any(
                k,
                &[
                    "past", "to", "after", "before", "o", "minutes", "minute", "am", "pm", "a",
                    "p", "h", "hours", "quarter",
                ],
            )
        }
        _ => false,
    };
    let after_num = g.num(i).map_or(i + 1, |(_, e)| e);
    if !(cue(i + 1) || cue(after_num) || g.prev_is_any(i, CLOCK_PREP)) {
        return None;
    }
    let at = g.prev_is_any(i, CLOCK_PREP);
    let clock = |h: u32, m: u32, end: usize| {
        hit(
            i,
            end,
            Sense::Clock {
                day: None,
                h,
                m,
                s: None,
            },
        )
    };
    // MINUTES (past|to|after) HOUR; digits only with "minutes" ("9 to 12" is a range)
    let counted = g.digits(i).is_none() || g.is_any(i + 1, &["minutes", "minute"]);
    if let Some((m, k)) = minutes_at(g, i).filter(|_| counted) {
        if g.is_any(k, &["past", "after", "to", "before"]) {
            if let Some((hr, e)) = hour_at(g, k + 1).filter(|&(hr, _)| hr <= 12) {
                let (h, m) = if g.is_any(k, &["past", "after"]) {
                    (hr, m)
                } else {
                    (if hr == 1 { 12 } else { hr - 1 }, 60 - m)
                };
                // "ten to one" needs to be a time: minutes in words or a clock preposition
                if (g.is(k, "before") || g.is(k, "after")) && !at {
                    return None;
                }
                let (h, end, _) = clock_tail(g, h, e);
                return Some(clock(h, m, end));
            }
        }
    }
    // "five o'clock", "seven pm" (digits before am/pm are `clock`'s)
    if let Some((hr, e)) = hour_at(g, i) {
        if g.word(i).is_some() {
            let (h, end, any) = clock_tail(g, hr, e);
            if any {
                return Some(clock(h, 0, end));
            }
        } else if g.is(e, "o") && g.is_apos(e + 1) && g.is(e + 2, "clock") {
            let (h, end, _) = clock_tail(g, hr, e);
            return Some(clock(h, 0, end));
        }
    }
    let (hr, n) = g.digits(i)?;
    if i > 0 && g.adj(i) {
        return None;
    }
    // "at 7.35", "at 7.35 pm"; not "at 3.50%", "by 0.25 point", "at 7.35 a share"
    let at_dot = g.prev_is_any(i, &["at", "until", "till", "from", "around"]);
    if at_dot && n <= 2 && (1..=23).contains(&hr) && g.p(i + 1, ".") && g.adj(i + 1) && g.adj(i + 2)
    {
        let (m, 2) = g.digits(i + 2)? else {
            return None;
        };
        if m > 59 || g.adj(i + 3) && (g.digits(i + 3).is_some() || g.p(i + 3, ".")) {
            return None;
        }
        let (h, end, any) = clock_tail(g, hr, i + 3);
        let ends = match g.tok(end) {
            None => true,
            Some(t) if t.kind == Kind::Punct => !matches!(t.text, "%" | "$" | "-"),
            Some(_) => {
                g.is_any(
                    end,
                    &["today", "tomorrow", "tonight", "on", "this", "in", "and"],
                ) || g.weekday(end).is_some()
            }
        };
        if !(any || ends) {
            return None;
        }
        return Some(clock(h, m, end));
    }
    // "17h30", "17h"
    if n <= 2 && hr <= 24 && g.is(i + 1, "h") && g.adj(i + 1) {
        let (m, end) = match g.digits(i + 2).filter(|_| g.adj(i + 2)) {
            Some((m, 2)) if m <= 59 => (m, i + 3),
            Some(_) => return None,
            None if at => (0, i + 2),
            None => return None,
        };
        if g.adj(end) && g.tok(end).is_some_and(|t| t.kind != Kind::Punct) {
            return None;
        }
        return Some(clock(hr, m, end));
    }
    // "at 4 20"
    if at && n <= 2 && (1..=12).contains(&hr) && !g.adj(i + 1) {
        if let Some((m, 2)) = g.digits(i + 1) {
            let ends =
                g.tok(i + 2).is_none_or(|t| t.kind == Kind::Punct) || ampm(g, i + 2).is_some();
            if m <= 59 && ends && g.prev_is_any(i, &["at"]) {
                let (h, end, _) = clock_tail(g, hr, i + 2);
                return Some(clock(h, m, end));
            }
        }
    }
    // "at 1700 hours"
    if at && n == 4 && g.is(i + 1, "hours") && hr / 100 <= 24 && hr % 100 <= 59 {
        return Some(clock(hr / 100, hr % 100, i + 2));
    }
    None
}

// A part of the day alone: "late morning", "early afternoon", "late at night", "in the
// morning" (of the reference day)
pub(super) fn pod_alone(g: &Window, i: usize) -> Option<Hit> {
    // cheap test first: "the" goes on only before "morning", "afternoon", "evening"
    if g.toks[i].text.len() == 3
        && g.toks
            .get(i + 1)
            .is_none_or(|t| t.lex & crate::lex::AFTER_ARTICLE == 0)
    {
        return None;
    }
    let today = || {
        Box::new(Sense::Rel {
            unit: Unit::Day,
            off: 0,
        })
    };
    let (modifier, k) = if g.is(i, "late") {
        (Some(Modifier::End), i + 1)
    } else if g.is(i, "early") {
        (Some(Modifier::Start), i + 1)
    } else {
        (None, i)
    };
    // "late at night"
    if modifier.is_some() && g.is(k, "at") && g.is(k + 1, "night") {
        let mut h = hit(
            i,
            k + 2,
            Sense::PartOfDay {
                day: today(),
                pod: DayPart::Night,
            },
        );
        h.modifier = modifier;
        return Some(h);
    }
    let the = g.is(k, "the");
    if the && (modifier.is_some() || !g.prev_is_any(i, &["in", "during", "by", "through"])) {
        return None;
    }
    let k = if the { k + 1 } else { k };
    let (pod, end) = g.pod(k)?;
    if modifier.is_none() && !the || pod == DayPart::Night && the {
        return None;
    }
    // "the morning of May 5", "the morning after": not this day
    if g.is_any(
        end,
        &[
            "of", "after", "before", "session", "sessions", "news", "show",
        ],
    ) {
        return None;
    }
    let mut h = hit(i, end, Sense::PartOfDay { day: today(), pod });
    h.modifier = modifier;
    Some(h)
}

pub(super) fn to_24(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}
