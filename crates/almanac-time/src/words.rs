//! The vocabulary of dates in one place: month and weekday names, calendar units, number and
//! ordinal words, the words that open a scan window and the tense cues of the sentence guesser.
//!
//! This module imports nothing from the rest of the crate, so any other crate can read the
//! same words through the small public API below instead of keeping its own copies. Every
//! lookup is ASCII case-insensitive and allocation-free.
//!
//! ```
//! use almanac_time::words::{month_number, number_word, ordinal_word, weekday};
//! use chrono::Weekday;
//!
//! assert_eq!(month_number("Sept."), Some(9));
//! assert_eq!(weekday("tue"), Some(Weekday::Tue));
//! assert_eq!(number_word("Nineteen"), Some(19));
//! assert_eq!(ordinal_word("twelfth"), Some(12));
//! ```

use chrono::Weekday;

/// The longest word the lookups lowercase; longer words are in no list.
const MAX_WORD: usize = 16;

/// `word` lowercased into a stack buffer, one trailing period dropped ("Sept."); `None` if
/// empty, longer than [`MAX_WORD`] or not ASCII.
fn lower(word: &str) -> Option<([u8; MAX_WORD], usize)> {
    let w = word.strip_suffix('.').unwrap_or(word).as_bytes();
    if w.is_empty() || w.len() > MAX_WORD || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    for (b, c) in buf.iter_mut().zip(w) {
        *b = c.to_ascii_lowercase();
    }
    Some((buf, w.len()))
}

/// The month (1-12) a name or abbreviation stands for: `"January"`, `"sept"`, `"Dec."`.
///
/// ```
/// assert_eq!(almanac_time::words::month_number("MAR"), Some(3));
/// assert_eq!(almanac_time::words::month_number("marc"), None);
/// ```
pub fn month_number(word: &str) -> Option<u32> {
    let (buf, n) = lower(word)?;
    MONTHS
        .iter()
        .find(|m| m.0.as_bytes() == &buf[..n])
        .map(|m| m.1)
}

/// The weekday a name or abbreviation stands for: `"Tuesday"`, `"tue"`, `"Thurs."`.
///
/// ```
/// use chrono::Weekday;
/// assert_eq!(almanac_time::words::weekday("thurs"), Some(Weekday::Thu));
/// ```
pub fn weekday(word: &str) -> Option<Weekday> {
    let (buf, n) = lower(word)?;
    WEEKDAYS
        .iter()
        .find(|d| d.0.as_bytes() == &buf[..n])
        .map(|d| d.1)
}

/// The month abbreviations [`month_number`] reads, lowercase, without their period:
/// `"jan"`, `"feb"`, ... `"sep"`, `"sept"`, ... `"dec"` ("may" is a name, not an
/// abbreviation).
///
/// ```
/// let abbreviations: Vec<_> = almanac_time::words::month_abbreviations().collect();
/// assert!(abbreviations.contains(&"sept"));
/// assert!(!abbreviations.contains(&"may"));
/// ```
pub fn month_abbreviations() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().filter(|m| m.2).map(|m| m.0)
}

/// The English name of a month (1-12), as dates are written: `"March"`.
///
/// ```
/// assert_eq!(almanac_time::words::month_name(3), Some("March"));
/// assert_eq!(almanac_time::words::month_name(13), None);
/// ```
pub fn month_name(month: u32) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
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
    NAMES
        .get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

/// The English name of a weekday: `"Thursday"`.
///
/// ```
/// use chrono::Weekday;
/// assert_eq!(almanac_time::words::weekday_name(Weekday::Thu), "Thursday");
/// ```
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The value of one number word: `"zero"`..`"nineteen"`, the tens `"twenty"`..`"ninety"`
/// (and the misspelling `"fourty"`), `"hundred"`, `"thousand"`, `"dozen"`. Compounds
/// ("twenty-one", "two thousand and five") are read by [`crate::number::parse_number`].
///
/// ```
/// assert_eq!(almanac_time::words::number_word("Forty"), Some(40));
/// assert_eq!(almanac_time::words::number_word("twenty-one"), None);
/// ```
pub fn number_word(word: &str) -> Option<u32> {
    let (buf, n) = lower(word)?;
    number_value(&buf[..n])
}

