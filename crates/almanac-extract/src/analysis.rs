//! Sentence analysis shared by the rules: tokens, entity mentions, times and amounts.

use std::ops::Range;
use std::sync::Arc;

use almanac_measure::{Amount, AmountKind};
use almanac_model::{EntityKind, EntityRef};
use almanac_time::{Prefer, Scanned, TimeExpr};
use chrono::NaiveDateTime;

use crate::gazetteer::{Gazetteer, Name, NameUse, slug};
use crate::lexicon::{self, Form, Lex, VerbForm, w};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum TokKind {
    /// Letters, digits, inner hyphens and apostrophes: `Yoon-mo`, `U.S.`, `4.6`.
    Word,
    /// A possessive `'s` / `’s` (or a lone `'` after a plural).
    Possessive,
    /// One punctuation character.
    #[default]
    Punct,
}

/// A token of a sentence, as a byte range into the sentence text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// What it is.
    pub kind: TokKind,
    /// Whether it starts with an uppercase letter.
    pub cap: bool,
    /// What the lexicon knows about the word (set by [`analyse`]).
    pub lex: Lex,
    /// Whether it is inside a temporal expression (set by [`analyse`]).
    pub in_time: bool,
    /// Whether it is inside an amount (set by [`analyse`]).
    pub in_amount: bool,
}

/// An entity mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Token range of the mention.
    pub tokens: Range<usize>,
    /// The canonical entity.
    pub entity: EntityRef,
    /// How the name refers to it.
    pub usage: NameUse,
    /// Whether `'s` follows.
    pub possessive: bool,
}

/// One analysed sentence.
#[derive(Debug, Clone)]
pub(crate) struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// The text with ASCII letters lowercased (same byte offsets).
    pub lower: Arc<str>,
    /// Byte range of the sentence in the document body.
    pub span: Range<usize>,
    /// Tokens (shared with the [`TextAnalysis`] of a repeated text: never changed once
    /// analysed).
    pub tokens: Arc<[Token]>,
    /// Entity mentions, sorted, non-overlapping.
    pub mentions: Vec<Mention>,
    /// Temporal expressions with their token ranges.
    pub times: Vec<(Range<usize>, TimeExpr)>,
    /// Amounts with their token ranges.
    pub amounts: Vec<(Range<usize>, Amount)>,
    /// Titles found before person names (`Minister of Trade, Industry and Energy`).
    pub titles: Vec<Range<usize>>,
    /// The document's reference date.
    pub reference: Option<NaiveDateTime>,
    /// Per token, 1 + the index of the mention covering it (0: none); built by
    /// [`Sentence::index`] once mentions are final, empty before.
    mention_of: Vec<u32>,
    /// Per token, its verb form if it is used as a verb there ([`verb_at`]);
    /// built by [`Sentence::index`].
    verbs: Vec<Option<VerbForm>>,
    /// Whether the sentence contains `according to`.
    pub according_to: bool,
}

