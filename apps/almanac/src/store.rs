//! The sentence store of an index, read from SQLite on demand: [`DiskStore`] serves the
//! answer engine ([`almanac_ask::Retrieve`]) without loading every sentence.
//!
//! At open it reads only what is small and needed for every question: each document's
//! metadata, title stems and sentence range, the corpus counts BM25 needs, and the ids of
//! sentences replaced since they were indexed (table `dead`). A question then reads the
//! posting lists of its words (one blob per word and write batch, cached for the session) and
//! the sentences it scores, a block of a document's sentences at a time, cached too; a
//! sentence's mentions are parsed only when it is asked for.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use almanac_ask::{
    DocMeta, Hit, Posting, QueryTerm, Retrieve, Stored, TermStats, bm25_search_ordered,
    closest_word,
};
use almanac_model::{Mention, SentenceEvidence};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Sentences read at a time: a block of a document's sentences, counted from its first.
const BLOCK: u32 = 8;

/// Blocks of sentences (or rests of documents) that stay cached; beyond it the oldest goes.
const CACHED_BLOCKS: usize = 4096;

/// Stems whose counts stay cached; beyond it the cache starts again.
const CACHED_TERMS: usize = 65_536;

/// Bytes of posting blobs that stay cached (questions share words); beyond it the cache
/// starts again.
const CACHED_POSTING_BYTES: usize = 16 << 20;

/// Sentence blocks as read, by their first id, and those ids oldest first.
type Blocks = (BTreeMap<u32, Rc<DocSentences>>, VecDeque<u32>);

/// A term's posting blobs as read, one per segment, in segment order.
type Blobs = Rc<[(i64, Box<[u8]>)]>;

/// Posting blobs a run staged and did not move into `postings` (it was interrupted): term
/// → (segment, blob).
pub(crate) type StagedPostings = HashMap<u32, Vec<(i64, Box<[u8]>)>>;

/// Appends `v` as a LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*at`, advancing it; `None` at the end or on a damaged value.
#[inline]
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    // most values (deltas, term frequencies, lengths) fit one byte
    let first = *bytes.get(*at)?;
    if first < 0x80 {
        *at += 1;
        return Some(u64::from(first));
    }
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Encodes sorted ids (term ids of a sentence or title) as varint deltas.
pub(crate) fn encode_ids(ids: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ids.len() * 2);
    let mut last = 0u32;
    for &id in ids {
        put_varint(&mut out, u64::from(id.wrapping_sub(last)));
        last = id;
    }
    out
}

/// Decodes [`encode_ids`].
pub(crate) fn decode_ids(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    let mut last = 0u32;
    while let Some(d) = get_varint(bytes, &mut at) {
        last = last.wrapping_add(d as u32);
        out.push(last);
    }
    out
}

/// Encodes a posting list (sentences ascending): sentence delta, `tf << 1 | next_in_doc`,
/// length.
pub(crate) fn encode_postings<'a>(postings: impl ExactSizeIterator<Item = &'a Posting>) -> Vec<u8> {
    let mut out = Vec::with_capacity(postings.len() * 4);
    let mut last = 0u32;
    for p in postings {
        put_varint(&mut out, u64::from(p.sentence.wrapping_sub(last)));
        put_varint(
            &mut out,
            u64::from(p.tf) << 1 | u64::from(u8::from(p.next_in_doc)),
        );
        put_varint(&mut out, u64::from(p.len));
        last = p.sentence;
    }
    out
}

/// Decodes [`encode_postings`], calling `f` for each posting.
pub(crate) fn decode_postings(bytes: &[u8], f: &mut dyn FnMut(Posting)) {
    let mut at = 0;
    let mut last = 0u32;
    while let (Some(d), Some(tf), Some(len)) = (
        get_varint(bytes, &mut at),
        get_varint(bytes, &mut at),
        get_varint(bytes, &mut at),
    ) {
        last = last.wrapping_add(d as u32);
        f(Posting {
            sentence: last,
            tf: u16::try_from(tf >> 1).unwrap_or(u16::MAX),
            len: u16::try_from(len).unwrap_or(u16::MAX),
            next_in_doc: tf & 1 == 1,
        });
    }
}

