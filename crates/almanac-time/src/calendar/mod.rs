//! Holidays of the Islamic, Hebrew, Chinese (and Korean) and Hindu calendars, resolved to
//! Gregorian dates for a given Gregorian year: [`calendar_holiday`]`("eid al-adha", 2017)`.
//!
//! Where the dates come from, and how far to trust them:
//!
//! - **Islamic** (Ramadan, Eid al-Fitr, Eid al-Adha, Islamic New Year, Ashura, Mawlid...):
//!   `icu_calendar`'s Umm al-Qura calendar, Saudi Arabia's official calendar, computed by KACST
//!   for Mecca (CLDR `islamic-umalqura`; outside its table, about 1882-2174, `icu_calendar`
//!   falls back to the tabular civil calendar). Most countries start the months on a sighting
//!   of the new crescent, so the day actually observed can differ by a day (often a day later
//!   in South Asia and North America), and an announcement, not a computation, settles it.
//! - **Hebrew** (Rosh Hashanah, Yom Kippur, Sukkot, Hanukkah, Purim, Passover, Shavuot...):
//!   `icu_calendar`'s arithmetic Hebrew calendar, which is exact. A Jewish day begins at the
//!   sunset before: the date given is the first full civil day (Yom Kippur 2023 is 25 September
//!   2023; its fast began at sunset on the 24th). Passover, Shavuot and Simchat Torah follow the
//!   diaspora (8, 2 days; Tishrei 23); Israel keeps Passover 7 days.
//! - **Chinese and Korean** (Lunar New Year, Lantern, Dragon Boat, Mid-Autumn, Seollal,
//!   Chuseok...): `icu_calendar`'s Chinese calendar under the rules of GB/T 33661-2017 (and the
//!   Korean rules for Seollal and Chuseok); `icu_calendar` documents agreement with the
//!   Purple Mountain Observatory's tables (1900-2025) and the Hong Kong Observatory's
//!   (1901-2100). Vietnam's Tet is left out: it is reckoned at UTC+7 and differs in some
//!   years. Qingming is a solar term (the Sun at 15 degrees), computed below at Beijing time.
//! - **Hindu** (Diwali, Holi, Navratri, Makar Sankranti) and **Buddha Purnima / Vesak**: no
//!   crate covers them, so they are computed here from new and full moons (Meeus's algorithm,
//!   accurate to minutes) and the Sun's sidereal (Lahiri) longitude, at Indian Standard Time,
//!   with the calendar's rule for each (see `Rule`). The lunar months are amanta (new moon
//!   to new moon), named by the sign the Sun is in at the new moon that starts them; of two
//!   new moons in one sign the first starts the leap (adhika) month. The rules read a tithi
//!   at New Delhi's sunrise or dusk, and a tithi's start from an estimate of the Moon's speed
//!   (about half an hour), so where a tithi begins or ends near those hours, or a region
//!   follows its own panchang, the festival can fall a day off. Holi's rule (Purnima at dusk
//!   outside Bhadra) is not modelled: a cut-off hour calibrated on the Holi kept in 2009-2025
//!   stands in for it. Vesak in Sri Lanka and South-East Asia is often kept on another day;
//!   the date here is India's Buddha Purnima.
//!
//! Years outside [`CALENDAR_YEARS`] give `None`; a year in which an Islamic holiday
//! falls twice (as Eid al-Fitr did in 2000) gives the first.

mod astro;

use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use icu_calendar::cal::{ChineseTraditional, Hebrew, Hijri, KoreanTraditional};
use icu_calendar::types::MonthCode;
use icu_calendar::{AsCalendar, Date, Iso};

use astro::Phase;

/// The Gregorian years [`calendar_holiday`] resolves.
pub const CALENDAR_YEARS: RangeInclusive<i32> = 1900..=2100;

/// The calendar a holiday is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// The Islamic (Hijri) calendar, here the Umm al-Qura variant.
    Islamic,
    /// The Hebrew calendar.
    Hebrew,
    /// The Chinese lunisolar calendar (and its solar terms).
    Chinese,
    /// The Korean lunisolar calendar.
    Korean,
    /// The Hindu lunisolar calendar (amanta months, Lahiri sidereal signs).
    Hindu,
}

/// A holiday resolved to Gregorian dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CalendarHoliday {
    /// The holiday's usual English name, e.g. `"Eid al-Adha"`.
    pub name: &'static str,
    /// The calendar it is kept in.
    pub calendar: Calendar,
    /// Its first (or only) day.
    pub begin: NaiveDate,
    /// Its last day: the same as `begin` for a one-day holiday.
    pub end: NaiveDate,
}

impl CalendarHoliday {
    /// How many days it lasts (1 for a one-day holiday).
    pub fn days(&self) -> i64 {
        (self.end - self.begin).num_days() + 1
    }
}

