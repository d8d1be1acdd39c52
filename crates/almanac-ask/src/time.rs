//! TIMEX3 values as day ranges, and in words.

use almanac_time::Modifier;
use chrono::{Datelike, NaiveDate};

/// Days since 1 January of year 1, as chrono counts them.
pub fn days(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// A half-open range of days `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayRange {
    /// First day.
    pub start: i32,
    /// First day after the range.
    pub end: i32,
}

impl DayRange {
    /// All of `year`.
    pub fn year(year: i32) -> Option<Self> {
        Self::between(ymd(year, 1, 1)?, ymd(year + 1, 1, 1)?)
    }

    /// Month `month` (1-12) of `year`.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = ymd(year, month, 1)?;
        let end = if month == 12 {
            ymd(year + 1, 1, 1)?
        } else {
            ymd(year, month + 1, 1)?
        };
        Self::between(start, end)
    }

    /// `[start, end)`.
    pub fn between(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        (start < end).then(|| Self {
            start: days(start),
            end: days(end),
        })
    }

    /// Whether `self` lies entirely within `other`.
    pub fn within(self, other: Self) -> bool {
        self.start >= other.start && self.end <= other.end
    }

    /// Whether the two ranges share a day.
    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether one range contains the other (the values are compatible: `2019` and `2019-07`).
    pub fn nests(self, other: Self) -> bool {
        self.within(other) || other.within(self)
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The days a TIMEX3 date value covers: `2023-03`, `2019`, `2020-01-21T06:05`, `2024-W16`,
/// `2024-Q3`, `2019-H1`, `2023-SU`, `199X` (a decade). `Before`/`After` widen the range to one
/// side. Values with placeholders (`XXXX-07`), durations and vague references give `None`.
pub fn timex_range(value: &str, modifier: Option<Modifier>) -> Option<DayRange> {
    let range = base_range(value)?;
    let far_past = days(NaiveDate::MIN);
    let far_future = days(NaiveDate::MAX);
    Some(match modifier {
        Some(Modifier::Before) => DayRange {
            start: far_past,
            end: range.start,
        },
        Some(Modifier::OnOrBefore) => DayRange {
            start: far_past,
            end: range.end,
        },
        Some(Modifier::After) => DayRange {
            start: range.end,
            end: far_future,
        },
        _ => range,
    })
}

fn base_range(value: &str) -> Option<DayRange> {
    let value = value.split('T').next()?;
    let mut parts = value.split('-');
    let year_text = parts.next()?;
    if year_text.len() == 4
        && year_text.ends_with('X')
        && year_text[..3].bytes().all(|b| b.is_ascii_digit())
    {
        let decade: i32 = year_text[..3].parse().ok()?;
        return DayRange::between(ymd(decade * 10, 1, 1)?, ymd(decade * 10 + 10, 1, 1)?);
    }
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let Some(second) = parts.next() else {
        return DayRange::year(year);
    };
    let third = parts.next();
    if let Some(week) = second.strip_prefix('W') {
        let week: u32 = week.parse().ok()?;
        let start = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        return DayRange::between(start, start + chrono::Duration::days(7));
    }
    if let Some(q) = second.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        let start = ymd(year, (q - 1) * 3 + 1, 1)?;
        let end = if q == 4 {
            ymd(year + 1, 1, 1)?
        } else {
            ymd(year, q * 3 + 1, 1)?
        };
        return DayRange::between(start, end);
    }
    if let Some(h) = second.strip_prefix('H') {
        return match h {
            "1" => DayRange::between(ymd(year, 1, 1)?, ymd(year, 7, 1)?),
            "2" => DayRange::between(ymd(year, 7, 1)?, ymd(year + 1, 1, 1)?),
            _ => None,
        };
    }
    match second {
        "SP" => return DayRange::between(ymd(year, 3, 1)?, ymd(year, 6, 1)?),
        "SU" => return DayRange::between(ymd(year, 6, 1)?, ymd(year, 9, 1)?),
        "FA" | "AU" => return DayRange::between(ymd(year, 9, 1)?, ymd(year, 12, 1)?),
        "WI" => return DayRange::between(ymd(year, 12, 1)?, ymd(year + 1, 3, 1)?),
        _ => {}
    }
    let month: u32 = second.parse().ok()?;
    let Some(day) = third else {
        return DayRange::month(year, month);
    };
    let day: u32 = day.parse().ok()?;
    let start = ymd(year, month, day)?;
    DayRange::between(start, start.succ_opt()?)
}

