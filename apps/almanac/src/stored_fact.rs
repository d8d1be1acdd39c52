//! How the index stores facts. A merged fact (`merged_facts.data`, [`encode`]) is the fact's
//! JSON with its sources cut down to what the document does not already say; a document's own
//! fact (`facts.data`, [`encode_whole`]) is whole. Both tag the fact's kind outside
//! (`{"event": {...}}`): the model's own form tags it inside (`"type"`), which makes serde
//! buffer every fact before reading it, and re-merging reads hundreds of thousands of them.
//!
//! A merged fact cites every copy of its sentence: the 100 wire copies of a story give one
//! fact with 100 sources, each repeating the document's id, path, title and date and the
//! same sentence. Written whole, the merged facts of 100,000 documents take 94 MB of JSON,
//! and reading them was most of the time `almanac ask --index` took to open. Stored here,
//! the fact lists its distinct sentences and rules once, and its sources are kept apart
//! ([`Encoded::sources`]) as varints: document number (its head's, `heads.doc`), sentence
//! and rule numbers in those lists, span, then the confidence. The document's id, path,
//! title and date come back from its head (`heads.head`), which opening reads anyway.
//! Extraction takes those fields from the document a source cites, so the fact read back
//! equals the fact written. An index of schema 7 kept the sources in the JSON, each naming
//! its document by path ([`PathSource`]); they read the same way.

use std::borrow::Cow;
use std::sync::Arc;

use almanac_ask::DocMeta;
use almanac_model::{Conflict, Event, Fact, FactKind, Provenance, Role};
use anyhow::Context;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::store::{get_varint, put_varint};

/// A merged fact as stored; its kind is a [`StoredKind`] when read, a [`KindRef`] when
/// written.
#[derive(Serialize, Deserialize)]
struct StoredFact<'a, K> {
    /// [`Fact::id`].
    #[serde(borrow)]
    id: Cow<'a, str>,
    /// [`Fact::kind`], tagged outside (the model's own form, tagged inside, makes serde
    /// buffer every fact before reading it).
    kind: K,
    /// The distinct sentences of its sources, in the order of first use.
    #[serde(borrow)]
    sentences: Vec<Cow<'a, str>>,
    /// The distinct rules of its sources, in the order of first use; the sources themselves
    /// are stored apart ([`encode`]).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    rules: Vec<Cow<'a, str>>,
    /// Its sources as schema 7 stored them, citing their documents by path.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<PathSource<'a>>,
    /// [`Fact::conflicts`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<Conflict>,
}

/// [`FactKind`] as stored.
#[derive(Serialize, Deserialize)]
enum StoredKind {
    /// [`FactKind::Event`].
    #[serde(rename = "event")]
    Event(Event),
    /// [`FactKind::Role`].
    #[serde(rename = "role")]
    Role(Role),
}