/// The rank of one ordinal word: `"first"` is 1, `"twelfth"` 12, `"hundredth"` 100.
/// Compounds ("twenty-first") and digits ("21st") are read by
/// [`crate::number::parse_ordinal`].
///
/// ```
/// assert_eq!(almanac_time::words::ordinal_word("Third"), Some(3));
/// ```
pub fn ordinal_word(word: &str) -> Option<u32> {
    let (buf, n) = lower(word)?;
    ordinal_value(&buf[..n])
}

/// Declares the number word tables and [`number_value`] from one list, so a word added here
/// is both listed and read.
macro_rules! number_words {
    (
        cardinals: $($cw:literal => $cv:expr,)*
        multipliers: $($mw:literal => $mv:expr,)*
    ) => {
        /// The number words that count on their own, with their values: `"zero"`..`"nineteen"`,
        /// the tens `"twenty"`..`"ninety"` and the misspelling `"fourty"`. [`number_word`] reads
        /// them and the [`MULTIPLIER_WORDS`].
        ///
        /// ```
        /// use almanac_time::words::CARDINAL_WORDS;
        /// assert!(CARDINAL_WORDS.contains(&("seven", 7)));
        /// ```
        pub const CARDINAL_WORDS: &[(&str, u32)] = &[$(($cw, $cv),)*];

        /// The number words that multiply what comes before them (`two hundred`, `a dozen`),
        /// with their values.
        ///
        /// ```
        /// use almanac_time::words::MULTIPLIER_WORDS;
        /// assert!(MULTIPLIER_WORDS.contains(&("dozen", 12)));
        /// ```
        pub const MULTIPLIER_WORDS: &[(&str, u32)] = &[$(($mw, $mv),)*];

        /// [`number_word`] of an already lowercased word.
        pub(crate) fn number_value(word: &[u8]) -> Option<u32> {
            Some(match std::str::from_utf8(word).ok()? {
                $($cw => $cv,)*
                $($mw => $mv,)*
                _ => return None,
            })
        }
    };
}

number_words! {
    cardinals:
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
    multipliers:
        "hundred" => 100,
        "thousand" => 1000,
        "dozen" => 12,
}

/// The full scale words [`crate::number::parse_scale`] reads, singular, with their factors (it
/// also reads their plurals, [`SCALE_SPELLINGS`] and [`SCALE_ABBREVIATIONS`]): `thousand`,
/// `million`, `billion`, `trillion`, `crore`, `lakh`.
///
/// ```
/// use almanac_time::words::SCALE_WORDS;
/// assert!(SCALE_WORDS.contains(&("billion", 1e9)));
/// ```
pub const SCALE_WORDS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("crore", 1e7),
    ("lakh", 1e5),
];

/// Other spellings of full scale words, read like them (plurals too) but never written:
/// `lac` for `lakh`.
///
/// ```
/// assert!(almanac_time::words::SCALE_SPELLINGS.contains(&("lac", 1e5)));
/// ```
pub const SCALE_SPELLINGS: &[(&str, f64)] = &[("lac", 1e5)];

/// The scale abbreviations [`crate::number::parse_scale`] reads (no plurals), lowercase, with
/// their factors: `k`, `m`, `mn`, `mln`, `mil`, `b`, `bn`, `bln`, `tn`, `trn`, `tr`. They are
/// only safe right after an amount (`$5m`, `€3bn`): `5 m` alone may be five metres. The
/// bankers' `MM` (a million) is read too, in capitals only, since `mm` is millimetres.
///
/// ```
/// assert!(almanac_time::words::SCALE_ABBREVIATIONS.contains(&("bn", 1e9)));
/// ```
pub const SCALE_ABBREVIATIONS: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("mil", 1e6),
    ("b", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
    ("tr", 1e12),
];

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Century,
    Decade,
    Year,
    /// Half a year; no unit word maps to it yet, durations and shifts handle it.
    #[allow(dead_code)]
    Half,
    Quarter,
    Month,
    Fortnight,
    Week,
    Weekend,
    Day,
    Hour,
    Minute,
    Second,
}

