//! Sentence evidence and its retrieval: every sentence of every document, indexed for BM25.
//!
//! [`EvidenceIndex`] holds the sentences ([`almanac_model::SentenceEvidence`]) with their
//! document's metadata, and an inverted index from stemmed words to sentences. Retrieval goes
//! through the [`Retrieve`] trait so that another store (an on-disk index) can serve the same
//! answer engine.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use almanac_model::{DateKnown, DocEvidence, Document, SentenceEvidence};
use chrono::NaiveDateTime;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::text::{is_stop, stem};

/// BM25 `k1`: how quickly repeated words stop adding.
const BM25_K1: f32 = 1.2;
/// BM25 `b`: how much a long sentence is penalised.
const BM25_B: f32 = 0.6;
/// Weight of a word found only in the previous sentence (context), relative to the sentence.
pub const CONTEXT_WEIGHT: f32 = 0.35;
/// Weight of a word found only in the document's title, relative to the sentence.
pub const TITLE_WEIGHT: f32 = 0.3;
/// Words in more sentences than this share of the corpus are not walked at query time (their
/// IDF is tiny); they still count when the retrieved sentences are re-scored.
const COMMON_SHARE: f32 = 0.08;
/// At least this many postings are always walked, whatever the corpus size.
const COMMON_FLOOR: usize = 2000;

/// A word of a text with its byte range: lowercased, possessive dropped, stemmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range in the text.
    pub span: std::ops::Range<usize>,
    /// The word lowercased.
    pub lower: String,
    /// Its stem.
    pub stem: String,
    /// Whether it started with an uppercase letter.
    pub capitalized: bool,
}

/// The words of `text` with their byte ranges (letters and digits; `'s` dropped).
pub(crate) fn words_of(text: &str) -> Vec<Word> {
    word_spans(text)
        .map(|span| {
            let raw = &text[span.clone()];
            let lower = raw.to_lowercase();
            Word {
                stem: stem(&lower),
                capitalized: raw.chars().next().is_some_and(char::is_uppercase),
                lower,
                span,
            }
        })
        .collect()
}

/// The byte ranges of the words of `text`: runs of letters and digits, with an ampersand
/// between letters inside the word (`AT&T`) and a possessive `'s` left out (`Japan's`).
fn word_spans(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut iter = text.char_indices().peekable();
    let mut start = None;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some((i, c)) = iter.next() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            if c == '&' && start.is_some() && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
            {
                continue;
            }
            let ended = start.take().map(|s| s..i);
            if (c == '\'' || c == '’')
                && let Some(&(_, n)) = iter.peek()
                && (n == 's' || n == 'S')
            {
                iter.next();
                if iter.peek().is_some_and(|&(_, c)| c.is_alphanumeric()) {
                    // not a possessive (`'sup`): the letters start a word
                    start = Some(i + c.len_utf8());
                }
            }
            if ended.is_some() {
                return ended;
            }
        }
        done = true;
        start.take().map(|s| s..text.len())
    })
}

/// The lowercase form of each word of `text`, written into one reused buffer.
fn for_each_lower(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    for span in word_spans(text) {
        let raw = &text[span];
        lower.clear();
        if raw.is_ascii() {
            lower.push_str(raw);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&raw.to_lowercase());
        }
        f(&lower);
    }
}

/// Whether a word is a content word worth indexing.
pub(crate) fn is_content(lower: &str) -> bool {
    !is_stop(lower) && !lower.is_empty()
}

/// What retrieval keeps of a sentence, from one pass over its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceTerms {
    /// Each content stem with its number of occurrences, sorted by stem.
    pub stems: Vec<(String, u16)>,
    /// The number of content words, as BM25 counts length (at least 1).
    pub len: u16,
    /// The lowercase content words, in order, that typo repair may propose (letters and
    /// digits; `AT&T` is one word, a possessive `'s` is dropped).
    pub words: Vec<String>,
}

/// Calls `f` with each content word of `text`, lowercased, as often as it occurs: the words
/// [`sentence_terms`] counts. With [`stem_of`], a store can intern a word's stem once per
/// distinct word instead of once per occurrence.
pub fn content_words(text: &str, mut f: impl FnMut(&str)) {
    for_each_lower(text, |lower| {
        if is_content(lower) {
            f(lower);
        }
    });
}

/// The stem a lowercased content word is indexed under.
///
/// ```
/// assert_eq!(almanac_ask::stem_of("restrictions"), almanac_ask::stem_of("restriction"));
/// ```
pub fn stem_of(lower: &str) -> String {
    stem(lower)
}

/// The content words of a sentence as BM25 and typo repair count them.
pub fn sentence_terms(text: &str) -> SentenceTerms {
    let mut stems: Vec<(String, u16)> = Vec::new();
    let mut words = Vec::new();
    content_words(text, |lower| {
        words.push(lower.to_owned());
        let stem = stem(lower);
        match stems.iter_mut().find(|(x, _)| *x == stem) {
            Some((_, n)) => *n = n.saturating_add(1),
            None => stems.push((stem, 1)),
        }
    });
    stems.sort_unstable();
    let len = u16::try_from(words.len()).unwrap_or(u16::MAX).max(1);
    SentenceTerms { stems, len, words }
}

/// The distinct content stems of a title, sorted.
pub fn title_terms(title: &str) -> Vec<String> {
    let mut stems: Vec<String> = words_of(title)
        .into_iter()
        .filter(|w| is_content(&w.lower))
        .map(|w| w.stem)
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// What a sentence's document is, for scoring and citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    /// The document id.
    #[serde(deserialize_with = "almanac_model::arc_str::deserialize")]
    pub id: Arc<str>,
    /// Its path as given.
    #[serde(deserialize_with = "almanac_model::arc_str::deserialize")]
    pub path: Arc<str>,
    /// Its title.
    #[serde(default, deserialize_with = "almanac_model::arc_str::option")]
    pub title: Option<Arc<str>>,
    /// The reference date its relative dates were resolved against.
    pub date: Option<NaiveDateTime>,
    /// How that date is known.
    pub known: DateKnown,
    /// `published 2020-01-21`, for citations.
    pub date_label: Option<String>,
}