/// [`StoredKind`] borrowed, to write a fact without copying it.
#[derive(Serialize)]
enum KindRef<'a> {
    /// [`FactKind::Event`].
    #[serde(rename = "event")]
    Event(&'a Event),
    /// [`FactKind::Role`].
    #[serde(rename = "role")]
    Role(&'a Role),
}

impl<'a> KindRef<'a> {
    fn of(kind: &'a FactKind) -> Self {
        match kind {
            FactKind::Event(e) => KindRef::Event(e),
            FactKind::Role(r) => KindRef::Role(r),
        }
    }
}

impl From<StoredKind> for FactKind {
    fn from(kind: StoredKind) -> Self {
        match kind {
            StoredKind::Event(e) => FactKind::Event(e),
            StoredKind::Role(r) => FactKind::Role(r),
        }
    }
}

/// A document's fact as stored (`facts.data`): whole, with its kind tagged outside.
#[derive(Deserialize)]
struct WholeFact {
    /// [`Fact::id`].
    id: String,
    /// [`Fact::kind`].
    kind: StoredKind,
    /// [`Fact::sources`].
    sources: Vec<Provenance>,
    /// [`Fact::conflicts`].
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// [`WholeFact`] borrowed, to write it.
#[derive(Serialize)]
struct WholeFactRef<'a> {
    id: &'a str,
    kind: KindRef<'a>,
    sources: &'a [Provenance],
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
}

/// The stored text of one document's fact (`facts.data`): the fact whole, its kind tagged
/// outside.
pub(crate) fn encode_whole(fact: &Fact) -> serde_json::Result<String> {
    serde_json::to_string(&WholeFactRef {
        id: &fact.id,
        kind: KindRef::of(&fact.kind),
        sources: &fact.sources,
        conflicts: &fact.conflicts,
    })
}

/// Reads back a fact stored by [`encode_whole`].
pub(crate) fn decode_whole(text: &str) -> anyhow::Result<Fact> {
    let f: WholeFact = serde_json::from_str(text).context("a document's fact is not valid")?;
    Ok(Fact {
        id: f.id,
        kind: f.kind.into(),
        sources: f.sources,
        conflicts: f.conflicts,
    })
}

/// A source as schema 7 stored it: document path, index into [`StoredFact::sentences`],
/// span, rule and confidence.
#[derive(Serialize, Deserialize)]
struct PathSource<'a>(
    #[serde(borrow)] Cow<'a, str>,
    usize,
    usize,
    usize,
    #[serde(borrow)] Cow<'a, str>,
    f32,
);

/// A stored merged fact: its JSON (`merged_facts.data`) and its sources
/// (`merged_facts.sources`).
#[derive(Debug)]
pub(crate) struct Encoded {
    /// The fact without its sources, with the distinct sentences and rules they cite.
    pub(crate) data: String,
    /// Its sources, each as five varints (document number in `heads.doc`, sentence
    /// number, span start and end, rule number) and its confidence (an `f32`, little-endian).
    /// Reading 231,453 sources as JSON arrays was 42% of the time reading the merged facts
    /// of 100,000 documents took.
    pub(crate) sources: Vec<u8>,
}

/// The stored form of the merged fact `fact`, whose sources' documents `number` finds by
/// path (in `heads.doc`).
pub(crate) fn encode(fact: &Fact, number: impl Fn(&str) -> Option<i64>) -> anyhow::Result<Encoded> {
    let mut sentences: Vec<Cow<'_, str>> = Vec::new();
    let mut rules: Vec<Cow<'_, str>> = Vec::new();
    let mut numbers: FxHashMap<&str, usize> = FxHashMap::default();
    let mut blob = Vec::with_capacity(fact.sources.len() * 12);
    for s in &fact.sources {
        let n = *numbers.entry(&*s.sentence).or_insert_with(|| {
            sentences.push(Cow::Borrowed(&s.sentence));
            sentences.len() - 1
        });
        let rule = match rules.iter().position(|r| *r == *s.rule) {
            Some(r) => r,
            None => {
                rules.push(Cow::Borrowed(&s.rule));
                rules.len() - 1
            }
        };
        let doc = number(&s.doc_path)
            .and_then(|d| u64::try_from(d).ok())
            .with_context(|| format!("a merged fact cites {}, which has no head", s.doc_path))?;
        for v in [
            doc,
            n as u64,
            s.span.start as u64,
            s.span.end as u64,
            rule as u64,
        ] {
            put_varint(&mut blob, v);
        }
        blob.extend_from_slice(&s.confidence.to_le_bytes());
    }
    let data = serde_json::to_string(&StoredFact {
        id: Cow::Borrowed(&fact.id),
        kind: KindRef::of(&fact.kind),
        sentences,
        rules,
        sources: Vec::new(),
        conflicts: fact.conflicts.clone(),
    })?;
    Ok(Encoded {
        data,
        sources: blob,
    })
}