/// Words after which the sentence speaks of the future.
pub(crate) const FUTURE_CUES: &[&str] = &[
    "will",
    "ll",
    "shall",
    "plans",
    "plan",
    "planned",
    "planning",
    "expected",
    "expects",
    "expect",
    "scheduled",
    "aims",
    "aim",
    "intends",
    "intend",
    "due",
    "going",
    "forecast",
    "forecasts",
    "projected",
    "slated",
    "set",
    "until",
    "hopes",
    "hope",
    "target",
    "targets",
    "wants",
    "seeks",
    "vowed",
    "pledged",
    "promised",
    "proposed",
    "could",
    "might",
    "may",
    "should",
    "would",
];

/// Irregular past-tense verbs common in news.
pub(crate) const PAST_CUES: &[&str] = &[
    "said", "was", "were", "had", "did", "told", "made", "took", "gave", "saw", "rose", "fell",
    "grew", "began", "came", "went", "got", "left", "met", "paid", "sold", "lost", "held", "led",
    "spent", "sent", "built", "broke", "brought", "bought", "thought", "found", "became", "ran",
    "wrote", "spoke", "chose", "knew", "kept", "drew", "flew", "struck", "sought", "stood", "shut",
    "since", "been", "slid", "sank", "shrank", "swung", "began", "reported",
];

/// Present-tense verbs that date an event to now or around it ("runs through Nov. 18").
pub(crate) const PRESENT_CUES: &[&str] = &[
    "resumes",
    "see",
    "go",
    "reopens",
    "close",
    "open",
    "meet",
    "is",
    "are",
    "takes",
    "runs",
    "begins",
    "starts",
    "ends",
    "opens",
    "closes",
    "expires",
    "lasts",
    "continues",
    "remains",
    "says",
    "falls",
    "comes",
    "goes",
    "meets",
];

/// Reporting verbs: they give the tense of the report, used only when nothing else does.
pub(crate) const ATTRIBUTION: &[&str] = &[
    "said",
    "told",
    "reported",
    "noted",
    "announced",
    "stated",
    "wrote",
    "explained",
];

/// Words ending in "-ed" that are not past-tense verbs in news prose.
pub(crate) const NOT_PAST: &[&str] = &[
    "based",
    "advanced",
    "limited",
    "united",
    "related",
    "need",
    "needed",
    "red",
    "bed",
    "speed",
    "feed",
    "seed",
    "indeed",
    "hundred",
    "led",
    "shed",
    "wed",
    "med",
    "ted",
    "fed",
    "used",
    "called",
    "so-called",
    "named",
    "listed",
    "owned",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "detailed",
    "skilled",
    "sized",
    "armed",
    "concerned",
    "interested",
    "aged",
    "biased",
    "talented",
    "varied",
    "complicated",
    "sophisticated",
    "dedicated",
    "designated",
    "pledged",
    "vowed",
    "promised",
    "projected",
    "slated",
    "combined",
];

