//! Sets, recurring times: "annually", "every month", "twice a week".

use super::*;

pub(super) fn set_sem(value: String, gran: Granularity) -> Sense {
    fixed(TimexType::Set, value, gran, Anchor::None)
}

/// Words that say an amount precedes "a year" ("$5 a month", "twice a week", "20% a year").
pub(super) const RATE_BEFORE: &[&str] = &[
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
pub(super) const NOT_RATE_BEFORE: &[&str] = &[
    "within", "for", "in", "than", "over", "about", "after", "nearly", "almost", "around", "under",
    "only", "just", "least", "of", "by", "from", "to", "take", "took", "takes", "last", "lasted",
    "spent", "and", "or", "than", "once", "twice",
];

/// Nouns after "annual", "daily"... that make them name a publication ("the annual report",
/// "the weekly newspaper", "its quarterly earnings report").
pub(super) const PUBLICATIONS: &[&str] = &[
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
pub(super) fn set(g: &Window, i: usize) -> Option<Hit> {
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