/// The text of the merged fact `fact` as schema 7 stored it, its sources in it citing paths.
#[cfg(test)]
pub(crate) fn encode_schema_7(fact: &Fact) -> String {
    let mut sentences: Vec<Cow<'_, str>> = Vec::new();
    let sources = fact
        .sources
        .iter()
        .map(|s| {
            let n = sentences
                .iter()
                .position(|t| *t == *s.sentence)
                .unwrap_or_else(|| {
                    sentences.push(Cow::Borrowed(&s.sentence));
                    sentences.len() - 1
                });
            PathSource(
                Cow::Borrowed(&s.doc_path),
                n,
                s.span.start,
                s.span.end,
                Cow::Borrowed(&s.rule),
                s.confidence,
            )
        })
        .collect();
    serde_json::to_string(&StoredFact {
        id: Cow::Borrowed(&fact.id),
        kind: KindRef::of(&fact.kind),
        sentences,
        rules: Vec::new(),
        sources,
        conflicts: fact.conflicts.clone(),
    })
    .unwrap_or_default()
}

/// A merged fact read by [`parse`], its sources not yet completed.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The fact; its sources' documents are known by [`Parsed::docs`] only, but for the
    /// first source's path (its `doc_path`), which orders the facts before they are
    /// completed ([`sort`]).
    pub(crate) fact: Fact,
    /// The document number each source cites (`heads.doc`), or `None` where the source
    /// names its document by path (schema 7), in its `doc_path`.
    docs: Vec<Option<i64>>,
    /// Whether the first source cites a number and no path was stored beside the fact
    /// (`merged_facts.first_path`) to order it by.
    first_unknown: bool,
}

/// Reads a fact stored by [`encode`]: its `text` and `sources`, with the path of its first
/// source's document (`first_path`), or the text alone as schema 7 stored it. Its sources
/// name their documents by number (or path) only: their id, path, title and date are left
/// empty until [`complete`] fills them in. Its distinct sentences and rules are shared by
/// the sources that cite them.
pub(crate) fn parse(
    text: &str,
    first_path: Option<&str>,
    sources: Option<&[u8]>,
) -> anyhow::Result<Parsed> {
    let stored: StoredFact<'_, StoredKind> =
        serde_json::from_str(text).context("a merged fact is not valid")?;
    let share = |texts: &[Cow<'_, str>]| -> Vec<Arc<str>> {
        texts.iter().map(|c| Arc::from(c.as_ref())).collect()
    };
    let sentences = share(&stored.sentences);
    let sentence = |n: usize| {
        sentences.get(n).with_context(|| {
            format!(
                "a merged fact's source cites its sentence {n} of {}",
                sentences.len()
            )
        })
    };
    let unset: Arc<str> = Arc::from("");
    let source =
        |doc_path: Arc<str>, sentence: &Arc<str>, span, rule: &Arc<str>, confidence| Provenance {
            doc_id: Arc::clone(&unset),
            doc_path,
            doc_title: None,
            doc_date: None,
            sentence: Arc::clone(sentence),
            span,
            rule: Arc::clone(rule),
            confidence,
        };
    // sized once: grown by doubling, the sources of the merged facts of 100,000 documents
    // took 66 MB of allocations for 39 MB kept
    let count = match sources {
        Some(bytes) => count_sources(bytes),
        None => stored.sources.len(),
    };
    let mut docs = Vec::with_capacity(count);
    let mut provenance = Vec::with_capacity(count);
    // the first source's document path, until the source is completed
    let first_given = first_path.is_some();
    let mut first_path = first_path.map(Arc::from);
    match sources {
        Some(bytes) => {
            let rules = share(&stored.rules);
            let damaged =
                || anyhow::anyhow!("the sources of the merged fact {} are damaged", stored.id);
            let mut at = 0;
            while at < bytes.len() {
                let mut next = || {
                    get_varint(bytes, &mut at)
                        .and_then(|v| usize::try_from(v).ok())
                        .ok_or_else(damaged)
                };
                let (doc, n, start, end, rule) = (next()?, next()?, next()?, next()?, next()?);
                let confidence = bytes
                    .get(at..at + 4)
                    .and_then(|b| <[u8; 4]>::try_from(b).ok())
                    .map(f32::from_le_bytes)
                    .ok_or_else(damaged)?;
                at += 4;
                let rule = rules.get(rule).with_context(|| {
                    format!(
                        "a merged fact's source cites its rule {rule} of {}",
                        rules.len()
                    )
                })?;
                docs.push(Some(i64::try_from(doc)?));
                provenance.push(source(
                    first_path.take().unwrap_or_else(|| Arc::clone(&unset)),
                    sentence(n)?,
                    start..end,
                    rule,
                    confidence,
                ));
            }
        }
        None => {
            // a fact's sources mostly share one or two rules
            let mut rules: Vec<Arc<str>> = Vec::new();
            for PathSource(path, n, start, end, rule, confidence) in &stored.sources {
                let rule = match rules.iter().find(|r| ***r == **rule) {
                    Some(r) => Arc::clone(r),
                    None => {
                        let r: Arc<str> = Arc::from(rule.as_ref());
                        rules.push(Arc::clone(&r));
                        r
                    }
                };
                docs.push(None);
                provenance.push(source(
                    Arc::from(path.as_ref()),
                    sentence(*n)?,
                    *start..*end,
                    &rule,
                    *confidence,
                ));
            }
        }
    }
    let first_unknown = !first_given && matches!(docs.first(), Some(Some(_)));
    Ok(Parsed {
        fact: Fact {
            id: stored.id.into_owned(),
            kind: stored.kind.into(),
            sources: provenance,
            conflicts: stored.conflicts,
        },
        docs,
        first_unknown,
    })
}

