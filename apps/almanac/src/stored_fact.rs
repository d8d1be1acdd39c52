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
//! a source is `[document number, sentence number, span start, span end, rule, confidence]`,
//! the document number being its head's (`heads.doc`); the fact lists its distinct
//! sentences once, and the document's id, path, title and date come back from its head
//! (`heads.head`), which opening reads anyway. Extraction takes those fields from the
//! document a source cites, so the fact read back equals the fact written. An index of
//! schema 7 names a source's document by its path instead, which reads the same way.

use std::borrow::Cow;
use std::sync::Arc;

use almanac_ask::DocMeta;
use almanac_model::{Conflict, Event, Fact, FactKind, Provenance, Role};
use anyhow::Context;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

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
    /// Its sources, in order.
    #[serde(borrow)]
    sources: Vec<StoredSource<'a>>,
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

/// A source as stored: its document ([`DocRef`]), index into [`StoredFact::sentences`], span,
/// rule and confidence.
#[derive(Serialize, Deserialize)]
struct StoredSource<'a>(
    #[serde(borrow)] DocRef<'a>,
    usize,
    usize,
    usize,
    #[serde(borrow)] Cow<'a, str>,
    f32,
);

/// The document a stored source cites: its head's number (`heads.doc`), or its path as
/// schema 7 wrote it.
#[derive(Debug, Clone, PartialEq)]
enum DocRef<'a> {
    /// `heads.doc`.
    Number(i64),
    /// The document's path.
    Path(Cow<'a, str>),
}

