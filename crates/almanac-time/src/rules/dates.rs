//! Calendar dates: ISO and slashed dates, day-month and month-day forms, months, years, decades,
//! centuries, quarters and halves, fiscal years, seasons, weekdays, years in words.

use super::*;

/// Words before which a bare month or a four-digit number is a date.
pub(super) const DATE_PREP: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "through",
    "between",
    "during",
    "of",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "throughout",
    "to",
    "for",
    "around",
    "circa",
    "and",
    "or",
    "end",
    "beginning",
    "start",
    "middle",
    "year",
    "fiscal",
    "following",
    "previous",
    "past",
    "on",
    "as",
];

/// Words after "the YEAR" that make it a year ("the 2022 election").
pub(super) const YEAR_NOUN_OK: &[&str] = &[
    "elections",
    "games",
    "olympics",
    "midterms",
    "figures",
    "results",
    "accounts",
    "levels",
    "sales",
    "earnings",
    "rules",
    "talks",
    "protests",
    "riots",
    "floods",
    "fires",
    "attacks",
];

/// Words after a year that confirm it ("2024 was the hottest year").
pub(super) const YEAR_NEXT: &[&str] = &[
    "was",
    "is",
    "will",
    "were",
    "has",
    "had",
    "saw",
    "marked",
    "and",
    "or",
    "to",
    "as",
    "when",
    "through",
    "compared",
    "levels",
    "level",
    "election",
    "elections",
    "budget",
    "season",
    "census",
    "world",
    "olympics",
    "games",
    "cup",
    "edition",
    "report",
    "survey",
    "plan",
    "target",
    "deadline",
    "peak",
    "high",
    "low",
    "record",
    "first",
    "second",
    "third",
    "fourth",
    "until",
    "onward",
    "onwards",
    "alone",
    "ended",
    "versus",
    "vs",
];

/// Words before a four-digit number that make it an amount, not a year.
pub(super) const AMOUNT_BEFORE: &[&str] = &[
    "than",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "approximately",
    "about",
    "around",
    "roughly",
    "least",
    "most",
    "only",
    "just",
    "total",
    "no",
    "number",
    "flight",
    "route",
    "room",
    "page",
    "model",
    "code",
    "to",
];

// ---------------------------------------------------------------------------------------------
// Year tails and small pieces

/// After a month or day: ", 2020", " 2020", "of 2020", "of last year", "last year".
pub(super) fn year_tail(g: &Window, j: usize) -> Option<(YearSpec, usize)> {
    let mut k = j;
    if g.p(k, ",") || g.is(k, "of") {
        k += 1;
    }
    if let Some((y, n)) = g.year4(k) {
        // "2020 5" or "2020-21" odd tails are fine; "2020s" is a decade, not this
        if g.adj(n) && g.is(n, "s") {
            return None;
        }
        return Some((YearSpec::Abs(y), n));
    }
    if g.is(k, "this") && g.is(k + 1, "year") {
        return Some((YearSpec::Rel(0), k + 2));
    }
    if g.is(k, "last") && g.is(k + 1, "year") {
        return Some((YearSpec::Rel(-1), k + 2));
    }
    if g.is(k, "next") && g.is(k + 1, "year") {
        return Some((YearSpec::Rel(1), k + 2));
    }
    // "3 May of 92"
    if g.is(j, "of") {
        if let Some((v, 2)) = g.digits(k) {
            if g.tok(k + 1)
                .is_none_or(|t| t.kind == Kind::Punct && t.text != "%")
            {
                return Some((YearSpec::Abs(two_digit_year(v)), k + 1));
            }
        }
    }
    // "'19"
    if g.is_apos(k) && g.adj(k + 1) {
        if let Some((v, 2)) = g.digits(k + 1) {
            return Some((YearSpec::Abs(two_digit_year(v)), k + 2));
        }
    }
    None
}

pub(super) fn two_digit_year(v: u32) -> i32 {
    if v < 50 {
        2000 + v as i32
    } else {
        1900 + v as i32
    }
}