/// Splits a sentence into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let char_at = |i: usize| match b.get(i) {
        Some(&c) if c.is_ascii() => Some(char::from(c)),
        Some(_) => text.get(i..).and_then(|s| s.chars().next()),
        None => None,
    };
    while i < b.len() {
        let Some(c) = char_at(i) else {
            i += 1;
            continue;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // Possessive: 's / ’s not followed by a letter, or a lone ' after a plural s.
        if c == '\'' || c == '’' {
            let after = i + c.len_utf8();
            let prev_word = out
                .last()
                .is_some_and(|t: &Token| t.kind == TokKind::Word && t.end == i);
            if prev_word
                && matches!(b.get(after), Some(b's' | b'S'))
                && char_at(after + 1).is_none_or(|n| !n.is_alphanumeric())
            {
                out.push(Token {
                    start: i,
                    end: after + 1,
                    kind: TokKind::Possessive,
                    cap: false,
                    ..Token::default()
                });
                i = after + 1;
                continue;
            }
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + c.len_utf8();
            let mut dotted = false;
            while let Some(d) = char_at(j) {
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                let next = char_at(j + d.len_utf8());
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                match d {
                    '-' if next_alnum => j += 1,
                    '\'' | '’' if next_alnum => {
                        // stop before a possessive 's
                        let after = j + d.len_utf8();
                        let is_poss = matches!(b.get(after), Some(b's' | b'S'))
                            && char_at(after + 1).is_none_or(|n| !n.is_alphanumeric());
                        if is_poss {
                            break;
                        }
                        j = after;
                    }
                    '.' if next_alnum => {
                        // `U.S`, `e.g`, `4.6`: a single letter or digits before the dot.
                        // after the last non-alphanumeric char, which may be wider than a byte
                        // (`3t’b9.3`)
                        let seg_start = text[..j]
                            .char_indices()
                            .rev()
                            .find(|&(_, ch)| !ch.is_alphanumeric())
                            .map_or(start, |(p, ch)| p + ch.len_utf8())
                            .max(start);
                        let seg = &text[seg_start..j];
                        let digits = seg.bytes().all(|x| x.is_ascii_digit());
                        if seg.chars().count() == 1 || digits {
                            dotted |= !digits;
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    ',' if next.is_some_and(|n| n.is_ascii_digit())
                        && text[start..j].bytes().all(|x| x.is_ascii_digit()) =>
                    {
                        j += 1
                    }
                    _ => break,
                }
            }
            // `U.S.`: keep the final period of a dotted abbreviation, and of a company's
            // legal form (`Acme Inc. acquired`).
            let legal_form = matches!(&text[start..j], "Inc" | "Corp" | "Ltd" | "Co" | "Bros");
            if (dotted || legal_form) && b.get(j) == Some(&b'.') {
                j += 1;
            }
            out.push(Token {
                start,
                end: j,
                kind: TokKind::Word,
                cap: c.is_uppercase(),
                ..Token::default()
            });
            i = j;
            continue;
        }
        out.push(Token {
            start: i,
            end: i + c.len_utf8(),
            kind: TokKind::Punct,
            cap: false,
            ..Token::default()
        });
        i += c.len_utf8();
    }
    out
}

impl<'a> Sentence<'a> {
    /// The text of token `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The lowercased text of token `i`.
    pub(crate) fn low(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The text covered by a token range.
    pub(crate) fn slice(&self, r: Range<usize>) -> &str {
        if r.start >= r.end || r.end > self.tokens.len() {
            return "";
        }
        let (s, e) = (self.tokens[r.start].start, self.tokens[r.end - 1].end);
        self.text.get(s..e).unwrap_or("")
    }

    /// Whether token `i` is a word.
    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Whether token `i` is the punctuation `p`.
    pub(crate) fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct) && self.word(i) == p
    }

    /// Whether token `i` is a possessive `'s`.
    pub(crate) fn is_possessive(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Possessive)
    }

    /// The lexicon flags ([`w`]) of token `i` (0 past the end).
    pub(crate) fn flags(&self, i: usize) -> u32 {
        self.tokens.get(i).map_or(0, |t| t.lex.flags)
    }

    /// Whether token `i` is in one of the word lists of `flags` ([`w`]).
    pub(crate) fn has(&self, i: usize, flags: u32) -> bool {
        self.flags(i) & flags != 0
    }

    /// The lexical verb form of token `i`, whatever its use in the sentence.
    pub(crate) fn verb_form(&self, i: usize) -> Option<VerbForm> {
        self.tokens.get(i).and_then(|t| t.lex.verb)
    }

    /// The event class of token `i` read as a noun, whatever its use in the sentence.
    pub(crate) fn nominal_class(&self, i: usize) -> Option<almanac_model::EventClass> {
        self.tokens.get(i).and_then(|t| t.lex.nominal)
    }

    /// The mention covering token `i`.
    pub(crate) fn mention_at(&self, i: usize) -> Option<&Mention> {
        if self.mention_of.len() == self.tokens.len() {
            let ix = *self.mention_of.get(i)?;
            return ix.checked_sub(1).map(|ix| &self.mentions[ix as usize]);
        }
        self.mentions.iter().find(|m| m.tokens.contains(&i))
    }

    /// The mention starting at token `i`.
    pub(crate) fn mention_starting(&self, i: usize) -> Option<&Mention> {
        self.mention_at(i).filter(|m| m.tokens.start == i)
    }

    /// The mention ending just before token `i` (its last token is `i - 1`).
    pub(crate) fn mention_ending(&self, i: usize) -> Option<&Mention> {
        self.mention_at(i.checked_sub(1)?)
            .filter(|m| m.tokens.end == i)
    }

    /// Whether token `i` is inside a temporal expression.
    pub(crate) fn in_time(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.in_time)
    }

    /// Whether token `i` is inside an amount.
    pub(crate) fn in_amount(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.in_amount)
    }

    /// The verb form of token `i` if it is used as a verb there, once [`Sentence::index`]
    /// has run (`None` from the cache means not a verb).
    pub(crate) fn cached_verb(&self, i: usize) -> Option<Option<VerbForm>> {
        (self.verbs.len() == self.tokens.len()).then(|| self.verbs.get(i).copied().flatten())
    }

    /// Builds the per-token indexes once the mentions are final: which mention covers each
    /// token, and which tokens are used as verbs. Changing mentions afterwards drops them.
    pub(crate) fn index(&mut self) {
        self.mentions.sort_by_key(|m| m.tokens.start);
        let mut of = vec![0u32; self.tokens.len()];
        for (ix, m) in self.mentions.iter().enumerate() {
            for t in m.tokens.clone() {
                if let Some(slot) = of.get_mut(t) {
                    *slot = u32::try_from(ix + 1).unwrap_or(0);
                }
            }
        }
        self.mention_of = of;
        self.verbs.clear();
        let verbs: Vec<Option<VerbForm>> =
            (0..self.tokens.len()).map(|i| verb_at(self, i)).collect();
        self.verbs = verbs;
    }

    /// Byte range of a token range in the sentence.
    pub(crate) fn bytes_of(&self, r: &Range<usize>) -> Range<usize> {
        match (
            self.tokens.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..0,
        }
    }
}

/// Maps a byte range to the token range overlapping it.
fn token_range(tokens: &[Token], bytes: &Range<usize>) -> Range<usize> {
    let start = tokens.partition_point(|t| t.end <= bytes.start);
    let end = tokens.partition_point(|t| t.start < bytes.end);
    start..end.max(start)
}

