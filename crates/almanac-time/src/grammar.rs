//! The grammar: small rules over the tokens of one window.
//!
//! Each rule looks at the tokens from index `i` and, if it matches, returns a [`Hit`]: the
//! token range it covers and its sense ([`Sense`]). [`match_at`] tries every rule and keeps the
//! longest match (the first rule wins ties). Rules never include a leading preposition ("in",
//! "on", "since", "by", "over", "within") in their span, following TimeML.

use chrono::Weekday;

use crate::lex::Lower;
use crate::resolve::{DayPart, Part, Sense, Tense, ValueText, Which, YearSpec, fmt_year};
use crate::scan::{Kind, Tok};
use crate::words::{MONTH_NAMES, MONTHS, ORDINAL_WORDS, UNITS, Unit, WEEKDAY_NAMES, WEEKDAYS};
use crate::{Anchor, Granularity, Modifier, TimexType};

/// One match of the grammar, in token indices of its window.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it means.
    pub sem: Sense,
    /// A TIMEX3 mod written inside the span ("mid-2019", "about two years").
    pub modifier: Option<Modifier>,
    /// A tense forced by the expression itself ("last July", "next July").
    pub tense: Option<Tense>,
    /// A bare clock time ("6:05") that only counts when it joins a date.
    pub weak: bool,
    /// "a year earlier", "two years later": counted from an earlier date of the same sentence
    /// when there is one ("in March from a year earlier"), else from the reference.
    pub chained: bool,
}

fn hit(start: usize, end: usize, sem: Sense) -> Hit {
    Hit {
        start,
        end,
        sem,
        modifier: None,
        tense: None,
        weak: false,
        chained: false,
    }
}

fn fixed(kind: TimexType, value: String, gran: Granularity, anchor: Anchor) -> Sense {
    Sense::Fixed {
        kind,
        value,
        gran,
        anchor,
    }
}

/// The tokens of one window, with the text they point into.
pub(crate) struct Window<'t, 'a> {
    pub text: &'a str,
    pub toks: &'t [Tok<'a>],
    /// [`Window::num`] at each token, once computed (several rules read the same number).
    pub nums: &'t [NumMemo],
}

/// A memo of [`Window::num`] at one token: `None` until computed.
pub(crate) type NumMemo = std::cell::Cell<Option<Option<(f64, usize)>>>;

/// Clears `nums` for a window of `len` tokens (see [`Window::nums`]).
pub(crate) fn reset_nums(nums: &mut Vec<NumMemo>, len: usize) {
    nums.clear();
    nums.resize(len, std::cell::Cell::new(None));
}

/// Words before which a bare month or a four-digit number is a date.
const DATE_PREP: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "through",
    "between",
    "during",
    "of",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "throughout",
    "to",
    "for",
    "around",
    "circa",
    "and",
    "or",
    "end",
    "beginning",
    "start",
    "middle",
    "year",
    "fiscal",
    "following",
    "previous",
    "past",
    "on",
    "as",
];

/// Words after "the YEAR" that make it a year ("the 2022 election").
const YEAR_NOUN_OK: &[&str] = &[
    "elections",
    "games",
    "olympics",
    "midterms",
    "figures",
    "results",
    "accounts",
    "levels",
    "sales",
    "earnings",
    "rules",
    "talks",
    "protests",
    "riots",
    "floods",
    "fires",
    "attacks",
];

/// Words after a year that confirm it ("2024 was the hottest year").
const YEAR_NEXT: &[&str] = &[
    "was",
    "is",
    "will",
    "were",
    "has",
    "had",
    "saw",
    "marked",
    "and",
    "or",
    "to",
    "as",
    "when",
    "through",
    "compared",
    "levels",
    "level",
    "election",
    "elections",
    "budget",
    "season",
    "census",
    "world",
    "olympics",
    "games",
    "cup",
    "edition",
    "report",
    "survey",
    "plan",
    "target",
    "deadline",
    "peak",
    "high",
    "low",
    "record",
    "first",
    "second",
    "third",
    "fourth",
    "until",
    "onward",
    "onwards",
    "alone",
    "ended",
    "versus",
    "vs",
];

/// Words before a four-digit number that make it an amount, not a year.
const AMOUNT_BEFORE: &[&str] = &[
    "than",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "approximately",
    "about",
    "around",
    "roughly",
    "least",
    "most",
    "only",
    "just",
    "total",
    "no",
    "number",
    "flight",
    "route",
    "room",
    "page",
    "model",
    "code",
    "to",
];

impl<'a> Window<'_, 'a> {
    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text)
    }

    /// Token `i` is the word `w` (ASCII case-insensitive).
    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|t| t.eq_ignore_ascii_case(w))
    }

    pub(crate) fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|t| ws.iter().any(|w| t.eq_ignore_ascii_case(w)))
    }

    /// Token `i` is the punctuation `p`.
    fn p(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.text == p)
    }

    fn is_apos(&self, i: usize) -> bool {
        self.p(i, "'") || self.p(i, "\u{2019}") || self.p(i, "\u{2018}")
    }

    fn is_dash(&self, i: usize) -> bool {
        self.p(i, "-") || self.p(i, "\u{2013}") || self.p(i, "\u{2014}")
    }

    /// Token `i` directly follows the previous one (no space).
    fn adj(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    fn cap(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
    }

    /// A run of digits: its value and digit count.
    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Num)?;
        if t.text.len() > 9 {
            return None;
        }
        Some((t.text.parse().ok()?, t.text.len()))
    }

    /// A number in digits or words ("19", "1,000", "nineteen", "twenty-one", "a", "an").
    fn num(&self, i: usize) -> Option<(f64, usize)> {
        let Some(memo) = self.nums.get(i) else {
            return self.num_at(i);
        };
        if let Some(n) = memo.get() {
            return n;
        }
        let n = self.num_at(i);
        memo.set(Some(n));
        n
    }

    /// [`Window::num`], computed.
    fn num_at(&self, i: usize) -> Option<(f64, usize)> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Punct {
            return None;
        }
        // only digits and a few words start a number
        if t.kind == Kind::Word && t.lex & crate::lex::NUM_START == 0 {
            return None;
        }
        if let Some((v, n)) = crate::number::parse_number(&self.text[t.start..]) {
            let end = t.start + n;
            let mut j = i;
            while j < self.toks.len() && self.toks[j].end < end {
                j += 1;
            }
            if j < self.toks.len() && self.toks[j].end == end {
                // a digit run glued to letters ("5bn") is no number here
                if t.kind == Kind::Num && self.adj(j + 1) && self.word(j + 1).is_some() {
                    return None;
                }
                return Some((v, j + 1));
            }
            return None;
        }
        if self.is_any(i, &["a", "an"]) {
            return Some((1.0, i + 1));
        }
        None
    }

    /// A month name at `i`: (month, next index, abbreviated).
    fn month(&self, i: usize) -> Option<(u32, usize, bool)> {
        let w = self.word(i)?;
        if w.len() > 9 {
            return None;
        }
        let code = crate::lex::code(self.toks[i].lex, crate::lex::MONTH_SHIFT);
        let (_, m, abbr) = MONTHS.get(code.checked_sub(1)?)?;
        // people write "july" in lower case; not "may", "march", "august" (words too), and
        // no abbreviation ("jan", "sep")
        if !w.as_bytes()[0].is_ascii_uppercase()
            && (*abbr || matches!(m, 3 | 5 | 8) || !w.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return None;
        }
        // all-caps "MAY" is fine; "MAy" is not a month
        if w.len() > 1
            && !w[1..].bytes().all(|b| b.is_ascii_lowercase())
            && !w.bytes().all(|b| b.is_ascii_uppercase())
        {
            return None;
        }
        let mut j = i + 1;
        if *abbr && self.p(j, ".") && self.adj(j) {
            j += 1;
        }
        Some((*m, j, *abbr))
    }

    /// A weekday name at `i`: (weekday, next index, abbreviated).
    fn weekday(&self, i: usize) -> Option<(Weekday, usize, bool)> {
        let w = self.word(i)?;
        if w.len() > 9 {
            return None;
        }
        let code = crate::lex::code(self.toks[i].lex, crate::lex::WEEKDAY_SHIFT);
        let (_, d, abbr) = WEEKDAYS.get(code.checked_sub(1)?)?;
        // "see you on monday": full names in lower case too, never "sun", "sat", "wed"
        if !w.as_bytes()[0].is_ascii_uppercase()
            && (*abbr || !w.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return None;
        }
        let mut j = i + 1;
        if *abbr && self.p(j, ".") && self.adj(j) {
            j += 1;
        }
        Some((*d, j, *abbr))
    }

    /// A four-digit year 1000..=2999 at `i`, not glued to other digits or letters.
    fn year4(&self, i: usize) -> Option<(i32, usize)> {
        let (v, n) = self.digits(i)?;
        if n != 4 || !(1000..=2999).contains(&v) {
            return None;
        }
        // glued to "$", "/", digits or a decimal part: not a year
        if self.adj(i) && i > 0 {
            let prev = self.toks[i - 1].text;
            if matches!(
                prev,
                "$" | "/" | "\\" | "#" | "+" | "." | "," | "\u{20ac}" | "\u{a3}"
            ) || self.toks[i - 1].kind != Kind::Punct
            {
                return None;
            }
        }
        if self.adj(i + 1) {
            let next = self.toks[i + 1];
            if next.kind != Kind::Punct && !(next.kind == Kind::Word && next.text == "s") {
                return None;
            }
            if matches!(next.text, "/" | "\\" | "%") {
                return None;
            }
            if (next.text == "." || next.text == ",")
                && self.adj(i + 2)
                && self.digits(i + 2).is_some()
            {
                return None;
            }
        }
        Some((v as i32, i + 1))
    }

    /// A day of the month 1..=31, with an optional ordinal suffix.
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let (v, n) = self.digits(i)?;
        if n > 2 || !(1..=31).contains(&v) {
            return None;
        }
        let mut j = i + 1;
        if self.adj(j) {
            if self.is_any(j, &["st", "nd", "rd", "th"]) {
                j += 1;
            } else if self.word(j).is_some() || self.digits(j).is_some() {
                return None;
            }
        }
        // "5:30", "5.5", "5%" are not days
        if self.adj(j)
            && (self.p(j, ":")
                || self.p(j, "%")
                || (self.p(j, ".") && self.digits(j + 1).is_some()))
        {
            return None;
        }
        if self.p(j, ",") && self.adj(j) && self.adj(j + 1) && self.digits(j + 1).is_some() {
            return None; // "5,000"
        }
        Some((v, j))
    }

    /// A calendar unit word: (unit, plural, next).
    fn unit(&self, i: usize) -> Option<(Unit, bool, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Word)?;
        let code = crate::lex::code(t.lex, crate::lex::UNIT_SHIFT);
        let (_, u, pl) = UNITS.get(code.checked_sub(1)?)?;
        Some((*u, *pl, i + 1))
    }

    /// A unit word in the singular (`plural == false`) or the plural.
    fn unit_n(&self, i: usize, plural: bool) -> Option<(Unit, usize)> {
        self.unit(i)
            .filter(|&(_, pl, _)| pl == plural)
            .map(|(u, _, end)| (u, end))
    }

    /// "morning", "afternoon", "evening", "night".
    fn pod(&self, i: usize) -> Option<(DayPart, usize)> {
        let w = self.word(i)?;
        let p = match Lower::new(w).as_str() {
            "morning" => DayPart::Morning,
            "afternoon" => DayPart::Afternoon,
            "evening" => DayPart::Evening,
            "night" | "overnight" => DayPart::Night,
            _ => return None,
        };
        Some((p, i + 1))
    }

    /// An ordinal word or number at `i`: (rank, next).
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        // cheap tests first: "21st" is a number glued to a two-letter suffix, "first" and
        // "twenty" (-first) are listed words
        let possible = match t.kind {
            Kind::Punct => false,
            Kind::Num => self
                .toks
                .get(i + 1)
                .is_some_and(|s| s.kind == Kind::Word && !s.space && s.text.len() == 2),
            Kind::Word => t.lex & crate::lex::ORDINAL != 0,
        };
        if !possible {
            return None;
        }
        let (v, n) = crate::number::parse_ordinal(&self.text[t.start..])?;
        let end = t.start + n;
        let mut j = i;
        while j < self.toks.len() && self.toks[j].end < end {
            j += 1;
        }
        (j < self.toks.len() && self.toks[j].end == end).then_some((v, j + 1))
    }

    /// The lowercased word before `i`, if any.
    fn prev_is_any(&self, i: usize, ws: &[&str]) -> bool {
        i > 0 && self.is_any(i - 1, ws)
    }

    /// A sentence-start position: nothing before, or a stop / quote / newline.
    fn at_sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let prev = self.toks[i - 1];
        if prev.kind == Kind::Punct
            && matches!(
                prev.text,
                "." | "!" | "?" | "\"" | "\u{201c}" | ":" | "(" | "\u{2022}" | "*" | "-"
            )
        {
            return true;
        }
        self.text[prev.end..self.toks[i].start].contains('\n')
    }
}

// ---------------------------------------------------------------------------------------------
// Year tails and small pieces

/// After a month or day: ", 2020", " 2020", "of 2020", "of last year", "last year".
fn year_tail(g: &Window, j: usize) -> Option<(YearSpec, usize)> {
    let mut k = j;
    if g.p(k, ",") || g.is(k, "of") {
        k += 1;
    }
    if let Some((y, n)) = g.year4(k) {
        // "2020 5" or "2020-21" odd tails are fine; "2020s" is a decade, not this
        if g.adj(n) && g.is(n, "s") {
            return None;
        }
        return Some((YearSpec::Abs(y), n));
    }
    if g.is(k, "this") && g.is(k + 1, "year") {
        return Some((YearSpec::Rel(0), k + 2));
    }
    if g.is(k, "last") && g.is(k + 1, "year") {
        return Some((YearSpec::Rel(-1), k + 2));
    }
    if g.is(k, "next") && g.is(k + 1, "year") {
        return Some((YearSpec::Rel(1), k + 2));
    }
    // "3 May of 92"
    if g.is(j, "of") {
        if let Some((v, 2)) = g.digits(k) {
            if g.tok(k + 1)
                .is_none_or(|t| t.kind == Kind::Punct && t.text != "%")
            {
                return Some((YearSpec::Abs(two_digit_year(v)), k + 1));
            }
        }
    }
    // "'19"
    if g.is_apos(k) && g.adj(k + 1) {
        if let Some((v, 2)) = g.digits(k + 1) {
            return Some((YearSpec::Abs(two_digit_year(v)), k + 2));
        }
    }
    None
}

fn two_digit_year(v: u32) -> i32 {
    if v < 50 {
        2000 + v as i32
    } else {
        1900 + v as i32
    }
}

/// The span after an optional "the": returns the index after it.
fn opt_the(g: &Window, i: usize) -> usize {
    if g.is(i, "the") { i + 1 } else { i }
}

// ---------------------------------------------------------------------------------------------
// Ranges: two ends joined into one expression after the rules have matched

/// Which ends can make a range together: both days, both months, both years, both clock
/// times or both quarters.
fn range_kind(sem: &Sense) -> Option<u8> {
    match sem {
        Sense::Ymd { .. } | Sense::YmdWeekday { .. } | Sense::Weekday { .. } => Some(1),
        Sense::Ym { .. } => Some(2),
        Sense::Fixed {
            kind: TimexType::Date,
            gran: Granularity::Year,
            value,
            ..
        } if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) => Some(3),
        Sense::Clock { .. } => Some(4),
        Sense::Quarter { .. } => Some(5),
        _ => None,
    }
}

/// The year written on one end, if any.
fn written_year(sem: &Sense) -> Option<YearSpec> {
    match sem {
        Sense::Ymd { y, .. } | Sense::Ym { y, .. } | Sense::Quarter { y, .. } => {
            (*y != YearSpec::Infer).then_some(*y)
        }
        _ => None,
    }
}