/// How a holiday's dates are found in a Gregorian year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Islamic `month` and `day`, lasting `days` days; `days = 0`: to the end of the month.
    Hijri { month: u8, day: u8, days: u8 },
    /// Hebrew month code number (1 = Tishrei ... 6 = Adar, or Adar II in a leap year, 7 = Nisan),
    /// `day`, lasting `days`; `sunday`: moved to Sunday when it falls on the Sabbath.
    Hebrew {
        month: u8,
        day: u8,
        days: u8,
        sunday: bool,
    },
    /// Chinese (or Korean, `korea`) `month` and `day`, shifted by `shift` days.
    Chinese {
        korea: bool,
        month: u8,
        day: u8,
        shift: i8,
    },
    /// Qingming: the day (Beijing time) the Sun's longitude reaches 15 degrees.
    Qingming,
    /// Diwali (Lakshmi Puja): the Amavasya ending the month Ashvin, i.e. the tithi ending at the
    /// new moon with the Sun in Tula (the first, if two); the day whose pradosh (the 2h24m
    /// after sunset at New Delhi) that Amavasya covers longest.
    Diwali,
    /// Holi, on the full moon of nija Phalguna (after the last new moon with the Sun in
    /// Kumbha): the day of the full moon (IST) when it comes before 16:00, else the next day;
    /// Holika Dahan is the evening before (`days_after` 0, Holi is 1). The printed rule
    /// (Purnima at dusk, outside Bhadra) is not modelled; this cut-off reproduces the Holi
    /// kept in 2009-2025, whose full moons fell between 00:18 and 15:09 IST (same day) or
    /// 17:31 and 23:40 IST (next day).
    Holi { days_after: u8 },
    /// Sharad Navratri: nine nights from Ashvin Shukla Pratipada, the day whose sunrise (at
    /// New Delhi) first follows the new moon that starts nija Ashvin (the last with the Sun
    /// in Kanya). The ninth day is given as `begin + 8`; a skipped tithi can shorten it.
    Navratri,
    /// Buddha Purnima: the full moon of nija Vaishakha (after the last new moon with the Sun in
    /// Mesha), on the day whose sunrise (at New Delhi) last precedes it.
    BuddhaPurnima,
    /// Makar Sankranti: the day (IST) the Sun enters sidereal Makara (Capricorn), or the next
    /// day when it enters after sunset at New Delhi.
    MakarSankranti,
}

/// One holiday: its usual name, its lower-case aliases (in the form [`normalize_holiday_name`]
/// gives), calendar and rule.
struct Entry {
    name: &'static str,
    aliases: &'static [&'static str],
    calendar: Calendar,
    rule: Rule,
}

/// Shorthand for an Islamic holiday.
const fn hijri(month: u8, day: u8, days: u8) -> Rule {
    Rule::Hijri { month, day, days }
}

/// Shorthand for a Hebrew holiday.
const fn hebrew(month: u8, day: u8, days: u8) -> Rule {
    Rule::Hebrew {
        month,
        day,
        days,
        sunday: false,
    }
}

/// Shorthand for a Chinese holiday.
const fn chinese(month: u8, day: u8) -> Rule {
    Rule::Chinese {
        korea: false,
        month,
        day,
        shift: 0,
    }
}

/// Shorthand for a Korean holiday.
const fn korean(month: u8, day: u8) -> Rule {
    Rule::Chinese {
        korea: true,
        month,
        day,
        shift: 0,
    }
}