// "2023-04-25", "2023-04-25T10:27:40", "2023-04-25 10:27", "2023/04/25", "2019-03"
pub(super) fn iso(g: &Window, i: usize) -> Option<Hit> {
    let (y, _) = g.digits(i).filter(|&(_, n)| n == 4)?;
    if i > 0
        && g.adj(i)
        && (g.digits(i - 1).is_some() || g.word(i - 1).is_some() || g.p(i - 1, "/"))
    {
        return None;
    }
    let sep = g.toks.get(i + 1).filter(|t| !t.space)?.text;
    if !matches!(sep, "-" | "/") {
        return None;
    }
    let (m, mn) = g.digits(i + 2).filter(|_| g.adj(i + 2))?;
    if mn != 2 || !(1..=12).contains(&m) {
        return None;
    }
    let day = if g.p(i + 3, sep) && g.adj(i + 3) && g.adj(i + 4) {
        g.digits(i + 4)
            .filter(|&(d, n)| n == 2 && (1..=31).contains(&d))
    } else {
        None
    };
    let Some((d, _)) = day else {
        // "2019-03": only ISO months, not "2019-20" ranges, and nothing glued after
        if sep != "-" || g.adj(i + 3) && !g.p(i + 3, ",") && !g.p(i + 3, ".") {
            return None;
        }
        return Some(hit(
            i,
            i + 3,
            fixed(
                TimexType::Date,
                ValueText::new().n(y.into(), 4).s("-").n(m.into(), 2).0,
                Granularity::Month,
                Anchor::Absolute,
            ),
        ));
    };
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let day_sem = Sense::Ymd {
        y: YearSpec::Abs(y as i32),
        m,
        d,
    };
    let mut j = i + 5;
    // time part: "T10:27:40" or " 10:27:40"
    let k = if g.is(j, "T") && g.adj(j) && g.adj(j + 1) {
        j + 1
    } else {
        j
    };
    if let Some((h, mm, s, end)) = hms(g, k) {
        if k == j + 1 || !g.adj(k) {
            j = end;
            // timezone "Z" or "+09:00" stays outside the span
            return Some(hit(
                i,
                j,
                Sense::Clock {
                    day: Some(Box::new(day_sem)),
                    h,
                    m: mm,
                    s,
                },
            ));
        }
    }
    Some(hit(i, j, day_sem))
}

// "04/25/2023" (US order), "25/04/2023" when the first number cannot be a month, "25.04.2023"
pub(super) fn slash_date(g: &Window, i: usize) -> Option<Hit> {
    let (a, an) = g.digits(i)?;
    if an > 2 || i > 0 && g.adj(i) && !g.p(i - 1, "(") && !g.p(i - 1, "\"") {
        return None;
    }
    let sep = g.toks.get(i + 1).filter(|t| !t.space)?.text;
    if !matches!(sep, "/" | ".") {
        return None;
    }
    let (b, bn) = g.digits(i + 2).filter(|_| g.adj(i + 2))?;
    if bn > 2 || !g.p(i + 3, sep) || !g.adj(i + 3) || !g.adj(i + 4) {
        return None;
    }
    let (c, cn) = g.digits(i + 4)?;
    let y = match cn {
        4 => c as i32,
        2 if sep == "/" => two_digit_year(c),
        _ => return None,
    };
    if g.adj(i + 5) && (g.digits(i + 6).is_some() || g.word(i + 5).is_some()) {
        return None;
    }
    let (m, d) = if sep == "." || a > 12 { (b, a) } else { (a, b) };
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    Some(hit(
        i,
        i + 5,
        Sense::Ymd {
            y: YearSpec::Abs(y),
            m,
            d,
        },
    ))
}

/// An optional leading weekday: "Tuesday, " / "Tue " before a date. Returns the next index.
pub(super) fn weekday_prefix(g: &Window, i: usize) -> usize {
    if let Some((_, j, _)) = g.weekday(i) {
        if g.p(j, ",") {
            return j + 1;
        }
        return j;
    }
    i
}