/// A person or organization named in full in the document, for resolving later short
/// mentions: `Ahn` for `Ahn Duk-geun`, `Halvorsen` for `Halvorsen Industries`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KnownPerson {
    /// The full name.
    pub name: String,
    /// The words a short mention may use: every word of a person's name, the first word of
    /// an organization's.
    pub parts: Vec<String>,
    /// The entity the full name refers to.
    pub entity: EntityRef,
}

/// Analyses one sentence: tokens, gazetteer and pattern mentions, times and amounts.
pub(crate) fn analyse<'a>(
    text: &'a str,
    span: Range<usize>,
    gazetteer: &Gazetteer,
    reference: Option<NaiveDateTime>,
) -> Sentence<'a> {
    let mut tokens = tokenize(text);
    let lower = text.to_ascii_lowercase();
    for t in &mut tokens {
        t.lex = lexicon::lex(&lower[t.start..t.end], &text[t.start..t.end]);
    }
    let times = on_tokens(almanac_time::annotate(text, reference), &tokens);
    let amounts: Vec<(Range<usize>, Amount)> = almanac_measure::find_amounts(text)
        .into_iter()
        .map(|a| (token_range(&tokens, &a.span), a))
        .filter(|(r, _)| !r.is_empty())
        .collect();
    for (r, _) in &times {
        for t in &mut tokens[r.clone()] {
            t.in_time = true;
        }
    }
    for (r, _) in &amounts {
        for t in &mut tokens[r.clone()] {
            t.in_amount = true;
        }
    }
    let according_to = lower.contains("according to");
    let mut s = Sentence {
        text,
        lower: lower.into(),
        span,
        tokens: tokens.into(),
        mentions: Vec::new(),
        times,
        amounts,
        titles: Vec::new(),
        reference,
        mention_of: Vec::new(),
        verbs: Vec::new(),
        according_to,
    };
    find_mentions(&mut s, gazetteer);
    s
}

/// Temporal expressions with the token ranges they cover (those covering no token left out).
fn on_tokens(times: Vec<TimeExpr>, tokens: &[Token]) -> Vec<(Range<usize>, TimeExpr)> {
    times
        .into_iter()
        .map(|t| (token_range(tokens, &t.span), t))
        .filter(|(r, _)| !r.is_empty())
        .collect()
}

/// What [`analyse`] finds in a sentence that depends on its text alone: everything but the
/// times' values (their token ranges are kept, since the mentions depend on them).
#[derive(Debug, Clone)]
pub(crate) struct TextAnalysis {
    /// The sentence's times, found and waiting for a reference date (it holds the text).
    times: Scanned,
    lower: Arc<str>,
    tokens: Arc<[Token]>,
    mentions: Vec<Mention>,
    amounts: Vec<(Range<usize>, Amount)>,
    titles: Vec<Range<usize>>,
    according_to: bool,
    /// The token ranges of the times found when it was analysed.
    pub time_ranges: Vec<Range<usize>>,
}

impl TextAnalysis {
    /// The text-only part of a sentence just [analysed](analyse).
    pub(crate) fn of(s: &Sentence<'_>) -> Self {
        Self {
            times: Scanned::new(s.text, Prefer::Auto),
            lower: Arc::clone(&s.lower),
            tokens: Arc::clone(&s.tokens),
            mentions: s.mentions.clone(),
            amounts: s.amounts.clone(),
            titles: s.titles.clone(),
            according_to: s.according_to,
            time_ranges: s.times.iter().map(|(r, _)| r.clone()).collect(),
        }
    }

    /// The sentence `text` (the one analysed) at `span` of a document dated `reference`, as
    /// [`analyse`] would find it: its times are read again, since their values depend on
    /// the date. `None` when they cover other tokens than they did (the mentions could then
    /// differ too).
    pub(crate) fn sentence<'a>(
        &self,
        text: &'a str,
        span: Range<usize>,
        reference: Option<NaiveDateTime>,
    ) -> Option<Sentence<'a>> {
        let times = on_tokens(self.times.resolve(reference), &self.tokens);
        if !times.iter().map(|(r, _)| r).eq(self.time_ranges.iter()) {
            return None;
        }
        Some(Sentence {
            text,
            lower: Arc::clone(&self.lower),
            span,
            tokens: Arc::clone(&self.tokens),
            mentions: self.mentions.clone(),
            times,
            amounts: self.amounts.clone(),
            titles: self.titles.clone(),
            reference,
            mention_of: Vec::new(),
            verbs: Vec::new(),
            according_to: self.according_to,
        })
    }
}

fn entity_ref(name: &str, kind: EntityKind, mention: &str) -> EntityRef {
    EntityRef {
        id: slug(name),
        name: name.to_owned(),
        kind,
        mention: mention.to_owned(),
    }
}

fn is_name_word(s: &Sentence<'_>, i: usize) -> bool {
    s.tokens.get(i).is_some_and(|t| {
        t.kind == TokKind::Word
            && t.cap
            && t.lex.flags & w::NOT_NAME == 0
            && !s.text.as_bytes()[t.start..t.end]
                .iter()
                .all(u8::is_ascii_digit)
    })
}

/// Lowercase particles inside personal names: `de`, `van`, `von der`, `bin`.
fn is_name_particle(lower: &str) -> bool {
    matches!(
        lower,
        "de" | "da"
            | "di"
            | "du"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "bin"
            | "binti"
            | "dos"
            | "das"
            | "le"
            | "la"
            | "ter"
    )
}

