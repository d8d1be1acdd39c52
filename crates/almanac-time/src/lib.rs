//! Find and resolve temporal expressions in English news text.
//!
//! `almanac-time` scans a text for dates, times, durations and sets ("last month",
//! "21 Jan 2020", "over the past 4 years", "annually") and resolves each to a
//! [TIMEX3](https://timeml.github.io/site/publications/timeMLdocs/timeml_1.2.1.html#timex3)
//! type and value against a reference date-time that the caller passes in.
//!
//! Besides news dates it reads what people write: ranges as one expression ("June 9-12" is
//! `(2016-06-09,2016-06-12,P3D)` with [`TimeExpr::begin`] and [`TimeExpr::end`]), times of day
//! ("ten past nine", "17h30", "tonight at 10:30pm"), holidays (fixed, nth weekday, Easter-relative
//! by the Gregorian computus), reporting periods of results stories ("the year-earlier
//! period"), and counting inside periods ("the last Monday of October"). Which way a
//! year-less date points is the sentence's tense, or a [`Prefer`] given to [`annotate_with`].
//! A text to resolve against several reference dates is scanned once, as a [`Scanned`].
//!
//! A calendar date written on its own, as metadata and datelines write it, is read by one
//! grammar, [`parse_date`] (or [`parse_date_prefix`], which returns the text after the date
//! for a caller that reads times and zones around it, as almanac-parse does). What a TIMEX3
//! value is (placeholders, calendar, clock, duration) is read once into a [`ValueShape`], so
//! later crates ask it instead of reading the value string again.
//!
//! It deliberately does not read the clock: with no reference, relative expressions stay
//! unresolved (`XXXX-07`) rather than being resolved against today. It has no dependency on
//! the rest of almanac and can be used alone.
//!
//! ```
//! use almanac_time::{annotate, TimexType};
//! use chrono::NaiveDate;
//!
//! let reference = NaiveDate::from_ymd_opt(2023, 4, 25).unwrap().and_hms_opt(10, 27, 40).unwrap();
//! let found = annotate("Last month, Japan lifted export restrictions.", Some(reference));
//! assert_eq!(found[0].value, "2023-03");
//! assert_eq!(found[0].kind, TimexType::Date);
//! ```

mod calendar;
mod date;
mod describe;
mod holiday;
mod lex;
pub mod number;
mod resolve;
mod rules;
mod scan;
mod timex;
pub mod words;

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use calendar::{
    CALENDAR_YEARS, Calendar, CalendarHoliday, calendar_holiday, calendar_holiday_names,
    normalize_holiday_name,
};
pub use date::{parse_date, parse_date_prefix};
pub use describe::{describe, span};
pub use timex::{Anchor, Granularity, Modifier, TimexType};

use resolve::{Sense, Tense, Which, YearSpec};
use rules::{Hit, Window};
use words::Unit;

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Byte range of the expression in the annotated text.
    pub span: Range<usize>,
    /// The TIMEX3 type.
    pub kind: TimexType,
    /// The TIMEX3 value, e.g. `2023-03`, `P19D`, `XXXX-07`, `PRESENT_REF`.
    pub value: String,
    /// How finely the value is known.
    pub granularity: Granularity,
    /// What the value was computed from.
    pub anchor: Anchor,
    /// A TIMEX3 `mod`, if the text qualifies the value.
    pub modifier: Option<Modifier>,
    /// For a range ("June 9-12", "from 3pm to 5:30pm"), its first value; `value` is then
    /// `(BEGIN,END,DURATION)`, as in `(2016-06-09,2016-06-12,P3D)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin: Option<String>,
    /// For a range, its last value (see [`TimeExpr::begin`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// What a TIMEX3 value is, read once from the value string where a value is made, so that