impl DocMeta {
    /// The metadata of a parsed document.
    pub fn of(d: &Document) -> Self {
        DocMeta {
            id: Arc::from(d.id.as_str()),
            path: Arc::from(d.path.as_str()),
            title: d.title.as_deref().map(Arc::from),
            date: d.reference_date(),
            known: d.published.known,
            date_label: crate::index::date_label(d),
        }
    }
}

/// One entry of a stem's posting list, with what BM25 needs to score it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Sentence id.
    pub sentence: u32,
    /// How many times the stem occurs in it.
    pub tf: u16,
    /// The sentence's number of content words.
    pub len: u16,
    /// Whether the next sentence id belongs to the same document (it gets this one as context).
    pub next_in_doc: bool,
}

/// How often a stem occurs in a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TermStats {
    /// Sentences holding it.
    pub sentences: u32,
    /// Titles holding it.
    pub titles: u32,
}

impl TermStats {
    /// Its document frequency for IDF: sentences plus titles.
    pub fn df(self) -> u32 {
        self.sentences + self.titles
    }
}

/// BM25 over posting lists, the one scoring every store shares: `n` sentences of average
/// length `avg_len`; `stats` gives a stem's frequencies, `walk` feeds its postings.
///
/// Per sentence, the best alternative of each query term counts once; a sentence also gets
/// [`CONTEXT_WEIGHT`] of its predecessor's score. Stems in more than a share of the corpus
/// are not walked. Ties go to the lower sentence id ([`bm25_search_ordered`] takes another
/// order).
///
/// Terms are walked from the rarest (highest possible score) to the most common. Once the
/// terms left could not lift a sentence that none of the walked terms holds above the
/// `limit`-th best score so far, only the sentences already scored matter (MaxScore):
/// `walk` then gets their ids (sorted, each with its predecessor, whose postings give it
/// context) and may skip postings of other sentences. The hits are the same as walking
/// everything.
pub fn bm25_search(
    n: usize,
    avg_len: f32,
    terms: &[QueryTerm],
    limit: usize,
    stats: impl Fn(&str) -> Option<TermStats>,
    walk: impl FnMut(&str, Option<&[u32]>, &mut dyn FnMut(Posting)),
) -> Vec<Hit> {
    bm25_search_ordered(n, avg_len, terms, limit, stats, walk, &|id| u64::from(id))
}

/// [`bm25_search`] with ties going to the sentence of lower `order` instead of the lower
/// id ([`Retrieve::sentence_order`]).
pub fn bm25_search_ordered(
    n: usize,
    avg_len: f32,
    terms: &[QueryTerm],
    limit: usize,
    stats: impl Fn(&str) -> Option<TermStats>,
    walk: impl FnMut(&str, Option<&[u32]>, &mut dyn FnMut(Posting)),
    order: &dyn Fn(u32) -> u64,
) -> Vec<Hit> {
    search_walking(n, avg_len, terms, limit, stats, walk, order, WINDOWED_FROM)
}

/// A term with more postings than this, reached with nothing cut off, is walked together
/// with the terms after it ([`score_windows`]).
const WINDOWED_FROM: usize = 1 << 11;

/// [`bm25_search_ordered`], walking the terms together from the first one holding more than
/// `windowed_from` postings (see [`score_plan`]).
#[allow(clippy::too_many_arguments)]
fn search_walking(
    n: usize,
    avg_len: f32,
    terms: &[QueryTerm],
    limit: usize,
    stats: impl Fn(&str) -> Option<TermStats>,
    mut walk: impl FnMut(&str, Option<&[u32]>, &mut dyn FnMut(Posting)),
    order: &dyn Fn(u32) -> u64,
    windowed_from: usize,
) -> Vec<Hit> {
    let walk_limit = ((n as f32 * COMMON_SHARE) as usize).max(COMMON_FLOOR);
    let mut postings = 0usize;
    // each term's walkable stems with their weight, and the most it can add to a sentence
    let mut plan: Vec<PlanTerm<'_>> = terms
        .iter()
        .map(|term| {
            let mut term_postings = 0;
            let stems: Vec<(&str, f32, u32)> = term
                .stems
                .iter()
                .filter_map(|(stem, weight)| {
                    let st = stats(stem)?;
                    if st.sentences as usize > walk_limit || st.sentences == 0 {
                        return None;
                    }
                    term_postings += st.sentences as usize;
                    Some((stem.as_str(), idf(n, st.df()) * weight, st.sentences))
                })
                .collect();
            postings += term_postings;
            let most = stems.iter().map(|s| s.1).fold(0.0f32, f32::max) * (BM25_K1 + 1.0);
            PlanTerm {
                stems,
                most,
                postings: term_postings,
            }
        })
        .collect();
    plan.sort_by(|a, b| b.most.total_cmp(&a.most));
    let mut hits = if postings > n / DENSE_SHARE {
        // The array is kept for the thread's next question: allocating it anew would
        // fault its pages in every time.
        thread_local! {
            static SCRATCH: std::cell::RefCell<Dense> = Default::default();
        }
        let mut acc = SCRATCH.with(|s| s.take());
        acc.reserve_ids(n);
        let scored = score_plan(
            &plan,
            limit,
            avg_len,
            &mut walk,
            &mut acc,
            order,
            windowed_from,
        );
        acc.clear();
        SCRATCH.with(|s| s.replace(acc));
        scored
    } else {
        score_plan(
            &plan,
            limit,
            avg_len,
            &mut walk,
            &mut Sparse::default(),
            order,
            windowed_from,
        )
    };
    // Only the best `limit` are sorted: the order is total, so they are the same hits a full
    // sort would keep.
    let by = hit_order(order);
    if hits.len() > limit && limit > 0 {
        hits.select_nth_unstable_by(limit - 1, &by);
    }
    hits.truncate(limit);
    hits.sort_by(&by);
    hits
}

/// The order of hits: best score first, ties to the sentence of lower `order`.
fn hit_order(order: &dyn Fn(u32) -> u64) -> impl Fn(&Hit, &Hit) -> std::cmp::Ordering + '_ {
    move |a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| order(a.sentence).cmp(&order(b.sentence)))
    }
}

