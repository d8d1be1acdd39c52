//! Dates as news sources write them: ISO 8601 / RFC 3339, RFC 822 (RSS), `21 Jan 2020, 6:05`,
//! `Tuesday, March 5, 2024 6:05 PM GMT`, `10:32 AM GMT, March 5, 2024` (time first, as wire
//! stamps write it), and ages such as `5 years ago`.

use almanac_model::{DocDate, RelativeAge};
use almanac_time::Granularity;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{alpha1, char, digit1, one_of, space0, space1};
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

/// Raw fields before validation.
#[derive(Debug, Clone, Copy)]
struct Fields {
    year: i32,
    month: u32,
    day: u32,
    time: Option<(u32, u32, Option<u32>)>,
    offset: Option<i32>,
}

/// Parses a whole date string (surrounding whitespace ignored).
pub fn parse_date(text: &str) -> Result<ParsedDate, DateError> {
    let input = text.trim();
    let fields = match (
        alt((iso, rfc822, day_month_year, month_day_year, time_first)),
        space0,
        eof,
    )
        .parse(input)
    {
        Ok((_, (fields, _, _))) => fields,
        Err(_) => {
            return Err(DateError::Unrecognized {
                text: text.to_owned(),
            });
        }
    };
    let impossible = || DateError::Impossible {
        text: text.to_owned(),
    };
    let date =
        NaiveDate::from_ymd_opt(fields.year, fields.month, fields.day).ok_or_else(impossible)?;
    let (time, granularity) = match fields.time {
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
        offset_seconds: fields.offset,
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

// YYYY
fn year(i: &str) -> IResult<&str, i32> {
    map(digits(4), |y| y as i32).parse(i)
}

// "Jan" | "January" | "Sept" | "Dec." ... (case-insensitive; the names of
// `almanac_time::words`)
fn month_name(i: &str) -> IResult<&str, u32> {
    let (rest, word) = alpha1(i)?;
    match almanac_time::words::month_number(word) {
        Some(month) => {
            let (rest, _) = opt(char('.')).parse(rest)?;
            Ok((rest, month))
        }
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alpha,
        ))),
    }
}

// "Tue" | "Tuesday" | "Tues." ... (case-insensitive; the names of `almanac_time::words`)
// "," ? " "  -- a weekday before a date
fn weekday(i: &str) -> IResult<&str, ()> {
    let (rest, word) = alpha1(i)?;
    if almanac_time::words::weekday(word).is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alpha,
        )));
    }
    value((), (opt(char('.')), opt(char(',')), space1)).parse(rest)
}

// ("." FRACTION)?  -- fractions of a second are read and dropped
fn fraction(i: &str) -> IResult<&str, ()> {
    value((), opt((one_of(".,"), digit1))).parse(i)
}

// H ":" MM (":" SS FRACTION)?
fn clock(i: &str) -> IResult<&str, (u32, u32, Option<u32>)> {
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
fn clock_12h(i: &str) -> IResult<&str, (u32, u32, Option<u32>)> {
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

// YYYY "-" MM "-" DD (("T" | " ") CLOCK)? (" "? ZONE)?  -- "2024-04-23T08:00:17+09:00"
fn iso(i: &str) -> IResult<&str, Fields> {
    map(
        (
            year,
            one_of("-/."),
            digits(2),
            one_of("-/."),
            digits(2),
            opt(preceded(one_of("T "), clock)),
            opt(preceded(space0, zone)),
        ),
        |(year, _, month, _, day, time, offset)| Fields {
            year,
            month,
            day,
            time,
            offset,
        },
    )
    .parse(i)
}

// (DAYNAME ","?)? DAY MON YEAR CLOCK ZONE?  -- "Tue, 21 Jan 2020 06:05:00 +0900"
fn rfc822(i: &str) -> IResult<&str, Fields> {
    map(
        (
            opt((alpha1, opt(char(',')), space1)),
            one_or_two,
            space1,
            month_name,
            space1,
            year,
            space1,
            clock,
            opt(preceded(space1, zone)),
        ),
        |(_, day, _, month, _, year, _, time, offset)| Fields {
            year,
            month,
            day,
            time: Some(time),
            offset,
        },
    )
    .parse(i)
}

// WEEKDAY? DAY MON YEAR (","? " " ("at" " ")? CLOCK12 (" "? ZONE)?)?  -- "21 Jan 2020, 6:05"
fn day_month_year(i: &str) -> IResult<&str, Fields> {
    map(
        (
            opt(weekday),
            one_or_two,
            space1,
            month_name,
            space1,
            year,
            opt(preceded(
                (opt(char(',')), space1, opt((tag_no_case("at"), space1))),
                (clock_12h, opt(preceded(space0, zone))),
            )),
        ),
        |(_, day, _, month, _, year, time)| Fields {
            year,
            month,
            day,
            time: time.map(|t| t.0),
            offset: time.and_then(|t| t.1),
        },
    )
    .parse(i)
}

// WEEKDAY? MON DAY "," YEAR (","? " " ("at" " ")? CLOCK12 (" "? ZONE)?)?
// -- "January 21, 2020 6:05 PM", "Tue, March 5, 2024"
fn month_day_year(i: &str) -> IResult<&str, Fields> {
    map(
        (
            opt(weekday),
            month_name,
            space1,
            one_or_two,
            opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
            opt(char(',')),
            space1,
            year,
            opt(preceded(
                (opt(char(',')), space1, opt((tag_no_case("at"), space1))),
                (clock_12h, opt(preceded(space0, zone))),
            )),
        ),
        |(_, month, _, day, _, _, _, year, time)| Fields {
            year,
            month,
            day,
            time: time.map(|t| t.0),
            offset: time.and_then(|t| t.1),
        },
    )
    .parse(i)
}

// CLOCK12 (" "? ZONE)? ","? " " (DAY_MONTH_YEAR | MONTH_DAY_YEAR)  -- "10:32 AM GMT, March 5, 2024"
fn time_first(i: &str) -> IResult<&str, Fields> {
    map(
        (
            clock_12h,
            opt(preceded(space0, zone)),
            opt(char(',')),
            space1,
            alt((day_month_year, month_day_year)),
        ),
        |(time, offset, _, _, date)| Fields {
            time: Some(time),
            offset,
            ..date
        },
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

    #[test]
    fn ages() {
        let age = |t| parse_relative_age(t).map(|a| (a.amount, a.unit));
        assert_eq!(age("5 years ago"), Some((5, Granularity::Year)));
        assert_eq!(age("an hour ago"), Some((1, Granularity::Hour)));
        assert_eq!(age("5 yearly ago"), None);
    }
}
