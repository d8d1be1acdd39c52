//! The persistent corpus index: `almanac index PATH... --index DIR` writes
//! `DIR/almanac.sqlite` (SQLite, WAL journal); `almanac ask --index DIR` and
//! `almanac --index DIR` answer from it.
//!
//! The index holds what answering needs: every document (as JSON) and its head (what answers
//! cite), its facts (unmerged, and merged across documents per merge partition), the evidence
//! of each of its sentences with their posting lists for BM25, and the diagnostics met while
//! reading. Opening it ([`session`]) reads the heads and the merged facts; a question reads
//! the postings and sentences it needs through [`DiskStore`], scored by the same
//! [`almanac_ask::bm25_search`] as in memory, so the answers are the same. The schema is
//! documented in the README ("The index").
//!
//! Writing is a stream: the files are taken in batches of [`BATCH_FILES`] (or
//! [`BATCH_BYTES`]), each batch is read, parsed and extracted in parallel while those before
//! it are written (up to [`READ_AHEAD`] batches, or [`READ_AHEAD_BYTES`] of files, wait for the
//! writer), and every
//! [`TRANSACTION_FILES`] files read are committed in one transaction. Memory does not grow
//! with the corpus, and a run that stops (Ctrl-C, a crash, a full disk) leaves every
//! transaction it committed, and the index as it was for the others: it still opens.
//!
//! Re-indexing is incremental: a file whose size and modification time (and those of its
//! sidecar) are unchanged is not read; one whose content hash is unchanged only has its
//! `files` row updated; a changed file has its rows replaced; a file no longer found under the
//! paths given is removed. A change of `--captured` or `--gazetteer` re-reads everything.
//! Only the merge partitions whose facts changed are merged again.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, UNIX_EPOCH};

use almanac_ask::Session;
use almanac_ask::{DocMeta, Posting, content_words, stem_of, title_terms};
use almanac_extract::{Extractor, Repeats, SentenceCache};
#[cfg(test)]
use almanac_model::DocEvidence;
#[cfg(test)]
use almanac_model::SentenceEvidence;
use almanac_model::{Diagnostic, Document, Fact, Mention, Severity};
use almanac_parse::Options;
use anyhow::{Context, bail};
use chrono::NaiveDate;
use compact_str::CompactString;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::corpus::{self, Found, Walked};
use crate::store::{
    DiskStore, SentenceSet, StagedPostings, StoredDoc, decode_ids, decode_postings, encode_ids,
    encode_postings, push_sentence_data,
};
use crate::stored_fact;

/// The database file inside the index folder.
pub(crate) const FILE_NAME: &str = "almanac.sqlite";

/// The schema version this build writes and reads (`meta.schema`).
const SCHEMA_VERSION: &str = "9";

/// Schema version 7, which this build reads, and a run of `almanac index` migrates (to 8,
/// then 9): its merged facts cite their documents by path, and its documents have no numbers
/// (version 8 numbers them in `heads.doc`, and merged facts cite them by number).
const SCHEMA_7: &str = "7";

/// Schema version 8, which this build reads, and a run of `almanac index` migrates: each of
/// its sentences names its file, item, number and document id (version 9 names its
/// document's number, `heads.doc`, alone).
const SCHEMA_8: &str = "8";

/// Files read and parsed in parallel per round.
pub(crate) const BATCH_FILES: usize = 256;

/// A round also ends once the files it reads hold this many bytes (and are at least as many
/// as the reading threads, so that large files are still read in parallel). (256 files of the
/// generated corpus hold about 2 MiB.)
const BATCH_BYTES: u64 = 16 << 20;

/// The bytes of files the rounds read and not yet taken by the writer may hold: a round that
/// would pass it waits (unless it is the only one), so that the rounds in memory
/// ([`READ_AHEAD`]) stay bounded whatever the files' sizes ([`InFlight`]).
const READ_AHEAD_BYTES: u64 = 64 << 20;

/// Rounds read and waiting for the writer. While it commits, each `fsync` holds it up to
/// 0.37 s (3.2 s in all at 100,000 documents, measured with `strace`): with one round of
/// lead the reading threads waited for it 1.8 s per run, with two 0.03 s, with four none
/// (timers in a build not kept, 100,000 documents, 2 runs of 1 and 4, 1 of 2 and 8).
const READ_AHEAD: usize = 4;

/// Files read (not unchanged) written per transaction. Each transaction writes one posting
/// segment per term it holds; fewer, larger transactions write fewer segments: at 100,000
/// documents, 1024 took 158 s against 184 s for 256, with less memory (324 MB against
/// 340 MB). (Measured when every segment went into the middle of the postings table; from
/// a run's second transaction on, or from its first in a large run, they are now staged, see
/// [`move_staged_postings`].)
const TRANSACTION_FILES: usize = 1024;

/// SQLite's page cache while writing, in KiB.
const WRITE_CACHE_KIB: i64 = 64 * 1024;

/// Pages (512 MiB) past which the writer waits for the write-ahead log to be copied into the
/// database before its next transaction, so that the log starts again from its beginning
/// (see [`Checkpointer`]). Each wait took 0.25-0.39 s at 100,000 documents, whatever the
/// limit: at 256 MiB the writer waited four times (1.2-1.3 s in all), at 512 MiB twice.
/// Closing the database deletes the log, which on a disk mounted with `discard` takes
/// 0.7 s at 512 MiB; at 128 MiB the end of a run was 0.5 s shorter, but writing the files
/// took 1 s longer (5 alternated pairs at 100,000 documents).
const WAL_RESTART_PAGES: i64 = 32 * 1024;

/// How long a connection waits for another's lock (rusqlite's default, which the writer
/// sets again after trying a change that must not wait).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database's page size in bytes, set when it is created. Against SQLite's 4,096, 16 KiB
/// pages hold a document's JSON in fewer overflow pages: indexing 10,000 documents spent
/// 0.7-0.9 s in the kernel against 1.0-1.4 s.
const PAGE_SIZE: i64 = 16 * 1024;

/// The tables; see the README for what each column holds.
const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT,
    sidecar_size INTEGER,
    sidecar_mtime_ns INTEGER
);
CREATE TABLE IF NOT EXISTS documents (
    file TEXT NOT NULL,
    item INTEGER NOT NULL,
    id TEXT NOT NULL,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    published TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (file, item)
);
CREATE TABLE IF NOT EXISTS heads (
    doc INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    item INTEGER NOT NULL,
    head TEXT NOT NULL,
    title_terms BLOB NOT NULL,
    first_sentence INTEGER NOT NULL,
    sentence_count INTEGER NOT NULL,
    UNIQUE (file, item)
);
CREATE TABLE IF NOT EXISTS diagnostics (
    file TEXT,
    item INTEGER,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    expected TEXT
);
CREATE INDEX IF NOT EXISTS diagnostics_file ON diagnostics (file);
CREATE TABLE IF NOT EXISTS facts (
    file TEXT NOT NULL,
    item INTEGER NOT NULL,
    n INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    part TEXT NOT NULL,
    data TEXT NOT NULL,
    doc INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (file, item, n)
);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    terms BLOB NOT NULL,
    len INTEGER NOT NULL,
    text TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS terms (
    id INTEGER PRIMARY KEY,
    stem TEXT NOT NULL UNIQUE,
    sentences INTEGER NOT NULL,
    titles INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    term INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (term, segment)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staged_postings (
    segment INTEGER NOT NULL,
    term INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (segment, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS segments (
    segment INTEGER PRIMARY KEY,
    first_sentence INTEGER NOT NULL,
    last_sentence INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS words (
    word TEXT PRIMARY KEY,
    len INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS words_len ON words (len, word);
CREATE TABLE IF NOT EXISTS dead (
    first_sentence INTEGER PRIMARY KEY,
    count INTEGER NOT NULL,
    pass INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS merged_facts (
    part TEXT NOT NULL,
    data TEXT NOT NULL,
    first_path TEXT,
    sources BLOB
);
CREATE INDEX IF NOT EXISTS merged_facts_part ON merged_facts (part);
CREATE TABLE IF NOT EXISTS dirty_parts (
    part TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS head_chunks (
    chunk INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);
"#;

/// The indexes on columns whose values come in no order (documents' ids, facts'
/// partitions), created with the tables. Each row a transaction inserts lands on a page of
/// their own anywhere in them, so every transaction rewrote most of their pages. A large run
/// (`Indexer::defer_indexes`) drops them in its first transaction
/// ([`Indexer::write_transaction`]) and builds them again in one sorted pass when it
/// finishes, before the merge that looks facts up by partition. An interrupted run leaves
/// them dropped: the next run creates them when it opens the index. Questions do not use
/// them; without `documents_id`, `facts --json` reads the whole `documents` table to find
/// the documents its facts cite.
const DEFERRED_INDEXES: [(&str, &str); 2] = [
    ("documents_id", "documents (id)"),
    ("facts_part", "facts (part)"),
];

/// Creates the [deferred indexes](DEFERRED_INDEXES) that are missing.
fn create_deferred_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, on) in DEFERRED_INDEXES {
        conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"))?;
    }
    Ok(())
}

/// Drops the [deferred indexes](DEFERRED_INDEXES).
fn drop_deferred_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, _) in DEFERRED_INDEXES {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

/// What a run of `almanac index` did, counted in files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Files not in the index before.
    pub added: usize,
    /// Files whose content changed: their rows were replaced.
    pub changed: usize,
    /// Files whose content did not change (read again only if their size or time changed).
    pub unchanged: usize,
    /// Of the unchanged files, those whose size or time changed, so were read and hashed.
    pub rehashed: usize,
    /// Files in the index no longer found under the paths given: their rows were removed.
    pub removed: usize,
    /// Files read this run that yielded no document (unreadable, empty, binary).
    pub failed: usize,
    /// Documents read this run.
    pub documents: usize,
    /// Diagnostics of the files that failed, and of the walk (FIFOs, loops...).
    pub problems: Vec<Diagnostic>,
}

/// One row of `files`: what tells whether a file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileRow {
    size: i64,
    mtime_ns: i64,
    /// SHA-256 of the file's bytes and its sidecar's; `None` when it could not be read.
    hash: Option<String>,
    /// Size and modification time of the sidecar, when there is one.
    sidecar: Option<(i64, i64)>,
}

/// One document read from a file, with what extraction made of it: what the writer binds,
/// and nothing else. The reading thread drops the rest (the document's body, its sentences'
/// mentions) itself, and joins each document's sentences' texts and rows' JSON into one text
/// each, so that memory goes back to the thread that took it, while still in its cache:
/// when the writer freed whole documents, at 100,000 documents it took 22% more CPU samples
/// (mostly freeing) and the reading threads 13% more, 12% of theirs in the allocator's fast
/// path against 9.6% now (`perf record`, back to back).
struct Analyzed {
    doc: DocColumns,
    /// Its sentences' texts.
    texts: Texts,
    /// Its title's term ids, sorted.
    title_terms: Vec<u32>,
    /// Each sentence's terms, in order.
    sentence_terms: Vec<SentenceRow>,
    /// The terms and words it was the first to use.
    new: NewVocabulary,
    /// Its rows' JSON, serialized by the thread that read it (the writer only binds them).
    json: anyhow::Result<Serialized>,
}

/// The columns of a document's row besides its JSON, and its diagnostics, moved out of it.
struct DocColumns {
    /// Its id (`documents.id`).
    id: String,
    /// Its source path, with `#N` for the Nth item of a feed (`documents.path`).
    path: String,
    /// The format it was read as (`documents.format`).
    format: String,
    /// Its title (`documents.title`).
    title: Option<String>,
    /// What reading it reported (rows of `diagnostics`).
    diagnostics: Vec<Diagnostic>,
}

impl DocColumns {
    /// Moves them out of `doc`, which is then dropped.
    fn of(doc: Document) -> Self {
        Self {
            id: doc.id,
            path: doc.path,
            format: doc.format,
            title: doc.title,
            diagnostics: doc.diagnostics,
        }
    }
}

/// Texts kept end to end in one string (one allocation where a `Vec<String>` makes one per
/// text).
struct Texts {
    /// The texts, end to end.
    all: String,
    /// Where each text ends in `all` (the next starts there).
    ends: Vec<usize>,
}

impl Texts {
    /// Room for `n` texts.
    fn with_capacity(n: usize) -> Self {
        Self {
            all: String::new(),
            ends: Vec::with_capacity(n),
        }
    }

    /// Appends `text`.
    fn push(&mut self, text: &str) {
        self.push_with(|all| all.push_str(text));
    }

    /// Appends the text that `write` appends to the texts' string.
    fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.all);
        self.ends.push(self.all.len());
    }

    /// The texts, in order.
    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.all[start..end])
    }

    /// How many texts there are.
    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// A sentence's terms as its row and its postings hold them.
#[derive(Clone)]
struct SentenceRow {
    /// Term ids with their counts, sorted by id.
    terms: Vec<(u32, u16)>,
    /// The number of content words.
    len: u16,
    /// The ids, encoded for column `sentences.terms` by the thread that read the document.
    encoded: Vec<u8>,
}

impl SentenceRow {
    /// The row of a sentence whose `count` content words have the term `ids`, in order.
    fn of(ids: impl Iterator<Item = u32>, count: usize) -> Self {
        let mut terms: Vec<(u32, u16)> = Vec::new();
        for id in ids {
            match terms.iter_mut().find(|(x, _)| *x == id) {
                Some((_, n)) => *n = n.saturating_add(1),
                None => terms.push((id, 1)),
            }
        }
        terms.sort_unstable();
        let distinct: Vec<u32> = terms.iter().map(|x| x.0).collect();
        Self {
            encoded: encode_ids(&distinct),
            terms,
            len: u16::try_from(count).unwrap_or(u16::MAX).max(1),
        }
    }
}

/// The JSON of `mentions`; on failure, an empty text, and the error in `failed` (the
/// document is then not written).
fn mentions_json(mentions: &[Mention], failed: &mut Option<serde_json::Error>) -> String {
    serde_json::to_string(mentions).unwrap_or_else(|e| {
        failed.get_or_insert(e);
        String::new()
    })
}

/// What a reading thread keeps of a sentence met twice: its retrieval row (the term ids do
/// not change during a run), and its mentions with their JSON, which a repeat whose mentions
/// are equal reuses (they depend on its document: the date its times resolve against, the
/// names met before it).
struct KeptSentence {
    row: SentenceRow,
    mentions: Vec<Mention>,
    mentions_json: String,
}

/// The JSON texts of one document's rows.
struct Serialized {
    doc: String,
    head: String,
    /// The `published` column ([`published`]).
    published: Option<String>,
    /// Each fact's merge partition and JSON.
    facts: Vec<(String, String)>,
    /// Each sentence's `data` ([`push_sentence_data`]).
    sentences: Texts,
}

impl Serialized {
    /// The rows of `doc` but its sentences' `data`, which `sentences` gives.
    fn new(
        doc: &Document,
        head: &DocMeta,
        facts: &[Fact],
        sentences: serde_json::Result<Texts>,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            doc: json(doc)?,
            head: json(head)?,
            published: published(doc),
            facts: facts
                .iter()
                .map(|f| Ok((partition(f), stored_fact::encode_whole(f)?)))
                .collect::<anyhow::Result<_>>()?,
            sentences: sentences?,
        })
    }
}

impl Analyzed {
    /// Extracts `doc` and prepares its retrieval rows, interning its terms and words in
    /// `vocabulary`.
    fn new(
        doc: Document,
        extractor: &Extractor,
        cache: &mut ReadCache,
        vocabulary: &Mutex<Vocabulary>,
    ) -> Self {
        let (facts, evidence) = extractor.extract_with_evidence_cached(&doc, &mut cache.sentences);
        let head = DocMeta::of(&doc);
        let title = doc.title.as_deref().map(title_terms).unwrap_or_default();
        let mut new = NewVocabulary::default();
        // the content words of every sentence met for the first time, lowercased, found
        // before taking the lock (the other threads wait for it): one text, each word's end,
        // each sentence's word count. A sentence met before takes the row it had then.
        let mut words = String::new();
        let mut ends: Vec<usize> = Vec::new();
        // each sentence's `data`, and the mentions' JSON of those not kept (to offer)
        let mut data = Texts::with_capacity(evidence.sentences.len());
        let mut unkept_json: Vec<String> = Vec::new();
        let mut failed = None;
        let rows: Vec<Result<SentenceRow, usize>> = evidence
            .sentences
            .iter()
            .map(|s| {
                let kept = cache.rows.get(&s.text);
                // the kept mentions' JSON when they are the same, else their own
                let fresh = match kept {
                    Some(k) if k.mentions == s.mentions => None,
                    _ => Some(mentions_json(&s.mentions, &mut failed)),
                };
                let json = fresh.as_deref().or(kept.map(|k| k.mentions_json.as_str()));
                data.push_with(|out| {
                    push_sentence_data(out, &s.span, s.headline, json.unwrap_or_default());
                });
                if let Some(k) = kept {
                    return Ok(k.row.clone());
                }
                unkept_json.push(fresh.unwrap_or_default());
                let before = ends.len();
                content_words(&s.text, |lower| {
                    words.push_str(lower);
                    ends.push(words.len());
                });
                Err(ends.len() - before)
            })
            .collect();
        let json = Serialized::new(&doc, &head, &facts, failed.map_or(Ok(data), Err));
        let (title_terms, ids) = {
            // a poisoned lock only means another thread panicked: the map is still whole
            let mut v = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
            let mut title: Vec<u32> = title.iter().map(|st| v.term(st, &mut new)).collect();
            title.sort_unstable();
            // the terms `sentence_terms` gives, each distinct word stemmed once per run
            let mut start = 0;
            let ids: Vec<u32> = ends
                .iter()
                .map(|&end| {
                    let id = v.word_term(&words[start..end], &mut new);
                    start = end;
                    id
                })
                .collect();
            (title, ids)
        };
        let mut ids = ids.into_iter();
        let mut unkept_json = unkept_json.into_iter();
        let sentence_terms = rows
            .into_iter()
            .zip(&evidence.sentences)
            .map(|(row, s)| {
                row.unwrap_or_else(|count| {
                    let row = SentenceRow::of(ids.by_ref().take(count), count);
                    let mentions_json = unkept_json.next().unwrap_or_default();
                    cache.rows.offer(&s.text, || KeptSentence {
                        row: row.clone(),
                        mentions: s.mentions.clone(),
                        mentions_json,
                    });
                    row
                })
            })
            .collect();
        let mut texts = Texts::with_capacity(evidence.sentences.len());
        texts
            .all
            .reserve(evidence.sentences.iter().map(|s| s.text.len()).sum());
        for s in &evidence.sentences {
            texts.push(&s.text);
        }
        Self {
            doc: DocColumns::of(doc),
            texts,
            title_terms,
            sentence_terms,
            new,
            json,
        }
    }
}