/// Gives `sem` the year `y` if it has none ("June 9 to June 12, 2016": both in 2016).
fn with_year(sem: Sense, year: Option<YearSpec>) -> Sense {
    let Some(yy) = year else { return sem };
    match sem {
        Sense::Ymd {
            y: YearSpec::Infer,
            m,
            d,
        } => Sense::Ymd { y: yy, m, d },
        Sense::Ym {
            y: YearSpec::Infer,
            m,
        } => Sense::Ym { y: yy, m },
        Sense::Quarter {
            y: YearSpec::Infer,
            q,
        } => Sense::Quarter { y: yy, q },
        other => other,
    }
}

/// A range of two ends, each taking the year the other one writes.
fn range_sem(a: Sense, b: Sense) -> Sense {
    let (ya, yb) = (written_year(&a), written_year(&b));
    Sense::Range {
        a: Box::new(with_year(a, yb)),
        b: Box::new(with_year(b, ya)),
    }
}

/// The word between the ends: "to", "through", "until", a dash; "and" after "between".
fn range_link(g: &Window, k: usize, between: bool, from: bool) -> bool {
    if between {
        return g.is(k, "and");
    }
    g.is_any(k, &["to", "through", "thru"])
        || g.is_dash(k)
        || from && g.is_any(k, &["until", "till"])
}

/// A day number ending at token `k` ("9", "9th", "the 9th"): (day, first token).
fn day_ending_at(g: &Window, k: usize) -> Option<(u32, usize)> {
    let start = if g.is_any(k, &["st", "nd", "rd", "th"]) && g.adj(k) && k > 0 {
        k - 1
    } else {
        k
    };
    let (d, n) = g.digits(start)?;
    if n > 2 || !(1..=31).contains(&d) || start > 0 && g.adj(start) && !g.p(start - 1, "(") {
        return None;
    }
    Some(if start > 0 && g.is(start - 1, "the") {
        (d, start - 1)
    } else {
        (d, start)
    })
}

/// "1914-1918", "1939–45", "2015-16", "2015/16": two years joined by a dash or a slash.
fn year_pair(g: &Window, i: usize) -> Option<Hit> {
    let (y1, _) = g.year4(i).or_else(|| {
        let (v, n) = g.digits(i)?;
        (n == 4 && (1000..=2999).contains(&v)).then_some((v as i32, i + 1))
    })?;
    if i > 0 && g.adj(i) && !g.p(i - 1, "(") {
        return None;
    }
    if !(g.is_dash(i + 1) || g.p(i + 1, "/")) || !g.adj(i + 1) || !g.adj(i + 2) {
        return None;
    }
    let (v, n) = g.digits(i + 2)?;
    let y2 = match n {
        4 => v as i32,
        2 => y1 - y1 % 100 + v as i32,
        _ => return None,
    };
    if y2 <= y1 || y2 - y1 > 50 || g.adj(i + 3) && !g.p(i + 3, ",") && !g.p(i + 3, ".") {
        return None;
    }
    // "2019-20 percent": an amount
    if g.p(i + 3, "%") || g.is_any(i + 3, &["percent", "million", "billion"]) {
        return None;
    }
    let year = |y: i32| {
        fixed(
            TimexType::Date,
            fmt_year(y),
            Granularity::Year,
            Anchor::Absolute,
        )
    };
    Some(hit(i, i + 3, range_sem(year(y1), year(y2))))
}

/// Joins the ends of ranges among `hits` (sorted, disjoint): "June 9-12", "9-12 June",
/// "from June 9 to June 12", "between the 9th and the 17th of May", "Monday through Friday",
/// "from 3pm to 5:30pm", "from 8 to 11 pm", "Friday from 10 to 10:45", "1914-1918".
/// "from" and "between" join the span (as chat-style taggers write a range).
pub(crate) fn ranges(g: &Window, hits: &mut Vec<Hit>) {
    // cheap test first: most windows have no hit next to a range word
    let link = |k: usize| {
        g.toks.get(k).is_some_and(|t| match t.kind {
            Kind::Punct => matches!(t.text, "-" | "\u{2013}" | "\u{2014}" | "/"),
            Kind::Word => {
                matches!(t.text.as_bytes()[0] | 0x20, b't' | b'u' | b'a')
                    && g.is_any(k, &["to", "through", "thru", "until", "till", "and"])
            }
            Kind::Num => false,
        })
    };
    let near_link = hits
        .iter()
        .any(|h| link(h.end) || h.start >= 2 && link(h.start - 1));
    let pair_tokens = || {
        g.toks.windows(3).any(|w| {
            w[0].kind == Kind::Num
                && !w[1].space
                && matches!(w[1].text, "-" | "\u{2013}" | "\u{2014}" | "/")
                && w[2].kind == Kind::Num
                && !w[2].space
        })
    };
    if !near_link && !pair_tokens() {
        return;
    }
    // year pairs are not single hits: find them in the tokens
    let mut extra = Vec::new();
    for i in 0..g.toks.len() {
        // cheap test first: digits, a dash or slash, digits, all glued
        let pair_like = g.toks[i].kind == Kind::Num
            && (g.is_dash(i + 1) || g.p(i + 1, "/"))
            && g.adj(i + 1)
            && g.adj(i + 2)
            && g.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Num);
        if !pair_like {
            continue;
        }
        let covered = hits
            .iter()
            .any(|h| h.start <= i && i < h.end && h.end - h.start > 1);
        if covered {
            continue;
        }
        if let Some(h) = year_pair(g, i) {
            extra.push(h);
        }
    }
    if !extra.is_empty() {
        hits.retain(|h| !extra.iter().any(|e| h.start < e.end && e.start < h.end));
        hits.extend(extra);
        hits.sort_by_key(|h| h.start);
    }
    if hits.is_empty() {
        return;
    }
    let src = std::mem::take(hits);
    let mut out: Vec<Hit> = Vec::with_capacity(src.len());
    let mut it = src.into_iter().peekable();
    while let Some(mut h) = it.next() {
        let free = |k: usize| out.last().is_none_or(|p: &Hit| p.end <= k);
        let lead = |k: usize| k > 0 && g.is_any(k - 1, &["from", "between"]) && free(k - 1);
        // HIT LINK HIT
        if let Some(next) = it.peek() {
            let from = lead(h.start);
            let between = from && g.is(h.start - 1, "between");
            let kind = range_kind(&h.sem);
            // years and months joined by words stay two expressions, as TimeBank writes
            // "from 2019 to 2023"; days, clock times and quarters, or any two ends joined by
            // a dash, make one
            let words_ok = matches!(kind, Some(1 | 4 | 5)) || g.is_dash(h.end);
            if next.start == h.end + 1
                && kind.is_some()
                && kind == range_kind(&next.sem)
                && words_ok
                && range_link(g, h.end, between, from)
                && !matches!(h.sem, Sense::Clock { day: Some(_), .. })
            {
                let next = it.next().expect("peeked");
                let start = if from { h.start - 1 } else { h.start };
                let tense = h.tense.or(next.tense);
                h = hit(start, next.end, range_sem(h.sem, next.sem));
                h.tense = tense;
                let joined = join_day(g, &mut out, h);
                out.push(joined);
                continue;
            }
        }
        // DAY-MONTH-DAY tail: "June 9-12", "June 9 to 12, 2016"
        if let Sense::Ymd { y, m, d } = h.sem {
            let from = lead(h.start);
            let between = from && g.is(h.start - 1, "between");
            if g.month(h.start).is_some() && range_link(g, h.end, between, from) {
                if let Some((d2, e)) = g.day(h.end + 1).filter(|&(d2, _)| d2 > d) {
                    let next_free = it.peek().is_none_or(|n| n.start >= e);
                    if next_free && g.month(e).is_none() {
                        let (y, end) = match year_tail(g, e) {
                            Some((yy, end)) if y == YearSpec::Infer => (yy, end),
                            _ => (y, e),
                        };
                        let next_free = it.peek().is_none_or(|n| n.start >= end);
                        if next_free {
                            let start = if from { h.start - 1 } else { h.start };
                            let tense = h.tense;
                            h = hit(
                                start,
                                end,
                                range_sem(Sense::Ymd { y, m, d }, Sense::Ymd { y, m, d: d2 }),
                            );
                            h.tense = tense;
                            out.push(h);
                            continue;
                        }
                    }
                }
            }
        }
        // DAY LINK DAY-MONTH head: "9-12 June", "between the 9th and the 17th of May"
        if let Sense::Ymd { y, m, d } = h.sem {
            if h.start >= 2 && g.weekday(h.start).is_none() {
                if let Some((d1, s)) = day_ending_at(g, h.start - 2).filter(|&(d1, _)| d1 < d) {
                    let from = lead(s);
                    let between = from && g.is(s - 1, "between");
                    if free(s) && range_link(g, h.start - 1, between, from) {
                        let start = if from { s - 1 } else { s };
                        let (end, tense) = (h.end, h.tense);
                        h = hit(
                            start,
                            end,
                            range_sem(Sense::Ymd { y, m, d: d1 }, Sense::Ymd { y, m, d }),
                        );
                        h.tense = tense;
                        out.push(h);
                        continue;
                    }
                }
            }
        }
        // from HOUR LINK CLOCK: "from 8 to 11 pm", "from 10 to 10:45"
        if let Sense::Clock {
            day: None, h: h2, ..
        } = h.sem
        {
            if h.start >= 3 && range_link(g, h.start - 1, g.is(h.start - 3, "between"), true) {
                let s = h.start - 2;
                if let Some((n, 1 | 2)) = g.digits(s).filter(|&(n, _)| (1..=12).contains(&n)) {
                    if lead(s) && !g.adj(s) {
                        let h1 = if h2 > 12 && n + 12 <= h2 { n + 12 } else { n };
                        let a = Sense::Clock {
                            day: None,
                            h: h1,
                            m: 0,
                            s: None,
                        };
                        let end = h.end;
                        h = hit(s - 1, end, range_sem(a, h.sem));
                        let joined = join_day(g, &mut out, h);
                        out.push(joined);
                        continue;
                    }
                }
            }
        }
        out.push(h);
    }
    *hits = out;
}

/// A range of clock times right after a day takes that day: "Friday from 10 to 10:45",
/// "tomorrow from 2pm to 4pm". Pops the day from `out` when it joins.
fn join_day(g: &Window, out: &mut Vec<Hit>, h: Hit) -> Hit {
    let Sense::Range { a, b } = &h.sem else {
        return h;
    };
    let (Sense::Clock { day: None, .. }, Sense::Clock { day: None, .. }) = (a.as_ref(), b.as_ref())
    else {
        return h;
    };
    let Some(prev) = out.last() else { return h };
    let gap_ok = prev.end == h.start || prev.end + 1 == h.start && g.is_any(prev.end, &["on", ","]);
    let day = match &prev.sem {
        d if is_day_sem(d) => d.clone(),
        Sense::PartOfDay { day, .. } => day.as_ref().clone(),
        _ => return h,
    };
    if !gap_ok {
        return h;
    }
    let on_day = |c: &Sense| match c {
        Sense::Clock { h, m, s, .. } => Sense::Clock {
            day: Some(Box::new(day.clone())),
            h: *h,
            m: *m,
            s: *s,
        },
        other => other.clone(),
    };
    let sem = Sense::Range {
        a: Box::new(on_day(a)),
        b: Box::new(on_day(b)),
    };
    let prev = out.pop().expect("checked");
    let mut joined = hit(prev.start, h.end, sem);
    joined.tense = prev.tense;
    joined
}

/// Whether a sense is a single day.
fn is_day_sem(sem: &Sense) -> bool {
    matches!(
        sem,
        Sense::Ymd { .. }
            | Sense::YmdWeekday { .. }
            | Sense::Weekday { .. }
            | Sense::Rel {
                unit: Unit::Day,
                ..
            }
    )
}

// ---------------------------------------------------------------------------------------------
// Rules

/// One rule of the grammar: what it is called, which tokens it can start at, and what it
/// makes of the tokens from there.
pub(crate) struct Rule {
    /// The rule's name, as in its production's function name (for tests and debugging).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) name: &'static str,
    /// The tokens it can start at.
    pub(crate) triggers: Triggers,
    /// The match at token `i`, if any.
    pub(crate) production: fn(&Window, usize) -> Option<Hit>,
}

