//! The grammar: small rules over the tokens of one window.
//!
//! Each rule looks at the tokens from index `i` and, if it matches, returns a [`Hit`]: the
//! token range it covers and its sense ([`Sense`]). [`match_at`] tries every rule and keeps the
//! longest match (the first rule wins ties). Rules never include a leading preposition ("in",
//! "on", "since", "by", "over", "within") in their span, following TimeML.
//!
//! Rules are a registry: [`RULES`] lists each rule once, with its name, the words (or numbers)
//! it can start at and its production. Which rules to try at a word, and which words can start
//! any rule, are derived from that list ([`rule_starts`]), never kept beside it. The
//! productions live one family per file: [`dates`], [`clock`] (times of day), [`durations`],
//! [`sets`], [`relative`] (deictic words and reporting periods), [`vague`], [`holidays`], and
//! [`ranges`], which joins the single matches afterwards.

use chrono::Weekday;

use crate::lex::Lower;
use crate::resolve::{DayPart, Part, Sense, Tense, ValueText, Which, YearSpec, fmt_year};
use crate::scan::{Kind, Tok};
use crate::timex::{Anchor, Granularity, Modifier, TimexType};
use crate::words::{MONTH_NAMES, MONTHS, ORDINAL_WORDS, UNITS, Unit, WEEKDAY_NAMES, WEEKDAYS};

mod clock;
mod dates;
mod durations;
mod holidays;
mod ranges;
mod relative;
mod sets;
mod vague;

use clock::*;
use dates::*;
use durations::*;
use holidays::*;
use ranges::*;
use relative::*;
use sets::*;
use vague::*;

pub(crate) use ranges::ranges;

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
    /// The lexicon the tokens were looked up in (see [`lexicon`]).
    pub lexicon: &'static crate::lex::Table,
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

