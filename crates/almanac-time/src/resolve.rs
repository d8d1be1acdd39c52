//! Turning a matched expression ([`Sense`]) into a TIMEX3 value against the reference.
//!
//! Calendar arithmetic lives here, and so does the tense guess that decides whether a bare
//! "July" or "Tuesday" points back or forward from the reference.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Weekday};

use crate::lex::Table;
use crate::timex::{Anchor, Granularity, TimexType};
use crate::words::Unit;

/// A year as written: absolute, relative to the reference, or to be inferred from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSpec {
    /// "2019".
    Abs(i32),
    /// "last year" is -1.
    Rel(i32),
    /// Not written: pick by tense.
    Infer,
}

/// Which occurrence of a weekday, month or season the text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// Decided by the sentence's tense.
    Tense,
    /// "last Friday": the latest one strictly before the reference.
    Last,
    /// "this Friday": the one in the reference's week.
    This,
    /// "next Friday": the first one strictly after the reference.
    Next,
}

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// The sense of a matched expression, before the reference is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sense {
    /// A value that needs no reference: `2019`, `199X`, `P19D`, `FY2023`, `PAST_REF`.
    Fixed {
        kind: TimexType,
        value: String,
        gran: Granularity,
        anchor: Anchor,
    },
    /// A day: "21 Jan 2020", "April 25", "July 4 last year".
    Ymd { y: YearSpec, m: u32, d: u32 },
    /// A day with its weekday but no year: "Friday, January 24".
    YmdWeekday { m: u32, d: u32, wd: Weekday },
    /// A month: "August 2019", "July", "July of last year".
    Ym { y: YearSpec, m: u32 },
    /// A year relative to the reference: "last year", "next year".
    RelYear(i32),
    /// A quarter: "Q3 2024", "the third quarter".
    Quarter { y: YearSpec, q: u32 },
    /// A half: "the first half of this year".
    Half { y: YearSpec, h: u32 },
    /// A season: "last summer", "spring 2019".
    Season {
        y: YearSpec,
        s: &'static str,
        which: Which,
    },
    /// "last week", "this month", "next quarter", "today" (Day, 0), "yesterday" (Day, -1).
    Rel { unit: Unit, off: i32 },
    /// "5 years ago" (-5 years), "two weeks later" (+2 weeks): point at that unit's grain.
    Shift { unit: Unit, n: i32 },
    /// The reporting period of a results story, `years` back: "the quarter", "the latest
    /// quarter" (0), "the year-earlier period" (-1). It is the latest quarter that has ended
    /// before the reference, or the current one in a future-tense sentence.
    Report { years: i32 },
    /// "Tuesday", "last Friday".
    Weekday { wd: Weekday, which: Which },
    /// "the weekend", "this weekend".
    Weekend { which: Which },
    /// A part of a day: "this morning", "Tuesday night".
    PartOfDay { day: Box<Sense>, pod: DayPart },
    /// A holiday, in a year if one is written: "Christmas", "Easter 2017".
    Holiday {
        rule: crate::holiday::Rule,
        y: YearSpec,
    },
    /// A holiday of several days as a whole ("during Ramadan 2024"): a range from its first
    /// day to its last.
    HolidaySpan {
        rule: crate::holiday::Rule,
        y: YearSpec,
    },
    /// Some units before or after a day: "three days before Easter", "the week before
    /// Christmas".
    Offset {
        base: Box<Sense>,
        unit: Unit,
        n: i32,
    },
    /// A day, week or weekday counted inside a month or a year: "the last Monday of
    /// October", "the 20th day of last month", "the third week of next year".
    Within { base: Box<Sense>, part: Part },
    /// A day of the month named alone: "on the 29th".
    DayOfMonth { d: u32 },
    /// A range written as one expression: "June 9-12", "from 3pm to 5:30pm", "1914-1918".
    /// Both ends have the same grain.
    Range { a: Box<Sense>, b: Box<Sense> },
    /// A time of day, on a day if one is given: "6:05 a.m.", "21 Jan 2020, 6:05".
    Clock {
        day: Option<Box<Sense>>,
        h: u32,
        m: u32,
        s: Option<u32>,
    },
}

/// What [`Sense::Within`] counts; `n` is 1 for the first, -1 for the last, -2 for the one
/// before the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The `n`th such weekday of a month.
    Weekday { n: i32, wd: Weekday },
    /// The `n`th day of a month or a year.
    Day { n: i32 },
    /// The `n`th (ISO) week of a year or a month.
    Week { n: i32 },
}