/// Terms and words a document was the first to use, written with it.
#[derive(Default)]
struct NewVocabulary {
    /// Term id and stem.
    terms: Vec<(u32, String)>,
    words: Vec<String>,
}

/// What a batch changes in the retrieval tables, written when it commits.
#[derive(Default)]
struct Retrieval {
    /// The postings of the sentences inserted, with their term ids, in the order of their
    /// sentences: grouped by term when the batch is written (a sort of one flat list
    /// costs less than a list per term grown in a map).
    postings: Vec<(u32, Posting)>,
    /// Term id → (change in sentences, change in titles) holding it.
    counts: FxHashMap<u32, (i64, i64)>,
    /// Terms first seen in this batch.
    new_terms: Vec<(u32, String)>,
    /// Words first seen in this batch.
    new_words: Vec<String>,
    /// Merge partitions whose facts changed ([`almanac_extract::merge_partition`]).
    dirty: HashSet<String>,
    /// The facts of the file being replaced, by (item, n): its partition and stored JSON.
    /// A fact written again unchanged leaves its partition clean (a feed fetched again
    /// repeats most of its items); the others' partitions are dirty.
    replaced: FxHashMap<(i64, i64), (String, String)>,
    /// The file being replaced and its documents' numbers (`heads.doc`) by item: a
    /// document written again keeps its number, which the merged facts of the partitions
    /// its unchanged facts leave clean still cite.
    replaced_docs: (String, FxHashMap<i64, i64>),
    /// The id the next sentence inserted takes (meta `next_sentence`), once read: ids are
    /// never reused, so a posting of a stale sentence never names a live one.
    next_sentence: Option<i64>,
    /// Whether heads were inserted or deleted: the batch moves meta `heads_version` on, so
    /// that [`head_chunks`](write_head_chunks) written before are no longer read.
    heads_changed: bool,
    /// Change in live sentences and in their content words.
    sentences: i64,
    total_len: i64,
}

impl Retrieval {
    /// Marks dirty the partitions of the replaced facts not written again.
    fn replaced_gone(&mut self) {
        let gone = self.replaced.drain().map(|(_, (part, _))| part);
        self.dirty.extend(gone);
    }
}

/// The index's stems and words, interned by the threads that read documents.
///
/// Keys are [`CompactString`]s: a word of up to 24 bytes is kept in the map's own slot, so
/// a lookup compares it without following a pointer to memory of its own. With `String`
/// keys, at 100,000 documents those comparisons' cache misses took 3% of the run's time.
struct Vocabulary {
    /// Stem → term id.
    terms: FxHashMap<CompactString, u32>,
    /// The words typo repair knows (table `words`).
    words: FxHashSet<CompactString>,
    /// Word → its stem's term id, for the words this run has seen.
    by_word: FxHashMap<CompactString, u32>,
}

impl Vocabulary {
    fn read(conn: &Connection) -> anyhow::Result<Self> {
        let terms = conn
            .prepare("SELECT stem, id FROM terms")?
            .query_map([], |r| {
                Ok((
                    CompactString::from(r.get_ref(0)?.as_str()?),
                    r.get::<_, u32>(1)?,
                ))
            })?
            .collect::<Result<FxHashMap<_, _>, _>>()?;
        let words = conn
            .prepare("SELECT word FROM words")?
            .query_map([], |r| Ok(CompactString::from(r.get_ref(0)?.as_str()?)))?
            .collect::<Result<FxHashSet<_>, _>>()?;
        Ok(Self {
            terms,
            words,
            by_word: FxHashMap::default(),
        })
    }

    /// The term id of the lowercased content word `lower`; the first time the run sees the
    /// word it is stemmed, and recorded in `new` when the index does not know it.
    fn word_term(&mut self, lower: &str, new: &mut NewVocabulary) -> u32 {
        if let Some(&id) = self.by_word.get(lower) {
            return id;
        }
        let id = self.term(&stem_of(lower), new);
        self.by_word.insert(lower.into(), id);
        if self.words.insert(lower.into()) {
            new.words.push(lower.to_owned());
        }
        id
    }

    /// The id of `stem`, a new one (recorded in `new`) the first time it is seen. Ids are
    /// dense: a batch's new ids all follow the ids of the batches read before it.
    fn term(&mut self, stem: &str, new: &mut NewVocabulary) -> u32 {
        if let Some(&id) = self.terms.get(stem) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.insert(stem.into(), id);
        new.terms.push((id, stem.to_owned()));
        id
    }
}

/// What examining one file gave.
enum Outcome {
    /// Size and times as indexed: not read.
    Unchanged,
    /// Read, and the same content as indexed: only `files` is updated.
    Rehashed(FileRow),
    /// Read and parsed: its rows are replaced.
    Read {
        row: FileRow,
        known: bool,
        documents: Vec<Analyzed>,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Writes an index, one batch of files at a time.
pub(crate) struct Indexer {
    conn: Connection,
    /// The database file `conn` writes.
    path: PathBuf,
    /// Copies committed transactions from the write-ahead log into the database.
    checkpointer: Checkpointer,
    /// Shared with the thread that reads the next batch while this one is written.
    examiner: Arc<Examiner>,
    summary: Summary,
    /// The user's gazetteer text this run extracts with (empty: the built-in one alone).
    user_names: String,
    /// Transactions this run committed: from the second on (from the first when it defers
    /// the indexes), postings are staged.
    transactions: usize,
    /// Whether this run drops the [deferred indexes](DEFERRED_INDEXES) while it writes: set
    /// when it reads more files than one transaction holds, and no fewer than the index
    /// held. Building them again costs a pass over every fact (0.9 s at 100,000 documents),
    /// so a run that changes a few files of a large index keeps them.
    defer_indexes: bool,
    /// The files this `Indexer` wrote that were not indexed when it opened: they have rows.
    written: HashSet<String>,
    /// Whether the files are written [in place](Self::write_in_place), through a rollback
    /// journal, until [`finish`](Self::finish) turns the write-ahead log on again.
    in_place: bool,
}

/// A thread with its own connection that copies the write-ahead log into the database after
/// each commit. Its checkpoints are passive: they never wait for the writer, nor block it.
///
/// A checkpoint syncs the database file to disk. Run by the writer's commits, every `fsync`
/// stalled the writer, and with it the threads reading the next batch (which wait for it):
/// 10,000 documents took 5.9-6.4 s, against 4.4-5.1 s when nothing was synced at all. Here
/// the disk works while the writer goes on.
///
/// The log starts again from its beginning only when a transaction begins with every frame
/// copied, which a checkpoint running beside the writer never achieves: left alone, it grew
/// to 2.6 GB over 100,000 documents. So once it holds [`WAL_RESTART_PAGES`], the writer waits
/// for a checkpoint of everything before its next transaction.
///
/// Committed transactions are safe in the log whatever happens here: a checkpoint that fails
/// leaves them there, for the next one or for closing the database, which copies them.
///
/// A large run [writes in place](Indexer::write_in_place), with an [idle](Self::idle) one,
/// until it finishes.
struct Checkpointer {
    shared: Arc<(Mutex<Checkpoints>, std::sync::Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The log's pages past which the writer waits ([`WAL_RESTART_PAGES`]).
    restart_pages: i64,
}

/// What the writer asked of the [`Checkpointer`]'s thread and what it did.
#[derive(Default)]
struct Checkpoints {
    /// Checkpoints asked for, and the number of those done (each covers every commit made
    /// before it was asked for).
    requested: u64,
    done: u64,
    /// Pages in the log after the last checkpoint.
    log_pages: i64,
    /// Set when the writer is done: the thread ends.
    closed: bool,
}

impl Checkpointer {
    /// Starts the thread, with a connection to the database at `path`.
    fn start(path: &Path) -> anyhow::Result<Self> {
        let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        let shared = Arc::new((
            Mutex::new(Checkpoints::default()),
            std::sync::Condvar::new(),
        ));
        let theirs = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let (state, changed) = &*theirs;
            let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                let target = {
                    let mut s = lock();
                    while s.requested == s.done && !s.closed {
                        s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
                    }
                    if s.closed {
                        return;
                    }
                    s.requested
                };
                // (busy, pages in the log, pages copied); an error leaves the pages in the
                // log, where they are safe: the log is then counted as long
                let log_pages = conn
                    .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(1))
                    .unwrap_or(i64::MAX);
                let mut s = lock();
                s.done = target;
                s.log_pages = log_pages;
                changed.notify_all();
            }
        });
        Ok(Self {
            shared,
            thread: Some(thread),
            restart_pages: WAL_RESTART_PAGES,
        })
    }

    /// A checkpointer without a thread nor a connection, for a database written through a
    /// rollback journal: it has no log to copy.
    fn idle() -> Self {
        Self {
            shared: Arc::default(),
            thread: None,
            restart_pages: WAL_RESTART_PAGES,
        }
    }

    /// Asks for a checkpoint of what was committed, and returns at once.
    fn request(&self) -> u64 {
        let (state, changed) = &*self.shared;
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        s.requested += 1;
        changed.notify_all();
        s.requested
    }

    /// Waits for the checkpoints asked for to be done.
    #[cfg(test)]
    fn settle(&self) {
        let (state, changed) = &*self.shared;
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        while s.done < s.requested && self.thread.is_some() {
            s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// When the log holds [`WAL_RESTART_PAGES`], waits for a checkpoint of everything
    /// committed: the next transaction then writes the log from its beginning.
    fn restart_if_long(&self) {
        let (state, changed) = &*self.shared;
        let long = {
            let s = state.lock().unwrap_or_else(|e| e.into_inner());
            s.log_pages >= self.restart_pages
        };
        if !long || self.thread.as_ref().is_none_or(|t| t.is_finished()) {
            return;
        }
        let target = self.request();
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        while s.done < target {
            s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        // the log still counts its old pages until the next transaction writes it again
        s.log_pages = 0;
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (state, changed) = &*self.shared;
        state.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What decides whether a file changed, and reads it when it did (shared by the threads of
/// a batch).
struct Examiner {
    /// The `files` rows as the run started.
    known: HashMap<String, FileRow>,
    opts: Options,
    /// Whether every file is read again (the capture date changed).
    force: bool,
    extractor: Extractor,
    /// Terms and words, interned as documents are read.
    vocabulary: Mutex<Vocabulary>,
    /// One per reading thread (by rayon's thread index). Each thread locks only its own.
    caches: Vec<Mutex<ReadCache>>,
}

/// How many sentences each reading thread's caches keep: more than the distinct sentences
/// of 1,000 articles.
const CACHED_SENTENCES: usize = 1 << 15;

/// What a reading thread keeps of the sentences it met more than once: a corpus that
/// repeats sentences (wire copies, a feed saved twice) analyses each one once.
struct ReadCache {
    /// Their analyses, for extraction.
    sentences: SentenceCache,
    /// Their retrieval rows and mentions.
    rows: Repeats<KeptSentence>,
}

impl ReadCache {
    fn new() -> Self {
        Self {
            sentences: SentenceCache::new(CACHED_SENTENCES),
            rows: Repeats::new(CACHED_SENTENCES),
        }
    }
}

/// The path of the database inside the index folder `dir`.
pub(crate) fn db_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// A value of `meta`, if set.
fn meta(conn: &Connection, key: &str) -> anyhow::Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// A number kept in `meta` (0 when unset or unreadable: a fresh index).
fn meta_number<T: std::str::FromStr + Default>(conn: &Connection, key: &str) -> anyhow::Result<T> {
    Ok(meta(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or_default())
}

/// Sets a value of `meta`, touching nothing when it is already set so.
fn set_meta(conn: &Connection, key: &str, value: &str) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value != excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// `--captured` as stored in `meta` (empty when not given).
fn captured_text(captured: Option<NaiveDate>) -> String {
    captured.map(|d| d.to_string()).unwrap_or_default()
}

/// The built-in gazetteer extended by the user's names (`user`, in the format of the built-in
/// `data/gazetteer.tsv`; empty for none).
fn gazetteer_with(user: &str) -> anyhow::Result<almanac_extract::Gazetteer> {
    let mut gazetteer = almanac_extract::Gazetteer::builtin();
    if !user.is_empty() {
        gazetteer.extend(user).context("reading the gazetteer")?;
    }
    Ok(gazetteer)
}

/// Fails unless the index was written with this schema or one of the two before it
/// ([`SCHEMA_8`], [`SCHEMA_7`]), which read the same.
fn check_schema(conn: &Connection, path: &Path) -> anyhow::Result<()> {
    match meta(conn, "schema")? {
        Some(v) if [SCHEMA_VERSION, SCHEMA_8, SCHEMA_7].contains(&v.as_str()) => Ok(()),
        Some(v) => bail!(
            "{} has schema version {v}, this almanac reads version {SCHEMA_VERSION}: index again into a new folder",
            path.display()
        ),
        None => bail!("{} is not an almanac index", path.display()),
    }
}

impl Indexer {
    /// Opens (creating if needed) the index in `dir` for writing documents read with
    /// `captured` as their capture date.
    pub(crate) fn open(
        dir: &Path,
        captured: Option<NaiveDate>,
        gazetteer: Option<&str>,
    ) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = db_path(dir);
        let conn =
            Connection::open(&path).with_context(|| format!("opening {}", path.display()))?;
        // a no-op once the database exists
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // a batch touches pages all over the term and posting trees: keep them in memory
        conn.pragma_update(None, "cache_size", -WRITE_CACHE_KIB)?;
        // the log is copied into the database by the `Checkpointer`'s thread, not by commits
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        conn.execute_batch(SCHEMA)
            .and_then(|()| create_deferred_indexes(&conn))
            .with_context(|| format!("creating the tables of {}", path.display()))?;
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?1)",
            [SCHEMA_VERSION],
        )?;
        check_schema(&conn, &path)?;
        if meta(&conn, "schema")?.as_deref() == Some(SCHEMA_7) {
            // heads number their documents, as they did by rowid, and facts name theirs;
            // every partition is merged again at the end of this run, its sources citing
            // numbers (until then, the merged facts citing paths read as they are)
            conn.execute_batch(&format!(
                "BEGIN;
                 ALTER TABLE heads RENAME TO schema_7_heads;
                 {SCHEMA}
                 INSERT INTO heads
                     (doc, file, item, head, title_terms, first_sentence, sentence_count)
                     SELECT rowid, file, item, head, title_terms, first_sentence, sentence_count
                     FROM schema_7_heads;
                 DROP TABLE schema_7_heads;
                 ALTER TABLE facts ADD COLUMN doc INTEGER NOT NULL DEFAULT 0;
                 UPDATE facts SET doc = (
                     SELECT h.doc FROM heads h WHERE h.file = facts.file AND h.item = facts.item
                 );
                 ALTER TABLE merged_facts ADD COLUMN first_path TEXT;
                 ALTER TABLE merged_facts ADD COLUMN sources BLOB;
                 INSERT OR IGNORE INTO dirty_parts SELECT DISTINCT part FROM facts;
                 UPDATE meta SET value = '{SCHEMA_8}' WHERE key = 'schema';
                 COMMIT;"
            ))
            .with_context(|| format!("migrating {} to schema {SCHEMA_8}", path.display()))?;
        }
        if meta(&conn, "schema")?.as_deref() == Some(SCHEMA_8) {
            // each sentence names its document's number instead of its file, item, number
            // and document id; a sentence no head names (none should be) is dropped, as
            // no question could reach it. `CROSS JOIN` keeps `heads` the outer loop: each
            // head's sentences are a range of the inner table's key
            conn.execute_batch(&format!(
                "BEGIN;
                 ALTER TABLE sentences RENAME TO schema_8_sentences;
                 {SCHEMA}
                 INSERT INTO sentences (id, doc, terms, len, text, data)
                     SELECT s.id, h.doc, s.terms, s.len, s.text, s.data
                     FROM heads h CROSS JOIN schema_8_sentences s
                         ON s.id >= h.first_sentence AND s.id < h.first_sentence + h.sentence_count;
                 DROP TABLE schema_8_sentences;
                 UPDATE meta SET value = '{SCHEMA_VERSION}' WHERE key = 'schema';
                 COMMIT;"
            ))
            .with_context(|| format!("migrating {} to schema {SCHEMA_VERSION}", path.display()))?;
        }
        let known = {
            let mut stmt = conn.prepare(
                "SELECT path, size, mtime_ns, hash, sidecar_size, sidecar_mtime_ns FROM files",
            )?;
            stmt.query_map([], |r| {
                let sidecar = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
                    (Some(size), Some(mtime)) => Some((size, mtime)),
                    _ => None,
                };
                Ok((
                    r.get::<_, String>(0)?,
                    FileRow {
                        size: r.get(1)?,
                        mtime_ns: r.get(2)?,
                        hash: r.get(3)?,
                        sidecar,
                    },
                ))
            })?
            .collect::<Result<HashMap<_, _>, _>>()?
        };
        let wanted = captured_text(captured);
        let user_names = gazetteer.unwrap_or_default().to_owned();
        let extractor = Extractor::with_gazetteer(gazetteer_with(&user_names)?);
        let force = if known.is_empty() {
            // nothing indexed yet: the capture date and names are this run's from the start
            set_meta(&conn, "captured", &wanted)?;
            set_meta(&conn, "gazetteer", &user_names)?;
            false
        } else {
            meta(&conn, "captured")?.as_deref() != Some(wanted.as_str())
                || meta(&conn, "gazetteer")?.unwrap_or_default() != user_names
        };
        let vocabulary = Mutex::new(Vocabulary::read(&conn)?);
        let checkpointer = Checkpointer::start(&path)?;
        Ok(Self {
            conn,
            path,
            checkpointer,
            examiner: Arc::new(Examiner {
                vocabulary,
                caches: (0..rayon::current_num_threads().max(1))
                    .map(|_| Mutex::new(ReadCache::new()))
                    .collect(),
                known,
                opts: Options {
                    captured,
                    format: None,
                },
                force,
                extractor,
            }),
            user_names,
            summary: Summary::default(),
            transactions: 0,
            defer_indexes: false,
            written: HashSet::new(),
            in_place: false,
        })
    }

    /// Writes the files of a large run in place, through a rollback journal (SQLite's
    /// `PERSIST` mode), instead of the write-ahead log; returns whether it does. In the log,
    /// every page is written twice, in the log and then in the database by the
    /// [`Checkpointer`]; a rollback journal keeps only the pages a transaction changes that
    /// were already in the database, while a large run mostly adds new ones. Indexing
    /// 100,000 documents took 33.4-40.1 s against 37.5-57.5 s through the log (9 alternated
    /// pairs), 5.2-8.2 s of it in the kernel against 7.4-17.1 s, and none checkpointing
    /// (7% of the CPU time before). A commit syncs the database (`synchronous = FULL`,
    /// which keeps it whole through a power cut): syncing less (`NORMAL`) measured the same.
    ///
    /// Readers still open the index meanwhile (each waits for a commit to end, not for the
    /// run), and an interrupted run leaves a journal that the next connection to open the
    /// index rolls back. Another connection using the log (a REPL open on the index) keeps
    /// it in the log: the run then writes through it, as a small run does.
    fn write_in_place(&mut self) -> anyhow::Result<bool> {
        // the checkpointer's connection uses the log, and would keep the database in it
        self.checkpointer = Checkpointer::idle();
        // another connection makes the change fail at once instead of waiting for it
        self.conn.busy_timeout(Duration::ZERO)?;
        let mode = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "PERSIST", |r| r.get::<_, String>(0));
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.in_place = matches!(mode.as_deref(), Ok("persist"));
        if self.in_place {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        } else {
            self.checkpointer = Checkpointer::start(&self.path)?;
        }
        Ok(self.in_place)
    }

    /// Turns the write-ahead log on again after a run [in place](Self::write_in_place), with
    /// a checkpointer, so that finishing reads on another connection while it writes.
    fn back_to_the_log(&mut self) -> anyhow::Result<()> {
        if !self.in_place {
            return Ok(());
        }
        let mode = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .with_context(|| {
                format!(
                    "turning the write-ahead log of {} on again (the files are written; the next run finishes the index)",
                    self.path.display()
                )
            })?;
        if mode != "wal" {
            bail!(
                "{} stayed in journal mode {mode} (the files are written; the next run finishes the index)",
                self.path.display()
            );
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.in_place = false;
        self.checkpointer = Checkpointer::start(&self.path)?;
        Ok(())
    }

    /// Reads, parses and extracts `files` in parallel, and writes what changed in one
    /// transaction. Returns the number of documents read.
    #[cfg(test)]
    pub(crate) fn write_batch(&mut self, files: &[Found]) -> anyhow::Result<usize> {
        let examiner = &self.examiner;
        let outcomes = files
            .par_iter()
            .map(|f| {
                if examiner.unchanged(f) {
                    Outcome::Unchanged
                } else {
                    examiner.read(f)
                }
            })
            .collect();
        self.write_transaction(&mut std::iter::once((files, outcomes)), &mut |_, _| {})
    }

    /// Writes chunks of examined files (each with its outcomes, in the same order) in one
    /// transaction, as they come: it commits once [`TRANSACTION_FILES`] files were read (not
    /// unchanged) or `chunks` ends. `written` is told the files and documents of each chunk.
    /// Returns the number of documents read.
    fn write_transaction(
        &mut self,
        chunks: &mut dyn Iterator<Item = (&[Found], Vec<Outcome>)>,
        written: &mut dyn FnMut(usize, usize),
    ) -> anyhow::Result<usize> {
        self.checkpointer.restart_if_long();
        let tx = self.conn.transaction()?;
        // a run of one transaction (a few files changed) writes as it always did; a large
        // run stages from its first, so that finishing appends to an empty `postings`
        let staged = self.transactions > 0 || self.defer_indexes;
        if self.transactions == 0 && self.defer_indexes {
            drop_deferred_indexes(&tx)?;
        }
        let mut documents = 0;
        let mut read = 0;
        let mut batch = Retrieval::default();
        while read < TRANSACTION_FILES {
            let Some((files, outcomes)) = chunks.next() else {
                break;
            };
            let before = documents;
            for (found, outcome) in files.iter().zip(outcomes) {
                let file = found.path.display().to_string();
                match outcome {
                    Outcome::Unchanged => self.summary.unchanged += 1,
                    Outcome::Rehashed(row) => {
                        self.summary.unchanged += 1;
                        self.summary.rehashed += 1;
                        read += 1;
                        upsert_file(&tx, &file, &row)?;
                    }
                    Outcome::Read {
                        row,
                        known,
                        documents: docs,
                        diagnostics,
                    } => {
                        read += 1;
                        if known {
                            self.summary.changed += 1;
                        } else {
                            self.summary.added += 1;
                        }
                        if docs.is_empty() {
                            self.summary.failed += 1;
                            self.summary.problems.extend(diagnostics.iter().cloned());
                        }
                        documents += docs.len();
                        // a file neither indexed before nor written since has no rows to delete
                        // (looking for them in a fresh index took 6% of the writer's time)
                        if known || self.written.contains(&file) {
                            delete_file(&tx, &file, &mut batch)?;
                        }
                        insert_file(&tx, &file, &docs, &diagnostics, &mut batch)
                            .with_context(|| format!("writing {file} to the index"))?;
                        upsert_file(&tx, &file, &row)?;
                        if !known {
                            self.written.insert(file);
                        }
                    }
                }
            }
            written(files.len(), documents - before);
        }
        write_retrieval(&tx, batch, staged)?;
        tx.commit().context("committing a batch to the index")?;
        self.transactions += 1;
        self.checkpointer.request();
        self.summary.documents += documents;
        Ok(documents)
    }

    /// Removes the files indexed under `roots` (the paths walked) that were not found there
    /// any more, moves the staged postings, builds the deferred indexes, merges the dirty
    /// partitions and records what the walk met and the capture date (in four transactions),
    /// and returns what the run did. Files indexed from other paths stay.
    pub(crate) fn finish(mut self, roots: &[PathBuf], walked: &Walked) -> anyhow::Result<Summary> {
        let found: HashSet<String> = walked
            .files
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        let tx = self.conn.transaction()?;
        let gone = self.examiner.known.keys().filter(|k| {
            !found.contains(*k) && roots.iter().any(|root| Path::new(k).starts_with(root))
        });
        let mut batch = Retrieval::default();
        for file in gone {
            delete_file(&tx, file, &mut batch)?;
            tx.execute("DELETE FROM files WHERE path = ?1", [file])?;
            self.summary.removed += 1;
        }
        // an unchanged walk touches nothing
        if walk_diagnostics(&tx)? != walked.diagnostics {
            tx.execute("DELETE FROM diagnostics WHERE file IS NULL", [])?;
            for d in &walked.diagnostics {
                insert_diagnostic(&tx, None, None, d)?;
            }
        }
        write_retrieval(&tx, batch, false)?;
        tx.commit().context("committing the index")?;
        self.back_to_the_log()?;
        self.checkpointer.request();
        // The staged postings are moved and the indexes built, then the merged facts written,
        // in transactions of their own: the checkpointer copies each into the database while
        // the next is made (in one transaction, copying it took 1.5 s after the last commit
        // at 100,000 documents). A run interrupted between them leaves what the next
        // finishes: it moves the rows still staged, creates missing indexes when it opens
        // the index and merges the partitions still dirty when it ends. The facts, which
        // these do not change, are merged on another connection in the meantime, and the
        // heads encoded for `head_chunks` (moving and building the indexes is SQLite's work
        // on one core: at 100,000 documents, 1.9 s, then merging took 1.8 s).
        let path = &self.path;
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (send, receive) = std::sync::mpsc::sync_channel::<MergedRound>(1);
            let side = scope.spawn(move || -> anyhow::Result<HeadChunks> {
                let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .with_context(|| format!("opening {}", path.display()))?;
                merge_dirty_rounds(&conn, MERGE_ROUND_ROWS, |round| {
                    send.send(round)
                        .map_err(|_| anyhow::anyhow!("the index's writer stopped"))
                })?;
                drop(send);
                encode_head_chunks(&conn)
            });
            let tx = self.conn.transaction()?;
            move_staged_postings(&tx)?;
            tx.commit().context("committing the index")?;
            self.checkpointer.request();
            let tx = self.conn.transaction()?;
            create_deferred_indexes(&tx)?;
            tx.commit().context("committing the index")?;
            self.checkpointer.request();
            let tx = self.conn.transaction()?;
            // the rounds until the merge ends (or fails: its error comes with the join)
            for round in receive.iter() {
                write_merged(&tx, round)?;
            }
            let chunks = join(side)?;
            // a run that changed nothing touches nothing: a pass goes on with the next change
            let s = &self.summary;
            if s.added + s.changed + s.removed > 0 {
                compact_if_stale(&tx, COMPACT_MIN_BYTES)?;
            }
            set_meta(&tx, "captured", &captured_text(self.examiner.opts.captured))?;
            set_meta(&tx, "gazetteer", &self.user_names)?;
            write_head_chunks(&tx, chunks)?;
            tx.commit().context("committing the index")?;
            Ok(())
        })?;
        let mut summary = self.summary;
        let mut problems = walked.diagnostics.clone();
        problems.append(&mut summary.problems);
        summary.problems = problems;
        Ok(summary)
    }
}

