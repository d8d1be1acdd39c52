//! TIMEX3 values in words (`2023-03` is "March 2023", `P19D` is "19 days") and as the days
//! they cover (`2023-03` is 1 March to 1 April 2023).

use chrono::{NaiveDate, Weekday};

/// Gives a TIMEX3 value in words, for people reading answers: `2023-03` is "March 2023",
/// `2020-01-21` is "21 January 2020", `P19D` is "19 days", `2019-H1` is "the first half of
/// 2019", `199X` is "the 1990s", `PRESENT_REF` is "the present". `None` for values this crate
/// never produces.
///
/// ```
/// use almanac_time::describe;
///
/// assert_eq!(describe("2023-03").as_deref(), Some("March 2023"));
/// assert_eq!(describe("P19D").as_deref(), Some("19 days"));
/// assert_eq!(describe("2019-H1").as_deref(), Some("the first half of 2019"));
/// ```
pub fn describe(value: &str) -> Option<String> {
    match value {
        "PRESENT_REF" => return Some("the present".into()),
        "PAST_REF" => return Some("the past".into()),
        "FUTURE_REF" => return Some("the future".into()),
        _ => {}
    }
    if let Some(rest) = value.strip_prefix('P') {
        return duration(rest);
    }
    if let Some(rest) = value.strip_prefix("FY") {
        return year(rest).map(|y| format!("fiscal year {y}"));
    }
    // a date, possibly with a time part
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let day = date_words(date)?;
    match time {
        None => Some(day),
        Some("MO") => Some(format!("the morning of {day}")),
        Some("AF") => Some(format!("the afternoon of {day}")),
        Some("EV") => Some(format!("the evening of {day}")),
        Some("NI") => Some(format!("the night of {day}")),
        Some(t) if is_clock(t) => Some(format!("{day}, {t}")),
        Some(_) => None,
    }
}

fn is_clock(t: &str) -> bool {
    let b = t.as_bytes();
    (b.len() == 5 || b.len() == 8)
        && b.iter().enumerate().all(|(i, c)| {
            if i % 3 == 2 {
                *c == b':'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// "2023" or "XXXX" (as "an unknown year").
fn year(y: &str) -> Option<String> {
    if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
        Some(y.to_string())
    } else {
        None
    }
}

fn ordinal_word(n: u32) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => "fourth",
    }
}

fn date_words(date: &str) -> Option<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let y = parts[0];
    let unknown_year = y == "XXXX";
    let year_text = |suffix: &str| {
        if unknown_year {
            format!("{suffix} (year unknown)")
        } else {
            format!("{suffix} {y}")
        }
    };
    match parts.as_slice() {
        [y] => {
            if let Some(y) = year(y) {
                return Some(y);
            }
            let b = y.as_bytes();
            if b.len() == 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b'X' {
                return Some(format!("the {}0s", &y[..3]));
            }
            if b.len() == 4 && b[..2].iter().all(u8::is_ascii_digit) && &y[2..] == "XX" {
                let c: u32 = y[..2].parse().ok()?;
                let n = c + 1;
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                return Some(format!("the {n}{suffix} century"));
            }
            (*y == "XXXX").then(|| "an unknown year".to_string())
        }
        [_, p] => {
            let pb = p.as_bytes();
            if pb.len() == 2 && pb[0] == b'Q' && (b'1'..=b'4').contains(&pb[1]) {
                let n = u32::from(pb[1] - b'0');
                return Some(year_text(&format!("the {} quarter of", ordinal_word(n))))
                    .map(|s| s.replace("of (year unknown)", "(year unknown)"));
            }
            if pb.len() == 2 && pb[0] == b'H' && (b'1'..=b'2').contains(&pb[1]) {
                let n = u32::from(pb[1] - b'0');
                return Some(year_text(&format!("the {} half of", ordinal_word(n))))
                    .map(|s| s.replace("of (year unknown)", "(year unknown)"));
            }
            let season = match *p {
                "SP" => Some("spring"),
                "SU" => Some("summer"),
                "FA" => Some("autumn"),
                "WI" => Some("winter"),
                _ => None,
            };
            if let Some(s) = season {
                return Some(year_text(s));
            }
            if let Some(w) = p.strip_prefix('W') {
                if w == "XX" {
                    return Some("an unknown week".into());
                }
                let n: u32 = w.parse().ok()?;
                return Some(if unknown_year {
                    format!("week {n} (year unknown)")
                } else {
                    format!("week {n} of {y}")
                });
            }
            if *p == "XX" {
                return Some(if unknown_year {
                    "an unknown month".into()
                } else {
                    format!("a month of {y}")
                });
            }
            let m: u32 = p.parse().ok()?;
            let name = crate::words::month_name(m)?;
            Some(year_text(name))
        }
        [_, w, "WE"] if w.starts_with('W') => {
            let inner = date_words(&format!("{y}-{w}"))?;
            Some(format!("the weekend of {inner}"))
        }
        [_, w, d] if w.starts_with('W') => {
            let n: u8 = d.parse().ok()?;
            let name = crate::words::weekday_name(Weekday::try_from(n.checked_sub(1)?).ok()?);
            if unknown_year && *w == "WXX" {
                return Some(format!("a {name}"));
            }
            let inner = date_words(&format!("{y}-{w}"))?;
            Some(format!("{name} of {inner}"))
        }
        [_, m, d] => {
            if *m == "XX" && *d == "XX" {
                return Some(if unknown_year {
                    "an unknown day".into()
                } else {
                    format!("a day of {y}")
                });
            }
            let mi: u32 = m.parse().ok()?;
            let di: u32 = d.parse().ok()?;
            let name = crate::words::month_name(mi)?;
            if !(1..=31).contains(&di) {
                return None;
            }
            Some(year_text(&format!("{di} {name}")))
        }
        _ => None,
    }
}

