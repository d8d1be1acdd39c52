//! Helpers shared by the line-oriented text formats (transcripts, video pages, portal pages,
//! plain text): lines with offsets, script detection, headlines, reporter sign-offs, hashtags,
//! and promo lines that are not body text.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, one_of, space0, space1};
use nom::combinator::{eof, opt, recognize, verify};
use nom::multi::{many0, separated_list1};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use almanac_model::DocDate;

/// A non-empty line, trimmed, with the byte offset of its first character in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The trimmed text.
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub offset: usize,
}

/// The non-empty lines of `source`, trimmed, with offsets.
pub(crate) fn lines(source: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            out.push(Line {
                text: trimmed,
                offset: offset + lead,
            });
        }
        offset += raw.len();
    }
    out
}

/// The dominant non-Latin script of `text` as a language tag (`ko`, `ja`, `zh`, `ru`, `ar`),
/// when non-Latin letters outnumber Latin ones.
pub(crate) fn script_lang(text: &str) -> Option<&'static str> {
    let (mut latin, mut hangul, mut kana, mut han, mut cyrillic, mut arabic) = (0, 0, 0, 0, 0, 0);
    for c in text.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => latin += 1,
            '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => {
                hangul += 1
            }
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => han += 1,
            '\u{400}'..='\u{4ff}' => cyrillic += 1,
            '\u{600}'..='\u{6ff}' => arabic += 1,
            _ => {}
        }
    }
    let foreign = hangul + kana + han + cyrillic + arabic;
    if foreign < 2 || foreign <= latin {
        return None;
    }
    Some(if hangul > 0 {
        "ko"
    } else if kana > 0 {
        "ja"
    } else if han > 0 {
        "zh"
    } else if cyrillic >= arabic {
        "ru"
    } else {
        "ar"
    })
}

/// Whether a line reads like a headline: short, several words, not a sentence that ends with a
/// period or colon, no URL.
pub(crate) fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or('.');
    (2..=30).contains(&words)
        && line.chars().count() <= 200
        && !matches!(last, '.' | ',' | ';' | ':' | '…')
        && !is_promo(line)
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
}

// a capitalized name word: "Kim", "KIM", "Da-mi", "O'Neil", "McAllister"
fn name_word(i: &str) -> IResult<&str, &str> {
    recognize((
        verify(nom::character::complete::anychar, |c: &char| {
            c.is_uppercase()
        }),
        take_while(|c: char| c.is_alphabetic() || c == '-' || c == '\'' || c == '’'),
    ))
    .parse(i)
}

// UPPER "." (UPPER ".")*  -- an initial: "J.", "J.R."
fn initial(i: &str) -> IResult<&str, &str> {
    let upper = || {
        verify(nom::character::complete::anychar, |c: &char| {
            c.is_uppercase()
        })
    };
    recognize((upper(), char('.'), many0((upper(), char('.'))))).parse(i)
}

// a lowercase particle inside a name: "van", "de", "der", "bin"  -- "Ana de Souza"
fn particle(i: &str) -> IResult<&str, &str> {
    verify(take_while1(|c: char| c.is_ascii_lowercase()), |w: &str| {
        matches!(
            w,
            "van"
                | "von"
                | "de"
                | "der"
                | "den"
                | "da"
                | "das"
                | "dos"
                | "del"
                | "della"
                | "di"
                | "du"
                | "la"
                | "le"
                | "bin"
                | "ibn"
                | "al"
                | "ter"
                | "ten"
        )
    })
    .parse(i)
}

// (INITIAL | NAME_WORD) (" " (INITIAL | NAME_WORD | PARTICLE))*, 2 to 4 capitalized words,
// ending with a name word  -- "Kim Hyesung", "KIM Da-mi", "Mary Ann Lee", "J.R. Smith",
// "Ana de Souza"
fn person_name(i: &str) -> IResult<&str, &str> {
    verify(
        recognize(separated_list1(space1, alt((initial, name_word, particle)))),
        |s: &str| {
            let words: Vec<&str> = s.split_whitespace().collect();
            let capitalized = words
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            let last = words.last().copied().unwrap_or("");
            (2..=4).contains(&capitalized)
                && words.len() <= 6
                && words[0].chars().next().is_some_and(char::is_uppercase)
                && last.chars().next().is_some_and(char::is_uppercase)
                && !last.ends_with('.')
        },
    )
    .parse(i)
}

