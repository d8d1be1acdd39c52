//! Word-level helpers: normalization, tokens, a small suffix stemmer, stop words, fuzzy match.

/// Lowercases `text`, drops possessive `'s`, and turns every run of characters that are not
/// letters or digits into one space: `S. Korea's` is `s korea`, `Yoon-mo` is `yoon mo`.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '\'' || c == '’' {
            // A possessive `'s` followed by a non-letter is dropped: `japan's` is `japan`.
            let mut look = chars.clone();
            if matches!(look.next(), Some('s' | 'S'))
                && look.next().is_none_or(|n| !n.is_alphanumeric())
            {
                chars.next();
            }
            // `didn't` is kept as `didnt`.
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// The words of `text` after [`normalize`].
pub(crate) fn words(text: &str) -> Vec<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A word of a question: normalized, stemmed, and whether it was written with a capital.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Lowercase, as [`normalize`] gives it.
    pub lower: String,
    /// [`stem`] of `lower`.
    pub stem: String,
    /// Whether the word began with an uppercase letter.
    pub capitalized: bool,
    /// Whether the word was all uppercase and at least two letters (`US`, `EU`).
    pub acronym: bool,
    /// Whether it was written with a possessive `'s` (`India's`).
    pub possessive: bool,
}

/// The tokens of `text`, in the same word split as [`normalize`].
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    // Split the raw text the same way normalize does, but keep the case.
    let mut raw_words: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut possessive = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' || c == '’' {
            let mut look = chars.clone();
            if matches!(look.next(), Some('s' | 'S'))
                && look.next().is_none_or(|n| !n.is_alphanumeric())
            {
                chars.next();
                possessive = true;
            }
            continue;
        }
        if c.is_alphanumeric() {
            current.push(c);
        } else if !current.is_empty() {
            raw_words.push((std::mem::take(&mut current), possessive));
            possessive = false;
        }
    }
    if !current.is_empty() {
        raw_words.push((current, possessive));
    }
    raw_words
        .into_iter()
        .map(|(raw, possessive)| {
            let lower = raw.to_lowercase();
            Token {
                stem: stem(&lower),
                capitalized: raw.chars().next().is_some_and(char::is_uppercase),
                acronym: raw.chars().count() >= 2
                    && raw.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()),
                lower,
                possessive,
            }
        })
        .collect()
}

/// Whether the [`normalize`]d `text` has a word whose [`stem`] is `k` (or, with `typos`
/// and `k` of five letters or more, within [`max_typos`] of it). Only words that could
/// match are stemmed: those sharing `k`'s first letter and about its length.
pub(crate) fn has_stem(text: &str, k: &str, typos: bool) -> bool {
    let Some(&first) = k.as_bytes().first() else {
        return false;
    };
    let fuzzy_ok = typos && k.len() >= 5;
    let mut near = false;
    for w in text.split(' ') {
        if w.as_bytes().first() != Some(&first) || w.len() + 2 < k.len() {
            continue;
        }
        if w == k {
            return true;
        }
        let head = k.len().min(3);
        let prefix = w.as_bytes().get(..head) == k.as_bytes().get(..head);
        if prefix && w.len() <= k.len() + 5 && stem(w) == k {
            return true;
        }
        if fuzzy_ok && !near && w.len() <= k.len() + 5 && fuzzy(k, &stem(w)).is_some() {
            near = true;
        }
    }
    near
}