/// Walks `plan` (terms with their stems and weights, most valuable first) into `acc`;
/// returns every sentence scored.
///
/// Terms are walked one after the other, each a window of sentence ids at a time
/// ([`TermBest`]), so that the MaxScore check can run between them. Once the next term
/// holds more than `windowed_from` postings and nothing was cut off, the remaining terms
/// are walked together, window by window ([`score_windows`]): a corpus-wide score array
/// read in the order of each term's postings would miss the cache at every sentence.
fn score_plan<S: ScoreMap>(
    plan: &[PlanTerm<'_>],
    limit: usize,
    avg_len: f32,
    walk: &mut impl FnMut(&str, Option<&[u32]>, &mut dyn FnMut(Posting)),
    acc: &mut S,
    order: &dyn Fn(u32) -> u64,
    windowed_from: usize,
) -> Vec<Hit> {
    let mut left: f32 = plan.iter().map(|p| p.most).sum();
    let mut postings_left: usize = plan.iter().map(|p| p.postings).sum();
    let mut pruned = false;
    let mut only: Option<Vec<u32>> = None;
    let mut best = TermBest::new(avg_len);
    for (i, term) in plan.iter().enumerate() {
        // the check reads every score so far: worth it only if it may spare a longer walk
        if !pruned
            && limit > 0
            && acc.touched().len() >= limit
            && postings_left > acc.touched().len()
        {
            let mut scores: Vec<f32> = acc.touched().iter().map(|&s| acc.get(s)).collect();
            let (_, kth, _) = scores.select_nth_unstable_by(limit - 1, |a, b| b.total_cmp(a));
            // with a margin for the rounding of sums taken in another order
            if left * (1.0 + 1e-4) < *kth {
                pruned = true;
                // the ids are worth listing for the store only when they are few
                if acc.touched().len() <= ONLY_IDS_MAX {
                    let mut ids: Vec<u32> = acc
                        .touched()
                        .iter()
                        .flat_map(|&s| [s.saturating_sub(1), s])
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    only = Some(ids);
                }
            }
        }
        if !pruned && term.postings > windowed_from {
            let mut rest: Vec<TermCursor> = plan[i..]
                .iter()
                .map(|t| TermCursor::walked(t, None, walk))
                .collect();
            let mut seed: Vec<(u32, f32)> =
                acc.touched().iter().map(|&s| (s, acc.get(s))).collect();
            seed.sort_unstable_by_key(|e| e.0);
            return score_windows(&mut rest, &seed, limit, &mut best, order);
        }
        postings_left -= term.postings;
        left -= term.most;
        let mut cursor = TermCursor::walked(term, only.as_deref(), walk);
        // Per sentence, the best alternative of this term counts once.
        while let Some(window) = cursor.next_window() {
            best.window(&mut cursor, window, |s, v| {
                if !pruned || acc.contains(s) {
                    *acc.slot(s) += v;
                }
            });
        }
    }
    acc.touched()
        .iter()
        .map(|&sentence| Hit {
            sentence,
            score: acc.get(sentence),
        })
        .collect()
}

/// Scores `terms` (in plan order) together, one window of sentence ids at a time, on top of
/// `seed` (the scores of the terms before them, ascending by id); returns the sentences
/// scored, among them the `limit` best. Per sentence the sums are taken in the same order
/// as walking the terms one after the other, so the scores are the same.
fn score_windows(
    terms: &mut [TermCursor],
    seed: &[(u32, f32)],
    limit: usize,
    best: &mut TermBest,
    order: &dyn Fn(u32) -> u64,
) -> Vec<Hit> {
    let mut value = vec![0.0f32; WINDOW];
    let mut member = vec![0u64; WINDOW / 64];
    let mut hits = Vec::new();
    // One scoring less than the `limit`-th best so far can never be among the best: it is
    // not kept. One that ties it is (a tie goes to the lower `order`, which need not be the
    // lower id).
    let mut floor: Option<f32> = None;
    let keep = limit.max(1) * 2 + 1024;
    let mut seeded = 0;
    loop {
        let next = terms
            .iter()
            .filter_map(TermCursor::next_window)
            .chain(seed.get(seeded).map(|e| u64::from(e.0) >> WINDOW_BITS))
            .min();
        let Some(window) = next else {
            break;
        };
        let base = window << WINDOW_BITS;
        while let Some(&(s, v)) = seed
            .get(seeded)
            .filter(|e| u64::from(e.0) >> WINDOW_BITS == window)
        {
            seeded += 1;
            let slot = (u64::from(s) - base) as usize;
            member[slot / 64] |= 1 << (slot % 64);
            value[slot] = v;
        }
        for term in terms.iter_mut() {
            if term.next_window() != Some(window) {
                continue;
            }
            // a slot without a score holds 0, as a first score is added to 0
            best.window(term, window, |s, v| {
                let slot = (u64::from(s) - base) as usize;
                member[slot / 64] |= 1 << (slot % 64);
                value[slot] += v;
            });
        }
        for (at, word) in member.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let slot = at * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let score = std::mem::take(&mut value[slot]);
                if floor.is_some_and(|f| score.total_cmp(&f).is_lt()) {
                    continue;
                }
                if let Ok(sentence) = u32::try_from(base + slot as u64) {
                    hits.push(Hit { sentence, score });
                }
            }
        }
        if limit > 0 && hits.len() >= keep {
            hits.select_nth_unstable_by(limit - 1, hit_order(order));
            hits.truncate(limit);
            floor = hits.iter().map(|h| h.score).min_by(f32::total_cmp);
        }
    }
    hits
}

/// log2 of the number of sentence ids scored at a time.
const WINDOW_BITS: u32 = 14;
/// The number of sentence ids scored at a time.
const WINDOW: usize = 1 << WINDOW_BITS;

/// A term whose stems' postings have been read, walked one window of sentence ids at a
/// time.
#[derive(Default)]
struct TermCursor {
    /// Each stem's postings (ascending) with its weight.
    lists: Vec<(Vec<Posting>, f32)>,
    /// How many postings of each list were scored.
    at: Vec<usize>,
    /// The context score owed to the first sentence of the next window.
    carry: Option<(u64, f32)>,
}

/// Postings the spare lists of a thread may hold in all: reusing them spares faulting in
/// fresh pages for every question.
const SPARE_POSTINGS: usize = 1 << 20;

thread_local! {
    /// Emptied posting lists of finished walks, for the next ones.
    static SPARE_LISTS: std::cell::RefCell<Vec<Vec<Posting>>> = const {
        std::cell::RefCell::new(Vec::new())
    };
}