// an outlet word: "Arirang", "News", "TV", "24", "&", "the"
fn outlet_word(i: &str) -> IResult<&str, &str> {
    alt((
        name_word,
        take_while1(|c: char| c.is_ascii_digit()),
        tag("&"),
        tag("of"),
        tag("the"),
    ))
    .parse(i)
}

// OUTLET_WORD (" " OUTLET_WORD){0,5} starting with a capital  -- "Arirang News", "KBS World"
fn outlet_name(i: &str) -> IResult<&str, &str> {
    verify(
        recognize((name_word, many0(preceded(space1, outlet_word)))),
        |s: &str| s.split_whitespace().count() <= 6,
    )
    .parse(i)
}

// PERSON_NAME "," OUTLET_NAME ("," PLACE)? "."? QUOTE? EOL
// -- "Kim Hyesung, Arirang News.", "Ana Lima, TV Sul, Porto Alegre."
fn sign_off_line(i: &str) -> IResult<&str, (&str, &str)> {
    let (rest, (name, _, _, outlet, _, _, _, _, _)) = (
        person_name,
        char(','),
        space0,
        outlet_name,
        opt((char(','), space0, place)),
        opt(one_of(".!")),
        opt(one_of("\"'”’")),
        space0,
        eof,
    )
        .parse(i)?;
    Ok((rest, (name, outlet)))
}

/// Whether `text` is a person's name: 2 to 4 capitalized words (`Kim Da-mi`, `Mary Ann Lee`).
pub(crate) fn is_person_name(text: &str) -> bool {
    (person_name, space0, eof::<&str, nom::error::Error<&str>>)
        .parse(text.trim())
        .is_ok()
}

/// A reporter sign-off line, `NAME, OUTLET.`: returns (reporter, outlet). The reporter's
/// all-capital words are written in title case (`KIM Da-mi` → `Kim Da-mi`).
pub(crate) fn sign_off(line: &str) -> Option<(String, String)> {
    let (_, (name, outlet)) = sign_off_line(line.trim()).ok()?;
    Some((normalize_name(name), outlet.to_owned()))
}

/// The person name that `text` starts with (see [`is_person_name`]), and the rest.
pub(crate) fn person_name_prefix(text: &str) -> Option<(&str, &str)> {
    person_name(text).ok().map(|(rest, name)| (name, rest))
}

/// A name with its all-capital words in title case (`KIM Da-mi` → `Kim Da-mi`) and single
/// spaces.
pub(crate) fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .map(title_case_if_shouting)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` is an outlet-like name: capitalized words, digits, `&`, `of`, `the`
/// (`Example News`, `Channel 4 News`, `The Daily Ledger`).
pub(crate) fn is_outlet_name(text: &str) -> bool {
    (outlet_name, space0, eof::<&str, nom::error::Error<&str>>)
        .parse(text.trim())
        .is_ok()
}

fn title_case_if_shouting(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) && !word.contains('.') {
        let mut out = String::new();
        for (n, c) in word.chars().enumerate() {
            if n == 0 {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        out
    } else {
        word.to_owned()
    }
}

// "#" WORD  -- "#Japan"
fn hashtag(i: &str) -> IResult<&str, &str> {
    preceded(
        char('#'),
        take_while1(|c: char| c.is_alphanumeric() || c == '_'),
    )
    .parse(i)
}

/// A line made only of hashtags (`#reliance #Japan #export`): the tags without `#`.
pub(crate) fn hashtags(line: &str) -> Option<Vec<String>> {
    let (_, (_, tags, _, _)) = (
        space0,
        separated_list1(space1, hashtag),
        space0,
        eof::<&str, nom::error::Error<&str>>,
    )
        .parse(line)
        .ok()?;
    Some(tags.into_iter().map(str::to_owned).collect())
}

const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "tiktok",
    "linkedin",
    "telegram",
    "kakao",
    "naver",
    "x.com",
    "threads",
];