/// The tokens a rule can start at. The dispatch tables (which rules to try at a word, which
/// words can start any rule) are derived from these in [`rule_starts`].
pub(crate) struct Triggers {
    /// Lowercase word lists: the rule is tried at a word of any of them.
    pub(crate) words: &'static [&'static [&'static str]],
    /// The rule is tried at a number.
    pub(crate) number: bool,
    /// The rule is tried at an apostrophe ("'90s").
    pub(crate) apostrophe: bool,
}

/// Every rule, in priority order for equal-length matches: to add a rule, write its
/// production and add one entry here.
pub(crate) const RULES: [Rule; 28] = [
    Rule {
        name: "iso",
        triggers: Triggers {
            words: &[],
            number: true,
            apostrophe: false,
        },
        production: iso,
    },
    Rule {
        name: "slash_date",
        triggers: Triggers {
            words: &[],
            number: true,
            apostrophe: false,
        },
        production: slash_date,
    },
    Rule {
        name: "day_month",
        triggers: Triggers {
            words: &[&WEEKDAY_NAMES, &["the"]],
            number: true,
            apostrophe: false,
        },
        production: day_month,
    },
    Rule {
        name: "month_day",
        triggers: Triggers {
            words: &[&WEEKDAY_NAMES, &MONTH_NAMES],
            number: false,
            apostrophe: false,
        },
        production: month_day,
    },
    Rule {
        name: "month_year",
        triggers: Triggers {
            words: &[&MONTH_NAMES],
            number: false,
            apostrophe: false,
        },
        production: month_year,
    },
    Rule {
        name: "modified",
        triggers: Triggers {
            words: &[&["the", "early", "late", "mid"]],
            number: false,
            apostrophe: false,
        },
        production: modified,
    },
    Rule {
        name: "decade",
        triggers: Triggers {
            words: &[&["the", "early", "late", "mid"]],
            number: true,
            apostrophe: true,
        },
        production: decade,
    },
    Rule {
        name: "century",
        triggers: Triggers {
            words: &[ORDINAL_WORDS, &["the", "early", "late", "mid"]],
            number: true,
            apostrophe: false,
        },
        production: century,
    },
    Rule {
        name: "quarter_half",
        triggers: Triggers {
            words: &[
                ORDINAL_WORDS,
                &["the", "q", "h", "final", "fourth", "latter"],
            ],
            number: true,
            apostrophe: false,
        },
        production: quarter_half,
    },
    Rule {
        name: "fiscal",
        triggers: Triggers {
            words: &[&["the", "fiscal", "fy"]],
            number: false,
            apostrophe: false,
        },
        production: fiscal,
    },
    Rule {
        name: "season",
        triggers: Triggers {
            words: &[&[
                "the", "this", "last", "next", "spring", "summer", "autumn", "fall", "winter",
            ]],
            number: false,
            apostrophe: false,
        },
        production: season,
    },
    Rule {
        name: "set",
        triggers: Triggers {
            words: &[
                crate::words::NUM_START_WORDS,
                &[
                    "annually",
                    "yearly",
                    "annual",
                    "monthly",
                    "weekly",
                    "daily",
                    "quarterly",
                    "hourly",
                    "biweekly",
                    "fortnightly",
                    "semiannual",
                    "semiannually",
                    "biannual",
                    "biannually",
                    "every",
                    "each",
                    "once",
                    "twice",
                    "thrice",
                    "per",
                    "a",
                    "an",
                ],
            ],
            number: true,
            apostrophe: false,
        },
        production: set,
    },
    Rule {
        name: "ago",
        triggers: Triggers {
            words: &[crate::words::NUM_START_WORDS, APPROX_WORDS, &["the"]],
            number: true,
            apostrophe: false,
        },
        production: ago,
    },
    Rule {
        name: "relative",
        triggers: Triggers {
            words: &[&[
                "the", "this", "last", "next", "past", "coming", "earlier", "later", "current",
                "previous", "prior", "present",
            ]],
            number: false,
            apostrophe: false,
        },
        production: relative,
    },
    Rule {
        name: "deictic",
        triggers: Triggers {
            words: &[&[
                "the",
                "this",
                "last",
                "today",
                "yesterday",
                "tomorrow",
                "tonight",
            ]],
            number: false,
            apostrophe: false,
        },
        production: deictic,
    },
    Rule {
        name: "duration",
        triggers: Triggers {
            words: &[
                crate::words::NUM_START_WORDS,
                APPROX_WORDS,
                &[
                    "the",
                    "last",
                    "next",
                    "past",
                    "half",
                    "recent",
                    "a",
                    "several",
                    "many",
                    "few",
                    "some",
                    "numerous",
                    "countless",
                    "years",
                    "yrs",
                    "months",
                    "weeks",
                    "days",
                    "hours",
                    "minutes",
                    "seconds",
                    "decades",
                    "centuries",
                    "quarters",
                    "fortnights",
                    "weekends",
                    "another",
                    "additional",
                    "further",
                ],
            ],
            number: true,
            apostrophe: false,
        },
        production: duration,
    },
    Rule {
        name: "weekday",
        triggers: Triggers {
            words: &[&WEEKDAY_NAMES, &["this", "last", "next", "past", "coming"]],
            number: false,
            apostrophe: false,
        },
        production: weekday,
    },
    Rule {
        name: "month_alone",
        triggers: Triggers {
            words: &[&MONTH_NAMES],
            number: false,
            apostrophe: false,
        },
        production: month_alone,
    },
    Rule {
        name: "year",
        triggers: Triggers {
            words: &[&["the"]],
            number: true,
            apostrophe: false,
        },
        production: year,
    },
    Rule {
        name: "clock",
        triggers: Triggers {
            words: &[&["noon", "midday", "midnight"]],
            number: true,
            apostrophe: false,
        },
        production: clock,
    },
    Rule {
        name: "vague",
        triggers: Triggers {
            words: &[&[
                "the",
                "present",
                "now",
                "currently",
                "nowadays",
                "recently",
                "lately",
                "these",
                "formerly",
                "previously",
                "right",
                "long",
                "soon",
                "shortly",
                "current",
                "recent",
            ]],
            number: false,
            apostrophe: false,
        },
        production: vague,
    },
    Rule {
        name: "report",
        triggers: Triggers {
            words: &[&["the"]],
            number: false,
            apostrophe: false,
        },
        production: report,
    },
    Rule {
        name: "year_words",
        triggers: Triggers {
            words: &[crate::words::NUM_START_WORDS, &["the"]],
            number: false,
            apostrophe: false,
        },
        production: year_words,
    },
    Rule {
        name: "holiday",
        triggers: Triggers {
            words: &[
                crate::words::NUM_START_WORDS,
                crate::holiday::FIRST_WORDS,
                &["the"],
            ],
            number: true,
            apostrophe: false,
        },
        production: holiday,
    },
    Rule {
        name: "clock_words",
        triggers: Triggers {
            words: &[crate::words::NUM_START_WORDS, &["half", "quarter"]],
            number: true,
            apostrophe: false,
        },
        production: clock_words,
    },
    Rule {
        name: "pod_alone",
        triggers: Triggers {
            words: &[&["early", "late", "the"]],
            number: false,
            apostrophe: false,
        },
        production: pod_alone,
    },
    Rule {
        name: "within",
        triggers: Triggers {
            words: &[&["the"]],
            number: false,
            apostrophe: false,
        },
        production: within,
    },
    Rule {
        name: "month_slash_year",
        triggers: Triggers {
            words: &[],
            number: true,
            apostrophe: false,
        },
        production: month_slash_year,
    },
];

const _: () = assert!(RULES.len() <= 32, "a rule set is a u32 bit set");

/// The rules tried at a number (bit `r` for `RULES[r]`).
const NUMBER_RULES: u32 = rules_where(false);

/// The rules tried at an apostrophe.
const APOSTROPHE_RULES: u32 = rules_where(true);

/// The bit set of the rules triggered by a number (`apostrophe == false`) or by an apostrophe.
const fn rules_where(apostrophe: bool) -> u32 {
    let mut mask = 0;
    let mut r = 0;
    while r < RULES.len() {
        let t = &RULES[r].triggers;
        if (apostrophe && t.apostrophe) || (!apostrophe && t.number) {
            mask |= 1 << r;
        }
        r += 1;
    }
    mask
}

/// For each trigger word list of each rule, the bit of that rule: the lexicon ORs them into
/// each word's value (shifted by 32), which is how [`rules_for`] finds the rules to try at a
/// word without a table kept by hand.
pub(crate) fn rule_starts() -> impl Iterator<Item = (&'static [&'static str], u32)> {
    RULES.iter().enumerate().flat_map(|(r, rule)| {
        rule.triggers
            .words
            .iter()
            .map(move |words| (*words, 1u32 << r))
    })
}

/// Words after which "more than", "about" ... read a count ([`approx_prefix`]).
pub(crate) const APPROX_WORDS: &[&str] = &[
    "up",
    "at",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "approx",
    "close",
    "more",
    "longer",
    "less",
    "fewer",
    "shorter",
    "under",
];

/// Words after "the" or "a" that can continue a temporal expression without starting one.
pub(crate) const AFTER_ARTICLE: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "latest",
    "reported",
    "period",
    "whole",
    "entire",
    "full",
    "additional",
    "further",
    "end",
    "beginning",
    "start",
    "middle",
    "close",
    "preceding",
    "following",
    "future",
    "near",
    "foreseeable",
    "distant",
    "immediate",
    "moment",
    "ensuing",
    "couple",
    "same",
    "year",
    "month",
    "week",
];

/// Whether any rule can start at token `t`: a cheap filter that skips most words.
#[inline]
pub(crate) fn can_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Punct => matches!(t.text, "'" | "\u{2019}" | "\u{2018}"),
        Kind::Word => t.text.len() <= 12 && t.lex & crate::lex::STARTER != 0,
    }
}

/// The rules that can start at token `t` (bits `R_*`).
fn rules_for(t: &Tok) -> u32 {
    match t.kind {
        Kind::Num => NUMBER_RULES,
        Kind::Punct => APOSTROPHE_RULES, // "'90s"
        Kind::Word => (t.lex >> 32) as u32,
    }
}

/// The longest match starting at token `i`, if any.
pub(crate) fn match_at(g: &Window, i: usize) -> Option<Hit> {
    let t = g.toks.get(i)?;
    if !can_start(t) {
        return None;
    }
    // "the", "a", "an", "this", "last", "next" start a match only before a word that can
    // continue one: most "the" in a text are skipped here
    if g.is_any(i, &["the", "a", "an"]) {
        let next = g.toks.get(i + 1)?;
        let continues = can_start(next)
            || next.kind == Kind::Word && next.lex & crate::lex::AFTER_ARTICLE != 0
            || g.unit(i + 1).is_some()
            || next.text.len() == 4 && g.is(i + 1, "most") && g.is(i + 2, "recent");
        if !continues {
            return None;
        }
    }
    let mask = rules_for(t);
    let mut best: Option<Hit> = None;
    for (r, rule) in RULES.iter().enumerate() {
        if mask & (1 << r) == 0 {
            continue;
        }
        if let Some(h) = (rule.production)(g, i) {
            if h.end > i && best.as_ref().is_none_or(|b| h.end > b.end) {
                best = Some(h);
            }
        }
    }
    best
}

// "2023-04-25", "2023-04-25T10:27:40", "2023-04-25 10:27", "2023/04/25", "2019-03"
fn iso(g: &Window, i: usize) -> Option<Hit> {
    let (y, _) = g.digits(i).filter(|&(_, n)| n == 4)?;
    if i > 0
        && g.adj(i)
        && (g.digits(i - 1).is_some() || g.word(i - 1).is_some() || g.p(i - 1, "/"))
    {
        return None;
    }
    let sep = g.toks.get(i + 1).filter(|t| !t.space)?.text;
    if !matches!(sep, "-" | "/") {
        return None;
    }
    let (m, mn) = g.digits(i + 2).filter(|_| g.adj(i + 2))?;
    if mn != 2 || !(1..=12).contains(&m) {
        return None;
    }
    let day = if g.p(i + 3, sep) && g.adj(i + 3) && g.adj(i + 4) {
        g.digits(i + 4)
            .filter(|&(d, n)| n == 2 && (1..=31).contains(&d))
    } else {
        None
    };
    let Some((d, _)) = day else {
        // "2019-03": only ISO months, not "2019-20" ranges, and nothing glued after
        if sep != "-" || g.adj(i + 3) && !g.p(i + 3, ",") && !g.p(i + 3, ".") {
            return None;
        }
        return Some(hit(
            i,
            i + 3,
            fixed(
                TimexType::Date,
                ValueText::new().n(y.into(), 4).s("-").n(m.into(), 2).0,
                Granularity::Month,
                Anchor::Absolute,
            ),
        ));
    };
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let day_sem = Sense::Ymd {
        y: YearSpec::Abs(y as i32),
        m,
        d,
    };
    let mut j = i + 5;
    // time part: "T10:27:40" or " 10:27:40"
    let k = if g.is(j, "T") && g.adj(j) && g.adj(j + 1) {
        j + 1
    } else {
        j
    };
    if let Some((h, mm, s, end)) = hms(g, k) {
        if k == j + 1 || !g.adj(k) {
            j = end;
            // timezone "Z" or "+09:00" stays outside the span
            return Some(hit(
                i,
                j,
                Sense::Clock {
                    day: Some(Box::new(day_sem)),
                    h,
                    m: mm,
                    s,
                },
            ));
        }
    }
    Some(hit(i, j, day_sem))
}

/// "10:27" or "10:27:40": (hour, minute, second, next).
fn hms(g: &Window, i: usize) -> Option<(u32, u32, Option<u32>, usize)> {
    let (h, hn) = g.digits(i)?;
    if hn > 2 || h > 24 || !g.p(i + 1, ":") || !g.adj(i + 1) || !g.adj(i + 2) {
        return None;
    }
    let (m, mn) = g.digits(i + 2)?;
    if mn != 2 || m > 59 {
        return None;
    }
    if g.p(i + 3, ":") && g.adj(i + 3) && g.adj(i + 4) {
        if let Some((s, 2)) = g.digits(i + 4) {
            if s <= 60 {
                return Some((h, m, Some(s), i + 5));
            }
        }
    }
    Some((h, m, None, i + 3))
}

// "04/25/2023" (US order), "25/04/2023" when the first number cannot be a month, "25.04.2023"
fn slash_date(g: &Window, i: usize) -> Option<Hit> {
    let (a, an) = g.digits(i)?;
    if an > 2 || i > 0 && g.adj(i) && !g.p(i - 1, "(") && !g.p(i - 1, "\"") {
        return None;
    }
    let sep = g.toks.get(i + 1).filter(|t| !t.space)?.text;
    if !matches!(sep, "/" | ".") {
        return None;
    }
    let (b, bn) = g.digits(i + 2).filter(|_| g.adj(i + 2))?;
    if bn > 2 || !g.p(i + 3, sep) || !g.adj(i + 3) || !g.adj(i + 4) {
        return None;
    }
    let (c, cn) = g.digits(i + 4)?;
    let y = match cn {
        4 => c as i32,
        2 if sep == "/" => two_digit_year(c),
        _ => return None,
    };
    if g.adj(i + 5) && (g.digits(i + 6).is_some() || g.word(i + 5).is_some()) {
        return None;
    }
    let (m, d) = if sep == "." || a > 12 { (b, a) } else { (a, b) };
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    Some(hit(
        i,
        i + 5,
        Sense::Ymd {
            y: YearSpec::Abs(y),
            m,
            d,
        },
    ))
}

/// An optional leading weekday: "Tuesday, " / "Tue " before a date. Returns the next index.
fn weekday_prefix(g: &Window, i: usize) -> usize {
    if let Some((_, j, _)) = g.weekday(i) {
        if g.p(j, ",") {
            return j + 1;
        }
        return j;
    }
    i
}

// [WEEKDAY ","] DAY ["of"] MONTH [YEAR-TAIL]: "21 Jan 2020", "Tuesday, 23 April", "the 4th of July"
fn day_month(g: &Window, i: usize) -> Option<Hit> {
    let mut k = weekday_prefix(g, i);
    if k == i && g.is(i, "the") {
        k = i + 1;
    }
    let (d, j) = g.day(k)?;
    let j = if g.is(j, "of") { j + 1 } else { j };
    let (m, j, _) = g.month(j)?;
    if k == i + 1 && g.is(i, "the") && !g.is(j - 1, "of") && !g.is(k + 1, "of") {
        // "the 4 July" is odd; only "the 4th of July"
    }
    let (y, end) = match year_tail(g, j) {
        Some((y, end)) => (y, end),
        None => (YearSpec::Infer, j),
    };
    if let YearSpec::Abs(yy) = y {
        chrono::NaiveDate::from_ymd_opt(yy, m, d)?;
    } else if d > 31 || (m == 2 && d > 29) {
        return None;
    }
    Some(hit(i, end, with_weekday(g, i, k, Sense::Ymd { y, m, d })))
}

/// A date written with its weekday ("Friday, January 24") lets the weekday pick the year.
fn with_weekday(g: &Window, i: usize, k: usize, sem: Sense) -> Sense {
    match (g.weekday(i), sem) {
        (
            Some((wd, _, _)),
            Sense::Ymd {
                y: YearSpec::Infer,
                m,
                d,
            },
        ) if k > i => Sense::YmdWeekday { m, d, wd },
        (_, sem) => sem,
    }
}

// [WEEKDAY ","] MONTH DAY [YEAR-TAIL]: "April 25, 2023", "Tuesday, April 23", "Jan. 20"
fn month_day(g: &Window, i: usize) -> Option<Hit> {
    let k = weekday_prefix(g, i);
    let (m, j, _) = g.month(k)?;
    let (d, j) = g.day(j)?;
    // "May 5 percent", "March 3 million": amounts, not dates
    if g.is_any(
        j,
        &[
            "percent", "per", "million", "billion", "trillion", "thousand", "times", "points",
        ],
    ) || g.p(j, "%")
    {
        return None;
    }
    let (y, end) = match year_tail(g, j) {
        Some((y, end)) => (y, end),
        None => (YearSpec::Infer, j),
    };
    if let YearSpec::Abs(yy) = y {
        chrono::NaiveDate::from_ymd_opt(yy, m, d)?;
    } else if m == 2 && d > 29 || matches!(m, 4 | 6 | 9 | 11) && d > 30 {
        return None;
    }
    Some(hit(i, end, with_weekday(g, i, k, Sense::Ymd { y, m, d })))
}

// MONTH ["of" | ","] YEAR, MONTH ["of"] (last|this|next) year: "August 2019", "Dec. 2023",
// "July of last year"
fn month_year(g: &Window, i: usize) -> Option<Hit> {
    let (m, j, _) = g.month(i)?;
    let (y, end) = year_tail(g, j)?;
    Some(hit(i, end, Sense::Ym { y, m }))
}

/// "early", "late", "mid-", "the end of", "the beginning of", ...: (modifier, next).
fn modifier_prefix(g: &Window, i: usize) -> Option<(Modifier, usize)> {
    if g.is(i, "early") && !g.is_any(i + 1, &["as", "on", "in", "to"]) {
        return Some((Modifier::Start, i + 1));
    }
    if g.is(i, "late") && !g.is_any(i + 1, &["as", "on", "in", "to"]) {
        return Some((Modifier::End, i + 1));
    }
    if g.is(i, "mid") {
        if g.is_dash(i + 1) && g.adj(i + 1) && g.adj(i + 2) {
            return Some((Modifier::Mid, i + 2));
        }
        return Some((Modifier::Mid, i + 1));
    }
    let k = opt_the(g, i);
    let m = if g.is_any(k, &["end", "close"]) {
        Modifier::End
    } else if g.is_any(k, &["beginning", "start"]) {
        Modifier::Start
    } else if g.is(k, "middle") {
        Modifier::Mid
    } else {
        return None;
    };
    if k == i || !g.is(k + 1, "of") {
        return None;
    }
    Some((m, k + 2))
}