/// Every holiday this module knows, with all its aliases: the one list both [`calendar_holiday`]
/// and [`calendar_holiday_names`] read.
const HOLIDAYS: &[Entry] = &[
    // Islamic.
    Entry {
        name: "Ramadan",
        aliases: &["ramadan", "ramadhan", "ramzan"],
        calendar: Calendar::Islamic,
        rule: hijri(9, 1, 0),
    },
    Entry {
        name: "Eid al-Fitr",
        aliases: &[
            "eid al fitr",
            "eid ul fitr",
            "eid el fitr",
            "id al fitr",
            "eidul fitr",
            "eid alfitr",
        ],
        calendar: Calendar::Islamic,
        rule: hijri(10, 1, 1),
    },
    Entry {
        name: "Day of Arafah",
        aliases: &["day of arafah", "day of arafat", "arafat day", "arafah day"],
        calendar: Calendar::Islamic,
        rule: hijri(12, 9, 1),
    },
    Entry {
        name: "Eid al-Adha",
        aliases: &[
            "eid al adha",
            "eid ul adha",
            "eid el adha",
            "id al adha",
            "eidul adha",
            "eid aladha",
            "bakrid",
            "bakri eid",
            "feast of the sacrifice",
            "kurban bayrami",
        ],
        calendar: Calendar::Islamic,
        rule: hijri(12, 10, 1),
    },
    Entry {
        name: "Islamic New Year",
        aliases: &[
            "islamic new year",
            "hijri new year",
            "muslim new year",
            "arabic new year",
            "al hijra",
        ],
        calendar: Calendar::Islamic,
        rule: hijri(1, 1, 1),
    },
    Entry {
        name: "Ashura",
        aliases: &["ashura", "day of ashura"],
        calendar: Calendar::Islamic,
        rule: hijri(1, 10, 1),
    },
    Entry {
        name: "Mawlid",
        aliases: &[
            "mawlid",
            "mawlid al nabi",
            "mawlid an nabi",
            "milad un nabi",
            "eid milad un nabi",
            "the prophets birthday",
        ],
        calendar: Calendar::Islamic,
        rule: hijri(3, 12, 1),
    },
    Entry {
        name: "Isra and Mi'raj",
        aliases: &["isra and miraj", "isra miraj", "al isra wal miraj"],
        calendar: Calendar::Islamic,
        rule: hijri(7, 27, 1),
    },
    // Hebrew.
    Entry {
        name: "Rosh Hashanah",
        aliases: &[
            "rosh hashanah",
            "rosh hashana",
            "rosh ha shanah",
            "jewish new year",
        ],
        calendar: Calendar::Hebrew,
        rule: hebrew(1, 1, 2),
    },
    Entry {
        name: "Yom Kippur",
        aliases: &["yom kippur", "day of atonement"],
        calendar: Calendar::Hebrew,
        rule: hebrew(1, 10, 1),
    },
    Entry {
        name: "Sukkot",
        aliases: &[
            "sukkot",
            "succot",
            "sukkoth",
            "feast of tabernacles",
            "feast of booths",
        ],
        calendar: Calendar::Hebrew,
        rule: hebrew(1, 15, 7),
    },
    Entry {
        name: "Shemini Atzeret",
        aliases: &["shemini atzeret"],
        calendar: Calendar::Hebrew,
        rule: hebrew(1, 22, 1),
    },
    Entry {
        name: "Simchat Torah",
        aliases: &["simchat torah", "simhat torah"],
        calendar: Calendar::Hebrew,
        rule: hebrew(1, 23, 1),
    },
    Entry {
        name: "Hanukkah",
        aliases: &["hanukkah", "chanukah", "hanukah", "chanukkah", "hanuka"],
        calendar: Calendar::Hebrew,
        rule: hebrew(3, 25, 8),
    },
    Entry {
        name: "Tu BiShvat",
        aliases: &["tu bishvat", "tu bshvat"],
        calendar: Calendar::Hebrew,
        rule: hebrew(5, 15, 1),
    },
    Entry {
        name: "Purim",
        aliases: &["purim"],
        calendar: Calendar::Hebrew,
        rule: hebrew(6, 14, 1),
    },
    Entry {
        name: "Passover",
        aliases: &["passover", "pesach", "pesah"],
        calendar: Calendar::Hebrew,
        rule: hebrew(7, 15, 8),
    },
    Entry {
        name: "Shavuot",
        aliases: &["shavuot", "shavuos", "feast of weeks"],
        calendar: Calendar::Hebrew,
        rule: hebrew(9, 6, 2),
    },
    Entry {
        name: "Tisha B'Av",
        aliases: &["tisha bav", "tisha b av", "tishah bav"],
        calendar: Calendar::Hebrew,
        rule: Rule::Hebrew {
            month: 11,
            day: 9,
            days: 1,
            sunday: true,
        },
    },
    // Chinese and Korean.
    Entry {
        name: "Lunar New Year",
        aliases: &[
            "lunar new year",
            "chinese new year",
            "spring festival",
            "chunjie",
        ],
        calendar: Calendar::Chinese,
        rule: chinese(1, 1),
    },
    Entry {
        name: "Lunar New Year's Eve",
        aliases: &["lunar new years eve", "chinese new years eve"],
        calendar: Calendar::Chinese,
        rule: Rule::Chinese {
            korea: false,
            month: 1,
            day: 1,
            shift: -1,
        },
    },
    Entry {
        name: "Lantern Festival",
        aliases: &["lantern festival", "yuanxiao"],
        calendar: Calendar::Chinese,
        rule: chinese(1, 15),
    },
    Entry {
        name: "Qingming Festival",
        aliases: &[
            "qingming",
            "qingming festival",
            "ching ming",
            "ching ming festival",
            "tomb sweeping day",
            "tomb sweeping festival",
        ],
        calendar: Calendar::Chinese,
        rule: Rule::Qingming,
    },
    Entry {
        name: "Dragon Boat Festival",
        aliases: &[
            "dragon boat festival",
            "duanwu",
            "duanwu festival",
            "tuen ng",
        ],
        calendar: Calendar::Chinese,
        rule: chinese(5, 5),
    },
    Entry {
        name: "Qixi Festival",
        aliases: &["qixi", "qixi festival", "double seventh festival"],
        calendar: Calendar::Chinese,
        rule: chinese(7, 7),
    },
    Entry {
        name: "Mid-Autumn Festival",
        aliases: &[
            "mid autumn festival",
            "moon festival",
            "mooncake festival",
            "zhongqiu",
        ],
        calendar: Calendar::Chinese,
        rule: chinese(8, 15),
    },
    Entry {
        name: "Double Ninth Festival",
        aliases: &["double ninth festival", "chongyang festival"],
        calendar: Calendar::Chinese,
        rule: chinese(9, 9),
    },
    Entry {
        name: "Seollal",
        aliases: &["seollal", "korean new year"],
        calendar: Calendar::Korean,
        rule: korean(1, 1),
    },
    Entry {
        name: "Chuseok",
        aliases: &["chuseok"],
        calendar: Calendar::Korean,
        rule: korean(8, 15),
    },
    // Hindu and Buddhist, computed here.
    Entry {
        name: "Makar Sankranti",
        aliases: &["makar sankranti", "makara sankranti", "maghi"],
        calendar: Calendar::Hindu,
        rule: Rule::MakarSankranti,
    },
    Entry {
        name: "Holika Dahan",
        aliases: &["holika dahan", "holika dahan night", "chhoti holi"],
        calendar: Calendar::Hindu,
        rule: Rule::Holi { days_after: 0 },
    },
    Entry {
        name: "Holi",
        aliases: &[
            "holi",
            "holi festival",
            "festival of colours",
            "festival of colors",
        ],
        calendar: Calendar::Hindu,
        rule: Rule::Holi { days_after: 1 },
    },
    Entry {
        name: "Buddha Purnima",
        aliases: &[
            "buddha purnima",
            "buddha jayanti",
            "vesak",
            "vesak day",
            "wesak",
            "wesak day",
            "vesakha",
        ],
        calendar: Calendar::Hindu,
        rule: Rule::BuddhaPurnima,
    },
    Entry {
        name: "Navratri",
        aliases: &[
            "navratri",
            "navaratri",
            "sharad navratri",
            "sharadiya navratri",
        ],
        calendar: Calendar::Hindu,
        rule: Rule::Navratri,
    },
    Entry {
        name: "Diwali",
        aliases: &["diwali", "deepavali", "divali", "deepawali", "dipawali"],
        calendar: Calendar::Hindu,
        rule: Rule::Diwali,
    },
];