// [WEEKDAY ","] DAY ["of"] MONTH [YEAR-TAIL]: "21 Jan 2020", "Tuesday, 23 April", "the 4th of July"
pub(super) fn day_month(g: &Window, i: usize) -> Option<Hit> {
    let mut k = weekday_prefix(g, i);
    if k == i && g.is(i, "the") {
        k = i + 1;
    }
    let (d, j) = g.day(k)?;
    let j = if g.is(j, "of") { j + 1 } else { j };
    let (m, j, _) = g.month(j)?;
    if k == i + 1 && g.is(i, "the") && !g.is(j - 1, "of") && !g.is(k + 1, "of") {
        // "the 4 July" is odd; only "the 4th of July"
    }
    let (y, end) = match year_tail(g, j) {
        Some((y, end)) => (y, end),
        None => (YearSpec::Infer, j),
    };
    if let YearSpec::Abs(yy) = y {
        chrono::NaiveDate::from_ymd_opt(yy, m, d)?;
    } else if d > 31 || (m == 2 && d > 29) {
        return None;
    }
    Some(hit(i, end, with_weekday(g, i, k, Sense::Ymd { y, m, d })))
}

/// A date written with its weekday ("Friday, January 24") lets the weekday pick the year.
pub(super) fn with_weekday(g: &Window, i: usize, k: usize, sem: Sense) -> Sense {
    match (g.weekday(i), sem) {
        (
            Some((wd, _, _)),
            Sense::Ymd {
                y: YearSpec::Infer,
                m,
                d,
            },
        ) if k > i => Sense::YmdWeekday { m, d, wd },
        (_, sem) => sem,
    }
}

// [WEEKDAY ","] MONTH DAY [YEAR-TAIL]: "April 25, 2023", "Tuesday, April 23", "Jan. 20"
pub(super) fn month_day(g: &Window, i: usize) -> Option<Hit> {
    let k = weekday_prefix(g, i);
    let (m, j, _) = g.month(k)?;
    let (d, j) = g.day(j)?;
    // "May 5 percent", "March 3 million": amounts, not dates
    if g.is_any(
        j,
        &[
            "percent", "per", "million", "billion", "trillion", "thousand", "times", "points",
        ],
    ) || g.p(j, "%")
    {
        return None;
    }
    let (y, end) = match year_tail(g, j) {
        Some((y, end)) => (y, end),
        None => (YearSpec::Infer, j),
    };
    if let YearSpec::Abs(yy) = y {
        chrono::NaiveDate::from_ymd_opt(yy, m, d)?;
    } else if m == 2 && d > 29 || matches!(m, 4 | 6 | 9 | 11) && d > 30 {
        return None;
    }
    Some(hit(i, end, with_weekday(g, i, k, Sense::Ymd { y, m, d })))
}

// MONTH ["of" | ","] YEAR, MONTH ["of"] (last|this|next) year: "August 2019", "Dec. 2023",
// "July of last year"
pub(super) fn month_year(g: &Window, i: usize) -> Option<Hit> {
    let (m, j, _) = g.month(i)?;
    let (y, end) = year_tail(g, j)?;
    Some(hit(i, end, Sense::Ym { y, m }))
}

/// "early", "late", "mid-", "the end of", "the beginning of", ...: (modifier, next).
pub(super) fn modifier_prefix(g: &Window, i: usize) -> Option<(Modifier, usize)> {
    if g.is(i, "early") && !g.is_any(i + 1, &["as", "on", "in", "to"]) {
        return Some((Modifier::Start, i + 1));
    }
    if g.is(i, "late") && !g.is_any(i + 1, &["as", "on", "in", "to"]) {
        return Some((Modifier::End, i + 1));
    }
    if g.is(i, "mid") {
        if g.is_dash(i + 1) && g.adj(i + 1) && g.adj(i + 2) {
            return Some((Modifier::Mid, i + 2));
        }
        return Some((Modifier::Mid, i + 1));
    }
    let k = opt_the(g, i);
    let m = if g.is_any(k, &["end", "close"]) {
        Modifier::End
    } else if g.is_any(k, &["beginning", "start"]) {
        Modifier::Start
    } else if g.is(k, "middle") {
        Modifier::Mid
    } else {
        return None;
    };
    if k == i || !g.is(k + 1, "of") {
        return None;
    }
    Some((m, k + 2))
}