/// A line that is a promo or a social link, not body text: contains a URL or a domain, or is
/// `Platform: handle`, `Subscribe ...`, `Follow us ...`.
pub(crate) fn is_promo(line: &str) -> bool {
    if line.contains("http://") || line.contains("https://") || line.contains("www.") {
        return true;
    }
    // promos are short; long lines are prose
    let Some(words) = word_count_up_to(line, 15) else {
        return false;
    };
    let has_domain = line.contains('.')
        && line.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.contains('.')
                && [".com", ".net", ".org", ".co."]
                    .iter()
                    .any(|d| contains_ignore_ascii_case(w, d))
        });
    if has_domain && words <= 8 {
        return true;
    }
    const STARTS: &[&str] = &[
        "subscribe",
        "follow us",
        "follow @",
        "like us",
        "download the",
        "watch more",
        "click here",
        "sign up",
        "share this",
        "read more:",
        "related:",
        "see also:",
        "read also:",
    ];
    if STARTS
        .iter()
        .any(|s| starts_with_ignore_ascii_case(line, s))
    {
        return true;
    }
    let Some((label, _)) = line.split_once(':') else {
        return false;
    };
    label.split_whitespace().count() <= 4
        && SOCIAL.iter().any(|s| contains_ignore_ascii_case(label, s))
}

/// The number of words in `line` if it has at most `max`.
fn word_count_up_to(line: &str, max: usize) -> Option<usize> {
    let n = line.split_whitespace().take(max + 1).count();
    (n <= max).then_some(n)
}

fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A line after which a video or portal page lists other content: `Recommended`, `Up next`,
/// `Related videos`, `More from ...`, `Comments`.
pub(crate) fn is_trailer(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    matches!(
        lower.as_str(),
        "recommended"
            | "up next"
            | "related"
            | "related videos"
            | "related articles"
            | "related news"
            | "more videos"
            | "comments"
            | "show more"
            | "read more"
            | "you may also like"
            | "most popular"
            | "most read"
            | "latest news"
    ) || (lower.starts_with("more from ") && lower.split_whitespace().count() <= 5)
}

/// What the body lines of a transcript-like page give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BodyParts {
    /// Body paragraphs (one per line).
    pub paragraphs: Vec<String>,
    /// Reporters from a sign-off.
    pub authors: Vec<String>,
    /// Outlet from a sign-off.
    pub outlet: Option<String>,
    /// Hashtags.
    pub tags: Vec<String>,
    /// The date of a dateline opening the first paragraph (`PARIS, March 5, 2024 (AFP) -`).
    pub dateline_date: Option<DocDate>,
}