// MOD CORE: "mid-2019", "early 2019", "late last year", "the end of May", "the end of the year"
fn modified(g: &Window, i: usize) -> Option<Hit> {
    let (modifier, j) = modifier_prefix(g, i)?;
    let mut core = None;
    if let Some((y, end)) = g.year4(j).filter(|&(y, _)| (1000..=2999).contains(&y)) {
        if !(g.adj(end) && g.is(end, "s")) {
            core = Some(hit(
                j,
                end,
                fixed(
                    TimexType::Date,
                    fmt_year(y),
                    Granularity::Year,
                    Anchor::Absolute,
                ),
            ));
        }
    }
    // "the year", "the month", "the week", "the decade": the one containing the reference
    if core.is_none() && g.is(j, "the") {
        if let Some((unit, false, end)) = g.unit(j + 1) {
            if matches!(
                unit,
                Unit::Year
                    | Unit::Month
                    | Unit::Week
                    | Unit::Decade
                    | Unit::Century
                    | Unit::Quarter
            ) {
                core = Some(hit(j, end, Sense::Rel { unit, off: 0 }));
            }
        }
    }
    if core.is_none() {
        for rule in [
            month_year,
            month_alone_any,
            relative,
            season,
            decade,
            weekday,
            deictic,
        ] {
            if let Some(h) = rule(g, j) {
                if core.as_ref().is_none_or(|c: &Hit| h.end > c.end) {
                    core = Some(h);
                }
            }
        }
    }
    let mut h = core?;
    // "late Friday" keeps the weekday; "late in the day" is not ours
    h.start = i;
    if h.modifier.is_none() {
        h.modifier = Some(modifier);
    }
    Some(h)
}

// ["the"] [MOD] DECADE: "the 1990s", "the '90s", "the late 1980s", "the mid-1990s", "1990's"
fn decade(g: &Window, i: usize) -> Option<Hit> {
    let k = opt_the(g, i);
    let (modifier, k) = match modifier_prefix(g, k) {
        Some((m, k2))
            if !matches!(m, Modifier::End | Modifier::Start) || g.is_any(k, &["early", "late"]) =>
        {
            (Some(m), k2)
        }
        _ => (None, k),
    };
    let (first3, end) = decade_core(g, k)?;
    // "in her 30s", "in their early 20s": an age, not a decade
    let owner = |k: usize| g.is_any(k, &["her", "his", "their", "my", "your", "our", "its"]);
    if i > 0
        && (owner(i - 1) || i > 1 && g.is_any(i - 1, &["early", "late", "mid"]) && owner(i - 2))
    {
        return None;
    }
    let value = if first3 % 10 == 0 && first3 < 200 && g.digits(k).is_some_and(|(_, n)| n == 4) {
        // "the 1800s", "the 1900s": a century
        format!("{:02}XX", first3 / 10)
    } else {
        format!("{first3:03}X")
    };
    let gran = if value.ends_with("XX") {
        Granularity::Century
    } else {
        Granularity::Decade
    };
    let mut h = hit(
        i,
        end,
        fixed(TimexType::Date, value, gran, Anchor::Absolute),
    );
    h.modifier = modifier;
    Some(h)
}

/// "1990s", "1990's", "'90s", "90s": (first three digits, next).
fn decade_core(g: &Window, k: usize) -> Option<(i32, usize)> {
    if g.is_apos(k) && g.adj(k + 1) {
        let (v, n) = g.digits(k + 1)?;
        if n == 2 && v % 10 == 0 && g.adj(k + 2) && g.is(k + 2, "s") {
            return Some((two_digit_year(v) / 10, k + 3));
        }
        return None;
    }
    let (v, n) = g.digits(k)?;
    if v % 10 != 0 {
        return None;
    }
    let first3 = match n {
        4 if (1000..=2990).contains(&v) => v as i32 / 10,
        2 if v >= 20 => two_digit_year(v) / 10,
        _ => return None,
    };
    if g.adj(k + 1) && g.is(k + 1, "s") {
        return Some((first3, k + 2));
    }
    if n == 4 && g.is_apos(k + 1) && g.adj(k + 1) && g.is(k + 2, "s") && g.adj(k + 2) {
        return Some((first3, k + 3));
    }
    None
}

// ["the"] ORDINAL "century": "the 21st century", "the nineteenth century"
fn century(g: &Window, i: usize) -> Option<Hit> {
    let k = opt_the(g, i);
    let (modifier, k) = match modifier_prefix(g, k) {
        Some((m, k2)) if g.is_any(k, &["early", "late", "mid"]) => (Some(m), k2),
        _ => (None, k),
    };
    let (n, j) = g.ordinal(k)?;
    let j = if g.is_dash(j) { j + 1 } else { j };
    if !(1..=30).contains(&n) || !g.is(j, "century") {
        return None;
    }
    let mut h = hit(
        i,
        j + 1,
        fixed(
            TimexType::Date,
            format!("{:02}XX", n - 1),
            Granularity::Century,
            Anchor::Absolute,
        ),
    );
    h.modifier = modifier;
    Some(h)
}

/// The year after a quarter or half: "of 2023", "2023", "of this year", "of last year",
/// "of fiscal 2023" (as the plain year).
fn period_year(g: &Window, j: usize) -> (YearSpec, usize) {
    let k = if g.is(j, "of") || g.p(j, ",") {
        j + 1
    } else {
        j
    };
    let k2 = if g.is(k, "fiscal") { k + 1 } else { k };
    if let Some((y, end)) = g.year4(k2) {
        return (YearSpec::Abs(y), end);
    }
    if g.is(k, "this") && g.is(k + 1, "year")
        || g.is(k, "the") && g.is(k + 1, "year") && g.is(j, "of")
    {
        return (YearSpec::Rel(0), k + 2);
    }
    if g.is(k, "last") && g.is(k + 1, "year")
        || g.is(k, "the") && g.is_any(k + 1, &["previous", "prior"]) && g.is(k + 2, "year")
    {
        let end = if g.is(k, "the") { k + 3 } else { k + 2 };
        return (YearSpec::Rel(-1), end);
    }
    if g.is(k, "next") && g.is(k + 1, "year") {
        return (YearSpec::Rel(1), k + 2);
    }
    (YearSpec::Infer, j)
}

// "Q3 2024", "Q3", "the third quarter [of 2023]", "third-quarter", "the first half of this year",
// "H1 2023", "the second half"
fn quarter_half(g: &Window, i: usize) -> Option<Hit> {
    // "Q3", "H1"
    if let Some(w) = g.word(i) {
        let upper = w.eq_ignore_ascii_case("q") || w.eq_ignore_ascii_case("h");
        if upper && w.as_bytes()[0].is_ascii_uppercase() && g.adj(i + 1) {
            let (n, len) = g.digits(i + 1)?;
            let is_q = w.eq_ignore_ascii_case("q");
            if len != 1 || n == 0 || n > if is_q { 4 } else { 2 } {
                return None;
            }
            if g.adj(i + 2) && g.word(i + 2).is_some() {
                return None;
            }
            let (y, end) = period_year(g, i + 2);
            let sem = if is_q {
                Sense::Quarter { y, q: n }
            } else {
                Sense::Half { y, h: n }
            };
            return Some(hit(i, end, sem));
        }
    }
    let k = opt_the(g, i);
    let (n, j) = if g.is_any(k, &["final", "fourth"]) && g.is_any(k + 1, &["quarter"]) {
        (4, k + 1)
    } else if g.is(k, "latter") {
        (2, k + 1)
    } else {
        g.ordinal(k)?
    };
    let j = if g.is_dash(j) && g.adj(j) { j + 1 } else { j };
    let is_quarter = g.is(j, "quarter");
    if !is_quarter && !g.is(j, "half") {
        return None;
    }
    if n == 0 || n > if is_quarter { 4 } else { 2 } {
        return None;
    }
    let (y, end) = period_year(g, j + 1);
    let sem = if is_quarter {
        Sense::Quarter { y, q: n }
    } else {
        Sense::Half { y, h: n }
    };
    // "the first half of the match": only halves of years
    if !is_quarter && y == YearSpec::Infer && g.is(j + 1, "of") {
        return None;
    }
    Some(hit(i, end, sem))
}

// "fiscal 2023", "fiscal year 2023", "FY2023", "FY23", "the 2023 fiscal year"
fn fiscal(g: &Window, i: usize) -> Option<Hit> {
    let fy = |y: i32| {
        fixed(
            TimexType::Date,
            ValueText::new().s("FY").y(y).0,
            Granularity::Year,
            Anchor::Absolute,
        )
    };
    if g.is(i, "fiscal") {
        let k = if g.is(i + 1, "year") { i + 2 } else { i + 1 };
        let (y, end) = g.year4(k)?;
        return Some(hit(i, end, fy(y)));
    }
    if g.word(i).is_some_and(|w| w == "FY" || w == "Fy") {
        let k = i + 1;
        let (v, n) = g.digits(k)?;
        let y = match n {
            4 if (1900..=2100).contains(&v) => v as i32,
            2 => two_digit_year(v),
            _ => return None,
        };
        return Some(hit(i, k + 1, fy(y)));
    }
    let k = opt_the(g, i);
    if k == i + 1 {
        let (y, end) = g.year4(k)?;
        if g.is(end, "fiscal") && g.is(end + 1, "year") {
            return Some(hit(i, end + 2, fy(y)));
        }
    }
    None
}

/// A season word: its TIMEX code.
fn season_code(g: &Window, i: usize) -> Option<&'static str> {
    let w = g.word(i)?;
    Some(match Lower::new(w).as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

// (this|last|next|the) SEASON ["of" YEAR], SEASON YEAR: "last summer", "spring 2019"
fn season(g: &Window, i: usize) -> Option<Hit> {
    let (which, k, det) = if g.is(i, "this") {
        (Which::This, i + 1, true)
    } else if g.is(i, "last") {
        (Which::Last, i + 1, true)
    } else if g.is(i, "next") {
        (Which::Next, i + 1, true)
    } else if g.is(i, "the") {
        (Which::Tense, i + 1, true)
    } else {
        (Which::Tense, i, false)
    };
    let s = season_code(g, k)?;
    let mut end = k + 1;
    let mut y = YearSpec::Infer;
    let tail = if g.is(end, "of") { end + 1 } else { end };
    if let Some((yy, e)) = g.year4(tail) {
        y = YearSpec::Abs(yy);
        end = e;
    } else if !det {
        // a bare season: only after "in", "during", "since", "until", "early", "late"...
        if !g.prev_is_any(
            i,
            &[
                "in", "during", "since", "until", "by", "early", "late", "mid", "over", "through",
            ],
        ) {
            return None;
        }
        if g.is(k, "fall") || g.is(k, "spring") {
            return None;
        }
    }
    // "the fall of the Berlin Wall", "the spring of discontent"
    if det && which == Which::Tense && g.is(k + 1, "of") && y == YearSpec::Infer {
        return None;
    }
    Some(hit(i, end, Sense::Season { y, s, which }))
}

fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let Some(n) = n else {
        return match unit {
            Unit::Hour => "PTXH".into(),
            Unit::Minute => "PTXM".into(),
            Unit::Second => "PTXS".into(),
            Unit::Decade => "PXDE".into(),
            Unit::Century => "PXCE".into(),
            Unit::Year | Unit::Half => "PXY".into(),
            Unit::Quarter | Unit::Month => "PXM".into(),
            Unit::Week | Unit::Fortnight => "PXW".into(),
            Unit::Weekend | Unit::Day => "PXD".into(),
        };
    };
    // whole multiples of a smaller unit when the number is fractional
    let (n, t, letter) = match unit {
        Unit::Year if n.fract() != 0.0 && (n * 12.0).fract() == 0.0 => (n * 12.0, "", "M"),
        Unit::Year => (n, "", "Y"),
        Unit::Half => (n * 6.0, "", "M"),
        Unit::Quarter => (n * 3.0, "", "M"),
        Unit::Month if n.fract() != 0.0 && (n * 30.0).fract() == 0.0 => (n * 30.0, "", "D"),
        Unit::Month => (n, "", "M"),
        Unit::Week if n.fract() != 0.0 => (n * 7.0, "", "D"),
        Unit::Week => (n, "", "W"),
        Unit::Fortnight => (n * 2.0, "", "W"),
        Unit::Weekend => (n * 2.0, "", "D"),
        Unit::Day if n.fract() != 0.0 => (n * 24.0, "T", "H"),
        Unit::Day => (n, "", "D"),
        Unit::Hour if n.fract() != 0.0 => (n * 60.0, "T", "M"),
        Unit::Hour => (n, "T", "H"),
        Unit::Minute => (n, "T", "M"),
        Unit::Second => (n, "T", "S"),
        Unit::Decade if n.fract() != 0.0 => (n * 10.0, "", "Y"),
        Unit::Decade => (n, "", "DE"),
        Unit::Century if n.fract() != 0.0 => (n * 100.0, "", "Y"),
        Unit::Century => (n, "", "CE"),
    };
    if n.fract() == 0.0 && (0.0..1e15).contains(&n) {
        ValueText::new().s("P").s(t).n(n as u64, 1).s(letter).0
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("P{t}{}{letter}", n as i64)
    } else {
        format!("P{t}{n}{letter}")
    }
}

fn unit_gran(unit: Unit) -> Granularity {
    match unit {
        Unit::Century => Granularity::Century,
        Unit::Decade => Granularity::Decade,
        Unit::Year => Granularity::Year,
        Unit::Half => Granularity::Half,
        Unit::Quarter => Granularity::Quarter,
        Unit::Month => Granularity::Month,
        Unit::Week | Unit::Fortnight | Unit::Weekend => Granularity::Week,
        Unit::Day => Granularity::Day,
        Unit::Hour => Granularity::Hour,
        Unit::Minute => Granularity::Minute,
        Unit::Second => Granularity::Second,
    }
}

fn dur(n: Option<f64>, unit: Unit) -> Sense {
    fixed(
        TimexType::Duration,
        duration_value(n, unit),
        unit_gran(unit),
        Anchor::None,
    )
}

fn set_sem(value: String, gran: Granularity) -> Sense {
    fixed(TimexType::Set, value, gran, Anchor::None)
}

/// Words that say an amount precedes "a year" ("$5 a month", "twice a week", "20% a year").
const RATE_BEFORE: &[&str] = &[
    "percent",
    "million",
    "billion",
    "trillion",
    "thousand",
    "dollars",
    "dollar",
    "won",
    "yen",
    "euros",
    "euro",
    "yuan",
    "pounds",
    "rupees",
    "times",
    "twice",
    "once",
    "thrice",
    "barrels",
    "tons",
    "tonnes",
    "units",
    "people",
    "vehicles",
    "cars",
    "visitors",
    "doses",
    "jobs",
    "hours",
    "meals",
    "shifts",
    "trips",
    "flights",
    "passengers",
    "tourists",
    "students",
    "cases",
    "points",
    "days",
    "miles",
    "kilometers",
    "kilometres",
    "degrees",
    "dozen",
];

/// Words before "a year" that make it a length of time ("within a year"), not a rate.
const NOT_RATE_BEFORE: &[&str] = &[
    "within", "for", "in", "than", "over", "about", "after", "nearly", "almost", "around", "under",
    "only", "just", "least", "of", "by", "from", "to", "take", "took", "takes", "last", "lasted",
    "spent", "and", "or", "than", "once", "twice",
];

/// Nouns after "annual", "daily"... that make them name a publication ("the annual report",
/// "the weekly newspaper", "its quarterly earnings report").
const PUBLICATIONS: &[&str] = &[
    "report",
    "reports",
    "newspaper",
    "newspapers",
    "paper",
    "magazine",
    "journal",
    "filing",
    "filings",
    "bulletin",
    "newsletter",
    "digest",
    "edition",
    "Mail",
    "News",
    "Mirror",
];