// MOD CORE: "mid-2019", "early 2019", "late last year", "the end of May", "the end of the year"
pub(super) fn modified(g: &Window, i: usize) -> Option<Hit> {
    let (modifier, j) = modifier_prefix(g, i)?;
    let mut core = None;
    if let Some((y, end)) = g.year4(j).filter(|&(y, _)| (1000..=2999).contains(&y)) {
        if !(g.adj(end) && g.is(end, "s")) {
            core = Some(hit(
                j,
                end,
                fixed(
                    TimexType::Date,
                    fmt_year(y),
                    Granularity::Year,
                    Anchor::Absolute,
                ),
            ));
        }
    }
    // "the year", "the month", "the week", "the decade": the one containing the reference
    if core.is_none() && g.is(j, "the") {
        if let Some((unit, false, end)) = g.unit(j + 1) {
            if matches!(
                unit,
                Unit::Year
                    | Unit::Month
                    | Unit::Week
                    | Unit::Decade
                    | Unit::Century
                    | Unit::Quarter
            ) {
                core = Some(hit(j, end, Sense::Rel { unit, off: 0 }));
            }
        }
    }
    if core.is_none() {
        for rule in [
            month_year,
            month_alone_any,
            relative,
            season,
            decade,
            weekday,
            deictic,
        ] {
            if let Some(h) = rule(g, j) {
                if core.as_ref().is_none_or(|c: &Hit| h.end > c.end) {
                    core = Some(h);
                }
            }
        }
    }
    let mut h = core?;
    // "late Friday" keeps the weekday; "late in the day" is not ours
    h.start = i;
    if h.modifier.is_none() {
        h.modifier = Some(modifier);
    }
    Some(h)
}

// ["the"] [MOD] DECADE: "the 1990s", "the '90s", "the late 1980s", "the mid-1990s", "1990's"
pub(super) fn decade(g: &Window, i: usize) -> Option<Hit> {
    let k = opt_the(g, i);
    let (modifier, k) = match modifier_prefix(g, k) {
        Some((m, k2))
            if !matches!(m, Modifier::End | Modifier::Start) || g.is_any(k, &["early", "late"]) =>
        {
            (Some(m), k2)
        }
        _ => (None, k),
    };
    let (first3, end) = decade_core(g, k)?;
    // "in her 30s", "in their early 20s": an age, not a decade
    let owner = |k: usize| g.is_any(k, &["her", "his", "their", "my", "your", "our", "its"]);
    if i > 0
        && (owner(i - 1) || i > 1 && g.is_any(i - 1, &["early", "late", "mid"]) && owner(i - 2))
    {
        return None;
    }
    let value = if first3 % 10 == 0 && first3 < 200 && g.digits(k).is_some_and(|(_, n)| n == 4) {
        // "the 1800s", "the 1900s": a century
        format!("{:02}XX", first3 / 10)
    } else {
        format!("{first3:03}X")
    };
    let gran = if value.ends_with("XX") {
        Granularity::Century
    } else {
        Granularity::Decade
    };
    let mut h = hit(
        i,
        end,
        fixed(TimexType::Date, value, gran, Anchor::Absolute),
    );
    h.modifier = modifier;
    Some(h)
}

/// "1990s", "1990's", "'90s", "90s": (first three digits, next).
pub(super) fn decade_core(g: &Window, k: usize) -> Option<(i32, usize)> {
    if g.is_apos(k) && g.adj(k + 1) {
        let (v, n) = g.digits(k + 1)?;
        if n == 2 && v % 10 == 0 && g.adj(k + 2) && g.is(k + 2, "s") {
            return Some((two_digit_year(v) / 10, k + 3));
        }
        return None;
    }
    let (v, n) = g.digits(k)?;
    if v % 10 != 0 {
        return None;
    }
    let first3 = match n {
        4 if (1000..=2990).contains(&v) => v as i32 / 10,
        2 if v >= 20 => two_digit_year(v) / 10,
        _ => return None,
    };
    if g.adj(k + 1) && g.is(k + 1, "s") {
        return Some((first3, k + 2));
    }
    if n == 4 && g.is_apos(k + 1) && g.adj(k + 1) && g.is(k + 2, "s") && g.adj(k + 2) {
        return Some((first3, k + 3));
    }
    None
}