/// later crates ask these questions instead of reading the string again.
///
/// ```
/// use almanac_time::ValueShape;
///
/// let july = ValueShape::of("XXXX-07");
/// assert!(july.calendar && july.placeholder && !july.clock && !july.year_known);
/// assert!(ValueShape::of("2023-03").year_known);
/// assert!(ValueShape::of("2020-01-21T06:05").clock);
/// assert!(ValueShape::of("P3D").duration);
/// assert!(ValueShape::of("PRESENT_REF").reference);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ValueShape {
    /// Some part is left unknown with `X` placeholders: `XXXX-07`, `201X`, `PXY`.
    pub placeholder: bool,
    /// A point or period of the calendar, possibly with placeholders: `2023-03`, `XXXX-07`,
    /// `2020-01-21T06:05` (not a reference word, a duration or a range).
    pub calendar: bool,
    /// A calendar value with a time of day: `2020-01-21T06:05`.
    pub clock: bool,
    /// A duration: `P3D`, `PT2H`, `PXY`.
    pub duration: bool,
    /// A reference word: `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    pub reference: bool,
    /// It begins with a four-digit year: `2023-03`, `2020-W10`, `2019` (not `XXXX-07`, `201X`).
    pub year_known: bool,
}

impl ValueShape {
    /// Reads the shape of a TIMEX3 value.
    pub fn of(value: &str) -> Self {
        let reference = value.ends_with("_REF");
        let calendar = value
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit() || *b == b'X');
        Self {
            placeholder: value.contains('X'),
            calendar,
            clock: calendar && value.contains('T'),
            duration: value.starts_with('P') && !reference,
            reference,
            year_known: value
                .as_bytes()
                .get(..4)
                .is_some_and(|y| y.iter().all(u8::is_ascii_digit)),
        }
    }
}

/// Whether `pattern`, a value with `X` placeholders (`XXXX-07`), matches `value` (`2019-07`,
/// `2019-07-04`): every written character agrees and each placeholder stands for any one.
/// A value without placeholders is no pattern and matches nothing.
///
/// ```
/// assert!(almanac_time::pattern_matches("XXXX-07", "2019-07-04"));
/// assert!(!almanac_time::pattern_matches("XXXX-07", "2019-08"));
/// assert!(!almanac_time::pattern_matches("2019-07", "2019-07"));
/// ```
pub fn pattern_matches(pattern: &str, value: &str) -> bool {
    pattern.contains('X')
        && pattern.len() <= value.len()
        && pattern
            .bytes()
            .zip(value.bytes())
            .all(|(p, v)| p == b'X' || p == v)
}

/// Whether `value` names `broader` or a part of it, as TIMEX3 writes parts (a longer value
/// with the same beginning): `2023-03-05` and `2023-03-05T10:00` lie within `2023-03`.
///
/// ```
/// assert!(almanac_time::value_within("2023-03-05", "2023-03"));
/// assert!(almanac_time::value_within("2023", "2023"));
/// assert!(!almanac_time::value_within("2023", "2023-03"));
/// ```
pub fn value_within(value: &str, broader: &str) -> bool {
    value.starts_with(broader)
}

/// Which way a year-less date or a bare weekday points when the text does not say
/// ("in June", "on Tuesday").
///
/// News is best read with [`Prefer::Auto`] (the tense of the sentence decides: "said on
/// Tuesday" looks back, "will meet on Tuesday" forward); a chat assistant wants "in June" in
/// the future, an archive reader in the past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prefer {
    /// The latest occurrence on or before the reference.
    Past,
    /// The earliest occurrence on or after the reference.
    Future,
    /// Decided by the tense and prepositions of the sentence.
    #[default]
    Auto,
}

impl std::str::FromStr for Prefer {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "past" => Ok(Prefer::Past),
            "future" => Ok(Prefer::Future),
            "auto" => Ok(Prefer::Auto),
            _ => Err(TimeError::UnrecognizedPrefer {
                text: s.to_string(),
            }),
        }
    }
}