fn covered(s: &Sentence<'_>, i: usize) -> bool {
    s.mention_at(i).is_some()
}

fn push_mention(s: &mut Sentence<'_>, tokens: Range<usize>, entity: EntityRef, usage: NameUse) {
    if tokens.is_empty() || tokens.clone().any(|i| covered(s, i)) {
        return;
    }
    s.mention_of.clear();
    s.verbs.clear();
    let possessive = s.is_possessive(tokens.end);
    s.mentions.push(Mention {
        tokens,
        entity,
        usage,
        possessive,
    });
}

fn find_mentions(s: &mut Sentence<'_>, g: &Gazetteer) {
    // 1. Gazetteer names (not inside amounts: `28 million U.S. dollars`).
    let found: Vec<(Range<usize>, &Name)> = g
        .find(s.text)
        .map(|(r, n)| (token_range(&s.tokens, &r), n))
        .collect();
    for (r, name) in found {
        if r.is_empty() || r.clone().any(|i| s.in_amount(i)) {
            continue;
        }
        let Some(e) = g.entity(name.entity) else {
            continue;
        };
        let mention = s.slice(r.clone()).to_owned();
        let mut entity = entity_ref(&e.name, e.kind, &mention);
        entity.id.clone_from(&e.id);
        // A capital after `in`/`at`/`from` is the city itself.
        let mut usage = name.usage;
        if usage == NameUse::Metonym
            && r.start > 0
            && matches!(
                s.low(r.start - 1),
                "in" | "at" | "from" | "near" | "outside"
            )
        {
            entity = entity_ref(&mention, EntityKind::Place, &mention);
            usage = NameUse::Name;
        }
        push_mention(s, r, entity, usage);
    }
    // 2. Persons introduced by a title: `Minister of Trade, Industry and Energy Sung Yoon-mo`.
    titled_persons(s);
    // 3. Remaining capitalized runs, classified by their words and context.
    capitalized_runs(s);
    s.mentions.sort_by_key(|m| m.tokens.start);
    // A company name right after a gazetteer name: `Seoul Semiconductor Co.` was split.
    merge_prefixed_companies(s);
}

fn titled_persons(s: &mut Sentence<'_>) {
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        if !s.has(i, w::TITLE_HEAD) || covered(s, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // `of` + portfolio list: `of Trade, Industry and Energy`
        // also further title words: `Chief Executive Officer`
        loop {
            let w = s.low(j);
            let connector = w == "of" || s.is_punct(j, ",");
            let title = s.has(j, w::TITLE) && s.is_word(j);
            if j < n
                && (title || (connector && s.is_word(j + 1)))
                && (!s.is_punct(j, ",") || s.has(j + 1, w::TITLE))
            {
                j += 1;
            } else {
                break;
            }
        }
        let name_start = j;
        while j < n && j - name_start < 3 && is_name_word(s, j) && !covered(s, j) {
            j += 1;
            // `Staffan de Mistura`, `Ursula von der Leyen`: particles inside a name
            let mut k = j;
            while k < n && j > name_start && is_name_particle(s.low(k)) {
                k += 1;
            }
            if k > j && k < n && is_name_word(s, k) && !covered(s, k) {
                j = k;
            }
        }
        // `Prime Minister Luis Montenegro`: a surname that is also a place name
        if j > name_start && j - name_start < 3 && surname_like_place(s, j) {
            s.mentions.retain(|m| m.tokens.start != j);
            s.mention_of.clear();
            j += 1;
        }
        let len = j - name_start;
        let last_is_title = s.has(name_start, w::TITLE);
        if len >= 1 && !last_is_title {
            s.titles.push(i..name_start);
            let name = s.slice(name_start..j).to_owned();
            push_mention(
                s,
                name_start..j,
                entity_ref(&name, EntityKind::Person, &name),
                NameUse::Name,
            );
        }
        i = j.max(i + 1);
    }
}

/// Whether token `j`, right after given names, is a one-word country or place name used as
/// a surname (`Luis Montenegro`, `Theresa May` is not one: `May` is no place): a plain
/// gazetteer name of one token not followed by another capitalized word.
fn surname_like_place(s: &Sentence<'_>, j: usize) -> bool {
    s.mention_at(j).is_some_and(|m| {
        m.tokens == (j..j + 1)
            && m.usage == NameUse::Name
            && matches!(m.entity.kind, EntityKind::Country | EntityKind::Place)
    }) && !(s.is_word(j + 1) && s.tokens[j + 1].cap)
}

