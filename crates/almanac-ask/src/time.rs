//! TIMEX3 values as day ranges, and in words.

use almanac_model::TimeRef;
use almanac_time::Modifier;
use chrono::{Datelike, NaiveDate};

/// Days since 1 January of year 1, as chrono counts them.
pub(crate) fn days(date: NaiveDate) -> i32 {
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

/// The days a resolved time covers ([`TimeRef::begin`] to [`TimeRef::end`], computed by
/// `almanac_time::span` when the time was stored). `Before`/`After` widen the range to one
/// side. Values with placeholders (`XXXX-07`), durations and vague references give `None`.
pub(crate) fn time_range(t: &TimeRef) -> Option<DayRange> {
    let range = DayRange::between(t.begin?, t.end?)?;
    let far_past = days(NaiveDate::MIN);
    let far_future = days(NaiveDate::MAX);
    Some(match t.modifier {
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

/// A TIMEX3 value in words (`almanac_time::describe`, so answers and the timeline agree):
/// `2023-03` is `March 2023`, `2024-Q3` is `the third quarter of 2024`, with its modifier
/// (`early 2019`); values it cannot read are returned as they are.
pub(crate) fn describe(value: &str, modifier: Option<Modifier>) -> String {
    let plain = almanac_time::describe(value).unwrap_or_else(|| value.to_owned());
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

#[cfg(test)]
mod tests {
    use super::*;
    use almanac_time::{Anchor, Granularity, TimexType};

    /// A calendar time with `value` and `modifier`.
    fn timex(value: &str, modifier: Option<Modifier>) -> TimeRef {
        TimeRef {
            modifier,
            ..TimeRef::new(
                value,
                value,
                TimexType::Date,
                Granularity::Day,
                Anchor::Absolute,
            )
        }
    }

    fn check(value: &str, words: &str, first_day: Option<&str>) {
        assert_eq!(describe(value, None), words, "{value}");
        let start = time_range(&timex(value, None)).map(|r| {
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
        check(
            "(2016-06-09,2016-06-12,P3D)",
            "(2016-06-09,2016-06-12,P3D)",
            Some("2016-06-09"),
        );
    }

    #[test]
    fn non_calendar_values_have_no_range() {
        for value in ["XXXX-07", "P19D", "PRESENT_REF"] {
            assert_eq!(time_range(&timex(value, None)), None, "{value}");
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
        let before = time_range(&timex("2020", Some(Modifier::Before)));
        assert!(before.is_some_and(|b| y.within(b)));
    }
}