/// Errors of the parsing helpers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// The text is not one absolute calendar date.
    #[error("unrecognized date {text:?}")]
    UnrecognizedDate {
        /// The text given.
        text: String,
    },
    /// The text is a slashed date whose day and month could be swapped (`02/10/2020`).
    #[error("ambiguous date {text:?} (day and month could be swapped)")]
    AmbiguousDate {
        /// The text given.
        text: String,
    },
    /// The text is written as a date, but that day does not exist (`2024-02-30`).
    #[error("impossible date {text:?}")]
    ImpossibleDate {
        /// The text given.
        text: String,
    },
    /// The text is not `past`, `future` or `auto`.
    #[error("unrecognized direction {text:?} (expected past, future or auto)")]
    UnrecognizedPrefer {
        /// The text given.
        text: String,
    },
    /// The text is not `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`.
    #[error("unrecognized reference date-time {text:?}")]
    UnrecognizedReference {
        /// The text given.
        text: String,
    },
}

/// Finds every temporal expression in `text` and resolves it against `reference`.
///
/// With `reference == None`, relative expressions keep placeholders (`XXXX-07`) and their
/// anchor is [`Anchor::Unresolved`]. Results are sorted by span and do not overlap.
/// Never panics, whatever the input.
pub fn annotate(text: &str, reference: Option<NaiveDateTime>) -> Vec<TimeExpr> {
    annotate_with(text, reference, Prefer::Auto)
}

/// [`annotate`] with a direction policy for year-less dates and bare weekdays.
///
/// ```
/// use almanac_time::{annotate_with, Prefer};
/// use chrono::NaiveDate;
///
/// let reference = NaiveDate::from_ymd_opt(2023, 4, 25).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let text = "The fair is in June.";
/// assert_eq!(annotate_with(text, Some(reference), Prefer::Past)[0].value, "2022-06");
/// assert_eq!(annotate_with(text, Some(reference), Prefer::Future)[0].value, "2023-06");
/// ```
pub fn annotate_with(
    text: &str,
    reference: Option<NaiveDateTime>,
    prefer: Prefer,
) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    find(text, prefer, |p| p.complete(text, reference, &mut out));
    out
}

/// The temporal expressions of a text, found but not yet resolved: [`annotate_with`] in two
/// steps. Finding them is most of the work and depends on the text alone; resolving them
/// depends on the reference date. A text met again under another date (a wire copy, a feed
/// saved twice) is resolved without being read again.
///
/// ```
/// use almanac_time::{Prefer, Scanned, annotate_with};
/// use chrono::NaiveDate;
///
/// let text = "Exports fell last month from a year earlier.";
/// let scanned = Scanned::new(text, Prefer::Auto);
/// for (y, m) in [(2023, 4), (2011, 1)] {
///     let reference = NaiveDate::from_ymd_opt(y, m, 25).unwrap().and_hms_opt(9, 0, 0).unwrap();
///     assert_eq!(scanned.resolve(Some(reference)), annotate_with(text, Some(reference), Prefer::Auto));
/// }
/// assert_eq!(scanned.resolve(None)[0].value, "XXXX-XX");
/// ```
#[derive(Debug, Clone)]
pub struct Scanned {
    text: Box<str>,
    pending: Vec<Pending>,
}

impl Scanned {
    /// Finds the temporal expressions of `text`, to resolve with the direction policy
    /// `prefer`.
    pub fn new(text: &str, prefer: Prefer) -> Self {
        let mut pending = Vec::new();
        find(text, prefer, |p| pending.push(p));
        Self {
            text: text.into(),
            pending,
        }
    }

    /// The text scanned.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The expressions resolved against `reference`: what [`annotate_with`] returns for
    /// the text, `reference` and the policy given to [`Scanned::new`].
    pub fn resolve(&self, reference: Option<NaiveDateTime>) -> Vec<TimeExpr> {
        let mut out = Vec::with_capacity(self.pending.len());
        for p in &self.pending {
            p.clone().complete(&self.text, reference, &mut out);
        }
        out
    }
}