/// Splits body lines into paragraphs, a sign-off, hashtags, and dropped promo/trailer lines.
/// The sign-off line is kept out of the body; everything from a trailer line on is dropped.
pub(crate) fn body_parts(lines: &[Line<'_>]) -> BodyParts {
    let mut parts = BodyParts::default();
    let end = lines
        .iter()
        .position(|l| is_trailer(l.text))
        .unwrap_or(lines.len());
    let lines = &lines[..end];
    // a sign-off closes the report: only the last few lines may be one
    let tail_start = lines.len().saturating_sub(4);
    for (n, line) in lines.iter().enumerate() {
        if let Some(tags) = hashtags(line.text) {
            for t in tags {
                if !parts.tags.contains(&t) {
                    parts.tags.push(t);
                }
            }
            continue;
        }
        if is_promo(line.text) {
            continue;
        }
        if parts.authors.is_empty()
            && n >= tail_start
            && let Some((author, outlet)) = sign_off(line.text)
        {
            parts.authors.push(author);
            parts.outlet = Some(outlet);
            continue;
        }
        if parts.paragraphs.is_empty() {
            if let Some(outlet) = dateline_outlet(line.text) {
                parts.outlet = Some(outlet.to_owned());
            }
            parts.dateline_date = dateline_date(line.text);
        }
        parts.paragraphs.push(line.text.to_owned());
    }
    parts
}

// CAPITALIZED_WORD (" " CAPITALIZED_WORD)*  -- "OSLO", "NEW YORK", "Seoul"
fn place(i: &str) -> IResult<&str, &str> {
    recognize(separated_list1(space1, name_word)).parse(i)
}

// PLACE ("," " " DATE_TEXT)? " "? ("(" OUTLET ")")? " "? ("-" | "–" | "—" | "--") " "
// -- "OSLO, March 5 (Example Wire) -", "LONDON (Reuters) -", "PARIS, March 5, 2024 -"
fn dateline(i: &str) -> IResult<&str, (Option<&str>, Option<&str>)> {
    let (rest, (_, when, _, outlet, _, _, _)) = (
        place,
        opt(preceded(
            (char(','), space1),
            take_while1(|c: char| c.is_alphanumeric() || matches!(c, '.' | ' ' | ',')),
        )),
        space0,
        opt(nom::sequence::delimited(char('('), outlet_name, char(')'))),
        space0,
        alt((tag("--"), tag("-"), tag("–"), tag("—"))),
        space1,
    )
        .parse(i)?;
    Ok((rest, (outlet, when.map(|w| w.trim().trim_end_matches(',')))))
}

/// The outlet named in a wire-style dateline opening a story: `OSLO, March 5 (Example Wire) -`
/// gives `Example Wire`.
pub(crate) fn dateline_outlet(line: &str) -> Option<&str> {
    dateline(line).ok().and_then(|(_, (outlet, _))| outlet)
}

/// The date of a wire-style dateline when it is a whole date (`PARIS, March 5, 2024 (AFP) -`
/// gives 2024-03-05, Day). A date without a year (`LONDON, March 5 (AP) —`) gives nothing:
/// the year is not ours to guess.
pub(crate) fn dateline_date(line: &str) -> Option<DocDate> {
    let (rest, (_, when)) = dateline(line).ok()?;
    let mut date = crate::date::explicit_date(when?).ok()?;
    let head = line[..line.len() - rest.len()].trim_end();
    date.source_text = Some(head.trim_end_matches(['-', '–', '—']).trim_end().to_owned());
    Some(date)
}

/// Pushes `value` to `list` unless empty or already present.
pub(crate) fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's classification: sign-off, hashtags, promo, trailer, headline or body.
    fn check(line: &str) -> String {
        if let Some((a, o)) = sign_off(line) {
            format!("sign-off {a} / {o}")
        } else if let Some(t) = hashtags(line) {
            format!("tags {}", t.join(","))
        } else if is_trailer(line) {
            "trailer".into()
        } else if is_promo(line) {
            "promo".into()
        } else if looks_like_headline(line) {
            format!("headline {:?}", script_lang(line))
        } else {
            "body".into()
        }
    }

    #[test]
    fn classifies_lines() {
        assert_eq!(
            check("Kim Hyesung, Arirang News."),
            "sign-off Kim Hyesung / Arirang News"
        );
        assert_eq!(
            check("KIM Da-mi, Arirang News.\""),
            "sign-off Kim Da-mi / Arirang News"
        );
        assert_eq!(
            check("Maria Lopez, Channel 4 News."),
            "sign-off Maria Lopez / Channel 4 News"
        );
        assert_eq!(
            check("Ana Lima, TV Sul, Porto Alegre."),
            "sign-off Ana Lima / TV Sul"
        );
        assert_eq!(check("Seoul, Tokyo and Beijing agreed."), "body");
        assert_eq!(check("#energy #LNG"), "tags energy,LNG");
        assert_eq!(check("Follow us on X: x.com/news"), "promo");
        assert_eq!(check("KBS Facebook: facebook.com/kbs"), "promo");
        assert_eq!(check("Up next"), "trailer");
        assert_eq!(
            check("“우리기술로 日극복”…기술자립 강소기업을 가다"),
            "headline Some(\"ko\")"
        );
        assert_eq!(
            check("Oil prices fall as OPEC+ talks stall"),
            "headline None"
        );
        assert_eq!(check("The minister said so."), "body");
        let outlet = |l| dateline_outlet(l);
        assert_eq!(
            outlet("OSLO, March 5 (Example Wire) - Gas rose."),
            Some("Example Wire")
        );
        assert_eq!(
            outlet("NEW YORK (Acme News) — Stocks fell."),
            Some("Acme News")
        );
        assert_eq!(outlet("SEOUL, Jan. 13 - The bank raised rates."), None);
        assert_eq!(
            outlet("LONDON, March 5 (AP) \u{2014} Shares rose."),
            Some("AP")
        );
        assert_eq!(
            outlet("WASHINGTON (Reuters) - The Fed held rates."),
            Some("Reuters")
        );
        let date = |l| dateline_date(l).map(|d| (d.local.map(|t| t.to_string()), d.source_text));
        assert_eq!(
            date("PARIS, March 5, 2024 (Example Wire) - Farmers marched."),
            Some((
                Some("2024-03-05 00:00:00".into()),
                Some("PARIS, March 5, 2024 (Example Wire)".into())
            ))
        );
        assert_eq!(date("LONDON, March 5 (AP) \u{2014} Shares rose."), None);
    }
}