fn capitalized_runs(s: &mut Sentence<'_>) {
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        let in_title = |s: &Sentence<'_>, i: usize| s.titles.iter().any(|r| r.contains(&i));
        if !is_name_word(s, i) || covered(s, i) || s.in_time(i) || in_title(s, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        let mut has_gov = s.has(i, w::GOVERNMENT_WORD);
        loop {
            if j < n
                && s.is_word(j)
                && s.tokens[j].cap
                && !covered(s, j)
                && !s.in_time(j)
                && !in_title(s, j)
            {
                has_gov |= s.has(j, w::GOVERNMENT_WORD);
                j += 1;
                // a legal form with its period ends the name: `Acme Inc. and ...`
                if s.word(j - 1).ends_with('.') && lexicon::LEGAL_FORMS.contains(&s.word(j - 1)) {
                    break;
                }
                continue;
            }
            // inner connectors: `Ministry of Science and ICT`, `Procter & Gamble`, and name
            // particles: `Staffan de Mistura`
            let conn = s.low(j);
            let connector = matches!(conn, "of" | "and" | "&" | "for" | "the" | "on")
                || is_name_particle(conn)
                || (has_gov && s.is_punct(j, ","));
            if connector && j + 1 < n {
                let mut k = j + 1;
                if s.low(k) == "the" {
                    k += 1;
                }
                if k < n && is_name_word(s, k) && !covered(s, k) && !s.in_time(k) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        classify_run(s, start..j);
        i = j;
    }
}

fn classify_run(s: &mut Sentence<'_>, r: Range<usize>) {
    let words: Vec<&str> = r.clone().map(|i| s.word(i)).collect();
    if words.is_empty() {
        return;
    }
    let text = s.slice(r.clone()).to_owned();
    let has = |flag: u32| r.clone().any(|i| s.has(i, flag));
    // `Planning and Finance Minister`: a portfolio before a title is no company
    let before_title = s.has(r.end, w::TITLE_HEAD);
    let kind = if words.len() >= 2 && s.has(r.end - 1, w::COMPANY_SUFFIX) && !before_title {
        Some(EntityKind::Company)
    } else if has(w::GOVERNMENT_WORD) && words.len() >= 2 {
        Some(EntityKind::Government)
    } else if has(w::MEDIA_WORD) && words.len() >= 2 {
        Some(EntityKind::Media)
    } else if has(w::ORGANIZATION_WORD) && words.len() >= 2 {
        Some(EntityKind::Organization)
    } else if person_context(s, &r, &words) {
        Some(EntityKind::Person)
    } else {
        None
    };
    let Some(kind) = kind else {
        return;
    };
    let name = if kind == EntityKind::Company {
        // drop the legal form: `Acme Widgets Inc.`, `Nordvik Energy ASA`
        let mut end = r.end;
        while end > r.start + 1
            && (lexicon::LEGAL_FORMS.contains(&s.word(end - 1)) || s.is_punct(end - 1, ","))
        {
            end -= 1;
        }
        s.slice(r.start..end)
            .trim_end_matches(['.', ','])
            .to_owned()
    } else {
        text.clone()
    };
    push_mention(s, r, entity_ref(&name, kind, &text), NameUse::Name);
}

/// The kind of an unknown capitalized name that is the subject of an event verb right
/// after it (`Ortega resigned on Friday`, `Halvorsen acquired Brightwater`): a person for
/// [`lexicon::PERSON_SUBJECT_CLASSES`], else an organization; a longer name only as a
/// person (`Maria Lopes stepped down`). The first word of a sentence counts only when it is
/// no common word capitalized by its position (`Shares fell`, `Organizers cancelled`), and a
/// name after a determiner is left to the other rules (`the Commission fined`).
fn subject_of_event_verb(s: &Sentence<'_>, r: &Range<usize>) -> Option<EntityKind> {
    if r.is_empty() || r.len() > 3 {
        return None;
    }
    let v = s.verb_form(r.end)?;
    if v.light
        || !matches!(v.form, lexicon::Form::Past | lexicon::Form::Third)
        || s.nominal_class(r.end).is_some()
        || lexicon::lacks_particle(v.lemma, s.low(r.end + 1))
    {
        return None;
    }
    let known = |i: usize| {
        let lex = &s.tokens[i].lex;
        lex.flags != 0 || lex.verb.is_some() || lex.nominal.is_some()
    };
    if r.clone().any(|i| known(i) || s.word(i).contains('.')) {
        return None;
    }
    if r.start > 0 && s.has(r.start - 1, w::DETERMINER) {
        return None;
    }
    let opens = r.start == 0 || (!s.is_word(r.start - 1) && !s.is_punct(r.start - 1, ","));
    if opens && lexicon::common_opener(s.low(r.start)) {
        return None;
    }
    let person = lexicon::PERSON_SUBJECT_CLASSES.contains(&v.class);
    match (r.len(), person) {
        (_, true) => Some(EntityKind::Person),
        (1, false) => Some(EntityKind::Organization),
        _ => None,
    }
}

/// Whether a capitalized run of 1-3 words reads as a person's name in its context.
fn person_context(s: &Sentence<'_>, r: &Range<usize>, words: &[&str]) -> bool {
    if words.is_empty() || words.len() > 3 || words.iter().any(|w| w.contains('.')) {
        return false;
    }
    let after = s.low(r.end);
    let speech = matches!(
        after,
        "said" | "says" | "told" | "added" | "reports" | "reported" | "stressed" | "noted"
    );
    // `Lee Chang-yang, South Korea's minister` / `Tim Cook, chief executive of Apple`
    let appositive = s.is_punct(r.end, ",") && {
        let mut ok = false;
        for k in r.end + 1..(r.end + 9).min(s.tokens.len()) {
            if s.has(k, w::TITLE_HEAD) {
                ok = true;
                break;
            }
            if s.is_punct(k, ",") || s.is_punct(k, ".") {
                break;
            }
        }
        ok
    };
    let said_before = r.start > 0 && matches!(s.low(r.start - 1), "said" | "says" | "added");
    // `Romero, who was appointed`: only persons are `who`
    let who_after = s.is_punct(r.end, ",") && s.low(r.end + 1) == "who";
    // `elected Ana Ribeiro`, `appointed Jane Roe`, `defeated incumbent Carlos Moedas`
    let person_verb = |k: usize| {
        s.verb_form(k)
            .is_some_and(|v| lexicon::PERSON_OBJECT_CLASSES.contains(&v.class))
    };
    let person_slot = r.start > 0
        && (person_verb(r.start - 1)
            || s.has(r.start - 1, w::PERSON_NOUN)
            // `swore in Jorge Salas`
            || (r.start > 1 && s.low(r.start - 1) == "in" && person_verb(r.start - 2)));
    let hyphen_given = words.len() >= 2
        && words[1..].iter().any(|w| {
            w.split_once('-')
                .is_some_and(|(_, b)| b.starts_with(|c: char| c.is_lowercase()))
        });
    (words.len() >= 2 && (speech || appositive || said_before || person_slot))
        || hyphen_given
        || who_after
}

/// `Central Bank` + `of` + `Chile`: an institution named after its country is one name.
fn merge_institution_of_country(s: &mut Sentence<'_>) {
    let mut k = 0;
    while k + 1 < s.mentions.len() {
        let (a, b) = (&s.mentions[k], &s.mentions[k + 1]);
        let of_between = b.tokens.start == a.tokens.end + 1 && s.low(a.tokens.end) == "of";
        let institution = a.usage == NameUse::Name
            && !a.possessive
            && matches!(
                a.entity.kind,
                EntityKind::Government | EntityKind::Organization | EntityKind::Company
            )
            && a.tokens.len() >= 2
            && (s.has(a.tokens.end - 1, w::GOVERNMENT_WORD | w::ORGANIZATION_WORD)
                || s.word(a.tokens.end - 1) == "Bank");
        let country = matches!(b.entity.kind, EntityKind::Country | EntityKind::Place)
            && b.usage != NameUse::Demonym;
        if of_between && institution && country {
            let r = a.tokens.start..b.tokens.end;
            let text = s.slice(r.clone()).to_owned();
            let kind = a.entity.kind;
            let possessive = b.possessive;
            s.mentions[k] = Mention {
                tokens: r,
                entity: entity_ref(&text, kind, &text),
                usage: NameUse::Name,
                possessive,
            };
            s.mentions.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

fn merge_prefixed_companies(s: &mut Sentence<'_>) {
    s.mention_of.clear();
    s.verbs.clear();
    merge_institution_of_country(s);
    let mut k = 0;
    while k + 1 < s.mentions.len() {
        let (a, b) = (&s.mentions[k], &s.mentions[k + 1]);
        let adjacent = a.tokens.end == b.tokens.start && !a.possessive;
        let prefix_ok = matches!(a.usage, NameUse::Name | NameUse::Metonym)
            && matches!(a.entity.kind, EntityKind::Country | EntityKind::Place);
        let b_org = matches!(
            b.entity.kind,
            EntityKind::Company | EntityKind::Organization | EntityKind::Media
        );
        // `Australian Competition and Consumer Commission`, `Chinese Communist Party`: a
        // demonym opens the name of an institution found by pattern
        let demonym_institution = a.usage == NameUse::Demonym
            && matches!(
                b.entity.kind,
                EntityKind::Government | EntityKind::Organization
            )
            && b.entity.id == slug(&b.entity.name)
            && s.tokens[b.tokens.start].cap
            && b.tokens.len() >= 2;
        if adjacent && ((prefix_ok && b_org) || demonym_institution) {
            let r = a.tokens.start..b.tokens.end;
            let text = s.slice(r.clone()).to_owned();
            let name = format!("{} {}", a.entity.mention, b.entity.name);
            let kind = b.entity.kind;
            s.mentions[k] = Mention {
                tokens: r,
                entity: entity_ref(&name, kind, &text),
                usage: NameUse::Name,
                possessive: b.possessive,
            };
            s.mentions.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Resolves single-word mentions of persons and organizations already named in full in the
/// document (`Ahn` for `Ahn Duk-geun`, `Halvorsen` for `Halvorsen Industries`) and
/// registers new ones. A one-word place name that is the surname of a person named in the
/// document is that person (`Montenegro` after `Prime Minister Luis Montenegro`).
pub(crate) fn resolve_persons(s: &mut Sentence<'_>, known: &mut Vec<KnownPerson>) {
    for m in &s.mentions {
        if known.iter().any(|p| p.name == m.entity.name) {
            continue;
        }
        let parts: Vec<String> = match m.entity.kind {
            EntityKind::Person => m.entity.name.split(' ').map(str::to_owned).collect(),
            EntityKind::Company | EntityKind::Organization
                if m.usage == NameUse::Name && m.tokens.len() >= 2 =>
            {
                let first = s.word(m.tokens.start);
                let generic = first.len() < 3
                    || s.has(m.tokens.start, w::TITLE | w::NOT_NAME)
                    || first.bytes().any(|b| !b.is_ascii_alphabetic() && b != b'-');
                if generic {
                    continue;
                }
                vec![first.to_owned()]
            }
            _ => continue,
        };
        known.push(KnownPerson {
            name: m.entity.name.clone(),
            parts,
            entity: m.entity.clone(),
        });
    }
    // surnames that are also place names, and one-word persons found by pattern (`Ruiz,
    // who ...`) already named in full
    let mut replaced = false;
    for m in &mut s.mentions {
        if m.entity.kind == EntityKind::Person && m.tokens.len() == 1 {
            let word = m.entity.name.as_str();
            let full = known.iter().find(|p| {
                p.entity.kind == EntityKind::Person
                    && p.parts.len() >= 2
                    && p.parts.iter().any(|x| x == word)
            });
            if let Some(p) = full {
                m.entity = EntityRef {
                    mention: m.entity.mention.clone(),
                    ..p.entity.clone()
                };
                replaced = true;
            }
            continue;
        }
        let one_place = m.tokens.len() == 1
            && m.usage == NameUse::Name
            && matches!(m.entity.kind, EntityKind::Country | EntityKind::Place);
        if !one_place {
            continue;
        }
        let word = s
            .text
            .get(s.tokens[m.tokens.start].start..s.tokens[m.tokens.start].end);
        let hit = known.iter().find(|p| {
            p.entity.kind == EntityKind::Person
                && p.parts.len() >= 2
                && p.parts.last().map(String::as_str) == word
        });
        if let (Some(p), Some(word)) = (hit, word) {
            m.entity = EntityRef {
                mention: word.to_owned(),
                ..p.entity.clone()
            };
            replaced = true;
        }
    }
    if replaced {
        s.mention_of.clear();
        s.verbs.clear();
    }
    for i in 0..s.tokens.len() {
        if !is_name_word(s, i) || covered(s, i) {
            continue;
        }
        let word = s.word(i);
        // only single capitalized words not followed by another capitalized word
        if is_name_word(s, i + 1) || (i > 0 && is_name_word(s, i - 1) && !covered(s, i - 1)) {
            continue;
        }
        let person = known.iter().find(|p| {
            p.entity.kind == EntityKind::Person
                && p.parts.len() >= 2
                && p.parts.iter().any(|x| x == word)
        });
        let hit = person.or_else(|| {
            known
                .iter()
                .find(|p| p.entity.kind != EntityKind::Person && p.parts[0] == word)
        });
        if let Some(p) = hit {
            let e = EntityRef {
                mention: word.to_owned(),
                ..p.entity.clone()
            };
            push_mention(s, i..i + 1, e, NameUse::Name);
        }
    }
    s.mentions.sort_by_key(|m| m.tokens.start);
}

/// Names the capitalized runs still unknown once persons are resolved that are the subject
/// of an event verb right after them (see [`subject_of_event_verb`]). Runs after
/// [`resolve_persons`], so that `Ribeiro` stays `Ana Ribeiro` when she is named in full.
pub(crate) fn name_unknown_subjects(s: &mut Sentence<'_>) {
    let mut found = Vec::new();
    for i in 1..s.tokens.len() {
        if !is_name_word(s, i - 1) || covered(s, i - 1) || s.verb_form(i).is_none() {
            continue;
        }
        let mut start = i - 1;
        while start > 0
            && is_name_word(s, start - 1)
            && !covered(s, start - 1)
            && !s.in_time(start - 1)
        {
            start -= 1;
        }
        let r = start..i;
        // `Panama Canal`: the end of a longer name that starts with a known one
        let glued =
            start > 0 && s.is_word(start - 1) && s.tokens[start - 1].cap && !s.in_time(start - 1);
        if glued || r.clone().any(|k| s.in_time(k)) {
            continue;
        }
        if let Some(kind) = subject_of_event_verb(s, &r) {
            let text = s.slice(r.clone()).to_owned();
            found.push((r, entity_ref(&text, kind, &text)));
        }
    }
    if found.is_empty() {
        return;
    }
    for (r, e) in found {
        push_mention(s, r, e, NameUse::Name);
    }
    s.mentions.sort_by_key(|m| m.tokens.start);
    s.mention_of.clear();
    s.verbs.clear();
}

/// Whether an amount is worth attaching to an event (money, percentages, counts).
pub(crate) fn meaningful_amount(a: &Amount) -> bool {
    !matches!(a.kind, AmountKind::Number)
}

/// Returns the verb form at token `i` if it is used as a verb there.
pub(crate) fn verb_at(s: &Sentence<'_>, i: usize) -> Option<VerbForm> {
    if let Some(cached) = s.cached_verb(i) {
        return cached;
    }
    let v = s.verb_form(i)?;
    if !s.is_word(i) || s.in_time(i) || s.in_amount(i) || s.mention_at(i).is_some() {
        return None;
    }
    // `left Paris` is no `leave office`
    if lexicon::lacks_particle(v.lemma, s.low(i + 1)) {
        return None;
    }
    let prev = if i > 0 { s.low(i - 1) } else { "" };
    // `the ban` is a noun, `Canada first sanctioned` a verb
    let adverb_like = matches!(prev, "first" | "latest" | "new") && v.form == Form::Past;
    if (i > 0 && s.has(i - 1, w::DETERMINER) && !adverb_like) || s.is_possessive(i.wrapping_sub(1))
    {
        return None;
    }
    // A capitalized trigger inside a name: `Trade Ministry`, `Visit Korea`.
    if s.tokens[i].cap && i > 0 && s.tokens[i - 1].cap && s.is_word(i - 1) {
        return None;
    }
    let ok = match v.form {
        // `Export curbs on X`: a noun unless a subject precedes it
        Form::Third if s.nominal_class(i).is_some() || lexicon::is_plural_noun_lemma(v.lemma) => {
            matches!(
                prev,
                "it" | "he" | "she" | "also" | "now" | "then" | "reportedly"
            ) || (i > 0
                && s.mention_ending(i)
                    .is_some_and(|m| m.usage != NameUse::Demonym))
        }
        Form::Past | Form::Third => true,
        Form::Base => {
            let mut k = i;
            while k > 0
                && (s.low(k - 1).ends_with("ly")
                    || matches!(
                        s.low(k - 1),
                        "also" | "not" | "n't" | "never" | "further" | "jointly"
                    ))
            {
                k -= 1;
            }
            let p = if k > 0 { s.low(k - 1) } else { "" };
            matches!(
                p,
                "to" | "will"
                    | "would"
                    | "shall"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "did"
                    | "does"
                    | "do"
                    | "'ll"
                    | "they"
                    | "we"
                    | "i"
                    | "you"
                    | "not"
                    | "n't"
            ) || (k > 0
                && s.mention_ending(k)
                    .is_some_and(|m| m.usage != NameUse::Demonym))
        }
        // `is lifting`; `..., defeating Aino Virtanen` (a participle clause)
        Form::Gerund => i > 0 && (s.has(i - 1, w::BE_FORM) || s.is_punct(i - 1, ",")),
    };
    ok.then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Analyses `text` with the built-in gazetteer (unknown subjects named); compares
    /// `mention=id(kind)` lines.
    fn check(text: &str, expected: &[&str]) {
        let g = Gazetteer::builtin();
        let mut s = analyse(text, 0..text.len(), &g, None);
        name_unknown_subjects(&mut s);
        let got: Vec<String> = s
            .mentions
            .iter()
            .map(|m| {
                format!(
                    "{}={}({:?})",
                    s.slice(m.tokens.clone()),
                    m.entity.id,
                    m.entity.kind
                )
            })
            .collect();
        assert_eq!(got, expected, "mentions in {text:?}");
    }

    #[test]
    fn a_dotted_segment_after_a_wide_apostrophe_is_cut_at_a_char_boundary() {
        // found by `cargo fuzz run extract`: `’` is three bytes wide
        let text = "3t\u{2019}b9.3";
        let tokens = tokenize(text);
        assert!(!tokens.is_empty());
        assert!(tokens.iter().all(|t| text.get(t.start..t.end).is_some()));
        check(text, &[]);
    }

    #[test]
    fn gazetteer_and_metonyms() {
        check(
            "Tokyo slapped export restrictions on Seoul, talks in Tokyo said.",
            &[
                "Tokyo=japan(Country)",
                "Seoul=south-korea(Country)",
                "Tokyo=tokyo(Place)",
            ],
        );
        check(
            "U.S.-based DuPont and S. Korea",
            &[
                "U.S.=united-states(Country)",
                "DuPont=dupont(Company)",
                "S. Korea=south-korea(Country)",
            ],
        );
    }

    #[test]
    fn titled_and_appositive_persons() {
        check(
            "Seoul's Minister of Trade, Industry and Energy Sung Yoon-mo's visit",
            &[
                "Seoul=south-korea(Country)",
                "Sung Yoon-mo=sung-yoon-mo(Person)",
            ],
        );
        check(
            "said Lee Chang-yang, South Korea's minister of industry",
            &[
                "Lee Chang-yang=lee-chang-yang(Person)",
                "South Korea=south-korea(Country)",
            ],
        );
        check("CEO Tim Cook said", &["Tim Cook=tim-cook(Person)"]);
    }

    #[test]
    fn pattern_organizations() {
        check(
            "Acme Widgets Inc. and the Ministry of Oceans and Fisheries met Korea Research Consortium",
            &[
                "Acme Widgets Inc.=acme-widgets(Company)",
                "Ministry of Oceans and Fisheries=ministry-of-oceans-and-fisheries(Government)",
                "Korea Research Consortium=korea-research-consortium(Organization)",
            ],
        );
    }

    #[test]
    fn unknown_names_before_event_verbs() {
        check(
            "Moreira joined Porto from Santos in January 2021.",
            &["Moreira=moreira(Person)"],
        );
        check("Ortega resigned on Friday.", &["Ortega=ortega(Person)"]);
        check("Yesterday Ortega resigned.", &["Ortega=ortega(Person)"]);
        check(
            "On Friday, Halvorsen acquired a stake.",
            &["Halvorsen=halvorsen(Organization)"],
        );
        check(
            "Maria Lopes stepped down.",
            &["Maria Lopes=maria-lopes(Person)"],
        );
        check("Shares fell. Organizers cancelled the race.", &[]);
        check("Meanwhile exports rose.", &[]);
        check("Ortega left Paris.", &["Paris=france(Country)"]);
        check(
            "Panama Canal lifts draught limits.",
            &["Panama=panama(Country)"],
        );
    }
}