/// What the `data` column of `sentences` holds: a sentence's evidence without its text,
/// which has a column of its own.
#[derive(Serialize, Deserialize)]
struct SentenceData<T> {
    /// Byte range of the sentence in the document body.
    span: Range<usize>,
    /// Whether it is the headline.
    headline: bool,
    /// Its mentions (`&[Mention]` when written, `Vec<Mention>` when read).
    mentions: T,
}

/// Appends to `out` the `data` JSON of a sentence whose mentions' JSON is `mentions` (the
/// JSON serde writes for a [`SentenceData`]): a sentence met again in other documents has
/// other spans, and mostly the same mentions, whose JSON is then written once.
pub(crate) fn push_sentence_data(
    out: &mut String,
    span: &Range<usize>,
    headline: bool,
    mentions: &str,
) {
    // pieces pushed, numbers written by `itoa`: `write!` cost 1.3% of indexing's instructions
    let mut digits = itoa::Buffer::new();
    out.reserve(mentions.len() + 64);
    out.push_str(r#"{"span":{"start":"#);
    out.push_str(digits.format(span.start));
    out.push_str(r#","end":"#);
    out.push_str(digits.format(span.end));
    out.push_str(if headline {
        r#"},"headline":true,"mentions":"#
    } else {
        r#"},"headline":false,"mentions":"#
    });
    out.push_str(mentions);
    out.push('}');
}

/// A sentence from its `text` and `data` columns; `None` when `data` is not what
/// [`push_sentence_data`] writes.
pub(crate) fn sentence_from_row(text: String, data: &str) -> Option<SentenceEvidence> {
    let d: SentenceData<Vec<Mention>> = serde_json::from_str(data).ok()?;
    Some(SentenceEvidence {
        span: d.span,
        text,
        headline: d.headline,
        mentions: d.mentions,
    })
}

/// A sentence with no text, for an id the store cannot read.
fn empty_sentence() -> SentenceEvidence {
    SentenceEvidence {
        span: 0..0,
        text: String::new(),
        headline: false,
        mentions: Vec::new(),
    }
}

/// One document of the store, as opened.
#[derive(Debug, Clone)]
pub(crate) struct StoredDoc {
    /// Its title's stem ids, sorted.
    pub title: Vec<u32>,
    /// Its sentence ids.
    pub sentences: Range<u32>,
}

/// A sentence's row as read from the database: its evidence is parsed the first time it is
/// asked for, as most sentences of a document read for one of them never are.
struct SentenceRow {
    text: String,
    data: String,
    terms: Vec<u8>,
    evidence: OnceCell<SentenceEvidence>,
}

impl SentenceRow {
    /// The sentence's evidence (an empty sentence when `data` cannot be read).
    fn evidence(&self) -> &SentenceEvidence {
        self.evidence.get_or_init(|| {
            sentence_from_row(self.text.clone(), &self.data).unwrap_or_else(empty_sentence)
        })
    }
}

/// A block of a document's sentences as read from the database.
struct DocSentences {
    first: u32,
    sentences: Vec<SentenceRow>,
}

/// A set of sentence ids, one bit each up to the largest: every posting a question walks is
/// looked up in the stale sentences (`dead`, hundreds of thousands after many re-indexes),
/// and a bit is read faster, and the set built faster, than with a hash set.
#[derive(Debug, Default)]
pub(crate) struct SentenceSet {
    bits: Vec<u64>,
    len: usize,
}

impl SentenceSet {
    /// Adds `id`.
    pub(crate) fn insert(&mut self, id: u32) {
        let (word, bit) = (id as usize / 64, id % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & (1 << bit) == 0 {
            self.bits[word] |= 1 << bit;
            self.len += 1;
        }
    }

    /// Whether `id` is in the set.
    pub(crate) fn contains(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl FromIterator<u32> for SentenceSet {
    fn from_iter<I: IntoIterator<Item = u32>>(ids: I) -> Self {
        let mut set = SentenceSet::default();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

/// An index's sentences, read from SQLite as questions need them.
pub(crate) struct DiskStore {
    conn: Connection,
    /// The documents' metadata, shared with the session's fact index.
    metas: Arc<[DocMeta]>,
    docs: Vec<StoredDoc>,
    /// (first sentence id, document), sorted: which document a sentence belongs to.
    by_first: Vec<(u32, u32)>,
    sentences: usize,
    avg_len: f32,
    dead: SentenceSet,
    /// Posting segment → the first and last sentence ids it holds (table `segments`).
    segments: HashMap<i64, (u32, u32)>,
    /// Blocks of sentences read so far, by their first id, and those ids oldest first.
    cache: RefCell<Blocks>,
    /// Term id → its posting blobs, as read so far, and their bytes in all.
    postings: RefCell<(HashMap<u32, Blobs>, usize)>,
    /// The blobs of `staged_postings`, read with those of `postings`.
    staged: StagedPostings,
    /// Stem → its id and counts (`None`: not in the corpus), as looked up so far.
    terms: RefCell<HashMap<String, Option<(u32, TermStats)>>>,
}

impl DiskStore {
    /// A store over `conn` holding `docs` and their metadata `metas` (in the order answers
    /// cite them), `sentences` live sentences of `total_len` content words in all, the stale
    /// sentence ids `dead`, and the sentence ids each posting segment spans.
    pub(crate) fn new(
        conn: Connection,
        metas: Arc<[DocMeta]>,
        docs: Vec<StoredDoc>,
        sentences: usize,
        total_len: u64,
        dead: SentenceSet,
        segments: HashMap<i64, (u32, u32)>,
    ) -> Self {
        let mut by_first: Vec<(u32, u32)> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.sentences.is_empty())
            .map(|(i, d)| (d.sentences.start, i as u32))
            .collect();
        by_first.sort_unstable();
        Self {
            conn,
            metas,
            docs,
            by_first,
            sentences,
            avg_len: total_len as f32 / sentences.max(1) as f32,
            dead,
            segments,
            cache: RefCell::new((BTreeMap::new(), VecDeque::new())),
            postings: RefCell::new((HashMap::new(), 0)),
            staged: StagedPostings::new(),
            terms: RefCell::new(HashMap::new()),
        }
    }

    /// The store, also reading the posting blobs an interrupted run left `staged`.
    pub(crate) fn with_staged(mut self, staged: StagedPostings) -> Self {
        self.staged = staged;
        self
    }

    /// The document a sentence id belongs to.
    fn doc_of(&self, sentence: u32) -> Option<u32> {
        let i = self
            .by_first
            .partition_point(|&(first, _)| first <= sentence);
        let (_, doc) = *self.by_first.get(i.checked_sub(1)?)?;
        self.docs[doc as usize]
            .sentences
            .contains(&sentence)
            .then_some(doc)
    }

    /// The cached rows holding sentence `id` of `doc`: the block of [`BLOCK`] sentences
    /// holding it (a document's blocks count from its first sentence), or, when the block
    /// before it was read already (a walk through the document), the rest of the document.
    fn rows_of(&self, doc: u32, id: u32) -> Rc<DocSentences> {
        let cached = |id: u32| {
            self.cache
                .borrow()
                .0
                .range(..=id)
                .next_back()
                .filter(|(_, d)| id < d.first + d.sentences.len() as u32)
                .map(|(_, d)| Rc::clone(d))
        };
        if let Some(d) = cached(id) {
            return d;
        }
        let range = self.docs[doc as usize].sentences.clone();
        let first = range.start + (id - range.start) / BLOCK * BLOCK;
        let end = if first > range.start && cached(first - 1).is_some() {
            range.end
        } else {
            first.saturating_add(BLOCK).min(range.end)
        };
        let read = self.read_sentences(first..end).unwrap_or_default();
        let d = Rc::new(DocSentences {
            first,
            sentences: read,
        });
        let mut cache = self.cache.borrow_mut();
        // the oldest block goes: dropping them all at once would stall one question
        if cache.0.len() >= CACHED_BLOCKS
            && let Some(old) = cache.1.pop_front()
        {
            cache.0.remove(&old);
        }
        if cache.0.insert(first, Rc::clone(&d)).is_none() {
            cache.1.push_back(first);
        }
        d
    }

    fn read_sentences(&self, range: Range<u32>) -> rusqlite::Result<Vec<SentenceRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, text, data, terms FROM sentences WHERE id >= ?1 AND id < ?2 ORDER BY id",
        )?;
        let mut out = Vec::with_capacity(range.len());
        let mut rows = stmt.query([range.start, range.end])?;
        while let Some(row) = rows.next()? {
            let id: u32 = row.get(0)?;
            // ids are contiguous per document; a gap would misalign every later sentence
            if id != range.start + out.len() as u32 {
                break;
            }
            out.push(SentenceRow {
                text: row.get(1)?,
                data: row.get(2)?,
                terms: row.get(3)?,
                evidence: OnceCell::new(),
            });
        }
        Ok(out)
    }

    /// Calls `f` with a sentence's document and row; `None` for an id the store does not
    /// have.
    fn with_row<T>(&self, id: u32, f: impl FnOnce(u32, &SentenceRow) -> T) -> Option<T> {
        let doc = self.doc_of(id)?;
        let d = self.rows_of(doc, id);
        d.sentences
            .get((id - d.first) as usize)
            .map(|row| f(doc, row))
    }

    /// The posting blobs of term `id`, read once and cached (empty when they cannot be
    /// read).
    fn blobs(&self, id: u32) -> Blobs {
        if let Some(b) = self.postings.borrow().0.get(&id) {
            return Rc::clone(b);
        }
        let read: Blobs = self.read_blobs(id).unwrap_or_default().into();
        let bytes: usize = read.iter().map(|(_, b)| b.len()).sum();
        let mut cache = self.postings.borrow_mut();
        if cache.1 + bytes > CACHED_POSTING_BYTES {
            *cache = (HashMap::new(), 0);
        }
        if bytes <= CACHED_POSTING_BYTES {
            cache.0.insert(id, Rc::clone(&read));
            cache.1 += bytes;
        }
        read
    }

    fn read_blobs(&self, id: u32) -> rusqlite::Result<Vec<(i64, Box<[u8]>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT segment, data FROM postings WHERE term = ?1 ORDER BY segment",
        )?;
        let mut out = Vec::new();
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let segment: i64 = row.get(0)?;
            let blob = row.get_ref(1)?.as_blob()?;
            out.push((segment, blob.into()));
        }
        if let Some(staged) = self.staged.get(&id) {
            out.extend(staged.iter().cloned());
            out.sort_by_key(|b| b.0);
        }
        Ok(out)
    }

    fn stats(&self, stem: &str) -> Option<(u32, TermStats)> {
        if let Some(&known) = self.terms.borrow().get(stem) {
            return known;
        }
        let found = self.read_stats(stem);
        let mut terms = self.terms.borrow_mut();
        if terms.len() >= CACHED_TERMS {
            terms.clear();
        }
        terms.insert(stem.to_owned(), found);
        found
    }

    fn read_stats(&self, stem: &str) -> Option<(u32, TermStats)> {
        self.conn
            .prepare_cached("SELECT id, sentences, titles FROM terms WHERE stem = ?1")
            .ok()?
            .query_row([stem], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    TermStats {
                        sentences: r.get(1)?,
                        titles: r.get(2)?,
                    },
                ))
            })
            .optional()
            .ok()
            .flatten()
    }
}