/// English month names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A TIMEX3 value in words: `2023-03` is `March 2023`, `2020-01-21` is `21 January 2020`,
/// `2024-Q3` is `the third quarter of 2024`, with its modifier (`early 2019`). Worded by
/// `almanac_time::describe` (so answers and the timeline agree), else by a local fallback;
/// values neither can read are returned as they are.
pub fn describe(value: &str, modifier: Option<Modifier>) -> String {
    let plain = almanac_time::describe(value)
        .or_else(|| describe_plain(value))
        .unwrap_or_else(|| value.to_owned());
    match modifier {
        Some(Modifier::Before) => format!("before {plain}"),
        Some(Modifier::After) => format!("after {plain}"),
        Some(Modifier::OnOrBefore) => format!("by {plain}"),
        Some(Modifier::Start) => format!("early {plain}"),
        Some(Modifier::Mid) => format!("mid-{plain}"),
        Some(Modifier::End) => format!("late {plain}"),
        Some(Modifier::Approx) => format!("around {plain}"),
        _ => plain,
    }
}

fn describe_plain(value: &str) -> Option<String> {
    let date = value.split('T').next()?;
    let mut parts = date.split('-');
    let year = parts.next()?;
    if year.len() == 4 && year.ends_with('X') && year[..3].bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("the {}0s", &year[..3]));
    }
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let Some(second) = parts.next() else {
        return Some(year.to_owned());
    };
    if let Some(w) = second.strip_prefix('W') {
        return Some(format!("week {} of {year}", w.trim_start_matches('0')));
    }
    if let Some(q) = second.strip_prefix('Q') {
        let nth =
            ["first", "second", "third", "fourth"].get(q.parse::<usize>().ok()?.checked_sub(1)?)?;
        return Some(format!("the {nth} quarter of {year}"));
    }
    if let Some(h) = second.strip_prefix('H') {
        let nth = ["first", "second"].get(h.parse::<usize>().ok()?.checked_sub(1)?)?;
        return Some(format!("the {nth} half of {year}"));
    }
    let season = match second {
        "SP" => Some("spring"),
        "SU" => Some("summer"),
        "FA" | "AU" => Some("autumn"),
        "WI" => Some("winter"),
        _ => None,
    };
    if let Some(season) = season {
        return Some(format!("{season} {year}"));
    }
    let month: usize = second.parse().ok()?;
    let name = MONTHS.get(month.checked_sub(1)?)?;
    match parts.next() {
        None => Some(format!("{name} {year}")),
        Some(day) => Some(format!("{} {name} {year}", day.parse::<u32>().ok()?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, words: &str, first_day: Option<&str>) {
        assert_eq!(describe(value, None), words, "{value}");
        let start = timex_range(value, None).map(|r| {
            NaiveDate::from_num_days_from_ce_opt(r.start)
                .map(|d| d.to_string())
                .unwrap_or_default()
        });
        assert_eq!(start.as_deref(), first_day, "{value}");
    }

    #[test]
    fn reads_and_words_values() {
        check("2023-03", "March 2023", Some("2023-03-01"));
        check("2019", "2019", Some("2019-01-01"));
        check(
            "2020-01-21T06:05",
            "21 January 2020, 06:05",
            Some("2020-01-21"),
        );
        check("2024-Q3", "the third quarter of 2024", Some("2024-07-01"));
        check("2019-H1", "the first half of 2019", Some("2019-01-01"));
        check("2023-SU", "summer 2023", Some("2023-06-01"));
        check("201X", "the 2010s", Some("2010-01-01"));
    }

    #[test]
    fn non_calendar_values_have_no_range() {
        for value in ["XXXX-07", "P19D", "PRESENT_REF"] {
            assert_eq!(timex_range(value, None), None, "{value}");
        }
    }

    #[test]
    fn ranges_nest_and_overlap() {
        let (Some(y), Some(m)) = (DayRange::year(2019), DayRange::month(2019, 7)) else {
            unreachable!("valid dates")
        };
        assert!(m.within(y));
        assert!(m.nests(y) && y.nests(m));
        assert!(y.overlaps(m));
        let before = timex_range("2020", Some(Modifier::Before));
        assert!(before.is_some_and(|b| y.within(b)));
    }
}