/// Lower-cases `name`, drops apostrophes and periods, and turns hyphens and runs of spaces
/// into one space: `"Eid al-Adha"` and `"eid  Al Adha"` both become `"eid al adha"`,
/// `"Tisha B'Av"` becomes `"tisha bav"`.
pub fn normalize_holiday_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\'' | '\u{2019}' | '\u{2018}' | '.' => {}
            '-' | '\u{2010}' | '\u{2013}' | '_' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every alias [`calendar_holiday`] accepts, in the form [`normalize_holiday_name`] gives (lower
/// case, words separated by one space, no hyphens or apostrophes), e.g. `"eid al adha"`, `"yom
/// kippur"`, `"lunar new year"`, `"diwali"`. A grammar registers these as trigger words.
pub fn calendar_holiday_names() -> impl Iterator<Item = &'static str> {
    HOLIDAYS.iter().flat_map(|e| e.aliases.iter().copied())
}

/// The holiday called `name` (any case; hyphens, apostrophes and extra spaces are ignored, see
/// [`normalize_holiday_name`]) in the Gregorian `year`: its first and last day. `None` when the
/// name is unknown or the year is outside [`CALENDAR_YEARS`]. When an Islamic holiday falls twice
/// in one Gregorian year, the first is given.
///
/// ```
/// use almanac_time::calendar_holiday;
/// use chrono::NaiveDate;
///
/// let eid = calendar_holiday("Eid al-Adha", 2017).unwrap();
/// assert_eq!(eid.begin, NaiveDate::from_ymd_opt(2017, 9, 1).unwrap());
/// let hanukkah = calendar_holiday("hanukkah", 2017).unwrap();
/// assert_eq!(hanukkah.days(), 8);
/// assert!(calendar_holiday("eid al-adha", 1200).is_none());
/// ```
pub fn calendar_holiday(name: &str, year: i32) -> Option<CalendarHoliday> {
    if !CALENDAR_YEARS.contains(&year) {
        return None;
    }
    let name = normalize_holiday_name(name);
    let entry = HOLIDAYS
        .iter()
        .find(|e| e.aliases.contains(&name.as_str()))?;
    let (begin, end) = resolve(entry.rule, year)?;
    Some(CalendarHoliday {
        name: entry.name,
        calendar: entry.calendar,
        begin,
        end,
    })
}

