//! An amount in words, for answers: `$28 million`, `937.6 billion won`, `up to $6.4 billion`.

use std::sync::OnceLock;

use crate::{Amount, AmountKind, Approx};

/// Says `amount` the way a news answer would: `$28 million`, `937.6 billion won`,
/// `about 2 billion won`, `up to $6.4 billion`, `at least $10 million`, `30%`, `220 parts`.
///
/// Values of a million and more that three decimals of `million`/`billion`/`trillion` state
/// exactly use that word (`$4.6 billion`); others are written in full with thousands
/// separators (`2,204,791`, `10,000 naira`).
///
/// Dollar-like currencies and the euro and pound take a symbol (`$`, `C$`, `HK$`, `NT$`,
/// `€`, `£`); currencies usually named after the number take their name (`won`, `yen`,
/// `yuan`, `naira`, `rupees`); any other code is written first (`SEK 5 million`).
///
/// ```
/// use almanac_measure::{describe, find_amounts};
///
/// let found = find_amounts("spend 937.6 billion won ($710 million) on up to 30% more");
/// let said: Vec<String> = found.iter().map(describe).collect();
/// assert_eq!(said, ["937.6 billion won", "$710 million", "up to 30%"]);
/// ```
pub fn describe(amount: &Amount) -> String {
    let qualifier = match amount.approx {
        Approx::Exact => "",
        Approx::About => "about ",
        Approx::AtLeast => "at least ",
        Approx::AtMost => "up to ",
    };
    let money = matches!(amount.kind, AmountKind::Money { .. });
    let number = format_value(amount.value, money);
    let body = match &amount.kind {
        AmountKind::Money { currency } => match style(currency) {
            Style::Symbol(sym) => format!("{sym}{number}"),
            Style::Name(name) => format!("{number} {name}"),
            Style::Code => format!("{currency} {number}"),
        },
        AmountKind::Percent => format!("{number}%"),
        AmountKind::Count { unit } => format!("{number} {unit}"),
        AmountKind::Number => number,
    };
    format!("{qualifier}{body}")
}

/// How a currency is written next to its amount.
enum Style {
    /// Before the number: `$`, `€`.
    Symbol(&'static str),
    /// After the number: `won`, `yen`.
    Name(&'static str),
    /// The ISO code before the number.
    Code,
}

/// The writing style for an ISO code.
fn style(code: &str) -> Style {
    match code {
        "USD" => Style::Symbol("$"),
        "EUR" => Style::Symbol("€"),
        "GBP" => Style::Symbol("£"),
        "CAD" => Style::Symbol("C$"),
        "AUD" => Style::Symbol("A$"),
        "HKD" => Style::Symbol("HK$"),
        "TWD" => Style::Symbol("NT$"),
        "SGD" => Style::Symbol("S$"),
        "NZD" => Style::Symbol("NZ$"),
        "KRW" => Style::Name("won"),
        "JPY" => Style::Name("yen"),
        "CNY" => Style::Name("yuan"),
        "NGN" => Style::Name("naira"),
        "INR" => Style::Name("rupees"),
        "RUB" => Style::Name("rubles"),
        "BRL" => Style::Name("reais"),
        "MXN" => Style::Name("pesos"),
        "ZAR" => Style::Name("rand"),
        "CHF" => Style::Name("Swiss francs"),
        "THB" => Style::Name("baht"),
        "VND" => Style::Name("dong"),
        "IDR" => Style::Name("rupiah"),
        "MYR" => Style::Name("ringgit"),
        "TRY" => Style::Name("lira"),
        _ => Style::Code,
    }
}

/// `28 million`, `4.6 billion`, `10,000`, `135.7`, `3.50` (money keeps cents).
fn format_value(v: f64, money: bool) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    for &(word, factor) in written_scales() {
        // only when three decimals say it exactly: 2,204,791 stays in full
        let scaled = v / factor;
        if v.abs() >= factor && ((scaled * 1000.0).round() - scaled * 1000.0).abs() < 1e-6 {
            return format!("{} {word}", trim_decimals(scaled, 3));
        }
    }
    if v.fract() == 0.0 {
        return group_thousands(v);
    }
    if money {
        let cents = format!("{:.2}", v.fract().abs());
        let whole = group_thousands(v.trunc());
        return format!("{whole}{}", cents.trim_start_matches('0'));
    }
    let s = trim_decimals(v, 3);
    match s.split_once('.') {
        Some((whole, frac)) => {
            let whole: f64 = whole.parse().unwrap_or(0.0);
            format!("{}.{frac}", group_thousands(whole))
        }
        None => s,
    }
}

/// The scale words values are written with, largest first: those of
/// [`almanac_time::words::SCALE_WORDS`] that are a power of a thousand from a million up
/// (`trillion`, `billion`, `million`). Smaller values are written in digits, and the Indian
/// `crore` and `lakh` are read but not written.
fn written_scales() -> &'static [(&'static str, f64)] {
    static SCALES: OnceLock<Vec<(&'static str, f64)>> = OnceLock::new();
    SCALES.get_or_init(|| {
        let mut scales: Vec<(&'static str, f64)> = almanac_time::words::SCALE_WORDS
            .iter()
            .copied()
            .filter(|&(_, factor)| {
                std::iter::successors(Some(1e6), |p| Some(p * 1e3))
                    .take_while(|p| *p <= factor)
                    .any(|p| p == factor)
            })
            .collect();
        scales.sort_by(|a, b| b.1.total_cmp(&a.1));
        scales
    })
}

/// `v` with at most `places` decimals, trailing zeros removed.
fn trim_decimals(v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// An integer-valued float with thousands separators: `10,000`.
fn group_thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Describes the only amount found in `text`.
    fn check(text: &str, want: &str) {
        let found = crate::find_amounts(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert_eq!(describe(&found[0]), want, "{text:?}");
    }

    #[test]
    fn words() {
        check("invest 28 million U.S. dollars", "$28 million");
        check("spent 937.6 billion won", "937.6 billion won");
        check("costs of about 2 billion won", "about 2 billion won");
        check("fund up to $6.4 billion", "up to $6.4 billion");
        check("rose 30 percent", "30%");
        check("paid N10,000", "10,000 naira");
        check("more than 10 million U.S. dollars", "at least $10 million");
        check("a €5bn plan", "€5 billion");
        check("HK$3.50 a share", "HK$3.50");
        check("220 key parts", "220 parts");
        check("Views: 33", "33");
        check("SEK 5 million", "SEK 5 million");
        check("$1.25 trillion", "$1.25 trillion");
        check("1,234.5 tons", "1,234.5 tons");
        check("id 2204791", "2,204,791");
        check("a 5 crore rupee grant", "50 million rupees");
        check("sold 3 thousand tons", "3,000 tons");
    }

    #[test]
    fn written_scales_are_the_short_scale_from_a_million() {
        let words: Vec<&str> = written_scales().iter().map(|(w, _)| *w).collect();
        assert_eq!(words, ["trillion", "billion", "million"]);
    }
}