impl Examiner {
    /// Whether `found` is indexed with its size and times (and its sidecar's) as they are:
    /// then it is not read.
    fn unchanged(&self, found: &Found) -> bool {
        let Some(k) = self.known.get(&found.path.display().to_string()) else {
            return false;
        };
        !self.force
            && k.hash.is_some()
            && stat(&found.path) == Some((k.size, k.mtime_ns))
            && k.sidecar == stat_sidecar(&found.path)
    }

    /// Reads `found`, which is not [unchanged](Self::unchanged): only its `files` row is
    /// rewritten when its content hash is the one indexed.
    fn read(&self, found: &Found) -> Outcome {
        let file = found.path.display().to_string();
        let known = self.known.get(&file);
        let stat = stat(&found.path);
        let sidecar = stat_sidecar(&found.path);
        let bytes = std::fs::read(&found.path);
        let sidecar_bytes = corpus::read_sidecar_bytes(&found.path);
        let hash = content_hash(&bytes, sidecar_bytes.as_ref());
        let (size, mtime_ns) = stat.unwrap_or_default();
        let row = FileRow {
            size,
            mtime_ns,
            hash,
            sidecar,
        };
        if !self.force && row.hash.is_some() && known.is_some_and(|k| k.hash == row.hash) {
            return Outcome::Rehashed(row);
        }
        let parsed = corpus::parse_file(found, bytes, sidecar_bytes, &self.opts);
        let slot = rayon::current_thread_index().unwrap_or(0) % self.caches.len();
        // a poisoned lock only means a thread panicked while holding it: the cache is whole
        let mut cache = self.caches[slot].lock().unwrap_or_else(|e| e.into_inner());
        let documents = parsed
            .documents
            .into_iter()
            .map(|doc| Analyzed::new(doc, &self.extractor, &mut cache, &self.vocabulary))
            .collect();
        Outcome::Read {
            row,
            known: known.is_some(),
            documents,
            diagnostics: parsed.diagnostics,
        }
    }
}

/// Size and modification time (nanoseconds since 1970) of `path`, following links.
fn stat(path: &Path) -> Option<(i64, i64)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some((i64::try_from(meta.len()).unwrap_or(i64::MAX), mtime))
}

/// [`stat`] of the sidecar of `file`, when there is one.
fn stat_sidecar(file: &Path) -> Option<(i64, i64)> {
    stat(&corpus::sidecar_path(file))
}

/// SHA-256 (hex) of a file's bytes and its sidecar's; `None` when either cannot be read.
fn content_hash(
    bytes: &std::io::Result<Vec<u8>>,
    sidecar: Option<&std::io::Result<Vec<u8>>>,
) -> Option<String> {
    let mut hasher = Sha256::new();
    hasher.update(bytes.as_ref().ok()?);
    if let Some(sidecar) = sidecar {
        hasher.update(b"\0sidecar\0");
        hasher.update(sidecar.as_ref().ok()?);
    }
    // one string, not one per byte
    Some(format!("{:x}", hasher.finalize()))
}

