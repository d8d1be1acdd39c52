//! Analyses of sentences seen before, reused when a sentence's text comes again.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use chrono::NaiveDateTime;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

/// Values kept for texts met more than once: the policy of [`SentenceCache`], for a caller
/// that keeps something of its own per sentence (the app keeps each repeated sentence's
/// retrieval terms in one).
///
/// A text is kept the second time it is offered, so texts met once cost one hash each and
/// keep nothing; when `capacity` texts are kept, the next one to keep starts it over.
///
/// ```
/// use almanac_extract::Repeats;
///
/// let mut kept: Repeats<usize> = Repeats::new(100);
/// kept.offer("Markets closed higher.", || 1);
/// assert_eq!(kept.get("Markets closed higher."), None); // seen once
/// kept.offer("Markets closed higher.", || 1);
/// assert_eq!(kept.get("Markets closed higher."), Some(&1));
/// ```
#[derive(Debug)]
pub struct Repeats<V> {
    /// Hash of the text → the text and its value.
    kept: FxHashMap<u64, (Box<str>, V)>,
    /// Hashes of the texts offered once.
    seen: FxHashSet<u64>,
    capacity: usize,
}

impl<V> Repeats<V> {
    /// Keeps at most `capacity` texts (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            kept: FxHashMap::default(),
            seen: FxHashSet::default(),
            capacity: capacity.max(1),
        }
    }

    fn hash(text: &str) -> u64 {
        let mut hasher = FxHasher::default();
        text.hash(&mut hasher);
        hasher.finish()
    }

    /// The value kept for `text`.
    pub fn get(&self, text: &str) -> Option<&V> {
        self.kept
            .get(&Self::hash(text))
            .filter(|(kept, _)| &**kept == text)
            .map(|(_, v)| v)
    }

    /// Keeps `make()` for `text` if `text` was offered before and nothing is kept for it.
    pub fn offer(&mut self, text: &str, make: impl FnOnce() -> V) {
        let hash = Self::hash(text);
        if !self.kept.contains_key(&hash) && !self.seen.insert(hash) {
            if self.kept.len() >= self.capacity {
                self.kept.clear();
            }
            self.kept.insert(hash, (text.into(), make()));
        }
        if self.seen.len() >= self.capacity.saturating_mul(8) {
            self.seen.clear();
        }
    }

    /// How many texts are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether no text is kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Forgets every text, kept or seen.
    pub fn clear(&mut self) {
        self.kept.clear();
        self.seen.clear();
    }

    /// The value kept for `text`, to change.
    #[cfg(test)]
    fn get_mut(&mut self, text: &str) -> Option<&mut V> {
        self.kept
            .get_mut(&Self::hash(text))
            .filter(|(kept, _)| &**kept == text)
            .map(|(_, v)| v)
    }
}

use crate::analysis::{Sentence, TextAnalysis, analyse};
use crate::gazetteer::Gazetteer;

/// Remembers how the sentences an [`Extractor`](crate::Extractor) met more than once were
/// analysed, for [`Extractor::extract_with_evidence_cached`](crate::Extractor::extract_with_evidence_cached).
///
/// News repeats sentences: wire copies of one story, a feed fetched twice, the same
/// boilerplate under every article. A sentence whose text was analysed before is not
/// tokenized and searched for names and amounts again; only its times are read again,
/// since their values depend on each document's date. The facts and evidence are the same
/// as without the cache.
///
/// A text is kept the second time it is seen, so a corpus without repeats costs one hash
/// per sentence and keeps nothing. Memory is bounded: when `capacity` texts are kept, the
/// cache starts over. One cache serves one extractor at a time: used with another, it
/// forgets what it knew.
///
/// ```
/// use almanac_extract::{Extractor, SentenceCache};
/// use almanac_model::{DocDate, Document};
/// use almanac_time::Granularity;
/// use chrono::NaiveDate;
///
/// let extractor = Extractor::new();
/// let mut cache = SentenceCache::new(1024);
/// let text = "Tokyo slapped export restrictions on Seoul last month.";
/// for (n, (y, m)) in [(2023, 4), (2019, 8), (2023, 4)].into_iter().enumerate() {
///     let mut doc = Document::new(&format!("{n}.txt"), "plain-text", text);
///     let day = NaiveDate::from_ymd_opt(y, m, 25).unwrap().and_hms_opt(9, 0, 0).unwrap();
///     doc.published = DocDate::explicit(day, Granularity::Day);
///     let cached = extractor.extract_with_evidence_cached(&doc, &mut cache);
///     assert_eq!(cached, extractor.extract_with_evidence(&doc));
/// }
/// assert_eq!(cache.hits(), 1); // kept when seen the second time, used the third
/// ```
#[derive(Debug)]
pub struct SentenceCache {
    /// The extractor whose analyses these are ([`Extractor`](crate::Extractor)'s id).
    owner: u64,
    /// Each kept text's analysis.
    kept: Repeats<TextAnalysis>,
    hits: u64,
    lookups: u64,
}

