//! Answers read from sentence evidence, over a small corpus written here: typed answers,
//! abstentions, and no panic on any question.

use almanac_ask::{Origin, Session};
use almanac_model::Document;
use proptest::prelude::*;

/// A session over two short dated articles (plain text with a `Published:` line).
fn session() -> Session {
    let texts = [
        (
            "airline.txt",
            "Coastal Air to cut jobs\nPublished: 2024-03-08\n\nCoastal Air said on Thursday it \
             would cut 1,150 jobs after a loss of $310 million. The carrier will also retire \
             nine aircraft by the end of the year, chief executive Mara Lindqvist said.",
        ),
        (
            "port.txt",
            "Harbour strike ends\nPublished: 2023-11-20\n\nDock workers at the port of Velden \
             ended a strike that lasted 12 days. The union accepted a pay rise of 6.5% over two \
             years, its leader Tomas Reyes said yesterday.",
        ),
    ];
    let mut documents: Vec<Document> = Vec::new();
    for (path, text) in texts {
        let parsed = almanac_parse::read(path, text.as_bytes(), &almanac_parse::Options::default());
        documents.extend(parsed.documents);
    }
    Session::from_documents(&almanac_extract::Extractor::new(), &documents)
}

/// Asks `question` in a new session: `(answer text, value, origin)`.
fn check(question: &str) -> (Option<String>, Option<String>, Option<Origin>) {
    let mut s = session();
    let a = s.answer(question);
    (a.text, a.value, a.origin)
}

#[test]
fn a_count_of_the_asked_noun() {
    let (text, value, _) = check("how many jobs will Coastal Air cut?");
    assert_eq!(value.as_deref(), Some("1150 jobs"), "{text:?}");
}

#[test]
fn a_duration_for_how_long() {
    let (text, value, origin) = check("how long did the strike at Velden last?");
    assert_eq!(value.as_deref(), Some("P12D"), "{text:?}");
    assert_eq!(origin, Some(Origin::Sentence));
}

#[test]
fn a_person_for_who() {
    let (text, _, _) = check("who is the leader of the union at Velden?");
    assert_eq!(text.as_deref(), Some("Tomas Reyes"));
    // FIXME: `leads` does not retrieve `its leader` (different stems, no verb-noun link), so
    // the paraphrase abstains.
    let (text, _, _) = check("who leads the dock workers' union?");
    assert_eq!(text, None);
}

#[test]
fn a_name_the_documents_never_mention_abstains() {
    let (text, _, _) = check("how many jobs will Aurora Airlines cut?");
    assert_eq!(text, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_question_is_answered_or_abstained_without_panic(q in "\\PC{0,80}") {
        let mut s = session();
        let a = s.answer(&q);
        prop_assert!(a.confidence.is_finite());
    }
}