/// JSON text of a value (model types always serialize).
fn json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// Deletes every row a file gave (not its `files` row). Its sentences' postings stay in
/// their blobs: each document's range of ids goes to `dead`, and the counts BM25 needs are
/// lowered in `batch`.
fn delete_file(tx: &Transaction<'_>, file: &str, batch: &mut Retrieval) -> anyhow::Result<()> {
    batch.heads_changed = true;
    // a document's sentences are the id range its head names
    let ranges: Vec<(i64, i64)> = tx
        .prepare_cached("SELECT first_sentence, sentence_count FROM heads WHERE file = ?1")?
        .query_map([file], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    {
        let mut stmt =
            tx.prepare_cached("SELECT terms, len FROM sentences WHERE id >= ?1 AND id < ?2")?;
        let mut dead = tx.prepare_cached(
            "INSERT OR IGNORE INTO dead (first_sentence, count, pass) VALUES (?1, ?2, ?3)",
        )?;
        // a compaction pass that began before removes only the ids that were stale then
        let pass = meta_number::<i64>(tx, "compact_pass")?;
        for &(first, count) in &ranges {
            if count > 0 {
                dead.execute([first, count, pass])?;
            }
            let mut rows = stmt.query([first, first + count])?;
            while let Some(row) = rows.next()? {
                let terms: Vec<u8> = row.get(0)?;
                let len: i64 = row.get(1)?;
                for t in decode_ids(&terms) {
                    batch.counts.entry(t).or_default().0 -= 1;
                }
                batch.sentences -= 1;
                batch.total_len -= len;
            }
        }
        batch.replaced_gone();
        let mut stmt =
            tx.prepare_cached("SELECT item, n, part, data FROM facts WHERE file = ?1")?;
        let mut rows = stmt.query([file])?;
        while let Some(row) = rows.next()? {
            batch
                .replaced
                .insert((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?));
        }
        let mut stmt =
            tx.prepare_cached("SELECT title_terms, item, doc FROM heads WHERE file = ?1")?;
        let mut rows = stmt.query([file])?;
        let (replaced_file, docs) = &mut batch.replaced_docs;
        replaced_file.clear();
        replaced_file.push_str(file);
        docs.clear();
        while let Some(row) = rows.next()? {
            let terms: Vec<u8> = row.get(0)?;
            for t in decode_ids(&terms) {
                batch.counts.entry(t).or_default().1 -= 1;
            }
            docs.insert(row.get(1)?, row.get(2)?);
        }
    }
    let mut delete = tx.prepare_cached("DELETE FROM sentences WHERE id >= ?1 AND id < ?2")?;
    for (first, count) in ranges {
        delete.execute([first, first + count])?;
    }
    for table in ["documents", "heads", "diagnostics", "facts"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE file = ?1"))?
            .execute([file])?;
    }
    Ok(())
}

/// Writes what a batch changed in the retrieval tables: the new terms and words, one
/// postings blob per term for the sentences inserted (into `staged_postings` when `staged`,
/// see [`move_staged_postings`]), the terms' counts and the corpus's.
fn write_retrieval(tx: &Transaction<'_>, mut batch: Retrieval, staged: bool) -> anyhow::Result<()> {
    batch.replaced_gone();
    if batch.heads_changed {
        let version = meta_number::<i64>(tx, "heads_version")?;
        set_meta(tx, "heads_version", &(version + 1).to_string())?;
    }
    let mut term =
        tx.prepare_cached("INSERT INTO terms (id, stem, sentences, titles) VALUES (?1, ?2, 0, 0)")?;
    for (id, stem) in &batch.new_terms {
        term.execute(params![id, stem])?;
    }
    let mut dirty = tx.prepare_cached("INSERT OR IGNORE INTO dirty_parts (part) VALUES (?1)")?;
    for part in &batch.dirty {
        dirty.execute([part])?;
    }
    let mut word = tx.prepare_cached("INSERT OR IGNORE INTO words (word, len) VALUES (?1, ?2)")?;
    for w in &batch.new_words {
        word.execute(params![w, w.chars().count() as i64])?;
    }
    let postings = group_by_term(batch.postings);
    let lists = || postings.chunk_by(|a, b| a.0 == b.0);
    let mut counts = batch.counts;
    for run in lists() {
        counts.entry(run[0].0).or_default().0 += run.len() as i64;
    }
    let mut update = tx.prepare_cached(
        "UPDATE terms SET sentences = sentences + ?2, titles = titles + ?3 WHERE id = ?1",
    )?;
    let mut changes: Vec<(&u32, &(i64, i64))> = counts.iter().collect();
    changes.sort_unstable();
    for (id, (sentences, titles)) in changes {
        if (*sentences, *titles) != (0, 0) {
            update.execute(params![id, sentences, titles])?;
        }
    }
    if !postings.is_empty() {
        let segment = meta_number::<i64>(tx, "segments")?;
        let mut insert = tx.prepare_cached(if staged {
            "INSERT INTO staged_postings (term, segment, data) VALUES (?1, ?2, ?3)"
        } else {
            "INSERT INTO postings (term, segment, data) VALUES (?1, ?2, ?3)"
        })?;
        for run in lists() {
            insert.execute(params![
                run[0].0,
                segment,
                encode_postings(run.iter().map(|p| &p.1))
            ])?;
        }
        // the sentences inserted bound the segment
        let sentences = || postings.iter().map(|p| p.1.sentence);
        let (first, last) = (
            sentences().min().unwrap_or_default(),
            sentences().max().unwrap_or_default(),
        );
        tx.execute(
            "INSERT INTO segments (segment, first_sentence, last_sentence) VALUES (?1, ?2, ?3)",
            params![segment, first, last],
        )?;
        set_meta(tx, "segments", &(segment + 1).to_string())?;
    }
    if let Some(next) = batch.next_sentence {
        set_meta(tx, "next_sentence", &next.to_string())?;
    }
    if batch.sentences != 0 || batch.total_len != 0 {
        let sentences = meta_number::<i64>(tx, "sentences")? + batch.sentences;
        let total_len = meta_number::<i64>(tx, "total_len")? + batch.total_len;
        set_meta(tx, "sentences", &sentences.to_string())?;
        set_meta(tx, "total_len", &total_len.to_string())?;
    }
    Ok(())
}

/// `postings` ordered by term, then by sentence.
///
/// They come in the order of their sentences, whose ids only grow within a batch, so a
/// counting sort on the term ids (dense: `0..` the number of terms) keeps each term's in that
/// order. At 100,000 documents, sorting them by comparison took 1.2% of the run.
fn group_by_term(mut postings: Vec<(u32, Posting)>) -> Vec<(u32, Posting)> {
    let in_sentence_order = postings
        .windows(2)
        .all(|w| w[0].1.sentence <= w[1].1.sentence);
    let top = postings.iter().map(|p| p.0 as usize).max().unwrap_or(0);
    if !in_sentence_order || top > postings.len().saturating_mul(4).max(1 << 20) {
        // a term occurs once in a posting list per sentence: the key is unique
        postings.sort_unstable_by_key(|p| (u64::from(p.0) << 32) | u64::from(p.1.sentence));
        return postings;
    }
    // where each term's postings start, then the next free slot of each
    let mut next = vec![0usize; top + 2];
    for p in &postings {
        next[p.0 as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut out = postings.clone();
    for p in postings {
        let slot = &mut next[p.0 as usize];
        out[*slot] = p;
        *slot += 1;
    }
    out
}

/// Moves the rows of `staged_postings` into `postings`, in the order of its key (term, then
/// segment): each of its pages is written once.
///
/// A run writes its posting segments there from its second transaction on, and a large run
/// (`Indexer::defer_indexes`) from its first. `postings` is keyed by term first, so the rows
/// of a new segment land all over it: at 100,000 documents, each of 35 transactions rewrote
/// most of its pages, and the run wrote 6.2 GB for a database of 1.7 GB. Staged rows are
/// keyed by segment first, so they are appended. Into an empty `postings`, moving them took
/// 0.79-0.81 s at 100,000 documents, against 1.19-1.27 s when the first segment was already
/// there. Rows an interrupted run left are moved by the next; until then questions read them
/// from there too ([`DiskStore`]).
fn move_staged_postings(tx: &Transaction<'_>) -> anyhow::Result<()> {
    tx.execute_batch(
        "INSERT INTO postings (term, segment, data)
             SELECT term, segment, data FROM staged_postings ORDER BY term, segment;
         DELETE FROM staged_postings;",
    )?;
    Ok(())
}

/// Once stale sentences outnumber this share of the live ones (1/4), a compaction pass
/// begins: the posting blobs are rewritten without them.
const STALE_SHARE: i64 = 4;

/// A compaction pass is spread over this many runs: each rewrites the blobs of the next
/// terms, about this share of all posting bytes. Rewriting every blob in one run took
/// 1.6 s of a 1% re-index of 100,000 documents (5.1 s against 3.3-4.6 s for the others).
const COMPACT_RUNS: i64 = 8;

/// A run of a compaction pass reads at least this many bytes of posting blobs, so that a
/// small index compacts in one run.
const COMPACT_MIN_BYTES: i64 = 8 << 20;

/// Compacts the posting blobs in passes: once the stale sentences of `dead` pass
/// [`STALE_SHARE`] of the live ones, a pass begins, and this run and the next rewrite the
/// blobs of about 1/[`COMPACT_RUNS`] of the posting bytes each, in term order, without the
/// stale sentences, until every blob is rewritten; then the ids that were stale when the pass
/// began leave `dead`. A re-indexed corpus then reads no more postings than a fresh one, and
/// no run pays for the whole rewrite. Ids that go stale during a pass are tagged with the
/// next pass (`dead.pass`, `meta.compact_pass`): they may remain in blobs already rewritten.
/// Counts were lowered when the sentences went stale; segment spans stay valid (a blob only
/// loses ids). A run reads at least `min_bytes` of blobs ([`COMPACT_MIN_BYTES`]).
fn compact_if_stale(tx: &Transaction<'_>, min_bytes: i64) -> anyhow::Result<()> {
    let cursor: Option<i64> = meta(tx, "compact_cursor")?.and_then(|v| v.parse().ok());
    let budget = match cursor {
        Some(_) => meta_number::<i64>(tx, "compact_budget")?.max(min_bytes),
        None => {
            let stale: i64 =
                tx.query_row("SELECT coalesce(sum(count), 0) FROM dead", [], |r| r.get(0))?;
            let live = meta_number::<i64>(tx, "sentences")?;
            if stale == 0 || stale * STALE_SHARE <= live {
                return Ok(());
            }
            // ids that go stale from now on belong to the next pass
            let pass = meta_number::<i64>(tx, "compact_pass")? + 1;
            set_meta(tx, "compact_pass", &pass.to_string())?;
            let total: i64 = tx.query_row(
                "SELECT coalesce(sum(length(data)), 0) FROM postings",
                [],
                |r| r.get(0),
            )?;
            let budget = (total / COMPACT_RUNS).max(min_bytes);
            set_meta(tx, "compact_budget", &budget.to_string())?;
            budget
        }
    };
    match compact_terms(tx, cursor.unwrap_or(0), budget)? {
        Some(next) => set_meta(tx, "compact_cursor", &next.to_string())?,
        None => {
            // every blob was rewritten since the pass began, without the ids stale then
            let pass = meta_number::<i64>(tx, "compact_pass")?;
            tx.execute("DELETE FROM dead WHERE pass < ?1", [pass])?;
            tx.execute(
                "DELETE FROM meta WHERE key IN ('compact_cursor', 'compact_budget')",
                [],
            )?;
        }
    }
    Ok(())
}

/// Rewrites the posting blobs of the terms from `from` on without the sentences of `dead`,
/// term by term, until about `budget` bytes of blobs were read; returns the term to go on
/// from, or `None` once the last term is done.
///
/// Only the blobs of segments whose id span holds a stale id are decoded, each tested
/// against the stale ids as bits. Decoding every blob, each tested in a hash set, took
/// 1.6 s of a 1% re-index of 100,000 documents; this took 0.36 s, with the same rows.
fn compact_terms(tx: &Transaction<'_>, from: i64, budget: i64) -> anyhow::Result<Option<i64>> {
    let dead: Vec<u32> = dead_ids(tx)?;
    // every posting read is tested against them: as bits
    let dead_set: SentenceSet = dead.iter().copied().collect();
    // the segments whose id span holds a stale id: the blobs of the others are not decoded
    let spans: Vec<(i64, u32, u32)> = tx
        .prepare("SELECT segment, first_sentence, last_sentence FROM segments")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let stale_segments: FxHashSet<i64> = spans
        .into_iter()
        .filter(|&(_, first, last)| {
            let at = dead.partition_point(|&id| id < first);
            dead.get(at).is_some_and(|&id| id <= last)
        })
        .map(|(segment, _, _)| segment)
        .collect();
    // the rewritten blobs, gathered first: rows are not updated under a running query
    let mut rewritten: Vec<(i64, i64, Vec<u8>)> = Vec::new();
    let mut next = None;
    {
        let mut stmt = tx.prepare(
            "SELECT term, segment, data FROM postings WHERE term >= ?1 ORDER BY term, segment",
        )?;
        let mut rows = stmt.query([from])?;
        let mut read = 0i64;
        let mut last_term = None;
        while let Some(row) = rows.next()? {
            let term: i64 = row.get(0)?;
            // a run ends between terms, so that a term's blobs are rewritten together
            if read >= budget && last_term != Some(term) {
                next = Some(term);
                break;
            }
            last_term = Some(term);
            let segment: i64 = row.get(1)?;
            let blob = row.get_ref(2)?.as_blob()?;
            read += i64::try_from(blob.len()).unwrap_or(i64::MAX);
            if !stale_segments.contains(&segment) {
                continue;
            }
            // most blobs hold no stale id: they are read once, and nothing is kept
            let mut dropped = false;
            decode_postings(blob, &mut |p| dropped |= dead_set.contains(p.sentence));
            if dropped {
                let mut kept = Vec::new();
                decode_postings(blob, &mut |p| {
                    if !dead_set.contains(p.sentence) {
                        kept.push(p);
                    }
                });
                rewritten.push((term, segment, encode_postings(kept.iter())));
            }
        }
    }
    let mut update =
        tx.prepare("UPDATE postings SET data = ?3 WHERE term = ?1 AND segment = ?2")?;
    let mut delete = tx.prepare("DELETE FROM postings WHERE term = ?1 AND segment = ?2")?;
    for (term, segment, blob) in rewritten {
        if blob.is_empty() {
            delete.execute(params![term, segment])?;
        } else {
            update.execute(params![term, segment, blob])?;
        }
    }
    Ok(next)
}

/// The ids of `dead`, ascending.
fn dead_ids(conn: &Connection) -> anyhow::Result<Vec<u32>> {
    let query = "SELECT first_sentence, count FROM dead ORDER BY first_sentence";
    let mut ids = Vec::new();
    let mut stmt = conn.prepare(query)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (first, count): (u32, u32) = (row.get(0)?, row.get(1)?);
        ids.extend(first..first.saturating_add(count));
    }
    Ok(ids)
}

/// The merge partition of a fact as stored: [`almanac_extract::merge_partition`], or the
/// fact's own id for a fact that is never merged.
fn partition(fact: &Fact) -> String {
    almanac_extract::merge_partition(fact).unwrap_or_else(|| format!("solo\u{1f}{}", fact.id))
}

/// Merges again the facts of every partition whose facts changed (`dirty_parts`, written
/// with the batches that changed them, so an interrupted run's are merged by the next) and
/// replaces their rows of `merged_facts`, in rounds of partitions holding `round_rows`
/// facts, on the connection of `tx` alone. Facts of different partitions never merge, so
/// the rows of the others stay as they are: what answering reads equals merging everything.
/// ([`Indexer::finish`] merges on a connection of its own, [`merge_dirty_rounds`], and
/// writes with [`write_merged`].)
#[cfg(test)]
fn merge_dirty_in_rounds(tx: &Transaction<'_>, round_rows: usize) -> anyhow::Result<()> {
    merge_dirty_rounds(tx, round_rows, |round| write_merged(tx, round))
}

/// The partitions merged again in a round of [`merge_dirty_rounds`], each with its merged
/// facts.
type MergedRound = Vec<(String, Vec<Merged>)>;

/// Merges the facts of the dirty partitions of the index `conn`, which it only reads, in
/// rounds of partitions holding `round_rows` facts, and hands each round to `done`
/// ([`write_merged`] writes it).
///
/// Finishing a run reads them on a connection of its own, while its own moves the staged
/// postings and builds the indexes ([`Indexer::finish`]).
fn merge_dirty_rounds(
    conn: &Connection,
    round_rows: usize,
    mut done: impl FnMut(MergedRound) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let parts: Vec<String> = conn
        .prepare("SELECT part FROM dirty_parts")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if parts.is_empty() {
        return Ok(());
    }
    let rowids = partition_rows(conn, &parts)?;
    let mut scan = conn.prepare_cached("SELECT rowid, doc, data FROM facts WHERE rowid >= ?1")?;
    // A round is a run of partitions holding `round_rows` rows (or one bigger partition).
    // Its rows are all over the table, so reading a round walks most of it: fewer, bigger
    // rounds walk it fewer times.
    let mut rounds: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut held = 0;
    for (i, ids) in rowids.iter().enumerate() {
        held += ids.len();
        if held >= round_rows.max(1) {
            rounds.push(start..i + 1);
            (start, held) = (i + 1, 0);
        }
    }
    if start < parts.len() {
        rounds.push(start..parts.len());
    }
    // The facts of a round of partitions, each partition's in row order (as reading them by
    // `part` gives them). They are read in the order they are stored, not partition by
    // partition, which would be a random read each. The table is walked from a row wanted to
    // the next while they are near ([`SCAN_GAP`]): a step costs less than a lookup.
    let mut read_round = |round: &Range<usize>| -> anyhow::Result<Vec<Vec<(i64, String)>>> {
        let mut wanted: Vec<(i64, usize)> = rowids[round.clone()]
            .iter()
            .enumerate()
            .flat_map(|(k, ids)| ids.iter().map(move |&id| (id, k)))
            .collect();
        wanted.sort_unstable();
        let mut texts: Vec<Vec<(i64, String)>> = vec![Vec::new(); round.len()];
        let mut next = wanted.iter().peekable();
        while let Some(&&(first, _)) = next.peek() {
            let mut rows = scan.query([first])?;
            while let Some(&&(rowid, k)) = next.peek() {
                let Some(row) = rows.next()? else {
                    anyhow::bail!("fact row {rowid} is missing from the index");
                };
                let at: i64 = row.get(0)?;
                if at < rowid {
                    continue;
                }
                if at > rowid {
                    anyhow::bail!("fact row {rowid} is missing from the index");
                }
                texts[k].push((row.get(1)?, row.get(2)?));
                next.next();
                if next.peek().is_some_and(|n| n.0 - at > SCAN_GAP) {
                    break;
                }
            }
        }
        Ok(texts)
    };
    let mut hand_over = |round: &Range<usize>, merged: Vec<Vec<Merged>>| {
        done(parts[round.clone()].iter().cloned().zip(merged).collect())
    };
    // this thread reads a round while others merge the last
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut merging = None;
        for round in &rounds {
            let texts = read_round(round)?;
            if let Some((last, merged)) = merging.take() {
                hand_over(last, join(merged)?)?;
            }
            merging = Some((round, scope.spawn(move || merge_round(texts))));
        }
        if let Some((last, merged)) = merging {
            hand_over(last, join(merged)?)?;
        }
        Ok(())
    })
}

/// The rows of `facts` of each of `parts`, in row order: looked up in the `facts_part`
/// index, or, while a large run has it dropped ([`DEFERRED_INDEXES`]), found in one pass
/// over the table.
fn partition_rows(conn: &Connection, parts: &[String]) -> anyhow::Result<Vec<Vec<i64>>> {
    let indexed: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'index' AND name = 'facts_part'",
        [],
        |r| r.get(0),
    )?;
    if indexed {
        let mut rows = conn.prepare_cached("SELECT rowid FROM facts WHERE part = ?1")?;
        return parts
            .iter()
            .map(|part| {
                Ok(rows
                    .query_map([part], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            })
            .collect();
    }
    let position: FxHashMap<&str, usize> = parts
        .iter()
        .enumerate()
        .map(|(k, part)| (part.as_str(), k))
        .collect();
    let mut rowids: Vec<Vec<i64>> = vec![Vec::new(); parts.len()];
    let mut stmt = conn.prepare("SELECT rowid, part FROM facts")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(&k) = position.get(row.get_ref(1)?.as_str()?) {
            rowids[k].push(row.get(0)?);
        }
    }
    Ok(rowids)
}

/// Writes a round of [`merge_dirty_rounds`]: each partition's merged facts replace those it
/// had, and it is no longer dirty.
fn write_merged(tx: &Transaction<'_>, round: MergedRound) -> anyhow::Result<()> {
    let mut delete = tx.prepare_cached("DELETE FROM merged_facts WHERE part = ?1")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO merged_facts (part, data, first_path, sources) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut clean = tx.prepare_cached("DELETE FROM dirty_parts WHERE part = ?1")?;
    for (part, facts) in round {
        delete.execute([&part])?;
        for f in facts {
            insert.execute(params![part, f.stored.data, f.first_path, f.stored.sources])?;
        }
        clean.execute([&part])?;
    }
    Ok(())
}

/// The result of a scoped thread, its panic passed on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A merged fact as stored in `merged_facts`.
struct Merged {
    /// `data` and `sources`: [`stored_fact::encode`].
    stored: stored_fact::Encoded,
    /// `first_path`: the path of its first source's document, which orders the merged facts
    /// ([`almanac_extract::sort_merged`]) before their sources are completed.
    first_path: Option<String>,
}

/// Merges each partition's facts as stored in `facts.data`, each with its document's number
/// (`facts.doc`), in parallel, and returns the merged facts as stored in `merged_facts`.
fn merge_round(texts: Vec<Vec<(i64, String)>>) -> anyhow::Result<Vec<Vec<Merged>>> {
    texts
        .into_par_iter()
        .map(|texts| {
            // a document's facts cite that document only
            let mut numbers: FxHashMap<Arc<str>, i64> = FxHashMap::default();
            let facts = texts
                .iter()
                .map(|(doc, text)| {
                    let fact = stored_fact::decode_whole(text)?;
                    for s in &fact.sources {
                        numbers.entry(Arc::clone(&s.doc_path)).or_insert(*doc);
                    }
                    Ok(fact)
                })
                .collect::<anyhow::Result<Vec<Fact>>>()?;
            almanac_extract::merge(facts)
                .iter()
                .map(|f| {
                    Ok(Merged {
                        stored: stored_fact::encode(f, |path| numbers.get(path).copied())?,
                        first_path: f.sources.first().map(|s| s.doc_path.to_string()),
                    })
                })
                .collect()
        })
        .collect()
}

/// Rows of `facts` stepped over, at most, to reach the next row a merge round wants, rather
/// than looking it up: a lookup costs several steps.
const SCAN_GAP: i64 = 32;

/// Facts merged again per round: a round is read while the last is merged. Reading a round
/// walks most of the `facts` table, so fewer rounds cost less; a round's texts are held, so
/// bigger ones cost memory. Re-indexing 100,000 documents with 1% changed (1,684 partitions
/// dirty, 207k facts): rounds of 30,000 took 5.7-7.2 s, peak 250 MB; 65,536 took 4.6-4.9 s,
/// 280-286 MB; 131,072 took 4.2-4.7 s, 321-325 MB.
const MERGE_ROUND_ROWS: usize = 131_072;

/// The merged facts of the index `conn`, in the order [`almanac_extract::merge`] gives them;
/// `docs` are the metadata of its documents, which complete the facts' sources.
fn read_merged(conn: &Connection, docs: &Heads) -> anyhow::Result<Vec<Fact>> {
    resolve_merged(read_stored_facts(conn)?, docs)
}

/// The merged facts of the index `conn` as stored, their sources not completed.
fn read_stored_facts(conn: &Connection) -> anyhow::Result<Vec<stored_fact::Parsed>> {
    let rows = row_count(conn, "merged_facts")?;
    // schema 7 has neither `first_path` nor `sources`: its facts cite paths in their text
    let mut stmt = if meta(conn, "schema")?.as_deref() == Some(SCHEMA_7) {
        conn.prepare("SELECT data, NULL, NULL FROM merged_facts")?
    } else {
        conn.prepare("SELECT data, first_path, sources FROM merged_facts")?
    };
    // a round: its texts and sources, and each row's fact, first path and sources in them
    type Spans = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);
    type Round = (String, Vec<u8>, Vec<Spans>);
    let parsed = read_in_rounds(
        stmt.query([])?,
        rows,
        |row, (texts, blobs, round): &mut Round| {
            let mut push = |text: &str| {
                let start = texts.len();
                texts.push_str(text);
                start..texts.len()
            };
            let data = push(row.get_ref(0)?.as_str()?);
            let first = row.get_ref(1)?.as_str_or_null()?.map(&mut push);
            let sources = row.get_ref(2)?.as_blob_or_null()?.map(|bytes| {
                let start = blobs.len();
                blobs.extend_from_slice(bytes);
                start..blobs.len()
            });
            round.push((data, first, sources));
            Ok(())
        },
        |(texts, blobs, round): &mut Round| {
            // an indexed collect writes in place; collecting `Result`s gathers lists first
            let mut facts = Vec::new();
            round
                .par_iter()
                .map(|(data, first, sources)| {
                    stored_fact::parse(
                        &texts[data.clone()],
                        first.as_ref().map(|path| &texts[path.clone()]),
                        sources.as_ref().map(|bytes| &blobs[bytes.clone()]),
                    )
                })
                .collect_into_vec(&mut facts);
            texts.clear();
            blobs.clear();
            round.clear();
            facts.into_iter().collect()
        },
    )?;
    // sorted here, while the heads are read, by the paths the rows hold
    let mut parsed = parsed;
    stored_fact::sort(&mut parsed)?;
    Ok(parsed)
}

