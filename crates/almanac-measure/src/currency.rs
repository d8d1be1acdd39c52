//! Currency symbols, codes and names, and the ISO 4217 code each one stands for.
//!
//! Three ways news names a currency:
//! - a prefix glued to (or one space before) the number: `$`, `US$`, `HK$`, `€`, `£`, `¥`,
//!   `₩`, `₹`, `₦`, `N` (naira), `Rs`, `KSh`/`Sh`, `USD`, `KRW` ([`prefix`]);
//! - a suffix after the number and its scale: `won`, `yen`, `U.S. dollars`, `Canadian dollars`,
//!   `pounds sterling`, `USD` ([`suffix`]);
//! - an ISO code either side (`USD 5 million`, `5 million USD`).
//!
//! Ambiguities, settled once here: `$` alone and `dollars` alone are USD; `¥` is JPY (write
//! `CNY`/`RMB`/`yuan` for renminbi); `pesos` alone is MXN; `krone(r)` alone is NOK; `pounds`
//! is GBP only after a scale word (`5 million pounds`), with `sterling`, or with `British` —
//! `200 pounds` alone is a weight.

/// ISO codes we accept written out in capitals, either side of the number, sorted (binary
/// search). Codes that are also English words (`ALL`, `TOP`, `CUP`) are deliberately absent.
const CODES: &[&str] = &[
    "AED", "ARS", "AUD", "BDT", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK",
    "DZD", "EGP", "ETB", "EUR", "GBP", "GHS", "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "JOD",
    "JPY", "KES", "KRW", "KWD", "KZT", "MXN", "MYR", "NGN", "NOK", "NZD", "PEN", "PHP", "PKR",
    "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK", "SGD", "THB", "TND", "TRY", "TWD", "UAH",
    "USD", "VND", "ZAR", "ZMW",
];

/// The `&'static str` for a code written in `word`, if it is one we know.
pub(crate) fn code(word: &str) -> Option<&'static str> {
    if word.len() != 3 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    if word == "RMB" {
        return Some("CNY");
    }
    CODES.binary_search(&word).ok().map(|i| CODES[i])
}

/// Single-character currency symbols.
pub(crate) fn symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '€' => "EUR",
        '£' => "GBP",
        '¥' | '￥' => "JPY",
        '₩' => "KRW",
        '₹' => "INR",
        '₦' => "NGN",
        '₽' => "RUB",
        '₺' => "TRY",
        '₱' => "PHP",
        '₫' => "VND",
        '฿' => "THB",
        '₪' => "ILS",
        _ => return None,
    })
}

/// Letters glued before `$`: `US$`, `C$`, `HK$`, `NT$`, `A$`, `S$`, `NZ$`, `R$`, `MX$`.
fn dollar_prefix(letters: &str) -> Option<&'static str> {
    Some(match letters {
        "US" | "U.S." | "U.S" => "USD",
        "C" | "CA" | "Can" | "CAN" | "CDN" | "Cdn" => "CAD",
        "A" | "AU" | "AUD" => "AUD",
        "HK" => "HKD",
        "NT" => "TWD",
        "S" | "SG" | "SGD" => "SGD",
        "NZ" => "NZD",
        "R" => "BRL",
        "MX" | "Mex" => "MXN",
        _ => return None,
    })
}

/// A currency prefix found before a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Prefix {
    /// ISO 4217 code.
    pub code: &'static str,
    /// Byte offset where the prefix starts, in the `before` text given to [`prefix`].
    pub start: usize,
    /// True for the bare `N` of naira, which needs extra evidence (`N10,000`, not `N95`).
    pub weak: bool,
}

/// Bytes of one space at the start of `s`: a plain space, a no-break space (U+00A0, common in
/// HTML-derived text: `$5&nbsp;million`) or a narrow/thin space. 0 if none.
pub(crate) fn space_len(s: &str) -> usize {
    match s.chars().next() {
        Some(' ') => 1,
        Some(c @ ('\u{a0}' | '\u{202f}' | '\u{2009}')) => c.len_utf8(),
        _ => 0,
    }
}

