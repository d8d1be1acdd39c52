//! Holidays: their names and how to find their date in a given year.
//!
//! Fixed days (Christmas), the nth weekday of a month (Labor Day, Thanksgiving), and feasts
//! counted from Easter Sunday, which the Gregorian computus gives for any year. Holidays of
//! the Islamic, Hebrew, Chinese, Korean and Hindu calendars are found by name in
//! [`crate::calendar`] ([`Rule::Calendar`]).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How a holiday's date is found in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    /// A fixed month and day.
    Fixed(u32, u32),
    /// The `n`th weekday of a month (`n = -1`: the last), then `days` more.
    Nth {
        month: u32,
        wd: Weekday,
        n: i32,
        days: i64,
    },
    /// Days from Easter Sunday.
    Easter(i64),
    /// A holiday of another calendar (Islamic, Hebrew, Chinese, Korean, Hindu), by its name
    /// as [`crate::calendar_holiday`] knows it: its first day in the Gregorian year.
    Calendar(&'static str),
}

/// Holiday names, as lowercase words (`'` is any apostrophe, `.` a period), and their rule.
/// Longer names come first where one name starts another.
pub(crate) const HOLIDAYS: &[(&[&str], Rule)] = &[
    (&["christmas", "eve"], Rule::Fixed(12, 24)),
    (&["christmas", "day"], Rule::Fixed(12, 25)),
    (&["christmas"], Rule::Fixed(12, 25)),
    (&["boxing", "day"], Rule::Fixed(12, 26)),
    (&["new", "year", "'", "s", "eve"], Rule::Fixed(12, 31)),
    (&["new", "year", "'", "s", "day"], Rule::Fixed(1, 1)),
    (&["independence", "day"], Rule::Fixed(7, 4)),
    (&["halloween"], Rule::Fixed(10, 31)),
    (&["valentine", "'", "s", "day"], Rule::Fixed(2, 14)),
    (&["st", ".", "patrick", "'", "s", "day"], Rule::Fixed(3, 17)),
    (&["st", "patrick", "'", "s", "day"], Rule::Fixed(3, 17)),
    (&["saint", "patrick", "'", "s", "day"], Rule::Fixed(3, 17)),
    (&["bastille", "day"], Rule::Fixed(7, 14)),
    (&["guy", "fawkes", "night"], Rule::Fixed(11, 5)),
    (&["guy", "fawkes", "day"], Rule::Fixed(11, 5)),
    (&["veterans", "day"], Rule::Fixed(11, 11)),
    (&["armistice", "day"], Rule::Fixed(11, 11)),
    (&["may", "day"], Rule::Fixed(5, 1)),
    (&["labor", "day"], nth(9, Weekday::Mon, 1)),
    (&["labour", "day"], nth(9, Weekday::Mon, 1)),
    (&["thanksgiving", "day"], nth(11, Weekday::Thu, 4)),
    (&["thanksgiving"], nth(11, Weekday::Thu, 4)),
    (
        &["black", "friday"],
        Rule::Nth {
            month: 11,
            wd: Weekday::Thu,
            n: 4,
            days: 1,
        },
    ),
    (
        &["cyber", "monday"],
        Rule::Nth {
            month: 11,
            wd: Weekday::Thu,
            n: 4,
            days: 4,
        },
    ),
    (&["memorial", "day"], nth(5, Weekday::Mon, -1)),
    (
        &["martin", "luther", "king", "jr", ".", "day"],
        nth(1, Weekday::Mon, 3),
    ),
    (
        &["martin", "luther", "king", "jr", "day"],
        nth(1, Weekday::Mon, 3),
    ),
    (
        &["martin", "luther", "king", "day"],
        nth(1, Weekday::Mon, 3),
    ),
    (&["mlk", "day"], nth(1, Weekday::Mon, 3)),
    (&["mother", "'", "s", "day"], nth(5, Weekday::Sun, 2)),
    (&["father", "'", "s", "day"], nth(6, Weekday::Sun, 3)),
    (&["presidents", "'", "day"], nth(2, Weekday::Mon, 3)),
    (&["presidents", "day"], nth(2, Weekday::Mon, 3)),
    (&["president", "'", "s", "day"], nth(2, Weekday::Mon, 3)),
    (&["columbus", "day"], nth(10, Weekday::Mon, 2)),
    (&["easter", "sunday"], Rule::Easter(0)),
    (&["easter", "monday"], Rule::Easter(1)),
    (&["easter", "day"], Rule::Easter(0)),
    (&["easter"], Rule::Easter(0)),
    (&["good", "friday"], Rule::Easter(-2)),
    (&["holy", "saturday"], Rule::Easter(-1)),
    (&["maundy", "thursday"], Rule::Easter(-3)),
    (&["holy", "thursday"], Rule::Easter(-3)),
    (&["palm", "sunday"], Rule::Easter(-7)),
    (&["ash", "wednesday"], Rule::Easter(-46)),
    (&["shrove", "tuesday"], Rule::Easter(-47)),
    (&["ascension", "day"], Rule::Easter(39)),
    (&["pentecost", "sunday"], Rule::Easter(49)),
    (&["pentecost"], Rule::Easter(49)),
    (&["whit", "sunday"], Rule::Easter(49)),
    (&["whitsunday"], Rule::Easter(49)),
    (&["whit", "monday"], Rule::Easter(50)),
    (&["corpus", "christi"], Rule::Easter(60)),
];