/// The first and last day of a rule's holiday in `year`.
fn resolve(rule: Rule, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let one = |d: NaiveDate| Some((d, d));
    match rule {
        Rule::Hijri { month, day, days } => {
            // The Hijri years whose dates can fall in `year`: about (year - 622) * 33 / 32.
            let guess = (year - 622) * 33 / 32;
            (guess - 1..=guess + 2)
                .filter_map(|h| {
                    let date = in_calendar(h, month, false, day, Hijri::new_umm_al_qura())?;
                    let length = match days {
                        0 => u32::from(date.days_in_month()),
                        n => u32::from(n),
                    };
                    Some((gregorian(&date)?, length))
                })
                .filter(|(d, _)| d.year() == year)
                .min()
                .and_then(|(d, n)| {
                    Some((d, d.checked_add_signed(Duration::days(i64::from(n) - 1))?))
                })
        }
        Rule::Hebrew {
            month,
            day,
            days,
            sunday,
        } => {
            let begin = (year + 3760..=year + 3761)
                .filter_map(|am| gregorian(&in_calendar(am, month, false, day, Hebrew)?))
                .find(|d| d.year() == year)?;
            let begin = if sunday && begin.weekday() == Weekday::Sat {
                begin.succ_opt()?
            } else {
                begin
            };
            Some((begin, begin + Duration::days(i64::from(days) - 1)))
        }
        Rule::Chinese {
            korea,
            month,
            day,
            shift,
        } => {
            let date = if korea {
                gregorian(&in_calendar(
                    year,
                    month,
                    false,
                    day,
                    KoreanTraditional::new(),
                )?)
            } else {
                gregorian(&in_calendar(
                    year,
                    month,
                    false,
                    day,
                    ChineseTraditional::new(),
                )?)
            }?;
            one(date + Duration::days(i64::from(shift)))
        }
        Rule::Qingming => {
            let start = astro::jde_of_year_start(year);
            // The Sun reaches 15 degrees between 3 and 6 April (days 92-96 of the year).
            let jde = astro::crossing(astro::sun_longitude, 15.0, start + 88.0, start + 100.0);
            one(civil_date(astro::local_days(jde, 8.0).floor())?)
        }
        Rule::Diwali => {
            let moons = new_moons(year);
            let i = (1..moons.len()).find(|&i| {
                moons[i].1 == TULA
                    && moons[i - 1].1 != TULA
                    && civil_date(astro::local_days(moons[i].0, IST).floor())
                        .is_some_and(|d| d.year() == year)
            })?;
            let k = astro::lunation_near(year) - 2 + i as i64;
            one(pradosh_day(moons[i].0, astro::tithi_rate(k, Phase::New))?)
        }
        Rule::Holi { days_after } => {
            let full = full_moon_of_month(year, KUMBHA)?;
            let holi = civil_date((astro::local_days(full, IST) + 1.0 - HOLI_CUTOFF).floor())?;
            one(holi - Duration::days(1) + Duration::days(i64::from(days_after)))
        }
        Rule::BuddhaPurnima => {
            let full = full_moon_of_month(year, MESHA)?;
            one(civil_date(sunrise_day(full))?)
        }
        Rule::Navratri => {
            let (new, _) = last_new_moon_in(year, KANYA)?;
            let begin = civil_date(sunrise_day(new) + 1.0)?;
            Some((begin, begin + Duration::days(8)))
        }
        Rule::MakarSankranti => {
            let start = astro::jde_of_year_start(year);
            let jde = astro::crossing(astro::sun_sidereal, 270.0, start + 5.0, start + 25.0);
            // After sunset at New Delhi the day of the festival is the next one.
            let at = astro::local_days(jde, IST);
            let dusk = astro::sun_rise_set(at.floor(), DELHI.0, DELHI.1, IST, false);
            one(civil_date(if at > dusk {
                at.floor() + 1.0
            } else {
                at.floor()
            })?)
        }
    }
}

/// Indian Standard Time, hours ahead of UT.
const IST: f64 = 5.5;
/// New Delhi's latitude and east longitude, where the Hindu rules read sunrise and sunset.
const DELHI: (f64, f64) = (28.61, 77.21);
/// Pradosh, the evening after sunset: 2 hours 24 minutes (six ghatis), as days.
const PRADOSH: f64 = 0.1;
/// The hour of the full moon after which Holi is the next day (16:00).
const HOLI_CUTOFF: f64 = 16.0 / 24.0;
/// Sidereal signs, as [`astro::rashi`] numbers them.
const MESHA: u8 = 0;
/// Virgo.
const KANYA: u8 = 5;
/// Libra.
const TULA: u8 = 6;
/// Aquarius.
const KUMBHA: u8 = 10;

/// Days since 1970-01-01 (IST) of the day whose sunrise at New Delhi last precedes `jde`:
/// the day on which the tithi running at that instant is the sunrise (udaya) tithi.
fn sunrise_day(jde: f64) -> f64 {
    let at = astro::local_days(jde, IST);
    let day = at.floor();
    if at < astro::sun_rise_set(day, DELHI.0, DELHI.1, IST, true) {
        day - 1.0
    } else {
        day
    }
}

/// The day whose pradosh (the 2h24m after sunset at New Delhi) the tithi ending at `jde` covers
/// longest; `rate` is how fast the tithi runs (degrees of elongation a day). Of two days
/// covered alike the first is taken.
fn pradosh_day(jde: f64, rate: f64) -> Option<NaiveDate> {
    let end = astro::local_days(jde, IST);
    let start = end - 12.0 / rate;
    let covered = |day: f64| {
        let dusk = astro::sun_rise_set(day, DELHI.0, DELHI.1, IST, false);
        (end.min(dusk + PRADOSH) - start.max(dusk)).max(0.0)
    };
    let last = end.floor();
    let best = [last - 2.0, last - 1.0, last].into_iter().fold(
        (last - 2.0, covered(last - 2.0)),
        |best, day| {
            let c = covered(day);
            if c > best.1 { (day, c) } else { best }
        },
    );
    civil_date(best.0)
}