// ["the"] ORDINAL "century": "the 21st century", "the nineteenth century"
pub(super) fn century(g: &Window, i: usize) -> Option<Hit> {
    let k = opt_the(g, i);
    let (modifier, k) = match modifier_prefix(g, k) {
        Some((m, k2)) if g.is_any(k, &["early", "late", "mid"]) => (Some(m), k2),
        _ => (None, k),
    };
    let (n, j) = g.ordinal(k)?;
    let j = if g.is_dash(j) { j + 1 } else { j };
    if !(1..=30).contains(&n) || !g.is(j, "century") {
        return None;
    }
    let mut h = hit(
        i,
        j + 1,
        fixed(
            TimexType::Date,
            format!("{:02}XX", n - 1),
            Granularity::Century,
            Anchor::Absolute,
        ),
    );
    h.modifier = modifier;
    Some(h)
}

/// The year after a quarter or half: "of 2023", "2023", "of this year", "of last year",
/// "of fiscal 2023" (as the plain year).
pub(super) fn period_year(g: &Window, j: usize) -> (YearSpec, usize) {
    let k = if g.is(j, "of") || g.p(j, ",") {
        j + 1
    } else {
        j
    };
    let k2 = if g.is(k, "fiscal") { k + 1 } else { k };
    if let Some((y, end)) = g.year4(k2) {
        return (YearSpec::Abs(y), end);
    }
    if g.is(k, "this") && g.is(k + 1, "year")
        || g.is(k, "the") && g.is(k + 1, "year") && g.is(j, "of")
    {
        return (YearSpec::Rel(0), k + 2);
    }
    if g.is(k, "last") && g.is(k + 1, "year")
        || g.is(k, "the") && g.is_any(k + 1, &["previous", "prior"]) && g.is(k + 2, "year")
    {
        let end = if g.is(k, "the") { k + 3 } else { k + 2 };
        return (YearSpec::Rel(-1), end);
    }
    if g.is(k, "next") && g.is(k + 1, "year") {
        return (YearSpec::Rel(1), k + 2);
    }
    (YearSpec::Infer, j)
}

// "Q3 2024", "Q3", "the third quarter [of 2023]", "third-quarter", "the first half of this year",
// "H1 2023", "the second half"
pub(super) fn quarter_half(g: &Window, i: usize) -> Option<Hit> {
    // "Q3", "H1"
    if let Some(w) = g.word(i) {
        let upper = w.eq_ignore_ascii_case("q") || w.eq_ignore_ascii_case("h");
        if upper && w.as_bytes()[0].is_ascii_uppercase() && g.adj(i + 1) {
            let (n, len) = g.digits(i + 1)?;
            let is_q = w.eq_ignore_ascii_case("q");
            if len != 1 || n == 0 || n > if is_q { 4 } else { 2 } {
                return None;
            }
            if g.adj(i + 2) && g.word(i + 2).is_some() {
                return None;
            }
            let (y, end) = period_year(g, i + 2);
            let sem = if is_q {
                Sense::Quarter { y, q: n }
            } else {
                Sense::Half { y, h: n }
            };
            return Some(hit(i, end, sem));
        }
    }
    let k = opt_the(g, i);
    let (n, j) = if g.is_any(k, &["final", "fourth"]) && g.is_any(k + 1, &["quarter"]) {
        (4, k + 1)
    } else if g.is(k, "latter") {
        (2, k + 1)
    } else {
        g.ordinal(k)?
    };
    let j = if g.is_dash(j) && g.adj(j) { j + 1 } else { j };
    let is_quarter = g.is(j, "quarter");
    if !is_quarter && !g.is(j, "half") {
        return None;
    }
    if n == 0 || n > if is_quarter { 4 } else { 2 } {
        return None;
    }
    let (y, end) = period_year(g, j + 1);
    let sem = if is_quarter {
        Sense::Quarter { y, q: n }
    } else {
        Sense::Half { y, h: n }
    };
    // "the first half of the match": only halves of years
    if !is_quarter && y == YearSpec::Infer && g.is(j + 1, "of") {
        return None;
    }
    Some(hit(i, end, sem))
}