fn duration(rest: &str) -> Option<String> {
    let (time, body) = match rest.strip_prefix('T') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let split = body.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X'))?;
    let (n, unit) = body.split_at(split);
    if n.is_empty() {
        return None;
    }
    let name = match (time, unit) {
        (false, "Y") => "year",
        (false, "M") => "month",
        (false, "W") => "week",
        (false, "D") => "day",
        (false, "DE") => "decade",
        (false, "CE") => "century",
        (true, "H") => "hour",
        (true, "M") => "minute",
        (true, "S") => "second",
        _ => return None,
    };
    let plural = |name: &str| {
        if name == "century" {
            "centuries".to_string()
        } else {
            format!("{name}s")
        }
    };
    if n == "X" {
        return Some(format!("some {}", plural(name)));
    }
    if n == "1" {
        return Some(format!("1 {name}"));
    }
    n.parse::<f64>().ok()?;
    Some(format!("{n} {}", plural(name)))
}

/// The days a TIMEX3 calendar value covers, as `(first day, day after the last)`: `2023-03`,
/// `2019`, `2020-01-21T06:05`, `2024-W16`, `2024-Q3`, `2019-H1`, `2023-SU`, `199X` (a decade),
/// and a range `(2016-06-09,2016-06-12,P3D)` from its first value's first day to its last
/// value's last. `None` for values with placeholders (`XXXX-07`), durations and vague
/// references. Computed once when a resolved time is stored (`almanac_model::TimeRef`), so
/// that later crates compare days instead of reading the value again.
///
/// ```
/// use almanac_time::span;
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(span("2023-03"), Some((day(2023, 3, 1), day(2023, 4, 1))));
/// assert_eq!(span("2024-Q3"), Some((day(2024, 7, 1), day(2024, 10, 1))));
/// assert_eq!(span("XXXX-07"), None);
/// ```
pub fn span(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(inner) = value.strip_prefix('(').and_then(|v| v.strip_suffix(')')) {
        let mut parts = inner.split(',');
        let (first, last) = (span(parts.next()?)?, span(parts.next()?)?);
        return (first.0 < last.1).then_some((first.0, last.1));
    }
    let ymd = NaiveDate::from_ymd_opt;
    let between = |a: NaiveDate, b: NaiveDate| (a < b).then_some((a, b));
    let date = value.split('T').next()?;
    let mut parts = date.split('-');
    let year_text = parts.next()?;
    if year_text.len() == 4
        && year_text.ends_with('X')
        && year_text[..3].bytes().all(|b| b.is_ascii_digit())
    {
        let decade: i32 = year_text[..3].parse().ok()?;
        return between(ymd(decade * 10, 1, 1)?, ymd(decade * 10 + 10, 1, 1)?);
    }
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let Some(second) = parts.next() else {
        return between(ymd(year, 1, 1)?, ymd(year + 1, 1, 1)?);
    };
    let third = parts.next();
    if let Some(week) = second.strip_prefix('W') {
        let week: u32 = week.parse().ok()?;
        let start = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        return between(start, start + chrono::Duration::days(7));
    }
    let months = |from: u32, count: u32| {
        let start = ymd(year, from, 1)?;
        between(start, start.checked_add_months(chrono::Months::new(count))?)
    };
    if let Some(q) = second.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        return if (1..=4).contains(&q) {
            months((q - 1) * 3 + 1, 3)
        } else {
            None
        };
    }
    match second {
        "H1" => return months(1, 6),
        "H2" => return months(7, 6),
        "SP" => return months(3, 3),
        "SU" => return months(6, 3),
        "FA" | "AU" => return months(9, 3),
        "WI" => return months(12, 3),
        _ => {}
    }
    let month: u32 = second.parse().ok()?;
    let Some(day) = third else {
        return months(month, 1);
    };
    let start = ymd(year, month, day.parse().ok()?)?;
    between(start, start.succ_opt()?)
}

#[cfg(test)]
mod tests {
    use super::describe;

    fn check(value: &str, expected: Option<&str>) {
        assert_eq!(describe(value).as_deref(), expected, "describe({value:?})");
    }

    #[test]
    fn values_in_words() {
        check("2023-03", Some("March 2023"));
        check("2020-01-21", Some("21 January 2020"));
        check("P19D", Some("19 days"));
        check("2019-H1", Some("the first half of 2019"));
        check("2024-Q3", Some("the third quarter of 2024"));
        check("199X", Some("the 1990s"));
        check("18XX", Some("the 19th century"));
        check("2024-W16", Some("week 16 of 2024"));
        check("2024-W16-WE", Some("the weekend of week 16 of 2024"));
        check("2024-W16-4", Some("Thursday of week 16 of 2024"));
        check("2024-W16-8", None);
        check("XXXX-07", Some("July (year unknown)"));
        check("XXXX-WXX-2", Some("a Tuesday"));
        check("2020-01-21T06:05", Some("21 January 2020, 06:05"));
        check("2020-01-21TMO", Some("the morning of 21 January 2020"));
        check("PT6H", Some("6 hours"));
        check("P1Y", Some("1 year"));
        check("PXY", Some("some years"));
        check("P2DE", Some("2 decades"));
        check("FY2023", Some("fiscal year 2023"));
        check("2023-SU", Some("summer 2023"));
        check("PRESENT_REF", Some("the present"));
        check("2023-13", None);
        check("banana", None);
        check("", None);
    }
}