/// The facts of [`read_stored_facts`] with their sources completed from `docs`, in their
/// order.
fn resolve_merged(mut parsed: Vec<stored_fact::Parsed>, docs: &Heads) -> anyhow::Result<Vec<Fact>> {
    let by_number: FxHashMap<i64, &DocMeta> =
        docs.numbers.iter().copied().zip(&docs.metas).collect();
    // only an index of the previous schema names documents by path
    let by_path: FxHashMap<&str, &DocMeta> = if parsed.iter().any(stored_fact::Parsed::cites_paths)
    {
        docs.metas.iter().map(|d| (&*d.path, d)).collect()
    } else {
        FxHashMap::default()
    };
    // completed in place, and the facts taken out in place
    parsed.par_iter_mut().try_for_each(|p| {
        stored_fact::complete(
            p,
            |n| by_number.get(&n).copied(),
            |path| by_path.get(path).copied(),
        )
    })?;
    Ok(parsed.into_iter().map(|p| p.fact).collect())
}

/// Inserts or replaces the `files` row of `file`.
fn upsert_file(tx: &Transaction<'_>, file: &str, row: &FileRow) -> anyhow::Result<()> {
    tx.prepare_cached(
        "INSERT INTO files (path, size, mtime_ns, hash, sidecar_size, sidecar_mtime_ns)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
           hash = excluded.hash, sidecar_size = excluded.sidecar_size,
           sidecar_mtime_ns = excluded.sidecar_mtime_ns",
    )?
    .execute(params![
        file,
        row.size,
        row.mtime_ns,
        row.hash,
        row.sidecar.map(|s| s.0),
        row.sidecar.map(|s| s.1),
    ])?;
    Ok(())
}

/// Inserts one diagnostic: of the walk (`file` `None`), of a file that yielded no document
/// (`item` `None`) or of a document.
fn insert_diagnostic(
    tx: &Transaction<'_>,
    file: Option<&str>,
    item: Option<usize>,
    d: &Diagnostic,
) -> anyhow::Result<()> {
    let severity = match d.severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    };
    tx.prepare_cached(
        r#"INSERT INTO diagnostics (file, item, path, line, "column", severity, message, expected)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"#,
    )?
    .execute(params![
        file,
        item.map(|i| i as i64),
        d.path,
        d.line,
        d.column,
        severity,
        d.message,
        d.expected,
    ])?;
    Ok(())
}

/// The publication date as ISO 8601 text, with its UTC offset when known.
fn published(doc: &Document) -> Option<String> {
    let local = doc.published.local?;
    let mut text = local.format("%Y-%m-%dT%H:%M:%S").to_string();
    if let Some(offset) = doc.published.utc_offset_seconds {
        let sign = if offset < 0 { '-' } else { '+' };
        let offset = offset.unsigned_abs();
        text.push_str(&format!(
            "{sign}{:02}:{:02}",
            offset / 3600,
            offset % 3600 / 60
        ));
    }
    Some(text)
}

/// Inserts the rows of one file: its documents, their diagnostics, facts and sentences, and
/// the file's own diagnostics; the sentences' postings and counts go to `batch`.
fn insert_file(
    tx: &Transaction<'_>,
    file: &str,
    docs: &[Analyzed],
    diagnostics: &[Diagnostic],
    batch: &mut Retrieval,
) -> anyhow::Result<()> {
    for d in diagnostics {
        insert_diagnostic(tx, Some(file), None, d)?;
    }
    let mut insert_doc = tx.prepare_cached(
        "INSERT INTO documents (file, item, id, path, format, title, published, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut insert_head = tx.prepare_cached(
        "INSERT INTO heads (doc, file, item, head, title_terms, first_sentence, sentence_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut insert_fact = tx.prepare_cached(
        "INSERT INTO facts (file, item, n, doc_id, part, data, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut insert_sentence = tx.prepare_cached(
        "INSERT INTO sentences (id, doc, terms, len, text, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    batch.heads_changed = true;
    let mut next_id = match batch.next_sentence {
        Some(id) => id,
        None => meta_number::<i64>(tx, "next_sentence")?.max(1),
    };
    // the numbers of the documents this file held before (see `delete_file`)
    let mut numbers = if batch.replaced_docs.0 == file {
        std::mem::take(&mut batch.replaced_docs.1)
    } else {
        FxHashMap::default()
    };
    for (item, a) in docs.iter().enumerate() {
        let doc = &a.doc;
        let serialized = a.json.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
        for d in &doc.diagnostics {
            insert_diagnostic(tx, Some(file), Some(item), d)?;
        }
        let count = a.texts.len();
        // ids of one document are contiguous, from the next one
        let first = if count > 0 { next_id } else { 0 };
        // a new document takes the next number
        insert_head.execute(params![
            numbers.remove(&(item as i64)),
            file,
            item as i64,
            serialized.head,
            encode_ids(&a.title_terms),
            first,
            count as i64,
        ])?;
        let number = tx.last_insert_rowid();
        for (n, (part, fact)) in serialized.facts.iter().enumerate() {
            insert_fact.execute(params![
                file,
                item as i64,
                n as i64,
                doc.id,
                part,
                fact,
                number
            ])?;
            match batch.replaced.remove(&(item as i64, n as i64)) {
                Some((_, before)) if before == *fact => {}
                before => {
                    batch.dirty.extend(before.map(|(p, _)| p));
                    if !batch.dirty.contains(part) {
                        batch.dirty.insert(part.clone());
                    }
                }
            }
        }
        for (n, ((text, data), row)) in a
            .texts
            .iter()
            .zip(serialized.sentences.iter())
            .zip(&a.sentence_terms)
            .enumerate()
        {
            let id = next_id;
            next_id += 1;
            insert_sentence.execute(params![
                id,
                number,
                row.encoded,
                i64::from(row.len),
                text,
                data,
            ])?;
            debug_assert_eq!(id, first + n as i64);
            let sentence = u32::try_from(id).context("more than 4 billion sentences")?;
            let next_in_doc = n + 1 < count;
            batch.postings.extend(row.terms.iter().map(|&(t, tf)| {
                (
                    t,
                    Posting {
                        sentence,
                        tf,
                        len: row.len,
                        next_in_doc,
                    },
                )
            }));
            batch.sentences += 1;
            batch.total_len += i64::from(row.len);
        }
        for &t in &a.title_terms {
            batch.counts.entry(t).or_default().1 += 1;
        }
        batch.new_terms.extend(a.new.terms.iter().cloned());
        batch.new_words.extend(a.new.words.iter().cloned());
        insert_doc.execute(params![
            file,
            item as i64,
            doc.id,
            doc.path,
            doc.format,
            doc.title,
            serialized.published,
            serialized.doc,
        ])?;
    }
    batch.next_sentence = Some(next_id);
    Ok(())
}

/// Indexes `paths` (files and folders, walked like `--corpus`) into `dir`, one batch of
/// files per transaction, with a progress bar on stderr when it is a terminal.
pub(crate) fn index(
    paths: &[PathBuf],
    dir: &Path,
    captured: Option<NaiveDate>,
    gazetteer: Option<&str>,
    progress: bool,
) -> anyhow::Result<Summary> {
    // the folders are walked while the index is opened (its files and vocabulary read)
    let (indexer, walked) = std::thread::scope(|scope| {
        let walking = scope.spawn(|| corpus::walk(paths));
        let indexer = Indexer::open(dir, captured, gazetteer);
        (indexer, join(walking))
    });
    let mut indexer = indexer?;
    let bar = if progress && std::io::stderr().is_terminal() && walked.files.len() > 1 {
        let bar = ProgressBar::new(walked.files.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:30} {pos}/{len} files {per_sec} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    let mut documents = 0;
    // One thread reads and extracts the next batches while this one writes those before.
    let examiner = Arc::clone(&indexer.examiner);
    let unchanged: Vec<bool> = walked
        .files
        .par_iter()
        .map(|f| examiner.unchanged(f))
        .collect();
    let to_read = unchanged.iter().filter(|&&same| !same).count();
    indexer.defer_indexes = to_read > TRANSACTION_FILES && to_read >= examiner.known.len();
    if indexer.defer_indexes {
        indexer.write_in_place()?;
    }
    let (send, receive) =
        std::sync::mpsc::sync_channel::<(&[Found], Vec<Outcome>, u64)>(READ_AHEAD);
    let in_flight = InFlight::default();
    let threads = rayon::current_num_threads();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let files = &walked.files;
        let unchanged = &unchanged;
        let in_flight = &in_flight;
        scope.spawn(move || {
            let mut start = 0;
            while start < files.len() {
                let (end, bytes) = batch_end(files, unchanged, start, threads);
                let batch = &files[start..end];
                in_flight.take(bytes);
                let outcomes = batch
                    .par_iter()
                    .zip(&unchanged[start..end])
                    .map(|(f, &same)| {
                        if same {
                            Outcome::Unchanged
                        } else {
                            examiner.read(f)
                        }
                    })
                    .collect();
                if send.send((batch, outcomes, bytes)).is_err() {
                    break; // the writer failed and stopped listening
                }
                start = end;
            }
        });
        // Declared before the batches' receiver, so that it is dropped after it: a writer
        // that stops (an error) wakes a reading thread waiting for room, whose next batch
        // then finds no one listening.
        let _stop = StopOnDrop(in_flight);
        // A transaction gathers TRANSACTION_FILES files that were read (unchanged files cost
        // nothing to hold, so a re-index with few changes commits few times), written batch
        // by batch as they are read: the first batch is written while the next are read.
        let mut chunks = receive
            .into_iter()
            .map(|(batch, outcomes, bytes)| {
                in_flight.give_back(bytes);
                (batch, outcomes)
            })
            .peekable();
        let mut written = |files: usize, docs: usize| {
            documents += docs;
            bar.inc(files as u64);
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{documents} documents ({:.0}/s)",
                documents as f64 / secs
            ));
        };
        while chunks.peek().is_some() {
            indexer.write_transaction(&mut chunks, &mut written)?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    indexer.finish(paths, &walked)
}

/// Where the round of `files` beginning at `start` ends, and the bytes of its files to read:
/// a round holds [`BATCH_FILES`] files to read, or fewer holding [`BATCH_BYTES`] bytes but no
/// fewer than `threads`, and at least one file. The unchanged files between them cost a `stat` and count for nothing, and the
/// files read keep every core busy (when 1% changed, rounds of `BATCH_FILES` files held two
/// or three to read; 6 plain-text files of 20 MB read one a round took 46.9 s, against
/// 26.8-33.1 s as one round and 31.9-34.4 s two a round).
fn batch_end(files: &[Found], unchanged: &[bool], start: usize, threads: usize) -> (usize, u64) {
    let mut end = start;
    let (mut to_read, mut bytes) = (0, 0u64);
    while end < files.len() && to_read < BATCH_FILES && (bytes < BATCH_BYTES || to_read < threads) {
        if !unchanged.get(end).copied().unwrap_or(false) {
            to_read += 1;
            bytes = bytes.saturating_add(files[end].bytes);
        }
        end += 1;
    }
    (end, bytes)
}

/// The bytes of files read and not yet taken by the writer ([`READ_AHEAD_BYTES`]), and
/// whether the writer has stopped.
#[derive(Default)]
struct InFlight {
    state: Mutex<InFlightState>,
    changed: std::sync::Condvar,
}

/// What [`InFlight`] guards.
#[derive(Default)]
struct InFlightState {
    bytes: u64,
    writer_stopped: bool,
}

impl InFlight {
    /// Counts `bytes` in, first waiting for the writer to take earlier batches while they
    /// and these would pass [`READ_AHEAD_BYTES`] (not when nothing else is in flight, nor
    /// once the writer has stopped).
    fn take(&self, bytes: u64) {
        // a poisoned lock only means a thread panicked while holding it: the count is whole
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.writer_stopped
            && state.bytes > 0
            && state.bytes.saturating_add(bytes) > READ_AHEAD_BYTES
        {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.bytes = state.bytes.saturating_add(bytes);
    }

    /// Counts `bytes` out: the writer took their batch.
    fn give_back(&self, bytes: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.bytes = state.bytes.saturating_sub(bytes);
        self.changed.notify_all();
    }

    /// The writer stopped: nothing waits for it any more.
    fn stop(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.writer_stopped = true;
        self.changed.notify_all();
    }
}

/// Calls [`InFlight::stop`] when dropped, however the writer ends.
struct StopOnDrop<'a>(&'a InFlight);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

impl Summary {
    /// One line: `10000 files: 9990 added, 0 changed, 0 unchanged, 0 removed, 10 failed;
    /// 9990 documents read in 12.3 s (812 documents/s)`.
    pub(crate) fn line(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let files = self.added + self.changed + self.unchanged;
        let rehashed = if self.rehashed > 0 {
            format!(" ({} with new times, re-hashed)", self.rehashed)
        } else {
            String::new()
        };
        format!(
            "{files} files: {} added, {} changed, {} unchanged{rehashed}, {} removed, {} failed; {} documents read in {secs:.2} s ({:.0} documents/s)",
            self.added,
            self.changed,
            self.unchanged,
            self.removed,
            self.failed,
            self.documents,
            self.documents as f64 / secs.max(1e-3),
        )
    }
}

#[cfg(test)]
/// The documents and sentences of an index, read back whole (tests compare them).
#[derive(Debug, Default)]
pub(crate) struct Contents {
    /// The documents, in the order reading the files gives (by file path, then item).
    pub documents: Vec<Document>,
    /// Each document's sentence evidence.
    pub evidence: Vec<DocEvidence>,
}

/// Opens the index in `dir` for reading.
pub(crate) fn open(dir: &Path) -> anyhow::Result<Connection> {
    let path = db_path(dir);
    if !path.is_file() {
        bail!(
            "no index in {} (create one with `almanac index PATH... --index {}`)",
            dir.display(),
            dir.display()
        );
    }
    let conn = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("opening {}", path.display()))?;
    check_schema(&conn, &path)?;
    Ok(conn)
}

/// Deserializes JSON texts in parallel.
fn parse_all<T: DeserializeOwned + Send>(texts: Vec<String>, what: &str) -> anyhow::Result<Vec<T>> {
    texts
        .par_iter()
        .map(|t| {
            serde_json::from_str(t).with_context(|| format!("reading a {what} from the index"))
        })
        .collect()
}

#[cfg(test)]
/// Reads the documents and sentences of the index `conn`.
pub(crate) fn read(conn: &Connection) -> anyhow::Result<Contents> {
    let mut rows: Vec<(PathBuf, i64, String, String)> = {
        let mut stmt = conn.prepare("SELECT file, item, data FROM documents")?;
        stmt.query_map([], |r| {
            let file: String = r.get(0)?;
            Ok((PathBuf::from(&file), r.get(1)?, file, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?
    };
    // the order `corpus::load` gives: files sorted as paths, then items in source order
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let position: HashMap<(String, i64), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, item, file, _))| ((file.clone(), *item), i))
        .collect();
    let documents: Vec<Document> = parse_all(rows.into_iter().map(|r| r.3).collect(), "document")?;
    let mut sentences: Vec<Vec<SentenceEvidence>> = vec![Vec::new(); documents.len()];
    let mut stmt = conn.prepare(
        "SELECT h.file, h.item, s.text, s.data FROM sentences s JOIN heads h USING (doc)
         ORDER BY s.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let key = (row.get::<_, String>(0)?, row.get::<_, i64>(1)?);
        if let Some(&i) = position.get(&key) {
            let data: String = row.get(3)?;
            let s = crate::store::sentence_from_row(row.get(2)?, &data)
                .context("reading a sentence from the index")?;
            sentences[i].push(s);
        }
    }
    let evidence = sentences
        .into_iter()
        .zip(&documents)
        .map(|(sentences, doc)| DocEvidence {
            doc_id: doc.id.clone(),
            sentences,
        })
        .collect();
    Ok(Contents {
        documents,
        evidence,
    })
}

/// Whether `path` is a run of plain names joined by single `/` (optionally from the root):
/// no `.` or `..`, no doubled or trailing separator. Such paths compare as paths exactly
/// when compared byte by byte with `/` below every other byte.
fn is_plain(path: &Path) -> bool {
    let text = path.as_os_str().as_encoded_bytes();
    cfg!(unix)
        && !text.ends_with(b"/")
        && !text.windows(2).any(|w| w == b"//")
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::RootDir
            )
        })
}

/// The bytes of a path with `/` as 0, the sort key of a [plain](is_plain) path.
fn path_bytes(path: &Path) -> impl Iterator<Item = u8> + '_ {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| if b == b'/' { 0 } else { b })
}

/// The documents of an index, in the order `corpus::load` gives (files sorted as paths, then
/// items in source order).
struct Heads {
    /// Their metadata.
    metas: Vec<DocMeta>,
    /// Their title terms and sentence ids.
    stored: Vec<StoredDoc>,
    /// Their numbers (`heads.doc`), which merged facts cite.
    numbers: Vec<i64>,
}

/// The documents of the index `conn` ([`Heads`]).
fn read_docs(conn: &Connection) -> anyhow::Result<Heads> {
    match read_head_chunks(conn)? {
        Some(heads) => Ok(heads),
        None => read_head_rows(conn),
    }
}

/// A head as [`write_head_chunks`] stores it.
#[derive(Serialize)]
struct HeadOut<'a> {
    meta: &'a DocMeta,
    title: &'a [u32],
    sentences: (u32, u32),
    number: i64,
}

/// [`HeadOut`] as read back.
#[derive(Deserialize)]
struct HeadIn {
    meta: DocMeta,
    title: Vec<u32>,
    sentences: (u32, u32),
    number: i64,
}

/// Heads per row of `head_chunks`: the rows are decoded in parallel.
const HEADS_PER_CHUNK: usize = 8192;

/// `head_chunks` as [`write_head_chunks`] writes them, with the `heads_version` they are
/// of; `None` when they were written since the heads last changed.
type HeadChunks = Option<(i64, Vec<Vec<u8>>)>;

/// The heads of the index `conn` (which it only reads) for `head_chunks`, every head in the
/// order [`read_docs`] gives, in `postcard`'s compact form, unless the chunks were written
/// since the heads last changed (meta `heads_version`, which the chunks'
/// `head_chunks_version` then equals). Opening an index reads them instead of the rows of
/// `heads`: at 100,000 documents, reading and parsing the rows took most of the time
/// opening did. Encoding them again costs a run that changed something a read of the rows.
fn encode_head_chunks(conn: &Connection) -> anyhow::Result<HeadChunks> {
    let version = meta_number::<i64>(conn, "heads_version")?;
    if meta(conn, "head_chunks_version")?.is_some_and(|v| v == version.to_string()) {
        return Ok(None);
    }
    Ok(Some((
        version,
        encode_head_chunks_of(conn, HEADS_PER_CHUNK)?,
    )))
}

