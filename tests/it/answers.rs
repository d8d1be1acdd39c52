//! Answers to the question sets in `fixtures/questions/`, over the facts and sentence evidence
//! of the seeds and the invented test articles (seeds, formats, articles; the app bundles only
//! the seeds), read as the app reads a folder (sidecars applied, never documents). Each
//! question file is one session, so consecutive lines can follow up on each other. Each answer shows its text, value, confidence (two
//! decimals) and source document; an abstention shows what was found nearby.

use std::sync::OnceLock;

use almanac_ask::Session;
use almanac_model::{DocEvidence, Document, Fact};

/// The folders of `fixtures/` the question sets are written against.
const KINDS: &[&str] = &["seeds", "formats", "articles"];

/// The documents, merged facts and sentence evidence of the bundled fixtures, read once.
fn corpus() -> &'static (Vec<Fact>, Vec<Document>, Vec<DocEvidence>) {
    static CORPUS: OnceLock<(Vec<Fact>, Vec<Document>, Vec<DocEvidence>)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let documents = crate::corpus::read_folders(KINDS, "fixtures/").documents;
        let extractor = almanac_extract::Extractor::new();
        let mut facts: Vec<Fact> = Vec::new();
        let mut evidence = Vec::new();
        for d in &documents {
            let (f, e) = extractor.extract_with_evidence(d);
            facts.extend(f);
            evidence.push(e);
        }
        (almanac_extract::merge(facts), documents, evidence)
    })
}

/// Asks every question of `text` in one session; one block per question.
fn check(text: &str) -> String {
    let (facts, documents, evidence) = corpus();
    let mut session = Session::with_evidence(facts.clone(), documents, evidence.clone());
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let answer = session.answer(line);
        out.push_str(&format!("Q: {line}\n"));
        match &answer.text {
            Some(text) => {
                for (i, l) in text.lines().enumerate() {
                    out.push_str(if i == 0 { "A: " } else { "   " });
                    out.push_str(l);
                    out.push('\n');
                }
                out.push_str(&format!(
                    "   value {}  confidence {:.2}  source {}\n",
                    answer.value.as_deref().unwrap_or("-"),
                    answer.confidence,
                    answer.source.as_ref().map_or("-", |s| s.doc.as_str()),
                ));
            }
            None => {
                out.push_str(&format!(
                    "A: (no answer)  confidence {:.2}\n",
                    answer.confidence
                ));
                if let Some(near) = answer.nearby.first() {
                    out.push_str(&format!(
                        "   nearby: {} ({:.2})\n",
                        near.text, near.confidence
                    ));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn answers() {
    insta::glob!("../../fixtures", "questions/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        insta::assert_snapshot!(check(&text));
    });
}

/// A question naming an entity by a name only the user's gazetteer knows (`QDX`): the session
/// built with that gazetteer (as `--gazetteer FILE` builds it) recognises the name; one with
/// the built-in gazetteer alone does not.
#[test]
fn user_gazetteer_names_reach_questions() {
    let root = crate::corpus::fixtures().join("gazetteer");
    let user = std::fs::read_to_string(root.join("user.tsv")).unwrap_or_default();
    let mut gazetteer = almanac_extract::Gazetteer::builtin();
    let extended = gazetteer.extend(&user);
    assert_eq!(extended.map_err(|e| e.to_string()), Ok(()));
    let bytes = std::fs::read(root.join("quillon_buys_arvex.txt")).unwrap_or_default();
    let documents = almanac_parse::read(
        "fixtures/gazetteer/quillon_buys_arvex.txt",
        &bytes,
        &almanac_parse::Options::default(),
    )
    .documents;
    let question = "When did QDX buy Arvex?";
    let mut out = String::new();
    for (label, extractor) in [
        (
            "user gazetteer",
            almanac_extract::Extractor::with_gazetteer(gazetteer),
        ),
        ("built-in gazetteer", almanac_extract::Extractor::new()),
    ] {
        let mut session = Session::from_documents(&extractor, &documents);
        let answer = session.answer(question);
        out.push_str(&format!(
            "{label}:\n  answer: {}\n  value: {}\n{}\n",
            answer.text.as_deref().unwrap_or("(no answer)"),
            answer.value.as_deref().unwrap_or("-"),
            answer
                .explanation
                .to_string()
                .lines()
                .filter(|l| l.contains("entit") || l.contains("QDX"))
                .collect::<Vec<_>>()
                .join("\n"),
        ));
    }
    insta::assert_snapshot!(out);
}
