//! The grammar of one calendar date written on its own, as metadata and datelines write it:
//! `2023-04-25`, `21 Jan 2020`, `Sept. 9th, 2023`, `Tuesday, 5 March 2024`, `04/25/2023`.
//!
//! This is the one home of day/month/year forms outside running text; month and weekday names
//! come from [`crate::words`]. Times of day, zones and ages are the caller's (almanac-parse reads
//! them around the date this grammar finds).

use chrono::NaiveDate;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{alpha1, char, one_of, space1};
use nom::combinator::{map, map_res, opt, value};
use nom::{IResult, Parser};

use crate::TimeError;

/// Year, month and day as written, before the calendar checks them.
#[derive(Debug, Clone, Copy)]
struct Ymd {
    year: i32,
    month: u32,
    day: u32,
    /// Written `02/10/2020`: either number could be the month.
    ambiguous: bool,
}

/// Reads one calendar date at the start of `text` (leading whitespace skipped) and returns it
/// with the text after it: `"21 Jan 2020, 6:05"` gives 21 January 2020 and `", 6:05"`.
///
/// The forms are those of [`parse_date`]. A form that matches a day that does not exist
/// (`2024-02-30`) is [`TimeError::ImpossibleDate`], a slashed date whose day and month could
/// be swapped (`02/10/2020`) [`TimeError::AmbiguousDate`]; no form at all is
/// [`TimeError::UnrecognizedDate`].
///
/// ```
/// use almanac_time::parse_date_prefix;
/// use chrono::NaiveDate;
///
/// let (date, rest) = parse_date_prefix("Tue, 07 May 2024 09:15:00 GMT").unwrap();
/// assert_eq!(date, NaiveDate::from_ymd_opt(2024, 5, 7).unwrap());
/// assert_eq!(rest, " 09:15:00 GMT");
/// ```
pub fn parse_date_prefix(text: &str) -> Result<(NaiveDate, &str), TimeError> {
    let input = text.trim_start();
    let Ok((rest, ymd)) = date(input) else {
        return Err(TimeError::UnrecognizedDate {
            text: text.to_owned(),
        });
    };
    let written = &input[..input.len() - rest.len()];
    if ymd.ambiguous {
        return Err(TimeError::AmbiguousDate {
            text: written.to_owned(),
        });
    }
    match NaiveDate::from_ymd_opt(ymd.year, ymd.month, ymd.day) {
        Some(day) => Ok((day, rest)),
        None => Err(TimeError::ImpossibleDate {
            text: written.to_owned(),
        }),
    }
}

/// Parses one absolute calendar date written on its own (surrounding whitespace ignored):
/// `2023-04-25` (also with `/` or `.`), `21 Jan 2020`, `21st January 2020`, `April 25, 2023`,
/// `Sept. 9th, 2023`, `Tuesday, April 23, 2024`, `04/25/2023` and `25/04/2023` (the number
/// that cannot be a month is the day; `02/10/2020` could be 2 October or 10 February and is
/// refused as [`TimeError::AmbiguousDate`], we never guess), `25.04.2023` (day first).
///
/// ```
/// use almanac_time::parse_date;
/// use chrono::NaiveDate;
///
/// assert_eq!(parse_date("21 Jan 2020"), Ok(NaiveDate::from_ymd_opt(2020, 1, 21).unwrap()));
/// assert!(parse_date("last month").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, TimeError> {
    let (day, rest) = parse_date_prefix(text).map_err(|e| match e {
        TimeError::ImpossibleDate { .. } => TimeError::ImpossibleDate {
            text: text.to_owned(),
        },
        TimeError::AmbiguousDate { .. } => TimeError::AmbiguousDate {
            text: text.to_owned(),
        },
        _ => TimeError::UnrecognizedDate {
            text: text.to_owned(),
        },
    })?;
    // only whitespace after the date, as `trim` counts it
    if rest.trim_end().is_empty() {
        Ok(day)
    } else {
        Err(TimeError::UnrecognizedDate {
            text: text.to_owned(),
        })
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

// "Jan" | "January" | "Sept" ... "."?  (case-insensitive; the names of `words`)
fn month_name(i: &str) -> IResult<&str, u32> {
    let (rest, word) = alpha1(i)?;
    match crate::words::month_number(word) {
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

// "Tue" | "Tuesday" | "Tues" ... "."? ","? " "  -- a weekday before a date (the names of `words`)
fn weekday(i: &str) -> IResult<&str, ()> {
    let (rest, word) = alpha1(i)?;
    if crate::words::weekday(word).is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alpha,
        )));
    }
    value((), (opt(char('.')), opt(char(',')), space1)).parse(rest)
}