/// Calls `each` with every expression of `text`, in order, before resolution.
fn find(text: &str, prefer: Prefer, mut each: impl FnMut(Pending)) {
    let mut toks = Vec::new();
    let mut nums = Vec::new();
    let mut hits = Vec::new();
    let lexicon = rules::lexicon();
    for window in scan::windows(text, lexicon) {
        scan::tokenize(text, window, lexicon, &mut toks);
        rules::reset_nums(&mut nums, toks.len());
        let g = Window {
            text,
            lexicon,
            toks: &toks,
            nums: &nums,
        };
        hits.clear();
        let mut i = 0;
        while i < toks.len() {
            // letters glued to digits ("COP27", "G20", "iPhone15") are names, never dates
            let glued = i > 0 && toks[i].kind == scan::Kind::Num && !toks[i].space && {
                toks[i - 1].kind == scan::Kind::Word
            };
            if glued || !rules::can_start(&toks[i]) {
                i += 1;
                continue;
            }
            match rules::match_at(&g, i) {
                Some(h) => {
                    i = h.end;
                    hits.push(h);
                }
                None => i += 1,
            }
        }
        rules::ranges(&g, &mut hits);
        merge(&g, &mut hits);
        for h in hits.drain(..) {
            each(Pending::new(&g, h, prefer));
        }
    }
}

/// Re-counts "a year earlier" (`found`, `n` years) from the latest date found before it in
/// the same sentence: "exports fell in March from a year earlier" is March of the year before,
/// not the year before the reference. Leaves `found` alone when there is no such date.
fn chain(text: &str, before: &[TimeExpr], found: &mut TimeExpr, n: i32) {
    let sentence = resolve::sentence_start(text.as_bytes(), found.span.start);
    let Some(prev) = before
        .iter()
        .rev()
        .take_while(|p| p.span.start >= sentence)
        .find(|p| p.kind == TimexType::Date)
    else {
        return;
    };
    let dated = matches!(
        prev.granularity,
        Granularity::Year
            | Granularity::Half
            | Granularity::Quarter
            | Granularity::Season
            | Granularity::Month
            | Granularity::Day
    );
    let v = prev.value.as_bytes();
    if !dated
        || v.len() < 4
        || !v[..4].iter().all(u8::is_ascii_digit)
        || prev.value.ends_with("-02-29")
    {
        return;
    }
    let Some(year) = prev.value[..4]
        .parse::<i32>()
        .ok()
        .and_then(|y| y.checked_add(n))
    else {
        return;
    };
    if !(0..=9999).contains(&year) {
        return;
    }
    found.value = format!("{year:04}{}", &prev.value[4..]);
    found.granularity = prev.granularity;
    found.anchor = prev.anchor;
}

/// Whether a sense is a single day, which a clock time can join.
fn is_day(sem: &Sense) -> bool {
    matches!(
        sem,
        Sense::Ymd { .. }
            | Sense::Weekday { .. }
            | Sense::Rel {
                unit: Unit::Day,
                ..
            }
    )
}

/// The day of a sense a clock time can join, with its part of the day: "Friday" (no part),
/// "tomorrow morning", "tonight".
fn day_part(sem: &Sense) -> Option<(Sense, Option<resolve::DayPart>)> {
    match sem {
        s if is_day(s) => Some((s.clone(), None)),
        Sense::PartOfDay { day, pod } if is_day(day) => Some(((**day).clone(), Some(*pod))),
        _ => None,
    }
}

/// An hour read in a part of the day: "tonight at 10" is 22:00, "tomorrow morning at 8" 08:00.
fn in_part(h: u32, pod: Option<resolve::DayPart>) -> u32 {
    use resolve::DayPart;
    match pod {
        Some(DayPart::Afternoon | DayPart::Evening) if h < 12 => h + 12,
        Some(DayPart::Night) if (6..12).contains(&h) => h + 12,
        _ => h,
    }
}