impl Drop for TermCursor {
    fn drop(&mut self) {
        SPARE_LISTS.with(|spare| {
            let mut spare = spare.borrow_mut();
            let mut held: usize = spare.iter().map(Vec::capacity).sum();
            for (mut list, _) in self.lists.drain(..) {
                if held + list.capacity() <= SPARE_POSTINGS {
                    held += list.capacity();
                    list.clear();
                    spare.push(list);
                }
            }
        });
    }
}

impl TermCursor {
    /// Reads the postings of `term`'s stems through `walk`.
    fn walked(
        term: &PlanTerm<'_>,
        only: Option<&[u32]>,
        walk: &mut impl FnMut(&str, Option<&[u32]>, &mut dyn FnMut(Posting)),
    ) -> Self {
        let lists: Vec<(Vec<Posting>, f32)> = term
            .stems
            .iter()
            .map(|&(stem, w, postings)| {
                let mut list = SPARE_LISTS
                    .with(|spare| spare.borrow_mut().pop())
                    .unwrap_or_default();
                // the counts are the store's word, so a wrong one only costs an allocation
                list.reserve((postings as usize).min(1 << 20));
                walk(stem, only, &mut |p: Posting| list.push(p));
                // a store's lists ascend; one that does not is sorted rather than misread
                if !list.is_sorted_by_key(|p| p.sentence) {
                    list.sort_by_key(|p| p.sentence);
                }
                (list, w)
            })
            .collect();
        Self {
            at: vec![0; lists.len()],
            lists,
            carry: None,
        }
    }

    /// The next window holding a posting or the context owed, if any.
    fn next_window(&self) -> Option<u64> {
        self.lists
            .iter()
            .zip(&self.at)
            .filter_map(|((list, _), &i)| list.get(i))
            .map(|p| u64::from(p.sentence))
            .chain(self.carry.map(|c| c.0))
            .min()
            .map(|s| s >> WINDOW_BITS)
    }
}

/// BM25's term-frequency factor of a posting, the same expression wherever it is taken.
fn tf_norm(tf: f32, len: f32, avg_len: f32) -> f32 {
    tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * (1.0 - BM25_B + BM25_B * len / avg_len))
}

/// Sentence lengths whose factor for a word occurring once is computed in advance.
const NORMS: usize = 256;

/// One term's best score per sentence over its stems, for one window of sentence ids:
/// slot `WINDOW` holds the context of the window's last sentence for the next one.
struct TermBest {
    value: Vec<f32>,
    /// One bit per slot: whether it has a score.
    member: Vec<u64>,
    avg_len: f32,
    /// [`tf_norm`] of a word occurring once in a sentence of each length below [`NORMS`].
    once: Vec<f32>,
}

impl TermBest {
    /// A window for sentences of average length `avg_len`.
    fn new(avg_len: f32) -> Self {
        Self {
            value: vec![0.0; WINDOW + 1],
            member: vec![0; WINDOW / 64 + 1],
            avg_len,
            once: (0..NORMS)
                .map(|len| tf_norm(1.0, len as f32, avg_len))
                .collect(),
        }
    }

    /// Keeps the larger of the slot's score and `v`.
    fn raise(&mut self, slot: usize, v: f32) {
        let bit = 1u64 << (slot % 64);
        let word = &mut self.member[slot / 64];
        if *word & bit == 0 {
            *word |= bit;
            self.value[slot] = v;
        } else {
            self.value[slot] = self.value[slot].max(v);
        }
    }

    /// Scores the postings of `term` in `window` and calls `emit` once per sentence of the
    /// window, ascending, with the best score any stem gives it (a posting also gives
    /// [`CONTEXT_WEIGHT`] of its score to the next sentence of its document).
    fn window(&mut self, term: &mut TermCursor, window: u64, mut emit: impl FnMut(u32, f32)) {
        let base = window << WINDOW_BITS;
        let end = base + WINDOW as u64;
        if let Some((s, v)) = term.carry {
            if s >> WINDOW_BITS == window {
                term.carry = None;
                self.raise((s - base) as usize, v);
            }
        }
        for ((list, w), i) in term.lists.iter().zip(&mut term.at) {
            while let Some(p) = list.get(*i).filter(|p| u64::from(p.sentence) < end) {
                *i += 1;
                let norm = match self.once.get(usize::from(p.len)) {
                    Some(&norm) if p.tf == 1 => norm,
                    _ => tf_norm(f32::from(p.tf), f32::from(p.len), self.avg_len),
                };
                let v = w * norm;
                let slot = (u64::from(p.sentence) - base) as usize;
                self.raise(slot, v);
                // The next sentence of the same document has this one as context.
                if p.next_in_doc {
                    self.raise(slot + 1, v * CONTEXT_WEIGHT);
                }
            }
        }
        for at in 0..WINDOW / 64 {
            let mut bits = std::mem::take(&mut self.member[at]);
            while bits != 0 {
                let slot = at * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                // ids past u32::MAX (context of the last possible id) do not exist
                if let Ok(s) = u32::try_from(base + slot as u64) {
                    emit(s, self.value[slot]);
                }
            }
        }
        let last = &mut self.member[WINDOW / 64];
        if *last & 1 != 0 {
            term.carry = Some((end, self.value[WINDOW]));
        }
        *last = 0;
    }
}

/// A query term as walked: its stems with their weights and posting counts, the most it can add to a
/// sentence's score, and the postings its stems hold.
struct PlanTerm<'a> {
    stems: Vec<(&'a str, f32, u32)>,
    most: f32,
    postings: usize,
}

/// Once only the sentences already scored matter, their ids are handed to the store (to
/// skip postings) when there are at most this many.
const ONLY_IDS_MAX: usize = 1 << 14;

/// A question walking more postings than this share of the corpus's sentences scores
/// them in arrays ([`Dense`]) rather than a hash map ([`Sparse`]).
const DENSE_SHARE: usize = 256;

/// Scores by sentence id, and the ids scored so far (a score may be 0).
trait ScoreMap {
    fn contains(&self, s: u32) -> bool;
    fn get(&self, s: u32) -> f32;
    /// The score of `s`, 0 the first time.
    fn slot(&mut self, s: u32) -> &mut f32;
    /// The ids with a score, in the order they got one.
    fn touched(&self) -> &[u32];
    /// Forgets every score.
    fn clear(&mut self);
}

/// Scores in a hash map: for questions whose words are in few sentences.
#[derive(Default)]
struct Sparse {
    value: FxHashMap<u32, f32>,
    touched: Vec<u32>,
}