/// The span after an optional "the": returns the index after it.
fn opt_the(g: &Window, i: usize) -> usize {
    if g.is(i, "the") { i + 1 } else { i }
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
    /// More words to start at, computed once when the lexicon is built (the names of the
    /// calendar holidays come from [`crate::calendar`]).
    pub(crate) computed: Option<fn() -> Vec<&'static str>>,
    /// Words that open a scan window for the rule besides the scanner's own triggers, computed
    /// once too (the last word of a name: "Kippur", "Diwali").
    pub(crate) windows: Option<fn() -> Vec<&'static str>>,
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
            computed: None,
            windows: None,
        },
        production: iso,
    },
    Rule {
        name: "slash_date",
        triggers: Triggers {
            words: &[],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: slash_date,
    },
    Rule {
        name: "day_month",
        triggers: Triggers {
            words: &[&WEEKDAY_NAMES, &["the"]],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: day_month,
    },
    Rule {
        name: "month_day",
        triggers: Triggers {
            words: &[&WEEKDAY_NAMES, &MONTH_NAMES],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: month_day,
    },
    Rule {
        name: "month_year",
        triggers: Triggers {
            words: &[&MONTH_NAMES],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: month_year,
    },
    Rule {
        name: "modified",
        triggers: Triggers {
            words: &[&["the", "early", "late", "mid"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: modified,
    },
    Rule {
        name: "decade",
        triggers: Triggers {
            words: &[&["the", "early", "late", "mid"]],
            number: true,
            apostrophe: true,
            computed: None,
            windows: None,
        },
        production: decade,
    },
    Rule {
        name: "century",
        triggers: Triggers {
            words: &[ORDINAL_WORDS, &["the", "early", "late", "mid"]],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
        },
        production: quarter_half,
    },
    Rule {
        name: "fiscal",
        triggers: Triggers {
            words: &[&["the", "fiscal", "fy"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
        },
        production: set,
    },
    Rule {
        name: "ago",
        triggers: Triggers {
            words: &[crate::words::NUM_START_WORDS, APPROX_WORDS, &["the"]],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
        },
        production: duration,
    },
    Rule {
        name: "weekday",
        triggers: Triggers {
            words: &[&WEEKDAY_NAMES, &["this", "last", "next", "past", "coming"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: weekday,
    },
    Rule {
        name: "month_alone",
        triggers: Triggers {
            words: &[&MONTH_NAMES],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: month_alone,
    },
    Rule {
        name: "year",
        triggers: Triggers {
            words: &[&["the"]],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: year,
    },
    Rule {
        name: "clock",
        triggers: Triggers {
            words: &[&["noon", "midday", "midnight"]],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
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
            computed: None,
            windows: None,
        },
        production: vague,
    },
    Rule {
        name: "report",
        triggers: Triggers {
            words: &[&["the"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: report,
    },
    Rule {
        name: "year_words",
        triggers: Triggers {
            words: &[crate::words::NUM_START_WORDS, &["the"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: year_words,
    },
    Rule {
        name: "holiday",
        triggers: Triggers {
            words: &[
                crate::words::NUM_START_WORDS,
                crate::holiday::FIRST_WORDS,
                &["the", "during", "throughout"],
            ],
            number: true,
            apostrophe: false,
            computed: Some(calendar_first_words),
            windows: Some(calendar_last_words),
        },
        production: holiday,
    },
    Rule {
        name: "clock_words",
        triggers: Triggers {
            words: &[crate::words::NUM_START_WORDS, &["half", "quarter"]],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: clock_words,
    },
    Rule {
        name: "pod_alone",
        triggers: Triggers {
            words: &[&["early", "late", "the"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: pod_alone,
    },
    Rule {
        name: "within",
        triggers: Triggers {
            words: &[&["the"]],
            number: false,
            apostrophe: false,
            computed: None,
            windows: None,
        },
        production: within,
    },
    Rule {
        name: "month_slash_year",
        triggers: Triggers {
            words: &[],
            number: true,
            apostrophe: false,
            computed: None,
            windows: None,
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

/// The lexicon of the scanner, the grammar and the tense guesser, built on first use from the
/// lists of [`crate::words`], [`APPROX_WORDS`], [`AFTER_ARTICLE`] and the triggers of [`RULES`].
pub(crate) fn lexicon() -> &'static crate::lex::Table {
    static TABLE: std::sync::OnceLock<crate::lex::Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let lists = [
            (APPROX_WORDS, crate::lex::APPROX),
            (AFTER_ARTICLE, crate::lex::AFTER_ARTICLE),
        ];
        let rules =
            rule_starts().map(|(words, r)| (words, (u64::from(r) << 32) | crate::lex::STARTER));
        let computed: Vec<(Vec<&'static str>, u64)> = RULES
            .iter()
            .enumerate()
            .flat_map(|(r, rule)| {
                let starts = rule
                    .triggers
                    .computed
                    .map(|words| (words(), (u64::from(1u32 << r) << 32) | crate::lex::STARTER));
                let windows = rule
                    .triggers
                    .windows
                    .map(|words| (words(), crate::lex::TRIGGER));
                starts.into_iter().chain(windows)
            })
            .collect();
        let computed = computed
            .iter()
            .map(|(words, bits)| (words.as_slice(), *bits));
        crate::lex::build(lists.into_iter().chain(rules).chain(computed))
    })
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
        let lexicon = lexicon();
        for window in crate::scan::windows(text, lexicon) {
            crate::scan::tokenize(text, window, lexicon, &mut toks);
            let mut nums = Vec::new();
            reset_nums(&mut nums, toks.len());
            let g = Window {
                text,
                lexicon,
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
        check(include_str!("../../tests/cases.tsv"));
        check(include_str!("../../../../fixtures/time/heldout.tsv"));
        check(include_str!("../../../../fixtures/time/dates_forms.txt"));
        check(include_str!(
            "../../../../fixtures/time/durations_and_sets.txt"
        ));
        check(include_str!(
            "../../../../fixtures/time/tense_and_weekdays.txt"
        ));
        check(include_str!("../../../../fixtures/time/markets_report.txt"));
        check(include_str!(
            "../../../../fixtures/time/policy_announcement.txt"
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