impl Retrieve for DiskStore {
    fn len(&self) -> usize {
        self.sentences
    }

    fn df(&self, stem: &str) -> u32 {
        self.stats(stem).map_or(0, |(_, s)| s.df())
    }

    fn search(&self, terms: &[QueryTerm], limit: usize) -> Vec<Hit> {
        bm25_search_ordered(
            self.sentences,
            self.avg_len,
            terms,
            limit,
            |stem| self.stats(stem).map(|(_, stats)| stats),
            |stem, only, f| {
                // the term's id comes from the cache `stats` just filled
                let Some((id, _)) = self.stats(stem) else {
                    return;
                };
                for (segment, blob) in self.blobs(id).iter() {
                    // a segment holding none of the sentences asked for is not read
                    if let Some(ids) = only
                        && let Some(&(first, last)) = self.segments.get(segment)
                        && ids
                            .get(ids.partition_point(|&x| x < first))
                            .is_none_or(|&x| x > last)
                    {
                        continue;
                    }
                    if self.dead.is_empty() {
                        decode_postings(blob, f);
                    } else {
                        decode_postings(blob, &mut |p| {
                            if !self.dead.contains(p.sentence) {
                                f(p);
                            }
                        });
                    }
                }
            },
            &|id| self.sentence_order(id),
        )
    }