/// The day or week `part` of the month or year written `base` (`YYYY` or `YYYY-MM`).
fn within(base: &str, part: Part) -> Option<(String, Granularity)> {
    let y: i32 = base.get(..4)?.parse().ok()?;
    let month: Option<u32> = match base.len() {
        4 => None,
        7 => Some(base.get(5..7)?.parse().ok()?),
        _ => return None,
    };
    let (first, last) = match month {
        Some(m) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            (first, add_months(first, 1)?.pred_opt()?)
        }
        None => (
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        ),
    };
    let nth = |n: i32, from_first: NaiveDate, from_last: NaiveDate, step: i64| {
        let d = if n > 0 {
            add_days(from_first, step * i64::from(n - 1))?
        } else {
            add_days(from_last, step * i64::from(n + 1))?
        };
        (first..=last).contains(&d).then_some(d)
    };
    Some(match part {
        Part::Weekday { n, wd } => {
            let m = month?;
            let rule = crate::holiday::Rule::Nth {
                month: m,
                wd,
                n,
                days: 0,
            };
            (fmt_day(rule.date(y)?), Granularity::Day)
        }
        Part::Day { n } => (fmt_day(nth(n, first, last, 1)?), Granularity::Day),
        Part::Week { n } => {
            // a year's first week is ISO week 1, its last the week of December 28; a month's
            // first week is the week of its first day
            let (wfirst, wlast) = match month {
                Some(_) => (first, last),
                None => (
                    NaiveDate::from_isoywd_opt(y, 1, Weekday::Mon)?,
                    NaiveDate::from_ymd_opt(y, 12, 28)?,
                ),
            };
            let d = if n > 0 {
                add_days(wfirst, 7 * i64::from(n - 1))?
            } else {
                add_days(wlast, 7 * i64::from(n + 1))?
            };
            if month.is_some() && !(first..=last).contains(&d) && n > 0 && d > last {
                return None;
            }
            (fmt_week(d), Granularity::Week)
        }
    })
}

/// The tense of the sentence around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
    /// Future in the past ("said it would ..."): the occurrence nearest the reference.
    Near,
    /// No tense cue at all: a year-less month is this year's, a weekday the nearest.
    Plain,
}

/// A resolved value.
pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub gran: Granularity,
    pub anchor: Anchor,
    /// The two ends of a range (`value` is then `(BEGIN,END,DURATION)`).
    pub range: Option<(String, String)>,
}

fn res(kind: TimexType, value: String, gran: Granularity, anchor: Anchor) -> Resolved {
    Resolved {
        kind,
        value,
        gran,
        anchor,
        range: None,
    }
}

/// Resolves a range: both ends with the same tense, the end moved a week or a year on when
/// it would fall before the begin ("Friday to Sunday", "Dec. 28 to Jan. 3"), and the value
/// written `(BEGIN,END,DURATION)`.
fn resolve_range(a: &Sense, b: &Sense, reference: Option<NaiveDateTime>, tense: Tense) -> Resolved {
    let ra = resolve(a, reference, tense);
    let mut rb = resolve(b, reference, tense);
    if rb.value < ra.value {
        let later = match b {
            Sense::Weekday { .. } => days_later(&rb.value, 7),
            Sense::Ymd {
                y: YearSpec::Infer, ..
            }
            | Sense::Ym {
                y: YearSpec::Infer, ..
            } => year_later(&rb.value),
            _ => None,
        };
        if let Some(v) = later {
            rb.value = v;
        }
    }
    let duration = span_between(&ra.value, &rb.value, ra.gran).unwrap_or_else(|| "PX".into());
    let value = format!("({},{},{duration})", ra.value, rb.value);
    Resolved {
        kind: ra.kind,
        value,
        gran: ra.gran,
        anchor: ra.anchor,
        range: Some((ra.value, rb.value)),
    }
}

/// `value` (`YYYY-MM-DD...`) moved `n` days on.
fn days_later(value: &str, n: i64) -> Option<String> {
    let d = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    Some(format!("{}{}", fmt_day(add_days(d, n)?), &value[10..]))
}

/// `value` (`YYYY...`) one year on.
fn year_later(value: &str) -> Option<String> {
    let y: i32 = value.get(..4)?.parse().ok()?;
    Some(format!("{}{}", fmt_year(y + 1), &value[4..]))
}

/// The TIMEX3 duration from `a` to `b`, two values of grain `gran`: `P3D`, `P2M`, `P4Y`,
/// `P4W`, `PT2H30M`. Placeholder years (`XXXX`) count as a common year.
fn span_between(a: &str, b: &str, gran: Granularity) -> Option<String> {
    let a = a.replacen("XXXX", "2001", 1);
    let b = b.replacen("XXXX", "2001", 1);
    let day = |v: &str| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok();
    let num = |v: &str, r: std::ops::Range<usize>| v.get(r)?.parse::<i64>().ok();
    let months = |v: &str| Some(num(v, 0..4)? * 12 + num(v, 5..7)?);
    let n = |x: i64| (x >= 0).then_some(x);
    Some(match gran {
        Granularity::Day => format!("P{}D", n((day(&b)? - day(&a)?).num_days())?),
        Granularity::Month => format!("P{}M", n(months(&b)? - months(&a)?)?),
        Granularity::Year => format!("P{}Y", n(num(&b, 0..4)? - num(&a, 0..4)?)?),
        Granularity::Quarter => {
            let q = |v: &str| Some(num(v, 0..4)? * 4 + num(v, 6..7)?);
            format!("P{}M", n(q(&b)? - q(&a)?)? * 3)
        }
        Granularity::Week => {
            let w = |v: &str| {
                let d = NaiveDate::from_isoywd_opt(
                    num(v, 0..4)? as i32,
                    num(v, 6..8)? as u32,
                    Weekday::Mon,
                )?;
                Some(d)
            };
            format!("P{}W", n((w(&b)? - w(&a)?).num_weeks())?)
        }
        Granularity::Minute | Granularity::Hour | Granularity::Second => {
            let t = |v: &str| {
                let d = day(v)?;
                let hh = num(v, 11..13)?;
                let mm = num(v, 14..16).unwrap_or(0);
                Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp() / 60 + hh * 60 + mm)
            };
            let mins = n(t(&b)? - t(&a)?)?;
            let (h, m) = (mins / 60, mins % 60);
            match (h, m) {
                (0, m) => format!("PT{m}M"),
                (h, 0) => format!("PT{h}H"),
                (h, m) => format!("PT{h}H{m}M"),
            }
        }
        _ => return None,
    })
}