/// `s` without one trailing space (see [`space_len`]), and whether there was one.
fn strip_space_suffix(s: &str) -> (&str, bool) {
    match s.chars().next_back() {
        Some(c @ (' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')) => {
            (&s[..s.len() - c.len_utf8()], true)
        }
        _ => (s, false),
    }
}

/// True if `c` can continue a word (so a prefix must not start right after it).
fn wordish(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Finds a currency prefix at the end of `before` (the text just before a number's first
/// digit). At most one space may separate the prefix from the number, except for `N`, which
/// must be glued (so must `R` for rand).
pub(crate) fn prefix(before: &str) -> Option<Prefix> {
    let (core, spaced) = strip_space_suffix(before);
    let last = core.chars().next_back()?;
    if last == '$' {
        let head = &core[..core.len() - 1];
        let letters = trailing_token(head);
        let word = &head[head.len() - letters..];
        if let Some(code) = dollar_prefix(word) {
            return Some(Prefix {
                code,
                start: head.len() - letters,
                weak: false,
            });
        }
        // "US $5"
        if letters == 0 {
            if let Some(h) = head.strip_suffix(' ') {
                let n = trailing_token(h);
                if matches!(&h[h.len() - n..], "US" | "U.S.") {
                    return Some(Prefix {
                        code: "USD",
                        start: h.len() - n,
                        weak: false,
                    });
                }
            }
        }
        return Some(Prefix {
            code: "USD",
            start: head.len(),
            weak: false,
        });
    }
    if let Some(code) = symbol(last) {
        return Some(Prefix {
            code,
            start: core.len() - last.len_utf8(),
            weak: false,
        });
    }
    let n = trailing_token(core);
    if n == 0 {
        return None;
    }
    let start = core.len() - n;
    let word = &core[start..];
    let code = match word {
        "Rs" | "Rs." | "INR" => "INR",
        "Rp" => "IDR",
        "RM" => "MYR",
        "KSh" | "Ksh" | "Ksh." | "Sh" => "KES",
        "Dh" | "Dhs" => "AED",
        "SR" => "SAR",
        "QR" => "QAR",
        "Tk" => "BDT",
        // bare letters need evidence (a separator, decimals or a scale): "N10,000", "R5 billion"
        "N" | "R" if !spaced => {
            return Some(Prefix {
                code: if word == "N" { "NGN" } else { "ZAR" },
                start,
                weak: true,
            });
        }
        w => code(w)?,
    };
    Some(Prefix {
        code,
        start,
        weak: false,
    })
}

/// Length in bytes of the run of ASCII letters and dots at the end of `s`, if that run starts
/// at a word boundary; 0 otherwise.
fn trailing_token(s: &str) -> usize {
    let n = s
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
        .count();
    let start = s.len() - n;
    if s[..start].chars().next_back().is_some_and(wordish) {
        return 0;
    }
    n
}

/// Words that say whose currency a noun is: `U.S. dollars`, `Hong Kong dollars`.
const MODIFIERS: &[(&str, &str)] = &[
    ("U.S.", "us"),
    ("US", "us"),
    ("American", "us"),
    ("Canadian", "ca"),
    ("Australian", "au"),
    ("Hong Kong", "hk"),
    ("Singapore", "sg"),
    ("Singaporean", "sg"),
    ("New Taiwan", "tw"),
    ("Taiwan", "tw"),
    ("Taiwanese", "tw"),
    ("NT", "tw"),
    ("New Zealand", "nz"),
    ("South Korean", "kr"),
    ("Korean", "kr"),
    ("Japanese", "jp"),
    ("Chinese", "cn"),
    ("Indian", "in"),
    ("Russian", "ru"),
    ("Brazilian", "br"),
    ("Mexican", "mx"),
    ("South African", "za"),
    ("Nigerian", "ng"),
    ("Swiss", "ch"),
    ("Philippine", "ph"),
    ("Argentine", "ar"),
    ("Argentinian", "ar"),
    ("Chilean", "cl"),
    ("Colombian", "co"),
    ("Turkish", "tr"),
    ("Egyptian", "eg"),
    ("Pakistani", "pk"),
    ("Kenyan", "ke"),
    ("Ghanaian", "gh"),
    ("Saudi", "sa"),
    ("Qatari", "qa"),
    ("Emirati", "ae"),
    ("UAE", "ae"),
    ("Thai", "th"),
    ("Malaysian", "my"),
    ("Indonesian", "id"),
    ("Vietnamese", "vn"),
    ("Israeli", "il"),
    ("Swedish", "se"),
    ("Norwegian", "no"),
    ("Danish", "dk"),
    ("Polish", "pl"),
    ("Czech", "cz"),
    ("Hungarian", "hu"),
    ("British", "gb"),
    ("Peruvian", "pe"),
    ("Ukrainian", "ua"),
    ("Kazakh", "kz"),
    ("Romanian", "ro"),
    ("Ethiopian", "et"),
    ("Zambian", "zm"),
    ("Kuwaiti", "kw"),
    ("Bahraini", "bh"),
    ("Jordanian", "jo"),
    ("Iraqi", "iq"),
    ("Serbian", "rs"),
    ("Algerian", "dz"),
    ("Tunisian", "tn"),
];

/// The currency a (lowercased) noun names, given the modifier key before it (`None` if none).
fn noun(noun: &str, modifier: Option<&str>, has_scale: bool) -> Option<&'static str> {
    let m = modifier;
    Some(match noun {
        "buck" | "bucks" if m.is_none() => "USD",
        "quid" if m.is_none() => "GBP",
        "dollar" | "dollars" => match m {
            None | Some("us") => "USD",
            Some("ca") => "CAD",
            Some("au") => "AUD",
            Some("hk") => "HKD",
            Some("sg") => "SGD",
            Some("tw") => "TWD",
            Some("nz") => "NZD",
            _ => return None,
        },
        "won" => match m {
            None | Some("kr") => "KRW",
            _ => return None,
        },
        "yen" => only(m, "jp", "JPY")?,
        "yuan" | "renminbi" => only(m, "cn", "CNY")?,
        "euro" | "euros" => only(m, "", "EUR")?,
        "pound" | "pounds" => match m {
            Some("gb") => "GBP",
            Some("eg") => "EGP",
            None if has_scale => "GBP",
            _ => return None,
        },
        "sterling" => only(m, "gb", "GBP")?,
        "naira" => only(m, "ng", "NGN")?,
        "rupee" | "rupees" => match m {
            None | Some("in") => "INR",
            Some("pk") => "PKR",
            _ => return None,
        },
        "ruble" | "rubles" | "rouble" | "roubles" => only(m, "ru", "RUB")?,
        "reais" => only(m, "br", "BRL")?,
        "real" if m == Some("br") => "BRL",
        "peso" | "pesos" => match m {
            None | Some("mx") => "MXN",
            Some("ph") => "PHP",
            Some("ar") => "ARS",
            Some("cl") => "CLP",
            Some("co") => "COP",
            _ => return None,
        },
        "rand" => only(m, "za", "ZAR")?,
        "franc" | "francs" => only(m, "ch", "CHF")?,
        "baht" => only(m, "th", "THB")?,
        "ringgit" => only(m, "my", "MYR")?,
        "rupiah" => only(m, "id", "IDR")?,
        "dong" => only(m, "vn", "VND")?,
        "lira" | "liras" | "lire" => only(m, "tr", "TRY")?,
        "shekel" | "shekels" => only(m, "il", "ILS")?,
        "riyal" | "riyals" => match m {
            None | Some("sa") => "SAR",
            Some("qa") => "QAR",
            _ => return None,
        },
        "dirham" | "dirhams" => only(m, "ae", "AED")?,
        "krona" | "kronor" => only(m, "se", "SEK")?,
        "krone" | "kroner" => match m {
            None | Some("no") => "NOK",
            Some("dk") => "DKK",
            _ => return None,
        },
        "zloty" | "zlotys" | "zlotych" => only(m, "pl", "PLN")?,
        "koruna" | "korunas" => only(m, "cz", "CZK")?,
        "forint" | "forints" => only(m, "hu", "HUF")?,
        "cedi" | "cedis" => only(m, "gh", "GHS")?,
        "shilling" | "shillings" => only(m, "ke", "KES")?,
        "taka" => "BDT",
        "sol" | "soles" => only(m, "pe", "PEN")?,
        "hryvnia" | "hryvnias" => only(m, "ua", "UAH")?,
        "tenge" => only(m, "kz", "KZT")?,
        "leu" | "lei" => only(m, "ro", "RON")?,
        "birr" => only(m, "et", "ETB")?,
        "kwacha" => only(m, "zm", "ZMW")?,
        "dinar" | "dinars" => match m {
            Some("kw") => "KWD",
            Some("bh") => "BHD",
            Some("jo") => "JOD",
            Some("iq") => "IQD",
            Some("rs") => "RSD",
            Some("dz") => "DZD",
            Some("tn") => "TND",
            _ => return None,
        },
        _ => return None,
    })
}

/// `code` if the modifier is absent or is `key`.
fn only(m: Option<&str>, key: &str, code: &'static str) -> Option<&'static str> {
    match m {
        None => Some(code),
        Some(k) if k == key => Some(code),
        _ => None,
    }
}

/// Finds a currency named right after an amount: `after` starts just after the number (and
/// its scale word, if any; `has_scale` says so). Returns the code and the bytes consumed,
/// including the leading space or hyphen: ` won`, ` U.S. dollars`, ` pounds sterling`,
/// ` USD`, `-dollar` (as in `a 1.5-billion-dollar plant`).
pub(crate) fn suffix(after: &str, has_scale: bool) -> Option<(&'static str, usize)> {
    let hyphen = after.starts_with('-');
    let gap = if hyphen { 1 } else { space_len(after) };
    let rest = &after[gap..];
    // a symbol after the number: "5 €", "300£"
    if let Some(c) = rest.chars().next().filter(|c| !c.is_ascii()) {
        let next = rest[c.len_utf8()..].chars().next();
        if let Some(code) = symbol(c).filter(|_| !hyphen && !next.is_some_and(|n| n.is_numeric())) {
            return Some((code, gap + c.len_utf8()));
        }
    }
    let first = *rest.as_bytes().first()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    // ISO code: "5 million USD"
    let n = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    if n == 3 && !hyphen && !rest[n..].chars().next().is_some_and(wordish) {
        if let Some(c) = code(&rest[..3]) {
            return Some((c, gap + 3));
        }
    }
    // MODIFIER? NOUN
    // a hyphenated adjective names the currency directly: "a 1.5-billion-dollar plant"
    let mut modifier = None;
    let mut pos = gap;
    let capital = first.is_ascii_uppercase() && !hyphen;
    // most capitalized words after a number are no modifier: compare the first byte first
    for (text, key) in MODIFIERS
        .iter()
        .filter(|(text, _)| capital && text.as_bytes().first() == Some(&first))
    {
        if let Some(tail) = rest.strip_prefix(text) {
            if tail.starts_with(' ') {
                modifier = Some(*key);
                pos = gap + text.len() + 1;
                break;
            }
        }
    }
    let (word, len) = word_at(&after[pos..])?;
    let code = noun(word.as_str(), modifier, has_scale)?;
    let mut end = pos + len;
    // "pounds sterling"
    if code == "GBP" && word.as_str() != "sterling" {
        let sterling = after[end..]
            .strip_prefix(' ')
            .and_then(word_at)
            .filter(|(w, _)| w.as_str() == "sterling");
        if let Some((_, l)) = sterling {
            end += 1 + l;
        }
    }
    Some((code, end))
}

/// A lowercased ASCII word of at most 16 bytes, kept on the stack.
pub(crate) struct Word {
    buf: [u8; 16],
    len: usize,
}

impl Word {
    /// The word as text.
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Reads the ASCII word at the start of `s` (letters only), lowercased, if it ends at a
/// non-letter and is at most 16 bytes. Returns the word and its length.
pub(crate) fn word_at(s: &str) -> Option<(Word, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if len == 0 || len > 16 || s[len..].chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let mut buf = [0u8; 16];
    for (slot, b) in buf.iter_mut().zip(s.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    Some((Word { buf, len }, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a currency should be found.
    enum Side {
        /// `prefix(text)` gives this code.
        Before(Option<&'static str>),
        /// `suffix(text, has_scale)` gives this code and consumed text.
        After(bool, Option<(&'static str, &'static str)>),
    }

    /// Runs the lookup named by `side` on `text`.
    fn check(text: &str, side: Side) {
        match side {
            Side::Before(want) => assert_eq!(prefix(text).map(|p| p.code), want, "{text:?}"),
            Side::After(scale, want) => {
                let got = suffix(text, scale).map(|(c, n)| (c, &text[..n]));
                assert_eq!(got, want, "{text:?}");
            }
        }
    }

    #[test]
    fn codes_are_sorted() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        check("KRW ", Side::Before(Some("KRW")));
    }

    #[test]
    fn prefixes() {
        check("invest $", Side::Before(Some("USD")));
        check("invest US$", Side::Before(Some("USD")));
        check("HK$", Side::Before(Some("HKD")));
        check("NT$", Side::Before(Some("TWD")));
        check("C$", Side::Before(Some("CAD")));
        check("€", Side::Before(Some("EUR")));
        check("costs £", Side::Before(Some("GBP")));
        check("USD ", Side::Before(Some("USD")));
        check("Rs ", Side::Before(Some("INR")));
        check("Rs. ", Side::Before(Some("INR")));
        check(" N", Side::Before(Some("NGN")));
        check(" N ", Side::Before(None));
        check("Dh", Side::Before(Some("AED")));
        check("R", Side::Before(Some("ZAR")));
        check("Rs\u{a0}", Side::Before(Some("INR")));
        check("the ", Side::Before(None));
        check("XUSD ", Side::Before(None));
        check("", Side::Before(None));
    }

    #[test]
    fn suffixes() {
        check(" won (", Side::After(true, Some(("KRW", " won"))));
        check(
            " U.S. dollars to",
            Side::After(true, Some(("USD", " U.S. dollars"))),
        );
        check(
            " Canadian dollars",
            Side::After(false, Some(("CAD", " Canadian dollars"))),
        );
        check(
            " pounds sterling.",
            Side::After(true, Some(("GBP", " pounds sterling"))),
        );
        check(" pounds of beef", Side::After(false, None));
        check(" pounds", Side::After(true, Some(("GBP", " pounds"))));
        check(" USD.", Side::After(true, Some(("USD", " USD"))));
        check(" yen", Side::After(false, Some(("JPY", " yen"))));
        check(
            " Korean won",
            Side::After(false, Some(("KRW", " Korean won"))),
        );
        check(" real problems", Side::After(false, None));
        check(" wonders", Side::After(false, None));
        check("  won", Side::After(false, None));
        check("-dollar plant", Side::After(true, Some(("USD", "-dollar"))));
        check("-USD", Side::After(true, None));
        check("\u{a0}won", Side::After(true, Some(("KRW", "\u{a0}won"))));
        check(" € each", Side::After(false, Some(("EUR", " €"))));
        check(" €5", Side::After(false, None));
    }
}