/// A few irregular verb forms mapped to their lemma.
const IRREGULAR: &[(&str, &str)] = &[
    ("spent", "spend"),
    ("made", "make"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("began", "begin"),
    ("begun", "begin"),
    ("went", "go"),
    ("gone", "go"),
    ("said", "say"),
    ("put", "put"),
    ("set", "set"),
    ("paid", "pay"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("built", "build"),
    ("won", "win"),
    ("held", "hold"),
    ("met", "meet"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("brought", "bring"),
    ("sought", "seek"),
    ("lent", "lend"),
    ("was", "be"),
    ("were", "be"),
    ("is", "be"),
    ("are", "be"),
    ("been", "be"),
    ("has", "have"),
    ("had", "have"),
    ("did", "do"),
    ("does", "do"),
];

/// A crude but consistent suffix stemmer: `lifted`, `lifting`, `lifts` → `lift`;
/// `pledged` → `pledg` as `pledge` does; `supplied` → `supply`; `slapped` → `slap`.
/// Only consistency matters: questions and lexicon go through the same function.
pub(crate) fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.is_ascii() {
        if let Some((_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == word) {
            return strip_e(lemma);
        }
        return word.to_owned();
    }
    // Irregular forms end like no regular inflection: skip the table for `-ed`, `-ing`, `-s`.
    if word == "does" || !(word.ends_with("ed") || word.ends_with("ing") || word.ends_with('s')) {
        if let Some((_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == word) {
            return strip_e(lemma);
        }
    }
    let mut w = word.to_owned();
    if let Some(base) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        if base.len() >= 2 {
            return format!("{base}y");
        }
    }
    let mut stripped = false;
    for suffix in ["ing", "ed"] {
        // `agreed` keeps the `e` of `agree`.
        let suffix = if suffix == "ed" && w.ends_with("eed") {
            "d"
        } else {
            suffix
        };
        if let Some(base) = w.strip_suffix(suffix) {
            if base.len() >= 3 {
                w = base.to_owned();
                stripped = true;
                break;
            }
        }
    }
    if !stripped {
        if let Some(base) = w.strip_suffix("es") {
            if base.ends_with("ss")
                || base.ends_with("sh")
                || base.ends_with("ch")
                || base.ends_with('x')
            {
                w = base.to_owned();
            } else {
                w.pop();
            }
        } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
        {
            w.pop();
        }
    }
    if stripped {
        // `slapped` → `slapp` → `slap`; `tt`, `nn`, `pp`, `gg`, `bb`, `dd`, `mm`, `rr`.
        let b = w.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
            w.pop();
        }
    }
    strip_e(&w)
}

fn strip_e(w: &str) -> String {
    match w.strip_suffix('e') {
        Some(base) if base.len() >= 3 && !base.ends_with('e') => base.to_owned(),
        _ => w.to_owned(),
    }
}

/// Words that carry no constraint of their own in a question, besides the month names
/// (`almanac_time::words`, see [`is_stop`]).
pub(crate) const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "by",
    "can",
    "could",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "during",
    "each",
    "ever",
    "first",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "know",
    "last",
    "let",
    "many",
    "me",
    "more",
    "most",
    "much",
    "my",
    "of",
    "on",
    "once",
    "one",
    "or",
    "other",
    "our",
    "out",
    "over",
    "please",
    "say",
    "said",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "until",
    "up",
    "us",
    "was",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "month",
    "months",
    "date",
    "day",
    "time",
    "you",
    "your",
    "happen",
    "happened",
    "exactly",
    "any",
    "ago",
    "like",
    "by",
    "between",
    "against",
    "toward",
    "towards",
    "not",
    "never",
    "no",
    "nt",
    "s",
    "t",
    "do",
    "done",
    "doing",
    "make",
    "made",
    "give",
    "gave",
    "total",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "expect",
    "expected",
    "aim",
    "aims",
    "going",
    "want",
    "wants",
    "shall",
    "might",
    "must",
    "finally",
    "actually",
    "officially",
    "really",
    "money",
    "amount",
    "sum",
    "number",
];

/// Whether `word` (normalized) is a stop word: one of [`STOP_WORDS`] or a month name written
/// in full and lowercase (`march`; not the abbreviations, which are words of their own: `mar`).
pub(crate) fn is_stop(word: &str) -> bool {
    // the stop words and the months' names in lowercase: one lookup (every content word of
    // every sentence indexed comes here). A word with a capital letter can only match a stop
    // word, since the names are lowercase
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<String>> =
        std::sync::LazyLock::new(|| {
            let months = (1..=12)
                .filter_map(almanac_time::words::month_name)
                .map(str::to_ascii_lowercase);
            STOP_WORDS
                .iter()
                .map(|&w| w.to_owned())
                .chain(months)
                .collect()
        });
    SET.contains(word)
}

/// Whether `word` (lowercase, or its stem) names an office or title (`office` in
/// `almanac_model`'s `titles.tsv`): a who-question that uses one asks for the holder of a
/// role, not for whoever a sentence mentions.
pub(crate) fn is_title_noun(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        almanac_model::vocab::titles()
            .of(almanac_model::vocab::TitleUse::Office)
            .flat_map(|t| [t.to_owned(), stem(t)])
            .collect()
    })
    .contains(word)
}

/// The largest Damerau-Levenshtein distance accepted between a typed word of `len`
/// characters and a known one: none under 4 characters, 1 up to 6, 2 beyond.
pub(crate) fn max_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Similarity in 0..=1 of a typed `word` to a `known` one when it is within [`max_typos`],
/// else `None`. Exact matches are 1.0, one typo 0.9, two 0.8.
pub(crate) fn fuzzy(word: &str, known: &str) -> Option<f32> {
    if word == known {
        return Some(1.0);
    }
    let (lw, lk) = (word.chars().count(), known.chars().count());
    let allowed = max_typos(lw.min(lk));
    if allowed == 0 || lw.abs_diff(lk) > allowed {
        return None;
    }
    let d = strsim::damerau_levenshtein(word, known);
    (d <= allowed).then_some(1.0 - 0.1 * d as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_written_in_lowercase_is_a_stop_word_and_a_capitalized_one_is_not() {
        for word in ["the", "of", "january", "may", "september"] {
            assert!(is_stop(word), "{word}");
        }
        // an abbreviation, a capitalized month (a name: `May`), and content words
        for word in ["jan", "sept", "May", "January", "bridge", "mayor", ""] {
            assert!(!is_stop(word), "{word}");
        }
    }

    fn check(word: &str, expected: &str) {
        assert_eq!(stem(word), expected, "stem({word:?})");
    }

    #[test]
    fn stems_inflections_consistently() {
        for (word, lemma) in [
            ("lifted", "lift"),
            ("lifting", "lift"),
            ("lifts", "lift"),
            ("slapped", "slap"),
            ("pledged", "pledg"),
            ("pledge", "pledg"),
            ("supplied", "supply"),
            ("supplies", "supply"),
            ("spent", "spend"),
            ("agreed", "agree"),
            ("agree", "agree"),
            ("agreeing", "agree"),
            ("restrictions", "restriction"),
            ("curbs", "curb"),
            ("removed", "remov"),
            ("remove", "remov"),
            ("banned", "ban"),
            ("invested", "invest"),
            ("news", "new"),
        ] {
            check(word, lemma);
        }
    }

    #[test]
    fn normalizes_possessives_and_punctuation() {
        assert_eq!(normalize("S. Korea's exports"), "s korea exports");
        assert_eq!(normalize("Sung Yoon-mo didn't"), "sung yoon mo didnt");
        assert_eq!(normalize("Japan’s  U.S.-based"), "japan u s based");
    }

    #[test]
    fn fuzzy_accepts_typos_by_length() {
        assert_eq!(fuzzy("japn", "japan"), Some(0.9));
        assert_eq!(fuzzy("samsng", "samsung"), Some(0.9));
        assert_eq!(fuzzy("restrictons", "restrictions"), Some(0.9));
        assert_eq!(fuzzy("texas", "taxes"), None);
        assert_eq!(fuzzy("us", "uk"), None);
    }
}