/// A value string built piece by piece: the hot path avoids `format!`.
pub(crate) struct ValueText(pub String);

impl ValueText {
    /// An empty value.
    pub(crate) fn new() -> Self {
        ValueText(String::with_capacity(16))
    }

    /// Appends `t`.
    pub(crate) fn s(mut self, t: &str) -> Self {
        self.0.push_str(t);
        self
    }

    /// Appends `n` zero-padded to `width` digits, like `{n:0width$}`.
    pub(crate) fn n(mut self, n: u64, width: usize) -> Self {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        let mut n = n;
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for _ in buf.len() - i..width {
            self.0.push('0');
        }
        for &b in &buf[i..] {
            self.0.push(char::from(b));
        }
        self
    }

    /// Appends a year as [`fmt_year`] writes it.
    pub(crate) fn y(self, y: i32) -> Self {
        match u64::try_from(y) {
            Ok(v) if v <= 9999 => self.n(v, 4),
            _ => self.s(&y.to_string()),
        }
    }
}

/// Formats a year: `2019`, or `-0044` is left alone as `-44` (never happens in news).
pub(crate) fn fmt_year(y: i32) -> String {
    ValueText::new().y(y).0
}

fn fmt_day(d: NaiveDate) -> String {
    ValueText::new()
        .y(d.year())
        .s("-")
        .n(d.month().into(), 2)
        .s("-")
        .n(d.day().into(), 2)
        .0
}

fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    ValueText::new().y(w.year()).s("-W").n(w.week().into(), 2).0
}

/// Adds `n` months to a date, clamping the day.
fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// The value of the `unit` containing `d`: `2023`, `2023-Q2`, `2023-04`, `2023-W17`, ...
fn fmt_unit(d: NaiveDate, unit: Unit) -> (String, Granularity) {
    let y = d.year();
    match unit {
        Unit::Century => (format!("{:02}XX", y.div_euclid(100)), Granularity::Century),
        Unit::Decade => (format!("{:03}X", y.div_euclid(10)), Granularity::Decade),
        Unit::Year => (fmt_year(y), Granularity::Year),
        Unit::Half => (
            ValueText::new()
                .y(y)
                .s(if d.month() <= 6 { "-H1" } else { "-H2" })
                .0,
            Granularity::Half,
        ),
        Unit::Quarter => (
            ValueText::new()
                .y(y)
                .s("-Q")
                .n(((d.month() - 1) / 3 + 1).into(), 1)
                .0,
            Granularity::Quarter,
        ),
        Unit::Month => (
            ValueText::new().y(y).s("-").n(d.month().into(), 2).0,
            Granularity::Month,
        ),
        Unit::Week | Unit::Fortnight => (fmt_week(d), Granularity::Week),
        Unit::Weekend => (ValueText(fmt_week(d)).s("-WE").0, Granularity::Week),
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => (fmt_day(d), Granularity::Day),
    }
}

/// The placeholder for a unit whose position is unknown.
fn placeholder(unit: Unit) -> (String, Granularity) {
    match unit {
        Unit::Century => ("XXXX".into(), Granularity::Century),
        Unit::Decade => ("XXXX".into(), Granularity::Decade),
        Unit::Year => ("XXXX".into(), Granularity::Year),
        Unit::Half => ("XXXX-HX".into(), Granularity::Half),
        Unit::Quarter => ("XXXX-QX".into(), Granularity::Quarter),
        Unit::Month => ("XXXX-XX".into(), Granularity::Month),
        Unit::Week | Unit::Fortnight => ("XXXX-WXX".into(), Granularity::Week),
        Unit::Weekend => ("XXXX-WXX-WE".into(), Granularity::Week),
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            ("XXXX-XX-XX".into(), Granularity::Day)
        }
    }
}

/// Moves `d` by `n` units.
fn shift(d: NaiveDate, unit: Unit, n: i32) -> Option<NaiveDate> {
    match unit {
        Unit::Century => add_months(d, n.checked_mul(1200)?),
        Unit::Decade => add_months(d, n.checked_mul(120)?),
        Unit::Year => add_months(d, n.checked_mul(12)?),
        Unit::Half => add_months(d, n.checked_mul(6)?),
        Unit::Quarter => add_months(d, n.checked_mul(3)?),
        Unit::Month => add_months(d, n),
        Unit::Fortnight => add_days(d, 14 * i64::from(n)),
        Unit::Week | Unit::Weekend => add_days(d, 7 * i64::from(n)),
        Unit::Day => add_days(d, i64::from(n)),
        Unit::Hour | Unit::Minute | Unit::Second => Some(d),
    }
}