    fn sentence_order(&self, id: u32) -> u64 {
        // a document re-read by a later run got new ids, after those of documents that come
        // after it: its place in the documents' order ranks it
        match self.doc_of(id) {
            Some(doc) => {
                let first = self.docs[doc as usize].sentences.start;
                (u64::from(doc) << 32) | u64::from(id - first)
            }
            None => u64::MAX,
        }
    }

    fn sentence(&self, id: u32) -> Cow<'_, Stored> {
        let stored = self.with_row(id, |doc, row| Stored {
            doc,
            evidence: row.evidence().clone(),
        });
        Cow::Owned(stored.unwrap_or_else(|| Stored {
            doc: 0,
            evidence: empty_sentence(),
        }))
    }

    fn doc(&self, doc: u32) -> Cow<'_, DocMeta> {
        Cow::Borrowed(&self.metas[doc as usize])
    }

    fn title_stems(&self, doc: u32) -> Cow<'_, [u32]> {
        Cow::Borrowed(&self.docs[doc as usize].title)
    }

    fn sentence_stems(&self, id: u32) -> Cow<'_, [u32]> {
        Cow::Owned(
            self.with_row(id, |_, row| decode_ids(&row.terms))
                .unwrap_or_default(),
        )
    }

    fn doc_sentences(&self, doc: u32) -> Range<u32> {
        self.docs
            .get(doc as usize)
            .map_or(0..0, |d| d.sentences.clone())
    }

    fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stats(stem).map(|(id, _)| id)
    }

    fn repair(&self, lower: &str) -> Option<(String, f32)> {
        closest_word(lower, |len, first, out| {
            let Ok(mut stmt) = self.conn.prepare_cached(
                "SELECT word FROM words WHERE len = ?1 AND word >= ?2 AND word < ?3",
            ) else {
                return;
            };
            let lo = first.to_string();
            let hi = char::from_u32(first as u32 + 1)
                .map_or_else(|| format!("{first}\u{10FFFF}"), |c| c.to_string());
            if let Ok(rows) = stmt.query_map(rusqlite::params![len as i64, lo, hi], |r| r.get(0)) {
                out.extend(rows.flatten());
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_and_ids_round_trip() {
        let postings = [
            Posting {
                sentence: 3,
                tf: 1,
                len: 12,
                next_in_doc: true,
            },
            Posting {
                sentence: 900_000,
                tf: 300,
                len: 65_535,
                next_in_doc: false,
            },
        ];
        let mut back = Vec::new();
        decode_postings(&encode_postings(postings.iter()), &mut |p| back.push(p));
        assert_eq!(back, postings);
        let ids = [0, 1, 7, 4_000_000_000];
        assert_eq!(decode_ids(&encode_ids(&ids)), ids);
    }

    #[test]
    fn sentence_data_is_the_json_serde_writes_and_reads_back() {
        let doc = almanac_model::Document::new(
            "a.txt",
            "text",
            "Mr Howard said on Monday that 24 weeks was too long.\n\nThe Zanzibar ferry company \
             bought three boats for $2.5 million in March 2023, \"a fair price\".",
        );
        let (_, evidence) = almanac_extract::Extractor::new().extract_with_evidence(&doc);
        assert!(evidence.sentences.len() >= 2);
        let mut mentions = 0;
        for s in &evidence.sentences {
            mentions += s.mentions.len();
            let json = serde_json::to_string(&s.mentions).expect("serializes");
            // appended after what is already there, as a document's sentences are
            let mut data = String::from("before");
            push_sentence_data(&mut data, &s.span, s.headline, &json);
            let data = data.strip_prefix("before").expect("appends");
            let serde = serde_json::to_string(&SentenceData {
                span: s.span.clone(),
                headline: s.headline,
                mentions: &s.mentions,
            })
            .expect("serializes");
            assert_eq!(data, serde);
            assert_eq!(sentence_from_row(s.text.clone(), data).as_ref(), Some(s));
        }
        assert!(mentions >= 4, "{mentions} mentions");
    }

    #[test]
    fn a_sentence_set_holds_what_was_added_once() {
        let set: SentenceSet = [0, 63, 64, 3_527_433, 64].into_iter().collect();
        assert_eq!(set.len, 4);
        for id in [0, 63, 64, 3_527_433] {
            assert!(set.contains(id), "{id}");
        }
        for id in [1, 62, 65, 3_527_432, u32::MAX] {
            assert!(!set.contains(id), "{id}");
        }
        assert!(SentenceSet::default().is_empty() && !set.is_empty());
    }

    #[test]
    fn a_truncated_blob_decodes_what_it_holds() {
        let ids = [5, 300, 70_000];
        let bytes = encode_ids(&ids);
        assert_eq!(decode_ids(&bytes[..bytes.len() - 1]), [5, 300]);
    }
}