/// Calendar unit words: (word, unit, plural). The lexicon stores each word's index + 1.
pub(crate) const UNITS: &[(&str, Unit, bool)] = &[
    ("year", Unit::Year, false),
    ("yr", Unit::Year, false),
    ("years", Unit::Year, true),
    ("yrs", Unit::Year, true),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("week", Unit::Week, false),
    ("weeks", Unit::Week, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("hour", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("minute", Unit::Minute, false),
    ("minutes", Unit::Minute, true),
    ("second", Unit::Second, false),
    ("seconds", Unit::Second, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
    ("century", Unit::Century, false),
    ("centuries", Unit::Century, true),
    ("quarter", Unit::Quarter, false),
    ("quarters", Unit::Quarter, true),
    ("fortnight", Unit::Fortnight, false),
    ("fortnights", Unit::Fortnight, true),
    ("weekend", Unit::Weekend, false),
    ("weekends", Unit::Weekend, true),
];

/// Month names and abbreviations (abbreviation flag). The lexicon stores each name's index + 1.
pub(crate) const MONTHS: &[(&str, u32, bool)] = &MONTH_TABLE;

/// The names in [`MONTHS`], in the same order.
pub(crate) const MONTH_NAMES: [&str; MONTH_TABLE.len()] = names(&MONTH_TABLE);

const MONTH_TABLE: [(&str, u32, bool); 24] = [
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

/// Weekday names and abbreviations (abbreviation flag). The lexicon stores each name's index
/// + 1.
pub(crate) const WEEKDAYS: &[(&str, Weekday, bool)] = &WEEKDAY_TABLE;

/// The names in [`WEEKDAYS`], in the same order.
pub(crate) const WEEKDAY_NAMES: [&str; WEEKDAY_TABLE.len()] = names(&WEEKDAY_TABLE);

const WEEKDAY_TABLE: [(&str, Weekday, bool); 17] = [
    ("monday", Weekday::Mon, false),
    ("tuesday", Weekday::Tue, false),
    ("wednesday", Weekday::Wed, false),
    ("thursday", Weekday::Thu, false),
    ("friday", Weekday::Fri, false),
    ("saturday", Weekday::Sat, false),
    ("sunday", Weekday::Sun, false),
    ("mon", Weekday::Mon, true),
    ("tue", Weekday::Tue, true),
    ("tues", Weekday::Tue, true),
    ("wed", Weekday::Wed, true),
    ("thu", Weekday::Thu, true),
    ("thur", Weekday::Thu, true),
    ("thurs", Weekday::Thu, true),
    ("fri", Weekday::Fri, true),
    ("sat", Weekday::Sat, true),
    ("sun", Weekday::Sun, true),
];

/// The first column of a name table.
const fn names<T: Copy, const N: usize>(table: &[(&'static str, T, bool); N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].0;
        i += 1;
    }
    out
}

/// Ordinal words and the tens that start "twenty-first" ([`crate::number::parse_ordinal`]).
pub(crate) const ORDINAL_WORDS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

/// Words that can start a number in words (see `number::parse_words`): an article, every
/// [`CARDINAL_WORDS`] and [`MULTIPLIER_WORDS`] entry, and `half`.
pub(crate) const NUM_START_WORDS: &[&str] = &NUM_START_ARRAY;

/// The non-number words that start a number in words: "a hundred", "an eighth"... "half a
/// million".
const NUM_START_EXTRA: &[&str] = &["a", "an", "half"];

const NUM_START_ARRAY: [&str;
    NUM_START_EXTRA.len() + CARDINAL_WORDS.len() + MULTIPLIER_WORDS.len()] = num_starts();

/// [`NUM_START_EXTRA`] then the first column of [`CARDINAL_WORDS`] and [`MULTIPLIER_WORDS`].
const fn num_starts<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut k = 0;
    let mut i = 0;
    while i < NUM_START_EXTRA.len() {
        out[k] = NUM_START_EXTRA[i];
        k += 1;
        i += 1;
    }
    let tables = [CARDINAL_WORDS, MULTIPLIER_WORDS];
    let mut t = 0;
    while t < tables.len() {
        let mut i = 0;
        while i < tables[t].len() {
            out[k] = tables[t][i].0;
            k += 1;
            i += 1;
        }
        t += 1;
    }
    assert!(k == N, "NUM_START_ARRAY has the wrong length");
    out
}

/// Trigger words besides month and weekday names: any of them (at a word start) opens a
/// window. Numbers are triggers too.
pub(crate) const TRIGGERS: &[&str] = &[
    // months and weekdays: MONTH_NAMES and WEEKDAY_NAMES above, see `is_trigger`
    // units
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "quarter",
    "quarters",
    "half",
    "fortnight",
    "weekend",
    "weekends",
    "millennium",
    "yr",
    "yrs",
    // adjectival units and sets
    "annually",
    "annual",
    "yearly",
    "monthly",
    "weekly",
    "daily",
    "quarterly",
    "hourly",
    "biweekly",
    "semiannual",
    "semiannually", // deictic
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "recently",
    "recent",
    "current",
    // times of day: "five o'clock", "seven pm", "17h30" (digits trigger anyway)
    "clock",
    "pm",
    // holidays (most end in "Day" or a weekday, which are triggers already)
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "pentecost",
    "whitsunday",
    // years in words: "nineteen eighty-four", "two thousand and nine"
    "eighteen",
    "nineteen",
    "twenty",
    "thousand",
    "period",
    "formerly",
    "previously",
    "soon",
    "shortly",
    "lately",
    "nowadays",
    "present",
    "past",
    "future",
    "ago",
    "morning",
    "afternoon",
    "evening",
    "night",
    "noon",
    "midnight",
    "moment", // seasons, fiscal, quarters
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "fiscal",
    "fy",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "mid",
    "mid-",
    "midyear", // digits
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
];

/// The value of a single ordinal word (`first` is 1, `twelfth` is 12).
pub(crate) fn ordinal_value(word: &[u8]) -> Option<u32> {
    Some(match word {
        b"first" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        b"sixth" => 6,
        b"seventh" => 7,
        b"eighth" => 8,
        b"ninth" => 9,
        b"tenth" => 10,
        b"eleventh" => 11,
        b"twelfth" => 12,
        b"thirteenth" => 13,
        b"fourteenth" => 14,
        b"fifteenth" => 15,
        b"sixteenth" => 16,
        b"seventeenth" => 17,
        b"eighteenth" => 18,
        b"nineteenth" => 19,
        b"twentieth" => 20,
        b"thirtieth" => 30,
        b"fortieth" => 40,
        b"fiftieth" => 50,
        b"sixtieth" => 60,
        b"seventieth" => 70,
        b"eightieth" => 80,
        b"ninetieth" => 90,
        b"hundredth" => 100,
        b"thousandth" => 1000,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_weekdays_and_numbers_read_any_case() {
        assert_eq!(month_number("january"), Some(1));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("DEC."), Some(12));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("Mayday"), None);
        assert_eq!(month_number(""), None);
        assert_eq!(month_number("."), None);
        assert_eq!(month_number("décembre"), None);
        assert_eq!(weekday("SUNDAY"), Some(Weekday::Sun));
        assert_eq!(weekday("tues."), Some(Weekday::Tue));
        assert_eq!(weekday("tu"), None);
        assert_eq!(number_word("zero"), Some(0));
        assert_eq!(number_word("Fourty"), Some(40));
        assert_eq!(number_word("dozen"), Some(12));
        assert_eq!(number_word("once"), None);
        assert_eq!(ordinal_word("Thousandth"), Some(1000));
        assert_eq!(ordinal_word("one"), None);
    }

    #[test]
    fn every_listed_name_is_found() {
        for (name, m, _) in MONTHS {
            assert_eq!(month_number(name), Some(*m), "{name}");
        }
        for (name, d, _) in WEEKDAYS {
            assert_eq!(weekday(&name.to_uppercase()), Some(*d), "{name}");
        }
        for w in NUM_START_WORDS
            .iter()
            .filter(|w| !NUM_START_EXTRA.contains(w))
        {
            assert!(number_word(w).is_some(), "{w}");
        }
        for (w, v) in CARDINAL_WORDS.iter().chain(MULTIPLIER_WORDS) {
            assert_eq!(number_word(&w.to_uppercase()), Some(*v), "{w}");
        }
        let scale = |form: &str| {
            crate::number::parse_scale(form).map(|(s, n)| (s.factor, s.abbreviated, n))
        };
        for (w, factor) in SCALE_WORDS.iter().chain(SCALE_SPELLINGS) {
            for form in [w.to_string(), format!("{w}s"), w.to_uppercase()] {
                assert_eq!(scale(&form), Some((*factor, false, form.len())), "{form}");
            }
        }
        for (w, factor) in SCALE_ABBREVIATIONS {
            assert_eq!(scale(w), Some((*factor, true, w.len())), "{w}");
            // abbreviations take no plural: "5ms" is milliseconds, not millions
            assert_eq!(scale(&format!("{w}s")), None, "{w}s");
        }
        for w in ORDINAL_WORDS {
            assert!(ordinal_word(w).is_some() || number_word(w).is_some(), "{w}");
        }
    }
}