/// Resolves `sem` against `reference` with the sentence's `tense`.
pub(crate) fn resolve(sem: &Sense, reference: Option<NaiveDateTime>, tense: Tense) -> Resolved {
    if let Sense::Range { a, b } = sem {
        return resolve_range(a, b, reference, tense);
    }
    if let Sense::HolidaySpan { rule, y } = sem {
        if let Some(r) = holiday_span(*rule, *y, reference, tense) {
            return r;
        }
    }
    resolve_opt(sem, reference, tense).unwrap_or_else(|| unresolved(sem))
}

/// A holiday of several days as a range: its first day found as for [`Sense::Holiday`], its
/// last day from the same occurrence.
fn holiday_span(
    rule: crate::holiday::Rule,
    y: YearSpec,
    reference: Option<NaiveDateTime>,
    tense: Tense,
) -> Option<Resolved> {
    let first = resolve(&Sense::Holiday { rule, y }, reference, tense);
    let begin = NaiveDate::parse_from_str(&first.value, "%Y-%m-%d").ok()?;
    let end = rule.last_day(begin)?;
    let (b, e) = (fmt_day(begin), fmt_day(end));
    let duration = span_between(&b, &e, Granularity::Day)?;
    Some(Resolved {
        kind: TimexType::Date,
        value: format!("({b},{e},{duration})"),
        gran: Granularity::Day,
        anchor: first.anchor,
        range: Some((b, e)),
    })
}

/// The value with placeholders, when there is no reference (or arithmetic overflowed).
fn unresolved(sem: &Sense) -> Resolved {
    use Granularity as Gran;
    let u = Anchor::Unresolved;
    match sem {
        Sense::Fixed {
            kind,
            value,
            gran,
            anchor,
        } => res(*kind, value.clone(), *gran, *anchor),
        Sense::Ymd { m, d, .. } | Sense::YmdWeekday { m, d, .. } => {
            res(TimexType::Date, format!("XXXX-{m:02}-{d:02}"), Gran::Day, u)
        }
        Sense::Ym { m, .. } => res(TimexType::Date, format!("XXXX-{m:02}"), Gran::Month, u),
        Sense::RelYear(_) => res(TimexType::Date, "XXXX".into(), Gran::Year, u),
        Sense::Quarter { q, .. } => res(TimexType::Date, format!("XXXX-Q{q}"), Gran::Quarter, u),
        Sense::Report { .. } => res(TimexType::Date, "XXXX-QX".into(), Gran::Quarter, u),
        Sense::Within { base, part } => {
            let b = unresolved(base);
            match within(&b.value, *part) {
                Some((v, g)) => res(TimexType::Date, v, g, b.anchor),
                None => res(TimexType::Date, "XXXX-XX-XX".into(), Gran::Day, u),
            }
        }
        Sense::DayOfMonth { d } => res(TimexType::Date, format!("XXXX-XX-{d:02}"), Gran::Day, u),
        Sense::HolidaySpan { .. } => res(TimexType::Date, "XXXX-XX-XX".into(), Gran::Day, u),
        Sense::Holiday { rule, .. } => match rule.fixed() {
            Some((m, d)) => res(TimexType::Date, format!("XXXX-{m:02}-{d:02}"), Gran::Day, u),
            None => res(TimexType::Date, "XXXX-XX-XX".into(), Gran::Day, u),
        },
        Sense::Offset { unit, .. } => {
            let (v, g) = placeholder(*unit);
            res(TimexType::Date, v, g, u)
        }
        Sense::Range { a, b } => resolve_range(a, b, None, Tense::Present),
        Sense::Half { h, .. } => res(TimexType::Date, format!("XXXX-H{h}"), Gran::Half, u),
        Sense::Season { s, .. } => res(TimexType::Date, format!("XXXX-{s}"), Gran::Season, u),
        Sense::Rel { unit, .. } | Sense::Shift { unit, .. } => {
            let (v, g) = placeholder(*unit);
            res(TimexType::Date, v, g, u)
        }
        Sense::Weekday { wd, .. } => res(
            TimexType::Date,
            format!("XXXX-WXX-{}", wd.number_from_monday()),
            Gran::Day,
            u,
        ),
        Sense::Weekend { .. } => res(TimexType::Date, "XXXX-WXX-WE".into(), Gran::Week, u),
        Sense::PartOfDay { day, pod } => {
            let base = unresolved(day);
            let day_value = if base.gran == Gran::Day {
                base.value
            } else {
                "XXXX-XX-XX".into()
            };
            res(
                TimexType::Time,
                format!("{day_value}T{}", pod.code()),
                Gran::PartOfDay,
                u,
            )
        }
        Sense::Clock { day, h, m, s } => {
            let (day_value, anchor) = match day {
                Some(day) => {
                    let r = unresolved(day);
                    if r.gran == Gran::Day {
                        (r.value, r.anchor)
                    } else {
                        ("XXXX-XX-XX".into(), u)
                    }
                }
                None => ("XXXX-XX-XX".into(), u),
            };
            let (clock, gran) = fmt_clock(*h, *m, *s);
            res(
                TimexType::Time,
                format!("{day_value}T{clock}"),
                gran,
                anchor,
            )
        }
    }
}

fn fmt_clock(h: u32, m: u32, s: Option<u32>) -> (String, Granularity) {
    match s {
        Some(s) => (
            ValueText::new()
                .n(h.into(), 2)
                .s(":")
                .n(m.into(), 2)
                .s(":")
                .n(s.into(), 2)
                .0,
            Granularity::Second,
        ),
        None => (
            ValueText::new().n(h.into(), 2).s(":").n(m.into(), 2).0,
            Granularity::Minute,
        ),
    }
}