impl Serialize for DocRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DocRef::Number(n) => s.serialize_i64(*n),
            DocRef::Path(p) => s.serialize_str(p),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for DocRef<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = DocRef<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a document number or path")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(DocRef::Number(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(DocRef::Number)
                    .map_err(|_| E::custom("a document number out of range"))
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(DocRef::Path(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(DocRef::Path(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The stored text of the merged fact `fact`, whose sources' documents `number` finds by
/// path (in `heads.doc`).
pub(crate) fn encode(fact: &Fact, number: impl Fn(&str) -> Option<i64>) -> anyhow::Result<String> {
    let mut sentences: Vec<Cow<'_, str>> = Vec::new();
    let mut numbers: FxHashMap<&str, usize> = FxHashMap::default();
    let sources = fact
        .sources
        .iter()
        .map(|s| {
            let n = *numbers.entry(&*s.sentence).or_insert_with(|| {
                sentences.push(Cow::Borrowed(&s.sentence));
                sentences.len() - 1
            });
            let doc = number(&s.doc_path).with_context(|| {
                format!("a merged fact cites {}, which has no head", s.doc_path)
            })?;
            Ok(StoredSource(
                DocRef::Number(doc),
                n,
                s.span.start,
                s.span.end,
                Cow::Borrowed(&s.rule),
                s.confidence,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(serde_json::to_string(&StoredFact {
        id: Cow::Borrowed(&fact.id),
        kind: KindRef::of(&fact.kind),
        sentences,
        sources,
        conflicts: fact.conflicts.clone(),
    })?)
}

/// A merged fact read by [`parse`], its sources not yet completed.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The fact; its sources' documents are known by [`Parsed::docs`] only.
    pub(crate) fact: Fact,
    /// The document number each source cites (`heads.doc`), or `None` where the source
    /// names its document by path (schema 7), in its `doc_path`.
    docs: Vec<Option<i64>>,
    /// The path of the first source's document, as stored beside the fact
    /// (`merged_facts.first_path`): it orders the facts before they are completed.
    first_path: Option<Box<str>>,
}

/// Reads the text of a fact stored by [`encode`]. Its sources name their documents by
/// number (or path) only: their id, path, title and date are left empty until [`complete`]
/// fills them in. Its distinct sentences and rules are shared by the sources that cite them.
pub(crate) fn parse(text: &str, first_path: Option<&str>) -> anyhow::Result<Parsed> {
    let stored: StoredFact<'_, StoredKind> =
        serde_json::from_str(text).context("a merged fact is not valid")?;
    let sentences: Vec<Arc<str>> = stored
        .sentences
        .iter()
        .map(|c| Arc::from(c.as_ref()))
        .collect();
    let unset: Arc<str> = Arc::from("");
    // a fact's sources mostly share one or two rules
    let mut rules: Vec<Arc<str>> = Vec::new();
    let mut docs = Vec::with_capacity(stored.sources.len());
    let sources = stored
        .sources
        .into_iter()
        .map(|StoredSource(doc, n, start, end, rule, confidence)| {
            let sentence = sentences.get(n).with_context(|| {
                format!(
                    "a merged fact's source cites its sentence {n} of {}",
                    sentences.len()
                )
            })?;
            let rule = match rules.iter().find(|r| ***r == *rule) {
                Some(r) => Arc::clone(r),
                None => {
                    let r: Arc<str> = Arc::from(rule.as_ref());
                    rules.push(Arc::clone(&r));
                    r
                }
            };
            let doc_path = match doc {
                DocRef::Number(n) => {
                    docs.push(Some(n));
                    Arc::clone(&unset)
                }
                DocRef::Path(path) => {
                    docs.push(None);
                    Arc::from(path.as_ref())
                }
            };
            Ok(Provenance {
                doc_id: Arc::clone(&unset),
                doc_path,
                doc_title: None,
                doc_date: None,
                sentence: Arc::clone(sentence),
                span: start..end,
                rule,
                confidence,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Parsed {
        fact: Fact {
            id: stored.id.into_owned(),
            kind: stored.kind.into(),
            sources,
            conflicts: stored.conflicts,
        },
        docs,
        first_path: first_path.map(Box::from),
    })
}

impl Parsed {
    /// The key [`almanac_extract::sort_merged`] orders the fact by once its sources are
    /// completed: its first source's document path and span start, then its id.
    fn order_key(&self) -> anyhow::Result<(Option<(&str, usize)>, &str)> {
        let first = match (self.fact.sources.first(), self.docs.first()) {
            (Some(source), Some(None)) => Some((&*source.doc_path, source.span.start)),
            (Some(source), _) => {
                let path = self.first_path.as_deref().with_context(|| {
                    format!("the merged fact {} has no first path", self.fact.id)
                })?;
                Some((path, source.span.start))
            }
            (None, _) => None,
        };
        Ok((first, &self.fact.id))
    }

    /// Whether a source names its document by path (an index of schema 7).
    pub(crate) fn cites_paths(&self) -> bool {
        self.docs.iter().any(Option::is_none)
    }
}

/// Sorts facts read by [`parse`] in the order [`almanac_extract::sort_merged`] gives them
/// once completed.
pub(crate) fn sort(parsed: Vec<Parsed>) -> anyhow::Result<Vec<Parsed>> {
    let order: Vec<usize> = {
        // each key made once; the position keeps equal keys in their order
        let mut keys = parsed
            .iter()
            .enumerate()
            .map(|(i, p)| Ok((p.order_key()?, i)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        keys.sort_unstable();
        keys.into_iter().map(|(_, i)| i).collect()
    };
    let mut slots: Vec<Option<Parsed>> = parsed.into_iter().map(Some).collect();
    Ok(order.iter().filter_map(|&i| slots[i].take()).collect())
}

/// Completes the sources of a fact read by [`parse`] from their documents' metadata, which
/// `by_number` finds by head number and `by_path` by path; the sources share the
/// metadata's strings.
pub(crate) fn complete<'d>(
    parsed: Parsed,
    by_number: impl Fn(i64) -> Option<&'d DocMeta>,
    by_path: impl Fn(&str) -> Option<&'d DocMeta>,
) -> anyhow::Result<Fact> {
    let Parsed {
        mut fact, docs, ..
    } = parsed;
    for (source, number) in fact.sources.iter_mut().zip(docs) {
        let doc = match number {
            Some(n) => by_number(n).with_context(|| {
                format!("a merged fact cites the document number {n}, which the index does not hold")
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
    Ok(fact)
}

/// Reads back a fact stored by [`encode`]; `document` finds a document's metadata by
/// number.
#[cfg(test)]
fn decode<'d>(text: &str, document: impl Fn(i64) -> Option<&'d DocMeta>) -> anyhow::Result<Fact> {
    complete(parse(text, None)?, document, |_| None)
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
            Some(10 + 7 * at as i64)
        };
        let by_number = |n: i64| metas.get(usize::try_from((n - 10) / 7).ok()?);
        for fact in &merged {
            let text = encode(fact, number).unwrap();
            assert!(text.contains("\"sources\":[[10,0,"), "{text}");
            let back = decode(&text, by_number).unwrap();
            assert_eq!(&back, fact);
            let whole = encode_whole(fact).unwrap();
            assert!(whole.contains("\"kind\":{\"event\":{"), "{whole}");
            assert_eq!(&decode_whole(&whole).unwrap(), fact);
            if fact.sources.len() == 2 {
                assert!(text.len() < serde_json::to_string(fact).unwrap().len() * 2 / 3);
            }
        }
    }

    #[test]
    fn a_source_of_an_unknown_document_or_sentence_is_an_error() {
        let d = doc(
            "a.txt",
            "Japan lifted export restrictions on South Korea.",
            "Ports",
            1,
        );
        let facts = Extractor::new().extract(&d);
        let err = encode(&facts[0], |_| None).unwrap_err().to_string();
        assert!(err.contains("a.txt, which has no head"), "{err}");
        let text = encode(&facts[0], |_| Some(4)).unwrap();
        let none: Option<&DocMeta> = None;
        let err = decode(&text, |_| none).unwrap_err().to_string();
        assert!(err.contains("cites the document number 4"), "{err}");
        let broken = text.replacen("[[4,0,", "[[4,3,", 1);
        let meta = DocMeta::of(&d);
        let err = decode(&broken, |_| Some(&meta)).unwrap_err().to_string();
        assert!(err.contains("sentence 3 of 1"), "{err}");
        let err = decode("{\"id\":", |_| Some(&meta)).unwrap_err().to_string();
        assert!(err.contains("not valid"), "{err}");
        let err = decode(&text.replacen("[[4,", "[[true,", 1), |_| Some(&meta))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not valid"), "{err}");
        let err = decode_whole("{\"id\":\"x\",\"kind\":{\"type\":\"event\"}}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not valid"), "{err}");
    }

    #[test]
    fn a_source_of_schema_7_names_its_document_by_path() {
        let d = doc(
            "feed.xml#2",
            "Japan lifted export restrictions on South Korea.",
            "Ports",
            1,
        );
        let facts = Extractor::new().extract(&d);
        let text = encode(&facts[0], |_| Some(4)).unwrap();
        let old = text.replacen("[[4,", "[[\"feed.xml#2\",", 1);
        let parsed = parse(&old, None).unwrap();
        assert!(parsed.cites_paths());
        let meta = DocMeta::of(&d);
        let back = complete(parsed, |_| None, |p| (p == "feed.xml#2").then_some(&meta)).unwrap();
        assert_eq!(back, facts[0]);
        assert!(!parse(&text, None).unwrap().cites_paths());
    }

    #[test]
    fn facts_sorted_before_completion_come_in_the_order_merging_gives() {
        let docs = [
            doc("b.txt", "Japan lifted export restrictions on South Korea. Kenya opened a port in Mombasa.", "B", 1),
            doc("a.txt", "Kenya opened a port in Mombasa. Japan lifted export restrictions on South Korea.", "A", 2),
            doc("c.xml#1", "Peru elected a president in 2021.", "C", 3),
        ];
        let extractor = Extractor::new();
        let merged = almanac_extract::merge(docs.iter().flat_map(|d| extractor.extract(d)).collect());
        assert!(merged.len() >= 3, "{merged:#?}");
        let metas: Vec<DocMeta> = docs.iter().map(DocMeta::of).collect();
        let number = |path: &str| metas.iter().position(|m| *m.path == *path).map(|i| i as i64);
        // stored in another order, as partitions merged apart are
        let parsed: Vec<Parsed> = merged
            .iter()
            .rev()
            .map(|f| {
                let first = f.sources.first().map(|s| &*s.doc_path);
                parse(&encode(f, number).unwrap(), first).unwrap()
            })
            .collect();
        let back: Vec<Fact> = sort(parsed)
            .unwrap()
            .into_iter()
            .map(|p| complete(p, |n| metas.get(n as usize), |_| None).unwrap())
            .collect();
        assert_eq!(back, merged);
        // a fact citing numbers sorts only with its first path
        let text = encode(&merged[0], number).unwrap();
        let err = sort(vec![parse(&text, None).unwrap()]).unwrap_err().to_string();
        assert!(err.contains("has no first path"), "{err}");
    }
}