/// Joins a day and a clock time written next to each other ("21 Jan 2020, 6:05", "7:15 a.m.
/// Friday", "Tuesday at 3 p.m.") and drops bare clock times that joined nothing.
fn merge(g: &Window, hits_out: &mut Vec<Hit>) {
    // only a bare clock time joins anything
    if !hits_out
        .iter()
        .any(|h| matches!(h.sem, Sense::Clock { day: None, .. }))
    {
        hits_out.retain(|h| !h.weak);
        return;
    }
    let hits = std::mem::take(hits_out);
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(prev) = out.last_mut() {
            let gap = &g.toks[prev.end..h.start];
            let gap_ok = |allowed: &[&str]| {
                gap.len() <= 2
                    && gap
                        .iter()
                        .all(|t| allowed.iter().any(|a| t.text.eq_ignore_ascii_case(a)))
            };
            let clock_alone = |s: &Sense| matches!(s, Sense::Clock { day: None, .. });
            let prev_day = day_part(&prev.sem);
            if prev_day.is_some() && clock_alone(&h.sem) && gap_ok(&[",", "at", "-", "on"]) {
                if let (Sense::Clock { h: hh, m, s, .. }, Some((day, pod))) = (&h.sem, prev_day) {
                    prev.sem = Sense::Clock {
                        day: Some(Box::new(day)),
                        h: in_part(*hh, pod),
                        m: *m,
                        s: *s,
                    };
                    prev.end = h.end;
                    prev.weak = false;
                    continue;
                }
            }
            let next_day = day_part(&h.sem);
            if clock_alone(&prev.sem) && next_day.is_some() && gap_ok(&[",", "on"]) {
                if let (Sense::Clock { h: hh, m, s, .. }, Some((day, pod))) = (&prev.sem, next_day)
                {
                    prev.sem = Sense::Clock {
                        day: Some(Box::new(day)),
                        h: in_part(*hh, pod),
                        m: *m,
                        s: *s,
                    };
                    prev.end = h.end;
                    prev.weak = false;
                    if h.tense.is_some() {
                        prev.tense = h.tense;
                    }
                    continue;
                }
            }
        }
        out.push(h);
    }
    out.retain(|h| !h.weak);
    *hits_out = out;
}

/// Whether resolving `sem` depends on the sentence's tense.
fn needs_tense(sem: &Sense) -> bool {
    match sem {
        Sense::Ymd { y, .. }
        | Sense::Ym { y, .. }
        | Sense::Quarter { y, .. }
        | Sense::Half { y, .. } => *y == YearSpec::Infer,
        Sense::Season { y, which, .. } => *y == YearSpec::Infer && *which == Which::Tense,
        Sense::Weekday { which, .. } | Sense::Weekend { which } => *which == Which::Tense,
        Sense::Report { .. } => true,
        Sense::Holiday { y, .. } | Sense::HolidaySpan { y, .. } => *y == YearSpec::Infer,
        Sense::Offset { base, .. } | Sense::Within { base, .. } => needs_tense(base),
        Sense::DayOfMonth { .. } => true,
        Sense::Range { a, b } => needs_tense(a) || needs_tense(b),
        Sense::PartOfDay { day, .. } => needs_tense(day),
        Sense::Clock { day, .. } => day.as_deref().is_some_and(needs_tense),
        _ => false,
    }
}

/// Prepositions after which a year-less date in a present-tense sentence lies ahead.
const FORWARD: &[&str] = &[
    "by",
    "until",
    "till",
    "from",
    "starting",
    "effective",
    "before",
];

/// An expression found in a window, with everything but what the reference date decides.
#[derive(Debug, Clone)]
struct Pending {
    /// Byte range in the text.
    span: Range<usize>,
    sem: Sense,
    tense: Tense,
    /// The modifier written inside the span.
    modifier: Option<Modifier>,
    /// The word just before the span, when it makes a modifier.
    preceded: Preceded,
    /// "a year earlier", "two years later": the years to count from an earlier date of the
    /// same sentence ([`chain`]).
    chained_years: Option<i32>,
}

