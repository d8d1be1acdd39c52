//! The TIMEX3 attributes of a found expression: its type, granularity, anchor and `mod`.
//! Plain value types, shared by the grammar, the resolver and the crate's users.

use serde::{Deserialize, Serialize};

/// The TIMEX3 type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2023-03`, `2019`, `2024-W16`, `PRESENT_REF`.
    Date,
    /// A time of day, possibly with its date: `2020-01-21T06:05`.
    Time,
    /// A length of time: `P19D`, `P4Y`.
    Duration,
    /// A recurring time: `P1Y` for "annually", `XXXX-XX` for "every month".
    Set,
}

/// How finely a value is known, from coarsest to finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A thousand years.
    Millennium,
    /// A hundred years: `19XX`.
    Century,
    /// Ten years: `199X`.
    Decade,
    /// A year: `2023`.
    Year,
    /// Half a year: `2019-H1`.
    Half,
    /// A quarter: `2024-Q3`.
    Quarter,
    /// A season: `2023-SU`.
    Season,
    /// A month: `2023-03`.
    Month,
    /// An ISO week: `2024-W16`.
    Week,
    /// A day: `2020-01-21`.
    Day,
    /// Morning, afternoon, evening, night: `2020-01-21TMO`.
    PartOfDay,
    /// An hour.
    Hour,
    /// A minute: `2020-01-21T06:05`.
    Minute,
    /// A second.
    Second,
    /// No calendar position: `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Vague,
}

/// What a resolved value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The text names the value itself (`21 Jan 2020`, `in 2025`).
    Absolute,
    /// Resolved against the reference date-time (`last month`, `Tuesday`).
    Reference,
    /// Relative, but no reference was given, so the value keeps `X` placeholders (`XXXX-07`).
    Unresolved,
    /// Not a calendar position (durations, sets, `recently`).
    None,
}

/// A TIMEX3 `mod` attribute: how a value is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Modifier {
    /// "before 2020".
    Before,
    /// "after 2020", "since 2019".
    After,
    /// "by 2030", "until 2030".
    OnOrBefore,
    /// "early 2019", "the start of".
    Start,
    /// "mid-2019".
    Mid,
    /// "late 2019", "the end of".
    End,
    /// "about two years", "around 2019".
    Approx,
    /// "less than a year", "within a year".
    LessThan,
    /// "more than four years".
    MoreThan,
}