/// The new moons from about November of `year - 1` to February of `year + 1`: each one's
/// instant (JDE) and the sign the Sun is in then.
fn new_moons(year: i32) -> Vec<(f64, u8)> {
    let k = astro::lunation_near(year);
    (k - 2..k + 15)
        .map(|k| {
            let jde = astro::moon_phase(k, Phase::New);
            (jde, astro::rashi(jde))
        })
        .collect()
}

/// The new moon of `year` that starts the nija (regular) month named by `sign`: the last of
/// the new moons with the Sun in `sign`, and its lunation index in [`new_moons`].
fn last_new_moon_in(year: i32, sign: u8) -> Option<(f64, i64)> {
    let moons = new_moons(year);
    let i = (0..moons.len() - 1).find(|&i| {
        moons[i].1 == sign
            && moons[i + 1].1 != sign
            && civil_date(astro::local_days(moons[i].0, IST).floor())
                .is_some_and(|d| d.year() == year)
    })?;
    Some((moons[i].0, astro::lunation_near(year) - 2 + i as i64))
}

/// The full moon (JDE) of the nija month that starts with the Sun in `sign` in `year`.
fn full_moon_of_month(year: i32, sign: u8) -> Option<f64> {
    let (_, k) = last_new_moon_in(year, sign)?;
    Some(astro::moon_phase(k, Phase::Full))
}

/// The date `days` days after 1970-01-01, if chrono can hold it.
fn civil_date(days: f64) -> Option<NaiveDate> {
    if !days.is_finite() || days.abs() > 1.0e7 {
        return None;
    }
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(Duration::days(days as i64))
}

/// The date in calendar `cal` of (extended) `year`, month code number `month` (`leap`: the
/// leap month of that number), `day`; `None` when that calendar year has no such day.
fn in_calendar<A: AsCalendar>(
    year: i32,
    month: u8,
    leap: bool,
    day: u8,
    cal: A,
) -> Option<Date<A>> {
    let code = if leap {
        MonthCode::new_leap(month)?
    } else {
        MonthCode::new_normal(month)?
    };
    Date::try_new_from_codes(None, year, code, day, cal).ok()
}