/// The first words of [`HOLIDAYS`], for the rule dispatch.
pub(crate) const FIRST_WORDS: &[&str] = &[
    "christmas",
    "boxing",
    "new",
    "independence",
    "halloween",
    "valentine",
    "st",
    "saint",
    "bastille",
    "guy",
    "veterans",
    "armistice",
    "may",
    "labor",
    "labour",
    "thanksgiving",
    "black",
    "cyber",
    "memorial",
    "martin",
    "mlk",
    "mother",
    "father",
    "presidents",
    "president",
    "columbus",
    "easter",
    "good",
    "holy",
    "maundy",
    "palm",
    "ash",
    "shrove",
    "ascension",
    "pentecost",
    "whit",
    "whitsunday",
    "corpus",
];

const fn nth(month: u32, wd: Weekday, n: i32) -> Rule {
    Rule::Nth {
        month,
        wd,
        n,
        days: 0,
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
pub(crate) fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

impl Rule {
    /// The date of this holiday in year `y`.
    pub(crate) fn date(self, y: i32) -> Option<NaiveDate> {
        match self {
            Rule::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Rule::Nth { month, wd, n, days } => {
                let d = if n > 0 {
                    NaiveDate::from_weekday_of_month_opt(y, month, wd, u8::try_from(n).ok()?)?
                } else {
                    let next = if month == 12 {
                        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                    } else {
                        NaiveDate::from_ymd_opt(y, month + 1, 1)?
                    };
                    let last = next.pred_opt()?;
                    let back =
                        (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                    last - Duration::days(i64::from(back))
                };
                d.checked_add_signed(Duration::days(days))
            }
            Rule::Easter(days) => easter(y)?.checked_add_signed(Duration::days(days)),
            Rule::Calendar(name) => crate::calendar::calendar_holiday(name, y).map(|h| h.begin),
        }
    }

    /// The last day of the occurrence that starts on `first` (`first` itself for a one-day
    /// holiday).
    pub(crate) fn last_day(self, first: NaiveDate) -> Option<NaiveDate> {
        match self {
            Rule::Calendar(name) => crate::calendar::calendar_holiday(name, first.year())
                .filter(|h| h.begin == first)
                .map(|h| h.end),
            _ => Some(first),
        }
    }

    /// The month and day when they do not depend on the year.
    pub(crate) fn fixed(self) -> Option<(u32, u32)> {
        match self {
            Rule::Fixed(m, d) => Some((m, d)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rule` falls on `want` (YYYY-MM-DD) in year `y`.
    fn check(rule: Rule, y: i32, want: &str) {
        assert_eq!(rule.date(y).map(|d| d.to_string()).as_deref(), Some(want));
    }

    #[test]
    fn dates() {
        check(Rule::Easter(0), 2017, "2017-04-16");
        check(Rule::Easter(0), 2024, "2024-03-31");
        check(Rule::Easter(0), 1961, "1961-04-02");
        check(Rule::Easter(0), 2038, "2038-04-25");
        check(Rule::Easter(-46), 2017, "2017-03-01");
        check(nth(11, Weekday::Thu, 4), 2016, "2016-11-24");
        check(nth(5, Weekday::Mon, -1), 2016, "2016-05-30");
        check(nth(12, Weekday::Fri, -1), 2016, "2016-12-30");
        for (words, _) in HOLIDAYS {
            assert!(FIRST_WORDS.contains(&words[0]), "{words:?}");
        }
    }
}