impl ScoreMap for Sparse {
    fn contains(&self, s: u32) -> bool {
        self.value.contains_key(&s)
    }

    fn get(&self, s: u32) -> f32 {
        self.value.get(&s).copied().unwrap_or(0.0)
    }

    fn slot(&mut self, s: u32) -> &mut f32 {
        let touched = &mut self.touched;
        self.value.entry(s).or_insert_with(|| {
            touched.push(s);
            0.0
        })
    }

    fn touched(&self) -> &[u32] {
        &self.touched
    }

    fn clear(&mut self) {
        self.value.clear();
        self.touched.clear();
    }
}

/// Scores in an array indexed by sentence id: for questions that walk long posting lists,
/// where a slot is cheaper than a hash-map entry.
#[derive(Default)]
struct Dense {
    value: Vec<f32>,
    /// One bit per sentence id: whether it has a score.
    member: Vec<u64>,
    touched: Vec<u32>,
}

impl Dense {
    /// Makes room for the ids below `n` (the corpus's sentences; a re-indexed corpus may
    /// hold higher ids, for which [`ScoreMap::slot`] grows it).
    fn reserve_ids(&mut self, n: usize) {
        if self.value.len() < n {
            self.grow(n);
        }
    }

    /// Grows the arrays to hold at least `len` ids (by half their length at least, so that
    /// ids met in ascending order grow them a logarithmic number of times). The new arrays
    /// are zeroed memory and only the scores held are copied: the pages no walk writes are
    /// never touched, where `Vec::resize` copied and zeroed every page (the first question
    /// over a 100,000-document index spent half its time in the kernel zeroing them).
    fn grow(&mut self, len: usize) {
        let len = len.max(self.value.len() + self.value.len() / 2);
        let mut value = vec![0.0; len];
        let mut member = vec![0u64; len.div_ceil(64)];
        for &s in &self.touched {
            let i = s as usize;
            value[i] = self.value[i];
            member[i / 64] |= 1 << (i % 64);
        }
        self.value = value;
        self.member = member;
    }
}

impl ScoreMap for Dense {
    fn contains(&self, s: u32) -> bool {
        let s = s as usize;
        self.member
            .get(s / 64)
            .is_some_and(|word| word & (1 << (s % 64)) != 0)
    }

    fn get(&self, s: u32) -> f32 {
        self.value.get(s as usize).copied().unwrap_or(0.0)
    }

    fn slot(&mut self, s: u32) -> &mut f32 {
        let i = s as usize;
        if i >= self.value.len() {
            self.grow(i + 1);
        }
        if !self.contains(s) {
            self.member[i / 64] |= 1 << (i % 64);
            self.touched.push(s);
        }
        &mut self.value[i]
    }

    fn touched(&self) -> &[u32] {
        &self.touched
    }

    fn clear(&mut self) {
        for &s in &self.touched {
            let i = s as usize;
            self.value[i] = 0.0;
            self.member[i / 64] &= !(1 << (i % 64));
        }
        self.touched.clear();
    }
}

/// A sentence of the corpus with the document it belongs to.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Index of its document ([`Retrieve::doc`]).
    pub doc: u32,
    /// The sentence and its mentions.
    pub evidence: SentenceEvidence,
}

/// A retrieved sentence and its BM25 score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Sentence id.
    pub sentence: u32,
    /// BM25 score (sentence words, plus context and title at lower weights).
    pub score: f32,
}

/// A query word with the alternatives that count for it (synonyms, typo repairs).
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The stems that count, with the weight of each (1.0 for the word itself).
    pub stems: Vec<(String, f32)>,
}

/// What the answer engine needs from a sentence store. [`EvidenceIndex`] serves it from
/// memory; an on-disk index can serve it too.
pub trait Retrieve {
    /// Number of sentences.
    fn len(&self) -> usize;
    /// Whether there are no sentences.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// In how many sentences (or titles) a stem occurs.
    fn df(&self, stem: &str) -> u32;
    /// The `limit` best sentences for the query terms, best first.
    fn search(&self, terms: &[QueryTerm], limit: usize) -> Vec<Hit>;
    /// A sentence by id (an id [`Retrieve::search`] or [`Retrieve::doc_sentences`] gave).
    fn sentence(&self, id: u32) -> Cow<'_, Stored>;
    /// A document's metadata.
    fn doc(&self, doc: u32) -> Cow<'_, DocMeta>;
    /// The stems of a document's title.
    fn title_stems(&self, doc: u32) -> Cow<'_, [u32]>;
    /// The stem ids of a sentence (sorted, deduplicated).
    fn sentence_stems(&self, id: u32) -> Cow<'_, [u32]>;
    /// The ids of a document's sentences.
    fn doc_sentences(&self, doc: u32) -> std::ops::Range<u32>;
    /// The id of a stem, if the corpus has it.
    fn stem_id(&self, stem: &str) -> Option<u32>;
    /// The closest corpus word (lowercase) to a word the corpus does not have, within a
    /// few typos, with its similarity in 0..=1.
    fn repair(&self, lower: &str) -> Option<(String, f32)>;
    /// A sentence's place in the documents' order (then its own in its document): ties
    /// between equal scores go to the lower. The ids of [`EvidenceIndex`] follow that order;
    /// a store whose ids do not (an index whose changed documents got new ids) ranks them
    /// here, so that a tie between copies of one sentence cites the same copy.
    fn sentence_order(&self, id: u32) -> u64 {
        u64::from(id)
    }
}

/// Sentences and their inverted index, in memory.
#[derive(Debug, Default)]
pub struct EvidenceIndex {
    docs: Vec<DocMeta>,
    sentences: Vec<Stored>,
    /// Stem → id.
    stems: HashMap<String, u32>,
    /// Stem id → (sentence, term frequency), sentences ascending.
    postings: Vec<Vec<(u32, u16)>>,
    /// Stem id → number of titles holding it.
    title_df: Vec<u32>,
    /// Sentence → its stem ids, sorted and deduplicated.
    sentence_stems: Vec<Vec<u32>>,
    /// Sentence → number of content words.
    lengths: Vec<u16>,
    /// Document → its title's stem ids.
    titles: Vec<Vec<u32>>,
    /// Document → the ids of its sentences.
    doc_ranges: Vec<std::ops::Range<u32>>,
    /// Lowercase corpus words by character length, for typo repair.
    vocabulary: Vec<Vec<String>>,
    avg_len: f32,
}