/// A word before an expression that gives it a modifier, depending on the kind of value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preceded {
    /// `before` (dates and times).
    Before,
    /// `after`, `since` (dates and times).
    After,
    /// `by`, `until`, `till` (dates and times).
    By,
    /// `within` (durations).
    Within,
    /// Anything else, or nothing.
    Other,
}

impl Pending {
    fn new(g: &Window, h: Hit, prefer: Prefer) -> Self {
        let span = g.toks[h.start].start..g.toks[h.end - 1].end;
        let tense = match h.tense {
            Some(t) => t,
            None if prefer == Prefer::Past && needs_tense(&h.sem) => Tense::Past,
            None if prefer == Prefer::Future && needs_tense(&h.sem) => Tense::Future,
            None if needs_tense(&h.sem) => {
                match resolve::tense_at(g.text, span.clone(), g.lexicon) {
                    // "apply from January", "by March": a plain sentence looks forward from these
                    Tense::Present | Tense::Plain
                        if h.start > 0 && g.is_any(h.start - 1, FORWARD) =>
                    {
                        Tense::Future
                    }
                    t => t,
                }
            }
            None => Tense::Present,
        };
        let preceded =
            h.start
                .checked_sub(1)
                .and_then(|i| g.toks.get(i))
                .map_or(Preceded::Other, |prev| {
                    match lex::Lower::new(prev.text).as_str() {
                        "before" => Preceded::Before,
                        "after" | "since" => Preceded::After,
                        "by" | "until" | "till" => Preceded::By,
                        "within" => Preceded::Within,
                        _ => Preceded::Other,
                    }
                });
        let chained_years = match h.sem {
            Sense::Shift {
                unit: Unit::Year,
                n,
            } if h.chained => Some(n),
            Sense::Report { years } if h.chained => Some(years),
            _ => None,
        };
        Self {
            span,
            sem: h.sem,
            tense,
            modifier: h.modifier,
            preceded,
            chained_years,
        }
    }

    /// Resolves the expression against `reference` and adds it to `out`, the expressions
    /// of `text` before it.
    fn complete(self, text: &str, reference: Option<NaiveDateTime>, out: &mut Vec<TimeExpr>) {
        let r = resolve::resolve(&self.sem, reference, self.tense);
        let dated = matches!(r.kind, TimexType::Date | TimexType::Time);
        let modifier = self.modifier.or(match self.preceded {
            Preceded::Before if dated => Some(Modifier::Before),
            Preceded::After if dated => Some(Modifier::After),
            Preceded::By if dated => Some(Modifier::OnOrBefore),
            Preceded::Within if r.kind == TimexType::Duration => Some(Modifier::LessThan),
            _ => None,
        });
        let (begin, end) = match r.range {
            Some((b, e)) => (Some(b), Some(e)),
            None => (None, None),
        };
        let mut found = TimeExpr {
            span: self.span,
            kind: r.kind,
            value: r.value,
            granularity: r.gran,
            anchor: r.anchor,
            modifier,
            begin,
            end,
        };
        if let Some(n) = self.chained_years {
            chain(text, out, &mut found, n);
        }
        out.push(found);
    }
}

/// Parses a reference date-time: `YYYY-MM-DD` (midnight), `YYYY-MM-DDTHH:MM[:SS]` (a space
/// instead of `T` is accepted, and so is a trailing UTC offset, which is dropped).
///
/// ```
/// use almanac_time::parse_reference;
///
/// let r = parse_reference("2023-04-25T10:27:40").unwrap();
/// assert_eq!(r.to_string(), "2023-04-25 10:27:40");
/// assert!(parse_reference("yesterday").is_err());
/// ```
pub fn parse_reference(text: &str) -> Result<NaiveDateTime, TimeError> {
    let t = text.trim();
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(dt);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_time(chrono::NaiveTime::MIN));
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(dt.naive_local());
    }
    Err(TimeError::UnrecognizedReference {
        text: text.to_string(),
    })
}