/// Picks the year of month `m` (and day `d`) by tense: past is the latest on or before the
/// reference, future the earliest on or after it, present the nearest.
fn infer_year(r: NaiveDate, m: u32, d: Option<u32>, tense: Tense) -> i32 {
    let y = r.year();
    let key = |yy: i32| -> i64 {
        // months since year 0, times 32, plus day: a sortable position
        (i64::from(yy) * 12 + i64::from(m)) * 32 + i64::from(d.unwrap_or(0))
    };
    let rd = d.map_or(0, |_| r.day());
    let rkey = (i64::from(y) * 12 + i64::from(r.month())) * 32 + i64::from(rd);
    match tense {
        Tense::Past => {
            if key(y) <= rkey {
                y
            } else {
                y - 1
            }
        }
        Tense::Future => {
            if key(y) >= rkey {
                y
            } else {
                y + 1
            }
        }
        // "takes effect on Jan. 1", "the inauguration is on Jan. 20": a day in a present-tense
        // sentence is scheduled, so it is the next one
        Tense::Present if d.is_some() => {
            if key(y) >= rkey {
                y
            } else {
                y + 1
            }
        }
        Tense::Present | Tense::Plain => y,
        Tense::Near => {
            let dist = |yy: i32| (key(yy) - rkey).abs();
            // ties (never exact) prefer the reference year
            [y, y - 1, y + 1]
                .into_iter()
                .min_by_key(|&yy| (dist(yy), yy != y))
                .unwrap_or(y)
        }
    }
}

/// The year of a quarter or half named without one: in a past-tense sentence the latest one
/// that has started; in a future-tense sentence next year's if this year's ended more than
/// three months ago ("sales will rise in the first quarter", said in November); otherwise the
/// reference year ("will report first-quarter earnings" in April is about this year's first
/// quarter, which just ended).
fn period_year(r: NaiveDate, first_month: u32, last_month: u32, tense: Tense) -> i32 {
    match tense {
        Tense::Past if first_month > r.month() => r.year() - 1,
        Tense::Future if r.month() > last_month + 3 => r.year() + 1,
        _ => r.year(),
    }
}

/// The year a [`YearSpec`] stands for, `None` if it needs inference.
fn year_of(y: YearSpec, r: NaiveDate) -> Option<i32> {
    match y {
        YearSpec::Abs(y) => Some(y),
        YearSpec::Rel(n) => r.year().checked_add(n),
        YearSpec::Infer => None,
    }
}