impl EvidenceIndex {
    /// Indexes the evidence of `documents` (matched to `evidence` by document id; evidence of
    /// unknown documents is kept without metadata).
    pub fn new(documents: &[Document], evidence: Vec<DocEvidence>) -> Self {
        let mut index = Self::default();
        // Documents with the same id (the same feed item in two files) are matched to
        // their evidence in order, so each sentence cites its own file.
        let mut by_id: HashMap<&str, std::collections::VecDeque<&Document>> = HashMap::new();
        for d in documents {
            by_id.entry(d.id.as_str()).or_default().push_back(d);
        }
        let mut words_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for ev in evidence {
            let doc_no = index.docs.len() as u32;
            let doc = by_id.get_mut(ev.doc_id.as_str()).and_then(|q| {
                if q.len() > 1 {
                    q.pop_front()
                } else {
                    q.front().copied()
                }
            });
            let meta = match doc {
                Some(d) => DocMeta::of(d),
                None => DocMeta {
                    id: Arc::from(ev.doc_id.as_str()),
                    path: Arc::from(ev.doc_id.as_str()),
                    title: None,
                    date: None,
                    known: DateKnown::Unknown,
                    date_label: None,
                },
            };
            let title_ids: Vec<u32> = {
                let mut ids: Vec<u32> = meta
                    .title
                    .as_deref()
                    .map(title_terms)
                    .unwrap_or_default()
                    .iter()
                    .map(|st| index.intern(st))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            };
            for &t in &title_ids {
                index.title_df[t as usize] += 1;
            }
            index.titles.push(title_ids);
            index.docs.push(meta);
            let first = index.sentences.len() as u32;
            let count = ev.sentences.len() as u32;
            index.doc_ranges.push(first..first + count);
            for s in ev.sentences {
                let id = index.sentences.len() as u32;
                let SentenceTerms {
                    stems: terms,
                    len,
                    words,
                } = sentence_terms(&s.text);
                let mut counts: Vec<(u32, u16)> =
                    terms.iter().map(|(st, n)| (index.intern(st), *n)).collect();
                counts.sort_unstable();
                words_seen.extend(words);
                for &(t, n) in &counts {
                    index.postings[t as usize].push((id, n));
                }
                index
                    .sentence_stems
                    .push(counts.iter().map(|c| c.0).collect());
                index.lengths.push(len);
                index.sentences.push(Stored {
                    doc: doc_no,
                    evidence: s,
                });
            }
        }
        let total: u64 = index.lengths.iter().map(|&l| u64::from(l)).sum();
        index.avg_len = total as f32 / index.lengths.len().max(1) as f32;
        let mut words: Vec<String> = words_seen.into_iter().collect();
        words.sort_unstable();
        for w in words {
            let n = w.chars().count();
            if index.vocabulary.len() <= n {
                index.vocabulary.resize(n + 1, Vec::new());
            }
            index.vocabulary[n].push(w);
        }
        index
    }

    fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stems.get(stem) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.stems.insert(stem.to_owned(), id);
        self.postings.push(Vec::new());
        self.title_df.push(0);
        id
    }

    /// The IDF of a stem id in this corpus (sentences plus titles).
    pub fn idf_of(&self, df: u32) -> f32 {
        idf(self.sentences.len(), df)
    }
}

/// BM25's IDF: `ln(1 + (N - df + 0.5) / (df + 0.5))`.
pub fn idf(n: usize, df: u32) -> f32 {
    let n = n as f32;
    let df = df as f32;
    // `df` counts titles too, so it can exceed `n`: a word that common weighs nothing.
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0)
}

impl Retrieve for EvidenceIndex {
    fn len(&self) -> usize {
        self.sentences.len()
    }

    fn df(&self, stem: &str) -> u32 {
        self.stems.get(stem).map_or(0, |&t| {
            self.postings[t as usize].len() as u32 + self.title_df[t as usize]
        })
    }

    fn search(&self, terms: &[QueryTerm], limit: usize) -> Vec<Hit> {
        let n = self.sentences.len();
        bm25_search(
            n,
            self.avg_len,
            terms,
            limit,
            |stem| {
                self.stems.get(stem).map(|&t| TermStats {
                    sentences: self.postings[t as usize].len() as u32,
                    titles: self.title_df[t as usize],
                })
            },
            |stem, only, f| {
                let Some(&t) = self.stems.get(stem) else {
                    return;
                };
                let postings = &self.postings[t as usize];
                let mut feed = |&(s, tf): &(u32, u16)| {
                    let next = s as usize + 1;
                    f(Posting {
                        sentence: s,
                        tf,
                        len: self.lengths[s as usize],
                        next_in_doc: next < n
                            && self.sentences[next].doc == self.sentences[s as usize].doc,
                    });
                };
                match only {
                    // a few sentences of a long list: look each one up (postings ascend)
                    Some(ids) if ids.len() * 16 < postings.len() => {
                        for &id in ids {
                            if let Ok(i) = postings.binary_search_by_key(&id, |p| p.0) {
                                feed(&postings[i]);
                            }
                        }
                    }
                    _ => postings.iter().for_each(feed),
                }
            },
        )
    }

    fn sentence(&self, id: u32) -> Cow<'_, Stored> {
        Cow::Borrowed(&self.sentences[id as usize])
    }

    fn doc(&self, doc: u32) -> Cow<'_, DocMeta> {
        Cow::Borrowed(&self.docs[doc as usize])
    }

    fn title_stems(&self, doc: u32) -> Cow<'_, [u32]> {
        Cow::Borrowed(&self.titles[doc as usize])
    }

    fn sentence_stems(&self, id: u32) -> Cow<'_, [u32]> {
        Cow::Borrowed(&self.sentence_stems[id as usize])
    }

    fn doc_sentences(&self, doc: u32) -> std::ops::Range<u32> {
        self.doc_ranges.get(doc as usize).cloned().unwrap_or(0..0)
    }

    fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    fn repair(&self, lower: &str) -> Option<(String, f32)> {
        closest_word(lower, |len, first, out| {
            if let Some(bucket) = self.vocabulary.get(len) {
                out.extend(bucket.iter().filter(|w| w.starts_with(first)).cloned());
            }
        })
    }
}

