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
//! a source is `[document path, sentence number, span start, span end, rule, confidence]`;
//! the fact lists its distinct sentences once, and the document's id, title and date come
//! back from its head (`heads.head`), which opening reads anyway. Extraction takes those
//! four fields from the document a source cites, so the fact read back equals the fact
//! written.

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

/// A source as stored: document path, index into [`StoredFact::sentences`], span, rule and
/// confidence.
#[derive(Serialize, Deserialize)]
struct StoredSource<'a>(
    #[serde(borrow)] Cow<'a, str>,
    usize,
    usize,
    usize,
    #[serde(borrow)] Cow<'a, str>,
    f32,
);

/// The stored text of the merged fact `fact`.
pub(crate) fn encode(fact: &Fact) -> serde_json::Result<String> {
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
            StoredSource(
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
        sources,
        conflicts: fact.conflicts.clone(),
    })
}

/// Reads the text of a fact stored by [`encode`]. Its sources name their documents by path
/// only: their id, title and date are left empty until [`complete`] fills them in. Its
/// distinct sentences and rules are shared by the sources that cite them.
pub(crate) fn parse(text: &str) -> anyhow::Result<Fact> {
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
    let sources = stored
        .sources
        .into_iter()
        .map(|StoredSource(path, n, start, end, rule, confidence)| {
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
            Ok(Provenance {
                doc_id: Arc::clone(&unset),
                doc_path: Arc::from(path.as_ref()),
                doc_title: None,
                doc_date: None,
                sentence: Arc::clone(sentence),
                span: start..end,
                rule,
                confidence,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Fact {
        id: stored.id.into_owned(),
        kind: stored.kind.into(),
        sources,
        conflicts: stored.conflicts,
    })
}

/// Completes the sources of a fact read by [`parse`] from their documents' metadata, which
/// `document` finds by path; the sources share the metadata's strings.
pub(crate) fn complete<'d>(
    fact: &mut Fact,
    document: impl Fn(&str) -> Option<&'d DocMeta>,
) -> anyhow::Result<()> {
    for source in &mut fact.sources {
        let doc = document(&source.doc_path).with_context(|| {
            format!(
                "a merged fact cites the document {}, which the index does not hold",
                source.doc_path
            )
        })?;
        source.doc_id = Arc::clone(&doc.id);
        source.doc_path = Arc::clone(&doc.path);
        source.doc_title.clone_from(&doc.title);
        source.doc_date = doc.date;
    }
    Ok(())
}

/// Reads back a fact stored by [`encode`]; `document` finds a document's metadata by path.
#[cfg(test)]
fn decode<'d>(text: &str, document: impl Fn(&str) -> Option<&'d DocMeta>) -> anyhow::Result<Fact> {
    let mut fact = parse(text)?;
    complete(&mut fact, document)?;
    Ok(fact)
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
        for fact in &merged {
            let text = encode(fact).unwrap();
            let back = decode(&text, |p| metas.iter().find(|m| *m.path == *p)).unwrap();
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
        let text = encode(&facts[0]).unwrap();
        let none: Option<&DocMeta> = None;
        let err = decode(&text, |_| none).unwrap_err().to_string();
        assert!(err.contains("cites the document a.txt"), "{err}");
        let broken = text.replacen("[\"a.txt\",0,", "[\"a.txt\",3,", 1);
        let meta = DocMeta::of(&d);
        let err = decode(&broken, |_| Some(&meta)).unwrap_err().to_string();
        assert!(err.contains("sentence 3 of 1"), "{err}");
        let err = decode("{\"id\":", |_| Some(&meta)).unwrap_err().to_string();
        assert!(err.contains("not valid"), "{err}");
        let err = decode_whole("{\"id\":\"x\",\"kind\":{\"type\":\"event\"}}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not valid"), "{err}");
    }
}