fn resolve_opt(sem: &Sense, reference: Option<NaiveDateTime>, tense: Tense) -> Option<Resolved> {
    use Granularity as Gran;
    let date_ref = Anchor::Reference;
    if let Sense::Fixed {
        kind,
        value,
        gran,
        anchor,
    } = sem
    {
        return Some(res(*kind, value.clone(), *gran, *anchor));
    }
    // absolute forms resolve without a reference
    match sem {
        Sense::Ymd {
            y: YearSpec::Abs(y),
            m,
            d,
        } => {
            let date = NaiveDate::from_ymd_opt(*y, *m, *d)?;
            return Some(res(
                TimexType::Date,
                fmt_day(date),
                Gran::Day,
                Anchor::Absolute,
            ));
        }
        Sense::Ym {
            y: YearSpec::Abs(y),
            m,
        } => {
            return Some(res(
                TimexType::Date,
                ValueText::new().y(*y).s("-").n((*m).into(), 2).0,
                Gran::Month,
                Anchor::Absolute,
            ));
        }
        Sense::Quarter {
            y: YearSpec::Abs(y),
            q,
        } => {
            return Some(res(
                TimexType::Date,
                ValueText::new().y(*y).s("-Q").n((*q).into(), 1).0,
                Gran::Quarter,
                Anchor::Absolute,
            ));
        }
        Sense::Half {
            y: YearSpec::Abs(y),
            h,
        } => {
            return Some(res(
                TimexType::Date,
                ValueText::new().y(*y).s("-H").n((*h).into(), 1).0,
                Gran::Half,
                Anchor::Absolute,
            ));
        }
        Sense::Season {
            y: YearSpec::Abs(y),
            s,
            ..
        } => {
            return Some(res(
                TimexType::Date,
                ValueText::new().y(*y).s("-").s(s).0,
                Gran::Season,
                Anchor::Absolute,
            ));
        }
        Sense::Clock {
            day: Some(day),
            h,
            m,
            s,
        } => {
            let d = resolve_opt(day, reference, tense)?;
            if d.gran != Gran::Day || d.value.contains('X') {
                return None;
            }
            let (clock, gran) = fmt_clock(*h, *m, *s);
            return Some(res(
                TimexType::Time,
                ValueText(d.value).s("T").s(&clock).0,
                gran,
                d.anchor,
            ));
        }
        Sense::PartOfDay { day, pod } => {
            let d = resolve_opt(day, reference, tense)?;
            if d.gran != Gran::Day || d.value.contains('X') {
                return None;
            }
            return Some(res(
                TimexType::Time,
                ValueText(d.value).s("T").s(pod.code()).0,
                Gran::PartOfDay,
                d.anchor,
            ));
        }
        Sense::Holiday {
            rule,
            y: YearSpec::Abs(y),
        } => {
            let date = rule.date(*y)?;
            return Some(res(
                TimexType::Date,
                fmt_day(date),
                Gran::Day,
                Anchor::Absolute,
            ));
        }
        Sense::Within { base, part } => {
            // a day in a present-tense sentence is scheduled: its month is the next one
            let tense = if tense == Tense::Present {
                Tense::Future
            } else {
                tense
            };
            let b = resolve(base, reference, tense);
            let (v, g) = within(&b.value, *part)?;
            return Some(res(TimexType::Date, v, g, b.anchor));
        }
        Sense::Offset { base, unit, n } => {
            let b = resolve(base, reference, tense);
            if b.anchor != Anchor::Unresolved && b.gran == Gran::Day {
                let d = NaiveDate::parse_from_str(&b.value, "%Y-%m-%d").ok()?;
                let (v, g) = fmt_unit(shift(d, *unit, *n)?, *unit);
                return Some(res(TimexType::Date, v, g, b.anchor));
            }
            return None;
        }
        _ => {}
    }
    let now = reference?;
    let r = now.date();
    Some(match sem {
        Sense::Fixed { .. }
        | Sense::Offset { .. }
        | Sense::Within { .. }
        | Sense::HolidaySpan { .. } => return None,
        Sense::DayOfMonth { d } => {
            let days: Vec<NaiveDate> = (-1..=1)
                .filter_map(|k| {
                    let m = add_months(r.with_day(1)?, k)?;
                    NaiveDate::from_ymd_opt(m.year(), m.month(), *d)
                })
                .collect();
            let day = match tense {
                Tense::Past => days.into_iter().rev().find(|x| *x <= r)?,
                Tense::Future | Tense::Present => days.into_iter().find(|x| *x >= r)?,
                Tense::Near | Tense::Plain => days
                    .into_iter()
                    .min_by_key(|x| ((*x - r).num_days().abs(), *x < r))?,
            };
            res(TimexType::Date, fmt_day(day), Gran::Day, date_ref)
        }
        Sense::Holiday { rule, y } => {
            let date = match year_of(*y, r) {
                Some(y) => rule.date(y)?,
                None => {
                    let all: Vec<NaiveDate> = (r.year() - 1..=r.year() + 1)
                        .filter_map(|y| rule.date(y))
                        .collect();
                    match tense {
                        Tense::Past => all.into_iter().rev().find(|d| *d <= r)?,
                        Tense::Future | Tense::Present => all.into_iter().find(|d| *d >= r)?,
                        Tense::Near | Tense::Plain => all
                            .into_iter()
                            .min_by_key(|d| ((*d - r).num_days().abs(), *d < r))?,
                    }
                }
            };
            res(TimexType::Date, fmt_day(date), Gran::Day, date_ref)
        }
        Sense::Range { a, b } => resolve_range(a, b, reference, tense),
        Sense::Ymd { y, m, d } => {
            let year = year_of(*y, r).unwrap_or_else(|| infer_year(r, *m, Some(*d), tense));
            let date = NaiveDate::from_ymd_opt(year, *m, *d)?;
            res(TimexType::Date, fmt_day(date), Gran::Day, date_ref)
        }
        Sense::YmdWeekday { m, d, wd } => {
            // the year, near the reference, in which that day is that weekday
            let year = [r.year(), r.year() + 1, r.year() - 1]
                .into_iter()
                .find(|&y| NaiveDate::from_ymd_opt(y, *m, *d).is_some_and(|x| x.weekday() == *wd))
                .unwrap_or_else(|| infer_year(r, *m, Some(*d), tense));
            let date = NaiveDate::from_ymd_opt(year, *m, *d)?;
            res(TimexType::Date, fmt_day(date), Gran::Day, date_ref)
        }
        Sense::Ym { y, m } => {
            let year = year_of(*y, r).unwrap_or_else(|| infer_year(r, *m, None, tense));
            res(
                TimexType::Date,
                ValueText::new().y(year).s("-").n((*m).into(), 2).0,
                Gran::Month,
                date_ref,
            )
        }
        Sense::RelYear(n) => res(
            TimexType::Date,
            fmt_year(r.year().checked_add(*n)?),
            Gran::Year,
            date_ref,
        ),
        Sense::Quarter { y, q } => {
            let year =
                year_of(*y, r).unwrap_or_else(|| period_year(r, (q - 1) * 3 + 1, q * 3, tense));
            res(
                TimexType::Date,
                ValueText::new().y(year).s("-Q").n((*q).into(), 1).0,
                Gran::Quarter,
                date_ref,
            )
        }
        Sense::Half { y, h } => {
            let year =
                year_of(*y, r).unwrap_or_else(|| period_year(r, (h - 1) * 6 + 1, h * 6, tense));
            res(
                TimexType::Date,
                ValueText::new().y(year).s("-H").n((*h).into(), 1).0,
                Gran::Half,
                date_ref,
            )
        }
        Sense::Season { y, s, which } => {
            let year = match (year_of(*y, r), which) {
                (Some(y), _) => y,
                (None, Which::Last) => season_year(r, s, -1),
                (None, Which::Next) => season_year(r, s, 1),
                (None, Which::This) => season_year(r, s, 0),
                (None, Which::Tense) => season_year(
                    r,
                    s,
                    match tense {
                        Tense::Past => -1,
                        Tense::Future => 1,
                        Tense::Present | Tense::Near | Tense::Plain => 0,
                    },
                ),
            };
            res(
                TimexType::Date,
                ValueText::new().y(year).s("-").s(s).0,
                Gran::Season,
                date_ref,
            )
        }
        Sense::Rel { unit, off } => {
            let d = shift(r, *unit, *off)?;
            let (v, g) = fmt_unit(d, *unit);
            res(TimexType::Date, v, g, date_ref)
        }
        Sense::Report { years } => {
            let now = i64::from(r.year()) * 4 + i64::from(r.month0() / 3);
            let done = if tense == Tense::Future { now } else { now - 1 };
            let idx = done + i64::from(*years) * 4;
            let y = i32::try_from(idx.div_euclid(4)).ok()?;
            let q = idx.rem_euclid(4) + 1;
            res(
                TimexType::Date,
                ValueText::new().y(y).s("-Q").n(q as u64, 1).0,
                Gran::Quarter,
                date_ref,
            )
        }
        Sense::Shift { unit, n } => {
            let d = shift(r, *unit, *n)?;
            let (v, g) = fmt_unit(d, *unit);
            res(TimexType::Date, v, g, date_ref)
        }
        Sense::Weekday { wd, which } => {
            let d = weekday_date(r, *wd, *which, tense)?;
            res(TimexType::Date, fmt_day(d), Gran::Day, date_ref)
        }
        Sense::Weekend { which } => {
            // Saturday of the weekend meant
            // "over the weekend" in a plain sentence is the nearest one
            let tense = if matches!(tense, Tense::Present | Tense::Plain) {
                Tense::Near
            } else {
                tense
            };
            let sat = weekday_date(r, Weekday::Sat, *which, tense)?;
            let sat = if r.weekday() == Weekday::Sun && *which != Which::Next {
                add_days(r, -1)?
            } else {
                sat
            };
            res(
                TimexType::Date,
                ValueText(fmt_week(sat)).s("-WE").0,
                Gran::Week,
                date_ref,
            )
        }
        Sense::Clock { day: None, h, m, s } => {
            let (clock, gran) = fmt_clock(*h, *m, *s);
            res(
                TimexType::Time,
                ValueText(fmt_day(r)).s("T").s(&clock).0,
                gran,
                date_ref,
            )
        }
        Sense::Clock { .. } | Sense::PartOfDay { .. } => return None,
    })
}