// "every year", "each month", "every two years", "every other week", "every Tuesday",
// "every August", "per year", "860 million dollars a year", "twice a week", "annually"
fn set(g: &Window, i: usize) -> Option<Hit> {
    let w = g.word(i)?;
    let lower = Lower::new(w);
    let lower = lower.as_str();
    let adverb = match lower {
        "annually" | "yearly" | "annual" => Some(("P1Y", Granularity::Year)),
        "monthly" => Some(("P1M", Granularity::Month)),
        "weekly" => Some(("P1W", Granularity::Week)),
        "daily" => Some(("P1D", Granularity::Day)),
        "quarterly" => Some(("P3M", Granularity::Quarter)),
        "hourly" => Some(("PT1H", Granularity::Hour)),
        "biweekly" | "fortnightly" => Some(("P2W", Granularity::Week)),
        "semiannual" | "semiannually" | "biannual" | "biannually" => {
            Some(("P6M", Granularity::Half))
        }
        _ => None,
    };
    if let Some((v, gran)) = adverb {
        // "China Daily", "Weekly Standard": names, unless the sentence starts here
        if g.cap(i) && !g.at_sentence_start(i) {
            return None;
        }
        // "the annual report", "the daily newspaper": an adjective that names a kind of
        // publication, not a recurrence (TimeML tags a SET only when it says how often);
        // "quarterly results", "the annual meeting", "a monthly decline" stay SETs
        if !lower.ends_with("ally")
            && (g.is_any(i + 1, PUBLICATIONS)
                || g.word(i + 1).is_some() && g.is_any(i + 2, PUBLICATIONS))
        {
            return None;
        }
        return Some(hit(i, i + 1, set_sem(v.into(), gran)));
    }
    if lower == "every" || lower == "each" {
        let mut k = i + 1;
        let mut n = Some(1.0);
        if g.is(k, "other") {
            n = Some(2.0);
            k += 1;
        } else if let Some((v, k2)) = g.num(k) {
            if g.unit(k2).is_some() {
                n = Some(v);
                k = k2;
            }
        }
        if let Some((unit, _, end)) = g.unit(k) {
            if unit == Unit::Weekend {
                return Some(hit(
                    i,
                    end,
                    set_sem("XXXX-WXX-WE".into(), Granularity::Week),
                ));
            }
            return Some(hit(
                i,
                end,
                set_sem(duration_value(n, unit), unit_gran(unit)),
            ));
        }
        if let Some((wd, end, _)) = g.weekday(k) {
            return Some(hit(
                i,
                end,
                set_sem(
                    format!("XXXX-WXX-{}", wd.number_from_monday()),
                    Granularity::Day,
                ),
            ));
        }
        if let Some((m, end, _)) = g.month(k) {
            return Some(hit(
                i,
                end,
                set_sem(format!("XXXX-{m:02}"), Granularity::Month),
            ));
        }
        if let Some((pod, end)) = g.pod(k) {
            let code = match pod {
                DayPart::Morning => "MO",
                DayPart::Afternoon => "AF",
                DayPart::Evening => "EV",
                DayPart::Night => "NI",
            };
            return Some(hit(
                i,
                end,
                set_sem(format!("XXXX-XX-XXT{code}"), Granularity::PartOfDay),
            ));
        }
        return None;
    }
    // "once a year", "twice a week", "three times a year"
    let mut k = i;
    let mut freq = false;
    if g.is_any(i, &["once", "twice", "thrice"]) {
        k = i + 1;
        freq = true;
    } else if let Some((_, k2)) = g.num(i).filter(|_| !g.is_any(i, &["a", "an"])) {
        if g.is(k2, "times") {
            k = k2 + 1;
            freq = true;
        }
    }
    if g.is_any(k, &["a", "an", "per", "each", "every"]) {
        if let Some((unit, false, end)) = g.unit(k + 1) {
            if unit == Unit::Second {
                return None;
            }
            let rate = freq
                || g.is(k, "per")
                || k > 0
                    && (g.is_any(k - 1, RATE_BEFORE)
                        || g.p(k - 1, "%")
                        || g.digits(k - 1).is_some()
                        // "500 tons of coal a day": an amount a few words back
                        || !g.is_any(k - 1, NOT_RATE_BEFORE)
                            && (2..=4).any(|back| k >= back && g.digits(k - back).is_some()));
            if rate {
                return Some(hit(
                    i,
                    end,
                    set_sem(duration_value(Some(1.0), unit), unit_gran(unit)),
                ));
            }
        }
    }
    None
}

// NUM UNIT ("ago" | "earlier" | "later" | "from now"): "5 years ago", "a year earlier",
// "nearly 50 years ago"; "the day before", "the previous year", "the following week"
fn ago(g: &Window, i: usize) -> Option<Hit> {
    let (modifier, k) = approx_prefix(g, i).map_or((None, i), |(m, k)| (Some(m), k));
    // "the previous year", "the following day", "the year before"
    if g.is(k, "the") && modifier.is_none() {
        if g.is_any(k + 1, &["previous", "prior", "preceding"]) {
            let (unit, end) = g.unit_n(k + 2, false)?;
            return Some(hit(i, end, shift_sem(unit, -1)));
        }
        if g.is_any(k + 1, &["following", "next"]) {
            let (unit, end) = g.unit_n(k + 2, false)?;
            if g.is(k + 1, "next") && unit != Unit::Day {
                return None;
            }
            return Some(hit(i, end, shift_sem(unit, 1)));
        }
        let (unit, end) = g.unit_n(k + 1, false)?;
        // "the week before last", "the month after next"
        if g.is(end, "before") && g.is(end + 1, "last") {
            return Some(hit(i, end + 2, shift_sem(unit, -2)));
        }
        if g.is(end, "after") && g.is(end + 1, "next") {
            return Some(hit(i, end + 2, shift_sem(unit, 2)));
        }
        if g.is_any(end, &["before", "earlier"]) && !g.is(end + 1, "yesterday") {
            let sentence_end =
                end + 1 >= g.toks.len() || g.tok(end + 1).is_some_and(|t| t.kind == Kind::Punct);
            if sentence_end {
                return Some(hit(i, end + 1, shift_sem(unit, -1)));
            }
        }
        if g.is_any(end, &["after", "later"]) && !g.is(end + 1, "tomorrow") {
            let sentence_end =
                end + 1 >= g.toks.len() || g.tok(end + 1).is_some_and(|t| t.kind == Kind::Punct);
            if sentence_end {
                return Some(hit(i, end + 1, shift_sem(unit, 1)));
            }
        }
        return None;
    }
    let (n, j) = g.num(k)?;
    let (unit, _, j) = g.unit(j)?;
    if n.fract() != 0.0 || n > 10_000.0 {
        return None;
    }
    let n = n as i32;
    let (sign, end) = if g.is_any(j, &["ago", "earlier"]) {
        (-1, j + 1)
    } else if g.is(j, "later") || g.is(j, "hence") {
        (1, j + 1)
    } else if g.is(j, "from") && g.is(j + 1, "now") {
        (1, j + 2)
    } else {
        return None;
    };
    let mut h = hit(i, end, shift_sem(unit, sign * n));
    h.modifier = modifier;
    // "from a year ago" compares with the period just named ("sales in the second quarter
    // rose from a year ago" is that quarter a year back)
    h.chained = g.is_any(j, &["earlier", "later"])
        || g.prev_is_any(i, &["from", "than", "with", "versus", "vs", "over"]);
    Some(h)
}

fn shift_sem(unit: Unit, n: i32) -> Sense {
    match unit {
        // "a decade ago" is a year ten years back
        Unit::Decade => Sense::Shift {
            unit: Unit::Year,
            n: n.saturating_mul(10),
        },
        Unit::Century => Sense::Shift {
            unit: Unit::Year,
            n: n.saturating_mul(100),
        },
        Unit::Hour | Unit::Minute | Unit::Second => Sense::Shift {
            unit: Unit::Day,
            n: 0,
        },
        Unit::Half => Sense::Shift {
            unit: Unit::Month,
            n: n.saturating_mul(6),
        },
        Unit::Fortnight => Sense::Shift {
            unit: Unit::Week,
            n: n.saturating_mul(2),
        },
        u => Sense::Shift { unit: u, n },
    }
}

/// "about", "around", "nearly", "almost", "some", "roughly", "approximately", "more than",
/// "over", "less than", "under", "at least": (modifier, next).
fn approx_prefix(g: &Window, i: usize) -> Option<(Modifier, usize)> {
    // every word below is in APPROX_WORDS
    if g.word(i).is_none() || g.toks[i].lex & crate::lex::APPROX == 0 {
        return None;
    }
    // "at" (frequent) only as "at least", "at most"
    if g.is(i, "at") {
        return if g.is(i + 1, "least") {
            Some((Modifier::MoreThan, i + 2))
        } else if g.is(i + 1, "most") {
            Some((Modifier::LessThan, i + 2))
        } else {
            None
        };
    }
    if g.is_any(
        i,
        &[
            "about",
            "around",
            "nearly",
            "almost",
            "roughly",
            "approximately",
            "some",
            "approx",
            "close",
        ],
    ) {
        if g.is(i, "close") {
            return g.is(i + 1, "to").then_some((Modifier::Approx, i + 2));
        }
        return Some((Modifier::Approx, i + 1));
    }
    if g.is_any(i, &["more", "longer"]) && g.is(i + 1, "than") {
        return Some((Modifier::MoreThan, i + 2));
    }
    if g.is_any(i, &["less", "fewer", "shorter"]) && g.is(i + 1, "than") {
        return Some((Modifier::LessThan, i + 2));
    }
    if g.is(i, "up") && g.is(i + 1, "to") {
        return Some((Modifier::LessThan, i + 2));
    }
    if g.is(i, "at") && g.is(i + 1, "least") {
        return Some((Modifier::MoreThan, i + 2));
    }
    if g.is(i, "at") && g.is(i + 1, "most") {
        return Some((Modifier::LessThan, i + 2));
    }
    if g.is(i, "under") && g.num(i + 1).is_some() {
        return Some((Modifier::LessThan, i + 1));
    }
    None
}

// "last year", "next week", "this month", "last weekend", "the coming year",
// "earlier this month", "later this year", "last July", "next spring"
fn relative(g: &Window, i: usize) -> Option<Hit> {
    let mut k = i;
    if g.is_any(k, &["earlier", "later"]) {
        k += 1;
    }
    let the = g.is(k, "the");
    if the {
        k += 1;
    }
    // "the weekend", "over the weekend"
    if the && k == i + 1 && g.is(k, "weekend") {
        return Some(hit(
            i,
            k + 1,
            Sense::Weekend {
                which: Which::Tense,
            },
        ));
    }
    let off = if g.is(k, "last") {
        -1
    } else if g.is(k, "next") || g.is(k, "coming") {
        1
    } else if g.is_any(k, &["this", "current", "present"]) {
        0
    } else if g.is_any(k, &["previous", "prior", "past"]) && the {
        -1
    } else {
        return None;
    };
    let word_is_last = g.is(k, "last") || g.is(k, "past");
    if let Some((unit, false, end)) = g.unit(k + 1) {
        if unit == Unit::Second || unit == Unit::Hour || unit == Unit::Minute {
            return None;
        }
        // "the last year", "the past month", "the next week" (after over/for/within): a duration
        if the
            && (word_is_last
                || g.is_any(k, &["next", "coming"])
                    && g.prev_is_any(i, &["over", "for", "within", "during", "in", "throughout"]))
        {
            // "the last week of March" is a date, rarely written; keep the duration
            return Some(hit(i, end, dur(Some(1.0), unit)));
        }
        if unit == Unit::Weekend {
            let which = match off {
                -1 => Which::Last,
                1 => Which::Next,
                _ => Which::This,
            };
            return Some(hit(i, end, Sense::Weekend { which }));
        }
        if unit == Unit::Fortnight {
            return None;
        }
        let sem = if unit == Unit::Year {
            Sense::RelYear(off)
        } else {
            Sense::Rel { unit, off }
        };
        return Some(hit(i, end, sem));
    }
    if the {
        return None;
    }
    // "last July", "next March", "this May"
    if let Some((m, end, abbr)) = g.month(k + 1) {
        if abbr && !g.p(end - 1, ".") {
            return None;
        }
        let mut h = hit(
            i,
            end,
            Sense::Ym {
                y: YearSpec::Infer,
                m,
            },
        );
        h.tense = Some(match off {
            -1 => Tense::Past,
            1 => Tense::Future,
            _ => Tense::Present,
        });
        return Some(h);
    }
    // "last Friday", "next Tuesday", "this Monday": in weekday()
    None
}

