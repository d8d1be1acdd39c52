//! Dates as news sources write them: ISO 8601 / RFC 3339, RFC 822 (RSS), `21 Jan 2020, 6:05`,
//! `Tuesday, March 5, 2024 6:05 PM GMT`, `10:32 AM GMT, March 5, 2024` (time first, as wire
//! stamps write it), and ages such as `5 years ago`.
//!
//! The calendar date is read by almanac-time's one date grammar
//! ([`almanac_time::parse_date_prefix`]); this module reads only what metadata writes around
//! it: times of day, zones, the time-first order of wire stamps, and ages.

use almanac_model::{DocDate, RelativeAge};
use almanac_time::Granularity;
use chrono::{NaiveDateTime, NaiveTime};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, space0, space1};
use nom::combinator::{eof, map, map_res, opt, value};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// No known date pattern matches.
    #[error("unrecognized date {text:?}")]
    Unrecognized {
        /// The text given.
        text: String,
    },
    /// The pattern matches but the date or time does not exist (`31 Feb`, `25:61`).
    #[error("impossible date {text:?}")]
    Impossible {
        /// The text given.
        text: String,
    },
}

/// A date read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedDate {
    /// The local date-time as written (midnight when only a day is given).
    pub local: NaiveDateTime,
    /// The UTC offset in seconds, when written (`Z`, `+09:00`, `GMT`, `+0900`).
    pub offset_seconds: Option<i32>,
    /// How finely it is known: Day, Minute or Second.
    pub granularity: Granularity,
}

/// A time of day as written: hours, minutes and seconds if given.
type Clock = (u32, u32, Option<u32>);

/// Parses a whole date string (surrounding whitespace ignored).
///
/// The calendar date itself is read by [`almanac_time::parse_date_prefix`], the one date
/// grammar; this layer reads what only metadata writes around it: a time of day, a zone, and
/// the time written first (`10:32 AM GMT, March 5, 2024`).
pub fn parse_date(text: &str) -> Result<ParsedDate, DateError> {
    let input = text.trim();
    let unrecognized = || DateError::Unrecognized {
        text: text.to_owned(),
    };
    let from_time = |e: almanac_time::TimeError| match e {
        almanac_time::TimeError::ImpossibleDate { .. } => DateError::Impossible {
            text: text.to_owned(),
        },
        _ => unrecognized(),
    };
    let (date, time, offset) = match time_first(input) {
        Ok((rest, (time, offset))) => {
            let date = almanac_time::parse_date(rest).map_err(from_time)?;
            (date, Some(time), offset)
        }
        Err(_) => {
            let (date, rest) = almanac_time::parse_date_prefix(input).map_err(from_time)?;
            let (_, (time, offset)) = after_date(rest).map_err(|_| unrecognized())?;
            (date, time, offset)
        }
    };
    let impossible = || DateError::Impossible {
        text: text.to_owned(),
    };
    let (time, granularity) = match time {
        None => (NaiveTime::MIN, Granularity::Day),
        Some((h, m, None)) => (
            NaiveTime::from_hms_opt(h, m, 0).ok_or_else(impossible)?,
            Granularity::Minute,
        ),
        Some((h, m, Some(s))) => (
            NaiveTime::from_hms_opt(h, m, s.min(59)).ok_or_else(impossible)?,
            Granularity::Second,
        ),
    };
    Ok(ParsedDate {
        local: date.and_time(time),
        offset_seconds: offset,
        granularity,
    })
}

/// Parses an age before capture: `5 years ago`, `an hour ago`, `3 weeks ago`.
pub fn parse_relative_age(text: &str) -> Option<RelativeAge> {
    match (relative_age, space0, eof).parse(text.trim()) {
        Ok((_, (age, _, _))) => Some(age),
        Err(_) => None,
    }
}

// DIGITS (n digits exactly)
fn digits(n: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i| {
        map_res(
            take_while_m_n(n, n, |c: char| c.is_ascii_digit()),
            str::parse::<u32>,
        )
        .parse(i)
    }
}

// 1 or 2 digits: "6", "21"
fn one_or_two(i: &str) -> IResult<&str, u32> {
    map_res(
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        str::parse::<u32>,
    )
    .parse(i)
}

// ("." FRACTION)?  -- fractions of a second are read and dropped
fn fraction(i: &str) -> IResult<&str, ()> {
    value((), opt((one_of(".,"), digit1))).parse(i)
}