/// The year of season `s` relative to `r`: 0 the current or coming one, -1 the last, 1 next.
fn season_year(r: NaiveDate, s: &str, dir: i32) -> i32 {
    let y = r.year();
    let start_month = match s {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    let m = r.month();
    match dir {
        // the latest season that has started (winter started last December in Jan-Feb)
        -1 => {
            let started_this_year = if start_month == 12 {
                false
            } else {
                m >= start_month
            };
            if s == "WI" {
                if m <= 2 { y - 2 } else { y - 1 }
            } else if started_this_year && m > start_month + 2 {
                y
            } else {
                y - 1
            }
        }
        1 => {
            if s == "WI" {
                if m <= 2 { y } else { y + 1 }
            } else if m < start_month {
                y
            } else {
                y + 1
            }
        }
        _ => {
            if s == "WI" && m <= 2 {
                y - 1
            } else {
                y
            }
        }
    }
}

/// The date of weekday `wd` meant relative to `r`.
fn weekday_date(r: NaiveDate, wd: Weekday, which: Which, tense: Tense) -> Option<NaiveDate> {
    let rd = i64::from(r.weekday().num_days_from_monday());
    let wdn = i64::from(wd.num_days_from_monday());
    let back = (rd - wdn).rem_euclid(7); // days back to the latest wd on or before r
    let fwd = (wdn - rd).rem_euclid(7); // days forward to the next wd on or after r
    let offset = match which {
        Which::Last => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        Which::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Which::This => wdn - rd,
        Which::Tense => match tense {
            Tense::Past => -back,
            Tense::Future => fwd,
            // "voters go to the polls on Sunday": scheduled, the next one
            Tense::Present => fwd,
            Tense::Near | Tense::Plain => {
                if back <= fwd {
                    -back
                } else {
                    fwd
                }
            }
        },
    };
    add_days(r, offset)
}

/// Guesses the tense of the sentence around `span`: the tense cue nearest to the expression
/// wins. No cue: present.
pub(crate) fn tense_at(text: &str, span: std::ops::Range<usize>, lex: &Table) -> Tense {
    let bytes = text.as_bytes();
    let lo = sentence_start(bytes, span.start);
    let hi = sentence_end(bytes, span.end);
    let mut best: Option<(usize, Tense)> = None;
    let mut attribution: Option<(usize, Tense)> = None;
    let mut i = lo;
    while i < hi {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let s = i;
        while i < hi && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if s >= span.start && s < span.end {
            continue; // words of the expression itself
        }
        let word = &text[s..i];
        let passive = s >= 3 && {
            let before = &bytes[s.saturating_sub(6)..s - 1];
            before.ends_with(b"be") || before.ends_with(b"been") || before.ends_with(b"being")
        };
        let tense = if passive {
            None
        } else {
            cue(word, bytes, i, lex)
        };
        // "the office is shut", "results are published": a present passive, not the past
        let tense = match tense {
            Some(Tense::Past)
                if s >= 4 && {
                    let before = &bytes[s.saturating_sub(5)..s - 1];
                    before.ends_with(b" is") || before.ends_with(b" are")
                } =>
            {
                None
            }
            // "will shut", "to set": a bare verb after a modal or "to" is no past tense
            Some(Tense::Past)
                if s >= 4 && {
                    let before = &bytes[s.saturating_sub(6)..s - 1];
                    before.ends_with(b"will")
                        || before.ends_with(b" to")
                        || before.ends_with(b"not")
                } =>
            {
                None
            }
            t => t,
        };
        if let Some(t) = tense {
            let dist = if s >= span.end {
                s - span.end
            } else {
                span.start - i
            };
            // "said", "told", "reported" date the telling, not the event: weaker cues
            // ... unless right next to the expression ("said Tuesday", "said on Tuesday")
            let weak = word.eq_ignore_ascii_case("would")
                || crate::words::ATTRIBUTION
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(word));
            let slot = if dist > 4 && weak {
                &mut attribution
            } else {
                &mut best
            };
            if slot.is_none_or(|(d, _)| dist < d) {
                *slot = Some((dist, t));
            }
        }
    }
    best.or(attribution).map_or(Tense::Plain, |(_, t)| t)
}