/// The heads of `conn` in chunks of `per_chunk`, encoded ([`encode_head_chunks`]).
fn encode_head_chunks_of(conn: &Connection, per_chunk: usize) -> anyhow::Result<Vec<Vec<u8>>> {
    let per_chunk = per_chunk.max(1);
    let heads = read_head_rows(conn)?;
    heads
        .metas
        .par_chunks(per_chunk)
        .zip(heads.stored.par_chunks(per_chunk))
        .zip(heads.numbers.par_chunks(per_chunk))
        .map(|((metas, stored), numbers)| {
            let chunk: Vec<HeadOut<'_>> = metas
                .iter()
                .zip(stored)
                .zip(numbers)
                .map(|((meta, doc), &number)| HeadOut {
                    meta,
                    title: &doc.title,
                    sentences: (doc.sentences.start, doc.sentences.end),
                    number,
                })
                .collect();
            postcard::to_allocvec(&chunk)
        })
        .collect::<Result<_, _>>()
        .context("encoding the heads")
}

/// Replaces `head_chunks` with `chunks` ([`encode_head_chunks`]), if any.
fn write_head_chunks(tx: &Transaction<'_>, chunks: HeadChunks) -> anyhow::Result<()> {
    let Some((version, blobs)) = chunks else {
        return Ok(());
    };
    tx.execute("DELETE FROM head_chunks", [])?;
    let mut insert = tx.prepare_cached("INSERT INTO head_chunks (chunk, data) VALUES (?1, ?2)")?;
    for (chunk, blob) in blobs.iter().enumerate() {
        insert.execute(params![chunk as i64, blob])?;
    }
    set_meta(tx, "head_chunks_version", &version.to_string())
}

/// The heads of `head_chunks`, when they were written since the heads last changed.
fn read_head_chunks(conn: &Connection) -> anyhow::Result<Option<Heads>> {
    // an index of schema 7, or one a run changed without finishing, has none to read
    let Some(written) = meta(conn, "head_chunks_version")? else {
        return Ok(None);
    };
    if written != meta_number::<i64>(conn, "heads_version")?.to_string() {
        return Ok(None);
    }
    let blobs: Vec<Vec<u8>> = conn
        .prepare("SELECT data FROM head_chunks ORDER BY chunk")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let chunks: Vec<Vec<HeadIn>> = blobs
        .par_iter()
        .map(|blob| postcard::from_bytes(blob))
        .collect::<Result<_, _>>()
        .context("reading the heads of the index")?;
    let mut heads = Heads {
        metas: Vec::with_capacity(chunks.iter().map(Vec::len).sum()),
        stored: Vec::new(),
        numbers: Vec::new(),
    };
    for head in chunks.into_iter().flatten() {
        heads.metas.push(head.meta);
        heads.stored.push(StoredDoc {
            title: head.title,
            sentences: head.sentences.0..head.sentences.1,
        });
        heads.numbers.push(head.number);
    }
    Ok(Some(heads))
}

/// The documents of the index `conn` ([`Heads`]), from the rows of `heads`.
fn read_head_rows(conn: &Connection) -> anyhow::Result<Heads> {
    // `rowid` is `doc` (schema 7 has no `doc`, and its merged facts cite paths)
    let mut stmt = conn.prepare(
        "SELECT file, item, head, title_terms, first_sentence, sentence_count, rowid FROM heads",
    )?;
    // a round: its heads' texts, and each row's file, item, head and stored parts
    type Round = (String, Vec<(String, i64, Range<usize>, (StoredDoc, i64))>);
    let docs: Vec<(String, i64, DocMeta, (StoredDoc, i64))> = read_in_rounds(
        stmt.query([])?,
        row_count(conn, "heads")?,
        |row, (heads, round): &mut Round| {
            let start = heads.len();
            heads.push_str(row.get_ref(2)?.as_str()?);
            let first = u32::try_from(row.get::<_, i64>(4)?).unwrap_or(0);
            let count = u32::try_from(row.get::<_, i64>(5)?).unwrap_or(0);
            round.push((
                row.get(0)?,
                row.get(1)?,
                start..heads.len(),
                (
                    StoredDoc {
                        title: decode_ids(row.get_ref(3)?.as_blob()?),
                        sentences: first..first.saturating_add(count),
                    },
                    row.get(6)?,
                ),
            ));
            Ok(())
        },
        |(heads, round): &mut Round| {
            let mut metas = Vec::new();
            round
                .par_iter()
                .map(|(_, _, head, _)| serde_json::from_str::<DocMeta>(&heads[head.clone()]))
                .collect_into_vec(&mut metas);
            let metas = metas.into_iter().collect::<Result<Vec<DocMeta>, _>>()?;
            heads.clear();
            Ok(round
                .drain(..)
                .zip(metas)
                .map(|((file, item, _, stored), meta)| (file, item, meta, stored))
                .collect())
        },
    )?;
    // the order `corpus::load` gives: files sorted as paths, then items in source order.
    // Heads are numbered in the order files are written, which is that order for an index
    // written in one run, and a document written again keeps its number: checking costs
    // one comparison per head, sorting 100,000 of them 25-35 ms.
    let in_order = docs
        .windows(2)
        .all(|w| (Path::new(&w[0].0), w[0].1) <= (Path::new(&w[1].0), w[1].1));
    let (metas, (stored, numbers)) = if in_order {
        docs.into_iter().map(|d| (d.2, d.3)).unzip()
    } else {
        let names: Vec<(&str, i64)> = docs.iter().map(|d| (d.0.as_str(), d.1)).collect();
        let order = path_order(&names);
        let mut slots: Vec<Option<(DocMeta, (StoredDoc, i64))>> =
            docs.into_iter().map(|d| Some((d.2, d.3))).collect();
        order.iter().filter_map(|&i| slots[i].take()).unzip()
    };
    Ok(Heads {
        metas,
        stored,
        numbers,
    })
}

/// The positions of `docs` (file, item) sorted by file as a path, then item. Each path is
/// split into components once (comparing `Path`s splits them every time).
fn path_order(docs: &[(&str, i64)]) -> Vec<usize> {
    if docs.iter().all(|d| is_plain(Path::new(d.0))) {
        // plain paths sort as paths when their separators sort before every other byte;
        // the keys are made once, so that comparing them is a `memcmp`
        let mut keys: Vec<(Vec<u8>, i64, usize)> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (path_bytes(Path::new(d.0)).collect(), d.1, i))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|k| k.2).collect()
    } else {
        let mut keys: Vec<(Vec<std::path::Component<'_>>, i64, usize)> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (Path::new(d.0).components().collect(), d.1, i))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|k| k.2).collect()
    }
}

/// The number of rows of `table` (a name of this module's schema).
fn row_count(conn: &Connection, table: &str) -> anyhow::Result<usize> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Rows of a table read per round when an index is opened ([`read_in_rounds`]).
const OPEN_ROUND: usize = 4096;

/// Reads `rows` in rounds of [`OPEN_ROUND`]: this thread reads a round into a buffer with
/// `read` while another parses the last with `parse` (in parallel), which empties the buffer
/// for the round after. Returns what `parse` made of every round, in row order, in a vector
/// made for `capacity` (the number of rows). Reading
/// everything before parsing it held every text at once: fresh memory costs the kernel's
/// zeroing of its pages, a third of the time opening took.
fn read_in_rounds<B, T>(
    mut rows: rusqlite::Rows<'_>,
    capacity: usize,
    mut read: impl FnMut(&rusqlite::Row<'_>, &mut B) -> anyhow::Result<()>,
    parse: impl Fn(&mut B) -> anyhow::Result<Vec<T>> + Sync,
) -> anyhow::Result<Vec<T>>
where
    B: Default + Send,
    T: Send,
{
    // sized at once: growing it copied every row into fresh memory several times
    let mut out = Vec::with_capacity(capacity);
    let parse = &parse;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut spare = B::default();
        let mut parsing = None;
        loop {
            let mut buffer = std::mem::take(&mut spare);
            let mut n = 0;
            while n < OPEN_ROUND {
                let Some(row) = rows.next()? else {
                    break;
                };
                read(row, &mut buffer)?;
                n += 1;
            }
            if let Some(handle) = parsing.take() {
                let (emptied, parsed) = join(handle);
                out.extend(parsed?);
                spare = emptied;
            }
            parsing = Some(scope.spawn(move || {
                let parsed = parse(&mut buffer);
                (buffer, parsed)
            }));
            if n < OPEN_ROUND {
                break;
            }
        }
        if let Some(handle) = parsing {
            out.extend(join(handle).1?);
        }
        Ok(())
    })?;
    Ok(out)
}

/// What a [`DiskStore`] needs from the index besides the documents: the sentence count and
/// total length (for BM25), the sentences of replaced documents, the posting segments; and
/// the diagnostics of files that yielded no document.
struct StoreTables {
    sentences: usize,
    total_len: u64,
    dead: SentenceSet,
    segments: HashMap<i64, (u32, u32)>,
    /// The posting rows an interrupted run left staged (none after a finished run).
    staged: StagedPostings,
    diagnostics: Vec<Diagnostic>,
}

impl StoreTables {
    fn read(conn: &Connection) -> anyhow::Result<Self> {
        Ok(StoreTables {
            sentences: meta_number::<usize>(conn, "sentences")?,
            total_len: meta_number::<u64>(conn, "total_len")?,
            dead: dead_ids(conn)?.into_iter().collect(),
            segments: conn
                .prepare("SELECT segment, first_sentence, last_sentence FROM segments")?
                .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
                .collect::<Result<_, _>>()?,
            staged: read_staged(conn)?,
            diagnostics: read_diagnostics(conn)?,
        })
    }
}

/// The rows of `staged_postings` by term (see [`move_staged_postings`]).
fn read_staged(conn: &Connection) -> anyhow::Result<StagedPostings> {
    let mut staged = StagedPostings::new();
    let mut stmt = conn.prepare("SELECT term, segment, data FROM staged_postings")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let blob: Box<[u8]> = row.get_ref(2)?.as_blob()?.into();
        staged
            .entry(row.get(0)?)
            .or_default()
            .push((row.get(1)?, blob));
    }
    Ok(staged)
}

/// Opens a session over the index in `dir` that reads sentences from the database as
/// questions need them ([`DiskStore`]): only the documents' metadata and the merged facts are
/// read at open. Returns it with the diagnostics of the walk and of files that yielded no
/// document. Questions know the names of the gazetteer the index was written with.
pub(crate) fn session(dir: &Path) -> anyhow::Result<(Session, Vec<Diagnostic>)> {
    let conn = open(dir)?;
    let names = meta(&conn, "gazetteer")?.unwrap_or_default();
    let path = db_path(dir);
    let context = || format!("reading the index {}", path.display());
    // the facts are read on a second connection, and the gazetteer built, while the heads
    // and the rest are read
    let facts_conn = open(dir)?;
    let (docs, tables, stored, gazetteer) = std::thread::scope(|scope| {
        let stored = scope.spawn(move || read_stored_facts(&facts_conn));
        let gazetteer = scope.spawn(|| gazetteer_with(&names));
        let docs = read_docs(&conn);
        let tables = StoreTables::read(&conn);
        (docs, tables, join(stored), join(gazetteer))
    });
    let gazetteer = gazetteer?;
    let heads = docs.with_context(context)?;
    let tables = tables.with_context(context)?;
    let stored = stored.with_context(context)?;
    let facts = resolve_merged(stored, &heads).with_context(context)?;
    let Heads { metas, stored, .. } = heads;
    let StoreTables {
        sentences,
        total_len,
        dead,
        segments,
        staged,
        diagnostics,
    } = tables;
    let metas: Arc<[DocMeta]> = metas.into();
    let store = DiskStore::new(
        conn,
        Arc::clone(&metas),
        stored,
        sentences,
        total_len,
        dead,
        segments,
    )
    .with_staged(staged);
    Ok((
        Session::with_store(facts, metas, Box::new(store), &gazetteer),
        diagnostics,
    ))
}

/// The merged facts of the index in `dir` (as `almanac facts` over the same files gives
/// them), with the number of documents and the diagnostics of files that yielded none.
pub(crate) fn merged_facts(dir: &Path) -> anyhow::Result<(Vec<Fact>, usize, Vec<Diagnostic>)> {
    let conn = open(dir)?;
    let documents: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
    let heads = read_docs(&conn)?;
    Ok((
        read_merged(&conn, &heads)?,
        usize::try_from(documents).unwrap_or(0),
        read_diagnostics(&conn)?,
    ))
}

/// The documents of the index in `dir` whose ids are in `ids`, by path.
pub(crate) fn documents_with_ids(dir: &Path, ids: &HashSet<&str>) -> anyhow::Result<Vec<Document>> {
    let conn = open(dir)?;
    let mut stmt = conn.prepare("SELECT data FROM documents WHERE id = ?1")?;
    let mut texts = Vec::new();
    let mut ids: Vec<&&str> = ids.iter().collect();
    ids.sort_unstable();
    for id in ids {
        let rows = stmt.query_map([*id], |r| r.get::<_, String>(0))?;
        for t in rows {
            texts.push(t?);
        }
    }
    let mut docs: Vec<Document> = parse_all(texts, "document")?;
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(docs)
}

/// The diagnostics of the walk, then those of files that yielded no document (by path).
fn read_diagnostics(conn: &Connection) -> anyhow::Result<Vec<Diagnostic>> {
    let mut rows = diagnostic_rows(conn, "item IS NULL")?;
    // stable: keeps each file's diagnostics in the order they were written
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows.into_iter().map(|(_, d)| d).collect())
}

/// The diagnostics of the walk, as written.
fn walk_diagnostics(conn: &Connection) -> anyhow::Result<Vec<Diagnostic>> {
    let rows = diagnostic_rows(conn, "file IS NULL")?;
    Ok(rows.into_iter().map(|(_, d)| d).collect())
}