// "st" | "nd" | "rd" | "th"  -- after a day number
fn ordinal_suffix(i: &str) -> IResult<&str, ()> {
    value((), alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(i)
}

// YYYY SEP MM SEP DD  (SEP: "-" "/" ".")  -- "2024-04-23", "2023/04/25"
fn iso(i: &str) -> IResult<&str, Ymd> {
    map(
        (year, one_of("-/."), digits(2), one_of("-/."), digits(2)),
        |(year, _, month, _, day)| Ymd {
            year,
            month,
            day,
            ambiguous: false,
        },
    )
    .parse(i)
}

// A SEP B SEP YYYY  (SEP: "/" or "." twice)  -- "04/25/2023", "25/04/2023" (the number that
// cannot be a month is the day), "25.04.2023" (day first)
fn numeric(i: &str) -> IResult<&str, Ymd> {
    let (rest, (a, sep)) = (one_or_two, one_of("/.")).parse(i)?;
    let (rest, (b, _, year)) = (one_or_two, char(sep), year).parse(rest)?;
    let (month, day) = if sep == '.' || a > 12 { (b, a) } else { (a, b) };
    let ambiguous = sep == '/' && a != b && a <= 12 && b <= 12;
    Ok((
        rest,
        Ymd {
            year,
            month,
            day,
            ambiguous,
        },
    ))
}

// DAY SUFFIX? " " MONTH " " YEAR  -- "21 Jan 2020", "21st January 2020"
fn day_month_year(i: &str) -> IResult<&str, Ymd> {
    map(
        (
            one_or_two,
            opt(ordinal_suffix),
            space1,
            month_name,
            space1,
            year,
        ),
        |(day, _, _, month, _, year)| Ymd {
            year,
            month,
            day,
            ambiguous: false,
        },
    )
    .parse(i)
}

// MONTH " " DAY SUFFIX? ","? " " YEAR  -- "January 21, 2020", "Sept. 9th, 2023"
fn month_day_year(i: &str) -> IResult<&str, Ymd> {
    map(
        (
            month_name,
            space1,
            one_or_two,
            opt(ordinal_suffix),
            opt(char(',')),
            space1,
            year,
        ),
        |(month, _, day, _, _, _, year)| Ymd {
            year,
            month,
            day,
            ambiguous: false,
        },
    )
    .parse(i)
}

// WEEKDAY? (ISO | NUMERIC | DAY_MONTH_YEAR | MONTH_DAY_YEAR)  -- "Tue, 07 May 2024"
fn date(i: &str) -> IResult<&str, Ymd> {
    let (rest, _) = opt(weekday).parse(i)?;
    alt((iso, numeric, day_month_year, month_day_year)).parse(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the parse of `text` as the day and the rest, or the error.
    fn check(text: &str, expect: &str) {
        let got = match parse_date_prefix(text) {
            Ok((day, rest)) => format!("{day} {rest:?}"),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expect, "{text}");
    }

    #[test]
    fn forms() {
        check("2023-04-25", "2023-04-25 \"\"");
        check("2024-04-23T08:00:17", "2024-04-23 \"T08:00:17\"");
        check("2023/04/25 10:27", "2023-04-25 \" 10:27\"");
        check("21 Jan 2020, 6:05", "2020-01-21 \", 6:05\"");
        check("21st January 2020", "2020-01-21 \"\"");
        check("Sept. 9th, 2023", "2023-09-09 \"\"");
        check("March 3, 2024 at 6:05 PM", "2024-03-03 \" at 6:05 PM\"");
        check("Tuesday, 5 March 2024", "2024-03-05 \"\"");
        check(
            "Tue, 07 May 2024 09:15:00 GMT",
            "2024-05-07 \" 09:15:00 GMT\"",
        );
        check("Tue, March 5, 2024", "2024-03-05 \"\"");
        check("04/25/2023", "2023-04-25 \"\"");
        check("25/04/2023", "2023-04-25 \"\"");
        check("05.04.2023", "2023-04-05 \"\"");
        check("  21 Jan 2020", "2020-01-21 \"\"");
    }

    #[test]
    fn refusals() {
        check(
            "Someday 5 March 2024",
            "unrecognized date \"Someday 5 March 2024\"",
        );
        check("2024-02-30", "impossible date \"2024-02-30\"");
        check("13/25/2023", "impossible date \"13/25/2023\"");
        check(
            "02/10/2020",
            "ambiguous date \"02/10/2020\" (day and month could be swapped)",
        );
        check("07/07/2020", "2020-07-07 \"\"");
        check("yesterday", "unrecognized date \"yesterday\"");
        check("21 Jan", "unrecognized date \"21 Jan\"");
        check("", "unrecognized date \"\"");
        check("Tuesday", "unrecognized date \"Tuesday\"");
    }

    #[test]
    fn whole_dates() {
        let day = |t| {
            parse_date(t)
                .map(|d| d.to_string())
                .map_err(|e| e.to_string())
        };
        assert_eq!(day("21 Jan 2020"), Ok("2020-01-21".to_owned()));
        assert_eq!(
            day(" Tuesday, April 23, 2024 "),
            Ok("2024-04-23".to_owned())
        );
        // a no-break space after the date is whitespace, as `trim` counts it
        assert_eq!(day("2023-04-25 \u{a0}"), Ok("2023-04-25".to_owned()));
        assert_eq!(
            day("21 Jan 2020, 6:05"),
            Err("unrecognized date \"21 Jan 2020, 6:05\"".to_owned())
        );
        assert_eq!(
            day("last month"),
            Err("unrecognized date \"last month\"".to_owned())
        );
        assert_eq!(
            day("2023-02-29"),
            Err("impossible date \"2023-02-29\"".to_owned())
        );
    }
}