impl SentenceCache {
    /// A cache keeping at most `capacity` sentences (at least one). A kept sentence takes
    /// about ten times its text's size.
    pub fn new(capacity: usize) -> Self {
        Self {
            owner: 0,
            kept: Repeats::new(capacity),
            hits: 0,
            lookups: 0,
        }
    }

    /// How many sentences were analysed through the cache.
    pub fn lookups(&self) -> u64 {
        self.lookups
    }

    /// How many of them reused a kept analysis.
    pub fn hits(&self) -> u64 {
        self.hits
    }

    /// How many sentences are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether no sentence is kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Forgets every sentence when the analyses were made by another extractor than
    /// `owner` (whose gazetteer may differ).
    pub(crate) fn serve(&mut self, owner: u64) {
        if self.owner != owner {
            self.kept.clear();
            self.owner = owner;
        }
    }

    /// [`analyse`], reusing the kept analysis of the same text when its times cover the
    /// same tokens.
    pub(crate) fn analyse<'a>(
        &mut self,
        text: &'a str,
        span: Range<usize>,
        gazetteer: &Gazetteer,
        reference: Option<NaiveDateTime>,
    ) -> Sentence<'a> {
        self.lookups += 1;
        if let Some(s) = self
            .kept
            .get(text)
            .and_then(|known| known.sentence(text, span.clone(), reference))
        {
            self.hits += 1;
            return s;
        }
        let s = analyse(text, span, gazetteer, reference);
        self.kept.offer(text, || TextAnalysis::of(&s));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(9, 0, 0))
    }

    /// The parts of a sentence the rules read, as one comparable text.
    fn shown(s: &Sentence<'_>) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {}",
            s.tokens, s.mentions, s.times, s.amounts, s.titles, s.reference, s.according_to
        )
    }

    #[test]
    fn a_repeated_sentence_is_analysed_as_the_first_time_with_its_own_dates() {
        let g = Gazetteer::builtin();
        let text = "Last month, Japan lifted export restrictions on South Korea worth $2 billion, Trade Minister Ana Ribeiro said on Tuesday.";
        let mut cache = SentenceCache::new(16);
        for reference in [at(2023, 4, 25), at(2011, 1, 3), None, at(2023, 4, 25)] {
            let cached = cache.analyse(text, 3..9, &g, reference);
            assert_eq!(shown(&cached), shown(&analyse(text, 3..9, &g, reference)));
            assert_eq!(cached.span, 3..9);
        }
        assert_eq!((cache.lookups(), cache.hits(), cache.len()), (4, 2, 1));
    }

    #[test]
    fn a_kept_analysis_whose_times_cover_other_tokens_is_not_used() {
        let g = Gazetteer::builtin();
        let text = "The fund, set up in March, paid out $40 million on Friday.";
        let mut cache = SentenceCache::new(16);
        cache.analyse(text, 0..0, &g, at(2024, 6, 1));
        cache.analyse(text, 0..0, &g, at(2024, 6, 1));
        // as if the times had been read differently when the text was kept
        let kept = cache
            .kept
            .get_mut(text)
            .expect("kept on the second sighting");
        kept.time_ranges = vec![0..1, 2..3];
        let again = cache.analyse(text, 0..0, &g, at(2024, 6, 1));
        assert_eq!(
            shown(&again),
            shown(&analyse(text, 0..0, &g, at(2024, 6, 1)))
        );
        assert_eq!(cache.hits(), 0);
    }

    #[test]
    fn a_cache_used_by_another_extractor_forgets_and_a_full_one_starts_over() {
        let g = Gazetteer::builtin();
        let mut cache = SentenceCache::new(2);
        cache.serve(1);
        for text in ["One sentence.", "Two sentences.", "Three sentences."] {
            cache.analyse(text, 0..0, &g, None);
            cache.analyse(text, 0..0, &g, None);
        }
        assert_eq!(
            cache.len(),
            1,
            "the third text found the cache full and cleared it"
        );
        cache.serve(2);
        assert!(cache.is_empty());
        cache.analyse("Three sentences.", 0..0, &g, None);
        assert_eq!(cache.hits(), 0);
    }

    #[test]
    fn a_text_is_kept_when_offered_twice_and_a_full_cache_starts_over() {
        let mut kept: Repeats<usize> = Repeats::new(2);
        kept.offer("one", || 1);
        assert_eq!(kept.get("one"), None, "offered once: only seen");
        kept.offer("one", || 1);
        assert_eq!(kept.get("one"), Some(&1));
        kept.offer("one", || unreachable!("kept already"));
        for text in ["two", "two", "three", "three"] {
            kept.offer(text, || text.len());
        }
        // "three" found two texts kept and started over
        assert_eq!((kept.get("one"), kept.get("two")), (None, None));
        assert_eq!(kept.get("three"), Some(&5));
        assert_eq!(kept.get("thre"), None);
    }
}