/// The closest word to `lower` within a few edits (Damerau-Levenshtein: none under 4 letters,
/// 1 up to 6, 2 beyond), with its similarity in 0..=1; ties go to the alphabetically first.
/// `candidates(len, first, out)` pushes the corpus words of `len` characters that start with
/// `first`: typos rarely hit the first letter, and checking it keeps repair fast.
pub fn closest_word(
    lower: &str,
    mut candidates: impl FnMut(usize, char, &mut Vec<String>),
) -> Option<(String, f32)> {
    let len = lower.chars().count();
    let allowed = crate::text::max_typos(len);
    if allowed == 0 {
        return None;
    }
    let first = lower.chars().next()?;
    let mut best: Option<(usize, String)> = None;
    let mut bucket = Vec::new();
    for l in len.saturating_sub(allowed)..=len + allowed {
        bucket.clear();
        candidates(l, first, &mut bucket);
        for w in bucket.drain(..) {
            if fewest_edits(lower, &w) > allowed {
                continue;
            }
            let d = strsim::damerau_levenshtein(lower, &w);
            if d <= allowed
                && best
                    .as_ref()
                    .is_none_or(|(bd, bw)| d < *bd || (d == *bd && w < *bw))
            {
                best = Some((d, w));
            }
        }
    }
    best.map(|(d, w)| (w, 1.0 - 0.1 * d as f32))
}