// "fiscal 2023", "fiscal year 2023", "FY2023", "FY23", "the 2023 fiscal year"
pub(super) fn fiscal(g: &Window, i: usize) -> Option<Hit> {
    let fy = |y: i32| {
        fixed(
            TimexType::Date,
            ValueText::new().s("FY").y(y).0,
            Granularity::Year,
            Anchor::Absolute,
        )
    };
    if g.is(i, "fiscal") {
        let k = if g.is(i + 1, "year") { i + 2 } else { i + 1 };
        let (y, end) = g.year4(k)?;
        return Some(hit(i, end, fy(y)));
    }
    if g.word(i).is_some_and(|w| w == "FY" || w == "Fy") {
        let k = i + 1;
        let (v, n) = g.digits(k)?;
        let y = match n {
            4 if (1900..=2100).contains(&v) => v as i32,
            2 => two_digit_year(v),
            _ => return None,
        };
        return Some(hit(i, k + 1, fy(y)));
    }
    let k = opt_the(g, i);
    if k == i + 1 {
        let (y, end) = g.year4(k)?;
        if g.is(end, "fiscal") && g.is(end + 1, "year") {
            return Some(hit(i, end + 2, fy(y)));
        }
    }
    None
}

/// A season word: its TIMEX code.
pub(super) fn season_code(g: &Window, i: usize) -> Option<&'static str> {
    let w = g.word(i)?;
    Some(match Lower::new(w).as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

// (this|last|next|the) SEASON ["of" YEAR], SEASON YEAR: "last summer", "spring 2019"
pub(super) fn season(g: &Window, i: usize) -> Option<Hit> {
    let (which, k, det) = if g.is(i, "this") {
        (Which::This, i + 1, true)
    } else if g.is(i, "last") {
        (Which::Last, i + 1, true)
    } else if g.is(i, "next") {
        (Which::Next, i + 1, true)
    } else if g.is(i, "the") {
        (Which::Tense, i + 1, true)
    } else {
        (Which::Tense, i, false)
    };
    let s = season_code(g, k)?;
    let mut end = k + 1;
    let mut y = YearSpec::Infer;
    let tail = if g.is(end, "of") { end + 1 } else { end };
    if let Some((yy, e)) = g.year4(tail) {
        y = YearSpec::Abs(yy);
        end = e;
    } else if !det {
        // a bare season: only after "in", "during", "since", "until", "early", "late"...
        if !g.prev_is_any(
            i,
            &[
                "in", "during", "since", "until", "by", "early", "late", "mid", "over", "through",
            ],
        ) {
            return None;
        }
        if g.is(k, "fall") || g.is(k, "spring") {
            return None;
        }
    }
    // "the fall of the Berlin Wall", "the spring of discontent"
    if det && which == Which::Tense && g.is(k + 1, "of") && y == YearSpec::Infer {
        return None;
    }
    Some(hit(i, end, Sense::Season { y, s, which }))
}

// [last|next|this] WEEKDAY [PART-OF-DAY]: "Tuesday", "last Friday", "Monday morning"
pub(super) fn weekday(g: &Window, i: usize) -> Option<Hit> {
    let (which, k) = if g.is(i, "last") || g.is(i, "past") {
        (Which::Last, i + 1)
    } else if g.is(i, "next") || g.is(i, "coming") {
        (Which::Next, i + 1)
    } else if g.is(i, "this") {
        (Which::This, i + 1)
    } else {
        (Which::Tense, i)
    };
    let (wd, end, abbr) = g.weekday(k)?;
    if abbr {
        return None;
    }
    // "The Sunday Times", "Friday prayers": names and customs, not days
    let name = g.word(end).is_some_and(|w| {
        [
            "Times",
            "Telegraph",
            "Mirror",
            "Post",
            "Express",
            "Herald",
            "Mail",
            "Observer",
            "Star",
            "Independent",
            "Tribune",
            "prayers",
            "prayer",
            "sermon",
        ]
        .contains(&w)
    });
    if name {
        return None;
    }
    let day = Sense::Weekday { wd, which };
    if let Some((pod, e2)) = g.pod(end) {
        return Some(hit(
            i,
            e2,
            Sense::PartOfDay {
                day: Box::new(day),
                pod,
            },
        ));
    }
    // plural "Tuesdays" is not matched (word differs)
    Some(hit(i, end, day))
}

// a bare MONTH in a date context: "in January", "since March", "between March and May"
pub(super) fn month_alone(g: &Window, i: usize) -> Option<Hit> {
    let (m, end, abbr) = g.month(i)?;
    let strong = g.prev_is_any(i, DATE_PREP)
        || (i >= 2
            && (g.is_any(i - 1, &["and", "or", "to", "through"]) || g.is_dash(i - 1))
            && g.month(i - 2).is_some());
    let ambiguous = (m == 5 || m == 3) && !abbr;
    if ambiguous || abbr {
        if !strong {
            return None;
        }
        // "in May 2019" handled elsewhere; "may" as a verb is lowercase
    } else if !strong {
        // a capitalized name after it ("June Smith") makes it a name
        if g.cap(end) && g.word(end).is_some() {
            return None;
        }
    }
    if abbr && !g.p(end - 1, ".") && !strong {
        return None;
    }
    // "in April, 2023"? handled by year tail; "the April jobs report" is fine
    Some(hit(
        i,
        end,
        Sense::Ym {
            y: YearSpec::Infer,
            m,
        },
    ))
}

/// A bare month after a modifier ("mid-March", "early May"): no context needed.
pub(super) fn month_alone_any(g: &Window, i: usize) -> Option<Hit> {
    let (m, end, _) = g.month(i)?;
    Some(hit(
        i,
        end,
        Sense::Ym {
            y: YearSpec::Infer,
            m,
        },
    ))
}

// a four-digit YEAR in a year context: "in 2025", "by 2030", "2019's", "from 2019 to 2023".
// "the year 2020" keeps "the year" in its span: TimeML's TIMEX3 extent takes the determiner
// and the head noun of the temporal phrase (only prepositions stay out), as TimeBank does.
pub(super) fn year(g: &Window, i: usize) -> Option<Hit> {
    let k = if g.is(i, "the") && g.is(i + 1, "year") {
        i + 2
    } else {
        i
    };
    let (y, end) = g.year4(k)?;
    let mut end = end;
    let prev_word = if i > 0 { g.word(i - 1) } else { None };
    let possessive = g.is_apos(end) && g.adj(end) && g.is(end + 1, "s");
    let strong = k > i
        || g.prev_is_any(i, DATE_PREP)
        || possessive
        || i >= 2 && g.is_dash(i - 1) && g.adj(i) && g.year4(i - 2).is_some()
        || i >= 1 && g.p(i - 1, "(") && g.p(end, ")")
        || i >= 1 && g.is(i - 1, "the") && {
            // "the 2022 election" but not "the 2000 workers"
            match g.word(end) {
                Some(w) => {
                    let plural = w.as_bytes().last().is_some_and(|b| b | 0x20 == b's');
                    !(plural && w.as_bytes()[0].is_ascii_lowercase())
                        || YEAR_NOUN_OK.iter().any(|n| n.eq_ignore_ascii_case(w))
                }
                None => true,
            }
        };
    if !strong {
        // weaker contexts: a plausible modern year followed by a stop or a verb
        if !(1950..=2100).contains(&y) {
            return None;
        }
        if prev_word.is_some_and(|w| AMOUNT_BEFORE.iter().any(|a| a.eq_ignore_ascii_case(w))) {
            return None;
        }
        if i > 0 && g.toks[i - 1].kind != Kind::Word && !g.p(i - 1, ",") && !g.p(i - 1, "\"") {
            return None;
        }
        let next_ok = match g.tok(end) {
            None => true,
            Some(t) if t.kind == Kind::Punct => {
                matches!(t.text, "," | "." | ";" | ":" | ")" | "\"" | "\u{201d}")
                    && !(t.text == "," && g.digits(end + 1).is_some() && g.adj(end + 1))
            }
            Some(_) => g.is_any(end, YEAR_NEXT),
        };
        if !next_ok {
            return None;
        }
    }
    // "%", "percent", "won", "people": an amount after all
    if g.p(end, "%")
        || g.is_any(
            end,
            &[
                "percent",
                "won",
                "yen",
                "dollars",
                "euros",
                "people",
                "units",
                "tons",
                "tonnes",
                "barrels",
                "km",
                "kilometers",
                "meters",
                "feet",
                "miles",
                "times",
                "points",
                "employees",
                "workers",
                "jobs",
                "members",
                "troops",
                "cases",
                "deaths",
                "million",
                "billion",
            ],
        )
    {
        return None;
    }
    if possessive {
        end = end.max(end); // span excludes "'s"
    }
    Some(hit(
        i,
        end,
        fixed(
            TimexType::Date,
            fmt_year(y),
            Granularity::Year,
            Anchor::Absolute,
        ),
    ))
}

// "09/2021", "09 / 2021": a month and a year
pub(super) fn month_slash_year(g: &Window, i: usize) -> Option<Hit> {
    // cheap test first: two digits then a slash
    if g.toks[i].text.len() != 2 || !g.p(i + 1, "/") {
        return None;
    }
    let (m, 2) = g.digits(i)? else {
        return None;
    };
    if !(1..=12).contains(&m) || i > 0 && g.adj(i) {
        return None;
    }
    if !g.p(i + 1, "/") || g.adj(i + 1) != g.adj(i + 2) {
        return None;
    }
    let (y, 4) = g.digits(i + 2)? else {
        return None;
    };
    if !(1900..=2100).contains(&y)
        || g.adj(i + 3) && g.tok(i + 3).is_some_and(|t| t.kind != Kind::Punct)
    {
        return None;
    }
    Some(hit(
        i,
        i + 3,
        Sense::Ym {
            y: YearSpec::Abs(y as i32),
            m,
        },
    ))
}

// A year in words after a date preposition: "in nineteen eighty-four", "by twenty twenty-five",
// "in two thousand and nine", "in the year two thousand"
pub(super) fn year_words(g: &Window, i: usize) -> Option<Hit> {
    let k = if g.is(i, "the") {
        if !g.is(i + 1, "year") {
            return None;
        }
        i + 2
    } else {
        i
    };
    g.word(k)?;
    let (a, j) = g.num(k)?;
    if !((10.0..=20.0).contains(&a) || (1000.0..=2099.0).contains(&a))
        || !(k > i || g.prev_is_any(i, DATE_PREP))
    {
        return None;
    }
    let (y, end) = if j == k + 1 && (10.0..=20.0).contains(&a) && a.fract() == 0.0 {
        // "nineteen eighty-four", "twenty twenty-five", "nineteen oh five"
        if g.is(j, "oh") {
            let (b, e) = g.num(j + 1).filter(|(b, _)| (1.0..=9.0).contains(b))?;
            (a * 100.0 + b, e)
        } else {
            let (b, e) = g.num(j).filter(|&(b, e)| {
                (10.0..=99.0).contains(&b) && b.fract() == 0.0 && e > j && g.word(j).is_some()
            })?;
            (a * 100.0 + b, e)
        }
    } else if (1000.0..=2099.0).contains(&a) && a.fract() == 0.0 && g.is_any(k + 1, &["thousand"]) {
        // "two thousand", "two thousand and nine" (read whole by `num`)
        (a, j)
    } else {
        return None;
    };
    // "nineteen ninety people": a count after all
    if g.word(end).is_some_and(|w| w.ends_with('s') && w.len() > 3) && g.unit(end).is_none() {
        return None;
    }
    Some(hit(
        i,
        end,
        fixed(
            TimexType::Date,
            fmt_year(y as i32),
            Granularity::Year,
            Anchor::Absolute,
        ),
    ))
}