fn cue(word: &str, bytes: &[u8], end: usize, lex: &Table) -> Option<Tense> {
    // quick exit: every cue word is short, and most words are none
    if word.len() < 2 {
        return None;
    }
    // the month "May" is no modal
    if word.len() > 14 || word == "May" || word == "MAY" {
        return None;
    }
    let wb = word.as_bytes();
    let lists = lex.lookup_at(crate::lex::Filter::Tense, wb, 0, wb.len());
    use crate::lex::{FUTURE, NOT_PAST, PAST, PRESENT};
    if lists & (FUTURE | PRESENT | PAST | NOT_PAST) == 0 {
        // in no list: only the "-ed" rule below can apply
        let n = wb.len();
        let ed = n >= 5 && wb[n - 2] | 0x20 == b'e' && wb[n - 1] | 0x20 == b'd';
        return ed.then_some(Tense::Past);
    }
    let mut buf = [0u8; 14];
    for (b, w) in buf.iter_mut().zip(word.bytes()) {
        *b = w.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..word.len()]).ok()?;
    let in_list = |bit: u64| lists & bit != 0;
    // future-in-past ("said it would tighten ... effective July 4"): the nearest one
    if lower == "would" {
        return Some(Tense::Near);
    }
    if in_list(FUTURE) {
        // most of these only speak of the future before "to" / "for"
        let needs_to = !matches!(
            lower,
            "will"
                | "ll"
                | "shall"
                | "due"
                | "until"
                | "could"
                | "might"
                | "may"
                | "should"
                | "upcoming"
        );
        let rest = &bytes[end..bytes.len().min(end + 4)];
        if needs_to && !(rest.starts_with(b" to ") || rest.starts_with(b" for")) {
            return match lower {
                "planned" | "scheduled" | "expected" | "projected" | "slated" => {
                    Some(Tense::Future)
                }
                "forecast" | "set" | "vowed" | "pledged" | "promised" | "proposed" => {
                    Some(Tense::Past)
                }
                _ => None,
            };
        }
        return Some(Tense::Future);
    }
    if in_list(PRESENT) {
        return Some(Tense::Present);
    }
    if in_list(PAST) {
        return Some(Tense::Past);
    }
    if lower.len() >= 5 && lower.ends_with("ed") && !in_list(NOT_PAST) {
        return Some(Tense::Past);
    }
    None
}

/// Start of the sentence containing byte `at` (at most 300 bytes back).
pub(crate) fn sentence_start(bytes: &[u8], at: usize) -> usize {
    let lo = at.saturating_sub(200);
    let mut i = at;
    while i > lo {
        let b = bytes[i - 1];
        if b == b'\n' || ((b == b'.' || b == b'!' || b == b'?') && is_sentence_end(bytes, i - 1)) {
            return i;
        }
        i -= 1;
    }
    lo
}

/// End of the sentence containing byte `at` (at most 300 bytes on).
fn sentence_end(bytes: &[u8], at: usize) -> usize {
    let hi = (at + 200).min(bytes.len());
    let mut i = at;
    while i < hi {
        let b = bytes[i];
        if b == b'\n' || ((b == b'.' || b == b'!' || b == b'?') && is_sentence_end(bytes, i)) {
            return i;
        }
        i += 1;
    }
    hi
}

/// Whether the stop at `i` ends a sentence: followed by space then an uppercase letter or
/// quote, and not after a short abbreviation like "Jan." or "U.S.".
fn is_sentence_end(bytes: &[u8], i: usize) -> bool {
    let next = bytes.get(i + 1).copied();
    if !matches!(next, None | Some(b' ' | b'\n' | b'"' | b'\'')) {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    // the word before the period
    let mut s = i;
    while s > 0 && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    let len = i - s;
    let capital = len > 0 && bytes[s].is_ascii_uppercase();
    // "Jan.", "Mr.", "U.S." are not ends; "said." is
    !(capital && len <= 4 || s > 0 && bytes[s - 1] == b'.')
}