/// The diagnostics matching `filter` (SQL), with their file, in the order written.
fn diagnostic_rows(
    conn: &Connection,
    filter: &str,
) -> anyhow::Result<Vec<(Option<PathBuf>, Diagnostic)>> {
    let mut stmt = conn.prepare(&format!(
        r#"SELECT file, path, line, "column", severity, message, expected FROM diagnostics
           WHERE {filter} ORDER BY rowid"#
    ))?;
    let rows: Vec<(Option<PathBuf>, Diagnostic)> = stmt
        .query_map([], |r| {
            let severity = match r.get::<_, String>(4)?.as_str() {
                "info" => Severity::Info,
                "warning" => Severity::Warning,
                _ => Severity::Error,
            };
            Ok((
                r.get::<_, Option<String>>(0)?.map(PathBuf::from),
                Diagnostic {
                    severity,
                    path: r.get(1)?,
                    line: r.get(2)?,
                    column: r.get(3)?,
                    message: r.get(5)?,
                    expected: r.get(6)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh copy of the seed documents and an empty index folder beside it.
    fn scratch(name: &str) -> (PathBuf, PathBuf) {
        let root = std::env::temp_dir().join(format!("almanac-idx-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let corpus = root.join("corpus");
        std::fs::create_dir_all(&corpus).ok();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
        for entry in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            std::fs::copy(entry.path(), corpus.join(entry.file_name())).ok();
        }
        (corpus, root.join("idx"))
    }

    /// Appends a sentence to the seed `name` of `corpus`: its content, and so its id, change.
    fn change(corpus: &Path, name: &str) {
        let path = corpus.join(name);
        let mut text = std::fs::read_to_string(&path).unwrap_or_default();
        text.push_str("\nThe Zanzibar ferry company bought three boats.\n");
        std::fs::write(&path, text).ok();
    }

    /// The id (a hash of its bytes) of the indexed document whose path ends with `name`.
    fn id(dir: &Path, name: &str) -> String {
        let conn = open(dir).expect("the index opens");
        let contents = read(&conn).expect("the index reads");
        contents
            .documents
            .iter()
            .find(|d| d.path.ends_with(name))
            .map(|d| d.id.clone())
            .unwrap_or_default()
    }

    #[test]
    fn an_interrupted_run_keeps_its_committed_batches_and_the_rest_as_it_was() {
        let (corpus, dir) = scratch("interrupted");
        let roots = [corpus.clone()];
        let first = index(&roots, &dir, None, None, false).expect("indexes");
        assert_eq!((first.added, first.documents), (5, 5));
        let (a, b) = ("000_995283c400f30fe9.txt", "003_4a6cd827b8465a86.txt");
        let (old_a, old_b) = (id(&dir, a), id(&dir, b));
        for name in [a, b] {
            change(&corpus, name);
        }
        // a run that commits its first batch (one file) and stops before the next
        {
            let walked = corpus::walk(&roots);
            let mut indexer = Indexer::open(&dir, None, None).expect("opens");
            indexer.write_batch(&walked.files[..1]).expect("writes");
        }
        assert_ne!(id(&dir, a), old_a);
        assert_eq!(id(&dir, b), old_b);
        let contents = read(&open(&dir).expect("opens")).expect("reads");
        assert_eq!(contents.documents.len(), 5);
        assert_eq!(contents.evidence.len(), 5);
        // the next run finishes the work, and merges what the interrupted one changed
        let next = index(&roots, &dir, None, None, false).expect("indexes");
        assert_eq!((next.changed, next.unchanged, next.added), (1, 4, 0));
        assert_ne!(id(&dir, b), old_b);
        assert_merged_equals_merging_everything(&dir);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    /// `merged_facts`, re-merged per partition, equals merging every document's facts.
    fn assert_merged_equals_merging_everything(dir: &Path) {
        let conn = open(dir).expect("opens");
        let mut rows: Vec<(PathBuf, i64, i64, String)> = conn
            .prepare("SELECT file, item, n, data FROM facts")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| {
                    Ok((
                        PathBuf::from(r.get::<_, String>(0)?),
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                    ))
                })?
                .collect()
            })
            .expect("facts read");
        rows.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        let facts: Vec<Fact> = rows
            .iter()
            .map(|r| stored_fact::decode_whole(&r.3).expect("a fact"))
            .collect();
        assert!(facts.len() > 5);
        let heads = read_docs(&conn).expect("heads read");
        let merged = read_merged(&conn, &heads).expect("merged facts read");
        assert_eq!(merged, almanac_extract::merge(facts));
        let dirty: i64 = conn
            .query_row("SELECT count(*) FROM dirty_parts", [], |r| r.get(0))
            .expect("counts");
        assert_eq!(dirty, 0);
    }

    #[test]
    fn a_partitions_rows_are_the_same_found_by_the_index_or_by_a_pass_over_the_table() {
        let (corpus, dir) = scratch("part-rows");
        index(&[corpus], &dir, None, None, false).expect("indexes");
        let conn = open(&dir).expect("opens");
        let parts: Vec<String> = conn
            .prepare("SELECT DISTINCT part FROM facts ORDER BY part DESC")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .expect("parts");
        assert!(parts.len() > 3, "{parts:?}");
        let indexed = partition_rows(&conn, &parts).expect("looked up");
        assert_eq!(
            indexed.iter().map(Vec::len).sum::<usize>(),
            row_count(&conn, "facts").expect("counts")
        );
        assert!(indexed.iter().all(|ids| ids.is_sorted()));
        drop_deferred_indexes(&conn).expect("dropped");
        assert_eq!(partition_rows(&conn, &parts).expect("scanned"), indexed);
        // a partition with no rows left has none
        let gone = ["no such partition".to_owned()];
        assert_eq!(
            partition_rows(&conn, &gone).expect("scanned"),
            vec![Vec::<i64>::new()]
        );
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn merging_in_many_rounds_gives_what_merging_everything_gives() {
        let (corpus, dir) = scratch("merge-rounds");
        index(&[corpus], &dir, None, None, false).expect("indexes");
        let parts: Vec<String> = open(&dir)
            .expect("opens")
            .prepare("SELECT DISTINCT part FROM facts")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .expect("partitions read");
        assert!(parts.len() > 4, "{} partitions", parts.len());
        // the partitions of the first and of the last fact row, far apart in the table:
        // reading them in one round looks the second up instead of walking to it
        let at_end = |sql: &str| -> String {
            open(&dir)
                .expect("opens")
                .query_row(sql, [], |r| r.get(0))
                .expect("a partition")
        };
        let ends = [
            at_end("SELECT part FROM facts ORDER BY rowid LIMIT 1"),
            at_end("SELECT part FROM facts ORDER BY rowid DESC LIMIT 1"),
        ];
        let rows: i64 = open(&dir)
            .expect("opens")
            .query_row("SELECT count(*) FROM facts", [], |r| r.get(0))
            .expect("a count");
        assert!(rows > SCAN_GAP + 1, "{rows} fact rows");
        // every partition, then every other one, is dirty and has lost its merged rows:
        // merging must write them again, a round read while the last is merged
        let every: Vec<&String> = parts.iter().collect();
        let every_other: Vec<&String> = parts.iter().step_by(2).collect();
        let both_ends: Vec<&String> = ends.iter().collect();
        for (dirty, round_rows) in [(every, 2), (every_other, 2), (both_ends, 1000)] {
            let mut conn = open(&dir).expect("opens");
            let tx = conn.transaction().expect("a transaction");
            for part in dirty {
                tx.execute(
                    "INSERT OR IGNORE INTO dirty_parts (part) VALUES (?1)",
                    [part],
                )
                .expect("marks a partition dirty");
                tx.execute("DELETE FROM merged_facts WHERE part = ?1", [part])
                    .expect("deletes its merged facts");
            }
            merge_dirty_in_rounds(&tx, round_rows).expect("merges");
            tx.commit().expect("commits");
            assert_merged_equals_merging_everything(&dir);
        }
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    /// The heads of `heads` (numbers, metadata, title terms, sentence ids) as `read` gives.
    fn heads_of(heads: &Heads) -> Vec<(i64, DocMeta, Vec<u32>, Range<u32>)> {
        heads
            .numbers
            .iter()
            .zip(&heads.metas)
            .zip(&heads.stored)
            .map(|((n, m), s)| (*n, m.clone(), s.title.clone(), s.sentences.clone()))
            .collect()
    }

    #[test]
    fn heads_are_read_from_their_chunks_until_a_run_changes_them_without_finishing() {
        let (corpus, dir) = scratch("chunks");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        let conn = open(&dir).expect("opens");
        let rows = heads_of(&read_head_rows(&conn).expect("rows"));
        assert_eq!(rows.len(), 5);
        let chunks = read_head_chunks(&conn).expect("reads").expect("written");
        assert_eq!(heads_of(&chunks), rows);
        let version = || meta(&open(&dir).expect("opens"), "head_chunks_version").expect("reads");
        let written = version();
        drop(conn);
        // a run that changes nothing writes nothing
        index(&roots, &dir, None, None, false).expect("indexes again");
        assert_eq!(version(), written);
        // a run that writes a changed file and stops: the chunks are not read
        let name = "004_ccf8e32df5cbf0f3.txt";
        let old = id(&dir, name);
        change(&corpus, name);
        {
            let walked = corpus::walk(&roots);
            let file = walked
                .files
                .iter()
                .position(|f| f.path.ends_with(name))
                .expect("found");
            let mut indexer = Indexer::open(&dir, None, None).expect("opens");
            indexer
                .write_batch(&walked.files[file..=file])
                .expect("writes");
        }
        let conn = open(&dir).expect("opens");
        assert!(read_head_chunks(&conn).expect("reads").is_none());
        let heads = read_docs(&conn).expect("heads");
        let new = id(&dir, name);
        assert_ne!(new, old);
        assert!(
            heads.metas.iter().any(|m| *m.id == *new),
            "the rows are read"
        );
        drop(conn);
        // the next run writes them again
        index(&roots, &dir, None, None, false).expect("indexes");
        assert_ne!(version(), written);
        let conn = open(&dir).expect("opens");
        let rows = heads_of(&read_head_rows(&conn).expect("rows"));
        let chunks = read_head_chunks(&conn).expect("reads").expect("written");
        assert_eq!(heads_of(&chunks), rows);
        // in chunks of two heads: three rows, read back in order
        let mut conn = conn;
        let tx = conn.transaction().expect("begins");
        let version = meta_number::<i64>(&tx, "heads_version").expect("reads");
        let blobs = encode_head_chunks_of(&tx, 2).expect("encodes");
        write_head_chunks(&tx, Some((version, blobs))).expect("writes");
        tx.commit().expect("commits");
        assert_eq!(row_count(&conn, "head_chunks").expect("counts"), 3);
        let chunks = read_head_chunks(&conn).expect("reads").expect("written");
        assert_eq!(heads_of(&chunks), rows);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn plain_paths_sort_byte_wise_as_they_sort_as_paths() {
        let names = [
            "/c/a-b/x.txt",
            "/c/a/x.txt",
            "/c/a/b/y.txt",
            "/c/a.b/x.txt",
            "/c/a b/x.txt",
            "/c/A/x.txt",
            "/c/é/x.txt",
            "/c/a/x.txt.bak",
            "/c/ab",
        ];
        let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        assert!(paths.iter().all(|p| super::is_plain(p)));
        let mut by_path = paths.clone();
        by_path.sort();
        let mut by_bytes = paths.clone();
        by_bytes.sort_by_key(|p| super::path_bytes(p).collect::<Vec<u8>>());
        assert_eq!(by_bytes, by_path);
        for odd in ["./c/a", "/c//a", "/c/a/", "/c/../a"] {
            assert!(!super::is_plain(Path::new(odd)), "{odd}");
        }
        // with items, and with a path that is not plain
        let mut docs: Vec<(&str, i64)> = names.iter().map(|n| (*n, 1)).collect();
        docs.extend([("/c/a/x.txt", 0), ("/c//a", 0)]);
        let order = super::path_order(&docs);
        let sorted: Vec<(&Path, i64)> = order
            .iter()
            .map(|&i| (Path::new(docs[i].0), docs[i].1))
            .collect();
        let mut expected: Vec<(&Path, i64)> = docs.iter().map(|d| (Path::new(d.0), d.1)).collect();
        expected.sort();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn heads_read_in_path_order_when_a_file_added_later_sorts_first() {
        let (corpus, dir) = scratch("order");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        std::fs::write(corpus.join("0.txt"), "Kenya opened a port in Mombasa.\n").expect("writes");
        index(&roots, &dir, None, None, false).expect("indexes again");
        let conn = open(&dir).expect("opens");
        let scanned: Vec<String> = conn
            .prepare("SELECT file FROM heads ORDER BY doc")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .expect("files");
        assert!(
            scanned.last().is_some_and(|f| f.ends_with("0.txt")),
            "{scanned:?}"
        );
        // the rows (from which the chunks are written, and read after an interrupted run)
        let heads = read_head_rows(&conn).expect("heads");
        let chunks = read_head_chunks(&conn).expect("reads").expect("written");
        assert_eq!(heads_of(&chunks), heads_of(&heads));
        let paths: Vec<&str> = heads.metas.iter().map(|m| &*m.path).collect();
        assert!(paths[0].ends_with("0.txt"), "{paths:?}");
        let mut sorted = paths.clone();
        sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
        assert_eq!(paths, sorted);
        // numbers follow their heads
        for (meta, number) in heads.metas.iter().zip(&heads.numbers) {
            let path: String = conn
                .query_row(
                    "SELECT d.path FROM heads h JOIN documents d USING (file, item) WHERE h.doc = ?1",
                    [number],
                    |r| r.get(0),
                )
                .expect("a head");
            assert_eq!(path, *meta.path);
        }
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn a_new_capture_date_reads_every_file_again() {
        let (corpus, dir) = scratch("captured");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        let day = NaiveDate::from_ymd_opt(2024, 11, 21);
        let again = index(&roots, &dir, day, None, false).expect("indexes");
        assert_eq!((again.changed, again.unchanged), (5, 0));
        let same = index(&roots, &dir, day, None, false).expect("indexes");
        assert_eq!((same.changed, same.unchanged), (0, 5));
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn texts_end_to_end_give_back_each_text_pushed_empty_ones_too() {
        let mut texts = Texts::with_capacity(2);
        assert_eq!(texts.iter().count(), 0);
        texts.push("Él dijo:");
        texts.push("");
        texts.push_with(|all| {
            all.push('{');
            all.push_str("\"n\":1}");
        });
        texts.push("");
        assert_eq!(texts.len(), 4);
        assert_eq!(
            texts.iter().collect::<Vec<_>>(),
            ["Él dijo:", "", "{\"n\":1}", ""]
        );
    }

    #[test]
    fn a_batch_holds_its_files_to_read_up_to_a_count_or_a_size_and_at_least_one() {
        let found = |bytes: u64| Found {
            path: PathBuf::from("f"),
            bytes,
            note: None,
        };
        let small: Vec<Found> = (0..BATCH_FILES + 10).map(|_| found(10)).collect();
        let none_same = vec![false; small.len()];
        assert_eq!(batch_end(&small, &none_same, 0, 1).0, BATCH_FILES);
        assert_eq!(batch_end(&small, &none_same, BATCH_FILES, 1).0, small.len());
        // unchanged files count for nothing
        let mut same = none_same.clone();
        same[..10].iter_mut().for_each(|s| *s = true);
        assert_eq!(batch_end(&small, &same, 0, 1).0, BATCH_FILES + 10);
        // large files end a batch once it holds BATCH_BYTES; one larger still is read alone
        let half = BATCH_BYTES / 2;
        let large = [
            found(half),
            found(half),
            found(half),
            found(BATCH_BYTES * 3),
            found(1),
        ];
        let five = [false; 5];
        assert_eq!(batch_end(&large, &five, 0, 1), (2, half * 2));
        assert_eq!(batch_end(&large, &five, 2, 1).0, 4);
        assert_eq!(batch_end(&large, &five, 3, 1).0, 4);
        assert_eq!(batch_end(&large, &five, 4, 1).0, 5);
        // an unchanged large file does not end a batch
        let mut first_same = five;
        first_same[0] = true;
        assert_eq!(batch_end(&large, &first_same, 0, 1), (3, half * 2));
        // but a batch holds as many files to read as there are reading threads
        assert_eq!(batch_end(&large, &five, 3, 2).0, 5);
        assert_eq!(batch_end(&large, &five, 0, 3).0, 3);
        assert_eq!(batch_end(&large, &first_same, 0, 3).0, 4);
    }

    #[test]
    fn a_batch_waits_for_room_while_others_hold_the_bytes_read_ahead_until_the_writer_stops() {
        use std::sync::mpsc::{RecvTimeoutError, channel};
        let in_flight = InFlight::default();
        let half = READ_AHEAD_BYTES / 2 + 1;
        // alone, a batch never waits, however large
        in_flight.take(READ_AHEAD_BYTES * 3);
        in_flight.give_back(READ_AHEAD_BYTES * 3);
        in_flight.take(half);
        std::thread::scope(|scope| {
            let (done, finished) = channel();
            let in_flight = &in_flight;
            let reader = scope.spawn(move || {
                in_flight.take(half);
                done.send(()).ok();
                in_flight.take(half);
                done.send(()).ok();
            });
            // the second batch waits until the writer takes the first
            let wait = Duration::from_millis(200);
            assert_eq!(finished.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
            in_flight.give_back(half);
            assert_eq!(finished.recv_timeout(Duration::from_secs(10)), Ok(()));
            // the third waits too, until the writer stops
            assert_eq!(finished.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
            drop(StopOnDrop(in_flight));
            assert_eq!(finished.recv_timeout(Duration::from_secs(10)), Ok(()));
            reader.join().ok();
        });
    }

    #[test]
    fn a_content_hash_is_the_lowercase_hex_of_its_sha256() {
        // the hashes an index holds compare equal to those a later run computes
        let abc = Ok(b"abc".to_vec());
        assert_eq!(
            content_hash(&abc, None).as_deref(),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        let unreadable = Err(std::io::Error::other("gone"));
        assert_eq!(content_hash(&abc, Some(&unreadable)), None);
    }

    /// The journal mode of `conn`.
    fn mode_of(conn: &Connection) -> String {
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("reads")
    }

    /// The journal mode of the database in `dir`, as a new connection finds it.
    fn journal_mode(dir: &Path) -> String {
        mode_of(&open(dir).expect("the index opens"))
    }

    #[test]
    fn a_run_in_place_writes_what_a_run_through_the_log_writes_and_turns_the_log_on_again() {
        let (corpus, dir) = scratch("in-place");
        let roots = [corpus.clone()];
        let walked = corpus::walk(&roots);
        let through_log = dir.with_file_name("idx-log");
        let mut indexer = Indexer::open(&through_log, None, None).expect("opens");
        indexer.defer_indexes = true;
        indexer.write_batch(&walked.files).expect("writes");
        indexer.finish(&roots, &walked).expect("finishes");
        let mut indexer = Indexer::open(&dir, None, None).expect("opens");
        indexer.defer_indexes = true;
        assert!(
            indexer.write_in_place().expect("switches"),
            "no other connection"
        );
        indexer.write_batch(&walked.files[..2]).expect("writes");
        // a reader opens the index between two transactions, and reads the first
        assert_eq!(mode_of(&indexer.conn), "persist");
        assert_ne!(journal_mode(&dir), "wal");
        assert_eq!(
            read(&open(&dir).expect("opens"))
                .expect("reads")
                .documents
                .len(),
            2
        );
        indexer.write_batch(&walked.files[2..]).expect("writes");
        let summary = indexer.finish(&roots, &walked).expect("finishes");
        assert_eq!(summary.added, 5);
        assert_eq!(journal_mode(&dir), "wal");
        let journal = format!("{}-journal", db_path(&dir).display());
        assert!(
            !Path::new(&journal).exists(),
            "the journal went with its mode"
        );
        let (a, b) = (
            read(&open(&dir).expect("opens")).expect("reads"),
            read(&open(&through_log).expect("opens")).expect("reads"),
        );
        assert_eq!(a.documents.len(), 5);
        assert_eq!(a.documents, b.documents);
        assert_eq!(a.evidence, b.evidence);
        let merged = |d: &Path| merged_facts(d).expect("merged facts read").0;
        assert_eq!(merged(&dir), merged(&through_log));
        assert_merged_equals_merging_everything(&dir);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn a_reader_using_the_log_keeps_a_large_run_in_it_and_an_interrupted_run_in_place_opens() {
        let (corpus, dir) = scratch("in-place-reader");
        let roots = [corpus.clone()];
        let walked = corpus::walk(&roots);
        let (a, b) = ("000_995283c400f30fe9.txt", "003_4a6cd827b8465a86.txt");
        index(&roots, &dir, None, None, false).expect("indexes");
        // a reader that has read through the log, as a REPL open on the index
        let reader = open(&dir).expect("opens");
        let before = read(&reader).expect("reads");
        let mut indexer = Indexer::open(&dir, None, None).expect("opens");
        assert!(
            !indexer.write_in_place().expect("tries"),
            "the reader keeps the log"
        );
        for name in [a, b] {
            change(&corpus, name);
        }
        indexer
            .write_batch(&walked.files)
            .expect("writes through the log");
        indexer.finish(&roots, &walked).expect("finishes");
        assert_eq!(journal_mode(&dir), "wal");
        assert_ne!(read(&reader).expect("reads").documents, before.documents);
        drop(reader);
        // without it, the run writes in place; stopped after one transaction (no finish),
        // it leaves an index that opens, its first transaction committed
        let (old_a, old_b) = (id(&dir, a), id(&dir, b));
        for name in [a, b] {
            change(&corpus, name);
        }
        {
            let mut indexer = Indexer::open(&dir, None, None).expect("opens");
            assert!(indexer.write_in_place().expect("switches"));
            indexer.write_batch(&walked.files[..1]).expect("writes");
        }
        let contents = read(&open(&dir).expect("opens")).expect("reads");
        assert_eq!(contents.documents.len(), 5);
        assert_ne!(id(&dir, a), old_a);
        assert_eq!(id(&dir, b), old_b);
        // the next run turns the log on again and merges what the stopped one changed
        let next = index(&roots, &dir, None, None, false).expect("indexes");
        assert_eq!((next.changed, next.unchanged), (1, 4));
        assert_eq!(journal_mode(&dir), "wal");
        assert_merged_equals_merging_everything(&dir);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn the_writer_waits_for_a_whole_checkpoint_once_the_log_is_long() {
        let (corpus, dir) = scratch("wal");
        let walked = corpus::walk(&[corpus]);
        let mut indexer = Indexer::open(&dir, None, None).expect("opens");
        indexer.write_batch(&walked.files).expect("writes");
        indexer.checkpointer.settle();
        // (checkpoints asked for, done, pages in the log after the last)
        let state = |c: &Checkpointer| {
            let s = c.shared.0.lock().expect("not poisoned");
            (s.requested, s.done, s.log_pages)
        };
        let (asked, done, pages) = state(&indexer.checkpointer);
        assert_eq!(asked, done);
        assert!(pages > 0, "the transaction is in the log");
        // shorter than the limit: the writer goes on at once
        indexer.checkpointer.restart_pages = pages + 1;
        indexer.checkpointer.restart_if_long();
        assert_eq!(state(&indexer.checkpointer), (asked, done, pages));
        // as long as the limit: it asks for a checkpoint of everything and waits for it
        indexer.checkpointer.restart_pages = pages;
        indexer.checkpointer.restart_if_long();
        assert_eq!(state(&indexer.checkpointer), (asked + 1, asked + 1, 0));
        // the next transaction writes the log from its beginning: it holds that one alone
        indexer.write_batch(&walked.files[..1]).expect("writes");
        indexer.checkpointer.settle();
        let (_, _, after) = state(&indexer.checkpointer);
        assert!(after > 0 && after < pages, "{after} pages after {pages}");
        drop(indexer);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn a_sentence_id_is_never_given_twice() {
        let (corpus, dir) = scratch("ids");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        let ids = |sql: &str| -> Option<i64> {
            let conn = open(&dir).expect("the index opens");
            conn.query_row(sql, [], |r| r.get(0))
                .expect("the query runs")
        };
        let highest = ids("SELECT max(id) FROM sentences").expect("sentences");
        // the file read last holds the highest ids: removing it frees the top of the range
        let last: String = open(&dir)
            .expect("the index opens")
            .query_row(
                "SELECT h.file FROM sentences s JOIN heads h USING (doc)
                 WHERE s.id = (SELECT max(id) FROM sentences)",
                [],
                |r| r.get(0),
            )
            .expect("a file");
        let bytes = std::fs::read(&last).expect("reads");
        std::fs::remove_file(&last).expect("removes");
        assert_eq!(
            index(&roots, &dir, None, None, false)
                .expect("indexes")
                .removed,
            1
        );
        assert!(ids("SELECT max(id) FROM sentences").is_some_and(|m| m < highest));
        // a new file, read after the others, takes ids above any given before
        let again = corpus.join("zz-again.txt");
        std::fs::write(&again, &bytes).expect("writes");
        assert_eq!(
            index(&roots, &dir, None, None, false)
                .expect("indexes")
                .added,
            1
        );
        let lowest_new = ids(&format!(
            "SELECT min(s.id) FROM sentences s JOIN heads h USING (doc) WHERE h.file = '{}'",
            again.display()
        ));
        assert!(
            lowest_new.is_some_and(|id| id > highest),
            "{lowest_new:?} after {highest}"
        );
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn later_transactions_or_a_large_run_stage_their_postings_and_finishing_moves_them_and_builds_the_indexes()
     {
        let (corpus, dir) = scratch("staged");
        let roots = [corpus.clone()];
        let count = |sql: &str| -> i64 {
            let conn = open(&dir).expect("the index opens");
            conn.query_row(sql, [], |r| r.get(0))
                .expect("the query runs")
        };
        let deferred = "SELECT count(*) FROM sqlite_schema
                        WHERE type = 'index' AND name IN ('documents_id', 'facts_part')";
        let walked = corpus::walk(&roots);
        // a run that keeps the indexes: its first transaction writes `postings`, the next
        // are staged
        let mut indexer = Indexer::open(&dir, None, None).expect("opens");
        assert_eq!(count(deferred), 2, "created with the tables");
        indexer.write_batch(&walked.files[..2]).expect("writes");
        let direct = count("SELECT count(*) FROM postings");
        assert!(direct > 0);
        assert_eq!(count("SELECT count(*) FROM staged_postings"), 0);
        indexer.write_batch(&walked.files[2..]).expect("writes");
        let staged = count("SELECT count(*) FROM staged_postings");
        assert!(staged > 0);
        assert_eq!(count("SELECT count(*) FROM postings"), direct);
        assert_eq!(count(deferred), 2, "kept");
        indexer.finish(&roots, &walked).expect("finishes");
        assert_eq!(count("SELECT count(*) FROM staged_postings"), 0);
        assert_eq!(count("SELECT count(*) FROM postings"), direct + staged);
        assert_merged_equals_merging_everything(&dir);
        let postings = direct + staged;
        // a large run, which defers the indexes: every transaction is staged
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", db_path(&dir).display());
            std::fs::remove_file(file).ok();
        }
        assert!(!db_path(&dir).exists(), "a fresh index");
        let mut indexer = Indexer::open(&dir, None, None).expect("opens");
        indexer.defer_indexes = true;
        indexer.write_batch(&walked.files[..2]).expect("writes");
        assert_eq!(count(deferred), 0, "dropped by a run that defers them");
        assert_eq!(count("SELECT count(*) FROM postings"), 0);
        assert!(count("SELECT count(*) FROM staged_postings") > 0);
        indexer.write_batch(&walked.files[2..]).expect("writes");
        assert_eq!(count("SELECT count(*) FROM postings"), 0);
        let summary = indexer.finish(&roots, &walked).expect("finishes");
        assert_eq!(summary.added, 5);
        assert_eq!(count("SELECT count(*) FROM staged_postings"), 0);
        assert_eq!(count("SELECT count(*) FROM postings"), postings);
        assert_eq!(count(deferred), 2, "built again");
        assert_merged_equals_merging_everything(&dir);
        // a run of one transaction (a file changed) writes `postings` directly
        change(&corpus, "000_995283c400f30fe9.txt");
        let next = index(&roots, &dir, None, None, false).expect("indexes");
        assert_eq!((next.changed, next.unchanged), (1, 4));
        assert_eq!(count("SELECT count(*) FROM staged_postings"), 0);
        assert!(count("SELECT count(*) FROM postings") > postings);
        assert_eq!(count(deferred), 2);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn compacting_leaves_every_posting_naming_a_live_sentence() {
        let (corpus, dir) = scratch("compact");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        // two of five documents change: their old sentences, more than a quarter of the live
        // ones, go stale, in the first segment; the second holds only live sentences
        for name in ["000_995283c400f30fe9.txt", "003_4a6cd827b8465a86.txt"] {
            change(&corpus, name);
        }
        let next = index(&roots, &dir, None, None, false).expect("indexes");
        assert_eq!(next.changed, 2);
        let conn = open(&dir).expect("opens");
        let stale: i64 = conn
            .query_row("SELECT count(*) FROM dead", [], |r| r.get(0))
            .expect("counts");
        assert_eq!(stale, 0, "compacted");
        let live: HashSet<u32> = conn
            .prepare("SELECT id FROM sentences")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .expect("ids");
        let blobs: Vec<Vec<u8>> = conn
            .prepare("SELECT data FROM postings")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .expect("blobs");
        let mut named = 0;
        for blob in &blobs {
            decode_postings(blob, &mut |p| {
                assert!(
                    live.contains(&p.sentence),
                    "sentence {} is stale",
                    p.sentence
                );
                named += 1;
            });
        }
        assert!(named > 100, "{named} postings");
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    /// The sentence ids each posting blob of `conn` names, with its term.
    fn postings_by_term(conn: &Connection) -> Vec<(i64, u32)> {
        let blobs: Vec<(i64, Vec<u8>)> = conn
            .prepare("SELECT term, data FROM postings")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .expect("blobs");
        let mut named = Vec::new();
        for (term, blob) in &blobs {
            decode_postings(blob, &mut |p| named.push((*term, p.sentence)));
        }
        named
    }

    #[test]
    fn a_compaction_pass_spread_over_runs_removes_the_ids_stale_when_it_began() {
        let (corpus, dir) = scratch("compact-runs");
        index(&[corpus], &dir, None, None, false).expect("indexes");
        let mut conn = open(&dir).expect("opens");
        // every third sentence is stale before the pass begins
        conn.execute(
            "INSERT INTO dead (first_sentence, count, pass)
             SELECT id, 1, 0 FROM sentences WHERE id % 3 = 0",
            [],
        )
        .expect("marks");
        let early: HashSet<u32> = postings_by_term(&conn)
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| s % 3 == 0)
            .collect();
        assert!(early.len() > 20, "{} stale sentences", early.len());
        let terms: i64 = conn
            .query_row("SELECT count(DISTINCT term) FROM postings", [], |r| {
                r.get(0)
            })
            .expect("counts");
        let mut late = None;
        let mut runs = 0;
        loop {
            let tx = conn.transaction().expect("begins");
            compact_if_stale(&tx, 1).expect("compacts");
            let cursor: Option<i64> = meta(&tx, "compact_cursor")
                .expect("reads")
                .map(|c| c.parse().expect("a term"));
            runs += 1;
            if runs == 1 {
                assert!(cursor.is_some(), "a pass takes several runs here");
                // a sentence named in a rewritten blob goes stale during the pass
                let named = postings_by_term(&tx);
                let (_, id) = *named
                    .iter()
                    .find(|(t, s)| Some(*t) < cursor && s % 3 != 0)
                    .expect("a live sentence in a rewritten blob");
                let pass: i64 = meta_number(&tx, "compact_pass").expect("reads");
                tx.execute(
                    "INSERT INTO dead (first_sentence, count, pass) VALUES (?1, 1, ?2)",
                    params![id, pass],
                )
                .expect("marks");
                late = Some(id);
            }
            // the blobs of the terms done are without the ids stale when the pass began
            for (term, sentence) in postings_by_term(&tx) {
                if cursor.is_none_or(|c| term < c) {
                    assert!(!early.contains(&sentence), "term {term} names {sentence}");
                }
            }
            tx.commit().expect("commits");
            if cursor.is_none() {
                break;
            }
            assert!(runs <= terms, "the pass ends");
        }
        assert!(runs > 2, "{runs} runs");
        let dead = dead_ids(&conn).expect("ids");
        // the sentence that went stale during the pass may remain in rewritten blobs
        assert_eq!(dead, late.into_iter().collect::<Vec<_>>());
        assert!(
            postings_by_term(&conn)
                .iter()
                .any(|(_, s)| Some(*s) == late)
        );
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    /// Turns the index `conn` of this schema into one of schema 8: each sentence names its
    /// file, item, number and document id instead of its document's number.
    fn make_schema_8(conn: &Connection) {
        conn.execute_batch(&format!(
            "ALTER TABLE sentences RENAME TO schema_9_sentences;
             CREATE TABLE sentences (
                 id INTEGER PRIMARY KEY,
                 file TEXT NOT NULL,
                 item INTEGER NOT NULL,
                 n INTEGER NOT NULL,
                 doc_id TEXT NOT NULL,
                 terms BLOB NOT NULL,
                 len INTEGER NOT NULL,
                 text TEXT NOT NULL,
                 data TEXT NOT NULL
             );
             INSERT INTO sentences (id, file, item, n, doc_id, terms, len, text, data)
                 SELECT s.id, h.file, h.item, s.id - h.first_sentence, d.id, s.terms, s.len,
                     s.text, s.data
                 FROM schema_9_sentences s JOIN heads h USING (doc)
                     JOIN documents d USING (file, item);
             DROP TABLE schema_9_sentences;
             UPDATE meta SET value = '{SCHEMA_8}' WHERE key = 'schema';"
        ))
        .expect("made schema 8");
    }

    /// Indexes `roots` (the five seeds, unchanged) into `dir` again, checks that the run read
    /// nothing and left the index at this schema, and opens it.
    fn migrated_by_an_unchanged_run(roots: &[PathBuf], dir: &Path) -> Connection {
        let next = index(roots, dir, None, None, false).expect("indexes again");
        assert_eq!(next.unchanged, 5);
        let conn = open(dir).expect("opens");
        assert_eq!(
            meta(&conn, "schema").expect("reads").as_deref(),
            Some(SCHEMA_VERSION)
        );
        conn
    }

    #[test]
    fn an_index_of_schema_8_reads_and_migrates_on_the_next_run() {
        let (corpus, dir) = scratch("migrate-8");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        let (merged, ..) = merged_facts(&dir).expect("reads");
        let question = "when did Japan lift restrictions?";
        let answer = |dir: &Path| {
            let (mut session, _) = session(dir).expect("opens");
            format!("{:?}", session.answer(question))
        };
        let answered = answer(&dir);
        assert!(answered.contains("Japan"), "{answered}");
        let conn = open(&dir).expect("opens");
        let contents = read(&conn).expect("reads");
        let sentences = row_count(&conn, "sentences").expect("counts");
        make_schema_8(&conn);
        assert!(conn.prepare("SELECT doc FROM sentences").is_err());
        drop(conn);
        // read as it is
        assert_eq!(merged_facts(&dir).expect("schema 8 reads").0, merged);
        assert_eq!(answer(&dir), answered);
        // a run that changes nothing migrates it
        let conn = migrated_by_an_unchanged_run(&roots, &dir);
        assert_eq!(row_count(&conn, "sentences").expect("counts"), sentences);
        let outside: i64 = conn
            .query_row(
                "SELECT count(*) FROM sentences s JOIN heads h USING (doc)
                 WHERE s.id < h.first_sentence OR s.id >= h.first_sentence + h.sentence_count",
                [],
                |r| r.get(0),
            )
            .expect("counts");
        assert_eq!(outside, 0);
        let after = read(&conn).expect("reads");
        assert_eq!(after.documents, contents.documents);
        assert_eq!(after.evidence, contents.evidence);
        drop(conn);
        assert_eq!(merged_facts(&dir).expect("reads").0, merged);
        assert_eq!(answer(&dir), answered);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn an_index_of_schema_7_reads_and_migrates_on_the_next_run() {
        let (corpus, dir) = scratch("migrate");
        let roots = [corpus.clone()];
        index(&roots, &dir, None, None, false).expect("indexes");
        let (merged, ..) = merged_facts(&dir).expect("reads");
        assert!(merged.iter().any(|f| f.sources.len() > 1), "{merged:#?}");
        // schema 7: heads numbered by rowid alone, facts without theirs, sources citing paths
        // (and sentences naming their file and item, as in schema 8)
        {
            let conn = open(&dir).expect("opens");
            make_schema_8(&conn);
            let heads = read_docs(&conn).expect("heads");
            // rowid, data, first path and sources
            type Row = (i64, String, Option<String>, Option<Vec<u8>>);
            let rows: Vec<Row> = conn
                .prepare("SELECT rowid, data, first_path, sources FROM merged_facts")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                        .collect()
                })
                .expect("merged rows");
            for (rowid, data, first, sources) in rows {
                let parsed =
                    stored_fact::parse(&data, first.as_deref(), sources.as_deref()).expect("reads");
                let fact = resolve_merged(vec![parsed], &heads)
                    .expect("completes")
                    .remove(0);
                conn.execute(
                    "UPDATE merged_facts SET data = ?1 WHERE rowid = ?2",
                    params![stored_fact::encode_schema_7(&fact), rowid],
                )
                .expect("rewritten");
            }
            conn.execute_batch(&format!(
                "CREATE TABLE old_heads (
                     file TEXT NOT NULL,
                     item INTEGER NOT NULL,
                     head TEXT NOT NULL,
                     title_terms BLOB NOT NULL,
                     first_sentence INTEGER NOT NULL,
                     sentence_count INTEGER NOT NULL,
                     PRIMARY KEY (file, item)
                 );
                 INSERT INTO old_heads (rowid, file, item, head, title_terms, first_sentence, sentence_count)
                     SELECT doc, file, item, head, title_terms, first_sentence, sentence_count FROM heads;
                 DROP TABLE heads;
                 ALTER TABLE old_heads RENAME TO heads;
                 ALTER TABLE facts DROP COLUMN doc;
                 ALTER TABLE merged_facts DROP COLUMN first_path;
                 ALTER TABLE merged_facts DROP COLUMN sources;
                 UPDATE meta SET value = '{SCHEMA_7}' WHERE key = 'schema';"
            ))
            .expect("made the previous schema");
            let cites_paths: i64 = conn
                .query_row(
                    "SELECT count(*) FROM merged_facts WHERE data LIKE '%\"sources\":[[\"%'",
                    [],
                    |r| r.get(0),
                )
                .expect("counts");
            assert!(cites_paths > 5);
        }
        assert_eq!(
            merged_facts(&dir).expect("the previous schema reads").0,
            merged
        );
        session(&dir).expect("the previous schema opens");
        // a run that changes nothing migrates and merges every partition again
        let conn = migrated_by_an_unchanged_run(&roots, &dir);
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect("counts") };
        assert_eq!(
            count("SELECT count(*) FROM merged_facts WHERE data LIKE '%\"sources\":[[\"%'"),
            0
        );
        assert_eq!(
            count("SELECT count(*) FROM merged_facts WHERE sources IS NULL OR first_path IS NULL"),
            0
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM facts f JOIN heads h USING (file, item) WHERE f.doc = h.doc"
            ),
            count("SELECT count(*) FROM facts")
        );
        assert_eq!(merged_facts(&dir).expect("reads").0, merged);
        // a document written again keeps its number
        let numbers = |conn: &Connection| -> Vec<(i64, i64)> {
            conn.prepare("SELECT item, doc FROM heads WHERE file LIKE '%004_%' ORDER BY item")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect()
                })
                .expect("numbers")
        };
        let before = numbers(&conn);
        assert!(!before.is_empty());
        drop(conn);
        change(&corpus, "004_ccf8e32df5cbf0f3.txt");
        let next = index(&roots, &dir, None, None, false).expect("indexes");
        assert_eq!(next.changed, 1);
        assert_eq!(numbers(&open(&dir).expect("opens")), before);
        assert_merged_equals_merging_everything(&dir);
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }

    #[test]
    fn postings_grouped_by_term_equal_postings_sorted_by_term_and_sentence() {
        let posting = |sentence: u32| Posting {
            sentence,
            tf: (sentence % 3) as u16 + 1,
            len: 7,
            next_in_doc: sentence % 2 == 0,
        };
        // several terms per sentence, in sentence order, as a batch gathers them
        let mut postings: Vec<(u32, Posting)> = Vec::new();
        for sentence in 10..400u32 {
            for term in [sentence % 7, 7 + sentence % 11, 40 + sentence % 3] {
                postings.push((term, posting(sentence)));
            }
        }
        let mut sorted = postings.clone();
        sorted.sort_unstable_by_key(|p| (p.0, p.1.sentence));
        assert_eq!(group_by_term(postings.clone()), sorted);
        // out of sentence order, or with sparse term ids, it sorts them all the same
        postings.reverse();
        assert_eq!(group_by_term(postings.clone()), sorted);
        let sparse = vec![
            (u32::MAX, posting(1)),
            (3, posting(2)),
            (u32::MAX, posting(3)),
        ];
        assert_eq!(
            group_by_term(sparse),
            vec![
                (3, posting(2)),
                (u32::MAX, posting(1)),
                (u32::MAX, posting(3))
            ]
        );
        assert!(group_by_term(Vec::new()).is_empty());
    }

    #[test]
    fn indexing_other_paths_keeps_what_was_indexed_from_the_first() {
        let (corpus, dir) = scratch("roots");
        let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/formats");
        index(std::slice::from_ref(&corpus), &dir, None, None, false).expect("indexes");
        let other =
            index(std::slice::from_ref(&formats), &dir, None, None, false).expect("indexes");
        assert_eq!(other.removed, 0);
        // a path given that no longer exists removes what was indexed under it
        std::fs::remove_dir_all(&corpus).ok();
        let gone = index(std::slice::from_ref(&corpus), &dir, None, None, false).expect("indexes");
        assert_eq!(gone.removed, 5);
        let contents = read(&open(&dir).expect("opens")).expect("reads");
        assert!(
            contents
                .documents
                .iter()
                .all(|d| d.path.contains("formats"))
        );
        assert!(!contents.documents.is_empty());
        std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    }
}