/// The Gregorian date of a date in another calendar.
fn gregorian<A: AsCalendar>(date: &Date<A>) -> Option<NaiveDate> {
    let iso = date.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date `y-m-d`.
    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// Checks that `name` in `year` begins on `begin` and lasts `days` days.
    fn check(name: &str, year: i32, begin: (i32, u32, u32), days: i64) {
        let found = calendar_holiday(name, year).unwrap_or_else(|| panic!("{name} {year}: none"));
        assert_eq!(
            (found.begin, found.days()),
            (ymd(begin.0, begin.1, begin.2), days),
            "{name} {year}"
        );
    }

    #[test]
    fn islamic_dates() {
        check("Eid al-Fitr", 2023, (2023, 4, 21), 1);
        check("Eid al-Fitr", 2017, (2017, 6, 25), 1);
        check("Eid al-Adha", 2017, (2017, 9, 1), 1);
        check("eid ul-adha", 2023, (2023, 6, 28), 1);
        // Umm al-Qura gave Ramadan 1438 29 days: Eid al-Fitr was on 25 June.
        check("Ramadan", 2017, (2017, 5, 27), 29);
        check("Ramadan", 2024, (2024, 3, 11), 30);
        check("Islamic New Year", 2023, (2023, 7, 19), 1);
        check("Ashura", 2023, (2023, 7, 28), 1);
        check("Day of Arafah", 2024, (2024, 6, 15), 1);
    }

    /// Eid al-Fitr fell twice in 2000 (8 January and 27 December): the first is given.
    #[test]
    fn islamic_twice_in_a_year_gives_the_first() {
        check("eid al fitr", 2000, (2000, 1, 8), 1);
    }

    #[test]
    fn hebrew_dates() {
        // Rosh Hashanah 5784 began at sunset on 15 September 2023.
        check("Rosh Hashanah", 2023, (2023, 9, 16), 2);
        check("Yom Kippur", 2023, (2023, 9, 25), 1);
        check("Yom Kippur", 2017, (2017, 9, 30), 1);
        check("Hanukkah", 2017, (2017, 12, 13), 8);
        check("Chanukah", 2023, (2023, 12, 8), 8);
        check("Passover", 2024, (2024, 4, 23), 8);
        check("Pesach", 2023, (2023, 4, 6), 8);
        check("Purim", 2024, (2024, 3, 24), 1);
        check("Shavuot", 2023, (2023, 5, 26), 2);
        check("Sukkot", 2023, (2023, 9, 30), 7);
        // 9 Av 5784 (13 August 2024) was a Tuesday; 9 Av 5785 was Sunday 3 August 2025, and
        // 9 Av 5782 fell on the Sabbath (6 August 2022), so the fast was on the 7th.
        check("Tisha B'Av", 2024, (2024, 8, 13), 1);
        check("Tisha B'Av", 2022, (2022, 8, 7), 1);
    }

    #[test]
    fn chinese_dates() {
        check("Chinese New Year", 2024, (2024, 2, 10), 1);
        check("Lunar New Year", 2023, (2023, 1, 22), 1);
        check("Spring Festival", 2017, (2017, 1, 28), 1);
        check("chinese new year's eve", 2024, (2024, 2, 9), 1);
        check("Mid-Autumn Festival", 2023, (2023, 9, 29), 1);
        check("Dragon Boat Festival", 2024, (2024, 6, 10), 1);
        check("Lantern Festival", 2024, (2024, 2, 24), 1);
        check("Qingming", 2023, (2023, 4, 5), 1);
        check("Qingming", 2024, (2024, 4, 4), 1);
        check("Tomb-Sweeping Day", 2022, (2022, 4, 5), 1);
        check("Chuseok", 2023, (2023, 9, 29), 1);
        check("Seollal", 2024, (2024, 2, 10), 1);
    }

    #[test]
    fn hindu_dates() {
        check("Diwali", 2017, (2017, 10, 19), 1);
        check("Diwali", 2022, (2022, 10, 24), 1);
        check("Diwali", 2023, (2023, 11, 12), 1);
        check("Deepavali", 2024, (2024, 10, 31), 1);
        check("Diwali", 2025, (2025, 10, 20), 1);
        check("Holi", 2024, (2024, 3, 25), 1);
        check("Holi", 2022, (2022, 3, 18), 1);
        check("Holi", 2020, (2020, 3, 10), 1);
        check("Holika Dahan", 2024, (2024, 3, 24), 1);
        check("Holi", 2023, (2023, 3, 8), 1);
        check("Holi", 2016, (2016, 3, 24), 1);
        check("Navratri", 2023, (2023, 10, 15), 9);
        check("Navratri", 2024, (2024, 10, 3), 9);
        // 2020 had a leap (adhika) Ashvin: Navratri began with the nija month.
        check("Navratri", 2020, (2020, 10, 17), 9);
        check("Buddha Purnima", 2023, (2023, 5, 5), 1);
        check("Vesak", 2024, (2024, 5, 23), 1);
        check("Buddha Purnima", 2022, (2022, 5, 16), 1);
        check("Makar Sankranti", 2023, (2023, 1, 15), 1);
        check("Makar Sankranti", 2024, (2024, 1, 15), 1);
        check("Makar Sankranti", 2025, (2025, 1, 14), 1);
    }

    /// Diwali as India kept it in 1999-2021; Navratri, Holi and Buddha Purnima in 2009-2021.
    #[test]
    fn hindu_dates_1999_2021() {
        let kept: &[(&str, (i32, u32, u32))] = &[
            ("diwali", (1999, 11, 7)),
            ("diwali", (2000, 10, 26)),
            ("diwali", (2001, 11, 14)),
            ("diwali", (2002, 11, 4)),
            ("diwali", (2003, 10, 25)),
            ("diwali", (2004, 11, 12)),
            ("diwali", (2005, 11, 1)),
            ("diwali", (2006, 10, 21)),
            ("diwali", (2007, 11, 9)),
            ("diwali", (2008, 10, 28)),
            ("diwali", (2009, 10, 17)),
            ("diwali", (2010, 11, 5)),
            ("diwali", (2011, 10, 26)),
            ("diwali", (2012, 11, 13)),
            // The new moon fell at 18:20 IST on 3 November: the Amavasya covered more of
            // that dusk than of the one before.
            ("diwali", (2013, 11, 3)),
            ("diwali", (2014, 10, 23)),
            ("diwali", (2015, 11, 11)),
            ("diwali", (2016, 10, 30)),
            ("diwali", (2018, 11, 7)),
            ("diwali", (2019, 10, 27)),
            ("diwali", (2020, 11, 14)),
            ("diwali", (2021, 11, 4)),
            // The new moon fell at 06:04 IST, before sunrise at Delhi.
            ("navratri", (2013, 10, 5)),
            ("navratri", (2015, 10, 13)),
            ("navratri", (2017, 9, 21)),
            ("holi", (2010, 3, 1)),
            ("holi", (2013, 3, 27)),
            ("holi", (2021, 3, 29)),
            ("buddha purnima", (2018, 4, 30)),
            ("buddha purnima", (2021, 5, 26)),
        ];
        for &(name, (y, m, d)) in kept {
            let days = if name == "navratri" { 9 } else { 1 };
            check(name, y, (y, m, d), days);
        }
    }

    #[test]
    fn names_are_normalized_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for name in calendar_holiday_names() {
            assert_eq!(
                normalize_holiday_name(name),
                name,
                "alias not in normal form"
            );
            assert!(seen.insert(name), "alias {name:?} listed twice");
            assert!(calendar_holiday(name, 2020).is_some(), "{name} 2020");
        }
        assert_eq!(normalize_holiday_name("  Eid   Al-Adha "), "eid al adha");
        assert_eq!(normalize_holiday_name("Tisha B’Av"), "tisha bav");
        assert!(
            calendar_holiday("Eid", 2017).is_none(),
            "plain Eid is ambiguous"
        );
        assert!(calendar_holiday("Christmas", 2017).is_none());
    }

    #[test]
    fn edges_of_the_range() {
        for name in calendar_holiday_names() {
            for year in [*CALENDAR_YEARS.start(), *CALENDAR_YEARS.end()] {
                let found = calendar_holiday(name, year).unwrap_or_else(|| panic!("{name} {year}"));
                assert_eq!(found.begin.year(), year, "{name} {year}");
                assert!(found.end >= found.begin);
            }
            for year in [
                CALENDAR_YEARS.start() - 1,
                CALENDAR_YEARS.end() + 1,
                i32::MIN,
                i32::MAX,
                0,
                -5000,
            ] {
                assert_eq!(calendar_holiday(name, year), None, "{name} {year}");
            }
        }
    }

    /// Every holiday resolves in every accepted year, inside that year, without panicking.
    #[test]
    fn every_holiday_every_year() {
        for entry in HOLIDAYS {
            for year in CALENDAR_YEARS {
                let found = calendar_holiday(entry.aliases[0], year)
                    .unwrap_or_else(|| panic!("{} {year}", entry.name));
                assert_eq!(found.begin.year(), year, "{} {year}", entry.name);
                assert!((1..=30).contains(&found.days()), "{} {year}", entry.name);
            }
        }
    }

    /// Invariants over 1950-2050 that hold whatever the exact day.
    #[test]
    fn invariants_1950_2050() {
        let get =
            |name: &str, year| calendar_holiday(name, year).unwrap_or_else(|| panic!("{name}"));
        for year in 1950..=2050 {
            let rh = get("rosh hashanah", year);
            assert_eq!(get("yom kippur", year).begin - rh.begin, Duration::days(9));
            assert_eq!(get("sukkot", year).begin - rh.begin, Duration::days(14));
            // Rosh Hashanah falls between 5 September and 5 October, never on Sun, Wed, Fri.
            assert!(
                (ymd(year, 9, 5)..=ymd(year, 10, 5)).contains(&rh.begin),
                "{year}"
            );
            assert!(![Weekday::Sun, Weekday::Wed, Weekday::Fri].contains(&rh.begin.weekday()));
            // Passover begins 163 days before the next Rosh Hashanah.
            assert_eq!(rh.begin - get("passover", year).begin, Duration::days(163));
            assert!((ymd(year, 11, 25)..=ymd(year, 12, 28)).contains(&get("hanukkah", year).begin));

            let lny = get("lunar new year", year).begin;
            assert!(
                (ymd(year, 1, 21)..=ymd(year, 2, 20)).contains(&lny),
                "{year}: {lny}"
            );
            let mid_autumn = get("mid autumn festival", year).begin;
            assert!(
                (ymd(year, 9, 7)..=ymd(year, 10, 8)).contains(&mid_autumn),
                "{year}"
            );
            let qingming = get("qingming", year).begin;
            assert!(
                (ymd(year, 4, 4)..=ymd(year, 4, 6)).contains(&qingming),
                "{year}"
            );

            let fitr = get("eid al fitr", year).begin;
            let adha = get("eid al adha", year).begin;
            // Shawwal 1 to Dhu al-Hijjah 10 is 67-69 days; in a year where the first Eid
            // al-Adha belongs to the Hijri year before, it is about 285 days before Eid al-Fitr.
            let gap = (adha - fitr).num_days();
            assert!(
                (67..=69).contains(&gap) || (-289..=-283).contains(&gap),
                "{year}: {gap}"
            );
            let ramadan = get("ramadan", year);
            assert!((29..=30).contains(&ramadan.days()), "{year}");

            let diwali = get("diwali", year).begin;
            assert!(
                (ymd(year, 10, 15)..=ymd(year, 11, 16)).contains(&diwali),
                "{year}: {diwali}"
            );
            let holi = get("holi", year).begin;
            assert!(
                (ymd(year, 2, 25)..=ymd(year, 3, 30)).contains(&holi),
                "{year}: {holi}"
            );
            let vesak = get("vesak", year).begin;
            assert!(
                (ymd(year, 4, 18)..=ymd(year, 5, 31)).contains(&vesak),
                "{year}: {vesak}"
            );
            let navratri = get("navratri", year).begin;
            assert!(
                (ymd(year, 9, 15)..=ymd(year, 10, 20)).contains(&navratri),
                "{year}"
            );
            // Navratri begins the day after the new moon that starts Ashvin, Diwali is the
            // evening before the next one: about 28 days apart.
            let gap = (diwali - navratri).num_days();
            assert!((26..=30).contains(&gap), "{year}: {gap}");
        }
    }
}