/// The number of sources in `bytes` as [`encode`] writes them (five varints and four bytes
/// each), counting a damaged last one.
fn count_sources(bytes: &[u8]) -> usize {
    let mut at = 0;
    let mut count = 0;
    while at < bytes.len() {
        for _ in 0..5 {
            if get_varint(bytes, &mut at).is_none() {
                return count + 1;
            }
        }
        at += 4;
        count += 1;
    }
    count
}

impl Parsed {
    /// Whether a source names its document by path (an index of schema 7).
    pub(crate) fn cites_paths(&self) -> bool {
        self.docs.iter().any(Option::is_none)
    }
}

/// Sorts facts read by [`parse`] in the order [`almanac_extract::sort_merged`] gives them
/// once completed, in place.
pub(crate) fn sort(parsed: &mut [Parsed]) -> anyhow::Result<()> {
    if let Some(p) = parsed.iter().find(|p| p.first_unknown) {
        anyhow::bail!("the merged fact {} has no first path", p.fact.id);
    }
    parsed.sort_by_cached_key(|p| almanac_extract::merged_order(&p.fact));
    Ok(())
}

/// Completes the sources of a fact read by [`parse`], in place, from their documents'
/// metadata, which `by_number` finds by head number and `by_path` by path; the sources
/// share the metadata's strings.
pub(crate) fn complete<'d>(
    parsed: &mut Parsed,
    by_number: impl Fn(i64) -> Option<&'d DocMeta>,
    by_path: impl Fn(&str) -> Option<&'d DocMeta>,
) -> anyhow::Result<()> {
    for (source, number) in parsed.fact.sources.iter_mut().zip(&parsed.docs) {
        let doc = match *number {
            Some(n) => by_number(n).with_context(|| {
                format!(
                    "a merged fact cites the document number {n}, which the index does not hold"
                )
            })?,
            None => by_path(&source.doc_path).with_context(|| {
                format!(
                    "a merged fact cites the document {}, which the index does not hold",
                    source.doc_path
                )
            })?,
        };
        source.doc_id = Arc::clone(&doc.id);
        source.doc_path = Arc::clone(&doc.path);
        source.doc_title.clone_from(&doc.title);
        source.doc_date = doc.date;
    }
    Ok(())
}