// H ":" MM (":" SS FRACTION)?
fn clock(i: &str) -> IResult<&str, Clock> {
    map(
        (
            one_or_two,
            char(':'),
            digits(2),
            opt(terminated(preceded(char(':'), digits(2)), fraction)),
        ),
        |(h, _, m, s)| (h, m, s),
    )
    .parse(i)
}

// CLOCK (" "? ("AM" | "PM"))?  -- "6:05 PM"
fn clock_12h(i: &str) -> IResult<&str, Clock> {
    let (rest, (h, m, s)) = clock(i)?;
    let (rest, meridiem) = opt(preceded(
        space0,
        alt((
            tag_no_case("am"),
            tag_no_case("pm"),
            tag_no_case("a.m."),
            tag_no_case("p.m."),
        )),
    ))
    .parse(rest)?;
    let h = match meridiem.map(|m| m.to_ascii_lowercase().starts_with('p')) {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    Ok((rest, (h, m, s)))
}

// "Z" | ("+" | "-") HH ":"? MM | "GMT" | "UTC" | "UT" | US zone names
fn zone(i: &str) -> IResult<&str, i32> {
    let numeric = map(
        (one_of("+-"), digits(2), opt(char(':')), digits(2)),
        |(sign, h, _, m)| {
            let secs = (h * 3600 + m * 60) as i32;
            if sign == '-' { -secs } else { secs }
        },
    );
    alt((
        numeric,
        value(0, alt((tag("Z"), tag("GMT"), tag("UTC"), tag("UT")))),
        value(-5 * 3600, tag("EST")),
        value(-4 * 3600, tag("EDT")),
        value(-6 * 3600, tag("CST")),
        value(-5 * 3600, tag("CDT")),
        value(-7 * 3600, tag("MST")),
        value(-6 * 3600, tag("MDT")),
        value(-8 * 3600, tag("PST")),
        value(-7 * 3600, tag("PDT")),
        value(9 * 3600, tag("KST")),
        value(9 * 3600, tag("JST")),
    ))
    .parse(i)
}

// ("T" | ","? " " ("at" " ")?) CLOCK12  -- the time after a date: "T08:00:17", ", 6:05",
// " at 6:05 PM"
fn time_after(i: &str) -> IResult<&str, Clock> {
    preceded(
        alt((
            value((), char('T')),
            value(
                (),
                (opt(char(',')), space1, opt((tag_no_case("at"), space1))),
            ),
        )),
        clock_12h,
    )
    .parse(i)
}

// TIME_AFTER? (" "? ZONE)? " "* END  -- all that may follow a date: " 09:15:00 GMT"
fn after_date(i: &str) -> IResult<&str, (Option<Clock>, Option<i32>)> {
    map(
        (opt(time_after), opt(preceded(space0, zone)), space0, eof),
        |(time, offset, _, _)| (time, offset),
    )
    .parse(i)
}

// CLOCK12 (" "? ZONE)? ","? " "  -- a time written before the date: "10:32 AM GMT, "
fn time_first(i: &str) -> IResult<&str, (Clock, Option<i32>)> {
    map(
        (
            clock_12h,
            opt(preceded(space0, zone)),
            opt(char(',')),
            space1,
        ),
        |(time, offset, _, _)| (time, offset),
    )
    .parse(i)
}

// "year" | "month" | "week" | "day" | "hour" | "minute" (plural "s" optional)
fn age_unit(i: &str) -> IResult<&str, Granularity> {
    terminated(
        alt((
            value(Granularity::Year, tag_no_case("year")),
            value(Granularity::Month, tag_no_case("month")),
            value(Granularity::Week, tag_no_case("week")),
            value(Granularity::Day, tag_no_case("day")),
            value(Granularity::Hour, tag_no_case("hour")),
            value(Granularity::Minute, tag_no_case("minute")),
        )),
        opt(tag_no_case("s")),
    )
    .parse(i)
}

// (DIGITS | "a" | "an") " " UNIT " ago"  -- "5 years ago"
fn relative_age(i: &str) -> IResult<&str, RelativeAge> {
    map(
        (
            alt((
                map_res(digit1, str::parse::<u32>),
                value(1, alt((tag_no_case("an"), tag_no_case("a")))),
            )),
            space1,
            age_unit,
            space1,
            tag_no_case("ago"),
        ),
        |(amount, _, unit, _, _)| RelativeAge { amount, unit },
    )
    .parse(i)
}

/// An explicit date read from `text`, remembering the text it came from.
pub(crate) fn explicit_date(text: &str) -> Result<DocDate, DateError> {
    let parsed = parse_date(text)?;
    let mut date = DocDate::explicit(parsed.local, parsed.granularity);
    date.utc_offset_seconds = parsed.offset_seconds;
    date.source_text = Some(text.trim().to_owned());
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the parse of `text` as `local offset granularity` or the error.
    fn check(text: &str) -> String {
        match parse_date(text) {
            Ok(d) => format!("{} {:?} {:?}", d.local, d.offset_seconds, d.granularity),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn formats() {
        assert_eq!(
            check("21 Jan 2020, 6:05"),
            "2020-01-21 06:05:00 None Minute"
        );
        assert_eq!(
            check("2023-04-25 10:27:40"),
            "2023-04-25 10:27:40 None Second"
        );
        assert_eq!(
            check("2024-04-23T08:00:17"),
            "2024-04-23 08:00:17 None Second"
        );
        assert_eq!(
            check("2024-05-02T14:30:00.000+09:00"),
            "2024-05-02 14:30:00 Some(32400) Second"
        );
        assert_eq!(
            check("Tue, 07 May 2024 09:15:00 GMT"),
            "2024-05-07 09:15:00 Some(0) Second"
        );
        assert_eq!(
            check("Tue, 07 May 2024 09:15:00 -0500"),
            "2024-05-07 09:15:00 Some(-18000) Second"
        );
        assert_eq!(
            check("March 3, 2024 at 6:05 PM"),
            "2024-03-03 18:05:00 None Minute"
        );
        assert_eq!(check("Sept. 9th, 2023"), "2023-09-09 00:00:00 None Day");
        assert_eq!(
            check("Tuesday, 5 March 2024"),
            "2024-03-05 00:00:00 None Day"
        );
        assert_eq!(
            check("Tue 5 Mar 2024 09:30 GMT"),
            "2024-03-05 09:30:00 Some(0) Minute"
        );
        assert_eq!(
            check("5 March 2024, 10:32 +01:00"),
            "2024-03-05 10:32:00 Some(3600) Minute"
        );
        assert_eq!(
            check("Tue, March 5, 2024 at 6:05 p.m. EST"),
            "2024-03-05 18:05:00 Some(-18000) Minute"
        );
        assert_eq!(
            check("10:32 AM GMT, March 5, 2024"),
            "2024-03-05 10:32:00 Some(0) Minute"
        );
        assert_eq!(
            check("Someday 5 March 2024"),
            "unrecognized date \"Someday 5 March 2024\""
        );
        assert_eq!(check("2024-02-30"), "impossible date \"2024-02-30\"");
        assert_eq!(check("yesterday"), "unrecognized date \"yesterday\"");
    }

    /// Forms the one date grammar of almanac-time reads, with what metadata adds around them.
    #[test]
    fn forms_of_the_time_grammar() {
        assert_eq!(
            check("21st January 2020 at 9:00 am"),
            "2020-01-21 09:00:00 None Minute"
        );
        assert_eq!(
            check("04/25/2023 10:27:40 EDT"),
            "2023-04-25 10:27:40 Some(-14400) Second"
        );
        assert_eq!(check("25.04.2023"), "2023-04-25 00:00:00 None Day");
        assert_eq!(check("02/10/2020"), "unrecognized date \"02/10/2020\"");
        assert_eq!(
            check("2024-04-23 +09:00"),
            "2024-04-23 00:00:00 Some(32400) Day"
        );
        assert_eq!(
            check("Someday, 5 March 2024 10:00"),
            "unrecognized date \"Someday, 5 March 2024 10:00\""
        );
        assert_eq!(
            check("10:32 AM, 2024-02-30"),
            "impossible date \"10:32 AM, 2024-02-30\""
        );
        assert_eq!(
            check("2024-03-05 25:61"),
            "impossible date \"2024-03-05 25:61\""
        );
    }

    #[test]
    fn ages() {
        let age = |t| parse_relative_age(t).map(|a| (a.amount, a.unit));
        assert_eq!(age("5 years ago"), Some((5, Granularity::Year)));
        assert_eq!(age("an hour ago"), Some((1, Granularity::Hour)));
        assert_eq!(age("5 yearly ago"), None);
    }
}