// "today", "yesterday", "tomorrow", "tonight", "last night", "this morning", "yesterday
// afternoon", "the day before yesterday", "now"-less deictics
fn deictic(g: &Window, i: usize) -> Option<Hit> {
    let w = g.word(i)?;
    let lower = Lower::new(w);
    let lower = lower.as_str();
    let day_off = match lower {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = day_off {
        let day = Sense::Rel {
            unit: Unit::Day,
            off,
        };
        if let Some((pod, end)) = g.pod(i + 1) {
            return Some(hit(
                i,
                end,
                Sense::PartOfDay {
                    day: Box::new(day),
                    pod,
                },
            ));
        }
        return Some(hit(i, i + 1, day));
    }
    if lower == "tonight" {
        return Some(hit(
            i,
            i + 1,
            Sense::PartOfDay {
                day: Box::new(Sense::Rel {
                    unit: Unit::Day,
                    off: 0,
                }),
                pod: DayPart::Night,
            },
        ));
    }
    if lower == "this" {
        let (pod, end) = g.pod(i + 1)?;
        return Some(hit(
            i,
            end,
            Sense::PartOfDay {
                day: Box::new(Sense::Rel {
                    unit: Unit::Day,
                    off: 0,
                }),
                pod,
            },
        ));
    }
    if lower == "last" && g.is(i + 1, "night") {
        return Some(hit(
            i,
            i + 2,
            Sense::PartOfDay {
                day: Box::new(Sense::Rel {
                    unit: Unit::Day,
                    off: -1,
                }),
                pod: DayPart::Night,
            },
        ));
    }
    if lower == "the" && g.is(i + 1, "day") {
        if g.is(i + 2, "before") && g.is(i + 3, "yesterday") {
            return Some(hit(
                i,
                i + 4,
                Sense::Rel {
                    unit: Unit::Day,
                    off: -2,
                },
            ));
        }
        if g.is(i + 2, "after") && g.is(i + 3, "tomorrow") {
            return Some(hit(
                i,
                i + 4,
                Sense::Rel {
                    unit: Unit::Day,
                    off: 2,
                },
            ));
        }
        if g.is(i + 2, "before") {
            return Some(hit(
                i,
                i + 3,
                Sense::Rel {
                    unit: Unit::Day,
                    off: -1,
                },
            ));
        }
    }
    None
}

// Durations: "19 days", "nineteen days", "a year", "4 to 6 years", "about two years",
// "the past 4 years", "the last 19 years", "the next five years", "several years",
// "recent years", "the coming months", "for years", "five-year", "half a year"
fn duration(g: &Window, i: usize) -> Option<Hit> {
    // "at 1700 hours" is a time of day
    if g.prev_is_any(i, &["at"]) && g.digits(i).is_some_and(|(_, n)| n == 4) {
        return None;
    }
    let (modifier, k) = approx_prefix(g, i).map_or((None, i), |(m, k)| (Some(m), k));
    // "another six months", "an additional 90 days", "a further two weeks"
    let k = if g.is_any(k, &["another", "additional", "further"]) && g.num(k + 1).is_some() {
        k + 1
    } else if g.is_any(k, &["a", "an"])
        && g.is_any(k + 1, &["additional", "further"])
        && g.num(k + 2).is_some()
    {
        k + 2
    } else {
        k
    };
    let mut h = duration_core(g, k)?;
    if h.modifier.is_none() {
        h.modifier = modifier;
    }
    h.start = i;
    Some(h)
}

/// An age follows a count and its unit at `end`: "6-year-old", "10-year-olds", "23 years old",
/// "70 years of age". Ages are not times (TimeML tags no TIMEX3 for them).
fn is_age(g: &Window, end: usize) -> bool {
    let olds = |k: usize| g.is_any(k, &["old", "olds"]);
    g.is_dash(end) && g.adj(end) && g.adj(end + 1) && olds(end + 1)
        || olds(end)
        || g.is(end, "of") && g.is(end + 1, "age")
}

fn duration_core(g: &Window, k: usize) -> Option<Hit> {
    // "half a year", "half an hour"
    if g.is(k, "half") && g.is_any(k + 1, &["a", "an"]) {
        let (unit, end) = g.unit_n(k + 2, false)?;
        return Some(hit(k, end, dur(Some(0.5), unit)));
    }
    // "the past/last/next/first/coming/previous/following [NUM|few|several] UNITS"
    let (lead, k2) = if g.is(k, "the") {
        if g.is_any(
            k + 1,
            &[
                "past",
                "last",
                "next",
                "first",
                "coming",
                "previous",
                "following",
                "final",
                "recent",
                "latest",
                "preceding",
                "ensuing",
                "last",
            ],
        ) {
            (true, k + 2)
        } else if g
            .num(k + 1)
            .is_some_and(|(_, j)| !g.is_any(k + 1, &["a", "an"]) && g.unit_n(j, true).is_some())
        {
            // "the six months to June", "the three months ended in September"
            (true, k + 1)
        } else {
            (false, k)
        }
    } else if g.is_any(k, &["past", "last", "next", "recent"]) && !g.is(k + 1, "year") {
        (true, k + 1)
    } else {
        (false, k)
    };
    let k2 = if lead && g.is_any(k2, &["couple"]) && g.is(k2 + 1, "of") {
        // "the past couple of years"
        let (unit, end) = g.unit_n(k2 + 2, true)?;
        return Some(hit(k, end, dur(Some(2.0), unit)));
    } else {
        k2
    };
    // "a couple of years"
    if g.is(k2, "a") && g.is(k2 + 1, "couple") && g.is(k2 + 2, "of") {
        let (unit, end) = g.unit_n(k2 + 3, true)?;
        return Some(hit(k, end, dur(Some(2.0), unit)));
    }
    // vague counts: "several years", "a few months", "many decades", "the past few years"
    let vague_at = if g.is(k2, "a") && g.is(k2 + 1, "few") {
        Some(k2 + 2)
    } else if g.is_any(
        k2,
        &["several", "many", "few", "some", "numerous", "countless"],
    ) {
        Some(k2 + 1)
    } else {
        None
    };
    if let Some(u) = vague_at {
        let (unit, end) = g.unit_n(u, true)?;
        if g.is(k2, "some") && !lead {
            return None;
        }
        return Some(hit(k, end, dur(None, unit)));
    }
    if let Some((n, j)) = g.num(k2) {
        // "4 to 6 years", "four-to-six years", "3-5 years"
        let mut j2 = j;
        if g.is_any(j, &["to", "or"]) || g.is_dash(j) {
            if let Some((_, j3)) = g
                .num(j + 1)
                .filter(|(m, _)| *m > n && !g.is_any(j + 1, &["a", "an"]))
            {
                if g.unit(j3).is_some() {
                    j2 = j3;
                }
            }
        }
        // "five-year", "24-hour"
        if g.is_dash(j2) && g.adj(j2) && g.adj(j2 + 1) {
            j2 += 1;
        }
        // "seven consecutive months", "three straight years"
        if g.is_any(
            j2,
            &[
                "consecutive",
                "straight",
                "successive",
                "full",
                "long",
                "more",
                "additional",
                "further",
            ],
        ) {
            j2 += 1;
        }
        let (unit, plural, end) = g.unit(j2)?;
        if unit == Unit::Second && !plural && n == 1.0 {
            return None;
        }
        if is_age(g, end) {
            return None;
        }
        if unit == Unit::Weekend || unit == Unit::Quarter && g.is_any(k2, &["a", "an"]) && !lead {
            // "a quarter" is usually a fraction ("a quarter of the market")
            if unit == Unit::Quarter && !g.is_any(end, &["of"]) {
                return Some(hit(k, end, dur(Some(n), unit)));
            }
            return None;
        }
        // a year number is not a count ("2019 years" is odd; "2,000 years" is fine)
        // "a year" right after "a" article in "a year-long" is fine too
        if g.is_any(k2, &["a", "an", "one"]) && plural && n == 1.0 {
            return None;
        }
        // adjectival "one-day gain": fine; a duration spanning "the" only if lead
        let start = if lead { k } else { k2.min(k) };
        let mut h = hit(start, end, dur(Some(n), unit));
        // "a year and a half"
        if g.is(end, "and") && g.is(end + 1, "a") && g.is(end + 2, "half") {
            h.end = end + 3;
            h.sem = dur(Some(n + 0.5), unit);
        }
        return Some(h);
    }
    if lead {
        // "the past years" (rare) / "recent years", "the coming months"
        let (unit, end) = g.unit_n(k2, true)?;
        return Some(hit(k, end, dur(None, unit)));
    }
    // "the whole week", "the entire year", "the full month"
    // ("the full year" of a results story is the fiscal year, a date)
    if g.is_any(k, &["the", "a", "an"])
        && g.is_any(k + 1, &["whole", "entire", "full"])
        && !(g.is(k, "the") && g.is(k + 1, "full"))
    {
        let (unit, end) = g.unit_n(k + 2, false)?;
        if matches!(unit, Unit::Second | Unit::Weekend) {
            return None;
        }
        return Some(hit(k, end, dur(Some(1.0), unit)));
    }
    // "a five-year period", "the 12-month span"
    if g.is_any(k, &["a", "an", "the"]) {
        if let Some((n, j)) = g.num(k + 1).filter(|_| !g.is_any(k + 1, &["a", "an"])) {
            if g.is_dash(j) && g.adj(j) && g.adj(j + 1) {
                if let Some((unit, false, end)) = g.unit(j + 1) {
                    if g.is_any(end, &["period", "span", "stretch", "window", "term"]) {
                        return Some(hit(k, end + 1, dur(Some(n), unit)));
                    }
                }
            }
        }
    }
    // "the years ahead", "the months ahead"
    if g.is(k, "the") && g.is(k + 2, "ahead") {
        let (unit, end) = g.unit_n(k + 1, true)?;
        return Some(hit(k, end + 1, dur(None, unit)));
    }
    // "over the years", "over the decades"
    if g.is(k, "the") && g.prev_is_any(k, &["over", "through", "throughout"]) {
        let (unit, end) = g.unit_n(k + 1, true)?;
        if matches!(
            unit,
            Unit::Year | Unit::Decade | Unit::Century | Unit::Month
        ) {
            return Some(hit(k, end, dur(None, unit)));
        }
        return None;
    }
    // bare plurals after "for", "after", "in", "within", "took": "for years", "after decades"
    if let Some((unit, true, end)) = g.unit(k) {
        if g.prev_is_any(
            k,
            &[
                "for", "after", "in", "within", "took", "take", "takes", "taking", "spent",
                "lasted", "than",
            ],
        ) && !g.is(end, "of")
            || g.prev_is_any(k, &["after", "for"])
        {
            if matches!(unit, Unit::Second | Unit::Weekend | Unit::Quarter) {
                return None;
            }
            return Some(hit(k, end, dur(None, unit)));
        }
    }
    None
}

// [last|next|this] WEEKDAY [PART-OF-DAY]: "Tuesday", "last Friday", "Monday morning"
fn weekday(g: &Window, i: usize) -> Option<Hit> {
    let (which, k) = if g.is(i, "last") || g.is(i, "past") {
        (Which::Last, i + 1)
    } else if g.is(i, "next") || g.is(i, "coming") {
        (Which::Next, i + 1)
    } else if g.is(i, "this") {
        (Which::This, i + 1)
    } else {
        (Which::Tense, i)
    };
    let (wd, end, abbr) = g.weekday(k)?;
    if abbr {
        return None;
    }
    // "The Sunday Times", "Friday prayers": names and customs, not days
    let name = g.word(end).is_some_and(|w| {
        [
            "Times",
            "Telegraph",
            "Mirror",
            "Post",
            "Express",
            "Herald",
            "Mail",
            "Observer",
            "Star",
            "Independent",
            "Tribune",
            "prayers",
            "prayer",
            "sermon",
        ]
        .contains(&w)
    });
    if name {
        return None;
    }
    let day = Sense::Weekday { wd, which };
    if let Some((pod, e2)) = g.pod(end) {
        return Some(hit(
            i,
            e2,
            Sense::PartOfDay {
                day: Box::new(day),
                pod,
            },
        ));
    }
    // plural "Tuesdays" is not matched (word differs)
    Some(hit(i, end, day))
}

// a bare MONTH in a date context: "in January", "since March", "between March and May"
fn month_alone(g: &Window, i: usize) -> Option<Hit> {
    let (m, end, abbr) = g.month(i)?;
    let strong = g.prev_is_any(i, DATE_PREP)
        || (i >= 2
            && (g.is_any(i - 1, &["and", "or", "to", "through"]) || g.is_dash(i - 1))
            && g.month(i - 2).is_some());
    let ambiguous = (m == 5 || m == 3) && !abbr;
    if ambiguous || abbr {
        if !strong {
            return None;
        }
        // "in May 2019" handled elsewhere; "may" as a verb is lowercase
    } else if !strong {
        // a capitalized name after it ("June Smith") makes it a name
        if g.cap(end) && g.word(end).is_some() {
            return None;
        }
    }
    if abbr && !g.p(end - 1, ".") && !strong {
        return None;
    }
    // "in April, 2023"? handled by year tail; "the April jobs report" is fine
    Some(hit(
        i,
        end,
        Sense::Ym {
            y: YearSpec::Infer,
            m,
        },
    ))
}

/// A bare month after a modifier ("mid-March", "early May"): no context needed.
fn month_alone_any(g: &Window, i: usize) -> Option<Hit> {
    let (m, end, _) = g.month(i)?;
    Some(hit(
        i,
        end,
        Sense::Ym {
            y: YearSpec::Infer,
            m,
        },
    ))
}

// a four-digit YEAR in a year context: "in 2025", "by 2030", "2019's", "from 2019 to 2023".
// "the year 2020" keeps "the year" in its span: TimeML's TIMEX3 extent takes the determiner
// and the head noun of the temporal phrase (only prepositions stay out), as TimeBank does.
fn year(g: &Window, i: usize) -> Option<Hit> {
    let k = if g.is(i, "the") && g.is(i + 1, "year") {
        i + 2
    } else {
        i
    };
    let (y, end) = g.year4(k)?;
    let mut end = end;
    let prev_word = if i > 0 { g.word(i - 1) } else { None };
    let possessive = g.is_apos(end) && g.adj(end) && g.is(end + 1, "s");
    let strong = k > i
        || g.prev_is_any(i, DATE_PREP)
        || possessive
        || i >= 2 && g.is_dash(i - 1) && g.adj(i) && g.year4(i - 2).is_some()
        || i >= 1 && g.p(i - 1, "(") && g.p(end, ")")
        || i >= 1 && g.is(i - 1, "the") && {
            // "the 2022 election" but not "the 2000 workers"
            match g.word(end) {
                Some(w) => {
                    let plural = w.as_bytes().last().is_some_and(|b| b | 0x20 == b's');
                    !(plural && w.as_bytes()[0].is_ascii_lowercase())
                        || YEAR_NOUN_OK.iter().any(|n| n.eq_ignore_ascii_case(w))
                }
                None => true,
            }
        };
    if !strong {
        // weaker contexts: a plausible modern year followed by a stop or a verb
        if !(1950..=2100).contains(&y) {
            return None;
        }
        if prev_word.is_some_and(|w| AMOUNT_BEFORE.iter().any(|a| a.eq_ignore_ascii_case(w))) {
            return None;
        }
        if i > 0 && g.toks[i - 1].kind != Kind::Word && !g.p(i - 1, ",") && !g.p(i - 1, "\"") {
            return None;
        }
        let next_ok = match g.tok(end) {
            None => true,
            Some(t) if t.kind == Kind::Punct => {
                matches!(t.text, "," | "." | ";" | ":" | ")" | "\"" | "\u{201d}")
                    && !(t.text == "," && g.digits(end + 1).is_some() && g.adj(end + 1))
            }
            Some(_) => g.is_any(end, YEAR_NEXT),
        };
        if !next_ok {
            return None;
        }
    }
    // "%", "percent", "won", "people": an amount after all
    if g.p(end, "%")
        || g.is_any(
            end,
            &[
                "percent",
                "won",
                "yen",
                "dollars",
                "euros",
                "people",
                "units",
                "tons",
                "tonnes",
                "barrels",
                "km",
                "kilometers",
                "meters",
                "feet",
                "miles",
                "times",
                "points",
                "employees",
                "workers",
                "jobs",
                "members",
                "troops",
                "cases",
                "deaths",
                "million",
                "billion",
            ],
        )
    {
        return None;
    }
    if possessive {
        end = end.max(end); // span excludes "'s"
    }
    Some(hit(
        i,
        end,
        fixed(
            TimexType::Date,
            fmt_year(y),
            Granularity::Year,
            Anchor::Absolute,
        ),
    ))
}

/// "a.m.", "am", "AM", "p.m.", "pm": (is_pm, next).
fn ampm(g: &Window, i: usize) -> Option<(bool, usize)> {
    let w = g.word(i)?;
    let lw = Lower::new(w);
    let lw = lw.as_str();
    match lw {
        "am" => Some((false, i + 1)),
        "pm" => Some((true, i + 1)),
        "a" | "p" => {
            if g.p(i + 1, ".") && g.adj(i + 1) && g.is(i + 2, "m") && g.adj(i + 2) {
                let end = if g.p(i + 3, ".") && g.adj(i + 3) {
                    i + 4
                } else {
                    i + 3
                };
                Some((lw == "p", end))
            } else {
                None
            }
        }
        _ => None,
    }
}

// "6:05 a.m.", "10:27", "3 p.m.", "noon", "midnight"
fn clock(g: &Window, i: usize) -> Option<Hit> {
    let sharp = |end: usize| if g.is(end, "sharp") { end + 1 } else { end };
    if g.is(i, "noon") || g.is(i, "midday") {
        return Some(hit(
            i,
            sharp(i + 1),
            Sense::Clock {
                day: None,
                h: 12,
                m: 0,
                s: None,
            },
        ));
    }
    if g.is(i, "midnight") {
        return Some(hit(
            i,
            sharp(i + 1),
            Sense::Clock {
                day: None,
                h: 24,
                m: 0,
                s: None,
            },
        ));
    }
    if i > 0
        && g.adj(i)
        && (g.digits(i - 1).is_some() || g.p(i - 1, ":") || g.p(i - 1, ".") || g.p(i - 1, "$"))
    {
        return None;
    }
    let (mut h, mut m, mut s, mut end) = match hms(g, i) {
        Some(x) => x,
        None => {
            let (h, n) = g.digits(i)?;
            if n > 2 || !(1..=12).contains(&h) {
                return None;
            }
            // "Friday at 3", "at 8 tomorrow morning": a bare hour after "at" next to a day
            // counts only when it joins that day (a weak hit)
            if g.prev_is_any(i, &["at"]) && !g.adj(i + 1) && ampm(g, i + 1).is_none() {
                let day_before = i >= 2 && {
                    let k = i - 2;
                    g.weekday(k).is_some()
                        || g.pod(k).is_some()
                        || g.is_any(k, &["today", "tomorrow", "tonight", "yesterday"])
                };
                let day_after = g.weekday(i + 1).is_some()
                    || g.is_any(i + 1, &["today", "tomorrow", "tonight", "this", "on"]);
                if day_before || day_after {
                    let mut h = hit(
                        i,
                        i + 1,
                        Sense::Clock {
                            day: None,
                            h,
                            m: 0,
                            s: None,
                        },
                    );
                    h.weak = true;
                    return Some(h);
                }
            }
            // "3 p.m." needs the am/pm
            let (pm, end) = ampm(g, i + 1)?;
            let end = sharp(end);
            let h = to_24(h, pm);
            return Some(hit(
                i,
                end,
                Sense::Clock {
                    day: None,
                    h,
                    m: 0,
                    s: None,
                },
            ));
        }
    };
    if g.adj(end) && (g.digits(end).is_some() || g.p(end, ":")) {
        return None;
    }
    let mut weak = true;
    if let Some((pm, e)) = ampm(g, end) {
        if h > 12 {
            return None;
        }
        h = to_24(h, pm);
        end = e;
        weak = false;
    } else if g.is(end, "o") && g.is_apos(end + 1) && g.is(end + 2, "clock") {
        end += 3;
        weak = false;
    }
    if g.prev_is_any(
        i,
        &[
            "at", "around", "about", "by", "until", "before", "after", "from", "since",
        ],
    ) {
        weak = false;
    }
    if h == 24 && m > 0 {
        return None;
    }
    let end = sharp(end);
    let _ = (&mut m, &mut s);
    let mut hit = hit(i, end, Sense::Clock { day: None, h, m, s });
    hit.weak = weak;
    Some(hit)
}

/// Words before a time of day that make a bare number one ("at 7.35", "by ten past nine").
const CLOCK_PREP: &[&str] = &[
    "at", "by", "until", "till", "from", "around", "about", "before", "after", "since",
];

/// An hour written as one number, 1..=12 in words ("nine") or 0..=24 in digits.
fn hour_at(g: &Window, k: usize) -> Option<(u32, usize)> {
    if g.is_any(k, &["a", "an"]) {
        return None;
    }
    let (v, e) = g.num(k)?;
    if e != k + 1 || v.fract() != 0.0 {
        return None;
    }
    let max = if g.digits(k).is_some_and(|(_, n)| n <= 2) {
        24.0
    } else if g.word(k).is_some() {
        12.0
    } else {
        return None;
    };
    (1.0..=max).contains(&v).then_some((v as u32, e))
}

/// Minutes before "past" or "to": "ten", "twenty-five", "a quarter", "half", "5 minutes".
fn minutes_at(g: &Window, k: usize) -> Option<(u32, usize)> {
    if g.is(k, "half") {
        return Some((30, k + 1));
    }
    if g.is(k, "quarter") {
        return Some((15, k + 1));
    }
    if g.is(k, "a") && g.is(k + 1, "quarter") {
        return Some((15, k + 2));
    }
    if g.is_any(k, &["a", "an"]) {
        return None;
    }
    let (v, e) = g.num(k)?;
    if v.fract() != 0.0 || !(1.0..=59.0).contains(&v) {
        return None;
    }
    let e = if g.is_any(e, &["minutes", "minute"]) {
        e + 1
    } else {
        e
    };
    Some((v as u32, e))
}

/// After an hour: "o'clock", "am"/"pm", "sharp"; the hour made 24-hour. Returns (hour, end,
/// whether anything was read).
fn clock_tail(g: &Window, h: u32, end: usize) -> (u32, usize, bool) {
    let (mut h, mut end, mut any) = (h, end, false);
    if g.is(end, "o") && g.is_apos(end + 1) && g.is(end + 2, "clock") {
        end += 3;
        any = true;
    }
    if let Some((pm, e)) = ampm(g, end).filter(|_| h <= 12) {
        h = to_24(h, pm);
        end = e;
        any = true;
    }
    if g.is(end, "sharp") {
        end += 1;
    }
    (h, end, any)
}

// Times of day as people write them: "ten past nine", "half past nine", "a quarter to six
// o'clock", "five o'clock", "seven pm", "at 7.35", "17h30", "at 4 20", "at 1700 hours"
fn clock_words(g: &Window, i: usize) -> Option<Hit> {
    // "a" starts only "a quarter past/to ..."
    if g.is_any(i, &["a", "an"]) && !g.is(i + 1, "quarter") {
        return None;
    }
    // digits: only "7.35", "17h30", "4 20", "5 o'clock", "5 minutes past", "1700 hours"
    if g.toks[i].kind == Kind::Num {
        let glued = g.adj(i + 1) && (g.p(i + 1, ".") || g.is(i + 1, "h"));
        let next_num = !g.adj(i + 1) && g.digits(i + 1).is_some();
        if !(glued || next_num || g.is_any(i + 1, &["o", "minutes", "minute", "hours"])) {
            return None;
        }
    }
    // cheap test first: a time of day has a clock word after its first number, or a
    // preposition before it
    let cue = |k: usize| match g.toks.get(k) {
        Some(t) if t.kind == Kind::Punct => t.text == ".",
        Some(t) if t.kind == Kind::Word && t.text.len() <= 7 => {
            matches!(
                t.text.as_bytes()[0] | 0x20,
                b'p' | b't' | b'a' | b'b' | b'o' | b'm' | b'h' | b'q'
            ) && g.is_any(
                k,
                &[
                    "past", "to", "after", "before", "o", "minutes", "minute", "am", "pm", "a",
                    "p", "h", "hours", "quarter",
                ],
            )
        }
        _ => false,
    };
    let after_num = g.num(i).map_or(i + 1, |(_, e)| e);
    if !(cue(i + 1) || cue(after_num) || g.prev_is_any(i, CLOCK_PREP)) {
        return None;
    }
    let at = g.prev_is_any(i, CLOCK_PREP);
    let clock = |h: u32, m: u32, end: usize| {
        hit(
            i,
            end,
            Sense::Clock {
                day: None,
                h,
                m,
                s: None,
            },
        )
    };
    // MINUTES (past|to|after) HOUR; digits only with "minutes" ("9 to 12" is a range)
    let counted = g.digits(i).is_none() || g.is_any(i + 1, &["minutes", "minute"]);
    if let Some((m, k)) = minutes_at(g, i).filter(|_| counted) {
        if g.is_any(k, &["past", "after", "to", "before"]) {
            if let Some((hr, e)) = hour_at(g, k + 1).filter(|&(hr, _)| hr <= 12) {
                let (h, m) = if g.is_any(k, &["past", "after"]) {
                    (hr, m)
                } else {
                    (if hr == 1 { 12 } else { hr - 1 }, 60 - m)
                };
                // "ten to one" needs to be a time: minutes in words or a clock preposition
                if (g.is(k, "before") || g.is(k, "after")) && !at {
                    return None;
                }
                let (h, end, _) = clock_tail(g, h, e);
                return Some(clock(h, m, end));
            }
        }
    }
    // "five o'clock", "seven pm" (digits before am/pm are `clock`'s)
    if let Some((hr, e)) = hour_at(g, i) {
        if g.word(i).is_some() {
            let (h, end, any) = clock_tail(g, hr, e);
            if any {
                return Some(clock(h, 0, end));
            }
        } else if g.is(e, "o") && g.is_apos(e + 1) && g.is(e + 2, "clock") {
            let (h, end, _) = clock_tail(g, hr, e);
            return Some(clock(h, 0, end));
        }
    }
    let (hr, n) = g.digits(i)?;
    if i > 0 && g.adj(i) {
        return None;
    }
    // "at 7.35", "at 7.35 pm"; not "at 3.50%", "by 0.25 point", "at 7.35 a share"
    let at_dot = g.prev_is_any(i, &["at", "until", "till", "from", "around"]);
    if at_dot && n <= 2 && (1..=23).contains(&hr) && g.p(i + 1, ".") && g.adj(i + 1) && g.adj(i + 2)
    {
        let (m, 2) = g.digits(i + 2)? else {
            return None;
        };
        if m > 59 || g.adj(i + 3) && (g.digits(i + 3).is_some() || g.p(i + 3, ".")) {
            return None;
        }
        let (h, end, any) = clock_tail(g, hr, i + 3);
        let ends = match g.tok(end) {
            None => true,
            Some(t) if t.kind == Kind::Punct => !matches!(t.text, "%" | "$" | "-"),
            Some(_) => {
                g.is_any(
                    end,
                    &["today", "tomorrow", "tonight", "on", "this", "in", "and"],
                ) || g.weekday(end).is_some()
            }
        };
        if !(any || ends) {
            return None;
        }
        return Some(clock(h, m, end));
    }
    // "17h30", "17h"
    if n <= 2 && hr <= 24 && g.is(i + 1, "h") && g.adj(i + 1) {
        let (m, end) = match g.digits(i + 2).filter(|_| g.adj(i + 2)) {
            Some((m, 2)) if m <= 59 => (m, i + 3),
            Some(_) => return None,
            None if at => (0, i + 2),
            None => return None,
        };
        if g.adj(end) && g.tok(end).is_some_and(|t| t.kind != Kind::Punct) {
            return None;
        }
        return Some(clock(hr, m, end));
    }
    // "at 4 20"
    if at && n <= 2 && (1..=12).contains(&hr) && !g.adj(i + 1) {
        if let Some((m, 2)) = g.digits(i + 1) {
            let ends =
                g.tok(i + 2).is_none_or(|t| t.kind == Kind::Punct) || ampm(g, i + 2).is_some();
            if m <= 59 && ends && g.prev_is_any(i, &["at"]) {
                let (h, end, _) = clock_tail(g, hr, i + 2);
                return Some(clock(h, m, end));
            }
        }
    }
    // "at 1700 hours"
    if at && n == 4 && g.is(i + 1, "hours") && hr / 100 <= 24 && hr % 100 <= 59 {
        return Some(clock(hr / 100, hr % 100, i + 2));
    }
    None
}

// A part of the day alone: "late morning", "early afternoon", "late at night", "in the
// morning" (of the reference day)
fn pod_alone(g: &Window, i: usize) -> Option<Hit> {
    // cheap test first: "the" goes on only before "morning", "afternoon", "evening"
    if g.toks[i].text.len() == 3
        && g.toks
            .get(i + 1)
            .is_none_or(|t| t.lex & crate::lex::AFTER_ARTICLE == 0)
    {
        return None;
    }
    let today = || {
        Box::new(Sense::Rel {
            unit: Unit::Day,
            off: 0,
        })
    };
    let (modifier, k) = if g.is(i, "late") {
        (Some(Modifier::End), i + 1)
    } else if g.is(i, "early") {
        (Some(Modifier::Start), i + 1)
    } else {
        (None, i)
    };
    // "late at night"
    if modifier.is_some() && g.is(k, "at") && g.is(k + 1, "night") {
        let mut h = hit(
            i,
            k + 2,
            Sense::PartOfDay {
                day: today(),
                pod: DayPart::Night,
            },
        );
        h.modifier = modifier;
        return Some(h);
    }
    let the = g.is(k, "the");
    if the && (modifier.is_some() || !g.prev_is_any(i, &["in", "during", "by", "through"])) {
        return None;
    }
    let k = if the { k + 1 } else { k };
    let (pod, end) = g.pod(k)?;
    if modifier.is_none() && !the || pod == DayPart::Night && the {
        return None;
    }
    // "the morning of May 5", "the morning after": not this day
    if g.is_any(
        end,
        &[
            "of", "after", "before", "session", "sessions", "news", "show",
        ],
    ) {
        return None;
    }
    let mut h = hit(i, end, Sense::PartOfDay { day: today(), pod });
    h.modifier = modifier;
    Some(h)
}

fn to_24(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

/// Words that keep "the future" a noun ("the future of", "in the future, ...").
const AFTER_FUTURE_NOUN: &[&str] = &[
    "of", "is", "was", "will", "and", "or", "as", "for", "in", "with", "that", "when", "holds",
    "looks", "remains", "but", "if", "to", "because", "depends", "lies", "at",
];

/// Nouns after "current" that make a fixed term, not a time ("the current account").
const CURRENT_TERMS: &[&str] = &[
    "account",
    "accounts",
    "affairs",
    "assets",
    "liabilities",
    "ratio",
    "density",
    "flow",
    "flows",
    "source",
    "sources",
    "meter",
    "limit",
];

/// "current", "recent" or "present" at `i` is an adjective before a noun: a lowercase word
/// follows that is no verb or function word, and "present" follows a determiner (else it is
/// the verb: "to present results").
fn adjective_before_noun(g: &Window, i: usize) -> bool {
    let Some(next) = g.word(i + 1) else {
        return false;
    };
    if !next.as_bytes()[0].is_ascii_lowercase() || g.unit(i + 1).is_some() {
        return false;
    }
    if g.is_any(i + 1, CURRENT_TERMS) && g.is(i, "current") {
        return false;
    }
    if g.is_any(
        i + 1,
        &[
            "was", "is", "were", "are", "of", "in", "and", "or", "to", "that", "which", "as", "at",
            "on", "for", "from", "by", "with", "has", "had", "will", "would", "the", "a",
        ],
    ) {
        return false;
    }
    if g.is(i, "present") {
        return g.prev_is_any(i, &["the", "its", "their", "our", "his", "her"]);
    }
    true
}

/// The holiday named at `i`: (rule, next).
fn holiday_name(g: &Window, i: usize) -> Option<(crate::holiday::Rule, usize)> {
    let first = g.word(i)?;
    if !first.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    let lower = Lower::new(first);
    'names: for (words, rule) in crate::holiday::HOLIDAYS {
        if words[0] != lower.as_str() {
            continue;
        }
        let mut k = i;
        for w in *words {
            let ok = match *w {
                "'" => g.is_apos(k),
                "." => g.p(k, "."),
                w => g.is(k, w),
            };
            if !ok {
                continue 'names;
            }
            k += 1;
        }
        return Some((*rule, k));
    }
    None
}

/// Words after a holiday name that keep it a day ("on Christmas and ...").
const AFTER_HOLIDAY_OK: &[&str] = &[
    "in",
    "on",
    "at",
    "and",
    "or",
    "to",
    "for",
    "with",
    "this",
    "last",
    "next",
    "when",
    "as",
    "he",
    "she",
    "they",
    "we",
    "it",
    "the",
    "a",
    "was",
    "is",
    "will",
    "would",
    "weekend",
    "morning",
    "night",
    "evening",
    "afternoon",
    "holiday",
    "holidays",
    "break",
    "period",
    "week",
    "season",
];

// A holiday: "Christmas", "Christmas Day 2015", "Labor Day", "Easter 2017", "Good Friday";
// and some units before or after one: "three days before Easter 2017", "the week before
// Christmas", "the day after Christmas"
fn holiday(g: &Window, i: usize) -> Option<Hit> {
    // "three days before Easter", "the day after Christmas"
    let (n, k) = if g.is(i, "the") {
        (Some(1), i + 1)
    } else if let Some((v, k)) = g.num(i).filter(|(v, _)| v.fract() == 0.0 && *v < 1000.0) {
        (Some(v as i32), k)
    } else {
        (None, i)
    };
    if let Some(n) = n {
        let (unit, _, e) = g.unit(k)?;
        if !matches!(unit, Unit::Day | Unit::Week | Unit::Month) {
            return None;
        }
        let sign = if g.is(e, "before") {
            -1
        } else if g.is_any(e, &["after", "from"]) {
            1
        } else {
            return None;
        };
        // a holiday, or a day: "a week from Friday", "two days before yesterday"
        let base = holiday(g, e + 1).filter(|_| !g.is(e, "from")).or_else(|| {
            let day = [deictic, weekday, month_day]
                .into_iter()
                .filter_map(|r| r(g, e + 1))
                .max_by_key(|h| h.end)?;
            if !is_day_sem(&day.sem) || !matches!(unit, Unit::Day | Unit::Week) {
                return None;
            }
            Some(day)
        })?;
        // counted in days from a plain day ("a week from today" is a day)
        let (unit, n) = match (&base.sem, unit) {
            (Sense::Holiday { .. }, u) => (u, n),
            (_, Unit::Week) => (Unit::Day, n * 7),
            (_, u) => (u, n),
        };
        let end = base.end;
        let mut h = hit(
            i,
            end,
            Sense::Offset {
                base: Box::new(base.sem),
                unit,
                n: sign * n,
            },
        );
        h.tense = base.tense;
        return Some(h);
    }
    let (rule, j) = holiday_name(g, i)?;
    if let Some((y, end)) = year_tail(g, j) {
        return Some(hit(i, end, Sense::Holiday { rule, y }));
    }
    // "Christmas tree", "Christmas Island", "the Easter Rising": a name or a kind, not a day
    if let Some(next) = g.word(j) {
        if !g.is_any(j, AFTER_HOLIDAY_OK) {
            return None;
        }
        let _ = next;
    }
    if g.prev_is_any(i, &["the", "a", "an", "this", "that"]) && j == i + 1 {
        return None;
    }
    Some(hit(
        i,
        j,
        Sense::Holiday {
            rule,
            y: YearSpec::Infer,
        },
    ))
}

/// A month or year that a part can be counted in, at `k`: "October", "March 2015", "next
/// month", "last year", "2019", "the year", "the month". Returns (sense, next).
fn period_at(g: &Window, k: usize) -> Option<(Sense, usize)> {
    if let Some((y, e)) = g.year4(k).or_else(|| {
        g.digits(k)
            .filter(|&(v, n)| n == 4 && (1000..=2999).contains(&v))
            .map(|(v, _)| (v as i32, k + 1))
    }) {
        let value = fmt_year(y);
        let sem = fixed(TimexType::Date, value, Granularity::Year, Anchor::Absolute);
        return Some((sem, e));
    }
    if g.is(k, "the") {
        let (unit, e) = g.unit_n(k + 1, false)?;
        return match unit {
            Unit::Year => Some((Sense::RelYear(0), e)),
            Unit::Month => Some((Sense::Rel { unit, off: 0 }, e)),
            _ => None,
        };
    }
    for rule in [month_year, month_alone_any, relative] {
        if let Some(h) = rule(g, k) {
            if matches!(
                h.sem,
                Sense::Ym { .. }
                    | Sense::RelYear(_)
                    | Sense::Rel {
                        unit: Unit::Month,
                        ..
                    }
            ) {
                return Some((h.sem, h.end));
            }
        }
    }
    None
}

// Counting inside a period: "the last Monday of October", "the first Sunday of March 2015",
// "the 20th day of last month", "the last day of February", "the third week of next year",
// "the 2nd last week of 2019"; and "the 29th" alone after "on"
fn within(g: &Window, i: usize) -> Option<Hit> {
    if !g.is(i, "the") {
        return None;
    }
    let k = i + 1;
    let (n, k) = if g.is(k, "last") {
        (-1, k + 1)
    } else {
        let (v, e) = g.ordinal(k)?;
        let v = i32::try_from(v).ok()?;
        // "the 2nd last week": counted from the end
        if g.is(e, "last") { (-v, e + 1) } else { (v, e) }
    };
    let (part, k) = if let Some((wd, e, _)) = g.weekday(k) {
        (Part::Weekday { n, wd }, e)
    } else if g.is(k, "day") {
        (Part::Day { n }, k + 1)
    } else if g.is(k, "week") {
        (Part::Week { n }, k + 1)
    } else {
        // "on the 29th": a day of this month, by tense
        let plain = n > 0
            && n <= 31
            && g.digits(i + 1).is_some()
            && g.prev_is_any(
                i,
                &[
                    "on", "by", "until", "till", "from", "since", "before", "after",
                ],
            )
            && g.tok(k)
                .is_none_or(|t| t.kind == Kind::Punct || g.is_any(k, &["at", "and", "or"]));
        if plain {
            return Some(hit(i, k, Sense::DayOfMonth { d: n as u32 }));
        }
        return None;
    };
    if !g.is_any(k, &["of", "in"]) {
        return None;
    }
    let (base, end) = period_at(g, k + 1)?;
    if matches!(part, Part::Weekday { .. }) && !matches!(base, Sense::Ym { .. }) {
        return None;
    }
    if !(-5..=53).contains(&n) || n == 0 {
        return None;
    }
    Some(hit(
        i,
        end,
        Sense::Within {
            base: Box::new(base),
            part,
        },
    ))
}

// "09/2021", "09 / 2021": a month and a year
fn month_slash_year(g: &Window, i: usize) -> Option<Hit> {
    // cheap test first: two digits then a slash
    if g.toks[i].text.len() != 2 || !g.p(i + 1, "/") {
        return None;
    }
    let (m, 2) = g.digits(i)? else {
        return None;
    };
    if !(1..=12).contains(&m) || i > 0 && g.adj(i) {
        return None;
    }
    if !g.p(i + 1, "/") || g.adj(i + 1) != g.adj(i + 2) {
        return None;
    }
    let (y, 4) = g.digits(i + 2)? else {
        return None;
    };
    if !(1900..=2100).contains(&y)
        || g.adj(i + 3) && g.tok(i + 3).is_some_and(|t| t.kind != Kind::Punct)
    {
        return None;
    }
    Some(hit(
        i,
        i + 3,
        Sense::Ym {
            y: YearSpec::Abs(y as i32),
            m,
        },
    ))
}

// A year in words after a date preposition: "in nineteen eighty-four", "by twenty twenty-five",
// "in two thousand and nine", "in the year two thousand"
fn year_words(g: &Window, i: usize) -> Option<Hit> {
    let k = if g.is(i, "the") {
        if !g.is(i + 1, "year") {
            return None;
        }
        i + 2
    } else {
        i
    };
    g.word(k)?;
    let (a, j) = g.num(k)?;
    if !((10.0..=20.0).contains(&a) || (1000.0..=2099.0).contains(&a))
        || !(k > i || g.prev_is_any(i, DATE_PREP))
    {
        return None;
    }
    let (y, end) = if j == k + 1 && (10.0..=20.0).contains(&a) && a.fract() == 0.0 {
        // "nineteen eighty-four", "twenty twenty-five", "nineteen oh five"
        if g.is(j, "oh") {
            let (b, e) = g.num(j + 1).filter(|(b, _)| (1.0..=9.0).contains(b))?;
            (a * 100.0 + b, e)
        } else {
            let (b, e) = g.num(j).filter(|&(b, e)| {
                (10.0..=99.0).contains(&b) && b.fract() == 0.0 && e > j && g.word(j).is_some()
            })?;
            (a * 100.0 + b, e)
        }
    } else if (1000.0..=2099.0).contains(&a) && a.fract() == 0.0 && g.is_any(k + 1, &["thousand"]) {
        // "two thousand", "two thousand and nine" (read whole by `num`)
        (a, j)
    } else {
        return None;
    };
    // "nineteen ninety people": a count after all
    if g.word(end).is_some_and(|w| w.ends_with('s') && w.len() > 3) && g.unit(end).is_none() {
        return None;
    }
    Some(hit(
        i,
        end,
        fixed(
            TimexType::Date,
            fmt_year(y as i32),
            Granularity::Year,
            Anchor::Absolute,
        ),
    ))
}

// The reporting period of a results story: "the quarter", "the latest quarter", "the most
// recent quarter", "the latest period", "the same period", "the year-earlier period", "the
// year-ago quarter", "the same quarter last year", "the same period a year ago"
fn report(g: &Window, i: usize) -> Option<Hit> {
    if !g.is(i, "the") {
        return None;
    }
    let mut k = i + 1;
    let mut years = 0;
    let mut same = false;
    if g.is(k, "latest") || g.is(k, "reported") {
        k += 1;
    } else if g.is(k, "most") && g.is(k + 1, "recent") {
        k += 2;
    } else if g.is(k, "same") {
        same = true;
        k += 1;
    } else if g.is(k, "year")
        && g.is_dash(k + 1)
        && g.adj(k + 1)
        && g.adj(k + 2)
        && g.is_any(k + 2, &["earlier", "ago", "before"])
    {
        years = -1;
        k += 3;
    }
    let noun = g.is_any(k, &["quarter", "period"])
        || years != 0 && g.is_any(k, &["level", "levels", "figure", "figures"]);
    if !noun {
        return None;
    }
    // "the quarter of the market", "the period of ...", "the quarter-final"
    if g.is(k + 1, "of") || g.is_dash(k + 1) && g.adj(k + 1) {
        return None;
    }
    // a bare "the period" only where a results story uses it: "in the period"
    let bare = k == i + 1;
    if bare && g.is(k, "period") && !g.prev_is_any(i, &["in", "for", "during", "over"]) {
        return None;
    }
    if bare && g.prev_is_any(i, &["from", "of"]) && g.is(k, "quarter") {
        // "a quarter from the quarter before", "half of the quarter": too vague
        return None;
    }
    let mut end = k + 1;
    if same {
        // "the same period a year ago", "the same quarter last year", "... a year earlier"
        if g.is_any(end, &["a", "one"])
            && g.is(end + 1, "year")
            && g.is_any(end + 2, &["ago", "earlier", "before"])
        {
            years = -1;
            end += 3;
        } else if g.is(end, "last") && g.is(end + 1, "year") {
            years = -1;
            end += 2;
        } else if g.is(end, "of") && g.is(end + 1, "last") && g.is(end + 2, "year")
            || g.is(end, "the")
                && g.is_any(end + 1, &["previous", "prior"])
                && g.is(end + 2, "year")
        {
            years = -1;
            end += 3;
        }
    }
    let mut h = hit(i, end, Sense::Report { years });
    h.chained = years != 0;
    Some(h)
}

// "now", "currently", "recently", "lately", "the past", "the future", "the near future",
// "at present", "these days", "nowadays"
fn vague(g: &Window, i: usize) -> Option<Hit> {
    let w = g.word(i)?;
    let lower = Lower::new(w);
    let lower = lower.as_str();
    let v = |value: &str| {
        fixed(
            TimexType::Date,
            value.into(),
            Granularity::Vague,
            Anchor::None,
        )
    };
    match lower {
        "now" | "currently" | "nowadays" => {
            // "now-defunct" is fine; "Now" as a name is rare
            Some(hit(i, i + 1, v("PRESENT_REF")))
        }
        "recently" | "lately" | "formerly" | "previously" => Some(hit(i, i + 1, v("PAST_REF"))),
        "present" if g.prev_is_any(i, &["at"]) => Some(hit(i, i + 1, v("PRESENT_REF"))),
        // "right now": "right" modifies "now" and stays in the span
        "right" if g.is(i + 1, "now") => Some(hit(i, i + 2, v("PRESENT_REF"))),
        // "long ago"
        "long" if g.is(i + 1, "ago") && !g.prev_is_any(i, &["how", "so", "too"]) => {
            Some(hit(i, i + 2, v("PAST_REF")))
        }
        // "soon", "shortly"; not "soon after the attack", "as soon as", "too soon"
        "soon" | "shortly"
            if !g.is_any(
                i + 1,
                &["after", "before", "thereafter", "afterwards", "as"],
            ) && !g.prev_is_any(i, &["as", "too", "how", "so"]) =>
        {
            Some(hit(i, i + 1, v("FUTURE_REF")))
        }
        // adjectival "current", "recent", "present" before a noun: "under current rules",
        // "recent data", "the present government"
        "current" | "recent" | "present" if adjective_before_noun(g, i) => {
            let value = if lower == "recent" {
                "PAST_REF"
            } else {
                "PRESENT_REF"
            };
            Some(hit(i, i + 1, v(value)))
        }
        "these" if g.is(i + 1, "days") && !g.prev_is_any(i, &["of", "in"]) => {
            Some(hit(i, i + 2, v("PRESENT_REF")))
        }
        "the" => {
            let mut k = i + 1;
            if g.is_any(
                k,
                &[
                    "near",
                    "foreseeable",
                    "distant",
                    "immediate",
                    "recent",
                    "distant",
                ],
            ) {
                k += 1;
            }
            let next_ok = |e: usize| match g.tok(e) {
                None => true,
                Some(t) if t.kind != Kind::Word => true,
                Some(_) => g.is_any(e, AFTER_FUTURE_NOUN) || g.cap(e),
            };
            if g.is(k, "future") && next_ok(k + 1) {
                return Some(hit(i, k + 1, v("FUTURE_REF")));
            }
            if g.is(k, "past") && next_ok(k + 1) && !g.is(k + 1, "of") {
                return Some(hit(i, k + 1, v("PAST_REF")));
            }
            if g.is(k, "moment") && g.prev_is_any(i, &["at"]) && k == i + 1 {
                return Some(hit(i, k + 1, v("PRESENT_REF")));
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matcher before dispatch by first token: every rule at every starting token.
    fn match_all(g: &Window, i: usize) -> Option<Hit> {
        if !can_start(g.toks.get(i)?) {
            return None;
        }
        if g.is_any(i, &["the", "a", "an"]) {
            let next = g.toks.get(i + 1)?;
            let most_recent = g.is(i + 1, "most") && g.is(i + 2, "recent");
            if !can_start(next)
                && !g.is_any(i + 1, AFTER_ARTICLE)
                && g.unit(i + 1).is_none()
                && !most_recent
            {
                return None;
            }
        }
        let mut best: Option<Hit> = None;
        for rule in &RULES {
            if let Some(h) = (rule.production)(g, i) {
                if h.end > i && best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        }
        best
    }

    /// Dispatch by first token finds exactly what trying every rule finds, at every token of
    /// every window of `text`.
    fn check(text: &str) {
        let mut toks = Vec::new();
        for window in crate::scan::windows(text) {
            crate::scan::tokenize(text, window, &mut toks);
            let mut nums = Vec::new();
            reset_nums(&mut nums, toks.len());
            let g = Window {
                text,
                toks: &toks,
                nums: &nums,
            };
            for i in 0..toks.len() {
                // the cheap tests of `ordinal` and the memo of `num` change nothing
                let t = &toks[i];
                let slow_ordinal = (t.kind != Kind::Punct)
                    .then(|| crate::number::parse_ordinal(&text[t.start..]))
                    .flatten()
                    .and_then(|(v, n)| {
                        let j = (i..toks.len()).find(|&j| toks[j].end >= t.start + n)?;
                        (toks[j].end == t.start + n).then_some((v, j + 1))
                    });
                assert_eq!(g.ordinal(i), slow_ordinal, "{:?}", t.text);
                assert_eq!(g.num(i), g.num_at(i), "{:?}", t.text);
                assert_eq!(
                    format!("{:?}", match_at(&g, i)),
                    format!("{:?}", match_all(&g, i)),
                    "at {:?} in {:?}",
                    toks[i].text,
                    &text[toks[i].start..text.len().min(toks[i].start + 60)]
                );
            }
        }
    }

    #[test]
    fn dispatch_is_exact() {
        check(include_str!("../tests/cases.tsv"));
        check(include_str!("../../../fixtures/time/heldout.tsv"));
        check(include_str!("../../../fixtures/time/dates_forms.txt"));
        check(include_str!(
            "../../../fixtures/time/durations_and_sets.txt"
        ));
        check(include_str!(
            "../../../fixtures/time/tense_and_weekdays.txt"
        ));
        check(include_str!("../../../fixtures/time/markets_report.txt"));
        check(include_str!(
            "../../../fixtures/time/policy_announcement.txt"
        ));
        for w in rule_starts().flat_map(|(words, _)| words) {
            // every word that starts a rule, in a few contexts, capitalized or not
            let upper = w.to_uppercase();
            let title = format!("{}{}", &upper[..1], &w[1..]);
            for v in [w.to_string(), upper, title] {
                check(&format!("{v} 5 years ago and {v} 2019, {v} January 5"));
                check(&format!("in {v} the first quarter of 2023 and {v} year"));
                check(&format!(
                    "{v} 1990s, {v} '90s and {v} 21st century, {v} days"
                ));
            }
        }
    }

    #[test]
    fn rules_have_distinct_names_and_triggers() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        for r in &RULES {
            let t = &r.triggers;
            assert!(
                t.number || t.apostrophe || t.words.iter().any(|w| !w.is_empty()),
                "{} starts nowhere",
                r.name
            );
        }
        assert_eq!(APOSTROPHE_RULES.count_ones(), 1);
    }
}