/// Reads back a fact stored by [`encode`]; `document` finds a document's metadata by
/// number.
#[cfg(test)]
fn decode<'d>(
    stored: &Encoded,
    document: impl Fn(i64) -> Option<&'d DocMeta>,
) -> anyhow::Result<Fact> {
    let mut parsed = parse(&stored.data, None, Some(&stored.sources))?;
    complete(&mut parsed, document, |_| None)?;
    Ok(parsed.fact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use almanac_extract::Extractor;
    use almanac_model::{DateKnown, Document};

    fn doc(path: &str, text: &str, title: &str, day: u32) -> Document {
        let mut d = Document::new(path, "plain-text", text);
        d.title = Some(title.to_owned());
        d.published.local =
            chrono::NaiveDate::from_ymd_opt(2023, 4, day).and_then(|d| d.and_hms_opt(9, 0, 0));
        d.published.known = DateKnown::Explicit;
        d
    }

    #[test]
    fn a_stored_fact_reads_back_equal_and_smaller() {
        let docs = [
            doc(
                "a.txt",
                "Japan lifted export restrictions on South Korea. The port of Busan reopened on Monday.",
                "Ports",
                1,
            ),
            doc(
                "feed.xml#2",
                "Japan lifted export restrictions on South Korea.",
                "Ports again",
                2,
            ),
        ];
        let extractor = Extractor::new();
        let mut facts = extractor.extract(&docs[0]);
        let copy = extractor.extract(&docs[1]);
        assert!(
            !facts.is_empty() && !copy.is_empty(),
            "the sentences give facts"
        );
        facts.extend(copy);
        let merged = almanac_extract::merge(facts);
        assert!(
            merged.iter().any(|f| f.sources.len() == 2),
            "the copies merge: {merged:#?}"
        );
        let metas: Vec<DocMeta> = docs.iter().map(DocMeta::of).collect();
        // document numbers as heads give them: not positions
        let number = |path: &str| {
            let at = metas.iter().position(|m| *m.path == *path)?;
            Some(1000 + 7 * at as i64)
        };
        let by_number = |n: i64| metas.get(usize::try_from((n - 1000) / 7).ok()?);
        for fact in &merged {
            let stored = encode(fact, number).unwrap();
            assert!(!stored.data.contains("\"sources\""), "{}", stored.data);
            assert!(stored.data.contains("\"rules\":[\""), "{}", stored.data);
            // a two-byte number, four one-byte varints at most, the confidence
            let first = &stored.sources[..2];
            assert_eq!(first, [0xe8, 0x07], "1000 as a varint");
            assert_eq!(&decode(&stored, by_number).unwrap(), fact);
            // the sources are counted before they are read, for their list's size
            assert_eq!(count_sources(&stored.sources), fact.sources.len());
            let cut = &stored.sources[..stored.sources.len() - 5];
            assert_eq!(
                count_sources(cut),
                fact.sources.len(),
                "a damaged last one counts"
            );
            let whole = encode_whole(fact).unwrap();
            assert!(whole.contains("\"kind\":{\"event\":{"), "{whole}");
            assert_eq!(&decode_whole(&whole).unwrap(), fact);
            if fact.sources.len() == 2 {
                let size = stored.data.len() + stored.sources.len();
                assert!(size < serde_json::to_string(fact).unwrap().len() * 2 / 3);
            }
        }
    }

    #[test]
    fn a_source_of_an_unknown_document_sentence_or_rule_is_an_error() {
        let d = doc(
            "a.txt",
            "Japan lifted export restrictions on South Korea.",
            "Ports",
            1,
        );
        let facts = Extractor::new().extract(&d);
        let err = encode(&facts[0], |_| None).unwrap_err().to_string();
        assert!(err.contains("a.txt, which has no head"), "{err}");
        let stored = encode(&facts[0], |_| Some(4)).unwrap();
        let none: Option<&DocMeta> = None;
        let err = decode(&stored, |_| none).unwrap_err().to_string();
        assert!(err.contains("cites the document number 4"), "{err}");
        let meta = DocMeta::of(&d);
        let with = |change: &dyn Fn(&mut Encoded)| {
            let mut broken = Encoded {
                data: stored.data.clone(),
                sources: stored.sources.clone(),
            };
            change(&mut broken);
            decode(&broken, |_| Some(&meta)).unwrap_err().to_string()
        };
        // the second varint is the sentence, the fifth the rule
        let err = with(&|e| e.sources[1] = 3);
        assert!(err.contains("sentence 3 of 1"), "{err}");
        let rule = stored.sources.len() - 5;
        let err = with(&|e| e.sources[rule] = 2);
        assert!(err.contains("rule 2 of 1"), "{err}");
        let err = with(&|e| {
            e.sources.pop();
        });
        assert!(err.contains("are damaged"), "{err}");
        let err = with(&|e| e.data.truncate(6));
        assert!(err.contains("not valid"), "{err}");
        let err = decode_whole("{\"id\":\"x\",\"kind\":{\"type\":\"event\"}}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not valid"), "{err}");
    }

    #[test]
    fn a_fact_of_schema_7_names_its_documents_by_path() {
        let d = doc(
            "feed.xml#2",
            "Japan lifted export restrictions on South Korea.",
            "Ports",
            1,
        );
        let facts = Extractor::new().extract(&d);
        let old = encode_schema_7(&facts[0]);
        assert!(old.contains("\"sources\":[[\"feed.xml#2\",0,"), "{old}");
        let mut parsed = parse(&old, None, None).unwrap();
        assert!(parsed.cites_paths());
        let meta = DocMeta::of(&d);
        complete(
            &mut parsed,
            |_| None,
            |p| (p == "feed.xml#2").then_some(&meta),
        )
        .unwrap();
        assert_eq!(parsed.fact, facts[0]);
        let stored = encode(&facts[0], |_| Some(4)).unwrap();
        assert!(
            !parse(&stored.data, None, Some(&stored.sources))
                .unwrap()
                .cites_paths()
        );
    }

    #[test]
    fn facts_sorted_before_completion_come_in_the_order_merging_gives() {
        let docs = [
            doc(
                "b.txt",
                "Japan lifted export restrictions on South Korea. Kenya opened a port in Mombasa.",
                "B",
                1,
            ),
            doc(
                "a.txt",
                "Kenya opened a port in Mombasa. Japan lifted export restrictions on South Korea.",
                "A",
                2,
            ),
            doc("c.xml#1", "Peru elected a president in 2021.", "C", 3),
        ];
        let extractor = Extractor::new();
        let merged =
            almanac_extract::merge(docs.iter().flat_map(|d| extractor.extract(d)).collect());
        assert!(merged.len() >= 3, "{merged:#?}");
        let metas: Vec<DocMeta> = docs.iter().map(DocMeta::of).collect();
        let number = |path: &str| {
            metas
                .iter()
                .position(|m| *m.path == *path)
                .map(|i| i as i64)
        };
        // stored in another order, as partitions merged apart are
        let parsed: Vec<Parsed> = merged
            .iter()
            .rev()
            .map(|f| {
                let first = f.sources.first().map(|s| &*s.doc_path);
                let stored = encode(f, number).unwrap();
                parse(&stored.data, first, Some(&stored.sources)).unwrap()
            })
            .collect();
        let mut parsed = parsed;
        sort(&mut parsed).unwrap();
        let back: Vec<Fact> = parsed
            .into_iter()
            .map(|mut p| {
                complete(&mut p, |n| metas.get(n as usize), |_| None).unwrap();
                p.fact
            })
            .collect();
        assert_eq!(back, merged);
        // a fact citing numbers sorts only with its first path
        let stored = encode(&merged[0], number).unwrap();
        let parsed = parse(&stored.data, None, Some(&stored.sources)).unwrap();
        let err = sort(&mut [parsed]).unwrap_err().to_string();
        assert!(err.contains("has no first path"), "{err}");
    }
}