/// A lower bound of the edits between two ASCII words (0 when either is not ASCII): an
/// insertion, deletion or substitution changes by at most one how many letters either word
/// has that the other lacks, and a transposition changes neither.
fn fewest_edits(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut count = [0i32; 128];
    for c in a.bytes() {
        count[usize::from(c)] += 1;
    }
    for c in b.bytes() {
        count[usize::from(c)] -= 1;
    }
    let (only_a, only_b) = count.iter().fold((0, 0), |(x, y), &c| {
        (x + c.max(0) as usize, y + (-c).max(0) as usize)
    });
    only_a.max(only_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator: each call gives a number below its argument.
    fn xorshift(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        }
    }

    #[test]
    fn dense_scores_grown_past_their_ids_hold_what_a_map_holds() {
        let mut dense = Dense::default();
        dense.reserve_ids(100);
        let mut sparse = Sparse::default();
        // ascending, then past the reserved ids, then back, then far past them
        let ids = [3u32, 64, 99, 100, 130, 7, 64, 1_000, 99, 5_000, 150_000];
        for (n, &id) in ids.iter().enumerate() {
            *dense.slot(id) += n as f32 + 0.5;
            *sparse.slot(id) += n as f32 + 0.5;
        }
        assert_eq!(dense.touched(), sparse.touched());
        for id in 0..200_000u32 {
            assert_eq!(dense.contains(id), sparse.contains(id), "{id}");
            assert_eq!(dense.get(id), sparse.get(id), "{id}");
        }
        dense.clear();
        assert!(dense.touched().is_empty());
        assert!(dense.value.iter().all(|&v| v == 0.0));
        assert!(dense.member.iter().all(|&w| w == 0));
        // a cleared array grows again from what it holds: nothing
        *dense.slot(400_000) += 1.0;
        assert_eq!((dense.get(400_000), dense.get(150_000)), (1.0, 0.0));
        assert!(!dense.contains(150_000));
    }

    #[test]
    fn repair_finds_what_comparing_every_word_finds() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let letters = b"aeinorst";
        let mut word = |len: Option<u64>| -> String {
            let len = len.unwrap_or_else(|| 4 + next(6));
            (0..len)
                .map(|_| char::from(letters[next(8) as usize]))
                .collect()
        };
        let words: Vec<String> = (0..3000).map(|i| word(Some(4 + i % 6))).collect();
        for _ in 0..300 {
            let asked = word(None);
            let got = closest_word(&asked, |len, first, out| {
                out.extend(
                    words
                        .iter()
                        .filter(|w| w.chars().count() == len && w.starts_with(first))
                        .cloned(),
                );
            });
            // every word of the right first letter, compared without the bound
            let allowed = crate::text::max_typos(asked.len());
            let want = words
                .iter()
                .filter(|w| w.starts_with(&asked[..1]) && w.len().abs_diff(asked.len()) <= allowed)
                .map(|w| (strsim::damerau_levenshtein(&asked, w), w))
                .filter(|(d, _)| *d <= allowed)
                .min()
                .map(|(d, w)| (w.clone(), 1.0 - 0.1 * d as f32));
            assert_eq!(got, want, "{asked}");
        }
        assert_eq!(fewest_edits("seagate", "saegate"), 0);
        assert_eq!(fewest_edits("strike", "strife"), 1);
        assert_eq!(fewest_edits("café", "cafe"), 0);
    }

    /// BM25 as defined, walking every posting of every term into hash maps, terms in the
    /// order `bm25_search` takes them (so sums are taken in the same order).
    fn exhaustive(
        n: usize,
        avg_len: f32,
        postings: &FxHashMap<String, Vec<Posting>>,
        terms: &[QueryTerm],
        limit: usize,
        order: &dyn Fn(u32) -> u64,
    ) -> Vec<Hit> {
        let walk_limit = ((n as f32 * COMMON_SHARE) as usize).max(COMMON_FLOOR);
        let mut plan: Vec<(Vec<(&str, f32)>, f32)> = terms
            .iter()
            .map(|t| {
                let stems: Vec<(&str, f32)> = t
                    .stems
                    .iter()
                    .filter_map(|(s, w)| {
                        let list = postings.get(s)?;
                        (!list.is_empty() && list.len() <= walk_limit)
                            .then(|| (s.as_str(), idf(n, list.len() as u32) * w))
                    })
                    .collect();
                let most = stems.iter().map(|s| s.1).fold(0.0f32, f32::max) * (BM25_K1 + 1.0);
                (stems, most)
            })
            .collect();
        plan.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut acc: FxHashMap<u32, f32> = FxHashMap::default();
        for (stems, _) in &plan {
            let mut best: FxHashMap<u32, f32> = FxHashMap::default();
            for &(stem, w) in stems {
                for p in &postings[stem] {
                    let (tf, len) = (f32::from(p.tf), f32::from(p.len));
                    let norm = tf * (BM25_K1 + 1.0)
                        / (tf + BM25_K1 * (1.0 - BM25_B + BM25_B * len / avg_len));
                    let v = w * norm;
                    let e = best.entry(p.sentence).or_insert(0.0);
                    *e = e.max(v);
                    if p.next_in_doc {
                        let e = best.entry(p.sentence + 1).or_insert(0.0);
                        *e = e.max(v * CONTEXT_WEIGHT);
                    }
                }
            }
            for (s, v) in best {
                *acc.entry(s).or_insert(0.0) += v;
            }
        }
        let mut hits: Vec<Hit> = acc
            .into_iter()
            .map(|(sentence, score)| Hit { sentence, score })
            .collect();
        hits.sort_by(hit_order(order));
        hits.truncate(limit);
        hits
    }

    #[test]
    fn pruned_search_finds_the_hits_of_an_exhaustive_one() {
        // Zipf-like word choice, so some words are rare
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let mut walks_pruned = 0;
        for round in 0..30 {
            let n = 300 + next(2500) as usize;
            let vocabulary = 20 + next(300);
            let mut postings: FxHashMap<String, Vec<Posting>> = FxHashMap::default();
            let mut total = 0usize;
            // every third round, runs of 50 sentence ids straddle each boundary of the
            // windows scoring goes by, so a sentence's context crosses one
            let spread = round % 3 == 0;
            let id = |s: u32| {
                if spread {
                    s / 50 * WINDOW as u32 + WINDOW as u32 - 24 + s % 50
                } else {
                    s
                }
            };
            for s in 0..n as u32 {
                let len = 1 + next(20) as u16;
                total += usize::from(len);
                let mut words: Vec<u64> = (0..len)
                    .map(|_| {
                        let r = next(vocabulary * vocabulary);
                        vocabulary - 1 - (r as f64).sqrt() as u64
                    })
                    .collect();
                words.sort_unstable();
                for chunk in words.chunk_by(|a, b| a == b) {
                    postings
                        .entry(format!("w{}", chunk[0]))
                        .or_default()
                        .push(Posting {
                            sentence: id(s),
                            tf: chunk.len() as u16,
                            len,
                            next_in_doc: s % 7 != 6
                                && (s as usize) + 1 < n
                                && id(s) + 1 == id(s + 1),
                        });
                }
            }
            let avg_len = total as f32 / n as f32;
            let terms: Vec<QueryTerm> = (0..1 + next(6))
                .map(|_| QueryTerm {
                    stems: (0..1 + next(4))
                        .map(|k| {
                            let weight = if k == 0 {
                                1.0
                            } else {
                                0.3 + next(60) as f32 / 100.0
                            };
                            (format!("w{}", next(vocabulary)), weight)
                        })
                        .collect(),
                })
                .collect();
            // terms walked one after the other (with the cut-off), together from the
            // first one of more than 30 postings, and together from the start; ties going
            // to the lower id, or to an order unrelated to ids (a store whose ids do not
            // follow the documents' order)
            let by_id = |id: u32| u64::from(id);
            let scrambled = |id: u32| u64::from(id.wrapping_mul(2_654_435_761));
            let orders: [&dyn Fn(u32) -> u64; 2] = [&by_id, &scrambled];
            for (limit, windowed_from, order) in [1, 5, 40].into_iter().flat_map(|l| {
                [usize::MAX, 30, 0]
                    .into_iter()
                    .flat_map(move |w| orders.map(|o| (l, w, o)))
            }) {
                let want = exhaustive(n, avg_len, &postings, &terms, limit, order);
                let got = search_walking(
                    n,
                    avg_len,
                    &terms,
                    limit,
                    |stem| {
                        postings.get(stem).map(|l| TermStats {
                            sentences: l.len() as u32,
                            titles: 0,
                        })
                    },
                    |stem, only, f| {
                        walks_pruned += usize::from(only.is_some());
                        for p in postings.get(stem).into_iter().flatten() {
                            // a store may skip what `only` leaves out
                            if only.is_none_or(|ids| ids.binary_search(&p.sentence).is_ok()) {
                                f(*p);
                            }
                        }
                    },
                    order,
                    windowed_from,
                );
                assert_eq!(
                    got, want,
                    "round {round}, limit {limit}, windowed from {windowed_from}, terms {terms:?}"
                );
            }
        }
        // the cut-off did happen, so the comparison tested it
        assert!(walks_pruned > 0);
    }

    #[test]
    fn ties_go_to_the_lower_order_even_when_it_is_not_the_lower_id() {
        // 5,000 copies of one sentence over several windows of ids: every score ties, far
        // more hits than are kept
        let n = 5_000u32;
        let postings: Vec<Posting> = (0..n)
            .map(|i| Posting {
                sentence: i * 16,
                tf: 1,
                len: 9,
                next_in_doc: false,
            })
            .collect();
        let terms = [QueryTerm {
            stems: vec![("copy".to_owned(), 1.0)],
        }];
        // the documents' order puts the last ids first
        let reversed = |id: u32| u64::from(u32::MAX - id);
        for windowed_from in [usize::MAX, 0] {
            let hits = search_walking(
                n as usize * 1_000,
                9.0,
                &terms,
                5,
                |_| {
                    Some(TermStats {
                        sentences: n,
                        titles: 0,
                    })
                },
                |_, _, f| postings.iter().for_each(|p| f(*p)),
                &reversed,
                windowed_from,
            );
            let ids: Vec<u32> = hits.iter().map(|h| h.sentence).collect();
            let want: Vec<u32> = (n - 5..n).rev().map(|i| i * 16).collect();
            assert_eq!(ids, want, "windowed from {windowed_from}");
        }
    }

    #[test]
    fn words_keep_offsets_and_drop_possessives() {
        let w = words_of("Japan's curbs, lifted.");
        let got: Vec<(&str, &str)> = w
            .iter()
            .map(|w| (&"Japan's curbs, lifted."[w.span.clone()], w.stem.as_str()))
            .collect();
        assert_eq!(
            got,
            [("Japan", "japan"), ("curbs", "curb"), ("lifted", "lift")]
        );
    }

    #[test]
    fn an_ampersand_between_letters_is_inside_the_word() {
        let w: Vec<String> = words_of("AT&T bid & won")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["at&t", "bid", "won"]);
    }

    #[test]
    fn idf_falls_with_document_frequency() {
        assert!(idf(100, 1) > idf(100, 10));
        assert!(idf(100, 99) > 0.0);
        assert_eq!(idf(10, 20), 0.0);
    }
}
